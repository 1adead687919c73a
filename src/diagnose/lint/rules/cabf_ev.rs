//! The CA/Browser Forum's EV Guidelines.

use super::*;

/// The rules of this rulebook, in the order of the README's table.
pub(super) static RULES: &[Lint] = &[
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
];
