//! OCSP against a real responder (`openssl ocsp` on 127.0.0.1) and against in-test responders
//! that answer wrongly in every way issue 4 lists. None of the faulty ones may show "good",
//! each must say what went wrong, and each is bounded by the timeout.

mod support;

use std::time::{Duration, Instant};

use certscope::net::Limits;
use certscope::revocation::ocsp::{self, CertIdHash, OcspOptions, OcspStatus};
use certscope::revocation::responder::{ResponseSpec, parse_request, sign_response, status_response};
use certscope::verification::Outcome;
use support::http::{Reply, Server};
use support::ocsp::{OpensslResponder, cert, key};
use time::OffsetDateTime;

fn options() -> OcspOptions {
    OcspOptions { limits: Limits { timeout: Duration::from_secs(2), ..Limits::OCSP }, ..OcspOptions::default() }
}

fn ask(name: &str, url: &str, options: &OcspOptions) -> ocsp::OcspCheck {
    ocsp::check(&cert(name), &cert("ca"), url, options, OffsetDateTime::now_utc())
}

fn assert_all_passed(check: &ocsp::OcspCheck) {
    for c in &check.checks {
        assert!(!matches!(c.outcome, Outcome::Fail(_)), "{}: {:?}", c.name, c.outcome);
    }
    assert_eq!(check.checks.len(), 7, "every check is listed: {:?}", check.checks);
}

#[test]
fn real_responder_signed_by_the_ca_good_revoked_unknown() {
    let responder = OpensslResponder::start("ca", 3);
    let good = ask("good", &responder.url(), &options());
    assert_eq!(good.status, OcspStatus::Good, "{good:?}");
    assert_all_passed(&good);
    let who = good.responder.as_ref().unwrap();
    assert!(who.is_issuer);
    assert_eq!(who.name.as_deref(), Some("C=DE, O=certscope Test PKI, CN=certscope OCSP Test CA"));
    assert_eq!(good.nonce_sent, good.nonce_received, "openssl echoes the nonce");
    assert!(good.nonce_sent.as_ref().is_some_and(|n| n.len() == 16));
    let (this_update, next_update) = (good.this_update.unwrap(), good.next_update.unwrap());
    assert_eq!(next_update - this_update, time::Duration::days(1), "-ndays 1");
    assert!(good.elapsed.is_some() && good.response_status == Some("successful"));
    assert_eq!(good.single_responses.len(), 1);
    assert_eq!((good.single_responses[0].status, good.single_responses[0].cert_id.serial.as_str()), ("good", "1001"));

    let revoked = ask("revoked", &responder.url(), &options());
    match &revoked.status {
        OcspStatus::Revoked { revocation_time, reason } => {
            assert_eq!(certscope::model::time::rfc3339(*revocation_time), "2026-03-01T12:00:00Z");
            assert_eq!(reason.as_deref(), Some("keyCompromise"));
        }
        other => panic!("expected revoked, got {other:?}"),
    }
    assert_all_passed(&revoked);

    let unknown = ask("unknown", &responder.url(), &options());
    assert_eq!(unknown.status, OcspStatus::Unknown, "{unknown:?}");
}

#[test]
fn real_delegated_responder_sha256_cert_id_and_get() {
    let responder = OpensslResponder::start("responder", 3);
    let delegated = ask("good", &responder.url(), &options());
    assert_eq!(delegated.status, OcspStatus::Good, "{delegated:?}");
    let who = delegated.responder.as_ref().unwrap();
    assert!(!who.is_issuer);
    assert_eq!(who.name.as_deref(), Some("C=DE, O=certscope Test PKI, CN=certscope responder"));
    assert_eq!(delegated.certificates.len(), 1, "openssl includes the responder's certificate");
    let nocheck = delegated.checks.iter().find(|c| c.name.contains("nocheck")).unwrap();
    assert!(nocheck.detail().unwrap().contains("carries id-pkix-ocsp-nocheck"));

    let sha256 = OcspOptions { cert_id_hash: CertIdHash::Sha256, ..options() };
    let revoked = ask("revoked", &responder.url(), &sha256);
    assert!(matches!(revoked.status, OcspStatus::Revoked { .. }), "{revoked:?}");
    assert_eq!(revoked.cert_id.as_ref().unwrap().hash_algorithm, "SHA-256");
    assert_eq!(revoked.cert_id.as_ref().unwrap().issuer_key_hash.len(), 64);

    let get = OcspOptions { get: true, ..options() };
    let by_get = ask("good", &responder.url(), &get);
    assert_eq!((by_get.method, &by_get.status), ("GET", &OcspStatus::Good), "{by_get:?}");
}

