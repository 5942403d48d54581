//! `claimdesk export --format w3c`: W3C Web Annotations that pass the
//! W3C's own MUST assertions (its JSON Schemas, kept beside the project in
//! ../shared/conformance/web-annotation/, checked by
//! ../shared/tools/validate-web-annotation.py when that folder and Python's
//! jsonschema are there; the test says so when they are not).

mod common;

use claimdesk::io;
use common::{claimdesk, hostile_project, sample_project};
use std::path::{Path, PathBuf};

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

/// The sample with its claims taken out, beside the sample itself.
fn without_claims(dir: &Path) -> PathBuf {
    let mut project = io::load_project(&sample_project()).unwrap();
    project.claims.clear();
    project.dismissed.clear();
    let path = dir.join("empty.ron");
    std::fs::write(&path, io::project_to_string(&project).unwrap()).unwrap();
    path
}

fn import(project: &Path, file: &Path) -> std::process::Output {
    claimdesk([
        "import".as_ref(),
        project.as_os_str(),
        "--format".as_ref(),
        "w3c".as_ref(),
        file.as_os_str(),
    ])
}

#[test]
fn the_sample_exported_and_imported_gives_back_the_same_claims() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("sample.jsonld");
    export(&sample_project(), &out);
    let empty = without_claims(dir.path());
    let output = import(&empty, &out);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let original = io::load_project(&sample_project()).unwrap();
    let imported = io::load_project(&empty).unwrap();
    assert_eq!(imported.claims.len(), original.claims.len());
    for (a, b) in original.claims.iter().zip(&imported.claims) {
        // Everything the format carries; links and credibility notes it
        // does not.
        let mut expected = a.clone();
        expected.links.clear();
        expected.credibility_notes.clear();
        assert_eq!(&expected, b);
    }
    // Imported again: nothing twice.
    let again = import(&empty, &out);
    assert!(again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("skipped 42 claims"));
    assert_eq!(
        io::load_project(&empty).unwrap().claims.len(),
        original.claims.len()
    );
}

#[test]
fn hostile_text_round_trips_through_w3c() {
    let dir = tempfile::tempdir().expect("temp dir");
    let project = hostile_project();
    let json = io::w3c::export_w3c(&project).unwrap();
    let mut empty = project.clone();
    empty.claims.clear();
    let (claims, skipped) = io::w3c::import_w3c(&empty, &json, "x").expect("imports");
    assert_eq!(skipped, 0);
    assert_eq!(claims, project.claims);
    drop(dir);
}

#[test]
fn a_moved_text_is_found_by_its_quote_and_a_hypothesis_export_reads() {
    let project = io::load_project(&sample_project()).unwrap();
    let document = &project.documents[0];
    let url = "https://example.org/belgorod";
    let mut with_url = project.clone();
    with_url.documents[0].url = Some(url.into());
    with_url.claims.clear();
    let quote = &project.claims_in(&document.id).next().unwrap().quote;
    // As Hypothesis exports an annotation: a row with uri, text, tags,
    // user, and a position that no longer fits.
    let hypothesis = serde_json::json!({
        "total": 1,
        "rows": [{
            "id": "hyp-1",
            "created": "2024-01-05T10:00:00.000000+00:00",
            "updated": "2024-01-06T10:00:00.000000+00:00",
            "user": "acct:ana@hypothes.is",
            "uri": url,
            "text": "Check against the governor.",
            "tags": ["numeric claim"],
            "target": [{
                "source": url,
                "selector": [
                    {"type": "TextPositionSelector", "start": 3, "end": 9},
                    {"type": "TextQuoteSelector", "exact": quote, "prefix": "", "suffix": ""}
                ]
            }]
        }]
    });
    let (claims, _) =
        io::w3c::import_w3c(&with_url, &hypothesis.to_string(), "x").expect("imports");
    assert_eq!(claims.len(), 1);
    let claim = &claims[0];
    assert_eq!(&claim.quote, quote);
    assert_eq!(claim.note, "Check against the governor.");
    assert_eq!(claim.author.as_str(), "acct:ana@hypothes.is");
    assert_eq!(claim.label.as_str(), "numeric");
    assert_eq!(claim.modified.to_rfc3339(), "2024-01-06T10:00:00+00:00");
}

#[test]
fn a_bad_annotation_is_named_by_its_number_and_nothing_is_imported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("sample.jsonld");
    export(&sample_project(), &out);
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    json["first"]["items"][4]["target"]["source"] = "https://nowhere.example/".into();
    std::fs::write(&out, json.to_string()).unwrap();
    let empty = without_claims(dir.path());
    let before = std::fs::read(&empty).unwrap();
    let output = import(&empty, &out);
    assert_eq!(output.status.code(), Some(1));
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(
        err.contains("annotation 5") && err.contains("nowhere.example"),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(std::fs::read(&empty).unwrap(), before);

    std::fs::write(&out, "{ not json").unwrap();
    let output = import(&empty, &out);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("not JSON: key must be a string at line 1 column 3")
    );
}
