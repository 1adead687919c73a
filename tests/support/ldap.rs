//! OpenLDAP's slapd on 127.0.0.1, publishing what a Windows CA publishes in its directory:
//! CRLs, delta CRLs and CA certificates. Its database is made by slapadd before it starts; it
//! runs as a `Daemon` (killed after 60 s, or when dropped), and its folder goes with it.

use std::path::PathBuf;
use std::process::Command;

use super::daemon::{Daemon, free_port, sbin};

/// Where the directory's entries live.
pub const SUFFIX: &str = "dc=certscope,dc=test";

/// A running slapd.
pub struct Slapd {
    /// The port it listens on, on 127.0.0.1.
    pub port: u16,
    _daemon: Daemon,
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

impl Slapd {
    /// Starts slapd with the core schema and these entries (LDIF, from `entry`).
    pub fn start(name: &str, entries: &str) -> Self {
        Self::start_with(name, entries, "")
    }

    /// The same, with these global configuration lines first (TLS certificate and key, say).
    pub fn start_with(name: &str, entries: &str, global: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("certscope-slapd-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("db")).unwrap();
        let config = format!(
            "{global}\ninclude /etc/ldap/schema/core.schema\nmodulepath /usr/lib/ldap\nmoduleload back_mdb\n\
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
        let port = free_port();
        let mut slapd = Command::new(sbin("slapd"));
        slapd.args(["-f", conf.to_str().unwrap(), "-h", &format!("ldap://127.0.0.1:{port}/"), "-d", "0"]);
        Self { port, _daemon: Daemon::start(slapd, port, "slapd"), dir }
    }

    /// `ldap://127.0.0.1:PORT/<dn>,SUFFIX?<attribute>` with the DN's spaces escaped.
    pub fn url(&self, dn: &str, attribute: &str) -> String {
        format!("ldap://127.0.0.1:{}/{},{SUFFIX}?{attribute}", self.port, dn.replace(' ', "%20"))
    }
}

impl Drop for Slapd {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
