//! The headless report: the same model as the window, as text for people or JSON for tools.
//! The JSON wire types live here, apart from the model, so the format changes only on purpose:
//! field names named by issues are a contract (add fields freely; never rename or drop one).

use std::fmt::Write as _;

use serde::Serialize;
use time::{OffsetDateTime, UtcOffset};

use crate::chain::{CertRef, Chain, ChainLink};
use crate::diagnose::Diagnosis;
use crate::load::Input;
use crate::model::time::{readable, rfc3339, validity_phrase};
use crate::model::{Certificate, CertificateRequest, RevocationList, ValidityStatus, hex, hex_colons};
use crate::revocation::{CrlSource, CrlStatus, LoadedCrlCheck, LoadedOcspCheck, OcspStatus, Revocation};
use crate::trust::Validation;

pub use crate::diagnose::InputExtras;

/// Exit status of `certscope report`.
pub mod exit {
    /// Everything loaded and no check failed.
    pub const OK: u8 = 0;
    /// A check failed (revocation, validation: later issues).
    pub const CHECK_FAILED: u8 = 1;
    /// Could not run: unreadable input, bad flags.
    pub const COULD_NOT_RUN: u8 = 2;
}

/// The exit status from the diagnosis: 2 when a named input could not be read (or a host
/// reached); else 1 when a finding is an error (a lint's only when strict); else 0.
pub fn exit_code(diagnosis: &Diagnosis) -> u8 {
    if diagnosis.could_not_run() {
        exit::COULD_NOT_RUN
    } else if diagnosis.has_errors() {
        exit::CHECK_FAILED
    } else {
        exit::OK
    }
}

/// Everything a report draws: what was loaded and what the diagnosis concluded.
#[derive(Clone, Copy)]
pub struct Report<'a> {
    /// The inputs.
    pub inputs: &'a [Input],
    /// The chains as grouped.
    pub chains: &'a [Chain],
    /// Every revocation answer.
    pub revocation: &'a Revocation,
    /// Per input: connection, validation checklist, staple, fetched certificates.
    pub extras: &'a [InputExtras],
    /// The one diagnosis.
    pub diagnosis: &'a Diagnosis,
    /// When it was judged.
    pub now: OffsetDateTime,
    /// The local time zone, for readable times.
    pub local: UtcOffset,
}

/// The whole report as JSON.
pub fn to_json(report: &Report<'_>) -> String {
    let Report { inputs, chains, revocation, extras, diagnosis, now, .. } = *report;
    let report = wire::Report {
        verdict: &diagnosis.verdict,
        findings: &diagnosis.findings,
        chain_verdicts: diagnosis.chains.iter().map(|c| wire::ChainVerdict::new(c, inputs)).collect(),
        generated_at: rfc3339(now),
        inputs: inputs
            .iter()
            .enumerate()
            .map(|(number, input)| {
                let mut wire = wire::Input::new(input, number, inputs, revocation, now);
                if let Some(extra) = extras.get(number) {
                    wire.validation = extra.validation.as_ref().map(wire::Validation::new);
                    wire.connection = extra.connection.as_ref().map(wire::Connection::new);
                    wire.stapled_ocsp = extra.stapled_ocsp.as_ref().map(wire::Ocsp::new);
                    for (index, url) in &extra.fetched_from {
                        if let Some(certificate) = wire.certificates.get_mut(*index) {
                            certificate.fetched_from = Some(url.clone());
                        }
                    }
                }
                wire
            })
            .collect(),
        chains: chains.iter().map(wire::Chain::new).collect(),
    };
    // Serializing plain structs of strings, numbers and vectors cannot fail.
    serde_json::to_string_pretty(&report).unwrap_or_else(|err| format!("{{\"error\":\"{err}\"}}"))
}

/// The whole report as text: what the window shows, in the same order.
pub fn to_text(report: &Report<'_>) -> String {
    let mut out = String::new();
    verdict_text(&mut out, report);
    details_text(&mut out, report);
    out
}

