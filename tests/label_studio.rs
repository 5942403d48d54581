//! `claimdesk export|import --format labelstudio`: Label Studio tasks, with
//! offsets in UTF-16 code units as JavaScript counts them.

mod common;

use claimdesk::model::{Document, DocumentId, Project, Source};
use claimdesk::{Edit, apply, io};
use common::{claimdesk, sample_project};
use std::path::Path;

fn run(args: &[&std::ffi::OsStr]) -> std::process::Output {
    claimdesk(args.iter().copied())
}

/// A project of one document with emoji before the figure.
fn emoji_project() -> Project {
    let mut project = Project::new("Emoji");
    let source = Source::new("Outlet");
    let id = source.id.clone();
    apply(&mut project, Edit::add_source(source)).unwrap();
    let text = "a👍🏽 24 killed, שלום 🇺🇦 e\u{301}nd";
    let document = Document::new(DocumentId::from("emoji"), "Emoji", id, text.into());
    apply(&mut project, Edit::add_document(document)).unwrap();
    project
}

#[test]
fn a_label_studio_region_after_emoji_lands_on_the_same_words() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("emoji.ron");
    std::fs::write(&path, io::project_to_string(&emoji_project()).unwrap()).unwrap();
    // As Label Studio exports a task: JavaScript offsets (an emoji with its
    // skin tone is four code units, two code points), fields of its own.
    let task = serde_json::json!([{
        "id": 7,
        "data": {"text": "a👍🏽 24 killed, שלום 🇺🇦 e\u{301}nd"},
        "annotations": [{
            "id": 3,
            "completed_by": 1,
            "result": [
                {"value": {"start": 6, "end": 15, "text": "24 killed", "labels": ["numeric claim"]},
                 "id": "r1", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual"},
                {"value": {"start": 17, "end": 26, "text": "שלום 🇺🇦", "labels": ["event claim"]},
                 "id": "r2", "from_name": "label", "to_name": "text", "type": "labels"}
            ]
        }]
    }]);
    let file = dir.path().join("tasks.json");
    std::fs::write(&file, task.to_string()).unwrap();
    let out = run(&[
        "import".as_ref(),
        path.as_os_str(),
        "--format".as_ref(),
        "labelstudio".as_ref(),
        file.as_os_str(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let project = io::load_project(&path).unwrap();
    let claims: Vec<(usize, usize, &str, &str)> = project
        .claims
        .iter()
        .map(|c| (c.start, c.end, c.quote.as_str(), c.label.as_str()))
        .collect();
    assert_eq!(
        claims,
        [
            (4, 13, "24 killed", "numeric"),
            (15, 22, "שלום 🇺🇦", "event")
        ]
    );

    // And out again: the same JavaScript offsets.
    let back = dir.path().join("back.json");
    let out = run(&[
        "export".as_ref(),
        path.as_os_str(),
        "--format".as_ref(),
        "labelstudio".as_ref(),
        "--out".as_ref(),
        back.as_os_str(),
    ]);
    assert!(out.status.success());
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&back).unwrap()).unwrap();
    let result = &json[0]["annotations"][0]["result"];
    assert_eq!(result[0]["value"]["start"], 6);
    assert_eq!(result[0]["value"]["end"], 15);
    assert_eq!(result[1]["value"]["start"], 17);
    assert_eq!(result[1]["value"]["end"], 26);
    assert_eq!(result[1]["value"]["labels"][0], "event claim");
}

#[test]
fn a_region_inside_a_surrogate_pair_or_a_changed_text_is_refused_with_its_task() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("emoji.ron");
    std::fs::write(&path, io::project_to_string(&emoji_project()).unwrap()).unwrap();
    let before = std::fs::read(&path).unwrap();
    let import = |tasks: serde_json::Value| {
        let file = dir.path().join("tasks.json");
        std::fs::write(&file, tasks.to_string()).unwrap();
        run(&[
            "import".as_ref(),
            path.as_os_str(),
            "--format".as_ref(),
            "labelstudio".as_ref(),
            file.as_os_str(),
        ])
    };
    let text = "a👍🏽 24 killed, שלום 🇺🇦 e\u{301}nd";
    let cut = import(
        serde_json::json!([{"data": {"text": text}, "annotations": [{"result": [
        {"value": {"start": 2, "end": 8, "labels": ["numeric claim"]}, "type": "labels"}]}]}]),
    );
    assert_eq!(cut.status.code(), Some(1));
    let err = String::from_utf8_lossy(&cut.stderr);
    assert!(
        err.contains("task 1") && err.contains("cuts a character in two"),
        "{err}"
    );
    let other =
        import(serde_json::json!([{"data": {"text": text}}, {"data": {"text": "another text"}}]));
    let err = String::from_utf8_lossy(&other.stderr);
    assert!(
        err.contains("task 2") && err.contains("no document of the project"),
        "{err}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing imported");
}

#[test]
fn the_sample_exported_imports_back_into_its_documents() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("tasks.json");
    let exported = run(&[
        "export".as_ref(),
        sample_project().as_os_str(),
        "--format".as_ref(),
        "labelstudio".as_ref(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert!(exported.status.success());
    let mut empty = io::load_project(&sample_project()).unwrap();
    empty.claims.clear();
    empty.dismissed.clear();
    let path = dir.path().join("empty.ron");
    std::fs::write(&path, io::project_to_string(&empty).unwrap()).unwrap();
    let imported = run(&[
        "import".as_ref(),
        path.as_os_str(),
        "--format".as_ref(),
        "labelstudio".as_ref(),
        out.as_os_str(),
    ]);
    assert!(
        imported.status.success(),
        "{}",
        String::from_utf8_lossy(&imported.stderr)
    );
    let original = io::load_project(&sample_project()).unwrap();
    let project = io::load_project(Path::new(&path)).unwrap();
    assert_eq!(project.claims.len(), original.claims.len());
    for (a, b) in original.claims.iter().zip(&project.claims) {
        assert_eq!(
            (a.id.as_str(), a.start, a.end, &a.label),
            (b.id.as_str(), b.start, b.end, &b.label)
        );
    }
}
