//! Claims as Label Studio tasks (its JSON import and export format): a
//! task per document with `data.text`, and the claims as one annotation's
//! `labels` results.
//!
//! Label Studio counts offsets as JavaScript does, in UTF-16 code units;
//! claimdesk counts code points. Both directions convert, so a claim after
//! an emoji lands on the same words in both tools.

use crate::model::{Claim, ClaimId, Document, DocumentId, LabelId, Project, Span, normalize_name};
use foldhash::{HashMap, HashSet};
use serde::{Deserialize, Serialize};

/// Code point offsets of a text as UTF-16 offsets and back.
struct Utf16 {
    /// `units[i]`: the UTF-16 offset of code point `i` (one past the end too).
    units: Vec<usize>,
}

impl Utf16 {
    fn new(text: &str) -> Self {
        let mut units = Vec::with_capacity(text.len() + 1);
        let mut at = 0;
        units.push(0);
        for c in text.chars() {
            at += c.len_utf16();
            units.push(at);
        }
        Self { units }
    }

    fn to_units(&self, point: usize) -> Option<usize> {
        self.units.get(point).copied()
    }

    /// The code point at UTF-16 offset `unit`; `None` inside a surrogate pair.
    fn to_point(&self, unit: usize) -> Option<usize> {
        self.units.binary_search(&unit).ok()
    }
}

#[derive(Serialize, Deserialize)]
struct Task {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<serde_json::Value>,
    data: TaskData,
    #[serde(default)]
    annotations: Vec<Annotation>,
}

#[derive(Serialize, Deserialize)]
struct TaskData {
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    document_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct Annotation {
    #[serde(default)]
    result: Vec<Region>,
}

#[derive(Serialize, Deserialize)]
struct Region {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(default = "label_tag")]
    from_name: String,
    #[serde(default = "text_tag")]
    to_name: String,
    #[serde(rename = "type")]
    kind: String,
    value: RegionValue,
}

fn label_tag() -> String {
    "label".into()
}

fn text_tag() -> String {
    "text".into()
}

#[derive(Serialize, Deserialize)]
struct RegionValue {
    start: usize,
    end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    text: Option<String>,
    #[serde(default)]
    labels: Vec<String>,
}

/// Every document of `project` as a Label Studio task, with its claims.
pub fn export_label_studio(project: &Project) -> Result<String, serde_json::Error> {
    let mut by_document: HashMap<&DocumentId, Vec<&Claim>> = HashMap::default();
    for claim in &project.claims {
        by_document.entry(&claim.document).or_default().push(claim);
    }
    let tasks: Vec<Task> = project
        .documents
        .iter()
        .enumerate()
        .map(|(n, document)| {
            let units = Utf16::new(&document.text);
            let result = by_document
                .get(&document.id)
                .into_iter()
                .flatten()
                .filter_map(|claim| {
                    let label = project
                        .label(&claim.label)
                        .map_or_else(|| claim.label.to_string(), |l| l.name.clone());
                    Some(Region {
                        id: Some(claim.id.to_string()),
                        from_name: label_tag(),
                        to_name: text_tag(),
                        kind: "labels".into(),
                        value: RegionValue {
                            start: units.to_units(claim.start)?,
                            end: units.to_units(claim.end)?,
                            text: Some(claim.quote.clone()),
                            labels: vec![label],
                        },
                    })
                })
                .collect();
            Task {
                id: Some((n + 1).into()),
                data: TaskData {
                    text: document.text.clone(),
                    document_id: Some(document.id.to_string()),
                    title: Some(document.title.clone()),
                },
                annotations: vec![Annotation { result }],
            }
        })
        .collect();
    let mut text = serde_json::to_string_pretty(&tasks)?;
    text.push('\n');
    Ok(text)
}

