//! CMS signatures (RFC 5652 5.4): whether each signer's signature verifies over the content, a
//! detached `.p7s` with its content beside it or one that carries its content. Each signer gets a
//! checklist: the content's digest against the signed messageDigest attribute, the signature
//! over the signed attributes (or the content itself when there are none) with the signer's
//! key, and when it says it signed. Facts only: whether the signer may sign is judged elsewhere.

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der08::{Decode as _, Encode as _};

use crate::model::Certificate;
use crate::verification::{Check, Outcome};

/// One signer's signature, checked.
#[derive(Clone, Debug)]
pub struct SignerCheck {
    /// The signer's certificate, when the message carries it.
    pub signer: Option<Certificate>,
    /// The digest algorithm (`SHA-256`).
    pub digest_algorithm: String,
    /// The signingTime attribute, when signed.
    pub signing_time: Option<time::OffsetDateTime>,
    /// Every check, in order.
    pub checks: Vec<Check>,
    /// The content is neither in the message nor given: a detached signature alone.
    pub content_missing: bool,
    /// The signer's timestamp, checked, when it has one.
    pub timestamp: Option<TimestampCheck>,
}

impl SignerCheck {
    /// Every check passed.
    pub fn verified(&self) -> bool {
        !self.checks.is_empty() && self.checks.iter().all(|c| matches!(c.outcome, Outcome::Pass))
    }
}

const MESSAGE_DIGEST: &str = "1.2.840.113549.1.9.4";
const SIGNING_TIME: &str = "1.2.840.113549.1.9.5";

/// A digest algorithm by OID, with its name.
pub(crate) fn digest_of(oid: &str) -> Option<(&'static aws_lc_rs::digest::Algorithm, &'static str)> {
    Some(match oid {
        "1.3.14.3.2.26" => (&aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY, "SHA-1"),
        "2.16.840.1.101.3.4.2.1" => (&aws_lc_rs::digest::SHA256, "SHA-256"),
        "2.16.840.1.101.3.4.2.2" => (&aws_lc_rs::digest::SHA384, "SHA-384"),
        "2.16.840.1.101.3.4.2.3" => (&aws_lc_rs::digest::SHA512, "SHA-512"),
        _ => return None,
    })
}

/// The signature algorithm as X.509 names it: CMS may say "rsaEncryption" beside the digest.
fn signature_algorithm(signature: &str, digest: &str) -> String {
    match (signature, digest) {
        ("1.2.840.113549.1.1.1", "1.3.14.3.2.26") => "1.2.840.113549.1.1.5".into(),
        ("1.2.840.113549.1.1.1", "2.16.840.1.101.3.4.2.1") => "1.2.840.113549.1.1.11".into(),
        ("1.2.840.113549.1.1.1", "2.16.840.1.101.3.4.2.2") => "1.2.840.113549.1.1.12".into(),
        ("1.2.840.113549.1.1.1", "2.16.840.1.101.3.4.2.3") => "1.2.840.113549.1.1.13".into(),
        // ecPublicKey named as the signature algorithm: ECDSA with the digest.
        ("1.2.840.10045.2.1", "2.16.840.1.101.3.4.2.1") => "1.2.840.10045.4.3.2".into(),
        ("1.2.840.10045.2.1", "2.16.840.1.101.3.4.2.2") => "1.2.840.10045.4.3.3".into(),
        ("1.2.840.10045.2.1", "2.16.840.1.101.3.4.2.3") => "1.2.840.10045.4.3.4".into(),
        (other, _) => other.into(),
    }
}

fn check(name: &'static str, outcome: Result<(), String>) -> Check {
    Check { name, outcome: outcome.map_or_else(Outcome::Fail, |()| Outcome::Pass) }
}

