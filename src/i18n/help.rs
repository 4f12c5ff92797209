//! `--help` and clap's own words in the reader's language.
//!
//! The clap tree derived from `cli::Cli` is walked once before parsing (as uutils localises its
//! commands) and every text a person reads is taken from the catalogues where they have it:
//! - a command's description: `help-<path>`, `<path>` being the subcommand names joined by `-`
//!   (`help-visit-log`); the top level is `help-zoufang`;
//! - an option's or argument's description: `help-<path>--<id>` (`help-visit-log--discipline-ok`,
//!   `help-zoufang--db` for the global ones); a first line is the short help, the whole text
//!   the long one;
//! - examples: `help-<path>-examples` (shown under "示例：" / "Examples:");
//! - clap's own words (Usage, Options, Print help, possible values, default, env): `clap-*`.
//!
//! The doc comments on the clap structs stay as the developers' description; where a catalogue
//! has no entry, they are shown as they are (the help test then fails in Chinese).

use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};

use super::{has, lang, render, Arg as A, Lang};

fn text(key: &str) -> String {
    render(lang(), key, &[])
}

fn found(key: &str) -> Option<String> {
    has(lang(), key).then(|| text(key))
}

/// The key stem of a command path: `zoufang` for the top, else the names after it joined by `-`.
fn stem(path: &[String]) -> String {
    if path.is_empty() {
        "zoufang".to_string()
    } else {
        path.join("-")
    }
}

/// The catalogue id of an option's description.
pub fn arg_key(path: &[String], id: &str) -> String {
    format!("help-{}--{}", stem(path), id.replace('_', "-"))
}

/// The catalogue id of a command's description.
pub fn cmd_key(path: &[String]) -> String {
    format!("help-{}", stem(path))
}

/// The clap tree with every description, heading and clap word in the process's language.
pub fn localize(cmd: Command) -> Command {
    walk(cmd, &mut Vec::new())
}

fn walk(mut cmd: Command, path: &mut Vec<String>) -> Command {
    let key = cmd_key(path);
    if let Some(about) = found(&key) {
        let (short, long) = split(&about);
        cmd = cmd.about(short);
        cmd = match long {
            Some(l) => cmd.long_about(l),
            None => cmd.long_about(None::<&'static str>),
        };
    }
    let from_catalogue = found(&format!("{key}-examples"))
        .map(|ex| ex.lines().map(|l| format!("  {l}")).collect::<Vec<_>>().join("\n"));
    let examples = from_catalogue.or_else(|| {
        cmd.get_after_help().map(|h| {
            let h = h.to_string();
            h.strip_prefix("Examples:\n").or_else(|| h.strip_prefix("Example:\n")).unwrap_or(&h).to_string()
        })
    });
    if let Some(ex) = examples {
        cmd = cmd.after_help(format!("{}\n{}", text("clap-examples"), ex.trim_end()));
    }
    cmd = cmd
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{} {{usage}}\n\n{{all-args}}{{after-help}}",
            text("clap-usage")
        ))
        .subcommand_help_heading(text("clap-commands"))
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(text("clap-help"))
                .help_heading(text("clap-options")),
        );
    if path.is_empty() {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(text("clap-version"))
                .help_heading(text("clap-options")),
        );
    }
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        if id == "help" || (id == "version" && path.is_empty()) {
            continue;
        }
        let help = found(&arg_key(path, &id));
        cmd = cmd.mut_arg(&id, |a| localize_arg(a, help));
    }
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for name in names {
        path.push(name.clone());
        let p = path.clone();
        cmd = cmd.mut_subcommand(&name, |s| walk(s, &mut p.clone()));
        path.pop();
    }
    cmd
}

/// The first line as the short text; the whole as the long one when there is more.
fn split(s: &str) -> (String, Option<String>) {
    let first = s.lines().next().unwrap_or("").to_string();
    let long = (s.trim_end() != first).then(|| s.trim_end().to_string());
    (first, long)
}

