//! The workbench driven headless through egui_kittest: the real App, real
//! pointer and key events, widgets found by their accessible labels.

mod common;
mod common_gui;

use claimdesk::io;
use claimdesk::model::{Document, Reliability, span};
use claimdesk::ui::{App, Settings, Start};
use common_gui::{SAMPLE, drag, field, harness, press_key, sample_copy, wait_idle};
use egui::{Event, Key, Modifiers, PointerButton, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::PathBuf;

/// The first document with curly quotes, and the code-point span of
/// `needle` after its first “, so that the offsets cross non-ASCII text.
/// Finds the sample's claim quoting `needle` through the claims table's
/// search and clicks its row; returns the claim.
fn click_claim_row(harness: &mut Harness<'static, App>, needle: &str) -> claimdesk::model::Claim {
    harness.get_by_label("Search claims").click();
    harness.run();
    field(harness, "Search claims").type_text(needle);
    harness.run();
    let wanted = harness
        .state()
        .project()
        .claims
        .iter()
        .find(|c| c.quote.contains(needle))
        .expect("the sample tags it")
        .clone();
    harness.get_by_label(&wanted.quote).click();
    harness.run();
    wanted
}

fn non_ascii_target(harness: &Harness<'static, App>, needle: &str) -> (Document, span::Span) {
    let project = harness.state().project();
    let document = project
        .documents
        .iter()
        .find(|d| d.text.contains('“') && d.text.contains(needle))
        .expect("a document with curly quotes")
        .clone();
    let quote = document.text.find('“').unwrap_or(0);
    let byte = quote
        + document.text[quote..]
            .find(needle)
            .expect("needle after the quote");
    let start = span::char_index(&document.text, byte).expect("char boundary");
    (
        document,
        span::Span::new(start, start + needle.chars().count()),
    )
}

#[test]
fn tagging_a_dragged_span_with_key_1_creates_an_exact_numeric_claim_that_undo_and_redo_follow() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path.clone()));
    let (document, target) = non_ascii_target(&harness, "39 dead");
    harness.state_mut().show_document(&document.id);
    harness.run();
    let claims_before = harness.state().project().claims.len();

    let from = harness
        .state()
        .text_screen_pos(target.start)
        .expect("start is on screen");
    let to = harness
        .state()
        .text_screen_pos(target.end)
        .expect("end is on screen");
    drag(&mut harness, from, to);
    assert_eq!(harness.state().text_selection(), Some(target));

    press_key(&mut harness, Modifiers::NONE, Key::Num1);
    let project = harness.state().project();
    assert_eq!(project.claims.len(), claims_before + 1);
    let claim = harness
        .state()
        .selected_claim()
        .expect("the new claim is selected")
        .clone();
    let expected: String = document
        .text
        .chars()
        .skip(target.start)
        .take(target.len())
        .collect();
    assert_eq!((claim.start, claim.end), (target.start, target.end));
    assert_eq!(claim.quote, expected);
    assert_eq!(claim.quote, "39 dead");
    assert_eq!(claim.label.as_str(), "numeric");
    assert_eq!(claim.author, "tester");
    // The figure in the span is proposed as the value.
    assert_eq!(claim.value.map(|v| v.to_string()).as_deref(), Some("39"));

    let value = field(&harness, "Value");
    value.click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    field(&harness, "Value").type_text(">=14");
    harness.run();
    assert!(
        harness
            .query_by_label_contains("interval [14, ∞)")
            .is_some()
    );
    let stored = harness
        .state()
        .selected_claim()
        .and_then(|c| c.value)
        .map(|v| v.to_string());
    assert_eq!(stored.as_deref(), Some(">=14"));

    // Typing the value is one undo step; the claim itself is the next.
    // (Escape first: in the field, Ctrl+Z would undo the field's typing.)
    press_key(&mut harness, Modifiers::NONE, Key::Escape);
    press_key(&mut harness, Modifiers::COMMAND, Key::Z);
    let value = harness
        .state()
        .project()
        .claim(&claim.id)
        .and_then(|c| c.value);
    assert_eq!(value.map(|v| v.to_string()).as_deref(), Some("39"));
    press_key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(harness.state().project().claim(&claim.id).is_none());
    assert_eq!(harness.state().project().claims.len(), claims_before);
    press_key(&mut harness, Modifiers::COMMAND, Key::Y);
    press_key(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    let restored = harness
        .state()
        .project()
        .claim(&claim.id)
        .expect("redo brings the claim back");
    assert_eq!(
        restored.value.map(|v| v.to_string()).as_deref(),
        Some(">=14")
    );

    press_key(&mut harness, Modifiers::COMMAND, Key::S);
    assert!(!harness.state().workspace().is_dirty());
    let reloaded = io::load_project(&path).expect("the saved project loads");
    assert_eq!(&reloaded, harness.state().project());
}