/// Why tasks could not be imported; nothing was.
#[derive(Debug, thiserror::Error)]
pub enum LabelStudioError {
    #[error("not Label Studio tasks: {0}")]
    Json(#[from] serde_json::Error),
    #[error("task {task}: {message}")]
    Task { task: usize, message: String },
}

/// Reads Label Studio tasks as new claims of `project`, all or none. A
/// task names its document by `data.document_id` (claimdesk's export) or
/// by a text the project holds; a text that differs from the project's is
/// refused. Regions whose id the project has are skipped; their count is
/// returned beside the claims.
pub fn import_label_studio(
    project: &Project,
    input: &str,
    author: &str,
) -> Result<(Vec<Claim>, usize), LabelStudioError> {
    let tasks: Vec<Task> = match serde_json::from_str::<serde_json::Value>(input)? {
        serde_json::Value::Array(_) => serde_json::from_str(input)?,
        // One task on its own.
        _ => vec![serde_json::from_str(input)?],
    };
    let by_text: HashMap<&str, &Document> = project
        .documents
        .iter()
        .map(|d| (d.text_hash.as_str(), d))
        .collect();
    let mut taken: HashSet<String> = project.claims.iter().map(|c| c.id.to_string()).collect();
    let mut claims = Vec::new();
    let mut skipped = 0;
    for (n, task) in tasks.iter().enumerate() {
        let bad = |message: String| LabelStudioError::Task {
            task: n + 1,
            message,
        };
        let document = match &task.data.document_id {
            Some(id) => {
                let document = project
                    .document(&DocumentId::from(id.as_str()))
                    .ok_or_else(|| bad(format!("document '{id}' is not in the project")))?;
                if document.text != task.data.text {
                    return Err(bad(format!(
                        "its text differs from document '{id}' of the project"
                    )));
                }
                document
            }
            None => by_text
                .get(crate::model::text_hash(&task.data.text).as_str())
                .copied()
                .ok_or_else(|| bad("its text is no document of the project".into()))?,
        };
        let units = Utf16::new(&document.text);
        let index = crate::model::TextIndex::new(&document.text);
        for region in task.annotations.iter().flat_map(|a| &a.result) {
            if region.kind != "labels" {
                continue;
            }
            if region.id.as_ref().is_some_and(|id| taken.contains(id)) {
                skipped += 1;
                continue;
            }
            let value = &region.value;
            let (Some(start), Some(end)) = (units.to_point(value.start), units.to_point(value.end))
            else {
                return Err(bad(format!(
                    "region {}..{} cuts a character in two or runs past the text",
                    value.start, value.end
                )));
            };
            let span = Span::new(start, end);
            let anchor = index.anchor(span).map_err(|e| bad(e.to_string()))?;
            if let Some(text) = &value.text
                && text != &anchor.quote
            {
                return Err(bad(format!(
                    "region {}..{} holds '{}', not '{}'",
                    value.start,
                    value.end,
                    crate::model::shorten(&anchor.quote, 40),
                    crate::model::shorten(text, 40)
                )));
            }
            let label = value
                .labels
                .first()
                .and_then(|name| {
                    let name = normalize_name(name);
                    project
                        .labels
                        .iter()
                        .find(|l| normalize_name(&l.name) == name || l.id.as_str() == name)
                })
                .or_else(|| project.labels.first())
                .map(|l| l.id.clone())
                .unwrap_or_else(|| LabelId::from("numeric"));
            let mut claim = Claim::new(document.id.clone(), anchor, label, author);
            if let Some(id) = &region.id {
                claim.id = ClaimId::from(id.as_str());
            }
            if !taken.insert(claim.id.to_string()) {
                return Err(bad(format!("region id '{}' comes twice", claim.id)));
            }
            claims.push(claim);
        }
    }
    Ok((claims, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_beyond_the_basic_plane_count_two_units() {
        let units = Utf16::new("a👍🏽b");
        // 'a', U+1F44D (2 units), U+1F3FD (2 units), 'b'.
        assert_eq!(units.to_units(1), Some(1));
        assert_eq!(units.to_units(2), Some(3));
        assert_eq!(units.to_units(3), Some(5));
        assert_eq!(units.to_units(4), Some(6));
        assert_eq!(units.to_point(5), Some(3));
        assert_eq!(units.to_point(2), None, "inside a surrogate pair");
        assert_eq!(units.to_point(7), None);
    }

    #[test]
    fn the_sample_round_trips_with_offsets_and_labels() {
        let project = crate::sample_project();
        let json = export_label_studio(&project).expect("exports");
        let mut empty = project.clone();
        empty.claims.clear();
        let (claims, skipped) = import_label_studio(&empty, &json, "x").expect("imports");
        assert_eq!(skipped, 0);
        assert_eq!(claims.len(), project.claims.len());
        for claim in &claims {
            let original = project.claim(&claim.id).expect("same id");
            assert_eq!(
                (
                    original.start,
                    original.end,
                    &original.label,
                    &original.quote
                ),
                (claim.start, claim.end, &claim.label, &claim.quote)
            );
        }
        let (again, skipped) = import_label_studio(&project, &json, "x").expect("imports");
        assert!(again.is_empty());
        assert_eq!(skipped, project.claims.len());
    }
}
