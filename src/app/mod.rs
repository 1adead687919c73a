//! The window: owns what is loaded and the jobs loading it; each panel draws from that state
//! and returns what the user asked for, applied once at the end of the frame.

mod details;
mod explain;
mod job;
mod judging;
#[cfg(test)]
mod tests;
mod tree;
mod verdict;
mod welcome;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use certscope::chain::{CertRef, Chain};
use certscope::load::{Input, LoadOptions, load_bytes, load_path};
use certscope::revocation::demo::SampleResponder;
use certscope::revocation::{CrlCache, LoadedCrlCheck, Revocation};
use certscope::settings::Settings;
use egui::{Key, KeyboardShortcut, Modifiers};
use time::{OffsetDateTime, UtcOffset};

use job::Job;
pub use tree::Selection;

/// Ctrl+O: open files.
pub const SHORTCUT_OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);

/// The bundled sample chain: a leaf, a revoked leaf, the issuing CA and the root.
pub use certscope::revocation::demo::SAMPLE_CHAIN;

/// What to do once the window is open, from the command line.
pub struct Start {
    /// Open the sample chain.
    pub sample: bool,
    /// Check revocation of everything once loaded.
    pub check_revocation: bool,
}

/// Opens the window; `files` are loaded at once.
pub fn run(files: Vec<PathBuf>, start: Start, local: UtcOffset) -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("certscope")
            .with_inner_size([1200.0, 760.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let result = eframe::run_native(
        "certscope",
        options,
        Box::new(move |cc| {
            let mut app = App::new(Settings::default_path(), local);
            app.check_when_loaded = start.check_revocation;
            if start.sample {
                app.run(&cc.egui_ctx, Command::OpenSample);
            }
            // As in the report: a path that exists wins; otherwise a host name is fetched.
            let (hosts, files): (Vec<PathBuf>, Vec<PathBuf>) = files.into_iter().partition(|path| {
                !path.exists()
                    && path.to_str().is_some_and(|t| certscope::net::tls::parse_target_with_protocol(t, 443).is_ok())
            });
            app.open_paths(&cc.egui_ctx, files);
            for host in hosts.iter().filter_map(|h| h.to_str()) {
                app.run(&cc.egui_ctx, Command::FetchHost(host.to_string()));
            }
            Ok(Box::new(app))
        }),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("certscope: could not open the window: {err}");
            eprintln!("certscope: `certscope report FILE...` works without a display");
            ExitCode::from(2)
        }
    }
}

/// One loaded input, with what is needed to load it again (with a password).
pub struct Loaded {
    /// What loaded.
    pub input: Arc<Input>,
    origin: Origin,
    /// The password being typed for a PKCS#12 file.
    pub password: String,
    /// Still loading: the slot keeps the order the user opened files in.
    pub pending: bool,
    /// For a host: its connection and the verdict on its chain.
    pub host: Option<Arc<HostView>>,
}

/// What the window shows of a host beyond its certificates.
pub struct HostView {
    /// What the diagnosis reads of it: the connection, the chain judged as a client would,
    /// which certificates were fetched by AIA, not sent. (Its staple is among the OCSP answers.)
    pub extras: certscope::diagnose::InputExtras,
    /// How it was judged: "for 'name' against Mozilla's roots, by browsers' rules".
    pub judged: String,
}

/// A host fetched and judged, ready to become an input.
struct HostResult {
    input: Input,
    view: HostView,
    staple: Option<certscope::revocation::OcspCheck>,
}

/// Where the settings file stands: it is read once, off the UI thread.
enum SettingsState {
    NotRead,
    Reading(Job<Settings>),
    /// Read, or there is no file to read.
    Read,
    /// Changes made while reading, to merge into what is read, then save.
    ReadingDirty(Job<Settings>),
}

/// What an open request asked for, and each file it loaded.
type Opened = (Vec<PathBuf>, Vec<(PathBuf, Input)>);

/// A revocation check in flight, and the certificates it answers for.
struct RevocationJob {
    id: u64,
    targets: Vec<CertRef>,
    job: Job<Revocation>,
}

/// A load in flight, and the slot its result goes to.
struct Pending {
    slot: usize,
    /// Loading again (with a password): the result takes the selection.
    retry: bool,
    origin: Origin,
    job: Job<Input>,
}

#[derive(Clone)]
enum Origin {
    Path(PathBuf),
    Bytes(Arc<Vec<u8>>),
    /// A host's chain, fetched over TLS.
    Host(String),
}

/// What the user asked for this frame; applied after drawing.
#[must_use]
pub enum Command {
    /// Show the file dialog.
    OpenDialog,
    /// Load files by path.
    OpenPaths(Vec<PathBuf>),
    /// Load the bundled sample chain.
    OpenSample,
    /// Ask the system for the clipboard's text (it arrives as a paste event).
    Paste,
    /// Select something to show on the right.
    Select(Selection),
    /// Load a PKCS#12 input again with the password typed for it.
    Unlock(usize),
    /// Forget everything loaded.
    Clear,
    /// Put text on the clipboard, saying what was copied.
    Copy { what: String, text: String },
    /// Save bytes to a file chosen in a dialog.
    Save { suggested_name: String, bytes: Vec<u8> },
    /// Put the text report of everything loaded on the clipboard (what `certscope report` prints).
    CopyReport,
    /// Check these certificates' revocation (OCSP and CRL) over the network.
    CheckRevocation(Vec<CertRef>),
    /// Check every loaded certificate whose issuer is known.
    CheckAllRevocation,
    /// Stop waiting for a revocation check.
    CancelCheck(u64),
    /// Fetch a host's chain over TLS.
    FetchHost(String),
    /// Judge everything again: the Verdict panel's form changed.
    Rediagnose,
    /// Save the chain to serve for this leaf (leaf and intermediates, PEM).
    SaveChain(CertRef),
    /// Fetch the intermediates files lack from their caIssuers URLs (AIA).
    FetchMissing,
    /// Stop waiting for a host.
    CancelHost,
    /// Open a certificate given as DER (an OCSP responder's) as a new input.
    OpenCertificate { source: String, der: Vec<u8> },
    /// The input size cap changed: keep it.
    SaveSettings,
    /// Choose the Host options' CA file in a dialog.
    ChooseCaFile,
}

