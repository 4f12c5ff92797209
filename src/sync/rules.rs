//! Rules that span records, checked again after a merge: two databases may each have accepted a
//! record that is fine alone and breaks a rule together (SPEC §4). They are exactly the rules
//! `check` runs ([`crate::store::check::rules`], one rule set); here each breach is given the
//! command that repairs it, and `conflict list` shows them, never accepting one silently.

use anyhow::Result;
use rusqlite::Connection;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breach {
    /// The rule, as `check` names it: group-size, group-leader, participants, visit-size,
    /// duplicate-visit, discipline, finding-history, form-answers, after-photo-to-close.
    pub kind: &'static str,
    pub table: &'static str,
    /// The record, as `check` names it (table:key), keys shortened.
    pub record: String,
    /// What is wrong.
    pub items: Vec<String>,
    /// The command that repairs it.
    pub detail: String,
}

/// The table a rule is about, and the command that repairs a breach of it (in the reader's
/// language).
fn about(rule: &str) -> (&'static str, String) {
    let (table, repair) = match rule {
        "group-size" => ("group_members", crate::t!("rule-repair-group-size")),
        "group-leader" => ("group_members", crate::t!("rule-repair-group-leader")),
        "participants" => ("visit_participants", crate::t!("rule-repair-participants")),
        "visit-size" => ("visit_participants", crate::t!("rule-repair-visit-size")),
        "duplicate-visit" => ("visits", crate::t!("rule-repair-duplicate-visit")),
        "discipline" => ("visits", crate::t!("rule-repair-discipline")),
        "finding-history" => ("findings", crate::t!("rule-repair-finding-history")),
        "form-answers" => ("visits", crate::t!("rule-repair-form-answers")),
        crate::domain::attachment::CLOSE_RULE => {
            ("attachments", crate::t!("rule-repair-after-photo-to-close"))
        }
        _ => ("", String::new()),
    };
    (table, repair)
}

/// "visit:65ad…" → "visit:65ad8091".
fn short_record(record: &str) -> String {
    match record.split_once(':') {
        Some((t, k)) => format!("{t}:{}", super::short(k)),
        None => record.to_string(),
    }
}

pub fn breaches(conn: &Connection) -> Result<Vec<Breach>> {
    Ok(crate::store::check::rules(conn)?
        .into_iter()
        .map(|b| {
            let (table, repair) = about(b.rule);
            Breach {
                kind: b.rule,
                table,
                record: short_record(&b.record),
                items: vec![b.detail],
                detail: repair,
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_rule_of_check_has_a_repair() {
        for rule in [
            "group-size",
            "group-leader",
            "participants",
            "visit-size",
            "duplicate-visit",
            "discipline",
            "finding-history",
            "form-answers",
            crate::domain::attachment::CLOSE_RULE,
        ] {
            assert!(!super::about(rule).1.is_empty(), "{rule}");
        }
        assert_eq!(super::short_record("visit:0123456789abcdef"), "visit:01234567");
    }
}
