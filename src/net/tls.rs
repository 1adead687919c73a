//! Fetching what a server sends: a TLS handshake (rustls on aws-lc-rs) through a verifier that records
//! the chain exactly as sent and the stapled OCSP response, and refuses nothing: an inspector
//! shows a broken, self-signed, expired or wrong-host chain in full. The handshake's own
//! signatures are still checked. STARTTLS first when asked (`starttls.rs`); a client
//! certificate presented when the server asks for one, and its answer recorded.

use std::net::{IpAddr, SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::{DigitallySignedStruct, SignatureScheme};
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};

pub use super::starttls::StartTls;
use super::starttls::starttls;
use thiserror::Error;

/// Where to connect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    /// The host name or address asked for.
    pub host: String,
    /// The port (443 unless given, or the STARTTLS protocol's).
    pub port: u16,
}

/// Reads `host`, `host:port`, `https://host[:port]/path`, an IPv4 literal or an IPv6 one
/// (`::1`, `[::1]:8443`). `default_port` applies when none is given.
pub fn parse_target(text: &str, default_port: u16) -> Result<Target, String> {
    match parse_target_with_protocol(text, default_port)? {
        (target, None) => Ok(target),
        (_, Some(protocol)) => Err(format!("'{text}': a {} URL needs STARTTLS (use --starttls)", protocol.name())),
    }
}