/// The application state.
pub struct App {
    settings: Settings,
    settings_path: Option<PathBuf>,
    local: UtcOffset,
    /// Fixed in tests, so what is drawn does not depend on the day.
    clock: Option<OffsetDateTime>,
    inputs: Vec<Loaded>,
    /// Loads in flight: where the result goes (a new input, or replacing one).
    loading: Vec<Pending>,
    chains: Arc<Vec<Chain>>,
    /// CRL checks of loaded certificates against loaded CRL files (by the chain job).
    loaded_crl: Vec<LoadedCrlCheck>,
    /// Answers from the network (OCSP, downloaded CRLs): the latest check of each certificate.
    network: Revocation,
    /// What the panels show: both of the above.
    revocation: Arc<Revocation>,
    /// Certificates whose issuer is known (a verified link): those revocation can be asked about.
    checkable: Arc<std::collections::HashSet<CertRef>>,
    chain_job: Option<Job<(Vec<Chain>, Vec<LoadedCrlCheck>)>>,
    /// Revocation checks in flight.
    checks: Vec<RevocationJob>,
    next_check: u64,
    /// CRLs downloaded this session.
    crl_cache: Arc<CrlCache>,
    /// A host being fetched.
    host_job: Option<Job<HostResult>>,
    /// The one diagnosis of everything loaded, and the job computing the next one.
    diagnosis: Option<Arc<certscope::diagnose::Diagnosis>>,
    diagnosis_job: Option<Job<certscope::diagnose::Diagnosis>>,
    /// Something changed while the diagnosis job ran: judge again when it lands.
    diagnosis_stale: bool,
    /// The trust stores, read once (the system's from the disk) by the first diagnosis job.
    anchors: Arc<std::sync::OnceLock<certscope::diagnose::Anchors>>,
    /// The Verdict panel's form: name, purpose, store, strictness.
    form: verdict::Form,
    /// Intermediates fetched by AIA into file inputs: input -> (index, URL).
    fetched: std::collections::HashMap<usize, Vec<(usize, String)>>,
    fetch_job: Option<Job<Vec<(usize, certscope::trust::Fetched)>>>,
    /// The host field (welcome screen and toolbar).
    host_field: String,
    /// Answers the sample chain's OCSP and CRL requests while the sample is open.
    sample_responder: Option<SampleResponder>,
    /// Check everything's revocation when the next chains land (`--check-revocation`).
    check_when_loaded: bool,
    /// Tests send the sample's requests elsewhere (a silent port).
    #[cfg(test)]
    test_routes: Option<Vec<(String, String)>>,
    /// The left panel's rows, rebuilt when inputs or chains change.
    rows: Vec<tree::Row>,
    tree: tree::TreeView,
    dialog: Option<Job<Vec<PathBuf>>>,
    /// The file dialog choosing the hosts' CA file.
    ca_dialog: Option<Job<Option<PathBuf>>>,
    /// Hosts asked for before the settings (their Host options) were read: fetched once they are.
    hosts_after_settings: Vec<String>,
    /// Files and folders being opened, a job per request.
    opening: Vec<Job<Opened>>,
    selected: Option<Selection>,
    path_field: String,
    /// A short message at the bottom: "Copied SHA-256 fingerprint", "Saved to ...".
    status: Option<String>,
    save_job: Option<Job<String>>,
    report_job: Option<Job<String>>,
    settings_state: SettingsState,
    settings_generation: u64,
    /// The generation last written to disk, shared with the saving threads.
    settings_written: Arc<std::sync::Mutex<u64>>,
}

impl App {
    /// A new app. Settings are read from `settings_path` by a job on the first frame
    /// (missing or corrupt: defaults), so a slow home folder never holds up the window.
    pub fn new(settings_path: Option<PathBuf>, local: UtcOffset) -> Self {
        Self {
            settings: Settings::default(),
            settings_state: SettingsState::NotRead,
            settings_path,
            local,
            clock: None,
            inputs: Vec::new(),
            loading: Vec::new(),
            chains: Arc::new(Vec::new()),
            loaded_crl: Vec::new(),
            network: Revocation::default(),
            revocation: Arc::new(Revocation::default()),
            checkable: Arc::default(),
            chain_job: None,
            checks: Vec::new(),
            next_check: 0,
            crl_cache: Arc::default(),
            sample_responder: None,
            host_job: None,
            diagnosis: None,
            diagnosis_job: None,
            diagnosis_stale: false,
            anchors: Arc::default(),
            form: verdict::Form::default(),
            fetched: std::collections::HashMap::new(),
            fetch_job: None,
            host_field: String::new(),
            check_when_loaded: false,
            #[cfg(test)]
            test_routes: None,
            rows: Vec::new(),
            tree: tree::TreeView::default(),
            dialog: None,
            ca_dialog: None,
            hosts_after_settings: Vec::new(),
            opening: Vec::new(),
            selected: None,
            path_field: String::new(),
            status: None,
            save_job: None,
            report_job: None,
            settings_generation: 0,
            settings_written: Arc::new(std::sync::Mutex::new(0)),
        }
    }

    /// URL prefixes answered elsewhere: the sample's by its built-in responder (and the tests' own).
    fn routes(&self) -> Vec<(String, String)> {
        #[cfg(test)]
        if let Some(routes) = &self.test_routes {
            return routes.clone();
        }
        self.sample_responder.as_ref().map(SampleResponder::routes).unwrap_or_default()
    }

    /// How missing intermediates are fetched: the settings' timeout, the routes, and whether the
    /// chain came from a server (the words say who left the gap).
    fn aia_options(&self, from_server: bool) -> certscope::trust::AiaOptions {
        let defaults = certscope::trust::AiaOptions::default();
        certscope::trust::AiaOptions {
            limits: certscope::net::Limits {
                timeout: std::time::Duration::from_secs(self.settings.revocation.timeout_secs.max(1)),
                ..defaults.limits
            },
            routes: self.routes(),
            from_server,
            ..defaults
        }
    }

