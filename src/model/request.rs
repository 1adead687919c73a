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
}

impl CertificateRequest {
    /// Parses one DER CSR.
    pub fn from_der(der: &[u8]) -> Result<Self, String> {
        crate::load::expect_sequence(der)?;
        let (rest, csr) = X509CertificationRequest::from_der(der).map_err(|err| crate::load::der_error(der, &err))?;
        let der = &der[..der.len() - rest.len()];
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
        Ok(Self {
            der: der.to_vec(),
            subject: DistinguishedName::from_x509(&info.subject),
            public_key: PublicKeyInfo::from_x509(&info.subject_pki),
            signature_algorithm: super::signature_algorithm(&csr.signature_algorithm),
            signature_valid: csr.verify_signature().is_ok(),
            requested_extensions,
            sha256: super::sha256(der),
        })
    }

    /// The CSR as PEM text.
    pub fn to_pem(&self) -> String {
        crate::load::to_pem("CERTIFICATE REQUEST", &self.der)
    }
}
