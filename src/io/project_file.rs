//! Project files: RON text, stable in order and layout so that two analysts
//! can keep one in git and review a diff.
//!
//! Saving writes a temporary file in the same folder, syncs it and renames
//! it over the old one, so a crash never leaves a half-written project.

use super::disk::{
    FileStamp, LimitedFile, StreamHash, changed_on_disk, keep_backup, looks_changed,
    read_limited_with, resolve_link,
};
use super::parallel::{Stop, WriteStop};
use crate::model::ids::read_sharing_ids;
use crate::model::{FORMAT_VERSION, Project};
use crate::progress::{Cancelled, Progress};
use atomic_write_file::AtomicWriteFile;
use serde::Deserialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Files larger than this are refused before they are read (512 MiB).
pub const MAX_PROJECT_BYTES: u64 = 512 * 1024 * 1024;

/// Nesting deeper than this is refused while parsing, so a hostile file
/// cannot exhaust the stack. A project nests about six levels deep.
const MAX_NESTING: usize = 64;

/// Why a project file could not be read or written. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{path}: cannot read: {cause}")]
    Read {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("{path}: cannot write: {cause}")]
    Write {
        path: PathBuf,
        cause: std::io::Error,
    },
    #[error("{path}: the file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        path: PathBuf,
        size: u64,
        limit: u64,
    },
    #[error("{path}: the file is empty, not a claimdesk project")]
    Empty { path: PathBuf },
    #[error("{path}: not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path}: written in project format {found}, newer than this claimdesk reads (up to {FORMAT_VERSION}); update claimdesk"
    )]
    NewerFormat { path: PathBuf, found: u32 },
    #[error(
        "{path}: changed on disk since it was opened (by another program or person); not overwriting it"
    )]
    ChangedOnDisk { path: PathBuf },
    #[error("{path}: is {project} itself, its backup or its lock; not overwriting it")]
    ProjectFile { path: PathBuf, project: PathBuf },
    #[error("{path}: not a regular file; not replacing it")]
    NotRegular { path: PathBuf },
    #[error(
        "{path}: the file is marked read-only; not replacing it (make it writable or save elsewhere; commands take --force)"
    )]
    ReadOnly { path: PathBuf },
    #[error(
        "{path}: the project would be over {limit} bytes, more than claimdesk opens; nothing was written"
    )]
    WouldBeTooLarge { path: PathBuf, limit: u64 },
    #[error("{path}: cannot serialise the project: {message}")]
    Serialise { path: PathBuf, message: String },
    #[error("{path}: opening cancelled")]
    Cancelled { path: PathBuf },
}

/// A RON parse error with its position, before a path is attached.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}:{column}: {message}")]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The pretty-printing settings that make the file stable and diffable.
pub(crate) fn pretty_config() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        // Without this ron writes \r\n on Windows and the file diffs differently.
        .new_line("\n")
        .indentor("    ")
        .struct_names(false)
        // Document text stays readable: line breaks are written as line
        // breaks, and a text holding quotes becomes a raw string.
        .escape_strings(false)
        // One line per label, source, document and claim: a change shows as
        // one changed line in a diff, and a big file is a third smaller.
        .depth_limit(2)
}

/// Writes a project as RON text, byte-identical for an unchanged project.
pub fn project_to_string(project: &Project) -> Result<String, ron::Error> {
    let mut text = super::parallel::to_string(project, &pretty_config())?;
    text.push('\n');
    Ok(text)
}

/// Texts at least this long are parsed on every core (see [`super::parallel`]).
const PARALLEL_FROM: usize = 1 << 20;

/// Parses RON text into a project; the error gives line and column.
pub fn parse_project(text: &str) -> Result<Project, ParseError> {
    match parse_project_with(text, &Progress::default()) {
        Ok(project) => Ok(project),
        Err(Parsing::Failed(error)) => Err(error),
        // Nobody can cancel a Progress nobody else holds.
        Err(Parsing::Cancelled) => Err(ParseError {
            line: 1,
            column: 1,
            message: "cancelled".into(),
        }),
    }
}

/// Why [`parse_project_with`] returned no project.
enum Parsing {
    Failed(ParseError),
    Cancelled,
}

fn parse_project_with(text: &str, progress: &Progress) -> Result<Project, Parsing> {
    let options = ron::Options::default().with_recursion_limit(MAX_NESTING);
    progress.stage("parsing", text.len() as u64);
    if text.len() >= PARALLEL_FROM {
        match super::parallel::parse(text, &options, progress) {
            Ok(Some(project)) => return Ok(project),
            Ok(None) => {}
            Err(Cancelled) => return Err(Parsing::Cancelled),
        }
    }
    let project = read_sharing_ids(|| options.from_str::<Project>(text)).map_err(|e| {
        Parsing::Failed(ParseError {
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })
    })?;
    progress.finish_stage();
    Ok(project)
}

