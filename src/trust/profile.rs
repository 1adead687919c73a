//! What rustls-webpki leaves unchecked in a path it accepts, checked here: the structural rules
//! of RFC 5280 and the CA/Browser Forum's Baseline Requirements that a conforming client (or
//! x509-limbo) refuses. Each rule is a line of the checklist, naming the certificate at fault.

use super::Rules;
use crate::model::{Certificate, Extension, GeneralName};
use crate::verification::{Check, Outcome};

/// A certificate of the path and its place in it.
pub(super) struct Link<'a> {
    pub certificate: &'a Certificate,
    pub role: Role,
}

/// Where a certificate sits in the path.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Leaf,
    Intermediate,
    Root,
}

fn extension<'a>(c: &'a Certificate, oid: &str) -> Option<&'a crate::model::ExtensionEntry> {
    c.extensions.iter().find(|e| e.oid == oid)
}

const AKI: &str = "2.5.29.35";
const SKI: &str = "2.5.29.14";
const BASIC_CONSTRAINTS: &str = "2.5.29.19";
const KEY_USAGE: &str = "2.5.29.15";
const NAME_CONSTRAINTS: &str = "2.5.29.30";
const SAN: &str = "2.5.29.17";
const AIA: &str = "1.3.6.1.5.5.7.1.1";

const EKU: &str = "2.5.29.37";

/// Every rule, over the whole path (leaf first, root last when its certificate is known), with
/// the Baseline Requirements' issuance rules as warnings or, under [`Rules::Cabf`], failures.
pub(super) fn checks(
    path: &[Link<'_>],
    now: time::OffsetDateTime,
    rules: Rules,
    purpose: super::Purpose,
) -> Vec<Check> {
    let mut checks = Vec::new();
    let mut rule = |name: &'static str, rule: &dyn Fn(&Link<'_>) -> Option<String>| {
        let faults = faults(path, rule);
        checks.push(Check::require(name, faults.is_empty(), || faults.join("; ")));
    };
    rule("Every certificate of the path is within its validity, the root included", &|link| {
        let c = link.certificate;
        (c.validity_at(now) != crate::model::ValidityStatus::Valid)
            .then(|| crate::model::time::validity_phrase(c.not_before, c.not_after, now))
    });
    rule("Key identifiers as RFC 5280 requires (4.2.1.1, 4.2.1.2)", &key_identifiers);
    rule("Basic constraints and key usage agree (RFC 5280 4.2.1.3, 4.2.1.9)", &ca_rules);
    rule("Name constraints are well formed (RFC 5280 4.2.1.10)", &name_constraints);
    rule("Subject alternative names are well formed (RFC 5280 4.2.1.6, CABF 7.1.4)", &names);
    rule("Serial number is positive and at most 20 octets (RFC 5280 4.1.2.2)", &|link| {
        let serial = &link.certificate.serial;
        if link.role == Role::Root {
            // A root is a name and a key to its clients: Starfield's G2 root, in Mozilla's store, has serial 0.
            None
        } else if serial.trim_start_matches('0').is_empty() {
            Some("the serial number is zero".into())
        } else if serial.len() > 40 {
            Some(format!("the serial number is {} octets long", serial.len() / 2))
        } else {
            None
        }
    });
    rule("Keys strong enough (CABF 6.1.5)", &key_strength);
    rule("No critical extension a client cannot process", &|link| {
        let unknown: Vec<&str> = link
            .certificate
            .extensions
            .iter()
            .filter(|e| e.critical && matches!(e.value, Extension::Unknown { .. } | Extension::Malformed { .. }))
            .map(|e| e.name.as_ref())
            .collect();
        (!unknown.is_empty()).then(|| format!("critical extension {} is not understood", unknown.join(", ")))
    });
    rule("Authority information access is well formed (RFC 5280 4.2.2.1)", &|link| match extension(
        link.certificate,
        AIA,
    )
    .map(|e| &e.value)
    {
        Some(Extension::AuthorityInfoAccess { ocsp, ca_issuers, other })
            if ocsp.is_empty() && ca_issuers.is_empty() && other.is_empty() =>
        {
            Some("its AIA extension holds no access description".into())
        }
        Some(Extension::Malformed { error, .. }) => Some(format!("its AIA extension is malformed: {error}")),
        _ => None,
    });
    // Rules of issuance that browsers do not enforce on a path: the certificate works, but its CA
    // broke the Baseline Requirements. A note by default, a failure under the strict rules.
    let mut issuance = |name: &'static str, rule: &dyn Fn(&Link<'_>) -> Option<String>| {
        let faults = faults(path, rule);
        let outcome = match rules {
            _ if faults.is_empty() => Outcome::Pass,
            Rules::Cabf => Outcome::Fail(faults.join("; ")),
            Rules::Browsers => Outcome::Warn(faults.join("; ")),
        };
        checks.push(Check { name, outcome });
    };
    // The TLS Baseline Requirements' rule: a code-signing or S/MIME certificate's CN is a name
    // of an organisation or a person, not a host.
    if matches!(purpose, super::Purpose::Server | super::Purpose::Client) {
        issuance("The subject CN is one of the SAN names (CABF 7.1.4.3)", &common_name_in_san);
    }
    if rules == Rules::Cabf {
        issuance("Extended key usage as CABF 7.1.2 requires", &cabf_eku);
    }
    checks
}

