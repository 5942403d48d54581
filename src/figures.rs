//! The picture of a disagreement: every source's figure for one thing
//! (subject / attribute, as the checker groups them), placed on the date it
//! speaks for, as the interval its words allow.
//!
//! The geometry is computed here, from the model and the checker's
//! findings alone, and drawn twice: by the workbench's Figures view
//! (`ui::figures_view`, with egui_plot) and by the brief's SVG
//! ([`crate::report`]); so the two cannot disagree. Nothing here changes a
//! project.

use crate::check::group::{Group, Index};
use crate::check::{Finding, Rule};
use crate::model::{ClaimId, Credibility, Project, Quantity, Reliability, SourceId};
use chrono::{Datelike, NaiveDate};
use foldhash::{HashMap, HashMapExt};
use std::collections::BTreeSet;

/// One thing figures are given for, as the list of the Figures view shows
/// it: subject / attribute, with its figures in each unit.
#[derive(Clone, Debug, PartialEq)]
pub struct Topic {
    /// "Belgorod strike 2023-12-30 / killed".
    pub title: String,
    /// Normalised subject and attribute: stable, to choose a topic by.
    pub key: String,
    /// Its units, the one with most figures first.
    pub units: Vec<UnitCount>,
    pub figures: usize,
    /// How many outlets give a figure.
    pub sources: usize,
    /// Open conflicts the checker reports between its figures.
    pub open_conflicts: usize,
}

/// How many figures a topic gives in one unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnitCount {
    /// The normalised unit (`people`, `km`); empty for figures without one.
    pub unit: String,
    pub figures: usize,
}

/// Where a figure's date comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dated {
    /// The claim says what date the figure speaks for.
    AsOf,
    /// Only its document's publication date is known (drawn hollow).
    Published,
    /// Neither: drawn in the strip of undated figures.
    Undated,
}

/// One claim's figure on the chart.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub claim: ClaimId,
    /// Its outlet, as an index into [`Chart::series`].
    pub series: usize,
    /// Days since 1 January of year 1 (dated), or a place in the undated
    /// strip, moved a little aside per outlet so that figures of one day
    /// do not hide each other.
    pub x: f64,
    pub date: Option<NaiveDate>,
    pub dated: Dated,
    /// Where the marker sits: the stated number (a range's middle).
    pub y: f64,
    /// The interval its words allow, cut to the chart's range where it is
    /// open (`up` or `down` then says an arrow goes on).
    pub low: f64,
    pub high: f64,
    pub up: bool,
    pub down: bool,
    /// True for a single number ("24"): a point and no bar.
    pub point: bool,
    /// The marker's fill, from credibility: 1 (confirmed) is full, 6
    /// (cannot be judged) empty.
    pub fill: f32,
    pub value: String,
    pub quote: String,
    pub claimant: String,
    pub credibility: Credibility,
    pub verdict: String,
}

/// One outlet's figures: their colour and what the legend says.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub source: Option<SourceId>,
    pub name: String,
    pub grade: Reliability,
    /// An sRGB colour from [`PALETTE`].
    pub color: [u8; 3],
}

impl Series {
    /// "Kyiv Independent (B)".
    pub fn label(&self) -> String {
        format!("{} ({})", self.name, self.grade.letter())
    }
}

/// Two figures the checker reports in conflict, or a figure revised by a
/// later one (a step from the earlier to the later).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pair {
    pub from: usize,
    pub to: usize,
}

/// The range on which every figure from outlets graded A–C agrees.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Band {
    /// Their intervals meet here (an open side is `None`).
    Agreed { low: Option<f64>, high: Option<f64> },
    /// Their intervals have no point in common.
    Disagree,
    /// No outlet graded A–C gives a figure.
    NoGradedFigures,
}

impl Band {
    /// The band in words, for the view and the brief.
    pub fn describe(&self, unit: &str) -> String {
        let unit = if unit.is_empty() {
            String::new()
        } else {
            format!(" {unit}")
        };
        match *self {
            Band::Agreed {
                low: Some(l),
                high: Some(h),
            } if l == h => format!("Sources graded A–C agree on {}{unit}", number(l)),
            Band::Agreed { low, high } => format!(
                "Sources graded A–C agree on {} to {}{unit}",
                low.map_or("any".into(), number),
                high.map_or("more".into(), number)
            ),
            Band::Disagree => "Sources graded A–C agree on no single range".into(),
            Band::NoGradedFigures => "No source graded A–C gives a figure".into(),
        }
    }
}

