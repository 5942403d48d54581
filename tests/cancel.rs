//! Long operations stop when asked and change nothing: opening, checking
//! and exporting a project with a cancelled `Progress` (issue 6).

use claimdesk::io::{self, CsvError, FileError};
use claimdesk::progress::{Cancelled, Progress};

fn cancelled() -> Progress {
    let progress = Progress::default();
    progress.cancel();
    progress
}

#[test]
fn a_cancelled_open_reads_nothing_and_says_so() {
    let path = std::path::Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/projects/belgorod-strike.ron"
    ));
    let error = io::load_project_with(path, &cancelled()).expect_err("cancelled");
    assert!(matches!(error, FileError::Cancelled { .. }), "{error}");
    assert!(error.to_string().contains("belgorod-strike.ron"), "{error}");
    // Not cancelled, the same call reads it, and the bar ends full.
    let progress = Progress::default();
    let (project, _) = io::load_project_with(path, &progress).expect("opens");
    assert!(!project.claims.is_empty());
    assert_eq!(progress.fraction(), 1.0);
}

#[test]
fn a_cancelled_check_and_export_give_up() {
    let project = claimdesk::synth::generate(30, 3_000, 9);
    assert_eq!(
        claimdesk::check::check_with(&project, &cancelled()),
        Err(Cancelled)
    );
    let mut out = Vec::new();
    let error = io::export_claims_with(&project, &mut out, &cancelled()).expect_err("cancelled");
    assert!(matches!(error, CsvError::Cancelled), "{error}");

    let progress = Progress::default();
    let findings = claimdesk::check::check_with(&project, &progress).expect("not cancelled");
    assert_eq!(findings, claimdesk::check::check(&project));
    assert_eq!(progress.fraction(), 1.0);
    let progress = Progress::default();
    io::export_claims_with(&project, &mut out, &progress).expect("exports");
    assert_eq!(progress.fraction(), 1.0);
}
