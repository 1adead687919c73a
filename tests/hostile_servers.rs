//! Servers that misbehave on purpose, on loopback: CRL and AIA servers that drip, never end,
//! send a gzip bomb, redirect in a loop or to another host, declare more than they send, reset
//! mid-body, or serve the wrong thing. Each: a clear error, within the timeout, within the size cap, and
//! nothing judged good.

mod support;

use std::io::Write as _;
use std::time::{Duration, Instant};

use certscope::net::Limits;
use certscope::revocation::crl::fetch_crl;
use support::http::{Reply, Server};
use support::*;

fn limits(seconds: u64) -> Limits {
    Limits { timeout: Duration::from_secs(seconds), max_bytes: 64 * 1024 }
}

/// A gzip body that inflates to `size` zero bytes (a few hundred KiB become 200 MiB).
fn gzip_bomb(size: usize) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..size / zeros.len() {
        encoder.write_all(&zeros).unwrap();
    }
    encoder.finish().unwrap()
}

fn raw(head: &str, body: &[u8]) -> Reply {
    Reply::Raw([head.as_bytes(), body].concat())
}

#[test]
fn hostile_crl_servers_each_give_a_clear_error_in_time_and_within_the_cap() {
    // Another loopback host for the redirect to land on: it serves a web page.
    let elsewhere = Server::start(2, |_| Reply::Body {
        status: 200,
        content_type: "text/html",
        body: b"<html>a login page</html>".to_vec(),
    });
    // Another host name, still loopback: localhost.
    let other = format!("http://localhost:{}/crl", elsewhere.addr.port());
    let bomb = gzip_bomb(200 * 1024 * 1024);
    let server = Server::start(20, move |target| match target {
        "/drip" => Reply::Drip { length: 4096, every: Duration::from_millis(500) },
        "/endless" => Reply::Endless,
        "/gzip" => raw(
            &format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/pkix-crl\r\nContent-Encoding: gzip\r\nContent-Length: {}\r\n\r\n",
                bomb.len()
            ),
            &bomb,
        ),
        "/loop" => raw("HTTP/1.1 302 Found\r\nLocation: /loop\r\nContent-Length: 0\r\n\r\n", b""),
        "/elsewhere" => raw(&format!("HTTP/1.1 302 Found\r\nLocation: {other}\r\nContent-Length: 0\r\n\r\n"), b""),
        "/short" => {
            raw("HTTP/1.1 200 OK\r\nContent-Type: application/pkix-crl\r\nContent-Length: 5000\r\n\r\n", &[0x30; 100])
        }
        "/reset" => Reply::Reset(
            b"HTTP/1.1 200 OK\r\nContent-Type: application/pkix-crl\r\nContent-Length: 5000\r\n\r\n0000".to_vec(),
        ),
        _ => Reply::Stall(Duration::from_secs(10)),
    });
    let rows = [
        ("/drip", "timed out after 2 s"),
        ("/endless", "is larger than 64 KiB"),
        ("/gzip", "is larger than 64 KiB"),
        ("/loop", "redirect"),
        ("/elsewhere", "is not a CRL (Content-Type text/html)"),
        ("/short", "closed the connection before the whole answer arrived"),
        ("/reset", "closed the connection before the whole answer arrived"),
    ];
    for (path, want) in rows {
        let started = Instant::now();
        let error = fetch_crl(&format!("{}{path}", server.url()), limits(2)).unwrap_err();
        assert!(error.to_lowercase().contains(&want.to_lowercase()), "{path}: {error}");
        assert!(started.elapsed() < Duration::from_secs(4), "{path} took {:?}", started.elapsed());
    }
    // The reset is a real RST: a plain client reading the same answer sees ECONNRESET.
    let mut plain = std::net::TcpStream::connect(server.addr).unwrap();
    plain.write_all(b"GET /reset HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut answer = Vec::new();
    let read = std::io::Read::read_to_end(&mut plain, &mut answer);
    assert_eq!(read.map_err(|e| e.kind()), Err(std::io::ErrorKind::ConnectionReset), "{answer:?}");
    assert!(
        elsewhere.requests.lock().unwrap().iter().any(|r| r.contains("/crl")),
        "the redirect to another host was followed (and its answer refused)"
    );
}

/// `certscope report --json` with every URL a certificate names served by `server`.
fn report_through(server: &Server, args: &[&str], files: &[&str]) -> (serde_json::Value, i32) {
    let mut command = certscope_via(&server.url());
    command.args(["report", "--json", "--timeout", "2", "--time", "2026-05-02T00:00:00Z"]).args(args);
    for file in files {
        command.arg(fixture(file));
    }
    let out = command.output().unwrap();
    (serde_json::from_slice(&out.stdout).unwrap(), out.status.code().unwrap_or(-1))
}

#[test]
fn a_crl_for_another_issuer_is_never_taken_for_good() {
    // The CRL the leaf's distribution point names is answered with the test root's own CRL
    // (signed by another CA, for other certificates).
    let foreign = std::fs::read(fixture("signed/ca.crl")).unwrap();
    let server = Server::start(6, move |_| Reply::Body {
        status: 200,
        content_type: "application/pkix-crl",
        body: foreign.clone(),
    });
    let (json, code) = report_through(&server, &["--crl"], &["chain.pem"]);
    let entry = &json["inputs"][0]["certificates"][0]["revocation"]["crl"][0];
    assert_ne!(entry["status"], "good", "{entry:#}");
    assert_ne!(entry["status"], "not_listed", "{entry:#}");
    assert_eq!(code, 1, "a CRL that cannot be believed is a failed check");
}

#[test]
fn an_aia_server_that_sends_the_wrong_certificate_leaves_the_issuer_missing() {
    // missing-intermediate.pem names a caIssuers URL; the server answers with another CA.
    let wrong = std::fs::read(fixture("root.der")).unwrap();
    let server = Server::start(4, move |_| Reply::Body {
        status: 200,
        content_type: "application/pkix-cert",
        body: wrong.clone(),
    });
    let (json, code) = report_through(&server, &["--aia"], &["missing-intermediate.pem"]);
    let codes: Vec<&str> = json["findings"].as_array().unwrap().iter().filter_map(|f| f["code"].as_str()).collect();
    assert!(codes.contains(&"chain.missing_issuer"), "{codes:?}");
    assert!(!codes.contains(&"trust.trusted"), "{codes:?}");
    assert_eq!(code, 1);
}
