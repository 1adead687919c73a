//! `certscope` opens the window; `certscope report ...` prints what the window would show.

#[cfg(feature = "gui")]
mod app;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use certscope::load::LoadOptions;
use certscope::model::time::{local_offset, parse_rfc3339};
use certscope::report::{self, exit};

/// Certificate inspector: load certificate files, see the chain and every field.
#[derive(Parser)]
#[command(name = "certscope", version, args_conflicts_with_subcommands = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// Open the bundled sample chain in the window.
    #[arg(long)]
    sample: bool,
    /// Check revocation (OCSP and CRL) as soon as the certificates are loaded.
    #[arg(long)]
    check_revocation: bool,
    /// Files to open in the window.
    files: Vec<PathBuf>,
}

#[derive(Subcommand)]
#[allow(clippy::large_enum_variant)] // parsed once per run: boxing clap's fields buys nothing
enum Command {
    /// Print the verdict, the findings with their fixes, then every detail, as text, JSON or Markdown. Exit 0: no
    /// finding is an error; 1: one is (expired, untrusted, a missing intermediate, wrong host or purpose, revoked or
    /// unverifiable, a weak algorithm; a lint only with --strict); 2: a named input could not be read or a host
    /// reached, or bad flags.
    Report {
        /// JSON for tools instead of text (the same as --format json).
        #[arg(long)]
        json: bool,
        /// text (default), json, markdown (for a ticket) or csv (an inventory).
        #[arg(long, value_enum, value_name = "FORMAT")]
        format: Option<FormatChoice>,
        /// Count lint errors (rules CAs must follow) as errors: in the verdict and the exit code.
        #[arg(long)]
        strict: bool,
        /// Judge an S/MIME certificate for this email address (in its SAN rfc822Name).
        #[arg(long, value_name = "ADDRESS")]
        email: Option<String>,
        /// Fetch missing intermediates of files from their caIssuers URLs (AIA). Hosts always do.
        #[arg(long)]
        aia: bool,
        /// Write the chain to serve (the leaf, then its intermediates in order, as PEM) to this file.
        #[arg(long, value_name = "FILE")]
        chain_out: Option<PathBuf>,
        /// Print how long each phase took (load, chains, revocation, diagnosis, rendering) to stderr.
        #[arg(long)]
        timings: bool,
        /// Judge validity at this time (RFC 3339, e.g. 2026-01-31T12:00:00Z) instead of now.
        #[arg(long, value_name = "RFC3339")]
        time: Option<String>,
        /// Password for PKCS#12 files (default: try the empty password).
        #[arg(long, value_name = "PASS")]
        password: Option<String>,
        /// Download each certificate's CRLs (distribution points) and check it against them.
        #[arg(long)]
        crl: bool,
        /// Ask each certificate's OCSP responder (from its AIA) whether it is revoked.
        #[arg(long)]
        ocsp: bool,
        /// Ask this OCSP responder instead of the ones the certificates name (implies --ocsp).
        #[arg(long, value_name = "URL")]
        ocsp_url: Option<String>,
        /// Send OCSP requests by GET (RFC 5019, the request in the URL) instead of POST.
        #[arg(long)]
        ocsp_get: bool,
        /// Send no nonce in OCSP requests.
        #[arg(long)]
        no_nonce: bool,
        /// Hash the issuer in OCSP CertIDs with SHA-256 instead of SHA-1.
        #[arg(long)]
        certid_sha256: bool,
        /// Trust these roots (PEM) too: a private PKI's.
        #[arg(long, value_name = "PEM")]
        ca_file: Option<PathBuf>,
        /// The one trust store the verdict is for (default: any of Mozilla's, the system's, the given roots).
        #[arg(long, value_enum, value_name = "STORE")]
        trust: Option<TrustChoice>,
        /// Judge each leaf for this name (DNS name or IP address).
        #[arg(long, value_name = "NAME")]
        hostname: Option<String>,
        /// Judge each leaf for this purpose (default: what its extended key usage says, else server).
        #[arg(long, value_enum, value_name = "PURPOSE")]
        purpose: Option<PurposeChoice>,
        /// Judge by what browsers enforce (default), or by the CA/Browser Forum's Baseline Requirements strictly
        /// (issuance rules such as "the CN is one of the SAN names" fail instead of giving a note).
        #[arg(long, value_enum, value_name = "RULES")]
        rules: Option<RulesChoice>,
        /// Name and check SCTs against this CT log list (Chrome's v3 JSON, as published at
        /// https://www.gstatic.com/ct/log_list/v3/log_list.json) instead of the vendored one.
        #[arg(long, value_name = "FILE")]
        ct_log_list: Option<PathBuf>,
        /// For hosts: upgrade to TLS with STARTTLS first: smtp, imap, pop3, ldap, xmpp, xmpp-server,
        /// ftp, postgres or mysql (each with its own default port).
        #[arg(long, value_name = "PROTOCOL", value_parser = starttls_choice)]
        starttls: Option<certscope::net::tls::StartTls>,
        /// For hosts: the name to send in SNI, when not the host's.
        #[arg(long, value_name = "NAME")]
        sni: Option<String>,
        /// For hosts: present this client certificate when the server asks for one: a PKCS#12
        /// file (its password by --password), or a certificate file with --client-key.
        #[arg(long, value_name = "FILE")]
        client_cert: Option<PathBuf>,
        /// The private key of --client-cert (PEM or PKCS#8 DER, not encrypted).
        #[arg(long, value_name = "FILE", requires = "client_cert")]
        client_key: Option<PathBuf>,
        /// Network timeout in seconds, per request.
        #[arg(long, value_name = "SECS", default_value_t = 10)]
        timeout: u64,
        /// Refuse inputs larger than this many bytes, unread.
        #[arg(long, value_name = "BYTES", default_value_t = certscope::load::DEFAULT_MAX_BYTES)]
        max_size: u64,
        /// Certificate files (PEM, DER, PKCS#7, PKCS#12, CSR, CRL), folders of them, `-` for standard input,
        /// or hosts (`host`, `host:port`, `https://host/`) whose TLS chain is fetched. A path that exists wins.
        #[arg(required = true, value_name = "PATH|HOST")]
        paths: Vec<PathBuf>,
    },
    /// Print the ASN.1 structure of a DER or PEM file (a certificate, CSR, CRL, OCSP message,
    /// PKCS#7, PKCS#12…), node by node as `openssl asn1parse -i` does, OIDs named. Exit 0: every
    /// object read to its end; 1: one is malformed (the nodes read so far are printed); 2: the
    /// file could not be read.
    Asn1 {
        /// JSON for tools: objects, each with its nodes (offset, header_length, length, depth, tag,
        /// constructed, value, oid_name).
        #[arg(long)]
        json: bool,
        /// Refuse files larger than this many bytes, unread.
        #[arg(long, value_name = "BYTES", default_value_t = certscope::load::DEFAULT_MAX_BYTES)]
        max_size: u64,
        /// The file (`-` for standard input).
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

/// `--trust`: whose roots.
#[derive(Clone, Copy, clap::ValueEnum)]
enum TrustChoice {
    /// Mozilla's roots (webpki-roots), as browsers trust.
    Mozilla,
    /// The operating system's trust store.
    System,
}

/// `--starttls`: a protocol's key (`smtp`, `ldap`, `xmpp-server`, `postgres`, …).
fn starttls_choice(text: &str) -> Result<certscope::net::tls::StartTls, String> {
    use certscope::net::tls::StartTls;
    StartTls::from_scheme(&text.to_ascii_lowercase()).ok_or_else(|| {
        let keys: Vec<&str> = StartTls::ALL.iter().map(|p| p.key()).collect();
        format!("one of {}", keys.join(", "))
    })
}

/// `--rules`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum RulesChoice {
    /// What browsers enforce; Baseline Requirements issuance rules give notes.
    Browsers,
    /// The Baseline Requirements as written: a breach fails.
    Cabf,
}

/// `--purpose`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum PurposeChoice {
    /// A TLS server's certificate.
    Server,
    /// A TLS client's certificate.
    Client,
    /// A code-signing certificate.
    Codesigning,
    /// An S/MIME certificate.
    Email,
    /// An OCSP responder's certificate.
    Ocsp,
    /// A time-stamping authority's certificate.
    Timestamping,
    /// An IPsec certificate.
    Ipsec,
}

