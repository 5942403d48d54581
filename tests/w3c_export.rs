//! `claimdesk export --format w3c`: W3C Web Annotations that pass the
//! W3C's own MUST assertions (its JSON Schemas, kept beside the project in
//! ../shared/conformance/web-annotation/, checked by
//! ../shared/tools/validate-web-annotation.py when that folder and Python's
//! jsonschema are there; the test says so when they are not).

mod common;

use claimdesk::model::{Claim, Document, DocumentId, LabelId, Project, Source, Span, span};
use claimdesk::{Edit, apply, io};
use common::{claimdesk, sample_project};
use std::path::{Path, PathBuf};

/// A project of text that trips up offsets: emoji beyond the Basic
/// Multilingual Plane, combining marks, right-to-left script, CRLF.
fn hostile_project() -> Project {
    let mut project = Project::new("Hostile text");
    let source = Source::new("Outlet 👁");
    let source_id = source.id.clone();
    apply(&mut project, Edit::add_source(source)).expect("source");
    let text = "Cafe\u{301} 👍🏽 report:\r\nשלום, 24 killed 🇺🇦 near the border.\r\n\"Quoted\" line\u{2028}end";
    let document = Document::new(
        DocumentId::from("hostile"),
        "Hostile",
        source_id,
        text.into(),
    );
    apply(&mut project, Edit::add_document(document)).expect("document");
    let chars: Vec<char> = text.chars().collect();
    for quote in [
        "Cafe\u{301} 👍🏽",
        "שלום",
        "24 killed 🇺🇦",
        "\"Quoted\" line\u{2028}end",
    ] {
        let at = span::find_all(text, quote)[0];
        assert_eq!(chars[at.start..at.end].iter().collect::<String>(), quote);
        let anchor = span::anchor(text, Span::new(at.start, at.end)).expect("anchor");
        let mut claim = Claim::new(
            DocumentId::from("hostile"),
            anchor,
            LabelId::from("numeric"),
            "ana",
        );
        claim.note = "a note\r\nover two lines".into();
        apply(&mut project, Edit::add_claim(claim)).expect("claim");
    }
    project
}

fn export(project: &Path, out: &Path) {
    let output = claimdesk([
        "export".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "w3c".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn conformance() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let tool = root.join("shared/tools/validate-web-annotation.py");
    let schemas = root.join("shared/conformance/web-annotation/annotations/annotationMusts.test");
    if !tool.exists() || !schemas.exists() {
        eprintln!("W3C conformance: skipped, ../shared/conformance/web-annotation/ is absent");
        return None;
    }
    Some(tool)
}

/// Runs the W3C's MUST assertions over a file: (passed, failed), or `None`
/// when they cannot run here.
fn validate(tool: &Path, file: &Path) -> Option<(usize, usize, String)> {
    let output = std::process::Command::new("python3")
        .arg(tool)
        .arg(file)
        .output()
        .ok()?;
    let out = String::from_utf8_lossy(&output.stdout).into_owned();
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    if err.contains("needs the jsonschema package") {
        eprintln!("W3C conformance: skipped, Python's jsonschema is not installed");
        return None;
    }
    let last = out.lines().last()?.to_owned();
    let numbers: Vec<usize> = last
        .split(|c: char| !c.is_ascii_digit())
        .filter_map(|n| n.parse().ok())
        .collect();
    match numbers[..] {
        [_, passed, failed] => Some((passed, failed, out)),
        _ => panic!("unexpected validator output: {out}{err}"),
    }
}

#[test]
fn every_annotation_passes_the_w3c_musts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let hostile = dir.path().join("hostile.ron");
    std::fs::write(&hostile, io::project_to_string(&hostile_project()).unwrap()).unwrap();
    for project in [sample_project(), hostile] {
        let out = dir.path().join("out.jsonld");
        export(&project, &out);
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).expect("JSON");
        let loaded = io::load_project(&project).unwrap();
        assert_eq!(json["total"], loaded.claims.len());
        let Some(tool) = conformance() else { return };
        let Some((passed, failed, out)) = validate(&tool, &out) else {
            return;
        };
        eprintln!(
            "W3C MUSTs on {}: {passed} passed, {failed} failed",
            project.display()
        );
        assert_eq!(failed, 0, "{out}");
        assert!(passed >= 50 * loaded.claims.len(), "{out}");
    }
}

#[test]
fn positions_count_code_points_and_the_quote_selector_holds_the_exact_words() {
    let project = hostile_project();
    let json: serde_json::Value =
        serde_json::from_str(&io::w3c::export_w3c(&project).unwrap()).unwrap();
    let text: Vec<char> = project.documents[0].text.chars().collect();
    for item in json["first"]["items"].as_array().unwrap() {
        let selectors = &item["target"]["selector"];
        let start = selectors[1]["start"].as_u64().unwrap() as usize;
        let end = selectors[1]["end"].as_u64().unwrap() as usize;
        let words: String = text[start..end].iter().collect();
        assert_eq!(selectors[0]["exact"], words.as_str());
        assert_eq!(item["target"]["source"], "urn:claimdesk:document:hostile");
    }
}

#[test]
fn export_csv_keeps_working_beside_the_formats() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = dir.path().join("old.csv");
    let new = dir.path().join("new.csv");
    let sample = sample_project();
    let run = |args: &[&std::ffi::OsStr]| {
        let output = claimdesk(args.iter().copied());
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    };
    run(&[
        "export".as_ref(),
        sample.as_os_str(),
        "--csv".as_ref(),
        old.as_os_str(),
    ]);
    run(&[
        "export".as_ref(),
        sample.as_os_str(),
        "--format".as_ref(),
        "csv".as_ref(),
        "--out".as_ref(),
        new.as_os_str(),
    ]);
    assert_eq!(std::fs::read(&old).unwrap(), std::fs::read(&new).unwrap());
    let neither = claimdesk(["export".as_ref(), sample.as_os_str()]);
    assert_eq!(
        neither.status.code(),
        Some(2),
        "clap asks for --csv or --out"
    );
}
