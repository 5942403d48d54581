//! Working as a team through real `git`: a temporary repository set up
//! with `claimdesk git-setup`, two branches that change one project, and
//! `git merge` calling the built binary as its merge driver.

mod common;

use claimdesk::edit::ClaimField;
use claimdesk::model::{
    Claim, ClaimId, ConflictKind, Credibility, DocumentId, LabelId, Project, Span, span,
};
use claimdesk::{Edit, apply, io};
use common::{claimdesk, sample_project};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs git in `dir` with a fixed identity and no user configuration.
fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args([
            "-c",
            "user.name=Analyst",
            "-c",
            "user.email=analyst@example.org",
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs")
}

fn git_ok(dir: &Path, args: &[&str]) -> String {
    let out = git(dir, args);
    assert!(
        out.status.success(),
        "git {args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A repository set up for claimdesk, its first commit holding `start`
/// (the sample project when `None`) as `project.ron`.
fn repository(start: Option<&Path>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().to_owned();
    git_ok(&root, &["init", "-q"]);
    let setup = claimdesk(["git-setup".as_ref(), root.as_os_str()]);
    assert!(
        setup.status.success(),
        "{}",
        String::from_utf8_lossy(&setup.stderr)
    );
    let project = root.join("project.ron");
    if let Some(start) = start {
        std::fs::copy(start, &project).expect("copy");
    } else {
        std::fs::copy(sample_project(), &project).expect("copy");
    }
    git_ok(&root, &["add", "."]);
    git_ok(&root, &["commit", "-q", "-m", "base"]);
    (dir, project)
}

/// Changes the project on disk through the library, as the workbench would.
fn edit(path: &Path, change: impl FnOnce(&mut Project)) {
    let mut project = io::load_project(path).expect("loads");
    change(&mut project);
    std::fs::write(path, io::project_to_string(&project).expect("writes")).expect("saved");
}

/// Branch `theirs` changes the project one way, `main` another, and git
/// merges `theirs` into `main`: the merge's output.
fn diverge(
    root: &Path,
    path: &Path,
    theirs: impl FnOnce(&mut Project),
    ours: impl FnOnce(&mut Project),
) -> Output {
    git_ok(root, &["checkout", "-q", "-b", "theirs"]);
    edit(path, theirs);
    commit(root, "theirs");
    git_ok(root, &["checkout", "-q", "main"]);
    edit(path, ours);
    commit(root, "ours");
    git(root, &["merge", "--no-edit", "theirs"])
}

fn commit(root: &Path, message: &str) {
    git_ok(root, &["commit", "-q", "-am", message]);
}

/// A new claim on the words `quote` of the sample's document `document`.
fn new_claim(project: &Project, document: &str, quote: &str) -> Claim {
    let id = DocumentId::from(document);
    let text = &project.document(&id).expect("document").text;
    let at = span::find_all(text, quote)[0];
    let anchor = span::anchor(text, at).expect("anchor");
    Claim::new(id, anchor, LabelId::from("numeric"), "analyst")
}

fn first_claim(project: &Project) -> ClaimId {
    project.claims[0].id.clone()
}

fn set(project: &mut Project, id: &ClaimId, field: ClaimField) {
    apply(
        project,
        Edit::SetClaim {
            id: id.clone(),
            field,
            modified: None,
        },
    )
    .expect("edit applies");
}

fn document_with_words(project: &Project, words: &str) -> String {
    project
        .documents
        .iter()
        .find(|d| d.text.contains(words))
        .map(|d| d.id.to_string())
        .expect("a document with those words")
}

#[test]
fn two_branches_that_each_add_claims_at_the_end_merge_cleanly() {
    let (dir, path) = repository(None);
    let root = dir.path();
    let sample = io::load_project(&path).expect("loads");
    let document = document_with_words(&sample, "Belgorod");
    let text = &sample
        .document(&DocumentId::from(document.as_str()))
        .unwrap()
        .text;
    let words: Vec<&str> = text.split_whitespace().filter(|w| w.len() > 6).collect();
    let (mine, yours) = (words[0].to_owned(), words[1].to_owned());

    let merge = diverge(
        root,
        &path,
        |p| {
            let claim = new_claim(p, &document, &yours);
            apply(p, Edit::add_claim(claim)).unwrap();
        },
        |p| {
            let claim = new_claim(p, &document, &mine);
            apply(p, Edit::add_claim(claim)).unwrap();
        },
    );
    assert!(
        merge.status.success(),
        "{}{}",
        String::from_utf8_lossy(&merge.stdout),
        String::from_utf8_lossy(&merge.stderr)
    );
    let merged = io::load_project(&path).expect("the merged file opens");
    assert_eq!(merged.claims.len(), sample.claims.len() + 2);
    let quotes: Vec<&str> = merged.claims.iter().map(|c| c.quote.as_str()).collect();
    assert_eq!(quotes[quotes.len() - 2..], [mine.as_str(), yours.as_str()]);
    assert!(merged.conflicts.is_empty());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("<<<<<<<"));
    assert!(
        text.starts_with("(\n    format_version: 1,\n"),
        "no conflict, version 1"
    );
}

#[test]
fn different_fields_of_one_claim_merge_field_by_field() {
    let (dir, path) = repository(None);
    let root = dir.path();
    let sample = io::load_project(&path).expect("loads");
    let id = first_claim(&sample);

    let merge = diverge(
        root,
        &path,
        |p| {
            set(
                p,
                &id,
                ClaimField::Note("Checked against the ministry's post.".into()),
            )
        },
        |p| set(p, &id, ClaimField::Credibility(Credibility::Doubtful)),
    );
    assert!(
        merge.status.success(),
        "{}",
        String::from_utf8_lossy(&merge.stderr)
    );
    let merged = io::load_project(&path).expect("opens");
    let claim = merged.claim(&id).expect("the claim");
    assert_eq!(claim.credibility, Credibility::Doubtful);
    assert_eq!(claim.note, "Checked against the ministry's post.");
    assert!(merged.conflicts.is_empty());
}

#[test]
fn one_field_changed_both_ways_is_a_conflict_in_the_file_that_check_reports_and_resolve_clears() {
    let (dir, path) = repository(None);
    let root = dir.path();
    let sample = io::load_project(&path).expect("loads");
    let id = first_claim(&sample);

    let merge = diverge(
        root,
        &path,
        |p| set(p, &id, ClaimField::Credibility(Credibility::Improbable)),
        |p| set(p, &id, ClaimField::Credibility(Credibility::Confirmed)),
    );
    assert!(!merge.status.success(), "git sees the conflict");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("<<<<<<<"), "never conflict markers");
    assert!(
        text.starts_with("(\n    format_version: 2,\n"),
        "version 2 holds conflicts"
    );
    let merged = io::load_project(&path).expect("the file still opens");
    assert_eq!(merged.conflicts.len(), 1);
    let conflict = &merged.conflicts[0];
    assert_eq!(conflict.kind, ConflictKind::Changed);
    assert_eq!(conflict.field, "credibility");
    assert_eq!(
        merged.claim(&id).unwrap().credibility,
        Credibility::Confirmed
    );

    let check = claimdesk(["check".as_ref(), path.as_os_str()]);
    let out = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{out}");
    assert!(
        out.contains("error[merge-conflict]") || out.contains("merge-conflict"),
        "{out}"
    );

    let resolve = claimdesk(["resolve".as_ref(), path.as_os_str(), "--theirs".as_ref()]);
    assert!(
        resolve.status.success(),
        "{}",
        String::from_utf8_lossy(&resolve.stderr)
    );
    let resolved = io::load_project(&path).expect("opens");
    assert!(resolved.conflicts.is_empty());
    assert_eq!(
        resolved.claim(&id).unwrap().credibility,
        Credibility::Improbable
    );
    let check = claimdesk(["check".as_ref(), path.as_os_str()]);
    assert!(
        !String::from_utf8_lossy(&check.stdout).contains("merge-conflict"),
        "resolved"
    );
    git_ok(root, &["add", "project.ron"]);
    git_ok(root, &["commit", "-q", "--no-edit"]);
}

#[test]
fn a_claim_deleted_on_one_side_and_edited_on_the_other_is_kept_with_a_conflict() {
    let (dir, path) = repository(None);
    let root = dir.path();
    let sample = io::load_project(&path).expect("loads");
    let id = first_claim(&sample);

    let merge = diverge(
        root,
        &path,
        |p| {
            apply(p, Edit::RemoveClaim(id.clone())).unwrap();
        },
        |p| set(p, &id, ClaimField::Note("Still matters.".into())),
    );
    assert!(!merge.status.success());
    let merged = io::load_project(&path).expect("opens");
    assert_eq!(merged.claim(&id).expect("kept").note, "Still matters.");
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].kind, ConflictKind::RemovedChanged);
    assert_eq!(merged.conflicts[0].theirs, None, "theirs removed it");

    // Taking theirs deletes it after all.
    let resolve = claimdesk([
        "resolve".as_ref(),
        path.as_os_str(),
        "--theirs".as_ref(),
        id.as_str().as_ref(),
    ]);
    assert!(
        resolve.status.success(),
        "{}",
        String::from_utf8_lossy(&resolve.stderr)
    );
    let resolved = io::load_project(&path).expect("opens");
    assert!(resolved.claim(&id).is_none());
    assert!(resolved.conflicts.is_empty());
}

