//! Files and pasted text as new documents: one set of rules for the
//! command line's `add-docs` and the workbench's Import, Paste and dropped
//! files, so that a document has the same id, title and offsets whichever
//! way it came in. A file is plain text, a saved web page (its article, by
//! [`html`]) or a PDF (its text, by [`pdf`]), told by its first bytes.
//!
//! The result is one [`Edit`] (the documents, and their sources when they
//! are new), applied as one undoable step; nothing here changes a project.

pub mod extract;
pub mod html;
pub mod pdf;

use self::extract::{EXTRACT_LIMIT, FileKind, MAX_SOURCE_FILE_BYTES, Stopped};
use super::FileError;
use crate::edit::Edit;
use crate::model::{Document, DocumentId, MAX_DOCUMENT_BYTES, Project, Source, SourceId};
use crate::progress::Progress;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A title is at most this many characters of the text's first line.
const TITLE_CHARS: usize = 120;

/// The source new documents belong to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceChoice {
    /// One the project has.
    Existing(SourceId),
    /// The source of this name (case and spacing ignored), created when the
    /// project has none.
    Named(String),
    /// For a web page, the source its site names (by name, else by the
    /// address of the source's site), created when the project has none;
    /// for any other file, or a page that names no site, the one named here.
    SiteOrNamed(String),
}

/// A file read as a document: its text and what the file says about itself
/// (a web page's title, byline, site, date and address; nothing for text).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FileDocument {
    pub text: String,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
}

/// Reads a file as a document, whatever it holds: text as it is, a saved
/// web page's article, a PDF's text. A web page or PDF is read on a thread
/// of its own, given up after [`EXTRACT_LIMIT`], and its reader's panic is
/// an error naming the file.
pub fn read_document_file(path: &Path) -> Result<FileDocument, ImportError> {
    read_document_file_within(path, EXTRACT_LIMIT)
}

fn read_document_file_within(path: &Path, limit: Duration) -> Result<FileDocument, ImportError> {
    let kind = FileKind::of(path, &head_of(path)?);
    // A text file is held to the size of a document before it is read; a
    // page or PDF may be larger than the text it gives.
    let size_limit = match kind {
        FileKind::Text => MAX_DOCUMENT_BYTES as u64,
        FileKind::WebPage | FileKind::Pdf => MAX_SOURCE_FILE_BYTES,
    };
    let bytes = super::read_limited(path, size_limit)?;
    let document = match kind {
        FileKind::Text => FileDocument {
            text: text_of(path, &bytes)?,
            ..FileDocument::default()
        },
        FileKind::WebPage => extract::guarded(limit, move || html::read_page(&bytes))
            .map_err(|stopped| reader_stopped(path, kind, stopped))?
            .map_err(|problem| ImportError::WebPage {
                path: path.to_owned(),
                problem,
            })?,
        FileKind::Pdf => FileDocument {
            text: extract::guarded(limit, move || pdf::read_pdf(bytes))
                .map_err(|stopped| reader_stopped(path, kind, stopped))?
                .map_err(|problem| ImportError::Pdf {
                    path: path.to_owned(),
                    problem,
                })?,
            ..FileDocument::default()
        },
    };
    if document.text.len() > MAX_DOCUMENT_BYTES {
        return Err(ImportError::TextTooLong {
            path: path.to_owned(),
            bytes: document.text.len(),
        });
    }
    Ok(document)
}

/// The first 2 KB of a file, by which its kind is told; nothing for what
/// is not a plain file (a pipe read twice would lose its start).
fn head_of(path: &Path) -> Result<Vec<u8>, ImportError> {
    use std::io::Read as _;
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return Ok(Vec::new());
    }
    let read_error = |cause| {
        ImportError::File(FileError::Read {
            path: path.to_owned(),
            cause,
        })
    };
    let mut head = Vec::with_capacity(2048);
    std::fs::File::open(path)
        .map_err(read_error)?
        .take(2048)
        .read_to_end(&mut head)
        .map_err(read_error)?;
    Ok(head)
}

