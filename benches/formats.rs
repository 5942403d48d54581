//! The field's formats on the large project (issue 16): 100,000 claims as
//! W3C Web Annotations and back.
//!
//! Targets on the 2-core reference machine: exporting to W3C JSON-LD
//! ≤ 1 s; importing it back (into the project without its claims) ≤ 2 s.

mod common;

use claimdesk::io::w3c::{export_w3c, import_w3c};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

const EXPORT_TARGET: Duration = Duration::from_secs(1);
const IMPORT_TARGET: Duration = Duration::from_secs(2);

fn formats(c: &mut Criterion) {
    let project = claimdesk::synth::generate(2_000, 100_000, 42);
    let json = export_w3c(&project).expect("exports");
    println!(
        "W3C JSON-LD of 100,000 claims: {:.1} MB",
        json.len() as f64 / 1e6
    );
    let mut empty = project.clone();
    empty.claims.clear();
    empty.reindex();
    let (claims, _) = import_w3c(&empty, &json, "bench").expect("imports");
    assert_eq!(claims.len(), project.claims.len());

    let export = || {
        black_box(export_w3c(black_box(&project)).expect("exports"));
    };
    let import = || {
        black_box(import_w3c(black_box(&empty), black_box(&json), "bench").expect("imports"));
    };
    common::report("export W3C", EXPORT_TARGET, export);
    common::report("import W3C", IMPORT_TARGET, import);

    let mut group = c.benchmark_group("formats");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("export 100k claims to W3C", |b| b.iter(export));
    group.bench_function("import 100k claims from W3C", |b| b.iter(import));
    group.finish();
}

criterion_group!(benches, formats);
criterion_main!(benches);
