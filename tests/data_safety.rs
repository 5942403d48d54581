//! Data safety on the command line (issue 12): every command that writes
//! a project does so as safely as the workbench, and no path, link, device
//! or race destroys a project. Each test is a user's story, run through the
//! built binary.

mod common;

use claimdesk::io::lock::{Holder, ProjectLock};
use claimdesk::io::{backup_path, load_project};
use common::{claimdesk, claimdesk_ok};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;

const ARTICLE: &str = "Officials said 24 people died in the strike.\n\
Crowds chanted ha ha ha at the officials.\n";

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A project in a temporary folder with one document, `article`.
fn project_with_article() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p.ron");
    let article = dir.path().join("article.txt");
    std::fs::write(&article, ARTICLE).unwrap();
    claimdesk_ok([OsStr::new("new"), project.as_os_str()]);
    claimdesk_ok([
        OsStr::new("add-docs"),
        project.as_os_str(),
        article.as_os_str(),
        OsStr::new("--source"),
        OsStr::new("Valley Courier"),
    ]);
    (dir, project)
}

/// Writes `rows` (after the header `header`) as a CSV beside the project.
fn csv_file(dir: &Path, name: &str, header: &str, rows: &[&str]) -> PathBuf {
    let path = dir.join(name);
    let mut text = format!("{header}\n");
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    std::fs::write(&path, text).unwrap();
    path
}

/// A CSV of one claim on "24" in the article.
fn one_claim_csv(dir: &Path) -> PathBuf {
    csv_file(dir, "c.csv", "document_id,start,end", &["article,15,17"])
}

/// Runs `claimdesk` and insists that it fails without touching `project`,
/// returning what it printed on standard error.
fn fails_untouched<I, S>(project: &Path, args: I) -> String
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let before = std::fs::read(project).unwrap();
    let output = claimdesk(args);
    assert!(!output.status.success(), "succeeded: {}", stderr(&output));
    assert_eq!(
        std::fs::read(project).unwrap(),
        before,
        "a failed command changed the project: {}",
        stderr(&output)
    );
    stderr(&output)
}

/// `claimdesk VERB PROJECT FILE` (`import-claims`, `add-docs`), which must
/// fail and leave the project as it was.
fn fails_on(verb: &str, project: &Path, file: &Path) -> String {
    fails_untouched(
        project,
        [OsStr::new(verb), project.as_os_str(), file.as_os_str()],
    )
}

/// Makes a named pipe at `path` and gives the path back.
#[cfg(unix)]
fn named_pipe(path: &Path) -> PathBuf {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
    path.to_owned()
}

fn import(project: &Path, csv: &Path) -> Output {
    claimdesk([
        OsStr::new("import-claims"),
        project.as_os_str(),
        csv.as_os_str(),
    ])
}

