//! Every change to a [`Project`] goes through [`apply`], which returns the
//! edit that undoes it. Undo/redo, the unsaved marker, autosave and
//! re-running the checker all hang off this one door, so none of them can be
//! forgotten by a new feature.

mod describe;
mod fields;

pub use describe::{Target, conflict_in_words, past_tense};
pub use fields::{ClaimField, DocumentField, LabelField, SourceField};

use crate::model::{
    Claim, ClaimId, Conflict, Dismissal, Document, DocumentId, Label, LabelId, Project, Publisher,
    Side, Source, SourceId, span, text_hash,
};
use chrono::{DateTime, Utc};
use foldhash::{HashSet, HashSetExt};

/// One change to a project. Applying it returns its inverse.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Renames the project.
    Rename(String),
    /// Sets (or clears) the organisation that publishes the project's checks.
    SetPublisher(Option<Publisher>),
    /// Inserts a label at `index` (clamped to the end).
    InsertLabel { index: usize, label: Label },
    /// Sets one field of a label.
    SetLabel { id: LabelId, field: LabelField },
    /// Removes a label that no claim has.
    RemoveLabel(LabelId),
    /// Inserts a source at `index` (clamped to the end).
    InsertSource { index: usize, source: Source },
    /// Sets one field of a source.
    SetSource { id: SourceId, field: SourceField },
    /// Removes a source that no document names.
    RemoveSource(SourceId),
    /// Inserts a document at `index` (clamped to the end).
    InsertDocument { index: usize, document: Document },
    /// Sets one field of a document (never its text).
    SetDocument {
        id: DocumentId,
        field: DocumentField,
    },
    /// Removes a document that no claim is in.
    RemoveDocument(DocumentId),
    /// Inserts a claim at `index` (clamped to the end).
    InsertClaim { index: usize, claim: Claim },
    /// Replaces the claim with the same id, as a whole: what moving it to
    /// another span takes (the caller stamps `modified`, so that undo
    /// restores the old time exactly).
    ReplaceClaim(Claim),
    /// Sets one field of a claim and stamps its `modified` time: with the
    /// clock of [`apply_at`] when `modified` is `None`, else with that time
    /// (which is how the inverse puts the old time back).
    SetClaim {
        id: ClaimId,
        field: ClaimField,
        modified: Option<DateTime<Utc>>,
    },
    /// Removes a claim and every link that points at it.
    RemoveClaim(ClaimId),
    /// Removes claims and every link that points at them, in one pass over
    /// the list: what deleting a document with its claims takes.
    RemoveClaims(Vec<ClaimId>),
    /// Puts claims back where they were: each at its position in the list
    /// they make, in increasing order (the inverse of `RemoveClaims`).
    InsertClaims(Vec<(usize, Claim)>),
    /// Records a dismissed finding, in place of an older dismissal of the
    /// same fingerprint (which its inverse puts back).
    Dismiss(Dismissal),
    /// Re-opens a dismissed finding.
    Undismiss { fingerprint: String },
    /// Takes a side on the merge conflict at `index` in the project's list:
    /// removes its record (the edits that put the side's value in place go
    /// before it, in one batch; see [`crate::merge::resolution`]).
    SettleConflict { index: usize, taken: Side },
    /// Puts a conflict's record back at `index` (the inverse of settling it).
    InsertConflict { index: usize, conflict: Conflict },
    /// Several edits as one step: all of them apply, or none.
    Batch(Vec<Edit>),
}

impl Edit {
    /// Adds a source at the end of the list.
    pub fn add_source(source: Source) -> Self {
        Self::InsertSource {
            index: usize::MAX,
            source,
        }
    }

    /// Adds a document at the end of the list.
    pub fn add_document(document: Document) -> Self {
        Self::InsertDocument {
            index: usize::MAX,
            document,
        }
    }

    /// Adds a label at the end of the list.
    pub fn add_label(label: Label) -> Self {
        Self::InsertLabel {
            index: usize::MAX,
            label,
        }
    }

    /// Adds a claim at the end of the list.
    pub fn add_claim(claim: Claim) -> Self {
        Self::InsertClaim {
            index: usize::MAX,
            claim,
        }
    }

