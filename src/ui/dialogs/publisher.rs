//! Edit > Publisher…: the organisation that publishes the project's
//! fact-checks, which ClaimReview names as the reviewer of every claim.
//! The same dialog is asked first when ClaimReview is exported from a
//! project that names none, and the export goes on once it is set.

use super::Outcome;
use crate::edit::Edit;
use crate::model::{Project, Publisher};
use crate::ui::formats::ExportFormat;
use crate::ui::{Action, UICommand};
use egui::{Context, Id, Modal};

/// The publisher dialog: the fields as typed.
#[derive(Clone, Debug)]
pub struct PublisherDialog {
    name: String,
    url: String,
    /// Opened by a ClaimReview export that needs a publisher: the
    /// export's path is asked once it is set, and a name is required.
    for_export: bool,
    /// True until the first frame has put the cursor in the name field.
    fresh: bool,
    error: Option<String>,
}

impl PublisherDialog {
    /// The dialog starting from the project's publisher, if it has one.
    pub fn new(current: Option<&Publisher>) -> Self {
        Self {
            name: current.map(|p| p.name.clone()).unwrap_or_default(),
            url: current.and_then(|p| p.url.clone()).unwrap_or_default(),
            for_export: false,
            fresh: true,
            error: None,
        }
    }

    /// Asked by a ClaimReview export: says why, and goes on to it.
    pub fn for_claim_review(mut self) -> Self {
        self.for_export = true;
        self
    }

    pub fn ui(&mut self, ctx: &Context, project: &Project) -> Option<Outcome> {
        let mut outcome = None;
        Modal::new(Id::unique("publisher_dialog")).show(ctx, |ui| {
            ui.set_width(440.0);
            ui.heading("Publisher");
            if self.for_export {
                ui.label("ClaimReview names the publishing organisation as the reviewer of every claim, and this project names none yet. Set it here (it is saved with the project, and Edit > Publisher… changes it); then choose where to export.");
            } else {
                ui.label("The organisation that publishes this project's fact-checks: ClaimReview names it as the reviewer. An empty name clears it.");
            }
            self.fields_ui(ui);
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.horizontal(|ui| {
                let ok = if self.for_export {
                    "Set and export"
                } else {
                    "OK"
                };
                if super::default_button(ui, ok, true, false) {
                    match self.answer(project) {
                        Ok(answer) => outcome = Some(answer),
                        Err(error) => self.error = Some(error),
                    }
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(Outcome::Cancel);
                }
            });
        });
        outcome
    }

    fn fields_ui(&mut self, ui: &mut egui::Ui) {
        egui::Grid::new("publisher_fields")
            .num_columns(2)
            .show(ui, |ui| {
                let label = ui.label("Name");
                let name = ui
                    .add(
                        egui::TextEdit::singleline(&mut self.name)
                            .hint_text("the organisation's name")
                            .desired_width(320.0),
                    )
                    .labelled_by(label.id);
                if std::mem::take(&mut self.fresh) {
                    name.request_focus();
                }
                ui.end_row();
                let label = ui.label("Web address");
                ui.add(
                    egui::TextEdit::singleline(&mut self.url)
                        .hint_text("https://… (optional)")
                        .desired_width(320.0),
                )
                .labelled_by(label.id);
                ui.end_row();
            });
    }

    /// The publisher the fields say: `None` for an empty name.
    fn publisher(&self) -> Option<Publisher> {
        let name = self.name.trim();
        let url = self.url.trim();
        (!name.is_empty()).then(|| Publisher {
            name: name.to_owned(),
            url: (!url.is_empty()).then(|| url.to_owned()),
        })
    }

    /// What OK does: set the publisher (when it changed), then go on to
    /// the export that asked for it.
    fn answer(&self, project: &Project) -> Result<Outcome, String> {
        let publisher = self.publisher();
        if self.for_export && publisher.is_none() {
            return Err("A name is needed: ClaimReview gives it as the reviewer.".to_owned());
        }
        let mut actions = Vec::new();
        if publisher != project.publisher {
            actions.push(Action::Apply {
                edit: Box::new(Edit::SetPublisher(publisher)),
                merge: None,
            });
        }
        if self.for_export {
            actions.push(Action::Command(UICommand::Export(
                ExportFormat::ClaimReview,
            )));
        }
        Ok(Outcome::ActAll(actions))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edits(outcome: &Outcome) -> Vec<&Edit> {
        let Outcome::ActAll(actions) = outcome else {
            return Vec::new();
        };
        actions
            .iter()
            .filter_map(|a| match a {
                Action::Apply { edit, .. } => Some(edit.as_ref()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn an_empty_name_clears_the_publisher_and_an_empty_url_is_none() {
        let mut project = Project::new("p");
        project.publisher = Some(Publisher {
            name: "Desk".into(),
            url: None,
        });
        let mut dialog = PublisherDialog::new(project.publisher.as_ref());
        dialog.name = "  ".into();
        let outcome = dialog.answer(&project).expect("clearing is an answer");
        assert!(matches!(edits(&outcome)[..], [Edit::SetPublisher(None)]));
        dialog.name = " Desk of Facts ".into();
        dialog.url = "  ".into();
        let outcome = dialog.answer(&project).expect("a name is an answer");
        let [Edit::SetPublisher(Some(publisher))] = edits(&outcome)[..] else {
            panic!("one SetPublisher");
        };
        assert_eq!(publisher.name, "Desk of Facts");
        assert_eq!(publisher.url, None);
    }

    #[test]
    fn an_unchanged_publisher_makes_no_undo_step() {
        let project = Project::new("p");
        let dialog = PublisherDialog::new(None);
        let outcome = dialog.answer(&project).expect("nothing to do is an answer");
        assert!(edits(&outcome).is_empty());
    }

    #[test]
    fn the_export_that_asked_needs_a_name_and_then_goes_on() {
        let project = Project::new("p");
        let mut dialog = PublisherDialog::new(None).for_claim_review();
        assert!(dialog.answer(&project).is_err());
        dialog.name = "Desk".into();
        let Ok(Outcome::ActAll(actions)) = dialog.answer(&project) else {
            panic!("set, then export");
        };
        assert!(matches!(
            actions.last(),
            Some(Action::Command(UICommand::Export(
                ExportFormat::ClaimReview
            )))
        ));
    }
}
