//! The one place that concludes: everything loaded (files, hosts, CRL files, keys, revocation
//! answers) is judged together, once, into findings a person can act on and one verdict.
//!
//! Every judgement the window, the text report, the JSON and the Markdown show is a
//! [`Finding`] made here. A finding says what is wrong (`message`), why it matters (`why`),
//! what to do (`fix`), the rule it comes from (`citation`) and the values that show it
//! (`evidence`). The [`Verdict`] says whether clients will accept what was loaded: lints
//! inform but do not decide, unless the caller asks for strictness.

mod certificate;
mod connection;
mod headline;
pub mod lint;
mod purpose;
mod revocation;
mod signature;
mod transparency;
mod trust;

use std::collections::HashMap;

use serde::Serialize;
use time::OffsetDateTime;

use crate::chain::{CertRef, Chain};
use crate::load::Input;
use crate::model::Certificate;

pub use purpose::Purpose;
pub use signature::signer_checks;
pub use trust::{Anchors, ChainVerdict, Store, TrustChoice, fetch_missing};

/// How much a finding weighs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Clients reject it, or it could not be checked at all.
    Error,
    /// Clients accept it, but something deserves fixing.
    Warning,
    /// Worth knowing; nothing to fix now.
    Notice,
    /// What was found to be fine, and how it was judged.
    Info,
}

impl Severity {
    /// `error`, `warning`, `notice`, `info`.
    pub fn word(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Notice => "notice",
            Self::Info => "info",
        }
    }

    /// `ERROR`, `WARNING`, ... for the text report.
    pub fn upper(self) -> &'static str {
        match self {
            Self::Error => "ERROR",
            Self::Warning => "WARNING",
            Self::Notice => "NOTICE",
            Self::Info => "INFO",
        }
    }
}

/// What a finding is about, in the order a help-desk person reads them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[allow(missing_docs)] // the names say it
pub enum Category {
    Input,
    Revocation,
    Validity,
    Trust,
    Chain,
    Name,
    Purpose,
    Algorithm,
    Staple,
    Connection,
    Transparency,
    Key,
    Request,
    Lint,
    Signature,
}

/// One thing found, with why it matters and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// How much it weighs.
    pub severity: Severity,
    /// Stable and dotted: `validity.expired`, `lint.rfc5280.serial_positive`. Tools read it.
    pub code: Text,
    /// What it is about.
    pub category: Category,
    /// One plain sentence: what is wrong (or right).
    pub message: String,
    /// Why it matters, and for whom.
    pub why: Text,
    /// What to do, concretely.
    pub fix: Text,
    /// The certificate it is about, if one: `[input, index]` in JSON.
    #[serde(serialize_with = "cert_ref")]
    pub certificate: Option<CertRef>,
    /// The input it is about, when no single certificate is (a file that did not load).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<usize>,
    /// The rule: `RFC 5280 4.1.2.2`, `CABF BR 6.1.5`.
    pub citation: Option<Text>,
    /// The values that show it: `not_after` = `2026-11-18T00:00:00Z`.
    pub evidence: Evidence,
    /// A word or two for a list's mark: `expired`, `revoked`, `expires in 2 days`.
    pub label: Text,
}

/// A finding's words: most are the rulebook's own, fixed text, kept without a copy (a bundle
/// has thousands of findings); the rest are made for the case.
pub type Text = std::borrow::Cow<'static, str>;

/// The values behind a finding, in the order they were noted; a JSON object.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Evidence(pub Vec<(&'static str, String)>);

impl Evidence {
    /// Notes a value.
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.0.push((name, value.into()));
        self
    }

    /// A value noted, by name.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }
}

impl Serialize for Evidence {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap as _;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

fn cert_ref<S: serde::Serializer>(reference: &Option<CertRef>, serializer: S) -> Result<S::Ok, S::Error> {
    match reference {
        Some(r) => [r.input, r.index].serialize(serializer),
        None => serializer.serialize_none(),
    }
}

impl Finding {
    /// A finding with its fixed parts; certificate, citation and evidence are added after.
    pub fn new(
        severity: Severity,
        code: impl Into<Text>,
        category: Category,
        message: impl Into<String>,
        why: impl Into<Text>,
        fix: impl Into<Text>,
    ) -> Self {
        Self {
            severity,
            code: code.into(),
            category,
            message: message.into(),
            why: why.into(),
            fix: fix.into(),
            certificate: None,
            input: None,
            citation: None,
            evidence: Evidence::default(),
            label: Text::Borrowed(""),
        }
    }

    /// About this certificate.
    pub fn on(mut self, certificate: CertRef) -> Self {
        self.certificate = Some(certificate);
        self.input = None;
        self
    }

