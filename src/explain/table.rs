//! The explanations, as data: one row per field, extension, key-usage bit, EKU, name attribute,
//! algorithm, OCSP and CRL field, TLS connection field and check, with the section it comes from.
//! The rows live in one file per concern; `ENTRIES` is all of them.

mod certificate;
mod extensions;
mod names;
mod revocation;
mod signatures;

use std::sync::LazyLock;

use super::Entry;

/// Every explanation.
pub static ENTRIES: LazyLock<Vec<Entry>> = LazyLock::new(|| {
    [certificate::CERTIFICATE, extensions::EXTENSIONS, names::NAMES, revocation::REVOCATION, signatures::SIGNATURES]
        .concat()
});
