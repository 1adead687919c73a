//! PKCS#7 / CMS certificate bundles (.p7b, .p7c, signed messages): the certificates and CRLs
//! they carry. BER rules throughout: Windows and `openssl cms -stream` write indefinite
//! lengths, and DER rules would re-sort the certificate SET (CRATES.md section 2).

use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der08::{Decode as _, Encode as _};

/// What a bundle carries, as DER for the x509-parser side.
pub struct Bundle {
    pub certificates: Vec<Vec<u8>>,
    pub revocation_lists: Vec<Vec<u8>>,
}

/// Reads a ContentInfo holding SignedData.
pub fn read(bytes: &[u8]) -> Result<Bundle, String> {
    let info = ContentInfo::from_ber(bytes).map_err(|err| format!("invalid PKCS#7: {err}"))?;
    let signed = info
        .content
        .decode_as_encoding::<SignedData>(der08::EncodingRules::Ber)
        .map_err(|err| format!("invalid PKCS#7 SignedData: {err}"))?;
    let mut bundle = Bundle { certificates: Vec::new(), revocation_lists: Vec::new() };
    for choice in signed.certificates.iter().flat_map(|set| set.0.iter()) {
        if let cms::cert::CertificateChoices::Certificate(certificate) = choice {
            bundle.certificates.push(certificate.to_der().map_err(|err| format!("PKCS#7 certificate: {err}"))?);
        }
    }
    for choice in signed.crls.iter().flat_map(|set| set.0.iter()) {
        if let cms::revocation::RevocationInfoChoice::Crl(list) = choice {
            bundle.revocation_lists.push(list.to_der().map_err(|err| format!("PKCS#7 CRL: {err}"))?);
        }
    }
    Ok(bundle)
}
