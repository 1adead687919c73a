//! The left panel: each input with what it holds, then each chain root to leaf. Rows are
//! built once when something lands and drawn virtualized, so ten thousand stay smooth.

use certscope::chain::{CertRef, Chain, ChainLink};
use certscope::diagnose::{Diagnosis, Severity};
use certscope::load::Input;
use time::OffsetDateTime;

use crate::app::Command;

/// What can be shown on the right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Selection {
    /// An input as a whole: its summary, errors, password prompt.
    Input(usize),
    /// A certificate.
    Certificate(CertRef),
    /// A CSR: input and index.
    Request(usize, usize),
    /// A CRL: input and index.
    RevocationList(usize, usize),
}

/// How a row's mark reads: the word says it, the colour repeats it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Good,
    Warn,
    Bad,
    Plain,
}

/// One line of the tree.
pub struct Row {
    depth: u8,
    heading: bool,
    /// Chain headers lead to the leaf but are not the leaf: they never show as selected.
    highlight: bool,
    text: String,
    mark: Option<(Tone, String)>,
    target: Option<Selection>,
}

fn row(depth: u8, text: impl Into<String>, mark: Option<(Tone, String)>, target: Option<Selection>) -> Row {
    Row { depth, heading: false, highlight: true, text: text.into(), mark, target }
}

/// Builds the rows for the loaded inputs and their chains.
/// `inputs` pairs each input with whether it is still loading.
pub fn rows(
    inputs: &[(&Input, bool)],
    chains: &[Chain],
    diagnosis: Option<&Diagnosis>,
    now: OffsetDateTime,
) -> Vec<Row> {
    // The mark is the diagnosis's worst finding in words: never "valid" beside "revoked".
    let certificate_mark = |reference: CertRef| {
        let certificate = inputs.get(reference.input)?.0.certificates.get(reference.index)?;
        let mark = match diagnosis {
            None => (Tone::Plain, "judging…".to_string()),
            Some(diagnosis) => match diagnosis.worst(reference) {
                Some(finding) => {
                    let tone = super::verdict::finding_tone(finding, diagnosis.strict);
                    let more = diagnosis.about(reference).filter(|f| f.severity <= Severity::Warning).count();
                    let label = if finding.label.is_empty() { &finding.code } else { &finding.label };
                    let label = if more > 1 { format!("{label} (+{})", more - 1) } else { label.to_string() };
                    (tone, label)
                }
                None => {
                    let fine =
                        diagnosis.about(reference).find(|f| f.code == "trust.trusted").map(|f| f.label.to_string());
                    (
                        Tone::Good,
                        fine.unwrap_or_else(|| if certificate.self_signed { "root".into() } else { "ok".into() }),
                    )
                }
            },
        };
        Some((certificate.display_name(), mark))
    };

    let mut rows =
        vec![Row { depth: 0, heading: true, highlight: false, text: "Files".into(), mark: None, target: None }];
    for (number, &(input, pending)) in inputs.iter().enumerate() {
        let name = input.source.rsplit('/').next().unwrap_or(&input.source).to_string();
        let mark = match &input.error {
            _ if pending => (Tone::Plain, "loading…".to_string()),
            Some(error) if error.wants_password() => (Tone::Warn, "password needed".to_string()),
            Some(_) => (Tone::Bad, "error".to_string()),
            None => (Tone::Plain, input.format.unwrap_or("").to_string()),
        };
        rows.push(row(0, name, Some(mark), Some(Selection::Input(number))));
        for index in 0..input.certificates.len() {
            let reference = CertRef { input: number, index };
            if let Some((name, mark)) = certificate_mark(reference) {
                rows.push(row(1, name, Some(mark), Some(Selection::Certificate(reference))));
            }
        }
        for (index, request) in input.requests.iter().enumerate() {
            let mark = if request.signature_valid { (Tone::Good, "CSR") } else { (Tone::Bad, "CSR, bad signature") };
            let target = Some(Selection::Request(number, index));
            rows.push(row(1, request.subject.display_name(), Some((mark.0, mark.1.into())), target));
        }
        for (index, list) in input.revocation_lists.iter().enumerate() {
            let mark = if list.is_stale_at(now) { (Tone::Warn, "CRL, stale") } else { (Tone::Good, "CRL") };
            let target = Some(Selection::RevocationList(number, index));
            rows.push(row(1, list.issuer.display_name(), Some((mark.0, mark.1.into())), target));
        }
        for key in &input.keys {
            let mark = match key.matches_certificate {
                Some(_) => (Tone::Good, "matches a certificate".to_string()),
                None if key.summary.encrypted => (Tone::Plain, "encrypted".to_string()),
                None => (Tone::Plain, "no matching certificate".to_string()),
            };
            rows.push(row(
                1,
                format!("Private key: {}", key.summary.summary()),
                Some(mark),
                Some(Selection::Input(number)),
            ));
        }
        for problem in &input.problems {
            rows.push(row(1, problem.clone(), Some((Tone::Bad, "not loaded".into())), Some(Selection::Input(number))));
        }
    }

    if !chains.is_empty() {
        rows.push(Row { depth: 0, heading: true, highlight: false, text: "Chains".into(), mark: None, target: None });
    }
    // Each leaf's verdict, found once: a bundle has thousands of chains.
    let verdicts: std::collections::HashMap<CertRef, &certscope::diagnose::ChainVerdict> =
        diagnosis.iter().flat_map(|d| d.chains.iter().rev().map(|c| (c.leaf, c))).collect();
    for (number, chain) in chains.iter().enumerate() {
        // The chain's verdict, as the diagnosis judged it; the grouping's words until it lands.
        let judged = chain.certificates.first().and_then(|leaf| verdicts.get(leaf).copied());
        let mark = match judged.map(|c| c.verdict.status) {
            Some(certscope::diagnose::Status::Ok) => (Tone::Good, "ok".to_string()),
            Some(certscope::diagnose::Status::Warning) => (Tone::Warn, "warning".to_string()),
            Some(certscope::diagnose::Status::Error) => (Tone::Bad, "error".to_string()),
            None if chain.complete => (Tone::Plain, "complete".to_string()),
            None => (Tone::Plain, "incomplete".to_string()),
        };
        let leaf = chain.certificates.first().map(|r| Selection::Certificate(*r));
        rows.push(Row { highlight: false, ..row(0, format!("Chain {}", number + 1), Some(mark), leaf) });
        let mut depth = 1;
        if let Some(ChainLink::MissingIssuer(_)) = chain.links.last() {
            let missing = row(1, "(issuer not loaded)", Some((Tone::Bad, "missing".into())), leaf);
            rows.push(Row { highlight: false, ..missing });
            depth = 2;
        }
        for reference in chain.certificates.iter().rev() {
            if let Some((name, mark)) = certificate_mark(*reference) {
                rows.push(row(depth, name, Some(mark), Some(Selection::Certificate(*reference))));
                depth = depth.saturating_add(1).min(12);
            }
        }
    }
    rows
}

