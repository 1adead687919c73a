//! DER: tell what a blob of DER holds from its first two headers, and say plainly where
//! broken DER breaks.

use x509_parser::asn1_rs::{Class, FromBer, Header, Length, Tag};

use super::LoadError;
use crate::model::{Certificate, CertificateRequest, RevocationList};

/// What a DER blob looks like from its outer structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// SEQUENCE { SEQUENCE tbs, AlgorithmIdentifier, BIT STRING }: a certificate, CRL or CSR.
    Signed,
    /// ContentInfo with signedData (RFC 5652): a .p7b/.p7c bundle.
    Pkcs7,
    /// PFX version 3 (RFC 7292).
    Pkcs12,
    /// PrivateKeyInfo (RFC 5958).
    Pkcs8,
    /// RSAPrivateKey (RFC 8017 A.1.2).
    Pkcs1,
    /// ECPrivateKey (RFC 5915).
    Sec1,
}

impl Kind {
    /// The container's name for people.
    pub fn container(self) -> &'static str {
        match self {
            Self::Signed | Self::Pkcs8 | Self::Pkcs1 | Self::Sec1 => "DER",
            Self::Pkcs7 => "PKCS#7",
            Self::Pkcs12 => "PKCS#12",
        }
    }
}

/// id-signedData, 1.2.840.113549.1.7.2, as a full TLV.
const SIGNED_DATA_OID: &[u8] = &[0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

/// Decides what the DER holds without parsing it all.
pub fn sniff(bytes: &[u8]) -> Result<Kind, LoadError> {
    let not_recognized = || LoadError::NotRecognized { hint: describe(bytes) };
    let Ok((content, outer)) = Header::from_ber(bytes) else {
        return Err(not_recognized());
    };
    if outer.tag() != Tag::Sequence || !outer.is_constructed() || outer.class() != Class::Universal {
        return Err(not_recognized());
    }
    if let Some(truncated) = truncation(bytes) {
        return Err(LoadError::Parse(truncated));
    }
    let Ok((after_first, first)) = Header::from_ber(content) else {
        return Err(LoadError::Parse(format!(
            "invalid DER: the outer SEQUENCE holds no valid element (at byte {})",
            bytes.len() - content.len()
        )));
    };
    let first_tlv_len = content.len() - after_first.len() + definite(&first).unwrap_or(0);
    let next_tag = definite(&first)
        .and_then(|len| after_first.get(len..))
        .and_then(|rest| Header::from_ber(rest).ok())
        .map(|(_, header)| header.tag());
    match first.tag() {
        Tag::Sequence => Ok(Kind::Signed),
        Tag::Oid if content.get(..first_tlv_len) == Some(SIGNED_DATA_OID) => Ok(Kind::Pkcs7),
        Tag::Oid => Err(LoadError::NotRecognized {
            hint: ": it is a CMS/PKCS#7 message of a kind that carries no certificate list".into(),
        }),
        Tag::Integer => {
            let version = after_first.get(..definite(&first).unwrap_or(0)).unwrap_or_default();
            match (version, next_tag) {
                ([3], Some(Tag::Sequence)) => Ok(Kind::Pkcs12),
                ([0], Some(Tag::Sequence)) | ([1], Some(Tag::Sequence)) => Ok(Kind::Pkcs8),
                ([0], Some(Tag::Integer)) => Ok(Kind::Pkcs1),
                ([1], Some(Tag::OctetString)) => Ok(Kind::Sec1),
                _ => Err(not_recognized()),
            }
        }
        _ => Err(not_recognized()),
    }
}

fn definite(header: &Header<'_>) -> Option<usize> {
    match header.length() {
        Length::Definite(n) => Some(n),
        Length::Indefinite => None,
    }
}

/// One of the three signed structures.
pub enum Signed {
    Certificate(Box<Certificate>),
    Request(Box<CertificateRequest>),
    RevocationList(Box<RevocationList>),
}

/// Parses a signed structure: a certificate, else a CRL, else a CSR.
pub fn parse_signed(bytes: &[u8]) -> Result<Signed, String> {
    let certificate_error = match Certificate::from_der(bytes) {
        Ok(certificate) => return Ok(Signed::Certificate(Box::new(certificate))),
        Err(err) => err,
    };
    if let Ok(list) = RevocationList::from_der(bytes) {
        return Ok(Signed::RevocationList(Box::new(list)));
    }
    if let Ok(request) = CertificateRequest::from_der(bytes) {
        return Ok(Signed::Request(Box::new(request)));
    }
    Err(certificate_error)
}

/// X.509 structures are a universal, constructed SEQUENCE (0x30). The parser below also takes
/// other classes with tag number 16, and the outer wrapper is not covered by the signature, so
/// without this check a re-tagged certificate would verify as if it were the original.
pub(crate) fn expect_sequence(der: &[u8]) -> Result<(), String> {
    match der.first() {
        Some(0x30) => Ok(()),
        Some(other) => Err(format!("invalid DER: expected a SEQUENCE (30) at byte 0, found {other:02X}")),
        None => Err("the data is empty".into()),
    }
}

/// One DER element: its first tag byte, the whole TLV, and what follows it.
pub(crate) fn element(bytes: &[u8]) -> Result<(u8, &[u8], &[u8]), String> {
    use x509_parser::asn1_rs::FromDer as _;
    let tag = *bytes.first().ok_or("unexpected end of data")?;
    // DER rules: definite, minimal lengths only.
    let (content, header) = Header::from_der(bytes).map_err(|e| format!("not DER: {e}"))?;
    let length = definite(&header).ok_or("indefinite length in DER")?;
    let total = bytes.len() - content.len() + length;
    let (tlv, rest) = bytes.split_at_checked(total).ok_or("truncated element")?;
    Ok((tag, tlv, rest))
}

/// Checks the unsigned envelope of a signed structure (certificate, CRL) before its signature
/// is believed: SEQUENCE { SEQUENCE tbs, AlgorithmIdentifier, BIT STRING } in strict DER, with
/// the outer algorithm byte-identical to the one inside the signed part (RFC 5280 4.1.1.2).
/// A lax parser would otherwise accept re-encoded envelopes around a valid signature.
pub(crate) fn check_signed_envelope(der: &[u8]) -> Result<(), String> {
    let envelope = |why: &str| format!("the certificate's unsigned outer structure is malformed: {why}");
    let (tag, outer, trailing) = element(der).map_err(|e| envelope(&e))?;
    if tag != 0x30 || !trailing.is_empty() {
        return Err(envelope("not a single SEQUENCE"));
    }
    let header_rest = content(outer);
    let (tbs_tag, tbs, rest) = element(header_rest).map_err(|e| envelope(&e))?;
    let (alg_tag, algorithm, rest) = element(rest).map_err(|e| envelope(&e))?;
    let (bits_tag, bits, rest) = element(rest).map_err(|e| envelope(&e))?;
    if (tbs_tag, alg_tag, bits_tag) != (0x30, 0x30, 0x03) || !rest.is_empty() {
        return Err(envelope("expected SEQUENCE, SEQUENCE, BIT STRING"));
    }
    if content(bits).first() != Some(&0) {
        return Err(envelope("the signature BIT STRING has unused bits"));
    }
    // Inside the TBS: [0] version (optional) and the serial INTEGER come before the signature algorithm
    // in a certificate; a CRL's TBS starts with an optional version INTEGER.
    let mut inner = content(tbs);
    loop {
        let (tag, tlv, rest) = element(inner).map_err(|e| envelope(&e))?;
        match tag {
            0xa0 | 0x02 => inner = rest,
            0x30 if tlv == algorithm => return Ok(()),
            _ => {
                return Err(
                    "the signature algorithm outside the signed part differs from the one inside (RFC 5280 4.1.1.2)"
                        .into(),
                );
            }
        }
    }
}

/// The content of a TLV split off by `element` (its header already checked there).
pub(crate) fn content(tlv: &[u8]) -> &[u8] {
    &tlv[tlv.len() - content_len(tlv).min(tlv.len())..]
}

/// The length of a TLV's content (its header already checked by `element`).
fn content_len(tlv: &[u8]) -> usize {
    use x509_parser::asn1_rs::FromDer as _;
    Header::from_der(tlv).ok().and_then(|(_, h)| definite(&h)).unwrap_or(0)
}

/// Words for a DER parse failure: truncation with the byte where the data ends, else the parser's error.
pub(crate) fn der_error(der: &[u8], err: &impl std::fmt::Display) -> String {
    truncation(der).unwrap_or_else(|| format!("invalid DER: {err}"))
}

/// Says where the data ends when the outer header promises more than there is.
fn truncation(der: &[u8]) -> Option<String> {
    let Ok((content, outer)) = Header::from_ber(der) else {
        return Some(format!("truncated DER at byte {}: not even a complete first header", der.len()));
    };
    let declared = definite(&outer)?;
    (declared > content.len()).then(|| {
        let header_len = der.len() - content.len();
        format!(
            "truncated DER at byte {}: the outer {} declares {} bytes in all",
            der.len(),
            tag_name(outer.tag()),
            header_len + declared
        )
    })
}

fn tag_name(tag: Tag) -> String {
    match tag {
        Tag::Sequence => "SEQUENCE".into(),
        Tag::Set => "SET".into(),
        other => format!("element (tag {})", other.0),
    }
}

/// A hint for bytes that are not DER at all: what they look like instead.
fn describe(bytes: &[u8]) -> String {
    let magic: [(&[u8], &str); 7] = [
        (b"\x89PNG", "a PNG image"),
        (b"%PDF", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x1f\x8b", "gzip-compressed data"),
        (b"\x7fELF", "a program (ELF)"),
        (b"{", "JSON or other text"),
        (b"<", "HTML or XML"),
    ];
    if let Some((_, what)) = magic.iter().find(|(prefix, _)| bytes.starts_with(prefix)) {
        return format!(": it looks like {what}");
    }
    let head: Vec<String> = bytes.iter().take(4).map(|b| format!("{b:02X}")).collect();
    if std::str::from_utf8(bytes).is_ok() {
        ": it is text without a -----BEGIN line".into()
    } else {
        format!(": it starts with bytes {}", head.join(" "))
    }
}

/// `content` wrapped in a SEQUENCE header (DER, definite length): a trust anchor's subject
/// or key info back into the element it was cut from.
pub(crate) fn wrap_sequence(content: &[u8]) -> Vec<u8> {
    wrap(0x30, content)
}

/// Wraps content in a DER TLV with the tag given.
pub(crate) fn wrap(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut der = vec![tag];
    let length = content.len();
    if length < 0x80 {
        der.push(length as u8);
    } else {
        let octets: Vec<u8> = length.to_be_bytes().into_iter().skip_while(|&b| b == 0).collect();
        der.push(0x80 | octets.len() as u8);
        der.extend(octets);
    }
    der.extend_from_slice(content);
    der
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncated_der_names_the_byte_where_it_ends() {
        // SEQUENCE declaring 0x0200 bytes, with 3 present.
        let message = truncation(&[0x30, 0x82, 0x02, 0x00, 0x30, 0x01, 0x00]).unwrap();
        assert_eq!(message, "truncated DER at byte 7: the outer SEQUENCE declares 516 bytes in all");
    }

    #[test]
    fn non_der_is_described() {
        let rows: [(&[u8], &str); 3] =
            [(b"\x89PNG\r\n", "PNG"), (b"hello world", "text without"), (&[0x01, 0x02, 0xff, 0xfe], "01 02 FF FE")];
        for (bytes, want) in rows {
            let err = sniff(bytes).unwrap_err().to_string();
            assert!(err.contains(want), "{want}: {err}");
        }
    }
}
