//! The right panel: the selected certificate (or CSR, CRL, input) in sections, with copy
//! and save buttons. Draws what the library says; decides nothing about PKI itself.

use certscope::chain::CertRef;
use certscope::chain::{Chain, ChainLink};
use certscope::model::time::{readable, relative, rfc3339, validity_phrase};
use certscope::model::{Certificate, DistinguishedName, ExtensionEntry, hex_colons};
use certscope::revocation::demo::SAMPLE_BASE;
use certscope::revocation::{CrlSource, CrlStatus, LoadedCrlCheck, LoadedOcspCheck, OcspStatus, Revocation};
use certscope::verification::Outcome;
use time::{OffsetDateTime, UtcOffset};

use super::tree::{Selection, Tone, tone_color};
use super::{Command, Loaded, explain};

/// What the panel reads.
pub struct View<'a> {
    pub inputs: &'a mut Vec<Loaded>,
    pub chains: &'a [Chain],
    pub revocation: &'a Revocation,
    /// Certificates whose issuer is known: revocation can be asked about them.
    pub checkable: &'a std::collections::HashSet<CertRef>,
    /// Revocation checks in flight.
    pub checking: &'a [Checking<'a>],
    /// Where the sample's built-in responder listens, while it runs.
    pub sample_responder: Option<std::net::SocketAddr>,
    pub now: OffsetDateTime,
    pub local: UtcOffset,
}

/// A revocation check in flight, as the panel shows it.
pub struct Checking<'a> {
    pub id: u64,
    pub targets: &'a [CertRef],
    pub label: &'a str,
    pub elapsed: std::time::Duration,
}

/// The diagnosis, and the Verdict panel's form.
pub struct Judged<'a> {
    pub diagnosis: Option<&'a certscope::diagnose::Diagnosis>,
    /// A newer diagnosis is being computed.
    pub busy: bool,
    pub form: &'a mut super::verdict::Form,
}

/// What is known of one certificate's revocation.
struct Answers<'a> {
    reference: CertRef,
    crl: Vec<&'a LoadedCrlCheck>,
    ocsp: Vec<&'a LoadedOcspCheck>,
}

/// Draws the selection; returns what the user asked for.
pub fn ui(ui: &mut egui::Ui, view: View<'_>, judged: Judged<'_>, selected: Option<&Selection>) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| match selected {
        Some(Selection::Certificate(reference)) => {
            let Some(certificate) =
                view.inputs.get(reference.input).and_then(|l| l.input.certificates.get(reference.index))
            else {
                return;
            };
            let chain = view.chains.iter().find(|c| c.certificates.contains(reference));
            let answers = Answers {
                reference: *reference,
                crl: view.revocation.crl.iter().filter(|r| r.certificate == *reference).collect(),
                ocsp: view.revocation.ocsp.iter().filter(|r| r.certificate == *reference).collect(),
            };
            ui.heading(egui::RichText::new(certificate.display_name()).strong());
            let focus = super::verdict::Focus::Certificate(*reference);
            commands.extend(super::verdict::ui(ui, judged.diagnosis, judged.busy, focus, view.inputs, judged.form));
            certificate_ui(ui, certificate, chain, &answers, &view, &mut commands);
        }
        Some(Selection::Input(index)) => {
            let focus = super::verdict::Focus::Input(*index);
            commands.extend(super::verdict::ui(ui, judged.diagnosis, judged.busy, focus, view.inputs, judged.form));
            input_ui(ui, view, *index, &mut commands)
        }
        Some(Selection::Request(input, index)) => {
            // The input's Arc, not the item: a CRL of a million entries is not copied each frame.
            let loaded = view.inputs.get(*input).map(|l| std::sync::Arc::clone(&l.input));
            if let Some(request) = loaded.as_ref().and_then(|l| l.requests.get(*index)) {
                ui.heading(format!("Certificate signing request: {}", request.subject.display_name()));
                let focus = super::verdict::Focus::Input(*input);
                commands.extend(super::verdict::ui(ui, judged.diagnosis, judged.busy, focus, view.inputs, judged.form));
                grid(ui, "csr", |ui| {
                    value_row(ui, "Subject", &request.subject.text);
                    value_row(ui, "Public key", &request.public_key.summary());
                    value_row(ui, "Signature algorithm", &request.signature_algorithm);
                });
                name_section(ui, "Subject", &request.subject);
                extensions_section(ui, "Requested extensions", &request.requested_extensions);
                pem_section(ui, &request.to_pem(), &request.der, "request", &mut commands);
            }
        }
        Some(Selection::RevocationList(input, index)) => {
            let loaded = view.inputs.get(*input).map(|l| std::sync::Arc::clone(&l.input));
            if let Some(list) = loaded.as_ref().and_then(|l| l.revocation_lists.get(*index)) {
                ui.heading(format!("Revocation list from {}", list.issuer.display_name()));
                let focus = super::verdict::Focus::Input(*input);
                commands.extend(super::verdict::ui(ui, judged.diagnosis, judged.busy, focus, view.inputs, judged.form));
                grid(ui, "crl", |ui| {
                    value_row(ui, "Issuer", &list.issuer.text);
                    value_row(ui, "This update", &readable(list.this_update, view.local));
                    let next = list.next_update.map_or_else(|| "(none given)".into(), |t| readable(t, view.local));
                    value_row(ui, "Next update", &next);
                    value_row(ui, "CRL number", list.number.as_deref().unwrap_or("(none)"));
                    value_row(ui, "Signature algorithm", &list.signature_algorithm);
                    value_row(ui, "Revoked", &format!("{} certificate(s)", list.revoked.len()));
                });
                egui::CollapsingHeader::new("Revoked certificates").default_open(true).show(ui, |ui| {
                    egui::Grid::new("revoked").striped(true).show(ui, |ui| {
                        ui.strong("Serial");
                        ui.strong("Revoked at");
                        ui.strong("Reason");
                        ui.end_row();
                        for entry in list.revoked.iter().take(5_000) {
                            ui.monospace(&entry.serial);
                            ui.label(rfc3339(entry.revocation_date));
                            ui.label(entry.reason.as_deref().unwrap_or("(none given)"));
                            ui.end_row();
                        }
                    });
                    if list.revoked.len() > 5_000 {
                        ui.weak(format!("… and {} more (see `certscope report`)", list.revoked.len() - 5_000));
                    }
                });
                extensions_section(ui, "Extensions", &list.extensions);
                pem_section(ui, &list.to_pem(), &list.der, "crl", &mut commands);
            }
        }
        None => {
            ui.weak("Select a certificate on the left to see its fields.");
        }
    });
    commands
}

