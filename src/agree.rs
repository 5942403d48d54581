//! Inter-analyst agreement: how far two analysts who tagged the same
//! documents agree on where the claims are, on their labels, grades and
//! figures, and on the grades of the sources. `claimdesk agree A B` prints
//! it as text or JSON.
//!
//! Claims are matched by their spans, not by id: two analysts tag apart,
//! so one claim carries a different id on each side. Two spans agree
//! *exactly* when both have the same start and end, and by *overlap* when
//! they share at least one code point. Labels, credibility and values are
//! compared on the exact pairs alone, so that a grade is only compared
//! where both analysts read the same words. Sources keep their ids across
//! copies of a project, so they are matched by id.
//!
//! The statistics are the usual ones of annotation studies: Cohen's κ for
//! the labels and Krippendorff's α (which allows missing grades) for the
//! grades and the figures.

use crate::model::{Bound, Reliability};
use crate::model::{Claim, ClaimId, Credibility, DocumentId, LabelId, Project, Quantity};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use serde::Serialize;
use std::cmp::Reverse;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::hash::Hash;
use std::ops::Range;

/// How far two analysts agree on the documents both tagged.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Agreement {
    /// The documents both projects hold, with the same text.
    pub documents: usize,
    /// The claims of the first analyst in those documents.
    pub claims_a: usize,
    /// The claims of the second analyst in those documents.
    pub claims_b: usize,
    pub spans: Spans,
    /// Cohen's κ of the labels of the exactly matched claims.
    pub labels: Kappa,
    /// Krippendorff's α (ordinal) of the credibility grades of the exactly
    /// matched claims; grade 6 (cannot be judged) counts as missing.
    pub credibility: Alpha,
    /// Krippendorff's α (interval) of the values of the exactly matched
    /// claims, by the midpoint of each value's interval; values open on
    /// one side have no midpoint and are left out.
    pub values: Alpha,
    /// Krippendorff's α (ordinal) of the reliability grades of the sources
    /// both projects hold; F (cannot be judged) counts as missing.
    pub reliability: SourceAlpha,
    /// The span agreement of each label, by label id.
    pub per_label: BTreeMap<LabelId, LabelSpans>,
    /// Where the two differ, document by document, in text order.
    pub disagreements: Vec<Disagreement>,
}

/// How many claims are matched exactly and by overlap.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Spans {
    pub exact: Matching,
    pub overlap: Matching,
}

/// How many claims one way of matching pairs, as precision and recall of
/// the second analyst against the first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Matching {
    pub matched: usize,
    /// Matched claims over the second analyst's claims.
    pub precision: Option<f64>,
    /// Matched claims over the first analyst's claims.
    pub recall: Option<f64>,
    pub f1: Option<f64>,
}

/// Cohen's κ and the number of pairs it rests on.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Kappa {
    pub kappa: Option<f64>,
    pub pairs: usize,
}

/// Krippendorff's α and the number of pairs it rests on: pairs where both
/// analysts gave a value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Alpha {
    pub alpha: Option<f64>,
    pub pairs: usize,
}

/// Krippendorff's α of the sources' grades and the number of sources it
/// rests on: sources both projects hold and both graded A–E.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceAlpha {
    pub alpha: Option<f64>,
    pub sources: usize,
}

/// The span agreement of one label: a pair counts when both claims carry
/// the label, and each side's claims are counted by their own label.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LabelSpans {
    pub claims_a: usize,
    pub claims_b: usize,
    pub exact: Matching,
    pub overlap: Matching,
}

/// One place where the analysts differ.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Disagreement {
    pub document: DocumentId,
    /// The first analyst's claim; `None` for a claim only the second made.
    pub a: Option<ClaimId>,
    /// The second analyst's claim; `None` for a claim only the first made.
    pub b: Option<ClaimId>,
    pub kind: DisagreementKind,
    /// The first claim as the text report shows it: id, short quote and
    /// what differs. Not in the JSON, which names the claims by id.
    #[serde(skip)]
    pub shown_a: Option<String>,
    /// The second claim as the text report shows it.
    #[serde(skip)]
    pub shown_b: Option<String>,
}

/// What a [`Disagreement`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DisagreementKind {
    /// A claim of the first analyst that no claim of the second overlaps.
    OnlyA,
    /// A claim of the second analyst that no claim of the first overlaps.
    OnlyB,
    /// Matched claims with different labels.
    Label,
    /// Matched claims with different credibility grades.
    Credibility,
    /// Matched claims with different values.
    Value,
}

impl DisagreementKind {
    /// The kind as the JSON writes it.
    pub fn id(self) -> &'static str {
        match self {
            Self::OnlyA => "only_a",
            Self::OnlyB => "only_b",
            Self::Label => "label",
            Self::Credibility => "credibility",
            Self::Value => "value",
        }
    }
}

/// Why two projects cannot be compared.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AgreeError {
    /// Offsets into different texts do not point at the same words.
    #[error(
        "document {document}: its text differs between the two projects, so their claims cannot be compared"
    )]
    TextDiffers { document: DocumentId },
    /// So many claims overlap in one document that pairing them would take
    /// more memory and time than any real project needs: a damaged file.
    #[error(
        "document {document}: more than {limit} pairs of overlapping claims, too many to compare"
    )]
    TooManyOverlaps { document: DocumentId, limit: usize },
}

/// The most pairs of overlapping claims compared in one document: 64 MB
/// of candidates. A document where each of 2,000 claims overlaps each of
/// 2,000 others is still compared.
const MAX_OVERLAPS: usize = 1 << 22;

/// How many characters of a quote the text report shows.
const QUOTE_CHARS: usize = 40;

/// How far the analysts of `a` and `b` agree on the documents both hold.
///
/// Runs in O(n log n) in the claims plus the pairs of overlapping claims
/// within each document: claims are grouped by document and sorted, never
/// compared across the whole project.
pub fn agree(a: &Project, b: &Project) -> Result<Agreement, AgreeError> {
    let documents = matched_documents(a, b)?;
    let claims_a = claims_by_document(a);
    let claims_b = claims_by_document(b);
    let mut tally = Tally::default();
    for &document in &documents {
        let side_a = sorted_side(claims_a.get(document.as_str()));
        let side_b = sorted_side(claims_b.get(document.as_str()));
        tally.add_document(document, &side_a, &side_b)?;
    }
    Ok(tally.finish(documents.len(), source_agreement(a, b)))
}

