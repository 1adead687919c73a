//! OCSP (RFC 6960): ask the responder named in a certificate (or one given by hand) whether
//! it is revoked, then believe the answer only after every check of a browser passes:
//! the signature, the responder's authority, the certID, the dates and the nonce.
//!
//! The ASN.1 is RustCrypto's `x509-ocsp` (der 0.7); signatures are checked over the raw
//! bytes received with x509-parser's `verify` (aws-lc-rs), never over a re-encoding.

use std::borrow::Borrow;
use std::time::Duration;

use der::asn1::{Null, ObjectIdentifier, OctetString};
use der::{Decode, Encode};
use time::OffsetDateTime;
use x509_cert::ext::Extension as DerExtension;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::AlgorithmIdentifierOwned;
use x509_ocsp::{
    BasicOcspResponse, CertId, CertStatus, OcspResponse, OcspResponseStatus, ResponderId, ResponseData, SingleResponse,
};
use x509_parser::prelude::FromDer;

use crate::chain::{CertRef, Chain};
use crate::load::Input;
use crate::model::time::rfc3339;
use crate::model::{Certificate, Extension, hex, reason_name};
use crate::net::{FetchError, Limits};
use crate::verification::{Check, Outcome, first_failure};

const ID_PKIX_OCSP_NONCE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.2");
const ID_PKIX_OCSP_BASIC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.1");
const ID_PKIX_OCSP_NOCHECK: &str = "1.3.6.1.5.5.7.48.1.5";
const SHA1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.14.3.2.26");
const SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");
/// RFC 8954: a nonce of 1 to 32 octets; 16 like OpenSSL and the browsers that send one.
const NONCE_LEN: usize = 16;

/// The hash of the issuer's name and key in a request's CertID.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CertIdHash {
    /// SHA-1: what every responder answers (RFC 5019 requires it).
    #[default]
    Sha1,
    /// SHA-256: newer responders answer it too.
    Sha256,
}

/// How to ask.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OcspOptions {
    /// The CertID hash.
    pub cert_id_hash: CertIdHash,
    /// Send a nonce (RFC 8954) and check its echo.
    pub nonce: bool,
    /// GET with the request in the URL (RFC 5019) instead of POST.
    pub get: bool,
    /// Ask this responder instead of the ones the certificate names.
    pub url: Option<String>,
    /// Timeout and size cap.
    pub limits: Limits,
    /// Clock-skew tolerance for thisUpdate and nextUpdate.
    pub skew: time::Duration,
    /// URL prefixes answered elsewhere: (`http://ocsp.sample.certscope.example`,
    /// `http://127.0.0.1:PORT`) sends the sample's requests to the built-in responder.
    pub routes: Vec<(String, String)>,
}

impl Default for OcspOptions {
    fn default() -> Self {
        Self {
            cert_id_hash: CertIdHash::Sha1,
            nonce: true,
            get: false,
            url: None,
            limits: Limits::OCSP,
            skew: super::CLOCK_SKEW,
            routes: Vec::new(),
        }
    }
}

/// A request ready to send, and what the answer must match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OcspRequest {
    /// The DER sent.
    pub der: Vec<u8>,
    /// What is asked about.
    pub cert_id: CertId,
    /// The nonce sent, if any.
    pub nonce: Option<Vec<u8>>,
}

/// A CertID for people: the hash algorithm, the two hashes and the serial, in hex.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertIdText {
    /// `SHA-1` or `SHA-256`.
    pub hash_algorithm: String,
    /// Hash of the issuer's name.
    pub issuer_name_hash: String,
    /// Hash of the issuer's public key.
    pub issuer_key_hash: String,
    /// The serial, lowercase hex.
    pub serial: String,
}

impl CertIdText {
    fn of(id: &CertId) -> Self {
        let oid = id.hash_algorithm.oid.to_string();
        Self {
            hash_algorithm: crate::model::hash_algorithm_name(&oid).map_or(oid, str::to_string),
            issuer_name_hash: hex(id.issuer_name_hash.as_bytes()),
            issuer_key_hash: hex(id.issuer_key_hash.as_bytes()),
            serial: hex(id.serial_number.as_bytes()),
        }
    }
}

