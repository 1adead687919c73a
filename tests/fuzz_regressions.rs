//! Every input a fuzz target ever crashed on (`fuzz/run.sh`), replayed the way its target runs
//! it: `tests/fuzz-regressions/TARGET/*`. Each must now load, parse or judge without a panic.

mod support;

use certscope::diagnose::{Anchors, Options, diagnose_files};
use certscope::{Certificate, Input, LoadOptions, load_bytes};

fn cases(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut cases: Vec<(String, Vec<u8>)> = entries
        .filter_map(Result::ok)
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect();
    cases.sort();
    cases
}

fn now() -> time::OffsetDateTime {
    time::OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_600)
}

fn judge(owned: &[Input]) {
    let anchors = Anchors::offline(&[], "");
    let mut options = Options::at(now());
    options.name = Some("fuzz.test".into());
    let _ = diagnose_files(owned, &certscope::build_chains(owned), &anchors, &options);
}

#[test]
fn load_any_and_diagnose_regressions() {
    let chain =
        load_bytes("chain.pem", &std::fs::read(support::fixture("chain.pem")).unwrap(), &LoadOptions::default());
    for target in ["load_any", "diagnose"] {
        for (name, bytes) in cases(target) {
            eprintln!("{target}/{name}");
            let input = load_bytes(&name, &bytes, &LoadOptions::default());
            judge(&[input, chain.clone()]);
        }
    }
}

#[test]
fn asn1_regressions() {
    for (name, bytes) in cases("asn1_tree") {
        eprintln!("asn1_tree/{name}");
        let _ = certscope::asn1::text(&certscope::asn1::parse(&bytes));
    }
}

#[test]
fn crl_regressions() {
    let leaf = support::load("leaf-p256.pem").certificates.remove(0);
    let issuer = support::load("intermediate.pem").certificates.remove(0);
    for (name, bytes) in cases("crl") {
        eprintln!("crl/{name}");
        if let Ok(list) = certscope::model::RevocationList::from_der(&bytes) {
            let index = certscope::revocation::crl::CrlIndex::new(&list);
            let _ = certscope::revocation::crl::check_with_crl(&leaf, &issuer, &index, now());
        }
    }
}

#[test]
fn ocsp_regressions() {
    use certscope::revocation::ocsp::{CertIdHash, build_request, verify_response};
    let issuer = support::load("ocsp/ca.pem").certificates.remove(0);
    let leaf = support::load("ocsp/good.pem").certificates.remove(0);
    let request = build_request(&leaf, &issuer, CertIdHash::Sha1, true).unwrap();
    for (name, bytes) in cases("ocsp_response") {
        eprintln!("ocsp_response/{name}");
        let _ = verify_response(&bytes, &request, &issuer, now(), time::Duration::minutes(5));
    }
}

#[test]
fn host_chain_regressions() {
    for (name, bytes) in cases("host_chain") {
        eprintln!("host_chain/{name}");
        let mut certificates = Vec::new();
        let mut rest = bytes.as_slice();
        while rest.len() >= 2 && certificates.len() < 16 {
            let length = usize::from(u16::from_be_bytes([rest[0], rest[1]])).min(rest.len() - 2);
            if let Ok(certificate) = Certificate::from_der(&rest[2..2 + length]) {
                certificates.push(certificate);
            }
            rest = &rest[2 + length..];
        }
        judge(&[Input { source: "fuzz.test:443".into(), format: Some("TLS"), certificates, ..Input::default() }]);
    }
}