#[test]
fn grading_a_source_and_adding_a_credibility_note_through_the_inspector() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    assert_eq!(
        harness.state().window_title(),
        "Belgorod strike, 30 December 2023 — belgorod.ron"
    );
    harness.get_by_label("[B] Kyiv Independent").click();
    harness.run();
    harness
        .get_by_label_contains("A completely reliable")
        .click();
    harness.run();
    assert_eq!(
        harness.state().window_title(),
        "Belgorod strike, 30 December 2023 — belgorod.ron •"
    );
    field(&harness, "Note text").click();
    harness.run();
    field(&harness, "Note text").type_text("Two articles, both corrected within a day.");
    harness.run();
    harness.get_by_label("Add note").click();
    harness.run();

    let project = harness.state().project();
    let source = project
        .source_named("Kyiv Independent")
        .expect("the source");
    assert_eq!(source.reliability, Reliability::A);
    assert_eq!(source.notes.len(), 2, "a note is added, the old one kept");
    let note = source.notes.last().expect("the new note");
    assert_eq!(note.text, "Two articles, both corrected within a day.");
    assert_eq!(note.author, "tester");
    assert!(harness.state().workspace().is_dirty());
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    harness.get_by_label("[B] Kyiv Independent").click();
    harness.run();
    harness.get_by_label_contains("C fairly reliable").click();
    harness.run();
    assert!(harness.state().workspace().is_dirty());

    harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    harness.run();
    harness.get_by_label("Unsaved changes");
    harness.get_by_label("Discard");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("Unsaved changes").is_none());
    assert!(
        harness.state().workspace().is_dirty(),
        "cancel keeps the work"
    );
}

#[test]
fn opening_a_truncated_file_shows_the_error_and_leaves_the_file_untouched() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("truncated.ron");
    let sample = std::fs::read(SAMPLE).expect("sample");
    let truncated = &sample[..sample.len() / 2];
    std::fs::write(&path, truncated).expect("write");

    let mut harness = harness(Start::File(path.clone()));
    let error = harness.state().load_error().expect("an error").to_owned();
    assert!(
        error.starts_with(&format!("{}:", path.display())),
        "{error}"
    );
    harness.get_by_label("This project could not be opened");
    harness.get_by_label(&error);
    harness.get_by_label("New");
    // Ctrl+S must not write over the file that could not be read.
    press_key(&mut harness, Modifiers::COMMAND, Key::S);
    harness.get_by_label("Save project as");
    assert_eq!(std::fs::read(&path).expect("read back"), truncated);
}

#[test]
fn clicking_a_row_of_the_claims_table_opens_its_document_and_selects_the_claim() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    let wanted = click_claim_row(&mut harness, "39 dead");
    assert_eq!(harness.state().open_document(), Some(&wanted.document));
    assert_eq!(
        harness.state().selected_claim().map(|c| &c.id),
        Some(&wanted.id)
    );
    // J moves on to the next claim of the document; Delete removes it; undo restores it.
    press_key(&mut harness, Modifiers::NONE, Key::J);
    let next = harness
        .state()
        .selected_claim()
        .expect("a next claim")
        .id
        .clone();
    assert_ne!(next, wanted.id);
    press_key(&mut harness, Modifiers::NONE, Key::Delete);
    assert!(harness.state().project().claim(&next).is_none());
    press_key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(harness.state().project().claim(&next).is_some());
}

#[test]
fn an_empty_project_draws_and_ignores_keys_with_nothing_selected() {
    let mut harness = harness(Start::Empty);
    for key in [Key::Num1, Key::J, Key::K, Key::Delete, Key::Escape] {
        press_key(&mut harness, Modifiers::NONE, key);
    }
    press_key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert!(harness.state().project().claims.is_empty());
    assert!(!harness.state().workspace().is_dirty());
}

