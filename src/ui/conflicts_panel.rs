//! The Conflicts tab: what `claimdesk merge` could not decide, one row per
//! conflict with the base, our and their value side by side. Taking a side
//! (on one conflict or on all) is one undoable edit made by
//! [`crate::merge::resolution`], the same one `claimdesk resolve` applies,
//! so that Ctrl+Z brings the conflict back.

use super::Action;
use crate::edit::conflict_in_words;
use crate::model::conflict::value_in_words;
use crate::model::{
    ClaimId, Conflict, ConflictKind, Credibility, DocumentId, ObjectKind, Project, Reliability,
    Side, SourceId, counted, one_line, shorten,
};
use egui::{RichText, Ui};

/// How many characters of a quote a value shows; the row's tooltip has
/// the rest.
const QUOTE_CHARS: usize = 80;

/// What the analyst picked among the conflicts.
#[derive(Default)]
pub struct ConflictsPanel {
    /// The key of the conflict last clicked, drawn selected.
    selected: Option<String>,
}

impl ConflictsPanel {
    /// The buttons that take one side on every conflict, then one row per
    /// conflict; only the rows in view are drawn.
    pub fn ui(&mut self, ui: &mut Ui, project: &Project, actions: &mut Vec<Action>) {
        let conflicts = &project.conflicts;
        if conflicts.is_empty() {
            ui.label("No merge conflicts: the project holds every change of both sides.");
            return;
        }
        ui.horizontal(|ui| {
            ui.label(format!(
                "{} that claimdesk merge could not decide. The project holds ours until a side is taken.",
                counted(conflicts.len(), "conflict", "conflicts")
            ));
            let all: Vec<usize> = (0..conflicts.len()).collect();
            for (text, side) in [
                ("Take ours for all", Side::Ours),
                ("Take theirs for all", Side::Theirs),
            ] {
                if ui.button(text).clicked() {
                    actions.push(take(project, &all, side));
                }
            }
        });
        ui.separator();
        let row_height = row_height(ui);
        egui::ScrollArea::vertical()
            .id_salt("conflicts_list")
            .auto_shrink(false)
            .show_rows(ui, row_height, conflicts.len(), |ui, rows| {
                for index in rows {
                    if let Some(conflict) = conflicts.get(index) {
                        self.row_ui(ui, project, index, conflict, row_height, actions);
                    }
                }
            });
    }

    /// One conflict on two lines of a fixed height: the buttons, what it is
    /// about and its kind; then base, ours and theirs in three columns.
    fn row_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        index: usize,
        conflict: &Conflict,
        height: f32,
        actions: &mut Vec<Action>,
    ) {
        super::striped_row(ui, height, index % 2 == 1, |ui| {
            ui.horizontal(|ui| {
                for side in [Side::Ours, Side::Theirs] {
                    let button = ui
                        .button(format!("Take {}", side.name()))
                        .on_hover_text(take_hint(conflict, side));
                    if button.clicked() {
                        actions.push(take(project, &[index], side));
                    }
                }
                let key = conflict.key();
                let selected = self.selected.as_ref() == Some(&key);
                let what = conflict_in_words(project, conflict);
                let text = RichText::new(format!("{what} · {}", conflict.kind.name()));
                let row = ui.add(egui::Button::selectable(selected, text).truncate());
                if row
                    .on_hover_text(format!("{what}\n{}", conflict.key()))
                    .clicked()
                {
                    self.selected = Some(key);
                    actions.extend(show(project, conflict));
                }
            });
            let sides = [
                ("base", base_in_words(project, conflict)),
                ("ours", side_in_words(project, conflict, Side::Ours)),
                ("theirs", side_in_words(project, conflict, Side::Theirs)),
            ];
            ui.horizontal(|ui| {
                // Under the buttons' edge, so the values sit inside the row.
                ui.add_space(8.0);
                ui.columns(3, |columns| {
                    for (column, (name, value)) in columns.iter_mut().zip(sides) {
                        column.horizontal(|ui| {
                            ui.label(RichText::new(name).strong());
                            ui.add(egui::Label::new(value).truncate());
                        });
                    }
                });
            });
        });
    }
}

/// The height of a conflict's row: a line of buttons and a line of text.
fn row_height(ui: &Ui) -> f32 {
    let spacing = ui.spacing();
    let text = ui.text_style_height(&egui::TextStyle::Body);
    spacing.interact_size.y + text + 2.0 * spacing.item_spacing.y + 4.0
}

/// The edit that takes `side` on the conflicts at `indexes`, or why it
/// cannot be made.
fn take(project: &Project, indexes: &[usize], side: Side) -> Action {
    match crate::merge::resolution(project, indexes, side) {
        Ok(edit) => Action::Apply {
            edit: Box::new(edit),
            merge: None,
        },
        Err(error) => Action::Notify(format!("Not changed: {error}")),
    }
}