fn banner(ui: &mut egui::Ui, tone: Tone, text: &str) {
    let color = tone_color(ui, tone);
    egui::Frame::group(ui.style()).stroke(egui::Stroke::new(1.5, color)).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(egui::RichText::new(text).color(color).strong().size(15.0));
    });
}

fn certificate_ui(
    ui: &mut egui::Ui,
    c: &Certificate,
    chain: Option<&Chain>,
    answers: &Answers<'_>,
    view: &View<'_>,
    commands: &mut Vec<Command>,
) {
    // The verdict, the findings and their fixes are drawn above, by the Verdict panel: what
    // follows is the evidence (connection, checklists, path, revocation answers, fields).
    let host = view.inputs.get(answers.reference.input).and_then(|l| l.host.clone());
    let phrase = validity_phrase(c.not_before, c.not_after, view.now);
    ui.add_space(6.0);
    if let Some(host) = host.as_ref().filter(|_| answers.reference.index == 0) {
        host_sections(ui, host);
    }
    if let Some(chain) = chain {
        path_section(ui, c, chain, view, commands);
    }
    revocation_section(ui, c, answers, view, commands);

    section(ui, "General", true, |ui| {
        grid(ui, "general", |ui| {
            value_row(ui, "Subject", &c.subject.text);
            value_row(ui, "Issuer", &c.issuer.text);
            let purposes: Vec<&str> = c.purposes().iter().map(|p| p.label()).collect();
            value_row(ui, "Purposes", &purposes.join(", "));
            copy_row(ui, "Serial", &c.serial_colons(), "serial number", commands);
            value_row(ui, "Version", &c.version.to_string());
            value_row(ui, "Signature algorithm", &c.signature_algorithm);
            value_row(ui, "Self-signed", if c.self_signed { "yes" } else { "no" });
            copy_row(ui, "SHA-256 fingerprint", &hex_colons(&c.sha256), "SHA-256 fingerprint", commands);
            copy_row(ui, "SHA-1 fingerprint", &hex_colons(&c.sha1), "SHA-1 fingerprint", commands);
        });
    });
    section(ui, "Validity", true, |ui| {
        grid(ui, "validity", |ui| {
            value_row(ui, "Status", &phrase);
            let both = |t| format!("{}   (local: {})", readable(t, UtcOffset::UTC), readable(t, view.local));
            value_row(ui, "Not before", &both(c.not_before));
            value_row(ui, "Not after", &both(c.not_after));
        });
    });
    name_section(ui, "Subject", &c.subject);
    name_section(ui, "Issuer", &c.issuer);
    section(ui, "Public key", true, |ui| {
        grid(ui, "key", |ui| {
            value_row(ui, "Public key", &c.public_key.algorithm);
            if let Some(bits) = c.public_key.bits {
                value_row(ui, "Key size", &format!("{bits} bits"));
            }
            if let Some(curve) = &c.public_key.curve {
                value_row(ui, "Curve", curve);
            }
            if let Some(exponent) = c.public_key.exponent {
                value_row(ui, "Exponent", &exponent.to_string());
            }
            copy_row(ui, "SPKI SHA-256", &hex_colons(&c.public_key.spki_sha256), "SPKI SHA-256", commands);
        });
    });
    extensions_section(ui, "Extensions", &c.extensions);
    let name = file_stem(&c.display_name());
    pem_section(ui, &c.to_pem(), &c.der, &name, commands);
}

