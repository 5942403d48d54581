//! The consistency checker of PRODUCT §6: it reads a [`Project`] and returns
//! [`Finding`]s. The GUI, the command line and the tests all call [`check`].
//!
//! One file per family of rules: [`integrity`] (broken files and anchors),
//! [`numeric`] (figures that disagree), [`credibility`] (grades the evidence
//! does not support) and [`links`] (links that contradict the figures).
//! Nothing here knows of the screen or of files.

pub mod credibility;
pub mod group;
pub mod integrity;
pub mod links;
pub mod merge_conflicts;
pub mod numeric;
mod rule;

pub use rule::Rule;

use crate::model::{ClaimId, Dismissal, DocumentId, Project, SourceId, hex};
use crate::progress::{Cancelled, Progress};
use chrono::NaiveDate;
use foldhash::{HashMap, HashSet, HashSetExt};
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// How much a finding matters. Ordered from the most to the least serious.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The project is broken: a reference to nothing, a quote that moved.
    Error,
    /// The evidence disagrees, or a grade is not supported by it.
    Warning,
    /// Worth knowing, nothing to fix (a toll that rose over time).
    Info,
}

impl Severity {
    /// The word the command line prints: `error`, `warning`, `info`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        }
    }
}

/// A re-anchoring the checker proposes for a claim whose quote moved: the
/// GUI offers to set the claim's span to `start..end`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reanchor {
    pub claim: ClaimId,
    pub start: usize,
    pub end: usize,
}

/// One thing the checker found.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    /// The rule, which JSON and the text output give by its stable id,
    /// e.g. `numeric-conflict`.
    pub rule: Rule,
    pub severity: Severity,
    /// What is wrong, naming the quotes, values, sources and dates involved.
    pub message: String,
    /// The claims involved, sorted.
    pub claims: Vec<ClaimId>,
    /// The documents involved, sorted.
    pub documents: Vec<DocumentId>,
    /// The sources involved, sorted.
    pub sources: Vec<SourceId>,
    /// Stable across runs and unrelated edits: a hash of the rule and the
    /// ids involved, never of the message or of positions.
    pub fingerprint: String,
    /// The dismissal that still holds for this finding; `None` while it is open.
    pub dismissed: Option<Dismissal>,
    /// For a quote that moved and was found again: the span to move it to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reanchor: Option<Reanchor>,
}

impl Finding {
    /// A finding whose fingerprint is made of the rule and `key`, the ids
    /// (or other stable words) that identify it.
    pub(crate) fn new(rule: Rule, severity: Severity, message: String, key: &[&str]) -> Self {
        Self {
            rule,
            severity,
            message,
            claims: Vec::new(),
            documents: Vec::new(),
            sources: Vec::new(),
            fingerprint: fingerprint(rule.id(), key),
            dismissed: None,
            reanchor: None,
        }
    }

    /// Adds the ids involved; they are sorted and deduplicated by [`check`].
    pub(crate) fn involving(
        mut self,
        claims: impl IntoIterator<Item = ClaimId>,
        documents: impl IntoIterator<Item = DocumentId>,
        sources: impl IntoIterator<Item = SourceId>,
    ) -> Self {
        self.claims.extend(claims);
        self.documents.extend(documents);
        self.sources.extend(sources);
        self
    }

    /// True while nobody dismissed it (or its dismissal no longer holds).
    pub fn is_open(&self) -> bool {
        self.dismissed.is_none()
    }

    /// The dismissal to record (with `Edit::Dismiss`) when an analyst
    /// dismisses this finding: it holds until one of its claims changes.
    pub fn dismissal(
        &self,
        project: &Project,
        reason: &str,
        author: &str,
        date: NaiveDate,
    ) -> Dismissal {
        Dismissal {
            fingerprint: self.fingerprint.clone(),
            reason: reason.to_owned(),
            author: author.to_owned(),
            date,
            claims_digest: claims_digest(project, &self.claims),
        }
    }

    fn sort_key(&self) -> impl Ord + '_ {
        (
            self.severity,
            self.rule,
            &self.claims,
            &self.documents,
            &self.sources,
            &self.fingerprint,
        )
    }
}

/// Runs every rule over the project. The findings come sorted by severity,
/// rule and ids, so two runs over one project print the same list.
///
/// The rules run on the pool's threads: integrity beside the grouping,
/// then the groups of figures shared between them. The rules only read the project,
/// and the final sort makes the result the same as one thread's.
pub fn check(project: &Project) -> Vec<Finding> {
    // Nobody else holds this Progress, so nobody cancels it.
    check_with(project, &Progress::default()).unwrap_or_default()
}

