//! The one table of commands: the menus, the keyboard handling and the
//! Help → Keyboard shortcuts list are all generated from it, so the three
//! never disagree.

use super::formats::ExportFormat;
use egui::{Key, KeyboardShortcut, Modifiers};

/// Something the user can ask for from a menu or a key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UICommand {
    /// Start an empty project.
    New,
    /// Open a project file.
    Open,
    /// Save to the project's file (Save As when it has none).
    Save,
    /// Save to a file chosen now.
    SaveAs,
    /// Add .txt files as documents.
    ImportText,
    /// Add pasted text as a document.
    PasteDocument,
    /// Read a file of annotations (W3C, Label Studio) as new claims.
    ImportAnnotations,
    /// Write the claims in one of the field's formats.
    Export(ExportFormat),
    /// Write the brief: charts, figures, findings and sources as one HTML file.
    ExportBrief,
    /// Compare the project with another analyst's copy of it.
    CompareWith,
    /// Close the window (asking first about unsaved changes).
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Remove the selected claim.
    DeleteClaim,
    /// Find text in the open document.
    Find,
    /// Close the find bar, else clear the selection, else the selected claim.
    ClearSelection,
    /// Select the next claim of the document.
    NextClaim,
    /// Select the previous claim of the document.
    PreviousClaim,
    /// Turns the selection into a claim with the label whose key is this digit.
    Tag(u8),
    /// Show or hide the sources panel.
    ToggleSources,
    /// Show or hide the inspector.
    ToggleInspector,
    /// Show or hide the claims table.
    ToggleClaimsTable,
    /// Switch between light and dark.
    ToggleTheme,
    /// Show the settings window.
    Settings,
    /// Show the list of keyboard shortcuts.
    KeyboardShortcuts,
    /// Add, rename, recolour and key the labels.
    Labels,
    /// Set the organisation that publishes the project's fact-checks.
    Publisher,
    /// The workflow, the labels, the grades and the value syntax.
    GettingStarted,
}