#[test]
fn a_five_megabyte_document_with_50_000_claims_opens_steps_through_claims_and_undoes_a_delete() {
    use claimdesk::model::{Claim, Document, Label, Project, Source};
    let mut project = Project::new("big");
    let source = Source::new("Wire");
    let paragraph = "Über 40 Menschen — “mindestens 14” — were reported killed near the border, officials said. ";
    let text: String = (0..50_000).map(|n| format!("{n}: {paragraph}\n")).collect();
    assert!(text.len() > 5_000_000);
    let document = Document::new("big".into(), "Big", source.id.clone(), text);
    let label = Label::default_set()[0].id.clone();
    // Anchors built directly: span::anchor scans the text from its start,
    // which would make building 50,000 of them the slow part of the test.
    let claims: Vec<Claim> = span::find_all(&document.text, "mindestens 14")
        .into_iter()
        .map(|span| span::Anchor {
            span,
            quote: "mindestens 14".to_owned(),
            prefix: String::new(),
            suffix: String::new(),
        })
        .map(|anchor| Claim::new(document.id.clone(), anchor, label.clone(), "bench"))
        .collect();
    project.sources.push(source);
    project.documents.push(document);
    project.claims = claims;
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("big.ron");
    io::save_project(&path, &project).expect("save");

    // Timings belong in benches/gui_frames.rs; this checks behaviour.
    let mut harness = harness(Start::File(path));
    for _ in 0..20 {
        press_key(&mut harness, Modifiers::NONE, Key::J);
    }
    press_key(&mut harness, Modifiers::ALT, Key::ArrowUp);
    assert!(harness.state().selected_claim().is_some());
    // An edit re-sorts the claims table and redraws the highlights.
    press_key(&mut harness, Modifiers::NONE, Key::Delete);
    assert_eq!(harness.state().project().claims.len(), 49_999);
    press_key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().project().claims.len(), 50_000);
}

#[test]
fn a_drag_across_paragraphs_then_shift_arrows_and_a_double_click_select_text() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    let (document, first) = non_ascii_target(&harness, "39 dead");
    harness.state_mut().show_document(&document.id);
    harness.run();
    // From inside one paragraph to inside the next one.
    let next_paragraph = document.text[..]
        .char_indices()
        .skip_while(|&(byte, _)| byte < span::byte_offset(&document.text, first.end).unwrap_or(0))
        .find(|&(_, c)| c == '\n')
        .map(|(byte, _)| span::char_index(&document.text, byte).unwrap_or(0) + 5)
        .expect("a later paragraph");
    let from = harness
        .state()
        .text_screen_pos(first.start)
        .expect("on screen");
    let to = harness
        .state()
        .text_screen_pos(next_paragraph)
        .expect("on screen");
    drag(&mut harness, from, to);
    let selection = harness.state().text_selection().expect("a selection");
    // A drag takes whole words: it ends where the word it stopped in ends.
    let word_end = next_paragraph
        + document
            .text
            .chars()
            .skip(next_paragraph)
            .take_while(|c| c.is_alphanumeric())
            .count();
    assert!(word_end > next_paragraph, "the drag stops inside a word");
    assert_eq!(selection, span::Span::new(first.start, word_end));
    let quote = span::slice(&document.text, selection).expect("in the text");
    assert!(quote.contains('\n'), "{quote:?} crosses a paragraph break");

    press_key(&mut harness, Modifiers::SHIFT, Key::ArrowRight);
    press_key(&mut harness, Modifiers::SHIFT, Key::ArrowRight);
    assert_eq!(
        harness.state().text_selection(),
        Some(span::Span::new(first.start, word_end + 2))
    );
    press_key(&mut harness, Modifiers::NONE, Key::Escape);
    assert_eq!(harness.state().text_selection(), None);

    // A double-click on "dead" selects the word.
    let dead = first.start + 3;
    let at = harness
        .state()
        .text_screen_pos(dead + 1)
        .expect("on screen");
    let click = |pressed| Event::PointerButton {
        pos: at,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    harness.event(Event::PointerMoved(at));
    for pressed in [true, false, true, false] {
        harness.event(click(pressed));
        harness.step();
    }
    harness.run();
    assert_eq!(
        harness.state().text_selection(),
        Some(span::Span::new(dead, dead + 4))
    );
}

