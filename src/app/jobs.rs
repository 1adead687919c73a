//! The window's jobs: loading files and hosts, checking revocation, reading and saving the
//! settings, each off the UI thread (a `Job`: one named thread, polled each frame); `poll`
//! lands their results into the state.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use certscope::chain::CertRef;
use certscope::load::{Input, load_bytes, load_path};
use certscope::net::Cancel;
use certscope::revocation::Revocation;
use certscope::settings::Settings;
use poll_promise::Promise;

use super::state::*;
use super::{App, Command, Selection};

/// A job running on its own thread; `Err` is already words for the UI.
pub struct Job<T: Send + 'static> {
    label: String, // beside the spinner: "Loading chain.pem"
    started: Instant,
    cancel: Cancel, // shuts the job's connections; its loops stop at their next step
    promise: Promise<Result<T, String>>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a named thread; the UI is woken when it lands.
    pub fn spawn(
        label: impl Into<String>,
        ctx: &egui::Context,
        work: impl FnOnce(&Cancel) -> Result<T, String> + Send + 'static,
    ) -> Self {
        let (label, cancel) = (label.into(), Cancel::new());
        let (sender, promise) = Promise::new();
        let (flag, ctx) = (cancel.clone(), ctx.clone());
        let spawned = std::thread::Builder::new().name(label.clone()).spawn(move || {
            // The library's network calls on this thread (and its workers) answer to the switch.
            let _entered = flag.enter();
            sender.send(work(&flag));
            ctx.request_repaint(); // after send: the frame this wakes sees the value
        });
        let promise = match spawned {
            Ok(_) => promise,
            Err(err) => Promise::from_ready(Err(format!("could not start a thread: {err}"))),
        };
        Self { label, started: Instant::now(), cancel, promise }
    }

    /// What the job is doing.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Stops the job: its open connections are shut now, its loops stop at their next step.
    pub fn cancel(&self) {
        self.cancel.cancel();
    }

    /// How long it has run.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// The result, if it has landed.
    pub fn finished(&self) -> Option<&Result<T, String>> {
        self.promise.ready()
    }

    /// Takes the result if it has landed, leaving the job to be dropped.
    pub fn try_take(self) -> Result<Result<T, String>, Self> {
        match self.promise.try_take() {
            Ok(result) => Ok(result),
            Err(promise) => Err(Self { promise, ..self }),
        }
    }
}

impl App {
    pub(super) fn start_load(
        &mut self,
        ctx: &egui::Context,
        replace: Option<usize>,
        origin: Origin,
        password: Option<String>,
    ) {
        let source = match &origin {
            Origin::Path(path) => path.display().to_string(),
            Origin::Host(host) => host.clone(),
            Origin::Bytes(_) => replace
                .and_then(|i| self.inputs.get(i))
                .map_or_else(|| "pasted text".to_string(), |l| l.input.source.clone()),
        };
        self.start_load_named(ctx, replace, origin, password, source);
    }

