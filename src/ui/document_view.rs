//! The document view: the text laid out one galley per paragraph, claims
//! highlighted in their label's colour, and the analyst's own selection.
//!
//! A multi-megabyte text in one galley costs seconds to lay out, so the text
//! is split on '\n', each paragraph is laid out on its own when it first
//! scrolls into view, and only the visible ones are drawn. Highlights,
//! selection and find hits are painted as rectangles under the text, so
//! tagging a claim never forces a paragraph to be laid out again: a galley
//! depends only on its text, the wrap width and the theme's text colour.

use super::claim_menu::claim_menu_ui;
use super::{Action, UICommand};
use crate::model::{Claim, ClaimId, Document, DocumentId, Project, counted, span};
use egui::{Color32, Pos2, Rect, Sense, Stroke, Ui, pos2, vec2};
use std::ops::Range;

/// The document view's state: layout cache, selection and find bar.
mod input;
mod text_layout;

use input::offset_in_layout;
use text_layout::TextLayout;

#[derive(Default)]
pub struct DocumentView {
    layout: Option<TextLayout>,
    /// The selection as (anchor, cursor), document code-point offsets.
    selection: Option<(usize, usize)>,
    drag_anchor: Option<usize>,
    find: FindBar,
    scroll_to: Option<usize>,
    /// Top-left of the text on screen in the last frame, for hit tests.
    origin: Option<Pos2>,
    /// Underline levels of the open document's claims, for one project version.
    levels: Option<(DocumentId, u64, Vec<ClaimLevel>)>,
    /// The claim last right-clicked, whose menu is open.
    menu_claim: Option<ClaimId>,
}

#[derive(Default)]
struct FindBar {
    open: bool,
    query: String,
    /// The hits in the open document, and the document they are of.
    hits: Vec<span::Span>,
    hits_of: Option<DocumentId>,
    current: usize,
    focus_query: bool,
    /// Search every document of the project, not only the open one.
    everywhere: bool,
    /// The hits in every document, by document (when `everywhere`), for
    /// the query and project version they were found for.
    by_document: Vec<DocumentHits>,
    searched: Option<(String, u64)>,
}

/// One document's hits of a search over every document.
struct DocumentHits {
    id: DocumentId,
    title: String,
    /// Up to [`SHOWN_HITS`] hits, each with a line of context.
    hits: Vec<(span::Span, String)>,
    count: usize,
}

/// A search over every document lists at most this many hits of each.
const SHOWN_HITS: usize = 20;

/// One claim drawn in the text: its span, colour and underline level.
struct Highlight<'a> {
    claim: &'a Claim,
    color: Color32,
    level: usize,
}

/// A claim's index in `project.claims` and its underline level.
type ClaimLevel = (usize, usize);

/// The underline level of every claim of a document, as (index into
/// `project.claims`, level). Overlapping claims get different levels (greedy
/// interval colouring), so a claim inside another stays visible. Cached per
/// project version: it sorts every claim of the document.
fn claim_levels(project: &Project, document: &DocumentId) -> Vec<ClaimLevel> {
    let mut claims: Vec<(usize, &Claim)> = project
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| &c.document == document)
        .collect();
    claims.sort_by_key(|(_, c)| (c.start, std::cmp::Reverse(c.end)));
    let mut level_ends: Vec<usize> = Vec::new();
    claims
        .into_iter()
        .map(|(index, claim)| {
            let level = match level_ends.iter().position(|&end| end <= claim.start) {
                Some(free) => free,
                None => {
                    level_ends.push(0);
                    level_ends.len() - 1
                }
            };
            level_ends[level] = claim.end;
            (index, level)
        })
        .collect()
}

fn label_color(project: &Project, claim: &Claim) -> Color32 {
    project.label(&claim.label).map_or(Color32::GRAY, |l| {
        let [r, g, b] = l.color.0;
        Color32::from_rgb(r, g, b)
    })
}

impl DocumentView {
    /// The selected span (start < end) in code points, if any.
    pub fn selection(&self) -> Option<span::Span> {
        let (a, b) = self.selection?;
        (a != b).then(|| span::Span::new(a.min(b), a.max(b)))
    }

    /// Forgets the selection.
    pub fn clear_selection(&mut self) {
        self.selection = None;
        self.drag_anchor = None;
    }

    /// Escape: closes the find bar first, then clears the selection.
    pub fn escape(&mut self) {
        if self.find.open {
            self.close_find();
        } else {
            self.clear_selection();
        }
    }

