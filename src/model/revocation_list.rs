//! Certificate revocation lists (RFC 5280 section 5).

use time::OffsetDateTime;
use x509_parser::prelude::{CertificateRevocationList, FromDer};

use super::extensions::ExtensionEntry;
use super::names::DistinguishedName;

/// A parsed CRL.
#[derive(Clone, Debug, PartialEq)]
pub struct RevocationList {
    /// The DER, for saving and for checking its signature.
    pub der: Vec<u8>,
    /// Who issued it.
    pub issuer: DistinguishedName,
    /// thisUpdate.
    pub this_update: OffsetDateTime,
    /// nextUpdate: after it, the list is stale.
    pub next_update: Option<OffsetDateTime>,
    /// The CRL number (RFC 5280 5.2.3), decimal.
    pub number: Option<String>,
    /// The signature algorithm, by name.
    pub signature_algorithm: String,
    /// Each revoked certificate.
    pub revoked: Vec<RevokedEntry>,
    /// CRL extensions.
    pub extensions: Vec<ExtensionEntry>,
    /// SHA-256 of the DER.
    pub sha256: Vec<u8>,
}

/// One revoked certificate in a CRL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevokedEntry {
    /// Serial number, lowercase hex.
    pub serial: String,
    /// When it was revoked.
    pub revocation_date: OffsetDateTime,
    /// Reason code by name (RFC 5280 5.3.1), if given.
    pub reason: Option<String>,
}

/// RFC 5280 5.3.1 CRLReason names.
pub fn reason_name(code: u8) -> String {
    match code {
        0 => "unspecified",
        1 => "keyCompromise",
        2 => "cACompromise",
        3 => "affiliationChanged",
        4 => "superseded",
        5 => "cessationOfOperation",
        6 => "certificateHold",
        8 => "removeFromCRL",
        9 => "privilegeWithdrawn",
        10 => "aACompromise",
        other => return format!("reason {other}"),
    }
    .to_string()
}

impl RevocationList {
    /// Parses one DER CRL.
    pub fn from_der(der: &[u8]) -> Result<Self, String> {
        crate::load::expect_sequence(der)?;
        let (rest, crl) = CertificateRevocationList::from_der(der).map_err(|err| crate::load::der_error(der, &err))?;
        let der = &der[..der.len() - rest.len()];
        Ok(Self {
            der: der.to_vec(),
            issuer: DistinguishedName::from_x509(crl.issuer()),
            this_update: crl.last_update().to_datetime(),
            next_update: crl.next_update().map(|t| t.to_datetime()),
            number: crl.crl_number().map(|n| n.to_string()),
            signature_algorithm: super::signature_algorithm(&crl.signature_algorithm),
            revoked: crl
                .iter_revoked_certificates()
                .map(|entry| RevokedEntry {
                    serial: super::serial_hex(entry.raw_serial()),
                    revocation_date: entry.revocation_date.to_datetime(),
                    reason: entry.reason_code().map(|(_, code)| reason_name(code.0)),
                })
                .collect(),
            extensions: crl.extensions().iter().map(ExtensionEntry::from_x509).collect(),
            sha256: super::sha256(der),
        })
    }

    /// Whether the list is past its nextUpdate at `now`.
    pub fn is_stale_at(&self, now: OffsetDateTime) -> bool {
        self.next_update.is_some_and(|next| now > next)
    }

    /// The CRL as PEM text.
    pub fn to_pem(&self) -> String {
        crate::load::to_pem("X509 CRL", &self.der)
    }
}
