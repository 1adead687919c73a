//! Signed files concluded: whether each signature verifies, when it was made (a valid
//! timestamp fixes the time its signer is judged at), and what a signer must be for what it
//! signs. A signature made while its certificate was valid, and timestamped, outlives the
//! certificate's expiry; a revocation dated after the timestamp leaves it standing, one dated
//! before it does not (CABF CSBR 7.2.2: for code signing the revocation date is when the key
//! stopped being trusted).

use std::collections::HashMap;

use time::OffsetDateTime;

use super::{Category, ChainVerdict, Finding, Purpose, Severity, Workspace};
use crate::chain::CertRef;
use crate::load::{Input, Signature};
use crate::model::time::rfc3339;

/// When a certificate acted: the time its signatures' valid timestamps fix, and what it signed.
#[derive(Clone, Debug)]
pub(super) struct SignedAt {
    /// The timestamp's time.
    pub time: OffsetDateTime,
    /// "signed.exe's signature", "the timestamp on signed.exe".
    pub what: String,
    /// "was timestamped" (proven by a time-stamping authority), or "says it was signed" (a
    /// mail's own signingTime, which mail clients judge the signer at).
    pub verb: &'static str,
}

/// Certificates (by SHA-256) judged at a signing time rather than now: the signer and the
/// time-stamping authority of every signature with a valid timestamp, and their chains.
pub(super) type SigningTimes = HashMap<Vec<u8>, SignedAt>;

fn file_name(source: &str) -> &str {
    source.rsplit(['/', '\\']).next().unwrap_or(source)
}

/// The signing times of everything loaded.
pub(super) fn signing_times(workspace: &Workspace<'_>, chains: &[ChainVerdict]) -> SigningTimes {
    let mut times = SigningTimes::new();
    let mut leaves: HashMap<CertRef, SignedAt> = HashMap::new();
    for (index, input) in workspace.inputs.iter().enumerate() {
        let name = file_name(&input.source);
        for signature in input.signatures.iter().filter(|s| s.verified()) {
            let stamped = signature.timestamp.as_ref().filter(|t| t.verified()).and_then(|t| t.time);
            // Mail clients judge a signer at the signing time the mail claims (NSS does, and
            // Outlook); nothing but a timestamp proves it, so the words say which.
            let (time, verb) = match (stamped, &signature.from, signature.signing_time) {
                (Some(time), ..) => (time, "was timestamped"),
                (None, Some(_), Some(time)) => (time, "says it was signed"),
                _ => continue,
            };
            let authority = signature.timestamp.as_ref().and_then(|t| t.authority).filter(|_| stamped.is_some());
            for (who, what) in
                [(signature.signer, format!("{name}'s signature")), (authority, format!("the timestamp on {name}"))]
            {
                let Some(at) = who else { continue };
                let reference = CertRef { input: index, index: at };
                leaves.entry(reference).or_insert(SignedAt { time, what: what.clone(), verb });
                if let Some(c) = input.certificates.get(at) {
                    times.entry(c.sha256.to_vec()).or_insert(SignedAt { time, what, verb });
                }
            }
        }
    }
    // The chain above a signer acted at the same time: the path judged, or where no path was
    // found (an old v1 root webpki refuses), the chain as the certificates link up.
    let paths = chains.iter().map(|c| (c.leaf, c.path.as_slice()));
    let linked = workspace.chains.iter().filter_map(|c| Some((*c.certificates.first()?, c.certificates.as_slice())));
    for (leaf, path) in paths.chain(linked) {
        let Some(at) = leaves.get(&leaf) else { continue };
        for reference in path {
            if let Some(c) = super::certificate(workspace, *reference) {
                times.entry(c.sha256.to_vec()).or_insert_with(|| at.clone());
            }
        }
    }
    times
}

/// The purpose a leaf is judged for when it signed something loaded: code signing for an
/// Authenticode signer, email for a mail's, time stamping for a timestamp's authority.
pub(super) fn purpose_of(workspace: &Workspace<'_>, leaf: CertRef) -> Option<Purpose> {
    let input = workspace.inputs.get(leaf.input)?;
    input.signatures.iter().find_map(|s| {
        if s.timestamp.as_ref().and_then(|t| t.authority) == Some(leaf.index) {
            Some(Purpose::TimeStamping)
        } else if s.signer == Some(leaf.index) {
            match (s.kind, &s.from) {
                ("Authenticode" | "JAR", _) => Some(Purpose::CodeSigning),
                (_, Some(_)) => Some(Purpose::Email),
                _ => None,
            }
        } else {
            None
        }
    })
}

