//! Judging a chain as a TLS client would: the path to a trusted root is rustls-webpki's
//! (certscope does not write a path validator); the name, the validity and the purpose are
//! checked with it, and each verdict is a line of a checklist in words.

use std::net::IpAddr;

use rustls_pki_types::{CertificateDer, ServerName, TrustAnchor, UnixTime};
use time::OffsetDateTime;
use webpki::{EndEntityCert, KeyUsage};

use crate::model::Certificate;
use crate::model::time::rfc3339;
use crate::verification::{Check, Outcome, first_failure};

mod profile;

pub(crate) use profile::valid_dns;

/// Which roots are trusted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum TrustStore {
    /// Mozilla's roots, as shipped by webpki-roots (the default: what browsers trust).
    #[default]
    Mozilla,
    /// The operating system's store (rustls-native-certs).
    System,
    /// Roots given by the user (`--ca-file`), as DER.
    Custom(Vec<Vec<u8>>),
}

impl TrustStore {
    /// `Mozilla roots`, `the system store`, `the given roots`.
    pub fn describe(&self) -> &'static str {
        match self {
            Self::Mozilla => "Mozilla's roots",
            Self::System => "the system's roots",
            Self::Custom(_) => "the roots given",
        }
    }

    /// The anchors, owned. Reading the system store touches the disk: call it off the UI thread.
    pub fn anchors(&self) -> Result<Vec<TrustAnchor<'static>>, String> {
        match self {
            Self::Mozilla => Ok(webpki_roots::TLS_SERVER_ROOTS.to_vec()),
            Self::System => {
                let found = rustls_native_certs::load_native_certs();
                if found.certs.is_empty() {
                    let why: Vec<String> = found.errors.iter().map(ToString::to_string).collect();
                    return Err(format!("no system roots found: {}", why.join("; ")));
                }
                Ok(found
                    .certs
                    .iter()
                    .filter_map(|der| webpki::anchor_from_trusted_cert(der).ok().map(|a| a.to_owned()))
                    .collect())
            }
            Self::Custom(roots) => roots
                .iter()
                .enumerate()
                .map(|(index, der)| {
                    webpki::anchor_from_trusted_cert(&CertificateDer::from(der.as_slice()))
                        .map(|a| a.to_owned())
                        .map_err(|e| format!("root {} cannot be a trust anchor: {e:?}", index + 1))
                })
                .collect(),
        }
    }
}

/// What the certificate is to be used for (`--purpose`). Its words, EKU and rules for the
/// diagnosis are in `diagnose::purpose`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Purpose {
    /// A TLS server (id-kp-serverAuth, if the EKU extension is present).
    #[default]
    Server,
    /// A TLS client (id-kp-clientAuth, if present).
    Client,
    /// Code signing (id-kp-codeSigning, required).
    CodeSigning,
    /// S/MIME (id-kp-emailProtection, if present).
    Email,
    /// OCSP signing (id-kp-OCSPSigning, required: RFC 6960 4.2.2.2).
    Ocsp,
    /// Time stamping (id-kp-timeStamping, required: RFC 3161 2.3).
    TimeStamping,
    /// IPsec (id-kp-ipsecIKE, if present: RFC 4945 5.1.3.12).
    Ipsec,
}

impl Purpose {
    fn usage(self) -> KeyUsage {
        // The DER contents of id-kp-* (1.3.6.1.5.5.7.3.n).
        const CODE_SIGNING: &[u8] = &[0x2b, 6, 1, 5, 5, 7, 3, 3];
        const EMAIL: &[u8] = &[0x2b, 6, 1, 5, 5, 7, 3, 4];
        const TIME_STAMPING: &[u8] = &[0x2b, 6, 1, 5, 5, 7, 3, 8];
        const OCSP_SIGNING: &[u8] = &[0x2b, 6, 1, 5, 5, 7, 3, 9];
        const IPSEC_IKE: &[u8] = &[0x2b, 6, 1, 5, 5, 7, 3, 17];
        match self {
            Self::Server => KeyUsage::server_auth(),
            Self::Client => KeyUsage::client_auth(),
            Self::CodeSigning => KeyUsage::required(CODE_SIGNING),
            Self::Email => KeyUsage::required_if_present(EMAIL),
            Self::Ocsp => KeyUsage::required(OCSP_SIGNING),
            Self::TimeStamping => KeyUsage::required(TIME_STAMPING),
            Self::Ipsec => KeyUsage::required_if_present(IPSEC_IKE),
        }
    }

