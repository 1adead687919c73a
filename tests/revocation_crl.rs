//! CRLs: believed only after issuer, signature, cRLSign and dates check out; then the serial.

mod support;

use certscope::build_chains;
use certscope::model::time::parse_rfc3339;
use certscope::revocation::{CrlIndex, CrlStatus, check_loaded, check_with_crl};
use support::crl::{delta_crl, made_crl, revoked_line, scoped_crl};
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
    // An indirect CRL its CA signed itself: its entries default to the CA's, so it answers.
    assert_eq!(status(&scoped_crl("indirect", "indirectCRL = TRUE"), good), CrlStatus::NotListed);
}

/// The OCSP test CA's certificates and these CRL files, checked as loaded (chains built).
fn checked_with(crls: Vec<certscope::Input>) -> (Vec<certscope::Input>, Vec<certscope::revocation::LoadedCrlCheck>) {
    let mut inputs = vec![load("ocsp/ca.pem"), load("ocsp/good.pem"), load("ocsp/revoked.pem")];
    inputs.extend(crls);
    let chains = build_chains(&inputs);
    let results = check_loaded(&inputs, &chains, time::OffsetDateTime::now_utc());
    (inputs, results)
}

/// The one answer about the certificate named `cn`.
fn answer<'a>(
    inputs: &[certscope::Input],
    results: &'a [certscope::revocation::LoadedCrlCheck],
    cn: &str,
) -> &'a certscope::revocation::CrlCheck {
    let about: Vec<_> = results
        .iter()
        .filter(|r| inputs[r.certificate.input].certificates[r.certificate.index].display_name() == cn)
        .collect();
    assert_eq!(about.len(), 1, "{cn}: {about:?}");
    &about[0].check
}

#[test]
fn a_delta_crl_is_combined_with_its_base_and_the_checklist_says_which_answered() {
    use certscope::revocation::AnsweredBy;
    // Base CRL number 5 revokes 1002; delta number 6 (on base 5) revokes 1001 since.
    let base = made_crl("base", &revoked_line("1002", "keyCompromise"), "05", "");
    let delta = delta_crl("delta", &revoked_line("1001", "superseded"), "06", 5);
    let (inputs, results) = checked_with(vec![base, delta]);
    let good = answer(&inputs, &results, "good.ocsp.certscope.test");
    assert!(matches!(&good.status, CrlStatus::Revoked { reason: Some(r), .. } if r == "superseded"), "{good:?}");
    assert_eq!(good.answered_by, AnsweredBy::Delta);
    let delta_used = good.delta.as_ref().unwrap();
    assert!(delta_used.applied);
    assert_eq!((delta_used.number.as_deref(), delta_used.base_number.as_deref()), (Some("6"), Some("5")));
    assert!(delta_used.checks.iter().all(|c| c.result() == "pass" || c.result() == "not_applicable"));
    let words = good.answered_words(|_| "delta.crl".into()).unwrap();
    assert_eq!(words, "the delta CRL number 6 (delta.crl), which lists the serial (base CRL number 5)");
    // 1002 is on the base only: the base answers, with the delta applied.
    let revoked = answer(&inputs, &results, "revoked.ocsp.certscope.test");
    assert!(matches!(&revoked.status, CrlStatus::Revoked { reason: Some(r), .. } if r == "keyCompromise"));
    assert_eq!(revoked.answered_by, AnsweredBy::Base);
    // A base that cannot be believed (stale, as both are in 2040): its delta changes nothing.
    let (inputs, _) = checked_with(Vec::new());
    let base = made_crl("stale-base", &revoked_line("1002", "keyCompromise"), "05", "");
    let delta = delta_crl("stale-delta", &revoked_line("1001", "superseded"), "06", 5);
    let inputs: Vec<certscope::Input> = inputs.into_iter().chain([base, delta]).collect();
    let later = check_loaded(&inputs, &build_chains(&inputs), at("2040-06-01T00:00:00Z"));
    let stale = answer(&inputs, &later, "good.ocsp.certscope.test");
    assert!(matches!(stale.status, CrlStatus::Unverified(_)), "{stale:?}");
    let line = stale.checks.iter().find(|c| c.name.starts_with("Delta CRL applied")).unwrap();
    assert_eq!(line.result(), "not_applicable", "{line:?}");
    assert!(!stale.delta.as_ref().unwrap().applied);
    // The delta alone: a serial on it is revoked; one not on it is not known to be good.
    let only_delta = delta_crl("only-delta", &revoked_line("1001", "superseded"), "06", 5);
    let (inputs, results) = checked_with(vec![only_delta]);
    assert!(matches!(answer(&inputs, &results, "good.ocsp.certscope.test").status, CrlStatus::Revoked { .. }));
    match &answer(&inputs, &results, "revoked.ocsp.certscope.test").status {
        CrlStatus::Unverified(why) => {
            assert!(why.contains("a delta CRL lists only what changed since CRL number 5"), "{why}")
        }
        other => panic!("a delta alone said {other:?}"),
    }
}

