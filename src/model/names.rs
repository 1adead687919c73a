//! Names for OIDs and distinguished names: what a person reads instead of dotted numbers.

use x509_parser::x509::X509Name;

/// A distinguished name: its one-line form, each attribute, and the raw DER for matching.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DistinguishedName {
    /// One line, attributes in certificate order: `C=US, O=Example, CN=www.example.test`.
    pub text: String,
    /// Each attribute in order.
    pub attributes: Vec<NameAttribute>,
    /// The DER of the Name: issuer/subject matching compares these bytes (RFC 5280 7.1).
    pub der: Vec<u8>,
}

/// One attribute of a distinguished name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameAttribute {
    /// Short name (`CN`, `O`, `OU`, ...) or the dotted OID when unknown.
    pub short_name: std::borrow::Cow<'static, str>,
    /// Long name for people (`Common name`).
    pub long_name: std::borrow::Cow<'static, str>,
    /// Dotted OID.
    pub oid: std::borrow::Cow<'static, str>,
    /// The value; non-text values as hex.
    pub value: String,
}

impl DistinguishedName {
    pub(crate) fn from_x509(name: &X509Name<'_>) -> Self {
        let attributes: Vec<NameAttribute> = name
            .iter_attributes()
            .map(|attribute| {
                let oid = attribute.attr_type().to_id_string();
                let (short_name, long_name) = attribute_name(&oid);
                let value = match attribute.as_str() {
                    Ok(text) => text.to_string(),
                    Err(_) => other_string(attribute.attr_value()).unwrap_or_else(|| hex(attribute.as_slice())),
                };
                // Known names are the tables' own text, kept without a copy: a bundle has thousands.
                let named = |name: Option<&'static str>| name.map_or_else(|| oid.clone().into(), Into::into);
                NameAttribute { short_name: named(short_name), long_name: named(long_name), oid: interned(oid), value }
            })
            .collect();
        let text = attributes.iter().map(|a| format!("{}={}", a.short_name, a.value)).collect::<Vec<_>>().join(", ");
        Self { text, attributes, der: name.as_raw().to_vec() }
    }

    /// A DER-encoded Name as read (a TLS CertificateRequest's CA names); one that does not
    /// parse is kept as its hex, so nothing a server said is lost.
    pub fn from_der(der: &[u8]) -> Self {
        use x509_parser::prelude::FromDer as _;
        match X509Name::from_der(der) {
            Ok((_, name)) => Self::from_x509(&name),
            Err(_) => {
                Self { text: format!("(unreadable name: {})", hex(der)), attributes: Vec::new(), der: der.to_vec() }
            }
        }
    }

    /// The first value of an attribute by short name (`CN`, `O`).
    pub fn first(&self, short_name: &str) -> Option<&str> {
        self.attributes.iter().find(|a| a.short_name == short_name).map(|a| a.value.as_str())
    }

    /// What to call the holder in one short phrase: CN, else O/OU, else the whole name.
    pub fn display_name(&self) -> &str {
        ["CN", "O", "OU"].iter().find_map(|short| self.first(short)).unwrap_or(if self.text.is_empty() {
            "(empty name)"
        } else {
            &self.text
        })
    }
}

/// A name attribute's long name (`Common name`).
pub(crate) fn attribute_long_name(oid: &str) -> Option<&'static str> {
    attribute_name(oid).1
}

/// The OIDs nearly every certificate carries (name attributes, RFC 5280's extensions), kept as
/// this table's text instead of one copy per certificate.
const COMMON_OIDS: &[&str] = &[
    "2.5.4.3",
    "2.5.4.5",
    "2.5.4.6",
    "2.5.4.7",
    "2.5.4.8",
    "2.5.4.10",
    "2.5.4.11",
    "1.2.840.113549.1.9.1",
    "2.5.29.14",
    "2.5.29.15",
    "2.5.29.17",
    "2.5.29.19",
    "2.5.29.31",
    "2.5.29.32",
    "2.5.29.35",
    "2.5.29.37",
    "1.3.6.1.5.5.7.1.1",
    "1.3.6.1.4.1.11129.2.4.2",
];

