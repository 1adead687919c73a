//! Every input format loads, and what certscope reads agrees with openssl on the same file.

mod support;

use certscope::model::{Extension, Purpose, ValidityStatus, hex};
use support::*;

#[test]
fn each_format_loads_with_the_expected_items() {
    // (file, container, certificates, CSRs, CRLs, keys)
    let rows: &[(&str, &str, usize, usize, usize, usize)] = &[
        ("chain.pem", "PEM", 3, 0, 0, 0),
        ("chain-messy.pem", "PEM", 3, 0, 0, 0),
        ("trusted.pem", "PEM", 1, 0, 0, 0),
        ("leaf-p256.der", "DER", 1, 0, 0, 0),
        ("root.der", "DER", 1, 0, 0, 0),
        ("chain.p7b", "PEM", 3, 0, 0, 0),
        ("chain-der.p7b", "PKCS#7", 3, 0, 0, 0),
        ("with-crl.p7b", "PEM", 3, 0, 1, 0),
        ("signed-ber.p7s", "PKCS#7", 2, 0, 0, 0),
        ("empty-password.p12", "PKCS#12", 2, 0, 0, 1),
        ("truststore.p12", "PKCS#12", 0, 0, 0, 0), // password "store": asked for
        ("request.csr", "PEM", 0, 1, 0, 0),
        ("request.der", "DER", 0, 1, 0, 0),
        ("intermediate.crl", "PEM", 0, 0, 1, 0),
        ("intermediate-crl.der", "DER", 0, 0, 1, 0),
        ("leaf-p256.key", "PEM", 0, 0, 0, 1),
        ("leaf-rsa-pkcs1.key", "PEM", 0, 0, 0, 1),
        ("legacy-encrypted.key", "PEM", 0, 0, 0, 1), // Proc-Type: 4,ENCRYPTED: summarised, not opened
    ];
    for &(file, container, certificates, requests, lists, keys) in rows {
        let input = load(file);
        assert_eq!(input.format, Some(container), "{file}");
        assert_eq!(input.certificates.len(), certificates, "{file}: certificates");
        assert_eq!(input.requests.len(), requests, "{file}: CSRs");
        assert_eq!(input.revocation_lists.len(), lists, "{file}: CRLs");
        assert_eq!(input.keys.len(), keys, "{file}: keys");
        if file != "truststore.p12" {
            assert_eq!(input.error, None, "{file}");
        }
    }
}

#[test]
fn pem_certificate_fields_match_openssl() {
    for file in ["leaf-rsa.pem", "leaf-p256.pem", "leaf-ed25519.pem", "root.pem", "intermediate.pem"] {
        let path = fixture(file);
        let path = path.to_str().unwrap();
        let input = load(file);
        let c = &input.certificates[0];
        let fingerprint = openssl(&["x509", "-in", path, "-noout", "-fingerprint", "-sha256"]);
        assert_eq!(hex(&c.sha256), openssl_fingerprint(&fingerprint), "{file}");
        let sha1 = openssl(&["x509", "-in", path, "-noout", "-fingerprint", "-sha1"]);
        assert_eq!(hex(&c.sha1), openssl_fingerprint(&sha1), "{file}");
        let serial = openssl(&["x509", "-in", path, "-noout", "-serial"]);
        assert_eq!(c.serial, serial.trim().trim_start_matches("serial=").to_lowercase(), "{file}");
        let text = openssl(&["x509", "-in", path, "-noout", "-text"]);
        assert!(
            text.contains(&format!("Signature Algorithm: {}", c.signature_algorithm)),
            "{file}: {}",
            c.signature_algorithm
        );
        let subject = openssl(&["x509", "-in", path, "-noout", "-subject", "-nameopt", "sep_comma_plus,sname"]);
        assert_eq!(subject.trim().trim_start_matches("subject="), c.subject.text.replace(", ", ","), "{file}");
        let end = openssl(&["x509", "-in", path, "-noout", "-enddate", "-dateopt", "iso_8601"]);
        let end = end.trim().trim_start_matches("notAfter=").replace(' ', "T");
        assert_eq!(end, certscope::model::time::rfc3339(c.not_after), "{file}");
        // openssl's own word on the key: "Public-Key: (256 bit)" / "ED25519 Public-Key".
        match c.public_key.algorithm.as_str() {
            "Ed25519" => assert!(text.contains("ED25519 Public-Key"), "{file}"),
            _ => assert!(text.contains(&format!("Public-Key: ({} bit)", c.public_key.bits.unwrap())), "{file}"),
        }
    }
}