/// The documents of `a` that `b` holds too, in `a`'s order; an error for
/// the first whose text differs.
fn matched_documents<'p>(a: &'p Project, b: &Project) -> Result<Vec<&'p DocumentId>, AgreeError> {
    let hashes: HashMap<&str, &str> = b
        .documents
        .iter()
        .map(|d| (d.id.as_str(), d.text_hash.as_str()))
        .collect();
    let mut seen = HashSet::new();
    let mut matched = Vec::new();
    for document in &a.documents {
        let Some(&hash) = hashes.get(document.id.as_str()) else {
            continue;
        };
        if !seen.insert(document.id.as_str()) {
            continue;
        }
        if hash != document.text_hash {
            return Err(AgreeError::TextDiffers {
                document: document.id.clone(),
            });
        }
        matched.push(&document.id);
    }
    Ok(matched)
}

/// The claims of a project by document id, in project order.
fn claims_by_document(project: &Project) -> HashMap<&str, Vec<&Claim>> {
    let mut by_document: HashMap<&str, Vec<&Claim>> = HashMap::new();
    for claim in &project.claims {
        by_document
            .entry(claim.document.as_str())
            .or_default()
            .push(claim);
    }
    by_document
}

/// One side's claims in a document by start, then end; claims with the
/// same span stay in project order, so duplicates pair in that order.
fn sorted_side<'p>(claims: Option<&Vec<&'p Claim>>) -> Vec<&'p Claim> {
    let mut side = claims.cloned().unwrap_or_default();
    side.sort_by_key(|c| (c.start, c.end));
    side
}

/// The pairs of claims with the same start and end, one to one; both sides
/// are sorted by span, so one walk finds them.
fn exact_pairs(a: &[&Claim], b: &[&Claim]) -> Vec<(usize, usize)> {
    let (mut i, mut j) = (0, 0);
    let mut pairs = Vec::new();
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match (x.start, x.end).cmp(&(y.start, y.end)) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                pairs.push((i, j));
                i += 1;
                j += 1;
            }
        }
    }
    pairs
}

/// The claims of one document paired by overlap, one to one, greedily:
/// the largest overlap first, then the earliest start of the overlap, then
/// the smallest span the two cover together (so an exact pair wins a tie,
/// and every exact pair is an overlap pair too), then project order.
/// `None` when more than [`MAX_OVERLAPS`] pairs overlap.
fn overlap_pairs(
    a: &[&Claim],
    b: &[&Claim],
    exact: &[(usize, usize)],
) -> Option<Vec<(usize, usize)>> {
    let mut candidates = overlapping(a, b)?;
    // An empty span shares no code point with anything, but two analysts
    // who chose the same one agree. Only a damaged file holds one.
    candidates.extend(
        exact
            .iter()
            .filter(|&&(i, _)| a.get(i).is_some_and(|c| c.start >= c.end)),
    );
    candidates.sort_unstable_by_key(|&(i, j)| (overlap_order(a[i], b[j]), i, j));
    let mut taken_a = vec![false; a.len()];
    let mut taken_b = vec![false; b.len()];
    let mut pairs = Vec::new();
    for (i, j) in candidates {
        if !taken_a[i] && !taken_b[j] {
            taken_a[i] = true;
            taken_b[j] = true;
            pairs.push((i, j));
        }
    }
    Some(pairs)
}

/// Where a pair of claims stands in the greedy order: largest overlap,
/// earliest start of the overlap, smallest union.
fn overlap_order(x: &Claim, y: &Claim) -> (Reverse<usize>, usize, usize) {
    let start = x.start.max(y.start);
    let overlap = x.end.min(y.end).saturating_sub(start);
    let union = x.end.max(y.end).saturating_sub(x.start.min(y.start));
    (Reverse(overlap), start, union)
}

/// Every pair of a claim of `a` and one of `b` that share a code point.
///
/// A sweep over the starts of both sides (each sorted by start): a claim
/// pairs with the other side's claims that started before it and have not
/// ended, so the time is the claims plus the pairs, never all against all.
/// `None` when there are more than [`MAX_OVERLAPS`].
fn overlapping(a: &[&Claim], b: &[&Claim]) -> Option<Vec<(usize, usize)>> {
    let mut pairs = Vec::new();
    let (mut open_a, mut open_b): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    let (mut i, mut j) = (0, 0);
    loop {
        let from_a = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => x.start <= y.start,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        if from_a {
            let x = a[i];
            if x.start < x.end {
                open_b.retain(|&k| b[k].end > x.start);
                pairs.extend(open_b.iter().map(|&k| (i, k)));
                open_a.push(i);
            }
            i += 1;
        } else {
            let y = b[j];
            if y.start < y.end {
                open_a.retain(|&k| a[k].end > y.start);
                pairs.extend(open_a.iter().map(|&k| (k, j)));
                open_b.push(j);
            }
            j += 1;
        }
        if pairs.len() > MAX_OVERLAPS {
            return None;
        }
    }
    Some(pairs)
}

/// A claim's credibility as a rank for α; 6 (cannot be judged) is missing.
fn credibility_rank(credibility: Credibility) -> Option<f64> {
    (credibility != Credibility::CannotBeJudged).then(|| f64::from(credibility.number()))
}

/// A source's reliability as a rank for α; F (cannot be judged) is missing.
fn reliability_rank(reliability: Reliability) -> Option<f64> {
    Reliability::ALL
        .iter()
        .position(|&r| r == reliability)
        .filter(|_| reliability != Reliability::F)
        .map(|n| n as f64)
}

/// The midpoint of a value's interval; a value open on one side has none.
fn midpoint(value: Option<Quantity>) -> Option<f64> {
    let interval = value?.interval();
    let (Bound::Closed(low) | Bound::Open(low)) = interval.low else {
        return None;
    };
    let (Bound::Closed(high) | Bound::Open(high)) = interval.high else {
        return None;
    };
    // Halving first: the sum of two huge figures would overflow.
    Some(low / 2.0 + high / 2.0)
}

