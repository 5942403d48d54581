//! A new analyst's first day, driven headless through egui_kittest: the
//! text fields keep their own undo, Find cleans up after itself, undo says
//! what it did, a paste becomes a titled document, labels are edited in
//! the app, dialogs answer Escape and Enter, Find searches every document,
//! and the clipboard works both ways.

mod common;
mod common_gui;

use claimdesk::model::{Reliability, span};
use claimdesk::ui::{App, Start};
use common_gui::{drag, field, harness, press_key, sample_copy};
use egui::{Event, Key, Modifiers, OutputCommand};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn menu(harness: &mut Harness<'static, App>, menu: &str, item: &str) {
    harness.get_by_label(menu).click();
    harness.run();
    // Items with a key show it beside their name.
    harness.get_by_label_contains(item).click();
    harness.run();
}

/// Selects the text `needle` (the first time it is in the first document
/// that holds it) with a drag, as an analyst would.
fn select_text(harness: &mut Harness<'static, App>, needle: &str) -> span::Span {
    let document = harness
        .state()
        .project()
        .documents
        .iter()
        .find(|d| d.text.contains(needle) && d.published.is_some())
        .expect("a dated document holds it")
        .clone();
    harness.state_mut().show_document(&document.id);
    harness.run();
    let byte = document.text.find(needle).expect("found");
    let start = span::char_index(&document.text, byte).expect("boundary");
    let target = span::Span::new(start, start + needle.chars().count());
    let from = harness
        .state()
        .text_screen_pos(target.start)
        .expect("on screen");
    let to = harness
        .state()
        .text_screen_pos(target.end)
        .expect("on screen");
    drag(harness, from, to);
    assert_eq!(harness.state().text_selection(), Some(target));
    target
}

/// Grades the sample's Kyiv Independent E in its inspector, as an analyst would.
fn regrade_kyiv_independent_to_e(harness: &mut Harness<'static, App>) {
    harness.get_by_label("[B] Kyiv Independent").click();
    harness.run();
    harness.get_by_label_contains("E unreliable:").click();
    harness.run();
}

#[test]
fn ctrl_z_in_a_text_field_undoes_its_text_not_a_hidden_project_edit() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    regrade_kyiv_independent_to_e(&mut harness);
    let grade = |harness: &Harness<'static, App>| {
        harness
            .state()
            .project()
            .source_named("Kyiv Independent")
            .expect("the source")
            .reliability
    };
    assert_eq!(grade(&harness), Reliability::E);
    field(&harness, "Note text").click();
    harness.run();
    field(&harness, "Note text").type_text("Corrected twice");
    harness.run();
    press_key(&mut harness, Modifiers::COMMAND, Key::Z);
    // The grade stays; the field's own typing was what Ctrl+Z took back.
    assert_eq!(grade(&harness), Reliability::E);
    assert!(
        harness
            .query_by_label("Undo: regrade Kyiv Independent from B to E")
            .is_none()
    );
    assert_eq!(
        harness.state().workspace().undo_name(),
        Some("regrade Kyiv Independent from B to E")
    );
    assert_ne!(
        field(&harness, "Note text").value().as_deref(),
        Some("Corrected twice")
    );
    // Out of the field, Ctrl+Z is the project's again.
    press_key(&mut harness, Modifiers::NONE, Key::Escape);
    press_key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(grade(&harness), Reliability::B);
}

#[test]
fn closing_find_takes_its_highlights_away_through_later_saves() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    let document = harness.state().project().documents[2].clone();
    harness.state_mut().show_document(&document.id);
    harness.run();
    press_key(&mut harness, Modifiers::COMMAND, Key::F);
    harness.event(Event::Text("Belgorod".to_owned()));
    harness.run();
    assert!(harness.state().find_highlights().len() > 2);
    press_key(&mut harness, Modifiers::NONE, Key::Escape);
    press_key(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.state().find_highlights().is_empty());
    press_key(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(harness.state().find_highlights().is_empty());
    // Find again shows the same query's hits again.
    press_key(&mut harness, Modifiers::COMMAND, Key::F);
    assert!(harness.state().find_highlights().len() > 2);
}

