//! The inspector: every field of the selected claim, source or document.
//!
//! Fields are drawn from a copy of the item; a changed copy goes back as one
//! `Replace*` edit, keyed so that typing in one field is one undo step.

use super::document_view::shorten;
use super::{Action, MergeKey};
use crate::edit::{ClaimField, Edit};
use crate::model::{
    Claim, ClaimLink, Credibility, LinkKind, Project, Quantity, Reliability, Verdict,
};
use chrono::NaiveDate;
use egui::Ui;

mod source;

/// Fields in the inspector's grids have a fixed width: a grid whose cells
/// ask for all the room grows a little every frame and never settles.
const FIELD_WIDTH: f32 = 180.0;

/// Text that may not parse yet (a value, a date) lives here while it is typed.
#[derive(Default)]
pub struct Inspector {
    drafts_for: Option<String>,
    value: String,
    as_of: String,
    published: String,
    link_kind: Option<LinkKind>,
    link_filter: String,
    note: NoteForm,
    /// Claimants, subjects and attributes already used, for completion.
    known: Known,
    /// The open document's length in characters and its claim count, for
    /// one project version: counting a long text every frame would cost
    /// every frame what only an edit can change.
    document_counts: Option<(crate::model::DocumentId, u64, usize, usize)>,
}

#[derive(Default)]
struct NoteForm {
    date: String,
    text: String,
    evidence_url: String,
    grade: Option<Reliability>,
}

/// Sets one field of `claim`; typing into one field merges into one step.
fn edit_claim(claim: &Claim, field: ClaimField, actions: &mut Vec<Action>) {
    let key = MergeKey(format!("claim:{}:{}", claim.id, field.name()));
    actions.push(Action::Apply {
        edit: Box::new(Edit::SetClaim {
            id: claim.id.clone(),
            field,
            modified: None,
        }),
        merge: Some(key),
    });
}

/// The claimants, subjects or attributes already used in the project, for
/// completion. A list is a pass over every claim, so it is made when a menu
/// first asks for it after an edit, not on the frame of the edit itself.
#[derive(Default)]
struct Known {
    version: Option<u64>,
    lists: [Option<Vec<String>>; 3],
    /// The pointer was over a field's suggestions in the last frame: the
    /// list stays while a click on it takes the keyboard from the field.
    hovered: [bool; 3],
}

/// At most this many suggestions show under a field as it is typed in.
const SUGGESTIONS: usize = 6;

/// Which list of [`Known`].
#[derive(Clone, Copy)]
enum KnownField {
    Claimant = 0,
    Subject = 1,
    Attribute = 2,
}

impl Known {
    fn get(&mut self, project: &Project, version: u64, field: KnownField) -> &[String] {
        if self.version != Some(version) {
            self.version = Some(version);
            self.lists = Default::default();
        }
        self.lists[field as usize].get_or_insert_with(|| {
            known_values(project, |c| match field {
                KnownField::Claimant => &c.claimant,
                KnownField::Subject => &c.subject,
                KnownField::Attribute => &c.attribute,
            })
        })
    }
}

/// A hint under a field, wrapped to the field's width so that it never
/// widens the inspector; in `color` (an error's) or weak.
fn hint(ui: &mut Ui, text: String, color: Option<egui::Color32>) -> egui::Response {
    let text = match color {
        Some(color) => egui::RichText::new(text).color(color),
        None => egui::RichText::new(text).weak(),
    };
    ui.scope(|ui| {
        ui.set_max_width(FIELD_WIDTH);
        ui.add(egui::Label::new(text).wrap())
    })
    .inner
}

/// A labelled single-line field; returns true when its text changed.
fn text_row(ui: &mut Ui, label: &str, value: &mut String) -> bool {
    let label = ui.label(label);
    let changed = ui
        .add(egui::TextEdit::singleline(value).desired_width(FIELD_WIDTH))
        .labelled_by(label.id)
        .changed();
    ui.end_row();
    changed
}