/// Findings about every signed input: not signed, each signature, its timestamp, its digest,
/// and the sender of signed mail.
pub(super) fn findings(workspace: &Workspace<'_>, findings: &mut Vec<Finding>) {
    for (index, input) in workspace.inputs.iter().enumerate() {
        let source = &input.source;
        if let Some(what) = input.signable
            && input.signatures.is_empty()
            && input.error.is_none()
        {
            findings.push(
                Finding::new(
                    Severity::Error,
                    "signature.unsigned",
                    Category::Signature,
                    format!("{source}: this {what} is not signed."),
                    "Without a signature nothing says who published it or that it is unchanged: Windows warns 'Unknown publisher' (SmartScreen may block it), and policies that require signed code refuse it.",
                    "Get the file from its publisher's own site; if you are the publisher, sign it with a code-signing certificate and a timestamp (signtool sign /fd sha256 /tr URL /td sha256).",
                )
                .on_input(index)
                .cite("Microsoft Authenticode PE format; CABF CSBR 1.1")
                .label("not signed"),
            );
        }
        for signature in &input.signatures {
            findings.push(verdict(index, source, input, signature));
            findings.extend(timestamp(index, input, signature));
            findings.extend(digest(index, input, signature));
            findings.extend(sender(index, source, input, signature));
        }
    }
}

fn about(finding: Finding, index: usize, signer: Option<usize>) -> Finding {
    match signer {
        Some(signer) => finding.on(CertRef { input: index, index: signer }),
        None => finding.on_input(index),
    }
}

/// What a signature a file carries comes to: verified, its content missing, or not verified.
fn verdict(index: usize, source: &str, input: &Input, signature: &Signature) -> Finding {
    let signer = signature.signer.and_then(|i| input.certificates.get(i));
    let by = signer.map(|c| format!(" by '{}'", c.display_name())).unwrap_or_default();
    let over = signature.file.as_deref().map(|f| format!(" over {f}")).unwrap_or_default();
    let at = signature.signing_time.map(|t| format!(", signed at {}", rfc3339(t))).unwrap_or_default();
    let nested = if signature.nested { "nested " } else { "" };
    let failed = crate::verification::first_failure(&signature.checks);
    let detail = failed.and_then(|c| c.detail()).unwrap_or_default().to_string();
    let citation = match signature.kind {
        "Authenticode" => "Microsoft Authenticode PE format; RFC 2315 9",
        "JAR" => "JAR File Specification, Signed JAR File; RFC 5652 5.4",
        _ => "RFC 5652 5.4, 5.6",
    };
    let finding = if signature.verified() {
        Finding::new(
            Severity::Info,
            "signature.verified",
            Category::Signature,
            format!(
                "{source}: the {nested}{} signature{over}{by} verifies ({}{at}).",
                signature.kind, signature.digest_algorithm
            ),
            "The content is what the signer signed, with the key of the certificate named. Whether that signer may sign it, and is trusted, is judged with its chain.",
            "Nothing to do.",
        )
        .cite(citation)
    } else if signature.content_missing {
        Finding::new(
            Severity::Warning,
            "signature.no_content",
            Category::Signature,
            format!("{source}: a detached {} signature{by}, but the file it signs was not found beside it.", signature.kind),
            "A detached signature holds no content: without the signed file nothing can be checked.",
            "Put the signed file beside the signature under the same name without .p7s or .sig, and open the signature again.",
        )
        .cite("RFC 5652 5.2")
        .label("content missing")
    } else {
        let changed = detail.contains("changed after signing");
        Finding::new(
            Severity::Error,
            "signature.invalid",
            Category::Signature,
            format!("{source}: the {nested}{} signature{over}{by} does NOT verify: {detail}.", signature.kind),
            "A signature that does not verify proves nothing: the content or the signature was changed after signing, or another key signed it.",
            if changed {
                "Do not run or trust this copy: get the file again from its publisher's own site, and compare its hash with the one they publish."
            } else {
                "Do not trust this copy: get the file and its signature again from their source."
            },
        )
        .cite(citation)
        .label(if changed { "changed after signing" } else { "signature fails" })
    };
    about(finding.with("digest_algorithm", signature.digest_algorithm.clone()), index, signature.signer)
}

