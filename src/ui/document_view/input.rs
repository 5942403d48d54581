//! The document view's input: the drag selection from the press origin,
//! double-click on a word, a click on a highlight, Shift+arrows.

use super::DocumentView;
use super::text_layout::{FONT_SIZE, TextLayout};
use crate::model::{Document, Project};
use crate::ui::Action;
use egui::{Pos2, Rect, Ui, Vec2, vec2};

impl DocumentView {
    pub(super) fn pointer_ui(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        text: &str,
        project: &Project,
        document: &Document,
        actions: &mut Vec<Action>,
    ) {
        if response.drag_started() {
            let origin = ui.input(|i| i.pointer.press_origin());
            self.drag_anchor = origin.and_then(|pos| self.offset_at(ui, text, pos));
        }
        if response.dragged()
            && let Some(anchor) = self.drag_anchor
            && let Some(pos) = response.interact_pointer_pos()
            && let Some(cursor) = self.offset_at(ui, text, pos)
        {
            self.selection = Some((anchor, cursor));
            // Dragging past the edge scrolls, so a selection can span screens.
            ui.scroll_to_rect(Rect::from_center_size(pos, Vec2::splat(8.0)), None);
        }
        if response.drag_stopped() {
            self.drag_anchor = None;
        }
        if response.double_clicked()
            && let Some(pos) = response.interact_pointer_pos()
            && let Some(offset) = self.offset_at(ui, text, pos)
        {
            self.selection = Some(word_at(text, offset));
        } else if response.clicked()
            && let Some(pos) = response.interact_pointer_pos()
            && let Some(offset) = self.offset_at(ui, text, pos)
        {
            self.selection = None;
            let clicked = project
                .claims_in(&document.id)
                .filter(|c| c.start <= offset && offset < c.end)
                .min_by_key(|c| c.end - c.start);
            if let Some(claim) = clicked {
                actions.push(Action::SelectClaim(claim.id.clone()));
            }
        }
        self.keyboard_ui(ui, text);
    }

    /// Shift+arrows move the selection's cursor end, unless a text field is typing.
    fn keyboard_ui(&mut self, ui: &Ui, text: &str) {
        let Some((anchor, cursor)) = self.selection else {
            return;
        };
        if ui.ctx().egui_wants_keyboard_input() {
            return;
        }
        // The layout knows the length; counting the text would cost a pass
        // over megabytes every frame.
        let len = self.layout.as_ref().map_or(0, TextLayout::char_count);
        let (left, right, up, down) = ui.input_mut(|i| {
            let shift = egui::Modifiers::SHIFT;
            (
                i.consume_key(shift, egui::Key::ArrowLeft),
                i.consume_key(shift, egui::Key::ArrowRight),
                i.consume_key(shift, egui::Key::ArrowUp),
                i.consume_key(shift, egui::Key::ArrowDown),
            )
        });
        let mut cursor = cursor;
        if left {
            cursor = cursor.saturating_sub(1);
        }
        if right {
            cursor = (cursor + 1).min(len);
        }
        if (up || down)
            && let Some(pos) = self.screen_pos(cursor)
        {
            let step = FONT_SIZE * 1.3 * if up { -1.0 } else { 1.0 };
            if let Some(moved) = self.offset_at(ui, text, pos + vec2(0.0, step)) {
                cursor = moved;
            }
        }
        self.selection = Some((anchor, cursor));
    }
}

/// The offset under `pos` using only what is already laid out (for hover).
pub(super) fn offset_in_layout(layout: &TextLayout, origin: Pos2, pos: Pos2) -> Option<usize> {
    let i = layout.paragraph_at_y(pos.y - origin.y);
    let galley = layout.paragraphs.get(i)?.galley.as_ref()?;
    let local = pos - origin - vec2(0.0, layout.tops[i]);
    let cursor = galley.cursor_from_pos(local);
    // cursor_from_pos picks the nearest boundary; a hover over the last half
    // of a character should still count as that character.
    let offset = layout.to_offset(i, cursor);
    let drawn = galley.pos_from_cursor(cursor).min.x;
    Some(if drawn > local.x {
        offset.saturating_sub(1)
    } else {
        offset
    })
}

/// The word around `offset`: letters, digits and the marks inside words.
pub(super) fn word_at(text: &str, offset: usize) -> (usize, usize) {
    let chars: Vec<char> = text.chars().collect();
    let in_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-';
    let at = offset.min(chars.len().saturating_sub(1));
    if chars.get(at).is_none_or(|&c| !in_word(c)) {
        return (offset, offset);
    }
    let mut start = at;
    while start > 0 && in_word(chars[start - 1]) {
        start -= 1;
    }
    let mut end = at;
    while end < chars.len() && in_word(chars[end]) {
        end += 1;
    }
    (start, end)
}
