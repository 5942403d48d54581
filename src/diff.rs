//! What changed between two versions of a project, in the analyst's words:
//! claims added, removed and changed (field by field, with the quote),
//! sources added, removed and regraded, credibility notes added, documents
//! added and removed. Objects are matched by id, so a reordered list is no
//! change. `claimdesk diff` prints it as text or JSON.

use crate::model::{Claim, Project, Source, one_line};
use serde::Serialize;
use std::collections::HashMap;
use std::fmt::Write as _;

/// The changes from one project to another.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ProjectDiff {
    pub renamed: Option<Change>,
    pub documents_added: Vec<Named>,
    pub documents_removed: Vec<Named>,
    pub sources_added: Vec<Named>,
    pub sources_removed: Vec<Named>,
    pub sources_changed: Vec<Changed>,
    pub notes_added: Vec<NoteAdded>,
    pub claims_added: Vec<Named>,
    pub claims_removed: Vec<Named>,
    pub claims_changed: Vec<Changed>,
    pub labels_changed: bool,
    pub dismissals_changed: bool,
    /// Merge conflicts recorded since (by key, in words).
    pub conflicts_added: Vec<Named>,
    /// Merge conflicts settled since.
    pub conflicts_resolved: Vec<Named>,
}

/// An object by its id and what a reader knows it by (a title, a name, a
/// claim's quote).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// One field's old and new value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub old: String,
    pub new: String,
}

/// An object whose fields changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Changed {
    pub id: String,
    pub name: String,
    /// (field, change), in the order the file writes the fields.
    pub fields: Vec<(String, Change)>,
}

/// A credibility note that the new version has and the old one did not.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NoteAdded {
    pub source: String,
    pub date: String,
    pub author: String,
    pub text: String,
}

impl ProjectDiff {
    /// True when the two projects say the same.
    pub fn is_empty(&self) -> bool {
        self == &ProjectDiff::default()
    }

    /// The changes as lines for a terminal, one change a line.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        if let Some(change) = &self.renamed {
            let _ = writeln!(out, "project renamed: {} → {}", change.old, change.new);
        }
        let lists = [
            ("+ document", &self.documents_added),
            ("- document", &self.documents_removed),
            ("+ source", &self.sources_added),
            ("- source", &self.sources_removed),
            ("+ claim", &self.claims_added),
            ("- claim", &self.claims_removed),
            ("+ conflict", &self.conflicts_added),
            ("- conflict (resolved)", &self.conflicts_resolved),
        ];
        for (what, items) in lists {
            for item in items {
                let _ = writeln!(out, "{what} {}: {}", item.id, item.name);
            }
        }
        for (what, items) in [
            ("~ source", &self.sources_changed),
            ("~ claim", &self.claims_changed),
        ] {
            for item in items {
                let _ = writeln!(out, "{what} {}: {}", item.id, item.name);
                for (field, change) in &item.fields {
                    let _ = writeln!(out, "    {field}: {} → {}", change.old, change.new);
                }
            }
        }
        for note in &self.notes_added {
            let _ = writeln!(
                out,
                "+ note on {} ({}, {}): {}",
                note.source, note.date, note.author, note.text
            );
        }
        if self.labels_changed {
            out.push_str("~ labels changed\n");
        }
        if self.dismissals_changed {
            out.push_str("~ dismissed findings changed\n");
        }
        out
    }
}

