//! A lock file beside an open project, so that a second workbench opening
//! the same project is told who holds it.
//!
//! The lock is an operating-system lock on `NAME.ron.lock` (the standard
//! library's `File::try_lock`: `flock` on Unix, `LockFileEx` on Windows), so
//! it dies with its holder: a lock file left behind by a crash is stale and
//! is simply taken over. The file's text only says who holds it.

use std::fs::{File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// A held lock on a project; released (and its file removed) when dropped.
#[derive(Debug)]
pub struct ProjectLock {
    file: File,
    path: PathBuf,
}

/// Why a project could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{path}: open in another claimdesk ({holder})")]
    Held { path: PathBuf, holder: String },
    #[error("{path}: cannot create the lock file: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// Where the lock of a project lives: `NAME.ron.lock`.
pub fn lock_path(project: &Path) -> PathBuf {
    let mut name = project.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    project.with_file_name(name)
}

impl ProjectLock {
    /// Takes the lock of `project`, or says who holds it.
    pub fn acquire(project: &Path) -> Result<Self, LockError> {
        let path = lock_path(project);
        let io_error = |source| LockError::Io {
            path: path.clone(),
            source,
        };
        let mut file = File::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io_error)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                // The holder may be writing its name right now; an empty
                // answer is still a clear "someone".
                let _ = file.read_to_string(&mut holder);
                let holder = holder.trim();
                let holder = if holder.is_empty() {
                    "another process"
                } else {
                    holder
                };
                return Err(LockError::Held {
                    path: project.to_owned(),
                    holder: holder.to_owned(),
                });
            }
            Err(TryLockError::Error(e)) => return Err(io_error(e)),
        }
        file.set_len(0).map_err(io_error)?;
        file.rewind().map_err(io_error)?;
        file.write_all(holder_description().as_bytes())
            .map_err(io_error)?;
        file.flush().map_err(io_error)?;
        Ok(Self { file, path })
    }
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        // Removing first means nobody can take the lock of a file that is
        // about to vanish; failures only leave a stale file, which is harmless.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// "user on host, process 1234, since 2026-11-23 20:00 UTC".
fn holder_description() -> String {
    let var = |names: &[&str]| {
        names
            .iter()
            .find_map(|n| std::env::var(n).ok())
            .unwrap_or_default()
    };
    let user = var(&["CLAIMDESK_AUTHOR", "USER", "USERNAME"]);
    let host = var(&["HOSTNAME", "COMPUTERNAME"]);
    let mut who = if user.is_empty() {
        "someone".to_owned()
    } else {
        user
    };
    if !host.is_empty() {
        who.push_str(&format!(" on {host}"));
    }
    format!(
        "{who}, process {}, since {}",
        std::process::id(),
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_refused_and_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.ron");
        let first = ProjectLock::acquire(&project).unwrap();
        let error = ProjectLock::acquire(&project).unwrap_err();
        assert!(
            matches!(error, LockError::Held { ref holder, .. } if holder.contains("process")),
            "{error}"
        );
        drop(first);
        assert!(!lock_path(&project).exists());
        let _again = ProjectLock::acquire(&project).unwrap();
    }

    #[test]
    fn a_stale_lock_file_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.ron");
        std::fs::write(lock_path(&project), "ghost, process 1, since long ago").unwrap();
        let _lock = ProjectLock::acquire(&project).unwrap();
        let text = std::fs::read_to_string(lock_path(&project)).unwrap();
        assert!(text.contains(&std::process::id().to_string()), "{text}");
    }
}