/// Reads a project file. Never writes anything, whatever the bytes.
pub fn load_project(path: &Path) -> Result<Project, FileError> {
    // No stamp: hashing the whole file again is for those who save it back.
    load(path, &Progress::default(), false).map(|(project, _)| project)
}

/// Reads a project file and the stamp that later tells whether someone
/// else changed it.
pub fn load_project_stamped(path: &Path) -> Result<(Project, FileStamp), FileError> {
    load_project_with(path, &Progress::default())
}

/// Reads a project file like [`load_project_stamped`], reporting how far it
/// got in `progress` and giving up (with [`FileError::Cancelled`]) when
/// that is cancelled.
pub fn load_project_with(
    path: &Path,
    progress: &Progress,
) -> Result<(Project, FileStamp), FileError> {
    let (project, stamp) = load(path, progress, true)?;
    // `load` stamps whenever asked to. Were one ever missing, a stamp that
    // matches nothing is the safe stand-in: the next save asks first.
    let stamp = stamp.unwrap_or_else(|| FileStamp::hashed(path, 0, String::new()));
    Ok((project, stamp))
}

/// Reads and parses a project file, with its stamp when `stamp` is set.
///
/// A large file is parsed on every core while it is read
/// ([`super::parallel::parse_stream`]), and hashed as it goes: its bytes are
/// let go as soon as their claims are parsed, rather than held beside the
/// whole project to the end. When that way fails the file is read again
/// and parsed whole, which also gives the error its position.
fn load(
    path: &Path,
    progress: &Progress,
    stamp: bool,
) -> Result<(Project, Option<FileStamp>), FileError> {
    // A project read to be written back must be a file that a save can
    // replace: a pipe would also hold the reader until someone writes.
    // Read-only reads take any file (`claimdesk check <(git show …)`).
    if stamp && std::fs::metadata(path).is_ok_and(|metadata| !metadata.is_file()) {
        return Err(FileError::NotRegular {
            path: path.to_owned(),
        });
    }
    let mut file = LimitedFile::open(path, MAX_PROJECT_BYTES)?;
    let size = file.size();
    if size < PARALLEL_FROM as u64 || begins_unlike_ours(path) {
        let bytes = file.read_all(progress)?;
        return parse_then_stamp(path, &bytes, progress, stamp);
    }
    let mut hash = stamp.then(StreamHash::default);
    let mut len = 0u64;
    let read = |buf: &mut Vec<u8>| -> Result<usize, FileError> {
        let before = buf.len();
        let read = file.read_chunk(buf)?;
        len += read as u64;
        if let Some(hash) = hash.as_mut() {
            hash.update(&buf[before..]);
        }
        Ok(read)
    };
    progress.stage("reading and parsing", size);
    let options = ron::Options::default().with_recursion_limit(MAX_NESTING);
    let parsed = super::parallel::parse_stream(
        read,
        usize::try_from(size).unwrap_or(usize::MAX),
        &options,
        crate::pool::threads(),
        progress,
    );
    match parsed {
        Err(Stop::Cancelled) => Err(FileError::Cancelled {
            path: path.to_owned(),
        }),
        Err(Stop::Read(error)) => Err(error),
        Ok(Some(project)) if project.format_version > FORMAT_VERSION => {
            Err(FileError::NewerFormat {
                path: path.to_owned(),
                found: project.format_version,
            })
        }
        Ok(Some(project)) => {
            progress.finish_stage();
            let stamp = hash.map(|hash| FileStamp::hashed(path, len as usize, hash.finish()));
            Ok((project, stamp))
        }
        Ok(None) => {
            let bytes = read_limited_with(path, MAX_PROJECT_BYTES, progress)?;
            parse_then_stamp(path, &bytes, progress, stamp)
        }
    }
}

/// Parses `bytes` whole, then stamps them when `stamp` is set.
fn parse_then_stamp(
    path: &Path,
    bytes: &[u8],
    progress: &Progress,
    stamp: bool,
) -> Result<(Project, Option<FileStamp>), FileError> {
    let project = parse_bytes(path, bytes, progress)?;
    if !stamp {
        return Ok((project, None));
    }
    progress.stage("hashing", 1);
    let stamp = FileStamp::of(path, bytes);
    progress.finish_stage();
    Ok((project, Some(stamp)))
}