#[test]
fn remove_from_crl_on_the_delta_takes_a_hold_back_but_never_a_revocation() {
    use certscope::revocation::AnsweredBy;
    let held = revoked_line("1001", "certificateHold,holdInstructionReject");
    let base = made_crl("held", &(held.clone() + &revoked_line("1002", "keyCompromise")), "05", "");
    // Held on the base alone: revoked (on hold).
    let (inputs, results) = checked_with(vec![base.clone()]);
    let alone = answer(&inputs, &results, "good.ocsp.certscope.test");
    assert!(matches!(&alone.status, CrlStatus::Revoked { reason: Some(r), .. } if r == "certificateHold"));
    // The delta takes 1001 off hold, and tries to take 1002's keyCompromise back too.
    let released = revoked_line("1001", "removeFromCRL") + &revoked_line("1002", "removeFromCRL");
    let (inputs, results) = checked_with(vec![base, delta_crl("release", &released, "06", 5)]);
    let good = answer(&inputs, &results, "good.ocsp.certscope.test");
    assert_eq!(good.status, CrlStatus::NotListed, "{good:?}");
    assert_eq!(good.answered_by, AnsweredBy::Delta);
    let revoked = answer(&inputs, &results, "revoked.ocsp.certscope.test");
    assert!(matches!(&revoked.status, CrlStatus::Revoked { reason: Some(r), .. } if r == "keyCompromise"));
}

#[test]
fn a_delta_for_another_base_number_is_not_applied_and_says_why() {
    use certscope::revocation::AnsweredBy;
    let base = made_crl("base-3", &revoked_line("1002", "keyCompromise"), "03", "");
    // Built on CRL number 9: this base (number 3) lacks what happened between 3 and 9.
    let delta = delta_crl("delta-on-9", &revoked_line("1001", "superseded"), "0a", 9);
    let (inputs, results) = checked_with(vec![base, delta]);
    let good = answer(&inputs, &results, "good.ocsp.certscope.test");
    assert_eq!(good.status, CrlStatus::NotListed, "the base answers alone: {good:?}");
    assert_eq!(good.answered_by, AnsweredBy::Crl);
    let delta_used = good.delta.as_ref().unwrap();
    assert!(!delta_used.applied);
    let line = good.checks.iter().find(|c| c.name.starts_with("Delta CRL applied")).unwrap();
    assert_eq!(line.result(), "warn");
    let why = line.detail().unwrap();
    assert!(why.contains("it lists the changes since CRL number 9, and this base CRL is number 3"), "{why}");
    // An older delta (its number not above the base's) is not applied either.
    let base = made_crl("base-8", "", "08", "");
    let stale = delta_crl("delta-7", &revoked_line("1001", "superseded"), "07", 5);
    let (inputs, results) = checked_with(vec![base, stale]);
    let good = answer(&inputs, &results, "good.ocsp.certscope.test");
    assert_eq!(good.status, CrlStatus::NotListed);
    let why = good.checks.iter().find(|c| c.name.starts_with("Delta CRL applied")).and_then(|c| c.detail()).unwrap();
    assert!(why.contains("the delta is number 7, the base CRL number 8"), "{why}");
}

