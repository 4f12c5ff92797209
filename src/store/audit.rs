//! The audit log: who, when, which command, which records. Written inside the same transaction as
//! the change it describes.

use anyhow::Result;
use rusqlite::Transaction;

use super::Actor;

/// `more` records past those named are counted by a last element `+N`.
pub fn record(tx: &Transaction, actor: &Actor, touched: &[String], more: usize) -> Result<()> {
    let at = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string();
    let records = if more == 0 {
        serde_json::to_string(touched)?
    } else {
        let mut named: Vec<&str> = touched.iter().map(String::as_str).collect();
        let count = format!("+{more}");
        named.push(&count);
        serde_json::to_string(&named)?
    };
    tx.prepare_cached("INSERT INTO audit(at, who, command, records) VALUES (?1, ?2, ?3, ?4)")?.execute((
        at,
        &actor.user,
        &actor.command,
        records,
    ))?;
    Ok(())
}