/// Parses the bytes of a project file; `path` is only used in messages.
pub fn parse_project_bytes(path: &Path, bytes: &[u8]) -> Result<Project, FileError> {
    parse_bytes(path, bytes, &Progress::default())
}

/// The byte-order mark some Windows editors put at the start of a file.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// True when the file starts as claimdesk never writes one: with a
/// byte-order mark, or with a first line that ends in `\r\n` (what
/// [`as_written`] undoes), or with no line end in its first 64 KiB. Such a
/// file is read whole, through [`as_written`], rather than parsed while it
/// is read, so that it reads the same at any size.
fn begins_unlike_ours(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(64 << 10).read_to_end(&mut head));
    if read.is_err() {
        // The whole read says what is wrong with the file.
        return true;
    }
    if head.starts_with(BOM) {
        return true;
    }
    match memchr::memchr(b'\n', &head) {
        Some(end) => end > 0 && head[end - 1] == b'\r',
        None => true,
    }
}

/// The text of a project file as claimdesk wrote it, undoing what editors
/// and tools do to text files: a byte-order mark is dropped, and a file
/// whose first line ends in `\r\n` (converted to Windows line ends by an
/// editor, or by git's `core.autocrlf`) has every `\r\n` turned back into
/// `\n`, so that the documents' texts match their hashes again.
fn as_written(bytes: &[u8]) -> std::borrow::Cow<'_, [u8]> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let first_line = bytes.iter().position(|&b| b == b'\n');
    if first_line.is_some_and(|end| end > 0 && bytes[end - 1] == b'\r') {
        let mut text = Vec::with_capacity(bytes.len());
        let mut rest = bytes;
        while let Some(at) = memchr::memmem::find(rest, b"\r\n") {
            text.extend_from_slice(&rest[..at]);
            text.push(b'\n');
            rest = &rest[at + 2..];
        }
        text.extend_from_slice(rest);
        return text.into();
    }
    bytes.into()
}