    /// Removes a source with its documents and their claims, as one step.
    pub fn remove_source_with_documents(project: &Project, id: &SourceId) -> Self {
        let documents: Vec<DocumentId> = project.documents_of(id).map(|d| d.id.clone()).collect();
        let mut edits: Vec<Edit> = documents
            .iter()
            .map(|d| Self::remove_document_with_claims(project, d))
            .collect();
        edits.push(Self::RemoveSource(id.clone()));
        Self::Batch(edits)
    }

    /// Removes a document with its claims, as one step.
    pub fn remove_document_with_claims(project: &Project, id: &DocumentId) -> Self {
        let claims: Vec<ClaimId> = project.claims_in(id).map(|c| c.id.clone()).collect();
        Self::Batch(vec![
            Self::RemoveClaims(claims),
            Self::RemoveDocument(id.clone()),
        ])
    }
}

/// Why an edit could not be applied. The project is unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("there is no {kind} '{id}'")]
    Missing { kind: &'static str, id: String },
    #[error("the {kind} id '{id}' is already taken")]
    Taken { kind: &'static str, id: String },
    #[error("source '{0}' still has documents; remove them first")]
    SourceInUse(String),
    #[error("document '{0}' still has claims; remove them first")]
    DocumentInUse(String),
    #[error("claim '{id}': {problem}")]
    BadClaim { id: String, problem: String },
    #[error("document '{id}': {problem}")]
    BadDocument { id: String, problem: String },
    #[error("label '{id}': {problem}")]
    BadLabel { id: String, problem: String },
    #[error("label '{0}' is still on {1}; relabel or delete them first")]
    LabelInUse(String, String),
    #[error("a publishing organisation needs a name")]
    BadPublisher,
}

/// Applies `edit` to `project` and returns the edit that undoes it. On error
/// the project is left exactly as it was. A claim an edit changes is
/// stamped with the time now.
pub fn apply(project: &mut Project, edit: Edit) -> Result<Edit, EditError> {
    apply_at(project, edit, crate::model::now())
}

/// Applies `edit` as [`apply`] does, stamping changed claims with `now`:
/// the clock is passed in, so that tests (and a merge) stay exact.
pub fn apply_at(project: &mut Project, edit: Edit, now: DateTime<Utc>) -> Result<Edit, EditError> {
    // O(1) when the index is current, which every edit through here keeps it.
    project.reindex();
    apply_one(project, edit, now)
}

/// The lengths of the three indexed lists.
fn lens(project: &Project) -> [usize; 3] {
    [
        project.sources.len(),
        project.documents.len(),
        project.claims.len(),
    ]
}

fn apply_one(project: &mut Project, edit: Edit, now: DateTime<Utc>) -> Result<Edit, EditError> {
    match edit {
        Edit::Rename(name) => Ok(Edit::Rename(std::mem::replace(&mut project.name, name))),
        Edit::SetPublisher(publisher) => {
            if let Some(p) = &publisher
                && p.name.trim().is_empty()
            {
                return Err(EditError::BadPublisher);
            }
            Ok(Edit::SetPublisher(std::mem::replace(
                &mut project.publisher,
                publisher,
            )))
        }
        Edit::InsertLabel { index, label } => {
            if project.label(&label.id).is_some() {
                return Err(taken("label", label.id.as_str()));
            }
            check_label(project, &label)?;
            let id = label.id.clone();
            insert_clamped(&mut project.labels, index, label);
            Ok(Edit::RemoveLabel(id))
        }
        Edit::SetLabel { id, field } => {
            let at = position(&project.labels, |l| l.id == id)
                .ok_or_else(|| missing("label", id.as_str()))?;
            let mut changed = project.labels[at].clone();
            let field = field.swap(&mut changed);
            check_label(project, &changed)?;
            project.labels[at] = changed;
            Ok(Edit::SetLabel { id, field })
        }
        Edit::RemoveLabel(id) => {
            let at = position(&project.labels, |l| l.id == id)
                .ok_or_else(|| missing("label", id.as_str()))?;
            let users = project.claims.iter().filter(|c| c.label == id).count();
            if users > 0 {
                let claims = crate::model::counted(users, "claim", "claims");
                return Err(EditError::LabelInUse(id.to_string(), claims));
            }
            let label = project.labels.remove(at);
            Ok(Edit::InsertLabel { index: at, label })
        }
        Edit::InsertSource { index, source } => {
            if project.source(&source.id).is_some() {
                return Err(taken("source", source.id.as_str()));
            }
            let id = source.id.clone();
            insert_clamped(&mut project.sources, index, source);
            sources_or_documents_changed(project);
            Ok(Edit::RemoveSource(id))
        }
        Edit::SetSource { id, field } => {
            let source = project
                .source_mut(&id)
                .ok_or_else(|| missing("source", id.as_str()))?;
            let field = field.swap(source);
            Ok(Edit::SetSource { id, field })
        }
        Edit::RemoveSource(id) => {
            let index = project
                .source_position(&id)
                .ok_or_else(|| missing("source", id.as_str()))?;
            if project.documents_of(&id).next().is_some() {
                return Err(EditError::SourceInUse(id.into()));
            }
            let source = project.sources.remove(index);
            sources_or_documents_changed(project);
            Ok(Edit::InsertSource { index, source })
        }
        Edit::InsertDocument {
            index,
            mut document,
        } => {
            if project.document(&document.id).is_some() {
                return Err(taken("document", document.id.as_str()));
            }
            if project.source(&document.source).is_none() {
                return Err(missing("source", document.source.as_str()));
            }
            if let Err(problem) = crate::model::project::check_document_text(&document.text) {
                return Err(EditError::BadDocument {
                    id: document.id.to_string(),
                    problem,
                });
            }
            document.text_hash = text_hash(&document.text);
            let id = document.id.clone();
            insert_clamped(&mut project.documents, index, document);
            sources_or_documents_changed(project);
            Ok(Edit::RemoveDocument(id))
        }
        Edit::SetDocument { id, field } => {
            if let DocumentField::Source(source) = &field
                && project.source(source).is_none()
            {
                return Err(missing("source", source.as_str()));
            }
            let document = project
                .document_mut(&id)
                .ok_or_else(|| missing("document", id.as_str()))?;
            let field = field.swap(document);
            Ok(Edit::SetDocument { id, field })
        }
        Edit::RemoveDocument(id) => {
            let index = project
                .document_position(&id)
                .ok_or_else(|| missing("document", id.as_str()))?;
            if project.index.claims_in(&id) > 0 {
                return Err(EditError::DocumentInUse(id.into()));
            }
            let document = project.documents.remove(index);
            sources_or_documents_changed(project);
            Ok(Edit::InsertDocument { index, document })
        }
        Edit::InsertClaim { index, claim } => {
            check_claim(project, &claim)?;
            if project.claim(&claim.id).is_some() {
                return Err(taken("claim", claim.id.as_str()));
            }
            let id = claim.id.clone();
            let at = index.min(project.claims.len());
            project.claims.insert(at, claim);
            let lens = lens(project);
            project.index.claim_inserted(&project.claims, at, lens);
            Ok(Edit::RemoveClaim(id))
        }
        Edit::InsertClaims(claims) => insert_claims(project, claims),
        Edit::ReplaceClaim(claim) => {
            check_claim(project, &claim)?;
            let at = project
                .claim_position(&claim.id)
                .ok_or_else(|| missing("claim", claim.id.as_str()))?;
            let old = std::mem::replace(&mut project.claims[at], claim);
            project.index.claim_replaced(&old, &project.claims[at]);
            Ok(Edit::ReplaceClaim(old))
        }
        Edit::SetClaim {
            id,
            field,
            modified,
        } => {
            if let ClaimField::Label(label) = &field
                && project.label(label).is_none()
            {
                return Err(EditError::BadClaim {
                    id: id.to_string(),
                    problem: format!("label '{label}' does not exist"),
                });
            }
            let at = project
                .claim_position(&id)
                .ok_or_else(|| missing("claim", id.as_str()))?;
            let links_before =
                matches!(field, ClaimField::Links(_)).then(|| project.claims[at].clone());
            let claim = &mut project.claims[at];
            let field = field.swap(claim);
            let old = std::mem::replace(&mut claim.modified, modified.unwrap_or(now));
            if let Some(before) = links_before {
                project.index.claim_replaced(&before, &project.claims[at]);
            }
            Ok(Edit::SetClaim {
                id,
                field,
                modified: Some(old),
            })
        }
        Edit::RemoveClaim(id) => remove_claims(project, vec![id]),
        Edit::RemoveClaims(ids) => remove_claims(project, ids),
        Edit::Dismiss(dismissal) => {
            let same = |d: &Dismissal| d.fingerprint == dismissal.fingerprint;
            match project.dismissed.iter_mut().find(|d| same(d)) {
                // A stale dismissal of the same finding is replaced where
                // it stands; the inverse puts it back there.
                Some(older) => Ok(Edit::Dismiss(std::mem::replace(older, dismissal))),
                None => {
                    let fingerprint = dismissal.fingerprint.clone();
                    project.dismissed.push(dismissal);
                    Ok(Edit::Undismiss { fingerprint })
                }
            }
        }
        Edit::Undismiss { fingerprint } => {
            let index = position(&project.dismissed, |d| d.fingerprint == fingerprint)
                .ok_or_else(|| missing("dismissed finding", &fingerprint))?;
            Ok(Edit::Dismiss(project.dismissed.remove(index)))
        }
        Edit::SettleConflict { index, .. } => {
            if index >= project.conflicts.len() {
                return Err(missing("conflict", &index.to_string()));
            }
            let conflict = project.conflicts.remove(index);
            Ok(Edit::InsertConflict { index, conflict })
        }
        Edit::InsertConflict { index, conflict } => {
            let index = index.min(project.conflicts.len());
            // Undoing a settlement takes the same side again on redo.
            let taken = Side::Ours;
            project.conflicts.insert(index, conflict);
            Ok(Edit::SettleConflict { index, taken })
        }
        Edit::Batch(edits) => apply_batch(project, edits, now),
    }
}

/// A label's name is not empty and its key, 1–9, is no other label's.
fn check_label(project: &Project, label: &Label) -> Result<(), EditError> {
    let bad = |problem: String| EditError::BadLabel {
        id: label.id.to_string(),
        problem,
    };
    if label.name.trim().is_empty() {
        return Err(bad("a label needs a name".into()));
    }
    if let Some(key) = label.key {
        if !(1..=9).contains(&key) {
            return Err(bad(format!("key {key} is not one of 1–9")));
        }
        if let Some(other) = project
            .labels
            .iter()
            .find(|l| l.id != label.id && l.key == Some(key))
        {
            return Err(bad(format!("key {key} is already label '{}'", other.name)));
        }
    }
    Ok(())
}

/// Makes the positions of sources and documents known again after one of
/// them came or went (a few thousand at most).
fn sources_or_documents_changed(project: &mut Project) {
    let claims = project.claims.len();
    project
        .index
        .lists_changed(&project.sources, &project.documents, claims);
}

/// Applies edits in order; on the first failure, undoes those applied.
fn apply_batch(
    project: &mut Project,
    edits: Vec<Edit>,
    now: DateTime<Utc>,
) -> Result<Edit, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match apply_at(project, edit, now) {
            Ok(inverse) => inverses.push(inverse),
            Err(error) => {
                for inverse in inverses.into_iter().rev() {
                    // Each inverse was produced from the state it restores,
                    // so applying it cannot fail.
                    let _ = apply_at(project, inverse, now);
                }
                return Err(error);
            }
        }
    }
    inverses.reverse();
    Ok(Edit::Batch(inverses))
}

