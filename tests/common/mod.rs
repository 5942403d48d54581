//! Helpers shared by the end-to-end tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The copy of the Belgorod corpus kept in the repository.
pub fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus")
}

/// The corpus article with this file stem.
pub fn corpus_file(stem: &str) -> PathBuf {
    corpus_dir().join(format!("{stem}.txt"))
}

/// The shipped sample project.
pub fn sample_project() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/belgorod-strike.ron")
}

/// Runs the built `claimdesk` binary with `args`.
pub fn claimdesk<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args(args)
        .env("CLAIMDESK_AUTHOR", "test analyst")
        .output()
        .expect("the claimdesk binary runs")
}

/// Runs `claimdesk` and insists that it succeeds.
pub fn claimdesk_ok<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    let output = claimdesk(args);
    assert!(
        output.status.success(),
        "claimdesk failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// The code points of `text` from `start` to `end`, as Python would slice it.
pub fn char_slice(text: &str, start: usize, end: usize) -> String {
    text.chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}
