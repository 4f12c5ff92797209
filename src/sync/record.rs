//! Changesets written directly, without a session: a bulk import knows every row it writes, so
//! it writes the changeset a session would have made instead of having SQLite record each row
//! and read it back (for 100,000 enterprises that was a quarter of the import's time).
//!
//! The format is SQLite's own (sqlite3session.h, "Changeset Format"): a table header, then one
//! change after another, each an operation byte, an "indirect" byte and the row's values. A value
//! is a type byte and its bytes; an UPDATE carries the old values of the key and of the changed
//! columns, and the new values of the changed columns, every other slot "undefined". What is
//! written here reads back through [`super::session::changes`] and applies like a session's.

use anyhow::{bail, Result};
use rusqlite::types::ValueRef;
use rusqlite::Connection;

const UNDEFINED: u8 = 0;
const INTEGER: u8 = 1;
const REAL: u8 = 2;
const TEXT: u8 = 3;
const BLOB: u8 = 4;
const NULL: u8 = 5;

const OP_INSERT: u8 = 18; // SQLITE_INSERT
const OP_UPDATE: u8 = 23; // SQLITE_UPDATE

/// SQLite's variable-length integer, as changesets use it for lengths (big-endian, seven bits a
/// byte, the high bit saying another byte follows).
fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    if v <= 0x7f {
        out.push(v as u8);
        return;
    }
    let mut tmp = [0u8; 10];
    let mut n = 0;
    while v > 0 {
        tmp[n] = (v & 0x7f) as u8 | 0x80;
        v >>= 7;
        n += 1;
    }
    tmp[0] &= 0x7f;
    out.extend(tmp[..n].iter().rev());
}

fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for _ in 0..9 {
        let b = *bytes.get(*at)?;
        *at += 1;
        v = (v << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// Append one value in the changeset's encoding.
pub fn put_value(out: &mut Vec<u8>, v: ValueRef<'_>) {
    match v {
        ValueRef::Null => out.push(NULL),
        ValueRef::Integer(i) => {
            out.push(INTEGER);
            out.extend_from_slice(&i.to_be_bytes());
        }
        ValueRef::Real(r) => {
            out.push(REAL);
            out.extend_from_slice(&r.to_bits().to_be_bytes());
        }
        ValueRef::Text(t) => {
            out.push(TEXT);
            put_varint(out, t.len() as u64);
            out.extend_from_slice(t);
        }
        ValueRef::Blob(b) => {
            out.push(BLOB);
            put_varint(out, b.len() as u64);
            out.extend_from_slice(b);
        }
    }
}

/// The `n` values of a record written by [`put_value`], borrowed from `bytes`; `None` when the
/// bytes are not such a record.
pub fn read_values(bytes: &[u8], n: usize) -> Option<Vec<ValueRef<'_>>> {
    let mut at = 0;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let kind = *bytes.get(at)?;
        at += 1;
        let v = match kind {
            NULL => ValueRef::Null,
            INTEGER | REAL => {
                let raw: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
                at += 8;
                if kind == INTEGER {
                    ValueRef::Integer(i64::from_be_bytes(raw))
                } else {
                    ValueRef::Real(f64::from_bits(u64::from_be_bytes(raw)))
                }
            }
            TEXT | BLOB => {
                let len = usize::try_from(get_varint(bytes, &mut at)?).ok()?;
                let s = bytes.get(at..at.checked_add(len)?)?;
                at += len;
                if kind == TEXT {
                    ValueRef::Text(s)
                } else {
                    ValueRef::Blob(s)
                }
            }
            _ => return None,
        };
        out.push(v);
    }
    (at == bytes.len()).then_some(out)
}

/// The changes of one table, as a changeset being written.
pub struct TableChanges {
    header: Vec<u8>,
    /// Each column's place in the primary key (1, 2 …), 0 for a column outside it.
    pk: Vec<u8>,
    body: Vec<u8>,
    changes: usize,
}

impl TableChanges {
    /// For `table` of `conn`'s main database, whose columns must be `columns` in this order (the
    /// values given later are in that order).
    pub fn new(conn: &Connection, table: &str, columns: &[&str]) -> Result<Self> {
        let found: Vec<(String, u8)> = conn
            .prepare_cached("SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid")?
            .query_map([table], |r| Ok((r.get(0)?, r.get::<_, u8>(1)?)))?
            .collect::<Result<_, _>>()?;
        if !found.iter().map(|(n, _)| n.as_str()).eq(columns.iter().copied()) {
            bail!("the columns of {table} are not {columns:?} (internal)");
        }
        let pk: Vec<u8> = found.iter().map(|(_, p)| *p).collect();
        let mut header = vec![b'T'];
        put_varint(&mut header, pk.len() as u64);
        header.extend_from_slice(&pk);
        header.extend_from_slice(table.as_bytes());
        header.push(0);
        Ok(TableChanges { header, pk, body: Vec::new(), changes: 0 })
    }

    pub fn columns(&self) -> usize {
        self.pk.len()
    }

    /// How many changes are held.
    pub fn len(&self) -> usize {
        self.changes
    }

    pub fn is_empty(&self) -> bool {
        self.changes == 0
    }

    /// A new row, its values already encoded by [`put_value`] (one per column, in order).
    pub fn insert_encoded(&mut self, record: &[u8]) {
        self.body.extend_from_slice(&[OP_INSERT, 0]);
        self.body.extend_from_slice(record);
        self.changes += 1;
    }