#[test]
fn two_branches_that_both_add_the_project_merge_as_two_additions() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    git_ok(root, &["init", "-q"]);
    assert!(
        claimdesk(["git-setup".as_ref(), root.as_os_str()])
            .status
            .success()
    );
    std::fs::write(root.join("README"), "Belgorod, shared\n").unwrap();
    git_ok(root, &["add", "."]);
    git_ok(root, &["commit", "-q", "-m", "start"]);
    let path = root.join("project.ron");
    let sample = io::load_project(&sample_project()).expect("sample");
    let document = document_with_words(&sample, "Belgorod");

    git_ok(root, &["checkout", "-q", "-b", "theirs"]);
    let mut theirs = sample.clone();
    let claim = new_claim(&theirs, &document, "Belgorod");
    apply(&mut theirs, Edit::add_claim(claim)).unwrap();
    std::fs::write(&path, io::project_to_string(&theirs).unwrap()).unwrap();
    git_ok(root, &["add", "project.ron"]);
    commit(root, "theirs adds the project");
    git_ok(root, &["checkout", "-q", "main"]);
    let mut ours = sample.clone();
    let claim = new_claim(&ours, &document, "strike");
    let id = claim.id.clone();
    apply(&mut ours, Edit::add_claim(claim)).unwrap();
    std::fs::write(&path, io::project_to_string(&ours).unwrap()).unwrap();
    git_ok(root, &["add", "project.ron"]);
    commit(root, "ours adds the project");

    let merge = git(root, &["merge", "--no-edit", "theirs"]);
    assert!(
        merge.status.success(),
        "{}",
        String::from_utf8_lossy(&merge.stderr)
    );
    let merged = io::load_project(&path).expect("opens");
    assert_eq!(merged.claims.len(), sample.claims.len() + 2);
    assert!(merged.claim(&id).is_some());
    assert!(merged.conflicts.is_empty());
}

