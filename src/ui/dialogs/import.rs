//! File > Import text files…: paths one a line (or Browse…), and the
//! source they belong to; the files are read on another thread.

use super::Outcome;
use super::form::{DocumentForm, form_buttons, source_choice_ui};
use crate::io::documents::{ImportError, SourceChoice};
use crate::model::Project;
use crate::ui::Action;
use egui::{Context, Id, Modal};

/// The import dialog: its form.
#[derive(Clone, Debug, Default)]
pub struct ImportDialog(pub DocumentForm);

impl ImportDialog {
    pub fn ui(&mut self, ctx: &Context, project: &Project) -> Option<Outcome> {
        let form = &mut self.0;
        let mut outcome = None;
        Modal::new(Id::unique("import_dialog")).show(ctx, |ui| {
            ui.heading("Import text files");
            let label = ui.label("Files, one path a line");
            ui.add(
                egui::TextEdit::multiline(&mut form.paths)
                    .desired_rows(4)
                    .desired_width(420.0),
            )
            .labelled_by(label.id);
            if ui.button("Browse…").clicked()
                && let Some(files) = rfd::FileDialog::new()
                    .add_filter("text", &["txt"])
                    .pick_files()
            {
                for file in files {
                    form.paths.push_str(&format!("{}\n", file.display()));
                }
            }
            source_choice_ui(ui, project, form);
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
