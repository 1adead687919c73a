//! Revocation in the details: each OCSP and CRL answer with its checklist, the OCSP exchange
//! drawn, its bytes.

use certscope::model::Certificate;
use certscope::model::time::{readable, relative, rfc3339};
use certscope::revocation::demo::SAMPLE_BASE;
use certscope::revocation::{CrlSource, CrlStatus, LoadedCrlCheck, LoadedOcspCheck, OcspStatus};
use certscope::verification::Outcome;
use time::{OffsetDateTime, UtcOffset};

use super::tree::{Selection, Tone, tone_color};
use crate::app::Command;

/// What the panel reads.
use super::details::*;
use super::explain;

/// The Revocation section: the check buttons (or the job running), then each answer, OCSP
/// first, with the checks behind it and, for learners, the exchange itself.
pub(super) fn revocation_section(
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
            crl_answer(ui, result, view, commands);
        }
    });
}

pub(super) fn badge(ui: &mut egui::Ui, word: &str, tone: Tone) {
    let color = tone_color(ui, tone);
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.5, color))
        .inner_margin(4.0)
        .corner_radius(4.0)
        .show(ui, |ui| ui.label(egui::RichText::new(word).strong().color(color)));
}

/// "2026-06-01 10:00:00 UTC   (local: ...; in 3 days)"
pub(super) fn when(view: &View<'_>, at: OffsetDateTime) -> String {
    let (utc, local) = (readable(at, UtcOffset::UTC), readable(at, view.local));
    format!("{utc}   (local: {local}; {})", relative(at, view.now))
}

pub(super) fn check_line(ui: &mut egui::Ui, line: &certscope::verification::Check) {
    let (word, tone) = match &line.outcome {
        Outcome::Pass => ("Pass", Tone::Good),
        Outcome::Fail(_) => ("Fail", Tone::Bad),
        Outcome::NotApplicable(_) => ("N/A", Tone::Plain),
        Outcome::Warn(_) => ("Note", Tone::Warn),
    };
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(word).strong().color(tone_color(ui, tone)));
        let detail = line.detail().map(|d| format!(": {d}")).unwrap_or_default();
        match explain::for_label(line.name) {
            Some(entry) => {
                explain::name(ui, line.name, Some(entry));
                ui.add(egui::Label::new(detail).wrap());
            }
            None => {
                ui.add(egui::Label::new(format!("{}{detail}", line.name)).wrap());
            }
        }
    });
}

/// One OCSP answer: badge, dates, responder, HTTP, checklist, and the raw exchange.
pub(super) fn ocsp_answer(ui: &mut egui::Ui, result: &LoadedOcspCheck, view: &View<'_>, commands: &mut Vec<Command>) {
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
    ocsp_steps(ui, result, commands);
    egui::CollapsingHeader::new("The exchange: request and response")
        .id_salt(("exchange", result.certificate, &check.url))
        .show(ui, |ui| exchange(ui, check, commands));
}

/// The OCSP request and response, decoded and in hex: what went over the wire.
pub(super) fn exchange(ui: &mut egui::Ui, check: &certscope::revocation::OcspCheck, commands: &mut Vec<Command>) {
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
            if ui.small_button("ASN.1 view").on_hover_text("Every element beside its bytes").clicked() {
                commands.push(Command::OpenAsn1 {
                    title: format!("OCSP {} to {}", what.to_lowercase(), check.url),
                    bytes: std::sync::Arc::new(bytes.to_vec()),
                    kind: super::asn1::Kind::Other,
                });
            }
            if ui.small_button("Copy hex").clicked() {
                commands
                    .push(Command::Copy { what: format!("the OCSP {} (hex)", what.to_lowercase()), text: hex(bytes) });
            }
        });
        egui::ScrollArea::vertical().id_salt((what, &check.url)).max_height(260.0).show(ui, |ui| {
            ui.add(egui::Label::new(egui::RichText::new(hex_dump(bytes)).monospace()).selectable(true));
        });
    }
}

