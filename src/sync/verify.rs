//! Is every entry of the change log (`sync_log`) readable? A damaged entry would be carried by
//! every bundle and refused by the peer on every retry; `check` and `sync export` find it first.

use std::collections::HashMap;

use anyhow::Result;
use rusqlite::Connection;

use super::{session, short};

/// A change-log entry that cannot be read: its place (origin#seq) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Damaged {
    pub entry: String,
    pub why: String,
}

/// Every change-log entry that does not parse, or changes a table this database does not have
/// or with another number of columns.
pub fn damaged_entries(conn: &Connection) -> Result<Vec<Damaged>> {
    let mut columns: HashMap<String, Option<usize>> = HashMap::new();
    let mut width = |table: &str| -> Result<Option<usize>> {
        if let Some(w) = columns.get(table) {
            return Ok(*w);
        }
        let n: i64 = conn.query_row("SELECT count(*) FROM pragma_table_info(?1)", [table], |r| r.get(0))?;
        let w = usize::try_from(n).ok().filter(|n| *n > 0);
        columns.insert(table.to_string(), w);
        Ok(w)
    };
    // Each entry is read as a stream from its log row, change by change: memory stays bounded
    // whatever the size of an entry (a city's first bundle is one changeset of 150,000 rows).
    let entries: Vec<(i64, String, i64, bool, i64)> = conn
        .prepare(
            "SELECT n, origin, seq, typeof(changeset) = 'blob', length(changeset) FROM sync_log ORDER BY n",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for (row, origin, seq, is_blob, len) in entries {
        let entry = format!("{}#{seq}", short(&origin));
        if !is_blob {
            out.push(Damaged { entry, why: crate::t!("sync-damaged-not-blob") });
            continue;
        }
        if len == 0 {
            continue;
        }
        let mut misfit: Option<String> = None;
        let mut blob = super::log::open_changeset(conn, row)?;
        let read = session::for_each_change(&mut blob, &mut |ch| {
            match width(&ch.table)? {
                None => misfit = Some(crate::t!("sync-damaged-unknown-table", table = ch.table.as_str())),
                Some(w) if w != ch.columns() => {
                    misfit = Some(crate::t!(
                        "sync-damaged-columns",
                        table = ch.table.as_str(),
                        n = ch.columns(),
                        width = w
                    ))
                }
                Some(_) => return Ok(()),
            }
            anyhow::bail!("misfit")
        });
        match (misfit, read) {
            (Some(why), _) => out.push(Damaged { entry, why }),
            (None, Err(e)) => out.push(Damaged { entry, why: format!("{e:#}") }),
            (None, Ok(())) => {}
        }
    }
    Ok(out)
}
