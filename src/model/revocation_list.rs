//! Certificate revocation lists (RFC 5280 section 5).
//!
//! Enterprise CRLs reach millions of entries: the entries are read straight from the DER by a
//! bounded walk (x509-parser would build a struct with a vector of extensions per entry) and
//! kept in flat arrays, a few bytes each beyond the serial, sorted once for lookups. The rest of
//! the CRL (issuer, dates, extensions) is read by x509-parser from the DER without the entries.

use time::OffsetDateTime;
use x509_parser::prelude::{CertificateRevocationList, FromDer};

use super::extensions::ExtensionEntry;
use super::names::DistinguishedName;

/// A parsed CRL.
#[derive(Clone, Debug, PartialEq)]
pub struct RevocationList {
    /// The DER, for saving and for checking its signature.
    pub der: std::sync::Arc<[u8]>,
    /// Who issued it.
    pub issuer: DistinguishedName,
    /// thisUpdate.
    pub this_update: OffsetDateTime,
    /// nextUpdate: after it, the list is stale.
    pub next_update: Option<OffsetDateTime>,
    /// The CRL number (RFC 5280 5.2.3), decimal.
    pub number: Option<String>,
    /// The signature algorithm, by name.
    pub signature_algorithm: String,
    /// Each revoked certificate, compactly: `revoked.len()`, `revoked.iter()`, `revoked.find(serial)`.
    pub revoked: Revoked,
    /// CRL extensions.
    pub extensions: Vec<ExtensionEntry>,
    /// SHA-256 of the DER.
    pub sha256: Vec<u8>,
}

/// One revoked certificate in a CRL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevokedEntry {
    /// Serial number, lowercase hex.
    pub serial: String,
    /// When it was revoked.
    pub revocation_date: OffsetDateTime,
    /// Reason code by name (RFC 5280 5.3.1), if given.
    pub reason: Option<String>,
    /// In an indirect CRL, the Name DER of the CA that issued the certificate (its
    /// certificateIssuer entry extension, or the entry before it's: RFC 5280 5.3.3); None
    /// where that is the CRL's issuer.
    pub certificate_issuer: Option<Vec<u8>>,
}

/// A signed structure's parts: the signed bytes (TBS), the AlgorithmIdentifier, the BIT STRING.
pub(crate) type SignedParts<'a> = (&'a [u8], &'a [u8], &'a [u8]);

/// A CRL's revoked certificates, kept as where each entry starts in the CRL's DER (shared with
/// the list) and an order by serial for lookups: eight bytes an entry. An entry is read from
/// the DER when it is asked for; every entry was checked when the list was read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Revoked {
    /// The CRL's DER.
    der: std::sync::Arc<[u8]>,
    /// Where each entry's TLV starts in `der`, in the list's order.
    starts: Vec<u32>,
    /// The entries' positions, ordered by serial (length, then bytes).
    sorted: Vec<u32>,
    /// In an indirect CRL: from which entry on which CA's certificates are listed (the Name DER
    /// of a certificateIssuer entry extension, RFC 5280 5.3.3), in the list's order. Empty for
    /// a CRL that lists its issuer's certificates only.
    issuers: Vec<(u32, std::sync::Arc<[u8]>)>,
}

/// One entry as read: its serial (the sign byte dropped, as serial_hex shows it), its date in
/// Unix seconds, its reason code.
struct Parsed<'a> {
    serial: &'a [u8],
    date: i64,
    reason: Option<u8>,
    /// Its certificateIssuer extension's directoryName (a Name's DER), if it has one.
    issuer: Option<&'a [u8]>,
}

