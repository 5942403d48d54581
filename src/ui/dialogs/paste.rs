//! File > Paste as new document…: a title, the text, and its source.

use super::Outcome;
use super::form::{DocumentForm, form_buttons, source_choice_ui};
use crate::io::documents;
use crate::model::Project;
use crate::ui::Action;
use egui::{Context, Id, Modal};

/// The paste dialog: its form.
#[derive(Clone, Debug, Default)]
pub struct PasteDialog(pub DocumentForm);

impl PasteDialog {
    pub fn ui(&mut self, ctx: &Context, project: &Project) -> Option<Outcome> {
        let form = &mut self.0;
        let mut outcome = None;
        Modal::new(Id::unique("paste_dialog")).show(ctx, |ui| {
            ui.heading("Paste as new document");
            let label = ui.label("Title");
            ui.add(egui::TextEdit::singleline(&mut form.title).desired_width(420.0))
                .labelled_by(label.id);
            let label = ui.label("Text");
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .show(ui, |ui| {
                    ui.add(
                        egui::TextEdit::multiline(&mut form.text)
                            .desired_rows(10)
                            .desired_width(420.0),
                    )
                    .labelled_by(label.id);
                });
            source_choice_ui(ui, project, form);
            outcome = form_buttons(ui, form, "Add document", |form| {
                documents::paste_document(project, &form.text, &form.details())
                    .map(|edit| Action::Apply {
                        edit: Box::new(edit),
                        merge: None,
                    })
                    .map_err(|e| e.to_string())
            });
        });
        outcome
    }
}
