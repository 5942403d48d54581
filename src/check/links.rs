//! Links that the figures contradict: claims linked "supports" whose values
//! do not overlap, or "contradicts" whose values do.
//!
//! Only figures in one unit are compared; a link between claims without
//! values, or in different units, is the analyst's judgement to keep.

use super::group::{Index, normalize_unit};
use super::{Finding, Rule, Severity};
use crate::model::{ClaimId, LinkKind};
use foldhash::HashMap;

/// The rule's id.
pub const RULE: Rule = Rule::LinkMismatch;

/// Runs the rule over every "supports" and "contradicts" link; `by_id`
/// holds the first claim with each id.
pub fn check(index: &Index, by_id: &HashMap<&ClaimId, usize>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (i, claim) in index.project.claims.iter().enumerate() {
        for link in &claim.links {
            if link.kind == LinkKind::Updates {
                continue;
            }
            // A link to a missing claim is an integrity error, reported there.
            let Some(&j) = by_id.get(&link.target) else {
                continue;
            };
            let target = index.claim(j);
            let (Some(a), Some(b)) = (claim.value, target.value) else {
                continue;
            };
            if i == j || normalize_unit(&claim.unit) != normalize_unit(&target.unit) {
                continue;
            }
            let agree = a.agrees_with(&b);
            let problem = match (link.kind, agree) {
                (LinkKind::Supports, false) => "is linked as supporting",
                (LinkKind::Contradicts, true) => "is linked as contradicting",
                _ => continue,
            };
            let verdict = if agree {
                "but the figures agree"
            } else {
                "but the figures disagree"
            };
            let message = format!(
                "{} {problem} {}, {verdict}: {} vs {}; check the link or the values",
                index.describe(i),
                index.describe(j),
                index.value_text(i),
                index.value_text(j),
            );
            let (claims, documents, sources) = index.ids(&[i, j]);
            findings.push(
                Finding::new(
                    RULE,
                    Severity::Warning,
                    message,
                    &[link.kind.id(), claim.id.as_str(), target.id.as_str()],
                )
                .involving(claims, documents, sources),
            );
        }
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::check::check;
    use crate::model::{ClaimLink, LinkKind, Project};

    fn link(project: &mut Project, kind: LinkKind) {
        let target = project.claims[1].id.clone();
        project.claims[0].links.push(ClaimLink { kind, target });
    }

    fn mismatches(project: &Project) -> usize {
        check(project)
            .iter()
            .filter(|f| f.rule == super::RULE)
            .count()
    }

    #[test]
    fn supports_between_conflicting_figures_is_flagged() {
        let mut project = toll_project(&[("24", None), ("25", None)]);
        link(&mut project, LinkKind::Supports);
        assert_eq!(mismatches(&project), 1);
        let finding = check(&project)
            .into_iter()
            .find(|f| f.rule == super::RULE)
            .expect("a finding");
        assert!(finding.message.contains("linked as supporting"));
        assert_eq!(finding.claims.len(), 2);
    }

    #[test]
    fn supports_between_agreeing_figures_is_fine() {
        let mut project = toll_project(&[(">=14", None), ("24", None)]);
        link(&mut project, LinkKind::Supports);
        assert_eq!(mismatches(&project), 0);
    }

    #[test]
    fn contradicts_between_agreeing_figures_is_flagged() {
        let mut project = toll_project(&[(">100", None), ("108", None)]);
        link(&mut project, LinkKind::Contradicts);
        assert_eq!(mismatches(&project), 1);
    }

    #[test]
    fn contradicts_between_conflicting_figures_is_fine() {
        let mut project = toll_project(&[("200..999", None), ("108", None)]);
        link(&mut project, LinkKind::Contradicts);
        assert_eq!(mismatches(&project), 0);
    }

    #[test]
    fn a_link_recorded_both_ways_is_one_finding() {
        let mut project = toll_project(&[("24", None), ("25", None)]);
        link(&mut project, LinkKind::Supports);
        let back = project.claims[0].id.clone();
        project.claims[1].links.push(crate::model::ClaimLink {
            kind: LinkKind::Supports,
            target: back,
        });
        assert_eq!(mismatches(&project), 1);
    }

    #[test]
    fn figures_in_different_units_are_not_compared() {
        let mut project = distance_project(&[("40", "km"), ("40", "miles")]);
        link(&mut project, LinkKind::Contradicts);
        assert_eq!(mismatches(&project), 0);
    }
}