/// A field with a menu of the values already used in the project.
fn completing_row(
    ui: &mut Ui,
    label: &str,
    value: &mut String,
    known: &mut Known,
    (project, version, field): (&Project, u64, KnownField),
) -> bool {
    let label_response = ui.label(label);
    let mut changed = false;
    let mut typing = false;
    ui.horizontal(|ui| {
        let field_response = ui
            .add(egui::TextEdit::singleline(value).desired_width(FIELD_WIDTH - 30.0))
            .labelled_by(label_response.id);
        changed |= field_response.changed();
        typing = field_response.has_focus();
        let typed = value.to_lowercase();
        ui.menu_button("…", |ui| {
            egui::ScrollArea::vertical()
                .max_height(240.0)
                .show(ui, |ui| {
                    let known = known.get(project, version, field);
                    for known in known.iter().filter(|k| k.to_lowercase().contains(&typed)) {
                        if ui.button(known).clicked() {
                            *value = known.clone();
                            changed = true;
                            ui.close();
                        }
                    }
                });
        })
        .response
        .on_hover_text(format!("{label} already used in the project"));
    });
    ui.end_row();
    // As the analyst types, the values used so far that hold the typed
    // text show under the field; a click takes one.
    let typed = value.trim().to_lowercase();
    if (typing || known.hovered[field as usize]) && !typed.is_empty() {
        let matches: Vec<String> = known
            .get(project, version, field)
            .iter()
            .filter(|k| k.to_lowercase().contains(&typed) && k.as_str() != value.trim())
            .take(SUGGESTIONS)
            .cloned()
            .collect();
        if !matches.is_empty() {
            ui.label("");
            let list = ui.vertical(|ui| {
                for known in matches {
                    if ui
                        .small_button(&known)
                        .on_hover_text(format!("Use this {}", label.to_lowercase()))
                        .clicked()
                    {
                        *value = known;
                        changed = true;
                    }
                }
            });
            known.hovered[field as usize] = list.response.contains_pointer();
            ui.end_row();
            return changed;
        }
    }
    known.hovered[field as usize] = false;
    changed
}

fn known_values(project: &Project, field: impl Fn(&Claim) -> &str) -> Vec<String> {
    // Distinct first, borrowed: 100,000 claims share a few thousand subjects.
    let distinct: foldhash::HashSet<&str> = project
        .claims
        .iter()
        .map(|c| field(c).trim())
        .filter(|v| !v.is_empty())
        .collect();
    let mut values: Vec<String> = distinct.into_iter().map(str::to_owned).collect();
    values.sort_unstable();
    values
}

impl Inspector {
    fn sync_drafts(&mut self, key: String, ui: &Ui, fill: impl FnOnce(&mut Self)) {
        // Drafts follow the project unless the analyst is typing in them, so
        // undo shows the restored value while a half-typed one is kept.
        if self.drafts_for.as_ref() != Some(&key) || !ui.ctx().egui_wants_keyboard_input() {
            fill(self);
            self.drafts_for = Some(key);
        }
    }