fn parse_bytes(path: &Path, bytes: &[u8], progress: &Progress) -> Result<Project, FileError> {
    let bytes = &*as_written(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(FileError::Empty {
            path: path.to_owned(),
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| FileError::NotUtf8 {
        path: path.to_owned(),
        offset: e.valid_up_to(),
    })?;
    match parse_project_with(text, progress) {
        Ok(project) if project.format_version > FORMAT_VERSION => Err(FileError::NewerFormat {
            path: path.to_owned(),
            found: project.format_version,
        }),
        Ok(project) => Ok(project),
        Err(Parsing::Cancelled) => Err(FileError::Cancelled {
            path: path.to_owned(),
        }),
        Err(Parsing::Failed(error)) => {
            // A newer format may not parse as this one: say so rather than
            // pointing at a field this build has never heard of.
            if let Some(found) = format_version_of(text).filter(|&v| v > FORMAT_VERSION) {
                return Err(FileError::NewerFormat {
                    path: path.to_owned(),
                    found,
                });
            }
            Err(FileError::Parse {
                path: path.to_owned(),
                line: error.line,
                column: error.column,
                message: error.message,
            })
        }
    }
}

/// The `format_version` of a file that may not parse as a whole.
fn format_version_of(text: &str) -> Option<u32> {
    #[derive(Deserialize)]
    struct VersionOnly {
        format_version: u32,
    }
    let options = ron::Options::default().with_recursion_limit(MAX_NESTING);
    options
        .from_str::<VersionOnly>(text)
        .ok()
        .map(|v| v.format_version)
}

/// Saves atomically: the old file stays whole until the new one is on
/// disk, and is kept as `NAME.ron.bak`.
pub fn save_project(path: &Path, project: &Project) -> Result<FileStamp, FileError> {
    save_project_checked(path, project, None)
}

/// Saves like [`save_project`], but first makes sure the file still holds
/// what `expected` recorded when it was loaded or last saved: a file that
/// someone else changed meanwhile is never silently overwritten. A file
/// marked read-only is not replaced either.
pub fn save_project_checked(
    path: &Path,
    project: &Project,
    expected: Option<&FileStamp>,
) -> Result<FileStamp, FileError> {
    save_written(path, expected, false, MAX_PROJECT_BYTES, |put| {
        super::parallel::write(project, &pretty_config(), put)
    })
}

/// Saves like [`save_project`], over a file marked read-only too: what a
/// command's `--force` asks for.
pub fn save_project_forced(path: &Path, project: &Project) -> Result<FileStamp, FileError> {
    save_written(path, None, true, MAX_PROJECT_BYTES, |put| {
        super::parallel::write(project, &pretty_config(), put)
    })
}

/// Puts one piece of a file's text out.
type Put<'a> = &'a mut dyn FnMut(&str) -> std::io::Result<()>;

/// What `write` puts out, saved as [`save_project_checked`] saves a project.
///
/// A symbolic link is followed: the file it points to is replaced, in its
/// own folder and keeping its permissions, and the link stays a link.
///
/// The text goes to the file piece by piece as the threads write it (see
/// `super::parallel::write`), and is hashed for the stamp on the way: it is
/// never held whole, and the disk is already writing the first megabytes
/// while the last are being made. A text grown past what claimdesk opens is
/// given up. Only once it is all written is the file checked again for
/// someone else's save (by its hash) and the old version kept as the
/// backup, so that a save that fails changes neither.
fn save_written(
    path: &Path,
    expected: Option<&FileStamp>,
    replace_read_only: bool,
    limit: u64,
    write: impl FnOnce(Put<'_>) -> Result<(), WriteStop<std::io::Error>>,
) -> Result<FileStamp, FileError> {
    let path = &resolve_link(path);
    if let Ok(metadata) = std::fs::metadata(path) {
        if !metadata.is_file() {
            return Err(FileError::NotRegular {
                path: path.to_owned(),
            });
        }
        if metadata.permissions().readonly() && !replace_read_only {
            return Err(FileError::ReadOnly {
                path: path.to_owned(),
            });
        }
    }
    let changed_error = || FileError::ChangedOnDisk {
        path: path.to_owned(),
    };
    if expected.is_some_and(|stamp| looks_changed(path, stamp)) {
        return Err(changed_error());
    }
    let mut hash = StreamHash::default();
    let mut len = 0;
    // Why the temporary file was given up, when it was not the file's own error.
    let mut failure = None;
    let written = write_atomically_with(path, |file| {
        let mut unsynced = 0;
        let mut too_large = false;
        let mut put = |piece: &str| -> std::io::Result<()> {
            if (len + piece.len()) as u64 > limit {
                too_large = true;
                return Err(std::io::Error::other("the project is too large"));
            }
            file.write_all(piece.as_bytes())?;
            hash.update(piece.as_bytes());
            len += piece.len();
            unsynced += piece.len();
            if unsynced >= SYNC_EVERY {
                // The final sync then waits for the last part only.
                file.sync_data()?;
                unsynced = 0;
            }
            Ok(())
        };
        let mut give_up = |error: FileError| {
            failure = Some(error);
            Err(std::io::Error::other("the save was given up"))
        };
        let result = write(&mut put).and_then(|()| put("\n").map_err(WriteStop::Put));
        if too_large {
            return give_up(FileError::WouldBeTooLarge {
                path: path.to_owned(),
                limit,
            });
        }
        match result {
            Ok(()) => {}
            Err(WriteStop::Put(error)) => return Err(error),
            Err(WriteStop::Serialise(error)) => {
                return give_up(FileError::Serialise {
                    path: path.to_owned(),
                    message: error.to_string(),
                });
            }
        }
        // Someone else may have saved over the file while this text was
        // being written, which takes a while for a large project.
        if expected.is_some_and(|stamp| changed_on_disk(path, stamp)) {
            return give_up(changed_error());
        }
        match keep_backup(path) {
            Ok(()) => Ok(()),
            Err(error) => give_up(error),
        }
    });
    match (written, failure) {
        (Ok(()), _) => Ok(FileStamp::hashed(path, len, hash.finish())),
        (Err(_), Some(failure)) => Err(failure),
        (Err(error), None) => Err(error),
    }
}

/// How many bytes a save writes between syncs, so that the disk writes a
/// large file while the rest of it is being made.
const SYNC_EVERY: usize = 16 << 20;

/// Writes `bytes` to `path` through a synced temporary file in the same
/// folder and a rename. A failed write leaves neither a changed file nor a
/// temporary one behind.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    write_atomically_with(path, |file| file.write_all(bytes))
}

/// Writes to `path` as [`write_atomically`] does, with `write` putting the
/// bytes into the temporary file.
fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut AtomicWriteFile) -> std::io::Result<()>,
) -> Result<(), FileError> {
    let write_error = |cause| FileError::Write {
        path: path.to_owned(),
        cause,
    };
    // A save killed between naming its temporary file and the rename (a
    // window of microseconds) leaves that file behind: clear such leftovers
    // so they never pile up.
    remove_temporary_siblings(path);
    let result = AtomicWriteFile::options().open(path).and_then(|mut file| {
        write(&mut file)?;
        file.commit()
    });
    if result.is_err() {
        // A rename that fails after the temporary file got its name (the
        // target is now a folder, say) leaves it too.
        remove_temporary_siblings(path);
    }
    result.map_err(write_error)
}