    /// About this input as a whole.
    pub fn on_input(mut self, input: usize) -> Self {
        self.input = Some(input);
        self
    }

    /// The rule it comes from.
    pub fn cite(mut self, citation: impl Into<Text>) -> Self {
        self.citation = Some(citation.into());
        self
    }

    /// A value that shows it.
    pub fn with(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.evidence = self.evidence.with(name, value);
        self
    }

    /// The mark's words.
    pub fn label(mut self, label: impl Into<Text>) -> Self {
        self.label = label.into();
        self
    }

    /// True when it makes the verdict an error: an error, but a lint's only when strict.
    pub fn decides(&self, strict: bool) -> bool {
        self.severity == Severity::Error && (self.category != Category::Lint || strict)
    }

    /// What it weighs in the verdict: a lint's error that does not decide weighs as a warning.
    pub fn weight(&self, strict: bool) -> Severity {
        match self.severity {
            Severity::Error if !self.decides(strict) => Severity::Warning,
            severity => severity,
        }
    }

    /// The word a list shows before it: `ERROR`, `WARNING`, `NOTICE`, `OK`; a lint's error that
    /// does not decide reads `ERROR (lint)`, what it is, weighed as what it is worth.
    pub fn word(&self, strict: bool) -> &'static str {
        match self.severity {
            Severity::Error if !self.decides(strict) => "ERROR (lint)",
            Severity::Info => "OK",
            severity => severity.upper(),
        }
    }
}

/// The verdict's traffic light.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Nothing to fix.
    Ok,
    /// Clients accept it, but something deserves fixing.
    Warning,
    /// Clients reject it, or it could not be checked.
    Error,
}

impl Status {
    /// `ok`, `warning`, `error`.
    pub fn word(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// One verdict: a status and a sentence a help-desk person can read aloud.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Verdict {
    /// The traffic light.
    pub status: Status,
    /// "This server's certificate would be rejected: 'www.example.com' expired 12 days ago."
    pub headline: String,
}

/// What a host input adds to what it holds: the connection, the verdict's checklist as a
/// client runs it, the staple, and which certificates were fetched rather than sent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct InputExtras {
    /// The chain judged as a client would (always for hosts): the checklist behind the findings.
    pub validation: Option<crate::trust::Validation>,
    /// The TLS connection, for a host.
    pub connection: Option<crate::net::tls::Connection>,
    /// The stapled OCSP response, verified.
    pub stapled_ocsp: Option<crate::revocation::LoadedOcspCheck>,
    /// Certificates of the input fetched by AIA (index, URL), not sent by the server or given.
    pub fetched_from: Vec<(usize, String)>,
}

/// Everything loaded, joined: what the diagnosis reads.
pub struct Workspace<'a> {
    /// The inputs, in order: files, pasted text, hosts.
    pub inputs: &'a [&'a Input],
    /// Chains over all of them (`build_chains`).
    pub chains: &'a [Chain],
    /// Every revocation answer (OCSP, downloaded CRLs, CRL files applied).
    pub revocation: &'a crate::revocation::Revocation,
    /// Per input: a host's connection and staple, certificates fetched by AIA.
    pub extras: &'a [InputExtras],
    /// Inputs named by the user (not found inside a folder): one that cannot be read means
    /// the run could not do what was asked. None: all were named.
    pub named: Option<&'a [bool]>,
}

/// How to judge.
#[derive(Clone, Debug)]
pub struct Options {
    /// "Now", fixed by the caller (tests fix the clock).
    pub now: OffsetDateTime,
    /// Which store the verdict is for.
    pub trust: TrustChoice,
    /// The server name clients ask for (`--hostname`; a host's SNI name when None).
    pub name: Option<String>,
    /// The email address an S/MIME certificate must hold (`--email`).
    pub email: Option<String>,
    /// The purpose; None: what each leaf's EKU says, else server.
    pub purpose: Option<Purpose>,
    /// Browsers' rules, or the CA/Browser Forum's strictly (which makes lint errors count).
    pub rules: crate::trust::Rules,
    /// Lint errors count as errors.
    pub strict: bool,
    /// Whether revocation was asked for (`--ocsp`, `--crl`): when not, the findings say how.
    pub revocation_asked: bool,
    /// The CT logs SCTs are named and checked against (`--ct-log-list`); None: the vendored list.
    pub ct_logs: Option<std::sync::Arc<crate::ct::LogList>>,
}

impl Options {
    /// Judging at `now` with every default.
    pub fn at(now: OffsetDateTime) -> Self {
        Self {
            now,
            trust: TrustChoice::Any,
            name: None,
            email: None,
            purpose: None,
            rules: crate::trust::Rules::Browsers,
            strict: false,
            revocation_asked: false,
            ct_logs: None,
        }
    }