    /// "TLS server authentication": what the EKU must allow, for a checklist line.
    fn usage_words(self) -> &'static str {
        match self {
            Self::Server => "TLS server authentication",
            Self::Client => "TLS client authentication",
            Self::CodeSigning => "code signing",
            Self::Email => "S/MIME email protection",
            Self::Ocsp => "OCSP signing",
            Self::TimeStamping => "time stamping",
            Self::Ipsec => "IPsec",
        }
    }
}

/// Which rules a chain is held to, beyond the path rustls-webpki finds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Rules {
    /// What browsers and TLS libraries enforce. The Baseline Requirements' rules of issuance
    /// (a CN copied from the SAN, say) are notes: the certificate works, its CA erred.
    #[default]
    Browsers,
    /// The CA/Browser Forum's Baseline Requirements as written: a breach of an issuance rule
    /// fails, as a linter or a strict client (x509-limbo's webpki profile) would have it.
    Cabf,
}

impl Rules {
    /// `browsers` or `cabf`: the flag's value and the JSON's.
    pub fn key(self) -> &'static str {
        match self {
            Self::Browsers => "browsers",
            Self::Cabf => "cabf",
        }
    }

    /// "browsers' rules", "the CA/Browser Forum's rules, strictly": how a chain was judged.
    pub fn words(self) -> &'static str {
        match self {
            Self::Browsers => "browsers' rules",
            Self::Cabf => "the CA/Browser Forum's rules, strictly",
        }
    }

    /// Who judges by these rules, for a verdict: "a client (would REJECT this chain)".
    pub fn client(self) -> &'static str {
        match self {
            Self::Browsers => "a client",
            Self::Cabf => "a client held to the CA/Browser Forum's rules",
        }
    }
}

/// The verdict on one chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Validation {
    /// A client would accept it: a path to a trusted root, valid now, for the purpose, and for
    /// the name when one was asked.
    pub trusted: bool,
    /// Whether the name asked for is in the certificate (None: no name asked).
    pub hostname_matches: Option<bool>,
    /// The trust anchor's subject, when a path was found.
    pub anchor: Option<String>,
    /// The path found, leaf first: indexes into the intermediates given (the anchor is apart).
    pub path: Vec<usize>,
    /// Every check, in words.
    pub checks: Vec<Check>,
    /// The rules it was held to.
    pub rules: Rules,
}

/// What to judge against.
pub struct Judge<'a> {
    /// The trusted roots.
    pub anchors: &'a [TrustAnchor<'a>],
    /// Which store they came from, for the words.
    pub store: &'a TrustStore,
    /// The name a client would ask for: a DNS name or an IP address.
    pub name: Option<&'a str>,
    /// The purpose.
    pub purpose: Purpose,
    /// "Now".
    pub now: OffsetDateTime,
    /// Browsers' rules, or the Baseline Requirements' strictly.
    pub rules: Rules,
}