    /// A row changed from `old` to `new` (every column of each, in order). Nothing is written when
    /// they are equal.
    pub fn update(&mut self, old: &[ValueRef<'_>], new: &[ValueRef<'_>]) {
        let changed: Vec<bool> = old.iter().zip(new).map(|(o, n)| o != n).collect();
        if !changed.contains(&true) {
            return;
        }
        self.body.extend_from_slice(&[OP_UPDATE, 0]);
        for ((o, pk), ch) in old.iter().zip(&self.pk).zip(&changed) {
            if *pk > 0 || *ch {
                put_value(&mut self.body, *o);
            } else {
                self.body.push(UNDEFINED);
            }
        }
        for (n, ch) in new.iter().zip(&changed) {
            if *ch {
                put_value(&mut self.body, *n);
            } else {
                self.body.push(UNDEFINED);
            }
        }
        self.changes += 1;
    }

    /// The changeset of the changes held (empty when there are none); starts afresh.
    pub fn take(&mut self) -> Vec<u8> {
        if self.changes == 0 {
            return Vec::new();
        }
        let mut out = Vec::with_capacity(self.header.len() + self.body.len());
        out.extend_from_slice(&self.header);
        out.append(&mut self.body);
        self.changes = 0;
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sync::session::{changes, Session};

    fn db() -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE TABLE t (k TEXT PRIMARY KEY, n INTEGER, r REAL, s TEXT, b BLOB) STRICT, WITHOUT ROWID;
             CREATE TABLE two (a TEXT, x TEXT, b INTEGER, PRIMARY KEY (b, a)) STRICT;",
        )
        .unwrap();
        c
    }

    fn record(values: &[ValueRef<'_>]) -> Vec<u8> {
        let mut out = Vec::new();
        for v in values {
            put_value(&mut out, *v);
        }
        out
    }

    #[test]
    fn varints_read_back_at_every_length() {
        for v in [0u64, 1, 127, 128, 300, 16_383, 16_384, 2_097_151, 2_097_152, u32::MAX as u64] {
            let mut b = Vec::new();
            put_varint(&mut b, v);
            let mut at = 0;
            assert_eq!(get_varint(&b, &mut at), Some(v), "{v}: {b:?}");
            assert_eq!(at, b.len());
        }
    }

    #[test]
    fn records_read_back_and_damaged_ones_are_refused() {
        let long = "长".repeat(100);
        let vals = [
            ValueRef::Text(b"91330523MA2B12345X"),
            ValueRef::Integer(-7),
            ValueRef::Real(2.5),
            ValueRef::Text(long.as_bytes()),
            ValueRef::Blob(&[0, 1, 2]),
            ValueRef::Null,
        ];
        let r = record(&vals);
        assert_eq!(read_values(&r, vals.len()).unwrap(), vals);
        assert!(read_values(&r[..r.len() - 1], vals.len()).is_none());
        assert!(read_values(&r, vals.len() - 1).is_none(), "bytes left over");
        assert!(read_values(&[9], 1).is_none());
    }

    /// What is written here is byte for byte what a session makes of the same single change.
    #[test]
    fn one_insert_and_one_update_are_what_a_session_writes() {
        let c = db();
        let row = [
            ValueRef::Text(b"k1"),
            ValueRef::Integer(3),
            ValueRef::Real(0.5),
            ValueRef::Null,
            ValueRef::Blob(b"\x00\xff"),
        ];
        let s = Session::attach(&c).unwrap();
        c.execute(
            "INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5)",
            rusqlite::params_from_iter(row.iter().map(|v| rusqlite::types::ToSqlOutput::Borrowed(*v))),
        )
        .unwrap();
        let by_session = s.changeset().unwrap();
        drop(s);
        let mut mine = TableChanges::new(&c, "t", &["k", "n", "r", "s", "b"]).unwrap();
        mine.insert_encoded(&record(&row));
        assert_eq!(mine.take(), by_session);

        let new = [row[0], ValueRef::Integer(4), row[2], ValueRef::Text("新".as_bytes()), row[4]];
        let s = Session::attach(&c).unwrap();
        c.execute("UPDATE t SET n = 4, s = '新' WHERE k = 'k1'", []).unwrap();
        let by_session = s.changeset().unwrap();
        drop(s);
        mine.update(&row, &new);
        assert_eq!(mine.take(), by_session);
        mine.update(&new, &new);
        assert!(mine.is_empty() && mine.take().is_empty(), "an unchanged row is no change");
    }

    #[test]
    fn a_key_of_two_columns_out_of_order_is_written_as_a_session_writes_it() {
        let c = db();
        let s = Session::attach(&c).unwrap();
        c.execute_batch("INSERT INTO two VALUES ('a', 'x', 1); UPDATE two SET x = 'y';").unwrap();
        let by_session = s.changeset().unwrap();
        drop(s);
        let mut mine = TableChanges::new(&c, "two", &["a", "x", "b"]).unwrap();
        mine.insert_encoded(&record(&[ValueRef::Text(b"a"), ValueRef::Text(b"y"), ValueRef::Integer(1)]));
        assert_eq!(mine.take(), by_session);
        assert_eq!(changes(&by_session).unwrap()[0].pk, vec![true, false, true]);
        assert!(TableChanges::new(&c, "two", &["a", "b", "x"]).is_err(), "columns out of order");
    }
}