#[test]
fn importing_two_text_files_into_a_new_source_through_the_dialog() {
    let (dir, path) = sample_copy();
    let files: Vec<PathBuf> = ["a-report.txt", "b-report.txt"]
        .iter()
        .map(|name| {
            let file = dir.path().join(name);
            std::fs::write(
                &file,
                format!("Headline of {name}\n\n“Quoted” text — 12 people.\n"),
            )
            .expect("write");
            file
        })
        .collect();
    let mut harness = harness(Start::File(path));
    let documents_before = harness.state().project().documents.len();
    import_through_dialog(&mut harness, &files, "Local paper");

    let project = harness.state().project();
    assert_eq!(project.documents.len(), documents_before + 2);
    let source = project.source_named("Local paper").expect("the new source");
    let titles: Vec<&str> = project
        .documents_of(&source.id)
        .map(|d| d.title.as_str())
        .collect();
    assert_eq!(
        titles,
        ["Headline of a-report.txt", "Headline of b-report.txt"]
    );
    // One import is one undo step.
    press_key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().project().documents.len(), documents_before);
    assert!(
        harness
            .state()
            .project()
            .source_named("Local paper")
            .is_none()
    );
}

#[test]
fn open_by_typed_path_asks_about_unsaved_changes_then_shows_the_other_project() {
    let (dir, path) = sample_copy();
    let other = dir.path().join("other.ron");
    io::save_project(&other, &claimdesk::model::Project::new("Other project")).expect("save");
    let mut harness = harness(Start::File(path));
    harness.get_by_label("[B] Kyiv Independent").click();
    harness.run();
    harness
        .get_by_label_contains("D not usually reliable")
        .click();
    harness.run();

    press_key(&mut harness, Modifiers::COMMAND, Key::O);
    harness.get_by_label("Open project");
    // The path field has the keyboard as soon as the dialog opens.
    harness.get_by_label("File path");
    harness.event(Event::Text(other.display().to_string()));
    harness.run();
    press_key(&mut harness, Modifiers::NONE, Key::Enter);
    harness.get_by_label("Unsaved changes");
    harness.get_by_label("Discard").click();
    harness.run();

    assert_eq!(harness.state().project().name, "Other project");
    assert_eq!(harness.state().workspace().path(), Some(other.as_path()));
    assert!(!harness.state().workspace().is_dirty());
    harness.get_by_label("0 of 0 claims");
}

#[test]
fn saving_over_a_file_someone_else_changed_asks_first() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path.clone()));
    harness.get_by_label("[B] Kyiv Independent").click();
    harness.run();
    harness.get_by_label_contains("E unreliable").click();
    harness.run();
    let theirs =
        "(format_version: 1, name: \"theirs\", labels: [], sources: [], documents: [], claims: [])";
    std::fs::write(&path, theirs).expect("someone else writes");

    press_key(&mut harness, Modifiers::COMMAND, Key::S);
    harness.get_by_label("The file changed on disk");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), theirs);
    harness.get_by_label("Overwrite").click();
    harness.run();
    let saved = io::load_project(&path).expect("our project");
    assert_eq!(&saved, harness.state().project());
    assert!(!harness.state().workspace().is_dirty());
}

#[test]
fn deleting_a_source_with_documents_asks_first_and_undo_brings_everything_back() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    let before = harness.state().project().clone();
    harness
        .get_by_label("[B] Kyiv Independent")
        .click_secondary();
    harness.run();
    harness.get_by_label("Delete source…").click();
    harness.run();
    harness.get_by_label("Delete source");
    assert_eq!(
        harness.state().project(),
        &before,
        "nothing is deleted before the answer"
    );
    harness.get_by_label("Delete").click();
    harness.run();
    let project = harness.state().project();
    assert!(project.source_named("Kyiv Independent").is_none());
    assert_eq!(project.documents.len(), before.documents.len() - 2);
    assert_eq!(project.claims.len(), before.claims.len() - 16);
    press_key(&mut harness, Modifiers::COMMAND, Key::Z);
    assert_eq!(harness.state().project(), &before);
}

#[test]
fn export_csv_from_the_menu_writes_every_claim() {
    let (dir, path) = sample_copy();
    let csv = dir.path().join("claims.csv");
    let mut harness = harness(Start::File(path));
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains("Export as").click();
    harness.run();
    harness.get_by_label("CSV (.csv)…").click();
    harness.run();
    harness.get_by_label("Export claims as CSV");
    // The field proposes the project's name with .csv; replace it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.event(Event::Text(csv.display().to_string()));
    harness.run();
    harness.get_by_label("OK").click();
    // The CSV is written on another thread.
    wait_idle(&mut harness);
    let text = std::fs::read_to_string(&csv).expect("the CSV is written");
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .is_some_and(|header| header.starts_with("claim_id,document_id"))
    );
    assert_eq!(lines.count(), harness.state().project().claims.len());
}