#[test]
fn git_setup_writes_the_attribute_once_and_the_driver_names_this_binary() {
    let (dir, _) = repository(None);
    let root = dir.path();
    assert!(
        claimdesk(["git-setup".as_ref(), root.as_os_str()])
            .status
            .success()
    );
    let attributes = std::fs::read_to_string(root.join(".gitattributes")).unwrap();
    assert_eq!(attributes.matches("*.ron merge=claimdesk").count(), 1);
    let driver = git_ok(root, &["config", "merge.claimdesk.driver"]);
    assert!(driver.contains("claimdesk"), "{driver}");
    assert!(driver.trim_end().ends_with("merge %O %A %B %P"), "{driver}");
}

#[test]
fn an_unreadable_side_leaves_ours_untouched_and_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let base = dir.path().join("base.ron");
    let ours = dir.path().join("ours.ron");
    let theirs = dir.path().join("theirs.ron");
    std::fs::copy(sample_project(), &base).unwrap();
    std::fs::copy(sample_project(), &ours).unwrap();
    std::fs::write(&theirs, "(format_version: 1, name: <<<<<<< broken").unwrap();
    let before = std::fs::read(&ours).unwrap();
    let out = claimdesk([
        "merge".as_ref(),
        base.as_os_str(),
        ours.as_os_str(),
        theirs.as_os_str(),
        "project.ron".as_ref(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("theirs.ron") && err.contains("theirs of project.ron"),
        "{err}"
    );
    assert_eq!(std::fs::read(&ours).unwrap(), before);
}

#[test]
fn same_words_tagged_on_both_sides_under_two_ids_are_a_conflict() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sample = io::load_project(&sample_project()).unwrap();
    let document = document_with_words(&sample, "Belgorod");
    let (mut ours, mut theirs) = (sample.clone(), sample.clone());
    let mine = new_claim(&ours, &document, "Belgorod");
    let yours = new_claim(&theirs, &document, "Belgorod");
    assert_eq!(mine.span(), yours.span());
    assert_eq!(mine.span(), Span::new(mine.start, mine.end));
    apply(&mut ours, Edit::add_claim(mine.clone())).unwrap();
    apply(&mut theirs, Edit::add_claim(yours.clone())).unwrap();
    let paths: Vec<PathBuf> = ["base", "ours", "theirs"]
        .iter()
        .map(|n| dir.path().join(format!("{n}.ron")))
        .collect();
    for (path, project) in paths.iter().zip([&sample, &ours, &theirs]) {
        std::fs::write(path, io::project_to_string(project).unwrap()).unwrap();
    }
    let out = claimdesk([
        "merge".as_ref(),
        paths[0].as_os_str(),
        paths[1].as_os_str(),
        paths[2].as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let merged = io::load_project(&paths[1]).unwrap();
    assert_eq!(merged.claims.len(), sample.claims.len() + 2, "both kept");
    assert_eq!(merged.conflicts.len(), 1);
    assert_eq!(merged.conflicts[0].kind, ConflictKind::SameSpan);
    let resolve = claimdesk(["resolve".as_ref(), paths[1].as_os_str(), "--ours".as_ref()]);
    assert!(resolve.status.success());
    let resolved = io::load_project(&paths[1]).unwrap();
    assert!(resolved.claim(&mine.id).is_some());
    assert!(resolved.claim(&yours.id).is_none());
}

#[test]
fn a_read_only_ours_is_not_replaced() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sides: Vec<PathBuf> = ["base", "ours", "theirs"]
        .iter()
        .map(|n| dir.path().join(format!("{n}.ron")))
        .collect();
    let sample = io::load_project(&sample_project()).unwrap();
    let mut theirs = sample.clone();
    theirs.name.push_str(" (theirs)");
    for (path, project) in sides.iter().zip([&sample, &sample, &theirs]) {
        std::fs::write(path, io::project_to_string(project).unwrap()).unwrap();
    }
    let mut permissions = std::fs::metadata(&sides[1]).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&sides[1], permissions).unwrap();
    let before = std::fs::read(&sides[1]).unwrap();
    let out = claimdesk([
        "merge".as_ref(),
        sides[0].as_os_str(),
        sides[1].as_os_str(),
        sides[2].as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("marked read-only"));
    assert_eq!(std::fs::read(&sides[1]).unwrap(), before);
}