/// Removes the temporary files of atomic writes to `path`: `.NAME.xxxxxx`
/// beside it, six letters or digits, as the atomic-write-file crate names them.
fn remove_temporary_siblings(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let is_temporary = |file: &str| {
        file.strip_prefix(&prefix)
            .is_some_and(|tail| tail.len() == 6 && tail.bytes().all(|b| b.is_ascii_alphanumeric()))
    };
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        if is_temporary(&entry.file_name().to_string_lossy()) {
            // Best effort: a leftover that cannot be removed harms nothing.
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::disk::backup_path;

    use crate::sample_project as sample;

    fn whole(project: &Project) -> impl FnOnce(Put<'_>) -> Result<(), WriteStop<std::io::Error>> {
        let text = project_to_string(project).unwrap();
        move |put| put(text.trim_end_matches('\n')).map_err(WriteStop::Put)
    }

    #[test]
    fn a_file_someone_saves_over_while_this_save_writes_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        let project = sample();
        let stamp = save_project(&path, &project).unwrap();
        let write = |put: Put<'_>| {
            put("(format_version: ").map_err(WriteStop::Put)?;
            std::fs::write(&path, "someone else's save").unwrap();
            put("1").map_err(WriteStop::Put)
        };
        let result = save_written(&path, Some(&stamp), false, MAX_PROJECT_BYTES, write);
        assert!(
            matches!(result, Err(FileError::ChangedOnDisk { .. })),
            "{result:?}"
        );
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "someone else's save"
        );
        // Nor did the failed save keep the other one's file as its backup.
        assert!(!backup_path(&path).exists());
    }

    #[test]
    fn a_save_that_cannot_be_written_leaves_the_file_and_its_backup_as_they_were() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        let mut project = sample();
        save_project(&path, &project).unwrap();
        let first = std::fs::read(&path).unwrap();
        project.name.push_str(" (second)");
        let stamp = save_project(&path, &project).unwrap();
        let second = std::fs::read(&path).unwrap();
        assert_eq!(std::fs::read(backup_path(&path)).unwrap(), first);
        let failing = |put: Put<'_>| {
            put("(format_version: ").map_err(WriteStop::Put)?;
            Err(WriteStop::Serialise(ron::Error::Message("cannot".into())))
        };
        let result = save_written(&path, Some(&stamp), false, MAX_PROJECT_BYTES, failing);
        assert!(
            matches!(result, Err(FileError::Serialise { .. })),
            "{result:?}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), second);
        assert_eq!(std::fs::read(backup_path(&path)).unwrap(), first);
        // And the same save, whole, goes through with its stamp.
        let stamp = save_written(
            &path,
            Some(&stamp),
            false,
            MAX_PROJECT_BYTES,
            whole(&project),
        )
        .unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), second);
        assert!(!changed_on_disk(&path, &stamp));
        assert_eq!(std::fs::read(backup_path(&path)).unwrap(), second);
    }

    #[test]
    fn a_project_larger_than_claimdesk_opens_is_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        let project = sample();
        let stamp = save_project(&path, &project).unwrap();
        let before = std::fs::read(&path).unwrap();
        let limit = before.len() as u64 - 1;
        let result = save_written(&path, Some(&stamp), false, limit, whole(&project));
        assert!(
            matches!(result, Err(FileError::WouldBeTooLarge { .. })),
            "{result:?}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), before);
        let fits = save_written(&path, Some(&stamp), false, limit + 1, whole(&project));
        assert!(fits.is_ok(), "{fits:?}");
    }

    #[test]
    fn an_edit_of_the_same_size_with_its_time_put_back_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        let mut project = sample();
        let stamp = save_project(&path, &project).unwrap();
        let mut theirs = std::fs::read(&path).unwrap();
        let at = theirs.windows(7).position(|w| w == b"Belgoro").unwrap();
        theirs[at] = b'b';
        let file = std::fs::File::options().write(true).open(&path).unwrap();
        (&file).write_all(&theirs).unwrap();
        file.set_modified(stamp.modified.unwrap()).unwrap();
        drop(file);
        project.name.push('!');
        let result = save_project_checked(&path, &project, Some(&stamp));
        assert!(
            matches!(result, Err(FileError::ChangedOnDisk { .. })),
            "{result:?}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), theirs);
    }
}
