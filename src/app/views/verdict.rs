//! The Verdict panel, on top of every certificate and input: a traffic light, the headline,
//! how it was judged (server name, purpose, store, strictness), and the findings grouped by
//! certificate, each opening to why, fix and rule. Draws the library's diagnosis; concludes nothing.

use certscope::chain::CertRef;
use certscope::diagnose::{Diagnosis, Finding, Purpose, Severity, Status, TrustChoice};

use super::tree::{Selection, Tone, tone_color};
use crate::app::{Command, Loaded};

/// How the window asks to judge: the panel's form.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Form {
    /// The server name clients ask for (empty: none; a host's own SNI name).
    pub name: String,
    /// The purpose; None: what each leaf's EKU says.
    pub purpose: Option<Purpose>,
    /// The store the verdict is for.
    pub trust: TrustChoice,
    /// Lint errors count.
    pub strict: bool,
}

/// What the panel is about.
pub enum Focus {
    /// A certificate: its chain's verdict and its chain's findings.
    Certificate(CertRef),
    /// An input: the overall verdict and the input's findings.
    Input(usize),
}

fn tone(status: Status) -> Tone {
    match status {
        Status::Ok => Tone::Good,
        Status::Warning => Tone::Warn,
        Status::Error => Tone::Bad,
    }
}

/// The colour of a finding: its weight in the verdict (the word is the library's).
pub fn finding_tone(finding: &Finding, strict: bool) -> Tone {
    match finding.weight(strict) {
        Severity::Error => Tone::Bad,
        Severity::Warning => Tone::Warn,
        Severity::Notice => Tone::Plain,
        Severity::Info => Tone::Good,
    }
}

/// Draws the panel; returns what the user asked for.
pub fn ui(
    ui: &mut egui::Ui,
    diagnosis: Option<&Diagnosis>,
    busy: bool,
    focus: Focus,
    inputs: &[Loaded],
    form: &mut Form,
) -> Vec<Command> {
    let mut commands = Vec::new();
    // No spinner: judging takes milliseconds, and the frame it lands in is repainted anyway.
    let Some(diagnosis) = diagnosis else {
        ui.weak(if busy { "Judging what is loaded…" } else { "Not judged yet." });
        return commands;
    };
    let chain = match focus {
        Focus::Certificate(r) => diagnosis.chain_of(r),
        Focus::Input(_) => None,
    };
    let verdict = chain.map_or(&diagnosis.verdict, |c| &c.verdict);
    let color = tone_color(ui, tone(verdict.status));
    egui::Frame::group(ui.style()).stroke(egui::Stroke::new(2.0, color)).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.horizontal(|ui| {
            let (rect, _) = ui.allocate_exact_size(egui::vec2(18.0, 18.0), egui::Sense::hover());
            ui.painter().circle_filled(rect.center(), 8.0, color);
            let word = match verdict.status {
                Status::Ok => "OK",
                Status::Warning => "WARNING",
                Status::Error => "ERROR",
            };
            ui.label(egui::RichText::new(word).color(color).strong().size(16.0));
            if busy {
                ui.weak("(judging again…)");
            }
        });
        ui.label(egui::RichText::new(&verdict.headline).strong().size(15.0));
        if chain.is_some() && diagnosis.verdict.status > verdict.status {
            ui.weak(format!("Everything loaded: {}", diagnosis.verdict.headline));
        }
        ui.add_space(4.0);
        let changed = form_ui(ui, form, chain.map(|c| c.purpose));
        if changed {
            commands.push(Command::Rediagnose);
        }
        if diagnosis.fetchable
            && ui
                .button("Fetch missing intermediates (AIA)")
                .on_hover_text("Download each missing issuer from the caIssuers URL its child names")
                .clicked()
        {
            commands.push(Command::FetchMissing);
        }
        if let Some(chain) = chain.filter(|c| c.can_serve()) {
            ui.horizontal(|ui| {
                if ui
                    .button("Save chain to serve…")
                    .on_hover_text("The leaf, then its intermediates in order, as PEM: what a server should send")
                    .clicked()
                {
                    commands.push(Command::SaveChain(chain.leaf));
                }
            });
        }
    });
    let findings: Vec<&Finding> = match (focus, chain) {
        (_, Some(chain)) => diagnosis
            .findings
            .iter()
            .filter(|f| {
                f.certificate.is_some_and(|c| chain.path.contains(&c))
                    || f.input == Some(chain.leaf.input) && f.certificate.is_none()
            })
            .collect(),
        (Focus::Certificate(r), None) => diagnosis.about(r).collect(),
        (Focus::Input(i), None) => diagnosis
            .findings
            .iter()
            .filter(|f| f.input == Some(i) || f.certificate.is_some_and(|c| c.input == i))
            .collect(),
    };
    findings_ui(ui, &findings, diagnosis.strict, inputs, &mut commands);
    commands
}

