//! Java keystores: JKS (magic FEEDFEED) and JCEKS (CECECECE), as `keytool` writes them and
//! Java's `cacerts` is. Entries are read with or without the store password; with it, the
//! store's integrity digest is checked: SHA-1 over the password (UTF-16BE), the words "Mighty
//! Aphrodite" and every byte before the digest (sun.security.provider.JavaKeyStore). Private
//! keys stay protected: only that there is one is said, never its secret.
//!
//! No kept crate reads both JKS and JCEKS without a password, so this is a bounded reader:
//! every length is checked against what is left, and a count cannot ask for more entries
//! than the bytes could hold.

/// The JKS magic number.
pub(crate) const JKS: [u8; 4] = [0xFE, 0xED, 0xFE, 0xED];
/// The JCEKS magic number.
pub(crate) const JCEKS: [u8; 4] = [0xCE, 0xCE, 0xCE, 0xCE];

/// One entry of a keystore.
#[derive(Debug)]
pub(crate) enum Entry {
    /// A trusted certificate: its alias and DER.
    Trusted { alias: String, der: Vec<u8> },
    /// A private key, protected, with its certificate chain (leaf first).
    PrivateKey { alias: String, chain: Vec<Vec<u8>> },
    /// A JCEKS secret key (a sealed Java object): named, not read.
    Secret { alias: String },
}

/// A keystore read.
#[derive(Debug)]
pub(crate) struct KeyStore {
    /// "JKS" or "JCEKS".
    pub(crate) kind: &'static str,
    pub(crate) entries: Vec<Entry>,
    /// Whether the integrity digest matched the password given (None: no password given).
    pub(crate) integrity: Option<bool>,
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(n).filter(|&end| end <= self.bytes.len()).ok_or_else(|| {
            format!(
                "the keystore is truncated: {n} bytes wanted at byte {}, {} left",
                self.at,
                self.bytes.len() - self.at
            )
        })?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    fn u16(&mut self) -> Result<u16, String> {
        self.take(2).map(|b| u16::from_be_bytes([b[0], b[1]]))
    }

    fn u32(&mut self) -> Result<u32, String> {
        self.take(4).map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// Java's modified UTF-8 (DataOutput.writeUTF): a u16 length, then the bytes.
    fn utf(&mut self) -> Result<String, String> {
        let n = usize::from(self.u16()?);
        Ok(String::from_utf8_lossy(self.take(n)?).into_owned())
    }

    /// A certificate: its type (version 2), a u32 length and its encoding.
    fn certificate(&mut self, version: u32) -> Result<Vec<u8>, String> {
        if version == 2 {
            let kind = self.utf()?;
            if kind != "X.509" {
                return Err(format!("a certificate of type '{kind}', not X.509"));
            }
        }
        let n = self.u32()? as usize;
        Ok(self.take(n)?.to_vec())
    }
}

/// Reads a JKS or JCEKS keystore; `password` checks its integrity when given.
pub(crate) fn read(bytes: &[u8], password: Option<&str>) -> Result<KeyStore, String> {
    let mut r = Reader { bytes, at: 0 };
    let kind = match r.take(4)? {
        magic if magic == JKS => "JKS",
        magic if magic == JCEKS => "JCEKS",
        _ => return Err("not a Java keystore".into()),
    };
    let version = r.u32()?;
    if version != 1 && version != 2 {
        return Err(format!("keystore version {version}, not 1 or 2"));
    }
    let count = r.u32()? as usize;
    // Each entry takes at least 14 bytes: a count beyond that is a lie, not an allocation.
    if count > bytes.len() / 14 {
        return Err(format!("the keystore claims {count} entries in {} bytes", bytes.len()));
    }
    let mut entries = Vec::with_capacity(count);
    for number in 1..=count {
        let tag = r.u32()?;
        let alias = r.utf()?;
        let _created = r.take(8)?;
        let entry = match tag {
            1 => {
                // The protected key (EncryptedPrivateKeyInfo, or a sealed object in JCEKS), then its chain.
                let n = r.u32()? as usize;
                r.take(n)?;
                let chain_length = r.u32()? as usize;
                if chain_length > bytes.len() / 4 {
                    return Err(format!("entry {number} ('{alias}') claims a chain of {chain_length} certificates"));
                }
                let chain = (0..chain_length).map(|_| r.certificate(version)).collect::<Result<_, _>>()?;
                Entry::PrivateKey { alias, chain }
            }
            2 => Entry::Trusted { der: r.certificate(version)?, alias },
            3 if kind == "JCEKS" => {
                // A serialized javax.crypto.SealedObject: its length is not written before it, so
                // nothing after it can be found. Say so, and stop here.
                entries.push(Entry::Secret { alias });
                return Ok(KeyStore { kind, entries, integrity: None });
            }
            other => return Err(format!("entry {number} ('{alias}') has the unknown tag {other}")),
        };
        entries.push(entry);
    }
    let signed = r.at;
    let digest = r.take(20)?;
    let integrity = password.map(|password| {
        let mut data = Vec::with_capacity(signed + 64);
        for unit in password.encode_utf16() {
            data.extend_from_slice(&unit.to_be_bytes());
        }
        data.extend_from_slice(b"Mighty Aphrodite");
        data.extend_from_slice(&bytes[..signed]);
        crate::model::sha1(&data) == digest
    });
    Ok(KeyStore { kind, entries, integrity })
}
