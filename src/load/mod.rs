//! Loading: bytes from files, drops or pasted text become certificates, CSRs, CRLs and key
//! summaries. The format is sniffed from the content, never from the file name, and one bad
//! block in a bundle never loses the good ones.

pub mod authenticode;
pub mod cms_signature;
mod der;
mod jar;
mod jks;
mod mail;
mod ovpn;
pub mod pem;
mod pkcs12;
mod pkcs7;
mod profile;
mod signed;
mod sst;

use std::io::Read as _;
use std::path::Path;

use thiserror::Error;

use crate::model::{Certificate, CertificateRequest, PrivateKeySummary, RevocationList};

pub(crate) use der::{check_signed_envelope, content, der_error, element, expect_sequence, wrap, wrap_sequence};
pub(crate) use pem::blocks as pem_blocks;
pub use signed::{Signature, Timestamp};
use signed::{add_profile, cms_signatures, read_mail, signed_content_of};

/// The default cap on one input: browsers' CRL cap is 5 MiB; bundles of thousands of
/// certificates stay well under 20 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;

/// Signed software (PE files, MSI installers) is large by nature: it may be read up to this
/// size whatever the cap for certificate files is (a 20 MiB cap would refuse most installers).
pub const SIGNED_SOFTWARE_MAX_BYTES: u64 = 512 * 1024 * 1024;
/// So are enterprise CRLs (tens of megabytes, millions of entries): the same cap.
pub const CRL_MAX_BYTES: u64 = 512 * 1024 * 1024;

/// How many first bytes `cap_for` looks at.
pub const HEAD_BYTES: usize = 32;

/// True when `head` starts a CRL: PEM `X509 CRL`, or DER whose TBS begins with the version
/// INTEGER 1 or the signature AlgorithmIdentifier (a certificate's begins with [0] or the serial).
fn looks_like_crl(head: &[u8]) -> bool {
    if head.starts_with(b"-----BEGIN X509 CRL-----") {
        return true;
    }
    // SEQUENCE (long form) { SEQUENCE (long form) { ...
    let skip = |at: usize| -> Option<usize> {
        let first = *head.get(at + 1)?;
        Some(at + 2 + if first & 0x80 != 0 { usize::from(first & 0x7F) } else { 0 })
    };
    let Some(tbs) = skip(0).filter(|_| head.first() == Some(&0x30)) else { return false };
    let Some(inner) = skip(tbs).filter(|_| head.get(tbs) == Some(&0x30)) else { return false };
    matches!(head.get(inner..inner + 4), Some([0x02, 0x01, 0x01, 0x30] | [0x30, _, 0x06, _]))
}

impl LoadOptions {
    /// The cap for an input starting with `head` (its first HEAD_BYTES): the signed-software
    /// cap for PE and compound files, the CRL cap for CRLs, the configured one for the rest.
    pub fn cap_for(&self, head: &[u8]) -> u64 {
        if head.starts_with(b"MZ") || head.starts_with(&authenticode::CFB_MAGIC) {
            self.max_bytes.max(SIGNED_SOFTWARE_MAX_BYTES)
        } else if looks_like_crl(head) {
            self.max_bytes.max(CRL_MAX_BYTES)
        } else {
            self.max_bytes
        }
    }
}

/// How to load.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// Inputs larger than this are refused before they are read.
    pub max_bytes: u64,
    /// The PKCS#12 password; `None` tries the empty password and asks if that fails.
    pub password: Option<String>,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self { max_bytes: DEFAULT_MAX_BYTES, password: None }
    }
}

