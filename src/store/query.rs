//! Query results as output values: SQL types map to `Value` one to one, so a list or a report
//! is its SQL plus its columns.

use anyhow::Result;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Params};

use crate::io::output::Value;

pub fn value(v: ValueRef) -> Value {
    match v {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Int(i),
        ValueRef::Real(f) => Value::Float(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(_) => Value::Null,
    }
}

/// Every row of `sql`, each as values in column order.
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
