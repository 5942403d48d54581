//! Helpers shared by the workbench's kittest tests.
#![allow(dead_code)]

use claimdesk::ui::{App, Settings, Start};
use egui::accesskit::Role;
use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::PathBuf;

pub const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/projects/belgorod-strike.ron");

/// A copy of the sample project in a temporary folder, so that no test
/// ever writes the repository's file.
pub fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("belgorod.ron");
    std::fs::copy(SAMPLE, &path).expect("copy the sample");
    (dir, path)
}

pub fn settings() -> Settings {
    Settings {
        annotator: "tester".to_owned(),
        ..Settings::default()
    }
}

pub fn harness(start: Start) -> Harness<'static, App> {
    let mut harness = Harness::builder()
        .with_size([1400.0, 1000.0])
        // Frames a person's 60 Hz apart, so two clicks can make a double-click.
        .with_step_dt(1.0 / 60.0)
        // A claim under the resting pointer shows its summary after the
        // tooltip delay, and a scroll area eases into place: up to two
        // seconds of frames before the UI is still.
        .with_max_steps(150)
        .build_eframe(move |_cc| App::with_start(start, settings()));
    // A large file opens on another thread while the window draws.
    while harness.state().is_opening() {
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
    harness
}

/// A field (not its caption) found by the caption's text.
pub fn field<'a>(harness: &'a Harness<'static, App>, label: &'a str) -> egui_kittest::Node<'a> {
    harness
        .get_all_by_label(label)
        .find(|node| {
            matches!(
                node.accesskit_node().role(),
                Role::TextInput | Role::MultilineTextInput
            )
        })
        .unwrap_or_else(|| panic!("no text field labelled {label:?}"))
}

pub fn press_key(harness: &mut Harness<'static, App>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    harness.run();
}

/// Drags the mouse from one screen point to another, as a person would.
pub fn drag(harness: &mut Harness<'static, App>, from: Pos2, to: Pos2) {
    let button = |pos, pressed| Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    harness.event(Event::PointerMoved(from));
    harness.event(button(from, true));
    harness.step();
    harness.event(Event::PointerMoved(from.lerp(to, 0.5)));
    harness.step();
    harness.event(Event::PointerMoved(to));
    harness.step();
    harness.event(button(to, false));
    harness.run();
}

/// Steps until the work the App runs on another thread (open, import,
/// check, export) is done, then lets the window settle.
pub fn wait_idle(harness: &mut Harness<'static, App>) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    // The click or key that starts the work is handled in this frame.
    harness.step();
    while harness.state().is_busy() {
        assert!(std::time::Instant::now() < deadline, "the task never ended");
        harness.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
}
