//! The open project, where it lives on disk, and its undo history: the
//! workbench's state without the workbench, so that a command or a test
//! can hold a project the way the GUI does.
//!
//! [`Workspace::apply`] is the only way the GUI changes the project: it goes
//! through [`crate::apply`] (the one door for changes), records the
//! inverse for undo and marks the project unsaved, so none of the three can
//! be forgotten by a panel.

use crate::edit::{self, Edit, EditError};
use crate::io::{self, FileError};
use crate::model::Project;
use crate::progress::Progress;
use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Versions are unique across workspaces: a cache keyed by version must not
/// mistake a newly opened project for the one it was built from.
static NEXT_VERSION: AtomicU64 = AtomicU64::new(1);

fn next_version() -> u64 {
    NEXT_VERSION.fetch_add(1, Ordering::Relaxed)
}

/// How many steps Undo can go back; older steps are forgotten so a long
/// session does not grow without bound.
pub const MAX_UNDOS: usize = 500;

/// Names one text field of one claim or source (e.g. `claim:c-12:note`):
/// consecutive edits with the same key merge into one undo step, so typing a
/// note is undone as a whole, not letter by letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeKey(pub String);

struct UndoStep {
    inverse: Edit,
    merge: Option<MergeKey>,
    /// What the step did, in the analyst's words (see [`Edit::describe`]).
    name: String,
}

/// An undone step, waiting for Redo.
struct RedoStep {
    edit: Edit,
    name: String,
}

/// A save of one version of the project, which can run on another thread.
pub struct SaveJob {
    project: Arc<Project>,
    path: PathBuf,
    expected: Option<io::FileStamp>,
    version: u64,
}

impl SaveJob {
    /// The file it writes.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the file (see [`io::save_project_checked`]); a cancel before
    /// the write begins leaves the file as it was.
    pub fn run(&self, progress: &Progress) -> Result<io::FileStamp, FileError> {
        progress.stage("writing", 1);
        if progress.is_cancelled() {
            return Err(FileError::Cancelled {
                path: self.path.clone(),
            });
        }
        let stamp = io::save_project_checked(&self.path, &self.project, self.expected.as_ref())?;
        progress.finish_stage();
        Ok(stamp)
    }
}

/// The project being edited, its file and its undo/redo history.
pub struct Workspace {
    /// Shared with background work (a check, an export) that reads a
    /// snapshot; an edit meanwhile copies it first (`Arc::make_mut`).
    project: Arc<Project>,
    path: Option<PathBuf>,
    undos: VecDeque<UndoStep>,
    redos: Vec<RedoStep>,
    dirty: bool,
    version: u64,
    /// What the file held when it was read or last saved.
    stamp: Option<io::FileStamp>,
    read_only: bool,
    last_change: Option<ChangeHint>,
}

/// What one edit did, for views (the claims table, the sources panel) that
/// can update in place rather than go over 100,000 claims again: valid for
/// going from version `before` to `after` only.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeHint {
    pub before: u64,
    pub after: u64,
    pub change: Change,
}

/// See [`ChangeHint`].
#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// A claim was added at the end, at this index.
    ClaimAppended(usize),
    /// The claim at this index was replaced; `same_document` when it stayed
    /// in its document.
    ClaimReplaced { index: usize, same_document: bool },
}

impl Workspace {
    /// A workspace for `project`, saved at `path` (or never saved). The
    /// project's index is made now, with the opening, so that the first
    /// edit costs what every edit does.
    pub fn new(mut project: Project, path: Option<PathBuf>) -> Self {
        project.reindex();
        Self {
            project: Arc::new(project),
            path,
            undos: VecDeque::new(),
            redos: Vec::new(),
            dirty: false,
            version: next_version(),
            stamp: None,
            read_only: false,
            last_change: None,
        }
    }

    /// Reads a project file; the file is never written by a failed load.
    pub fn load(path: &Path) -> Result<Self, FileError> {
        Self::load_with(path, &Progress::default())
    }

    /// Reads a project file, reporting how far it got in `progress`.
    pub fn load_with(path: &Path, progress: &Progress) -> Result<Self, FileError> {
        let (project, stamp) = io::load_project_with(path, progress)?;
        let mut ws = Self::new(project, Some(path.to_owned()));
        ws.stamp = Some(stamp);
        Ok(ws)
    }