#[test]
fn der_certificate_matches_openssl() {
    let path = fixture("leaf-p256.der");
    let out = openssl(&["x509", "-inform", "DER", "-in", path.to_str().unwrap(), "-noout", "-fingerprint", "-sha256"]);
    assert_eq!(hex(&load("leaf-p256.der").certificates[0].sha256), openssl_fingerprint(&out));
}

#[test]
fn pkcs7_bundles_hold_the_certificates_openssl_prints() {
    for (file, form) in [("chain.p7b", "PEM"), ("chain-der.p7b", "DER")] {
        let path = fixture(file);
        let pem = openssl(&["pkcs7", "-inform", form, "-in", path.to_str().unwrap(), "-print_certs"]);
        let ours = load(file).certificates.iter().map(|c| hex(&c.sha256)).collect();
        assert_eq!(sorted(ours), sorted(fingerprints_of_pem(&pem)), "{file}");
    }
}

#[test]
fn pkcs12_files_of_every_encryption_open_and_match_openssl() {
    for (file, legacy) in [("modern.p12", false), ("legacy-3des.p12", false), ("legacy-rc2.p12", true)] {
        let input = load_with_password(file, "correct horse");
        assert_eq!(input.error, None, "{file}");
        let path = fixture(file);
        let mut args = vec!["pkcs12", "-in", path.to_str().unwrap(), "-nokeys", "-passin", "pass:correct horse"];
        if legacy {
            args.push("-legacy");
        }
        let pem = openssl(&args);
        let ours = input.certificates.iter().map(|c| hex(&c.sha256)).collect();
        assert_eq!(sorted(ours), sorted(fingerprints_of_pem(&pem)), "{file}");
        // The key is summarised, tied to its certificate, and its secret is nowhere in the report.
        let key = &input.keys[0];
        assert_eq!(key.summary.summary(), "EC P-256", "{file}");
        assert_eq!(key.summary.friendly_name.as_deref(), Some("alice key"));
        let matched = &input.certificates[key.matches_certificate.expect("key matches its certificate")];
        assert_eq!(matched.display_name(), "p256.certscope.test");
    }
}

#[test]
fn pkcs12_passwords_missing_wrong_and_empty() {
    use certscope::LoadError;
    assert_eq!(load("modern.p12").error, Some(LoadError::PasswordRequired));
    assert_eq!(load_with_password("modern.p12", "nope").error, Some(LoadError::WrongPassword));
    assert_eq!(load("empty-password.p12").error, None);
    // A password given for a batch still opens a file exported without one.
    assert_eq!(load_with_password("empty-password.p12", "correct horse").error, None);
    // A truststore (certificates only, no key) keeps every certificate.
    let store = load_with_password("truststore.p12", "store");
    assert_eq!(store.error, None);
    assert_eq!(store.certificates.len(), 3);
}

#[test]
fn private_keys_are_matched_to_their_certificates() {
    let mut bytes = std::fs::read(fixture("leaf-p256.key")).unwrap();
    bytes.extend(std::fs::read(fixture("leaf-rsa.pem")).unwrap());
    bytes.extend(std::fs::read(fixture("leaf-p256.pem")).unwrap());
    let input = certscope::load_bytes("key and certs", &bytes, &Default::default());
    assert_eq!(input.keys[0].matches_certificate, Some(1));
    let rsa = load("leaf-rsa-pkcs1.key");
    assert_eq!(rsa.keys[0].summary.summary(), "RSA 2048 bits");
    let mut both = std::fs::read(fixture("leaf-rsa-pkcs1.key")).unwrap();
    both.extend(std::fs::read(fixture("leaf-rsa.pem")).unwrap());
    let input = certscope::load_bytes("rsa", &both, &Default::default());
    assert_eq!(input.keys[0].matches_certificate, Some(0));
}

#[test]
fn csr_matches_openssl() {
    let path = fixture("request.csr");
    let request = &load("request.csr").requests[0];
    let subject =
        openssl(&["req", "-in", path.to_str().unwrap(), "-noout", "-subject", "-nameopt", "sep_comma_plus,sname"]);
    assert_eq!(subject.trim().trim_start_matches("subject="), request.subject.text.replace(", ", ","));
    assert!(request.signature_valid);
    let verify = std::process::Command::new("openssl")
        .args(["req", "-in", path.to_str().unwrap(), "-noout", "-verify"])
        .output()
        .unwrap();
    assert!(verify.status.success());
    let names: Vec<String> = request.requested_extensions.iter().flat_map(|e| e.value.lines()).collect();
    assert_eq!(names, ["DNS:csr.certscope.test", "DNS:www.csr.certscope.test"]);
}

