//! Lints: every rule of the table has a certificate that breaks it and one that keeps it
//! (tests/fixtures/lints, made by make.py there), and the README's table is the table.

use std::path::PathBuf;

use certscope::diagnose::Severity;
use certscope::diagnose::lint::{Kind, Lint, Subject, check, kinds, table};
use certscope::model::Certificate;

fn fixture(name: &str) -> Option<Certificate> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lints").join(name);
    if !path.exists() {
        return None;
    }
    let input = certscope::load_path(&path, &Default::default());
    assert!(input.error.is_none(), "{name}: {:?} {:?}", input.error, input.problems);
    input.certificates.into_iter().next()
}

fn raised(certificate: &Certificate) -> Vec<&'static str> {
    let subject = Subject::new(certificate, kinds(certificate), true);
    check(&subject).into_iter().map(|(lint, _)| lint.code).collect()
}

/// The good certificate of the kind a lint is about.
fn good_kind(lint: &Lint) -> &'static str {
    match lint.applies.first() {
        Some(Kind::SmimeSubscriber) => "smime",
        Some(Kind::CodeSigning) => "codesign",
        Some(Kind::OcspResponder) => "ocsp",
        Some(Kind::SubordinateCa) => "subca",
        Some(Kind::Root) => "root",
        Some(Kind::EvSubscriber) => "ev",
        Some(Kind::TimeStamping) => "tsa",
        _ => "tls",
    }
}

#[test]
fn every_lint_is_raised_by_its_bad_certificate_and_not_by_a_good_one() {
    let mut missing = Vec::new();
    for lint in table() {
        let Some(bad) = fixture(&format!("{}.bad.pem", lint.code)) else {
            missing.push(lint.code);
            continue;
        };
        assert!(
            raised(&bad).contains(&lint.code),
            "{}: not raised by its bad certificate ({:?})",
            lint.code,
            raised(&bad)
        );
        let good = fixture(&format!("{}.good.pem", lint.code))
            .or_else(|| fixture(&format!("{}.good.pem", good_kind(lint))))
            .unwrap();
        assert!(!raised(&good).contains(&lint.code), "{}: raised by a good certificate", lint.code);
    }
    assert!(missing.is_empty(), "lints without a bad certificate: {missing:?}");
    // And the other way: each bad certificate's rule is in the table (none dropped from it).
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lints");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if let Some(code) = name.strip_suffix(".bad.pem") {
            assert!(table().any(|l| l.code == code), "{name}: its rule is not in the table");
        }
    }
}

#[test]
fn the_good_certificates_break_no_rule_at_all() {
    for kind in ["tls", "smime", "codesign", "ocsp", "subca", "root", "ev", "tsa"] {
        let good = fixture(&format!("{kind}.good.pem")).unwrap();
        assert_eq!(raised(&good), Vec::<&str>::new(), "{kind}.good.pem");
    }
}

#[test]
fn forum_rules_apply_only_in_the_forums_scope() {
    // A private PKI's leaf, out of every public store and asserting no Forum policy, is held to
    // RFC 5280 only: its 10-year validity is its CA's business.
    let bad = fixture("lint.cabf_br.validity_period.bad.pem").unwrap();
    let subject = Subject::new(&bad, kinds(&bad), false);
    assert!(check(&subject).is_empty());
}

/// The README's lint table, made from the table. `UPDATE_README=1 cargo test --test lints` writes it.
#[test]
fn the_readme_lint_table_is_the_table() {
    let mut markdown = String::from("| code | severity | rule | applies to | since |\n|---|---|---|---|---|\n");
    for lint in table() {
        let severity = match lint.severity {
            Severity::Error => "error (MUST)",
            Severity::Warning => "warning (SHOULD)",
            Severity::Notice => "notice (MAY)",
            Severity::Info => "info",
        };
        let applies: Vec<&str> = lint.applies.iter().map(|k| k.words()).collect();
        markdown.push_str(&format!(
            "| `{}` | {severity} | {} | {} | {} |\n",
            lint.code,
            lint.citation,
            applies.join(", "),
            lint.effective.unwrap_or("")
        ));
    }
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = ("<!-- lints: begin -->\n", "<!-- lints: end -->");
    let (Some(a), Some(b)) = (readme.find(start), readme.find(end)) else {
        panic!("README.md has no lint table markers");
    };
    let current = &readme[a + start.len()..b];
    if std::env::var_os("UPDATE_README").is_some() {
        let updated = format!("{}{markdown}{}", &readme[..a + start.len()], &readme[b..]);
        std::fs::write(&path, updated).unwrap();
    } else {
        assert_eq!(current, markdown, "README.md's lint table is stale: UPDATE_README=1 cargo test --test lints");
    }
}
