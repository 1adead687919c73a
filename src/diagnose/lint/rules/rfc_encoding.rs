//! RFC 5280's encoding rules, read from the certificate's own bytes: DER (X.690), the string
//! types of names, the time types of the validity, the algorithm identifiers.

use super::*;

/// The rules of this rulebook, in the order of the README's table.
pub(super) static RULES: &[Lint] = &[
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
            s.subject_values().iter().find_map(|&(ref oid, tag, _)| {
                (encoding::directory_string(oid) && tag != 0x0c && tag != 0x13)
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
            s.subject_values().iter().find_map(|&(ref oid, tag, ref value)| {
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
            s.subject_values().iter().find_map(|&(ref oid, tag, ref value)| {
                (tag == 0x0c && std::str::from_utf8(value).is_err())
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
            s.subject_values().iter().find_map(|&(ref oid, tag, ref value)| {
                (tag == 0x13 && !encoding::printable(value))
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
            s.subject_values().iter().find_map(|&(ref oid, tag, ref value)| {
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
            s.raw_extensions().iter().find_map(|(oid, critical, _)| match critical.as_deref() {
                Some([0xff]) | None => None,
                Some([0x00]) => Some(format!("the extension {oid} writes critical FALSE, a default DER leaves out")),
                Some(other) => Some(format!("the extension {oid} writes its critical flag as {other:02x?}")),
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
            let (_, _, value) = s.raw_extensions().iter().find(|(oid, _, _)| oid == BASIC_CONSTRAINTS)?;
            let (_, content) = encoding::first_element(value)?;
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
            let (_, _, value) = s.raw_extensions().iter().find(|(oid, _, _)| oid == KEY_USAGE)?;
            let (tag, content) = encoding::first_element(value)?;
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
        code: "lint.rfc4519.domain_component_ia5",
        severity: Error,
        rulebook: Rulebook::Rfc5280,
        citation: "RFC 5280 4.1.2.4; RFC 4519 2.4",
        applies: ALL,
        effective: None,
        rule: "A domainComponent is an IA5String.",
        fix: "Reissue it with the domain components as IA5String.",
        check: |s| {
            s.subject_values().iter().find_map(|&(ref oid, tag, _)| {
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
            s.subject_values().iter().find_map(|&(ref oid, tag, _)| {
                (oid == "2.5.4.5" && tag != 0x13)
                    .then(|| format!("its serialNumber attribute is a {}", encoding::string_type(tag)))
            })
        },
    },
];
