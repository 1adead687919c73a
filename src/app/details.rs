//! The right panel: the selected certificate (or CSR, CRL, input) in sections, with copy
//! and save buttons. Draws what the library says; decides nothing about PKI itself.

use certscope::chain::{Chain, ChainLink};
use certscope::model::time::{readable, relative, rfc3339, validity_phrase};
use certscope::model::{Certificate, DistinguishedName, ExtensionEntry, ValidityStatus, hex_colons};
use certscope::revocation::{CrlSource, CrlStatus, LoadedCrlCheck};
use certscope::verification::Outcome;
use time::{OffsetDateTime, UtcOffset};

use super::tree::{Selection, Tone, tone_color};
use super::{Command, Loaded, explain};

/// What the panel reads.
pub struct View<'a> {
    pub inputs: &'a mut Vec<Loaded>,
    pub chains: &'a [Chain],
    pub revocation: &'a [LoadedCrlCheck],
    pub now: OffsetDateTime,
    pub local: UtcOffset,
}

/// Draws the selection; returns what the user asked for.
pub fn ui(ui: &mut egui::Ui, view: View<'_>, selected: Option<&Selection>) -> Vec<Command> {
    let mut commands = Vec::new();
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| match selected {
        Some(Selection::Certificate(reference)) => {
            let Some(certificate) =
                view.inputs.get(reference.input).and_then(|l| l.input.certificates.get(reference.index))
            else {
                return;
            };
            let chain = view.chains.iter().find(|c| c.certificates.contains(reference));
            let revocation: Vec<&LoadedCrlCheck> =
                view.revocation.iter().filter(|r| r.certificate == *reference).collect();
            certificate_ui(ui, certificate, chain, &revocation, &view, &mut commands);
        }
        Some(Selection::Input(index)) => input_ui(ui, view, *index, &mut commands),
        Some(Selection::Request(input, index)) => {
            if let Some(request) = view.inputs.get(*input).and_then(|l| l.input.requests.get(*index)) {
                ui.heading(format!("Certificate signing request: {}", request.subject.display_name()));
                let verdict = if request.signature_valid {
                    (Tone::Good, "The request's signature verifies with its own key (proof of possession).")
                } else {
                    (Tone::Bad, "The request's signature does NOT verify: a CA will reject it.")
                };
                banner(ui, verdict.0, verdict.1);
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
            if let Some(list) = view.inputs.get(*input).and_then(|l| l.input.revocation_lists.get(*index)) {
                ui.heading(format!("Revocation list from {}", list.issuer.display_name()));
                if list.is_stale_at(view.now) {
                    banner(ui, Tone::Warn, "Stale: this list is past its next update; a newer one should exist.");
                }
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
    revocation: &[&LoadedCrlCheck],
    view: &View<'_>,
    commands: &mut Vec<Command>,
) {
    ui.heading(egui::RichText::new(c.display_name()).strong());
    // The verdict first: what a help-desk person needs before any field.
    let phrase = validity_phrase(c.not_before, c.not_after, view.now);
    let (tone, validity) = match c.validity_at(view.now) {
        ValidityStatus::Valid => (Tone::Good, format!("Within its validity period: {phrase}.")),
        ValidityStatus::Expired => (Tone::Bad, format!("EXPIRED: {phrase}.")),
        ValidityStatus::NotYetValid => (Tone::Warn, format!("NOT YET VALID: {phrase}.")),
    };
    banner(ui, tone, &validity);
    for result in revocation {
        match &result.check.status {
            CrlStatus::Revoked { revocation_time, reason } => banner(
                ui,
                Tone::Bad,
                &format!(
                    "REVOKED since {} ({}): clients that check revocation reject it.",
                    validity_phrase_since(*revocation_time, view.now),
                    reason.as_deref().unwrap_or("no reason given")
                ),
            ),
            CrlStatus::Unverified(why) | CrlStatus::Error(why) => {
                banner(ui, Tone::Warn, &format!("Revocation status unverified: {why}."));
            }
            CrlStatus::NotListed => {}
        }
    }
    if let Some(chain) = chain {
        let root = chain
            .certificates
            .last()
            .and_then(|r| view.inputs.get(r.input)?.input.certificates.get(r.index))
            .map(Certificate::display_name)
            .unwrap_or_default();
        if chain.complete {
            let links = chain.certificates.len();
            banner(
                ui,
                Tone::Good,
                &format!("Chain complete: {links} certificate(s) up to the self-signed root '{root}'."),
            );
        } else {
            for problem in chain.problems() {
                banner(ui, Tone::Bad, &format!("Chain broken: {problem}."));
            }
        }
        if let Some(link) = chain.links.get(
            chain
                .certificates
                .iter()
                .position(|r| {
                    view.inputs
                        .get(r.input)
                        .and_then(|l| l.input.certificates.get(r.index))
                        .is_some_and(|x| x.sha256 == c.sha256)
                })
                .unwrap_or(0),
        ) && matches!(link, ChainLink::SelfSigned)
            && chain.certificates.len() == 1
        {
            ui.weak("A self-signed certificate on its own: clients trust it only if it is in their trust store.");
        }
    }
    ui.add_space(6.0);
    if let Some(chain) = chain {
        path_section(ui, c, chain, view, commands);
    }
    if !revocation.is_empty() {
        revocation_section(ui, revocation, view);
    }

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
    let name = c.display_name().replace(|ch: char| !ch.is_ascii_alphanumeric() && ch != '.' && ch != '-', "_");
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

/// "2026-03-01 00:00:00 UTC (3 months ago)", for banners.
fn validity_phrase_since(at: OffsetDateTime, now: OffsetDateTime) -> String {
    format!("{} ({})", readable(at, UtcOffset::UTC), relative(at, now))
}

/// What each loaded CRL says about this certificate, with the checks behind the answer.
fn revocation_section(ui: &mut egui::Ui, revocation: &[&LoadedCrlCheck], view: &View<'_>) {
    section(ui, "Revocation", true, |ui| {
        for result in revocation {
            let check = &result.check;
            let (badge, tone) = match &check.status {
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
                let color = tone_color(ui, tone);
                egui::Frame::new()
                    .stroke(egui::Stroke::new(1.5, color))
                    .inner_margin(4.0)
                    .corner_radius(4.0)
                    .show(ui, |ui| ui.label(egui::RichText::new(badge).strong().color(color)));
                ui.label(format!("CRL from {source}"));
            });
            grid(ui, &format!("crl {:?}", result.source), |ui| {
                let when = |t: OffsetDateTime| {
                    let (utc, local) = (readable(t, UtcOffset::UTC), readable(t, view.local));
                    format!("{utc}   (local: {local}; {})", relative(t, view.now))
                };
                value_row(ui, "This update", &when(check.this_update));
                value_row(ui, "Next update", &check.next_update.map_or_else(|| "(none given)".into(), when));
                if let CrlStatus::Revoked { revocation_time, reason } = &check.status {
                    value_row(ui, "Revoked at", &when(*revocation_time));
                    value_row(ui, "Reason", reason.as_deref().unwrap_or("(none given)"));
                }
            });
            ui.label(egui::RichText::new("Checks made before believing the CRL:").weak());
            for line in &check.checks {
                let (word, tone) = match &line.outcome {
                    Outcome::Pass => ("Pass", Tone::Good),
                    Outcome::Fail(_) => ("Fail", Tone::Bad),
                    Outcome::NotApplicable(_) => ("N/A", Tone::Plain),
                };
                ui.horizontal(|ui| {
                    ui.label(egui::RichText::new(word).strong().color(tone_color(ui, tone)));
                    let detail = line.detail().map(|d| format!(": {d}")).unwrap_or_default();
                    ui.add(egui::Label::new(format!("{}{detail}", line.name)).wrap());
                });
            }
            ui.add_space(6.0);
        }
    });
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
        } else {
            banner(ui, Tone::Bad, &format!("Error: {error}"));
        }
        if error.wants_password() {
            ui.horizontal(|ui| {
                let label = ui.label("Password:");
                let field = egui::TextEdit::singleline(&mut loaded.password).password(true).desired_width(220.0);
                let response = ui.add(field).labelled_by(label.id);
                if ui.ctx().memory(|m| m.focused().is_none()) {
                    response.request_focus();
                }
                let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
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
