//! The eframe workbench: one module per panel and per dialog.
//!
//! Panels draw from a `&Project` and push [`Action`](crate::ui::Action)s;
//! the [`App`](crate::ui::App) applies them after every panel is drawn,
//! through [`Workspace::apply`](crate::ui::Workspace::apply) for anything
//! that changes the project. That keeps the borrow checker out of the
//! panels and gives every change one door.

mod app;
mod claim_menu;
mod claims_table;
pub mod commands;
mod compare;
mod conflicts_panel;
mod dialogs;
mod document_view;
pub mod figures_view;
mod findings_panel;
pub mod formats;
mod getting_started;
mod inspector;
mod labels_window;
pub mod safety;
mod sources_panel;
mod status_bar;

pub use crate::workspace::{Change, ChangeHint, MAX_UNDOS, MergeKey, Workspace};
pub use app::{App, BottomTab, Settings, Start};
pub use commands::UICommand;
pub use compare::{CompareWindow, Difference};
pub use findings_panel::AUTO_CHECK_LIMIT;
pub use formats::{AnnotationFormat, ExportFormat};

use crate::edit::Edit;
use crate::model::{ClaimId, DocumentId, SourceId};
use std::path::PathBuf;

/// What a panel asked for while it was drawn; applied after all panels.
#[must_use]
#[derive(Clone, Debug)]
pub enum Action {
    /// Run a command of the table (menu, key or button).
    Command(UICommand),
    /// Change the project.
    Apply {
        // Boxed: an edit holds whole claims and documents, far larger than
        // the other actions.
        edit: Box<Edit>,
        merge: Option<MergeKey>,
    },
    /// Show a document in the centre.
    OpenDocument(DocumentId),
    /// Open the claim's document, scroll to the claim and select it.
    ShowClaim(ClaimId),
    /// Select a claim that is already on screen.
    SelectClaim(ClaimId),
    /// Show a source in the inspector.
    SelectSource(SourceId),
    /// Delete a source (asking first when it has documents).
    DeleteSource(SourceId),
    /// Delete a document with its claims.
    DeleteDocument(DocumentId),
    /// Open this project file (asking first when there are unsaved changes).
    OpenPath(PathBuf),
    /// Start a new, empty project (asking first when there are unsaved changes).
    NewProject,
    /// Save the project to this file.
    SaveTo(PathBuf),
    /// Write the claims in this format to this file, on another thread.
    Export(ExportFormat, PathBuf),
    /// Write the brief of these topics to this file, on another thread.
    ExportBrief(PathBuf, crate::report::BriefOptions),
    /// Read this file's annotations (in this format, else guessed) as new
    /// claims, on another thread.
    ImportAnnotations(PathBuf, Option<AnnotationFormat>),
    /// Check the project on another thread (a large one: small ones are
    /// checked after every edit).
    CheckInBackground,
    /// Read these text files as new documents, on another thread.
    ImportFiles(Box<dialogs::DocumentForm>),
    /// Show a one-line message in the status bar.
    Notify(String),
    /// Show the findings that involve this claim.
    ShowInFindings(ClaimId),
    /// Open a document and scroll to this offset (a hit of a search in
    /// every document).
    OpenDocumentAt(DocumentId, usize),
    /// Compare the project with another analyst's copy, read from this file.
    CompareWith(PathBuf),
}

/// What the inspector shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    /// Nothing is selected.
    #[default]
    Nothing,
    /// A claim, shown with every field.
    Claim(ClaimId),
    /// A source, with its grade and credibility notes.
    Source(SourceId),
    /// A document's title, URL, date and source.
    Document(DocumentId),
}

/// A list row of several lines at a fixed height, on a faint ground when
/// `striped` (every other row), so that a row's lines read as one item.
pub(crate) fn striped_row(
    ui: &mut egui::Ui,
    height: f32,
    striped: bool,
    add_contents: impl FnOnce(&mut egui::Ui),
) {
    let width = ui.available_width();
    if striped {
        let rect = egui::Rect::from_min_size(ui.cursor().min, egui::vec2(width, height));
        ui.painter()
            .rect_filled(rect, 2.0, ui.visuals().faint_bg_color);
    }
    let layout = egui::Layout::top_down(egui::Align::Min);
    ui.allocate_ui_with_layout(egui::vec2(width, height), layout, |ui| {
        ui.set_min_height(height);
        add_contents(ui);
    });
}