/// How many claims there are and how many pair, on each side and per label.
#[derive(Clone, Copy, Debug, Default)]
struct Counts {
    claims_a: usize,
    claims_b: usize,
    exact: usize,
    overlap: usize,
}

impl Counts {
    fn spans(self) -> Spans {
        Spans {
            exact: Matching::of(self.exact, self.claims_a, self.claims_b),
            overlap: Matching::of(self.overlap, self.claims_a, self.claims_b),
        }
    }
}

impl Matching {
    /// Precision, recall and F1 of `matched` pairs; `None` for a share of nothing.
    fn of(matched: usize, claims_a: usize, claims_b: usize) -> Self {
        let share = |whole: usize| (whole > 0).then(|| matched as f64 / whole as f64);
        let (precision, recall) = (share(claims_b), share(claims_a));
        // 2PR/(P+R) reduces to this, which also holds when nothing matched.
        let f1 = precision
            .zip(recall)
            .map(|_| 2.0 * matched as f64 / (claims_a + claims_b) as f64);
        Self {
            matched,
            precision,
            recall,
            f1,
        }
    }
}

/// What the documents add up to, before the statistics are taken.
#[derive(Default)]
struct Tally<'p> {
    all: Counts,
    per_label: BTreeMap<&'p LabelId, Counts>,
    /// The labels of the exact pairs.
    labels: Vec<(&'p LabelId, &'p LabelId)>,
    /// The credibility ranks of the exact pairs where both graded.
    credibility: Vec<[f64; 2]>,
    /// The value midpoints of the exact pairs where both gave one.
    values: Vec<[f64; 2]>,
    disagreements: Vec<Disagreement>,
}

impl<'p> Tally<'p> {
    /// Adds one document's claims, each side sorted by span.
    fn add_document(
        &mut self,
        document: &DocumentId,
        a: &[&'p Claim],
        b: &[&'p Claim],
    ) -> Result<(), AgreeError> {
        let exact = exact_pairs(a, b);
        let overlap = overlap_pairs(a, b, &exact).ok_or_else(|| AgreeError::TooManyOverlaps {
            document: document.clone(),
            limit: MAX_OVERLAPS,
        })?;
        self.count_claims(a, b);
        self.add_exact(a, b, &exact);
        for &(i, j) in &overlap {
            self.all.overlap += 1;
            if a[i].label == b[j].label {
                self.per_label.entry(&a[i].label).or_default().overlap += 1;
            }
        }
        self.add_disagreements(document, a, b, &overlap);
        Ok(())
    }

    fn count_claims(&mut self, a: &[&'p Claim], b: &[&'p Claim]) {
        self.all.claims_a += a.len();
        self.all.claims_b += b.len();
        for claim in a {
            self.per_label.entry(&claim.label).or_default().claims_a += 1;
        }
        for claim in b {
            self.per_label.entry(&claim.label).or_default().claims_b += 1;
        }
    }

    /// Counts the exact pairs and keeps what the statistics compare.
    fn add_exact(&mut self, a: &[&'p Claim], b: &[&'p Claim], pairs: &[(usize, usize)]) {
        for &(i, j) in pairs {
            let (x, y) = (a[i], b[j]);
            self.all.exact += 1;
            if x.label == y.label {
                self.per_label.entry(&x.label).or_default().exact += 1;
            }
            self.labels.push((&x.label, &y.label));
            let grades = credibility_rank(x.credibility).zip(credibility_rank(y.credibility));
            self.credibility.extend(grades.map(<[f64; 2]>::from));
            let values = midpoint(x.value).zip(midpoint(y.value));
            self.values.extend(values.map(<[f64; 2]>::from));
        }
    }

    /// Lists the differences of the overlap pairs (exact pairs among them)
    /// and the claims no pair holds, in text order.
    fn add_disagreements(
        &mut self,
        document: &DocumentId,
        a: &[&Claim],
        b: &[&Claim],
        overlap: &[(usize, usize)],
    ) {
        let mut found: Vec<((usize, usize), Disagreement)> = Vec::new();
        let mut paired_a = vec![false; a.len()];
        let mut paired_b = vec![false; b.len()];
        for &(i, j) in overlap {
            paired_a[i] = true;
            paired_b[j] = true;
            let (x, y) = (a[i], b[j]);
            for kind in differences(x, y) {
                let found_here = Disagreement::new(document, Some(x), Some(y), kind);
                found.push(((x.start, x.end), found_here));
            }
        }
        let alone = |side: &[&Claim], paired: &[bool]| -> Vec<usize> {
            (0..side.len()).filter(|&n| !paired[n]).collect()
        };
        for n in alone(a, &paired_a) {
            let x = a[n];
            let only = Disagreement::new(document, Some(x), None, DisagreementKind::OnlyA);
            found.push(((x.start, x.end), only));
        }
        for n in alone(b, &paired_b) {
            let y = b[n];
            let only = Disagreement::new(document, None, Some(y), DisagreementKind::OnlyB);
            found.push(((y.start, y.end), only));
        }
        // Stable: a pair's differences stay in the order label, credibility, value.
        found.sort_by_key(|(at, d)| (*at, d.kind == DisagreementKind::OnlyB));
        self.disagreements
            .extend(found.into_iter().map(|(_, found)| found));
    }

    fn finish(self, documents: usize, reliability: SourceAlpha) -> Agreement {
        let per_label = self
            .per_label
            .into_iter()
            .map(|(label, counts)| {
                let Spans { exact, overlap } = counts.spans();
                let spans = LabelSpans {
                    claims_a: counts.claims_a,
                    claims_b: counts.claims_b,
                    exact,
                    overlap,
                };
                (label.clone(), spans)
            })
            .collect();
        Agreement {
            documents,
            claims_a: self.all.claims_a,
            claims_b: self.all.claims_b,
            spans: self.all.spans(),
            labels: Kappa {
                kappa: cohen_kappa(&self.labels),
                pairs: self.labels.len(),
            },
            credibility: Alpha {
                alpha: alpha_of_pairs(&self.credibility, Metric::Ordinal),
                pairs: self.credibility.len(),
            },
            values: Alpha {
                alpha: alpha_of_pairs(&self.values, Metric::Interval),
                pairs: self.values.len(),
            },
            reliability,
            per_label,
            disagreements: self.disagreements,
        }
    }
}

/// What two paired claims disagree on, in the order the report lists it.
fn differences(x: &Claim, y: &Claim) -> Vec<DisagreementKind> {
    let mut kinds = Vec::new();
    if x.label != y.label {
        kinds.push(DisagreementKind::Label);
    }
    if x.credibility != y.credibility {
        kinds.push(DisagreementKind::Credibility);
    }
    if x.value != y.value {
        kinds.push(DisagreementKind::Value);
    }
    kinds
}

impl Disagreement {
    fn new(
        document: &DocumentId,
        a: Option<&Claim>,
        b: Option<&Claim>,
        kind: DisagreementKind,
    ) -> Self {
        Self {
            document: document.clone(),
            a: a.map(|c| c.id.clone()),
            b: b.map(|c| c.id.clone()),
            kind,
            shown_a: a.map(|c| shown(c, kind)),
            shown_b: b.map(|c| shown(c, kind)),
        }
    }
}

/// A claim as a disagreement line shows it: id, short quote, and what the
/// analyst gave for the field in question.
fn shown(claim: &Claim, kind: DisagreementKind) -> String {
    let gave = match kind {
        DisagreementKind::Credibility => format!("credibility {}", claim.credibility),
        DisagreementKind::Value => claim
            .value
            .map_or_else(|| "no value".to_owned(), |v| format!("value {v}")),
        _ => claim.label.to_string(),
    };
    format!("{} \"{}\" ({gave})", claim.id, short_quote(&claim.quote))
}

/// The quote on one line and cut to [`QUOTE_CHARS`] with an ellipsis, as
/// `shorten(&one_line(quote), QUOTE_CHARS)` gives it, but reading only as
/// much of the quote as it shows: a report may list 100,000 of them.
fn short_quote(quote: &str) -> String {
    let mut chars = quote
        .split_whitespace()
        .enumerate()
        .flat_map(|(n, word)| (n > 0).then_some(' ').into_iter().chain(word.chars()));
    let mut short: String = chars.by_ref().take(QUOTE_CHARS).collect();
    if chars.next().is_some() {
        short.push('…');
    }
    short
}

/// Krippendorff's α of the reliability grades of the sources both hold.
fn source_agreement(a: &Project, b: &Project) -> SourceAlpha {
    let in_b: HashMap<&str, Reliability> = b
        .sources
        .iter()
        .map(|s| (s.id.as_str(), s.reliability))
        .collect();
    let mut seen = HashSet::new();
    let mut units = Vec::new();
    for source in &a.sources {
        let Some(&other) = in_b.get(source.id.as_str()) else {
            continue;
        };
        // A repeated id (a damaged file) is one source, compared once.
        if !seen.insert(source.id.as_str()) {
            continue;
        }
        let grades = reliability_rank(source.reliability).zip(reliability_rank(other));
        units.extend(grades.map(<[f64; 2]>::from));
    }
    SourceAlpha {
        alpha: alpha_of_pairs(&units, Metric::Ordinal),
        sources: units.len(),
    }
}

impl Agreement {
    /// The agreement as a few lines for a person, then one line per
    /// disagreement.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{:<13}{} in both, with {} claims in A and {} in B",
            "documents:", self.documents, self.claims_a, self.claims_b
        );
        for (how, matching) in [
            ("exact:", &self.spans.exact),
            ("overlap:", &self.spans.overlap),
        ] {
            let _ = writeln!(
                out,
                "{how:<13}{} spans matched: precision {}, recall {}, F1 {}",
                matching.matched,
                percent(matching.precision),
                percent(matching.recall),
                percent(matching.f1)
            );
        }
        let statistics = [
            (
                "labels:",
                "Cohen's κ",
                self.labels.kappa,
                self.labels.pairs,
                "pairs",
            ),
            (
                "credibility:",
                "Krippendorff's α",
                self.credibility.alpha,
                self.credibility.pairs,
                "pairs",
            ),
            (
                "values:",
                "Krippendorff's α",
                self.values.alpha,
                self.values.pairs,
                "pairs",
            ),
            (
                "reliability:",
                "Krippendorff's α",
                self.reliability.alpha,
                self.reliability.sources,
                "sources",
            ),
        ];
        for (what, statistic, figure, count, of) in statistics {
            let _ = writeln!(
                out,
                "{what:<13}{statistic} {} over {count} {of}",
                decimal(figure)
            );
        }
        self.per_label_text(&mut out);
        self.disagreements_text(&mut out);
        out
    }

