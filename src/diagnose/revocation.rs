//! Revocation, concluded: the answers (OCSP, stapled, CRLs downloaded or loaded) per
//! certificate, and certificates that name no way to ask.

use time::{Date, Duration, Month};

use super::{Category, Finding, Severity, Workspace, distinct};
use crate::model::time::rfc3339;
use crate::revocation::{CrlSource, CrlStatus, LoadedCrlCheck, LoadedOcspCheck, OcspStatus};

/// CABF BR 1.6.1: a Short-lived Subscriber Certificate lives at most 10 days, or 7 when
/// issued on or after 2026-03-15. It needs no revocation information (BR 7.1.2.7.6).
pub(crate) fn short_lived_limit(not_before: time::OffsetDateTime) -> Duration {
    let cut = Date::from_calendar_date(2026, Month::March, 15).map(|d| d.midnight().assume_utc());
    if cut.is_ok_and(|cut| not_before >= cut) { Duration::days(7) } else { Duration::days(10) }
}

pub(super) fn answers(
    workspace: &Workspace<'_>,
    on_path: &std::collections::HashSet<crate::chain::CertRef>,
    signed_at: &super::signature::SigningTimes,
    options: &super::Options,
    findings: &mut Vec<Finding>,
) {
    let staples: Vec<&LoadedOcspCheck> = workspace.extras.iter().filter_map(|e| e.stapled_ocsp.as_ref()).collect();
    let answers = workspace.revocation.by_certificate();
    for (reference, certificate) in distinct(workspace) {
        if certificate.self_signed {
            continue;
        }
        let ocsp: Vec<&LoadedOcspCheck> = answers
            .ocsp(reference)
            .iter()
            .copied()
            .chain(staples.iter().copied().filter(|r| r.certificate == reference))
            .collect();
        let crl: Vec<&LoadedCrlCheck> = answers.crl(reference).to_vec();
        let name = certificate.display_name();
        let revoked = ocsp
            .iter()
            .find_map(|r| match &r.check.status {
                OcspStatus::Revoked { revocation_time, reason } => {
                    Some((*revocation_time, reason.clone(), ocsp_source(r)))
                }
                _ => None,
            })
            .or_else(|| {
                crl.iter().find_map(|r| match &r.check.status {
                    CrlStatus::Revoked { revocation_time, reason } => {
                        Some((*revocation_time, reason.clone(), crl_source(r, workspace)))
                    }
                    _ => None,
                })
            });
        if let Some((at, reason, source)) = revoked {
            let reason_words = reason.clone().unwrap_or_else(|| "no reason given".into());
            if let Some(signed) = signed_at.get(certificate.sha256.as_slice()) {
                findings.push(revoked_signer(reference, &name, at, &reason_words, &source, signed));
                continue;
            }
            // A hold (RFC 5280 5.3.1) suspends it: revoked for now, and the CA may lift it.
            let held = reason.as_deref() == Some("certificateHold");
            findings.push(
                Finding::new(
                    Severity::Error,
                    "revocation.revoked",
                    Category::Revocation,
                    if held {
                        format!("'{name}' is on hold (suspended) since {}, says {source}.", rfc3339(at))
                    } else {
                        format!("'{name}' was revoked on {} ({reason_words}), says {source}.", rfc3339(at))
                    },
                    if held {
                        "Its CA has suspended it (certificateHold): until the hold is lifted, clients that check revocation reject it as revoked."
                    } else {
                        "Its CA has withdrawn it (a key compromised, a mis-issue, a replacement): clients that check revocation reject it, and no one should rely on it."
                    },
                    if held {
                        format!("Ask the CA why '{name}' is on hold: it lifts a hold with removeFromCRL in its next (delta) CRL, or revokes the certificate for good; replace it if it will not be released.")
                    } else {
                        format!("Replace '{name}' with a new certificate (and a new key, if the reason is keyCompromise or none is given), and install it.")
                    },
                )
                .on(reference)
                .cite("RFC 5280 5.3.1; RFC 6960 2.2")
                .with("revocation_time", rfc3339(at))
                .with("reason", reason.unwrap_or_default())
                .with("source", source)
                .label("revoked"),
            );
            continue;
        }
        let good: Vec<String> = ocsp
            .iter()
            .filter(|r| r.check.status == OcspStatus::Good)
            .map(|r| ocsp_source(r))
            .chain(crl.iter().filter(|r| r.check.status == CrlStatus::NotListed).map(|r| crl_source(r, workspace)))
            .collect();
        for r in &ocsp {
            let source = ocsp_source(r);
            let (why, unknown) = match &r.check.status {
                OcspStatus::Good | OcspStatus::Revoked { .. } => continue,
                OcspStatus::Unknown => ("the responder does not know this certificate".to_string(), true),
                OcspStatus::Unverified(why) | OcspStatus::Error(why) => (why.clone(), false),
            };
            // Let's Encrypt switched its OCSP responders off in 2025: its CRLs are the source now.
            let retired = !unknown && r.check.url.contains("lencr.org") && r.check.response_der.is_empty();
            let severity = match (good.is_empty(), retired) {
                (false, true) => Severity::Notice,
                (false, false) | (true, true) => Severity::Warning,
                (true, false) => Severity::Error,
            };
            let finding = if retired {
                Finding::new(
                    severity,
                    "revocation.ocsp_retired",
                    Category::Revocation,
                    format!(
                        "'{name}': {source} did not answer ({why}); Let's Encrypt turned its OCSP responders off in 2025."
                    ),
                    "Its certificates are checked by CRL now; an OCSP URL left in an older certificate leads nowhere.",
                    if good.is_empty() {
                        "Check the CRL instead: certscope report --crl, or Check revocation in the window.".to_string()
                    } else {
                        format!("Nothing to do: {} answered.", good.join(", "))
                    },
                )
            } else if unknown {
                Finding::new(
                    severity,
                    "revocation.unknown",
                    Category::Revocation,
                    format!("'{name}': {source} answered 'unknown': it does not know this certificate."),
                    "A CA's responder knows every certificate it issued; 'unknown' means a certificate it did not issue, a responder for another CA, or a responder that lags behind.",
                    "Check that the certificate is genuine and that the issuer loaded is its real issuer; ask the CA if it persists.",
                )
            } else {
                Finding::new(
                    severity,
                    "revocation.unverified",
                    Category::Revocation,
                    format!("'{name}': revocation could not be verified by {source}: {why}."),
                    if good.is_empty() {
                        "Without a verified answer no one can say it is not revoked; browsers soft-fail and accept it, strict clients (and this report) do not.".to_string()
                    } else {
                        format!(
                            "{} answered good, so the status is known; this source is still broken.",
                            good.join(", ")
                        )
                    },
                    "Check again later; if it persists, tell the CA (its responder is broken) or check the CRL instead.",
                )
            };
            findings.push(
                finding.on(reference).cite("RFC 6960 3.2").with("source", source).with("why", why).label(if unknown {
                    "revocation unknown"
                } else {
                    "revocation unverified"
                }),
            );
        }
        for r in &crl {
            let Some(delta) = r.check.delta.as_ref().filter(|d| !d.applied) else { continue };
            let warned =
                |c: &&crate::verification::Check| c.name == crate::revocation::DELTA_APPLIED && c.result() == "warn";
            let Some(why) = r.check.checks.iter().find(warned).and_then(|c| c.detail()) else {
                continue;
            };
            let source = crl_source(r, workspace);
            findings.push(
                Finding::new(
                    Severity::Warning,
                    "revocation.delta_not_applied",
                    Category::Revocation,
                    format!("'{name}': {source} answered without its delta CRL: {why}."),
                    format!(
                        "A base CRL is reissued rarely; its delta lists what was revoked since (RFC 5280 5.2.4). Without it, a revocation since the base's thisUpdate ({}) is missed.",
                        rfc3339(r.check.this_update)
                    ),
                    match &delta.source {
                        CrlSource::Url(url) => format!("Check that {url} is reachable and serves the current delta of this CRL; if it is the CA's, tell the CA."),
                        CrlSource::Loaded(..) => "Load the delta CRL that builds on this base CRL (the current one), or the base CRL the delta names.".to_string(),
                    },
                )
                .on(reference)
                .cite("RFC 5280 5.2.4, 6.3.3 (c)")
                .with("source", source)
                .with("why", why.to_string())
                .label("delta CRL not applied"),
            );
        }
        for r in &crl {
            let (CrlStatus::Unverified(why) | CrlStatus::Error(why)) = &r.check.status else { continue };
            let source = crl_source(r, workspace);
            // ldap:/// names the machine's own Windows domain: beside a URL that answered, it
            // is what every client outside the domain meets, not a fault.
            if let CrlSource::Url(url) = &r.source
                && crate::net::ldap::is_host_less(url)
                && !good.is_empty()
            {
                findings.push(
                    Finding::new(
                        Severity::Info,
                        "revocation.directory_url",
                        Category::Revocation,
                        format!("'{name}': {url} is the CRL in the Windows domain's directory, which cannot be reached from here; {} answered.", good.join(" and ")),
                        "A host-less ldap:/// URL (Active Directory Certificate Services writes one first) means the directory of the domain the machine is in: clients inside the domain read it there, every other client uses the next URL.",
                        "Nothing to do.",
                    )
                    .on(reference)
                    .cite("RFC 4516 2; RFC 5280 4.2.1.13")
                    .with("source", source),
                );
                continue;
            }
            let severity = if good.is_empty() { Severity::Error } else { Severity::Warning };
            findings.push(
                Finding::new(
                    severity,
                    "revocation.unverified",
                    Category::Revocation,
                    format!("'{name}': revocation could not be verified by {source}: {why}."),
                    "A CRL that cannot be believed says nothing: the certificate may be revoked.",
                    "Get the CRL again (a newer one, or from the CA's URL); check that it is the issuer's CRL.",
                )
                .on(reference)
                .cite("RFC 5280 6.3.3")
                .with("source", source)
                .with("why", why.clone())
                .label("revocation unverified"),
            );
        }
        if !good.is_empty() {
            findings.push(
                Finding::new(
                    Severity::Info,
                    "revocation.good",
                    Category::Revocation,
                    format!("'{name}' is not revoked, says {}.", good.join(" and ")),
                    "Each answer was verified (signature, issuer, dates) before it was believed.",
                    "Nothing to do.",
                )
                .on(reference)
                .label("not revoked"),
            );
            continue;
        }
        if !ocsp.is_empty() || !crl.is_empty() {
            continue;
        }
        let sources = !certificate.ocsp_urls().is_empty() || !certificate.crl_urls().is_empty();
        let lifetime = certificate.not_after - certificate.not_before;
        if !sources && !certificate.is_ca() && lifetime <= short_lived_limit(certificate.not_before) {
            findings.push(
                Finding::new(
                    Severity::Info,
                    "validity.short_lived",
                    Category::Revocation,
                    format!("'{name}' is short-lived ({} days): it needs no revocation information.", lifetime.whole_days()),
                    "A certificate that expires within days is not worth revoking; the Baseline Requirements exempt it from CRLs and OCSP.",
                    "Nothing to do.",
                )
                .on(reference)
                .cite("CABF BR 1.6.1, 4.9.1.1, 7.1.2.7.6"),
            );
        } else if !sources {
            findings.push(
                Finding::new(
                    Severity::Warning,
                    "revocation.no_source",
                    Category::Revocation,
                    format!("'{name}' names no OCSP responder and no CRL: its revocation cannot be checked."),
                    "If its key leaks, clients cannot learn that it was revoked; the Baseline Requirements require a CRL point in every certificate that is not short-lived.",
                    "Ask the CA for certificates with a CRL distribution point (or OCSP URL); for a private CA, publish a CRL and name it in the CA's profile.",
                )
                .on(reference)
                .cite("CABF BR 7.1.2.7.6; RFC 5280 4.2.1.13")
                .label("no revocation info"),
            );
        } else if !options.revocation_asked && on_path.contains(&reference) {
            findings.push(
                Finding::new(
                    Severity::Notice,
                    "revocation.not_checked",
                    Category::Revocation,
                    format!("'{name}': revocation was not checked."),
                    "Files are judged offline unless asked: revocation needs the network.",
                    "Check it: certscope report --ocsp --crl, or Check revocation in the window.",
                )
                .on(reference),
            );
        }
    }
}

