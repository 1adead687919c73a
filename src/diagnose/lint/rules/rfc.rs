//! RFC 5280: what every certificate's fields and extensions must be.

use super::*;

/// The rules of this rulebook, in the order of the README's table.
pub(super) static RULES: &[Lint] = &[
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
];