    /// Closes the find bar; its highlights go with it.
    fn close_find(&mut self) {
        self.find.open = false;
        self.find.hits.clear();
        self.find.hits_of = None;
    }

    /// The find hits that are drawn: none while the bar is closed.
    pub fn find_highlights(&self) -> &[span::Span] {
        if self.find.open { &self.find.hits } else { &[] }
    }

    /// True while the find bar is shown.
    pub fn find_is_open(&self) -> bool {
        self.find.open
    }

    /// Opens the find bar with its field focused.
    pub fn open_find(&mut self) {
        self.find.open = true;
        self.find.focus_query = true;
    }

    /// Scrolls to a document offset in the next frame.
    pub fn scroll_to(&mut self, offset: usize) {
        self.scroll_to = Some(offset);
    }

    /// The bytes of `span` in `document`'s text, found from the laid-out
    /// paragraphs without counting characters from the start of a 5 MB
    /// text; `None` when the view does not hold this document's layout.
    pub fn byte_range(&self, document: &Document, span: span::Span) -> Option<Range<usize>> {
        let layout = self.layout.as_ref()?;
        if layout.document != document.id || layout.text_hash != document.text_hash {
            return None;
        }
        let start = layout.byte_of(&document.text, span.start)?;
        let end = layout.byte_of(&document.text, span.end)?;
        (start <= end).then_some(start..end)
    }

    /// Where a document offset was drawn on screen in the last frame, if it
    /// was laid out; tests use it to aim the pointer.
    pub fn screen_pos(&self, offset: usize) -> Option<Pos2> {
        let layout = self.layout.as_ref()?;
        let origin = self.origin?;
        let (i, cursor) = layout.to_cursor(offset);
        let galley = layout.paragraphs.get(i)?.galley.as_ref()?;
        let rect = galley.pos_from_cursor(cursor);
        Some(origin + vec2(rect.min.x + 1.0, layout.tops[i] + rect.center().y))
    }

    /// The document offset under a screen position, laying out its paragraph if needed.
    fn offset_at(&mut self, ui: &Ui, text: &str, pos: Pos2) -> Option<usize> {
        let origin = self.origin?;
        let layout = self.layout.as_mut()?;
        let i = layout.paragraph_at_y(pos.y - origin.y);
        if layout.ensure_galley(ui, text, i) {
            layout.update_tops();
        }
        let galley = layout.paragraphs.get(i)?.galley.as_ref()?;
        let local = pos - origin - vec2(0.0, layout.tops[i]);
        Some(layout.to_offset(i, galley.cursor_from_pos(local)))
    }

