//! Downloaded CRLs: real HTTP on 127.0.0.1, faulty servers, and the report's --crl.

mod support;

use std::time::{Duration, Instant};

use certscope::net::Limits;
use certscope::revocation::fetch_crl;
use support::http::{Reply, Server};
use support::*;

fn crl_der() -> Vec<u8> {
    std::fs::read(fixture("intermediate-crl.der")).unwrap()
}

fn limits(seconds: u64) -> Limits {
    Limits { timeout: Duration::from_secs(seconds), max_bytes: 64 * 1024 }
}

#[test]
fn a_crl_downloads_as_der_or_pem() {
    let pem = std::fs::read(fixture("intermediate.crl")).unwrap();
    let server = Server::start(2, move |target| match target {
        "/der.crl" => Reply::Body { status: 200, content_type: "application/pkix-crl", body: crl_der() },
        _ => Reply::Body { status: 200, content_type: "text/plain", body: pem.clone() },
    });
    for path in ["/der.crl", "/pem.crl"] {
        let list = fetch_crl(&format!("{}{path}", server.url()), limits(5)).unwrap();
        assert_eq!(list.revoked.len(), 2, "{path}");
    }
}

#[test]
fn faulty_servers_each_give_their_own_error_in_time() {
    let server = Server::start(5, |target| match target {
        "/500" => Reply::Body { status: 500, content_type: "text/plain", body: b"oops".to_vec() },
        "/html" => Reply::Body { status: 200, content_type: "text/html", body: b"<html>maintenance</html>".to_vec() },
        "/big" => Reply::Body { status: 200, content_type: "application/pkix-crl", body: vec![0x30; 200 * 1024] },
        "/truncated" => {
            Reply::Body { status: 200, content_type: "application/pkix-crl", body: crl_der()[..300].to_vec() }
        }
        _ => Reply::Stall(Duration::from_secs(8)),
    });
    let rows = [
        ("/500", "answered HTTP 500"),
        ("/html", "is not a CRL (Content-Type text/html)"),
        ("/big", "is larger than 64 KiB"),
        ("/truncated", "truncated DER"),
        ("/stall", "timed out after 1 s"),
    ];
    for (path, want) in rows {
        let started = Instant::now();
        let error = fetch_crl(&format!("{}{path}", server.url()), limits(1)).unwrap_err();
        assert!(error.contains(want), "{path}: {error}");
        assert!(started.elapsed() < Duration::from_secs(5), "{path} took {:?}", started.elapsed());
    }
}

#[test]
fn report_crl_downloads_each_distribution_point_through_the_proxy() {
    // The fixtures point at http://pki.certscope.test/...: a loopback proxy answers for it,
    // so nothing leaves this machine, and the proxy from the environment is shown to be used.
    let server = Server::start(4, |target| {
        if target.ends_with("/intermediate.crl") || target.contains("pki.certscope.test") {
            Reply::Body { status: 200, content_type: "application/pkix-crl", body: crl_der() }
        } else {
            Reply::Body { status: 404, content_type: "text/plain", body: Vec::new() }
        }
    });
    let (value, code) = report_crl_through(&server.url(), "5");
    let entry = &value["inputs"][0]["certificates"][0]["revocation"]["crl"][0];
    assert_eq!(entry["url"], "http://pki.certscope.test/intermediate.crl");
    assert_eq!(entry["status"], "revoked", "{entry}");
    assert_eq!(entry["revocation_reason"], "keyCompromise");
    assert_eq!(code, Some(1));
    let requests = server.requests.lock().unwrap().clone();
    assert!(requests.iter().any(|r| r.contains("pki.certscope.test")), "{requests:?}");
}

#[test]
fn an_unreachable_distribution_point_is_an_error_not_good() {
    // A port nothing listens on, on loopback: connection refused at once.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let (value, code) = report_crl_through(&format!("http://{closed}"), "2");
    let entry = &value["inputs"][0]["certificates"][0]["revocation"]["crl"][0];
    assert_eq!(entry["status"], "error", "{entry}");
    assert!(entry["error"].as_str().unwrap().contains("could not fetch http://pki.certscope.test/intermediate.crl"));
    assert_eq!(code, Some(1), "an unverifiable status is a failed check");
}

/// `certscope report --json --crl` on chain.pem with `proxy` as the environment's HTTP proxy.
fn report_crl_through(proxy: &str, timeout: &str) -> (serde_json::Value, Option<i32>) {
    let chain = fixture("chain.pem");
    let out = support::certscope_via(proxy)
        .args(["report", "--json", "--crl", "--timeout", timeout, "--time", "2026-05-02T00:00:00Z"])
        .arg(&chain)
        .output()
        .unwrap();
    let value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("not JSON ({e})"));
    (value, out.status.code())
}
