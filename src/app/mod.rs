//! The window: owns what is loaded and the jobs loading it; each panel draws from that state
//! and returns what the user asked for, applied once at the end of the frame.

mod input;
mod jobs;
mod judging;
mod state;
#[cfg(test)]
mod tests;
mod views;

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use certscope::chain::{CertRef, Chain};
use certscope::load::{Input, LoadOptions};
use certscope::revocation::demo::SampleResponder;
use certscope::revocation::{CrlCache, LoadedCrlCheck, Revocation};
use certscope::settings::Settings;
use egui::{Key, KeyboardShortcut, Modifiers};
use time::{OffsetDateTime, UtcOffset};

use jobs::Job;
use state::*;
pub use tree::Selection;
use views::{details, tree, verdict, welcome};

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
    /// Stop opening files and folders: what loaded stays, no further file is started.
    StopOpening,
    /// Open a certificate given as DER (an OCSP responder's) as a new input.
    OpenCertificate { source: String, der: Vec<u8> },
    /// The input size cap changed: keep it.
    SaveSettings,
    /// Choose the Host options' CA file in a dialog.
    ChooseCaFile,
    /// Show the inventory table (true) or the details of the selection (false).
    ShowInventory(bool),
    /// Open or close the Explain panel (kept for the next run).
    ToggleExplain,
    /// Open or close the Settings window.
    ToggleSettings,
    /// Open or close the Help window.
    ToggleHelp,
    /// Put the keyboard in the inventory's search.
    Find,
    /// Copy the selected certificate's SHA-256 fingerprint.
    CopySelectedFingerprint,
    /// Check the selected certificate's revocation.
    CheckSelected,
    /// Save the chain to serve for the selected certificate.
    SaveSelectedChain,
    /// Select the next (true) or previous certificate with a finding to fix.
    NextFinding(bool),
    /// Show two certificates side by side.
    Compare(CertRef, CertRef),
    /// Show these DER bytes in the ASN.1 view.
    OpenAsn1 { title: String, bytes: Arc<Vec<u8>>, kind: views::asn1::Kind },
    /// Show an input's own bytes (its file) in the ASN.1 view: a PKCS#7 or PKCS#12 container.
    OpenAsn1Input(usize),
}

/// What the central area shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MainView {
    /// The inventory for many certificates (a folder), else the details.
    Auto,
    /// The verdict and details of the selection.
    Details,
    /// The table of every certificate.
    Inventory,
    /// Two certificates side by side.
    Compare(CertRef, CertRef),
}

