//! Progress of long work (imports, bundles, `check`, `demo`, reports at province scale) on
//! standard error, so a clerk knows it is working: a bar with counts, rate and an estimate when
//! the amount is known, a spinner with a count when it is not.
//!
//! Drawn only when standard error is a terminal, without `--no-input` and not under `$CI` (see
//! `io::term`); otherwise every call is a no-op, so callers never check. Dropping a `Progress`
//! clears it from the screen.
//!
//! ```no_run
//! use zoufang::io::progress::Progress;
//! let p = Progress::new(100_000, "enterprises");
//! for _ in 0..100_000 {
//!     p.inc(1);
//! }
//! p.finish();
//! ```

use std::borrow::Cow;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// One piece of long work. Pass it by reference to the code that does the work.
pub struct Progress {
    bar: ProgressBar,
}

fn draw() -> bool {
    super::term::get().progress
}

impl Progress {
    /// A bar for `len` units of `what` (a short label: "导入企业", "rows").
    pub fn new(len: u64, what: &str) -> Progress {
        if !draw() {
            return Progress::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr_with_hz(8));
        let style = ProgressStyle::with_template(
            "{prefix} [{bar:28}] {human_pos}/{human_len} ({per_sec}, ~{eta}) {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        bar.set_style(style);
        bar.set_prefix(what.to_string());
        bar.enable_steady_tick(Duration::from_millis(250));
        Progress { bar }
    }

    /// A spinner for work of unknown size, with a count of what is done so far.
    pub fn spinner(what: &str) -> Progress {
        if !draw() {
            return Progress::hidden();
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(8));
        let style = ProgressStyle::with_template("{spinner} {prefix} {human_pos} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
        bar.set_style(style);
        bar.set_prefix(what.to_string());
        bar.enable_steady_tick(Duration::from_millis(120));
        Progress { bar }
    }

    /// Nothing drawn, whatever the terminal.
    pub fn hidden() -> Progress {
        Progress { bar: ProgressBar::hidden() }
    }

    /// Whether anything is drawn (callers need not ask; for tests and for skipping costly counts).
    pub fn is_shown(&self) -> bool {
        !self.bar.is_hidden()
    }

    pub fn inc(&self, n: u64) {
        self.bar.inc(n);
    }

    pub fn set(&self, pos: u64) {
        self.bar.set_position(pos);
    }

    /// How many units are done.
    pub fn position(&self) -> u64 {
        self.bar.position()
    }

    pub fn set_len(&self, len: u64) {
        self.bar.set_length(len);
    }

    /// A word after the counts — which step is running.
    pub fn message(&self, msg: impl Into<Cow<'static, str>>) {
        self.bar.set_message(msg);
    }

    /// Run `f` with the bar taken off the screen (to print a message under it).
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        self.bar.suspend(f)
    }

    /// Done: take the bar off the screen.
    pub fn finish(self) {
        self.bar.finish_and_clear();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        // Also on an early return with an error: leave no half-drawn bar behind the message.
        if !self.bar.is_finished() {
            self.bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_drawn_off_a_terminal() {
        // Unit tests run with no `init`: nothing is a terminal.
        let p = Progress::new(10, "rows");
        assert!(!p.is_shown());
        p.inc(3);
        p.set(5);
        p.finish();
        let s = Progress::spinner("rows");
        assert!(!s.is_shown());
    }
}
