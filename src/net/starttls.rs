//! STARTTLS: the plain-text part of a protocol up to the point where TLS begins on the same
//! connection. Mail (SMTP, IMAP, POP3), directories (LDAP's StartTLS extended operation),
//! chat (XMPP, client and server), FTP (AUTH TLS) and databases (PostgreSQL's SSLRequest,
//! MySQL's SSL request in its handshake). Each exchange is bounded: lines and messages are
//! read with a cap, and every read with the connection's timeout.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;

use super::ldap::ber;
use super::tls::ConnectError;

/// A plain-text protocol that upgrades to TLS.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum StartTls {
    /// SMTP (25, 587): EHLO, STARTTLS.
    Smtp,
    /// IMAP (143): a STARTTLS command.
    Imap,
    /// POP3 (110): STLS.
    Pop3,
    /// LDAP (389): the StartTLS extended operation (RFC 4511 4.14).
    Ldap,
    /// XMPP client to server (5222): `<starttls/>` in the stream (RFC 6120 5).
    Xmpp,
    /// XMPP server to server (5269).
    XmppServer,
    /// FTP (21): AUTH TLS (RFC 4217).
    Ftp,
    /// PostgreSQL (5432): SSLRequest.
    Postgres,
    /// MySQL and MariaDB (3306): the SSL request in the handshake.
    Mysql,
}

impl StartTls {
    /// Every protocol, for a choice.
    pub const ALL: [Self; 9] = [
        Self::Smtp,
        Self::Imap,
        Self::Pop3,
        Self::Ldap,
        Self::Xmpp,
        Self::XmppServer,
        Self::Ftp,
        Self::Postgres,
        Self::Mysql,
    ];

    /// "SMTP", "LDAP", "XMPP (server)".
    pub fn name(self) -> &'static str {
        match self {
            Self::Smtp => "SMTP",
            Self::Imap => "IMAP",
            Self::Pop3 => "POP3",
            Self::Ldap => "LDAP",
            Self::Xmpp => "XMPP",
            Self::XmppServer => "XMPP (server)",
            Self::Ftp => "FTP",
            Self::Postgres => "PostgreSQL",
            Self::Mysql => "MySQL",
        }
    }

    /// The protocol's usual port.
    pub fn default_port(self) -> u16 {
        match self {
            Self::Smtp => 587,
            Self::Imap => 143,
            Self::Pop3 => 110,
            Self::Ldap => 389,
            Self::Xmpp => 5222,
            Self::XmppServer => 5269,
            Self::Ftp => 21,
            Self::Postgres => 5432,
            Self::Mysql => 3306,
        }
    }

    /// Its name in URLs and on the command line: `smtp`, `xmpp-server`, `postgres`.
    pub fn key(self) -> &'static str {
        match self {
            Self::Smtp => "smtp",
            Self::Imap => "imap",
            Self::Pop3 => "pop3",
            Self::Ldap => "ldap",
            Self::Xmpp => "xmpp",
            Self::XmppServer => "xmpp-server",
            Self::Ftp => "ftp",
            Self::Postgres => "postgres",
            Self::Mysql => "mysql",
        }
    }

    /// The protocol a URL scheme or `--starttls` names (`ldap`, `xmpp`, `postgres`; its key or
    /// a common alias).
    pub fn from_scheme(scheme: &str) -> Option<Self> {
        let alias = match scheme {
            "pop" => "pop3",
            "postgresql" => "postgres",
            "mariadb" => "mysql",
            other => other,
        };
        Self::ALL.into_iter().find(|protocol| protocol.key() == alias)
    }
}

/// The longest line or message read before TLS: more is not a server speaking the protocol.
const MAX_MESSAGE: u64 = 64 * 1024;

/// Speaks `protocol` on `stream` up to the point where TLS begins. `host` is the name asked
/// for (XMPP addresses its stream to it).
pub(super) fn starttls(stream: &mut TcpStream, protocol: StartTls, host: &str, secs: u64) -> Result<(), ConnectError> {
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => {
            ConnectError::Timeout { what: "the STARTTLS exchange".into(), secs }
        }
        std::io::ErrorKind::UnexpectedEof => ConnectError::StartTls("the server closed the connection".into()),
        _ => ConnectError::StartTls(e.to_string()),
    };
    match protocol {
        StartTls::Smtp | StartTls::Imap | StartTls::Pop3 | StartTls::Ftp => lines(stream, protocol, &io),
        StartTls::Ldap => ldap(stream, &io),
        StartTls::Xmpp | StartTls::XmppServer => xmpp(stream, protocol == StartTls::XmppServer, host, &io),
        StartTls::Postgres => postgres(stream, &io),
        StartTls::Mysql => mysql(stream, &io),
    }
}

