//! The sample chain's built-in responder: OCSP and CRLs for the bundled sample PKI, served
//! on 127.0.0.1 so that the whole exchange (good and revoked) can be seen without internet.
//! It is started only for the sample and stops when dropped.
//!
//! The sample certificates name `http://pki.certscope.example/...`; a check reaches this
//! responder through a route ([`SampleResponder::routes`]), and says so.

use std::io::Read as _;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

use time::OffsetDateTime;
use time::macros::datetime;
use x509_ocsp::OcspResponseStatus;

use super::responder::{Answer, ResponseSpec, SigningKey, parse_request, sign_crl, sign_response, status_response};
use crate::model::Certificate;

/// The bundled sample: a leaf, a revoked leaf, the issuing CA and the root (tests/fixtures/make.py --sample).
pub const SAMPLE_CHAIN: &str = include_str!("../../assets/sample-chain.pem");
/// Where the sample certificates say their OCSP responder, CRLs and CA certificates are.
pub const SAMPLE_BASE: &str = "http://pki.certscope.example";
/// When the sample's revoked leaf was revoked (keyCompromise).
pub const SAMPLE_REVOKED_AT: OffsetDateTime = datetime!(2026-02-14 09:30:00 UTC);
const ISSUING_CA_KEY: &[u8] = include_bytes!("../../assets/sample-issuing-ca.key");
const ROOT_CA_KEY: &[u8] = include_bytes!("../../assets/sample-root-ca.key");

/// The sample PKI, parsed once.
struct Pki {
    leaf: Certificate,
    revoked: Certificate,
    issuing: Certificate,
    root: Certificate,
    issuing_key: SigningKey,
    root_key: SigningKey,
}

impl Pki {
    fn load() -> Result<Self, String> {
        let input = crate::load::load_bytes("sample chain", SAMPLE_CHAIN.as_bytes(), &Default::default());
        let [leaf, revoked, issuing, root] = <[Certificate; 4]>::try_from(input.certificates)
            .map_err(|_| "the sample chain should hold four certificates".to_string())?;
        Ok(Self {
            leaf,
            revoked,
            issuing,
            root,
            issuing_key: SigningKey::from_pkcs8(ISSUING_CA_KEY)?,
            root_key: SigningKey::from_pkcs8(ROOT_CA_KEY)?,
        })
    }
}