/// With this many distinct certificates, the inventory opens first.
const INVENTORY_FROM: usize = 20;

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
    diagnosis_job: Option<Job<judging::Judged>>,
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
    /// Tests keep what would be saved instead of asking for a file.
    #[cfg(test)]
    test_saves: Option<Vec<(String, Vec<u8>)>>,
    /// The left panel's rows, rebuilt when inputs or chains change.
    rows: Vec<tree::Row>,
    tree: tree::TreeView,
    dialog: Option<Job<Vec<PathBuf>>>,
    /// The file dialog choosing the hosts' CA file.
    ca_dialog: Option<Job<Option<PathBuf>>>,
    /// Hosts asked for before the settings (their Host options) were read: fetched once they are.
    hosts_after_settings: Vec<String>,
    /// Files and folders being opened, a job per request, their files landing as they load.
    opening: Vec<Opening>,
    /// Inputs joined the list outside `poll` (a stopped opening's last batches): chains follow.
    inputs_changed: bool,
    selected: Option<Selection>,
    path_field: String,
    /// A short message at the bottom: "Copied SHA-256 fingerprint", "Saved to ...".
    status: Option<String>,
    save_job: Option<Job<String>>,
    report_job: Option<Job<String>>,
    /// An input's file being read for the ASN.1 view: its title and bytes.
    asn1_job: Option<Job<(String, Vec<u8>)>>,
    settings_state: SettingsState,
    settings_generation: u64,
    /// The generation last written to disk, shared with the saving threads.
    settings_written: Arc<std::sync::Mutex<u64>>,
    /// The inventory table's rows, filters and sort.
    inventory: views::inventory::State,
    main_view: MainView,
    /// The object open in the ASN.1 view.
    asn1: Option<views::asn1::State>,
    settings_open: bool,
    help_open: bool,
    /// The selection was made on loading, not by the user: the diagnosis may move it.
    selection_automatic: bool,
    /// The selection the Explain panel last followed.
    explained_selection: Option<Selection>,
    /// The theme last given to egui, to give it again only when it changes.
    theme_applied: Option<String>,
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
            #[cfg(test)]
            test_saves: None,
            rows: Vec::new(),
            tree: tree::TreeView::default(),
            dialog: None,
            ca_dialog: None,
            hosts_after_settings: Vec::new(),
            opening: Vec::new(),
            inputs_changed: false,
            selected: None,
            path_field: String::new(),
            status: None,
            save_job: None,
            report_job: None,
            asn1_job: None,
            settings_generation: 0,
            settings_written: Arc::new(std::sync::Mutex::new(0)),
            inventory: views::inventory::State::default(),
            asn1: None,
            settings_open: false,
            help_open: false,
            selection_automatic: false,
            explained_selection: None,
            theme_applied: None,
            main_view: MainView::Auto,
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
        let (send, batches) = std::sync::mpsc::channel();
        let progress = Arc::new(Progress::default());
        let (requested, shared, repaint) = (paths.clone(), Arc::clone(&progress), ctx.clone());
        let job = Job::spawn(label.clone(), ctx, move |cancel| {
            use std::sync::atomic::Ordering::Relaxed;
            let (files, cut) = certscope::load::list_files(&paths);
            shared.cut.store(cut, Relaxed);
            shared.total.store(files.len(), Relaxed);
            // Small batches first-come: the list starts filling at once; the cores stay busy.
            certscope::load::load_files_in_batches(&files, &options, 48, |batch, done, _| {
                let certificates: usize = batch.iter().map(|(_, input)| input.certificates.len()).sum();
                shared.certificates.fetch_add(certificates, Relaxed);
                shared.done.store(done, Relaxed);
                let sent = send.send(batch).is_ok();
                repaint.request_repaint();
                sent && !cancel.is_cancelled()
            });
            Ok(())
        });
        let worked = vec![false; requested.len()];
        self.opening.push(Opening { requested, label, batches, progress, job, worked });
    }

    /// Starts loading bytes from a paste or the sample.
    pub fn open_bytes(&mut self, ctx: &egui::Context, source: &str, bytes: Vec<u8>) {
        let origin = Origin::Bytes(Arc::new(bytes));
        self.start_load_named(ctx, None, origin, None, source.to_string());
    }

    fn rebuild_rows(&mut self) {
        let inputs: Vec<(&Input, bool)> = self.inputs.iter().map(|l| (l.input.as_ref(), l.pending)).collect();
        self.rows = tree::rows(&inputs, &self.chains, self.diagnosis.as_deref(), self.now());
    }

    /// Draws the whole window into `ui`.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let mut commands = Vec::new();
        if self.theme_applied.as_ref() != Some(&self.settings.theme) {
            ui.ctx().set_theme(views::settings::theme(&self.settings.theme));
            self.theme_applied = Some(self.settings.theme.clone());
        }
        if !self.inventory.made_from(self.diagnosis.as_ref()) {
            let inputs: Vec<&Input> = self.inputs.iter().map(|l| l.input.as_ref()).collect();
            self.inventory.update(&inputs, self.diagnosis.as_ref(), self.now());
        }
        if !self.inputs.is_empty() {
            egui::Panel::top("toolbar").show(ui, |ui| commands.extend(self.toolbar(ui)));
        }
        egui::Panel::bottom("status").show(ui, |ui| commands.extend(self.status_bar(ui)));
        if let Some(state) = self.asn1.as_mut().filter(|_| !self.inputs.is_empty()) {
            views::asn1::panel(ui, state);
            if !state.open {
                self.asn1 = None;
            }
        }
        // The Explain panel follows the selection: what kind of thing is shown, until a name in
        // it is clicked.
        if self.selected != self.explained_selection {
            self.explained_selection = self.selected;
            let kind = match self.selected {
                Some(Selection::Certificate(_)) => Some("Certificate"),
                Some(Selection::Request(..)) => Some("CSR"),
                Some(Selection::RevocationList(..)) => Some("CRL"),
                Some(Selection::Input(index)) => match self.inputs.get(index).and_then(|l| l.input.format) {
                    Some("PKCS#12") => Some("PKCS#12"),
                    Some("PKCS#7") => Some("PKCS#7"),
                    Some("PEM") => Some("PEM"),
                    Some("DER") => Some("DER"),
                    _ => None,
                },
                None => None,
            };
            if let Some(entry) = kind.and_then(|k| certscope::explain::find(certscope::explain::Kind::Field, k)) {
                views::explain::set_focus(ui.ctx(), views::explain::Focus::Entry(entry));
            }
        }
        if self.settings.explain && !self.inputs.is_empty() {
            egui::Panel::right("explain").default_size(320.0).show(ui, views::explain::ui);
        }
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
        } else if let MainView::Compare(a, b) = self.main_view {
            egui::CentralPanel::default().show(ui, |ui| commands.extend(views::compare::ui(ui, &self.inputs, a, b)));
        } else if self.showing_inventory() {
            egui::CentralPanel::default().show(ui, |ui| commands.extend(views::inventory::ui(ui, &mut self.inventory)));
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
                    fetched: &self.fetched,
                    crl_cache: &self.crl_cache,
                };
                let judged = details::Judged {
                    diagnosis: self.diagnosis.as_deref(),
                    busy: self.diagnosis_job.is_some(),
                    form: &mut self.form,
                };
                commands.extend(details::ui(ui, view, judged, self.selected.as_ref()));
            });
        }
        if self.settings_open {
            let mut open = true;
            commands.extend(views::settings::window(ui.ctx(), &mut open, &mut self.settings));
            self.settings_open = open;
        }
        if self.help_open {
            let mut open = true;
            views::settings::help(ui.ctx(), &mut open, self.settings_path.as_deref());
            self.help_open = open;
        }
        views::toolbar::hover_overlay(ui);
        let ctx = ui.ctx().clone();
        for command in commands {
            self.run(&ctx, command);
        }
    }

    /// The central area shows the inventory: asked for, or many certificates loaded.
    fn showing_inventory(&self) -> bool {
        match self.main_view {
            MainView::Inventory => true,
            MainView::Details | MainView::Compare(..) => false,
            MainView::Auto => self.inventory.len() >= INVENTORY_FROM,
        }
    }

    /// Applies one command.
    pub fn run(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::OpenAsn1Input(index) => {
                let Some(loaded) = self.inputs.get(index) else { return };
                let (origin, title, cap) =
                    (loaded.origin.clone(), loaded.input.source.clone(), self.settings.max_input_bytes);
                self.asn1_job = Some(Job::spawn(format!("Reading {title}"), ctx, move |_| {
                    use std::io::Read as _;
                    let bytes = match origin {
                        Origin::Bytes(bytes) => bytes.as_ref().clone(),
                        Origin::Path(path) => {
                            let mut bytes = Vec::new();
                            std::fs::File::open(&path)
                                .and_then(|f| f.take(cap.saturating_add(1)).read_to_end(&mut bytes))
                                .map_err(|e| format!("{}: {e}", path.display()))?;
                            if bytes.len() as u64 > cap {
                                return Err(format!("{} is larger than the input size cap", path.display()));
                            }
                            bytes
                        }
                        Origin::Host(host) => {
                            return Err(format!("{host} is a host, not a file: open its certificates' ASN.1 instead"));
                        }
                    };
                    Ok((title, bytes))
                }));
            }
            Command::OpenAsn1 { title, bytes, kind } => {
                self.asn1 = Some(views::asn1::State::new(title, bytes, kind));
            }
            Command::ToggleSettings => self.settings_open = !self.settings_open,
            Command::ToggleHelp => self.help_open = !self.help_open,
            Command::Find => {
                self.main_view = MainView::Inventory;
                self.inventory.focus_search = true;
            }
            Command::CopySelectedFingerprint => {
                if let Some(Selection::Certificate(r)) = self.selected
                    && let Some(c) = self.inputs.get(r.input).and_then(|l| l.input.certificates.get(r.index))
                {
                    let text = certscope::model::hex_colons(&c.sha256);
                    self.run(ctx, Command::Copy { what: "SHA-256 fingerprint".into(), text });
                } else {
                    self.status = Some("Select a certificate first".into());
                }
            }
            Command::CheckSelected => match self.selected {
                Some(Selection::Certificate(r)) => self.run(ctx, Command::CheckRevocation(vec![r])),
                _ => self.status = Some("Select a certificate first".into()),
            },
            Command::SaveSelectedChain => match self.selected {
                Some(Selection::Certificate(r)) => self.run(ctx, Command::SaveChain(r)),
                _ => self.status = Some("Select a certificate first".into()),
            },
            Command::NextFinding(forward) => self.next_finding(forward),
            Command::ToggleExplain => {
                self.settings.explain = !self.settings.explain;
                self.save_settings();
            }
            Command::Compare(a, b) => self.main_view = MainView::Compare(a, b),
            Command::ShowInventory(show) => {
                self.main_view = if show { MainView::Inventory } else { MainView::Details };
            }
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
            Command::Select(selection) => {
                self.selected = Some(selection);
                self.selection_automatic = false;
                if matches!(self.main_view, MainView::Compare(..)) {
                    self.main_view = MainView::Details;
                }
            }
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
                for opening in self.opening.drain(..) {
                    opening.job.cancel();
                }
                self.chain_job = None;
                for check in self.checks.drain(..) {
                    check.job.cancel();
                }
                self.sample_responder = None;
                self.main_view = MainView::Auto;
                self.inputs.clear();
                self.chains = Arc::new(Vec::new());
                self.loaded_crl.clear();
                self.network = Revocation::default();
                self.checkable = Arc::default();
                self.diagnosis = None;
                self.diagnosis_job = None;
                self.fetched.clear();
                if let Some(job) = self.fetch_job.take() {
                    job.cancel();
                }
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
                    // Its connections are shut now (the requests fail at once); nothing of it lands.
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
            Command::StopOpening => self.stop_opening(),
            Command::OpenCertificate { source, der } => {
                let pem = certscope::load::to_pem("CERTIFICATE", &der);
                self.open_bytes(ctx, &source, pem.into_bytes());
            }
            Command::Save { suggested_name, bytes } => {
                #[cfg(test)]
                if let Some(saves) = self.test_saves.as_mut() {
                    saves.push((suggested_name, bytes));
                    return;
                }
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

impl eframe::App for App {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.poll(ctx);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        App::ui(self, ui);
    }
}
