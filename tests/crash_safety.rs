//! A process saving a large project is killed with SIGKILL at random
//! moments, 200 times: the project always loads as either the old or the
//! new version, and no temporary files pile up.

mod common;

use claimdesk::Project;
use claimdesk::io::{load_project, save_project};
use std::io::BufRead;
use std::path::Path;
use std::process::{Command, Stdio};

const CHILD_VAR: &str = "CLAIMDESK_CRASH_CHILD";

/// The sample's documents copied until the project is about 2 MB, named `name`.
fn large_project(name: &str) -> Project {
    let mut project = load_project(&common::sample_project()).unwrap();
    let originals = project.documents.clone();
    for round in 0..80 {
        for document in &originals {
            let mut copy = document.clone();
            copy.id = format!("{}-{round}", document.id).into();
            project.documents.push(copy);
        }
    }
    project.name = name.to_owned();
    project
}

/// Runs in the child: saves the two versions in turn until killed.
#[test]
#[ignore = "the child process of the crash test; runs only when spawned by it"]
fn crash_child_saves_forever() {
    let Ok(path) = std::env::var(CHILD_VAR) else {
        return;
    };
    let versions = [large_project("A"), large_project("B")];
    for round in 0.. {
        save_project(Path::new(&path), &versions[round % 2]).unwrap();
        if round == 0 {
            println!("ready");
        }
    }
}

#[cfg(unix)]
#[test]
fn a_save_killed_at_random_moments_leaves_the_old_or_the_new_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    save_project(&path, &large_project("A")).unwrap();
    let (a, b) = (large_project("A"), large_project("B"));
    // A fixed sequence of delays keeps the test repeatable while spreading
    // the kills over every phase of a save.
    let mut delay: u64 = 7;
    for kill in 0..200 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "crash_child_saves_forever",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_VAR, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut ready = String::new();
        let stdout = child.stdout.take().unwrap();
        let mut lines = std::io::BufReader::new(stdout);
        while !ready.contains("ready") {
            ready.clear();
            assert!(
                lines.read_line(&mut ready).unwrap() > 0,
                "the child died before saving"
            );
        }
        delay = (delay * 1_103_515_245 + 12_345) % 2_147_483_648;
        std::thread::sleep(std::time::Duration::from_micros(delay % 60_000));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        let loaded = load_project(&path).unwrap_or_else(|e| panic!("after kill {kill}: {e}"));
        assert!(
            loaded == a || loaded == b,
            "after kill {kill}: neither version"
        );
    }
    // A kill between naming the temporary file and the rename may leave it
    // until the next save, which clears it: they never pile up.
    save_project(&path, &a).unwrap();
    let mut names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(
        names == ["big.ron", "big.ron.bak"],
        "temporary files piled up: {names:?}"
    );
}