    fn per_label_text(&self, out: &mut String) {
        if self.per_label.is_empty() {
            return;
        }
        out.push_str("per label (claims in A / B, F1 exact / overlap):\n");
        let width = self
            .per_label
            .keys()
            .map(|l| l.as_str().chars().count())
            .max()
            .unwrap_or(0);
        for (label, spans) in &self.per_label {
            let _ = writeln!(
                out,
                "  {:<width$}  {} / {}, {} / {}",
                label.as_str(),
                spans.claims_a,
                spans.claims_b,
                percent(spans.exact.f1),
                percent(spans.overlap.f1)
            );
        }
    }

    fn disagreements_text(&self, out: &mut String) {
        if self.disagreements.is_empty() {
            out.push_str("no disagreements\n");
            return;
        }
        let _ = writeln!(
            out,
            "{}:",
            crate::model::counted(self.disagreements.len(), "disagreement", "disagreements")
        );
        for d in &self.disagreements {
            let sides: Vec<String> = [("A", &d.shown_a), ("B", &d.shown_b)]
                .into_iter()
                .filter_map(|(side, shown)| shown.as_ref().map(|s| format!("{side} {s}")))
                .collect();
            let _ = writeln!(
                out,
                "  {:<12}{}  {}",
                d.kind.id(),
                d.document,
                sides.join("  ·  ")
            );
        }
    }
}

/// A share as a percentage with one decimal, or "n/a".
fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "n/a".to_owned(), |s| format!("{:.1}%", 100.0 * s))
}

/// A coefficient with three decimals, or "n/a".
fn decimal(figure: Option<f64>) -> String {
    figure.map_or_else(|| "n/a".to_owned(), |f| format!("{f:.3}"))
}

