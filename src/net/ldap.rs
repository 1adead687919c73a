//! LDAP URLs (RFC 4516) for CRL distribution points and caIssuers, as Windows CAs (AD CS) write
//! them: `ldap://host/CN=...?certificateRevocationList;binary`. The search is made by `ldap3`;
//! certscope stands between it and the server, as a relay that holds the connection to the
//! same limits as HTTP (a total timeout, a size cap, cancel) and passes on only well-formed
//! search answers: `ldap3` trusts a server's framing and panics on some malformed answers.
//!
//! The host-less form, `ldap:///CN=...`, means "the directory of the domain this machine is in"
//! (Active Directory): it names no server, so it is said to be unreachable from here, and the
//! next URL is used.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream, ToSocketAddrs};
use std::os::unix::net::UnixStream;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::http::{FetchError, Fetched, Limits};

/// An LDAP message as it arrived, or why the relay stopped.
#[derive(Debug)]
pub(crate) enum Frame {
    /// The connection failed or timed out.
    Io(std::io::Error),
    /// Not a BER message with a definite length.
    NotLdap,
    /// It declares more bytes than allowed.
    TooLarge(usize),
}

/// One LDAP message read whole from `stream` (RFC 4511 5.1: BER, definite lengths only); a
/// message declaring more than `max` bytes is refused unread.
pub(crate) fn read_message(stream: &mut impl Read, max: u64) -> Result<Vec<u8>, Frame> {
    let mut head = [0u8; 2];
    stream.read_exact(&mut head).map_err(Frame::Io)?;
    let mut message = head.to_vec();
    let length = if head[1] < 0x80 {
        usize::from(head[1])
    } else {
        let count = usize::from(head[1] & 0x7f);
        if count == 0 || count > 4 {
            return Err(Frame::NotLdap);
        }
        let mut bytes = vec![0u8; count];
        stream.read_exact(&mut bytes).map_err(Frame::Io)?;
        message.extend_from_slice(&bytes);
        length_of(&bytes)
    };
    if length as u64 > max {
        return Err(Frame::TooLarge(length));
    }
    let start = message.len();
    message.resize(start + length, 0);
    stream.read_exact(&mut message[start..]).map_err(Frame::Io)?;
    Ok(message)
}

/// A long-form BER length's octets, folded.
fn length_of(octets: &[u8]) -> usize {
    octets.iter().fold(0usize, |n, b| (n << 8) | usize::from(*b))
}

/// The first TLV of `bytes`: (tag, value, what follows). Single-byte tags, definite lengths.
pub(crate) fn ber(bytes: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = bytes.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (length, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        (length_of(&rest[..count]), &rest[count..])
    };
    (rest.len() >= length).then(|| (tag, &rest[..length], &rest[length..]))
}

/// Every TLV of `bytes`, each with `tag`; None if any other is there or bytes are left over.
fn all_of(mut bytes: &[u8], tag: u8) -> Option<Vec<&[u8]>> {
    let mut values = Vec::new();
    while !bytes.is_empty() {
        let (t, value, rest) = ber(bytes)?;
        if t != tag {
            return None;
        }
        values.push(value);
        bytes = rest;
    }
    Some(values)
}

/// Whether `message` is an answer to a search that `ldap3` reads without a panic: an
/// LDAPMessage (RFC 4511 4.1.1) with a message ID and a SearchResultEntry, SearchResultDone
/// or SearchResultReference, each field of the type it must have, nothing left over.
fn is_search_answer(message: &[u8]) -> bool {
    let Some((0x30, body, [])) = ber(message) else { return false };
    let Some((0x02, id, rest)) = ber(body) else { return false };
    let Some((op, value, [])) = ber(rest) else { return false };
    if id.is_empty() || id.len() > 4 {
        return false;
    }
    match op {
        // SearchResultEntry: objectName, attributes: SEQUENCE OF { type, SET OF value }.
        0x64 => {
            let Some((0x04, name, rest)) = ber(value) else { return false };
            let Some((0x30, attributes, [])) = ber(rest) else { return false };
            std::str::from_utf8(name).is_ok()
                && all_of(attributes, 0x30).is_some_and(|list| {
                    list.iter().all(|attribute| match ber(attribute) {
                        Some((0x04, kind, rest)) => {
                            std::str::from_utf8(kind).is_ok()
                                && matches!(ber(rest), Some((0x31, values, [])) if all_of(values, 0x04).is_some())
                        }
                        _ => false,
                    })
                })
        }
        // SearchResultDone: LDAPResult { resultCode, matchedDN, diagnosticMessage, [3] referral }.
        0x65 => {
            let Some((0x0a, code, rest)) = ber(value) else { return false };
            let Some((0x04, _, rest)) = ber(rest) else { return false };
            let Some((0x04, _, rest)) = ber(rest) else { return false };
            (1..=4).contains(&code.len())
                && (rest.is_empty() || matches!(ber(rest), Some((0xa3, urls, [])) if all_of(urls, 0x04).is_some()))
        }
        // SearchResultReference: SEQUENCE OF URI.
        0x73 => all_of(value, 0x04).is_some_and(|urls| !urls.is_empty()),
        _ => false,
    }
}

