//! Edit → Labels…: add, rename, recolour and key the labels, each an
//! undoable edit; a label still on claims cannot be deleted.

use super::{Action, MergeKey};
use crate::edit::{Edit, LabelField};
use crate::io::documents::id_from_title;
use crate::model::{Color, Label, Project, counted};
use egui::Ui;

/// Colours new labels take in turn (distinct on white and on dark grey).
const PALETTE: [[u8; 3]; 8] = [
    [0x17, 0xbe, 0xcf],
    [0x8c, 0x56, 0x4b],
    [0xe3, 0x77, 0xc2],
    [0x7f, 0x7f, 0x7f],
    [0xbc, 0xbd, 0x22],
    [0x1f, 0x77, 0xb4],
    [0x2c, 0xa0, 0x2c],
    [0xd6, 0x27, 0x28],
];

/// The window's own state: the name of the label being added.
#[derive(Default)]
pub struct LabelsWindow {
    new_name: String,
}

impl LabelsWindow {
    pub fn ui(&mut self, ui: &mut Ui, project: &Project, actions: &mut Vec<Action>) {
        ui.label("A label is a kind of claim. Its key, 1–9, tags the selected text with it.");
        egui::Grid::new("labels_grid")
            .num_columns(5)
            .striped(true)
            .show(ui, |ui| {
                ui.strong("Colour");
                ui.strong("Name");
                ui.strong("Key");
                ui.strong("Claims");
                ui.end_row();
                // One pass over the claims, not one per label.
                let mut uses = vec![0usize; project.labels.len()];
                for claim in &project.claims {
                    if let Some(n) = project.labels.iter().position(|l| l.id == claim.label) {
                        uses[n] += 1;
                    }
                }
                for (n, label) in project.labels.iter().enumerate() {
                    label_row_ui(ui, project, (n, label, uses[n]), actions);
                    ui.end_row();
                }
            });
        ui.separator();
        ui.horizontal(|ui| {
            let caption = ui.label("New label name");
            let field = ui
                .text_edit_singleline(&mut self.new_name)
                .labelled_by(caption.id);
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            let name = self.new_name.trim();
            let add = ui.add_enabled(!name.is_empty(), egui::Button::new("Add label"));
            if (add.clicked() || enter) && !name.is_empty() {
                actions.push(Action::Apply {
                    edit: Box::new(Edit::add_label(new_label(project, name))),
                    merge: None,
                });
                self.new_name.clear();
            }
        });
    }
}

fn label_row_ui(
    ui: &mut Ui,
    project: &Project,
    (n, label, uses): (usize, &Label, usize),
    actions: &mut Vec<Action>,
) {
    let set = |field: LabelField, merge: Option<&str>| Action::Apply {
        edit: Box::new(Edit::SetLabel {
            id: label.id.clone(),
            field,
        }),
        merge: merge.map(|what| MergeKey(format!("label:{}:{what}", label.id))),
    };
    let mut rgb = label.color.0;
    if egui::color_picker::color_edit_button_srgb(ui, &mut rgb)
        .on_hover_text("The colour of its highlights")
        .changed()
    {
        actions.push(set(LabelField::Color(Color(rgb)), Some("color")));
    }
    let mut name = label.name.clone();
    let field = ui
        .text_edit_singleline(&mut name)
        .accessible_name(format!("Name of label {}", n + 1));
    // An empty name is refused by the edit; the field shows the old one
    // again until a letter is typed.
    if field.changed() && !name.trim().is_empty() {
        actions.push(set(LabelField::Name(name), Some("name")));
    }
    let key_text = label.key.map_or("none".to_owned(), |k| k.to_string());
    egui::ComboBox::from_id_salt(("label_key", label.id.as_str()))
        .selected_text(key_text)
        .width(60.0)
        .show_ui(ui, |ui| {
            if ui.selectable_label(label.key.is_none(), "none").clicked() {
                actions.push(set(LabelField::Key(None), None));
            }
            for key in 1..=9u8 {
                let owner = project.labels.iter().find(|l| l.key == Some(key));
                let text = match owner {
                    Some(other) if other.id != label.id => format!("{key} (now {})", other.name),
                    _ => key.to_string(),
                };
                if ui.selectable_label(label.key == Some(key), text).clicked()
                    && label.key != Some(key)
                {
                    // A key another label has moves here, as one step.
                    let mut edits = Vec::new();
                    if let Some(other) = owner {
                        edits.push(Edit::SetLabel {
                            id: other.id.clone(),
                            field: LabelField::Key(None),
                        });
                    }
                    edits.push(Edit::SetLabel {
                        id: label.id.clone(),
                        field: LabelField::Key(Some(key)),
                    });
                    actions.push(Action::Apply {
                        edit: Box::new(Edit::Batch(edits)),
                        merge: None,
                    });
                }
            }
        })
        .response
        .on_hover_text("The digit key that tags a selection with this label");
    ui.label(uses.to_string());
    let delete = ui.add_enabled(uses == 0, egui::Button::new("Delete"));
    let delete = if uses == 0 {
        delete.on_hover_text("Delete this label")
    } else {
        delete.on_disabled_hover_text(format!(
            "It is on {}: give them another label first",
            counted(uses, "claim", "claims")
        ))
    };
    if delete.clicked() {
        actions.push(Action::Apply {
            edit: Box::new(Edit::RemoveLabel(label.id.clone())),
            merge: None,
        });
    }
}

/// A label of this name: an id made from it (free in the project), the
/// next colour of the palette and the first free key.
fn new_label(project: &Project, name: &str) -> Label {
    let base = match id_from_title(name) {
        id if id.is_empty() => "label".to_owned(),
        id => id,
    };
    let key = (1..=9u8).find(|k| project.labels.iter().all(|l| l.key != Some(*k)));
    Label {
        id: project.free_label_id(&base),
        name: name.to_owned(),
        color: Color(PALETTE[project.labels.len() % PALETTE.len()]),
        key,
    }
}
