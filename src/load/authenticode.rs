//! Authenticode: Windows' signatures on PE files (.exe, .dll, .sys) and MSI installers.
//!
//! The signature is PKCS#7 SignedData over an SpcIndirectDataContent, which holds the file's
//! hash. Each signer gets the CMS checklist (the signed attributes cover the SpcIndirectData,
//! the signature verifies with the signer's key) after the one check only Authenticode has: the
//! file's hash, computed here as Windows computes it, is the one signed. Timestamps (RFC 3161 or
//! the legacy countersignature) and nested signatures (a SHA-1 signature with a SHA-256 one
//! nested in it) are read and checked the same way.
//!
//! The PE header is read here, every offset bounded, rather than by a binary-parsing crate: the
//! hash needs four offsets, and goblin's Authenticode ranges slice the file unchecked (a
//! malformed header panics). The MSI's compound file is read by `cfb`.

use std::io::Cursor;

use aws_lc_rs::digest::Algorithm;

use super::cms_signature::{self, SignerCheck};
use crate::model::Certificate;
use crate::verification::{Check, Outcome};

/// SPC_INDIRECT_DATA_OBJID: what an Authenticode SignedData signs.
const SPC_INDIRECT_DATA: &str = "1.3.6.1.4.1.311.2.1.4";
/// szOID_NESTED_SIGNATURE: a further signature in a signer's unsigned attributes.
const NESTED_SIGNATURE: &str = "1.3.6.1.4.1.311.2.4.1";
/// The compound file's magic (MS-CFB 2.2).
pub const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
/// Nested signatures deeper than this are not followed (Windows writes one level).
const MAX_NESTING: usize = 4;

/// A file that Authenticode signs, read: what it is, its signatures checked, their certificates.
#[derive(Clone, Debug)]
pub struct SignedFile {
    /// "Windows executable (PE32+, x86-64)", "Windows Installer package (MSI)".
    pub what: String,
    /// Each signature, the primary first, then those nested in it.
    pub signatures: Vec<Signature>,
    /// Every certificate the signatures and their timestamps carry, once each, in order.
    pub certificates: Vec<Certificate>,
    /// What else is worth saying: data after the signature, an extended MSI signature.
    pub notes: Vec<String>,
}

/// One Authenticode signature, checked.
#[derive(Clone, Debug)]
pub struct Signature {
    /// The CMS checklist, with the file's hash first, and the timestamp.
    pub check: SignerCheck,
    /// Nested in the primary signature (szOID_NESTED_SIGNATURE).
    pub nested: bool,
}

/// True for a PE file: "MZ", and "PE\0\0" where e_lfanew points.
pub fn is_pe(bytes: &[u8]) -> bool {
    bytes.starts_with(b"MZ") && pe_header(bytes).is_some()
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at.checked_add(4)?)?.try_into().ok()?))
}

/// The offset of the COFF header (after "PE\0\0").
fn pe_header(bytes: &[u8]) -> Option<usize> {
    let at = usize::try_from(u32_at(bytes, 0x3C)?).ok()?;
    (bytes.get(at..at.checked_add(4)?)? == b"PE\0\0").then_some(at + 4)
}

/// Where the parts Authenticode leaves out of the hash are (PE/COFF spec, "Authenticode PE
/// Image Hash"): the checksum, the Certificate Table's directory entry, and the table itself.
struct Layout {
    checksum: usize,
    directory_entry: usize,
    /// The attribute certificate table: file offset and size (0, 0 when unsigned).
    table: (usize, usize),
    what: String,
}

