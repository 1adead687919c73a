//! A certificate as people read it: every field owned and named.

use time::OffsetDateTime;
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::public_key::PublicKey;
use x509_parser::x509::SubjectPublicKeyInfo;

use super::extensions::{Extension, ExtensionEntry};
use super::names::{self, DistinguishedName, hex_colons};

/// A parsed certificate.
#[derive(Clone, Debug, PartialEq)]
pub struct Certificate {
    /// The certificate's DER, for saving and for checking signatures.
    pub der: Vec<u8>,
    /// X.509 version, 1 to 3.
    pub version: u32,
    /// The serial number, lowercase hex without the sign octet.
    pub serial: String,
    /// Subject.
    pub subject: DistinguishedName,
    /// Issuer.
    pub issuer: DistinguishedName,
    /// Start of validity.
    pub not_before: OffsetDateTime,
    /// End of validity.
    pub not_after: OffsetDateTime,
    /// The subject's public key.
    pub public_key: PublicKeyInfo,
    /// The issuer's signature algorithm, by name.
    pub signature_algorithm: String,
    /// SHA-1 of the DER.
    pub sha1: Vec<u8>,
    /// SHA-256 of the DER.
    pub sha256: Vec<u8>,
    /// Every extension, in order.
    pub extensions: Vec<ExtensionEntry>,
    /// Subject and issuer names are equal and the certificate's own key verifies its signature.
    pub self_signed: bool,
}

/// A public key as shown: algorithm, size, curve, SPKI digest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicKeyInfo {
    /// `RSA`, `EC`, `Ed25519`, ... or the OID.
    pub algorithm: String,
    /// Size in bits (RSA modulus, curve size, 256 for Ed25519).
    pub bits: Option<u32>,
    /// Named curve, for EC keys.
    pub curve: Option<String>,
    /// RSA public exponent.
    pub exponent: Option<u64>,
    /// SHA-256 of the SubjectPublicKeyInfo (the value pinned by HPKP-style pins).
    pub spki_sha256: Vec<u8>,
    /// The DER of the SubjectPublicKeyInfo, to verify signatures with.
    pub spki_der: Vec<u8>,
    /// The subjectPublicKey bits: what a private key is compared with.
    pub key_bytes: Vec<u8>,
}

/// Where a certificate stands at a given time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ValidityStatus {
    /// Within notBefore..=notAfter.
    Valid,
    /// Past notAfter.
    Expired,
    /// Before notBefore.
    NotYetValid,
}

/// What a certificate is for, from its extended key usage, key usage and basic constraints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    /// May issue certificates.
    Ca,
    /// HTTPS and other TLS servers.
    TlsServer,
    /// TLS client certificates (enterprise logins, VPNs, mTLS).
    TlsClient,
    /// Signing software.
    CodeSigning,
    /// S/MIME email.
    Email,
    /// Signing OCSP responses for its issuer.
    OcspSigning,
    /// RFC 3161 time stamping.
    TimeStamping,
    /// No extended key usage, or anyExtendedKeyUsage: any purpose the key usage allows.
    Any,
}

impl Purpose {
    /// A stable identifier for tools (`tls_server`): the JSON report's `purposes`.
    pub fn id(self) -> &'static str {
        match self {
            Self::Ca => "ca",
            Self::TlsServer => "tls_server",
            Self::TlsClient => "tls_client",
            Self::CodeSigning => "code_signing",
            Self::Email => "email",
            Self::OcspSigning => "ocsp_signing",
            Self::TimeStamping => "time_stamping",
            Self::Any => "any",
        }
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Ca => "Certificate authority",
            Self::TlsServer => "TLS server",
            Self::TlsClient => "TLS client",
            Self::CodeSigning => "Code signing",
            Self::Email => "Email (S/MIME)",
            Self::OcspSigning => "OCSP signing",
            Self::TimeStamping => "Time stamping",
            Self::Any => "Any purpose (no extended key usage)",
        }
    }
}

