//! The rules, one row each. Severity follows the text: MUST/MUST NOT/SHALL are errors,
//! SHOULD/SHOULD NOT warnings. Sections are those of RFC 5280, the TLS Baseline Requirements
//! 2.x, the S/MIME Baseline Requirements 1.0 and the Code Signing Baseline Requirements 3.x.

use time::Duration;

use super::encoding;
use super::{Kind, Lint, Rulebook};
use crate::diagnose::Severity::{Error, Warning};
use crate::model::{Certificate, Extension, ExtensionEntry, GeneralName};

const AKI: &str = "2.5.29.35";
const SKI: &str = "2.5.29.14";
const KEY_USAGE: &str = "2.5.29.15";
const SAN: &str = "2.5.29.17";
const BASIC_CONSTRAINTS: &str = "2.5.29.19";
const NAME_CONSTRAINTS: &str = "2.5.29.30";
const CRL_DP: &str = "2.5.29.31";
const POLICIES: &str = "2.5.29.32";
const EKU: &str = "2.5.29.37";
const AIA: &str = "1.3.6.1.5.5.7.1.1";
const OCSP_NOCHECK: &str = "1.3.6.1.5.5.7.48.1.5";

const SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";
const CODE_SIGNING: &str = "1.3.6.1.5.5.7.3.3";
const EMAIL: &str = "1.3.6.1.5.5.7.3.4";
const TIME_STAMPING: &str = "1.3.6.1.5.5.7.3.8";
const ANY_EKU: &str = "2.5.29.37.0";

fn extension<'a>(c: &'a Certificate, oid: &str) -> Option<&'a ExtensionEntry> {
    c.extensions.iter().find(|e| e.oid == oid)
}

fn ekus(c: &Certificate) -> Vec<String> {
    crate::diagnose::purpose::ekus(c).unwrap_or_default()
}

fn key_usage(c: &Certificate) -> Option<Vec<String>> {
    crate::diagnose::purpose::key_usage(c)
}

fn has_bit(c: &Certificate, bit: &str) -> bool {
    key_usage(c).is_some_and(|bits| bits.iter().any(|b| b.starts_with(bit)))
}

/// A CA's key usage as the Baseline Requirements want it (7.1.2.1.2, 7.1.2.10.7): present,
/// critical, with keyCertSign and cRLSign. `what` names the certificate in the words.
fn ca_key_usage(c: &Certificate, what: &str) -> Option<String> {
    match extension(c, KEY_USAGE) {
        None => Some(format!("{what} without key usage")),
        Some(e) if !e.critical => Some(format!("{what} whose key usage is not critical")),
        Some(_) => fail(has_bit(c, "Certificate signing") && has_bit(c, "CRL signing"), || {
            format!("{what} whose key usage lacks keyCertSign or cRLSign")
        }),
    }
}

/// The subject attributes (by short name or OID; "L|ST" for either) a certificate lacks, in words.
fn missing_attributes(c: &Certificate, wanted: &[(&str, &str)]) -> Option<String> {
    let has = |key: &str| c.subject.attributes.iter().any(|a| a.short_name == key || a.oid == key);
    let missing: Vec<&str> =
        wanted.iter().filter(|(keys, _)| !keys.split('|').any(has)).map(|(_, name)| *name).collect();
    (!missing.is_empty()).then(|| missing.join(", "))
}

fn san(c: &Certificate) -> Option<&[GeneralName]> {
    extension(c, SAN).and_then(|e| match &e.value {
        Extension::SubjectAltName(list) => Some(list.as_slice()),
        _ => None,
    })
}

/// The certificate policies' OIDs, dotted.
pub(super) fn policies(c: &Certificate) -> Vec<String> {
    match extension(c, POLICIES).map(|e| &e.value) {
        Some(Extension::CertificatePolicies(list)) => list.iter().map(|p| p.oid.clone()).collect(),
        _ => Vec::new(),
    }
}

fn lifetime(c: &Certificate) -> Duration {
    // RFC 5280 4.1.2.5: both ends are inclusive, so a period is one second longer than the difference.
    c.not_after - c.not_before + Duration::seconds(1)
}

/// "398 days", or "398.5 days" when the period is not whole days (a second of slack aside).
fn days(d: Duration) -> String {
    let whole = d.whole_days();
    if d - Duration::days(whole) <= Duration::minutes(1) {
        format!("{whole} days")
    } else {
        format!("{:.1} days", d.as_seconds_f64() / 86_400.0)
    }
}

fn fail(holds: bool, why: impl FnOnce() -> String) -> Option<String> {
    (!holds).then(why)
}

/// BR 7.1.2.7.12 / 4.2.2: no Internal Names or Reserved IP Addresses.
fn internal(name: &GeneralName) -> bool {
    match name {
        GeneralName::Dns(d) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            let tld = d.rsplit('.').next().unwrap_or("");
            !d.contains('.')
                || [
                    "local",
                    "localhost",
                    "internal",
                    "lan",
                    "corp",
                    "home",
                    "intranet",
                    "private",
                    "test",
                    "example",
                    "invalid",
                ]
                .contains(&tld)
        }
        GeneralName::Ip(ip) => match ip.parse::<std::net::IpAddr>() {
            Ok(std::net::IpAddr::V4(v4)) => {
                v4.is_private()
                    || v4.is_loopback()
                    || v4.is_link_local()
                    || v4.is_unspecified()
                    || v4.is_documentation()
            }
            Ok(std::net::IpAddr::V6(v6)) => {
                v6.is_loopback()
                    || v6.is_unspecified()
                    || (v6.segments()[0] & 0xfe00) == 0xfc00
                    || (v6.segments()[0] & 0xffc0) == 0xfe80
            }
            Err(_) => true,
        },
        _ => false,
    }
}

/// TLS subscriber validity by notBefore (BR 6.3.2, ballot SC-081): 398 days, 200 from
/// 2026-03-15, 100 from 2027-03-15, 47 from 2029-03-15.
pub(crate) fn tls_max_validity(not_before: time::OffsetDateTime) -> i64 {
    let at = |y, m, d| {
        time::Date::from_calendar_date(y, m, d)
            .map(|d| d.midnight().assume_utc())
            .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
    };
    if not_before >= at(2029, time::Month::March, 15) {
        47
    } else if not_before >= at(2027, time::Month::March, 15) {
        100
    } else if not_before >= at(2026, time::Month::March, 15) {
        200
    } else {
        398
    }
}

const ALL: &[Kind] = &[Kind::Any];
const CAS: &[Kind] = &[Kind::Root, Kind::SubordinateCa];
const ROOT: &[Kind] = &[Kind::Root];
const LEAVES: &[Kind] = &[Kind::Subscriber];
const TLS: &[Kind] = &[Kind::TlsSubscriber];
const SMIME: &[Kind] = &[Kind::SmimeSubscriber];
const CODE: &[Kind] = &[Kind::CodeSigning];
const OCSP: &[Kind] = &[Kind::OcspResponder];
const NOT_ROOT: &[Kind] = &[Kind::SubordinateCa, Kind::Subscriber];

