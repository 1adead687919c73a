//! A server's certificate list from raw bytes (each certificate: a 2-byte length, then its
//! DER), judged as a host's chain is: only what was sent, against Mozilla's roots.
#![no_main]

use std::sync::LazyLock;

use certscope::diagnose::{Anchors, InputExtras, Options, Workspace, diagnose};
use certscope::{Certificate, Input};
use libfuzzer_sys::fuzz_target;

static ANCHORS: LazyLock<Anchors> = LazyLock::new(|| Anchors::offline(&[], ""));

fuzz_target!(|data: &[u8]| {
    let mut certificates = Vec::new();
    let mut rest = data;
    while rest.len() >= 2 && certificates.len() < 16 {
        let length = usize::from(u16::from_be_bytes([rest[0], rest[1]])).min(rest.len() - 2);
        if let Ok(certificate) = Certificate::from_der(&rest[2..2 + length]) {
            certificates.push(certificate);
        }
        rest = &rest[2 + length..];
    }
    let input = Input { source: "fuzz.test:443".into(), format: Some("TLS"), certificates, ..Input::default() };
    let inputs = [&input];
    let chains = certscope::build_chains(&[input.clone()]);
    let revocation = certscope::revocation::Revocation::default();
    let extras = vec![InputExtras::default()];
    let workspace =
        Workspace { inputs: &inputs, chains: &chains, revocation: &revocation, extras: &extras, named: None };
    let mut options = Options::at(time::OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_600));
    options.name = Some("fuzz.test".into());
    let _ = diagnose(&workspace, &ANCHORS, &options);
});