/// Checks like [`check`], counting claims in `progress` as the rules get
/// through them, and stopping between groups when it is cancelled.
pub fn check_with(project: &Project, progress: &Progress) -> Result<Vec<Finding>, Cancelled> {
    let claims = project.claims.len() as u64;
    // Integrity and grouping count for one pass over the claims, the figure
    // groups for another, the remaining rules and the sorting for a third.
    progress.stage("checking", 3 * claims.max(1));
    // A rule cannot panic on any project (the rules return findings, never
    // errors), but if one did, say so rather than report a partial,
    // reassuring list: the pool's policy turns it into a failure.
    let rules = crate::pool::run("checking", || {
        let (integrity, (index, hashes)) = rayon::join(
            || tidy(integrity::structure(project)),
            || {
                (
                    group::Index::new(project),
                    tidy(integrity::text_hashes(project)),
                )
            },
        );
        progress.advance(claims);
        if progress.is_cancelled() {
            return Vec::new();
        }
        // The rules over the index as jobs the pool's threads take in turn:
        // the two whole-project rules first, then the figure groups in
        // runs. Groups differ a thousandfold in cost, so a fixed split left
        // one thread idle for a third of the time. Each thread's findings
        // are sorted there, and merged below.
        let runs: Vec<&[group::Group]> = index.figures.chunks(FIGURE_GROUPS_PER_JOB).collect();
        let job = |job: usize| -> Vec<Finding> {
            if progress.is_cancelled() {
                return Vec::new();
            }
            match job {
                0 => credibility::check(&index),
                1 => {
                    // Hashing every claim's id, beside the other rules.
                    let mut found = Vec::new();
                    let by_id = integrity::claim_ids(project, &mut found);
                    found.extend(links::check(&index, &by_id));
                    found
                }
                _ => {
                    let run = runs.get(job - 2).copied().unwrap_or_default();
                    numeric::check_groups(&index, run, progress)
                }
            }
        };
        let mut lists = vec![hashes, integrity, tidy(merge_conflicts::check(project))];
        lists.extend(
            (0..runs.len() + 2)
                .into_par_iter()
                .fold(Vec::new, |mut found, n| {
                    found.extend(job(n));
                    found
                })
                .map(tidy)
                .collect::<Vec<_>>(),
        );
        lists
    });
    let lists = rules.unwrap_or_else(|_| vec![vec![crashed()]]);
    progress.go_on()?;
    progress.advance(claims / 2);
    let mut findings = merge(lists);
    // Two rules can meet the same fact twice (a link recorded both ways):
    // one finding per fingerprint is enough.
    let keep: Vec<bool> = {
        let mut seen = HashSet::with_capacity(findings.len());
        findings
            .iter()
            .map(|f| seen.insert(f.fingerprint.as_str()))
            .collect()
    };
    let mut keep = keep.into_iter();
    findings.retain(|_| keep.next().unwrap_or(true));
    apply_dismissals(project, &mut findings);
    progress.finish_stage();
    Ok(findings)
}

/// Sorts and deduplicates the ids each finding involves, then sorts the
/// findings: each thread sorts its own, and the final sort only merges
/// the sorted runs.
fn tidy(mut findings: Vec<Finding>) -> Vec<Finding> {
    for finding in &mut findings {
        finding.claims.sort_unstable();
        finding.claims.dedup();
        finding.documents.sort_unstable();
        finding.documents.dedup();
        finding.sources.sort_unstable();
        finding.sources.dedup();
    }
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
}

/// Merges lists of findings, each sorted by [`Finding::sort_key`], into
/// one sorted list, as a stable sort of them one after another would:
/// findings that sort alike keep the order of their lists. Each finding is
/// moved once, where sorting the joined lists moved it back and forth.
fn merge(lists: Vec<Vec<Finding>>) -> Vec<Finding> {
    let mut merged = Vec::with_capacity(lists.iter().map(Vec::len).sum());
    let mut lists: Vec<std::vec::IntoIter<Finding>> =
        lists.into_iter().map(Vec::into_iter).collect();
    loop {
        let mut first: Option<(usize, &Finding)> = None;
        for (n, list) in lists.iter().enumerate() {
            if let Some(next) = list.as_slice().first()
                && first.is_none_or(|(_, best)| next.sort_key() < best.sort_key())
            {
                first = Some((n, next));
            }
        }
        let Some((n, _)) = first else {
            return merged;
        };
        merged.extend(lists[n].next());
    }
}

/// How many groups of figures one job of the checker takes.
const FIGURE_GROUPS_PER_JOB: usize = 64;