/// Why the relay stopped passing the server's answer on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stop {
    TimedOut,
    Cut,
    TooLarge,
    NotLdap,
}

/// Why the relay stopped, as the fetch's error.
fn stop_error(url: &str, stop: Stop, limits: Limits) -> FetchError {
    let url = url.to_string();
    match stop {
        Stop::TimedOut => FetchError::Timeout { url, secs: limits.timeout.as_secs() },
        Stop::Cut => FetchError::Cut { url },
        Stop::TooLarge => FetchError::TooLarge { url, limit: limits.max_bytes },
        Stop::NotLdap => {
            FetchError::Directory { url, reason: "answered with something that is not an LDAP search result".into() }
        }
    }
}

/// A host-less `ldap:///` URL: the directory of the machine's own domain, no server named.
pub fn is_host_less(url: &str) -> bool {
    super::http::is_ldap(url) && url.split_once("://").is_some_and(|(_, rest)| rest.starts_with('/'))
}

/// Searches the directory an `ldap://` URL names for its attribute (RFC 4516: host, base DN,
/// attribute, scope, filter) and returns the attribute's first value: a CRL or a certificate.
pub fn fetch(url: &str, limits: Limits) -> Result<Fetched, FetchError> {
    let started = Instant::now();
    let bad = || FetchError::BadUrl { url: url.into() };
    if is_host_less(url) {
        return Err(FetchError::NoServer { url: url.into() });
    }
    let parsed = url::Url::parse(url).map_err(|_| bad())?;
    match parsed.scheme() {
        "ldap" => {}
        "ldaps" => {
            return Err(FetchError::Directory {
                url: url.into(),
                reason: "is LDAP over TLS (ldaps), which certscope does not fetch yet".into(),
            });
        }
        _ => return Err(bad()),
    }
    let host = parsed.host_str().unwrap_or_default();
    if host.is_empty() {
        return Err(FetchError::NoServer { url: url.into() });
    }
    let params = ldap3::get_url_params(&parsed).map_err(|e| FetchError::Directory {
        url: url.into(),
        reason: format!("is not an LDAP URL certscope can use ({e})"),
    })?;
    // RFC 4516 2: an omitted scope is "base" (ldap3 would take "sub").
    let scope_given = parsed.query().and_then(|q| q.split('?').nth(1)).is_some_and(|s| !s.is_empty());
    let scope = if scope_given { params.scope } else { ldap3::Scope::Base };
    let attributes: Vec<String> = params.attrs.iter().map(|a| (*a).to_string()).collect();
    if super::Cancel::current_is_cancelled() {
        return Err(FetchError::Cancelled { url: url.into() });
    }
    let tcp = connect(url, host, parsed.port().unwrap_or(389), limits)?;
    let _watch = {
        let closing = tcp.try_clone().map_err(|e| connect_error(url, &e))?;
        super::cancel::Cancel::watch(move || {
            let _ = closing.shutdown(Shutdown::Both);
        })
        .map_err(|_| FetchError::Cancelled { url: url.into() })?
    };
    let (relay, stop) = relay(&tcp, limits).map_err(|e| connect_error(url, &e))?;
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        search(
            relay,
            &params.base,
            scope,
            &params.filter,
            &attributes,
            limits.timeout.saturating_sub(started.elapsed()),
        )
    }));
    let _ = tcp.shutdown(Shutdown::Both);
    if super::Cancel::current_is_cancelled() {
        return Err(FetchError::Cancelled { url: url.into() });
    }
    let stopped = *stop.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let entries = match outcome {
        Ok(Ok(entries)) => entries,
        Ok(Err(Search::Timeout)) => {
            return Err(FetchError::Timeout { url: url.into(), secs: limits.timeout.as_secs() });
        }
        Ok(Err(Search::Result { code, text })) => {
            let said = if text.is_empty() { String::new() } else { format!(": '{text}'") };
            return Err(FetchError::Directory {
                url: url.into(),
                reason: format!("answered LDAP result {code} ({}){said}", result_name(code)),
            });
        }
        Ok(Err(Search::Failed(why))) => {
            return Err(stopped
                .map_or(FetchError::Connect { url: url.into(), reason: why }, |stop| stop_error(url, stop, limits)));
        }
        // ldap3 panicked on the answer: whatever the relay saw, it was not a search result.
        Err(_) => return Err(stop_error(url, stopped.unwrap_or(Stop::NotLdap), limits)),
    };
    let wanted = attributes.first().map_or("", |a| a.split(';').next().unwrap_or(a));
    let Some(entry) = entries.into_iter().next() else {
        return Err(FetchError::Directory { url: url.into(), reason: format!("has no entry '{}'", params.base) });
    };
    let value = entry
        .bin_attrs
        .into_iter()
        .chain(entry.attrs.into_iter().map(|(k, v)| (k, v.into_iter().map(String::into_bytes).collect())))
        .filter(|(name, _)| wanted == "*" || name.split(';').next().is_some_and(|n| n.eq_ignore_ascii_case(wanted)))
        .flat_map(|(_, values)| values)
        .next();
    match value {
        Some(body) => Ok(Fetched { body, content_type: None, elapsed: started.elapsed() }),
        None => Err(FetchError::Directory {
            url: url.into(),
            reason: format!("has the entry '{}', but no value of {wanted} in it", entry.dn),
        }),
    }
}

