//! Words for learners, from the library's table (`certscope::explain`): a short hover tip on
//! every field, extension, attribute and check name, and the Explain panel, which shows the
//! whole entry of the last one clicked (or the finding clicked) and stays open.
//!
//! What is explained is view state, like a hover: it lives in egui's memory, set by a click on
//! a name anywhere in the details and read by the panel.

use certscope::explain::{Entry, Kind, find};

/// What the panel explains.
#[derive(Clone, Debug, PartialEq)]
pub enum Focus {
    /// An entry of the table.
    Entry(&'static Entry),
    /// A finding: its message, why, fix and rule.
    Finding { code: String, message: String, why: String, fix: String, citation: String },
}

fn focus_id() -> egui::Id {
    egui::Id::unique("certscope explain focus")
}

/// What the panel explains now.
pub fn focus(ctx: &egui::Context) -> Option<Focus> {
    ctx.data(|d| d.get_temp::<Focus>(focus_id()))
}

/// Explain this from now on.
pub fn set_focus(ctx: &egui::Context, focus: Focus) {
    ctx.data_mut(|d| d.insert_temp(focus_id(), focus));
}

/// A name that explains itself: its entry's short line on hover, the whole entry in the panel
/// on click. Without an entry, a plain strong label.
pub fn name(ui: &mut egui::Ui, text: &str, entry: Option<&'static Entry>) -> egui::Response {
    let label = egui::Label::new(egui::RichText::new(text).strong());
    let Some(entry) = entry else { return ui.add(label) };
    let response =
        ui.add(label.sense(egui::Sense::click())).on_hover_text(format!("{}\n(click: explain)", entry.short));
    let response = response.on_hover_cursor(egui::CursorIcon::Help);
    if response.clicked() {
        set_focus(ui.ctx(), Focus::Entry(entry));
    }
    response
}

/// The entry for a label the details show (a field, a TLS, OCSP or CRL field, a check).
pub fn for_label(label: &str) -> Option<&'static Entry> {
    certscope::explain::by_label(label)
}

/// The entry for an extension.
pub fn for_extension(oid: &str) -> Option<&'static Entry> {
    find(Kind::Extension, oid)
}

/// The entry for a name attribute.
pub fn for_attribute(oid: &str) -> Option<&'static Entry> {
    find(Kind::NameAttribute, oid)
}

/// The Explain panel's contents.
pub fn ui(ui: &mut egui::Ui) {
    ui.heading("Explain");
    ui.separator();
    egui::ScrollArea::vertical().id_salt("explain").show(ui, |ui| match focus(ui.ctx()) {
        None => {
            ui.label("Click the name of a field, an extension, an attribute, a check or a finding to see what it means and where it is defined.");
            ui.add_space(8.0);
            ui.weak(format!("{} explanations, each with the RFC or rulebook section it comes from.", certscope::explain::ENTRIES.len()));
        }
        Some(Focus::Entry(entry)) => {
            ui.label(egui::RichText::new(entry.title).strong().size(16.0));
            ui.weak(entry.kind.word());
            if matches!(entry.kind, Kind::Extension | Kind::ExtendedKeyUsage | Kind::NameAttribute | Kind::Algorithm) {
                ui.weak(format!("OID {}", entry.key));
            }
            ui.add_space(6.0);
            ui.label(entry.long);
            ui.add_space(6.0);
            ui.label(format!("Source: {}", entry.source));
        }
        Some(Focus::Finding { code, message, why, fix, citation }) => {
            ui.label(egui::RichText::new(&code).strong().monospace());
            ui.add_space(4.0);
            ui.label(message);
            ui.add_space(6.0);
            ui.label(egui::RichText::new("Why it matters").strong());
            ui.label(why);
            ui.add_space(6.0);
            ui.label(egui::RichText::new("How to fix it").strong());
            ui.label(fix);
            if !citation.is_empty() {
                ui.add_space(6.0);
                ui.label(format!("Source: {citation}"));
            }
        }
    });
}
