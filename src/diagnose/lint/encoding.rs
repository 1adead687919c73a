//! Encoding rules, read from the certificate's own bytes: DER (X.690 10.1: definite, minimal
//! lengths), the string types of names (RFC 5280 4.1.2.4 and Appendix A) and the time types
//! of the validity (RFC 5280 4.1.2.5). The model has already decoded these; the rules are
//! about how they were written.

use crate::load::{content, element};

/// One element: its tag byte, its header, its content.
struct Tlv<'a> {
    tag: u8,
    content: &'a [u8],
    /// The whole element, header included.
    raw: &'a [u8],
}

/// Reads the elements of `bytes` one after another, without judging their lengths.
fn elements(mut bytes: &[u8]) -> Vec<Tlv<'_>> {
    let mut out = Vec::new();
    while let Ok((tag, tlv, rest)) = element(bytes) {
        out.push(Tlv { tag, content: content(tlv), raw: tlv });
        bytes = rest;
    }
    out
}

/// The first place the bytes break DER's length rules: an indefinite length, or a long form
/// where the short one fits, or leading zero octets. Constructed elements are walked; an
/// extension's value (DER inside an OCTET STRING) is walked by the caller, not every OCTET
/// STRING (an SCT list holds TLS encoding there).
pub(super) fn length_fault(bytes: &[u8]) -> Option<String> {
    let mut at = 0;
    while at < bytes.len() {
        let tag = bytes[at];
        if tag & 0x1f == 0x1f {
            return None; // a high tag number: not in a certificate's grammar, and not ours to walk
        }
        let first = *bytes.get(at + 1)?;
        let (length, header) = match first {
            0x80 => return Some(format!("an indefinite length at byte {}", at + 1)),
            n if n < 0x80 => (usize::from(n), 2),
            n => {
                let count = usize::from(n & 0x7f);
                let octets = bytes.get(at + 2..at + 2 + count)?;
                if octets.first() == Some(&0) {
                    return Some(format!("a length with a leading zero octet at byte {}", at + 1));
                }
                let length =
                    octets.iter().fold(0usize, |acc, &b| acc.saturating_mul(256).saturating_add(usize::from(b)));
                if length < 0x80 {
                    return Some(format!(
                        "a long-form length ({length}) where the short form fits, at byte {}",
                        at + 1
                    ));
                }
                (length, 2 + count)
            }
        };
        // Lengths come from the file: checked arithmetic, and a length past the end ends the walk.
        let end = at.checked_add(header)?.checked_add(length)?;
        let inner = bytes.get(at + header..end)?;
        if tag & 0x20 != 0
            && let Some(fault) = length_fault(inner)
        {
            return Some(fault);
        }
        at = end;
    }
    None
}

/// The whole certificate, and each extension's value, checked for DER lengths.
pub(super) fn der_fault(der: &[u8]) -> Option<String> {
    if let Some(fault) = length_fault(der) {
        return Some(fault);
    }
    // The extensions: [3] { SEQUENCE OF Extension }, each value an OCTET STRING of DER.
    let extensions = tbs_fields(der)?.into_iter().find(|f| f.tag == 0xa3)?;
    let list = elements(extensions.content).into_iter().next()?;
    for extension in elements(list.content) {
        let value = elements(extension.content).into_iter().find(|f| f.tag == 0x04)?;
        if let Some(fault) = length_fault(value.content) {
            return Some(format!("in an extension's value, {fault}"));
        }
    }
    None
}

/// The TBS certificate's fields, in order.
fn tbs_fields(der: &[u8]) -> Option<Vec<Tlv<'_>>> {
    let certificate = elements(der).into_iter().next()?;
    let tbs = elements(certificate.content).into_iter().next()?;
    Some(elements(tbs.content))
}

/// Whether the TBS carries issuerUniqueID [1] or subjectUniqueID [2].
pub(super) fn unique_ids(der: &[u8]) -> bool {
    tbs_fields(der)
        .is_some_and(|fields| fields.iter().any(|f| f.tag == 0x81 || f.tag == 0xa1 || f.tag == 0x82 || f.tag == 0xa2))
}

