//! Cancel really cancels: work blocked on a silent server returns within a second of the
//! cancel, with its connection closed, never at its timeout and never as an answer.

mod support;

use std::io::Read as _;
use std::net::TcpListener;
use std::time::{Duration, Instant};

use certscope::net::{Cancel, FetchError, Limits};
use certscope::revocation::demo::SAMPLE_CHAIN;
use certscope::revocation::{CrlCache, NetworkChecks, OcspOptions, check_network, issued};
use support::http::{Reply, Server};

/// Runs `work` on its own thread under a fresh switch, throws it after `after`, and returns
/// the result with how long the work took past the cancel.
fn cancelled_after<T: Send + 'static>(after: Duration, work: impl FnOnce() -> T + Send + 'static) -> (T, Duration) {
    let cancel = Cancel::new();
    let theirs = cancel.clone();
    let worker = std::thread::spawn(move || {
        let _entered = theirs.enter();
        work()
    });
    std::thread::sleep(after);
    let thrown = Instant::now();
    cancel.cancel();
    let result = worker.join().expect("the work does not panic");
    (result, thrown.elapsed())
}

#[test]
fn a_fetch_blocked_on_a_silent_server_returns_at_the_cancel() {
    let server = Server::start(1, |_| Reply::Stall(Duration::from_secs(30)));
    let url = format!("{}/crl", server.url());
    let limits = Limits { timeout: Duration::from_secs(30), ..Limits::CRL };
    let (result, late) = cancelled_after(Duration::from_millis(300), move || certscope::net::fetch(&url, limits));
    assert!(late < Duration::from_secs(1), "returned {late:?} after the cancel");
    assert!(matches!(result, Err(FetchError::Cancelled { .. })), "{result:?}");
}

#[test]
fn a_handshake_blocked_on_a_silent_server_returns_at_the_cancel_and_closes_the_socket() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // Accepts, reads the ClientHello, never answers; tells how long until the client hung up.
    let server = std::thread::spawn(move || {
        let (mut socket, _) = listener.accept().unwrap();
        socket.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut buffer = [0u8; 4096];
        let _hello = socket.read(&mut buffer);
        let waiting = Instant::now();
        loop {
            match socket.read(&mut buffer) {
                Ok(0) | Err(_) => return waiting.elapsed(),
                Ok(_) => {}
            }
        }
    });
    let target = certscope::net::tls::Target { host: "127.0.0.1".into(), port };
    let options = certscope::net::tls::ConnectOptions { timeout: Duration::from_secs(20), ..Default::default() };
    let (result, late) =
        cancelled_after(Duration::from_millis(500), move || certscope::net::tls::connect(&target, &options));
    assert!(late < Duration::from_secs(1), "returned {late:?} after the cancel");
    assert!(matches!(result, Err(certscope::net::tls::ConnectError::Cancelled)), "{:?}", result.err());
    let closed_after = server.join().unwrap();
    assert!(closed_after < Duration::from_secs(2), "the server saw the socket close ({closed_after:?})");
}

#[test]
fn fifty_fetches_in_flight_all_stop_at_the_cancel() {
    let server = Server::start(50, |_| Reply::Stall(Duration::from_secs(30)));
    let limits = Limits { timeout: Duration::from_secs(30), ..Limits::OCSP };
    let url = server.url();
    let (results, late) = cancelled_after(Duration::from_millis(500), move || {
        // Fifty requests at once on their own threads, all under the caller's switch.
        let cancel = Cancel::current().expect("entered");
        let threads: Vec<_> = (0..50)
            .map(|n| {
                let (cancel, url) = (cancel.clone(), format!("{url}/ocsp/{n}"));
                std::thread::spawn(move || {
                    let _entered = cancel.enter();
                    certscope::net::post(&url, "application/ocsp-request", &[0x30, 0x00], limits)
                })
            })
            .collect();
        threads.into_iter().map(|t| t.join().unwrap()).collect::<Vec<_>>()
    });
    assert!(late < Duration::from_secs(1), "returned {late:?} after the cancel");
    assert_eq!(results.len(), 50);
    assert!(results.iter().all(|r| matches!(r, Err(FetchError::Cancelled { .. }))), "{results:?}");
}

#[test]
fn revocation_checks_waiting_on_a_stalled_responder_stop_at_the_cancel() {
    // The sample chain: OCSP and CRL for both its certificates, from a server that accepts
    // and says nothing; the library's own workers carry the switch.
    let server = Server::start(20, |_| Reply::Stall(Duration::from_secs(30)));
    let inputs = vec![certscope::load_bytes("sample", SAMPLE_CHAIN.as_bytes(), &Default::default())];
    let chains = certscope::build_chains(&inputs);
    let slow = Limits { timeout: Duration::from_secs(30), ..Limits::CRL };
    let checks = NetworkChecks {
        ocsp: Some(OcspOptions {
            limits: Limits { timeout: Duration::from_secs(30), ..Limits::OCSP },
            ..Default::default()
        }),
        crl: Some(slow),
        routes: vec![("http://pki.certscope.example".into(), server.url())],
    };
    let now = time::OffsetDateTime::now_utc();
    let (revocation, late) = cancelled_after(Duration::from_millis(500), move || {
        check_network(&issued(&inputs, &chains), now, &checks, &CrlCache::default())
    });
    assert!(late < Duration::from_secs(1), "returned {late:?} after the cancel");
    assert!(!revocation.ocsp.is_empty() && !revocation.crl.is_empty());
    for result in &revocation.ocsp {
        assert_ne!(result.check.status.word(), "good");
        assert_ne!(result.check.status.word(), "revoked");
    }
    for result in &revocation.crl {
        assert!(!matches!(result.check.status, certscope::revocation::CrlStatus::NotListed));
    }
}
