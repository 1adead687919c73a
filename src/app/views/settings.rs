//! The Settings window and the Help window (F1).

use certscope::settings::Settings;

use crate::app::Command;

/// The themes offered, as the settings file names them.
pub const THEMES: [(&str, &str); 3] = [("system", "Follow the system"), ("dark", "Dark"), ("light", "Light")];

/// egui's preference for a theme name.
pub fn theme(name: &str) -> egui::ThemePreference {
    match name {
        "dark" => egui::ThemePreference::Dark,
        "light" => egui::ThemePreference::Light,
        _ => egui::ThemePreference::System,
    }
}

/// The Settings window; every change is saved at once.
pub fn window(ctx: &egui::Context, open: &mut bool, settings: &mut Settings) -> Vec<Command> {
    let mut commands = Vec::new();
    let mut changed = false;
    egui::Window::new("Settings").open(open).resizable(false).collapsible(false).show(ctx, |ui| {
        ui.label(egui::RichText::new("Appearance").strong());
        ui.horizontal(|ui| {
            ui.label("Theme:");
            for (name, words) in THEMES {
                if ui.radio(settings.theme == name, words).clicked() && settings.theme != name {
                    settings.theme = name.to_string();
                    changed = true;
                }
            }
        });
        ui.separator();
        ui.label(egui::RichText::new("Files").strong());
        let mut mib = settings.max_input_bytes / (1024 * 1024);
        ui.horizontal(|ui| {
            let label = ui.label("Refuse files larger than");
            let field = egui::DragValue::new(&mut mib).range(1..=4096).suffix(" MiB");
            if ui.add(field).labelled_by(label.id).changed() {
                settings.max_input_bytes = mib * 1024 * 1024;
                changed = true;
            }
        });
        ui.separator();
        ui.label(egui::RichText::new("Trust").strong());
        changed |= ui
            .checkbox(&mut settings.strict_cabf, "Hold chains to the CA/Browser Forum's rules strictly")
            .on_hover_text(
                "Unchecked: judge as browsers do; a breach of the Baseline Requirements' issuance rules \
                 (a subject CN that is not one of the SAN names, say) is a note. Checked: it fails",
            )
            .changed();
        ui.horizontal(|ui| {
            use certscope::settings::HostRoots;
            ui.label("Judge hosts against:");
            for (roots, words) in [
                (HostRoots::Mozilla, "Mozilla's roots"),
                (HostRoots::System, "this system's roots"),
                (HostRoots::CaFile, "the roots in a file"),
            ] {
                if ui.radio(settings.host.roots == roots, words).clicked() && settings.host.roots != roots {
                    settings.host.roots = roots;
                    changed = true;
                }
            }
        });
        if settings.host.roots == certscope::settings::HostRoots::CaFile {
            ui.horizontal(|ui| {
                let label = ui.label("Roots file:");
                let field = egui::TextEdit::singleline(&mut settings.host.ca_file)
                    .hint_text("/path/to/roots.pem")
                    .desired_width(260.0);
                changed |= ui.add(field).labelled_by(label.id).changed();
                if ui.button("Browse…").clicked() {
                    commands.push(Command::ChooseCaFile);
                }
            });
        }
        ui.weak("The name sent to servers and STARTTLS: Host options, beside the Host field.");
        ui.separator();
        ui.label(egui::RichText::new("Revocation checks").strong());
        let r = &mut settings.revocation;
        changed |= ui.checkbox(&mut r.nonce, "Send a nonce in OCSP requests").changed();
        changed |=
            ui.checkbox(&mut r.cert_id_sha256, "Name certificates by SHA-256 in OCSP requests (else SHA-1)").changed();
        changed |=
            ui.checkbox(&mut r.ocsp_get, "Ask OCSP responders by GET, so answers can be cached (else POST)").changed();
        ui.horizontal(|ui| {
            let label = ui.label("Give up on a responder after");
            let field = egui::DragValue::new(&mut r.timeout_secs).range(1..=120).suffix(" s");
            changed |= ui.add(field).labelled_by(label.id).changed();
        });
        ui.horizontal(|ui| {
            let label = ui.label("Clock difference allowed");
            let field = egui::DragValue::new(&mut r.clock_skew_minutes).range(0..=120).suffix(" min");
            changed |= ui.add(field).labelled_by(label.id).changed();
        });
        ui.horizontal(|ui| {
            let label = ui.label("Ask this OCSP responder instead");
            let field =
                egui::TextEdit::singleline(&mut r.ocsp_url).hint_text("the certificates' own").desired_width(240.0);
            changed |= ui.add(field).labelled_by(label.id).changed();
        });
    });
    if changed {
        commands.push(Command::SaveSettings);
    }
    commands
}

/// The keyboard shortcuts, as Help lists them.
pub const SHORTCUTS: [(&str, &str); 12] = [
    ("Ctrl+O", "Open files"),
    ("Ctrl+V", "Paste PEM text"),
    ("Ctrl+F", "Find: the inventory's search"),
    ("Ctrl+I", "Switch between the details and the inventory"),
    ("Ctrl+Shift+C", "Copy the selected certificate's SHA-256 fingerprint"),
    ("Ctrl+R", "Check the selected certificate's revocation"),
    ("Ctrl+S", "Save the chain to serve for the selected certificate"),
    ("F8 / Shift+F8", "Next / previous certificate with a finding to fix"),
    ("Up / Down", "Walk the list on the left"),
    ("F2", "Open or close the Explain panel"),
    ("F1", "Open or close this help"),
    ("Tab", "Move between controls"),
];

/// The Help window.
pub fn help(ctx: &egui::Context, open: &mut bool, settings_path: Option<&std::path::Path>) {
    egui::Window::new("Help").open(open).default_width(520.0).show(ctx, |ui| {
        ui.label(
            "certscope inspects certificates: drop in files (PEM, DER, PKCS#7, PKCS#12, CSRs, CRLs) or a folder, \
             paste PEM text, or type a host name. It says first whether the certificate would be accepted and \
             what to fix, then draws the chain and shows every field, its bytes and what it means.",
        );
        ui.add_space(6.0);
        ui.label(
            "Revocation (OCSP and CRL) is asked only when you press Check revocation: nothing leaves this \
             machine otherwise. The same judgement is on the command line: certscope report FILE.",
        );
        ui.add_space(8.0);
        ui.label(egui::RichText::new("Shortcuts").strong());
        egui::Grid::new("shortcuts").num_columns(2).striped(true).show(ui, |ui| {
            for (keys, what) in SHORTCUTS {
                ui.monospace(keys);
                ui.label(what);
                ui.end_row();
            }
        });
        ui.add_space(8.0);
        ui.label(egui::RichText::new("Where settings live").strong());
        match settings_path {
            Some(path) => ui.label(format!("{} (recent files, hosts and every setting)", path.display())),
            None => ui.label("Nowhere: this run keeps no settings."),
        };
    });
}
