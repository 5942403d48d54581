//! Properties of the three-way merge: two analysts who change different
//! objects merge to what applying both their edits to the base gives, and
//! a side that changed nothing gives the other side back byte for byte.

use chrono::{DateTime, Utc};
use claimdesk::edit::{ClaimField, SourceField, apply_at};
use claimdesk::merge::merge;
use claimdesk::model::{
    Claim, ClaimId, Credibility, CredibilityNote, LabelId, Project, Reliability, SourceId, Span,
    Verdict, span,
};
use claimdesk::{Edit, io};
use proptest::prelude::*;

fn sample() -> Project {
    io::load_project(std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/projects/belgorod-strike.ron"
    )))
    .expect("the sample loads")
}

fn clock() -> DateTime<Utc> {
    DateTime::from_timestamp(1_800_000_000, 0).expect("a time")
}

/// One step of an analyst, on an object of their own half of the base
/// (`half` 0 takes the even positions, 1 the odd ones), as a plain recipe
/// so that it can be made into an edit on any copy.
#[derive(Clone, Debug)]
enum Step {
    Regrade { claim: usize, grade: u8 },
    Note { claim: usize, words: u8 },
    Judge { claim: usize, verdict: u8 },
    Remove { claim: usize },
    Add { document: usize, at: usize },
    Reliability { source: usize, grade: u8 },
    SourceNote { source: usize, words: u8 },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..64usize, 1..=6u8).prop_map(|(claim, grade)| Step::Regrade { claim, grade }),
        (0..64usize, 0..4u8).prop_map(|(claim, words)| Step::Note { claim, words }),
        (0..64usize, 0..5u8).prop_map(|(claim, verdict)| Step::Judge { claim, verdict }),
        (0..64usize).prop_map(|claim| Step::Remove { claim }),
        (0..8usize, 0..2000usize).prop_map(|(document, at)| Step::Add { document, at }),
        (0..16usize, 0..6u8).prop_map(|(source, grade)| Step::Reliability { source, grade }),
        (0..16usize, 0..4u8).prop_map(|(source, words)| Step::SourceNote { source, words }),
    ]
}

/// The edits a list of steps makes, on the objects of `half` of `base`.
fn edits(base: &Project, half: usize, steps: &[Step]) -> Vec<Edit> {
    let claims: Vec<ClaimId> = base
        .claims
        .iter()
        .skip(half)
        .step_by(2)
        .map(|c| c.id.clone())
        .collect();
    let sources: Vec<SourceId> = base
        .sources
        .iter()
        .skip(half)
        .step_by(2)
        .map(|s| s.id.clone())
        .collect();
    let mut removed: Vec<ClaimId> = Vec::new();
    let mut notes: Vec<Vec<CredibilityNote>> = sources
        .iter()
        .map(|id| base.source(id).map(|s| s.notes.clone()).unwrap_or_default())
        .collect();
    let mut out = Vec::new();
    for step in steps {
        let claim = |n: usize| claims[n % claims.len()].clone();
        let set = |id: ClaimId, field| Edit::SetClaim {
            id,
            field,
            modified: None,
        };
        let edit = match *step {
            Step::Regrade { claim: n, grade } => set(
                claim(n),
                ClaimField::Credibility(Credibility::try_from(grade).expect("1–6")),
            ),
            Step::Note { claim: n, words } => set(
                claim(n),
                ClaimField::Note(format!("half {half} says {}", "so ".repeat(words.into()))),
            ),
            Step::Judge { claim: n, verdict } => set(
                claim(n),
                ClaimField::Verdict(Verdict::ALL[usize::from(verdict) % Verdict::ALL.len()]),
            ),
            Step::Remove { claim: n } => {
                let id = claim(n);
                if removed.contains(&id) {
                    continue;
                }
                removed.push(id.clone());
                Edit::RemoveClaim(id)
            }
            Step::Add { document, at } => {
                let document = &base.documents[document % base.documents.len()];
                let len = span::char_len(&document.text);
                let start = at % len.saturating_sub(4).max(1);
                let Ok(anchor) = span::anchor(&document.text, Span::new(start, start + 3)) else {
                    continue;
                };
                let mut claim = Claim::new(
                    document.id.clone(),
                    anchor,
                    LabelId::from("event"),
                    "analyst",
                );
                claim.created = clock();
                claim.modified = clock();
                Edit::add_claim(claim)
            }
            Step::Reliability { source, grade } => {
                let n = source % sources.len();
                Edit::SetSource {
                    id: sources[n].clone(),
                    field: SourceField::Reliability(Reliability::ALL[usize::from(grade) % 6]),
                }
            }
            Step::SourceNote { source, words } => {
                let n = source % sources.len();
                notes[n].push(CredibilityNote {
                    date: clock().date_naive(),
                    author: format!("analyst {half}"),
                    text: "seen ".repeat(usize::from(words) + 1),
                    evidence_url: None,
                    grade: None,
                });
                Edit::SetSource {
                    id: sources[n].clone(),
                    field: SourceField::Notes(notes[n].clone()),
                }
            }
        };
        out.push(edit);
    }
    // Removing a claim last: a step after it on the same claim would fail.
    out.sort_by_key(|e| matches!(e, Edit::RemoveClaim(_)));
    out
}

