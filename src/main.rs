//! `certscope` opens the window; `certscope report ...` prints what the window would show.

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
enum Command {
    /// Print what the window shows, as text or JSON. Exit 0: all loaded and no check failed; 1: a certificate is
    /// revoked or its revocation could not be verified, or a chain judged (hosts; files with a trust flag) would be
    /// rejected; 2: an input could not be read or parsed.
    Report {
        /// JSON for tools instead of text.
        #[arg(long)]
        json: bool,
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
        /// Judge each input's chain against these roots (PEM) instead of Mozilla's.
        #[arg(long, value_name = "PEM")]
        ca_file: Option<PathBuf>,
        /// Judge each input's chain against this trust store.
        #[arg(long, value_enum, value_name = "STORE")]
        trust: Option<TrustChoice>,
        /// Judge each input's leaf for this name (DNS name or IP address).
        #[arg(long, value_name = "NAME")]
        hostname: Option<String>,
        /// Judge each input's chain for this purpose (default: server).
        #[arg(long, value_enum, value_name = "PURPOSE")]
        purpose: Option<PurposeChoice>,
        /// Judge by what browsers enforce (default), or by the CA/Browser Forum's Baseline Requirements strictly
        /// (issuance rules such as "the CN is one of the SAN names" fail instead of giving a note).
        #[arg(long, value_enum, value_name = "RULES")]
        rules: Option<RulesChoice>,
        /// For hosts: upgrade to TLS with STARTTLS (mail servers).
        #[arg(long, value_enum, value_name = "PROTOCOL")]
        starttls: Option<StartTlsChoice>,
        /// For hosts: the name to send in SNI, when not the host's.
        #[arg(long, value_name = "NAME")]
        sni: Option<String>,
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
}

/// `--trust`: whose roots.
#[derive(Clone, Copy, clap::ValueEnum)]
enum TrustChoice {
    /// Mozilla's roots (webpki-roots), as browsers trust.
    Mozilla,
    /// The operating system's trust store.
    System,
}

/// `--starttls`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum StartTlsChoice {
    /// SMTP (port 587 unless given)
    Smtp,
    /// IMAP (port 143 unless given)
    Imap,
    /// POP3 (port 110 unless given)
    Pop3,
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
}

/// How to judge chains, when asked.
struct Judging {
    store: certscope::trust::TrustStore,
    name: Option<String>,
    purpose: certscope::trust::Purpose,
    rules: certscope::trust::Rules,
}

