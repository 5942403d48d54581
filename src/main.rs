//! The `claimdesk` binary: parses the command line, then runs a subcommand
//! or opens the workbench.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let Some(command) = args.command else {
        return run_workbench(args.project);
    };
    match cli::run(command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("claimdesk: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Without the workbench (built with `--no-default-features`), say how to
/// use the command line instead.
#[cfg(not(feature = "gui"))]
fn run_workbench(_project: Option<std::path::PathBuf>) -> ExitCode {
    use clap::CommandFactory;
    let _ = cli::Cli::command().print_help();
    ExitCode::SUCCESS
}

/// Opens the window. A project that cannot be read is shown as an error in
/// the window, so only a failure to create the window itself ends here.
#[cfg(feature = "gui")]
fn run_workbench(project: Option<std::path::PathBuf>) -> ExitCode {
    let options = eframe::NativeOptions {
        renderer: eframe::Renderer::Glow,
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([640.0, 400.0])
            .with_title("claimdesk"),
        ..Default::default()
    };
    let result = eframe::run_native(
        "claimdesk",
        options,
        Box::new(move |cc| Ok(Box::new(claimdesk::ui::App::new(cc, project)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("claimdesk: cannot open the window: {error}");
            ExitCode::FAILURE
        }
    }
}