#[test]
fn exporting_onto_the_project_its_backup_or_its_lock_is_refused() {
    let (dir, project) = project_with_article();
    // A second save makes the backup.
    claimdesk_ok([
        OsStr::new("source"),
        project.as_os_str(),
        OsStr::new("Valley Courier"),
        OsStr::new("--reliability"),
        OsStr::new("C"),
    ]);
    let backup = backup_path(&project);
    assert!(backup.exists());
    let hard_link = dir.path().join("same-file.csv");
    std::fs::hard_link(&project, &hard_link).unwrap();
    let lock = claimdesk::io::lock::lock_path(&project);
    for target in [
        project.clone(),
        dir.path().join(".").join("p.ron"),
        backup.clone(),
        hard_link,
        lock.clone(),
    ] {
        let message = fails_untouched(
            &project,
            [
                OsStr::new("export"),
                project.as_os_str(),
                OsStr::new("--csv"),
                target.as_os_str(),
            ],
        );
        assert!(
            message.contains("its backup or its lock"),
            "{}: {message}",
            target.display()
        );
    }
    // Relative spelling, from the project's folder.
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .current_dir(dir.path())
        .args(["export", "p.ron", "--csv", "./p.ron"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert!(load_project(&project).is_ok());
    assert!(!lock.exists(), "no lock file made by the refusals");
}

#[test]
fn two_commands_at_once_never_lose_a_claim() {
    let (dir, project) = project_with_article();
    let header = "claim_id,document_id,start,end,label";
    for round in 0..20 {
        let first = csv_file(
            dir.path(),
            "a.csv",
            header,
            &[&format!("a{round},article,15,17,numeric")],
        );
        let second = csv_file(
            dir.path(),
            "b.csv",
            header,
            &[&format!("b{round},article,22,28,event")],
        );
        let spawn = |csv: &Path| {
            std::process::Command::new(env!("CARGO_BIN_EXE_claimdesk"))
                .args([
                    OsStr::new("import-claims"),
                    project.as_os_str(),
                    csv.as_os_str(),
                ])
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(&first), spawn(&second));
        let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
        let ids: Vec<String> = load_project(&project)
            .unwrap()
            .claims
            .iter()
            .map(|c| c.id.to_string())
            .collect();
        for (output, id) in [(&a, format!("a{round}")), (&b, format!("b{round}"))] {
            if output.status.success() {
                assert!(
                    ids.contains(&id),
                    "round {round}: {id} was reported imported but is not in the file"
                );
            } else {
                let message = stderr(output);
                assert!(
                    message.contains("p.ron") && !message.trim().is_empty(),
                    "round {round}: {message}"
                );
            }
        }
        assert!(
            a.status.success() || b.status.success(),
            "round {round}: neither went through:\n{}\n{}",
            stderr(&a),
            stderr(&b)
        );
    }
}

#[test]
fn a_command_refuses_a_project_open_in_the_workbench_unless_forced() {
    let (dir, project) = project_with_article();
    let csv = one_claim_csv(dir.path());
    let article = dir.path().join("second.txt");
    std::fs::write(&article, "Another text.").unwrap();
    let workbench = ProjectLock::try_acquire(&project, Holder::Workbench).unwrap();
    for args in [
        vec![
            OsStr::new("import-claims"),
            project.as_os_str(),
            csv.as_os_str(),
        ],
        vec![
            OsStr::new("add-docs"),
            project.as_os_str(),
            article.as_os_str(),
        ],
        vec![
            OsStr::new("source"),
            project.as_os_str(),
            OsStr::new("Valley Courier"),
            OsStr::new("--reliability"),
            OsStr::new("B"),
        ],
    ] {
        let message = fails_untouched(&project, &args);
        assert!(
            message.contains("open in a claimdesk workbench") && message.contains("process"),
            "{message}"
        );
    }
    let mut forced = vec![
        OsStr::new("import-claims"),
        project.as_os_str(),
        csv.as_os_str(),
    ];
    forced.push(OsStr::new("--force"));
    claimdesk_ok(&forced);
    assert_eq!(load_project(&project).unwrap().claims.len(), 1);
    drop(workbench);
}

#[test]
fn a_command_waits_for_another_command_to_finish() {
    let (dir, project) = project_with_article();
    let csv = one_claim_csv(dir.path());
    let other = ProjectLock::try_acquire(&project, Holder::Command).unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(600));
        drop(other);
    });
    let output = import(&project, &csv);
    release.join().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("waiting for"),
        "{}",
        stderr(&output)
    );
    assert_eq!(load_project(&project).unwrap().claims.len(), 1);
}

#[cfg(unix)]
#[test]
fn saving_through_a_symbolic_link_updates_the_file_it_points_to() {
    use std::os::unix::fs::{PermissionsExt, symlink};
    let (dir, project) = project_with_article();
    let shared = dir.path().join("shared");
    std::fs::create_dir(&shared).unwrap();
    let real = shared.join("real.ron");
    std::fs::rename(&project, &real).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("link.ron");
    symlink(&real, &link).unwrap();

    claimdesk_ok([
        OsStr::new("source"),
        link.as_os_str(),
        OsStr::new("Valley Courier"),
        OsStr::new("--reliability"),
        OsStr::new("B"),
    ]);
    let link_meta = std::fs::symlink_metadata(&link).unwrap();
    assert!(link_meta.file_type().is_symlink(), "the link stays a link");
    let real_meta = std::fs::metadata(&real).unwrap();
    assert_eq!(real_meta.permissions().mode() & 0o777, 0o640);
    let saved = load_project(&real).unwrap();
    assert_eq!(saved.sources[0].reliability.to_string(), "B");
    assert!(backup_path(&real).exists(), "the backup is beside the file");
    assert!(!backup_path(&link).exists());
}

