//! The diagnosis end to end on the real binary: help-desk cases, each with the one verdict,
//! the finding that explains it (code, message, fix) and the exit code tools read.

mod support;

use support::*;

fn path(name: &str) -> String {
    fixture(name).display().to_string()
}

/// `certscope report --json --time NOW args...`: the JSON and the exit code.
fn judged(args: &[&str]) -> (serde_json::Value, i32) {
    let clock: &[&str] = if args.contains(&"--time") { &[] } else { &["--time", NOW] };
    // The lint fixtures' SCTs come from test logs: name them.
    let logs = path("lints/ct_log_list.json");
    let logs: &[&str] = if args.contains(&"--ct-log-list") { &[] } else { &["--ct-log-list", &logs] };
    let out = support::certscope().arg("report").arg("--json").args(clock).args(logs).args(args).output().unwrap();
    let value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (value, out.status.code().unwrap())
}

fn finding<'a>(value: &'a serde_json::Value, code: &str) -> Option<&'a serde_json::Value> {
    value["findings"].as_array().unwrap().iter().find(|f| f["code"] == code)
}

fn codes(value: &serde_json::Value, severity: &str) -> Vec<String> {
    value["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == severity)
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

/// One help-desk case: what was loaded, how it was asked, the verdict, the finding that says
/// why (or none), and the exit code.
struct Case {
    name: &'static str,
    args: Vec<String>,
    status: &'static str,
    code: Option<&'static str>,
    headline: &'static str,
    exit: i32,
}

#[test]
fn help_desk_cases() {
    let lints = |name: &str| path(&format!("lints/{name}"));
    let args = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let cases = vec![
        Case {
            name: "expired",
            args: args(&[&path("expired.pem"), &path("root.pem")]),
            status: "error",
            code: Some("validity.expired"),
            headline: "would be rejected: 'expired.certscope.test' expired 17 months ago",
            exit: 1,
        },
        Case {
            name: "wrong host",
            args: args(&["--hostname", "www.other.test", "--ca-file", &path("root.pem"), &path("chain.pem")]),
            status: "error",
            code: Some("name.mismatch"),
            headline: "the certificate is not valid for 'www.other.test'",
            exit: 1,
        },
        Case {
            name: "missing intermediate",
            args: args(&[&path("missing-intermediate.pem")]),
            status: "error",
            code: Some("chain.missing_issuer"),
            headline: "it is published at http://pki.certscope.test/intermediate.der (its caIssuers URL)",
            exit: 1,
        },
        Case {
            name: "split files (cert.pem + chain.pem) with the root given",
            args: args(&["--ca-file", &path("root.pem"), &path("leaf-p256.pem"), &path("intermediate.pem")]),
            status: "warning",
            code: None,
            // Its chain is whole; the test PKI's leaf only lacks SCTs and breaks Forum rules.
            headline: "The TLS server certificate 'p256.certscope.test': clients accept it, but",
            exit: 0,
        },
        Case {
            name: "private root",
            args: args(&[&path("chain.pem")]),
            status: "warning",
            code: Some("trust.private_root"),
            headline: "trusted only where 'certscope Test Root CA' is installed",
            exit: 0,
        },
        Case {
            name: "private root, judged for Mozilla's store",
            args: args(&["--trust", "mozilla", &path("chain.pem")]),
            status: "error",
            code: Some("trust.untrusted_root"),
            headline: "which is not in Mozilla's roots",
            exit: 1,
        },
        Case {
            name: "revoked by a CRL file",
            args: args(&[&path("chain.pem"), &path("intermediate-crl.der"), "--time", "2026-05-03T00:00:00Z"]),
            status: "error",
            code: Some("revocation.revoked"),
            headline: "would be rejected by clients that check revocation",
            exit: 1,
        },
        Case {
            name: "expiring soon",
            args: args(&["--ca-file", &lints("ca.pem"), &lints("tls.good.pem"), "--time", "2026-07-20T00:00:00Z"]),
            status: "warning",
            code: Some("validity.expiring_soon"),
            headline: "clients accept it, but 'www.certscope.org' expires in 9 days",
            exit: 0,
        },
        Case {
            name: "SHA-1",
            args: args(&["--ca-file", &lints("ca.pem"), &lints("lint.cabf_br.sha1_signature.bad.pem")]),
            status: "error",
            code: Some("algorithm.weak_signature"),
            headline: "is signed with ecdsa-with-SHA1",
            exit: 1,
        },
        Case {
            name: "RSA-1024",
            args: args(&["--ca-file", &lints("ca.pem"), &lints("lint.cabf_br.rsa_key_size.bad.pem")]),
            status: "error",
            code: Some("algorithm.weak_key"),
            headline: "has an RSA key of 1024 bits",
            exit: 1,
        },
        Case {
            name: "code signing, judged as one",
            args: args(&["--ca-file", &lints("ca.pem"), &lints("codesign.good.pem")]),
            status: "ok",
            code: None,
            headline: "The code-signing certificate 'certscope Lint Publisher' is fine",
            exit: 0,
        },
        Case {
            name: "code signing, judged as a TLS server",
            args: args(&["--purpose", "server", "--ca-file", &lints("ca.pem"), &lints("codesign.good.pem")]),
            status: "error",
            code: Some("purpose.mismatch"),
            headline: "cannot be used for TLS server",
            exit: 1,
        },
        Case {
            name: "a public TLS certificate with one SCT where two are needed",
            args: args(&[
                "--ca-file",
                &path("ct/ca.pem"),
                "--ct-log-list",
                &path("ct/log_list.json"),
                &path("ct/one-sct.pem"),
            ]),
            status: "warning",
            code: Some("ct.too_few_scts"),
            headline: "carries 1 SCT(s) that browsers count; their CT policies ask for 2",
            exit: 0,
        },
        Case {
            name: "a public TLS certificate without SCTs",
            args: args(&["--ca-file", &lints("ca.pem"), &lints("ct.no_scts.pem")]),
            status: "warning",
            code: Some("ct.no_scts"),
            headline: "carries no signed certificate timestamps",
            exit: 0,
        },
        Case {
            name: "a public TLS certificate that also allows clientAuth",
            args: args(&["--ca-file", &lints("ca.pem"), &lints("tls-client-auth.pem")]),
            status: "ok",
            code: Some("purpose.client_auth_in_server"),
            headline: "is fine",
            exit: 0,
        },
        Case {
            name: "a chain signed with Ed448, which certscope cannot verify",
            args: args(&[&lints("ed448-chain.pem")]),
            status: "error",
            code: Some("algorithm.unsupported"),
            headline: "is signed with Ed448, which certscope cannot verify",
            exit: 1,
        },
        Case {
            name: "a post-quantum key",
            args: args(&["--ca-file", &lints("ca.pem"), &lints("ml-dsa-leaf.pem")]),
            status: "ok",
            code: Some("algorithm.post_quantum"),
            headline: "is fine",
            exit: 0,
        },
        Case {
            name: "a private key that belongs to no certificate loaded",
            args: args(&["--ca-file", &lints("ca.pem"), &lints("tls.good.pem"), &path("leaf-p256.key")]),
            status: "error",
            code: Some("key.mismatch"),
            headline: "matches none of the certificates loaded",
            exit: 1,
        },
        Case {
            name: "S/MIME for its address",
            args: args(&["--email", "alice@certscope.org", "--ca-file", &lints("ca.pem"), &lints("smime.good.pem")]),
            status: "ok",
            code: None,
            headline: "The S/MIME certificate 'alice@certscope.org' is fine",
            exit: 0,
        },
        Case {
            name: "S/MIME for another address",
            args: args(&[
                "--purpose",
                "email",
                "--email",
                "bob@certscope.org",
                "--ca-file",
                &lints("ca.pem"),
                &lints("smime.good.pem"),
            ]),
            status: "error",
            code: Some("name.mismatch"),
            headline: "not valid for 'bob@certscope.org'",
            exit: 1,
        },
    ];
    for case in cases {
        let refs: Vec<&str> = case.args.iter().map(String::as_str).collect();
        let (value, exit) = judged(&refs);
        let verdict = &value["verdict"];
        let headline = verdict["headline"].as_str().unwrap();
        assert_eq!(verdict["status"], case.status, "{}: {headline}", case.name);
        assert!(headline.contains(case.headline), "{}: headline was: {headline}", case.name);
        assert_eq!(exit, case.exit, "{}: {headline}", case.name);
        if let Some(code) = case.code {
            let f =
                finding(&value, code).unwrap_or_else(|| panic!("{}: no {code} in {}", case.name, value["findings"]));
            for field in
                ["severity", "code", "category", "message", "why", "fix", "certificate", "citation", "evidence"]
            {
                assert!(f.get(field).is_some(), "{}: finding without {field}", case.name);
            }
            assert!(!f["fix"].as_str().unwrap().is_empty());
        } else {
            assert!(
                codes(&value, "error").iter().all(|c| c.starts_with("lint.")),
                "{}: {:?}",
                case.name,
                codes(&value, "error")
            );
        }
    }
}

#[test]
fn lint_errors_decide_only_when_strict() {
    // The split-file chain breaks two Forum rules (a .test name, a 2-octet serial): a warning...
    let files = [path("leaf-p256.pem"), path("intermediate.pem")];
    let base = ["--ca-file", &path("root.pem"), &files[0], &files[1]];
    let (value, exit) = judged(&base);
    assert_eq!((value["verdict"]["status"].as_str(), exit), (Some("warning"), 0));
    assert!(codes(&value, "error").contains(&"lint.cabf_br.serial_entropy".to_string()));
    // ... and an error under --strict.
    let (value, exit) = judged(&[&["--strict"][..], &base[..]].concat());
    assert_eq!((value["verdict"]["status"].as_str(), exit), (Some("error"), 1));
    assert!(value["verdict"]["headline"].as_str().unwrap().contains("breaks the rules its CA must follow"));
}

#[test]
fn an_rsa_1024_leaf_with_serial_zero_is_never_fine() {
    // Issue 10: lints ran only on trusted paths, so this got "No problems found".
    let dir = std::env::temp_dir().join(format!("certscope-weak-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = std::process::Command::new("openssl")
        .args(["req", "-x509", "-newkey", "rsa:1024", "-nodes", "-keyout", "k.pem", "-out", "c.pem", "-days", "30"])
        .args(["-subj", "/CN=weak.example.net", "-set_serial", "0", "-addext", "subjectAltName=DNS:weak.example.net"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let cert = dir.join("c.pem").display().to_string();
    let out = support::certscope().args(["report", "--json", &cert]).output().unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let all = value["findings"].to_string();
    assert!(all.contains("algorithm.weak_key") && all.contains("an RSA key of 1024 bits"), "{all}");
    assert_eq!(value["verdict"]["status"], "error");
    assert_eq!(out.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn markdown_and_text_draw_the_same_findings_as_json() {
    let args = ["--time", NOW, &path("expired.pem"), &path("root.pem")];
    let run = |format: &str| {
        let out = support::certscope().arg("report").args(["--format", format]).args(args).output().unwrap();
        (String::from_utf8(out.stdout).unwrap(), out.status.code())
    };
    let (json, json_exit) = run("json");
    let (markdown, markdown_exit) = run("markdown");
    let (text, text_exit) = run("text");
    assert!(json_exit == Some(1) && markdown_exit == Some(1) && text_exit == Some(1));
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let headline = value["verdict"]["headline"].as_str().unwrap();
    assert!(markdown.contains(&format!("**Verdict: ERROR.** {}", headline.replace('_', "\\_"))), "{markdown}");
    assert!(text.starts_with(&format!("Verdict: ERROR - {headline}")), "{text}");
    for f in value["findings"].as_array().unwrap().iter().filter(|f| f["severity"] != "info") {
        let code = f["code"].as_str().unwrap();
        assert!(markdown.contains(&format!("`{code}`")), "markdown lacks {code}");
        assert!(text.contains(&format!("[{code}]")), "text lacks {code}");
    }
    assert!(markdown.contains("## Findings") && markdown.contains("## Details"));
}

#[test]
fn chain_out_writes_the_chain_to_serve_in_order() {
    // Stored out of order with the root: the chain to serve is leaf, then intermediate.
    let dir = std::env::temp_dir().join(format!("certscope-chain-out-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let messy = dir.join("messy.pem");
    let read = |name: &str| std::fs::read_to_string(fixture(name)).unwrap();
    std::fs::write(&messy, read("root.pem") + &read("intermediate.pem") + &read("leaf-p256.pem")).unwrap();
    let out_file = dir.join("serve.pem");
    let out = support::certscope()
        .args(["report", "--time", NOW, "--chain-out", out_file.to_str().unwrap(), messy.to_str().unwrap()])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("[chain.order]"), "{text}");
    let written = certscope::load_path(&out_file, &Default::default());
    let names: Vec<String> = written.certificates.iter().map(|c| c.display_name()).collect();
    assert_eq!(names, ["p256.certscope.test", "certscope Test Intermediate CA"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_folder_file_without_certificates_is_a_notice_not_a_failure() {
    let dir = std::env::temp_dir().join(format!("certscope-folder-notice-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("README.txt"), "not a certificate").unwrap();
    std::fs::copy(fixture("lints/tls.good.pem"), dir.join("tls.pem")).unwrap();
    std::fs::copy(fixture("lints/ca.pem"), dir.join("ca.pem")).unwrap();
    let (value, exit) = judged(&[dir.to_str().unwrap()]);
    let notice = finding(&value, "input.not_certificate").unwrap();
    assert_eq!(notice["severity"], "notice");
    assert_eq!(exit, 0, "{}", value["findings"]);
    // Named on the command line, the same file is an error: the run could not do what was asked.
    let (_, exit) = judged(&[dir.join("README.txt").to_str().unwrap()]);
    assert_eq!(exit, 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_stale_crl_and_a_forged_request_are_findings_too() {
    // The CRL's nextUpdate (2026-05-08) has passed at NOW.
    let (value, exit) = judged(&[&path("chain.pem"), &path("intermediate.crl")]);
    assert_eq!(finding(&value, "crl.stale").unwrap()["severity"], "warning");
    let (alone, _) = judged(&[&path("intermediate.crl")]);
    assert!(
        alone["verdict"]["headline"].as_str().unwrap().starts_with("The CRL needs attention: the CRL of"),
        "{}",
        alone["verdict"]
    );
    assert_eq!(finding(&value, "revocation.unverified").unwrap()["severity"], "error");
    assert_eq!(exit, 1);
    // A request whose signature no longer verifies (its last byte changed).
    let mut request = std::fs::read(fixture("request.der")).unwrap();
    let last = request.len() - 1;
    request[last] ^= 0x01;
    let file = std::env::temp_dir().join(format!("certscope-forged-{}.csr", std::process::id()));
    std::fs::write(&file, &request).unwrap();
    let (value, exit) = judged(&[file.to_str().unwrap()]);
    let _ = std::fs::remove_file(&file);
    let headline = value["verdict"]["headline"].as_str().unwrap();
    assert!(headline.starts_with("The signing request would be rejected by a CA:"), "{headline}");
    let forged = finding(&value, "request.bad_signature").unwrap();
    assert!(forged["message"].as_str().unwrap().contains("its signature does not verify"));
    assert_eq!(exit, 1);
    let (value, exit) = judged(&[&path("request.der")]);
    assert!(finding(&value, "request.bad_signature").is_none());
    assert_eq!(exit, 0, "{}", value["findings"]);
}

#[test]
fn a_signing_request_asking_for_an_unreadable_extension_is_said() {
    // openssl writes what it is told: a SAN whose bytes end early.
    let dir = std::env::temp_dir().join(format!("certscope-bad-csr-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csr = dir.join("bad.csr");
    let status = std::process::Command::new("openssl")
        .args(["req", "-new", "-subj", "/CN=bad-ext.certscope.test", "-addext", "2.5.29.17=DER:30038201", "-key"])
        .arg(fixture("leaf-p256.key"))
        .arg("-out")
        .arg(&csr)
        .status()
        .unwrap();
    assert!(status.success());
    let (value, exit) = judged(&[csr.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(exit, 0, "a warning");
    let found = finding(&value, "request.malformed_extension").expect("said");
    assert!(found["message"].as_str().unwrap().contains("Subject alternative name"), "{found}");
    assert_eq!(value["inputs"][0]["csrs"].as_array().map(Vec::len), Some(1), "the request still loads");
}
