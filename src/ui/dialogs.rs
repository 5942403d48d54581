//! Dialogs: file paths (with rfd's native dialog when one exists), the
//! unsaved-changes prompt, paste-as-document, text import and confirmations.
//!
//! Every file dialog has a path field: on a bare X server there is no
//! dialog service, and the app must still open and save files.

use super::Action;
use crate::edit::Edit;
use crate::io::documents::{self, DocumentDetails, ImportError, SourceChoice};
use crate::model::{Project, SourceId};
use crate::progress::Progress;
use egui::{Context, Id, Modal};
use std::path::{Path, PathBuf};

/// What waits for the answer to "save your changes?".
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    New,
    Open(PathBuf),
    Close,
}

/// The answer to the unsaved-changes prompt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnsavedChoice {
    Save,
    Discard,
    Cancel,
}

/// Which file a path dialog asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    SaveAs,
    ExportCsv,
}

/// The dialog on screen, if any; one at a time, modal.
#[derive(Default)]
pub enum Dialog {
    #[default]
    None,
    Path {
        purpose: PathPurpose,
        path: String,
        /// True until the dialog's first frame has focused the path field.
        fresh: bool,
    },
    Unsaved(Pending),
    Import(DocumentForm),
    Paste(DocumentForm),
    DeleteSource(SourceId),
}

/// The fields shared by import and paste: where the documents go.
#[derive(Clone, Debug, Default)]
pub struct DocumentForm {
    paths: String,
    title: String,
    text: String,
    source: Option<SourceId>,
    new_source: String,
    error: Option<String>,
}

impl DocumentForm {
    /// The form as it was, showing why it could not be done.
    pub fn with_error(mut self, error: String) -> Self {
        self.error = Some(error);
        self
    }

    /// Why the form could not be done, when it could not.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// The files the form names, one a line.
    pub fn files(&self) -> Vec<PathBuf> {
        self.paths
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(PathBuf::from)
            .collect()
    }

    /// How many files the form names.
    pub fn file_count(&self) -> usize {
        self.files().len()
    }

    /// What the form says about the documents it adds.
    pub fn details(&self) -> DocumentDetails {
        let source = match &self.source {
            Some(id) => SourceChoice::Existing(id.clone()),
            None => SourceChoice::Named(self.new_source.clone()),
        };
        DocumentDetails {
            title: Some(self.title.clone()).filter(|t| !t.trim().is_empty()),
            ..DocumentDetails::of(source)
        }
    }
}

impl Dialog {
    /// Opens a path dialog, starting from `current`.
    pub fn path(purpose: PathPurpose, current: Option<&Path>) -> Self {
        let path = current.map(|p| p.display().to_string()).unwrap_or_default();
        Self::Path {
            purpose,
            path,
            fresh: true,
        }
    }

