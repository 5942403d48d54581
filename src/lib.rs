//! claimdesk: the library behind the workbench and the command line.
//!
//! The model, the project files, the CSV exchange and the consistency
//! checker live here, with no GUI in them: the GUI (`ui`, behind the binary)
//! and the CLI are thin layers over this crate, and a script can use it too.

pub mod agree;
pub mod check;
pub mod diff;
pub mod edit;
pub mod figures;
pub mod io;
pub mod merge;
pub mod model;
pub mod pool;
pub mod progress;
pub mod report;
/// Synthetic projects for benches, tests and the `synth` example: behind
/// the `synth` feature, so the product carries neither it nor `rand`.
#[cfg(feature = "synth")]
pub mod synth;
/// The eframe workbench. It is the only module that imports egui: `model`,
/// `io`, `edit` (and the checker) never do, so they can be read, scripted
/// and tested without a screen. Built with the default `gui` feature.
#[cfg(feature = "gui")]
pub mod ui;
pub mod workspace;

pub use edit::{Edit, EditError, apply};
pub use model::*;

/// The shipped sample project, for the unit tests.
#[cfg(test)]
pub(crate) fn sample_project() -> model::Project {
    io::parse_project(include_str!("../projects/belgorod-strike.ron")).expect("the sample parses")
}
