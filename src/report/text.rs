//! The report as text, for people: the verdict and the findings first, then every input
//! and chain as the window shows them.

use time::{OffsetDateTime, UtcOffset};

use super::Report;
use crate::chain::{CertRef, ChainLink};
use crate::load::Input;
use crate::model::time::{readable, rfc3339, validity_phrase};
use crate::model::{Certificate, CertificateRequest, RevocationList, ValidityStatus, hex_colons};
use crate::revocation::{CrlSource, CrlStatus, LoadedCrlCheck, LoadedOcspCheck, OcspStatus};
use crate::trust::Validation;

/// The whole report as text: what the window shows, in the same order.
pub fn to_text(report: &Report<'_>) -> String {
    let mut out = String::new();
    verdict_text(&mut out, report);
    details_text(&mut out, report);
    out
}

/// The same text, written out as it is produced: a CRL of a million entries is never held as
/// one string.
pub fn write_text(report: &Report<'_>, sink: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut out = Flushing { buffer: String::new(), sink, error: None };
    verdict_text(&mut out, report);
    details_text(&mut out, report);
    out.flush()
}

/// Text gathered in a small buffer and written to `sink` each time it fills.
struct Flushing<'a> {
    buffer: String,
    sink: &'a mut dyn std::io::Write,
    error: Option<std::io::Error>,
}

impl Flushing<'_> {
    fn flush(&mut self) -> std::io::Result<()> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        self.sink.write_all(self.buffer.as_bytes())?;
        self.buffer.clear();
        self.sink.flush()
    }
}

impl std::fmt::Write for Flushing<'_> {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        if self.error.is_some() {
            return Err(std::fmt::Error);
        }
        self.buffer.push_str(text);
        if self.buffer.len() >= 64 * 1024 {
            if let Err(error) = self.sink.write_all(self.buffer.as_bytes()) {
                self.error = Some(error);
                return Err(std::fmt::Error);
            }
            self.buffer.clear();
        }
        Ok(())
    }
}