/// What `rule` finds wrong along the path, each naming its certificate: "'X': why".
fn faults(path: &[Link<'_>], rule: &dyn Fn(&Link<'_>) -> Option<String>) -> Vec<String> {
    path.iter()
        .filter_map(|link| rule(link).map(|why| format!("'{}': {why}", link.certificate.display_name())))
        .collect()
}

/// CABF 7.1.4.3: "If present, [the CN] MUST contain exactly one entry that is one of the values
/// contained in the Certificate's subjectAltName extension". Browsers ignore the CN (RFC 6125),
/// so this is the CA's fault, not a client's reason to refuse: except under the strict rules.
fn common_name_in_san(link: &Link<'_>) -> Option<String> {
    if link.role != Role::Leaf {
        return None;
    }
    let c = link.certificate;
    let cns: Vec<&str> =
        c.subject.attributes.iter().filter(|a| a.short_name == "CN").map(|a| a.value.as_str()).collect();
    let cn = cns.first()?;
    if cns.len() > 1 {
        return Some(format!("its subject has {} CNs; at most one is allowed", cns.len()));
    }
    let list = match extension(c, SAN).map(|e| &e.value) {
        Some(Extension::SubjectAltName(list)) => list.as_slice(),
        _ => &[],
    };
    let names: Vec<&str> = list
        .iter()
        .filter_map(|n| match n {
            // An address is compared in its textual form (RFC 5952 for IPv6, as the model writes it).
            GeneralName::Dns(v) | GeneralName::Ip(v) => Some(v.as_str()),
            _ => None,
        })
        .collect();
    if names.contains(cn) {
        return None;
    }
    let covers = if names.is_empty() { "none".to_string() } else { names.join(", ") };
    Some(format!(
        "its CN is not one of its SAN names ({covers}): clients ignore the CN, and CABF 7.1.4.3 wants it copied from the SAN"
    ))
}

/// CABF 7.1.2.7.6 and 7.1.2.1: a subscriber certificate has an EKU, not critical and without
/// anyExtendedKeyUsage; a root has none.
fn cabf_eku(link: &Link<'_>) -> Option<String> {
    let entry = extension(link.certificate, EKU);
    let any = crate::model::names::extended_key_usage_name("2.5.29.37.0").unwrap_or_default();
    match (link.role, entry) {
        (Role::Leaf, None) => Some("it has no extended key usage extension".into()),
        (Role::Leaf, Some(e)) if e.critical => Some("its extended key usage is marked critical".into()),
        (Role::Leaf, Some(e)) if matches!(&e.value, Extension::ExtendedKeyUsage(list) if list.iter().any(|u| u == any)) => {
            Some("its extended key usage includes anyExtendedKeyUsage".into())
        }
        (Role::Root, Some(_)) => Some("a root must not have an extended key usage extension".into()),
        _ => None,
    }
}