/// A running responder. Dropping it stops it.
pub struct SampleResponder {
    address: SocketAddr,
    server: Arc<tiny_http::Server>,
    stop: Arc<AtomicBool>,
    served: Arc<AtomicUsize>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl SampleResponder {
    /// Starts on a free port of 127.0.0.1. `clock` fixes the time answers are signed at (tests);
    /// `None` signs at the real time.
    pub fn start(clock: Option<OffsetDateTime>) -> Result<Self, String> {
        let pki = Pki::load()?;
        let server =
            tiny_http::Server::http("127.0.0.1:0").map_err(|e| format!("could not listen on 127.0.0.1: {e}"))?;
        let address = server.server_addr().to_ip().ok_or("the responder has no IP address")?;
        let server = Arc::new(server);
        let (stop, served) = (Arc::new(AtomicBool::new(false)), Arc::new(AtomicUsize::new(0)));
        let thread = {
            let (server, stop, served) = (Arc::clone(&server), Arc::clone(&stop), Arc::clone(&served));
            std::thread::Builder::new()
                .name("sample responder".into())
                .spawn(move || {
                    while !stop.load(Ordering::Relaxed) {
                        match server.recv_timeout(Duration::from_millis(200)) {
                            Ok(Some(request)) => {
                                served.fetch_add(1, Ordering::Relaxed);
                                let now = clock.unwrap_or_else(OffsetDateTime::now_utc);
                                answer(request, &pki, now);
                            }
                            Ok(None) => {}
                            Err(_) => break,
                        }
                    }
                })
                .map_err(|e| format!("could not start the responder thread: {e}"))?
        };
        Ok(Self { address, server, stop, served, thread: Some(thread) })
    }

    /// Where it listens.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The route that sends the sample's URLs here.
    pub fn routes(&self) -> Vec<(String, String)> {
        vec![(SAMPLE_BASE.to_string(), format!("http://{}", self.address))]
    }

    /// Requests answered so far.
    pub fn served(&self) -> usize {
        self.served.load(Ordering::Relaxed)
    }
}

impl Drop for SampleResponder {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn answer(mut request: tiny_http::Request, pki: &Pki, now: OffsetDateTime) {
    let url = request.url().to_string();
    let (status, content_type, body) = match (request.method(), url.as_str()) {
        (tiny_http::Method::Post, "/ocsp" | "/ocsp/") => {
            let mut body = Vec::new();
            let read = request.as_reader().take(64 * 1024).read_to_end(&mut body);
            match read {
                Ok(_) => (200, "application/ocsp-response", ocsp(&body, pki, now)),
                Err(_) => (400, "text/plain", b"could not read the request".to_vec()),
            }
        }
        (tiny_http::Method::Get, path) if path.starts_with("/ocsp/") => {
            // RFC 5019: the base64 request, URL-escaped, after the responder's URL.
            let encoded = path["/ocsp/".len()..].replace("%2B", "+").replace("%2F", "/").replace("%3D", "=");
            match data_encoding::BASE64.decode(encoded.as_bytes()) {
                Ok(der) => (200, "application/ocsp-response", ocsp(&der, pki, now)),
                Err(_) => (200, "application/ocsp-response", status_response(OcspResponseStatus::MalformedRequest)),
            }
        }
        (tiny_http::Method::Get, "/intermediate.crl") => {
            let revoked = [(super::ocsp::raw_serial(&pki.revoked).unwrap_or_default(), SAMPLE_REVOKED_AT, Some(1))];
            crl(&pki.issuing, &pki.issuing_key, now, &revoked)
        }
        (tiny_http::Method::Get, "/root.crl") => crl(&pki.root, &pki.root_key, now, &[]),
        (tiny_http::Method::Get, "/intermediate.der") => (200, "application/pkix-cert", pki.issuing.der.clone()),
        (tiny_http::Method::Get, "/root.der") => (200, "application/pkix-cert", pki.root.der.clone()),
        _ => (404, "text/plain", b"not found".to_vec()),
    };
    let header = tiny_http::Header::from_bytes("Content-Type", content_type).ok();
    let mut response = tiny_http::Response::from_data(body).with_status_code(status);
    if let Some(header) = header {
        response = response.with_header(header);
    }
    let _ = request.respond(response);
}

/// A CRL valid for a week from an hour ago, like a CA's daily CRL.
fn crl(
    issuer: &Certificate,
    key: &SigningKey,
    now: OffsetDateTime,
    revoked: &[(Vec<u8>, OffsetDateTime, Option<u8>)],
) -> (u16, &'static str, Vec<u8>) {
    let hour = time::Duration::hours(1);
    let number = u32::try_from(now.unix_timestamp() / 3600).unwrap_or(1);
    match sign_crl(&issuer.der, key, now - hour, now + time::Duration::days(7), number, revoked) {
        Ok(der) => (200, "application/pkix-crl", der),
        Err(why) => (500, "text/plain", why.into_bytes()),
    }
}

/// The OCSP answer: signed by the issuing CA itself, for the serials it issued.
fn ocsp(request: &[u8], pki: &Pki, now: OffsetDateTime) -> Vec<u8> {
    let Ok((ids, nonce)) = parse_request(request) else {
        return status_response(OcspResponseStatus::MalformedRequest);
    };
    let Some(id) = ids.first() else {
        return status_response(OcspResponseStatus::MalformedRequest);
    };
    // Only the issuing CA's certificates are answered for (RFC 6960 2.3: unauthorized otherwise).
    let ours = super::ocsp::issuer_hashes(&pki.issuing, id.hash_algorithm.oid)
        .is_some_and(|(name, key)| id.issuer_name_hash.as_bytes() == name && id.issuer_key_hash.as_bytes() == key);
    if !ours {
        return status_response(OcspResponseStatus::Unauthorized);
    }
    // The model's serial is the same lowercase hex, without the sign octet.
    let serial = crate::model::hex(id.serial_number.as_bytes());
    let answer = if serial == pki.leaf.serial {
        Answer::Good
    } else if serial == pki.revoked.serial {
        Answer::Revoked(SAMPLE_REVOKED_AT, Some(1))
    } else {
        Answer::Unknown
    };
    let spec = ResponseSpec {
        answer,
        next_update: Some(now + time::Duration::hours(4)),
        ..ResponseSpec::new(pki.issuing.der.clone(), id.clone(), now, nonce)
    };
    sign_response(&spec, &pki.issuing_key).unwrap_or_else(|_| status_response(OcspResponseStatus::InternalError))
}
