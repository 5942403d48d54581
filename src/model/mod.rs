//! The project model of PRODUCT §2: plain data with serde, no GUI, no I/O.

pub mod conflict;
pub mod grades;
pub mod ids;
pub(crate) mod index;
pub mod project;
pub mod propose;
pub mod quantity;
pub mod span;
pub mod time;

pub use conflict::{Conflict, ConflictKind, ObjectKind, Side};
pub use grades::{Credibility, GradeError, Reliability, Verdict, admiralty, admiralty_in_words};
pub use ids::{ClaimId, DocumentId, LabelId, Name, SourceId};
pub(crate) use project::hex;
pub use project::{
    ArguedGrade, Claim, ClaimLink, Color, CredibilityNote, Dismissal, Document, FORMAT_VERSION,
    Label, LinkKind, MAX_DOCUMENT_BYTES, Project, Publisher, Source, SourceKind, normalize_name,
    now, text_hash,
};
pub use propose::{propose_missing, propose_quantity};

/// "1 claim", "2 claims": a count with its noun in agreement.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Text on one line: its runs of white space (line ends too) as one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// At most `max` characters of `text`, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut short: String = text.chars().take(max).collect();
    short.push('…');
    short
}
pub use quantity::{Bound, Interval, Quantity, QuantityError};
pub use span::{Anchor, Span, SpanError, TextIndex};
