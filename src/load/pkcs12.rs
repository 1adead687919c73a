//! PKCS#12 (.p12/.pfx): certificates, and private keys summarised, never shown.
//! p12-keystore does the MAC, PBES1/PBES2 and bags (CRATES.md section 1); its `Pkcs12Archive`
//! keeps certificates that are neither linked to a key nor "trusted", which a truststore needs.

use p12_keystore::Pkcs12Archive;
use p12_keystore::error::Error as P12Error;

use super::LoadError;
use crate::model::PrivateKeySummary;

/// What a PKCS#12 file holds.
pub struct Archive {
    pub certificates: Vec<Vec<u8>>,
    pub keys: Vec<Result<PrivateKeySummary, String>>,
}

/// Opens the archive; `None` tries the empty password, which many exports use.
pub fn read(bytes: &[u8], password: Option<&str>) -> Result<Archive, LoadError> {
    let archive = open(bytes, password)?;
    let keys = archive
        .keys
        .iter()
        .map(|bag| {
            PrivateKeySummary::from_pkcs8(bag.key.as_der())
                .map(|summary| PrivateKeySummary { friendly_name: bag.friendly_name.clone(), ..summary })
        })
        .collect();
    Ok(Archive { certificates: archive.certs.iter().map(|bag| bag.cert.as_der().to_vec()).collect(), keys })
}

/// The archive's first private key (PKCS#8 DER) and its certificates, the key's own first: a
/// client identity to present.
pub fn identity(bytes: &[u8], password: Option<&str>) -> Result<(Vec<Vec<u8>>, Vec<u8>), LoadError> {
    let archive = open(bytes, password)?;
    let key = archive.keys.first().ok_or_else(|| LoadError::Parse("PKCS#12: the file holds no private key".into()))?;
    let own = |bag: &&p12_keystore::CertificateBag| match (&bag.local_key_id, &key.local_key_id) {
        (Some(cert), Some(key)) => cert.as_slice() == key.as_ref(),
        _ => false,
    };
    let mut chain: Vec<Vec<u8>> = archive.certs.iter().filter(own).map(|bag| bag.cert.as_der().to_vec()).collect();
    for bag in &archive.certs {
        let der = bag.cert.as_der().to_vec();
        if !chain.contains(&der) {
            chain.push(der);
        }
    }
    Ok((chain, key.key.as_der().to_vec()))
}

fn open(bytes: &[u8], password: Option<&str>) -> Result<Pkcs12Archive, LoadError> {
    // A password given for a batch of files must not lock out the ones exported without one.
    let opened = Pkcs12Archive::from_pkcs12(bytes, password.unwrap_or("")).or_else(|err| match err {
        P12Error::MacError(_) if password.is_some_and(|p| !p.is_empty()) => {
            Pkcs12Archive::from_pkcs12(bytes, "").map_err(|_| err)
        }
        other => Err(other),
    });
    let archive = opened.map_err(|err| match err {
        // A wrong password and a damaged MAC-covered byte are the same error (openssl: "invalid password?").
        P12Error::MacError(_) if password.is_none_or(str::is_empty) => LoadError::PasswordRequired,
        P12Error::MacError(_) => LoadError::WrongPassword,
        P12Error::UnsupportedEncryptionScheme => {
            LoadError::Parse("PKCS#12: the file is encrypted with a scheme certscope cannot open".into())
        }
        P12Error::UnsupportedMacAlgorithm => {
            LoadError::Parse("PKCS#12: the file's integrity check uses an unsupported MAC algorithm".into())
        }
        P12Error::InvalidParameters => {
            LoadError::Parse("PKCS#12: invalid parameters (iteration counts over 1,000,000 are refused)".into())
        }
        P12Error::DerError(err) => LoadError::Parse(format!("PKCS#12: damaged or truncated structure ({err})")),
        other => LoadError::Parse(format!("PKCS#12: {other}")),
    })?;
    Ok(archive)
}
