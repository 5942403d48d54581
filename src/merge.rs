//! The three-way merge of projects behind `claimdesk merge`, git's merge
//! driver for project files.
//!
//! Objects are matched by id, never by line: an object added on one side is
//! added, removed on one side and untouched on the other is removed,
//! changed on one side takes that change. Where both sides changed one
//! object, its fields are merged one by one (through their JSON form, so a
//! field added to the model is merged without a word here): credibility
//! notes are a log that keeps both sides' new entries, links are a set,
//! a note is merged line by line where that is clean, and `modified` is
//! the later time. What cannot be decided is kept as ours and recorded in
//! [`Project::conflicts`], so the result is always a project that opens.

mod lines;

pub use lines::{MergedText, merge_texts, written};

use crate::edit::{DocumentField, Edit, LabelField, SourceField};
use crate::model::{
    Claim, ClaimId, Conflict, ConflictKind, Dismissal, Document, DocumentId, Label, LabelId,
    ObjectKind, Project, Side, Source, SourceId,
};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// What a merge made: the project, and how many conflicts it recorded
/// (not counting those either side already had).
#[derive(Debug)]
pub struct Merged {
    pub project: Project,
    pub new_conflicts: usize,
}

/// Merges the changes from `base` to `theirs` into `ours`. Never fails:
/// what both sides changed differently is kept as ours and recorded as a
/// conflict.
pub fn merge(base: &Project, ours: &Project, theirs: &Project) -> Merged {
    // Two analysts who each added a document under one id but with other
    // texts added two documents: theirs takes a free id, with its claims.
    let renamed = clashing_documents(base, ours, theirs);
    let theirs_documents;
    let theirs_claims;
    let (their_documents, their_claims) = if renamed.is_empty() {
        (&theirs.documents, &theirs.claims)
    } else {
        (theirs_documents, theirs_claims) = rename_documents(theirs, &renamed);
        (&theirs_documents, &theirs_claims)
    };
    let mut found = Vec::new();
    let mut project = merge_all_but_claims(base, ours, theirs, their_documents, &mut found);
    project.claims = merge_list(&base.claims, &ours.claims, their_claims, &mut found);
    keep_what_is_needed(&mut project, &[ours, theirs, base], &mut found);
    if project.claims.iter().any(|c| !c.links.is_empty()) {
        let ids: HashSet<ClaimId> = project.claims.iter().map(|c| c.id.clone()).collect();
        drop_dangling_links(&mut project.claims, |id| ids.contains(id));
    }
    let (in_base, in_ours, in_theirs) = (
        positions(&base.claims),
        positions(&ours.claims),
        positions(their_claims),
    );
    let ours_added: Vec<&Claim> = ours
        .claims
        .iter()
        .filter(|c| !in_base.contains_key(c.key()) && !in_theirs.contains_key(c.key()))
        .collect();
    let theirs_added: Vec<&Claim> = their_claims
        .iter()
        .filter(|c| !in_base.contains_key(c.key()) && !in_ours.contains_key(c.key()))
        .collect();
    same_spans(&ours_added, &theirs_added, &mut found);
    finish(project, found)
}

/// Two labels on one digit key (each side gave a new label the same key):
/// the first keeps it, the later one loses it, in conflict, until an
/// analyst gives it another.
fn one_label_per_key(labels: &mut [Label], found: &mut Vec<Conflict>) {
    let mut taken = [false; 10];
    for label in labels {
        let Some(key) = label.key else { continue };
        let slot = usize::from(key).min(9);
        if !std::mem::replace(&mut taken[slot], true) {
            continue;
        }
        label.key = None;
        found.push(Conflict {
            kind: ConflictKind::Changed,
            object: ObjectKind::Label,
            id: label.id.to_string(),
            field: "key".into(),
            base: None,
            ours: Some("null".into()),
            theirs: Some(key.to_string()),
        });
    }
}

/// Everything but the claims, merged; the project's claims list is empty.
fn merge_all_but_claims(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    their_documents: &[Document],
    found: &mut Vec<Conflict>,
) -> Project {
    let name = merge_name(base, ours, theirs, found);
    let mut labels = merge_list(&base.labels, &ours.labels, &theirs.labels, found);
    one_label_per_key(&mut labels, found);
    let sources = merge_list(&base.sources, &ours.sources, &theirs.sources, found);
    let documents = merge_list(&base.documents, &ours.documents, their_documents, found);
    let dismissed = merge_list(&base.dismissed, &ours.dismissed, &theirs.dismissed, found);
    let mut project = Project::new(&name);
    project.publisher = merge_publisher(base, ours, theirs, found);
    project.format_version = ours.format_version.max(theirs.format_version);
    project.labels = labels;
    project.sources = sources;
    project.documents = documents;
    project.dismissed = dismissed;
    project.conflicts = merge_conflicts(base, ours, theirs);
    project
}