/// Cohen's κ of two raters' categories, one pair per item: the agreement
/// beyond what their own frequencies would give by chance. `None` with no
/// pairs, or when chance alone agrees fully (both used one category).
pub fn cohen_kappa<T: Eq + Hash>(pairs: &[(T, T)]) -> Option<f64> {
    let mut first: HashMap<&T, i128> = HashMap::new();
    let mut second: HashMap<&T, i128> = HashMap::new();
    let mut agreed: i128 = 0;
    for (x, y) in pairs {
        *first.entry(x).or_default() += 1;
        *second.entry(y).or_default() += 1;
        agreed += i128::from(x == y);
    }
    let n = pairs.len() as i128;
    let chance: i128 = first
        .iter()
        .map(|(category, count)| count * second.get(category).copied().unwrap_or(0))
        .sum();
    // κ = (p_o − p_e) / (1 − p_e), times n² so that it is counted exactly.
    let expected_disagreement = n * n - chance;
    if n == 0 || expected_disagreement == 0 {
        return None;
    }
    Some((n * agreed - chance) as f64 / expected_disagreement as f64)
}

/// How the difference between two values counts in [`krippendorff_alpha`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    /// Categories: two values are the same or they differ.
    Nominal,
    /// Ranks: two values differ by how many values were given between
    /// them, by the coincidence matrix's frequencies (Krippendorff 2011).
    Ordinal,
    /// Numbers: two values differ by the square of their difference.
    Interval,
}

/// Krippendorff's α: the agreement of any number of observers over units,
/// each observer's value `None` where missing (each unit holds one value
/// per observer). Values that are not finite count as missing; units with
/// fewer than two values are not pairable and left out.
///
/// α = 1 − D_o / D_e, with the observed and expected disagreements taken
/// from the coincidence matrix as in Krippendorff, "Computing
/// Krippendorff's Alpha-Reliability" (2011), but computed in linear time:
/// the interval sums by squares about the mean, the ordinal metric as the
/// interval one on each value's cumulative rank. `None` with no pairable
/// unit or when all the pairable values are the same (no expected
/// disagreement).
pub fn krippendorff_alpha(units: &[Vec<Option<f64>>], metric: Metric) -> Option<f64> {
    alpha(
        Pairable::of(units.iter().map(|unit| unit.iter().copied())),
        metric,
    )
}

/// α of two observers who both gave a value in every unit: the common
/// case here, without a small vector per unit.
fn alpha_of_pairs(pairs: &[[f64; 2]], metric: Metric) -> Option<f64> {
    alpha(
        Pairable::of(pairs.iter().map(|pair| pair.map(Some))),
        metric,
    )
}

fn alpha(pairable: Pairable, metric: Metric) -> Option<f64> {
    if pairable.units.is_empty() {
        return None;
    }
    match metric {
        Metric::Nominal => nominal_alpha(&pairable),
        Metric::Ordinal => interval_alpha(&pairable.ranked()),
        Metric::Interval => interval_alpha(&pairable),
    }
}

/// The values of the pairable units (two values or more), unit after unit.
struct Pairable {
    values: Vec<f64>,
    units: Vec<Range<usize>>,
}

impl Pairable {
    fn of<U: IntoIterator<Item = Option<f64>>>(units: impl IntoIterator<Item = U>) -> Self {
        let mut values = Vec::new();
        let mut ranges = Vec::new();
        for unit in units {
            let start = values.len();
            // -0 becomes 0, so that it is the same category as 0.
            let given = unit.into_iter().flatten().filter(|v| v.is_finite());
            values.extend(given.map(|v| if v == 0.0 { 0.0 } else { v }));
            if values.len() - start >= 2 {
                ranges.push(start..values.len());
            } else {
                values.truncate(start);
            }
        }
        Self {
            values,
            units: ranges,
        }
    }

    /// The values replaced by their ranks for the ordinal metric: a value
    /// c stands at the count of values below it plus half its own count,
    /// so that the distance of c and k is Krippendorff's
    /// Σ_{g=c}^{k} n_g − (n_c + n_k)/2.
    fn ranked(&self) -> Self {
        let mut sorted = self.values.clone();
        sorted.sort_by(f64::total_cmp);
        let mut ranks: Vec<(f64, f64)> = Vec::new();
        let mut below = 0usize;
        for run in sorted.chunk_by(|x, y| x == y) {
            if let Some(&value) = run.first() {
                ranks.push((value, below as f64 + run.len() as f64 / 2.0));
            }
            below += run.len();
        }
        let rank = |v: &f64| {
            let at = ranks.partition_point(|(c, _)| c < v);
            ranks.get(at).map_or(0.0, |&(_, r)| r)
        };
        Self {
            values: self.values.iter().map(rank).collect(),
            units: self.units.clone(),
        }
    }
}

/// α with the nominal metric: D_o counts, per unit, the pairs of values
/// that differ; D_e the pairs over all values that differ.
fn nominal_alpha(pairable: &Pairable) -> Option<f64> {
    let mut sorted = pairable.values.clone();
    sorted.sort_by(f64::total_cmp);
    if sorted.chunk_by(|x, y| x == y).count() < 2 {
        return None;
    }
    let n = sorted.len() as f64;
    let different_pairs = |sorted: &[f64]| -> f64 {
        let m = sorted.len() as f64;
        let same: f64 = sorted
            .chunk_by(|x, y| x == y)
            .map(|run| (run.len() as f64).powi(2))
            .sum();
        m * m - same
    };
    let expected = different_pairs(&sorted);
    let mut unit = Vec::new();
    let mut observed = 0.0;
    for range in &pairable.units {
        unit.clear();
        unit.extend_from_slice(&pairable.values[range.clone()]);
        unit.sort_by(f64::total_cmp);
        observed += different_pairs(&unit) / (unit.len() as f64 - 1.0);
    }
    finite(1.0 - (n - 1.0) * observed / expected)
}

