//! Form definitions per database, versioned.

use anyhow::{Context, Result};
use rusqlite::{Connection, OptionalExtension};

use super::Writer;
use crate::domain::form::{self, FormDef};

/// The newest version of a form: (version, definition).
pub fn current(conn: &Connection, kind: &str) -> Result<(i64, FormDef)> {
    let (version, text): (i64, String) = conn
        .prepare_cached(
            "SELECT version, definition FROM forms WHERE kind = ?1 ORDER BY version DESC LIMIT 1",
        )?
        .query_row([kind], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .with_context(|| crate::t!("form-missing", kind = kind))?;
    Ok((version, form::parse_def(&text, kind)?))
}

pub fn version(conn: &Connection, kind: &str, version: i64) -> Result<FormDef> {
    let text: String = conn
        .prepare_cached("SELECT definition FROM forms WHERE kind = ?1 AND version = ?2")?
        .query_row((kind, version), |r| r.get(0))
        .with_context(|| crate::t!("form-version-missing", kind = kind, version = version))?;
    Ok(form::parse_def(&text, kind)?)
}

/// Store a new version of a form; visits filled before keep theirs.
pub fn define(w: &mut Writer, def: &FormDef, on: &str) -> Result<i64> {
    let next: i64 = w.tx.query_row(
        "SELECT coalesce(max(version), 0) + 1 FROM forms WHERE kind = ?1",
        [&def.kind],
        |r| r.get(0),
    )?;
    w.tx.execute(
        "INSERT INTO forms(kind, version, definition, defined_on) VALUES (?1, ?2, ?3, ?4)",
        (&def.kind, next, serde_json::to_string(def)?, on),
    )?;
    w.touch("form", &format!("{}:{next}", def.kind));
    Ok(next)
}
