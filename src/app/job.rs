//! Work off the UI thread: one named thread per job, polled each frame.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use poll_promise::Promise;

/// A job running on its own thread; `Err` is already words for the UI.
pub struct Job<T: Send + 'static> {
    label: String, // beside the spinner: "Loading chain.pem"
    started: Instant,
    cancel: Arc<AtomicBool>, // a thread can't be killed: it stops at its next step
    promise: Promise<Result<T, String>>,
}

impl<T: Send + 'static> Job<T> {
    /// Starts `work` on a named thread; the UI is woken when it lands.
    pub fn spawn(
        label: impl Into<String>,
        ctx: &egui::Context,
        work: impl FnOnce(&AtomicBool) -> Result<T, String> + Send + 'static,
    ) -> Self {
        let (label, cancel) = (label.into(), Arc::new(AtomicBool::new(false)));
        let (sender, promise) = Promise::new();
        let (flag, ctx) = (Arc::clone(&cancel), ctx.clone());
        let spawned = std::thread::Builder::new().name(label.clone()).spawn(move || {
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

    /// Asks the job to stop at its next step.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// How long it has run.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// Takes the result if it has landed, leaving the job to be dropped.
    pub fn try_take(self) -> Result<Result<T, String>, Self> {
        match self.promise.try_take() {
            Ok(result) => Ok(result),
            Err(promise) => Err(Self { promise, ..self }),
        }
    }
}
