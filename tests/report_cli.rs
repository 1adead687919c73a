//! `certscope report`: flags, JSON field names and exit codes are a contract other tools read.

mod support;

use std::process::{Output, Stdio};

use support::*;

fn report(args: &[&str]) -> Output {
    support::certscope().arg("report").args(args).output().unwrap()
}

fn json(args: &[&str]) -> (serde_json::Value, i32) {
    let out = report(&[&["--json", "--time", NOW], args].concat());
    let value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (value, out.status.code().unwrap())
}

#[test]
fn json_has_every_contract_field() {
    let chain = fixture("chain.pem");
    let (value, code) = json(&[chain.to_str().unwrap()]);
    assert_eq!(code, 0);
    let input = &value["inputs"][0];
    for field in ["source", "error", "certificates", "csrs", "crls"] {
        assert!(input.get(field).is_some(), "input.{field}");
    }
    assert!(input["error"].is_null());
    let certificate = &input["certificates"][0];
    for field in [
        "subject",
        "issuer",
        "serial",
        "not_before",
        "not_after",
        "sha1",
        "sha256",
        "public_key",
        "signature_algorithm",
        "san",
        "is_ca",
        "self_signed",
        "purposes",
        "ocsp_urls",
        "ca_issuers_urls",
        "crl_urls",
        "extensions",
    ] {
        assert!(certificate.get(field).is_some(), "certificate.{field}");
    }
    for field in ["algorithm", "bits", "curve"] {
        assert!(certificate["public_key"].get(field).is_some(), "public_key.{field}");
    }
    for field in ["oid", "name", "critical", "value"] {
        assert!(certificate["extensions"][0].get(field).is_some(), "extension.{field}");
    }
    assert_eq!(certificate["not_after"], "2027-01-01T00:00:00Z");
    assert_eq!(certificate["public_key"]["curve"], "P-256");
    assert_eq!(certificate["public_key"]["bits"], 256);
    assert_eq!(certificate["purposes"], serde_json::json!(["tls_server"]));
    assert_eq!(certificate["san"][0], "DNS:p256.certscope.test");
    assert_eq!(certificate["sha256"].as_str().unwrap().len(), 64);
    assert_eq!(value["chains"][0]["certificates"], serde_json::json!([[0, 0], [0, 1], [0, 2]]));
    assert_eq!(value["chains"][0]["complete"], true);
}

#[test]
fn csrs_and_crls_appear_in_json() {
    let (value, code) =
        json(&[fixture("request.csr").to_str().unwrap(), fixture("intermediate.crl").to_str().unwrap()]);
    assert_eq!(code, 0);
    assert_eq!(value["inputs"][0]["csrs"][0]["san"][1], "DNS:www.csr.certscope.test");
    assert_eq!(value["inputs"][1]["crls"][0]["revoked"][0]["serial"], "0101");
    assert_eq!(value["inputs"][1]["crls"][0]["revoked"][0]["reason"], "keyCompromise");
}

#[test]
fn exit_codes() {
    let good = fixture("chain.pem");
    let good = good.to_str().unwrap();
    let garbage = fixture("garbage.bin");
    let (expired, missing) = (fixture("expired.pem"), fixture("missing-intermediate.pem"));
    let rows: Vec<(Vec<&str>, i32)> = vec![
        // A private PKI's chain: clients that have its root accept it (a warning, exit 0).
        (vec!["--time", NOW, good], 0),
        // The same judged for Mozilla's store only: untrusted (1).
        (vec!["--time", NOW, "--trust", "mozilla", good], 1),
        // An expired leaf (1), a broken chain (1).
        (vec!["--time", NOW, expired.to_str().unwrap()], 1),
        (vec!["--time", NOW, missing.to_str().unwrap()], 1),
        (vec![good, garbage.to_str().unwrap()], 2),
        (vec!["/nonexistent.pem"], 2),
        (vec!["--time", "yesterday", good], 2),
        (vec!["--bogus-flag", good], 2),
        (vec![], 2),
    ];
    for (args, want) in rows {
        assert_eq!(report(&args).status.code(), Some(want), "{args:?}");
    }
}

