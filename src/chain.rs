//! Chains: order the loaded certificates leaf to root by issuer name and key identifiers,
//! check each link's signature with the issuer's key, and say where a chain breaks.
//!
//! This is grouping for display, not trust: a chain ending at a self-signed root is
//! "complete", whether or not anyone trusts that root (trust comes with a later issue).

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};

use crate::load::Input;
use crate::model::Certificate;

/// Where a certificate sits: input number and index within that input's certificates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CertRef {
    /// Index into the inputs.
    pub input: usize,
    /// Index into that input's certificates.
    pub index: usize,
}

/// How a certificate links to the next one up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChainLink {
    /// Signed by the next certificate in the chain: the signature verifies with its key.
    Verified,
    /// Self-signed: the chain ends at a root.
    SelfSigned,
    /// The issuer named is loaded, but no candidate's key verifies the signature.
    BadSignature(String),
    /// No loaded certificate has the issuer's name.
    MissingIssuer(String),
    /// Walking up came back to a certificate already in the chain.
    Loop(String),
}

impl ChainLink {
    /// True for links that hold.
    pub fn is_sound(&self) -> bool {
        matches!(self, Self::Verified | Self::SelfSigned)
    }
}

/// One chain, leaf first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chain {
    /// The certificates, leaf first, root (if found) last.
    pub certificates: Vec<CertRef>,
    /// The link from each certificate to the next (the last one's says how the chain ends).
    pub links: Vec<ChainLink>,
    /// Every link verified and the last certificate is a self-signed root.
    pub complete: bool,
}

impl Chain {
    /// What is wrong, in words (empty for a complete chain).
    pub fn problems(&self) -> Vec<String> {
        self.links
            .iter()
            .filter_map(|link| match link {
                ChainLink::BadSignature(why) | ChainLink::MissingIssuer(why) | ChainLink::Loop(why) => {
                    Some(why.clone())
                }
                _ => None,
            })
            .collect()
    }
}

/// At most this many same-named candidates are tried as one certificate's issuer: a bundle
/// with thousands of certificates under one name must not cost millions of signature checks
/// (the same idea as webpki's path-building budget).
const MAX_ISSUER_CANDIDATES: usize = 8;

/// Builds chains over all certificates of all inputs. Identical certificates loaded twice count once.
pub fn build_chains<I: Borrow<Input>>(inputs: &[I]) -> Vec<Chain> {
    let mut nodes: Vec<(CertRef, &Certificate)> = Vec::new();
    let mut seen = HashSet::new();
    for (input_index, input) in inputs.iter().enumerate() {
        for (index, certificate) in input.borrow().certificates.iter().enumerate() {
            if seen.insert(certificate.sha256.as_slice()) {
                nodes.push((CertRef { input: input_index, index }, certificate));
            }
        }
    }
    let mut by_subject: HashMap<&[u8], Vec<usize>> = HashMap::new();
    for (node, (_, certificate)) in nodes.iter().enumerate() {
        by_subject.entry(certificate.subject.der.as_slice()).or_default().push(node);
    }
    let mut by_key_id: HashMap<&str, Vec<usize>> = HashMap::new();
    for (node, (_, certificate)) in nodes.iter().enumerate() {
        if let Some(key_id) = certificate.subject_key_id() {
            by_key_id.entry(key_id).or_default().push(node);
        }
    }
    let index = Index { nodes: &nodes, by_subject, by_key_id };
    let issuers = find_issuers(&index);

    // Leaves: certificates nobody else links to as issuer.
    let mut is_issuer = vec![false; nodes.len()];
    for (node, found) in issuers.iter().enumerate() {
        if let Issuer::Found(parent) = found
            && *parent != node
        {
            is_issuer[*parent] = true;
        }
    }
    let mut chains = Vec::new();
    let mut placed = vec![false; nodes.len()];
    let leaves = (0..nodes.len()).filter(|&n| !is_issuer[n]);
    let leaves: Vec<usize> = leaves.collect();
    // Certificates reachable only through a loop have no leaf: each such loop is shown once, last.
    for start in leaves.into_iter().chain(0..nodes.len()) {
        // A leaf is on no other path, so only its own walk places it.
        if placed[start] {
            continue;
        }
        let (chain, path) = walk(start, &nodes, &issuers);
        path.into_iter().for_each(|node| placed[node] = true);
        chains.push(chain);
    }
    chains
}

