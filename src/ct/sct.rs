//! Embedded SCTs (RFC 6962 3.3) and their signatures (3.2): a log signs the precertificate,
//! which is the certificate's TBSCertificate without the SCT list, bound to the issuer's key.

use der::{Decode, Encode};
use time::OffsetDateTime;
use x509_parser::extensions::ParsedExtension;
use x509_parser::prelude::{FromDer, X509Certificate};

use super::LogList;

/// The SCT list extension (RFC 6962 3.3).
const SCT_LIST: &str = "1.3.6.1.4.1.11129.2.4.2";

/// What became of an SCT's signature.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SctSignature {
    /// It verifies under the log's key over the rebuilt precertificate.
    Valid,
    /// It does not: the log did not sign this certificate, or it was altered after.
    Invalid(String),
    /// Not checked, and why (the log is unknown, the issuer is not loaded, …).
    NotChecked(String),
}

/// One embedded SCT, named and checked.
#[derive(Clone, Debug)]
pub struct EmbeddedSct {
    /// The log's ID, base64.
    pub log_id: String,
    /// The log, when the list names it.
    pub log: Option<super::Log>,
    /// When the log saw the precertificate.
    pub timestamp: Option<OffsetDateTime>,
    /// The signature's algorithm in words (`ECDSA with SHA-256`).
    pub algorithm: String,
    /// The signature check.
    pub signature: SctSignature,
}

/// The SCTs embedded in `certificate` (DER), each named from `logs` and its signature checked
/// when the issuer's key (`issuer_key`, its SubjectPublicKeyInfo DER) is given. None when it
/// carries no SCT list; an unreadable list is Err.
pub fn embedded_scts(
    certificate: &[u8],
    issuer_key: Option<&[u8]>,
    logs: &LogList,
) -> Option<Result<Vec<EmbeddedSct>, String>> {
    let (_, parsed) = X509Certificate::from_der(certificate).ok()?;
    let extension = parsed.extensions().iter().find(|e| e.oid.to_id_string() == SCT_LIST)?;
    let ParsedExtension::SCT(list) = extension.parsed_extension() else {
        return Some(Err("the SCT list extension does not parse as RFC 6962 3.3 describes".into()));
    };
    let issuer_key_hash = issuer_key.map(crate::model::sha256);
    let precertificate = precertificate_tbs(certificate);
    let scts = list
        .iter()
        .map(|sct| {
            let log = logs.get(sct.id.key_id).cloned();
            let timestamp = i128::from(sct.timestamp)
                .checked_mul(1_000_000)
                .and_then(|ns| OffsetDateTime::from_unix_timestamp_nanos(ns).ok());
            let algorithm = algorithm(sct.signature.hash_alg_id, sct.signature.sign_alg_id);
            let signature = match (&log, &issuer_key_hash, &precertificate) {
                (None, ..) => SctSignature::NotChecked("its log is not in the list".into()),
                (_, None, _) => SctSignature::NotChecked("the issuer's certificate is not loaded".into()),
                (_, _, Err(why)) => SctSignature::NotChecked(why.clone()),
                (Some(log), Some(key_hash), Ok(tbs)) => {
                    let signed = signed_data(sct.version.0, sct.timestamp, key_hash, tbs, sct.extensions.0);
                    verify(log, sct.signature.hash_alg_id, sct.signature.sign_alg_id, &signed, sct.signature.data)
                }
            };
            EmbeddedSct { log_id: data_encoding::BASE64.encode(sct.id.key_id), log, timestamp, algorithm, signature }
        })
        .collect();
    Some(Ok(scts))
}

/// The TBSCertificate with the SCT list removed, as DER: what the CA gave the log.
fn precertificate_tbs(certificate: &[u8]) -> Result<Vec<u8>, String> {
    let certificate = x509_cert::Certificate::from_der(certificate)
        .map_err(|e| format!("the certificate does not decode as DER ({e})"))?;
    let mut tbs = certificate.tbs_certificate;
    if let Some(extensions) = tbs.extensions.as_mut() {
        extensions.retain(|e| e.extn_id.to_string() != SCT_LIST);
    }
    tbs.to_der().map_err(|e| format!("the precertificate could not be rebuilt ({e})"))
}

/// RFC 6962 3.2: the digitally-signed struct of a v1 SCT over a precertificate entry.
fn signed_data(version: u8, timestamp: u64, issuer_key_hash: &[u8], tbs: &[u8], extensions: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(tbs.len() + 64);
    out.push(version);
    out.push(0); // signature_type: certificate_timestamp
    out.extend_from_slice(&timestamp.to_be_bytes());
    out.extend_from_slice(&1u16.to_be_bytes()); // entry_type: precert_entry
    out.extend_from_slice(issuer_key_hash);
    let length = u32::try_from(tbs.len()).unwrap_or(u32::MAX).to_be_bytes();
    out.extend_from_slice(&length[1..]); // opaque TBSCertificate<1..2^24-1>
    out.extend_from_slice(tbs);
    out.extend_from_slice(&u16::try_from(extensions.len()).unwrap_or(u16::MAX).to_be_bytes());
    out.extend_from_slice(extensions);
    out
}

/// TLS 1.2's SignatureAndHashAlgorithm (RFC 5246 7.4.1.4.1), as RFC 6962 uses it.
fn algorithm(hash: u8, signature: u8) -> String {
    let hash = match hash {
        4 => "SHA-256",
        5 => "SHA-384",
        2 => "SHA-1",
        _ => "an unknown hash",
    };
    let signature = match signature {
        1 => "RSA",
        3 => "ECDSA",
        _ => "an unknown algorithm",
    };
    format!("{signature} with {hash}")
}

fn verify(log: &super::Log, hash: u8, signature_algorithm: u8, signed: &[u8], signature: &[u8]) -> SctSignature {
    use aws_lc_rs::signature::{
        ECDSA_P256_SHA256_ASN1, RSA_PKCS1_2048_8192_SHA256, UnparsedPublicKey, VerificationAlgorithm,
    };
    let Ok((_, spki)) = x509_parser::x509::SubjectPublicKeyInfo::from_der(&log.key) else {
        return SctSignature::NotChecked("the log's key in the list does not parse".into());
    };
    // RFC 6962 2.1.4: logs sign with ECDSA P-256 or RSA, both over SHA-256.
    let algorithm: &dyn VerificationAlgorithm = match (hash, signature_algorithm) {
        (4, 3) => &ECDSA_P256_SHA256_ASN1,
        (4, 1) => &RSA_PKCS1_2048_8192_SHA256,
        _ => {
            return SctSignature::Invalid(format!(
                "signed with {}, which RFC 6962 does not allow",
                algorithm(hash, signature_algorithm)
            ));
        }
    };
    match UnparsedPublicKey::new(algorithm, &spki.subject_public_key.data).verify(signed, signature) {
        Ok(()) => SctSignature::Valid,
        Err(_) => SctSignature::Invalid(format!("the signature does not verify under {}'s key", log.description)),
    }
}