/// File > Import documents…: the paths typed one a line, the source for
/// files that are not web pages named, Import, and the files read on
/// another thread.
fn import_through_dialog(harness: &mut Harness<'static, App>, files: &[PathBuf], source: &str) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Import documents…").click();
    harness.run();
    field(harness, "Files, one path a line").click();
    harness.run();
    let paths: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    field(harness, "Files, one path a line").type_text(&paths.join("\n"));
    harness.run();
    field(harness, "others to").click();
    harness.run();
    field(harness, "others to").type_text(source);
    harness.run();
    harness.get_by_label("Import").click();
    wait_idle(harness);
}

#[test]
fn a_file_with_a_byte_order_mark_is_imported_with_the_offsets_python_gives() {
    let (dir, path) = sample_copy();
    let file = dir.path().join("marked.txt");
    std::fs::write(&file, "\u{feff}Élan: 24 killed.\n").unwrap();
    let mut harness = harness(Start::File(path));
    import_through_dialog(&mut harness, std::slice::from_ref(&file), "Local paper");
    let project = harness.state().project();
    let document = project.documents.last().expect("the imported document");
    assert_eq!(document.id.as_str(), "marked");
    assert_eq!(document.text, "Élan: 24 killed.\n");
    // Python: open(f, encoding="utf-8-sig").read().index("24") == 6
    assert_eq!(
        claimdesk::model::span::find_all(&document.text, "24"),
        [claimdesk::model::Span::new(6, 8)]
    );
}

#[test]
fn importing_a_file_whose_id_is_taken_says_what_the_command_line_says() {
    let (dir, path) = sample_copy();
    let taken = common::corpus_file("000_23c3bec692f3bafe");
    let copy = dir.path().join("000_23c3bec692f3bafe.txt");
    std::fs::copy(&taken, &copy).unwrap();
    let mut harness = harness(Start::File(path.clone()));
    let before = harness.state().project().documents.len();
    import_through_dialog(&mut harness, std::slice::from_ref(&copy), "Local paper");
    assert_eq!(harness.state().project().documents.len(), before);
    // The same import of a closed copy of the project, by the command line.
    let closed = dir.path().join("closed.ron");
    std::fs::copy(&path, &closed).unwrap();
    let cli = common::claimdesk([
        "add-docs".as_ref(),
        closed.as_os_str(),
        copy.as_os_str(),
        "--source".as_ref(),
        "Local paper".as_ref(),
    ]);
    let printed = String::from_utf8_lossy(&cli.stderr);
    let line = printed.trim().strip_prefix("claimdesk: ").unwrap();
    assert!(line.contains("already in the project"), "{line}");
    harness.get_by_label(line);
}

#[test]
fn pasting_text_as_a_new_document_into_an_existing_source() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    let documents_before = harness.state().project().documents.len();
    harness.get_by_label("File").click();
    harness.run();
    harness
        .get_by_label_contains("Paste as new document…")
        .click();
    harness.run();
    field(&harness, "Title").click();
    harness.run();
    field(&harness, "Title").type_text("Wire copy");
    harness.run();
    field(&harness, "Text").click();
    harness.run();
    harness.event(Event::Paste(
        "Белгород: “не менее 14” погибших.\nSecond paragraph.".to_owned(),
    ));
    harness.run();
    harness.get_by_label("Add document").click();
    harness.run();
    // No source was picked and none named: the form says so and keeps the text.
    harness.get_by_label("name the source of the documents, or pick an existing one");
    field(&harness, "named").click();
    harness.run();
    field(&harness, "named").type_text("Kyiv Independent");
    harness.run();
    harness.get_by_label("Add document").click();
    harness.run();

    let project = harness.state().project();
    assert_eq!(project.documents.len(), documents_before + 1);
    let document = project.documents.last().expect("the pasted document");
    assert_eq!(document.title, "Wire copy");
    assert_eq!(
        document.text,
        "Белгород: “не менее 14” погибших.\nSecond paragraph."
    );
    let source = project.source(&document.source).expect("its source");
    assert_eq!(
        source.name, "Kyiv Independent",
        "an existing source of that name is reused"
    );
}

