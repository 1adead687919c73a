//! Certificate signing requests (PKCS#10, RFC 2986).

use x509_parser::prelude::{FromDer, X509CertificationRequest};

use super::certificate::PublicKeyInfo;
use super::extensions::ExtensionEntry;
use super::names::DistinguishedName;

/// A parsed CSR.
#[derive(Clone, Debug, PartialEq)]
pub struct CertificateRequest {
    /// The DER, for saving.
    pub der: Vec<u8>,
    /// The requested subject.
    pub subject: DistinguishedName,
    /// The key to be certified.
    pub public_key: PublicKeyInfo,
    /// The signature algorithm, by name.
    pub signature_algorithm: String,
    /// The requester's signature with the key it asks to certify (proof of possession) verifies.
    pub signature_valid: bool,
    /// Extensions asked for (extensionRequest attribute).
    pub requested_extensions: Vec<ExtensionEntry>,
    /// SHA-256 of the DER.
    pub sha256: Vec<u8>,
    /// Attributes that cannot be read, each with why ("challengePassword: …"); the request is
    /// read without them (its signature still checked over the bytes as signed).
    pub malformed_attributes: Vec<String>,
}

impl CertificateRequest {
    /// Parses one DER CSR.
    pub fn from_der(der: &[u8]) -> Result<Self, String> {
        crate::load::expect_sequence(der)?;
        match X509CertificationRequest::from_der(der) {
            Ok((rest, csr)) => Ok(Self::from_parsed(&der[..der.len() - rest.len()], &csr)),
            Err(err) => {
                let error = crate::load::der_error(der, &err);
                Self::without_bad_attributes(der).ok_or(error)
            }
        }
    }

    /// A request whose attributes do not all parse (a challengePassword that is not a string,
    /// say): each attribute is tried alone, those that fail are set aside with their error, and
    /// the rest is read; the signature is checked over the request as it was signed.
    fn without_bad_attributes(der: &[u8]) -> Option<Self> {
        use crate::load::{content, element, wrap, wrap_sequence};
        let (_, outer, _) = element(der).ok()?;
        let (_, info, rest) = element(content(outer)).ok()?;
        let (_, algorithm, rest) = element(rest).ok()?;
        let (_, signature, _) = element(rest).ok()?;
        let (_, version, rest) = element(content(info)).ok()?;
        let (_, subject, rest) = element(rest).ok()?;
        let (_, key, rest) = element(rest).ok()?;
        let (tag, attributes, _) = element(rest).ok()?;
        if tag != 0xA0 {
            return None;
        }
        let head = [version, subject, key].concat();
        let request = |attributes: &[u8]| {
            let info = wrap_sequence(&[head.as_slice(), &wrap(0xA0, attributes)].concat());
            wrap_sequence(&[info.as_slice(), algorithm, signature].concat())
        };
        let (mut kept, mut malformed) = (Vec::new(), Vec::new());
        let mut left = content(attributes);
        while !left.is_empty() {
            let (_, attribute, rest) = element(left).ok()?;
            left = rest;
            match X509CertificationRequest::from_der(&request(attribute)) {
                Ok(_) => kept.extend_from_slice(attribute),
                Err(err) => {
                    let oid = element(content(attribute))
                        .ok()
                        .and_then(|(_, oid, _)| {
                            x509_parser::der_parser::oid::Oid::new(content(oid).into()).to_id_string().into()
                        })
                        .unwrap_or_default();
                    let (name, wants) = match oid.as_str() {
                        "1.2.840.113549.1.9.7" => ("challengePassword", "a valid DirectoryString, RFC 2985 5.4.1"),
                        "1.2.840.113549.1.9.2" => ("unstructuredName", "a valid string, RFC 2985 5.4.2"),
                        "1.2.840.113549.1.9.14" => ("extensionRequest", "a SEQUENCE of extensions, RFC 2985 5.4.2"),
                        other => (other, "the encoding its type defines"),
                    };
                    malformed.push(format!("{name} is not {wants} ({err})"));
                }
            }
        }
        let repaired = request(&kept);
        let (_, csr) = X509CertificationRequest::from_der(&repaired).ok()?;
        let mut parsed = Self::from_parsed(der, &csr);
        // The signature covers the request as signed, bad attributes included.
        parsed.signature_valid = crate::verification::check_signature(
            &csr.certification_request_info.subject_pki,
            &csr.signature_algorithm,
            &csr.signature_value,
            info,
        )
        .is_ok();
        parsed.malformed_attributes = malformed;
        Some(parsed)
    }

    fn from_parsed(der: &[u8], csr: &X509CertificationRequest<'_>) -> Self {
        let info = &csr.certification_request_info;
        let requested_extensions = info
            .iter_attributes()
            .filter_map(|attribute| match attribute.parsed_attribute() {
                x509_parser::cri_attributes::ParsedCriAttribute::ExtensionRequest(request) => {
                    Some(request.extensions.iter().map(ExtensionEntry::from_x509).collect::<Vec<_>>())
                }
                _ => None,
            })
            .flatten()
            .collect();
        Self {
            der: der.to_vec(),
            subject: DistinguishedName::from_x509(&info.subject),
            public_key: PublicKeyInfo::from_x509(&info.subject_pki),
            signature_algorithm: super::signature_algorithm(&csr.signature_algorithm),
            signature_valid: crate::verification::check_signature(
                &info.subject_pki,
                &csr.signature_algorithm,
                &csr.signature_value,
                info.raw,
            )
            .is_ok(),
            requested_extensions,
            sha256: super::sha256(der),
            malformed_attributes: Vec::new(),
        }
    }

    /// The CSR as PEM text.
    pub fn to_pem(&self) -> String {
        crate::load::to_pem("CERTIFICATE REQUEST", &self.der)
    }
}
