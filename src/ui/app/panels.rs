//! Where each panel sits, and the menu bar and windows: the per-frame
//! drawing of the App. A new panel (the checker's findings) slots into
//! `panels_ui` like the others: draw from `&Project`, push actions.

use super::{App, BottomTab};
use crate::edit::Edit;
use crate::model::Project;
use crate::ui::{Action, ExportFormat, Focus, UICommand, commands, getting_started, status_bar};
use egui::Context;

impl App {
    /// Every panel, outermost first. A new panel (the checker's findings)
    /// slots in here like the others: draw from `&Project`, push actions.
    pub(super) fn panels_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        egui::Panel::top("menu_bar").show(ui, |ui| self.menu_bar_ui(ui, actions));
        egui::Panel::bottom("status_bar").show(ui, |ui| {
            status_bar::status_bar_ui(
                ui,
                &self.ws,
                self.findings.summary(),
                self.findings.state(self.ws.version()),
                &mut self.settings.annotator,
                self.message.as_deref(),
            );
        });
        let selected = match &self.focus {
            Focus::Claim(id) => Some(id.clone()),
            _ => None,
        };
        if self.bottom_tab == BottomTab::Figures && self.last_tab != BottomTab::Figures {
            self.open_figures();
        }
        self.last_tab = self.bottom_tab;
        let project = self.ws.project();
        if self.settings.show_claims_table {
            // The Figures view is a main view: its own panel, most of the
            // window's height, over the document it shows a claim in.
            let figures = self.bottom_tab == BottomTab::Figures;
            let (id, size) = if figures {
                ("figures_panel", ui.available_height() * 0.62)
            } else {
                // Ten rows of the table under its tabs and filters, in a
                // window tall enough to leave the document the rest.
                ("claims_table", 360.0_f32.min(ui.available_height() * 0.4))
            };
            egui::Panel::bottom(id)
                .resizable(true)
                .default_size(size)
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        let claims = format!("Claims ({})", project.claims.len());
                        ui.selectable_value(&mut self.bottom_tab, BottomTab::Claims, claims);
                        let findings =
                            format!("Findings ({})", self.findings.status(self.ws.version()));
                        ui.selectable_value(&mut self.bottom_tab, BottomTab::Findings, findings);
                        ui.selectable_value(&mut self.bottom_tab, BottomTab::Figures, "Figures");
                        // Shown while there are conflicts, and while it is
                        // the tab on show: taking a side on the last one
                        // leaves it saying so, and Undo brings them back.
                        let conflicts = project.conflicts.len();
                        if conflicts > 0 || self.bottom_tab == BottomTab::Conflicts {
                            let text = format!("Conflicts ({conflicts})");
                            ui.selectable_value(&mut self.bottom_tab, BottomTab::Conflicts, text);
                        }
                    });
                    ui.separator();
                    match self.bottom_tab {
                        BottomTab::Claims => self.table.ui(
                            ui,
                            project,
                            (self.ws.version(), self.ws.last_change()),
                            selected.as_ref(),
                            actions,
                        ),
                        BottomTab::Findings => {
                            self.findings
                                .ui(ui, &self.ws, &self.settings.annotator, actions)
                        }
                        BottomTab::Conflicts => self.conflicts.ui(ui, project, actions),
                        BottomTab::Figures => self.figures.ui(
                            ui,
                            project,
                            (self.ws.version(), self.findings.checked_version()),
                            self.findings.findings(),
                            selected.as_ref(),
                            actions,
                        ),
                    }
                });
        }
        if self.settings.show_sources {
            let width = ui.available_width();
            egui::Panel::left("sources")
                .resizable(true)
                .default_size(sources_width(width))
                .size_range(160.0..=side_panel_limit(width))
                .show(ui, |ui| {
                    self.sources.ui(
                        ui,
                        project,
                        (self.ws.version(), self.ws.last_change()),
                        self.open_document.as_ref(),
                        &self.focus,
                        actions,
                    );
                });
        }
        if self.settings.show_inspector {
            // The width is the analyst's (drag the edge), never the
            // content's: what the inspector shows wraps and scrolls.
            let width = ui.available_width();
            egui::Panel::right("inspector")
                .resizable(true)
                .default_size(inspector_width(width))
                .size_range(220.0..=side_panel_limit(width))
                .show(ui, |ui| {
                    // Both ways: content wider than the panel scrolls
                    // rather than pushing the panel (and the text) aside.
                    egui::ScrollArea::both()
                        .id_salt("inspector_scroll")
                        .auto_shrink(false)
                        .show(ui, |ui| {
                            self.inspector_ui(ui, actions);
                        });
                });
        }
        egui::CentralPanel::default().show(ui, |ui| self.central_ui(ui, actions));
    }

    /// As the Figures view opens: the topic of the selected claim, else of
    /// the finding shown in detail, is chosen.
    fn open_figures(&mut self) {
        let claim = match &self.focus {
            Focus::Claim(id) => Some(id.clone()),
            _ => self.findings.selected_claims().first().cloned(),
        };
        if let Some(claim) = claim {
            self.figures
                .choose_for(self.ws.project(), self.findings.findings(), &claim);
        }
    }

    fn inspector_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let project = self.ws.project();
        let annotator = &self.settings.annotator;
        match &self.focus {
            Focus::Claim(id) => match project.claim(id) {
                Some(claim) => {
                    let version = self.ws.version();
                    self.inspector
                        .claim_ui(ui, project, version, claim, actions)
                }
                None => {
                    ui.weak("That claim no longer exists.");
                }
            },
            Focus::Source(id) => match project.source(id) {
                Some(source) => self
                    .inspector
                    .source_ui(ui, project, source, annotator, actions),
                None => {
                    ui.weak("That source no longer exists.");
                }
            },
            Focus::Document(id) => match project.document(id) {
                Some(document) => {
                    self.inspector
                        .document_ui(ui, project, self.ws.version(), document, actions)
                }
                None => {
                    ui.weak("That document no longer exists.");
                }
            },
            Focus::Nothing => {
                ui.weak("Select a claim, a source or a document to see its details here.");
            }
        }
    }

    fn central_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        if let Some(error) = &self.load_error {
            ui.heading("This project could not be opened");
            ui.colored_label(ui.visuals().error_fg_color, error);
            ui.label("The file was not changed.");
            ui.horizontal(|ui| {
                if ui.button("Open…").clicked() {
                    actions.push(Action::Command(UICommand::Open));
                }
                if ui.button("New").clicked() {
                    actions.push(Action::NewProject);
                }
            });
            return;
        }
        let project = self.ws.project();
        let document = self
            .open_document
            .as_ref()
            .and_then(|id| project.document(id));
        let Some(document) = document else {
            ui.heading(&project.name);
            ui.label("Open a document from the sources panel, or add one: File > Import documents… (text, saved web pages, PDFs; or drop files on the window) or File > Paste as new document….");
            return;
        };
        ui.heading(&document.title);
        let about = about_document(document, project);
        ui.horizontal_wrapped(|ui| {
            ui.weak(about);
            if let Some(url) = &document.url {
                ui.hyperlink_to("page", url).on_hover_text(url);
            }
        });
        let selected = match &self.focus {
            Focus::Claim(id) => Some(id),
            _ => None,
        };
        let version = self.ws.version();
        self.view
            .ui(ui, project, version, document, selected, actions);
    }

    fn menu_bar_ui(&mut self, ui: &mut egui::Ui, actions: &mut Vec<Action>) {
        let item = |ui: &mut egui::Ui, command: UICommand, actions: &mut Vec<Action>| {
            let mut button = egui::Button::new(command.name());
            if let Some(shortcut) = command.shortcuts().first() {
                button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
            }
            if ui.add(button).clicked() {
                actions.push(Action::Command(command));
                ui.close();
            }
        };
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                item(ui, UICommand::New, actions);
                item(ui, UICommand::Open, actions);
                ui.menu_button("Open Recent", |ui| {
                    if self.settings.recent.is_empty() {
                        ui.weak("No recent projects");
                    }
                    for path in &self.settings.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            actions.push(Action::OpenPath(path.clone()));
                            ui.close();
                        }
                    }
                });
                item(ui, UICommand::Save, actions);
                item(ui, UICommand::SaveAs, actions);
                ui.separator();
                item(ui, UICommand::ImportText, actions);
                item(ui, UICommand::PasteDocument, actions);
                item(ui, UICommand::ImportAnnotations, actions);
                ui.menu_button("Export as", |ui| {
                    for format in ExportFormat::ALL {
                        item(ui, UICommand::Export(format), actions);
                    }
                });
                item(ui, UICommand::ExportBrief, actions);
                ui.separator();
                item(ui, UICommand::CompareWith, actions);
                ui.separator();
                item(ui, UICommand::Quit, actions);
            });
            ui.menu_button("Edit", |ui| {
                // Undo and Redo say what they will do.
                for (command, name, label) in [
                    (UICommand::Undo, self.ws.undo_name(), "Undo"),
                    (UICommand::Redo, self.ws.redo_name(), "Redo"),
                ] {
                    let text = name.map_or_else(|| label.to_owned(), |n| format!("{label}: {n}"));
                    let shortcut = ui.ctx().format_shortcut(&command.shortcuts()[0]);
                    let button = egui::Button::new(text).shortcut_text(shortcut);
                    if ui.add_enabled(name.is_some(), button).clicked() {
                        actions.push(Action::Command(command));
                        ui.close();
                    }
                }
                ui.separator();
                let commands = [
                    UICommand::DeleteClaim,
                    UICommand::Find,
                    UICommand::Labels,
                    UICommand::Publisher,
                ];
                for command in commands {
                    item(ui, command, actions);
                }
            });
            ui.menu_button("View", |ui| {
                let toggles = [
                    (UICommand::ToggleSources, self.settings.show_sources),
                    (UICommand::ToggleInspector, self.settings.show_inspector),
                    (
                        UICommand::ToggleClaimsTable,
                        self.settings.show_claims_table,
                    ),
                    (UICommand::ToggleTheme, self.settings.dark),
                ];
                for (command, on) in toggles {
                    let mut checked = on;
                    if ui.checkbox(&mut checked, command.name()).clicked() {
                        actions.push(Action::Command(command));
                    }
                }
                item(ui, UICommand::Settings, actions);
            });
            ui.menu_button("Help", |ui| {
                item(ui, UICommand::GettingStarted, actions);
                item(ui, UICommand::KeyboardShortcuts, actions);
            });
        });
    }

    pub(super) fn windows_ui(&mut self, ctx: &Context, actions: &mut Vec<Action>) {
        if let Some(compare) = &mut self.compare
            && !compare.ui(ctx, &self.ws, actions)
        {
            self.compare = None;
        }
        egui::Window::new("Keyboard shortcuts")
            .open(&mut self.show_shortcuts)
            .show(ctx, commands::shortcuts_ui);
        let project = self.ws.project();
        egui::Window::new("Getting started")
            .open(&mut self.show_getting_started)
            .default_width(620.0)
            .default_height(780.0)
            .show(ctx, |ui| getting_started::getting_started_ui(ui, project));
        let labels = &mut self.labels;
        egui::Window::new("Labels")
            .open(&mut self.show_labels)
            .show(ctx, |ui| labels.ui(ui, project, actions));
        egui::Window::new("Settings")
            .open(&mut self.show_settings)
            .show(ctx, |ui| {
                let label = ui.label("Annotator name (signs new claims and notes)");
                ui.text_edit_singleline(&mut self.settings.annotator)
                    .labelled_by(label.id);
                let label = ui.label("Project name");
                let mut name = self.ws.project().name.clone();
                if ui
                    .text_edit_singleline(&mut name)
                    .labelled_by(label.id)
                    .changed()
                {
                    let merge = Some(crate::ui::MergeKey("project:name".into()));
                    actions.push(Action::Apply {
                        edit: Box::new(Edit::Rename(name)),
                        merge,
                    });
                }
                publisher_row_ui(ui, self.ws.project(), actions);
            });
    }
}

