//! The CA/Browser Forum's Code Signing Baseline Requirements.

use super::*;

/// The rules of this rulebook, in the order of the README's table.
pub(super) static RULES: &[Lint] = &[
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