/// The recipients of a CMS EnvelopedData (encrypted mail), in words: "issuer 'CN=…', serial
/// 1a2b" or "subject key ID AB:CD…". Nothing is decrypted.
pub fn recipients(bytes: &[u8]) -> Result<Vec<String>, String> {
    use cms::enveloped_data::{EnvelopedData, KeyAgreeRecipientIdentifier, RecipientIdentifier, RecipientInfo};
    let info = ContentInfo::from_ber(bytes).map_err(|err| format!("not a CMS message: {err}"))?;
    let enveloped = info
        .content
        .decode_as_encoding::<EnvelopedData>(der08::EncodingRules::Ber)
        .map_err(|err| format!("not CMS EnvelopedData: {err}"))?;
    let issuer_and_serial = |issuer: Vec<u8>, serial: &[u8]| {
        use x509_parser::prelude::FromDer as _;
        let name = x509_parser::x509::X509Name::from_der(&issuer)
            .map(|(_, n)| n.to_string())
            .unwrap_or_else(|_| "(an unreadable name)".into());
        format!("issuer '{name}', serial {}", crate::model::hex(serial))
    };
    let mut out = Vec::new();
    for recipient in enveloped.recip_infos.0.iter() {
        match recipient {
            RecipientInfo::Ktri(k) => out.push(match &k.rid {
                RecipientIdentifier::IssuerAndSerialNumber(id) => {
                    issuer_and_serial(id.issuer.to_der().unwrap_or_default(), id.serial_number.as_bytes())
                }
                RecipientIdentifier::SubjectKeyIdentifier(ski) => {
                    format!("subject key ID {}", crate::model::hex_colons(ski.0.as_bytes()))
                }
            }),
            RecipientInfo::Kari(k) => {
                for key in k.recipient_enc_keys.iter() {
                    out.push(match &key.rid {
                        KeyAgreeRecipientIdentifier::IssuerAndSerialNumber(id) => {
                            issuer_and_serial(id.issuer.to_der().unwrap_or_default(), id.serial_number.as_bytes())
                        }
                        KeyAgreeRecipientIdentifier::RKeyId(id) => {
                            format!(
                                "subject key ID {}",
                                crate::model::hex_colons(id.subject_key_identifier.0.as_bytes())
                            )
                        }
                    });
                }
            }
            _ => out.push("a recipient by password or by a shared key".into()),
        }
    }
    Ok(out)
}

/// The content a CMS SignedData carries (None when detached or unreadable).
pub fn content(bytes: &[u8]) -> Option<Vec<u8>> {
    carried(&signed_data(bytes).ok()?)
}

/// The SignedData of a CMS message, BER rules (Windows and `openssl cms -stream` write them).
pub(crate) fn signed_data(bytes: &[u8]) -> Result<SignedData, String> {
    let info = ContentInfo::from_ber(bytes).map_err(|err| format!("not a CMS message: {err}"))?;
    info.content
        .decode_as_encoding::<SignedData>(der08::EncodingRules::Ber)
        .map_err(|err| format!("not CMS SignedData: {err}"))
}

/// The content the message carries: its eContent OCTET STRING's bytes; for content that is
/// not an OCTET STRING (Authenticode's SpcIndirectDataContent), the value's bytes without its
/// tag and length, which is what PKCS#7 v1.5 digests.
pub(crate) fn carried(signed: &SignedData) -> Option<Vec<u8>> {
    let any = signed.encap_content_info.econtent.as_ref()?;
    let der = any.to_der().ok()?;
    Some(der08::asn1::OctetString::from_der(&der).map_or_else(|_| any.value().to_vec(), |o| o.as_bytes().to_vec()))
}

/// Checks every signer of a CMS SignedData (DER or BER); `detached` is the content when the
/// message does not carry it. A signer's RFC 3161 timestamp (its signatureTimeStampToken) is
/// checked too.
pub fn verify(bytes: &[u8], detached: Option<&[u8]>) -> Result<Vec<SignerCheck>, String> {
    let signed = signed_data(bytes)?;
    let carried = carried(&signed);
    let content = match (&carried, detached) {
        (Some(content), _) => Some(content.as_slice()),
        (None, Some(content)) => Some(content),
        (None, None) => None,
    };
    let certificates = certificates_in(&signed);
    let mut out = Vec::new();
    for info in signed.signer_infos.0.iter() {
        let mut check = check_signer(info, &certificates, content);
        check.timestamp = timestamp_of(info, &certificates);
        out.push(check);
    }
    if out.is_empty() {
        return Err("the message has no signer".into());
    }
    Ok(out)
}

/// The certificates a SignedData carries, those that parse.
pub(crate) fn certificates_in(signed: &SignedData) -> Vec<Certificate> {
    signed
        .certificates
        .iter()
        .flat_map(|set| set.0.iter())
        .filter_map(|choice| match choice {
            cms::cert::CertificateChoices::Certificate(c) => c.to_der().ok(),
            _ => None,
        })
        .filter_map(|der| Certificate::from_der(&der).ok())
        .collect()
}

