//! The rows of a comparison and what "Take theirs" does to each: plain
//! functions of the two projects, apart from the window that draws them.

use crate::agree::{Agreement, DisagreementKind};
use crate::edit::Edit;
use crate::model::{Claim, ClaimId, DocumentId, Project, now};

/// One claim where the two copies differ: the disagreements of one pair
/// of claims as one row, so one "Take theirs" settles them all.
#[derive(Clone, Debug, PartialEq)]
pub struct Difference {
    pub document: DocumentId,
    /// My claim; `None` for one only they tagged.
    pub mine: Option<ClaimId>,
    /// Their claim; `None` for one only I tagged.
    pub theirs: Option<ClaimId>,
    /// What differs between two claims on (nearly) the same words: label,
    /// credibility, value. Empty for a claim only one side has.
    pub fields: Vec<DisagreementKind>,
}

/// The disagreements of the comparison as rows: the kinds of one pair of
/// claims together (they come one after another, in text order).
pub fn differences(agreement: &Agreement) -> Vec<Difference> {
    let mut rows: Vec<Difference> = Vec::new();
    for found in &agreement.disagreements {
        let field = !matches!(
            found.kind,
            DisagreementKind::OnlyA | DisagreementKind::OnlyB
        );
        if let Some(last) = rows.last_mut()
            && field
            && last.mine == found.a
            && last.theirs == found.b
        {
            last.fields.push(found.kind);
            continue;
        }
        rows.push(Difference {
            document: found.document.clone(),
            mine: found.a.clone(),
            theirs: found.b.clone(),
            fields: if field { vec![found.kind] } else { Vec::new() },
        });
    }
    rows
}

/// The edit that makes my project hold their side of a difference: their
/// claim added, my claim replaced by theirs, or my claim deleted. An error
/// says why it cannot be done (the button is then disabled with it).
pub fn take_theirs(
    mine: &Project,
    theirs: &Project,
    difference: &Difference,
) -> Result<Edit, String> {
    let mine_claim = difference.mine.as_ref().map(|id| mine.claim(id));
    let their_claim = difference.theirs.as_ref().map(|id| theirs.claim(id));
    match (mine_claim, their_claim) {
        (Some(Some(claim)), None) => Ok(Edit::RemoveClaim(claim.id.clone())),
        (None, Some(Some(claim))) => {
            let mut claim = adopted(mine, claim)?;
            // Copies share ids: one mine holds elsewhere gets a new one.
            if mine.claim(&claim.id).is_some() {
                claim.id = ClaimId::fresh();
            }
            Ok(Edit::add_claim(claim))
        }
        (Some(Some(old)), Some(Some(claim))) => {
            let mut claim = adopted(mine, claim)?;
            claim.id = old.id.clone();
            claim.modified = now();
            Ok(Edit::ReplaceClaim(claim))
        }
        _ => Err("this claim is no longer in the project; the comparison is out of date".into()),
    }
}

/// Their claim as my project can hold it, or why it cannot: its document
/// and its label must be mine too; links to claims I do not have are left
/// out.
fn adopted(mine: &Project, claim: &Claim) -> Result<Claim, String> {
    if mine.document(&claim.document).is_none() {
        return Err(format!(
            "Their document '{}' is not in this project: add it first",
            claim.document
        ));
    }
    if mine.label(&claim.label).is_none() {
        return Err(format!(
            "Their label '{}' is not in this project: add it first (Edit > Labels…)",
            claim.label
        ));
    }
    let mut claim = claim.clone();
    claim
        .links
        .retain(|link| mine.claim(&link.target).is_some());
    Ok(claim)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, LabelId, Source};

    fn project() -> Project {
        let mut project = Project::new("p");
        let source = Source::new("Outlet");
        let document = Document::new(
            "d".into(),
            "Title",
            source.id.clone(),
            "At least 14 people died.".into(),
        );
        project.sources.push(source);
        project.documents.push(document);
        project.reindex();
        project
    }

    fn claim(project: &Project, start: usize, end: usize) -> Claim {
        let document = &project.documents[0];
        let anchor =
            crate::model::span::anchor(&document.text, crate::model::Span::new(start, end))
                .expect("a span of the text");
        Claim::new(
            document.id.clone(),
            anchor,
            LabelId::from("numeric"),
            "tester",
        )
    }

    #[test]
    fn their_claim_in_a_document_i_do_not_have_cannot_be_taken() {
        let mine = project();
        let mut theirs = project();
        let mut other = claim(&theirs, 0, 8);
        other.document = DocumentId::from("elsewhere");
        theirs.claims.push(other.clone());
        theirs.reindex();
        let difference = Difference {
            document: other.document.clone(),
            mine: None,
            theirs: Some(other.id.clone()),
            fields: Vec::new(),
        };
        let why = take_theirs(&mine, &theirs, &difference).expect_err("refused");
        assert!(why.contains("elsewhere"), "{why}");
    }

    #[test]
    fn one_pair_that_differs_in_two_fields_is_one_row() {
        let mut mine = project();
        let mut theirs = project();
        let a = claim(&mine, 0, 11);
        let mut b = a.clone();
        b.credibility = crate::model::Credibility::Probable;
        b.value = Some("15".parse().expect("a value"));
        mine.claims.push(a);
        theirs.claims.push(b.clone());
        mine.reindex();
        theirs.reindex();
        let agreement = crate::agree::agree(&mine, &theirs).expect("comparable");
        let rows = differences(&agreement);
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(
            rows[0].fields,
            [DisagreementKind::Credibility, DisagreementKind::Value]
        );
        let Ok(Edit::ReplaceClaim(taken)) = take_theirs(&mine, &theirs, &rows[0]) else {
            panic!("a replacement");
        };
        assert_eq!(taken.credibility, b.credibility);
        assert_eq!(taken.value, b.value);
    }
}
