//! TLS and STARTTLS servers that misbehave on purpose, on loopback: one that closes after the
//! ClientHello, one that stalls in the handshake, one that sends garbage after its ServerHello,
//! one that sends a Certificate message of 16 MiB (streamed, never finished), one
//! that sends 200 certificates, one that speaks only TLS 1.0, SMTP servers that do not offer
//! STARTTLS, refuse it, or never answer it. Each: a clear error in words, within --timeout,
//! and nothing reported good.

mod support;

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use support::tls::TlsServer;

fn report(args: &[&str]) -> (serde_json::Value, i32, Duration) {
    let started = Instant::now();
    let out = support::certscope().arg("report").arg("--json").args(args).output().unwrap();
    let value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (value, out.status.code().unwrap(), started.elapsed())
}

/// A server on 127.0.0.1 that runs `serve` on its first connection, for at most 20 s.
fn raw_server(serve: impl FnOnce(std::net::TcpStream) + Send + 'static) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap().to_string();
    std::thread::spawn(move || {
        if let Ok((stream, _)) = listener.accept() {
            stream.set_read_timeout(Some(Duration::from_secs(20))).ok();
            stream.set_write_timeout(Some(Duration::from_secs(20))).ok();
            serve(stream);
        }
    });
    address
}

/// Reads the ClientHello and makes a TLS 1.2 ServerHello handshake message for the client's
/// first cipher suite.
fn server_hello(stream: &mut std::net::TcpStream) -> Option<Vec<u8>> {
    let mut hello = vec![0u8; 4096];
    let n = stream.read(&mut hello).unwrap_or(0);
    let hello = &hello[..n];
    // ClientHello: record(5) handshake(4) version(2) random(32) session id, cipher suites.
    let session_len = *hello.get(43)?;
    let suites = 44 + usize::from(session_len);
    let suite = hello.get(suites + 2..suites + 4).map(|s| [s[0], s[1]]).unwrap_or([0xC0, 0x2F]);
    let mut server_hello = vec![0x03, 0x03];
    server_hello.extend_from_slice(&[7u8; 32]);
    server_hello.push(0); // no session id
    server_hello.extend_from_slice(&suite);
    server_hello.push(0); // no compression
    let mut handshake = vec![2, 0, 0, server_hello.len() as u8];
    handshake.extend_from_slice(&server_hello);
    Some(handshake)
}

/// A TLS handshake record around `body`.
fn record(body: &[u8]) -> Vec<u8> {
    [&[22u8, 3, 3][..], &(body.len() as u16).to_be_bytes(), body].concat()
}

/// The error the report gives for the host, and that no verdict is good.
fn host_error(value: &serde_json::Value, code: i32) -> String {
    assert_ne!(value["verdict"]["status"], "ok", "{:#}", value["verdict"]);
    assert_ne!(code, 0);
    value["inputs"][0]["error"].as_str().unwrap_or_default().to_string()
}

#[test]
fn a_server_that_closes_after_the_client_hello_is_said_so() {
    let address = raw_server(|mut stream| {
        let mut hello = [0u8; 512];
        let _ = stream.read(&mut hello);
    });
    let (value, code, took) = report(&["--timeout", "3", &address]);
    let error = host_error(&value, code);
    assert!(error.contains("closed") || error.contains("did not answer TLS"), "{error}");
    assert!(took < Duration::from_secs(6), "{took:?}");
}

#[test]
fn a_server_that_streams_an_endless_certificate_message_is_cut_off() {
    // A TLS 1.2 ServerHello for the client's first cipher suite, then a Certificate message
    // announcing 16 MiB, sent record by record: the client must give up on the size, not read it all.
    let sent = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = std::sync::Arc::clone(&sent);
    let address = raw_server(move |mut stream| {
        let Some(mut handshake) = server_hello(&mut stream) else { return };
        // Certificate (11), 0xFFFFFF bytes announced.
        handshake.extend_from_slice(&[11, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFC]);
        if stream.write_all(&record(&handshake)).is_err() {
            return;
        }
        let chunk = record(&[0x30; 16_384]);
        let until = Instant::now() + Duration::from_secs(15);
        while Instant::now() < until && stream.write_all(&chunk).is_ok() {
            counted.fetch_add(chunk.len(), std::sync::atomic::Ordering::Relaxed);
        }
    });
    let (value, code, took) = report(&["--timeout", "5", &address]);
    let error = host_error(&value, code);
    assert!(error.contains("larger than TLS clients accept"), "{error}");
    assert!(took < Duration::from_secs(8), "{took:?}");
    let read = sent.load(std::sync::atomic::Ordering::Relaxed);
    assert!(read < 8 * 1024 * 1024, "the client read {read} bytes of an endless message");
}

