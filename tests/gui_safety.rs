//! The workbench keeps work safe (PRODUCT §9) and shows the checker's
//! findings, driven headless through egui_kittest.

mod common_gui;

use claimdesk::io::lock::ProjectLock;
use claimdesk::io::recovery::RecoveryStore;
use claimdesk::io::{load_project, save_project};
use claimdesk::ui::safety::SafetyPrompt;
use claimdesk::ui::{App, Start};
use common_gui::{sample_copy, settings};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::Path;

/// The App on `path`, autosaving into a recovery folder of the test's own.
fn harness_with_recovery(path: &Path, recovery: &Path) -> Harness<'static, App> {
    let (path, store) = (path.to_owned(), RecoveryStore::at(recovery.to_owned()));
    let mut harness = Harness::builder()
        .with_size([1400.0, 1000.0])
        .build_eframe(move |_cc| App::with_recovery(Start::File(path), settings(), Some(store)));
    harness.run();
    harness
}

/// The Name field of the source in the inspector.
fn name_field<'a>(harness: &'a Harness<'static, App>) -> egui_kittest::Node<'a> {
    harness
        .get_all_by_label("Name")
        .find(|n| n.accesskit_node().role() == Role::TextInput)
        .expect("the source's Name field")
}

/// The field for the reason a finding is dismissed.
fn reason_field<'a>(harness: &'a Harness<'static, App>) -> egui_kittest::Node<'a> {
    harness
        .get_all_by_label("Reason")
        .find(|n| n.accesskit_node().role() == Role::TextInput)
        .expect("the reason field")
}

/// Changes the project through the inspector, as an analyst would: click
/// the first source, click its Name field and type at the end of it.
fn rename_first_source(harness: &mut Harness<'static, App>, suffix: &str) -> String {
    let source = harness.state().project().sources[0].clone();
    harness
        .get_by_label(&format!("[{}] {}", source.reliability, source.name))
        .click();
    harness.run();
    name_field(harness).click();
    harness.run();
    harness.key_press(Key::End);
    harness.run();
    name_field(harness).type_text(suffix);
    harness.run();
    let renamed = format!("{}{suffix}", source.name);
    assert_eq!(harness.state().project().sources[0].name, renamed);
    renamed
}

#[test]
fn unsaved_work_survives_a_crash_and_is_offered_at_the_next_start() {
    let (dir, path) = sample_copy();
    let recovery = dir.path().join("recovery");
    let before = std::fs::read(&path).unwrap();
    {
        let mut harness = harness_with_recovery(&path, &recovery);
        rename_first_source(&mut harness, " (renamed)");
        // The timer fires a few seconds after the last edit.
        harness.state_mut().autosave_now();
        // The app is dropped without saving, as a crash would.
    }
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the project file is untouched"
    );

    let mut harness = harness_with_recovery(&path, &recovery);
    assert!(matches!(
        harness.state().safety_prompt(),
        SafetyPrompt::Recovery { .. }
    ));
    harness.get_by_label_contains("1 source differs");
    harness.get_by_label("Restore").click();
    harness.run();
    assert_eq!(
        harness.state().project().sources[0].name,
        "Kyiv Independent (renamed)"
    );
    assert!(
        harness.state().workspace().is_dirty(),
        "restored work is unsaved"
    );

    // A save makes the recovery unnecessary: it is removed.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert_eq!(
        load_project(&path).unwrap().sources[0].name,
        "Kyiv Independent (renamed)"
    );
    assert!(RecoveryStore::at(recovery).pending(Some(&path)).is_none());
}

#[test]
fn a_discarded_recovery_is_gone() {
    let (dir, path) = sample_copy();
    let recovery = dir.path().join("recovery");
    {
        let mut harness = harness_with_recovery(&path, &recovery);
        rename_first_source(&mut harness, " (renamed)");
        harness.state_mut().autosave_now();
    }
    let mut harness = harness_with_recovery(&path, &recovery);
    harness.get_by_label("Discard").click();
    harness.run();
    assert_eq!(
        harness.state().project().sources[0].name,
        load_project(&path).unwrap().sources[0].name
    );
    assert!(RecoveryStore::at(recovery).pending(Some(&path)).is_none());
}

#[test]
fn a_project_open_elsewhere_can_be_opened_read_only_and_is_not_saved_over() {
    let (_dir, path) = sample_copy();
    let _other_instance = ProjectLock::acquire(&path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut harness = common_gui::harness(Start::File(path.clone()));
    assert!(
        matches!(harness.state().safety_prompt(), SafetyPrompt::Locked { holder, .. } if holder.contains("process"))
    );
    harness.get_by_label("Open read-only").click();
    harness.run();
    assert!(harness.state().workspace().is_read_only());
    rename_first_source(&mut harness, " (changed)");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "read-only: Save does not write"
    );
}