/// Removes claims and the links pointing at them, in one pass over the
/// list however many they are; the inverse restores both.
fn remove_claims(project: &mut Project, ids: Vec<ClaimId>) -> Result<Edit, EditError> {
    let mut leaving: HashSet<&ClaimId> = HashSet::with_capacity(ids.len());
    for id in &ids {
        if project.claim_position(id).is_none() {
            return Err(missing("claim", id.as_str()));
        }
        leaving.insert(id);
    }
    // The claims that stay but link to one that leaves lose those links.
    let mut linkers: Vec<ClaimId> = ids
        .iter()
        .flat_map(|id| project.index.linked_from(id).iter().cloned())
        .filter(|linker| !leaving.contains(linker))
        .collect();
    linkers.sort_unstable_by(|a, b| a.as_str().cmp(b.as_str()));
    linkers.dedup();
    let mut restore = Vec::new();
    for linker in &linkers {
        let Some(at) = project.claim_position(linker) else {
            continue;
        };
        let before = project.claims[at].clone();
        project.claims[at]
            .links
            .retain(|l| !leaving.contains(&l.target));
        project.index.claim_replaced(&before, &project.claims[at]);
        restore.push(Edit::ReplaceClaim(before));
    }
    let removed: Vec<(usize, Claim)> = if let [id] = ids.as_slice() {
        // One claim: a move of the list's tail, no pass over it.
        let at = project.claim_position(id).unwrap_or(0);
        vec![(at, project.claims.remove(at))]
    } else {
        let mut removed = Vec::with_capacity(ids.len());
        let mut kept =
            Vec::with_capacity(project.claims.len() - ids.len().min(project.claims.len()));
        for (n, claim) in std::mem::take(&mut project.claims).into_iter().enumerate() {
            if leaving.contains(&claim.id) {
                removed.push((n, claim));
            } else {
                kept.push(claim);
            }
        }
        project.claims = kept;
        removed
    };
    let lens = lens(project);
    for (_, claim) in &removed {
        project.index.claim_removed(claim, lens);
    }
    let reinsert = match removed.len() {
        1 => {
            let (index, claim) = removed.into_iter().next().expect("one claim");
            Edit::InsertClaim { index, claim }
        }
        _ => Edit::InsertClaims(removed),
    };
    restore.insert(0, reinsert);
    Ok(if restore.len() == 1 {
        restore.remove(0)
    } else {
        Edit::Batch(restore)
    })
}

