//! Opening a large project off the UI thread: the window keeps drawing, a
//! spinner shows the time spent, and Cancel gives up the open (the current
//! project stays as it was).

use super::App;
use crate::io::FileError;
use crate::io::lock::ProjectLock;
use crate::ui::Workspace;
use egui::{Context, Id, Modal};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Instant;

/// Files at least this large are read and parsed on a thread of their own;
/// smaller ones open within a frame or two.
pub const BACKGROUND_OPEN_BYTES: u64 = 8 * 1024 * 1024;

/// An open under way on another thread.
pub struct Opening {
    path: PathBuf,
    bytes: u64,
    started: Instant,
    lock: Option<ProjectLock>,
    read_only: bool,
    result: Receiver<Result<Workspace, FileError>>,
}

impl App {
    /// Opens `path`, on a thread when it is large.
    pub(super) fn load_in_background_or_now(
        &mut self,
        path: &Path,
        lock: Option<ProjectLock>,
        read_only: bool,
    ) {
        let bytes = std::fs::metadata(path).map_or(0, |m| m.len());
        if bytes < BACKGROUND_OPEN_BYTES {
            let result = Workspace::load(path);
            self.finish_open(path, result, lock, read_only);
            return;
        }
        let (sender, result) = std::sync::mpsc::channel();
        let thread_path = path.to_owned();
        let spawned = std::thread::Builder::new()
            .name("open project".into())
            .spawn(move || {
                // The receiver is gone when the analyst cancelled: nothing to do.
                let _ = sender.send(Workspace::load(&thread_path));
            });
        match spawned {
            Ok(_) => {
                self.opening = Some(Opening {
                    path: path.to_owned(),
                    bytes,
                    started: Instant::now(),
                    lock,
                    read_only,
                    result,
                });
            }
            // No thread to be had: open here, the window waits.
            Err(_) => {
                let result = Workspace::load(path);
                self.finish_open(path, result, lock, read_only);
            }
        }
    }

    /// True while a project is being opened on another thread.
    pub fn is_opening(&self) -> bool {
        self.opening.is_some()
    }

    /// Called every frame: takes the opened project when it is ready and
    /// shows the progress meanwhile, with Cancel.
    pub(super) fn opening_ui(&mut self, ctx: &Context) {
        let Some(opening) = &self.opening else {
            return;
        };
        match opening.result.try_recv() {
            Ok(result) => {
                let Some(opening) = self.opening.take() else {
                    return;
                };
                self.finish_open(&opening.path, result, opening.lock, opening.read_only);
                return;
            }
            Err(TryRecvError::Disconnected) => {
                self.opening = None;
                self.message = Some("Opening stopped unexpectedly".into());
                return;
            }
            Err(TryRecvError::Empty) => {}
        }
        let mut cancel = false;
        Modal::new(Id::unique("opening_progress")).show(ctx, |ui| {
            ui.heading("Opening project");
            ui.label(format!(
                "{} ({:.1} MB)",
                opening.path.display(),
                opening.bytes as f64 / 1e6
            ));
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!(
                    "reading, parsing and checking… {:.1} s",
                    opening.started.elapsed().as_secs_f32()
                ));
            });
            cancel = ui.button("Cancel").clicked();
        });
        if cancel {
            // Dropping the receiver lets the thread finish into nothing; its
            // lock on the file is released with it.
            let path = self.opening.take().map(|o| o.path);
            self.message = path.map(|p| format!("Cancelled opening {}", p.display()));
        } else {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }
}