impl PurposeChoice {
    fn purpose(self) -> certscope::diagnose::Purpose {
        use certscope::diagnose::Purpose;
        match self {
            Self::Server => Purpose::Server,
            Self::Client => Purpose::Client,
            Self::Codesigning => Purpose::CodeSigning,
            Self::Email => Purpose::Email,
            Self::Ocsp => Purpose::Ocsp,
            Self::Timestamping => Purpose::TimeStamping,
            Self::Ipsec => Purpose::Ipsec,
        }
    }
}

/// `--format`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum FormatChoice {
    /// For people.
    Text,
    /// For tools.
    Json,
    /// For a ticket.
    Markdown,
    /// For a spreadsheet: one row per distinct certificate (subject, issuer, dates, days left,
    /// key, signature algorithm, SHA-256, verdict, reason, CA, files).
    Csv,
}

/// How to judge chains.
struct Judging {
    /// The roots given (`--ca-file`), DER, and where they came from.
    given: Vec<Vec<u8>>,
    given_words: String,
    trust: certscope::diagnose::TrustChoice,
    name: Option<String>,
    email: Option<String>,
    purpose: Option<certscope::diagnose::Purpose>,
    rules: certscope::trust::Rules,
    strict: bool,
    ct_logs: Option<std::sync::Arc<certscope::ct::LogList>>,
}