    /// Whether the settings file has been read (or there is none to read).
    fn settings_read(&self) -> bool {
        self.settings_path.is_none() || matches!(self.settings_state, SettingsState::Read)
    }

    /// Browsers' rules, or the Baseline Requirements' strictly (a setting).
    fn rules(&self) -> certscope::trust::Rules {
        if self.settings.strict_cabf { certscope::trust::Rules::Cabf } else { certscope::trust::Rules::Browsers }
    }

    fn now(&self) -> OffsetDateTime {
        self.clock.unwrap_or_else(OffsetDateTime::now_utc)
    }

    fn options(&self, password: Option<String>) -> LoadOptions {
        LoadOptions { max_bytes: self.settings.max_input_bytes, password }
    }

    /// Starts loading files. Even telling a file from a folder touches the disk, so one job
    /// expands the paths (folders into their files) and loads them all on the library's workers.
    pub fn open_paths(&mut self, ctx: &egui::Context, paths: Vec<PathBuf>) {
        if paths.is_empty() {
            return;
        }
        let label = match paths.as_slice() {
            [one] => format!("Opening {}", one.display()),
            many => format!("Opening {} paths", many.len()),
        };
        let options = self.options(None);
        self.opening.push(Job::spawn(label, ctx, move |_| {
            let loaded = certscope::load::load_paths(&paths, &options);
            Ok((paths, loaded))
        }));
    }

    /// Starts loading bytes from a paste or the sample.
    pub fn open_bytes(&mut self, ctx: &egui::Context, source: &str, bytes: Vec<u8>) {
        let origin = Origin::Bytes(Arc::new(bytes));
        self.start_load_named(ctx, None, origin, None, source.to_string());
    }

    fn start_load(&mut self, ctx: &egui::Context, replace: Option<usize>, origin: Origin, password: Option<String>) {
        let source = match &origin {
            Origin::Path(path) => path.display().to_string(),
            Origin::Host(host) => host.clone(),
            Origin::Bytes(_) => replace
                .and_then(|i| self.inputs.get(i))
                .map_or_else(|| "pasted text".to_string(), |l| l.input.source.clone()),
        };
        self.start_load_named(ctx, replace, origin, password, source);
    }

    fn start_load_named(
        &mut self,
        ctx: &egui::Context,
        replace: Option<usize>,
        origin: Origin,
        password: Option<String>,
        source: String,
    ) {
        let options = self.options(password);
        let work_origin = origin.clone();
        let retry = replace.is_some_and(|i| i < self.inputs.len());
        let slot = match replace.filter(|_| retry) {
            Some(slot) => slot,
            None => {
                let placeholder = Input { source: source.clone(), ..Input::default() };
                let origin = origin.clone();
                self.inputs.push(Loaded {
                    input: Arc::new(placeholder),
                    origin,
                    password: String::new(),
                    pending: true,
                    host: None,
                });
                self.rebuild_rows();
                self.inputs.len() - 1
            }
        };
        self.inputs[slot].pending = true;
        let name = source.rsplit('/').next().unwrap_or(&source).to_string();
        let job = Job::spawn(format!("Loading {name}"), ctx, move |cancel| {
            if cancel.load(std::sync::atomic::Ordering::Relaxed) {
                return Err("cancelled".into());
            }
            Ok(match work_origin {
                Origin::Path(path) => load_path(&path, &options),
                Origin::Bytes(bytes) => load_bytes(&source, &bytes, &options),
                Origin::Host(_) => return Err("a host is fetched again with Fetch, not reloaded".into()),
            })
        });
        self.loading.push(Pending { slot, retry, origin, job });
    }

    /// Polls jobs and takes input events; draws nothing. eframe calls it before each `ui`.
    pub fn poll(&mut self, ctx: &egui::Context) {
        self.poll_settings(ctx);
        if self.settings_read() {
            for host in std::mem::take(&mut self.hosts_after_settings) {
                self.start_fetch(ctx, &host);
            }
        }
        self.take_input_events(ctx);
        let mut changed = false;
        for Pending { slot, retry, origin, job } in std::mem::take(&mut self.loading) {
            match job.try_take() {
                Ok(result) => {
                    let input = result.unwrap_or_else(|why| Input {
                        source: "(unknown)".into(),
                        error: Some(certscope::LoadError::Parse(why)),
                        ..Input::default()
                    });
                    self.landed(slot, retry, origin, input);
                    changed = true;
                }
                Err(job) => self.loading.push(Pending { slot, retry, origin, job }),
            }
        }
        for job in std::mem::take(&mut self.opening) {
            match job.try_take() {
                Ok(Ok((requested, loaded))) => {
                    // Remember what the user opened (a folder stays a folder), if anything in it loaded.
                    let worked = |asked: &PathBuf| {
                        loaded.iter().any(|(path, input)| path.starts_with(asked) && input.error.is_none())
                    };
                    let remembered: Vec<&PathBuf> = requested.iter().filter(|asked| worked(asked)).collect();
                    if !remembered.is_empty() {
                        remembered.into_iter().rev().for_each(|path| self.settings.remember(path));
                        self.save_settings();
                    }
                    for (path, input) in loaded {
                        self.push_input(Origin::Path(path), input);
                    }
                    changed = true;
                }
                Ok(Err(why)) => self.status = Some(why),
                Err(job) => self.opening.push(job),
            }
        }
        if let Some(job) = self.dialog.take() {
            match job.try_take() {
                Ok(Ok(paths)) if paths.is_empty() => {
                    self.status = Some(
                        "No files chosen (or no file dialog on this system): drop files on the window, \
                         paste PEM text or type a path"
                            .into(),
                    );
                }
                Ok(Ok(paths)) => self.open_paths(ctx, paths),
                Ok(Err(why)) => self.status = Some(why),
                Err(job) => self.dialog = Some(job),
            }
        }
        if let Some(job) = self.ca_dialog.take() {
            match job.try_take() {
                Ok(Ok(Some(path))) => {
                    self.settings.host.ca_file = path.display().to_string();
                    self.settings.host.roots = certscope::settings::HostRoots::CaFile;
                    self.save_settings();
                }
                Ok(Ok(None)) => self.status = Some("No CA file chosen: type its path in Host options".into()),
                Ok(Err(why)) => self.status = Some(why),
                Err(job) => self.ca_dialog = Some(job),
            }
        }
        if let Some(job) = self.report_job.take() {
            match job.try_take() {
                Ok(Ok(report)) => {
                    let lines = report.lines().count();
                    ctx.copy_text(report);
                    self.status = Some(format!("Copied the report ({lines} lines) to the clipboard"));
                }
                Ok(Err(why)) => self.status = Some(why),
                Err(job) => self.report_job = Some(job),
            }
        }
        if let Some(job) = self.save_job.take() {
            match job.try_take() {
                Ok(Ok(message) | Err(message)) => self.status = Some(message),
                Err(job) => self.save_job = Some(job),
            }
        }
        changed |= self.poll_host();
        changed |= self.poll_judging(ctx);
        if changed {
            self.rebuild_rows();
            let inputs: Vec<Arc<Input>> = self.inputs.iter().map(|l| Arc::clone(&l.input)).collect();
            let now = self.now();
            self.chain_job = Some(Job::spawn("Building chains", ctx, move |_| {
                let chains = certscope::build_chains(&inputs);
                let crl = certscope::revocation::check_loaded(&inputs, &chains, now);
                Ok((chains, crl))
            }));
        }
        if let Some(job) = self.chain_job.take() {
            match job.try_take() {
                Ok(Ok((chains, crl))) => {
                    let inputs: Vec<&Input> = self.inputs.iter().map(|l| l.input.as_ref()).collect();
                    let checkable = certscope::revocation::issued(&inputs, &chains).into_iter().map(|(r, ..)| r);
                    self.checkable = Arc::new(checkable.collect());
                    self.chains = Arc::new(chains);
                    self.loaded_crl = crl;
                    self.merge_revocation(ctx);
                    if self.loading.is_empty() && self.opening.is_empty() && std::mem::take(&mut self.check_when_loaded)
                    {
                        self.run(ctx, Command::CheckAllRevocation);
                    }
                }
                Ok(Err(why)) => self.status = Some(why),
                Err(job) => self.chain_job = Some(job),
            }
        }
        self.poll_checks(ctx);
    }