impl Judge<'_> {
    /// Judges `leaf` (DER) with `intermediates` (DER, any order, extras allowed) as candidates.
    pub fn chain(&self, leaf: &[u8], intermediates: &[&[u8]]) -> Validation {
        let leaf_der = CertificateDer::from(leaf);
        let candidates: Vec<CertificateDer<'_>> = intermediates.iter().map(|c| CertificateDer::from(*c)).collect();
        let model = Certificate::from_der(leaf).ok();
        let mut checks = Vec::new();
        let mut validation = Validation {
            trusted: false,
            hostname_matches: None,
            anchor: None,
            path: Vec::new(),
            checks: Vec::new(),
            rules: self.rules,
        };
        let end_entity = match EndEntityCert::try_from(&leaf_der) {
            Ok(end_entity) => end_entity,
            Err(err) => {
                checks.push(Check {
                    name: "The certificate can be read by a TLS client",
                    outcome: Outcome::Fail(format!("rustls-webpki refuses it: {}", words(&err, self))),
                });
                validation.checks = checks;
                return validation;
            }
        };
        // Validity is encoded in whole seconds: compare at that granularity (as webpki does).
        let now = self.now.replace_nanosecond(0).unwrap_or(self.now);
        if let Some(model) = &model {
            checks.push(Check::require(
                "The certificate is within its validity period",
                model.validity_at(now) == crate::model::ValidityStatus::Valid,
                || crate::model::time::validity_phrase(model.not_before, model.not_after, now),
            ));
        }
        let time = UnixTime::since_unix_epoch(std::time::Duration::from_secs(
            u64::try_from(self.now.unix_timestamp()).unwrap_or(0),
        ));
        let path = end_entity.verify_for_usage(
            webpki::ALL_VERIFICATION_ALGS,
            self.anchors,
            &candidates,
            time,
            self.purpose.usage(),
            None,
            None,
        );
        let path_ok = match &path {
            Ok(path) => {
                let anchor = anchor_name(path.anchor());
                validation.path = path
                    .intermediate_certificates()
                    .filter_map(|c| candidates.iter().position(|d| d.as_ref() == c.der().as_ref()))
                    .collect();
                checks.push(Check { name: "A path to a trusted root", outcome: Outcome::Pass });
                checks.push(Check {
                    name: "Anchored at",
                    outcome: Outcome::NotApplicable(format!("'{anchor}', one of {}", self.store.describe())),
                });
                validation.anchor = Some(anchor);
                // What webpki leaves unchecked, over the path it found (the root too, when its
                // certificate is at hand: given roots; Mozilla's are only names and keys).
                let intermediates: Vec<Certificate> = validation
                    .path
                    .iter()
                    .filter_map(|&i| Certificate::from_der(candidates[i].as_ref()).ok())
                    .collect();
                let root = self.root_certificate(path.anchor());
                if let Some(leaf) = &model {
                    let mut links = vec![profile::Link { certificate: leaf, role: profile::Role::Leaf }];
                    links.extend(
                        intermediates
                            .iter()
                            .map(|c| profile::Link { certificate: c, role: profile::Role::Intermediate }),
                    );
                    links.extend(root.iter().map(|c| profile::Link { certificate: c, role: profile::Role::Root }));
                    checks.extend(profile::checks(&links, now, self.rules, self.purpose));
                }
                true
            }
            Err(err) => {
                let why = match (err, &model) {
                    (webpki::Error::UnknownIssuer, Some(leaf)) => self.missing_link(leaf, intermediates),
                    _ => words(err, self),
                };
                checks.push(Check { name: "A path to a trusted root", outcome: Outcome::Fail(why) });
                false
            }
        };
        checks
            .push(Check { name: "Usable for the purpose (extended key usage)", outcome: purpose_outcome(&path, self) });
        if let Some(name) = self.name {
            let matches = match ServerName::try_from(name) {
                Ok(server_name) => end_entity.verify_is_valid_for_subject_name(&server_name).map_err(|e| (e, name)),
                Err(_) => Err((webpki::Error::MalformedDnsIdentifier, name)),
            };
            validation.hostname_matches = Some(matches.is_ok());
            checks.push(match matches {
                Ok(()) => Check { name: "The name asked for is in the certificate (SAN)", outcome: Outcome::Pass },
                Err((_, name)) => Check {
                    name: "The name asked for is in the certificate (SAN)",
                    outcome: Outcome::Fail(name_mismatch(name, model.as_ref())),
                },
            });
        }
        validation.trusted = path_ok && first_failure(&checks).is_none();
        validation.checks = checks;
        validation
    }
}

