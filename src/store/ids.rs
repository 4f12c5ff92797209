//! Random record ids: 32 lowercase hex digits, shown as their first 8, accepted as any unique prefix
//! of 4 or more.

use anyhow::Result;
use rusqlite::Connection;

use crate::error::reject;
use crate::msg;

pub fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

pub fn short(id: &str) -> &str {
    &id[..id.len().min(8)]
}

/// The word for a kind of record (`visit`, `finding` …) in the reader's language.
fn record(what: &str) -> String {
    crate::i18n::lookup(&format!("record-{what}")).unwrap_or_else(|| what.to_string())
}

/// Resolve a typed id prefix against `table`'s `id` column. `what` names the record for messages.
pub fn resolve(conn: &Connection, table: &str, what: &str, prefix: &str) -> Result<String> {
    let p = prefix.trim().to_ascii_lowercase();
    if p.len() < 4 || !p.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(reject(msg!("id-not-an-id", prefix = prefix, what = record(what)))
            .hint(msg!("id-not-an-id-hint"))
            .into());
    }
    // Range scan on the primary key: ids with this prefix sort between p and p followed by 'g'.
    let sql = format!("SELECT id FROM {table} WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT 2");
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids: Vec<String> = stmt.query_map([&p, &format!("{p}g")], |r| r.get(0))?.collect::<Result<_, _>>()?;
    match ids.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(reject(msg!("id-none", prefix = prefix, what = record(what)))
            .hint(msg!("id-none-hint", command = format!("zoufang {what} list")))
            .into()),
        _ => Err(reject(msg!("id-ambiguous", prefix = prefix, what = record(what)))
            .hint(msg!("id-ambiguous-hint"))
            .into()),
    }
}
