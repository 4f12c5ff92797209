//! Corrections (SPEC §2): a visit or finding is corrected the way a ledger is — the record keeps
//! its identity, every change names who, when and why, and nothing is erased.

use serde_json::{Map, Value};

use crate::error::{reject, Checked};
use crate::msg;

/// The longest reason kept: a sentence or two, as a ledger's margin holds.
pub const MAX_REASON: usize = 500;

/// Why a correction is made: required, one paragraph of plain text.
pub fn reason(raw: &str) -> Checked<String> {
    let r = raw.trim();
    if r.is_empty() {
        return Err(reject(msg!("correction-no-reason")).hint(msg!("correction-no-reason-hint")));
    }
    if r.chars().count() > MAX_REASON {
        return Err(reject(msg!("correction-reason-too-long", max = MAX_REASON)));
    }
    if r.chars().any(|c| c.is_control() && c != '\t' && c != '\n') {
        return Err(reject(msg!("correction-reason-control")));
    }
    Ok(r.to_string())
}

/// Whether a value given to a correction takes the field's value away (`--due none`).
pub fn clears(raw: &str) -> bool {
    matches!(raw.trim().to_ascii_lowercase().as_str(), "none" | "无" | "-")
}

/// The fields a correction changed, each as [before, after]; unchanged fields are left out.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Changes(pub Map<String, Value>);

impl Changes {
    pub fn note(&mut self, field: &str, before: impl Into<Value>, after: impl Into<Value>) {
        let (b, a) = (before.into(), after.into());
        if b != a {
            self.0.insert(field.to_string(), Value::Array(vec![b, a]));
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn fields(&self) -> Vec<&str> {
        self.0.keys().map(String::as_str).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_is_required_and_plain() {
        assert!(reason("  ").is_err());
        assert!(reason("bad\u{1b}[2J").is_err());
        assert!(reason(&"长".repeat(MAX_REASON + 1)).is_err());
        assert_eq!(reason(" 日期录错 ").unwrap(), "日期录错");
        assert!(clears(" None ") && clears("无") && !clears("2012-04-30"));
    }

    #[test]
    fn only_changed_fields_are_kept() {
        let mut c = Changes::default();
        c.note("date", "2012-03-01", "2012-03-02");
        c.note("notes", "x", "x");
        assert_eq!(c.fields(), vec!["date"]);
    }
}
