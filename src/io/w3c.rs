//! Claims as W3C Web Annotations (the Web Annotation Data Model, JSON-LD):
//! what annotation servers, Hypothesis and NLP corpora read.
//!
//! A project is one `AnnotationCollection` whose page holds an `Annotation`
//! per claim. Its target is the document (its URL, else a `urn:` of its id)
//! with a `TextQuoteSelector` and a `TextPositionSelector` in code points,
//! as the model counts; its bodies are the label (purpose `tagging`), the
//! note (`commenting`), and the claim's structured fields and grades, as a
//! `Dataset` of its own whose terms live in a small claimdesk context.

use crate::model::{
    Claim, ClaimId, Credibility, Document, DocumentId, LabelId, Project, Span, TextIndex,
    normalize_name, span,
};
use chrono::{DateTime, SecondsFormat, Utc};
use foldhash::{HashMap, HashSet, HashSetExt};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;
use serde_json::value::RawValue;

/// The W3C's context, which every annotation must name.
pub const ANNO_CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// The prefix of claimdesk's own terms (`claimdesk:credibility`): a URN,
/// as no web page defines them.
pub const CLAIMDESK_VOCABULARY: &str = "urn:claimdesk:vocabulary:";

/// The `source` of a document's claims: its URL, else a stable URN of its id.
pub fn document_iri(document: &Document) -> String {
    match document.url.as_deref().map(str::trim) {
        Some(url) if !url.is_empty() => url.to_owned(),
        _ => format!("urn:claimdesk:document:{}", document.id),
    }
}

/// A claim's annotation id.
pub fn claim_iri(claim: &Claim) -> String {
    format!("urn:claimdesk:claim:{}", claim.id)
}

fn time(time: &DateTime<Utc>) -> String {
    time.to_rfc3339_opts(SecondsFormat::Secs, true)
}

#[derive(Serialize)]
struct Context {
    claimdesk: &'static str,
}

#[derive(Serialize)]
struct Collection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    label: &'a str,
    total: usize,
    first: Page,
}

#[derive(Serialize)]
struct Page {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "startIndex")]
    start_index: usize,
    /// Left empty: the annotations are written in after, one a line.
    items: Vec<()>,
}

/// One claim as an annotation.
#[derive(Serialize)]
struct Annotation {
    #[serde(rename = "@context")]
    context: (&'static str, Context),
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    created: String,
    modified: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    creator: Option<Agent>,
    body: Vec<Body>,
    target: Target,
}

#[derive(Serialize)]
struct Agent {
    #[serde(rename = "type")]
    kind: &'static str,
    name: String,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Body {
    Text {
        #[serde(rename = "type")]
        kind: &'static str,
        purpose: &'static str,
        value: String,
        format: &'static str,
    },
    Facts(Box<Facts>),
}

/// The claim's structured fields and grades: what claimdesk knows of it
/// beyond its words. An External Web Resource of its own (the model
/// allows a purpose only on textual bodies and specific resources).
#[derive(Serialize)]
struct Facts {
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(rename = "claimdesk:label")]
    label: String,
    #[serde(rename = "claimdesk:document")]
    document: String,
    #[serde(
        rename = "claimdesk:claimant",
        skip_serializing_if = "String::is_empty"
    )]
    claimant: String,
    #[serde(rename = "claimdesk:subject", skip_serializing_if = "String::is_empty")]
    subject: String,
    #[serde(
        rename = "claimdesk:attribute",
        skip_serializing_if = "String::is_empty"
    )]
    attribute: String,
    #[serde(rename = "claimdesk:value", skip_serializing_if = "Option::is_none")]
    value: Option<String>,
    #[serde(rename = "claimdesk:unit", skip_serializing_if = "String::is_empty")]
    unit: String,
    #[serde(rename = "claimdesk:asOf", skip_serializing_if = "Option::is_none")]
    as_of: Option<String>,
    #[serde(rename = "claimdesk:credibility")]
    credibility: u8,
    #[serde(rename = "claimdesk:verdict")]
    verdict: &'static str,
    #[serde(rename = "claimdesk:hedged")]
    hedged: bool,
    #[serde(
        rename = "claimdesk:sourceReliability",
        skip_serializing_if = "Option::is_none"
    )]
    reliability: Option<String>,
}

#[derive(Serialize)]
struct Target {
    source: String,
    selector: (QuoteSelector, PositionSelector),
}

#[derive(Serialize)]
struct QuoteSelector {
    #[serde(rename = "type")]
    kind: &'static str,
    exact: String,
    prefix: String,
    suffix: String,
}

