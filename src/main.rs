use std::process::ExitCode;

use clap::Parser;
use zoufang::cli::{self, Cli};
use zoufang::error::Rejected;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if let Some(r) = e.downcast_ref::<Rejected>() {
                zoufang::note!("Error: {r}");
                return ExitCode::from(3);
            }
            // A closed stdout (`zoufang export … | head`) is not a failure worth a message.
            if e.chain().any(is_broken_pipe) {
                return ExitCode::SUCCESS;
            }
            zoufang::note!("Error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Writers wrap the I/O error of a closed pipe in their own error types; look inside them.
fn is_broken_pipe(cause: &(dyn std::error::Error + 'static)) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    if let Some(io) = cause.downcast_ref::<std::io::Error>() {
        return io.kind() == BrokenPipe;
    }
    if let Some(c) = cause.downcast_ref::<csv::Error>() {
        return matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe);
    }
    if let Some(j) = cause.downcast_ref::<serde_json::Error>() {
        return j.io_error_kind() == Some(BrokenPipe);
    }
    false
}