/// A topic's figures in one unit, ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct Chart {
    pub title: String,
    pub unit: String,
    /// The topic's figures in other units, which this chart leaves out.
    pub left_out: Vec<UnitCount>,
    pub figures: Vec<Figure>,
    pub series: Vec<Series>,
    /// The figures of each series (indices into `figures`), so that an
    /// outlet's are drawn without going through everyone's.
    pub by_series: Vec<Vec<usize>>,
    pub conflicts: Vec<Pair>,
    /// Later figures after earlier ones: `revision` when lower.
    pub steps: Vec<(Pair, bool)>,
    pub band: Band,
    /// The first and last day a figure speaks for, when any is dated.
    pub days: Option<(f64, f64)>,
    /// The undated strip's left and right ends, when a figure is undated.
    pub undated: Option<(f64, f64)>,
    /// The value axis' ends: open intervals stop there.
    pub y_range: (f64, f64),
}

/// The colours of outlets in order (Tableau 10, readable on light and dark).
pub const PALETTE: [[u8; 3]; 10] = [
    [31, 119, 180],
    [255, 127, 14],
    [44, 160, 44],
    [214, 39, 40],
    [148, 103, 189],
    [140, 86, 75],
    [227, 119, 194],
    [127, 127, 127],
    [188, 189, 34],
    [23, 190, 207],
];

/// The colour of conflict lines and downward revisions.
pub const WARNING: [u8; 3] = [230, 120, 0];

/// A project's figures, grouped once: its topics, and the chart of any of
/// them, without grouping the claims again per chart (a brief of a large
/// project draws thousands).
pub struct Figures<'a> {
    index: Index<'a>,
    topics: Vec<Topic>,
    /// The groups (indices into the checker's figure groups) of each topic.
    groups: Vec<Vec<usize>>,
    /// The open findings about each topic's figures.
    findings: Vec<Vec<&'a Finding>>,
}

impl<'a> Figures<'a> {
    /// Groups the project's figures; `findings` are the checker's (open
    /// ones draw conflicts and steps, and count as conflicts).
    pub fn new(project: &'a Project, findings: &'a [Finding]) -> Self {
        let index = Index::new(project);
        let mut topics: Vec<Topic> = Vec::new();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut by_key: HashMap<&str, usize> = HashMap::new();
        let mut outlets: Vec<BTreeSet<&SourceId>> = Vec::new();
        let mut topic_of: HashMap<&ClaimId, usize> = HashMap::new();
        for (g, group) in index.figures.iter().enumerate() {
            let n = *by_key.entry(topic_key(group)).or_insert_with(|| {
                topics.push(Topic {
                    title: group.title(),
                    key: topic_key(group).to_owned(),
                    units: Vec::new(),
                    figures: 0,
                    sources: 0,
                    open_conflicts: 0,
                });
                groups.push(Vec::new());
                outlets.push(BTreeSet::new());
                topics.len() - 1
            });
            groups[n].push(g);
            let topic = &mut topics[n];
            topic.units.push(UnitCount {
                unit: group.unit.clone(),
                figures: group.members.len(),
            });
            topic.figures += group.members.len();
            for &i in &group.members {
                outlets[n].extend(index.outlet[i].map(|s| &s.id));
                topic_of.insert(&project.claims[i].id, n);
            }
        }
        let mut about: Vec<Vec<&Finding>> = vec![Vec::new(); topics.len()];
        for finding in findings.iter().filter(|f| f.is_open()) {
            let drawn = is_conflict(finding.rule)
                || matches!(finding.rule, Rule::NumericUpdate | Rule::NumericRevision);
            if !drawn {
                continue;
            }
            if let Some(&n) = finding.claims.first().and_then(|c| topic_of.get(c)) {
                about[n].push(finding);
                if is_conflict(finding.rule) {
                    topics[n].open_conflicts += 1;
                }
            }
        }
        for (topic, outlets) in topics.iter_mut().zip(&outlets) {
            topic.sources = outlets.len();
            topic
                .units
                .sort_by(|a, b| b.figures.cmp(&a.figures).then(a.unit.cmp(&b.unit)));
        }
        // Sorted by title; the groups and findings follow their topic.
        let mut order: Vec<usize> = (0..topics.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&topics[a], &topics[b]);
            a.title
                .to_lowercase()
                .cmp(&b.title.to_lowercase())
                .then(a.key.cmp(&b.key))
        });
        let topics = order.iter().map(|&n| topics[n].clone()).collect();
        let groups = order
            .iter()
            .map(|&n| std::mem::take(&mut groups[n]))
            .collect();
        let findings = order
            .iter()
            .map(|&n| std::mem::take(&mut about[n]))
            .collect();
        Self {
            index,
            topics,
            groups,
            findings,
        }
    }

    /// The topics, sorted by title.
    pub fn topics(&self) -> &[Topic] {
        &self.topics
    }

    /// The key of the topic a claim's figure belongs to, when it has one.
    pub fn topic_of_claim(&self, claim: &ClaimId) -> Option<&str> {
        let i = self.index.project.claim_position(claim)?;
        self.index.claim(i).value?;
        let group = self.index.figures.get(self.index.group_of[i]?)?;
        Some(topic_key(group))
    }

    /// The chart of topic `key` in `unit` (its commonest unit when `None`
    /// or not one of its units); `None` when there is no such topic.
    pub fn chart(&self, key: &str, unit: Option<&str>) -> Option<Chart> {
        let n = self.topics.iter().position(|t| t.key == key)?;
        let groups: Vec<&Group> = self.groups[n]
            .iter()
            .map(|&g| &self.index.figures[g])
            .collect();
        let chosen = unit
            .and_then(|u| groups.iter().find(|g| g.unit == u))
            .or_else(|| {
                groups.iter().max_by(|a, b| {
                    a.members
                        .len()
                        .cmp(&b.members.len())
                        .then(b.unit.cmp(&a.unit))
                })
            })?;
        let mut left_out: Vec<UnitCount> = groups
            .iter()
            .filter(|g| g.unit != chosen.unit)
            .map(|g| UnitCount {
                unit: g.unit.clone(),
                figures: g.members.len(),
            })
            .collect();
        left_out.sort_by(|a, b| b.figures.cmp(&a.figures).then(a.unit.cmp(&b.unit)));
        Some(build(&self.index, chosen, &self.findings[n], left_out))
    }
}

