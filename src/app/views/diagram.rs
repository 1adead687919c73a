//! The chain drawn: a box per certificate from the root down to the leaf (name, key, a
//! validity bar with today marked, its colour from the diagnosis's worst finding about it),
//! an arrow from each issuer to what it signed, a dashed box for an issuer that is not loaded
//! (its name and caIssuers URL), intermediates fetched by AIA marked, and cross-signed
//! versions of a certificate (same subject and key, another issuer) beside it. A click on a box
//! selects its certificate.

use certscope::chain::{CertRef, Chain, ChainLink};
use certscope::diagnose::Diagnosis;
use certscope::model::Certificate;
use time::OffsetDateTime;

use super::tree::{Selection, Tone, tone_color};
use crate::app::{Command, Loaded};

/// What the diagram reads.
pub struct Diagram<'a> {
    pub inputs: &'a [Loaded],
    pub chain: &'a Chain,
    /// The certificate the details show: its box is drawn thicker.
    pub shown: CertRef,
    pub diagnosis: Option<&'a Diagnosis>,
    /// Certificates fetched by AIA: (input, index) -> URL.
    pub fetched: &'a dyn Fn(CertRef) -> Option<String>,
    pub now: OffsetDateTime,
}

const BOX_HEIGHT: f32 = 66.0;
const GAP: f32 = 34.0;

fn certificate(inputs: &[Loaded], reference: CertRef) -> Option<&Certificate> {
    inputs.get(reference.input)?.input.certificates.get(reference.index)
}

/// Other loaded certificates with the same subject and key but another issuer: cross-signs.
fn cross_signed(inputs: &[Loaded], of: &Certificate) -> Vec<CertRef> {
    let mut found = Vec::new();
    for (input, loaded) in inputs.iter().enumerate() {
        for (index, other) in loaded.input.certificates.iter().enumerate() {
            if other.sha256 != of.sha256
                && other.subject.der == of.subject.der
                && other.public_key.spki_sha256 == of.public_key.spki_sha256
                && other.issuer.der != of.issuer.der
            {
                found.push(CertRef { input, index });
            }
        }
    }
    found.truncate(3);
    found
}

fn tone_of(diagnosis: Option<&Diagnosis>, reference: CertRef) -> Tone {
    match diagnosis.and_then(|d| d.worst(reference).map(|f| super::verdict::finding_tone(f, d.strict))) {
        Some(tone) => tone,
        None if diagnosis.is_some() => Tone::Good,
        None => Tone::Plain,
    }
}