/// What changed from `old` to `new`.
pub fn diff(old: &Project, new: &Project) -> ProjectDiff {
    let conflicts = |from: &Project, without: &Project| -> Vec<Named> {
        from.conflicts
            .iter()
            .filter(|c| !without.conflicts.contains(c))
            .map(|c| Named {
                id: c.key(),
                name: crate::edit::conflict_in_words(from, c),
            })
            .collect()
    };
    let mut result = ProjectDiff {
        conflicts_added: conflicts(new, old),
        conflicts_resolved: conflicts(old, new),
        renamed: (old.name != new.name).then(|| Change {
            old: old.name.clone(),
            new: new.name.clone(),
        }),
        labels_changed: old.labels != new.labels,
        dismissals_changed: old.dismissed != new.dismissed,
        ..Default::default()
    };
    let (added, removed) = added_and_removed(
        &old.documents,
        &new.documents,
        |d| d.id.as_str(),
        |d| d.title.clone(),
    );
    result.documents_added = added;
    result.documents_removed = removed;
    let (added, removed) = added_and_removed(
        &old.sources,
        &new.sources,
        |s| s.id.as_str(),
        |s| s.name.clone(),
    );
    result.sources_added = added;
    result.sources_removed = removed;
    let (added, removed) = added_and_removed(
        &old.claims,
        &new.claims,
        |c| c.id.as_str(),
        |c| one_line(&c.quote),
    );
    result.claims_added = added;
    result.claims_removed = removed;

    let old_sources: HashMap<&str, &Source> =
        old.sources.iter().map(|s| (s.id.as_str(), s)).collect();
    for source in &new.sources {
        let Some(before) = old_sources.get(source.id.as_str()) else {
            continue;
        };
        let fields = changed_fields(&source_fields(before), &source_fields(source));
        if !fields.is_empty() {
            result.sources_changed.push(Changed {
                id: source.id.to_string(),
                name: source.name.clone(),
                fields,
            });
        }
        for note in source.notes.iter().filter(|n| !before.notes.contains(n)) {
            result.notes_added.push(NoteAdded {
                source: source.name.clone(),
                date: note.date.to_string(),
                author: note.author.clone(),
                text: note.text.clone(),
            });
        }
    }
    let old_claims: HashMap<&str, &Claim> = old.claims.iter().map(|c| (c.id.as_str(), c)).collect();
    for claim in &new.claims {
        let Some(before) = old_claims.get(claim.id.as_str()) else {
            continue;
        };
        if *before == claim {
            continue;
        }
        let fields = changed_fields(&claim_fields(before), &claim_fields(claim));
        if !fields.is_empty() {
            result.claims_changed.push(Changed {
                id: claim.id.to_string(),
                name: one_line(&claim.quote),
                fields,
            });
        }
    }
    result
}

/// The items of `new` whose id `old` lacks, and the other way round.
fn added_and_removed<T>(
    old: &[T],
    new: &[T],
    id: impl Fn(&T) -> &str,
    name: impl Fn(&T) -> String,
) -> (Vec<Named>, Vec<Named>) {
    let ids = |items: &[T]| -> std::collections::HashSet<String> {
        items.iter().map(|i| id(i).to_owned()).collect()
    };
    let (old_ids, new_ids) = (ids(old), ids(new));
    let named = |i: &T| Named {
        id: id(i).to_owned(),
        name: name(i),
    };
    let added = new
        .iter()
        .filter(|i| !old_ids.contains(id(i)))
        .map(named)
        .collect();
    let removed = old
        .iter()
        .filter(|i| !new_ids.contains(id(i)))
        .map(named)
        .collect();
    (added, removed)
}

/// The fields that differ, with both values.
fn changed_fields(old: &[(&str, String)], new: &[(&str, String)]) -> Vec<(String, Change)> {
    old.iter()
        .zip(new)
        .filter(|((_, a), (_, b))| a != b)
        .map(|((field, a), (_, b))| {
            (
                (*field).to_owned(),
                Change {
                    old: a.clone(),
                    new: b.clone(),
                },
            )
        })
        .collect()
}

/// A source's fields as a reader sees them (its notes are listed apart).
fn source_fields(source: &Source) -> Vec<(&'static str, String)> {
    vec![
        ("name", source.name.clone()),
        ("kind", source.kind.name().to_owned()),
        ("url", source.url.clone().unwrap_or_default()),
        ("party", source.party.clone().unwrap_or_default()),
        ("reliability", source.reliability.to_string()),
    ]
}