/// The project's topics, sorted by title (see [`Figures`]).
pub fn topics(project: &Project, findings: &[Finding]) -> Vec<Topic> {
    Figures::new(project, findings).topics
}

/// One topic's chart (see [`Figures::chart`]).
pub fn chart(
    project: &Project,
    findings: &[Finding],
    key: &str,
    unit: Option<&str>,
) -> Option<Chart> {
    Figures::new(project, findings).chart(key, unit)
}

/// The subject / attribute part of a group's key (without its unit).
fn topic_key(group: &Group) -> &str {
    group
        .key
        .rsplit_once('\u{1f}')
        .map_or(group.key.as_str(), |(topic, _)| topic)
}

fn is_conflict(rule: Rule) -> bool {
    matches!(rule, Rule::NumericConflict | Rule::PartyDispute)
}

/// Half the width of the day a figure sits in, shared by its outlets.
const DAY_SPREAD: f64 = 0.3;

fn build(index: &Index, group: &Group, findings: &[&Finding], left_out: Vec<UnitCount>) -> Chart {
    let mut series: Vec<Series> = Vec::new();
    let mut series_of: HashMap<Option<&SourceId>, usize> = HashMap::new();
    let mut figures: Vec<Figure> = Vec::with_capacity(group.members.len());
    let mut position: HashMap<&ClaimId, usize> = HashMap::with_capacity(group.members.len());
    let (mut first_day, mut last_day) = (f64::INFINITY, f64::NEG_INFINITY);
    let (mut finite_low, mut finite_high) = (f64::INFINITY, f64::NEG_INFINITY);
    for &i in &group.members {
        let claim = index.claim(i);
        let Some(value) = claim.value else { continue };
        let outlet = index.outlet[i];
        let s = *series_of.entry(outlet.map(|o| &o.id)).or_insert_with(|| {
            series.push(Series {
                source: outlet.map(|o| o.id.clone()),
                name: index.outlet_name(i),
                grade: outlet.map_or(Reliability::F, |o| o.reliability),
                color: PALETTE[series.len() % PALETTE.len()],
            });
            series.len() - 1
        });
        let (date, dated) = match (claim.as_of, index.document[i].and_then(|d| d.published)) {
            (Some(date), _) => (Some(date), Dated::AsOf),
            (None, Some(date)) => (Some(date), Dated::Published),
            (None, None) => (None, Dated::Undated),
        };
        let x = date.map_or(0.0, |d| f64::from(d.num_days_from_ce()));
        if date.is_some() {
            first_day = first_day.min(x);
            last_day = last_day.max(x);
        }
        let (low, high, y) = bounds(value);
        for v in [low, high, Some(y)].into_iter().flatten() {
            finite_low = finite_low.min(v);
            finite_high = finite_high.max(v);
        }
        position.insert(&claim.id, figures.len());
        figures.push(Figure {
            claim: claim.id.clone(),
            series: s,
            x,
            date,
            dated,
            y,
            low: low.unwrap_or(f64::NAN),
            high: high.unwrap_or(f64::NAN),
            up: high.is_none(),
            down: low.is_none(),
            point: matches!(value, Quantity::Exact(_)),
            fill: fill_of(claim.credibility),
            value: index.value_text(i),
            quote: claim.quote.clone(),
            claimant: claim.claimant.trim().to_owned(),
            credibility: claim.credibility,
            verdict: claim.verdict.name().to_owned(),
        });
    }
    // Open ends reach a little past every finite number of the chart.
    let span = (finite_high - finite_low)
        .abs()
        .max(finite_high.abs() * 0.2)
        .max(1.0);
    let y_range = (
        (finite_low - span * 0.15).min(if finite_low >= 0.0 { 0.0 } else { finite_low }),
        finite_high + span * 0.25,
    );
    let dated = first_day.is_finite();
    let undated = figures.iter().any(|f| f.dated == Dated::Undated).then(|| {
        let right = if dated { first_day - 1.0 } else { 1.0 };
        (right - 1.2, right)
    });
    let n_series = series.len().max(1) as f64;
    let step = (2.0 * DAY_SPREAD / n_series).min(0.12);
    for figure in &mut figures {
        let aside = (figure.series as f64 - (n_series - 1.0) / 2.0) * step;
        figure.x = match (figure.dated, undated) {
            (Dated::Undated, Some((left, right))) => (left + right) / 2.0 + aside * 1.5,
            _ => figure.x + aside,
        };
        if figure.down {
            figure.low = y_range.0;
        }
        if figure.up {
            figure.high = y_range.1;
        }
    }
    let (conflicts, steps) = pairs(findings, &position, &figures);
    let mut by_series = vec![Vec::new(); series.len()];
    for (n, figure) in figures.iter().enumerate() {
        by_series[figure.series].push(n);
    }
    Chart {
        by_series,
        title: group.title(),
        unit: group.unit.clone(),
        left_out,
        band: band(&figures, &series, index, group),
        figures,
        series,
        conflicts,
        steps,
        days: dated.then_some((first_day, last_day)),
        undated,
        y_range,
    }
}

