//! Corrections of visits and findings: voids and edits, each kept with who, when and why in the
//! exchanged `corrections` table (and the command in the local audit log).

use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};

use super::Writer;
use crate::domain::correction::Changes;
use crate::domain::reference;
use crate::domain::sets::{label_of, Category};
use crate::error::reject;
use crate::msg;

/// A visit's void: why, by whom, when.
#[derive(Debug, Clone)]
pub struct Void {
    pub reason: String,
    pub by: String,
    pub at: String,
}

pub fn void_of(conn: &Connection, visit: &str) -> Result<Option<Void>> {
    Ok(conn
        .prepare_cached("SELECT reason, voided_by, voided_at FROM visit_voids WHERE visit_id = ?1")?
        .query_row([visit], |r| Ok(Void { reason: r.get(0)?, by: r.get(1)?, at: r.get(2)? }))
        .optional()?)
}

/// Refuse to correct or add to a voided visit: it is kept as it was.
pub fn refuse_voided(conn: &Connection, visit: &str) -> Result<()> {
    if let Some(v) = void_of(conn, visit)? {
        let on = &v.at[..v.at.len().min(10)];
        let said = msg!(
            "visit-is-voided",
            id = super::ids::short(visit),
            on = on,
            by = v.by.as_str(),
            reason = v.reason.as_str()
        );
        return Err(reject(said).hint(msg!("visit-is-voided-hint")).into());
    }
    Ok(())
}

/// Milliseconds, so that corrections made in one second (a script's) keep their order.
fn now() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%.3f%:z").to_string()
}

/// Keep one correction of `record` (in `tbl`: visits or findings).
pub fn record(
    w: &mut Writer,
    tbl: &str,
    record: &str,
    changes: &Changes,
    reason: &str,
    who: &str,
) -> Result<()> {
    w.tx.prepare_cached(
        "INSERT INTO corrections(id, tbl, record, changes, reason, who, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        super::ids::new_id(),
        tbl,
        record,
        serde_json::to_string(&changes.0)?,
        reason,
        who,
        now()
    ])?;
    w.touch("correction", record);
    Ok(())
}

/// Void a visit: kept, marked, counted nowhere; its findings go with it. Returns the ids of its
/// findings.
pub fn void_visit(w: &mut Writer, visit: &str, reason: &str, who: &str) -> Result<Vec<String>> {
    refuse_voided(&w.tx, visit)?;
    let at = now();
    w.tx.prepare_cached(
        "INSERT INTO visit_voids(visit_id, reason, voided_by, voided_at) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![visit, reason, who, at])?;
    let mut changes = Changes::default();
    changes.note("voided", false, true);
    record(w, "visits", visit, &changes, reason, who)?;
    w.touch("visit", visit);
    let findings: Vec<String> =
        w.tx.prepare_cached("SELECT id FROM findings WHERE visit_id = ?1 ORDER BY created_on, id")?
            .query_map([visit], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
    Ok(findings)
}

/// One correction as shown: when, who, what changed, why.
#[derive(Debug, Clone)]
pub struct Shown {
    pub at: String,
    pub who: String,
    pub changes: String,
    pub reason: String,
}

pub fn history(conn: &Connection, record: &str) -> Result<Vec<Shown>> {
    let mut stmt = conn.prepare_cached(
        "SELECT at, who, changes, reason FROM corrections WHERE record = ?1 ORDER BY at, rowid",
    )?;
    let rows = stmt.query_map([record], |r| {
        let raw: String = r.get(2)?;
        let changes = match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&raw) {
            Ok(m) => m
                .iter()
                .map(|(k, v)| match v.as_array().map(Vec::as_slice) {
                    Some([b, a]) => format!("{}: {} → {}", field_label(k), shown(k, b), shown(k, a)),
                    _ => field_label(k),
                })
                .collect::<Vec<_>>()
                .join("; "),
            Err(_) => raw,
        };
        Ok(Shown { at: r.get(0)?, who: r.get(1)?, changes, reason: r.get(3)? })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A record's corrections, one line each (`visit show`, `finding show`).
pub fn history_text(conn: &Connection, record: &str) -> Result<String> {
    let lines: Vec<String> = history(conn, record)?
        .into_iter()
        .map(|c| {
            crate::t!(
                "visit-shown-correction",
                on = &c.at[..c.at.len().min(10)],
                by = c.who.as_str(),
                changes = c.changes.as_str(),
                reason = c.reason.as_str()
            )
        })
        .collect();
    Ok(lines.join("\n"))
}

/// A corrected field as people read it (日期, 反馈表 households …).
pub fn field_label(field: &str) -> String {
    match field.strip_prefix("answers.") {
        Some(key) => crate::t!("correction-field-answer", key = key),
        None => crate::i18n::lookup(&format!("correction-field-{}", field.replace('_', "-")))
            .unwrap_or_else(|| field.to_string()),
    }
}

/// The fields of a correction, as people read them, in one line.
pub fn field_labels(changes: &Changes) -> String {
    let labels: Vec<String> = changes.fields().into_iter().map(field_label).collect();
    labels.join(&crate::t!("clap-list-sep"))
}

/// A value before or after a correction, as people read it: labels for codes.
fn shown(field: &str, v: &serde_json::Value) -> String {
    use serde_json::Value;
    let sep = crate::t!("clap-list-sep");
    match (field, v) {
        (_, Value::Null) => "—".into(),
        ("category", Value::String(c)) => label_of::<Category>(c),
        ("discipline", Value::Array(a)) if a.is_empty() => crate::t!("visit-discipline-kept"),
        ("discipline", Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(|v| match v.split_once(':') {
                Some((code, note)) => format!("{}({note})", reference::prohibition_label(code)),
                None => reference::prohibition_label(v),
            })
            .collect::<Vec<_>>()
            .join(&sep),
        (_, Value::Bool(true)) => crate::t!("yes"),
        (_, Value::Bool(false)) => crate::t!("no"),
        (_, Value::Array(a)) => a.iter().map(|x| shown("", x)).collect::<Vec<_>>().join(&sep),
        (_, Value::String(s)) => s.clone(),
        (_, other) => other.to_string(),
    }
}
