//! The checker's rules, each with the stable id that files, JSON output,
//! dismissals' fingerprints and scripts know it by.

use serde::{Serialize, Serializer};
use std::fmt;

/// One rule of the checker (PRODUCT §6).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// The file says a format version this build does not write.
    FormatVersion,
    /// An id used by two labels, sources, documents or claims.
    DuplicateId,
    /// A claim in a document that does not exist.
    MissingDocument,
    /// A document of a source that does not exist.
    MissingSource,
    /// A link to a claim that does not exist.
    MissingClaim,
    /// A claim with a label the project does not define.
    MissingLabel,
    /// A span out of bounds, empty or inverted.
    Span,
    /// A quote no longer at its span (with where it is found again).
    QuoteMoved,
    /// A document's text that no longer matches its hash.
    TextHash,
    /// A document's text that is not text (a NUL byte) or too long.
    DocumentText,
    /// Two figures that cannot both be true.
    NumericConflict,
    /// A later figure above an earlier one: a toll that rose.
    NumericUpdate,
    /// A later figure below an earlier one.
    NumericRevision,
    /// A conflict between claimants who are parties on opposite sides.
    PartyDispute,
    /// Graded 1 ("confirmed") with no agreeing claim of another source.
    UnconfirmedCredibility,
    /// Linked as supporting but conflicting, or as contradicting but agreeing.
    LinkMismatch,
    /// A merge conflict nobody has resolved yet.
    MergeConflict,
    /// A rule of the checker itself failed.
    CheckerFailure,
}

impl Rule {
    /// Every rule, in the order of their ids.
    pub const ALL: [Rule; 18] = [
        Rule::CheckerFailure,
        Rule::DocumentText,
        Rule::DuplicateId,
        Rule::FormatVersion,
        Rule::MissingClaim,
        Rule::MissingDocument,
        Rule::MissingLabel,
        Rule::MissingSource,
        Rule::QuoteMoved,
        Rule::Span,
        Rule::TextHash,
        Rule::LinkMismatch,
        Rule::MergeConflict,
        Rule::NumericConflict,
        Rule::NumericRevision,
        Rule::NumericUpdate,
        Rule::PartyDispute,
        Rule::UnconfirmedCredibility,
    ];

    /// The stable id, e.g. `numeric-conflict`.
    pub fn id(self) -> &'static str {
        match self {
            Rule::FormatVersion => "integrity-format-version",
            Rule::DuplicateId => "integrity-duplicate-id",
            Rule::MissingDocument => "integrity-missing-document",
            Rule::MissingSource => "integrity-missing-source",
            Rule::MissingClaim => "integrity-missing-claim",
            Rule::MissingLabel => "integrity-missing-label",
            Rule::Span => "integrity-span",
            Rule::QuoteMoved => "integrity-quote-moved",
            Rule::TextHash => "integrity-text-hash",
            Rule::DocumentText => "integrity-document-text",
            Rule::NumericConflict => "numeric-conflict",
            Rule::NumericUpdate => "numeric-update",
            Rule::NumericRevision => "numeric-revision",
            Rule::PartyDispute => "party-dispute",
            Rule::UnconfirmedCredibility => "unconfirmed-credibility",
            Rule::LinkMismatch => "link-mismatch",
            Rule::MergeConflict => "merge-conflict",
            Rule::CheckerFailure => "checker-failure",
        }
    }

    /// True for the rules about the file's soundness, whose findings are errors.
    pub fn is_integrity(self) -> bool {
        self.id().starts_with("integrity-")
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// Findings sort by rule id, as they did when the id was the rule.
impl Ord for Rule {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.id().cmp(other.id())
    }
}

impl PartialOrd for Rule {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq<&str> for Rule {
    fn eq(&self, other: &&str) -> bool {
        self.id() == *other
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_its_own_id_and_all_lists_them_in_order() {
        let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted);
        assert_eq!(
            serde_json::to_string(&Rule::NumericConflict).unwrap(),
            "\"numeric-conflict\""
        );
    }
}