fn layout(bytes: &[u8]) -> Result<Layout, String> {
    let coff = pe_header(bytes).ok_or("not a PE file: no PE header where e_lfanew points")?;
    let machine = u16_at(bytes, coff).ok_or("the COFF header is cut short")?;
    let optional_size = usize::from(u16_at(bytes, coff + 16).ok_or("the COFF header is cut short")?);
    let characteristics = u16_at(bytes, coff + 18).ok_or("the COFF header is cut short")?;
    let optional = coff + 20;
    let magic = u16_at(bytes, optional).ok_or("the optional header is cut short")?;
    let (kind, count_at, directories) = match magic {
        0x10B => ("PE32", 92, 96),
        0x20B => ("PE32+", 108, 112),
        other => return Err(format!("the optional header's magic {other:#06x} is neither PE32 nor PE32+")),
    };
    let count = u32_at(bytes, optional + count_at).ok_or("the optional header is cut short")?;
    // The Certificate Table is data directory 4 (IMAGE_DIRECTORY_ENTRY_SECURITY).
    let directory_entry = optional + directories + 4 * 8;
    if count < 5 || directories + 5 * 8 > optional_size || directory_entry + 8 > bytes.len() {
        return Err("the optional header has no Certificate Table entry".into());
    }
    let offset = u32_at(bytes, directory_entry).ok_or("cut short")? as usize;
    let size = u32_at(bytes, directory_entry + 4).ok_or("cut short")? as usize;
    let table = if offset == 0 || size == 0 { (0, 0) } else { (offset, size) };
    if table.0 != 0
        && (table.0 < directory_entry + 8 || table.0.checked_add(table.1).is_none_or(|end| end > bytes.len()))
    {
        return Err(format!(
            "the Certificate Table ({size} bytes at {offset:#x}) lies outside the file ({} bytes)",
            bytes.len()
        ));
    }
    let arch = match machine {
        0x014C => "x86",
        0x8664 => "x86-64",
        0xAA64 => "ARM64",
        0x01C4 => "ARMv7",
        0x0200 => "Itanium",
        _ => "another machine",
    };
    let noun = if characteristics & 0x2000 != 0 { "Windows DLL" } else { "Windows executable" };
    Ok(Layout { checksum: optional + 64, directory_entry, table, what: format!("{noun} ({kind}, {arch})") })
}

/// The Authenticode hash of a PE file: everything but the checksum, the Certificate Table's
/// entry and the table, in file order (as Windows and osslsigncode hash a well-formed file).
fn pe_hash(bytes: &[u8], layout: &Layout, algorithm: &'static Algorithm) -> Vec<u8> {
    let end = if layout.table.0 == 0 { bytes.len() } else { layout.table.0 };
    let mut context = aws_lc_rs::digest::Context::new(algorithm);
    context.update(&bytes[..layout.checksum]);
    context.update(&bytes[layout.checksum + 4..layout.directory_entry]);
    context.update(&bytes[layout.directory_entry + 8..end]);
    context.finish().as_ref().to_vec()
}

/// Reads a PE file's Authenticode signatures and checks them against the file.
pub fn read_pe(bytes: &[u8]) -> Result<SignedFile, String> {
    let layout = layout(bytes)?;
    let mut file =
        SignedFile { what: layout.what.clone(), signatures: Vec::new(), certificates: Vec::new(), notes: Vec::new() };
    let (offset, size) = layout.table;
    if offset == 0 {
        return Ok(file);
    }
    let after = bytes.len() - (offset + size);
    if after > 0 {
        file.notes
            .push(format!("{after} bytes follow the signature, outside what it covers (data appended after signing)"));
    }
    let hash = |algorithm: &'static Algorithm| pe_hash(bytes, &layout, algorithm);
    // WIN_CERTIFICATE entries: dwLength, wRevision, wCertificateType, then the blob, 8-aligned.
    let mut at = offset;
    while at + 8 <= offset + size {
        let length = u32_at(bytes, at).unwrap_or(0) as usize;
        let kind = u16_at(bytes, at + 6).unwrap_or(0);
        if length < 8 || at + length > offset + size {
            file.notes.push(format!("a certificate table entry at {at:#x} has a bad length ({length})"));
            break;
        }
        let blob = &bytes[at + 8..at + length];
        // dwLength may count the padding to 8 bytes: the SignedData ends where its DER says.
        let blob = match super::element(blob) {
            Ok((_, tlv, rest)) if rest.iter().all(|b| *b == 0) => tlv,
            _ => blob,
        };
        if kind == 0x0002 {
            read_signature(blob, &hash, false, 0, &mut file)?;
        } else {
            file.notes.push(format!("a certificate table entry of type {kind:#06x} (not PKCS#7) is skipped"));
        }
        at += length.div_ceil(8) * 8;
    }
    Ok(file)
}

