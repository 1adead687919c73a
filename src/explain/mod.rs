//! Explanations for learners, kept as data (`table.rs`): what each field, extension, key-usage
//! bit, EKU, name attribute, algorithm, OCSP and CRL field, TLS connection field and check
//! means, in plain words, with the RFC or rulebook section it comes from. Hover tips show the
//! short line; the window's Explain panel the whole entry.

mod table;

pub use table::ENTRIES;

/// What an entry explains.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A certificate (or CSR, CRL, container) field, by the label the details show.
    Field,
    /// An extension, by OID.
    Extension,
    /// A key-usage bit, by the words the details show.
    KeyUsage,
    /// An extended key usage, by OID.
    ExtendedKeyUsage,
    /// A name attribute, by OID.
    NameAttribute,
    /// A key or signature algorithm or curve, by OID.
    Algorithm,
    /// An OCSP field or status, by the label the details show.
    Ocsp,
    /// A CRL field or revocation reason.
    Crl,
    /// A TLS connection field.
    Tls,
    /// A check of a checklist, by its words.
    Check,
}

impl Kind {
    /// The word for a heading.
    pub fn word(self) -> &'static str {
        match self {
            Self::Field => "Field",
            Self::Extension => "Extension",
            Self::KeyUsage => "Key usage",
            Self::ExtendedKeyUsage => "Extended key usage",
            Self::NameAttribute => "Name attribute",
            Self::Algorithm => "Algorithm",
            Self::Ocsp => "OCSP",
            Self::Crl => "CRL",
            Self::Tls => "TLS connection",
            Self::Check => "Check",
        }
    }
}

/// One explanation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// What it explains.
    pub kind: Kind,
    /// How it is found: a label, an OID, a check's words.
    pub key: &'static str,
    /// Its name, as a heading.
    pub title: &'static str,
    /// One line, for a hover tip.
    pub short: &'static str,
    /// The whole explanation.
    pub long: &'static str,
    /// Where it comes from: "RFC 5280 4.1.2.2".
    pub source: &'static str,
}

/// The entry for `key` of `kind`.
pub fn find(kind: Kind, key: &str) -> Option<&'static Entry> {
    ENTRIES.iter().find(|e| e.kind == kind && e.key == key)
}

/// The entry for a label the details show, whatever its kind (fields first).
pub fn by_label(label: &str) -> Option<&'static Entry> {
    [Kind::Field, Kind::Tls, Kind::Ocsp, Kind::Crl, Kind::Check, Kind::KeyUsage]
        .into_iter()
        .find_map(|kind| find(kind, label))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_at_least_150_entries_each_with_words_and_a_source() {
        assert!(ENTRIES.len() >= 150, "{}", ENTRIES.len());
        for entry in ENTRIES.iter() {
            assert!(!entry.short.is_empty() && !entry.long.is_empty() && !entry.source.is_empty(), "{entry:?}");
            assert!(entry.short.len() <= 140, "hover tips stay short: {}", entry.title);
        }
        let mut keys: Vec<(Kind, &str)> = ENTRIES.iter().map(|e| (e.kind, e.key)).collect();
        keys.sort_by_key(|(k, key)| (k.word(), *key));
        let before = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), before, "each key once per kind");
    }

    #[test]
    fn every_named_extension_and_attribute_in_the_fixtures_is_explained() {
        // Whatever the model can name in the test PKI's certificates, the Explain panel explains.
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lints");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let input = crate::load_path(&entry.path(), &crate::LoadOptions::default());
            for certificate in &input.certificates {
                for extension in &certificate.extensions {
                    if crate::model::names::extension_name(&extension.oid).is_some() {
                        assert!(
                            find(Kind::Extension, &extension.oid).is_some(),
                            "{} ({})",
                            extension.name,
                            extension.oid
                        );
                        seen += 1;
                    }
                }
                for attribute in certificate.subject.attributes.iter().chain(&certificate.issuer.attributes) {
                    if crate::model::names::attribute_long_name(&attribute.oid).is_some() {
                        assert!(find(Kind::NameAttribute, &attribute.oid).is_some(), "{}", attribute.oid);
                    }
                }
            }
        }
        assert!(seen > 500, "{seen}");
    }

    #[test]
    fn the_main_extensions_and_key_usage_bits_are_explained() {
        for oid in ["2.5.29.17", "2.5.29.19", "2.5.29.15", "2.5.29.37", "1.3.6.1.5.5.7.1.1", "2.5.29.31", "2.5.29.32"] {
            assert!(find(Kind::Extension, oid).is_some(), "{oid}");
        }
        for bit in ["Digital signature", "Certificate signing", "CRL signing", "Key encipherment"] {
            assert!(find(Kind::KeyUsage, bit).is_some(), "{bit}");
        }
    }
}
