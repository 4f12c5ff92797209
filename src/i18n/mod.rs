//! Messages in the reader's language: Chinese by default, English with `--lang en`.
//!
//! # How to add a message (read this first)
//!
//! 1. Put the text in BOTH catalogues, under the same id, in the file of your area:
//!    `locales/zh/<area>.ftl` and `locales/en/<area>.ftl` (Project Fluent syntax):
//!    ```text
//!    # locales/zh/finding.ftl
//!    finding-closed = 问题 { $id } 已销号，销号后不能再更改
//!    finding-closed-hint = 如需重办，请回访：`zoufang finding follow-up { $id } --satisfaction unsatisfied`
//!    # locales/en/finding.ftl
//!    finding-closed = finding { $id } is closed (销号); nothing changes after closed
//!    ```
//!    Ids are `area-what` in lower case with dashes. Variables are `{ $name }`; a literal brace is
//!    `{"{"}`. Continuation lines are indented. English plurals:
//!    `{ $n -> [one] one visit *[other] { $n } visits }`. A new `.ftl` file is listed in `ZH`/`EN`
//!    below (a test fails on a file that is not).
//! 2. In code:
//!    - a string now, in the chosen language: `t!("finding-closed", id = id)`;
//!    - a rejection (exit 3), rendered when printed:
//!      `Err(reject(msg!("finding-closed", id = id)).hint(msg!("finding-closed-hint", id = id)))`
//!      (`reject("plain text")` still works for text that needs no translation);
//!    - an error with exit 1: `anyhow::anyhow!(t!("…"))`;
//!    - `--help`: see [`help`] — a command's `about` is `help-<path>`, an option's description is
//!      `help-<path>-<option id>` (ids with `_` written `-`), e.g. `help-visit-log`,
//!      `help-visit-log-discipline-ok`; global options are `help-global-<id>`; examples are
//!      `help-<path>-examples`.
//!    - labels of closed sets (a status, a route …): `t!("finding-status-open")` through the
//!      type's `label()`.
//! 3. `cargo test --lib i18n` checks that every id exists in both languages, that every id named
//!    in `t!`/`msg!` in `src/` exists, and that no catalogue repeats an id.
//!
//! The language is chosen once per process, before clap parses (`--lang`, then `$ZOUFANG_LANG`,
//! else zh), so that clap's help is already in it. Machine formats (csv, json) never go through
//! here: they keep English column names and codes in both languages.

pub mod help;

use std::borrow::Cow;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The language of everything a person reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Lang {
    /// 中文
    Zh,
    /// English
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// `zh`, `zh-CN`, `zh_CN.UTF-8`, `en`, `en-US` … (case-insensitive).
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        let base = s.split(['-', '_', '.']).next().unwrap_or("");
        match base {
            "zh" | "cn" | "中文" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// The catalogues, one list of files per language (the same files in both).
const ZH: &[(&str, &str)] = &[
    ("main.ftl", include_str!("../../locales/zh/main.ftl")),
    ("help.ftl", include_str!("../../locales/zh/help.ftl")),
    ("labels.ftl", include_str!("../../locales/zh/labels.ftl")),
    ("report.ftl", include_str!("../../locales/zh/report.ftl")),
    ("finding.ftl", include_str!("../../locales/zh/finding.ftl")),
    ("files.ftl", include_str!("../../locales/zh/files.ftl")),
    ("registry.ftl", include_str!("../../locales/zh/registry.ftl")),
    ("visit.ftl", include_str!("../../locales/zh/visit.ftl")),
    ("people.ftl", include_str!("../../locales/zh/people.ftl")),
    ("pick.ftl", include_str!("../../locales/zh/pick.ftl")),
    ("input.ftl", include_str!("../../locales/zh/input.ftl")),
    ("groups.ftl", include_str!("../../locales/zh/groups.ftl")),
    ("document.ftl", include_str!("../../locales/zh/document.ftl")),
    ("sync.ftl", include_str!("../../locales/zh/sync.ftl")),
    ("commands.ftl", include_str!("../../locales/zh/commands.ftl")),
];
const EN: &[(&str, &str)] = &[
    ("main.ftl", include_str!("../../locales/en/main.ftl")),
    ("help.ftl", include_str!("../../locales/en/help.ftl")),
    ("labels.ftl", include_str!("../../locales/en/labels.ftl")),
    ("report.ftl", include_str!("../../locales/en/report.ftl")),
    ("finding.ftl", include_str!("../../locales/en/finding.ftl")),
    ("files.ftl", include_str!("../../locales/en/files.ftl")),
    ("registry.ftl", include_str!("../../locales/en/registry.ftl")),
    ("visit.ftl", include_str!("../../locales/en/visit.ftl")),
    ("people.ftl", include_str!("../../locales/en/people.ftl")),
    ("pick.ftl", include_str!("../../locales/en/pick.ftl")),
    ("input.ftl", include_str!("../../locales/en/input.ftl")),
    ("groups.ftl", include_str!("../../locales/en/groups.ftl")),
    ("document.ftl", include_str!("../../locales/en/document.ftl")),
    ("sync.ftl", include_str!("../../locales/en/sync.ftl")),
    ("commands.ftl", include_str!("../../locales/en/commands.ftl")),
];

fn sources(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Zh => ZH,
        Lang::En => EN,
    }
}

static LANG: AtomicU8 = AtomicU8::new(0);

/// The process-wide language.
pub fn lang() -> Lang {
    match LANG.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Zh,
    }
}

