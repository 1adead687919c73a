//! Certificate Transparency, for monitoring only (it never decides trust here): the SCTs a
//! publicly-trusted TLS leaf carries, and whether there are as many as browsers' CT policies
//! ask for its lifetime. Logs are named by their IDs: naming them needs Chrome's published log
//! list, which is not vendored yet.

use time::Duration;

use super::{Category, ChainVerdict, Finding, Severity, Workspace, certificate};
use crate::model::{Certificate, Extension, Sct};

/// Browsers' CT policies (Chrome's and Apple's): embedded SCTs needed for a lifetime.
pub(crate) fn scts_needed(certificate: &Certificate) -> usize {
    // RFC 5280: both ends inclusive.
    let lifetime = certificate.not_after - certificate.not_before + Duration::seconds(1);
    if lifetime <= Duration::days(180) { 2 } else { 3 }
}

fn scts(certificate: &Certificate) -> Option<&[Sct]> {
    certificate.extensions.iter().find_map(|e| match &e.value {
        Extension::SctList(list) => Some(list.as_slice()),
        _ => None,
    })
}

/// A public TLS leaf: trusted through Mozilla's roots, or asserting a Forum TLS policy.
pub(super) fn public_tls(chain: &ChainVerdict, leaf: &Certificate) -> bool {
    let public_store = chain.trusted && chain.anchored_in == Some(super::Store::Mozilla);
    let forum = leaf.extensions.iter().any(|e| match &e.value {
        Extension::CertificatePolicies(list) => {
            list.iter().any(|p| p.oid.starts_with("2.23.140.1.2.") || p.oid == "2.23.140.1.1")
        }
        _ => false,
    });
    chain.purpose == super::Purpose::Server && !chain.ca && (public_store || forum)
}

pub(super) fn check(workspace: &Workspace<'_>, chains: &[ChainVerdict], findings: &mut Vec<Finding>) {
    for chain in chains {
        let Some(leaf) = certificate(workspace, chain.leaf) else { continue };
        if !public_tls(chain, leaf) {
            continue;
        }
        let name = leaf.display_name();
        let needed = scts_needed(leaf);
        match scts(leaf) {
            None | Some([]) => findings.push(
                Finding::new(
                    Severity::Warning,
                    "ct.no_scts",
                    Category::Transparency,
                    format!("'{name}' carries no signed certificate timestamps (SCTs)."),
                    "Chrome and Safari require publicly-trusted TLS certificates to be logged in Certificate Transparency: without SCTs in the certificate they reject it, unless the server sends them in the TLS handshake or a stapled OCSP response.",
                    "Get the certificate from a CA that embeds SCTs (all public CAs do), or configure the server to send them.",
                )
                .on(chain.leaf)
                .cite("RFC 6962 3.3; Chrome Certificate Transparency Policy")
                .with("needed", needed.to_string())
                .label("no SCTs"),
            ),
            Some(list) => {
                let logs: Vec<String> = list.iter().map(|s| format!("log {} at {}", s.log_id, s.timestamp)).collect();
                let mut evidence = Finding::new(
                    Severity::Info,
                    "ct.scts",
                    Category::Transparency,
                    format!("'{name}' carries {} SCT(s): {}.", list.len(), logs.join("; ")),
                    "Each SCT is a log's promise to publish the certificate, so that misissuance is seen.",
                    "Nothing to do.",
                )
                .on(chain.leaf)
                .cite("RFC 6962 3.3")
                .with("count", list.len().to_string());
                for sct in list {
                    evidence = evidence.with("log_id", sct.log_id.clone());
                }
                findings.push(evidence);
                if list.len() < needed {
                    findings.push(
                        Finding::new(
                            Severity::Warning,
                            "ct.too_few_scts",
                            Category::Transparency,
                            format!(
                                "'{name}' carries {} SCT(s); browsers' CT policies ask for {needed} for a certificate valid this long.",
                                list.len()
                            ),
                            "Chrome and Safari count embedded SCTs by the certificate's lifetime (2 up to 180 days, 3 beyond), from distinct log operators; with fewer they reject it unless the server sends more in the handshake.",
                            "Get the certificate reissued by a CA that embeds enough SCTs, or have the server send SCTs in the TLS handshake.",
                        )
                        .on(chain.leaf)
                        .cite("Chrome Certificate Transparency Policy; Apple's Certificate Transparency policy")
                        .with("count", list.len().to_string())
                        .with("needed", needed.to_string())
                        .label("too few SCTs"),
                    );
                }
            }
        }
    }
}