/// The same, and protocol URLs too: `smtp://host[:port]`, `imap://`, `pop3://`, `ldap://`,
/// `xmpp://`, `xmpp-server://`, `ftp://`, `postgres://`, `mysql://` say which STARTTLS to speak
/// (each with its default port); `smtps://`, `imaps://`, `pop3s://`, `ldaps://`, `ftps://` are
/// TLS from the start (465, 993, 995, 636, 990).
pub fn parse_target_with_protocol(text: &str, default_port: u16) -> Result<(Target, Option<StartTls>), String> {
    let text = text.trim();
    let (rest, starttls, default_port) = match text.split_once("://") {
        Some((scheme, rest)) => match scheme.to_ascii_lowercase().as_str() {
            "https" | "tls" => (rest, None, default_port),
            "smtps" => (rest, None, 465),
            "imaps" => (rest, None, 993),
            "pop3s" => (rest, None, 995),
            "ldaps" => (rest, None, 636),
            "ftps" => (rest, None, 990),
            scheme => match StartTls::from_scheme(scheme) {
                Some(protocol) => (rest, Some(protocol), protocol.default_port()),
                None => {
                    return Err(format!(
                        "'{text}': https://, a STARTTLS URL (smtp://, imap://, pop3://, ldap://, xmpp://, xmpp-server://, ftp://, postgres://, mysql://), a TLS one (smtps://, imaps://, pop3s://, ldaps://, ftps://), or a bare host"
                    ));
                }
            },
        },
        None => {
            // Without a scheme, what looks like a file (a path, a certificate file's name) is not a host.
            let extension = text.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
            let file_like = ["pem", "der", "crt", "cer", "p7b", "p7c", "p7s", "p12", "pfx", "csr", "crl", "key"];
            if text.contains(['/', '\\']) || file_like.contains(&extension.as_str()) {
                return Err(format!("'{text}' looks like a file, not a host"));
            }
            (text, None, default_port)
        }
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let authority = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    if authority.is_empty() {
        return Err(format!("'{text}' names no host"));
    }
    // A bare IPv6 literal has colons but no brackets.
    if let Ok(address) = authority.parse::<std::net::Ipv6Addr>() {
        return Ok((Target { host: address.to_string(), port: default_port }, starttls));
    }
    let (host, port) = if let Some(inner) = authority.strip_prefix('[') {
        let (host, after) = inner.split_once(']').ok_or_else(|| format!("'{text}': unclosed '['"))?;
        (host, after.strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let port = match port {
        Some(port) => port.parse().map_err(|_| format!("'{text}': '{port}' is not a port number"))?,
        None => default_port,
    };
    let valid = host.parse::<IpAddr>().is_ok()
        || (!host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')));
    if !valid {
        return Err(format!("'{host}' is not a host name or an IP address"));
    }
    Ok((Target { host: host.to_string(), port }, starttls))
}

/// How to connect.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConnectOptions {
    /// For each step: resolving, connecting, the handshake.
    pub timeout: Duration,
    /// The name sent in SNI, when not the host (never sent for an IP address).
    pub sni: Option<String>,
    /// A plain-text protocol to upgrade from.
    pub starttls: Option<StartTls>,
    /// A client certificate and key to present when the server asks for one.
    pub client: Option<Arc<ClientIdentity>>,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        Self { timeout: Duration::from_secs(10), sni: None, starttls: None, client: None }
    }
}

/// A client certificate (its chain, leaf first) and its private key, ready to present: the
/// key is loaded and checked against the leaf once, when it is read, before any connection.
pub struct ClientIdentity {
    key: Arc<rustls::sign::CertifiedKey>,
}

impl ClientIdentity {
    /// The chain (leaf first, DER) and its private key (PKCS#8, PKCS#1 or SEC1): refused if
    /// the key cannot sign or is not the leaf's.
    pub fn new(chain: Vec<Vec<u8>>, key: rustls_pki_types::PrivateKeyDer<'static>) -> Result<Self, String> {
        let key = rustls::crypto::aws_lc_rs::default_provider()
            .key_provider
            .load_private_key(key)
            .map_err(|e| format!("the client key cannot be used: {e}"))?;
        // The key's public half against the leaf's, compared here: rustls' keys_match parses the
        // leaf with webpki, which refuses a version 1 certificate a server may well accept.
        let leaf = chain.first().ok_or("the client certificate file holds no certificate")?;
        let (_, parsed) = x509_parser::parse_x509_certificate(leaf)
            .map_err(|e| format!("the client certificate cannot be read: {e}"))?;
        let matches = key.public_key().is_none_or(|spki| spki.as_ref() == parsed.tbs_certificate.subject_pki.raw);
        if !matches {
            return Err("the client key does not belong to the client certificate (the first in its file)".into());
        }
        let chain = chain.into_iter().map(CertificateDer::from).collect();
        Ok(Self { key: Arc::new(rustls::sign::CertifiedKey::new(chain, key)) })
    }
}

impl std::fmt::Debug for ClientIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the key.
        f.debug_struct("ClientIdentity").field("certificates", &self.key.cert.len()).finish_non_exhaustive()
    }
}

impl PartialEq for ClientIdentity {
    /// The same certificates: the key was checked to be the leaf's.
    fn eq(&self, other: &Self) -> bool {
        self.key.cert == other.key.cert
    }
}

impl Eq for ClientIdentity {}

/// What the server sent, and how the connection went.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connection {
    /// The address connected to.
    pub address: SocketAddr,
    /// `TLSv1.3`, `TLSv1.2`.
    pub tls_version: String,
    /// The cipher suite's IANA name.
    pub cipher_suite: String,
    /// The ALPN protocol agreed, if any.
    pub alpn: Option<String>,
    /// The SNI name sent (none for an IP address).
    pub sni: Option<String>,
    /// The certificates as sent, in the server's order (DER).
    pub chain: Vec<Vec<u8>>,
    /// The stapled OCSP response, if any (DER).
    pub stapled_ocsp: Option<Vec<u8>>,
    /// Name resolution.
    pub dns: Duration,
    /// The TCP connection (and the STARTTLS exchange).
    pub connect: Duration,
    /// The TLS handshake.
    pub handshake: Duration,
    /// What the server asked of the client, if it asked for a certificate.
    pub client_certificate_request: Option<ClientCertificateRequest>,
}