/// The exchange drawn for learners: certscope on the left, the responder on the right, the
/// request going over and the signed answer coming back, each arrow labelled with what it carries.
pub(super) fn exchange_drawing(ui: &mut egui::Ui, check: &certscope::revocation::OcspCheck) {
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
pub(super) fn hex_dump(bytes: &[u8]) -> String {
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
pub(super) fn crl_answer(ui: &mut egui::Ui, result: &LoadedCrlCheck, view: &View<'_>, commands: &mut Vec<Command>) {
    let check = &result.check;
    let domain_only = matches!(&result.source, CrlSource::Url(url) if certscope::net::ldap::is_host_less(url));
    let (word, tone) = match &check.status {
        // ldap:/// names the machine's own Windows domain: not a fault of the CRL or the CA.
        CrlStatus::Error(_) if domain_only => ("Domain only", Tone::Plain),
        CrlStatus::NotListed => ("Good", Tone::Good),
        CrlStatus::Revoked { reason, .. } if reason.as_deref() == Some("certificateHold") => ("On hold", Tone::Bad),
        CrlStatus::Revoked { .. } => ("Revoked", Tone::Bad),
        CrlStatus::Unverified(_) => ("Unverified", Tone::Warn),
        CrlStatus::Error(_) => ("Error", Tone::Bad),
    };
    let source = crl_source_name(&result.source, view);
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
        if let Some(words) = check.answered_words(|source| crl_source_name(source, view)) {
            value_row(ui, "Answered by", &words);
        }
        if let (CrlSource::Url(url), Some(address)) = (&result.source, view.sample_responder)
            && url.starts_with(SAMPLE_BASE)
        {
            value_row(ui, "HTTP", &format!("GET {url} by certscope's built-in sample responder on {address}"));
        }
    });
    crl_steps(ui, result, view, commands);
}

/// Where a CRL came from, for people: its file or its URL.
fn crl_source_name(source: &CrlSource, view: &View<'_>) -> String {
    match source {
        CrlSource::Loaded(input, _) => {
            view.inputs.get(*input).map_or("a loaded CRL".into(), |l| format!("file {}", l.input.source))
        }
        CrlSource::Url(url) => url.clone(),
    }
}

/// One numbered step of an exchange: what happened, its detail, the bytes it is about.
#[allow(clippy::too_many_arguments)] // a step's parts, each plain
fn step(
    ui: &mut egui::Ui,
    number: usize,
    tone: Tone,
    checked: bool,
    title: &str,
    detail: &str,
    bytes: Option<(String, &[u8])>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(22.0, 22.0), egui::Sense::hover());
        let color = tone_color(ui, tone);
        ui.painter().circle_stroke(rect.center(), 10.0, egui::Stroke::new(1.5, color));
        ui.painter().text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            number.to_string(),
            egui::FontId::proportional(12.0),
            color,
        );
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                // The word says it, the colour repeats it.
                let word = match tone {
                    Tone::Good => Some("Pass"),
                    Tone::Bad => Some("Fail"),
                    Tone::Warn => Some("Note"),
                    Tone::Plain => Some("N/A"),
                };
                if let Some(word) = word.filter(|_| checked) {
                    ui.label(egui::RichText::new(word).strong().color(color));
                }
                match explain::for_label(title) {
                    Some(entry) => {
                        explain::name(ui, title, Some(entry));
                    }
                    None => {
                        ui.strong(title);
                    }
                }
            });
            if !detail.is_empty() {
                ui.add(egui::Label::new(detail).wrap());
            }
            if let Some((what, bytes)) = bytes.filter(|(_, b)| !b.is_empty())
                && ui
                    .small_button(format!("ASN.1 view ({} bytes)", bytes.len()))
                    .on_hover_text("Every element of these bytes, beside them in hex")
                    .clicked()
            {
                let kind = if what == "CRL" { super::asn1::Kind::List } else { super::asn1::Kind::Other };
                commands.push(Command::OpenAsn1 { title: what, bytes: std::sync::Arc::new(bytes.to_vec()), kind });
            }
        });
    });
}

fn outcome_tone(outcome: &Outcome) -> Tone {
    match outcome {
        Outcome::Pass => Tone::Good,
        Outcome::Fail(_) => Tone::Bad,
        Outcome::Warn(_) => Tone::Warn,
        Outcome::NotApplicable(_) => Tone::Plain,
    }
}

