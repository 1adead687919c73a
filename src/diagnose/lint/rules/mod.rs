//! The rules, one row each. Severity follows the text: MUST/MUST NOT/SHALL are errors,
//! SHOULD/SHOULD NOT warnings. Sections are those of RFC 5280, the TLS Baseline Requirements
//! 2.x, the S/MIME Baseline Requirements 1.0 and the Code Signing Baseline Requirements 3.x.

use time::Duration;

mod cabf_br;
mod cabf_ev;
mod cs_br;
mod rfc;
mod rfc_encoding;
mod rfc_others;
mod smime_br;

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

/// Every rule, rulebook by rulebook.
pub fn table() -> impl Iterator<Item = &'static Lint> {
    rfc::RULES
        .iter()
        .chain(rfc_others::RULES)
        .chain(rfc_encoding::RULES)
        .chain(cabf_br::RULES)
        .chain(cabf_ev::RULES)
        .chain(smime_br::RULES)
        .chain(cs_br::RULES)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_named_by_rulebook() {
        let all: Vec<&Lint> = table().collect();
        for (i, lint) in all.iter().enumerate() {
            assert!(all[..i].iter().all(|l| l.code != lint.code), "{} twice", lint.code);
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
