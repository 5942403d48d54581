//! Rule `merge-conflict`: every conflict a merge recorded and nobody has
//! resolved is an error, so that `check` in a team's CI stops an
//! unresolved merge from landing.

use super::{Finding, Rule, Severity};
use crate::model::conflict::value_in_words;
use crate::model::{ClaimId, ConflictKind, ObjectKind, Project, Side, one_line, shorten};

/// One error per open conflict.
pub fn check(project: &Project) -> Vec<Finding> {
    project
        .conflicts
        .iter()
        .map(|conflict| {
            let what = crate::edit::conflict_in_words(project, conflict);
            let side = |side: Side| shorten(&one_line(&value_in_words(conflict.value(side))), 60);
            let message = match conflict.kind {
                ConflictKind::SameSpan => format!(
                    "merge conflict: {what} was tagged by both sides, as {} (ours) and {} (theirs); \
                     resolve with `claimdesk resolve --ours|--theirs {}`",
                    side(Side::Ours),
                    side(Side::Theirs),
                    conflict.key()
                ),
                ConflictKind::RemovedChanged => format!(
                    "merge conflict: {what} was removed by {} and kept by {}; \
                     resolve with `claimdesk resolve --ours|--theirs {}`",
                    if conflict.ours.is_none() { "ours" } else { "theirs" },
                    if conflict.ours.is_none() { "theirs" } else { "ours" },
                    conflict.key()
                ),
                ConflictKind::Changed => format!(
                    "merge conflict: {what} is {} in ours and {} in theirs{}; \
                     resolve with `claimdesk resolve --ours|--theirs {}`",
                    side(Side::Ours),
                    side(Side::Theirs),
                    conflict
                        .base
                        .as_deref()
                        .map(|b| format!(" (was {})", shorten(&one_line(&value_in_words(Some(b))), 60)))
                        .unwrap_or_default(),
                    conflict.key()
                ),
            };
            let key = conflict.key();
            let mut claims = Vec::new();
            if conflict.object == ObjectKind::Claim {
                claims.push(ClaimId::from(conflict.id.as_str()));
            }
            if conflict.kind == ConflictKind::SameSpan
                && let Some(Ok(theirs)) = conflict
                    .theirs
                    .as_deref()
                    .map(serde_json::from_str::<String>)
            {
                claims.push(ClaimId::from(theirs.as_str()));
            }
            claims.retain(|id| project.claim(id).is_some());
            Finding::new(Rule::MergeConflict, Severity::Error, message, &[&key])
                .involving(claims, [], [])
        })
        .collect()
}
