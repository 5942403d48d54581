//! Deleting a source that still has documents: asked first, since its
//! documents and their claims go with it (as one undoable step).

use super::Outcome;
use crate::edit::Edit;
use crate::model::{Project, SourceId};
use crate::ui::Action;
use egui::{Context, Id, Modal};

/// The question, for this source.
#[derive(Clone, Debug, PartialEq)]
pub struct DeleteSourceDialog(pub SourceId);

impl DeleteSourceDialog {
    pub fn ui(&mut self, ctx: &Context, project: &Project) -> Option<Outcome> {
        let id = &self.0;
        let mut outcome = None;
        let id = id.clone();
        let documents = project.documents_of(&id).count();
        let documents = crate::model::counted(documents, "document", "documents");
        let name = project
            .source(&id)
            .map_or("?", |s| s.name.as_str())
            .to_owned();
        Modal::new(Id::unique("delete_source_dialog")).show(ctx, |ui| {
                    ui.heading("Delete source");
                    ui.label(format!(
                        "“{name}” has {documents}. Delete it with its documents and their claims? (Undo brings them back.)"
                    ));
                    ui.horizontal(|ui| {
                        if super::default_button(ui, "Delete", true, false) {
                            let edit = Edit::remove_source_with_documents(project, &id);
                            outcome = Some(Outcome::Act(Action::Apply {
                                edit: Box::new(edit),
                                merge: None,
                            }));
                        }
                        if ui.button("Cancel").clicked() {
                            outcome = Some(Outcome::Cancel);
                        }
                    });
                });
        outcome
    }
}