/// A valid timestamp (the signature outlives its certificate), one that does not hold, or none
/// on code where one is expected.
fn timestamp(index: usize, input: &Input, signature: &Signature) -> Option<Finding> {
    let source = &input.source;
    let signer = signature.signer.and_then(|i| input.certificates.get(i));
    let signer_name = signer.map_or_else(|| "the signer".to_string(), |c| format!("'{}'", c.display_name()));
    if !signature.verified() {
        return None;
    }
    let Some(stamp) = &signature.timestamp else {
        // Code is expected to carry a timestamp; mail and documents are not.
        if !matches!(signature.kind, "Authenticode" | "JAR") {
            return None;
        }
        let until = signer.map(|c| rfc3339(c.not_after)).unwrap_or_else(|| "its expiry".into());
        return Some(about(
            Finding::new(
                Severity::Warning,
                "signature.no_timestamp",
                Category::Signature,
                format!("{source}: the signature by {signer_name} has no timestamp: it dies with the certificate on {until}."),
                "Without a timestamp nothing proves the file was signed while the certificate was valid: once it expires (or is revoked), Windows treats the file as unsigned.",
                "Sign again with a timestamp from a time-stamping authority (signtool sign /tr URL /td sha256; osslsigncode -ts URL; jarsigner -tsa URL).",
            )
            .cite("CABF CSBR 1.3.5; RFC 3161")
            .with("not_after", until)
            .label("no timestamp"),
            index,
            signature.signer,
        ));
    };
    let authority = stamp.authority.and_then(|i| input.certificates.get(i));
    let by = authority
        .map_or_else(|| "an authority whose certificate is not carried".into(), |c| format!("'{}'", c.display_name()));
    let finding = if stamp.verified() {
        let at = stamp.time.map(rfc3339).unwrap_or_default();
        Finding::new(
            Severity::Info,
            "signature.timestamped",
            Category::Signature,
            format!(
                "{source}: timestamped by {by} at {at} ({}): {signer_name} is judged at that time, not today.",
                stamp.kind
            ),
            "A valid timestamp proves when the signature existed: the signer is judged at that time, not today.",
            "Nothing to do.",
        )
        .cite("RFC 3161 2.4.2; CABF CSBR 1.3.5")
        .with("timestamp", at)
    } else {
        let detail =
            crate::verification::first_failure(&stamp.checks).and_then(|c| c.detail()).unwrap_or("no time was read");
        Finding::new(
            Severity::Error,
            "signature.timestamp_invalid",
            Category::Signature,
            format!("{source}: the timestamp by {by} does NOT verify: {detail}. The signature is judged at today's date."),
            "A timestamp that does not verify proves nothing about when the file was signed; it may have been altered.",
            "Get the file again from its publisher; if you are the publisher, timestamp it again (signtool timestamp /tr URL /td sha256).",
        )
        .cite("RFC 3161 2.4.2")
        .label("bad timestamp")
    };
    Some(about(finding, index, signature.signer))
}

/// SHA-1 or MD5 in a signature: acceptable only beside a stronger signature on the same file.
fn digest(index: usize, input: &Input, signature: &Signature) -> Option<Finding> {
    let weak = matches!(signature.digest_algorithm.as_str(), "SHA-1" | "MD5")
        || signature.digest_algorithm.contains("1.2.840.113549.2.5");
    if !weak || !signature.verified() {
        return None;
    }
    let stronger =
        input.signatures.iter().any(|s| s.verified() && !matches!(s.digest_algorithm.as_str(), "SHA-1" | "MD5"));
    let source = &input.source;
    let finding = if stronger {
        Finding::new(
            Severity::Notice,
            "signature.weak_digest",
            Category::Signature,
            format!(
                "{source}: one signature uses {}, beside a stronger one that verifies.",
                signature.digest_algorithm
            ),
            "Dual signing keeps very old Windows versions working; current Windows relies on the SHA-256 signature.",
            "Nothing to do now; drop the SHA-1 signature when no old clients remain.",
        )
    } else {
        Finding::new(
            Severity::Error,
            "signature.weak_digest",
            Category::Signature,
            format!("{source}: the signature uses {}, a hash that collisions have broken.", signature.digest_algorithm),
            "A SHA-1 signature can be transplanted onto another file with the same hash; Windows no longer accepts SHA-1 Authenticode for new code, and CAs may not issue for it.",
            "Sign again with SHA-256 (signtool sign /fd sha256; osslsigncode -h sha256).",
        )
        .label("SHA-1 signature")
    };
    Some(about(
        finding.cite("CABF CSBR 6.1.5, 7.1.3.2.1").with("digest_algorithm", signature.digest_algorithm.clone()),
        index,
        signature.signer,
    ))
}