impl Judge<'_> {
    /// Why no path: walks up from the leaf through what was sent, by issuer name, and names the
    /// first issuer that is neither sent nor trusted, or the untrusted root the chain ends at.
    fn missing_link(&self, leaf: &Certificate, intermediates: &[&[u8]]) -> String {
        let sent: Vec<Certificate> = intermediates.iter().filter_map(|der| Certificate::from_der(der).ok()).collect();
        let trusted = |name: &crate::model::DistinguishedName| self.anchors.iter().any(|a| anchor_names(a, name));
        if leaf.self_signed {
            return format!(
                "the certificate is self-signed, and not among {}: clients trust it only if it is installed in their trust store",
                self.store.describe()
            );
        }
        let mut current = leaf;
        for _ in 0..=sent.len() {
            if current.self_signed {
                return format!(
                    "the chain ends at the root '{}', which is not among {}",
                    current.display_name(),
                    self.store.describe()
                );
            }
            if trusted(&current.issuer) {
                return format!(
                    "'{}' names a trusted root '{}' as its issuer, but that root's key does not verify it",
                    current.display_name(),
                    current.issuer.display_name()
                );
            }
            match sent.iter().find(|c| c.subject.der == current.issuer.der) {
                Some(issuer) => current = issuer,
                None => {
                    let hint = current.issuer_url().map(|u| format!(" (it is published at {u})")).unwrap_or_default();
                    return format!(
                        "the intermediate '{}' (issuer of '{}') was not sent, and is not a trusted root{hint}",
                        current.issuer.display_name(),
                        current.display_name()
                    );
                }
            }
        }
        words(&webpki::Error::UnknownIssuer, self)
    }

    /// The certificate of a trust anchor, when the store has certificates (given roots).
    fn root_certificate(&self, anchor: &TrustAnchor<'_>) -> Option<Certificate> {
        let TrustStore::Custom(roots) = self.store else { return None };
        roots.iter().find_map(|der| {
            let candidate = CertificateDer::from(der.as_slice());
            let parsed = webpki::anchor_from_trusted_cert(&candidate).ok()?;
            (parsed.subject.as_ref() == anchor.subject.as_ref()
                && parsed.subject_public_key_info.as_ref() == anchor.subject_public_key_info.as_ref())
            .then(|| Certificate::from_der(der).ok())
            .flatten()
        })
    }
}

fn purpose_outcome<T>(path: &Result<T, webpki::Error>, judge: &Judge<'_>) -> Outcome {
    match path {
        Err(webpki::Error::RequiredEkuNotFoundContext(_)) => Outcome::Fail(format!(
            "the certificate's extended key usage does not allow {}",
            judge.purpose.usage_words()
        )),
        Err(_) => Outcome::NotApplicable("not reached: no path was found".into()),
        Ok(_) => Outcome::Pass,
    }
}

/// "name 'www.example.org' is not in the certificate's SAN: it covers example.com, *.example.com",
/// with a note when only the subject's CN would have matched (clients ignore the CN).
pub(crate) fn name_mismatch(name: &str, model: Option<&Certificate>) -> String {
    let Some(model) = model else { return format!("name '{name}' does not match the certificate") };
    let sans = model.subject_alt_names();
    let covered = if sans.is_empty() {
        "it has no subject alternative names".to_string()
    } else {
        let list: Vec<&str> = sans.iter().map(|s| s.split_once(':').map_or(s.as_str(), |(_, v)| v)).collect();
        format!("it covers {}", list.join(", "))
    };
    let cn = model.subject.first("CN").filter(|cn| cn.eq_ignore_ascii_case(name));
    let note =
        if cn.is_some() { " (only the subject's CN matches, and clients ignore the CN since RFC 6125)" } else { "" };
    let what = if name.parse::<IpAddr>().is_ok() { "address" } else { "name" };
    format!("{what} '{name}' is not in the certificate's SAN: {covered}{note}")
}

pub(crate) fn anchor_name(anchor: &TrustAnchor<'_>) -> String {
    // The anchor's subject is the Name's content, without the outer SEQUENCE.
    let mut der = vec![0x30];
    let content = anchor.subject.as_ref();
    match content.len() {
        n if n < 0x80 => der.push(n as u8),
        n if n < 0x100 => der.extend([0x81, n as u8]),
        n => der.extend([0x82, (n >> 8) as u8, n as u8]),
    }
    der.extend_from_slice(content);
    use x509_parser::prelude::FromDer;
    x509_parser::x509::X509Name::from_der(&der)
        .map(|(_, name)| crate::model::DistinguishedName::from_x509(&name).display_name().to_string())
        .unwrap_or_else(|_| "(unreadable name)".into())
}

