//! What persists between runs: recent files and the input size cap, as JSON under the
//! platform's config folder. A missing or corrupt file means defaults, never a crash.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::load::DEFAULT_MAX_BYTES;

/// How many recent files are remembered.
pub const MAX_RECENT: usize = 10;

/// Settings and recent files.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Inputs over this many bytes are refused unread.
    pub max_input_bytes: u64,
    /// Most recent first.
    pub recent_files: Vec<PathBuf>,
    /// How revocation is checked from the window.
    pub revocation: RevocationSettings,
    /// Hosts fetched, most recent first.
    pub recent_hosts: Vec<String>,
    /// How hosts are fetched and judged.
    pub host: HostSettings,
    /// Judge by the Baseline Requirements strictly (issuance rules fail) instead of by browsers'.
    pub strict_cabf: bool,
    /// The Verdict panel's choices: how everything loaded is judged.
    pub verdict: VerdictSettings,
    /// The Explain panel is open.
    pub explain: bool,
    /// `system` (follow the system's light or dark), `dark` or `light`.
    pub theme: String,
    /// Read from files of earlier versions only ("judge hosts against the system's roots"): it
    /// becomes the Host options' roots, and is never written again.
    #[serde(skip_serializing)]
    trust_system: bool,
}

/// The Verdict panel's choices, kept between runs (the server name is not: it belongs to a case).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VerdictSettings {
    /// Lint errors count as errors.
    pub strict: bool,
    /// The store the verdict is for: `any`, `mozilla` or `system`.
    pub trust: String,
    /// The purpose (`server`, `codesigning`, ...); empty: what each leaf's EKU says.
    pub purpose: String,
}

impl VerdictSettings {
    /// The store chosen (`any` when unknown).
    pub fn trust(&self) -> crate::diagnose::TrustChoice {
        use crate::diagnose::TrustChoice;
        [TrustChoice::Mozilla, TrustChoice::System]
            .into_iter()
            .find(|t| t.key() == self.trust)
            .unwrap_or(TrustChoice::Any)
    }

    /// The purpose chosen, if any.
    pub fn purpose(&self) -> Option<crate::diagnose::Purpose> {
        crate::diagnose::Purpose::from_key(&self.purpose)
    }

    /// The choices, to keep.
    pub fn from_choices(
        strict: bool,
        trust: crate::diagnose::TrustChoice,
        purpose: Option<crate::diagnose::Purpose>,
    ) -> Self {
        Self {
            strict,
            trust: trust.key().to_string(),
            purpose: purpose.map(|p| p.key().to_string()).unwrap_or_default(),
        }
    }
}

/// How a host is reached and whose roots judge it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HostSettings {
    /// STARTTLS to speak when the host has no scheme (a mail URL's scheme wins).
    pub starttls: Option<crate::net::tls::StartTls>,
    /// The name sent in SNI instead of the host's (empty: the host's).
    pub sni: String,
    /// Whose roots.
    pub roots: HostRoots,
    /// The roots file (PEM or DER), for [`HostRoots::CaFile`].
    pub ca_file: String,
    /// A client certificate to present when a server asks (a PKCS#12 file, or a certificate
    /// file with `client_key`); empty: none.
    pub client_cert: String,
    /// The client certificate's private key file (empty for a PKCS#12 file).
    pub client_key: String,
    /// The PKCS#12 file's password: kept for the session, never written to the settings.
    #[serde(skip)]
    pub client_password: String,
}

/// Whose roots judge a host.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HostRoots {
    /// Mozilla's, as browsers trust.
    #[default]
    Mozilla,
    /// The system's store.
    System,
    /// A file of roots (a private PKI's).
    CaFile,
}

impl HostSettings {
    /// The client certificate to present, read from its files (off the UI thread); none when
    /// no file is given.
    pub fn client(&self) -> Result<Option<std::sync::Arc<crate::net::tls::ClientIdentity>>, String> {
        let cert = self.client_cert.trim();
        if cert.is_empty() {
            return Ok(None);
        }
        let key = Some(self.client_key.trim()).filter(|k| !k.is_empty()).map(std::path::Path::new);
        let password = Some(self.client_password.as_str()).filter(|p| !p.is_empty());
        crate::load::client_identity(std::path::Path::new(cert), key, password)
            .map(|identity| Some(std::sync::Arc::new(identity)))
            .map_err(|e| format!("the client certificate: {e}"))
    }