/// One Authenticode SignedData: its signers checked against the file's hash, their timestamps,
/// and the signatures nested in them.
fn read_signature(
    blob: &[u8],
    hash: &dyn Fn(&'static Algorithm) -> Vec<u8>,
    nested: bool,
    depth: usize,
    file: &mut SignedFile,
) -> Result<(), String> {
    let signed = cms_signature::signed_data(blob).map_err(|why| format!("the Authenticode signature: {why}"))?;
    let content_type = signed.encap_content_info.econtent_type.to_string();
    if content_type != SPC_INDIRECT_DATA {
        return Err(format!("the signature signs {content_type}, not Authenticode's SpcIndirectDataContent"));
    }
    let certificates = cms_signature::certificates_in(&signed);
    add_certificates(file, &certificates);
    let content = cms_signature::carried(&signed);
    let indirect = content.as_deref().map(spc_indirect_data);
    for info in signed.signer_infos.0.iter() {
        let mut check = cms_signature::check_signer(info, &certificates, content.as_deref());
        if let Some(first) = check.checks.first_mut() {
            first.name = "The signed attributes cover the file's hash (SpcIndirectData)";
        }
        let outcome = match &indirect {
            None => Outcome::Fail("the signature carries no SpcIndirectDataContent".into()),
            Some(Err(why)) => Outcome::Fail(why.clone()),
            Some(Ok((oid, signed_hash))) => match cms_signature::digest_of(oid) {
                None => Outcome::Fail(format!("the file hash's algorithm {oid} is not supported")),
                Some((algorithm, name)) => {
                    if hash(algorithm) == *signed_hash {
                        Outcome::Pass
                    } else {
                        Outcome::Fail(format!(
                            "the file's {name} hash is not the one signed: the file was changed after signing"
                        ))
                    }
                }
            },
        };
        check.checks.insert(0, Check { name: "The file's Authenticode hash matches the signed hash", outcome });
        check.timestamp = cms_signature::timestamp_of(info, &certificates);
        if let Some(timestamp) = &check.timestamp {
            add_certificates(file, &timestamp.certificates);
        }
        file.signatures.push(Signature { check, nested });
        if depth < MAX_NESTING {
            for inner in cms_signature::unsigned_values(info, NESTED_SIGNATURE) {
                if let Err(why) = read_signature(&inner, hash, true, depth + 1, file) {
                    file.notes.push(format!("a nested signature cannot be read: {why}"));
                }
            }
        }
    }
    Ok(())
}

fn add_certificates(file: &mut SignedFile, certificates: &[Certificate]) {
    for certificate in certificates {
        if !file.certificates.iter().any(|c| c.sha256 == certificate.sha256) {
            file.certificates.push(certificate.clone());
        }
    }
}

/// SpcIndirectDataContent's messageDigest (a DigestInfo): its algorithm and the file hash. The
/// bytes are the SEQUENCE's contents (what PKCS#7 v1.5 digests), its tag and length left off.
fn spc_indirect_data(contents: &[u8]) -> Result<(String, Vec<u8>), String> {
    use der08::Decode as _;
    use der08::Reader as _;
    use der08::asn1::{AnyRef, ObjectIdentifier, OctetString};
    let bad = |e: der08::Error| format!("the SpcIndirectDataContent cannot be read: {e}");
    let mut reader = der08::SliceReader::new(contents).map_err(bad)?;
    let _data = AnyRef::decode(&mut reader).map_err(bad)?;
    let digest = reader
        .sequence(|r| {
            let algorithm = r.sequence(|a| {
                let oid: ObjectIdentifier = ObjectIdentifier::decode(a)?;
                let _parameters = Option::<AnyRef<'_>>::decode(a)?;
                Ok::<_, der08::Error>(oid)
            })?;
            let digest = OctetString::decode(r)?;
            Ok::<_, der08::Error>((algorithm.to_string(), digest.as_bytes().to_vec()))
        })
        .map_err(bad)?;
    Ok(digest)
}

/// The streams MSI signatures live in (MS-CFB names, UTF-16).
const DIGITAL_SIGNATURE: &str = "\u{5}DigitalSignature";
const DIGITAL_SIGNATURE_EX: &str = "\u{5}MsiDigitalSignatureEx";
/// The root storage's CLSID of a Windows Installer package, {000C1084-0000-0000-C000-000000000046};
/// patches (.msp) and transforms (.mst) have their own.
const MSI_CLSIDS: [&str; 3] = [
    "000c1084-0000-0000-c000-000000000046",
    "000c1086-0000-0000-c000-000000000046",
    "000c1082-0000-0000-c000-000000000046",
];

/// Reads an MSI installer's Authenticode signature (its `\x05DigitalSignature` stream) and checks
/// it against the hash of every other stream, as Windows computes it.
pub fn read_msi(bytes: &[u8]) -> Result<SignedFile, String> {
    let mut compound = cfb::CompoundFile::open(Cursor::new(bytes))
        .map_err(|e| format!("a compound file (MSI) that cannot be read: {e}"))?;
    let clsid = compound.root_entry().clsid().to_string();
    let what = match MSI_CLSIDS.iter().position(|c| *c == clsid) {
        Some(0) => "Windows Installer package (MSI)",
        Some(1) => "Windows Installer patch (MSP)",
        Some(_) => "Windows Installer transform (MST)",
        None => "Compound file (not a Windows Installer package)",
    };
    let mut file =
        SignedFile { what: what.into(), signatures: Vec::new(), certificates: Vec::new(), notes: Vec::new() };
    let root = std::path::Path::new("/");
    let signature = read_stream(&mut compound, &root.join(DIGITAL_SIGNATURE)).ok();
    let Some(signature) = signature else {
        return Ok(file);
    };
    // With an MsiDigitalSignatureEx stream, the signed hash starts with a hash of every
    // entry's metadata (names, sizes, CLSIDs, state bits, times), that stream's content.
    let extended = read_stream(&mut compound, &root.join(DIGITAL_SIGNATURE_EX)).ok();
    let hashes = |algorithm: &'static Algorithm| -> Vec<u8> {
        let mut context = aws_lc_rs::digest::Context::new(algorithm);
        // Re-opened for each algorithm: the closure must not borrow the file mutably twice.
        let Ok(mut compound) = cfb::CompoundFile::open(Cursor::new(bytes)) else { return Vec::new() };
        if extended.is_some() {
            let mut metadata = aws_lc_rs::digest::Context::new(algorithm);
            if msi_prehash(&compound, root, &mut metadata, 0).is_err() {
                return Vec::new();
            }
            context.update(metadata.finish().as_ref());
        }
        if msi_hash(&mut compound, root, &mut context, 0).is_err() {
            return Vec::new();
        }
        context.finish().as_ref().to_vec()
    };
    read_signature(&signature, &hashes, false, 0, &mut file)?;
    if extended.is_some() {
        file.notes.push("the signature also covers the streams' metadata (MsiDigitalSignatureEx)".into());
    }
    Ok(file)
}

