//! `claimdesk diff` on the built binary: what changed between two copies
//! of a project, as a reviewer or `git difftool -x` runs it.

mod common;

use common::{claimdesk, sample_project};

fn run(args: &[&std::ffi::OsStr]) -> (Option<i32>, String, String) {
    let output = claimdesk(args.iter().copied());
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_regrade_and_a_note_show_as_the_analyst_would_say_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = dir.path().join("old.ron");
    let new = dir.path().join("new.ron");
    std::fs::copy(sample_project(), &old).expect("copy");
    std::fs::copy(sample_project(), &new).expect("copy");

    let (code, out, err) = run(&["diff".as_ref(), old.as_os_str(), new.as_os_str()]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(out, "", "equal copies print nothing");

    let edited = claimdesk([
        "source".as_ref(),
        new.as_os_str(),
        "Kyiv Independent".as_ref(),
        "--reliability".as_ref(),
        "D".as_ref(),
        "--note".as_ref(),
        "Two corrections this week.".as_ref(),
        "--author".as_ref(),
        "editor".as_ref(),
    ]);
    assert!(edited.status.success());
    let (code, out, err) = run(&["diff".as_ref(), old.as_os_str(), new.as_os_str()]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(out.contains("~ source "), "{out}");
    assert!(out.contains("    reliability: B → D"), "{out}");
    assert!(
        out.contains("+ note on Kyiv Independent") && out.contains("Two corrections this week."),
        "{out}"
    );

    let (code, out, _) = run(&[
        "diff".as_ref(),
        old.as_os_str(),
        new.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(code, Some(1));
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["sources_changed"][0]["fields"][0][0], "reliability");
    assert_eq!(json["notes_added"][0]["author"], "editor");
}

#[test]
fn an_empty_old_side_is_an_empty_project_and_a_bad_file_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let empty = dir.path().join("empty.ron");
    std::fs::write(&empty, "").expect("write");
    let (code, out, _) = run(&[
        "diff".as_ref(),
        empty.as_os_str(),
        sample_project().as_os_str(),
    ]);
    assert_eq!(code, Some(1));
    assert_eq!(
        out.lines().filter(|l| l.starts_with("+ claim ")).count(),
        42
    );
    assert_eq!(
        out.lines().filter(|l| l.starts_with("+ document ")).count(),
        5
    );

    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(format_version: 1, name: ").expect("write");
    let (code, out, err) = run(&[
        "diff".as_ref(),
        bad.as_os_str(),
        sample_project().as_os_str(),
    ]);
    assert_eq!(code, Some(2), "{out}");
    assert!(err.contains("bad.ron"), "{err}");
}