/// α with the interval metric: the squared differences of all pairs of
/// values in a set are 2m times its squares about the mean.
fn interval_alpha(pairable: &Pairable) -> Option<f64> {
    let values = &pairable.values;
    let (low, high) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| {
            (l.min(v), h.max(v))
        });
    // All the same (the values are finite): nothing to disagree about.
    if low >= high {
        return None;
    }
    let scale = low.abs().max(high.abs());
    // α does not change with the unit of measurement; scaled to at most 1,
    // the squares of huge figures cannot overflow.
    let scaled: Vec<f64> = values.iter().map(|v| v / scale).collect();
    let n = scaled.len() as f64;
    let expected = 2.0 * n * squares_about_mean(&scaled);
    let observed: f64 = pairable
        .units
        .iter()
        .map(|range| {
            let unit = &scaled[range.clone()];
            let m = unit.len() as f64;
            2.0 * m * squares_about_mean(unit) / (m - 1.0)
        })
        .sum();
    if expected <= 0.0 {
        return None;
    }
    finite(1.0 - (n - 1.0) * observed / expected)
}

/// The sum of the squared distances of the values from their mean.
fn squares_about_mean(values: &[f64]) -> f64 {
    let mean = values.iter().sum::<f64>() / values.len() as f64;
    values.iter().map(|v| (v - mean).powi(2)).sum()
}

