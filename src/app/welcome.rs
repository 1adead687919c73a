//! The first screen: every way in (open, paste, drop, sample, a typed path, recent files).

use std::path::PathBuf;

use super::{Command, SHORTCUT_OPEN};

/// The welcome screen's text fields.
pub struct Fields<'a> {
    /// A path to open.
    pub path: &'a mut String,
    /// A host to fetch.
    pub host: &'a mut String,
    /// A host is being fetched.
    pub busy: bool,
}

/// Draws the welcome screen.
pub fn ui(ui: &mut egui::Ui, fields: Fields<'_>, recent: &[PathBuf], recent_hosts: &[String]) -> Vec<Command> {
    let path = fields.path;
    let mut commands = Vec::new();
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.12);
        ui.heading(egui::RichText::new("certscope").size(34.0).strong());
        ui.label("See what a certificate file holds: every field, the chain, and what is wrong with it.");
        ui.add_space(18.0);
        ui.label(egui::RichText::new("Drop certificate files anywhere in this window, or:").size(15.0));
        ui.add_space(8.0);
        let big = |text: &str| egui::Button::new(egui::RichText::new(text).size(16.0)).min_size(egui::vec2(220.0, 36.0));
        let open = big("Open files…").shortcut_text(ui.ctx().format_shortcut(&SHORTCUT_OPEN));
        if ui.add(open).clicked() {
            commands.push(Command::OpenDialog);
        }
        if ui.add(big("Paste PEM").shortcut_text("Ctrl+V")).clicked() {
            commands.push(Command::Paste);
        }
        if ui.add(big("Open sample chain")).on_hover_text("A server certificate, its issuing CA and root, bundled with certscope").clicked() {
            commands.push(Command::OpenSample);
        }
        ui.add_space(12.0);
        ui.horizontal(|ui| {
            let width = 560.0_f32.min(ui.available_width());
            ui.add_space(((ui.available_width() - width) / 2.0).max(0.0));
            commands.extend(path_field(ui, path));
        });
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let width = 560.0_f32.min(ui.available_width());
            ui.add_space(((ui.available_width() - width) / 2.0).max(0.0));
            commands.extend(host_field(ui, fields.host, fields.busy));
        });
        ui.weak("A server's certificate chain, as it sends it: www.example.com, host:port, https://host/, smtp://mail.host (STARTTLS)");
        ui.add_space(8.0);
        ui.weak("PEM and DER certificates and bundles, PKCS#7 (.p7b), PKCS#12 (.p12, .pfx), CSRs, CRLs, private keys (shown as type and size only)");
        if !recent_hosts.is_empty() {
            ui.add_space(18.0);
            ui.strong("Recent hosts");
            for host in recent_hosts {
                if ui.link(host).clicked() {
                    commands.push(Command::FetchHost(host.clone()));
                }
            }
        }
        if !recent.is_empty() {
            ui.add_space(18.0);
            ui.strong("Recent files");
            for path in recent {
                if ui.link(path.display().to_string()).clicked() {
                    commands.push(Command::OpenPaths(vec![path.clone()]));
                }
            }
        }
    });
    commands
}

/// A typed path and an Open button: works where no file dialog does.
pub fn path_field(ui: &mut egui::Ui, path: &mut String) -> Vec<Command> {
    let label = ui.label("Path:");
    // As wide as there is room for, beside its button (the toolbar is narrower than the welcome screen).
    let width = (ui.available_width() - 60.0).clamp(120.0, 320.0);
    let response = ui
        .add(egui::TextEdit::singleline(path).hint_text("/path/to/certificate.pem").desired_width(width))
        .labelled_by(label.id);
    let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if (ui.button("Open").clicked() || entered) && !path.trim().is_empty() {
        let paths = vec![PathBuf::from(path.trim())];
        path.clear();
        return vec![Command::OpenPaths(paths)];
    }
    Vec::new()
}

/// The host field: Enter or Fetch gets the server's chain; Cancel while it runs.
pub fn host_field(ui: &mut egui::Ui, host: &mut String, busy: bool) -> Vec<Command> {
    let label = ui.label("Host:");
    let width = (ui.available_width() - 60.0).clamp(120.0, 320.0);
    let response = ui
        .add(egui::TextEdit::singleline(host).hint_text("www.example.com or host:port").desired_width(width))
        .labelled_by(label.id);
    if busy {
        ui.spinner();
        if ui.button("Cancel").clicked() {
            return vec![Command::CancelHost];
        }
        return Vec::new();
    }
    let entered = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if (ui.button("Fetch").clicked() || entered) && !host.trim().is_empty() {
        return vec![Command::FetchHost(host.trim().to_string())];
    }
    Vec::new()
}
