//! Missing issuers of files, fetched by their caIssuers URLs (AIA) when asked.

use std::collections::HashSet;

use super::{Anchors, TrustChoice};
use crate::chain::ChainLink;

/// Fetches, by their caIssuers URLs (AIA), the issuers that no loaded certificate and no
/// trusted root provides, depth-limited: what `--aia` and the window's button add to a file's
/// workspace. Each fetched certificate goes with the input of the certificate it issued.
pub fn fetch_missing(
    inputs: &[&crate::load::Input],
    anchors: &Anchors,
    aia: &crate::trust::AiaOptions,
) -> Vec<(usize, crate::trust::Fetched)> {
    let mut fetched: Vec<(usize, crate::trust::Fetched)> = Vec::new();
    let all_anchors = anchors.for_choice(TrustChoice::Any);
    let chains = crate::chain::build_chains(inputs);
    let mut urls_tried = HashSet::new();
    for chain in &chains {
        let (Some(&top_ref), Some(ChainLink::MissingIssuer(_))) = (chain.certificates.last(), chain.links.last())
        else {
            continue;
        };
        let Some(mut top) = inputs.get(top_ref.input).and_then(|i| i.certificates.get(top_ref.index)).cloned() else {
            continue;
        };
        for _ in 0..aia.depth {
            if top.self_signed || all_anchors.iter().any(|a| crate::trust::anchor_names(a, &top.issuer)) {
                break;
            }
            let known = |der: &[u8]| {
                inputs.iter().any(|i| i.certificates.iter().any(|c| c.der == der))
                    || fetched.iter().any(|(_, f)| f.certificate.der == der)
            };
            let Ok(issuer) = crate::trust::fetch_issuer_by_any_url(&top, aia, &mut urls_tried, known) else { break };
            top = issuer.certificate.clone();
            fetched.push((top_ref.input, issuer));
        }
    }
    fetched
}
