//! Figures that disagree: conflicts, updates, downward revisions and
//! disputes between parties (PRODUCT §6).
//!
//! Two figures disagree when their intervals (§4) do not overlap. Within a
//! group, the claims are sorted by the upper end of their interval; the
//! claims entirely below a claim are then a prefix of that order, found by
//! binary search. So disagreeing pairs are counted in O(n log n), and only
//! enumerated when there are few enough to list one by one.

use super::group::{Group, Index};
use super::{Finding, Rule, Severity};
use crate::model::{Bound, Interval};
use crate::progress::Progress;
use std::cmp::Ordering;
use std::fmt::Write as _;

/// More disagreeing pairs than this in one group give one summary finding.
pub const MAX_PAIRS_PER_GROUP: u64 = 50;

/// Runs the numeric rules over some of the groups of figures, counting
/// their claims in `progress`; stops early (with what it found so far)
/// when that is cancelled, and the caller discards the result.
pub fn check_groups(index: &Index, groups: &[Group], progress: &Progress) -> Vec<Finding> {
    let mut findings = Vec::new();
    for group in groups {
        if progress.is_cancelled() {
            break;
        }
        check_group(index, group, &mut findings);
        progress.advance(group.members.len() as u64);
    }
    findings
}

/// Where an interval's end lies, comparable across open and closed ends:
/// an open upper end at 5 reaches just short of 5, an open lower end just past it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Reach {
    value: f64,
    side: i8,
}

impl Reach {
    pub(crate) fn low(interval: &Interval) -> Self {
        match interval.low {
            Bound::Unbounded => Self::at(f64::NEG_INFINITY, 0),
            Bound::Closed(v) => Self::at(v, 0),
            Bound::Open(v) => Self::at(v, 1),
        }
    }

    pub(crate) fn high(interval: &Interval) -> Self {
        match interval.high {
            Bound::Unbounded => Self::at(f64::INFINITY, 0),
            Bound::Closed(v) => Self::at(v, 0),
            Bound::Open(v) => Self::at(v, -1),
        }
    }

    fn at(value: f64, side: i8) -> Self {
        // Adding zero turns -0 into 0, which total_cmp would otherwise order apart.
        Self {
            value: value + 0.0,
            side,
        }
    }

    pub(crate) fn cmp(&self, other: &Self) -> Ordering {
        self.value
            .total_cmp(&other.value)
            .then(self.side.cmp(&other.side))
    }
}

/// The claims of a group with their intervals' ends, sorted for searching.
pub(crate) struct Sweep {
    /// Group members sorted by the upper end of their interval.
    pub by_high: Vec<usize>,
    /// Upper ends in that order.
    pub highs: Vec<Reach>,
    /// Lower and upper ends of each member, in `members` order.
    pub ends: Vec<(usize, Reach, Reach)>,
}

impl Sweep {
    pub(crate) fn new(index: &Index, members: &[usize]) -> Self {
        let mut ends = Vec::with_capacity(members.len());
        ends.extend(members.iter().filter_map(|&i| {
            let interval = index.claim(i).value?.interval();
            Some((i, Reach::low(&interval), Reach::high(&interval)))
        }));
        let mut sorted: Vec<(usize, Reach)> = ends.iter().map(|&(i, _, h)| (i, h)).collect();
        sorted.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        Self {
            by_high: sorted.iter().map(|&(i, _)| i).collect(),
            highs: sorted.iter().map(|&(_, h)| h).collect(),
            ends,
        }
    }

    /// How many members lie entirely below a lower end `low`.
    pub(crate) fn count_below(&self, low: Reach) -> usize {
        self.highs
            .partition_point(|h| h.cmp(&low) == Ordering::Less)
    }

    /// The number of pairs whose intervals do not overlap.
    pub(crate) fn disjoint_pairs(&self) -> u64 {
        self.ends
            .iter()
            .map(|&(_, low, _)| self.count_below(low) as u64)
            .sum()
    }
}

fn check_group(index: &Index, group: &Group, findings: &mut Vec<Finding>) {
    let sweep = Sweep::new(index, &group.members);
    let pairs = sweep.disjoint_pairs();
    if pairs == 0 {
        return;
    }
    if pairs > MAX_PAIRS_PER_GROUP {
        findings.push(summary(index, group, &sweep, pairs));
        return;
    }
    let title = group.title();
    for &(upper, low, _) in &sweep.ends {
        for &lower in &sweep.by_high[..sweep.count_below(low)] {
            findings.push(pair_finding(index, &title, lower, upper));
        }
    }
}