/// Draws the diagram; returns the selection clicked.
pub fn ui(ui: &mut egui::Ui, diagram: &Diagram<'_>) -> Vec<Command> {
    let mut commands = Vec::new();
    let chain = diagram.chain;
    // Root (or the highest certificate loaded) first.
    let levels: Vec<(CertRef, &ChainLink)> = chain.certificates.iter().copied().zip(chain.links.iter()).rev().collect();
    let missing = match chain.links.last() {
        Some(ChainLink::MissingIssuer(_)) => chain.certificates.last().and_then(|&r| certificate(diagram.inputs, r)),
        _ => None,
    };
    let rows = levels.len() + usize::from(missing.is_some());
    let width = ui.available_width().min(760.0);
    // Each level's cross-signed versions, found once: they decide the boxes' width and are drawn.
    let crosses: Vec<Vec<CertRef>> = levels
        .iter()
        .map(|&(r, _)| certificate(diagram.inputs, r).map(|c| cross_signed(diagram.inputs, c)).unwrap_or_default())
        .collect();
    // Room beside the boxes only where there is a cross-signed version to draw there.
    let crossed = crosses.iter().any(|c| !c.is_empty());
    let main_width = if crossed { (width * 0.62).max(260.0) } else { width.min(560.0) };
    let height = rows as f32 * (BOX_HEIGHT + GAP) - GAP + 4.0;
    let (area, _) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    let painter = ui.painter_at(area.expand(2.0));
    let text = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    let mut y = area.top() + 2.0;

    if let Some(top) = missing {
        let rect = egui::Rect::from_min_size(egui::pos2(area.left() + 2.0, y), egui::vec2(main_width, BOX_HEIGHT));
        let stroke = egui::Stroke::new(1.5, tone_color(ui, Tone::Bad));
        painter.extend(egui::Shape::dashed_line(
            &[rect.left_top(), rect.right_top(), rect.right_bottom(), rect.left_bottom(), rect.left_top()],
            stroke,
            6.0,
            4.0,
        ));
        painter.text(
            rect.left_top() + egui::vec2(10.0, 8.0),
            egui::Align2::LEFT_TOP,
            format!("{} (issuer not loaded)", top.issuer.display_name()),
            egui::FontId::proportional(14.0),
            text,
        );
        let url = top.issuer_url();
        let where_ =
            url.map_or_else(|| "no caIssuers URL: ask the CA for its chain file".into(), |u| format!("caIssuers: {u}"));
        painter.text(
            rect.left_top() + egui::vec2(10.0, 30.0),
            egui::Align2::LEFT_TOP,
            where_,
            egui::FontId::proportional(12.0),
            weak,
        );
        let response = ui.interact(rect, ui.scope_id().with("missing issuer"), egui::Sense::hover());
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Label,
                true,
                format!("{} (issuer not loaded)", top.issuer.display_name()),
            )
        });
        arrow(&painter, rect, tone_color(ui, Tone::Bad), "would sign: not loaded");
        y += BOX_HEIGHT + GAP;
    }

    for (depth, &(reference, link)) in levels.iter().enumerate() {
        let Some(cert) = certificate(diagram.inputs, reference) else { continue };
        let rect = egui::Rect::from_min_size(egui::pos2(area.left() + 2.0, y), egui::vec2(main_width, BOX_HEIGHT));
        let role = match (depth, link) {
            (_, ChainLink::SelfSigned) => "root",
            (d, _) if d + 1 == levels.len() => "leaf",
            _ => "intermediate",
        };
        commands.extend(draw_box(ui, &painter, rect, diagram, reference, cert, role));
        // Cross-signed versions beside it.
        let mut x = rect.right() + 14.0;
        for &other in &crosses[depth] {
            let Some(other_cert) = certificate(diagram.inputs, other) else { continue };
            let side = width - (x - area.left()) - 4.0;
            if side < 150.0 {
                break;
            }
            let rect = egui::Rect::from_min_size(egui::pos2(x, y), egui::vec2(side.min(240.0), BOX_HEIGHT));
            let role = format!("cross-signed by {}", other_cert.issuer.display_name());
            commands.extend(draw_box(ui, &painter, rect, diagram, other, other_cert, &role));
            x = rect.right() + 10.0;
        }
        if depth + 1 < levels.len() {
            let (word, tone) = match link_below(chain, &levels, depth) {
                Some(ChainLink::Verified) => ("signs: signature verifies", Tone::Good),
                _ => ("named as issuer: signature does NOT verify", Tone::Bad),
            };
            arrow(&painter, rect, tone_color(ui, tone), word);
        }
        y += BOX_HEIGHT + GAP;
    }
    commands
}

/// The link from the certificate below `depth` up to it.
fn link_below<'a>(chain: &'a Chain, levels: &[(CertRef, &ChainLink)], depth: usize) -> Option<&'a ChainLink> {
    let below = levels.get(depth + 1)?.0;
    let position = chain.certificates.iter().position(|&r| r == below)?;
    chain.links.get(position)
}

fn arrow(painter: &egui::Painter, from: egui::Rect, color: egui::Color32, word: &str) {
    let x = from.left() + 40.0;
    let (top, bottom) = (from.bottom() + 2.0, from.bottom() + GAP - 2.0);
    let stroke = egui::Stroke::new(1.5, color);
    painter.line_segment([egui::pos2(x, top), egui::pos2(x, bottom)], stroke);
    painter.add(egui::Shape::convex_polygon(
        vec![egui::pos2(x - 5.0, bottom - 7.0), egui::pos2(x + 5.0, bottom - 7.0), egui::pos2(x, bottom)],
        color,
        egui::Stroke::NONE,
    ));
    painter.text(
        egui::pos2(x + 12.0, (top + bottom) / 2.0),
        egui::Align2::LEFT_CENTER,
        word,
        egui::FontId::proportional(12.0),
        color,
    );
}