#[test]
fn a_server_that_stalls_in_the_handshake_times_out_in_words() {
    let address = raw_server(|mut stream| {
        let mut hello = [0u8; 4096];
        let _ = stream.read(&mut hello);
        std::thread::sleep(Duration::from_secs(15));
    });
    let (value, code, took) = report(&["--timeout", "2", &address]);
    let error = host_error(&value, code);
    assert!(error.contains("timed out after 2 s"), "{error}");
    assert!(took < Duration::from_secs(5), "{took:?}");
}

#[test]
fn garbage_after_the_server_hello_is_a_failed_handshake_never_a_chain() {
    let address = raw_server(|mut stream| {
        let Some(handshake) = server_hello(&mut stream) else { return };
        let _ = stream.write_all(&record(&handshake));
        // Not a TLS record: bytes a broken middlebox or a wrong service might send.
        let _ = stream.write_all(b"\x16\x03\x03\xff\xffHTTP/1.1 400 Bad Request\r\n\r\n<html>oops</html>");
        let _ = stream.write_all(&[0x5a; 4096]);
        std::thread::sleep(Duration::from_secs(5));
    });
    let (value, code, took) = report(&["--timeout", "3", &address]);
    let error = host_error(&value, code);
    assert!(error.contains("TLS handshake") || error.contains("did not answer TLS"), "{error}");
    assert!(value["inputs"][0]["certificates"].as_array().is_none_or(Vec::is_empty), "no chain from garbage");
    assert!(took < Duration::from_secs(6), "{took:?}");
}