/// One SingleResponse as sent, for people: what it is about and what it says (not yet believed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SingleText {
    /// The certificate it is about.
    pub cert_id: CertIdText,
    /// `good`, `revoked` or `unknown`, as the responder says.
    pub status: &'static str,
    /// Its thisUpdate.
    pub this_update: OffsetDateTime,
    /// Its nextUpdate.
    pub next_update: Option<OffsetDateTime>,
}

impl SingleText {
    fn of(single: &SingleResponse) -> Self {
        Self {
            cert_id: CertIdText::of(&single.cert_id),
            status: match single.cert_status {
                CertStatus::Good(_) => "good",
                CertStatus::Revoked(_) => "revoked",
                CertStatus::Unknown(_) => "unknown",
            },
            this_update: gtime(&single.this_update),
            next_update: single.next_update.as_ref().map(gtime),
        }
    }
}

/// What a responder says about one certificate, once checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OcspStatus {
    /// Not revoked, and every check passed.
    Good,
    /// Revoked at this time, for this reason; every check passed.
    Revoked {
        /// When the CA revoked it.
        revocation_time: OffsetDateTime,
        /// RFC 5280 5.3.1 reason, if given.
        reason: Option<String>,
    },
    /// The responder does not know the certificate; every check passed.
    Unknown,
    /// An answer came but could not be believed: the named check failed. Never read as good.
    Unverified(String),
    /// No usable answer: the request, the HTTP exchange or the response failed.
    Error(String),
}

impl OcspStatus {
    /// `good`, `revoked`, `unknown`, `unverified` or `error`: the JSON `status`.
    pub fn word(&self) -> &'static str {
        match self {
            Self::Good => "good",
            Self::Revoked { .. } => "revoked",
            Self::Unknown => "unknown",
            Self::Unverified(_) => "unverified",
            Self::Error(_) => "error",
        }
    }

    /// The failure in words, for unverified and error.
    pub fn error(&self) -> Option<&str> {
        match self {
            Self::Unverified(why) | Self::Error(why) => Some(why),
            _ => None,
        }
    }
}

/// Who signed the response.
#[derive(Clone, Debug, PartialEq)]
pub struct Responder {
    /// Its name, from the responderID or from its certificate.
    pub name: Option<String>,
    /// SHA-1 of its public key (the responderID by key), hex.
    pub key_sha1: Option<String>,
    /// Its certificate, when it is the issuer or was included in the response.
    pub certificate: Option<Certificate>,
    /// The issuing CA signed the response itself (no delegated responder).
    pub is_issuer: bool,
}

/// One OCSP exchange and its verdict, with everything a learner may want to see.
#[derive(Clone, Debug, PartialEq)]
pub struct OcspCheck {
    /// The responder asked.
    pub url: String,
    /// `POST` or `GET`.
    pub method: &'static str,
    /// The verdict.
    pub status: OcspStatus,
    /// The responseStatus in words (`successful`, `tryLater`, ...), once a response parsed.
    pub response_status: Option<&'static str>,
    /// When the responder signed the response.
    pub produced_at: Option<OffsetDateTime>,
    /// The answer's thisUpdate.
    pub this_update: Option<OffsetDateTime>,
    /// The answer's nextUpdate.
    pub next_update: Option<OffsetDateTime>,
    /// Who signed it.
    pub responder: Option<Responder>,
    /// Every check made before the answer was believed.
    pub checks: Vec<Check>,
    /// The nonce sent.
    pub nonce_sent: Option<Vec<u8>>,
    /// The nonce the response carried.
    pub nonce_received: Option<Vec<u8>>,
    /// From the request to the last byte of the response.
    pub elapsed: Option<Duration>,
    /// What was asked about.
    pub cert_id: Option<CertIdText>,
    /// The response's signature algorithm.
    pub signature_algorithm: Option<String>,
    /// Certificates included in the response.
    pub certificates: Vec<Certificate>,
    /// Every SingleResponse of the response, ours or not, as sent.
    pub single_responses: Vec<SingleText>,
    /// The request sent (DER).
    pub request_der: Vec<u8>,
    /// The response received (DER), if any.
    pub response_der: Vec<u8>,
    /// The response's Content-Type.
    pub content_type: Option<String>,
}

