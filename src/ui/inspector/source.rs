//! The inspector for a source (grade, credibility-note log) and for a
//! document (title, URL, date, source).

use super::{FIELD_WIDTH, Inspector, non_empty, parse_date, text_row};
use crate::edit::{DocumentField, Edit, SourceField};
use crate::model::{
    ArguedGrade, CredibilityNote, Document, Project, Reliability, Source, SourceKind,
};
use crate::ui::{Action, MergeKey};
use egui::Ui;

impl Inspector {
    /// The source's fields, its grade and its credibility-note log.
    pub fn source_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        source: &Source,
        annotator: &str,
        actions: &mut Vec<Action>,
    ) {
        self.sync_drafts(format!("source:{}", source.id), ui, |me| {
            if me.note.date.is_empty() {
                me.note.date = chrono::Utc::now().date_naive().to_string();
            }
        });
        let mut s = source.clone();
        let id = source.id.clone();
        let set = |field: SourceField, actions: &mut Vec<Action>| {
            let key = MergeKey(format!("source:{id}:{}", field.name()));
            let id = id.clone();
            actions.push(Action::Apply {
                edit: Box::new(Edit::SetSource { id, field }),
                merge: Some(key),
            });
        };
        ui.heading(format!("Source: {}", source.name));
        egui::Grid::new("source_fields")
            .num_columns(2)
            .show(ui, |ui| {
                if text_row(ui, "Name", &mut s.name) {
                    set(SourceField::Name(s.name.clone()), actions);
                }
                ui.label("Kind");
                egui::ComboBox::from_id_salt("source_kind")
                    .selected_text(s.kind.name())
                    .show_ui(ui, |ui| {
                        for kind in SourceKind::ALL {
                            if ui.selectable_label(kind == s.kind, kind.name()).clicked()
                                && kind != s.kind
                            {
                                s.kind = kind;
                                set(SourceField::Kind(kind), actions);
                            }
                        }
                    })
                    .response
                    .on_hover_text("Kind of source");
                ui.end_row();
                let mut url = s.url.clone().unwrap_or_default();
                if text_row(ui, "URL", &mut url) {
                    s.url = non_empty(&url);
                    set(SourceField::Url(s.url.clone()), actions);
                }
                let mut party = s.party.clone().unwrap_or_default();
                if text_row(ui, "Party", &mut party) {
                    s.party = non_empty(&party);
                    set(SourceField::Party(s.party.clone()), actions);
                }
            });
        ui.separator();
        ui.strong("Reliability");
        for grade in Reliability::ALL {
            let text = format!("{} {}: {}", grade.letter(), grade.name(), grade.meaning());
            if ui.radio(s.reliability == grade, text).clicked() && s.reliability != grade {
                s.reliability = grade;
                set(SourceField::Reliability(grade), actions);
            }
        }
        let documents = project.documents_of(&source.id).count();
        // Also in the sources panel's context menu; here it is easy to find.
        if ui
            .button(format!(
                "Delete source ({})…",
                crate::model::counted(documents, "document", "documents")
            ))
            .clicked()
        {
            actions.push(Action::DeleteSource(source.id.clone()));
        }
        ui.separator();
        ui.strong("Credibility notes");
        self.note_form_ui(ui, &s, annotator, actions);
        // Newest first; notes of one day keep the order they were added in, newest on top.
        let mut notes: Vec<(usize, &CredibilityNote)> = source.notes.iter().enumerate().collect();
        notes.sort_by_key(|&(n, note)| std::cmp::Reverse((note.date, n)));
        for (_, note) in notes {
            egui::Frame::group(ui.style()).show(ui, |ui| {
                let grade = match note.grade {
                    Some(ArguedGrade::Reliability(r)) => format!(" · argues {r}"),
                    Some(ArguedGrade::Credibility(c)) => format!(" · argues {c}"),
                    None => String::new(),
                };
                ui.small(format!("{} · {}{grade}", note.date, note.author));
                ui.label(&note.text);
                if let Some(url) = &note.evidence_url {
                    ui.hyperlink(url);
                }
            });
        }
    }

    fn note_form_ui(
        &mut self,
        ui: &mut Ui,
        source: &Source,
        annotator: &str,
        actions: &mut Vec<Action>,
    ) {
        let form = &mut self.note;
        egui::Grid::new("note_form").num_columns(2).show(ui, |ui| {
            text_row(ui, "Note date", &mut form.date);
            let label = ui.label("Note text");
            ui.add(
                egui::TextEdit::multiline(&mut form.text)
                    .desired_rows(2)
                    .desired_width(FIELD_WIDTH),
            )
            .labelled_by(label.id);
            ui.end_row();
            text_row(ui, "Evidence URL", &mut form.evidence_url);
            ui.label("Grade argued");
            egui::ComboBox::from_id_salt("note_grade")
                .selected_text(form.grade.map_or("none".to_owned(), |g| g.to_string()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut form.grade, None, "none");
                    for g in Reliability::ALL {
                        ui.selectable_value(
                            &mut form.grade,
                            Some(g),
                            format!("{} {}", g.letter(), g.name()),
                        );
                    }
                })
                .response
                .on_hover_text("Grade the note argues for");
            ui.end_row();
        });
        let date = parse_date(&form.date);
        if let Err(e) = &date {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        let ready = !form.text.trim().is_empty() && matches!(date, Ok(Some(_)));
        if ui
            .add_enabled(ready, egui::Button::new("Add note"))
            .clicked()
            && let Ok(Some(date)) = date
        {
            let mut notes = source.notes.clone();
            notes.push(CredibilityNote {
                date,
                author: annotator.to_owned(),
                text: form.text.trim().to_owned(),
                evidence_url: non_empty(&form.evidence_url),
                grade: form.grade.map(ArguedGrade::Reliability),
            });
            actions.push(Action::Apply {
                edit: Box::new(Edit::SetSource {
                    id: source.id.clone(),
                    field: SourceField::Notes(notes),
                }),
                merge: None,
            });
            form.text.clear();
            form.evidence_url.clear();
            form.grade = None;
        }
    }

    /// The document's title, URL, date and source; its text stays read-only.
    pub fn document_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        version: u64,
        document: &Document,
        actions: &mut Vec<Action>,
    ) {
        self.sync_drafts(format!("document:{}", document.id), ui, |me| {
            me.published = document
                .published
                .map(|d| d.to_string())
                .unwrap_or_default();
        });
        // Drafts of the fields, not a copy of the document: its text may be
        // megabytes, and this runs every frame.
        let id = &document.id;
        let set = |field: DocumentField, actions: &mut Vec<Action>| {
            let key = MergeKey(format!("document:{id}:{}", field.name()));
            actions.push(Action::Apply {
                edit: Box::new(Edit::SetDocument {
                    id: id.clone(),
                    field,
                }),
                merge: Some(key),
            });
        };
        ui.heading("Document");
        egui::Grid::new("document_fields")
            .num_columns(2)
            .show(ui, |ui| {
                let mut title = document.title.clone();
                if text_row(ui, "Title", &mut title) {
                    set(DocumentField::Title(title), actions);
                }
                let mut url = document.url.clone().unwrap_or_default();
                if text_row(ui, "Document URL", &mut url) {
                    set(DocumentField::Url(non_empty(&url)), actions);
                }
                if text_row(ui, "Published", &mut self.published)
                    && let Ok(date) = parse_date(&self.published)
                {
                    set(DocumentField::Published(date), actions);
                }
                ui.label("Source");
                let current = project
                    .source(&document.source)
                    .map_or("?", |s| s.name.as_str());
                egui::ComboBox::from_id_salt("document_source")
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        for s in &project.sources {
                            if ui
                                .selectable_label(s.id == document.source, &s.name)
                                .clicked()
                                && s.id != document.source
                            {
                                set(DocumentField::Source(s.id.clone()), actions);
                            }
                        }
                    })
                    .response
                    .on_hover_text("Source of the document");
                ui.end_row();
                // What a saved web page said about itself when it came in.
                for (caption, value) in
                    [("Byline", &document.byline), ("Site", &document.site_name)]
                {
                    if let Some(value) = value {
                        ui.label(caption);
                        ui.label(value).on_hover_text("As the saved page gave it");
                        ui.end_row();
                    }
                }
            });
        if let Err(e) = parse_date(&self.published) {
            ui.colored_label(ui.visuals().error_fg_color, e);
        }
        let fresh = self
            .document_counts
            .as_ref()
            .is_some_and(|(counted, v, _, _)| counted == id && *v == version);
        if !fresh {
            let characters = crate::model::span::char_len(&document.text);
            let claims = project.claims_in(id).count();
            self.document_counts = Some((id.clone(), version, characters, claims));
        }
        let (characters, claims) = self
            .document_counts
            .as_ref()
            .map_or((0, 0), |&(_, _, characters, claims)| (characters, claims));
        ui.small(format!(
            "{characters} characters · {} · id {id}",
            crate::model::counted(claims, "claim", "claims")
        ));
        if ui.button("Delete document and its claims").clicked() {
            actions.push(Action::DeleteDocument(id.clone()));
        }
    }
}
