//! x509-limbo (C2SP): each SERVER case goes through the same code path as `certscope report`
//! (the PEM loaded by certscope, the chain judged by `trust::judge_sent`, the roots read as by
//! `--ca-file`), and the result is compared with the suite's. The figures are printed, and the
//! divergences must be exactly the ones listed (and explained) in tests/limbo-divergences.txt:
//! a new one fails the test, and so does one that has gone (update the list).
//!
//! The suite is `tests/limbo/limbo.json.gz` (Apache-2.0; see tests/limbo/README.md).

use std::collections::BTreeMap;

use certscope::trust::{Judge, Purpose, Rules, TrustStore, judge_sent, roots_from_pem};
use serde::Deserialize;

#[derive(Deserialize)]
struct Suite {
    testcases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    conflicts_with: Vec<String>,
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

/// Why a case is not run under `rules`: what certscope does not check, or the other side of a
/// profile choice (the suite pairs `rfc5280::` and `webpki::` cases that cannot both pass).
fn skip_reason(case: &Case, rules: Rules) -> Option<&'static str> {
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
    // Profiles certscope does not implement: a public suffix list, certificate policies, and
    // RFC 5280 variants that conflict with the webpki profile it follows. The pedantic EKU rules
    // are the strict CABF rules' own.
    let mut unsupported = vec![
        "pedantic-public-suffix-wildcard",
        "has-policy-constraints",
        "rfc5280-incompatible-with-webpki",
        "pedantic-rfc5280",
    ];
    if rules == Rules::Browsers {
        unsupported.push("pedantic-webpki-eku");
    }
    if case.features.iter().any(|f| unsupported.contains(&f.as_str())) {
        return Some("a profile certscope does not implement");
    }
    // "Pick the profile you implement": certscope follows webpki's side of a pair (a CA
    // certificate is no leaf) unless that side is pedantic, which only the strict rules follow.
    let webpki_side = case.conflicts_with.iter().any(|other| other.starts_with("webpki::"));
    if case.id.starts_with("rfc5280::") && webpki_side {
        let pedantic = case.id.contains("::eku::");
        if rules == Rules::Cabf || !pedantic {
            return Some("the rfc5280 side of a profile pair; certscope follows the webpki side");
        }
    }
    None
}

fn run(case: &Case, rules: Rules) -> (Verdict, String) {
    if let Some(why) = skip_reason(case, rules) {
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
    let judge = Judge { anchors: &anchors, store: &store, name, purpose, now, rules };
    let certificates: Vec<&certscope::model::Certificate> = input.certificates.iter().collect();
    // The peer certificate is the first; if certscope could not read it, nothing is trusted.
    let peer_read = input.problems.iter().all(|p| !p.contains("block 1 "));
    let validation = if peer_read { judge_sent(&certificates, &judge) } else { None };
    let trusted = validation.as_ref().is_some_and(|v| v.trusted);
    let context = validation
        .and_then(|v| {
            let failed: Vec<String> = v
                .checks
                .iter()
                .filter(|c| c.result() == "fail")
                .map(|c| format!("{}: {}", c.name, c.detail().unwrap_or("")))
                .collect();
            Some(failed.join(" | ")).filter(|f| !f.is_empty())
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

fn suite() -> &'static Suite {
    static SUITE: std::sync::OnceLock<Suite> = std::sync::OnceLock::new();
    SUITE.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/limbo/limbo.json.gz");
        let output =
            std::process::Command::new("gzip").args(["-dc"]).arg(&path).output().expect("gzip (Debian: always there)");
        assert!(output.status.success(), "could not read {}", path.display());
        serde_json::from_slice(&output.stdout).unwrap()
    })
}

/// A case we judged otherwise than the suite: TRUSTED (it expects failure) or REJECTED.
struct Divergence {
    verdict: Verdict,
    id: String,
    context: String,
}

impl Divergence {
    fn key(&self) -> String {
        format!("{}\t{}", if self.verdict == Verdict::UnexpectedSuccess { "TRUSTED" } else { "REJECTED" }, self.id)
    }
}

/// Runs every case under `rules`, prints the figures and the divergences, and returns them.
fn score(rules: Rules) -> Vec<Divergence> {
    let suite = suite();
    let mut counts: BTreeMap<Verdict, usize> = BTreeMap::new();
    let mut divergences = Vec::new();
    for case in &suite.testcases {
        let (verdict, context) = run(case, rules);
        *counts.entry(verdict).or_default() += 1;
        if matches!(verdict, Verdict::UnexpectedSuccess | Verdict::UnexpectedFailure) {
            divergences.push(Divergence { verdict, id: case.id.clone(), context });
        }
    }
    let get = |v| counts.get(&v).copied().unwrap_or(0);
    println!(
        "x509-limbo, {} rules: {} cases: pass {}, unexpected success {}, unexpected failure {}, skipped {}",
        rules.key(),
        suite.testcases.len(),
        get(Verdict::Pass),
        get(Verdict::UnexpectedSuccess),
        get(Verdict::UnexpectedFailure),
        get(Verdict::Skip)
    );
    divergences
}

/// The divergences listed, and explained, in tests/limbo-divergences.txt.
fn listed() -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/limbo-divergences.txt");
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').take(2).collect::<Vec<_>>().join("\t"))
        .collect()
}

/// Browsers' rules (the default of the report and the window): the divergences must be exactly
/// the listed ones.
#[test]
fn limbo_browsers_rules() {
    let divergences = score(Rules::Browsers);
    for d in &divergences {
        println!("  {:?} {} {}", d.verdict, d.id, d.context);
    }
    let found: Vec<String> = divergences.iter().map(Divergence::key).collect();
    let listed = listed();
    let new: Vec<&String> = found.iter().filter(|f| !listed.contains(f)).collect();
    let gone: Vec<&String> = listed.iter().filter(|l| !found.contains(l)).collect();
    assert!(new.is_empty() && gone.is_empty(), "divergences changed:\n new: {new:#?}\n gone: {gone:#?}");
}

/// The strict CABF rules (`--rules cabf`): never trusted where the suite expects failure. A case
/// rejected beyond the listed ones must fail on CABF 7.1.4.3 alone: its leaf's subject CN is not
/// one of its SAN names, which the suite's webpki::cn cases call a failure and its BetterTLS and
/// RFC 5280 cases (whose generators leave a CN outside the SAN) expect to pass.
#[test]
fn limbo_cabf_rules() {
    let divergences = score(Rules::Cabf);
    let listed = listed();
    let trusted: Vec<&Divergence> = divergences.iter().filter(|d| d.verdict == Verdict::UnexpectedSuccess).collect();
    for d in &trusted {
        println!("  TRUSTED {} {}", d.id, d.context);
    }
    assert!(trusted.is_empty(), "{} case(s) trusted where the suite expects failure", trusted.len());
    let mut by_namespace: BTreeMap<&str, usize> = BTreeMap::new();
    let mut other = Vec::new();
    for d in &divergences {
        let only_cn = d.context.starts_with("The subject CN is one of the SAN names") && !d.context.contains(" | ");
        if only_cn {
            *by_namespace.entry(d.id.split("::").next().unwrap_or("")).or_default() += 1;
        } else if !listed.contains(&d.key()) {
            other.push(format!("{} {}", d.key(), d.context));
        }
    }
    println!("  rejected for a subject CN outside the SAN alone (CABF 7.1.4.3), by namespace: {by_namespace:?}");
    assert!(other.is_empty(), "rejected for another reason than the CN, and not listed: {other:#?}");
}
