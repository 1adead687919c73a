//! Hosts: `certscope report HOST:PORT` against real TLS servers (`openssl s_server` on
//! 127.0.0.1, started by each test, gone when it ends), an SMTP server offering STARTTLS, and
//! ports that refuse, stall or speak plain HTTP. Trust comes from the test roots (`--ca-file`).

mod support;

use std::time::{Duration, Instant};

use support::tls::{TlsServer, mail_front, protocol_front, staple};
use support::*;

fn report(args: &[&str]) -> (serde_json::Value, i32) {
    let out = support::certscope().arg("report").arg("--json").args(args).output().unwrap();
    let value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (value, out.status.code().unwrap())
}

fn path(name: &str) -> String {
    fixture(name).to_str().unwrap().to_string()
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("certscope-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn failed(validation: &serde_json::Value) -> Vec<String> {
    validation["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["result"] == "fail")
        .map(|c| format!("{}: {}", c["name"].as_str().unwrap(), c["detail"].as_str().unwrap_or("")))
        .collect()
}

#[test]
fn full_chain_with_a_staple_is_trusted_and_the_staple_verified() {
    let dir = temp_dir("staple");
    let good = staple("good", &dir);
    let server = TlsServer::start(
        "ocsp/good.pem",
        "ocsp/leaf.key",
        &format!("-cert_chain ocsp/ca.pem -status_file {}", good.display()),
        1,
    );
    let (value, code) =
        report(&["--ca-file", &path("ocsp/ca.pem"), "--hostname", "good.ocsp.certscope.test", &server.address()]);
    let input = &value["inputs"][0];
    assert_eq!(input["source"], server.address());
    assert_eq!(input["format"], "TLS");
    let connection = &input["connection"];
    for field in ["address", "tls_version", "cipher_suite", "alpn", "sni", "elapsed_ms"] {
        assert!(connection.get(field).is_some(), "connection.{field} is part of the contract: {connection}");
    }
    assert_eq!(connection["address"], server.address());
    assert!(connection["tls_version"].as_str().unwrap().starts_with("TLSv1."));
    assert!(connection["sni"].is_null(), "no SNI for an IP address");
    assert_eq!(connection["certificates_sent"], 2);
    let validation = &input["validation"];
    assert_eq!(validation["trusted"], true, "{:?}", failed(validation));
    assert_eq!(validation["hostname_matches"], true);
    // The root was sent along: a note, not a failure.
    let root_sent = validation["checks"].as_array().unwrap().iter().find(|c| c["name"] == "No root sent").unwrap();
    assert_eq!(root_sent["result"], "warn");
    let stapled = &input["stapled_ocsp"];
    assert_eq!(stapled["status"], "good", "{stapled}");
    assert!(stapled["checks"].as_array().unwrap().iter().all(|c| c["result"] != "fail"));
    assert_eq!(code, 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_revoked_staple_makes_the_report_fail() {
    let dir = temp_dir("revoked-staple");
    let revoked = staple("revoked", &dir);
    let server =
        TlsServer::start("ocsp/revoked.pem", "ocsp/leaf.key", &format!("-status_file {}", revoked.display()), 1);
    let (value, code) = report(&["--ca-file", &path("ocsp/ca.pem"), &server.address()]);
    let stapled = &value["inputs"][0]["stapled_ocsp"];
    assert_eq!(stapled["status"], "revoked");
    assert_eq!(stapled["revocation_reason"], "keyCompromise");
    assert_eq!(code, 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn wrong_hostname_expired_and_out_of_order_are_named() {
    let root = path("root.pem");
    // The leaf names p256.certscope.test and 127.0.0.1, not www.example.org.
    let server = TlsServer::start("leaf-p256.pem", "leaf-p256.key", "-cert_chain intermediate.pem", 2);
    let (value, code) = report(&["--ca-file", &root, "--time", NOW, &server.address()]);
    assert_eq!((value["inputs"][0]["validation"]["trusted"].as_bool(), code), (Some(true), 0), "by its IP address");
    let (value, code) =
        report(&["--ca-file", &root, "--time", NOW, "--hostname", "www.example.org", &server.address()]);
    let problems = failed(&value["inputs"][0]["validation"]);
    assert_eq!(code, 1);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("name 'www.example.org' is not in the certificate's SAN: it covers p256.certscope.test")
    );

    let expired = TlsServer::start("expired.pem", "leaf-p256.key", "-cert_chain intermediate.pem", 1);
    let (value, code) = report(&["--ca-file", &root, "--time", NOW, &expired.address()]);
    let problems = failed(&value["inputs"][0]["validation"]);
    assert_eq!(code, 1);
    assert!(problems.iter().any(|p| p.contains("expired")), "{problems:?}");

    // Root before intermediate: clients re-order, the report says so.
    let dir = temp_dir("order");
    let misordered = dir.join("chain.pem");
    std::fs::write(
        &misordered,
        [std::fs::read(fixture("root.pem")).unwrap(), std::fs::read(fixture("intermediate.pem")).unwrap()].concat(),
    )
    .unwrap();
    let server =
        TlsServer::start("leaf-p256.pem", "leaf-p256.key", &format!("-cert_chain {}", misordered.display()), 1);
    let (value, code) = report(&["--ca-file", &root, "--time", NOW, &server.address()]);
    let validation = &value["inputs"][0]["validation"];
    assert_eq!((validation["trusted"].as_bool(), code), (Some(true), 0), "{:?}", failed(validation));
    let order = validation["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"].as_str().unwrap().starts_with("Sent in order"))
        .unwrap();
    assert_eq!(order["result"], "warn");
    assert!(
        order["detail"]
            .as_str()
            .unwrap()
            .contains("is followed by 'certscope Test Root CA', not by its issuer 'certscope Test Intermediate CA'")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_leaf_alone_and_a_self_signed_leaf_are_rejected_in_words() {
    let root = path("root.pem");
    let alone = TlsServer::start("leaf-p256.pem", "leaf-p256.key", "", 1);
    let (value, code) = report(&["--ca-file", &root, "--time", NOW, &alone.address()]);
    let problems = failed(&value["inputs"][0]["validation"]).join("\n");
    assert_eq!(code, 1);
    assert!(
        problems.contains(
            "the intermediate 'certscope Test Intermediate CA' (issuer of 'p256.certscope.test') was not sent"
        ),
        "{problems}"
    );
    assert!(problems.contains("the server sent its certificate alone"), "{problems}");

    let dir = temp_dir("self-signed");
    let (cert, key) = (dir.join("self.pem"), dir.join("self.key"));
    openssl(&[
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
        "-subj",
        "/CN=self.certscope.test",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-addext",
        "basicConstraints=critical,CA:FALSE",
        "-days",
        "30",
        "-keyout",
        key.to_str().unwrap(),
        "-out",
        cert.to_str().unwrap(),
    ]);
    let server = TlsServer::start(cert.to_str().unwrap(), key.to_str().unwrap(), "", 1);
    let (value, code) = report(&["--ca-file", &root, &server.address()]);
    let problems = failed(&value["inputs"][0]["validation"]).join("\n");
    assert_eq!(code, 1);
    assert!(problems.contains("the certificate is self-signed, and not among the roots given"), "{problems}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `--starttls protocol` through `front` (given s_server's port, it returns its own): the
/// test chain arrives whole and is trusted.
fn fetched_through(protocol: &str, front: impl FnOnce(u16) -> u16) {
    let server = TlsServer::start("leaf-p256.pem", "leaf-p256.key", "-cert_chain intermediate.pem", 1);
    let front = front(server.port);
    let at = format!("127.0.0.1:{front}");
    let (value, code) = report(&["--starttls", protocol, "--ca-file", &path("root.pem"), "--time", NOW, &at]);
    let input = &value["inputs"][0];
    assert_eq!(input["validation"]["trusted"], true, "{protocol}: {input}");
    assert_eq!(input["connection"]["certificates_sent"], 2, "{protocol}");
    assert_eq!(code, 0, "{protocol}");
}

#[test]
fn starttls_smtp_imap_and_pop3_fetch_the_chain_after_the_upgrade() {
    for protocol in ["smtp", "imap", "pop3"] {
        fetched_through(protocol, |port| mail_front(protocol, port));
    }
    // smtp:// says STARTTLS by itself.
    let server = TlsServer::start("leaf-p256.pem", "leaf-p256.key", "-cert_chain intermediate.pem", 1);
    let front = mail_front("smtp", server.port);
    let (value, code) = report(&["--ca-file", &path("root.pem"), "--time", NOW, &format!("smtp://127.0.0.1:{front}")]);
    assert_eq!((value["inputs"][0]["validation"]["trusted"].as_bool(), code), (Some(true), 0), "{value}");
    // A server that does not offer STARTTLS is said so.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        use std::io::{BufRead, Write};
        if let Ok((mut stream, _)) = listener.accept() {
            let _ = stream.write_all(b"220 plain ESMTP\r\n");
            let mut line = String::new();
            let _ = std::io::BufReader::new(stream.try_clone().unwrap()).read_line(&mut line);
            let _ = stream.write_all(b"250-plain\r\n250 SIZE 1000\r\n");
        }
    });
    let (value, code) = report(&["--starttls", "smtp", &format!("127.0.0.1:{port}")]);
    assert_eq!(code, 2);
    assert!(value["inputs"][0]["error"].as_str().unwrap().contains("the server does not offer STARTTLS"), "{value}");
}

#[test]
fn refused_silent_and_plain_http_ports_fail_in_words_within_the_timeout() {
    // Nothing listens.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap();
    let (value, code) = report(&[&closed.to_string()]);
    assert_eq!(code, 2);
    assert!(value["inputs"][0]["error"].as_str().unwrap().contains("refused: nothing listens on port"));

    // Accepts and says nothing.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let started = Instant::now();
    let (value, _) = report(&["--timeout", "1", &silent.local_addr().unwrap().to_string()]);
    assert!(started.elapsed() < Duration::from_secs(5), "bounded by --timeout: {:?}", started.elapsed());
    assert!(value["inputs"][0]["error"].as_str().unwrap().contains("timed out after 1 s"), "{value}");
    drop(silent);

    // Plain HTTP on that port: it reads the ClientHello as a bad request and says so, as nginx does.
    let http = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = http.local_addr().unwrap();
    std::thread::spawn(move || {
        use std::io::{Read, Write};
        if let Ok((mut stream, _)) = http.accept() {
            let mut buffer = [0u8; 512];
            let _ = stream.read(&mut buffer);
            let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 11\r\n\r\nbad request");
        }
    });
    let (value, _) = report(&["--timeout", "2", &address.to_string()]);
    let error = value["inputs"][0]["error"].as_str().unwrap();
    assert!(error.contains("did not answer TLS"), "{error}");
}

#[test]
fn a_missing_intermediate_is_fetched_from_aia_and_named() {
    // The server sends its leaf alone; the leaf's caIssuers URL (http://pki.certscope.test/
    // intermediate.der) is answered by a loopback server standing in as the proxy, with PEM.
    let server = TlsServer::start("leaf-p256.pem", "leaf-p256.key", "", 1);
    let intermediate = std::fs::read(fixture("intermediate.pem")).unwrap();
    let aia = support::http::Server::start(2, move |target| match target {
        "/intermediate.der" => support::http::Reply::Body {
            status: 200,
            content_type: "application/pkix-cert",
            body: intermediate.clone(),
        },
        _ => support::http::Reply::Body { status: 404, content_type: "text/plain", body: b"no".to_vec() },
    });
    let out = support::certscope_via(&aia.url())
        .args(["report", "--json", "--ca-file", &path("root.pem"), "--time", NOW, &server.address()])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let input = &value["inputs"][0];
    let certificates = input["certificates"].as_array().unwrap();
    assert_eq!(certificates.len(), 2, "the leaf as sent, and the intermediate fetched");
    assert!(certificates[0].get("fetched_from").is_none());
    assert_eq!(certificates[1]["fetched_from"], "http://pki.certscope.test/intermediate.der");
    assert_eq!(certificates[1]["subject"], "C=DE, O=certscope Test PKI, CN=certscope Test Intermediate CA");
    let problems = failed(&input["validation"]).join("\n");
    assert!(
        problems.contains("the server did not send 'certscope Test Intermediate CA'; fetched from http://pki.certscope.test/intermediate.der"),
        "{problems}"
    );
    // A path now exists; the chain is still one a client without AIA fetching rejects.
    let path = input["validation"]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "A path to a trusted root")
        .unwrap()
        .clone();
    assert_eq!(path["result"], "pass");
    assert_eq!(input["validation"]["trusted"], false);
    assert_eq!(out.status.code(), Some(1));
}

/// `--sni` sends another name than the host's: the server picks its certificate by it (s_server's
/// `-servername`), and the leaf is judged for the name sent.
#[test]
fn sni_picks_the_servers_certificate_and_the_name_judged() {
    let server = TlsServer::start(
        "leaf-p256.pem",
        "leaf-p256.key",
        "-cert_chain intermediate.pem -servername good.ocsp.certscope.test -cert2 ocsp/good.pem -key2 ocsp/leaf.key",
        2,
    );
    let (value, code) =
        report(&["--ca-file", &path("ocsp/ca.pem"), "--sni", "good.ocsp.certscope.test", &server.address()]);
    let input = &value["inputs"][0];
    assert_eq!(input["connection"]["sni"], "good.ocsp.certscope.test");
    let subject = input["certificates"][0]["subject"].as_str().unwrap();
    assert!(subject.ends_with("CN=good.ocsp.certscope.test"), "the server chose by SNI: {subject}");
    assert_eq!(input["validation"]["hostname_matches"], true, "judged for the name sent");
    assert_eq!((input["validation"]["trusted"].as_bool(), code), (Some(true), 0), "{:?}", failed(&input["validation"]));
    // Without it, the server's default certificate, judged for the address.
    let (value, _) = report(&["--ca-file", &path("root.pem"), "--time", NOW, &server.address()]);
    let input = &value["inputs"][0];
    assert!(input["connection"]["sni"].is_null());
    assert!(input["certificates"][0]["subject"].as_str().unwrap().ends_with("CN=p256.certscope.test"));
}

/// An IPv6 literal, bare with a port and in a URL: the connection is made to ::1 and said so.
#[test]
fn an_ipv6_literal_is_a_host() {
    let server = TlsServer::start_on("[::1]", "leaf-p256.pem", "leaf-p256.key", "-cert_chain intermediate.pem", 2);
    let targets = [format!("[::1]:{}", server.port), format!("https://[::1]:{}/status", server.port)];
    for target in &targets {
        let (value, code) =
            report(&["--ca-file", &path("root.pem"), "--time", NOW, "--hostname", "p256.certscope.test", target]);
        let input = &value["inputs"][0];
        assert_eq!(input["connection"]["address"], format!("[::1]:{}", server.port), "{target}");
        assert!(input["connection"]["sni"].is_null(), "no SNI for an address");
        assert_eq!(
            (input["validation"]["trusted"].as_bool(), code),
            (Some(true), 0),
            "{:?}",
            failed(&input["validation"])
        );
    }
}

/// The finding with `code`, if the report has one.
fn finding<'a>(value: &'a serde_json::Value, code: &str) -> Option<&'a serde_json::Value> {
    value["findings"].as_array().unwrap().iter().find(|f| f["code"] == code)
}

#[test]
fn a_server_asking_for_a_client_certificate_is_said_with_the_cas_it_accepts() {
    // `-verify 1`: asks, goes on without one. `-Verify 1`: insists. `-CAfile` is what it names.
    // TLS 1.3 (the refusal comes after the client's Finished) and TLS 1.2 (inside the handshake).
    let cases = [
        ("-verify 1", "", Some(false)),
        ("-Verify 1", "", Some(true)),
        ("-Verify 1", "-no_tls1_3", Some(true)),
        ("-verify 1", "-no_tls1_3", Some(false)),
    ];
    for (verify, version, required) in cases {
        let server = TlsServer::start(
            "leaf-p256.pem",
            "leaf-p256.key",
            &format!("-cert_chain intermediate.pem {verify} -CAfile root.pem {version}"),
            1,
        );
        let started = Instant::now();
        let (value, _) =
            report(&["--ca-file", &path("root.pem"), "--hostname", "p256.certscope.test", &server.address()]);
        let case = format!("{verify} {version}");
        assert!(started.elapsed() < Duration::from_secs(8), "{case}: {:?}", started.elapsed());
        let input = &value["inputs"][0];
        // The chain is there either way: a refusal comes after the server's certificate.
        assert_eq!(input["connection"]["certificates_sent"], 2, "{case}: {input}");
        let request = &input["connection"]["client_certificate_request"];
        assert_eq!(
            request["ca_names"],
            serde_json::json!(["C=DE, O=certscope Test PKI, CN=certscope Test Root CA"]),
            "{case}"
        );
        let algorithms: Vec<&str> =
            request["signature_algorithms"].as_array().unwrap().iter().map(|a| a.as_str().unwrap()).collect();
        assert!(
            algorithms.contains(&"ecdsa_secp256r1_sha256") && algorithms.contains(&"rsa_pss_rsae_sha256"),
            "{case}: {algorithms:?}"
        );
        assert_eq!(request["required"].as_bool(), required, "{case}: {request}");
        assert_eq!(input["validation"]["trusted"], true, "{case}: the server's own chain is still judged");
        let (code, other) = match required {
            Some(true) => ("connection.client_certificate_required", "connection.client_certificate_requested"),
            _ => ("connection.client_certificate_requested", "connection.client_certificate_required"),
        };
        let said = finding(&value, code).unwrap_or_else(|| panic!("{case}: no {code}"));
        assert!(said["message"].as_str().unwrap().contains("issued by 'certscope Test Root CA'"), "{case}: {said}");
        assert!(finding(&value, other).is_none(), "{case}");
        let headline = value["verdict"]["headline"].as_str().unwrap();
        if required == Some(true) {
            assert!(request["refusal"].as_str().is_some_and(|r| !r.is_empty()), "{case}: {request}");
            // What any client must bring first is in the one sentence, beside the server's own.
            assert!(
                headline.ends_with(&format!("{}.", said["message"].as_str().unwrap().trim_end_matches('.'))),
                "{case}: {headline}"
            );
        } else {
            assert!(!headline.contains("client certificate"), "{case}: {headline}");
        }
    }
    // A server that does not ask: null, and no finding.
    let server = TlsServer::start("leaf-p256.pem", "leaf-p256.key", "-cert_chain intermediate.pem", 1);
    let (value, _) = report(&["--ca-file", &path("root.pem"), &server.address()]);
    assert!(value["inputs"][0]["connection"]["client_certificate_request"].is_null());
    assert!(finding(&value, "connection.client_certificate_requested").is_none());
}

/// A client certificate (clientAuth) for `ocsp/leaf.key`, issued at test time by the OCSP test
/// CA; with `p12`, also as a PKCS#12 file with the password "secret".
fn client_certificate(dir: &std::path::Path) -> (String, String) {
    let (csr, cert, ext, p12) =
        (dir.join("client.csr"), dir.join("client.pem"), dir.join("ext.cnf"), dir.join("client.p12"));
    std::fs::write(&ext, "extendedKeyUsage = clientAuth\n").unwrap();
    let run = |args: &[&str]| {
        let done = std::process::Command::new("openssl").args(args).current_dir(fixture("")).output().unwrap();
        assert!(done.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&done.stderr));
    };
    run(&["req", "-new", "-key", "ocsp/leaf.key", "-subj", "/O=certscope Test/CN=bob", "-out", csr.to_str().unwrap()]);
    run(&[
        "x509",
        "-req",
        "-in",
        csr.to_str().unwrap(),
        "-CA",
        "ocsp/ca.pem",
        "-CAkey",
        "ocsp/ca.key",
        "-days",
        "3650",
        "-set_serial",
        "77",
        "-extfile",
        ext.to_str().unwrap(),
        "-out",
        cert.to_str().unwrap(),
    ]);
    run(&[
        "pkcs12",
        "-export",
        "-in",
        cert.to_str().unwrap(),
        "-inkey",
        "ocsp/leaf.key",
        "-certfile",
        "ocsp/ca.pem",
        "-passout",
        "pass:secret",
        "-out",
        p12.to_str().unwrap(),
    ]);
    (cert.to_str().unwrap().to_string(), p12.to_str().unwrap().to_string())
}

#[test]
fn a_client_certificate_is_presented_and_the_server_s_answer_said() {
    let dir = temp_dir("client-cert");
    let (cert, p12) = client_certificate(&dir);
    let key = path("ocsp/leaf.key");
    // The server names the CA that issued it: accepted, from a certificate and key, or a PKCS#12.
    let presents: [&[&str]; 2] =
        [&["--client-cert", &cert, "--client-key", &key], &["--client-cert", &p12, "--password", "secret"]];
    for present in presents {
        let server = TlsServer::start("leaf-p256.pem", "leaf-p256.key", "-Verify 1 -CAfile ocsp/ca.pem", 1);
        let (value, _) = report(&[present, &[&server.address()]].concat());
        let request = &value["inputs"][0]["connection"]["client_certificate_request"];
        assert_eq!(request["accepted"], true, "{present:?}: {request}");
        assert_eq!(request["presented"][0], "O=certscope Test, CN=bob", "{request}");
        let said = finding(&value, "connection.client_certificate_accepted").expect("accepted");
        assert!(said["message"].as_str().unwrap().contains("accepted the client certificate 'bob'"), "{said}");
    }
    // The server names another CA and checks what it gets (s_server goes on after a failed
    // check unless -verify_return_error): refused, and the finding says whose CA is missing
    // from its list. In TLS 1.3 the refusal comes after the handshake; in TLS 1.2, inside it.
    for version in ["", "-no_tls1_3"] {
        let server = TlsServer::start(
            "leaf-p256.pem",
            "leaf-p256.key",
            &format!("-Verify 1 -verify_return_error -CAfile root.pem {version}"),
            1,
        );
        let (value, code) = report(&["--client-cert", &cert, "--client-key", &key, &server.address()]);
        let request = &value["inputs"][0]["connection"]["client_certificate_request"];
        assert_eq!(request["accepted"], false, "{version}: {request}");
        assert!(request["refusal"].as_str().is_some_and(|r| !r.is_empty()), "{version}: {request}");
        let said = finding(&value, "connection.client_certificate_refused").expect("refused");
        assert_eq!(said["severity"], "error");
        let message = said["message"].as_str().unwrap();
        assert!(
            message.contains("its issuer 'certscope OCSP Test CA' is not among the CAs the server names")
                && message.contains("'certscope Test Root CA'"),
            "{version}: {message}"
        );
        assert_eq!(code, 1, "{version}: a refused client certificate fails the report");
    }
    // A key that is not the certificate's is refused before connecting.
    let out = support::certscope()
        .args(["report", "--client-cert", &cert, "--client-key", &path("leaf-p256.key"), "127.0.0.1:9"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not belong to the client certificate"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn starttls_for_directories_chat_ftp_and_databases_fetches_the_chain() {
    for protocol in ["ldap", "xmpp", "ftp", "postgres", "mysql"] {
        fetched_through(protocol, |port| protocol_front(protocol, port, false));
    }
    // The URL's scheme says which, by itself.
    let server = TlsServer::start("leaf-p256.pem", "leaf-p256.key", "-cert_chain intermediate.pem", 1);
    let front = protocol_front("postgres", server.port, false);
    let (value, code) =
        report(&["--ca-file", &path("root.pem"), "--time", NOW, &format!("postgres://127.0.0.1:{front}/app")]);
    assert_eq!((value["inputs"][0]["validation"]["trusted"].as_bool(), code), (Some(true), 0), "{value}");
    // Servers that will not: each says why, in the protocol's words.
    let refusals = [
        ("ldap", "the server refused StartTLS (LDAP result 2, protocolError): 'StartTLS is off'"),
        ("xmpp", "the server does not offer STARTTLS (no <starttls/> among its stream features)"),
        ("ftp", "AUTH TLS: the server said '534 Request denied for policy reasons'"),
        ("postgres", "the server does not accept SSL connections"),
        ("mysql", "the server (8.0.36-certscope) does not offer SSL"),
    ];
    for (protocol, words) in refusals {
        let front = protocol_front(protocol, 9, true);
        let started = Instant::now();
        let (value, code) = report(&["--starttls", protocol, "--timeout", "3", &format!("127.0.0.1:{front}")]);
        let error = value["inputs"][0]["error"].as_str().unwrap_or_default().to_string();
        assert!(error.contains(words), "{protocol}: {error}");
        assert_eq!(code, 2, "{protocol}");
        assert!(started.elapsed() < Duration::from_secs(5), "{protocol}: {:?}", started.elapsed());
    }
}
