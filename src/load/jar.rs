//! Java archives and Android packages signed the JAR way (v1, what jarsigner writes): the
//! manifest (`META-INF/MANIFEST.MF`) holds each file's digest, a signature file (`X.SF`) holds
//! the manifest's digest, and a signature block (`X.RSA`, `X.EC`, `X.DSA`) is a detached CMS
//! signature over the signature file. Each signer gets one checklist: every file against the
//! manifest, no file left out of it, the manifest against the .SF, then the CMS checks (and its
//! RFC 3161 timestamp, jarsigner -tsa). The archive is read by `zip`; what it inflates is capped.
//! An APK's v2/v3 signing block is noticed and said, not checked: no kept crate parses it.

use std::io::{Cursor, Read as _};

use super::cms_signature::{self, SignerCheck};
use crate::verification::{Check, Outcome};

/// A ZIP's local file header.
pub const MAGIC: [u8; 4] = *b"PK\x03\x04";
/// At most this much is inflated from one archive, so a ZIP bomb cannot exhaust memory.
const MAX_INFLATED: u64 = 1024 * 1024 * 1024;

/// A signed (or unsigned) archive, read.
#[derive(Debug)]
pub struct Archive {
    /// "Java archive (JAR)" or "Android package (APK)".
    pub what: &'static str,
    /// Each signature block's signer, checked.
    pub signatures: Vec<SignerCheck>,
    /// Every certificate the signature blocks carry, once each.
    pub certificates: Vec<crate::model::Certificate>,
    /// Said of the archive as a whole.
    pub notes: Vec<String>,
}

/// Reads a ZIP that is a Java archive or an Android package; None for any other ZIP.
pub fn read(bytes: &[u8]) -> Option<Result<Archive, String>> {
    let mut zip = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(zip) => zip,
        Err(err) => return Some(Err(format!("a ZIP archive that cannot be read: {err}"))),
    };
    let names: Vec<String> = zip.file_names().filter_map(Result::ok).map(|n| n.to_string()).collect();
    let apk = names.iter().any(|n| n == "AndroidManifest.xml");
    if !apk && !names.iter().any(|n| n.eq_ignore_ascii_case("META-INF/MANIFEST.MF")) {
        return None;
    }
    let what = if apk { "Android package (APK)" } else { "Java archive (JAR)" };
    Some(check(&mut zip, &names).map(|(signatures, certificates, mut notes)| {
        if apk && bytes.windows(16).any(|w| w == b"APK Sig Block 42") {
            notes.push("an APK v2/v3 signing block is present: certscope checks the v1 (JAR) signature only".into());
        }
        Archive { what, signatures, certificates, notes }
    }))
}

type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

fn entry(zip: &mut Zip<'_>, name: &str, budget: &mut u64) -> Result<Vec<u8>, String> {
    let file = zip.by_name(name).map_err(|e| format!("{name}: {e}"))?;
    let mut bytes = Vec::new();
    file.take(*budget + 1).read_to_end(&mut bytes).map_err(|e| format!("{name}: {e}"))?;
    if bytes.len() as u64 > *budget {
        return Err(format!("the archive inflates to more than {MAX_INFLATED} bytes: not read further"));
    }
    *budget -= bytes.len() as u64;
    Ok(bytes)
}

type Checked = (Vec<SignerCheck>, Vec<crate::model::Certificate>, Vec<String>);

