//! The signing side: OCSP responses and CRLs signed with a CA's (or delegated responder's)
//! key. The built-in responder of the sample chain answers with it, and the tests use it to
//! make every kind of faulty answer a real responder could send.
//!
//! Structures are RustCrypto's (`x509-ocsp`, `x509-cert`, der 0.7); signatures are aws-lc-rs'.

use der::asn1::{BitString, GeneralizedTime, Null, ObjectIdentifier, OctetString, UtcTime};
use der::{Decode, Encode};
use time::OffsetDateTime;
use x509_cert::crl::{CertificateList, RevokedCert, TbsCertList};
use x509_cert::ext::Extension as DerExtension;
use x509_cert::ext::pkix::CrlReason;
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::spki::AlgorithmIdentifierOwned;
use x509_cert::time::Time;
use x509_ocsp::{
    BasicOcspResponse, CertId, CertStatus, OcspGeneralizedTime, OcspResponse, OcspResponseStatus, ResponderId,
    ResponseBytes, ResponseData, RevokedInfo, SingleResponse,
};

const ID_PKIX_OCSP_BASIC: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1.1");
const ID_CE_CRL_NUMBER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.20");
const ID_CE_CRL_REASONS: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.21");

/// A private key that signs: ECDSA P-256/P-384, RSA (PKCS#1 v1.5, SHA-256) or Ed25519, from PKCS#8.
pub struct SigningKey {
    key: Key,
    algorithm: AlgorithmIdentifierOwned,
}

enum Key {
    Ecdsa(aws_lc_rs::signature::EcdsaKeyPair),
    Rsa(aws_lc_rs::signature::RsaKeyPair),
    Ed25519(aws_lc_rs::signature::Ed25519KeyPair),
}

impl SigningKey {
    /// Reads a PKCS#8 private key (PEM `PRIVATE KEY` or DER).
    pub fn from_pkcs8(bytes: &[u8]) -> Result<Self, String> {
        use aws_lc_rs::signature::{
            ECDSA_P256_SHA256_ASN1_SIGNING, ECDSA_P384_SHA384_ASN1_SIGNING, EcdsaKeyPair, Ed25519KeyPair, RsaKeyPair,
        };
        let pem = crate::load::pem_blocks(bytes).into_iter().find(|block| block.label == "PRIVATE KEY");
        let der = match pem {
            Some(block) => block.der?,
            None => bytes.to_vec(),
        };
        let oid = |text| ObjectIdentifier::new_unwrap(text);
        let (key, algorithm) = if let Ok(key) = EcdsaKeyPair::from_pkcs8(&ECDSA_P256_SHA256_ASN1_SIGNING, &der) {
            (Key::Ecdsa(key), AlgorithmIdentifierOwned { oid: oid("1.2.840.10045.4.3.2"), parameters: None })
        } else if let Ok(key) = EcdsaKeyPair::from_pkcs8(&ECDSA_P384_SHA384_ASN1_SIGNING, &der) {
            (Key::Ecdsa(key), AlgorithmIdentifierOwned { oid: oid("1.2.840.10045.4.3.3"), parameters: None })
        } else if let Ok(key) = RsaKeyPair::from_pkcs8(&der) {
            let algorithm =
                AlgorithmIdentifierOwned { oid: oid("1.2.840.113549.1.1.11"), parameters: Some(Null.into()) };
            (Key::Rsa(key), algorithm)
        } else if let Ok(key) = Ed25519KeyPair::from_pkcs8_maybe_unchecked(&der) {
            (Key::Ed25519(key), AlgorithmIdentifierOwned { oid: oid("1.3.101.112"), parameters: None })
        } else {
            return Err("not a PKCS#8 ECDSA P-256/P-384, RSA or Ed25519 private key".into());
        };
        Ok(Self { key, algorithm })
    }

    /// Signs `data`: the signature bytes.
    pub fn sign(&self, data: &[u8]) -> Result<Vec<u8>, String> {
        let rng = aws_lc_rs::rand::SystemRandom::new();
        match &self.key {
            Key::Ecdsa(key) => key.sign(&rng, data).map(|s| s.as_ref().to_vec()).map_err(|_| "signing failed".into()),
            Key::Rsa(key) => {
                let mut signature = vec![0; key.public_modulus_len()];
                key.sign(&aws_lc_rs::signature::RSA_PKCS1_SHA256, &rng, data, &mut signature)
                    .map_err(|_| "signing failed".to_string())?;
                Ok(signature)
            }
            Key::Ed25519(key) => Ok(key.sign(data).as_ref().to_vec()),
        }
    }
}