#[derive(Serialize)]
struct PositionSelector {
    #[serde(rename = "type")]
    kind: &'static str,
    start: usize,
    end: usize,
}

fn annotation(project: &Project, claim: &Claim) -> Annotation {
    let document = project.document(&claim.document);
    let source = project.source_of_claim(claim);
    let label = project
        .label(&claim.label)
        .map_or_else(|| claim.label.to_string(), |l| l.name.clone());
    let text = |purpose, value: String| Body::Text {
        kind: "TextualBody",
        purpose,
        value,
        format: "text/plain",
    };
    let mut body = vec![text("tagging", label)];
    if !claim.note.is_empty() {
        body.push(text("commenting", claim.note.clone()));
    }
    body.push(Body::Facts(Box::new(Facts {
        id: format!("{}:facts", claim_iri(claim)),
        kind: "Dataset",
        label: claim.label.to_string(),
        document: claim.document.to_string(),
        claimant: claim.claimant.clone(),
        subject: claim.subject.clone(),
        attribute: claim.attribute.clone(),
        value: claim.value.as_ref().map(ToString::to_string),
        unit: claim.unit.clone(),
        as_of: claim.as_of.map(|d| d.to_string()),
        credibility: claim.credibility.number(),
        verdict: claim.verdict.id(),
        hedged: claim.hedged,
        reliability: source.map(|s| s.reliability.to_string()),
    })));
    Annotation {
        context: (
            ANNO_CONTEXT,
            Context {
                claimdesk: CLAIMDESK_VOCABULARY,
            },
        ),
        id: claim_iri(claim),
        kind: "Annotation",
        created: time(&claim.created),
        modified: time(&claim.modified),
        creator: (!claim.author.as_str().is_empty()).then(|| Agent {
            kind: "Person",
            name: claim.author.to_string(),
        }),
        body,
        target: Target {
            source: document.map_or_else(
                || format!("urn:claimdesk:document:{}", claim.document),
                document_iri,
            ),
            selector: (
                QuoteSelector {
                    kind: "TextQuoteSelector",
                    exact: claim.quote.clone(),
                    prefix: claim.prefix.clone(),
                    suffix: claim.suffix.clone(),
                },
                PositionSelector {
                    kind: "TextPositionSelector",
                    start: claim.start,
                    end: claim.end,
                },
            ),
        },
    }
}

/// Every claim of `project` as one W3C `AnnotationCollection`: the
/// collection laid out, each annotation compact on a line of its own (so
/// that a diff or `grep` of the file shows whole annotations, and a large
/// project's file stays half the size).
pub fn export_w3c(project: &Project) -> Result<String, serde_json::Error> {
    let lines: Vec<String> = project
        .claims
        .par_iter()
        .map(|claim| serde_json::to_string(&annotation(project, claim)))
        .collect::<Result<_, _>>()?;
    let id = format!(
        "urn:claimdesk:project:{}",
        crate::io::documents::id_from_title(&project.name)
    );
    let collection = Collection {
        context: ANNO_CONTEXT,
        id: id.clone(),
        kind: "AnnotationCollection",
        label: &project.name,
        total: lines.len(),
        first: Page {
            id: format!("{id}:page:1"),
            kind: "AnnotationPage",
            start_index: 0,
            items: Vec::new(),
        },
    };
    let head = serde_json::to_string_pretty(&collection)?;
    // The empty list the layout wrote is where the annotations go.
    let Some(at) = head.rfind("\"items\": []") else {
        return Err(serde::ser::Error::custom("no items list in the collection"));
    };
    let size = head.len() + lines.iter().map(|l| l.len() + 8).sum::<usize>();
    let mut text = String::with_capacity(size);
    text.push_str(&head[..at]);
    text.push_str("\"items\": [");
    for (n, line) in lines.iter().enumerate() {
        text.push_str(if n == 0 { "\n      " } else { ",\n      " });
        text.push_str(line);
    }
    text.push_str(if lines.is_empty() { "]" } else { "\n    ]" });
    text.push_str(&head[at + "\"items\": []".len()..]);
    text.push('\n');
    Ok(text)
}

/// Why annotations could not be imported; nothing was.
#[derive(Debug, thiserror::Error)]
pub enum W3cError {
    #[error("not JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("annotation {item}: {message}")]
    Item { item: usize, message: String },
    #[error(
        "no annotations found (expected an Annotation, a list of them, an AnnotationCollection or AnnotationPage, or a Hypothesis export)"
    )]
    Empty,
}

