//! What this process knows about the terminal, decided once from the command line and the
//! environment (`cli::run` calls `init`): how wide tables may be, whether colour is on, whether
//! long output goes through a pager, whether progress is drawn. Everything else asks here.
//!
//! The rules: tables fit the window only when standard output is a terminal and no `-o` is given
//! (piped, tables keep their full width); colour only there too, unless `--color always`, and never
//! with `NO_COLOR` set unless `--color always`; a pager only on a terminal and never with
//! `--no-pager`; progress only when standard error is a terminal, without `--no-input`, and not
//! under `$CI`.

use std::io::{IsTerminal, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::OnceLock;

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless NO_COLOR is set or TERM is dumb
    #[default]
    Auto,
    /// Colour even through a pipe or into a file
    Always,
    /// No colour
    Never,
}

/// Which columns a table shows (`--wide`, `--columns`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Columns {
    /// Every column when the table fits the window, else the command's short set.
    #[default]
    Default,
    /// Every column.
    Wide,
    /// These columns (English keys), in this order.
    Only(Vec<String>),
}

/// The decisions, once per process.
#[derive(Debug, Clone, Default)]
pub struct Terminal {
    /// The window's width when tables go to a terminal; `None` when piped or written to a file.
    pub width: Option<usize>,
    /// Colour tables and states.
    pub color: bool,
    /// Long output goes through `$PAGER` (`less` by default).
    pub pager: bool,
    /// Progress of long work on standard error.
    pub progress: bool,
    /// Text printed to standard output reaches a terminal (escape what came from outside, also in
    /// csv shown on the screen).
    pub stdout_tty: bool,
    pub columns: Columns,
}

/// What the command line said.
#[derive(Debug, Clone, Default)]
pub struct Wishes {
    pub color: ColorChoice,
    pub no_pager: bool,
    pub no_input: bool,
    pub to_file: bool,
    pub columns: Columns,
}

static TERMINAL: OnceLock<Terminal> = OnceLock::new();

/// Decide, from the wishes and this process's streams and environment. Called once by `cli::run`;
/// a later call keeps the first decision.
pub fn init(w: Wishes) {
    let stdout_tty = std::io::stdout().is_terminal();
    let stderr_tty = std::io::stderr().is_terminal();
    let env = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty());
    let t = decide(&w, stdout_tty, stderr_tty, &|k| env(k).map(|v| v.to_string_lossy().into_owned()), || {
        terminal_size::terminal_size_of(std::io::stdout()).map(|(w, _)| w.0 as usize)
    });
    let _ = TERMINAL.set(t);
}

/// The decision as a pure function of its inputs (tested below).
pub fn decide(
    w: &Wishes,
    stdout_tty: bool,
    stderr_tty: bool,
    env: &dyn Fn(&str) -> Option<String>,
    width: impl FnOnce() -> Option<usize>,
) -> Terminal {
    let screen = stdout_tty && !w.to_file;
    let dumb = env("TERM").as_deref() == Some("dumb");
    let color = match w.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => screen && env("NO_COLOR").is_none() && !dumb,
    };
    Terminal {
        width: if screen { Some(width().unwrap_or(80).max(MIN_WIDTH)) } else { None },
        color,
        pager: screen && !w.no_pager && !dumb,
        progress: stderr_tty && !w.no_input && env("CI").is_none() && !dumb,
        stdout_tty,
        columns: w.columns.clone(),
    }
}

/// Narrower windows are treated as this wide (a table needs room for its borders).
pub const MIN_WIDTH: usize = 20;

/// The decisions; before `init` (unit tests, library use) nothing is a terminal.
pub fn get() -> &'static Terminal {
    static PLAIN: OnceLock<Terminal> = OnceLock::new();
    TERMINAL.get().unwrap_or_else(|| PLAIN.get_or_init(Terminal::default))
}

