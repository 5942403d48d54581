//! Documents from web pages and PDFs in the workbench, driven headless
//! through egui_kittest: files dropped onto the window fill the import
//! dialog, Import adds them as one undoable step with the page's site as
//! its source, and a dropped project file is opened.

mod common_gui;

use claimdesk::ui::{App, Start};
use common_gui::{harness, sample_copy, wait_idle};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}

/// A file as the window system hands a drop to egui.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn hover(harness: &mut Harness<'static, App>, files: &[PathBuf]) {
    harness.input_mut().hovered_files = files
        .iter()
        .map(|f| egui::HoveredFile {
            path: Some(f.clone()),
            mime: String::new(),
        })
        .collect();
    // egui draws every frame while files hover.
    harness.run_steps(3);
}

fn drop_files(harness: &mut Harness<'static, App>, files: &[PathBuf]) {
    harness.input_mut().hovered_files.clear();
    harness.input_mut().dropped_files = files
        .iter()
        .map(|f| Arc::new(Dropped(f.clone())) as egui::DroppedFileHandle)
        .collect();
    harness.run();
}

#[test]
fn dropped_pages_and_pdfs_fill_the_import_dialog_and_come_in_with_their_sites() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    let before = harness.state().project().clone();
    let files = [data("pages/example-news.html"), data("pdf/two-pages.pdf")];
    hover(&mut harness, &files);
    harness.get_by_label("Drop to add 2 files as documents");
    drop_files(&mut harness, &files);
    harness.get_by_label("Import documents");
    assert!(
        harness
            .query_by_label("Drop to add 2 files as documents")
            .is_none()
    );
    harness.get_by_label("Import").click();
    wait_idle(&mut harness);

    let project = harness.state().project();
    assert_eq!(project.documents.len(), before.documents.len() + 2);
    let page = project.document(&"example-news".into()).expect("the page");
    assert_eq!(project.source(&page.source).unwrap().name, "Example News");
    assert_eq!(page.byline.as_deref(), Some("Jane Doe"));
    let pdf = project.document(&"two-pages".into()).expect("the PDF");
    assert_eq!(project.source(&pdf.source).unwrap().name, "Unknown source");
    assert!(pdf.text.contains("has risen to 24 people"), "{}", pdf.text);
    harness.get_by_label("Imported 2 documents");

    // One step back takes both away, and their new sources.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(harness.state().project().documents, before.documents);
    assert_eq!(harness.state().project().sources, before.sources);
}

#[test]
fn a_locked_pdf_dropped_keeps_the_dialog_open_with_one_line_naming_it() {
    let (_dir, path) = sample_copy();
    let mut harness = harness(Start::File(path));
    let before = harness.state().project().documents.len();
    let locked = data("pdf/locked.pdf");
    drop_files(&mut harness, std::slice::from_ref(&locked));
    harness.get_by_label("Import").click();
    wait_idle(&mut harness);
    assert_eq!(harness.state().project().documents.len(), before);
    let error = format!(
        "{}: an encrypted PDF that opens only with a password: save an unlocked copy first",
        locked.display()
    );
    harness.get_by_label(&error);
}

#[test]
fn a_dropped_project_is_opened_and_files_dropped_on_the_dialog_join_it() {
    let (dir, path) = sample_copy();
    let mut harness = harness(Start::Empty);
    drop_files(&mut harness, std::slice::from_ref(&path));
    wait_idle(&mut harness);
    assert_eq!(harness.state().project().documents.len(), 5);
    let _ = dir;

    drop_files(&mut harness, &[data("pages/example-news.html")]);
    drop_files(&mut harness, &[data("pdf/two-pages.pdf"), path.clone()]);
    harness.get_by_label(
        "1 project file left out: projects are not documents (drop one alone to open it)",
    );
    harness.get_by_label("Import").click();
    wait_idle(&mut harness);
    assert_eq!(harness.state().project().documents.len(), 7);
}