type Io<'a> = &'a dyn Fn(std::io::Error) -> ConnectError;

fn refused(step: &str, said: &str) -> ConnectError {
    ConnectError::StartTls(format!("{step}: the server said '{}'", said.trim()))
}

/// The line protocols: SMTP, IMAP, POP3, FTP.
fn lines(stream: &mut TcpStream, protocol: StartTls, io: Io<'_>) -> Result<(), ConnectError> {
    let reader = BufReader::new(stream.try_clone().map_err(io)?);
    let mut talk = Talk { stream, reader, io, said: String::new() };
    match protocol {
        StartTls::Smtp => {
            talk.step(None, true, "220", "greeting")?;
            let ehlo = talk.step(Some("EHLO certscope.invalid"), true, "250", "EHLO")?;
            if !ehlo.to_ascii_uppercase().contains("STARTTLS") {
                return Err(ConnectError::StartTls("the server does not offer STARTTLS".into()));
            }
            talk.step(Some("STARTTLS"), true, "220", "STARTTLS")?;
        }
        StartTls::Imap => {
            talk.step(None, false, "* OK", "greeting")?;
            talk.send("a1 STARTTLS")?;
            // Untagged lines may come first; the tagged one answers.
            while !talk.reply(false)?.starts_with("a1 ") {}
            let said = talk.said.clone();
            if !said.starts_with("a1 OK") {
                return Err(refused("STARTTLS", &said));
            }
        }
        StartTls::Pop3 => {
            talk.step(None, false, "+OK", "greeting")?;
            talk.step(Some("STLS"), false, "+OK", "STLS")?;
        }
        _ => {
            // FTP (RFC 4217 3): 220 greeting, AUTH TLS, 234.
            talk.step(None, true, "220", "greeting")?;
            talk.step(Some("AUTH TLS"), true, "234", "AUTH TLS")?;
        }
    }
    Ok(())
}

/// A line protocol's conversation: commands sent, replies read with a cap.
struct Talk<'a, 's> {
    stream: &'s mut TcpStream,
    reader: BufReader<TcpStream>,
    io: Io<'a>,
    said: String,
}

impl Talk<'_, '_> {
    fn send(&mut self, command: &str) -> Result<(), ConnectError> {
        self.stream.write_all(format!("{command}\r\n").as_bytes()).map_err(self.io)
    }

    /// Reads one reply (every line of a multi-line one) into `said`.
    fn reply(&mut self, multiline: bool) -> Result<&str, ConnectError> {
        self.said.clear();
        loop {
            let mut line = String::new();
            if self.reader.by_ref().take(MAX_MESSAGE).read_line(&mut line).map_err(self.io)? == 0 {
                return Err(ConnectError::StartTls("the server closed the connection".into()));
            }
            self.said.push_str(&line);
            if !multiline || line.as_bytes().get(3) != Some(&b'-') {
                return Ok(&self.said);
            }
        }
    }

    /// Sends `command` (none: the greeting is awaited) and reads the reply, which must start with `ok`.
    fn step(&mut self, command: Option<&str>, multiline: bool, ok: &str, name: &str) -> Result<String, ConnectError> {
        if let Some(command) = command {
            self.send(command)?;
        }
        let said = self.reply(multiline)?.to_string();
        if said.starts_with(ok) { Ok(said) } else { Err(refused(name, &said)) }
    }
}

/// LDAP: an ExtendedRequest for StartTLS (1.3.6.1.4.1.1466.20037), then its ExtendedResponse's
/// resultCode (RFC 4511 4.14.1-2).
fn ldap(stream: &mut TcpStream, io: Io<'_>) -> Result<(), ConnectError> {
    const OID: &[u8] = b"1.3.6.1.4.1.1466.20037";
    // LDAPMessage { messageID 1, [APPLICATION 23] { [0] requestName } }
    let mut request = vec![0x30, (3 + 2 + 2 + OID.len()) as u8, 0x02, 0x01, 0x01, 0x77, (2 + OID.len()) as u8, 0x80];
    request.push(OID.len() as u8);
    request.extend_from_slice(OID);
    stream.write_all(&request).map_err(io)?;
    let message = ber_message(stream, io)?;
    // SEQUENCE { INTEGER messageID, [APPLICATION 24] { ENUMERATED resultCode, ... } }
    let (tag, body, _) = ber(&message).ok_or_else(|| not_ldap(&message))?;
    let (_, _, rest) = ber(body).filter(|_| tag == 0x30).ok_or_else(|| not_ldap(&message))?;
    let (tag, response, _) = ber(rest).ok_or_else(|| not_ldap(&message))?;
    if tag != 0x78 {
        return Err(ConnectError::StartTls(format!(
            "the server answered with LDAP message [APPLICATION {}], not an ExtendedResponse",
            tag & 0x1f
        )));
    }
    let (tag, code, after) = ber(response).ok_or_else(|| not_ldap(&message))?;
    let code = match (tag, code) {
        (0x0a, [code]) => *code,
        _ => return Err(not_ldap(&message)),
    };
    if code != 0 {
        // The diagnosticMessage follows the matchedDN: what the server says, if it says anything.
        let said = ber(after)
            .and_then(|(_, _, rest)| ber(rest))
            .map(|(_, text, _)| String::from_utf8_lossy(text).into_owned())
            .filter(|text| !text.is_empty());
        let name = match code {
            1 => "operationsError",
            2 => "protocolError",
            52 => "unavailable",
            53 => "unwillingToPerform",
            _ => "error",
        };
        let said = said.map(|s| format!(": '{s}'")).unwrap_or_default();
        return Err(ConnectError::StartTls(format!("the server refused StartTLS (LDAP result {code}, {name}){said}")));
    }
    Ok(())
}

