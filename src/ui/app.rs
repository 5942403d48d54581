//! The eframe App: owns the workspace, the panels' state and the settings,
//! draws the panels, then applies what they asked for.

use super::claims_table::ClaimsTable;
use super::compare::CompareWindow;
use super::conflicts_panel::ConflictsPanel;
use super::dialogs::{
    DeleteSourceDialog, Dialog, ImportDialog, Outcome, PasteDialog, PathDialog, PathPurpose,
    Pending, UnsavedDialog,
};
use super::document_view::DocumentView;
use super::findings_panel::FindingsPanel;
use super::inspector::Inspector;
use super::safety::{Autosave, SafetyPrompt};
use super::sources_panel::SourcesPanel;
use super::{Action, Focus, UICommand, Workspace};
use crate::edit::{Edit, Target, past_tense};
use crate::io::lock::ProjectLock;
use crate::io::recovery::RecoveryStore;
use crate::model::{Claim, ClaimId, DocumentId, Project, propose_missing, span};
use egui::{Context, ViewportCommand};
use serde::{Deserialize, Serialize};

mod continuation;
mod dropped;
mod files;
mod formats;
mod panels;
mod tasks;
use std::path::{Path, PathBuf};

/// The state that we persist between runs, through eframe's storage (never
/// in the project file). `#[serde(default)]` lets old settings still load.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Dark theme instead of light.
    pub dark: bool,
    /// The sources panel on the left is shown.
    pub show_sources: bool,
    /// The inspector on the right is shown.
    pub show_inspector: bool,
    /// The claims table at the bottom is shown.
    pub show_claims_table: bool,
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// Signs new claims and credibility notes.
    pub annotator: String,
    /// Opened at the next start when no file is named on the command line.
    pub last_project: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            dark: false,
            show_sources: true,
            show_inspector: true,
            show_claims_table: true,
            recent: Vec::new(),
            annotator: crate::io::default_author(),
            last_project: None,
        }
    }
}

const MAX_RECENT: usize = 10;

/// What the workbench opens first.
#[derive(Clone, Debug)]
pub enum Start {
    /// This project file.
    File(PathBuf),
    /// The sample project if it can be found, else an empty project.
    Sample,
    /// An empty project.
    Empty,
}

/// Which view the bottom panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BottomTab {
    Claims,
    Findings,
    /// The merge conflicts the project records; shown while there are any.
    Conflicts,
    /// The Figures view: every source's figure for one thing, plotted.
    Figures,
}

/// The workbench.
pub struct App {
    settings: Settings,
    ws: Workspace,
    /// Why the last file could not be opened; shown instead of the document.
    load_error: Option<String>,
    open_document: Option<DocumentId>,
    focus: Focus,
    view: DocumentView,
    inspector: Inspector,
    sources: SourcesPanel,
    table: ClaimsTable,
    findings: FindingsPanel,
    conflicts: ConflictsPanel,
    figures: super::figures_view::FiguresView,
    bottom_tab: BottomTab,
    /// The tab of the last frame, to notice the Figures view opening.
    last_tab: BottomTab,
    /// The comparison with another analyst's copy (File > Compare with…).
    compare: Option<CompareWindow>,
    autosave: Autosave,
    /// The lock on the open project's file, while this App holds it.
    lock: Option<ProjectLock>,
    prompt: SafetyPrompt,
    /// Work under way on another thread (opening, import, check, export).
    task: Option<tasks::Task>,
    dialog: Dialog,
    /// What to do once the Save As that a prompt asked for has succeeded.
    after_save: Option<Pending>,
    close_confirmed: bool,
    show_shortcuts: bool,
    show_settings: bool,
    show_labels: bool,
    show_getting_started: bool,
    labels: super::labels_window::LabelsWindow,
    message: Option<String>,
    title: String,
    /// The widget that had the keyboard in the last frame.
    keyboard_owner: Option<egui::Id>,
}

impl App {
    /// The App as eframe starts it: settings from eframe's storage, the
    /// project from the command line, else the last one, else the sample.
    pub fn new(cc: &eframe::CreationContext<'_>, path: Option<PathBuf>) -> Self {
        let settings: Settings = cc
            .storage
            .and_then(|s| eframe::get_value(s, eframe::APP_KEY))
            .unwrap_or_default();
        let start = match path.or_else(|| settings.last_project.clone().filter(|p| p.exists())) {
            Some(path) => Start::File(path),
            None => Start::Sample,
        };
        Self::with_recovery(start, settings, RecoveryStore::platform())
    }

