//! Opening, saving and exporting a large project: 2,000 documents with
//! 100,000 claims plus one 5 MB document with 20,000 claims (issue 6).
//!
//! Targets on the 2-core reference machine: open (read + parse + validate)
//! ≤ 0.5 s; save ≤ 0.5 s; CSV export ≤ 300 ms.

mod common;

use claimdesk::io::{export_claims, load_project, save_project};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

const OPEN_TARGET: Duration = Duration::from_millis(500);
const SAVE_TARGET: Duration = Duration::from_millis(500);
const EXPORT_TARGET: Duration = Duration::from_millis(300);

fn large_project() -> claimdesk::Project {
    let mut project = claimdesk::synth::generate(2_000, 100_000, 42);
    claimdesk::synth::add_big_document(&mut project, 5.0, 20_000, 7);
    project
}

fn files(c: &mut Criterion) {
    let project = large_project();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("large.ron");
    save_project(&path, &project).expect("the large project saves");
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!(
        "large project: {} documents, {} claims, {:.1} MB on disk",
        project.documents.len(),
        project.claims.len(),
        size as f64 / 1e6
    );

    let open = || {
        let loaded = load_project(black_box(&path)).expect("the large project loads");
        black_box(loaded.validate());
    };
    let save = || {
        save_project(black_box(&path), black_box(&project)).expect("the large project saves");
    };
    let export = || {
        let mut out = Vec::with_capacity(64 << 20);
        export_claims(black_box(&project), &mut out).expect("the export succeeds");
        black_box(out);
    };
    common::report("open", OPEN_TARGET, open);
    common::report("save", SAVE_TARGET, save);
    common::report("export", EXPORT_TARGET, export);

    let mut group = c.benchmark_group("files");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("open 100k claims", |b| b.iter(open));
    group.bench_function("save 100k claims", |b| b.iter(save));
    group.bench_function("export 100k claims", |b| b.iter(export));
    group.finish();
}

criterion_group!(benches, files);
criterion_main!(benches);