pub fn set_lang(lang: Lang) {
    LANG.store(
        match lang {
            Lang::Zh => 0,
            Lang::En => 1,
        },
        Ordering::Relaxed,
    );
}

/// The language asked for, read before clap parses: `--lang X` / `--lang=X` on the command line,
/// then `$ZOUFANG_LANG`, else Chinese. A value that is not a language is left for clap to refuse.
pub fn detect<I: IntoIterator<Item = std::ffi::OsString>>(args: I) -> Lang {
    let mut args = args.into_iter().skip(1);
    let mut from_args = None;
    while let Some(a) = args.next() {
        let Some(a) = a.to_str() else { continue };
        if a == "--" {
            break;
        }
        if a == "--lang" {
            from_args = args.next().and_then(|v| v.to_str().and_then(Lang::parse));
        } else if let Some(v) = a.strip_prefix("--lang=") {
            from_args = Lang::parse(v);
        }
    }
    from_args.or_else(|| std::env::var("ZOUFANG_LANG").ok().and_then(|v| Lang::parse(&v))).unwrap_or(Lang::Zh)
}

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang) -> &'static Bundle {
    static ZH_B: OnceLock<Bundle> = OnceLock::new();
    static EN_B: OnceLock<Bundle> = OnceLock::new();
    let cell = match lang {
        Lang::Zh => &ZH_B,
        Lang::En => &EN_B,
    };
    cell.get_or_init(|| build(lang))
}

fn build(lang: Lang) -> Bundle {
    let id: unic_langid::LanguageIdentifier = lang.code().parse().unwrap_or_default();
    let mut b = FluentBundle::new_concurrent(vec![id]);
    b.set_use_isolating(false);
    for (_, src) in sources(lang) {
        // A syntax error is caught by the catalogue test; what parsed is still used.
        let res = match FluentResource::try_new((*src).to_string()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        b.add_resource_overriding(res);
    }
    b
}

/// A value for a message's variable: text or a number (numbers choose English plurals).
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    Str(String),
    Int(i64),
    Float(f64),
    /// A word of the catalogue (a status's label, "the visit date"), said in the language the
    /// message is rendered in; `fallback` where the catalogue has no such id (an unknown code).
    Word {
        key: String,
        fallback: String,
    },
    /// A message within a message (a reason), said in the same language.
    Msg(Box<Msg>),
}

impl Arg {
    /// The catalogue's word `key` as a variable, or `fallback` where there is none.
    pub fn word(key: impl Into<String>, fallback: impl Into<String>) -> Arg {
        Arg::Word { key: key.into(), fallback: fallback.into() }
    }
    fn fluent(&self, lang: Lang) -> FluentValue<'_> {
        match self {
            Arg::Str(s) => FluentValue::from(s.as_str()),
            Arg::Int(i) => FluentValue::from(*i),
            Arg::Float(f) => FluentValue::from(*f),
            Arg::Word { key, fallback } if has(lang, key) => FluentValue::from(render(lang, key, &[])),
            Arg::Word { fallback, .. } => FluentValue::from(fallback.as_str()),
            Arg::Msg(m) => FluentValue::from(m.render(lang)),
        }
    }
}

impl std::fmt::Display for Arg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Arg::Str(s) => f.write_str(s),
            Arg::Int(i) => write!(f, "{i}"),
            Arg::Float(x) => write!(f, "{x}"),
            Arg::Word { key, fallback } => match lookup(key) {
                Some(w) => f.write_str(&w),
                None => f.write_str(fallback),
            },
            Arg::Msg(m) => write!(f, "{m}"),
        }
    }
}

/// What can be a message's variable. Other `Display` types: pass `x.to_string()`.
pub trait ToArg {
    fn to_arg(&self) -> Arg;
}

/// A variable made only when the message is: a check run on every row of a large file names its
/// field in a message that is almost never shown (`Later(|| msg!(…))`).
pub struct Later<F>(pub F);