fn read_stream(compound: &mut cfb::CompoundFile<Cursor<&[u8]>>, path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    let mut stream = compound.open_stream(path)?;
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// UTF-16LE with its terminator: how MS-CFB stores a name, and what the hash order compares.
fn utf16_name(name: &str) -> Vec<u8> {
    name.encode_utf16().chain([0]).flat_map(u16::to_le_bytes).collect()
}

/// A storage's entries in the order Windows hashes them, the signature streams left out at the
/// root.
fn children(
    compound: &cfb::CompoundFile<Cursor<&[u8]>>,
    storage: &std::path::Path,
    depth: usize,
) -> std::io::Result<Vec<cfb::Entry>> {
    if depth > 32 {
        return Err(std::io::Error::other("storages nested too deep"));
    }
    let mut children: Vec<(Vec<u8>, cfb::Entry)> = compound
        .read_storage(storage)?
        .filter(|e| depth > 0 || (e.name() != DIGITAL_SIGNATURE && e.name() != DIGITAL_SIGNATURE_EX))
        .map(|e| (utf16_name(e.name()), e))
        .collect();
    children.sort_by(|(a, _), (b, _)| hash_order(a, b));
    Ok(children.into_iter().map(|(_, e)| e).collect())
}

/// The order Windows hashes an MSI's entries in: their UTF-16 names compared as bytes, and
/// when one name starts the other, the longer first.
fn hash_order(a: &[u8], b: &[u8]) -> std::cmp::Ordering {
    let common = a.len().min(b.len());
    a[..common].cmp(&b[..common]).then_with(|| b.len().cmp(&a.len()))
}

/// A time as MS-CFB stores it: 100-nanosecond intervals since 1601-01-01 (cfb gives it as a
/// SystemTime; 64-bit Linux represents the whole range, so this is exact).
fn filetime(time: std::time::SystemTime) -> u64 {
    const UNIX_EPOCH_FILETIME: u64 = 116_444_736_000_000_000;
    let ticks = |d: std::time::Duration| d.as_secs() * 10_000_000 + u64::from(d.subsec_nanos()) / 100;
    match time.duration_since(std::time::UNIX_EPOCH) {
        Ok(after) => UNIX_EPOCH_FILETIME.saturating_add(ticks(after)),
        Err(before) => UNIX_EPOCH_FILETIME.saturating_sub(ticks(before.duration())),
    }
}

/// The MsiDigitalSignatureEx pre-hash: each entry's metadata, the storage first, then its
/// children in the hash order (streams' metadata, storages recursively); the root has no name
/// and no times, a stream gives the low 32 bits of its size where a storage gives its CLSID.
fn msi_prehash(
    compound: &cfb::CompoundFile<Cursor<&[u8]>>,
    storage: &std::path::Path,
    context: &mut aws_lc_rs::digest::Context,
    depth: usize,
) -> std::io::Result<()> {
    let metadata = |context: &mut aws_lc_rs::digest::Context, entry: &cfb::Entry| {
        let name = utf16_name(entry.name());
        if !entry.is_root() {
            context.update(&name[..name.len() - 2]);
        }
        if entry.is_stream() {
            context.update(&((entry.len() & 0xFFFF_FFFF) as u32).to_le_bytes());
        } else {
            context.update(&entry.clsid().to_bytes_le());
        }
        context.update(&entry.state_bits().to_le_bytes());
        if !entry.is_root() {
            context.update(&filetime(entry.created()).to_le_bytes());
            context.update(&filetime(entry.modified()).to_le_bytes());
        }
    };
    metadata(context, &compound.entry(storage)?);
    let children = children(compound, storage, depth)?;
    for child in children {
        if child.is_stream() {
            metadata(context, &child);
        } else {
            msi_prehash(compound, child.path(), context, depth + 1)?;
        }
    }
    Ok(())
}

/// Hashes a storage as Windows does for an MSI signature: its children by their UTF-16 names
/// compared as bytes (a longer name first when one is the other's start), each stream's bytes,
/// each storage in turn, then the storage's CLSID; the signature streams left out at the root.
fn msi_hash(
    compound: &mut cfb::CompoundFile<Cursor<&[u8]>>,
    storage: &std::path::Path,
    context: &mut aws_lc_rs::digest::Context,
    depth: usize,
) -> std::io::Result<()> {
    let children = children(compound, storage, depth)?;
    for child in children {
        if child.is_stream() {
            context.update(&read_stream(compound, child.path())?);
        } else {
            msi_hash(compound, child.path(), context, depth + 1)?;
        }
    }
    context.update(&compound.entry(storage)?.clsid().to_bytes_le());
    Ok(())
}
