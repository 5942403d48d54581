//! The workbench on a 5 MB document with 20,000 claims: go to the end,
//! select a span there with a pointer drag and tag it (issue 6).

mod common_gui;

use claimdesk::io::save_project;
use claimdesk::model::span;
use claimdesk::ui::{App, Settings, Start};
use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

#[test]
fn a_span_at_the_end_of_a_5_mb_document_is_tagged_with_exact_offsets() {
    let mut project = claimdesk::synth::generate(20, 200, 1);
    let big = claimdesk::synth::add_big_document(&mut project, 5.0, 20_000, 7);
    let text = project
        .document(&big)
        .expect("the big document")
        .text
        .clone();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.ron");
    save_project(&path, &project).expect("saves");
    drop(project);
    let size = std::fs::metadata(&path).expect("saved").len();
    assert!(size > 5_000_000, "{size}");

    let settings = Settings {
        annotator: "tester".into(),
        ..Settings::default()
    };
    let mut harness = Harness::builder()
        .with_size([1400.0, 1000.0])
        .with_max_steps(50)
        // The default fonts have no Arabic or Hebrew glyphs: the app draws
        // boxes for them (egui's default), where kittest would panic.
        .allow_missing_glyphs()
        .build_eframe(move |_cc| App::with_start(Start::File(path), settings));
    // A file this large opens on another thread while the window draws.
    assert!(harness.state().is_opening());
    harness.get_by_label("Cancel");
    while harness.state().is_opening() {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    harness.run_ok();
    assert!(harness.state().project().document(&big).is_some());
    harness.state_mut().show_document(&big);
    harness.run_ok();

    // K with nothing selected goes to the last claim of the document,
    // scrolling the view down to the end of the text.
    harness.key_press(Key::K);
    harness.run_ok();
    let last = harness
        .state()
        .selected_claim()
        .expect("the last claim")
        .clone();
    let length = span::char_len(&text);
    assert!(
        last.end + length / 100 > length,
        "the last claim is in the last hundredth of the text: {} of {length}",
        last.end
    );
    // The figure of the last claim's sentence, a few words into it.
    let target = span::Span::new(last.start, last.end);
    assert!(
        harness.state().text_screen_pos(target.end).is_some(),
        "the end is in view"
    );
    let before = harness.state().project().claims.len();
    let state = harness.state();
    let from = state
        .text_screen_pos(target.start)
        .expect("start on screen");
    let to = state.text_screen_pos(target.end).expect("end on screen");
    common_gui::drag(&mut harness, from, to);
    assert_eq!(harness.state().text_selection(), Some(target));

    harness.key_press(Key::Num1);
    harness.run_ok();
    assert_eq!(harness.state().project().claims.len(), before + 1);
    let claim = harness
        .state()
        .selected_claim()
        .expect("the new claim is selected")
        .clone();
    assert_ne!(claim.id, last.id, "a new claim");
    assert_eq!((claim.start, claim.end), (target.start, target.end));
    let expected: String = text.chars().skip(target.start).take(target.len()).collect();
    assert_eq!(claim.quote, expected);
    assert_eq!(claim.document, big);
}

#[test]
fn opening_a_large_project_can_be_cancelled_and_leaves_the_current_one() {
    let mut project = claimdesk::synth::generate(400, 20_000, 3);
    claimdesk::synth::add_big_document(&mut project, 5.0, 2_000, 4);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("large.ron");
    save_project(&path, &project).expect("saves");
    let before = std::fs::read(&path).expect("read");
    let mut harness = Harness::builder()
        .with_size([1400.0, 1000.0])
        .allow_missing_glyphs()
        .build_eframe(move |_cc| App::with_start(Start::File(path), common_gui::settings()));
    assert!(harness.state().is_opening());
    harness.get_by_label("Cancel").click();
    harness.step();
    harness.step();
    assert!(!harness.state().is_opening());
    assert!(
        harness.state().project().documents.is_empty(),
        "the empty project stays"
    );
    assert_eq!(
        std::fs::read(dir.path().join("large.ron")).expect("read"),
        before
    );
}

#[test]
fn the_sources_panel_draws_a_screenful_of_1000_documents_and_the_filter_reaches_any() {
    let project = claimdesk::synth::generate(1_000, 2_000, 3);
    let last = project.documents.last().expect("documents").clone();
    let (_dir, mut harness) = open_saved(&project);
    // Document rows read "TITLE (n)", and every generated title has "report".
    let drawn = harness
        .get_all_by_label_contains(" report ")
        .filter(|node| {
            node.accesskit_node()
                .label()
                .is_some_and(|l| l.ends_with(')'))
        })
        .count();
    assert!(drawn > 0 && drawn < 100, "{drawn} document rows drawn");
    assert!(
        harness
            .query_all_by_label_contains(&last.title)
            .next()
            .is_none(),
        "the last document is far below the fold"
    );

    common_gui::field(&harness, "Filter").click();
    harness.run_ok();
    common_gui::field(&harness, "Filter").type_text(&last.title);
    harness.run_ok();
    harness
        .get_all_by_label_contains(&last.title)
        .find(|node| {
            node.accesskit_node()
                .label()
                .is_some_and(|l| l.ends_with(')'))
        })
        .expect("the filter shows the last document")
        .click();
    harness.run_ok();
    assert_eq!(harness.state().open_document(), Some(&last.id));
}

#[test]
fn a_project_over_the_auto_check_limit_is_checked_on_another_thread() {
    let claims = claimdesk::ui::AUTO_CHECK_LIMIT + 1_000;
    let project = claimdesk::synth::generate(40, claims, 5);
    let expected = claimdesk::check::check(&project);
    let (_dir, mut harness) = open_saved(&project);
    // Too many claims to check after every edit: nothing ran yet.
    assert!(harness.state().findings().is_empty());

    harness.get_by_label("Findings (not checked yet)").click();
    harness.run_ok();
    harness.get_by_label("Run check").click();
    harness.step();
    assert!(
        harness.state().is_busy(),
        "the check runs on another thread"
    );
    common_gui::wait_idle(&mut harness);
    assert!(!expected.is_empty());
    assert_eq!(harness.state().findings(), expected.as_slice());
    harness.get_by_label_contains(&format!(
        "Findings ({})",
        claimdesk::check::Summary::of(&expected)
    ));
}

#[test]
fn a_large_project_is_saved_on_another_thread() {
    let project = claimdesk::synth::generate(40, 21_000, 6);
    let (dir, mut harness) = open_saved(&project);
    let path = dir.path().join("generated.ron");
    let backup = claimdesk::io::backup_path(&path);
    assert!(!backup.exists());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, Key::S);
    harness.step();
    assert!(harness.state().is_busy(), "the save runs on another thread");
    common_gui::wait_idle(&mut harness);
    // Saved: the previous version is kept, and the file holds the project.
    assert!(backup.exists());
    assert!(!harness.state().workspace().is_dirty());
    assert_eq!(
        &claimdesk::io::load_project(&path).expect("loads"),
        &project
    );
}

/// The workbench on `project`, saved to a temporary folder and opened.
fn open_saved(project: &claimdesk::Project) -> (tempfile::TempDir, Harness<'static, App>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("generated.ron");
    save_project(&path, project).expect("saves");
    let mut harness = Harness::builder()
        .with_size([1400.0, 1000.0])
        // Generated text has Arabic and Hebrew, which the default fonts lack.
        .allow_missing_glyphs()
        .build_eframe(move |_cc| App::with_start(Start::File(path), common_gui::settings()));
    common_gui::wait_idle(&mut harness);
    (dir, harness)
}