    /// The claim's fields.
    pub fn claim_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        version: u64,
        claim: &Claim,
        actions: &mut Vec<Action>,
    ) {
        self.sync_drafts(format!("claim:{}", claim.id), ui, |me| {
            me.value = claim.value.map(|v| v.to_string()).unwrap_or_default();
            me.as_of = claim.as_of.map(|d| d.to_string()).unwrap_or_default();
        });
        let mut known = std::mem::take(&mut self.known);
        let label = project
            .label(&claim.label)
            .map_or(claim.label.as_str(), |l| l.name.as_str());
        ui.heading(format!("Claim: {label}"));
        ui.label(egui::RichText::new(format!("“{}”", shorten(&claim.quote, 300))).italics());
        let document = project.document(&claim.document);
        if let Some(document) = document {
            ui.small(format!(
                "in {} · characters {}..{}",
                document.title, claim.start, claim.end
            ));
        }
        // Both grades side by side, never merged: the source's reliability
        // (graded on the source) and this claim's credibility. Click to
        // open the source.
        if let Some(source) = project.source_of_claim(claim) {
            let code = crate::model::admiralty(source.reliability, claim.credibility);
            let response = ui.link(
                egui::RichText::new(format!(
                    "{code} · {} ({})",
                    source.name,
                    source.reliability.name()
                ))
                .strong(),
            );
            if response.on_hover_text("Click to show the source").clicked() {
                actions.push(Action::SelectSource(source.id.clone()));
            }
        }
        let mut c = claim.clone();
        egui::Grid::new("claim_fields")
            .num_columns(2)
            .striped(true)
            .show(ui, |ui| {
                let at = |field| (project, version, field);
                if completing_row(
                    ui,
                    "Claimant",
                    &mut c.claimant,
                    &mut known,
                    at(KnownField::Claimant),
                ) {
                    edit_claim(&c, ClaimField::Claimant(c.claimant.clone()), actions);
                }
                if completing_row(
                    ui,
                    "Subject",
                    &mut c.subject,
                    &mut known,
                    at(KnownField::Subject),
                ) {
                    edit_claim(&c, ClaimField::Subject(c.subject.clone()), actions);
                }
                if completing_row(
                    ui,
                    "Attribute",
                    &mut c.attribute,
                    &mut known,
                    at(KnownField::Attribute),
                ) {
                    edit_claim(&c, ClaimField::Attribute(c.attribute.clone()), actions);
                }
                ui.label("Label");
                egui::ComboBox::from_id_salt("claim_label")
                    .selected_text(label)
                    .show_ui(ui, |ui| {
                        for l in &project.labels {
                            if ui.selectable_label(l.id == c.label, &l.name).clicked()
                                && l.id != c.label
                            {
                                c.label = l.id.clone();
                                edit_claim(&c, ClaimField::Label(c.label.clone()), actions);
                            }
                        }
                    })
                    .response
                    .on_hover_text("Label of the claim");
                ui.end_row();
                if text_row(ui, "Value", &mut self.value)
                    && let Ok(value) = parse_optional::<Quantity>(&self.value)
                {
                    c.value = value;
                    edit_claim(&c, ClaimField::Value(c.value), actions);
                }
                ui.label("");
                match parse_optional::<Quantity>(&self.value) {
                    Ok(Some(q)) => ui.label(format!("interval {}", q.interval())),
                    Ok(None) => hint(ui, "24, >=14, >100, <=5, <5, ~40, 100..200".into(), None),
                    Err(e) => hint(ui, e, Some(ui.visuals().error_fg_color)),
                };
                ui.end_row();
                if text_row(ui, "Unit", &mut c.unit) {
                    edit_claim(&c, ClaimField::Unit(c.unit.clone()), actions);
                }
                if text_row(ui, "As of", &mut self.as_of)
                    && let Ok(date) = parse_date(&self.as_of)
                {
                    c.as_of = date;
                    edit_claim(&c, ClaimField::AsOf(c.as_of), actions);
                }
                ui.label("");
                let published = project.document(&claim.document).and_then(|d| d.published);
                match parse_date(&self.as_of) {
                    Ok(Some(date)) if Some(date) == published => hint(
                        ui,
                        "taken from the document's publication date".into(),
                        None,
                    ),
                    Ok(_) => hint(
                        ui,
                        "YYYY-MM-DD, the date the figure speaks for".into(),
                        None,
                    ),
                    Err(e) => hint(ui, e, Some(ui.visuals().error_fg_color)),
                };
                ui.end_row();
                ui.label("Credibility");
                egui::ComboBox::from_id_salt("claim_credibility")
                    .selected_text(format!(
                        "{} {}",
                        c.credibility.number(),
                        c.credibility.name()
                    ))
                    .show_ui(ui, |ui| {
                        for grade in Credibility::ALL {
                            let text = format!("{} {}", grade.number(), grade.name());
                            if ui
                                .selectable_label(grade == c.credibility, text)
                                .on_hover_text(grade.meaning())
                                .clicked()
                                && grade != c.credibility
                            {
                                c.credibility = grade;
                                edit_claim(&c, ClaimField::Credibility(c.credibility), actions);
                            }
                        }
                    })
                    .response
                    .on_hover_text("Information credibility, 1 to 6");
                ui.end_row();
                ui.label("");
                hint(ui, c.credibility.meaning().into(), None);
                ui.end_row();
                ui.label("Verdict");
                egui::ComboBox::from_id_salt("claim_verdict")
                    .selected_text(c.verdict.name())
                    .show_ui(ui, |ui| {
                        for verdict in Verdict::ALL {
                            if ui
                                .selectable_label(verdict == c.verdict, verdict.name())
                                .clicked()
                                && verdict != c.verdict
                            {
                                c.verdict = verdict;
                                edit_claim(&c, ClaimField::Verdict(c.verdict), actions);
                            }
                        }
                    })
                    .response
                    .on_hover_text("Verdict");
                ui.end_row();
                ui.label("");
                if ui
                    .checkbox(&mut c.hedged, "Hedged: the text itself doubts it")
                    .changed()
                {
                    edit_claim(&c, ClaimField::Hedged(c.hedged), actions);
                }
                ui.end_row();
                let note_label = ui.label("Note");
                let note = egui::TextEdit::multiline(&mut c.note)
                    .desired_rows(3)
                    .desired_width(FIELD_WIDTH);
                if ui.add(note).labelled_by(note_label.id).changed() {
                    edit_claim(&c, ClaimField::Note(c.note.clone()), actions);
                }
                ui.end_row();
            });
        self.known = known;
        self.links_ui(ui, project, &c, actions);
        ui.separator();
        ui.small(format!(
            "by {} · created {} · modified {}",
            if c.author.is_empty() { "?" } else { &c.author },
            c.created.format("%Y-%m-%d %H:%M"),
            c.modified.format("%Y-%m-%d %H:%M")
        ));
        if ui.button("Delete claim").clicked() {
            actions.push(Action::Command(super::UICommand::DeleteClaim));
        }
    }

    fn links_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        claim: &Claim,
        actions: &mut Vec<Action>,
    ) {
        ui.separator();
        ui.strong("Links to other claims");
        for (n, link) in claim.links.iter().enumerate() {
            ui.horizontal(|ui| {
                if ui
                    .small_button("Remove")
                    .on_hover_text("Remove this link")
                    .clicked()
                {
                    let mut links = claim.links.clone();
                    links.remove(n);
                    edit_claim(claim, ClaimField::Links(links), actions);
                }
                let target = project.claim(&link.target).map_or_else(
                    || format!("missing claim {}", link.target),
                    |t| shorten(&t.quote, 50),
                );
                if ui.link(format!("{} “{target}”", link.kind.id())).clicked() {
                    actions.push(Action::ShowClaim(link.target.clone()));
                }
            });
        }
        ui.horizontal(|ui| {
            let kind = self.link_kind.get_or_insert(LinkKind::Supports);
            egui::ComboBox::from_id_salt("link_kind")
                .selected_text(kind.id())
                .show_ui(ui, |ui| {
                    for k in LinkKind::ALL {
                        ui.selectable_value(kind, k, k.id());
                    }
                })
                .response
                .on_hover_text("Kind of link");
            let kind = *kind;
            egui::ComboBox::from_id_salt("link_target")
                .selected_text("link to…")
                .width(200.0)
                .show_ui(ui, |ui| {
                    ui.text_edit_singleline(&mut self.link_filter);
                    let filter = self.link_filter.to_lowercase();
                    // Claims on the same subject first: they are what a link is usually about.
                    let mut candidates: Vec<&Claim> = project
                        .claims
                        .iter()
                        .filter(|t| {
                            t.id != claim.id && !claim.links.iter().any(|l| l.target == t.id)
                        })
                        .filter(|t| {
                            filter.is_empty()
                                || t.quote.to_lowercase().contains(&filter)
                                || t.subject.to_lowercase().contains(&filter)
                        })
                        .collect();
                    candidates.sort_by_key(|t| t.subject != claim.subject);
                    for target in candidates.into_iter().take(200) {
                        if ui
                            .selectable_label(false, shorten(&target.quote, 60))
                            .clicked()
                        {
                            let mut links = claim.links.clone();
                            links.push(ClaimLink {
                                kind,
                                target: target.id.clone(),
                            });
                            edit_claim(claim, ClaimField::Links(links), actions);
                        }
                    }
                })
                .response
                .on_hover_text("Claim to link to");
        });
    }
}

/// An empty field is "no value"; anything else must parse.
fn parse_optional<T: std::str::FromStr>(text: &str) -> Result<Option<T>, String>
where
    T::Err: std::fmt::Display,
{
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse().map(Some).map_err(|e: T::Err| e.to_string())
}

fn parse_date(text: &str) -> Result<Option<NaiveDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    crate::model::time::parse_date(text).map(Some)
}

fn non_empty(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}
