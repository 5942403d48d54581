//! An edit in the analyst's words ("regrade Valley Courier from E to D"), for the
//! Undo and Redo menu items and the status bar, and the object it is
//! about, so that the workbench can show what an undo changed.
//!
//! A description is made from the project *before* the edit applies: that
//! is where the old grade of "from E to D" still is.

use super::{ClaimField, Edit, LabelField, SourceField};
use crate::model::{
    ClaimId, Conflict, DocumentId, LabelId, ObjectKind, Project, Side, SourceId, counted, one_line,
    shorten,
};

/// The longest quote a description carries, in characters.
const QUOTE_CHARS: usize = 40;

/// What an edit is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Claim(ClaimId),
    Source(SourceId),
    Document(DocumentId),
    Label(LabelId),
}

impl Edit {
    /// The edit as an imperative phrase, lower case, judged on the project
    /// it is about to change.
    pub fn describe(&self, project: &Project) -> String {
        match self {
            Self::Rename(name) => format!("rename the project “{name}”"),
            Self::SetPublisher(Some(publisher)) => {
                format!("set the publishing organisation to {}", publisher.name)
            }
            Self::SetPublisher(None) => "clear the publishing organisation".to_owned(),
            Self::InsertLabel { label, .. } => format!("add label {}", label.name),
            Self::SetLabel { id, field } => {
                let name = project.label(id).map_or(id.as_str(), |l| l.name.as_str());
                match field {
                    LabelField::Name(new) => format!("rename label {name} to {new}"),
                    LabelField::Color(color) => format!("recolour label {name} {color}"),
                    LabelField::Key(Some(key)) => format!("give label {name} key {key}"),
                    LabelField::Key(None) => format!("take the key of label {name} away"),
                }
            }
            Self::RemoveLabel(id) => format!("delete label {}", label_name(project, id)),
            Self::InsertSource { source, .. } => format!("add source {}", source.name),
            Self::SetSource { id, field } => {
                let source = project.source(id);
                let name = source.map_or(id.as_str(), |s| s.name.as_str());
                match (field, source) {
                    (SourceField::Reliability(new), Some(old)) => {
                        format!("regrade {name} from {} to {new}", old.reliability)
                    }
                    (SourceField::Notes(notes), Some(old)) if notes.len() > old.notes.len() => {
                        format!("add a credibility note to {name}")
                    }
                    (SourceField::Name(new), _) => format!("rename source {name} to {new}"),
                    (field, _) => format!("edit the {} of {name}", field.name()),
                }
            }
            Self::RemoveSource(id) => format!(
                "delete source {}",
                project.source(id).map_or(id.as_str(), |s| s.name.as_str())
            ),
            Self::InsertDocument { document, .. } => format!("add document “{}”", document.title),
            Self::SetDocument { id, field } => {
                format!("edit the {} of “{}”", field.name(), title(project, id))
            }
            Self::RemoveDocument(id) => format!("delete document “{}”", title(project, id)),
            Self::InsertClaim { claim, .. } => format!("add claim '{}'", short(&claim.quote)),
            Self::ReplaceClaim(claim) => format!("move claim '{}'", short(&claim.quote)),
            Self::SetClaim { id, field, .. } => {
                let claim = project.claim(id);
                let quote = claim.map_or_else(|| id.to_string(), |c| short(&c.quote));
                match (field, claim) {
                    (ClaimField::Credibility(new), Some(old)) => {
                        format!("regrade claim '{quote}' from {} to {new}", old.credibility)
                    }
                    (ClaimField::Label(label), _) => {
                        format!("label claim '{quote}' {}", label_name(project, label))
                    }
                    (ClaimField::Verdict(new), _) => format!("judge claim '{quote}' {new}"),
                    (field, _) => {
                        format!(
                            "edit the {} of claim '{quote}'",
                            field.name().replace('_', " ")
                        )
                    }
                }
            }
            Self::RemoveClaim(id) => format!(
                "delete claim '{}'",
                project
                    .claim(id)
                    .map_or_else(|| id.to_string(), |c| short(&c.quote))
            ),
            Self::RemoveClaims(ids) => format!("delete {}", counted(ids.len(), "claim", "claims")),
            Self::InsertClaims(claims) => {
                format!("restore {}", counted(claims.len(), "claim", "claims"))
            }
            Self::Dismiss(_) => "dismiss a finding".to_owned(),
            Self::Undismiss { .. } => "re-open a finding".to_owned(),
            Self::SettleConflict { index, taken } => match project.conflicts.get(*index) {
                Some(conflict) => format!(
                    "take {} for {}",
                    taken.name(),
                    conflict_in_words(project, conflict)
                ),
                None => format!("take {} for a conflict", taken.name()),
            },
            Self::InsertConflict { .. } => "re-open a merge conflict".to_owned(),
            Self::Batch(edits) => describe_batch(project, edits),
        }
    }

