//! Unsaved work survives a crash (PRODUCT §9): while a project has unsaved
//! changes it is written now and then to a recovery file next to it
//! (`NAME.ron.recovery`), which the next start offers to restore. Saving or
//! discarding the changes removes it.

use crate::io::{self, FileError};
use crate::model::Project;
use std::path::{Path, PathBuf};

/// Seconds between two writes of the recovery file while there are changes.
pub const AUTOSAVE_SECONDS: f64 = 30.0;

/// Where the recovery file of a project file lives.
pub fn recovery_path(project_file: &Path) -> PathBuf {
    let mut name = project_file
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".recovery");
    project_file.with_file_name(name)
}

/// Writes the recovery file (atomically, like a save).
pub fn write(project_file: &Path, project: &Project) -> Result<(), FileError> {
    io::save_project(&recovery_path(project_file), project)
}

/// True when a recovery file waits for this project file.
pub fn exists(project_file: &Path) -> bool {
    recovery_path(project_file).is_file()
}

/// Reads the recovery file.
pub fn read(project_file: &Path) -> Result<Project, FileError> {
    io::load_project(&recovery_path(project_file))
}

/// Removes the recovery file; one that is already gone is fine.
pub fn remove(project_file: &Path) {
    // Nothing to tell the analyst if it fails: the worst case is an offer
    // to recover work that was saved anyway.
    let _ = std::fs::remove_file(recovery_path(project_file));
}
