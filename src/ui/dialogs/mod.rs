//! Dialogs, one file each: a file path, the unsaved-changes prompt, text
//! import, paste-as-document, deleting a source and the project's
//! publisher. Each draws itself with
//! `ui(&mut self, …) -> Option<Outcome>`; one value, [`Dialog`], is the
//! dialog on screen, and the App does what its outcome says.

mod delete_source;
mod form;
mod import;
mod paste;
mod path;
mod publisher;
mod unsaved;

pub use delete_source::DeleteSourceDialog;
pub use form::{DocumentForm, import_files};
pub use import::ImportDialog;
pub use paste::PasteDialog;
pub use path::{PathDialog, PathPurpose};
pub use publisher::PublisherDialog;
pub use unsaved::{Pending, UnsavedChoice, UnsavedDialog};

use super::Action;
use crate::model::Project;
use egui::Context;

/// How a dialog was answered.
#[derive(Debug)]
pub enum Outcome {
    /// Cancel (or the form's Cancel): close it, nothing done.
    Cancel,
    /// Done: close it and do this.
    Act(Action),
    /// Done: close it and do these, in order.
    ActAll(Vec<Action>),
    /// The unsaved-changes prompt's answer, for what waits on it.
    Unsaved(UnsavedChoice),
}

/// The dialog on screen, if any; one at a time, modal.
#[derive(Default)]
pub enum Dialog {
    #[default]
    None,
    Path(PathDialog),
    Unsaved(UnsavedDialog),
    Import(ImportDialog),
    Paste(PasteDialog),
    DeleteSource(DeleteSourceDialog),
    Publisher(PublisherDialog),
}

impl Dialog {
    /// Opens a path dialog, starting from `current`.
    pub fn path(purpose: PathPurpose, current: Option<&std::path::Path>) -> Self {
        Self::Path(PathDialog::new(purpose, current))
    }

    /// Draws the dialog on screen; its outcome once it was answered.
    /// Escape answers any dialog as Cancel (once an open drop-down list
    /// inside it has taken its own Escape).
    pub fn ui(&mut self, ctx: &Context, project: &Project) -> Option<Outcome> {
        if !matches!(self, Self::None)
            && !egui::Popup::is_any_open(ctx)
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            return Some(match self {
                Self::Unsaved(_) => Outcome::Unsaved(UnsavedChoice::Cancel),
                _ => Outcome::Cancel,
            });
        }
        match self {
            Self::None => None,
            Self::Path(dialog) => dialog.ui(ctx),
            Self::Unsaved(dialog) => dialog.ui(ctx),
            Self::Import(dialog) => dialog.ui(ctx, project),
            Self::Paste(dialog) => dialog.ui(ctx, project),
            Self::DeleteSource(dialog) => dialog.ui(ctx, project),
            Self::Publisher(dialog) => dialog.ui(ctx, project),
        }
    }
}

/// The dialog's default button, drawn as the one Enter presses: true when
/// it was clicked, or Enter was pressed while no multi-line field (where
/// Enter starts a new line) had the keyboard.
pub(super) fn default_button(
    ui: &mut egui::Ui,
    text: &str,
    enabled: bool,
    typing_lines: bool,
) -> bool {
    let button =
        egui::Button::new(egui::RichText::new(text).strong()).fill(ui.visuals().selection.bg_fill);
    let clicked = ui.add_enabled(enabled, button).clicked();
    let enter =
        !typing_lines && ui.input(|i| i.key_pressed(egui::Key::Enter) && i.modifiers.is_none());
    enabled && (clicked || enter)
}
