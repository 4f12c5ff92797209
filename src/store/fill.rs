//! A bulk write of a whole campaign into a database that holds next to nothing yet (`demo`):
//! the secondary indexes and the spans triggers taken out while the rows go in, and put back at
//! the end by sorting, once.
//!
//! Inserted row by row, every secondary index of a table of random ids takes its entries all over
//! the b-tree, and every finding's spans are re-derived per row. Building an index afterwards sorts
//! its entries and writes them in order, and deriving all the spans at once reads each history once.
//! With no trigger on the tables written, a single-row INSERT also needs no statement journal.
//! What the tables hold at the end is the same either way: the indexes and triggers come back with
//! the SQL they had (`check` compares the spans with their derivation). Everything happens in the
//! caller's transaction: if it rolls back, so does this.
//!
//! While the indexes are out, nothing may read through them: the writer inserts only (the
//! primary keys stay, so foreign keys and uniqueness are still enforced row by row).

use anyhow::Result;
use rusqlite::Connection;

/// The indexes and triggers taken out, to be put back by [`Fill::finish`].
#[must_use = "the indexes and spans triggers must be put back with finish()"]
pub struct Fill {
    /// (table, CREATE INDEX statement), in the order they were created.
    indexes: Vec<(String, String)>,
    triggers: Vec<String>,
}

/// Take the secondary indexes and the spans triggers out for the rest of the transaction.
pub fn begin(conn: &Connection) -> Result<Fill> {
    let triggers = super::spans::take_triggers(conn)?;
    let indexes = super::take_out(conn, "index", "%")?;
    Ok(Fill { indexes, triggers })
}

impl Fill {
    /// Build the indexes again, derive every finding's spans, and put the triggers back.
    pub fn finish(self, conn: &Connection) -> Result<()> {
        // The derivation reads the histories through their index; the spans' own index is built
        // after the spans are in.
        let (spans, others): (Vec<_>, Vec<_>) =
            self.indexes.into_iter().partition(|(table, _)| table == "finding_spans");
        for (_, sql) in &others {
            conn.execute_batch(sql)?;
        }
        super::spans::derive_all(conn)?;
        for (_, sql) in &spans {
            conn.execute_batch(sql)?;
        }
        for sql in &self.triggers {
            conn.execute_batch(sql)?;
        }
        Ok(())
    }
}

/// Run `f` (the whole bulk write) on a database that is not published yet with its changes held
/// in memory until commit instead of in the write-ahead log.
///
/// In WAL mode a transaction larger than the page cache writes its pages to the log, reads them
/// back from there, and the log is then copied into the file a second time at the checkpoint:
/// for a province (1.1 GB) that is most of the I/O. A rollback journal kept in memory writes each
/// page once, into the file itself, and only pages that existed before the write need a copy in
/// it (a new database has next to none). Without durability until the commit (synchronous OFF):
/// only for a file that nobody sees until it is complete (`init::create_with` syncs it to disk
/// before putting it under its name, and removes it if anything fails).
///
/// The file stays out of WAL mode until it is next opened: every open puts it back
/// (`apply_pragmas`), and `init::create_with` opens it as soon as it is published. Switching back
/// on this connection instead left its next checkpoint failing with "database table is locked"
/// (bundled SQLite 3.54), which made `Store::close` fail.
pub fn unlogged<T>(store: &mut super::Store, f: impl FnOnce(&mut super::Store) -> Result<T>) -> Result<T> {
    store.conn().execute_batch("PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF;")?;
    f(store)
}
