//! Project files: RON text, stable in order and layout so that two analysts
//! can keep one in git and review a diff.
//!
//! Saving writes a temporary file in the same folder, syncs it and renames
//! it over the old one, so a crash never leaves a half-written project.

use crate::model::{FORMAT_VERSION, Project};
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
    #[error("{path}: cannot read: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
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
    #[error("{path}: cannot serialise the project: {message}")]
    Serialise { path: PathBuf, message: String },
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
fn pretty_config() -> ron::ser::PrettyConfig {
    ron::ser::PrettyConfig::new()
        // Without this ron writes \r\n on Windows and the file diffs differently.
        .new_line("\n")
        .indentor("    ")
        .struct_names(false)
        // Document text stays readable: line breaks are written as line
        // breaks, and a text holding quotes becomes a raw string.
        .escape_strings(false)
}

/// Writes a project as RON text, byte-identical for an unchanged project.
pub fn project_to_string(project: &Project) -> Result<String, ron::Error> {
    let mut text = ron::ser::to_string_pretty(project, pretty_config())?;
    text.push('\n');
    Ok(text)
}

/// Parses RON text into a project; the error gives line and column.
pub fn parse_project(text: &str) -> Result<Project, ParseError> {
    let options = ron::Options::default().with_recursion_limit(MAX_NESTING);
    options.from_str::<Project>(text).map_err(|e| ParseError {
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    })
}

/// Reads a project file. Never writes anything, whatever the bytes.
pub fn load_project(path: &Path) -> Result<Project, FileError> {
    let read_error = |source| FileError::Read {
        path: path.to_owned(),
        source,
    };
    let size = std::fs::metadata(path).map_err(read_error)?.len();
    if size > MAX_PROJECT_BYTES {
        return Err(FileError::TooLarge {
            path: path.to_owned(),
            size,
            limit: MAX_PROJECT_BYTES,
        });
    }
    let bytes = std::fs::read(path).map_err(read_error)?;
    parse_project_bytes(path, &bytes)
}

/// Parses the bytes of a project file; `path` is only used in messages.
pub fn parse_project_bytes(path: &Path, bytes: &[u8]) -> Result<Project, FileError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(FileError::Empty {
            path: path.to_owned(),
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| FileError::NotUtf8 {
        path: path.to_owned(),
        offset: e.valid_up_to(),
    })?;
    match parse_project(text) {
        Ok(project) if project.format_version > FORMAT_VERSION => Err(FileError::NewerFormat {
            path: path.to_owned(),
            found: project.format_version,
        }),
        Ok(project) => Ok(project),
        Err(error) => {
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

/// Saves atomically: the old file stays whole until the new one is on disk.
pub fn save_project(path: &Path, project: &Project) -> Result<(), FileError> {
    let text = project_to_string(project).map_err(|e| FileError::Serialise {
        path: path.to_owned(),
        message: e.to_string(),
    })?;
    write_atomically(path, text.as_bytes())
}

/// Writes `bytes` to `path` through a synced temporary file in the same
/// folder and a rename.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let write_error = |source| FileError::Write {
        path: path.to_owned(),
        source,
    };
    let mut file = atomic_write_file::AtomicWriteFile::options()
        .open(path)
        .map_err(write_error)?;
    file.write_all(bytes).map_err(write_error)?;
    file.commit().map_err(write_error)
}
