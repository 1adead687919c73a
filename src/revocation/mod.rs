//! Revocation: is a certificate revoked? Each answer is verified before it is believed, and
//! carries the checklist that says so: CRLs (RFC 5280) and OCSP (RFC 6960).

pub mod crl;
pub mod ocsp;
pub mod responder;

pub use crl::{
    CrlCheck, CrlIndex, CrlSource, CrlStatus, LoadedCrlCheck, check_downloaded, check_loaded, check_with_crl, fetch_crl,
};
pub use ocsp::{CertIdHash, LoadedOcspCheck, OcspCheck, OcspOptions, OcspStatus};

/// How far a CRL's or responder's clock may be ahead of or behind ours (a setting later).
pub const CLOCK_SKEW: time::Duration = time::Duration::minutes(5);

/// Every revocation answer of a run: CRL and OCSP, each tied to the certificate it is about.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Revocation {
    /// CRL checks (loaded or downloaded CRLs).
    pub crl: Vec<LoadedCrlCheck>,
    /// OCSP exchanges.
    pub ocsp: Vec<LoadedOcspCheck>,
}

impl Revocation {
    /// Nothing checked.
    pub fn is_empty(&self) -> bool {
        self.crl.is_empty() && self.ocsp.is_empty()
    }

    /// Any answer that is not a verified "good": revoked, unknown, unverified or error.
    pub fn any_not_good(&self) -> bool {
        self.crl.iter().any(|r| r.check.status != CrlStatus::NotListed)
            || self.ocsp.iter().any(|r| r.check.status != OcspStatus::Good)
    }
}