/// Records the conflicts found, in the order of the project's lists (the
/// same whichever way the claims were merged), after those either side
/// already had.
fn finish(mut project: Project, mut found: Vec<Conflict>) -> Merged {
    let rank = |kind: ObjectKind| match kind {
        ObjectKind::Project => 0,
        ObjectKind::Label => 1,
        ObjectKind::Source => 2,
        ObjectKind::Document => 3,
        ObjectKind::Claim => 4,
        ObjectKind::Dismissal => 5,
    };
    found.sort_by_key(|c| rank(c.object));
    let new_conflicts = found.len();
    for conflict in found {
        if !project.conflicts.contains(&conflict) {
            project.conflicts.push(conflict);
        }
    }
    project.format_version = project.format_version.max(project.needed_format_version());
    project.reindex();
    Merged {
        project,
        new_conflicts,
    }
}

/// An object of one of the project's lists, matched across sides by its id.
trait Item: Clone + PartialEq {
    const KIND: ObjectKind;
    fn key(&self) -> &str;
    /// The object both sides have, merged (`base` is `None` when both
    /// added it), its conflicts pushed to `found`.
    fn merged(base: Option<&Self>, ours: &Self, theirs: &Self, found: &mut Vec<Conflict>) -> Self;
    /// The object's JSON as a conflict records it (a document's without
    /// its text).
    fn summary(&self) -> String;
}

/// The model's objects merge field by field through their JSON.
macro_rules! model_item {
    ($type:ty, $kind:expr, |$item:ident| $key:expr) => {
        impl Item for $type {
            const KIND: ObjectKind = $kind;
            fn key(&self) -> &str {
                let $item = self;
                $key
            }
            fn merged(
                base: Option<&Self>,
                ours: &Self,
                theirs: &Self,
                found: &mut Vec<Conflict>,
            ) -> Self {
                merge_object(base, ours, theirs, found)
            }
            fn summary(&self) -> String {
                summary_of(self)
            }
        }
    };
}

model_item!(Label, ObjectKind::Label, |l| l.id.as_str());
model_item!(Source, ObjectKind::Source, |s| s.id.as_str());
model_item!(Document, ObjectKind::Document, |d| d.id.as_str());
model_item!(Claim, ObjectKind::Claim, |c| c.id.as_str());
model_item!(Dismissal, ObjectKind::Dismissal, |d| &d.fingerprint);

fn positions<T: Item>(items: &[T]) -> HashMap<&str, usize> {
    let mut map = HashMap::with_capacity(items.len());
    for (n, item) in items.iter().enumerate() {
        map.entry(item.key()).or_insert(n);
    }
    map
}

/// Merges one list: ours in its order, with theirs' additions after the
/// object that precedes them in theirs (and after any of ours' own
/// additions that follow that object).
fn merge_list<T: Item>(base: &[T], ours: &[T], theirs: &[T], found: &mut Vec<Conflict>) -> Vec<T> {
    if ours == theirs || theirs == base {
        return ours.to_vec();
    }
    if ours == base {
        return theirs.to_vec();
    }
    let in_base = positions(base);
    let in_ours = positions(ours);
    let in_theirs = positions(theirs);
    let mut kept: Vec<(T, bool)> = Vec::with_capacity(ours.len() + theirs.len());
    for item in ours {
        let key = item.key();
        let before = in_base.get(key).map(|&n| &base[n]);
        match in_theirs.get(key).map(|&n| &theirs[n]) {
            Some(their) => {
                let merged = T::merged(before, item, their, found);
                kept.push((merged, false));
            }
            // Removed by theirs, and ours did not touch it: removed.
            None if before == Some(item) => {}
            None => {
                if let Some(before) = before {
                    found.push(removed_changed::<T>(key, Some(before), Some(item), None));
                }
                // Ours' own addition (or a change theirs removed): kept.
                kept.push((item.clone(), before.is_none()));
            }
        }
    }
    // Theirs' objects that ours does not have, grouped by the object
    // they follow in theirs that ours has too (by its place in theirs;
    // `None`: the start of the list). Those objects are always kept.
    let mut after: HashMap<Option<usize>, Vec<T>> = HashMap::new();
    let mut anchor: Option<usize> = None;
    for (n, item) in theirs.iter().enumerate() {
        let key = item.key();
        if in_ours.contains_key(key) {
            anchor = Some(n);
            continue;
        }
        match in_base.get(key).map(|&n| &base[n]) {
            // Ours removed it and theirs did not touch it: removed.
            Some(before) if before == item => continue,
            Some(before) => {
                found.push(removed_changed::<T>(key, Some(before), None, Some(item)));
            }
            None => {}
        }
        after.entry(anchor).or_default().push(item.clone());
    }
    if after.is_empty() {
        return kept.into_iter().map(|(item, _)| item).collect();
    }
    let mut merged = Vec::with_capacity(kept.len() + theirs.len());
    let mut waiting = after.remove(&None).unwrap_or_default();
    for (item, ours_alone) in kept {
        // Theirs' additions wait behind ours' own additions that follow
        // the same object, and go in before the next object both have.
        if !ours_alone {
            merged.append(&mut waiting);
        }
        let next = in_theirs
            .get(item.key())
            .and_then(|&n| after.remove(&Some(n)));
        merged.push(item);
        if let Some(mut next) = next {
            merged.append(&mut waiting);
            waiting.append(&mut next);
        }
    }
    merged.append(&mut waiting);
    merged
}

