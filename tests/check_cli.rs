//! `claimdesk check` on the built binary, as a script or CI job runs it.

mod common;

use common::{claimdesk, sample_project};
use std::path::Path;

fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A copy of the sample project in a temporary folder, changed by `edit`.
fn broken_sample(dir: &Path, edit: impl FnOnce(&str) -> String) -> std::path::PathBuf {
    let text = std::fs::read_to_string(sample_project()).expect("the sample project");
    let path = dir.join("broken.ron");
    std::fs::write(&path, edit(&text)).expect("a writable temp folder");
    path
}

#[test]
fn the_sample_passes_its_own_check_and_names_the_real_disagreements() {
    let output = claimdesk(["check".as_ref(), sample_project().as_os_str()]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{text}{}", stderr(&output));
    let lines: Vec<&str> = text.lines().collect();
    let conflicts: Vec<&&str> = lines
        .iter()
        .filter(|l| l.starts_with("warning[numeric-conflict]: "))
        .collect();
    for topic in [
        "Belgorod strike 2023-12-30 / killed:",
        "Belgorod / distance from border:",
        "Belgorod strike 2023-12-30 / injured:",
    ] {
        assert!(
            conflicts.iter().any(|l| l.contains(topic)),
            "no conflict on {topic}:\n{text}"
        );
    }
    // The two tolls of the same day, with both quotes.
    assert!(
        conflicts
            .iter()
            .any(|l| l.contains("“claiming 24 people were killed”")
                && l.contains("25 people became victims"))
    );
    assert!(
        conflicts
            .iter()
            .any(|l| l.contains("~30 km") && l.contains("~40 km"))
    );
    assert!(
        conflicts
            .iter()
            .any(|l| l.contains("200..999 people") && l.contains("108 people"))
    );
    assert!(!text.contains("error["), "{text}");
    let summary = lines.last().copied().unwrap_or_default();
    assert!(
        summary.ends_with("0 errors (0 dismissed)"),
        "the last line is the summary: {summary}"
    );
}

#[test]
fn deny_warnings_fails_on_the_sample() {
    let output = claimdesk([
        "check".as_ref(),
        sample_project().as_os_str(),
        "--deny-warnings".as_ref(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
}

#[test]
fn a_broken_span_is_an_error_and_exits_1() {
    let dir = tempfile::tempdir().expect("a temp folder");
    // Push the end of the first claim's span past the end of its document.
    let path = broken_sample(dir.path(), |text| {
        let at = text.find(", end: ").expect("a claim with an end") + 2;
        let end = at + text[at..].find(',').expect("a comma after it");
        format!("{}end: 999999{}", &text[..at], &text[end..])
    });
    let output = claimdesk(["check".as_ref(), path.as_os_str()]);
    let text = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "{text}");
    assert!(text.contains("error[integrity-span]: "), "{text}");
    assert!(text.contains("ends past the text"), "{text}");
    assert!(text.lines().last().unwrap_or_default().contains("1 error "));
}

#[test]
fn a_truncated_file_exits_2_with_one_line_naming_file_and_position() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let path = broken_sample(dir.path(), |text| text[..text.len() / 3].to_owned());
    let output = claimdesk(["check".as_ref(), path.as_os_str()]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert_eq!(message.trim_end().lines().count(), 1, "{message}");
    assert!(message.contains("broken.ron:"), "{message}");
    let position = message.split("broken.ron:").nth(1).and_then(|rest| {
        rest.split(':')
            .take(2)
            .map(str::parse::<usize>)
            .collect::<Result<Vec<_>, _>>()
            .ok()
    });
    assert!(
        matches!(position.as_deref(), Some([line, _column]) if *line > 1),
        "line:column after the file name: {message}"
    );
    assert!(stdout(&output).is_empty());
}

#[test]
fn a_missing_file_exits_2() {
    let output = claimdesk(["check", "no-such-project.ron"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no-such-project.ron"));
}

#[test]
fn json_output_has_the_findings_and_a_summary() {
    let output = claimdesk([
        "check".as_ref(),
        sample_project().as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let findings = report["findings"].as_array().expect("a findings array");
    assert!(!findings.is_empty());
    for finding in findings {
        for key in ["rule", "severity", "message", "fingerprint"] {
            assert!(finding[key].is_string(), "{key} in {finding}");
        }
        for key in ["claims", "documents", "sources"] {
            assert!(finding[key].is_array(), "{key} in {finding}");
        }
        assert!(["error", "warning", "info"].contains(&finding["severity"].as_str().unwrap_or("")));
    }
    let conflict = findings
        .iter()
        .find(|f| f["rule"] == "numeric-conflict")
        .expect("a conflict");
    assert_eq!(conflict["claims"].as_array().map(Vec::len), Some(2));
    let summary = &report["summary"];
    for key in ["errors", "warnings", "infos", "dismissed"] {
        assert!(summary[key].is_u64(), "{key} in {summary}");
    }
    assert_eq!(summary["errors"], 0);
    let warnings = findings
        .iter()
        .filter(|f| f["severity"] == "warning")
        .count();
    assert_eq!(summary["warnings"].as_u64(), Some(warnings as u64));
}

#[test]
fn a_dismissed_finding_is_left_out_of_the_text_and_counted() {
    use claimdesk::io::{load_project, save_project};
    let dir = tempfile::tempdir().expect("a temp folder");
    let path = dir.path().join("dismissed.ron");
    let mut project = load_project(&sample_project()).expect("the sample loads");
    let findings = claimdesk::check::check(&project);
    let first = findings
        .iter()
        .find(|f| f.rule == "numeric-conflict")
        .expect("a conflict");
    let date = chrono::NaiveDate::from_ymd_opt(2024, 1, 6).expect("a date");
    let dismissal = first.dismissal(&project, "an early tally", "test analyst", date);
    claimdesk::apply(&mut project, claimdesk::Edit::Dismiss(dismissal)).expect("dismissed");
    save_project(&path, &project).expect("saved");

    let output = claimdesk(["check".as_ref(), path.as_os_str()]);
    let text = stdout(&output);
    assert!(!text.contains(&first.message), "{text}");
    assert!(text.trim_end().ends_with("(1 dismissed)"), "{text}");
}
