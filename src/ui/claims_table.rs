//! The claims table: every claim of the project, sortable by every column,
//! filtered by text, label, source and verdict. Rows are virtualised
//! (`ScrollArea::show_rows`) and the sorted order is cached per project
//! version, so 100,000 claims stay responsive.

use super::claim_menu::claim_menu_ui;
use super::document_view::shorten;
use super::{Action, Change, ChangeHint};
use crate::model::{
    Claim, ClaimId, Document, DocumentId, LabelId, Project, Source, SourceId, Verdict,
};
use egui::Ui;
use foldhash::HashMap;
use std::cmp::Ordering;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Document,
    Source,
    Label,
    Quote,
    Claimant,
    Subject,
    Attribute,
    Value,
    Unit,
    AsOf,
    Grade,
    Verdict,
}

const COLUMNS: [(Column, &str, f32); 12] = [
    (Column::Document, "Document", 140.0),
    (Column::Source, "Source", 110.0),
    (Column::Label, "Label", 90.0),
    (Column::Quote, "Quote", 260.0),
    (Column::Claimant, "Claimant", 120.0),
    (Column::Subject, "Subject", 120.0),
    (Column::Attribute, "Attribute", 90.0),
    (Column::Value, "Value", 60.0),
    (Column::Unit, "Unit", 55.0),
    (Column::AsOf, "As of", 92.0),
    (Column::Grade, "Grade", 45.0),
    (Column::Verdict, "Verdict", 110.0),
];

#[derive(Clone, PartialEq)]
struct Filter {
    text: String,
    label: Option<LabelId>,
    source: Option<SourceId>,
    verdict: Option<Verdict>,
    sort: Column,
    ascending: bool,
}

/// A row's sort key, its tie-breaker and its claim's index.
type Keyed = (SortKey, (u32, usize), usize);

/// The order of two rows: by key, then document and position, then index.
fn order(a: &Keyed, b: &Keyed) -> Ordering {
    a.0.partial_cmp(&b.0)
        .unwrap_or(Ordering::Equal)
        .then(a.1.cmp(&b.1))
        .then(a.2.cmp(&b.2))
}

/// True when `claim` passes the filter (`text` is its text, lower-cased).
fn passes(f: &Filter, text: &str, lookup: &Lookup, c: &Claim) -> bool {
    f.label.as_ref().is_none_or(|l| &c.label == l)
        && f.verdict.is_none_or(|v| c.verdict == v)
        && f.source
            .as_ref()
            .is_none_or(|s| lookup.source(c).is_some_and(|src| &src.id == s))
        && (text.is_empty()
            || [
                &c.quote,
                &c.claimant,
                &c.subject,
                &c.attribute,
                &c.note,
                &c.unit,
            ]
            .iter()
            .any(|field| field.to_lowercase().contains(text)))
}

/// The sorted rows of one project version and filter. Their keys are not
/// kept (a key per row grows with the claims): following an edit
/// recomputes the few a binary search looks at.
struct Cache {
    version: u64,
    filter: Filter,
    /// Claim indices in display order.
    rows: Vec<usize>,
}

/// Sorts claims (`(key, tie, start, index)`) and lists their indices in
/// display order. Every tie is broken, last by position in the project, so
/// an unstable sort gives one order, and is the faster one.
fn sorted<K: PartialOrd>(mut keyed: Vec<(K, u32, u32, u32)>, ascending: bool) -> Vec<usize> {
    keyed.sort_unstable_by(|a, b| {
        a.0.partial_cmp(&b.0)
            .unwrap_or(Ordering::Equal)
            .then((a.1, a.2, a.3).cmp(&(b.1, b.2, b.3)))
    });
    let mut rows: Vec<usize> = keyed.into_iter().map(|k| k.3 as usize).collect();
    if !ascending {
        rows.reverse();
    }
    rows
}

/// The table's state: filter, sort order and the cached row order.
pub struct ClaimsTable {
    filter: Filter,
    cache: Option<Cache>,
    /// The rows on screen in the last frame, and the claim selected then:
    /// a claim selected elsewhere (text, J/K) is scrolled into view.
    visible_rows: std::ops::Range<usize>,
    last_selected: Option<ClaimId>,
    /// Each column's width, which the analyst drags at the header's edges.
    widths: [f32; COLUMNS.len()],
}

/// The width of the handle between two headers that resizes a column.
const HANDLE: f32 = 6.0;
/// No column gets narrower than this by a drag.
const MIN_COLUMN: f32 = 32.0;