/// Merges one object both sides have (`base` is `None` when both added it).
fn merge_object<T: Item + Serialize + DeserializeOwned>(
    base: Option<&T>,
    ours: &T,
    theirs: &T,
    found: &mut Vec<Conflict>,
) -> T {
    if ours == theirs || base == Some(theirs) {
        return ours.clone();
    }
    if base == Some(ours) {
        return theirs.clone();
    }
    let fields = |item: &T| match serde_json::to_value(item) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    };
    let (Some(o), Some(t)) = (fields(ours), fields(theirs)) else {
        found.push(removed_changed::<T>(
            ours.key(),
            base,
            Some(ours),
            Some(theirs),
        ));
        return ours.clone();
    };
    let b = base.and_then(fields).unwrap_or_default();
    let mut out = Map::new();
    let mut conflicts = Vec::new();
    let names = o.keys().chain(t.keys().filter(|k| !o.contains_key(*k)));
    for name in names {
        let (bv, ov, tv) = (b.get(name), o.get(name), t.get(name));
        let value = match merge_field(name, bv, ov, tv) {
            Some(value) => value,
            None => {
                conflicts.push(Conflict {
                    kind: ConflictKind::Changed,
                    object: T::KIND,
                    id: ours.key().to_owned(),
                    field: name.clone(),
                    base: base.map(|_| json(bv)),
                    ours: Some(json(ov)),
                    theirs: Some(json(tv)),
                });
                ov.cloned()
            }
        };
        if let Some(value) = value {
            out.insert(name.clone(), value);
        }
    }
    match serde_json::from_value::<T>(Value::Object(out)) {
        Ok(merged) => {
            found.append(&mut conflicts);
            merged
        }
        // Fields that merged cleanly but make no valid object together:
        // ours, and the object as a whole in conflict.
        Err(_) => {
            found.push(Conflict {
                kind: ConflictKind::Changed,
                ..removed_changed::<T>(ours.key(), base, Some(ours), Some(theirs))
            });
            ours.clone()
        }
    }
}

/// A field's JSON as a conflict stores it: an absent field (one left out
/// of the file when empty) as `null`.
fn json(value: Option<&Value>) -> String {
    value.map_or_else(|| "null".to_owned(), Value::to_string)
}

/// The merged value of one field (`Some(None)`: left out), or `None` when
/// both sides changed it differently.
fn merge_field(
    name: &str,
    base: Option<&Value>,
    ours: Option<&Value>,
    theirs: Option<&Value>,
) -> Option<Option<Value>> {
    if ours == theirs || base == theirs {
        return Some(ours.cloned());
    }
    if base == ours {
        return Some(theirs.cloned());
    }
    let empty = Value::Array(Vec::new());
    let list = |v: Option<&Value>| match v.unwrap_or(&empty) {
        Value::Array(items) => Some(items.clone()),
        _ => None,
    };
    let text = |v: Option<&Value>| match v {
        None | Some(Value::Null) => Some(String::new()),
        Some(Value::String(s)) => Some(s.clone()),
        _ => None,
    };
    match name {
        // Both touched the object: the later time is when it last changed.
        "modified" => match (ours, theirs) {
            (Some(Value::String(o)), Some(Value::String(t))) => {
                Some(Some(Value::String(o.max(t).clone())))
            }
            _ => None,
        },
        // A log: both sides' new entries are kept, ours first.
        "notes" | "credibility_notes" => {
            let (b, o, t) = (list(base)?, list(ours)?, list(theirs)?);
            let mut out = o.clone();
            out.extend(t.into_iter().filter(|n| !b.contains(n) && !o.contains(n)));
            Some(Some(Value::Array(out)))
        }
        // A set: what either side added, less what either removed.
        "links" => {
            let (b, o, t) = (list(base)?, list(ours)?, list(theirs)?);
            let mut out: Vec<Value> = o
                .iter()
                .filter(|l| !b.contains(l) || t.contains(l))
                .cloned()
                .collect();
            out.extend(t.into_iter().filter(|l| !b.contains(l) && !o.contains(l)));
            Some((!out.is_empty()).then_some(Value::Array(out)))
        }
        // Free text: line by line where the sides changed different lines.
        "note" | "reason" => {
            let merged = diffy::merge(&text(base)?, &text(ours)?, &text(theirs)?).ok()?;
            Some((!merged.is_empty()).then_some(Value::String(merged)))
        }
        _ => None,
    }
}

/// A conflict about an object as a whole: removed on one side (`None`)
/// and changed on the other. A document is recorded without its text.
fn removed_changed<T: Item>(
    key: &str,
    base: Option<&T>,
    ours: Option<&T>,
    theirs: Option<&T>,
) -> Conflict {
    let summary = |item: &T| item.summary();
    Conflict {
        kind: ConflictKind::RemovedChanged,
        object: T::KIND,
        id: key.to_owned(),
        field: String::new(),
        base: base.map(summary),
        ours: ours.map(summary),
        theirs: theirs.map(summary),
    }
}

