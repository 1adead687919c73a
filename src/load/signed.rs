//! Signed files: what their signatures come to, as the load layer records them. CMS (detached
//! `.p7s`, PEM blocks, configuration profiles), S/MIME mail and Authenticode (PE and MSI) all
//! land in one [`Signature`] per signer, its checks in order and its timestamp beside it.

use std::path::Path;

use super::{Input, LoadError, authenticode, cms_signature, jar, mail, pkcs7};
use crate::model::Certificate;

/// A signature a file carries, and what became of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Signature {
    /// What kind: `CMS`.
    pub kind: &'static str,
    /// The file it signs, when that is another file (a detached signature's content).
    pub file: Option<String>,
    /// The signer's certificate: an index into the input's certificates.
    pub signer: Option<usize>,
    /// `SHA-256`.
    pub digest_algorithm: String,
    /// When the signer says it signed (the signingTime attribute).
    pub signing_time: Option<time::OffsetDateTime>,
    /// Every check, in order.
    pub checks: Vec<crate::verification::Check>,
    /// For signed mail: the From address the signer's certificate must hold.
    pub from: Option<String>,
    /// A detached signature whose content was neither in it nor found beside it.
    pub content_missing: bool,
    /// The signature's timestamp, checked, when it has one.
    pub timestamp: Option<Timestamp>,
    /// Nested in another signature (Authenticode's second signature, often the SHA-256 one).
    pub nested: bool,
}

/// A timestamp on a signature: when a time-stamping authority saw it, and whether that holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Timestamp {
    /// `RFC 3161` or `Authenticode` (the legacy countersignature).
    pub kind: &'static str,
    /// When the authority says the signature existed.
    pub time: Option<time::OffsetDateTime>,
    /// The authority's certificate: an index into the input's certificates.
    pub authority: Option<usize>,
    /// Every check, in order.
    pub checks: Vec<crate::verification::Check>,
}

impl Timestamp {
    /// Every check passed and the time was read.
    pub fn verified(&self) -> bool {
        self.time.is_some()
            && !self.checks.is_empty()
            && self.checks.iter().all(|c| matches!(c.outcome, crate::verification::Outcome::Pass))
    }
}

impl Signature {
    /// Every check passed.
    pub fn verified(&self) -> bool {
        !self.checks.is_empty() && self.checks.iter().all(|c| matches!(c.outcome, crate::verification::Outcome::Pass))
    }
}

/// The signatures of CMS SignedData in `bytes`, `detached` its content when not carried; the
/// signers found among `certificates` (the input's). None when it has no signer (a bundle).
pub(super) fn cms_signatures(
    bytes: &[u8],
    detached: Option<(&str, &[u8])>,
    certificates: &[Certificate],
) -> Option<Vec<Signature>> {
    let signers = cms_signature::verify(bytes, detached.map(|(_, content)| content)).ok()?;
    Some(
        signers
            .into_iter()
            .map(|check| {
                let mut signature = from_check(check, certificates);
                signature.file = detached.map(|(name, _)| name.to_string());
                signature
            })
            .collect(),
    )
}

/// The file a detached signature signs: the same name without `.p7s`, `.sig` or `.p7m`.
pub(super) fn signed_content_of(path: &Path) -> Option<std::path::PathBuf> {
    let name = path.file_name()?.to_str()?;
    ["p7s", "sig", "p7m"]
        .iter()
        .find_map(|ext| name.strip_suffix(&format!(".{ext}")))
        .map(|stem| path.with_file_name(stem))
        .filter(|content| content.is_file())
}

/// S/MIME mail: the signer's certificates (those the signature carries) join the input, and
/// each signature is checked over the part as signed, with the From address beside it.
pub(super) fn read_mail(input: &mut Input, mail: mail::Mail) {
    input.format = Some("S/MIME mail");
    let from = mail.from.clone().map(|f| format!(" from {f}")).unwrap_or_default();
    if let Some(enveloped) = &mail.encrypted {
        let recipients = enveloped.as_deref().map(cms_signature::recipients);
        input.notes.push(match recipients {
            Some(Ok(list)) => {
                format!("Encrypted mail{from} to {} recipient(s), nothing decrypted: {}", list.len(), list.join("; "))
            }
            Some(Err(why)) => format!("Encrypted mail{from}: its recipients cannot be read ({why})"),
            None => format!("Encrypted mail{from}: its body is not base64"),
        });
        // Nothing failed: an encrypted mail carries no certificate, only its recipients' names.
        return;
    }
    let Some((signature, content)) = mail.signature else {
        input.error = Some(LoadError::Parse("S/MIME mail without a signature that can be read".into()));
        return;
    };
    match pkcs7::read(&signature) {
        Ok(bundle) => {
            for der in &bundle.certificates {
                match Certificate::from_der(der) {
                    Ok(certificate) => input.certificates.push(certificate),
                    Err(why) => input.problems.push(format!("a certificate in the signature: {why}")),
                }
            }
        }
        Err(why) => {
            input.error = Some(LoadError::Parse(format!("the mail's signature is not CMS: {why}")));
            return;
        }
    }
    let detached = content.as_deref().map(|c| ("the message as signed", c));
    if let Some(mut signatures) = cms_signatures(&signature, detached, &input.certificates) {
        for signature in &mut signatures {
            signature.from = mail.from.clone();
        }
        input.signatures = signatures;
    }
    input.notes.push(format!("Signed mail{from}"));
}

