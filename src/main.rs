//! The `claimdesk` binary: parses the command line, then runs a subcommand
//! or opens the workbench.

mod cli;

use clap::{CommandFactory, Parser};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let Some(command) = args.command else {
        // The workbench lands with the GUI issue; until then, say how to use the CLI.
        let _ = cli::Cli::command().print_help();
        return ExitCode::SUCCESS;
    };
    match cli::run(command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("claimdesk: {error:#}");
            ExitCode::FAILURE
        }
    }
}