/// The chain drawn root to leaf: each step says who signed whom, and opens on click.
fn path_section(ui: &mut egui::Ui, shown: &Certificate, chain: &Chain, view: &View<'_>, commands: &mut Vec<Command>) {
    section(ui, "Certification path", true, |ui| {
        let top = match chain.links.last() {
            Some(ChainLink::MissingIssuer(_)) => Some("(issuer not loaded)"),
            Some(ChainLink::BadSignature(_)) => Some("(the named issuer's key does not verify the signature below)"),
            Some(ChainLink::Loop(_)) => Some("(the chain loops)"),
            _ => None,
        };
        if let Some(top) = top {
            ui.colored_label(ui.visuals().error_fg_color, top);
        }
        let steps: Vec<_> = chain.certificates.iter().zip(&chain.links).rev().collect();
        for (depth, (reference, link)) in steps.iter().enumerate() {
            let Some(certificate) =
                view.inputs.get(reference.input).and_then(|l| l.input.certificates.get(reference.index))
            else {
                continue;
            };
            ui.horizontal(|ui| {
                ui.add_space(depth as f32 * 18.0);
                let this = certificate.sha256 == shown.sha256;
                let role = match (depth, link) {
                    (_, ChainLink::SelfSigned) => "root",
                    (d, _) if d + 1 == steps.len() => "leaf",
                    _ => "intermediate",
                };
                let text = egui::RichText::new(format!("{} ({role})", certificate.display_name()));
                if ui.selectable_label(this, if this { text.strong() } else { text }).clicked() && !this {
                    commands.push(Command::Select(Selection::Certificate(**reference)));
                }
            });
            if depth + 1 < steps.len() {
                let (next, _) = steps[depth + 1];
                let below = view.inputs.get(next.input).and_then(|l| l.input.certificates.get(next.index));
                let verb = match below.map(|_| &chain.links[chain.certificates.len() - depth - 2]) {
                    Some(ChainLink::Verified) => ("signed the one below: signature verifies", Tone::Good),
                    _ => ("named as issuer below: signature does NOT verify", Tone::Bad),
                };
                ui.horizontal(|ui| {
                    ui.add_space(depth as f32 * 18.0 + 12.0);
                    ui.label(egui::RichText::new(verb.0).small().color(tone_color(ui, verb.1)));
                });
            }
        }
    });
}

/// A host's Validation (the checklist behind the verdict) and Connection sections.
fn host_sections(ui: &mut egui::Ui, host: &super::HostView) {
    if let Some(validation) = &host.extras.validation {
        section(ui, "Validation: as a client would judge it", true, |ui| {
            ui.label(format!("Judged {}.", host.judged));
            trust_checklist(
                ui,
                "host checks",
                "Checks (rustls-webpki's path, then the rules it leaves unchecked):",
                &validation.checks,
            );
        });
    }
    if let Some(c) = &host.extras.connection {
        section(ui, "Connection", true, |ui| {
            grid(ui, "connection", |ui| {
                value_row(ui, "Address", &c.address.to_string());
                value_row(ui, "TLS version", &c.tls_version);
                value_row(ui, "Cipher suite", &c.cipher_suite);
                value_row(ui, "ALPN", c.alpn.as_deref().unwrap_or("(none agreed)"));
                value_row(ui, "SNI", c.sni.as_deref().unwrap_or("(none: an IP address)"));
                let timings = format!(
                    "DNS {} ms, connect {} ms, handshake {} ms",
                    c.dns.as_millis(),
                    c.connect.as_millis(),
                    c.handshake.as_millis()
                );
                value_row(ui, "Timings", &timings);
                value_row(ui, "Certificates sent", &c.chain.len().to_string());
                let staple = if c.stapled_ocsp.is_some() { "yes: see Revocation" } else { "no" };
                value_row(ui, "OCSP staple", staple);
            });
        });
    }
}

