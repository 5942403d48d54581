//! The Findings panel: what the consistency checker found, grouped by
//! severity. Clicking a finding selects its claims and shows them side by
//! side with their sources' grades; a finding can be dismissed with a
//! reason, and a moved quote re-anchored, both as undoable edits.

use super::{Action, Workspace};
use crate::check::{self, Finding, Severity, Summary};
use crate::edit::Edit;
use crate::model::{Claim, ClaimId, Project, TextIndex, admiralty, now};
use egui::{RichText, Ui};

/// Above this many claims the check runs when asked (Run check), not after
/// every edit: checking grows with the claims, and a large project's check
/// (`benches/check.rs`, figures in the README) is too long to add to every
/// keystroke, while one of this size is not.
pub const AUTO_CHECK_LIMIT: usize = 20_000;

/// Whether the findings on show speak for the project as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckState {
    /// No check ran on this project yet (a large one is checked on demand).
    NotChecked,
    /// The project changed since the check.
    Stale,
    Current,
}

/// The findings of the last run and what the analyst picked among them.
#[derive(Default)]
pub struct FindingsPanel {
    findings: Vec<Finding>,
    /// The workspace version the findings belong to.
    checked_version: Option<u64>,
    /// The fingerprint of the finding shown in detail.
    selected: Option<String>,
    reason: String,
    show_dismissed: bool,
}

impl FindingsPanel {
    /// Re-runs the check when the project changed since the last run (and
    /// the project is small enough to check on every edit).
    pub fn refresh(&mut self, ws: &Workspace) {
        let stale = self.checked_version != Some(ws.version());
        if stale && ws.project().claims.len() <= AUTO_CHECK_LIMIT {
            self.run(ws);
        }
    }

    /// Runs the check now.
    pub fn run(&mut self, ws: &Workspace) {
        self.set_findings(check::check(ws.project()), ws.version());
    }

    /// Takes the findings of a check of workspace version `version`, run
    /// on another thread.
    pub fn set_findings(&mut self, findings: Vec<Finding>, version: u64) {
        self.findings = findings;
        self.checked_version = Some(version);
        if let Some(selected) = &self.selected
            && !self.findings.iter().any(|f| &f.fingerprint == selected)
        {
            self.selected = None;
        }
    }

    /// The findings of the last run.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Counts of open findings by severity, for the status bar.
    pub fn summary(&self) -> Summary {
        Summary::of(&self.findings)
    }

    /// The workspace version the findings on show were made for.
    pub fn checked_version(&self) -> Option<u64> {
        self.checked_version
    }

    /// Whether the findings speak for workspace version `version`.
    pub fn state(&self, version: u64) -> CheckState {
        match self.checked_version {
            None => CheckState::NotChecked,
            Some(checked) if checked != version => CheckState::Stale,
            Some(_) => CheckState::Current,
        }
    }

    /// What to say about the findings of workspace version `version`:
    /// their counts, with "(stale)" when the project changed since the
    /// check; "not checked yet" when no check ran on this project.
    pub fn status(&self, version: u64) -> String {
        match self.state(version) {
            CheckState::NotChecked => "not checked yet".to_owned(),
            CheckState::Stale => format!("{} (stale)", self.summary()),
            CheckState::Current => self.summary().to_string(),
        }
    }

    /// The claims of the finding shown in detail.
    pub fn selected_claims(&self) -> &[ClaimId] {
        self.selected_finding().map_or(&[], |f| f.claims.as_slice())
    }

    fn selected_finding(&self) -> Option<&Finding> {
        let selected = self.selected.as_ref()?;
        self.findings.iter().find(|f| &f.fingerprint == selected)
    }

    /// Shows the finding with this fingerprint in detail, as a click does.
    pub fn select(&mut self, fingerprint: &str, actions: &mut Vec<Action>) {
        let Some(finding) = self.findings.iter().find(|f| f.fingerprint == fingerprint) else {
            return;
        };
        self.selected = Some(finding.fingerprint.clone());
        self.reason.clear();
        if let Some(first) = finding.claims.first() {
            actions.push(Action::ShowClaim(first.clone()));
        }
    }

    /// Shows the first open finding that involves this claim (any, when
    /// none is open); false when there is none.
    pub fn select_with_claim(&mut self, id: &ClaimId) -> bool {
        let involves = |f: &&Finding| f.claims.contains(id);
        let found = self
            .findings
            .iter()
            .filter(involves)
            .find(|f| f.is_open())
            .or_else(|| self.findings.iter().find(involves));
        let Some(finding) = found else {
            return false;
        };
        self.selected = Some(finding.fingerprint.clone());
        self.show_dismissed |= !finding.is_open();
        self.reason.clear();
        true
    }

