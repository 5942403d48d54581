//! File > Compare with…: how far another analyst's copy of the project
//! agrees with mine ([`crate::agree::agree`], the figures `claimdesk agree`
//! prints), and the claims where the two differ, each with "Take theirs"
//! as one undoable edit. The comparison follows my project: after an edit
//! (or an undo) it is made again.

mod differences;

pub use differences::{Difference, differences, take_theirs};

use super::{Action, Workspace};
use crate::agree::{AgreeError, Agreement, DisagreementKind, Matching};
use crate::model::{Claim, Project, counted, one_line, shorten};
use egui::{Context, RichText, Ui};

/// How many characters of a quote a row shows; its tooltip has the rest.
const QUOTE_CHARS: usize = 100;

/// The comparison window: their copy, and its comparison with my project
/// as it was at one version.
pub struct CompareWindow {
    /// Their copy's file name, for the heading.
    name: String,
    theirs: Project,
    /// The workspace version compared, and what the comparison gave.
    compared: Option<(u64, Result<Comparison, AgreeError>)>,
    filter: Filter,
}

/// The figures and the claims that differ.
struct Comparison {
    agreement: Agreement,
    differences: Vec<Difference>,
}

/// Which differences the list shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Filter {
    #[default]
    All,
    OnlyMine,
    OnlyTheirs,
    Both,
}

impl Filter {
    fn admits(self, difference: &Difference) -> bool {
        match self {
            Self::All => true,
            Self::OnlyMine => difference.theirs.is_none(),
            Self::OnlyTheirs => difference.mine.is_none(),
            Self::Both => difference.mine.is_some() && difference.theirs.is_some(),
        }
    }

    fn name(self) -> &'static str {
        match self {
            Self::All => "All",
            Self::OnlyMine => "Only mine",
            Self::OnlyTheirs => "Only theirs",
            Self::Both => "Both, different",
        }
    }
}

impl CompareWindow {
    /// A comparison with `theirs`, read from the file `name`; it is made
    /// when the window is first drawn.
    pub fn new(mut theirs: Project, name: String) -> Self {
        // Look-ups by id go through the index, which a file read without
        // the workspace has not made yet.
        theirs.reindex();
        Self {
            name,
            theirs,
            compared: None,
            filter: Filter::default(),
        }
    }

    /// The differences of the last comparison (none when the copies could
    /// not be compared).
    pub fn differences(&self) -> &[Difference] {
        match &self.compared {
            Some((_, Ok(comparison))) => &comparison.differences,
            _ => &[],
        }
    }

    /// Compares again when my project changed since the last comparison.
    pub fn refresh(&mut self, ws: &Workspace) {
        if self.compared.as_ref().map(|(version, _)| *version) == Some(ws.version()) {
            return;
        }
        let result = crate::agree::agree(ws.project(), &self.theirs).map(|agreement| {
            let differences = differences(&agreement);
            Comparison {
                agreement,
                differences,
            }
        });
        self.compared = Some((ws.version(), result));
    }

    /// Draws the window; false once it was closed.
    pub fn ui(&mut self, ctx: &Context, ws: &Workspace, actions: &mut Vec<Action>) -> bool {
        self.refresh(ws);
        let mut open = true;
        egui::Window::new(format!("Compare with {}", self.name))
            .id(egui::Id::unique("compare_window"))
            .open(&mut open)
            .default_size([780.0, 640.0])
            .resizable(true)
            .show(ctx, |ui| self.contents(ui, ws.project(), actions));
        open
    }

