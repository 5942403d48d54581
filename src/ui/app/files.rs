//! The App's dealings with files: open (with the project's lock), save
//! (refusing to overwrite a file changed on disk), the safety questions,
//! autosave to the recovery store. What waits on a save (New, Open,
//! Close) is in `continuation.rs`; exports and imports of the field's
//! formats are in `formats.rs`.

use super::tasks::{BACKGROUND_OPEN_BYTES, BACKGROUND_SAVE_CLAIMS, TaskKind};
use super::{App, BottomTab, MAX_RECENT};
use crate::io::lock::{Holder, LockError, ProjectLock};
use crate::io::{FileError, FileStamp};
use crate::model::Project;
use crate::progress::Progress;
use crate::ui::dialogs::{Dialog, PathPurpose, Pending};
use crate::ui::safety::{SafetyAnswer, SafetyPrompt};
use crate::ui::{Focus, Workspace};
use crate::workspace::SaveJob;
use egui::Context;
use std::path::Path;

impl App {
    /// Opens a project file, first taking its lock; when another claimdesk
    /// holds it, asks whether to open it read-only or anyway. The lock of
    /// the project on screen is kept until the new one is in place (see
    /// [`App::finish_open`]): a prompt answered with Cancel leaves it held.
    pub(super) fn open_path(&mut self, path: &Path) {
        // Reopening the project on screen: its lock carries over, since a
        // second lock on it would look like someone else's.
        let reopening = self
            .ws
            .path()
            .is_some_and(|own| crate::io::disk::same_place(own, path));
        let held = if reopening { self.lock.take() } else { None };
        // A command (`claimdesk import-claims`…) holds a lock for a moment only.
        let patience = std::time::Duration::from_secs(2);
        let lock = held.map_or_else(
            || ProjectLock::acquire_waiting(path, Holder::Workbench, patience, |_| {}),
            Ok,
        );
        match lock {
            Ok(lock) => self.open_path_with(path, Some(lock), false),
            Err(LockError::Held { holder, .. }) => {
                self.prompt = SafetyPrompt::Locked {
                    path: path.to_owned(),
                    holder,
                };
            }
            // No lock can be made (a read-only folder, say): the file can
            // still be read, and saving will say what is wrong.
            Err(LockError::Io { .. }) => self.open_path_with(path, None, false),
        }
    }

    pub(super) fn open_path_with(
        &mut self,
        path: &Path,
        lock: Option<ProjectLock>,
        read_only: bool,
    ) {
        self.load_in_background_or_now(path, lock, read_only);
    }

    /// Shows what an open gave: the project, or why it could not be read.
    pub(super) fn finish_open(
        &mut self,
        path: &Path,
        result: Result<Workspace, crate::io::FileError>,
        lock: Option<ProjectLock>,
        read_only: bool,
    ) {
        match result {
            Ok(ws) => {
                self.ws = ws;
                // The findings of the project this one replaces say nothing about it.
                self.findings = Default::default();
                self.ws.set_read_only(read_only);
                self.lock = lock;
                self.load_error = None;
                self.focus = Focus::Nothing;
                self.open_document = self.ws.project().documents.first().map(|d| d.id.clone());
                self.show_conflicts_if_any();
                // A comparison was with a copy of the project this one replaces.
                self.compare = None;
                self.remember(path);
                self.message = Some(if read_only {
                    format!("Opened {} read-only", path.display())
                } else {
                    format!("Opened {}", path.display())
                });
                self.offer_recovery(Some(path));
            }
            Err(error) => {
                // The file is left as it is; the workspace gets no path, so a
                // save can never overwrite what could not be read. The
                // project it replaces on screen lets go of its lock.
                self.lock = None;
                self.ws = Workspace::new(Project::default(), None);
                self.open_document = None;
                self.focus = Focus::Nothing;
                self.load_error = Some(error.to_string());
                self.message = Some(format!("Could not open {}", path.display()));
            }
        }
    }

    /// A project that a merge left with conflicts opens on them: nothing
    /// else in it can be trusted until they are settled. One without them
    /// leaves the Conflicts tab.
    fn show_conflicts_if_any(&mut self) {
        if !self.ws.project().conflicts.is_empty() {
            self.settings.show_claims_table = true;
            self.bottom_tab = BottomTab::Conflicts;
        } else if self.bottom_tab == BottomTab::Conflicts {
            self.bottom_tab = BottomTab::Claims;
        }
    }

    /// Reads another analyst's copy of the project and compares it with
    /// this one; a large file is read on another thread, as Open does.
    pub(super) fn compare_path(&mut self, path: &Path) {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        if bytes < BACKGROUND_OPEN_BYTES {
            let result = crate::io::load_project(path);
            self.finish_compare(path, name, result);
            return;
        }
        let path = path.to_owned();
        let title = format!("Reading {} ({:.1} MB)", path.display(), bytes as f64 / 1e6);
        self.start_task(TaskKind::Compare, title, move |progress| {
            let result = crate::io::load_project_with(&path, progress).map(|(project, _)| project);
            Box::new(move |app: &mut App, _: &Context| app.finish_compare(&path, name, result))
        });
    }

