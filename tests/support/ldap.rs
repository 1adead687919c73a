//! OpenLDAP's slapd on 127.0.0.1, publishing what a Windows CA publishes in its directory:
//! CRLs, delta CRLs and CA certificates. Its database is made by slapadd before it starts; a
//! watchdog kills it after 60 s, and dropping it kills it and removes its folder.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Where the directory's entries live.
pub const SUFFIX: &str = "dc=certscope,dc=test";

/// A running slapd.
pub struct Slapd {
    /// The port it listens on, on 127.0.0.1.
    pub port: u16,
    child: Arc<Mutex<Child>>,
    dir: PathBuf,
}

/// One entry: its DN (under `SUFFIX`), object classes, and binary attributes (`name;binary`).
pub fn entry(dn: &str, classes: &[&str], attributes: &[(&str, &[u8])]) -> String {
    let mut ldif = format!("dn: {dn},{SUFFIX}\n");
    for class in classes {
        ldif.push_str(&format!("objectClass: {class}\n"));
    }
    let cn = dn.split(',').next().unwrap().trim_start_matches("cn=");
    ldif.push_str(&format!("cn: {cn}\n"));
    for (name, value) in attributes {
        ldif.push_str(&format!("{name}:: {}\n", data_encoding::BASE64.encode(value)));
    }
    ldif + "\n"
}

/// Debian's /usr/sbin/`name` (not on every user's PATH), else `name` from the PATH.
fn sbin(name: &str) -> PathBuf {
    let path = PathBuf::from("/usr/sbin").join(name);
    if path.exists() { path } else { PathBuf::from(name) }
}

impl Slapd {
    /// Starts slapd with the core schema and these entries (LDIF, from `entry`).
    pub fn start(name: &str, entries: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("certscope-slapd-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("db")).unwrap();
        let config = format!(
            "include /etc/ldap/schema/core.schema\nmodulepath /usr/lib/ldap\nmoduleload back_mdb\n\
             pidfile {dir}/slapd.pid\ndatabase mdb\nmaxsize 10485760\nsuffix \"{SUFFIX}\"\n\
             rootdn \"cn=admin,{SUFFIX}\"\ndirectory {dir}/db\naccess to * by * read\n",
            dir = dir.display()
        );
        std::fs::write(dir.join("slapd.conf"), config).unwrap();
        let top =
            format!("dn: {SUFFIX}\nobjectClass: dcObject\nobjectClass: organization\no: certscope\ndc: certscope\n\n");
        std::fs::write(dir.join("data.ldif"), top + entries).unwrap();
        let conf = dir.join("slapd.conf");
        let added = Command::new(sbin("slapadd"))
            .args(["-f", conf.to_str().unwrap(), "-l", dir.join("data.ldif").to_str().unwrap()])
            .output()
            .expect("slapadd (Debian's slapd) must be installed (see README)");
        assert!(added.status.success(), "slapadd: {}", String::from_utf8_lossy(&added.stderr));
        // A free port: the kernel's choice, released for slapd.
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(sbin("slapd"))
            .args(["-f", conf.to_str().unwrap(), "-h", &format!("ldap://127.0.0.1:{port}/"), "-d", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("slapd must be installed (see README)");
        let child = Arc::new(Mutex::new(child));
        let watchdog = Arc::clone(&child);
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(60));
            let _ = watchdog.lock().unwrap().kill();
        });
        let deadline = Instant::now() + Duration::from_secs(10);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "slapd did not listen on {port} within 10 s");
            std::thread::sleep(Duration::from_millis(20));
        }
        Self { port, child, dir }
    }

    /// `ldap://127.0.0.1:PORT/<dn>,SUFFIX?<attribute>` with the DN's spaces escaped.
    pub fn url(&self, dn: &str, attribute: &str) -> String {
        format!("ldap://127.0.0.1:{}/{},{SUFFIX}?{attribute}", self.port, dn.replace(' ', "%20"))
    }
}

impl Drop for Slapd {
    fn drop(&mut self) {
        let mut child = self.child.lock().unwrap();
        let _ = child.kill();
        let _ = child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