/// Conflicts either side already had: those a side resolved are gone,
/// those a later merge recorded on one side come in.
fn merge_conflicts(base: &Project, ours: &Project, theirs: &Project) -> Vec<Conflict> {
    let (b, o, t) = (&base.conflicts, &ours.conflicts, &theirs.conflicts);
    let resolved = |c: &Conflict| b.contains(c) && (!o.contains(c) || !t.contains(c));
    o.iter()
        .filter(|c| !resolved(c))
        .chain(t.iter().filter(|c| !b.contains(c) && !o.contains(c)))
        .cloned()
        .collect()
}

/// The project's name: one side's change, or ours and a conflict.
fn merge_name(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    found: &mut Vec<Conflict>,
) -> String {
    let (b, o, t) = (&base.name, &ours.name, &theirs.name);
    if o == t || b == t {
        return o.clone();
    }
    if b == o {
        return t.clone();
    }
    let quoted = |s: &String| Value::String(s.clone()).to_string();
    found.push(Conflict {
        kind: ConflictKind::Changed,
        object: ObjectKind::Project,
        id: String::new(),
        field: "name".into(),
        base: Some(quoted(b)),
        ours: Some(quoted(o)),
        theirs: Some(quoted(t)),
    });
    o.clone()
}

/// The project's publisher: one side's change, or ours and a conflict.
fn merge_publisher(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    found: &mut Vec<Conflict>,
) -> Option<crate::model::Publisher> {
    let (b, o, t) = (&base.publisher, &ours.publisher, &theirs.publisher);
    if o == t || b == t {
        return o.clone();
    }
    if b == o {
        return t.clone();
    }
    let json = |p: &Option<crate::model::Publisher>| {
        serde_json::to_string(p).unwrap_or_else(|_| "null".to_owned())
    };
    found.push(Conflict {
        kind: ConflictKind::Changed,
        object: ObjectKind::Project,
        id: String::new(),
        field: "publisher".into(),
        base: Some(json(b)),
        ours: Some(json(o)),
        theirs: Some(json(t)),
    });
    o.clone()
}

/// Ids both sides gave to a new document, each to another text.
fn clashing_documents(base: &Project, ours: &Project, theirs: &Project) -> Vec<DocumentId> {
    let in_base = positions(&base.documents);
    let in_ours = positions(&ours.documents);
    theirs
        .documents
        .iter()
        .filter(|d| !in_base.contains_key(d.key()))
        .filter(|d| {
            in_ours
                .get(d.key())
                .is_some_and(|&n| ours.documents[n].text_hash != d.text_hash)
        })
        .map(|d| d.id.clone())
        .collect()
}

/// Theirs' documents and claims with the clashing documents under free ids.
fn rename_documents(theirs: &Project, clashing: &[DocumentId]) -> (Vec<Document>, Vec<Claim>) {
    let mut taken: HashSet<String> = theirs.documents.iter().map(|d| d.id.to_string()).collect();
    let mut renamed: HashMap<&DocumentId, DocumentId> = HashMap::new();
    for id in clashing {
        let fresh = (2..u32::MAX)
            .map(|n| {
                format!(
                    "{id}-theirs{}",
                    if n == 2 { String::new() } else { n.to_string() }
                )
            })
            .find(|candidate| !taken.contains(candidate))
            .map_or_else(DocumentId::fresh, |free| DocumentId::from(free.as_str()));
        taken.insert(fresh.to_string());
        renamed.insert(id, fresh);
    }
    let documents = theirs
        .documents
        .iter()
        .map(|d| {
            let mut d = d.clone();
            if let Some(fresh) = renamed.get(&d.id) {
                d.id = fresh.clone();
            }
            d
        })
        .collect();
    let claims = theirs
        .claims
        .iter()
        .map(|c| {
            let mut c = c.clone();
            if let Some(fresh) = renamed.get(&c.document) {
                c.document = fresh.clone();
            }
            c
        })
        .collect();
    (documents, claims)
}

/// Puts back a document, source or label that one side removed while the
/// other still needs it (a claim added in a removed document), and records
/// the removal as a conflict: nothing in the result points at nothing.
fn keep_what_is_needed(project: &mut Project, sides: &[&Project; 3], found: &mut Vec<Conflict>) {
    // Look-ups by id, not a scan of the documents per claim.
    project.reindex();
    let wanted = missing(project.claims.iter().map(|c| c.document.as_str()), |id| {
        document_of(project, id).is_some()
    });
    let documents = restore(&wanted, sides, document_of, found);
    project.documents.extend(documents);
    project.reindex();
    let wanted = missing(project.documents.iter().map(|d| d.source.as_str()), |id| {
        source_of(project, id).is_some()
    });
    let sources = restore(&wanted, sides, source_of, found);
    project.sources.extend(sources);
    let wanted = missing(project.claims.iter().map(|c| c.label.as_str()), |id| {
        label_of(project, id).is_some()
    });
    let labels = restore(&wanted, sides, label_of, found);
    project.labels.extend(labels);
}

