//! A verification result as a checklist: every check considered, each passed, failed with
//! why, or not applicable. Never a bare bool: the window shows the list, the report prints it.

/// One line of a checklist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Check {
    /// What was checked: "CRL signature by the issuer's key".
    pub name: &'static str,
    /// How it came out.
    pub outcome: Outcome,
}

/// How a check came out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// It holds.
    Pass,
    /// It does not, and why, in words.
    Fail(String),
    /// It does not apply here, and why.
    NotApplicable(String),
    /// It holds well enough for clients, but deserves fixing (a chain sent out of order).
    Warn(String),
}

impl Check {
    /// A check from a condition and the words for when it fails.
    pub fn require(name: &'static str, holds: bool, why: impl FnOnce() -> String) -> Self {
        Self { name, outcome: if holds { Outcome::Pass } else { Outcome::Fail(why()) } }
    }

    /// `pass`, `fail`, `not_applicable` or `warn`: the JSON `result`.
    pub fn result(&self) -> &'static str {
        match self.outcome {
            Outcome::Pass => "pass",
            Outcome::Fail(_) => "fail",
            Outcome::NotApplicable(_) => "not_applicable",
            Outcome::Warn(_) => "warn",
        }
    }

    /// The why, for a failure or a not-applicable.
    pub fn detail(&self) -> Option<&str> {
        match &self.outcome {
            Outcome::Pass => None,
            Outcome::Fail(why) | Outcome::NotApplicable(why) | Outcome::Warn(why) => Some(why),
        }
    }
}

/// The first failed check of a list, if any.
pub fn first_failure(checks: &[Check]) -> Option<&Check> {
    checks.iter().find(|c| matches!(c.outcome, Outcome::Fail(_)))
}

/// A signature (an OCSP response's, a CMS signer's) over `tbs`, with the signer's key, by the
/// algorithm named beside it. The algorithm sits outside what was signed, so its parameters are
/// held to their RFCs before it is believed.
pub(crate) fn verify_signature(
    signer: &crate::model::Certificate,
    algorithm: &x509_parser::x509::AlgorithmIdentifier<'_>,
    signature: &x509_parser::asn1_rs::BitString<'_>,
    tbs: &[u8],
) -> Result<(), String> {
    use x509_parser::prelude::FromDer as _;
    use x509_parser::signature_algorithm::SignatureAlgorithm;
    // The algorithm sits outside the signed bytes: hold its parameters to RFC 4055/5758/8410
    // (NULL or absent for PKCS#1 v1.5, absent for ECDSA and EdDSA), so it cannot be re-encoded.
    let oid = algorithm.algorithm.to_id_string();
    let parameters = algorithm.parameters.as_ref();
    let is_null = parameters.is_some_and(|p| {
        p.header.class() == x509_parser::asn1_rs::Class::Universal
            && p.tag() == x509_parser::asn1_rs::Tag::Null
            && p.data.is_empty()
    });
    let allowed = match oid.as_str() {
        o if o.starts_with("1.2.840.113549.1.1.") && o != crate::model::RSASSA_PSS => parameters.is_none() || is_null,
        o if o.starts_with("1.2.840.10045.4.3.") || o == "1.3.101.112" => parameters.is_none(),
        _ => true,
    };
    if !allowed {
        return Err(format!(
            "the signature algorithm {} carries parameters it must not have",
            algorithm_name(algorithm)
        ));
    }
    if oid != crate::model::RSASSA_PSS {
    } else if let Ok(SignatureAlgorithm::RSASSA_PSS(params)) = SignatureAlgorithm::try_from(algorithm) {
        let hash_len = match params.hash_algorithm_oid().to_id_string().as_str() {
            "2.16.840.1.101.3.4.2.1" => 32,
            "2.16.840.1.101.3.4.2.2" => 48,
            "2.16.840.1.101.3.4.2.3" => 64,
            _ => 0,
        };
        if params.salt_length() != hash_len {
            return Err(format!(
                "unsupported parameters: RSASSA-PSS with a salt of {} bytes (only the hash length is supported)",
                params.salt_length()
            ));
        }
    }
    let (_, key) =
        x509_parser::x509::SubjectPublicKeyInfo::from_der(&signer.public_key.spki_der).map_err(|e| e.to_string())?;
    check_signature(&key, algorithm, signature, tbs).map_err(|err| match err {
        x509_parser::error::X509Error::SignatureUnsupportedAlgorithm => format!(
            "the signature algorithm {} with a {} key is not supported for verification",
            algorithm_name(algorithm),
            signer.public_key.summary()
        ),
        _ => format!("the signature does not verify with the key of '{}'", signer.display_name()),
    })
}

