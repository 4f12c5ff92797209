//! The error kinds a caller branches on. Everything else travels as `anyhow::Error` and means exit 1.

use std::fmt;

/// Rejected input or a broken rule: exit code 3, and nothing was written.
#[derive(Debug, thiserror::Error)]
pub struct Rejected {
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\nHint: {hint}")?;
        }
        Ok(())
    }
}

/// Build a `Rejected` error: `reject("…")` or `reject("…").hint("…")`.
pub fn reject(message: impl Into<String>) -> Rejected {
    Rejected { message: message.into(), hint: None }
}

impl Rejected {
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// Shorthand for functions that only fail by rejecting input.
pub type Checked<T> = Result<T, Rejected>;

/// Return early with a rejection: `bail_reject!("group {} has {} people", g, n)`.
#[macro_export]
macro_rules! bail_reject {
    ($($arg:tt)*) => {
        return Err($crate::error::reject(format!($($arg)*)).into())
    };
}

/// A message for the person at the terminal, on stderr. Unlike `eprintln!` it never panics: a
/// closed stderr (`zoufang check 2>&1 | head`) loses the message, not the command.
#[macro_export]
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}
