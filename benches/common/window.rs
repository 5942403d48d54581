//! The real App in a headless egui context, driven frame by frame as
//! eframe drives it, and the frame-time report the GUI benches share.
//!
//! Through `Context::run_ui`, not egui_kittest's harness: the harness also
//! builds and walks the AccessKit tree on every frame, which a real window
//! only does while a screen reader is attached.

#![allow(dead_code)]

use claimdesk::ui::App;
use egui::{Event, Pos2, vec2};
use std::time::{Duration, Instant};

pub const MEDIAN: Duration = Duration::from_millis(8);
pub const P99: Duration = Duration::from_millis(16);

/// The real App in a headless egui context, fed raw input as eframe feeds it.
pub struct Window {
    pub ctx: egui::Context,
    pub app: App,
    frame: eframe::Frame,
    events: Vec<Event>,
    started: Instant,
}

impl Window {
    pub fn new(app: App) -> Self {
        Self {
            ctx: egui::Context::default(),
            app,
            frame: eframe::Frame::_new_kittest(),
            events: Vec::new(),
            started: Instant::now(),
        }
    }

    /// The App on a project file, once it has opened and drawn.
    pub fn open(path: std::path::PathBuf) -> Self {
        let settings = claimdesk::ui::Settings {
            annotator: "bench".into(),
            ..claimdesk::ui::Settings::default()
        };
        let mut window = Self::new(App::with_start(claimdesk::ui::Start::File(path), settings));
        // The project opens on another thread while the window draws.
        window.frame(None);
        while window.app.is_opening() {
            window.frame(None);
            std::thread::sleep(Duration::from_millis(20));
        }
        for _ in 0..3 {
            window.frame(None);
        }
        window
    }

    pub fn event(&mut self, event: Event) {
        self.events.push(event);
    }

    /// One frame: the App's `ui` through egui, then tessellation, as eframe
    /// does before handing the meshes to the GPU.
    pub fn frame(&mut self, event: Option<Event>) -> Duration {
        self.events.extend(event);
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(Pos2::ZERO, vec2(1400.0, 900.0))),
            time: Some(self.started.elapsed().as_secs_f64()),
            predicted_dt: 1.0 / 60.0,
            events: std::mem::take(&mut self.events),
            ..Default::default()
        };
        let start = Instant::now();
        let Self {
            ctx, app, frame, ..
        } = self;
        let output = ctx.run_ui(input, |ui| eframe::App::ui(app, ui, frame));
        let meshes = ctx.tessellate(output.shapes, output.pixels_per_point);
        std::hint::black_box(meshes);
        start.elapsed()
    }
}

/// The nearest-rank percentile: the smallest time at least `p` of the
/// frames took no longer than. With 61 frames the 99th is the slowest, so
/// the frame that applies an edit is never left out.
pub fn percentile(times: &mut [Duration], p: f64) -> Duration {
    times.sort();
    let rank = (p * times.len() as f64).ceil() as usize;
    times
        .get(rank.saturating_sub(1))
        .copied()
        .unwrap_or_default()
}

pub fn report(name: &str, mut times: Vec<Duration>) {
    let median = percentile(&mut times, 0.5);
    let p99 = percentile(&mut times, 0.99);
    let slowest = times.last().copied().unwrap_or_default();
    let verdict = if median <= MEDIAN && p99 <= P99 {
        "met"
    } else {
        "MISSED"
    };
    println!(
        "{name}: {} frames, median {median:.2?}, p99 {p99:.2?}, slowest {slowest:.2?} (targets {MEDIAN:?} / {P99:?}): {verdict}",
        times.len()
    );
}
