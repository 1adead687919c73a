//! What rustls-webpki is handed to judge a path: signature checks that reuse the links the
//! chain grouping already verified, and an EKU check that lets the purpose be judged apart.

use std::collections::HashMap;

use super::super::{Workspace, certificate};
use crate::chain::ChainLink;

/// The links the chain grouping already verified: signature -> (signed bytes, signer's key).
type Verified<'a> = HashMap<&'a [u8], (&'a [u8], &'a [u8])>;

/// Each verified link of the chains, from the certificates' DER: a bundle's thousands of
/// signatures are checked once (by the grouping, on all cores), not again for every path.
pub(super) fn verified_links<'a>(workspace: &Workspace<'a>) -> Verified<'a> {
    let mut links = Verified::new();
    for chain in workspace.chains {
        for (i, link) in chain.links.iter().enumerate() {
            if *link != ChainLink::Verified {
                continue;
            }
            let (Some(child), Some(issuer)) = (
                chain.certificates.get(i).and_then(|r| certificate(workspace, *r)),
                chain.certificates.get(i + 1).and_then(|r| certificate(workspace, *r)),
            ) else {
                continue;
            };
            if let Some((tbs, signature)) = signed_parts(&child.der) {
                links.insert(signature, (tbs, issuer.public_key.key_bytes.as_slice()));
            }
        }
    }
    links
}

/// A certificate's TBS (as signed) and its signature's bytes.
fn signed_parts(der: &[u8]) -> Option<(&[u8], &[u8])> {
    let (_, outer, _) = crate::load::element(der).ok()?;
    let content = crate::load::content(outer);
    let (_, tbs, rest) = crate::load::element(content).ok()?;
    let (_, _, rest) = crate::load::element(rest).ok()?;
    let (_, bits, _) = crate::load::element(rest).ok()?;
    // The BIT STRING's content starts with its count of unused bits (0 for signatures).
    let signature = crate::load::content(bits).split_first()?.1;
    Some((tbs, signature))
}

/// rustls-webpki's algorithm, which first asks whether the grouping verified this very
/// signature over these very bytes with this very key; only then is it believed unchecked.
#[derive(Debug)]
pub(super) struct Remembered<'a> {
    pub(super) inner: &'static dyn rustls_pki_types::SignatureVerificationAlgorithm,
    pub(super) verified: &'a Verified<'a>,
}

impl rustls_pki_types::SignatureVerificationAlgorithm for Remembered<'_> {
    fn verify_signature(
        &self,
        public_key: &[u8],
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), rustls_pki_types::InvalidSignature> {
        match self.verified.get(signature) {
            Some((tbs, key)) if *tbs == message && *key == public_key => Ok(()),
            _ => self.inner.verify_signature(public_key, message, signature),
        }
    }

    fn public_key_alg_id(&self) -> rustls_pki_types::AlgorithmIdentifier {
        self.inner.public_key_alg_id()
    }

    fn signature_alg_id(&self) -> rustls_pki_types::AlgorithmIdentifier {
        self.inner.signature_alg_id()
    }

    fn fips(&self) -> bool {
        self.inner.fips()
    }
}

/// Accepts any extended key usage: the path is judged here, the purpose apart (with words).
pub(super) struct AnyUsage;

impl webpki::ExtendedKeyUsageValidator for AnyUsage {
    fn validate(&self, _: webpki::KeyPurposeIdIter<'_, '_>) -> Result<(), webpki::Error> {
        Ok(())
    }
}
