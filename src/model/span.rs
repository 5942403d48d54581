//! Spans in a document's text, counted in Unicode code points.
//!
//! Offsets are code points (what Python's `str` indexes), start inclusive,
//! end exclusive, so a span survives re-encoding of the file. Rust strings
//! are indexed by bytes: this module is the one place that converts.

use std::ops::Range;

/// How many code points of context are kept on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

/// A half-open range of code points, `start..end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// Number of code points covered; zero for an empty or inverted span.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers nothing (empty or inverted).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// True when the two spans share at least one code point.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// The number of code points in `text`.
pub fn char_len(text: &str) -> usize {
    text.chars().count()
}

/// The byte offset of code point `index` in `text`; `None` past the end.
/// The end of the text (`index == char_len`) is a valid position.
pub fn byte_offset(text: &str, index: usize) -> Option<usize> {
    if index == 0 {
        return Some(0);
    }
    text.char_indices()
        .map(|(byte, _)| byte)
        .chain(std::iter::once(text.len()))
        .nth(index)
}

/// The code point index of byte offset `byte`; `None` when it is past the
/// end or inside a character.
pub fn char_index(text: &str, byte: usize) -> Option<usize> {
    if !text.is_char_boundary(byte) {
        return None;
    }
    Some(text[..byte].chars().count())
}

/// The text covered by `span`, or `None` when the span is inverted or past the end.
pub fn slice(text: &str, span: Span) -> Option<&str> {
    if span.start > span.end {
        return None;
    }
    let start = byte_offset(text, span.start)?;
    let len = byte_offset(&text[start..], span.len())?;
    Some(&text[start..start + len])
}

/// A quote with the context that lets it be found again if its offsets drift.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub span: Span,
    pub quote: String,
    /// Up to [`CONTEXT_CHARS`] code points before the quote.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] code points after the quote.
    pub suffix: String,
}

/// Why a span cannot be anchored in a text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SpanError {
    #[error("span {start}..{end} is empty")]
    Empty { start: usize, end: usize },
    #[error("span {start}..{end} runs backwards")]
    Inverted { start: usize, end: usize },
    #[error("span {start}..{end} ends past the text, which has {len} characters")]
    OutOfBounds {
        start: usize,
        end: usize,
        len: usize,
    },
}

/// Checks that `span` is a non-empty range inside `text`.
pub fn check_span(text: &str, span: Span) -> Result<(), SpanError> {
    check_span_in(char_len(text), span)
}

/// Checks that `span` is a non-empty range inside a text of `len` code
/// points, for callers that check many spans of one long text.
pub fn check_span_in(len: usize, span: Span) -> Result<(), SpanError> {
    let Span { start, end } = span;
    if start > end {
        return Err(SpanError::Inverted { start, end });
    }
    if start == end {
        return Err(SpanError::Empty { start, end });
    }
    if end > len {
        return Err(SpanError::OutOfBounds { start, end, len });
    }
    Ok(())
}

/// Reads the quote and its context for `span` in `text`.
pub fn anchor(text: &str, span: Span) -> Result<Anchor, SpanError> {
    check_span(text, span)?;
    let start_byte = byte_offset(text, span.start).unwrap_or(text.len());
    let end_byte = start_byte + byte_offset(&text[start_byte..], span.len()).unwrap_or(0);
    anchor_at(text, span, start_byte..end_byte)
}

/// The anchor of `span`, which lies at `bytes` in `text`: what [`anchor`]
/// gives, for a caller that already knows the bytes (the workbench, from
/// its laid-out paragraphs), so nothing is counted from the text's start.
/// An error when `bytes` is not `span`'s text.
pub fn anchor_at(text: &str, span: Span, bytes: Range<usize>) -> Result<Anchor, SpanError> {
    let mismatch = || SpanError::OutOfBounds {
        start: span.start,
        end: span.end,
        len: span.end,
    };
    // An empty or inverted span is refused as `anchor` refuses it.
    check_span_in(span.end, span)?;
    let quote = text.get(bytes.clone()).ok_or_else(mismatch)?;
    if quote.chars().count() != span.len() {
        return Err(mismatch());
    }
    let before = &text[..bytes.start];
    let prefix_start = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(byte, _)| byte);
    let after = &text[bytes.end..];
    let suffix_end = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(byte, _)| byte);
    Ok(Anchor {
        span,
        quote: quote.to_owned(),
        prefix: before[prefix_start..].to_owned(),
        suffix: after[..suffix_end].to_owned(),
    })
}

