//! How long the checker takes over 100,000 claims: the workbench re-runs it
//! after every edit, so it has to stay well under the time a person notices.

use claimdesk::check::{Summary, check};
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The target of issue 4: checking 100,000 claims takes under 200 ms.
const TARGET: Duration = Duration::from_millis(200);
const CLAIMS: usize = 100_000;
const DOCUMENTS: usize = 2_000;
const SEED: u64 = 42;

fn check_100k_claims(c: &mut Criterion) {
    let project = claimdesk::synth::generate(DOCUMENTS, CLAIMS, SEED);
    let text: usize = project.documents.iter().map(|d| d.text.len()).sum();

    // A plain median of a few runs, compared with the target, so the answer
    // is printed even where criterion's report is not read.
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            black_box(check(black_box(&project)));
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    let summary = Summary::of(&check(&project));
    println!(
        "check: {CLAIMS} claims in {DOCUMENTS} documents ({} MB of text): median {median:?} \
         over 5 runs, target under {TARGET:?}: {}; findings: {summary}",
        text / 1_000_000,
        if median < TARGET { "met" } else { "MISSED" },
    );

    let mut group = c.benchmark_group("check");
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(8));
    group.bench_function("100k claims", |b| b.iter(|| check(black_box(&project))));
    group.finish();
}

criterion_group!(benches, check_100k_claims);
criterion_main!(benches);