fn document_of<'p>(project: &'p Project, id: &str) -> Option<&'p Document> {
    project.document(&DocumentId::from(id))
}

fn source_of<'p>(project: &'p Project, id: &str) -> Option<&'p Source> {
    project.source(&SourceId::from(id))
}

fn label_of<'p>(project: &'p Project, id: &str) -> Option<&'p Label> {
    project.label(&LabelId::from(id))
}

/// The ids named that `have` does not know, each once, in the order met.
fn missing<'a>(named: impl Iterator<Item = &'a str>, have: impl Fn(&str) -> bool) -> Vec<String> {
    let mut wanted: Vec<String> = Vec::new();
    for id in named {
        if !have(id) && !wanted.iter().any(|w| w == id) {
            wanted.push(id.to_owned());
        }
    }
    wanted
}

/// The objects `wanted` from whichever side still has them (ours first),
/// each with its removal recorded as a conflict.
fn restore<T: Item>(
    wanted: &[String],
    sides: &[&Project; 3],
    find: impl for<'p> Fn(&'p Project, &str) -> Option<&'p T>,
    found: &mut Vec<Conflict>,
) -> Vec<T> {
    let [ours, theirs, base] = *sides;
    let mut restored = Vec::new();
    for id in wanted {
        let Some(item) = sides.iter().find_map(|p| find(p, id)) else {
            continue;
        };
        let summary = |p: &Project| find(p, id).map(T::summary);
        found.push(Conflict {
            kind: ConflictKind::RemovedChanged,
            object: T::KIND,
            id: id.clone(),
            field: String::new(),
            base: summary(base),
            ours: summary(ours),
            theirs: summary(theirs),
        });
        restored.push(item.clone());
    }
    restored
}

/// An object's JSON, without a document's text.
fn summary_of<T: Serialize>(item: &T) -> String {
    match serde_json::to_value(item) {
        Ok(Value::Object(mut map)) => {
            map.remove("text");
            Value::Object(map).to_string()
        }
        _ => "null".to_owned(),
    }
}

/// Links to claims the merge removed go, as removing a claim takes them.
fn drop_dangling_links(claims: &mut [Claim], exists: impl Fn(&ClaimId) -> bool) {
    for claim in claims {
        if !claim.links.is_empty() {
            claim.links.retain(|l| exists(&l.target));
        }
    }
}

/// Claims each side added on the same document, span and label under
/// different ids: the same words tagged twice.
fn same_spans(ours_added: &[&Claim], theirs_added: &[&Claim], found: &mut Vec<Conflict>) {
    if ours_added.is_empty() || theirs_added.is_empty() {
        return;
    }
    let place = |c: &Claim| (c.document.clone(), c.start, c.end, c.label.clone());
    let ours_at: HashMap<_, &Claim> = ours_added.iter().map(|&c| (place(c), c)).collect();
    for &claim in theirs_added {
        if let Some(mine) = ours_at.get(&place(claim)) {
            let id = |c: &Claim| Value::String(c.id.to_string()).to_string();
            found.push(Conflict {
                kind: ConflictKind::SameSpan,
                object: ObjectKind::Claim,
                id: mine.id.to_string(),
                field: String::new(),
                base: None,
                ours: Some(id(mine)),
                theirs: Some(id(claim)),
            });
        }
    }
}

/// Why a side could not be taken on a conflict.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("conflict {key}: {problem}")]
pub struct ResolveError {
    pub key: String,
    pub problem: String,
}

/// The one undoable edit that takes `side` on the conflicts at `indexes`
/// (positions in [`Project::conflicts`]): each side's value put in place,
/// or the object removed where that side removed it, and the records gone.
/// Conflicts about an object an earlier one in the list removes are only
/// settled.
pub fn resolution(project: &Project, indexes: &[usize], side: Side) -> Result<Edit, ResolveError> {
    let mut indexes: Vec<usize> = indexes
        .iter()
        .copied()
        .filter(|&n| n < project.conflicts.len())
        .collect();
    // From the last: settling one leaves the places of those before it.
    indexes.sort_unstable_by(|a, b| b.cmp(a));
    indexes.dedup();
    let mut edits = Vec::new();
    let mut gone: HashSet<(ObjectKind, String)> = HashSet::new();
    for index in indexes {
        let conflict = &project.conflicts[index];
        if !gone.contains(&(conflict.object, conflict.id.clone())) {
            for edit in taking(project, conflict, side)? {
                note_removals(&edit, &mut gone);
                edits.push(edit);
            }
        }
        edits.push(Edit::SettleConflict { index, taken: side });
    }
    Ok(Edit::Batch(edits))
}

/// The conflicts named by `wanted` (keys or object ids; all when empty),
/// as positions in the project's list; an unknown name is an error.
pub fn conflicts_named(project: &Project, wanted: &[String]) -> Result<Vec<usize>, ResolveError> {
    if wanted.is_empty() {
        return Ok((0..project.conflicts.len()).collect());
    }
    let mut found = Vec::new();
    for name in wanted {
        let before = found.len();
        found.extend(
            project
                .conflicts
                .iter()
                .enumerate()
                .filter(|(_, c)| c.is_named(name))
                .map(|(n, _)| n),
        );
        if found.len() == before {
            return Err(ResolveError {
                key: name.clone(),
                problem: "the project records no such conflict".into(),
            });
        }
    }
    found.sort_unstable();
    found.dedup();
    Ok(found)
}