impl<F: Fn() -> Msg> ToArg for Later<F> {
    fn to_arg(&self) -> Arg {
        (self.0)().to_arg()
    }
}

impl<T: ToArg + ?Sized> ToArg for &T {
    fn to_arg(&self) -> Arg {
        (**self).to_arg()
    }
}
impl ToArg for Msg {
    fn to_arg(&self) -> Arg {
        Arg::Msg(Box::new(self.clone()))
    }
}
impl ToArg for Arg {
    fn to_arg(&self) -> Arg {
        self.clone()
    }
}
impl ToArg for str {
    fn to_arg(&self) -> Arg {
        Arg::Str(self.to_string())
    }
}
impl ToArg for String {
    fn to_arg(&self) -> Arg {
        Arg::Str(self.clone())
    }
}
impl ToArg for Cow<'_, str> {
    fn to_arg(&self) -> Arg {
        Arg::Str(self.to_string())
    }
}
impl ToArg for char {
    fn to_arg(&self) -> Arg {
        Arg::Str(self.to_string())
    }
}
impl ToArg for chrono::NaiveDate {
    fn to_arg(&self) -> Arg {
        Arg::Str(self.format("%Y-%m-%d").to_string())
    }
}
impl ToArg for std::path::Path {
    fn to_arg(&self) -> Arg {
        Arg::Str(self.display().to_string())
    }
}
impl ToArg for std::path::PathBuf {
    fn to_arg(&self) -> Arg {
        Arg::Str(self.display().to_string())
    }
}
impl ToArg for f64 {
    fn to_arg(&self) -> Arg {
        Arg::Float(*self)
    }
}
macro_rules! int_arg {
    ($($t:ty),*) => {$(
        impl ToArg for $t {
            fn to_arg(&self) -> Arg {
                Arg::Int(i64::try_from(*self).unwrap_or(i64::MAX))
            }
        }
    )*};
}
int_arg!(i8, i16, i32, i64, u8, u16, u32, u64, usize, isize);

/// The text of message `key` in `lang`. A missing id yields the id itself (the catalogue test
/// keeps that from happening).
pub fn render(lang: Lang, key: &str, args: &[(&str, Arg)]) -> String {
    let b = bundle(lang);
    let Some(pattern) = b.get_message(key).and_then(|m| m.value()) else {
        return key.to_string();
    };
    let mut fargs = FluentArgs::with_capacity(args.len());
    for (name, v) in args {
        fargs.set(*name, v.fluent(lang));
    }
    let mut errors = Vec::new();
    let out = b.format_pattern(pattern, (!args.is_empty()).then_some(&fargs), &mut errors);
    out.into_owned()
}

/// Whether the catalogue of `lang` has message `key`.
pub fn has(lang: Lang, key: &str) -> bool {
    bundle(lang).has_message(key)
}

/// The text of `key` in the process's language, or `None` when no catalogue has it.
pub fn lookup(key: &str) -> Option<String> {
    has(lang(), key).then(|| render(lang(), key, &[]))
}

/// A message kept as its id and variables, rendered when shown (in the language of that moment).
#[derive(Debug, Clone, PartialEq)]
pub struct Msg {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(key: &'static str) -> Self {
        Msg { key, args: Vec::new() }
    }
    pub fn arg(mut self, name: &'static str, v: impl ToArg) -> Self {
        self.args.push((name, v.to_arg()));
        self
    }
    pub fn render(&self, lang: Lang) -> String {
        render(lang, self.key, &self.args)
    }
}

impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.render(lang()))
    }
}

/// `t!("id")` or `t!("id", name = value, …)`: the message as a `String` in the chosen language.
#[macro_export]
macro_rules! t {
    ($key:literal $(,)?) => {
        $crate::i18n::render($crate::i18n::lang(), $key, &[])
    };
    ($key:literal, $($name:ident = $val:expr),+ $(,)?) => {
        $crate::i18n::render(
            $crate::i18n::lang(),
            $key,
            &[$((stringify!($name), $crate::i18n::ToArg::to_arg(&$val))),+],
        )
    };
}

/// `msg!("id", name = value, …)`: a [`Msg`] rendered later (for `reject(…)` and `.hint(…)`).
#[macro_export]
macro_rules! msg {
    ($key:literal $(,)?) => {
        $crate::i18n::Msg::new($key)
    };
    ($key:literal, $($name:ident = $val:expr),+ $(,)?) => {
        $crate::i18n::Msg {
            key: $key,
            args: vec![$((stringify!($name), $crate::i18n::ToArg::to_arg(&$val))),+],
        }
    };
}

#[cfg(test)]
mod tests;