/// The Settings window's line on the publisher, beside the project's
/// name: who it is, and the button that changes it.
fn publisher_row_ui(ui: &mut egui::Ui, project: &Project, actions: &mut Vec<Action>) {
    ui.label("Publisher (the reviewer ClaimReview names)");
    ui.horizontal(|ui| {
        match &project.publisher {
            Some(publisher) => match &publisher.url {
                Some(url) => ui.label(format!("{} ({url})", publisher.name)),
                None => ui.label(&publisher.name),
            },
            None => ui.weak("none yet"),
        };
        if ui.button(UICommand::Publisher.name()).clicked() {
            actions.push(Action::Command(UICommand::Publisher));
        }
    });
}

/// The central document keeps at least half the window: each side panel
/// may take at most a quarter of it (and never less than 220 points).
fn side_panel_limit(window: f32) -> f32 {
    (window * 0.25).max(220.0)
}

/// The inspector's width when first shown: 340 points, less in a small
/// window.
fn inspector_width(window: f32) -> f32 {
    340.0_f32.min(side_panel_limit(window))
}

/// The sources panel's width when first shown.
fn sources_width(window: f32) -> f32 {
    260.0_f32.min(side_panel_limit(window) - 40.0)
}

/// One line under a document's title: its source (and the site's own name
/// when that differs), byline and publication date.
fn about_document(document: &crate::model::Document, project: &crate::model::Project) -> String {
    let source = project.source(&document.source).map(|s| s.name.as_str());
    let mut parts: Vec<String> = Vec::new();
    if let Some(source) = source {
        parts.push(source.to_owned());
    }
    if let Some(site) = &document.site_name
        && source
            .is_none_or(|s| crate::model::normalize_name(s) != crate::model::normalize_name(site))
    {
        parts.push(format!("site: {site}"));
    }
    if let Some(byline) = &document.byline {
        parts.push(byline.clone());
    }
    if let Some(published) = document.published {
        parts.push(published.to_string());
    }
    parts.join(" · ")
}
