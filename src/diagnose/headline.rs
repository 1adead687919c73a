//! The verdict in one sentence a help-desk person can read aloud: the worst finding that
//! decides, said of the certificate the person asked about.

use super::{ChainVerdict, Finding, Purpose, Severity, Status, Verdict, Workspace, certificate};
use crate::model::time::span;

/// "This server's certificate", "The code-signing certificate 'Acme Ltd'".
fn subject(chain: &ChainVerdict, workspace: &Workspace<'_>) -> String {
    let name = certificate(workspace, chain.leaf).map(|c| c.display_name()).unwrap_or_default();
    if chain.host {
        return "This server's certificate".into();
    }
    if chain.ca {
        return format!("The CA certificate '{name}'");
    }
    let kind = match chain.purpose {
        Purpose::Server => "TLS server certificate",
        Purpose::Client => "client certificate",
        Purpose::CodeSigning => "code-signing certificate",
        Purpose::Email => "S/MIME certificate",
        Purpose::Ocsp => "OCSP responder certificate",
        Purpose::TimeStamping => "time-stamping certificate",
        Purpose::Ipsec => "IPsec certificate",
    };
    format!("The {kind} '{name}'")
}

fn sentence(finding: &Finding) -> String {
    finding.message.trim_end_matches('.').to_string()
}

/// The verdict of one chain, from the findings about its certificates.
pub(super) fn for_chain(
    chain: &ChainVerdict,
    findings: &[Finding],
    by_certificate: &ByCertificate<'_>,
    workspace: &Workspace<'_>,
    how: How,
) -> Verdict {
    // In the findings' order (worst first), whichever certificate of the path they are about.
    let mut own: Vec<(usize, &Finding)> =
        chain.path.iter().flat_map(|c| by_certificate.get(c).into_iter().flatten().copied()).collect();
    own.sort_by_key(|(order, _)| *order);
    own.dedup_by_key(|(order, _)| *order);
    let own: Vec<&Finding> = own.into_iter().map(|(_, f)| f).collect();
    let verdict = judge(&subject(chain, workspace), Some(chain), &own, workspace, how);
    // A server that insists on a client certificate: the first thing any client must bring,
    // said even when its own certificate is fine (the finding is a notice about the input).
    let required = findings.iter().find(|f| {
        chain.host && f.input == Some(chain.leaf.input) && f.code == "connection.client_certificate_required"
    });
    match required {
        Some(required) => with_sentence(verdict, required),
        None => verdict,
    }
}

/// The verdict with `finding`'s sentence after it, once.
fn with_sentence(verdict: Verdict, finding: &Finding) -> Verdict {
    let said = sentence(finding);
    if verdict.headline.contains(&said) {
        return verdict;
    }
    Verdict { headline: format!("{} {said}.", verdict.headline), ..verdict }
}

/// The findings by the certificate they are about, with their place in the list.
pub(super) type ByCertificate<'a> = std::collections::HashMap<crate::chain::CertRef, Vec<(usize, &'a Finding)>>;

/// Indexes the findings by certificate, once for all chains.
pub(super) fn by_certificate(findings: &[Finding]) -> ByCertificate<'_> {
    let mut index = ByCertificate::new();
    for (order, finding) in findings.iter().enumerate() {
        if let Some(certificate) = finding.certificate {
            index.entry(certificate).or_default().push((order, finding));
        }
    }
    index
}

/// How to weigh findings: lint errors count when strict; "now" for "valid for 81 more days".
#[derive(Clone, Copy)]
pub(super) struct How {
    pub strict: bool,
    pub now: time::OffsetDateTime,
}