/// Why an input as a whole could not be loaded.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
#[allow(missing_docs)] // variant fields are named as the RFC names them; each variant is documented
pub enum LoadError {
    /// The file could not be opened or read.
    #[error("could not read {path}: {reason}")]
    Read { path: String, reason: String },
    /// Over the size cap; not read.
    #[error("the input is {size} bytes, over the {limit}-byte limit (raise it in the settings or with --max-size)")]
    TooLarge { size: u64, limit: u64 },
    /// Nothing there.
    #[error("the input is empty")]
    Empty,
    /// Not a format certscope knows.
    #[error("not a certificate, CSR, CRL, PKCS#7 or PKCS#12 file{hint}")]
    NotRecognized { hint: String },
    /// A PKCS#12 file whose password is not empty: ask for it.
    #[error("this PKCS#12 file is protected by a password: enter it to open the file")]
    PasswordRequired,
    /// The password given does not open the PKCS#12 file.
    #[error("wrong password for this PKCS#12 file (or the file is damaged): try again")]
    WrongPassword,
    /// The only item could not be parsed.
    #[error("{0}")]
    Parse(String),
    /// A server could not be reached or did not complete a TLS handshake.
    #[error("{0}")]
    Network(String),
    /// Some blocks loaded, some did not: the details are in `problems`.
    #[error("{failed} of {total} items could not be read")]
    Partial { failed: usize, total: usize },
}

impl LoadError {
    /// True when asking for a (new) password may open the input.
    pub fn wants_password(&self) -> bool {
        matches!(self, Self::PasswordRequired | Self::WrongPassword)
    }
}

/// A private key found in an input, and the certificate it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyEntry {
    /// Type and size, never the secret.
    pub summary: PrivateKeySummary,
    /// Index into the input's certificates of the one whose public key matches.
    pub matches_certificate: Option<usize>,
}

/// One input: what loaded, what did not, and why.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Input {
    /// Where it came from: a path, "pasted text", "sample chain".
    pub source: String,
    /// The container format found: "PEM", "DER", "PKCS#7", "PKCS#12".
    pub format: Option<&'static str>,
    /// Certificates, in input order.
    pub certificates: Vec<Certificate>,
    /// Certificate signing requests.
    pub requests: Vec<CertificateRequest>,
    /// Certificate revocation lists.
    pub revocation_lists: Vec<RevocationList>,
    /// Private keys (summaries only).
    pub keys: Vec<KeyEntry>,
    /// Items that failed, each with where and why: "block 3 (CERTIFICATE, line 41): truncated DER ...".
    pub problems: Vec<String>,
    /// Set when the input, or part of it, could not be loaded.
    pub error: Option<LoadError>,
    /// The file a link points to, when `source` is a symbolic link (`/etc/ssl/certs/002c0b4f.0`).
    pub real_path: Option<String>,
    /// What the container says of itself: "Java KeyStore (JKS), 3 entries: …; integrity verified".
    pub notes: Vec<String>,
    /// A keystore's integrity digest against the password given: checked and matching, checked
    /// and not matching, or not checked (None: no password, or not a keystore).
    pub integrity: Option<bool>,
    /// The signatures a signed file (a CMS `.p7s`, …) carries, each checked.
    pub signatures: Vec<Signature>,
    /// What a file is that ought to be signed ("program", "installer"): said when it is not.
    pub signable: Option<&'static str>,
}

impl Input {
    fn failed(source: &str, error: LoadError) -> Self {
        Self { source: source.to_string(), error: Some(error), ..Self::default() }
    }

    /// Number of items loaded.
    pub fn item_count(&self) -> usize {
        self.certificates.len() + self.requests.len() + self.revocation_lists.len() + self.keys.len()
    }
}

/// At most this many files are taken from folders, so a dropped home folder cannot flood the window.
pub const MAX_FOLDER_FILES: usize = 20_000;

/// Files to load for the paths given: files as they are, folders replaced by the files inside
/// them (recursively, sorted, hidden entries skipped, at most `MAX_FOLDER_FILES`). A folder that
/// cannot be read stays in the list, so loading it reports why.
pub fn expand_paths(paths: &[std::path::PathBuf]) -> Vec<std::path::PathBuf> {
    list_files(paths).0
}

