//! The index `apply` keeps: after any run of edits and undos, every look-up
//! by id agrees with a scan of the lists, and undoing everything gives the
//! project back exactly.

use claimdesk::edit::{ClaimField, Edit, apply};
use claimdesk::model::{Claim, ClaimLink, LinkKind, Project, Span, span};
use proptest::prelude::*;

/// What a test asks of the project, by numbers that pick among what exists.
#[derive(Clone, Debug)]
enum Step {
    Add { document: usize, start: usize },
    Remove(usize),
    RemoveDocumentClaims(usize),
    Note(usize),
    Link(usize, usize),
    Undo,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (0usize..3, 0usize..40).prop_map(|(document, start)| Step::Add { document, start }),
        2 => (0usize..64).prop_map(Step::Remove),
        1 => (0usize..3).prop_map(Step::RemoveDocumentClaims),
        2 => (0usize..64).prop_map(Step::Note),
        2 => (0usize..64, 0usize..64).prop_map(|(a, b)| Step::Link(a, b)),
        2 => Just(Step::Undo),
    ]
}

fn project() -> Project {
    let mut project = Project::new("index");
    let source = claimdesk::model::Source::new("Outlet");
    for n in 0..3 {
        let text = format!("Document {n}: “24 people” were killed — Белгород, {n}.");
        project.documents.push(claimdesk::model::Document::new(
            format!("d{n}").into(),
            "T",
            source.id.clone(),
            text,
        ));
    }
    project.sources.push(source);
    project
}

fn claim(project: &Project, document: usize, start: usize) -> Claim {
    let document = &project.documents[document];
    let length = span::char_len(&document.text);
    let start = start % (length - 1);
    let anchor = span::anchor(&document.text, Span::new(start, start + 1)).unwrap();
    Claim::new(
        document.id.clone(),
        anchor,
        project.labels[0].id.clone(),
        "t",
    )
}

fn pick(project: &Project, n: usize) -> Option<&Claim> {
    (!project.claims.is_empty()).then(|| &project.claims[n % project.claims.len()])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn look_ups_agree_with_a_scan_and_undo_restores_everything(steps in prop::collection::vec(step(), 1..40)) {
        let mut project = project();
        let original = project.clone();
        let mut undos = Vec::new();
        for step in steps {
            let edit = match step {
                Step::Add { document, start } => Some(Edit::add_claim(claim(&project, document, start))),
                Step::Remove(n) => pick(&project, n).map(|c| Edit::RemoveClaim(c.id.clone())),
                Step::RemoveDocumentClaims(d) => {
                    let id = project.documents[d].id.clone();
                    let ids = project.claims_in(&id).map(|c| c.id.clone()).collect();
                    Some(Edit::RemoveClaims(ids))
                }
                Step::Note(n) => pick(&project, n).map(|c| Edit::SetClaim {
                    id: c.id.clone(),
                    field: ClaimField::Note(format!("{} and more", c.note)),
                    modified: None,
                }),
                Step::Link(a, b) => match (pick(&project, a), pick(&project, b)) {
                    (Some(a), Some(b)) if a.id != b.id => {
                        let mut links = a.links.clone();
                        links.push(ClaimLink { kind: LinkKind::Supports, target: b.id.clone() });
                        Some(Edit::SetClaim { id: a.id.clone(), field: ClaimField::Links(links), modified: None })
                    }
                    _ => None,
                },
                Step::Undo => {
                    if let Some(undo) = undos.pop() {
                        apply(&mut project, undo).unwrap();
                    }
                    None
                }
            };
            if let Some(edit) = edit {
                undos.push(apply(&mut project, edit).unwrap());
            }
            for (n, claim) in project.claims.iter().enumerate() {
                prop_assert_eq!(project.claim_position(&claim.id), Some(n));
                for link in &claim.links {
                    prop_assert!(project.claim(&link.target).is_some(), "a link to a removed claim");
                }
            }
            for (n, document) in project.documents.iter().enumerate() {
                prop_assert_eq!(project.document_position(&document.id), Some(n));
            }
            prop_assert!(project.claim(&"absent".into()).is_none());
        }
        while let Some(undo) = undos.pop() {
            apply(&mut project, undo).unwrap();
        }
        prop_assert_eq!(project, original);
    }
}
