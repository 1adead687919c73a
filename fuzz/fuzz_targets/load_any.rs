//! Any bytes through every sniffer and parser (PEM, DER, PKCS#7, PKCS#12, JKS, PE, MSI, ZIP,
//! mail, profiles, .sst), then chain building over what loaded.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = certscope::load_bytes("fuzz", data, &certscope::LoadOptions::default());
    let _ = certscope::build_chains(&[input]);
});
