//! Reading and writing files: project files (RON) and claims as CSV.

pub mod brat;
pub mod claim_review;
pub mod claims_csv;
pub mod disk;
pub mod documents;
pub mod label_studio;
pub mod lock;
pub(crate) mod parallel;
pub mod project_file;
pub mod recovery;
pub mod w3c;

pub use claims_csv::{CSV_COLUMNS, CsvError, export_claims, export_claims_with, import_claims};
pub use disk::{
    FileStamp, backup_path, changed_on_disk, read_limited, read_limited_with, refuse_project_files,
    resolve_link, write_output,
};
pub use project_file::{
    FileError, MAX_PROJECT_BYTES, ParseError, load_project, load_project_stamped,
    load_project_with, parse_project, parse_project_bytes, project_to_string, save_project,
    save_project_checked, save_project_forced, write_atomically,
};

/// The name an analyst signs with when none is given: `CLAIMDESK_AUTHOR`,
/// else the login name (`USER` on Unix, `USERNAME` on Windows).
pub fn default_author() -> String {
    ["CLAIMDESK_AUTHOR", "USER", "USERNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.trim().is_empty()))
        .unwrap_or_else(|| "analyst".to_owned())
}