#[test]
fn a_file_changed_on_disk_is_not_overwritten_without_asking() {
    let (_dir, path) = sample_copy();
    let mut harness = common_gui::harness(Start::File(path.clone()));
    // A colleague saves a different version meanwhile.
    let mut theirs = load_project(&path).unwrap();
    theirs.name = "Their version".into();
    save_project(&path, &theirs).unwrap();
    let their_bytes = std::fs::read(&path).unwrap();

    let mine = rename_first_source(&mut harness, " (mine)");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(matches!(
        harness.state().safety_prompt(),
        SafetyPrompt::ChangedOnDisk { .. }
    ));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        their_bytes,
        "not overwritten"
    );

    harness.get_by_label("Overwrite").click();
    harness.run();
    let saved = load_project(&path).unwrap();
    assert_eq!(saved.sources[0].name, mine);
    assert!(!harness.state().workspace().is_dirty());
}

#[test]
fn clicking_a_finding_selects_its_claims_and_a_dismissal_is_undoable() {
    let (_dir, path) = sample_copy();
    let mut harness = common_gui::harness(Start::File(path.clone()));
    harness.get_by_label_contains("Findings (").click();
    harness.run();
    let distance = harness
        .state()
        .findings()
        .iter()
        .find(|f| f.rule == "numeric-conflict" && f.message.contains("distance from border"))
        .expect("the sample's distance conflict")
        .clone();
    let row = |harness: &Harness<'static, App>| {
        harness
            .get_all_by_label_contains("distance from border: ~30 km")
            .next()
            .expect("the finding is listed")
            .rect()
    };
    harness
        .get_all_by_label_contains("distance from border: ~30 km")
        .next()
        .expect("the finding is listed")
        .scroll_to_me();
    harness.run();
    // The row is in view now: click it with the pointer, as a person would.
    let centre = row(&harness).center();
    harness.event(egui::Event::PointerMoved(centre));
    harness
        .get_all_by_label_contains("distance from border: ~30 km")
        .next()
        .expect("the finding is listed")
        .click();
    // Showing the claim scrolls the document for a few frames.
    harness.run_steps(10);
    let selected = harness.state().finding_claims().to_vec();
    assert_eq!(selected.len(), 2);
    assert!(distance.claims.iter().any(|c| selected.contains(c)));
    let open_before = harness
        .state()
        .findings()
        .iter()
        .filter(|f| f.is_open())
        .count();

    reason_field(&harness).scroll_to_me();
    harness.run();
    reason_field(&harness).click();
    harness.run();
    reason_field(&harness).type_text("distance is not the claim at issue");
    harness.run();
    harness.get_by_label("Dismiss").scroll_to_me();
    harness.run();
    harness.get_by_label("Dismiss").click();
    harness.run();
    let open_after = harness
        .state()
        .findings()
        .iter()
        .filter(|f| f.is_open())
        .count();
    assert_eq!(open_after + 1, open_before);
    assert_eq!(harness.state().project().dismissed.len(), 1);
    assert_eq!(harness.state().project().dismissed[0].author, "tester");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().project().dismissed.is_empty());
}

/// File > Open… with a typed path, as an analyst would.
fn ask_to_open(harness: &mut Harness<'static, App>, path: &Path) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::O);
    harness.run();
    harness.event(egui::Event::Text(path.display().to_string()));
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
}

#[test]
fn asking_to_open_a_project_locked_elsewhere_keeps_the_lock_of_the_one_on_screen() {
    let (dir, path) = sample_copy();
    let other = dir.path().join("other.ron");
    save_project(&other, &claimdesk::model::Project::new("Other project")).unwrap();
    let _other_instance = ProjectLock::acquire(&other).unwrap();
    let mut harness = common_gui::harness(Start::File(path.clone()));
    let held_here = |path: &Path| {
        matches!(
            ProjectLock::acquire(path),
            Err(claimdesk::io::lock::LockError::Held { .. })
        )
    };
    assert!(held_here(&path), "the workbench holds its project's lock");

    ask_to_open(&mut harness, &other);
    assert!(matches!(
        harness.state().safety_prompt(),
        SafetyPrompt::Locked { .. }
    ));
    assert!(
        held_here(&path),
        "the project on screen stays locked while the prompt is up"
    );

    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(harness.state().workspace().path(), Some(path.as_path()));
    assert!(
        held_here(&path),
        "Cancel leaves the project on screen locked"
    );

    // Opened read-only, the other project is in place: the first one's
    // lock is let go then, and not before.
    ask_to_open(&mut harness, &other);
    harness.get_by_label("Open read-only").click();
    harness.run();
    assert_eq!(harness.state().project().name, "Other project");
    assert!(!held_here(&path));
}
