//! Help > Getting started: the workflow, the labels, the Admiralty grades,
//! the value syntax and the shortcuts, for an analyst's first hour. The
//! grades' meanings come from the model, so the help cannot drift from
//! what the inspector offers.

use super::commands;
use crate::model::{Credibility, Project, Reliability};
use egui::{RichText, Ui};

/// The six steps of the work, as the workbench does them.
const STEPS: [(&str, &str); 6] = [
    (
        "Add the articles",
        "File > Import documents… (text, saved web pages, PDFs; or drop them on the window) or Paste as new document…, one per outlet; each names the source that published it.",
    ),
    (
        "Grade each source",
        "Click a source on the left and give it a reliability grade A–F in the inspector, with a credibility note saying why.",
    ),
    (
        "Tag the claims",
        "Open a document, drag over the words that make a claim and press the label's key (1–9). A figure in the words is proposed as its value.",
    ),
    (
        "Describe each claim",
        "In the inspector: who says it (the claimant), what it is about (subject and attribute), its value and date, its credibility 1–6 and your verdict.",
    ),
    (
        "Read the findings",
        "The Findings tab lists where figures disagree and what is broken; click one to see both claims, or dismiss it with a reason.",
    ),
    (
        "Save and hand on",
        "Ctrl+S saves the project file (a text file git can merge); File > Export as writes the claims for a spreadsheet (CSV), an annotation tool (W3C Web Annotation, Label Studio) or publishing (ClaimReview); File > Import annotations… reads them back.",
    ),
];

/// Values as the Value field takes them.
const VALUES: [(&str, &str); 7] = [
    ("24", "exactly 24"),
    (">=14", "at least 14 (\"at least 14 people\")"),
    (">100", "more than 100"),
    ("<=5", "at most 5 (\"up to 5\")"),
    ("<5", "fewer than 5"),
    ("~40", "about 40: 36 to 44 (10% either way)"),
    ("200..999", "between 200 and 999 (\"hundreds\")"),
];

pub fn getting_started_ui(ui: &mut Ui, project: &Project) {
    egui::ScrollArea::vertical().show(ui, |ui| {
        ui.heading("The workflow");
        for (n, (step, how)) in STEPS.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                ui.strong(format!("{}. {step}.", n + 1));
                ui.label(*how);
            });
        }
        ui.add_space(8.0);
        ui.heading("Labels: what kind of claim");
        if project.labels.is_empty() {
            ui.weak("This project has no labels yet: Edit > Labels… adds them.");
        }
        egui::Grid::new("help_labels").striped(true).show(ui, |ui| {
            for label in &project.labels {
                let [r, g, b] = label.color.0;
                let key = label.key.map_or("–".to_owned(), |k| k.to_string());
                ui.label(RichText::new(key).strong());
                ui.colored_label(egui::Color32::from_rgb(r, g, b), &label.name);
                ui.end_row();
            }
        });
        ui.label("Edit > Labels… adds, renames and recolours them.");
        ui.add_space(8.0);
        ui.heading("The Admiralty grades");
        ui.label(
            "Two grades, never merged: how reliable the source is (a letter), and how credible \
             this one claim is (a digit). \"B2\" is a usually reliable source with a probably \
             true claim.",
        );
        ui.columns(2, |columns| {
            let reliability = Reliability::ALL.map(|g| (g.to_string(), g.name(), g.meaning()));
            grade_table(&mut columns[0], "Source reliability", &reliability);
            let credibility = Credibility::ALL.map(|g| (g.to_string(), g.name(), g.meaning()));
            grade_table(&mut columns[1], "Claim credibility", &credibility);
        });
        ui.weak("F and 6 mean \"cannot be judged\": unknown, not bad. Hover a grade for its full meaning.");
        ui.add_space(8.0);
        ui.heading("Values");
        egui::Grid::new("help_values").striped(true).show(ui, |ui| {
            for (value, meaning) in VALUES {
                ui.monospace(value);
                ui.label(meaning);
                ui.end_row();
            }
        });
        ui.label("The unit goes in its own field (people, km, USD); the checker compares figures with the same subject, attribute and unit.");
        ui.add_space(8.0);
        ui.heading("Claimants and outlets");
        ui.label(
            "The source is the outlet that published the article; the claimant is who the \
             article quotes (\"the regional governor\"). The sources panel lists claimants \
             apart from outlets.",
        );
        ui.add_space(8.0);
        ui.heading("Keys");
        commands::shortcuts_ui(ui);
    });
}

/// One scale of grades: code, name, and its meaning on hover.
fn grade_table(ui: &mut Ui, title: &str, grades: &[(String, &str, &str)]) {
    ui.strong(title);
    egui::Grid::new(title).striped(true).show(ui, |ui| {
        for (code, name, meaning) in grades {
            ui.strong(code);
            ui.label(*name).on_hover_text(*meaning);
            ui.end_row();
        }
    });
}
