//! Keeping an analyst's work safe in the workbench (PRODUCT §9): autosave
//! to a recovery file, and the prompts for a recovery found at start, a
//! project another claimdesk holds, and a file changed on disk.

use super::Workspace;
use crate::io::FileError;
use crate::io::recovery::{PendingRecovery, RecoveryStore};
use egui::{Context, Id, Modal};
use std::path::{Path, PathBuf};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// How long after the last edit the recovery file is written: long enough
/// not to write on every keystroke, short enough to lose little in a crash.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(3);

/// Writes unsaved work to the recovery store once editing pauses.
///
/// The write runs on a thread of its own, from a snapshot of the project:
/// serialising 100,000 claims takes a few tenths of a second the window
/// must not freeze for, three seconds after every pause in the typing.
pub struct Autosave {
    store: Option<RecoveryStore>,
    /// The workspace version seen last and when it was first seen.
    seen: Option<(u64, Instant)>,
    /// The workspace version last written to the recovery file.
    written: Option<u64>,
    /// A write under way: the version it writes, and the thread.
    writing: Option<(u64, JoinHandle<Result<PathBuf, FileError>>)>,
}

impl Autosave {
    /// Autosave into `store`; `None` turns it off (tests that do not test it).
    pub fn new(store: Option<RecoveryStore>) -> Self {
        Self {
            store,
            seen: None,
            written: None,
            writing: None,
        }
    }

    /// The store recoveries go to, if autosave is on.
    pub fn store(&self) -> Option<&RecoveryStore> {
        self.store.as_ref()
    }

    /// Called every frame: writes the recovery file when there are unsaved
    /// changes and no edit for [`AUTOSAVE_DELAY`]. Returns how long until it
    /// would write, so the caller can ask for a repaint then.
    pub fn tick(&mut self, ws: &Workspace, now: Instant) -> Result<Option<Duration>, FileError> {
        if self
            .writing
            .as_ref()
            .is_some_and(|(_, thread)| !thread.is_finished())
        {
            // Look again soon; a second write waits for the first.
            return Ok(Some(Duration::from_millis(100)));
        }
        self.finish_write()?;
        if self.store.is_none() || !ws.is_dirty() || self.written == Some(ws.version()) {
            return Ok(None);
        }
        let since = match self.seen {
            Some((version, since)) if version == ws.version() => since,
            _ => {
                self.seen = Some((ws.version(), now));
                now
            }
        };
        let due = since + AUTOSAVE_DELAY;
        if now < due {
            return Ok(Some(due - now));
        }
        let Some(store) = self.store.clone() else {
            return Ok(None);
        };
        let path = ws.path().map(Path::to_owned);
        let project = ws.snapshot();
        let spawned = std::thread::Builder::new()
            .name("autosave".into())
            .spawn(move || store.write(path.as_deref(), &project));
        match spawned {
            Ok(thread) => {
                self.writing = Some((ws.version(), thread));
                Ok(Some(Duration::from_millis(100)))
            }
            // No thread to be had: write here, the window waits.
            Err(_) => self.write_now(ws).map(|()| None),
        }
    }

    /// Waits for the write under way, if any, and records what it wrote.
    fn finish_write(&mut self) -> Result<(), FileError> {
        let Some((version, thread)) = self.writing.take() else {
            return Ok(());
        };
        match thread.join() {
            Ok(result) => {
                result?;
                self.written = Some(version);
                Ok(())
            }
            // Serialising and writing return errors; a panic would be a bug.
            Err(panic) => std::panic::resume_unwind(panic),
        }
    }

    /// Writes the recovery file now, if there is unsaved work.
    pub fn write_now(&mut self, ws: &Workspace) -> Result<(), FileError> {
        self.finish_write()?;
        let Some(store) = &self.store else {
            return Ok(());
        };
        if ws.is_dirty() {
            store.write(ws.path(), ws.project())?;
            self.written = Some(ws.version());
        }
        Ok(())
    }

    /// Removes the recovery of `path`: after a save, or when the analyst
    /// discarded the changes or the recovery.
    pub fn forget(&mut self, path: Option<&Path>) {
        // A write still under way would bring back what is removed here.
        let _ = self.finish_write();
        if let Some(store) = &self.store {
            store.remove(path);
        }
        self.written = None;
        self.seen = None;
    }

    /// A recovery of `path` newer than the file, if there is one.
    pub fn pending(&self, path: Option<&Path>) -> Option<PendingRecovery> {
        self.store.as_ref()?.pending(path)
    }
}

/// A question about the safety of the analyst's work, shown modally.
#[derive(Default)]
pub enum SafetyPrompt {
    #[default]
    None,
    /// Unsaved work of `path` was found from an earlier session.
    Recovery {
        path: Option<PathBuf>,
        pending: Box<PendingRecovery>,
    },
    /// Another claimdesk holds the project.
    Locked { path: PathBuf, holder: String },
    /// The project file changed on disk since it was read or saved.
    ChangedOnDisk { path: PathBuf, confirm_reload: bool },
}

/// What the analyst answered.
#[derive(Clone, Debug, PartialEq)]
pub enum SafetyAnswer {
    Restore,
    DiscardRecovery,
    OpenReadOnly(PathBuf),
    OpenAnyway(PathBuf),
    Overwrite(PathBuf),
    SaveAsInstead,
    Reload(PathBuf),
    Cancel,
}

impl SafetyPrompt {
    /// True while a prompt waits for an answer.
    pub fn is_open(&self) -> bool {
        !matches!(self, Self::None)
    }