/// The annotations a file holds, in order, each still as its text: one
/// annotation, a list, an `AnnotationCollection` or `AnnotationPage`
/// (`first.items` or `items`), or a Hypothesis export (`rows`). Only the
/// few levels above the annotations are read here.
fn raw_items(raw: &RawValue) -> Result<Vec<&RawValue>, serde_json::Error> {
    let text = raw.get().trim_start();
    if text.starts_with('[') {
        let list: Vec<&RawValue> = serde_json::from_str(raw.get())?;
        let mut out = Vec::new();
        for item in list {
            out.extend(raw_items(item)?);
        }
        return Ok(out);
    }
    if !text.starts_with('{') {
        return Ok(Vec::new());
    }
    let map: HashMap<String, &RawValue> = serde_json::from_str(raw.get())?;
    if let Some(rows) = map.get("rows") {
        return raw_items(rows);
    }
    let types = match map
        .get("type")
        .map(|t| serde_json::from_str::<Value>(t.get()))
    {
        Some(Ok(Value::Array(types))) => types
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        Some(Ok(Value::String(kind))) => vec![kind],
        _ => Vec::new(),
    };
    let is = |kind: &str| types.iter().any(|t| t == kind);
    if is("AnnotationCollection") || is("AnnotationPage") {
        if let Some(first) = map
            .get("first")
            .filter(|f| f.get().trim_start().starts_with('{'))
        {
            let page: HashMap<String, &RawValue> = serde_json::from_str(first.get())?;
            return page
                .get("items")
                .map_or(Ok(Vec::new()), |items| raw_items(items));
        }
        return map
            .get("items")
            .map_or(Ok(Vec::new()), |items| raw_items(items));
    }
    // An annotation: typed so, or shaped as Hypothesis writes one.
    Ok(if is("Annotation") || map.contains_key("target") {
        vec![raw]
    } else {
        Vec::new()
    })
}

/// A string field, or empty.
fn text_of<'a>(value: &'a Value, key: &str) -> &'a str {
    value.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// The selectors of a target, whatever the nesting (one or a list, with
/// `refinedBy` left aside).
fn selectors(target: &Value) -> Vec<&Value> {
    match target.get("selector") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(one @ Value::Object(_)) => vec![one],
        _ => Vec::new(),
    }
}

/// Reads W3C Web Annotations (claimdesk's own, Hypothesis' and others') as
/// new claims of `project`, all or none. A target's `source` names the
/// document (its URL, or claimdesk's `urn:` of its id); a
/// `TextPositionSelector` places the claim where its quote still stands
/// there, else the `TextQuoteSelector`'s words with their context find it,
/// as the checker re-anchors. Claims whose id the project has are skipped
/// (an export imported back adds nothing twice); their count is returned.
pub fn import_w3c(
    project: &Project,
    input: &str,
    author: &str,
) -> Result<(Vec<Claim>, usize), W3cError> {
    let raw: &RawValue = serde_json::from_str(input)?;
    let list = raw_items(raw)?;
    if list.is_empty() {
        return Err(W3cError::Empty);
    }
    let by_iri: HashMap<String, &Document> = project
        .documents
        .iter()
        .flat_map(|d| {
            let urn = format!("urn:claimdesk:document:{}", d.id);
            let url = d.url.clone().filter(|u| !u.trim().is_empty());
            std::iter::once((urn, d)).chain(url.map(|u| (u.trim().to_owned(), d)))
        })
        .collect();
    // Each document's text is indexed once, on the pool's threads, and
    // the annotations are read side by side; the first error in the
    // file's order is the one reported.
    let indexes: HashMap<&DocumentId, TextIndex> = project
        .documents
        .par_iter()
        .map(|d| (&d.id, TextIndex::new(&d.text)))
        .collect();
    let existing: HashSet<&str> = project.claims.iter().map(|c| c.id.as_str()).collect();
    let context = Reading {
        project,
        by_iri: &by_iri,
        indexes: &indexes,
        existing: &existing,
        author,
    };
    // Each annotation is parsed, read and let go on the thread that takes it.
    let read: Vec<Result<Option<Claim>, W3cError>> = list
        .into_par_iter()
        .enumerate()
        .map(|(n, raw)| {
            let item: Value = serde_json::from_str(raw.get()).map_err(|e| W3cError::Item {
                item: n + 1,
                message: e.to_string(),
            })?;
            context.read(n + 1, &item)
        })
        .collect();
    let mut taken: HashSet<ClaimId> = HashSet::with_capacity(read.len());
    let mut claims = Vec::with_capacity(read.len());
    let mut skipped = 0;
    for (n, result) in read.into_iter().enumerate() {
        match result? {
            None => skipped += 1,
            Some(claim) => {
                if !taken.insert(claim.id.clone()) {
                    return Err(W3cError::Item {
                        item: n + 1,
                        message: format!("claim id '{}' comes twice", claim.id),
                    });
                }
                claims.push(claim);
            }
        }
    }
    Ok((claims, skipped))
}