#[test]
fn request_is_read_by_openssl() {
    // The request we send, as openssl itself reads it: CertID hashes, serial and nonce.
    let request = ocsp::build_request(&cert("revoked"), &cert("ca"), CertIdHash::Sha256, true).unwrap();
    let dir = std::env::temp_dir().join(format!("certscope-ocsp-req-{}", std::process::id()));
    std::fs::write(&dir, &request.der).unwrap();
    let text = support::openssl(&["ocsp", "-reqin", dir.to_str().unwrap(), "-req_text"]);
    let _ = std::fs::remove_file(&dir);
    assert!(text.contains("Hash Algorithm: sha256"), "{text}");
    assert!(text.contains("Serial Number: 1002"), "{text}");
    assert!(text.contains("OCSP Nonce"), "{text}");
    let nonce = certscope::model::hex(request.nonce.as_ref().unwrap()).to_uppercase();
    assert!(text.replace([' ', '\n', ':'], "").to_uppercase().contains(&nonce), "{text}");
}

/// How an in-test responder answers a request.
#[derive(Clone, Copy)]
enum Fault {
    None,
    NoNonce,
    BadSignature,
    Unauthorized(&'static str),
    OtherCa,
    OtherSerial,
    Stale,
    FutureThisUpdate,
    WrongNonce,
}

/// Answers each POSTed request for `good.pem` correctly, except for `fault`.
fn responder(fault: Fault) -> Server {
    Server::answering(1, move |_, body| {
        let (ids, nonce) = parse_request(body).expect("a request");
        let now = OffsetDateTime::now_utc();
        let ca = cert("ca");
        let mut spec = ResponseSpec::new(ca.der.clone(), ids[0].clone(), now, nonce);
        let mut signing_key = key("ca");
        match fault {
            Fault::None => {}
            Fault::NoNonce => spec.nonce = None,
            // Named as the CA, signed with another key.
            Fault::BadSignature => signing_key = key("other-ca"),
            Fault::Unauthorized(signer) => {
                spec.signer_der = cert(signer).der;
                spec.include_signer = true;
                signing_key = key(signer);
            }
            Fault::OtherCa => {
                spec.signer_der = cert("other-ca").der;
                spec.by_name = true;
                signing_key = key("other-ca");
            }
            Fault::OtherSerial => {
                spec.cert_id.serial_number = x509_cert::serial_number::SerialNumber::new(&[0x10, 0x99]).unwrap();
            }
            Fault::Stale => {
                spec.this_update = now - time::Duration::days(8);
                spec.next_update = Some(now - time::Duration::days(1));
            }
            Fault::FutureThisUpdate => spec.this_update = now + time::Duration::hours(2),
            Fault::WrongNonce => spec.nonce = spec.nonce.map(|n| n.into_iter().rev().collect()),
        }
        let body = sign_response(&spec, &signing_key).expect("signed");
        Reply::Body { status: 200, content_type: "application/ocsp-response", body }
    })
}

#[test]
fn in_test_responder_answers_good_when_nothing_is_wrong() {
    // The control for every fault below: the same responder, correct, is believed.
    let server = responder(Fault::None);
    let check = ask("good", &server.url(), &options());
    assert_eq!(check.status, OcspStatus::Good, "{check:?}");
    assert_all_passed(&check);
    let server = responder(Fault::NoNonce);
    let check = ask("good", &server.url(), &options());
    assert_eq!(check.status, OcspStatus::Good, "a missing nonce is noted, not failed: {check:?}");
    let nonce = check.checks.iter().find(|c| c.name == "Nonce matches the request").unwrap();
    assert!(matches!(&nonce.outcome, Outcome::NotApplicable(why) if why.contains("did not echo")));
}

#[test]
fn faulty_signed_answers_are_unverified_with_the_failing_check_named() {
    let cases: [(Fault, &str, &str); 10] = [
        (Fault::BadSignature, "Response signature by the responder's key", "does not verify"),
        (Fault::Unauthorized("other-responder"), "Responder authorized by the CA", "did not authorize"),
        (Fault::Unauthorized("responder-no-eku"), "Responder authorized by the CA", "lacks the OCSP signing"),
        (Fault::Unauthorized("responder-expired"), "Responder authorized by the CA", "was not valid when"),
        (Fault::OtherCa, "Response signature by the responder's key", "neither the issuing CA"),
        (Fault::OtherSerial, "Response is for the certificate asked about (certID)", "for serial 1099, not 1001"),
        (Fault::Stale, "nextUpdate is not in the past", "stale"),
        (Fault::FutureThisUpdate, "thisUpdate is not in the future", "is after now"),
        (Fault::WrongNonce, "Nonce matches the request", "replayed"),
        // A delegated responder that is fine in every way is believed (the control for the three above).
        (Fault::Unauthorized("responder"), "", ""),
    ];
    for (fault, check_name, words) in cases {
        let server = responder(fault);
        let result = ask("good", &server.url(), &options());
        if check_name.is_empty() {
            assert_eq!(result.status, OcspStatus::Good, "{result:?}");
            continue;
        }
        let OcspStatus::Unverified(why) = &result.status else {
            panic!("{check_name}: expected unverified, got {:?}", result.status);
        };
        assert!(why.starts_with(check_name) && why.contains(words), "{check_name} / {words}: {why}");
        let failed = result.checks.iter().find(|c| c.name == check_name).unwrap();
        assert!(matches!(failed.outcome, Outcome::Fail(_)), "{failed:?}");
    }
}

#[test]
fn faulty_http_answers_are_errors_in_words_within_the_timeout() {
    let mut truncated = {
        let server = responder(Fault::None);
        let check = ask("good", &server.url(), &options());
        check.response_der
    };
    truncated.truncate(truncated.len() / 2);
    let cases: Vec<(Reply, &str)> = vec![
        (
            Reply::Body { status: 500, content_type: "text/plain", body: b"oops".to_vec() },
            "responder answered HTTP 500",
        ),
        (
            Reply::Body { status: 200, content_type: "text/html", body: b"<html>login</html>".to_vec() },
            "response is not OCSP (text/html)",
        ),
        (
            Reply::Body { status: 200, content_type: "application/ocsp-response", body: truncated },
            "response is not OCSP: truncated DER at byte",
        ),
        (
            Reply::Body { status: 200, content_type: "application/ocsp-response", body: vec![0x30; 2 * 1024 * 1024] },
            "response larger than 1 MiB",
        ),
        (Reply::Stall(Duration::from_secs(4)), "responder timed out after 2 s"),
        (
            Reply::Reset(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/ocsp-response\r\nContent-Length: 900\r\n\r\n0\x82"
                    .to_vec(),
            ),
            "the responder closed the connection before its whole answer arrived",
        ),
        (
            Reply::Body {
                status: 200,
                content_type: "application/ocsp-response",
                body: status_response(x509_ocsp::OcspResponseStatus::TryLater),
            },
            "responder answered tryLater: the responder is busy or not ready: try again later",
        ),
        (
            Reply::Body {
                status: 200,
                content_type: "application/ocsp-response",
                body: status_response(x509_ocsp::OcspResponseStatus::Unauthorized),
            },
            "responder answered unauthorized",
        ),
    ];
    for (reply, words) in cases {
        let reply = std::sync::Mutex::new(Some(reply));
        let server = Server::answering(1, move |_, _| reply.lock().unwrap().take().unwrap());
        let started = Instant::now();
        let check = ask("good", &server.url(), &options());
        assert!(started.elapsed() < Duration::from_secs(4), "{words}: took {:?}", started.elapsed());
        match &check.status {
            OcspStatus::Error(why) => assert!(why.contains(words), "expected '{words}', got '{why}'"),
            other => panic!("{words}: expected an error, got {other:?}"),
        }
    }
    // Nobody listening.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let check = ask("good", &format!("http://{closed}/"), &options());
    assert!(matches!(&check.status, OcspStatus::Error(why) if why.contains("could not reach the responder")));
}

#[test]
fn report_cli_ocsp_fields_and_exit_codes() {
    let responder = OpensslResponder::start("responder", 2);
    let run = |name: &str| {
        let output = support::certscope()
            .args(["report", "--json", "--ocsp-url", &responder.url()])
            .arg(support::fixture(&format!("ocsp/{name}.pem")))
            .arg(support::fixture("ocsp/ca.pem"))
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        (output.status.code(), json["inputs"][0]["certificates"][0]["revocation"]["ocsp"][0].clone())
    };
    let (code, good) = run("good");
    assert_eq!(code, Some(0), "{good}");
    for field in [
        "url",
        "status",
        "error",
        "produced_at",
        "this_update",
        "next_update",
        "revocation_time",
        "revocation_reason",
        "responder",
        "checks",
        "nonce",
        "elapsed_ms",
    ] {
        assert!(good.get(field).is_some(), "revocation.ocsp[].{field} is part of the contract: {good}");
    }
    assert_eq!(good["status"], "good");
    assert_eq!(good["responder"]["name"], "C=DE, O=certscope Test PKI, CN=certscope responder");
    assert_eq!(good["responder"]["key_sha1"].as_str().map(str::len), Some(40));
    assert_eq!(good["checks"][0]["result"], "pass");
    let (code, revoked) = run("revoked");
    assert_eq!(code, Some(1), "{revoked}");
    assert_eq!(revoked["status"], "revoked");
    assert_eq!(revoked["revocation_time"], "2026-03-01T12:00:00Z");
    assert_eq!(revoked["revocation_reason"], "keyCompromise");
}

#[test]
fn report_cli_follows_the_certificates_aia_through_a_proxy() {
    // good.pem names http://ocsp.certscope.test/ocsp; a loopback proxy answers for it, so
    // nothing leaves the machine. The responder behind it is the in-test one.
    let server = responder(Fault::None);
    let output = support::certscope_via(&server.url())
        .args(["report", "--ocsp", "--json"])
        .arg(support::fixture("ocsp/good.pem"))
        .arg(support::fixture("ocsp/ca.pem"))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let ocsp = &json["inputs"][0]["certificates"][0]["revocation"]["ocsp"][0];
    assert_eq!(ocsp["url"], "http://ocsp.certscope.test/ocsp");
    assert_eq!(ocsp["status"], "good", "{ocsp}");
    assert_eq!(output.status.code(), Some(0));
    let seen = server.requests.lock().unwrap().clone();
    // ureq tunnels through the proxy, plain HTTP included.
    assert_eq!(seen, ["CONNECT ocsp.certscope.test:80 HTTP/1.1", "POST /ocsp HTTP/1.1"]);
}

#[test]
fn no_truncation_or_bit_flip_of_a_good_response_is_believed() {
    // A good answer signed by the CA, then every truncation and every single-bit flip of it:
    // none may be good, and none may panic. Whatever changes, the signature check or the
    // strict parse must catch it.
    let (leaf, ca) = (cert("good"), cert("ca"));
    let request = ocsp::build_request(&leaf, &ca, CertIdHash::Sha1, true).unwrap();
    let (ids, nonce) = parse_request(&request.der).unwrap();
    let now = OffsetDateTime::now_utc();
    let delegated = ResponseSpec {
        include_signer: true,
        ..ResponseSpec::new(cert("responder").der, ids[0].clone(), now, nonce.clone())
    };
    let by_ca = ResponseSpec::new(ca.der.clone(), ids[0].clone(), now, nonce);
    for (spec, signer) in [(by_ca, "ca"), (delegated, "responder")] {
        let response = sign_response(&spec, &key(signer)).unwrap();
        every_change_is_refused(&response, &request, &ca, now);
    }
}

fn every_change_is_refused(
    response: &[u8],
    request: &ocsp::OcspRequest,
    ca: &certscope::model::Certificate,
    now: OffsetDateTime,
) {
    let skew = time::Duration::minutes(5);
    assert_eq!(ocsp::verify_response(response, request, ca, now, skew).status, OcspStatus::Good);
    for cut in 0..response.len() {
        let status = ocsp::verify_response(&response[..cut], request, ca, now, skew).status;
        assert!(matches!(status, OcspStatus::Error(_)), "truncated to {cut} bytes: {status:?}");
    }
    let mut believed = Vec::new();
    for bit in 0..response.len() * 8 {
        let mut flipped = response.to_vec();
        flipped[bit / 8] ^= 1 << (bit % 8);
        let status = ocsp::verify_response(&flipped, request, ca, now, skew).status;
        if status == OcspStatus::Good {
            believed.push(bit);
        }
    }
    assert!(believed.is_empty(), "bit flips believed as good: {believed:?}");
}