fn reader_stopped(path: &Path, kind: FileKind, stopped: Stopped) -> ImportError {
    match stopped {
        Stopped::TimedOut(limit) => ImportError::TimedOut {
            path: path.to_owned(),
            kind: kind.name(),
            seconds: limit.as_secs().max(1),
        },
        Stopped::Panicked(message) => ImportError::ReaderFailed {
            path: path.to_owned(),
            kind: kind.name(),
            message,
        },
    }
}

/// What is recorded about new documents besides their text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentDetails {
    pub source: SourceChoice,
    /// The title of the one document added (default: its first line).
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub url: Option<String>,
}

impl DocumentDetails {
    /// Documents of `source`, with nothing else said about them.
    pub fn of(source: SourceChoice) -> Self {
        Self {
            source,
            title: None,
            published: None,
            url: None,
        }
    }
}

/// Why documents could not be added. Each message is one line; a file's
/// names the file.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error(transparent)]
    File(#[from] FileError),
    #[error("{path}: not UTF-8 text (invalid byte at offset {offset}); convert it to UTF-8 first")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: holds a NUL byte (at byte {at}), so it is not a text file")]
    Nul { path: PathBuf, at: usize },
    #[error("{path}: has no file name to take an id from")]
    NoName { path: PathBuf },
    #[error(
        "{path}: a document with id '{id}' is already in the project; rename the file to add it as well"
    )]
    Taken { path: PathBuf, id: DocumentId },
    #[error(
        "{path}: has the same name as {first} (both would be document '{id}'); rename one of them"
    )]
    SameName {
        path: PathBuf,
        first: PathBuf,
        id: DocumentId,
    },
    #[error("a title names one document, but {0} files were given")]
    TitleForMany(usize),
    #[error("no file was given")]
    NoFiles,
    #[error("the text to add is empty")]
    EmptyText,
    #[error("the pasted text holds a NUL byte (at byte {0}), which is not text")]
    NulInText(usize),
    #[error("name the source of the documents, or pick an existing one")]
    NoSource,
    #[error("source '{0}' is not in the project")]
    NoSuchSource(SourceId),
    #[error("import cancelled")]
    Cancelled,
    #[error("{path}: {problem}")]
    WebPage {
        path: PathBuf,
        problem: html::PageError,
    },
    #[error("{path}: {problem}")]
    Pdf {
        path: PathBuf,
        problem: pdf::PdfError,
    },
    #[error("{path}: reading this {kind} took longer than {seconds} s, so it was given up")]
    TimedOut {
        path: PathBuf,
        kind: &'static str,
        seconds: u64,
    },
    #[error("{path}: the {kind} reader failed on this file ({message}); the file may be malformed")]
    ReaderFailed {
        path: PathBuf,
        kind: &'static str,
        message: String,
    },
    #[error(
        "{path}: its text is {bytes} bytes, more than a document may hold ({MAX_DOCUMENT_BYTES})"
    )]
    TextTooLong { path: PathBuf, bytes: usize },
}

/// Reads a text file as UTF-8 for a document: a byte-order mark is dropped
/// (offsets count from the first character of the text, as every other tool
/// counts them), and a file that is not text or is over the size of a
/// document is refused by name before it is read whole.
pub fn read_text_file(path: &Path) -> Result<String, ImportError> {
    let bytes = super::read_limited(path, MAX_DOCUMENT_BYTES as u64)?;
    text_of(path, &bytes)
}

/// A text file's bytes as its text, by the rules of [`read_text_file`].
fn text_of(path: &Path, bytes: &[u8]) -> Result<String, ImportError> {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(text).map_err(|e| ImportError::NotUtf8 {
        path: path.to_owned(),
        offset: e.valid_up_to(),
    })?;
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        return Err(ImportError::Nul {
            path: path.to_owned(),
            at,
        });
    }
    Ok(text.to_owned())
}