    /// Draws the label buttons, the find bar and the text.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        version: u64,
        document: &Document,
        selected: Option<&ClaimId>,
        actions: &mut Vec<Action>,
    ) {
        let fresh = self
            .levels
            .as_ref()
            .is_some_and(|(d, v, _)| d == &document.id && *v == version);
        if !fresh {
            let levels = claim_levels(project, &document.id);
            self.levels = Some((document.id.clone(), version, levels));
        }
        self.toolbar_ui(ui, project, actions);
        if self.find.open {
            self.find_bar_ui(ui, project, version, document, actions);
        }
        self.copy_ui(ui, document);
        ui.separator();
        let wrap_width = (ui.available_width() - 20.0).max(80.0);
        let text_color = article_text_color(ui.visuals());
        let stale = self.layout.as_ref().is_none_or(|l| {
            l.document != document.id
                || l.text_hash != document.text_hash
                || (l.wrap_width - wrap_width).abs() > 0.5
                || l.text_color != text_color
        });
        if stale {
            let same_document = self
                .layout
                .as_ref()
                .is_some_and(|l| l.document == document.id);
            if !same_document {
                self.clear_selection();
            }
            self.layout = Some(TextLayout::new(document, wrap_width, text_color));
        }
        let mut area = egui::ScrollArea::vertical()
            .id_salt(("document", document.id.as_str()))
            .auto_shrink(false);
        if let Some(offset) = self.scroll_to.take()
            && let Some(layout) = &self.layout
        {
            let (i, _) = layout.to_cursor(offset);
            area = area.vertical_scroll_offset((layout.tops[i] - 80.0).max(0.0));
        }
        area.show_viewport(ui, |ui, viewport| {
            self.text_ui(ui, viewport, project, document, selected, actions);
        });
    }

    fn toolbar_ui(&mut self, ui: &mut Ui, project: &Project, actions: &mut Vec<Action>) {
        ui.horizontal_wrapped(|ui| {
            ui.label("Tag selection:");
            for label in &project.labels {
                let [r, g, b] = label.color.0;
                let key = label.key.map(|k| format!("{k} ")).unwrap_or_default();
                let text = egui::RichText::new(format!("{key}{}", label.name))
                    .color(Color32::WHITE)
                    .strong();
                let button = egui::Button::new(text).fill(Color32::from_rgb(r, g, b));
                let response = ui
                    .add(button)
                    .on_hover_text("Select text in the document, then click (or press the key)");
                if response.clicked()
                    && let Some(key) = label.key
                {
                    actions.push(Action::Command(UICommand::Tag(key)));
                }
            }
        });
    }

    fn find_bar_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        version: u64,
        document: &Document,
        actions: &mut Vec<Action>,
    ) {
        let find = &mut self.find;
        let mut jump = None;
        let mut close = false;
        // Hits of the document on screen: found again when another one
        // opens or the bar opens again on the same query.
        if find.hits_of.as_ref() != Some(&document.id) {
            find.hits = find_ignoring_ascii_case(&document.text, &find.query);
            find.hits_of = Some(document.id.clone());
            find.current = 0;
        }
        ui.horizontal(|ui| {
            let label = ui.label("Find:");
            let response = ui.add(
                egui::TextEdit::singleline(&mut find.query)
                    .desired_width(240.0)
                    .id_salt("find_query"),
            );
            let response = response.labelled_by(label.id);
            if find.focus_query {
                response.request_focus();
                find.focus_query = false;
            }
            if response.changed() {
                find.hits = find_ignoring_ascii_case(&document.text, &find.query);
                find.current = 0;
                jump = Some(0);
            }
            let enter = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let n = find.hits.len();
            if (ui.button("Previous").clicked()) && n > 0 {
                find.current = (find.current + n - 1) % n;
                jump = Some(find.current);
            }
            if (ui.button("Next").clicked() || enter) && n > 0 {
                find.current = (find.current + 1) % n;
                jump = Some(find.current);
                if enter {
                    response.request_focus();
                }
            }
            ui.label(match n {
                0 if find.query.is_empty() => String::new(),
                0 => "no match".to_owned(),
                _ => format!("{} of {n}", find.current + 1),
            });
            ui.checkbox(&mut find.everywhere, "All documents")
                .on_hover_text("List the hits in every document of the project");
            close = ui
                .button("Close")
                .on_hover_text("Close the find bar (Escape)")
                .clicked();
        });
        if let Some(hit) = jump.and_then(|i| self.find.hits.get(i)) {
            self.scroll_to = Some(hit.start);
        }
        if close {
            self.close_find();
            return;
        }
        if self.find.everywhere {
            self.everywhere_ui(ui, project, version, actions);
        }
    }

    /// The hits of every document, by document; a click opens one.
    fn everywhere_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        version: u64,
        actions: &mut Vec<Action>,
    ) {
        let find = &mut self.find;
        let query = find.query.clone();
        if find.searched.as_ref() != Some(&(query.clone(), version)) {
            find.by_document = search_everywhere(project, &query);
            find.searched = Some((query, version));
        }
        if find.query.is_empty() {
            return;
        }
        let total: usize = find.by_document.iter().map(|d| d.count).sum();
        ui.label(format!(
            "{} in {}",
            counted(total, "hit", "hits"),
            counted(find.by_document.len(), "document", "documents")
        ));
        let mut open = None;
        egui::ScrollArea::vertical()
            .id_salt("find_everywhere")
            .max_height(180.0)
            .show(ui, |ui| {
                for document in &find.by_document {
                    let header = format!("{} ({})", document.title, document.count);
                    egui::CollapsingHeader::new(header)
                        .id_salt(("hits", document.id.as_str()))
                        .default_open(true)
                        .show(ui, |ui| {
                            for (hit, context) in &document.hits {
                                if ui.selectable_label(false, context).clicked() {
                                    open = Some((document.id.clone(), *hit));
                                }
                            }
                            if document.count > document.hits.len() {
                                ui.weak(format!(
                                    "and {} more in this document",
                                    document.count - document.hits.len()
                                ));
                            }
                        });
                }
            });
        if let Some((id, hit)) = open {
            actions.push(Action::OpenDocumentAt(id.clone(), hit.start));
            // The bar's hits follow to that document, with this one current.
            let hits = project
                .document(&id)
                .map(|d| find_ignoring_ascii_case(&d.text, &find.query))
                .unwrap_or_default();
            find.current = hits.iter().position(|h| *h == hit).unwrap_or(0);
            find.hits = hits;
            find.hits_of = Some(id);
        }
    }

    /// Ctrl+C with text selected in the document (and no text field
    /// typing) copies that text.
    fn copy_ui(&self, ui: &Ui, document: &Document) {
        let copy = ui.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Copy)));
        if !copy || ui.ctx().egui_wants_keyboard_input() {
            return;
        }
        let Some(selection) = self.selection() else {
            return;
        };
        let text = match self.byte_range(document, selection) {
            Some(bytes) => document.text.get(bytes).map(str::to_owned),
            None => span::slice(&document.text, selection).map(str::to_owned),
        };
        if let Some(text) = text {
            ui.ctx().copy_text(text);
        }
    }

    fn text_ui(
        &mut self,
        ui: &mut Ui,
        viewport: Rect,
        project: &Project,
        document: &Document,
        selected: Option<&ClaimId>,
        actions: &mut Vec<Action>,
    ) {
        let text = &document.text;
        let Some(layout) = self.layout.as_mut() else {
            return;
        };
        // Lay out what is visible; heights that change move what is below,
        // so recompute the tops and draw again next frame.
        let first = layout.paragraph_at_y(viewport.min.y);
        let mut last = layout.paragraph_at_y(viewport.max.y);
        let mut changed = false;
        for i in first..=last {
            changed |= layout.ensure_galley(ui, text, i);
        }
        if changed {
            layout.update_tops();
            last = layout.paragraph_at_y(viewport.max.y);
            for i in first..=last {
                layout.ensure_galley(ui, text, i);
            }
            layout.update_tops();
            ui.ctx().request_repaint();
        }
        let size = vec2(layout.wrap_width, layout.total_height());
        let (rect, response) = ui.allocate_exact_size(size, Sense::click_and_drag());
        self.origin = Some(rect.min);
        self.pointer_ui(ui, &response, text, project, document, actions);

        let Some(layout) = self.layout.as_ref() else {
            return;
        };
        // Only the claims on screen are drawn; filtering once here keeps the
        // per-paragraph loops short when a document has thousands of claims.
        let visible = layout.visible_range(first, last);
        let levels = self
            .levels
            .as_ref()
            .map_or(&[][..], |(_, _, l)| l.as_slice());
        let marks: Vec<Highlight> = levels
            .iter()
            .filter_map(|&(index, level)| {
                let claim = project.claims.get(index)?;
                (claim.start < visible.end && claim.end > visible.start).then(|| Highlight {
                    claim,
                    color: label_color(project, claim),
                    level,
                })
            })
            .collect();
        let painter = ui.painter_at(rect.expand(4.0));
        let origin = rect.min.to_vec2();
        let selection = self.selection();
        let visuals = ui.visuals();
        let hovered_offset = response
            .hover_pos()
            .and_then(|pos| offset_in_layout(layout, rect.min, pos));
        let mut hovered: Option<&Claim> = None;
        for i in first..=last.min(layout.paragraphs.len().saturating_sub(1)) {
            let p = &layout.paragraphs[i];
            let p_range = p.start..p.start + p.chars;
            for mark in &marks {
                let c = mark.claim;
                if c.end <= p_range.start || c.start >= p_range.end {
                    continue;
                }
                let is_selected = selected == Some(&c.id);
                for r in layout.range_rects(i, c.start..c.end) {
                    let r = r.translate(origin);
                    let alpha = if is_selected { 110 } else { 55 };
                    painter.rect_filled(r, 2.0, mark.color.gamma_multiply_u8(alpha));
                    let y = r.bottom() + 1.0 + 3.0 * mark.level as f32;
                    painter.line_segment(
                        [pos2(r.left(), y), pos2(r.right(), y)],
                        Stroke::new(2.0, mark.color),
                    );
                    if is_selected {
                        painter.rect_stroke(
                            r,
                            2.0,
                            Stroke::new(1.5, visuals.strong_text_color()),
                            egui::StrokeKind::Outside,
                        );
                    }
                }
                if hovered_offset.is_some_and(|o| c.start <= o && o < c.end)
                    && hovered.is_none_or(|h| c.end - c.start < h.end - h.start)
                {
                    hovered = Some(c);
                }
            }
            let find_hits = if self.find.open {
                self.find.hits.as_slice()
            } else {
                &[]
            };
            for (n, hit) in find_hits.iter().enumerate() {
                if hit.end <= p_range.start || hit.start >= p_range.end {
                    continue;
                }
                let strong = n == self.find.current;
                for r in layout.range_rects(i, hit.start..hit.end) {
                    let color =
                        Color32::from_rgba_unmultiplied(255, 220, 0, if strong { 160 } else { 80 });
                    painter.rect_filled(r.translate(origin), 1.0, color);
                }
            }
            if let Some(sel) = selection {
                for r in layout.range_rects(i, sel.start..sel.end) {
                    painter.rect_filled(
                        r.translate(origin),
                        0.0,
                        visuals.selection.bg_fill.gamma_multiply(0.7),
                    );
                }
            }
            if let Some(galley) = &p.galley {
                painter.galley(
                    rect.min + vec2(0.0, layout.tops[i]),
                    galley.clone(),
                    layout.text_color,
                );
            }
        }
        if response.secondary_clicked() {
            self.menu_claim = hovered.map(|c| c.id.clone());
        }
        let menu_claim = self.menu_claim.as_ref().and_then(|id| project.claim(id));
        let response = match hovered {
            Some(claim) if menu_claim.is_none() => {
                response.on_hover_ui_at_pointer(|ui| claim_summary_ui(ui, project, claim))
            }
            _ => response,
        };
        if let Some(claim) = menu_claim {
            response.context_menu(|ui| claim_menu_ui(ui, project, claim, actions));
        }
    }
}