fn key_identifiers(link: &Link<'_>) -> Option<String> {
    let c = link.certificate;
    let aki = extension(c, AKI);
    let ski = extension(c, SKI);
    if aki.is_some_and(|e| e.critical) {
        return Some("its authority key identifier is marked critical".into());
    }
    if ski.is_some_and(|e| e.critical) {
        return Some("its subject key identifier is marked critical".into());
    }
    if let Some(Extension::Malformed { error, .. }) = aki.map(|e| &e.value) {
        return Some(format!("its authority key identifier is malformed: {error}"));
    }
    match link.role {
        Role::Root => {
            if ski.is_none() {
                return Some("a CA certificate without a subject key identifier".into());
            }
            // CABF 7.1.2.1.3: a (self-signed) root's AKI, if any, holds only a keyIdentifier equal
            // to its SKI. An intermediate trusted as an anchor keeps its issuer's AKI.
            if let Some(Extension::AuthorityKeyId { key_id, issuer, serial }) =
                aki.filter(|_| c.self_signed).map(|e| &e.value)
            {
                let own = c.subject_key_id();
                if key_id.is_none() || !issuer.is_empty() || serial.is_some() || key_id.as_deref() != own {
                    return Some("its authority key identifier must hold only a keyIdentifier equal to its SKI".into());
                }
            }
            None
        }
        Role::Intermediate | Role::Leaf => {
            if aki.is_none() && !c.self_signed {
                return Some("no authority key identifier (required for all but self-signed certificates)".into());
            }
            (link.role == Role::Intermediate && ski.is_none())
                .then(|| "a CA certificate without a subject key identifier".into())
        }
    }
}

fn ca_rules(link: &Link<'_>) -> Option<String> {
    let c = link.certificate;
    let constraints = extension(c, BASIC_CONSTRAINTS);
    let key_usage = c.extensions.iter().find_map(|e| match &e.value {
        Extension::KeyUsage(bits) if e.oid == KEY_USAGE => Some(bits),
        _ => None,
    });
    let cert_sign = key_usage.map(|bits| bits.iter().any(|b| b == "Certificate signing"));
    if link.role == Role::Root {
        match constraints {
            None => return Some("a root without basic constraints".into()),
            Some(e) if !e.critical => return Some("a root whose basic constraints are not critical".into()),
            _ => {}
        }
    }
    if link.role != Role::Leaf {
        if cert_sign == Some(false) {
            return Some("a CA whose key usage does not allow certificate signing (keyCertSign)".into());
        }
        if c.subject.der.len() <= 2 {
            return Some("a CA with an empty subject".into());
        }
    }
    if !c.is_ca() && cert_sign == Some(true) {
        return Some("keyCertSign is set but the certificate is not a CA".into());
    }
    None
}

fn name_constraints(link: &Link<'_>) -> Option<String> {
    let entry = extension(link.certificate, NAME_CONSTRAINTS)?;
    if !link.certificate.is_ca() {
        return Some("name constraints in a certificate that is not a CA".into());
    }
    match &entry.value {
        Extension::NameConstraints { permitted, excluded } => {
            if permitted.is_empty() && excluded.is_empty() {
                return Some("name constraints with neither permitted nor excluded subtrees".into());
            }
            let dotted =
                permitted.iter().chain(excluded).find(|n| matches!(n, GeneralName::Dns(d) if d.starts_with('.')));
            dotted.map(|n| format!("{} is not a valid dNSName constraint (no leading period)", n.tagged()))
        }
        Extension::Malformed { error, .. } => Some(format!("malformed name constraints: {error}")),
        _ => None,
    }
}

