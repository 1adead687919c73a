//! STARTTLS against the real servers admins run, from Debian's packages, each started here on
//! 127.0.0.1 with the test PKI's leaf and intermediate: OpenLDAP's slapd (the StartTLS extended
//! operation), PostgreSQL (SSLRequest) and vsftpd (AUTH TLS). The in-test fronts of
//! tests/host_tls.rs cover the refusals and the protocols without such a server here.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use support::daemon::{Daemon, free_port, root, sbin};
use support::ldap::Slapd;
use support::*;

/// A folder with the served chain (leaf, intermediate) and its key (mode 0600, as servers ask).
fn served(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("certscope-real-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let chain = [std::fs::read(fixture("leaf-p256.pem")).unwrap(), std::fs::read(fixture("intermediate.pem")).unwrap()];
    std::fs::write(dir.join("chain.pem"), chain.concat()).unwrap();
    std::fs::copy(fixture("leaf-p256.key"), dir.join("leaf.key")).unwrap();
    std::fs::set_permissions(dir.join("leaf.key"), std::fs::Permissions::from_mode(0o600)).unwrap();
    dir
}

/// `certscope report --json --starttls PROTOCOL` against the server, the test root trusted:
/// the chain must come whole and be trusted.
fn fetches_the_chain(protocol: &str, port: u16) {
    let out = certscope()
        .args(["report", "--json", "--starttls", protocol, "--ca-file", fixture("root.pem").to_str().unwrap()])
        .args(["--time", NOW, "--timeout", "5", &format!("127.0.0.1:{port}")])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let input = &value["inputs"][0];
    assert_eq!(input["error"], serde_json::Value::Null, "{protocol}: {input}");
    assert_eq!(input["connection"]["certificates_sent"], 2, "{protocol}: {input}");
    assert_eq!(input["validation"]["trusted"], true, "{protocol}: {input}");
    assert_eq!(input["certificates"][0]["subject"], "C=DE, O=certscope Test PKI, CN=p256.certscope.test");
    assert_eq!(out.status.code(), Some(0), "{protocol}");
}

#[test]
fn openldap_slapd_upgrades_with_the_starttls_extended_operation() {
    let dir = served("slapd");
    let tls = format!(
        "TLSCertificateFile {}\nTLSCertificateKeyFile {}",
        dir.join("chain.pem").display(),
        dir.join("leaf.key").display()
    );
    let slapd = Slapd::start_with("starttls", "", &tls);
    fetches_the_chain("ldap", slapd.port);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The newest PostgreSQL server Debian installed.
fn postgres_bin() -> PathBuf {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL's server must be installed (apt-get install postgresql; see README)")
        .filter_map(|e| Some(e.ok()?.path().join("bin")))
        .filter(|bin| bin.join("postgres").exists())
        .collect();
    versions.sort();
    versions.pop().expect("no PostgreSQL server under /usr/lib/postgresql")
}

/// `program` as the postgres user when the tests run as root (PostgreSQL refuses root).
fn as_postgres(program: &Path) -> Command {
    if root() {
        let mut command = Command::new(sbin("runuser"));
        command.args(["-u", "postgres", "--"]).arg(program);
        command
    } else {
        Command::new(program)
    }
}

#[test]
fn postgresql_upgrades_with_its_ssl_request() {
    let dir = served("postgres");
    if root() {
        let owned = Command::new("chown").args(["-R", "postgres"]).arg(&dir).status().unwrap();
        assert!(owned.success());
    }
    let bin = postgres_bin();
    let data = dir.join("data");
    let made = as_postgres(&bin.join("initdb"))
        .args(["-A", "trust", "-U", "postgres", "--no-sync", "-D"])
        .arg(&data)
        .output()
        .unwrap();
    assert!(made.status.success(), "initdb: {}", String::from_utf8_lossy(&made.stderr));
    let port = free_port();
    let mut postgres = as_postgres(&bin.join("postgres"));
    postgres.arg("-D").arg(&data).arg("-k").arg(&dir).args(["-p", &port.to_string()]);
    for setting in [
        "listen_addresses=127.0.0.1".to_string(),
        "ssl=on".into(),
        format!("ssl_cert_file={}", dir.join("chain.pem").display()),
        format!("ssl_key_file={}", dir.join("leaf.key").display()),
        "fsync=off".into(),
    ] {
        postgres.args(["-c", &setting]);
    }
    let server = Daemon::start(postgres, port, "PostgreSQL");
    fetches_the_chain("postgres", port);
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn vsftpd_upgrades_with_auth_tls() {
    let dir = served("vsftpd");
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    let port = free_port();
    let mut config = format!(
        "listen=YES\nlisten_ipv6=NO\nlisten_address=127.0.0.1\nlisten_port={port}\nbackground=NO\n\
         anonymous_enable=YES\nlocal_enable=NO\npasv_enable=NO\nseccomp_sandbox=NO\nssl_enable=YES\n\
         rsa_cert_file={dir}/chain.pem\nrsa_private_key_file={dir}/leaf.key\n\
         secure_chroot_dir={dir}/empty\nanon_root={dir}/empty\n",
        dir = dir.display()
    );
    if !root() {
        config.push_str("run_as_launching_user=YES\n");
    }
    std::fs::write(dir.join("vsftpd.conf"), config).unwrap();
    let mut vsftpd = Command::new(sbin("vsftpd"));
    vsftpd.arg(dir.join("vsftpd.conf"));
    let server = Daemon::start(vsftpd, port, "vsftpd");
    fetches_the_chain("ftp", port);
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}
