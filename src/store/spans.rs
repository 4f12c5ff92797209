//! The reports' copy of the findings' histories (`finding_spans`, migration 0002) kept once per
//! bulk write instead of row by row.
//!
//! The triggers of migration 0002 re-derive a finding's spans on every write to it, its history
//! or its visit (and its visit's void): right for a command that writes a few rows, costly for a write of thousands (a
//! city's bundle re-derived each finding once per event it carries). Inside one transaction,
//! [`defer`] takes those triggers out and puts in their place TEMP triggers that only note which
//! findings and visits were written; [`Deferred::finish`] re-derives the spans of exactly those
//! findings from `finding_spans_derived` (the view `check` compares the table with) and puts the
//! triggers back as they were. Everything happens in the caller's transaction: if it rolls back,
//! so does all of this, and no other connection ever sees the triggers missing.

use anyhow::Result;
use rusqlite::Connection;

/// The spans triggers taken out, to be put back by [`Deferred::finish`].
#[must_use = "the spans triggers must be put back with finish()"]
pub struct Deferred {
    triggers: Vec<String>,
}

const NOTE: &str = "
CREATE TEMP TABLE IF NOT EXISTS zf_spans_findings (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS zf_spans_visits (id TEXT PRIMARY KEY) WITHOUT ROWID;
DELETE FROM temp.zf_spans_findings;
DELETE FROM temp.zf_spans_visits;
CREATE TEMP TRIGGER zf_spans_event_insert AFTER INSERT ON main.finding_events BEGIN
    INSERT OR IGNORE INTO zf_spans_findings VALUES (NEW.finding_id);
END;
CREATE TEMP TRIGGER zf_spans_event_update AFTER UPDATE ON main.finding_events BEGIN
    INSERT OR IGNORE INTO zf_spans_findings VALUES (OLD.finding_id), (NEW.finding_id);
END;
CREATE TEMP TRIGGER zf_spans_event_delete AFTER DELETE ON main.finding_events BEGIN
    INSERT OR IGNORE INTO zf_spans_findings VALUES (OLD.finding_id);
END;
CREATE TEMP TRIGGER zf_spans_finding_insert AFTER INSERT ON main.findings BEGIN
    INSERT OR IGNORE INTO zf_spans_findings VALUES (NEW.id);
END;
CREATE TEMP TRIGGER zf_spans_finding_update AFTER UPDATE ON main.findings BEGIN
    INSERT OR IGNORE INTO zf_spans_findings VALUES (OLD.id), (NEW.id);
END;
CREATE TEMP TRIGGER zf_spans_finding_delete AFTER DELETE ON main.findings BEGIN
    INSERT OR IGNORE INTO zf_spans_findings VALUES (OLD.id);
END;
CREATE TEMP TRIGGER zf_spans_visit_insert AFTER INSERT ON main.visits BEGIN
    INSERT OR IGNORE INTO zf_spans_visits VALUES (NEW.id);
END;
CREATE TEMP TRIGGER zf_spans_visit_update AFTER UPDATE ON main.visits BEGIN
    INSERT OR IGNORE INTO zf_spans_visits VALUES (OLD.id), (NEW.id);
END;
CREATE TEMP TRIGGER zf_spans_void_insert AFTER INSERT ON main.visit_voids BEGIN
    INSERT OR IGNORE INTO zf_spans_visits VALUES (NEW.visit_id);
END;
CREATE TEMP TRIGGER zf_spans_void_update AFTER UPDATE ON main.visit_voids BEGIN
    INSERT OR IGNORE INTO zf_spans_visits VALUES (OLD.visit_id), (NEW.visit_id);
END;
CREATE TEMP TRIGGER zf_spans_void_delete AFTER DELETE ON main.visit_voids BEGIN
    INSERT OR IGNORE INTO zf_spans_visits VALUES (OLD.visit_id);
END;
";

const UNNOTE: &str = "
DROP TRIGGER temp.zf_spans_event_insert;
DROP TRIGGER temp.zf_spans_event_update;
DROP TRIGGER temp.zf_spans_event_delete;
DROP TRIGGER temp.zf_spans_finding_insert;
DROP TRIGGER temp.zf_spans_finding_update;
DROP TRIGGER temp.zf_spans_finding_delete;
DROP TRIGGER temp.zf_spans_visit_insert;
DROP TRIGGER temp.zf_spans_visit_update;
DROP TRIGGER temp.zf_spans_void_insert;
DROP TRIGGER temp.zf_spans_void_update;
DROP TRIGGER temp.zf_spans_void_delete;
";

/// Take the spans triggers out for the rest of the transaction (see the module's comment).
pub fn defer(conn: &Connection) -> Result<Deferred> {
    let mut st = conn.prepare(
        "SELECT name, sql FROM main.sqlite_master
         WHERE type = 'trigger' AND name LIKE 'finding\\_spans\\_%' ESCAPE '\\' ORDER BY rowid",
    )?;
    let found: Vec<(String, String)> =
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    drop(st);
    for (name, _) in &found {
        conn.execute_batch(&format!("DROP TRIGGER main.\"{}\"", name.replace('"', "\"\"")))?;
    }
    conn.execute_batch(NOTE)?;
    Ok(Deferred { triggers: found.into_iter().map(|(_, sql)| sql).collect() })
}

impl Deferred {
    /// Re-derive the spans of every finding written since [`defer`] (directly, through its
    /// history or through its visit) and put the triggers back. Returns how many findings were
    /// re-derived.
    pub fn finish(self, conn: &Connection) -> Result<usize> {
        conn.execute_batch(UNNOTE)?;
        conn.execute_batch(
            "INSERT OR IGNORE INTO temp.zf_spans_findings
                 SELECT f.id FROM temp.zf_spans_visits v JOIN main.findings f ON f.visit_id = v.id;
             DELETE FROM main.finding_spans WHERE finding_id IN (SELECT id FROM temp.zf_spans_findings);
             INSERT INTO main.finding_spans
                 SELECT * FROM main.finding_spans_derived WHERE finding_id IN (SELECT id FROM temp.zf_spans_findings);",
        )?;
        let n: i64 = conn.query_row("SELECT count(*) FROM temp.zf_spans_findings", [], |r| r.get(0))?;
        conn.execute_batch("DELETE FROM temp.zf_spans_findings; DELETE FROM temp.zf_spans_visits;")?;
        for sql in &self.triggers {
            conn.execute_batch(sql)?;
        }
        Ok(n as usize)
    }
}
