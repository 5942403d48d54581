//! `claimdesk report`: the brief of a project as one self-contained HTML
//! file (see `claimdesk::report`), or the list of its figure topics.

use super::{exit_soon, printable};
use anyhow::{Context, Result};
use claimdesk::io;
use claimdesk::report::{BriefOptions, brief};
use std::path::Path;

/// Writes the brief to `out` ('-': standard output), or lists the topics.
pub fn report(path: &Path, out: Option<&Path>, options: BriefOptions, list: bool) -> Result<()> {
    if let Some(out) = out.filter(|o| *o != Path::new("-")) {
        io::refuse_project_files(path, out)?;
    }
    let project = io::load_project(path)?;
    let findings = claimdesk::check::check(&project);
    if list {
        let figures = claimdesk::figures::Figures::new(&project, &findings);
        for topic in figures.topics() {
            let units: Vec<String> = topic
                .units
                .iter()
                .map(|u| {
                    format!(
                        "{} {}",
                        u.figures,
                        if u.unit.is_empty() {
                            "(no unit)"
                        } else {
                            &u.unit
                        }
                    )
                })
                .collect();
            println!(
                "{}\t{}\t{}\t{}",
                printable(&topic.title),
                units.join(", "),
                claimdesk::model::counted(topic.sources, "source", "sources"),
                claimdesk::model::counted(topic.open_conflicts, "open conflict", "open conflicts")
            );
        }
        exit_soon(project);
        return Ok(());
    }
    let Some(out) = out else {
        anyhow::bail!("say where to write the brief: --out brief.html ('-' for standard output)");
    };
    let html = brief(&project, &findings, &options).with_context(|| path.display().to_string())?;
    if out == Path::new("-") {
        use std::io::Write;
        std::io::stdout()
            .lock()
            .write_all(html.as_bytes())
            .context("standard output")?;
    } else {
        io::write_output(out, html.as_bytes())?;
        eprintln!("claimdesk: wrote the brief to {}", out.display());
    }
    exit_soon(project);
    Ok(())
}