    /// The App with explicit settings, no storage and no autosave: what
    /// most tests build, so that they never touch the user's data folder.
    pub fn with_start(start: Start, settings: Settings) -> Self {
        Self::with_recovery(start, settings, None)
    }

    /// The App with explicit settings, autosaving into `store`.
    pub fn with_recovery(start: Start, settings: Settings, store: Option<RecoveryStore>) -> Self {
        let mut app = Self {
            settings,
            ws: Workspace::new(Project::default(), None),
            load_error: None,
            open_document: None,
            focus: Focus::Nothing,
            view: DocumentView::default(),
            inspector: Inspector::default(),
            sources: SourcesPanel::default(),
            table: ClaimsTable::default(),
            findings: FindingsPanel::default(),
            conflicts: ConflictsPanel::default(),
            bottom_tab: BottomTab::Claims,
            last_tab: BottomTab::Claims,
            figures: Default::default(),
            compare: None,
            autosave: Autosave::new(store),
            lock: None,
            prompt: SafetyPrompt::None,
            task: None,
            dialog: Dialog::None,
            after_save: None,
            close_confirmed: false,
            show_shortcuts: false,
            show_settings: false,
            show_labels: false,
            show_getting_started: false,
            labels: Default::default(),
            message: None,
            title: String::new(),
            keyboard_owner: None,
        };
        match start {
            Start::File(path) => app.open_path(&path),
            Start::Sample => match sample_project_path() {
                Some(path) => app.open_path(&path),
                None => {
                    app.message =
                        Some("The sample project was not found; this is an empty project".into())
                }
            },
            Start::Empty => {}
        }
        app
    }

    /// The project as it is now.
    pub fn project(&self) -> &Project {
        self.ws.project()
    }

    /// The workspace: path, unsaved flag, history.
    pub fn workspace(&self) -> &Workspace {
        &self.ws
    }

    /// The claim the inspector shows, if any.
    pub fn selected_claim(&self) -> Option<&Claim> {
        match &self.focus {
            Focus::Claim(id) => self.ws.project().claim(id),
            _ => None,
        }
    }

    /// The document in the centre, if any.
    pub fn open_document(&self) -> Option<&DocumentId> {
        self.open_document.as_ref()
    }

    /// The error that stopped the last file from opening, if any.
    pub fn load_error(&self) -> Option<&str> {
        self.load_error.as_deref()
    }

    /// The selected text span in the open document, in code points.
    pub fn text_selection(&self) -> Option<span::Span> {
        self.view.selection()
    }

    /// Where a character offset of the open document was drawn in the last
    /// frame, so that tests can aim the pointer at text.
    pub fn text_screen_pos(&self, offset: usize) -> Option<egui::Pos2> {
        self.view.screen_pos(offset)
    }

    /// Shows a document, as a click on it in the sources panel does.
    pub fn show_document(&mut self, id: &DocumentId) {
        self.perform(Action::OpenDocument(id.clone()), None);
    }

    /// Opens the Figures view on the topic of `claim`'s figure, as clicking
    /// the claim and then the Figures tab does (for the benches).
    pub fn show_figures_of(&mut self, claim: &ClaimId) {
        self.perform(Action::ShowClaim(claim.clone()), None);
        self.bottom_tab = BottomTab::Figures;
    }

    /// The Figures view (what it charts, for the tests).
    pub fn figures_view(&self) -> &super::figures_view::FiguresView {
        &self.figures
    }

    /// The checker's findings of the last run.
    pub fn findings(&self) -> &[crate::check::Finding] {
        self.findings.findings()
    }

    /// The claims of the finding shown in detail (after a click on it).
    pub fn finding_claims(&self) -> &[ClaimId] {
        self.findings.selected_claims()
    }

    /// The window title set in the last frame: the project's name, with
    /// " •" while there are unsaved changes.
    pub fn window_title(&self) -> &str {
        &self.title
    }

