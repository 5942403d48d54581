//! Two analysts on one project, driven headless through egui_kittest: a
//! merged project opens on its conflicts, a side is taken row by row or
//! for all as one undoable step, and File > Compare with… shows how far
//! another analyst's copy agrees and takes their claims one by one.

mod common_gui;

use claimdesk::edit::{ClaimField, apply};
use claimdesk::model::{Claim, ClaimId, Credibility, Project, Span, span};
use claimdesk::ui::{App, BottomTab, Start};
use claimdesk::{Edit, io};
use common_gui::{SAMPLE, field, harness, press_key};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

fn sample() -> Project {
    io::load_project(Path::new(SAMPLE)).expect("the sample loads")
}

/// The sample with claim `n` graded `credibility`, as one analyst would.
fn regraded(base: &Project, n: usize, credibility: Credibility) -> Project {
    let mut project = base.clone();
    let edit = Edit::SetClaim {
        id: base.claims[n].id.clone(),
        field: ClaimField::Credibility(credibility),
        modified: None,
    };
    apply(&mut project, edit).expect("the regrade applies");
    project
}

fn credibility(harness: &Harness<'static, App>, id: &ClaimId) -> Credibility {
    harness
        .state()
        .project()
        .claim(id)
        .expect("the claim is there")
        .credibility
}

/// Writes `project` into `dir` as `name` and gives its path.
fn saved(dir: &tempfile::TempDir, name: &str, project: &Project) -> PathBuf {
    let path = dir.path().join(name);
    io::save_project(&path, project).expect("the project saves");
    path
}

/// The sample merged from two copies that graded `count` claims
/// differently (ours 2, theirs 4), saved, with those claims' positions;
/// the merge records a conflict for each.
fn merged_with_conflicts(count: usize) -> (tempfile::TempDir, PathBuf, Project, Vec<usize>) {
    let base = sample();
    // Claims graded neither way yet, so that both sides change them.
    let claims: Vec<usize> = (0..base.claims.len())
        .filter(|&n| {
            ![Credibility::Probable, Credibility::Doubtful].contains(&base.claims[n].credibility)
        })
        .take(count)
        .collect();
    let mut ours = base.clone();
    let mut theirs = base.clone();
    for &n in &claims {
        ours = regraded(&ours, n, Credibility::Probable);
        theirs = regraded(&theirs, n, Credibility::Doubtful);
    }
    let merged = claimdesk::merge::merge(&base, &ours, &theirs).project;
    assert_eq!(
        merged.conflicts.len(),
        claims.len(),
        "{:?}",
        merged.conflicts
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let path = saved(&dir, "merged.ron", &merged);
    (dir, path, base, claims)
}

#[test]
fn a_merged_project_opens_on_its_conflicts_and_taking_theirs_is_undone_by_ctrl_z() {
    let (_dir, path, base, claims) = merged_with_conflicts(1);
    let id = base.claims[claims[0]].id.clone();
    let mut harness = harness(Start::File(path));
    assert_eq!(harness.state().bottom_tab(), BottomTab::Conflicts);
    harness.get_by_label("Conflicts (1)");
    assert_eq!(credibility(&harness, &id), Credibility::Probable);

    harness.get_by_label("Take theirs").click();
    harness.run();
    assert_eq!(credibility(&harness, &id), Credibility::Doubtful);
    assert!(harness.state().project().conflicts.is_empty());
    // The tab stays, and says there is nothing left to decide.
    harness.get_by_label("Conflicts (0)");
    harness.get_by_label_contains("No merge conflicts");

    press_key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().project().conflicts.len(), 1);
    assert_eq!(credibility(&harness, &id), Credibility::Probable);
    harness.get_by_label("Conflicts (1)");
}

#[test]
fn clicking_a_claim_conflict_shows_the_claim_in_its_document() {
    let (_dir, path, base, claims) = merged_with_conflicts(1);
    let claim = base.claims[claims[0]].clone();
    let mut harness = harness(Start::File(path));
    harness
        .get_by_label_contains("changed on both sides")
        .click();
    harness.run();
    assert_eq!(
        harness.state().selected_claim().map(|c| &c.id),
        Some(&claim.id)
    );
    assert_eq!(harness.state().open_document(), Some(&claim.document));
}