#[test]
fn crl_matches_openssl() {
    let path = fixture("intermediate.crl");
    let text = openssl(&["crl", "-in", path.to_str().unwrap(), "-noout", "-text"]);
    let list = &load("intermediate.crl").revocation_lists[0];
    assert_eq!(list.revoked.len(), text.matches("Serial Number:").count());
    assert_eq!(list.number.as_deref(), Some("42"));
    assert!(text.contains("X509v3 CRL Number: \n                42"));
    let serials: Vec<String> = list.revoked.iter().map(|r| r.serial).collect();
    assert_eq!(serials, ["0101", "0202"]);
    let reasons: Vec<Option<String>> = list.revoked.iter().map(|r| r.reason).collect();
    assert_eq!(reasons, [Some("keyCompromise".into()), Some("superseded".into())]);
    // Found by serial, whatever the order.
    assert_eq!(list.revoked.find("0202").unwrap().reason.as_deref(), Some("superseded"));
    assert!(list.revoked.find("0303").is_none());
    assert!(text.contains("Key Compromise") && text.contains("Superseded"));
    assert!(list.is_stale_at(now()), "nextUpdate 2026-05-08 is before the clock");
}

#[test]
fn extensions_are_decoded_with_names_and_criticality() {
    let leaf = &load("leaf-p256.pem").certificates[0];
    assert_eq!(
        leaf.subject_alt_names(),
        ["DNS:p256.certscope.test", "IP:127.0.0.1", "email:admin@certscope.test", "URI:https://certscope.test/"]
    );
    assert_eq!(leaf.ocsp_urls(), ["http://pki.certscope.test/ocsp"]);
    assert_eq!(leaf.ca_issuers_urls(), ["http://pki.certscope.test/intermediate.der"]);
    assert_eq!(leaf.crl_urls(), ["http://pki.certscope.test/intermediate.crl"]);
    assert_eq!(leaf.purposes(), [Purpose::TlsServer]);
    assert!(!leaf.is_ca());
    let basic = leaf.extensions.iter().find(|e| e.oid == "2.5.29.19").unwrap();
    assert!(basic.critical);
    assert_eq!(basic.value, Extension::BasicConstraints { ca: false, path_len: None });
    let policies = leaf.extensions.iter().find(|e| e.oid == "2.5.29.32").unwrap();
    assert_eq!(
        policies.value.lines(),
        ["Domain Validated (DV) TLS (2.23.140.1.2.1)", "  CPS: http://pki.certscope.test/cps"]
    );
    let key_usage = leaf.extensions.iter().find(|e| e.oid == "2.5.29.15").unwrap();
    assert_eq!(key_usage.value.lines(), ["Digital signature"]);
    assert!(leaf.authority_key_id().is_some() && leaf.subject_key_id().is_some());

    let staple = &load("must-staple.pem").certificates[0];
    assert!(staple.must_staple());
    let client = &load("client.pem").certificates[0];
    assert_eq!(client.purposes(), [Purpose::TlsClient, Purpose::Email]);
    assert_eq!(client.display_name(), "alice");
    // Enterprise logins match the UPN: shown as text, as openssl shows it.
    assert_eq!(client.subject_alt_names(), ["email:alice@certscope.test", "othername:UPN:alice@corp.certscope.test"]);
    let path = fixture("client.pem");
    let san = openssl(&["x509", "-in", path.to_str().unwrap(), "-noout", "-ext", "subjectAltName"]);
    assert!(san.contains("othername: UPN::alice@corp.certscope.test"), "{san}");
    let code = &load("codesign.pem").certificates[0];
    assert_eq!(code.purposes(), [Purpose::CodeSigning]);
    let root = &load("root.pem").certificates[0];
    assert!(root.self_signed && root.is_ca());
    assert_eq!(root.purposes(), [Purpose::Ca]);
    let intermediate = &load("intermediate.pem").certificates[0];
    assert!(!intermediate.self_signed);
    assert_eq!(
        intermediate.extensions.iter().find(|e| e.oid == "2.5.29.19").unwrap().value,
        Extension::BasicConstraints { ca: true, path_len: Some(0) }
    );
}

