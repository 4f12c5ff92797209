//! Running a report query into a section: SQL types map to output values one to one.

use anyhow::Result;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Params};

use crate::io::document::Section;
use crate::io::output::{Column, Value};

pub fn value(v: ValueRef) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(f) => Value::Float(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(_) => Value::Null,
    }
}

pub fn rows(conn: &Connection, sql: &str, params: impl Params) -> Result<Vec<Vec<Value>>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let n = stmt.column_count();
    let mut out = Vec::new();
    let mut q = stmt.query(params)?;
    while let Some(r) = q.next()? {
        out.push((0..n).map(|i| r.get_ref(i).map(value)).collect::<rusqlite::Result<_>>()?);
    }
    Ok(out)
}

/// A section filled by one query whose columns are `columns`, in order.
pub fn section(
    conn: &Connection,
    key: &'static str,
    zh: &str,
    en: &str,
    columns: Vec<Column>,
    sql: &str,
    params: impl Params,
) -> Result<Section> {
    let mut s = Section::new(key, zh, en, columns);
    s.rows = rows(conn, sql, params)?;
    Ok(s)
}

/// A ratio as a percentage with one decimal, or null when there is nothing to divide by.
pub fn rate(num: i64, den: i64) -> Value {
    if den == 0 {
        Value::Null
    } else {
        Value::Float((num as f64 * 1000.0 / den as f64).round() / 10.0)
    }
}