fn main() -> ExitCode {
    START.get_or_init(std::time::Instant::now);
    // Read while the process has one thread: `time` refuses later (see model::time).
    let local = local_offset();
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Report {
            json,
            format,
            strict,
            email,
            aia,
            chain_out,
            timings,
            time,
            password,
            crl,
            ocsp,
            ocsp_url,
            ocsp_get,
            no_nonce,
            certid_sha256,
            ca_file,
            trust,
            hostname,
            purpose,
            rules,
            ct_log_list,
            starttls,
            sni,
            client_cert,
            client_key,
            timeout,
            max_size,
            paths,
        }) => {
            let client = match &client_cert {
                None => None,
                Some(path) => {
                    match certscope::load::client_identity(path, client_key.as_deref(), password.as_deref()) {
                        Ok(identity) => Some(std::sync::Arc::new(identity)),
                        Err(why) => {
                            eprintln!("certscope: --client-cert: {why}");
                            return ExitCode::from(exit::COULD_NOT_RUN);
                        }
                    }
                }
            };
            let given = match &ca_file {
                None => Vec::new(),
                Some(path) => match std::fs::read(path)
                    .map_err(|e| e.to_string())
                    .and_then(|bytes| certscope::trust::roots_from_pem(&bytes))
                {
                    Ok(roots) => roots,
                    Err(why) => {
                        eprintln!("certscope: --ca-file {}: {why}", path.display());
                        return ExitCode::from(exit::COULD_NOT_RUN);
                    }
                },
            };
            let ct_logs = match &ct_log_list {
                None => None,
                Some(path) => match std::fs::read(path).map_err(|e| e.to_string()).and_then(|bytes| {
                    certscope::ct::LogList::parse(&bytes, &path.display().to_string()).map_err(|e| e.to_string())
                }) {
                    Ok(list) => Some(std::sync::Arc::new(list)),
                    Err(why) => {
                        eprintln!("certscope: --ct-log-list {}: {why}", path.display());
                        return ExitCode::from(exit::COULD_NOT_RUN);
                    }
                },
            };
            let judging = Judging {
                given,
                given_words: ca_file.as_ref().map(|p| format!("the roots in {}", p.display())).unwrap_or_default(),
                trust: match trust {
                    None => certscope::diagnose::TrustChoice::Any,
                    Some(TrustChoice::Mozilla) => certscope::diagnose::TrustChoice::Mozilla,
                    Some(TrustChoice::System) => certscope::diagnose::TrustChoice::System,
                },
                name: hostname,
                email,
                purpose: purpose.map(PurposeChoice::purpose),
                rules: match rules {
                    Some(RulesChoice::Cabf) => certscope::trust::Rules::Cabf,
                    _ => certscope::trust::Rules::Browsers,
                },
                strict,
                ct_logs,
            };
            let format = match (format, json) {
                (Some(format), _) => format,
                (None, true) => FormatChoice::Json,
                (None, false) => FormatChoice::Text,
            };
            let timeout = std::time::Duration::from_secs(timeout);
            let checks = certscope::revocation::NetworkChecks {
                crl: crl.then_some(certscope::net::Limits { timeout, ..certscope::net::Limits::CRL }),
                ocsp: (ocsp || ocsp_url.is_some()).then(|| certscope::revocation::OcspOptions {
                    cert_id_hash: if certid_sha256 {
                        certscope::revocation::CertIdHash::Sha256
                    } else {
                        certscope::revocation::CertIdHash::Sha1
                    },
                    nonce: !no_nonce,
                    get: ocsp_get,
                    url: ocsp_url,
                    limits: certscope::net::Limits { timeout, ..certscope::net::Limits::OCSP },
                    ..Default::default()
                }),
                routes: Vec::new(),
            };
            let load = LoadOptions { max_bytes: max_size, password };
            let connect = certscope::net::tls::ConnectOptions { timeout, sni, client, starttls };
            let run = ReportRun { format, time, load, checks, judging, connect, aia, chain_out, timings };
            run_report(&run, &paths, local)
        }
        Some(Command::Asn1 { json, max_size, file }) => run_asn1(&file, json, max_size),
        #[cfg(feature = "gui")]
        None => app::run(cli.files, app::Start { sample: cli.sample, check_revocation: cli.check_revocation }, local),
        #[cfg(not(feature = "gui"))]
        None => {
            eprintln!("certscope: built without the window (--no-default-features): use `certscope report FILE...`");
            ExitCode::from(2)
        }
    }
}

