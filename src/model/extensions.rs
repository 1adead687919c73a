//! Extensions, decoded into owned values: one bad extension never drops its certificate.

use time::OffsetDateTime;
use x509_parser::extensions::{DistributionPointName, GeneralName as X509GeneralName, ParsedExtension, X509Extension};

use super::names::{self, hex, hex_colons};
use super::time::rfc3339;

/// One extension with its criticality, as certscope shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ExtensionEntry {
    /// Dotted OID.
    pub oid: std::borrow::Cow<'static, str>,
    /// Name for people (the table's own text), or the OID when unknown.
    pub name: std::borrow::Cow<'static, str>,
    /// RFC 5280 4.2: a critical extension the verifier does not know makes the certificate unusable.
    pub critical: bool,
    /// The decoded value.
    pub value: Extension,
}

/// A general name (RFC 5280 4.2.1.6).
#[derive(Clone, Debug, PartialEq, Eq)]
#[allow(missing_docs)] // variant fields are named as the RFC names them; each variant is documented
pub enum GeneralName {
    /// A DNS name.
    Dns(String),
    /// An IPv4 or IPv6 address (or a network and mask in name constraints).
    Ip(String),
    /// An email address (rfc822Name).
    Email(String),
    /// A URI.
    Uri(String),
    /// A directory name (a DN).
    Directory(String),
    /// An otherName: its type OID and the value as hex (UPN, etc.).
    Other { oid: String, value: String },
    /// A registered OID.
    RegisteredId(String),
    /// Anything else, or an undecodable entry.
    Unsupported(String),
}

impl GeneralName {
    /// `DNS:www.example.test`, as OpenSSL prints it.
    pub fn tagged(&self) -> String {
        match self {
            Self::Dns(v) => format!("DNS:{v}"),
            Self::Ip(v) => format!("IP:{v}"),
            Self::Email(v) => format!("email:{v}"),
            Self::Uri(v) => format!("URI:{v}"),
            Self::Directory(v) => format!("DirName:{v}"),
            Self::Other { oid, value } => format!("othername:{oid}:{value}"),
            Self::RegisteredId(v) => format!("Registered ID:{v}"),
            Self::Unsupported(v) => v.clone(),
        }
    }

    pub(crate) fn from_x509(name: &X509GeneralName<'_>) -> Self {
        match name {
            X509GeneralName::DNSName(v) => Self::Dns(v.to_string()),
            X509GeneralName::RFC822Name(v) => Self::Email(v.to_string()),
            X509GeneralName::URI(v) => Self::Uri(v.to_string()),
            X509GeneralName::IPAddress(bytes) => Self::Ip(ip_text(bytes)),
            X509GeneralName::DirectoryName(dn) => Self::Directory(super::DistinguishedName::from_x509(dn).text),
            X509GeneralName::OtherName(oid, value) => Self::Other {
                oid: other_name_label(&oid.to_id_string()),
                value: other_name_text(value).unwrap_or_else(|| hex(value)),
            },
            X509GeneralName::RegisteredID(oid) => Self::RegisteredId(oid.to_id_string()),
            X509GeneralName::X400Address(_) => Self::Unsupported("X400Address".into()),
            X509GeneralName::EDIPartyName(_) => Self::Unsupported("EDIPartyName".into()),
            X509GeneralName::Invalid(tag, bytes) => {
                Self::Unsupported(format!("invalid entry (tag {}): {}", tag.0, hex(bytes)))
            }
        }
    }
}

fn other_name_label(oid: &str) -> String {
    match oid {
        // Microsoft's User Principal Name: what Windows smart-card logon matches to an account.
        "1.3.6.1.4.1.311.20.2.3" => "UPN".into(),
        "1.3.6.1.5.5.7.8.9" => "SmtpUTF8Mailbox".into(),
        _ => oid.to_string(),
    }
}

/// RFC 5280 4.2.1.6: `value [0] EXPLICIT ANY`; UPN and SmtpUTF8Mailbox hold a UTF8String.
fn other_name_text(value: &[u8]) -> Option<String> {
    use x509_parser::der_parser::ber::BerObjectContent;
    let (_, wrapper) = x509_parser::der_parser::parse_der(value).ok()?;
    let inner = match &wrapper.content {
        BerObjectContent::Unknown(any) => any.data,
        _ => return None,
    };
    let (_, string) = x509_parser::der_parser::parse_der(inner).ok()?;
    string.as_str().ok().map(str::to_string)
}