/// The one place a signature is checked (certificates, CRLs, requests, OCSP, CMS): x509-parser's
/// table over aws-lc-rs, and what that table leaves out but aws-lc-rs verifies, as rustls-webpki
/// does: ECDSA with SHA-512 or on P-521, and ML-DSA (FIPS 204, RFC 9881: the signature algorithm
/// and the key algorithm are the same OID, without parameters).
pub(crate) fn check_signature(
    key: &x509_parser::x509::SubjectPublicKeyInfo<'_>,
    algorithm: &x509_parser::x509::AlgorithmIdentifier<'_>,
    signature: &x509_parser::asn1_rs::BitString<'_>,
    tbs: &[u8],
) -> Result<(), x509_parser::error::X509Error> {
    use aws_lc_rs::signature as sig;
    use x509_parser::error::X509Error;
    match x509_parser::verify::verify_signature(key, algorithm, signature, tbs) {
        Err(X509Error::SignatureUnsupportedAlgorithm) => {}
        other => return other,
    }
    let signature_oid = algorithm.algorithm.to_id_string();
    let key_oid = key.algorithm.algorithm.to_id_string();
    let curve = key.algorithm.parameters.as_ref().and_then(|p| p.as_oid().ok()).map(|oid| oid.to_id_string());
    let verifier: &'static dyn sig::VerificationAlgorithm = match (signature_oid.as_str(), curve.as_deref()) {
        ("2.16.840.1.101.3.4.3.17", _) if key_oid == signature_oid && algorithm.parameters.is_none() => &sig::ML_DSA_44,
        ("2.16.840.1.101.3.4.3.18", _) if key_oid == signature_oid && algorithm.parameters.is_none() => &sig::ML_DSA_65,
        ("2.16.840.1.101.3.4.3.19", _) if key_oid == signature_oid && algorithm.parameters.is_none() => &sig::ML_DSA_87,
        (ecdsa, Some(curve)) if key_oid == "1.2.840.10045.2.1" => match (ecdsa, curve) {
            ("1.2.840.10045.4.3.4", "1.2.840.10045.3.1.7") => &sig::ECDSA_P256_SHA512_ASN1,
            ("1.2.840.10045.4.3.4", "1.3.132.0.34") => &sig::ECDSA_P384_SHA512_ASN1,
            ("1.2.840.10045.4.3.2", "1.3.132.0.35") => &sig::ECDSA_P521_SHA256_ASN1,
            ("1.2.840.10045.4.3.3", "1.3.132.0.35") => &sig::ECDSA_P521_SHA384_ASN1,
            ("1.2.840.10045.4.3.4", "1.3.132.0.35") => &sig::ECDSA_P521_SHA512_ASN1,
            _ => return Err(X509Error::SignatureUnsupportedAlgorithm),
        },
        _ => return Err(X509Error::SignatureUnsupportedAlgorithm),
    };
    sig::UnparsedPublicKey::new(verifier, &key.subject_public_key.data)
        .verify(tbs, &signature.data)
        .map_err(|_| X509Error::SignatureVerificationError)
}

fn algorithm_name(algorithm: &x509_parser::x509::AlgorithmIdentifier<'_>) -> String {
    crate::model::signature_algorithm(algorithm)
}
