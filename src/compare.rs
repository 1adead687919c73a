//! Two certificates side by side (a renewal against the one it replaces): every field and
//! extension of each, row by row, with whether they differ.

use crate::model::{Certificate, hex_colons, time::rfc3339};

/// One row: the field, its value in each certificate ("" when absent), and whether they differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The field's name.
    pub field: String,
    /// In the first certificate.
    pub left: String,
    /// In the second.
    pub right: String,
    /// The two differ.
    pub differs: bool,
}

/// How a general field is read from a certificate.
type Field = fn(&Certificate) -> String;

/// The rows comparing `a` with `b`: the general fields, then each extension by OID in the order
/// `a` has them (those only `b` has after).
pub fn rows(a: &Certificate, b: &Certificate) -> Vec<Row> {
    let key = |c: &Certificate| {
        let k = &c.public_key;
        match (&k.curve, k.bits) {
            (Some(curve), _) => format!("{} {curve}", k.algorithm),
            (None, Some(bits)) => format!("{} {bits} bits", k.algorithm),
            _ => k.algorithm.clone(),
        }
    };
    let fields: [(&str, Field); 9] = [
        ("Subject", |c| c.subject.text.clone()),
        ("Issuer", |c| c.issuer.text.clone()),
        ("Serial", |c| c.serial_colons()),
        ("Version", |c| c.version.to_string()),
        ("Not before", |c| rfc3339(c.not_before)),
        ("Not after", |c| rfc3339(c.not_after)),
        ("Signature algorithm", |c| c.signature_algorithm.clone()),
        ("SPKI SHA-256", |c| hex_colons(&c.public_key.spki_sha256)),
        ("SHA-256 fingerprint", |c| hex_colons(&c.sha256)),
    ];
    let mut rows: Vec<Row> = fields
        .into_iter()
        .map(|(field, value)| {
            let (left, right) = (value(a), value(b));
            Row { field: field.to_string(), differs: left != right, left, right }
        })
        .collect();
    let (left, right) = (key(a), key(b));
    rows.insert(7, Row { field: "Public key".into(), differs: left != right, left, right });
    let mut oids: Vec<&str> = a.extensions.iter().map(|e| e.oid.as_ref()).collect();
    for extension in &b.extensions {
        if !oids.contains(&extension.oid.as_ref()) {
            oids.push(&extension.oid);
        }
    }
    for oid in oids {
        let (x, y) = (a.extensions.iter().find(|e| e.oid == oid), b.extensions.iter().find(|e| e.oid == oid));
        let name = x.or(y).map_or_else(|| oid.to_string(), |e| e.name.to_string());
        let value = |e: Option<&crate::model::ExtensionEntry>| {
            e.map_or_else(String::new, |e| {
                let lines = e.value.lines().join("\n");
                if e.critical { format!("{lines}\n(critical)") } else { lines }
            })
        };
        let (left, right) = (value(x), value(y));
        rows.push(Row { field: name, differs: left != right, left, right });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(name: &str) -> Certificate {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
        crate::load_path(&path, &crate::LoadOptions::default()).certificates.remove(0)
    }

    #[test]
    fn a_certificate_against_itself_differs_nowhere_and_against_another_where_it_does() {
        let leaf = load("leaf-p256.pem");
        assert!(rows(&leaf, &leaf).iter().all(|r| !r.differs));
        let other = load("leaf-rsa.pem");
        let compared = rows(&leaf, &other);
        let differs = |field: &str| compared.iter().find(|r| r.field == field).map(|r| r.differs);
        assert_eq!(differs("Public key"), Some(true));
        assert_eq!(differs("SHA-256 fingerprint"), Some(true));
        assert_eq!(differs("Issuer"), Some(false), "the same intermediate issued both");
        assert!(compared.iter().any(|r| r.field == "Subject alternative name" && r.differs));
    }
}