    /// The status bar's message, if any.
    pub fn status_message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The find hits drawn in the open document (none while Find is closed).
    pub fn find_highlights(&self) -> &[span::Span] {
        self.view.find_highlights()
    }

    /// The persisted settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The view the bottom panel shows.
    pub fn bottom_tab(&self) -> BottomTab {
        self.bottom_tab
    }

    /// Opens the comparison of the project with another analyst's copy,
    /// `theirs`, read from the file `name`: what File > Compare with… does
    /// once the file is read.
    pub fn compare_with(&mut self, theirs: Project, name: String) {
        self.compare = Some(CompareWindow::new(theirs, name));
    }

    /// The comparison on screen, if any.
    pub fn comparison(&self) -> Option<&CompareWindow> {
        self.compare.as_ref()
    }

    fn run_command(&mut self, command: UICommand, ctx: Option<&Context>) {
        match command {
            UICommand::New => self.guard(Pending::New, ctx),
            UICommand::Open => self.dialog = Dialog::path(PathPurpose::Open, None),
            UICommand::Save => match self.ws.path().map(Path::to_owned) {
                Some(path) => self.save_then(&path, false, None, ctx),
                None => self.dialog = self.save_as_dialog(),
            },
            UICommand::SaveAs => self.dialog = self.save_as_dialog(),
            UICommand::ImportText => self.dialog = Dialog::Import(ImportDialog::default()),
            UICommand::PasteDocument => self.dialog = Dialog::Paste(PasteDialog::default()),
            UICommand::ImportAnnotations => {
                self.dialog = Dialog::path(PathPurpose::ImportAnnotations, None);
            }
            UICommand::Export(format) => self.ask_export(format),
            UICommand::Publisher => self.ask_publisher(),
            UICommand::CompareWith => self.dialog = Dialog::path(PathPurpose::Compare, None),
            UICommand::ExportBrief => self.ask_brief(),
            UICommand::Quit => {
                if let Some(ctx) = ctx {
                    ctx.send_viewport_cmd(ViewportCommand::Close);
                }
            }
            UICommand::Undo => self.history(false),
            UICommand::Redo => self.history(true),
            UICommand::DeleteClaim => {
                if let Focus::Claim(id) = &self.focus {
                    let edit = Edit::RemoveClaim(id.clone());
                    self.perform(
                        Action::Apply {
                            edit: Box::new(edit),
                            merge: None,
                        },
                        ctx,
                    );
                    self.focus_open_document();
                }
            }
            UICommand::Find => self.view.open_find(),
            UICommand::ClearSelection => {
                // Escape peels one layer at a time: find bar, selection, selected claim.
                if !self.view.find_is_open()
                    && self.view.selection().is_none()
                    && matches!(self.focus, Focus::Claim(_))
                {
                    self.focus_open_document();
                }
                self.view.escape();
            }
            UICommand::NextClaim => self.step_claim(true),
            UICommand::PreviousClaim => self.step_claim(false),
            UICommand::Tag(key) => self.tag_selection(key),
            UICommand::ToggleSources => self.settings.show_sources ^= true,
            UICommand::ToggleInspector => self.settings.show_inspector ^= true,
            UICommand::ToggleClaimsTable => self.settings.show_claims_table ^= true,
            UICommand::ToggleTheme => self.settings.dark ^= true,
            UICommand::Settings => self.show_settings ^= true,
            UICommand::KeyboardShortcuts => self.show_shortcuts ^= true,
            UICommand::Labels => self.show_labels ^= true,
            UICommand::GettingStarted => self.show_getting_started ^= true,
        }
    }

    /// Undo (or Redo, `forward`): says what it did in the status bar and
    /// shows the object it changed, even one that was off screen.
    /// Save As: a project that was never saved is asked its name too.
    fn save_as_dialog(&self) -> Dialog {
        let dialog = PathDialog::new(PathPurpose::SaveAs, self.ws.path());
        Dialog::Path(match self.ws.path() {
            Some(_) => dialog,
            None => dialog.naming(&self.ws.project().name),
        })
    }