impl OcspCheck {
    /// A check with nothing known yet: status Error("not checked") until something is.
    pub fn new(url: &str, method: &'static str) -> Self {
        Self {
            url: url.to_string(),
            method,
            status: OcspStatus::Error("not checked".into()),
            response_status: None,
            produced_at: None,
            this_update: None,
            next_update: None,
            responder: None,
            checks: Vec::new(),
            nonce_sent: None,
            nonce_received: None,
            elapsed: None,
            cert_id: None,
            signature_algorithm: None,
            certificates: Vec::new(),
            single_responses: Vec::new(),
            request_der: Vec::new(),
            response_der: Vec::new(),
            content_type: None,
        }
    }
}

/// Builds the request for `certificate`, issued by `issuer`.
pub fn build_request(
    certificate: &Certificate,
    issuer: &Certificate,
    hash: CertIdHash,
    nonce: bool,
) -> Result<OcspRequest, String> {
    let serial = raw_serial(certificate)?;
    let hash_oid = match hash {
        CertIdHash::Sha1 => SHA1,
        CertIdHash::Sha256 => SHA256,
    };
    let (name_hash, key_hash) = issuer_hashes(issuer, hash_oid).ok_or("unsupported CertID hash")?;
    let cert_id = CertId {
        hash_algorithm: AlgorithmIdentifierOwned { oid: hash_oid, parameters: Some(Null.into()) },
        issuer_name_hash: OctetString::new(name_hash).map_err(|e| e.to_string())?,
        issuer_key_hash: OctetString::new(key_hash).map_err(|e| e.to_string())?,
        serial_number: SerialNumber::new(&serial).map_err(|e| {
            format!("the serial number cannot go in an OCSP request ({e}): RFC 5280 allows at most 20 octets")
        })?,
    };
    let nonce = nonce.then(|| {
        let mut bytes = vec![0u8; NONCE_LEN];
        aws_lc_rs::rand::SecureRandom::fill(&aws_lc_rs::rand::SystemRandom::new(), &mut bytes)
            .map(|()| bytes)
            .map_err(|_| "the system random generator failed".to_string())
    });
    let nonce = nonce.transpose()?;
    let extensions = nonce.as_deref().map(nonce_extension).transpose().map_err(der_text)?.map(|e| vec![e]);
    let request = x509_ocsp::OcspRequest {
        tbs_request: x509_ocsp::TbsRequest {
            version: x509_ocsp::Version::V1,
            requestor_name: None,
            request_list: vec![x509_ocsp::Request { req_cert: cert_id.clone(), single_request_extensions: None }],
            request_extensions: extensions,
        },
        optional_signature: None,
    };
    Ok(OcspRequest { der: request.to_der().map_err(der_text)?, cert_id, nonce })
}

/// The nonce extension (RFC 8954): an OCTET STRING inside the extension's value.
pub(crate) fn nonce_extension(nonce: &[u8]) -> Result<DerExtension, der::Error> {
    let value = OctetString::new(nonce)?.to_der()?;
    Ok(DerExtension { extn_id: ID_PKIX_OCSP_NONCE, critical: false, extn_value: OctetString::new(value)? })
}

fn der_text(err: der::Error) -> String {
    err.to_string()
}

/// The serial's INTEGER content, as in the certificate.
pub(crate) fn raw_serial(certificate: &Certificate) -> Result<Vec<u8>, String> {
    let (_, parsed) = x509_parser::certificate::X509Certificate::from_der(&certificate.der)
        .map_err(|e| format!("the certificate does not parse: {e}"))?;
    Ok(parsed.raw_serial().to_vec())
}

/// The issuer's name and key hashed with `algorithm`, for a CertID (RFC 6960 4.1.1).
pub(crate) fn issuer_hashes(issuer: &Certificate, algorithm: ObjectIdentifier) -> Option<(Vec<u8>, Vec<u8>)> {
    use aws_lc_rs::digest;
    let hash = match algorithm {
        SHA1 => &digest::SHA1_FOR_LEGACY_USE_ONLY,
        SHA256 => &digest::SHA256,
        SHA384 => &digest::SHA384,
        SHA512 => &digest::SHA512,
        _ => return None,
    };
    let name = digest::digest(hash, &issuer.subject.der).as_ref().to_vec();
    let key = digest::digest(hash, &issuer.public_key.key_bytes).as_ref().to_vec();
    Some((name, key))
}