/// The Revocation section: the check buttons (or the job running), then each answer, OCSP
/// first, with the checks behind it and, for learners, the exchange itself.
fn revocation_section(
    ui: &mut egui::Ui,
    c: &Certificate,
    answers: &Answers<'_>,
    view: &View<'_>,
    commands: &mut Vec<Command>,
) {
    section(ui, "Revocation", true, |ui| {
        let running = view.checking.iter().find(|check| check.targets.contains(&answers.reference));
        if let Some(check) = running {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!("{} ({:.1} s)", check.label, check.elapsed.as_secs_f32()));
                if ui.button("Cancel").clicked() {
                    commands.push(Command::CancelCheck(check.id));
                }
            });
        } else if view.checkable.contains(&answers.reference) {
            ui.horizontal(|ui| {
                let what =
                    if answers.crl.is_empty() && answers.ocsp.is_empty() { "Check revocation" } else { "Check again" };
                let hover = "Ask the OCSP responder and download the CRL this certificate names";
                if ui.button(what).on_hover_text(hover).clicked() {
                    commands.push(Command::CheckRevocation(vec![answers.reference]));
                }
                let chain = view.chains.iter().find(|chain| chain.certificates.contains(&answers.reference));
                if let Some(chain) = chain.filter(|chain| chain.certificates.len() > 1)
                    && ui
                        .button("Check whole chain")
                        .on_hover_text("Every certificate of the chain below its root")
                        .clicked()
                {
                    commands.push(Command::CheckRevocation(chain.certificates.clone()));
                }
            });
            if c.ocsp_urls().is_empty() && c.crl_urls().is_empty() {
                ui.weak("This certificate names no OCSP responder and no CRL: there is nowhere to ask.");
            }
        } else if c.self_signed {
            ui.weak("A self-signed root is not checked for revocation: nobody above it could revoke it. It is trusted, or not, by the trust store.");
        } else {
            ui.weak("Its issuer is not loaded: answers about it cannot be verified without the issuer's key. Load the issuer to check revocation.");
        }
        for result in &answers.ocsp {
            ui.add_space(4.0);
            ocsp_answer(ui, result, view, commands);
        }
        for result in &answers.crl {
            ui.add_space(4.0);
            crl_answer(ui, result, view);
        }
    });
}

fn badge(ui: &mut egui::Ui, word: &str, tone: Tone) {
    let color = tone_color(ui, tone);
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.5, color))
        .inner_margin(4.0)
        .corner_radius(4.0)
        .show(ui, |ui| ui.label(egui::RichText::new(word).strong().color(color)));
}

/// "2026-06-01 10:00:00 UTC   (local: ...; in 3 days)"
fn when(view: &View<'_>, at: OffsetDateTime) -> String {
    let (utc, local) = (readable(at, UtcOffset::UTC), readable(at, view.local));
    format!("{utc}   (local: {local}; {})", relative(at, view.now))
}

fn checklist(ui: &mut egui::Ui, intro: &str, checks: &[certscope::verification::Check]) {
    if checks.is_empty() {
        return;
    }
    ui.label(egui::RichText::new(intro).weak());
    for line in checks {
        check_line(ui, line);
    }
}

/// A trust checklist: what failed, what deserves a note and what is merely said first; the checks
/// that passed folded below (a dozen lines of "Pass" would push everything else off the screen).
fn trust_checklist(
    ui: &mut egui::Ui,
    id: impl std::hash::Hash + std::fmt::Debug,
    intro: &str,
    checks: &[certscope::verification::Check],
) {
    ui.label(egui::RichText::new(intro).weak());
    let (passed, said): (Vec<_>, Vec<_>) = checks.iter().partition(|c| c.outcome == Outcome::Pass);
    for line in said {
        check_line(ui, line);
    }
    if !passed.is_empty() {
        egui::CollapsingHeader::new(format!("{} checks passed", passed.len())).id_salt(id).show(ui, |ui| {
            for line in passed {
                check_line(ui, line);
            }
        });
    }
}

fn check_line(ui: &mut egui::Ui, line: &certscope::verification::Check) {
    let (word, tone) = match &line.outcome {
        Outcome::Pass => ("Pass", Tone::Good),
        Outcome::Fail(_) => ("Fail", Tone::Bad),
        Outcome::NotApplicable(_) => ("N/A", Tone::Plain),
        Outcome::Warn(_) => ("Note", Tone::Warn),
    };
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(word).strong().color(tone_color(ui, tone)));
        let detail = line.detail().map(|d| format!(": {d}")).unwrap_or_default();
        ui.add(egui::Label::new(format!("{}{detail}", line.name)).wrap());
    });
}

