//! Rows as JSON (for conflicts and resolutions), the columns of exchanged tables, and a small
//! fingerprint hash.

use std::collections::BTreeMap;

use anyhow::{bail, Result};
use rusqlite::types::Value;
use rusqlite::Connection;
use serde_json::{Map, Value as Json};

/// A column of an exchanged table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    /// Declared type, upper case: INTEGER, TEXT, REAL, BLOB or ANY.
    pub decl: String,
    pub pk: bool,
}

/// The columns of `table` in order, or an empty list when there is no such table.
pub fn columns(conn: &Connection, table: &str) -> Result<Vec<Column>> {
    let mut st =
        conn.prepare_cached("SELECT name, upper(type), pk FROM pragma_table_info(?1) ORDER BY cid")?;
    let cols = st
        .query_map([table], |r| Ok(Column { name: r.get(0)?, decl: r.get(1)?, pk: r.get::<_, i64>(2)? > 0 }))?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(cols)
}

/// Every exchanged table with its columns.
pub fn exchanged_tables(conn: &Connection) -> Result<BTreeMap<String, Vec<Column>>> {
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut out = BTreeMap::new();
    for n in names.into_iter().filter(|n| !super::is_local_table(n)) {
        let cols = columns(conn, &n)?;
        out.insert(n, cols);
    }
    Ok(out)
}

pub fn to_json(v: &Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Integer(i) => Json::from(*i),
        Value::Real(f) => serde_json::Number::from_f64(*f).map(Json::Number).unwrap_or(Json::Null),
        Value::Text(s) => Json::String(s.clone()),
        Value::Blob(b) => {
            let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
            let mut m = Map::new();
            m.insert("blob".into(), Json::String(hex));
            Json::Object(m)
        }
    }
}

pub fn from_json(j: &Json) -> Result<Value> {
    Ok(match j {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(i64::from(*b)),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Integer(i),
            None => Value::Real(n.as_f64().unwrap_or(0.0)),
        },
        Json::String(s) => Value::Text(s.clone()),
        Json::Object(m) => match m.get("blob").and_then(Json::as_str) {
            Some(hex) if hex.len() % 2 == 0 && hex.bytes().all(|b| b.is_ascii_hexdigit()) => Value::Blob(
                (0..hex.len())
                    .step_by(2)
                    .filter_map(|i| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("00"), 16).ok())
                    .collect(),
            ),
            _ => bail!(crate::t!("sync-not-a-value", value = j.to_string())),
        },
        Json::Array(_) => bail!(crate::t!("sync-not-a-value", value = j.to_string())),
    })
}

/// A row as a JSON object, column name → value.
pub fn row_json(cols: &[Column], values: &[Value]) -> Json {
    Json::Object(cols.iter().zip(values).map(|(c, v)| (c.name.clone(), to_json(v))).collect())
}

/// The primary-key values as a canonical JSON array text (the key of a conflict).
pub fn key_text(key: &[Value]) -> String {
    Json::Array(key.iter().map(to_json).collect()).to_string()
}

/// Text of a value for people: NULL shows as empty.
pub fn show(j: &Json) -> String {
    match j {
        Json::Null => String::new(),
        Json::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// FNV-1a, 64 bits: a fingerprint, not a checksum against tampering.
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Quote an identifier for SQL.
pub fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip() {
        for v in [
            Value::Null,
            Value::Integer(-7),
            Value::Real(1.5),
            Value::Text("苕秀".into()),
            Value::Blob(vec![0, 255, 16]),
        ] {
            assert_eq!(from_json(&to_json(&v)).unwrap(), v);
        }
        assert!(from_json(&serde_json::json!([1])).is_err());
    }

    #[test]
    fn fnv_known_value() {
        assert_eq!(fnv64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv64(b"a"), 0xaf63dc4c8601ec8c);
    }

    #[test]
    fn identifiers_are_quoted() {
        assert_eq!(ident("a\"b"), "\"a\"\"b\"");
    }
}