/// What `to_text` prints after the verdict and the findings: every input, then the chains.
pub(super) fn details_text(out: &mut dyn std::fmt::Write, report: &Report<'_>) {
    let Report { inputs, chains, revocation, extras, now, local, .. } = *report;
    for (number, input) in inputs.iter().enumerate() {
        let format = input.format.map(|f| format!(" ({f})")).unwrap_or_default();
        let _ = writeln!(out, "Input {}: {}{format}", number + 1, input.source);
        let _ = writeln!(out, "  {}", counts(input));
        for note in &input.notes {
            let _ = writeln!(out, "  {note}");
        }
        for signature in &input.signatures {
            let by =
                signature.signer.and_then(|i| input.certificates.get(i)).map(|c| format!(" by '{}'", c.display_name()));
            let over = signature.file.as_deref().map(|f| format!(" over {f}")).unwrap_or_default();
            let word = if signature.verified() { "verified" } else { "NOT verified" };
            let nested = if signature.nested { "Nested " } else { "" };
            let _ = writeln!(
                out,
                "  {nested}{} signature{over}{}: {word} ({})",
                signature.kind,
                by.unwrap_or_default(),
                signature.digest_algorithm
            );
            let line = |out: &mut dyn std::fmt::Write, check: &crate::verification::Check| {
                let detail = check.detail().map(|d| format!(": {d}")).unwrap_or_default();
                let _ = writeln!(out, "    {} {}{detail}", check.result(), check.name);
            };
            signature.checks.iter().for_each(|c| line(out, c));
            if let Some(stamp) = &signature.timestamp {
                let by = stamp.authority.and_then(|i| input.certificates.get(i));
                let by = by.map(|c| format!(" by '{}'", c.display_name())).unwrap_or_default();
                let at = stamp.time.map_or_else(|| "no time read".to_string(), crate::model::time::rfc3339);
                let word = if stamp.verified() { "verified" } else { "NOT verified" };
                let _ = writeln!(out, "  {} timestamp{by} at {at}: {word}", stamp.kind);
                stamp.checks.iter().for_each(|c| line(out, c));
            }
            let _ = writeln!(out, "  The signer, as judged:");
            crate::diagnose::signer_checks(report.diagnosis, number, signature).iter().for_each(|c| line(out, c));
        }
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
        // A bundle's thousands of certificates are written a batch at a time, each batch's
        // text made on all cores, then written in order.
        let numbered: Vec<(usize, &crate::model::Certificate)> = input.certificates.iter().enumerate().collect();
        let answers = revocation.by_certificate();
        for batch in numbered.chunks(1024) {
            let texts = crate::parallel::map(batch, |&(index, certificate)| {
                let mut text = String::new();
                let out: &mut dyn std::fmt::Write = &mut text;
                let fetched = extras.get(number).and_then(|e| e.fetched_from.iter().find(|(i, _)| *i == index));
                let note = fetched
                    .map(|(_, url)| format!(" (NOT SENT by the server; fetched from {url})"))
                    .unwrap_or_default();
                let _ = writeln!(out, "\n  Certificate {}: {}{note}", index + 1, certificate.display_name());
                certificate_text(out, certificate, now, local);
                let reference = CertRef { input: number, index };
                for result in answers.ocsp(reference) {
                    ocsp_text(out, result, now, local);
                }
                for result in answers.crl(reference) {
                    revocation_text(out, result, inputs, local);
                }
                text
            });
            for text in texts {
                let _ = out.write_str(&text);
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
        let _ = out.write_char('\n');
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
fn verdict_text(out: &mut dyn std::fmt::Write, report: &Report<'_>) {
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
    let _ = out.write_char('\n');
}

fn connection_text(out: &mut dyn std::fmt::Write, c: &crate::net::tls::Connection) {
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
    if let Some(request) = &c.client_certificate_request {
        let _ = writeln!(out, "    client certificate: {}", request.summary());
        for name in &request.ca_names {
            let _ = writeln!(out, "      accepted CA: {}", name.text);
        }
        let _ = writeln!(out, "      signature algorithms: {}", request.signature_algorithms.join(", "));
    }
}

fn validation_text(out: &mut dyn std::fmt::Write, v: &Validation) {
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

fn revocation_text(out: &mut dyn std::fmt::Write, result: &LoadedCrlCheck, inputs: &[Input], local: UtcOffset) {
    let source = crl_source(&result.source, inputs);
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
    let name = |source: &CrlSource| crl_source(source, inputs).to_string();
    if let Some(words) = check.answered_words(name) {
        let _ = writeln!(out, "      Answered by     {words}");
    }
    let checklist = |out: &mut dyn std::fmt::Write, checks: &[crate::verification::Check]| {
        for c in checks {
            let detail = c.detail().map(|d| format!(": {d}")).unwrap_or_default();
            let _ = writeln!(out, "      {:<15} {}{detail}", c.result(), c.name);
        }
    };
    checklist(out, &check.checks);
    if let Some(delta) = &check.delta {
        let _ = writeln!(out, "      The delta CRL, {}:", crl_source(&delta.source, inputs));
        checklist(out, &delta.checks);
    }
}

fn crl_source<'a>(source: &'a CrlSource, inputs: &'a [Input]) -> &'a str {
    match source {
        CrlSource::Loaded(input, _) => inputs.get(*input).map_or("a loaded CRL", |i| i.source.as_str()),
        CrlSource::Url(url) => url.as_str(),
    }
}

fn ocsp_text(out: &mut dyn std::fmt::Write, result: &LoadedOcspCheck, now: OffsetDateTime, local: UtcOffset) {
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

fn certificate_text(out: &mut dyn std::fmt::Write, c: &Certificate, now: OffsetDateTime, local: UtcOffset) {
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

fn extensions_text(out: &mut dyn std::fmt::Write, extensions: &[crate::model::ExtensionEntry]) {
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

fn request_text(out: &mut dyn std::fmt::Write, r: &CertificateRequest) {
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
    for error in &r.malformed_attributes {
        let _ = writeln!(out, "    Attribute     UNREADABLE: {error}");
    }
    extensions_text(out, &r.requested_extensions);
}

fn revocation_list_text(out: &mut dyn std::fmt::Write, l: &RevocationList, now: OffsetDateTime, local: UtcOffset) {
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
    // A million entries: written from the DER's bytes, one line buffer reused.
    let mut line = String::with_capacity(96);
    let mut runs = l.revoked.issuer_runs().into_iter().peekable();
    for (index, (serial, date, reason)) in l.revoked.raw().enumerate() {
        // An indirect CRL: say whose certificates the entries from here on are.
        if let Some((_, ca)) = runs.next_if(|(start, _)| *start == index) {
            let _ = writeln!(out, "      certificates of {}:", ca.text);
        }
        line.clear();
        line.push_str("      ");
        data_encoding::HEXLOWER.encode_append(serial, &mut line);
        line.push_str("  revoked ");
        crate::model::time::write_rfc3339_unix(&mut line, date);
        line.push_str("  ");
        match reason {
            Some(code) => line.push_str(&crate::model::reason_text(code)),
            None => line.push_str("no reason given"),
        }
        line.push('\n');
        let _ = out.write_str(&line);
    }
    extensions_text(out, &l.extensions);
}