/// One OCSP answer: badge, dates, responder, HTTP, checklist, and the raw exchange.
fn ocsp_answer(ui: &mut egui::Ui, result: &LoadedOcspCheck, view: &View<'_>, commands: &mut Vec<Command>) {
    let check = &result.check;
    let (word, tone) = match &check.status {
        OcspStatus::Good => ("Good", Tone::Good),
        OcspStatus::Revoked { .. } => ("Revoked", Tone::Bad),
        OcspStatus::Unknown => ("Unknown", Tone::Warn),
        OcspStatus::Unverified(_) => ("Unverified", Tone::Warn),
        OcspStatus::Error(_) => ("Error", Tone::Bad),
    };
    ui.horizontal(|ui| {
        badge(ui, word, tone);
        // A staple has no URL: the server fetched it and sent it in the handshake.
        if check.url == certscope::host::STAPLED {
            ui.label("OCSP, stapled by the server in the TLS handshake");
        } else {
            ui.label(format!("OCSP from {}", check.url));
        }
    });
    if let Some(why) = check.status.error() {
        ui.colored_label(tone_color(ui, tone), why);
    }
    let id = ui.make_persistent_id(("ocsp", result.certificate, &check.url));
    egui::Grid::new(id).num_columns(2).spacing([16.0, 4.0]).striped(true).show(ui, |ui| {
        if let OcspStatus::Revoked { revocation_time, reason } = &check.status {
            value_row(ui, "Revoked at", &when(view, *revocation_time));
            value_row(ui, "Reason", reason.as_deref().unwrap_or("(none given)"));
        }
        if let Some(at) = check.produced_at {
            value_row(ui, "Produced at", &when(view, at));
        }
        if let Some(at) = check.this_update {
            value_row(ui, "This update", &when(view, at));
        }
        if check.this_update.is_some() {
            value_row(
                ui,
                "Next update",
                &check.next_update.map_or_else(|| "(none: always fresh)".into(), |at| when(view, at)),
            );
        }
        if let Some(responder) = &check.responder {
            field_name(ui, "Responder");
            ui.vertical(|ui| {
                let role = if responder.is_issuer { "the issuing CA itself" } else { "a delegated responder" };
                ui.add(
                    egui::Label::new(format!("{} ({role})", responder.name.as_deref().unwrap_or("(unnamed)"))).wrap(),
                );
                if let Some(key) = &responder.key_sha1 {
                    ui.label(egui::RichText::new(format!("key SHA-1 {key}")).monospace().small());
                }
                if let Some(certificate) = responder.certificate.as_ref().filter(|_| !responder.is_issuer)
                    && ui.small_button("Open the responder's certificate").clicked()
                {
                    commands.push(Command::OpenCertificate {
                        source: format!("OCSP responder of {}", check.url),
                        der: certificate.der.clone(),
                    });
                }
                let issuer = view.chains.iter().find_map(|chain| {
                    let position = chain.certificates.iter().position(|r| *r == result.certificate)?;
                    chain.certificates.get(position + 1).copied()
                });
                if let Some(issuer) = issuer.filter(|_| responder.is_issuer)
                    && ui.small_button("Show the issuing CA").clicked()
                {
                    commands.push(Command::Select(Selection::Certificate(issuer)));
                }
            });
            ui.end_row();
        }
        let mut http = format!("{} {}", check.method, check.url);
        if let Some(elapsed) = check.elapsed {
            http.push_str(&format!(", answered in {} ms", elapsed.as_millis()));
        }
        if let Some(address) = view.sample_responder.filter(|_| check.url.starts_with(SAMPLE_BASE)) {
            http.push_str(&format!(" by certscope's built-in sample responder on {address}"));
        }
        value_row(ui, "HTTP", &http);
    });
    exchange_drawing(ui, check);
    checklist(ui, "Checks made before believing the answer:", &check.checks);
    egui::CollapsingHeader::new("The exchange: request and response")
        .id_salt(("exchange", result.certificate, &check.url))
        .show(ui, |ui| exchange(ui, check, commands));
}

