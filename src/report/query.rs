//! Running a report query into a section.

use anyhow::Result;
use rusqlite::{Connection, Params};

use crate::io::document::Section;
use crate::io::output::{Column, Value};
pub use crate::store::query::rows;

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