/// Remembers what an edit removes, so that later conflicts about it are
/// only settled.
fn note_removals(edit: &Edit, gone: &mut HashSet<(ObjectKind, String)>) {
    match edit {
        Edit::RemoveClaim(id) => {
            gone.insert((ObjectKind::Claim, id.to_string()));
        }
        Edit::RemoveClaims(ids) => {
            gone.extend(ids.iter().map(|id| (ObjectKind::Claim, id.to_string())));
        }
        Edit::RemoveDocument(id) => {
            gone.insert((ObjectKind::Document, id.to_string()));
        }
        Edit::RemoveSource(id) => {
            gone.insert((ObjectKind::Source, id.to_string()));
        }
        Edit::RemoveLabel(id) => {
            gone.insert((ObjectKind::Label, id.to_string()));
        }
        Edit::Batch(edits) => {
            for edit in edits {
                note_removals(edit, gone);
            }
        }
        _ => {}
    }
}

/// The edits that put `side`'s version of one conflict in place (none when
/// the project already holds it).
fn taking(project: &Project, conflict: &Conflict, side: Side) -> Result<Vec<Edit>, ResolveError> {
    let fail = |problem: String| ResolveError {
        key: conflict.key(),
        problem,
    };
    let value = conflict.value(side);
    match conflict.kind {
        ConflictKind::SameSpan => {
            // Taking one side's claim drops the other's.
            let other = conflict.value(other_side(side)).unwrap_or_default();
            let id: String = serde_json::from_str(other).map_err(|e| fail(e.to_string()))?;
            let id = ClaimId::from(id.as_str());
            Ok(project
                .claim(&id)
                .map(|_| Edit::RemoveClaim(id))
                .into_iter()
                .collect())
        }
        ConflictKind::RemovedChanged if value.is_none() => Ok(removal(project, conflict)),
        ConflictKind::RemovedChanged => Ok(Vec::new()),
        ConflictKind::Changed => {
            let json = value.unwrap_or("null");
            set_field(project, conflict, json).map_err(fail)
        }
    }
}

fn other_side(side: Side) -> Side {
    match side {
        Side::Ours => Side::Theirs,
        Side::Theirs => Side::Ours,
    }
}

/// Removing the object a side removed, with what hangs on it.
fn removal(project: &Project, conflict: &Conflict) -> Vec<Edit> {
    let id = conflict.id.as_str();
    let edit = match conflict.object {
        ObjectKind::Claim => {
            let id = ClaimId::from(id);
            project.claim(&id).map(|_| Edit::RemoveClaim(id))
        }
        ObjectKind::Document => {
            let id = DocumentId::from(id);
            project
                .document(&id)
                .map(|_| Edit::remove_document_with_claims(project, &id))
        }
        ObjectKind::Source => {
            let id = SourceId::from(id);
            project
                .source(&id)
                .map(|_| Edit::remove_source_with_documents(project, &id))
        }
        ObjectKind::Label => {
            let id = LabelId::from(id);
            project.label(&id).map(|_| Edit::RemoveLabel(id))
        }
        ObjectKind::Dismissal => project
            .dismissed
            .iter()
            .any(|d| d.fingerprint == id)
            .then(|| Edit::Undismiss {
                fingerprint: id.to_owned(),
            }),
        ObjectKind::Project => None,
    };
    edit.into_iter().collect()
}

/// `item` with its field `name` set to `json` (`null`: the field's default).
fn patched<T: Serialize + DeserializeOwned>(item: &T, name: &str, json: &str) -> Result<T, String> {
    let Ok(Value::Object(mut fields)) = serde_json::to_value(item) else {
        return Err("cannot be read as fields".into());
    };
    let value: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    if name.is_empty() {
        // The object as a whole.
        return serde_json::from_value(value).map_err(|e| e.to_string());
    }
    if value.is_null() {
        fields.remove(name);
    } else {
        fields.insert(name.to_owned(), value);
    }
    serde_json::from_value(Value::Object(fields)).map_err(|e| e.to_string())
}

