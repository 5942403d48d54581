//! Long work off the UI thread: opening a large project (or another
//! analyst's copy to compare with), importing text files or annotations,
//! checking a large project and exporting its claims. The window
//! keeps drawing; a dialog shows what is being done with a progress bar,
//! the time spent and Cancel. Cancel stops the work at its next step and
//! leaves the project (and any file) as it was.

use super::App;
use crate::check::Summary;
use crate::edit::Edit;
use crate::io::documents::ImportError;
use crate::io::lock::ProjectLock;
use crate::model::counted;
use crate::progress::Progress;
use crate::ui::Workspace;
use crate::ui::dialogs::{Dialog, DocumentForm, ImportDialog, import_files};
use egui::{Context, Id, Modal};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::{Duration, Instant};

/// Files at least this large are read and parsed on a thread of their own;
/// smaller ones open within a frame or two.
pub const BACKGROUND_OPEN_BYTES: u64 = 8 * 1024 * 1024;

/// Work that ends sooner than this shows no dialog at all: a small export
/// should not flash one.
const SHOW_AFTER: Duration = Duration::from_millis(250);

/// Projects with more claims than this are saved on another thread; a
/// smaller one saves within a frame or two.
pub const BACKGROUND_SAVE_CLAIMS: usize = 20_000;

/// What a task is doing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TaskKind {
    Open,
    Import,
    Check,
    Export,
    Save,
    /// Reading another analyst's copy to compare with.
    Compare,
}

/// What a finished task does to the App, on the UI thread.
pub type Finish = Box<dyn FnOnce(&mut App, &Context) + Send>;

/// Work under way on another thread.
pub struct Task {
    kind: TaskKind,
    title: String,
    progress: Arc<Progress>,
    started: Instant,
    result: Receiver<Finish>,
}

impl App {
    /// Runs `work` on a thread of its own. What it returns is applied to the
    /// App on the UI thread once it is done, unless it was cancelled.
    pub(super) fn start_task(
        &mut self,
        kind: TaskKind,
        title: String,
        work: impl FnOnce(&Progress) -> Finish + Send + 'static,
    ) {
        let progress = Arc::new(Progress::default());
        let (sender, result) = std::sync::mpsc::channel();
        let shared = Arc::clone(&progress);
        let spawned = std::thread::Builder::new()
            .name(title.clone())
            .spawn(move || {
                // The receiver is gone when the analyst cancelled: nothing to do.
                let _ = sender.send(work(&shared));
            });
        match spawned {
            Ok(_) => {
                self.task = Some(Task {
                    kind,
                    title,
                    progress,
                    started: Instant::now(),
                    result,
                });
            }
            Err(error) => self.message = Some(format!("{title}: cannot start a thread: {error}")),
        }
    }

    /// True while work runs on another thread.
    pub fn is_busy(&self) -> bool {
        self.task.is_some()
    }

    /// True while a project is being opened on another thread.
    pub fn is_opening(&self) -> bool {
        self.task.as_ref().is_some_and(|t| t.kind == TaskKind::Open)
    }