    /// Draws the list on the left and the selected finding on the right.
    pub fn ui(&mut self, ui: &mut Ui, ws: &Workspace, annotator: &str, actions: &mut Vec<Action>) {
        let stale = self.checked_version != Some(ws.version());
        ui.horizontal(|ui| {
            ui.label(self.status(ws.version()));
            if ui.button("Run check").clicked() || (stale && ui.button("Check is stale").clicked())
            {
                if ws.project().claims.len() > AUTO_CHECK_LIMIT {
                    actions.push(Action::CheckInBackground);
                } else {
                    self.run(ws);
                }
            }
            ui.checkbox(&mut self.show_dismissed, "Show dismissed");
        });
        ui.separator();
        let width = ui.available_width();
        ui.horizontal_top(|ui| {
            ui.vertical(|ui| {
                ui.set_width((width * 0.45).max(200.0));
                egui::ScrollArea::vertical()
                    .id_salt("findings_list")
                    .auto_shrink(false)
                    .show(ui, |ui| self.list_ui(ui, actions));
            });
            ui.separator();
            ui.vertical(|ui| {
                egui::ScrollArea::vertical()
                    .id_salt("finding_detail")
                    .auto_shrink(false)
                    .show(ui, |ui| {
                        self.detail_ui(ui, ws.project(), annotator, actions)
                    });
            });
        });
    }

    fn list_ui(&mut self, ui: &mut Ui, actions: &mut Vec<Action>) {
        if self.findings.is_empty() {
            ui.label("No findings: the claims agree and every anchor holds.");
            return;
        }
        let mut clicked = None;
        for severity in [Severity::Error, Severity::Warning, Severity::Info] {
            let shown: Vec<&Finding> = self
                .findings
                .iter()
                .filter(|f| f.severity == severity && (self.show_dismissed || f.is_open()))
                .collect();
            if shown.is_empty() {
                continue;
            }
            let color = severity_color(ui.visuals(), severity);
            let title = format!("{} ({})", plural(severity), shown.len());
            egui::CollapsingHeader::new(RichText::new(title).strong().color(color))
                .id_salt(severity.name())
                .default_open(true)
                .show(ui, |ui| {
                    for finding in shown {
                        let selected = self.selected.as_ref() == Some(&finding.fingerprint);
                        let mut text = format!("[{}] {}", finding.rule, finding.message);
                        if !finding.is_open() {
                            text.insert_str(0, "(dismissed) ");
                        }
                        ui.horizontal(|ui| {
                            severity_icon(ui, severity);
                            let row = ui.selectable_label(selected, short(&text, 160));
                            if row.clicked() {
                                clicked = Some(finding.fingerprint.clone());
                            }
                            row.on_hover_text(&finding.message);
                        });
                    }
                });
        }
        if let Some(fingerprint) = clicked {
            self.select(&fingerprint, actions);
        }
    }

    fn detail_ui(
        &mut self,
        ui: &mut Ui,
        project: &Project,
        annotator: &str,
        actions: &mut Vec<Action>,
    ) {
        let Some(finding) = self.selected_finding().cloned() else {
            ui.label("Click a finding to see its claims side by side.");
            return;
        };
        ui.label(RichText::new(format!("{} · {}", finding.severity.name(), finding.rule)).strong());
        ui.label(&finding.message);
        ui.add_space(4.0);
        if let Some(reanchor) = &finding.reanchor
            && ui
                .button(format!(
                    "Apply re-anchoring to {}..{}",
                    reanchor.start, reanchor.end
                ))
                .clicked()
            && let Some(edit) =
                reanchor_edit(project, &reanchor.claim, reanchor.start, reanchor.end)
        {
            actions.push(Action::Apply {
                edit: Box::new(edit),
                merge: None,
            });
        }
        match &finding.dismissed {
            Some(dismissal) => {
                ui.label(format!(
                    "Dismissed by {} on {}: {}",
                    dismissal.author, dismissal.date, dismissal.reason
                ));
                if ui.button("Re-open").clicked() {
                    actions.push(Action::Apply {
                        edit: Box::new(Edit::Undismiss {
                            fingerprint: finding.fingerprint.clone(),
                        }),
                        merge: None,
                    });
                }
            }
            // Settled by taking a side, never dismissed: check must keep
            // failing until it is.
            None if finding.rule == crate::check::Rule::MergeConflict => {
                ui.label("A merge conflict is settled by taking a side in the Conflicts tab.");
            }
            None => {
                ui.horizontal(|ui| {
                    let label = ui.label("Reason");
                    // Narrow enough that Dismiss stays beside it, in view.
                    let width = (ui.available_width() - 100.0).clamp(120.0, 360.0);
                    ui.add(
                        egui::TextEdit::singleline(&mut self.reason)
                            .hint_text("why this is not a problem")
                            .desired_width(width),
                    )
                    .labelled_by(label.id);
                    let reason = self.reason.trim();
                    if ui
                        .add_enabled(!reason.is_empty(), egui::Button::new("Dismiss"))
                        .clicked()
                    {
                        let today = now().date_naive();
                        let dismissal = finding.dismissal(project, reason, annotator, today);
                        actions.push(Action::Apply {
                            edit: Box::new(Edit::Dismiss(dismissal)),
                            merge: None,
                        });
                        self.reason.clear();
                    }
                });
            }
        }
        ui.add_space(4.0);
        let claims: Vec<&Claim> = finding
            .claims
            .iter()
            .filter_map(|id| project.claim(id))
            .collect();
        if !claims.is_empty() {
            ui.columns(claims.len().min(3), |columns| {
                for (column, claim) in columns.iter_mut().zip(&claims) {
                    claim_card_ui(column, project, claim, actions);
                }
            });
        }
    }
}

