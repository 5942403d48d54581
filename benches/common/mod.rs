//! What the benches share: a plain median of a few runs printed beside its
//! target, so that the answer shows even where criterion's report is not
//! read.

use std::time::{Duration, Instant};

/// Runs `run` five times and prints the median, the range and the verdict.
pub fn report(name: &str, target: Duration, mut run: impl FnMut()) {
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    times.sort();
    let median = times[times.len() / 2];
    let verdict = if median <= target { "met" } else { "MISSED" };
    println!(
        "{name}: median {median:?} over 5 runs (from {:?} to {:?}), target {target:?}: {verdict}",
        times[0],
        times[times.len() - 1]
    );
}