/// `expand_paths`, and whether the folders held more than `MAX_FOLDER_FILES` files (then only
/// the first, in name order, are listed: say so).
pub fn list_files(paths: &[std::path::PathBuf]) -> (Vec<std::path::PathBuf>, bool) {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = files.len();
            collect_files(path, &mut files, 0);
            if files.len() == before {
                files.push(path.clone()); // empty or unreadable: say so when it is loaded
            }
        } else {
            files.push(path.clone());
        }
    }
    // One more than the cap is collected: that one says the folder was cut.
    let cut = files.len() > MAX_FOLDER_FILES;
    files.truncate(MAX_FOLDER_FILES);
    (files, cut)
}

fn collect_files(folder: &Path, files: &mut Vec<std::path::PathBuf>, depth: usize) {
    // Symbolic link loops end here: a folder tree deeper than this is not a certificate store.
    const MAX_DEPTH: usize = 16;
    let Ok(entries) = std::fs::read_dir(folder) else { return };
    let mut entries: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    entries.sort();
    for entry in entries {
        if files.len() > MAX_FOLDER_FILES {
            return;
        }
        // Followed through symbolic links; a FIFO, socket or device is passed over: opening a
        // FIFO blocks until something writes to it, and a folder's loading would never end.
        let Ok(meta) = std::fs::metadata(&entry) else { continue };
        if meta.is_dir() {
            if depth < MAX_DEPTH {
                collect_files(&entry, files, depth + 1);
            }
        } else if meta.is_file() {
            files.push(entry);
        }
    }
}

/// Loads files (as `expand_paths` lists them) in batches on all cores, handing each batch over
/// in order as it is done, with how many files are done of how many: a window fills its list
/// as a folder loads, a terminal shows progress. Returns early when `each` says to stop, or
/// when the calling thread's `Cancel` is thrown: no further file is started, what loaded is given.
pub fn load_files_in_batches(
    files: &[std::path::PathBuf],
    options: &LoadOptions,
    batch: usize,
    mut each: impl FnMut(Vec<(std::path::PathBuf, Input)>, usize, usize) -> bool,
) {
    let mut done = 0;
    for chunk in files.chunks(batch.max(1)) {
        if crate::net::Cancel::current_is_cancelled() {
            return;
        }
        // After a cancel (the calling job's), no further file is started; what loaded is given.
        let inputs = crate::parallel::map_each(chunk, |path| {
            (!crate::net::Cancel::current_is_cancelled()).then(|| load_path(path, options))
        });
        let cancelled = inputs.iter().any(Option::is_none);
        let loaded: Vec<_> =
            chunk.iter().cloned().zip(inputs).filter_map(|(path, input)| Some((path, input?))).collect();
        done += loaded.len();
        if !each(loaded, done, files.len()) || cancelled {
            return;
        }
    }
}

/// A keystore's entries join the input: certificates as certificates (a key entry's chain
/// too), protected keys as protected keys, and a note of what it is and whether its integrity
/// was checked.
/// A Windows serialized store (.sst): its certificates (named by their friendly names) and CRLs.
fn windows_store(input: &mut Input, items: &mut Items, read: Result<sst::Store, (sst::Store, String)>) {
    input.format = Some("Windows certificate store (SST)");
    let (store, problem) = match read {
        Ok(store) => (store, None),
        Err((store, why)) => (store, Some(why)),
    };
    for (n, (name, der)) in store.certificates.iter().enumerate() {
        let place = match name {
            Some(name) if !name.is_empty() => format!("certificate {} ('{name}')", n + 1),
            _ => format!("certificate {}", n + 1),
        };
        items.add_parsed(&place, Parsed::from_pem("CERTIFICATE", der));
    }
    for (n, der) in store.crls.iter().enumerate() {
        items.add_parsed(&format!("CRL {}", n + 1), Parsed::from_pem("X509 CRL", der));
    }
    let mut note = format!(
        "Windows serialized certificate store: {} certificate(s), {} CRL(s)",
        store.certificates.len(),
        store.crls.len()
    );
    if store.ctls > 0 {
        note.push_str(&format!(", {} certificate trust list(s) not read", store.ctls));
    }
    input.notes.push(note);
    if let Some(why) = problem {
        items.fail("the store", why);
    }
}