#[test]
fn undo_names_what_it_undoes_and_shows_a_deleted_claim_again() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    regrade_kyiv_independent_to_e(&mut harness);
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label_contains("Undo: regrade Kyiv Independent from B to E");
    press_key(&mut harness, Modifiers::NONE, Key::Escape);

    // Delete a claim, then look at another document.
    let claim = harness
        .state()
        .project()
        .claims
        .iter()
        .find(|c| c.quote.contains("39 dead"))
        .expect("the sample tags it")
        .clone();
    harness.get_by_label("Search claims").click();
    harness.run();
    field(&harness, "Search claims").type_text("39 dead");
    harness.run();
    harness.get_by_label(&claim.quote).click();
    harness.run();
    press_key(&mut harness, Modifiers::NONE, Key::Delete);
    assert!(harness.state().project().claim(&claim.id).is_none());
    let status = harness
        .state()
        .status_message()
        .unwrap_or_default()
        .to_owned();
    assert!(
        status.starts_with("Deleted claim '") && status.contains("to undo"),
        "{status}"
    );
    let elsewhere = harness
        .state()
        .project()
        .documents
        .iter()
        .find(|d| d.id != claim.document)
        .expect("another document")
        .id
        .clone();
    harness.state_mut().show_document(&elsewhere);
    harness.run();
    harness.get_by_label("Edit").click();
    harness.run();
    harness
        .get_by_label_contains("Undo: delete claim '")
        .click();
    harness.run();
    let state = harness.state();
    assert!(state.project().claim(&claim.id).is_some());
    assert_eq!(state.open_document(), Some(&claim.document));
    assert_eq!(state.selected_claim().map(|c| &c.id), Some(&claim.id));
    assert!(
        state
            .status_message()
            .is_some_and(|m| m.starts_with("Undid: delete claim '")),
        "{:?}",
        state.status_message()
    );
}

#[test]
fn a_paste_takes_its_first_sentence_as_title_and_its_date_and_opens() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    menu(&mut harness, "File", "Paste as new document…");
    // The cursor is in Title when the dialog opens.
    harness.event(Event::Text("x".to_owned()));
    harness.run();
    assert_eq!(field(&harness, "Title").value().as_deref(), Some("x"));
    harness.key_press(Key::Backspace);
    harness.run();
    field(&harness, "Text").click();
    harness.run();
    harness.event(Event::Paste(
        "Eight people died in Belgorod on Saturday. Officials said more.\nSecond paragraph."
            .to_owned(),
    ));
    harness.run();
    field(&harness, "Published").click();
    harness.run();
    field(&harness, "Published").type_text("2023-12-31");
    field(&harness, "URL").click();
    harness.run();
    field(&harness, "URL").type_text("https://example.org/belgorod");
    field(&harness, "named").click();
    harness.run();
    field(&harness, "named").type_text("Wire service");
    harness.run();
    harness.get_by_label("Add document").click();
    harness.run();

    let state = harness.state();
    let document = state.project().documents.last().expect("added").clone();
    assert_eq!(document.title, "Eight people died in Belgorod on Saturday");
    assert_eq!(document.id.as_str(), "eight-people-died-in-belgorod-on");
    assert_eq!(
        document.published.map(|d| d.to_string()).as_deref(),
        Some("2023-12-31")
    );
    assert_eq!(
        document.url.as_deref(),
        Some("https://example.org/belgorod")
    );
    assert_eq!(state.open_document(), Some(&document.id));
}

#[test]
fn a_new_claim_takes_its_date_from_its_document() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    select_text(&mut harness, "Belgorod");
    press_key(&mut harness, Modifiers::NONE, Key::Num1);
    let state = harness.state();
    let claim = state.selected_claim().expect("the new claim");
    let document = state
        .project()
        .document(&claim.document)
        .expect("its document");
    assert!(document.published.is_some());
    assert_eq!(claim.as_of, document.published);
    harness.get_by_label("taken from the document's publication date");
}