fn ip_text(bytes: &[u8]) -> String {
    match bytes.len() {
        4 => std::net::Ipv4Addr::new(bytes[0], bytes[1], bytes[2], bytes[3]).to_string(),
        16 => {
            let mut octets = [0u8; 16];
            octets.copy_from_slice(bytes);
            std::net::Ipv6Addr::from(octets).to_string()
        }
        // Name constraints carry address and mask together (RFC 5280 4.2.1.10).
        8 => format!("{}/{}", ip_text(&bytes[..4]), ip_text(&bytes[4..])),
        32 => format!("{}/{}", ip_text(&bytes[..16]), ip_text(&bytes[16..])),
        _ => format!("(malformed address {})", hex(bytes)),
    }
}

/// A policy with its qualifiers (RFC 5280 4.2.1.4).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// Dotted OID.
    pub oid: String,
    /// Known name (`Domain Validated (DV) TLS`).
    pub name: Option<String>,
    /// CPS URIs.
    pub cps: Vec<String>,
}

/// A signed certificate timestamp (RFC 6962 3.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sct {
    /// The log's ID, base64, as logs publish it.
    pub log_id: String,
    /// When the log saw the certificate.
    pub timestamp: String,
    /// The log and its operator, when the vendored CT log list names it:
    /// `Google 'Argon2026h1' log (Google)`.
    pub log: Option<String>,
}

/// An extension's value, decoded.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)] // variant fields are named as the RFC names them; each variant is documented
pub enum Extension {
    /// RFC 5280 4.2.1.9.
    BasicConstraints { ca: bool, path_len: Option<u32> },
    /// RFC 5280 4.2.1.3: the names of the bits set.
    KeyUsage(Vec<String>),
    /// RFC 5280 4.2.1.12: each usage by name, or its OID.
    ExtendedKeyUsage(Vec<String>),
    /// RFC 5280 4.2.1.6.
    SubjectAltName(Vec<GeneralName>),
    /// RFC 5280 4.2.1.7.
    IssuerAltName(Vec<GeneralName>),
    /// RFC 5280 4.2.1.2.
    SubjectKeyId(String),
    /// RFC 5280 4.2.1.1.
    AuthorityKeyId { key_id: Option<String>, issuer: Vec<GeneralName>, serial: Option<String> },
    /// RFC 5280 4.2.2.1.
    AuthorityInfoAccess { ocsp: Vec<String>, ca_issuers: Vec<String>, other: Vec<String> },
    /// RFC 5280 4.2.2.2.
    SubjectInfoAccess(Vec<String>),
    /// RFC 5280 4.2.1.13: each point's names.
    CrlDistributionPoints(Vec<GeneralName>),
    /// RFC 5280 4.2.1.4.
    CertificatePolicies(Vec<Policy>),
    /// RFC 5280 4.2.1.10.
    NameConstraints { permitted: Vec<GeneralName>, excluded: Vec<GeneralName> },
    /// RFC 5280 4.2.1.11.
    PolicyConstraints { require_explicit_policy: Option<u32>, inhibit_policy_mapping: Option<u32> },
    /// RFC 5280 4.2.1.5: issuer domain policy -> subject domain policy.
    PolicyMappings(Vec<(String, String)>),
    /// RFC 5280 4.2.1.14.
    InhibitAnyPolicy(u32),
    /// RFC 7633: the TLS extensions the server must offer; 5 = status_request (must-staple).
    TlsFeature(Vec<u64>),
    /// RFC 6962 3.3.
    SctList(Vec<Sct>),
    /// RFC 6962 3.1: a precertificate, not for use.
    PrecertificatePoison,
    /// RFC 6960 4.2.2.2.1: the responder's own certificate is not checked for revocation.
    OcspNoCheck,
    /// A CRL number (RFC 5280 5.2.3).
    CrlNumber(String),
    /// A delta CRL's base CRL number (RFC 5280 5.2.4): it lists the changes since that CRL.
    DeltaCrlIndicator(String),
    /// Where delta CRLs are published (RFC 5280 4.2.1.15, 5.2.6): each point's names.
    FreshestCrl(Vec<GeneralName>),
    /// A CRL's scope (RFC 5280 5.2.5).
    IssuingDistributionPoint(CrlScope),
    /// Netscape comment.
    Comment(String),
    /// Known to nobody here: the raw value.
    Unknown { der: String },
    /// Present but not decodable: the error, and the raw value.
    Malformed { error: String, der: String },
}

