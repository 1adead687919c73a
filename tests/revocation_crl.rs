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

/// A CRL of the OCSP test CA (good 1001, revoked 1002), made now by `openssl ca -gencrl` with
/// this issuingDistributionPoint section (`openssl x509v3_config`), as DER.
fn scoped_crl(name: &str, idp: &str) -> certscope::Input {
    let dir = std::env::temp_dir().join(format!("certscope-idp-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ocsp = fixture("ocsp");
    std::fs::copy(ocsp.join("index.txt"), dir.join("index.txt")).unwrap();
    std::fs::write(dir.join("crlnumber"), "01\n").unwrap();
    let config = format!(
        "[ca]\ndefault_ca = ca\n[ca]\ndatabase = {index}\ncrlnumber = {number}\ndefault_md = sha256\n\
         default_crl_days = 3650\ncrl_extensions = crl_ext\n[crl_ext]\n\
         issuingDistributionPoint = critical, @idp\n[idp]\n{idp}\n",
        index = dir.join("index.txt").display(),
        number = dir.join("crlnumber").display(),
    );
    std::fs::write(dir.join("ca.cnf"), config).unwrap();
    let (pem, der) = (dir.join("crl.pem"), dir.join("crl.der"));
    let at = |file: &str| ocsp.join(file).to_str().unwrap().to_string();
    openssl(&[
        "ca",
        "-config",
        dir.join("ca.cnf").to_str().unwrap(),
        "-gencrl",
        "-cert",
        &at("ca.pem"),
        "-keyfile",
        &at("ca.key"),
        "-out",
        pem.to_str().unwrap(),
    ]);
    openssl(&["crl", "-in", pem.to_str().unwrap(), "-outform", "DER", "-out", der.to_str().unwrap()]);
    let input = certscope::load_bytes("scoped.crl", &std::fs::read(&der).unwrap(), &Default::default());
    let _ = std::fs::remove_dir_all(&dir);
    input
}

#[test]
fn a_crl_applies_only_where_its_issuing_distribution_point_covers_the_certificate() {
    let ca = &load("ocsp/ca.pem").certificates[0];
    let good = &load("ocsp/good.pem").certificates[0];
    let revoked = &load("ocsp/revoked.pem").certificates[0];
    let now = time::OffsetDateTime::now_utc();
    let status = |crl: &certscope::Input, certificate| {
        let index = CrlIndex::new(&crl.revocation_lists[0]);
        check_with_crl(certificate, ca, &index, now).status
    };
    let unverified = |status: CrlStatus| match status {
        CrlStatus::Unverified(why) => why,
        other => panic!("believed: {other:?}"),
    };
    // The certificates' own distribution point: applied.
    let own = scoped_crl("own", "fullname = URI:http://ocsp.certscope.test/intermediate.crl");
    assert_eq!(status(&own, good), CrlStatus::NotListed);
    assert!(matches!(status(&own, revoked), CrlStatus::Revoked { .. }));
    // End-entity certificates only: applied to these leaves.
    assert_eq!(status(&scoped_crl("user", "onlyuser = TRUE"), good), CrlStatus::NotListed);
    // Another partition, or CA certificates only: it does not cover them, and never says good.
    let other = unverified(status(&scoped_crl("other", "fullname = URI:http://ocsp.certscope.test/part2.crl"), good));
    assert!(
        other.contains("it is the CRL of URI:http://ocsp.certscope.test/part2.crl, and 'good.ocsp.certscope.test' is published in URI:http://ocsp.certscope.test/intermediate.crl"),
        "{other}"
    );
    let cas = unverified(status(&scoped_crl("ca", "onlyCA = TRUE"), revoked));
    assert!(
        cas.contains("it covers CA certificates only, and 'revoked.ocsp.certscope.test' is an end-entity certificate"),
        "{cas}"
    );
    // Some reasons only: a listed serial is revoked; one not listed is not known to be good.
    let reasons = scoped_crl("reasons", "onlysomereasons = keyCompromise");
    assert!(matches!(status(&reasons, revoked), CrlStatus::Revoked { .. }));
    let partial = unverified(status(&reasons, good));
    assert!(partial.contains("covers only some reasons (Key Compromise)"), "{partial}");
    // An indirect CRL: not yet read, so not believed.
    assert!(unverified(status(&scoped_crl("indirect", "indirectCRL = TRUE"), good)).contains("indirect CRL"));
}
