//! Any bytes as a DER/BER tree, then printed as `certscope asn1` prints it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let tree = certscope::asn1::parse(data);
    let _ = certscope::asn1::text(&tree);
});