/// A quantity's finite ends (`None` where it is open) and where its marker
/// sits.
fn bounds(value: Quantity) -> (Option<f64>, Option<f64>, f64) {
    let interval = value.interval();
    let (low, high) = (interval.low.value(), interval.high.value());
    let y = match value {
        Quantity::Range(a, b) => (a + b) / 2.0,
        Quantity::Exact(v)
        | Quantity::About(v)
        | Quantity::AtLeast(v)
        | Quantity::MoreThan(v)
        | Quantity::AtMost(v)
        | Quantity::LessThan(v) => v,
    };
    (low, high, y)
}

fn fill_of(credibility: Credibility) -> f32 {
    // 1 (confirmed) … 6 (cannot be judged): full to empty.
    f32::from(6 - credibility.number().clamp(1, 6)) / 5.0
}

/// The conflicts and the steps (updates and revisions) among the chart's
/// figures, from the checker's open findings.
fn pairs(
    findings: &[&Finding],
    position: &HashMap<&ClaimId, usize>,
    figures: &[Figure],
) -> (Vec<Pair>, Vec<(Pair, bool)>) {
    let mut conflicts = Vec::new();
    let mut steps = Vec::new();
    for finding in findings {
        let step = matches!(finding.rule, Rule::NumericUpdate | Rule::NumericRevision);
        if !step && !is_conflict(finding.rule) {
            continue;
        }
        let members: Vec<usize> = finding
            .claims
            .iter()
            .filter_map(|c| position.get(c).copied())
            .collect();
        for pair in members.windows(2) {
            let (mut from, mut to) = (pair[0], pair[1]);
            if step {
                if figures[from].x > figures[to].x {
                    std::mem::swap(&mut from, &mut to);
                }
                steps.push((Pair { from, to }, finding.rule == Rule::NumericRevision));
            } else {
                conflicts.push(Pair { from, to });
            }
        }
    }
    conflicts.sort_by_key(|p| (p.from, p.to));
    conflicts.dedup();
    steps.sort_by_key(|(p, _)| (p.from, p.to));
    steps.dedup();
    (conflicts, steps)
}

