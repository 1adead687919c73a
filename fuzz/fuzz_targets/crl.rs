//! Any bytes as a CRL: parsed, indexed, and asked about a real certificate with its issuer.
#![no_main]

use std::sync::LazyLock;

use certscope::Certificate;
use certscope::model::RevocationList;
use certscope::revocation::crl::{CrlIndex, check_with_crl};
use libfuzzer_sys::fuzz_target;

static PAIR: LazyLock<(Certificate, Certificate)> = LazyLock::new(|| {
    let load = |pem: &[u8]| {
        let input = certscope::load_bytes("fixture", pem, &certscope::LoadOptions::default());
        input.certificates.into_iter().next().expect("a fixture certificate")
    };
    (
        load(include_bytes!("../../tests/fixtures/leaf-p256.pem")),
        load(include_bytes!("../../tests/fixtures/intermediate.pem")),
    )
});

fuzz_target!(|data: &[u8]| {
    if let Ok(list) = RevocationList::from_der(data) {
        let (leaf, issuer) = &*PAIR;
        let index = CrlIndex::new(&list);
        let now = time::OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_600);
        let _ = check_with_crl(leaf, issuer, &index, now);
    }
});
