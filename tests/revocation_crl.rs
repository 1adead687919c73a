//! CRLs: believed only after issuer, signature, cRLSign and dates check out; then the serial.

mod support;

use certscope::build_chains;
use certscope::model::time::parse_rfc3339;
use certscope::revocation::{CrlIndex, CrlStatus, check_loaded, check_with_crl};
use support::*;

/// The fixture CRL: thisUpdate 2026-05-01, nextUpdate 2026-05-08; revokes 0101 (keyCompromise) and 0202 (superseded).
fn at(time: &str) -> time::OffsetDateTime {
    parse_rfc3339(time).unwrap()
}

#[test]
fn a_fresh_crl_says_revoked_with_date_and_reason_or_not_listed() {
    let chain = load("chain.pem");
    let (leaf, issuer) = (&chain.certificates[0], &chain.certificates[1]);
    let crl = load("intermediate.crl");
    let index = CrlIndex::new(&crl.revocation_lists[0]);
    let check = check_with_crl(leaf, issuer, &index, at("2026-05-02T00:00:00Z"));
    assert!(check.checks.iter().all(|c| c.result() != "fail"), "{:?}", check.checks);
    assert_eq!(
        check.status,
        CrlStatus::Revoked { revocation_time: at("2026-03-01T00:00:00Z"), reason: Some("keyCompromise".into()) }
    );
    let rsa = &load("leaf-rsa.pem").certificates[0];
    assert_eq!(check_with_crl(rsa, issuer, &index, at("2026-05-02T00:00:00Z")).status, CrlStatus::NotListed);
}

#[test]
fn a_stale_or_future_crl_is_never_believed() {
    let chain = load("chain.pem");
    let crl = load("intermediate.crl");
    let index = CrlIndex::new(&crl.revocation_lists[0]);
    let rsa = &load("leaf-rsa.pem").certificates[0];
    let rows = [
        ("2026-06-01T00:00:00Z", "nextUpdate is not in the past: stale"),
        ("2026-04-01T00:00:00Z", "thisUpdate is not in the future"),
        // Within the 5-minute clock skew either side: still believed.
        ("2026-05-08T00:04:00Z", ""),
        ("2026-04-30T23:56:00Z", ""),
    ];
    for (time, want) in rows {
        let status = check_with_crl(rsa, &chain.certificates[1], &index, at(time)).status;
        match (want, &status) {
            ("", CrlStatus::NotListed) => {}
            ("", other) => panic!("{time}: {other:?}"),
            (want, CrlStatus::Unverified(why)) => assert!(why.starts_with(want), "{time}: {why}"),
            (_, other) => panic!("{time}: {other:?} shown where the CRL cannot be believed"),
        }
    }
}

#[test]
fn a_tampered_crl_fails_its_signature_check() {
    let chain = load("chain.pem");
    let mut der = std::fs::read(fixture("intermediate-crl.der")).unwrap();
    // Un-revoke the leaf: serial 0101 becomes 0100 inside the signed list.
    let at_serial = der.windows(4).position(|w| w == [0x02, 0x02, 0x01, 0x01]).expect("serial 0101 in the CRL");
    der[at_serial + 3] = 0x00;
    let tampered = certscope::load_bytes("tampered.crl", &der, &Default::default());
    let index = CrlIndex::new(&tampered.revocation_lists[0]);
    let check = check_with_crl(&chain.certificates[0], &chain.certificates[1], &index, at("2026-05-02T00:00:00Z"));
    match check.status {
        CrlStatus::Unverified(why) => assert!(why.starts_with("CRL signature by the issuer's key"), "{why}"),
        other => panic!("a tampered CRL was believed: {other:?}"),
    }
}

#[test]
fn a_crl_from_another_issuer_is_not_used_for_the_certificate() {
    let chain = load("chain.pem");
    let crl = load("intermediate.crl");
    let index = CrlIndex::new(&crl.revocation_lists[0]);
    // The intermediate is issued by the root: the intermediate's own CRL does not cover it.
    let check = check_with_crl(&chain.certificates[1], &chain.certificates[2], &index, at("2026-05-02T00:00:00Z"));
    match check.status {
        CrlStatus::Unverified(why) => assert!(why.starts_with("CRL issued by the certificate's issuer"), "{why}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn loaded_crl_files_are_checked_against_loaded_certificates() {
    let inputs = [load("chain.pem"), load("must-staple.pem"), load("intermediate.crl")];
    let chains = build_chains(&inputs);
    let results = check_loaded(&inputs, &chains, at("2026-05-02T00:00:00Z"));
    let words: Vec<(String, &str)> = results
        .iter()
        .map(|r| (inputs[r.certificate.input].certificates[r.certificate.index].display_name(), r.check.status.word()))
        .collect();
    assert!(words.contains(&("p256.certscope.test".into(), "revoked")), "{words:?}");
    assert!(words.contains(&("staple.certscope.test".into(), "revoked")), "{words:?}");
    // The intermediate and root are not covered by the intermediate's CRL: not checked against it.
    assert_eq!(words.len(), 2, "{words:?}");
}