/// A dotted OID, as the table's text when it is a common one.
pub(crate) fn interned(oid: String) -> std::borrow::Cow<'static, str> {
    match COMMON_OIDS.iter().find(|common| **common == oid) {
        Some(common) => std::borrow::Cow::Borrowed(common),
        None => std::borrow::Cow::Owned(oid),
    }
}

fn attribute_name(oid: &str) -> (Option<&'static str>, Option<&'static str>) {
    let (short, long) = match oid {
        "2.5.4.3" => ("CN", "Common name"),
        "2.5.4.4" => ("SN", "Surname"),
        "2.5.4.5" => ("serialNumber", "Serial number"),
        "2.5.4.6" => ("C", "Country"),
        "2.5.4.7" => ("L", "Locality"),
        "2.5.4.8" => ("ST", "State or province"),
        "2.5.4.9" => ("street", "Street"),
        "2.5.4.10" => ("O", "Organization"),
        "2.5.4.11" => ("OU", "Organizational unit"),
        "2.5.4.12" => ("title", "Title"),
        "2.5.4.15" => ("businessCategory", "Business category"),
        "2.5.4.17" => ("postalCode", "Postal code"),
        "2.5.4.42" => ("GN", "Given name"),
        "2.5.4.97" => ("organizationIdentifier", "Organization identifier"),
        "0.9.2342.19200300.100.1.1" => ("UID", "User ID"),
        "0.9.2342.19200300.100.1.25" => ("DC", "Domain component"),
        "1.2.840.113549.1.9.1" => ("emailAddress", "Email address"),
        "1.3.6.1.4.1.311.60.2.1.1" => ("jurisdictionL", "Jurisdiction locality"),
        "1.3.6.1.4.1.311.60.2.1.2" => ("jurisdictionST", "Jurisdiction state"),
        "1.3.6.1.4.1.311.60.2.1.3" => ("jurisdictionC", "Jurisdiction country"),
        _ => return (None, None),
    };
    (Some(short), Some(long))
}

/// A signature algorithm by name (`sha256WithRSAEncryption`, `ecdsa-with-SHA256`, `Ed25519`).
pub fn signature_algorithm_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.2.840.113549.1.1.2" => "md2WithRSAEncryption",
        "1.2.840.113549.1.1.4" => "md5WithRSAEncryption",
        "1.2.840.113549.1.1.5" => "sha1WithRSAEncryption",
        "1.2.840.113549.1.1.10" => "RSASSA-PSS",
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
        "1.2.840.113549.1.1.14" => "sha224WithRSAEncryption",
        "1.2.840.10045.4.1" => "ecdsa-with-SHA1",
        "1.2.840.10045.4.3.1" => "ecdsa-with-SHA224",
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
        "1.2.840.10040.4.3" => "dsa-with-SHA1",
        "2.16.840.1.101.3.4.3.2" => "dsa-with-SHA256",
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        "2.16.840.1.101.3.4.3.17" => "ML-DSA-44",
        "2.16.840.1.101.3.4.3.18" => "ML-DSA-65",
        "2.16.840.1.101.3.4.3.19" => "ML-DSA-87",
        _ => return None,
    })
}

/// A hash algorithm by name, for RSASSA-PSS parameters.
pub fn hash_algorithm_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.3.14.3.2.26" => "SHA-1",
        "2.16.840.1.101.3.4.2.1" => "SHA-256",
        "2.16.840.1.101.3.4.2.2" => "SHA-384",
        "2.16.840.1.101.3.4.2.3" => "SHA-512",
        "2.16.840.1.101.3.4.2.4" => "SHA-224",
        _ => return None,
    })
}

