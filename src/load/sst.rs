//! Windows serialized certificate stores (`.sst`, what `Export-Certificate -Type SST` and
//! certmgr write; CertSaveStore's CERT_STORE_SAVE_AS_STORE): a header (a zero, then "CERT"),
//! then elements, each a property ID, an encoding word and a length before its bytes. A
//! certificate is the element with property 32 (CERT_CERT_PROP_ID), preceded by its properties
//! (11 is its friendly name, UTF-16); 33 is a CRL, 34 a CTL; ID 0 ends the store. No kept crate
//! reads the format, so this is a bounded reader: every length is checked against what is left.

/// The store's first eight bytes: a zero version, then the magic.
pub const MAGIC: [u8; 8] = [0, 0, 0, 0, b'C', b'E', b'R', b'T'];

const CERTIFICATE: u32 = 32;
const CRL: u32 = 33;
const CTL: u32 = 34;
const FRIENDLY_NAME: u32 = 11;

/// What a store holds.
#[derive(Debug, Default)]
pub struct Store {
    /// Each certificate's DER, with the friendly name set before it.
    pub certificates: Vec<(Option<String>, Vec<u8>)>,
    /// Each CRL's DER.
    pub crls: Vec<Vec<u8>>,
    /// Certificate trust lists seen (not read).
    pub ctls: usize,
}

/// Reads a serialized store. Stops at the end marker or the end of the bytes; a length that
/// runs past the end is an error, with what was read kept.
pub fn read(bytes: &[u8]) -> Result<Store, (Store, String)> {
    let mut store = Store::default();
    if !bytes.starts_with(&MAGIC) {
        return Err((store, "not a serialized certificate store".into()));
    }
    let mut at = MAGIC.len();
    let mut name = None;
    while at < bytes.len() {
        let word = |n: usize| -> Option<u32> {
            let start = at.checked_add(n * 4)?;
            Some(u32::from_le_bytes(bytes.get(start..start + 4)?.try_into().ok()?))
        };
        let (Some(id), Some(_encoding), Some(length)) = (word(0), word(1), word(2)) else {
            return Err((store, format!("an element header is cut short at byte {at}")));
        };
        if id == 0 {
            break;
        }
        let start = at + 12;
        let Some(data) = usize::try_from(length).ok().and_then(|l| bytes.get(start..start.checked_add(l)?)) else {
            return Err((store, format!("element {id} at byte {at} claims {length} bytes, past the end of the file")));
        };
        match id {
            FRIENDLY_NAME => {
                let units: Vec<u16> = data.chunks_exact(2).map(|c| u16::from_le_bytes([c[0], c[1]])).collect();
                name = Some(String::from_utf16_lossy(&units).trim_end_matches('\0').to_string());
            }
            CERTIFICATE => store.certificates.push((name.take(), data.to_vec())),
            CRL => {
                name = None;
                store.crls.push(data.to_vec());
            }
            CTL => {
                name = None;
                store.ctls += 1;
            }
            _ => {}
        }
        at = start + data.len();
    }
    Ok(store)
}