/// `certscope asn1`.
fn run_asn1(file: &std::path::Path, json: bool, max_size: u64) -> ExitCode {
    use std::io::Read;
    let mut bytes = Vec::new();
    let read = if file.as_os_str() == "-" {
        std::io::stdin().take(max_size.saturating_add(1)).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(file).and_then(|f| f.take(max_size.saturating_add(1)).read_to_end(&mut bytes))
    };
    if let Err(why) = read {
        eprintln!("certscope: {}: {why}", file.display());
        return ExitCode::from(exit::COULD_NOT_RUN);
    }
    if bytes.len() as u64 > max_size {
        eprintln!("certscope: {}: larger than {max_size} bytes (--max-size)", file.display());
        return ExitCode::from(exit::COULD_NOT_RUN);
    }
    let objects = certscope::asn1::objects(&bytes);
    if json {
        let value = serde_json::json!({ "file": file.display().to_string(), "objects": objects });
        println!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
    } else {
        for (index, object) in objects.iter().enumerate() {
            if objects.len() > 1 || object.label.is_some() {
                let label = object.label.as_deref().unwrap_or("DER");
                println!("{}{label} ({} bytes)", if index > 0 { "\n" } else { "" }, object.size);
            }
            let tree = certscope::asn1::Tree { nodes: object.nodes.clone(), error: object.error.clone() };
            print!("{}", certscope::asn1::text(&tree));
        }
    }
    if objects.iter().any(|o| o.error.is_some()) { ExitCode::from(exit::CHECK_FAILED) } else { ExitCode::SUCCESS }
}

