//! Hostile and broken project files: an error or integrity problems, never
//! a panic, and the file is left exactly as it was.

use claimdesk::io::load_project;
use std::path::Path;

#[test]
fn every_bad_file_gives_an_error_or_problems_and_stays_unchanged() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/bad");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 40, "the corpus holds {} files", files.len());
    let mut report = Vec::new();
    for path in &files {
        let before = std::fs::read(path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let outcome = std::panic::catch_unwind(|| load_project(path));
        let Ok(result) = outcome else {
            panic!("{name}: loading panicked");
        };
        match result {
            Err(error) => {
                let message = error.to_string();
                assert!(
                    message.contains(&name),
                    "{name}: the error names the file: {message}"
                );
                assert!(!message.contains('\n'), "{name}: one line: {message}");
                report.push(format!("{name}: {message}"));
            }
            Ok(project) => {
                let problems = project.validate();
                assert!(!problems.is_empty(), "{name}: loaded without complaint");
                report.push(format!("{name}: {}", problems.join("; ")));
            }
        }
        assert_eq!(
            std::fs::read(path).unwrap(),
            before,
            "{name}: changed on disk"
        );
    }
    println!("{}", report.join("\n"));
}