#[derive(Clone, Debug)]
enum Issuer {
    SelfSigned,
    Found(usize),
    BadSignature(usize, String),
    Missing,
}

/// One issuer per certificate, checking signatures on all cores: they are the cost of a big bundle.
fn find_issuers(index: &Index<'_>) -> Vec<Issuer> {
    let indices: Vec<usize> = (0..index.nodes.len()).collect();
    crate::parallel::map(&indices, |&node| find_issuer(node, index))
}

/// The certificates, and two ways to find one's issuer among them.
struct Index<'a> {
    nodes: &'a [(CertRef, &'a Certificate)],
    by_subject: HashMap<&'a [u8], Vec<usize>>,
    by_key_id: HashMap<&'a str, Vec<usize>>,
}

fn find_issuer(node: usize, index: &Index<'_>) -> Issuer {
    let nodes = index.nodes;
    let (_, certificate) = nodes[node];
    if certificate.self_signed {
        return Issuer::SelfSigned;
    }
    let others = |list: &Vec<usize>| list.iter().copied().filter(|&c| c != node).collect::<Vec<_>>();
    let mut candidates: Vec<usize> =
        index.by_subject.get(certificate.issuer.der.as_slice()).map(others).unwrap_or_default();
    // No issuer by exact name bytes: some CAs encode the same name differently in the issuer
    // field (UTF8String against PrintableString). The key identifier still points at the
    // issuer's key; its signature decides, as for any candidate.
    if candidates.is_empty()
        && let Some(aki) = certificate.authority_key_id()
    {
        candidates = index.by_key_id.get(aki).map(others).unwrap_or_default();
    }
    // RFC 5280 4.2.1.1: the AKI names the issuer's SKI; try matching keys first.
    if let Some(aki) = certificate.authority_key_id() {
        candidates.sort_by_key(|&c| nodes[c].1.subject_key_id() != Some(aki));
    }
    let mut first_failure = None;
    for &candidate in candidates.iter().take(MAX_ISSUER_CANDIDATES) {
        match certificate.is_signed_by(nodes[candidate].1) {
            Ok(()) => return Issuer::Found(candidate),
            Err(why) => {
                first_failure.get_or_insert((candidate, why));
            }
        }
    }
    match first_failure {
        Some((candidate, why)) => Issuer::BadSignature(candidate, why),
        None => Issuer::Missing,
    }
}

/// The chain from `start` up, and the nodes it passed.
fn walk(start: usize, nodes: &[(CertRef, &Certificate)], issuers: &[Issuer]) -> (Chain, Vec<usize>) {
    let mut path = Vec::new();
    let mut certificates = Vec::new();
    let mut links = Vec::new();
    let mut visited = HashSet::new();
    let mut current = start;
    loop {
        visited.insert(current);
        path.push(current);
        let (reference, certificate) = nodes[current];
        certificates.push(reference);
        let name = certificate.display_name();
        match &issuers[current] {
            Issuer::SelfSigned => {
                links.push(ChainLink::SelfSigned);
                break;
            }
            Issuer::Missing => {
                let mut why = format!(
                    "issuer '{}' of '{name}' is not among the loaded certificates",
                    certificate.issuer.display_name()
                );
                if let Some(url) = certificate.issuer_url() {
                    why.push_str(&format!(" (its certificate is published at {url})"));
                }
                links.push(ChainLink::MissingIssuer(why));
                break;
            }
            Issuer::BadSignature(candidate, why) => {
                let issuer_name = nodes[*candidate].1.display_name();
                links.push(ChainLink::BadSignature(format!(
                    "signature of '{name}' does not verify with the key of '{issuer_name}': {why}"
                )));
                break;
            }
            Issuer::Found(parent) if visited.contains(parent) => {
                let parent_name = nodes[*parent].1.display_name();
                links.push(ChainLink::Loop(format!(
                    "the chain loops: '{name}' is issued by '{parent_name}', already in the chain"
                )));
                break;
            }
            Issuer::Found(parent) => {
                links.push(ChainLink::Verified);
                current = *parent;
            }
        }
    }
    let complete = links.iter().all(ChainLink::is_sound) && links.last() == Some(&ChainLink::SelfSigned);
    (Chain { certificates, links, complete }, path)
}