/// The CRL and delta bytes of `made`, for serving.
fn der_of(made: &certscope::Input) -> Vec<u8> {
    made.revocation_lists[0].der.to_vec()
}

/// The OCSP test CA's good leaf checked by CRL, its distribution point's host served by `server`.
fn fetched_for_good(server: &support::http::Server) -> certscope::revocation::Revocation {
    use certscope::revocation::{CrlCache, NetworkChecks, check_network, issued};
    let inputs = vec![load("ocsp/ca.pem"), load("ocsp/good.pem")];
    let chains = build_chains(&inputs);
    let checks = NetworkChecks {
        crl: Some(certscope::net::Limits::CRL),
        routes: vec![("http://ocsp.certscope.test".into(), server.url())],
        ..Default::default()
    };
    check_network(&issued(&inputs, &chains), time::OffsetDateTime::now_utc(), &checks, &CrlCache::default())
}

#[test]
fn a_downloaded_base_crl_fetches_its_delta_from_the_freshest_crl_url() {
    use certscope::revocation::{AnsweredBy, CrlSource};
    use support::http::{Reply, Server};
    let freshest = "freshestCRL = URI:http://ocsp.certscope.test/delta.crl";
    let base = der_of(&made_crl("fetched-base", &revoked_line("1002", "keyCompromise"), "05", freshest));
    let delta = der_of(&delta_crl("fetched-delta", &revoked_line("1001", "keyCompromise"), "06", 5));
    let server = Server::start(2, move |target| {
        let body = if target.ends_with("/delta.crl") { delta.clone() } else { base.clone() };
        Reply::Body { status: 200, content_type: "application/pkix-crl", body }
    });
    let revocation = fetched_for_good(&server);
    assert_eq!(revocation.crl.len(), 1, "{:?}", revocation.crl);
    let check = &revocation.crl[0].check;
    assert!(matches!(check.status, CrlStatus::Revoked { .. }), "{check:?}");
    assert_eq!(check.answered_by, AnsweredBy::Delta);
    let delta = check.delta.as_ref().unwrap();
    assert_eq!(delta.source, CrlSource::Url("http://ocsp.certscope.test/delta.crl".into()));
    assert_eq!(server.requests.lock().unwrap().len(), 2, "the base and its delta, each once");
}

#[test]
fn a_freshest_crl_that_cannot_be_fetched_leaves_the_base_answering_alone_and_says_so() {
    use certscope::revocation::AnsweredBy;
    use support::http::{Reply, Server};
    let freshest = "freshestCRL = URI:http://ocsp.certscope.test/delta.crl";
    let base = der_of(&made_crl("unfetched-base", "", "05", freshest));
    let server = Server::start(2, move |target| {
        if target.ends_with("/delta.crl") {
            Reply::Body { status: 404, content_type: "text/html", body: b"<html>gone</html>".to_vec() }
        } else {
            Reply::Body { status: 200, content_type: "application/pkix-crl", body: base.clone() }
        }
    });
    let revocation = fetched_for_good(&server);
    let check = &revocation.crl[0].check;
    assert_eq!(check.status, CrlStatus::NotListed);
    assert_eq!(check.answered_by, AnsweredBy::Crl);
    let line = check.checks.iter().find(|c| c.name.starts_with("Delta CRL applied")).unwrap();
    assert_eq!(line.result(), "warn");
    assert!(
        line.detail()
            .unwrap()
            .contains("http://ocsp.certscope.test/delta.crl was not used (http://ocsp.certscope.test/delta.crl: "),
        "{line:?}"
    );
}

