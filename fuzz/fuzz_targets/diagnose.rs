//! Any bytes loaded as a file, beside the test PKI's chain, and diagnosed: every finding
//! (trust, validity, revocation of CRLs loaded, lints, CT, signatures) over what loaded.
#![no_main]

use std::sync::LazyLock;

use certscope::diagnose::{Anchors, Options, diagnose_files};
use libfuzzer_sys::fuzz_target;

static ANCHORS: LazyLock<Anchors> = LazyLock::new(|| Anchors::offline(&[], ""));
static CHAIN: LazyLock<certscope::Input> = LazyLock::new(|| {
    certscope::load_bytes(
        "chain.pem",
        include_bytes!("../../tests/fixtures/chain.pem"),
        &certscope::LoadOptions::default(),
    )
});

fuzz_target!(|data: &[u8]| {
    let loaded = certscope::load_bytes("fuzz", data, &certscope::LoadOptions::default());
    let owned = [loaded, CHAIN.clone()];
    let options = Options::at(time::OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_600));
    let _ = diagnose_files(&owned, &certscope::build_chains(&owned), &ANCHORS, &options);
});
