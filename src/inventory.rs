//! The inventory of everything loaded: one row per distinct certificate (duplicates folded, by
//! SHA-256, with every file they came from), its verdict read from the diagnosis's findings,
//! and the columns the window's table sorts and filters and `certscope report --format csv`
//! writes.

use time::OffsetDateTime;

use crate::chain::CertRef;
use crate::diagnose::{Diagnosis, Severity};
use crate::load::Input;

/// The columns, in order: the CSV's header and the table's.
pub const COLUMNS: [&str; 12] = [
    "subject",
    "issuer",
    "not_before",
    "not_after",
    "days_left",
    "key",
    "signature_algorithm",
    "sha256",
    "verdict",
    "reason",
    "ca",
    "files",
];

/// One distinct certificate.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Its short name (CN, else O, else the first SAN).
    pub name: String,
    /// Its subject and issuer, as text.
    pub subject: String,
    /// Its issuer, as text.
    pub issuer: String,
    /// Its validity.
    pub not_before: OffsetDateTime,
    /// Its validity's end.
    pub not_after: OffsetDateTime,
    /// Whole days from now to notAfter; negative once expired.
    pub days_left: i64,
    /// `EC P-256`, `RSA 2048`.
    pub key: String,
    /// `ecdsa-with-SHA256`.
    pub signature_algorithm: String,
    /// SHA-256 fingerprint, lowercase hex.
    pub sha256: String,
    /// `error`, `warning` or `ok`: the worst finding about it, weighed as the verdict weighs.
    pub verdict: &'static str,
    /// That finding's message.
    pub reason: Option<String>,
    /// A CA certificate.
    pub ca: bool,
    /// Its chain leads to a root in the store the verdict is for.
    pub trusted: bool,
    /// Where it was loaded from: the real file for a link (`/etc/ssl/certs/002c0b4f.0`).
    pub files: Vec<String>,
    /// Each place it was loaded (the first is the one a double-click opens).
    pub occurrences: Vec<CertRef>,
    /// What the search looks in, lowercase: subject, issuer, SHA-256, files (made once).
    pub search_text: String,
}

impl Row {
    /// Loaded more than once.
    pub fn duplicated(&self) -> bool {
        self.occurrences.len() > 1
    }

    /// A column's value as text (the CSV's cell).
    pub fn cell(&self, column: usize) -> String {
        match column {
            0 => self.subject.clone(),
            1 => self.issuer.clone(),
            2 => crate::model::time::rfc3339(self.not_before),
            3 => crate::model::time::rfc3339(self.not_after),
            4 => self.days_left.to_string(),
            5 => self.key.clone(),
            6 => self.signature_algorithm.clone(),
            7 => self.sha256.clone(),
            8 => self.verdict.to_string(),
            9 => self.reason.clone().unwrap_or_default(),
            10 => self.ca.to_string(),
            11 => self.files.join("; "),
            _ => String::new(),
        }
    }
}

/// The rows over `inputs`, in load order, duplicates folded into their first occurrence.
pub fn rows(inputs: &[&Input], diagnosis: &Diagnosis, now: OffsetDateTime) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut by_hash: std::collections::HashMap<&[u8], usize> = std::collections::HashMap::new();
    for (input_index, input) in inputs.iter().enumerate() {
        let file = input.real_path.clone().unwrap_or_else(|| input.source.clone());
        for (index, certificate) in input.certificates.iter().enumerate() {
            let reference = CertRef { input: input_index, index };
            if let Some(&row) = by_hash.get(certificate.sha256.as_slice()) {
                let row = &mut rows[row];
                row.occurrences.push(reference);
                if !row.files.contains(&file) {
                    row.files.push(file.clone());
                }
                continue;
            }
            by_hash.insert(&certificate.sha256, rows.len());
            let key = &certificate.public_key;
            rows.push(Row {
                name: certificate.display_name(),
                subject: certificate.subject.text.clone(),
                issuer: certificate.issuer.text.clone(),
                not_before: certificate.not_before,
                not_after: certificate.not_after,
                days_left: (certificate.not_after - now).whole_days(),
                key: crate::model::names::key_summary(&key.algorithm, key.bits, key.curve.as_deref()),
                signature_algorithm: certificate.signature_algorithm.clone(),
                sha256: crate::model::hex(&certificate.sha256),
                verdict: "ok",
                reason: None,
                ca: certificate.is_ca(),
                trusted: false,
                files: vec![file.clone()],
                occurrences: vec![reference],
                search_text: String::new(),
            });
        }
    }
    judge(&mut rows, diagnosis);
    for row in &mut rows {
        row.search_text =
            format!("{} {} {} {}", row.subject, row.issuer, row.sha256, row.files.join(" ")).to_lowercase();
    }
    rows
}