fn localize_arg(mut a: Arg, help: Option<String>) -> Arg {
    let mut help = help.or_else(|| a.get_help().map(|h| h.to_string())).unwrap_or_default();
    let mut notes = Vec::new();
    let values = a.get_possible_values();
    if !values.is_empty() && !a.is_hide_possible_values_set() && a.get_action().takes_values() {
        let shown: Vec<String> = values
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| {
                let label = v.get_name_and_aliases().find(|n| !n.is_ascii());
                match (lang(), label) {
                    (Lang::Zh, Some(l)) => format!("{}（{l}）", v.get_name()),
                    _ => v.get_name().to_string(),
                }
            })
            .collect();
        notes.push(render(
            lang(),
            "clap-possible-values",
            &[("values", A::Str(shown.join(text("clap-list-sep").as_str())))],
        ));
        a = a.hide_possible_values(true);
    }
    let defaults = a.get_default_values();
    if !defaults.is_empty() && !a.is_hide_default_value_set() && a.get_action().takes_values() {
        let d: Vec<String> = defaults.iter().map(|d| d.to_string_lossy().to_string()).collect();
        notes.push(render(lang(), "clap-default", &[("value", A::Str(d.join(" ")))]));
        a = a.hide_default_value(true);
    }
    if let Some(env) = a.get_env() {
        if !a.is_hide_env_set() {
            notes.push(render(lang(), "clap-env", &[("name", A::Str(env.to_string_lossy().to_string()))]));
            a = a.hide_env(true);
        }
    }
    if !notes.is_empty() {
        help = format!("{help} {}", notes.join(" "));
    }
    let (short, long) = split(&help);
    a = a.help(short);
    a = match long {
        Some(l) => a.long_help(l),
        None => a.long_help(None::<&'static str>),
    };
    if a.get_help_heading().is_none() {
        let heading = if a.is_positional() { text("clap-arguments") } else { text("clap-options") };
        a = a.help_heading(heading);
    }
    a
}

/// A clap error said in the reader's language: help and version as clap prints them (already
/// localised), the rest in Chinese where `--lang zh`; clap's own English for `--lang en`.
/// Returns the text to print on stderr, or `None` where clap's own printing is right.
pub fn clap_error(e: &clap::Error) -> Option<String> {
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) || lang() == Lang::En
    {
        return None;
    }
    let get = |k: ContextKind| -> String {
        match e.get(k) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join(text("clap-list-sep").as_str()),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::StyledStrs(v)) => {
                v.iter().map(StyledStr::to_string).collect::<Vec<_>>().join(text("clap-list-sep").as_str())
            }
            Some(ContextValue::Number(n)) => n.to_string(),
            _ => String::new(),
        }
    };
    let r = |key: &str, args: &[(&str, String)]| -> String {
        let args: Vec<(&str, A)> = args.iter().map(|(n, v)| (*n, A::Str(v.clone()))).collect();
        render(lang(), key, &args)
    };
    let arg = get(ContextKind::InvalidArg);
    let value = get(ContextKind::InvalidValue);
    let main = match e.kind() {
        ErrorKind::InvalidValue => r("clap-err-invalid-value", &[("arg", arg), ("value", value)]),
        ErrorKind::UnknownArgument => r("clap-err-unknown-argument", &[("arg", arg)]),
        ErrorKind::InvalidSubcommand => {
            r("clap-err-invalid-subcommand", &[("name", get(ContextKind::InvalidSubcommand))])
        }
        ErrorKind::MissingRequiredArgument => r("clap-err-missing-required", &[("args", arg)]),
        ErrorKind::MissingSubcommand => {
            r("clap-err-missing-subcommand", &[("name", get(ContextKind::InvalidSubcommand))])
        }
        ErrorKind::ArgumentConflict => {
            r("clap-err-conflict", &[("arg", arg), ("other", get(ContextKind::PriorArg))])
        }
        ErrorKind::NoEquals => r("clap-err-no-equals", &[("arg", arg)]),
        ErrorKind::ValueValidation => {
            let cause = std::error::Error::source(e).map(|c| c.to_string()).unwrap_or_default();
            r("clap-err-value-validation", &[("arg", arg), ("value", value), ("reason", cause)])
        }
        ErrorKind::TooManyValues => r("clap-err-too-many-values", &[("arg", arg), ("value", value)]),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            r("clap-err-wrong-number-of-values", &[("arg", arg)])
        }
        ErrorKind::InvalidUtf8 => r("clap-err-invalid-utf8", &[]),
        _ => return None,
    };
    let mut out = r("error-line", &[("message", main)]);
    let valid = get(ContextKind::ValidValue);
    if !valid.is_empty() {
        out.push('\n');
        out.push_str(&r("clap-err-valid-values", &[("values", valid)]));
    }
    let suggested =
        [ContextKind::SuggestedSubcommand, ContextKind::SuggestedArg, ContextKind::SuggestedValue]
            .into_iter()
            .map(get)
            .find(|s| !s.is_empty());
    if let Some(s) = suggested {
        out.push('\n');
        out.push_str(&r("clap-err-did-you-mean", &[("suggestion", s)]));
    }
    let usage = get(ContextKind::Usage);
    if !usage.is_empty() {
        let usage = usage.trim().trim_start_matches("Usage:").trim().to_string();
        out.push_str("\n\n");
        out.push_str(&format!("{} {usage}", text("clap-usage")));
    }
    out.push_str("\n\n");
    out.push_str(&text("clap-err-more-help"));
    out.push('\n');
    Some(out)
}