    /// A recovered project: it belongs to `path` but holds unsaved work.
    pub fn recovered(project: Project, path: Option<PathBuf>) -> Self {
        let stamp = path
            .as_deref()
            .and_then(|p| io::FileStamp::read(p).ok().flatten());
        let mut ws = Self::new(project, path);
        ws.stamp = stamp;
        ws.dirty = true;
        ws
    }

    /// True when the project was opened read-only (another claimdesk holds
    /// it): Save is refused, Save As works.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// Marks the project read-only, or writable again.
    pub fn set_read_only(&mut self, read_only: bool) {
        self.read_only = read_only;
    }

    /// The project as it is now.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The project as it is now, to read on another thread while the
    /// analyst goes on editing.
    pub fn snapshot(&self) -> Arc<Project> {
        Arc::clone(&self.project)
    }

    /// The file the project is saved to, if it has one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// True when the project has changes that are not saved.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Changes on every change (edit, undo, redo) and differs between
    /// workspaces, so caches can tell when to rebuild.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// True when the project's file was changed or removed by someone else
    /// since it was last read or written here.
    pub fn changed_on_disk(&self) -> bool {
        match (&self.path, &self.stamp) {
            (Some(path), Some(stamp)) => io::changed_on_disk(path, stamp),
            _ => false,
        }
    }