fn not_ldap(message: &[u8]) -> ConnectError {
    ConnectError::StartTls(format!("the server's answer is not an LDAP message ({} bytes)", message.len()))
}

/// One LDAP message read whole from the stream (definite lengths only), within the cap.
fn ber_message(stream: &mut TcpStream, io: Io<'_>) -> Result<Vec<u8>, ConnectError> {
    super::ldap::read_message(stream, MAX_MESSAGE).map_err(|frame| match frame {
        super::ldap::Frame::Io(e) => io(e),
        super::ldap::Frame::NotLdap => ConnectError::StartTls("the server's answer is not an LDAP message".into()),
        super::ldap::Frame::TooLarge(length) => {
            ConnectError::StartTls(format!("the server's answer declares {length} bytes: not an LDAP response"))
        }
    })
}

/// XMPP (RFC 6120 5.4.2): open the stream, find `<starttls>` among the features, ask, and wait
/// for `<proceed/>`.
fn xmpp(stream: &mut TcpStream, server: bool, host: &str, io: Io<'_>) -> Result<(), ConnectError> {
    let namespace = if server { "jabber:server" } else { "jabber:client" };
    let open = format!(
        "<?xml version='1.0'?><stream:stream to='{host}' version='1.0' xmlns='{namespace}' xmlns:stream='http://etherx.jabber.org/streams'>"
    );
    stream.write_all(open.as_bytes()).map_err(io)?;
    let features = read_until(stream, &["</stream:features>", "<stream:error", "</stream:stream>"], io)?;
    if features.contains("<stream:error") || !features.contains("<stream:features") {
        let said: String = features.chars().take(200).collect();
        return Err(ConnectError::StartTls(format!("the server ended the stream: '{said}'")));
    }
    if !features.contains("urn:ietf:params:xml:ns:xmpp-tls") {
        return Err(ConnectError::StartTls(
            "the server does not offer STARTTLS (no <starttls/> among its stream features)".into(),
        ));
    }
    stream.write_all(b"<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>").map_err(io)?;
    let answer = read_until(stream, &["<proceed", "<failure", "</stream:stream>"], io)?;
    if !answer.contains("<proceed") {
        return Err(ConnectError::StartTls("the server answered <failure/> to <starttls/>".into()));
    }
    // The rest of the <proceed .../> element, up to its end.
    if !answer.trim_end().ends_with("/>") && !answer.trim_end().ends_with("</proceed>") {
        read_until(stream, &["/>", "</proceed>"], io)?;
    }
    Ok(())
}

/// Reads byte by byte (TLS starts right after: nothing may be read ahead) until one of `ends`.
fn read_until(stream: &mut TcpStream, ends: &[&str], io: Io<'_>) -> Result<String, ConnectError> {
    let mut text = Vec::new();
    let mut byte = [0u8];
    while (text.len() as u64) < MAX_MESSAGE {
        if stream.read(&mut byte).map_err(io)? == 0 {
            return Err(ConnectError::StartTls("the server closed the connection".into()));
        }
        text.push(byte[0]);
        if ends.iter().any(|end| text.ends_with(end.as_bytes())) {
            return Ok(String::from_utf8_lossy(&text).into_owned());
        }
    }
    Err(ConnectError::StartTls(format!("no answer the protocol expects in the first {} KiB", MAX_MESSAGE / 1024)))
}

