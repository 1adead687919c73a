//! Private keys, summarised: type, size and which certificate they belong to. The secret
//! itself is read only to derive the public half, then dropped; it is never shown or stored.

use x509_parser::der_parser::ber::{BerObject, BerObjectContent};
use x509_parser::der_parser::parse_der;

use super::certificate::Certificate;
use super::names;

/// A private key as certscope shows it: never its secret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrivateKeySummary {
    /// `RSA`, `EC`, `Ed25519`, ...
    pub algorithm: String,
    /// Size in bits, when known.
    pub bits: Option<u32>,
    /// Named curve, for EC keys.
    pub curve: Option<String>,
    /// The PKCS#12 friendly name, if any.
    pub friendly_name: Option<String>,
    /// Whether the key is encrypted and was not opened.
    pub encrypted: bool,
    /// The public half, in the form of a certificate's subjectPublicKey (RSA: the modulus).
    pub public_key: Option<Vec<u8>>,
}

impl PrivateKeySummary {
    /// An encrypted key that was not opened (`ENCRYPTED PRIVATE KEY`).
    pub fn encrypted() -> Self {
        Self {
            algorithm: "Encrypted private key".into(),
            bits: None,
            curve: None,
            friendly_name: None,
            encrypted: true,
            public_key: None,
        }
    }

    /// Reads a PKCS#8 PrivateKeyInfo (RFC 5958).
    pub fn from_pkcs8(der: &[u8]) -> Result<Self, String> {
        let (_, info) = parse_der(der).map_err(|e| format!("not a PKCS#8 private key: {e}"))?;
        let fields = info.as_sequence().map_err(|_| "not a PKCS#8 private key".to_string())?;
        let (algorithm, private) = match fields.as_slice() {
            [_version, algorithm, private, ..] => (algorithm, private),
            _ => return Err("not a PKCS#8 private key: too few fields".into()),
        };
        let algorithm = algorithm.as_sequence().map_err(|_| "bad key algorithm".to_string())?;
        let oid =
            algorithm.first().and_then(|o| o.as_oid().ok()).map(|o| o.to_id_string()).ok_or("bad key algorithm")?;
        let parameter_oid = algorithm.get(1).and_then(|p| p.as_oid().ok()).map(|o| o.to_id_string());
        let private = private.as_slice().map_err(|_| "bad private key field".to_string())?;
        let name = names::key_algorithm_name(&oid).map_or_else(|| oid.clone(), str::to_string);
        let mut summary = match oid.as_str() {
            "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => Self::from_pkcs1(private)?,
            "1.2.840.10045.2.1" => Self::from_sec1(private, parameter_oid)?,
            "1.3.101.112" => Self::ed25519(private),
            _ => Self::unknown(&name),
        };
        summary.algorithm = name;
        Ok(summary)
    }

    /// Reads a PKCS#1 RSAPrivateKey (`RSA PRIVATE KEY`): the modulus is its second field.
    pub fn from_pkcs1(der: &[u8]) -> Result<Self, String> {
        let (_, key) = parse_der(der).map_err(|e| format!("not an RSA private key: {e}"))?;
        let modulus = key
            .as_sequence()
            .ok()
            .and_then(|fields| fields.get(1))
            .and_then(|n| n.as_slice().ok())
            .map(strip_sign)
            .ok_or("not an RSA private key")?;
        Ok(Self { bits: Some(bit_length(modulus)), public_key: Some(modulus.to_vec()), ..Self::unknown("RSA") })
    }

    /// Reads a SEC1 ECPrivateKey (`EC PRIVATE KEY`, RFC 5915): curve and public key, when present.
    pub fn from_sec1(der: &[u8], curve_oid: Option<String>) -> Result<Self, String> {
        let (_, key) = parse_der(der).map_err(|e| format!("not an EC private key: {e}"))?;
        let fields = key.as_sequence().map_err(|_| "not an EC private key".to_string())?;
        let mut curve_oid = curve_oid;
        let mut public_key = None;
        for field in fields.iter().skip(2) {
            match (field.tag().0, tagged_inner(field)) {
                (0, Some(inner)) => curve_oid = curve_oid.or(inner.as_oid().ok().map(|o| o.to_id_string())),
                (1, Some(inner)) => public_key = inner.as_bitstring().ok().map(|b| b.data.to_vec()),
                _ => {}
            }
        }
        let named = curve_oid.as_deref().and_then(names::curve_name);
        Ok(Self {
            bits: named.map(|(_, bits)| bits),
            curve: named.map(|(name, _)| name.to_string()).or(curve_oid),
            public_key,
            ..Self::unknown("EC")
        })
    }

    /// RFC 8410: the private key is an OCTET STRING holding the 32-byte seed.
    fn ed25519(private: &[u8]) -> Self {
        let seed = parse_der(private).ok().and_then(|(_, o)| o.as_slice().ok().map(<[u8]>::to_vec));
        let public_key = seed
            .and_then(|seed| aws_lc_rs::signature::Ed25519KeyPair::from_seed_unchecked(&seed).ok())
            .map(|pair| aws_lc_rs::signature::KeyPair::public_key(&pair).as_ref().to_vec());
        Self { bits: Some(256), public_key, ..Self::unknown("Ed25519") }
    }

    fn unknown(algorithm: &str) -> Self {
        Self {
            algorithm: algorithm.into(),
            bits: None,
            curve: None,
            friendly_name: None,
            encrypted: false,
            public_key: None,
        }
    }

    /// Whether this key is the private half of the certificate's public key.
    pub fn matches(&self, certificate: &Certificate) -> bool {
        let Some(public) = &self.public_key else {
            return false;
        };
        let key_bytes = &certificate.public_key.key_bytes;
        if certificate.public_key.algorithm.starts_with("RSA") {
            // RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }
            let modulus = parse_der(key_bytes)
                .ok()
                .and_then(|(_, o)| o.as_sequence().ok().and_then(|f| f.first().and_then(|n| n.as_slice().ok())))
                .map(strip_sign);
            modulus == Some(public.as_slice())
        } else {
            key_bytes == public
        }
    }

    /// `RSA 2048 bits`, `EC P-256`, `Ed25519`.
    pub fn summary(&self) -> String {
        super::names::key_summary(&self.algorithm, self.bits, self.curve.as_deref())
    }
}

fn tagged_inner<'a>(field: &BerObject<'a>) -> Option<BerObject<'a>> {
    match &field.content {
        BerObjectContent::Unknown(any) => parse_der(any.data).ok().map(|(_, inner)| inner),
        BerObjectContent::Tagged(_, _, inner) => Some((**inner).clone()),
        _ => None,
    }
}

fn strip_sign(bytes: &[u8]) -> &[u8] {
    let zeros = bytes.iter().take_while(|&&b| b == 0).count();
    &bytes[zeros..]
}

fn bit_length(magnitude: &[u8]) -> u32 {
    match magnitude.first() {
        Some(first) => (magnitude.len() as u32 - 1) * 8 + (8 - first.leading_zeros()),
        None => 0,
    }
}