/// A public key algorithm by name.
pub fn key_algorithm_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "1.2.840.113549.1.1.1" => "RSA",
        "1.2.840.113549.1.1.10" => "RSASSA-PSS",
        "1.2.840.10045.2.1" => "EC",
        "1.2.840.10040.4.1" => "DSA",
        "1.3.101.110" => "X25519",
        "1.3.101.111" => "X448",
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        "2.16.840.1.101.3.4.3.17" => "ML-DSA-44",
        "2.16.840.1.101.3.4.3.18" => "ML-DSA-65",
        "2.16.840.1.101.3.4.3.19" => "ML-DSA-87",
        _ => return None,
    })
}

/// A named elliptic curve, with its size in bits.
pub fn curve_name(oid: &str) -> Option<(&'static str, u32)> {
    Some(match oid {
        "1.2.840.10045.3.1.7" => ("P-256", 256),
        "1.3.132.0.34" => ("P-384", 384),
        "1.3.132.0.35" => ("P-521", 521),
        "1.3.132.0.33" => ("P-224", 224),
        "1.2.840.10045.3.1.1" => ("P-192", 192),
        "1.3.132.0.10" => ("secp256k1", 256),
        "1.3.36.3.3.2.8.1.1.7" => ("brainpoolP256r1", 256),
        "1.3.36.3.3.2.8.1.1.11" => ("brainpoolP384r1", 384),
        "1.3.36.3.3.2.8.1.1.13" => ("brainpoolP512r1", 512),
        _ => return None,
    })
}

/// An extended key usage by name (RFC 5280 4.2.1.12 and vendors').
pub fn extended_key_usage_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.29.37.0" => "Any extended key usage",
        "1.3.6.1.5.5.7.3.1" => "TLS server authentication",
        "1.3.6.1.5.5.7.3.2" => "TLS client authentication",
        "1.3.6.1.5.5.7.3.3" => "Code signing",
        "1.3.6.1.5.5.7.3.4" => "Email protection (S/MIME)",
        "1.3.6.1.5.5.7.3.5" => "IPsec end system",
        "1.3.6.1.5.5.7.3.6" => "IPsec tunnel",
        "1.3.6.1.5.5.7.3.7" => "IPsec user",
        "1.3.6.1.5.5.7.3.8" => "Time stamping",
        "1.3.6.1.5.5.7.3.9" => "OCSP signing",
        "1.3.6.1.5.5.7.3.17" => "IPsec IKE",
        "1.3.6.1.5.5.7.3.36" => "Document signing",
        "1.3.6.1.5.2.3.4" => "Kerberos client authentication",
        "1.3.6.1.5.2.3.5" => "Kerberos KDC",
        "1.3.6.1.4.1.311.10.3.3" => "Microsoft Server Gated Crypto",
        "1.3.6.1.4.1.311.10.3.4" => "Microsoft Encrypting File System",
        "1.3.6.1.4.1.311.10.3.12" => "Microsoft document signing",
        "1.3.6.1.4.1.311.20.2.2" => "Microsoft smart card logon",
        "1.3.6.1.4.1.311.2.1.21" => "Microsoft individual code signing",
        "1.3.6.1.4.1.311.2.1.22" => "Microsoft commercial code signing",
        "2.16.840.1.113730.4.1" => "Netscape Server Gated Crypto",
        "1.3.6.1.4.1.11129.2.4.4" => "Certificate Transparency precertificate signing",
        _ => return None,
    })
}