/// A server's request for a client certificate (TLS CertificateRequest, RFC 8446 4.3.2,
/// RFC 5246 7.4.4): what it would accept, and whether it refused to go on without one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientCertificateRequest {
    /// The CAs whose certificates it accepts, as it named them (empty: it names none).
    pub ca_names: Vec<crate::model::DistinguishedName>,
    /// The signature algorithms it accepts, by their IANA names.
    pub signature_algorithms: Vec<String>,
    /// True: the handshake failed without a certificate (it insisted); false: it went on
    /// without one (it only asked); none: it did not say within the time waited.
    pub required: Option<bool>,
    /// The alert it sent when it refused (`certificate required`, `handshake failure`, `unknown ca`).
    pub refusal: Option<String>,
    /// The certificates presented (leaf first, DER), when one was given and the server asked.
    pub presented: Vec<Vec<u8>>,
    /// Whether the server went on with the certificate presented (none: none was presented, or
    /// it did not say within the time waited).
    pub accepted: Option<bool>,
}

impl ClientCertificateRequest {
    /// The server's answer: `refused` (none: it did not say) with its alert. With no
    /// certificate presented, a refusal says it is required; with one, that it was not accepted.
    fn answered(&mut self, refused: Option<bool>, refusal: Option<String>) {
        if self.presented.is_empty() {
            self.required = refused;
        } else {
            self.accepted = refused.map(|refused| !refused);
        }
        self.refusal = refusal;
    }

    /// "required (refused with 'certificate required')", "asked, not required", ...
    pub fn summary(&self) -> String {
        if !self.presented.is_empty() {
            return match (self.accepted, &self.refusal) {
                (Some(true), _) => "asked; the certificate presented was accepted".into(),
                (Some(false), Some(alert)) => format!("asked; the certificate presented was refused ('{alert}')"),
                (Some(false), None) => "asked; the certificate presented was refused".into(),
                (None, _) => "asked; a certificate was presented (the server said nothing more)".into(),
            };
        }
        match (self.required, &self.refusal) {
            (Some(true), Some(alert)) => format!("required (the server refused to go on without one: '{alert}')"),
            (Some(true), None) => "required".into(),
            (Some(false), _) => "asked, not required (the server went on without one)".into(),
            (None, _) => "asked (whether it is required is not known: the server said nothing more)".into(),
        }
    }
}

/// Records a CertificateRequest, and presents the client certificate given, if any.
#[derive(Debug, Default)]
struct AskedFor {
    seen: Mutex<Option<ClientCertificateRequest>>,
    identity: Option<Arc<rustls::sign::CertifiedKey>>,
}

impl rustls::client::ResolvesClientCert for AskedFor {
    fn resolve(
        &self,
        root_hint_subjects: &[&[u8]],
        sigschemes: &[SignatureScheme],
    ) -> Option<Arc<rustls::sign::CertifiedKey>> {
        let ca_names = root_hint_subjects.iter().map(|der| crate::model::DistinguishedName::from_der(der)).collect();
        let signature_algorithms = sigschemes.iter().map(|s| scheme_name(*s)).collect();
        // Presented only if the key can sign with a scheme the server takes (rustls' own test).
        let identity = self.identity.clone().filter(|key| key.key.choose_scheme(sigschemes).is_some());
        let presented = identity.as_ref().map(|key| key.cert.iter().map(|c| c.as_ref().to_vec()).collect());
        if let Ok(mut seen) = self.seen.lock() {
            *seen = Some(ClientCertificateRequest {
                ca_names,
                signature_algorithms,
                required: None,
                refusal: None,
                presented: presented.unwrap_or_default(),
                accepted: None,
            });
        }
        identity
    }

    fn has_certs(&self) -> bool {
        self.identity.is_some()
    }
}

impl AskedFor {
    fn take(&self) -> Option<ClientCertificateRequest> {
        self.seen.lock().ok().and_then(|mut seen| seen.take())
    }
}

