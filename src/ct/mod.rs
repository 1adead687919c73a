//! Certificate Transparency (RFC 6962): the logs, from a list in Chrome's v3 schema
//! (`assets/ct/log_list.json`, vendored with its date, or one given by the user), and the
//! embedded SCTs of a certificate, each named by its log and its signature checked against
//! the log's key over the precertificate rebuilt from the certificate.
//!
//! Facts only: whether the SCTs satisfy a browser's policy is the diagnosis's to say.

mod sct;

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use serde::Deserialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub use sct::{EmbeddedSct, SctSignature, embedded_scts};

/// The vendored list: Chrome's logs as of the date in it (see `assets/ct/README.md`).
const BUNDLED: &str = include_str!("../../assets/ct/log_list.json");

/// Why a log list could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LogListError {
    /// Not JSON in Chrome's v3 schema.
    #[error("not a CT log list in Chrome's v3 schema: {0}")]
    Json(#[from] serde_json::Error),
    /// A log's key is not valid base64.
    #[error("log '{0}': its key is not base64")]
    Key(String),
    /// A log's ID is not SHA-256 of its key (RFC 6962 3.2), so its entry cannot be believed.
    #[error("log '{0}': its log_id is not SHA-256 of its key")]
    Id(String),
}

/// One log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Log {
    /// As the list describes it: `Google 'Argon2026h1' log`.
    pub description: String,
    /// Who runs it.
    pub operator: String,
    /// SHA-256 of its key.
    pub id: [u8; 32],
    /// Its public key (SubjectPublicKeyInfo, DER).
    pub key: Vec<u8>,
    /// Its state in the list (`usable`, `qualified`, `readonly`, `retired`, `rejected`), if given.
    pub state: Option<String>,
    /// When it entered that state.
    pub state_since: Option<OffsetDateTime>,
    /// A static-ct-api (tiled) log rather than an RFC 6962 one.
    pub tiled: bool,
}

impl Log {
    /// Retired (or rejected) before `when`: an SCT it issued later does not count.
    pub fn retired_before(&self, when: OffsetDateTime) -> bool {
        matches!(self.state.as_deref(), Some("retired" | "rejected"))
            && self.state_since.is_some_and(|since| since <= when)
    }

    /// Its ID, base64, as logs publish it.
    pub fn id_base64(&self) -> String {
        data_encoding::BASE64.encode(&self.id)
    }
}

/// The logs, by ID, and where the list came from.
#[derive(Clone, Debug)]
pub struct LogList {
    logs: HashMap<[u8; 32], Log>,
    /// When the list was made (`log_list_timestamp`).
    pub timestamp: Option<OffsetDateTime>,
    /// Its `version` field.
    pub version: String,
    /// What it is called in findings: "the vendored list", or the file given.
    pub name: String,
    /// Where it came from, in words.
    pub source: String,
}

#[derive(Deserialize)]
struct Wire {
    #[serde(default)]
    version: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    log_list_timestamp: Option<String>,
    operators: Vec<WireOperator>,
}

#[derive(Deserialize)]
struct WireOperator {
    name: String,
    #[serde(default)]
    logs: Vec<WireLog>,
    #[serde(default)]
    tiled_logs: Vec<WireLog>,
}

#[derive(Deserialize)]
struct WireLog {
    #[serde(default)]
    description: String,
    log_id: String,
    key: String,
    #[serde(default)]
    state: Option<HashMap<String, WireState>>,
}

#[derive(Deserialize)]
struct WireState {
    #[serde(default)]
    timestamp: Option<String>,
}

fn rfc3339(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text, &Rfc3339).ok()
}