#[test]
fn labels_are_added_renamed_and_rekeyed_in_the_app_as_undoable_edits() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    let before = harness.state().project().labels.clone();
    menu(&mut harness, "Edit", "Labels…");
    field(&harness, "New label name").click();
    harness.run();
    field(&harness, "New label name").type_text("rumour");
    harness.run();
    harness.get_by_label("Add label").click();
    harness.run();
    let labels = harness.state().project().labels.clone();
    assert_eq!(labels.len(), before.len() + 1);
    let added = labels.last().expect("the new label");
    assert_eq!(added.name, "rumour");
    let free = (1..=9u8).find(|k| before.iter().all(|l| l.key != Some(*k)));
    assert_eq!(added.key, free, "the first free key");

    let name_field = format!("Name of label {}", labels.len());
    field(&harness, &name_field).click();
    harness.run();
    harness.key_press(Key::End);
    field(&harness, &name_field).type_text(" (unverified)");
    harness.run();
    press_key(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(
        harness
            .state()
            .project()
            .labels
            .last()
            .map(|l| l.name.as_str()),
        Some("rumour (unverified)")
    );
    // The new label tags at once (the window closed, off the text).
    menu(&mut harness, "Edit", "Labels…");
    select_text(&mut harness, "Belgorod");
    let key = [
        Key::Num1,
        Key::Num2,
        Key::Num3,
        Key::Num4,
        Key::Num5,
        Key::Num6,
        Key::Num7,
        Key::Num8,
        Key::Num9,
    ][usize::from(free.expect("a free key")) - 1];
    press_key(&mut harness, Modifiers::NONE, key);
    let label = harness.state().selected_claim().map(|c| c.label.clone());
    assert_eq!(label.as_ref(), Some(&added.id));
    // Undo all three steps: the labels are as they were.
    for _ in 0..3 {
        press_key(&mut harness, Modifiers::NONE, Key::Escape);
        press_key(&mut harness, Modifiers::COMMAND, Key::Z);
    }
    assert_eq!(harness.state().project().labels, before);
}

#[test]
fn escape_cancels_every_dialog_and_enter_presses_its_default_button() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path.clone()));
    let by_key = |harness: &mut Harness<'static, App>, modifiers, key| {
        press_key(harness, modifiers, key);
    };
    for item in [
        "Paste as new document…",
        "Import documents…",
        "CSV (.csv)…",
        "Save As…",
        "Open…",
    ] {
        match item {
            "Save As…" => by_key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::S),
            "Open…" => by_key(&mut harness, Modifiers::COMMAND, Key::O),
            "CSV (.csv)…" => {
                menu(&mut harness, "File", "Export as");
                harness.get_by_label(item).click();
                harness.run();
            }
            _ => menu(&mut harness, "File", item),
        }
        assert!(harness.query_by_label("Cancel").is_some(), "{item} is open");
        press_key(&mut harness, Modifiers::NONE, Key::Escape);
        assert!(harness.query_by_label("Cancel").is_none(), "{item} closed");
    }
    // Unsaved changes, then New: Escape keeps the project.
    regrade_kyiv_independent_to_e(&mut harness);
    press_key(&mut harness, Modifiers::COMMAND, Key::N);
    harness.get_by_label("Unsaved changes");
    press_key(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.query_by_label("Unsaved changes").is_none());
    assert!(harness.state().workspace().is_dirty());
    // Enter answers Save: the file gets the change, then the project is new.
    press_key(&mut harness, Modifiers::COMMAND, Key::N);
    press_key(&mut harness, Modifiers::NONE, Key::Enter);
    common_gui::wait_idle(&mut harness);
    let saved = claimdesk::io::load_project(&path).expect("saved");
    assert_eq!(
        saved
            .source_named("Kyiv Independent")
            .map(|s| s.reliability),
        Some(Reliability::E)
    );
    assert!(harness.state().project().documents.is_empty());
    // The status bar no longer speaks of the file that was saved and left.
    let status = harness
        .state()
        .status_message()
        .unwrap_or_default()
        .to_owned();
    assert!(!status.contains("belgorod.ron"), "{status}");
}

#[test]
fn find_in_all_documents_lists_hits_by_document_and_opens_one() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    let first = harness.state().project().documents[0].id.clone();
    harness.state_mut().show_document(&first);
    harness.run();
    press_key(&mut harness, Modifiers::COMMAND, Key::F);
    harness.event(Event::Text("kharkiv".to_owned()));
    harness.run();
    harness.get_by_label("All documents").click();
    harness.run();
    let project = harness.state().project();
    let holding: Vec<_> = project
        .documents
        .iter()
        .filter(|d| d.text.to_ascii_lowercase().contains("kharkiv"))
        .map(|d| d.id.clone())
        .collect();
    let total: usize = project
        .documents
        .iter()
        .map(|d| d.text.to_ascii_lowercase().matches("kharkiv").count())
        .sum();
    assert!(!holding.is_empty());
    let summary = format!(
        "{total} hit{} in {} document{}",
        if total == 1 { "" } else { "s" },
        holding.len(),
        if holding.len() == 1 { "" } else { "s" }
    );
    harness.get_by_label(&summary);
    let target = holding
        .iter()
        .find(|id| **id != first)
        .or(holding.first())
        .expect("a document with a hit")
        .clone();
    let title = harness
        .state()
        .project()
        .document(&target)
        .expect("it")
        .title
        .clone();
    assert!(harness.query_by_label_contains(&title).is_some());
    // The hit lines of that document follow its header; click the first.
    let document = harness
        .state()
        .project()
        .document(&target)
        .expect("it")
        .clone();
    let lower = document.text.to_ascii_lowercase();
    let at = lower.find("kharkiv").expect("hit");
    let word = &document.text[at..at + "kharkiv".len()];
    let hit = harness
        .get_all_by_label_contains(word)
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.starts_with('…'))
        })
        .expect("a hit line");
    hit.click();
    harness.run();
    assert_eq!(harness.state().open_document(), Some(&target));
    assert!(!harness.state().find_highlights().is_empty());
}