/// A signature scheme's IANA name (RFC 8446 4.2.3), or its number.
fn scheme_name(scheme: SignatureScheme) -> String {
    let name = match u16::from(scheme) {
        0x0201 => "rsa_pkcs1_sha1",
        0x0203 => "ecdsa_sha1",
        0x0401 => "rsa_pkcs1_sha256",
        0x0501 => "rsa_pkcs1_sha384",
        0x0601 => "rsa_pkcs1_sha512",
        0x0403 => "ecdsa_secp256r1_sha256",
        0x0503 => "ecdsa_secp384r1_sha384",
        0x0603 => "ecdsa_secp521r1_sha512",
        0x0804 => "rsa_pss_rsae_sha256",
        0x0805 => "rsa_pss_rsae_sha384",
        0x0806 => "rsa_pss_rsae_sha512",
        0x0807 => "ed25519",
        0x0808 => "ed448",
        0x0809 => "rsa_pss_pss_sha256",
        0x080a => "rsa_pss_pss_sha384",
        0x080b => "rsa_pss_pss_sha512",
        0x0904 => "mldsa44",
        0x0905 => "mldsa65",
        0x0906 => "mldsa87",
        other => return format!("0x{other:04x}"),
    };
    name.to_string()
}

/// An alert's name as the RFCs write it: `certificate required`.
fn alert_words(alert: rustls::AlertDescription) -> String {
    let mut words = String::new();
    for (i, c) in format!("{alert:?}").chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            words.push(' ');
        }
        words.push(c.to_ascii_lowercase());
    }
    words
}

/// Why nothing was received, in words.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[allow(missing_docs)] // each variant is documented by its message
pub enum ConnectError {
    #[error("could not resolve '{host}': {reason}")]
    Dns { host: String, reason: String },
    #[error("connection to {address} refused: nothing listens on port {port}")]
    Refused { address: SocketAddr, port: u16 },
    #[error("{what} timed out after {secs} s")]
    Timeout { what: String, secs: u64 },
    #[error("{address} did not answer TLS: {reason}")]
    NotTls { address: SocketAddr, reason: String },
    #[error("the TLS handshake with {address} failed: {reason}")]
    Handshake { address: SocketAddr, reason: String },
    #[error("STARTTLS: {0}")]
    StartTls(String),
    #[error("could not connect to {address}: {reason}")]
    Io { address: String, reason: String },
    #[error("cancelled")]
    Cancelled,
}

/// The chain as sent (DER) and the stapled OCSP response (empty when none).
type Presented = (Vec<Vec<u8>>, Vec<u8>);

/// Records what the server presents; the verdict is certscope's (crate::trust), not the handshake's.
#[derive(Debug)]
struct Recorder {
    provider: Arc<CryptoProvider>,
    seen: Mutex<Option<Presented>>,
}

