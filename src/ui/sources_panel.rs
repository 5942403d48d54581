//! The left panel: sources with their reliability grade, each source's
//! documents with their claim counts, and a filter box.

use super::{Action, Change, ChangeHint, Focus};
use crate::edit::Edit;
use crate::model::{Document, DocumentId, Project, Source};
use egui::Ui;
use foldhash::{HashMap, HashMapExt};

/// The panel's own state: the filter text, and the look-ups it draws from.
#[derive(Default)]
pub struct SourcesPanel {
    filter: String,
    index: Option<PanelIndex>,
    rows: Option<Rows>,
    /// The claimants named in claims, with their counts, for one version.
    claimants: Option<(u64, Vec<(String, usize)>)>,
}

/// Above this many claims the claimants list starts closed: counting them
/// is a pass over every claim after each edit.
const CLAIMANTS_OPEN_UP_TO: usize = 20_000;

/// One line of the panel: a source, or one of its documents (indices into
/// `project.sources` and `project.documents`).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Row {
    Source(usize),
    Document(usize),
}

/// The lines the filter lets through, for one project version and filter:
/// only the lines in view are drawn, so 2,000 documents cost what 40 do.
struct Rows {
    version: u64,
    filter: String,
    rows: Vec<Row>,
}

impl Rows {
    fn new(project: &Project, index: &PanelIndex, version: u64, filter: &str) -> Self {
        let wanted = filter.to_lowercase();
        let mut rows = Vec::new();
        for (n, source) in project.sources.iter().enumerate() {
            let source_matches = source.name.to_lowercase().contains(&wanted);
            let documents = index
                .documents
                .get(source.id.as_str())
                .into_iter()
                .flatten()
                .copied()
                .filter(|&d| {
                    source_matches
                        || project
                            .documents
                            .get(d)
                            .is_some_and(|d| d.title.to_lowercase().contains(&wanted))
                });
            let start = rows.len();
            rows.push(Row::Source(n));
            rows.extend(documents.map(Row::Document));
            if !source_matches && rows.len() == start + 1 {
                rows.truncate(start);
            }
        }
        Self {
            version,
            filter: filter.to_owned(),
            rows,
        }
    }
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
                .entry(document.source.to_string())
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
            .map(|(d, count)| (d.id.to_string(), count))
            .collect();
        Self {
            version,
            documents,
            claims,
        }
    }
}

impl SourcesPanel {
    /// Follows an edit that added or replaced one claim: one count changes
    /// at most, so 100,000 claims are not counted again. False when the
    /// look-ups are not the version the edit started from.
    fn follow(&mut self, project: &Project, version: u64, hint: &ChangeHint) -> bool {
        let Some(index) = self.index.as_mut() else {
            return false;
        };
        if index.version != hint.before || hint.after != version {
            return false;
        }
        match hint.change {
            Change::ClaimAppended(n) => {
                let Some(claim) = project.claims.get(n) else {
                    return false;
                };
                if let Some(count) = index.claims.get_mut(claim.document.as_str()) {
                    *count += 1;
                }
            }
            Change::ClaimReplaced {
                same_document: true,
                ..
            } => {}
            Change::ClaimReplaced { .. } => return false,
        }
        index.version = version;
        // The rows list documents and sources, which such an edit leaves alone.
        if let Some(rows) = self.rows.as_mut().filter(|r| r.version == hint.before) {
            rows.version = version;
        }
        true
    }

    /// Draws the panel.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        (version, hint): (u64, Option<&ChangeHint>),
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
        let followed = hint.is_some_and(|hint| self.follow(project, version, hint));
        if !followed && self.index.as_ref().is_none_or(|i| i.version != version) {
            self.index = Some(PanelIndex::new(project, version));
        }
        let Some(index) = &self.index else {
            return;
        };
        if self
            .rows
            .as_ref()
            .is_none_or(|r| r.version != version || r.filter != self.filter)
        {
            self.rows = Some(Rows::new(project, index, version, &self.filter));
        }
        if project.sources.is_empty() {
            ui.weak("No sources yet. Add one, or import text files from the File menu.");
        }
        self.claimants_ui(ui, project, version);
        let Some(rows) = &self.rows else {
            return;
        };
        let Some(index) = &self.index else {
            return;
        };
        let counts = &index.claims;
        let body = ui.text_style_height(&egui::TextStyle::Body);
        let row_height = ui
            .spacing()
            .interact_size
            .y
            .max(body + 2.0 * ui.spacing().button_padding.y);
        egui::ScrollArea::vertical().auto_shrink(false).show_rows(
            ui,
            row_height,
            rows.rows.len(),
            |ui, range| {
                // One line per row, cut at the panel's edge (the full title
                // is in the tooltip): rows of one height are what lets only
                // the visible ones be drawn, and long titles never widen the panel.
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                for row in rows.rows.get(range).unwrap_or_default() {
                    match *row {
                        Row::Source(n) => {
                            if let Some(source) = project.sources.get(n) {
                                source_row(ui, source, focus, actions);
                            }
                        }
                        Row::Document(n) => {
                            if let Some(document) = project.documents.get(n) {
                                let count = counts.get(document.id.as_str()).copied().unwrap_or(0);
                                let open = open_document == Some(&document.id);
                                document_row(ui, document, count, open, actions);
                            }
                        }
                    }
                }
            },
        );
    }
}

