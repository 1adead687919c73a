//! The inventory: one row per distinct certificate, duplicates folded with their files, the
//! verdict read from the diagnosis; `certscope report --format csv` writes its columns.

mod support;

use certscope::inventory::{self, Filter, Row};
use support::*;

fn csv_of(args: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
    let out = certscope().args(["report", "--format", "csv", "--time", NOW]).args(args).output().unwrap();
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    (header, rows)
}

fn path(name: &str) -> String {
    fixture(name).display().to_string()
}

#[test]
fn csv_has_the_inventory_columns_and_folds_duplicates_with_their_files() {
    // chain.pem holds root and intermediate again: each appears once, with both files.
    let (header, rows) = csv_of(&[&path("leaf-p256.pem"), &path("chain.pem"), &path("root.pem"), &path("expired.pem")]);
    assert_eq!(
        header,
        [
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
            "files"
        ]
    );
    let hashes: std::collections::HashSet<&String> = rows.iter().map(|r| &r[7]).collect();
    assert_eq!(hashes.len(), rows.len(), "one row per distinct certificate");
    let root = rows.iter().find(|r| r[0].ends_with("CN=certscope Test Root CA")).expect("the root");
    assert!(root[11].contains("chain.pem") && root[11].contains("root.pem"), "{}", root[11]);
    assert_eq!(root[10], "true");
    let expired = rows.iter().find(|r| r[0].contains("expired.certscope.test")).expect("the expired leaf");
    assert_eq!(expired[8], "error");
    assert!(expired[9].contains("expired"), "{}", expired[9]);
    assert!(expired[4].parse::<i64>().unwrap() < 0, "days left: {}", expired[4]);
}

fn rows(files: &[&str]) -> Vec<Row> {
    let inputs: Vec<certscope::Input> =
        files.iter().map(|f| certscope::load_path(&fixture(f), &Default::default())).collect();
    let now = certscope::model::time::parse_rfc3339(NOW).unwrap();
    let anchors = certscope::diagnose::Anchors::only(&[], "");
    let diagnosis = diagnose_files(&inputs, &anchors, &certscope::diagnose::Options::at(now));
    let refs: Vec<&certscope::Input> = inputs.iter().collect();
    inventory::rows(&refs, &diagnosis, now)
}

#[test]
fn filters_sort_and_summary_work_on_the_rows() {
    let mut all = rows(&["leaf-p256.pem", "chain.pem", "root.pem", "expired.pem", "not-yet-valid.pem"]);
    let keep = |filter: Filter| all.iter().filter(|r| filter.keeps(r)).count();
    assert_eq!(keep(Filter { expired: true, ..Filter::default() }), 1);
    assert_eq!(keep(Filter { duplicates: true, ..Filter::default() }), 2, "root and intermediate are in two files");
    assert!(keep(Filter { ca: true, ..Filter::default() }) >= 2);
    assert_eq!(keep(Filter { search: "EXPIRED.certscope".into(), ..Filter::default() }), 1);
    assert_eq!(keep(Filter { search: "no such words".into(), ..Filter::default() }), 0);
    assert_eq!(keep(Filter { untrusted: true, ..Filter::default() }), all.len(), "no store holds the test root");
    inventory::sort(&mut all, 3, true);
    assert!(all.windows(2).all(|w| w[0].not_after <= w[1].not_after));
    inventory::sort(&mut all, 8, true);
    assert_eq!(all[0].verdict, "error", "errors first");
    let summary = inventory::summary(&all);
    assert!(
        summary.starts_with(&format!("{} certificates, {} distinct, 1 expired", all.len() + 2, all.len())),
        "{summary}"
    );
}