impl ServerCertVerifier for Recorder {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let chain = std::iter::once(end_entity).chain(intermediates).map(|c| c.as_ref().to_vec()).collect();
        if let Ok(mut seen) = self.seen.lock() {
            *seen = Some((chain, ocsp_response.to_vec()));
        }
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

/// A TCP connection within `timeout`, tried a second at a time so that a cancel is seen
/// while a silent address is still being tried (an unconnected socket cannot be shut).
fn connect_in_slices(address: SocketAddr, timeout: Duration) -> std::io::Result<TcpStream> {
    let started = Instant::now();
    loop {
        let left = timeout.saturating_sub(started.elapsed());
        let slice = left.min(Duration::from_secs(1)).max(Duration::from_millis(1));
        match TcpStream::connect_timeout(&address, slice) {
            Err(err)
                if matches!(err.kind(), std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock)
                    && started.elapsed() < timeout
                    && !super::Cancel::current_is_cancelled() => {}
            other => return other,
        }
    }
}

/// Connects, upgrades if asked, shakes hands, and returns what the server sent.
pub fn connect(target: &Target, options: &ConnectOptions) -> Result<Connection, ConnectError> {
    let result = connect_watched(target, options);
    // A cancelled job's socket was shut under it: whatever failed, the answer is "cancelled".
    match result {
        Err(_) if super::Cancel::current_is_cancelled() => Err(ConnectError::Cancelled),
        other => other,
    }
}

fn connect_watched(target: &Target, options: &ConnectOptions) -> Result<Connection, ConnectError> {
    if super::Cancel::current_is_cancelled() {
        return Err(ConnectError::Cancelled);
    }
    let secs = options.timeout.as_secs().max(1);
    let started = Instant::now();
    let addresses: Vec<SocketAddr> = (target.host.as_str(), target.port)
        .to_socket_addrs()
        .map_err(|e| ConnectError::Dns { host: target.host.clone(), reason: e.to_string() })?
        .collect();
    let dns = started.elapsed();
    let address = *addresses
        .first()
        .ok_or_else(|| ConnectError::Dns { host: target.host.clone(), reason: "no address".into() })?;
    let connecting = Instant::now();
    let mut stream = connect_in_slices(address, options.timeout).map_err(|e| match e.kind() {
        std::io::ErrorKind::ConnectionRefused => ConnectError::Refused { address, port: target.port },
        std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => {
            ConnectError::Timeout { what: format!("connecting to {address}"), secs }
        }
        _ => ConnectError::Io { address: address.to_string(), reason: e.to_string() },
    })?;
    let io = |e: std::io::Error| ConnectError::Io { address: address.to_string(), reason: e.to_string() };
    // Cancel shuts the socket: a read or write blocked on it returns at once.
    let _watch = {
        let shut = stream.try_clone().map_err(io)?;
        super::cancel::Cancel::watch(move || {
            let _ = shut.shutdown(std::net::Shutdown::Both);
        })
        .map_err(|_| ConnectError::Cancelled)?
    };
    stream.set_read_timeout(Some(options.timeout)).map_err(io)?;
    stream.set_write_timeout(Some(options.timeout)).map_err(io)?;
    if let Some(protocol) = options.starttls {
        starttls(&mut stream, protocol, &target.host, secs)?;
    }
    let connect = connecting.elapsed();

    let provider = Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let recorder = Arc::new(Recorder { provider: Arc::clone(&provider), seen: Mutex::new(None) });
    let identity = options.client.as_ref().map(|client| Arc::clone(&client.key));
    let asked = Arc::new(AskedFor { seen: Mutex::new(None), identity });
    let mut config = rustls::ClientConfig::builder_with_provider(Arc::clone(&provider))
        .with_safe_default_protocol_versions()
        .map_err(|e| ConnectError::Handshake { address, reason: e.to_string() })?
        .dangerous()
        .with_custom_certificate_verifier(Arc::clone(&recorder) as Arc<dyn ServerCertVerifier>)
        .with_client_cert_resolver(Arc::clone(&asked) as Arc<dyn rustls::client::ResolvesClientCert>);
    config.alpn_protocols = vec![b"h2".to_vec(), b"http/1.1".to_vec()];
    let sni_name = options.sni.clone().unwrap_or_else(|| target.host.clone());
    let server_name = ServerName::try_from(sni_name.clone())
        .map_err(|_| ConnectError::Handshake { address, reason: format!("'{sni_name}' is not a valid server name") })?;
    let sni = matches!(server_name, ServerName::DnsName(_)).then_some(sni_name);
    let mut tls = rustls::ClientConnection::new(Arc::new(config), server_name)
        .map_err(|e| ConnectError::Handshake { address, reason: e.to_string() })?;
    let shaking = Instant::now();
    let mut request = None;
    while tls.is_handshaking() {
        if let Err(err) = tls.complete_io(&mut stream) {
            // A server that asked for a certificate and got none may end the handshake there
            // (TLS 1.2): that is its answer, and its chain was already received.
            request = asked.take().filter(|_| recorder.seen.lock().is_ok_and(|s| s.is_some()));
            match (&mut request, refused_with(&err)) {
                (Some(request), Some(alert)) => {
                    request.answered(Some(true), Some(alert_words(alert)));
                    break;
                }
                _ => return Err(handshake_error(err, address, secs, &recorder)),
            }
        }
    }
    let handshake = shaking.elapsed();
    let (chain, staple) = recorder
        .seen
        .lock()
        .ok()
        .and_then(|mut seen| seen.take())
        .ok_or_else(|| ConnectError::Handshake { address, reason: "the server sent no certificate".into() })?;
    if request.is_none() {
        request = asked.take();
        if let Some(request) = &mut request {
            // In TLS 1.2 a finished handshake is the server's yes; in TLS 1.3 the client
            // finishes first, and a refusal comes after, as an alert.
            let (refused, refusal) = if tls.protocol_version() == Some(rustls::ProtocolVersion::TLSv1_3) {
                refusal_after_handshake(&mut tls, &mut stream, options.timeout)
            } else {
                (Some(false), None)
            };
            request.answered(refused, refusal);
        }
    }
    // Say goodbye politely; what matters has been received.
    tls.send_close_notify();
    let _ = tls.complete_io(&mut stream);
    Ok(Connection {
        address,
        tls_version: tls.protocol_version().and_then(|v| v.as_str()).unwrap_or("?").replace("TLSv1_", "TLSv1."),
        cipher_suite: tls.negotiated_cipher_suite().and_then(|s| s.suite().as_str()).unwrap_or("?").to_string(),
        alpn: tls.alpn_protocol().map(|p| String::from_utf8_lossy(p).into_owned()),
        sni,
        chain,
        stapled_ocsp: (!staple.is_empty()).then_some(staple),
        dns,
        connect,
        handshake,
        client_certificate_request: request,
    })
}

/// The alert a server ended the handshake with, if it did.
fn refused_with(err: &std::io::Error) -> Option<rustls::AlertDescription> {
    match err.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>()) {
        Some(rustls::Error::AlertReceived(alert)) => Some(*alert),
        _ => None,
    }
}