/// What `to_text` prints after the verdict and the findings: every input, then the chains.
fn details_text(out: &mut String, report: &Report<'_>) {
    let Report { inputs, chains, revocation, extras, now, local, .. } = *report;
    for (number, input) in inputs.iter().enumerate() {
        let format = input.format.map(|f| format!(" ({f})")).unwrap_or_default();
        let _ = writeln!(out, "Input {}: {}{format}", number + 1, input.source);
        let _ = writeln!(out, "  {}", counts(input));
        if let Some(error) = &input.error {
            let _ = writeln!(out, "  ERROR: {error}");
        }
        for problem in &input.problems {
            let _ = writeln!(out, "  problem: {problem}");
        }
        if let Some(extra) = extras.get(number) {
            if let Some(connection) = &extra.connection {
                connection_text(out, connection);
            }
            if let Some(validation) = &extra.validation {
                validation_text(out, validation);
            }
            if let Some(staple) = &extra.stapled_ocsp {
                let _ = writeln!(out, "  Stapled OCSP response (for the leaf):");
                ocsp_text(out, staple, now, local);
            }
        }
        for (index, certificate) in input.certificates.iter().enumerate() {
            let fetched = extras.get(number).and_then(|e| e.fetched_from.iter().find(|(i, _)| *i == index));
            let note =
                fetched.map(|(_, url)| format!(" (NOT SENT by the server; fetched from {url})")).unwrap_or_default();
            let _ = writeln!(out, "\n  Certificate {}: {}{note}", index + 1, certificate.display_name());
            certificate_text(out, certificate, now, local);
            let reference = CertRef { input: number, index };
            for result in revocation.ocsp.iter().filter(|r| r.certificate == reference) {
                ocsp_text(out, result, now, local);
            }
            for result in revocation.crl.iter().filter(|r| r.certificate == reference) {
                revocation_text(out, result, inputs, local);
            }
        }
        for (index, request) in input.requests.iter().enumerate() {
            let _ = writeln!(out, "\n  Certificate signing request {}: {}", index + 1, request.subject.display_name());
            request_text(out, request);
        }
        for (index, list) in input.revocation_lists.iter().enumerate() {
            let _ = writeln!(out, "\n  Certificate revocation list {}: {}", index + 1, list.issuer.display_name());
            revocation_list_text(out, list, now, local);
        }
        for (index, key) in input.keys.iter().enumerate() {
            let matches = match key.matches_certificate.and_then(|i| input.certificates.get(i)) {
                Some(certificate) => {
                    format!(", matches certificate '{}'", certificate.display_name())
                }
                None if key.summary.encrypted => ", not opened, so its certificate cannot be told".into(),
                None => ", matches none of the certificates here".into(),
            };
            let name = key.summary.friendly_name.as_deref().map(|n| format!(" \"{n}\"")).unwrap_or_default();
            let _ = writeln!(
                out,
                "\n  Private key {}{name}: {}{matches} (secret not shown)",
                index + 1,
                key.summary.summary()
            );
        }
        out.push('\n');
    }
    if !chains.is_empty() {
        let _ = writeln!(out, "Chains");
        for (number, chain) in chains.iter().enumerate() {
            let state = if chain.complete { "complete" } else { "INCOMPLETE" };
            let names: Vec<String> = chain
                .certificates
                .iter()
                .zip(&chain.links)
                .filter_map(|(r, link)| {
                    let certificate = inputs.get(r.input)?.certificates.get(r.index)?;
                    let mark = match link {
                        ChainLink::SelfSigned => " (self-signed root)",
                        ChainLink::Verified => "",
                        _ => " (broken link)",
                    };
                    Some(format!("{}{mark}", certificate.display_name()))
                })
                .collect();
            let _ = writeln!(out, "  Chain {} ({state}): {}", number + 1, names.join(" <- "));
            for problem in chain.problems() {
                let _ = writeln!(out, "    problem: {problem}");
            }
        }
    }
}

/// What is wrong, first: the verdict, then each finding with its fix, as a help-desk ticket needs.
fn verdict_text(out: &mut String, report: &Report<'_>) {
    use crate::diagnose::Severity;
    let Report { inputs, chains, diagnosis, now, .. } = *report;
    let certificates: usize = inputs.iter().map(|i| i.certificates.len()).sum();
    let verdict = &diagnosis.verdict;
    let _ = writeln!(out, "Verdict: {} - {}", verdict.status.word().to_uppercase(), verdict.headline);
    let _ = writeln!(
        out,
        "  (judged {}: {} input(s), {} certificate(s), {} chain(s))",
        rfc3339(now),
        inputs.len(),
        certificates,
        chains.len()
    );
    let (errors, warnings, notices) = diagnosis.counts();
    let shown: Vec<&crate::diagnose::Finding> =
        diagnosis.findings.iter().filter(|f| f.severity != Severity::Info).collect();
    if shown.is_empty() {
        let _ = writeln!(out, "\nNo problems found.");
    } else {
        let _ = writeln!(out, "\nFindings: {errors} error(s), {warnings} warning(s), {notices} notice(s)");
    }
    for finding in shown.iter().take(100) {
        let word = finding.word(diagnosis.strict);
        let _ = writeln!(out, "  {word} [{}] {}", finding.code, finding.message);
        let _ = writeln!(out, "      why: {}", finding.why);
        let _ = writeln!(out, "      fix: {}", finding.fix);
        if let Some(citation) = &finding.citation {
            let _ = writeln!(out, "      rule: {citation}");
        }
    }
    if shown.len() > 100 {
        let _ = writeln!(out, "  ... and {} more (certscope report --json lists them all)", shown.len() - 100);
    }
    let fine: Vec<&crate::diagnose::Finding> =
        diagnosis.findings.iter().filter(|f| f.severity == Severity::Info).collect();
    match fine.len() {
        0 => {}
        n if n <= 12 => {
            let _ = writeln!(out, "\nChecked and fine:");
            for finding in fine {
                let _ = writeln!(out, "  {} [{}] {}", finding.word(diagnosis.strict), finding.code, finding.message);
            }
        }
        n => {
            let _ = writeln!(out, "\nChecked and fine: {n} findings (certscope report --json lists them)");
        }
    }
    out.push('\n');
}