fn names(link: &Link<'_>) -> Option<String> {
    let c = link.certificate;
    let entry = extension(c, SAN)?;
    let subject_empty = c.subject.attributes.is_empty();
    if subject_empty && !entry.critical {
        return Some("the subject is empty, so its SAN must be critical".into());
    }
    if !subject_empty && entry.critical && link.role == Role::Leaf {
        return Some("its SAN is critical although the subject is not empty".into());
    }
    let Extension::SubjectAltName(list) = &entry.value else {
        return None;
    };
    if let Some(bad) = list.iter().find_map(|n| match n {
        GeneralName::Dns(d) if !valid_dns(d) => Some(d),
        _ => None,
    }) {
        return Some(format!("'{bad}' is not a valid DNS name"));
    }
    // CABF 7.1.4.3: a subject CN is a character-for-character copy of a SAN value. A CN that is
    // merely absent from the SAN cannot be refused (the BetterTLS cases expect it to pass), but
    // one that names a SAN value in another spelling (case, IP notation) is mis-encoded.
    if link.role == Role::Leaf
        && let Some(cn) = c.subject.first("CN")
    {
        let near_miss = list.iter().find(|n| match n {
            GeneralName::Dns(d) => d != cn && d.eq_ignore_ascii_case(cn),
            GeneralName::Ip(ip) => ip != cn && lenient_ip(cn).is_some_and(|a| ip.parse() == Ok(a)),
            _ => false,
        });
        // A domain-like CN in Unicode can never be a copy of a dNSName (they are ASCII A-labels).
        let has_dns = list.iter().any(|n| matches!(n, GeneralName::Dns(_)));
        if has_dns && !cn.is_ascii() && cn.contains('.') && !cn.contains(char::is_whitespace) {
            return Some(format!("its subject CN '{cn}' is a Unicode domain name; SAN dNSNames are ASCII (punycode)"));
        }
        if let Some(entry) = near_miss {
            return Some(format!(
                "its subject CN '{cn}' names {} in another spelling: it must be a character-for-character copy",
                entry.tagged()
            ));
        }
    }
    None
}

/// Letters, digits and hyphens in labels of 1 to 63, a wildcard only as the whole first label.
pub(crate) fn valid_dns(name: &str) -> bool {
    let name = name.strip_prefix("*.").unwrap_or(name);
    !name.is_empty()
        && name.len() <= 253
        && name.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-')
        })
}

fn key_strength(link: &Link<'_>) -> Option<String> {
    let key = &link.certificate.public_key;
    match (key.algorithm.as_str(), key.bits, key.curve.as_deref()) {
        ("RSA", Some(bits), _) if bits % 8 != 0 => Some(format!("an RSA key of {bits} bits (not a multiple of 8)")),
        ("RSA", Some(bits), _) if bits < 2048 && link.role != Role::Root => {
            Some(format!("an RSA key of {bits} bits (at least 2048 are required)"))
        }
        ("DSA", ..) => Some("a DSA key (not allowed for TLS)".into()),
        (_, _, Some(curve)) if !matches!(curve, "P-256" | "P-384" | "P-521") => {
            Some(format!("an EC key on {curve} (only P-256, P-384 and P-521 are allowed)"))
        }
        _ => None,
    }
}

/// An address as lenient parsers read it: IPv6 in any notation, IPv4 dotted with leading zeros,
/// or one hexadecimal number (`0xC0A80101`).
fn lenient_ip(text: &str) -> Option<std::net::IpAddr> {
    if let Ok(address) = text.parse::<std::net::Ipv6Addr>() {
        return Some(address.into());
    }
    if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
        return u32::from_str_radix(hex, 16).ok().map(|n| std::net::Ipv4Addr::from(n).into());
    }
    let parts: Vec<u8> = text.split('.').map(|p| p.parse::<u8>().ok()).collect::<Option<_>>()?;
    <[u8; 4]>::try_from(parts).ok().map(|octets| std::net::Ipv4Addr::from(octets).into())
}
