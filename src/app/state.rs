//! What the window holds beyond the App itself: the inputs loaded, hosts' views, and the jobs
//! in flight with where their results go.

use std::path::PathBuf;
use std::sync::Arc;

use certscope::chain::CertRef;
use certscope::load::Input;
use certscope::revocation::Revocation;
use certscope::settings::Settings;

use super::jobs::Job;

/// One loaded input, with what is needed to load it again (with a password).
pub struct Loaded {
    /// What loaded.
    pub input: Arc<Input>,
    pub(crate) origin: Origin,
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
pub(crate) struct HostResult {
    pub(crate) input: Input,
    pub(crate) view: HostView,
    pub(crate) staple: Option<certscope::revocation::OcspCheck>,
}

/// Where the settings file stands: it is read once, off the UI thread.
pub(crate) enum SettingsState {
    NotRead,
    Reading(Job<Settings>),
    /// Read, or there is no file to read.
    Read,
    /// Changes made while reading, to merge into what is read, then save.
    ReadingDirty(Job<Settings>),
}

/// Files and folders being opened: their files land in batches, in order, as they load.
pub(crate) struct Opening {
    /// What the user asked for (a folder stays a folder in the recent list).
    pub(crate) requested: Vec<PathBuf>,
    pub(crate) label: String,
    pub(crate) batches: std::sync::mpsc::Receiver<Vec<(PathBuf, Input)>>,
    pub(crate) progress: Arc<Progress>,
    pub(crate) job: Job<()>,
    /// For each path asked for: something in it loaded (then it is remembered).
    pub(crate) worked: Vec<bool>,
}

/// How far an opening has got, written by its thread, read by the status bar.
#[derive(Default)]
pub(crate) struct Progress {
    pub(crate) total: std::sync::atomic::AtomicUsize,
    pub(crate) done: std::sync::atomic::AtomicUsize,
    pub(crate) certificates: std::sync::atomic::AtomicUsize,
    /// The folders held more than `MAX_FOLDER_FILES` files: only the first are read.
    pub(crate) cut: std::sync::atomic::AtomicBool,
}

impl Opening {
    /// "Opening /etc/ssl/certs: 120 of 292 files, 180 certificates".
    pub(crate) fn words(&self) -> String {
        use std::sync::atomic::Ordering::Relaxed;
        let (done, total) = (self.progress.done.load(Relaxed), self.progress.total.load(Relaxed));
        if total <= 1 {
            return self.label.clone();
        }
        let certificates = self.progress.certificates.load(Relaxed);
        let cut = if self.progress.cut.load(Relaxed) {
            format!(
                " (the first {} only: certscope reads at most that many files a folder)",
                certscope::load::MAX_FOLDER_FILES
            )
        } else {
            String::new()
        };
        format!("{}: {done} of {total} files{cut}, {certificates} certificate(s)", self.label)
    }

    /// Said when it has finished, if its folders were cut.
    pub(crate) fn cut_words(&self) -> Option<String> {
        use std::sync::atomic::Ordering::Relaxed;
        self.progress.cut.load(Relaxed).then(|| {
            format!(
                "{}: the first {} files only were read (certscope reads at most that many files a folder)",
                self.label,
                certscope::load::MAX_FOLDER_FILES
            )
        })
    }
}

/// A revocation check in flight, and the certificates it answers for.
pub(crate) struct RevocationJob {
    pub(crate) id: u64,
    pub(crate) targets: Vec<CertRef>,
    pub(crate) job: Job<Revocation>,
}

/// A load in flight, and the slot its result goes to.
pub(crate) struct Pending {
    pub(crate) slot: usize,
    /// Loading again (with a password): the result takes the selection.
    pub(crate) retry: bool,
    pub(crate) origin: Origin,
    pub(crate) job: Job<Input>,
}

#[derive(Clone)]
pub(crate) enum Origin {
    Path(PathBuf),
    Bytes(Arc<Vec<u8>>),
    /// A host's chain, fetched over TLS.
    Host(String),
}