fn applied(project: &Project, edits: &[Edit]) -> Project {
    let mut project = project.clone();
    for edit in edits {
        apply_at(&mut project, edit.clone(), clock()).expect("the edit applies");
    }
    project
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn edits_on_different_objects_merge_to_both_edit_lists_applied(
        ours_steps in proptest::collection::vec(step(), 0..8),
        theirs_steps in proptest::collection::vec(step(), 0..8),
    ) {
        let base = sample();
        let ours_edits = edits(&base, 0, &ours_steps);
        let theirs_edits = edits(&base, 1, &theirs_steps);
        let ours = applied(&base, &ours_edits);
        let theirs = applied(&base, &theirs_edits);
        let expected = applied(&ours, &theirs_edits);

        let merged = merge(&base, &ours, &theirs);
        prop_assert_eq!(merged.new_conflicts, 0, "{:?}", merged.project.conflicts);
        prop_assert_eq!(
            io::project_to_string(&merged.project).unwrap(),
            io::project_to_string(&expected).unwrap()
        );

        // A side that changed nothing gives the other back, byte for byte.
        let text = |p: &Project| io::project_to_string(p).unwrap();
        prop_assert_eq!(text(&merge(&base, &ours, &base).project), text(&ours));
        prop_assert_eq!(text(&merge(&base, &base, &theirs).project), text(&theirs));
    }
}

#[test]
fn an_unchanged_side_leaves_the_other_byte_for_byte_through_the_driver() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = dir.path().join("base.ron");
    let ours = dir.path().join("ours.ron");
    let theirs = dir.path().join("theirs.ron");
    let sample_path = concat!(env!("CARGO_MANIFEST_DIR"), "/projects/belgorod-strike.ron");
    std::fs::copy(sample_path, &base).unwrap();
    std::fs::copy(sample_path, &ours).unwrap();
    // Theirs written by hand, in a layout claimdesk would not write: taken
    // as it is, not rewritten.
    let hand = std::fs::read_to_string(sample_path).unwrap().replacen(
        "    name:",
        "    // renamed by hand\n    name:",
        1,
    );
    std::fs::write(&theirs, &hand).unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(
            [&base, &ours, &theirs]
                .map(|p| p.as_os_str())
                .iter()
                .copied()
                .fold(vec![std::ffi::OsStr::new("merge")], |mut args, p| {
                    args.push(p);
                    args
                }),
        )
        .status()
        .expect("runs");
    assert!(status.success());
    assert_eq!(std::fs::read_to_string(&ours).unwrap(), hand);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// The line-by-line merge of files writes what merging the projects
    /// whole and saving writes, conflicts and all: here both analysts work
    /// on the same half, so they often change one claim both ways.
    #[test]
    fn files_merged_line_by_line_are_the_projects_merged_whole(
        ours_steps in proptest::collection::vec(step(), 0..10),
        theirs_steps in proptest::collection::vec(step(), 0..10),
        same_half in any::<bool>(),
    ) {
        let base = sample();
        let ours = applied(&base, &edits(&base, 0, &ours_steps));
        let theirs = applied(&base, &edits(&base, usize::from(!same_half), &theirs_steps));
        let text = |p: &Project| io::project_to_string(p).unwrap();
        let (b, o, t) = (text(&base), text(&ours), text(&theirs));

        let whole = merge(&base, &ours, &theirs);
        let expected = claimdesk::merge::written(&whole, &ours).unwrap();
        let lines = claimdesk::merge::merge_texts(&b, &o, &t).expect("files as a save writes them");
        prop_assert_eq!(&lines.text, &expected.text);
        prop_assert_eq!(lines.new_conflicts, expected.new_conflicts);
        prop_assert_eq!(lines.conflicts, expected.conflicts);
        // And the result opens.
        prop_assert_eq!(io::parse_project(&lines.text).unwrap(), whole.project);
    }
}

#[test]
fn a_file_not_as_a_save_writes_it_is_merged_whole() {
    let base = io::project_to_string(&sample()).unwrap();
    // A claim split over two lines, as files before escaping had them.
    let old_style = base.replacen("        (id: \"c-", "        (\n            id: \"c-", 1);
    assert!(claimdesk::merge::merge_texts(&base, &old_style, &base).is_none());
    assert!(claimdesk::merge::merge_texts(&base, "garbage", &base).is_none());
}