impl Certificate {
    /// Parses one DER certificate. Trailing bytes (OpenSSL's `TRUSTED CERTIFICATE` aux data) are ignored.
    pub fn from_der(der: &[u8]) -> Result<Self, String> {
        crate::load::expect_sequence(der)?;
        let (rest, cert) = X509Certificate::from_der(der).map_err(|err| crate::load::der_error(der, &err))?;
        let used = &der[..der.len() - rest.len()];
        Ok(Self::from_x509(&cert, used))
    }

    pub(crate) fn from_x509(cert: &X509Certificate<'_>, der: &[u8]) -> Self {
        let subject = DistinguishedName::from_x509(cert.subject());
        let issuer = DistinguishedName::from_x509(cert.issuer());
        // RFC 5280 6.1: a self-issued certificate; "self-signed" also needs its own key to verify it.
        let self_signed = subject.der == issuer.der
            && crate::load::check_signed_envelope(der).is_ok()
            && crate::verification::check_signature(
                cert.public_key(),
                &cert.signature_algorithm,
                &cert.signature_value,
                cert.tbs_certificate.as_ref(),
            )
            .is_ok();
        Self {
            der: der.to_vec(),
            version: cert.version().0 + 1,
            serial: super::serial_hex(cert.raw_serial()),
            subject,
            issuer,
            not_before: cert.validity().not_before.to_datetime(),
            not_after: cert.validity().not_after.to_datetime(),
            public_key: PublicKeyInfo::from_x509(cert.public_key()),
            signature_algorithm: super::signature_algorithm(&cert.signature_algorithm),
            sha1: super::sha1(der),
            sha256: super::sha256(der),
            extensions: cert.extensions().iter().map(ExtensionEntry::from_x509).collect(),
            self_signed,
        }
    }

    /// A short name for lists: the subject's CN, else O, else the first SAN, else the DN.
    pub fn display_name(&self) -> String {
        if self.subject.first("CN").is_none()
            && let Some(first) = self.subject_alt_names().first()
        {
            return first.clone();
        }
        self.subject.display_name().to_string()
    }

    /// The first extension of a kind.
    fn find<T>(&self, pick: impl Fn(&Extension) -> Option<T>) -> Option<T> {
        self.extensions.iter().find_map(|entry| pick(&entry.value))
    }

    /// Subject alternative names as `DNS:…`, `IP:…`, `email:…`, `URI:…`.
    pub fn subject_alt_names(&self) -> Vec<String> {
        self.find(|e| match e {
            Extension::SubjectAltName(list) => Some(list.iter().map(|n| n.tagged()).collect()),
            _ => None,
        })
        .unwrap_or_default()
    }

    /// basicConstraints cA (RFC 5280 4.2.1.9); a v1 certificate is never a CA by this rule.
    pub fn is_ca(&self) -> bool {
        self.find(|e| match e {
            Extension::BasicConstraints { ca, .. } => Some(*ca),
            _ => None,
        })
        .unwrap_or(false)
    }

    /// The subject key identifier's bytes, as `AB:CD:…`.
    pub fn subject_key_id(&self) -> Option<&str> {
        self.extensions.iter().find_map(|e| match &e.value {
            Extension::SubjectKeyId(id) => Some(id.as_str()),
            _ => None,
        })
    }

    /// The authority key identifier's key ID, as `AB:CD:…`.
    pub fn authority_key_id(&self) -> Option<&str> {
        self.extensions.iter().find_map(|e| match &e.value {
            Extension::AuthorityKeyId { key_id: Some(id), .. } => Some(id.as_str()),
            _ => None,
        })
    }

    /// OCSP responder URLs from authority information access.
    pub fn ocsp_urls(&self) -> Vec<String> {
        self.find(|e| match e {
            Extension::AuthorityInfoAccess { ocsp, .. } => Some(ocsp.clone()),
            _ => None,
        })
        .unwrap_or_default()
    }

    /// CA issuer URLs (where the issuer's certificate can be fetched).
    pub fn ca_issuers_urls(&self) -> Vec<String> {
        self.find(|e| match e {
            Extension::AuthorityInfoAccess { ca_issuers, .. } => Some(ca_issuers.clone()),
            _ => None,
        })
        .unwrap_or_default()
    }