/// Reads one entry: SEQUENCE { userCertificate INTEGER, revocationDate Time,
/// crlEntryExtensions Extensions OPTIONAL }, every length checked. Returns it and what follows.
fn entry_at(bytes: &[u8]) -> Result<(Parsed<'_>, &[u8]), String> {
    let (tag, entry, next) = tlv(bytes).ok_or("is cut short or not DER")?;
    if tag != 0x30 {
        return Err(format!("is not a SEQUENCE (tag {tag:02X})"));
    }
    let (tag, serial, rest) = tlv(entry).ok_or("is cut short or not DER")?;
    if tag != 0x02 || serial.is_empty() {
        return Err("has no serial number INTEGER".into());
    }
    let (tag, time, rest) = tlv(rest).ok_or("is cut short or not DER")?;
    let date = match tag {
        0x17 | 0x18 => time_of(tag, time).ok_or("has an unreadable revocation date")?,
        other => return Err(format!("has no revocation date (tag {other:02X})")),
    };
    let (mut reason, mut issuer) = (None, None);
    if !rest.is_empty() {
        let (tag, extensions, trailing) = tlv(rest).ok_or("is cut short or not DER")?;
        if tag != 0x30 || !trailing.is_empty() {
            return Err("has data after its extensions".into());
        }
        (reason, issuer) = entry_extensions(extensions)?;
    }
    let serial = match serial {
        [0, rest @ ..] if !rest.is_empty() => rest,
        other => other,
    };
    Ok((Parsed { serial, date, reason, issuer }, next))
}

impl Revoked {
    /// How many certificates the list revokes.
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// True when it revokes none.
    pub fn is_empty(&self) -> bool {
        self.starts.is_empty()
    }

    fn parsed(&self, index: usize) -> Option<Parsed<'_>> {
        let start = *self.starts.get(index)? as usize;
        entry_at(self.der.get(start..)?).ok().map(|(parsed, _)| parsed)
    }

    /// Entry `index`, in the list's order.
    pub fn get(&self, index: usize) -> Option<RevokedEntry> {
        let parsed = self.parsed(index)?;
        Some(RevokedEntry {
            serial: super::hex(parsed.serial),
            revocation_date: OffsetDateTime::from_unix_timestamp(parsed.date).unwrap_or(OffsetDateTime::UNIX_EPOCH),
            reason: parsed.reason.map(reason_name),
            certificate_issuer: self.issuer_of(index).map(<[u8]>::to_vec),
        })
    }

    /// In an indirect CRL, the Name DER of the CA whose certificate entry `index` lists (None:
    /// the CRL's issuer). RFC 5280 5.3.3: an entry without certificateIssuer is the previous
    /// entry's CA; before the first, the CRL issuer.
    fn issuer_of(&self, index: usize) -> Option<&[u8]> {
        let run = self.issuers.partition_point(|(start, _)| *start as usize <= index);
        run.checked_sub(1).map(|i| &*self.issuers[i].1)
    }

    /// Where an indirect CRL's entries change CA: the index of the first entry of each run and
    /// that CA's name (RFC 5280 5.3.3). Empty for a CRL of its issuer's certificates only.
    pub fn issuer_runs(&self) -> Vec<(usize, DistinguishedName)> {
        self.issuers.iter().map(|(start, der)| (*start as usize, DistinguishedName::from_der(der))).collect()
    }

    /// Whether any entry names a certificate issuer: an indirect CRL's entries.
    pub fn names_other_issuers(&self) -> bool {
        !self.issuers.is_empty()
    }

    /// Every entry as it stands in the DER, in the list's order: the serial's bytes (the sign
    /// byte dropped), the revocation date in Unix seconds, the reason code. Nothing allocated:
    /// what a report of a million entries writes from.
    pub fn raw(&self) -> impl Iterator<Item = (&[u8], i64, Option<u8>)> + '_ {
        (0..self.len()).filter_map(|i| self.parsed(i)).map(|p| (p.serial, p.date, p.reason))
    }

    /// Every entry, in the list's order (each read when it is reached).
    pub fn iter(&self) -> impl Iterator<Item = RevokedEntry> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }

    /// The entry for a serial (lowercase hex as certscope shows serials), by binary search.
    pub fn find(&self, serial_hex: &str) -> Option<RevokedEntry> {
        self.find_all(serial_hex).next()
    }

    /// The entry for a serial of the certificates of `issuer` (a Name's DER), where the CRL's
    /// own issuer is `crl_issuer`: in an indirect CRL the same serial can be listed for several
    /// CAs, and only the entry for the certificate's CA applies (RFC 5280 5.3.3).
    pub fn find_issued_by(&self, serial_hex: &str, issuer: &[u8], crl_issuer: &[u8]) -> Option<RevokedEntry> {
        self.find_all(serial_hex).find(|entry| entry.certificate_issuer.as_deref().unwrap_or(crl_issuer) == issuer)
    }

    /// Every entry for a serial (none for a serial that is not hex).
    fn find_all(&self, serial_hex: &str) -> impl Iterator<Item = RevokedEntry> + '_ {
        let wanted = data_encoding::HEXLOWER_PERMISSIVE.decode(serial_hex.as_bytes()).unwrap_or_default();
        let wanted = (wanted.len(), wanted.as_slice());
        let serial = |i: &u32| self.parsed(*i as usize).map(|p| p.serial).unwrap_or_default();
        let key = |i: &u32| {
            let serial = serial(i);
            (serial.len(), serial)
        };
        let first = self.sorted.partition_point(|i| key(i) < wanted);
        let last = self.sorted.partition_point(|i| key(i) <= wanted);
        let range = if wanted.0 == 0 { 0..0 } else { first..last };
        self.sorted[range].iter().filter_map(|i| self.get(*i as usize))
    }

    /// Reads the list's entries (`length` bytes from `start` in `der`), checking each.
    fn read(der: std::sync::Arc<[u8]>, start: usize, length: usize) -> Result<Self, String> {
        let list = der.get(start..start + length).ok_or("lies outside the CRL")?;
        let mut starts = Vec::with_capacity(length / 40);
        // Sorted by (length, bytes): a 64-bit key of the length and the first 7 bytes decides
        // nearly every comparison (serials are random); only serials that share those compare in full.
        let mut keyed: Vec<(u64, u32)> = Vec::with_capacity(length / 40);
        let mut issuers = Vec::new();
        let mut left = list;
        while !left.is_empty() {
            let offset = u32::try_from(start + (list.len() - left.len())).map_err(|_| "the list is too large")?;
            let (parsed, next) = entry_at(left).map_err(|why| format!("{}: {why}", starts.len() + 1))?;
            if let Some(issuer) = parsed.issuer {
                issuers.push((u32::try_from(starts.len()).map_err(|_| "the list is too large")?, issuer.into()));
            }
            let mut packed = [0u8; 8];
            packed[0] = u8::try_from(parsed.serial.len()).unwrap_or(u8::MAX);
            let head = &parsed.serial[..parsed.serial.len().min(7)];
            packed[1..=head.len()].copy_from_slice(head);
            keyed.push((u64::from_be_bytes(packed), u32::try_from(starts.len()).map_err(|_| "the list is too large")?));
            starts.push(offset);
            left = next;
        }
        let serial = |i: u32| {
            let at = starts[i as usize] as usize;
            entry_at(&der[at..]).map(|(p, _)| p.serial).unwrap_or_default()
        };
        keyed.sort_unstable_by(|(ka, a), (kb, b)| ka.cmp(kb).then_with(|| serial(*a).cmp(serial(*b))));
        let sorted = keyed.into_iter().map(|(_, i)| i).collect();
        Ok(Self { der: std::sync::Arc::clone(&der), starts, sorted, issuers })
    }
}

