//! Scores the value proposer on phrases you have labelled, kept wherever
//! you keep them (news you may not commit belongs outside the repository):
//!
//! ```text
//! cargo run --example propose_score -- PHRASES.tsv
//! ```
//!
//! Each line is `span<TAB>value<TAB>unit`, the value in claimdesk's
//! quantity syntax (`>=14`, `~40`, `200..999`) and an empty value for a
//! span that holds no figure; lines starting with `#` are comments. Label
//! the phrases before you run this, or the figure measures nothing.

use claimdesk::model::propose_quantity;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: propose_score PHRASES.tsv");
        return ExitCode::from(2);
    };
    match score(&path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("propose_score: {}: {e}", path.display());
            ExitCode::from(2)
        }
    }
}

fn score(path: &std::path::Path) -> anyhow::Result<()> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .comment(Some(b'#'))
        .has_headers(false)
        .quoting(false)
        .from_path(path)?;
    let (mut right, mut wrong, mut nothing, mut total) = (0, 0, 0, 0);
    for row in reader.records() {
        let row = row?;
        let line = row.position().map_or(0, |p| p.line());
        let [span, value, unit] = [0, 1, 2].map(|k| row.get(k).unwrap_or_default());
        if span.is_empty() {
            anyhow::bail!("line {line}: no span");
        }
        total += 1;
        let proposed = propose_quantity(span).map(|(q, unit)| (q.to_string(), unit));
        let expected = (!value.is_empty()).then(|| (value.to_owned(), unit.to_owned()));
        if proposed == expected {
            right += 1;
        } else if proposed.is_none() {
            nothing += 1;
            println!("  line {line}: nothing for {span:?}, expected {expected:?}");
        } else {
            wrong += 1;
            println!("  line {line}: {span:?}: {proposed:?}, expected {expected:?}");
        }
    }
    println!("{right} of {total} right, {wrong} wrong, {nothing} proposed nothing");
    Ok(())
}
