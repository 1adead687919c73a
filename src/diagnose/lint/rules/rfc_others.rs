//! The RFCs RFC 5280 leans on (4519, 5480, 6960, 6962, 8410, 3161): names, keys, OCSP
//! responders, Certificate Transparency and time stamping.

use super::*;

/// The rules of this rulebook, in the order of the README's table.
pub(super) static RULES: &[Lint] = &[
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
];