/// One claim of a finding: quote, value, who says it and both grades.
fn claim_card_ui(ui: &mut Ui, project: &Project, claim: &Claim, actions: &mut Vec<Action>) {
    let source = project.source_of_claim(claim);
    let title = project
        .document(&claim.document)
        .map_or("(missing document)", |d| d.title.as_str());
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(RichText::new(format!("“{}”", short(&claim.quote, 120))).italics());
        if let Some(value) = &claim.value {
            ui.label(format!("{value} {} = {}", claim.unit, value.interval()));
        }
        if let Some(as_of) = claim.as_of {
            ui.label(format!("as of {as_of}"));
        }
        if !claim.claimant.is_empty() {
            ui.label(format!("claimant: {}", claim.claimant));
        }
        match source {
            Some(source) => ui.label(format!(
                "{} · {} · {}",
                source.name,
                admiralty(source.reliability, claim.credibility),
                source.reliability.name()
            )),
            None => ui.label("source unknown"),
        };
        ui.label(RichText::new(short(title, 80)).small());
        if ui.button("Show in document").clicked() {
            actions.push(Action::ShowClaim(claim.id.clone()));
        }
    });
}

/// Moves a claim to `start..end`, taking the quote and context found there.
fn reanchor_edit(project: &Project, id: &ClaimId, start: usize, end: usize) -> Option<Edit> {
    let claim = project.claim(id)?;
    let document = project.document(&claim.document)?;
    let anchor = TextIndex::new(&document.text)
        .anchor(crate::model::Span::new(start, end))
        .ok()?;
    let mut moved = claim.clone();
    moved.start = anchor.span.start;
    moved.end = anchor.span.end;
    moved.quote = anchor.quote;
    moved.prefix = anchor.prefix;
    moved.suffix = anchor.suffix;
    moved.modified = now();
    Some(Edit::ReplaceClaim(moved))
}

/// The colour of a severity: red for errors, amber for warnings, blue
/// for infos, so that the list reads at a glance.
fn severity_color(visuals: &egui::Visuals, severity: Severity) -> egui::Color32 {
    match severity {
        Severity::Error => visuals.error_fg_color,
        Severity::Warning => visuals.warn_fg_color,
        Severity::Info if visuals.dark_mode => egui::Color32::from_rgb(0x6c, 0xb4, 0xff),
        Severity::Info => egui::Color32::from_rgb(0x1f, 0x5f, 0xbf),
    }
}

/// A severity's icon, painted (no font has to hold it): a filled disc
/// for an error, a triangle for a warning, a ring for an info.
fn severity_icon(ui: &mut Ui, severity: Severity) {
    let color = severity_color(ui.visuals(), severity);
    let size = ui.text_style_height(&egui::TextStyle::Body);
    let (rect, response) = ui.allocate_exact_size(egui::vec2(size, size), egui::Sense::hover());
    response.on_hover_text(severity.name());
    let painter = ui.painter();
    let c = rect.center();
    let r = size * 0.36;
    match severity {
        Severity::Error => painter.circle_filled(c, r, color),
        Severity::Warning => painter.add(egui::Shape::convex_polygon(
            vec![
                c + egui::vec2(0.0, -r),
                c + egui::vec2(r, r * 0.8),
                c + egui::vec2(-r, r * 0.8),
            ],
            color,
            egui::Stroke::NONE,
        )),
        Severity::Info => painter.circle_stroke(c, r * 0.85, egui::Stroke::new(2.0, color)),
    };
}

fn plural(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Infos",
    }
}

/// The first `max` characters of a text, with an ellipsis when cut.
fn short(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}