#[test]
fn an_indirect_crl_attributes_each_entry_to_its_ca_and_is_signed_by_the_crl_issuer() {
    let names = ["ca.pem", "indirect/crl-issuer.pem", "indirect/listed.pem", "indirect/following.pem"];
    let mut inputs: Vec<certscope::Input> = names.iter().map(|n| load(&format!("ocsp/{n}"))).collect();
    inputs.push(load("ocsp/indirect/other-ca-serial.pem"));
    inputs.push(load("ocsp/good.pem"));
    inputs.push(load("ocsp/indirect/indirect.crl"));
    let chains = build_chains(&inputs);
    let results = check_loaded(&inputs, &chains, at("2026-06-01T00:00:00Z"));
    let of = |cn: &str| {
        let found: Vec<_> = results
            .iter()
            .filter(|r| inputs[r.certificate.input].certificates[r.certificate.index].display_name() == cn)
            .collect();
        assert!(found.len() <= 1, "{cn}: {found:?}");
        found.first().map(|r| r.check.clone())
    };
    let listed = of("listed.indirect.certscope.test").unwrap();
    assert!(matches!(&listed.status, CrlStatus::Revoked { reason: Some(r), .. } if r == "superseded"), "{listed:?}");
    let issuer_line = listed.checks.iter().find(|c| c.name == "CRL issued by the certificate's issuer").unwrap();
    assert!(issuer_line.detail().unwrap().contains("an indirect CRL from 'certscope CRL Issuer'"), "{issuer_line:?}");
    // No certificateIssuer on its entry: the CA of the entry before it, ours.
    let following = of("following.indirect.certscope.test").unwrap();
    assert!(matches!(&following.status, CrlStatus::Revoked { reason: Some(r), .. } if r == "cessationOfOperation"));
    // Serial 1103 is listed for the other CA: not this CA's certificate of that serial.
    assert_eq!(of("other-ca-serial.indirect.certscope.test").unwrap().status, CrlStatus::NotListed);
    // A certificate whose distribution point does not name the CRL issuer is not answered by it.
    assert!(of("good.ocsp.certscope.test").is_none(), "{results:?}");
    // Without the CRL issuer's certificate, nothing is believed.
    let without: Vec<certscope::Input> =
        ["ocsp/ca.pem", "ocsp/indirect/listed.pem", "ocsp/indirect/other-ca-serial.pem", "ocsp/indirect/indirect.crl"]
            .iter()
            .map(|n| load(n))
            .collect();
    let results = check_loaded(&without, &build_chains(&without), at("2026-06-01T00:00:00Z"));
    assert_eq!(results.len(), 2);
    for r in &results {
        match &r.check.status {
            CrlStatus::Unverified(why) => assert!(
                why.contains("signed by its CRL issuer 'certscope CRL Issuer', whose certificate issued by 'certscope OCSP Test CA' is not loaded"),
                "{why}"
            ),
            other => panic!("believed without its signer: {other:?}"),
        }
    }
}

#[test]
fn the_report_says_which_crl_answered_and_a_hold_is_a_suspension() {
    let files = ["ocsp/ca.pem", "ocsp/good.pem", "ocsp/delta/base.crl", "ocsp/delta/delta.crl"];
    let out =
        certscope().args(["report", "--json", "--time", NOW]).args(files.iter().map(|f| fixture(f))).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let crl = &json["inputs"][1]["certificates"][0]["revocation"]["crl"][0];
    assert_eq!(crl["answered_by"], "delta", "{crl:#}");
    assert_eq!(crl["crl_number"], "5");
    assert_eq!(crl["delta"]["crl_number"], "6");
    assert_eq!(crl["delta"]["base_crl_number"], "5");
    assert_eq!(crl["delta"]["applied"], true);
    assert!(crl["delta"]["file"].as_str().unwrap().ends_with("delta.crl"));
    assert_eq!(crl["revocation_reason"], "certificateHold");
    let finding = json["findings"].as_array().unwrap().iter().find(|f| f["code"] == "revocation.revoked").unwrap();
    assert!(
        finding["message"].as_str().unwrap().contains("is on hold (suspended) since 2026-05-02T00:00:00Z"),
        "{finding}"
    );
    assert_eq!(out.status.code(), Some(1));
}
