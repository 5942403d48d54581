//! `claimdesk export|import --format brat`: a folder brat itself opens,
//! and back.

mod common;

use claimdesk::io;
use common::{claimdesk, hostile_project, sample_project};
use std::path::Path;

fn run(args: &[&std::ffi::OsStr]) -> std::process::Output {
    claimdesk(args.iter().copied())
}

fn export(project: &Path, dir: &Path) {
    let out = run(&[
        "export".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "brat".as_ref(),
        "--out".as_ref(),
        dir.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn import(project: &Path, dir: &Path) -> std::process::Output {
    run(&[
        "import".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "brat".as_ref(),
        dir.as_os_str(),
    ])
}

#[test]
fn hostile_text_goes_to_brat_and_comes_back_into_a_new_project() {
    let dir = tempfile::tempdir().expect("temp dir");
    let original = hostile_project();
    let path = dir.path().join("hostile.ron");
    std::fs::write(&path, io::project_to_string(&original).unwrap()).unwrap();
    let folder = dir.path().join("brat");
    export(&path, &folder);
    let txt = std::fs::read_to_string(folder.join("hostile.txt")).unwrap();
    assert_eq!(txt, original.documents[0].text, "the text byte for byte");
    let ann = std::fs::read_to_string(folder.join("hostile.ann")).unwrap();
    // The quote over a line end is two fragments, no line end in the line.
    assert!(
        ann.lines()
            .any(|l| l.starts_with("T5\tnumeric ") && l.contains(';')),
        "{ann}"
    );
    assert!(
        std::fs::read_to_string(folder.join("annotation.conf"))
            .unwrap()
            .contains("[entities]")
    );

    // Into a project without the document: it comes in with its claims.
    let fresh = dir.path().join("fresh.ron");
    let made = run(&["new".as_ref(), fresh.as_os_str()]);
    assert!(made.status.success());
    let out = import(&fresh, &folder);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("imported 1 document and 5 claims"));
    let project = io::load_project(&fresh).unwrap();
    assert_eq!(project.documents[0].text, original.documents[0].text);
    for (a, b) in original.claims.iter().zip(&project.claims) {
        assert_eq!(
            (a.id.as_str(), a.start, a.end, &a.quote),
            (b.id.as_str(), b.start, b.end, &b.quote)
        );
        assert_eq!(a.note, b.note);
    }
    // Again: nothing twice.
    let again = import(&fresh, &folder);
    assert!(String::from_utf8_lossy(&again.stderr).contains("skipped 5 claims"));
}

#[test]
fn the_sample_exported_imports_back_with_every_field_brat_carries() {
    let dir = tempfile::tempdir().expect("temp dir");
    let folder = dir.path().join("brat");
    export(&sample_project(), &folder);
    let mut empty = io::load_project(&sample_project()).unwrap();
    empty.claims.clear();
    empty.dismissed.clear();
    let path = dir.path().join("empty.ron");
    std::fs::write(&path, io::project_to_string(&empty).unwrap()).unwrap();
    let out = import(&path, &folder);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let original = io::load_project(&sample_project()).unwrap();
    let project = io::load_project(&path).unwrap();
    assert_eq!(project.claims.len(), original.claims.len());
    for claim in &original.claims {
        let back = project.claim(&claim.id).expect("same id");
        assert_eq!(
            (
                &back.label,
                back.credibility,
                back.verdict,
                &back.value,
                &back.subject
            ),
            (
                &claim.label,
                claim.credibility,
                claim.verdict,
                &claim.value,
                &claim.subject
            )
        );
    }
}
