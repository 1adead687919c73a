//! The toolbar (open, paste, host, check, copy the report) and the status bar.

use super::welcome;
use crate::app::{App, Command, SHORTCUT_OPEN};

impl App {
    pub(crate) fn toolbar(&mut self, ui: &mut egui::Ui) -> Vec<Command> {
        let mut commands = Vec::new();
        // Wraps on a narrow window rather than hiding the last buttons.
        ui.horizontal_wrapped(|ui| {
            let open = egui::Button::new("Open files…").shortcut_text(ui.ctx().format_shortcut(&SHORTCUT_OPEN));
            if ui.add(open).clicked() {
                commands.push(Command::OpenDialog);
            }
            if ui.add(egui::Button::new("Paste PEM").shortcut_text("Ctrl+V")).clicked() {
                commands.push(Command::Paste);
            }
            if ui.button("Open sample chain").clicked() {
                commands.push(Command::OpenSample);
            }
            if !self.settings.recent_files.is_empty() || !self.settings.recent_hosts.is_empty() {
                ui.menu_button("Recent", |ui| {
                    for path in &self.settings.recent_files {
                        if ui.button(path.display().to_string()).clicked() {
                            commands.push(Command::OpenPaths(vec![path.clone()]));
                            ui.close();
                        }
                    }
                    if !self.settings.recent_hosts.is_empty() {
                        ui.separator();
                        ui.weak("Hosts");
                    }
                    for host in &self.settings.recent_hosts {
                        if ui.button(host).clicked() {
                            commands.push(Command::FetchHost(host.clone()));
                            ui.close();
                        }
                    }
                });
            }
            let check_all = ui
                .add_enabled(!self.checkable.is_empty(), egui::Button::new("Check revocation (all)"))
                .on_hover_text(
                    "Ask the OCSP responders and download the CRLs of every certificate whose issuer is loaded",
                )
                .on_disabled_hover_text(
                    "No certificate has its issuer loaded: revocation answers need the issuer's key",
                );
            if check_all.clicked() {
                commands.push(Command::CheckAllRevocation);
            }
            if ui.button("Copy report").on_hover_text("The text report of everything loaded, for a ticket").clicked() {
                commands.push(Command::CopyReport);
            }
            if ui.add(egui::Button::selectable(self.settings_open, "Settings")).clicked() {
                commands.push(Command::ToggleSettings);
            }
            ui.separator();
            let inventory = self.showing_inventory();
            if ui
                .selectable_label(!inventory, "Details")
                .on_hover_text("The verdict, the chains and every field of the selection")
                .clicked()
            {
                commands.push(Command::ShowInventory(false));
            }
            if ui
                .selectable_label(inventory, format!("Inventory ({})", self.inventory.len()))
                .on_hover_text("Every distinct certificate as a table: sort, search, filter, export CSV")
                .clicked()
            {
                commands.push(Command::ShowInventory(true));
            }
            let explain = egui::Button::selectable(self.settings.explain, "Explain").shortcut_text("F2");
            if ui
                .add(explain)
                .on_hover_text("What each field, extension, check and finding means, with its RFC")
                .clicked()
            {
                commands.push(Command::ToggleExplain);
            }
            ui.separator();
            if ui.button("Clear all").on_hover_text("Close everything loaded").clicked() {
                commands.push(Command::Clear);
            }
            if ui
                .add(egui::Button::new("Help").shortcut_text("F1"))
                .on_hover_text("What certscope does, the shortcuts")
                .clicked()
            {
                commands.push(Command::ToggleHelp);
            }
        });
        // The fields get a row of their own: beside the buttons they would run off a narrow window.
        ui.horizontal(|ui| {
            commands.extend(welcome::host_field(
                ui,
                &mut self.host_field,
                self.host_job.is_some(),
                &mut self.settings.host,
            ));
            ui.separator();
            commands.extend(welcome::path_field(ui, &mut self.path_field));
        });
        commands
    }

    pub(crate) fn status_bar(&self, ui: &mut egui::Ui) -> Option<Command> {
        let mut command = None;
        ui.horizontal(|ui| {
            // Openings first: a folder's progress is what someone waits for.
            let busy: Vec<(String, std::time::Duration)> = self
                .opening
                .iter()
                .map(|opening| (opening.words(), opening.job.elapsed()))
                .chain(self.loading.iter().map(|pending| (pending.job.label().to_string(), pending.job.elapsed())))
                .chain(self.chain_job.as_ref().map(|job| (job.label().to_string(), job.elapsed())))
                .chain(self.dialog.as_ref().map(|job| ("Waiting for the file dialog".to_string(), job.elapsed())))
                .chain(self.report_job.as_ref().map(|job| (job.label().to_string(), job.elapsed())))
                .chain(self.asn1_job.as_ref().map(|job| (job.label().to_string(), job.elapsed())))
                .chain(self.checks.iter().map(|check| (check.job.label().to_string(), check.job.elapsed())))
                .chain(self.host_job.as_ref().map(|job| (job.label().to_string(), job.elapsed())))
                .collect();
            if let Some((first, elapsed)) = busy.first() {
                // A big folder can take minutes: stopping keeps what has loaded. First in the
                // bar, so it stays put while the counts beside it grow.
                if !self.opening.is_empty()
                    && ui.button("Stop").on_hover_text("Stop opening: what has loaded stays").clicked()
                {
                    command = Some(Command::StopOpening);
                }
                ui.spinner();
                let more = if busy.len() > 1 { format!(" (and {} more)", busy.len() - 1) } else { String::new() };
                let seconds = elapsed.as_secs();
                let time = if seconds >= 1 { format!(", {seconds} s") } else { String::new() };
                ui.label(format!("{first}{more}{time}"));
            } else if self.inputs.is_empty() {
                ui.weak("Nothing loaded yet");
            } else {
                let broken = self.chains.iter().filter(|c| !c.complete).count();
                ui.label(format!(
                    "{} input(s), {}, {} chain(s){}",
                    self.inputs.len(),
                    self.inventory.summary(),
                    self.chains.len(),
                    if broken > 0 { format!(", {broken} incomplete") } else { String::new() }
                ));
            }
            if let Some(status) = &self.status {
                ui.separator();
                ui.label(status);
            }
        });
        command
    }
}

/// While files hover over the window, say what dropping them does.
pub(crate) fn hover_overlay(ui: &mut egui::Ui) {
    let hovering = ui.ctx().input(|i| !i.raw.hovered_files.is_empty());
    if hovering {
        let screen = ui.ctx().content_rect();
        let painter = ui.ctx().layer_painter(egui::LayerId::new(egui::Order::Foreground, egui::Id::unique("drop")));
        painter.rect_filled(screen, 0.0, egui::Color32::from_black_alpha(180));
        painter.text(
            screen.center(),
            egui::Align2::CENTER_CENTER,
            "Drop to open the files",
            egui::FontId::proportional(28.0),
            egui::Color32::WHITE,
        );
    }
}