fn keystore(input: &mut Input, items: &mut Items, store: jks::KeyStore, password_given: bool) {
    input.format = Some(if store.kind == "JKS" { "JKS" } else { "JCEKS" });
    let (mut trusted, mut keys, mut secrets) = (0, 0, 0);
    for entry in store.entries {
        match entry {
            jks::Entry::Trusted { alias, der } => {
                trusted += 1;
                items.add_parsed(&format!("entry '{alias}'"), Parsed::from_pem("CERTIFICATE", &der));
            }
            jks::Entry::PrivateKey { alias, chain } => {
                keys += 1;
                let mut key = PrivateKeySummary::encrypted();
                key.friendly_name = Some(alias.clone());
                items.add_parsed(&format!("entry '{alias}'"), Parsed::Key(key));
                for (n, der) in chain.iter().enumerate() {
                    items.add_parsed(
                        &format!("entry '{alias}', certificate {}", n + 1),
                        Parsed::from_pem("CERTIFICATE", der),
                    );
                }
            }
            jks::Entry::Secret { alias } => {
                secrets += 1;
                items.problems.push(format!(
                    "entry '{alias}' is a secret key (a sealed Java object): entries after it cannot be read"
                ));
            }
        }
    }
    let name = if store.kind == "JKS" { "Java KeyStore (JKS)" } else { "Java keystore (JCEKS)" };
    let mut what = vec![format!("{trusted} trusted certificate(s)"), format!("{keys} private key(s), protected")];
    if secrets > 0 {
        what.push(format!("{secrets} secret key(s)"));
    }
    let integrity = match (store.integrity, password_given) {
        (Some(true), _) => "its integrity verified with the store password".to_string(),
        (Some(false), _) => "its integrity NOT verified: the password does not match".to_string(),
        (None, true) => "its integrity not checked (a JCEKS secret key stops the reading)".to_string(),
        (None, false) => "its integrity not checked: no store password given (entries are read either way)".to_string(),
    };
    input.notes.push(format!("{name}: {}; {integrity}", what.join(", ")));
    input.integrity = store.integrity;
}

/// Loads many paths (folders expanded) on all cores; results in the order of `expand_paths`.
pub fn load_paths(paths: &[std::path::PathBuf], options: &LoadOptions) -> Vec<(std::path::PathBuf, Input)> {
    let files = expand_paths(paths);
    // One file per item: fine-grained, so a folder of small files spreads over the cores too.
    let inputs = crate::parallel::map_each(&files, |path| load_path(path, options));
    files.into_iter().zip(inputs).collect()
}

/// A client certificate to present to servers: a PKCS#12 file (with `password`, or none), or a
/// certificate file (PEM, leaf first, or DER) with its private key file (PEM or PKCS#8 DER,
/// not encrypted).
pub fn client_identity(
    certificate: &Path,
    key: Option<&Path>,
    password: Option<&str>,
) -> Result<crate::net::tls::ClientIdentity, String> {
    use rustls_pki_types::pem::PemObject as _;
    use rustls_pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
    let read = |path: &Path| std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()));
    let bytes = read(certificate)?;
    let Some(key) = key else {
        let (chain, key) = pkcs12::identity(&bytes, password).map_err(|e| {
            format!("{}: {e} (give a PKCS#12 file, or a certificate file and its key file)", certificate.display())
        })?;
        return crate::net::tls::ClientIdentity::new(chain, PrivatePkcs8KeyDer::from(key).into());
    };
    let chain: Vec<Vec<u8>> = if bytes.starts_with(b"-----") || bytes.windows(11).any(|w| w == b"-----BEGIN ") {
        CertificateDer::pem_slice_iter(&bytes).filter_map(Result::ok).map(|c| c.as_ref().to_vec()).collect()
    } else {
        vec![bytes]
    };
    if chain.is_empty() {
        return Err(format!("{} holds no certificate", certificate.display()));
    }
    let key_bytes = read(key)?;
    if key_bytes.windows(20).any(|w| w == b"ENCRYPTED PRIVATE KE") || key_bytes.windows(9).any(|w| w == b"DEK-Info:") {
        return Err(format!(
            "{} is encrypted: decrypt it first (openssl pkey -in KEY -out PLAIN), or give a PKCS#12 file with --password",
            key.display()
        ));
    }
    let key_der = PrivateKeyDer::from_pem_slice(&key_bytes)
        .or_else(|_| PrivateKeyDer::try_from(key_bytes.clone()).map_err(|e| e.to_string()))
        .map_err(|_| format!("{} holds no private key certscope can read (PEM or PKCS#8 DER)", key.display()))?;
    crate::net::tls::ClientIdentity::new(chain, key_der)
}

