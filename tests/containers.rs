//! Where certificates live beyond PEM and DER: Java keystores (JKS and JCEKS, made by keytool:
//! `tests/fixtures/keystores/make.sh`), read with or without the store password, the integrity
//! checked when it is given, and never a panic or a false "verified" on damaged bytes; OpenVPN
//! profiles with their inline blocks; Windows serialized stores (.sst); a PKCS#12 whose PBKDF2
//! uses HMAC-SHA1; a signing request with an attribute that cannot be read.

mod support;

use certscope::{LoadOptions, load_bytes};
use support::*;

fn load(name: &str, password: Option<&str>) -> certscope::Input {
    let bytes = std::fs::read(fixture(&format!("keystores/{name}"))).unwrap();
    load_bytes(name, &bytes, &LoadOptions { password: password.map(String::from), ..LoadOptions::default() })
}

#[test]
fn a_jks_is_read_without_its_password_and_says_its_integrity_was_not_checked() {
    let input = load("store.jks", None);
    assert_eq!(input.format, Some("JKS"));
    assert!(input.error.is_none(), "{:?}", input.error);
    // Two trusted certificates and the key entry's own certificate; the key stays protected.
    let names: Vec<String> = input.certificates.iter().map(|c| c.display_name()).collect();
    assert!(names.contains(&"certscope Test Root CA".to_string()), "{names:?}");
    assert!(names.contains(&"jks.certscope.test".to_string()), "{names:?}");
    assert_eq!(input.keys.len(), 1);
    assert!(input.keys[0].summary.encrypted);
    assert_eq!(input.integrity, None);
    assert!(input.notes[0].contains("integrity not checked: no store password given"), "{:?}", input.notes);
    // Against keytool's own listing of the same file.
    let listed = std::process::Command::new("keytool")
        .args(["-list", "-storepass", "changeit", "-keystore"])
        .arg(fixture("keystores/store.jks"))
        .output();
    if let Some(out) = listed.ok().filter(|o| o.status.success()) {
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("contains 3 entries"), "{text}");
    }
}

#[test]
fn the_store_password_verifies_the_integrity_and_a_wrong_one_says_so() {
    let good = load("store.jks", Some("changeit"));
    assert_eq!(good.integrity, Some(true));
    assert!(good.notes[0].contains("integrity verified"));
    let wrong = load("store.jks", Some("letmein"));
    assert_eq!(wrong.integrity, Some(false));
    assert_eq!(wrong.certificates.len(), good.certificates.len(), "entries are read either way");
    // The diagnosis says it.
    let out = certscope()
        .args(["report", "--json", "--password", "letmein"])
        .arg(fixture("keystores/store.jks"))
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(value["findings"].as_array().unwrap().iter().any(|f| f["code"] == "input.integrity"));
}

#[test]
fn a_jceks_store_is_read_too() {
    let input = load("store.jceks", Some("changeit"));
    assert_eq!(input.format, Some("JCEKS"));
    assert_eq!(input.certificates.len(), 2);
    assert_eq!(input.integrity, Some(true));
}

#[test]
fn damaged_keystores_never_panic_and_never_verify() {
    let bytes = std::fs::read(fixture("keystores/store.jks")).unwrap();
    let options = LoadOptions { password: Some("changeit".into()), ..LoadOptions::default() };
    for cut in (0..bytes.len()).step_by(7) {
        let input = load_bytes("cut", &bytes[..cut], &options);
        assert_ne!(input.integrity, Some(true), "truncated at {cut}");
    }
    for at in (4..bytes.len()).step_by(13) {
        for bit in [0x01u8, 0x80] {
            let mut flipped = bytes.clone();
            flipped[at] ^= bit;
            let input = load_bytes("flipped", &flipped, &options);
            assert_ne!(input.integrity, Some(true), "bit {bit:#x} of byte {at} flipped, yet verified");
        }
    }
}