/// A title from the first non-empty line of a text, cut to 120 characters;
/// `fallback` when the text has none.
pub fn title_of(text: &str, fallback: &str) -> String {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map_or_else(
            || fallback.to_owned(),
            |l| l.chars().take(TITLE_CHARS).collect(),
        )
}

/// The files as new documents, one edit for them all: a document's id is
/// its file stem, and a taken id is an error (never silently renamed).
/// What the form or command line says (title, date, address) wins over
/// what a web page says about itself. Counts files in `progress` and stops
/// when it is cancelled.
pub fn import_files(
    project: &Project,
    files: &[PathBuf],
    details: &DocumentDetails,
    progress: &Progress,
) -> Result<Edit, ImportError> {
    if files.is_empty() {
        return Err(ImportError::NoFiles);
    }
    if details.title.is_some() && files.len() > 1 {
        return Err(ImportError::TitleForMany(files.len()));
    }
    let mut sources = NewSources::default();
    let mut documents = Vec::new();
    let mut taken: Vec<(DocumentId, &Path)> = Vec::new();
    // A named source is checked before any file is read.
    if !matches!(details.source, SourceChoice::SiteOrNamed(_)) {
        sources.choose(project, &details.source, None)?;
    }
    progress.stage("reading files", files.len() as u64);
    for path in files {
        progress.go_on().map_err(|_| ImportError::Cancelled)?;
        let id = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .filter(|s| !s.is_empty())
            .map(DocumentId::from)
            .ok_or_else(|| ImportError::NoName { path: path.clone() })?;
        if project.document(&id).is_some() {
            return Err(ImportError::Taken {
                path: path.clone(),
                id,
            });
        }
        if let Some((_, first)) = taken.iter().find(|(other, _)| *other == id) {
            return Err(ImportError::SameName {
                path: path.clone(),
                first: first.to_path_buf(),
                id,
            });
        }
        let file = read_document_file(path)?;
        let source = sources.choose(project, &details.source, Some(&file))?;
        documents.push(Edit::add_document(new_document(
            id.clone(),
            file,
            source,
            details,
        )));
        taken.push((id, path));
        progress.advance(1);
    }
    progress.finish_stage();
    let mut edits = sources.edits;
    edits.extend(documents);
    Ok(Edit::Batch(edits))
}

/// An id made from a title has at most this many characters.
const ID_CHARS: usize = 40;

/// A proposed title is cut, at a word, to about this many characters.
const PROPOSED_TITLE_CHARS: usize = 80;

