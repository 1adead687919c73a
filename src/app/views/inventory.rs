//! The inventory: every distinct certificate loaded as a table (verdict, subject, issuer, not
//! after, days left, key, signature, SHA-256, files), sortable by any column, searchable,
//! filtered, duplicates folded; virtualized, so a folder of 100,000 certificates scrolls as
//! one of ten. A double-click opens the certificate; Export CSV saves what
//! `certscope report --format csv` prints.

use std::sync::Arc;

use certscope::diagnose::Diagnosis;
use certscope::inventory::{self, Filter, Row};
use egui_extras::{Column, TableBuilder};

use super::tree::{Selection, Tone, tone_color};
use crate::app::Command;

/// The table's columns: (heading, the inventory column it sorts by).
const SHOWN: [(&str, usize); 9] = [
    ("Verdict", 8),
    ("Subject", 0),
    ("Issuer", 1),
    ("Not after", 3),
    ("Days left", 4),
    ("Key", 5),
    ("Signature", 6),
    ("SHA-256", 7),
    ("Files", 11),
];

/// Above this many rows, sorting runs off the UI thread: a frame never waits on it.
const SORT_INLINE_UP_TO: usize = 20_000;

/// A sort in flight: the (column, ascending) it sorts by, and where its order arrives.
type Sorting = ((usize, bool), std::sync::mpsc::Receiver<Vec<usize>>);

/// What the table keeps between frames.
pub struct State {
    /// The rows of the diagnosis they were made from, in load order.
    rows: Arc<Vec<Row>>,
    made_from: Option<*const Diagnosis>,
    /// The rows' order for `sorted` (indexes into `rows`).
    order: Vec<usize>,
    sorted: Option<(usize, bool)>,
    /// A sort running on its own thread: what it sorts by, and where its order arrives.
    sorting: Option<Sorting>,
    /// The counts, made with the rows.
    summary: String,
    /// Indexes into `rows` that pass the filter, in order; recomputed when either changes.
    shown: Vec<usize>,
    shown_for: Option<(Filter, Option<(usize, bool)>)>,
    /// Search words and filters.
    pub filter: Filter,
    /// "Expires within N days" is on, and N.
    within: bool,
    within_days: i64,
    /// Sorted by this inventory column, ascending or not (as asked; `sorted` is as done).
    sort: (usize, bool),
    /// Put the keyboard in the search field on the next frame (Ctrl+F).
    pub focus_search: bool,
    /// The row the arrow keys are on (a place in `shown`), and whether it just moved.
    cursor: Option<usize>,
    cursor_moved: bool,
}

impl Default for State {
    fn default() -> Self {
        Self {
            rows: Arc::new(Vec::new()),
            made_from: None,
            order: Vec::new(),
            sorted: None,
            sorting: None,
            summary: inventory::summary(&[]),
            shown: Vec::new(),
            shown_for: None,
            filter: Filter::default(),
            within: false,
            within_days: 30,
            // Worst first: what needs doing heads the table.
            sort: (8, true),
            focus_search: false,
            cursor: None,
            cursor_moved: false,
        }
    }
}

impl State {
    /// Whether the rows are those of this diagnosis (none: no rows).
    pub fn made_from(&self, diagnosis: Option<&Arc<Diagnosis>>) -> bool {
        self.made_from == diagnosis.map(Arc::as_ptr)
    }

    /// Makes the rows again from a new diagnosis (none: everything was closed).
    pub fn update(
        &mut self,
        inputs: &[&certscope::Input],
        diagnosis: Option<&Arc<Diagnosis>>,
        now: time::OffsetDateTime,
    ) {
        self.made_from = diagnosis.map(Arc::as_ptr);
        let rows = match diagnosis {
            Some(diagnosis) => inventory::rows(inputs, diagnosis, now),
            None => Vec::new(),
        };
        self.replace(rows);
    }

    fn replace(&mut self, rows: Vec<Row>) {
        self.summary = inventory::summary(&rows);
        self.rows = Arc::new(rows);
        self.order = (0..self.rows.len()).collect();
        self.sorted = None;
        self.sorting = None;
        self.shown_for = None;
    }

    /// Rows made elsewhere (off the UI thread, with the diagnosis they come from); the rows
    /// they replace are handed back, for the caller to free where it does not cost a frame.
    pub fn set_rows(&mut self, rows: Vec<Row>, diagnosis: Option<&Arc<Diagnosis>>) -> Arc<Vec<Row>> {
        let old = std::mem::take(&mut self.rows);
        self.replace(rows);
        self.made_from = diagnosis.map(Arc::as_ptr);
        old
    }

    /// Sorts by another column, as a click on its heading does (tests).
    #[cfg(test)]
    pub fn sort_by(&mut self, column: usize) {
        self.sort = (column, true);
    }

    /// The rows the table shows, in its order (tests).
    #[cfg(test)]
    pub fn shown_rows(&self) -> Vec<Row> {
        self.shown.iter().map(|&i| self.rows[i].clone()).collect()
    }