/// The DER of each value of an unsigned attribute of a signer (`oid` dotted).
pub(crate) fn unsigned_values(info: &SignerInfo, oid: &str) -> Vec<Vec<u8>> {
    info.unsigned_attrs
        .iter()
        .flat_map(|set| set.iter())
        .filter(|a| a.oid.to_string() == oid)
        .flat_map(|a| a.values.iter())
        .filter_map(|v| v.to_der().ok())
        .collect()
}

/// One signer checked: its certificate found among `certificates`, the content's digest against
/// the signed messageDigest, the signature with its key. No timestamp.
pub(crate) fn check_signer(info: &SignerInfo, certificates: &[Certificate], content: Option<&[u8]>) -> SignerCheck {
    let signer = match &info.sid {
        SignerIdentifier::IssuerAndSerialNumber(id) => {
            let issuer = id.issuer.to_der().unwrap_or_default();
            let serial = crate::model::hex(id.serial_number.as_bytes());
            let same = |a: &str, b: &str| a.trim_start_matches('0') == b.trim_start_matches('0');
            certificates.iter().find(|c| c.issuer.der == issuer && same(&c.serial, &serial))
        }
        SignerIdentifier::SubjectKeyIdentifier(ski) => {
            let wanted = crate::model::hex_colons(ski.0.as_bytes());
            certificates.iter().find(|c| c.subject_key_id() == Some(wanted.as_str()))
        }
    }
    .cloned();
    let digest_oid = info.digest_alg.oid.to_string();
    let digest = digest_of(&digest_oid);
    let mut checks = Vec::new();
    let mut signing_time = None;
    let attributes = info.signed_attrs.as_ref();
    // What the signature covers: the signed attributes as a SET, or the content itself.
    let covered: Option<Vec<u8>> = match attributes {
        Some(attributes) => {
            let value = |oid: &str| {
                attributes.iter().find(|a| a.oid.to_string() == oid).and_then(|a| a.values.iter().next().cloned())
            };
            let claimed = value(MESSAGE_DIGEST).map(|v| v.value().to_vec());
            let outcome = match (content, digest, claimed) {
                (None, ..) => Err("the content is not in the message and was not given beside it".into()),
                (_, None, _) => Err(format!("the digest algorithm {digest_oid} is not supported")),
                (_, _, None) => Err("no messageDigest attribute is signed".into()),
                (Some(content), Some((algorithm, _)), Some(claimed)) => {
                    if aws_lc_rs::digest::digest(algorithm, content).as_ref() == claimed.as_slice() {
                        Ok(())
                    } else {
                        Err("the content's digest is not the one signed: the content was changed after signing".into())
                    }
                }
            };
            checks.push(check("The content's digest matches the signed messageDigest", outcome));
            signing_time = value(SIGNING_TIME).and_then(|v| {
                let der = v.to_der().ok()?;
                let (_, time) =
                    <x509_parser::time::ASN1Time as x509_parser::prelude::FromDer<'_, _>>::from_der(&der).ok()?;
                Some(time.to_datetime())
            });
            attributes.to_der().ok()
        }
        None => content.map(<[u8]>::to_vec),
    };
    let outcome = match (&signer, covered) {
        (None, _) => Err("the signer's certificate is not in the message".to_string()),
        (_, None) => Err("there is nothing the signature can be checked over".to_string()),
        (Some(signer), Some(covered)) => {
            let algorithm = signature_algorithm(&info.signature_algorithm.oid.to_string(), &digest_oid);
            verify_with_key(signer, &algorithm, info.signature.as_bytes(), &covered)
        }
    };
    checks.push(check("The signature verifies with the signer's key", outcome));
    SignerCheck {
        signer,
        digest_algorithm: digest.map_or(digest_oid, |(_, name)| name.to_string()),
        signing_time,
        checks,
        content_missing: content.is_none(),
        timestamp: None,
    }
}

/// RFC 3161's TimeStampToken in a CMS signer (id-aa-signatureTimeStampToken, RFC 3161 App. A).
const SIGNATURE_TIMESTAMP_TOKEN: &str = "1.2.840.113549.1.9.16.2.14";
/// Microsoft's RFC 3161 countersignature in Authenticode (szOID_RFC3161_counterSign).
const MS_RFC3161_COUNTERSIGN: &str = "1.3.6.1.4.1.311.3.3.1";
/// PKCS#9's countersignature: Authenticode's legacy timestamp (RFC 2985 5.3.6).
const COUNTERSIGNATURE: &str = "1.2.840.113549.1.9.6";
/// id-ct-TSTInfo (RFC 3161 2.4.2).
const TST_INFO: &str = "1.2.840.113549.1.9.16.1.4";