/// The report as Markdown, for a ticket: the verdict, the findings with their fixes, the
/// chains, then the details as the text report prints them.
pub fn to_markdown(report: &Report<'_>) -> String {
    use crate::diagnose::Severity;
    let Report { inputs, diagnosis, now, .. } = *report;
    let mut out = String::new();
    let verdict = &diagnosis.verdict;
    let _ = writeln!(out, "# certscope report\n");
    let _ = writeln!(
        out,
        "**Verdict: {}.** {}\n",
        verdict.status.word().to_uppercase(),
        markdown_escape(&verdict.headline)
    );
    let _ = writeln!(out, "Judged {} over {} input(s).\n", rfc3339(now), inputs.len());
    let shown: Vec<&crate::diagnose::Finding> =
        diagnosis.findings.iter().filter(|f| f.severity != Severity::Info).collect();
    if shown.is_empty() {
        let _ = writeln!(out, "No problems found.\n");
    } else {
        let _ = writeln!(out, "## Findings\n");
        for finding in &shown {
            let rule = finding.citation.as_deref().map(|c| format!(" ({})", markdown_escape(c))).unwrap_or_default();
            let _ = writeln!(
                out,
                "- **{}** `{}`: {}\n  - Why: {}\n  - Fix: {}{rule}",
                finding.word(diagnosis.strict),
                finding.code,
                markdown_escape(&finding.message),
                markdown_escape(&finding.why),
                markdown_escape(&finding.fix)
            );
        }
        out.push('\n');
    }
    if !diagnosis.chains.is_empty() {
        let _ = writeln!(out, "## Chains\n");
        for chain in &diagnosis.chains {
            let names: Vec<String> = chain
                .path
                .iter()
                .filter_map(|r| inputs.get(r.input)?.certificates.get(r.index))
                .map(|c| format!("'{}'", markdown_escape(&c.display_name())))
                .collect();
            let _ = writeln!(
                out,
                "- {} ({}): {}",
                names.join(" <- "),
                chain.verdict.status.word(),
                markdown_escape(&chain.verdict.headline)
            );
        }
        out.push('\n');
    }
    let _ = writeln!(out, "## Details\n\n~~~text");
    let mut details = String::new();
    details_text(&mut details, report);
    out.push_str(details.replace("~~~", "~ ~ ~").trim_end());
    let _ = writeln!(out, "\n~~~");
    out
}

/// Markdown's own characters in plain text, escaped.
fn markdown_escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|') {
            escaped.push('\\');
        }
        escaped.push(ch);
    }
    escaped
}

fn connection_text(out: &mut String, c: &crate::net::tls::Connection) {
    let alpn = c.alpn.as_deref().unwrap_or("none");
    let sni = c.sni.as_deref().unwrap_or("none (an IP address)");
    let _ = writeln!(out, "  Connection: {} {} {}, ALPN {alpn}, SNI {sni}", c.address, c.tls_version, c.cipher_suite);
    let _ = writeln!(
        out,
        "    timings: DNS {} ms, connect {} ms, handshake {} ms; {} certificate(s) sent; OCSP staple: {}",
        c.dns.as_millis(),
        c.connect.as_millis(),
        c.handshake.as_millis(),
        c.chain.len(),
        if c.stapled_ocsp.is_some() { "yes" } else { "no" }
    );
}

fn validation_text(out: &mut String, v: &Validation) {
    let verdict = if v.trusted { "TRUSTED" } else { "NOT TRUSTED" };
    let anchor = v.anchor.as_deref().map(|a| format!(" (root '{a}')")).unwrap_or_default();
    // Browsers' rules are the default: only the strict ones are worth saying.
    let rules = match v.rules {
        crate::trust::Rules::Browsers => String::new(),
        strict => format!(", by {}", strict.words()),
    };
    let _ = writeln!(out, "  Validation: {verdict}{anchor}{rules}");
    for c in &v.checks {
        let detail = c.detail().map(|d| format!(": {d}")).unwrap_or_default();
        let _ = writeln!(out, "    {:<15} {}{detail}", c.result(), c.name);
    }
}

fn revocation_text(out: &mut String, result: &LoadedCrlCheck, inputs: &[Input], local: UtcOffset) {
    let source = match &result.source {
        CrlSource::Loaded(input, _) => inputs.get(*input).map_or("a loaded CRL", |i| i.source.as_str()),
        CrlSource::Url(url) => url.as_str(),
    };
    let check = &result.check;
    let verdict = match &check.status {
        CrlStatus::NotListed => "good: not listed".to_string(),
        CrlStatus::Revoked { revocation_time, reason } => format!(
            "REVOKED since {} ({})",
            readable(*revocation_time, local),
            reason.as_deref().unwrap_or("no reason given")
        ),
        CrlStatus::Unverified(why) => format!("UNVERIFIED: {why}"),
        CrlStatus::Error(why) => format!("ERROR: {why}"),
    };
    let _ = writeln!(out, "    {:<13} {verdict} [CRL {source}]", "Revocation");
    for c in &check.checks {
        let detail = c.detail().map(|d| format!(": {d}")).unwrap_or_default();
        let _ = writeln!(out, "      {:<15} {}{detail}", c.result(), c.name);
    }
}

