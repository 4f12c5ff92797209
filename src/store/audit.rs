//! The audit log: who, when, which command, which records. Written inside the same transaction as
//! the change it describes.

use anyhow::Result;
use rusqlite::Transaction;

use super::Actor;

pub fn record(tx: &Transaction, actor: &Actor, touched: &[String]) -> Result<()> {
    let at = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string();
    let records = serde_json::to_string(touched)?;
    tx.prepare_cached("INSERT INTO audit(at, who, command, records) VALUES (?1, ?2, ?3, ?4)")?.execute((
        at,
        &actor.user,
        &actor.command,
        records,
    ))?;
    Ok(())
}