/// A timestamp on a signature, checked: the authority's signature, and that it covers this
/// signature's value.
#[derive(Clone, Debug)]
pub struct TimestampCheck {
    /// `RFC 3161` or `Authenticode` (the legacy PKCS#9 countersignature).
    pub kind: &'static str,
    /// When the authority says the signature existed (genTime, or the countersignature's signingTime).
    pub time: Option<time::OffsetDateTime>,
    /// The time-stamping authority's certificate, when carried.
    pub authority: Option<Certificate>,
    /// The certificates the timestamp carries (the authority's chain).
    pub certificates: Vec<Certificate>,
    /// Every check, in order.
    pub checks: Vec<Check>,
}

impl TimestampCheck {
    /// Every check passed and a time was read.
    pub fn verified(&self) -> bool {
        self.time.is_some() && !self.checks.is_empty() && self.checks.iter().all(|c| matches!(c.outcome, Outcome::Pass))
    }
}

/// The timestamp of a signer, RFC 3161 (CMS's or Authenticode's attribute) or the legacy
/// countersignature, checked over the signer's signature value; the outer message's
/// certificates serve the legacy kind, which carries none of its own.
pub(crate) fn timestamp_of(info: &SignerInfo, certificates: &[Certificate]) -> Option<TimestampCheck> {
    let signature = info.signature.as_bytes();
    let token = unsigned_values(info, SIGNATURE_TIMESTAMP_TOKEN)
        .into_iter()
        .chain(unsigned_values(info, MS_RFC3161_COUNTERSIGN))
        .next();
    if let Some(token) = token {
        return Some(rfc3161(&token, signature));
    }
    let counter = unsigned_values(info, COUNTERSIGNATURE).into_iter().next()?;
    Some(match SignerInfo::from_der(&counter) {
        Ok(counter) => {
            let check = check_signer(&counter, certificates, Some(signature));
            let mut checks = check.checks;
            if let Some(first) = checks.first_mut() {
                first.name = "The timestamp covers this signature";
            }
            checks.iter_mut().skip(1).for_each(|c| c.name = "The timestamp's signature verifies with the TSA's key");
            TimestampCheck {
                kind: "Authenticode",
                time: check.signing_time,
                authority: check.signer,
                certificates: Vec::new(),
                checks,
            }
        }
        Err(err) => unreadable_timestamp("Authenticode", format!("the countersignature cannot be read: {err}")),
    })
}

fn unreadable_timestamp(kind: &'static str, why: String) -> TimestampCheck {
    TimestampCheck {
        kind,
        time: None,
        authority: None,
        certificates: Vec::new(),
        checks: vec![Check { name: "The timestamp can be read", outcome: Outcome::Fail(why) }],
    }
}

/// An RFC 3161 TimeStampToken over `signature`: the TSA's signature over the TSTInfo, then the
/// TSTInfo's messageImprint against the signature's digest, and its genTime.
fn rfc3161(token: &[u8], signature: &[u8]) -> TimestampCheck {
    let signed = match signed_data(token) {
        Ok(signed) => signed,
        Err(why) => return unreadable_timestamp("RFC 3161", why),
    };
    if signed.encap_content_info.econtent_type.to_string() != TST_INFO {
        return unreadable_timestamp("RFC 3161", "the token does not hold a TSTInfo".into());
    }
    let certificates = certificates_in(&signed);
    let tst = carried(&signed);
    let Some(info) = signed.signer_infos.0.iter().next() else {
        return unreadable_timestamp("RFC 3161", "the token has no signer".into());
    };
    let authority = check_signer(info, &certificates, tst.as_deref());
    let mut checks: Vec<Check> = authority.checks;
    if let Some(first) = checks.first_mut() {
        first.name = "The TSTInfo's digest matches the TSA's signed messageDigest";
    }
    if let Some(last) = checks.last_mut() {
        last.name = "The timestamp's signature verifies with the TSA's key";
    }
    let parsed = tst.as_deref().ok_or_else(|| "the token carries no TSTInfo".to_string()).and_then(tst_info);
    let time = match parsed {
        Ok((algorithm, imprint, time)) => {
            let outcome = match digest_of(&algorithm) {
                None => Err(format!("the imprint's digest algorithm {algorithm} is not supported")),
                Some((digest, _)) if aws_lc_rs::digest::digest(digest, signature).as_ref() == imprint.as_slice() => {
                    Ok(())
                }
                Some(_) => {
                    Err("the timestamp's messageImprint is not this signature's digest: it stamps another signature"
                        .into())
                }
            };
            checks.push(check("The timestamp covers this signature", outcome));
            time
        }
        Err(why) => {
            checks.push(Check { name: "The timestamp can be read", outcome: Outcome::Fail(why) });
            None
        }
    };
    TimestampCheck { kind: "RFC 3161", time, authority: authority.signer, certificates, checks }
}