impl Default for ClaimsTable {
    fn default() -> Self {
        Self {
            filter: Filter {
                text: String::new(),
                label: None,
                source: None,
                verdict: None,
                sort: Column::Document,
                ascending: true,
            },
            cache: None,
            visible_rows: 0..0,
            last_selected: None,
            widths: COLUMNS.map(|(_, _, width)| width),
        }
    }
}

/// A claim's document and source in O(1): a linear search per claim made
/// re-sorting the table after an edit quadratic in the claims.
struct Lookup<'a> {
    documents: HashMap<&'a DocumentId, (usize, &'a Document)>,
    sources: HashMap<&'a SourceId, &'a Source>,
}

/// The rank of each document title and id, source name and label name, so
/// the common sorts compare numbers, not strings.
struct Ranks<'a> {
    /// By document position.
    title: Vec<u32>,
    id: Vec<u32>,
    source: HashMap<&'a SourceId, u32>,
    label: HashMap<&'a LabelId, u32>,
}

impl<'a> Ranks<'a> {
    fn new(project: &'a Project) -> Self {
        let sources = ranks(&project.sources, |s| s.name.as_str());
        let labels = ranks(&project.labels, |l| l.name.as_str());
        Self {
            title: ranks(&project.documents, |d| d.title.as_str()),
            id: ranks(&project.documents, |d| d.id.as_str()),
            source: project
                .sources
                .iter()
                .zip(sources)
                .rev()
                .map(|(s, r)| (&s.id, r))
                .collect(),
            label: project
                .labels
                .iter()
                .zip(labels)
                .rev()
                .map(|(l, r)| (&l.id, r))
                .collect(),
        }
    }
}

/// The rank of each item's key among all of them (equal keys, equal rank).
fn ranks<T>(items: &[T], key: impl Fn(&T) -> &str) -> Vec<u32> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| key(&items[i]));
    let mut ranks = vec![0; items.len()];
    let mut rank = 0;
    for (n, &item) in order.iter().enumerate() {
        if n > 0 && key(&items[order[n - 1]]) != key(&items[item]) {
            rank += 1;
        }
        ranks[item] = rank;
    }
    ranks
}

impl<'a> Lookup<'a> {
    fn new(project: &'a Project) -> Self {
        // Built back to front, so that of two items with one id the first
        // wins, as `Project::document` finds it.
        Self {
            documents: project
                .documents
                .iter()
                .enumerate()
                .rev()
                .map(|(n, d)| (&d.id, (n, d)))
                .collect(),
            sources: project.sources.iter().rev().map(|s| (&s.id, s)).collect(),
        }
    }

    fn document(&self, claim: &Claim) -> Option<(usize, &'a Document)> {
        self.documents.get(&claim.document).copied()
    }

    fn source(&self, claim: &Claim) -> Option<&'a Source> {
        let (_, document) = self.document(claim)?;
        self.sources.get(&document.source).copied()
    }
}

fn cell(project: &Project, lookup: &Lookup, claim: &Claim, column: Column) -> String {
    match column {
        Column::Document => lookup
            .document(claim)
            .map_or_else(|| claim.document.to_string(), |(_, d)| d.title.clone()),
        Column::Source => lookup
            .source(claim)
            .map_or_else(String::new, |s| s.name.clone()),
        Column::Label => project
            .label(&claim.label)
            .map_or_else(|| claim.label.to_string(), |l| l.name.clone()),
        Column::Quote => claim.quote.clone(),
        Column::Claimant => claim.claimant.clone(),
        Column::Subject => claim.subject.clone(),
        Column::Attribute => claim.attribute.clone(),
        Column::Value => claim.value.map(|v| v.to_string()).unwrap_or_default(),
        Column::Unit => claim.unit.clone(),
        Column::AsOf => claim.as_of.map(|d| d.to_string()).unwrap_or_default(),
        Column::Grade => crate::model::admiralty(
            lookup
                .source(claim)
                .map(|s| s.reliability)
                .unwrap_or_default(),
            claim.credibility,
        ),
        Column::Verdict => claim.verdict.name().to_owned(),
    }
}

/// What a row sorts by in a column. Computed once per row before sorting
/// (not twice per comparison), so 100,000 claims re-sort quickly after an edit.
#[derive(PartialEq, PartialOrd)]
enum SortKey {
    /// Numbers sort as numbers, not as text; no value first.
    Number(f64),
    /// The rank of a document title, source name or label name; what has
    /// none (a missing document or source) sorts first.
    Rank(u32),
    Text(String),
}

