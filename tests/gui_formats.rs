//! The field's formats in the workbench, driven headless through
//! egui_kittest: File > Export as writes W3C Web Annotations, Label Studio
//! tasks and ClaimReview on another thread; File > Import annotations…
//! reads them back as one undoable step, skipping the claims the project
//! has and naming the annotation that stops it; ClaimReview asks for the
//! project's publisher when there is none.

mod common_gui;

use claimdesk::io;
use claimdesk::model::Project;
use claimdesk::ui::{App, Start};
use common_gui::{SAMPLE, field, harness, press_key, sample_copy, wait_idle};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn sample() -> Project {
    io::load_project(Path::new(SAMPLE)).expect("the sample loads")
}

/// The sample without its claims, saved in `dir`: what an analyst has
/// before importing a colleague's annotations.
fn sample_without_claims(dir: &tempfile::TempDir) -> PathBuf {
    let mut project = sample();
    project.claims.clear();
    let path = dir.path().join("bare.ron");
    io::save_project(&path, &project).expect("the project saves");
    path
}

/// Writes `text` into `dir` as `name` and gives its path.
fn written(dir: &tempfile::TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("the file is written");
    path
}

/// File > Export as > `item`.
fn export_menu(harness: &mut Harness<'static, App>, item: &str) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Export as").click();
    harness.run();
    harness.get_by_label(item).click();
    harness.run();
}

/// In the path dialog on screen: replaces what the field proposes with
/// `path` and presses OK, then waits for the work on another thread.
fn choose_path(harness: &mut Harness<'static, App>, path: &Path) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    field(harness, "File path").type_text(&path.display().to_string());
    harness.run();
    harness.get_by_label("OK").click();
    wait_idle(harness);
}

/// File > Import annotations…, `path` typed, the format left to guess.
fn import_annotations(harness: &mut Harness<'static, App>, path: &Path) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Import annotations…").click();
    harness.run();
    harness.get_by_label("Import annotations");
    choose_path(harness, path);
}

fn claim_count(harness: &Harness<'static, App>) -> usize {
    harness.state().project().claims.len()
}

fn message(harness: &Harness<'static, App>) -> String {
    harness
        .state()
        .status_message()
        .unwrap_or_default()
        .to_owned()
}

/// True when some text on screen holds `text` (a wrapped label is found
/// both whole and by its lines).
fn shows(harness: &Harness<'static, App>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

fn json(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).expect("the export is written");
    serde_json::from_str(&text).expect("the export is JSON")
}

#[test]
fn exporting_the_sample_as_w3c_from_the_menu_writes_its_42_annotations() {
    let (dir, path) = sample_copy();
    let out = dir.path().join("out.jsonld");
    let mut harness = harness(Start::File(path));
    export_menu(&mut harness, "W3C Web Annotation (.jsonld)…");
    harness.get_by_label("Export claims as W3C Web Annotations");
    // The proposed file sits beside the project, named for the format.
    let proposed = field(&harness, "File path").value().unwrap_or_default();
    assert!(
        proposed.ends_with("belgorod-annotations.jsonld"),
        "{proposed}"
    );
    choose_path(&mut harness, &out);

    let collection = json(&out);
    assert_eq!(collection["type"], "AnnotationCollection");
    let items = collection["first"]["items"]
        .as_array()
        .expect("the page lists its annotations");
    assert_eq!(items.len(), 42);
    assert!(items.iter().all(|a| a["type"] == "Annotation"));
    assert_eq!(
        message(&harness),
        format!(
            "Exported 42 claims as W3C Web Annotation to {}",
            out.display()
        )
    );
    // Exporting changes nothing in the project.
    assert!(!harness.state().workspace().is_dirty());
}

