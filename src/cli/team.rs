//! The commands of working as a team through git: `merge` (git's merge
//! driver for project files), `resolve` and `git-setup`.

use super::{UNREADABLE, Writable, printable};
use anyhow::{Context, Result, bail};
use claimdesk::io;
use claimdesk::merge::{conflicts_named, merge as merge_projects, resolution};
use claimdesk::model::{Project, Side, counted};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit code of a merge that recorded conflicts (git then marks the file
/// unmerged until the conflicts are resolved and the file added).
const CONFLICTS: u8 = 1;

/// `claimdesk merge BASE OURS THEIRS [PATH]`: merges into OURS. Exit 0 when
/// clean, 1 when conflicts were recorded, 2 when an input cannot be read
/// (OURS then untouched).
pub fn merge(base: &Path, ours: &Path, theirs: &Path, name: Option<&Path>) -> Result<ExitCode> {
    let shown = name.unwrap_or(ours).display().to_string();
    let read = |path: &Path, side: &str| -> Result<Vec<u8>, String> {
        match std::fs::read(path) {
            Ok(bytes) => Ok(bytes),
            // A side without the file (git gives an empty one) is empty.
            Err(error) if error.kind() == std::io::ErrorKind::NotFound && side == "base" => {
                Ok(Vec::new())
            }
            Err(error) => Err(format!("{} ({side} of {shown}): {error}", path.display())),
        }
    };
    let (b, o, t) = match (
        read(base, "base"),
        read(ours, "ours"),
        read(theirs, "theirs"),
    ) {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (Err(error), _, _) | (_, Err(error), _) | (_, _, Err(error)) => {
            eprintln!("claimdesk merge: {}", printable(&error));
            return Ok(ExitCode::from(UNREADABLE));
        }
    };
    // One side unchanged: the other, byte for byte.
    if t == b || o == t {
        eprintln!(
            "claimdesk merge: {}: nothing to take from theirs",
            printable(&shown)
        );
        return Ok(ExitCode::SUCCESS);
    }
    // Marked read-only, as the other writing commands respect (git's own
    // copy of ours never is).
    if std::fs::metadata(ours).is_ok_and(|m| m.permissions().readonly()) {
        let error = io::FileError::ReadOnly {
            path: ours.to_owned(),
        };
        eprintln!("claimdesk merge: {}", printable(&error.to_string()));
        return Ok(ExitCode::from(UNREADABLE));
    }
    let parse = |path: &Path, bytes: &[u8], side: &str| -> Result<Project, String> {
        if bytes.is_empty() {
            // Both branches added the file: two additions to nothing.
            let mut nothing = Project::new("");
            nothing.labels.clear();
            return Ok(nothing);
        }
        io::parse_project_bytes(path, bytes).map_err(|error| format!("{error} ({side} of {shown})"))
    };
    if o == b {
        // Theirs as it is, once it is known to be a project.
        if let Err(error) = parse(theirs, &t, "theirs") {
            eprintln!("claimdesk merge: {}", printable(&error));
            return Ok(ExitCode::from(UNREADABLE));
        }
        io::write_atomically(ours, &t)?;
        eprintln!("claimdesk merge: {}: took theirs", printable(&shown));
        return Ok(ExitCode::SUCCESS);
    }
    // Files as a save writes them merge line by line, reading only the
    // claims that differ; any other shape is read and merged whole.
    let texts = (
        std::str::from_utf8(&b),
        std::str::from_utf8(&o),
        std::str::from_utf8(&t),
    );
    if let (Ok(b), Ok(o), Ok(t)) = texts
        && !b.is_empty()
        && let Some(merged) = claimdesk::merge::merge_texts(b, o, t)
    {
        io::write_atomically(ours, merged.text.as_bytes())?;
        return Ok(report(&shown, &merged));
    }
    let sides = (
        parse(base, &b, "base"),
        parse(ours, &o, "ours"),
        parse(theirs, &t, "theirs"),
    );
    let (base_project, ours_project, theirs_project) = match sides {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (Err(error), _, _) | (_, Err(error), _) | (_, _, Err(error)) => {
            eprintln!("claimdesk merge: {}", printable(&error));
            return Ok(ExitCode::from(UNREADABLE));
        }
    };
    let merged = merge_projects(&base_project, &ours_project, &theirs_project);
    let text = claimdesk::merge::written(&merged, &ours_project)
        .with_context(|| format!("{shown}: writing the merged project"))?;
    io::write_atomically(ours, text.text.as_bytes())?;
    let code = report(&shown, &text);
    super::exit_soon(merged.project);
    Ok(code)
}

/// Says what the merge did, and the exit code that tells git.
fn report(shown: &str, merged: &claimdesk::merge::MergedText) -> ExitCode {
    let open = merged.conflicts;
    let new = open.saturating_sub(merged.ours_conflicts);
    let summary = format!(
        "{}: merged, {}; {}",
        shown,
        counted(merged.claims, "claim", "claims"),
        match (merged.new_conflicts, open) {
            (0, 0) => "no conflicts".to_owned(),
            (0, open) => format!("{} still open", counted(open, "conflict", "conflicts")),
            (_, _) => format!(
                "{} recorded in the file: open it in claimdesk or run `claimdesk resolve`",
                counted(open, "conflict", "conflicts")
            ),
        }
    );
    eprintln!("claimdesk merge: {}", printable(&summary));
    if merged.new_conflicts > 0 || new > 0 {
        ExitCode::from(CONFLICTS)
    } else {
        ExitCode::SUCCESS
    }
}

/// `claimdesk resolve PROJECT --ours|--theirs [ID…]`: takes one side on the
/// conflicts named (all when none are), as one undoable edit.
pub fn resolve(target: Writable, side: Side, ids: &[String]) -> Result<()> {
    let project = &target.project;
    if project.conflicts.is_empty() {
        eprintln!(
            "claimdesk: {}: no conflicts to resolve",
            target.path.display()
        );
        return Ok(());
    }
    let chosen =
        conflicts_named(project, ids).with_context(|| target.path.display().to_string())?;
    let edit =
        resolution(project, &chosen, side).with_context(|| target.path.display().to_string())?;
    let left = project.conflicts.len() - chosen.len();
    let path = target.path.to_owned();
    target.save_with(edit)?;
    eprintln!(
        "claimdesk: {}: took {} for {}; {} left",
        path.display(),
        side.name(),
        counted(chosen.len(), "conflict", "conflicts"),
        left
    );
    Ok(())
}

/// The line `git-setup` puts in `.gitattributes`.
const ATTRIBUTES_LINE: &str = "*.ron merge=claimdesk";

/// `claimdesk git-setup [DIR]`: makes git merge project files with this
/// binary, in the repository around DIR.
pub fn git_setup(dir: Option<PathBuf>) -> Result<()> {
    let dir = dir.unwrap_or_else(|| PathBuf::from("."));
    let git = |args: &[&str]| -> Result<String> {
        let out = std::process::Command::new("git")
            .arg("-C")
            .arg(&dir)
            .args(args)
            .output()
            .context("running git (is it installed and on the PATH?)")?;
        if !out.status.success() {
            bail!(
                "{}: git {}: {}",
                dir.display(),
                args.join(" "),
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
    };
    let top = PathBuf::from(git(&["rev-parse", "--show-toplevel"])?);
    let attributes = top.join(".gitattributes");
    let existing = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(error) => return Err(error).context(attributes.display().to_string()),
    };
    if existing.lines().any(|line| line.trim() == ATTRIBUTES_LINE) {
        eprintln!(
            "claimdesk: {} already has {ATTRIBUTES_LINE}",
            attributes.display()
        );
    } else {
        let mut text = existing;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(ATTRIBUTES_LINE);
        text.push('\n');
        io::write_atomically(&attributes, text.as_bytes())?;
        eprintln!(
            "claimdesk: added {ATTRIBUTES_LINE} to {}",
            attributes.display()
        );
    }
    let binary = std::env::current_exe()
        .context("finding this claimdesk's own path")?
        .canonicalize()
        .context("finding this claimdesk's own path")?;
    // git runs the driver through a shell (sh, also with Git for Windows):
    // the path goes in single quotes, which keep spaces and backslashes.
    let quoted = format!("'{}'", binary.to_string_lossy().replace('\'', r"'\''"));
    let driver = format!("{quoted} merge %O %A %B %P");
    git(&[
        "config",
        "merge.claimdesk.name",
        "claimdesk: merge projects by claim",
    ])?;
    git(&["config", "merge.claimdesk.driver", &driver])?;
    eprintln!(
        "claimdesk: git in {} now merges *.ron with {}; commit .gitattributes, and run `claimdesk git-setup` once in every other clone",
        top.display(),
        binary.display()
    );
    Ok(())
}
