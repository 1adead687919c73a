//! OpenVPN profiles (`.ovpn`): their inline `<ca>`, `<cert>`, `<extra-certs>`, `<key>` and
//! `<tls-crypt>` blocks hold PEM, which the PEM reader takes as it is; this says what the
//! profile is and what each block held. A key is never shown, only that it is there.

/// The blocks a profile may hold inline, and what each is for.
const BLOCKS: [(&str, &str); 6] = [
    ("ca", "the CA that signs the server's certificate"),
    ("cert", "this client's certificate"),
    ("extra-certs", "intermediates sent with it"),
    ("key", "this client's private key"),
    ("tls-auth", "a static HMAC key (not a certificate)"),
    ("tls-crypt", "a static key (not a certificate)"),
];

/// A note on the profile, when `text` is one: "OpenVPN profile: <ca> (1 PEM block: …), …".
pub(crate) fn note(text: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(text).ok()?;
    // One pass rules out most files (a bundle of megabytes has no inline block's closing tag).
    if !text.contains("</") {
        return None;
    }
    let directive = |word: &str| text.lines().any(|l| l.split_whitespace().next() == Some(word));
    let inline: Vec<String> = BLOCKS
        .iter()
        .filter_map(|(tag, what)| {
            let open = format!("<{tag}>");
            let start = text.find(&open)? + open.len();
            let end = text[start..].find(&format!("</{tag}>"))? + start;
            let blocks = text[start..end].matches("-----BEGIN ").count();
            Some(format!("<{tag}> ({blocks} PEM block(s): {what})"))
        })
        .collect();
    if inline.is_empty() || !(directive("client") || directive("remote") || directive("dev")) {
        return None;
    }
    let remote = text.lines().find_map(|l| {
        l.trim_start().strip_prefix("remote ").map(|r| r.split_whitespace().collect::<Vec<_>>().join(":"))
    });
    let to = remote.map(|r| format!(" for {r}")).unwrap_or_default();
    Some(format!("OpenVPN profile{to}: {}", inline.join(", ")))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_profile_says_what_its_blocks_hold() {
        let profile = b"client\ndev tun\nremote vpn.example.test 1194 udp\n<ca>\n-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n</ca>\n<key>\n-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----\n</key>\n";
        let note = super::note(profile).unwrap();
        assert!(note.starts_with("OpenVPN profile for vpn.example.test:1194:udp:"), "{note}");
        assert!(
            note.contains("<ca> (1 PEM block(s)") && note.contains("<key> (1 PEM block(s): this client's private key)")
        );
        assert_eq!(super::note(b"-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n"), None);
    }
}
