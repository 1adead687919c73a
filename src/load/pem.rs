//! PEM: find every `-----BEGIN X-----` block in text, whatever surrounds it.
//!
//! x509-parser's reader wants clean input (no indentation, no RFC 1421 headers, strict base64);
//! files in the wild have CRLF, indentation, `subject=` lines from `openssl x509 -text` and mail
//! quoting, so blocks are found line by line here and the base64 is decoded by `data-encoding`.

/// One PEM block: its label and the decoded DER, with where it started.
#[derive(Debug)]
pub struct PemBlock {
    /// The label after `BEGIN`, e.g. `CERTIFICATE`.
    pub label: String,
    /// 1-based line of the BEGIN line.
    pub line: usize,
    /// The decoded contents, or why they could not be decoded.
    pub der: Result<Vec<u8>, String>,
    /// RFC 1421 headers said `Proc-Type: 4,ENCRYPTED` (OpenSSL's legacy encrypted keys).
    pub encrypted: bool,
}

/// True when the text holds at least one PEM BEGIN line.
pub fn looks_like_pem(bytes: &[u8]) -> bool {
    // One DER SEQUENCE that spans the whole input is binary, whatever bytes it holds: no need
    // to search a 40 MB CRL for a PEM header.
    if bytes.first() == Some(&0x30) && super::element(bytes).is_ok_and(|(_, _, rest)| rest.is_empty()) {
        return false;
    }
    memmem(bytes, b"-----BEGIN ").is_some()
}

/// Every PEM block in `bytes`, in order. Text outside blocks is ignored.
pub fn blocks(bytes: &[u8]) -> Vec<PemBlock> {
    let mut found = Vec::new();
    let mut open: Option<(String, usize, Vec<u8>, bool)> = None; // label, line, base64, headers done
    let mut encrypted = false;
    let mut last_line = 0;
    for (index, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let number = index + 1;
        last_line = number;
        let raw = raw.trim_ascii();
        // Base64 lines are the bulk of a bundle: add them without converting or allocating.
        if let Some((_, _, base64, headers_done)) = open.as_mut()
            && !raw.contains(&b'-')
            && !raw.contains(&b':')
        {
            if !raw.is_empty() {
                *headers_done = true;
            }
            if raw.iter().any(u8::is_ascii_whitespace) {
                base64.extend(raw.iter().filter(|b| !b.is_ascii_whitespace()));
            } else {
                base64.extend_from_slice(raw);
            }
            continue;
        }
        // Invalid UTF-8 outside blocks is comment text some tools write: skip it.
        let line = String::from_utf8_lossy(raw);
        let line = line.trim();
        if let Some(label) = marker(line, "-----BEGIN ") {
            if let Some((label, start, _, _)) = open.take() {
                found.push(PemBlock {
                    label,
                    line: start,
                    der: Err(format!("no END line before the next BEGIN at line {number}")),
                    encrypted: false,
                });
            }
            open = Some((label, number, Vec::new(), false));
            encrypted = false;
            continue;
        }
        let Some((label, start, base64, headers_done)) = open.as_mut() else {
            continue;
        };
        if let Some(end) = marker(line, "-----END ") {
            let der = if end != *label {
                Err(format!("BEGIN {label} ends with END {end} at line {number}"))
            } else {
                decode(base64)
            };
            found.push(PemBlock { label: std::mem::take(label), line: *start, der, encrypted });
            open = None;
            continue;
        }
        // RFC 1421 headers ("Proc-Type: 4,ENCRYPTED") precede the base64 body.
        if !*headers_done && line.contains(':') {
            encrypted |= line.starts_with("Proc-Type:") && line.contains("ENCRYPTED");
            continue;
        }
        if !line.is_empty() {
            *headers_done = true;
        }
        base64.extend(line.bytes().filter(|b| !b.is_ascii_whitespace()));
    }
    if let Some((label, start, _, _)) = open {
        found.push(PemBlock {
            label,
            line: start,
            der: Err(format!("no END line: the text ends at line {last_line}")),
            encrypted: false,
        });
    }
    found
}

/// The label of a `-----BEGIN LABEL-----` style line, if `line` is one.
fn marker(line: &str, prefix: &str) -> Option<String> {
    let start = line.find(prefix)?;
    let rest = &line[start + prefix.len()..];
    let end = rest.find("-----")?;
    Some(rest[..end].trim().to_string())
}

fn decode(base64: &[u8]) -> Result<Vec<u8>, String> {
    if base64.is_empty() {
        return Err("the block is empty".into());
    }
    let unpadded = base64.iter().rposition(|&b| b != b'=').map_or(&base64[..0], |last| &base64[..=last]);
    data_encoding::BASE64
        .decode(base64)
        .or_else(|_| data_encoding::BASE64_NOPAD.decode(unpadded))
        .map_err(|err| format!("invalid base64: {err}"))
}

/// Text that is only base64 (and line breaks), decoding to something that starts like DER:
/// a certificate pasted without its BEGIN and END lines.
pub fn bare_base64(bytes: &[u8]) -> Option<Vec<u8>> {
    let is_base64 = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=') || b.is_ascii_whitespace();
    if bytes.len() < 32 || !bytes.iter().all(is_base64) {
        return None;
    }
    let text: Vec<u8> = bytes.iter().copied().filter(|b| !b.is_ascii_whitespace()).collect();
    decode(&text).ok().filter(|der| der.first() == Some(&0x30))
}

fn memmem(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_found_through_crlf_indentation_and_surrounding_text() {
        let text = b"subject=CN=x\r\n  -----BEGIN CERTIFICATE-----\r\n  AAEC\r\n  Aw==\r\n  -----END CERTIFICATE-----\r\ntrailing words\n";
        let found = blocks(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].label, "CERTIFICATE");
        assert_eq!(found[0].line, 2);
        assert_eq!(found[0].der.as_deref(), Ok(&[0u8, 1, 2, 3][..]));
    }

    #[test]
    fn a_block_without_end_is_reported_and_the_next_one_still_loads() {
        let text = b"-----BEGIN CERTIFICATE-----\nAAEC\n-----BEGIN X509 CRL-----\nAAEC\n-----END X509 CRL-----\n";
        let found = blocks(text);
        assert_eq!(found.len(), 2);
        assert!(found[0].der.as_ref().unwrap_err().contains("no END line"));
        assert_eq!(found[1].der.as_deref(), Ok(&[0u8, 1, 2][..]));
    }

    #[test]
    fn rfc1421_headers_are_skipped_and_say_encrypted() {
        let text = b"-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nAAEC\n-----END RSA PRIVATE KEY-----\n";
        assert_eq!(blocks(text)[0].der.as_deref(), Ok(&[0u8, 1, 2][..]));
        assert!(blocks(text)[0].encrypted);
    }

    #[test]
    fn bare_base64_is_recognised_only_when_it_decodes_to_der() {
        let body = data_encoding::BASE64.encode(&[
            0x30, 0x03, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        ]);
        assert_eq!(bare_base64(format!("{body}\r\n").as_bytes()).map(|d| d[0]), Some(0x30));
        assert_eq!(bare_base64(b"just some words that are not base64 at all!"), None);
        assert_eq!(bare_base64(b"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo="), None, "decodes, but not to DER");
    }

    #[test]
    fn bad_base64_says_so() {
        let found = blocks(b"-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n");
        assert!(found[0].der.as_ref().unwrap_err().starts_with("invalid base64"));
    }
}