/// The OCSP exchange step by step: the request, the answer, each check, the conclusion.
fn ocsp_steps(ui: &mut egui::Ui, result: &LoadedOcspCheck, commands: &mut Vec<Command>) {
    let check = &result.check;
    egui::CollapsingHeader::new("Step by step")
        .id_salt(("ocsp steps", result.certificate, &check.url))
        .default_open(true)
        .show(ui, |ui| {
            let mut n = 0;
            let mut next = || {
                n += 1;
                n
            };
            let stapled = check.url == certscope::host::STAPLED;
            if !stapled {
                let request = match &check.cert_id {
                    Some(id) => format!(
                        "CertID: {} of the issuer's name ({}) and key ({}), serial {}; {}",
                        id.hash_algorithm,
                        id.issuer_name_hash,
                        id.issuer_key_hash,
                        id.serial,
                        if check.nonce_sent.is_some() { "with a nonce" } else { "no nonce" }
                    ),
                    None => "No request could be built.".into(),
                };
                step(
                    ui,
                    next(),
                    Tone::Plain,
                    false,
                    "OCSP",
                    &request,
                    Some(("OCSP request".into(), &check.request_der)),
                    commands,
                );
                step(
                    ui,
                    next(),
                    Tone::Plain,
                    false,
                    "HTTP",
                    &format!("{} {}", check.method, check.url),
                    None,
                    commands,
                );
            }
            let answer = match (check.response_status, check.response_der.is_empty()) {
                (_, true) => check.status.error().unwrap_or("no answer").to_string(),
                (Some(status), false) => format!(
                    "{} bytes{}, response status {status}",
                    check.response_der.len(),
                    check.content_type.as_deref().map(|c| format!(" of {c}")).unwrap_or_default()
                ),
                (None, false) => format!("{} bytes that are not an OCSP response", check.response_der.len()),
            };
            let tone = if check.response_der.is_empty() { Tone::Bad } else { Tone::Plain };
            let title = if stapled { "OCSP staple" } else { "Response status" };
            step(
                ui,
                next(),
                tone,
                false,
                title,
                &answer,
                Some(("OCSP response".into(), &check.response_der)),
                commands,
            );
            for line in &check.checks {
                let detail = line.detail().unwrap_or_default();
                step(ui, next(), outcome_tone(&line.outcome), true, line.name, detail, None, commands);
            }
            let (word, tone) = match &check.status {
                OcspStatus::Good => ("good: the responder knows no revocation", Tone::Good),
                OcspStatus::Revoked { .. } => ("revoked", Tone::Bad),
                OcspStatus::Unknown => ("unknown: the responder does not know this certificate", Tone::Warn),
                OcspStatus::Unverified(_) => ("not believed: a check above failed", Tone::Warn),
                OcspStatus::Error(_) => ("no answer", Tone::Bad),
            };
            step(ui, next(), tone, false, &format!("Status: {}", check.status.word()), word, None, commands);
        });
}

/// The CRL check step by step: where the CRL came from, each check, the lookup of the serial.
fn crl_steps(ui: &mut egui::Ui, result: &LoadedCrlCheck, view: &View<'_>, commands: &mut Vec<Command>) {
    let check = &result.check;
    egui::CollapsingHeader::new("Step by step")
        .id_salt(("crl steps", result.certificate, format!("{:?}", result.source)))
        .default_open(true)
        .show(ui, |ui| {
            let mut n = 0;
            let mut next = || {
                n += 1;
                n
            };
            let crl_step =
                |ui: &mut egui::Ui, number: usize, title: &str, source: &CrlSource, commands: &mut Vec<Command>| {
                    let downloaded = match source {
                        CrlSource::Url(url) => view.crl_cache.cached(url),
                        CrlSource::Loaded(..) => None,
                    };
                    let (from, bytes) = match source {
                        CrlSource::Loaded(input, index) => {
                            let list = view.inputs.get(*input).and_then(|l| l.input.revocation_lists.get(*index));
                            let name = view.inputs.get(*input).map_or_else(String::new, |l| l.input.source.clone());
                            (format!("Loaded from {name}"), list.map(|l| &l.der[..]))
                        }
                        CrlSource::Url(url) => {
                            (format!("Downloaded from {url}"), downloaded.as_ref().map(|l| &l.der[..]))
                        }
                    };
                    let bytes = bytes.map(|b| (title.to_string(), b));
                    step(ui, number, Tone::Plain, false, title, &from, bytes, commands);
                };
            let title = if check.delta.is_some() { "Base CRL" } else { "CRL" };
            crl_step(ui, next(), title, &result.source, commands);
            for line in &check.checks {
                let detail = line.detail().unwrap_or_default();
                step(ui, next(), outcome_tone(&line.outcome), true, line.name, detail, None, commands);
            }
            if let Some(delta) = &check.delta {
                crl_step(ui, next(), "Delta CRL", &delta.source, commands);
                for line in &delta.checks {
                    let detail = line.detail().unwrap_or_default();
                    step(ui, next(), outcome_tone(&line.outcome), true, line.name, detail, None, commands);
                }
            }
            use certscope::revocation::AnsweredBy;
            let (word, tone) = match (&check.status, check.answered_by) {
                (CrlStatus::NotListed, AnsweredBy::Delta) => {
                    ("The delta CRL takes the serial off hold (removeFromCRL): not revoked.", Tone::Good)
                }
                (CrlStatus::NotListed, AnsweredBy::Base) => {
                    ("The serial is on neither the base CRL nor its delta: not revoked.", Tone::Good)
                }
                (CrlStatus::NotListed, AnsweredBy::Crl) => {
                    ("The serial is not on the CRL: not revoked as of its thisUpdate.", Tone::Good)
                }
                (CrlStatus::Revoked { .. }, AnsweredBy::Delta) => {
                    ("The serial is on the delta CRL: revoked.", Tone::Bad)
                }
                (CrlStatus::Revoked { .. }, _) => ("The serial is on the CRL: revoked.", Tone::Bad),
                (CrlStatus::Unverified(why), _) => (why.as_str(), Tone::Warn),
                (CrlStatus::Error(_), _) => ("No CRL to look in.", Tone::Bad),
            };
            step(ui, next(), tone, false, "Revoked", word, None, commands);
        });
}
