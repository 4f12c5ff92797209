//! A table's rows as plain values, written by their key: the one write of an enterprise, whether
//! a clerk adds one or a province's file brings 100,000 ([`super::bulk`]).

use anyhow::{bail, Result};
use rusqlite::types::{ToSqlOutput, Value, ValueRef};
use rusqlite::{params_from_iter, Connection, OptionalExtension};

use super::registry::Outcome;

/// A table keyed by its first column, with the three statements that write it. The statements
/// name every column in `columns`' order.
pub struct Table {
    pub name: &'static str,
    /// What the audit log calls one of its rows (`enterprise:91330…`).
    pub record: &'static str,
    pub columns: &'static [&'static str],
    /// INSERT of every column that does nothing when the key is taken.
    pub insert: &'static str,
    /// SELECT of every column by the key (?1).
    pub select: &'static str,
    /// UPDATE of every column but the key, by the key (?1), the others in order.
    pub update: &'static str,
}

/// What an upsert did, with the row as it was before an update.
#[derive(Debug, Clone, PartialEq)]
pub enum Upserted {
    Added,
    Updated(Vec<Value>),
    Unchanged,
}

impl Upserted {
    pub fn outcome(&self) -> Outcome {
        match self {
            Upserted::Added => Outcome::Added,
            Upserted::Updated(_) => Outcome::Updated,
            Upserted::Unchanged => Outcome::Unchanged,
        }
    }
}

fn bound<'a>(values: &'a [ValueRef<'a>]) -> impl Iterator<Item = ToSqlOutput<'a>> + 'a {
    values.iter().map(|v| ToSqlOutput::Borrowed(*v))
}

/// Add the row `values` (one per column) or bring the stored row with its key up to it.
pub fn upsert(conn: &Connection, t: &Table, values: &[ValueRef<'_>]) -> Result<Upserted> {
    // Insert first: in a bulk import nearly every row is new, and this spares each a look-up.
    if conn.prepare_cached(t.insert)?.execute(params_from_iter(bound(values)))? == 1 {
        return Ok(Upserted::Added);
    }
    let n = t.columns.len();
    let old: Option<Vec<Value>> = conn
        .prepare_cached(t.select)?
        .query_row([ToSqlOutput::Borrowed(values[0])], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
        .optional()?;
    // The insert did nothing, so the key is taken: another constraint would have failed it.
    let Some(old) = old else { bail!("{}: a row neither inserted nor found (internal)", t.name) };
    if old.iter().map(ValueRef::from).eq(values.iter().copied()) {
        return Ok(Upserted::Unchanged);
    }
    conn.prepare_cached(t.update)?.execute(params_from_iter(bound(values)))?;
    Ok(Upserted::Updated(old))
}