    /// Takes a host that has been fetched: it becomes an input, its staple an OCSP answer.
    /// True when an input landed.
    fn poll_host(&mut self) -> bool {
        let Some(job) = self.host_job.take() else { return false };
        match job.try_take() {
            Ok(Ok(result)) => {
                let source = result.input.source.clone();
                if result.input.error.is_none() {
                    self.settings.remember_host(&source);
                    self.save_settings();
                }
                self.push_input(Origin::Host(source), result.input);
                let slot = self.inputs.len() - 1;
                self.inputs[slot].host = Some(Arc::new(result.view));
                if let Some(check) = result.staple {
                    let certificate = CertRef { input: slot, index: 0 };
                    self.network.ocsp.push(certscope::revocation::LoadedOcspCheck { certificate, check });
                }
                self.selected = Some(if self.inputs[slot].input.certificates.is_empty() {
                    Selection::Input(slot)
                } else {
                    Selection::Certificate(CertRef { input: slot, index: 0 })
                });
                true
            }
            Ok(Err(why)) => {
                self.status = Some(why);
                false
            }
            Err(job) => {
                self.host_job = Some(job);
                false
            }
        }
    }

    /// Takes the revocation checks that have landed: each replaces the earlier answers about
    /// the certificates it checked.
    fn poll_checks(&mut self, ctx: &egui::Context) {
        let mut landed = false;
        for check in std::mem::take(&mut self.checks) {
            let RevocationJob { id, targets, job } = check;
            match job.try_take() {
                Ok(Ok(result)) => {
                    self.network.crl.retain(|r| !targets.contains(&r.certificate));
                    self.network.ocsp.retain(|r| !targets.contains(&r.certificate));
                    let (answers, bad) = (result.crl.len() + result.ocsp.len(), result.any_not_good());
                    self.network.crl.extend(result.crl);
                    self.network.ocsp.extend(result.ocsp);
                    self.status = Some(match answers {
                        0 => "No revocation information: the certificates name no OCSP responder or CRL".into(),
                        n if bad => format!("Revocation checked: {n} answer(s), NOT all good (see the marks)"),
                        n => format!("Revocation checked: {n} answer(s), all good"),
                    });
                    landed = true;
                }
                Ok(Err(why)) => self.status = Some(why),
                Err(job) => self.checks.push(RevocationJob { id, targets, job }),
            }
        }
        if landed {
            self.merge_revocation(ctx);
        }
    }

