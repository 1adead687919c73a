//! `certscope asn1` against `openssl asn1parse -i` on the same bytes: every fixture openssl
//! reads is read node for node alike (offset, depth, header and content lengths, constructed,
//! tag, value; an OID by its dotted form where openssl prints one, else named here too).

mod support;

use std::path::{Path, PathBuf};

use support::*;

/// One line of `openssl asn1parse -i`: offset, depth, header length, length (None: inf),
/// constructed, tag, value.
type Line = (usize, usize, usize, Option<usize>, bool, String, Option<String>);

fn openssl_lines(file: &Path, der: bool) -> Option<Vec<Line>> {
    let mut command = std::process::Command::new("openssl");
    command.args(["asn1parse", "-i", "-in"]).arg(file);
    if der {
        command.args(["-inform", "DER"]);
    }
    let out = command.output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() || text.contains("Error") {
        return None;
    }
    let mut lines = Vec::new();
    for line in text.lines() {
        // "   10:d=3  hl=2 l=   1 prim:    INTEGER           :02"
        let (offset, rest) = line.trim_start().split_once(":d=")?;
        let (depth, rest) = rest.split_once(" hl=")?;
        let (header, rest) = rest.trim_start().split_once(" l=")?;
        let (length, rest) = rest.trim_start().split_once(' ')?;
        let (kind, rest) = rest.split_once(": ")?;
        let body = rest.trim_start();
        let (tag, value) = if body.len() > 18 { body.split_at(18) } else { (body, "") };
        let value = value.strip_prefix(':').unwrap_or(value).trim_end_matches(['\r']);
        lines.push((
            offset.parse().ok()?,
            depth.trim().parse().ok()?,
            header.parse().ok()?,
            if length == "inf" { None } else { Some(length.parse().ok()?) },
            kind == "cons",
            tag.trim_end().to_string(),
            (!value.is_empty()).then(|| value.to_string()),
        ));
    }
    Some(lines)
}

fn fixtures() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in ["", "ct", "ocsp", "lints"] {
        let Ok(entries) = std::fs::read_dir(fixture(dir)) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
            if path.is_file() && ["pem", "der", "crl", "p12", "p7b", "p7s", "csr", "key", "crt"].contains(&ext) {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn every_fixture_openssl_reads_is_read_node_for_node_alike() {
    let mut compared = 0;
    let mut nodes = 0;
    for file in fixtures() {
        let bytes = std::fs::read(&file).unwrap();
        let pem = bytes.windows(11).any(|w| w == b"-----BEGIN ");
        let Some(theirs) = openssl_lines(&file, !pem) else { continue };
        let out = certscope().args(["asn1", "--json"]).arg(&file).output().unwrap();
        let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        // openssl reads the first PEM block.
        let object = &value["objects"][0];
        assert!(object["error"].is_null(), "{}: {}", file.display(), object["error"]);
        let ours = object["nodes"].as_array().unwrap();
        assert_eq!(ours.len(), theirs.len(), "{}: node count", file.display());
        for (node, line) in ours.iter().zip(&theirs) {
            let at = format!("{} at byte {}", file.display(), line.0);
            assert_eq!(node["offset"].as_u64(), Some(line.0 as u64), "{at}");
            assert_eq!(node["depth"].as_u64(), Some(line.1 as u64), "{at}");
            assert_eq!(node["header_length"].as_u64(), Some(line.2 as u64), "{at}");
            assert_eq!(node["length"].as_u64(), line.3.map(|n| n as u64), "{at}");
            assert_eq!(node["constructed"].as_bool(), Some(line.4), "{at}");
            assert_eq!(node["tag"].as_str(), Some(line.5.as_str()), "{at}");
            let ours = node["value"].as_str();
            match (line.5.as_str(), &line.6) {
                ("OBJECT", Some(theirs)) if theirs.chars().all(|c| c.is_ascii_digit() || c == '.') => {
                    assert_eq!(ours, Some(theirs.as_str()), "{at}")
                }
                ("OBJECT", Some(_)) => assert!(ours.is_some_and(|o| o.contains('.')), "{at}: {ours:?}"),
                (_, theirs) => assert_eq!(ours, theirs.as_deref(), "{at}"),
            }
            nodes += 1;
        }
        compared += 1;
    }
    assert!(compared >= 40, "only {compared} fixtures compared");
    println!("{compared} fixtures, {nodes} nodes alike");
}

#[test]
fn text_output_lays_nodes_out_as_openssl_does() {
    let file = fixture("ct/good.pem");
    let out = certscope().args(["asn1"]).arg(&file).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let theirs = String::from_utf8(
        std::process::Command::new("openssl").args(["asn1parse", "-i", "-in"]).arg(&file).output().unwrap().stdout,
    )
    .unwrap();
    // The first lines (before any OID) are identical, byte for byte.
    let ours: Vec<&str> = text.lines().skip(1).take(6).collect();
    let theirs: Vec<&str> = theirs.lines().take(6).collect();
    assert_eq!(ours, theirs);
}

#[test]
fn a_truncated_object_prints_what_was_read_and_exits_1() {
    let der = std::fs::read(fixture("ct/ca.pem")).unwrap();
    let block = certscope::asn1::objects(&der);
    assert!(block[0].error.is_none());
    let path = std::env::temp_dir().join(format!("certscope-asn1-truncated-{}.der", std::process::id()));
    let whole = certscope::load::pem::blocks(&der).remove(0).der.unwrap();
    std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();
    let out = certscope().args(["asn1"]).arg(&path).output().unwrap();
    std::fs::remove_file(&path).ok();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("    0:d=0  hl=4 l= 448 cons: SEQUENCE"), "{text}");
    assert!(text.lines().count() > 10, "the elements before the break are shown: {text}");
    assert!(text.contains("Error: the element at byte 0 claims"), "{text}");
}

#[test]
fn a_missing_file_exits_2() {
    let out = certscope().args(["asn1", "/nonexistent/certscope.der"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
