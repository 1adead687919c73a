//! The CA/Browser Forum's TLS Baseline Requirements.

use super::*;

/// The rules of this rulebook, in the order of the README's table.
pub(super) static RULES: &[Lint] = &[
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
                .map(|a| a.short_name.as_ref())
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
                .filter_map(|a| ORDER.iter().position(|o| *o == a.oid).map(|r| (r, a.short_name.as_ref())))
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
];
