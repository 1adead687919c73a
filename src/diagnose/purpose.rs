//! Purposes: what a certificate is judged for, and the key usage and extended key usage each
//! one needs (RFC 5280 4.2.1.3 and 4.2.1.12, with the purpose's own rulebook).

use crate::model::{Certificate, Extension};

pub use crate::trust::Purpose;

/// Every purpose, in the order a choice lists them.
const ALL: [Purpose; 7] = [
    Purpose::Server,
    Purpose::Client,
    Purpose::CodeSigning,
    Purpose::Email,
    Purpose::Ocsp,
    Purpose::TimeStamping,
    Purpose::Ipsec,
];

const ANY_EKU: &str = "2.5.29.37.0";

impl Purpose {
    /// Every purpose.
    pub fn all() -> &'static [Purpose] {
        &ALL
    }

    /// `server`, `client`, `codesigning`, `email`, `ocsp`, `timestamping`, `ipsec`: the flag's value.
    pub fn key(self) -> &'static str {
        match self {
            Self::Server => "server",
            Self::Client => "client",
            Self::CodeSigning => "codesigning",
            Self::Email => "email",
            Self::Ocsp => "ocsp",
            Self::TimeStamping => "timestamping",
            Self::Ipsec => "ipsec",
        }
    }

    /// The flag's value back.
    pub fn from_key(key: &str) -> Option<Self> {
        ALL.into_iter().find(|p| p.key() == key)
    }

    /// "TLS server", "code signing": for choices and sentences.
    pub fn words(self) -> &'static str {
        match self {
            Self::Server => "TLS server",
            Self::Client => "TLS client",
            Self::CodeSigning => "code signing",
            Self::Email => "S/MIME email",
            Self::Ocsp => "OCSP signing",
            Self::TimeStamping => "time stamping",
            Self::Ipsec => "IPsec",
        }
    }

    /// The extended key usage it needs, dotted.
    pub fn eku_oid(self) -> &'static str {
        match self {
            Self::Server => "1.3.6.1.5.5.7.3.1",
            Self::Client => "1.3.6.1.5.5.7.3.2",
            Self::CodeSigning => "1.3.6.1.5.5.7.3.3",
            Self::Email => "1.3.6.1.5.5.7.3.4",
            Self::TimeStamping => "1.3.6.1.5.5.7.3.8",
            Self::Ocsp => "1.3.6.1.5.5.7.3.9",
            Self::Ipsec => "1.3.6.1.5.5.7.3.17",
        }
    }

    /// Must the EKU extension be present and name the purpose? RFC 6960 4.2.2.2 (OCSP),
    /// RFC 3161 2.3 (time stamping) and CSBR 7.1.2.3 (code signing) say so; for the others an
    /// absent EKU means any purpose (RFC 5280 4.2.1.12).
    pub fn eku_required(self) -> bool {
        matches!(self, Self::Ocsp | Self::TimeStamping | Self::CodeSigning)
    }

    /// What a leaf's EKU says it is for: the first of server, code signing, email, client,
    /// OCSP, time stamping, IPsec it names; server when it names none of them.
    pub fn of_leaf(certificate: &Certificate) -> Self {
        let Some(usages) = ekus(certificate) else { return Self::Server };
        [Self::Server, Self::CodeSigning, Self::Email, Self::Client, Self::Ocsp, Self::TimeStamping, Self::Ipsec]
            .into_iter()
            .find(|p| usages.iter().any(|u| u == p.eku_oid()))
            .unwrap_or(Self::Server)
    }

    /// Why the leaf's key usage or extended key usage does not allow this purpose, if it does not.
    pub fn leaf_mismatch(self, certificate: &Certificate) -> Option<String> {
        match ekus(certificate) {
            None if self.eku_required() => {
                return Some(format!(
                    "it has no extended key usage, and {} needs id-kp-{} in it",
                    self.words(),
                    eku_short(self)
                ));
            }
            Some(list) if !list.iter().any(|u| u == self.eku_oid() || u == ANY_EKU) => {
                let named: Vec<String> = list.iter().map(|oid| eku_name(oid)).collect();
                return Some(format!(
                    "its extended key usage allows {}, not {}",
                    if named.is_empty() { "nothing".to_string() } else { named.join(", ") },
                    self.words()
                ));
            }
            _ => {}
        }
        let bits = key_usage(certificate)?;
        let has = |bit: &str| bits.iter().any(|b| b == bit);
        let rsa = certificate.public_key.algorithm.starts_with("RSA");
        let allowed: &[&str] = match self {
            // RFC 5246 7.4.2 / RFC 8446 4.4.2: a signature, or RSA key transport (TLS 1.2).
            Self::Server if rsa => &["Digital signature", "Key encipherment"],
            Self::Server => &["Digital signature", "Key agreement"],
            Self::Email if rsa => &["Digital signature", "Key encipherment", "Non-repudiation (content commitment)"],
            Self::Email => &["Digital signature", "Key agreement", "Non-repudiation (content commitment)"],
            Self::TimeStamping | Self::Ipsec => &["Digital signature", "Non-repudiation (content commitment)"],
            Self::Client | Self::CodeSigning | Self::Ocsp => &["Digital signature"],
        };
        (!allowed.iter().any(|bit| has(bit))).then(|| {
            format!(
                "its key usage ({}) has none of {}, which {} needs",
                if bits.is_empty() { "no bits".to_string() } else { bits.join(", ") },
                allowed.join(" or "),
                self.words()
            )
        })
    }

    /// Why a CA's EKU, when it has one, does not allow this purpose below it (browsers and
    /// Windows treat an EKU in a CA as a constraint on what it may issue).
    pub fn ca_mismatch(self, ca: &Certificate) -> Option<String> {
        let list = ekus(ca)?;
        (!list.iter().any(|u| u == self.eku_oid() || u == ANY_EKU)).then(|| {
            let named: Vec<String> = list.iter().map(|oid| eku_name(oid)).collect();
            format!(
                "the CA '{}' limits what it issues to {} by its extended key usage, not {}",
                ca.display_name(),
                named.join(", "),
                self.words()
            )
        })
    }
}