/// The RFC 5019 GET URL: the base64 request, URL-escaped, after the responder's URL.
pub fn get_url(base: &str, request_der: &[u8]) -> String {
    let encoded = data_encoding::BASE64.encode(request_der).replace('+', "%2B").replace('/', "%2F").replace('=', "%3D");
    let separator = if base.ends_with('/') { "" } else { "/" };
    format!("{base}{separator}{encoded}")
}

/// Sends the request for `certificate` to `url` and checks the answer.
pub fn check(
    certificate: &Certificate,
    issuer: &Certificate,
    url: &str,
    options: &OcspOptions,
    now: OffsetDateTime,
) -> OcspCheck {
    let method = if options.get { "GET" } else { "POST" };
    let mut result = OcspCheck::new(url, method);
    let request = match build_request(certificate, issuer, options.cert_id_hash, options.nonce) {
        Ok(request) => request,
        Err(why) => {
            result.status = OcspStatus::Error(format!("could not build the request: {why}"));
            return result;
        }
    };
    result.request_der = request.der.clone();
    result.cert_id = Some(CertIdText::of(&request.cert_id));
    result.nonce_sent = request.nonce.clone();
    let target = crate::net::route(url, &options.routes);
    let fetched = if options.get {
        crate::net::fetch(&get_url(&target, &request.der), options.limits)
    } else {
        crate::net::post(&target, "application/ocsp-request", &request.der, options.limits)
    };
    let fetched = match fetched {
        Ok(fetched) => fetched,
        Err(err) => {
            result.status = OcspStatus::Error(http_error(&err));
            return result;
        }
    };
    result.elapsed = Some(fetched.elapsed);
    result.content_type = fetched.content_type.clone();
    if let Some(kind) = fetched.content_type.as_deref().filter(|t| t.trim_start().starts_with("text/")) {
        result.status = OcspStatus::Error(format!("response is not OCSP ({kind})"));
        result.response_der = fetched.body;
        return result;
    }
    let mut verified = verify_response(&fetched.body, &request, issuer, now, options.skew);
    if let (OcspStatus::Error(why), Some(kind)) = (&mut verified.status, &fetched.content_type)
        && !kind.eq_ignore_ascii_case("application/ocsp-response")
    {
        *why = format!("{why} (Content-Type {kind})");
    }
    verified.url = result.url;
    verified.method = method;
    verified.elapsed = result.elapsed;
    verified.content_type = result.content_type;
    verified
}

/// An HTTP failure in the words of issue 4: "responder timed out after 10 s".
fn http_error(err: &FetchError) -> String {
    match err {
        FetchError::Timeout { secs, .. } => format!("responder timed out after {secs} s"),
        FetchError::Status { status, .. } => format!("responder answered HTTP {status}"),
        FetchError::TooLarge { limit, .. } => {
            format!("response larger than {}", crate::model::byte_size(*limit))
        }
        FetchError::BadUrl { url } => format!("{url} is not an http:// or https:// URL"),
        FetchError::Connect { reason, .. } => format!("could not reach the responder: {reason}"),
        FetchError::Cut { .. } => "the responder closed the connection before its whole answer arrived".into(),
        FetchError::Cancelled { .. } => "cancelled before the responder answered".into(),
        FetchError::NoServer { .. } | FetchError::Directory { .. } => err.to_string(),
    }
}

/// responseStatus in words (RFC 6960 4.2.1).
fn response_status_words(status: OcspResponseStatus) -> (&'static str, &'static str) {
    match status {
        OcspResponseStatus::Successful => ("successful", "the response is valid"),
        OcspResponseStatus::MalformedRequest => ("malformedRequest", "the responder could not understand the request"),
        OcspResponseStatus::InternalError => ("internalError", "the responder reported an internal error"),
        OcspResponseStatus::TryLater => ("tryLater", "the responder is busy or not ready: try again later"),
        OcspResponseStatus::SigRequired => ("sigRequired", "the responder only answers signed requests"),
        OcspResponseStatus::Unauthorized => {
            ("unauthorized", "the responder is not authorized to answer for this certificate")
        }
    }
}