/// A CRL's issuing distribution point (RFC 5280 5.2.5): the distribution point it is for, and
/// which certificates and reasons it covers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CrlScope {
    /// The distribution point's names (empty: any).
    pub point: Vec<GeneralName>,
    /// onlyContainsUserCerts.
    pub only_user: bool,
    /// onlyContainsCACerts.
    pub only_ca: bool,
    /// onlyContainsAttributeCerts.
    pub only_attribute: bool,
    /// onlySomeReasons, in words.
    pub only_some_reasons: Option<String>,
    /// indirectCRL: it may list other issuers' certificates.
    pub indirect: bool,
}

impl Extension {
    /// The value as lines of text for people; the JSON `value` joins them with "; ".
    pub fn lines(&self) -> Vec<String> {
        let names = |list: &[GeneralName]| list.iter().map(GeneralName::tagged).collect::<Vec<_>>();
        match self {
            Self::BasicConstraints { ca, path_len } => vec![match (ca, path_len) {
                (true, Some(n)) => format!("CA: yes, at most {n} intermediate CA(s) below"),
                (true, None) => "CA: yes, no path length limit".into(),
                (false, _) => "CA: no (end entity)".into(),
            }],
            Self::KeyUsage(bits) | Self::ExtendedKeyUsage(bits) => bits.clone(),
            Self::SubjectAltName(list)
            | Self::IssuerAltName(list)
            | Self::CrlDistributionPoints(list)
            | Self::FreshestCrl(list) => names(list),
            Self::SubjectKeyId(id) => vec![id.clone()],
            Self::AuthorityKeyId { key_id, issuer, serial } => {
                let mut lines = Vec::new();
                if let Some(id) = key_id {
                    lines.push(format!("Key ID: {id}"));
                }
                lines.extend(names(issuer).into_iter().map(|n| format!("Issuer: {n}")));
                if let Some(serial) = serial {
                    lines.push(format!("Serial: {serial}"));
                }
                lines
            }
            Self::AuthorityInfoAccess { ocsp, ca_issuers, other } => ocsp
                .iter()
                .map(|u| format!("OCSP: {u}"))
                .chain(ca_issuers.iter().map(|u| format!("CA issuers: {u}")))
                .chain(other.iter().cloned())
                .collect(),
            Self::SubjectInfoAccess(list) => list.clone(),
            Self::CertificatePolicies(policies) => policies
                .iter()
                .flat_map(|p| {
                    let head = match &p.name {
                        Some(name) => format!("{name} ({})", p.oid),
                        None => p.oid.clone(),
                    };
                    std::iter::once(head).chain(p.cps.iter().map(|u| format!("  CPS: {u}")))
                })
                .collect(),
            Self::NameConstraints { permitted, excluded } => names(permitted)
                .into_iter()
                .map(|n| format!("Permitted: {n}"))
                .chain(names(excluded).into_iter().map(|n| format!("Excluded: {n}")))
                .collect(),
            Self::PolicyConstraints { require_explicit_policy, inhibit_policy_mapping } => {
                let mut lines = Vec::new();
                if let Some(n) = require_explicit_policy {
                    lines.push(format!("Require explicit policy: {n}"));
                }
                if let Some(n) = inhibit_policy_mapping {
                    lines.push(format!("Inhibit policy mapping: {n}"));
                }
                lines
            }
            Self::PolicyMappings(maps) => maps.iter().map(|(a, b)| format!("{a} -> {b}")).collect(),
            Self::InhibitAnyPolicy(n) => vec![format!("Skip certs: {n}")],
            Self::TlsFeature(features) => features
                .iter()
                .map(|f| match f {
                    5 => "status_request (OCSP must-staple)".to_string(),
                    17 => "status_request_v2".to_string(),
                    n => format!("TLS extension {n}"),
                })
                .collect(),
            Self::SctList(scts) => scts
                .iter()
                .map(|s| match &s.log {
                    Some(log) => format!("{log} at {}", s.timestamp),
                    None => format!("Log {} at {} (not in the CT log list)", s.log_id, s.timestamp),
                })
                .collect(),
            Self::PrecertificatePoison => vec!["Precertificate: not valid for use".into()],
            Self::OcspNoCheck => {
                vec!["Do not check this responder certificate for revocation".into()]
            }
            Self::CrlNumber(n) => vec![n.clone()],
            Self::DeltaCrlIndicator(n) => vec![format!("Changes since CRL number {n}")],
            Self::IssuingDistributionPoint(CrlScope {
                point,
                only_user,
                only_ca,
                only_attribute,
                only_some_reasons,
                indirect,
            }) => {
                let mut lines: Vec<String> = names(point).into_iter().map(|n| format!("For: {n}")).collect();
                let only = [
                    (*only_user, "end-entity certificates only"),
                    (*only_ca, "CA certificates only"),
                    (*only_attribute, "attribute certificates only"),
                ];
                lines.extend(only.iter().filter(|(on, _)| *on).map(|(_, words)| (*words).to_string()));
                if let Some(reasons) = only_some_reasons {
                    lines.push(format!("Only these reasons: {reasons}"));
                }
                if *indirect {
                    lines.push("Indirect: it may list certificates of other issuers".into());
                }
                if lines.is_empty() {
                    lines.push("(no scope given)".into());
                }
                lines
            }
            Self::Comment(text) => vec![text.clone()],
            Self::Unknown { der } => vec![format!("(not decoded) {der}")],
            Self::Malformed { error, der } => vec![format!("malformed: {error}"), der.clone()],
        }
    }
}