/// One DER TLV: tag, contents, what follows. Definite lengths only, in their shortest form
/// (X.690 10.1), at most four length octets; None when cut short or not DER.
fn tlv(bytes: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = bytes.split_first()?;
    if tag & 0x1F == 0x1F {
        return None; // multi-byte tags appear nowhere in a CRL entry
    }
    let (&first, rest) = rest.split_first()?;
    let (length, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7F);
        if count == 0 || count > 4 || rest.len() < count || rest[0] == 0 {
            return None;
        }
        let length = rest[..count].iter().fold(0usize, |n, b| (n << 8) | usize::from(*b));
        if length < 0x80 {
            return None;
        }
        (length, &rest[count..])
    };
    (rest.len() >= length).then(|| (tag, &rest[..length], &rest[length..]))
}

/// UTCTime `YYMMDDHHMMSSZ` or GeneralizedTime `YYYYMMDDHHMMSSZ` (RFC 5280 5.1.2.6, 4.1.2.5),
/// as Unix seconds. Other forms are not what RFC 5280 allows: None.
fn time_of(tag: u8, text: &[u8]) -> Option<i64> {
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        text.get(range)?.iter().try_fold(0u32, |n, b| b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0')))
    };
    let (year, rest) = match (tag, text.len()) {
        (0x17, 13) => {
            let yy = digits(0..2)?;
            (if yy >= 50 { 1900 + yy } else { 2000 + yy }, 2)
        }
        (0x18, 15) => (digits(0..4)?, 4),
        _ => return None,
    };
    if text.last() != Some(&b'Z') {
        return None;
    }
    let n = |i: usize| digits(rest + i * 2..rest + i * 2 + 2).map(i64::from);
    let (month, day, hour, minute, second) = (n(0)?, n(1)?, n(2)?, n(3)?, n(4)?);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => return None,
    };
    if day < 1 || day > days_in_month || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let days = super::time::days_from_civil(i64::from(year), month, day);
    Some(days * 86_400 + hour * 3600 + minute * 60 + second)
}