/// TSTInfo (RFC 3161 2.4.2): the messageImprint's algorithm and digest, and genTime (which
/// may carry fractions of a second, so it is read as text).
fn tst_info(der: &[u8]) -> Result<(String, Vec<u8>, Option<time::OffsetDateTime>), String> {
    use der08::Reader as _;
    use der08::asn1::{AnyRef, ObjectIdentifier, OctetString};
    let bad = |e: der08::Error| format!("the TSTInfo cannot be read: {e}");
    let mut reader = der08::SliceReader::new(der).map_err(bad)?;
    reader
        .sequence(|r| {
            let _version = AnyRef::decode(r)?;
            let _policy: ObjectIdentifier = ObjectIdentifier::decode(r)?;
            let (algorithm, imprint) = r.sequence(|m| {
                let algorithm = m.sequence(|a| {
                    let oid: ObjectIdentifier = ObjectIdentifier::decode(a)?;
                    let _parameters = Option::<AnyRef<'_>>::decode(a)?;
                    Ok::<_, der08::Error>(oid)
                })?;
                let digest = OctetString::decode(m)?;
                Ok::<_, der08::Error>((algorithm.to_string(), digest.as_bytes().to_vec()))
            })?;
            let _serial = AnyRef::decode(r)?;
            let time = AnyRef::decode(r)?;
            // accuracy, ordering, nonce, tsa, extensions: not needed.
            while !r.is_finished() {
                AnyRef::decode(r)?;
            }
            Ok::<_, der08::Error>((algorithm, imprint, generalized_time(time.value())))
        })
        .map_err(bad)
}

/// `YYYYMMDDHHMMSS[.fff]Z` as a time (RFC 3161 2.4.2's genTime).
fn generalized_time(text: &[u8]) -> Option<time::OffsetDateTime> {
    let text = std::str::from_utf8(text).ok()?;
    let text = text.strip_suffix('Z')?;
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if whole.len() != 14 || !whole.bytes().all(|b| b.is_ascii_digit()) || !fraction.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let n = |r: std::ops::Range<usize>| whole[r].parse::<u32>().ok();
    let date = time::Date::from_calendar_date(
        i32::try_from(n(0..4)?).ok()?,
        time::Month::try_from(u8::try_from(n(4..6)?).ok()?).ok()?,
        u8::try_from(n(6..8)?).ok()?,
    )
    .ok()?;
    let at = time::Time::from_hms(
        u8::try_from(n(8..10)?).ok()?,
        u8::try_from(n(10..12)?).ok()?,
        u8::try_from(n(12..14)?).ok()?,
    )
    .ok()?;
    Some(time::PrimitiveDateTime::new(date, at).assume_utc())
}

/// Verifies `signature` over `data` with the certificate's key, by a signature algorithm OID.
fn verify_with_key(signer: &Certificate, algorithm: &str, signature: &[u8], data: &[u8]) -> Result<(), String> {
    use x509_parser::prelude::FromDer as _;
    let oid = der08::asn1::ObjectIdentifier::new(algorithm)
        .map_err(|e| format!("the signature algorithm {algorithm}: {e}"))?
        .to_der()
        .map_err(|e| e.to_string())?;
    // PKCS#1 v1.5 algorithms carry NULL parameters; ECDSA and EdDSA none (RFC 4055, 5758, 8410).
    let mut body = oid;
    if algorithm.starts_with("1.2.840.113549.1.1.") {
        body.extend_from_slice(&[0x05, 0x00]);
    }
    let mut identifier = vec![0x30, u8::try_from(body.len()).map_err(|_| "an oversized algorithm identifier")?];
    identifier.extend_from_slice(&body);
    let (_, identifier) = x509_parser::x509::AlgorithmIdentifier::from_der(&identifier).map_err(|e| e.to_string())?;
    let signature = x509_parser::asn1_rs::BitString::new(0, signature);
    crate::verification::verify_signature(signer, &identifier, &signature, data)
}
