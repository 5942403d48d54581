//! Integrity: what makes a project unsound, all errors (PRODUCT §6). Ids
//! used twice, references to nothing, spans that do not fit their text,
//! quotes that moved (with the re-anchoring proposed), texts changed
//! under their hashes and format versions this build does not know.
//!
//! Grades and verdicts out of range never reach a `Project`: the file
//! reader refuses them with the line and column.

use super::{Finding, Reanchor, Rule, Severity, quoted};
use crate::model::project::check_document_text;
use crate::model::span::{self, TextIndex};
use crate::model::{Claim, ClaimId, FORMAT_VERSION, Project};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::collections::hash_map::Entry;

/// Every integrity finding of `project`, on this thread: what a command
/// checks before it changes a project, and what `Project::validate` says.
pub fn all(project: &Project) -> Vec<Finding> {
    // Three passes that share nothing, on the pool's threads: a command
    // waits for them before it changes the project.
    let (mut findings, (hashes, ids)) = rayon::join(
        || structure(project),
        || {
            rayon::join(
                || text_hashes(project),
                || {
                    let mut found = Vec::new();
                    let _ = claim_ids(project, &mut found);
                    found
                },
            )
        },
    );
    findings.extend(hashes);
    findings.extend(ids);
    findings
}

/// Runs every integrity rule but the text hashes, which hash all the text,
/// and the claims' ids ([`claim_ids`]), which hash every claim's id: they
/// run beside it, on another thread.
pub fn structure(project: &Project) -> Vec<Finding> {
    let mut findings = Vec::new();
    if project.format_version == 0 || project.format_version > FORMAT_VERSION {
        let version = project.format_version.to_string();
        findings.push(Finding::new(
            Rule::FormatVersion,
            Severity::Error,
            format!(
                "the project says format version {version}, which this build does not know \
                 (it reads version {FORMAT_VERSION}); open it with the claimdesk that wrote it"
            ),
            &["format", &version],
        ));
    }
    let ids = duplicates(project, &mut findings);
    references(project, &ids, &mut findings);
    anchors(project, &mut findings);
    findings
}

/// The ids of each kind, to look references up in.
struct Ids<'a> {
    labels: HashSet<&'a str>,
    sources: HashSet<&'a str>,
    documents: HashSet<&'a str>,
}

/// The finding for an id of `kind` used more than once.
fn duplicate_id(kind: &'static str, id: &str) -> Finding {
    let finding = Finding::new(
        Rule::DuplicateId,
        Severity::Error,
        format!("{kind} id '{id}' is used more than once; give each {kind} its own id"),
        &[kind, id],
    );
    match kind {
        "claim" => finding.involving([id.into()], [], []),
        "document" => finding.involving([], [id.into()], []),
        "source" => finding.involving([], [], [id.into()]),
        _ => finding,
    }
}

/// Reports the label, source and document ids used twice, and returns
/// every id by kind.
fn duplicates<'a>(project: &'a Project, findings: &mut Vec<Finding>) -> Ids<'a> {
    let mut report = |kind: &'static str, ids: Vec<&'a str>| {
        let mut seen = HashSet::with_capacity(ids.len());
        let mut reported = HashSet::new();
        for id in ids {
            if !seen.insert(id) && reported.insert(id) {
                findings.push(duplicate_id(kind, id));
            }
        }
        seen
    };
    Ids {
        labels: report(
            "label",
            project.labels.iter().map(|l| l.id.as_str()).collect(),
        ),
        sources: report(
            "source",
            project.sources.iter().map(|s| s.id.as_str()).collect(),
        ),
        documents: report(
            "document",
            project.documents.iter().map(|d| d.id.as_str()).collect(),
        ),
    }
}

