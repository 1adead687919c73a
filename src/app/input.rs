//! What the keyboard, dropped files and pasted text ask for: the shortcuts Help lists, files
//! dropped on the window, PEM pasted; and F8's walk through the certificates with findings.

use std::path::PathBuf;

use certscope::chain::CertRef;
use egui::{Key, KeyboardShortcut, Modifiers};

use super::{App, Command, MainView, SHORTCUT_OPEN, Selection};

impl App {
    pub(super) fn take_input_events(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        let (dropped, pasted, open, keyed) = ctx.input_mut(|input| {
            let dropped: Vec<PathBuf> = input.raw.dropped_files.iter().map(|f| f.path().to_path_buf()).collect();
            let pasted: Vec<String> = if typing {
                Vec::new()
            } else {
                input
                    .events
                    .iter()
                    .filter_map(|e| match e {
                        egui::Event::Paste(text) => Some(text.clone()),
                        _ => None,
                    })
                    .collect()
            };
            // The shortcuts Help lists; those with Ctrl work while typing too.
            let shortcut = |m, k| KeyboardShortcut::new(m, k);
            let mut keyed = Vec::new();
            let mut key = |input: &mut egui::InputState, m: Modifiers, k: Key, command: fn() -> Command| {
                if input.consume_shortcut(&shortcut(m, k)) {
                    keyed.push(command());
                }
            };
            key(input, Modifiers::NONE, Key::F1, || Command::ToggleHelp);
            key(input, Modifiers::NONE, Key::F2, || Command::ToggleExplain);
            key(input, Modifiers::SHIFT, Key::F8, || Command::NextFinding(false));
            key(input, Modifiers::NONE, Key::F8, || Command::NextFinding(true));
            key(input, Modifiers::COMMAND, Key::F, || Command::Find);
            key(input, Modifiers::COMMAND, Key::R, || Command::CheckSelected);
            key(input, Modifiers::COMMAND, Key::S, || Command::SaveSelectedChain);
            key(input, Modifiers::COMMAND | Modifiers::SHIFT, Key::C, || Command::CopySelectedFingerprint);
            key(input, Modifiers::COMMAND, Key::I, || Command::ShowInventory(true));
            (dropped, pasted, input.consume_shortcut(&SHORTCUT_OPEN), keyed)
        });
        self.open_paths(ctx, dropped);
        for text in pasted {
            self.status = None;
            self.open_bytes(ctx, "pasted text", text.into_bytes());
        }
        if open {
            self.run(ctx, Command::OpenDialog);
        }
        for command in keyed {
            // Ctrl+I switches: to the inventory from the details, back from it.
            let command = match command {
                Command::ShowInventory(_) => Command::ShowInventory(!self.showing_inventory()),
                other => other,
            };
            self.run(ctx, command);
        }
    }

    /// Selects the next (or previous) certificate a finding to fix is about, in the
    /// diagnosis's order (worst first), and shows its details.
    pub(super) fn next_finding(&mut self, forward: bool) {
        let Some(diagnosis) = &self.diagnosis else { return };
        let mut targets: Vec<CertRef> = Vec::new();
        for finding in &diagnosis.findings {
            if finding.weight(diagnosis.strict) <= certscope::diagnose::Severity::Warning
                && let Some(r) = finding.certificate
                && !targets.contains(&r)
            {
                targets.push(r);
            }
        }
        if targets.is_empty() {
            self.status = Some("Nothing to fix".into());
            return;
        }
        let current = match self.selected {
            Some(Selection::Certificate(r)) => targets.iter().position(|&t| t == r),
            _ => None,
        };
        let next = match (current, forward) {
            (None, true) => 0,
            (None, false) => targets.len() - 1,
            (Some(i), true) => (i + 1) % targets.len(),
            (Some(i), false) => (i + targets.len() - 1) % targets.len(),
        };
        self.selected = Some(Selection::Certificate(targets[next]));
        self.selection_automatic = false;
        self.main_view = MainView::Details;
    }
}