/// The finding for two claims whose figures do not overlap, `lower`'s
/// entirely below `upper`'s.
fn pair_finding(index: &Index, title: &str, lower: usize, upper: usize) -> Finding {
    let (a, b) = (index.claim(lower), index.claim(upper));
    let dated = match (a.as_of, b.as_of) {
        (Some(da), Some(db)) if da != db => Some(da < db),
        _ => None,
    };
    let parties = match dated {
        None => opposite_parties(index, lower, upper),
        Some(_) => None,
    };
    let (low_value, high_value) = (index.value_text(lower), index.value_text(upper));
    let (low_said, high_said) = (index.describe(lower), index.describe(upper));
    // Sized for the sentences below, so that each is allocated once.
    let parts = [&low_value, &high_value, &low_said, &high_said];
    let party_names = parties.as_ref().map_or(0, |(pa, pb)| pa.len() + pb.len());
    let mut message = String::with_capacity(
        title.len() + parts.iter().map(|p| p.len()).sum::<usize>() + party_names + 96,
    );
    let (rule, severity) = match (dated, parties) {
        // The later date holds the higher figure: a toll that rose.
        (Some(true), _) => {
            let _ = write!(
                message,
                "{title} rose from {low_value} to {high_value}: {low_said} then {high_said}"
            );
            (Rule::NumericUpdate, Severity::Info)
        }
        (Some(false), _) => {
            let _ = write!(
                message,
                "{title} was revised down from {high_value} to {low_value}: {high_said} then {low_said}; check which figure is current"
            );
            (Rule::NumericRevision, Severity::Warning)
        }
        (None, Some((pa, pb))) => {
            let _ = write!(
                message,
                "{title} is disputed between parties: {low_value} from {pa} vs {high_value} from {pb}: {low_said} vs {high_said}"
            );
            (Rule::PartyDispute, Severity::Warning)
        }
        (None, None) => {
            let _ = write!(
                message,
                "{title}: {low_value} vs {high_value} cannot both be true: {low_said} vs {high_said}"
            );
            (Rule::NumericConflict, Severity::Warning)
        }
    };
    let (claims, documents, sources) = index.ids(&[lower, upper]);
    Finding::new(rule, severity, message, &[a.id.as_str(), b.id.as_str()])
        .involving(claims, documents, sources)
}

/// The parties of the two claims' speakers, when both have one and they differ.
fn opposite_parties(index: &Index, a: usize, b: usize) -> Option<(String, String)> {
    let party = |i: usize| {
        index.speaker[i]
            .and_then(|s| s.party.as_deref())
            .map(str::trim)
            .filter(|p| !p.is_empty())
    };
    let (pa, pb) = (party(a)?, party(b)?);
    if super::group::normalize_key(pa) == super::group::normalize_key(pb) {
        return None;
    }
    Some((pa.to_owned(), pb.to_owned()))
}

