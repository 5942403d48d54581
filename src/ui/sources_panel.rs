//! The left panel: sources with their reliability grade, each source's
//! documents with their claim counts, and a filter box.

use super::{Action, Focus};
use crate::edit::Edit;
use crate::model::{DocumentId, Project, Source};
use egui::Ui;
use std::collections::HashMap;

/// The panel's own state: the filter text.
#[derive(Default)]
pub struct SourcesPanel {
    filter: String,
}

impl SourcesPanel {
    /// Draws the panel.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        open_document: Option<&DocumentId>,
        focus: &Focus,
        actions: &mut Vec<Action>,
    ) {
        ui.horizontal(|ui| {
            ui.heading("Sources");
            if ui
                .button("+ Source")
                .on_hover_text("Add a source")
                .clicked()
            {
                let source = Source::new("New source");
                let id = source.id.clone();
                actions.push(Action::Apply {
                    edit: Box::new(Edit::add_source(source)),
                    merge: None,
                });
                actions.push(Action::SelectSource(id));
            }
        });
        let label = ui.label("Filter");
        ui.add(egui::TextEdit::singleline(&mut self.filter).hint_text("source or title"))
            .labelled_by(label.id);
        ui.separator();
        let filter = self.filter.to_lowercase();
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for claim in &project.claims {
            *counts.entry(claim.document.as_str()).or_default() += 1;
        }
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                if project.sources.is_empty() {
                    ui.weak("No sources yet. Add one, or import text files from the File menu.");
                }
                for source in &project.sources {
                    let source_matches = source.name.to_lowercase().contains(&filter);
                    let documents: Vec<_> = project
                        .documents_of(&source.id)
                        .filter(|d| source_matches || d.title.to_lowercase().contains(&filter))
                        .collect();
                    if !source_matches && documents.is_empty() {
                        continue;
                    }
                    let selected = *focus == Focus::Source(source.id.clone());
                    let text =
                        egui::RichText::new(format!("[{}] {}", source.reliability, source.name))
                            .strong();
                    let response = ui.selectable_label(selected, text).on_hover_text(format!(
                        "{}: {}",
                        source.reliability.name(),
                        source.reliability.meaning()
                    ));
                    if response.clicked() {
                        actions.push(Action::SelectSource(source.id.clone()));
                    }
                    response.context_menu(|ui| {
                        if ui.button("Rename / edit…").clicked() {
                            actions.push(Action::SelectSource(source.id.clone()));
                            ui.close();
                        }
                        if ui.button("Delete source…").clicked() {
                            actions.push(Action::DeleteSource(source.id.clone()));
                            ui.close();
                        }
                    });
                    ui.indent(("documents", source.id.as_str()), |ui| {
                        for document in documents {
                            let count = counts.get(document.id.as_str()).copied().unwrap_or(0);
                            let open = open_document == Some(&document.id);
                            let text = format!(
                                "{} ({count})",
                                super::document_view::shorten(&document.title, 60)
                            );
                            let response = ui
                                .selectable_label(open, text)
                                .on_hover_text(&document.title);
                            if response.clicked() {
                                actions.push(Action::OpenDocument(document.id.clone()));
                            }
                            response.context_menu(|ui| {
                                if ui.button("Delete document…").clicked() {
                                    actions.push(Action::DeleteDocument(document.id.clone()));
                                    ui.close();
                                }
                            });
                        }
                    });
                }
            });
    }
}