    /// Fetches a host's chain and judges it, as a job: the connection, the chain as sent
    /// (missing intermediates fetched by AIA), the verdict and the staple.
    fn start_fetch(&mut self, ctx: &egui::Context, text: &str) {
        let text = text.trim().to_string();
        if !self.settings_read() {
            // `certscope HOST` at start: the Host options (SNI, roots) are in the settings file.
            self.hosts_after_settings.push(text);
            return;
        }
        let options = self.settings.host.clone();
        let default_port = options.starttls.map_or(443, certscope::net::tls::StartTls::default_port);
        let (target, starttls) = match certscope::net::tls::parse_target_with_protocol(&text, default_port) {
            // A mail URL says which STARTTLS to speak; otherwise the Host options do.
            Ok((target, starttls)) => (target, starttls.or(options.starttls)),
            Err(why) => {
                self.status = Some(why);
                return;
            }
        };
        if let Some(old) = self.host_job.take() {
            old.cancel();
        }
        let (rules, aia) = (self.rules(), self.aia_options(true));
        let timeout = std::time::Duration::from_secs(self.settings.revocation.timeout_secs.max(1));
        let skew = time::Duration::minutes(i64::try_from(self.settings.revocation.clock_skew_minutes).unwrap_or(5));
        let now = self.now();
        let label = format!("Fetching {text}");
        self.host_job = Some(Job::spawn(label, ctx, move |cancel| {
            let sni = Some(options.sni.trim().to_string()).filter(|s| !s.is_empty());
            let connect = certscope::net::tls::ConnectOptions { timeout, starttls, sni };
            // The roots first: a CA file that cannot be read is said before any connection.
            let store = options.store().map_err(|e| format!("Not fetched: {e}"))?;
            let anchors = store.anchors()?;
            let fetched = certscope::host::fetch(&target, &connect);
            if cancel.load(std::sync::atomic::Ordering::Relaxed) {
                return Err("cancelled".into());
            }
            let roots = certscope::host::Judging::roots_of(&store);
            let judging = certscope::host::Judging {
                store: &store,
                anchors: &anchors,
                purpose: certscope::trust::Purpose::Server,
                rules,
                name: None,
                roots: &roots,
                aia: &aia,
                skew,
            };
            let judged = certscope::host::judge_input(&fetched.input, 0, Some(&fetched), &judging, now);
            let mut input = fetched.input.clone();
            let sent = input.certificates.len();
            let fetched_from = judged.fetched.iter().enumerate().map(|(i, f)| (sent + i, f.url.clone())).collect();
            input.certificates.extend(judged.fetched.into_iter().map(|f| f.certificate));
            let store_words = match options.roots {
                certscope::settings::HostRoots::CaFile => format!("the roots in {}", options.ca_file.trim()),
                _ => store.describe().to_string(),
            };
            let view = HostView {
                judged: format!("for '{}' against {store_words}, by {}", fetched.judged_name(), rules.words()),
                extras: certscope::diagnose::InputExtras {
                    connection: fetched.connection,
                    validation: judged.validation.filter(|_| input.error.is_none()),
                    stapled_ocsp: None,
                    fetched_from,
                },
            };
            Ok(HostResult { input, view, staple: judged.stapled_ocsp.map(|s| s.check) })
        }));
    }

    /// Rebuilds what the panels show from the loaded CRL checks and the network's answers.
    fn merge_revocation(&mut self, ctx: &egui::Context) {
        let mut crl = self.loaded_crl.clone();
        crl.extend(self.network.crl.iter().cloned());
        self.revocation = Arc::new(Revocation { crl, ocsp: self.network.ocsp.clone() });
        self.rebuild_rows();
        self.rediagnose(ctx);
    }

    /// Starts checking `targets` (those with a known issuer) by OCSP and CRL, as a job.
    fn start_check(&mut self, ctx: &egui::Context, targets: Vec<CertRef>) {
        let targets: Vec<CertRef> = targets.into_iter().filter(|r| self.checkable.contains(r)).collect();
        if targets.is_empty() {
            self.status = Some("Nothing to check: revocation needs the certificate's issuer to be loaded".into());
            return;
        }
        let busy: Vec<CertRef> = self.checks.iter().flat_map(|c| c.targets.iter().copied()).collect();
        let targets: Vec<CertRef> = targets.into_iter().filter(|r| !busy.contains(r)).collect();
        if targets.is_empty() {
            return;
        }
        let inputs: Vec<Arc<Input>> = self.inputs.iter().map(|l| Arc::clone(&l.input)).collect();
        let label = match targets.as_slice() {
            [one] => {
                let name = inputs.get(one.input).and_then(|i| i.certificates.get(one.index));
                format!("Checking revocation of {}", name.map(|c| c.display_name()).unwrap_or_default())
            }
            many => format!("Checking revocation of {} certificates", many.len()),
        };
        let mut network = self.settings.revocation.network_checks();
        network.routes = self.routes();
        let (chains, cache, now) = (Arc::clone(&self.chains), Arc::clone(&self.crl_cache), self.now());
        let wanted = targets.clone();
        let job = Job::spawn(label, ctx, move |_| {
            let pairs: Vec<_> = certscope::revocation::issued(&inputs, &chains)
                .into_iter()
                .filter(|(reference, ..)| wanted.contains(reference))
                .collect();
            Ok(certscope::revocation::check_network(&pairs, now, &network, &cache))
        });
        self.next_check += 1;
        self.checks.push(RevocationJob { id: self.next_check, targets, job });
    }

    fn poll_settings(&mut self, ctx: &egui::Context) {
        match std::mem::replace(&mut self.settings_state, SettingsState::Read) {
            SettingsState::NotRead => match self.settings_path.clone() {
                Some(path) => {
                    let job = Job::spawn("Reading settings", ctx, move |_| Ok(Settings::load(&path)));
                    self.settings_state = SettingsState::Reading(job);
                }
                None => self.settings_state = SettingsState::Read,
            },
            SettingsState::Reading(job) => match job.try_take() {
                Ok(read) => {
                    self.settings = read.unwrap_or_default();
                    self.form_from_settings(ctx);
                }
                Err(job) => self.settings_state = SettingsState::Reading(job),
            },
            SettingsState::ReadingDirty(job) => match job.try_take() {
                Ok(read) => {
                    // Files opened before the file was read go first; a cap set meanwhile wins.
                    let mut merged = read.unwrap_or_default();
                    self.settings.recent_files.iter().rev().for_each(|path| merged.remember(path));
                    if self.settings.max_input_bytes != Settings::default().max_input_bytes {
                        merged.max_input_bytes = self.settings.max_input_bytes;
                    }
                    if self.settings.host != Settings::default().host {
                        merged.host = self.settings.host.clone();
                    }
                    merged.strict_cabf |= self.settings.strict_cabf;
                    if self.settings.verdict != certscope::settings::VerdictSettings::default() {
                        merged.verdict = self.settings.verdict.clone();
                    }
                    self.settings = merged;
                    self.form_from_settings(ctx);
                    self.save_settings();
                }
                Err(job) => self.settings_state = SettingsState::ReadingDirty(job),
            },
            SettingsState::Read => {}
        }
    }

    /// Adds an input that has already loaded, after the others.
    fn push_input(&mut self, origin: Origin, input: Input) {
        let placeholder = Arc::new(Input::default());
        self.inputs.push(Loaded {
            input: placeholder,
            origin: origin.clone(),
            password: String::new(),
            pending: true,
            host: None,
        });
        self.landed(self.inputs.len() - 1, false, origin, input);
    }