/// What taking a side does, for the button's tooltip.
fn take_hint(conflict: &Conflict, side: Side) -> String {
    match (conflict.kind, side) {
        (ConflictKind::SameSpan, Side::Ours) => "Keep our claim and delete theirs".to_owned(),
        (ConflictKind::SameSpan, Side::Theirs) => "Keep their claim and delete ours".to_owned(),
        (ConflictKind::RemovedChanged, _) if conflict.value(side).is_none() => {
            format!(
                "Remove the {}, as {} did",
                conflict.object.name(),
                side.name()
            )
        }
        (ConflictKind::RemovedChanged, _) => {
            format!(
                "Keep the {} as {} have it",
                conflict.object.name(),
                side.name()
            )
        }
        (ConflictKind::Changed, Side::Ours) => "Keep the value the project holds".to_owned(),
        (ConflictKind::Changed, Side::Theirs) => "Put their value in place".to_owned(),
    }
}

/// Where a click on a conflict takes the analyst: a claim selected in its
/// document, a document opened, a source in the inspector.
fn show(project: &Project, conflict: &Conflict) -> Option<Action> {
    let id = conflict.id.as_str();
    match conflict.object {
        ObjectKind::Claim => {
            let id = ClaimId::from(id);
            project.claim(&id).map(|_| Action::ShowClaim(id))
        }
        ObjectKind::Document => {
            let id = DocumentId::from(id);
            project.document(&id).map(|_| Action::OpenDocument(id))
        }
        ObjectKind::Source => {
            let id = SourceId::from(id);
            project.source(&id).map(|_| Action::SelectSource(id))
        }
        ObjectKind::Project | ObjectKind::Label | ObjectKind::Dismissal => None,
    }
}

/// The base's value: what both sides started from.
fn base_in_words(project: &Project, conflict: &Conflict) -> String {
    match (conflict.kind, conflict.base.as_deref()) {
        (ConflictKind::SameSpan, _) | (_, None) => "(added on both sides)".to_owned(),
        (_, Some(json)) => value_of(project, conflict, json),
    }
}

/// One side's value: a claim by its quote, a grade with its name.
fn side_in_words(project: &Project, conflict: &Conflict, side: Side) -> String {
    let Some(json) = conflict.value(side) else {
        return value_in_words(None);
    };
    if conflict.kind == ConflictKind::SameSpan {
        return tagged_claim(project, json);
    }
    value_of(project, conflict, json)
}

/// A stored value in words: a whole object by its quote, title or name, a
/// grade with its meaning, anything else as [`value_in_words`] reads it.
fn value_of(project: &Project, conflict: &Conflict, json: &str) -> String {
    if conflict.field.is_empty() {
        return object_in_words(conflict.object, json);
    }
    let grade = match (conflict.object, conflict.field.as_str()) {
        (ObjectKind::Claim, "credibility") => serde_json::from_str::<Credibility>(json)
            .ok()
            .map(|c| format!("{c} ({})", c.name())),
        (ObjectKind::Source, "reliability") => serde_json::from_str::<Reliability>(json)
            .ok()
            .map(|r| format!("{r} ({})", r.name())),
        (ObjectKind::Claim, "label") => serde_json::from_str::<String>(json)
            .ok()
            .and_then(|id| project.labels.iter().find(|l| l.id.as_str() == id))
            .map(|l| l.name.clone()),
        _ => None,
    };
    grade.unwrap_or_else(|| one_line(&value_in_words(Some(json))))
}

/// A whole object, as a side kept it: a claim's quote, a document's title,
/// a source's or label's name.
fn object_in_words(object: ObjectKind, json: &str) -> String {
    let field = match object {
        ObjectKind::Claim => "quote",
        ObjectKind::Document => "title",
        ObjectKind::Source | ObjectKind::Label => "name",
        ObjectKind::Project | ObjectKind::Dismissal => "",
    };
    let text = serde_json::from_str::<serde_json::Value>(json)
        .ok()
        .and_then(|value| value.get(field)?.as_str().map(str::to_owned));
    match text {
        Some(quote) if object == ObjectKind::Claim => quoted(&quote),
        Some(name) => format!("kept: {name}"),
        None => one_line(&value_in_words(Some(json))),
    }
}

/// One of two claims on the same words, by its quote and what tells the
/// two apart: who tagged it and how they graded it.
fn tagged_claim(project: &Project, json: &str) -> String {
    let id: Option<String> = serde_json::from_str(json).ok();
    let claim = id.and_then(|id| project.claim(&ClaimId::from(id.as_str())));
    match claim {
        Some(claim) => format!(
            "{} by {}, credibility {}",
            quoted(&claim.quote),
            claim.author,
            claim.credibility
        ),
        None => "(no longer in the project)".to_owned(),
    }
}

fn quoted(quote: &str) -> String {
    format!("“{}”", shorten(&one_line(quote), QUOTE_CHARS))
}
