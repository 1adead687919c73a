//! CMS signatures checked against what `openssl cms -sign` makes, on the same content: attached
//! and detached, EC and RSA signers, with signed attributes and without (-noattr); a changed
//! content or signature never verifies.

mod support;

use certscope::load::cms_signature::verify;
use support::*;

/// `openssl cms -sign` over `content` with the fixture signer, DER; extra flags appended.
fn sign(content: &[u8], signer: &str, key: &str, flags: &[&str]) -> Vec<u8> {
    // Tests run in parallel: a folder of its own for each signing.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("certscope-cms-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (input, output) = (dir.join("content.txt"), dir.join("signature.p7s"));
    std::fs::write(&input, content).unwrap();
    let status = std::process::Command::new("openssl")
        .args(["cms", "-sign", "-binary", "-outform", "DER", "-in"])
        .arg(&input)
        .arg("-signer")
        .arg(fixture(signer))
        .arg("-inkey")
        .arg(fixture(key))
        .arg("-out")
        .arg(&output)
        .args(flags)
        .status()
        .unwrap();
    assert!(status.success(), "openssl cms -sign {flags:?}");
    let signature = std::fs::read(&output).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    signature
}

const CONTENT: &[u8] = b"certscope: a release note, signed.\\n";

#[test]
fn an_attached_ec_signature_verifies_and_names_its_signer() {
    let signature = sign(CONTENT, "leaf-p256.pem", "leaf-p256.key", &["-nodetach"]);
    let signers = verify(&signature, None).unwrap();
    assert_eq!(signers.len(), 1);
    let signer = &signers[0];
    assert!(signer.verified(), "{:?}", signer.checks);
    assert_eq!(signer.signer.as_ref().unwrap().display_name(), "p256.certscope.test");
    assert_eq!(signer.digest_algorithm, "SHA-256");
    assert!(signer.signing_time.is_some(), "openssl signs the signingTime attribute");
}

#[test]
fn a_detached_signature_verifies_with_its_content_and_not_with_another() {
    let signature = sign(CONTENT, "leaf-p256.pem", "leaf-p256.key", &[]);
    assert!(verify(&signature, Some(CONTENT)).unwrap()[0].verified());
    let changed = verify(&signature, Some(b"certscope: a release note, changed.\\n")).unwrap();
    assert!(!changed[0].verified());
    let failed = changed[0].checks.iter().find(|c| c.name.contains("digest")).unwrap();
    assert!(failed.detail().unwrap_or_default().contains("changed after signing"), "{failed:?}");
    // Without its content, nothing is claimed.
    assert!(!verify(&signature, None).unwrap()[0].verified());
}

#[test]
fn an_rsa_signature_without_signed_attributes_verifies_over_the_content() {
    let signature = sign(CONTENT, "leaf-rsa.pem", "leaf-rsa-pkcs1.key", &["-nodetach", "-noattr"]);
    let signer = &verify(&signature, None).unwrap()[0];
    assert!(signer.verified(), "{:?}", signer.checks);
    assert_eq!(signer.signing_time, None);
}

#[test]
fn a_flipped_bit_never_verifies_and_never_panics() {
    let signature = sign(CONTENT, "leaf-p256.pem", "leaf-p256.key", &["-nodetach"]);
    for at in 0..signature.len() {
        let mut flipped = signature.clone();
        flipped[at] ^= 0x01;
        if let Ok(signers) = verify(&flipped, None) {
            // A flip inside the certificates outside the signed parts may leave the signature
            // good: never one inside the content, the attributes or the signature.
            for signer in signers {
                if signer.verified() {
                    let original = verify(&signature, None).unwrap();
                    assert_eq!(signer.signing_time, original[0].signing_time, "byte {at}");
                }
            }
        }
    }
    // A flip inside the signed content never verifies.
    let start = signature.windows(CONTENT.len()).position(|w| w == CONTENT).expect("the content is carried");
    for at in start..start + CONTENT.len() {
        let mut flipped = signature.clone();
        flipped[at] ^= 0x20;
        let verified = verify(&flipped, None).map(|s| s.iter().any(|s| s.verified())).unwrap_or(false);
        assert!(!verified, "a flip in the content at byte {at} verified");
    }
    for cut in 0..signature.len() {
        let _ = verify(&signature[..cut], None);
    }
}