/// The parts of a BasicOCSPResponse as received: the signed bytes, the algorithm, the
/// signature and each included certificate, split in strict DER.
struct RawBasic<'a> {
    tbs: &'a [u8],
    algorithm: &'a [u8],
    signature: &'a [u8],
    certificates: Vec<&'a [u8]>,
}

fn split_basic(der: &[u8]) -> Result<RawBasic<'_>, String> {
    use crate::load::{content, element};
    let (tag, outer, trailing) = element(der)?;
    if tag != 0x30 || !trailing.is_empty() {
        return Err("the BasicOCSPResponse is not a single SEQUENCE".into());
    }
    let (tbs_tag, tbs, rest) = element(content(outer))?;
    let (algorithm_tag, algorithm, rest) = element(rest)?;
    let (bits_tag, signature, rest) = element(rest)?;
    // Strict DER around the signed bytes: nothing outside the signature may be re-encoded
    // (another tag, unused bits) and still be believed.
    if (tbs_tag, algorithm_tag, bits_tag) != (0x30, 0x30, 0x03) {
        return Err("expected SEQUENCE, SEQUENCE, BIT STRING".into());
    }
    if content(signature).first() != Some(&0) {
        return Err("the signature BIT STRING has unused bits".into());
    }
    let mut certificates = Vec::new();
    if !rest.is_empty() {
        let (tag, explicit, after) = element(rest)?;
        if tag != 0xa0 || !after.is_empty() {
            return Err("unexpected data after the signature".into());
        }
        let (_, sequence, _) = element(content(explicit))?;
        let mut list = content(sequence);
        while !list.is_empty() {
            let (_, certificate, after) = element(list)?;
            certificates.push(certificate);
            list = after;
        }
    }
    Ok(RawBasic { tbs, algorithm, signature, certificates })
}

/// Checks a response to `request` (pure: no network). This is where a response is believed
/// or not; the HTTP fields of the result are left for the caller.
pub fn verify_response(
    der: &[u8],
    request: &OcspRequest,
    issuer: &Certificate,
    now: OffsetDateTime,
    skew: time::Duration,
) -> OcspCheck {
    let mut result = OcspCheck::new("", "POST");
    result.request_der = request.der.clone();
    result.response_der = der.to_vec();
    result.cert_id = Some(CertIdText::of(&request.cert_id));
    result.nonce_sent = request.nonce.clone();
    if let Err(why) = verify_into(&mut result, der, request, issuer, now, skew) {
        result.status = OcspStatus::Error(why);
    }
    result
}