#[test]
fn an_unreadable_input_has_its_error_in_json_and_the_rest_still_loads() {
    let (value, code) = json(&[fixture("garbage.bin").to_str().unwrap(), fixture("root.pem").to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(value["inputs"][0]["error"].as_str().unwrap().contains("not a certificate"));
    assert_eq!(value["inputs"][1]["certificates"][0]["self_signed"], true);
}

#[test]
fn pkcs12_password_flag() {
    let p12 = fixture("modern.p12");
    let (value, code) = json(&["--password", "correct horse", p12.to_str().unwrap()]);
    // The file holds the leaf and its intermediate, not the root: a chain that cannot be judged.
    assert_eq!(code, 1);
    assert!(value["findings"].as_array().unwrap().iter().any(|f| f["code"] == "chain.missing_issuer"), "{value}");
    assert_eq!(value["inputs"][0]["certificates"].as_array().unwrap().len(), 2);
    assert_eq!(value["inputs"][0]["keys"][0]["matches_certificate"], 0);
    let (value, code) = json(&[p12.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(value["inputs"][0]["error"].as_str().unwrap().contains("password"));
}

#[test]
fn text_report_says_what_the_window_says() {
    let out = report(&[
        "--time",
        NOW,
        fixture("missing-intermediate.pem").to_str().unwrap(),
        fixture("expired.pem").to_str().unwrap(),
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Status        EXPIRED: expired 17 months ago"), "{text}");
    assert!(text.contains("Chain 1 (INCOMPLETE): p256.certscope.test (broken link)"), "{text}");
    assert!(text.contains(
        "problem: issuer 'certscope Test Intermediate CA' of 'p256.certscope.test' is not among the loaded certificates"
    ));
    assert!(text.contains("Subject alternative name"));
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let mut child = support::certscope()
        .args(["report", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write as _;
        let pem = std::fs::read(fixture("root.pem")).unwrap();
        child.stdin.take().unwrap().write_all(&pem).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["inputs"][0]["source"], "standard input");
}

#[test]
fn oversized_input_is_refused_by_the_cap_flag() {
    let out = report(&["--max-size", "100", fixture("chain.pem").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("over the 100-byte limit"));
}

#[test]
fn a_folder_is_read_file_by_file() {
    let dir = std::env::temp_dir().join(format!("certscope-cli-folder-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["root.pem", "intermediate.pem", "leaf-p256.der"] {
        std::fs::copy(fixture(name), dir.join(name)).unwrap();
    }
    let (value, code) = json(&[dir.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 0);
    assert_eq!(value["inputs"].as_array().unwrap().len(), 3);
    assert_eq!(value["chains"][0]["complete"], true);
}

#[test]
fn the_text_report_opens_with_the_verdict_and_what_is_wrong() {
    let out = report(&["--time", NOW, fixture("expired.pem").to_str().unwrap(), fixture("root.pem").to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    let verdict = lines.next().unwrap();
    assert!(verdict.starts_with("Verdict: ERROR - The TLS server certificate 'expired.certscope.test' would be rejected: 'expired.certscope.test' expired 17 months ago"), "{verdict}");
    assert_eq!(lines.next(), Some("  (judged 2026-06-01T00:00:00Z: 2 input(s), 2 certificate(s), 2 chain(s))"));
    assert!(text.contains(
        "  ERROR [validity.expired] 'expired.certscope.test' expired 17 months ago, on 2025-01-01T00:00:00Z."
    ));
    assert!(text.contains("      fix: Renew 'expired.certscope.test'"), "{text}");
    // A chain that breaks no rule, under the root it names.
    let lints = |name: &str| fixture(&format!("lints/{name}")).display().to_string();
    let clean = report(&[
        "--time",
        NOW,
        "--ca-file",
        &lints("ca.pem"),
        "--ct-log-list",
        &lints("ct_log_list.json"),
        &lints("tls.good.pem"),
    ]);
    let text = String::from_utf8(clean.stdout).unwrap();
    assert!(
        text.starts_with(
            "Verdict: OK - The TLS server certificate 'www.certscope.org' is fine: it leads to 'certscope Lint CA'"
        ),
        "{text}"
    );
    assert!(!text.contains("ERROR") && !text.contains("WARNING"), "{text}");
    assert_eq!(clean.status.code(), Some(0));
}

#[test]
fn a_crl_file_beside_certificates_is_checked_and_revoked_exits_1() {
    let (chain, crl) = (fixture("chain.pem"), fixture("intermediate.crl"));
    let args = ["--json", "--time", "2026-05-02T00:00:00Z", chain.to_str().unwrap(), crl.to_str().unwrap()];
    let out = report(&args);
    assert_eq!(out.status.code(), Some(1), "a revoked certificate is a failed check");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let entry = &value["inputs"][0]["certificates"][0]["revocation"]["crl"][0];
    for field in
        ["url", "status", "error", "this_update", "next_update", "revocation_time", "revocation_reason", "checks"]
    {
        assert!(entry.get(field).is_some(), "revocation.crl[].{field}");
    }
    assert_eq!(entry["status"], "revoked");
    assert_eq!(entry["revocation_time"], "2026-03-01T00:00:00Z");
    assert_eq!(entry["revocation_reason"], "keyCompromise");
    assert_eq!(entry["checks"][1]["name"], "CRL signature by the issuer's key");
    assert_eq!(entry["checks"][1]["result"], "pass");
    // The root and intermediate are not covered by the intermediate's CRL.
    assert!(value["inputs"][0]["certificates"][1].get("revocation").is_none());
}

#[test]
fn a_stale_crl_makes_the_status_unverified_never_good() {
    let (leaf, chain, crl) = (fixture("leaf-rsa.pem"), fixture("chain.pem"), fixture("intermediate.crl"));
    let (value, code) = json(&[leaf.to_str().unwrap(), chain.to_str().unwrap(), crl.to_str().unwrap()]);
    assert_eq!(code, 1, "unverified revocation status is a failed check");
    let entry = &value["inputs"][0]["certificates"][0]["revocation"]["crl"][0];
    assert_eq!(entry["status"], "unverified");
    assert!(entry["error"].as_str().unwrap().starts_with("nextUpdate is not in the past: stale"));
    // Fresh, the same certificate is simply not listed.
    let out = report(&[
        "--json",
        "--time",
        "2026-05-02T00:00:00Z",
        leaf.to_str().unwrap(),
        chain.to_str().unwrap(),
        crl.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "the chain's p256 leaf in chain.pem is revoked");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["inputs"][0]["certificates"][0]["revocation"]["crl"][0]["status"], "good");
}

#[test]
fn validation_judges_the_chain_against_given_roots_name_and_time() {
    let (root, chain) = (fixture("root.pem"), fixture("chain.pem"));
    let (root, chain) = (root.to_str().unwrap(), chain.to_str().unwrap());
    let validation = |args: &[&str]| {
        let (value, code) = json(args);
        (value["inputs"][0]["validation"].clone(), code)
    };
    // Without a judging flag, no verdict and no change to the exit code (issue 3's contract).
    let (none, code) = validation(&[chain]);
    assert!(none.is_null() && code == 0);

    let (trusted, code) = validation(&["--ca-file", root, "--hostname", "p256.certscope.test", chain]);
    assert_eq!(
        (trusted["trusted"].as_bool(), trusted["hostname_matches"].as_bool(), code),
        (Some(true), Some(true), 0)
    );
    assert_eq!(trusted["anchor"], "certscope Test Root CA");
    assert!(trusted["checks"].as_array().unwrap().iter().all(|c| c["result"] != "fail"), "{trusted}");
    // The SAN IP address too.
    let (by_ip, code) = validation(&["--ca-file", root, "--hostname", "127.0.0.1", chain]);
    assert_eq!((by_ip["trusted"].as_bool(), code), (Some(true), 0), "{by_ip}");

    let (wrong, code) = validation(&["--ca-file", root, "--hostname", "www.example.org", chain]);
    assert_eq!((wrong["trusted"].as_bool(), wrong["hostname_matches"].as_bool(), code), (Some(false), Some(false), 1));
    let failed: Vec<&serde_json::Value> =
        wrong["checks"].as_array().unwrap().iter().filter(|c| c["result"] == "fail").collect();
    assert_eq!(failed.len(), 1, "only the name fails: {wrong}");
    assert!(
        failed[0]["detail"]
            .as_str()
            .unwrap()
            .starts_with("name 'www.example.org' is not in the certificate's SAN: it covers p256.certscope.test")
    );

    // Mozilla's roots do not trust the test PKI, and the words say where the chain ends.
    let (untrusted, code) = validation(&["--trust", "mozilla", chain]);
    assert_eq!((untrusted["trusted"].as_bool(), code), (Some(false), 1));
    assert!(
        untrusted
            .to_string()
            .contains("the chain ends at the root 'certscope Test Root CA', which is not among Mozilla's roots")
    );

    // A leaf sent without its intermediate.
    let missing = fixture("missing-intermediate.pem");
    let (alone, _) = validation(&["--ca-file", root, missing.to_str().unwrap()]);
    assert!(
        alone.to_string().contains(
            "the intermediate 'certscope Test Intermediate CA' (issuer of 'p256.certscope.test') was not sent"
        ),
        "{alone}"
    );

    // After the leaf expired (2027-01-01), at the same roots.
    let out = report(&["--json", "--time", "2027-02-01T00:00:00Z", "--ca-file", root, chain]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(value["inputs"][0]["validation"].to_string().contains("expired"));

    // A client certificate judged for the client purpose; the server purpose refuses it.
    let sent = std::env::temp_dir().join(format!("certscope-client-{}.pem", std::process::id()));
    let pem =
        [std::fs::read(fixture("client.pem")).unwrap(), std::fs::read(fixture("intermediate.pem")).unwrap()].concat();
    std::fs::write(&sent, pem).unwrap();
    let judged = |purpose: &str| {
        let (value, code) = json(&["--ca-file", root, "--purpose", purpose, sent.to_str().unwrap()]);
        (value["inputs"][0]["validation"].clone(), code)
    };
    let (as_client, code) = judged("client");
    assert_eq!((as_client["trusted"].as_bool(), code), (Some(true), 0), "{as_client}");
    let (as_server, code) = judged("server");
    assert_eq!((as_server["trusted"].as_bool(), code), (Some(false), 1));
    assert!(as_server.to_string().contains("does not allow TLS server authentication"), "{as_server}");
    let _ = std::fs::remove_file(&sent);
}

/// A leaf whose subject CN is not one of its SAN names (made here by `openssl`, under a root of
/// its own): browsers ignore the CN, so by default it is trusted with a note; `--rules cabf`
/// holds it to CABF 7.1.4.3 and rejects it.
#[test]
fn a_cn_outside_the_san_is_a_note_by_default_and_fails_under_cabf_rules() {
    let dir = std::env::temp_dir().join(format!("certscope-cn-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let openssl = |args: &[&str]| {
        let out = std::process::Command::new("openssl").args(args).current_dir(&dir).output().unwrap();
        assert!(out.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    let ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes"];
    openssl(
        &[&["req", "-x509"], &ec[..], &["-keyout", "ca.key", "-out", "ca.pem", "-subj", "/CN=CN Test Root"]].concat(),
    );
    openssl(
        &[&["req", "-new"], &ec[..], &["-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=old.example.com"]]
            .concat(),
    );
    std::fs::write(
        dir.join("ext"),
        "subjectAltName=DNS:www.example.com\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n\
         keyUsage=critical,digitalSignature\nauthorityKeyIdentifier=keyid\nsubjectKeyIdentifier=hash\n",
    )
    .unwrap();
    openssl(&[
        "x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-out", "leaf.pem", "-days", "30",
        "-extfile", "ext",
    ]);
    let (root, leaf) = (dir.join("ca.pem"), dir.join("leaf.pem"));
    let (root, leaf) = (root.to_str().unwrap(), leaf.to_str().unwrap());
    let now =
        ["--time", &time::OffsetDateTime::now_utc().format(&time::format_description::well_known::Rfc3339).unwrap()];
    let judged = |rules: &[&str]| {
        let out = report(
            &[&["--json"], &now[..], &["--ca-file", root, "--hostname", "www.example.com"], rules, &[leaf]].concat(),
        );
        let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        (value["inputs"][0]["validation"].clone(), out.status.code().unwrap())
    };
    let cn_check = |v: &serde_json::Value| {
        v["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"].as_str().unwrap().contains("CABF 7.1.4.3"))
            .cloned()
            .unwrap()
    };

    let (default, code) = judged(&[]);
    assert_eq!((default["trusted"].as_bool(), default["rules"].as_str(), code), (Some(true), Some("browsers"), 0));
    let check = cn_check(&default);
    assert_eq!(check["result"], "warn", "{default}");
    assert!(check["detail"].as_str().unwrap().contains("its CN is not one of its SAN names (www.example.com)"));
    // Clients accept it: the checklist notes the CA's slip, the verdict does not fail on it.
    let text = String::from_utf8(report(&[&now[..], &["--ca-file", root, leaf]].concat()).stdout).unwrap();
    assert!(
        text.lines().any(|l| l.trim_start().starts_with("warn") && l.contains("its CN is not one of its SAN names")),
        "{text}"
    );
    assert!(text.starts_with("Verdict: WARNING"), "{text}");

    let (strict, code) = judged(&["--rules", "cabf"]);
    assert_eq!((strict["trusted"].as_bool(), strict["rules"].as_str(), code), (Some(false), Some("cabf"), 1));
    assert_eq!(cn_check(&strict)["result"], "fail", "{strict}");
    let failed = strict["checks"].as_array().unwrap().iter().filter(|c| c["result"] == "fail").count();
    assert_eq!(failed, 1, "only the CN rule fails: {strict}");
    let text =
        String::from_utf8(report(&[&now[..], &["--rules", "cabf", "--ca-file", root, leaf]].concat()).stdout).unwrap();
    assert!(text.starts_with("Verdict: ERROR"), "{text}");
    assert!(
        text.contains(
            "ERROR [lint.cabf_br.cn_in_san] 'old.example.com': its CN 'old.example.com' is not one of its SAN names"
        ),
        "{text}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