fn ocsp_text(out: &mut String, result: &LoadedOcspCheck, now: OffsetDateTime, local: UtcOffset) {
    use crate::model::time::relative;
    let check = &result.check;
    let verdict = match &check.status {
        OcspStatus::Good => "good".to_string(),
        OcspStatus::Revoked { revocation_time, reason } => format!(
            "REVOKED since {} ({})",
            readable(*revocation_time, local),
            reason.as_deref().unwrap_or("no reason given")
        ),
        OcspStatus::Unknown => "UNKNOWN: the responder does not know this certificate".into(),
        OcspStatus::Unverified(why) => format!("UNVERIFIED: {why}"),
        OcspStatus::Error(why) => format!("ERROR: {why}"),
    };
    let elapsed = check.elapsed.map(|e| format!(", {} ms", e.as_millis())).unwrap_or_default();
    let _ = writeln!(out, "    {:<13} {verdict} [OCSP {} {}{elapsed}]", "Revocation", check.method, check.url);
    let dates =
        [("producedAt", check.produced_at), ("thisUpdate", check.this_update), ("nextUpdate", check.next_update)];
    for (label, at) in dates {
        if let Some(at) = at {
            let _ = writeln!(out, "      {label:<15} {} ({})", readable(at, local), relative(at, now));
        }
    }
    if let Some(responder) = &check.responder {
        let role = if responder.is_issuer { "the issuing CA" } else { "delegated responder" };
        let name = responder.name.as_deref().unwrap_or("(unnamed)");
        let key = responder.key_sha1.as_deref().map(|k| format!(", key SHA-1 {k}")).unwrap_or_default();
        let _ = writeln!(out, "      {:<15} {name} ({role}{key})", "responder");
    }
    for c in &check.checks {
        let detail = c.detail().map(|d| format!(": {d}")).unwrap_or_default();
        let _ = writeln!(out, "      {:<15} {}{detail}", c.result(), c.name);
    }
}

fn counts(input: &Input) -> String {
    let parts = [
        (input.certificates.len(), "certificate"),
        (input.requests.len(), "signing request"),
        (input.revocation_lists.len(), "revocation list"),
        (input.keys.len(), "private key"),
    ];
    let said: Vec<String> = parts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}{}", if *n == 1 { "" } else { "s" }))
        .collect();
    if said.is_empty() { "nothing loaded".into() } else { said.join(", ") }
}

fn certificate_text(out: &mut String, c: &Certificate, now: OffsetDateTime, local: UtcOffset) {
    let status = match c.validity_at(now) {
        ValidityStatus::Valid => "valid",
        ValidityStatus::Expired => "EXPIRED",
        ValidityStatus::NotYetValid => "NOT YET VALID",
    };
    let purposes: Vec<&str> = c.purposes().iter().map(|p| p.label()).collect();
    let rows = [
        ("Subject", c.subject.text.clone()),
        ("Issuer", c.issuer.text.clone()),
        ("Status", format!("{status}: {}", validity_phrase(c.not_before, c.not_after, now))),
        ("Not before", format!("{} ({})", rfc3339(c.not_before), readable(c.not_before, local))),
        ("Not after", format!("{} ({})", rfc3339(c.not_after), readable(c.not_after, local))),
        ("Serial", c.serial_colons()),
        ("Version", c.version.to_string()),
        ("Public key", c.public_key.summary()),
        ("Signature", c.signature_algorithm.clone()),
        ("Purposes", purposes.join(", ")),
        ("Self-signed", if c.self_signed { "yes" } else { "no" }.into()),
        ("SHA-256", hex_colons(&c.sha256)),
        ("SHA-1", hex_colons(&c.sha1)),
        ("SPKI SHA-256", hex_colons(&c.public_key.spki_sha256)),
    ];
    for (name, value) in rows {
        let _ = writeln!(out, "    {name:<13} {value}");
    }
    extensions_text(out, &c.extensions);
}

fn extensions_text(out: &mut String, extensions: &[crate::model::ExtensionEntry]) {
    if extensions.is_empty() {
        return;
    }
    let _ = writeln!(out, "    Extensions:");
    for extension in extensions {
        let critical = if extension.critical { " [critical]" } else { "" };
        let _ = writeln!(out, "      {}{critical}", extension.name);
        for line in extension.value.lines() {
            let _ = writeln!(out, "        {line}");
        }
    }
}