fn verify_into(
    result: &mut OcspCheck,
    der: &[u8],
    request: &OcspRequest,
    issuer: &Certificate,
    now: OffsetDateTime,
    skew: time::Duration,
) -> Result<(), String> {
    let not_ocsp = |err: String| format!("response is not OCSP: {}", crate::load::der_error(der, &err));
    crate::load::expect_sequence(der).map_err(not_ocsp)?;
    let response = OcspResponse::from_der(der).map_err(|e| not_ocsp(e.to_string()))?;
    let (word, meaning) = response_status_words(response.response_status);
    result.response_status = Some(word);
    if response.response_status != OcspResponseStatus::Successful {
        return Err(format!("responder answered {word}: {meaning}"));
    }
    let bytes = response.response_bytes.ok_or("responder answered successful but sent no response")?;
    if bytes.response_type != ID_PKIX_OCSP_BASIC {
        return Err(format!("the response type {} is not id-pkix-ocsp-basic", bytes.response_type));
    }
    let basic = bytes.response.as_bytes();
    let raw = split_basic(basic).map_err(|e| format!("the basic response is malformed: {e}"))?;
    // The whole structure in strict DER (x509-ocsp), not only the signed part: the algorithm
    // and signature sit outside the signature, and x509-parser alone would take an
    // AlgorithmIdentifier whose OID is re-tagged.
    let data = BasicOcspResponse::from_der(basic)
        .map_err(|e| format!("the basic response is malformed: {e}"))?
        .tbs_response_data;
    let (_, algorithm) = x509_parser::x509::AlgorithmIdentifier::from_der(raw.algorithm)
        .map_err(|e| format!("the signature algorithm is malformed: {e}"))?;
    result.signature_algorithm = Some(crate::model::signature_algorithm(&algorithm));
    result.produced_at = Some(gtime(&data.produced_at));
    result.certificates = raw.certificates.iter().filter_map(|c| Certificate::from_der(c).ok()).collect();
    result.single_responses = data.responses.iter().map(SingleText::of).collect();
    result.nonce_received = response_nonce(&data);

    // Who signed: the issuer, or a certificate included in the response.
    let candidates: Vec<&Certificate> = std::iter::once(issuer).chain(result.certificates.iter()).collect();
    let signer = candidates.iter().copied().find(|c| responder_matches(&data.responder_id, c));
    result.responder = Some(responder(&data.responder_id, signer, issuer));
    let mut checks = Vec::new();
    let signature = match signer {
        None => Err(format!(
            "the response is signed by {}, which is neither the issuing CA '{}' nor a certificate included in the response",
            describe_responder(&data.responder_id),
            issuer.display_name()
        )),
        Some(signer) => x509_parser::asn1_rs::BitString::from_der(raw.signature)
            .map_err(|e| e.to_string())
            .and_then(|(_, bits)| crate::verification::verify_signature(signer, &algorithm, &bits, raw.tbs)),
    };
    checks.push(Check {
        name: "Response signature by the responder's key",
        outcome: signature.map_or_else(Outcome::Fail, |()| Outcome::Pass),
    });
    let produced_at = gtime(&data.produced_at);
    checks.push(Check {
        name: "Responder authorized by the CA",
        outcome: match signer {
            None => Outcome::Fail("the responder's certificate is unknown".into()),
            Some(signer) => authorization(signer, issuer, produced_at),
        },
    });
    checks.push(Check {
        name: "Responder certificate revocation (id-pkix-ocsp-nocheck)",
        outcome: Outcome::NotApplicable(match signer {
            Some(signer) if is_issuer(signer, issuer) => "the CA signed the response itself".into(),
            Some(signer) if signer.extensions.iter().any(|e| e.oid == ID_PKIX_OCSP_NOCHECK) => {
                "the responder certificate carries id-pkix-ocsp-nocheck: the CA vouches for it without revocation checks"
                    .into()
            }
            _ => "the responder certificate has no id-pkix-ocsp-nocheck; certscope does not check its revocation".into(),
        }),
    });

    // The answer about our certificate.
    let single = data.responses.iter().find(|single| same_cert_id(&single.cert_id, &request.cert_id, issuer));
    checks.push(match single {
        Some(_) => Check { name: "Response is for the certificate asked about (certID)", outcome: Outcome::Pass },
        None => Check {
            name: "Response is for the certificate asked about (certID)",
            outcome: Outcome::Fail(cert_id_mismatch(&data.responses, &request.cert_id)),
        },
    });
    let shown = single.or(data.responses.first());
    if let Some(shown) = shown {
        let this_update = gtime(&shown.this_update);
        result.this_update = Some(this_update);
        result.next_update = shown.next_update.as_ref().map(gtime);
        checks.push(Check::require("thisUpdate is not in the future", this_update <= now + skew, || {
            format!(
                "thisUpdate {} is after now ({}): the responder's clock or ours is wrong",
                rfc3339(this_update),
                rfc3339(now)
            )
        }));
        checks.push(match result.next_update {
            // RFC 6960 4.2.2.1: no nextUpdate means newer information is always available.
            None => Check {
                name: "nextUpdate is not in the past",
                outcome: Outcome::NotApplicable("no nextUpdate: the responder always has newer information".into()),
            },
            Some(next) => Check::require("nextUpdate is not in the past", next + skew >= now, || {
                format!("stale: nextUpdate {} has passed (now {})", rfc3339(next), rfc3339(now))
            }),
        });
    }
    checks.push(nonce_check(request.nonce.as_deref(), result.nonce_received.as_deref()));
    result.status = match (first_failure(&checks), single) {
        (Some(failed), _) => OcspStatus::Unverified(format!("{}: {}", failed.name, failed.detail().unwrap_or(""))),
        (None, None) => OcspStatus::Unverified("the response has no answer for the certificate".into()),
        (None, Some(single)) => match single.cert_status {
            CertStatus::Good(_) => OcspStatus::Good,
            CertStatus::Unknown(_) => OcspStatus::Unknown,
            CertStatus::Revoked(info) => OcspStatus::Revoked {
                revocation_time: gtime(&info.revocation_time),
                reason: info.revocation_reason.map(|r| reason_name(r as u8)),
            },
        },
    };
    result.checks = checks;
    Ok(())
}