    fn history(&mut self, forward: bool) {
        let (name, target) = if forward {
            (self.ws.redo_name(), self.ws.redo_target())
        } else {
            (self.ws.undo_name(), self.ws.undo_target())
        };
        let name = name.map(str::to_owned);
        // Where the object is before the step: a claim that the step takes
        // away can only be found now.
        let document = target.as_ref().and_then(|t| self.document_of(t));
        let step = if forward {
            self.ws.redo()
        } else {
            self.ws.undo()
        };
        let (done, nothing) = if forward {
            ("Redid", "Nothing to redo")
        } else {
            ("Undid", "Nothing to undo")
        };
        match step {
            Ok(true) => {
                self.message = name.map(|name| format!("{done}: {name}"));
                if let Some(target) = target {
                    self.reveal(target, document);
                }
            }
            Ok(false) => self.message = Some(nothing.to_owned()),
            Err(error) => self.message = Some(format!("Cannot {}: {error}", done.to_lowercase())),
        }
    }

    /// Shows a document in the centre and its details in the inspector.
    fn open(&mut self, id: DocumentId) {
        self.open_document = Some(id.clone());
        self.focus = Focus::Document(id);
    }

    /// The inspector goes back to the open document (or to nothing).
    fn focus_open_document(&mut self) {
        self.focus = self
            .open_document
            .clone()
            .map_or(Focus::Nothing, Focus::Document);
    }

    /// The document an object is in (a claim's) or is (a document).
    fn document_of(&self, target: &Target) -> Option<DocumentId> {
        let project = self.ws.project();
        match target {
            Target::Claim(id) => project.claim(id).map(|c| c.document.clone()),
            Target::Document(id) => project.document(id).map(|d| d.id.clone()),
            Target::Source(_) | Target::Label(_) => None,
        }
    }

    /// Brings an object an edit changed into view: a claim selected in its
    /// document, a document opened, a source in the inspector; what is gone
    /// leaves its document open.
    fn reveal(&mut self, target: Target, document: Option<DocumentId>) {
        let project = self.ws.project();
        match target {
            Target::Claim(id) if project.claim(&id).is_some() => self.show_claim(&id),
            Target::Document(id) if project.document(&id).is_some() => self.open(id),
            Target::Source(id) if project.source(&id).is_some() => self.focus = Focus::Source(id),
            Target::Label(_) => self.show_labels = true,
            _ => match document.filter(|d| project.document(d).is_some()) {
                Some(id) => self.open(id),
                None => self.focus = Focus::Nothing,
            },
        }
    }

    /// Turns the selected text into a claim with the label of that key.
    fn tag_selection(&mut self, key: u8) {
        let Some(document_id) = self.open_document.clone() else {
            return;
        };
        let Some(selection) = self.view.selection() else {
            self.message = Some("Select some text first (drag over it)".into());
            return;
        };
        let project = self.ws.project();
        let Some(label) = project.labels.iter().find(|l| l.key == Some(key)) else {
            self.message = Some(format!("No label has the key {key}"));
            return;
        };
        let Some(document) = project.document(&document_id) else {
            return;
        };
        // The view knows where its paragraphs lie in bytes: in a 5 MB text
        // that spares three walks from the start (one a frame's worth).
        let anchored = match self.view.byte_range(document, selection) {
            Some(bytes) => {
                let (selection, bytes) = trim_at(&document.text, selection, bytes);
                span::anchor_at(&document.text, selection, bytes)
            }
            None => span::anchor(&document.text, trim_span(&document.text, selection)),
        };
        let anchor = match anchored {
            Ok(anchor) => anchor,
            Err(error) => {
                self.message = Some(error.to_string());
                return;
            }
        };
        let mut claim = Claim::new(
            document_id,
            anchor,
            label.id.clone(),
            &self.settings.annotator,
        );
        // The figure speaks for the day it was published until the analyst
        // says otherwise (the inspector shows where the date came from).
        claim.as_of = document.published;
        // A figure in the span is proposed as the value; the analyst confirms it.
        propose_missing(&mut claim);
        let id = claim.id.clone();
        self.perform(
            Action::Apply {
                edit: Box::new(Edit::add_claim(claim)),
                merge: None,
            },
            None,
        );
        if self.ws.project().claim(&id).is_some() {
            self.focus = Focus::Claim(id);
            self.view.clear_selection();
        }
    }