const KEY_USAGE_BITS: [&str; 9] = [
    "Digital signature",
    "Non-repudiation (content commitment)",
    "Key encipherment",
    "Data encipherment",
    "Key agreement",
    "Certificate signing",
    "CRL signing",
    "Encipher only",
    "Decipher only",
];

impl ExtensionEntry {
    pub(crate) fn from_x509(ext: &X509Extension<'_>) -> Self {
        let oid = ext.oid.to_id_string();
        let name = names::extension_name(&oid).map_or_else(|| oid.clone().into(), Into::into);
        let value = decode(&oid, ext);
        Self { oid: names::interned(oid), name, critical: ext.critical, value }
    }
}

fn decode(oid: &str, ext: &X509Extension<'_>) -> Extension {
    let raw = || hex(ext.value);
    match ext.parsed_extension() {
        ParsedExtension::BasicConstraints(bc) => {
            Extension::BasicConstraints { ca: bc.ca, path_len: bc.path_len_constraint }
        }
        ParsedExtension::KeyUsage(ku) => Extension::KeyUsage(
            KEY_USAGE_BITS
                .iter()
                .enumerate()
                .filter(|(bit, _)| ku.flags & (1 << bit) != 0)
                .map(|(_, name)| name.to_string())
                .collect(),
        ),
        ParsedExtension::ExtendedKeyUsage(eku) => {
            let mut usages = Vec::new();
            let known = [
                (eku.any, "2.5.29.37.0"),
                (eku.server_auth, "1.3.6.1.5.5.7.3.1"),
                (eku.client_auth, "1.3.6.1.5.5.7.3.2"),
                (eku.code_signing, "1.3.6.1.5.5.7.3.3"),
                (eku.email_protection, "1.3.6.1.5.5.7.3.4"),
                (eku.time_stamping, "1.3.6.1.5.5.7.3.8"),
                (eku.ocsp_signing, "1.3.6.1.5.5.7.3.9"),
            ];
            for (present, oid) in known {
                if present {
                    usages.push(names::extended_key_usage_name(oid).unwrap_or(oid).to_string());
                }
            }
            for other in &eku.other {
                let oid = other.to_id_string();
                usages.push(match names::extended_key_usage_name(&oid) {
                    Some(name) => format!("{name} ({oid})"),
                    None => oid,
                });
            }
            Extension::ExtendedKeyUsage(usages)
        }
        ParsedExtension::SubjectAlternativeName(san) => {
            Extension::SubjectAltName(san.general_names.iter().map(GeneralName::from_x509).collect())
        }
        ParsedExtension::IssuerAlternativeName(ian) => {
            Extension::IssuerAltName(ian.general_names.iter().map(GeneralName::from_x509).collect())
        }
        ParsedExtension::SubjectKeyIdentifier(id) => Extension::SubjectKeyId(hex_colons(id.0)),
        ParsedExtension::AuthorityKeyIdentifier(aki) => Extension::AuthorityKeyId {
            key_id: aki.key_identifier.as_ref().map(|id| hex_colons(id.0)),
            issuer: aki
                .authority_cert_issuer
                .as_ref()
                .map(|names| names.iter().map(GeneralName::from_x509).collect())
                .unwrap_or_default(),
            serial: aki.authority_cert_serial.map(hex_colons),
        },
        ParsedExtension::AuthorityInfoAccess(aia) => {
            let (mut ocsp, mut ca_issuers, mut other) = (Vec::new(), Vec::new(), Vec::new());
            for access in &aia.accessdescs {
                let location = GeneralName::from_x509(&access.access_location);
                let text = match &location {
                    GeneralName::Uri(uri) => uri.clone(),
                    name => name.tagged(),
                };
                match access.access_method.to_id_string().as_str() {
                    "1.3.6.1.5.5.7.48.1" => ocsp.push(text),
                    "1.3.6.1.5.5.7.48.2" => ca_issuers.push(text),
                    method => other.push(format!("{method}: {text}")),
                }
            }
            Extension::AuthorityInfoAccess { ocsp, ca_issuers, other }
        }
        ParsedExtension::SubjectInfoAccess(sia) => Extension::SubjectInfoAccess(
            sia.accessdescs
                .iter()
                .map(|a| {
                    let method = match a.access_method.to_id_string().as_str() {
                        "1.3.6.1.5.5.7.48.5" => "CA repository".to_string(),
                        "1.3.6.1.5.5.7.48.3" => "Time stamping".to_string(),
                        other => other.to_string(),
                    };
                    format!("{method}: {}", GeneralName::from_x509(&a.access_location).tagged())
                })
                .collect(),
        ),
        ParsedExtension::CRLDistributionPoints(points) => Extension::CrlDistributionPoints(point_names(points)),
        ParsedExtension::CertificatePolicies(policies) => Extension::CertificatePolicies(
            policies
                .iter()
                .map(|p| {
                    let oid = p.policy_id.to_id_string();
                    let cps = p
                        .policy_qualifiers
                        .iter()
                        .flatten()
                        // RFC 5280 4.2.1.4: id-qt-cps, an IA5String URI.
                        .filter(|q| q.policy_qualifier_id.to_id_string() == "1.3.6.1.5.5.7.2.1")
                        .filter_map(|q| ia5_string(q.qualifier))
                        .collect();
                    Policy { name: names::policy_name(&oid).map(str::to_string), oid, cps }
                })
                .collect(),
        ),
        ParsedExtension::NameConstraints(nc) => {
            let subtrees = |trees: &Option<Vec<x509_parser::extensions::GeneralSubtree<'_>>>| {
                trees.iter().flatten().map(|t| GeneralName::from_x509(&t.base)).collect::<Vec<_>>()
            };
            Extension::NameConstraints {
                permitted: subtrees(&nc.permitted_subtrees),
                excluded: subtrees(&nc.excluded_subtrees),
            }
        }
        ParsedExtension::PolicyConstraints(pc) => Extension::PolicyConstraints {
            require_explicit_policy: pc.require_explicit_policy,
            inhibit_policy_mapping: pc.inhibit_policy_mapping,
        },
        ParsedExtension::PolicyMappings(pm) => Extension::PolicyMappings(
            pm.mappings
                .iter()
                .map(|m| (m.issuer_domain_policy.to_id_string(), m.subject_domain_policy.to_id_string()))
                .collect(),
        ),
        ParsedExtension::InhibitAnyPolicy(iap) => Extension::InhibitAnyPolicy(iap.skip_certs),
        ParsedExtension::SCT(scts) => Extension::SctList({
            let logs = crate::ct::LogList::bundled();
            scts.iter()
                .map(|sct| Sct {
                    log: logs.get(sct.id.key_id).map(|log| format!("{} ({})", log.description, log.operator)),
                    log_id: data_encoding::BASE64.encode(sct.id.key_id),
                    timestamp: i64::try_from(sct.timestamp / 1000)
                        .ok()
                        .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
                        .map_or_else(|| format!("{} ms", sct.timestamp), rfc3339),
                })
                .collect()
        }),
        ParsedExtension::CRLNumber(n) => Extension::CrlNumber(n.to_string()),
        ParsedExtension::IssuingDistributionPoint(idp) => Extension::IssuingDistributionPoint(CrlScope {
            point: match &idp.distribution_point {
                Some(DistributionPointName::FullName(list)) => list.iter().map(GeneralName::from_x509).collect(),
                Some(DistributionPointName::NameRelativeToCRLIssuer(_)) => {
                    vec![GeneralName::Unsupported("name relative to the CRL issuer".into())]
                }
                None => Vec::new(),
            },
            only_user: idp.only_contains_user_certs,
            only_ca: idp.only_contains_ca_certs,
            only_attribute: idp.only_contains_attribute_certs,
            only_some_reasons: idp.only_some_reasons.as_ref().map(ToString::to_string),
            indirect: idp.indirect_crl,
        }),
        ParsedExtension::NsCertComment(text) => Extension::Comment(text.to_string()),
        ParsedExtension::ParseError { error } => Extension::Malformed { error: error.to_string(), der: raw() },
        _ => match oid {
            "1.3.6.1.5.5.7.1.24" => match tls_features(ext.value) {
                Some(features) => Extension::TlsFeature(features),
                None => Extension::Malformed { error: "not a SEQUENCE OF INTEGER".into(), der: raw() },
            },
            "1.3.6.1.4.1.11129.2.4.3" => Extension::PrecertificatePoison,
            "1.3.6.1.5.5.7.48.1.5" => Extension::OcspNoCheck,
            // The same syntax as CRL distribution points (RFC 5280 4.2.1.15).
            "2.5.29.46" => match <x509_parser::extensions::CRLDistributionPoints<'_> as x509_parser::prelude::FromDer<
                '_,
                _,
            >>::from_der(ext.value)
            {
                Ok(([], points)) => Extension::FreshestCrl(point_names(&points)),
                _ => Extension::Malformed { error: "not a CRLDistributionPoints SEQUENCE".into(), der: raw() },
            },
            // BaseCRLNumber ::= CRLNumber, an INTEGER (RFC 5280 5.2.4).
            "2.5.29.27" => match x509_parser::der_parser::der::parse_der_integer(ext.value) {
                Ok(([], number)) => match number.as_biguint() {
                    Ok(n) => Extension::DeltaCrlIndicator(n.to_string()),
                    Err(e) => Extension::Malformed { error: e.to_string(), der: raw() },
                },
                _ => Extension::Malformed { error: "not an INTEGER".into(), der: raw() },
            },
            _ => Extension::Unknown { der: raw() },
        },
    }
}

