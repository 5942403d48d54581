//! What an edit costs on the large project: 2,000 documents with 100,000
//! claims plus one 5 MB document with 20,000 claims (issue 13). An edit
//! should cost what it changes, not a scan of every claim.
//!
//! Targets on the 2-core reference machine:
//! - one claim edit and its undo ≤ 1 ms;
//! - deleting the 5 MB document with its 20,000 claims ≤ 100 ms, and
//!   undoing that ≤ 100 ms;
//! - `claimdesk import-claims` of a 100,000-row CSV into that project
//!   ≤ 2 s as a whole process (printed beside `claimdesk check` of the same
//!   project, for scale).

use claimdesk::edit::{ClaimField, Edit, apply};
use claimdesk::model::Project;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const EDIT_TARGET: Duration = Duration::from_millis(1);
const DELETE_TARGET: Duration = Duration::from_millis(100);
const IMPORT_TARGET: Duration = Duration::from_secs(2);

fn large_project() -> Project {
    let mut project = claimdesk::synth::generate(2_000, 100_000, 42);
    claimdesk::synth::add_big_document(&mut project, 5.0, 20_000, 7);
    project
}

/// The median of `runs` timings of `run`, printed beside its target so the
/// answer shows even where criterion's report is not read.
fn report(name: &str, target: Duration, runs: usize, mut run: impl FnMut() -> Duration) {
    let mut times: Vec<Duration> = (0..runs).map(|_| run()).collect();
    times.sort();
    let median = times[times.len() / 2];
    let verdict = if median <= target { "met" } else { "MISSED" };
    println!("{name}: median {median:?} over {runs} runs, target {target:?}: {verdict}");
}

fn timed<T>(work: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let value = work();
    (value, start.elapsed())
}

/// A note on the claim in the middle of the list, as the inspector sets it.
fn note_edit(project: &Project, text: &str) -> Edit {
    Edit::SetClaim {
        id: project.claims[project.claims.len() / 2].id.clone(),
        field: ClaimField::Note(text.to_owned()),
        modified: None,
    }
}

fn edits(c: &mut Criterion) {
    let mut project = large_project();
    let big = project
        .documents
        .last()
        .expect("the big document")
        .id
        .clone();
    // The first edit builds the index, as opening a project is followed by one.
    let warm = note_edit(&project, "warm");
    let undo = apply(&mut project, warm).expect("the edit applies");
    apply(&mut project, undo).expect("the undo applies");

    report("one claim edit and its undo", EDIT_TARGET, 101, || {
        timed(|| {
            let edit = note_edit(&project, "checked");
            let undo = apply(&mut project, edit).expect("edit");
            apply(&mut project, undo).expect("undo");
        })
        .1
    });
    let mut undo_times = Vec::new();
    report(
        "delete the 5 MB document with its 20,000 claims",
        DELETE_TARGET,
        5,
        || {
            let (undo, took) = timed(|| {
                let edit = Edit::remove_document_with_claims(&project, &big);
                apply(&mut project, edit).expect("the delete applies")
            });
            undo_times.push(timed(|| apply(&mut project, undo).expect("the undo applies")).1);
            took
        },
    );
    let mut undo_times = undo_times.into_iter();
    report("undo that delete", DELETE_TARGET, 5, || {
        undo_times.next().unwrap_or_default()
    });

    import_whole_process(&project);

    let mut group = c.benchmark_group("edits");
    group.sample_size(20);
    group.bench_function("claim edit and undo", |b| {
        b.iter(|| {
            let edit = note_edit(&project, "checked");
            let undo = apply(&mut project, edit).expect("edit");
            black_box(apply(&mut project, undo).expect("undo"));
        })
    });
    group.bench_function("delete 20k-claim document and undo", |b| {
        b.iter(|| {
            let edit = Edit::remove_document_with_claims(&project, &big);
            let undo = apply(&mut project, edit).expect("delete");
            black_box(apply(&mut project, undo).expect("undo"));
        })
    });
    group.finish();
}

/// `claimdesk import-claims` of 100,000 new claims (the spans of the
/// project's first 100,000, under new ids) as a whole process, on a fresh
/// copy of the saved project each run; `claimdesk check` for scale.
fn import_whole_process(project: &Project) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let saved = dir.path().join("saved.ron");
    claimdesk::io::save_project(&saved, project).expect("the project saves");
    let csv = dir.path().join("claims.csv");
    let mut rows = String::from("document_id,start,end,label,value,unit\n");
    for claim in project.claims.iter().take(100_000) {
        let value = claim.value.map(|v| v.to_string()).unwrap_or_default();
        rows.push_str(&format!(
            "{},{},{},{},{value},{}\n",
            claim.document, claim.start, claim.end, claim.label, claim.unit
        ));
    }
    std::fs::write(&csv, rows).expect("the CSV is written");
    let binary = env!("CARGO_BIN_EXE_claimdesk");
    let run = |args: &[&Path]| {
        let (output, took) = timed(|| Command::new(binary).args(args).output());
        let output = output.expect("claimdesk runs");
        assert!(
            output.status.code().is_some_and(|code| code <= 1),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        took
    };
    let project_file = dir.path().join("p.ron");
    report(
        "claimdesk import-claims, 100,000 rows",
        IMPORT_TARGET,
        3,
        || {
            std::fs::copy(&saved, &project_file).expect("a fresh copy");
            run(&[
                Path::new("import-claims"),
                project_file.as_path(),
                csv.as_path(),
            ])
        },
    );
    report("claimdesk check (for scale)", IMPORT_TARGET, 3, || {
        run(&[Path::new("check"), saved.as_path()])
    });
}

criterion_group!(benches, edits);
criterion_main!(benches);