#[test]
fn importing_the_w3c_export_brings_back_all_42_claims_and_ctrl_z_takes_them_away_in_one_step() {
    let dir = tempfile::tempdir().expect("temp dir");
    let full = sample();
    let export = io::w3c::export_w3c(&full).expect("the sample exports");
    let file = written(&dir, "sample.jsonld", &export);
    let mut harness = harness(Start::File(sample_without_claims(&dir)));
    assert_eq!(claim_count(&harness), 0);

    import_annotations(&mut harness, &file);
    assert_eq!(claim_count(&harness), 42);
    let spans = |project: &Project| -> BTreeSet<_> {
        project
            .claims
            .iter()
            .map(|c| (c.id.to_string(), c.document.to_string(), c.start, c.end))
            .collect()
    };
    assert_eq!(spans(harness.state().project()), spans(&full));
    assert_eq!(
        message(&harness),
        "Imported 42 claims (0 already in the project skipped)"
    );
    assert!(harness.state().workspace().is_dirty());

    press_key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(claim_count(&harness), 0);
    assert!(!harness.state().workspace().can_undo());
}

#[test]
fn importing_an_export_into_the_project_it_came_from_skips_every_claim() {
    let (dir, path) = sample_copy();
    let file = written(
        &dir,
        "again.jsonld",
        &io::w3c::export_w3c(&sample()).expect("the sample exports"),
    );
    let mut harness = harness(Start::File(path));
    import_annotations(&mut harness, &file);
    assert_eq!(claim_count(&harness), 42);
    assert_eq!(
        message(&harness),
        "Imported 0 claims (42 already in the project skipped)"
    );
    // Nothing was added, so there is nothing to undo.
    assert!(!harness.state().workspace().can_undo());
}

#[test]
fn label_studio_tasks_exported_from_the_menu_are_recognised_when_imported() {
    let (dir, path) = sample_copy();
    let tasks = dir.path().join("tasks.json");
    let mut harness = harness(Start::File(path));
    export_menu(&mut harness, "Label Studio (.json)…");
    harness.get_by_label("Export claims as Label Studio tasks");
    choose_path(&mut harness, &tasks);
    let list = json(&tasks);
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(sample().documents.len()),
        "a task per document"
    );

    // Into the sample without claims, the format left to guess.
    let mut harness = common_gui::harness(Start::File(sample_without_claims(&dir)));
    import_annotations(&mut harness, &tasks);
    assert_eq!(claim_count(&harness), 42);
    assert_eq!(
        message(&harness),
        "Imported 42 claims (0 already in the project skipped)"
    );
}

#[test]
fn an_annotation_the_project_cannot_take_is_named_and_nothing_is_imported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut export: serde_json::Value =
        serde_json::from_str(&io::w3c::export_w3c(&sample()).expect("the sample exports"))
            .expect("JSON");
    // The third annotation points at a page the project does not hold.
    export["first"]["items"][2]["target"]["source"] = "https://elsewhere.example/story".into();
    let file = written(&dir, "bad.jsonld", &export.to_string());
    let mut harness = harness(Start::File(sample_without_claims(&dir)));

    import_annotations(&mut harness, &file);
    assert_eq!(claim_count(&harness), 0);
    assert!(!harness.state().workspace().can_undo());
    // The dialog stays with the reason, which names the annotation.
    harness.get_by_label("Import annotations");
    assert!(shows(&harness, "annotation 3:"));
    assert!(message(&harness).starts_with("Nothing imported: "));
    press_key(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.query_by_label("Import annotations").is_none());
}

