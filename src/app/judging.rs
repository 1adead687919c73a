//! The window's side of the diagnosis: judging what is loaded again off the UI thread when
//! anything changes, the Verdict panel's choices kept in the settings, fetching missing
//! intermediates, and saving the chain to serve. The judgement itself is the library's.

use std::sync::{Arc, OnceLock};

use certscope::chain::CertRef;
use certscope::diagnose::Anchors;
use certscope::load::Input;

use super::{App, Command, Job, Selection, details};

/// The trust stores, read once (the system's from the disk), by the first job that needs them.
fn stores(cell: &OnceLock<Anchors>) -> &Anchors {
    cell.get_or_init(|| Anchors::load(&[], ""))
}

impl App {
    /// Takes the diagnosis and the fetched intermediates that have landed; true when the
    /// inputs changed (their chains must be grouped again).
    /// After loading, before the user picks anything: a signed file's page, else the leaf of the
    /// chain that matters most (a leaf's before a CA bundle's, the worst verdict first, the first
    /// loaded among equals).
    fn select_most_important(&mut self) {
        if !self.selection_automatic {
            return;
        }
        let Some(diagnosis) = &self.diagnosis else { return };
        // A signed file (or one that ought to be): its page, with the signature's checklist.
        let signed = self.inputs.iter().position(|l| !l.input.signatures.is_empty() || l.input.signable.is_some());
        if let Some(index) = signed {
            self.selected = Some(Selection::Input(index));
        }
        let best = diagnosis
            .chains
            .iter()
            .enumerate()
            .max_by_key(|(i, c)| (!c.ca, c.verdict.status, std::cmp::Reverse(*i)))
            .map(|(_, c)| c.leaf);
        if let Some(leaf) = best
            && signed.is_none()
            && matches!(self.selected, Some(Selection::Certificate(_)))
        {
            self.selected = Some(Selection::Certificate(leaf));
        }
        // Once everything has loaded, the choice is made: a later judgement (another name asked
        // for, a revocation answer) never moves what is shown.
        if self.loading.is_empty() && self.opening.is_empty() && self.chain_job.is_none() {
            self.selection_automatic = false;
        }
    }

    pub(super) fn poll_judging(&mut self, ctx: &egui::Context) -> bool {
        let mut changed = false;
        if let Some(job) = self.fetch_job.take() {
            match job.try_take() {
                Ok(Ok(found)) if found.is_empty() => {
                    self.status = Some("No intermediate could be fetched: see the findings for the URLs tried".into());
                }
                Ok(Ok(found)) => {
                    let count = found.len();
                    for (input, fetched) in found {
                        let Some(loaded) = self.inputs.get_mut(input) else { continue };
                        let certificates = &mut Arc::make_mut(&mut loaded.input).certificates;
                        self.fetched.entry(input).or_default().push((certificates.len(), fetched.url));
                        certificates.push(fetched.certificate);
                    }
                    self.status = Some(format!("Fetched {count} missing intermediate(s) by AIA"));
                    changed = true;
                }
                Ok(Err(why)) => self.status = Some(why),
                Err(job) => self.fetch_job = Some(job),
            }
        }
        if let Some(job) = self.diagnosis_job.take() {
            match job.try_take() {
                Ok(Ok(Judged { diagnosis, rows, inventory })) => {
                    let diagnosis = Arc::new(diagnosis);
                    let old_inventory = self.inventory.set_rows(inventory, Some(&diagnosis));
                    let old = (self.diagnosis.replace(diagnosis), std::mem::replace(&mut self.rows, rows));
                    // Tens of thousands of findings and rows take a frame to free: not on this thread.
                    let _ =
                        std::thread::Builder::new().name("freeing".into()).spawn(move || drop((old, old_inventory)));
                    self.select_most_important();
                    if std::mem::take(&mut self.diagnosis_stale) {
                        self.rediagnose(ctx);
                    }
                }
                Ok(Err(why)) => self.status = Some(why),
                Err(job) => self.diagnosis_job = Some(job),
            }
        }
        changed
    }

    /// What the diagnosis knows of each input beyond its certificates: a host's connection,
    /// its client checklist and the intermediates fetched for it.
    pub(super) fn extras(&self) -> Vec<certscope::diagnose::InputExtras> {
        self.inputs
            .iter()
            .enumerate()
            .map(|(i, l)| match &l.host {
                Some(host) => host.extras.clone(),
                None => certscope::diagnose::InputExtras {
                    fetched_from: self.fetched.get(&i).cloned().unwrap_or_default(),
                    ..Default::default()
                },
            })
            .collect()
    }

