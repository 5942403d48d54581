//! The left panel: sources with their reliability grade, each source's
//! documents with their claim counts, and a filter box.

use super::{Action, Focus};
use crate::edit::Edit;
use crate::model::{DocumentId, Project, Source};
use egui::Ui;
use std::collections::HashMap;

/// The panel's own state: the filter text, and the look-ups it draws from.
#[derive(Default)]
pub struct SourcesPanel {
    filter: String,
    index: Option<PanelIndex>,
}

/// Each source's documents and each document's claim count, for one project
/// version. Counting 100,000 claims and matching 2,000 documents to 200
/// sources on every frame cost more than drawing the panel.
struct PanelIndex {
    version: u64,
    /// Indices into `project.documents`, by source id, in project order.
    documents: HashMap<String, Vec<usize>>,
    claims: HashMap<String, usize>,
}

impl PanelIndex {
    fn new(project: &Project, version: u64) -> Self {
        let mut documents: HashMap<String, Vec<usize>> = HashMap::new();
        for (n, document) in project.documents.iter().enumerate() {
            documents
                .entry(document.source.0.clone())
                .or_default()
                .push(n);
        }
        // Counted by position, then keyed once per document: hashing a
        // document id per claim is what made this slow.
        let position: HashMap<&str, usize> = project
            .documents
            .iter()
            .enumerate()
            .map(|(n, d)| (d.id.as_str(), n))
            .collect();
        let mut counts = vec![0usize; project.documents.len()];
        let mut last: Option<(&str, usize)> = None;
        for claim in &project.claims {
            let id = claim.document.as_str();
            // Claims of one document usually come together: look up once per run.
            let n = match last {
                Some((previous, n)) if previous == id => Some(n),
                _ => position.get(id).copied(),
            };
            if let Some(n) = n {
                counts[n] += 1;
                last = Some((id, n));
            }
        }
        let claims = project
            .documents
            .iter()
            .zip(counts)
            .map(|(d, count)| (d.id.0.clone(), count))
            .collect();
        Self {
            version,
            documents,
            claims,
        }
    }
}

impl SourcesPanel {
    /// Draws the panel.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        version: u64,
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
        if self.index.as_ref().is_none_or(|i| i.version != version) {
            self.index = Some(PanelIndex::new(project, version));
        }
        let Some(index) = &self.index else {
            return;
        };
        let counts = &index.claims;
        egui::ScrollArea::vertical()
            .auto_shrink(false)
            .show(ui, |ui| {
                if project.sources.is_empty() {
                    ui.weak("No sources yet. Add one, or import text files from the File menu.");
                }
                for source in &project.sources {
                    let source_matches = source.name.to_lowercase().contains(&filter);
                    let documents: Vec<_> = index
                        .documents
                        .get(source.id.as_str())
                        .into_iter()
                        .flatten()
                        .filter_map(|&n| project.documents.get(n))
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