/// Every rule.
pub static TABLE: &[Lint] = &[
    // RFC 5280, and the RFCs it leans on: every certificate.
    Lint {
        code: "lint.rfc5280.serial_positive",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.1.2.2",
        applies: NOT_ROOT,
        effective: None,
        rule: "The serial number MUST be a positive integer; a zero serial cannot name the certificate in a CRL or an OCSP request.",
        fix: "Have the CA issue the certificate again with a positive random serial number.",
        check: |s| {
            fail(!s.certificate.serial.trim_start_matches('0').is_empty(), || "its serial number is zero".into())
        },
    },
    Lint {
        code: "lint.rfc5280.serial_length",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.1.2.2",
        applies: ALL,
        effective: None,
        rule: "Serial numbers MUST NOT be longer than 20 octets; clients may refuse longer ones.",
        fix: "Have the CA issue the certificate again with a serial of at most 20 octets.",
        check: |s| {
            let octets = s.certificate.serial.len().div_ceil(2);
            fail(octets <= 20, || format!("its serial number is {octets} octets long"))
        },
    },
    Lint {
        code: "lint.rfc5280.extensions_need_v3",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.1.2.1",
        applies: ALL,
        effective: None,
        rule: "Extensions MUST only appear in version 3 certificates.",
        fix: "Reissue it as an X.509 version 3 certificate.",
        check: |s| {
            let c = s.certificate;
            fail(c.extensions.is_empty() || c.version == 3, || {
                format!("it is version {} but has extensions", c.version)
            })
        },
    },
    Lint {
        code: "lint.rfc5280.duplicate_extension",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2",
        applies: ALL,
        effective: None,
        rule: "A certificate MUST NOT include more than one instance of a particular extension; clients disagree on which one counts.",
        fix: "Reissue it with each extension once.",
        check: |s| {
            let list = &s.certificate.extensions;
            let twice = list.iter().enumerate().find(|(i, e)| list[..*i].iter().any(|d| d.oid == e.oid));
            twice.map(|(_, e)| format!("the {} extension appears more than once", e.name))
        },
    },
    Lint {
        code: "lint.rfc5280.aki_missing",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.1",
        applies: NOT_ROOT,
        effective: None,
        rule: "The authority key identifier MUST be included in all certificates but self-signed ones; it lets clients find the issuer among same-named CAs.",
        fix: "Have the CA's profile include the authority key identifier.",
        // RFC 5280 4.2.1.1: "except for self-signed certificates".
        check: |s| {
            fail(s.certificate.self_signed || extension(s.certificate, AKI).is_some(), || {
                "it has no authority key identifier".into()
            })
        },
    },
    Lint {
        code: "lint.rfc5280.aki_critical",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.1",
        applies: ALL,
        effective: None,
        rule: "Conforming CAs MUST mark the authority key identifier non-critical.",
        fix: "Reissue it with the authority key identifier not critical.",
        check: |s| {
            fail(!extension(s.certificate, AKI).is_some_and(|e| e.critical), || {
                "its authority key identifier is critical".into()
            })
        },
    },
    Lint {
        code: "lint.rfc5280.ski_missing_ca",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.2",
        applies: CAS,
        effective: None,
        rule: "The subject key identifier MUST appear in all CA certificates: it is what their children's authority key identifier points at.",
        fix: "Reissue the CA certificate with a subject key identifier.",
        check: |s| {
            fail(extension(s.certificate, SKI).is_some(), || "a CA certificate without a subject key identifier".into())
        },
    },
    Lint {
        code: "lint.rfc5280.ski_critical",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.2",
        applies: ALL,
        effective: None,
        rule: "Conforming CAs MUST mark the subject key identifier non-critical.",
        fix: "Reissue it with the subject key identifier not critical.",
        check: |s| {
            fail(!extension(s.certificate, SKI).is_some_and(|e| e.critical), || {
                "its subject key identifier is critical".into()
            })
        },
    },
    Lint {
        code: "lint.rfc5280.key_usage_empty",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.3",
        applies: ALL,
        effective: None,
        rule: "When the key usage extension appears, at least one of its bits MUST be set.",
        fix: "Reissue it with the key usage bits the key is for.",
        check: |s| {
            fail(key_usage(s.certificate).is_none_or(|bits| !bits.is_empty()), || "its key usage has no bit set".into())
        },
    },
    Lint {
        code: "lint.rfc5280.key_usage_critical",
        severity: Warning,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.3",
        applies: ALL,
        effective: None,
        rule: "When present, conforming CAs SHOULD mark the key usage extension critical.",
        fix: "Mark key usage critical in the CA's profile.",
        check: |s| {
            fail(extension(s.certificate, KEY_USAGE).is_none_or(|e| e.critical), || {
                "its key usage is not critical".into()
            })
        },
    },
    Lint {
        code: "lint.rfc5280.ca_key_cert_sign",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.3, 4.2.1.9",
        applies: CAS,
        effective: None,
        rule: "A CA certificate whose key signs certificates MUST assert keyCertSign when it has a key usage extension.",
        fix: "Reissue the CA certificate with keyCertSign (and cRLSign) in its key usage.",
        check: |s| {
            fail(key_usage(s.certificate).is_none_or(|_| has_bit(s.certificate, "Certificate signing")), || {
                "its key usage does not allow certificate signing (keyCertSign)".into()
            })
        },
    },
    Lint {
        code: "lint.rfc5280.key_cert_sign_without_ca",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.9",
        applies: LEAVES,
        effective: None,
        rule: "If the cA boolean is not asserted, the keyCertSign bit MUST NOT be asserted.",
        fix: "Reissue it without keyCertSign, or as a CA certificate if it is one.",
        check: |s| {
            fail(!has_bit(s.certificate, "Certificate signing"), || "keyCertSign is set but it is not a CA".into())
        },
    },
    Lint {
        code: "lint.rfc5280.basic_constraints_critical",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.9",
        applies: CAS,
        effective: None,
        rule: "Conforming CAs MUST include basic constraints, marked critical, in CA certificates whose key verifies certificate signatures.",
        fix: "Reissue the CA certificate with basic constraints marked critical.",
        check: |s| match extension(s.certificate, BASIC_CONSTRAINTS) {
            None if s.certificate.version < 3 => None,
            None => Some("it has no basic constraints".into()),
            Some(e) => fail(e.critical, || "its basic constraints are not critical".into()),
        },
    },
    Lint {
        code: "lint.rfc5280.path_len_without_ca",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.9",
        applies: LEAVES,
        effective: None,
        rule: "CAs MUST NOT include pathLenConstraint unless cA is asserted and keyCertSign is set.",
        fix: "Reissue it without a path length constraint.",
        check: |s| match extension(s.certificate, BASIC_CONSTRAINTS).map(|e| &e.value) {
            Some(Extension::BasicConstraints { ca: false, path_len: Some(n) }) => {
                Some(format!("it is not a CA but has a path length constraint of {n}"))
            }
            _ => None,
        },
    },
    Lint {
        code: "lint.rfc5280.ca_subject_empty",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.1.2.6",
        applies: CAS,
        effective: None,
        rule: "A CA's subject MUST be a non-empty distinguished name: it is what its children name as their issuer.",
        fix: "Reissue the CA certificate with a subject name.",
        check: |s| fail(!s.certificate.subject.attributes.is_empty(), || "its subject is empty".into()),
    },
    Lint {
        code: "lint.rfc5280.empty_subject_needs_san",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.1.2.6, 4.2.1.6",
        applies: LEAVES,
        effective: None,
        rule: "If the subject is empty, the subject alternative name MUST be present and critical.",
        fix: "Reissue it with a subject, or with a critical SAN.",
        check: |s| {
            let c = s.certificate;
            if !c.subject.attributes.is_empty() {
                return None;
            }
            match extension(c, SAN) {
                None => Some("its subject is empty and it has no SAN".into()),
                Some(e) => fail(e.critical, || "its subject is empty and its SAN is not critical".into()),
            }
        },
    },
    Lint {
        code: "lint.rfc5280.san_not_empty",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.6",
        applies: ALL,
        effective: None,
        rule: "If the subject alternative name extension is present, it MUST contain at least one entry.",
        fix: "Reissue it with the names it is for in the SAN.",
        check: |s| fail(san(s.certificate).is_none_or(|l| !l.is_empty()), || "its SAN is empty".into()),
    },
    Lint {
        code: "lint.rfc5280.san_dns_syntax",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.6",
        applies: ALL,
        effective: None,
        rule: "A dNSName MUST be in the preferred name syntax (RFC 1034): letters, digits and hyphens in dot-separated labels.",
        fix: "Reissue it with the names written correctly (IDNs as A-labels, 'xn--...').",
        check: |s| {
            san(s.certificate)?.iter().find_map(|n| match n {
                GeneralName::Dns(d) if !crate::trust::valid_dns(d) => Some(format!("'{d}' is not a valid DNS name")),
                _ => None,
            })
        },
    },
    Lint {
        code: "lint.rfc5280.san_ip_length",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.6",
        applies: ALL,
        effective: None,
        rule: "An iPAddress holds 4 octets (IPv4) or 16 (IPv6).",
        fix: "Reissue it with the address encoded correctly.",
        check: |s| {
            san(s.certificate)?.iter().find_map(|n| match n {
                GeneralName::Ip(ip) if ip.starts_with("(malformed") => {
                    Some(format!("an IP address entry is malformed: {ip}"))
                }
                _ => None,
            })
        },
    },
    Lint {
        code: "lint.rfc5280.email_in_subject_only",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.1.2.6",
        applies: LEAVES,
        effective: None,
        rule: "New certificates with email addresses MUST put them in the SAN as rfc822Name; the subject's emailAddress alone is legacy that mail clients ignore.",
        fix: "Reissue it with the address as an rfc822Name in the SAN.",
        check: |s| {
            let c = s.certificate;
            let subject_mail = c.subject.attributes.iter().find(|a| a.oid == "1.2.840.113549.1.9.1")?;
            let in_san = san(c).is_some_and(|l| {
                l.iter().any(|n| matches!(n, GeneralName::Email(e) if e.eq_ignore_ascii_case(&subject_mail.value)))
            });
            fail(in_san, || {
                format!("its subject holds the email address '{}', which its SAN does not", subject_mail.value)
            })
        },
    },
    Lint {
        code: "lint.rfc5280.name_constraints_in_ca_only",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.10",
        applies: LEAVES,
        effective: None,
        rule: "Name constraints MUST be used only in a CA certificate.",
        fix: "Reissue it without name constraints.",
        check: |s| {
            fail(extension(s.certificate, NAME_CONSTRAINTS).is_none(), || {
                "it is not a CA but has name constraints".into()
            })
        },
    },
    Lint {
        code: "lint.rfc5280.name_constraints_empty",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.10",
        applies: CAS,
        effective: None,
        rule: "Name constraints MUST hold permittedSubtrees or excludedSubtrees.",
        fix: "Reissue the CA certificate with the subtrees it is limited to.",
        check: |s| match extension(s.certificate, NAME_CONSTRAINTS).map(|e| &e.value) {
            Some(Extension::NameConstraints { permitted, excluded }) if permitted.is_empty() && excluded.is_empty() => {
                Some("its name constraints are empty".into())
            }
            _ => None,
        },
    },
    Lint {
        code: "lint.rfc5280.eku_any_not_critical",
        severity: Warning,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.12",
        applies: ALL,
        effective: None,
        rule: "Conforming CAs SHOULD NOT mark the extended key usage critical when it holds anyExtendedKeyUsage.",
        fix: "Reissue it with the extended key usage not critical.",
        check: |s| {
            let critical = extension(s.certificate, EKU).is_some_and(|e| e.critical);
            fail(!(critical && ekus(s.certificate).iter().any(|u| u == ANY_EKU)), || {
                "its critical extended key usage includes anyExtendedKeyUsage".into()
            })
        },
    },
    Lint {
        code: "lint.rfc5280.critical_extension_unknown",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2",
        applies: ALL,
        effective: None,
        rule: "A certificate-using system MUST reject a certificate with a critical extension it does not recognise.",
        fix: "Reissue it without the critical extension, or with it not critical.",
        check: |s| {
            s.certificate
                .extensions
                .iter()
                .find(|e| e.critical && matches!(e.value, Extension::Unknown { .. }))
                .map(|e| format!("its critical extension {} is not one clients know", e.oid))
        },
    },
    Lint {
        code: "lint.rfc5280.extension_malformed",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2",
        applies: ALL,
        effective: None,
        rule: "Each extension's value MUST be the DER encoding of its ASN.1 type.",
        fix: "Reissue it: the CA's software encoded an extension wrongly.",
        check: |s| {
            s.certificate.extensions.iter().find_map(|e| match &e.value {
                Extension::Malformed { error, .. } => Some(format!("its {} extension is malformed: {error}", e.name)),
                _ => None,
            })
        },
    },
    Lint {
        code: "lint.rfc5280.aia_not_empty",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.2.1",
        applies: ALL,
        effective: None,
        rule: "The authority information access extension holds at least one access description.",
        fix: "Reissue it with the caIssuers (and OCSP) URLs, or without the extension.",
        check: |s| match extension(s.certificate, AIA).map(|e| &e.value) {
            Some(Extension::AuthorityInfoAccess { ocsp, ca_issuers, other })
                if ocsp.is_empty() && ca_issuers.is_empty() && other.is_empty() =>
            {
                Some("its authority information access is empty".into())
            }
            _ => None,
        },
    },
    Lint {
        code: "lint.rfc5280.validity_order",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.1.2.5",
        applies: ALL,
        effective: None,
        rule: "The validity period runs from notBefore to notAfter; one that ends before it starts is valid at no time.",
        fix: "Reissue it with a correct validity period.",
        check: |s| {
            fail(s.certificate.not_after >= s.certificate.not_before, || "its notAfter is before its notBefore".into())
        },
    },
    Lint {
        code: "lint.rfc5280.der_lengths",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.1; X.690 10.1",
        applies: ALL,
        effective: None,
        rule: "Certificates and their extensions' values MUST be DER: definite lengths in their shortest form. Strict parsers refuse other encodings, and two parsers may read them differently.",
        fix: "Reissue it: the CA's software does not encode DER.",
        check: |s| encoding::der_fault(&s.certificate.der),
    },
    Lint {
        code: "lint.rfc5280.directory_string_type",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.1.2.4",
        applies: ALL,
        effective: None,
        rule: "CAs MUST encode the subject's DirectoryString attributes as PrintableString or UTF8String (TeletexString, BMPString and UniversalString only to repeat a legacy name).",
        fix: "Reissue it with the name in UTF8String (or PrintableString).",
        check: |s| {
            encoding::name_values(encoding::subject(&s.certificate.der)?).into_iter().find_map(|(oid, tag, _)| {
                (encoding::directory_string(&oid) && tag != 0x0c && tag != 0x13)
                    .then(|| format!("its subject's {oid} is a {}", encoding::string_type(tag)))
            })
        },
    },
    Lint {
        code: "lint.rfc5280.country_printable",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 Appendix A.1 (X520countryName)",
        applies: ALL,
        effective: None,
        rule: "countryName is a PrintableString of two characters.",
        fix: "Reissue it with the country as a PrintableString.",
        check: |s| {
            encoding::name_values(encoding::subject(&s.certificate.der)?).into_iter().find_map(|(oid, tag, value)| {
                (oid == "2.5.4.6" && (tag != 0x13 || value.len() != 2))
                    .then(|| format!("its country is a {} of {} bytes", encoding::string_type(tag), value.len()))
            })
        },
    },
    Lint {
        code: "lint.rfc5280.utf8_valid",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.1.2.4, 7.1; RFC 3629",
        applies: ALL,
        effective: None,
        rule: "A UTF8String holds UTF-8: bytes that are not are shown differently by every client, or refused.",
        fix: "Reissue it with the name encoded as UTF-8.",
        check: |s| {
            let name = encoding::subject(&s.certificate.der)?;
            encoding::name_values(name).into_iter().find_map(|(oid, tag, value)| {
                (tag == 0x0c && std::str::from_utf8(&value).is_err())
                    .then(|| format!("its subject's {oid} is not valid UTF-8"))
            })
        },
    },
    Lint {
        code: "lint.rfc5280.printable_charset",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.1.2.4; X.680 41.4",
        applies: ALL,
        effective: None,
        rule: "A PrintableString holds only letters, digits, space and ' ( ) + , - . / : = ?",
        fix: "Reissue it with the name as a UTF8String.",
        check: |s| {
            encoding::name_values(encoding::subject(&s.certificate.der)?).into_iter().find_map(|(oid, tag, value)| {
                (tag == 0x13 && !encoding::printable(&value))
                    .then(|| format!("its subject's {oid} has characters a PrintableString cannot hold"))
            })
        },
    },
    Lint {
        code: "lint.rfc5280.email_ia5",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 Appendix A.1 (EmailAddress)",
        applies: ALL,
        effective: None,
        rule: "A subject's emailAddress is an IA5String of ASCII.",
        fix: "Reissue it with the address in the SAN as an rfc822Name (and, if kept in the subject, as an IA5String).",
        check: |s| {
            encoding::name_values(encoding::subject(&s.certificate.der)?).into_iter().find_map(|(oid, tag, value)| {
                (oid == "1.2.840.113549.1.9.1" && (tag != 0x16 || !value.is_ascii()))
                    .then(|| format!("its emailAddress is a {}", encoding::string_type(tag)))
            })
        },
    },
    Lint {
        code: "lint.rfc5280.validity_time_type",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.1.2.5",
        applies: ALL,
        effective: None,
        rule: "Validity dates through 2049 MUST be UTCTime, and from 2050 GeneralizedTime.",
        fix: "Reissue it with the dates in the types RFC 5280 prescribes.",
        check: |s| {
            let times = encoding::validity_times(&s.certificate.der)?;
            let dates = [("notBefore", s.certificate.not_before), ("notAfter", s.certificate.not_after)];
            times.iter().zip(dates).find_map(|((tag, _), (which, at))| {
                let want = if at.year() < 2050 { 0x17 } else { 0x18 };
                (*tag != want).then(|| format!("its {which} ({}) is a {}", at.year(), encoding::string_type(*tag)))
            })
        },
    },
    Lint {
        code: "lint.rfc5280.validity_time_format",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.1.2.5.1, 4.1.2.5.2",
        applies: ALL,
        effective: None,
        rule: "UTCTime MUST be YYMMDDHHMMSSZ and GeneralizedTime YYYYMMDDHHMMSSZ: seconds present, no fractions, in Zulu time.",
        fix: "Reissue it with its dates written as RFC 5280 prescribes.",
        check: |s| {
            let times = encoding::validity_times(&s.certificate.der)?;
            times.iter().find_map(|(tag, text)| {
                let digits = if *tag == 0x17 { 12 } else { 14 };
                let good = text.len() == digits + 1
                    && text.ends_with('Z')
                    && text[..digits].bytes().all(|b| b.is_ascii_digit());
                (!good).then(|| format!("a validity date is written '{text}'"))
            })
        },
    },
    Lint {
        code: "lint.rfc5280.issuer_not_empty",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.1.2.4",
        applies: ALL,
        effective: None,
        rule: "The issuer field MUST contain a non-empty distinguished name: it is how the issuer is found.",
        fix: "Reissue it from a CA with a subject name.",
        check: |s| fail(!encoding::issuer_empty(&s.certificate.der), || "its issuer name is empty".into()),
    },
    Lint {
        code: "lint.rfc5280.no_unique_ids",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.1.2.8",
        applies: ALL,
        effective: None,
        rule: "CAs conforming to RFC 5280 MUST NOT generate certificates with unique identifiers.",
        fix: "Reissue it without issuerUniqueID and subjectUniqueID.",
        check: |s| fail(!encoding::unique_ids(&s.certificate.der), || "it carries a unique identifier".into()),
    },
    Lint {
        code: "lint.rfc5280.signature_algorithms_agree",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.1.1.2, 4.1.2.3",
        applies: ALL,
        effective: None,
        rule: "The signatureAlgorithm outside the TBS MUST be the same algorithm identifier as the signature field inside it.",
        fix: "Reissue it: the CA's software wrote two different algorithms.",
        check: |s| {
            fail(encoding::signature_algorithms_agree(&s.certificate.der) != Some(false), || {
                "the signature algorithm inside the signed part differs from the one outside".into()
            })
        },
    },
    Lint {
        code: "lint.rfc5280.aki_key_identifier",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.1",
        applies: NOT_ROOT,
        effective: None,
        rule: "The keyIdentifier field of the authority key identifier MUST be included in all certificates generated by conforming CAs.",
        fix: "Reissue it with the issuer's key identifier in the AKI.",
        check: |s| match extension(s.certificate, AKI).map(|e| &e.value) {
            Some(Extension::AuthorityKeyId { key_id: None, .. }) => {
                Some("its authority key identifier has no keyIdentifier".into())
            }
            _ => None,
        },
    },
    Lint {
        code: "lint.rfc5280.ski_in_leaf",
        severity: Warning,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.2",
        applies: LEAVES,
        effective: None,
        rule: "The subject key identifier SHOULD be included in end-entity certificates.",
        fix: "Have the CA's profile include the subject key identifier.",
        check: |s| fail(extension(s.certificate, SKI).is_some(), || "it has no subject key identifier".into()),
    },
    Lint {
        code: "lint.rfc5280.eku_not_empty",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.12",
        applies: ALL,
        effective: None,
        rule: "The extended key usage holds at least one KeyPurposeId (SIZE (1..MAX)).",
        fix: "Reissue it with the purposes it is for, or without the extension.",
        check: |s| match extension(s.certificate, EKU).map(|e| &e.value) {
            Some(Extension::ExtendedKeyUsage(list)) if list.is_empty() => {
                Some("its extended key usage is empty".into())
            }
            _ => None,
        },
    },
    Lint {
        code: "lint.rfc5280.san_uri_syntax",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.6",
        applies: ALL,
        effective: None,
        rule: "A uniformResourceIdentifier MUST be a URI with a scheme and a host (RFC 3986), not a relative reference.",
        fix: "Reissue it with the URI written in full (https://host/path).",
        check: |s| {
            san(s.certificate)?.iter().find_map(|n| match n {
                GeneralName::Uri(uri)
                    if !uri.split_once("://").is_some_and(|(scheme, rest)| !scheme.is_empty() && !rest.is_empty())
                        && !uri.starts_with("urn:") =>
                {
                    Some(format!("'{uri}' is not an absolute URI"))
                }
                _ => None,
            })
        },
    },
    Lint {
        code: "lint.rfc5280.san_email_syntax",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.6",
        applies: ALL,
        effective: None,
        rule: "An rfc822Name is a Mailbox (local-part@domain), without a display name or angle brackets.",
        fix: "Reissue it with the bare address (alice@example.com).",
        check: |s| {
            san(s.certificate)?.iter().find_map(|n| match n {
                GeneralName::Email(e)
                    if e.matches('@').count() != 1
                        || e.starts_with('@')
                        || e.ends_with('@')
                        || e.contains(['<', '>', ' ']) =>
                {
                    Some(format!("'{e}' is not a mailbox address"))
                }
                _ => None,
            })
        },
    },
    Lint {
        code: "lint.rfc5280.name_constraints_critical",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.10",
        applies: CAS,
        effective: None,
        rule: "Conforming CAs MUST mark name constraints critical (the Baseline Requirements allow non-critical ones for old clients' sake).",
        fix: "Mark name constraints critical when the CA certificate is next issued.",
        check: |s| {
            fail(extension(s.certificate, NAME_CONSTRAINTS).is_none_or(|e| e.critical), || {
                "its name constraints are not critical".into()
            })
        },
    },
    Lint {
        code: "lint.rfc5280.inhibit_any_policy_critical",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.14",
        applies: CAS,
        effective: None,
        rule: "Conforming CAs MUST mark inhibitAnyPolicy critical.",
        fix: "Reissue the CA certificate with inhibitAnyPolicy critical.",
        check: |s| {
            fail(extension(s.certificate, "2.5.29.54").is_none_or(|e| e.critical), || {
                "its inhibitAnyPolicy is not critical".into()
            })
        },
    },
    Lint {
        code: "lint.rfc5280.policy_constraints_critical",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.11",
        applies: CAS,
        effective: None,
        rule: "Conforming CAs MUST mark policy constraints critical.",
        fix: "Reissue the CA certificate with policy constraints critical.",
        check: |s| {
            fail(extension(s.certificate, "2.5.29.36").is_none_or(|e| e.critical), || {
                "its policy constraints are not critical".into()
            })
        },
    },
    Lint {
        code: "lint.rfc5280.decipher_only_needs_key_agreement",
        severity: Warning,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.3",
        applies: ALL,
        effective: None,
        rule: "encipherOnly and decipherOnly mean nothing without keyAgreement.",
        fix: "Reissue it with keyAgreement, or without encipherOnly/decipherOnly.",
        check: |s| {
            let c = s.certificate;
            let only = has_bit(c, "Encipher only") || has_bit(c, "Decipher only");
            fail(!only || has_bit(c, "Key agreement"), || "encipherOnly or decipherOnly without keyAgreement".into())
        },
    },
    Lint {
        code: "lint.rfc5480.ec_key_usage",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5480 3",
        applies: LEAVES,
        effective: None,
        rule: "An end-entity EC key may have only digitalSignature, nonRepudiation and keyAgreement in its key usage: ECDSA keys do not encrypt.",
        fix: "Reissue it with digitalSignature (and keyAgreement for ECDH).",
        check: |s| {
            let c = s.certificate;
            let bad =
                c.public_key.algorithm == "EC" && (has_bit(c, "Key encipherment") || has_bit(c, "Data encipherment"));
            fail(!bad, || "its EC key's usage includes keyEncipherment or dataEncipherment".into())
        },
    },
    Lint {
        code: "lint.rfc8410.ed25519_key_usage",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 8410 5",
        applies: ALL,
        effective: None,
        rule: "An Ed25519 key's usage holds only digitalSignature, nonRepudiation, keyCertSign and cRLSign: it cannot encrypt or agree keys.",
        fix: "Reissue it with digitalSignature (and keyCertSign, cRLSign for a CA).",
        check: |s| {
            let c = s.certificate;
            let bad = c.public_key.algorithm == "Ed25519"
                && ["Key encipherment", "Data encipherment", "Key agreement"].iter().any(|b| has_bit(c, b));
            fail(!bad, || "its Ed25519 key's usage includes encipherment or key agreement".into())
        },
    },
    Lint {
        code: "lint.rfc3161.tsa_eku",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 3161 2.3",
        applies: &[Kind::TimeStamping],
        effective: None,
        rule: "A time-stamping authority's certificate MUST have exactly one extended key usage, id-kp-timeStamping, marked critical.",
        fix: "Issue the TSA's certificate with a critical EKU of timeStamping only.",
        check: |s| {
            let list = ekus(s.certificate);
            let critical = extension(s.certificate, EKU).is_some_and(|e| e.critical);
            fail(critical && list.len() == 1, || {
                if critical {
                    "its extended key usage holds more than timeStamping".into()
                } else {
                    "its extended key usage is not critical".into()
                }
            })
        },
    },
    Lint {
        code: "lint.rfc6960.ocsp_nocheck",
        severity: Warning,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 6960 4.2.2.2.1",
        applies: OCSP,
        effective: None,
        rule: "A delegated OCSP responder's certificate SHOULD carry id-pkix-ocsp-nocheck, or clients must check the responder's own revocation, endlessly.",
        fix: "Issue the responder's certificate with the OCSP no-check extension and a short validity.",
        check: |s| {
            fail(extension(s.certificate, OCSP_NOCHECK).is_some(), || {
                "it signs OCSP responses but has no id-pkix-ocsp-nocheck".into()
            })
        },
    },
    Lint {
        code: "lint.rfc5280.serial_not_negative",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.1.2.2",
        applies: NOT_ROOT,
        effective: None,
        rule: "The serial number MUST be a positive integer: a negative one (its first bit set, no leading zero) names no certificate in a CRL.",
        fix: "Have the CA issue it again with a positive serial.",
        check: |s| {
            let octets = encoding::serial_octets(&s.certificate.der)?;
            fail(octets.first().is_none_or(|b| b & 0x80 == 0), || "its serial number is negative".into())
        },
    },
    Lint {
        code: "lint.rfc5280.serial_minimal",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.1.2.2; X.690 8.3.2",
        applies: ALL,
        effective: None,
        rule: "An INTEGER is encoded in its fewest octets: a leading zero octet only where the next octet's first bit is set.",
        fix: "Reissue it: the CA's software pads serials.",
        check: |s| {
            let octets = encoding::serial_octets(&s.certificate.der)?;
            let padded = octets.len() > 1 && octets[0] == 0 && octets[1] & 0x80 == 0;
            fail(!padded, || "its serial number has a needless leading zero octet".into())
        },
    },
    Lint {
        code: "lint.rfc5280.critical_boolean_der",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2; X.690 11.1, 11.5",
        applies: ALL,
        effective: None,
        rule: "In DER a critical flag is TRUE as 0xFF, and FALSE is not written at all (it is the default).",
        fix: "Reissue it: the CA's software does not encode DER.",
        check: |s| {
            encoding::raw_extensions(&s.certificate.der).into_iter().find_map(|(oid, critical, _)| {
                match critical.as_deref() {
                    Some([0xff]) | None => None,
                    Some([0x00]) => {
                        Some(format!("the extension {oid} writes critical FALSE, a default DER leaves out"))
                    }
                    Some(other) => Some(format!("the extension {oid} writes its critical flag as {other:02x?}")),
                }
            })
        },
    },
    Lint {
        code: "lint.rfc5280.ca_false_not_written",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.9; X.690 11.5",
        applies: ALL,
        effective: None,
        rule: "Basic constraints' cA defaults to FALSE: DER leaves a FALSE out.",
        fix: "Reissue it: the CA's software writes DEFAULT values.",
        check: |s| {
            let (_, _, value) = encoding::raw_extensions(&s.certificate.der)
                .into_iter()
                .find(|(oid, _, _)| oid == BASIC_CONSTRAINTS)?;
            let (_, content) = encoding::first_element(&value)?;
            let written_false =
                encoding::inner_elements(&content).iter().any(|(tag, v)| *tag == 0x01 && v.as_slice() == [0x00]);
            fail(!written_false, || "its basic constraints write cA FALSE".into())
        },
    },
    Lint {
        code: "lint.rfc5280.key_usage_bits_der",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.3; X.690 11.2.2",
        applies: ALL,
        effective: None,
        rule: "A named BIT STRING in DER drops its trailing zero bits: key usage is written in its shortest form.",
        fix: "Reissue it: the CA's software pads the key usage bits.",
        check: |s| {
            let (_, _, value) =
                encoding::raw_extensions(&s.certificate.der).into_iter().find(|(oid, _, _)| oid == KEY_USAGE)?;
            let (tag, content) = encoding::first_element(&value)?;
            let (&unused, bits) = content.split_first()?;
            let last = *bits.last()?;
            let padded = tag == 0x03 && (last == 0 || last.trailing_zeros() > u32::from(unused));
            fail(!padded, || "its key usage bits carry trailing zeros".into())
        },
    },
    Lint {
        code: "lint.rfc5280.rdn_not_empty",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.1.2.4 (RelativeDistinguishedName SIZE (1..MAX))",
        applies: ALL,
        effective: None,
        rule: "Each relative distinguished name of a name holds at least one attribute.",
        fix: "Reissue it without the empty name component.",
        check: |s| {
            let subject = encoding::subject(&s.certificate.der)?;
            fail(!encoding::empty_rdn(subject), || "its subject holds an empty name component".into())
        },
    },
    Lint {
        code: "lint.rfc5280.policy_once",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.4",
        applies: ALL,
        effective: None,
        rule: "A certificate policy OID MUST NOT appear more than once in certificate policies.",
        fix: "Reissue it with each policy once.",
        check: |s| {
            let list = policies(s.certificate);
            let twice = list.iter().enumerate().find(|(i, p)| list[..*i].contains(p));
            twice.map(|(_, p)| format!("the policy {p} appears more than once"))
        },
    },
    Lint {
        code: "lint.rfc5280.name_constraint_ip_mask",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.10",
        applies: CAS,
        effective: None,
        rule: "An iPAddress in name constraints is an address and a mask: 8 octets for IPv4, 32 for IPv6.",
        fix: "Reissue the CA certificate with the address ranges written as address and mask.",
        check: |s| match extension(s.certificate, NAME_CONSTRAINTS).map(|e| &e.value) {
            Some(Extension::NameConstraints { permitted, excluded }) => {
                permitted.iter().chain(excluded).find_map(|n| match n {
                    GeneralName::Ip(ip) if !ip.contains('/') => Some(format!("the constraint IP:{ip} has no mask")),
                    _ => None,
                })
            }
            _ => None,
        },
    },
    Lint {
        code: "lint.rfc5280.aia_ca_issuers_scheme",
        severity: Warning,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.2.1",
        applies: ALL,
        effective: None,
        rule: "A caIssuers access description SHOULD name an HTTP or LDAP URI, which clients can fetch without a certificate of their own.",
        fix: "Have the CA's profile name its certificate by an http:// URL.",
        check: |s| {
            let urls = s.certificate.ca_issuers_urls();
            fail(urls.is_empty() || urls.iter().any(|u| u.starts_with("http://") || u.starts_with("ldap://")), || {
                format!("its caIssuers URLs ({}) are neither http:// nor ldap://", urls.join(", "))
            })
        },
    },
    Lint {
        code: "lint.rfc4055.rsa_parameters_null",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 4055 5; RFC 3279 2.2.1",
        applies: ALL,
        effective: None,
        rule: "The parameters of sha*WithRSAEncryption MUST be NULL (present, and NULL).",
        fix: "Reissue it: the CA's software writes the RSA signature algorithm wrongly.",
        check: |s| {
            let (oid, parameters) = encoding::signature_parameters(&s.certificate.der)?;
            let rsa = [
                "1.2.840.113549.1.1.5",
                "1.2.840.113549.1.1.11",
                "1.2.840.113549.1.1.12",
                "1.2.840.113549.1.1.13",
                "1.2.840.113549.1.1.14",
            ];
            fail(!rsa.contains(&oid.as_str()) || parameters == Some(0x05), || {
                "its RSA signature algorithm lacks NULL parameters".into()
            })
        },
    },
    Lint {
        code: "lint.rfc5758.ecdsa_parameters_absent",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5758 3.2",
        applies: ALL,
        effective: None,
        rule: "The parameters of ecdsa-with-SHA256/384/512 MUST be absent (not even NULL).",
        fix: "Reissue it: the CA's software writes the ECDSA signature algorithm wrongly.",
        check: |s| {
            let (oid, parameters) = encoding::signature_parameters(&s.certificate.der)?;
            let ecdsa = oid.starts_with("1.2.840.10045.4.3.");
            fail(!ecdsa || parameters.is_none(), || "its ECDSA signature algorithm carries parameters".into())
        },
    },
    Lint {
        code: "lint.rfc5480.named_curve",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5480 2.1.1",
        applies: ALL,
        effective: None,
        rule: "An EC public key names its curve (namedCurve); implicitCurve and specifiedCurve MUST NOT be used.",
        fix: "Reissue it with the key's curve named.",
        check: |s| {
            let (oid, parameters) = encoding::key_parameters(&s.certificate.der)?;
            fail(oid != "1.2.840.10045.2.1" || parameters == Some(0x06), || "its EC key does not name its curve".into())
        },
    },
    Lint {
        code: "lint.rfc5280.aia_not_critical",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.2.1",
        applies: ALL,
        effective: None,
        rule: "Conforming CAs MUST mark authority information access non-critical.",
        fix: "Reissue it with authority information access not critical.",
        check: |s| {
            fail(extension(s.certificate, AIA).is_none_or(|e| !e.critical), || {
                "its authority information access is critical".into()
            })
        },
    },
    Lint {
        code: "lint.rfc5280.sia_not_critical",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.2.2",
        applies: ALL,
        effective: None,
        rule: "Conforming CAs MUST mark subject information access non-critical.",
        fix: "Reissue it with subject information access not critical.",
        check: |s| {
            fail(extension(s.certificate, "1.3.6.1.5.5.7.1.11").is_none_or(|e| !e.critical), || {
                "its subject information access is critical".into()
            })
        },
    },
    Lint {
        code: "lint.rfc5280.crl_dp_not_critical",
        severity: Warning,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.13",
        applies: ALL,
        effective: None,
        rule: "The CRL distribution points extension SHOULD be non-critical.",
        fix: "Mark CRL distribution points not critical in the CA's profile.",
        check: |s| {
            fail(extension(s.certificate, CRL_DP).is_none_or(|e| !e.critical), || {
                "its CRL distribution points are critical".into()
            })
        },
    },
    Lint {
        code: "lint.rfc5280.policy_mappings_any",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.5",
        applies: CAS,
        effective: None,
        rule: "Policies MUST NOT be mapped either to or from anyPolicy.",
        fix: "Reissue the CA certificate mapping named policies only.",
        check: |s| match extension(s.certificate, "2.5.29.33").map(|e| &e.value) {
            Some(Extension::PolicyMappings(maps)) => maps
                .iter()
                .find(|(a, b)| a == "2.5.29.32.0" || b == "2.5.29.32.0")
                .map(|(a, b)| format!("it maps {a} to {b}")),
            _ => None,
        },
    },
    Lint {
        code: "lint.rfc5280.policy_mappings_critical",
        severity: Warning,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.5",
        applies: CAS,
        effective: None,
        rule: "Conforming CAs SHOULD mark policy mappings critical.",
        fix: "Mark policy mappings critical when the CA certificate is next issued.",
        check: |s| {
            fail(extension(s.certificate, "2.5.29.33").is_none_or(|e| e.critical), || {
                "its policy mappings are not critical".into()
            })
        },
    },
    Lint {
        code: "lint.rfc4519.domain_component_ia5",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.1.2.4; RFC 4519 2.4",
        applies: ALL,
        effective: None,
        rule: "A domainComponent is an IA5String.",
        fix: "Reissue it with the domain components as IA5String.",
        check: |s| {
            encoding::name_values(encoding::subject(&s.certificate.der)?).into_iter().find_map(|(oid, tag, _)| {
                (oid == "0.9.2342.19200300.100.1.25" && tag != 0x16)
                    .then(|| format!("a domainComponent is a {}", encoding::string_type(tag)))
            })
        },
    },
    Lint {
        code: "lint.rfc5280.serial_number_attribute_printable",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 Appendix A.1 (X520SerialNumber)",
        applies: ALL,
        effective: None,
        rule: "The subject's serialNumber attribute is a PrintableString.",
        fix: "Reissue it with the serialNumber as a PrintableString.",
        check: |s| {
            encoding::name_values(encoding::subject(&s.certificate.der)?).into_iter().find_map(|(oid, tag, _)| {
                (oid == "2.5.4.5" && tag != 0x13)
                    .then(|| format!("its serialNumber attribute is a {}", encoding::string_type(tag)))
            })
        },
    },
    Lint {
        code: "lint.rfc5280.ocsp_url_scheme",
        severity: Warning,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.2.1; RFC 6960 4.2.1",
        applies: ALL,
        effective: None,
        rule: "An OCSP accessLocation is an HTTP URI: clients do not speak OCSP over anything else.",
        fix: "Have the CA's profile name its responder by an http:// URL.",
        check: |s| {
            s.certificate
                .ocsp_urls()
                .into_iter()
                .find(|u| !u.starts_with("http://") && !u.starts_with("https://"))
                .map(|u| format!("its OCSP URL {u} is not HTTP"))
        },
    },
    Lint {
        code: "lint.rfc6962.poison_critical",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 6962 3.1",
        applies: ALL,
        effective: None,
        rule: "A precertificate's poison extension MUST be critical, so that no client accepts it as a certificate.",
        fix: "The CA must issue precertificates with a critical poison extension.",
        check: |s| {
            fail(extension(s.certificate, "1.3.6.1.4.1.11129.2.4.3").is_none_or(|e| e.critical), || {
                "its CT poison is not critical".into()
            })
        },
    },
    Lint {
        code: "lint.rfc6962.poison_without_scts",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 6962 3.1, 3.3",
        applies: ALL,
        effective: None,
        rule: "A precertificate (poisoned) does not carry SCTs: they go in the final certificate.",
        fix: "The CA must embed SCTs only in the final certificate, without the poison.",
        check: |s| {
            let poisoned = extension(s.certificate, "1.3.6.1.4.1.11129.2.4.3").is_some();
            let scts = extension(s.certificate, "1.3.6.1.4.1.11129.2.4.2").is_some();
            fail(!(poisoned && scts), || "it carries both the CT poison and SCTs".into())
        },
    },
    Lint {
        code: "lint.rfc5280.aki_issuer_and_serial",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.1 (AuthorityKeyIdentifier)",
        applies: ALL,
        effective: None,
        rule: "authorityCertIssuer and authorityCertSerialNumber come together or not at all.",
        fix: "Reissue it with the authority key identifier's keyIdentifier alone.",
        check: |s| match extension(s.certificate, AKI).map(|e| &e.value) {
            Some(Extension::AuthorityKeyId { issuer, serial, .. }) if issuer.is_empty() != serial.is_none() => Some(
                "its authority key identifier names the issuer without its serial, or the serial without the issuer"
                    .into(),
            ),
            _ => None,
        },
    },
    Lint {
        code: "lint.rfc5280.policy_constraints_not_empty",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.11",
        applies: CAS,
        effective: None,
        rule: "Conforming CAs MUST NOT issue certificates whose policy constraints are an empty sequence.",
        fix: "Reissue the CA certificate with requireExplicitPolicy or inhibitPolicyMapping, or without the extension.",
        check: |s| match extension(s.certificate, "2.5.29.36").map(|e| &e.value) {
            Some(Extension::PolicyConstraints { require_explicit_policy: None, inhibit_policy_mapping: None }) => {
                Some("its policy constraints are empty".into())
            }
            _ => None,
        },
    },
    Lint {
        code: "lint.rfc5280.sia_not_empty",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.2.2",
        applies: ALL,
        effective: None,
        rule: "Subject information access holds at least one access description.",
        fix: "Reissue it with the access descriptions, or without the extension.",
        check: |s| match extension(s.certificate, "1.3.6.1.5.5.7.1.11").map(|e| &e.value) {
            Some(Extension::SubjectInfoAccess(list)) if list.is_empty() => {
                Some("its subject information access is empty".into())
            }
            _ => None,
        },
    },
    Lint {
        code: "lint.rfc5280.crl_dp_not_empty",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.2.1.13",
        applies: ALL,
        effective: None,
        rule: "CRL distribution points hold at least one distribution point.",
        fix: "Reissue it with the CRL's URL, or without the extension.",
        check: |s| match extension(s.certificate, CRL_DP).map(|e| &e.value) {
            Some(Extension::CrlDistributionPoints(list)) if list.is_empty() => {
                Some("its CRL distribution points are empty".into())
            }
            _ => None,
        },
    },
    // The TLS Baseline Requirements.
    Lint {
        code: "lint.cabf_br.rsa_exponent",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 6.1.6",
        applies: &[Kind::TlsSubscriber, Kind::SubordinateCa],
        effective: None,
        rule: "An RSA public exponent MUST be an odd number of 3 or more (SHOULD be at least 65537).",
        fix: "Generate a new key with exponent 65537.",
        check: |s| match (s.certificate.public_key.algorithm.as_str(), s.certificate.public_key.exponent) {
            ("RSA", Some(e)) if e < 3 || e % 2 == 0 => Some(format!("its RSA exponent is {e}")),
            _ => None,
        },
    },
    Lint {
        code: "lint.cabf_br.rsa_exponent_small",
        severity: Warning,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 6.1.6",
        applies: &[Kind::TlsSubscriber, Kind::SubordinateCa],
        effective: None,
        rule: "An RSA public exponent SHOULD be at least 65537 (2^16+1).",
        fix: "Generate the next key with exponent 65537.",
        check: |s| match (s.certificate.public_key.algorithm.as_str(), s.certificate.public_key.exponent) {
            ("RSA", Some(e)) if e >= 3 && e % 2 == 1 && e < 65_537 => Some(format!("its RSA exponent is {e}")),
            _ => None,
        },
    },
    Lint {
        code: "lint.cabf_br.rsa_key_usage",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.7.11",
        applies: TLS,
        effective: Some("2023-09-15"),
        rule: "For an RSA key, a TLS subscriber's key usage holds digitalSignature and/or keyEncipherment, nothing else.",
        fix: "Reissue it with digitalSignature (and keyEncipherment only for TLS 1.2 RSA key exchange).",
        check: |s| {
            let c = s.certificate;
            if !c.public_key.algorithm.starts_with("RSA") {
                return None;
            }
            let other: Vec<String> = key_usage(c)?
                .into_iter()
                .filter(|b| !b.starts_with("Digital signature") && !b.starts_with("Key encipherment"))
                .collect();
            fail(other.is_empty(), || format!("its key usage also holds {}", other.join(", ")))
        },
    },
    Lint {
        code: "lint.cabf_br.dv_subject",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.7.2",
        applies: TLS,
        effective: Some("2023-09-15"),
        rule: "A domain-validated certificate's subject may hold only countryName and commonName: nothing about the organisation was validated.",
        fix: "Reissue it without organisation fields, or get it organisation-validated (OV).",
        check: |s| {
            if !policies(s.certificate).iter().any(|p| p == "2.23.140.1.2.1") {
                return None;
            }
            let extra: Vec<&str> = s
                .certificate
                .subject
                .attributes
                .iter()
                .filter(|a| a.short_name != "CN" && a.short_name != "C")
                .map(|a| a.short_name.as_str())
                .collect();
            fail(extra.is_empty(), || format!("it is DV but its subject holds {}", extra.join(", ")))
        },
    },
    Lint {
        code: "lint.cabf_br.ov_subject",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.7.4",
        applies: TLS,
        effective: None,
        rule: "An organisation-validated certificate's subject MUST hold organizationName and countryName, and a locality or state.",
        fix: "Reissue it with the validated organisation's name, country and locality or state.",
        check: |s| {
            if !policies(s.certificate).iter().any(|p| p == "2.23.140.1.2.2") {
                return None;
            }
            missing_attributes(
                s.certificate,
                &[("O", "organizationName"), ("C", "countryName"), ("L|ST", "locality or state")],
            )
            .map(|missing| format!("it is OV but its subject lacks {missing}"))
        },
    },
    Lint {
        code: "lint.cabf_br.crl_dp_http",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.11.2",
        applies: &[Kind::TlsSubscriber, Kind::SubordinateCa],
        effective: Some("2023-09-15"),
        rule: "Each CRL distribution point MUST be a fullName with an HTTP URL (not LDAP, not HTTPS).",
        fix: "Have the CA's profile name its CRL by an http:// URL.",
        check: |s| {
            let urls = s.certificate.crl_urls();
            let bad: Vec<&String> = urls.iter().filter(|u| !u.starts_with("http://")).collect();
            fail(bad.is_empty(), || format!("its CRL distribution point {} is not http://", bad[0]))
        },
    },
    Lint {
        code: "lint.cabf_br.aia_http",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.7.7, 7.1.2.10.3",
        applies: &[Kind::TlsSubscriber, Kind::SubordinateCa],
        effective: Some("2023-09-15"),
        rule: "The OCSP and caIssuers URLs of authority information access MUST be http:// URLs.",
        fix: "Have the CA's profile name its OCSP responder and certificate by http:// URLs.",
        check: |s| {
            let c = s.certificate;
            let all: Vec<String> = c.ocsp_urls().into_iter().chain(c.ca_issuers_urls()).collect();
            all.iter().find(|u| !u.starts_with("http://")).map(|u| format!("its AIA URL {u} is not http://"))
        },
    },
    Lint {
        code: "lint.cabf_br.root_key_usage",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.1.2",
        applies: ROOT,
        effective: Some("2023-09-15"),
        rule: "A root's key usage MUST be present and critical, with keyCertSign and cRLSign.",
        fix: "A root cannot be changed in place: the CA issues a new root with the right key usage.",
        check: |s| ca_key_usage(s.certificate, "a root"),
    },
    Lint {
        code: "lint.cabf_br.root_no_path_length",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.1.4",
        applies: ROOT,
        effective: Some("2023-09-15"),
        rule: "A root's basic constraints MUST NOT hold a path length constraint.",
        fix: "A root cannot be changed in place: the CA issues a new root without it.",
        check: |s| match extension(s.certificate, BASIC_CONSTRAINTS).map(|e| &e.value) {
            Some(Extension::BasicConstraints { path_len: Some(n), .. }) => {
                Some(format!("a root with a path length constraint of {n}"))
            }
            _ => None,
        },
    },
    Lint {
        code: "lint.cabf_br.subca_crl_distribution_point",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.10.2",
        applies: &[Kind::SubordinateCa],
        effective: Some("2023-09-15"),
        rule: "A subordinate CA certificate MUST have a CRL distribution point: its own revocation is published by its issuer's CRL.",
        fix: "Have the issuing CA's profile include its CRL URL.",
        check: |s| {
            fail(extension(s.certificate, CRL_DP).is_some(), || {
                "a subordinate CA without a CRL distribution point".into()
            })
        },
    },
    Lint {
        code: "lint.cabf_br.subca_aia",
        severity: Warning,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.10.3",
        applies: &[Kind::SubordinateCa],
        effective: Some("2023-09-15"),
        rule: "A subordinate CA certificate SHOULD name its issuer's certificate (caIssuers) in authority information access.",
        fix: "Have the issuing CA's profile include its caIssuers URL.",
        check: |s| {
            fail(!s.certificate.ca_issuers_urls().is_empty(), || "a subordinate CA without a caIssuers URL".into())
        },
    },
    Lint {
        code: "lint.cabf_br.validity_period",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 6.3.2",
        applies: TLS,
        effective: Some("2020-09-01"),
        rule: "A TLS subscriber certificate MUST NOT be valid longer than 398 days; 200 days when issued from 2026-03-15, 100 from 2027-03-15, 47 from 2029-03-15.",
        fix: "Reissue it with a shorter validity, and automate renewal (ACME).",
        check: |s| {
            let c = s.certificate;
            let max = tls_max_validity(c.not_before);
            fail(lifetime(c) <= Duration::days(max), || {
                format!("it is valid for {}, more than the {max} days allowed when issued", days(lifetime(c)))
            })
        },
    },
    Lint {
        code: "lint.cabf_br.cn_in_san",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.4.3",
        applies: TLS,
        effective: None,
        rule: "If present, the subject's commonName MUST be one of the values in the SAN; clients ignore the CN, so one that is not in the SAN misleads people.",
        fix: "Reissue it with the CN copied from one of its SAN names, or without a CN.",
        check: |s| {
            let c = s.certificate;
            let cn = c.subject.first("CN")?;
            let names: Vec<&str> = san(c)
                .unwrap_or_default()
                .iter()
                .filter_map(|n| match n {
                    GeneralName::Dns(v) | GeneralName::Ip(v) => Some(v.as_str()),
                    _ => None,
                })
                .collect();
            fail(names.contains(&cn), || format!("its CN '{cn}' is not one of its SAN names"))
        },
    },
    Lint {
        code: "lint.cabf_br.san_present",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.7.12",
        applies: TLS,
        effective: None,
        rule: "A TLS subscriber certificate MUST have a subject alternative name with the names it is for.",
        fix: "Reissue it with its names in the SAN.",
        check: |s| fail(san(s.certificate).is_some_and(|l| !l.is_empty()), || "it has no SAN".into()),
    },
    Lint {
        code: "lint.cabf_br.no_internal_names",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.7.12, 4.2.2",
        applies: TLS,
        effective: Some("2015-11-01"),
        rule: "Publicly-trusted certificates MUST NOT contain Internal Names or Reserved IP Addresses: no one can prove they own 'server.local' or 10.0.0.1.",
        fix: "Use a private CA for internal names, or a public name for the service.",
        check: |s| {
            san(s.certificate)?
                .iter()
                .find(|n| internal(n))
                .map(|n| format!("its SAN holds the internal name or reserved address {}", n.tagged()))
        },
    },
    Lint {
        code: "lint.cabf_br.eku_server_auth",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.7.10",
        applies: TLS,
        effective: None,
        rule: "A TLS subscriber certificate's extended key usage MUST be present and include id-kp-serverAuth.",
        fix: "Reissue it with serverAuth in its extended key usage.",
        check: |s| {
            fail(ekus(s.certificate).iter().any(|u| u == SERVER_AUTH), || {
                "its extended key usage lacks serverAuth".into()
            })
        },
    },
    Lint {
        code: "lint.cabf_br.eku_forbidden",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.7.10",
        applies: TLS,
        effective: None,
        rule: "A TLS subscriber certificate MUST NOT include anyExtendedKeyUsage, codeSigning, emailProtection, timeStamping or OCSPSigning.",
        fix: "Reissue it with serverAuth (and, while allowed, clientAuth) only.",
        check: |s| {
            let bad: Vec<String> = ekus(s.certificate)
                .into_iter()
                .filter(|u| [ANY_EKU, CODE_SIGNING, EMAIL, TIME_STAMPING, "1.3.6.1.5.5.7.3.9"].contains(&u.as_str()))
                .map(|u| crate::model::names::extended_key_usage_name(&u).map_or(u.clone(), str::to_string))
                .collect();
            fail(bad.is_empty(), || format!("its extended key usage includes {}", bad.join(", ")))
        },
    },
    Lint {
        code: "lint.cabf_br.eku_not_critical",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.7.6",
        applies: TLS,
        effective: Some("2023-09-15"),
        rule: "A TLS subscriber certificate's extended key usage MUST NOT be critical.",
        fix: "Reissue it with the extended key usage not critical.",
        check: |s| {
            fail(!extension(s.certificate, EKU).is_some_and(|e| e.critical), || {
                "its extended key usage is critical".into()
            })
        },
    },
    Lint {
        code: "lint.cabf_br.rsa_key_size",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 6.1.5",
        applies: &[Kind::TlsSubscriber, Kind::SubordinateCa],
        effective: Some("2014-01-01"),
        rule: "RSA keys MUST be at least 2048 bits with a modulus size divisible by 8.",
        fix: "Generate a new key (RSA 2048 or more, or P-256) and have the certificate reissued.",
        check: |s| match (s.certificate.public_key.algorithm.as_str(), s.certificate.public_key.bits) {
            ("RSA", Some(bits)) if bits < 2048 || bits % 8 != 0 => Some(format!("an RSA key of {bits} bits")),
            _ => None,
        },
    },
    Lint {
        code: "lint.cabf_br.ec_curve",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 6.1.5",
        applies: &[Kind::TlsSubscriber, Kind::SubordinateCa],
        effective: None,
        rule: "EC keys MUST be on NIST P-256, P-384 or P-521.",
        fix: "Generate a new key on P-256 or P-384 and have the certificate reissued.",
        check: |s| match s.certificate.public_key.curve.as_deref() {
            Some(curve) if !matches!(curve, "P-256" | "P-384" | "P-521") => Some(format!("an EC key on {curve}")),
            _ => None,
        },
    },
    Lint {
        code: "lint.cabf_br.ec_key_usage",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.7.11",
        applies: TLS,
        effective: Some("2023-09-15"),
        rule: "For an EC key, the key usage MUST NOT include keyEncipherment: ECDSA keys sign, they do not encrypt.",
        fix: "Reissue it with digitalSignature only.",
        check: |s| {
            let ec = s.certificate.public_key.algorithm == "EC";
            fail(!(ec && has_bit(s.certificate, "Key encipherment")), || {
                "its EC key's usage includes keyEncipherment".into()
            })
        },
    },
    Lint {
        code: "lint.cabf_br.sha1_signature",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.3.2",
        applies: NOT_ROOT,
        effective: Some("2016-01-01"),
        rule: "CAs MUST NOT sign certificates with SHA-1 (or MD5).",
        fix: "Reissue it signed with SHA-256 or better.",
        check: |s| {
            let lower = s.certificate.signature_algorithm.to_ascii_lowercase();
            fail(!(lower.contains("sha1") || lower.contains("sha-1") || lower.contains("md5")), || {
                format!("it is signed with {}", s.certificate.signature_algorithm)
            })
        },
    },
    Lint {
        code: "lint.cabf_br.serial_entropy",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1",
        applies: &[Kind::TlsSubscriber, Kind::SubordinateCa],
        effective: Some("2016-09-30"),
        rule: "Serial numbers MUST be greater than zero and hold at least 64 bits from a CSPRNG: a serial of fewer than 8 octets cannot.",
        fix: "Have the CA issue it again with a random serial of at least 64 bits.",
        check: |s| {
            let octets = s.certificate.serial.trim_start_matches('0').len().div_ceil(2);
            fail(octets >= 8, || format!("its serial number is {octets} octets: too short to hold 64 random bits"))
        },
    },
    Lint {
        code: "lint.cabf_br.crl_or_ocsp",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.7.6, 1.6.1",
        applies: TLS,
        effective: Some("2024-03-15"),
        rule: "A TLS subscriber certificate that is not short-lived MUST have a CRL distribution point unless it names an OCSP responder.",
        fix: "Have the CA's profile include its CRL URL.",
        check: |s| {
            let c = s.certificate;
            let short =
                lifetime(c) <= crate::diagnose::revocation::short_lived_limit(c.not_before) + Duration::seconds(1);
            fail(short || extension(c, CRL_DP).is_some() || !c.ocsp_urls().is_empty(), || {
                "it has neither a CRL distribution point nor an OCSP URL".into()
            })
        },
    },
    Lint {
        code: "lint.cabf_br.aia_present",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.7.7",
        applies: TLS,
        effective: Some("2023-09-15"),
        rule: "A TLS subscriber certificate MUST have an authority information access extension (caIssuers SHOULD be in it), so clients can fetch a missing intermediate.",
        fix: "Have the CA's profile include the caIssuers URL of the issuing CA.",
        check: |s| fail(extension(s.certificate, AIA).is_some(), || "it has no authority information access".into()),
    },
    Lint {
        code: "lint.cabf_br.policy_present",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.7.9",
        applies: TLS,
        effective: None,
        rule: "A TLS subscriber certificate MUST assert one of the Forum's reserved policy OIDs (DV 2.23.140.1.2.1, OV .2.2, IV .2.3, EV 2.23.140.1.1).",
        fix: "Have the CA's profile assert the policy of the validation done.",
        check: |s| {
            let ok = policies(s.certificate).iter().any(|p| p.starts_with("2.23.140.1.2.") || p == "2.23.140.1.1");
            fail(ok, || "it asserts none of the Forum's TLS policy OIDs".into())
        },
    },
    Lint {
        code: "lint.cabf_br.root_no_eku",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.1.2",
        applies: ROOT,
        effective: Some("2023-09-15"),
        rule: "A root CA certificate MUST NOT have an extended key usage extension.",
        fix: "A root cannot be changed in place: the CA issues a new root without it.",
        check: |s| fail(extension(s.certificate, EKU).is_none(), || "a root with an extended key usage".into()),
    },
    Lint {
        code: "lint.cabf_br.ca_common_name",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.10.2",
        applies: CAS,
        effective: Some("2017-06-08"),
        rule: "A CA certificate's subject MUST include a commonName that identifies the CA.",
        fix: "Reissue the CA certificate with a commonName.",
        check: |s| fail(s.certificate.subject.first("CN").is_some(), || "its subject has no commonName".into()),
    },
    Lint {
        code: "lint.cabf_br.country_code",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.4.2.2 (i)",
        applies: &[Kind::Root, Kind::SubordinateCa, Kind::TlsSubscriber],
        effective: None,
        rule: "countryName MUST be a two-letter ISO 3166-1 code.",
        fix: "Reissue it with the country as two capital letters (DE, US, ...).",
        check: |s| {
            let c = s.certificate.subject.first("C")?;
            fail(c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase()), || {
                format!("its country '{c}' is not a two-letter code")
            })
        },
    },
    Lint {
        code: "lint.cabf_br.san_names_only",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.7.12",
        applies: TLS,
        effective: None,
        rule: "A TLS subscriber certificate's SAN holds only dNSName and iPAddress entries.",
        fix: "Reissue it with the server's names and addresses only (an email address belongs in an S/MIME certificate).",
        check: |s| {
            san(s.certificate)?
                .iter()
                .find(|n| !matches!(n, GeneralName::Dns(_) | GeneralName::Ip(_)))
                .map(|n| format!("its SAN holds {}", n.tagged()))
        },
    },
    Lint {
        code: "lint.cabf_br.key_usage_present",
        severity: Warning,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.7.6, 7.1.2.7.11",
        applies: TLS,
        effective: Some("2023-09-15"),
        rule: "A TLS subscriber certificate SHOULD have a key usage extension.",
        fix: "Have the CA's profile include key usage (digitalSignature).",
        check: |s| fail(extension(s.certificate, KEY_USAGE).is_some(), || "it has no key usage".into()),
    },
    Lint {
        code: "lint.cabf_br.not_critical",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.7.6",
        applies: TLS,
        effective: Some("2023-09-15"),
        rule: "A TLS subscriber certificate's CRL distribution points, authority information access and certificate policies MUST NOT be critical.",
        fix: "Reissue it with those extensions not critical.",
        check: |s| {
            [
                (CRL_DP, "CRL distribution points"),
                (AIA, "authority information access"),
                (POLICIES, "certificate policies"),
            ]
            .into_iter()
            .find(|(oid, _)| extension(s.certificate, oid).is_some_and(|e| e.critical))
            .map(|(_, name)| format!("its {name} is critical"))
        },
    },
    Lint {
        code: "lint.cabf_br.version_3",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.1",
        applies: ALL,
        effective: Some("2012-07-01"),
        rule: "Certificates MUST be X.509 version 3.",
        fix: "Reissue it as a version 3 certificate.",
        check: |s| fail(s.certificate.version == 3, || format!("it is version {}", s.certificate.version)),
    },
    Lint {
        code: "lint.cabf_br.subject_attribute_once",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.4.2",
        applies: &[Kind::TlsSubscriber, Kind::SubordinateCa, Kind::Root],
        effective: Some("2023-09-15"),
        rule: "A name MUST NOT hold more than one instance of an attribute (domainComponent and streetAddress aside).",
        fix: "Reissue it with each attribute once.",
        check: |s| {
            let attributes = &s.certificate.subject.attributes;
            attributes
                .iter()
                .enumerate()
                .find(|(i, a)| {
                    a.oid != "0.9.2342.19200300.100.1.25"
                        && a.oid != "2.5.4.9"
                        && attributes[..*i].iter().any(|b| b.oid == a.oid)
                })
                .map(|(_, a)| format!("its subject holds {} more than once", a.short_name))
        },
    },
    Lint {
        code: "lint.cabf_br.subject_attribute_order",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.4.2",
        applies: &[Kind::TlsSubscriber, Kind::SubordinateCa],
        effective: Some("2023-09-15"),
        rule: "Subject attributes MUST be in the order: domainComponent, countryName, stateOrProvinceName, localityName, postalCode, streetAddress, organizationName, surname, givenName, organizationalUnitName, commonName.",
        fix: "Reissue it with the subject's attributes in the prescribed order.",
        check: |s| {
            const ORDER: [&str; 11] = [
                "0.9.2342.19200300.100.1.25",
                "2.5.4.6",
                "2.5.4.8",
                "2.5.4.7",
                "2.5.4.17",
                "2.5.4.9",
                "2.5.4.10",
                "2.5.4.4",
                "2.5.4.42",
                "2.5.4.11",
                "2.5.4.3",
            ];
            let ranks: Vec<(usize, &str)> = s
                .certificate
                .subject
                .attributes
                .iter()
                .filter_map(|a| ORDER.iter().position(|o| *o == a.oid).map(|r| (r, a.short_name.as_str())))
                .collect();
            ranks.windows(2).find(|w| w[1].0 < w[0].0).map(|w| format!("its {} comes before its {}", w[0].1, w[1].1))
        },
    },
    Lint {
        code: "lint.cabf_br.no_organizational_unit",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.7.4 (ballot SC47)",
        applies: TLS,
        effective: Some("2022-09-01"),
        rule: "A TLS subscriber certificate MUST NOT hold organizationalUnitName: CAs never validated it.",
        fix: "Reissue it without OU.",
        check: |s| {
            fail(s.certificate.subject.first("OU").is_none(), || "its subject holds an organizationalUnitName".into())
        },
    },
    Lint {
        code: "lint.cabf_br.subject_no_placeholder",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.4.2",
        applies: &[Kind::TlsSubscriber, Kind::SubordinateCa],
        effective: None,
        rule: "Subject attributes MUST NOT hold metadata such as '.', '-' or ' ' meaning that a value is absent, nor empty values.",
        fix: "Reissue it leaving out attributes that have no value.",
        check: |s| {
            s.certificate
                .subject
                .attributes
                .iter()
                .find(|a| a.value.trim().trim_matches(|c| c == '.' || c == '-').is_empty())
                .map(|a| format!("its subject's {} is '{}'", a.short_name, a.value))
        },
    },
    Lint {
        code: "lint.cabf_br.signature_hash",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.3.2",
        applies: NOT_ROOT,
        effective: Some("2016-01-01"),
        rule: "Certificates are signed with SHA-256, SHA-384 or SHA-512 (or Ed25519): not SHA-224, not SHA-1, not MD5.",
        fix: "Reissue it signed with SHA-256 or better.",
        check: |s| {
            let name = &s.certificate.signature_algorithm;
            let lower = name.to_ascii_lowercase();
            fail(!lower.contains("224"), || format!("it is signed with {name}"))
        },
    },
    Lint {
        code: "lint.cabf_br.no_dsa",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 6.1.5",
        applies: &[Kind::TlsSubscriber, Kind::SubordinateCa],
        effective: Some("2023-09-15"),
        rule: "Keys are RSA or ECDSA (P-256, P-384, P-521): DSA is no longer allowed.",
        fix: "Generate an RSA or ECDSA key and have the certificate reissued.",
        check: |s| fail(s.certificate.public_key.algorithm != "DSA", || "it has a DSA key".into()),
    },
    Lint {
        code: "lint.cabf_br.root_aki",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.1.3",
        applies: ROOT,
        effective: Some("2023-09-15"),
        rule: "A root's authority key identifier, if present, holds only a keyIdentifier equal to its subject key identifier.",
        fix: "A root cannot be changed in place: the CA issues a new root.",
        check: |s| match extension(s.certificate, AKI).map(|e| &e.value) {
            Some(Extension::AuthorityKeyId { key_id, issuer, serial }) => {
                let own = s.certificate.subject_key_id();
                fail(issuer.is_empty() && serial.is_none() && key_id.as_deref() == own, || {
                    "its authority key identifier is not its own subject key identifier alone".into()
                })
            }
            _ => None,
        },
    },
    Lint {
        code: "lint.cabf_br.subca_policies",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.10.5",
        applies: &[Kind::SubordinateCa],
        effective: Some("2023-09-15"),
        rule: "A subordinate CA certificate MUST carry certificate policies.",
        fix: "Have the issuing CA's profile include the policies the subordinate CA may issue under.",
        check: |s| {
            fail(extension(s.certificate, POLICIES).is_some(), || {
                "a subordinate CA without certificate policies".into()
            })
        },
    },
    Lint {
        code: "lint.cabf_br.subca_key_usage",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.10.7",
        applies: &[Kind::SubordinateCa],
        effective: Some("2023-09-15"),
        rule: "A subordinate CA's key usage MUST be present and critical, with keyCertSign and cRLSign.",
        fix: "Have the issuing CA's profile set a critical key usage of keyCertSign and cRLSign.",
        check: |s| ca_key_usage(s.certificate, "a subordinate CA"),
    },
    Lint {
        code: "lint.cabf_br.ocsp_responder_nocheck",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 4.9.9, 7.1.2.8.6",
        applies: OCSP,
        effective: None,
        rule: "A publicly-trusted delegated OCSP responder's certificate MUST carry id-pkix-ocsp-nocheck.",
        fix: "Issue the responder's certificate with the OCSP no-check extension.",
        check: |s| {
            fail(extension(s.certificate, OCSP_NOCHECK).is_some(), || {
                "a delegated OCSP responder without id-pkix-ocsp-nocheck".into()
            })
        },
    },
    Lint {
        code: "lint.cabf_br.subca_no_any_eku",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.10.6",
        applies: &[Kind::SubordinateCa],
        effective: Some("2023-09-15"),
        rule: "A subordinate CA's extended key usage MUST NOT hold anyExtendedKeyUsage.",
        fix: "Issue the subordinate CA with the purposes it serves (serverAuth, and clientAuth if it must).",
        check: |s| {
            fail(!ekus(s.certificate).iter().any(|u| u == ANY_EKU), || {
                "a subordinate CA whose EKU holds anyExtendedKeyUsage".into()
            })
        },
    },
    Lint {
        code: "lint.cabf_br.subca_eku_separate",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.10.6",
        applies: &[Kind::SubordinateCa],
        effective: Some("2023-09-15"),
        rule: "A TLS subordinate CA (serverAuth in its EKU) MUST NOT also hold emailProtection, codeSigning or timeStamping: each use has its own hierarchy.",
        fix: "Issue separate subordinate CAs for TLS and for other uses.",
        check: |s| {
            let list = ekus(s.certificate);
            let tls = list.iter().any(|u| u == SERVER_AUTH);
            let other: Vec<&String> =
                list.iter().filter(|u| [EMAIL, CODE_SIGNING, TIME_STAMPING].contains(&u.as_str())).collect();
            fail(!tls || other.is_empty(), || "a TLS subordinate CA whose EKU also holds other purposes".into())
        },
    },
    Lint {
        code: "lint.cabf_br.ca_subject_organization",
        severity: Error,
        rulebook: Rulebook::CabfBr,
        citation: "CABF BR 7.1.2.10.2, 7.1.4.3.1",
        applies: CAS,
        effective: Some("2012-07-01"),
        rule: "A CA certificate's subject MUST hold countryName and organizationName: who operates the CA.",
        fix: "Reissue the CA certificate with the operator's organisation name and country.",
        check: |s| {
            missing_attributes(s.certificate, &[("O", "organizationName"), ("C", "countryName")])
                .map(|missing| format!("its subject lacks {missing}"))
        },
    },
    // The EV Guidelines.
    Lint {
        code: "lint.cabf_ev.subject_fields",
        severity: Error,
        rulebook: Rulebook::CabfEv,
        citation: "CABF EVG 7.1.4.2",
        applies: &[Kind::EvSubscriber],
        effective: None,
        rule: "An EV certificate's subject MUST hold organizationName, businessCategory, jurisdictionCountryName, serialNumber (the registration number) and countryName.",
        fix: "Reissue it with the validated organisation's registration details in the subject.",
        check: |s| {
            let wanted = [
                ("2.5.4.10", "organizationName"),
                ("2.5.4.15", "businessCategory"),
                ("1.3.6.1.4.1.311.60.2.1.3", "jurisdictionCountryName"),
                ("2.5.4.5", "serialNumber"),
                ("2.5.4.6", "countryName"),
            ];
            missing_attributes(s.certificate, &wanted)
                .map(|missing| format!("it is EV but its subject lacks {missing}"))
        },
    },
    Lint {
        code: "lint.cabf_ev.no_wildcards",
        severity: Error,
        rulebook: Rulebook::CabfEv,
        citation: "CABF EVG 7.1.4.2.1",
        applies: &[Kind::EvSubscriber],
        effective: None,
        rule: "An EV certificate MUST NOT hold wildcard names (only onion names may).",
        fix: "Reissue it with each name listed.",
        check: |s| {
            san(s.certificate)?.iter().find_map(|n| match n {
                GeneralName::Dns(d) if d.starts_with("*.") && !d.ends_with(".onion") => {
                    Some(format!("its SAN holds the wildcard {d}"))
                }
                _ => None,
            })
        },
    },
    Lint {
        code: "lint.cabf_ev.business_category",
        severity: Error,
        rulebook: Rulebook::CabfEv,
        citation: "CABF EVG 7.1.4.2.3",
        applies: &[Kind::EvSubscriber],
        effective: None,
        rule: "businessCategory MUST be one of 'Private Organization', 'Government Entity', 'Business Entity' or 'Non-Commercial Entity'.",
        fix: "Reissue it with the category the validation found.",
        check: |s| {
            let category = s.certificate.subject.attributes.iter().find(|a| a.oid == "2.5.4.15")?;
            let known = ["Private Organization", "Government Entity", "Business Entity", "Non-Commercial Entity"];
            fail(known.contains(&category.value.as_str()), || format!("its businessCategory is '{}'", category.value))
        },
    },
    Lint {
        code: "lint.cabf_ev.jurisdiction_country",
        severity: Error,
        rulebook: Rulebook::CabfEv,
        citation: "CABF EVG 7.1.4.2.4",
        applies: &[Kind::EvSubscriber],
        effective: None,
        rule: "jurisdictionCountryName is a two-letter ISO 3166-1 country code.",
        fix: "Reissue it with the jurisdiction's country as two capital letters.",
        check: |s| {
            let country = s.certificate.subject.attributes.iter().find(|a| a.oid == "1.3.6.1.4.1.311.60.2.1.3")?;
            let value = &country.value;
            fail(value.len() == 2 && value.chars().all(|c| c.is_ascii_uppercase()), || {
                format!("its jurisdictionCountryName is '{value}'")
            })
        },
    },
    Lint {
        code: "lint.cabf_ev.no_ip_addresses",
        severity: Error,
        rulebook: Rulebook::CabfEv,
        citation: "CABF EVG 7.1.4.2.1",
        applies: &[Kind::EvSubscriber],
        effective: None,
        rule: "An EV certificate MUST NOT hold IP addresses.",
        fix: "Reissue it with domain names only.",
        check: |s| {
            san(s.certificate)?
                .iter()
                .find(|n| matches!(n, GeneralName::Ip(_)))
                .map(|n| format!("its SAN holds {}", n.tagged()))
        },
    },
    // The S/MIME Baseline Requirements.
    Lint {
        code: "lint.smime_br.strict_eku",
        severity: Error,
        rulebook: Rulebook::SmimeBr,
        citation: "CABF S/MIME BR 7.1.2.3 (f)",
        applies: SMIME,
        effective: Some("2023-09-01"),
        rule: "A strict-generation S/MIME certificate's extended key usage holds id-kp-emailProtection only.",
        fix: "Reissue it with emailProtection alone, or under the multipurpose policy.",
        check: |s| {
            let strict = policies(s.certificate).iter().any(|p| p.starts_with("2.23.140.1.5.") && p.ends_with(".3"));
            let list = ekus(s.certificate);
            fail(!strict || list.iter().all(|u| u == EMAIL), || {
                "it is strict S/MIME but its EKU holds more than emailProtection".into()
            })
        },
    },
    Lint {
        code: "lint.smime_br.mailbox_common_name",
        severity: Error,
        rulebook: Rulebook::SmimeBr,
        citation: "CABF S/MIME BR 7.1.4.2.2 (a)",
        applies: SMIME,
        effective: Some("2023-09-01"),
        rule: "In a mailbox-validated S/MIME certificate, a subject commonName holds one of its mailbox addresses: nothing else was validated.",
        fix: "Reissue it with the CN set to the mailbox address, or without a CN.",
        check: |s| {
            let mailbox = policies(s.certificate).iter().any(|p| p.starts_with("2.23.140.1.5.1."));
            let cn = s.certificate.subject.first("CN").filter(|_| mailbox)?;
            let addresses: Vec<&str> = san(s.certificate)
                .unwrap_or_default()
                .iter()
                .filter_map(|n| match n {
                    GeneralName::Email(e) => Some(e.as_str()),
                    _ => None,
                })
                .collect();
            fail(addresses.iter().any(|a| a.eq_ignore_ascii_case(cn)), || {
                format!("its CN '{cn}' is not one of its mailboxes")
            })
        },
    },
    Lint {
        code: "lint.smime_br.key_usage_present",
        severity: Error,
        rulebook: Rulebook::SmimeBr,
        citation: "CABF S/MIME BR 7.1.2.3 (e)",
        applies: SMIME,
        effective: Some("2023-09-01"),
        rule: "An S/MIME subscriber certificate's key usage MUST be present and critical.",
        fix: "Reissue it with a critical key usage (digitalSignature, and keyEncipherment for RSA encryption).",
        check: |s| match extension(s.certificate, KEY_USAGE) {
            None => Some("it has no key usage".into()),
            Some(e) => fail(e.critical, || "its key usage is not critical".into()),
        },
    },
    Lint {
        code: "lint.smime_br.aia_present",
        severity: Error,
        rulebook: Rulebook::SmimeBr,
        citation: "CABF S/MIME BR 7.1.2.3 (c)",
        applies: SMIME,
        effective: Some("2023-09-01"),
        rule: "An S/MIME subscriber certificate MUST have authority information access, not critical.",
        fix: "Have the CA's profile include the caIssuers (and OCSP) URLs.",
        check: |s| match extension(s.certificate, AIA) {
            None => Some("it has no authority information access".into()),
            Some(e) => fail(!e.critical, || "its authority information access is critical".into()),
        },
    },
    Lint {
        code: "lint.smime_br.rsa_key_size",
        severity: Error,
        rulebook: Rulebook::SmimeBr,
        citation: "CABF S/MIME BR 6.1.5",
        applies: SMIME,
        effective: Some("2023-09-01"),
        rule: "S/MIME RSA keys MUST be at least 2048 bits.",
        fix: "Generate a new key (RSA 2048 or more, or P-256) and have the certificate reissued.",
        check: |s| match (s.certificate.public_key.algorithm.as_str(), s.certificate.public_key.bits) {
            ("RSA", Some(bits)) if bits < 2048 => Some(format!("an RSA key of {bits} bits")),
            _ => None,
        },
    },
    Lint {
        code: "lint.smime_br.policy_present",
        severity: Error,
        rulebook: Rulebook::SmimeBr,
        citation: "CABF S/MIME BR 7.1.2.3 (a), 7.1.6.1",
        applies: SMIME,
        effective: Some("2023-09-01"),
        rule: "An S/MIME subscriber certificate MUST assert one of the Forum's S/MIME policy OIDs (2.23.140.1.5.*).",
        fix: "Have the CA's profile assert the S/MIME policy of the validation done.",
        check: |s| {
            fail(policies(s.certificate).iter().any(|p| p.starts_with("2.23.140.1.5.")), || {
                "it asserts none of the Forum's S/MIME policy OIDs".into()
            })
        },
    },
    Lint {
        code: "lint.smime_br.eku_email",
        severity: Error,
        rulebook: Rulebook::SmimeBr,
        citation: "CABF S/MIME BR 7.1.2.3 (f)",
        applies: SMIME,
        effective: Some("2023-09-01"),
        rule: "An S/MIME subscriber certificate's extended key usage MUST include id-kp-emailProtection.",
        fix: "Reissue it with emailProtection in its extended key usage.",
        check: |s| {
            fail(ekus(s.certificate).iter().any(|u| u == EMAIL), || {
                "its extended key usage lacks emailProtection".into()
            })
        },
    },
    Lint {
        code: "lint.smime_br.eku_forbidden",
        severity: Error,
        rulebook: Rulebook::SmimeBr,
        citation: "CABF S/MIME BR 7.1.2.3 (f)",
        applies: SMIME,
        effective: Some("2023-09-01"),
        rule: "An S/MIME subscriber certificate MUST NOT include serverAuth, codeSigning, timeStamping or anyExtendedKeyUsage.",
        fix: "Reissue it with emailProtection (and clientAuth, where allowed) only.",
        check: |s| {
            let bad: Vec<String> = ekus(s.certificate)
                .into_iter()
                .filter(|u| [ANY_EKU, CODE_SIGNING, SERVER_AUTH, TIME_STAMPING].contains(&u.as_str()))
                .map(|u| crate::model::names::extended_key_usage_name(&u).map_or(u.clone(), str::to_string))
                .collect();
            fail(bad.is_empty(), || format!("its extended key usage includes {}", bad.join(", ")))
        },
    },
    Lint {
        code: "lint.smime_br.san_mailbox",
        severity: Error,
        rulebook: Rulebook::SmimeBr,
        citation: "CABF S/MIME BR 7.1.2.3 (h), 7.1.4.2.1",
        applies: SMIME,
        effective: Some("2023-09-01"),
        rule: "An S/MIME subscriber certificate's SAN MUST hold at least one rfc822Name or SmtpUTF8Mailbox.",
        fix: "Reissue it with the mailbox address in the SAN.",
        check: |s| {
            let ok = san(s.certificate).is_some_and(|l| {
                l.iter().any(|n| {
                    matches!(n, GeneralName::Email(_))
                        || matches!(n, GeneralName::Other { oid, .. } if oid == "SmtpUTF8Mailbox")
                })
            });
            fail(ok, || "its SAN holds no email address".into())
        },
    },
    Lint {
        code: "lint.smime_br.validity_period",
        severity: Error,
        rulebook: Rulebook::SmimeBr,
        citation: "CABF S/MIME BR 6.3.2",
        applies: SMIME,
        effective: Some("2023-09-01"),
        rule: "An S/MIME subscriber certificate MUST NOT be valid longer than 825 days.",
        fix: "Reissue it with a validity of at most 825 days.",
        check: |s| {
            fail(lifetime(s.certificate) <= Duration::days(825), || {
                format!("it is valid for {}", days(lifetime(s.certificate)))
            })
        },
    },
    Lint {
        code: "lint.smime_br.crl_distribution_point",
        severity: Error,
        rulebook: Rulebook::SmimeBr,
        citation: "CABF S/MIME BR 7.1.2.3 (b)",
        applies: SMIME,
        effective: Some("2023-09-01"),
        rule: "An S/MIME subscriber certificate MUST have a CRL distribution point with an HTTP URL.",
        fix: "Have the CA's profile include its CRL URL.",
        check: |s| {
            fail(s.certificate.crl_urls().iter().any(|u| u.starts_with("http://")), || {
                "it has no HTTP CRL distribution point".into()
            })
        },
    },
    Lint {
        code: "lint.smime_br.san_mailboxes_only",
        severity: Error,
        rulebook: Rulebook::SmimeBr,
        citation: "CABF S/MIME BR 7.1.2.3 (h), 7.1.4.2.1",
        applies: SMIME,
        effective: Some("2023-09-01"),
        rule: "An S/MIME subscriber certificate's SAN holds mailboxes (rfc822Name, SmtpUTF8Mailbox), not server names or addresses.",
        fix: "Reissue it with the mailbox addresses only.",
        check: |s| {
            san(s.certificate)?
                .iter()
                .find(|n| matches!(n, GeneralName::Dns(_) | GeneralName::Ip(_)))
                .map(|n| format!("its SAN holds {}", n.tagged()))
        },
    },
    // The Code Signing Baseline Requirements.
    Lint {
        code: "lint.cs_br.aia_present",
        severity: Error,
        rulebook: Rulebook::CsBr,
        citation: "CABF CSBR 7.1.2.3 (c)",
        applies: CODE,
        effective: None,
        rule: "A code-signing certificate MUST have authority information access with the issuer's certificate (caIssuers): signatures are checked on machines that fetch it.",
        fix: "Have the CA's profile include its caIssuers URL.",
        check: |s| fail(!s.certificate.ca_issuers_urls().is_empty(), || "it has no caIssuers URL".into()),
    },
    Lint {
        code: "lint.cs_br.policy_present",
        severity: Error,
        rulebook: Rulebook::CsBr,
        citation: "CABF CSBR 7.1.2.3 (a), 7.1.6",
        applies: CODE,
        effective: None,
        rule: "A code-signing certificate MUST assert the Forum's code-signing policy (2.23.140.1.4.1, or EV 2.23.140.1.3).",
        fix: "Have the CA's profile assert the code-signing policy.",
        check: |s| {
            let ok = policies(s.certificate).iter().any(|p| p == "2.23.140.1.4.1" || p == "2.23.140.1.3");
            fail(ok, || "it asserts neither code-signing policy".into())
        },
    },
    Lint {
        code: "lint.cs_br.ec_curve",
        severity: Error,
        rulebook: Rulebook::CsBr,
        citation: "CABF CSBR 6.1.5.2",
        applies: CODE,
        effective: None,
        rule: "Code-signing EC keys MUST be on P-256, P-384 or P-521.",
        fix: "Generate a key on P-256 or P-384 and have the certificate reissued.",
        check: |s| match s.certificate.public_key.curve.as_deref() {
            Some(curve) if !matches!(curve, "P-256" | "P-384" | "P-521") => Some(format!("an EC key on {curve}")),
            _ => None,
        },
    },
    Lint {
        code: "lint.cs_br.eku_code_signing",
        severity: Error,
        rulebook: Rulebook::CsBr,
        citation: "CABF CSBR 7.1.2.3 (f)",
        applies: CODE,
        effective: None,
        rule: "A code-signing certificate's extended key usage MUST include id-kp-codeSigning.",
        fix: "Reissue it with codeSigning in its extended key usage.",
        check: |s| {
            fail(ekus(s.certificate).iter().any(|u| u == CODE_SIGNING), || {
                "its extended key usage lacks codeSigning".into()
            })
        },
    },
    Lint {
        code: "lint.cs_br.eku_forbidden",
        severity: Error,
        rulebook: Rulebook::CsBr,
        citation: "CABF CSBR 7.1.2.3 (f)",
        applies: CODE,
        effective: None,
        rule: "A code-signing certificate MUST NOT include anyExtendedKeyUsage or serverAuth.",
        fix: "Reissue it with codeSigning only.",
        check: |s| {
            let bad: Vec<String> = ekus(s.certificate)
                .into_iter()
                .filter(|u| [ANY_EKU, SERVER_AUTH].contains(&u.as_str()))
                .map(|u| crate::model::names::extended_key_usage_name(&u).map_or(u.clone(), str::to_string))
                .collect();
            fail(bad.is_empty(), || format!("its extended key usage includes {}", bad.join(", ")))
        },
    },
    Lint {
        code: "lint.cs_br.rsa_key_size",
        severity: Error,
        rulebook: Rulebook::CsBr,
        citation: "CABF CSBR 6.1.5.2",
        applies: CODE,
        effective: Some("2021-06-01"),
        rule: "Code-signing RSA keys MUST be at least 3072 bits.",
        fix: "Generate an RSA 3072 (or P-256/P-384) key in the hardware the CSBR require, and have the certificate reissued.",
        check: |s| match (s.certificate.public_key.algorithm.as_str(), s.certificate.public_key.bits) {
            ("RSA", Some(bits)) if bits < 3072 => Some(format!("an RSA key of {bits} bits")),
            _ => None,
        },
    },
    Lint {
        code: "lint.cs_br.validity_period",
        severity: Error,
        rulebook: Rulebook::CsBr,
        citation: "CABF CSBR 6.3.2 (ballot CSC-31)",
        applies: CODE,
        effective: Some("2026-03-01"),
        rule: "A code-signing certificate issued from 2026-03-01 MUST NOT be valid longer than 460 days.",
        fix: "Reissue it with a validity of at most 460 days; timestamp signatures so they outlive it.",
        check: |s| {
            fail(lifetime(s.certificate) <= Duration::days(460), || {
                format!("it is valid for {}", days(lifetime(s.certificate)))
            })
        },
    },
    Lint {
        code: "lint.cs_br.key_usage",
        severity: Error,
        rulebook: Rulebook::CsBr,
        citation: "CABF CSBR 7.1.2.3 (e)",
        applies: CODE,
        effective: None,
        rule: "A code-signing certificate's key usage MUST be present and critical, with digitalSignature.",
        fix: "Reissue it with a critical key usage of digitalSignature.",
        check: |s| match extension(s.certificate, KEY_USAGE) {
            None => Some("it has no key usage".into()),
            Some(e) if !e.critical => Some("its key usage is not critical".into()),
            Some(_) => {
                fail(has_bit(s.certificate, "Digital signature"), || "its key usage lacks digitalSignature".into())
            }
        },
    },
    Lint {
        code: "lint.cs_br.crl_distribution_point",
        severity: Error,
        rulebook: Rulebook::CsBr,
        citation: "CABF CSBR 7.1.2.3 (b)",
        applies: CODE,
        effective: None,
        rule: "A code-signing certificate MUST have a CRL distribution point: signatures are checked long after signing.",
        fix: "Have the CA's profile include its CRL URL.",
        check: |s| fail(!s.certificate.crl_urls().is_empty(), || "it has no CRL distribution point".into()),
    },
    Lint {
        code: "lint.cs_br.subject_organization",
        severity: Error,
        rulebook: Rulebook::CsBr,
        citation: "CABF CSBR 7.1.4.2.2",
        applies: CODE,
        effective: None,
        rule: "A code-signing certificate's subject MUST hold the validated organizationName and countryName: they are what a user is shown as the publisher.",
        fix: "Reissue it with the publisher's validated organisation name and country.",
        check: |s| {
            missing_attributes(s.certificate, &[("O", "organizationName"), ("C", "countryName")])
                .map(|missing| format!("its subject lacks {missing}"))
        },
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_named_by_rulebook() {
        for (i, lint) in TABLE.iter().enumerate() {
            assert!(TABLE[..i].iter().all(|l| l.code != lint.code), "{} twice", lint.code);
            let prefix = match lint.rulebook {
                // RFC 5280 and the RFCs it leans on (5480, 6960, 8410, 3161).
                Rulebook::Rfc5280 => ["lint.rfc", "lint.rfc"],
                Rulebook::CabfBr => ["lint.cabf_br.", "lint.cabf_br."],
                Rulebook::SmimeBr => ["lint.smime_br.", "lint.smime_br."],
                Rulebook::CsBr => ["lint.cs_br.", "lint.cs_br."],
                Rulebook::CabfEv => ["lint.cabf_ev.", "lint.cabf_ev."],
            };
            assert!(prefix.iter().any(|p| lint.code.starts_with(p)), "{} is not named for its rulebook", lint.code);
        }
    }

    #[test]
    fn tls_validity_limits_follow_ballot_sc081() {
        let at = |y, m: u8, d| {
            time::Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap().midnight().assume_utc()
        };
        for (not_before, days) in
            [(at(2025, 1, 1), 398), (at(2026, 3, 15), 200), (at(2027, 3, 15), 100), (at(2029, 3, 15), 47)]
        {
            assert_eq!(tls_max_validity(not_before), days, "issued {not_before}");
        }
    }
}