fn connect_error(url: &str, error: &std::io::Error) -> FetchError {
    FetchError::Connect { url: url.into(), reason: error.to_string() }
}

/// A TCP connection to the directory within the timeout, reads and writes bounded by it too.
fn connect(url: &str, host: &str, port: u16, limits: Limits) -> Result<TcpStream, FetchError> {
    let addresses = (host, port).to_socket_addrs().map_err(|e| connect_error(url, &e))?;
    let mut last = None;
    for address in addresses {
        match TcpStream::connect_timeout(&address, limits.timeout) {
            Ok(stream) => {
                stream.set_read_timeout(Some(limits.timeout)).map_err(|e| connect_error(url, &e))?;
                stream.set_write_timeout(Some(limits.timeout)).map_err(|e| connect_error(url, &e))?;
                return Ok(stream);
            }
            Err(e) => last = Some(e),
        }
    }
    Err(match last {
        Some(e) if e.kind() == std::io::ErrorKind::TimedOut => {
            FetchError::Timeout { url: url.into(), secs: limits.timeout.as_secs() }
        }
        Some(e) => connect_error(url, &e),
        None => FetchError::Connect { url: url.into(), reason: format!("{host} has no address") },
    })
}

/// Starts the relay between `ldap3` (one end of a socket pair) and the server: requests pass
/// up as they are, answers pass down one checked message at a time, within `limits.max_bytes`
/// in all. Returns `ldap3`'s end and why the relay stopped.
fn relay(tcp: &TcpStream, limits: Limits) -> std::io::Result<(UnixStream, Arc<Mutex<Option<Stop>>>)> {
    let (ours, theirs) = UnixStream::pair()?;
    let stop = Arc::new(Mutex::new(None));
    let (mut up_from, mut up_to) = (ours.try_clone()?, tcp.try_clone()?);
    std::thread::Builder::new().name("ldap relay up".into()).spawn(move || {
        let _ = std::io::copy(&mut up_from, &mut up_to);
        let _ = up_to.shutdown(Shutdown::Write);
    })?;
    let (mut down_from, mut down_to, said) = (tcp.try_clone()?, ours, Arc::clone(&stop));
    std::thread::Builder::new().name("ldap relay down".into()).spawn(move || {
        let mut left = limits.max_bytes;
        let why = loop {
            match read_message(&mut down_from, left) {
                Ok(message) if is_search_answer(&message) => {
                    left = left.saturating_sub(message.len() as u64);
                    if down_to.write_all(&message).is_err() {
                        break None;
                    }
                }
                Ok(_) | Err(Frame::NotLdap) => break Some(Stop::NotLdap),
                Err(Frame::TooLarge(_)) => break Some(Stop::TooLarge),
                Err(Frame::Io(e)) => {
                    break match e.kind() {
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => Some(Stop::TimedOut),
                        std::io::ErrorKind::UnexpectedEof
                        | std::io::ErrorKind::ConnectionReset
                        | std::io::ErrorKind::ConnectionAborted => Some(Stop::Cut),
                        _ => None,
                    };
                }
            }
        };
        *said.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = why;
        let _ = down_to.shutdown(Shutdown::Both);
        let _ = down_from.shutdown(Shutdown::Both);
    })?;
    Ok((theirs, stop))
}