    /// True when the edit only takes things away (a claim, a document
    /// with its claims, a source, a label): the kind the status bar
    /// offers to undo.
    pub fn is_removal(&self) -> bool {
        match self {
            Self::RemoveClaim(_)
            | Self::RemoveClaims(_)
            | Self::RemoveDocument(_)
            | Self::RemoveSource(_)
            | Self::RemoveLabel(_) => true,
            Self::Batch(edits) => !edits.is_empty() && edits.iter().all(Edit::is_removal),
            _ => false,
        }
    }

    /// The last document this edit adds, if it adds one: the one to open.
    pub fn added_document(&self) -> Option<DocumentId> {
        match self {
            Self::InsertDocument { document, .. } => Some(document.id.clone()),
            Self::Batch(edits) => edits.iter().rev().find_map(Edit::added_document),
            _ => None,
        }
    }

    /// The one object this edit is about, when there is one: a batch is
    /// about what its last edit is about (the document a paste adds, not
    /// its new source).
    pub fn target(&self) -> Option<Target> {
        match self {
            Self::Rename(_) | Self::SetPublisher(_) | Self::Dismiss(_) | Self::Undismiss { .. } => {
                None
            }
            Self::SettleConflict { .. } | Self::InsertConflict { .. } => None,
            Self::InsertLabel { label, .. } => Some(Target::Label(label.id.clone())),
            Self::SetLabel { id, .. } | Self::RemoveLabel(id) => Some(Target::Label(id.clone())),
            Self::InsertSource { source, .. } => Some(Target::Source(source.id.clone())),
            Self::SetSource { id, .. } | Self::RemoveSource(id) => Some(Target::Source(id.clone())),
            Self::InsertDocument { document, .. } => Some(Target::Document(document.id.clone())),
            Self::SetDocument { id, .. } | Self::RemoveDocument(id) => {
                Some(Target::Document(id.clone()))
            }
            Self::InsertClaim { claim, .. } | Self::ReplaceClaim(claim) => {
                Some(Target::Claim(claim.id.clone()))
            }
            Self::SetClaim { id, .. } | Self::RemoveClaim(id) => Some(Target::Claim(id.clone())),
            Self::RemoveClaims(ids) => ids.first().cloned().map(Target::Claim),
            Self::InsertClaims(claims) => claims.first().map(|(_, c)| Target::Claim(c.id.clone())),
            Self::Batch(edits) => edits.iter().rev().find_map(Edit::target),
        }
    }
}

/// A batch as the analyst made it: a document deleted with its claims,
/// documents added with their source, else its last edit (with how many
/// more).
fn describe_batch(project: &Project, edits: &[Edit]) -> String {
    let documents_added = edits
        .iter()
        .filter(|e| matches!(e, Edit::InsertDocument { .. }))
        .count();
    let only_additions = edits
        .iter()
        .all(|e| matches!(e, Edit::InsertDocument { .. } | Edit::InsertSource { .. }));
    let settled: Vec<Side> = edits
        .iter()
        .filter_map(|e| match e {
            Edit::SettleConflict { taken, .. } => Some(*taken),
            _ => None,
        })
        .collect();
    match settled.as_slice() {
        [] => {}
        [_] => {
            if let Some(settle) = edits
                .iter()
                .find(|e| matches!(e, Edit::SettleConflict { .. }))
            {
                return settle.describe(project);
            }
        }
        [taken, ..] => {
            return format!(
                "take {} for {}",
                taken.name(),
                counted(settled.len(), "conflict", "conflicts")
            );
        }
    }
    match edits {
        [] => "nothing".to_owned(),
        [Edit::RemoveClaims(claims), Edit::RemoveDocument(id)] => format!(
            "delete document “{}” with {}",
            title(project, id),
            counted(claims.len(), "claim", "claims")
        ),
        _ if only_additions && documents_added > 1 => {
            format!("add {}", counted(documents_added, "document", "documents"))
        }
        [.., last] if only_additions || edits.len() == 1 => last.describe(project),
        [.., Edit::RemoveSource(id)] => format!(
            "delete source {} with its documents",
            project.source(id).map_or(id.as_str(), |s| s.name.as_str())
        ),
        [first, ..] => format!(
            "{} and {}",
            first.describe(project),
            counted(edits.len() - 1, "other change", "other changes")
        ),
    }
}

