//! The `claimdesk` binary: parses the command line, then runs a subcommand
//! or opens the workbench.

mod cli;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    give_freed_memory_back();
    let args = cli::Cli::parse();
    let Some(command) = args.command else {
        return run_workbench(args.project);
    };
    match cli::run(command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("claimdesk: {}", cli::printable(&format!("{error:#}")));
            ExitCode::FAILURE
        }
    }
}

/// glibc's allocator raises the size from which it maps blocks straight
/// from the system to that of the largest mapped block freed so far (up to
/// 32 MB), and keeps freed blocks below that size for reuse. Opening a large
/// project frees the documents' text it read early on (megabytes), after
/// which the runs of claims it parses and frees would stay with the
/// process, raising its peak. A fixed size gives them back (the README
/// gives the figures). The allocators of Windows and macOS do not adapt
/// this way, and musl's returns large blocks anyway.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn give_freed_memory_back() {
    // SAFETY: `mallopt` sets a tuning parameter of the C allocator. It runs
    // first in `main`, before any thread exists, and a refused setting (a
    // return of 0) only leaves glibc's default in place.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn give_freed_memory_back() {}

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
