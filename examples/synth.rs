//! Writes a synthetic project, for trying the workbench and the checker on
//! large material:
//!
//! ```text
//! cargo run --release --example synth -- OUT.ron --docs N --claims M [--seed S] [--big-doc-mb X]
//! ```

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

/// Writes a synthetic project: news-like documents from ~200 sources with
/// figures on shared subjects, the same for the same seed.
#[derive(Parser)]
struct Args {
    /// The project file to write.
    out: PathBuf,
    /// How many documents.
    #[arg(long, default_value_t = 100)]
    docs: usize,
    /// How many claims, spread over the documents.
    #[arg(long, default_value_t = 1000)]
    claims: usize,
    /// The seed: the same seed gives the same project.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Adds one long document of this many megabytes.
    #[arg(long)]
    big_doc_mb: Option<f64>,
    /// How many claims the long document holds.
    #[arg(long, default_value_t = 20_000)]
    big_doc_claims: usize,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let mut project = claimdesk::synth::generate(args.docs, args.claims, args.seed);
    if let Some(megabytes) = args.big_doc_mb {
        claimdesk::synth::add_big_document(&mut project, megabytes, args.big_doc_claims, args.seed);
    }
    match claimdesk::io::save_project(&args.out, &project) {
        Ok(_) => {
            eprintln!(
                "synth: wrote {} ({} documents, {} claims)",
                args.out.display(),
                project.documents.len(),
                project.claims.len()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("synth: {error}");
            ExitCode::FAILURE
        }
    }
}
