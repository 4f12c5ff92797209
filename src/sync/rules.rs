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

/// The table a rule is about, and the command that repairs a breach of it.
fn about(rule: &str) -> (&'static str, &'static str) {
    match rule {
        "group-size" => ("group_members", "remove a member: `zoufang group remove-member GROUP NAME`"),
        "group-leader" => ("group_members", "name its one leader: `zoufang group set-leader GROUP NAME`"),
        "participants" => (
            "visit_participants",
            "add them to the group: `zoufang group add-member GROUP NAME`, or name the visit's right participants: `zoufang visit edit ID --participants A,B --reason …`",
        ),
        "visit-size" => (
            "visit_participants",
            "name at most five participants: `zoufang visit edit ID --participants A,B --reason …`",
        ),
        "duplicate-visit" => (
            "visits",
            "void one of the visits, with a reason: `zoufang visit void ID --reason …`, or give the later one its revisit reason: `zoufang visit edit ID --revisit REASON --reason …`",
        ),
        "discipline" => (
            "visits",
            "correct the visit's discipline record: `zoufang visit edit ID --discipline-ok --reason …` (or `--violation CODE[:note]` for each prohibition broken)",
        ),
        "finding-history" => (
            "findings",
            "settle it with `zoufang conflict resolve` (its conflict) or move the finding on with `zoufang finding update`",
        ),
        "form-answers" => ("visits", "correct the answers: `zoufang visit edit ID --answer KEY=VALUE --reason …`"),
        crate::domain::attachment::CLOSE_RULE => (
            "attachments",
            "attach the photo of the rectified site: `zoufang attach add --finding ID --kind after PHOTO.jpg` (or the bureau switches the rule off for the work item: `zoufang attach rule --item N off`)",
        ),
        _ => ("", ""),
    }
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
                detail: repair.to_string(),
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
