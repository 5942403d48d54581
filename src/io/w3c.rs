//! Claims as W3C Web Annotations (the Web Annotation Data Model, JSON-LD):
//! what annotation servers, Hypothesis and NLP corpora read.
//!
//! A project is one `AnnotationCollection` whose page holds an `Annotation`
//! per claim. Its target is the document (its URL, else a `urn:` of its id)
//! with a `TextQuoteSelector` and a `TextPositionSelector` in code points,
//! as the model counts; its bodies are the label (purpose `tagging`), the
//! note (`commenting`), and the claim's structured fields and grades, as a
//! `Dataset` of its own whose terms live in a small claimdesk context.

use crate::model::{Claim, Document, Project};
use chrono::{DateTime, SecondsFormat, Utc};
use rayon::prelude::*;
use serde::Serialize;

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
    items: Vec<Annotation>,
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

/// Every claim of `project` as one W3C `AnnotationCollection`, pretty JSON.
pub fn export_w3c(project: &Project) -> Result<String, serde_json::Error> {
    let items: Vec<Annotation> = project
        .claims
        .par_iter()
        .map(|claim| annotation(project, claim))
        .collect();
    let id = format!(
        "urn:claimdesk:project:{}",
        crate::io::documents::id_from_title(&project.name)
    );
    let collection = Collection {
        context: ANNO_CONTEXT,
        id: id.clone(),
        kind: "AnnotationCollection",
        label: &project.name,
        total: items.len(),
        first: Page {
            id: format!("{id}:page:1"),
            kind: "AnnotationPage",
            start_index: 0,
            items,
        },
    };
    let mut text = serde_json::to_string_pretty(&collection)?;
    text.push('\n');
    Ok(text)
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
