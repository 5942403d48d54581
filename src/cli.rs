//! The subcommands of PRODUCT §8, each a thin call into the library.

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use claimdesk::check::Summary;
use claimdesk::edit::SourceField;
use claimdesk::io::documents::{self, DocumentDetails, SourceChoice};
use claimdesk::io::lock::{Holder, LockError, ProjectLock};
use claimdesk::io::{self, FileStamp, default_author};
use claimdesk::model::{ArguedGrade, CredibilityNote, Project, Reliability, Source, SourceKind};
use claimdesk::progress::Progress;
use claimdesk::{Edit, apply};
use clap::{Args, Parser, Subcommand};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod report;
mod team;

/// A workbench for fact-checkers: tag the claims in news articles, grade
/// sources and claims with the Admiralty code, and find where they disagree.
#[derive(Debug, Parser)]
#[command(name = "claimdesk", version, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// The project to open in the workbench (default: the last one, or the sample).
    pub project: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an empty project.
    New {
        project: PathBuf,
        /// The project's name (default: the file stem).
        #[arg(long)]
        name: Option<String>,
    },
    /// Add documents: text files, saved web pages (their article, title,
    /// byline, site, date and address) and PDFs (their text), told by
    /// content; a document's id is its file stem.
    AddDocs {
        project: PathBuf,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        details: DocumentArgs,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Create a source or change one: kind, URL, party, reliability, and a credibility note.
    Source {
        project: PathBuf,
        /// The source's name: an existing source of that name is changed.
        name: String,
        #[command(flatten)]
        details: SourceArgs,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Import claims from CSV (PRODUCT §7's columns); all rows or none.
    ImportClaims {
        project: PathBuf,
        csv: PathBuf,
        /// Who the claims are recorded as tagged by (default: the user name).
        #[arg(long)]
        author: Option<String>,
        /// Fill `value` and `unit` from each claim's quote where the row
        /// leaves them empty ("at least 14 people" → `>=14` people).
        #[arg(long)]
        propose_values: bool,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Check the project: broken anchors, contradictory figures, grades the
    /// evidence does not support. Exits 0 when no error is open, 1 when one
    /// is (or, with --deny-warnings, a warning), 2 when the file cannot be read.
    Check {
        project: PathBuf,
        /// `text` prints one line per open finding, like a compiler (dismissed
        /// findings are left out and only counted); `json` prints every
        /// finding, dismissed ones with their dismissal, and a summary.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Fail on open warnings too, not only on errors.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// What changed from OLD to NEW, in the analyst's words: claims added,
    /// removed and changed (field: old → new, with the quote), sources
    /// regraded, notes added, documents added or removed. Exits 0 when they
    /// say the same, 1 when they differ, 2 when a file cannot be read. An
    /// empty file (git's /dev/null for a new file) is an empty project.
    Diff {
        old: PathBuf,
        new: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// How far two analysts agree who tagged copies of the same documents:
    /// spans matched exactly and by overlap (precision, recall, F1, overall
    /// and per label), Cohen's κ of the labels, Krippendorff's α of the
    /// credibility grades, the values and the sources' reliability, then
    /// each disagreement. Only documents both projects hold are compared.
    /// Exits 0 on success, 2 when a file cannot be read or a document's
    /// text differs between the two (or holds too many overlapping claims
    /// to compare).
    Agree {
        a: PathBuf,
        b: PathBuf,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// git's merge driver for project files (git passes %O %A %B %P): merges
    /// the changes from BASE to THEIRS into OURS by id and field. What both
    /// sides changed differently is recorded in the file as a conflict, never
    /// as <<<<<<< markers. Exits 0 when clean, 1 when conflicts were
    /// recorded, 2 when an input cannot be read (OURS is then untouched).
    Merge {
        base: PathBuf,
        ours: PathBuf,
        theirs: PathBuf,
        /// The file's name in the repository, for messages.
        path: Option<PathBuf>,
    },
    /// Take one side on a merge's conflicts: those named by id (a claim's
    /// id, or `ID.field`), or all of them.
    Resolve {
        project: PathBuf,
        #[command(flatten)]
        side: SideArgs,
        /// Conflicts to resolve (default: all).
        ids: Vec<String>,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Set the organisation that publishes the project's fact-checks
    /// (ClaimReview names it as the reviewer); `--clear` removes it.
    Publisher {
        project: PathBuf,
        /// The organisation's name.
        #[arg(required_unless_present = "clear")]
        name: Option<String>,
        /// Its web site.
        #[arg(long)]
        url: Option<String>,
        #[arg(long, conflicts_with_all = ["name", "url"])]
        clear: bool,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// Make git in this repository merge project files with this claimdesk:
    /// adds `*.ron merge=claimdesk` to .gitattributes and sets the
    /// repository's merge.claimdesk.driver. Run once in every clone.
    GitSetup {
        /// A folder inside the repository (default: the current one).
        dir: Option<PathBuf>,
    },
    /// Import annotations made elsewhere as claims, all or none: W3C Web
    /// Annotations (claimdesk's, Hypothesis' exports and others'). Claims
    /// whose id the project has are skipped.
    Import {
        project: PathBuf,
        #[arg(long, value_enum)]
        format: ImportFormat,
        /// The file to read.
        path: PathBuf,
        /// Who the claims are recorded as tagged by where the file names no one
        /// (default: the user name).
        #[arg(long)]
        author: Option<String>,
        #[command(flatten)]
        write: WriteArgs,
    },
    /// The brief: one self-contained HTML file with a chart and a table per
    /// figure topic, the open findings with their quotes, the sources with
    /// their grades, and the dismissed findings with their reasons.
    Report {
        project: PathBuf,
        /// The HTML file to write; '-' writes to standard output.
        #[arg(long, required_unless_present = "list")]
        out: Option<PathBuf>,
        /// Only topics with an open conflict.
        #[arg(long)]
        conflicts_only: bool,
        /// Only this topic ("Belgorod strike 2023-12-30 / killed"); repeat for more.
        #[arg(long = "topic")]
        topics: Vec<String>,
        /// List the figure topics (title, figures per unit, sources, open
        /// conflicts), one a line, instead of writing a brief.
        #[arg(long)]
        list: bool,
    },
    /// Export every claim: as CSV (PRODUCT §7's columns) or as W3C Web
    /// Annotations (JSON-LD, one AnnotationCollection).
    #[command(group(clap::ArgGroup::new("target").required(true).args(["csv", "out"])))]
    Export {
        project: PathBuf,
        /// The CSV file to write; '-' writes to standard output (the same
        /// as `--format csv --out PATH`).
        #[arg(long, conflicts_with_all = ["format", "out"])]
        csv: Option<PathBuf>,
        /// The format of `--out`.
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// The file to write; '-' writes to standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// What `import` reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// W3C Web Annotation Data Model, JSON-LD.
    W3c,
    /// Label Studio tasks (JSON), offsets in UTF-16 code units.
    Labelstudio,
    /// A brat folder: DOC.txt and DOC.ann pairs (documents it brings that
    /// the project lacks are added, with their file stem as id).
    Brat,
}

/// What `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// One row per claim, PRODUCT §7's columns.
    Csv,
    /// W3C Web Annotation Data Model, JSON-LD: an AnnotationCollection.
    W3c,
    /// Label Studio tasks (JSON): one per document, its claims as `labels`.
    Labelstudio,
    /// schema.org ClaimReview (JSON-LD): every claim with a verdict, by the
    /// project's publishing organisation (see `publisher`).
    Claimreview,
    /// brat standoff: `--out` is a folder that gets DOC.txt and DOC.ann per
    /// document and an annotation.conf, so that brat opens it.
    Brat,
}

/// Options of every command that changes a project.
#[derive(Debug, Args)]
pub struct WriteArgs {
    /// Write even if the project changed on disk since it was read, is
    /// marked read-only, or is open in a workbench (one that is no longer
    /// running, say, on a network drive that keeps its lock).
    #[arg(long)]
    force: bool,
}

/// Which side `resolve` takes.
#[derive(Debug, Args)]
#[group(required = true, multiple = false)]
pub struct SideArgs {
    /// Keep our version (the branch merged into).
    #[arg(long)]
    ours: bool,
    /// Take their version (the branch merged in).
    #[arg(long)]
    theirs: bool,
}

/// What `add-docs` records about the documents it adds.
#[derive(Debug, Args)]
pub struct DocumentArgs {
    /// The source that published them: reused if one has this name, created
    /// otherwise. Without it, a web page's site chooses or creates its
    /// source, and other files go to "Unknown source".
    #[arg(long)]
    source: Option<String>,
    /// The document's title (one file only; default: a web page's own
    /// title, else the text's first line).
    #[arg(long)]
    title: Option<String>,
    /// The publication date, YYYY-MM-DD.
    #[arg(long, value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// Where the document was found.
    #[arg(long)]
    url: Option<String>,
}

/// What `source` sets on a source; what is not given stays as it was.
#[derive(Debug, Args)]
pub struct SourceArgs {
    /// news_outlet, wire, official, person, social_account or anonymous.
    #[arg(long)]
    kind: Option<SourceKind>,
    #[arg(long)]
    url: Option<String>,
    /// The side of the event the source belongs to, e.g. "Russia".
    #[arg(long)]
    party: Option<String>,
    /// Reliability grade A–F.
    #[arg(long)]
    reliability: Option<Reliability>,
    /// Adds a credibility note with this text (it argues for --reliability, if given).
    #[arg(long)]
    note: Option<String>,
    /// The note's date, YYYY-MM-DD (default: today).
    #[arg(long, value_parser = parse_date, requires = "note")]
    note_date: Option<NaiveDate>,
    /// The note's evidence URL.
    #[arg(long, requires = "note")]
    evidence: Option<String>,
    /// Who signs the note (default: the user name).
    #[arg(long, requires = "note")]
    author: Option<String>,
}

/// CSV files larger than this are refused before they are read (256 MiB).
const MAX_CSV_BYTES: u64 = 256 * 1024 * 1024;

/// How `check` prints its findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
}

use claimdesk::model::time::parse_date;

/// Runs one subcommand and returns the exit code; an error is printed by
/// the caller as one line (and exits 1).
pub fn run(command: Command) -> Result<ExitCode> {
    let done = |result: Result<()>| result.map(|()| ExitCode::SUCCESS);
    match command {
        Command::Check {
            project,
            format,
            deny_warnings,
        } => check(&project, format, deny_warnings),
        Command::Diff { old, new, format } => diff(&old, &new, format),
        Command::Agree { a, b, format } => agree(&a, &b, format),
        Command::Merge {
            base,
            ours,
            theirs,
            path,
        } => team::merge(&base, &ours, &theirs, path.as_deref()),
        command => done(run_edit(command)),
    }
}

/// The subcommands that succeed or fail, with no exit code of their own.
fn run_edit(command: Command) -> Result<()> {
    match command {
        Command::Check { .. }
        | Command::Diff { .. }
        | Command::Agree { .. }
        | Command::Merge { .. } => {
            bail!("run by `run`")
        }
        Command::New { project, name } => new(&project, name),
        Command::AddDocs {
            project,
            files,
            details,
            write,
        } => add_docs(load_for_writing(&project, write)?, &files, details),
        Command::Source {
            project,
            name,
            details,
            write,
        } => edit_source(load_for_writing(&project, write)?, &name, details),
        Command::ImportClaims {
            project,
            csv,
            author,
            propose_values,
            write,
        } => import_claims(
            load_for_writing(&project, write)?,
            &csv,
            &author.unwrap_or_else(default_author),
            io::claims_csv::ImportOptions { propose_values },
        ),
        Command::Import {
            project,
            format,
            path,
            author,
            write,
        } => import_annotations(
            load_for_writing(&project, write)?,
            &path,
            &author.unwrap_or_else(default_author),
            format,
        ),
        Command::Report {
            project,
            out,
            conflicts_only,
            topics,
            list,
        } => report::report(
            &project,
            out.as_deref(),
            claimdesk::report::BriefOptions {
                conflicts_only,
                topics,
                date: None,
            },
            list,
        ),
        Command::Export {
            project,
            csv,
            format,
            out,
        } => match (csv, out) {
            (Some(csv), _) => export(&project, &csv, ExportFormat::Csv),
            (None, Some(out)) => export(&project, &out, format),
            (None, None) => bail!("say where to write: --out PATH (or --csv PATH)"),
        },
        Command::Resolve {
            project,
            side,
            ids,
            write,
        } => {
            let side = if side.theirs {
                claimdesk::model::Side::Theirs
            } else {
                claimdesk::model::Side::Ours
            };
            team::resolve(load_for_writing(&project, write)?, side, &ids)
        }
        Command::GitSetup { dir } => team::git_setup(dir),
        Command::Publisher {
            project,
            name,
            url,
            clear: _,
            write,
        } => {
            let publisher = name.map(|name| claimdesk::model::Publisher { name, url });
            load_for_writing(&project, write)?.save_with(Edit::SetPublisher(publisher))
        }
    }
}

fn new(path: &Path, name: Option<String>) -> Result<()> {
    let _lock = lock_for_writing(path, false)?;
    if path.exists() {
        bail!("{}: already exists; not overwriting it", path.display());
    }
    let name = name.unwrap_or_else(|| {
        path.file_stem().map_or("Untitled project".into(), |s| {
            s.to_string_lossy().into_owned()
        })
    });
    io::save_project(path, &Project::new(&name))?;
    Ok(())
}

/// How long a command waits for another command to finish with a project.
const LOCK_PATIENCE: std::time::Duration = std::time::Duration::from_secs(30);

/// Takes the project's lock for a command that writes it, from before it is
/// read until the new version is in place, so that two commands run at once
/// take turns. Another command's lock is waited for; a workbench's is
/// refused, unless `force`, which writes without the lock.
fn lock_for_writing(path: &Path, force: bool) -> Result<Option<ProjectLock>> {
    let waiting = |holder: &str| {
        eprintln!(
            "claimdesk: {}: waiting for {}",
            path.display(),
            printable(holder)
        );
    };
    match ProjectLock::acquire_waiting(path, Holder::Command, LOCK_PATIENCE, waiting) {
        Ok(lock) => Ok(Some(lock)),
        Err(LockError::Held {
            holder,
            brief: false,
            ..
        }) if force => {
            eprintln!(
                "claimdesk: {}: writing despite the lock of {} (--force)",
                path.display(),
                printable(&holder)
            );
            Ok(None)
        }
        Err(LockError::Held {
            holder,
            brief: false,
            ..
        }) => bail!(
            "{}: open in a claimdesk workbench ({}); close it there first (or, if that workbench is no longer running, use --force)",
            path.display(),
            printable(&holder)
        ),
        Err(LockError::Held { holder, .. }) => bail!(
            "{}: still in use by another command ({}) after {} s; try again",
            path.display(),
            printable(&holder),
            LOCK_PATIENCE.as_secs()
        ),
        Err(error) => Err(error.into()),
    }
}

/// Loads a project that a command is about to change, holding its lock,
/// and refusing one with problems a change could make worse.
fn load_for_writing(path: &Path, write: WriteArgs) -> Result<Writable<'_>> {
    let lock = lock_for_writing(path, write.force)?;
    let (project, stamp) = io::load_project_stamped(path)?;
    if let Some(problem) = project.validate().first() {
        bail!(
            "{}: {problem}; fix it before changing the project (see `claimdesk check`)",
            path.display()
        );
    }
    Ok(Writable {
        path,
        project,
        stamp: (!write.force).then_some(stamp),
        _lock: lock,
    })
}

/// A project loaded to be changed, with what its file held when it was read.
struct Writable<'a> {
    path: &'a Path,
    project: Project,
    /// `None` with `--force`: overwrite whatever the file holds by then.
    stamp: Option<FileStamp>,
    /// Held until the command ends, after the new version is in place.
    _lock: Option<ProjectLock>,
}

impl Writable<'_> {
    /// Applies one edit and saves; nothing is written if the edit fails or
    /// if someone else changed the file since it was read.
    fn save_with(mut self, edit: Edit) -> Result<()> {
        let undo =
            apply(&mut self.project, edit).with_context(|| self.path.display().to_string())?;
        match &self.stamp {
            Some(stamp) => io::save_project_checked(self.path, &self.project, Some(stamp))?,
            None => io::save_project_forced(self.path, &self.project)?,
        };
        // The command ends here: the system frees it all at once.
        std::mem::forget(undo);
        exit_soon(std::mem::take(&mut self.project));
        Ok(())
    }
}

fn add_docs(target: Writable, files: &[PathBuf], details: DocumentArgs) -> Result<()> {
    let DocumentArgs {
        source,
        title,
        date,
        url,
    } = details;
    let source = match source {
        Some(name) => SourceChoice::Named(name),
        None => SourceChoice::SiteOrNamed("Unknown source".to_owned()),
    };
    let details = DocumentDetails {
        source,
        title,
        published: date,
        url,
    };
    let edit = documents::import_files(&target.project, files, &details, &Progress::default())?;
    target.save_with(edit)
}

fn edit_source(target: Writable, name: &str, details: SourceArgs) -> Result<()> {
    let SourceArgs {
        kind,
        url,
        party,
        reliability,
        note,
        note_date,
        evidence,
        author,
    } = details;
    let note = note.map(|text| CredibilityNote {
        date: note_date.unwrap_or_else(|| chrono::Local::now().date_naive()),
        author: author.unwrap_or_else(default_author),
        text,
        evidence_url: evidence,
        grade: reliability.map(ArguedGrade::Reliability),
    });
    let mut fields: Vec<SourceField> = Vec::new();
    fields.extend(kind.map(SourceField::Kind));
    fields.extend(url.map(|u| SourceField::Url(Some(u).filter(|u| !u.is_empty()))));
    fields.extend(party.map(|p| SourceField::Party(Some(p).filter(|p| !p.is_empty()))));
    fields.extend(reliability.map(SourceField::Reliability));
    // A new source is added first; the fields given are then set on it.
    let (id, mut edits, mut notes) = match target.project.source_named(name) {
        Some(existing) => (existing.id.clone(), Vec::new(), existing.notes.clone()),
        None => {
            let source = Source::new(name.trim());
            (
                source.id.clone(),
                vec![Edit::add_source(source)],
                Vec::new(),
            )
        }
    };
    if let Some(note) = note {
        notes.push(note);
        fields.push(SourceField::Notes(notes));
    }
    edits.extend(fields.into_iter().map(|field| Edit::SetSource {
        id: id.clone(),
        field,
    }));
    target.save_with(Edit::Batch(edits))
}

fn import_claims(
    target: Writable,
    csv_path: &Path,
    author: &str,
    options: io::claims_csv::ImportOptions,
) -> Result<()> {
    let bytes = io::read_limited(csv_path, MAX_CSV_BYTES)?;
    let claims =
        io::claims_csv::import_claims_with(&target.project, bytes.as_slice(), author, options)
            .map_err(|e| anyhow::anyhow!("{}: {e}; nothing was imported", csv_path.display()))?;
    let count = claims.len();
    let path = target.path;
    target.save_with(Edit::Batch(
        claims.into_iter().map(Edit::add_claim).collect(),
    ))?;
    eprintln!(
        "{}: imported {}",
        path.display(),
        claimdesk::model::counted(count, "claim", "claims")
    );
    Ok(())
}

fn import_annotations(
    target: Writable,
    path: &Path,
    author: &str,
    format: ImportFormat,
) -> Result<()> {
    let nothing = |e: &dyn std::fmt::Display| {
        anyhow::anyhow!("{}: {e}; nothing was imported", path.display())
    };
    let (edit, documents, claims, skipped) = if format == ImportFormat::Brat {
        let imported =
            io::brat::import_brat(&target.project, path, author).map_err(|e| nothing(&e))?;
        let documents = imported.documents;
        (imported.edit, documents, imported.claims, imported.skipped)
    } else {
        let bytes = io::read_limited(path, MAX_CSV_BYTES)?;
        let text = std::str::from_utf8(&bytes).map_err(|e| nothing(&format!("not UTF-8 ({e})")))?;
        let project = &target.project;
        let (claims, skipped) = if format == ImportFormat::W3c {
            io::w3c::import_w3c(project, text, author).map_err(|e| nothing(&e))?
        } else {
            io::label_studio::import_label_studio(project, text, author).map_err(|e| nothing(&e))?
        };
        let count = claims.len();
        let edit = Edit::Batch(claims.into_iter().map(Edit::add_claim).collect());
        (edit, 0, count, skipped)
    };
    let project_path = target.path;
    if documents + claims > 0 {
        target.save_with(edit)?;
    }
    let documents = if documents > 0 {
        format!(
            "{} and ",
            claimdesk::model::counted(documents, "document", "documents")
        )
    } else {
        String::new()
    };
    let skipped = if skipped > 0 {
        format!(", skipped {} the project has", counted_claims(skipped))
    } else {
        String::new()
    };
    eprintln!(
        "{}: imported {documents}{}{skipped}",
        project_path.display(),
        counted_claims(claims),
    );
    Ok(())
}

/// "1 claim", "2 claims".
fn counted_claims(n: usize) -> String {
    claimdesk::model::counted(n, "claim", "claims")
}

fn export(path: &Path, out: &Path, format: ExportFormat) -> Result<()> {
    let to_stdout = out == Path::new("-");
    if !to_stdout {
        io::refuse_project_files(path, out)?;
    }
    let project = io::load_project(path)?;
    let mut bytes = Vec::new();
    match format {
        // A folder of files, written here.
        ExportFormat::Brat => {
            if to_stdout {
                bail!("brat is a folder of files; give --out a folder");
            }
            let documents = io::brat::export_brat(&project, out)?;
            eprintln!(
                "claimdesk: wrote {} with their claims to {}",
                claimdesk::model::counted(documents, "document", "documents"),
                out.display()
            );
            exit_soon(project);
            return Ok(());
        }
        ExportFormat::Csv => io::export_claims(&project, &mut bytes)?,
        ExportFormat::W3c => {
            bytes = io::w3c::export_w3c(&project)
                .with_context(|| format!("{}: writing W3C annotations", out.display()))?
                .into_bytes();
        }
        ExportFormat::Claimreview => {
            let (text, left_out) = io::claim_review::export_claim_review(&project)
                .with_context(|| path.display().to_string())?;
            if left_out > 0 {
                eprintln!(
                    "claimdesk: left out {} still unassessed",
                    counted_claims(left_out)
                );
            }
            bytes = text.into_bytes();
        }
        ExportFormat::Labelstudio => {
            bytes = io::label_studio::export_label_studio(&project)
                .with_context(|| format!("{}: writing Label Studio tasks", out.display()))?
                .into_bytes();
        }
    }
    if to_stdout {
        use std::io::Write;
        std::io::stdout()
            .lock()
            .write_all(&bytes)
            .context("standard output")?;
    } else {
        io::write_output(out, &bytes)?;
    }
    exit_soon(project);
    Ok(())
}

/// `text` with its control characters escaped (`\u{1b}`, `\n`), so that
/// what an article or a file holds can never drive the terminal it is
/// printed on, nor break a one-line message.
pub fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(char::is_control) {
        return text.into();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect::<String>()
        .into()
}

/// Leaves a project loaded by a command that is about to end to the
/// operating system: freeing 100,000 claims one string at a time takes a
/// tenth of a second that the process exit does at once.
fn exit_soon(project: claimdesk::Project) {
    std::mem::forget(project);
}

/// The exit code `check` uses when the project cannot be read at all.
const UNREADABLE: u8 = 2;

fn diff(old: &Path, new: &Path, format: Format) -> Result<ExitCode> {
    let read = |path: &Path| -> Result<Project, String> {
        // git hands /dev/null (or an empty file) for a side that has none.
        match std::fs::metadata(path) {
            Ok(meta) if meta.len() == 0 => return Ok(Project::new("")),
            _ => {}
        }
        io::load_project(path).map_err(|error| error.to_string())
    };
    let (old, new) = match (read(old), read(new)) {
        (Ok(old), Ok(new)) => (old, new),
        (Err(error), _) | (_, Err(error)) => {
            eprintln!("claimdesk: {}", printable(&error));
            return Ok(ExitCode::from(UNREADABLE));
        }
    };
    let changes = claimdesk::diff::diff(&old, &new);
    print_report(&changes, || changes.to_text(), format)?;
    Ok(if changes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// `agree`: the library's agreement of two projects, printed; every
/// failure to compare is one line and exit code 2.
fn agree(a: &Path, b: &Path, format: Format) -> Result<ExitCode> {
    let (a, b) = match (io::load_project(a), io::load_project(b)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(error), _) | (_, Err(error)) => {
            eprintln!("claimdesk: {}", printable(&error.to_string()));
            return Ok(ExitCode::from(UNREADABLE));
        }
    };
    let agreement = match claimdesk::agree::agree(&a, &b) {
        Ok(agreement) => agreement,
        Err(error) => {
            eprintln!("claimdesk: {}", printable(&error.to_string()));
            return Ok(ExitCode::from(UNREADABLE));
        }
    };
    print_report(&agreement, || agreement.to_text(), format)?;
    exit_soon(a);
    exit_soon(b);
    Ok(ExitCode::SUCCESS)
}

/// Prints a report to standard output: its text (control characters
/// escaped) or its JSON.
fn print_report(
    report: &impl serde::Serialize,
    text: impl FnOnce() -> String,
    format: Format,
) -> Result<()> {
    use std::io::Write;
    let out = match format {
        Format::Text => printable_lines(&text()),
        Format::Json => {
            let mut json = serde_json::to_string_pretty(report).context("writing JSON")?;
            json.push('\n');
            json
        }
    };
    std::io::stdout()
        .lock()
        .write_all(out.as_bytes())
        .context("standard output")
}

/// Each line of `text` with its control characters escaped, the line ends kept.
fn printable_lines(text: &str) -> String {
    text.lines().map(|l| printable(l) + "\n").collect()
}

fn check(path: &Path, format: Format, deny_warnings: bool) -> Result<ExitCode> {
    let project = match io::load_project(path) {
        Ok(project) => project,
        Err(error) => {
            // One line, naming the file (and line:column for a parse error).
            eprintln!("claimdesk: {}", printable(&error.to_string()));
            return Ok(ExitCode::from(UNREADABLE));
        }
    };
    let findings = claimdesk::check::check(&project);
    let summary = Summary::of(&findings);
    let mut out = String::new();
    match format {
        Format::Text => {
            // Dismissed findings are left out here; the summary counts them.
            for finding in findings.iter().filter(|f| f.is_open()) {
                out.push_str(&format!(
                    "{}[{}]: {}\n",
                    finding.severity.name(),
                    finding.rule,
                    printable(&finding.message)
                ));
            }
            out.push_str(&format!("{summary}\n"));
        }
        Format::Json => {
            let report = serde_json::json!({ "findings": findings, "summary": summary });
            out = serde_json::to_string_pretty(&report).context("writing the findings as JSON")?;
            out.push('\n');
        }
    }
    {
        use std::io::Write;
        std::io::stdout()
            .lock()
            .write_all(out.as_bytes())
            .context("standard output")?;
    }
    exit_soon(project);
    std::mem::forget(findings);
    let failed = summary.errors > 0 || (deny_warnings && summary.warnings > 0);
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
