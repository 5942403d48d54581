//! Reading and writing files: project files (RON) and claims as CSV.

pub mod claims_csv;
pub mod project_file;

pub use claims_csv::{CSV_COLUMNS, CsvError, export_claims, import_claims};
pub use project_file::{
    FileError, MAX_PROJECT_BYTES, ParseError, load_project, parse_project, parse_project_bytes,
    project_to_string, save_project, write_atomically,
};
