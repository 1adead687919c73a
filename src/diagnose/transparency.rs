//! Certificate Transparency, for monitoring only (it never decides trust here): the SCTs a
//! publicly-trusted TLS leaf carries, and whether there are as many as browsers' CT policies
//! ask for its lifetime, from logs of distinct operators. Each SCT is named from Chrome's log
//! list (the vendored one, or `--ct-log-list`) and its signature checked when the issuer is
//! loaded.

use std::sync::Arc;

use time::{Duration, OffsetDateTime};

use super::{Category, ChainVerdict, Finding, Options, Severity, Workspace, certificate};
use crate::ct::{EmbeddedSct, LogList, SctSignature, embedded_scts};
use crate::model::{Certificate, Extension};

/// Browsers' CT policies (Chrome's and Apple's): embedded SCTs needed for a lifetime.
pub(crate) fn scts_needed(certificate: &Certificate) -> usize {
    // RFC 5280: both ends inclusive.
    let lifetime = certificate.not_after - certificate.not_before + Duration::seconds(1);
    if lifetime <= Duration::days(180) { 2 } else { 3 }
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

/// How one SCT counts towards browsers' policies.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Standing {
    /// A listed log, in service when it signed, signature not shown bad.
    Counts,
    /// A log the list does not name though it predates the SCT: browsers ignore it.
    Unknown,
    /// A log newer than the list, perhaps: counted, each as its own operator.
    Newer,
    /// A log retired before it signed.
    Retired,
    /// The signature fails.
    Bad,
}

fn standing(sct: &EmbeddedSct, logs: &LogList) -> Standing {
    if matches!(sct.signature, SctSignature::Invalid(_)) {
        return Standing::Bad;
    }
    match (&sct.log, sct.timestamp) {
        (Some(log), Some(when)) if log.retired_before(when) => Standing::Retired,
        (Some(_), _) => Standing::Counts,
        (None, Some(when)) if logs.timestamp.is_some_and(|listed| when > listed) => Standing::Newer,
        (None, _) => Standing::Unknown,
    }
}

fn when(sct: &EmbeddedSct) -> String {
    sct.timestamp.map_or_else(|| "an unreadable time".into(), crate::model::time::rfc3339)
}

fn named(sct: &EmbeddedSct) -> String {
    match &sct.log {
        Some(log) => format!("{} ({})", log.description, log.operator),
        None => format!("log {}", sct.log_id),
    }
}

fn signature_words(signature: &SctSignature) -> String {
    match signature {
        SctSignature::Valid => "signature verified".into(),
        SctSignature::Invalid(why) => format!("signature BAD: {why}"),
        SctSignature::NotChecked(why) => format!("signature not checked: {why}"),
    }
}

pub(super) fn check(
    workspace: &Workspace<'_>,
    chains: &[ChainVerdict],
    anchors: &super::Anchors,
    options: &Options,
    findings: &mut Vec<Finding>,
) {
    let logs = options.ct_logs.clone().unwrap_or_else(LogList::bundled);
    for chain in chains {
        let Some(leaf) = certificate(workspace, chain.leaf) else { continue };
        if !public_tls(chain, leaf) {
            continue;
        }
        // The issuer's key: its certificate on the path, or a root's in a store.
        let issuer_key = match chain.path.get(1).and_then(|&r| certificate(workspace, r)) {
            Some(issuer) => Some(issuer.public_key.spki_der.clone()),
            None => anchors.key_of_root_named(&leaf.issuer.der),
        };
        match embedded_scts(&leaf.der, issuer_key.as_deref(), &logs) {
            None => findings.push(no_scts(chain, leaf)),
            Some(Ok(list)) if list.is_empty() => findings.push(no_scts(chain, leaf)),
            Some(Err(why)) => findings.push(
                Finding::new(
                    Severity::Warning,
                    "ct.unreadable",
                    Category::Transparency,
                    format!("'{}' carries an SCT list that cannot be read: {why}.", leaf.display_name()),
                    "Browsers cannot count SCTs they cannot read, so for them the certificate carries none.",
                    "Have the CA reissue the certificate.",
                )
                .on(chain.leaf)
                .cite("RFC 6962 3.3")
                .label("unreadable SCTs"),
            ),
            Some(Ok(list)) => judge(chain, leaf, &list, &logs, findings),
        }
    }
}

fn no_scts(chain: &ChainVerdict, leaf: &Certificate) -> Finding {
    Finding::new(
        Severity::Warning,
        "ct.no_scts",
        Category::Transparency,
        format!("'{}' carries no signed certificate timestamps (SCTs).", leaf.display_name()),
        "Chrome and Safari require publicly-trusted TLS certificates to be logged in Certificate Transparency: without SCTs in the certificate they reject it, unless the server sends them in the TLS handshake or a stapled OCSP response.",
        "Get the certificate from a CA that embeds SCTs (all public CAs do), or configure the server to send them.",
    )
    .on(chain.leaf)
    .cite("RFC 6962 3.3; Chrome Certificate Transparency Policy")
    .with("needed", scts_needed(leaf).to_string())
    .label("no SCTs")
}