/// Whether the signature algorithm inside the TBS is the one outside it (byte for byte).
pub(super) fn signature_algorithms_agree(der: &[u8]) -> Option<bool> {
    let certificate = elements(der).into_iter().next()?;
    let parts = elements(certificate.content);
    let outer = parts.get(1)?;
    let fields = elements(parts.first()?.content);
    let offset = usize::from(fields.first()?.tag == 0xa0);
    let inner = fields.get(offset + 1)?;
    Some(inner.tag == outer.tag && inner.content == outer.content)
}

/// Whether the issuer Name is empty (a SEQUENCE with nothing in it).
pub(super) fn issuer_empty(der: &[u8]) -> bool {
    tbs_fields(der).is_some_and(|fields| {
        let offset = usize::from(fields.first().is_some_and(|f| f.tag == 0xa0));
        fields.get(offset + 2).is_some_and(|issuer| issuer.content.is_empty())
    })
}

/// The serial INTEGER's content octets, as written.
pub(super) fn serial_octets(der: &[u8]) -> Option<Vec<u8>> {
    let fields = tbs_fields(der)?;
    let offset = usize::from(fields.first()?.tag == 0xa0);
    let serial = fields.get(offset)?;
    (serial.tag == 0x02).then(|| serial.content.to_vec())
}

/// Each extension as written: (OID, the critical BOOLEAN's content if encoded, the value's DER).
pub(super) fn raw_extensions(der: &[u8]) -> Vec<(String, Option<Vec<u8>>, Vec<u8>)> {
    let mut out = Vec::new();
    let Some(fields) = tbs_fields(der) else { return out };
    let Some(extensions) = fields.into_iter().find(|f| f.tag == 0xa3) else { return out };
    let Some(list) = elements(extensions.content).into_iter().next() else { return out };
    for extension in elements(list.content) {
        let parts = elements(extension.content);
        let Some(oid) = parts.first().filter(|p| p.tag == 0x06) else { continue };
        let critical = parts.iter().find(|p| p.tag == 0x01).map(|p| p.content.to_vec());
        let value = parts.iter().find(|p| p.tag == 0x04).map(|p| p.content.to_vec()).unwrap_or_default();
        out.push((oid_text(oid.content), critical, value));
    }
    out
}

/// The content of the first element of `der` (an extension's value, say), and its tag.
pub(super) fn first_element(der: &[u8]) -> Option<(u8, Vec<u8>)> {
    elements(der).into_iter().next().map(|t| (t.tag, t.content.to_vec()))
}

/// The elements inside a constructed element's content: (tag, content).
pub(super) fn inner_elements(content: &[u8]) -> Vec<(u8, Vec<u8>)> {
    elements(content).into_iter().map(|t| (t.tag, t.content.to_vec())).collect()
}

/// The signature AlgorithmIdentifier (inside the TBS): its OID and whether parameters follow
/// (and whether they are NULL).
pub(super) fn signature_parameters(der: &[u8]) -> Option<(String, Option<u8>)> {
    let fields = tbs_fields(der)?;
    let offset = usize::from(fields.first()?.tag == 0xa0);
    let algorithm = elements(fields.get(offset + 1)?.content);
    let oid = algorithm.first().filter(|t| t.tag == 0x06)?;
    Some((oid_text(oid.content), algorithm.get(1).map(|p| p.tag)))
}

/// The SubjectPublicKeyInfo's algorithm parameters: their tag (OID for a named curve, NULL,
/// SEQUENCE for explicit parameters), if any.
pub(super) fn key_parameters(der: &[u8]) -> Option<(String, Option<u8>)> {
    let fields = tbs_fields(der)?;
    let offset = usize::from(fields.first()?.tag == 0xa0);
    let spki = elements(fields.get(offset + 5)?.content);
    let algorithm = elements(spki.first()?.content);
    let oid = algorithm.first().filter(|t| t.tag == 0x06)?;
    Some((oid_text(oid.content), algorithm.get(1).map(|p| p.tag)))
}