#[test]
fn take_ours_for_all_settles_every_conflict_in_one_step() {
    let (_dir, path, base, claims) = merged_with_conflicts(2);
    let mut harness = harness(Start::File(path));
    harness.get_by_label("Conflicts (2)");
    harness.get_by_label("Take ours for all").click();
    harness.run();
    assert!(harness.state().project().conflicts.is_empty());
    for n in claims {
        assert_eq!(
            credibility(&harness, &base.claims[n].id),
            Credibility::Probable
        );
    }
    assert_eq!(
        harness.state().workspace().undo_name(),
        Some("take ours for 2 conflicts")
    );
    press_key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().project().conflicts.len(), 2);
}

/// A claim on the first words of the sample's first document, before any
/// claim of the sample: one that only the other analyst tagged.
fn extra_claim(project: &Project) -> Claim {
    let document = &project.documents[0];
    let first = project
        .claims_in(&document.id)
        .map(|c| c.start)
        .min()
        .expect("the document has claims");
    let words: String = document.text.chars().take(first).collect();
    let end = words
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .nth(2)
        .map_or(first, |(byte, _)| words[..byte].chars().count());
    let anchor = span::anchor(&document.text, Span::new(0, end)).expect("a span of the text");
    Claim::new(
        document.id.clone(),
        anchor,
        project.labels[1].id.clone(),
        "their analyst",
    )
}

/// Opens File > Compare with… and names `path` in its dialog.
fn compare_with(harness: &mut Harness<'static, App>, path: &Path) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Compare with…").click();
    harness.run();
    field(harness, "File path").type_text(&path.display().to_string());
    harness.run();
    harness.get_by_label("OK").click();
    harness.run();
}

#[test]
fn compare_with_shows_a_regrade_and_an_extra_claim_and_takes_theirs() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mine = sample();
    let mine_path = saved(&dir, "mine.ron", &mine);
    // A grade the claim does not have yet.
    let grade = match mine.claims[3].credibility {
        Credibility::Improbable => Credibility::Confirmed,
        _ => Credibility::Improbable,
    };
    let mut theirs = regraded(&mine, 3, grade);
    let extra = extra_claim(&theirs);
    apply(&mut theirs, Edit::add_claim(extra.clone())).expect("their claim applies");
    let theirs_path = saved(&dir, "theirs.ron", &theirs);

    let mut harness = harness(Start::File(mine_path));
    compare_with(&mut harness, &theirs_path);
    let differences = harness
        .state()
        .comparison()
        .expect("the comparison is open")
        .differences()
        .to_vec();
    assert_eq!(differences.len(), 2, "{differences:?}");
    harness.get_by_label_contains("Compare with theirs.ron");
    harness.get_by_label("Only theirs (1)");
    harness.get_by_label("Both, different (1)");
    harness.get_by_label("Only mine (0)");
    harness.get_by_label("Different credibility");
    assert_eq!(harness.query_all_by_label_contains("precision").count(), 2);

    harness.get_by_label("Only theirs (1)").click();
    harness.run();
    harness.get_by_label("Take theirs").click();
    harness.run();
    let added = harness
        .state()
        .project()
        .claims
        .iter()
        .find(|c| c.document == extra.document && c.span() == extra.span())
        .expect("their claim is mine now");
    assert_eq!(added.quote, extra.quote);
    // The comparison follows the project: one difference is left.
    let left = harness
        .state()
        .comparison()
        .expect("still open")
        .differences()
        .len();
    assert_eq!(left, 1);
    harness.get_by_label("Only theirs (0)");
}

#[test]
fn a_copy_whose_text_differs_is_not_compared_and_says_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mine = sample();
    let mine_path = saved(&dir, "mine.ron", &mine);
    let mut theirs = mine.clone();
    let document = &mut theirs.documents[0];
    document.text.push_str(" An added line.");
    document.text_hash = claimdesk::model::text_hash(&document.text);
    let theirs_path = saved(&dir, "theirs.ron", &theirs);

    let mut harness = harness(Start::File(mine_path));
    compare_with(&mut harness, &theirs_path);
    harness.get_by_label("These two copies cannot be compared.");
    harness.get_by_label_contains("its text differs between the two projects");
}
