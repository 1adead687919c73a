//! Certificate Transparency end to end: SCTs really signed by test logs (made by
//! `tests/fixtures/ct/make.py`), named from a log list, their signatures checked over the
//! rebuilt precertificate, and counted as browsers' policies count them.

mod support;

use support::*;

fn ct(name: &str) -> String {
    fixture(&format!("ct/{name}")).display().to_string()
}

/// The diagnosis of one CT fixture, its issuing CA given as a root, against the test logs.
fn judged(leaf: &str, extra: &[&str]) -> serde_json::Value {
    let out = certscope()
        .args(["report", "--json", "--time", NOW, "--ca-file", &ct("ca.pem"), "--ct-log-list", &ct("log_list.json")])
        .args(extra)
        .arg(ct(leaf))
        .output()
        .unwrap();
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)))
}

fn ct_findings(value: &serde_json::Value) -> Vec<(String, String, String)> {
    value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"].as_str().unwrap().starts_with("ct."))
        .map(|f| {
            let text = |k: &str| f[k].as_str().unwrap_or_default().to_string();
            (text("code"), text("severity"), text("message"))
        })
        .collect()
}

fn codes(value: &serde_json::Value) -> Vec<String> {
    ct_findings(value).into_iter().map(|(code, ..)| code).collect()
}

#[test]
fn scts_from_two_operators_verify_and_satisfy_the_policy() {
    let value = judged("good.pem", &[]);
    assert_eq!(codes(&value), ["ct.scts"], "{:#?}", ct_findings(&value));
    let (_, severity, message) = &ct_findings(&value)[0];
    assert_eq!(severity, "info");
    assert!(message.contains("certscope test log A (Operator One)"), "{message}");
    assert!(message.contains("certscope test log B (Operator Two)"), "{message}");
    assert_eq!(message.matches("signature verified").count(), 2, "ECDSA and RSA logs both verify: {message}");
}

#[test]
fn an_sct_signed_over_another_certificate_fails_and_does_not_count() {
    let value = judged("bad-signature.pem", &[]);
    assert!(codes(&value).contains(&"ct.bad_signature".to_string()), "{:#?}", ct_findings(&value));
    assert!(codes(&value).contains(&"ct.too_few_scts".to_string()), "one SCT left that counts");
    let bad = ct_findings(&value).into_iter().find(|(c, ..)| c == "ct.bad_signature").unwrap();
    assert!(bad.2.contains("certscope test log A"), "{}", bad.2);
}

#[test]
fn without_the_issuer_the_signatures_are_not_checked_and_said_so() {
    let out = certscope()
        .args([
            "report",
            "--json",
            "--time",
            NOW,
            "--ct-log-list",
            &ct("log_list.json"),
            "--rules",
            "cabf",
            &ct("bad-signature.pem"),
        ])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let scts = ct_findings(&value).into_iter().find(|(c, ..)| c == "ct.scts").expect("public by --rules cabf");
    assert_eq!(
        scts.2.matches("signature not checked: the issuer's certificate is not loaded").count(),
        2,
        "{}",
        scts.2
    );
    assert!(!codes(&value).contains(&"ct.bad_signature".to_string()), "unchecked is not bad");
}

#[test]
fn two_logs_of_one_operator_are_not_enough() {
    let value = judged("one-operator.pem", &[]);
    assert_eq!(codes(&value), ["ct.one_operator", "ct.scts"], "{:#?}", ct_findings(&value));
    assert!(ct_findings(&value)[0].2.contains("Operator One"));
}

#[test]
fn an_sct_from_a_log_not_in_the_list_does_not_count() {
    let value = judged("unknown-log.pem", &[]);
    let found = ct_findings(&value);
    let unknown = found.iter().find(|(c, ..)| c == "ct.unknown_log").expect("the unknown log is named");
    assert_eq!(unknown.1, "warning", "the SCT predates the list: {}", unknown.2);
    assert!(codes(&value).contains(&"ct.too_few_scts".to_string()), "{found:#?}");
}

#[test]
fn an_sct_dated_after_its_log_retired_does_not_count() {
    let value = judged("retired-log.pem", &[]);
    assert!(codes(&value).contains(&"ct.retired_log".to_string()), "{:#?}", ct_findings(&value));
    assert!(codes(&value).contains(&"ct.too_few_scts".to_string()));
}

#[test]
fn a_log_list_that_is_not_one_is_refused_with_exit_2() {
    let bogus = std::env::temp_dir().join(format!("certscope-not-a-log-list-{}.json", std::process::id()));
    std::fs::write(&bogus, "<html>Service Unavailable</html>").unwrap();
    let out = certscope().args(["report", "--ct-log-list", bogus.to_str().unwrap(), &ct("good.pem")]).output().unwrap();
    std::fs::remove_file(&bogus).ok();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not a CT log list"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_vendored_list_names_logs_in_the_details() {
    // The test logs are in no real list: the details say so rather than inventing a name.
    let input = certscope::load_path(std::path::Path::new(&ct("good.pem")), &certscope::LoadOptions::default());
    let sct = input.certificates[0].extensions.iter().find(|e| e.oid == "1.3.6.1.4.1.11129.2.4.2").unwrap();
    let certscope::model::Extension::SctList(list) = &sct.value else { panic!("{:?}", sct.value) };
    assert!(list.iter().all(|s| s.log.is_none()));
    assert!(sct.value.lines().iter().all(|l| l.ends_with("(not in the CT log list)")), "{:?}", sct.value.lines());
}
