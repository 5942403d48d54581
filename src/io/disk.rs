//! What the app knows about a file on disk, to notice that someone else
//! changed it, and the backup kept beside a project at each save.

use super::project_file::{FileError, write_atomically};
use crate::progress::Progress;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Size, modification time and content hash of a file as last read or written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileStamp {
    pub len: u64,
    pub modified: Option<SystemTime>,
    /// Hex SHA-256 of the bytes.
    pub hash: String,
}

impl FileStamp {
    /// The stamp of bytes just read from or written to `path`.
    pub fn of(path: &Path, bytes: &[u8]) -> Self {
        Self::hashed(path, bytes.len(), hash_bytes(bytes))
    }

    /// The stamp of `len` bytes with hex SHA-256 `hash` at `path`, for a
    /// caller that hashed them meanwhile.
    pub(crate) fn hashed(path: &Path, len: usize, hash: String) -> Self {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        Self {
            len: len as u64,
            modified,
            hash,
        }
    }

    /// Reads the file's current stamp; `None` when it does not exist.
    pub fn read(path: &Path) -> std::io::Result<Option<Self>> {
        match std::fs::read(path) {
            Ok(bytes) => Ok(Some(Self::of(path, &bytes))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }
}

pub(crate) fn hash_bytes(bytes: &[u8]) -> String {
    let mut hash = StreamHash::default();
    hash.update(bytes);
    hash.finish()
}

/// The hash of a stamp, taken a piece at a time as a file is read.
#[derive(Default)]
pub(crate) struct StreamHash(Sha256);

impl StreamHash {
    pub(crate) fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// Hex SHA-256, as stamps hold it.
    pub(crate) fn finish(self) -> String {
        crate::model::hex(&self.0.finalize())
    }
}

/// True when the file at `path` no longer holds what `stamp` recorded: it
/// was changed, replaced or removed. The bytes are compared by their hash,
/// so an edit that kept the size and put the old modification time back is
/// still seen; a file merely touched, with the same bytes, has not changed.
pub fn changed_on_disk(path: &Path, stamp: &FileStamp) -> bool {
    match std::fs::read(path) {
        Ok(bytes) => bytes.len() as u64 != stamp.len || hash_bytes(&bytes) != stamp.hash,
        Err(_) => true,
    }
}

/// Like [`changed_on_disk`], but trusting an unchanged size and time: the
/// quick look a save takes before it writes, to give up early. The save
/// compares the hash itself once the new text is written.
pub(crate) fn looks_changed(path: &Path, stamp: &FileStamp) -> bool {
    let Ok(metadata) = std::fs::metadata(path) else {
        return true;
    };
    if metadata.len() == stamp.len && metadata.modified().ok() == stamp.modified {
        return false;
    }
    changed_on_disk(path, stamp)
}

/// The file a path leads to: a symbolic link is followed (to the end of a
/// chain of them), so that a save replaces the file it points to, in that
/// file's folder, rather than the link. Any other path is returned as given.
pub fn resolve_link(path: &Path) -> PathBuf {
    let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return path.to_owned();
    }
    if let Ok(target) = std::fs::canonicalize(path) {
        return target;
    }
    // A link to a file not yet there: where it points, one step.
    match std::fs::read_link(path) {
        Ok(target) => path.parent().unwrap_or(Path::new("")).join(target),
        Err(_) => path.to_owned(),
    }
}

/// True when `a` and `b` are one file: the same file by identity when both
/// exist (whatever their spelling: `./p.ron`, a link, a hard link), or the
/// same name in the same folder when one does not exist yet.
pub(crate) fn same_place(a: &Path, b: &Path) -> bool {
    // Telling files apart opens them, and opening a pipe waits for its
    // other end: only regular files are compared, since a project, its
    // backup and its lock are never anything else.
    let regular = |path: &Path| std::fs::metadata(path).map(|m| m.is_file());
    match (regular(a), regular(b)) {
        (Ok(true), Ok(true)) => return same_file::is_same_file(a, b).unwrap_or(false),
        (Ok(false), _) | (_, Ok(false)) => return false,
        _ => {}
    }
    let place = |path: &Path| {
        let path = resolve_link(path);
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
            _ => PathBuf::from("."),
        };
        Some((
            std::fs::canonicalize(dir).ok()?,
            path.file_name()?.to_owned(),
        ))
    };
    matches!((place(a), place(b)), (Some(a), Some(b)) if a == b)
}

/// Refuses `target` as the file a command writes when it is `project`, its
/// backup or its lock: writing there would destroy the project.
pub fn refuse_project_files(project: &Path, target: &Path) -> Result<(), FileError> {
    let own = [
        project.to_owned(),
        backup_path(&resolve_link(project)),
        super::lock::lock_path(project),
    ];
    if own.iter().any(|file| same_place(file, target)) {
        return Err(FileError::ProjectFile {
            path: target.to_owned(),
            project: project.to_owned(),
        });
    }
    Ok(())
}

/// Writes an output (an export) to `path`. A regular file, or a name not
/// yet taken, is replaced atomically through a temporary file and a rename;
/// anything else (a pipe, a terminal, a device such as `/dev/stdout`) is
/// written into as it is, since a rename would replace the node itself.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    use std::io::Write;
    match std::fs::metadata(path) {
        Ok(metadata) if metadata.is_dir() => Err(FileError::NotRegular {
            path: path.to_owned(),
        }),
        // Opened by the name given: `/dev/stdout` leads through a link
        // that only the system can follow to a pipe.
        Ok(metadata) if !metadata.is_file() => std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut file| {
                file.write_all(bytes)?;
                file.flush()
            })
            .map_err(|cause| FileError::Write {
                path: path.to_owned(),
                cause,
            }),
        _ => write_atomically(&resolve_link(path), bytes),
    }
}