/// The EKU OIDs, dotted, when the extension is present.
pub(crate) fn ekus(certificate: &Certificate) -> Option<Vec<String>> {
    certificate.extensions.iter().find_map(|e| match &e.value {
        Extension::ExtendedKeyUsage(list) => Some(list.iter().map(|u| eku_oid_of(u)).collect()),
        _ => None,
    })
}

/// The key usage bits by name, when the extension is present.
pub(crate) fn key_usage(certificate: &Certificate) -> Option<Vec<String>> {
    certificate.extensions.iter().find_map(|e| match &e.value {
        Extension::KeyUsage(bits) => Some(bits.clone()),
        _ => None,
    })
}

/// The model names known EKUs ("TLS web server authentication"): back to the OID.
fn eku_oid_of(shown: &str) -> String {
    const KNOWN: [&str; 22] = [
        "2.5.29.37.0",
        "1.3.6.1.5.5.7.3.1",
        "1.3.6.1.5.5.7.3.2",
        "1.3.6.1.5.5.7.3.3",
        "1.3.6.1.5.5.7.3.4",
        "1.3.6.1.5.5.7.3.5",
        "1.3.6.1.5.5.7.3.6",
        "1.3.6.1.5.5.7.3.7",
        "1.3.6.1.5.5.7.3.8",
        "1.3.6.1.5.5.7.3.9",
        "1.3.6.1.5.5.7.3.17",
        "1.3.6.1.5.5.7.3.36",
        "1.3.6.1.5.2.3.4",
        "1.3.6.1.5.2.3.5",
        "1.3.6.1.4.1.311.10.3.3",
        "1.3.6.1.4.1.311.10.3.4",
        "1.3.6.1.4.1.311.10.3.12",
        "1.3.6.1.4.1.311.20.2.2",
        "1.3.6.1.4.1.311.2.1.21",
        "1.3.6.1.4.1.311.2.1.22",
        "2.16.840.1.113730.4.1",
        "1.3.6.1.4.1.11129.2.4.4",
    ];
    KNOWN
        .into_iter()
        .find(|oid| crate::model::names::extended_key_usage_name(oid) == Some(shown))
        .map_or_else(|| shown.to_string(), str::to_string)
}

fn eku_name(oid: &str) -> String {
    crate::model::names::extended_key_usage_name(oid).map_or_else(|| oid.to_string(), str::to_string)
}

fn eku_short(purpose: Purpose) -> &'static str {
    match purpose {
        Purpose::Server => "serverAuth",
        Purpose::Client => "clientAuth",
        Purpose::CodeSigning => "codeSigning",
        Purpose::Email => "emailProtection",
        Purpose::Ocsp => "OCSPSigning",
        Purpose::TimeStamping => "timeStamping",
        Purpose::Ipsec => "ipsecIKE",
    }
}