const fn shortcut(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const NONE: Modifiers = Modifiers::NONE;

impl UICommand {
    /// Every command, in the order the Help list shows them.
    pub const ALL: [UICommand; 39] = [
        Self::New,
        Self::Open,
        Self::Save,
        Self::SaveAs,
        Self::ImportText,
        Self::PasteDocument,
        Self::ImportAnnotations,
        Self::Export(ExportFormat::Csv),
        Self::Export(ExportFormat::W3c),
        Self::Export(ExportFormat::LabelStudio),
        Self::Export(ExportFormat::ClaimReview),
        Self::ExportBrief,
        Self::CompareWith,
        Self::Quit,
        Self::Undo,
        Self::Redo,
        Self::DeleteClaim,
        Self::Find,
        Self::ClearSelection,
        Self::NextClaim,
        Self::PreviousClaim,
        Self::Tag(1),
        Self::Tag(2),
        Self::Tag(3),
        Self::Tag(4),
        Self::Tag(5),
        Self::Tag(6),
        Self::Tag(7),
        Self::Tag(8),
        Self::Tag(9),
        Self::ToggleSources,
        Self::ToggleInspector,
        Self::ToggleClaimsTable,
        Self::ToggleTheme,
        Self::Settings,
        Self::Labels,
        Self::Publisher,
        Self::GettingStarted,
        Self::KeyboardShortcuts,
    ];

    /// The name shown in menus and in the shortcut list.
    pub fn name(self) -> String {
        let name = match self {
            Self::New => "New project",
            Self::Open => "Open…",
            Self::Save => "Save",
            Self::SaveAs => "Save As…",
            Self::ImportText => "Import documents…",
            Self::PasteDocument => "Paste as new document…",
            Self::ImportAnnotations => "Import annotations…",
            Self::Export(format) => format.menu_name(),
            Self::ExportBrief => "Export brief…",
            Self::CompareWith => "Compare with…",
            Self::Quit => "Quit",
            Self::Undo => "Undo",
            Self::Redo => "Redo",
            Self::DeleteClaim => "Delete claim",
            Self::Find => "Find in document",
            Self::ClearSelection => "Clear selection / close find",
            Self::NextClaim => "Next claim",
            Self::PreviousClaim => "Previous claim",
            Self::Tag(n) => return format!("Tag selection with label {n}"),
            Self::ToggleSources => "Sources panel",
            Self::ToggleInspector => "Inspector panel",
            Self::ToggleClaimsTable => "Claims table",
            Self::ToggleTheme => "Light / dark theme",
            Self::Settings => "Settings…",
            Self::KeyboardShortcuts => "Keyboard shortcuts",
            Self::Labels => "Labels…",
            Self::Publisher => "Publisher…",
            Self::GettingStarted => "Getting started",
        };
        name.to_owned()
    }

    /// The keys that run the command; the first is the one menus show.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        match self {
            Self::New => vec![shortcut(CTRL, Key::N)],
            Self::Open => vec![shortcut(CTRL, Key::O)],
            Self::Save => vec![shortcut(CTRL, Key::S)],
            Self::SaveAs => vec![shortcut(CTRL_SHIFT, Key::S)],
            Self::Quit => vec![shortcut(CTRL, Key::Q)],
            Self::Undo => vec![shortcut(CTRL, Key::Z)],
            Self::Redo => vec![shortcut(CTRL_SHIFT, Key::Z), shortcut(CTRL, Key::Y)],
            Self::DeleteClaim => vec![shortcut(NONE, Key::Delete)],
            Self::Find => vec![shortcut(CTRL, Key::F)],
            Self::ClearSelection => vec![shortcut(NONE, Key::Escape)],
            Self::NextClaim => vec![
                shortcut(NONE, Key::J),
                shortcut(Modifiers::ALT, Key::ArrowDown),
            ],
            Self::PreviousClaim => vec![
                shortcut(NONE, Key::K),
                shortcut(Modifiers::ALT, Key::ArrowUp),
            ],
            Self::GettingStarted => vec![shortcut(NONE, Key::F1)],
            Self::PasteDocument => vec![shortcut(CTRL_SHIFT, Key::V)],
            Self::Tag(n) => digit_key(n)
                .map(|key| vec![shortcut(NONE, key)])
                .unwrap_or_default(),
            Self::ImportText
            | Self::ImportAnnotations
            | Self::Export(_)
            | Self::ExportBrief
            | Self::Publisher
            | Self::CompareWith
            | Self::ToggleSources
            | Self::ToggleInspector
            | Self::ToggleClaimsTable
            | Self::ToggleTheme
            | Self::Settings
            | Self::Labels
            | Self::KeyboardShortcuts => Vec::new(),
        }
    }

    /// True for the commands a focused text field keeps its keys for:
    /// Undo and Redo act on the field's own text there, never on a project
    /// edit the analyst cannot see; Ctrl+Shift+V pastes into the field.
    fn belongs_to_text_fields(self) -> bool {
        matches!(self, Self::Undo | Self::Redo | Self::PasteDocument)
    }

    /// The commands whose keys fired this frame. Single keys (digits, J, K,
    /// Delete) are skipped while a text field has focus, so typing "1" into
    /// the note does not tag a claim; Escape is left to the text field too,
    /// and to an open menu, which it closes (leaving the selection alone).
    pub fn from_keyboard(ctx: &egui::Context) -> Vec<UICommand> {
        let typing = ctx.egui_wants_keyboard_input();
        let menu_open = egui::Popup::is_any_open(ctx);
        let mut bindings: Vec<(UICommand, KeyboardShortcut)> = Self::ALL
            .iter()
            .flat_map(|&command| command.shortcuts().into_iter().map(move |s| (command, s)))
            .filter(|(command, s)| {
                !typing || (s.modifiers.command && !command.belongs_to_text_fields())
            })
            .filter(|(command, _)| !(menu_open && *command == Self::ClearSelection))
            .collect();
        // Ctrl+Shift+Z also matches Ctrl+Z logically, so the shortcuts with
        // more modifiers must get their chance first.
        bindings.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
        let mut fired = Vec::new();
        ctx.input_mut(|input| {
            for (command, shortcut) in &bindings {
                if input.consume_shortcut(shortcut) {
                    fired.push(*command);
                }
            }
        });
        fired
    }
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.shift) + u8::from(m.ctrl || m.command)
}

fn digit_key(n: u8) -> Option<Key> {
    Some(match n {
        1 => Key::Num1,
        2 => Key::Num2,
        3 => Key::Num3,
        4 => Key::Num4,
        5 => Key::Num5,
        6 => Key::Num6,
        7 => Key::Num7,
        8 => Key::Num8,
        9 => Key::Num9,
        _ => return None,
    })
}

/// The Help window's list: every command with a key, and its keys.
pub fn shortcuts_ui(ui: &mut egui::Ui) {
    egui::Grid::new("shortcut_list")
        .striped(true)
        .show(ui, |ui| {
            for command in UICommand::ALL {
                let keys = command.shortcuts();
                // The nine label keys read better as one row.
                let (keys, name) = match command {
                    UICommand::Tag(1) => (
                        "1 – 9".to_owned(),
                        "Tag the selection with the label of that key".to_owned(),
                    ),
                    UICommand::Tag(_) => continue,
                    _ if keys.is_empty() => continue,
                    _ => {
                        let keys: Vec<String> =
                            keys.iter().map(|k| ui.ctx().format_shortcut(k)).collect();
                        (keys.join("  or  "), command.name())
                    }
                };
                ui.label(keys);
                ui.label(name);
                ui.end_row();
            }
            for (keys, name) in [
                ("Drag", "Select whole words in the document"),
                ("Alt+drag", "Select character by character"),
                ("Shift+arrows", "Move the selection's end"),
                ("Shift+Alt+arrows", "Move the selection's start"),
                ("Double-click", "Select a word in the document"),
                ("Ctrl+C", "Copy the selected text"),
                (
                    "Right-click a claim",
                    "Change its label, copy its quote, delete it",
                ),
            ] {
                ui.label(keys);
                ui.label(name);
                ui.end_row();
            }
        });
}