/// The entry extensions certscope reads: the reasonCode (2.5.29.21, OCTET STRING {
/// ENUMERATED }) and the certificateIssuer (2.5.29.29, OCTET STRING { GeneralNames }, of which
/// the directoryName's Name).
fn entry_extensions(mut extensions: &[u8]) -> Result<(Option<u8>, Option<&[u8]>), String> {
    let bad = || "has an extension that is cut short or not DER".to_string();
    let (mut reason, mut issuer) = (None, None);
    while !extensions.is_empty() {
        let (_, extension, next) = tlv(extensions).ok_or_else(bad)?;
        extensions = next;
        let (tag, oid, rest) = tlv(extension).ok_or_else(bad)?;
        if tag != 0x06 || !matches!(oid, [0x55, 0x1D, 0x15] | [0x55, 0x1D, 0x1D]) {
            continue;
        }
        // critical BOOLEAN DEFAULT FALSE, then the OCTET STRING.
        let (tag, value, rest) = tlv(rest).ok_or_else(bad)?;
        let value = if tag == 0x01 { tlv(rest).ok_or_else(bad)?.1 } else { value };
        if oid == [0x55, 0x1D, 0x15] {
            reason = match tlv(value) {
                Some((0x0A, [code], _)) => Some(*code),
                _ => return Err("has a reason code that is not a one-byte ENUMERATED".into()),
            };
            continue;
        }
        // GeneralNames: the directoryName [4] holds the CA's Name (EXPLICIT: a SEQUENCE inside).
        let Some((0x30, mut names, _)) = tlv(value) else {
            return Err("has a certificate issuer that is not GeneralNames".into());
        };
        while let Some((tag, name, rest)) = tlv(names) {
            if tag == 0xA4 {
                issuer = Some(name);
                break;
            }
            names = rest;
        }
        if issuer.is_none() {
            return Err("has a certificate issuer with no directory name".into());
        }
    }
    Ok((reason, issuer))
}

/// Orders two CRL numbers given in decimal (RFC 5280 5.2.3: up to 20 octets, more than a u128).
pub fn crl_number_order(a: &str, b: &str) -> std::cmp::Ordering {
    let a = a.trim_start_matches('0');
    let b = b.trim_start_matches('0');
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

/// RFC 5280 5.3.1 CRLReason names.
pub fn reason_name(code: u8) -> String {
    reason_text(code).into_owned()
}

/// The same name, borrowed when the code is a defined one (a million CRL entries are written).
pub fn reason_text(code: u8) -> std::borrow::Cow<'static, str> {
    reason_word(code).map_or_else(|| format!("reason {code}").into(), Into::into)
}

/// A defined reason code's RFC 5280 name, without a copy (a million CRL entries are written).
fn reason_word(code: u8) -> Option<&'static str> {
    Some(match code {
        0 => "unspecified",
        1 => "keyCompromise",
        2 => "cACompromise",
        3 => "affiliationChanged",
        4 => "superseded",
        5 => "cessationOfOperation",
        6 => "certificateHold",
        8 => "removeFromCRL",
        9 => "privilegeWithdrawn",
        10 => "aACompromise",
        _ => return None,
    })
}