/// What `certscope report` was asked to do.
struct ReportRun {
    format: FormatChoice,
    time: Option<String>,
    load: LoadOptions,
    checks: certscope::revocation::NetworkChecks,
    judging: Judging,
    connect: certscope::net::tls::ConnectOptions,
    aia: bool,
    chain_out: Option<PathBuf>,
    timings: bool,
}

/// One argument of `certscope report`, classified.
enum Source {
    Files(PathBuf),
    Stdin,
    Host(certscope::net::tls::Target, Option<certscope::net::tls::StartTls>),
}

fn run_report(run: &ReportRun, paths: &[PathBuf], local: time::UtcOffset) -> ExitCode {
    let (checks, judging, options) = (&run.checks, &run.judging, &run.load);
    let show_progress = {
        use std::io::IsTerminal as _;
        std::io::stderr().is_terminal() && !matches!(run.format, FormatChoice::Json)
    };
    let now = match run.time.as_deref().map(parse_rfc3339) {
        None => time::OffsetDateTime::now_utc(),
        Some(Ok(at)) => at,
        Some(Err(why)) => {
            eprintln!("certscope: --time: {why}");
            return ExitCode::from(exit::COULD_NOT_RUN);
        }
    };
    // A path that exists wins over a host name; `-` is standard input, read once in its place.
    let default_port = run.connect.starttls.map_or(443, certscope::net::tls::StartTls::default_port);
    let sources: Vec<Source> = paths
        .iter()
        .map(|path| match path.to_str() {
            Some("-") => Source::Stdin,
            Some(text) if !path.exists() => match certscope::net::tls::parse_target_with_protocol(text, default_port) {
                // smtp:// and friends say which STARTTLS to speak, unless --starttls already did.
                Ok((target, starttls)) => Source::Host(target, starttls.or(run.connect.starttls)),
                Err(_) => Source::Files(path.clone()),
            },
            _ => Source::Files(path.clone()),
        })
        .collect();
    // Hosts are fetched at the same time, while the trust stores are read.
    let (mut fetched, anchors) = std::thread::scope(|scope| {
        let anchors = scope.spawn(|| certscope::diagnose::Anchors::load(&judging.given, &judging.given_words));
        let jobs: Vec<_> = sources
            .iter()
            .map(|source| match source {
                Source::Host(target, starttls) => Some(scope.spawn(move || {
                    let options = certscope::net::tls::ConnectOptions { starttls: *starttls, ..run.connect.clone() };
                    certscope::host::fetch(target, &options)
                })),
                _ => None,
            })
            .collect();
        let fetched: Vec<Option<certscope::host::Fetched>> =
            jobs.into_iter().map(|job| job.and_then(|job| job.join().ok())).collect();
        let anchors = anchors.join().unwrap_or_else(|_| certscope::diagnose::Anchors::offline(&judging.given, ""));
        (fetched, anchors)
    });
    let mut inputs = Vec::new();
    let mut named = Vec::new();
    let mut hosts: Vec<(usize, certscope::host::Fetched)> = Vec::new();
    for (source, fetched) in sources.iter().zip(fetched.iter_mut()) {
        match source {
            Source::Files(path) => {
                // Files found inside a folder were not named: one that holds no certificate is skipped.
                let folder = path.is_dir();
                let (files, cut) = certscope::load::list_files(std::slice::from_ref(path));
                if cut {
                    let cap = certscope::load::MAX_FOLDER_FILES;
                    eprintln!(
                        "certscope: {} holds more than {cap} files: only the first {cap} (in name order) are read",
                        path.display()
                    );
                }
                // A long load says how far it is, on a terminal only (never in a pipe or beside JSON).
                let progress = files.len() > 100 && show_progress;
                certscope::load::load_files_in_batches(&files, options, 64, |batch, done, total| {
                    for (_, input) in batch {
                        inputs.push(input);
                        named.push(!folder);
                    }
                    if progress {
                        eprint!("\rcertscope: loading {}: {done} of {total} files", path.display());
                    }
                    true
                });
                if progress {
                    eprintln!();
                }
            }
            Source::Stdin => {
                inputs.push(read_stdin(options));
                named.push(true);
            }
            Source::Host(..) => {
                if let Some(fetched) = fetched.take() {
                    inputs.push(fetched.input.clone());
                    named.push(true);
                    hosts.push((inputs.len() - 1, fetched));
                }
            }
        }
    }
    let mut extras = vec![report::InputExtras::default(); inputs.len()];
    // The checklist a client runs, as evidence beside the findings: for hosts always (their
    // missing intermediates fetched by AIA), for files when a judging flag asks for it.
    let store = match (judging.given.is_empty(), judging.trust) {
        (false, _) => certscope::trust::TrustStore::Custom(judging.given.clone()),
        (true, certscope::diagnose::TrustChoice::System) => certscope::trust::TrustStore::System,
        (true, _) => certscope::trust::TrustStore::Mozilla,
    };
    let checklist = run.asked_for_checklist();
    // The stores were read once, with the diagnosis's: the checklist takes its store from them.
    let store_anchors = match (!hosts.is_empty() || checklist).then(|| anchors.of_store(&store)).transpose() {
        Ok(store_anchors) => store_anchors.unwrap_or_default(),
        Err(why) => {
            eprintln!("certscope: trust store: {why}");
            return ExitCode::from(exit::COULD_NOT_RUN);
        }
    };
    let aia_limits = certscope::net::Limits { timeout: run.connect.timeout, max_bytes: 1024 * 1024 };
    if !hosts.is_empty() || checklist {
        let roots = certscope::host::Judging::roots_of(&store);
        let aia = certscope::trust::AiaOptions { limits: aia_limits, ..Default::default() };
        let how = certscope::host::Judging {
            store: &store,
            anchors: &store_anchors,
            purpose: judging.purpose.unwrap_or_default(),
            rules: judging.rules,
            name: judging.name.as_deref(),
            roots: &roots,
            aia: &aia,
            skew: checks.ocsp.as_ref().map_or(certscope::revocation::CLOCK_SKEW, |o| o.skew),
        };
        let mut appended = Vec::new();
        for (index, fetched) in &hosts {
            let judged = certscope::host::judge_input(&inputs[*index], *index, Some(fetched), &how, now);
            let sent = inputs[*index].certificates.len();
            extras[*index] = report::InputExtras {
                validation: judged.validation,
                connection: fetched.connection.clone(),
                stapled_ocsp: judged.stapled_ocsp,
                fetched_from: judged.fetched.iter().enumerate().map(|(i, f)| (sent + i, f.url.clone())).collect(),
            };
            appended.push((*index, judged.fetched));
        }
        // Intermediates fetched by AIA join their input: chains and revocation see them too.
        for (index, fetched) in appended {
            inputs[index].certificates.extend(fetched.into_iter().map(|f| f.certificate));
        }
    }
    // Files: missing intermediates fetched by AIA only when asked (files never touch the network unasked).
    if run.aia {
        let files: Vec<&certscope::Input> =
            inputs.iter().enumerate().filter(|(i, _)| extras[*i].connection.is_none()).map(|(_, i)| i).collect();
        let index_of: Vec<usize> = (0..inputs.len()).filter(|i| extras[*i].connection.is_none()).collect();
        let aia = certscope::trust::AiaOptions { limits: aia_limits, from_server: false, ..Default::default() };
        let found = certscope::diagnose::fetch_missing(&files, &anchors, &aia);
        for (file, fetched) in found {
            let Some(&index) = index_of.get(file) else { continue };
            let at = inputs[index].certificates.len();
            extras[index].fetched_from.push((at, fetched.url));
            inputs[index].certificates.push(fetched.certificate);
        }
    }
    if checklist {
        // Each file's leaf judged with every file's certificates: the workspace, not the file alone.
        let judge = certscope::trust::Judge {
            anchors: &store_anchors,
            store: &store,
            name: judging.name.as_deref(),
            purpose: judging.purpose.unwrap_or_default(),
            now,
            rules: judging.rules,
        };
        let files: Vec<&certscope::model::Certificate> = inputs
            .iter()
            .enumerate()
            .filter(|(i, _)| extras[*i].connection.is_none())
            .flat_map(|(_, input)| &input.certificates)
            .collect();
        let judged: Vec<(usize, Option<certscope::trust::Validation>)> = inputs
            .iter()
            .enumerate()
            .filter(|(i, _)| extras[*i].connection.is_none())
            .filter_map(|(index, input)| {
                // A signed file's leaf is its signer, judged for what it signed.
                let signer = input.signatures.first().and_then(|s| s.signer).and_then(|i| input.certificates.get(i));
                let leaf = signer.or_else(|| input.certificates.first())?;
                let purpose = judging.purpose.unwrap_or_else(|| match input.signatures.first() {
                    Some(s) if matches!(s.kind, "Authenticode" | "JAR") => certscope::diagnose::Purpose::CodeSigning,
                    _ => certscope::diagnose::Purpose::of_leaf(leaf),
                });
                let judge = certscope::trust::Judge { purpose, ..judge };
                let mut sent = vec![leaf];
                sent.extend(files.iter().copied().filter(|c| c.der != leaf.der));
                Some((index, certscope::trust::judge_sent(&sent, &judge)))
            })
            .collect();
        for (index, validation) in judged {
            extras[index].validation = validation;
        }
    }
    let mut phases = Phases::new(run.timings);
    phases.done("load (files, hosts, trust stores)");
    let chains = certscope::build_chains(&inputs);
    phases.done("chains");
    let mut revocation = certscope::revocation::check_network(
        &certscope::revocation::issued(&inputs, &chains),
        now,
        checks,
        &certscope::revocation::CrlCache::default(),
    );
    // CRL files given beside certificates are checked against them too.
    revocation.crl.splice(0..0, certscope::revocation::check_loaded(&inputs, &chains, now));
    let refs: Vec<&certscope::Input> = inputs.iter().collect();
    let workspace = certscope::diagnose::Workspace {
        inputs: &refs,
        chains: &chains,
        revocation: &revocation,
        extras: &extras,
        named: Some(&named),
    };
    let diagnose_options = certscope::diagnose::Options {
        trust: judging.trust,
        name: judging.name.clone(),
        email: judging.email.clone(),
        purpose: judging.purpose,
        rules: judging.rules,
        strict: judging.strict,
        revocation_asked: checks.ocsp.is_some() || checks.crl.is_some(),
        ct_logs: judging.ct_logs.clone(),
        ..certscope::diagnose::Options::at(now)
    };
    phases.done("revocation");
    let diagnosis = certscope::diagnose::diagnose(&workspace, &anchors, &diagnose_options);
    phases.done("diagnosis");
    let report = report::Report {
        inputs: &inputs,
        chains: &chains,
        revocation: &revocation,
        extras: &extras,
        diagnosis: &diagnosis,
        now,
        local,
    };
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    // Text and JSON are written as they are produced (a CRL of a million entries is never held
    // whole as text); Markdown and CSV are small.
    let written = match run.format {
        FormatChoice::Json => report::write_json(&report, &mut stdout).and_then(|()| writeln!(stdout)),
        FormatChoice::Text => report::write_text(&report, &mut stdout).and_then(|()| writeln!(stdout)),
        FormatChoice::Markdown => writeln!(stdout, "{}", report::to_markdown(&report)),
        FormatChoice::Csv => writeln!(stdout, "{}", report::to_csv(&report)),
    };
    if let Err(err) = written.and_then(|()| stdout.flush())
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("certscope: could not write the report: {err}");
        return ExitCode::from(exit::COULD_NOT_RUN);
    }
    for input in inputs.iter().filter(|i| i.error.is_some()) {
        if let Some(error) = &input.error {
            eprintln!("certscope: {}: {error}", input.source);
        }
    }
    if let Some(path) = &run.chain_out {
        match diagnosis.first_leaf().map(|chain| certscope::diagnose::chain_to_serve(chain, &workspace)) {
            Some(pem) => {
                if let Err(err) = std::fs::write(path, pem) {
                    eprintln!("certscope: --chain-out {}: {err}", path.display());
                    return ExitCode::from(exit::COULD_NOT_RUN);
                }
                eprintln!("certscope: wrote the chain to serve to {}", path.display());
            }
            None => {
                eprintln!("certscope: --chain-out: no leaf certificate was loaded to write a chain for");
                return ExitCode::from(exit::COULD_NOT_RUN);
            }
        }
    }
    phases.done("rendering and writing");
    phases.print();
    let code = ExitCode::from(report::exit_code(&diagnosis));
    // The process ends here: freeing a bundle's thousands of certificates and findings one by
    // one only delays the exit.
    std::mem::forget(diagnosis);
    std::mem::forget(refs);
    std::mem::forget((revocation, chains, inputs, extras));
    code
}

