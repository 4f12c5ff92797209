//! Many rows of one table written at once (`enterprise import`), as fast as SQLite takes them and
//! in bounded memory:
//! - the rows are gathered, packed, in a [`Run`] of at most [`RUN_BYTES`], and written in key
//!   order: the table's B-tree then grows at its end instead of splitting pages all over;
//! - their sync capture is the changeset written directly ([`crate::sync::record`]), logged every
//!   [`LOGGED_ROWS`] rows, instead of a session recording each row and reading it back.

use anyhow::{bail, Result};
use rusqlite::types::ValueRef;

use super::rows::{self, Table, Upserted};
use super::Writer;
use crate::sync::record::{self, TableChanges};

/// The packed rows a run holds before it is written: a file of 100,000 enterprises (11 MB) is one
/// run; a larger one is written run by run, each in key order. With the page cache (16 MB) this
/// keeps an import of any size under 64 MB.
pub const RUN_BYTES: usize = 16 << 20;

/// Rows written between two entries of the change log: the changeset held in memory stays small.
const LOGGED_ROWS: usize = 20_000;

/// A row of a run: its packed values and where its key lies among them.
struct Entry {
    start: u32,
    end: u32,
    key_start: u32,
    key_end: u32,
    line: u64,
}

/// Rows gathered for writing in key order, each packed as its changeset record.
#[derive(Default)]
pub struct Run {
    bytes: Vec<u8>,
    rows: Vec<Entry>,
}

/// A row of a run, read back in key order.
pub struct Packed<'a> {
    pub key: &'a [u8],
    pub line: u64,
    record: &'a [u8],
}

impl Run {
    /// Add a row (one value per column, the key first and text) read at file line `line`.
    pub fn push(&mut self, values: &[ValueRef<'_>], line: u64) -> Result<()> {
        let ValueRef::Text(key) = values[0] else { bail!("a bulk write's key must be text (internal)") };
        if self.bytes.capacity() == 0 {
            // Reserved once: growing by doubling would hold the old and the new copy at once.
            self.bytes.reserve_exact(RUN_BYTES);
        }
        let start = self.bytes.len();
        // The key is the first value: its bytes end that value's encoding.
        record::put_value(&mut self.bytes, values[0]);
        let key_end = self.bytes.len();
        for v in &values[1..] {
            record::put_value(&mut self.bytes, *v);
        }
        let at = |n: usize| u32::try_from(n).map_err(|_| anyhow::anyhow!("a run past 4 GB (internal)"));
        self.rows.push(Entry {
            start: at(start)?,
            end: at(self.bytes.len())?,
            key_start: at(key_end - key.len())?,
            key_end: at(key_end)?,
            line,
        });
        Ok(())
    }

    pub fn bytes(&self) -> usize {
        self.bytes.len() + self.rows.len() * std::mem::size_of::<Entry>()
    }

    /// The rows in key order, rows of one key in file order; the run is left empty.
    pub fn drain_sorted(&mut self) -> Sorted {
        let bytes = &self.bytes;
        let key = |e: &Entry| &bytes[e.key_start as usize..e.key_end as usize];
        self.rows.sort_unstable_by(|a, b| key(a).cmp(key(b)).then(a.line.cmp(&b.line)));
        Sorted { bytes: std::mem::take(&mut self.bytes), rows: std::mem::take(&mut self.rows) }
    }
}

/// A run taken for writing, in key order.
pub struct Sorted {
    bytes: Vec<u8>,
    rows: Vec<Entry>,
}

impl Sorted {
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = Packed<'_>> {
        self.rows.iter().map(|e| Packed {
            key: &self.bytes[e.key_start as usize..e.key_end as usize],
            line: e.line,
            record: &self.bytes[e.start as usize..e.end as usize],
        })
    }
}

/// The bulk write of one table inside a [`Writer`]'s transaction: while it lasts the writer's
/// session capture is set aside, and this logs the changes itself.
pub struct Bulk<'t> {
    table: &'t Table,
    changes: TableChanges,
    captured: bool,
}

impl<'t> Bulk<'t> {
    pub fn begin(w: &mut Writer, table: &'t Table) -> Result<Self> {
        let changes = TableChanges::new(&w.tx, table.name, table.columns)?;
        let captured = w.set_capture_aside()?;
        Ok(Bulk { table, changes, captured })
    }

    /// Add or update the row, as [`rows::upsert`] does, and capture the change.
    pub fn upsert(&mut self, w: &mut Writer, row: &Packed<'_>) -> Result<Upserted> {
        let Some(values) = record::read_values(row.record, self.changes.columns()) else {
            bail!("a packed row does not read back (internal)");
        };
        let done = rows::upsert(&w.tx, self.table, &values)?;
        match &done {
            Upserted::Added => self.changes.insert_encoded(row.record),
            Upserted::Updated(old) => {
                let old: Vec<ValueRef<'_>> = old.iter().map(ValueRef::from).collect();
                self.changes.update(&old, &values);
            }
            Upserted::Unchanged => return Ok(done),
        }
        w.touch(self.table.record, &String::from_utf8_lossy(row.key));
        if self.changes.len() >= LOGGED_ROWS {
            self.log(w)?;
        }
        Ok(done)
    }

    fn log(&mut self, w: &Writer) -> Result<()> {
        let changeset = self.changes.take();
        if self.captured && !changeset.is_empty() {
            crate::sync::log::append_own(&w.tx, &changeset)?;
        }
        Ok(())
    }

    /// Log what is left and give the writer its session capture back.
    pub fn finish(mut self, w: &mut Writer) -> Result<()> {
        self.log(w)?;
        if self.captured {
            w.resume_capture()?;
        }
        Ok(())
    }
}