    fn contents(&mut self, ui: &mut Ui, mine: &Project, actions: &mut Vec<Action>) {
        let Some((_, result)) = &self.compared else {
            return;
        };
        let comparison = match result {
            Ok(comparison) => comparison,
            Err(error) => {
                ui.label(RichText::new("These two copies cannot be compared.").strong());
                ui.colored_label(ui.visuals().error_fg_color, error.to_string());
                ui.label(
                    "Claims are compared by their place in the text, so each document must hold \
                     the same text in both copies.",
                );
                return;
            }
        };
        figures_ui(ui, &comparison.agreement);
        let only_theirs = self
            .theirs
            .documents
            .iter()
            .filter(|d| mine.document(&d.id).is_none())
            .count();
        if only_theirs > 0 {
            ui.weak(format!(
                "Their copy has {} that yours does not; their claims there are not compared.",
                counted(only_theirs, "document", "documents")
            ));
        }
        ui.separator();
        let differences = &comparison.differences;
        if differences.is_empty() {
            ui.label("No differences: every claim in the documents you both hold matches.");
            return;
        }
        ui.horizontal(|ui| {
            for filter in [
                Filter::All,
                Filter::OnlyMine,
                Filter::OnlyTheirs,
                Filter::Both,
            ] {
                let count = differences.iter().filter(|d| filter.admits(d)).count();
                let text = format!("{} ({count})", filter.name());
                ui.selectable_value(&mut self.filter, filter, text);
            }
        });
        let shown: Vec<&Difference> = differences
            .iter()
            .filter(|d| self.filter.admits(d))
            .collect();
        let height = row_height(ui);
        egui::ScrollArea::vertical()
            .id_salt("compare_list")
            .auto_shrink(false)
            .show_rows(ui, height, shown.len(), |ui, rows| {
                for n in rows {
                    if let Some(difference) = shown.get(n) {
                        let striped = n % 2 == 1;
                        row_ui(
                            ui,
                            mine,
                            &self.theirs,
                            difference,
                            (height, striped),
                            actions,
                        );
                    }
                }
            });
    }
}

/// The figures: span matching as percentages, κ and the α's with what
/// they rest on, "n/a" where there is nothing to measure.
fn figures_ui(ui: &mut Ui, agreement: &Agreement) {
    ui.label(format!(
        "{} in both copies, with {} in mine and {} in theirs.",
        counted(agreement.documents, "document", "documents"),
        counted(agreement.claims_a, "claim", "claims"),
        counted(agreement.claims_b, "claim", "claims")
    ));
    egui::Grid::new("compare_figures")
        .striped(true)
        .num_columns(2)
        .spacing([24.0, 4.0])
        .show(ui, |ui| {
            for (what, matching) in [
                ("Spans, exactly", &agreement.spans.exact),
                ("Spans, overlapping", &agreement.spans.overlap),
            ] {
                ui.label(what).on_hover_text(
                    "Precision: their claims that match one of mine. \
                     Recall: my claims that match one of theirs.",
                );
                ui.label(matching_in_words(matching));
                ui.end_row();
            }
            let statistics = [
                (
                    "Labels",
                    "Cohen's κ",
                    agreement.labels.kappa,
                    counted(agreement.labels.pairs, "pair", "pairs"),
                ),
                (
                    "Credibility",
                    "Krippendorff's α",
                    agreement.credibility.alpha,
                    counted(agreement.credibility.pairs, "pair", "pairs"),
                ),
                (
                    "Values",
                    "Krippendorff's α",
                    agreement.values.alpha,
                    counted(agreement.values.pairs, "pair", "pairs"),
                ),
                (
                    "Source reliability",
                    "Krippendorff's α",
                    agreement.reliability.alpha,
                    counted(agreement.reliability.sources, "source", "sources"),
                ),
            ];
            for (what, statistic, figure, over) in statistics {
                ui.label(what);
                ui.label(format!("{statistic} {} over {over}", decimal(figure)));
                ui.end_row();
            }
        });
}

fn matching_in_words(matching: &Matching) -> String {
    format!(
        "{} matched: precision {}, recall {}, F1 {}",
        matching.matched,
        percent(matching.precision),
        percent(matching.recall),
        percent(matching.f1)
    )
}

/// A share as a percentage with one decimal, or "n/a".
fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "n/a".to_owned(), |s| format!("{:.1}%", 100.0 * s))
}

/// A coefficient with three decimals, or "n/a".
fn decimal(figure: Option<f64>) -> String {
    figure.map_or_else(|| "n/a".to_owned(), |f| format!("{f:.3}"))
}