/// The URIs among `names`, in order.
pub(crate) fn uris(names: &[GeneralName]) -> Vec<String> {
    names
        .iter()
        .filter_map(|n| match n {
            GeneralName::Uri(uri) => Some(uri.clone()),
            _ => None,
        })
        .collect()
}

/// The names of CRL distribution points (or Freshest CRL points): each full name, and each
/// cRLIssuer marked as such.
fn point_names(points: &x509_parser::extensions::CRLDistributionPoints<'_>) -> Vec<GeneralName> {
    let mut names = Vec::new();
    for point in points.iter() {
        match &point.distribution_point {
            Some(DistributionPointName::FullName(list)) => {
                names.extend(list.iter().map(GeneralName::from_x509));
            }
            Some(DistributionPointName::NameRelativeToCRLIssuer(_)) => {
                names.push(GeneralName::Unsupported("name relative to the CRL issuer".into()));
            }
            None => {}
        }
        if let Some(issuers) = &point.crl_issuer {
            names.extend(
                issuers
                    .iter()
                    .map(|n| GeneralName::Unsupported(format!("CRL issuer: {}", GeneralName::from_x509(n).tagged()))),
            );
        }
    }
    names
}

fn ia5_string(der: &[u8]) -> Option<String> {
    use x509_parser::der_parser::ber::BerObjectContent;
    let (_, object) = x509_parser::der_parser::parse_der(der).ok()?;
    match object.content {
        BerObjectContent::IA5String(s) | BerObjectContent::UTF8String(s) | BerObjectContent::VisibleString(s) => {
            Some(s.to_string())
        }
        _ => None,
    }
}

/// RFC 7633: `Features ::= SEQUENCE OF INTEGER`.
fn tls_features(der: &[u8]) -> Option<Vec<u64>> {
    let (rest, object) = x509_parser::der_parser::parse_der(der).ok()?;
    if !rest.is_empty() {
        return None;
    }
    object.as_sequence().ok()?.iter().map(|item| item.as_u64().ok()).collect()
}
