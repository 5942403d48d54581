//! Edits of one field of a document, a source or a claim: an undo step
//! holds that field's old value, not a copy of the object (a document's
//! text, megabytes long, stays where it is).

use crate::model::{
    Claim, ClaimLink, Color, Credibility, CredibilityNote, Document, Label, LabelId, Quantity,
    Reliability, Source, SourceId, SourceKind, Verdict,
};
use chrono::NaiveDate;

/// One field of a document. Its text is not one: every claim's offsets
/// hang on it, so a document's text never changes once it is in.
#[derive(Clone, Debug, PartialEq)]
pub enum DocumentField {
    Title(String),
    Url(Option<String>),
    Published(Option<NaiveDate>),
    Source(SourceId),
}

impl DocumentField {
    /// The field's name, as the file and a merge key spell it.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Title(_) => "title",
            Self::Url(_) => "url",
            Self::Published(_) => "published",
            Self::Source(_) => "source",
        }
    }

    /// The field called `name`, with `document`'s value.
    pub fn named(name: &str, document: &Document) -> Option<Self> {
        Some(match name {
            "title" => Self::Title(document.title.clone()),
            "url" => Self::Url(document.url.clone()),
            "published" => Self::Published(document.published),
            "source" => Self::Source(document.source.clone()),
            _ => return None,
        })
    }

    /// Puts this value into `document` and returns the one it replaces.
    pub(super) fn swap(self, document: &mut Document) -> Self {
        use std::mem::replace;
        match self {
            Self::Title(v) => Self::Title(replace(&mut document.title, v)),
            Self::Url(v) => Self::Url(replace(&mut document.url, v)),
            Self::Published(v) => Self::Published(replace(&mut document.published, v)),
            Self::Source(v) => Self::Source(replace(&mut document.source, v)),
        }
    }
}

/// One field of a source.
#[derive(Clone, Debug, PartialEq)]
pub enum SourceField {
    Name(String),
    Kind(SourceKind),
    Url(Option<String>),
    Party(Option<String>),
    Reliability(Reliability),
    /// The credibility-note log as a whole (a few notes): adding a note
    /// sets the log with the note at its end.
    Notes(Vec<CredibilityNote>),
}

impl SourceField {
    /// The field's name, as the file and a merge key spell it.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Name(_) => "name",
            Self::Kind(_) => "kind",
            Self::Url(_) => "url",
            Self::Party(_) => "party",
            Self::Reliability(_) => "reliability",
            Self::Notes(_) => "notes",
        }
    }

    /// The field called `name`, with `source`'s value.
    pub fn named(name: &str, source: &Source) -> Option<Self> {
        Some(match name {
            "name" => Self::Name(source.name.clone()),
            "kind" => Self::Kind(source.kind),
            "url" => Self::Url(source.url.clone()),
            "party" => Self::Party(source.party.clone()),
            "reliability" => Self::Reliability(source.reliability),
            "notes" => Self::Notes(source.notes.clone()),
            _ => return None,
        })
    }

    /// Puts this value into `source` and returns the one it replaces.
    pub(super) fn swap(self, source: &mut Source) -> Self {
        use std::mem::replace;
        match self {
            Self::Name(v) => Self::Name(replace(&mut source.name, v)),
            Self::Kind(v) => Self::Kind(replace(&mut source.kind, v)),
            Self::Url(v) => Self::Url(replace(&mut source.url, v)),
            Self::Party(v) => Self::Party(replace(&mut source.party, v)),
            Self::Reliability(v) => Self::Reliability(replace(&mut source.reliability, v)),
            Self::Notes(v) => Self::Notes(replace(&mut source.notes, v)),
        }
    }
}

/// One field of a claim that an analyst sets. Its place (document, span,
/// quote and context) is not one: moving a claim replaces it whole.
#[derive(Clone, Debug, PartialEq)]
pub enum ClaimField {
    Label(LabelId),
    Claimant(String),
    Subject(String),
    Attribute(String),
    Value(Option<Quantity>),
    Unit(String),
    AsOf(Option<NaiveDate>),
    Credibility(Credibility),
    Verdict(Verdict),
    Hedged(bool),
    Note(String),
    Links(Vec<ClaimLink>),
    CredibilityNotes(Vec<CredibilityNote>),
}

impl ClaimField {
    /// The field's name, as the file and a merge key spell it.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Label(_) => "label",
            Self::Claimant(_) => "claimant",
            Self::Subject(_) => "subject",
            Self::Attribute(_) => "attribute",
            Self::Value(_) => "value",
            Self::Unit(_) => "unit",
            Self::AsOf(_) => "as_of",
            Self::Credibility(_) => "credibility",
            Self::Verdict(_) => "verdict",
            Self::Hedged(_) => "hedged",
            Self::Note(_) => "note",
            Self::Links(_) => "links",
            Self::CredibilityNotes(_) => "credibility_notes",
        }
    }

    /// Puts this value into `claim` and returns the one it replaces.
    pub(super) fn swap(self, claim: &mut Claim) -> Self {
        use std::mem::replace;
        match self {
            Self::Label(v) => Self::Label(replace(&mut claim.label, v)),
            Self::Claimant(v) => Self::Claimant(replace(&mut claim.claimant, v)),
            Self::Subject(v) => Self::Subject(replace(&mut claim.subject, v)),
            Self::Attribute(v) => Self::Attribute(replace(&mut claim.attribute, v)),
            Self::Value(v) => Self::Value(replace(&mut claim.value, v)),
            Self::Unit(v) => Self::Unit(replace(&mut claim.unit, v)),
            Self::AsOf(v) => Self::AsOf(replace(&mut claim.as_of, v)),
            Self::Credibility(v) => Self::Credibility(replace(&mut claim.credibility, v)),
            Self::Verdict(v) => Self::Verdict(replace(&mut claim.verdict, v)),
            Self::Hedged(v) => Self::Hedged(replace(&mut claim.hedged, v)),
            Self::Note(v) => Self::Note(replace(&mut claim.note, v)),
            Self::Links(v) => Self::Links(replace(&mut claim.links, v)),
            Self::CredibilityNotes(v) => {
                Self::CredibilityNotes(replace(&mut claim.credibility_notes, v))
            }
        }
    }
}

/// One field of a label: its name, colour and digit key.
#[derive(Clone, Debug, PartialEq)]
pub enum LabelField {
    Name(String),
    Color(Color),
    Key(Option<u8>),
}

impl LabelField {
    /// The field's name, as the file spells it.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Name(_) => "name",
            Self::Color(_) => "color",
            Self::Key(_) => "key",
        }
    }

    /// The field called `name`, with `label`'s value.
    pub fn named(name: &str, label: &Label) -> Option<Self> {
        Some(match name {
            "name" => Self::Name(label.name.clone()),
            "color" => Self::Color(label.color),
            "key" => Self::Key(label.key),
            _ => return None,
        })
    }

    /// Puts this value into `label` and returns the one it replaces.
    pub(super) fn swap(self, label: &mut Label) -> Self {
        use std::mem::replace;
        match self {
            Self::Name(v) => Self::Name(replace(&mut label.name, v)),
            Self::Color(v) => Self::Color(replace(&mut label.color, v)),
            Self::Key(v) => Self::Key(replace(&mut label.key, v)),
        }
    }
}