/// The OCSP request and response, decoded and in hex: what went over the wire.
fn exchange(ui: &mut egui::Ui, check: &certscope::revocation::OcspCheck, commands: &mut Vec<Command>) {
    use certscope::model::hex;
    egui::Grid::new(("exchange grid", &check.url)).num_columns(2).spacing([16.0, 4.0]).striped(true).show(ui, |ui| {
        if let Some(id) = &check.cert_id {
            value_row(ui, "CertID hash", &id.hash_algorithm);
            value_row(ui, "Issuer name hash", &id.issuer_name_hash);
            value_row(ui, "Issuer key hash", &id.issuer_key_hash);
            value_row(ui, "Serial asked", &id.serial);
        }
        value_row(ui, "Nonce sent", &check.nonce_sent.as_deref().map_or_else(|| "(none)".into(), hex));
        value_row(ui, "Nonce received", &check.nonce_received.as_deref().map_or_else(|| "(none)".into(), hex));
        if let Some(status) = check.response_status {
            value_row(ui, "Response status", status);
        }
        if let Some(algorithm) = &check.signature_algorithm {
            value_row(ui, "Signature algorithm", algorithm);
        }
        if let Some(kind) = &check.content_type {
            value_row(ui, "Content-Type", kind);
        }
        for (number, single) in check.single_responses.iter().enumerate() {
            let next = single.next_update.map(|t| format!(", nextUpdate {}", rfc3339(t))).unwrap_or_default();
            let text = format!(
                "{} for serial {} ({}), thisUpdate {}{next}",
                single.status,
                single.cert_id.serial,
                single.cert_id.hash_algorithm,
                rfc3339(single.this_update)
            );
            value_row(ui, &format!("SingleResponse {}", number + 1), &text);
        }
        let included: Vec<&str> = check.certificates.iter().map(|c| c.subject.text.as_str()).collect();
        value_row(
            ui,
            "Certificates included",
            &if included.is_empty() { "(none)".into() } else { included.join("; ") },
        );
    });
    for (what, bytes) in [("Request", &check.request_der), ("Response", &check.response_der)] {
        if bytes.is_empty() {
            continue;
        }
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(format!("{what} ({} bytes, DER)", bytes.len())).strong());
            if ui.small_button("Copy hex").clicked() {
                commands
                    .push(Command::Copy { what: format!("the OCSP {} (hex)", what.to_lowercase()), text: hex(bytes) });
            }
        });
        egui::ScrollArea::vertical().id_salt((what, &check.url)).max_height(120.0).show(ui, |ui| {
            ui.add(egui::Label::new(egui::RichText::new(hex_dump(bytes)).monospace().small()).selectable(true));
        });
    }
}

/// The exchange drawn for learners: certscope on the left, the responder on the right, the
/// request going over and the signed answer coming back, each arrow labelled with what it carries.
fn exchange_drawing(ui: &mut egui::Ui, check: &certscope::revocation::OcspCheck) {
    let width = ui.available_width().clamp(420.0, 760.0);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 118.0), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let (text, weak) = (ui.visuals().text_color(), ui.visuals().weak_text_color());
    let stroke = egui::Stroke::new(1.5, text);
    let font = egui::FontId::proportional(13.0);
    let small = egui::FontId::proportional(11.5);
    let boxes = [
        (egui::Rect::from_min_size(rect.min + egui::vec2(0.0, 10.0), egui::vec2(110.0, 98.0)), "certscope"),
        (
            egui::Rect::from_min_size(egui::pos2(rect.max.x - 110.0, rect.min.y + 10.0), egui::vec2(110.0, 98.0)),
            "OCSP responder",
        ),
    ];
    for (frame, label) in boxes {
        painter.rect_stroke(frame, 6.0, stroke, egui::StrokeKind::Inside);
        painter.text(frame.center(), egui::Align2::CENTER_CENTER, label, font.clone(), text);
    }
    let (left, right) = (boxes[0].0.max.x + 8.0, boxes[1].0.min.x - 8.0);
    let serial = check.cert_id.as_ref().map_or_else(String::new, |id| format!(", serial {}", id.serial));
    let nonce = if check.nonce_sent.is_some() { ", nonce" } else { "" };
    let request = format!("{} request: {} bytes (CertID{serial}{nonce})", check.method, check.request_der.len());
    let answer = match (&check.status, check.response_der.is_empty()) {
        (certscope::revocation::OcspStatus::Error(why), true) => format!("no answer: {why}"),
        (status, _) => {
            let signer = check.responder.as_ref().and_then(|r| r.name.clone()).unwrap_or_else(|| "?".into());
            let signer = signer.rsplit("CN=").next().unwrap_or(&signer).to_string();
            format!("{} bytes: {}, signed by {signer}", check.response_der.len(), status.word())
        }
    };
    let timing = check.elapsed.map(|e| format!("{} ms", e.as_millis())).unwrap_or_default();
    let arrows = [(rect.min.y + 40.0, left, right, request), (rect.min.y + 84.0, right, left, answer)];
    for (y, from, to, label) in arrows {
        // egui's arrow scales its head with the length: draw a fixed 8 px head instead.
        let direction = (to - from).signum();
        painter.line_segment([egui::pos2(from, y), egui::pos2(to, y)], stroke);
        for dy in [-5.0, 5.0] {
            painter.line_segment([egui::pos2(to, y), egui::pos2(to - 8.0 * direction, y + dy)], stroke);
        }
        let galley = painter.layout(label, small.clone(), text, right - left - 8.0);
        painter.galley(egui::pos2(left + 4.0, y - 6.0 - galley.size().y), galley, text);
    }
    painter.text(egui::pos2((left + right) / 2.0, rect.max.y - 4.0), egui::Align2::CENTER_BOTTOM, timing, small, weak);
}