#[cfg(unix)]
#[test]
fn exporting_onto_a_pipe_or_a_device_writes_into_it() {
    use std::os::unix::fs::{FileTypeExt, symlink};
    let (dir, project) = project_with_article();
    let fifo = named_pipe(&dir.path().join("claims.fifo"));
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    claimdesk_ok([
        OsStr::new("export"),
        project.as_os_str(),
        OsStr::new("--csv"),
        fifo.as_os_str(),
    ]);
    assert!(reader.join().unwrap().starts_with("claim_id,"));
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );

    // Standard output by its device name, here a pipe to this test.
    let output = claimdesk([
        OsStr::new("export"),
        project.as_os_str(),
        OsStr::new("--csv"),
        OsStr::new("/dev/stdout"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).starts_with("claim_id,"));

    // A link to a device: the device is written into, the link stays.
    let null = dir.path().join("null.csv");
    symlink("/dev/null", &null).unwrap();
    claimdesk_ok([
        OsStr::new("export"),
        project.as_os_str(),
        OsStr::new("--csv"),
        null.as_os_str(),
    ]);
    assert!(
        std::fs::symlink_metadata(&null)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

#[test]
fn a_document_too_large_to_keep_is_refused_before_it_is_read() {
    let (dir, project) = project_with_article();
    let huge = dir.path().join("huge.txt");
    let file = std::fs::File::create(&huge).unwrap();
    // Sparse: no disk is used for it.
    file.set_len(claimdesk::model::MAX_DOCUMENT_BYTES as u64 + 1)
        .unwrap();
    drop(file);
    let message = fails_on("add-docs", &project, &huge);
    assert!(
        message.contains("huge.txt") && message.contains("over the limit"),
        "{message}"
    );
}

#[cfg(unix)]
#[test]
fn adding_an_endless_device_stops_at_the_document_limit() {
    let (_dir, project) = project_with_article();
    let message = fails_untouched(
        &project,
        [
            OsStr::new("add-docs"),
            project.as_os_str(),
            OsStr::new("/dev/zero"),
        ],
    );
    assert!(
        message.contains("/dev/zero") && message.contains("over the limit"),
        "{message}"
    );
}

#[test]
fn a_read_only_project_is_not_replaced_unless_forced() {
    let (dir, project) = project_with_article();
    let article = dir.path().join("second.txt");
    std::fs::write(&article, "Another text.").unwrap();
    let mut permissions = std::fs::metadata(&project).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&project, permissions).unwrap();
    let args = [
        OsStr::new("add-docs"),
        project.as_os_str(),
        article.as_os_str(),
    ];
    let message = fails_untouched(&project, args);
    assert!(message.contains("read-only"), "{message}");
    claimdesk_ok([
        OsStr::new("add-docs"),
        project.as_os_str(),
        article.as_os_str(),
        OsStr::new("--force"),
    ]);
    assert_eq!(load_project(&project).unwrap().documents.len(), 2);
}

#[test]
fn a_project_of_an_unknown_format_version_is_not_written_back() {
    let (dir, project) = project_with_article();
    let text = std::fs::read_to_string(&project).unwrap();
    std::fs::write(
        &project,
        text.replacen("format_version: 1,", "format_version: 0,", 1),
    )
    .unwrap();
    let csv = one_claim_csv(dir.path());
    let message = fails_on("import-claims", &project, &csv);
    assert!(message.contains("format version 0"), "{message}");
}

#[test]
fn dates_values_and_quotes_are_stored_as_written_or_refused() {
    let (dir, project) = project_with_article();
    let refused = [
        (
            "document_id,start,end,as_of",
            "article,15,17,24-12-30",
            "YYYY-MM-DD",
        ),
        (
            "document_id,start,end,as_of",
            "article,15,17,-2024-01-01",
            "YYYY-MM-DD",
        ),
        (
            "document_id,start,end,value",
            "article,15,17,9007199254740993",
            "exactly as written",
        ),
        (
            "document_id,start,end,value",
            "article,15,17,1.000000000000000001",
            "exactly as written",
        ),
        ("document_id,quote", "article,ha ha", "occurs 2 times"),
    ];
    for (header, row, expected) in refused {
        let csv = csv_file(dir.path(), "bad.csv", header, &[row]);
        let message = fails_on("import-claims", &project, &csv);
        assert!(
            message.contains(expected) && message.contains("line 2"),
            "{row}: {message}"
        );
    }
    let article = dir.path().join("dated.txt");
    std::fs::write(&article, "Text.").unwrap();
    let message = fails_untouched(
        &project,
        [
            OsStr::new("add-docs"),
            project.as_os_str(),
            article.as_os_str(),
            OsStr::new("--date"),
            OsStr::new("24-01-01"),
        ],
    );
    assert!(message.contains("YYYY-MM-DD"), "{message}");
}

#[test]
fn nul_bytes_are_refused_and_control_characters_never_reach_the_terminal() {
    let (dir, project) = project_with_article();
    let csv = dir.path().join("nul.csv");
    std::fs::write(&csv, "document_id,start,end,note\narticle,15,17,a\0b\n").unwrap();
    let message = fails_on("import-claims", &project, &csv);
    assert!(
        message.contains("NUL") && message.contains("note"),
        "{message}"
    );

    let binary = dir.path().join("binary.txt");
    std::fs::write(&binary, "text\0more").unwrap();
    let message = fails_on("add-docs", &project, &binary);
    assert!(message.contains("NUL"), "{message}");

    // A claim that names a missing document whose id is a terminal escape.
    let csv = one_claim_csv(dir.path());
    assert!(import(&project, &csv).status.success());
    let text = std::fs::read_to_string(&project).unwrap();
    let hostile = dir.path().join("hostile.ron");
    let claim_line = text.lines().find(|l| l.contains("start: 15")).unwrap();
    let changed = claim_line.replace(r#"document: "article""#, r#"document: "doc\u{1b}[2J""#);
    assert_ne!(changed, claim_line);
    std::fs::write(&hostile, text.replace(claim_line, &changed)).unwrap();
    let output = claimdesk([OsStr::new("check"), hostile.as_os_str()]);
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(out.contains("doc\\u{1b}[2J"), "{out}{}", stderr(&output));
    assert!(!out.contains('\u{1b}'));
}

#[test]
fn options_that_need_a_note_say_so() {
    let (_dir, project) = project_with_article();
    for option in ["--note-date", "--evidence"] {
        let value = if option == "--note-date" {
            "2024-01-01"
        } else {
            "https://example.org"
        };
        let message = fails_untouched(
            &project,
            [
                OsStr::new("source"),
                project.as_os_str(),
                OsStr::new("Valley Courier"),
                OsStr::new(option),
                OsStr::new(value),
            ],
        );
        assert!(message.contains("--note"), "{message}");
    }
}

#[test]
fn a_project_with_a_byte_order_mark_or_windows_line_ends_opens_as_it_was() {
    let (dir, project) = project_with_article();
    let original = load_project(&project).unwrap();
    let text = std::fs::read_to_string(&project).unwrap();
    let bom = dir.path().join("bom.ron");
    std::fs::write(&bom, format!("\u{feff}{text}")).unwrap();
    let crlf = dir.path().join("crlf.ron");
    std::fs::write(&crlf, text.replace('\n', "\r\n")).unwrap();
    for path in [&bom, &crlf] {
        let loaded = load_project(path).unwrap();
        assert_eq!(loaded.documents[0].text, original.documents[0].text);
        assert!(loaded.validate().is_empty(), "{:?}", loaded.validate());
        let output = claimdesk([OsStr::new("check"), path.as_os_str()]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    }
}

#[test]
fn csv_errors_name_the_line_and_what_is_wrong() {
    let (dir, project) = project_with_article();
    // An unclosed quote.
    let csv = csv_file(
        dir.path(),
        "open.csv",
        "document_id,start,end,note",
        &["article,15,17,fine", "article,22,28,\"never closed"],
    );
    let message = fails_on("import-claims", &project, &csv);
    assert!(
        message.contains("never closed") && message.contains("line 3"),
        "{message}"
    );
    // A cell over three lines: the bad row after it starts on line 5.
    let csv = csv_file(
        dir.path(),
        "lines.csv",
        "document_id,start,end,note",
        &[
            "article,15,17,\"one\ntwo\nthree\"",
            "article,22,1000,past the end",
        ],
    );
    let message = fails_on("import-claims", &project, &csv);
    assert!(message.contains("line 5"), "{message}");
    // A short row, which the csv reader itself refuses: the same numbering.
    let csv = csv_file(
        dir.path(),
        "short.csv",
        "document_id,start,end,note",
        &["article,15,17,\"one\ntwo\"", "article,22"],
    );
    let message = fails_on("import-claims", &project, &csv);
    assert!(message.contains("line 4"), "{message}");
}

#[test]
fn two_files_with_one_name_in_one_command_are_named_both() {
    let (dir, project) = project_with_article();
    let (one, two) = (dir.path().join("one"), dir.path().join("two"));
    std::fs::create_dir(&one).unwrap();
    std::fs::create_dir(&two).unwrap();
    std::fs::write(one.join("same.txt"), "First.").unwrap();
    std::fs::write(two.join("same.txt"), "Second.").unwrap();
    let message = fails_untouched(
        &project,
        [
            OsStr::new("add-docs"),
            project.as_os_str(),
            one.join("same.txt").as_os_str(),
            two.join("same.txt").as_os_str(),
        ],
    );
    assert!(
        message.contains("one/same.txt")
            && message.contains("two/same.txt")
            && !message.contains("already in"),
        "{message}"
    );
}

#[test]
fn one_imported_claim_is_one_claim() {
    let (dir, project) = project_with_article();
    let csv = one_claim_csv(dir.path());
    let output = import(&project, &csv);
    assert!(output.status.success());
    assert!(
        stderr(&output).contains("imported 1 claim\n"),
        "{}",
        stderr(&output)
    );
}

#[cfg(unix)]
#[test]
fn a_pipe_in_place_of_the_project_is_refused_at_once() {
    use std::os::unix::fs::FileTypeExt;
    use std::time::{Duration, Instant};
    let (dir, _) = project_with_article();
    let fifo = named_pipe(&dir.path().join("p.fifo"));
    let csv = one_claim_csv(dir.path());
    // Nobody writes into the pipe: a command that opened it to read the
    // project would wait for ever.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .args([
            OsStr::new("import-claims"),
            fifo.as_os_str(),
            csv.as_os_str(),
        ])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if Instant::now() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("import-claims waited on a pipe given as the project");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut message = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut message).unwrap();
    assert!(!status.success());
    assert!(message.contains("not a regular file"), "{message}");
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo(),
        "the pipe is left as it was"
    );
    assert!(
        !dir.path().join("p.fifo.lock").exists(),
        "no lock is left behind"
    );
}

#[test]
fn a_lock_that_cannot_be_made_names_its_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("no such folder").join("p.ron");
    let csv = one_claim_csv(dir.path());
    let output = import(&project, &csv);
    assert!(!output.status.success());
    let message = stderr(&output);
    assert!(message.contains("cannot create the lock file"), "{message}");
    assert_eq!(message.matches("(os error").count(), 1, "{message}");
}
