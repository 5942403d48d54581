//! Small projects for the rules' unit tests: one document per claim, each
//! from its own outlet, with quotes that match their spans.

use crate::model::{
    Claim, ClaimId, Credibility, Document, DocumentId, LabelId, Project, Source, SourceId, span,
};
use chrono::NaiveDate;

/// "a", "b", … for the first 26, then numbers.
fn letter(i: usize) -> String {
    match u8::try_from(i).ok().filter(|&i| i < 26) {
        Some(i) => char::from(b'a' + i).to_string(),
        None => i.to_string(),
    }
}

/// Adds a source by name (if new) and returns its id.
pub fn add_source(project: &mut Project, name: &str, party: Option<&str>) -> SourceId {
    if let Some(source) = project.source_named(name) {
        return source.id.clone();
    }
    let mut source = Source::new(name);
    source.id = SourceId::from(format!("src-{}", project.sources.len()));
    source.party = party.map(str::to_owned);
    let id = source.id.clone();
    project.sources.push(source);
    id
}

/// Sets the party of the source with this name.
pub fn set_party(project: &mut Project, name: &str, party: &str) {
    let id = add_source(project, name, None);
    if let Some(source) = project.source_mut(&id) {
        source.party = Some(party.to_owned());
    }
}

/// Adds a document of `outlet` with `text`; returns its id.
pub fn add_document(project: &mut Project, id: &str, outlet: &str, text: &str) -> DocumentId {
    let source = add_source(project, outlet, None);
    let document = Document::new(DocumentId::from(id), id, source, text.to_owned());
    let id = document.id.clone();
    project.documents.push(document);
    id
}

/// A claim on the first occurrence of `quote` in the document, with a
/// value; credibility 3, so that only the rule under test fires.
pub fn claim_on(
    project: &Project,
    document: &DocumentId,
    quote: &str,
    subject: &str,
    attribute: &str,
    value: Option<&str>,
    unit: &str,
) -> Claim {
    let text = project
        .document(document)
        .map(|d| d.text.as_str())
        .unwrap_or_default();
    let found = span::find_all(text, quote)
        .first()
        .copied()
        .unwrap_or(span::Span::new(0, 1));
    let anchor = span::anchor(text, found).unwrap_or(span::Anchor {
        span: found,
        quote: quote.to_owned(),
        prefix: String::new(),
        suffix: String::new(),
    });
    let mut claim = Claim::new(document.clone(), anchor, LabelId::from("numeric"), "tester");
    claim.id = ClaimId::from(format!("c-{}-{}", document, project.claims.len()));
    claim.subject = subject.to_owned();
    claim.attribute = attribute.to_owned();
    claim.value = value.and_then(|v| v.parse().ok());
    claim.unit = unit.to_owned();
    claim.credibility = Credibility::Possible;
    claim
}

/// A claim on the first five characters of a document.
pub fn numeric_claim(
    project: &Project,
    document: &str,
    subject: &str,
    attribute: &str,
    value: &str,
    unit: &str,
) -> Claim {
    let id = DocumentId::from(document);
    let text = project
        .document(&id)
        .map(|d| d.text.chars().take(5).collect::<String>())
        .unwrap_or_default();
    claim_on(project, &id, &text, subject, attribute, Some(value), unit)
}

/// A date from `YYYY-MM-DD`.
pub fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default()
}

/// Death tolls of "Belgorod strike", one outlet each ("Outlet A", "Outlet B", …).
pub fn toll_project(rows: &[(&str, Option<&str>)]) -> Project {
    let mut project = Project::new("test");
    for (i, (value, as_of)) in rows.iter().enumerate() {
        let quote = format!("killed {value} people");
        let text = format!("Officials said the strike {quote} on Saturday.");
        let document = add_document(
            &mut project,
            &format!("doc-{}", letter(i)),
            &format!("Outlet {}", letter(i).to_uppercase()),
            &text,
        );
        let mut claim = claim_on(
            &project,
            &document,
            &quote,
            "Belgorod strike",
            "killed",
            Some(value),
            "people",
        );
        claim.as_of = as_of.map(date);
        project.claims.push(claim);
    }
    project
}

/// Distances of "Belgorod" from the border, with the units given.
pub fn distance_project(rows: &[(&str, &str)]) -> Project {
    let mut project = Project::new("test");
    for (i, (value, unit)) in rows.iter().enumerate() {
        let quote = format!("{value} {unit} from the border");
        let text = format!("Belgorod lies {quote} with Ukraine.");
        let document = add_document(
            &mut project,
            &format!("doc-{}", letter(i)),
            &format!("Outlet {}", letter(i).to_uppercase()),
            &text,
        );
        let claim = claim_on(
            &project,
            &document,
            &quote,
            "Belgorod",
            "distance from border",
            Some(value),
            unit,
        );
        project.claims.push(claim);
    }
    project
}
