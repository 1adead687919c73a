//! LDAP URLs as Windows CAs write them, against a real OpenLDAP slapd on 127.0.0.1: CRLs and
//! delta CRLs from the distribution point's entry, issuer certificates from caIssuers, the
//! host-less ldap:/// said unreachable and passed over, and a directory's refusals in words.

mod support;

use std::path::{Path, PathBuf};

use certscope::build_chains;
use certscope::net::{FetchError, Limits};
use certscope::revocation::{AnsweredBy, CrlCache, CrlSource, CrlStatus, NetworkChecks, check_network, issued};
use support::crl::{delta_crl, made_crl, revoked_line};
use support::ldap::{Slapd, entry};
use support::*;

/// Where AD CS publishes the CRL of 'certscope OCSP Test CA' (its CDP container), here.
const CDP: &str = "cn=certscope OCSP Test CA,cn=CDP";

/// The host-less form AD CS writes first: the domain's own directory.
const DOMAIN_CDP: &str = "ldap:///CN=certscope OCSP Test CA,CN=host,CN=CDP,CN=Public Key Services,CN=Services,CN=Configuration,DC=corp,DC=example?certificateRevocationList?base?objectClass=cRLDistributionPoint";

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("certscope-ldap-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A leaf for `cn` with this serial (hex), issued now by `ca`/`key` with these extension lines
/// (an `openssl x509v3_config` section, sections after it); its PEM path.
fn issue(dir: &Path, cn: &str, serial: &str, ca: &Path, key: &Path, extensions: &str) -> PathBuf {
    let at = |file: &str| dir.join(file).to_str().unwrap().to_string();
    openssl(&["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", &at(&format!("{cn}.key"))]);
    openssl(&["req", "-new", "-key", &at(&format!("{cn}.key")), "-subj", &format!("/CN={cn}"), "-out", &at("req.csr")]);
    std::fs::write(dir.join("ext.cnf"), format!("[ext]\n{extensions}\n")).unwrap();
    let pem = at(&format!("{cn}.pem"));
    openssl(&[
        "x509",
        "-req",
        "-in",
        &at("req.csr"),
        "-CA",
        ca.to_str().unwrap(),
        "-CAkey",
        key.to_str().unwrap(),
        "-set_serial",
        &format!("0x{serial}"),
        "-days",
        "365",
        "-extfile",
        &at("ext.cnf"),
        "-extensions",
        "ext",
        "-out",
        &pem,
    ]);
    PathBuf::from(pem)
}

/// CRL points of a leaf: the domain's directory first, then `slapd`'s entry; the delta beside it.
fn points(slapd: &Slapd) -> String {
    format!(
        "basicConstraints = CA:FALSE\ncrlDistributionPoints = cdp\nfreshestCRL = fresh\n\
         [cdp]\nfullname = @cdp_names\n[cdp_names]\nURI.1 = {DOMAIN_CDP}\nURI.2 = {}\n\
         [fresh]\nfullname = @fresh_names\n[fresh_names]\nURI.1 = {}\n",
        slapd.url(CDP, "certificateRevocationList;binary"),
        slapd.url(CDP, "deltaRevocationList;binary"),
    )
}

/// slapd publishing a base CRL (number 5: 1002 revoked) and its delta (number 6: 1001 revoked
/// since) in the CDP entry, as AD CS does.
fn directory(name: &str) -> Slapd {
    let base = made_crl(&format!("{name}-base"), &revoked_line("1002", "keyCompromise"), "05", "");
    let delta = delta_crl(&format!("{name}-delta"), &revoked_line("1001", "superseded"), "06", 5);
    let entries = entry("cn=CDP", &["cRLDistributionPoint"], &[])
        + &entry(
            CDP,
            &["cRLDistributionPoint"],
            &[
                ("certificateRevocationList;binary", &base.revocation_lists[0].der),
                ("deltaRevocationList;binary", &delta.revocation_lists[0].der),
            ],
        );
    Slapd::start(name, &entries)
}

#[test]
fn a_crl_and_its_delta_are_read_from_the_directory_and_ldap_triple_slash_is_passed_over() {
    let slapd = directory("crl");
    let dir = scratch("crl");
    let ca = fixture("ocsp/ca.pem");
    let key = fixture("ocsp/ca.key");
    let revoked = issue(&dir, "on-delta.certscope.test", "1001", &ca, &key, &points(&slapd));
    let good = issue(&dir, "good.certscope.test", "1003", &ca, &key, &points(&slapd));
    let inputs = vec![
        load("ocsp/ca.pem"),
        certscope::load_path(&revoked, &Default::default()),
        certscope::load_path(&good, &Default::default()),
    ];
    let chains = build_chains(&inputs);
    let checks = NetworkChecks { crl: Some(Limits::CRL), ..Default::default() };
    let revocation =
        check_network(&issued(&inputs, &chains), time::OffsetDateTime::now_utc(), &checks, &CrlCache::default());
    let of = |input: usize| revocation.crl.iter().filter(move |r| r.certificate.input == input);
    // The domain's directory: said unreachable, never fetched (no server named).
    for r in of(1).chain(of(2)).filter(|r| r.source == CrlSource::Url(DOMAIN_CDP.into())) {
        match &r.check.status {
            CrlStatus::Error(why) => assert!(
                why.contains("names no server: a host-less ldap:/// URL means the directory of the Windows domain"),
                "{why}"
            ),
            other => panic!("{other:?}"),
        }
    }
    let from_slapd = |input: usize| of(input).find(|r| r.source != CrlSource::Url(DOMAIN_CDP.into())).unwrap();
    let on_delta = &from_slapd(1).check;
    assert!(
        matches!(&on_delta.status, CrlStatus::Revoked { reason: Some(r), .. } if r == "superseded"),
        "{on_delta:?}"
    );
    assert_eq!(on_delta.answered_by, AnsweredBy::Delta);
    assert_eq!(on_delta.delta.as_ref().unwrap().source, CrlSource::Url(slapd.url(CDP, "deltaRevocationList;binary")));
    let not_listed = &from_slapd(2).check;
    assert_eq!(not_listed.status, CrlStatus::NotListed, "{not_listed:?}");
    assert_eq!(not_listed.answered_by, AnsweredBy::Base);
    // The report concludes the same: revoked; and good beside the domain URL, which is no fault.
    let out = certscope()
        .args(["report", "--json", "--crl", "--time", &now_text(), fixture("ocsp/ca.pem").to_str().unwrap()])
        .args([&revoked, &good])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = json["findings"].as_array().unwrap();
    let about = |code: &str, cn: &str| {
        findings.iter().find(|f| f["code"] == code && f["message"].as_str().unwrap().contains(cn)).cloned()
    };
    assert!(about("revocation.revoked", "on-delta.certscope.test").is_some(), "{findings:#?}");
    assert!(about("revocation.good", "good.certscope.test").is_some(), "{findings:#?}");
    let domain = about("revocation.directory_url", "good.certscope.test").unwrap();
    assert_eq!(domain["severity"], "info");
    assert!(about("revocation.unverified", "good.certscope.test").is_none(), "{findings:#?}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn now_text() -> String {
    certscope::model::time::rfc3339(time::OffsetDateTime::now_utc())
}

#[test]
fn a_missing_intermediate_is_fetched_from_the_directory_named_by_caissuers() {
    let dir = scratch("aia");
    let at = |file: &str| dir.join(file);
    // A root, an intermediate it signs, and a leaf whose caIssuers names slapd's entry.
    openssl(&["ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", at("root.key").to_str().unwrap()]);
    openssl(&[
        "req",
        "-x509",
        "-new",
        "-key",
        at("root.key").to_str().unwrap(),
        "-subj",
        "/CN=certscope LDAP Root",
        "-days",
        "365",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        "-out",
        at("root.pem").to_str().unwrap(),
    ]);
    let ca_extensions = "basicConstraints = critical, CA:TRUE\nkeyUsage = critical, keyCertSign, cRLSign";
    let intermediate =
        issue(&dir, "certscope LDAP Intermediate", "20", &at("root.pem"), &at("root.key"), ca_extensions);
    let der = openssl_der(&intermediate);
    let slapd =
        Slapd::start("aia", &entry("cn=AIA", &["applicationProcess", "pkiCA"], &[("cACertificate;binary", &der)]));
    let aia = format!(
        "basicConstraints = CA:FALSE\nsubjectAltName = DNS:aia.certscope.test\nauthorityInfoAccess = @aia\n[aia]\n\
         caIssuers;URI.1 = ldap:///CN=certscope LDAP Intermediate,CN=AIA,CN=Public Key Services,CN=Services,CN=Configuration,DC=corp,DC=example?cACertificate?base?objectClass=certificationAuthority\n\
         caIssuers;URI.2 = {}\n",
        slapd.url("cn=AIA", "cACertificate;binary")
    );
    let leaf =
        issue(&dir, "aia.certscope.test", "30", &intermediate, &dir.join("certscope LDAP Intermediate.key"), &aia);
    let out = certscope()
        .args(["report", "--json", "--aia", "--ca-file", at("root.pem").to_str().unwrap(), "--time", &now_text()])
        .arg(&leaf)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let certificates = json["inputs"][0]["certificates"].as_array().unwrap();
    assert_eq!(certificates.len(), 2, "{json:#}");
    assert_eq!(certificates[1]["fetched_from"], slapd.url("cn=AIA", "cACertificate;binary"));
    assert_eq!(certificates[1]["subject"], "CN=certscope LDAP Intermediate");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The DER of a PEM certificate file.
fn openssl_der(pem: &Path) -> Vec<u8> {
    certscope::load_path(pem, &Default::default()).certificates[0].der.to_vec()
}

#[test]
fn a_directory_without_the_entry_or_the_attribute_says_so_in_words() {
    let slapd = directory("refusals");
    let limits = Limits::CRL;
    let missing = slapd.url("cn=nobody,cn=CDP", "certificateRevocationList;binary");
    match certscope::net::fetch(&missing, limits) {
        Err(e @ FetchError::Directory { .. }) => {
            assert_eq!(e.to_string(), format!("the directory at {missing} answered LDAP result 32 (noSuchObject)"))
        }
        other => panic!("{other:?}"),
    }
    let no_value = slapd.url("cn=CDP", "certificateRevocationList;binary");
    let why = certscope::net::fetch(&no_value, limits).unwrap_err().to_string();
    assert!(
        why.ends_with("has the entry 'cn=CDP,dc=certscope,dc=test', but no value of certificateRevocationList in it"),
        "{why}"
    );
    // The attribute asked without ;binary, as AD CS writes it: the same CRL.
    let plain = slapd.url(CDP, "certificateRevocationList");
    let fetched = certscope::net::fetch(&plain, limits).unwrap();
    assert_eq!(certscope::load_bytes("crl", &fetched.body, &Default::default()).revocation_lists.len(), 1);
}

/// A directory that accepts one connection, reads the search, answers `reply`, then waits
/// `linger` before it closes (a stall when long). Gone after that, or after 10 s unasked.
fn hostile(reply: Vec<u8>, linger: std::time::Duration) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while std::time::Instant::now() < deadline {
            if let Ok((mut stream, _)) = listener.accept() {
                stream.set_nonblocking(false).unwrap();
                let mut request = [0u8; 1024];
                let _ = stream.read(&mut request);
                let _ = stream.write_all(&reply);
                std::thread::sleep(linger);
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    });
    format!("ldap://127.0.0.1:{port}/cn=CA,dc=corp?certificateRevocationList;binary")
}

#[test]
fn hostile_directories_end_in_words_within_the_timeout_and_never_a_panic() {
    use std::time::{Duration, Instant};
    let limits = Limits { timeout: Duration::from_secs(2), max_bytes: 1024 * 1024 };
    let short = Duration::from_millis(300);
    // A search answer of an entry with `size` bytes of value, message ID 1.
    let entry_of = |size: usize| {
        let value = vec![0x41u8; size];
        let mut values = vec![0x04, 0x83];
        values.extend_from_slice(&(size as u32).to_be_bytes()[1..]);
        values.extend_from_slice(&value);
        let wrap = |tag: u8, body: &[u8]| {
            let mut out = vec![tag, 0x84];
            out.extend_from_slice(&(body.len() as u32).to_be_bytes());
            out.extend_from_slice(body);
            out
        };
        let attribute = wrap(0x30, &[&[0x04, 0x01, b'c'][..], &wrap(0x31, &values)].concat());
        let op = wrap(0x64, &[&[0x04, 0x01, b'a'][..], &wrap(0x30, &attribute)].concat());
        wrap(0x30, &[&[0x02, 0x01, 0x01][..], &op].concat())
    };
    let rows: Vec<(&str, Vec<u8>, Duration, &str)> = vec![
        ("silent", Vec::new(), Duration::from_secs(8), "timed out after 2 s"),
        ("declares 16 MiB", vec![0x30, 0x84, 0x01, 0x00, 0x00, 0x00, 0x02, 0x01, 0x01], short, "larger than 1 MiB"),
        (
            "three entries of 400 KiB",
            [entry_of(400 * 1024), entry_of(400 * 1024), entry_of(400 * 1024)].concat(),
            short,
            "larger than 1 MiB",
        ),
        ("an empty message", vec![0x30, 0x00], short, "not an LDAP search result"),
        ("an unknown operation", vec![0x30, 0x05, 0x02, 0x01, 0x01, 0x7f, 0x00], short, "not an LDAP search result"),
        (
            "HTTP",
            b"HTTP/1.1 400 Bad Request\r\nContent-Type: text/html\r\nContent-Length: 200\r\n\r\n<html>".repeat(4),
            short,
            "not an LDAP search result",
        ),
        (
            "cut short",
            vec![0x30, 0x64, 0x02, 0x01, 0x01, 0x65],
            short,
            "closed the connection before the whole answer arrived",
        ),
    ];
    for (name, reply, linger, want) in rows {
        let url = hostile(reply, linger);
        let started = Instant::now();
        let result = std::panic::catch_unwind(|| certscope::net::fetch(&url, limits));
        let elapsed = started.elapsed();
        let why = match result {
            Ok(Err(e)) => e.to_string(),
            Ok(Ok(fetched)) => panic!("{name}: fetched {} bytes", fetched.body.len()),
            Err(_) => panic!("{name}: a panic"),
        };
        assert!(why.contains(want), "{name}: {why}");
        assert!(elapsed < Duration::from_secs(5), "{name}: {elapsed:?}");
    }
}
