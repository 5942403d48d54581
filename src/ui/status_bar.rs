//! The status bar: file path, unsaved marker, counts, the annotator's name
//! and the last message.

use super::Workspace;
use super::findings_panel::CheckState;
use crate::check::Summary;
use crate::model::counted;
use egui::Ui;

/// Draws the status bar. The annotator's name is edited here, where it is
/// always in sight, because every new claim and note is signed with it.
pub fn status_bar_ui(
    ui: &mut Ui,
    ws: &Workspace,
    findings: Summary,
    state: CheckState,
    annotator: &mut String,
    message: Option<&str>,
) {
    ui.horizontal(|ui| {
        let path = ws
            .path()
            .map_or_else(|| "not saved yet".to_owned(), |p| p.display().to_string());
        ui.label(path);
        if ws.is_dirty() {
            ui.colored_label(ui.visuals().warn_fg_color, "• unsaved");
        }
        ui.separator();
        let project = ws.project();
        ui.label(format!(
            "{} · {} · {}",
            counted(project.sources.len(), "source", "sources"),
            counted(project.documents.len(), "document", "documents"),
            counted(project.claims.len(), "claim", "claims")
        ));
        ui.separator();
        let counts = match state {
            CheckState::NotChecked => "not checked yet".to_owned(),
            CheckState::Stale | CheckState::Current => format!(
                "{} · {} · {}{}",
                counted(findings.errors, "error", "errors"),
                counted(findings.warnings, "warning", "warnings"),
                counted(findings.infos, "info", "infos"),
                if state == CheckState::Stale {
                    " (stale)"
                } else {
                    ""
                }
            ),
        };
        if findings.errors > 0 {
            ui.colored_label(ui.visuals().error_fg_color, counts);
        } else {
            ui.label(counts);
        }
        ui.separator();
        let label = ui.label("Annotator");
        ui.add(egui::TextEdit::singleline(annotator).desired_width(110.0))
            .labelled_by(label.id);
        if let Some(message) = message {
            ui.separator();
            ui.label(message);
        }
    });
}
