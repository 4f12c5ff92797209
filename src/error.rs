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
/// closed stderr (`zoufang check 2>&1 | head`) loses the message, not the command. Whatever it
/// quotes from outside is escaped (`io::escape::message`): no byte of a file drives the terminal,
/// and no line runs past a few thousand characters.
#[macro_export]
macro_rules! note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), "{}", $crate::io::escape::message(&format!($($arg)*)));
    }};
}

/// An I/O error said as a sentence with a fix: `verb` is what was being done to `path` ("write",
/// "create", "read"). A full disk, a missing or read-only folder, a folder where a file was meant:
/// each says what happened and that nothing was written.
pub fn io_sentence(e: std::io::Error, path: &std::path::Path, verb: &str) -> anyhow::Error {
    use std::io::ErrorKind as K;
    let p = path.display();
    let (what, hint) = match e.kind() {
        K::StorageFull => (
            format!("the disk holding {p} is full; nothing was written"),
            "free some space (or write to another disk) and run the command again",
        ),
        K::FileTooLarge => (
            format!("{p} cannot grow any larger (a full disk or a file size limit); nothing was written"),
            "free some space or lift the limit (ulimit -f), or write to another disk, and run the command again",
        ),
        K::QuotaExceeded => (
            format!("the disk quota for {p} is used up; nothing was written"),
            "free some space (or write to another disk) and run the command again",
        ),
        K::PermissionDenied => (
            format!("cannot {verb} {p}: permission denied; nothing was written"),
            "choose a folder you may write to, or ask for write access",
        ),
        K::ReadOnlyFilesystem => (
            format!("cannot {verb} {p}: the disk is read-only; nothing was written"),
            "choose a file on a writable disk",
        ),
        K::NotFound => (
            format!("cannot {verb} {p}: the folder does not exist; nothing was written"),
            "create the folder first, or check the path",
        ),
        K::IsADirectory => (format!("{p} is a folder, not a file; nothing was written"), "name a file inside it"),
        K::NotADirectory => (
            format!("cannot {verb} {p}: part of the path is a file, not a folder; nothing was written"),
            "check the path",
        ),
        _ => return anyhow::anyhow!("cannot {verb} {p}: {e}; nothing was written"),
    };
    anyhow::anyhow!("{what}\nHint: {hint}")
}
