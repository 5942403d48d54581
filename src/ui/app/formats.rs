//! File > Export as and File > Import annotations: the App's side of the
//! field's formats (named in `ui/formats.rs`, written and read by
//! `crate::io`). Both run on another thread with the progress dialog, as
//! the other long work does (`tasks.rs`): an export writes from a
//! snapshot; an import reads the file against a snapshot, and what it read
//! is added on the UI thread as one undoable step.

use super::App;
use super::tasks::TaskKind;
use crate::edit::Edit;
use crate::model::counted;
use crate::ui::dialogs::{Dialog, PathDialog, PathPurpose, PublisherDialog};
use crate::ui::formats::{self, AnnotationFormat, ExportFormat, NO_PUBLISHER, ReadAnnotations};
use egui::Context;
use std::path::{Path, PathBuf};

impl App {
    /// Export as > FORMAT: asks where, proposing a file beside the
    /// project. ClaimReview of a project that names no publisher asks for
    /// the publisher first; its dialog comes back here once it is set.
    pub(super) fn ask_export(&mut self, format: ExportFormat) {
        if format == ExportFormat::ClaimReview && self.ws.project().publisher.is_none() {
            self.message = Some(NO_PUBLISHER.to_owned());
            self.dialog = Dialog::Publisher(PublisherDialog::new(None).for_claim_review());
            return;
        }
        let proposed = self.ws.path().map(|p| format.default_path(p));
        self.dialog = Dialog::path(PathPurpose::Export(format), proposed.as_deref());
    }

    /// True (saying why) when `path` is the project's own file, its backup
    /// or its lock, which no export may write.
    fn refuses_target(&mut self, path: &Path) -> bool {
        if let Some(own) = self.ws.path()
            && let Err(error) = crate::io::refuse_project_files(own, path)
        {
            self.message = Some(error.to_string());
            return true;
        }
        false
    }

    /// File > Export brief…: asks where, proposing a file beside the
    /// project, and offers the topic on show in the Figures view alone.
    pub(super) fn ask_brief(&mut self) {
        let proposed = self.ws.path().map(|p| p.with_extension("brief.html"));
        let dialog = PathDialog::new(PathPurpose::Brief, proposed.as_deref())
            .brief(self.figures.chosen_topic());
        self.dialog = Dialog::Path(dialog);
    }

    /// Writes the brief on another thread: the check and the charts are
    /// made from a snapshot; the project file itself is never the target.
    pub(super) fn export_brief(&mut self, path: &Path, options: crate::report::BriefOptions) {
        if self.refuses_target(path) {
            return;
        }
        let project = self.ws.snapshot();
        let path = path.to_owned();
        self.start_task(
            TaskKind::Export,
            "Writing the brief".into(),
            move |progress| {
                progress.stage("checking the project", 1);
                let result = crate::check::check_with(&project, progress)
                    .map_err(|_| "Cancelled: the brief was not written".to_owned())
                    .and_then(|findings| {
                        progress.stage("drawing the charts", 1);
                        crate::report::brief(&project, &findings, &options)
                            .map_err(|e| e.to_string())
                    })
                    .and_then(|html| {
                        progress.go_on().map_err(|e| e.to_string())?;
                        progress.stage("writing the file", 1);
                        crate::io::write_output(&path, html.as_bytes())
                            .map_err(|e| format!("{}: {e}", path.display()))
                    });
                Box::new(move |app: &mut App, _: &Context| {
                    app.message = Some(match result {
                        Ok(()) => format!("Wrote the brief to {}", path.display()),
                        Err(error) => error,
                    });
                })
            },
        );
    }

    /// Edit > Publisher…: the dialog, starting from the project's publisher.
    pub(super) fn ask_publisher(&mut self) {
        let current = self.ws.project().publisher.as_ref();
        self.dialog = Dialog::Publisher(PublisherDialog::new(current));
    }

    /// Writes the claims in `format` on another thread; a cancelled export
    /// leaves the file as it was, and the project file itself (its backup,
    /// its lock) is never the target.
    pub(super) fn export_as(&mut self, format: ExportFormat, path: &Path) {
        if self.refuses_target(path) {
            return;
        }
        let project = self.ws.snapshot();
        let path = path.to_owned();
        let count = project.claims.len();
        let title = format!(
            "Exporting {} as {}",
            counted(count, "claim", "claims"),
            format.name()
        );
        self.start_task(TaskKind::Export, title, move |progress| {
            let result = formats::export(&project, format, progress)
                .and_then(|exported| {
                    // Nothing is written once Cancel was asked for.
                    progress.go_on().map_err(|e| e.to_string())?;
                    Ok(exported)
                })
                .map_err(|e| format!("{}: {e}", path.display()))
                .and_then(|exported| {
                    progress.stage("writing the file", 1);
                    crate::io::write_output(&path, &exported.bytes).map_err(|e| e.to_string())?;
                    Ok(exported.left_out)
                });
            Box::new(move |app: &mut App, _: &Context| {
                app.message = Some(match result {
                    Ok(left_out) => exported_message(format, count, left_out, &path),
                    Err(error) => error,
                });
            })
        });
    }

