//! TLS servers for tests: `openssl s_server` on 127.0.0.1 (a free port, bounded lifetime), and
//! a small SMTP front that speaks STARTTLS and then relays to one (s_server has no SMTP side).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::time::Duration;

pub struct TlsServer {
    pub port: u16,
    _process: super::Listening,
}

impl TlsServer {
    /// `openssl s_server` with `cert`, `key` and extra arguments (paths relative to tests/fixtures),
    /// answering `connections` handshakes (`-www`: it does not read its standard input).
    pub fn start(cert: &str, key: &str, extra: &str, connections: usize) -> Self {
        Self::start_on("127.0.0.1", cert, key, extra, connections)
    }

    /// The same on another loopback address (`[::1]`).
    pub fn start_on(host: &str, cert: &str, key: &str, extra: &str, connections: usize) -> Self {
        let command =
            format!("openssl s_server -accept '{host}:0' -cert {cert} -key {key} {extra} -naccept {connections} -www");
        let (port, process) = super::Listening::start(&command, &super::fixture(""));
        Self { port, _process: process }
    }

    pub fn address(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }
}

/// A mail server front for `protocol` (`smtp`, `imap`, `pop3`) that offers STARTTLS and then
/// relays the connection to `tls_port`. Serves one connection, for at most 20 s.
pub fn mail_front(protocol: &'static str, tls_port: u16) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let Ok((mut client, _)) = listener.accept() else { return };
        client.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let mut reader = BufReader::new(client.try_clone().unwrap());
        let mut line = String::new();
        let mut say = |text: &[u8]| {
            let _ = client.write_all(text);
        };
        match protocol {
            "smtp" => {
                say(b"220 mail.certscope.test ESMTP test\r\n");
                let _ = reader.read_line(&mut line); // EHLO
                say(b"250-mail.certscope.test\r\n250-PIPELINING\r\n250 STARTTLS\r\n");
                let _ = reader.read_line(&mut line); // STARTTLS
                say(b"220 2.0.0 Ready to start TLS\r\n");
            }
            "imap" => {
                say(b"* OK [CAPABILITY IMAP4rev1 STARTTLS] test ready\r\n");
                let _ = reader.read_line(&mut line); // a1 STARTTLS
                let tag = line.split_whitespace().next().unwrap_or("a1").to_string();
                say(format!("{tag} OK Begin TLS negotiation now\r\n").as_bytes());
            }
            _ => {
                say(b"+OK POP3 test ready\r\n");
                let _ = reader.read_line(&mut line); // STLS
                say(b"+OK Begin TLS negotiation\r\n");
            }
        }
        let Ok(server) = TcpStream::connect(("127.0.0.1", tls_port)) else { return };
        relay(client, server);
    });
    port
}

fn relay(client: TcpStream, server: TcpStream) {
    let (mut c_read, mut c_write) = (client.try_clone().unwrap(), client);
    let (mut s_read, mut s_write) = (server.try_clone().unwrap(), server);
    let up = std::thread::spawn(move || {
        let _ = std::io::copy(&mut c_read, &mut s_write);
        let _ = s_write.shutdown(std::net::Shutdown::Write);
    });
    let _ = std::io::copy(&mut s_read, &mut c_write);
    let _ = c_write.shutdown(std::net::Shutdown::Write);
    let _ = up.join();
}

/// A staple for `cert` from the OCSP fixture CA, made by `openssl ocsp` into `dir`.
pub fn staple(cert: &str, dir: &Path) -> std::path::PathBuf {
    let ocsp = super::fixture("ocsp");
    let (request, response) = (dir.join(format!("{cert}.req")), dir.join(format!("{cert}.staple")));
    let at = |name: &str| ocsp.join(name).to_str().unwrap().to_string();
    super::openssl(&[
        "ocsp",
        "-issuer",
        &at("ca.pem"),
        "-cert",
        &at(&format!("{cert}.pem")),
        "-no_nonce",
        "-reqout",
        request.to_str().unwrap(),
    ]);
    super::openssl(&[
        "ocsp",
        "-index",
        &at("index.txt"),
        "-rsigner",
        &at("ca.pem"),
        "-rkey",
        &at("ca.key"),
        "-CA",
        &at("ca.pem"),
        "-reqin",
        request.to_str().unwrap(),
        "-respout",
        response.to_str().unwrap(),
        "-ndays",
        "1",
    ]);
    response
}
