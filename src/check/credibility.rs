//! Grades the evidence does not support: a claim graded 1 ("confirmed by
//! other, independent sources") that no other source confirms.
//!
//! A claim is confirmed by an agreeing claim (same group, overlapping
//! figures; or, without figures, the same subject and attribute) whose
//! document comes from a different source. A second article of the same
//! outlet confirms nothing, so agreement is counted per source.

use super::group::{Group, Index};
use super::numeric::{Reach, Sweep};
use super::{Finding, Rule, Severity};
use crate::model::{Credibility, SourceId};
use foldhash::{HashMap, HashMapExt};
use std::cmp::Ordering;

/// The rule's id.
pub const RULE: Rule = Rule::UnconfirmedCredibility;

/// Runs the rule over every claim graded 1.
pub fn check(index: &Index) -> Vec<Finding> {
    let confirmed = |i: &usize| index.claim(*i).credibility == Credibility::Confirmed;
    let mut findings = Vec::new();
    for group in &index.figures {
        if !group.members.iter().any(confirmed) {
            continue;
        }
        for (i, others, same_outlet) in figure_support(index, group) {
            if others == 0 {
                findings.push(unconfirmed(index, i, Some(group), same_outlet));
            }
        }
    }
    for group in &index.statements {
        if !group.members.iter().any(confirmed) {
            continue;
        }
        // Claims per outlet, so that each confirmed claim is judged in O(1).
        let mut per_outlet: HashMap<Option<&SourceId>, usize> = HashMap::new();
        for &i in &group.members {
            *per_outlet
                .entry(index.outlet[i].map(|s| &s.id))
                .or_default() += 1;
        }
        for &i in group.members.iter().filter(|i| confirmed(i)) {
            let own = index.outlet[i].map(|s| &s.id);
            let backed = own.is_some() && per_outlet.keys().any(|o| o.is_some() && *o != own);
            if !backed {
                let same_outlet = match own {
                    Some(_) => per_outlet.get(&own).copied().unwrap_or(1).saturating_sub(1),
                    None => 0,
                };
                findings.push(unconfirmed(index, i, Some(group), same_outlet));
            }
        }
    }
    // A confirmed claim about nothing named cannot be confirmed by anything.
    for (i, claim) in index.project.claims.iter().enumerate() {
        if claim.credibility == Credibility::Confirmed && index.group_of[i].is_none() {
            findings.push(unconfirmed(index, i, None, 0));
        }
    }
    findings
}

/// For each confirmed member of a group of figures: how many agreeing
/// claims come from other outlets, and how many from its own outlet.
///
/// The claims overlapping a claim are all those neither entirely below nor
/// entirely above it; both counts come from binary searches, once over the
/// whole group and once over the claims of its outlet, so no pair is visited.
/// The group's ends are also sorted by outlet first (outlets told apart by
/// address, as in [`Index::ids`]), so that each outlet's claims are one run
/// of those lists: a few lists per group, not a few per outlet.
fn figure_support(index: &Index, group: &Group) -> Vec<(usize, usize, usize)> {
    let sweep = Sweep::new(index, &group.members);
    let outlet = |i: usize| index.outlet[i].map(|s| std::ptr::from_ref(s).addr());
    let mut all_lows: Vec<Reach> = sweep.ends.iter().map(|e| e.1).collect();
    all_lows.sort_by(Reach::cmp);
    let all = Ends {
        lows: &all_lows,
        highs: &sweep.highs,
    };
    let by_outlet = |end: fn(&(usize, Reach, Reach)) -> Reach| -> (Vec<Option<usize>>, Vec<Reach>) {
        let mut ends: Vec<(Option<usize>, Reach)> =
            sweep.ends.iter().map(|e| (outlet(e.0), end(e))).collect();
        ends.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        ends.into_iter().unzip()
    };
    let (low_outlets, lows) = by_outlet(|e| e.1);
    let (high_outlets, highs) = by_outlet(|e| e.2);
    sweep
        .ends
        .iter()
        .filter(|&&(i, _, _)| index.claim(i).credibility == Credibility::Confirmed)
        .map(|&(i, low, high)| {
            // A claim whose outlet is unknown cannot be told independent of anything.
            let Some(own) = outlet(i) else {
                return (i, 0, 0);
            };
            let run = |outlets: &[Option<usize>]| {
                outlets.partition_point(|&o| o < Some(own))
                    ..outlets.partition_point(|&o| o <= Some(own))
            };
            let same = Ends {
                lows: &lows[run(&low_outlets)],
                highs: &highs[run(&high_outlets)],
            };
            let same = same.overlapping(low, high).saturating_sub(1);
            let total = all.overlapping(low, high).saturating_sub(1);
            (i, total.saturating_sub(same), same)
        })
        .collect()
}

/// The sorted lower and upper ends of some claims' intervals.
struct Ends<'a> {
    lows: &'a [Reach],
    highs: &'a [Reach],
}

