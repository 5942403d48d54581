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
            // Left empty, the title is the text's first sentence: shown
            // greyed in the field, so the analyst sees what they will get.
            let proposal = documents::propose_title(&form.text);
            let hint = if proposal.is_empty() {
                "the first sentence of the text".to_owned()
            } else {
                proposal
            };
            let title = ui
                .add(
                    egui::TextEdit::singleline(&mut form.title)
                        .hint_text(hint)
                        .desired_width(420.0),
                )
                .labelled_by(label.id);
            if !std::mem::replace(&mut form.focused, true) {
                title.request_focus();
            }
            let label = ui.label("Text");
            let text = egui::ScrollArea::vertical()
                .max_height(260.0)
                .show(ui, |ui| {
                    ui.add(
                        egui::TextEdit::multiline(&mut form.text)
                            .desired_rows(10)
                            .desired_width(420.0),
                    )
                    .labelled_by(label.id)
                })
                .inner;
            form.typing_lines = text.has_focus();
            egui::Grid::new("paste_details")
                .num_columns(2)
                .show(ui, |ui| {
                    let rows = [
                        ("Published", &mut form.published, "YYYY-MM-DD", 120.0),
                        ("URL", &mut form.url, "https://…", 340.0),
                    ];
                    for (caption, text, hint, width) in rows {
                        let label = ui.label(caption);
                        ui.add(
                            egui::TextEdit::singleline(text)
                                .hint_text(hint)
                                .desired_width(width),
                        )
                        .labelled_by(label.id);
                        ui.end_row();
                    }
                });
            source_choice_ui(ui, project, form, false);
            outcome = form_buttons(ui, form, "Add document", |form| {
                if let Some(problem) = form.date_problem() {
                    return Err(problem);
                }
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