    /// The caIssuers URL to name to people: the first that names a server (a Windows CA writes
    /// its domain's host-less ldap:/// first), else the first.
    pub fn issuer_url(&self) -> Option<String> {
        let urls = self.ca_issuers_urls();
        urls.iter().find(|u| !crate::net::ldap::is_host_less(u)).or(urls.first()).cloned()
    }

    /// CRL distribution point URLs.
    pub fn crl_urls(&self) -> Vec<String> {
        self.find(|e| match e {
            Extension::CrlDistributionPoints(list) => Some(super::extensions::uris(list)),
            _ => None,
        })
        .unwrap_or_default()
    }

    /// The CRL issuers its distribution points name (cRLIssuer, RFC 5280 4.2.1.13): each
    /// directoryName's Name DER. An indirect CRL from one of them may answer for it. Read from
    /// the DER when asked (only indirect CRLs ask).
    pub fn crl_issuer_names(&self) -> Vec<Vec<u8>> {
        use x509_parser::extensions::{GeneralName as Name, ParsedExtension};
        let Ok((_, parsed)) = x509_parser::certificate::X509Certificate::from_der(&self.der) else { return Vec::new() };
        parsed
            .extensions()
            .iter()
            .filter_map(|e| match e.parsed_extension() {
                ParsedExtension::CRLDistributionPoints(points) => Some(points),
                _ => None,
            })
            .flat_map(|points| points.iter())
            .flat_map(|point| point.crl_issuer.iter().flatten())
            .filter_map(|name| match name {
                Name::DirectoryName(name) => Some(name.as_raw().to_vec()),
                _ => None,
            })
            .collect()
    }

    /// Where delta CRLs for it are published (its Freshest CRL extension, RFC 5280 4.2.1.15).
    pub fn freshest_urls(&self) -> Vec<String> {
        self.find(|e| match e {
            Extension::FreshestCrl(list) => Some(super::extensions::uris(list)),
            _ => None,
        })
        .unwrap_or_default()
    }

    /// True when the TLS feature extension asks for a stapled OCSP response (RFC 7633).
    pub fn must_staple(&self) -> bool {
        self.find(|e| match e {
            Extension::TlsFeature(features) => Some(features.contains(&5)),
            _ => None,
        })
        .unwrap_or(false)
    }

    /// What the certificate is for: from EKU (RFC 5280 4.2.1.12), else "any"; CA from basic constraints.
    pub fn purposes(&self) -> Vec<Purpose> {
        let mut purposes = Vec::new();
        // A v1 root has no basic constraints; trust stores still hold a few.
        if self.is_ca() || (self.version < 3 && self.self_signed) {
            purposes.push(Purpose::Ca);
        }
        let usages = self.find(|e| match e {
            Extension::ExtendedKeyUsage(list) => Some(list.clone()),
            _ => None,
        });
        match usages {
            None if purposes.is_empty() => purposes.push(Purpose::Any),
            None => {}
            Some(list) => {
                let table = [
                    ("1.3.6.1.5.5.7.3.1", Purpose::TlsServer),
                    ("1.3.6.1.5.5.7.3.2", Purpose::TlsClient),
                    ("1.3.6.1.5.5.7.3.3", Purpose::CodeSigning),
                    ("1.3.6.1.5.5.7.3.4", Purpose::Email),
                    ("1.3.6.1.5.5.7.3.9", Purpose::OcspSigning),
                    ("1.3.6.1.5.5.7.3.8", Purpose::TimeStamping),
                    ("2.5.29.37.0", Purpose::Any),
                ];
                for (oid, purpose) in table {
                    let name = names::extended_key_usage_name(oid).unwrap_or(oid);
                    if list.iter().any(|u| u == name) {
                        purposes.push(purpose);
                    }
                }
            }
        }
        purposes
    }