    /// A sort is running off the UI thread.
    pub fn sorting(&self) -> bool {
        self.sorting.is_some()
    }

    /// How many distinct certificates there are.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// "434 certificates, 145 distinct, 5 expired, 2 expire within 30 days".
    pub fn summary(&self) -> &str {
        &self.summary
    }

    /// Brings the order and the filtered rows up to what is asked, sorting big tables on a
    /// thread (the old order shows until the new one lands).
    fn refresh(&mut self, ctx: &egui::Context) {
        self.filter.within_days = self.within.then_some(self.within_days);
        if let Some((key, receiver)) = &self.sorting {
            if let Ok(order) = receiver.try_recv() {
                (self.order, self.sorted) = (order, Some(*key));
                self.sorting = None;
            } else if *key != self.sort {
                self.sorting = None; // asked for another order meanwhile: start again below
            }
        }
        if self.sorted != Some(self.sort) && self.sorting.is_none() {
            let (column, ascending) = self.sort;
            if self.rows.len() <= SORT_INLINE_UP_TO {
                self.order = inventory::order(&self.rows, column, ascending);
                self.sorted = Some(self.sort);
            } else {
                let (send, receive) = std::sync::mpsc::channel();
                let (rows, ctx) = (Arc::clone(&self.rows), ctx.clone());
                std::thread::spawn(move || {
                    let _ = send.send(inventory::order(&rows, column, ascending));
                    ctx.request_repaint();
                });
                self.sorting = Some((self.sort, receive));
            }
        }
        let key = (self.filter.clone(), self.sorted);
        if self.shown_for.as_ref() == Some(&key) {
            return;
        }
        let filter = self.filter.words();
        self.shown = self.order.iter().copied().filter(|&i| filter.keeps(&self.rows[i])).collect();
        self.cursor = None;
        self.shown_for = Some(key);
    }
}

fn tone(verdict: &str) -> Tone {
    match verdict {
        "error" => Tone::Bad,
        "warning" => Tone::Warn,
        _ => Tone::Good,
    }
}

