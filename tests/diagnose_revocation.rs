//! Revocation as the diagnosis concludes it, from answers made here: Let's Encrypt's retired
//! OCSP responders, a broken source beside a good one, and a revoked answer outranking all.

mod support;

use certscope::chain::CertRef;
use certscope::diagnose::{Anchors, Diagnosis, InputExtras, Options, Severity, Workspace, diagnose};
use certscope::revocation::{
    AnsweredBy, CrlCheck, CrlSource, CrlStatus, DeltaCheck, LoadedCrlCheck, LoadedOcspCheck, OcspCheck, OcspStatus,
    Revocation,
};
use support::*;

const LEAF: CertRef = CertRef { input: 0, index: 0 };

fn judged(revocation: Revocation) -> Diagnosis {
    let inputs = [load("lints/tls.good.pem"), load("lints/ca.pem")];
    let refs: Vec<&certscope::Input> = inputs.iter().collect();
    let chains = certscope::build_chains(&inputs);
    let extras = vec![InputExtras::default(); inputs.len()];
    let workspace = Workspace { inputs: &refs, chains: &chains, revocation: &revocation, extras: &extras, named: None };
    let anchors = Anchors::only(&[inputs[1].certificates[0].der.clone()], "the lint CA");
    let mut options = Options::at(certscope::model::time::parse_rfc3339(NOW).unwrap());
    options.revocation_asked = true;
    // The fixture's SCTs come from the lint fixtures' test logs.
    let logs = std::fs::read(fixture("lints/ct_log_list.json")).unwrap();
    options.ct_logs = Some(std::sync::Arc::new(certscope::ct::LogList::parse(&logs, "the lint logs").unwrap()));
    diagnose(&workspace, &anchors, &options)
}

fn ocsp(url: &str, status: OcspStatus) -> LoadedOcspCheck {
    LoadedOcspCheck { certificate: LEAF, check: OcspCheck { status, ..OcspCheck::new(url, "POST") } }
}

fn crl(status: CrlStatus) -> LoadedCrlCheck {
    let now = certscope::model::time::parse_rfc3339(NOW).unwrap();
    LoadedCrlCheck {
        certificate: LEAF,
        source: CrlSource::Url("http://crl.certscope.org/ca.crl".into()),
        check: CrlCheck { status, ..CrlCheck::error(String::new(), now) },
    }
}

fn severity_of(diagnosis: &Diagnosis, code: &str) -> Option<Severity> {
    diagnosis.findings.iter().find(|f| f.code == code).map(|f| f.severity)
}

#[test]
fn a_lets_encrypt_ocsp_url_that_no_longer_answers_is_explained_and_the_crl_used() {
    let gone = || ocsp("http://r11.o.lencr.org", OcspStatus::Error("connection refused".into()));
    // Alone: explained, and a warning (nothing says the certificate is not revoked).
    let alone = judged(Revocation { ocsp: vec![gone()], crl: Vec::new() });
    assert_eq!(severity_of(&alone, "revocation.ocsp_retired"), Some(Severity::Warning));
    assert!(
        alone.findings.iter().any(
            |f| f.code == "revocation.ocsp_retired" && f.message.contains("turned its OCSP responders off in 2025")
        )
    );
    // With the CRL good: a notice; the certificate is not revoked.
    let with_crl = judged(Revocation { ocsp: vec![gone()], crl: vec![crl(CrlStatus::NotListed)] });
    assert_eq!(severity_of(&with_crl, "revocation.ocsp_retired"), Some(Severity::Notice));
    assert_eq!(severity_of(&with_crl, "revocation.good"), Some(Severity::Info));
    assert_eq!(with_crl.verdict.status, certscope::diagnose::Status::Ok, "{}", with_crl.verdict.headline);
}

#[test]
fn a_broken_source_beside_a_good_one_is_a_warning_and_alone_an_error() {
    let broken = || {
        ocsp("http://ocsp.certscope.org/", OcspStatus::Unverified("the response's signature does not verify".into()))
    };
    let alone = judged(Revocation { ocsp: vec![broken()], crl: Vec::new() });
    assert_eq!(severity_of(&alone, "revocation.unverified"), Some(Severity::Error));
    assert!(alone.verdict.headline.contains("cannot be trusted yet"), "{}", alone.verdict.headline);
    let beside = judged(Revocation { ocsp: vec![broken()], crl: vec![crl(CrlStatus::NotListed)] });
    assert_eq!(severity_of(&beside, "revocation.unverified"), Some(Severity::Warning));
}

#[test]
fn revoked_by_any_source_outranks_good_answers() {
    let now = certscope::model::time::parse_rfc3339(NOW).unwrap();
    let revoked = crl(CrlStatus::Revoked { revocation_time: now, reason: Some("keyCompromise".into()) });
    let good = ocsp("http://ocsp.certscope.org/", OcspStatus::Good);
    let diagnosis = judged(Revocation { ocsp: vec![good], crl: vec![revoked] });
    let finding = diagnosis.findings.iter().find(|f| f.code == "revocation.revoked").unwrap();
    assert_eq!(finding.evidence.get("reason"), Some("keyCompromise"));
    assert_eq!(finding.evidence.get("source"), Some("the CRL at http://crl.certscope.org/ca.crl"));
    assert!(diagnosis.findings.iter().all(|f| f.code != "revocation.good"), "never good beside revoked");
    assert_eq!(diagnosis.verdict.status, certscope::diagnose::Status::Error);
}

#[test]
fn a_base_crl_without_its_delta_is_a_warning_and_with_it_names_both() {
    use certscope::verification::{Check, Outcome};
    let delta = |applied| DeltaCheck {
        source: CrlSource::Url("http://crl.certscope.org/ca+.crl".into()),
        number: Some("6".into()),
        base_number: Some("9".into()),
        checks: Vec::new(),
        applied,
    };
    let mut unused = crl(CrlStatus::NotListed);
    unused.check.delta = Some(delta(false));
    unused.check.checks.push(Check {
        name: "Delta CRL applied (RFC 5280 5.2.4)",
        outcome: Outcome::Warn("the delta CRL number 6 was not used (it builds on CRL number 9)".into()),
    });
    let diagnosis = judged(Revocation { ocsp: Vec::new(), crl: vec![unused] });
    let finding = diagnosis.findings.iter().find(|f| f.code == "revocation.delta_not_applied").unwrap();
    assert_eq!(finding.severity, Severity::Warning);
    assert!(
        finding.message.contains("answered without its delta CRL: the delta CRL number 6 was not used"),
        "{}",
        finding.message
    );
    assert!(finding.fix.contains("http://crl.certscope.org/ca+.crl"), "{}", finding.fix);
    // Applied: the good answer names the base and the delta; no warning.
    let mut applied = crl(CrlStatus::NotListed);
    applied.check.delta = Some(delta(true));
    applied.check.answered_by = AnsweredBy::Base;
    let diagnosis = judged(Revocation { ocsp: Vec::new(), crl: vec![applied] });
    assert_eq!(severity_of(&diagnosis, "revocation.delta_not_applied"), None);
    let good = diagnosis.findings.iter().find(|f| f.code == "revocation.good").unwrap();
    assert!(
        good.message.contains(
            "the base CRL at http://crl.certscope.org/ca.crl with the delta CRL at http://crl.certscope.org/ca+.crl"
        ),
        "{}",
        good.message
    );
}