#[test]
fn settings_are_saved_through_eframe_storage_not_in_the_project() {
    #[derive(Default)]
    struct Memory(std::collections::HashMap<String, String>);
    impl eframe::Storage for Memory {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_owned(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path.clone()));
    let mut storage = Memory::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    let saved: Settings = eframe::get_value(&storage, eframe::APP_KEY).expect("settings saved");
    assert_eq!(saved.annotator, "tester");
    let canonical = path.canonicalize().expect("path");
    assert_eq!(saved.last_project.as_deref(), Some(canonical.as_path()));
    assert_eq!(saved.recent.first(), Some(&canonical));
    press_key(&mut harness, Modifiers::COMMAND, Key::S);
    let file = std::fs::read_to_string(&path).expect("project");
    assert!(!file.contains("annotator") && !file.contains("show_sources"));
}

#[test]
fn ctrl_f_finds_every_hit_in_the_document_and_enter_moves_to_the_next() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    let document = harness.state().project().documents[2].clone();
    harness.state_mut().show_document(&document.id);
    harness.run();
    let expected = document
        .text
        .to_ascii_lowercase()
        .matches("belgorod")
        .count();
    assert!(expected > 2);

    press_key(&mut harness, Modifiers::COMMAND, Key::F);
    harness.event(Event::Text("BELGOROD".to_owned()));
    harness.run();
    harness.get_by_label(&format!("1 of {expected}"));
    press_key(&mut harness, Modifiers::NONE, Key::Enter);
    harness.get_by_label(&format!("2 of {expected}"));
    // Escape first leaves the field, then closes the bar.
    press_key(&mut harness, Modifiers::NONE, Key::Escape);
    press_key(&mut harness, Modifiers::NONE, Key::Escape);
    assert!(
        harness
            .query_by_label(&format!("2 of {expected}"))
            .is_none()
    );
}

#[test]
fn empty_documents_and_claims_past_the_end_of_their_text_draw_without_panicking() {
    use claimdesk::model::{Claim, Label, Project, Source};
    let mut project = Project::new("odd");
    let source = Source::new("S");
    let empty = Document::new("empty".into(), "Empty", source.id.clone(), String::new());
    let short = Document::new(
        "short".into(),
        "Short",
        source.id.clone(),
        "\r\nab\n\n".into(),
    );
    let broken = span::Anchor {
        span: span::Span::new(3, 40),
        quote: "gone".to_owned(),
        prefix: String::new(),
        suffix: String::new(),
    };
    let claim = Claim::new(
        short.id.clone(),
        broken,
        Label::default_set()[0].id.clone(),
        "t",
    );
    project.sources.push(source);
    project.documents.extend([empty.clone(), short.clone()]);
    project.claims.push(claim);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("odd.ron");
    io::save_project(&path, &project).expect("save");

    let mut harness = harness(Start::File(path));
    for document in [&empty, &short] {
        harness.state_mut().show_document(&document.id);
        harness.run();
        if let Some(pos) = harness.state().text_screen_pos(0) {
            drag(&mut harness, pos, pos + egui::vec2(300.0, 80.0));
        }
        for key in [Key::Num1, Key::J, Key::K, Key::Delete, Key::Escape] {
            press_key(&mut harness, Modifiers::NONE, key);
        }
        press_key(&mut harness, Modifiers::SHIFT, Key::ArrowRight);
    }
    assert!(harness.state().project().claims.len() <= 2);
}

#[test]
fn the_subject_menu_offers_the_subjects_already_used_and_a_pick_sets_it() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    let wanted = click_claim_row(&mut harness, "39 dead");
    // Clear the subject, then take one back from the menu of those in use.
    let subject = field(&harness, "Subject");
    subject.click();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.key_press(Key::Backspace);
    harness.run();
    let claim = |harness: &Harness<'static, App>| {
        harness
            .state()
            .project()
            .claim(&wanted.id)
            .expect("the claim")
            .clone()
    };
    assert_eq!(claim(&harness).subject, "");
    harness
        .get_all_by_label("…")
        .find(|n| {
            n.accesskit_node()
                .description()
                .is_some_and(|d| d.starts_with("Subject"))
        })
        .expect("the subject menu")
        .click();
    harness.run();
    harness.get_by_label(&wanted.subject).click();
    harness.run();
    assert_eq!(claim(&harness).subject, wanted.subject);
}
