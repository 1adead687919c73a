//! Revocation: is a certificate revoked? Each answer is verified before it is believed, and
//! carries the checklist that says so: CRLs (RFC 5280) and OCSP (RFC 6960).

pub mod crl;
pub mod demo;
pub mod ocsp;
pub mod responder;

pub use crl::{
    AnsweredBy, CrlCache, CrlCheck, CrlIndex, CrlSource, CrlStatus, DELTA_APPLIED, DeltaCheck, LoadedCrlCheck,
    check_downloaded, check_loaded, check_with_crl, fetch_crl,
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

/// The answers about each certificate, gathered once: a bundle checked has thousands, and
/// each certificate's report asks for its own.
#[derive(Default)]
pub struct ByCertificate<'a> {
    ocsp: std::collections::HashMap<crate::chain::CertRef, Vec<&'a LoadedOcspCheck>>,
    crl: std::collections::HashMap<crate::chain::CertRef, Vec<&'a LoadedCrlCheck>>,
}

impl<'a> ByCertificate<'a> {
    /// The OCSP exchanges about `certificate`, in the order they were made.
    pub fn ocsp(&self, certificate: crate::chain::CertRef) -> &[&'a LoadedOcspCheck] {
        self.ocsp.get(&certificate).map_or(&[], Vec::as_slice)
    }

    /// The CRL checks about `certificate`, in their order.
    pub fn crl(&self, certificate: crate::chain::CertRef) -> &[&'a LoadedCrlCheck] {
        self.crl.get(&certificate).map_or(&[], Vec::as_slice)
    }
}

impl Revocation {
    /// Every answer, by the certificate it is about.
    pub fn by_certificate(&self) -> ByCertificate<'_> {
        let mut index = ByCertificate::default();
        for result in &self.ocsp {
            index.ocsp.entry(result.certificate).or_default().push(result);
        }
        for result in &self.crl {
            index.crl.entry(result.certificate).or_default().push(result);
        }
        index
    }

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

/// The network checks to make.
#[derive(Clone, Debug, Default)]
pub struct NetworkChecks {
    /// Ask OCSP responders, so.
    pub ocsp: Option<OcspOptions>,
    /// Download CRLs within these limits.
    pub crl: Option<crate::net::Limits>,
    /// URL prefixes answered elsewhere (the sample's built-in responder), for both.
    pub routes: Vec<(String, String)>,
}

/// Each loaded certificate whose issuer is known (a verified chain link), with that issuer:
/// what revocation can be asked about.
pub fn issued<'a, I: std::borrow::Borrow<crate::load::Input>>(
    inputs: &'a [I],
    chains: &[crate::chain::Chain],
) -> Vec<(crate::chain::CertRef, &'a crate::model::Certificate, &'a crate::model::Certificate)> {
    crl::issued_pairs(inputs, chains).into_iter().map(|(r, _, subject, issuer)| (r, subject, issuer)).collect()
}

/// Checks each (certificate, its issuer) pair by OCSP and by CRL at the same time.
pub fn check_network(
    pairs: &[(crate::chain::CertRef, &crate::model::Certificate, &crate::model::Certificate)],
    now: time::OffsetDateTime,
    checks: &NetworkChecks,
    cache: &CrlCache,
) -> Revocation {
    // The caller's cancel switch holds on the OCSP thread too.
    let cancel = crate::net::Cancel::current();
    std::thread::scope(|scope| {
        let ocsp = checks.ocsp.as_ref().map(|options| {
            let options = OcspOptions { routes: checks.routes.clone(), ..options.clone() };
            scope.spawn(move || {
                let _entered = cancel.as_ref().map(crate::net::Cancel::enter);
                ocsp::check_pairs(pairs, now, &options)
            })
        });
        let crl = match checks.crl {
            Some(limits) => crl::check_pairs(pairs, now, limits, &checks.routes, cache),
            None => Vec::new(),
        };
        let ocsp = ocsp.map(|job| job.join().unwrap_or_default()).unwrap_or_default();
        Revocation { crl, ocsp }
    })
}