/// What a response says about one certificate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Not revoked.
    Good,
    /// Revoked at this time, with an RFC 5280 reason code.
    Revoked(OffsetDateTime, Option<u8>),
    /// Not known to this responder.
    Unknown,
}

/// Everything in a signed OCSP response: tests change any of it to make a faulty one.
pub struct ResponseSpec {
    /// Who signs: its certificate (DER), named in responderID and included unless it is the CA.
    pub signer_der: Vec<u8>,
    /// Put the signer's certificate in the response.
    pub include_signer: bool,
    /// responderID by name (else by key hash, as most CAs do).
    pub by_name: bool,
    /// The CertID answered (normally the one asked).
    pub cert_id: CertId,
    /// The answer.
    pub answer: Answer,
    /// producedAt.
    pub produced_at: OffsetDateTime,
    /// thisUpdate.
    pub this_update: OffsetDateTime,
    /// nextUpdate.
    pub next_update: Option<OffsetDateTime>,
    /// The nonce to echo.
    pub nonce: Option<Vec<u8>>,
}

impl ResponseSpec {
    /// A good answer to `cert_id` signed by `signer_der`'s key now, valid for an hour, echoing
    /// `nonce`, responderID by key hash: change any field to make another answer.
    pub fn new(signer_der: Vec<u8>, cert_id: CertId, now: OffsetDateTime, nonce: Option<Vec<u8>>) -> Self {
        Self {
            signer_der,
            include_signer: false,
            by_name: false,
            cert_id,
            answer: Answer::Good,
            produced_at: now,
            this_update: now,
            next_update: Some(now + time::Duration::hours(1)),
            nonce,
        }
    }
}

/// The CertIDs asked about and the nonce, from a request.
pub fn parse_request(der: &[u8]) -> Result<(Vec<CertId>, Option<Vec<u8>>), String> {
    let request = x509_ocsp::OcspRequest::from_der(der).map_err(|e| format!("not an OCSP request: {e}"))?;
    let ids = request.tbs_request.request_list.iter().map(|r| r.req_cert.clone()).collect();
    Ok((ids, request.nonce().map(|n| n.0.as_bytes().to_vec())))
}

/// A signed, successful OCSP response.
pub fn sign_response(spec: &ResponseSpec, key: &SigningKey) -> Result<Vec<u8>, String> {
    let text = |e: der::Error| e.to_string();
    let signer = x509_cert::Certificate::from_der(&spec.signer_der).map_err(text)?;
    let responder_id = if spec.by_name {
        ResponderId::ByName(signer.tbs_certificate.subject.clone())
    } else {
        let bits = signer.tbs_certificate.subject_public_key_info.subject_public_key.raw_bytes();
        ResponderId::ByKey(OctetString::new(crate::model::sha1(bits)).map_err(text)?)
    };
    let cert_status = match spec.answer {
        Answer::Good => CertStatus::good(),
        Answer::Unknown => CertStatus::unknown(),
        Answer::Revoked(at, reason) => CertStatus::revoked(RevokedInfo {
            revocation_time: generalized(at)?,
            revocation_reason: reason.and_then(crl_reason),
        }),
    };
    let single = SingleResponse {
        cert_id: spec.cert_id.clone(),
        cert_status,
        this_update: generalized(spec.this_update)?,
        next_update: spec.next_update.map(generalized).transpose()?,
        single_extensions: None,
    };
    let extensions =
        spec.nonce.as_deref().map(super::ocsp::nonce_extension).transpose().map_err(text)?.map(|e| vec![e]);
    let data = ResponseData {
        version: x509_ocsp::Version::V1,
        responder_id,
        produced_at: generalized(spec.produced_at)?,
        responses: vec![single],
        response_extensions: extensions,
    };
    let signature = key.sign(&data.to_der().map_err(text)?)?;
    let basic = BasicOcspResponse {
        tbs_response_data: data,
        signature_algorithm: key.algorithm.clone(),
        signature: BitString::from_bytes(&signature).map_err(text)?,
        certs: spec.include_signer.then(|| vec![signer]),
    };
    let response = OcspResponse {
        response_status: OcspResponseStatus::Successful,
        response_bytes: Some(ResponseBytes {
            response_type: ID_PKIX_OCSP_BASIC,
            response: OctetString::new(basic.to_der().map_err(text)?).map_err(text)?,
        }),
    };
    response.to_der().map_err(text)
}

