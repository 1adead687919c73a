//! x509-limbo (C2SP): each SERVER case goes through the same code path as `certscope report`
//! (the PEM loaded by certscope, the chain judged by `trust::judge_sent`, the roots read as by
//! `--ca-file`), and the result is compared with the suite's. The figures are printed, and the
//! divergences must be exactly the ones listed (and explained) in tests/limbo-divergences.txt:
//! a new one fails the test, and so does one that has gone (update the list).
//!
//! The suite is `tests/limbo/limbo.json.gz` (Apache-2.0; see tests/limbo/README.md).

use std::collections::BTreeMap;

use certscope::trust::{Judge, Purpose, TrustStore, judge_sent, roots_from_pem};
use serde::Deserialize;

#[derive(Deserialize)]
struct Suite {
    testcases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    features: Vec<String>,
    validation_kind: String,
    trusted_certs: Vec<String>,
    untrusted_intermediates: Vec<String>,
    peer_certificate: String,
    validation_time: Option<String>,
    extended_key_usage: Vec<String>,
    expected_result: String,
    expected_peer_name: Option<PeerName>,
    max_chain_depth: Option<u32>,
    crls: Vec<String>,
}

#[derive(Deserialize)]
struct PeerName {
    value: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Verdict {
    Pass,
    UnexpectedSuccess,
    UnexpectedFailure,
    Skip,
}

/// Why a case is not run: what certscope does not check.
fn skip_reason(case: &Case) -> Option<&'static str> {
    if case.validation_kind != "SERVER" {
        return Some("CLIENT validation");
    }
    if case.expected_peer_name.is_none() {
        return Some("no peer name");
    }
    if !case.crls.is_empty() {
        return Some("CRLs in path validation");
    }
    if case.max_chain_depth.is_some() {
        return Some("a maximum chain depth");
    }
    // Profiles certscope does not implement: the pedantic EKU rules, a public suffix list,
    // certificate policies, and RFC 5280 variants that conflict with the webpki profile it follows.
    let unsupported = [
        "pedantic-webpki-eku",
        "pedantic-public-suffix-wildcard",
        "has-policy-constraints",
        "rfc5280-incompatible-with-webpki",
        "pedantic-rfc5280",
    ];
    if case.features.iter().any(|f| unsupported.contains(&f.as_str())) {
        return Some("a profile certscope does not implement");
    }
    None
}

fn run(case: &Case) -> (Verdict, String) {
    if let Some(why) = skip_reason(case) {
        return (Verdict::Skip, why.into());
    }
    let now = match &case.validation_time {
        Some(at) => time::OffsetDateTime::parse(at, &time::format_description::well_known::Rfc3339).unwrap(),
        None => time::OffsetDateTime::now_utc(),
    };
    let pem: String = std::iter::once(&case.peer_certificate).chain(&case.untrusted_intermediates).cloned().collect();
    let input = certscope::load_bytes("limbo", pem.as_bytes(), &Default::default());
    let roots = roots_from_pem(case.trusted_certs.concat().as_bytes()).unwrap_or_default();
    let store = TrustStore::Custom(roots);
    let anchors = store.anchors().unwrap_or_default();
    let purpose =
        if case.extended_key_usage.iter().any(|e| e == "clientAuth") { Purpose::Client } else { Purpose::Server };
    let name = case.expected_peer_name.as_ref().map(|n| n.value.as_str());
    let judge = Judge { anchors: &anchors, store: &store, name, purpose, now };
    let certificates: Vec<&certscope::model::Certificate> = input.certificates.iter().collect();
    // The peer certificate is the first; if certscope could not read it, nothing is trusted.
    let peer_read = input.problems.iter().all(|p| !p.contains("block 1 "));
    let validation = if peer_read { judge_sent(&certificates, &judge) } else { None };
    let trusted = validation.as_ref().is_some_and(|v| v.trusted);
    let context = validation
        .and_then(|v| {
            v.checks.iter().find(|c| c.result() == "fail").map(|c| format!("{}: {}", c.name, c.detail().unwrap_or("")))
        })
        .unwrap_or_else(|| {
            if peer_read { String::new() } else { format!("certscope could not read the peer: {:?}", input.problems) }
        });
    let verdict = match (trusted, case.expected_result.as_str()) {
        (true, "SUCCESS") | (false, "FAILURE") => Verdict::Pass,
        (true, _) => Verdict::UnexpectedSuccess,
        (false, _) => Verdict::UnexpectedFailure,
    };
    (verdict, context)
}

#[test]
fn limbo_server_cases() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/limbo/limbo.json.gz");
    let output =
        std::process::Command::new("gzip").args(["-dc"]).arg(&path).output().expect("gzip (Debian: always there)");
    assert!(output.status.success(), "could not read {}", path.display());
    let suite: Suite = serde_json::from_slice(&output.stdout).unwrap();
    let mut counts: BTreeMap<Verdict, usize> = BTreeMap::new();
    let mut divergences = Vec::new();
    for case in &suite.testcases {
        let (verdict, context) = run(case);
        *counts.entry(verdict).or_default() += 1;
        if matches!(verdict, Verdict::UnexpectedSuccess | Verdict::UnexpectedFailure) {
            divergences.push((verdict, case.id.clone(), case.features.join(","), context));
        }
    }
    let total = suite.testcases.len();
    let get = |v| counts.get(&v).copied().unwrap_or(0);
    println!(
        "x509-limbo: {total} cases: pass {}, unexpected success {}, unexpected failure {}, skipped {}",
        get(Verdict::Pass),
        get(Verdict::UnexpectedSuccess),
        get(Verdict::UnexpectedFailure),
        get(Verdict::Skip)
    );
    let found: Vec<String> = divergences
        .iter()
        .map(|(verdict, id, _, _)| {
            format!("{}\t{id}", if *verdict == Verdict::UnexpectedSuccess { "TRUSTED" } else { "REJECTED" })
        })
        .collect();
    for (verdict, id, features, context) in &divergences {
        println!("  {verdict:?} {id} [{features}] {context}");
    }
    let listed_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/limbo-divergences.txt");
    let listed_text = std::fs::read_to_string(&listed_path).unwrap_or_default();
    let listed: Vec<String> = listed_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').take(2).collect::<Vec<_>>().join("\t"))
        .collect();
    let new: Vec<&String> = found.iter().filter(|f| !listed.contains(f)).collect();
    let gone: Vec<&String> = listed.iter().filter(|l| !found.contains(l)).collect();
    assert!(new.is_empty() && gone.is_empty(), "divergences changed:\n new: {new:#?}\n gone: {gone:#?}");
}
