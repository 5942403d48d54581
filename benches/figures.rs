//! The Figures view and the brief on large projects (issue 17).
//!
//! Targets on the 2-core reference machine:
//! - a frame of the Figures view on a topic of 10,000 figures, with the
//!   pointer moving over the plot (a hover each frame): median ≤ 8 ms,
//!   99th percentile ≤ 16 ms;
//! - the brief of the large synthetic project (2,000 documents, 100,000
//!   claims), check included: ≤ 3 s.
//!
//! The frames are measured with this bench's own clock (each depends on
//! the ones before: caches, hover); the brief with criterion as well.

mod common;
#[path = "common/window.rs"]
mod window;

use claimdesk::check::check;
use claimdesk::io::save_project;
use claimdesk::report::{BriefOptions, brief};
use criterion::Criterion;
use egui::{Event, Pos2};
use std::hint::black_box;
use std::time::{Duration, Instant};
use window::{Window, report};

const BRIEF_TARGET: Duration = Duration::from_secs(3);
const BIG_TOPIC: usize = 10_000;

fn frames() {
    let mut project = claimdesk::synth::generate(400, 30_000, 17);
    let title = claimdesk::synth::one_big_topic(&mut project, BIG_TOPIC);
    project.reindex();
    let claim = project
        .claims
        .iter()
        .find(|c| c.subject == "Synthetic strike")
        .expect("the big topic")
        .id
        .clone();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("figures.ron");
    save_project(&path, &project).expect("saves");
    let mut window = Window::open(path);
    window.app.show_figures_of(&claim);
    let opening = Instant::now();
    window.frame(None);
    window.frame(None);
    let opened = opening.elapsed();
    let chart = window.app.figures_view().chart().expect("a chart");
    assert_eq!(chart.title, title);
    assert_eq!(chart.figures.len(), BIG_TOPIC);
    println!(
        "opening the Figures view on {BIG_TOPIC} figures (topics and chart made, two frames): {opened:.2?}"
    );
    // The pointer sweeps across the plot, one step a frame: each frame
    // looks for the figure under it and draws every figure.
    let mut times = Vec::new();
    for step in 0..121 {
        let x = 560.0 + (step as f32 * 6.0) % 760.0;
        let y = 520.0 + (step as f32 * 3.0) % 300.0;
        times.push(window.frame(Some(Event::PointerMoved(Pos2::new(x, y)))));
    }
    report(
        &format!("Figures view, {BIG_TOPIC} figures, pointer moving"),
        times,
    );
}

fn briefs(c: &mut Criterion) {
    let project = claimdesk::synth::generate(2_000, 100_000, 42);
    let write = || {
        let findings = check(&project);
        black_box(brief(&project, &findings, &BriefOptions::default()).expect("a brief"));
    };
    let findings = check(&project);
    let html = brief(&project, &findings, &BriefOptions::default()).expect("a brief");
    println!(
        "brief of 100,000 claims: {:.1} MB, {} charts",
        html.len() as f64 / 1e6,
        html.matches("<svg").count()
    );
    common::report(
        "brief of 100,000 claims (check included)",
        BRIEF_TARGET,
        write,
    );
    let mut group = c.benchmark_group("figures");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("brief of 100k claims", |b| b.iter(write));
    group.finish();
}

fn main() {
    frames();
    // `cargo bench --bench figures -- --frames-only`, for profiling them.
    if std::env::args().any(|a| a == "--frames-only") {
        return;
    }
    let mut criterion = Criterion::default().configure_from_args();
    briefs(&mut criterion);
    criterion.final_summary();
}
