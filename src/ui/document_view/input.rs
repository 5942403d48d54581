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
        // A press in the text takes the keyboard back from a text field,
        // so that keys tag, step and extend again after one click.
        if response.is_pointer_button_down_on() {
            ui.ctx().memory_mut(|m| {
                if let Some(id) = m.focused() {
                    m.surrender_focus(id);
                }
            });
        }
        if response.drag_started() {
            let origin = ui.input(|i| i.pointer.press_origin());
            self.drag_anchor = origin.and_then(|pos| self.offset_at(ui, text, pos));
        }
        if response.dragged()
            && let Some(anchor) = self.drag_anchor
            && let Some(pos) = response.interact_pointer_pos()
            && let Some(cursor) = self.offset_at(ui, text, pos)
        {
            // Whole words, as text editors select with a drag; Alt keeps
            // the character the pointer is at.
            let exact = ui.input(|i| i.modifiers.alt);
            self.selection = Some(if exact {
                (anchor, cursor)
            } else {
                self.snap_to_words(text, anchor, cursor)
            });
            // Dragging past the edge scrolls, so a selection can span screens.
            // At once, not animated: the selection follows the pointer.
            ui.scroll_to_rect_animation(
                Rect::from_center_size(pos, Vec2::splat(8.0)),
                None,
                egui::style::ScrollAnimation::none(),
            );
        }
        if response.drag_stopped() {
            self.drag_anchor = None;
        }
        if response.double_clicked()
            && let Some(pos) = response.interact_pointer_pos()
            && let Some(offset) = self.offset_at(ui, text, pos)
        {
            self.selection = self.word_around(text, offset);
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

    /// Shift+arrows move the selection's end, Shift+Alt+arrows its start,
    /// unless a text field is typing.
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
        let keys = |modifiers: egui::Modifiers| {
            ui.input_mut(|i| {
                [
                    egui::Key::ArrowLeft,
                    egui::Key::ArrowRight,
                    egui::Key::ArrowUp,
                    egui::Key::ArrowDown,
                ]
                .map(|key| i.consume_key(modifiers, key))
            })
        };
        let start_keys = keys(egui::Modifiers::SHIFT | egui::Modifiers::ALT);
        let end_keys = keys(egui::Modifiers::SHIFT);
        let (start, end) = (anchor.min(cursor), anchor.max(cursor));
        let (anchor, cursor, [left, right, up, down]) = if start_keys.contains(&true) {
            // The start moves: the end stays put as the anchor.
            (end, start, start_keys)
        } else if end_keys.contains(&true) {
            (start, end, end_keys)
        } else {
            return;
        };
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

impl DocumentView {
    /// The word around `offset`, found within its paragraph (never a walk
    /// over a whole 5 MB text); `None` off a word.
    fn word_around(&self, text: &str, offset: usize) -> Option<(usize, usize)> {
        let layout = self.layout.as_ref()?;
        let (i, cursor) = layout.to_cursor(offset);
        let paragraph = layout.paragraphs.get(i)?;
        if cursor.index.0 >= paragraph.chars {
            return None;
        }
        let words = text.get(paragraph.bytes.clone())?;
        let (start, end) = word_at(words, cursor.index.0);
        (start < end).then(|| (paragraph.start + start, paragraph.start + end))
    }

    /// A drag from `anchor` to `cursor` widened to whole words at both ends.
    fn snap_to_words(&self, text: &str, anchor: usize, cursor: usize) -> (usize, usize) {
        // The word a position starts in, and the word a position ends.
        let word_start = |o: usize| self.word_around(text, o).map_or(o, |w| w.0);
        let word_end = |o: usize| {
            o.checked_sub(1)
                .and_then(|before| self.word_around(text, before))
                .map_or(o, |w| w.1)
        };
        if cursor >= anchor {
            (word_start(anchor), word_end(cursor))
        } else {
            (word_end(anchor), word_start(cursor))
        }
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
