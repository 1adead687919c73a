//! HTTP GET and POST with the limits browsers use: a total timeout, a size cap, few redirects, the
//! status checked, and the proxy from the usual environment variables (ureq reads them).

use std::time::{Duration, Instant};

use thiserror::Error;

/// How long and how much.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Connect and whole-request timeout.
    pub timeout: Duration,
    /// Largest body accepted.
    pub max_bytes: u64,
}

impl Limits {
    /// For CRLs: 10 s (issue 4's default) and the 20 MiB input cap.
    pub const CRL: Self = Self { timeout: Duration::from_secs(10), max_bytes: 20 * 1024 * 1024 };
    /// For OCSP: 10 s and 1 MiB (issue 4's defaults).
    pub const OCSP: Self = Self { timeout: Duration::from_secs(10), max_bytes: 1024 * 1024 };
}

/// A response that arrived whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    /// The body.
    pub body: Vec<u8>,
    /// The Content-Type, if sent.
    pub content_type: Option<String>,
    /// How long it took, from the request to the last byte.
    pub elapsed: Duration,
}

/// Why a fetch failed, with what a person needs to act on it.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[allow(missing_docs)] // each variant is documented by its message; fields are the evidence
pub enum FetchError {
    /// The URL is not one we can fetch.
    #[error("{url} is not an http://, https:// or ldap:// URL")]
    BadUrl { url: String },
    /// A host-less LDAP URL: the directory of the machine's own Windows domain.
    #[error(
        "{url} names no server: a host-less ldap:/// URL means the directory of the Windows domain this machine belongs to (Active Directory), which certscope cannot reach from here"
    )]
    NoServer { url: String },
    /// The directory answered, but not with the value asked for.
    #[error("the directory at {url} {reason}")]
    Directory { url: String, reason: String },
    /// No answer in time.
    #[error("{url} timed out after {} s", secs)]
    Timeout { url: String, secs: u64 },
    /// Answered with an error status.
    #[error("{url} answered HTTP {status}")]
    Status { url: String, status: u16 },
    /// The body is over the cap.
    #[error("the response from {url} is larger than {}", crate::model::byte_size(*limit))]
    TooLarge { url: String, limit: u64 },
    /// The server closed or reset the connection before its answer was whole.
    #[error("{url} closed the connection before the whole answer arrived")]
    Cut { url: String },
    /// Name lookup, connection, TLS or protocol failure.
    #[error("could not fetch {url}: {reason}")]
    Connect { url: String, reason: String },
    /// The job asking was cancelled (its connection closed).
    #[error("cancelled: {url} was not fetched")]
    Cancelled { url: String },
}

/// GETs `url` within `limits`; an `ldap://` URL is searched for its attribute instead.
pub fn fetch(url: &str, limits: Limits) -> Result<Fetched, FetchError> {
    if is_ldap(url) {
        return super::ldap::fetch(url, limits);
    }
    request(url, None, limits)
}

/// An `ldap://` or `ldaps://` URL (the scheme is case-insensitive, RFC 3986 3.1).
pub fn is_ldap(url: &str) -> bool {
    url.get(..5).is_some_and(|s| s.eq_ignore_ascii_case("ldap:"))
        || url.get(..6).is_some_and(|s| s.eq_ignore_ascii_case("ldaps:"))
}

/// POSTs `body` with `content_type` to `url` within `limits` (an OCSP request, say).
pub fn post(url: &str, content_type: &str, body: &[u8], limits: Limits) -> Result<Fetched, FetchError> {
    request(url, Some((content_type, body)), limits)
}

fn request(url: &str, post: Option<(&str, &[u8])>, limits: Limits) -> Result<Fetched, FetchError> {
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        return Err(FetchError::BadUrl { url: url.into() });
    }
    if super::Cancel::current_is_cancelled() {
        return Err(FetchError::Cancelled { url: url.into() });
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .timeout_connect(Some(limits.timeout))
        .max_redirects(3)
        .http_status_as_error(false)
        .proxy(ureq::Proxy::try_from_env())
        .user_agent(concat!("certscope/", env!("CARGO_PKG_VERSION")))
        .tls_config(
            ureq::tls::TlsConfig::builder()
                .unversioned_rustls_crypto_provider(std::sync::Arc::new(rustls::crypto::aws_lc_rs::default_provider()))
                .build(),
        )
        .build()
        .into();
    // Cancel shuts the agent down: its connection is closed, a call blocked on it returns.
    let _watch = {
        let agent = agent.clone();
        super::cancel::Cancel::watch(move || agent.shutdown()).map_err(|_| FetchError::Cancelled { url: url.into() })?
    };
    let started = Instant::now();
    let error = |err: ureq::Error| match err {
        _ if super::Cancel::current_is_cancelled() => FetchError::Cancelled { url: url.into() },
        ureq::Error::Timeout(_) => FetchError::Timeout { url: url.into(), secs: limits.timeout.as_secs() },
        ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge { url: url.into(), limit: limits.max_bytes },
        ureq::Error::BadUri(_) => FetchError::BadUrl { url: url.into() },
        // ureq takes a reset (RST) mid-body as the peer leaving: both are an answer cut short.
        ureq::Error::Io(ref io)
            if matches!(
                io.kind(),
                std::io::ErrorKind::UnexpectedEof
                    | std::io::ErrorKind::ConnectionReset
                    | std::io::ErrorKind::ConnectionAborted
            ) =>
        {
            FetchError::Cut { url: url.into() }
        }
        other => FetchError::Connect { url: url.into(), reason: other.to_string() },
    };
    let mut response = match post {
        None => agent.get(url).call(),
        Some((content_type, body)) => agent.post(url).header("Content-Type", content_type).send(body),
    }
    .map_err(error)?;
    let status = response.status().as_u16();
    if status != 200 {
        return Err(FetchError::Status { url: url.into(), status });
    }
    let content_type = response.headers().get("content-type").and_then(|value| value.to_str().ok()).map(str::to_string);
    let body = response.body_mut().with_config().limit(limits.max_bytes).read_to_vec().map_err(error)?;
    Ok(Fetched { body, content_type, elapsed: started.elapsed() })
}

/// `url` with the first matching prefix replaced: (`http://pki.certscope.example`,
/// `http://127.0.0.1:PORT`) sends the sample's requests to its built-in responder.
pub fn route(url: &str, routes: &[(String, String)]) -> String {
    for (from, to) in routes {
        if let Some(rest) = url.strip_prefix(from.as_str()) {
            return format!("{to}{rest}");
        }
    }
    url.to_string()
}