impl SourcesPanel {
    /// The claimants, apart from the sources: who an article quotes is not
    /// who published it, and is graded by the claim's credibility, not by a
    /// source's reliability.
    fn claimants_ui(&mut self, ui: &mut Ui, project: &Project, version: u64) {
        let claimants = &mut self.claimants;
        let tall = ui.available_height() > 420.0;
        egui::Panel::bottom("claimants")
            .resizable(true)
            .default_size(if tall { 150.0 } else { 30.0 })
            .show(ui, |ui| {
                egui::CollapsingHeader::new("Claimants")
                    .default_open(tall && project.claims.len() <= CLAIMANTS_OPEN_UP_TO)
                    .show(ui, |ui| {
                        ui.weak("Who the articles quote. Sources, above, are who published them.");
                        if claimants.as_ref().is_none_or(|(v, _)| *v != version) {
                            *claimants = Some((version, count_claimants(project)));
                        }
                        let list = claimants.as_ref().map_or(&[][..], |(_, l)| l.as_slice());
                        if list.is_empty() {
                            ui.weak("No claim names its claimant yet.");
                        }
                        egui::ScrollArea::vertical()
                            .id_salt("claimants_list")
                            .auto_shrink(false)
                            .show(ui, |ui| {
                                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                                for (name, count) in list {
                                    ui.label(format!("{name} ({count})")).on_hover_text(
                                        crate::model::counted(*count, "claim", "claims"),
                                    );
                                }
                            });
                    });
            });
    }
}

/// Each claimant with how many claims name them, most first.
fn count_claimants(project: &Project) -> Vec<(String, usize)> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for claim in &project.claims {
        let name = claim.claimant.trim();
        if !name.is_empty() {
            *counts.entry(name).or_default() += 1;
        }
    }
    let mut list: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(name, count)| (name.to_owned(), count))
        .collect();
    list.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    list
}

/// A source's line: its grade and name; a click selects it.
fn source_row(ui: &mut Ui, source: &Source, focus: &Focus, actions: &mut Vec<Action>) {
    let selected = *focus == Focus::Source(source.id.clone());
    let text = egui::RichText::new(format!("[{}] {}", source.reliability, source.name)).strong();
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
}

/// A document's line, indented under its source: its title and claim
/// count; a click opens it.
fn document_row(
    ui: &mut Ui,
    document: &Document,
    count: usize,
    open: bool,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        ui.add_space(ui.spacing().indent);
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
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;
    use crate::model::{Claim, Label, span};
    use crate::ui::Workspace;

    #[test]
    fn an_added_claim_is_counted_as_a_full_count_would_count_it() {
        let project = crate::synth::generate(30, 600, 13);
        let document = project.documents[4].clone();
        let mut ws = Workspace::new(project, None);
        let mut panel = SourcesPanel {
            index: Some(PanelIndex::new(ws.project(), ws.version())),
            ..SourcesPanel::default()
        };
        let anchor = span::anchor(&document.text, span::Span::new(0, 5)).expect("span");
        let claim = Claim::new(
            document.id.clone(),
            anchor,
            Label::default_set()[0].id.clone(),
            "t",
        );
        ws.apply(Edit::add_claim(claim), None).unwrap();
        let hint = ws.last_change().expect("an add leaves a hint").clone();
        assert!(panel.follow(ws.project(), ws.version(), &hint));
        let followed = panel.index.as_ref().expect("the index");
        let counted = PanelIndex::new(ws.project(), ws.version());
        assert_eq!(followed.claims, counted.claims);
        assert_eq!(
            followed.claims[document.id.as_str()],
            counted.claims[document.id.as_str()]
        );
        // A hint from another version is not followed.
        assert!(!panel.follow(ws.project(), ws.version() + 1, &hint));
    }
}
