//! Two certificates side by side (a renewal against the old one): every field and extension,
//! the rows that differ marked and coloured.

use certscope::chain::CertRef;
use certscope::compare;

use super::tree::{Selection, Tone, tone_color};
use crate::app::{Command, Loaded};

/// Draws the comparison of `a` with `b`.
pub fn ui(ui: &mut egui::Ui, inputs: &[Loaded], a: CertRef, b: CertRef) -> Vec<Command> {
    let mut commands = Vec::new();
    let get = |r: CertRef| inputs.get(r.input).and_then(|l| l.input.certificates.get(r.index));
    let (Some(left), Some(right)) = (get(a), get(b)) else {
        ui.label("One of the two certificates is no longer loaded.");
        return commands;
    };
    let rows = compare::rows(left, right);
    let differing = rows.iter().filter(|r| r.differs).count();
    ui.horizontal(|ui| {
        ui.heading(format!("{} against {}", left.display_name(), right.display_name()));
    });
    ui.horizontal(|ui| {
        ui.label(format!("{differing} of {} fields differ", rows.len()));
        if ui.button("Swap").clicked() {
            commands.push(Command::Compare(b, a));
        }
        if ui.button("Back to the details").clicked() {
            commands.push(Command::ShowInventory(false));
            commands.push(Command::Select(Selection::Certificate(a)));
        }
    });
    ui.separator();
    let changed = tone_color(ui, Tone::Warn);
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        // Field names, two values, the mark: the values share what is left, left-aligned.
        let column = ((ui.available_width() - 300.0) / 2.0).max(180.0);
        egui::Grid::new("compare").num_columns(4).striped(true).spacing([12.0, 6.0]).show(ui, |ui| {
            ui.strong("Field");
            ui.strong(left.display_name());
            ui.strong(right.display_name());
            ui.strong("");
            ui.end_row();
            for row in &rows {
                let text = |value: &str| {
                    let shown = if value.is_empty() { "(absent)" } else { value };
                    let rich = egui::RichText::new(shown);
                    if row.differs { rich.color(changed) } else { rich }
                };
                super::explain::name(ui, &row.field, super::explain::for_label(&row.field));
                for value in [&row.left, &row.right] {
                    ui.vertical(|ui| {
                        ui.set_width(column);
                        ui.add(egui::Label::new(text(value)).wrap());
                    });
                }
                if row.differs {
                    ui.colored_label(changed, "differs");
                } else {
                    ui.weak("same");
                }
                ui.end_row();
            }
        });
    });
    commands
}

/// The "Compare with" choice in a certificate's details: every other certificate loaded.
pub fn chooser(ui: &mut egui::Ui, inputs: &[Loaded], this: CertRef) -> Option<Command> {
    let mut chosen = None;
    let others: Vec<(CertRef, String)> = inputs
        .iter()
        .enumerate()
        .flat_map(|(input, loaded)| {
            loaded.input.certificates.iter().enumerate().map(move |(index, c)| {
                (CertRef { input, index }, format!("{} (until {})", c.display_name(), c.not_after.date()))
            })
        })
        .filter(|(r, _)| *r != this)
        .take(500)
        .collect();
    if others.is_empty() {
        return None;
    }
    ui.horizontal(|ui| {
        let label = ui.label("Compare with:");
        egui::ComboBox::from_id_salt(("compare with", this))
            .selected_text("another certificate loaded…")
            .show_ui(ui, |ui| {
                for (other, name) in &others {
                    if ui.selectable_label(false, name).clicked() {
                        chosen = Some(Command::Compare(this, *other));
                    }
                }
            })
            .response
            .labelled_by(label.id);
    });
    chosen
}
