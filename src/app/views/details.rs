//! The right panel: the selected certificate (or CSR, CRL, input) in sections, with copy
//! and save buttons. Draws what the library says; decides nothing about PKI itself.

use certscope::chain::CertRef;
use certscope::chain::Chain;
use certscope::model::time::{readable, rfc3339, validity_phrase};
use certscope::model::{Certificate, DistinguishedName, ExtensionEntry, hex_colons};
use certscope::revocation::{LoadedCrlCheck, LoadedOcspCheck, Revocation};
use certscope::verification::Outcome;
use time::{OffsetDateTime, UtcOffset};

use super::explain;
use super::revocation::*;
use super::tree::{Selection, Tone, tone_color};
use crate::app::{Command, Loaded};

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
    /// Intermediates fetched by AIA into file inputs: input -> (index, URL).
    pub fetched: &'a std::collections::HashMap<usize, Vec<(usize, String)>>,
    /// CRLs downloaded this session: their bytes open in the ASN.1 view.
    pub crl_cache: &'a certscope::revocation::CrlCache,
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
pub(super) struct Answers<'a> {
    pub(super) reference: CertRef,
    pub(super) crl: Vec<&'a LoadedCrlCheck>,
    pub(super) ocsp: Vec<&'a LoadedOcspCheck>,
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
            certificate_ui(ui, certificate, chain, &answers, &view, judged.diagnosis, &mut commands);
        }
        Some(Selection::Input(index)) => {
            let focus = super::verdict::Focus::Input(*index);
            commands.extend(super::verdict::ui(ui, judged.diagnosis, judged.busy, focus, view.inputs, judged.form));
            input_ui(ui, view, *index, judged.diagnosis, &mut commands)
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
                    for error in &request.malformed_attributes {
                        value_row(ui, "Unreadable attribute", error);
                    }
                });
                name_section(ui, "Subject", &request.subject);
                extensions_section(ui, "Requested extensions", &request.requested_extensions);
                pem_section(ui, &request.to_pem(), &request.der, "request", "signing request", &mut commands);
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
                    revoked_ui(ui, &list.revoked, (*input, *index));
                });
                extensions_section(ui, "Extensions", &list.extensions);
                pem_section(ui, &list.to_pem(), &list.der, "crl", "CRL", &mut commands);
            }
        }
        None => {
            ui.weak("Select a certificate on the left to see its fields.");
        }
    });
    commands
}

pub(super) fn banner(ui: &mut egui::Ui, tone: Tone, text: &str) {
    let color = tone_color(ui, tone);
    egui::Frame::group(ui.style()).stroke(egui::Stroke::new(1.5, color)).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.label(egui::RichText::new(text).color(color).strong().size(15.0));
    });
}

pub(super) fn certificate_ui(
    ui: &mut egui::Ui,
    c: &Certificate,
    chain: Option<&Chain>,
    answers: &Answers<'_>,
    view: &View<'_>,
    diagnosis: Option<&certscope::diagnose::Diagnosis>,
    commands: &mut Vec<Command>,
) {
    // The verdict, the findings and their fixes are drawn above, by the Verdict panel: what
    // follows is the evidence (connection, checklists, path, revocation answers, fields).
    let host = view.inputs.get(answers.reference.input).and_then(|l| l.host.clone());
    let phrase = validity_phrase(c.not_before, c.not_after, view.now);
    ui.add_space(6.0);
    commands.extend(super::compare::chooser(ui, view.inputs, answers.reference));
    if let Some(host) = host.as_ref().filter(|_| answers.reference.index == 0) {
        host_sections(ui, host);
    }
    if let Some(chain) = chain {
        section(ui, "Certification path", true, |ui| {
            let fetched = |r: CertRef| {
                let from_file = view.fetched.get(&r.input).and_then(|list| list.iter().find(|(i, _)| *i == r.index));
                let from_host = view.inputs.get(r.input).and_then(|l| l.host.as_ref()).and_then(|h| {
                    h.extras.fetched_from.iter().find(|(i, _)| *i == r.index).map(|(i, u)| (*i, u.clone()))
                });
                from_file.cloned().or(from_host).map(|(_, url)| url)
            };
            let diagram = super::diagram::Diagram {
                inputs: view.inputs,
                chain,
                shown: answers.reference,
                diagnosis,
                fetched: &fetched,
                now: view.now,
            };
            commands.extend(super::diagram::ui(ui, &diagram));
        });
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
    pem_section(ui, &c.to_pem(), &c.der, &name, "certificate", commands);
}

/// A host's Validation (the checklist behind the verdict) and Connection sections.
pub(super) fn host_sections(ui: &mut egui::Ui, host: &crate::app::HostView) {
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
                match &c.client_certificate_request {
                    None => value_row(ui, "Client certificate", "not asked for"),
                    Some(request) => {
                        value_row(ui, "Client certificate", &request.summary());
                        let cas = if request.ca_names.is_empty() {
                            "(none named: any)".to_string()
                        } else {
                            request.ca_names.iter().map(|n| n.text.as_str()).collect::<Vec<_>>().join("\n")
                        };
                        value_row(ui, "Accepted CAs", &cas);
                        value_row(ui, "Client signature algorithms", &request.signature_algorithms.join(", "));
                    }
                }
            });
        });
    }
}