/// A folder with `release.txt` and its detached `release.txt.p7s`, signed by openssl.
fn signed_pair(tag: &str, content: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("certscope-signed-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("release.txt"), CONTENT).unwrap();
    let signature = sign(CONTENT, "leaf-p256.pem", "leaf-p256.key", &[]);
    std::fs::write(dir.join("release.txt.p7s"), signature).unwrap();
    // What is judged: the content as it is now.
    std::fs::write(dir.join("release.txt"), content).unwrap();
    dir
}

fn report(path: &std::path::Path) -> (serde_json::Value, i32) {
    let out = certscope().args(["report", "--json", "--time", NOW]).arg(path).output().unwrap();
    (serde_json::from_slice(&out.stdout).unwrap(), out.status.code().unwrap())
}

#[test]
fn a_detached_signature_beside_its_file_is_checked_and_reported() {
    let dir = signed_pair("good", CONTENT);
    let (value, _) = report(&dir.join("release.txt.p7s"));
    let signatures = value["signatures"].as_array().unwrap();
    assert_eq!(signatures.len(), 1);
    let signature = &signatures[0];
    assert_eq!(signature["kind"], "CMS");
    assert_eq!(signature["verified"], true, "{signature}");
    assert!(signature["file"].as_str().unwrap().ends_with("release.txt"));
    assert_eq!(signature["signer"], serde_json::json!([0, 0]));
    assert_eq!(signature["digest_algorithm"], "SHA-256");
    assert!(signature["signing_time"].is_string());
    let codes: Vec<&str> = value["findings"].as_array().unwrap().iter().filter_map(|f| f["code"].as_str()).collect();
    assert!(codes.contains(&"signature.verified"), "{codes:?}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_file_changed_after_signing_is_an_error_and_exit_1() {
    let dir = signed_pair("changed", b"certscope: a release note, changed.\\n");
    let (value, exit) = report(&dir.join("release.txt.p7s"));
    assert_eq!(exit, 1);
    let finding =
        value["findings"].as_array().unwrap().iter().find(|f| f["code"] == "signature.invalid").expect("said");
    assert!(finding["message"].as_str().unwrap().contains("changed after signing"), "{finding}");
    assert_eq!(value["signatures"][0]["verified"], false);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_detached_signature_alone_says_its_file_is_missing() {
    let dir = signed_pair("alone", CONTENT);
    std::fs::remove_file(dir.join("release.txt")).unwrap();
    let (value, _) = report(&dir.join("release.txt.p7s"));
    let codes: Vec<&str> = value["findings"].as_array().unwrap().iter().filter_map(|f| f["code"].as_str()).collect();
    assert!(codes.contains(&"signature.no_content"), "{codes:?}");
    assert!(!codes.contains(&"signature.verified"));
    std::fs::remove_dir_all(&dir).ok();
}

/// A mail signed by `openssl smime -sign`, from `from`; `tamper` edits it after signing.
fn signed_mail(from: &str, tamper: impl Fn(String) -> String) -> std::path::PathBuf {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("certscope-mail-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("body.txt"), "Hello Bob,\nthe release is out.\n").unwrap();
    let status = std::process::Command::new("openssl")
        .args(["smime", "-sign", "-from", from, "-to", "bob@certscope.test", "-subject", "release", "-in"])
        .arg(dir.join("body.txt"))
        .arg("-signer")
        .arg(fixture("leaf-p256.pem"))
        .arg("-inkey")
        .arg(fixture("leaf-p256.key"))
        .arg("-out")
        .arg(dir.join("mail.eml"))
        .status()
        .unwrap();
    assert!(status.success());
    let mail = std::fs::read_to_string(dir.join("mail.eml")).unwrap();
    std::fs::write(dir.join("mail.eml"), tamper(mail)).unwrap();
    dir
}

fn codes(value: &serde_json::Value) -> Vec<String> {
    value["findings"].as_array().unwrap().iter().filter_map(|f| f["code"].as_str().map(String::from)).collect()
}

#[test]
fn signed_mail_verifies_and_its_sender_is_the_signers_address() {
    let dir = signed_mail("admin@certscope.test", |m| m);
    let (value, _) = report(&dir.join("mail.eml"));
    assert_eq!(value["inputs"][0]["format"], "S/MIME mail");
    assert_eq!(value["signatures"][0]["verified"], true, "{}", value["signatures"]);
    let found = codes(&value);
    assert!(found.contains(&"signature.verified".into()), "{found:?}");
    assert!(!found.contains(&"signature.from_mismatch".into()), "{found:?}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn mail_from_another_address_or_changed_after_signing_is_said() {
    let dir = signed_mail("mallory@certscope.test", |m| m);
    let (value, exit) = report(&dir.join("mail.eml"));
    assert!(codes(&value).contains(&"signature.from_mismatch".into()));
    assert_eq!(exit, 1);
    std::fs::remove_dir_all(&dir).ok();
    let dir = signed_mail("admin@certscope.test", |m| m.replace("the release is out", "the release is off"));
    let (value, exit) = report(&dir.join("mail.eml"));
    assert!(codes(&value).contains(&"signature.invalid".into()), "{:?}", codes(&value));
    assert_eq!(value["signatures"][0]["verified"], false);
    assert_eq!(exit, 1);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_cms_message_in_a_pem_block_is_checked_too() {
    let der = sign(CONTENT, "leaf-p256.pem", "leaf-p256.key", &["-nodetach"]);
    let pem = format!(
        "-----BEGIN CMS-----\n{}\n-----END CMS-----\n",
        data_encoding::BASE64
            .encode(&der)
            .as_bytes()
            .chunks(64)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect::<Vec<_>>()
            .join("\n")
    );
    let input = certscope::load_bytes("signed.pem", pem.as_bytes(), &certscope::LoadOptions::default());
    assert_eq!(input.signatures.len(), 1);
    assert!(input.signatures[0].verified(), "{:?}", input.signatures[0].checks);
    assert!(input.signatures[0].signer.is_some(), "the signer's certificate is one of the input's");
}

#[test]
fn encrypted_mail_names_its_recipients_and_decrypts_nothing() {
    let dir = std::env::temp_dir().join(format!("certscope-encrypted-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("body.txt"), "a secret\n").unwrap();
    let status = std::process::Command::new("openssl")
        .args(["smime", "-encrypt", "-aes256", "-from", "admin@certscope.test", "-to", "bob@certscope.test", "-in"])
        .arg(dir.join("body.txt"))
        .arg("-out")
        .arg(dir.join("mail.eml"))
        .arg(fixture("leaf-rsa.pem"))
        .status()
        .unwrap();
    assert!(status.success());
    let input = certscope::load_path(&dir.join("mail.eml"), &certscope::LoadOptions::default());
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(input.format, Some("S/MIME mail"));
    assert!(input.error.is_none() && input.certificates.is_empty());
    let recipient =
        certscope::load_path(&fixture("leaf-rsa.pem"), &certscope::LoadOptions::default()).certificates.remove(0);
    let note = &input.notes[0];
    assert!(note.contains("to 1 recipient(s)"), "{note}");
    assert!(note.contains(&format!("issuer '{}'", recipient.issuer.text)), "{note}");
    assert!(note.trim_end().ends_with(recipient.serial.trim_start_matches('0')), "{note} / {}", recipient.serial);
}

/// Signed mail cut anywhere or with a bit flipped: never a panic; a flip inside the signed body
/// never verifies.
#[test]
fn cut_or_flipped_signed_mail_never_panics_and_a_changed_body_never_verifies() {
    let dir = signed_mail("admin@certscope.test", |m| m);
    let bytes = std::fs::read(dir.join("mail.eml")).unwrap();
    let options = certscope::LoadOptions::default();
    for end in (0..bytes.len()).step_by(5) {
        let _ = certscope::load_bytes("cut.eml", &bytes[..end], &options);
    }
    let text = String::from_utf8_lossy(&bytes).to_string();
    let body = text.find("Hello Bob").unwrap()..text.find("the release is out").unwrap() + 18;
    for at in (0..bytes.len()).step_by(3) {
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x01;
        let input = certscope::load_bytes("flipped.eml", &flipped, &options);
        if body.contains(&at) {
            assert!(input.signatures.iter().all(|s| !s.verified()), "a flip at {at} in the body verified");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// A mail's signer is judged at the signing time the mail claims, as mail clients judge it:
/// expired since, the signature stands (a notice); and it is judged for email protection.
#[test]
fn a_mail_signer_is_judged_at_its_claimed_signing_time_and_for_email() {
    let dir = signed_mail("admin@certscope.test", |m| m);
    let out = certscope()
        .args(["report", "--format", "json", "--time", "2028-01-01T00:00:00Z"])
        .arg(dir.join("mail.eml"))
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = value["findings"].as_array().unwrap();
    let expired = findings.iter().find(|f| f["code"] == "validity.expired").expect("the signer expired in 2027");
    assert_eq!(expired["severity"], "notice", "{expired:#}");
    assert!(expired["message"].as_str().unwrap().contains("says it was signed at"), "{expired:#}");
    // The fixture's leaf is a TLS server certificate: it may not sign mail.
    let purpose = findings.iter().find(|f| f["code"] == "purpose.mismatch").expect("a purpose finding");
    assert!(purpose["message"].as_str().unwrap().contains("email"), "{purpose:#}");
    std::fs::remove_dir_all(&dir).ok();
}