/// One finding for a group with too many disagreeing pairs to list.
fn summary(index: &Index, group: &Group, sweep: &Sweep, pairs: u64) -> Finding {
    let finite = |r: Reach| Some(r.value).filter(|v| v.is_finite());
    let lowest = sweep
        .ends
        .iter()
        .filter_map(|e| finite(e.1))
        .reduce(f64::min);
    let highest = sweep
        .ends
        .iter()
        .filter_map(|e| finite(e.2))
        .reduce(f64::max);
    let range = match (lowest, highest) {
        (Some(l), Some(h)) => format!("from {l} to {h}"),
        _ => "without finite bounds".to_owned(),
    };
    let unit = if group.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", group.unit)
    };
    let message = format!(
        "{}: {pairs} pairs of figures disagree among {} claims, values {range}{unit}; \
         too many to list one by one: review the group, or split it by subject",
        group.title(),
        sweep.ends.len()
    );
    let (claims, documents, sources) = index.ids(&group.members);
    Finding::new(
        Rule::NumericConflict,
        Severity::Warning,
        message,
        &["group", &group.key],
    )
    .involving(claims, documents, sources)
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::model::Quantity;

    fn rules(project: &crate::model::Project) -> Vec<&'static str> {
        crate::check::check(project)
            .iter()
            .map(|f| f.rule.id())
            .filter(|r| !r.starts_with("integrity-"))
            .collect()
    }

    #[test]
    fn at_least_14_and_24_agree() {
        assert!(rules(&toll_project(&[(">=14", None), ("24", None)])).is_empty());
    }

    #[test]
    fn tolls_of_24_and_25_conflict_and_the_finding_names_both() {
        let project = toll_project(&[("24", None), ("25", None)]);
        let findings = crate::check::check(&project);
        assert_eq!(rules(&project), ["numeric-conflict"]);
        let finding = &findings[0];
        assert_eq!(finding.claims.len(), 2);
        assert!(finding.message.contains("24 people"));
        assert!(finding.message.contains("25 people"));
        assert!(
            finding.message.contains("“killed 24 people”"),
            "{}",
            finding.message
        );
        assert!(finding.message.contains("Outlet A"));
    }

    #[test]
    fn about_40_and_about_30_km_conflict_but_40_and_41_do_not() {
        let conflicting = distance_project(&[("~40", "km"), ("~30", "kilometers")]);
        assert_eq!(rules(&conflicting), ["numeric-conflict"]);
        let agreeing = distance_project(&[("~40", "km"), ("41", "kilometres")]);
        assert!(rules(&agreeing).is_empty());
    }

    #[test]
    fn figures_in_different_units_are_not_compared() {
        let project = distance_project(&[("~40", "km"), ("~30", "miles")]);
        assert!(rules(&project).is_empty());
    }

    #[test]
    fn hundreds_and_108_conflict_but_over_100_and_108_agree() {
        assert_eq!(
            rules(&toll_project(&[("200..999", None), ("108", None)])),
            ["numeric-conflict"]
        );
        assert!(rules(&toll_project(&[(">100", None), ("108", None)])).is_empty());
    }

    #[test]
    fn overlapping_figures_agree_whatever_their_dates() {
        let project = toll_project(&[(">100", Some("2024-01-05")), ("108", Some("2023-12-31"))]);
        assert!(rules(&project).is_empty());
    }

    #[test]
    fn a_toll_that_rose_with_a_later_date_is_an_update_not_a_conflict() {
        let project = toll_project(&[("24", Some("2023-12-31")), ("25", Some("2024-01-03"))]);
        let findings = crate::check::check(&project);
        assert_eq!(rules(&project), ["numeric-update"]);
        assert_eq!(findings[0].severity, Severity::Info);
        assert!(
            findings[0]
                .message
                .contains("rose from 24 people (as of 2023-12-31)")
        );
    }

    #[test]
    fn a_toll_that_fell_with_a_later_date_is_a_revision() {
        let project = toll_project(&[("50", Some("2024-01-03")), ("39", Some("2024-01-05"))]);
        let findings = crate::check::check(&project);
        assert_eq!(rules(&project), ["numeric-revision"]);
        assert_eq!(findings[0].severity, Severity::Warning);
    }

    #[test]
    fn a_dated_figure_against_an_undated_one_is_a_conflict() {
        let project = toll_project(&[("24", Some("2023-12-31")), ("16", None)]);
        assert_eq!(rules(&project), ["numeric-conflict"]);
        let same_day = toll_project(&[("24", Some("2024-01-03")), ("25", Some("2024-01-03"))]);
        assert_eq!(rules(&same_day), ["numeric-conflict"]);
    }

    #[test]
    fn parties_on_opposite_sides_dispute_rather_than_conflict() {
        let mut project = toll_project(&[("24", None), ("5", None)]);
        set_party(&mut project, "Outlet A", "Russia");
        set_party(&mut project, "Outlet B", "Ukraine");
        assert_eq!(rules(&project), ["party-dispute"]);

        // The same party on both sides is a plain conflict.
        set_party(&mut project, "Outlet B", "russia");
        assert_eq!(rules(&project), ["numeric-conflict"]);

        // A claimant is resolved to its source by name, whatever the outlet.
        let mut via_claimant = toll_project(&[("24", None), ("5", None)]);
        set_party(&mut via_claimant, "Outlet A", "Russia");
        add_source(&mut via_claimant, "Ukrainian  Air Force", Some("Ukraine"));
        via_claimant.claims[1].claimant = "ukrainian air force".into();
        assert_eq!(rules(&via_claimant), ["party-dispute"]);
        // A claimant that is no known source has no party.
        via_claimant.claims[1].claimant = "a passer-by".into();
        assert_eq!(rules(&via_claimant), ["numeric-conflict"]);
    }

    #[test]
    fn subjects_are_grouped_without_regard_to_case_and_punctuation() {
        let mut project = toll_project(&[("24", None), ("25", None)]);
        project.claims[1].subject = "  belgorod STRIKE, ".into();
        project.claims[1].attribute = "Killed.".into();
        assert_eq!(rules(&project), ["numeric-conflict"]);
        project.claims[1].attribute = "injured".into();
        assert!(rules(&project).is_empty());
    }

    #[test]
    fn more_than_fifty_disagreeing_pairs_give_one_summary() {
        // Eleven distinct exact tolls: 55 disagreeing pairs.
        let values: Vec<String> = (0..11).map(|v| (10 + v).to_string()).collect();
        let rows: Vec<(&str, Option<&str>)> = values.iter().map(|v| (v.as_str(), None)).collect();
        let project = toll_project(&rows);
        let findings = crate::check::check(&project);
        assert_eq!(findings.len(), 1, "{findings:#?}");
        assert!(
            findings[0].message.contains("55 pairs"),
            "{}",
            findings[0].message
        );
        assert!(findings[0].message.contains("from 10 to 20 people"));
        assert_eq!(findings[0].claims.len(), 11);

        // Ten of them give 45 pairs: listed one by one.
        let project = toll_project(&rows[..10]);
        assert_eq!(crate::check::check(&project).len(), 45);
    }

    #[test]
    fn the_sweep_agrees_with_interval_arithmetic() {
        let texts = [
            "24", ">=14", ">100", "<=5", "<5", "5", "~40", "~30", "100..200", "200..999", "108",
            "-3", "0",
        ];
        let quantities: Vec<Quantity> = texts.iter().filter_map(|t| t.parse().ok()).collect();
        for a in &quantities {
            for b in &quantities {
                let (ia, ib) = (a.interval(), b.interval());
                let below = Reach::high(&ia).cmp(&Reach::low(&ib)) == Ordering::Less;
                assert_eq!(below, ia.is_below(&ib), "{a} below {b}");
            }
        }
    }
}