impl SortKey {
    /// A number or rank as one number that sorts the same (a rank is exact
    /// in an `f64`); text has none.
    fn number(self) -> f64 {
        match self {
            SortKey::Number(x) => x,
            SortKey::Rank(rank) => f64::from(rank),
            SortKey::Text(_) => f64::NAN,
        }
    }

    fn into_text(self) -> String {
        match self {
            SortKey::Text(text) => text,
            SortKey::Number(_) | SortKey::Rank(_) => String::new(),
        }
    }
}

fn sort_key(
    project: &Project,
    lookup: &Lookup,
    ranks: &Ranks,
    claim: &Claim,
    column: Column,
) -> (SortKey, (u32, usize)) {
    // One look-up of the claim's document serves the key and the tie.
    let document = lookup.document(claim);
    let rank = |r: Option<u32>| SortKey::Rank(r.map_or(0, |r| r + 1));
    let key = match column {
        Column::Value => SortKey::Number(claim.value.map_or(f64::NEG_INFINITY, |v| {
            v.interval().low.value().unwrap_or(f64::MIN)
        })),
        Column::Document => rank(document.and_then(|(n, _)| ranks.title.get(n).copied())),
        Column::Source => rank(
            document
                .and_then(|(_, d)| lookup.sources.get(&d.source))
                .and_then(|s| ranks.source.get(&s.id).copied()),
        ),
        Column::Label => rank(ranks.label.get(&claim.label).copied()),
        _ => SortKey::Text(cell(project, lookup, claim, column)),
    };
    // Ties in the sorted column go by document (its id), then position.
    let tie = document
        .and_then(|(n, _)| ranks.id.get(n).copied())
        .unwrap_or(u32::MAX);
    (key, (tie, claim.start))
}

impl ClaimsTable {
    fn rows(&mut self, project: &Project, version: u64, hint: Option<&ChangeHint>) -> &[usize] {
        let fresh = self
            .cache
            .as_ref()
            .is_some_and(|c| c.version == version && c.filter == self.filter);
        if !fresh {
            let followed = hint.is_some_and(|hint| self.follow(project, version, hint));
            if !followed {
                self.rebuild(project, version);
            }
        }
        self.cache.as_ref().map_or(&[], |c| c.rows.as_slice())
    }

