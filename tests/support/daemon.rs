//! Real servers from Debian's packages, started by the tests on 127.0.0.1: each is waited for
//! until its port answers, killed by a watchdog after 60 s, and killed when dropped.

use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A free port on 127.0.0.1: the kernel's choice, released for the server.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Debian's /usr/sbin/`name` (not on every user's PATH), else `name` from the PATH.
pub fn sbin(name: &str) -> std::path::PathBuf {
    let path = std::path::Path::new("/usr/sbin").join(name);
    if path.exists() { path } else { name.into() }
}

/// Whether the tests run as root (CI does): servers that refuse root run as their own user.
pub fn root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// A running server.
pub struct Daemon {
    child: Arc<Mutex<Child>>,
}

impl Daemon {
    /// Runs `command` (its output discarded) and waits up to 15 s for 127.0.0.1:`port`.
    pub fn start(mut command: Command, port: u16, what: &str) -> Self {
        let child = command
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("{what} must be installed (see README): {e}"));
        let child = Arc::new(Mutex::new(child));
        let watchdog = Arc::clone(&child);
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(60));
            let _ = watchdog.lock().unwrap().kill();
        });
        let deadline = Instant::now() + Duration::from_secs(15);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = child.lock().unwrap().try_wait() {
                panic!("{what} exited before listening on {port}: {status}");
            }
            assert!(Instant::now() < deadline, "{what} did not listen on {port} within 15 s");
            std::thread::sleep(Duration::from_millis(20));
        }
        Self { child }
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let mut child = self.child.lock().unwrap();
        let _ = child.kill();
        let _ = child.wait();
    }
}