/// A claim's fields as a reader sees them.
fn claim_fields(claim: &Claim) -> Vec<(&'static str, String)> {
    let optional = |v: Option<String>| v.unwrap_or_default();
    vec![
        ("document", claim.document.to_string()),
        ("span", format!("{}..{}", claim.start, claim.end)),
        ("quote", one_line(&claim.quote)),
        ("label", claim.label.to_string()),
        ("claimant", claim.claimant.clone()),
        ("subject", claim.subject.clone()),
        ("attribute", claim.attribute.clone()),
        ("value", optional(claim.value.map(|v| v.to_string()))),
        ("unit", claim.unit.clone()),
        ("as_of", optional(claim.as_of.map(|d| d.to_string()))),
        ("credibility", claim.credibility.to_string()),
        ("verdict", claim.verdict.name().to_owned()),
        ("hedged", claim.hedged.to_string()),
        ("note", one_line(&claim.note)),
        (
            "links",
            claim
                .links
                .iter()
                .map(|l| format!("{:?} {}", l.kind, l.target))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        (
            "credibility notes",
            claim.credibility_notes.len().to_string(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Credibility, Reliability};

    use crate::sample_project as sample;

    #[test]
    fn a_project_and_itself_do_not_differ_even_reordered() {
        let old = sample();
        let mut new = old.clone();
        new.claims.reverse();
        new.sources.reverse();
        let diff = diff(&old, &new);
        assert!(diff.is_empty(), "{}", diff.to_text());
        assert_eq!(diff.to_text(), "");
    }

    #[test]
    fn a_regrade_a_note_a_changed_claim_and_an_added_and_a_removed_one() {
        let old = sample();
        let mut new = old.clone();
        new.sources[0].reliability = Reliability::D;
        let mut note = new.sources[0].notes[0].clone();
        note.text = "Corrected twice since.".into();
        new.sources[0].notes.push(note);
        new.claims[1].credibility = Credibility::CannotBeJudged;
        new.claims[1].note = "Checked again.".into();
        let removed = new.claims.remove(0);
        let mut added = new.claims[0].clone();
        added.id = "c-new".into();
        new.claims.push(added);

        let d = diff(&old, &new);
        assert_eq!(d.sources_changed.len(), 1);
        assert_eq!(
            d.sources_changed[0].fields,
            [(
                "reliability".to_owned(),
                Change {
                    old: "B".into(),
                    new: "D".into()
                }
            )]
        );
        assert_eq!(d.notes_added.len(), 1);
        assert_eq!(d.claims_removed[0].id, removed.id.as_str());
        assert_eq!(d.claims_added[0].id, "c-new");
        let fields: Vec<&str> = d.claims_changed[0]
            .fields
            .iter()
            .map(|(f, _)| f.as_str())
            .collect();
        assert_eq!(fields, ["credibility", "note"]);
        let text = d.to_text();
        let line = format!("    credibility: {} → 6", old.claims[1].credibility);
        assert!(text.contains(&line), "{text}");
        assert!(text.contains("+ note on Kyiv Independent"), "{text}");
        let json = serde_json::to_value(&d).unwrap();
        assert_eq!(json["claims_added"][0]["id"], "c-new");
    }

    #[test]
    fn conflicts_recorded_and_resolved_show() {
        let old = sample();
        let mut new = old.clone();
        new.conflicts.push(crate::model::Conflict {
            kind: crate::model::ConflictKind::Changed,
            object: crate::model::ObjectKind::Claim,
            id: old.claims[0].id.to_string(),
            field: "credibility".into(),
            base: Some("3".into()),
            ours: Some("2".into()),
            theirs: Some("4".into()),
        });
        let changes = diff(&old, &new);
        assert_eq!(changes.conflicts_added.len(), 1);
        let text = changes.to_text();
        assert!(text.contains("+ conflict c-"), "{text}");
        assert!(text.contains("(credibility)"), "{text}");
        let back = diff(&new, &old);
        assert!(
            back.to_text().contains("- conflict (resolved) c-"),
            "{back:?}"
        );
    }
}
