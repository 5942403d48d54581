//! The paragraphs of one document, each laid out in its own galley when it
//! first scrolls into view, and the one place where egui's character index
//! within a paragraph meets the document's code-point offsets.

use crate::model::{Document, DocumentId};
use egui::text::CCursor;
use egui::{Color32, FontId, Galley, Rect, Ui, pos2};
use std::ops::Range;
use std::sync::Arc;

pub(super) struct Paragraph {
    /// Code-point offset of the paragraph's first character in the document.
    pub(super) start: usize,
    /// Length in code points, without the '\n'.
    pub(super) chars: usize,
    pub(super) bytes: Range<usize>,
    pub(super) galley: Option<Arc<Galley>>,
    pub(super) height: f32,
}

pub(super) struct TextLayout {
    pub(super) document: DocumentId,
    pub(super) text_hash: String,
    pub(super) wrap_width: f32,
    pub(super) text_color: Color32,
    pub(super) paragraphs: Vec<Paragraph>,
    /// tops[i] is the y of paragraph i; tops[n] is the total height.
    pub(super) tops: Vec<f32>,
}

pub(super) const FONT_SIZE: f32 = 15.0;

/// Space under each paragraph, so that paragraphs read as paragraphs.
pub(super) const PARAGRAPH_GAP: f32 = 6.0;

pub(super) fn font() -> FontId {
    FontId::proportional(FONT_SIZE)
}

impl TextLayout {
    pub(super) fn new(document: &Document, wrap_width: f32, text_color: Color32) -> Self {
        let mut paragraphs = Vec::new();
        let (mut start, mut byte) = (0, 0);
        for line in document.text.split('\n') {
            let chars = line.chars().count();
            paragraphs.push(Paragraph {
                start,
                chars,
                bytes: byte..byte + line.len(),
                galley: None,
                height: estimate_height(chars, wrap_width),
            });
            start += chars + 1;
            byte += line.len() + 1;
        }
        let mut layout = Self {
            document: document.id.clone(),
            text_hash: document.text_hash.clone(),
            wrap_width,
            text_color,
            paragraphs,
            tops: Vec::new(),
        };
        layout.update_tops();
        layout
    }

    pub(super) fn update_tops(&mut self) {
        self.tops.clear();
        let mut y = 0.0;
        for p in &self.paragraphs {
            self.tops.push(y);
            y += p.height;
        }
        self.tops.push(y);
    }

    /// The code points from paragraph `first` to the end of paragraph `last`.
    pub(super) fn visible_range(&self, first: usize, last: usize) -> Range<usize> {
        let start = self.paragraphs.get(first).map_or(0, |p| p.start);
        let end = self
            .paragraphs
            .get(last.min(self.paragraphs.len().saturating_sub(1)))
            .map_or(start, |p| p.start + p.chars + 1);
        start..end
    }

    /// The document's length in code points.
    /// The byte offset in `text` of code point `offset`, counted from the
    /// start of its paragraph only; `None` past the end.
    pub(super) fn byte_of(&self, text: &str, offset: usize) -> Option<usize> {
        let p = self.paragraphs.get(self.paragraph_of(offset))?;
        let within = offset.checked_sub(p.start)?;
        let paragraph = text.get(p.bytes.start..)?;
        // Just past the paragraph's last character is its '\n' (or the end
        // of the text): `bytes.end` either way.
        paragraph
            .char_indices()
            .nth(within)
            .map(|(byte, _)| p.bytes.start + byte)
            .or_else(|| (within == p.chars).then_some(p.bytes.end))
    }

    pub(super) fn char_count(&self) -> usize {
        self.paragraphs.last().map_or(0, |p| p.start + p.chars)
    }

    pub(super) fn total_height(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// The paragraph at content height `y` (clamped to the first and last).
    pub(super) fn paragraph_at_y(&self, y: f32) -> usize {
        let n = self.paragraphs.len();
        self.tops[..n]
            .partition_point(|&top| top <= y)
            .saturating_sub(1)
    }

    /// The paragraph holding a document offset (an offset at a '\n' belongs
    /// to the paragraph it ends).
    pub(super) fn paragraph_of(&self, offset: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.start <= offset)
            .saturating_sub(1)
    }

    /// Lays out paragraph `i` if it is not yet; returns true when its height changed.
    pub(super) fn ensure_galley(&mut self, ui: &Ui, text: &str, i: usize) -> bool {
        let Some(p) = self.paragraphs.get_mut(i) else {
            return false;
        };
        if p.galley.is_some() {
            return false;
        }
        // A '\r' of a CRLF text would show as a missing glyph; a space keeps
        // the character count, which the offsets depend on.
        let line = text
            .get(p.bytes.clone())
            .unwrap_or_default()
            .replace('\r', " ");
        let galley = ui
            .painter()
            .layout(line, font(), self.text_color, self.wrap_width);
        let height = galley.size().y.max(FONT_SIZE) + PARAGRAPH_GAP;
        p.galley = Some(galley);
        let changed = (height - p.height).abs() > 0.5;
        p.height = height;
        changed
    }

    // The one place where egui's character index within a paragraph and the
    // document's code-point offsets meet.

    /// The document offset of a cursor in paragraph `i`.
    pub(super) fn to_offset(&self, i: usize, cursor: CCursor) -> usize {
        self.paragraphs
            .get(i)
            .map_or(0, |p| p.start + cursor.index.0.min(p.chars))
    }

    /// The paragraph and cursor of a document offset.
    pub(super) fn to_cursor(&self, offset: usize) -> (usize, CCursor) {
        let i = self.paragraph_of(offset);
        let column = self
            .paragraphs
            .get(i)
            .map_or(0, |p| offset.saturating_sub(p.start).min(p.chars));
        (i, CCursor::new(column))
    }

    /// Rectangles, relative to the text's top-left, covering `range` in paragraph `i`.
    pub(super) fn range_rects(&self, i: usize, range: Range<usize>) -> Vec<Rect> {
        let Some(p) = self.paragraphs.get(i) else {
            return Vec::new();
        };
        let Some(galley) = &p.galley else {
            return Vec::new();
        };
        let from = range.start.max(p.start) - p.start;
        let to = range.end.min(p.start + p.chars).saturating_sub(p.start);
        if from >= to {
            return Vec::new();
        }
        let top = self.tops[i];
        let mut rects = Vec::new();
        let mut row_start = 0;
        for row in &galley.rows {
            let row_end = row_start + row.char_count_including_newline().0;
            let (a, b) = (from.max(row_start), to.min(row_end));
            if a < b {
                let x0 = row.pos.x + row.x_offset(egui::text::CharIndex(a - row_start));
                let x1 = row.pos.x + row.x_offset(egui::text::CharIndex(b - row_start));
                rects.push(Rect::from_min_max(
                    pos2(x0, top + row.min_y()),
                    pos2(x1, top + row.max_y()),
                ));
            }
            row_start = row_end;
        }
        rects
    }
}

pub(super) fn estimate_height(chars: usize, wrap_width: f32) -> f32 {
    let per_row = (wrap_width / (FONT_SIZE * 0.5)).max(1.0);
    let rows = (chars as f32 / per_row).ceil().max(1.0);
    rows * FONT_SIZE * 1.3 + PARAGRAPH_GAP
}