fn request_text(out: &mut String, r: &CertificateRequest) {
    let rows = [
        ("Subject", r.subject.text.clone()),
        ("Public key", r.public_key.summary()),
        (
            "Signature",
            format!(
                "{} ({})",
                r.signature_algorithm,
                if r.signature_valid { "verifies with the request's own key" } else { "DOES NOT VERIFY" }
            ),
        ),
        ("SHA-256", hex_colons(&r.sha256)),
    ];
    for (name, value) in rows {
        let _ = writeln!(out, "    {name:<13} {value}");
    }
    extensions_text(out, &r.requested_extensions);
}

fn revocation_list_text(out: &mut String, l: &RevocationList, now: OffsetDateTime, local: UtcOffset) {
    let next = match l.next_update {
        Some(next) if l.is_stale_at(now) => {
            format!("{} (STALE: past its next update)", readable(next, local))
        }
        Some(next) => readable(next, local),
        None => "(none given)".into(),
    };
    let rows = [
        ("Issuer", l.issuer.text.clone()),
        ("This update", readable(l.this_update, local)),
        ("Next update", next),
        ("CRL number", l.number.clone().unwrap_or_else(|| "(none)".into())),
        ("Signature", l.signature_algorithm.clone()),
        ("Revoked", format!("{} certificate(s)", l.revoked.len())),
    ];
    for (name, value) in rows {
        let _ = writeln!(out, "    {name:<13} {value}");
    }
    for entry in &l.revoked {
        let reason = entry.reason.as_deref().unwrap_or("no reason given");
        let _ = writeln!(out, "      {}  revoked {}  {reason}", entry.serial, rfc3339(entry.revocation_date));
    }
    extensions_text(out, &l.extensions);
}

/// JSON wire types. Names here are read by other tools: add, never rename or remove.
mod wire {
    use super::*;

