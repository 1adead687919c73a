//! The ASN.1 view: any DER object loaded or exchanged (a certificate, CSR, CRL, OCSP request or
//! response, the file of a PKCS#7 or PKCS#12) as a collapsible tree of its elements (tag,
//! length, value, OID names) beside its bytes in hex, the selected element's bytes highlighted.
//! A field clicked in the details selects its element. Both panes draw only the rows in view,
//! so a CRL of 10,000 entries scrolls as one of ten.

use std::collections::HashSet;
use std::sync::Arc;

use certscope::asn1::{self, ListPart, Node, Part};
use certscope::explain::{Entry, Kind as Explained};

use super::explain::{Focus, focus};

/// What an object is, for finding a clicked field's element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A certificate (RFC 5280 4.1).
    Certificate,
    /// A signing request (RFC 2986).
    Request,
    /// A CRL (RFC 5280 5.1).
    List,
    /// Anything else: OCSP messages, containers.
    Other,
}

/// The certificate part a clicked name stands for.
fn certificate_part(entry: &Entry) -> Option<Part> {
    Some(match (entry.kind, entry.key) {
        (Explained::Field, "Version") => Part::Version,
        (Explained::Field, "Serial") => Part::Serial,
        (Explained::Field, "Signature algorithm") => Part::SignatureAlgorithm,
        (Explained::Field, "Issuer") => Part::Issuer,
        (Explained::Field, "Subject") => Part::Subject,
        (Explained::Field, "Not before") => Part::NotBefore,
        (Explained::Field, "Not after" | "Status") => Part::NotAfter,
        (Explained::Field, "Public key" | "Key size" | "Curve" | "Exponent" | "SPKI SHA-256") => Part::PublicKey,
        (Explained::Extension, oid) => Part::Extension(oid.to_string()),
        (Explained::NameAttribute, oid) => Part::SubjectAttribute(oid.to_string()),
        _ => return None,
    })
}

/// The CSR or CRL part a clicked name stands for.
fn list_part(entry: &Entry) -> Option<ListPart> {
    Some(match entry.key {
        "Subject" | "Issuer" => ListPart::Name,
        "Public key" => ListPart::PublicKey,
        "This update" => ListPart::ThisUpdate,
        "Next update" => ListPart::NextUpdate,
        "Revoked" => ListPart::Revoked,
        "CRL number" => ListPart::Extension("2.5.29.20".into()),
        "Signature algorithm" => ListPart::SignatureAlgorithm,
        oid if entry.kind == Explained::Extension => ListPart::Extension(oid.to_string()),
        _ => return None,
    })
}

/// An object open in the view.
pub struct State {
    /// What it is: "www.example.com (certificate)".
    pub title: String,
    bytes: Arc<Vec<u8>>,
    nodes: Vec<Node>,
    error: Option<String>,
    /// The selected element.
    pub selected: Option<usize>,
    collapsed: HashSet<usize>,
    /// What it is: a field clicked in the details of a certificate, CSR or CRL selects its element.
    kind: Kind,
    /// The explain focus last followed, so a new click is seen once.
    followed: Option<Focus>,
    /// Scroll both panes to the selection on the next frame.
    reveal: bool,
    /// The window is open.
    pub open: bool,
}

impl State {
    /// Parses `bytes` (DER, or PEM whose first block is used).
    pub fn new(title: String, bytes: Arc<Vec<u8>>, kind: Kind) -> Self {
        let mut objects = asn1::objects(&bytes);
        let object = objects.remove(0);
        // PEM: the decoded block is what the offsets count in.
        let bytes = object.decoded.map_or(bytes, Arc::new);
        Self {
            title,
            bytes,
            nodes: object.nodes,
            error: object.error,
            selected: Some(0),
            collapsed: HashSet::new(),
            kind,
            followed: None,
            reveal: false,
            open: true,
        }
    }

    /// The selected element's node.
    pub fn selected_node(&self) -> Option<&Node> {
        self.nodes.get(self.selected?)
    }

