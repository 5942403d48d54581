//! The form that Import and Paste share: where the new documents go, and
//! OK / Cancel with the reason a form could not be done.

use super::Outcome;
use crate::edit::Edit;
use crate::io::documents::{self, DocumentDetails, ImportError, SourceChoice};
use crate::model::{Project, SourceId};
use crate::progress::Progress;
use crate::ui::Action;
use std::path::PathBuf;

/// The fields shared by import and paste: where the documents go.
#[derive(Clone, Debug, Default)]
pub struct DocumentForm {
    pub(super) paths: String,
    pub(super) title: String,
    pub(super) text: String,
    /// Publication date as typed (YYYY-MM-DD) and the URL, for a paste.
    pub(super) published: String,
    pub(super) url: String,
    /// True while a multi-line field has the keyboard: Enter is its.
    pub(super) typing_lines: bool,
    /// False until the first frame has put the cursor in the first field.
    pub(super) focused: bool,
    source: Option<SourceId>,
    /// With no existing source chosen: web pages go to their own site's
    /// source, and other files to `new_source` ("Unknown source" when empty).
    by_site: bool,
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

    /// A form for importing files: web pages go to their own site's source
    /// unless the analyst picks one.
    pub fn for_files(files: &[PathBuf]) -> Self {
        let mut form = Self {
            by_site: true,
            ..Self::default()
        };
        form.add_files(files);
        form
    }

    /// Adds files to those the form names.
    pub fn add_files(&mut self, files: &[PathBuf]) {
        for file in files {
            if !self.paths.is_empty() && !self.paths.ends_with('\n') {
                self.paths.push('\n');
            }
            self.paths.push_str(&format!("{}\n", file.display()));
        }
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
            None if self.by_site => SourceChoice::SiteOrNamed(
                Some(self.new_source.trim())
                    .filter(|n| !n.is_empty())
                    .unwrap_or(UNKNOWN_SOURCE)
                    .to_owned(),
            ),
            None => SourceChoice::Named(self.new_source.clone()),
        };
        DocumentDetails {
            title: Some(self.title.clone()).filter(|t| !t.trim().is_empty()),
            published: crate::model::time::parse_date(&self.published).ok(),
            url: Some(self.url.trim().to_owned()).filter(|u| !u.is_empty()),
            ..DocumentDetails::of(source)
        }
    }

    /// Why the date field cannot be taken, when it cannot.
    pub(super) fn date_problem(&self) -> Option<String> {
        if self.published.trim().is_empty() {
            return None;
        }
        crate::model::time::parse_date(&self.published)
            .err()
            .map(|e| format!("Published: {e}"))
    }
}

/// Where files without a source of their own go when the form says none.
const UNKNOWN_SOURCE: &str = "Unknown source";

/// The source the form's documents go to. `by_site` offers "each web
/// page's site", for files (a paste has no site to go by).
pub(super) fn source_choice_ui(
    ui: &mut egui::Ui,
    project: &Project,
    form: &mut DocumentForm,
    by_site: bool,
) {
    const SITE: &str = "each web page's own site";
    ui.horizontal(|ui| {
        ui.label("Source");
        let name = match form.source.as_ref().and_then(|id| project.source(id)) {
            Some(source) => source.name.as_str(),
            None if form.by_site && by_site => SITE,
            None => "a new source",
        };
        egui::ComboBox::from_id_salt("form_source")
            .selected_text(name)
            .show_ui(ui, |ui| {
                if by_site
                    && ui
                        .selectable_label(form.source.is_none() && form.by_site, SITE)
                        .clicked()
                {
                    form.source = None;
                    form.by_site = true;
                }
                if ui
                    .selectable_label(form.source.is_none() && !form.by_site, "a new source")
                    .clicked()
                {
                    form.source = None;
                    form.by_site = false;
                }
                for s in &project.sources {
                    if ui
                        .selectable_label(form.source.as_ref() == Some(&s.id), &s.name)
                        .clicked()
                    {
                        form.source = Some(s.id.clone());
                    }
                }
            })
            .response
            .on_hover_text("Source of the new documents");
        if form.source.is_none() {
            let site = form.by_site && by_site;
            let label = ui.label(if site { "others to" } else { "named" });
            ui.add(
                egui::TextEdit::singleline(&mut form.new_source).hint_text(if site {
                    UNKNOWN_SOURCE
                } else {
                    ""
                }),
            )
            .labelled_by(label.id);
        }
    });
    if form.source.is_none() && form.by_site && by_site {
        ui.weak("A web page goes to the source its site names (created when new); text files and PDFs to the one named here.");
    }
}

/// OK / Cancel under a form; `build` turns the form into what the App does.
/// A form that cannot be done stays open with the reason.
pub(super) fn form_buttons(
    ui: &mut egui::Ui,
    form: &mut DocumentForm,
    ok: &str,
    build: impl FnOnce(&DocumentForm) -> Result<Action, String>,
) -> Option<Outcome> {
    if let Some(error) = &form.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
    }
    let mut outcome = None;
    ui.horizontal(|ui| {
        if super::default_button(ui, ok, true, form.typing_lines) {
            match build(form) {
                Ok(action) => outcome = Some(Outcome::Act(action)),
                Err(error) => form.error = Some(error),
            }
        }
        if ui.button("Cancel").clicked() {
            outcome = Some(Outcome::Cancel);
        }
    });
    outcome
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
