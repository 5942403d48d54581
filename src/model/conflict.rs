//! A merge conflict recorded as data: what `claimdesk merge` could not
//! decide, kept in the project file itself so that the merged file stays a
//! project every claimdesk opens, and so that it can be resolved later, in
//! the workbench or with `claimdesk resolve`.

use serde::{Deserialize, Serialize};

/// The first format version, and the one a project without conflicts is
/// still written in: older builds keep reading what does not need more.
pub const FIRST_FORMAT_VERSION: u32 = 1;

/// The version that added `conflicts`.
pub const CONFLICTS_FORMAT_VERSION: u32 = 2;

/// What kind of object a conflict is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ObjectKind {
    Project,
    Label,
    Source,
    Document,
    Claim,
    Dismissal,
}

impl ObjectKind {
    /// The kind in words.
    pub fn name(self) -> &'static str {
        match self {
            Self::Project => "project",
            Self::Label => "label",
            Self::Source => "source",
            Self::Document => "document",
            Self::Claim => "claim",
            Self::Dismissal => "dismissed finding",
        }
    }
}

/// Why the two sides could not both be taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// Both sides changed one field, to different values. The project
    /// holds ours.
    Changed,
    /// One side removed the object, the other changed it (or still needs
    /// it: a claim added in a document the other side removed). The
    /// project holds the object.
    RemovedChanged,
    /// Two claims with different ids on the same document, span and label:
    /// both analysts tagged the same words. The project holds both; `ours`
    /// and `theirs` are their ids.
    SameSpan,
}

impl ConflictKind {
    pub fn name(self) -> &'static str {
        match self {
            Self::Changed => "changed on both sides",
            Self::RemovedChanged => "removed on one side, changed on the other",
            Self::SameSpan => "tagged twice",
        }
    }
}

/// Which side of a merge to take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    Ours,
    Theirs,
}

impl Side {
    pub fn name(self) -> &'static str {
        match self {
            Self::Ours => "ours",
            Self::Theirs => "theirs",
        }
    }
}

/// One conflict of a merge. The values are the field's (or, for a removed
/// object, the whole object's) JSON, compact, on one line; `None` where
/// that side does not have the object (or, for `base`, where both added it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub kind: ConflictKind,
    pub object: ObjectKind,
    /// The object's id (a claim's, a source's, a dismissal's fingerprint;
    /// empty for the project itself).
    pub id: String,
    /// The field both sides changed; empty when the conflict is about the
    /// object as a whole.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub field: String,
    #[serde(default)]
    pub base: Option<String>,
    #[serde(default)]
    pub ours: Option<String>,
    #[serde(default)]
    pub theirs: Option<String>,
}

impl Conflict {
    /// How `claimdesk resolve` and the checker name it: the object's id,
    /// and `.field` when it is about one field.
    pub fn key(&self) -> String {
        let id = if self.id.is_empty() {
            self.object.name()
        } else {
            &self.id
        };
        if self.field.is_empty() {
            id.to_owned()
        } else {
            format!("{id}.{}", self.field)
        }
    }

    /// True when `wanted` names this conflict: its key, or its object's id
    /// (which names every conflict on that object).
    pub fn is_named(&self, wanted: &str) -> bool {
        wanted == self.id || wanted == self.key()
    }

    /// One side's value.
    pub fn value(&self, side: Side) -> Option<&str> {
        match side {
            Side::Ours => self.ours.as_deref(),
            Side::Theirs => self.theirs.as_deref(),
        }
    }
}

/// A stored value as a person reads it: a string without its quotes,
/// `(none)` for nothing, anything else as its JSON.
pub fn value_in_words(value: Option<&str>) -> String {
    let Some(json) = value else {
        return "(removed)".to_owned();
    };
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(serde_json::Value::String(text)) if text.is_empty() => "(empty)".to_owned(),
        Ok(serde_json::Value::String(text)) => text,
        Ok(serde_json::Value::Null) => "(none)".to_owned(),
        _ => json.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_conflict_is_named_by_its_object_or_its_field() {
        let conflict = Conflict {
            kind: ConflictKind::Changed,
            object: ObjectKind::Claim,
            id: "c-1".into(),
            field: "credibility".into(),
            base: Some("3".into()),
            ours: Some("2".into()),
            theirs: Some("4".into()),
        };
        assert_eq!(conflict.key(), "c-1.credibility");
        assert!(conflict.is_named("c-1"));
        assert!(conflict.is_named("c-1.credibility"));
        assert!(!conflict.is_named("c-1.note"));
        assert_eq!(value_in_words(conflict.value(Side::Theirs)), "4");
        assert_eq!(value_in_words(Some("\"a note\"")), "a note");
        assert_eq!(value_in_words(Some("null")), "(none)");
        assert_eq!(value_in_words(None), "(removed)");
    }
}
