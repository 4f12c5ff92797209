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
use rusqlite::types::Value;
use rusqlite::Connection;

use crate::sync::session::{Change, Op};
use crate::sync::values::Column;

/// The spans triggers taken out, to be put back by [`Deferred::finish`].
#[must_use = "the spans triggers must be put back with finish()"]
pub struct Deferred {
    triggers: Vec<String>,
    /// The TEMP triggers note what is written (else the caller does, see [`Deferred::note_change`]).
    by_triggers: bool,
}

/// The findings, visits and history events written, by id (events whose finding is looked up at
/// the end: an UPDATE's change need not carry its finding).
const NOTED: &str = "
CREATE TEMP TABLE IF NOT EXISTS zf_spans_findings (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS zf_spans_visits (id TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TEMP TABLE IF NOT EXISTS zf_spans_events (id TEXT PRIMARY KEY) WITHOUT ROWID;
DELETE FROM temp.zf_spans_findings;
DELETE FROM temp.zf_spans_visits;
DELETE FROM temp.zf_spans_events;
";

const NOTE: &str = "
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
    let triggers = take_triggers(conn)?;
    conn.execute_batch(NOTED)?;
    conn.execute_batch(NOTE)?;
    Ok(Deferred { triggers, by_triggers: true })
}

/// [`defer`] for a write whose every row change the caller reads before making it (`sync import`
/// reads each change of a bundle before applying it): the caller notes them
/// ([`Deferred::note_change`]) instead of TEMP triggers, until [`Deferred::note_by_triggers`]. A
/// trigger on each table written made every single-row INSERT a statement that keeps its own
/// journal: a tenth of a city's bundle's import.
pub fn defer_noted_by_caller(conn: &Connection) -> Result<Deferred> {
    let triggers = take_triggers(conn)?;
    conn.execute_batch(NOTED)?;
    Ok(Deferred { triggers, by_triggers: false })
}

/// Drop the spans triggers; returns their SQL, to be run again to put them back.
pub(crate) fn take_triggers(conn: &Connection) -> Result<Vec<String>> {
    Ok(super::take_out(conn, "trigger", "finding\\_spans\\_%")?.into_iter().map(|(_, sql)| sql).collect())
}

/// Derive every finding's spans afresh, whatever the table held: for a bulk write that wrote
/// (nearly) every finding, cheaper than noting them one by one. The rows go in in the table's key
/// order, so that each lands at the end of its b-tree instead of all over it.
pub(crate) fn derive_all(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM main.finding_spans;
         INSERT INTO main.finding_spans
             SELECT * FROM main.finding_spans_derived ORDER BY to_date, finding_id, from_date;",
    )?;
    Ok(())
}

impl Deferred {
    /// Back to noting by the caller after [`Self::note_by_triggers`].
    pub fn note_by_caller(&mut self, conn: &Connection) -> Result<()> {
        if self.by_triggers {
            conn.execute_batch(UNNOTE)?;
            self.by_triggers = false;
        }
        Ok(())
    }

    /// The TEMP triggers note again: for writes the caller does not read as changes.
    pub fn note_by_triggers(&mut self, conn: &Connection) -> Result<()> {
        if !self.by_triggers {
            conn.execute_batch(NOTE)?;
            self.by_triggers = true;
        }
        Ok(())
    }

    /// Note a change about to be made (see [`defer_noted_by_caller`]): what the triggers would
    /// note of it once made. `cols` are its table's columns.
    pub fn note_change(&self, conn: &Connection, ch: &Change, cols: &[Column]) -> Result<()> {
        let text = |v: Option<&Option<Value>>| match v {
            Some(Some(Value::Text(t))) => Some(t.clone()),
            _ => None,
        };
        let key = match ch.key().into_iter().next() {
            Some(Value::Text(k)) => Some(k),
            _ => None,
        };
        const FINDING: &str = "INSERT OR IGNORE INTO temp.zf_spans_findings VALUES (?1)";
        const VISIT: &str = "INSERT OR IGNORE INTO temp.zf_spans_visits VALUES (?1)";
        const EVENT: &str = "INSERT OR IGNORE INTO temp.zf_spans_events VALUES (?1)";
        let note = |sql: &str, id: Option<String>| -> Result<()> {
            if let Some(id) = id {
                conn.prepare_cached(sql)?.execute([id])?;
            }
            Ok(())
        };
        match ch.table.as_str() {
            "findings" => note(FINDING, key),
            "visits" | "visit_voids" => note(VISIT, key),
            "finding_events" => {
                // An insert carries its finding, a delete the row it removes; an update carries
                // the finding only when it changes it, so the event is looked up at the end.
                if let Some(i) = cols.iter().position(|c| c.name == "finding_id") {
                    note(FINDING, text(ch.old.get(i)))?;
                    note(FINDING, text(ch.new.get(i)))?;
                }
                if ch.op == Op::Update {
                    note(EVENT, key)?;
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// Re-derive the spans of every finding written since [`defer`] (directly, through its
    /// history or through its visit) and put the triggers back. Returns how many findings were
    /// re-derived.
    pub fn finish(self, conn: &Connection) -> Result<usize> {
        if self.by_triggers {
            conn.execute_batch(UNNOTE)?;
        }
        conn.execute_batch(
            "INSERT OR IGNORE INTO temp.zf_spans_findings
                 SELECT finding_id FROM main.finding_events WHERE id IN temp.zf_spans_events;
             INSERT OR IGNORE INTO temp.zf_spans_findings
                 SELECT f.id FROM temp.zf_spans_visits v JOIN main.findings f ON f.visit_id = v.id;
             DELETE FROM main.finding_spans WHERE finding_id IN (SELECT id FROM temp.zf_spans_findings);
             INSERT INTO main.finding_spans
                 SELECT * FROM main.finding_spans_derived WHERE finding_id IN (SELECT id FROM temp.zf_spans_findings);",
        )?;
        let n: i64 = conn.query_row("SELECT count(*) FROM temp.zf_spans_findings", [], |r| r.get(0))?;
        conn.execute_batch(
            "DELETE FROM temp.zf_spans_findings; DELETE FROM temp.zf_spans_visits; DELETE FROM temp.zf_spans_events;",
        )?;
        for sql in &self.triggers {
            conn.execute_batch(sql)?;
        }
        Ok(n as usize)
    }
}