/// A webpki error in words a help-desk person can act on.
pub(crate) fn words(err: &webpki::Error, judge: &Judge<'_>) -> String {
    use webpki::Error as E;
    let at = rfc3339(judge.now);
    match err {
        E::UnknownIssuer => {
            format!("no chain to {}: an intermediate is missing, or the root is not trusted", judge.store.describe())
        }
        E::CertExpired { .. } => format!("a certificate of the path has expired (at {at})"),
        E::CertNotValidYet { .. } => format!("a certificate of the path is not yet valid (at {at})"),
        E::InvalidSignatureForPublicKey => "a signature in the path does not verify with its issuer's key".into(),
        E::UnsupportedSignatureAlgorithmContext(_) => {
            "a signature in the path uses an algorithm clients do not accept".into()
        }
        E::UnsupportedSignatureAlgorithmForPublicKeyContext(_) => {
            "a signature algorithm does not fit its issuer's key".into()
        }
        E::CaUsedAsEndEntity => {
            "the certificate is a CA certificate, used as a server's (end-entity) certificate".into()
        }
        E::EndEntityUsedAsCa => "an end-entity certificate is used as an issuer (it is not a CA)".into(),
        E::NameConstraintViolation => "a name in the certificate is outside the names its CA may issue for".into(),
        E::PathLenConstraintViolated => "the path is longer than a CA's path length constraint allows".into(),
        E::RequiredEkuNotFoundContext(_) => {
            format!("the extended key usage does not allow {}", judge.purpose.usage_words())
        }
        E::CertDistrusted => "the root is distrusted".into(),
        E::MaximumPathDepthExceeded => "the path is deeper than clients follow".into(),
        E::MaximumSignatureChecksExceeded | E::MaximumPathBuildCallsExceeded => {
            "path building gave up: too many candidate certificates".into()
        }
        E::BadDer | E::BadDerTime => "a certificate is not valid DER".into(),
        E::UnsupportedCriticalExtension => "a certificate has a critical extension clients do not understand".into(),
        E::MalformedExtensions | E::ExtensionValueInvalid => "a certificate has a malformed extension".into(),
        E::InvalidCertValidity => "a certificate's validity period is invalid (notAfter before notBefore)".into(),
        E::UnsupportedCertVersion => "a certificate is not X.509 v3".into(),
        E::UnsupportedNameType => "a certificate has a name of a type clients cannot check".into(),
        other => format!("rejected by rustls-webpki: {other:?}"),
    }
}

/// Judges certificates as a client judges what a server sends: the first is the leaf, the
/// others are candidate intermediates (any order, extras allowed). None when there are none.
pub fn judge_sent(certificates: &[&Certificate], judge: &Judge<'_>) -> Option<Validation> {
    let (leaf, rest) = certificates.split_first()?;
    let intermediates: Vec<&[u8]> = rest.iter().map(|c| c.der.as_slice()).collect();
    Some(judge.chain(&leaf.der, &intermediates))
}

/// Roots from a PEM file (`--ca-file`): every CERTIFICATE or TRUSTED CERTIFICATE block, or
/// one DER certificate. Read as DER, not through the model, so an odd root is still a root.
pub fn roots_from_pem(bytes: &[u8]) -> Result<Vec<Vec<u8>>, String> {
    let blocks = crate::load::pem_blocks(bytes);
    if blocks.is_empty() {
        return match bytes.first() {
            Some(0x30) => Ok(vec![bytes.to_vec()]),
            _ => Err("no PEM certificate found".into()),
        };
    }
    let mut roots = Vec::new();
    for block in blocks.into_iter().filter(|b| b.label == "CERTIFICATE" || b.label == "TRUSTED CERTIFICATE") {
        let der = block.der.map_err(|why| format!("block at line {}: {why}", block.line))?;
        // A TRUSTED CERTIFICATE is the certificate followed by OpenSSL's trust settings.
        let certificate = crate::load::element(&der).map(|(_, tlv, _)| tlv.to_vec()).unwrap_or(der);
        roots.push(certificate);
    }
    if roots.is_empty() {
        return Err("no CERTIFICATE block found".into());
    }
    Ok(roots)
}