/// A text indexed for many span look-ups: its length in code points and,
/// unless it is ASCII, the byte offset of every 64th code point, so that
/// finding a span in a 5 MB text does not count characters from its start.
#[derive(Clone, Debug)]
pub struct TextIndex<'a> {
    text: &'a str,
    chars: usize,
    checkpoints: Option<Vec<usize>>,
}

const CHECKPOINT_STEP: usize = 64;

/// A UTF-8 byte of the form `10xxxxxx`, which never starts a code point.
fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

impl<'a> TextIndex<'a> {
    /// Indexes `text` in one pass.
    pub fn new(text: &'a str) -> Self {
        if text.is_ascii() {
            return Self {
                text,
                chars: text.len(),
                checkpoints: None,
            };
        }
        // Counted a block of bytes at a time: in an ASCII block every byte
        // is a code point and the checkpoints can be placed without looking
        // at each one, which makes a mostly English text twice as quick to
        // index as decoding every character.
        const BLOCK: usize = 64;
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT_STEP + 1);
        let mut chars = 0;
        let mut next_checkpoint = 0;
        for (block_no, block) in text.as_bytes().chunks(BLOCK).enumerate() {
            let base = block_no * BLOCK;
            if block.is_ascii() {
                while next_checkpoint < chars + block.len() {
                    checkpoints.push(base + next_checkpoint - chars);
                    next_checkpoint += CHECKPOINT_STEP;
                }
                chars += block.len();
                continue;
            }
            for (offset, &byte) in block.iter().enumerate() {
                // Every byte but a UTF-8 continuation byte starts a code point.
                if !is_continuation(byte) {
                    if chars == next_checkpoint {
                        checkpoints.push(base + offset);
                        next_checkpoint += CHECKPOINT_STEP;
                    }
                    chars += 1;
                }
            }
        }
        Self {
            text,
            chars,
            checkpoints: Some(checkpoints),
        }
    }

    /// The indexed text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The number of code points.
    pub fn char_len(&self) -> usize {
        self.chars
    }

    /// The byte offset of code point `index`; the end of the text is valid.
    pub fn byte_of(&self, index: usize) -> Option<usize> {
        if index > self.chars {
            return None;
        }
        if index == self.chars {
            return Some(self.text.len());
        }
        let Some(checkpoints) = &self.checkpoints else {
            return Some(index);
        };
        let from = *checkpoints.get(index / CHECKPOINT_STEP)?;
        self.text[from..]
            .char_indices()
            .nth(index % CHECKPOINT_STEP)
            .map(|(byte, _)| from + byte)
    }

    /// The text of `span`, or why the span does not fit.
    pub fn slice(&self, span: Span) -> Result<&'a str, SpanError> {
        check_span_in(self.chars, span)?;
        match (self.byte_of(span.start), self.byte_of(span.end)) {
            (Some(a), Some(b)) => Ok(&self.text[a..b]),
            _ => Err(SpanError::OutOfBounds {
                start: span.start,
                end: span.end,
                len: self.chars,
            }),
        }
    }

    /// The quote and its context for `span`, like [`anchor`] but without
    /// walking the text from its start.
    pub fn anchor(&self, span: Span) -> Result<Anchor, SpanError> {
        let quote = self.slice(span)?;
        let before_end = self.byte_of(span.start).unwrap_or(0);
        let after_start = self.byte_of(span.end).unwrap_or(self.text.len());
        let prefix_start = self
            .byte_of(span.start.saturating_sub(CONTEXT_CHARS))
            .unwrap_or(0);
        let suffix_end = self
            .byte_of((span.end + CONTEXT_CHARS).min(self.chars))
            .unwrap_or(self.text.len());
        Ok(Anchor {
            span,
            quote: quote.to_owned(),
            prefix: self.text[prefix_start..before_end].to_owned(),
            suffix: self.text[after_start..suffix_end].to_owned(),
        })
    }
}

/// Every place `needle` occurs in `text`, as code-point spans, in order.
pub fn find_all(text: &str, needle: &str) -> Vec<Span> {
    if needle.is_empty() {
        return Vec::new();
    }
    let needle_chars = char_len(needle);
    let mut spans = Vec::new();
    let mut chars_before = 0;
    let mut last_byte = 0;
    let mut from = 0;
    // Occurrences may overlap ("ha ha" twice in "ha ha ha"): each start is
    // searched for from one character after the last.
    while let Some(found) = memchr::memmem::find(&text.as_bytes()[from..], needle.as_bytes()) {
        let byte = from + found;
        chars_before += text[last_byte..byte].chars().count();
        last_byte = byte;
        spans.push(Span::new(chars_before, chars_before + needle_chars));
        from = byte + text[byte..].chars().next().map_or(1, char::len_utf8);
    }
    spans
}