/// What reading one annotation needs of the project.
struct Reading<'a> {
    project: &'a Project,
    by_iri: &'a HashMap<String, &'a Document>,
    indexes: &'a HashMap<&'a DocumentId, TextIndex<'a>>,
    existing: &'a HashSet<&'a str>,
    author: &'a str,
}

impl Reading<'_> {
    /// Annotation `number` as a claim; `None` when the project has it.
    fn read(&self, number: usize, item: &Value) -> Result<Option<Claim>, W3cError> {
        let Reading {
            project,
            by_iri,
            indexes,
            existing,
            author,
        } = *self;
        let bad = |message: String| W3cError::Item {
            item: number,
            message,
        };
        let id = text_of(item, "id");
        let claim_id = id
            .strip_prefix("urn:claimdesk:claim:")
            .filter(|rest| !rest.is_empty())
            .map(ClaimId::from);
        if claim_id
            .as_ref()
            .is_some_and(|id| existing.contains(id.as_str()))
        {
            return Ok(None);
        }
        let target = match item.get("target") {
            Some(Value::Array(list)) => list.first(),
            other => other,
        }
        .ok_or_else(|| bad("it has no target".into()))?;
        let source = match target {
            Value::String(iri) => iri.as_str(),
            _ => text_of(target, "source"),
        };
        let source = if source.is_empty() {
            text_of(item, "uri")
        } else {
            source
        };
        let document = by_iri.get(source.trim()).copied().ok_or_else(|| {
            bad(format!(
                "its target '{source}' is no document of the project"
            ))
        })?;
        let index = indexes
            .get(&document.id)
            .ok_or_else(|| bad(format!("document '{}' has no index", document.id)))?;
        let (mut quote, mut prefix, mut suffix, mut position) = ("", "", "", None);
        for selector in selectors(target) {
            match text_of(selector, "type") {
                "TextQuoteSelector" => {
                    quote = text_of(selector, "exact");
                    prefix = text_of(selector, "prefix");
                    suffix = text_of(selector, "suffix");
                }
                "TextPositionSelector" => {
                    let at = |key| selector.get(key).and_then(Value::as_u64);
                    if let (Some(start), Some(end)) = (at("start"), at("end")) {
                        position = Some(Span::new(start as usize, end as usize));
                    }
                }
                _ => {}
            }
        }
        // The position where the quote still stands there; else the quote
        // found again by its words and context.
        let span = position
            .filter(|span| quote.is_empty() || index.slice(*span).is_ok_and(|s| s == quote))
            .filter(|span| index.slice(*span).is_ok() && !span.is_empty())
            .or_else(|| {
                (!quote.is_empty())
                    .then(|| span::reanchor(&document.text, quote, prefix, suffix))
                    .flatten()
            })
            .ok_or_else(|| {
                bad(format!(
                    "its words '{}' are not in document '{}'",
                    crate::model::shorten(quote, 40),
                    document.id
                ))
            })?;
        let anchor = index.anchor(span).map_err(|e| bad(e.to_string()))?;
        let bodies: Vec<&Value> = match item.get("body") {
            Some(Value::Array(list)) => list.iter().collect(),
            Some(one) => vec![one],
            None => Vec::new(),
        };
        let facts = bodies
            .iter()
            .find(|b| b.get("claimdesk:credibility").is_some());
        let tag = bodies
            .iter()
            .find(|b| text_of(b, "purpose") == "tagging")
            .map(|b| text_of(b, "value"))
            .or_else(|| {
                // Hypothesis keeps its tags apart.
                item.get("tags")
                    .and_then(Value::as_array)
                    .and_then(|tags| tags.iter().find_map(Value::as_str))
            });
        let label = facts
            .map(|f| text_of(f, "claimdesk:label"))
            .filter(|id| project.label(&LabelId::from(*id)).is_some())
            .map(LabelId::from)
            .or_else(|| {
                let tag = normalize_name(tag?);
                project
                    .labels
                    .iter()
                    .find(|l| {
                        normalize_name(&l.name) == tag || normalize_name(l.id.as_str()) == tag
                    })
                    .map(|l| l.id.clone())
            })
            .or_else(|| project.labels.first().map(|l| l.id.clone()))
            .ok_or_else(|| bad("the project has no label to give it".into()))?;
        let who = item
            .get("creator")
            .map(|c| match c {
                Value::String(name) => name.as_str(),
                _ => text_of(c, "name"),
            })
            .filter(|name| !name.is_empty())
            .or_else(|| Some(text_of(item, "user")).filter(|u| !u.is_empty()))
            .unwrap_or(author);
        let mut claim = Claim::new(document.id.clone(), anchor, label, who);
        if let Some(id) = claim_id {
            claim.id = id;
        }
        let note = bodies
            .iter()
            .find(|b| text_of(b, "purpose") == "commenting")
            .map(|b| text_of(b, "value"))
            .unwrap_or_else(|| text_of(item, "text"));
        claim.note = note.to_owned();
        let stamp = |key| {
            DateTime::parse_from_rfc3339(text_of(item, key))
                .ok()
                .map(|t| t.with_timezone(&Utc))
        };
        if let Some(created) = stamp("created") {
            claim.created = created;
            claim.modified = created;
        }
        if let Some(modified) = stamp("modified").or_else(|| stamp("updated")) {
            claim.modified = modified;
        }
        if let Some(facts) = facts {
            read_facts(&mut claim, facts).map_err(bad)?;
        }
        Ok(Some(claim))
    }
}