/// Reports the claim ids used twice and the links to claims that do not
/// exist, and returns the first claim with each id, which the link rule
/// looks its targets up in.
pub fn claim_ids<'a>(
    project: &'a Project,
    findings: &mut Vec<Finding>,
) -> HashMap<&'a ClaimId, usize> {
    let mut by_id: HashMap<&ClaimId, usize> = HashMap::with_capacity(project.claims.len());
    let mut reported = HashSet::new();
    for (i, claim) in project.claims.iter().enumerate() {
        match by_id.entry(&claim.id) {
            Entry::Vacant(first) => {
                first.insert(i);
            }
            Entry::Occupied(_) => {
                if reported.insert(&claim.id) {
                    findings.push(duplicate_id("claim", claim.id.as_str()));
                }
            }
        }
    }
    for claim in &project.claims {
        for link in &claim.links {
            if !by_id.contains_key(&link.target) {
                findings.push(
                    Finding::new(
                        Rule::MissingClaim,
                        Severity::Error,
                        format!(
                            "claim '{}' {} is linked as '{}' to claim '{}', which does not exist; \
                             remove the link",
                            claim.id,
                            quoted(&claim.quote),
                            link.kind.id(),
                            link.target
                        ),
                        &[claim.id.as_str(), link.kind.id(), link.target.as_str()],
                    )
                    .involving(
                        [claim.id.clone()],
                        [claim.document.clone()],
                        [],
                    ),
                );
            }
        }
    }
    by_id
}

fn references(project: &Project, ids: &Ids, findings: &mut Vec<Finding>) {
    let Ids {
        labels,
        sources,
        documents,
    } = ids;
    for document in &project.documents {
        if !sources.contains(document.source.as_str()) {
            findings.push(
                Finding::new(
                    Rule::MissingSource,
                    Severity::Error,
                    format!(
                        "document '{}' (“{}”) names source '{}', which does not exist; \
                         choose one of the project's sources",
                        document.id, document.title, document.source
                    ),
                    &[document.id.as_str(), document.source.as_str()],
                )
                .involving([], [document.id.clone()], [document.source.clone()]),
            );
        }
    }
    // Claims come document by document, most with one label: what was
    // found for the claim before is not looked up again.
    let mut found_document = None;
    let mut found_label = None;
    for claim in &project.claims {
        if found_document != Some(&claim.document) && documents.contains(claim.document.as_str()) {
            found_document = Some(&claim.document);
        }
        if found_document != Some(&claim.document) {
            findings.push(
                Finding::new(
                    Rule::MissingDocument,
                    Severity::Error,
                    format!(
                        "claim '{}' {} is in document '{}', which does not exist; \
                         restore the document or remove the claim",
                        claim.id,
                        quoted(&claim.quote),
                        claim.document
                    ),
                    &[claim.id.as_str(), claim.document.as_str()],
                )
                .involving([claim.id.clone()], [claim.document.clone()], []),
            );
        }
        if found_label != Some(&claim.label) && labels.contains(claim.label.as_str()) {
            found_label = Some(&claim.label);
        }
        if found_label != Some(&claim.label) {
            findings.push(
                Finding::new(
                    Rule::MissingLabel,
                    Severity::Error,
                    format!(
                        "claim '{}' {} has label '{}', which the project does not define; \
                         add the label or choose another",
                        claim.id,
                        quoted(&claim.quote),
                        claim.label
                    ),
                    &[claim.id.as_str(), claim.label.as_str()],
                )
                .involving([claim.id.clone()], [claim.document.clone()], []),
            );
        }
    }
}

/// Texts changed under their stored hashes.
pub fn text_hashes(project: &Project) -> Vec<Finding> {
    let mut findings = Vec::new();
    for document in &project.documents {
        let involving = |finding: Finding| {
            finding.involving([], [document.id.clone()], [document.source.clone()])
        };
        if let Err(problem) = check_document_text(&document.text) {
            findings.push(involving(Finding::new(
                Rule::DocumentText,
                Severity::Error,
                format!("document '{}': {problem}", document.id),
                &[document.id.as_str()],
            )));
        }
        if !document.hash_matches() {
            findings.push(involving(Finding::new(
                Rule::TextHash,
                Severity::Error,
                format!(
                    "the text of document '{}' (“{}”) no longer matches its stored hash: \
                     it was changed outside claimdesk; check its claims' quotes, then re-add the document",
                    document.id, document.title
                ),
                &[document.id.as_str()],
            )));
        }
    }
    findings
}