/// Puts claims back at their positions (those of the list they will make,
/// in increasing order), in one pass over the list.
fn insert_claims(project: &mut Project, claims: Vec<(usize, Claim)>) -> Result<Edit, EditError> {
    let mut coming: HashSet<&ClaimId> = HashSet::with_capacity(claims.len());
    for (_, claim) in &claims {
        check_claim(project, claim)?;
        if project.claim(&claim.id).is_some() || !coming.insert(&claim.id) {
            return Err(taken("claim", claim.id.as_str()));
        }
    }
    drop(coming);
    let ids: Vec<ClaimId> = claims.iter().map(|(_, c)| c.id.clone()).collect();
    let total = project.claims.len() + claims.len();
    let mut merged = Vec::with_capacity(total);
    let mut staying = std::mem::take(&mut project.claims).into_iter();
    for (at, claim) in claims {
        while merged.len() < at.min(total) {
            match staying.next() {
                Some(next) => merged.push(next),
                None => break,
            }
        }
        merged.push(claim);
    }
    merged.extend(staying);
    project.claims = merged;
    let arrived: HashSet<&ClaimId> = ids.iter().collect();
    let lens = lens(project);
    for (at, claim) in project.claims.iter().enumerate() {
        if arrived.contains(&claim.id) {
            project.index.claim_inserted(&project.claims, at, lens);
        }
    }
    Ok(Edit::RemoveClaims(ids))
}