/// How the chain was sent, against the path found: out of order, duplicates, a root sent
/// needlessly, a leaf alone. Clients cope with the first three (notes); a leaf alone fails
/// unless its issuer is a trusted root.
pub fn sent_chain_checks(sent: &[&Certificate], validation: &Validation) -> Vec<Check> {
    let mut checks = Vec::new();
    let Some((leaf, rest)) = sent.split_first() else { return checks };
    let mut duplicates = Vec::new();
    for (i, c) in sent.iter().enumerate() {
        if sent[..i].iter().any(|d| d.der == c.der) {
            duplicates.push(c.display_name());
        }
    }
    checks.push(match duplicates.is_empty() {
        true => Check { name: "No certificate sent twice", outcome: Outcome::Pass },
        false => Check {
            name: "No certificate sent twice",
            outcome: Outcome::Warn(format!("sent more than once: {}", duplicates.join(", "))),
        },
    });
    let out_of_order = sent.windows(2).position(|pair| pair[1].subject.der != pair[0].issuer.der);
    checks.push(match out_of_order {
        None => Check { name: "Sent in order (each certificate followed by its issuer)", outcome: Outcome::Pass },
        Some(i) => Check {
            name: "Sent in order (each certificate followed by its issuer)",
            outcome: Outcome::Warn(format!(
                "'{}' is followed by '{}', not by its issuer '{}': clients re-order, but fix the server's chain file",
                sent[i].display_name(),
                sent[i + 1].display_name(),
                sent[i].issuer.display_name()
            )),
        },
    });
    let roots: Vec<String> = rest.iter().filter(|c| c.self_signed).map(|c| c.display_name()).collect();
    checks.push(match roots.is_empty() {
        true => Check { name: "No root sent", outcome: Outcome::Pass },
        false => Check {
            name: "No root sent",
            outcome: Outcome::Warn(format!(
                "the server sends the root '{}': clients use their own copy, so it is only extra bytes",
                roots.join(", ")
            )),
        },
    });
    if rest.is_empty() && !leaf.self_signed {
        checks.push(Check {
            name: "Intermediates sent with the leaf",
            outcome: if validation.trusted {
                Outcome::Pass
            } else {
                Outcome::Fail(format!(
                    "the server sent its certificate alone; its issuer '{}' must be sent with it",
                    leaf.issuer.display_name()
                ))
            },
        });
    }
    checks
}

/// An intermediate the server did not send, fetched from the URL its child names (AIA caIssuers).
#[derive(Clone, Debug, PartialEq)]
pub struct Fetched {
    /// The certificate fetched.
    pub certificate: Certificate,
    /// Where from.
    pub url: String,
}

/// How far AIA chasing goes: the depth, and each download's limits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AiaOptions {
    /// At most this many certificates fetched, one above the other.
    pub depth: usize,
    /// Timeout and size cap of each download.
    pub limits: crate::net::Limits,
    /// URL prefixes answered elsewhere (tests, the sample).
    pub routes: Vec<(String, String)>,
    /// The chain came from a server (a host), not from a file: the words say who left a gap.
    pub from_server: bool,
}

impl Default for AiaOptions {
    fn default() -> Self {
        Self {
            depth: 4,
            limits: crate::net::Limits { timeout: std::time::Duration::from_secs(10), max_bytes: 1024 * 1024 },
            routes: Vec::new(),
            from_server: true,
        }
    }
}

