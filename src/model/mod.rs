//! Owned, display-ready values: what the window and the report show. No borrowed
//! x509-parser type leaves this module.

mod certificate;
mod extensions;
mod key;
pub(crate) mod names;
mod request;
mod revocation_list;
pub mod time;

pub use certificate::{Certificate, PublicKeyInfo, Purpose, ValidityStatus};
pub use extensions::{CrlScope, Extension, ExtensionEntry, GeneralName, Policy, Sct};
pub use key::PrivateKeySummary;
pub use names::{DistinguishedName, NameAttribute, byte_size, hash_algorithm_name, hex, hex_colons};
pub use request::CertificateRequest;
pub use revocation_list::{RevocationList, Revoked, RevokedEntry, crl_number_order, reason_name, reason_text};

use x509_parser::x509::AlgorithmIdentifier;

/// id-RSASSA-PSS (RFC 4055 3.1), the one signature algorithm whose parameters name its hash.
pub(crate) const RSASSA_PSS: &str = "1.2.840.113549.1.1.10";

/// A signature algorithm's name, RSASSA-PSS with its hash (`RSASSA-PSS (SHA-256)`).
pub(crate) fn signature_algorithm(alg: &AlgorithmIdentifier<'_>) -> String {
    use x509_parser::signature_algorithm::SignatureAlgorithm;
    let oid = alg.algorithm.to_id_string();
    // Asked only of RSASSA-PSS: x509-parser's debug builds print every OID it does not know.
    if oid != RSASSA_PSS {
    } else if let Ok(SignatureAlgorithm::RSASSA_PSS(params)) = SignatureAlgorithm::try_from(alg) {
        let hash = params.hash_algorithm_oid().to_id_string();
        return format!("RSASSA-PSS ({})", names::hash_algorithm_name(&hash).unwrap_or(&hash));
    }
    names::signature_algorithm_name(&oid).map_or(oid, str::to_string)
}

/// Lowercase hex of a DER INTEGER's bytes without the sign octet.
pub(crate) fn serial_hex(raw: &[u8]) -> String {
    let trimmed = match raw {
        [0, rest @ ..] if !rest.is_empty() => rest,
        other => other,
    };
    hex(trimmed)
}

/// Digests by aws-lc-rs: SHA-1 only as a fingerprint, never for trust.
pub(crate) fn sha1(bytes: &[u8]) -> Vec<u8> {
    aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY, bytes).as_ref().to_vec()
}

pub(crate) fn sha256(bytes: &[u8]) -> Vec<u8> {
    aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA256, bytes).as_ref().to_vec()
}