    fn landed(&mut self, slot: usize, retry: bool, origin: Origin, input: Input) {
        // A PKCS#12 file opened with its password now: remember it.
        if retry
            && input.error.is_none()
            && let Origin::Path(path) = &origin
        {
            self.settings.remember(path);
            self.save_settings();
        }
        if retry {
            self.fetched.remove(&slot);
            self.network.crl.retain(|r| r.certificate.input != slot);
            self.network.ocsp.retain(|r| r.certificate.input != slot);
        }
        let Some(loaded) = self.inputs.get_mut(slot) else { return };
        *loaded = Loaded { input: Arc::new(input), origin, password: String::new(), pending: false, host: None };
        let index = slot;
        // Show what just arrived when nothing is shown yet (a lone PKCS#12 file: its password
        // prompt), or the input just unlocked. Later arrivals never steal the selection.
        let input = &self.inputs[index].input;
        if self.selected.is_none() || retry {
            let locked = input.error.as_ref().is_some_and(|e| e.wants_password());
            self.selected = Some(if input.certificates.is_empty() || locked {
                Selection::Input(index)
            } else {
                Selection::Certificate(CertRef { input: index, index: 0 })
            });
        }
    }

    /// Writes settings on a thread: the UI never waits on the disk. Saves are numbered, so an
    /// older snapshot that gets the lock late never overwrites a newer one.
    fn save_settings(&mut self) {
        let Some(path) = self.settings_path.clone() else { return };
        // Not read yet: saving now would lose what the file holds. Merge and save once it is read.
        match std::mem::replace(&mut self.settings_state, SettingsState::Read) {
            SettingsState::Reading(job) | SettingsState::ReadingDirty(job) => {
                self.settings_state = SettingsState::ReadingDirty(job);
                return;
            }
            SettingsState::NotRead | SettingsState::Read => {}
        }
        self.settings_generation += 1;
        let (generation, written) = (self.settings_generation, Arc::clone(&self.settings_written));
        let settings = self.settings.clone();
        let _ = std::thread::Builder::new().name("save settings".into()).spawn(move || {
            let mut last = written.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if *last > generation {
                return;
            }
            match settings.save(&path) {
                Ok(()) => *last = generation,
                Err(err) => eprintln!("certscope: could not save settings to {}: {err}", path.display()),
            }
        });
    }

    fn rebuild_rows(&mut self) {
        let inputs: Vec<(&Input, bool)> = self.inputs.iter().map(|l| (l.input.as_ref(), l.pending)).collect();
        self.rows = tree::rows(&inputs, &self.chains, self.diagnosis.as_deref(), self.now());
    }

    fn take_input_events(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        let (dropped, pasted, open) = ctx.input_mut(|input| {
            let dropped: Vec<PathBuf> = input.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect();
            let pasted: Vec<String> = if typing {
                Vec::new()
            } else {
                input
                    .events
                    .iter()
                    .filter_map(|e| match e {
                        egui::Event::Paste(text) => Some(text.clone()),
                        _ => None,
                    })
                    .collect()
            };
            (dropped, pasted, input.consume_shortcut(&SHORTCUT_OPEN))
        });
        self.open_paths(ctx, dropped);
        for text in pasted {
            self.status = None;
            self.open_bytes(ctx, "pasted text", text.into_bytes());
        }
        if open {
            self.run(ctx, Command::OpenDialog);
        }
    }

