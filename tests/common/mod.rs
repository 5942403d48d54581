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

/// A project of text that trips up offsets: emoji beyond the Basic
/// Multilingual Plane, combining marks, right-to-left script, CRLF; a
/// claim on each, one over a line end.
pub fn hostile_project() -> claimdesk::model::Project {
    use claimdesk::model::{Claim, Document, DocumentId, LabelId, Project, Source, Span, span};
    use claimdesk::{Edit, apply};
    let mut project = Project::new("Hostile text");
    let source = Source::new("Outlet 👁");
    let source_id = source.id.clone();
    apply(&mut project, Edit::add_source(source)).expect("source");
    let text = "Cafe\u{301} 👍🏽 report:\r\nשלום, 24 killed 🇺🇦 near the border.\r\n\"Quoted\" line\u{2028}end";
    let id = DocumentId::from("hostile");
    let document = Document::new(id.clone(), "Hostile", source_id, text.into());
    apply(&mut project, Edit::add_document(document)).expect("document");
    let chars: Vec<char> = text.chars().collect();
    for quote in [
        "Cafe\u{301} 👍🏽",
        "שלום",
        "24 killed 🇺🇦",
        "\"Quoted\" line\u{2028}end",
        "border.\r\n\"Quoted",
    ] {
        let at = span::find_all(text, quote)[0];
        assert_eq!(chars[at.start..at.end].iter().collect::<String>(), quote);
        let anchor = span::anchor(text, Span::new(at.start, at.end)).expect("anchor");
        let mut claim = Claim::new(id.clone(), anchor, LabelId::from("numeric"), "ana");
        claim.note = "a note\r\nover two lines".into();
        apply(&mut project, Edit::add_claim(claim)).expect("claim");
    }
    project
}
