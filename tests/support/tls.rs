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

/// A server front for `protocol` (`ldap`, `xmpp`, `ftp`, `postgres`, `mysql`) that speaks its
/// side of STARTTLS and then relays to `tls_port`; with `refuse`, it answers as a server that
/// will not (an LDAP error result, no `<starttls/>` feature, FTP 534, PostgreSQL `N`, a MySQL
/// server without CLIENT_SSL) and closes. Serves one connection, for at most 20 s.
pub fn protocol_front(protocol: &'static str, tls_port: u16, refuse: bool) -> u16 {
    use std::io::Read;
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let Ok((mut client, _)) = listener.accept() else { return };
        client.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        let speak = |client: &mut TcpStream| -> std::io::Result<bool> {
            match protocol {
                "ldap" => {
                    let mut head = [0u8; 2];
                    client.read_exact(&mut head)?;
                    let mut request = vec![0u8; usize::from(head[1])];
                    client.read_exact(&mut request)?;
                    assert!(request.windows(22).any(|w| w == b"1.3.6.1.4.1.1466.20037"), "a StartTLS request");
                    let (code, message): (u8, &[u8]) = if refuse { (2, b"StartTLS is off") } else { (0, b"") };
                    // ExtendedResponse { resultCode, matchedDN "", diagnosticMessage }
                    let mut response = vec![0x0a, 0x01, code, 0x04, 0x00, 0x04, message.len() as u8];
                    response.extend_from_slice(message);
                    let mut out = vec![0x30, (5 + response.len()) as u8, 0x02, 0x01, 0x01, 0x78, response.len() as u8];
                    out.extend_from_slice(&response);
                    client.write_all(&out)?;
                }
                "xmpp" => {
                    read_to(client, b">")?; // <?xml ...?>
                    read_to(client, b">")?; // <stream:stream ...>
                    let tls = "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>";
                    let features = if refuse { "<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>" } else { tls };
                    client.write_all(
                        format!(
                            "<?xml version='1.0'?><stream:stream from='chat.certscope.test' id='7' version='1.0' \
                         xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>\
                         <stream:features>{features}</stream:features>"
                        )
                        .as_bytes(),
                    )?;
                    if refuse {
                        return Ok(false);
                    }
                    read_to(client, b"/>")?; // <starttls .../>
                    client.write_all(b"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")?;
                }
                "ftp" => {
                    client.write_all(b"220-certscope test FTP\r\n220 ready\r\n")?;
                    let line = read_to(client, b"\r\n")?;
                    assert_eq!(line, b"AUTH TLS\r\n");
                    client.write_all(if refuse {
                        b"534 Request denied for policy reasons\r\n"
                    } else {
                        b"234 Proceed with negotiation\r\n"
                    })?;
                }
                "postgres" => {
                    let mut request = [0u8; 8];
                    client.read_exact(&mut request)?;
                    assert_eq!(request, [0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f], "an SSLRequest");
                    client.write_all(if refuse { b"N" } else { b"S" })?;
                }
                _ => {
                    // MySQL protocol 10 handshake: version, connection id, auth data, capabilities.
                    let capabilities: u16 = if refuse { 0xf7ff } else { 0xffff };
                    let mut payload = vec![10];
                    payload.extend_from_slice(b"8.0.36-certscope\0");
                    payload.extend_from_slice(&[1, 0, 0, 0]);
                    payload.extend_from_slice(b"abcdefgh\0");
                    payload.extend_from_slice(&capabilities.to_le_bytes());
                    payload.extend_from_slice(&[0x21, 2, 0, 0xff, 0xdf, 21]);
                    payload.extend_from_slice(&[0; 10]);
                    payload.extend_from_slice(b"ijklmnopqrst\0caching_sha2_password\0");
                    let mut packet = vec![payload.len() as u8, 0, 0, 0];
                    packet.extend_from_slice(&payload);
                    client.write_all(&packet)?;
                    if refuse {
                        return Ok(false);
                    }
                    let mut request = [0u8; 36];
                    client.read_exact(&mut request)?;
                    assert_eq!(&request[..4], &[32, 0, 0, 1], "an SSL request, sequence 1");
                    assert_ne!(u32::from_le_bytes(request[4..8].try_into().unwrap()) & 0x800, 0, "CLIENT_SSL");
                }
            }
            Ok(!refuse)
        };
        if !matches!(speak(&mut client), Ok(true)) {
            return;
        }
        let Ok(server) = TcpStream::connect(("127.0.0.1", tls_port)) else { return };
        relay(client, server);
    });
    port
}

/// Reads byte by byte up to and including `end` (nothing of the TLS that follows).
fn read_to(stream: &mut TcpStream, end: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut read = Vec::new();
    let mut byte = [0u8];
    while !read.ends_with(end) {
        stream.read_exact(&mut byte)?;
        read.push(byte[0]);
    }
    Ok(read)
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