impl RevocationList {
    /// Parses one DER CRL.
    pub fn from_der(der: &[u8]) -> Result<Self, String> {
        use crate::load::{content, element, wrap_sequence};
        crate::load::expect_sequence(der)?;
        let malformed = |why: String| crate::load::der_error(der, &why);
        let (_, outer, _) = element(der).map_err(malformed)?;
        let der = outer;
        let (_, tbs, rest) = element(content(outer)).map_err(malformed)?;
        // The TBS's elements; the revoked list is the SEQUENCE after the update times.
        let mut kept = Vec::with_capacity(tbs.len().min(64 * 1024));
        let mut list: Option<&[u8]> = None;
        let mut left = content(tbs);
        let mut after_times = false;
        while !left.is_empty() {
            let (tag, tlv, next) = element(left).map_err(malformed)?;
            if matches!(tag, 0x17 | 0x18) {
                after_times = true;
            } else if tag == 0x30 && after_times && list.is_none() {
                list = Some(tlv);
                left = next;
                continue;
            }
            kept.extend_from_slice(tlv);
            left = next;
        }
        // Everything but the entries, parsed by x509-parser (its signature is not checked here).
        let stripped = wrap_sequence(&[wrap_sequence(&kept).as_slice(), rest].concat());
        let (_, crl) =
            CertificateRevocationList::from_der(&stripped).map_err(|err| crate::load::der_error(der, &err))?;
        // The entries are kept as places in the DER itself, shared: nothing is copied twice.
        let shared: std::sync::Arc<[u8]> = std::sync::Arc::from(der);
        let revoked = match list {
            Some(list) => {
                let start = content(list).as_ptr() as usize - der.as_ptr() as usize;
                Revoked::read(std::sync::Arc::clone(&shared), start, content(list).len())
                    .map_err(|why| format!("revoked certificate {why}"))?
            }
            None => Revoked::default(),
        };
        Ok(Self {
            der: shared,
            issuer: DistinguishedName::from_x509(crl.issuer()),
            this_update: crl.last_update().to_datetime(),
            next_update: crl.next_update().map(|t| t.to_datetime()),
            number: crl.crl_number().map(|n| n.to_string()),
            signature_algorithm: super::signature_algorithm(&crl.signature_algorithm),
            revoked,
            extensions: crl.extensions().iter().map(ExtensionEntry::from_x509).collect(),
            sha256: super::sha256(der),
        })
    }

    /// The signed part (TBSCertList), its signature algorithm and signature value: what the
    /// issuer's key verifies, read without parsing the entries again.
    pub(crate) fn signed_parts(&self) -> Result<SignedParts<'_>, String> {
        use crate::load::{content, element};
        crate::load::check_signed_envelope(&self.der)?;
        let (_, outer, _) = element(&self.der)?;
        let (_, tbs, rest) = element(content(outer))?;
        let (_, algorithm, rest) = element(rest)?;
        let (_, signature, _) = element(rest)?;
        Ok((tbs, algorithm, signature))
    }

    /// For a delta CRL, the number of the base CRL it lists the changes since (its
    /// deltaCRLIndicator, RFC 5280 5.2.4); None for a complete CRL.
    pub fn delta_base(&self) -> Option<&str> {
        self.extensions.iter().find_map(|e| match &e.value {
            super::Extension::DeltaCrlIndicator(base) => Some(base.as_str()),
            _ => None,
        })
    }

    /// Where this CRL's delta CRLs are published (its Freshest CRL extension, RFC 5280 5.2.6).
    pub fn freshest_urls(&self) -> Vec<String> {
        self.extensions
            .iter()
            .find_map(|e| match &e.value {
                super::Extension::FreshestCrl(names) => Some(super::extensions::uris(names)),
                _ => None,
            })
            .unwrap_or_default()
    }

    /// Its issuing distribution point (RFC 5280 5.2.5), if it has one.
    pub fn scope(&self) -> Option<&super::extensions::CrlScope> {
        self.extensions.iter().find_map(|e| match &e.value {
            super::Extension::IssuingDistributionPoint(scope) => Some(scope),
            _ => None,
        })
    }

    /// Whether the list is past its nextUpdate at `now`.
    pub fn is_stale_at(&self, now: OffsetDateTime) -> bool {
        self.next_update.is_some_and(|next| now > next)
    }

    /// The CRL as PEM text.
    pub fn to_pem(&self) -> String {
        crate::load::to_pem("X509 CRL", &self.der)
    }
}