/// Draws the table; returns what the user asked for.
pub fn ui(ui: &mut egui::Ui, state: &mut State) -> Vec<Command> {
    let mut commands = Vec::new();
    state.refresh(ui.ctx());
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Search:");
        let search = ui
            .add(
                egui::TextEdit::singleline(&mut state.filter.search)
                    .id_salt("inventory_search")
                    .hint_text("subject, issuer, SHA-256, file")
                    .desired_width(220.0),
            )
            .labelled_by(label.id);
        if std::mem::take(&mut state.focus_search) {
            search.request_focus();
        }
        // Enter in the search opens the first row found: a fingerprint pasted, Enter, its details.
        // The arrow keys walk the rows, from the search field too; Enter opens the row they are
        // on (the first found when they have not moved): a fingerprint pasted, Enter, its details.
        let typing_elsewhere = ui.ctx().egui_wants_keyboard_input() && !search.has_focus();
        let (down, up, enter) = ui.input(|i| {
            (i.key_pressed(egui::Key::ArrowDown), i.key_pressed(egui::Key::ArrowUp), i.key_pressed(egui::Key::Enter))
        });
        let last = state.shown.len().checked_sub(1);
        if !typing_elsewhere && let Some(last) = last {
            if down {
                state.cursor = Some(state.cursor.map_or(0, |c| (c + 1).min(last)));
                state.cursor_moved = true;
            }
            if up {
                state.cursor = Some(state.cursor.map_or(0, |c| c.saturating_sub(1)));
                state.cursor_moved = true;
            }
        }
        let entered = enter && (search.has_focus() || search.lost_focus() || !typing_elsewhere);
        let row = state.cursor.filter(|&c| c < state.shown.len()).or(last.map(|_| 0));
        if entered && let Some(row) = row {
            commands.push(Command::ShowInventory(false));
            commands.push(Command::Select(Selection::Certificate(state.rows[state.shown[row]].occurrences[0])));
        }
        ui.checkbox(&mut state.filter.expired, "Expired");
        let within = ui.checkbox(&mut state.within, "Expires within");
        ui.add(egui::DragValue::new(&mut state.within_days).range(0..=3650).suffix(" days")).labelled_by(within.id);
        ui.checkbox(&mut state.filter.untrusted, "Untrusted");
        ui.checkbox(&mut state.filter.ca, "CA");
        ui.checkbox(&mut state.filter.duplicates, "Duplicates");
        ui.separator();
        if ui.button("Export CSV…").on_hover_text("The columns `certscope report --format csv` writes").clicked() {
            let shown: Vec<Row> = state.shown.iter().map(|&i| state.rows[i].clone()).collect();
            commands.push(Command::Save {
                suggested_name: "certscope-inventory.csv".into(),
                bytes: inventory::to_csv(&shown).into_bytes(),
            });
        }
    });
    ui.horizontal(|ui| {
        ui.strong(state.summary());
        if state.shown.len() != state.rows.len() {
            ui.label(format!("· {} shown", state.shown.len()));
        }
        if state.sorting() {
            ui.spinner();
            ui.label("Sorting…");
        }
    });
    ui.separator();
    state.refresh(ui.ctx());

    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    // A click anywhere on a row is the row's: text in it is not for selecting.
    ui.style_mut().interaction.selectable_labels = false;
    let mut sort = state.sort;
    let mut table = TableBuilder::new(ui);
    if std::mem::take(&mut state.cursor_moved)
        && let Some(cursor) = state.cursor
    {
        table = table.scroll_to_row(cursor, None);
    }
    let mut clicked = None;
    table
        .id_salt("inventory")
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::auto().at_least(70.0))
        .column(Column::initial(260.0).at_least(80.0).clip(true))
        .column(Column::initial(200.0).at_least(80.0).clip(true))
        .column(Column::auto().at_least(90.0))
        .column(Column::auto().at_least(70.0))
        .column(Column::auto().at_least(80.0))
        .column(Column::initial(150.0).clip(true))
        .column(Column::initial(130.0).clip(true))
        .column(Column::remainder().at_least(120.0).clip(true))
        .header(row_height + 2.0, |mut header| {
            for (title, column) in SHOWN {
                header.col(|ui| {
                    let button = egui::Button::new(egui::RichText::new(title).strong()).frame(false);
                    if ui.add(button).on_hover_text(format!("Sort by {}", title.to_lowercase())).clicked() {
                        sort = if sort.0 == column { (column, !sort.1) } else { (column, true) };
                    }
                    if sort.0 == column {
                        sort_mark(ui, sort.1);
                    }
                });
            }
        })
        .body(|body| {
            body.rows(row_height, state.shown.len(), |mut table_row| {
                let place = table_row.index();
                table_row.set_selected(state.cursor == Some(place));
                let row = &state.rows[state.shown[place]];
                let verdict_tone = tone(row.verdict);
                table_row.col(|ui| {
                    ui.colored_label(tone_color(ui, verdict_tone), row.verdict.to_uppercase());
                });
                table_row.col(|ui| {
                    let label = ui.label(&row.name);
                    label.on_hover_text(format!(
                        "{}\n{}",
                        row.subject,
                        row.reason.as_deref().unwrap_or("Nothing to fix")
                    ));
                });
                table_row.col(|ui| {
                    ui.label(short_name(&row.issuer)).on_hover_text(&row.issuer);
                });
                table_row.col(|ui| {
                    ui.label(row.not_after.date().to_string());
                });
                table_row.col(|ui| {
                    let days = row.days_left;
                    let days_tone = if days < 0 {
                        Tone::Bad
                    } else if days <= 30 {
                        Tone::Warn
                    } else {
                        Tone::Plain
                    };
                    ui.colored_label(tone_color(ui, days_tone), days.to_string());
                });
                table_row.col(|ui| {
                    ui.label(&row.key);
                });
                table_row.col(|ui| {
                    ui.label(&row.signature_algorithm);
                });
                table_row.col(|ui| {
                    ui.monospace(&row.sha256[..16.min(row.sha256.len())]).on_hover_text(&row.sha256);
                });
                table_row.col(|ui| {
                    let name = |path: &String| path.rsplit('/').next().unwrap_or(path).to_string();
                    let files = match row.files.as_slice() {
                        [one] => name(one),
                        [first, rest @ ..] => format!("{} + {} more", name(first), rest.len()),
                        [] => String::new(),
                    };
                    ui.label(files).on_hover_text(row.files.join("\n"));
                });
                let response = table_row.response();
                if response.double_clicked() {
                    commands.push(Command::ShowInventory(false));
                    commands.push(Command::Select(Selection::Certificate(row.occurrences[0])));
                } else if response.clicked() {
                    clicked = Some(place);
                }
            });
        });
    state.sort = sort;
    if clicked.is_some() {
        state.cursor = clicked;
    }
    commands
}

/// A small triangle after the sorted column's heading: up ascending, down descending.
fn sort_mark(ui: &mut egui::Ui, ascending: bool) {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
    let color = ui.visuals().strong_text_color();
    let (top, bottom) = (rect.top() + 2.0, rect.bottom() - 2.0);
    let points = if ascending {
        vec![egui::pos2(rect.center().x, top), egui::pos2(rect.right(), bottom), egui::pos2(rect.left(), bottom)]
    } else {
        vec![egui::pos2(rect.left(), top), egui::pos2(rect.right(), top), egui::pos2(rect.center().x, bottom)]
    };
    ui.painter().add(egui::Shape::convex_polygon(points, color, egui::Stroke::NONE));
    response.on_hover_text(if ascending { "Sorted ascending" } else { "Sorted descending" });
}

/// The CN of a distinguished name as text, else the whole of it.
fn short_name(dn: &str) -> &str {
    dn.split(", ").find_map(|part| part.strip_prefix("CN=")).unwrap_or(dn)
}
