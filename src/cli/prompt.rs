//! Line prompts for a clerk at a terminal, on stderr. Never used when stdin is not a terminal
//! or with --no-input.

use std::io::{BufRead, Write};

use anyhow::{bail, Result};

/// Ask one question; an empty answer gives `default`.
pub fn ask(question: &str, default: Option<&str>) -> Result<String> {
    let mut err = std::io::stderr().lock();
    match default {
        Some(d) if !d.is_empty() => write!(err, "{question} [{d}]: ")?,
        _ => write!(err, "{question}: ")?,
    }
    err.flush()?;
    let mut line = String::new();
    if std::io::stdin().lock().read_line(&mut line)? == 0 {
        bail!(crate::t!("prompt-input-ended"));
    }
    let answer = line.trim().to_string();
    Ok(if answer.is_empty() { default.unwrap_or("").to_string() } else { answer })
}

/// Ask until `parse` accepts the answer, showing why it did not.
pub fn ask_until<T>(question: &str, default: Option<&str>, parse: impl Fn(&str) -> Result<T>) -> Result<T> {
    loop {
        let a = ask(question, default)?;
        match parse(&a) {
            Ok(v) => return Ok(v),
            Err(e) => crate::note!("  {e}"),
        }
    }
}

pub fn confirm(question: &str) -> Result<bool> {
    let a = ask(&format!("{question} (y/n)"), Some("y"))?;
    Ok(matches!(a.to_lowercase().as_str(), "y" | "yes" | "是"))
}