fn main() -> ExitCode {
    // Read while the process has one thread: `time` refuses later (see model::time).
    let local = local_offset();
    let cli = Cli::parse();
    match cli.command {
        Some(Command::Report {
            json,
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
            starttls,
            sni,
            timeout,
            max_size,
            paths,
        }) => {
            // Chains are judged when any of these is given.
            let judging =
                if ca_file.is_some() || trust.is_some() || hostname.is_some() || purpose.is_some() || rules.is_some() {
                    let store = match (&ca_file, trust) {
                        (Some(path), _) => match std::fs::read(path)
                            .map_err(|e| e.to_string())
                            .and_then(|bytes| certscope::trust::roots_from_pem(&bytes))
                        {
                            Ok(roots) => certscope::trust::TrustStore::Custom(roots),
                            Err(why) => {
                                eprintln!("certscope: --ca-file {}: {why}", path.display());
                                return ExitCode::from(exit::COULD_NOT_RUN);
                            }
                        },
                        (None, Some(TrustChoice::System)) => certscope::trust::TrustStore::System,
                        (None, _) => certscope::trust::TrustStore::Mozilla,
                    };
                    let purpose = match purpose {
                        Some(PurposeChoice::Client) => certscope::trust::Purpose::Client,
                        _ => certscope::trust::Purpose::Server,
                    };
                    let rules = match rules {
                        Some(RulesChoice::Cabf) => certscope::trust::Rules::Cabf,
                        _ => certscope::trust::Rules::Browsers,
                    };
                    Some(Judging { store, name: hostname, purpose, rules })
                } else {
                    None
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
            let connect = certscope::net::tls::ConnectOptions {
                timeout,
                sni,
                starttls: starttls.map(|choice| match choice {
                    StartTlsChoice::Smtp => certscope::net::tls::StartTls::Smtp,
                    StartTlsChoice::Imap => certscope::net::tls::StartTls::Imap,
                    StartTlsChoice::Pop3 => certscope::net::tls::StartTls::Pop3,
                }),
            };
            let run = ReportRun { json, time, load, checks, judging, connect };
            run_report(&run, &paths, local)
        }
        None => app::run(cli.files, app::Start { sample: cli.sample, check_revocation: cli.check_revocation }, local),
    }
}

/// What `certscope report` was asked to do.
struct ReportRun {
    json: bool,
    time: Option<String>,
    load: LoadOptions,
    checks: certscope::revocation::NetworkChecks,
    judging: Option<Judging>,
    connect: certscope::net::tls::ConnectOptions,
}

/// One argument of `certscope report`, classified.
enum Source {
    Files(PathBuf),
    Stdin,
    Host(certscope::net::tls::Target, Option<certscope::net::tls::StartTls>),
}

fn run_report(run: &ReportRun, paths: &[PathBuf], local: time::UtcOffset) -> ExitCode {
    let (json, checks, judging, options) = (run.json, &run.checks, run.judging.as_ref(), &run.load);
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
    // Hosts are fetched at the same time.
    let mut fetched: Vec<Option<certscope::host::Fetched>> = std::thread::scope(|scope| {
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
        jobs.into_iter().map(|job| job.and_then(|job| job.join().ok())).collect()
    });
    let mut inputs = Vec::new();
    let mut hosts: Vec<(usize, certscope::host::Fetched)> = Vec::new();
    for (source, fetched) in sources.iter().zip(fetched.iter_mut()) {
        match source {
            Source::Files(path) => inputs.extend(
                certscope::load::load_paths(std::slice::from_ref(path), options).into_iter().map(|(_, input)| input),
            ),
            Source::Stdin => inputs.push(read_stdin(options)),
            Source::Host(..) => {
                if let Some(fetched) = fetched.take() {
                    inputs.push(fetched.input.clone());
                    hosts.push((inputs.len() - 1, fetched));
                }
            }
        }
    }
    // Chains are judged when asked, and a host's always (against Mozilla's roots unless told).
    let mut extras = vec![report::InputExtras::default(); inputs.len()];
    let mut appended = Vec::new();
    if judging.is_some() || !hosts.is_empty() {
        let store = judging.map_or(certscope::trust::TrustStore::Mozilla, |j| j.store.clone());
        let anchors = match store.anchors() {
            Ok(anchors) => anchors,
            Err(why) => {
                eprintln!("certscope: trust store: {why}");
                return ExitCode::from(exit::COULD_NOT_RUN);
            }
        };
        let roots = certscope::host::Judging::roots_of(&store);
        let aia = certscope::trust::AiaOptions {
            limits: certscope::net::Limits { timeout: run.connect.timeout, max_bytes: 1024 * 1024 },
            ..Default::default()
        };
        let how = certscope::host::Judging {
            store: &store,
            anchors: &anchors,
            purpose: judging.map_or(certscope::trust::Purpose::Server, |j| j.purpose),
            rules: judging.map_or(certscope::trust::Rules::Browsers, |j| j.rules),
            name: judging.and_then(|j| j.name.as_deref()),
            roots: &roots,
            aia: &aia,
            skew: checks.ocsp.as_ref().map_or(certscope::revocation::CLOCK_SKEW, |o| o.skew),
        };
        for (index, input) in inputs.iter().enumerate() {
            let host = hosts.iter().find(|(i, _)| *i == index).map(|(_, fetched)| fetched);
            if judging.is_none() && host.is_none() {
                continue;
            }
            let judged = certscope::host::judge_input(input, index, host, &how, now);
            let sent = input.certificates.len();
            extras[index] = report::InputExtras {
                validation: judged.validation,
                connection: host.and_then(|h| h.connection.clone()),
                stapled_ocsp: judged.stapled_ocsp,
                fetched_from: judged.fetched.iter().enumerate().map(|(i, f)| (sent + i, f.url.clone())).collect(),
            };
            appended.push((index, judged.fetched));
        }
    }
    // Intermediates fetched by AIA join their input: chains and revocation see them too.
    for (index, fetched) in appended {
        inputs[index].certificates.extend(fetched.into_iter().map(|f| f.certificate));
    }
    let chains = certscope::build_chains(&inputs);
    // CRL files given beside certificates are checked against them.
    let mut revocation = certscope::revocation::check_network(
        &certscope::revocation::issued(&inputs, &chains),
        now,
        checks,
        &certscope::revocation::CrlCache::default(),
    );
    // CRL files given beside certificates are checked against them too.
    revocation.crl.splice(0..0, certscope::revocation::check_loaded(&inputs, &chains, now));
    let text = if json {
        report::to_json(&inputs, &chains, &revocation, &extras, now)
    } else {
        report::to_text(&inputs, &chains, &revocation, &extras, now, local)
    };
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    if let Err(err) = writeln!(stdout, "{text}").and_then(|()| stdout.flush())
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
    ExitCode::from(report::exit_code(&inputs, &revocation, &extras))
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