/// What a rule thread that died reports instead of its findings.
fn crashed() -> Finding {
    Finding::new(
        Rule::CheckerFailure,
        Severity::Error,
        "a rule of the checker failed on this project; the findings are incomplete. \
         Please report it with the project file"
            .to_owned(),
        &["checker-failure"],
    )
}

/// Marks the findings whose dismissal still holds: same fingerprint, and
/// the claims involved unchanged since it was recorded.
fn apply_dismissals(project: &Project, findings: &mut [Finding]) {
    if project.dismissed.is_empty() {
        return;
    }
    let by_fingerprint: HashMap<&str, &Dismissal> = project
        .dismissed
        .iter()
        .map(|d| (d.fingerprint.as_str(), d))
        .collect();
    // A merge conflict is settled by taking a side, never dismissed: a
    // team's CI must not pass with one open.
    for finding in findings
        .iter_mut()
        .filter(|f| f.rule != Rule::MergeConflict)
    {
        let Some(dismissal) = by_fingerprint.get(finding.fingerprint.as_str()) else {
            continue;
        };
        if dismissal.claims_digest == claims_digest(project, &finding.claims) {
            finding.dismissed = Some((*dismissal).clone());
        }
    }
}

/// The fingerprint of a finding: 16 hex digits of a hash of the rule and
/// the sorted key, so it does not depend on the order ids were met in.
pub fn fingerprint(rule: &str, key: &[&str]) -> String {
    // A key is a word or two (a rule's claims, a group): sorted on the
    // stack, as fingerprints are made tens of thousands of times a check.
    let mut few = [""; 4];
    let mut many = Vec::new();
    let parts: &mut [&str] = match few.get_mut(..key.len()) {
        Some(few) => {
            few.copy_from_slice(key);
            few
        }
        None => {
            many.extend_from_slice(key);
            &mut many
        }
    };
    parts.sort_unstable();
    let mut hasher = Sha256::new();
    hasher.update(rule.as_bytes());
    for part in parts.iter() {
        // A separator that cannot occur in ids keeps ["ab", "c"] apart from ["a", "bc"].
        hasher.update([0x1f]);
        hasher.update(part.as_bytes());
    }
    hex(&hasher.finalize()[..8])
}

/// A digest of what matters in the named claims (span, quote, subject,
/// attribute, value, unit, as_of, credibility, claimant, links), not their
/// timestamps: a dismissal holds while this stays the same.
pub fn claims_digest(project: &Project, claims: &[ClaimId]) -> String {
    let wanted: HashSet<&ClaimId> = claims.iter().collect();
    let found: HashMap<&ClaimId, &crate::model::Claim> = project
        .claims
        .iter()
        .filter(|c| wanted.contains(&c.id))
        .map(|c| (&c.id, c))
        .collect();
    let mut ids: Vec<&ClaimId> = wanted.into_iter().collect();
    ids.sort_unstable();
    let mut hasher = Sha256::new();
    for id in ids {
        let text = match found.get(id) {
            Some(c) => {
                let value = c.value.map(|v| v.to_string()).unwrap_or_default();
                let as_of = c.as_of.map(|d| d.to_string()).unwrap_or_default();
                let links: Vec<String> = c
                    .links
                    .iter()
                    .map(|l| format!("{}>{}", l.kind.id(), l.target))
                    .collect();
                [
                    c.id.as_str(),
                    c.document.as_str(),
                    &c.start.to_string(),
                    &c.end.to_string(),
                    &c.quote,
                    &c.subject,
                    &c.attribute,
                    &value,
                    &c.unit,
                    &as_of,
                    &c.credibility.to_string(),
                    &c.claimant,
                    &links.join(","),
                ]
                .join("\u{1f}")
            }
            None => format!("missing\u{1f}{id}"),
        };
        hasher.update(text.as_bytes());
        hasher.update([0x1e]);
    }
    hex(&hasher.finalize()[..16])
}

/// Counts of findings by severity, open ones only, plus the dismissed ones.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub dismissed: usize,
}

impl Summary {
    /// Counts the findings of one run.
    pub fn of(findings: &[Finding]) -> Self {
        let mut summary = Self::default();
        for finding in findings {
            if !finding.is_open() {
                summary.dismissed += 1;
                continue;
            }
            match finding.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
                Severity::Info => summary.infos += 1,
            }
        }
        summary
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let count = crate::model::counted;
        write!(
            f,
            "{}, {}, {} ({} dismissed)",
            count(self.warnings, "warning", "warnings"),
            count(self.infos, "info", "infos"),
            count(self.errors, "error", "errors"),
            self.dismissed
        )
    }
}