/// Where every figure of an outlet graded A–C agrees: the intersection of
/// their intervals.
fn band(figures: &[Figure], series: &[Series], index: &Index, group: &Group) -> Band {
    let graded = |s: usize| {
        matches!(
            series[s].grade,
            Reliability::A | Reliability::B | Reliability::C
        )
    };
    let mut low: Option<(f64, bool)> = None; // value, closed
    let mut high: Option<(f64, bool)> = None;
    let mut any = false;
    let values: HashMap<&ClaimId, Quantity> = group
        .members
        .iter()
        .filter_map(|&i| Some((&index.claim(i).id, index.claim(i).value?)))
        .collect();
    for figure in figures.iter().filter(|f| graded(f.series)) {
        let Some(value) = values.get(&figure.claim) else {
            continue;
        };
        any = true;
        let interval = value.interval();
        if let Some(v) = interval.low.value() {
            let closed = matches!(interval.low, crate::model::quantity::Bound::Closed(_));
            low = Some(match low {
                Some((l, c)) if l > v || (l == v && !c) => (l, c),
                Some((l, c)) if l == v => (l, c && closed),
                _ => (v, closed),
            });
        }
        if let Some(v) = interval.high.value() {
            let closed = matches!(interval.high, crate::model::quantity::Bound::Closed(_));
            high = Some(match high {
                Some((h, c)) if h < v || (h == v && !c) => (h, c),
                Some((h, c)) if h == v => (h, c && closed),
                _ => (v, closed),
            });
        }
    }
    if !any {
        return Band::NoGradedFigures;
    }
    match (low, high) {
        (Some((l, lc)), Some((h, hc))) if l > h || (l == h && !(lc && hc)) => Band::Disagree,
        _ => Band::Agreed {
            low: low.map(|(l, _)| l),
            high: high.map(|(h, _)| h),
        },
    }
}

/// The figure nearest to a point, in screen units (`scale` is pixels per
/// unit on each axis), within `within` pixels of its marker or its bar.
pub fn nearest(chart: &Chart, at: [f64; 2], scale: [f64; 2], within: f64) -> Option<usize> {
    let mut best: Option<(f64, usize)> = None;
    for (n, figure) in chart.figures.iter().enumerate() {
        let dx = (figure.x - at[0]) * scale[0];
        let dy_marker = (figure.y - at[1]) * scale[1];
        let marker = dx.hypot(dy_marker);
        // Along the bar, the distance is across it.
        let on_bar = if at[1] >= figure.low.min(figure.high) && at[1] <= figure.high.max(figure.low)
        {
            dx.abs() + 2.0
        } else {
            f64::INFINITY
        };
        let distance = marker.min(on_bar);
        if distance <= within && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, n));
        }
    }
    best.map(|(_, n)| n)
}

/// A day number of the chart as a date ("2024-01-03").
pub fn day_label(day: f64) -> String {
    NaiveDate::from_num_days_from_ce_opt(day.round() as i32)
        .map_or_else(String::new, |d| d.to_string())
}