/// Colour for a tone, from the theme.
pub fn tone_color(ui: &egui::Ui, tone: Tone) -> egui::Color32 {
    match tone {
        Tone::Good => {
            if ui.visuals().dark_mode {
                egui::Color32::from_rgb(110, 200, 120)
            } else {
                egui::Color32::from_rgb(20, 120, 40)
            }
        }
        Tone::Warn => ui.visuals().warn_fg_color,
        Tone::Bad => ui.visuals().error_fg_color,
        Tone::Plain => ui.visuals().weak_text_color(),
    }
}

/// The tree's own view state: which rows were on screen, so keyboard moves scroll only when needed.
#[derive(Default)]
pub struct TreeView {
    visible: std::ops::Range<usize>,
}

/// Draws the rows; returns the selection clicked or moved to, if any.
pub fn ui(ui: &mut egui::Ui, view: &mut TreeView, rows: &[Row], selected: Option<&Selection>) -> Option<Command> {
    let mut command = None;
    let row_height = ui.text_style_height(&egui::TextStyle::Body).max(ui.spacing().interact_size.y);
    let mut scroll = egui::ScrollArea::vertical().auto_shrink([false, false]);
    // Up and Down walk the selectable rows (unless a text field has the keyboard), and the list follows.
    if let Some(next) = keyboard_step(ui, rows, selected) {
        // The first and last visible rows may be cut off: keep the selection a row inside.
        let inside = view.visible.start + 1..view.visible.end.saturating_sub(1);
        if !inside.contains(&next) {
            let row_pitch = row_height + ui.spacing().item_spacing.y;
            let offset = next as f32 * row_pitch - ui.available_height() / 2.0;
            scroll = scroll.vertical_scroll_offset(offset.max(0.0));
        }
        command = rows[next].target.map(Command::Select);
    }
    scroll.show_rows(ui, row_height, rows.len(), |ui, range| {
        view.visible = range.clone();
        for row in &rows[range] {
            ui.horizontal(|ui| {
                ui.set_height(row_height);
                ui.add_space(f32::from(row.depth) * 14.0);
                if row.heading {
                    ui.strong(&row.text);
                    return;
                }
                let is_selected = row.highlight && row.target.is_some() && row.target.as_ref() == selected;
                let response = ui.selectable_label(is_selected, &row.text);
                if response.clicked()
                    && let Some(target) = row.target
                {
                    command = Some(Command::Select(target));
                }
                if let Some((tone, word)) = &row.mark
                    && !word.is_empty()
                {
                    ui.label(egui::RichText::new(format!("[{word}]")).small().color(tone_color(ui, *tone)));
                }
            });
        }
    });
    command
}

/// The row Up or Down moves to, if one of them was pressed.
fn keyboard_step(ui: &egui::Ui, rows: &[Row], selected: Option<&Selection>) -> Option<usize> {
    if ui.ctx().egui_wants_keyboard_input() {
        return None;
    }
    let (down, up) = ui.input(|i| (i.key_pressed(egui::Key::ArrowDown), i.key_pressed(egui::Key::ArrowUp)));
    if !down && !up {
        return None;
    }
    let selectable = |row: &Row| row.highlight && row.target.is_some();
    let current = rows.iter().position(|row| selectable(row) && row.target.as_ref() == selected);
    let candidates: Box<dyn Iterator<Item = usize>> = match (current, down) {
        (Some(at), true) => Box::new(at + 1..rows.len()),
        (Some(at), false) => Box::new((0..at).rev()),
        (None, _) => Box::new(0..rows.len()),
    };
    candidates.into_iter().find(|&i| selectable(&rows[i]))
}