#[test]
fn two_hundred_certificates_are_refused_as_too_large() {
    // s_server sends its leaf and a -cert_chain of 199 unrelated certificates (the lint fixtures,
    // some with keys too small for OpenSSL's default security level).
    let dir = std::env::temp_dir().join(format!("certscope-200-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut pems: Vec<String> = std::fs::read_dir(support::fixture("lints"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pem"))
        .map(|p| std::fs::read_to_string(p).unwrap())
        .filter(|text| text.contains("BEGIN CERTIFICATE"))
        .collect();
    pems.sort();
    let chain: String = pems.iter().cycle().take(199).cloned().collect();
    let chain_file = dir.join("chain.pem");
    std::fs::write(&chain_file, chain).unwrap();
    let server = TlsServer::start(
        "ocsp/good.pem",
        "ocsp/leaf.key",
        &format!("-cert_chain {} -cipher DEFAULT@SECLEVEL=0", chain_file.display()),
        1,
    );
    let (value, code, took) = report(&["--timeout", "5", &server.address()]);
    let error = host_error(&value, code);
    assert!(error.contains("larger than TLS clients accept"), "{error}");
    assert!(took < Duration::from_secs(15), "{took:?}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_tls_1_0_only_server_is_named_as_such() {
    let server = TlsServer::start("ocsp/good.pem", "ocsp/leaf.key", "-tls1 -cipher DEFAULT@SECLEVEL=0", 1);
    let (value, code, _) = report(&["--timeout", "5", &server.address()]);
    let error = host_error(&value, code);
    assert!(error.contains("it offers only TLS 1.0 or 1.1"), "{error}");
}

/// An SMTP server that greets, answers EHLO with `ehlo`, and answers STARTTLS with `starttls`
/// (None: says nothing more).
fn smtp(ehlo: &'static str, starttls: Option<&'static str>) -> String {
    raw_server(move |mut stream| {
        let _ = stream.write_all(b"220 mail.certscope.test ESMTP\r\n");
        let mut line = [0u8; 512];
        let _ = stream.read(&mut line);
        let _ = stream.write_all(ehlo.as_bytes());
        let _ = stream.read(&mut line);
        match starttls {
            Some(answer) => {
                let _ = stream.write_all(answer.as_bytes());
                let _ = stream.read(&mut line);
            }
            None => std::thread::sleep(Duration::from_secs(10)),
        }
    })
}

#[test]
fn starttls_servers_that_lie_or_never_answer_fail_in_words_within_the_timeout() {
    let rows = [
        // Does not offer STARTTLS.
        (smtp("250-mail.certscope.test\r\n250 SIZE 1000\r\n", Some("502 not implemented\r\n")), "STARTTLS"),
        // Offers it, then refuses.
        (smtp("250-mail.certscope.test\r\n250 STARTTLS\r\n", Some("454 TLS not available\r\n")), "454"),
        // Says go ahead, then speaks plain text instead of TLS.
        (smtp("250-mail.certscope.test\r\n250 STARTTLS\r\n", Some("220 go ahead\r\nhello in clear\r\n")), ""),
        // Never answers STARTTLS.
        (smtp("250-mail.certscope.test\r\n250 STARTTLS\r\n", None), "timed out"),
    ];
    for (address, want) in rows {
        let (value, code, took) = report(&["--starttls", "smtp", "--timeout", "2", &address]);
        let error = host_error(&value, code);
        assert!(!error.is_empty() && error.contains(want), "{address}: {error}");
        assert!(took < Duration::from_secs(5), "{address}: {took:?}");
    }
}

#[test]
fn directory_chat_ftp_and_database_servers_that_stall_lie_or_flood_fail_in_words_in_time() {
    let silent = || raw_server(|_stream| std::thread::sleep(Duration::from_secs(10)));
    let rows: Vec<(&str, String, &str)> = vec![
        // Accept, then never say a word (the client speaks first for LDAP and PostgreSQL).
        ("ldap", silent(), "timed out"),
        ("postgres", silent(), "timed out"),
        ("ftp", silent(), "timed out"),
        ("mysql", silent(), "timed out"),
        ("xmpp", silent(), "timed out"),
        // An LDAP answer that declares 16 MiB: refused before reading it.
        (
            "ldap",
            raw_server(|mut s| {
                let _ = s.read(&mut [0u8; 64]);
                let _ = s.write_all(&[0x30, 0x84, 0x01, 0x00, 0x00, 0x00]);
                std::thread::sleep(Duration::from_secs(5));
            }),
            "not an LDAP response",
        ),
        // PostgreSQL says yes, then speaks plain text where TLS should start.
        (
            "postgres",
            raw_server(|mut s| {
                let _ = s.read(&mut [0u8; 8]);
                let _ = s.write_all(b"SFATAL: no TLS here\n");
                std::thread::sleep(Duration::from_secs(5));
            }),
            "",
        ),
        // An XMPP server that streams features for ever: cut at 64 KiB.
        (
            "xmpp",
            raw_server(|mut s| {
                let _ = s.read(&mut [0u8; 512]);
                let _ = s.write_all(b"<stream:stream><stream:features>");
                let filler = vec![b'x'; 4096];
                for _ in 0..64 {
                    if s.write_all(&filler).is_err() {
                        break;
                    }
                }
                std::thread::sleep(Duration::from_secs(5));
            }),
            "no answer the protocol expects in the first 64 KiB",
        ),
        // A MySQL server whose first packet is an error (a host not allowed).
        (
            "mysql",
            raw_server(|mut s| {
                let message = b"\xff\x6a\x04#HY000Host '10.0.0.9' is not allowed to connect";
                let mut packet = vec![message.len() as u8, 0, 0, 0];
                packet.extend_from_slice(message);
                let _ = s.write_all(&packet);
                std::thread::sleep(Duration::from_secs(5));
            }),
            "the server refused the connection: 'Host '10.0.0.9' is not allowed to connect'",
        ),
    ];
    for (protocol, address, want) in rows {
        let (value, code, took) = report(&["--starttls", protocol, "--timeout", "2", &address]);
        let error = host_error(&value, code);
        assert!(!error.is_empty() && error.contains(want), "{protocol} {address}: {error}");
        assert!(took < Duration::from_secs(5), "{protocol}: {took:?}");
    }
}