    /// Reads a file of annotations on another thread, against a snapshot
    /// of the project; [`App::finish_annotation_import`] adds what it read.
    pub(super) fn import_annotations(&mut self, path: &Path, format: Option<AnnotationFormat>) {
        let project = self.ws.snapshot();
        let author = self.settings.annotator.clone();
        let path = path.to_owned();
        let title = format!("Importing annotations from {}", path.display());
        self.start_task(TaskKind::Import, title, move |progress| {
            let limit = crate::io::MAX_PROJECT_BYTES;
            let result = crate::io::read_limited_with(&path, limit, progress)
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    progress.stage("reading the annotations", 1);
                    formats::read_annotations(&project, &bytes, format, &author)
                        .map_err(|e| format!("{}: {e}", path.display()))
                });
            Box::new(move |app: &mut App, _: &Context| {
                app.finish_annotation_import(path, format, result);
            })
        });
    }

    /// Adds the claims an import read as one undoable step and says how
    /// many, or shows the import dialog again with why nothing was
    /// imported: a file that could not be read, an annotation the project
    /// cannot take, or an edit refused because the project changed while
    /// the file was read.
    fn finish_annotation_import(
        &mut self,
        path: PathBuf,
        format: Option<AnnotationFormat>,
        result: Result<ReadAnnotations, String>,
    ) {
        let applied = result.and_then(|read| {
            let (count, skipped) = (read.claims.len(), read.skipped);
            // All already there: nothing to add, and no empty undo step.
            if count > 0 {
                let edit = Edit::Batch(read.claims.into_iter().map(Edit::add_claim).collect());
                self.ws
                    .apply(edit, None)
                    .map_err(|e| format!("{}: {e}", path.display()))?;
            }
            Ok((count, skipped))
        });
        match applied {
            Ok((count, skipped)) => {
                self.message = Some(format!(
                    "Imported {} ({skipped} already in the project skipped)",
                    counted(count, "claim", "claims")
                ));
            }
            Err(error) => {
                self.message = Some(format!("Nothing imported: {error}"));
                let dialog = PathDialog::new(PathPurpose::ImportAnnotations, Some(&path))
                    .reading(format)
                    .with_error(format!("Nothing was imported. {error}"));
                self.dialog = Dialog::Path(dialog);
            }
        }
    }
}

/// What the status bar says after an export: how many claims went where,
/// and for ClaimReview how many it left out as still unassessed.
fn exported_message(format: ExportFormat, count: usize, left_out: usize, path: &Path) -> String {
    let path = path.display();
    match format {
        ExportFormat::Csv => format!("Exported {} to {path}", counted(count, "claim", "claims")),
        ExportFormat::ClaimReview => {
            let reviewed = count.saturating_sub(left_out);
            let left_out = match left_out {
                0 => "no claim left out as unassessed".to_owned(),
                n => format!(
                    "left out {} still unassessed",
                    counted(n, "claim", "claims")
                ),
            };
            format!(
                "Exported {} of {} to {path}; {left_out}",
                counted(reviewed, "ClaimReview", "ClaimReviews"),
                counted(count, "claim", "claims"),
            )
        }
        _ => format!(
            "Exported {} as {} to {path}",
            counted(count, "claim", "claims"),
            format.name()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Claim, Document, Project, Source, span};
    use crate::ui::{Settings, Start, Workspace};

    /// A project with one document, and a claim on it that no project has yet.
    fn project_and_claim() -> (Project, Claim) {
        let mut project = Project::new("p");
        let source = Source::new("Outlet");
        let document = Document::new("d".into(), "T", source.id.clone(), "Ten died.".into());
        let anchor = span::anchor(&document.text, span::Span::new(0, 8)).expect("an anchor");
        let claim = Claim::new(
            document.id.clone(),
            anchor,
            project.labels[0].id.clone(),
            "tester",
        );
        project.sources.push(source);
        project.documents.push(document);
        (project, claim)
    }

    #[test]
    fn an_import_refused_when_it_is_added_changes_nothing_and_says_why() {
        let (project, claim) = project_and_claim();
        let mut app = App::with_start(Start::Empty, Settings::default());
        let mut taken = project.clone();
        taken.claims.push(claim.clone());
        app.ws = Workspace::new(taken.clone(), None);
        // What the reading thread made from a snapshot taken before the
        // claim was added by hand.
        let read = Ok(ReadAnnotations {
            claims: vec![claim],
            skipped: 0,
            format: AnnotationFormat::W3c,
        });
        app.finish_annotation_import(PathBuf::from("a.jsonld"), None, read);
        assert_eq!(app.ws.project(), &taken);
        assert!(!app.ws.can_undo());
        let Dialog::Path(_) = &app.dialog else {
            panic!("the import dialog is shown again");
        };
        assert!(
            app.message
                .as_deref()
                .is_some_and(|m| m.starts_with("Nothing imported: a.jsonld")),
            "{:?}",
            app.message
        );
    }

    #[test]
    fn claim_review_says_how_many_claims_it_left_out() {
        let path = Path::new("r.jsonld");
        let said = exported_message(ExportFormat::ClaimReview, 42, 5, path);
        assert_eq!(
            said,
            "Exported 37 ClaimReviews of 42 claims to r.jsonld; left out 5 claims still unassessed"
        );
        let said = exported_message(ExportFormat::ClaimReview, 1, 0, path);
        assert!(said.ends_with("no claim left out as unassessed"), "{said}");
    }
}
