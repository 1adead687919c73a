//! The CA/Browser Forum's S/MIME Baseline Requirements.

use super::*;

/// The rules of this rulebook, in the order of the README's table.
pub(super) static RULES: &[Lint] = &[
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
];
