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
                eprintln!("Error: {r}");
                return ExitCode::from(3);
            }
            // A closed stdout (`zoufang export … | head`) is not a failure worth a message.
            if let Some(io) = e.downcast_ref::<std::io::Error>() {
                if io.kind() == std::io::ErrorKind::BrokenPipe {
                    return ExitCode::SUCCESS;
                }
            }
            eprintln!("Error: {e:#}");
            ExitCode::from(1)
        }
    }
}