#[test]
fn claim_review_without_a_publisher_explains_itself_and_exports_once_it_is_set() {
    let (dir, path) = sample_copy();
    let out = dir.path().join("reviews.jsonld");
    let mut harness = harness(Start::File(path));
    assert!(harness.state().project().publisher.is_none());

    // Asked for ClaimReview, the workbench says what is missing, and
    // where it is set, instead of a path.
    export_menu(&mut harness, "ClaimReview (.jsonld)…");
    assert!(
        message(&harness).contains("names none yet"),
        "{}",
        message(&harness)
    );
    assert!(shows(&harness, "this project names none yet"));
    // A name is needed before it goes on.
    harness.get_by_label("Set and export").click();
    harness.run();
    assert!(shows(&harness, "A name is needed"));

    field(&harness, "Name").click();
    harness.run();
    field(&harness, "Name").type_text("Desk of Facts");
    field(&harness, "Web address").click();
    harness.run();
    field(&harness, "Web address").type_text("https://facts.example");
    harness.run();
    harness.get_by_label("Set and export").click();
    harness.run();
    let publisher = harness.state().project().publisher.clone();
    assert_eq!(
        publisher
            .as_ref()
            .map(|p| (p.name.as_str(), p.url.as_deref())),
        Some(("Desk of Facts", Some("https://facts.example")))
    );
    // Straight on to where the reviews go.
    harness.get_by_label("Export ClaimReview for publishing");
    choose_path(&mut harness, &out);

    let reviews = json(&out);
    let graph = reviews["@graph"].as_array().expect("a graph of reviews");
    assert_eq!(graph.len(), 37);
    assert_eq!(graph[0]["author"]["name"], "Desk of Facts");
    assert!(
        message(&harness).ends_with("left out 5 claims still unassessed"),
        "{}",
        message(&harness)
    );
    // Setting the publisher is one undoable step.
    press_key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(harness.state().project().publisher.is_none());
}

#[test]
fn the_publisher_is_changed_and_cleared_from_the_edit_menu() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    let open_dialog = |harness: &mut Harness<'static, App>| {
        harness.get_by_label("Edit").click();
        harness.run();
        harness.get_by_label("Publisher…").click();
        harness.run();
    };
    open_dialog(&mut harness);
    field(&harness, "Name").type_text("Desk of Facts");
    harness.get_by_label("OK").click();
    harness.run();
    let name = |harness: &Harness<'static, App>| {
        let publisher = harness.state().project().publisher.clone();
        publisher.map(|p| p.name)
    };
    assert_eq!(name(&harness).as_deref(), Some("Desk of Facts"));

    // An empty name clears it.
    open_dialog(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.key_press(Key::Backspace);
    harness.get_by_label("OK").click();
    harness.run();
    assert_eq!(name(&harness), None);
    press_key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(name(&harness).as_deref(), Some("Desk of Facts"));
}

#[test]
fn escape_cancels_the_import_and_publisher_dialogs() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    for (menu, item) in [("File", "Import annotations…"), ("Edit", "Publisher…")] {
        harness.get_by_label(menu).click();
        harness.run();
        harness.get_by_label(item).click();
        harness.run();
        assert!(harness.query_by_label("Cancel").is_some(), "{item} is open");
        press_key(&mut harness, Modifiers::NONE, Key::Escape);
        assert!(harness.query_by_label("Cancel").is_none(), "{item} closed");
    }
    assert!(!harness.state().workspace().is_dirty());
}

#[test]
fn a_format_chosen_in_the_dialog_is_the_one_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = written(
        &dir,
        "sample.jsonld",
        &io::w3c::export_w3c(&sample()).expect("the sample exports"),
    );
    let mut harness = harness(Start::File(sample_without_claims(&dir)));
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Import annotations…").click();
    harness.run();
    // W3C annotations read as Label Studio tasks: refused, as that format.
    harness
        .get_all_by_label("Format")
        .find(|node| node.accesskit_node().role() == Role::ComboBox)
        .expect("the format's drop-down list")
        .click();
    harness.run();
    harness.get_by_label("Label Studio").click();
    harness.run();
    field(&harness, "File path").click();
    harness.run();
    choose_path(&mut harness, &file);
    assert_eq!(claim_count(&harness), 0);
    assert!(
        message(&harness).contains("not Label Studio tasks"),
        "{}",
        message(&harness)
    );
    // The dialog keeps the choice for another try.
    assert!(shows(&harness, "Label Studio"));
}
