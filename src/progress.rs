//! How far a long operation got, and a way to stop it.
//!
//! Opening, checking and exporting a large project take a second or more.
//! The workbench runs them on another thread and draws a progress bar from
//! a [`Progress`] they share; Cancel sets a flag the operation looks at
//! between steps and answers with [`Cancelled`]. The command line passes a
//! `Progress` nobody watches.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// Shared between an operation and whoever watches it.
#[derive(Debug, Default)]
pub struct Progress {
    stage: Mutex<&'static str>,
    done: AtomicU64,
    total: AtomicU64,
    cancelled: AtomicBool,
}

/// The operation stopped because it was asked to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("cancelled")]
pub struct Cancelled;

impl Progress {
    /// Starts a stage ("parsing") of `total` units (bytes, claims, files).
    pub fn stage(&self, name: &'static str, total: u64) {
        if let Ok(mut stage) = self.stage.lock() {
            *stage = name;
        }
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    /// Counts `units` more done in the current stage.
    pub fn advance(&self, units: u64) {
        self.done.fetch_add(units, Ordering::Relaxed);
    }

    /// Marks the current stage as done.
    pub fn finish_stage(&self) {
        self.done
            .store(self.total.load(Ordering::Relaxed), Ordering::Relaxed);
    }

    /// The current stage's name, empty before the first.
    pub fn stage_name(&self) -> &'static str {
        self.stage.lock().map_or("", |stage| *stage)
    }

    /// How much of the current stage is done, from 0 to 1.
    pub fn fraction(&self) -> f32 {
        let total = self.total.load(Ordering::Relaxed);
        if total == 0 {
            return 0.0;
        }
        let done = self.done.load(Ordering::Relaxed).min(total);
        (done as f64 / total as f64) as f32
    }

    /// Asks the operation to stop at its next step.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// `Err(Cancelled)` once Cancel was asked for: `progress.go_on()?`
    /// between steps.
    pub fn go_on(&self) -> Result<(), Cancelled> {
        if self.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_count_from_zero_and_never_pass_one() {
        let progress = Progress::default();
        assert_eq!(progress.fraction(), 0.0);
        assert_eq!(progress.stage_name(), "");
        progress.stage("reading", 200);
        progress.advance(50);
        assert_eq!(progress.stage_name(), "reading");
        assert_eq!(progress.fraction(), 0.25);
        progress.advance(500);
        assert_eq!(progress.fraction(), 1.0);
        progress.stage("parsing", 10);
        assert_eq!(progress.fraction(), 0.0);
        assert_eq!(progress.go_on(), Ok(()));
        progress.cancel();
        assert_eq!(progress.go_on(), Err(Cancelled));
    }
}
