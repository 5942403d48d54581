//! Faults while saving: an error reaches the caller and the old file stays
//! whole and loadable. Also: a file changed by someone else is not overwritten.

mod common;

use claimdesk::io::{
    FileError, load_project, load_project_stamped, save_project, save_project_checked,
};
use claimdesk::model::Source;
use std::path::Path;

fn sample_in(dir: &Path) -> (std::path::PathBuf, claimdesk::Project) {
    let path = dir.join("p.ron");
    std::fs::copy(common::sample_project(), &path).unwrap();
    let project = load_project(&path).unwrap();
    (path, project)
}

fn changed(project: &claimdesk::Project) -> claimdesk::Project {
    let mut project = project.clone();
    project.sources.push(Source::new("A new outlet"));
    project
}

#[cfg(unix)]
#[test]
fn saving_into_a_read_only_folder_fails_and_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (path, project) = sample_in(dir.path());
    let before = std::fs::read(&path).unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o555)).unwrap();
    // root ignores folder permissions: then there is nothing to test here.
    let probe = dir.path().join("probe");
    if std::fs::write(&probe, b"x").is_ok() {
        let _ = std::fs::remove_file(&probe);
        // root writes into read-only folders; an unprivileged child cannot.
        let saved_as_nobody = save_as_nobody(&path, &before);
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        match saved_as_nobody {
            Some(()) => return,
            None => {
                eprintln!("skipped: root writes into read-only folders and setpriv is missing");
                return;
            }
        }
    }
    let result = save_project(&path, &changed(&project));
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(matches!(result, Err(FileError::Write { .. })), "{result:?}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// Runs `claimdesk source` as the user nobody on a project in a read-only
/// folder: it must fail, naming the file, and leave the file as it was.
/// `None` when this machine cannot drop privileges.
#[cfg(unix)]
fn save_as_nobody(path: &Path, before: &[u8]) -> Option<()> {
    use std::os::unix::fs::PermissionsExt;
    let folder = path.parent()?;
    // nobody must reach the folder and read the file, but not write there.
    for ancestor in folder.ancestors().take(2) {
        let mode = std::fs::metadata(ancestor).ok()?.permissions().mode();
        std::fs::set_permissions(ancestor, std::fs::Permissions::from_mode(mode | 0o055)).ok()?;
    }
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644)).ok()?;
    let output = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_claimdesk"))
        .args(["source".as_ref(), path.as_os_str(), "New outlet".as_ref()])
        .output()
        .ok()?;
    let message = String::from_utf8_lossy(&output.stderr);
    if message.contains("setpriv") {
        return None;
    }
    assert!(
        !output.status.success(),
        "saving into a read-only folder failed: {message}"
    );
    assert!(
        message.contains("p.ron"),
        "the error names the file: {message}"
    );
    eprintln!("as nobody: {message}");
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "the old file is intact"
    );
    assert!(load_project(path).is_ok());
    Some(())
}

#[cfg(target_os = "linux")]
#[test]
fn saving_onto_a_full_disk_fails_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let mount = dir.path().join("tiny");
    std::fs::create_dir(&mount).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=300k", "tmpfs"])
        .arg(&mount)
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!("skipped: cannot mount a tiny tmpfs here (needs root and mount rights)");
        return;
    }
    let outcome = std::panic::catch_unwind(|| {
        let (path, project) = sample_in(&mount);
        let before = std::fs::read(&path).unwrap();
        let mut big = project.clone();
        // Twenty copies of every document do not fit beside the old file.
        for round in 0..20 {
            for document in &project.documents {
                let mut copy = document.clone();
                copy.id = format!("{}-copy{round}", document.id).into();
                big.documents.push(copy);
            }
        }
        let result = save_project(&path, &big);
        assert!(matches!(result, Err(FileError::Write { .. })), "{result:?}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        assert_eq!(load_project(&path).unwrap(), project);
    });
    let _ = std::process::Command::new("umount").arg(&mount).status();
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

#[test]
fn saving_where_a_folder_now_stands_fails_and_leaves_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (path, project) = sample_in(dir.path());
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    std::fs::write(path.join("inside.txt"), b"keep me").unwrap();
    let result = save_project(&path, &project);
    assert!(result.is_err());
    assert!(path.is_dir());
    assert_eq!(std::fs::read(path.join("inside.txt")).unwrap(), b"keep me");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers,
        vec![std::ffi::OsString::from("p.ron")],
        "no temporary files left"
    );
}

#[test]
fn each_save_keeps_the_previous_version_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let (path, project) = sample_in(dir.path());
    let before = std::fs::read(&path).unwrap();
    let newer = changed(&project);
    save_project(&path, &newer).unwrap();
    assert_eq!(std::fs::read(dir.path().join("p.ron.bak")).unwrap(), before);
    assert_eq!(load_project(&path).unwrap(), newer);
}

#[test]
fn a_file_changed_by_someone_else_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = sample_in(dir.path());
    let (project, stamp) = load_project_stamped(&path).unwrap();
    let theirs = changed(&project);
    save_project(&path, &theirs).unwrap();
    let theirs_bytes = std::fs::read(&path).unwrap();
    let result = save_project_checked(&path, &project, Some(&stamp));
    assert!(
        matches!(result, Err(FileError::ChangedOnDisk { .. })),
        "{result:?}"
    );
    assert_eq!(std::fs::read(&path).unwrap(), theirs_bytes);
    // Saving with the stamp of what is there now goes through.
    let (_, now) = load_project_stamped(&path).unwrap();
    save_project_checked(&path, &project, Some(&now)).unwrap();
}