impl Ends<'_> {
    /// How many of the claims overlap `low..high` (a claim overlaps itself).
    fn overlapping(&self, low: Reach, high: Reach) -> usize {
        let below = self
            .highs
            .partition_point(|h| h.cmp(&low) == Ordering::Less);
        let not_above = self
            .lows
            .partition_point(|l| l.cmp(&high) != Ordering::Greater);
        not_above.saturating_sub(below)
    }
}

fn unconfirmed(index: &Index, i: usize, group: Option<&Group>, same_outlet: usize) -> Finding {
    let claim = index.claim(i);
    let outlet = index.outlet_name(i);
    let why = match group {
        None => "it names no subject or attribute, so no other claim can confirm it".to_owned(),
        Some(_) if same_outlet > 0 => format!(
            "the {same_outlet} agreeing claim{} come{} from {outlet} itself, which confirms nothing",
            if same_outlet == 1 { "" } else { "s" },
            if same_outlet == 1 { "s" } else { "" },
        ),
        Some(group) => format!("no claim from another source agrees on {}", group.title()),
    };
    let value = match claim.value {
        Some(_) => format!(" with {}", index.value_text(i)),
        None => String::new(),
    };
    let message = format!(
        "{}{value} is graded 1 (confirmed), but {why}; grade it 2 or lower, or tag the independent claim that confirms it",
        index.describe(i)
    );
    let (claims, documents, sources) = index.ids(&[i]);
    Finding::new(RULE, Severity::Warning, message, &[claim.id.as_str()])
        .involving(claims, documents, sources)
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use crate::check::check;
    use crate::model::{Credibility, Project};

    fn unconfirmed(project: &Project) -> Vec<String> {
        check(project)
            .into_iter()
            .filter(|f| f.rule == super::RULE)
            .map(|f| f.message)
            .collect()
    }

    /// Two documents of "Kyiv Independent" and one of "Newsroom", each
    /// saying about 40 km; the first claim graded 1.
    fn distance_from(outlets: &[&str], values: &[&str]) -> Project {
        let mut project = Project::new("test");
        for (i, (outlet, value)) in outlets.iter().zip(values).enumerate() {
            let quote = format!("{value} kilometers from the border");
            let id = add_document(
                &mut project,
                &format!("doc-{i}"),
                outlet,
                &format!("Belgorod lies {quote}."),
            );
            let claim = claim_on(
                &project,
                &id,
                &quote,
                "Belgorod",
                "distance from border",
                Some(value),
                "km",
            );
            project.claims.push(claim);
        }
        if let Some(first) = project.claims.first_mut() {
            first.credibility = Credibility::Confirmed;
        }
        project
    }

    #[test]
    fn a_confirmed_claim_backed_only_by_its_own_outlet_is_flagged() {
        let project = distance_from(&["Kyiv Independent", "Kyiv  independent"], &["~40", "40"]);
        let messages = unconfirmed(&project);
        assert_eq!(messages.len(), 1, "{messages:?}");
        assert!(
            messages[0].contains("from Kyiv Independent itself"),
            "{}",
            messages[0]
        );
    }

    #[test]
    fn a_confirmed_claim_backed_by_another_outlet_is_fine() {
        let project = distance_from(&["Kyiv Independent", "Newsroom"], &["~40", "40"]);
        assert!(unconfirmed(&project).is_empty());
    }

    #[test]
    fn the_same_outlet_counts_once_across_its_documents() {
        // Two more Kyiv Independent articles agree; Newsroom disagrees.
        let project = distance_from(
            &[
                "Kyiv Independent",
                "Kyiv Independent",
                "Kyiv Independent",
                "Newsroom",
            ],
            &["~40", "40", "41", "~30"],
        );
        let messages = unconfirmed(&project);
        assert_eq!(messages.len(), 1);
        assert!(
            messages[0].contains("the 2 agreeing claims"),
            "{}",
            messages[0]
        );
    }

    #[test]
    fn a_disagreeing_claim_from_another_outlet_confirms_nothing() {
        let project = distance_from(&["Kyiv Independent", "Newsroom"], &["~40", "~30"]);
        assert_eq!(unconfirmed(&project).len(), 1);
    }

    #[test]
    fn claims_without_figures_are_confirmed_by_the_same_subject_elsewhere() {
        let mut project = Project::new("test");
        for (i, outlet) in ["Kyiv Independent", "Newsroom"].iter().enumerate() {
            let id = add_document(
                &mut project,
                &format!("doc-{i}"),
                outlet,
                "Kyiv made no comment.",
            );
            let claim = claim_on(&project, &id, "no comment", "Strike", "comment", None, "");
            project.claims.push(claim);
        }
        project.claims[0].credibility = Credibility::Confirmed;
        assert!(unconfirmed(&project).is_empty());
        project.claims[1].subject = "Another strike".into();
        assert_eq!(unconfirmed(&project).len(), 1);
    }

    #[test]
    fn a_confirmed_claim_about_nothing_named_is_flagged() {
        let mut project = distance_from(&["Kyiv Independent", "Newsroom"], &["40", "40"]);
        project.claims[0].subject.clear();
        project.claims[0].attribute.clear();
        let messages = unconfirmed(&project);
        assert_eq!(messages.len(), 1);
        assert!(messages[0].contains("names no subject"));
    }
}