    /// Called every frame: applies the task's result when it is ready, and
    /// shows its progress meanwhile, with Cancel.
    pub(super) fn task_ui(&mut self, ctx: &Context) {
        let Some(task) = &self.task else {
            return;
        };
        match task.result.try_recv() {
            Ok(finish) => {
                self.task = None;
                finish(self, ctx);
                return;
            }
            Err(TryRecvError::Disconnected) => {
                let title = self.task.take().map(|t| t.title).unwrap_or_default();
                self.message = Some(format!("{title}: stopped unexpectedly"));
                return;
            }
            Err(TryRecvError::Empty) => {}
        }
        ctx.request_repaint_after(Duration::from_millis(50));
        let elapsed = task.started.elapsed();
        if elapsed < SHOW_AFTER && task.kind != TaskKind::Open {
            return;
        }
        let mut cancel = false;
        Modal::new(Id::unique("task_progress")).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.heading(&task.title);
            let stage = task.progress.stage_name();
            let fraction = task.progress.fraction();
            ui.add(
                egui::ProgressBar::new(fraction)
                    .show_percentage()
                    .animate(true),
            );
            ui.label(format!(
                "{}… {:.1} s",
                if stage.is_empty() { "starting" } else { stage },
                elapsed.as_secs_f32()
            ));
            cancel = ui.button("Cancel").clicked();
        });
        if cancel {
            // The thread stops at its next step; what it made is dropped with
            // the receiver (and the lock on a file being opened with it).
            if let Some(task) = self.task.take() {
                task.progress.cancel();
                self.message = Some(format!("Cancelled: {}", task.title));
            }
        }
    }

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
        let path: PathBuf = path.to_owned();
        let title = format!("Opening {} ({:.1} MB)", path.display(), bytes as f64 / 1e6);
        self.start_task(TaskKind::Open, title, move |progress| {
            let result = Workspace::load_with(&path, progress);
            Box::new(move |app: &mut App, _: &Context| {
                app.finish_open(&path, result, lock, read_only)
            })
        });
    }

    /// Checks a snapshot of the project on another thread; the findings
    /// belong to the version checked, so an edit meanwhile marks them stale.
    pub(super) fn check_in_background(&mut self) {
        let project = self.ws.snapshot();
        let version = self.ws.version();
        let title = format!(
            "Checking {}",
            counted(project.claims.len(), "claim", "claims")
        );
        self.start_task(TaskKind::Check, title, move |progress| {
            let result = crate::check::check_with(&project, progress);
            Box::new(move |app: &mut App, _: &Context| {
                if let Ok(findings) = result {
                    app.message = Some(format!("Checked: {}", Summary::of(&findings)));
                    app.findings.set_findings(findings, version);
                }
            })
        });
    }

    /// Reads the files the import dialog names on another thread, then adds
    /// them as one undoable edit; a failure opens the dialog again with why.
    pub(super) fn import_in_background(&mut self, form: DocumentForm) {
        let project = self.ws.snapshot();
        let title = format!("Importing {}", counted(form.file_count(), "file", "files"));
        self.start_task(TaskKind::Import, title, move |progress| {
            let result = import_files(&project, &form, progress);
            Box::new(move |app: &mut App, _: &Context| app.finish_import(form, result))
        });
    }
}

impl App {
    /// Adds what an import read as one undoable step, or shows the import
    /// dialog again with why it could not be done: a failed read, or an
    /// edit refused because the project changed meanwhile. The error stays
    /// on screen; only a success says "Imported".
    fn finish_import(&mut self, form: DocumentForm, result: Result<Edit, ImportError>) {
        let applied = result
            .map_err(|error| error.to_string())
            .and_then(|edit| self.ws.apply(edit, None).map_err(|error| error.to_string()));
        match applied {
            Ok(()) => {
                let count = counted(form.file_count(), "document", "documents");
                self.message = Some(format!("Imported {count}"));
            }
            Err(error) => self.dialog = Dialog::Import(ImportDialog(form.with_error(error))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Project, Source};
    use crate::ui::{Settings, Start};

    #[test]
    fn an_import_refused_when_it_is_added_keeps_its_error_on_screen() {
        let mut app = App::with_start(Start::Empty, Settings::default());
        let mut project = Project::new("p");
        let source = Source::new("Outlet");
        let document = Document::new("taken".into(), "T", source.id.clone(), "Text.".into());
        project.sources.push(source);
        project.documents.push(document.clone());
        app.ws = Workspace::new(project, None);
        // What the reading thread made from a snapshot taken before
        // "taken" was added.
        let read = Ok(Edit::add_document(document));
        app.finish_import(DocumentForm::default(), read);
        let Dialog::Import(ImportDialog(form)) = &app.dialog else {
            panic!("the import dialog is shown again");
        };
        assert!(
            form.error().is_some_and(|e| e.contains("already taken")),
            "{:?}",
            form.error()
        );
        assert!(
            !app.message.as_deref().unwrap_or("").contains("Imported"),
            "{:?}",
            app.message
        );
    }
}