/// The height of a difference's row: a line with the button, and a line
/// for each side's claim.
fn row_height(ui: &Ui) -> f32 {
    let spacing = ui.spacing();
    let text = ui.text_style_height(&egui::TextStyle::Body);
    spacing.interact_size.y + 2.0 * text + 3.0 * spacing.item_spacing.y + 4.0
}

/// One difference: "Take theirs" (or why it cannot be taken), what kind of
/// difference and where; then my claim and theirs.
fn row_ui(
    ui: &mut Ui,
    mine: &Project,
    theirs: &Project,
    difference: &Difference,
    (height, striped): (f32, bool),
    actions: &mut Vec<Action>,
) {
    super::striped_row(ui, height, striped, |ui| {
        ui.horizontal(|ui| {
            let taken = take_theirs(mine, theirs, difference);
            let enabled = taken.is_ok();
            let button = ui.add_enabled(enabled, egui::Button::new("Take theirs"));
            match taken {
                Ok(edit) => {
                    if button.on_hover_text(take_hint(difference)).clicked() {
                        actions.push(Action::Apply {
                            edit: Box::new(edit),
                            merge: None,
                        });
                    }
                }
                Err(why) => {
                    button.on_disabled_hover_text(why);
                }
            }
            ui.label(RichText::new(kind_in_words(difference)).strong());
            let title = mine
                .document(&difference.document)
                .or_else(|| theirs.document(&difference.document))
                .map_or(difference.document.as_str(), |d| d.title.as_str());
            ui.add(egui::Label::new(RichText::new(format!("in “{title}”")).weak()).truncate());
        });
        for (side, project, id) in [
            ("mine", mine, &difference.mine),
            ("theirs", theirs, &difference.theirs),
        ] {
            let claim = id.as_ref().and_then(|id| project.claim(id));
            ui.horizontal(|ui| {
                ui.add_sized(
                    [48.0, ui.text_style_height(&egui::TextStyle::Body)],
                    egui::Label::new(RichText::new(side).strong()),
                );
                let text =
                    claim.map_or_else(|| "(not tagged)".to_owned(), |c| claim_in_words(project, c));
                ui.add(egui::Label::new(text).truncate());
            });
        }
    });
}

/// The kind of a difference, in the analyst's words.
fn kind_in_words(difference: &Difference) -> String {
    match (&difference.mine, &difference.theirs) {
        (Some(_), None) => "Only mine".to_owned(),
        (None, Some(_)) => "Only theirs".to_owned(),
        _ => {
            let fields: Vec<&str> = difference
                .fields
                .iter()
                .map(|kind| match kind {
                    DisagreementKind::Label => "label",
                    DisagreementKind::Credibility => "credibility",
                    DisagreementKind::Value => "value",
                    DisagreementKind::OnlyA | DisagreementKind::OnlyB => "span",
                })
                .collect();
            format!("Different {}", fields.join(", "))
        }
    }
}

/// What "Take theirs" does to this difference.
fn take_hint(difference: &Difference) -> &'static str {
    match (&difference.mine, &difference.theirs) {
        (Some(_), None) => "Delete my claim: their copy does not have it",
        (None, Some(_)) => "Add their claim to my project",
        _ => "Replace my claim with theirs: its span, label, grades, value and notes",
    }
}

/// A claim on one line: its label, credibility and value first (what two
/// claims on the same words differ in, so it is never cut off), then its
/// quote.
fn claim_in_words(project: &Project, claim: &Claim) -> String {
    let label = project
        .label(&claim.label)
        .map_or(claim.label.as_str(), |l| l.name.as_str());
    let mut text = format!("{label} · credibility {}", claim.credibility);
    if let Some(value) = &claim.value {
        text.push_str(format!(" · value {value} {}", claim.unit).trim_end());
    }
    format!(
        "{text} · “{}”",
        shorten(&one_line(&claim.quote), QUOTE_CHARS)
    )
}