/// An unsuccessful response: only a status (tryLater, unauthorized, ...).
pub fn status_response(status: OcspResponseStatus) -> Vec<u8> {
    OcspResponse { response_status: status, response_bytes: None }.to_der().unwrap_or_default()
}

/// A signed CRL (v2, with a CRL number) listing `revoked`: (serial INTEGER bytes, time, reason code).
pub fn sign_crl(
    issuer_der: &[u8],
    key: &SigningKey,
    this_update: OffsetDateTime,
    next_update: OffsetDateTime,
    number: u32,
    revoked: &[(Vec<u8>, OffsetDateTime, Option<u8>)],
) -> Result<Vec<u8>, String> {
    let text = |e: der::Error| e.to_string();
    let issuer = x509_cert::Certificate::from_der(issuer_der).map_err(text)?;
    let mut entries = Vec::new();
    for (serial, at, reason) in revoked {
        let extensions = match reason.and_then(crl_reason) {
            Some(reason) => Some(vec![DerExtension {
                extn_id: ID_CE_CRL_REASONS,
                critical: false,
                extn_value: OctetString::new(reason.to_der().map_err(text)?).map_err(text)?,
            }]),
            None => None,
        };
        entries.push(RevokedCert {
            serial_number: SerialNumber::new(serial).map_err(text)?,
            revocation_date: x509_time(*at)?,
            crl_entry_extensions: extensions,
        });
    }
    let tbs = TbsCertList {
        version: x509_cert::Version::V2,
        signature: key.algorithm.clone(),
        issuer: issuer.tbs_certificate.subject.clone(),
        this_update: x509_time(this_update)?,
        next_update: Some(x509_time(next_update)?),
        revoked_certificates: (!entries.is_empty()).then_some(entries),
        crl_extensions: Some(vec![DerExtension {
            extn_id: ID_CE_CRL_NUMBER,
            critical: false,
            extn_value: OctetString::new(
                der::asn1::Uint::new(&number.to_be_bytes()).and_then(|n| n.to_der()).map_err(text)?,
            )
            .map_err(text)?,
        }]),
    };
    let signature = key.sign(&tbs.to_der().map_err(text)?)?;
    let list = CertificateList {
        tbs_cert_list: tbs,
        signature_algorithm: key.algorithm.clone(),
        signature: BitString::from_bytes(&signature).map_err(text)?,
    };
    list.to_der().map_err(text)
}

/// The issuer's name as a der 0.7 Name (for tests that build responderIDs by hand).
pub fn name_from_der(der: &[u8]) -> Result<Name, String> {
    Name::from_der(der).map_err(|e| e.to_string())
}

fn unix(at: OffsetDateTime) -> Result<std::time::Duration, String> {
    u64::try_from(at.unix_timestamp()).map(std::time::Duration::from_secs).map_err(|_| format!("{at} is before 1970"))
}

fn generalized(at: OffsetDateTime) -> Result<OcspGeneralizedTime, String> {
    GeneralizedTime::from_unix_duration(unix(at)?).map(OcspGeneralizedTime).map_err(|e| e.to_string())
}

/// RFC 5280 4.1.2.5: UTCTime through 2049, GeneralizedTime after.
fn x509_time(at: OffsetDateTime) -> Result<Time, String> {
    let duration = unix(at)?;
    if at.year() < 2050 {
        UtcTime::from_unix_duration(duration).map(Time::UtcTime).map_err(|e| e.to_string())
    } else {
        GeneralizedTime::from_unix_duration(duration).map(Time::GeneralTime).map_err(|e| e.to_string())
    }
}

fn crl_reason(code: u8) -> Option<CrlReason> {
    Some(match code {
        0 => CrlReason::Unspecified,
        1 => CrlReason::KeyCompromise,
        2 => CrlReason::CaCompromise,
        3 => CrlReason::AffiliationChanged,
        4 => CrlReason::Superseded,
        5 => CrlReason::CessationOfOperation,
        6 => CrlReason::CertificateHold,
        8 => CrlReason::RemoveFromCRL,
        9 => CrlReason::PrivilegeWithdrawn,
        10 => CrlReason::AaCompromise,
        _ => return None,
    })
}