/// The edit that sets a conflict's field to one side's value.
fn set_field(project: &Project, conflict: &Conflict, json: &str) -> Result<Vec<Edit>, String> {
    let id = conflict.id.as_str();
    let name = conflict.field.as_str();
    let unknown = || {
        format!(
            "{} has no field '{name}' a merge can set",
            conflict.object.name()
        )
    };
    let edit = match conflict.object {
        ObjectKind::Project if name == "publisher" => {
            let value: Option<crate::model::Publisher> =
                serde_json::from_str(json).map_err(|e| e.to_string())?;
            (value != project.publisher).then_some(Edit::SetPublisher(value))
        }
        ObjectKind::Project => {
            let value: String = serde_json::from_str(json).map_err(|e| e.to_string())?;
            (value != project.name).then_some(Edit::Rename(value))
        }
        ObjectKind::Claim => match project.claim(&ClaimId::from(id)) {
            Some(claim) => {
                let mut new = patched(claim, name, json)?;
                new.modified = crate::model::now();
                (new.id == claim.id).then_some(Edit::ReplaceClaim(new))
            }
            None => None,
        },
        ObjectKind::Source => match project.source(&SourceId::from(id)) {
            Some(source) => {
                let new = patched(source, name, json)?;
                let field = SourceField::named(name, &new).ok_or_else(unknown)?;
                Some(Edit::SetSource {
                    id: source.id.clone(),
                    field,
                })
            }
            None => None,
        },
        ObjectKind::Document => match project.document(&DocumentId::from(id)) {
            Some(document) => {
                let new = patched(document, name, json)?;
                let field = DocumentField::named(name, &new).ok_or_else(unknown)?;
                Some(Edit::SetDocument {
                    id: document.id.clone(),
                    field,
                })
            }
            None => None,
        },
        ObjectKind::Label => match project.label(&LabelId::from(id)) {
            Some(label) => {
                let new = patched(label, name, json)?;
                let field = LabelField::named(name, &new).ok_or_else(unknown)?;
                Some(Edit::SetLabel {
                    id: label.id.clone(),
                    field,
                })
            }
            None => None,
        },
        ObjectKind::Dismissal => match project.dismissed.iter().find(|d| d.fingerprint == id) {
            Some(dismissal) => Some(Edit::Dismiss(patched(dismissal, name, json)?)),
            None => None,
        },
    };
    Ok(edit.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{ClaimField, apply_at};
    use crate::model::{ClaimLink, CredibilityNote, LinkKind};

    use crate::sample_project as sample;

    fn clock() -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp(1_800_000_000, 0).expect("a time")
    }

    fn with(project: &Project, n: usize, field: ClaimField) -> Project {
        let mut project = project.clone();
        let id = project.claims[n].id.clone();
        let edit = Edit::SetClaim {
            id,
            field,
            modified: None,
        };
        apply_at(&mut project, edit, clock()).expect("applies");
        project
    }

    fn note(text: &str) -> CredibilityNote {
        CredibilityNote {
            date: clock().date_naive(),
            author: "analyst".into(),
            text: text.into(),
            evidence_url: None,
            grade: None,
        }
    }

    #[test]
    fn both_sides_new_credibility_notes_are_kept_ours_first() {
        let base = sample();
        let ours = with(&base, 0, ClaimField::CredibilityNotes(vec![note("ours")]));
        let theirs = with(&base, 0, ClaimField::CredibilityNotes(vec![note("theirs")]));
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.new_conflicts, 0);
        let notes: Vec<&str> = merged.project.claims[0]
            .credibility_notes
            .iter()
            .map(|n| n.text.as_str())
            .collect();
        assert_eq!(notes, ["ours", "theirs"]);
    }

    #[test]
    fn links_merge_as_sets() {
        let base = sample();
        let link = |n: usize| ClaimLink {
            kind: LinkKind::Supports,
            target: base.claims[n].id.clone(),
        };
        let base = with(&base, 0, ClaimField::Links(vec![link(1)]));
        // Ours drops the link to 1 and adds one to 2; theirs adds one to 3.
        let ours = with(&base, 0, ClaimField::Links(vec![link(2)]));
        let theirs = with(&base, 0, ClaimField::Links(vec![link(1), link(3)]));
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.new_conflicts, 0);
        assert_eq!(merged.project.claims[0].links, [link(2), link(3)]);
    }

    #[test]
    fn a_note_changed_on_both_sides_merges_by_line_where_clean() {
        let base = with(&sample(), 0, ClaimField::Note("one\ntwo\nthree\n".into()));
        let ours = with(&base, 0, ClaimField::Note("ONE\ntwo\nthree\n".into()));
        let theirs = with(&base, 0, ClaimField::Note("one\ntwo\nTHREE\n".into()));
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.new_conflicts, 0);
        assert_eq!(merged.project.claims[0].note, "ONE\ntwo\nTHREE\n");

        let theirs = with(&base, 0, ClaimField::Note("uno\ntwo\nthree\n".into()));
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.new_conflicts, 1);
        assert_eq!(
            merged.project.claims[0].note, "ONE\ntwo\nthree\n",
            "ours kept"
        );
        let conflict = &merged.project.conflicts[0];
        assert_eq!(conflict.field, "note");
        assert_eq!(conflict.theirs.as_deref(), Some("\"uno\\ntwo\\nthree\\n\""));
    }

    #[test]
    fn the_same_change_on_both_sides_is_taken_once() {
        let base = sample();
        let ours = with(
            &base,
            4,
            ClaimField::Credibility(crate::model::Credibility::Doubtful),
        );
        let merged = merge(&base, &ours, &ours.clone());
        assert_eq!(merged.new_conflicts, 0);
        assert_eq!(merged.project, ours);
    }

    #[test]
    fn theirs_additions_follow_what_they_follow_in_theirs() {
        let base = sample();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        let new = |n: usize| {
            let mut claim = base.claims[n].clone();
            claim.id = ClaimId::from(format!("c-new-{n}").as_str());
            claim
        };
        // Theirs adds after the third claim; ours after the third too.
        theirs.claims.insert(3, new(10));
        ours.claims.insert(3, new(20));
        ours.reindex();
        theirs.reindex();
        let merged = merge(&base, &ours, &theirs);
        let ids: Vec<&str> = merged.project.claims[2..6]
            .iter()
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(
            ids,
            [
                base.claims[2].id.as_str(),
                "c-new-20",
                "c-new-10",
                base.claims[3].id.as_str()
            ]
        );
    }

    #[test]
    fn a_document_removed_while_the_other_side_tagged_in_it_stays_with_a_conflict() {
        let base = sample();
        let document = base.documents[1].id.clone();
        let mut ours = base.clone();
        apply_at(
            &mut ours,
            Edit::remove_document_with_claims(&base, &document),
            clock(),
        )
        .expect("removes");
        let mut theirs = base.clone();
        let mut claim = base.claims_in(&document).next().expect("a claim").clone();
        claim.id = ClaimId::from("c-theirs");
        apply_at(&mut theirs, Edit::add_claim(claim), clock()).expect("adds");
        let merged = merge(&base, &ours, &theirs);
        assert!(merged.project.document(&document).is_some());
        assert!(
            merged.project.validate().is_empty(),
            "{:?}",
            merged.project.validate()
        );
        let conflict = merged
            .project
            .conflicts
            .iter()
            .find(|c| c.object == ObjectKind::Document)
            .expect("the removal in conflict");
        assert_eq!(conflict.ours, None);
        // Taking ours removes it after all, with every claim in it.
        let at = merged
            .project
            .conflicts
            .iter()
            .position(|c| c == conflict)
            .expect("there");
        let mut project = merged.project.clone();
        let edit = resolution(&project, &[at], Side::Ours).expect("an edit");
        let undo = apply_at(&mut project, edit, clock()).expect("applies");
        assert!(project.document(&document).is_none());
        assert!(project.claim(&ClaimId::from("c-theirs")).is_none());
        apply_at(&mut project, undo, clock()).expect("undoes");
        assert_eq!(project, merged.project);
    }

    #[test]
    fn documents_added_on_both_sides_under_one_id_with_other_texts_are_both_kept() {
        let mut base = sample();
        let document = base.documents[0].clone();
        let removal = Edit::remove_document_with_claims(&base, &document.id);
        crate::edit::apply(&mut base, removal).expect("removes");
        let mut ours = base.clone();
        let mut theirs = base.clone();
        let mut other = document.clone();
        other.text.push_str("\nA line theirs has.");
        other.text_hash = crate::model::text_hash(&other.text);
        crate::edit::apply(&mut ours, Edit::add_document(document.clone())).expect("adds");
        crate::edit::apply(&mut theirs, Edit::add_document(other)).expect("adds");
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.new_conflicts, 0);
        let ids: Vec<&str> = merged
            .project
            .documents
            .iter()
            .map(|d| d.id.as_str())
            .collect();
        assert!(ids.contains(&document.id.as_str()));
        assert!(
            ids.contains(&format!("{}-theirs", document.id).as_str()),
            "{ids:?}"
        );
    }

    #[test]
    fn two_new_labels_on_one_key_keep_it_once() {
        let base = sample();
        let label = |id: &str| crate::model::Label {
            id: LabelId::from(id),
            name: id.into(),
            color: crate::model::Color([1, 2, 3]),
            key: Some(6),
        };
        let mut ours = base.clone();
        ours.labels.push(label("rumour"));
        let mut theirs = base.clone();
        theirs.labels.push(label("satire"));
        let merged = merge(&base, &ours, &theirs);
        let keys: Vec<Option<u8>> = merged.project.labels[5..].iter().map(|l| l.key).collect();
        assert_eq!(keys, [Some(6), None]);
        assert_eq!(merged.new_conflicts, 1);
        assert_eq!(merged.project.conflicts[0].key(), "satire.key");
    }

    #[test]
    fn the_publisher_merges_and_a_conflict_on_it_resolves() {
        let base = sample();
        let publisher = |name: &str| {
            Some(crate::model::Publisher {
                name: name.into(),
                url: None,
            })
        };
        let mut ours = base.clone();
        ours.publisher = publisher("Desk A");
        let merged = merge(&base, &ours, &base);
        assert_eq!(merged.project.publisher, publisher("Desk A"));
        let mut theirs = base.clone();
        theirs.publisher = publisher("Desk B");
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.new_conflicts, 1);
        assert_eq!(merged.project.conflicts[0].key(), "project.publisher");
        let mut project = merged.project.clone();
        let edit = resolution(&project, &[0], Side::Theirs).expect("an edit");
        apply_at(&mut project, edit, clock()).expect("applies");
        assert_eq!(project.publisher, publisher("Desk B"));
        assert!(project.conflicts.is_empty());
    }
}