/// After a TLS 1.3 handshake in which no certificate was sent: whether the server refuses
/// (an alert, at once) or goes on (its session tickets, or nothing). Waits at most a second.
fn refusal_after_handshake(
    tls: &mut rustls::ClientConnection,
    stream: &mut TcpStream,
    timeout: Duration,
) -> (Option<bool>, Option<String>) {
    let _ = stream.set_read_timeout(Some(timeout.min(Duration::from_secs(1))));
    let answer = tls.read_tls(stream).map(|read| (read, tls.process_new_packets()));
    let _ = stream.set_read_timeout(Some(timeout));
    match answer {
        Ok((_, Err(rustls::Error::AlertReceived(alert)))) => (Some(true), Some(alert_words(alert))),
        Ok((0, _)) => (Some(true), Some("closed the connection".into())),
        Ok((_, Ok(_))) => (Some(false), None),
        _ => (None, None),
    }
}

fn handshake_error(err: std::io::Error, address: SocketAddr, secs: u64, recorder: &Recorder) -> ConnectError {
    if matches!(err.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) {
        return ConnectError::Timeout { what: format!("the TLS handshake with {address}"), secs };
    }
    let inner = err.get_ref().and_then(|e| e.downcast_ref::<rustls::Error>());
    match inner {
        Some(rustls::Error::AlertReceived(rustls::AlertDescription::ProtocolVersion)) => ConnectError::Handshake {
            address,
            reason: "the server speaks no TLS version clients accept today: it refused TLS 1.2 and 1.3 (alert 'protocol version'), so it offers only TLS 1.0 or 1.1, which browsers and current libraries refuse".into(),
        },
        Some(rustls::Error::AlertReceived(alert)) => {
            ConnectError::Handshake { address, reason: format!("the server sent the alert '{alert:?}'") }
        }
        // A TLS server that sends more than a client accepts (hundreds of certificates, a
        // message that never ends): said as such, not as "not TLS".
        Some(rustls::Error::InvalidMessage(
            rustls::InvalidMessage::HandshakePayloadTooLarge
            | rustls::InvalidMessage::CertificatePayloadTooLarge
            | rustls::InvalidMessage::MessageTooLarge,
        )) => ConnectError::Handshake {
            address,
            reason: "the server's handshake message is larger than TLS clients accept (too many or too large certificates)"
                .into(),
        },
        Some(rustls::Error::InvalidMessage(_)) if recorder.seen.lock().map(|s| s.is_none()).unwrap_or(true) => {
            ConnectError::NotTls { address, reason: "its answer is not a TLS record (a plain-text service?)".into() }
        }
        Some(other) => ConnectError::Handshake { address, reason: other.to_string() },
        None if err.kind() == std::io::ErrorKind::UnexpectedEof => {
            ConnectError::Handshake { address, reason: "the server closed the connection during the handshake".into() }
        }
        None => ConnectError::Handshake { address, reason: err.to_string() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_read_as_people_type_them() {
        let read = |text: &str| parse_target_with_protocol(text, 443).map(|(t, s)| (t.host, t.port, s));
        assert_eq!(read("www.example.org"), Ok(("www.example.org".into(), 443, None)));
        assert_eq!(read(" www.example.org:8443 "), Ok(("www.example.org".into(), 8443, None)));
        assert_eq!(read("https://user@www.example.org/path?q#f"), Ok(("www.example.org".into(), 443, None)));
        assert_eq!(read("HTTPS://www.example.org:444/"), Ok(("www.example.org".into(), 444, None)));
        assert_eq!(read("192.0.2.1:993"), Ok(("192.0.2.1".into(), 993, None)));
        assert_eq!(read("::1"), Ok(("::1".into(), 443, None)));
        assert_eq!(read("[2001:db8::1]:8443"), Ok(("2001:db8::1".into(), 8443, None)));
        assert_eq!(read("smtp://mail.example.org"), Ok(("mail.example.org".into(), 587, Some(StartTls::Smtp))));
        assert_eq!(read("smtp://mail.example.org:25"), Ok(("mail.example.org".into(), 25, Some(StartTls::Smtp))));
        assert_eq!(read("imap://mail.example.org"), Ok(("mail.example.org".into(), 143, Some(StartTls::Imap))));
        assert_eq!(read("pop3://mail.example.org"), Ok(("mail.example.org".into(), 110, Some(StartTls::Pop3))));
        assert_eq!(read("imaps://mail.example.org"), Ok(("mail.example.org".into(), 993, None)));
        assert_eq!(read("ldap://dc1.corp.example"), Ok(("dc1.corp.example".into(), 389, Some(StartTls::Ldap))));
        assert_eq!(read("ldaps://dc1.corp.example"), Ok(("dc1.corp.example".into(), 636, None)));
        assert_eq!(read("postgres://db.example:6432/app"), Ok(("db.example".into(), 6432, Some(StartTls::Postgres))));
        assert_eq!(read("mysql://db.example"), Ok(("db.example".into(), 3306, Some(StartTls::Mysql))));
        assert_eq!(read("xmpp://chat.example"), Ok(("chat.example".into(), 5222, Some(StartTls::Xmpp))));
        assert_eq!(read("ftp://files.example"), Ok(("files.example".into(), 21, Some(StartTls::Ftp))));
        for bad in
            ["gopher://example.org", "", "https://", "host:port", "[::1", "exa mple.org", "a/b", "missing.pem", "C:\\x"]
        {
            assert!(read(bad).is_err(), "{bad:?} should be refused");
        }
        assert!(parse_target("smtp://mail.example.org", 443).is_err(), "mail needs STARTTLS, said explicitly");
    }
}