/// A trust checklist: what failed, what deserves a note and what is merely said first; the checks
/// that passed folded below (a dozen lines of "Pass" would push everything else off the screen).
pub(super) fn trust_checklist(
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

/// A CRL's entries: found by serial, or scrolled through with only the rows on screen drawn
/// (a CRL of a million entries scrolls like one of ten).
fn revoked_ui(ui: &mut egui::Ui, revoked: &certscope::model::Revoked, key: (usize, usize)) {
    let id = ui.scope_id().with(("revoked search", key));
    let mut query: String = ui.data_mut(|d| d.get_temp::<String>(id)).unwrap_or_default();
    ui.horizontal(|ui| {
        let label = ui.label("Find a serial:");
        ui.add(egui::TextEdit::singleline(&mut query).hint_text("hex, colons allowed").desired_width(320.0))
            .labelled_by(label.id);
    });
    ui.data_mut(|d| d.insert_temp(id, query.clone()));
    let wanted: String = query
        .trim()
        .trim_start_matches("0x")
        .chars()
        .filter(char::is_ascii_hexdigit)
        .collect::<String>()
        .to_lowercase();
    let row = |ui: &mut egui::Ui, entry: &certscope::model::RevokedEntry| {
        ui.horizontal(|ui| {
            ui.add_sized([300.0, 18.0], egui::Label::new(egui::RichText::new(&entry.serial).monospace()));
            ui.add_sized([180.0, 18.0], egui::Label::new(rfc3339(entry.revocation_date)));
            ui.label(entry.reason.as_deref().unwrap_or("(none given)"));
        });
    };
    if !wanted.is_empty() {
        // Serials are stored without their sign byte; a leading 00 typed is dropped too.
        let even = if wanted.len() % 2 == 1 { format!("0{wanted}") } else { wanted };
        let trimmed = even.strip_prefix("00").filter(|rest| !rest.is_empty()).unwrap_or(&even);
        match revoked.find(trimmed) {
            Some(entry) => {
                ui.colored_label(tone_color(ui, Tone::Bad), "Listed: this serial is revoked.");
                row(ui, &entry);
            }
            None => {
                ui.label(format!("{trimmed} is not listed among the {} revoked certificates.", revoked.len()));
            }
        }
        return;
    }
    let height = ui.text_style_height(&egui::TextStyle::Body).max(18.0) + ui.spacing().item_spacing.y;
    egui::ScrollArea::vertical().id_salt(("revoked rows", key)).max_height(320.0).auto_shrink([false, true]).show_rows(
        ui,
        height,
        revoked.len(),
        |ui, rows| {
            for index in rows {
                if let Some(entry) = revoked.get(index) {
                    row(ui, &entry);
                }
            }
        },
    );
}

pub(super) fn input_ui(
    ui: &mut egui::Ui,
    view: View<'_>,
    index: usize,
    diagnosis: Option<&certscope::diagnose::Diagnosis>,
    commands: &mut Vec<Command>,
) {
    let Some(loaded) = view.inputs.get_mut(index) else {
        return;
    };
    let input = loaded.input.clone();
    ui.heading(&input.source);
    if let Some(format) = input.format {
        ui.horizontal(|ui| {
            ui.label(format!("Format: {format}"));
            let hint = "Every element of the file (a PKCS#7 or PKCS#12 container too) beside its bytes";
            if loaded.host.is_none() && ui.button("ASN.1 view of the file").on_hover_text(hint).clicked() {
                commands.push(Command::OpenAsn1Input(index));
            }
        });
    }
    for note in &input.notes {
        ui.label(note);
    }
    // A signed file: each signature as a checklist, above its certificates.
    for signature in &input.signatures {
        let by =
            signature.signer.and_then(|i| input.certificates.get(i)).map(|c| format!(" by '{}'", c.display_name()));
        let over = signature.file.as_deref().map(|f| format!(" over {f}")).unwrap_or_default();
        let (word, tone) = if signature.verified() { ("Verified", Tone::Good) } else { ("NOT verified", Tone::Bad) };
        ui.horizontal(|ui| {
            super::revocation::badge(ui, word, tone);
            // The kind's name opens its explanation: Authenticode, a JAR signature, CMS.
            let kind = if signature.kind == "JAR" { "JAR signature" } else { signature.kind };
            super::explain::name(ui, kind, super::explain::for_label(kind));
            let nested = if signature.nested { " (nested)" } else { "" };
            ui.label(format!("signature{nested}{over}{} ({})", by.unwrap_or_default(), signature.digest_algorithm));
        });
        for check in &signature.checks {
            super::revocation::check_line(ui, check);
        }
        if let Some(stamp) = &signature.timestamp {
            let by = stamp.authority.and_then(|i| input.certificates.get(i));
            let by = by.map(|c| format!(" by '{}'", c.display_name())).unwrap_or_default();
            let at = stamp.time.map_or_else(|| "no time read".to_string(), certscope::model::time::rfc3339);
            let (word, tone) =
                if stamp.verified() { ("Timestamped", Tone::Good) } else { ("Bad timestamp", Tone::Bad) };
            ui.horizontal(|ui| {
                super::revocation::badge(ui, word, tone);
                super::explain::name(ui, "Timestamp", super::explain::for_label("Timestamp"));
                ui.label(format!("({}){by} at {at}", stamp.kind));
            });
            for check in &stamp.checks {
                super::revocation::check_line(ui, check);
            }
        } else if matches!(signature.kind, "Authenticode" | "JAR") {
            ui.horizontal(|ui| {
                super::revocation::badge(ui, "No timestamp", Tone::Warn);
                ui.label("the signature ends with the signer's certificate");
            });
        }
        // The signer as the diagnosis judged it: chain, purpose, validity, revocation.
        if let Some(diagnosis) = diagnosis {
            for check in certscope::diagnose::signer_checks(diagnosis, index, signature) {
                super::revocation::check_line(ui, &check);
            }
        }
    }
    // A keystore's entries are read without its password; with it, its integrity is checked.
    if matches!(input.format, Some("JKS" | "JCEKS")) && input.integrity.is_none() {
        ui.horizontal(|ui| {
            let label = ui.label("Store password:");
            let field = egui::TextEdit::singleline(&mut loaded.password)
                .id_salt(("store password", index))
                .password(true)
                .hint_text("changeit, Java's default")
                .desired_width(200.0);
            let response = ui.add(field).labelled_by(label.id);
            let entered =
                (response.has_focus() || response.lost_focus()) && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button("Check integrity").clicked() || entered {
                commands.push(Command::Unlock(index));
            }
        });
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

pub(super) fn section(ui: &mut egui::Ui, title: &str, open: bool, add: impl FnOnce(&mut egui::Ui)) {
    egui::CollapsingHeader::new(egui::RichText::new(title).strong()).default_open(open).show(ui, add);
}

pub(super) fn grid(ui: &mut egui::Ui, id: &str, add: impl FnOnce(&mut egui::Ui)) {
    egui::Grid::new(id).num_columns(2).spacing([16.0, 4.0]).striped(true).show(ui, add);
}

pub(super) fn field_name(ui: &mut egui::Ui, name: &str) -> egui::Response {
    explain::name(ui, name, explain::for_label(name))
}

pub(super) fn value_row(ui: &mut egui::Ui, name: &str, value: &str) {
    field_name(ui, name);
    ui.add(egui::Label::new(value).selectable(true).wrap());
    ui.end_row();
}

pub(super) fn copy_row(ui: &mut egui::Ui, name: &str, value: &str, what: &str, commands: &mut Vec<Command>) {
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

pub(super) fn name_section(ui: &mut egui::Ui, title: &str, name: &DistinguishedName) {
    section(ui, title, false, |ui| {
        if let Some(entry) = explain::for_label(title) {
            ui.weak(entry.short);
        }
        grid(ui, title, |ui| {
            for attribute in &name.attributes {
                explain::name(ui, &attribute.long_name, explain::for_attribute(&attribute.oid));
                ui.add(egui::Label::new(&attribute.value).selectable(true));
                ui.end_row();
            }
        });
    });
}

pub(super) fn extensions_section(ui: &mut egui::Ui, title: &str, extensions: &[ExtensionEntry]) {
    if extensions.is_empty() {
        return;
    }
    section(ui, &format!("{title} ({})", extensions.len()), true, |ui| {
        for extension in extensions {
            ui.horizontal(|ui| {
                explain::name(ui, &extension.name, explain::for_extension(&extension.oid));
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

pub(super) fn pem_section(
    ui: &mut egui::Ui,
    pem: &str,
    der: &[u8],
    name: &str,
    kind: &str,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.strong("Bytes");
        let asn1 = ui.button("ASN.1 view").on_hover_text(format!(
            "Every element of the {kind}'s DER beside its bytes; a field clicked here selects its element"
        ));
        if asn1.clicked() {
            commands.push(Command::OpenAsn1 {
                title: format!("{name} ({kind})"),
                bytes: std::sync::Arc::new(der.to_vec()),
                kind: match kind {
                    "certificate" => super::asn1::Kind::Certificate,
                    "signing request" => super::asn1::Kind::Request,
                    "CRL" => super::asn1::Kind::List,
                    _ => super::asn1::Kind::Other,
                },
            });
        }
    });
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