/// Loads a file, refusing it before reading when it is over the cap.
pub fn load_path(path: &Path, options: &LoadOptions) -> Input {
    let source = path.display().to_string();
    let read_error = |err: std::io::Error| LoadError::Read { path: source.clone(), reason: err.to_string() };
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(err) => return Input::failed(&source, read_error(err)),
    };
    let mut file = file;
    if file.metadata().is_ok_and(|meta| meta.is_dir()) {
        let reason = "it is a folder with no files certscope can read".into();
        return Input::failed(&source, LoadError::Read { path: source.clone(), reason });
    }
    // The cap depends on what the file is: its first bytes say (an installer may be large).
    let mut head = [0u8; HEAD_BYTES];
    let mut read = 0;
    while read < HEAD_BYTES {
        match file.read(&mut head[read..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => read += n,
        }
    }
    let cap = options.cap_for(&head[..read]);
    let size = file.metadata().map(|meta| meta.len()).unwrap_or(0);
    if size > cap {
        return Input::failed(&source, LoadError::TooLarge { size, limit: cap });
    }
    // The metadata may lie (pipes, /proc, a growing file): never read more than the cap. Sized
    // once from it, so a 40 MB CRL is not read through a 64 MB doubling of the buffer.
    let mut bytes = Vec::with_capacity(usize::try_from(size.saturating_add(1)).unwrap_or(0));
    bytes.extend_from_slice(&head[..read]);
    if let Err(err) = file.take(cap.saturating_add(1).saturating_sub(read as u64)).read_to_end(&mut bytes) {
        return Input::failed(&source, read_error(err));
    }
    if bytes.len() as u64 > cap {
        return Input::failed(&source, LoadError::TooLarge { size: bytes.len() as u64, limit: cap });
    }
    let mut input = load_bytes(&source, &bytes, options);
    // A detached signature: its content is the file beside it, by name.
    let needs_content = input.signatures.iter().any(|s| s.content_missing);
    if needs_content && let Some(content) = signed_content_of(path) {
        let read = std::fs::File::open(&content).and_then(|f| {
            let mut bytes = Vec::new();
            f.take(options.max_bytes.saturating_add(1)).read_to_end(&mut bytes).map(|_| bytes)
        });
        match read {
            Ok(content_bytes) if content_bytes.len() as u64 <= options.max_bytes => {
                let name = content.display().to_string();
                if let Some(signatures) = cms_signatures(&bytes, Some((&name, &content_bytes)), &input.certificates) {
                    input.signatures = signatures;
                }
            }
            Ok(_) => {
                input.notes.push(format!("the signed file {} is over the size cap: not checked", content.display()))
            }
            Err(err) => input.notes.push(format!("the signed file {} could not be read: {err}", content.display())),
        }
    }
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        input.real_path = std::fs::canonicalize(path).ok().map(|p| p.display().to_string());
    }
    input
}