/// A configuration profile's certificate payloads join the input, and a note says what it is.
pub(super) fn add_profile(input: &mut Input, name: Option<String>, payloads: Vec<Vec<u8>>, signed: bool) {
    input.format = Some("Apple configuration profile");
    let mut read = 0;
    for (n, der) in payloads.iter().enumerate() {
        match Certificate::from_der(der) {
            Ok(certificate) => {
                input.certificates.push(certificate);
                read += 1;
            }
            Err(why) => input.problems.push(format!("payload {}: {why}", n + 1)),
        }
    }
    let name = name.map(|n| format!(" '{n}'")).unwrap_or_default();
    let signed = if signed { "signed (its signature checked below)" } else { "not signed" };
    input.notes.push(format!("Apple configuration profile{name}, {signed}: {read} certificate payload(s)"));
}

/// A signer's check as the input records it: certificates named by their index in the input.
fn from_check(check: cms_signature::SignerCheck, certificates: &[Certificate]) -> Signature {
    let index = |c: &Option<Certificate>| {
        c.as_ref().and_then(|c| certificates.iter().position(|other| other.sha256 == c.sha256))
    };
    Signature {
        kind: "CMS",
        file: None,
        signer: index(&check.signer),
        digest_algorithm: check.digest_algorithm,
        signing_time: check.signing_time,
        checks: check.checks,
        from: None,
        content_missing: check.content_missing,
        timestamp: check.timestamp.map(|t| Timestamp {
            kind: t.kind,
            time: t.time,
            authority: index(&t.authority),
            checks: t.checks,
        }),
        nested: false,
    }
}

/// A PE file or an MSI installer, read with its Authenticode signatures; the certificates they
/// carry join the input, and a note says what the file is and who signed it.
pub(super) fn read_authenticode(input: &mut Input, read: Result<authenticode::SignedFile, String>, msi: bool) {
    input.format = Some(if msi { "MSI installer" } else { "Windows executable" });
    let file = match read {
        Ok(file) => file,
        Err(why) => {
            input.error = Some(LoadError::Parse(why));
            return;
        }
    };
    // Another compound file (an Office document, an Outlook message) is not an installer.
    if msi && !file.what.starts_with("Windows Installer") && file.signatures.is_empty() {
        input.format = Some("Compound file");
        input.error = Some(LoadError::Parse(format!(
            "{}: certscope reads the signatures of Windows installers (MSI), not other compound files",
            file.what
        )));
        return;
    }
    input.signable = Some(match (msi, file.what.starts_with("Windows DLL")) {
        (true, _) => "installer",
        (false, true) => "library",
        (false, false) => "program",
    });
    input.certificates.extend(file.certificates.iter().cloned());
    for signature in file.signatures {
        let mut recorded = from_check(signature.check, &input.certificates);
        recorded.kind = "Authenticode";
        recorded.nested = signature.nested;
        input.signatures.push(recorded);
    }
    let who = |s: &Signature| {
        s.signer
            .and_then(|i| input.certificates.get(i))
            .map_or("an unknown signer".to_string(), |c| format!("'{}'", c.display_name()))
    };
    let mut note = file.what.clone();
    match input.signatures.first() {
        None => note.push_str(": not signed"),
        Some(first) => {
            note.push_str(&format!(": Authenticode signature by {}", who(first)));
            if let Some(at) = first.signing_time {
                note.push_str(&format!(" on {}", crate::model::time::rfc3339(at)));
            }
            match &first.timestamp {
                Some(t) => {
                    let by = t.authority.and_then(|i| input.certificates.get(i));
                    let by = by.map_or("an authority not carried".into(), |c| format!("'{}'", c.display_name()));
                    let at = t.time.map(|t| format!(" at {}", crate::model::time::rfc3339(t))).unwrap_or_default();
                    note.push_str(&format!(", timestamped by {by}{at}"));
                }
                None => note.push_str(", not timestamped"),
            }
            let nested = input.signatures.iter().filter(|s| s.nested).count();
            if nested > 0 {
                note.push_str(&format!("; {nested} nested signature(s)"));
            }
        }
    }
    input.notes.push(note);
    input.notes.extend(file.notes);
}

/// A Java archive or Android package: its v1 signatures (each signature block's signer, with
/// the archive's files checked against the manifest), the certificates the blocks carry.
pub(super) fn read_jar(input: &mut Input, read: Result<jar::Archive, String>) {
    let archive = match read {
        Ok(archive) => archive,
        Err(why) => {
            input.format = Some("ZIP archive");
            input.error = Some(LoadError::Parse(why));
            return;
        }
    };
    let apk = archive.what.starts_with("Android");
    input.format = Some(if apk { "Android package" } else { "Java archive" });
    input.signable = Some(if apk { "Android package" } else { "Java archive" });
    input.certificates.extend(archive.certificates.iter().cloned());
    for check in archive.signatures {
        let mut signature = from_check(check, &input.certificates);
        signature.kind = "JAR";
        input.signatures.push(signature);
    }
    let mut note = archive.what.to_string();
    match input.signatures.first() {
        None => note.push_str(": not signed"),
        Some(first) => {
            let by = first.signer.and_then(|i| input.certificates.get(i));
            let by = by.map_or("an unknown signer".into(), |c| format!("'{}'", c.display_name()));
            note.push_str(&format!(": signed (JAR signature) by {by}"));
            if let Some(t) = first.timestamp.as_ref().and_then(|t| t.time) {
                note.push_str(&format!(", timestamped at {}", crate::model::time::rfc3339(t)));
            } else {
                note.push_str(", not timestamped");
            }
        }
    }
    input.notes.push(note);
    input.notes.extend(archive.notes);
}