    #[derive(Serialize)]
    pub struct Report<'a> {
        /// The one verdict: `status` (ok, warning, error) and `headline`.
        pub verdict: &'a crate::diagnose::Verdict,
        /// Every finding, worst first.
        pub findings: &'a [crate::diagnose::Finding],
        pub generated_at: String,
        pub inputs: Vec<Input>,
        pub chains: Vec<Chain>,
        /// Each leaf judged: its path, purpose, root and verdict.
        pub chain_verdicts: Vec<ChainVerdict>,
    }

    #[derive(Serialize)]
    pub struct ChainVerdict {
        leaf: [usize; 2],
        path: Vec<[usize; 2]>,
        purpose: &'static str,
        name: Option<String>,
        anchor: Option<String>,
        store: Option<String>,
        trusted: bool,
        status: &'static str,
        headline: String,
    }

    impl ChainVerdict {
        pub fn new(c: &crate::diagnose::ChainVerdict, _inputs: &[crate::load::Input]) -> Self {
            Self {
                leaf: [c.leaf.input, c.leaf.index],
                path: c.path.iter().map(|r| [r.input, r.index]).collect(),
                purpose: c.purpose.key(),
                name: c.name.clone(),
                anchor: c.anchor.clone(),
                store: c.store.clone(),
                trusted: c.trusted,
                status: c.verdict.status.word(),
                headline: c.verdict.headline.clone(),
            }
        }
    }

    #[derive(Serialize)]
    pub struct Input {
        source: String,
        format: Option<&'static str>,
        error: Option<String>,
        problems: Vec<String>,
        pub certificates: Vec<Certificate>,
        csrs: Vec<Request>,
        crls: Vec<RevocationList>,
        keys: Vec<Key>,
        /// The chain judged as a client would, when asked (`--ca-file`, `--hostname`, `--purpose`, `--trust`).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub validation: Option<Validation>,
        /// For a host: the TLS connection.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub connection: Option<Connection>,
        /// For a host: the stapled OCSP response, verified (the OCSP result shape).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub stapled_ocsp: Option<Ocsp>,
    }

    #[derive(Serialize)]
    pub struct Connection {
        address: String,
        tls_version: String,
        cipher_suite: String,
        alpn: Option<String>,
        sni: Option<String>,
        elapsed_ms: u64,
        dns_ms: u64,
        connect_ms: u64,
        handshake_ms: u64,
        /// How many certificates the server sent.
        certificates_sent: usize,
        stapled_ocsp_present: bool,
    }

    impl Connection {
        pub fn new(c: &crate::net::tls::Connection) -> Self {
            let ms = |d: std::time::Duration| u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
            Self {
                address: c.address.to_string(),
                tls_version: c.tls_version.clone(),
                cipher_suite: c.cipher_suite.clone(),
                alpn: c.alpn.clone(),
                sni: c.sni.clone(),
                elapsed_ms: ms(c.dns + c.connect + c.handshake),
                dns_ms: ms(c.dns),
                connect_ms: ms(c.connect),
                handshake_ms: ms(c.handshake),
                certificates_sent: c.chain.len(),
                stapled_ocsp_present: c.stapled_ocsp.is_some(),
            }
        }
    }

    #[derive(Serialize)]
    pub struct Validation {
        trusted: bool,
        hostname_matches: Option<bool>,
        checks: Vec<CheckLine>,
        /// The trust anchor's name, when a path was found.
        anchor: Option<String>,
        /// `browsers` (the default) or `cabf` (`--rules cabf`).
        rules: &'static str,
    }

    impl Validation {
        pub fn new(v: &crate::trust::Validation) -> Self {
            Self {
                trusted: v.trusted,
                hostname_matches: v.hostname_matches,
                checks: v.checks.iter().map(CheckLine::new).collect(),
                anchor: v.anchor.clone(),
                rules: v.rules.key(),
            }
        }
    }

    impl Input {
        pub fn new(
            input: &crate::load::Input,
            number: usize,
            inputs: &[crate::load::Input],
            revocation: &crate::revocation::Revocation,
            now: OffsetDateTime,
        ) -> Self {
            Self {
                source: input.source.clone(),
                format: input.format,
                error: input.error.as_ref().map(ToString::to_string),
                problems: input.problems.clone(),
                certificates: input
                    .certificates
                    .iter()
                    .enumerate()
                    .map(|(index, c)| {
                        let mut wire = Certificate::new(c, now);
                        let reference = CertRef { input: number, index };
                        let crl: Vec<Crl> = revocation
                            .crl
                            .iter()
                            .filter(|r| r.certificate == reference)
                            .map(|r| Crl::new(r, inputs))
                            .collect();
                        let ocsp: Vec<Ocsp> =
                            revocation.ocsp.iter().filter(|r| r.certificate == reference).map(Ocsp::new).collect();
                        if !crl.is_empty() || !ocsp.is_empty() {
                            wire.revocation = Some(Revocation { ocsp, crl });
                        }
                        wire
                    })
                    .collect(),
                csrs: input.requests.iter().map(Request::new).collect(),
                crls: input.revocation_lists.iter().map(|l| RevocationList::new(l, now)).collect(),
                keys: input
                    .keys
                    .iter()
                    .map(|k| Key {
                        algorithm: k.summary.algorithm.clone(),
                        bits: k.summary.bits,
                        curve: k.summary.curve.clone(),
                        friendly_name: k.summary.friendly_name.clone(),
                        encrypted: k.summary.encrypted,
                        matches_certificate: k.matches_certificate,
                    })
                    .collect(),
                validation: None,
                connection: None,
                stapled_ocsp: None,
            }
        }
    }

    #[derive(Serialize)]
    pub struct PublicKey {
        algorithm: String,
        bits: Option<u32>,
        curve: Option<String>,
        exponent: Option<u64>,
        spki_sha256: String,
    }

    impl PublicKey {
        fn new(key: &crate::model::PublicKeyInfo) -> Self {
            Self {
                algorithm: key.algorithm.clone(),
                bits: key.bits,
                curve: key.curve.clone(),
                exponent: key.exponent,
                spki_sha256: hex(&key.spki_sha256),
            }
        }
    }

    #[derive(Serialize)]
    pub struct Extension {
        oid: String,
        name: String,
        critical: bool,
        value: String,
    }

    fn extensions(list: &[crate::model::ExtensionEntry]) -> Vec<Extension> {
        list.iter()
            .map(|e| Extension {
                oid: e.oid.clone(),
                name: e.name.clone(),
                critical: e.critical,
                value: e.value.lines().join("; "),
            })
            .collect()
    }

    #[derive(Serialize)]
    pub struct Certificate {
        subject: String,
        issuer: String,
        serial: String,
        not_before: String,
        not_after: String,
        sha1: String,
        sha256: String,
        public_key: PublicKey,
        signature_algorithm: String,
        san: Vec<String>,
        is_ca: bool,
        self_signed: bool,
        purposes: Vec<&'static str>,
        ocsp_urls: Vec<String>,
        ca_issuers_urls: Vec<String>,
        crl_urls: Vec<String>,
        extensions: Vec<Extension>,
        version: u32,
        validity: &'static str,
        validity_phrase: String,
        must_staple: bool,
        subject_key_id: Option<String>,
        authority_key_id: Option<String>,
        /// Where the certificate was fetched from (AIA caIssuers), when the server did not send it.
        #[serde(skip_serializing_if = "Option::is_none")]
        pub fetched_from: Option<String>,
        /// Present when revocation was checked (`--ocsp`, `--crl`, or a CRL file loaded beside it).
        #[serde(skip_serializing_if = "Option::is_none")]
        pub revocation: Option<Revocation>,
    }

    #[derive(Serialize)]
    pub struct Revocation {
        pub ocsp: Vec<Ocsp>,
        pub crl: Vec<Crl>,
    }

    #[derive(Serialize)]
    pub struct Responder {
        name: Option<String>,
        key_sha1: Option<String>,
        /// The issuing CA signed the response itself.
        is_issuer: bool,
        /// The responder's certificate (PEM), when known.
        certificate_pem: Option<String>,
    }

    #[derive(Serialize)]
    pub struct CertId {
        hash_algorithm: String,
        issuer_name_hash: String,
        issuer_key_hash: String,
        serial: String,
    }

    /// One OCSP exchange: issue 4's field names, plus the exchange for learners.
    #[derive(Serialize)]
    pub struct Ocsp {
        url: String,
        status: &'static str,
        error: Option<String>,
        produced_at: Option<String>,
        this_update: Option<String>,
        next_update: Option<String>,
        revocation_time: Option<String>,
        revocation_reason: Option<String>,
        responder: Option<Responder>,
        checks: Vec<CheckLine>,
        /// The nonce sent (hex); null when none was sent.
        nonce: Option<String>,
        /// The nonce the response carried (hex).
        nonce_received: Option<String>,
        elapsed_ms: Option<u64>,
        method: &'static str,
        response_status: Option<&'static str>,
        cert_id: Option<CertId>,
        signature_algorithm: Option<String>,
        content_type: Option<String>,
        /// Subjects of the certificates included in the response.
        certificates: Vec<String>,
        request_der_hex: String,
        response_der_hex: String,
        /// Every SingleResponse sent, as the responder says it (before any check).
        single_responses: Vec<SingleResponse>,
    }

    #[derive(Serialize)]
    pub struct SingleResponse {
        cert_id: CertId,
        status: &'static str,
        this_update: String,
        next_update: Option<String>,
    }

    impl CertId {
        fn new(id: &crate::revocation::ocsp::CertIdText) -> Self {
            Self {
                hash_algorithm: id.hash_algorithm.clone(),
                issuer_name_hash: id.issuer_name_hash.clone(),
                issuer_key_hash: id.issuer_key_hash.clone(),
                serial: id.serial.clone(),
            }
        }
    }

    impl Ocsp {
        pub fn new(result: &LoadedOcspCheck) -> Self {
            let check = &result.check;
            let (revocation_time, revocation_reason) = match &check.status {
                OcspStatus::Revoked { revocation_time, reason } => (Some(rfc3339(*revocation_time)), reason.clone()),
                _ => (None, None),
            };
            Self {
                url: check.url.clone(),
                status: check.status.word(),
                error: check.status.error().map(str::to_string),
                produced_at: check.produced_at.map(rfc3339),
                this_update: check.this_update.map(rfc3339),
                next_update: check.next_update.map(rfc3339),
                revocation_time,
                revocation_reason,
                responder: check.responder.as_ref().map(|r| Responder {
                    name: r.name.clone(),
                    key_sha1: r.key_sha1.clone(),
                    is_issuer: r.is_issuer,
                    certificate_pem: r.certificate.as_ref().map(crate::model::Certificate::to_pem),
                }),
                checks: check.checks.iter().map(CheckLine::new).collect(),
                nonce: check.nonce_sent.as_deref().map(hex),
                nonce_received: check.nonce_received.as_deref().map(hex),
                elapsed_ms: check.elapsed.map(|e| u64::try_from(e.as_millis()).unwrap_or(u64::MAX)),
                method: check.method,
                response_status: check.response_status,
                cert_id: check.cert_id.as_ref().map(CertId::new),
                signature_algorithm: check.signature_algorithm.clone(),
                content_type: check.content_type.clone(),
                certificates: check.certificates.iter().map(|c| c.subject.text.clone()).collect(),
                request_der_hex: hex(&check.request_der),
                response_der_hex: hex(&check.response_der),
                single_responses: check
                    .single_responses
                    .iter()
                    .map(|single| SingleResponse {
                        cert_id: CertId::new(&single.cert_id),
                        status: single.status,
                        this_update: rfc3339(single.this_update),
                        next_update: single.next_update.map(rfc3339),
                    })
                    .collect(),
            }
        }
    }

    #[derive(Serialize)]
    pub struct CheckLine {
        name: &'static str,
        result: &'static str,
        detail: Option<String>,
    }

    impl CheckLine {
        fn new(c: &crate::verification::Check) -> Self {
            Self { name: c.name, result: c.result(), detail: c.detail().map(str::to_string) }
        }
    }

    #[derive(Serialize)]
    pub struct Crl {
        /// Where the CRL was downloaded from; null for a CRL file loaded by the user.
        url: Option<String>,
        /// The CRL file loaded by the user.
        file: Option<String>,
        status: &'static str,
        error: Option<String>,
        this_update: String,
        next_update: Option<String>,
        revocation_time: Option<String>,
        revocation_reason: Option<String>,
        checks: Vec<CheckLine>,
    }

    impl Crl {
        fn new(result: &LoadedCrlCheck, inputs: &[crate::load::Input]) -> Self {
            let check = &result.check;
            let (revocation_time, revocation_reason) = match &check.status {
                CrlStatus::Revoked { revocation_time, reason } => (Some(rfc3339(*revocation_time)), reason.clone()),
                _ => (None, None),
            };
            Self {
                url: match &result.source {
                    CrlSource::Url(url) => Some(url.clone()),
                    CrlSource::Loaded(..) => None,
                },
                file: match result.source {
                    CrlSource::Loaded(input, _) => inputs.get(input).map(|i| i.source.clone()),
                    CrlSource::Url(_) => None,
                },
                status: check.status.word(),
                error: match &check.status {
                    CrlStatus::Unverified(why) | CrlStatus::Error(why) => Some(why.clone()),
                    _ => None,
                },
                this_update: rfc3339(check.this_update),
                next_update: check.next_update.map(rfc3339),
                revocation_time,
                revocation_reason,
                checks: check.checks.iter().map(CheckLine::new).collect(),
            }
        }
    }

    impl Certificate {
        fn new(c: &crate::model::Certificate, now: OffsetDateTime) -> Self {
            Self {
                subject: c.subject.text.clone(),
                issuer: c.issuer.text.clone(),
                serial: c.serial.clone(),
                not_before: rfc3339(c.not_before),
                not_after: rfc3339(c.not_after),
                sha1: hex(&c.sha1),
                sha256: hex(&c.sha256),
                public_key: PublicKey::new(&c.public_key),
                signature_algorithm: c.signature_algorithm.clone(),
                san: c.subject_alt_names(),
                is_ca: c.is_ca(),
                self_signed: c.self_signed,
                purposes: c.purposes().into_iter().map(crate::model::Purpose::id).collect(),
                ocsp_urls: c.ocsp_urls(),
                ca_issuers_urls: c.ca_issuers_urls(),
                crl_urls: c.crl_urls(),
                extensions: extensions(&c.extensions),
                version: c.version,
                validity: match c.validity_at(now) {
                    ValidityStatus::Valid => "valid",
                    ValidityStatus::Expired => "expired",
                    ValidityStatus::NotYetValid => "not_yet_valid",
                },
                validity_phrase: validity_phrase(c.not_before, c.not_after, now),
                must_staple: c.must_staple(),
                subject_key_id: c.subject_key_id().map(str::to_string),
                authority_key_id: c.authority_key_id().map(str::to_string),
                revocation: None,
                fetched_from: None,
            }
        }
    }

    #[derive(Serialize)]
    pub struct Request {
        subject: String,
        public_key: PublicKey,
        signature_algorithm: String,
        signature_valid: bool,
        san: Vec<String>,
        extensions: Vec<Extension>,
        sha256: String,
    }

    impl Request {
        fn new(r: &crate::model::CertificateRequest) -> Self {
            let san = r
                .requested_extensions
                .iter()
                .filter_map(|e| match &e.value {
                    crate::model::Extension::SubjectAltName(names) => Some(names.iter().map(|n| n.tagged())),
                    _ => None,
                })
                .flatten()
                .collect();
            Self {
                subject: r.subject.text.clone(),
                public_key: PublicKey::new(&r.public_key),
                signature_algorithm: r.signature_algorithm.clone(),
                signature_valid: r.signature_valid,
                san,
                extensions: extensions(&r.requested_extensions),
                sha256: hex(&r.sha256),
            }
        }
    }

    #[derive(Serialize)]
    pub struct Revoked {
        serial: String,
        revocation_date: String,
        reason: Option<String>,
    }

    #[derive(Serialize)]
    pub struct RevocationList {
        issuer: String,
        this_update: String,
        next_update: Option<String>,
        number: Option<String>,
        signature_algorithm: String,
        stale: bool,
        revoked: Vec<Revoked>,
        extensions: Vec<Extension>,
        sha256: String,
    }

    impl RevocationList {
        fn new(l: &crate::model::RevocationList, now: OffsetDateTime) -> Self {
            Self {
                issuer: l.issuer.text.clone(),
                this_update: rfc3339(l.this_update),
                next_update: l.next_update.map(rfc3339),
                number: l.number.clone(),
                signature_algorithm: l.signature_algorithm.clone(),
                stale: l.is_stale_at(now),
                revoked: l
                    .revoked
                    .iter()
                    .map(|e| Revoked {
                        serial: e.serial.clone(),
                        revocation_date: rfc3339(e.revocation_date),
                        reason: e.reason.clone(),
                    })
                    .collect(),
                extensions: extensions(&l.extensions),
                sha256: hex(&l.sha256),
            }
        }
    }

    #[derive(Serialize)]
    pub struct Key {
        algorithm: String,
        bits: Option<u32>,
        curve: Option<String>,
        friendly_name: Option<String>,
        encrypted: bool,
        matches_certificate: Option<usize>,
    }

    #[derive(Serialize)]
    pub struct Chain {
        certificates: Vec<[usize; 2]>,
        complete: bool,
        problems: Vec<String>,
    }

    impl Chain {
        pub fn new(chain: &crate::chain::Chain) -> Self {
            Self {
                certificates: chain.certificates.iter().map(|r| [r.input, r.index]).collect(),
                complete: chain.complete,
                problems: chain.problems(),
            }
        }
    }
}