#[test]
fn validity_is_judged_at_the_given_time() {
    let rows = [
        ("leaf-p256.pem", ValidityStatus::Valid),
        ("expired.pem", ValidityStatus::Expired),
        ("not-yet-valid.pem", ValidityStatus::NotYetValid),
    ];
    for (file, want) in rows {
        assert_eq!(load(file).certificates[0].validity_at(now()), want, "{file}");
    }
}

#[test]
fn public_keys_of_each_kind() {
    let rows = [
        ("leaf-rsa.pem", "RSA 2048 bits", Some(65537)),
        ("leaf-p256.pem", "EC P-256", None),
        ("leaf-ed25519.pem", "Ed25519", None),
    ];
    for (file, summary, exponent) in rows {
        let key = &load(file).certificates[0].public_key;
        assert_eq!(key.summary(), summary, "{file}");
        assert_eq!(key.exponent, exponent, "{file}");
    }
    let path = fixture("leaf-p256.pem");
    let pubkey = openssl(&["x509", "-in", path.to_str().unwrap(), "-noout", "-pubkey"]);
    let der = std::process::Command::new("openssl")
        .args(["pkey", "-pubin", "-outform", "DER"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write as _;
            child.stdin.take().unwrap().write_all(pubkey.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap()
        .stdout;
    let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, &der);
    assert_eq!(load("leaf-p256.pem").certificates[0].public_key.spki_sha256, digest.as_ref());
}

#[test]
fn bad_inputs_say_what_is_wrong() {
    let rows = [
        ("garbage.bin", "not a certificate, CSR, CRL, PKCS#7 or PKCS#12 file"),
        ("truncated.der", "truncated DER at byte"),
        ("empty.pem", "the input is empty"),
        ("bundle-with-bad-blocks.pem", "2 of 4 items could not be read"),
    ];
    for (file, want) in rows {
        let error = load(file).error.map(|e| e.to_string()).unwrap_or_default();
        assert!(error.contains(want), "{file}: {error}");
    }
    let partial = load("bundle-with-bad-blocks.pem");
    assert_eq!(partial.certificates.len(), 2, "the good blocks still load");
    assert!(
        partial.problems[0].starts_with("block 2 (CERTIFICATE, line 22): invalid base64"),
        "{:?}",
        partial.problems
    );
    assert!(
        partial.problems[1].starts_with("block 3 (CERTIFICATE, line 25): truncated DER at byte"),
        "{:?}",
        partial.problems
    );
    let missing = certscope::load_path(std::path::Path::new("/nonexistent/cert.pem"), &Default::default());
    assert!(missing.error.unwrap().to_string().starts_with("could not read /nonexistent/cert.pem"));
}

#[test]
fn the_bundled_sample_chain_is_complete_and_valid_for_years() {
    let input = certscope::load_bytes("sample", include_bytes!("../assets/sample-chain.pem"), &Default::default());
    assert_eq!(input.error, None);
    assert_eq!(input.certificates.len(), 4, "a leaf, a revoked leaf, the issuing CA, the root");
    let chains = certscope::build_chains(&[input]);
    assert_eq!(chains.len(), 2, "one chain per leaf");
    assert!(chains.iter().all(|c| c.complete && c.certificates.len() == 3));
}

#[test]
fn sct_lists_name_constraints_and_unknown_extensions_are_decoded() {
    let ct = &load("sct.pem").certificates[0];
    let find = |oid: &str| ct.extensions.iter().find(|e| e.oid == oid).unwrap();
    assert_eq!(
        find("1.3.6.1.4.1.11129.2.4.2").value,
        Extension::SctList(vec![certscope::model::Sct {
            log_id: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=".into(),
            timestamp: "2026-01-01T00:00:00Z".into(),
            log: None,
        }])
    );
    let unknown = find("1.3.6.1.4.1.55555.1.2");
    assert_eq!(unknown.name, "1.3.6.1.4.1.55555.1.2", "an unknown extension is named by its OID");
    assert_eq!(unknown.value, Extension::Unknown { der: "0500".into() });
    let path = fixture("sct.pem");
    let text = openssl(&["x509", "-in", path.to_str().unwrap(), "-noout", "-text"]);
    assert!(text.contains("00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:0E:0F:"), "openssl reads the same log ID");

    let constrained = &load("constrained-ca.pem").certificates[0];
    let constraints = constrained.extensions.iter().find(|e| e.oid == "2.5.29.30").unwrap();
    assert!(constraints.critical);
    assert_eq!(constraints.value.lines(), ["Permitted: DNS:certscope.test", "Excluded: IP:10.0.0.0/255.0.0.0"]);
}

#[test]
fn a_certificate_pasted_without_its_begin_and_end_lines_loads() {
    let pem = std::fs::read_to_string(fixture("leaf-p256.pem")).unwrap();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect::<Vec<_>>().join("\n");
    let input = certscope::load_bytes("pasted text", body.as_bytes(), &Default::default());
    assert_eq!(input.error, None);
    assert_eq!(input.format, Some("base64 DER"));
    assert_eq!(input.certificates[0].display_name(), "p256.certscope.test");
}

#[test]
fn crls_and_signed_software_have_their_own_size_cap() {
    use certscope::load::{CRL_MAX_BYTES, DEFAULT_MAX_BYTES, SIGNED_SOFTWARE_MAX_BYTES};
    let options = certscope::LoadOptions::default();
    let cap = |name: &str| options.cap_for(&std::fs::read(fixture(name)).unwrap());
    for crl in ["intermediate-crl.der", "intermediate.crl", "signed/ca.crl"] {
        assert_eq!(cap(crl), CRL_MAX_BYTES, "{crl}");
    }
    for other in ["leaf-p256.der", "root.der", "chain.pem", "request.der", "chain-der.p7b", "modern.p12"] {
        assert_eq!(cap(other), DEFAULT_MAX_BYTES, "{other}");
    }
    assert_eq!(cap("signed/signed.exe"), SIGNED_SOFTWARE_MAX_BYTES);
    assert_eq!(cap("signed/signed.msi"), SIGNED_SOFTWARE_MAX_BYTES);
    // A CRL over the certificate cap (600,000 entries, 23 MiB, its DER written here) loads
    // without --max-size, and a listed serial is found.
    let path = std::env::temp_dir().join(format!("certscope-bigcrl-{}.der", std::process::id()));
    std::fs::write(&path, big_crl(600_000)).unwrap();
    assert!(std::fs::metadata(&path).unwrap().len() > DEFAULT_MAX_BYTES);
    let input = certscope::load_path(&path, &options);
    assert!(input.error.is_none(), "{:?}", input.error);
    let list = &input.revocation_lists[0];
    assert_eq!(list.revoked.len(), 600_000);
    assert_eq!(list.revoked.find("0100000000000000000001e240").unwrap().reason.as_deref(), Some("keyCompromise"));
    assert!(list.revoked.find("0100000000000000000001e241").is_some());
    assert!(list.revoked.find("02").is_none());
    std::fs::remove_file(&path).ok();
}

/// A DER CRL of `count` entries, serials 01 00..00 N, written directly (its signature is bytes,
/// not checked by loading); every entry from 123,456 on has the keyCompromise reason.
fn big_crl(count: u32) -> Vec<u8> {
    fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        if body.len() < 0x80 {
            out.push(body.len() as u8);
        } else {
            let bytes = (body.len() as u32).to_be_bytes();
            let skip = bytes.iter().take_while(|b| **b == 0).count();
            out.push(0x80 | (4 - skip) as u8);
            out.extend_from_slice(&bytes[skip..]);
        }
        out.extend_from_slice(body);
        out
    }
    let reason = tlv(0x30, &tlv(0x30, &[&tlv(0x06, &[0x55, 0x1D, 0x15])[..], &tlv(0x04, &tlv(0x0A, &[1]))].concat()));
    let mut entries = Vec::with_capacity(count as usize * 40);
    for n in 0..count {
        let mut serial = vec![0x01, 0, 0, 0, 0, 0, 0, 0, 0];
        serial.extend_from_slice(&n.to_be_bytes());
        let mut body = tlv(0x02, &serial);
        body.extend(tlv(0x17, b"250101000000Z"));
        if n >= 123_456 {
            body.extend_from_slice(&reason);
        }
        entries.extend(tlv(0x30, &body));
    }
    let algorithm = tlv(0x30, &tlv(0x06, &[0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x04, 0x03, 0x02]));
    let name =
        tlv(0x30, &tlv(0x31, &tlv(0x30, &[&tlv(0x06, &[0x55, 0x04, 0x03])[..], &tlv(0x0C, b"Big CA")].concat())));
    let tbs = tlv(
        0x30,
        &[
            &tlv(0x02, &[1])[..],
            &algorithm,
            &name,
            &tlv(0x17, b"261101000000Z"),
            &tlv(0x17, b"360101000000Z"),
            &tlv(0x30, &entries),
        ]
        .concat(),
    );
    tlv(0x30, &[&tbs[..], &algorithm, &tlv(0x03, &[0, 0x30, 0x00])].concat())
}