fn judge(
    subject: &str,
    chain: Option<&ChainVerdict>,
    findings: &[&Finding],
    workspace: &Workspace<'_>,
    how: How,
) -> Verdict {
    let (strict, now) = (how.strict, how.now);
    if let Some(worst) = findings.iter().find(|f| f.decides(strict)) {
        let more = findings.iter().filter(|f| f.decides(strict)).count() - 1;
        let also = match more {
            0 => String::new(),
            1 => " (and 1 more error)".into(),
            n => format!(" (and {n} more errors)"),
        };
        let verb = match worst.code.as_ref() {
            "revocation.revoked" => "would be rejected by clients that check revocation",
            // Windows warns about an unsigned program rather than refusing it.
            "signature.unsigned" => "cannot be verified",
            c if c.starts_with("revocation.") => "cannot be trusted yet",
            c if c.starts_with("lint.") => "breaks the rules its CA must follow",
            "key.mismatch" => "does not go with the key loaded",
            "request.bad_signature" => "would be rejected by a CA",
            _ => "would be rejected",
        };
        return Verdict {
            status: Status::Error,
            headline: format!("{subject} {verb}: {}{also}.", lower_first(&sentence(worst))),
        };
    }
    // A warning about how clients see it outranks a rule the CA broke.
    let worst = findings
        .iter()
        .find(|f| f.severity == Severity::Warning && f.category != super::Category::Lint)
        .or_else(|| findings.iter().find(|f| f.severity <= Severity::Warning));
    if let Some(worst) = worst {
        let what = if worst.severity == Severity::Error {
            // A lint error, not counted without --strict.
            "clients accept it, but it breaks rules its CA must follow"
        } else if chain.is_none() && worst.certificate.is_none() {
            // A CRL, a request, a key: no client accepts or rejects these.
            "needs attention:"
        } else {
            "clients accept it, but"
        };
        let more = findings.iter().filter(|f| f.severity <= Severity::Warning).count() - 1;
        let also = if more > 0 { format!(" (and {more} more to fix)") } else { String::new() };
        let (connector, said) = if what.ends_with("but") || what.ends_with(':') {
            (" ", lower_first(&sentence(worst)))
        } else {
            (": ", sentence(worst))
        };
        let headline = if what == "needs attention:" {
            format!("{subject} {what} {said}{also}.")
        } else {
            format!("{subject}: {what}{connector}{said}{also}.")
        };
        return Verdict { status: Status::Warning, headline };
    }
    let headline = match chain {
        Some(chain) => {
            let leaf = certificate(workspace, chain.leaf);
            let left = leaf.map(|c| format!(", valid for another {}", span(now, c.not_after))).unwrap_or_default();
            let left = if findings.iter().any(|f| f.code == "validity.expiring_soon") { String::new() } else { left };
            match (&chain.anchor, &chain.store) {
                (Some(anchor), Some(store)) => format!("{subject} is fine: it leads to '{anchor}' ({store}){left}."),
                _ => format!("{subject} is fine{left}."),
            }
        }
        None => format!("{subject}: nothing to fix."),
    };
    Verdict { status: Status::Ok, headline }
}

/// The one verdict over everything: the chain people asked about when there is one, else
/// the worst chain's, else the inputs'.
pub(super) fn overall(chains: &[ChainVerdict], findings: &[Finding], workspace: &Workspace<'_>, how: How) -> Verdict {
    let strict = how.strict;
    let all: Vec<&Finding> = findings.iter().collect();
    // Inputs that did not load come first: the person must know what was not judged.
    if let Some(input) = findings.iter().find(|f| f.category == super::Category::Input && f.severity == Severity::Error)
    {
        let more = findings.iter().filter(|f| f.decides(strict)).count() - 1;
        let also = if more > 0 { format!(" (and {more} more errors)") } else { String::new() };
        return Verdict {
            status: Status::Error,
            headline: format!("Not everything could be judged: {}{also}.", sentence(input)),
        };
    }
    // A signed file (or one that ought to be): its signature is what people ask about.
    if let Some(index) = workspace.inputs.iter().position(|i| !i.signatures.is_empty() || i.signable.is_some()) {
        let ours = |f: &Finding| {
            f.input == Some(index)
                || f.certificate.is_some_and(|c| {
                    c.input == index || chains.iter().any(|chain| chain.leaf.input == index && chain.path.contains(&c))
                })
        };
        let own: Vec<&Finding> = findings.iter().filter(|f| ours(f)).collect();
        let outside: Vec<&Finding> = findings.iter().filter(|f| !ours(f)).collect();
        return also(signed_file(index, chains, &own, workspace, how), &outside, strict);
    }
    let leaves: Vec<&ChainVerdict> = chains.iter().filter(|c| !c.ca).collect();
    match (leaves.as_slice(), chains) {
        ([], []) => {
            let (requests, lists) =
                workspace.inputs.iter().fold((0, 0), |(r, l), i| (r + i.requests.len(), l + i.revocation_lists.len()));
            let subject = match (requests, lists) {
                (1, 0) => "The signing request",
                (_, 0) if requests > 1 => "The signing requests",
                (0, 1) => "The CRL",
                (0, _) if lists > 1 => "The CRLs",
                _ => "What was loaded",
            };
            if all.is_empty() && requests + lists == 0 {
                Verdict { status: Status::Ok, headline: "Nothing to judge: no certificate was loaded.".into() }
            } else {
                judge(subject, None, &all, workspace, how)
            }
        }
        ([one], _) => {
            // What is outside this chain (a CA bundle beside it, an input, a key) still counts.
            let outside: Vec<&Finding> =
                findings.iter().filter(|f| f.certificate.is_none_or(|c| !one.path.contains(&c))).collect();
            also(one.verdict.clone(), &outside, strict)
        }
        _ => {
            // Leaves first (what people ask about), then CA chains (a trust store's roots):
            // the overall status is the worst of all, the example the first at that status.
            let ordered: Vec<&ChainVerdict> = leaves.iter().copied().chain(chains.iter().filter(|c| c.ca)).collect();
            let worst_status = ordered.iter().map(|c| c.verdict.status).max().unwrap_or(Status::Ok);
            let worst = ordered.iter().find(|c| c.verdict.status == worst_status).copied();
            let count = ordered.iter().filter(|c| c.verdict.status == worst_status).count();
            let kind = if leaves.is_empty() { "CA certificates" } else { "chains" };
            let total = ordered.len();
            match worst {
                Some(worst) if worst_status == Status::Error => Verdict {
                    status: Status::Error,
                    headline: format!("{count} of {total} {kind} have errors. First: {}", worst.verdict.headline),
                },
                Some(worst) if worst_status == Status::Warning => {
                    // Findings outside every chain (a key, an input) may still be errors.
                    let rest = judge("What was loaded", None, &all, workspace, how);
                    if rest.status == Status::Error {
                        return rest;
                    }
                    Verdict {
                        status: Status::Warning,
                        headline: format!(
                            "{count} of {total} {kind} have something to fix. First: {}",
                            worst.verdict.headline
                        ),
                    }
                }
                _ => {
                    let rest = judge("What was loaded", None, &all, workspace, how);
                    if rest.status != Status::Ok {
                        return rest;
                    }
                    Verdict { status: Status::Ok, headline: format!("All {total} {kind} are fine.") }
                }
            }
        }
    }
}

