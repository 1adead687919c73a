//! The first screen: every way in (open, paste, drop, sample, a typed path, recent files).

use std::path::PathBuf;

use certscope::net::tls::StartTls;
use certscope::settings::{HostRoots, HostSettings};

use crate::app::{Command, SHORTCUT_OPEN};

/// The welcome screen's text fields.
pub struct Fields<'a> {
    /// A path to open.
    pub path: &'a mut String,
    /// A host to fetch.
    pub host: &'a mut String,
    /// A host is being fetched.
    pub busy: bool,
    /// How hosts are fetched and judged.
    pub options: &'a mut HostSettings,
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
            commands.extend(host_field(ui, fields.host, fields.busy, fields.options));
        });
        let summary = options_summary(fields.options);
        if !summary.is_empty() {
            ui.label(format!("Host options: {summary}"));
        }
        ui.weak("A server's certificate chain, as it sends it: www.example.com, host:port, https://host/, smtp://mail.host (STARTTLS)");
        ui.add_space(8.0);
        ui.weak("PEM and DER certificates and bundles, PKCS#7 (.p7b), PKCS#12 (.p12, .pfx), CSRs, CRLs, private keys (shown as type and size only)");
        ui.weak("A folder opens as an inventory of every certificate in it. F1: help and the shortcuts.");
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
    let entered = (response.has_focus() || response.lost_focus()) && ui.input(|i| i.key_pressed(egui::Key::Enter));
    if (ui.button("Open").clicked() || entered) && !path.trim().is_empty() {
        let paths = vec![PathBuf::from(path.trim())];
        path.clear();
        return vec![Command::OpenPaths(paths)];
    }
    Vec::new()
}

/// The host field: Enter or Fetch gets the server's chain; Cancel while it runs. Beside it, the
/// Host options: STARTTLS, the SNI name and whose roots judge the chain.
pub fn host_field(ui: &mut egui::Ui, host: &mut String, busy: bool, options: &mut HostSettings) -> Vec<Command> {
    let label = ui.label("Host:");
    let width = (ui.available_width() - 140.0).clamp(120.0, 320.0);
    let response = ui
        .add(egui::TextEdit::singleline(host).hint_text("www.example.com or host:port").desired_width(width))
        .labelled_by(label.id);
    let mut commands = Vec::new();
    if busy {
        ui.spinner();
        if ui.button("Cancel").clicked() {
            commands.push(Command::CancelHost);
        }
    } else {
        let entered = (response.has_focus() || response.lost_focus()) && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if (ui.button("Fetch").clicked() || entered) && !host.trim().is_empty() {
            commands.push(Command::FetchHost(host.trim().to_string()));
        }
    }
    let summary = options_summary(options);
    let title = if summary.is_empty() { "Host options".to_string() } else { "Host options *".to_string() };
    // A form, not a menu: it stays open while its fields are filled in, until a click outside.
    let config =
        egui::containers::menu::MenuConfig::new().close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
    let (response, _) = egui::containers::menu::MenuButton::new(title)
        .config(config)
        .ui(ui, |ui| commands.extend(host_options(ui, options)));
    response.on_hover_text(if summary.is_empty() {
        "TLS from the start, the host's own name in SNI, Mozilla's roots".into()
    } else {
        summary
    });
    commands
}

/// What the Host options change from the defaults, in a line ("" when nothing).
pub fn options_summary(options: &HostSettings) -> String {
    let mut parts = Vec::new();
    if let Some(protocol) = options.starttls {
        parts.push(format!("{} STARTTLS", protocol.name()));
    }
    if !options.sni.trim().is_empty() {
        parts.push(format!("SNI '{}'", options.sni.trim()));
    }
    match options.roots {
        HostRoots::Mozilla => {}
        HostRoots::System => parts.push("the system's roots".into()),
        HostRoots::CaFile => parts.push(format!("roots from {}", options.ca_file.trim())),
    }
    if !options.client_cert.trim().is_empty() {
        parts.push(format!("client certificate {}", options.client_cert.trim()));
    }
    parts.join(", ")
}

fn host_options(ui: &mut egui::Ui, options: &mut HostSettings) -> Vec<Command> {
    let mut changed = false;
    ui.horizontal(|ui| {
        let label = ui.strong("Protocol");
        let words = |choice: Option<StartTls>| match choice {
            None => "TLS from the start".to_string(),
            Some(protocol) => format!("{} STARTTLS (port {})", protocol.name(), protocol.default_port()),
        };
        egui::ComboBox::from_id_salt("starttls")
            .selected_text(words(options.starttls))
            .show_ui(ui, |ui| {
                changed |= ui.selectable_value(&mut options.starttls, None, words(None)).changed();
                for protocol in StartTls::ALL {
                    changed |=
                        ui.selectable_value(&mut options.starttls, Some(protocol), words(Some(protocol))).changed();
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("Plain text first, then STARTTLS: the port is the protocol's unless the host gives one");
    });
    ui.weak("smtp://, imap://, ldap://, xmpp://, ftp://, postgres://, mysql:// in the Host field choose it too.");
    ui.separator();
    ui.horizontal(|ui| {
        let label = ui.label("SNI name");
        let field = egui::TextEdit::singleline(&mut options.sni).hint_text("the host's own name").desired_width(220.0);
        changed |= ui.add(field).labelled_by(label.id).on_hover_text(
            "Send this name in the TLS handshake instead of the host's (a server behind a load balancer or a proxy)",
        ).changed();
    });
    ui.separator();
    ui.strong("Judge against");
    changed |= ui.radio_value(&mut options.roots, HostRoots::Mozilla, "Mozilla's roots (as browsers trust)").changed();
    changed |= ui.radio_value(&mut options.roots, HostRoots::System, "The system's roots").changed();
    changed |= ui.radio_value(&mut options.roots, HostRoots::CaFile, "Roots from a file (a private PKI)").changed();
    let mut commands = Vec::new();
    ui.add_enabled_ui(options.roots == HostRoots::CaFile, |ui| {
        ui.horizontal(|ui| {
            let label = ui.label("CA file");
            let field =
                egui::TextEdit::singleline(&mut options.ca_file).hint_text("/path/to/roots.pem").desired_width(220.0);
            changed |= ui.add(field).labelled_by(label.id).changed();
            if ui.button("Browse…").clicked() {
                commands.push(Command::ChooseCaFile);
            }
        });
    });
    ui.separator();
    ui.strong("Client certificate");
    ui.weak("Presented when the server asks for one; the report says whether it was accepted.");
    egui::Grid::new("client certificate").num_columns(2).show(ui, |ui| {
        let label = ui.label("Certificate");
        let field = egui::TextEdit::singleline(&mut options.client_cert)
            .hint_text("/path/to/client.p12 or client.pem")
            .desired_width(220.0);
        changed |= ui
            .add(field)
            .labelled_by(label.id)
            .on_hover_text("A PKCS#12 file, or a certificate file with its key")
            .changed();
        ui.end_row();
        let label = ui.label("Key");
        let field = egui::TextEdit::singleline(&mut options.client_key)
            .hint_text("its key (not for PKCS#12)")
            .desired_width(220.0);
        changed |= ui.add(field).labelled_by(label.id).changed();
        ui.end_row();
        let label = ui.label("Password");
        let field = egui::TextEdit::singleline(&mut options.client_password)
            .password(true)
            .hint_text("the PKCS#12 file's (not saved)")
            .desired_width(220.0);
        ui.add(field).labelled_by(label.id);
        ui.end_row();
    });
    if changed {
        commands.push(Command::SaveSettings);
    }
    commands
}
