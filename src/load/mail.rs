//! Signed and encrypted mail (S/MIME, RFC 8551): a `.eml` file whose body is
//! `multipart/signed` (RFC 1847: the first part is what was signed, the second the CMS
//! signature) or opaque `application/pkcs7-mime` (the CMS message carries the content). The
//! signed part is taken exactly as it is in the file, its line ends made CRLF as S/MIME
//! canonicalizes them. Encrypted mail is said to be encrypted; nothing is decrypted.

/// What a mail file holds.
pub(crate) struct Mail {
    /// The From address.
    pub(crate) from: Option<String>,
    /// The CMS signature (DER), and the content it signs when detached.
    pub(crate) signature: Option<(Vec<u8>, Option<Vec<u8>>)>,
    /// An encrypted (enveloped-data) message: its CMS EnvelopedData (DER), when readable.
    pub(crate) encrypted: Option<Option<Vec<u8>>>,
}

/// The header block and the body, split at the first empty line.
fn split(text: &[u8]) -> Option<(&[u8], &[u8])> {
    let lf = text.windows(2).position(|w| w == b"\n\n").map(|at| (at, 2));
    let crlf = text.windows(4).position(|w| w == b"\r\n\r\n").map(|at| (at, 4));
    let (at, gap) = match (lf, crlf) {
        (Some(a), Some(b)) => {
            if a.0 < b.0 {
                a
            } else {
                b
            }
        }
        (a, b) => a.or(b)?,
    };
    Some((&text[..at], &text[at + gap..]))
}

/// The value of a header (unfolded), by name, any case.
fn header(headers: &[u8], name: &str) -> Option<String> {
    let text = String::from_utf8_lossy(headers);
    let mut value: Option<String> = None;
    for line in text.split('\n').map(|l| l.trim_end_matches('\r')) {
        match &mut value {
            Some(v) if line.starts_with([' ', '\t']) => v.push_str(line),
            Some(_) => break,
            None => {
                if let Some((key, rest)) = line.split_once(':')
                    && key.trim().eq_ignore_ascii_case(name)
                {
                    value = Some(rest.trim().to_string());
                }
            }
        }
    }
    value
}

/// A parameter of a header value: `boundary="abc"` in `multipart/signed; boundary="abc"`.
fn parameter(value: &str, name: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|part| {
        let (key, v) = part.split_once('=')?;
        key.trim().eq_ignore_ascii_case(name).then(|| v.trim().trim_matches('"').to_string())
    })
}

fn base64(body: &[u8]) -> Option<Vec<u8>> {
    let clean: Vec<u8> = body.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
    data_encoding::BASE64.decode(&clean).ok()
}

/// Line ends as CRLF (S/MIME's canonical form): a lone LF becomes CRLF.
fn canonical(part: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(part.len() + part.len() / 32);
    for (i, &byte) in part.iter().enumerate() {
        if byte == b'\n' && (i == 0 || part[i - 1] != b'\r') {
            out.push(b'\r');
        }
        out.push(byte);
    }
    out
}

/// Reads a mail file; None when it is not S/MIME mail.
pub(crate) fn read(bytes: &[u8]) -> Option<Mail> {
    // Mail starts with a header line ("Name: value"); anything else is not looked through.
    let first = bytes.split(|&b| b == b'\n').next()?;
    let name = first.split(|&b| b == b':').next()?;
    if name.len() == first.len() || name.is_empty() || !name.iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-') {
        return None;
    }
    let (headers, body) = split(bytes)?;
    let content_type = header(headers, "Content-Type")?;
    let lower = content_type.to_ascii_lowercase();
    let from = header(headers, "From").map(|f| match (f.find('<'), f.find('>')) {
        (Some(a), Some(b)) if a < b => f[a + 1..b].to_string(),
        _ => f,
    });
    if lower.starts_with("multipart/signed") {
        let boundary = format!("--{}", parameter(&content_type, "boundary")?);
        let delimiter = |from: usize| {
            let mut at = from;
            while let Some(found) = body[at..].windows(boundary.len()).position(|w| w == boundary.as_bytes()) {
                let start = at + found;
                // A delimiter starts a line.
                if start == 0 || body[start - 1] == b'\n' {
                    return Some(start);
                }
                at = start + 1;
            }
            None
        };
        let first = delimiter(0)?;
        let line_end = body[first..].iter().position(|&b| b == b'\n')? + first + 1;
        let second = delimiter(line_end)?;
        // The line break before the delimiter belongs to it, not to the part.
        let mut end = second;
        if end > line_end && body[end - 1] == b'\n' {
            end -= 1;
            if end > line_end && body[end - 1] == b'\r' {
                end -= 1;
            }
        }
        let signed = canonical(&body[line_end..end]);
        let after = body[second..].iter().position(|&b| b == b'\n')? + second + 1;
        // The signature part runs to the closing delimiter.
        let closing = delimiter(after).unwrap_or(body.len());
        let (part_headers, raw) = split(&body[after..closing])?;
        let encoded = header(part_headers, "Content-Transfer-Encoding").unwrap_or_default();
        let signature = if encoded.eq_ignore_ascii_case("base64") { base64(raw)? } else { raw.to_vec() };
        return Some(Mail { from, signature: Some((signature, Some(signed))), encrypted: None });
    }
    if lower.contains("pkcs7-mime") {
        let encrypted =
            lower.contains("enveloped-data") || (!lower.contains("signed-data") && !lower.contains("certs-only"));
        if encrypted {
            return Some(Mail { from, signature: None, encrypted: Some(base64(body)) });
        }
        return Some(Mail { from, signature: base64(body).map(|der| (der, None)), encrypted: None });
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_signed_part_is_taken_as_signed_and_the_line_ends_made_crlf() {
        let mail = b"From: Alice <alice@example.test>\nContent-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; boundary=\"b1\"\n\npreamble\n--b1\nHello,\nworld.\n\n--b1\nContent-Type: application/pkcs7-signature\nContent-Transfer-Encoding: base64\n\nAAEC\n\n--b1--\n";
        let read = super::read(mail).unwrap();
        assert_eq!(read.from.as_deref(), Some("alice@example.test"));
        let (signature, content) = read.signature.unwrap();
        assert_eq!(signature, vec![0, 1, 2]);
        assert_eq!(content.unwrap(), b"Hello,\r\nworld.\r\n");
        assert!(super::read(b"Subject: plain\n\nhello\n").is_none());
    }
}