fn ocsp_source(r: &LoadedOcspCheck) -> String {
    if r.check.url == crate::host::STAPLED {
        "the OCSP response stapled by the server".into()
    } else {
        format!("the OCSP responder {}", r.check.url)
    }
}

fn crl_source(r: &LoadedCrlCheck, workspace: &Workspace<'_>) -> String {
    let named = |source: &CrlSource, what: &str| match source {
        CrlSource::Url(url) => format!("the {what} at {url}"),
        CrlSource::Loaded(input, _) => match workspace.inputs.get(*input) {
            Some(loaded) => format!("the {what} file {}", loaded.source),
            None => format!("a {what} file"),
        },
    };
    match (r.check.delta.as_ref().filter(|d| d.applied), r.check.answered_by) {
        (Some(delta), crate::revocation::AnsweredBy::Delta) => {
            format!("{} (the delta of {})", named(&delta.source, "delta CRL"), named(&r.source, "base CRL"))
        }
        (Some(delta), _) => format!("{} with {}", named(&r.source, "base CRL"), named(&delta.source, "delta CRL")),
        (None, _) => named(&r.source, "CRL"),
    }
}

/// A revoked certificate that signed under a valid timestamp: revoked after the signing, the
/// signature stands (the revocation date is when its key stopped being trusted); before, it
/// falls.
fn revoked_signer(
    reference: crate::chain::CertRef,
    name: &str,
    at: time::OffsetDateTime,
    reason: &str,
    source: &str,
    signed: &super::signature::SignedAt,
) -> Finding {
    let when = rfc3339(signed.time);
    let after = at > signed.time;
    let finding = if after {
        Finding::new(
            Severity::Warning,
            "revocation.revoked",
            Category::Revocation,
            format!(
                "'{name}' was revoked on {} ({reason}), says {source}: after {} {} at {when}, so that signature stays valid.",
                rfc3339(at),
                signed.what,
                signed.verb
            ),
            "The CA dates a revocation from when the key stopped being trusted: what was signed and timestamped before stays valid, anything signed after is rejected.",
            format!("This file is fine; the publisher must sign new releases with a new certificate (and key) in place of '{name}'."),
        )
        .label("revoked after signing")
    } else {
        Finding::new(
            Severity::Error,
            "revocation.revoked",
            Category::Revocation,
            format!(
                "'{name}' was revoked on {} ({reason}), says {source}: before {} {} at {when}, so that signature is invalid.",
                rfc3339(at),
                signed.what,
                signed.verb
            ),
            "A signature made after the revocation date was made with a key no longer trusted: clients reject it, and the file may be malicious.",
            "Do not run this file; report it to the publisher and get a release signed with a valid certificate.",
        )
        .label("revoked before signing")
    };
    finding
        .on(reference)
        .cite("RFC 5280 5.3.1; CABF CSBR 7.2.2")
        .with("revocation_time", rfc3339(at))
        .with("reason", reason)
        .with("source", source)
        .with("signed_at", when)
}