/// A certificate policy by name: CA/Browser Forum validation levels and common ones.
pub fn policy_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.29.32.0" => "Any policy",
        "2.23.140.1.1" => "Extended Validation (EV) TLS",
        "2.23.140.1.2.1" => "Domain Validated (DV) TLS",
        "2.23.140.1.2.2" => "Organization Validated (OV) TLS",
        "2.23.140.1.2.3" => "Individual Validated (IV) TLS",
        "2.23.140.1.3" => "Extended Validation code signing",
        "2.23.140.1.4.1" => "Code signing (baseline requirements)",
        "2.23.140.1.4.2" => "Time stamping (baseline requirements)",
        "2.23.140.1.5.1.1" => "S/MIME mailbox-validated, legacy",
        "2.23.140.1.5.1.2" => "S/MIME mailbox-validated, multipurpose",
        "2.23.140.1.5.1.3" => "S/MIME mailbox-validated, strict",
        "2.23.140.1.5.2.1" => "S/MIME organization-validated, legacy",
        "2.23.140.1.5.2.2" => "S/MIME organization-validated, multipurpose",
        "2.23.140.1.5.2.3" => "S/MIME organization-validated, strict",
        "2.23.140.1.5.3.1" => "S/MIME sponsor-validated, legacy",
        "2.23.140.1.5.3.2" => "S/MIME sponsor-validated, multipurpose",
        "2.23.140.1.5.3.3" => "S/MIME sponsor-validated, strict",
        "2.23.140.1.5.4.1" => "S/MIME individual-validated, legacy",
        "2.23.140.1.5.4.2" => "S/MIME individual-validated, multipurpose",
        "2.23.140.1.5.4.3" => "S/MIME individual-validated, strict",
        "1.3.6.1.4.1.44947.1.1.1" => "ISRG Domain Validated",
        _ => return None,
    })
}

/// An extension by name (RFC 5280 4.2 and others).
pub fn extension_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.29.9" => "Subject directory attributes",
        "2.5.29.14" => "Subject key identifier",
        "2.5.29.15" => "Key usage",
        "2.5.29.16" => "Private key usage period",
        "2.5.29.17" => "Subject alternative name",
        "2.5.29.18" => "Issuer alternative name",
        "2.5.29.19" => "Basic constraints",
        "2.5.29.20" => "CRL number",
        "2.5.29.21" => "CRL reason code",
        "2.5.29.24" => "Invalidity date",
        "2.5.29.27" => "Delta CRL indicator",
        "2.5.29.28" => "Issuing distribution point",
        "2.5.29.29" => "Certificate issuer",
        "2.5.29.30" => "Name constraints",
        "2.5.29.31" => "CRL distribution points",
        "2.5.29.32" => "Certificate policies",
        "2.5.29.33" => "Policy mappings",
        "2.5.29.35" => "Authority key identifier",
        "2.5.29.36" => "Policy constraints",
        "2.5.29.37" => "Extended key usage",
        "2.5.29.46" => "Freshest CRL",
        "2.5.29.54" => "Inhibit anyPolicy",
        "1.3.6.1.5.5.7.1.1" => "Authority information access",
        "1.3.6.1.5.5.7.1.3" => "Qualified certificate statements",
        "1.3.6.1.5.5.7.1.11" => "Subject information access",
        "1.3.6.1.5.5.7.1.24" => "TLS feature",
        "1.3.6.1.5.5.7.48.1.5" => "OCSP no check",
        "1.3.6.1.4.1.11129.2.4.2" => "Signed certificate timestamps (CT)",
        "1.3.6.1.4.1.11129.2.4.3" => "CT precertificate poison",
        "2.16.840.1.113730.1.1" => "Netscape certificate type",
        "2.16.840.1.113730.1.13" => "Netscape comment",
        "1.3.6.1.4.1.311.20.2" => "Microsoft certificate template name",
        "1.3.6.1.4.1.311.21.1" => "Microsoft CA version",
        "1.3.6.1.4.1.311.21.2" => "Microsoft previous CA certificate hash",
        "1.3.6.1.4.1.311.21.7" => "Microsoft certificate template",
        "1.3.6.1.4.1.311.21.10" => "Microsoft application policies",
        _ => return None,
    })
}