impl LogList {
    /// Reads a list in Chrome's v3 schema (`log_list.json` or `all_logs_list.json`). Every
    /// log's ID is checked to be SHA-256 of its key: a list that names a key under another
    /// log's ID is refused.
    pub fn parse(json: &[u8], name: &str) -> Result<Self, LogListError> {
        let wire: Wire = serde_json::from_slice(json)?;
        let mut logs = HashMap::new();
        for operator in wire.operators {
            let rfc = operator.logs.into_iter().map(|log| (log, false));
            let tiled = operator.tiled_logs.into_iter().map(|log| (log, true));
            for (log, tiled) in rfc.chain(tiled) {
                let key = data_encoding::BASE64
                    .decode(log.key.as_bytes())
                    .map_err(|_| LogListError::Key(log.description.clone()))?;
                let id: [u8; 32] =
                    crate::model::sha256(&key).try_into().map_err(|_| LogListError::Id(log.description.clone()))?;
                if data_encoding::BASE64.encode(&id) != log.log_id.trim() {
                    return Err(LogListError::Id(log.description));
                }
                let (state, state_since) = log
                    .state
                    .and_then(|states| states.into_iter().next())
                    .map(|(name, at)| (Some(name), at.timestamp.as_deref().and_then(rfc3339)))
                    .unwrap_or((None, None));
                logs.insert(
                    id,
                    Log {
                        description: log.description,
                        operator: operator.name.clone(),
                        id,
                        key,
                        state,
                        state_since,
                        tiled,
                    },
                );
            }
        }
        Ok(Self {
            logs,
            timestamp: wire.log_list_timestamp.as_deref().and_then(rfc3339),
            version: wire.version,
            name: name.to_owned(),
            source: wire.source.unwrap_or_else(|| name.to_owned()),
        })
    }

    /// The vendored list, read once.
    pub fn bundled() -> Arc<Self> {
        static LIST: OnceLock<Arc<LogList>> = OnceLock::new();
        LIST.get_or_init(|| {
            // The vendored file is checked by a test; were it ever unreadable, no log is known
            // (every SCT is then "from a log not in the list"), never a crash.
            Arc::new(
                Self::parse(BUNDLED.as_bytes(), "certscope's copy of Chrome's list").unwrap_or_else(|_| Self::empty()),
            )
        })
        .clone()
    }

    fn empty() -> Self {
        Self {
            logs: HashMap::new(),
            timestamp: None,
            version: String::new(),
            name: "no list".into(),
            source: "no list".into(),
        }
    }

    /// The log with this ID.
    pub fn get(&self, id: &[u8; 32]) -> Option<&Log> {
        self.logs.get(id)
    }

    /// How many logs it names.
    pub fn len(&self) -> usize {
        self.logs.len()
    }

    /// Whether it names none.
    pub fn is_empty(&self) -> bool {
        self.logs.is_empty()
    }

    /// "certscope's copy of Chrome's list, of 2026-05-14, 56 logs", for findings.
    pub fn describe(&self) -> String {
        let date = self.timestamp.map(|t| t.date().to_string()).unwrap_or_else(|| "unknown date".into());
        format!("{}, of {date}, {} logs", self.name, self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_list_reads_and_every_id_is_its_keys_hash() {
        let list = LogList::parse(BUNDLED.as_bytes(), "bundled").expect("the vendored list reads");
        assert!(list.len() >= 40, "{} logs", list.len());
        let argon = data_encoding::BASE64.decode(b"DleUvPOuqT4zGyyZB7P3kN+bwj1xMiXdIaklrGHFTiE=").unwrap();
        let argon = list.get(&argon.try_into().unwrap()).expect("Google's Argon2026h1 is listed");
        assert_eq!(argon.operator, "Google");
        assert!(argon.description.contains("Argon2026h1"));
        assert!(list.timestamp.is_some());
    }

    #[test]
    fn a_key_under_another_logs_id_is_refused() {
        let forged = br#"{"operators":[{"name":"x","logs":[{"description":"forged","log_id":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=","key":"MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEB/we6GOO/xwxivy4HhkrYFAAPo6e2nc346Wo2o2U+GvoPWSPJz91s/xrEvA3Bk9kWHUUXVZS5morFEzsgdHqPg=="}]}]}"#;
        assert!(matches!(LogList::parse(forged, "test"), Err(LogListError::Id(_))));
        assert!(matches!(LogList::parse(b"<html>", "test"), Err(LogListError::Json(_))));
    }
}