fn check(zip: &mut Zip<'_>, names: &[String]) -> Result<Checked, String> {
    let mut budget = MAX_INFLATED;
    let manifest_name = names.iter().find(|n| n.eq_ignore_ascii_case("META-INF/MANIFEST.MF")).cloned();
    let manifest = match &manifest_name {
        Some(name) => entry(zip, name, &mut budget)?,
        None => Vec::new(),
    };
    let blocks: Vec<&String> = names
        .iter()
        .filter(|n| {
            let upper = n.to_ascii_uppercase();
            upper.starts_with("META-INF/")
                && !upper["META-INF/".len()..].contains('/')
                && [".RSA", ".DSA", ".EC"].iter().any(|ext| upper.ends_with(ext))
        })
        .collect();
    let mut notes = Vec::new();
    if blocks.is_empty() {
        return Ok((Vec::new(), Vec::new(), notes));
    }
    // The files a signature must cover: all but directories and the signature files themselves.
    let sections = manifest_sections(&manifest);
    let mut files_check = Ok(0usize);
    let mut uncovered = Vec::new();
    for name in names {
        let upper = name.to_ascii_uppercase();
        let signature_file = upper.starts_with("META-INF/")
            && !upper["META-INF/".len()..].contains('/')
            && (upper.ends_with(".MF")
                || upper.ends_with(".SF")
                || upper.ends_with(".RSA")
                || upper.ends_with(".DSA")
                || upper.ends_with(".EC")
                || upper.starts_with("META-INF/SIG-"));
        if name.ends_with('/') || signature_file {
            continue;
        }
        let Some(section) = sections.iter().find(|s| s.name.as_deref() == Some(name.as_str())) else {
            uncovered.push(name.clone());
            continue;
        };
        let content = entry(zip, name, &mut budget)?;
        let digests: Vec<(&'static aws_lc_rs::digest::Algorithm, &str)> =
            section.digests.iter().filter_map(|(alg, value)| Some((digest(alg)?, value.as_str()))).collect();
        let matches =
            digests.iter().any(|(alg, value)| base64(aws_lc_rs::digest::digest(alg, &content).as_ref()) == *value);
        if digests.is_empty() || !matches {
            files_check = Err(format!("{name} is not the file signed: it was changed after signing"));
            break;
        }
        if let Ok(n) = &mut files_check {
            *n += 1;
        }
    }
    let shared = vec![
        Check {
            name: "Every file's digest matches the manifest",
            outcome: match &files_check {
                Ok(_) => Outcome::Pass,
                Err(why) => Outcome::Fail(why.clone()),
            },
        },
        Check {
            name: "Every file of the archive is in the manifest (none added after signing)",
            outcome: if uncovered.is_empty() {
                Outcome::Pass
            } else {
                Outcome::Fail(format!(
                    "{} file(s) are not signed: {}",
                    uncovered.len(),
                    uncovered.iter().take(5).cloned().collect::<Vec<_>>().join(", ")
                ))
            },
        },
    ];
    if let Ok(n) = files_check {
        notes.push(format!("{n} file(s) signed"));
    }
    let mut signatures = Vec::new();
    let mut certificates: Vec<crate::model::Certificate> = Vec::new();
    for block_name in blocks {
        let stem = &block_name[..block_name.rfind('.').unwrap_or(block_name.len())];
        let sf_name = names.iter().find(|n| n.eq_ignore_ascii_case(&format!("{stem}.SF"))).cloned();
        let block = entry(zip, block_name, &mut budget)?;
        let sf = match &sf_name {
            Some(name) => Some(entry(zip, name, &mut budget)?),
            None => None,
        };
        if let Ok(signed) = cms_signature::signed_data(&block) {
            for certificate in cms_signature::certificates_in(&signed) {
                if !certificates.iter().any(|c| c.sha256 == certificate.sha256) {
                    certificates.push(certificate);
                }
            }
        }
        let checks = match cms_signature::verify(&block, sf.as_deref()) {
            Ok(signers) => signers,
            Err(why) => {
                notes.push(format!("{block_name}: {why}"));
                continue;
            }
        };
        let manifest_check = Check {
            name: "The signature file (.SF) covers the manifest",
            outcome: match &sf {
                None => Outcome::Fail(format!("{stem}.SF is missing")),
                Some(sf) => match sf_covers(sf, &manifest, &sections) {
                    Ok(()) => Outcome::Pass,
                    Err(why) => Outcome::Fail(why),
                },
            },
        };
        for mut signer in checks {
            // The timestamp's authority and its chain join the archive's certificates.
            for certificate in signer.timestamp.iter().flat_map(|t| &t.certificates) {
                if !certificates.iter().any(|c| c.sha256 == certificate.sha256) {
                    certificates.push(certificate.clone());
                }
            }
            if let Some(first) = signer.checks.first_mut() {
                first.name = "The signature block signs the signature file (.SF)";
            }
            let mut all = shared.clone();
            all.push(manifest_check.clone());
            all.append(&mut signer.checks);
            signer.checks = all;
            signatures.push(signer);
        }
    }
    Ok((signatures, certificates, notes))
}

/// One manifest section: its Name (none for the main section), its digests, and its bytes as
/// written (what a .SF's per-section digest covers).
struct Section {
    name: Option<String>,
    digests: Vec<(String, String)>,
    bytes: Vec<u8>,
}

/// The manifest's sections: blank lines part them, a line starting with one space continues the
/// one before (72-byte lines).
fn manifest_sections(manifest: &[u8]) -> Vec<Section> {
    let mut sections = Vec::new();
    let mut start = 0;
    let mut at = 0;
    let lines: Vec<&[u8]> = manifest.split_inclusive(|b| *b == b'\n').collect();
    let mut current: Vec<Vec<u8>> = Vec::new();
    let mut finish = |current: &mut Vec<Vec<u8>>, bytes: &[u8]| {
        if current.is_empty() {
            return;
        }
        let mut name = None;
        let mut digests = Vec::new();
        for line in current.drain(..) {
            let text = String::from_utf8_lossy(&line).to_string();
            if let Some((key, value)) = text.split_once(": ") {
                if key == "Name" {
                    name = Some(value.to_string());
                } else if let Some(algorithm) = key.strip_suffix("-Digest") {
                    digests.push((algorithm.to_string(), value.to_string()));
                }
            }
        }
        sections.push(Section { name, digests, bytes: bytes.to_vec() });
    };
    for line in &lines {
        let end = at + line.len();
        let bare: &[u8] = line.strip_suffix(b"\n").unwrap_or(line);
        let bare = bare.strip_suffix(b"\r").unwrap_or(bare);
        if bare.is_empty() {
            finish(&mut current, &manifest[start..end]);
            start = end;
        } else if let Some(rest) = bare.strip_prefix(b" ") {
            if let Some(last) = current.last_mut() {
                last.extend_from_slice(rest);
            }
        } else {
            current.push(bare.to_vec());
        }
        at = end;
    }
    finish(&mut current, &manifest[start..]);
    sections
}

/// The .SF's digest of the whole manifest, or else of each section it names (jarsigner's rule).
fn sf_covers(sf: &[u8], manifest: &[u8], sections: &[Section]) -> Result<(), String> {
    let sf_sections = manifest_sections(sf);
    let main = sf_sections.first().ok_or("the signature file is empty")?;
    let whole: Vec<(&'static aws_lc_rs::digest::Algorithm, &str)> = main
        .digests
        .iter()
        .filter_map(|(key, value)| Some((digest(key.strip_suffix("-Manifest")?)?, value.as_str())))
        .collect();
    if whole.iter().any(|(alg, value)| base64(aws_lc_rs::digest::digest(alg, manifest).as_ref()) == *value) {
        return Ok(());
    }
    // Per section: each named in the .SF must match the manifest's section bytes.
    let mut checked = 0;
    for section in sf_sections.iter().skip(1) {
        let Some(name) = &section.name else { continue };
        let theirs = sections
            .iter()
            .find(|s| s.name.as_ref() == Some(name))
            .ok_or_else(|| format!("the signature file names {name}, which the manifest does not"))?;
        let ok = section
            .digests
            .iter()
            .filter_map(|(alg, value)| Some((digest(alg)?, value)))
            .any(|(alg, value)| base64(aws_lc_rs::digest::digest(alg, &theirs.bytes).as_ref()) == *value);
        if !ok {
            return Err(format!("the manifest's entry for {name} is not the one signed: the manifest was changed"));
        }
        checked += 1;
    }
    if checked == 0 {
        return Err("the manifest's digest is not the one signed: the manifest was changed after signing".into());
    }
    Ok(())
}

fn digest(name: &str) -> Option<&'static aws_lc_rs::digest::Algorithm> {
    Some(match name.to_ascii_uppercase().as_str() {
        "SHA-256" => &aws_lc_rs::digest::SHA256,
        "SHA-384" => &aws_lc_rs::digest::SHA384,
        "SHA-512" => &aws_lc_rs::digest::SHA512,
        "SHA1" | "SHA-1" | "SHA" => &aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY,
        _ => return None,
    })
}

fn base64(bytes: &[u8]) -> String {
    data_encoding::BASE64.encode(bytes)
}