/// PostgreSQL: SSLRequest (length 8, code 80877103); the server answers one byte, `S` or `N`.
fn postgres(stream: &mut TcpStream, io: Io<'_>) -> Result<(), ConnectError> {
    stream.write_all(&[0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]).map_err(io)?;
    let mut answer = [0u8];
    stream.read_exact(&mut answer).map_err(io)?;
    match answer[0] {
        b'S' => Ok(()),
        b'N' => Err(ConnectError::StartTls(
            "the server does not accept SSL connections (it answered 'N' to SSLRequest)".into(),
        )),
        b'E' => Err(ConnectError::StartTls(
            "the server answered SSLRequest with an error message (an old or a non-PostgreSQL server)".into(),
        )),
        other => Err(ConnectError::StartTls(format!(
            "the server's answer to SSLRequest is byte 0x{other:02x}, not 'S' or 'N'"
        ))),
    }
}

/// MySQL and MariaDB: read the server's handshake (protocol 10), check that it offers SSL, and
/// send the SSL request (the first 32 bytes of a handshake response, sequence 1).
fn mysql(stream: &mut TcpStream, io: Io<'_>) -> Result<(), ConnectError> {
    const CLIENT_LONG_PASSWORD: u32 = 0x1;
    const CLIENT_PROTOCOL_41: u32 = 0x200;
    const CLIENT_SSL: u32 = 0x800;
    const CLIENT_SECURE_CONNECTION: u32 = 0x8000;
    let mut header = [0u8; 4];
    stream.read_exact(&mut header).map_err(io)?;
    let length = usize::from(header[0]) | usize::from(header[1]) << 8 | usize::from(header[2]) << 16;
    if length as u64 > MAX_MESSAGE || length == 0 {
        return Err(ConnectError::StartTls(format!(
            "the server's first packet declares {length} bytes: not a MySQL handshake"
        )));
    }
    let mut packet = vec![0u8; length];
    stream.read_exact(&mut packet).map_err(io)?;
    if packet[0] == 0xff {
        // An error packet: code (2), then '#' and a state (6) in protocol 4.1, then the message.
        let message =
            packet.get(3..).map(|m| m.strip_prefix(b"#").map_or(m, |m| m.get(5..).unwrap_or(m))).unwrap_or(&[]);
        return Err(ConnectError::StartTls(format!(
            "the server refused the connection: '{}'",
            String::from_utf8_lossy(message).trim()
        )));
    }
    if packet[0] != 10 {
        return Err(ConnectError::StartTls(format!(
            "the server's handshake is protocol {}, not MySQL's 10",
            packet[0]
        )));
    }
    // server version (NUL-terminated), connection id (4), auth data (8), filler (1), capabilities (2).
    let version_end = packet
        .iter()
        .position(|b| *b == 0)
        .ok_or_else(|| ConnectError::StartTls("the server's handshake is cut short".into()))?;
    let at = version_end + 1 + 4 + 8 + 1;
    let capabilities = packet
        .get(at..at + 2)
        .map(|b| u32::from(u16::from_le_bytes([b[0], b[1]])))
        .ok_or_else(|| ConnectError::StartTls("the server's handshake is cut short".into()))?;
    if capabilities & CLIENT_SSL == 0 {
        let version = String::from_utf8_lossy(&packet[1..version_end]);
        return Err(ConnectError::StartTls(format!(
            "the server ({version}) does not offer SSL (no CLIENT_SSL in its capabilities)"
        )));
    }
    let flags = CLIENT_LONG_PASSWORD | CLIENT_PROTOCOL_41 | CLIENT_SSL | CLIENT_SECURE_CONNECTION;
    let mut request = vec![32, 0, 0, 1];
    request.extend_from_slice(&flags.to_le_bytes());
    request.extend_from_slice(&(16u32 * 1024 * 1024).to_le_bytes());
    request.push(0x21); // utf8_general_ci
    request.extend_from_slice(&[0u8; 23]);
    stream.write_all(&request).map_err(io)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ber_reads_short_and_long_lengths_and_refuses_what_is_cut() {
        assert_eq!(ber(&[0x0a, 0x01, 0x00, 0xff]), Some((0x0a, &[0x00][..], &[0xff][..])));
        let long = [&[0x04, 0x81, 0x80][..], &[7u8; 128]].concat();
        assert_eq!(ber(&long).map(|(t, v, r)| (t, v.len(), r.len())), Some((0x04, 128, 0)));
        assert_eq!(ber(&[0x04, 0x05, 1, 2]), None, "cut short");
        assert_eq!(ber(&[0x04, 0x85, 1, 1, 1, 1, 1]), None, "a length of 5 bytes");
    }

    #[test]
    fn schemes_name_their_protocols() {
        assert_eq!(StartTls::from_scheme("postgresql"), Some(StartTls::Postgres));
        assert_eq!(StartTls::from_scheme("ldap").map(StartTls::default_port), Some(389));
        assert_eq!(StartTls::from_scheme("https"), None);
    }
}
