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
    breaches_in(conn, crate::store::check::Scope::All)
}

/// What an import changed that the rules read: the visits, findings and groups to check again,
/// or everything when it changed what many records depend on (a form, a history rewritten, a
/// resolution). A person's record (the leader mark) is read by the group rules only, which are
/// always checked whole.
#[derive(Debug, Default)]
pub struct Touched {
    visits: std::collections::BTreeSet<String>,
    findings: std::collections::BTreeSet<String>,
    groups: std::collections::BTreeSet<String>,
    everything: bool,
}

impl Touched {
    /// One change of a bundle: its table, whether it inserts, its key, and a column of its new row.
    pub fn note<'v>(
        &mut self,
        table: &str,
        insert: bool,
        key: &[rusqlite::types::Value],
        new: impl Fn(&str) -> Option<&'v rusqlite::types::Value>,
    ) {
        use rusqlite::types::Value::Text;
        let first = match key.first() {
            Some(Text(k)) => Some(k.clone()),
            _ => None,
        };
        match (table, first) {
            ("visits" | "visit_participants" | "visit_violations" | "visit_voids", Some(v)) => {
                self.visits.insert(v);
            }
            ("findings", Some(f)) => {
                self.findings.insert(f);
            }
            ("groups" | "group_members", Some(g)) => {
                self.groups.insert(g);
            }
            ("finding_events", _) if insert => match new("finding_id") {
                Some(Text(f)) => {
                    self.findings.insert(f.clone());
                }
                _ => self.everything = true,
            },
            ("visits" | "visit_participants" | "visit_violations" | "visit_voids" | "findings", None)
            | ("groups" | "group_members", None)
            | ("finding_events" | "forms" | "conflict_resolutions", _) => self.everything = true,
            // No rule reads the others, but the closing rule, which is always checked whole.
            _ => {}
        }
    }
}

/// The rules after an import: on what it touched (see `Touched`), the same rules `check` runs.
pub fn breaches_after(conn: &Connection, t: &Touched) -> Result<Vec<Breach>> {
    if t.everything {
        return breaches(conn);
    }
    conn.execute_batch(
        "CREATE TEMP TABLE IF NOT EXISTS zf_touched_visits (id TEXT PRIMARY KEY) WITHOUT ROWID;
         CREATE TEMP TABLE IF NOT EXISTS zf_touched_findings (id TEXT PRIMARY KEY) WITHOUT ROWID;
         CREATE TEMP TABLE IF NOT EXISTS zf_touched_groups (id TEXT PRIMARY KEY) WITHOUT ROWID;
         DELETE FROM temp.zf_touched_visits; DELETE FROM temp.zf_touched_findings;
         DELETE FROM temp.zf_touched_groups;",
    )?;
    let mut add = conn.prepare("INSERT OR IGNORE INTO temp.zf_touched_groups VALUES (?1)")?;
    for g in &t.groups {
        add.execute([g])?;
    }
    let mut add = conn.prepare("INSERT OR IGNORE INTO temp.zf_touched_visits VALUES (?1)")?;
    for v in &t.visits {
        add.execute([v])?;
    }
    let mut add = conn.prepare("INSERT OR IGNORE INTO temp.zf_touched_findings VALUES (?1)")?;
    for f in &t.findings {
        add.execute([f])?;
    }
    breaches_in(conn, crate::store::check::Scope::Touched)
}

fn breaches_in(conn: &Connection, scope: crate::store::check::Scope) -> Result<Vec<Breach>> {
    Ok(crate::store::check::rules_in(conn, scope)?
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
