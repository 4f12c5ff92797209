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
    let mut out = Vec::new();
    let mut stmt = conn.prepare("SELECT origin, seq, changeset FROM sync_log ORDER BY n")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let origin: String = r.get(0)?;
        let seq: i64 = r.get(1)?;
        let entry = format!("{}#{seq}", short(&origin));
        let blob = match r.get_ref(2)?.as_blob() {
            Ok(b) => b,
            Err(_) => {
                out.push(Damaged { entry, why: "its changeset is not a blob".into() });
                continue;
            }
        };
        match session::changes(blob) {
            Err(e) => out.push(Damaged { entry, why: format!("{e:#}") }),
            Ok(changes) => {
                for ch in &changes {
                    match width(&ch.table)? {
                        None => {
                            out.push(Damaged {
                                entry: entry.clone(),
                                why: format!(
                                    "it changes table {}, which this database does not have",
                                    ch.table
                                ),
                            });
                            break;
                        }
                        Some(w) if w != ch.columns() => {
                            out.push(Damaged {
                                entry: entry.clone(),
                                why: format!(
                                    "it changes table {} with {} columns; the table has {w}",
                                    ch.table,
                                    ch.columns()
                                ),
                            });
                            break;
                        }
                        Some(_) => {}
                    }
                }
            }
        }
    }
    Ok(out)
}