#[test]
fn ctrl_c_copies_the_selected_text_of_the_document() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    select_text(&mut harness, "Belgorod");
    harness.event(Event::Copy);
    harness.step();
    let copied: Vec<String> = harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|c| match c {
            OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(copied, ["Belgorod"]);
}

#[test]
fn the_first_save_of_a_new_project_asks_its_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("strike.ron");
    let mut harness = harness(Start::Empty);
    press_key(&mut harness, Modifiers::COMMAND, Key::S);
    let name = field(&harness, "Project name");
    name.click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    field(&harness, "Project name").type_text("Belgorod, second week");
    harness.run();
    field(&harness, "File path").click();
    harness.run();
    field(&harness, "File path").type_text(&path.display().to_string());
    press_key(&mut harness, Modifiers::NONE, Key::Enter);
    common_gui::wait_idle(&mut harness);
    let saved = claimdesk::io::load_project(&path).expect("saved");
    assert_eq!(saved.name, "Belgorod, second week");
    assert_eq!(
        harness.state().window_title(),
        "Belgorod, second week — strike.ron"
    );
    // Once it has a file, Save As asks for a path only.
    press_key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    assert!(harness.query_by_label("Project name").is_none());
}

/// The first claim that `wanted` accepts with a quote short enough to be
/// shown whole in its row, searched for in the claims table.
fn find_row(
    harness: &mut Harness<'static, App>,
    wanted: impl Fn(&claimdesk::model::Claim) -> bool,
) -> claimdesk::model::Claim {
    let claim = harness
        .state()
        .project()
        .claims
        .iter()
        .find(|c| c.quote.chars().count() < 60 && wanted(c))
        .expect("the sample has one")
        .clone();
    harness.get_by_label("Search claims").click();
    harness.run();
    field(harness, "Search claims").type_text(&claim.quote);
    harness.run();
    claim
}

#[test]
fn a_right_click_on_a_claims_row_copies_its_quote_and_deletes_it() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    let claim = find_row(&mut harness, |_| true);
    harness.get_by_label(&claim.quote).click_secondary();
    harness.run();
    harness.get_by_label("Copy quote").click();
    harness.step();
    let copied = harness
        .output()
        .platform_output
        .commands
        .iter()
        .any(|c| matches!(c, OutputCommand::CopyText(text) if *text == claim.quote));
    assert!(copied, "the quote went to the clipboard");
    harness.run();
    harness.get_by_label(&claim.quote).click_secondary();
    harness.run();
    harness.get_by_label("Delete claim").click();
    harness.run();
    assert!(harness.state().project().claim(&claim.id).is_none());
}

#[test]
fn typing_a_subject_suggests_the_subjects_already_used() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    let claim = find_row(&mut harness, |c| c.subject.starts_with("Belgorod strike"));
    harness.get_by_label(&claim.quote).click();
    harness.run();
    field(&harness, "Subject").click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    field(&harness, "Subject").type_text("belgorod str");
    harness.run();
    // Without opening the "…" menu, the used subject is offered.
    harness.get_by_label(&claim.subject).click();
    harness.run();
    let subject = harness
        .state()
        .project()
        .claim(&claim.id)
        .map(|c| c.subject.clone());
    assert_eq!(subject.as_deref(), Some(claim.subject.as_str()));
}

#[test]
fn escape_on_an_open_menu_closes_it_and_keeps_the_selection() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    let selected = select_text(&mut harness, "Belgorod");
    harness.get_by_label("File").click();
    harness.run();
    assert!(harness.query_by_label_contains("Export as").is_some());
    press_key(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(harness.query_by_label_contains("Export as").is_none());
    assert_eq!(harness.state().text_selection(), Some(selected));
}
