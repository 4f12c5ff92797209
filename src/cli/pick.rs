//! Pick-lists for a clerk at a terminal (inquire, rendered on standard error): one choice narrowed
//! by typing part of it, several choices ticked, a line checked as it is typed. A wrong answer is
//! shown with its reason and the same question stays open to be fixed; Ctrl-C or Esc stops the
//! command with nothing written (exit 130). Used only when `Ctx::interactive`.

use std::fmt;

use anyhow::Result;
use inquire::list_option::ListOption;
use inquire::ui::RenderConfig;
use inquire::validator::Validation;
use inquire::{InquireError, MultiSelect, Select, Text};

use crate::error::Interrupted;
use crate::t;

fn stop(e: InquireError) -> anyhow::Error {
    match e {
        InquireError::OperationCanceled | InquireError::OperationInterrupted => Interrupted.into(),
        other => anyhow::Error::new(other).context(t!("pick-failed")),
    }
}

/// One option of a list: what is returned, and how it reads.
#[derive(Debug, Clone)]
pub struct Choice<T> {
    pub value: T,
    pub label: String,
}

impl<T> fmt::Display for Choice<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// An option; its label is escaped, since names come from files and other laptops.
pub fn choice<T>(value: T, label: impl AsRef<str>) -> Choice<T> {
    Choice { value, label: crate::io::escape::one_line(label.as_ref()).into_owned() }
}

/// What was typed narrows the list to the options holding every word of it (a Chinese name is
/// found by any run of its characters, a code by any part), kept in their own order.
fn part_of<T>(input: &str, _: &Choice<T>, text: &str, index: usize) -> Option<i64> {
    let text = text.to_lowercase();
    let all = input.split_whitespace().all(|w| text.contains(&w.to_lowercase()));
    all.then(|| -i64::try_from(index).unwrap_or(i64::MAX))
}

const PAGE: usize = 10;

/// Colour as the rest of the output has it (NO_COLOR, --color never: none).
fn look() -> RenderConfig<'static> {
    if crate::io::term::get().color {
        RenderConfig::default_colored()
    } else {
        RenderConfig::empty()
    }
}

/// One of `options`; typing narrows the list.
pub fn one<T>(question: &str, options: Vec<Choice<T>>) -> Result<T> {
    let help = t!("pick-help-one");
    Select::new(question, options)
        .with_page_size(PAGE)
        .with_scorer(&part_of)
        .with_help_message(&help)
        .with_render_config(look())
        .prompt()
        .map(|c| c.value)
        .map_err(stop)
}

/// Several of `options` (space ticks one); `check` refuses a selection with its reason and the
/// question stays open.
pub fn several<T: Clone + 'static>(
    question: &str,
    options: Vec<Choice<T>>,
    check: impl Fn(&[T]) -> Result<(), String> + Clone + 'static,
) -> Result<Vec<T>> {
    let help = t!("pick-help-several");
    MultiSelect::new(question, options)
        .with_page_size(PAGE)
        .with_scorer(&part_of)
        .with_help_message(&help)
        .with_render_config(look())
        .with_validator(move |chosen: &[ListOption<&Choice<T>>]| {
            let values: Vec<T> = chosen.iter().map(|o| o.value.value.clone()).collect();
            Ok(match check(&values) {
                Ok(()) => Validation::Valid,
                Err(why) => Validation::Invalid(why.into()),
            })
        })
        .prompt()
        .map(|v| v.into_iter().map(|c| c.value).collect())
        .map_err(stop)
}

/// A line of text, checked by `check` when Enter is pressed: a refusal is shown and the line
/// stays as typed, to be fixed. `default` is offered and taken on an empty Enter.
pub fn line(
    question: &str,
    default: Option<&str>,
    check: impl Fn(&str) -> Result<(), String> + Clone,
) -> Result<String> {
    let mut prompt = Text::new(question).with_render_config(look()).with_validator(move |s: &str| {
        Ok(match check(s.trim()) {
            Ok(()) => Validation::Valid,
            Err(why) => Validation::Invalid(why.into()),
        })
    });
    if let Some(d) = default {
        prompt = prompt.with_default(d);
    }
    prompt.prompt().map(|s| s.trim().to_string()).map_err(stop)
}

/// A line that may not be left empty.
pub fn needed(question: &str, what: &str) -> Result<String> {
    let what = what.to_string();
    line(question, None, move |s| if s.is_empty() { Err(t!("pick-required", field = what)) } else { Ok(()) })
}

/// Yes or no, as a two-item list.
pub fn yes_no(question: &str, yes: &str, no: &str) -> Result<bool> {
    one(question, vec![choice(true, yes), choice(false, no)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_typed_narrows_the_list_in_its_own_order() {
        let c = choice(1, "鄣吴村委会 · 鄣吴镇 · 安吉县 · 330523103207");
        assert_eq!(part_of("鄣吴", &c, &c.label, 3), Some(-3));
        assert_eq!(part_of("鄣吴镇 3305", &c, &c.label, 0), Some(0));
        assert_eq!(part_of("递铺", &c, &c.label, 0), None);
        assert_eq!(part_of("", &c, &c.label, 1), Some(-1));
    }

    #[test]
    fn labels_from_outside_cannot_drive_the_terminal() {
        let c = choice(1, "坏\u{1b}[2J名");
        assert!(!c.label.contains('\u{1b}'));
    }
}
