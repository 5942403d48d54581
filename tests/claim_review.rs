//! `claimdesk publisher` and `export --format claimreview`: schema.org
//! ClaimReview for every claim with a verdict, by the project's publisher.

mod common;

use claimdesk::io;
use claimdesk::model::Verdict;
use common::{claimdesk, sample_project};

#[test]
fn a_publisher_set_then_every_assessed_claim_reviewed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.ron");
    std::fs::copy(sample_project(), &path).unwrap();
    let out = dir.path().join("reviews.jsonld");
    let export = || {
        claimdesk([
            "export".as_ref(),
            path.as_os_str(),
            "--format".as_ref(),
            "claimreview".as_ref(),
            "--out".as_ref(),
            out.as_os_str(),
        ])
    };
    let refused = export();
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("claimdesk publisher"));
    assert!(!out.exists());

    let set = claimdesk([
        "publisher".as_ref(),
        path.as_os_str(),
        "Desk of Facts".as_ref(),
        "--url".as_ref(),
        "https://facts.example".as_ref(),
    ]);
    assert!(
        set.status.success(),
        "{}",
        String::from_utf8_lossy(&set.stderr)
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("(\n    format_version: 3,\n"),
        "a new field, a new version"
    );
    let project = io::load_project(&path).unwrap();
    assert_eq!(project.publisher.as_ref().unwrap().name, "Desk of Facts");

    let exported = export();
    assert!(
        exported.status.success(),
        "{}",
        String::from_utf8_lossy(&exported.stderr)
    );
    let unassessed = project
        .claims
        .iter()
        .filter(|c| c.verdict == Verdict::Unassessed)
        .count();
    assert!(
        String::from_utf8_lossy(&exported.stderr)
            .contains(&format!("left out {unassessed} claims still unassessed")),
        "{}",
        String::from_utf8_lossy(&exported.stderr)
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(json["@context"], "https://schema.org");
    let graph = json["@graph"].as_array().unwrap();
    assert_eq!(graph.len(), project.claims.len() - unassessed);
    for review in graph {
        assert_eq!(review["author"]["url"], "https://facts.example");
        assert!(review["itemReviewed"]["author"]["name"].as_str().is_some());
    }

    let cleared = claimdesk(["publisher".as_ref(), path.as_os_str(), "--clear".as_ref()]);
    assert!(cleared.status.success());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("(\n    format_version: 1,\n"),
        "back to what version 1 holds"
    );
}