/// The colour of an article's text: the body text's in the light theme;
/// in the dark one, brighter than egui's grey (which is about 3:1 on the
/// panel) so that long reading has at least 7:1.
fn article_text_color(visuals: &egui::Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_gray(222)
    } else {
        visuals.text_color()
    }
}

/// The hits of `query` in every document, by document, with a line of
/// context for each of the first few.
fn search_everywhere(project: &Project, query: &str) -> Vec<DocumentHits> {
    if query.is_empty() {
        return Vec::new();
    }
    project
        .documents
        .iter()
        .filter_map(|document| {
            let hits = find_ignoring_ascii_case(&document.text, query);
            if hits.is_empty() {
                return None;
            }
            let shown = hits
                .iter()
                .take(SHOWN_HITS)
                .map(|hit| (*hit, context_line(&document.text, *hit)))
                .collect();
            Some(DocumentHits {
                id: document.id.clone(),
                title: document.title.clone(),
                hits: shown,
                count: hits.len(),
            })
        })
        .collect()
}

/// A hit with up to 40 characters either side, on one line.
fn context_line(text: &str, hit: span::Span) -> String {
    let start = hit.start.saturating_sub(40);
    let around = span::slice(text, span::Span::new(start, hit.end + 40))
        .or_else(|| span::slice(text, span::Span::new(start, hit.end)))
        .unwrap_or_default();
    format!("…{}…", crate::model::one_line(around))
}