    /// The trust store: reads the CA file, so call it off the UI thread.
    pub fn store(&self) -> Result<crate::trust::TrustStore, String> {
        Ok(match self.roots {
            HostRoots::Mozilla => crate::trust::TrustStore::Mozilla,
            HostRoots::System => crate::trust::TrustStore::System,
            HostRoots::CaFile => {
                let path = self.ca_file.trim();
                if path.is_empty() {
                    return Err("no CA file chosen in Host options".into());
                }
                let why = |e: String| format!("the CA file of Host options, {path}: {e}");
                let bytes = std::fs::read(path).map_err(|e| why(e.to_string()))?;
                crate::trust::TrustStore::Custom(crate::trust::roots_from_pem(&bytes).map_err(why)?)
            }
        })
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            max_input_bytes: DEFAULT_MAX_BYTES,
            recent_files: Vec::new(),
            revocation: RevocationSettings::default(),
            verdict: VerdictSettings::default(),
            recent_hosts: Vec::new(),
            host: HostSettings::default(),
            strict_cabf: false,
            explain: false,
            theme: "system".into(),
            trust_system: false,
        }
    }
}

/// How revocation is checked: issue 4's settings, with its defaults.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RevocationSettings {
    /// Send a nonce in OCSP requests.
    pub nonce: bool,
    /// Hash the issuer with SHA-256 in OCSP CertIDs (else SHA-1).
    pub cert_id_sha256: bool,
    /// Send OCSP requests by GET (RFC 5019).
    pub ocsp_get: bool,
    /// Timeout per request, in seconds.
    pub timeout_secs: u64,
    /// Clock-skew tolerance for OCSP dates, in minutes.
    pub clock_skew_minutes: u64,
    /// Ask this OCSP responder instead of the ones certificates name (empty: theirs).
    pub ocsp_url: String,
}

impl Default for RevocationSettings {
    fn default() -> Self {
        Self {
            nonce: true,
            cert_id_sha256: false,
            ocsp_get: false,
            timeout_secs: 10,
            clock_skew_minutes: 5,
            ocsp_url: String::new(),
        }
    }
}

impl RevocationSettings {
    /// OCSP and CRL downloads as these settings say.
    pub fn network_checks(&self) -> crate::revocation::NetworkChecks {
        let timeout = std::time::Duration::from_secs(self.timeout_secs.max(1));
        crate::revocation::NetworkChecks {
            ocsp: Some(crate::revocation::OcspOptions {
                cert_id_hash: if self.cert_id_sha256 {
                    crate::revocation::CertIdHash::Sha256
                } else {
                    crate::revocation::CertIdHash::Sha1
                },
                nonce: self.nonce,
                get: self.ocsp_get,
                url: Some(self.ocsp_url.trim()).filter(|url| !url.is_empty()).map(str::to_string),
                limits: crate::net::Limits { timeout, ..crate::net::Limits::OCSP },
                skew: time::Duration::minutes(i64::try_from(self.clock_skew_minutes).unwrap_or(5)),
                routes: Vec::new(),
            }),
            crl: Some(crate::net::Limits { timeout, ..crate::net::Limits::CRL }),
            routes: Vec::new(),
        }
    }
}

