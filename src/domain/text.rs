//! Text from outside (imported files, arguments, bundles, answers) checked on the way in: no
//! control character but tab and newline, and a sane length. What passes can still be shown
//! escaped (`io::escape`), but it is not stored to drive a terminal later.

use crate::error::{reject, Checked};
use crate::i18n::ToArg;
use crate::io::escape;
use crate::msg;

/// Longest name (an enterprise, a village, a person, a zone), in characters: the longest
/// registered enterprise names are under 100.
pub const NAME_MAX: usize = 200;
/// Longest free text (a note, a description, an answer), in characters.
pub const TEXT_MAX: usize = 20_000;

/// Whether `c` may not appear in a name or a code: a control character (other than tab and
/// newline), a bidirectional override or isolate, a line or paragraph separator.
pub fn forbidden(c: char) -> bool {
    c != '\t' && c != '\n' && escape::is_unsafe(c)
}

/// Check text for `what` (a phrase of the catalogue, e.g. `msg!("text-what-enterprise-name", uscc
/// = …)`, or plain text): trimmed, no forbidden character, at most `max` characters. A Windows line
/// end (CR LF) counts as a newline.
pub fn checked(what: impl ToArg, raw: &str, max: usize) -> Checked<String> {
    let s = raw.trim();
    let s = if s.contains('\r') { s.replace("\r\n", "\n") } else { s.to_string() };
    check(what, &s, max)?;
    Ok(s)
}

/// The checks of [`checked`] on `s` as it is (not trimmed): no forbidden character, at most `max`
/// characters. Arguments on the command line are checked so too.
pub fn check(what: impl ToArg, s: &str, max: usize) -> Checked<()> {
    if let Some((i, c)) = s.chars().enumerate().find(|(_, c)| forbidden(*c)) {
        return Err(reject(msg!(
            "text-control-character",
            what = what.to_arg(),
            char = escape::one_line(&c.to_string()),
            at = i + 1,
            text = escape::quote(s, 60)
        ))
        .hint(msg!("text-control-character-hint")));
    }
    let n = s.chars().count();
    if n > max {
        return Err(reject(msg!(
            "text-too-long",
            what = what.to_arg(),
            n = n,
            max = max,
            text = escape::quote(s, 40)
        ))
        .hint(msg!("text-too-long-hint")));
    }
    Ok(())
}

/// A name: see `checked`, at most `NAME_MAX` characters.
pub fn name(what: impl ToArg, raw: &str) -> Checked<String> {
    checked(what, raw, NAME_MAX)
}

/// Free text: see `checked`, at most `TEXT_MAX` characters.
pub fn text(what: impl ToArg, raw: &str) -> Checked<String> {
    checked(what, raw, TEXT_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_refused_and_named() {
        let e = name("the name", "A\u{1b}]0;PWNED\u{7}").unwrap_err();
        assert!(
            e.message.render(crate::i18n::Lang::En).contains("\\u{1b}")
                && e.message.render(crate::i18n::Lang::En).contains("character 2"),
            "{}",
            e.message
        );
        assert!(!e.message.to_string().contains('\u{1b}'), "the message itself is escaped");
        assert!(name("the name", "a\u{202e}b").is_err());
        assert!(name("the name", "a\u{8}b").is_err());
        assert!(name("the name", "a\u{0}b").is_err());
        assert_eq!(name("the name", "  安吉\t县 ").unwrap(), "安吉\t县");
        assert_eq!(text("a note", "one\r\ntwo").unwrap(), "one\ntwo");
    }

    #[test]
    fn lengths_are_bounded() {
        assert!(name("the name", &"名".repeat(NAME_MAX)).is_ok());
        let e = name("the name", &"x".repeat(10 << 20)).unwrap_err();
        assert!(
            e.message.render(crate::i18n::Lang::En).len() < 300,
            "{}",
            e.message.render(crate::i18n::Lang::En).len()
        );
        assert!(e.message.render(crate::i18n::Lang::En).contains("10485760 characters"), "{}", e.message);
    }
}
