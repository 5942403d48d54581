//! Claims as schema.org `ClaimReview` (JSON-LD), what fact-checkers put on
//! every published check and search engines read: one review per claim
//! with a verdict, by the project's publishing organisation.

use crate::model::{Claim, Project, Publisher, Verdict, admiralty_in_words};
use serde::Serialize;

#[derive(Serialize)]
struct Graph<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@graph")]
    graph: Vec<Review<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Review<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
    claim_reviewed: &'a str,
    date_published: String,
    author: Organization<'a>,
    item_reviewed: ItemReviewed<'a>,
    review_rating: Rating,
}

#[derive(Serialize)]
struct Organization<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ItemReviewed<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Organization<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    appearance: Option<Appearance<'a>>,
}

#[derive(Serialize)]
struct Appearance<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    url: &'a str,
    headline: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rating {
    #[serde(rename = "@type")]
    kind: &'static str,
    alternate_name: &'static str,
    rating_explanation: String,
}

/// Why there is nothing to export.
#[derive(Debug, thiserror::Error)]
pub enum ClaimReviewError {
    #[error(
        "the project names no publishing organisation; set one with `claimdesk publisher PROJECT NAME [--url URL]`"
    )]
    NoPublisher,
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// A `ClaimReview` for every claim with a verdict, and how many claims were
/// left out as unassessed.
pub fn export_claim_review(project: &Project) -> Result<(String, usize), ClaimReviewError> {
    let publisher = project
        .publisher
        .as_ref()
        .ok_or(ClaimReviewError::NoPublisher)?;
    let (assessed, unassessed): (Vec<&Claim>, Vec<&Claim>) = project
        .claims
        .iter()
        .partition(|c| c.verdict != Verdict::Unassessed);
    let graph = Graph {
        context: "https://schema.org",
        graph: assessed
            .into_iter()
            .map(|claim| review(project, publisher, claim))
            .collect(),
    };
    let mut text = serde_json::to_string_pretty(&graph)?;
    text.push('\n');
    Ok((text, unassessed.len()))
}

fn review<'a>(project: &'a Project, publisher: &'a Publisher, claim: &'a Claim) -> Review<'a> {
    let document = project.document(&claim.document);
    let source = project.source_of_claim(claim);
    // Who made the claim: its claimant, else the outlet that printed it.
    let (author_kind, author) = if claim.claimant.is_empty() {
        (
            "Organization",
            source.map_or(claim.document.as_str(), |s| s.name.as_str()),
        )
    } else {
        ("Person", claim.claimant.as_str())
    };
    let explanation = match source {
        Some(source) => format!(
            "Admiralty {}. {}",
            admiralty_in_words(source.reliability, claim.credibility),
            claim.note
        ),
        None => format!("Credibility {}. {}", claim.credibility, claim.note),
    };
    Review {
        kind: "ClaimReview",
        id: format!("urn:claimdesk:claim:{}:review", claim.id),
        claim_reviewed: &claim.quote,
        date_published: claim.modified.date_naive().to_string(),
        author: Organization {
            kind: "Organization",
            name: &publisher.name,
            url: publisher.url.as_deref(),
        },
        item_reviewed: ItemReviewed {
            kind: "Claim",
            author: Organization {
                kind: author_kind,
                name: author,
                url: None,
            },
            date_published: document.and_then(|d| d.published).map(|d| d.to_string()),
            appearance: document.and_then(|d| {
                d.url.as_deref().map(|url| Appearance {
                    kind: "CreativeWork",
                    url,
                    headline: &d.title,
                })
            }),
        },
        review_rating: Rating {
            kind: "Rating",
            alternate_name: claim.verdict.name(),
            rating_explanation: explanation.trim_end().to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reviews_every_assessed_claim_and_counts_the_rest() {
        let mut project = crate::sample_project();
        assert!(matches!(
            export_claim_review(&project),
            Err(ClaimReviewError::NoPublisher)
        ));
        project.publisher = Some(Publisher {
            name: "Desk of Facts".into(),
            url: Some("https://facts.example".into()),
        });
        let (text, left_out) = export_claim_review(&project).expect("exports");
        let json: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let graph = json["@graph"].as_array().expect("graph");
        let assessed = project
            .claims
            .iter()
            .filter(|c| c.verdict != Verdict::Unassessed)
            .count();
        assert_eq!(graph.len(), assessed);
        assert_eq!(left_out, project.claims.len() - assessed);
        let first = project
            .claims
            .iter()
            .find(|c| c.verdict != Verdict::Unassessed)
            .expect("one");
        let review = &graph[0];
        assert_eq!(review["@type"], "ClaimReview");
        assert_eq!(review["claimReviewed"], first.quote.as_str());
        assert_eq!(review["author"]["name"], "Desk of Facts");
        assert_eq!(review["itemReviewed"]["@type"], "Claim");
        assert_eq!(
            review["reviewRating"]["alternateName"],
            first.verdict.name()
        );
        assert!(
            review["reviewRating"]["ratingExplanation"]
                .as_str()
                .expect("text")
                .starts_with("Admiralty ")
        );
    }
}