/// A key in a few words: `RSA 2048 bits`, `EC P-256`, `Ed25519`.
pub(crate) fn key_summary(algorithm: &str, bits: Option<u32>, curve: Option<&str>) -> String {
    match (curve, bits) {
        (Some(curve), _) => format!("{algorithm} {curve}"),
        (None, Some(bits)) if algorithm.starts_with("RSA") || algorithm == "DSA" => format!("{algorithm} {bits} bits"),
        _ => algorithm.to_string(),
    }
}

/// The string types x509-parser leaves as bytes, as clients read them: TeletexString (T61) as
/// Latin-1 (OpenSSL, NSS and Windows do; old VeriSign-era certificates use it), BMPString as
/// UTF-16BE, UniversalString as UTF-32BE (X.680 41).
fn other_string(value: &x509_parser::der_parser::asn1_rs::Any<'_>) -> Option<String> {
    use x509_parser::der_parser::asn1_rs::Tag;
    let data = value.data;
    match value.tag() {
        Tag::T61String | Tag::VideotexString => Some(data.iter().map(|&b| char::from(b)).collect()),
        Tag::BmpString if data.len().is_multiple_of(2) => {
            let units: Vec<u16> = data.chunks_exact(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
            String::from_utf16(&units).ok()
        }
        Tag::UniversalString if data.len().is_multiple_of(4) => {
            data.chunks_exact(4).map(|c| char::from_u32(u32::from_be_bytes([c[0], c[1], c[2], c[3]]))).collect()
        }
        _ => None,
    }
}

/// Bytes as lowercase hex without separators (fingerprints in JSON).
pub fn hex(bytes: &[u8]) -> String {
    data_encoding::HEXLOWER.encode(bytes)
}

/// Bytes as uppercase hex pairs joined by colons (fingerprints for people).
pub fn hex_colons(bytes: &[u8]) -> String {
    let upper = data_encoding::HEXUPPER.encode(bytes);
    let mut out = String::with_capacity(upper.len() * 3 / 2);
    for (index, pair) in upper.as_bytes().chunks(2).enumerate() {
        if index > 0 {
            out.push(':');
        }
        out.extend(pair.iter().map(|&b| b as char));
    }
    out
}

/// A byte count for people: "1 MiB", "20 MiB", "512 KiB", "900 bytes".
pub fn byte_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    match bytes {
        b if b >= MIB && b % MIB == 0 => format!("{} MiB", b / MIB),
        b if b >= MIB => format!("{:.1} MiB", b as f64 / MIB as f64),
        b if b >= KIB && b % KIB == 0 => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}

#[cfg(test)]
mod tests {
    use super::DistinguishedName;
    use x509_parser::prelude::FromDer as _;

    /// A Name of one CN attribute whose value has the tag and bytes given.
    fn name_with(tag: u8, value: &[u8]) -> DistinguishedName {
        let mut attribute = vec![0x06, 0x03, 0x55, 0x04, 0x03, tag, value.len() as u8];
        attribute.extend_from_slice(value);
        let sequence = [&[0x30, attribute.len() as u8][..], &attribute].concat();
        let set = [&[0x31, sequence.len() as u8][..], &sequence].concat();
        let der = [&[0x30, set.len() as u8][..], &set].concat();
        let (_, name) = x509_parser::x509::X509Name::from_der(&der).unwrap();
        DistinguishedName::from_x509(&name)
    }

    #[test]
    fn teletex_bmp_and_universal_strings_read_as_clients_read_them() {
        // T61 as Latin-1, as OpenSSL and Windows show it (old code-signing certificates use it).
        assert_eq!(name_with(0x14, b"Caf\xe9 Ltd").display_name(), "Café Ltd");
        assert_eq!(name_with(0x1E, &[0, b'A', 0, b'c', 0x00, 0xE9]).display_name(), "Acé");
        assert_eq!(name_with(0x1C, &[0, 0, 0, b'Z']).display_name(), "Z");
        // An odd-length BMPString is not text: its bytes, as hex.
        assert_eq!(name_with(0x1E, &[0, b'A', 0]).display_name(), "004100");
    }
}