/// The form: server name, purpose, store, strictness. True when something changed.
fn form_ui(ui: &mut egui::Ui, form: &mut Form, judged_as: Option<Purpose>) -> bool {
    let before = form.clone();
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Server name:");
        let edit = ui
            .add(
                egui::TextEdit::singleline(&mut form.name)
                    .id_salt("verdict server name")
                    .hint_text("www.example.com")
                    .desired_width(170.0),
            )
            .labelled_by(label.id);
        // Judged when the field is left or Enter pressed, not at every key.
        let typed = edit.lost_focus() || (edit.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)));
        let label = ui.label("As:");
        let shown = match (form.purpose, judged_as) {
            (Some(p), _) => p.words().to_string(),
            (None, Some(p)) => format!("auto ({})", p.words()),
            (None, None) => "auto".into(),
        };
        egui::ComboBox::from_id_salt("purpose")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut form.purpose, None, "auto (from the EKU)");
                for purpose in Purpose::all() {
                    ui.selectable_value(&mut form.purpose, Some(*purpose), purpose.words());
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("Trusted by:");
        let words = |t: TrustChoice| match t {
            TrustChoice::Any => "any store",
            TrustChoice::Mozilla => "Mozilla",
            TrustChoice::System => "this system",
        };
        egui::ComboBox::from_id_salt("trust")
            .selected_text(words(form.trust))
            .show_ui(ui, |ui| {
                for choice in [TrustChoice::Any, TrustChoice::Mozilla, TrustChoice::System] {
                    ui.selectable_value(&mut form.trust, choice, words(choice));
                }
            })
            .response
            .labelled_by(label.id);
        ui.checkbox(&mut form.strict, "Strict")
            .on_hover_text("Count broken CA rules (lints) as errors, as a linter or an auditor would");
        typed
    })
    .inner
        || before.purpose != form.purpose
        || before.trust != form.trust
        || before.strict != form.strict
}

/// The findings, grouped by certificate, worst first; each opens to why, fix and rule.
fn findings_ui(ui: &mut egui::Ui, findings: &[&Finding], strict: bool, inputs: &[Loaded], commands: &mut Vec<Command>) {
    let problems: Vec<&&Finding> = findings.iter().filter(|f| f.severity != Severity::Info).collect();
    let fine: Vec<&&Finding> = findings.iter().filter(|f| f.severity == Severity::Info).collect();
    if problems.is_empty() {
        ui.label("No problems found.");
    }
    let mut groups: Vec<(Option<CertRef>, Vec<&Finding>)> = Vec::new();
    for finding in problems {
        match groups.iter_mut().find(|(c, _)| *c == finding.certificate) {
            Some((_, list)) => list.push(finding),
            None => groups.push((finding.certificate, vec![finding])),
        }
    }
    for (certificate, list) in groups {
        let name = certificate
            .and_then(|r| inputs.get(r.input)?.input.certificates.get(r.index))
            .map(|c| c.display_name())
            .unwrap_or_else(|| "The inputs".into());
        ui.horizontal(|ui| {
            ui.strong(&name);
            if let Some(reference) = certificate
                && ui.small_button("Show").on_hover_text("Select this certificate").clicked()
            {
                commands.push(Command::Select(Selection::Certificate(reference)));
            }
        });
        for finding in list {
            finding_ui(ui, finding, strict);
        }
    }
    if !fine.is_empty() {
        egui::CollapsingHeader::new(match fine.len() {
            1 => "1 check fine".to_string(),
            n => format!("{n} checks fine"),
        })
        .id_salt("fine findings")
        .show(ui, |ui| {
            for finding in fine {
                finding_ui(ui, finding, strict);
            }
        });
    }
    ui.separator();
}

fn finding_ui(ui: &mut egui::Ui, finding: &Finding, strict: bool) {
    let (tone, word) = (finding_tone(finding, strict), finding.word(strict));
    let color = tone_color(ui, tone);
    // The message wraps (a help-desk person reads all of it); a click opens why, fix and rule.
    let id = ui.make_persistent_id(("finding", &finding.code, finding.certificate, &finding.message));
    let open = ui.data(|d| d.get_temp::<bool>(id)).unwrap_or(false);
    let text = format!("{} {word}  {}", if open { "-" } else { "+" }, finding.message);
    let response = ui
        .add(egui::Label::new(egui::RichText::new(text).color(color)).wrap().sense(egui::Sense::click()))
        .on_hover_text(if open { "Hide why and how to fix" } else { "Why it matters, how to fix it, the rule" });
    if response.clicked() {
        ui.data_mut(|d| d.insert_temp(id, !open));
        super::explain::set_focus(
            ui.ctx(),
            super::explain::Focus::Finding {
                code: finding.code.to_string(),
                message: finding.message.clone(),
                why: finding.why.to_string(),
                fix: finding.fix.to_string(),
                citation: finding.citation.as_deref().unwrap_or_default().to_string(),
            },
        );
    }
    if !open {
        return;
    }
    ui.indent(id, |ui| {
        egui::Grid::new(("finding grid", &finding.code, &finding.message)).num_columns(2).spacing([10.0, 4.0]).show(
            ui,
            |ui| {
                let wrapped = |ui: &mut egui::Ui, text: &str| ui.add(egui::Label::new(text).wrap());
                ui.strong("Why");
                wrapped(ui, &finding.why);
                ui.end_row();
                ui.strong("Fix");
                wrapped(ui, &finding.fix);
                ui.end_row();
                if let Some(citation) = &finding.citation {
                    ui.strong("Rule");
                    wrapped(ui, citation);
                    ui.end_row();
                }
                ui.strong("Code");
                ui.monospace(&*finding.code);
                ui.end_row();
                for (name, value) in &finding.evidence.0 {
                    ui.weak(*name);
                    ui.add(egui::Label::new(egui::RichText::new(value).monospace()).wrap());
                    ui.end_row();
                }
            },
        );
    });
}
