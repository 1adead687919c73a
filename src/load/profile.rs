//! Apple configuration profiles (`.mobileconfig`): an XML property list, signed as CMS
//! SignedData or not, whose certificate payloads (`com.apple.security.root`, `.pkcs1`, `.pem`)
//! hold certificates as base64 `<data>`. The signature is checked as any CMS signature; here
//! the payloads are found.

/// The certificates (DER) in a profile's payloads, and its display name; None when `text` is
/// not a configuration profile.
pub(crate) fn certificates(text: &[u8]) -> Option<(Option<String>, Vec<Vec<u8>>)> {
    let text = std::str::from_utf8(text).ok()?;
    if !text.contains("<plist") || !text.contains("PayloadContent") {
        return None;
    }
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("<data>") {
        let after = &rest[start + "<data>".len()..];
        let Some(end) = after.find("</data>") else { break };
        let base64: String = after[..end].chars().filter(|c| !c.is_whitespace()).collect();
        if let Ok(bytes) = data_encoding::BASE64.decode(base64.as_bytes()) {
            // A payload is DER, or PEM text (com.apple.security.pem).
            if bytes.first() == Some(&0x30) {
                found.push(bytes);
            } else if crate::load::pem::looks_like_pem(&bytes) {
                found.extend(crate::load::pem::blocks(&bytes).into_iter().filter_map(|b| b.der.ok()));
            }
        }
        rest = &after[end..];
    }
    let name = text.find("<key>PayloadDisplayName</key>").and_then(|at| {
        let after = &text[at..];
        let start = after.find("<string>")? + "<string>".len();
        let end = after[start..].find("</string>")? + start;
        Some(after[start..end].trim().to_string())
    });
    Some((name, found))
}