    /// Draws the prompt; returns the answer when it is given and closes.
    pub fn ui(&mut self, ctx: &Context) -> Option<SafetyAnswer> {
        let answer = match self {
            Self::None => return None,
            Self::Recovery { path, pending } => recovery_ui(ctx, path.as_deref(), pending),
            Self::Locked { path, holder } => locked_ui(ctx, path, holder),
            Self::ChangedOnDisk {
                path,
                confirm_reload,
            } => changed_ui(ctx, path, confirm_reload),
        };
        if answer.is_some() {
            *self = Self::None;
        }
        answer
    }
}

fn recovery_ui(
    ctx: &Context,
    path: Option<&Path>,
    pending: &PendingRecovery,
) -> Option<SafetyAnswer> {
    let mut answer = None;
    Modal::new(Id::unique("recovery_prompt")).show(ctx, |ui| {
        ui.heading("Recover unsaved work?");
        let what = path.map_or_else(
            || "an unsaved project".to_owned(),
            |p| p.display().to_string(),
        );
        let when =
            chrono::DateTime::<chrono::Local>::from(pending.written).format("%Y-%m-%d %H:%M");
        ui.label(format!(
            "claimdesk kept unsaved changes to {what} from {when}, newer than the file: {}.",
            pending.differences.summary()
        ));
        ui.label("Restore opens them as unsaved changes; Discard deletes them.");
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                answer = Some(SafetyAnswer::Restore);
            }
            if ui.button("Discard").clicked() {
                answer = Some(SafetyAnswer::DiscardRecovery);
            }
        });
    });
    answer
}

fn locked_ui(ctx: &Context, path: &Path, holder: &str) -> Option<SafetyAnswer> {
    let mut answer = None;
    Modal::new(Id::unique("locked_prompt")).show(ctx, |ui| {
        ui.heading("Project open elsewhere");
        ui.label(format!(
            "{} is open in another claimdesk: {holder}.",
            path.display()
        ));
        ui.label("Read-only keeps you from overwriting their work (Save As still works).");
        ui.horizontal(|ui| {
            if ui.button("Open read-only").clicked() {
                answer = Some(SafetyAnswer::OpenReadOnly(path.to_owned()));
            }
            if ui.button("Open anyway").clicked() {
                answer = Some(SafetyAnswer::OpenAnyway(path.to_owned()));
            }
            if ui.button("Cancel").clicked() {
                answer = Some(SafetyAnswer::Cancel);
            }
        });
    });
    answer
}

fn changed_ui(ctx: &Context, path: &Path, confirm_reload: &mut bool) -> Option<SafetyAnswer> {
    let mut answer = None;
    Modal::new(Id::unique("changed_prompt")).show(ctx, |ui| {
        ui.heading("The file changed on disk");
        ui.label(format!(
            "{} was changed by someone else since you opened or saved it.",
            path.display()
        ));
        if *confirm_reload {
            ui.label("Reloading loses your unsaved changes. Save them under another name first?");
            ui.horizontal(|ui| {
                if ui.button("Save As first").clicked() {
                    answer = Some(SafetyAnswer::SaveAsInstead);
                }
                if ui.button("Reload and lose my changes").clicked() {
                    answer = Some(SafetyAnswer::Reload(path.to_owned()));
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(SafetyAnswer::Cancel);
                }
            });
            return;
        }
        ui.horizontal(|ui| {
            if ui.button("Overwrite").clicked() {
                answer = Some(SafetyAnswer::Overwrite(path.to_owned()));
            }
            if ui.button("Save As…").clicked() {
                answer = Some(SafetyAnswer::SaveAsInstead);
            }
            if ui.button("Reload").clicked() {
                *confirm_reload = true;
            }
            if ui.button("Cancel").clicked() {
                answer = Some(SafetyAnswer::Cancel);
            }
        });
    });
    answer
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;
    use crate::model::{Project, Source};

    #[test]
    fn the_timer_writes_the_recovery_on_another_thread_once_editing_pauses() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::at(dir.path().to_owned());
        let mut autosave = Autosave::new(Some(store.clone()));
        let mut ws = Workspace::new(Project::new("timed"), None);
        let start = Instant::now();
        assert_eq!(autosave.tick(&ws, start).unwrap(), None, "nothing unsaved");

        ws.apply(Edit::add_source(Source::new("Outlet")), None)
            .unwrap();
        assert_eq!(
            autosave.tick(&ws, start).unwrap(),
            Some(AUTOSAVE_DELAY),
            "waits for a pause"
        );
        assert!(store.pending(None).is_none());
        let later = start + AUTOSAVE_DELAY;
        assert!(autosave.tick(&ws, later).unwrap().is_some(), "writing");
        // The write ends on its own thread; later ticks take its result.
        let deadline = Instant::now() + Duration::from_secs(30);
        while autosave.tick(&ws, later).unwrap().is_some() {
            assert!(Instant::now() < deadline, "the write never ended");
            std::thread::sleep(Duration::from_millis(5));
        }
        let pending = store.pending(None).expect("a recovery");
        assert_eq!(&pending.project, ws.project());

        // A save forgets it, and no write under way brings it back.
        ws.apply(Edit::add_source(Source::new("Second")), None)
            .unwrap();
        let again = later + Duration::from_secs(1);
        autosave.tick(&ws, again).unwrap();
        autosave.tick(&ws, again + AUTOSAVE_DELAY).unwrap();
        autosave.forget(None);
        assert!(store.pending(None).is_none());
    }
}