/// Every occurrence of `query`, ignoring the case of ASCII letters.
/// ASCII-only lowercasing keeps every character's length, so the offsets
/// found in the lowercased text are the offsets in the text itself.
fn find_ignoring_ascii_case(text: &str, query: &str) -> Vec<span::Span> {
    span::find_all(&text.to_ascii_lowercase(), &query.to_ascii_lowercase())
}

/// The hover summary of a claim: label, quote, value, claimant, grade.
pub fn claim_summary_ui(ui: &mut Ui, project: &Project, claim: &Claim) {
    let label = project
        .label(&claim.label)
        .map_or(claim.label.as_str(), |l| l.name.as_str());
    ui.strong(label);
    ui.label(format!("“{}”", shorten(&claim.quote, 160)));
    if let Some(value) = &claim.value {
        ui.label(format!(
            "value: {value} {} {}",
            claim.unit,
            value.interval()
        ));
    }
    if !claim.claimant.is_empty() {
        ui.label(format!("claimant: {}", claim.claimant));
    }
    let reliability = project
        .source_of_claim(claim)
        .map(|s| s.reliability)
        .unwrap_or_default();
    ui.label(format!(
        "grade: {} · {}",
        crate::model::admiralty_in_words(reliability, claim.credibility),
        claim.verdict.name()
    ));
}

pub use crate::model::shorten;

#[cfg(test)]
mod tests {
    use super::input::word_at;
    use super::span;

    #[test]
    fn find_ignores_ascii_case_and_keeps_code_point_offsets() {
        let hits = super::find_ignoring_ascii_case("«Ölü» Belgorod, BELGOROD", "belgorod");
        assert_eq!(hits, [span::Span::new(6, 14), span::Span::new(16, 24)]);
    }

    #[test]
    fn double_click_selects_a_word_in_non_ascii_text() {
        let text = "«Белгород» — 24 погибших";
        assert_eq!(word_at(text, 3), (1, 9));
        assert_eq!(word_at(text, 13), (13, 15));
    }
}