/// Loads bytes (a dropped file, pasted text). The format is sniffed from the content.
pub fn load_bytes(source: &str, bytes: &[u8], options: &LoadOptions) -> Input {
    let mut input = Input { source: source.to_string(), ..Input::default() };
    let cap = options.cap_for(bytes);
    if bytes.len() as u64 > cap {
        input.error = Some(LoadError::TooLarge { size: bytes.len() as u64, limit: cap });
        return input;
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        input.error = Some(LoadError::Empty);
        return input;
    }
    let mut items = Items::default();
    // CMS messages in PEM blocks: their signatures are checked once everything has loaded.
    let mut pem_cms: Vec<Vec<u8>> = Vec::new();
    if let Some(mail) = mail::read(bytes) {
        read_mail(&mut input, mail);
        return input;
    }
    if authenticode::is_pe(bytes) {
        signed::read_authenticode(&mut input, authenticode::read_pe(bytes), false);
        return input;
    }
    if bytes.starts_with(&authenticode::CFB_MAGIC) {
        signed::read_authenticode(&mut input, authenticode::read_msi(bytes), true);
        return input;
    }
    if bytes.starts_with(&jar::MAGIC)
        && let Some(read) = jar::read(bytes)
    {
        signed::read_jar(&mut input, read);
        return input;
    }
    if bytes.starts_with(&jks::JKS) || bytes.starts_with(&jks::JCEKS) {
        match jks::read(bytes, options.password.as_deref()) {
            Ok(store) => keystore(&mut input, &mut items, store, options.password.is_some()),
            Err(why) => {
                input.error = Some(LoadError::Parse(format!("a Java keystore that cannot be read: {why}")));
                return input;
            }
        }
    } else if bytes.starts_with(&sst::MAGIC) {
        windows_store(&mut input, &mut items, sst::read(bytes));
    } else if pem::looks_like_pem(bytes) {
        input.format = Some("PEM");
        if let Some(note) = ovpn::note(bytes) {
            input.format = Some("OpenVPN profile");
            input.notes.push(note);
        }
        // Parse blocks on all cores (a trust store or a bench bundle has thousands), add them in
        // order, a batch at a time: each batch's decoded DER is freed before the next is parsed.
        let mut blocks = pem::blocks(bytes);
        let mut index = 0;
        while !blocks.is_empty() {
            let batch: Vec<pem::PemBlock> = blocks.drain(..blocks.len().min(PEM_BATCH)).collect();
            let parsed = crate::parallel::map(&batch, |block| match &block.der {
                // OpenSSL's legacy encryption (RFC 1421 headers): a key we do not open.
                Ok(_) if block.encrypted && block.label.ends_with("PRIVATE KEY") => {
                    Parsed::Key(PrivateKeySummary::encrypted())
                }
                Ok(der) => Parsed::from_pem(&block.label, der),
                Err(why) => Parsed::Failed(why.clone()),
            });
            pem_cms.extend(
                batch
                    .iter()
                    .filter(|b| matches!(b.label.as_str(), "PKCS7" | "CMS" | "PKCS #7 SIGNED DATA"))
                    .filter_map(|b| b.der.clone().ok()),
            );
            for (block, parsed) in batch.iter().zip(parsed) {
                index += 1;
                let place = format!("block {index} ({}, line {})", block.label, block.line);
                match (parsed, &block.der) {
                    (Parsed::Other, Ok(der)) => items.add_pem_other(&place, &block.label, der, options),
                    (parsed, _) => items.add_parsed(&place, parsed),
                }
            }
        }
    } else {
        // Pasted without its BEGIN/END lines, the base64 body is still unambiguous.
        let decoded = pem::bare_base64(bytes);
        let (der, format) = match &decoded {
            Some(der) => (der.as_slice(), "base64 DER"),
            None => (bytes, ""),
        };
        if decoded.is_none()
            && let Some((name, payloads)) = profile::certificates(bytes)
        {
            add_profile(&mut input, name, payloads, false);
            if input.certificates.is_empty() && input.problems.is_empty() {
                input.error = Some(LoadError::Parse("a configuration profile without certificate payloads".into()));
            }
            return input;
        }
        match der::sniff(der) {
            Ok(kind) => {
                input.format = Some(if decoded.is_some() { format } else { kind.container() });
                items.add_der(kind, der, options);
            }
            Err(err) => {
                input.error = Some(err);
                return input;
            }
        }
    }
    items.finish(&mut input);
    for der in &pem_cms {
        if let Some(signatures) = cms_signatures(der, None, &input.certificates) {
            input.signatures.extend(signatures);
        }
    }
    if input.format == Some("PKCS#7")
        && let Some(signatures) = cms_signatures(bytes, None, &input.certificates)
    {
        input.signatures = signatures;
        // A signed configuration profile: the payloads are in the signed content.
        if let Some(content) = cms_signature::content(bytes)
            && let Some((name, payloads)) = profile::certificates(&content)
        {
            add_profile(&mut input, name, payloads, true);
        }
    }
    input
}

