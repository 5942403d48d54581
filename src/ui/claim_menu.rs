//! The context menu of a claim, wherever it is right-clicked (its
//! highlight in the document, its row in the claims table): what its
//! inspector offers most often, a click away.

use super::Action;
use crate::edit::{ClaimField, Edit};
use crate::model::{Claim, Project};
use egui::Ui;

pub fn claim_menu_ui(ui: &mut Ui, project: &Project, claim: &Claim, actions: &mut Vec<Action>) {
    ui.menu_button("Label", |ui| {
        for label in &project.labels {
            let current = claim.label == label.id;
            if ui.radio(current, &label.name).clicked() && !current {
                actions.push(Action::Apply {
                    edit: Box::new(Edit::SetClaim {
                        id: claim.id.clone(),
                        field: ClaimField::Label(label.id.clone()),
                        modified: None,
                    }),
                    merge: None,
                });
                ui.close();
            }
        }
    });
    if ui.button("Copy quote").clicked() {
        ui.ctx().copy_text(claim.quote.clone());
        actions.push(Action::Notify("Copied the quote".to_owned()));
        ui.close();
    }
    if ui.button("Show in findings").clicked() {
        actions.push(Action::ShowInFindings(claim.id.clone()));
        ui.close();
    }
    if ui.button("Show in inspector").clicked() {
        actions.push(Action::ShowClaim(claim.id.clone()));
        ui.close();
    }
    ui.separator();
    if ui.button("Delete claim").clicked() {
        actions.push(Action::Apply {
            edit: Box::new(Edit::RemoveClaim(claim.id.clone())),
            merge: None,
        });
        ui.close();
    }
}