    /// Sorts every claim that passes the filter. The keys are as compact as
    /// the column allows, a number for all but the text columns: sorting
    /// 120,000 rows is the workbench's largest passing use of memory.
    fn rebuild(&mut self, project: &Project, version: u64) {
        let lookup = Lookup::new(project);
        let ranks = Ranks::new(project);
        let f = &self.filter;
        let text = f.text.to_lowercase();
        let passing = project
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| passes(f, &text, &lookup, c))
            .map(|(n, claim)| {
                let (key, (tie, start)) = sort_key(project, &lookup, &ranks, claim, f.sort);
                // Offsets and counts fit in 32 bits: a project file is
                // at most a few hundred megabytes.
                let start = u32::try_from(start).unwrap_or(u32::MAX);
                let n = u32::try_from(n).unwrap_or(u32::MAX);
                (key, tie, start, n)
            });
        // Whether this column sorts by number, as `sort_key` says for any claim.
        let numeric = project.claims.first().is_none_or(|claim| {
            !matches!(
                sort_key(project, &lookup, &ranks, claim, f.sort).0,
                SortKey::Text(_)
            )
        });
        let rows = if numeric {
            sorted(
                passing
                    .map(|(key, tie, start, n)| (key.number(), tie, start, n))
                    .collect(),
                f.ascending,
            )
        } else {
            sorted(
                passing
                    .map(|(key, tie, start, n)| (key.into_text(), tie, start, n))
                    .collect(),
                f.ascending,
            )
        };
        self.cache = Some(Cache {
            version,
            filter: self.filter.clone(),
            rows,
        });
    }

    /// Updates the cached order in place for an edit that added or replaced
    /// one claim: a binary search instead of sorting 100,000 rows again.
    /// False when the cache is not the version the edit started from.
    fn follow(&mut self, project: &Project, version: u64, hint: &ChangeHint) -> bool {
        let Some(cache) = self.cache.as_mut() else {
            return false;
        };
        if cache.version != hint.before || hint.after != version || cache.filter != self.filter {
            return false;
        }
        let index = match hint.change {
            Change::ClaimAppended(index) if index + 1 == project.claims.len() => index,
            Change::ClaimReplaced { index, .. } if index < project.claims.len() => {
                cache.rows.retain(|&row| row != index);
                index
            }
            _ => return false,
        };
        let lookup = Lookup::new(project);
        let f = &cache.filter;
        let claim = &project.claims[index];
        if passes(f, &f.text.to_lowercase(), &lookup, claim) {
            let ranks = Ranks::new(project);
            let keyed = |n: usize| -> Keyed {
                let (key, tie) = sort_key(project, &lookup, &ranks, &project.claims[n], f.sort);
                (key, tie, n)
            };
            let entry = keyed(index);
            // Rows before the new one: lower in ascending order, higher in
            // descending (no other row ties with it).
            let before = if f.ascending {
                Ordering::Less
            } else {
                Ordering::Greater
            };
            let at = cache
                .rows
                .partition_point(|&row| order(&keyed(row), &entry) == before);
            cache.rows.insert(at, index);
        }
        cache.version = version;
        true
    }

    /// Draws the filters, the header and the visible rows.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        (version, hint): (u64, Option<&ChangeHint>),
        selected: Option<&ClaimId>,
        actions: &mut Vec<Action>,
    ) {
        self.filter_ui(ui, project);
        self.rows(project, version, hint);
        // Held outside `self` while drawing (a header click changes the
        // filter), rather than copying 100,000 row numbers every frame.
        let cache = self.cache.take();
        let rows = cache.as_ref().map_or(&[][..], |c| c.rows.as_slice());
        let lookup = Lookup::new(project);
        ui.horizontal(|ui| {
            let total = crate::model::counted(project.claims.len(), "claim", "claims");
            ui.weak(format!("{} of {total}", rows.len()));
        });
        egui::ScrollArea::horizontal()
            .id_salt("claims_table_h")
            .show(ui, |ui| {
                let widths = &mut self.widths;
                ui.horizontal(|ui| {
                    for (n, (column, name, _)) in COLUMNS.into_iter().enumerate() {
                        let width = widths[n];
                        let arrow = match (self.filter.sort == column, self.filter.ascending) {
                            (true, true) => " ^",
                            (true, false) => " v",
                            _ => "",
                        };
                        let button = egui::Button::new(
                            egui::RichText::new(format!("{name}{arrow}")).strong(),
                        )
                        .frame(false);
                        let layout = egui::Layout::left_to_right(egui::Align::Center);
                        let header =
                            ui.allocate_ui_with_layout(egui::vec2(width, 18.0), layout, |ui| {
                                ui.set_width(width);
                                ui.add(button)
                            });
                        if header.inner.on_hover_text("Sort by this column").clicked() {
                            if self.filter.sort == column {
                                self.filter.ascending = !self.filter.ascending;
                            } else {
                                self.filter.sort = column;
                                self.filter.ascending = true;
                            }
                        }
                        widths[n] = resize_handle_ui(ui, widths[n], name);
                    }
                });
                let widths = self.widths;
                let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
                let mut area = egui::ScrollArea::vertical()
                    .id_salt("claims_table_v")
                    .auto_shrink(false);
                if selected != self.last_selected.as_ref() {
                    self.last_selected = selected.cloned();
                    let row = selected.and_then(|id| {
                        rows.iter()
                            .position(|&n| project.claims.get(n).is_some_and(|c| &c.id == id))
                    });
                    if let Some(row) = row.filter(|r| !self.visible_rows.contains(r)) {
                        let pitch = row_height + ui.spacing().item_spacing.y;
                        // Never past the last row: an offset beyond the end
                        // springs back, frame after frame.
                        // (Less a scroll bar's height: the viewport is a
                        // little shorter than the room left here.)
                        let viewport = ui.available_height() - 2.0 * row_height;
                        let end = (rows.len() as f32 * pitch - viewport).max(0.0);
                        let offset = ((row as f32 - 1.0).max(0.0) * pitch).min(end);
                        area = area.vertical_scroll_offset(offset);
                    }
                }
                let visible_rows = &mut self.visible_rows;
                area.show_rows(ui, row_height, rows.len(), |ui, range| {
                    *visible_rows = range.clone();
                    for &n in &rows[range] {
                        let Some(claim) = project.claims.get(n) else {
                            continue;
                        };
                        // The selected row is one band across every column.
                        if selected == Some(&claim.id) {
                            let width: f32 = widths
                                .iter()
                                .map(|w| w + HANDLE + 2.0 * ui.spacing().item_spacing.x)
                                .sum();
                            let band = egui::Rect::from_min_size(
                                ui.cursor().min,
                                egui::vec2(width, row_height),
                            );
                            ui.painter()
                                .rect_filled(band, 2.0, ui.visuals().selection.bg_fill);
                        }
                        ui.horizontal(|ui| {
                            for (n, (column, _, _)) in COLUMNS.into_iter().enumerate() {
                                let width = widths[n];
                                let full = cell(project, &lookup, claim, column).replace('\n', " ");
                                let text = shorten(&full, 80);
                                if text.is_empty() {
                                    // An empty button would have no accessible name.
                                    ui.allocate_exact_size(
                                        egui::vec2(width, row_height - 2.0),
                                        egui::Sense::hover(),
                                    );
                                    handle_space(ui);
                                    continue;
                                }
                                let cell = egui::Button::selectable(false, text).truncate();
                                // Left-aligned in a fixed width, so the columns line up with the header.
                                let size = egui::vec2(width, row_height - 2.0);
                                let layout = egui::Layout::left_to_right(egui::Align::Center);
                                let response = ui
                                    .allocate_ui_with_layout(size, layout, |ui| {
                                        ui.set_width(width);
                                        ui.add(cell)
                                    })
                                    .inner;
                                handle_space(ui);
                                if response.clicked() {
                                    actions.push(Action::ShowClaim(claim.id.clone()));
                                }
                                response.on_hover_text(full).context_menu(|ui| {
                                    claim_menu_ui(ui, project, claim, actions);
                                });
                            }
                        });
                    }
                });
            });
        self.cache = cache;
    }

    fn filter_ui(&mut self, ui: &mut Ui, project: &Project) {
        let f = &mut self.filter;
        ui.horizontal(|ui| {
            ui.strong("Claims");
            let label = ui.label("Search claims");
            ui.add(egui::TextEdit::singleline(&mut f.text).desired_width(160.0))
                .labelled_by(label.id);
            let label_name = f
                .label
                .as_ref()
                .and_then(|id| project.label(id))
                .map_or("all labels", |l| l.name.as_str());
            egui::ComboBox::from_id_salt("filter_label")
                .selected_text(label_name)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.label, None, "all labels");
                    for l in &project.labels {
                        ui.selectable_value(&mut f.label, Some(l.id.clone()), &l.name);
                    }
                })
                .response
                .on_hover_text("Show claims with this label");
            let source_name = f
                .source
                .as_ref()
                .and_then(|id| project.source(id))
                .map_or("all sources", |s| s.name.as_str());
            egui::ComboBox::from_id_salt("filter_source")
                .selected_text(shorten(source_name, 30))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.source, None, "all sources");
                    for s in &project.sources {
                        ui.selectable_value(&mut f.source, Some(s.id.clone()), &s.name);
                    }
                })
                .response
                .on_hover_text("Show claims from this source");
            egui::ComboBox::from_id_salt("filter_verdict")
                .selected_text(f.verdict.map_or("all verdicts", |v| v.name()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut f.verdict, None, "all verdicts");
                    for v in Verdict::ALL {
                        ui.selectable_value(&mut f.verdict, Some(v), v.name());
                    }
                })
                .response
                .on_hover_text("Show claims with this verdict");
        });
    }
}