    /// Where `now` falls in the validity period.
    pub fn validity_at(&self, now: OffsetDateTime) -> ValidityStatus {
        if now < self.not_before {
            ValidityStatus::NotYetValid
        } else if now > self.not_after {
            ValidityStatus::Expired
        } else {
            ValidityStatus::Valid
        }
    }

    /// Serial as `0A:1B:…` for people.
    pub fn serial_colons(&self) -> String {
        let bytes = data_encoding::HEXLOWER_PERMISSIVE.decode(self.serial.as_bytes()).unwrap_or_default();
        hex_colons(&bytes)
    }

    /// The certificate as PEM text.
    pub fn to_pem(&self) -> String {
        crate::load::to_pem("CERTIFICATE", &self.der)
    }

    /// Checks this certificate's signature with another certificate's public key.
    pub fn is_signed_by(&self, issuer: &Certificate) -> Result<(), String> {
        self.is_signed_by_key(&issuer.public_key.spki_der)
    }

    /// Checks this certificate's signature with a SubjectPublicKeyInfo (DER): a trust anchor's key.
    pub fn is_signed_by_key(&self, spki_der: &[u8]) -> Result<(), String> {
        crate::load::check_signed_envelope(&self.der)?;
        let (_, cert) = X509Certificate::from_der(&self.der).map_err(|e| e.to_string())?;
        let (_, spki) = SubjectPublicKeyInfo::from_der(spki_der).map_err(|e| e.to_string())?;
        let tbs = cert.tbs_certificate.as_ref();
        crate::verification::check_signature(&spki, &cert.signature_algorithm, &cert.signature_value, tbs).map_err(
            |err| match err {
                x509_parser::error::X509Error::SignatureUnsupportedAlgorithm => {
                    format!("the signature algorithm {} is not supported for verification", self.signature_algorithm)
                }
                _ => "the signature does not verify".to_string(),
            },
        )
    }
}

impl PublicKeyInfo {
    pub(crate) fn from_x509(spki: &SubjectPublicKeyInfo<'_>) -> Self {
        let oid = spki.algorithm.algorithm.to_id_string();
        let algorithm = names::key_algorithm_name(&oid).map_or_else(|| oid.clone(), str::to_string);
        let (mut bits, mut curve, mut exponent) = (None, None, None);
        match oid.as_str() {
            "1.2.840.10045.2.1" => {
                let curve_oid =
                    spki.algorithm.parameters.as_ref().and_then(|p| p.as_oid().ok()).map(|o| o.to_id_string());
                if let Some(curve_oid) = curve_oid {
                    match names::curve_name(&curve_oid) {
                        Some((name, size)) => (curve, bits) = (Some(name.to_string()), Some(size)),
                        None => curve = Some(curve_oid),
                    }
                }
            }
            "1.3.101.112" | "1.3.101.110" => bits = Some(256),
            "1.3.101.113" => bits = Some(456),
            "1.3.101.111" => bits = Some(448),
            _ => {
                if let Ok(PublicKey::RSA(rsa)) = spki.parsed() {
                    // The modulus' exact bit length (a 2047-bit key is not a 2048-bit one).
                    let modulus = match rsa.modulus {
                        [0, rest @ ..] => rest,
                        all => all,
                    };
                    bits = modulus.first().map(|top| (modulus.len() as u32 - 1) * 8 + (8 - top.leading_zeros()));
                    exponent = rsa.try_exponent().ok();
                } else if let Ok(key) = spki.parsed() {
                    bits = u32::try_from(key.key_size()).ok().filter(|&b| b > 0);
                }
            }
        }
        Self {
            algorithm,
            bits,
            curve,
            exponent,
            spki_sha256: super::sha256(spki.raw),
            spki_der: spki.raw.to_vec(),
            key_bytes: spki.subject_public_key.data.to_vec(),
        }
    }

    /// `RSA 2048 bits`, `EC P-256`, `Ed25519`.
    pub fn summary(&self) -> String {
        super::names::key_summary(&self.algorithm, self.bits, self.curve.as_deref())
    }
}