/// Spans and quotes. Each document's text is indexed once, so that reading
/// a span does not count characters from the start.
fn anchors(project: &Project, findings: &mut Vec<Finding>) {
    let mut texts: HashMap<&str, TextIndex> = HashMap::new();
    for document in &project.documents {
        texts
            .entry(document.id.as_str())
            .or_insert_with(|| TextIndex::new(&document.text));
    }
    let mut last = None;
    for claim in &project.claims {
        let text = match last {
            Some((document, text)) if document == &claim.document => text,
            _ => {
                let Some(text) = texts.get(claim.document.as_str()) else {
                    continue;
                };
                last = Some((&claim.document, text));
                text
            }
        };
        let problem = match text.slice(claim.span()) {
            Err(error) => Some((Rule::Span, format!("{error}"))),
            Ok(found) if found != claim.quote => Some((
                Rule::QuoteMoved,
                format!(
                    "the text at {}..{} reads {}",
                    claim.start,
                    claim.end,
                    quoted(found)
                ),
            )),
            Ok(_) => None,
        };
        if let Some((rule, what)) = problem {
            findings.push(broken_anchor(claim, text.text(), rule, &what));
        }
    }
}

/// A finding for a claim whose span does not hold its quote, proposing where
/// the quote is found again (once, or best by its context).
fn broken_anchor(claim: &Claim, text: &str, rule: Rule, what: &str) -> Finding {
    let found = span::reanchor(text, &claim.quote, &claim.prefix, &claim.suffix);
    let advice = match found {
        Some(s) => format!(
            "the quote is found at {}..{}: apply the re-anchoring",
            s.start, s.end
        ),
        None => "the quote is not found in the text: re-tag the claim or restore the text".into(),
    };
    let mut finding = Finding::new(
        rule,
        Severity::Error,
        format!(
            "claim '{}' {} in document '{}': {what}; {advice}",
            claim.id,
            quoted(&claim.quote),
            claim.document
        ),
        &[claim.id.as_str()],
    )
    .involving([claim.id.clone()], [claim.document.clone()], []);
    finding.reanchor = found.map(|s| Reanchor {
        claim: claim.id.clone(),
        start: s.start,
        end: s.end,
    });
    finding
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::check::{Finding, check};
    use crate::model::{ClaimLink, LabelId, LinkKind};

    fn errors(project: &Project) -> Vec<Finding> {
        check(project)
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect()
    }

    fn rules(project: &Project) -> Vec<&'static str> {
        errors(project).iter().map(|f| f.rule.id()).collect()
    }

    fn sound() -> Project {
        toll_project(&[("24", None), (">=14", None)])
    }

    #[test]
    fn a_sound_project_has_no_errors() {
        assert!(rules(&sound()).is_empty());
    }

    #[test]
    fn an_unknown_format_version_is_an_error() {
        let mut project = sound();
        project.format_version = FORMAT_VERSION + 1;
        assert_eq!(rules(&project), ["integrity-format-version"]);
    }

    #[test]
    fn ids_used_twice_are_errors_once_each() {
        let mut project = sound();
        let copy = project.claims[0].clone();
        project.claims.push(copy.clone());
        project.claims.push(copy);
        project.labels.push(project.labels[0].clone());
        let found = errors(&project);
        let duplicates: Vec<&Finding> = found
            .iter()
            .filter(|f| f.rule == "integrity-duplicate-id")
            .collect();
        assert_eq!(duplicates.len(), 2, "{found:#?}");
        assert!(
            duplicates
                .iter()
                .any(|f| f.claims == [project.claims[0].id.clone()])
        );
    }

    #[test]
    fn references_to_nothing_are_errors() {
        let mut project = sound();
        project.documents[0].source = "src-gone".into();
        project.claims[0].label = LabelId::from("gone");
        project.claims[1].links.push(ClaimLink {
            kind: LinkKind::Supports,
            target: "c-gone".into(),
        });
        let mut found = rules(&project);
        found.sort();
        assert_eq!(
            found,
            [
                "integrity-missing-claim",
                "integrity-missing-label",
                "integrity-missing-source"
            ]
        );
        let mut orphan = sound();
        orphan.claims[0].document = "doc-gone".into();
        assert_eq!(rules(&orphan), ["integrity-missing-document"]);
    }

    #[test]
    fn a_missing_document_or_label_is_an_error_for_each_claim_whatever_its_neighbours() {
        // The look-ups are skipped for a claim with the same document or
        // label as the one before it: every mix of found and missing in a
        // row, documents and labels mixed differently.
        for pattern in 0..16u32 {
            let labels = (pattern.reverse_bits() >> 28) ^ 0b0101;
            let mut project = sound();
            let first = project.claims[0].clone();
            project.claims = (0..4)
                .map(|k| {
                    let mut claim = first.clone();
                    claim.id = format!("c-{k}").into();
                    if pattern & (1 << k) != 0 {
                        claim.document = "doc-gone".into();
                    }
                    if labels & (1 << k) != 0 {
                        claim.label = "gone".into();
                    }
                    claim
                })
                .collect();
            let found = rules(&project);
            let count = |rule: &str| found.iter().filter(|r| **r == rule).count();
            assert_eq!(
                count("integrity-missing-document"),
                pattern.count_ones() as usize
            );
            assert_eq!(
                count("integrity-missing-label"),
                labels.count_ones() as usize
            );
        }
    }

    #[test]
    fn spans_out_of_bounds_empty_or_inverted_are_errors_not_panics() {
        for (start, end) in [(5, 4), (5, 5), (40, 10_000), (usize::MAX - 1, usize::MAX)] {
            let mut project = sound();
            project.claims[0].start = start;
            project.claims[0].end = end;
            let found = errors(&project);
            assert_eq!(found.len(), 1, "{start}..{end}");
            assert_eq!(found[0].rule, "integrity-span");
            // The quote is still in the text once: the checker says where.
            let reanchor = found[0].reanchor.as_ref().expect("a proposal");
            assert_eq!((reanchor.start, reanchor.end), (26, 42));
        }
    }

    #[test]
    fn a_quote_that_moved_is_found_again_by_its_context() {
        let mut project = Project::new("test");
        let text = "Earlier: killed 24 people. Later the strike killed 24 people in all.";
        let id = add_document(&mut project, "doc-a", "Outlet A", text);
        let mut claim = claim_on(&project, &id, "killed 24 people in all", "", "", None, "");
        let right = (claim.start, claim.end);
        // The analyst tagged the second "killed 24 people"; offsets drifted by one.
        claim.quote = "killed 24 people".into();
        claim.suffix = " in all.".into();
        claim.prefix = "Later the strike ".into();
        claim.end = claim.start + 16;
        claim.start += 1;
        claim.end += 1;
        project.claims.push(claim);
        let found = errors(&project);
        assert_eq!(rules(&project), ["integrity-quote-moved"]);
        let proposal = found[0].reanchor.as_ref().expect("a proposal");
        assert_eq!((proposal.start, proposal.end), (right.0, right.0 + 16));
        assert!(found[0].message.contains("“killed 24 people”"));
    }

    #[test]
    fn a_quote_found_nowhere_has_no_proposal() {
        let mut project = sound();
        project.claims[0].quote = "killed 99 people".into();
        let found = errors(&project);
        assert_eq!(found[0].rule, "integrity-quote-moved");
        assert!(found[0].reanchor.is_none());
        assert!(found[0].message.contains("not found"));
    }

    #[test]
    fn a_quote_matching_its_span_in_non_ascii_text_is_fine() {
        let mut project = Project::new("test");
        let text = format!(
            "{} Белгород — 24 погибших. بلغورود {}",
            "é".repeat(130),
            "ü".repeat(70)
        );
        let id = add_document(&mut project, "doc-a", "Outlet A", &text);
        for quote in ["24 погибших", "بلغورود", "ü"] {
            let claim = claim_on(&project, &id, quote, "", "", None, "");
            project.claims.push(claim);
        }
        assert!(rules(&project).is_empty(), "{:#?}", errors(&project));
        project.claims[0].start += 1;
        project.claims[0].end += 1;
        assert_eq!(rules(&project), ["integrity-quote-moved"]);
    }

    #[test]
    fn a_text_changed_under_its_hash_is_an_error() {
        let mut project = sound();
        project.documents[1].text.push_str(" Updated.");
        assert_eq!(rules(&project), ["integrity-text-hash"]);
    }

    #[test]
    fn text_spans_match_the_model_s_slicing() {
        let text = format!("{}Ωmega{}", "ж".repeat(100), "a".repeat(3));
        let indexed = TextIndex::new(&text);
        for start in [0, 1, 63, 64, 65, 100, 105, 107, 108] {
            for end in [start + 1, start + 5, 108] {
                let expected = span::slice(&text, span::Span::new(start, end))
                    .filter(|_| start < end && end <= 108);
                let found = indexed.slice(span::Span::new(start, end)).ok();
                assert_eq!(found, expected, "{start}..{end}");
            }
        }
    }
}
