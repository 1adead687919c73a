//! CMS signatures checked against what `openssl cms -sign` makes, on the same content: attached
//! and detached, EC and RSA signers, with signed attributes and without (-noattr); a changed
//! content or signature never verifies.

mod support;

use certscope::load::cms_signature::verify;
use support::*;

/// `openssl cms -sign` over `content` with the fixture signer, DER; extra flags appended.
fn sign(content: &[u8], signer: &str, key: &str, flags: &[&str]) -> Vec<u8> {
    let dir = std::env::temp_dir().join(format!("certscope-cms-{}-{}", std::process::id(), flags.join("")));
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