/// The subject Name as written in the certificate (the model's copy stops at a malformed
/// component: a rule about the bytes reads the bytes).
pub(super) fn subject(der: &[u8]) -> Option<&[u8]> {
    let fields = tbs_fields(der)?;
    let offset = usize::from(fields.first()?.tag == 0xa0);
    fields.get(offset + 4).map(|f| f.raw)
}

/// Whether a Name holds an empty RelativeDistinguishedName (SET SIZE (1..MAX)).
pub(super) fn empty_rdn(name_der: &[u8]) -> bool {
    elements(name_der)
        .into_iter()
        .next()
        .is_some_and(|name| elements(name.content).iter().any(|set| set.content.is_empty()))
}

/// The validity's two times: (tag, text) of notBefore and notAfter.
pub(super) fn validity_times(der: &[u8]) -> Option<[(u8, String); 2]> {
    let fields = tbs_fields(der)?;
    // version [0] is optional: the validity is the first SEQUENCE after two SEQUENCEs (signature, issuer).
    let offset = usize::from(fields.first()?.tag == 0xa0);
    let validity = fields.get(offset + 3)?;
    let times = elements(validity.content);
    let time = |t: &Tlv<'_>| (t.tag, String::from_utf8_lossy(t.content).into_owned());
    Some([time(times.first()?), time(times.get(1)?)])
}

/// Each attribute of a Name: (OID as dotted text, value tag, value bytes).
pub(super) fn name_values(name_der: &[u8]) -> Vec<(String, u8, Vec<u8>)> {
    let mut out = Vec::new();
    let Some(name) = elements(name_der).into_iter().next() else { return out };
    for set in elements(name.content) {
        for attribute in elements(set.content) {
            let parts = elements(attribute.content);
            if let [oid, value, ..] = parts.as_slice()
                && oid.tag == 0x06
            {
                out.push((oid_text(oid.content), value.tag, value.content.to_vec()));
            }
        }
    }
    out
}

fn oid_text(bytes: &[u8]) -> String {
    use x509_parser::der_parser::oid::Oid;
    Oid::new(bytes.into()).to_id_string()
}

/// PrintableString's alphabet (X.680 41.4).
pub(super) fn printable(bytes: &[u8]) -> bool {
    bytes.iter().all(|&b| b.is_ascii_alphanumeric() || b" '()+,-./:=?".contains(&b))
}

/// DirectoryString attributes (X.520): the ones RFC 5280 4.1.2.4 holds to PrintableString or UTF8String.
pub(super) fn directory_string(oid: &str) -> bool {
    matches!(
        oid,
        "2.5.4.3"
            | "2.5.4.4"
            | "2.5.4.7"
            | "2.5.4.8"
            | "2.5.4.9"
            | "2.5.4.10"
            | "2.5.4.11"
            | "2.5.4.12"
            | "2.5.4.15"
            | "2.5.4.17"
            | "2.5.4.41"
            | "2.5.4.42"
            | "2.5.4.43"
            | "2.5.4.44"
            | "2.5.4.65"
            | "2.5.4.97"
    )
}

/// A tag's name, for the words.
pub(super) fn string_type(tag: u8) -> &'static str {
    match tag {
        0x0c => "UTF8String",
        0x13 => "PrintableString",
        0x14 => "TeletexString",
        0x16 => "IA5String",
        0x1c => "UniversalString",
        0x1e => "BMPString",
        0x17 => "UTCTime",
        0x18 => "GeneralizedTime",
        _ => "another type",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_judged_by_der_rules() {
        let rows: &[(&[u8], bool)] = &[
            (&[0x30, 0x03, 0x02, 0x01, 0x05], true),
            (&[0x30, 0x81, 0x03, 0x02, 0x01, 0x05], false), // long form for 3
            (&[0x30, 0x82, 0x00, 0x03, 0x02, 0x01, 0x05], false), // leading zero
            (&[0x30, 0x80, 0x02, 0x01, 0x05, 0x00, 0x00], false), // indefinite
            (&[0x30, 0x03, 0x02, 0x81, 0x01], false),       // inside
        ];
        for (bytes, good) in rows {
            assert_eq!(length_fault(bytes).is_none(), *good, "{bytes:02x?}");
        }
    }
}