/// Where the previous version of a project is kept: `NAME.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Keeps the current file as `NAME.ron.bak` before it is replaced.
///
/// A hard link costs nothing and stays valid after the rename of the new
/// version over the old name; where links are not supported (FAT, some
/// network drives) the bytes are copied instead, atomically.
pub fn keep_backup(path: &Path) -> Result<(), FileError> {
    if !path.is_file() {
        return Ok(());
    }
    let backup = backup_path(path);
    let write_error = |cause| FileError::Write {
        path: backup.clone(),
        cause,
    };
    match std::fs::remove_file(&backup) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(write_error(e)),
    }
    if std::fs::hard_link(path, &backup).is_ok() {
        return Ok(());
    }
    let bytes = std::fs::read(path).map_err(|cause| FileError::Read {
        path: path.to_owned(),
        cause,
    })?;
    write_atomically(&backup, &bytes)
}

/// Reads a whole file, refusing one larger than `limit` bytes before reading it.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, FileError> {
    read_limited_with(path, limit, &Progress::default())
}

/// Reads like [`read_limited`], a few megabytes at a time, counting them
/// in `progress` and stopping when it is cancelled.
pub fn read_limited_with(
    path: &Path,
    limit: u64,
    progress: &Progress,
) -> Result<Vec<u8>, FileError> {
    LimitedFile::open(path, limit)?.read_all(progress)
}

/// A file read a few megabytes at a time, refused when it is (or grows,
/// while it is read) larger than a limit.
pub(crate) struct LimitedFile<'a> {
    path: &'a Path,
    file: std::fs::File,
    size: u64,
    limit: u64,
    read: u64,
}

impl<'a> LimitedFile<'a> {
    /// How much one [`LimitedFile::read_chunk`] reads at most.
    const CHUNK: u64 = 2 << 20;

    /// Opens the file, refusing it before reading when it is too large.
    pub(crate) fn open(path: &'a Path, limit: u64) -> Result<Self, FileError> {
        let read_error = |cause| FileError::Read {
            path: path.to_owned(),
            cause,
        };
        let size = std::fs::metadata(path).map_err(read_error)?.len();
        let file = LimitedFile {
            path,
            file: std::fs::File::open(path).map_err(read_error)?,
            size,
            limit,
            read: 0,
        };
        if size > limit {
            return Err(file.too_large(size));
        }
        Ok(file)
    }

    /// The size the file had when it was opened.
    pub(crate) fn size(&self) -> u64 {
        self.size
    }

    /// Reads the rest of the file, counting it in `progress` and stopping
    /// when that is cancelled.
    pub(crate) fn read_all(mut self, progress: &Progress) -> Result<Vec<u8>, FileError> {
        progress.stage("reading", self.size);
        let mut bytes = Vec::with_capacity(usize::try_from(self.size).unwrap_or(0));
        loop {
            if progress.is_cancelled() {
                return Err(FileError::Cancelled {
                    path: self.path.to_owned(),
                });
            }
            let read = self.read_chunk(&mut bytes)?;
            progress.advance(read as u64);
            if read == 0 {
                return Ok(bytes);
            }
        }
    }

    /// Appends the next few megabytes to `buf`; `Ok(0)` at the end.
    pub(crate) fn read_chunk(&mut self, buf: &mut Vec<u8>) -> Result<usize, FileError> {
        use std::io::Read;
        let before = buf.len();
        (&mut self.file)
            .take(Self::CHUNK)
            .read_to_end(buf)
            .map_err(|cause| FileError::Read {
                path: self.path.to_owned(),
                cause,
            })?;
        let read = buf.len() - before;
        self.read += read as u64;
        if self.read > self.limit {
            return Err(self.too_large(self.read));
        }
        Ok(read)
    }

    fn too_large(&self, size: u64) -> FileError {
        FileError::TooLarge {
            path: self.path.to_owned(),
            size,
            limit: self.limit,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_edit_of_the_same_size_with_its_time_put_back_has_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        std::fs::write(&path, "one").unwrap();
        let stamp = FileStamp::read(&path).unwrap().unwrap();
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        std::io::Write::write_all(&mut &file, b"two").unwrap();
        file.set_modified(stamp.modified.unwrap()).unwrap();
        drop(file);
        assert!(changed_on_disk(&path, &stamp));
        // The quick look before a save is fooled, which is why the save
        // compares the hash as well.
        assert!(!looks_changed(&path, &stamp));
    }

    #[test]
    fn a_touched_file_with_the_same_bytes_has_not_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        std::fs::write(&path, "one").unwrap();
        let stamp = FileStamp::read(&path).unwrap().unwrap();
        assert!(!changed_on_disk(&path, &stamp));
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&path, "one").unwrap();
        assert!(!changed_on_disk(&path, &stamp));
        std::fs::write(&path, "two").unwrap();
        assert!(changed_on_disk(&path, &stamp));
        std::fs::remove_file(&path).unwrap();
        assert!(changed_on_disk(&path, &stamp));
    }

    #[test]
    fn the_backup_keeps_the_previous_version() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        std::fs::write(&path, "old").unwrap();
        keep_backup(&path).unwrap();
        write_atomically(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(backup_path(&path)).unwrap(), "old");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
    }
}