/// How a search ended, short of its entries.
enum Search {
    Timeout,
    Result { code: u32, text: String },
    Failed(String),
}

/// The search, by `ldap3`, over the relay's end.
fn search(
    stream: UnixStream,
    base: &str,
    scope: ldap3::Scope,
    filter: &str,
    attributes: &[String],
    timeout: Duration,
) -> Result<Vec<ldap3::SearchEntry>, Search> {
    let settings =
        ldap3::LdapConnSettings::new().set_conn_timeout(timeout).set_std_stream(ldap3::StdStream::Unix(stream));
    let failed = |e: ldap3::LdapError| match e {
        ldap3::LdapError::Timeout { .. } => Search::Timeout,
        ldap3::LdapError::LdapResult { result } => Search::Result { code: result.rc, text: result.text },
        other => Search::Failed(other.to_string()),
    };
    // The ldapi scheme takes the stream given; the server is the relay's.
    let mut connection = ldap3::LdapConn::with_settings(settings, "ldapi://relay").map_err(failed)?;
    let result = connection.with_timeout(timeout).search(base, scope, filter, attributes).map_err(failed)?;
    let _ = connection.unbind();
    let (entries, _) = result.success().map_err(failed)?;
    Ok(entries.into_iter().map(ldap3::SearchEntry::construct).collect())
}

/// RFC 4511 4.1.9 result codes a directory gives for a lookup, by name.
fn result_name(code: u32) -> &'static str {
    match code {
        1 => "operationsError",
        2 => "protocolError",
        3 => "timeLimitExceeded",
        4 => "sizeLimitExceeded",
        8 => "strongerAuthRequired",
        10 => "referral",
        32 => "noSuchObject",
        34 => "invalidDNSyntax",
        48 => "inappropriateAuthentication",
        49 => "invalidCredentials",
        50 => "insufficientAccessRights",
        51 => "busy",
        52 => "unavailable",
        53 => "unwillingToPerform",
        _ => "error",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_well_formed_search_answers_pass() {
        // SearchResultDone, success: 30 0c 02 01 02 65 07 0a 01 00 04 00 04 00
        let done = [0x30, 0x0c, 0x02, 0x01, 0x02, 0x65, 0x07, 0x0a, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00];
        assert!(is_search_answer(&done));
        // The empty SEQUENCE ldap3 panics on, a BindResponse, a result without its DN.
        assert!(!is_search_answer(&[0x30, 0x00]));
        assert!(!is_search_answer(&[
            0x30, 0x0c, 0x02, 0x01, 0x02, 0x61, 0x07, 0x0a, 0x01, 0x00, 0x04, 0x00, 0x04, 0x00
        ]));
        assert!(!is_search_answer(&[0x30, 0x08, 0x02, 0x01, 0x02, 0x65, 0x03, 0x0a, 0x01, 0x00]));
        // An entry: dn "a", one attribute "b" with the value "c"; and one with a non-UTF-8 type.
        let entry = [
            0x30, 0x13, 0x02, 0x01, 0x02, 0x64, 0x0e, 0x04, 0x01, b'a', 0x30, 0x09, 0x30, 0x07, 0x04, 0x01, b'b', 0x31,
            0x02, 0x04, 0x00,
        ];
        assert!(is_search_answer(&entry));
        let mut bad_type = entry;
        bad_type[16] = 0xff;
        assert!(!is_search_answer(&bad_type));
    }

    #[test]
    fn a_message_declaring_more_than_the_cap_is_refused_unread() {
        let mut declared = &[0x30, 0x84, 0x01, 0x00, 0x00, 0x00][..];
        assert!(matches!(read_message(&mut declared, 1024), Err(Frame::TooLarge(16_777_216))));
        assert!(matches!(read_message(&mut &[0x30, 0x85, 1, 1, 1, 1, 1][..], 1024), Err(Frame::NotLdap)));
    }
}
