//! Cancelling network work for real: a cancelled job's sockets are shut down at once, so calls
//! blocked on them return in milliseconds instead of at their timeout, and its later requests
//! are refused before they connect.
//!
//! A job enters its `Cancel` on its thread ([`Cancel::enter`]); the library's workers
//! (`crate::parallel`) carry it onto theirs; every connection made meanwhile registers how to
//! close it. Nothing needs to be passed down through the checks in between.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// A job's cancel switch. Cloning shares it.
#[derive(Clone, Default)]
pub struct Cancel(Arc<Inner>);

#[derive(Default)]
struct Inner {
    cancelled: AtomicBool,
    next: AtomicU64,
    /// How to close each connection open now, by registration.
    closers: Mutex<HashMap<u64, Box<dyn FnOnce() + Send>>>,
}

impl std::fmt::Debug for Cancel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cancel").field("cancelled", &self.is_cancelled()).finish()
    }
}

thread_local! {
    static CURRENT: RefCell<Option<Cancel>> = const { RefCell::new(None) };
}

impl Cancel {
    /// A switch not yet thrown.
    pub fn new() -> Self {
        Self::default()
    }

    /// Throws it: every connection open under it is shut down now, and no new one starts.
    pub fn cancel(&self) {
        self.0.cancelled.store(true, Ordering::SeqCst);
        let closers: Vec<_> = match self.0.closers.lock() {
            Ok(mut closers) => closers.drain().map(|(_, close)| close).collect(),
            Err(poisoned) => poisoned.into_inner().drain().map(|(_, close)| close).collect(),
        };
        for close in closers {
            close();
        }
    }

    /// Whether it was thrown.
    pub fn is_cancelled(&self) -> bool {
        self.0.cancelled.load(Ordering::SeqCst)
    }

    /// Makes this the switch for the network work of this thread until the guard is dropped.
    pub fn enter(&self) -> Entered {
        let previous = CURRENT.with(|current| current.replace(Some(self.clone())));
        Entered { previous }
    }

    /// The switch the current thread works under, if any.
    pub fn current() -> Option<Cancel> {
        CURRENT.with(|current| current.borrow().clone())
    }

    /// Whether the current thread's work was cancelled.
    pub fn current_is_cancelled() -> bool {
        CURRENT.with(|current| current.borrow().as_ref().is_some_and(Cancel::is_cancelled))
    }

    /// Registers how to close a connection of the current thread's work: run at once if it is
    /// already cancelled (then `Err`), else on cancel, unless the returned guard drops first.
    pub(crate) fn watch(close: impl FnOnce() + Send + 'static) -> Result<Watch, Cancelled> {
        let Some(cancel) = Self::current() else { return Ok(Watch(None)) };
        let id = cancel.0.next.fetch_add(1, Ordering::Relaxed);
        match cancel.0.closers.lock() {
            Ok(mut closers) if !cancel.is_cancelled() => {
                closers.insert(id, Box::new(close));
                Ok(Watch(Some((cancel.clone(), id))))
            }
            _ => {
                close();
                Err(Cancelled)
            }
        }
    }
}

/// The work was cancelled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cancelled;

/// While alive, the current thread works under a `Cancel`.
pub struct Entered {
    previous: Option<Cancel>,
}

impl Drop for Entered {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CURRENT.with(|current| *current.borrow_mut() = previous);
    }
}

/// A connection watched for cancel; dropping it (the connection is done) forgets it.
pub(crate) struct Watch(Option<(Cancel, u64)>);

impl Drop for Watch {
    fn drop(&mut self) {
        if let Some((cancel, id)) = self.0.take()
            && let Ok(mut closers) = cancel.0.closers.lock()
        {
            closers.remove(&id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closers_run_on_cancel_and_are_forgotten_when_done() {
        let cancel = Cancel::new();
        let _entered = cancel.enter();
        let (ran, forgotten) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicBool::new(false)));
        let flag = Arc::clone(&ran);
        let _watching = Cancel::watch(move || flag.store(true, Ordering::SeqCst)).unwrap();
        let flag = Arc::clone(&forgotten);
        drop(Cancel::watch(move || flag.store(true, Ordering::SeqCst)).unwrap());
        cancel.cancel();
        assert!(ran.load(Ordering::SeqCst), "an open connection is closed");
        assert!(!forgotten.load(Ordering::SeqCst), "a finished one is not touched");
        assert!(Cancel::current_is_cancelled());
        assert_eq!(Cancel::watch(|| {}).err(), Some(Cancelled), "no new connection after cancel");
    }

    #[test]
    fn without_a_switch_nothing_is_watched() {
        assert!(Cancel::current().is_none());
        assert!(Cancel::watch(|| {}).is_ok());
        let outer = Cancel::new();
        {
            let _entered = outer.enter();
            let inner = Cancel::new();
            {
                let _inner = inner.enter();
                inner.cancel();
                assert!(Cancel::current_is_cancelled());
            }
            assert!(!Cancel::current_is_cancelled(), "leaving restores the outer switch");
        }
        assert!(Cancel::current().is_none());
    }
}
