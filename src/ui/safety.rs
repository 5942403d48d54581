//! Keeping an analyst's work safe in the workbench (PRODUCT §9): autosave
//! to a recovery file, and the prompts for a recovery found at start, a
//! project another claimdesk holds, and a file changed on disk.

use super::Workspace;
use crate::io::FileError;
use crate::io::recovery::{PendingRecovery, RecoveryStore};
use egui::{Context, Id, Modal};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long after the last edit the recovery file is written: long enough
/// not to write on every keystroke, short enough to lose little in a crash.
pub const AUTOSAVE_DELAY: Duration = Duration::from_secs(3);

/// Writes unsaved work to the recovery store once editing pauses.
pub struct Autosave {
    store: Option<RecoveryStore>,
    /// The workspace version seen last and when it was first seen.
    seen: Option<(u64, Instant)>,
    /// The workspace version last written to the recovery file.
    written: Option<u64>,
}

impl Autosave {
    /// Autosave into `store`; `None` turns it off (tests that do not test it).
    pub fn new(store: Option<RecoveryStore>) -> Self {
        Self {
            store,
            seen: None,
            written: None,
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
        self.write_now(ws).map(|()| None)
    }

    /// Writes the recovery file now, if there is unsaved work.
    pub fn write_now(&mut self, ws: &Workspace) -> Result<(), FileError> {
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