    fn strict(&self) -> bool {
        self.strict || self.rules == crate::trust::Rules::Cabf
    }
}

/// The whole diagnosis: the verdict, every finding (worst first), and each chain's verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnosis {
    /// The one verdict over everything loaded.
    pub verdict: Verdict,
    /// Every finding, worst first, grouped by certificate within a severity.
    pub findings: Vec<Finding>,
    /// Each leaf judged: its path, its purpose, its own verdict.
    pub chains: Vec<ChainVerdict>,
    /// Lint errors counted as errors.
    pub strict: bool,
    /// A file lacks an intermediate its child names a caIssuers URL for: fetching it (AIA) may help.
    pub fetchable: bool,
    /// Each certificate's findings, as places in `findings`, sorted by certificate then place:
    /// a window showing thousands of certificates asks about each, every time it lists them.
    about: Vec<(CertRef, usize)>,
}

impl Diagnosis {
    /// The findings about one certificate, worst first.
    pub fn about(&self, certificate: CertRef) -> impl Iterator<Item = &Finding> {
        let start = self.about.partition_point(|(c, _)| *c < certificate);
        let end = start + self.about[start..].partition_point(|(c, _)| *c == certificate);
        self.about[start..end].iter().filter_map(|&(_, at)| self.findings.get(at))
    }

    /// The verdict on the chain a certificate belongs to (the leaf's, or the first chain
    /// through it), else None.
    pub fn chain_of(&self, certificate: CertRef) -> Option<&ChainVerdict> {
        self.chains
            .iter()
            .find(|c| c.leaf == certificate)
            .or_else(|| self.chains.iter().find(|c| c.path.contains(&certificate)))
    }

    /// The worst finding about a certificate that a mark should show (notice or worse).
    pub fn worst(&self, certificate: CertRef) -> Option<&Finding> {
        self.about(certificate).find(|f| f.severity <= Severity::Notice)
    }

    /// Counts by weight: (errors, warnings, notices), lint errors counted as errors only when strict.
    pub fn counts(&self) -> (usize, usize, usize) {
        let weighing = |severity| self.findings.iter().filter(|f| f.weight(self.strict) == severity).count();
        (weighing(Severity::Error), weighing(Severity::Warning), weighing(Severity::Notice))
    }

    /// True when a finding makes the verdict an error: `certscope report` exits 1.
    pub fn has_errors(&self) -> bool {
        self.findings.iter().any(|f| f.decides(self.strict))
    }

    /// The first leaf's chain (not a CA bundle's): what `--chain-out` writes.
    pub fn first_leaf(&self) -> Option<&ChainVerdict> {
        self.chains.iter().find(|c| !c.ca)
    }

    /// True when a finding says the run could not do what was asked (a named input unreadable,
    /// a host unreachable): `certscope report` exits 2.
    pub fn could_not_run(&self) -> bool {
        self.findings.iter().any(|f| f.category == Category::Input && f.severity == Severity::Error)
    }
}

/// Judges everything loaded, once.
pub fn diagnose(workspace: &Workspace<'_>, anchors: &Anchors, options: &Options) -> Diagnosis {
    let mut findings = Vec::new();
    certificate::inputs(workspace, &mut findings);
    let chains = trust::judge(workspace, anchors, options, &mut findings);
    // The certificates some judged path runs through: read by the validity and revocation passes.
    let on_path: std::collections::HashSet<CertRef> = chains.iter().flat_map(|c| c.path.iter().copied()).collect();
    // Signers and timestamp authorities with a valid timestamp are judged at its time.
    let signed_at = signature::signing_times(workspace, &chains);
    signature::findings(workspace, &mut findings);
    certificate::each(workspace, &chains, &on_path, &signed_at, options, &mut findings);
    revocation::answers(workspace, &on_path, &signed_at, options, &mut findings);
    certificate::keys(workspace, &mut findings);
    certificate::requests_and_lists(workspace, options.now, &mut findings);
    transparency::check(workspace, &chains, anchors, options, &mut findings);
    lint::run(workspace, &chains, options, &mut findings);
    let strict = options.strict();
    sort(&mut findings, strict);
    let how = headline::How { strict, now: options.now };
    let mut chains = chains;
    let by_certificate = headline::by_certificate(&findings);
    for chain in &mut chains {
        chain.verdict = headline::for_chain(chain, &findings, &by_certificate, workspace, how);
    }
    let verdict = headline::overall(&chains, &findings, workspace, how);
    // Missing issuers of files (not hosts: a server's chain is what it sends) that name where to get them.
    let fetchable = findings.iter().any(|f| {
        f.code == "chain.missing_issuer"
            && f.evidence.get("ca_issuers").is_some()
            && f.certificate.is_some_and(|c| !is_host(workspace, c.input) && fetched_from(workspace, c).is_none())
    });
    let mut about: Vec<(CertRef, usize)> =
        findings.iter().enumerate().filter_map(|(at, f)| Some((f.certificate?, at))).collect();
    about.sort_unstable();
    Diagnosis { verdict, findings, chains, strict, fetchable, about }
}