    /// Draws the whole window into `ui`.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let mut commands = Vec::new();
        if !self.inputs.is_empty() {
            egui::Panel::top("toolbar").show(ui, |ui| commands.extend(self.toolbar(ui)));
        }
        egui::Panel::bottom("status").show(ui, |ui| self.status_bar(ui));
        if self.inputs.is_empty() {
            egui::CentralPanel::default().show(ui, |ui| {
                let fields = welcome::Fields {
                    path: &mut self.path_field,
                    host: &mut self.host_field,
                    busy: self.host_job.is_some(),
                    options: &mut self.settings.host,
                };
                commands.extend(welcome::ui(ui, fields, &self.settings.recent_files, &self.settings.recent_hosts));
            });
        } else {
            egui::Panel::left("tree").default_size(380.0).show(ui, |ui| {
                commands.extend(tree::ui(ui, &mut self.tree, &self.rows, self.selected.as_ref()));
            });
            egui::CentralPanel::default().show(ui, |ui| {
                let now = self.now();
                let checking: Vec<details::Checking<'_>> = self
                    .checks
                    .iter()
                    .map(|c| details::Checking {
                        id: c.id,
                        targets: &c.targets,
                        label: c.job.label(),
                        elapsed: c.job.elapsed(),
                    })
                    .collect();
                let view = details::View {
                    inputs: &mut self.inputs,
                    chains: &self.chains,
                    revocation: &self.revocation,
                    checkable: &self.checkable,
                    checking: &checking,
                    sample_responder: self.sample_responder.as_ref().map(SampleResponder::address),
                    now,
                    local: self.local,
                };
                let judged = details::Judged {
                    diagnosis: self.diagnosis.as_deref(),
                    busy: self.diagnosis_job.is_some(),
                    form: &mut self.form,
                };
                commands.extend(details::ui(ui, view, judged, self.selected.as_ref()));
            });
        }
        hover_overlay(ui);
        let ctx = ui.ctx().clone();
        for command in commands {
            self.run(&ctx, command);
        }
    }

    fn toolbar(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        ui.horizontal(|ui| {
            let open = egui::Button::new("Open files…").shortcut_text(ui.ctx().format_shortcut(&SHORTCUT_OPEN));
            if ui.add(open).clicked() {
                commands.push(Command::OpenDialog);
            }
            if ui.add(egui::Button::new("Paste PEM").shortcut_text("Ctrl+V")).clicked() {
                commands.push(Command::Paste);
            }
            if ui.button("Open sample chain").clicked() {
                commands.push(Command::OpenSample);
            }
            if !self.settings.recent_files.is_empty() || !self.settings.recent_hosts.is_empty() {
                ui.menu_button("Recent", |ui| {
                    for path in &self.settings.recent_files {
                        if ui.button(path.display().to_string()).clicked() {
                            commands.push(Command::OpenPaths(vec![path.clone()]));
                            ui.close();
                        }
                    }
                    if !self.settings.recent_hosts.is_empty() {
                        ui.separator();
                        ui.weak("Hosts");
                    }
                    for host in &self.settings.recent_hosts {
                        if ui.button(host).clicked() {
                            commands.push(Command::FetchHost(host.clone()));
                            ui.close();
                        }
                    }
                });
            }
            let check_all = ui
                .add_enabled(!self.checkable.is_empty(), egui::Button::new("Check revocation (all)"))
                .on_hover_text(
                    "Ask the OCSP responders and download the CRLs of every certificate whose issuer is loaded",
                )
                .on_disabled_hover_text(
                    "No certificate has its issuer loaded: revocation answers need the issuer's key",
                );
            if check_all.clicked() {
                commands.push(Command::CheckAllRevocation);
            }
            if ui.button("Copy report").on_hover_text("The text report of everything loaded, for a ticket").clicked() {
                commands.push(Command::CopyReport);
            }
            ui.menu_button("Settings", |ui| {
                let mut mib = self.settings.max_input_bytes / (1024 * 1024);
                ui.horizontal(|ui| {
                    let label = ui.label("Refuse inputs larger than");
                    let field = egui::DragValue::new(&mut mib).range(1..=4096).suffix(" MiB");
                    if ui.add(field).labelled_by(label.id).changed() {
                        self.settings.max_input_bytes = mib * 1024 * 1024;
                        commands.push(Command::SaveSettings);
                    }
                });
                ui.separator();
                ui.label(egui::RichText::new("Trust").strong());
                if ui
                    .checkbox(&mut self.settings.strict_cabf, "Hold chains to the CA/Browser Forum's rules strictly")
                    .on_hover_text(
                        "Unchecked: judge as browsers do; a breach of the Baseline Requirements' issuance rules \
                         (a subject CN that is not one of the SAN names, say) is a note. Checked: it fails",
                    )
                    .changed()
                {
                    commands.push(Command::SaveSettings);
                }
                ui.weak("Hosts' roots, SNI and STARTTLS: Host options, beside the Host field.");
                ui.separator();
                ui.label(egui::RichText::new("Revocation checks").strong());
                let r = &mut self.settings.revocation;
                let mut changed = false;
                changed |= ui.checkbox(&mut r.nonce, "Send a nonce in OCSP requests").changed();
                changed |= ui.checkbox(&mut r.cert_id_sha256, "SHA-256 CertID (else SHA-1)").changed();
                changed |= ui.checkbox(&mut r.ocsp_get, "OCSP by GET (RFC 5019), else POST").changed();
                ui.horizontal(|ui| {
                    let label = ui.label("Timeout per request");
                    let field = egui::DragValue::new(&mut r.timeout_secs).range(1..=120).suffix(" s");
                    changed |= ui.add(field).labelled_by(label.id).changed();
                });
                ui.horizontal(|ui| {
                    let label = ui.label("Clock skew allowed");
                    let field = egui::DragValue::new(&mut r.clock_skew_minutes).range(0..=120).suffix(" min");
                    changed |= ui.add(field).labelled_by(label.id).changed();
                });
                ui.horizontal(|ui| {
                    let label = ui.label("OCSP responder");
                    let field = egui::TextEdit::singleline(&mut r.ocsp_url)
                        .hint_text("the certificates' own (AIA)")
                        .desired_width(220.0);
                    changed |= ui.add(field).labelled_by(label.id).changed();
                });
                if changed {
                    commands.push(Command::SaveSettings);
                }
            });
            if ui.button("Clear all").on_hover_text("Close everything loaded").clicked() {
                commands.push(Command::Clear);
            }
        });
        // The fields get a row of their own: beside the buttons they would run off a narrow window.
        ui.horizontal(|ui| {
            commands.extend(welcome::host_field(
                ui,
                &mut self.host_field,
                self.host_job.is_some(),
                &mut self.settings.host,
            ));
            ui.separator();
            commands.extend(welcome::path_field(ui, &mut self.path_field));
        });
        commands
    }

    fn status_bar(&self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            let busy: Vec<(&str, std::time::Duration)> = self
                .loading
                .iter()
                .map(|pending| (pending.job.label(), pending.job.elapsed()))
                .chain(self.chain_job.as_ref().map(|job| (job.label(), job.elapsed())))
                .chain(self.dialog.as_ref().map(|job| ("Waiting for the file dialog", job.elapsed())))
                .chain(self.report_job.as_ref().map(|job| (job.label(), job.elapsed())))
                .chain(self.checks.iter().map(|check| (check.job.label(), check.job.elapsed())))
                .chain(self.host_job.as_ref().map(|job| (job.label(), job.elapsed())))
                .chain(self.opening.iter().map(|job| (job.label(), job.elapsed())))
                .collect();
            if let Some((first, elapsed)) = busy.first() {
                ui.spinner();
                let more = if busy.len() > 1 { format!(" (and {} more)", busy.len() - 1) } else { String::new() };
                let seconds = elapsed.as_secs();
                let time = if seconds >= 1 { format!(", {seconds} s") } else { String::new() };
                ui.label(format!("{first}{more}{time}"));
            } else if self.inputs.is_empty() {
                ui.weak("Nothing loaded yet");
            } else {
                let certificates: usize = self.inputs.iter().map(|l| l.input.certificates.len()).sum();
                let broken = self.chains.iter().filter(|c| !c.complete).count();
                ui.label(format!(
                    "{} input(s), {certificates} certificate(s), {} chain(s){}",
                    self.inputs.len(),
                    self.chains.len(),
                    if broken > 0 { format!(", {broken} incomplete") } else { String::new() }
                ));
            }
            if let Some(status) = &self.status {
                ui.separator();
                ui.label(status);
            }
        });
    }

    /// Applies one command.
    pub fn run(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::OpenDialog if self.dialog.is_none() => {
                // rfd blocks until the dialog closes: keep it off the UI thread. Without a portal
                // it returns None at once; drop, paste and the path field still work.
                self.dialog = Some(Job::spawn("Choosing files", ctx, |_| {
                    Ok(rfd::FileDialog::new().set_title("Open certificate files").pick_files().unwrap_or_default())
                }));
            }
            Command::OpenDialog => {}
            Command::ChooseCaFile if self.ca_dialog.is_none() => {
                self.ca_dialog = Some(Job::spawn("Choosing a CA file", ctx, |_| {
                    Ok(rfd::FileDialog::new()
                        .set_title("Roots to judge hosts against (PEM or DER)")
                        .add_filter("Certificates", &["pem", "crt", "cer", "der"])
                        .pick_file())
                }));
            }
            Command::ChooseCaFile => {}
            Command::OpenPaths(paths) => self.open_paths(ctx, paths),
            Command::OpenSample => {
                self.open_bytes(ctx, "sample chain", SAMPLE_CHAIN.as_bytes().to_vec());
                // Started for the sample only (binding a loopback port is instant), stopped with it.
                if self.sample_responder.is_none() {
                    match SampleResponder::start(self.clock) {
                        Ok(responder) => {
                            self.status = Some(format!(
                                "Sample chain: its OCSP and CRL requests are answered by the built-in responder on {}",
                                responder.address()
                            ));
                            self.sample_responder = Some(responder);
                        }
                        Err(why) => self.status = Some(format!("The sample's built-in responder did not start: {why}")),
                    }
                }
            }
            Command::Paste => {
                // The system answers with a paste event if the clipboard holds text; say so, since
                // an empty clipboard answers with nothing at all.
                ctx.send_viewport_cmd(egui::ViewportCommand::RequestPaste);
                self.status = Some("Pasting from the clipboard: if nothing appears, copy the PEM text first".into());
            }
            Command::Select(selection) => self.selected = Some(selection),
            Command::Unlock(index) => {
                if let Some(loaded) = self.inputs.get(index) {
                    let password = Some(loaded.password.clone());
                    self.start_load(ctx, Some(index), loaded.origin.clone(), password);
                }
            }
            Command::Clear => {
                // Loads still running are abandoned: their results would land in a cleared list.
                for pending in self.loading.drain(..) {
                    pending.job.cancel();
                }
                self.chain_job = None;
                for check in self.checks.drain(..) {
                    check.job.cancel();
                }
                self.sample_responder = None;
                self.inputs.clear();
                self.chains = Arc::new(Vec::new());
                self.loaded_crl.clear();
                self.network = Revocation::default();
                self.checkable = Arc::default();
                self.diagnosis = None;
                self.diagnosis_job = None;
                self.fetched.clear();
                self.fetch_job = None;
                self.revocation = Arc::new(Revocation::default());
                self.rows.clear();
                self.selected = None;
                self.status = None;
            }
            Command::Copy { what, text } => {
                ctx.copy_text(text);
                self.status = Some(format!("Copied {what} to the clipboard"));
            }
            Command::CopyReport => {
                let Some(diagnosis) = self.diagnosis.clone() else {
                    self.status = Some("Still judging what is loaded: copy the report in a moment".into());
                    return;
                };
                let inputs: Vec<Input> = self.inputs.iter().map(|l| l.input.as_ref().clone()).collect();
                // What the window shows: the chains, the revocation answers, the hosts, the diagnosis.
                let (chains, revocation, extras) =
                    (Arc::clone(&self.chains), Arc::clone(&self.revocation), self.extras());
                let (now, local) = (self.now(), self.local);
                self.report_job = Some(Job::spawn("Writing the report", ctx, move |_| {
                    let report = certscope::report::Report {
                        inputs: &inputs,
                        chains: &chains,
                        revocation: &revocation,
                        extras: &extras,
                        diagnosis: &diagnosis,
                        now,
                        local,
                    };
                    Ok(certscope::report::to_markdown(&report))
                }));
            }
            Command::Rediagnose => self.keep_choices_and_rediagnose(ctx),
            Command::FetchMissing => self.start_fetch_missing(ctx),
            Command::SaveChain(leaf) => self.save_chain(ctx, leaf),
            Command::SaveSettings => self.save_settings(),
            Command::CheckRevocation(targets) => self.start_check(ctx, targets),
            Command::CheckAllRevocation => {
                let mut all: Vec<CertRef> = self.checkable.iter().copied().collect();
                all.sort_by_key(|r| (r.input, r.index));
                self.start_check(ctx, all);
            }
            Command::CancelCheck(id) => {
                if let Some(position) = self.checks.iter().position(|c| c.id == id) {
                    // A request in flight cannot be pulled back; its answer is dropped when it comes.
                    let check = self.checks.remove(position);
                    check.job.cancel();
                    self.status = Some(format!("Cancelled: {}", check.job.label()));
                }
            }
            Command::FetchHost(text) => self.start_fetch(ctx, &text),
            Command::CancelHost => {
                if let Some(job) = self.host_job.take() {
                    job.cancel();
                    self.status = Some(format!("Cancelled: {}", job.label()));
                }
            }
            Command::OpenCertificate { source, der } => {
                let pem = certscope::load::to_pem("CERTIFICATE", &der);
                self.open_bytes(ctx, &source, pem.into_bytes());
            }
            Command::Save { suggested_name, bytes } => {
                self.save_job = Some(Job::spawn("Saving", ctx, move |_| {
                    let Some(path) = rfd::FileDialog::new().set_file_name(&suggested_name).save_file() else {
                        return Err("Not saved: no file was chosen (or no file dialog is available)".into());
                    };
                    std::fs::write(&path, bytes)
                        .map(|()| format!("Saved to {}", path.display()))
                        .map_err(|err| format!("Could not save to {}: {err}", path.display()))
                }));
            }
        }
    }
}

/// While files hover over the window, say what dropping them does.
fn hover_overlay(ui: &mut egui::Ui) {
    let hovering = ui.ctx().input(|i| !i.raw.hovered_files.is_empty());
    if hovering {
        let screen = ui.ctx().content_rect();
        let painter = ui.ctx().layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("drop")));
        painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(180));
        painter.text(
            screen.center(),
            egui::Align2::CENTER_CENTER,
            "Drop to open the files",
            egui::FontId::proportional(28.0),
            egui::Color32::WHITE,
        );
    }
}

impl eframe::App for App {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }
}