/// Where output for people goes on standard output: the pager when paging is on (it shows the
/// text at once when it fits the screen: `LESS=FRX` unless `$LESS` is set, as git does), else
/// standard output itself. A pager that cannot be started is not an error: the text is printed.
pub fn stdout() -> Box<dyn Write> {
    if get().pager {
        if let Some(p) = Pager::spawn() {
            return Box::new(p);
        }
    }
    Box::new(std::io::BufWriter::new(std::io::stdout().lock()))
}

/// A running pager fed through its standard input; dropping it closes the input and waits until
/// the reader quits, so the shell's prompt comes back after the pager.
pub struct Pager {
    child: Child,
    input: Option<std::io::BufWriter<ChildStdin>>,
}

impl Pager {
    fn spawn() -> Option<Pager> {
        let cmd =
            std::env::var("PAGER").ok().filter(|p| !p.trim().is_empty()).unwrap_or_else(|| "less -R".into());
        if cmd.trim() == "cat" {
            return None;
        }
        // A plain command line is started directly, so that a pager that is not installed is seen
        // (and the text printed instead); one with shell syntax goes through `sh -c`, as git does.
        let plain = !cmd.chars().any(|c| "|&;<>()$`\\\"'*?[#~=%{}".contains(c));
        let mut c = if plain || !cfg!(unix) {
            let mut parts = cmd.split_whitespace();
            let mut c = Command::new(parts.next()?);
            c.args(parts);
            c
        } else {
            let mut c = Command::new("sh");
            c.arg("-c").arg(&cmd);
            c
        };
        if std::env::var_os("LESS").is_none() {
            c.env("LESS", "FRX");
        }
        if std::env::var_os("LV").is_none() {
            c.env("LV", "-c");
        }
        let mut child = c.stdin(Stdio::piped()).spawn().ok()?;
        let input = child.stdin.take().map(std::io::BufWriter::new);
        Some(Pager { child, input })
    }
}

impl Write for Pager {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.input {
            Some(i) => i.write(buf),
            None => Err(std::io::ErrorKind::BrokenPipe.into()),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.input {
            Some(i) => i.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for Pager {
    fn drop(&mut self) {
        if let Some(mut i) = self.input.take() {
            let _ = i.flush();
        }
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env_of(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.to_string())
    }

    #[test]
    fn colour_only_on_a_terminal_unless_always() {
        let w = Wishes::default();
        assert!(decide(&w, true, true, &env_of(&[]), || Some(100)).color);
        assert!(!decide(&w, false, true, &env_of(&[]), || Some(100)).color);
        assert!(!decide(&w, true, true, &env_of(&[("NO_COLOR", "1")]), || Some(100)).color);
        assert!(
            !decide(&Wishes { to_file: true, ..Wishes::default() }, true, true, &env_of(&[]), || None).color
        );
        let always = Wishes { color: ColorChoice::Always, ..Wishes::default() };
        assert!(decide(&always, false, false, &env_of(&[("NO_COLOR", "1")]), || None).color);
        let never = Wishes { color: ColorChoice::Never, ..Wishes::default() };
        assert!(!decide(&never, true, true, &env_of(&[]), || Some(80)).color);
    }

    #[test]
    fn width_pager_and_progress_follow_the_streams() {
        let w = Wishes::default();
        let t = decide(&w, true, true, &env_of(&[]), || Some(120));
        assert_eq!((t.width, t.pager, t.progress), (Some(120), true, true));
        let piped = decide(&w, false, true, &env_of(&[]), || Some(120));
        assert_eq!((piped.width, piped.pager, piped.progress), (None, false, true));
        let ci = decide(&w, true, true, &env_of(&[("CI", "true")]), || Some(120));
        assert!(!ci.progress);
        let no_input =
            decide(&Wishes { no_input: true, ..Wishes::default() }, true, true, &env_of(&[]), || None);
        assert!(!no_input.progress);
        assert_eq!(no_input.width, Some(80), "an unknown size is taken as 80 columns");
        let no_pager =
            decide(&Wishes { no_pager: true, ..Wishes::default() }, true, true, &env_of(&[]), || Some(5));
        assert_eq!((no_pager.pager, no_pager.width), (false, Some(MIN_WIDTH)));
    }
}
