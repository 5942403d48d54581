//! How the App goes on from New, Open or closing the window: one value,
//! [`Pending`], asks about unsaved changes first when there are any, waits
//! through a save (and a Save As, when the save failed or the project had
//! no file yet), and is then carried out. Only here.

use super::{App, BottomTab};
use crate::model::Project;
use crate::ui::dialogs::{Dialog, PathPurpose, Pending, UnsavedChoice, UnsavedDialog};
use crate::ui::{Focus, Workspace};
use egui::{Context, ViewportCommand};
use std::path::Path;

impl App {
    /// Runs `pending` now, or asks about unsaved changes first.
    pub(super) fn guard(&mut self, pending: Pending, ctx: Option<&Context>) {
        if self.ws.is_dirty() {
            self.dialog = Dialog::Unsaved(UnsavedDialog(pending));
        } else {
            self.proceed(pending, ctx);
        }
    }

    pub(super) fn answer_unsaved(
        &mut self,
        pending: Pending,
        choice: UnsavedChoice,
        ctx: &Context,
    ) {
        match choice {
            UnsavedChoice::Cancel => {}
            UnsavedChoice::Discard => self.proceed(pending, Some(ctx)),
            UnsavedChoice::Save => match self.ws.path().map(Path::to_owned) {
                Some(path) => self.save_then(&path, false, Some(pending), Some(ctx)),
                None => {
                    self.after_save = Some(pending);
                    self.dialog = Dialog::path(PathPurpose::SaveAs, None);
                }
            },
        }
    }

    pub(super) fn proceed(&mut self, pending: Pending, ctx: Option<&Context>) {
        // Leaving the project on purpose (saved, or changes discarded): its
        // recovery file has nothing left to recover.
        self.autosave.forget(self.ws.path());
        match pending {
            Pending::New => {
                self.lock = None;
                self.ws = Workspace::new(Project::default(), None);
                self.load_error = None;
                self.open_document = None;
                self.focus = Focus::Nothing;
                self.findings = Default::default();
                self.compare = None;
                if self.bottom_tab == BottomTab::Conflicts {
                    self.bottom_tab = BottomTab::Claims;
                }
                // "Saved …" or "Opened …" spoke of a file no longer open.
                self.message = Some("New project: not saved yet".to_owned());
            }
            Pending::Open(path) => self.open_path(&path),
            Pending::Close => {
                self.close_confirmed = true;
                if let Some(ctx) = ctx {
                    ctx.send_viewport_cmd(ViewportCommand::Close);
                }
            }
        }
    }

    pub(super) fn handle_close_request(&mut self, ctx: &Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && self.ws.is_dirty()
            && !self.close_confirmed
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.dialog = Dialog::Unsaved(UnsavedDialog(Pending::Close));
        }
    }
}