    /// Judges everything loaded again, off the UI thread: after loads, revocation answers, a
    /// host, or a change in the Verdict panel's form. Nothing stays stale.
    pub(super) fn rediagnose(&mut self, ctx: &egui::Context) {
        if self.diagnosis_job.is_some() {
            self.diagnosis_stale = true;
            return;
        }
        let inputs: Vec<Arc<Input>> = self.inputs.iter().map(|l| Arc::clone(&l.input)).collect();
        let (chains, revocation, extras) = (Arc::clone(&self.chains), Arc::clone(&self.revocation), self.extras());
        let anchors = Arc::clone(&self.anchors);
        let given = match self.settings.host.roots {
            certscope::settings::HostRoots::CaFile => self.settings.host.store().ok(),
            _ => None,
        };
        let form = self.form.clone();
        let pending: Vec<bool> = self.inputs.iter().map(|l| l.pending).collect();
        let mut options = certscope::diagnose::Options::at(self.now());
        options.trust = form.trust;
        options.name = Some(form.name.trim().to_string()).filter(|n| !n.is_empty());
        options.purpose = form.purpose;
        options.rules = self.rules();
        options.strict = form.strict;
        options.revocation_asked = true;
        self.diagnosis_job = Some(Job::spawn("Judging", ctx, move |_| {
            // The stores are read once; the Host options' CA file is added each time (it may change).
            let stores = stores(&anchors);
            let anchors = match &given {
                Some(certscope::trust::TrustStore::Custom(roots)) => {
                    stores.with_given(roots, "the Host options' CA file")
                }
                _ => stores.clone(),
            };
            let refs: Vec<&Input> = inputs.iter().map(|i| i.as_ref()).collect();
            let workspace = certscope::diagnose::Workspace {
                inputs: &refs,
                chains: &chains,
                revocation: &revocation,
                extras: &extras,
                named: None,
            };
            let diagnosis = certscope::diagnose::diagnose(&workspace, &anchors, &options);
            // What the tree and the inventory list, made here too: for thousands of
            // certificates it is more than a frame's work.
            let listed: Vec<(&Input, bool)> = refs.iter().copied().zip(pending).collect();
            let rows = super::views::tree::rows(&listed, &chains, Some(&diagnosis), options.now);
            let inventory = certscope::inventory::rows(&refs, &diagnosis, options.now);
            Ok(Judged { diagnosis, rows, inventory })
        }));
    }

    /// The Verdict panel takes the choices kept in the settings; what is loaded is judged again.
    pub(super) fn form_from_settings(&mut self, ctx: &egui::Context) {
        let kept = &self.settings.verdict;
        let (strict, trust, purpose) = (kept.strict, kept.trust(), kept.purpose());
        if (self.form.strict, self.form.trust, self.form.purpose) != (strict, trust, purpose) {
            (self.form.strict, self.form.trust, self.form.purpose) = (strict, trust, purpose);
            if !self.inputs.is_empty() {
                self.rediagnose(ctx);
            }
        }
    }

    /// Keeps the panel's choices (not the server name) for the next run, and judges again.
    pub(super) fn keep_choices_and_rediagnose(&mut self, ctx: &egui::Context) {
        // The panel's choices (not the server name) are kept for the next run.
        let chosen =
            certscope::settings::VerdictSettings::from_choices(self.form.strict, self.form.trust, self.form.purpose);
        if chosen != self.settings.verdict {
            self.settings.verdict = chosen;
            self.save_settings();
        }
        self.rediagnose(ctx);
    }

    /// Fetches what files lack from the caIssuers URLs their children name, as a job.
    pub(super) fn start_fetch_missing(&mut self, ctx: &egui::Context) {
        if self.fetch_job.is_some() {
            return;
        }
        let hosts: Vec<bool> = self.inputs.iter().map(|l| l.host.is_some()).collect();
        let inputs: Vec<Arc<Input>> = self.inputs.iter().map(|l| Arc::clone(&l.input)).collect();
        let (anchors, aia) = (Arc::clone(&self.anchors), self.aia_options(false));
        self.fetch_job = Some(Job::spawn("Fetching missing intermediates", ctx, move |_| {
            let anchors = stores(&anchors);
            // Files only: a server's chain is what it sends.
            let files: Vec<usize> = (0..inputs.len()).filter(|i| !hosts[*i]).collect();
            let refs: Vec<&Input> = files.iter().map(|i| inputs[*i].as_ref()).collect();
            let found = certscope::diagnose::fetch_missing(&refs, anchors, &aia);
            Ok(found.into_iter().filter_map(|(i, f)| files.get(i).map(|&input| (input, f))).collect())
        }));
    }

    /// Saves the chain to serve for `leaf` (leaf and intermediates, PEM) where the user chooses.
    pub(super) fn save_chain(&mut self, ctx: &egui::Context, leaf: CertRef) {
        let Some(diagnosis) = self.diagnosis.clone() else { return };
        let Some(chain) = diagnosis.chains.iter().find(|c| c.leaf == leaf) else { return };
        let inputs: Vec<&Input> = self.inputs.iter().map(|l| l.input.as_ref()).collect();
        let extras = self.extras();
        let workspace = certscope::diagnose::Workspace {
            inputs: &inputs,
            chains: &self.chains,
            revocation: &self.revocation,
            extras: &extras,
            named: None,
        };
        let pem = certscope::diagnose::chain_to_serve(chain, &workspace);
        let name = inputs.get(leaf.input).and_then(|i| i.certificates.get(leaf.index)).map(|c| c.display_name());
        let name = details::file_stem(&name.unwrap_or_default());
        self.run(ctx, Command::Save { suggested_name: format!("{name}-chain.pem"), bytes: pem.into_bytes() });
    }
}

/// A diagnosis with what the window lists from it, made off the UI thread.
pub(super) struct Judged {
    diagnosis: certscope::diagnose::Diagnosis,
    rows: Vec<super::views::tree::Row>,
    inventory: Vec<certscope::inventory::Row>,
}