/// Finds a quote whose offsets no longer fit: the one occurrence, or among
/// several the one whose surrounding text best matches the stored context.
pub fn reanchor(text: &str, quote: &str, prefix: &str, suffix: &str) -> Option<Span> {
    let candidates = find_all(text, quote);
    match candidates.as_slice() {
        [] => None,
        [only] => Some(*only),
        _ => candidates
            .iter()
            .map(|&span| (context_score(text, span, prefix, suffix), span))
            // Ties go to the earliest occurrence, so the answer is stable.
            .max_by_key(|&(score, span)| (score, std::cmp::Reverse(span.start)))
            .filter(|&(score, _)| score > 0)
            .map(|(_, span)| span),
    }
}

/// How many code points of stored context agree with the text around `span`.
fn context_score(text: &str, span: Span, prefix: &str, suffix: &str) -> usize {
    let Ok(found) = anchor(text, span) else {
        return 0;
    };
    let before = found
        .prefix
        .chars()
        .rev()
        .zip(prefix.chars().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let after = found
        .suffix
        .chars()
        .zip(suffix.chars())
        .take_while(|(a, b)| a == b)
        .count();
    before + after
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_code_points_not_bytes() {
        let text = "Белгород — 24 погибших";
        let span = find_all(text, "24")[0];
        assert_eq!(span, Span::new(11, 13));
        assert_eq!(slice(text, span), Some("24"));
        assert_eq!(byte_offset(text, 11), Some("Белгород — ".len()));
        assert_eq!(char_index(text, "Белгород — ".len()), Some(11));
        assert_eq!(char_index(text, 1), None);
    }

    #[test]
    fn anchor_keeps_32_code_points_of_context() {
        let text = format!("{}QUOTE{}", "é".repeat(40), "ü".repeat(40));
        let a = anchor(&text, Span::new(40, 45)).unwrap();
        assert_eq!(a.quote, "QUOTE");
        assert_eq!(a.prefix, "é".repeat(32));
        assert_eq!(a.suffix, "ü".repeat(32));
        let short = anchor("ab", Span::new(0, 1)).unwrap();
        assert_eq!((short.prefix.as_str(), short.suffix.as_str()), ("", "b"));
    }

    #[test]
    fn wrong_spans_are_errors_not_panics() {
        let text = "short";
        assert!(matches!(
            anchor(text, Span::new(3, 2)),
            Err(SpanError::Inverted { .. })
        ));
        assert!(matches!(
            anchor(text, Span::new(2, 2)),
            Err(SpanError::Empty { .. })
        ));
        assert!(matches!(
            anchor(text, Span::new(2, usize::MAX)),
            Err(SpanError::OutOfBounds { .. })
        ));
        assert_eq!(slice(text, Span::new(usize::MAX - 1, usize::MAX)), None);
        assert_eq!(slice(text, Span::new(5, 5)), Some(""));
    }

    #[test]
    fn the_text_index_agrees_with_the_plain_functions() {
        let text = format!(
            "{}Белгород — 24 погибших{}",
            "é".repeat(100),
            "x".repeat(100)
        );
        let index = TextIndex::new(&text);
        assert_eq!(index.char_len(), char_len(&text));
        for (start, end) in [
            (0, 1),
            (63, 65),
            (100, 122),
            (110, 113),
            (200, 222),
            (221, 222),
        ] {
            let span = Span::new(start, end);
            assert_eq!(index.anchor(span), anchor(&text, span), "{span:?}");
        }
        assert!(index.slice(Span::new(5, 500)).is_err());
        assert!(index.slice(Span::new(5, 5)).is_err());
        assert_eq!(TextIndex::new("ascii").slice(Span::new(1, 3)), Ok("sc"));
    }

    #[test]
    fn reanchoring_prefers_the_occurrence_with_matching_context() {
        let text = "killed 24 people. Later: 24 injured.";
        assert_eq!(
            reanchor(text, "24", "Later: ", " injured"),
            Some(Span::new(25, 27))
        );
        assert_eq!(
            reanchor(text, "24", "killed ", " people"),
            Some(Span::new(7, 9))
        );
        assert_eq!(reanchor(text, "25", "", ""), None);
    }
}