/// A quote as a message shows it: in “…”, cut to 70 characters.
pub(crate) fn quoted(quote: &str) -> String {
    let mut out = String::with_capacity(quote.len().min(4 * MAX_QUOTED) + 8);
    push_quoted(&mut out, quote);
    out
}

/// The code points of a quote that a message shows.
const MAX_QUOTED: usize = 70;

/// Appends `quote` to `out` as [`quoted`] writes it: the checker quotes two
/// claims per finding, tens of thousands of times on a large project, into
/// the string that names them.
pub(crate) fn push_quoted(out: &mut String, quote: &str) {
    let start = out.len();
    out.push('“');
    let mut chars = 0;
    for word in quote.split_whitespace() {
        if chars > 0 {
            out.push(' ');
            chars += 1;
        }
        out.push_str(word);
        chars += word.chars().count();
        if chars > MAX_QUOTED {
            break;
        }
    }
    if chars > MAX_QUOTED {
        // Cut after MAX_QUOTED - 1 code points of the flattened quote.
        let cut = out[start..]
            .char_indices()
            .nth(MAX_QUOTED)
            .map_or(out.len(), |(byte, _)| start + byte);
        out.truncate(cut);
        // The opening mark is not spacing: the trim stops at it.
        out.truncate(out.trim_end().len());
        out.push('…');
    }
    out.push('”');
}

