use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use zoufang::cli::{self, Cli};
use zoufang::error::{Failed, Interrupted, Rejected};
use zoufang::i18n;

fn main() -> ExitCode {
    // The language is settled before clap parses, so that its help and errors are in it too.
    i18n::set_lang(i18n::detect(std::env::args_os()));
    // Fast path: a command line that parses needs no help text, so the tree is localised (every
    // description looked up in the catalogues) only for help, version and usage errors.
    let parsed = match Cli::command().try_get_matches() {
        Ok(m) => Cli::from_arg_matches(&m),
        Err(_) => cli::command().try_get_matches().and_then(|m| Cli::from_arg_matches(&m)),
    };
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => return clap_exit(&e),
    };
    match cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if let Some(r) = e.downcast_ref::<Rejected>() {
                zoufang::note!("{}", zoufang::t!("error-line", message = r.to_string()));
                return ExitCode::from(3);
            }
            if e.downcast_ref::<Interrupted>().is_some() {
                zoufang::note!("{e}");
                return ExitCode::from(130);
            }
            // A closed stdout (`zoufang export … | head`) is not a failure worth a message.
            if e.chain().any(is_broken_pipe) {
                return ExitCode::SUCCESS;
            }
            let message = match e.downcast_ref::<Failed>() {
                Some(f) => f.to_string(),
                None => format!("{e:#}"),
            };
            zoufang::note!("{}", zoufang::t!("error-line", message = message));
            ExitCode::from(1)
        }
    }
}

/// Help and version on stdout (exit 0); usage errors on stderr (exit 2), in the chosen language.
fn clap_exit(e: &clap::Error) -> ExitCode {
    use std::io::Write as _;
    match i18n::help::clap_error(e) {
        Some(text) => {
            let _ = write!(std::io::stderr(), "{text}");
        }
        None => {
            let _ = e.print();
        }
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
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