/// Judges what was sent; when no path reaches a trusted root, follows the caIssuers URLs from
/// the top of what was sent (DER, PEM or PKCS#7; depth-limited, no loops) and judges again
/// with what was fetched, saying "the server did not send 'X'; fetched from URL".
pub fn judge_with_aia(
    sent: &[&Certificate],
    judge: &Judge<'_>,
    aia: &AiaOptions,
) -> (Option<Validation>, Vec<Fetched>) {
    let first = judge_sent(sent, judge);
    if first.as_ref().is_none_or(|v| {
        v.trusted || v.checks.iter().all(|c| c.name != "A path to a trusted root" || c.result() != "fail")
    }) {
        return (first, Vec::new());
    }
    let mut fetched: Vec<Fetched> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut seen_urls = std::collections::HashSet::new();
    let known = |der: &[u8], fetched: &[Fetched]| {
        sent.iter().any(|c| c.der == der) || fetched.iter().any(|f| f.certificate.der == der)
    };
    // Walk up from the leaf through what was sent, then through what is fetched.
    let mut current: Certificate = sent[0].clone();
    for _ in 0..(sent.len() + aia.depth) {
        if current.self_signed || judge.anchors.iter().any(|a| anchor_names(a, &current.issuer)) {
            break;
        }
        if let Some(parent) = sent.iter().find(|c| c.subject.der == current.issuer.der && c.der != current.der) {
            current = (*parent).clone();
            continue;
        }
        if fetched.len() >= aia.depth {
            notes.push(format!("stopped after fetching {} certificates (the depth limit)", aia.depth));
            break;
        }
        let found = fetch_issuer_by_any_url(&current, aia, &mut seen_urls, |der| known(der, &fetched));
        let issuer = match found {
            Ok(issuer) => issuer,
            Err(failures) => {
                notes.extend(failures);
                break;
            }
        };
        current = issuer.certificate.clone();
        fetched.push(issuer);
    }
    let mut all: Vec<&Certificate> = sent.to_vec();
    all.extend(fetched.iter().map(|f| &f.certificate));
    let mut validation = judge_sent(&all, judge);
    if let Some(v) = &mut validation {
        for f in &fetched {
            let (name, gap) = if aia.from_server {
                ("Intermediates sent by the server", "the server did not send")
            } else {
                ("Intermediates in the chain given", "the chain given lacks")
            };
            v.checks.push(Check {
                name,
                outcome: Outcome::Fail(format!(
                    "{gap} '{}'; fetched from {} (clients that do not fetch, most non-browsers, fail)",
                    f.certificate.display_name(),
                    f.url
                )),
            });
        }
        for note in notes {
            v.checks
                .push(Check { name: "Missing intermediates fetched (AIA caIssuers)", outcome: Outcome::Fail(note) });
        }
        // Fetched or not, a chain the server does not complete is not one all clients accept.
        v.trusted = false;
    }
    (validation, fetched)
}

pub(crate) fn anchor_names(anchor: &TrustAnchor<'_>, name: &crate::model::DistinguishedName) -> bool {
    // A trust anchor's subject is the Name's content, without its SEQUENCE header.
    crate::load::element(&name.der).is_ok_and(|(_, tlv, _)| crate::load::content(tlv) == anchor.subject.as_ref())
}

/// Downloads the issuer of `child` from each of its caIssuers URLs in turn (those not in
/// `tried`) until one serves it: a Windows CA names its domain's directory first (ldap:///,
/// unreachable from outside) and an HTTP or LDAP URL with a server after it. A certificate
/// already `known` is a loop, not an answer. Err: why each URL failed.
pub(crate) fn fetch_issuer_by_any_url(
    child: &Certificate,
    aia: &AiaOptions,
    tried: &mut std::collections::HashSet<String>,
    known: impl Fn(&[u8]) -> bool,
) -> Result<Fetched, Vec<String>> {
    let mut failures = Vec::new();
    for url in child.ca_issuers_urls().into_iter().filter(|u| tried.insert(u.clone())) {
        match fetch_issuer(&url, child, aia) {
            Ok(issuer) if known(&issuer.der) => {
                failures.push(format!("{url} serves a certificate already in the chain (a loop)"));
            }
            Ok(issuer) => return Ok(Fetched { certificate: issuer, url }),
            Err(why) => failures.push(why),
        }
    }
    Err(failures)
}

/// Downloads the issuer of `child` from `url`: the certificate there that signed it.
pub(crate) fn fetch_issuer(url: &str, child: &Certificate, aia: &AiaOptions) -> Result<Certificate, String> {
    let body = crate::net::fetch(&crate::net::route(url, &aia.routes), aia.limits).map_err(|e| e.to_string())?.body;
    let options = crate::load::LoadOptions { max_bytes: aia.limits.max_bytes, password: None };
    let input = crate::load::load_bytes(url, &body, &options);
    input
        .certificates
        .into_iter()
        .find(|c| child.is_signed_by(c).is_ok())
        .ok_or_else(|| format!("{url} does not hold the certificate that signed '{}'", child.display_name()))
}