fn draw_box(
    ui: &mut egui::Ui,
    painter: &egui::Painter,
    rect: egui::Rect,
    diagram: &Diagram<'_>,
    reference: CertRef,
    cert: &Certificate,
    role: &str,
) -> Option<Command> {
    let tone = tone_of(diagram.diagnosis, reference);
    let color = tone_color(ui, tone);
    let shown = reference == diagram.shown;
    let label = format!("{} ({role})", cert.display_name());
    let response = ui.interact(rect, ui.scope_id().with(("chain box", reference)), egui::Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label.clone()));
    let fill =
        if response.hovered() { ui.visuals().widgets.hovered.weak_bg_fill } else { ui.visuals().extreme_bg_color };
    painter.rect(rect, 6.0, fill, egui::Stroke::new(if shown { 3.0 } else { 1.5 }, color), egui::StrokeKind::Inside);
    let text = ui.visuals().text_color();
    let weak = ui.visuals().weak_text_color();
    let clip = painter.with_clip_rect(rect.shrink(4.0));
    // A cross-signed version beside the chain is narrow: its issuer goes on the second line.
    let cross = role.starts_with("cross-signed");
    let mut title = if cross { cert.display_name() } else { label.clone() };
    if let Some(url) = (diagram.fetched)(reference) {
        title.push_str(&format!(", fetched from {url}"));
    }
    clip.text(
        rect.left_top() + egui::vec2(10.0, 7.0),
        egui::Align2::LEFT_TOP,
        title,
        egui::FontId::proportional(14.0),
        text,
    );
    let key = &cert.public_key;
    let key = match (key.bits, &key.curve) {
        (_, Some(curve)) => format!("{} {curve}", key.algorithm),
        (Some(bits), None) => format!("{} {bits}", key.algorithm),
        _ => key.algorithm.clone(),
    };
    let second = if cross { role.to_string() } else { format!("{key} · {}", cert.signature_algorithm) };
    clip.text(
        rect.left_top() + egui::vec2(10.0, 27.0),
        egui::Align2::LEFT_TOP,
        second,
        egui::FontId::proportional(12.0),
        weak,
    );
    validity_bar(ui, &clip, rect, cert, diagram.now);
    response
        .on_hover_text("Select this certificate")
        .clicked()
        .then_some(Command::Select(Selection::Certificate(reference)))
}

/// notBefore to notAfter as a bar, today marked; red once expired, amber in its last 30 days.
fn validity_bar(ui: &egui::Ui, painter: &egui::Painter, rect: egui::Rect, cert: &Certificate, now: OffsetDateTime) {
    let bar =
        egui::Rect::from_min_size(rect.left_top() + egui::vec2(10.0, 48.0), egui::vec2(rect.width() - 150.0, 6.0));
    let whole = (cert.not_after - cert.not_before).whole_seconds().max(1) as f32;
    let elapsed = ((now - cert.not_before).whole_seconds() as f32 / whole).clamp(0.0, 1.0);
    let left = (cert.not_after - now).whole_days();
    let tone = if now > cert.not_after || now < cert.not_before {
        Tone::Bad
    } else if left <= 30 {
        Tone::Warn
    } else {
        Tone::Good
    };
    let color = tone_color(ui, tone);
    painter.rect_filled(bar, 3.0, ui.visuals().widgets.inactive.bg_fill);
    painter.rect_filled(
        egui::Rect::from_min_size(bar.min, egui::vec2(bar.width() * elapsed, bar.height())),
        3.0,
        color,
    );
    let words = if now > cert.not_after {
        format!("expired {}", cert.not_after.date())
    } else if now < cert.not_before {
        format!("valid from {}", cert.not_before.date())
    } else {
        format!("{left} days left")
    };
    painter.text(
        egui::pos2(bar.right() + 10.0, bar.center().y),
        egui::Align2::LEFT_CENTER,
        words,
        egui::FontId::proportional(12.0),
        color,
    );
}