/// A conflict in words: "claim 'quote' (credibility)".
pub fn conflict_in_words(project: &Project, conflict: &Conflict) -> String {
    let what = match conflict.object {
        ObjectKind::Claim => project
            .claim(&ClaimId::from(conflict.id.as_str()))
            .map(|c| format!("claim '{}'", short(&c.quote))),
        ObjectKind::Source => project
            .source(&SourceId::from(conflict.id.as_str()))
            .map(|s| format!("source {}", s.name)),
        ObjectKind::Document => project
            .document(&DocumentId::from(conflict.id.as_str()))
            .map(|d| format!("document “{}”", d.title)),
        ObjectKind::Label => project
            .label(&LabelId::from(conflict.id.as_str()))
            .map(|l| format!("label {}", l.name)),
        ObjectKind::Project => Some("the project".to_owned()),
        ObjectKind::Dismissal => Some("a dismissed finding".to_owned()),
    }
    .unwrap_or_else(|| format!("{} {}", conflict.object.name(), conflict.id));
    if conflict.field.is_empty() {
        what
    } else {
        format!("{what} ({})", conflict.field.replace('_', " "))
    }
}

fn title<'a>(project: &'a Project, id: &'a DocumentId) -> &'a str {
    project
        .document(id)
        .map_or(id.as_str(), |d| d.title.as_str())
}

fn label_name<'a>(project: &'a Project, id: &'a LabelId) -> &'a str {
    project.label(id).map_or(id.as_str(), |l| l.name.as_str())
}

/// A quote cut to a length a menu item holds, on one line.
fn short(quote: &str) -> String {
    shorten(&one_line(quote), QUOTE_CHARS)
}

/// "delete claim 'x'" → "Deleted claim 'x'": what the status bar says once
/// an edit is done.
pub fn past_tense(phrase: &str) -> String {
    let (verb, rest) = phrase.split_once(' ').unwrap_or((phrase, ""));
    let done = match verb {
        "add" => "Added",
        "delete" => "Deleted",
        "edit" => "Edited",
        "regrade" => "Regraded",
        "judge" => "Judged",
        "label" => "Labelled",
        "move" => "Moved",
        "rename" => "Renamed",
        "recolour" => "Recoloured",
        "give" => "Gave",
        "take" => "Took",
        "restore" => "Restored",
        "dismiss" => "Dismissed",
        "re-open" => "Re-opened",
        other => return format!("Done: {other} {rest}"),
    };
    format!("{done} {rest}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::model::{Reliability, Source};

    #[test]
    fn a_regrade_names_the_source_and_both_grades() {
        let mut project = Project::new("p");
        let mut source = Source::new("Valley Courier");
        source.reliability = Reliability::E;
        let id = source.id.clone();
        project.sources.push(source);
        let edit = Edit::SetSource {
            id: id.clone(),
            field: SourceField::Reliability(Reliability::D),
        };
        assert_eq!(
            edit.describe(&project),
            "regrade Valley Courier from E to D"
        );
        assert_eq!(edit.target(), Some(Target::Source(id)));
        // The inverse, described on the project it undoes, says the way back.
        let inverse = apply(&mut project, edit).unwrap();
        assert_eq!(
            inverse.describe(&project),
            "regrade Valley Courier from D to E"
        );
    }

    #[test]
    fn past_tense_keeps_the_rest_of_the_phrase() {
        assert_eq!(
            past_tense("delete claim 'at least 12 people'"),
            "Deleted claim 'at least 12 people'"
        );
        assert_eq!(past_tense("frobnicate x"), "Done: frobnicate x");
    }

    #[test]
    fn long_quotes_are_cut_on_one_line() {
        let quote = "a\nquote that runs on and on well past what a menu item holds";
        let cut = short(quote);
        assert!(cut.ends_with('…') && !cut.contains('\n'));
        assert_eq!(cut.chars().count(), QUOTE_CHARS + 1);
    }
}