/// A number as a chart writes it: no decimals for whole numbers.
pub fn number(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:.2}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> (Project, Vec<Finding>) {
        let project = crate::sample_project();
        let findings = crate::check::check(&project);
        (project, findings)
    }

    fn killed(topics: &[Topic]) -> &Topic {
        topics
            .iter()
            .find(|t| t.title == "Belgorod strike 2023-12-30 / killed")
            .expect("the toll is a topic")
    }

    #[test]
    fn the_sample_s_toll_is_a_topic_with_its_sources_and_conflicts() {
        let (project, findings) = sample();
        let topics = topics(&project, &findings);
        let toll = killed(&topics);
        assert!(toll.figures >= 5, "{toll:?}");
        assert!(toll.sources >= 3, "{toll:?}");
        assert!(toll.open_conflicts >= 1, "{toll:?}");
        assert_eq!(toll.units[0].unit, "people");
    }

    #[test]
    fn the_toll_chart_holds_every_figure_with_its_interval_and_conflicts() {
        let (project, findings) = sample();
        let key = killed(&topics(&project, &findings)).key.clone();
        let chart = chart(&project, &findings, &key, None).unwrap();
        assert_eq!(chart.unit, "people");
        let claims: Vec<&ClaimId> = chart.figures.iter().map(|f| &f.claim).collect();
        for claim in project.claims.iter().filter(|c| {
            c.subject == "Belgorod strike 2023-12-30"
                && c.attribute == "killed"
                && c.value.is_some()
                && c.unit == "people"
        }) {
            assert!(claims.contains(&&claim.id), "{} is missing", claim.quote);
        }
        for figure in &chart.figures {
            assert!(
                figure.low <= figure.y && figure.y <= figure.high,
                "{figure:?}"
            );
            assert!(chart.y_range.0 <= figure.low && figure.high <= chart.y_range.1);
        }
        // "at least 14": open above, an arrow to the top of the chart.
        let at_least = chart
            .figures
            .iter()
            .find(|f| f.value.starts_with(">=14"))
            .expect("at least 14");
        assert!(at_least.up && !at_least.down && at_least.high == chart.y_range.1);
        assert!(!chart.conflicts.is_empty());
        for pair in &chart.conflicts {
            assert_ne!(pair.from, pair.to);
        }
        // The legend names each outlet with its grade.
        assert!(
            chart
                .series
                .iter()
                .any(|s| s.label() == "Kyiv Independent (B)"),
            "{:?}",
            chart.series
        );
    }

    #[test]
    fn the_band_is_where_graded_figures_meet() {
        use crate::check::testing::toll_project;
        let project = toll_project(&[(">=14", None), ("~16", None)]);
        for source in &project.sources {
            assert_eq!(
                source.reliability,
                Reliability::F,
                "testing sources start at F"
            );
        }
        let mut graded = project.clone();
        for source in &mut graded.sources {
            source.reliability = Reliability::B;
        }
        let key = topics(&graded, &[])[0].key.clone();
        let chart = chart(&graded, &[], &key, None).unwrap();
        assert_eq!(
            chart.band,
            Band::Agreed {
                low: Some(14.4),
                high: Some(17.6)
            }
        );
        let chart_f = super::chart(&project, &[], &key, None).unwrap();
        assert_eq!(chart_f.band, Band::NoGradedFigures);

        let mut apart = toll_project(&[("24", None), ("25", None)]);
        for source in &mut apart.sources {
            source.reliability = Reliability::A;
        }
        let chart = super::chart(&apart, &[], &key, None).unwrap();
        assert_eq!(chart.band, Band::Disagree);
    }

    #[test]
    fn a_topic_in_two_units_charts_one_and_names_the_other() {
        use crate::check::testing::distance_project;
        let project = distance_project(&[("~40", "km"), ("~30", "km"), ("25", "miles")]);
        let key = topics(&project, &[])[0].key.clone();
        let chart = chart(&project, &[], &key, None).unwrap();
        assert_eq!(chart.unit, "km");
        assert_eq!(chart.figures.len(), 2);
        assert_eq!(
            chart.left_out,
            [UnitCount {
                unit: "mi".into(),
                figures: 1
            }]
        );
        let miles = super::chart(&project, &[], &key, Some("mi")).unwrap();
        assert_eq!(miles.figures.len(), 1);
    }

    #[test]
    fn undated_figures_stand_left_of_the_dated_ones() {
        let (project, findings) = sample();
        for topic in topics(&project, &findings) {
            let chart = chart(&project, &findings, &topic.key, None).unwrap();
            if let (Some((_, right)), Some((first, _))) = (chart.undated, chart.days) {
                assert!(right < first);
                for figure in chart.figures.iter().filter(|f| f.dated == Dated::Undated) {
                    assert!(figure.x < first, "{figure:?}");
                }
            }
        }
    }

    #[test]
    fn the_nearest_figure_is_found_in_screen_units() {
        let (project, findings) = sample();
        let key = killed(&topics(&project, &findings)).key.clone();
        let chart = chart(&project, &findings, &key, None).unwrap();
        let figure = &chart.figures[0];
        let scale = [40.0, 4.0];
        // Another figure may sit on the same spot: the one found is there.
        let found = nearest(&chart, [figure.x, figure.y], scale, 6.0).expect("a figure");
        let other = &chart.figures[found];
        assert!((other.x - figure.x).abs() * scale[0] <= 6.0);
        assert_eq!(nearest(&chart, [figure.x + 1000.0, -1e6], scale, 6.0), None);
    }

    #[test]
    fn numbers_and_days_are_written_plainly() {
        assert_eq!(number(24.0), "24");
        assert_eq!(number(14.4), "14.4");
        assert_eq!(
            day_label(f64::from(
                NaiveDate::from_ymd_opt(2024, 1, 3)
                    .unwrap()
                    .num_days_from_ce()
            )),
            "2024-01-03"
        );
    }
}
