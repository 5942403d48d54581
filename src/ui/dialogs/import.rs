//! File > Import documents…, and files dropped onto the window: paths one
//! a line (or Browse…), and the source they belong to (by default, a web
//! page's own site); the files are read on another thread.

use super::Outcome;
use super::form::{DocumentForm, form_buttons, source_choice_ui};
use crate::io::documents::{ImportError, SourceChoice};
use crate::model::Project;
use crate::ui::Action;
use egui::{Context, Id, Modal};

/// The import dialog: its form.
#[derive(Clone, Debug)]
pub struct ImportDialog(pub DocumentForm);

impl Default for ImportDialog {
    fn default() -> Self {
        Self(DocumentForm::for_files(&[]))
    }
}

impl ImportDialog {
    /// The dialog with these files named, as when they are dropped.
    pub fn with_files(files: &[std::path::PathBuf]) -> Self {
        Self(DocumentForm::for_files(files))
    }

    pub fn ui(&mut self, ctx: &Context, project: &Project) -> Option<Outcome> {
        let form = &mut self.0;
        let mut outcome = None;
        Modal::new(Id::unique("import_dialog")).show(ctx, |ui| {
            ui.heading("Import documents");
            ui.weak("Text (.txt, .md), saved web pages (.html) and PDFs; or drop files onto the window.");
            let label = ui.label("Files, one path a line");
            ui.add(
                egui::TextEdit::multiline(&mut form.paths)
                    .desired_rows(4)
                    .desired_width(420.0),
            )
            .labelled_by(label.id);
            if ui.button("Browse…").clicked()
                && let Some(files) = rfd::FileDialog::new()
                    .add_filter("documents", &["txt", "md", "html", "htm", "pdf"])
                    .add_filter("all files", &["*"])
                    .pick_files()
            {
                form.add_files(&files);
            }
            source_choice_ui(ui, project, form, true);
            outcome = form_buttons(ui, form, "Import", |form| {
                // The files are read on another thread; what
                // can be told now is told now.
                if form.file_count() == 0 {
                    return Err(ImportError::NoFiles.to_string());
                }
                if let SourceChoice::Named(name) = form.details().source
                    && name.trim().is_empty()
                {
                    return Err(ImportError::NoSource.to_string());
                }
                Ok(Action::ImportFiles(Box::new(form.clone())))
            });
        });
        outcome
    }
}