/// Signed mail: the From address must be one the signer's certificate holds.
fn sender(index: usize, source: &str, input: &Input, signature: &Signature) -> Option<Finding> {
    let from = signature.from.as_ref()?;
    let at = signature.signer?;
    let certificate = input.certificates.get(at)?;
    let held: Vec<String> = certificate
        .subject_alt_names()
        .iter()
        .filter_map(|n| n.strip_prefix("email:").map(str::to_lowercase))
        .collect();
    if held.contains(&from.to_lowercase()) {
        return None;
    }
    Some(
        Finding::new(
            Severity::Error,
            "signature.from_mismatch",
            Category::Signature,
            format!(
                "{source}: the mail is from {from}, but its signer '{}' holds {}.",
                certificate.display_name(),
                if held.is_empty() { "no email address".to_string() } else { held.join(", ") }
            ),
            "Mail clients check that the signer's certificate names the sender: a signature by someone else's certificate is shown as invalid.",
            "Sign with the certificate issued for the From address, or send from the address the certificate holds.",
        )
        .on(CertRef { input: index, index: at })
        .cite("RFC 8550 3; CABF SBR 7.1.2.3")
        .label("wrong sender"),
    )
}

/// A signature's signer as the diagnosis judged it, as checklist lines for beside the
/// signature's own: its chain, its purpose, its validity when it signed, its revocation. Drawn
/// from the findings (never judged apart), so the checklist and the verdict agree.
pub fn signer_checks(
    diagnosis: &super::Diagnosis,
    input: usize,
    signature: &Signature,
) -> Vec<crate::verification::Check> {
    use crate::verification::{Check, Outcome};
    let Some(signer) = signature.signer else { return Vec::new() };
    let reference = CertRef { input, index: signer };
    let about: Vec<&Finding> = diagnosis.about(reference).collect();
    let chain = diagnosis.chains.iter().find(|c| c.leaf == reference);
    let worst = |prefix: &[&str]| {
        about.iter().find(|f| prefix.iter().any(|p| f.code.starts_with(p)) && f.severity <= Severity::Warning).copied()
    };
    let line = |name: &'static str, finding: Option<&Finding>| Check {
        name,
        outcome: match finding {
            Some(f) if f.severity == Severity::Error => Outcome::Fail(f.message.trim_end_matches('.').to_string()),
            Some(f) => Outcome::Warn(f.message.trim_end_matches('.').to_string()),
            None => Outcome::Pass,
        },
    };
    let mut checks = Vec::new();
    // The path's own findings (a missing issuer is said of the intermediate that lacks it).
    let path_finding = chain.and_then(|c| {
        diagnosis.findings.iter().find(|f| {
            matches!(f.category, Category::Trust | Category::Chain)
                && f.severity <= Severity::Warning
                && f.certificate.is_some_and(|r| c.path.contains(&r))
        })
    });
    checks.push(line(
        "The signer's chain leads to a trusted root",
        path_finding.or_else(|| worst(&["trust.", "chain."])),
    ));
    let purpose = match chain.map(|c| c.purpose) {
        Some(Purpose::CodeSigning) => "The signer may sign code (key usage, extended key usage)",
        Some(Purpose::Email) => "The signer may sign mail (key usage, extended key usage)",
        Some(Purpose::TimeStamping) => "The signer may sign timestamps (extended key usage)",
        _ => "The signer may sign for this purpose (key usage, extended key usage)",
    };
    checks.push(line(purpose, worst(&["purpose."])));
    checks.push(line("The signer was valid when it signed", worst(&["validity.expired", "validity.not_yet_valid"])));
    let revoked = worst(&["revocation.revoked"]);
    let answered = about.iter().any(|f| f.code == "revocation.good");
    checks.push(match revoked {
        Some(_) => line("The signer is not revoked (or was revoked after signing)", revoked),
        None if answered => {
            Check { name: "The signer is not revoked (or was revoked after signing)", outcome: Outcome::Pass }
        }
        None => Check {
            name: "The signer is not revoked (or was revoked after signing)",
            outcome: Outcome::NotApplicable(
                "not checked: ask for it (Check revocation in the window; --ocsp or --crl), or load the CA's CRL"
                    .into(),
            ),
        },
    });
    checks
}