    /// Draws the dialog; returns the prompt's answer when it was given.
    pub fn ui(
        &mut self,
        ctx: &Context,
        project: &Project,
        actions: &mut Vec<Action>,
    ) -> Option<UnsavedChoice> {
        let mut close = false;
        let mut choice = None;
        match self {
            Self::None => return None,
            Self::Path {
                purpose,
                path,
                fresh,
            } => {
                Modal::new(Id::unique("path_dialog")).show(ctx, |ui| {
                    let title = match purpose {
                        PathPurpose::Open => "Open project",
                        PathPurpose::SaveAs => "Save project as",
                        PathPurpose::ExportCsv => "Export claims as CSV",
                    };
                    ui.heading(title);
                    let label = ui.label("File path");
                    let field = ui
                        .add(egui::TextEdit::singleline(path).desired_width(420.0))
                        .labelled_by(label.id);
                    // The path field takes the keyboard when the dialog opens, so a
                    // path can be typed (and Enter pressed) straight away.
                    if std::mem::take(fresh) {
                        field.request_focus();
                    }
                    let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    ui.horizontal(|ui| {
                        if ui
                            .button("Browse…")
                            .on_hover_text("Use the system's file dialog")
                            .clicked()
                            && let Some(picked) = browse(*purpose)
                        {
                            *path = picked.display().to_string();
                        }
                        let ok = ui
                            .add_enabled(!path.trim().is_empty(), egui::Button::new("OK"))
                            .clicked();
                        if (ok || enter) && !path.trim().is_empty() {
                            let chosen = PathBuf::from(path.trim());
                            actions.push(match purpose {
                                PathPurpose::Open => Action::OpenPath(chosen),
                                PathPurpose::SaveAs => Action::SaveTo(chosen),
                                PathPurpose::ExportCsv => Action::ExportCsv(chosen),
                            });
                            close = true;
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                });
            }
            Self::Unsaved(pending) => {
                Modal::new(Id::unique("unsaved_dialog")).show(ctx, |ui| {
                    ui.heading("Unsaved changes");
                    let what = match pending {
                        Pending::New => "starting a new project",
                        Pending::Open(_) => "opening another project",
                        Pending::Close => "closing",
                    };
                    ui.label(format!("Save the changes to this project before {what}?"));
                    ui.horizontal(|ui| {
                        if ui.button("Save").clicked() {
                            choice = Some(UnsavedChoice::Save);
                        }
                        if ui.button("Discard").clicked() {
                            choice = Some(UnsavedChoice::Discard);
                        }
                        if ui.button("Cancel").clicked() {
                            choice = Some(UnsavedChoice::Cancel);
                        }
                    });
                });
            }
            Self::Import(form) => {
                Modal::new(Id::unique("import_dialog")).show(ctx, |ui| {
                    ui.heading("Import text files");
                    let label = ui.label("Files, one path a line");
                    ui.add(
                        egui::TextEdit::multiline(&mut form.paths)
                            .desired_rows(4)
                            .desired_width(420.0),
                    )
                    .labelled_by(label.id);
                    if ui.button("Browse…").clicked()
                        && let Some(files) = rfd::FileDialog::new()
                            .add_filter("text", &["txt"])
                            .pick_files()
                    {
                        for file in files {
                            form.paths.push_str(&format!("{}\n", file.display()));
                        }
                    }
                    source_choice_ui(ui, project, form);
                    close = form_buttons(
                        ui,
                        form,
                        "Import",
                        |form| {
                            // The files are read on another thread; what
                            // can be told now is told now.
                            if form.file_count() == 0 {
                                return Err(ImportError::NoFiles.to_string());
                            }
                            if let SourceChoice::Named(name) = form.details().source
                                && name.trim().is_empty()
                            {
                                return Err(ImportError::NoSource.to_string());
                            }
                            Ok(Action::ImportFiles(Box::new(form.clone())))
                        },
                        actions,
                    );
                });
            }
            Self::Paste(form) => {
                Modal::new(Id::unique("paste_dialog")).show(ctx, |ui| {
                    ui.heading("Paste as new document");
                    let label = ui.label("Title");
                    ui.add(egui::TextEdit::singleline(&mut form.title).desired_width(420.0))
                        .labelled_by(label.id);
                    let label = ui.label("Text");
                    egui::ScrollArea::vertical()
                        .max_height(260.0)
                        .show(ui, |ui| {
                            ui.add(
                                egui::TextEdit::multiline(&mut form.text)
                                    .desired_rows(10)
                                    .desired_width(420.0),
                            )
                            .labelled_by(label.id);
                        });
                    source_choice_ui(ui, project, form);
                    close = form_buttons(
                        ui,
                        form,
                        "Add document",
                        |form| {
                            documents::paste_document(project, &form.text, &form.details())
                                .map(|edit| Action::Apply {
                                    edit: Box::new(edit),
                                    merge: None,
                                })
                                .map_err(|e| e.to_string())
                        },
                        actions,
                    );
                });
            }
            Self::DeleteSource(id) => {
                let id = id.clone();
                let documents = project.documents_of(&id).count();
                let name = project
                    .source(&id)
                    .map_or("?", |s| s.name.as_str())
                    .to_owned();
                Modal::new(Id::unique("delete_source_dialog")).show(ctx, |ui| {
                    ui.heading("Delete source");
                    ui.label(format!(
                        "“{name}” has {documents} document(s). Delete it with its documents and their claims? (Undo brings them back.)"
                    ));
                    ui.horizontal(|ui| {
                        if ui.button("Delete").clicked() {
                            let edit = Edit::remove_source_with_documents(project, &id);
                            actions.push(Action::Apply { edit: Box::new(edit), merge: None });
                            close = true;
                        }
                        if ui.button("Cancel").clicked() {
                            close = true;
                        }
                    });
                });
            }
        }
        if close {
            *self = Self::None;
        }
        choice
    }
}

fn browse(purpose: PathPurpose) -> Option<PathBuf> {
    let dialog = rfd::FileDialog::new();
    match purpose {
        PathPurpose::Open => dialog.add_filter("claimdesk project", &["ron"]).pick_file(),
        PathPurpose::SaveAs => dialog.add_filter("claimdesk project", &["ron"]).save_file(),
        PathPurpose::ExportCsv => dialog.add_filter("CSV", &["csv"]).save_file(),
    }
}

fn source_choice_ui(ui: &mut egui::Ui, project: &Project, form: &mut DocumentForm) {
    ui.horizontal(|ui| {
        ui.label("Source");
        let name = form
            .source
            .as_ref()
            .and_then(|id| project.source(id))
            .map_or("a new source", |s| s.name.as_str());
        egui::ComboBox::from_id_salt("form_source")
            .selected_text(name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut form.source, None, "a new source");
                for s in &project.sources {
                    ui.selectable_value(&mut form.source, Some(s.id.clone()), &s.name);
                }
            })
            .response
            .on_hover_text("Source of the new documents");
        if form.source.is_none() {
            let label = ui.label("named");
            ui.text_edit_singleline(&mut form.new_source)
                .labelled_by(label.id);
        }
    });
}

/// OK / Cancel under a form; `build` turns the form into one edit.
fn form_buttons(
    ui: &mut egui::Ui,
    form: &mut DocumentForm,
    ok: &str,
    build: impl FnOnce(&DocumentForm) -> Result<Action, String>,
    actions: &mut Vec<Action>,
) -> bool {
    if let Some(error) = &form.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    let mut close = false;
    ui.horizontal(|ui| {
        if ui.button(ok).clicked() {
            match build(form) {
                Ok(action) => {
                    actions.push(action);
                    close = true;
                }
                Err(error) => form.error = Some(error),
            }
        }
        if ui.button("Cancel").clicked() {
            close = true;
        }
    });
    close
}

/// Reads the form's files as new documents, by the rules `add-docs` follows:
/// one edit for them all (and their new source), counting files in `progress`.
pub fn import_files(
    project: &Project,
    form: &DocumentForm,
    progress: &Progress,
) -> Result<Edit, ImportError> {
    documents::import_files(project, &form.files(), &form.details(), progress)
}