/// The diagnosis of files alone, with their chains as grouped: no revocation answers and no
/// host's connection (the report and the window add those). For tools, tests and benchmarks.
pub fn diagnose_files(inputs: &[Input], chains: &[Chain], anchors: &Anchors, options: &Options) -> Diagnosis {
    let refs: Vec<&Input> = inputs.iter().collect();
    let extras = vec![InputExtras::default(); inputs.len()];
    let revocation = crate::revocation::Revocation::default();
    let workspace = Workspace { inputs: &refs, chains, revocation: &revocation, extras: &extras, named: None };
    diagnose(&workspace, anchors, options)
}

/// Worst first as the verdict weighs them (a lint error counts as a warning unless strict);
/// within a weight, by category as a help desk reads them, then by certificate. The same
/// finding said twice of one certificate (two leaves under one private root) is said once.
fn sort(findings: &mut Vec<Finding>, strict: bool) {
    // Within the warnings, what clients see comes before the rules a CA broke.
    let weight = |f: &Finding| (f.weight(strict), f.category == Category::Lint);
    let key = |f: &Finding| (weight(f), f.category, f.certificate, f.input);
    // Sorted as places, ties kept in the order found, then moved along their cycles: a bundle's
    // tens of thousands of findings are never copied into a second buffer.
    let mut order: Vec<usize> = (0..findings.len()).collect();
    order.sort_unstable_by(|&a, &b| key(&findings[a]).cmp(&key(&findings[b])).then(a.cmp(&b)));
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != usize::MAX {
            let from = std::mem::replace(&mut order[at], usize::MAX);
            if from == start {
                break;
            }
            findings.swap(at, from);
            at = from;
        }
    }
    // Which to keep, read without copying a word (a bundle has tens of thousands), then kept.
    let keep: Vec<bool> = {
        let mut seen = std::collections::HashSet::new();
        findings.iter().map(|f| seen.insert((f.code.as_ref(), f.certificate, f.input, f.message.as_str()))).collect()
    };
    let mut keep = keep.into_iter();
    findings.retain(|_| keep.next().unwrap_or(true));
}

/// The certificate a reference points at.
pub(crate) fn certificate<'a>(workspace: &Workspace<'a>, reference: CertRef) -> Option<&'a Certificate> {
    workspace.inputs.get(reference.input)?.certificates.get(reference.index)
}

/// Every certificate, once per distinct DER (the first place it was loaded).
pub(crate) fn distinct<'a>(workspace: &Workspace<'a>) -> Vec<(CertRef, &'a Certificate)> {
    let mut seen: HashMap<&[u8], ()> = HashMap::new();
    let mut all = Vec::new();
    for (input, loaded) in workspace.inputs.iter().enumerate() {
        for (index, certificate) in loaded.certificates.iter().enumerate() {
            if seen.insert(certificate.sha256.as_slice(), ()).is_none() {
                all.push((CertRef { input, index }, certificate));
            }
        }
    }
    all
}

/// True for a host's input (its certificates came from a TLS handshake).
pub(crate) fn is_host(workspace: &Workspace<'_>, input: usize) -> bool {
    workspace.extras.get(input).is_some_and(|e| e.connection.is_some())
        || workspace.inputs.get(input).is_some_and(|i| i.format == Some("TLS"))
}

/// Where a certificate was fetched from by AIA, when it was not sent or given.
pub(crate) fn fetched_from<'a>(workspace: &Workspace<'a>, reference: CertRef) -> Option<&'a str> {
    workspace
        .extras
        .get(reference.input)?
        .fetched_from
        .iter()
        .find(|(index, _)| *index == reference.index)
        .map(|(_, url)| url.as_str())
}

/// The chain a server should send for a leaf: the leaf, then each intermediate in order, as
/// PEM; the root left out (clients have their own). The fix for `chain.missing_issuer` (once
/// the intermediate is loaded) and `chain.order`.
pub fn chain_to_serve(chain: &ChainVerdict, workspace: &Workspace<'_>) -> String {
    chain
        .path
        .iter()
        .filter_map(|r| certificate(workspace, *r))
        .filter(|c| !c.self_signed)
        .map(Certificate::to_pem)
        .collect()
}