/// A claim must sit in an existing document, on a span of its text, with a
/// label the project defines.
fn check_claim(project: &mut Project, claim: &Claim) -> Result<(), EditError> {
    let bad = |problem: String| EditError::BadClaim {
        id: claim.id.to_string(),
        problem,
    };
    let at = project
        .document_position(&claim.document)
        .ok_or_else(|| bad(format!("document '{}' does not exist", claim.document)))?;
    // The text's length is counted once per document, not once per claim.
    let chars = project.index.chars(&project.documents[at]);
    span::check_span_in(chars, claim.span()).map_err(|e| bad(e.to_string()))?;
    if project.label(&claim.label).is_none() {
        return Err(bad(format!("label '{}' does not exist", claim.label)));
    }
    Ok(())
}

fn insert_clamped<T>(items: &mut Vec<T>, index: usize, item: T) {
    let index = index.min(items.len());
    items.insert(index, item);
}

fn position<T>(items: &[T], matches: impl Fn(&T) -> bool) -> Option<usize> {
    items.iter().position(matches)
}

fn missing(kind: &'static str, id: &str) -> EditError {
    EditError::Missing {
        kind,
        id: id.to_owned(),
    }
}

fn taken(kind: &'static str, id: &str) -> EditError {
    EditError::Taken {
        kind,
        id: id.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Label, LabelId, Span};

    fn project_with_document() -> Project {
        let mut project = Project::new("test");
        let source = Source::new("Outlet");
        let document = Document::new(
            "d1".into(),
            "Title",
            source.id.clone(),
            "24 people were killed.".into(),
        );
        project.sources.push(source);
        project.documents.push(document);
        project
    }

    fn claim_on(project: &Project, span: Span) -> Claim {
        let document = &project.documents[0];
        let anchor = span::anchor(&document.text, span).unwrap();
        Claim::new(
            document.id.clone(),
            anchor,
            Label::default_set()[0].id.clone(),
            "tester",
        )
    }

    #[test]
    fn labels_are_added_renamed_rekeyed_and_removed_only_when_unused() {
        let mut project = project_with_document();
        project.labels = Label::default_set();
        let before = project.clone();
        let label = Label {
            id: LabelId::from("rumour"),
            name: "rumour".into(),
            color: crate::model::Color([1, 2, 3]),
            key: Some(6),
        };
        let undo_add = apply(&mut project, Edit::add_label(label.clone())).unwrap();
        // A key that another label has is refused, and so is an empty name.
        let taken_key = Edit::SetLabel {
            id: label.id.clone(),
            field: LabelField::Key(Some(1)),
        };
        assert!(matches!(
            apply(&mut project, taken_key),
            Err(EditError::BadLabel { .. })
        ));
        let no_name = Edit::SetLabel {
            id: label.id.clone(),
            field: LabelField::Name(" ".into()),
        };
        assert!(apply(&mut project, no_name).is_err());
        let rename = Edit::SetLabel {
            id: label.id.clone(),
            field: LabelField::Name("unverified rumour".into()),
        };
        let undo_rename = apply(&mut project, rename).unwrap();
        assert_eq!(project.labels[5].name, "unverified rumour");
        apply(&mut project, undo_rename).unwrap();
        assert_eq!(project.labels[5], label);
        // In use: not removed.
        let mut claim = claim_on(&project, Span::new(0, 2));
        claim.label = label.id.clone();
        let undo_claim = apply(&mut project, Edit::add_claim(claim)).unwrap();
        assert_eq!(
            apply(&mut project, Edit::RemoveLabel(label.id.clone())),
            Err(EditError::LabelInUse("rumour".into(), "1 claim".into()))
        );
        apply(&mut project, undo_claim).unwrap();
        apply(&mut project, undo_add).unwrap();
        assert_eq!(project, before);
    }

    #[test]
    fn undoing_an_added_claim_restores_the_project() {
        let mut project = project_with_document();
        let before = project.clone();
        let claim = claim_on(&project, Span::new(0, 9));
        let undo = apply(&mut project, Edit::add_claim(claim.clone())).unwrap();
        assert_eq!(project.claims, vec![claim]);
        let redo = apply(&mut project, undo).unwrap();
        assert_eq!(project, before);
        apply(&mut project, redo).unwrap();
        assert_eq!(project.claims.len(), 1);
    }

    #[test]
    fn a_failing_batch_changes_nothing() {
        let mut project = project_with_document();
        let before = project.clone();
        let good = claim_on(&project, Span::new(0, 2));
        let mut bad = claim_on(&project, Span::new(0, 2));
        bad.label = LabelId::from("nonexistent");
        let result = apply(
            &mut project,
            Edit::Batch(vec![Edit::add_claim(good), Edit::add_claim(bad)]),
        );
        assert!(matches!(result, Err(EditError::BadClaim { .. })));
        assert_eq!(project, before);
    }

    #[test]
    fn a_claim_past_the_end_of_its_text_is_refused() {
        let mut project = project_with_document();
        let mut claim = claim_on(&project, Span::new(0, 2));
        claim.end = 10_000;
        assert!(apply(&mut project, Edit::add_claim(claim)).is_err());
        assert!(project.claims.is_empty());
    }

    #[test]
    fn removing_a_source_with_documents_takes_them_along_and_undoes_as_one() {
        let mut project = project_with_document();
        let claim = claim_on(&project, Span::new(0, 2));
        let _ = apply(&mut project, Edit::add_claim(claim)).unwrap();
        let before = project.clone();
        let source = project.sources[0].id.clone();
        assert!(matches!(
            apply(&mut project, Edit::RemoveSource(source.clone())),
            Err(EditError::SourceInUse(_))
        ));
        let undo = apply(
            &mut project,
            Edit::remove_source_with_documents(&before, &source),
        )
        .unwrap();
        assert!(
            project.sources.is_empty() && project.documents.is_empty() && project.claims.is_empty()
        );
        apply(&mut project, undo).unwrap();
        assert_eq!(project, before);
    }

    #[test]
    fn removing_a_claim_drops_links_to_it_and_undo_restores_them() {
        let mut project = project_with_document();
        let first = claim_on(&project, Span::new(0, 2));
        let mut second = claim_on(&project, Span::new(3, 9));
        second.links.push(crate::model::ClaimLink {
            kind: crate::model::LinkKind::Supports,
            target: first.id.clone(),
        });
        let _ = apply(
            &mut project,
            Edit::Batch(vec![
                Edit::add_claim(first.clone()),
                Edit::add_claim(second),
            ]),
        )
        .unwrap();
        let before = project.clone();
        let undo = apply(&mut project, Edit::RemoveClaim(first.id.clone())).unwrap();
        assert!(project.claims[0].links.is_empty());
        apply(&mut project, undo).unwrap();
        assert_eq!(project, before);
    }

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000 + seconds, 0).unwrap()
    }

    #[test]
    fn dismissing_over_a_stale_dismissal_undoes_to_it() {
        let mut project = project_with_document();
        let dismissal = |fingerprint: &str, reason: &str| Dismissal {
            fingerprint: fingerprint.into(),
            reason: reason.into(),
            author: "a".into(),
            date: chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
            claims_digest: String::new(),
        };
        project.dismissed = vec![dismissal("f1", "old reason"), dismissal("f2", "other")];
        let before = project.clone();
        let undo = apply(&mut project, Edit::Dismiss(dismissal("f1", "new reason"))).unwrap();
        assert_eq!(project.dismissed[0].reason, "new reason");
        assert_eq!(project.dismissed.len(), 2);
        apply(&mut project, undo).unwrap();
        assert_eq!(project, before);
    }

    #[test]
    fn a_field_edit_holds_the_old_value_and_stamps_the_claim_with_the_clock() {
        let mut project = project_with_document();
        let mut claim = claim_on(&project, Span::new(0, 2));
        claim.modified = at(0);
        apply(&mut project, Edit::add_claim(claim.clone())).unwrap();
        let before = project.clone();
        let set = Edit::SetClaim {
            id: claim.id.clone(),
            field: ClaimField::Note("from the ministry".into()),
            modified: None,
        };
        let undo = apply_at(&mut project, set, at(60)).unwrap();
        assert_eq!(project.claims[0].note, "from the ministry");
        assert_eq!(project.claims[0].modified, at(60));
        assert_eq!(
            undo,
            Edit::SetClaim {
                id: claim.id.clone(),
                field: ClaimField::Note(String::new()),
                modified: Some(at(0)),
            }
        );
        let redo = apply_at(&mut project, undo, at(120)).unwrap();
        assert_eq!(project, before, "undo puts the old time back exactly");
        apply_at(&mut project, redo, at(180)).unwrap();
        assert_eq!(project.claims[0].modified, at(60));
    }

    #[test]
    fn a_title_edit_holds_the_title_not_the_text() {
        let mut project = project_with_document();
        let id = project.documents[0].id.clone();
        let before = project.clone();
        let undo = apply(
            &mut project,
            Edit::SetDocument {
                id: id.clone(),
                field: DocumentField::Title("New title".into()),
            },
        )
        .unwrap();
        assert_eq!(
            undo,
            Edit::SetDocument {
                id,
                field: DocumentField::Title("Title".into()),
            }
        );
        assert_eq!(project.documents[0].text, before.documents[0].text);
        apply(&mut project, undo).unwrap();
        assert_eq!(project, before);
    }

    #[test]
    fn field_edits_naming_what_does_not_exist_are_refused() {
        let mut project = project_with_document();
        let before = project.clone();
        let id = project.documents[0].id.clone();
        let moved = Edit::SetDocument {
            id,
            field: DocumentField::Source("nowhere".into()),
        };
        assert!(matches!(
            apply(&mut project, moved),
            Err(EditError::Missing { .. })
        ));
        let claim = claim_on(&project, Span::new(0, 2));
        apply(&mut project, Edit::add_claim(claim.clone())).unwrap();
        let relabel = Edit::SetClaim {
            id: claim.id,
            field: ClaimField::Label("nonexistent".into()),
            modified: None,
        };
        assert!(matches!(
            apply(&mut project, relabel),
            Err(EditError::BadClaim { .. })
        ));
        assert_eq!(project.documents, before.documents);
    }
}