fn gtime(at: &x509_ocsp::OcspGeneralizedTime) -> OffsetDateTime {
    let seconds = at.0.to_unix_duration().as_secs();
    OffsetDateTime::from_unix_timestamp(i64::try_from(seconds).unwrap_or(i64::MAX))
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// The response's nonce: the OCTET STRING inside the extension (RFC 8954), or the raw
/// value from responders that leave the inner wrapper out.
fn response_nonce(data: &ResponseData) -> Option<Vec<u8>> {
    let extension = data.response_extensions.as_ref()?.iter().find(|e| e.extn_id == ID_PKIX_OCSP_NONCE)?;
    let value = extension.extn_value.as_bytes();
    Some(OctetString::from_der(value).map(|inner| inner.as_bytes().to_vec()).unwrap_or_else(|_| value.to_vec()))
}

fn nonce_check(sent: Option<&[u8]>, received: Option<&[u8]>) -> Check {
    const NAME: &str = "Nonce matches the request";
    let outcome = match (sent, received) {
        (None, _) => Outcome::NotApplicable("no nonce was sent".into()),
        (Some(_), None) => Outcome::NotApplicable(
            "the responder did not echo the nonce (common for pre-signed responses); freshness rests on the dates"
                .into(),
        ),
        (Some(sent), Some(received)) if sent == received => Outcome::Pass,
        (Some(sent), Some(received)) => Outcome::Fail(format!(
            "sent {}, the response carries {}: a replayed or misdirected answer",
            hex(sent),
            hex(received)
        )),
    };
    Check { name: NAME, outcome }
}

fn is_issuer(signer: &Certificate, issuer: &Certificate) -> bool {
    signer.der == issuer.der
        || (signer.subject.der == issuer.subject.der && signer.public_key.key_bytes == issuer.public_key.key_bytes)
}

fn responder_matches(id: &ResponderId, candidate: &Certificate) -> bool {
    match id {
        ResponderId::ByName(name) => name.to_der().is_ok_and(|der| der == candidate.subject.der),
        ResponderId::ByKey(hash) => hash.as_bytes() == crate::model::sha1(&candidate.public_key.key_bytes),
    }
}

fn responder_name(id: &ResponderId) -> Option<String> {
    let ResponderId::ByName(name) = id else { return None };
    let der = name.to_der().ok()?;
    let (_, parsed) = x509_parser::x509::X509Name::from_der(&der).ok()?;
    Some(crate::model::DistinguishedName::from_x509(&parsed).text)
}

fn describe_responder(id: &ResponderId) -> String {
    match id {
        ResponderId::ByName(_) => format!("'{}'", responder_name(id).unwrap_or_default()),
        ResponderId::ByKey(hash) => format!("the key with SHA-1 {}", hex(hash.as_bytes())),
    }
}

fn responder(id: &ResponderId, signer: Option<&Certificate>, issuer: &Certificate) -> Responder {
    let key_sha1 = match (signer, id) {
        (Some(signer), _) => Some(hex(&crate::model::sha1(&signer.public_key.key_bytes))),
        (None, ResponderId::ByKey(hash)) => Some(hex(hash.as_bytes())),
        (None, ResponderId::ByName(_)) => None,
    };
    Responder {
        name: signer.map(|s| s.subject.text.clone()).or_else(|| responder_name(id)),
        key_sha1,
        certificate: signer.cloned(),
        is_issuer: signer.is_some_and(|s| is_issuer(s, issuer)),
    }
}

/// RFC 6960 4.2.2.2: the CA itself, or a certificate the CA issued for OCSP signing,
/// valid when the response was produced.
fn authorization(signer: &Certificate, issuer: &Certificate, produced_at: OffsetDateTime) -> Outcome {
    if is_issuer(signer, issuer) {
        return Outcome::Pass;
    }
    let name = signer.display_name();
    if signer.issuer.der != issuer.subject.der || signer.is_signed_by(issuer).is_err() {
        return Outcome::Fail(format!(
            "signed by a certificate the CA did not authorize: '{name}' was issued by '{}', not by the CA '{}'",
            signer.issuer.text,
            issuer.display_name()
        ));
    }
    let ocsp_signing = signer.extensions.iter().any(|e| match &e.value {
        Extension::ExtendedKeyUsage(usages) => usages.iter().any(|u| u == "OCSP signing"),
        _ => false,
    });
    if !ocsp_signing {
        return Outcome::Fail(format!(
            "delegated responder '{name}' lacks the OCSP signing extended key usage (id-kp-OCSPSigning)"
        ));
    }
    if produced_at < signer.not_before || produced_at > signer.not_after {
        return Outcome::Fail(format!(
            "delegated responder '{name}' was not valid when the response was produced ({}): valid {} to {}",
            rfc3339(produced_at),
            rfc3339(signer.not_before),
            rfc3339(signer.not_after)
        ));
    }
    Outcome::Pass
}

/// The same certificate: same serial, and the issuer hashes recomputed with the response's
/// hash algorithm (a responder may answer a SHA-256 CertID with SHA-1 ones).
fn same_cert_id(answered: &CertId, asked: &CertId, issuer: &Certificate) -> bool {
    if answered.serial_number.as_bytes() != asked.serial_number.as_bytes() {
        return false;
    }
    match issuer_hashes(issuer, answered.hash_algorithm.oid) {
        Some((name, key)) => answered.issuer_name_hash.as_bytes() == name && answered.issuer_key_hash.as_bytes() == key,
        None => false,
    }
}

fn cert_id_mismatch(responses: &[SingleResponse], asked: &CertId) -> String {
    let asked_serial = hex(asked.serial_number.as_bytes());
    match responses {
        [] => "the response has no SingleResponse".into(),
        [one] if one.cert_id.serial_number.as_bytes() != asked.serial_number.as_bytes() => {
            format!("the response is for serial {}, not {asked_serial}", hex(one.cert_id.serial_number.as_bytes()))
        }
        [_] => format!("the response is for serial {asked_serial} of another issuer (issuer hashes differ)"),
        many => format!("none of the {} answers is for serial {asked_serial} of this issuer", many.len()),
    }
}

/// A loaded certificate checked by OCSP.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadedOcspCheck {
    /// The certificate checked.
    pub certificate: CertRef,
    /// The exchange and its verdict.
    pub check: OcspCheck,
}

