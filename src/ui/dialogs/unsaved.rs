//! "Save the changes first?" before New, Open or closing the window.

use super::Outcome;
use egui::{Context, Id, Modal};
use std::path::PathBuf;

/// What waits for the answer to "save your changes?": the one way the
/// App goes on from New, Open or Close, whether it asks first or not.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    New,
    Open(PathBuf),
    Close,
}

/// The answer to the unsaved-changes prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedChoice {
    Save,
    Discard,
    Cancel,
}

/// The unsaved-changes prompt, holding what waits for its answer.
#[derive(Clone, Debug, PartialEq)]
pub struct UnsavedDialog(pub Pending);

impl UnsavedDialog {
    pub fn ui(&mut self, ctx: &Context) -> Option<Outcome> {
        let pending = &self.0;
        let mut outcome = None;
        Modal::new(Id::unique("unsaved_dialog")).show(ctx, |ui| {
            ui.heading("Unsaved changes");
            let what = match pending {
                Pending::New => "starting a new project",
                Pending::Open(_) => "opening another project",
                Pending::Close => "closing",
            };
            ui.label(format!("Save the changes to this project before {what}?"));
            ui.horizontal(|ui| {
                if super::default_button(ui, "Save", true, false) {
                    outcome = Some(Outcome::Unsaved(UnsavedChoice::Save));
                }
                if ui.button("Discard").clicked() {
                    outcome = Some(Outcome::Unsaved(UnsavedChoice::Discard));
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(Outcome::Unsaved(UnsavedChoice::Cancel));
                }
            });
        });
        outcome
    }
}