/// The room a header's resize handle takes, left in every row, so that
/// cells stay under their headers.
fn handle_space(ui: &mut Ui) {
    ui.allocate_exact_size(egui::vec2(HANDLE, 1.0), egui::Sense::hover());
}

/// The handle after a column's header: dragging it sets the column's
/// width (double-click puts the width back as it was).
fn resize_handle_ui(ui: &mut Ui, width: f32, name: &str) -> f32 {
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(HANDLE, 18.0), egui::Sense::click_and_drag());
    let response = response.on_hover_cursor(egui::CursorIcon::ResizeHorizontal);
    let stroke = if response.hovered() || response.dragged() {
        ui.visuals().widgets.active.fg_stroke
    } else {
        ui.visuals().widgets.noninteractive.bg_stroke
    };
    ui.painter().vline(rect.center().x, rect.y_range(), stroke);
    if response.double_clicked() {
        return COLUMNS.iter().find(|c| c.1 == name).map_or(width, |c| c.2);
    }
    (width + response.drag_delta().x).clamp(MIN_COLUMN, 1200.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Label, Quantity, Source, span};

    fn project_with_values(values: &[&str]) -> Project {
        let mut project = Project::new("t");
        let source = Source::new("S");
        let text = "a b c d e f g h".to_owned();
        let document = Document::new("d".into(), "D", source.id.clone(), text.clone());
        for (n, value) in values.iter().enumerate() {
            let anchor = span::anchor(&text, span::Span::new(2 * n, 2 * n + 1)).expect("span");
            let mut claim = Claim::new(
                document.id.clone(),
                anchor,
                Label::default_set()[0].id.clone(),
                "t",
            );
            claim.value = value.parse::<Quantity>().ok();
            project.claims.push(claim);
        }
        project.sources.push(source);
        project.documents.push(document);
        project
    }

    #[test]
    fn values_sort_as_numbers_with_empty_values_first() {
        let project = project_with_values(&["100", "", "9", ">=14", "~40"]);
        let mut table = ClaimsTable::default();
        table.filter.sort = Column::Value;
        let values: Vec<String> = table
            .rows(&project, 1, None)
            .iter()
            .map(|&n| {
                cell(
                    &project,
                    &Lookup::new(&project),
                    &project.claims[n],
                    Column::Value,
                )
            })
            .collect();
        assert_eq!(values, ["", "9", ">=14", "~40", "100"]);
        table.filter.ascending = false;
        let first = table.rows(&project, 1, None).first().map(|&n| {
            cell(
                &project,
                &Lookup::new(&project),
                &project.claims[n],
                Column::Value,
            )
        });
        assert_eq!(first.as_deref(), Some("100"));
    }

    #[test]
    fn sorting_by_ranks_gives_the_order_of_the_names_themselves() {
        // Generated: 300 documents under 200 sources with repeated titles.
        let project = crate::synth::generate(300, 3_000, 11);
        let lookup = Lookup::new(&project);
        for column in [Column::Document, Column::Source, Column::Label] {
            let mut table = ClaimsTable::default();
            table.filter.sort = column;
            let rows = table.rows(&project, 1, None).to_vec();
            let by_text = |n: usize| {
                let claim = &project.claims[n];
                (
                    cell(&project, &lookup, claim, column),
                    claim.document.as_str().to_owned(),
                    claim.start,
                    n,
                )
            };
            let mut expected: Vec<usize> = (0..project.claims.len()).collect();
            expected.sort_by_key(|&n| by_text(n));
            assert_eq!(rows, expected, "{column:?}");
        }
    }

    #[test]
    fn an_added_or_edited_claim_is_placed_as_a_full_sort_would_place_it() {
        use crate::edit::Edit;
        use crate::ui::Workspace;
        let project = crate::synth::generate(50, 2_000, 12);
        let document = project.documents[7].clone();
        let mut ws = Workspace::new(project, None);
        for (column, ascending) in [
            (Column::Document, true),
            (Column::Subject, false),
            (Column::Value, true),
        ] {
            let mut table = ClaimsTable::default();
            table.filter.sort = column;
            table.filter.ascending = ascending;
            table.rows(ws.project(), ws.version(), None);

            let anchor = span::anchor(&document.text, span::Span::new(3, 12)).expect("span");
            let mut claim = Claim::new(
                document.id.clone(),
                anchor,
                Label::default_set()[0].id.clone(),
                "t",
            );
            claim.subject = "Mmm middle subject".into();
            claim.value = "42".parse().ok();
            ws.apply(Edit::add_claim(claim), None).unwrap();
            assert!(matches!(
                ws.last_change().map(|h| &h.change),
                Some(Change::ClaimAppended(_))
            ));
            let mut edited = ws.project().claims[11].clone();
            edited.subject = "Aaa first subject".into();
            // Follow the add, then the edit, one version at a time; each time
            // the order is the one a table sorting from scratch shows.
            let follows_as_a_full_sort = |table: &mut ClaimsTable, ws: &Workspace| {
                let followed = table
                    .rows(ws.project(), ws.version(), ws.last_change())
                    .to_vec();
                let mut fresh = ClaimsTable {
                    filter: table.filter.clone(),
                    ..ClaimsTable::default()
                };
                followed == fresh.rows(ws.project(), ws.version(), None)
            };
            assert!(follows_as_a_full_sort(&mut table, &ws), "{column:?} add");
            ws.apply(Edit::ReplaceClaim(edited), None).unwrap();
            assert!(follows_as_a_full_sort(&mut table, &ws), "{column:?} edit");
        }
    }
}