#[test]
fn a_folder_with_a_keystore_in_it_loads_it_as_one() {
    let dir = std::env::temp_dir().join(format!("certscope-keystore-folder-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(fixture("keystores/store.jks"), dir.join("cacerts")).unwrap();
    std::fs::copy(fixture("root.pem"), dir.join("root.pem")).unwrap();
    let out = certscope().args(["report", "--json", "--time", NOW]).arg(&dir).output().unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert_ne!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let formats: Vec<&str> = value["inputs"].as_array().unwrap().iter().filter_map(|i| i["format"].as_str()).collect();
    assert!(formats.contains(&"JKS"), "{formats:?}");
}

#[test]
fn an_openvpn_profile_says_what_it_is_and_its_key_matches_its_certificate() {
    let read = |name: &str| std::fs::read_to_string(fixture(name)).unwrap();
    let profile = format!(
        "client\ndev tun\nproto udp\nremote vpn.certscope.test 1194\n<ca>\n{}</ca>\n<cert>\n{}</cert>\n<extra-certs>\n{}</extra-certs>\n<key>\n{}</key>\n",
        read("root.pem"),
        read("leaf-p256.pem"),
        read("intermediate.pem"),
        read("leaf-p256.key")
    );
    let input = load_bytes("client.ovpn", profile.as_bytes(), &LoadOptions::default());
    assert_eq!(input.format, Some("OpenVPN profile"));
    assert_eq!(input.certificates.len(), 3);
    assert_eq!(input.keys.len(), 1);
    assert!(input.keys[0].matches_certificate.is_some(), "the <key> belongs to the <cert>");
    let note = &input.notes[0];
    assert!(note.starts_with("OpenVPN profile for vpn.certscope.test:1194:"), "{note}");
    assert!(note.contains("<extra-certs> (1 PEM block(s)"), "{note}");
    // The key is named by its type only, never printed.
    let out = certscope()
        .args(["report", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    let mut child = out;
    child.stdin.take().unwrap().write_all(profile.as_bytes()).unwrap();
    let text = String::from_utf8(child.wait_with_output().unwrap().stdout).unwrap();
    assert!(text.contains("OpenVPN profile"), "{text}");
    assert!(!text.contains("PRIVATE KEY-----"), "the key's secret is never shown");
}

/// A configuration profile with the test root and intermediate as certificate payloads.
fn mobileconfig() -> String {
    let der = |name: &str| {
        let pem = std::fs::read(fixture(name)).unwrap();
        let input = load_bytes(name, &pem, &LoadOptions::default());
        data_encoding::BASE64.encode(&input.certificates[0].der)
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
  <key>PayloadContent</key><array>
    <dict><key>PayloadType</key><string>com.apple.security.root</string><key>PayloadContent</key><data>{}</data></dict>
    <dict><key>PayloadType</key><string>com.apple.security.pkcs1</string><key>PayloadContent</key><data>
{}
</data></dict>
  </array>
  <key>PayloadDisplayName</key><string>certscope test profile</string>
  <key>PayloadType</key><string>Configuration</string>
</dict></plist>
"#,
        der("root.pem"),
        der("intermediate.pem")
    )
}

#[test]
fn an_unsigned_configuration_profile_gives_its_certificate_payloads() {
    let input = load_bytes("test.mobileconfig", mobileconfig().as_bytes(), &LoadOptions::default());
    assert_eq!(input.format, Some("Apple configuration profile"));
    let names: Vec<String> = input.certificates.iter().map(|c| c.display_name()).collect();
    assert_eq!(names, ["certscope Test Root CA", "certscope Test Intermediate CA"]);
    assert!(
        input.notes[0].contains("'certscope test profile', not signed: 2 certificate payload(s)"),
        "{:?}",
        input.notes
    );
}

#[test]
fn a_signed_configuration_profile_has_its_signature_checked_and_its_payloads_read() {
    let dir = std::env::temp_dir().join(format!("certscope-profile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("profile.plist"), mobileconfig()).unwrap();
    let status = std::process::Command::new("openssl")
        .args(["cms", "-sign", "-binary", "-nodetach", "-outform", "DER", "-in"])
        .arg(dir.join("profile.plist"))
        .arg("-signer")
        .arg(fixture("leaf-p256.pem"))
        .arg("-inkey")
        .arg(fixture("leaf-p256.key"))
        .arg("-out")
        .arg(dir.join("signed.mobileconfig"))
        .status()
        .unwrap();
    assert!(status.success());
    let input = certscope::load_path(&dir.join("signed.mobileconfig"), &LoadOptions::default());
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(input.format, Some("Apple configuration profile"));
    assert_eq!(input.signatures.len(), 1);
    assert!(input.signatures[0].verified(), "{:?}", input.signatures[0].checks);
    let names: Vec<String> = input.certificates.iter().map(|c| c.display_name()).collect();
    assert!(names.contains(&"p256.certscope.test".to_string()), "the signer: {names:?}");
    assert!(names.contains(&"certscope Test Root CA".to_string()), "a payload: {names:?}");
    assert!(
        input.notes[0].contains("signed (its signature checked below): 2 certificate payload(s)"),
        "{:?}",
        input.notes
    );
}

#[test]
fn a_windows_serialized_store_loads_its_certificates_and_crl() {
    let input = load("store.sst", None);
    assert_eq!(input.format, Some("Windows certificate store (SST)"));
    assert!(input.error.is_none(), "{:?}", input.error);
    let names: Vec<String> = input.certificates.iter().map(|c| c.display_name()).collect();
    assert_eq!(names, ["certscope Test Root CA", "certscope Test Intermediate CA"]);
    assert_eq!(input.revocation_lists.len(), 1);
    // The same certificates as the PEM files the store was written from.
    let root = certscope::load_path(&fixture("root.pem"), &LoadOptions::default());
    assert_eq!(input.certificates[0].sha256, root.certificates[0].sha256);
    assert!(input.notes[0].starts_with("Windows serialized certificate store: 2 certificate(s), 1 CRL(s)"));
    // Cut inside the second certificate: the first is kept, the cut said.
    let cut = load("truncated.sst", None);
    assert_eq!(cut.certificates.len(), 1);
    assert!(cut.problems[0].contains("past the end of the file"), "{:?}", cut.problems);
    let bytes = std::fs::read(fixture("keystores/store.sst")).unwrap();
    for at in (0..bytes.len()).step_by(5) {
        let _ = load_bytes("cut.sst", &bytes[..at], &LoadOptions::default());
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x40;
        let _ = load_bytes("flipped.sst", &flipped, &LoadOptions::default());
    }
}

#[test]
fn a_pkcs12_whose_pbkdf2_uses_hmac_sha1_opens_with_its_password() {
    // keytool with Java's SHA-1 settings: openssl pkcs12 -info says "PRF hmacWithSHA1".
    let info = std::process::Command::new("openssl")
        .args(["pkcs12", "-info", "-noout", "-passin", "pass:changeit", "-in"])
        .arg(fixture("keystores/sha1-prf.p12"))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&info.stderr).contains("PRF hmacWithSHA1"), "{info:?}");
    let input = load("sha1-prf.p12", Some("changeit"));
    assert!(input.error.is_none(), "{:?}", input.error);
    assert_eq!(input.certificates[0].display_name(), "sha1-prf.certscope.test");
    assert_eq!(input.keys.len(), 1);
    assert!(load("sha1-prf.p12", Some("wrong")).error.is_some_and(|e| e.wants_password()));
}

#[test]
fn a_request_with_a_malformed_attribute_loads_and_says_which() {
    let path = fixture("requests/bad-attribute.csr");
    // The parser refuses the request as a whole: the fallback sets the attribute aside.
    let bytes = std::fs::read(&path).unwrap();
    let der = certscope::load::pem::blocks(&bytes)[0].der.clone().unwrap();
    use x509_parser::prelude::FromDer as _;
    assert!(x509_parser::certification_request::X509CertificationRequest::from_der(&der).is_err());
    let input = certscope::load_path(&path, &LoadOptions::default());
    assert!(input.error.is_none(), "{:?}", input.error);
    let request = &input.requests[0];
    assert_eq!(request.subject.display_name(), "bad-attribute.certscope.test");
    assert!(request.signature_valid, "the signature covers the request as written");
    assert_eq!(request.malformed_attributes.len(), 1);
    assert!(request.malformed_attributes[0].starts_with("challengePassword is not a valid DirectoryString"));
    assert_eq!(request.requested_extensions.len(), 1, "the extension request is still read");
    let out = certscope().args(["report", "--format", "json"]).arg(&path).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let finding = json["findings"].as_array().unwrap().iter().find(|f| f["code"] == "request.malformed_attribute");
    assert_eq!(finding.unwrap()["severity"], "warning");
}

/// Profiles and the other new containers, cut or flipped: never a panic.
#[test]
fn cut_or_flipped_profiles_stores_and_requests_never_panic() {
    let options = LoadOptions::default();
    let mut samples: Vec<(String, Vec<u8>)> = vec![("profile.mobileconfig".into(), mobileconfig().into_bytes())];
    for name in ["keystores/store.sst", "requests/bad-attribute.csr"] {
        samples.push((name.into(), std::fs::read(fixture(name)).unwrap()));
    }
    for (name, bytes) in samples {
        for end in (0..bytes.len()).step_by(3) {
            let _ = load_bytes(&name, &bytes[..end], &options);
            let mut flipped = bytes.clone();
            flipped[end] ^= 0x20;
            let _ = load_bytes(&name, &flipped, &options);
        }
    }
}

#[test]
fn a_pkcs12_without_any_password_protection_opens_without_asking() {
    // openssl pkcs12 -export -keypbe NONE -certpbe NONE -nomac: no MAC, plain bags.
    let dir = std::env::temp_dir().join(format!("certscope-nomac-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("plain.p12");
    let status = std::process::Command::new("openssl")
        .args(["pkcs12", "-export", "-keypbe", "NONE", "-certpbe", "NONE", "-nomac", "-passout", "pass:", "-in"])
        .arg(fixture("leaf-p256.pem"))
        .arg("-inkey")
        .arg(fixture("leaf-p256.key"))
        .arg("-out")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let input = certscope::load_path(&out, &LoadOptions::default());
    assert!(input.error.is_none(), "{:?}", input.error);
    assert_eq!(input.certificates[0].display_name(), "p256.certscope.test");
    assert_eq!(input.keys.len(), 1);
    assert!(!input.keys[0].summary.encrypted);
    std::fs::remove_dir_all(&dir).ok();
}
