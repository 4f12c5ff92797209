//! The error kinds a caller branches on. Everything else travels as `anyhow::Error` and means exit 1.
//!
//! A `Rejected` carries its message and hint as [`Text`]: a catalogue id with its variables
//! (`msg!("…", x = …)`, rendered in the reader's language when printed) or plain text.

use std::fmt;

use crate::i18n::{self, Lang, Msg};

/// Text for a person: a catalogue message, or plain text (a name, a path, text from a library).
#[derive(Debug, Clone, PartialEq)]
pub enum Text {
    Msg(Msg),
    Plain(String),
}

impl Text {
    pub fn render(&self, lang: Lang) -> String {
        match self {
            Text::Msg(m) => m.render(lang),
            Text::Plain(s) => s.clone(),
        }
    }
    /// The catalogue id, for code (and tests) that branch on which message it is.
    pub fn key(&self) -> Option<&'static str> {
        match self {
            Text::Msg(m) => Some(m.key),
            Text::Plain(_) => None,
        }
    }
    /// Whether the text, in the process's language, contains `needle`.
    pub fn contains(&self, needle: &str) -> bool {
        self.to_string().contains(needle)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(i18n::lang()))
    }
}

impl From<Msg> for Text {
    fn from(m: Msg) -> Self {
        Text::Msg(m)
    }
}
impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::Plain(s)
    }
}
impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::Plain(s.to_string())
    }
}
impl From<&String> for Text {
    fn from(s: &String) -> Self {
        Text::Plain(s.clone())
    }
}

/// Rejected input or a broken rule: exit code 3, and nothing was written.
#[derive(Debug, thiserror::Error)]
pub struct Rejected {
    pub message: Text,
    pub hint: Option<Text>,
}

impl Rejected {
    /// Message and hint in `lang`, the hint on its own line ("提示：…" / "Hint: …").
    pub fn render(&self, lang: Lang) -> String {
        let mut s = self.message.render(lang);
        if let Some(hint) = &self.hint {
            s.push('\n');
            s.push_str(&i18n::render(lang, "hint-line", &[("hint", i18n::Arg::Str(hint.render(lang)))]));
        }
        s
    }
}

impl fmt::Display for Rejected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(i18n::lang()))
    }
}

/// Build a `Rejected` error: `reject(msg!("id", x = …))`, `reject("…")`, then `.hint(…)`.
pub fn reject(message: impl Into<Text>) -> Rejected {
    Rejected { message: message.into(), hint: None }
}

impl Rejected {
    pub fn hint(mut self, hint: impl Into<Text>) -> Self {
        self.hint = Some(hint.into());
        self
    }
    /// Put `prefix: ` before the message (a file name, a row): the message stays translatable.
    pub fn prefixed(mut self, prefix: impl fmt::Display) -> Self {
        self.message = Text::Plain(format!("{prefix}: {}", self.message));
        self
    }
}

/// A failure (exit 1) that comes with advice: printed "错误：…\n提示：…" like a rejection.
#[derive(Debug, thiserror::Error)]
#[error("{}", self.0)]
pub struct Failed(pub Rejected);

impl Rejected {
    /// The same message and hint as a failure (exit 1): `reject(msg!(…)).hint(…).failure()`.
    pub fn failure(self) -> Failed {
        Failed(self)
    }
}

/// Ctrl-C or Esc at a prompt: the command stopped before writing anything (exit 130, as a shell
/// reports a command ended by Ctrl-C).
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::t!("pick-interrupted"))]
pub struct Interrupted;

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
    use crate::msg;
    use std::io::ErrorKind as K;
    let verb = crate::i18n::Arg::word(format!("io-verb-{}", verb.replace(' ', "-")), verb);
    let (what, hint) = match e.kind() {
        K::StorageFull => (msg!("io-full", path = path), msg!("io-full-hint")),
        K::FileTooLarge => (msg!("io-too-large", path = path), msg!("io-too-large-hint")),
        K::QuotaExceeded => (msg!("io-quota", path = path), msg!("io-full-hint")),
        K::PermissionDenied => (msg!("io-permission", verb = verb, path = path), msg!("io-permission-hint")),
        K::ReadOnlyFilesystem => {
            (msg!("io-read-only-disk", verb = verb, path = path), msg!("io-read-only-disk-hint"))
        }
        K::NotFound => (msg!("io-no-folder", verb = verb, path = path), msg!("io-no-folder-hint")),
        K::IsADirectory => (msg!("io-is-folder", path = path), msg!("io-is-folder-hint")),
        K::NotADirectory => (msg!("io-not-folder", verb = verb, path = path), msg!("io-not-folder-hint")),
        _ => {
            let detail = e.to_string();
            return reject(msg!("io-other", verb = verb, path = path, detail = detail)).failure().into();
        }
    };
    reject(what).hint(hint).failure().into()
}
