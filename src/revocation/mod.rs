//! Revocation: is a certificate revoked? Each answer is verified before it is believed, and
//! carries the checklist that says so: CRLs (RFC 5280) and OCSP (RFC 6960).

pub mod crl;
pub mod ocsp;

pub use crl::{
    CrlCheck, CrlIndex, CrlSource, CrlStatus, LoadedCrlCheck, check_downloaded, check_loaded, check_with_crl, fetch_crl,
};
pub use ocsp::{CertIdHash, LoadedOcspCheck, OcspCheck, OcspOptions, OcspStatus};

/// How far a CRL's or responder's clock may be ahead of or behind ours (a setting later).
pub const CLOCK_SKEW: time::Duration = time::Duration::minutes(5);
