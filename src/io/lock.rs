//! A lock file beside an open project, so that a second workbench opening
//! the same project, or a command changing it, is told who holds it.
//!
//! The lock is an operating-system lock on `NAME.ron.lock` (the standard
//! library's `File::try_lock`: `flock` on Unix, `LockFileEx` on Windows), so
//! it dies with its holder: a lock file left behind by a crash is stale and
//! is simply taken over. The file's text says what holds it (the
//! workbench, or a command that will be done in a moment) and who.
//!
//! A project reached through a symbolic link is locked beside the file the
//! link points to, so that the link and the file itself share one lock.

use super::disk::resolve_link;
use std::fs::{File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A held lock on a project; released (and its file removed) when dropped.
#[derive(Debug)]
pub struct ProjectLock {
    file: File,
    path: PathBuf,
}

/// What holds a lock: it decides whether waiting for it makes sense.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder {
    /// A workbench, which holds its project's lock for as long as it is open.
    Workbench,
    /// A command such as `import-claims`, which holds it from reading the
    /// project to renaming the new version into place.
    Command,
}

impl Holder {
    /// The first line of the lock file, and what the holder is called in
    /// its description.
    fn words(self) -> (&'static str, &'static str) {
        match self {
            Holder::Workbench => ("workbench", "the workbench"),
            Holder::Command => ("command", "a command"),
        }
    }
}

/// Why a project could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{path}: open in another claimdesk ({holder})")]
    Held {
        path: PathBuf,
        /// Who holds it, as the holder wrote it.
        holder: String,
        /// A command holds it (or is only now writing its name): it will
        /// let go soon, so waiting a little is worth it.
        brief: bool,
    },
    // `cause`, not `source`: the message already says it, and a source
    // would be said again by whoever prints the chain.
    #[error("{path}: cannot create the lock file: {cause}")]
    Io {
        path: PathBuf,
        cause: std::io::Error,
    },
}

/// Where the lock of a project lives: `NAME.ron.lock`, beside the file a
/// symbolic link leads to.
pub fn lock_path(project: &Path) -> PathBuf {
    let project = resolve_link(project);
    let mut name = project.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    project.with_file_name(name)
}

/// How often a waiting command tries the lock again.
const RETRY_EVERY: Duration = Duration::from_millis(25);

impl ProjectLock {
    /// Takes the lock of `project` for the workbench, or says who holds it.
    pub fn acquire(project: &Path) -> Result<Self, LockError> {
        Self::try_acquire(project, Holder::Workbench)
    }

    /// Takes the lock of `project` as `holder`, or says who holds it.
    pub fn try_acquire(project: &Path, holder: Holder) -> Result<Self, LockError> {
        let path = lock_path(project);
        loop {
            let mut file = open_lock_file(&path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    let (brief, holder) = read_holder(&mut file);
                    return Err(LockError::Held {
                        path: project.to_owned(),
                        holder,
                        brief,
                    });
                }
                Err(TryLockError::Error(cause)) => {
                    return Err(LockError::Io { path, cause });
                }
            }
            // The holder before us removes the file just before it lets go
            // (see `Drop`): a lock taken on that removed file locks nothing
            // that anyone else can see. Start again on the file now there.
            if !names_this_file(&path, &file) {
                continue;
            }
            write_holder(&mut file, holder).map_err(|cause| LockError::Io {
                path: path.clone(),
                cause,
            })?;
            return Ok(Self { file, path });
        }
    }

    /// Takes the lock as `holder`, waiting up to `patience` while another
    /// command holds it; a workbench's lock is refused at once, since it
    /// stays until that workbench closes the project. `waiting` is called
    /// once, when the first try fails, to say what it waits for.
    pub fn acquire_waiting(
        project: &Path,
        holder: Holder,
        patience: Duration,
        mut waiting: impl FnMut(&str),
    ) -> Result<Self, LockError> {
        let deadline = Instant::now() + patience;
        let mut told = false;
        loop {
            match Self::try_acquire(project, holder) {
                Err(LockError::Held {
                    brief: true,
                    holder,
                    ..
                }) if Instant::now() < deadline => {
                    if !told {
                        waiting(&holder);
                        told = true;
                    }
                    std::thread::sleep(RETRY_EVERY);
                }
                result => return result,
            }
        }
    }
}

fn open_lock_file(path: &Path) -> Result<File, LockError> {
    File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(path)
        .map_err(|cause| LockError::Io {
            path: path.to_owned(),
            cause,
        })
}

/// True when `path` still names the open `file`.
fn names_this_file(path: &Path, file: &File) -> bool {
    let (Ok(named), Ok(open)) = (
        same_file::Handle::from_path(path),
        file.try_clone().and_then(same_file::Handle::from_file),
    ) else {
        return false;
    };
    named == open
}

/// Whether the holder will let go soon, and who it is, from the lock file.
fn read_holder(file: &mut File) -> (bool, String) {
    let mut text = String::new();
    // The holder may be writing its name right now; an empty answer is
    // still a clear "someone", and one that will be done in a moment.
    let _ = file.read_to_string(&mut text);
    let (kind, who) = text.split_once('\n').unwrap_or(("", text.as_str()));
    let who = who.trim();
    let who = if who.is_empty() {
        "another process".to_owned()
    } else {
        who.to_owned()
    };
    let brief = match kind.trim() {
        "command" => true,
        // A lock file of an older claimdesk holds only a name: a workbench.
        "workbench" => false,
        _ => text.trim().is_empty(),
    };
    (brief, who)
}

fn write_holder(file: &mut File, holder: Holder) -> std::io::Result<()> {
    file.set_len(0)?;
    file.rewind()?;
    let text = format!("{}\n{}", holder.words().0, holder_description(holder));
    file.write_all(text.as_bytes())?;
    file.flush()
}

impl Drop for ProjectLock {
    fn drop(&mut self) {
        // Removing first means nobody can take the lock of a file that is
        // about to vanish; failures only leave a stale file, which is harmless.
        let _ = std::fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// "alice on host, the workbench, process 1234, since 2026-11-23 20:00 UTC".
fn holder_description(holder: Holder) -> String {
    let host = ["HOSTNAME", "COMPUTERNAME"]
        .iter()
        .find_map(|n| std::env::var(n).ok())
        .unwrap_or_default();
    let mut who = crate::io::default_author();
    if !host.is_empty() {
        who.push_str(&format!(" on {host}"));
    }
    let what = holder.words().1;
    format!(
        "{who}, {what}, process {}, since {}",
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