    /// J/K: the next or previous claim of the open document, by position.
    fn step_claim(&mut self, forward: bool) {
        let Some(document) = &self.open_document else {
            return;
        };
        let mut claims: Vec<&Claim> = self.ws.project().claims_in(document).collect();
        claims.sort_by_key(|c| (c.start, c.end));
        let current = match &self.focus {
            Focus::Claim(id) => claims.iter().position(|c| &c.id == id),
            _ => None,
        };
        let next = match (current, forward) {
            (None, true) => claims.first(),
            (None, false) => claims.last(),
            (Some(n), true) => claims.get(n + 1),
            (Some(n), false) => n.checked_sub(1).and_then(|n| claims.get(n)),
        };
        if let Some(claim) = next {
            let (id, start) = (claim.id.clone(), claim.start);
            self.focus = Focus::Claim(id);
            self.view.scroll_to(start);
        }
    }

    fn perform(&mut self, action: Action, ctx: Option<&Context>) {
        match action {
            Action::Command(command) => self.run_command(command, ctx),
            Action::Apply { edit, merge } => {
                let removal = edit.is_removal();
                let added = edit.added_document();
                match self.ws.apply(*edit, merge) {
                    Ok(()) => {
                        // The step's name, made once by the workspace.
                        if removal && let Some(name) = self.ws.undo_name() {
                            let undo = ctx.map_or_else(
                                || "Ctrl+Z".to_owned(),
                                |ctx| ctx.format_shortcut(&UICommand::Undo.shortcuts()[0]),
                            );
                            self.message = Some(format!("{} — {undo} to undo", past_tense(name)));
                        }
                        if let Some(id) = added {
                            self.open(id);
                        }
                        // A deleted claim leaves its document in the inspector.
                        if let Focus::Claim(id) = &self.focus
                            && self.ws.project().claim(id).is_none()
                        {
                            self.focus_open_document();
                        }
                    }
                    Err(error) => self.message = Some(format!("Not changed: {error}")),
                }
            }
            Action::OpenDocument(id) => self.open(id),
            Action::ShowClaim(id) => self.show_claim(&id),
            Action::SelectClaim(id) => self.focus = Focus::Claim(id),
            Action::SelectSource(id) => self.focus = Focus::Source(id),
            Action::DeleteSource(id) => {
                if self.ws.project().documents_of(&id).next().is_some() {
                    self.dialog = Dialog::DeleteSource(DeleteSourceDialog(id));
                } else {
                    self.perform(
                        Action::Apply {
                            edit: Box::new(Edit::RemoveSource(id)),
                            merge: None,
                        },
                        ctx,
                    );
                }
            }
            Action::DeleteDocument(id) => {
                let edit = Edit::remove_document_with_claims(self.ws.project(), &id);
                self.perform(
                    Action::Apply {
                        edit: Box::new(edit),
                        merge: None,
                    },
                    ctx,
                );
            }
            Action::OpenPath(path) => self.guard(Pending::Open(path), ctx),
            Action::NewProject => self.guard(Pending::New, ctx),
            Action::SaveTo(path) => {
                let then = self.after_save.take();
                self.save_then(&path, false, then, ctx);
            }
            Action::Export(format, path) => self.export_as(format, &path),
            Action::ExportBrief(path, options) => self.export_brief(&path, options),
            Action::ImportAnnotations(path, format) => self.import_annotations(&path, format),
            Action::CheckInBackground => self.check_in_background(),
            Action::ImportFiles(form) => self.import_in_background(*form),
            Action::Notify(message) => self.message = Some(message),
            Action::ShowInFindings(id) => {
                self.settings.show_claims_table = true;
                self.bottom_tab = BottomTab::Findings;
                self.findings.refresh(&self.ws);
                if !self.findings.select_with_claim(&id) {
                    self.message = Some("No finding involves this claim".to_owned());
                }
            }
            Action::OpenDocumentAt(id, offset) => {
                self.open(id);
                self.view.scroll_to(offset);
            }
            Action::CompareWith(path) => self.compare_path(&path),
        }
    }

    fn show_claim(&mut self, id: &ClaimId) {
        let Some(claim) = self.ws.project().claim(id) else {
            return;
        };
        self.open_document = Some(claim.document.clone());
        self.view.scroll_to(claim.start);
        self.focus = Focus::Claim(id.clone());
    }