/// `--timings`: how long each phase of a report took, measured from the start of the run.
struct Phases {
    on: bool,
    start: std::time::Instant,
    last: std::time::Instant,
    done: Vec<(&'static str, std::time::Duration, Option<u64>)>,
}

/// The process's resident memory now, in MB, where the system says (Linux's /proc).
fn resident_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

impl Phases {
    fn new(on: bool) -> Self {
        let now = std::time::Instant::now();
        Self { on, start: START.get().copied().unwrap_or(now), last: now, done: Vec::new() }
    }

    fn done(&mut self, phase: &'static str) {
        let now = std::time::Instant::now();
        let since = if self.done.is_empty() { self.start } else { self.last };
        self.done.push((phase, now - since, if self.on { resident_mb() } else { None }));
        self.last = now;
    }

    fn print(&self) {
        if !self.on {
            return;
        }
        let total = self.last - self.start;
        for (phase, took, resident) in &self.done {
            let share = took.as_secs_f64() / total.as_secs_f64().max(f64::EPSILON) * 100.0;
            let resident = resident.map(|mb| format!("  {mb:>5} MB resident after")).unwrap_or_default();
            eprintln!("certscope: {phase:<36} {:>9.1} ms  {share:>5.1} %{resident}", took.as_secs_f64() * 1000.0);
        }
        eprintln!("certscope: {:<36} {:>9.1} ms", "total", total.as_secs_f64() * 1000.0);
    }
}

/// When the process started, for `--timings`.
static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

impl ReportRun {
    /// The per-input checklist (JSON `validation`) for files is printed when a judging flag asks.
    fn asked_for_checklist(&self) -> bool {
        let j = &self.judging;
        !j.given.is_empty()
            || j.trust != certscope::diagnose::TrustChoice::Any
            || j.name.is_some()
            || j.purpose.is_some()
            || j.rules != certscope::trust::Rules::Browsers
    }
}

fn read_stdin(options: &LoadOptions) -> certscope::Input {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    let limit = options.max_bytes.saturating_add(1);
    match std::io::stdin().lock().take(limit).read_to_end(&mut bytes) {
        Ok(_) => certscope::load_bytes("standard input", &bytes, options),
        Err(err) => certscope::Input {
            source: "standard input".into(),
            error: Some(certscope::LoadError::Read { path: "standard input".into(), reason: err.to_string() }),
            ..Default::default()
        },
    }
}