/// Asks about every loaded certificate whose issuer is known (a verified chain link): each
/// responder it names, or `options.url`; all at the same time, each within the limits.
pub fn check_loaded<I: Borrow<Input>>(
    inputs: &[I],
    chains: &[Chain],
    now: OffsetDateTime,
    options: &OcspOptions,
) -> Vec<LoadedOcspCheck> {
    let pairs: Vec<_> = super::crl::issued_pairs(inputs, chains).into_iter().map(|(r, _, s, i)| (r, s, i)).collect();
    check_pairs(&pairs, now, options)
}

/// The same for given (certificate, its issuer) pairs.
pub fn check_pairs(
    pairs: &[(CertRef, &Certificate, &Certificate)],
    now: OffsetDateTime,
    options: &OcspOptions,
) -> Vec<LoadedOcspCheck> {
    let mut jobs = Vec::new();
    for &(reference, subject, issuer) in pairs {
        let urls = match &options.url {
            Some(url) => vec![url.clone()],
            None => subject.ocsp_urls(),
        };
        jobs.extend(urls.into_iter().map(|url| (reference, subject, issuer, url)));
    }
    crate::parallel::map_io(&jobs, |(reference, subject, issuer, url)| LoadedOcspCheck {
        certificate: *reference,
        check: check(subject, issuer, url, options, now),
    })
}
