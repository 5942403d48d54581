//! Open…, Save As…, Export as, Import annotations… and Compare with…: a
//! path field (a bare X server has no file-dialog service, and the app
//! must still open and save files), with Browse… for the system's dialog
//! where there is one.

use super::Outcome;
use crate::ui::Action;
use crate::ui::formats::{AnnotationFormat, ExportFormat};
use egui::{Context, Id, Modal};
use std::path::{Path, PathBuf};

/// Which file a path dialog asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    SaveAs,
    /// Where to write the claims in this format.
    Export(ExportFormat),
    /// A file of annotations whose claims join the project.
    ImportAnnotations,
    /// Another analyst's copy of the project, to compare with.
    Compare,
    /// Where to write the brief.
    Brief,
}

/// Which topics a brief shows, as the dialog offers them.
#[derive(Clone, Debug, Default)]
pub struct BriefScope {
    pub conflicts_only: bool,
    /// The topic on show in the Figures view (key, title), when any.
    pub topic: Option<(String, String)>,
    /// True to show that topic alone.
    pub only_topic: bool,
}

/// A path dialog.
#[derive(Clone, Debug)]
pub struct PathDialog {
    purpose: PathPurpose,
    path: String,
    /// True until the dialog's first frame has focused the path field.
    fresh: bool,
    /// The project's name, asked with the first Save As of a new project.
    name: Option<String>,
    /// The annotations' format, for an import: `None` guesses it from
    /// the file.
    format: Option<AnnotationFormat>,
    /// Why the path chosen last time could not be used.
    error: Option<String>,
    /// For a brief: which topics it shows.
    brief: BriefScope,
}

impl PathDialog {
    /// A path dialog starting from `current`.
    pub fn new(purpose: PathPurpose, current: Option<&Path>) -> Self {
        Self {
            purpose,
            path: current.map(|p| p.display().to_string()).unwrap_or_default(),
            fresh: true,
            name: None,
            format: None,
            error: None,
            brief: BriefScope::default(),
        }
    }

    /// A brief, offering the topic on show (key, title) as its only one.
    pub fn brief(mut self, topic: Option<(String, String)>) -> Self {
        self.brief.topic = topic;
        self
    }

    /// An import of annotations in `format` (`None`: guessed).
    pub fn reading(mut self, format: Option<AnnotationFormat>) -> Self {
        self.format = format;
        self
    }

    /// The dialog shown again with why its path could not be used.
    pub fn with_error(mut self, error: String) -> Self {
        self.error = Some(error);
        self
    }

    /// Save As of a project never saved: asks its name too, starting
    /// from `name`.
    pub fn naming(mut self, name: &str) -> Self {
        self.name = Some(name.to_owned());
        self
    }

    pub fn ui(&mut self, ctx: &Context) -> Option<Outcome> {
        let Self {
            purpose,
            path,
            fresh,
            name,
            format,
            error,
            brief,
        } = self;
        let mut outcome = None;
        Modal::new(Id::unique("path_dialog")).show(ctx, |ui| {
            let title = match purpose {
                PathPurpose::Open => "Open project",
                PathPurpose::SaveAs => "Save project as",
                PathPurpose::Export(written) => written.dialog_title(),
                PathPurpose::ImportAnnotations => "Import annotations",
                PathPurpose::Compare => "Compare with another analyst's copy",
                PathPurpose::Brief => "Export brief (HTML)",
            };
            ui.heading(title);
            if let Some(name) = name.as_mut() {
                let label = ui.label("Project name");
                ui.add(egui::TextEdit::singleline(name).desired_width(420.0))
                    .labelled_by(label.id);
            }
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
            if *purpose == PathPurpose::ImportAnnotations {
                format_choice_ui(ui, format);
            }
            if *purpose == PathPurpose::Brief {
                ui.checkbox(&mut brief.conflicts_only, "Only topics with open conflicts");
                if let Some((_, title)) = &brief.topic {
                    ui.checkbox(&mut brief.only_topic, format!("Only {title}"));
                }
            }
            if let Some(error) = error {
                ui.colored_label(ui.visuals().error_fg_color, error.as_str());
            }
            ui.horizontal(|ui| {
                if ui
                    .button("Browse…")
                    .on_hover_text("Use the system's file dialog")
                    .clicked()
                    && let Some(picked) = browse(*purpose)
                {
                    *path = picked.display().to_string();
                }
                let ok = super::default_button(ui, "OK", !path.trim().is_empty(), false);
                if (ok || enter) && !path.trim().is_empty() {
                    let chosen = PathBuf::from(path.trim());
                    let act = match purpose {
                        PathPurpose::Open => Action::OpenPath(chosen),
                        PathPurpose::SaveAs => Action::SaveTo(chosen),
                        PathPurpose::Export(written) => Action::Export(*written, chosen),
                        PathPurpose::ImportAnnotations => {
                            Action::ImportAnnotations(chosen, *format)
                        }
                        PathPurpose::Compare => Action::CompareWith(chosen),
                        PathPurpose::Brief => Action::ExportBrief(
                            chosen,
                            crate::report::BriefOptions {
                                conflicts_only: brief.conflicts_only,
                                topics: brief
                                    .topic
                                    .iter()
                                    .filter(|_| brief.only_topic)
                                    .map(|(key, _)| key.clone())
                                    .collect(),
                                date: None,
                            },
                        ),
                    };
                    // A new project's name is set before its first save.
                    let rename = name
                        .as_ref()
                        .map(|n| n.trim().to_owned())
                        .filter(|n| !n.is_empty())
                        .map(|n| Action::Apply {
                            edit: Box::new(crate::edit::Edit::Rename(n)),
                            merge: None,
                        });
                    outcome = Some(match rename {
                        Some(rename) => Outcome::ActAll(vec![rename, act]),
                        None => Outcome::Act(act),
                    });
                }
                if ui.button("Cancel").clicked() {
                    outcome = Some(Outcome::Cancel);
                }
            });
        });
        outcome
    }
}

fn browse(purpose: PathPurpose) -> Option<PathBuf> {
    let dialog = rfd::FileDialog::new();
    match purpose {
        PathPurpose::Open | PathPurpose::Compare => {
            dialog.add_filter("claimdesk project", &["ron"]).pick_file()
        }
        PathPurpose::SaveAs => dialog.add_filter("claimdesk project", &["ron"]).save_file(),
        PathPurpose::Export(format) => dialog
            .add_filter(format.name(), &[format.extension()])
            .save_file(),
        PathPurpose::ImportAnnotations => dialog
            .add_filter("annotations", &["jsonld", "json"])
            .pick_file(),
        PathPurpose::Brief => dialog.add_filter("web page", &["html"]).save_file(),
    }
}

/// The import's format: guessed from the file unless the analyst says.
fn format_choice_ui(ui: &mut egui::Ui, format: &mut Option<AnnotationFormat>) {
    const GUESS: &str = "Guess from the file";
    ui.horizontal(|ui| {
        let label = ui.label("Format");
        egui::ComboBox::from_id_salt("annotation_format")
            .selected_text(format.map_or(GUESS, AnnotationFormat::name))
            .show_ui(ui, |ui| {
                ui.selectable_value(format, None, GUESS);
                for choice in AnnotationFormat::ALL {
                    ui.selectable_value(format, Some(choice), choice.name());
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text(
                "A list of tasks with data.text is Label Studio; anything else is read as W3C",
            );
    });
}