/// The claimdesk terms of a claim's facts body.
fn read_facts(claim: &mut Claim, facts: &Value) -> Result<(), String> {
    let text = |key| text_of(facts, key).to_owned();
    claim.claimant = text("claimdesk:claimant");
    claim.subject = text("claimdesk:subject");
    claim.attribute = text("claimdesk:attribute");
    claim.unit = text("claimdesk:unit");
    let value = text("claimdesk:value");
    if !value.is_empty() {
        claim.value = Some(value.parse().map_err(|e| format!("its value: {e}"))?);
    }
    let as_of = text("claimdesk:asOf");
    if !as_of.is_empty() {
        claim.as_of = Some(
            as_of
                .parse()
                .map_err(|e| format!("its date '{as_of}': {e}"))?,
        );
    }
    if let Some(grade) = facts.get("claimdesk:credibility").and_then(Value::as_u64) {
        let grade = u8::try_from(grade).map_err(|_| format!("credibility {grade}"))?;
        claim.credibility = Credibility::try_from(grade).map_err(|e| e.to_string())?;
    }
    let verdict = text("claimdesk:verdict");
    if !verdict.is_empty() {
        claim.verdict = verdict.parse().map_err(|e| format!("{e}"))?;
    }
    claim.hedged = facts
        .get("claimdesk:hedged")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample_project;

    #[test]
    fn every_claim_is_an_annotation_with_both_selectors_and_its_bodies() {
        let project = sample_project();
        let json: serde_json::Value =
            serde_json::from_str(&export_w3c(&project).expect("exports")).expect("JSON");
        assert_eq!(json["type"], "AnnotationCollection");
        assert_eq!(json["@context"], ANNO_CONTEXT);
        let items = json["first"]["items"].as_array().expect("items");
        assert_eq!(items.len(), project.claims.len());
        assert_eq!(json["total"], project.claims.len());
        for (item, claim) in items.iter().zip(&project.claims) {
            assert_eq!(item["type"], "Annotation");
            assert_eq!(item["@context"][0], ANNO_CONTEXT);
            let selectors = &item["target"]["selector"];
            assert_eq!(selectors[0]["type"], "TextQuoteSelector");
            assert_eq!(selectors[0]["exact"], claim.quote.as_str());
            assert_eq!(selectors[1]["start"], claim.start);
            assert_eq!(selectors[1]["end"], claim.end);
            let bodies = item["body"].as_array().expect("bodies");
            assert_eq!(bodies[0]["purpose"], "tagging");
            let facts = bodies.last().expect("facts");
            assert_eq!(facts["claimdesk:credibility"], claim.credibility.number());
            assert_eq!(facts["claimdesk:verdict"], claim.verdict.id());
            assert_eq!(
                bodies.iter().any(|b| b["purpose"] == "commenting"),
                !claim.note.is_empty()
            );
        }
    }

    #[test]
    fn a_document_without_a_url_is_named_by_a_stable_urn() {
        let mut project = sample_project();
        project.documents[0].url = None;
        let document = &project.documents[0];
        assert_eq!(
            document_iri(document),
            format!("urn:claimdesk:document:{}", document.id)
        );
        project.documents[0].url = Some("https://example.org/a".into());
        assert_eq!(document_iri(&project.documents[0]), "https://example.org/a");
    }
}