    fn finish_compare(&mut self, path: &Path, name: String, result: Result<Project, FileError>) {
        match result {
            Ok(theirs) => {
                self.compare_with(theirs, name);
                self.message = Some(format!("Compared with {}", path.display()));
            }
            Err(error) => self.message = Some(format!("Cannot compare: {error}")),
        }
    }

    /// Asks whether to restore unsaved work of `path` from an earlier session.
    pub(super) fn offer_recovery(&mut self, path: Option<&Path>) {
        if let Some(pending) = self.autosave.pending(path) {
            self.prompt = SafetyPrompt::Recovery {
                path: path.map(Path::to_owned),
                pending: Box::new(pending),
            };
        }
    }

    pub(super) fn answer_safety(&mut self, answer: SafetyAnswer) {
        match answer {
            SafetyAnswer::Restore => {
                let Some(pending) = self.autosave.pending(self.ws.path()) else {
                    return;
                };
                let path = self.ws.path().map(Path::to_owned);
                let read_only = self.ws.is_read_only();
                self.ws = Workspace::recovered(pending.project, path);
                self.ws.set_read_only(read_only);
                self.open_document = self.ws.project().documents.first().map(|d| d.id.clone());
                self.show_conflicts_if_any();
                self.message = Some(format!("Restored: {}", pending.differences.summary()));
            }
            SafetyAnswer::DiscardRecovery => self.autosave.forget(self.ws.path()),
            SafetyAnswer::OpenReadOnly(path) => self.open_path_with(&path, None, true),
            SafetyAnswer::OpenAnyway(path) => self.open_path_with(&path, None, false),
            SafetyAnswer::Overwrite(path) => {
                let then = self.after_save.take();
                self.save_then(&path, true, then, None);
            }
            SafetyAnswer::SaveAsInstead => {
                self.dialog = Dialog::path(PathPurpose::SaveAs, None);
            }
            SafetyAnswer::Reload(path) => {
                self.autosave.forget(Some(&path));
                self.open_path(&path);
            }
            SafetyAnswer::Cancel => {}
        }
    }

    /// Autosave's part of every frame: write the recovery file when due and
    /// ask for a repaint when it will be.
    pub(super) fn autosave_tick(&mut self, ctx: &Context) {
        match self.autosave.tick(&self.ws, std::time::Instant::now()) {
            Ok(Some(wait)) => ctx.request_repaint_after(wait),
            Ok(None) => {}
            Err(error) => self.message = Some(format!("Autosave failed: {error}")),
        }
    }

    /// Writes the recovery file now, as the autosave timer does a few
    /// seconds after the last edit.
    pub fn autosave_now(&mut self) {
        if let Err(error) = self.autosave.write_now(&self.ws) {
            self.message = Some(format!("Autosave failed: {error}"));
        }
    }

    /// The safety prompt on screen, if any (recovery, lock, changed file).
    pub fn safety_prompt(&self) -> &SafetyPrompt {
        &self.prompt
    }

    /// Saves to `path`, then does `then` (close, open another project…)
    /// once the save succeeded; a failed save keeps `then` for a Save As.
    /// A large project is written on another thread, from a snapshot.
    pub(super) fn save_then(
        &mut self,
        path: &Path,
        force: bool,
        then: Option<Pending>,
        ctx: Option<&Context>,
    ) {
        if self.ws.is_read_only() && self.ws.path() == Some(path) {
            self.message = Some(format!(
                "{} is open read-only (another claimdesk holds it): use Save As",
                path.display()
            ));
            self.after_save = then;
            return;
        }
        let save = self.ws.save_job(path, force);
        if self.ws.project().claims.len() <= BACKGROUND_SAVE_CLAIMS {
            let result = save.run(&Progress::default());
            self.finish_save(&save, result, then, ctx);
            return;
        }
        let title = format!("Saving {}", path.display());
        self.start_task(TaskKind::Save, title, move |progress| {
            let result = save.run(progress);
            Box::new(move |app: &mut App, ctx: &Context| {
                app.finish_save(&save, result, then, Some(ctx));
            })
        });
    }

    fn finish_save(
        &mut self,
        save: &SaveJob,
        result: Result<FileStamp, FileError>,
        then: Option<Pending>,
        ctx: Option<&Context>,
    ) {
        let path = save.path();
        match result {
            Ok(stamp) => {
                let old_path = self.ws.path().map(Path::to_owned);
                self.ws.saved(save, stamp);
                self.autosave.forget(old_path.as_deref());
                self.autosave.forget(Some(path));
                if old_path.as_deref() != Some(path) {
                    // The project now lives at `path`: hold its lock instead.
                    self.lock = ProjectLock::acquire(path).ok();
                }
                self.remember(path);
                self.message = Some(format!("Saved {}", path.display()));
                if let Some(pending) = then {
                    self.proceed(pending, ctx);
                }
            }
            Err(FileError::ChangedOnDisk { path }) => {
                self.prompt = SafetyPrompt::ChangedOnDisk {
                    path,
                    confirm_reload: false,
                };
                self.after_save = then;
            }
            Err(error) => {
                self.message = Some(error.to_string());
                self.after_save = then;
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
}