/// Each row's worst finding (about any of its occurrences) and whether a chain through it is
/// trusted, from indexes built once: a folder of 10,000 certificates stays linear.
fn judge(rows: &mut [Row], diagnosis: &Diagnosis) {
    use std::collections::HashMap;
    let mut worst: HashMap<CertRef, &crate::diagnose::Finding> = HashMap::new();
    for finding in &diagnosis.findings {
        let Some(certificate) = finding.certificate else { continue };
        let weight = finding.weight(diagnosis.strict);
        worst
            .entry(certificate)
            .and_modify(|kept| {
                if weight < kept.weight(diagnosis.strict) {
                    *kept = finding;
                }
            })
            .or_insert(finding);
    }
    let mut trusted: std::collections::HashSet<CertRef> = std::collections::HashSet::new();
    for chain in diagnosis.chains.iter().filter(|c| c.trusted) {
        trusted.extend(chain.path.iter().copied());
        trusted.insert(chain.leaf);
    }
    for row in rows {
        let finding = row.occurrences.iter().filter_map(|r| worst.get(r)).min_by_key(|f| f.weight(diagnosis.strict));
        if let Some(finding) = finding {
            row.verdict = match finding.weight(diagnosis.strict) {
                Severity::Error => "error",
                Severity::Warning => "warning",
                _ => "ok",
            };
            if row.verdict != "ok" {
                row.reason = Some(finding.message.clone());
            }
        }
        row.trusted = row.occurrences.iter().any(|r| trusted.contains(r));
    }
}

/// What the table shows of the rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    /// Words that must all appear in the subject, issuer, SHA-256 or a file (any case).
    pub search: String,
    /// Expired only.
    pub expired: bool,
    /// Expiring within this many days (not yet expired) only.
    pub within_days: Option<i64>,
    /// Untrusted only.
    pub untrusted: bool,
    /// CA certificates only.
    pub ca: bool,
    /// Loaded more than once only.
    pub duplicates: bool,
}

impl Filter {
    /// Whether `row` passes.
    pub fn keeps(&self, row: &Row) -> bool {
        self.words().keeps(row)
    }

    /// The filter with its search words made once, to run over many rows.
    pub fn words(&self) -> Words<'_> {
        Words { filter: self, words: self.search.to_lowercase().split_whitespace().map(String::from).collect() }
    }
}

/// A filter ready to run over many rows.
pub struct Words<'a> {
    filter: &'a Filter,
    words: Vec<String>,
}

impl Words<'_> {
    /// Whether `row` passes.
    pub fn keeps(&self, row: &Row) -> bool {
        let f = self.filter;
        (!f.expired || row.days_left < 0)
            && f.within_days.is_none_or(|days| (0..=days).contains(&row.days_left))
            && (!f.untrusted || !row.trusted)
            && (!f.ca || row.ca)
            && (!f.duplicates || row.duplicated())
            && self.words.iter().all(|word| row.search_text.contains(word.as_str()))
    }
}

/// The rows' order sorted by a column (as `COLUMNS` numbers them): dates and days by time,
/// the rest as text, ignoring case; equal rows keep their order.
pub fn order(rows: &[Row], column: usize, ascending: bool) -> Vec<usize> {
    let mut order: Vec<usize> = (0..rows.len()).collect();
    match column {
        2 => order.sort_by_key(|&i| rows[i].not_before),
        3 | 4 => order.sort_by_key(|&i| rows[i].not_after),
        8 => order.sort_by_key(|&i| verdict_rank(rows[i].verdict)),
        10 => order.sort_by_key(|&i| rows[i].ca),
        _ => {
            // Each key made once, not once per comparison.
            let keys: Vec<String> = rows.iter().map(|r| r.cell(column).to_lowercase()).collect();
            order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
        }
    }
    if !ascending {
        order.reverse();
    }
    order
}

/// Sorts the rows by a column, as [`order`] orders them.
pub fn sort(rows: &mut Vec<Row>, column: usize, ascending: bool) {
    let order = order(rows, column, ascending);
    let mut taken: Vec<Option<Row>> = std::mem::take(rows).into_iter().map(Some).collect();
    *rows = order.into_iter().filter_map(|i| taken[i].take()).collect();
}

fn verdict_rank(verdict: &str) -> u8 {
    match verdict {
        "error" => 0,
        "warning" => 1,
        _ => 2,
    }
}

/// The counts a status bar shows: "434 certificates, 145 distinct, 5 expired, 2 expire within 30 days".
pub fn summary(rows: &[Row]) -> String {
    let total: usize = rows.iter().map(|r| r.occurrences.len()).sum();
    let expired = rows.iter().filter(|r| r.days_left < 0).count();
    let soon = rows.iter().filter(|r| (0..=30).contains(&r.days_left)).count();
    let mut words = format!("{total} certificate{}", if total == 1 { "" } else { "s" });
    if total != rows.len() {
        words.push_str(&format!(", {} distinct", rows.len()));
    }
    words.push_str(&format!(", {expired} expired, {soon} expire{} within 30 days", if soon == 1 { "s" } else { "" }));
    words
}

/// The rows as CSV (RFC 4180), header first: what `certscope report --format csv` prints and
/// the window's Export CSV saves.
pub fn to_csv(rows: &[Row]) -> String {
    let write = || -> Result<Vec<u8>, Box<dyn std::error::Error>> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(COLUMNS)?;
        for row in rows {
            writer.write_record((0..COLUMNS.len()).map(|c| row.cell(c)))?;
        }
        Ok(writer.into_inner()?)
    };
    // Writing to memory fails only on an I/O error, which a Vec never has.
    String::from_utf8(write().unwrap_or_default()).unwrap_or_default()
}