    pub(super) fn start_load_named(
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
            if cancel.is_cancelled() {
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
    pub(super) fn poll(&mut self, ctx: &egui::Context) {
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
        for mut opening in std::mem::take(&mut self.opening) {
            // What has loaded so far joins the list now, in the order the files were listed.
            changed |= self.land_batches(&mut opening);
            let Some(result) = opening.job.finished().map(|result| result.as_ref().err().cloned()) else {
                self.opening.push(opening);
                continue;
            };
            // Whatever landed after the last look.
            changed |= self.land_batches(&mut opening);
            self.remember_opened(&opening);
            if let Some(why) = result.or_else(|| opening.cut_words()) {
                self.status = Some(why);
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
        if let Some(job) = self.asn1_job.take() {
            match job.try_take() {
                Ok(Ok((title, bytes))) => {
                    self.asn1 =
                        Some(super::views::asn1::State::new(title, Arc::new(bytes), super::views::asn1::Kind::Other));
                }
                Ok(Err(why)) => self.status = Some(why),
                Err(job) => self.asn1_job = Some(job),
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
        changed |= std::mem::take(&mut self.inputs_changed);
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
    pub(super) fn poll_host(&mut self) -> bool {
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
    pub(super) fn poll_checks(&mut self, ctx: &egui::Context) {
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
    pub(super) fn start_fetch(&mut self, ctx: &egui::Context, text: &str) {
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
            // The roots and the client certificate first: a file that cannot be read is said
            // before any connection.
            let client = options.client().map_err(|e| format!("Not fetched: {e}"))?;
            let connect = certscope::net::tls::ConnectOptions { timeout, starttls, sni, client };
            let store = options.store().map_err(|e| format!("Not fetched: {e}"))?;
            let anchors = store.anchors()?;
            let fetched = certscope::host::fetch(&target, &connect);
            if cancel.is_cancelled() {
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
    pub(super) fn merge_revocation(&mut self, ctx: &egui::Context) {
        let mut crl = self.loaded_crl.clone();
        crl.extend(self.network.crl.iter().cloned());
        self.revocation = Arc::new(Revocation { crl, ocsp: self.network.ocsp.clone() });
        // The marks are the diagnosis's: the rows come again with it, made off the UI thread.
        self.rediagnose(ctx);
    }

    /// Starts checking `targets` (those with a known issuer) by OCSP and CRL, as a job.
    pub(super) fn start_check(&mut self, ctx: &egui::Context, targets: Vec<CertRef>) {
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

    pub(super) fn poll_settings(&mut self, ctx: &egui::Context) {
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
    /// A batch of an opening's files joins the list; what loaded marks what was asked for.
    /// The batches an opening has sent so far join the list; true if any did.
    fn land_batches(&mut self, opening: &mut Opening) -> bool {
        let mut landed = false;
        while let Ok(batch) = opening.batches.try_recv() {
            landed |= !batch.is_empty();
            for (path, input) in batch {
                if input.error.is_none() {
                    for (asked, worked) in opening.requested.iter().zip(opening.worked.iter_mut()) {
                        *worked |= path.starts_with(asked);
                    }
                }
                self.push_input(Origin::Path(path), input);
            }
        }
        landed
    }

    /// Remember what the user opened (a folder stays a folder), if anything in it loaded.
    fn remember_opened(&mut self, opening: &Opening) {
        let remembered: Vec<&PathBuf> =
            opening.requested.iter().zip(&opening.worked).filter(|(_, w)| **w).map(|(p, _)| p).collect();
        if !remembered.is_empty() {
            remembered.into_iter().rev().for_each(|path| self.settings.remember(path));
            self.save_settings();
        }
    }

    /// Stops every opening now: what has loaded stays, and no further file is started (a file
    /// being read finishes on its thread, and is dropped).
    pub(super) fn stop_opening(&mut self) {
        for mut opening in std::mem::take(&mut self.opening) {
            opening.job.cancel();
            self.inputs_changed |= self.land_batches(&mut opening);
            self.remember_opened(&opening);
            self.status = Some(format!("Stopped: {}", opening.words()));
        }
    }

    pub(super) fn push_input(&mut self, origin: Origin, input: Input) {
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

    pub(super) fn landed(&mut self, slot: usize, retry: bool, origin: Origin, input: Input) {
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
            // Until the user picks something, the diagnosis may move it to what matters most.
            self.selection_automatic = !retry;
            let locked = input.error.as_ref().is_some_and(|e| e.wants_password());
            // A keystore's password was given to check its integrity: show what it says.
            let checked = retry && input.integrity.is_some();
            self.selected = Some(if input.certificates.is_empty() || locked || checked {
                Selection::Input(index)
            } else {
                Selection::Certificate(CertRef { input: index, index: 0 })
            });
        }
    }

    /// Writes settings on a thread: the UI never waits on the disk. Saves are numbered, so an
    /// older snapshot that gets the lock late never overwrites a newer one.
    pub(super) fn save_settings(&mut self) {
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
}
