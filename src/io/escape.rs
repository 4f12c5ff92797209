//! Text from outside (imported files, bundles, answers, arguments) made harmless before it is
//! printed for a person: no byte of it can drive the terminal (set the window title, clear the
//! screen, ring the bell, move the cursor) or reorder what is shown (bidirectional overrides).
//!
//! Control characters (C0 other than newline and tab, DEL, C1) and the bidirectional formatting
//! characters are shown as visible escapes, `\u{1b}` — the text stays readable and the clerk can
//! see that something odd was in the file. Use `text` for messages (newlines kept) and `cell` for
//! table cells (a tab becomes a space, since a tab would break the box).
//!
//! Only what is shown to people is escaped: csv and json written for scripts keep the text as it
//! was (json escapes control characters in its own syntax; see `json_safe`).

use std::borrow::Cow;
use std::fmt::Write as _;

/// A character that must never reach a terminal as itself.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // bidirectional marks, embeddings, overrides and isolates
        | '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
        // line and paragraph separators move the cursor on some terminals
        | '\u{2028}' | '\u{2029}')
}

fn escape(s: &str, tab: Option<char>) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) || (c == '\t' && tab.is_some())) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c == '\t' {
            out.push(tab.unwrap_or('\t'));
        } else if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Text for a message on the terminal: newlines and tabs kept, every other control character and
/// bidirectional override shown as `\u{…}`.
pub fn text(s: &str) -> Cow<'_, str> {
    escape(s, None)
}

/// Text for a table cell: as `text`, and a tab becomes a space (a cell's width must be known).
/// A carriage return is escaped (it would move the cursor back over the row).
pub fn cell(s: &str) -> Cow<'_, str> {
    escape(s, Some(' '))
}

/// JSON text with the characters JSON leaves as themselves but a terminal would obey (DEL, C1,
/// bidirectional overrides) written as `\uXXXX`. The parsed value is unchanged: the escapes are
/// JSON's own, so scripts read the same strings.
pub fn json_safe(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        if is_unsafe(c) {
            // Control characters below 0x20 are already escaped by serde_json; the rest are single
            // UTF-16 units (all below U+FFFF).
            let _ = write!(out, "\\u{:04x}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Longest text one line of a message shows before it is cut (a 10 MB field is not echoed).
pub const MESSAGE_LINE_MAX: usize = 2_000;

/// One value on one line (a name, a code, a path quoted in a message): every unsafe character
/// escaped, newline and tab included.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) || c == '\n' || c == '\t') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) || c == '\n' || c == '\t' {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A value quoted inside a message: on one line, escaped, and cut to `max` characters with its
/// length said.
pub fn quote(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return one_line(s).into_owned();
    }
    let head: String = s.chars().take(max).collect();
    format!("{}… ({n} characters)", one_line(&head))
}

/// A message for stderr (what `note!` prints): escaped as `text`, each line cut at
/// `MESSAGE_LINE_MAX` characters.
pub fn message(s: &str) -> Cow<'_, str> {
    if !s.split('\n').any(|l| l.len() > MESSAGE_LINE_MAX) {
        return text(s);
    }
    let mut out = String::new();
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let n = line.chars().count();
        if n > MESSAGE_LINE_MAX {
            let head: String = line.chars().take(MESSAGE_LINE_MAX).collect();
            out.push_str(&text(&head));
            let _ = write!(out, "… ({} more characters)", n - MESSAGE_LINE_MAX);
        } else {
            out.push_str(&text(line));
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_cannot_drive_the_terminal() {
        let hostile = "A\u{1b}]0;PWNED\u{7}\u{1b}[2JB\u{8}C\u{202e}D\u{9b}E\u{7f}";
        let e = text(hostile);
        assert!(!e.chars().any(is_unsafe), "{e:?}");
        assert_eq!(e, "A\\u{1b}]0;PWNED\\u{7}\\u{1b}[2JB\\u{8}C\\u{202e}D\\u{9b}E\\u{7f}");
    }

    #[test]
    fn ordinary_text_is_not_copied() {
        assert!(matches!(text("安吉县 鄣吴村\n第二行\t制表"), Cow::Borrowed(_)));
        assert_eq!(cell("a\tb\r\nc"), "a b\\u{d}\nc");
    }

    #[test]
    fn json_keeps_its_meaning() {
        let v = serde_json::json!({ "name": "x\u{202e}y\u{9b}z\u{1b}" });
        let s = serde_json::to_string(&v).unwrap();
        let safe = json_safe(&s);
        assert!(!safe.chars().any(is_unsafe));
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, v);
    }
    #[test]
    fn quoted_values_stay_on_one_line_and_long_ones_are_cut() {
        assert_eq!(one_line("a\nb\tc\u{1b}"), "a\\u{a}b\\u{9}c\\u{1b}");
        let q = quote(&"x".repeat(10_000), 40);
        assert!(q.ends_with("… (10000 characters)"), "{q}");
        let raw = format!("bad\n{}\u{0}", "y".repeat(5_000));
        let m = message(&raw);
        assert!(m.len() < 2_100, "{}", m.len());
        assert!(m.starts_with("bad\n"));
        assert!(!m.chars().any(is_unsafe));
    }
}