#[cfg(test)]
pub(crate) mod testing;

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    proptest::proptest! {
        #[test]
        fn merging_sorted_lists_is_a_stable_sort_of_them_joined(
            lists in proptest::collection::vec(
                proptest::collection::vec((0usize..3, 0usize..3, 0usize..4), 0..12),
                0..5,
            ),
        ) {
            // Few rules and ids, so that many findings sort alike; each
            // message says where it came from.
            let rules = [Rule::LinkMismatch, Rule::NumericConflict, Rule::NumericUpdate];
            let severities = [Severity::Error, Severity::Warning, Severity::Info];
            let lists: Vec<Vec<Finding>> = lists
                .iter()
                .enumerate()
                .map(|(l, list)| {
                    let mut list: Vec<Finding> = list
                        .iter()
                        .enumerate()
                        .map(|(n, &(rule, severity, claim))| {
                            let id = format!("c-{claim}");
                            Finding::new(rules[rule], severities[severity], format!("{l}/{n}"), &[&id])
                                .involving([ClaimId::from(id.as_str())], [], [])
                        })
                        .collect();
                    list.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
                    list
                })
                .collect();
            let mut sorted: Vec<Finding> = lists.concat();
            sorted.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            proptest::prop_assert_eq!(merge(lists), sorted);
        }
    }

    #[test]
    fn fingerprints_do_not_depend_on_the_order_of_ids() {
        assert_eq!(
            fingerprint("numeric-conflict", &["c-1", "c-2"]),
            fingerprint("numeric-conflict", &["c-2", "c-1"])
        );
        assert_ne!(
            fingerprint("numeric-conflict", &["c-1", "c-2"]),
            fingerprint("numeric-revision", &["c-1", "c-2"])
        );
        assert_ne!(
            fingerprint("r", &["ab", "c"]),
            fingerprint("r", &["a", "bc"])
        );
        // Keys longer than the few sorted on the stack sort alike.
        let six = ["f", "e", "d", "c", "b", "a"];
        let mut sorted = six;
        sorted.sort_unstable();
        assert_eq!(fingerprint("r", &six), fingerprint("r", &sorted));
        assert_ne!(fingerprint("r", &six), fingerprint("r", &six[..5]));
    }

    #[test]
    fn findings_are_sorted_by_severity_then_rule_and_stable_across_runs() {
        let mut project = toll_project(&[("24", None), ("25", None), ("16", None)]);
        project.claims[0].start = 10_000;
        let first = check(&project);
        assert_eq!(first, check(&project));
        assert_eq!(first[0].severity, Severity::Error);
        let severities: Vec<Severity> = first.iter().map(|f| f.severity).collect();
        let mut sorted = severities.clone();
        sorted.sort();
        assert_eq!(severities, sorted);
    }

    #[test]
    fn fingerprints_survive_an_unrelated_edit() {
        let project = toll_project(&[("24", None), ("25", None)]);
        let before = check(&project);
        let mut edited = project.clone();
        edited.name = "Renamed".into();
        edited.claims[0].note = "a note changes nothing".into();
        edited
            .claims
            .push(numeric_claim(&edited, "doc-b", "Other", "x", "3", ""));
        let after = check(&edited);
        let conflict = |fs: &[Finding]| {
            fs.iter()
                .find(|f| f.rule == "numeric-conflict")
                .map(|f| f.fingerprint.clone())
        };
        assert!(conflict(&before).is_some());
        assert_eq!(conflict(&before), conflict(&after));
    }

    #[test]
    fn a_dismissal_holds_until_one_of_its_claims_changes() {
        let mut project = toll_project(&[("24", None), ("25", None)]);
        let finding = check(&project)
            .into_iter()
            .find(|f| f.rule == "numeric-conflict")
            .expect("24 vs 25 conflict");
        let date = NaiveDate::from_ymd_opt(2024, 1, 6).expect("a date");
        let dismissal = finding.dismissal(&project, "known early tally", "ana", date);
        crate::apply(&mut project, crate::Edit::Dismiss(dismissal)).expect("dismiss");

        let findings = check(&project);
        let again = findings
            .iter()
            .find(|f| f.fingerprint == finding.fingerprint)
            .expect("still found");
        assert!(!again.is_open());
        assert_eq!(Summary::of(&findings).dismissed, 1);

        // A note is not what the finding is about: it stays dismissed.
        project.claims[0].note = "checked".into();
        project.claims[0].modified = crate::model::now();
        assert!(
            check(&project)
                .iter()
                .all(|f| f.rule != "numeric-conflict" || !f.is_open())
        );

        // A changed grade reopens it.
        let mut changed = project.claims[1].clone();
        changed.credibility = crate::model::Credibility::Probable;
        crate::apply(&mut project, crate::Edit::ReplaceClaim(changed)).expect("replace");
        let reopened = check(&project)
            .into_iter()
            .find(|f| f.fingerprint == finding.fingerprint)
            .expect("still found");
        assert!(reopened.is_open());
    }

    #[test]
    fn the_summary_counts_open_findings_by_severity() {
        let project = toll_project(&[("24", None), ("25", None)]);
        let summary = Summary::of(&check(&project));
        assert_eq!(summary.warnings, 1);
        assert_eq!(
            summary.to_string(),
            "1 warning, 0 infos, 0 errors (0 dismissed)"
        );
    }

    #[test]
    fn a_broken_project_gives_errors_never_a_panic() {
        for seed in 0..8u64 {
            let mut project = crate::synth::generate(6, 120, seed);
            let len = project.claims.len();
            for (i, claim) in project.claims.iter_mut().enumerate() {
                match (i as u64 + seed) % 7 {
                    0 => claim.end = usize::MAX,
                    1 => (claim.start, claim.end) = (claim.end, claim.start),
                    2 => claim.start = claim.end,
                    3 => claim.document = "doc-gone".into(),
                    4 => claim.quote.push('!'),
                    5 => claim.value = Some(crate::model::Quantity::Exact(f64::NAN)),
                    _ => claim.id = format!("c-{}", i % (len / 2).max(1)).into(),
                }
            }
            project.documents.truncate(3);
            if let Some(document) = project.documents.first_mut() {
                document.text = "ж".repeat(70);
            }
            project.format_version = 0;
            let findings = check(&project);
            assert!(findings.iter().any(|f| f.severity == Severity::Error));
        }
    }

    #[test]
    fn long_quotes_are_cut_in_messages() {
        assert_eq!(quoted("two  cars"), "“two cars”");
        assert!(quoted(&"word ".repeat(40)).ends_with("…”"));
    }

    /// The plain definition: spacing made single, then cut after 69 code
    /// points with the cut's trailing space dropped.
    fn quoted_plainly(quote: &str) -> String {
        let flat = quote.split_whitespace().collect::<Vec<_>>().join(" ");
        if flat.chars().count() <= 70 {
            format!("“{flat}”")
        } else {
            let cut: String = flat.chars().take(69).collect();
            format!("“{}…”", cut.trim_end())
        }
    }

    #[test]
    fn quotes_are_cut_as_the_plain_definition_says() {
        let words = ["ж", "24", "Белгород", "  ", "\n", "👩‍👩‍👧", "people", "a"];
        for length in 0..120 {
            for shift in 0..words.len() {
                let quote: String = (0..length)
                    .map(|i| words[(i * 7 + shift) % words.len()])
                    .collect::<Vec<_>>()
                    .join(if shift % 2 == 0 { " " } else { "\t " });
                assert_eq!(quoted(&quote), quoted_plainly(&quote), "{quote:?}");
            }
        }
        for edge in [68, 69, 70, 71] {
            let quote = format!("{} tail", "x".repeat(edge));
            assert_eq!(quoted(&quote), quoted_plainly(&quote));
        }
    }
}