    /// Follows a field clicked in the details: its element is selected and shown.
    fn follow(&mut self, ctx: &egui::Context) {
        let now = focus(ctx);
        if now == self.followed {
            return;
        }
        self.followed = now.clone();
        let Some(Focus::Entry(entry)) = now else { return };
        let found = match self.kind {
            Kind::Certificate => certificate_part(entry).and_then(|part| asn1::certificate_part(&self.nodes, &part)),
            Kind::Request => list_part(entry).and_then(|part| asn1::request_part(&self.nodes, &part)),
            Kind::List => list_part(entry).and_then(|part| asn1::list_part(&self.nodes, &part)),
            Kind::Other => None,
        };
        if let Some(index) = found {
            self.select(index);
        }
    }

    fn select(&mut self, index: usize) {
        self.selected = Some(index);
        // Open every element above it.
        let depth = self.nodes[index].depth;
        let mut wanted = depth;
        for i in (0..index).rev() {
            if self.nodes[i].depth < wanted {
                self.collapsed.remove(&i);
                wanted = self.nodes[i].depth;
            }
        }
        self.reveal = true;
    }

    /// The nodes shown: those not inside a collapsed element.
    fn visible(&self) -> Vec<usize> {
        let mut shown = Vec::with_capacity(self.nodes.len());
        let mut hide_below: Option<usize> = None;
        for (i, node) in self.nodes.iter().enumerate() {
            if let Some(depth) = hide_below {
                if node.depth > depth {
                    continue;
                }
                hide_below = None;
            }
            shown.push(i);
            if self.collapsed.contains(&i) {
                hide_below = Some(node.depth);
            }
        }
        shown
    }
}

fn describe(node: &Node) -> String {
    let length = node.length.map_or_else(|| "indefinite".into(), |n| n.to_string());
    let mut text = format!("{} ({length})", node.tag);
    match (&node.value, &node.oid_name) {
        (Some(value), Some(name)) => text.push_str(&format!("  {name} ({value})")),
        (Some(value), None) => {
            let shown: String = value.chars().take(80).collect();
            text.push_str(&format!("  {shown}{}", if value.chars().count() > 80 { "…" } else { "" }));
        }
        _ => {}
    }
    text
}

/// The ASN.1 panel, below the details: a field clicked above selects its element here.
pub fn panel(ui: &mut egui::Ui, state: &mut State) {
    state.follow(ui.ctx());
    egui::Panel::bottom("asn1").resizable(true).default_size(300.0).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.strong(format!("ASN.1: {}", state.title));
            if ui.small_button("Close").on_hover_text("Close the ASN.1 view").clicked() {
                state.open = false;
            }
            ui.separator();
            ui.label(format!("{} bytes, {} elements", state.bytes.len(), state.nodes.len()));
            if let Some(node) = state.selected_node() {
                ui.separator();
                let end = node.span().end;
                ui.label(format!(
                    "Selected: {} at bytes {}..{} (header {}, content {})",
                    node.tag,
                    node.offset,
                    end,
                    node.header_length,
                    node.length.map_or_else(|| "indefinite".into(), |n| n.to_string())
                ));
            }
        });
        if let Some(error) = &state.error {
            ui.colored_label(ui.visuals().error_fg_color, format!("Malformed: {error}"));
        }
        ui.separator();
        ui.columns(2, |columns| {
            tree(&mut columns[0], state);
            hex(&mut columns[1], state);
        });
        state.reveal = false;
    });
}