    fn update_title(&mut self, ctx: &Context) {
        let mut title = self.ws.project().name.clone();
        if let Some(file) = self.ws.path().and_then(Path::file_name) {
            title.push_str(" — ");
            title.push_str(&file.to_string_lossy());
        }
        if self.ws.is_dirty() {
            title.push_str(" •");
        }
        if title != self.title {
            ctx.send_viewport_cmd(ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

/// The span without the spaces at its ends: a drag usually catches the
/// space after the last word, and the quote should not carry it.
/// A selection without the spaces at its ends, given its bytes in `text`.
fn trim_at(
    text: &str,
    selection: span::Span,
    bytes: std::ops::Range<usize>,
) -> (span::Span, std::ops::Range<usize>) {
    let Some(quote) = text.get(bytes.clone()) else {
        return (selection, bytes);
    };
    let trimmed = quote.trim();
    if trimmed.is_empty() {
        return (selection, bytes);
    }
    let leading = quote.len() - quote.trim_start().len();
    let trailing = quote.len() - quote.trim_end().len();
    let leading_chars = quote[..leading].chars().count();
    let trailing_chars = quote[quote.len() - trailing..].chars().count();
    (
        span::Span::new(
            selection.start + leading_chars,
            selection.end - trailing_chars,
        ),
        bytes.start + leading..bytes.end - trailing,
    )
}

fn trim_span(text: &str, selection: span::Span) -> span::Span {
    let Some(quote) = span::slice(text, selection) else {
        return selection;
    };
    let leading = quote.chars().take_while(|c| c.is_whitespace()).count();
    let trailing = quote
        .chars()
        .rev()
        .take_while(|c| c.is_whitespace())
        .count();
    if leading + trailing >= selection.len() {
        return selection;
    }
    span::Span::new(selection.start + leading, selection.end - trailing)
}

/// The sample project, looked for next to the working directory, the
/// executable's repository, and the source tree this binary was built from.
pub fn sample_project_path() -> Option<PathBuf> {
    let relative = Path::new("projects").join("belgorod-strike.ron");
    let mut roots: Vec<PathBuf> = Vec::new();
    if let Ok(cwd) = std::env::current_dir() {
        roots.push(cwd);
    }
    if let Ok(exe) = std::env::current_exe() {
        roots.extend(exe.ancestors().skip(1).map(Path::to_owned));
    }
    roots.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    roots
        .into_iter()
        .map(|root| root.join(&relative))
        .find(|p| p.is_file())
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        ctx.set_theme(if self.settings.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        self.handle_close_request(&ctx);
        self.autosave_tick(&ctx);
        // The check is fast enough to follow every edit (see benches/check.rs).
        self.findings.refresh(&self.ws);
        // Typing in a field is one undo step until the field loses the
        // keyboard; coming back to it later starts a new step.
        let keyboard_owner = ctx.memory(|m| m.focused());
        if keyboard_owner != self.keyboard_owner {
            self.ws.end_merge();
            self.keyboard_owner = keyboard_owner;
        }
        let mut actions: Vec<Action> = Vec::new();
        if matches!(self.dialog, Dialog::None) && !self.prompt.is_open() && self.task.is_none() {
            actions.extend(
                UICommand::from_keyboard(&ctx)
                    .into_iter()
                    .map(Action::Command),
            );
        }
        if self.prompt.is_open() {
            actions.clear();
        }
        self.panels_ui(ui, &mut actions);
        self.dropped_files_ui(&ctx, &mut actions);
        if let Some(answer) = self.prompt.ui(&ctx) {
            self.answer_safety(answer);
        }
        self.task_ui(&ctx);
        if let Some(outcome) = self.dialog.ui(&ctx, self.ws.project()) {
            // Answered: the dialog closes, and what it held goes on.
            match (outcome, std::mem::take(&mut self.dialog)) {
                (Outcome::Act(action), _) => actions.push(action),
                (Outcome::ActAll(all), _) => actions.extend(all),
                (Outcome::Unsaved(choice), Dialog::Unsaved(UnsavedDialog(pending))) => {
                    self.answer_unsaved(pending, choice, &ctx);
                }
                _ => {}
            }
        }
        self.windows_ui(&ctx, &mut actions);
        for action in actions {
            self.perform(action, Some(&ctx));
        }
        self.update_title(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}
