//! `claimdesk agree` on the built binary: two analysts' copies of the
//! sample project, compared as a desk editor would before merging them.

mod common;

use claimdesk::agree::{Metric, krippendorff_alpha};
use claimdesk::io::{load_project, save_project};
use claimdesk::model::{Credibility, Project};
use common::{claimdesk, sample_project};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

fn run(args: &[&OsStr]) -> (Option<i32>, String, String) {
    let output = claimdesk(args.iter().copied());
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// `claimdesk agree A B --format json`, parsed.
fn agree_json(a: &Path, b: &Path) -> serde_json::Value {
    let (code, out, err) = run(&[
        "agree".as_ref(),
        a.as_os_str(),
        b.as_os_str(),
        "--format".as_ref(),
        "json".as_ref(),
    ]);
    assert_eq!(code, Some(0), "{out}{err}");
    serde_json::from_str(&out).expect("JSON")
}

/// The sample as a second analyst's copy, changed by `edit`, saved in `dir`.
fn second_copy(dir: &Path, edit: impl FnOnce(&mut Project)) -> (Project, PathBuf) {
    let mut project = load_project(&sample_project()).expect("the sample loads");
    edit(&mut project);
    let path = dir.join("second-analyst.ron");
    save_project(&path, &project).expect("saved");
    (project, path)
}

#[test]
fn the_sample_agrees_fully_with_itself() {
    let sample = sample_project();
    let (code, out, err) = run(&["agree".as_ref(), sample.as_os_str(), sample.as_os_str()]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(
        out.contains("42 spans matched: precision 100.0%, recall 100.0%"),
        "{out}"
    );
    assert!(out.contains("Cohen's κ 1.000 over 42 pairs"), "{out}");
    assert!(out.ends_with("no disagreements\n"), "{out}");

    let json = agree_json(&sample, &sample);
    assert_eq!(json["documents"], 5);
    assert_eq!(json["labels"]["kappa"], 1.0);
    assert_eq!(json["spans"]["exact"]["precision"], 1.0);
    assert_eq!(json["spans"]["overlap"]["recall"], 1.0);
    assert_eq!(json["credibility"]["alpha"], 1.0);
    assert_eq!(json["disagreements"], serde_json::json!([]));
}

#[test]
fn a_claim_left_out_and_one_regraded_show_in_the_figures() {
    let dir = tempfile::tempdir().expect("temp dir");
    let original = load_project(&sample_project()).expect("the sample loads");
    let mut removed = None;
    let mut regraded = None;
    let (second, path) = second_copy(dir.path(), |project| {
        removed = Some(project.claims.remove(0));
        let claim = &mut project.claims[0];
        claim.credibility = if claim.credibility == Credibility::Improbable {
            Credibility::Confirmed
        } else {
            Credibility::Improbable
        };
        regraded = Some(claim.clone());
    });
    let (Some(removed), Some(regraded)) = (removed, regraded) else {
        panic!("the sample has claims");
    };

    let json = agree_json(&sample_project(), &path);
    assert_eq!(
        (json["claims_a"].as_u64(), json["claims_b"].as_u64()),
        (Some(42), Some(41))
    );
    let exact = &json["spans"]["exact"];
    assert_eq!(exact["matched"], 41);
    assert_eq!(exact["precision"], 1.0);
    assert_eq!(exact["recall"], 41.0 / 42.0);
    assert_eq!(exact["f1"], 82.0 / 83.0);
    assert_eq!(json["spans"]["overlap"], *exact);
    assert_eq!(json["labels"]["kappa"], 1.0);
    assert_eq!(json["labels"]["pairs"], 41);
    assert_eq!(json["values"]["alpha"], 1.0);
    assert_eq!(json["reliability"]["alpha"], 1.0);

    // α of the 41 pairs of grades, one of them now apart.
    let grade = |c: Credibility| Some(f64::from(c.number()));
    let units: Vec<Vec<Option<f64>>> = second
        .claims
        .iter()
        .filter_map(|b| {
            let a = original.claims.iter().find(|a| a.id == b.id)?;
            Some(vec![grade(a.credibility), grade(b.credibility)])
        })
        .collect();
    let expected = krippendorff_alpha(&units, Metric::Ordinal).expect("an α");
    assert!(expected < 1.0);
    assert_eq!(json["credibility"]["pairs"], 41);
    let alpha = json["credibility"]["alpha"].as_f64().expect("a number");
    assert!((alpha - expected).abs() < 1e-12, "{alpha} ≠ {expected}");

    let mut disagreements = json["disagreements"].as_array().cloned().expect("a list");
    disagreements.sort_by_key(|d| d["kind"].to_string());
    assert_eq!(
        disagreements,
        [
            serde_json::json!({
                "document": regraded.document.as_str(),
                "a": regraded.id.as_str(),
                "b": regraded.id.as_str(),
                "kind": "credibility",
            }),
            serde_json::json!({
                "document": removed.document.as_str(),
                "a": removed.id.as_str(),
                "b": null,
                "kind": "only_a",
            }),
        ]
    );

    let (code, out, _) = run(&[
        "agree".as_ref(),
        sample_project().as_os_str(),
        path.as_os_str(),
    ]);
    assert_eq!(code, Some(0));
    assert!(out.contains("2 disagreements:"), "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("  only_a") && l.contains(removed.id.as_str())),
        "{out}"
    );
}

#[test]
fn a_changed_document_text_fails_with_exit_2_naming_the_document() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut changed = None;
    let (_, path) = second_copy(dir.path(), |project| {
        let document = &mut project.documents[1];
        document.text.push_str("\n\nUpdated at 18:00.");
        document.text_hash = claimdesk::model::text_hash(&document.text);
        changed = Some(document.id.clone());
    });
    let Some(changed) = changed else {
        panic!("the sample has documents");
    };
    let (code, out, err) = run(&[
        "agree".as_ref(),
        sample_project().as_os_str(),
        path.as_os_str(),
    ]);
    assert_eq!(code, Some(2), "{out}{err}");
    assert_eq!(out, "");
    assert!(err.contains(changed.as_str()), "{err}");
    assert!(err.contains("text differs"), "{err}");

    let missing = dir.path().join("missing.ron");
    let (code, _, err) = run(&["agree".as_ref(), missing.as_os_str(), path.as_os_str()]);
    assert_eq!(code, Some(2));
    assert!(err.contains("missing.ron"), "{err}");
}