impl Settings {
    /// Where settings live: `~/.config/certscope/settings.json` on Linux.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "certscope").map(|dirs| dirs.config_dir().join("settings.json"))
    }

    /// Reads settings; anything wrong with the file gives defaults and a line on stderr.
    pub fn load(path: &Path) -> Self {
        match std::fs::read(path) {
            Ok(bytes) => {
                let mut settings: Self = serde_json::from_slice(&bytes).unwrap_or_else(|err| {
                    eprintln!("certscope: ignoring unreadable settings in {}: {err}", path.display());
                    Self::default()
                });
                if std::mem::take(&mut settings.trust_system) && settings.host.roots == HostRoots::Mozilla {
                    settings.host.roots = HostRoots::System;
                }
                settings
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => Self::default(),
            Err(err) => {
                eprintln!("certscope: ignoring settings in {}: {err}", path.display());
                Self::default()
            }
        }
    }

    /// Writes settings, creating the folder. Atomically: the JSON goes to a temporary file
    /// beside it, flushed to the disk, then renamed over the settings, so a crash or a full disk
    /// while saving leaves the old settings whole, never half a file.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        use std::io::Write as _;
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("settings.json");
        let temporary = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
        let written = std::fs::File::create(&temporary).and_then(|mut file| {
            file.write_all(&json)?;
            file.sync_all()
        });
        match written.and_then(|()| std::fs::rename(&temporary, path)) {
            Ok(()) => Ok(()),
            Err(err) => {
                let _ = std::fs::remove_file(&temporary);
                Err(err)
            }
        }
    }

    /// Puts a host first in the recent hosts.
    pub fn remember_host(&mut self, host: &str) {
        self.recent_hosts.retain(|h| h != host);
        self.recent_hosts.insert(0, host.to_string());
        self.recent_hosts.truncate(MAX_RECENT);
    }

    /// Puts a file first in the recent list, as an absolute path: a relative one would name
    /// another file once certscope starts from another folder.
    pub fn remember(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent_files.retain(|p| *p != path);
        self.recent_files.insert(0, path);
        self.recent_files.truncate(MAX_RECENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrupt_settings_file_gives_defaults() {
        let dir = std::env::temp_dir().join(format!("certscope-settings-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("settings.json");
        std::fs::write(&path, b"{not json").unwrap();
        assert_eq!(Settings::load(&path), Settings::default());
        let mut settings = Settings::default();
        settings.remember(Path::new("/tmp/a.pem"));
        settings.save(&path).unwrap();
        assert_eq!(Settings::load(&path).recent_files, vec![PathBuf::from("/tmp/a.pem")]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn recent_files_are_remembered_as_absolute_paths() {
        let mut settings = Settings::default();
        settings.remember(Path::new("tests/fixtures/chain.pem"));
        let remembered = &settings.recent_files[0];
        assert!(remembered.is_absolute(), "{remembered:?}");
        assert_eq!(remembered, &std::env::current_dir().unwrap().join("tests/fixtures/chain.pem"));
        // The same file named both ways is one entry.
        settings.remember(&std::env::current_dir().unwrap().join("tests/fixtures/chain.pem"));
        assert_eq!(settings.recent_files.len(), 1);
    }

    #[test]
    fn an_earlier_system_roots_choice_becomes_the_host_options_roots() {
        let dir = std::env::temp_dir().join(format!("certscope-settings-old-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("settings.json");
        std::fs::write(&path, br#"{"trust_system": true, "recent_hosts": ["example.org"]}"#).unwrap();
        let settings = Settings::load(&path);
        assert_eq!((settings.host.roots, settings.recent_hosts.len()), (HostRoots::System, 1));
        settings.save(&path).unwrap();
        let written = std::fs::read_to_string(&path).unwrap();
        assert!(!written.contains("trust_system") && written.contains(r#""roots": "system""#), "{written}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn saving_replaces_the_file_whole_and_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("certscope-settings-atomic-{}", std::process::id()));
        let path = dir.join("settings.json");
        let mut settings = Settings::default();
        settings.remember_host("first.example");
        settings.save(&path).unwrap();
        settings.remember_host("second.example");
        settings.save(&path).unwrap();
        assert_eq!(Settings::load(&path).recent_hosts, ["second.example", "first.example"]);
        let names: Vec<String> =
            std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["settings.json"], "no temporary file is left behind");
        // A folder where the file should be: the save fails, and the temporary file is removed.
        let blocked = dir.join("blocked.json");
        std::fs::create_dir_all(blocked.join("inside")).unwrap();
        assert!(settings.save(&blocked).is_err());
        assert!(!dir.read_dir().unwrap().any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".tmp")));
        std::fs::remove_dir_all(&dir).ok();
    }
}