/// What an input held, collected as it is read.
#[derive(Default)]
struct Items {
    certificates: Vec<Certificate>,
    requests: Vec<CertificateRequest>,
    revocation_lists: Vec<RevocationList>,
    keys: Vec<PrivateKeySummary>,
    problems: Vec<String>,
    /// A whole-input error (a PKCS#12 password) that outranks per-item problems.
    fatal: Option<LoadError>,
    total: usize,
}

impl Items {
    fn fail(&mut self, place: &str, why: impl std::fmt::Display) {
        self.total += 1;
        self.problems.push(format!("{place}: {why}"));
    }

    fn add<T>(&mut self, place: &str, parsed: Result<T, String>, into: impl FnOnce(&mut Self, T)) {
        match parsed {
            Ok(item) => {
                self.total += 1;
                into(self, item);
            }
            Err(why) => self.fail(place, why),
        }
    }

    fn add_parsed(&mut self, place: &str, parsed: Parsed) {
        match parsed {
            Parsed::Certificate(c) => self.add(place, Ok(*c), |s, c| s.certificates.push(c)),
            Parsed::Request(r) => self.add(place, Ok(*r), |s, r| s.requests.push(r)),
            Parsed::RevocationList(l) => self.add(place, Ok(*l), |s, l| s.revocation_lists.push(l)),
            Parsed::Key(k) => self.add(place, Ok(k), |s, k| s.keys.push(k)),
            Parsed::Failed(why) => self.fail(place, why),
            Parsed::Skipped | Parsed::Other => {}
        }
    }

    /// A block whose label says nothing certscope knows: sniff its DER (it may be PKCS#7, PKCS#12, ...).
    fn add_pem_other(&mut self, place: &str, label: &str, der: &[u8], options: &LoadOptions) {
        match der::sniff(der) {
            Ok(kind) => self.add_der(kind, der, options),
            Err(err) => self.fail(place, format!("{label} blocks are not shown ({err})")),
        }
    }

    fn add_der(&mut self, kind: der::Kind, bytes: &[u8], options: &LoadOptions) {
        let place = "the data";
        match kind {
            der::Kind::Signed => match der::parse_signed(bytes) {
                Ok(der::Signed::Certificate(c)) => self.add(place, Ok(*c), |s, c| s.certificates.push(c)),
                Ok(der::Signed::Request(r)) => self.add(place, Ok(*r), |s, r| s.requests.push(r)),
                Ok(der::Signed::RevocationList(l)) => self.add(place, Ok(*l), |s, l| s.revocation_lists.push(l)),
                Err(why) => self.fail(place, why),
            },
            der::Kind::Pkcs7 => match pkcs7::read(bytes) {
                Ok(bundle) => {
                    for (index, der) in bundle.certificates.iter().enumerate() {
                        let place = format!("certificate {} in the PKCS#7 bundle", index + 1);
                        self.add(&place, Certificate::from_der(der), |s, c| s.certificates.push(c));
                    }
                    for (index, der) in bundle.revocation_lists.iter().enumerate() {
                        let place = format!("CRL {} in the PKCS#7 bundle", index + 1);
                        self.add(&place, RevocationList::from_der(der), |s, c| s.revocation_lists.push(c));
                    }
                }
                Err(why) => self.fail(place, why),
            },
            der::Kind::Pkcs12 => match pkcs12::read(bytes, options.password.as_deref()) {
                Ok(archive) => {
                    for (index, der) in archive.certificates.iter().enumerate() {
                        let place = format!("certificate {} in the PKCS#12 file", index + 1);
                        self.add(&place, Certificate::from_der(der), |s, c| s.certificates.push(c));
                    }
                    for (index, key) in archive.keys.into_iter().enumerate() {
                        let place = format!("key {} in the PKCS#12 file", index + 1);
                        self.add(&place, key, |s, k| s.keys.push(k));
                    }
                }
                Err(err) => self.fatal = Some(err),
            },
            der::Kind::Pkcs8 => self.add(place, PrivateKeySummary::from_pkcs8(bytes), |s, k| s.keys.push(k)),
            der::Kind::Pkcs1 => self.add(place, PrivateKeySummary::from_pkcs1(bytes), |s, k| s.keys.push(k)),
            der::Kind::Sec1 => self.add(place, PrivateKeySummary::from_sec1(bytes, None), |s, k| s.keys.push(k)),
        }
    }