/// The figure, or `None` if the arithmetic went astray.
fn finite(figure: f64) -> Option<f64> {
    figure.is_finite().then_some(figure)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Anchor, Document, Source, Span};

    /// Krippendorff (2011), section C: four observers, twelve units,
    /// values 1–5, '.' where an observer gave none.
    const KRIPPENDORFF_2011: [&str; 4] = [
        "1 2 3 3 2 1 4 1 2 . . .", // observer A
        "1 2 3 3 2 2 4 1 2 5 . 3", // observer B
        ". 3 3 3 2 3 4 2 2 5 1 .", // observer C
        "1 2 3 3 2 4 4 1 2 5 1 .", // observer D
    ];

    /// The table as units, each with one value (or none) per observer.
    fn krippendorff_units() -> Vec<Vec<Option<f64>>> {
        let rows: Vec<Vec<Option<f64>>> = KRIPPENDORFF_2011
            .iter()
            .map(|row| row.split(' ').map(|v| v.parse().ok()).collect())
            .collect();
        (0..12)
            .map(|unit| rows.iter().map(|row| row[unit]).collect())
            .collect()
    }

    fn assert_near(figure: Option<f64>, expected: f64) {
        let figure = figure.expect("a figure");
        assert!((figure - expected).abs() < 0.0005, "{figure} ≠ {expected}");
    }

    #[test]
    fn krippendorffs_worked_example_gives_the_published_alphas() {
        let units = krippendorff_units();
        assert_eq!(units[11], [None, Some(3.0), None, None]);
        assert_near(krippendorff_alpha(&units, Metric::Nominal), 0.743);
        assert_near(krippendorff_alpha(&units, Metric::Ordinal), 0.815);
        assert_near(krippendorff_alpha(&units, Metric::Interval), 0.849);
    }

    #[test]
    fn wikipedias_cohen_kappa_example_is_0_4() {
        let mut pairs = Vec::new();
        for (a, b, count) in [
            ("yes", "yes", 20),
            ("yes", "no", 5),
            ("no", "yes", 10),
            ("no", "no", 15),
        ] {
            pairs.extend(std::iter::repeat_n((a, b), count));
        }
        assert_near(cohen_kappa(&pairs), 0.4);
        assert_eq!(cohen_kappa(&[("yes", "yes"), ("no", "no")]), Some(1.0));
    }

    #[test]
    fn figures_with_no_pairs_or_no_expected_disagreement_are_none() {
        assert_eq!(cohen_kappa::<&str>(&[]), None);
        assert_eq!(cohen_kappa(&[("yes", "yes"), ("yes", "yes")]), None);
        let lonely = vec![vec![Some(1.0), None], vec![None, Some(2.0)], vec![]];
        let same = vec![vec![Some(3.0), Some(3.0)], vec![Some(3.0), Some(3.0), None]];
        let broken = vec![
            vec![Some(f64::NAN), Some(1.0)],
            vec![Some(f64::INFINITY), Some(2.0)],
        ];
        for metric in [Metric::Nominal, Metric::Ordinal, Metric::Interval] {
            assert_eq!(krippendorff_alpha(&[], metric), None);
            assert_eq!(krippendorff_alpha(&lonely, metric), None);
            assert_eq!(krippendorff_alpha(&same, metric), None);
            assert_eq!(krippendorff_alpha(&broken, metric), None);
        }
        let huge = vec![
            vec![Some(1e300), Some(-1e300)],
            vec![Some(1e300), Some(1e300)],
        ];
        assert!(krippendorff_alpha(&huge, Metric::Interval).is_some_and(f64::is_finite));

        let nothing = agree(&Project::new("a"), &Project::new("b")).expect("comparable");
        assert_eq!(nothing.spans.exact.precision, None);
        assert_eq!(nothing.spans.overlap.f1, None);
        assert_eq!((nothing.labels.kappa, nothing.labels.pairs), (None, 0));
        assert_eq!(
            (nothing.credibility.alpha, nothing.values.alpha),
            (None, None)
        );
        let json = serde_json::to_value(&nothing).expect("JSON");
        assert!(json["spans"]["exact"]["recall"].is_null());
        assert!(json["reliability"]["alpha"].is_null());
        assert!(nothing.to_text().contains("Cohen's κ n/a over 0 pairs"));
    }

    /// A project of one 100-character document "doc" holding claims given
    /// as (id, start, end, label).
    fn tagged(claims: &[(&str, usize, usize, &str)]) -> Project {
        let mut project = Project::new("test");
        let source = Source::new("Outlet");
        let document = DocumentId::from("doc");
        project.documents.push(Document::new(
            document.clone(),
            "A report",
            source.id.clone(),
            "x".repeat(100),
        ));
        project.sources.push(source);
        for &(id, start, end, label) in claims {
            let anchor = Anchor {
                span: Span::new(start, end),
                quote: format!("the words of {id}"),
                prefix: String::new(),
                suffix: String::new(),
            };
            let mut claim = Claim::new(document.clone(), anchor, LabelId::from(label), "analyst");
            claim.id = ClaimId::from(id);
            project.claims.push(claim);
        }
        project
    }

    /// The disagreements as (a, b, kind), to compare in one assertion.
    fn listed(agreement: &Agreement) -> Vec<(Option<&str>, Option<&str>, &str)> {
        agreement
            .disagreements
            .iter()
            .map(|d| {
                (
                    d.a.as_ref().map(ClaimId::as_str),
                    d.b.as_ref().map(ClaimId::as_str),
                    d.kind.id(),
                )
            })
            .collect()
    }

    use crate::sample_project as sample;

    #[test]
    fn the_sample_agrees_fully_with_itself_even_reordered() {
        let a = sample();
        let mut b = a.clone();
        b.claims.reverse();
        let agreement = agree(&a, &b).expect("comparable");
        assert_eq!((agreement.documents, agreement.claims_a), (5, 42));
        assert_eq!(agreement.spans.exact.matched, 42);
        assert_eq!(agreement.spans.exact.precision, Some(1.0));
        assert_eq!(agreement.spans.overlap.f1, Some(1.0));
        assert_eq!(agreement.labels.kappa, Some(1.0));
        assert_eq!(agreement.credibility.alpha, Some(1.0));
        assert_eq!(agreement.values.alpha, Some(1.0));
        assert_eq!(agreement.reliability.alpha, Some(1.0));
        assert!(agreement.disagreements.is_empty());
        assert!(agreement.to_text().ends_with("no disagreements\n"));
    }

    #[test]
    fn exact_spans_pair_one_to_one() {
        let a = tagged(&[
            ("a1", 0, 10, "event"),
            ("a2", 0, 10, "event"),
            ("a3", 20, 30, "event"),
        ]);
        let b = tagged(&[("b1", 0, 10, "event"), ("b2", 20, 31, "event")]);
        let agreement = agree(&a, &b).expect("comparable");
        assert_eq!(agreement.spans.exact.matched, 1);
        assert_eq!(agreement.spans.exact.precision, Some(0.5));
        assert_near(agreement.spans.exact.recall, 1.0 / 3.0);
        assert_near(agreement.spans.exact.f1, 0.4);
        assert_eq!(agreement.spans.overlap.matched, 2);
        assert_eq!(
            listed(&agreement),
            [(Some("a2"), None, "only_a")],
            "a1 pairs with b1 and a3 with b2; a2 has no one left"
        );
    }

    #[test]
    fn overlapping_spans_pair_largest_overlap_first_one_to_one() {
        // x overlaps y by 5 and z by 8; w overlaps y by 12.
        let a = tagged(&[("x", 0, 10, "event"), ("w", 8, 30, "event")]);
        let b = tagged(&[("y", 5, 20, "event"), ("z", 2, 10, "event")]);
        let agreement = agree(&a, &b).expect("comparable");
        assert_eq!(agreement.spans.exact.matched, 0);
        assert_eq!(agreement.spans.overlap.matched, 2);
        assert!(listed(&agreement).is_empty(), "{:?}", listed(&agreement));

        // y would take x (overlap 5) had w (overlap 12) not come first.
        let a = tagged(&[("x", 0, 10, "event"), ("w", 8, 30, "event")]);
        let b = tagged(&[("y", 5, 20, "event")]);
        let agreement = agree(&a, &b).expect("comparable");
        assert_eq!(agreement.spans.overlap.matched, 1);
        assert_eq!(listed(&agreement), [(Some("x"), None, "only_a")]);
    }

    #[test]
    fn overlap_ties_go_to_the_earliest_start_then_the_exact_span() {
        let a = tagged(&[("x", 0, 10, "event")]);
        let b = tagged(&[("late", 5, 10, "event"), ("early", 0, 5, "event")]);
        let agreement = agree(&a, &b).expect("comparable");
        assert_eq!(listed(&agreement), [(None, Some("late"), "only_b")]);

        let a = tagged(&[("x", 10, 20, "event")]);
        let b = tagged(&[("wide", 5, 25, "event"), ("same", 10, 20, "event")]);
        let agreement = agree(&a, &b).expect("comparable");
        assert_eq!(listed(&agreement), [(None, Some("wide"), "only_b")]);
        assert_eq!(agreement.spans.exact.matched, 1);
    }

    #[test]
    fn a_changed_text_is_refused_naming_the_document() {
        let a = sample();
        let mut b = a.clone();
        let document = &mut b.documents[2];
        document.text.push_str(" Updated.");
        document.text_hash = crate::model::text_hash(&document.text);
        let id = document.id.clone();
        let error = agree(&a, &b).expect_err("different texts");
        assert_eq!(
            error,
            AgreeError::TextDiffers {
                document: id.clone()
            }
        );
        assert!(error.to_string().contains(id.as_str()), "{error}");

        // A document only one side holds is left out, not an error.
        b.documents.remove(2);
        let agreement = agree(&a, &b).expect("comparable");
        assert_eq!(agreement.documents, 4);
        assert!(agreement.claims_a < 42);
    }

    #[test]
    fn differences_of_paired_claims_and_lone_claims_are_listed_in_text_order() {
        let mut a = tagged(&[
            ("a1", 0, 10, "numeric"),
            ("a2", 20, 30, "numeric"),
            ("a3", 40, 50, "event"),
            ("a4", 60, 70, "event"),
        ]);
        let mut b = tagged(&[
            ("b1", 0, 10, "numeric"),
            ("b2", 22, 30, "event"),
            ("b3", 40, 50, "event"),
            ("b5", 80, 90, "causal"),
        ]);
        a.claims[0].credibility = Credibility::Probable;
        b.claims[0].credibility = Credibility::Possible;
        a.claims[0].value = Some(Quantity::Exact(24.0));
        b.claims[0].value = Some(Quantity::Exact(25.0));
        a.claims[1].credibility = Credibility::Doubtful;
        let agreement = agree(&a, &b).expect("comparable");
        assert_eq!(
            listed(&agreement),
            [
                (Some("a1"), Some("b1"), "credibility"),
                (Some("a1"), Some("b1"), "value"),
                (Some("a2"), Some("b2"), "label"),
                (Some("a2"), Some("b2"), "credibility"),
                (Some("a4"), None, "only_a"),
                (None, Some("b5"), "only_b"),
            ]
        );
        let numeric = &agreement.per_label[&LabelId::from("numeric")];
        assert_eq!((numeric.claims_a, numeric.claims_b), (2, 1));
        assert_eq!((numeric.exact.matched, numeric.overlap.matched), (1, 1));
        let event = &agreement.per_label[&LabelId::from("event")];
        assert_eq!((event.claims_a, event.claims_b), (2, 2));
        assert_eq!(event.overlap.recall, Some(0.5));
        assert_eq!(
            agreement.per_label[&LabelId::from("causal")].exact.recall,
            None
        );
        let text = agreement.to_text();
        assert!(
            text.contains("  value       doc  A a1 \"the words of a1\" (value 24)  ·  B b1 \"the words of b1\" (value 25)"),
            "{text}"
        );
        assert!(text.contains("6 disagreements:"), "{text}");
    }

    #[test]
    fn ungraded_claims_and_sources_and_open_values_count_as_missing() {
        let mut a = tagged(&[
            ("a1", 0, 10, "numeric"),
            ("a2", 20, 30, "numeric"),
            ("a3", 40, 50, "numeric"),
        ]);
        let mut b = a.clone();
        // a1: 2 against 6 (missing); a2 and a3 graded alike by both.
        a.claims[0].credibility = Credibility::Probable;
        for project in [&mut a, &mut b] {
            project.claims[1].credibility = Credibility::Possible;
            project.claims[2].credibility = Credibility::Doubtful;
        }
        // Values: ~40 is [36, 44], midpoint 40; >100 has none.
        a.claims[0].value = Some(Quantity::About(40.0));
        b.claims[0].value = Some(Quantity::Range(30.0, 50.0));
        a.claims[1].value = Some(Quantity::MoreThan(100.0));
        b.claims[1].value = Some(Quantity::Exact(108.0));
        a.claims[2].value = Some(Quantity::Exact(7.0));
        b.claims[2].value = Some(Quantity::Exact(7.0));
        let agreement = agree(&a, &b).expect("comparable");
        assert_eq!(agreement.credibility.pairs, 2);
        assert_eq!(agreement.credibility.alpha, Some(1.0));
        assert_eq!(agreement.values.pairs, 2);
        assert_eq!(agreement.values.alpha, Some(1.0));
        // The sources: F on one side is missing, so nothing is compared.
        assert_eq!(agreement.reliability.sources, 0);
        assert_eq!(agreement.reliability.alpha, None);
        let differ = listed(&agreement);
        assert!(
            differ.contains(&(Some("a1"), Some("a1"), "credibility")),
            "{differ:?}"
        );
        assert!(
            differ.contains(&(Some("a1"), Some("a1"), "value")),
            "{differ:?}"
        );
    }

    #[test]
    fn a_damaged_document_of_endless_overlaps_is_refused_rather_than_exhausting_memory() {
        let spans: Vec<(&str, usize, usize, &str)> = (0..2_100)
            .map(|n| ("c", n % 50, 60 + n % 40, "event"))
            .collect();
        let many = tagged(&spans);
        let error = agree(&many, &many).expect_err("too many pairs");
        assert_eq!(
            error,
            AgreeError::TooManyOverlaps {
                document: DocumentId::from("doc"),
                limit: MAX_OVERLAPS
            }
        );
        // Half as many claims still compare.
        let fewer = tagged(&spans[..1_050]);
        assert_eq!(
            agree(&fewer, &fewer).map(|a| a.spans.exact.matched),
            Ok(1_050)
        );
    }

    #[test]
    fn quotes_are_shown_on_one_line_and_cut_like_everywhere_else() {
        use crate::model::{one_line, shorten};
        let long = "Over 50  people\nwere killed ".repeat(5);
        for quote in [
            "",
            "  ",
            "short",
            "a\n\tb",
            &long,
            &"é".repeat(41),
            &"é".repeat(40),
        ] {
            assert_eq!(
                short_quote(quote),
                shorten(&one_line(quote), QUOTE_CHARS),
                "{quote:?}"
            );
        }
    }

    #[test]
    fn the_json_has_the_agreed_shape() {
        let a = tagged(&[("a1", 0, 10, "numeric"), ("a2", 20, 30, "event")]);
        let b = tagged(&[("b1", 0, 10, "numeric")]);
        let json = serde_json::to_value(agree(&a, &b).expect("comparable")).expect("JSON");
        let keys = |value: &serde_json::Value| -> Vec<String> {
            value
                .as_object()
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default()
        };
        let mut top = keys(&json);
        top.sort();
        assert_eq!(
            top,
            [
                "claims_a",
                "claims_b",
                "credibility",
                "disagreements",
                "documents",
                "labels",
                "per_label",
                "reliability",
                "spans",
                "values"
            ]
        );
        let mut matching = keys(&json["spans"]["exact"]);
        matching.sort();
        assert_eq!(matching, ["f1", "matched", "precision", "recall"]);
        assert_eq!(json["spans"]["overlap"]["recall"], 0.5);
        assert_eq!(keys(&json["labels"]).len(), 2);
        assert!(
            json["labels"]["kappa"].is_null(),
            "one label on both sides: no chance to differ"
        );
        assert_eq!(json["values"]["pairs"], 0);
        assert_eq!(json["reliability"]["sources"], 0);
        let mut per_label = keys(&json["per_label"]["numeric"]);
        per_label.sort();
        assert_eq!(per_label, ["claims_a", "claims_b", "exact", "overlap"]);
        assert_eq!(
            json["disagreements"],
            serde_json::json!([{"document": "doc", "a": "a2", "b": null, "kind": "only_a"}])
        );
    }

    #[cfg(feature = "synth")]
    #[test]
    fn two_copies_of_100_000_claims_compare_in_linear_time() {
        let a = crate::synth::generate(2_000, 100_000, 7);
        let mut b = a.clone();
        b.claims.reverse();
        for claim in b.claims.iter_mut().step_by(10) {
            claim.credibility = Credibility::Doubtful;
        }
        let started = std::time::Instant::now();
        let agreement = agree(&a, &b).expect("comparable");
        let took = started.elapsed();
        eprintln!("agree over 100,000 claims: {took:?} (unoptimised build)");
        assert_eq!(agreement.spans.exact.recall, Some(1.0));
        assert!(agreement.credibility.alpha.is_some_and(|alpha| alpha < 1.0));
        // Generous for a debug build on a busy machine; quadratic work
        // would take minutes.
        assert!(took < std::time::Duration::from_secs(20), "{took:?}");
    }
}