fn tree(ui: &mut egui::Ui, state: &mut State) {
    let visible = state.visible();
    // Rows hold a button: as tall as one. show_rows spaces them by the item spacing too.
    let row_height = ui.spacing().interact_size.y.max(ui.text_style_height(&egui::TextStyle::Monospace) + 4.0);
    let pitch = row_height + ui.spacing().item_spacing.y;
    let mut scroll = egui::ScrollArea::both().id_salt("asn1 tree").auto_shrink([false, false]);
    if state.reveal
        && let Some(row) = state.selected.and_then(|s| visible.iter().position(|&i| i == s))
    {
        scroll = scroll.vertical_scroll_offset((row as f32 * pitch - 3.0 * pitch).max(0.0));
    }
    let mut clicked = None;
    let mut toggled = None;
    scroll.show_rows(ui, row_height, visible.len(), |ui, range| {
        for &index in &visible[range] {
            let node = &state.nodes[index];
            ui.allocate_ui_with_layout(
                egui::vec2(ui.available_width(), row_height),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.add_space(node.depth as f32 * 14.0);
                    if node.constructed {
                        let sign = if state.collapsed.contains(&index) { "+" } else { "-" };
                        if ui.small_button(sign).on_hover_text("Open or fold this element").clicked() {
                            toggled = Some(index);
                        }
                    } else {
                        // As wide as the fold button, so siblings line up.
                        ui.add_space(ui.spacing().interact_size.y + ui.spacing().item_spacing.x);
                    }
                    let text = egui::RichText::new(describe(node)).monospace();
                    let label = ui.selectable_label(state.selected == Some(index), text);
                    if label.clicked() {
                        clicked = Some(index);
                    }
                },
            );
        }
    });
    if let Some(index) = toggled
        && !state.collapsed.remove(&index)
    {
        state.collapsed.insert(index);
    }
    if let Some(index) = clicked {
        state.selected = Some(index);
        state.reveal = true;
    }
}

/// The bytes, 16 to a row: offset, hex, text; the selected element's bytes highlighted (its
/// header a shade lighter than its content).
fn hex(ui: &mut egui::Ui, state: &State) {
    const WIDTH: usize = 16;
    let rows = state.bytes.len().div_ceil(WIDTH);
    let row_height = ui.text_style_height(&egui::TextStyle::Monospace) + 2.0;
    let pitch = row_height + ui.spacing().item_spacing.y;
    let span = state.selected_node().map(|n| (n.offset, n.offset + n.header_length, n.span().end));
    let mut scroll = egui::ScrollArea::both().id_salt("asn1 hex").auto_shrink([false, false]);
    if state.reveal
        && let Some((start, ..)) = span
    {
        scroll = scroll.vertical_scroll_offset(((start / WIDTH) as f32 * pitch - 3.0 * pitch).max(0.0));
    }
    let font = egui::TextStyle::Monospace.resolve(ui.style());
    let plain = ui.visuals().text_color();
    let header_bg = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
    let content_bg = ui.visuals().selection.bg_fill;
    scroll.show_rows(ui, row_height, rows, |ui, range| {
        for row in range {
            let mut job = egui::text::LayoutJob::default();
            let format = |background: egui::Color32| egui::TextFormat {
                font_id: font.clone(),
                color: plain,
                background,
                ..Default::default()
            };
            job.append(&format!("{:06x}  ", row * WIDTH), 0.0, format(egui::Color32::TRANSPARENT));
            let start = row * WIDTH;
            let end = (start + WIDTH).min(state.bytes.len());
            let shade = |at: usize| match span {
                Some((s, h, _)) if at >= s && at < h => header_bg,
                Some((_, h, e)) if at >= h && at < e => content_bg,
                _ => egui::Color32::TRANSPARENT,
            };
            for at in start..start + WIDTH {
                match state.bytes.get(at) {
                    Some(byte) if at < end => job.append(&format!("{byte:02x}"), 0.0, format(shade(at))),
                    _ => job.append("  ", 0.0, format(egui::Color32::TRANSPARENT)),
                }
                job.append(" ", 0.0, format(egui::Color32::TRANSPARENT));
            }
            job.append(" ", 0.0, format(egui::Color32::TRANSPARENT));
            for at in start..end {
                let byte = state.bytes[at];
                let shown = if (0x20..0x7f).contains(&byte) { byte as char } else { '.' };
                job.append(&shown.to_string(), 0.0, format(shade(at)));
            }
            ui.label(job);
        }
    });
}