/// The title proposed for pasted text: its first sentence (of its first
/// non-empty line), cut at a word to about 80 characters; empty when the
/// text is.
pub fn propose_title(text: &str) -> String {
    let Some(line) = text.lines().map(str::trim).find(|l| !l.is_empty()) else {
        return String::new();
    };
    // The first sentence ends at a stop followed by a space (or the line's
    // end): "Mr. Smith" cuts early now and then; a headline has no stop.
    let mut end = line.len();
    for (at, c) in line.char_indices() {
        if matches!(c, '.' | '!' | '?' | '。' | '؟') {
            let next = line[at + c.len_utf8()..].chars().next();
            if next.is_none_or(char::is_whitespace) {
                end = at + if c == '.' { 0 } else { c.len_utf8() };
                break;
            }
        }
    }
    let sentence = line[..end].trim();
    if sentence.chars().count() <= PROPOSED_TITLE_CHARS {
        return sentence.to_owned();
    }
    let cut: String = sentence.chars().take(PROPOSED_TITLE_CHARS).collect();
    let at_word = match cut.rfind(char::is_whitespace) {
        Some(space) if space > cut.len() / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
}

/// A document id made from a title: its letters and digits in lower case,
/// other runs as one `-`, at most 40 characters ("Belgorod: 24 dead" →
/// `belgorod-24-dead`); empty when the title has no letter or digit.
pub fn id_from_title(title: &str) -> String {
    let mut id = String::new();
    for c in title.chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if !id.is_empty() && !id.ends_with('-') {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    if id.chars().count() <= ID_CHARS {
        return id.to_owned();
    }
    // Cut at a word's end where one is near, not inside a word.
    let cut: String = id.chars().take(ID_CHARS + 1).collect();
    match cut.rfind('-') {
        Some(dash) if dash >= ID_CHARS / 2 => cut[..dash].to_owned(),
        _ => id.chars().take(ID_CHARS).collect(),
    }
}

/// Pasted text as a new document, its id made from its title (`pasted`
/// when the title has no letters; `-2`… when taken), with its source when
/// that is new. Without a title, the first sentence is proposed.
pub fn paste_document(
    project: &Project,
    text: &str,
    details: &DocumentDetails,
) -> Result<Edit, ImportError> {
    if text.trim().is_empty() {
        return Err(ImportError::EmptyText);
    }
    if let Some(at) = memchr::memchr(0, text.as_bytes()) {
        return Err(ImportError::NulInText(at));
    }
    let mut sources = NewSources::default();
    let source = sources.choose(project, &details.source, None)?;
    let title = match details.title.as_deref().map(str::trim) {
        Some(title) if !title.is_empty() => title.to_owned(),
        _ => propose_title(text),
    };
    let wanted = id_from_title(&title);
    let id = project.free_document_id(if wanted.is_empty() { "pasted" } else { &wanted });
    let details = DocumentDetails {
        title: Some(title),
        ..details.clone()
    };
    let file = FileDocument {
        text: text.to_owned(),
        ..FileDocument::default()
    };
    let mut edits = sources.edits;
    edits.push(Edit::add_document(new_document(id, file, source, &details)));
    Ok(Edit::Batch(edits))
}

/// A new document of `source`: the details given win over what the file
/// says about itself; the title is the file's, else the text's first line.
fn new_document(
    id: DocumentId,
    file: FileDocument,
    source: SourceId,
    details: &DocumentDetails,
) -> Document {
    let given = |value: &Option<String>| {
        value
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let title = given(&details.title)
        .or_else(|| given(&file.title))
        .unwrap_or_else(|| title_of(&file.text, id.as_str()));
    let mut document = Document::new(id, &title, source, file.text);
    document.published = details.published.or(file.published);
    document.url = given(&details.url).or_else(|| given(&file.url));
    document.byline = file.byline;
    document.site_name = file.site_name;
    document
}

/// The sources an import chooses, and the ones it adds: two pages of one
/// new site make one new source.
#[derive(Default)]
struct NewSources {
    edits: Vec<Edit>,
    added: Vec<Source>,
}

impl NewSources {
    /// The id of the source for `file` (for the import as a whole when
    /// `None`), adding the source when it is new.
    fn choose(
        &mut self,
        project: &Project,
        choice: &SourceChoice,
        file: Option<&FileDocument>,
    ) -> Result<SourceId, ImportError> {
        let name = match choice {
            SourceChoice::Existing(id) => {
                return match project.source(id) {
                    Some(source) => Ok(source.id.clone()),
                    None => Err(ImportError::NoSuchSource(id.clone())),
                };
            }
            SourceChoice::Named(name) => name.trim(),
            SourceChoice::SiteOrNamed(otherwise) => {
                let site = file.and_then(|f| {
                    f.site_name
                        .as_deref()
                        .or(f.url.as_deref().and_then(host_of))
                });
                if let Some(site) = site {
                    let by_address = file
                        .and_then(|f| f.url.as_deref())
                        .and_then(|url| source_at(project, url));
                    if let (None, Some(id)) = (project.source_named(site), by_address) {
                        return Ok(id);
                    }
                    site.trim()
                } else {
                    otherwise.trim()
                }
            }
        };
        if name.is_empty() {
            return Err(ImportError::NoSource);
        }
        if let Some(existing) = project.source_named(name) {
            return Ok(existing.id.clone());
        }
        let wanted = crate::model::normalize_name(name);
        if let Some(added) = self
            .added
            .iter()
            .find(|s| crate::model::normalize_name(&s.name) == wanted)
        {
            return Ok(added.id.clone());
        }
        let source = Source::new(name);
        let id = source.id.clone();
        self.edits.push(Edit::add_source(source.clone()));
        self.added.push(source);
        Ok(id)
    }
}

/// The host of a web address without `www.` ("https://www.bbc.co.uk/news"
/// gives `bbc.co.uk`).
fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    (!host.is_empty()).then_some(host)
}

/// The source whose own address is on the same host as `url`.
fn source_at(project: &Project, url: &str) -> Option<SourceId> {
    let host = host_of(url)?.to_ascii_lowercase();
    project
        .sources
        .iter()
        .find(|s| {
            s.url
                .as_deref()
                .and_then(host_of)
                .is_some_and(|h| h.eq_ignore_ascii_case(&host))
        })
        .map(|s| s.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> Project {
        let mut project = Project::new("p");
        project.sources.push(Source::new("Outlet"));
        project
    }

    #[test]
    fn titles_are_the_first_line_cut_to_120_characters() {
        assert_eq!(title_of("\n  Headline  \nbody", "id"), "Headline");
        assert_eq!(title_of(" \n ", "id"), "id");
        assert_eq!(title_of(&"é".repeat(300), "id").chars().count(), 120);
    }

    #[test]
    fn the_proposed_title_is_the_first_sentence_cut_at_a_word() {
        assert_eq!(
            propose_title("\n Eight people died. Officials said more.\nBody"),
            "Eight people died"
        );
        assert_eq!(propose_title("Version 2.5 is out"), "Version 2.5 is out");
        assert_eq!(propose_title("Why? Because."), "Why?");
        let long = "word ".repeat(40);
        let title = propose_title(&long);
        assert!(title.ends_with("word…"), "{title}");
        assert!(title.chars().count() <= PROPOSED_TITLE_CHARS + 1);
        assert_eq!(propose_title(" \n "), "");
    }

    #[test]
    fn ids_from_titles_keep_letters_and_digits() {
        assert_eq!(id_from_title("Belgorod: 24 dead!"), "belgorod-24-dead");
        assert_eq!(id_from_title("Белгород — 24"), "белгород-24");
        assert_eq!(id_from_title("***"), "");
        assert!(id_from_title(&"a b ".repeat(50)).chars().count() <= 40);
    }

    #[test]
    fn pastes_of_one_title_get_ids_of_their_own() {
        let mut project = project();
        let details = DocumentDetails::of(SourceChoice::Named("outlet".into()));
        for expected in ["strike-on-belgorod", "strike-on-belgorod-2"] {
            let edit = paste_document(&project, "Strike on Belgorod. Text.", &details).unwrap();
            crate::edit::apply(&mut project, edit).unwrap();
            assert_eq!(project.documents.last().unwrap().id.as_str(), expected);
        }
        let edit = paste_document(&project, "!!!", &details).unwrap();
        crate::edit::apply(&mut project, edit).unwrap();
        assert_eq!(project.documents.last().unwrap().id.as_str(), "pasted");
    }

    #[test]
    fn a_pasted_text_gets_a_free_id_and_a_title() {
        let project = project();
        let details = DocumentDetails::of(SourceChoice::Named("outlet".into()));
        let Edit::Batch(edits) = paste_document(&project, "Hello\nworld", &details).unwrap() else {
            panic!("one step");
        };
        let [Edit::InsertDocument { document, .. }] = edits.as_slice() else {
            panic!("the existing source is reused: {edits:?}");
        };
        assert_eq!(document.id.as_str(), "hello");
        assert_eq!(document.title, "Hello");
        assert!(matches!(
            paste_document(&project, "  \n", &details),
            Err(ImportError::EmptyText)
        ));
    }
}