/// Hex in lines of 16 bytes with offsets, like `xxd`.
fn hex_dump(bytes: &[u8]) -> String {
    bytes
        .chunks(16)
        .enumerate()
        .map(|(line, chunk)| {
            let hex: Vec<String> = chunk.iter().map(|b| format!("{b:02x}")).collect();
            format!("{:04x}  {}", line * 16, hex.join(" "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One CRL answer: badge, dates, and the checks behind it.
fn crl_answer(ui: &mut egui::Ui, result: &LoadedCrlCheck, view: &View<'_>) {
    let check = &result.check;
    let (word, tone) = match &check.status {
        CrlStatus::NotListed => ("Good", Tone::Good),
        CrlStatus::Revoked { .. } => ("Revoked", Tone::Bad),
        CrlStatus::Unverified(_) => ("Unverified", Tone::Warn),
        CrlStatus::Error(_) => ("Error", Tone::Bad),
    };
    let source = match &result.source {
        CrlSource::Loaded(input, _) => {
            view.inputs.get(*input).map_or("a loaded CRL".into(), |l| format!("file {}", l.input.source))
        }
        CrlSource::Url(url) => url.clone(),
    };
    ui.horizontal(|ui| {
        badge(ui, word, tone);
        ui.label(format!("CRL from {source}"));
    });
    if let CrlStatus::Error(why) = &check.status {
        ui.colored_label(tone_color(ui, tone), why);
        return;
    }
    grid(ui, &format!("crl {:?} {:?}", result.certificate, result.source), |ui| {
        value_row(ui, "This update", &when(view, check.this_update));
        value_row(ui, "Next update", &check.next_update.map_or_else(|| "(none given)".into(), |at| when(view, at)));
        if let CrlStatus::Revoked { revocation_time, reason } = &check.status {
            value_row(ui, "Revoked at", &when(view, *revocation_time));
            value_row(ui, "Reason", reason.as_deref().unwrap_or("(none given)"));
        }
        if let (CrlSource::Url(url), Some(address)) = (&result.source, view.sample_responder)
            && url.starts_with(SAMPLE_BASE)
        {
            value_row(ui, "HTTP", &format!("GET {url} by certscope's built-in sample responder on {address}"));
        }
    });
    checklist(ui, "Checks made before believing the CRL:", &check.checks);
}

fn input_ui(ui: &mut egui::Ui, view: View<'_>, index: usize, commands: &mut Vec<Command>) {
    let Some(loaded) = view.inputs.get_mut(index) else {
        return;
    };
    let input = loaded.input.clone();
    ui.heading(&input.source);
    if let Some(format) = input.format {
        ui.label(format!("Format: {format}"));
    }
    ui.label(format!(
        "{} certificate(s), {} signing request(s), {} revocation list(s), {} private key(s)",
        input.certificates.len(),
        input.requests.len(),
        input.revocation_lists.len(),
        input.keys.len()
    ));
    if let Some(error) = &input.error {
        if error.wants_password() {
            // A password prompt is a question, not a failure: no "Error:" in front of it.
            let text = error.to_string();
            let mut chars = text.chars();
            let text: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
            banner(ui, Tone::Warn, &text);
        }
        // Any other error is a finding, said (with its fix) in the Verdict panel above.
        if error.wants_password() {
            ui.horizontal(|ui| {
                let label = ui.label("Password:");
                // A stable id: the Verdict panel above changes its size as judgements land, and an
                // id from the layout would change with it, and lose the focus and the typing.
                let field = egui::TextEdit::singleline(&mut loaded.password)
                    .id_salt(("password", index))
                    .password(true)
                    .desired_width(220.0);
                let response = ui.add(field).labelled_by(label.id);
                // Focus the field once, when the prompt first shows and nothing else has focus:
                // never again, so it does not take the keyboard from the tree or another field.
                let asked = ui.make_persistent_id(("password asked", index));
                let first = ui.data_mut(|d| !std::mem::replace(d.get_temp_mut_or(asked, false), true));
                if first && ui.ctx().memory(|m| m.focused().is_none()) {
                    response.request_focus();
                }
                // egui 0.37 keeps a single-line field focused on Enter: ask for the key while it has focus.
                let entered =
                    (response.has_focus() || response.lost_focus()) && ui.input(|i| i.key_pressed(egui::Key::Enter));
                if ui.button("Unlock").clicked() || entered {
                    commands.push(Command::Unlock(index));
                }
            });
        }
    }
    for problem in &input.problems {
        ui.colored_label(ui.visuals().error_fg_color, format!("Not loaded: {problem}"));
    }
    for key in &input.keys {
        let matches = match key.matches_certificate.and_then(|i| input.certificates.get(i)) {
            Some(c) => format!("matches certificate '{}'", c.display_name()),
            None if key.summary.encrypted => "encrypted, so which certificate it belongs to cannot be told".into(),
            None => "matches none of the certificates in this file".into(),
        };
        let name = key.summary.friendly_name.as_deref().map(|n| format!(" \"{n}\"")).unwrap_or_default();
        ui.label(format!("Private key{name}: {}, {matches}. The secret is never shown.", key.summary.summary()));
    }
}

/// A name fit for a file: letters, digits, dots and hyphens; the rest becomes `_`.
pub fn file_stem(name: &str) -> String {
    name.replace(|ch: char| !ch.is_ascii_alphanumeric() && ch != '.' && ch != '-', "_")
}

fn section(ui: &mut egui::Ui, title: &str, open: bool, add: impl FnOnce(&mut egui::Ui)) {
    egui::CollapsingHeader::new(egui::RichText::new(title).strong()).default_open(open).show(ui, add);
}

fn grid(ui: &mut egui::Ui, id: &str, add: impl FnOnce(&mut egui::Ui)) {
    egui::Grid::new(id).num_columns(2).spacing([16.0, 4.0]).striped(true).show(ui, add);
}

fn field_name(ui: &mut egui::Ui, name: &str) -> egui::Response {
    let response = ui.label(egui::RichText::new(name).strong());
    match explain::field(name) {
        "" => response,
        why => response.on_hover_text(why),
    }
}

fn value_row(ui: &mut egui::Ui, name: &str, value: &str) {
    field_name(ui, name);
    ui.add(egui::Label::new(value).selectable(true).wrap());
    ui.end_row();
}

fn copy_row(ui: &mut egui::Ui, name: &str, value: &str, what: &str, commands: &mut Vec<Command>) {
    field_name(ui, name);
    ui.horizontal(|ui| {
        // The button first: a long fingerprint wraps, the button stays in view.
        if ui.small_button("Copy").on_hover_text(format!("Copy the {what}")).clicked() {
            commands.push(Command::Copy { what: what.to_string(), text: value.to_string() });
        }
        ui.add(egui::Label::new(egui::RichText::new(value).monospace()).selectable(true).wrap());
    });
    ui.end_row();
}

fn name_section(ui: &mut egui::Ui, title: &str, name: &DistinguishedName) {
    section(ui, title, false, |ui| {
        let why = explain::field(title);
        if !why.is_empty() {
            ui.weak(why);
        }
        grid(ui, title, |ui| {
            for attribute in &name.attributes {
                ui.label(egui::RichText::new(&attribute.long_name).strong())
                    .on_hover_text(format!("{} ({})", attribute.short_name, attribute.oid));
                ui.add(egui::Label::new(&attribute.value).selectable(true));
                ui.end_row();
            }
        });
    });
}

fn extensions_section(ui: &mut egui::Ui, title: &str, extensions: &[ExtensionEntry]) {
    if extensions.is_empty() {
        return;
    }
    section(ui, &format!("{title} ({})", extensions.len()), true, |ui| {
        for extension in extensions {
            ui.horizontal(|ui| {
                let response = ui.label(egui::RichText::new(&extension.name).strong());
                let why = explain::extension(&extension.oid);
                let hover =
                    if why.is_empty() { extension.oid.clone() } else { format!("{why}\n\nOID {}", extension.oid) };
                response.on_hover_text(hover);
                if extension.critical {
                    ui.label(egui::RichText::new("critical").small().color(ui.visuals().warn_fg_color)).on_hover_text(
                        "A client that does not understand a critical extension must reject the certificate.",
                    );
                }
            });
            ui.indent(&extension.oid, |ui| {
                for line in extension.value.lines() {
                    ui.add(egui::Label::new(line).selectable(true).wrap());
                }
            });
        }
    });
}

fn pem_section(ui: &mut egui::Ui, pem: &str, der: &[u8], name: &str, commands: &mut Vec<Command>) {
    section(ui, "PEM", false, |ui| {
        ui.horizontal(|ui| {
            if ui.button("Copy PEM").clicked() {
                commands.push(Command::Copy { what: "PEM".into(), text: pem.to_string() });
            }
            if ui.button("Save as PEM…").clicked() {
                commands.push(Command::Save { suggested_name: format!("{name}.pem"), bytes: pem.as_bytes().to_vec() });
            }
            if ui.button("Save as DER…").clicked() {
                commands.push(Command::Save { suggested_name: format!("{name}.der"), bytes: der.to_vec() });
            }
        });
        ui.add(egui::Label::new(egui::RichText::new(pem).monospace()).selectable(true));
    });
}