    fn finish(self, input: &mut Input) {
        input.keys = self
            .keys
            .into_iter()
            .map(|summary| KeyEntry {
                matches_certificate: self.certificates.iter().position(|c| summary.matches(c)),
                summary,
            })
            .collect();
        input.certificates = self.certificates;
        input.requests = self.requests;
        input.revocation_lists = self.revocation_lists;
        let failed = self.problems.len();
        input.problems = self.problems;
        input.error = if let Some(fatal) = self.fatal {
            Some(fatal)
        } else if failed == 0 && input.item_count() == 0 {
            Some(LoadError::NotRecognized { hint: ": no certificate, CSR, CRL or key found in it".into() })
        } else if failed == 1 && self.total == 1 {
            input.problems.first().map(|p| LoadError::Parse(p.clone()))
        } else if failed > 0 {
            Some(LoadError::Partial { failed, total: self.total })
        } else {
            None
        };
    }
}

/// One PEM block, parsed on a worker thread.
enum Parsed {
    Certificate(Box<Certificate>),
    Request(Box<CertificateRequest>),
    RevocationList(Box<RevocationList>),
    Key(PrivateKeySummary),
    Failed(String),
    /// Nothing to show (EC parameters).
    Skipped,
    /// A label that needs sniffing and container handling: done in order, on the calling thread.
    Other,
}

impl Parsed {
    fn from_pem(label: &str, der: &[u8]) -> Self {
        let wrap = |result: Result<Self, String>| result.unwrap_or_else(Self::Failed);
        match label {
            "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE" => {
                wrap(Certificate::from_der(der).map(|c| Self::Certificate(Box::new(c))))
            }
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => {
                wrap(CertificateRequest::from_der(der).map(|r| Self::Request(Box::new(r))))
            }
            "X509 CRL" => wrap(RevocationList::from_der(der).map(|l| Self::RevocationList(Box::new(l)))),
            "PRIVATE KEY" => wrap(PrivateKeySummary::from_pkcs8(der).map(Self::Key)),
            "RSA PRIVATE KEY" => wrap(PrivateKeySummary::from_pkcs1(der).map(Self::Key)),
            "EC PRIVATE KEY" => wrap(PrivateKeySummary::from_sec1(der, None).map(Self::Key)),
            "ENCRYPTED PRIVATE KEY" => Self::Key(PrivateKeySummary::encrypted()),
            // Parameters travel with keys from `openssl ecparam`; nothing to show.
            "EC PARAMETERS" | "DH PARAMETERS" => Self::Skipped,
            _ => Self::Other,
        }
    }
}

/// PEM blocks parsed together: enough to keep every core busy, few enough that their decoded
/// DER is a small part of a bundle's.
const PEM_BATCH: usize = 2048;

/// DER as PEM text with 64-character lines (RFC 7468).
pub fn to_pem(label: &str, der: &[u8]) -> String {
    let base64 = data_encoding::BASE64.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for line in base64.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(line));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----\n"));
    out
}
