//! Working as a team on a large project (issue 15): the 100,000-claim
//! synthetic project, with 1,000 changes on each of two branches.
//!
//! Targets on the 2-core reference machine:
//! - `claimdesk merge BASE OURS THEIRS`, as a whole process (read three
//!   files, merge, write one) ≤ 2 s;
//! - the agreement of two such copies ≤ 1 s.

mod common;

use claimdesk::Edit;
use claimdesk::edit::{ClaimField, apply_at};
use claimdesk::io::{load_project, save_project};
use claimdesk::model::{Credibility, Project};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

const MERGE_TARGET: Duration = Duration::from_secs(2);
const AGREE_TARGET: Duration = Duration::from_secs(1);

/// Changes per side.
const CHANGES: usize = 1_000;

fn clock() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_800_000_000, 0).expect("a time")
}

/// `base` with `CHANGES` edits on every `stride`-th claim from `first`:
/// ours regrades, theirs writes notes, both on claims of their own.
fn changed(base: &Project, first: usize, note: bool) -> Project {
    let mut project = base.clone();
    let stride = base.claims.len() / CHANGES;
    let ids: Vec<_> = (0..CHANGES)
        .map(|n| base.claims[first + n * stride].id.clone())
        .collect();
    for id in ids {
        let field = if note {
            ClaimField::Note("Checked against the regional governor's post.".into())
        } else {
            ClaimField::Credibility(Credibility::Doubtful)
        };
        let edit = Edit::SetClaim {
            id,
            field,
            modified: None,
        };
        apply_at(&mut project, edit, clock()).expect("the edit applies");
    }
    project
}

fn merge_process(dir: &Path) {
    let ours = dir.join("merged.ron");
    std::fs::copy(dir.join("ours.ron"), &ours).expect("copy");
    let status = Command::new(env!("CARGO_BIN_EXE_claimdesk"))
        .arg("merge")
        .args([dir.join("base.ron"), ours, dir.join("theirs.ron")])
        .stderr(std::process::Stdio::null())
        .status()
        .expect("claimdesk runs");
    assert_eq!(status.code(), Some(0), "a clean merge");
}

fn team(c: &mut Criterion) {
    let base = claimdesk::synth::generate(2_000, 100_000, 42);
    let ours = changed(&base, 0, false);
    let theirs = changed(&base, 1, true);
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (name, project) in [("base", &base), ("ours", &ours), ("theirs", &theirs)] {
        save_project(&dir.path().join(format!("{name}.ron")), project).expect("saves");
    }
    merge_process(dir.path());
    let merged = load_project(&dir.path().join("merged.ron")).expect("the merge opens");
    assert_eq!(merged.claims.len(), base.claims.len());
    assert!(merged.conflicts.is_empty());
    drop(merged);

    common::report("merge, whole process", MERGE_TARGET, || {
        merge_process(dir.path())
    });
    let agree = || {
        black_box(claimdesk::agree::agree(black_box(&ours), black_box(&theirs)).expect("agrees"));
    };
    common::report("agree", AGREE_TARGET, agree);
    let merge = || {
        black_box(claimdesk::merge::merge(&base, &ours, &theirs));
    };
    common::report("merge in memory", MERGE_TARGET, merge);

    let mut group = c.benchmark_group("team");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(15));
    group.bench_function("merge 100k claims, whole process", |b| {
        b.iter(|| merge_process(dir.path()))
    });
    group.bench_function("agree 100k claims", |b| b.iter(agree));
    group.finish();
}

criterion_group!(benches, team);
criterion_main!(benches);
