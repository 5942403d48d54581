//! Files dropped onto the window: documents go into the import dialog (as
//! if typed there, so the analyst sees them and their source before they
//! are added); a single project file is opened instead.

use super::App;
use crate::ui::Action;
use crate::ui::dialogs::{Dialog, ImportDialog};
use egui::{Align2, Color32, Context, Id, LayerId, Order, RichText};
use std::path::PathBuf;

impl App {
    /// Shows where dropped files will go while they hover, and takes them
    /// when they land.
    pub(super) fn dropped_files_ui(&mut self, ctx: &Context, actions: &mut Vec<Action>) {
        let (hovering, dropped) = ctx.input(|i| {
            (
                i.raw.hovered_files.len(),
                i.raw
                    .dropped_files
                    .iter()
                    .map(|f| f.path().to_owned())
                    .collect::<Vec<PathBuf>>(),
            )
        });
        if hovering > 0 {
            paint_drop_hint(ctx, hovering);
        }
        if !dropped.is_empty() {
            self.take_dropped(dropped, actions);
        }
    }

    fn take_dropped(&mut self, dropped: Vec<PathBuf>, actions: &mut Vec<Action>) {
        let (projects, documents): (Vec<PathBuf>, Vec<PathBuf>) = dropped
            .into_iter()
            .partition(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")));
        if documents.is_empty() {
            match projects.as_slice() {
                [project] if self.dialog_free() => actions.push(Action::OpenPath(project.clone())),
                [_] => self.message = Some(BUSY.to_owned()),
                _ => {
                    self.message = Some("Drop one project at a time to open it.".to_owned());
                }
            }
            return;
        }
        let free = self.dialog_free();
        match &mut self.dialog {
            Dialog::Import(ImportDialog(form)) => form.add_files(&documents),
            _ if free => self.dialog = Dialog::Import(ImportDialog::with_files(&documents)),
            _ => {
                self.message = Some(BUSY.to_owned());
                return;
            }
        }
        if !projects.is_empty() {
            self.message = Some(format!(
                "{} left out: projects are not documents (drop one alone to open it)",
                crate::model::counted(projects.len(), "project file", "project files")
            ));
        }
    }

    /// True when nothing else has the window: no dialog, question or task.
    fn dialog_free(&self) -> bool {
        matches!(self.dialog, Dialog::None) && !self.prompt.is_open() && !self.is_busy()
    }
}

const BUSY: &str = "Dropped files were not taken: finish what is open first, then drop them again.";

/// A veil over the window naming what a drop will do (a label, so that a
/// screen reader says it too).
fn paint_drop_hint(ctx: &Context, files: usize) {
    let painter = ctx.layer_painter(LayerId::new(Order::Foreground, Id::unique("drop_hint")));
    painter.rect_filled(ctx.content_rect(), 0.0, Color32::from_black_alpha(160));
    let what = crate::model::counted(files, "file", "files");
    egui::Area::new(Id::unique("drop_hint_words"))
        .order(Order::Tooltip)
        .anchor(Align2::CENTER_CENTER, [0.0, 0.0])
        .interactable(false)
        .show(ctx, |ui| {
            ui.label(
                RichText::new(format!("Drop to add {what} as documents"))
                    .size(22.0)
                    .color(Color32::WHITE),
            );
        });
}