    /// True when there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undos.is_empty()
    }

    /// What Undo would undo, in the analyst's words ("regrade Valley
    /// Courier from E to D").
    pub fn undo_name(&self) -> Option<&str> {
        self.undos.back().map(|s| s.name.as_str())
    }

    /// What Redo would redo.
    pub fn redo_name(&self) -> Option<&str> {
        self.redos.last().map(|s| s.name.as_str())
    }

    /// The object Undo would change.
    pub fn undo_target(&self) -> Option<edit::Target> {
        self.undos.back().and_then(|s| s.inverse.target())
    }

    /// The object Redo would change.
    pub fn redo_target(&self) -> Option<edit::Target> {
        self.redos.last().and_then(|s| s.edit.target())
    }

    /// True when there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redos.is_empty()
    }

    /// Applies `edit`. With a `merge` key equal to the last step's, the two
    /// become one undo step: the first inverse already restores the state
    /// before both.
    pub fn apply(&mut self, edit: Edit, merge: Option<MergeKey>) -> Result<(), EditError> {
        let before = self.version;
        let change = self.change_of(&edit);
        let name = edit.describe(&self.project);
        let inverse = edit::apply(Arc::make_mut(&mut self.project), edit)?;
        let merges = merge.is_some()
            && self.redos.is_empty()
            && self.undos.back().is_some_and(|last| last.merge == merge);
        if merges {
            // Typing into one field: the step's inverse stays the first
            // one, its name follows the text.
            if let Some(last) = self.undos.back_mut() {
                last.name = name;
            }
        } else {
            self.undos.push_back(UndoStep {
                inverse,
                merge,
                name,
            });
            while self.undos.len() > MAX_UNDOS {
                self.undos.pop_front();
            }
        }
        self.redos.clear();
        self.changed();
        self.last_change = change.map(|change| ChangeHint {
            before,
            after: self.version,
            change,
        });
        Ok(())
    }

    /// What the last edit did, when it was one a view can follow in place
    /// (see [`ChangeHint`]).
    pub fn last_change(&self) -> Option<&ChangeHint> {
        self.last_change.as_ref()
    }

    /// The hint `edit` will leave, judged before it applies.
    fn change_of(&self, edit: &Edit) -> Option<Change> {
        let claims = &self.project.claims;
        match edit {
            Edit::InsertClaim { index, .. } if *index >= claims.len() => {
                Some(Change::ClaimAppended(claims.len()))
            }
            Edit::ReplaceClaim(claim) => {
                let index = self.project.claim_position(&claim.id)?;
                Some(Change::ClaimReplaced {
                    index,
                    same_document: claims[index].document == claim.document,
                })
            }
            Edit::SetClaim { id, .. } => {
                let index = self.project.claim_position(id)?;
                Some(Change::ClaimReplaced {
                    index,
                    same_document: true,
                })
            }
            _ => None,
        }
    }

    /// Undoes the last step. Returns false when there was nothing to undo.
    pub fn undo(&mut self) -> Result<bool, EditError> {
        let Some(step) = self.undos.pop_back() else {
            return Ok(false);
        };
        let redo = edit::apply(Arc::make_mut(&mut self.project), step.inverse)?;
        self.redos.push(RedoStep {
            edit: redo,
            name: step.name,
        });
        self.changed();
        Ok(true)
    }

    /// Redoes the last undone step. Returns false when there was nothing to redo.
    pub fn redo(&mut self) -> Result<bool, EditError> {
        let Some(step) = self.redos.pop() else {
            return Ok(false);
        };
        let inverse = edit::apply(Arc::make_mut(&mut self.project), step.edit)?;
        self.undos.push_back(UndoStep {
            inverse,
            merge: None,
            name: step.name,
        });
        self.changed();
        Ok(true)
    }

    /// A save of the project as it is now, to run here or on another
    /// thread; hand its result to [`Workspace::saved`]. Saving over the
    /// project's own file first makes sure nobody changed it since it was
    /// read or last saved ([`FileError::ChangedOnDisk`] otherwise); `force`
    /// overwrites anyway, once the analyst said so.
    pub fn save_job(&self, path: &Path, force: bool) -> SaveJob {
        let own_file = self.path.as_deref() == Some(path);
        SaveJob {
            project: self.snapshot(),
            path: path.to_owned(),
            expected: self.stamp.clone().filter(|_| own_file && !force),
            version: self.version,
        }
    }

    /// Makes `save`'s file the project's, stamped `stamp`. The project stays
    /// unsaved if it changed since the save's snapshot.
    pub fn saved(&mut self, save: &SaveJob, stamp: io::FileStamp) {
        self.stamp = Some(stamp);
        self.read_only = false;
        self.path = Some(save.path.clone());
        self.dirty = self.version != save.version;
        // A save ends the typing in progress: the next keystroke is a new step.
        self.end_merge();
    }

    /// Ends the current run of merged edits: the next edit is a new undo
    /// step even if it touches the same field.
    pub fn end_merge(&mut self) {
        if let Some(last) = self.undos.back_mut() {
            last.merge = None;
        }
    }

    fn changed(&mut self) {
        self.dirty = true;
        self.version = next_version();
        self.last_change = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typing_in_one_field_is_one_undo_step() {
        let mut ws = Workspace::new(Project::new("a"), None);
        let key = Some(MergeKey("project:name".into()));
        for name in ["b", "bc", "bcd"] {
            ws.apply(Edit::Rename(name.into()), key.clone()).unwrap();
        }
        assert_eq!(ws.project().name, "bcd");
        assert_eq!(ws.undo_name(), Some("rename the project “bcd”"));
        assert!(ws.undo().unwrap());
        assert_eq!(ws.project().name, "a");
        assert!(!ws.can_undo());
        assert_eq!(ws.redo_name(), Some("rename the project “bcd”"));
        assert!(ws.redo().unwrap());
        assert_eq!(ws.project().name, "bcd");
    }

    #[test]
    fn leaving_a_field_ends_its_undo_step() {
        let mut ws = Workspace::new(Project::new("a"), None);
        let key = Some(MergeKey("project:name".into()));
        ws.apply(Edit::Rename("b".into()), key.clone()).unwrap();
        ws.end_merge();
        ws.apply(Edit::Rename("bc".into()), key).unwrap();
        ws.undo().unwrap();
        assert_eq!(ws.project().name, "b");
    }

    #[test]
    fn the_history_is_bounded() {
        let mut ws = Workspace::new(Project::new("a"), None);
        for n in 0..MAX_UNDOS + 10 {
            ws.apply(Edit::Rename(n.to_string()), None).unwrap();
        }
        let mut steps = 0;
        while ws.undo().unwrap() {
            steps += 1;
        }
        assert_eq!(steps, MAX_UNDOS);
    }
}
