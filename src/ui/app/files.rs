//! The App's dealings with files: open, save, the unsaved-changes and
//! changed-on-disk questions, CSV export, autosave and the close request.

use super::{App, MAX_RECENT};
use crate::model::Project;
use crate::ui::dialogs::{Dialog, PathPurpose, Pending, UnsavedChoice};
use crate::ui::{Focus, Workspace, recovery};
use egui::{Context, ViewportCommand};
use std::path::Path;

impl App {
    pub(super) fn open_path(&mut self, path: &Path) {
        match Workspace::load(path) {
            Ok(ws) => {
                self.ws = ws;
                self.load_error = None;
                self.focus = Focus::Nothing;
                self.open_document = self.ws.project().documents.first().map(|d| d.id.clone());
                self.remember(path);
                self.message = Some(format!("Opened {}", path.display()));
                if recovery::exists(path) {
                    self.dialog = Dialog::Recover(path.to_owned());
                }
            }
            Err(error) => {
                // The file is left as it is; the workspace gets no path, so a
                // save can never overwrite what could not be read.
                self.ws = Workspace::new(Project::default(), None);
                self.open_document = None;
                self.focus = Focus::Nothing;
                self.load_error = Some(error.to_string());
                self.message = Some(format!("Could not open {}", path.display()));
            }
        }
    }

    pub(super) fn remember(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        self.settings.recent.retain(|p| p != &path);
        self.settings.recent.insert(0, path.clone());
        self.settings.recent.truncate(MAX_RECENT);
        self.settings.last_project = Some(path);
    }

    pub(super) fn save_to(&mut self, path: &Path) -> bool {
        match self.ws.save_as(path) {
            Ok(()) => {
                recovery::remove(path);
                self.remember(path);
                self.message = Some(format!("Saved {}", path.display()));
                true
            }
            Err(error) => {
                self.message = Some(error.to_string());
                false
            }
        }
    }

    /// Runs `pending` now, or asks about unsaved changes first.
    pub(super) fn guard(&mut self, pending: Pending, ctx: Option<&Context>) {
        if self.ws.is_dirty() {
            self.dialog = Dialog::Unsaved(pending);
        } else {
            self.proceed(pending, ctx);
        }
    }

    pub(super) fn proceed(&mut self, pending: Pending, ctx: Option<&Context>) {
        match pending {
            Pending::New => {
                self.ws = Workspace::new(Project::default(), None);
                self.load_error = None;
                self.open_document = None;
                self.focus = Focus::Nothing;
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

    pub(super) fn answer_unsaved(
        &mut self,
        pending: Pending,
        choice: UnsavedChoice,
        ctx: &Context,
    ) {
        match choice {
            UnsavedChoice::Cancel => {}
            UnsavedChoice::Discard => {
                if let Some(path) = self.ws.path() {
                    recovery::remove(path);
                }
                self.proceed(pending, Some(ctx));
            }
            UnsavedChoice::Save => match self.ws.path().map(Path::to_owned) {
                Some(path) if self.ws.changed_on_disk() => {
                    self.after_save = Some(pending);
                    self.dialog = Dialog::ChangedOnDisk(path);
                }
                Some(path) => {
                    if self.save_to(&path) {
                        self.proceed(pending, Some(ctx));
                    }
                }
                None => {
                    self.after_save = Some(pending);
                    self.dialog = Dialog::path(PathPurpose::SaveAs, None);
                }
            },
        }
    }

    pub(super) fn export_csv(&mut self, path: &Path) {
        let mut buffer = Vec::new();
        let result = crate::io::export_claims(self.ws.project(), &mut buffer)
            .map_err(|e| format!("{}: {e}", path.display()))
            .and_then(|()| crate::io::write_atomically(path, &buffer).map_err(|e| e.to_string()));
        self.message = Some(match result {
            Ok(()) => format!(
                "Exported {} claims to {}",
                self.ws.project().claims.len(),
                path.display()
            ),
            Err(error) => error,
        });
    }

    /// Writes the recovery file now if there are changes it does not hold.
    pub fn autosave(&mut self) {
        let Some(path) = self.ws.path().map(Path::to_owned) else {
            return;
        };
        if !self.ws.is_dirty() || self.autosaved.1 == self.ws.version() {
            return;
        }
        match recovery::write(&path, self.ws.project()) {
            Ok(()) => self.autosaved.1 = self.ws.version(),
            Err(error) => self.message = Some(format!("Autosave failed: {error}")),
        }
    }

    pub(super) fn autosave_when_due(&mut self, ctx: &Context) {
        let now = ctx.input(|i| i.time);
        if now - self.autosaved.0 >= recovery::AUTOSAVE_SECONDS {
            self.autosaved.0 = now;
            self.autosave();
        }
        if self.ws.is_dirty() {
            // egui only draws on input; wake up to autosave an idle window too.
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                recovery::AUTOSAVE_SECONDS,
            ));
        }
    }

    pub(super) fn handle_close_request(&mut self, ctx: &Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && self.ws.is_dirty()
            && !self.close_confirmed
        {
            ctx.send_viewport_cmd(ViewportCommand::CancelClose);
            self.dialog = Dialog::Unsaved(Pending::Close);
        }
    }
}