fn judge(
    chain: &ChainVerdict,
    leaf: &Certificate,
    list: &[EmbeddedSct],
    logs: &Arc<LogList>,
    findings: &mut Vec<Finding>,
) {
    let name = leaf.display_name();
    let needed = scts_needed(leaf);
    let lines: Vec<String> =
        list.iter().map(|s| format!("{} at {}, {}", named(s), when(s), signature_words(&s.signature))).collect();
    let mut evidence = Finding::new(
        Severity::Info,
        "ct.scts",
        Category::Transparency,
        format!("'{name}' carries {} SCT(s): {}.", list.len(), lines.join("; ")),
        "Each SCT is a log's signed promise to publish the certificate, so that misissuance is seen. Logs are named from Chrome's log list.",
        "Nothing to do.",
    )
    .on(chain.leaf)
    .cite("RFC 6962 3.2, 3.3")
    .with("count", list.len().to_string())
    .with("log_list", logs.describe())
    .with("log_list_source", logs.source.clone());
    for sct in list {
        evidence = evidence
            .with("log_id", sct.log_id.clone())
            .with("log", named(sct))
            .with("signature", signature_words(&sct.signature));
    }
    findings.push(evidence);

    let mut counted = 0;
    let mut operators: Vec<String> = Vec::new();
    for sct in list {
        let standing = standing(sct, logs);
        match standing {
            Standing::Counts => {
                counted += 1;
                let operator = sct.log.as_ref().map(|l| l.operator.clone()).unwrap_or_default();
                if !operators.contains(&operator) {
                    operators.push(operator);
                }
            }
            Standing::Newer => {
                counted += 1;
                operators.push(format!("the operator of log {}", sct.log_id));
            }
            Standing::Unknown | Standing::Retired | Standing::Bad => {}
        }
        if let Some(finding) = about(chain, &name, sct, standing, logs) {
            findings.push(finding);
        }
    }
    if counted < needed {
        findings.push(
            Finding::new(
                Severity::Warning,
                "ct.too_few_scts",
                Category::Transparency,
                format!("'{name}' carries {counted} SCT(s) that browsers count; their CT policies ask for {needed} for a certificate valid this long."),
                "Chrome and Safari count embedded SCTs from logs they know and trust, by the certificate's lifetime (2 up to 180 days, 3 beyond), from distinct log operators; with fewer they reject it unless the server sends more in the handshake.",
                "Get the certificate reissued by a CA that embeds enough SCTs, or have the server send SCTs in the TLS handshake.",
            )
            .on(chain.leaf)
            .cite("Chrome Certificate Transparency Policy; Apple's Certificate Transparency policy")
            .with("count", counted.to_string())
            .with("carried", list.len().to_string())
            .with("needed", needed.to_string())
            .label("too few SCTs"),
        );
    } else if operators.len() < 2 {
        findings.push(
            Finding::new(
                Severity::Warning,
                "ct.one_operator",
                Category::Transparency,
                format!("All of the SCTs of '{name}' come from logs run by {}.", operators.first().map_or("one operator", String::as_str)),
                "Chrome and Safari require SCTs from at least two distinct log operators, so that no single operator can hide a certificate.",
                "Get the certificate reissued by a CA that logs it with two operators (Google and another, say).",
            )
            .on(chain.leaf)
            .cite("Chrome Certificate Transparency Policy; Apple's Certificate Transparency policy")
            .with("operators", operators.join(", "))
            .label("one CT operator"),
        );
    }
}

/// A finding for one SCT that browsers would not count.
fn about(chain: &ChainVerdict, name: &str, sct: &EmbeddedSct, standing: Standing, logs: &LogList) -> Option<Finding> {
    let list_date =
        logs.timestamp.map_or_else(|| "of unknown date".into(), |t: OffsetDateTime| format!("of {}", t.date()));
    let finding = match standing {
        Standing::Counts => return None,
        Standing::Bad => Finding::new(
            Severity::Warning,
            "ct.bad_signature",
            Category::Transparency,
            format!(
                "The SCT from {} in '{name}' does not verify: {}.",
                named(sct),
                match &sct.signature {
                    SctSignature::Invalid(why) => why.as_str(),
                    _ => "",
                }
            ),
            "A log signs the precertificate the CA sent it. A signature that fails over this certificate means it was changed after logging, or the SCT belongs to another certificate: browsers ignore it.",
            "Have the CA reissue the certificate; report the mismatch to it.",
        )
        .cite("RFC 6962 3.2, 5.2")
        .label("bad SCT"),
        Standing::Retired => Finding::new(
            Severity::Warning,
            "ct.retired_log",
            Category::Transparency,
            format!("The SCT in '{name}' from {} is dated {}, after the log was retired.", named(sct), when(sct)),
            "Browsers do not count SCTs that a log issued after it was retired.",
            "Have the CA reissue the certificate with SCTs from logs in service.",
        )
        .cite("Chrome Certificate Transparency Policy")
        .label("retired CT log"),
        Standing::Unknown => Finding::new(
            Severity::Warning,
            "ct.unknown_log",
            Category::Transparency,
            format!("The SCT in '{name}' from log {} names a log that is not in the CT log list ({}).", sct.log_id, logs.describe()),
            "Browsers count only SCTs from logs in their list. This SCT predates the list, so the log was not one browsers knew then: they ignore it.",
            "Have the CA reissue the certificate with SCTs from logs browsers know; if the list is stale, pass a current one with --ct-log-list.",
        )
        .cite("Chrome Certificate Transparency Policy")
        .label("unknown CT log"),
        Standing::Newer => Finding::new(
            Severity::Info,
            "ct.unknown_log",
            Category::Transparency,
            format!("The SCT in '{name}' from log {} names a log that is not in the CT log list {list_date}, which is older than the SCT.", sct.log_id),
            "The log may have started after the list was made; it is counted here but its signature cannot be checked.",
            "Pass a current list with --ct-log-list (Chrome publishes it at https://www.gstatic.com/ct/log_list/v3/log_list.json).",
        )
        .cite("Chrome Certificate Transparency Policy"),
    };
    Some(finding.on(chain.leaf).with("log_id", sct.log_id.clone()))
}