/// A verdict, worsened by what lies outside what it was about: "… Also: <the worst outside>".
fn also(verdict: Verdict, outside: &[&Finding], strict: bool) -> Verdict {
    let verdict = also_worse(verdict, outside, strict);
    // A server that insists on a client certificate, said after its chain's verdict.
    match outside.iter().find(|f| f.code == "connection.client_certificate_required") {
        Some(required) => with_sentence(verdict, required),
        None => verdict,
    }
}

/// The verdict, made worse by a finding outside its chain that is worse.
fn also_worse(verdict: Verdict, outside: &[&Finding], strict: bool) -> Verdict {
    let worst = outside
        .iter()
        .find(|f| f.decides(strict))
        .map(|f| (Status::Error, *f))
        .or_else(|| outside.iter().find(|f| f.severity == Severity::Warning).map(|f| (Status::Warning, *f)));
    let Some((status, first)) = worst.filter(|(status, _)| *status > verdict.status) else {
        return verdict;
    };
    let more = outside
        .iter()
        .filter(|f| if status == Status::Error { f.decides(strict) } else { f.severity == Severity::Warning })
        .count()
        - 1;
    let also = match more {
        0 => String::new(),
        1 => " (and 1 more)".into(),
        n => format!(" (and {n} more)"),
    };
    Verdict { status, headline: format!("{} Also: {}{also}.", verdict.headline, sentence(first)) }
}

/// The verdict on a signed file: the worst said of its signatures, signers and their chains,
/// else who signed it, when, and where the signer's chain leads.
fn signed_file(
    index: usize,
    chains: &[ChainVerdict],
    own: &[&Finding],
    workspace: &Workspace<'_>,
    how: How,
) -> Verdict {
    let Some(input) = workspace.inputs.get(index) else {
        return judge("What was loaded", None, own, workspace, how);
    };
    let name = input.source.rsplit(['/', '\\']).next().unwrap_or(&input.source);
    let subject = if input.signatures.is_empty() { name.to_string() } else { format!("The signature on {name}") };
    let mut verdict = judge(&subject, None, own, workspace, how);
    if verdict.status != Status::Ok {
        // "unsigned.exe would be rejected: unsigned.exe: …": the file is named once.
        verdict.headline = verdict.headline.replace(&format!(": {}: ", input.source), ": ");
        return verdict;
    }
    let Some(first) = input.signatures.first() else { return verdict };
    let signer = first.signer.and_then(|i| input.certificates.get(i)).map(|c| format!(" by '{}'", c.display_name()));
    let stamp = first
        .timestamp
        .as_ref()
        .and_then(|t| t.time)
        .map(|t| format!(", timestamped {}", crate::model::time::rfc3339(t)));
    let chain = first.signer.and_then(|i| chains.iter().find(|c| c.leaf.input == index && c.leaf.index == i));
    let leads = match chain.and_then(|c| c.anchor.as_ref().zip(c.store.as_ref())) {
        Some((anchor, store)) => format!("; the signer's chain leads to '{anchor}' ({store})"),
        None => String::new(),
    };
    Verdict {
        status: Status::Ok,
        headline: format!(
            "{subject} is fine: signed{}{}{leads}.",
            signer.unwrap_or_default(),
            stamp.unwrap_or_default()
        ),
    }
}

/// "The chain ends ..." read after "but": "the chain ends ...". Names in quotes stay as they are.
fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.clone().next()) {
        (Some(first), Some(second)) if first.is_ascii_uppercase() && second.is_ascii_lowercase() => {
            first.to_ascii_lowercase().to_string() + chars.as_str()
        }
        _ => text.to_string(),
    }
}
