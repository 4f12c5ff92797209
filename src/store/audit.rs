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

/// An entry's records as `record` wrote them: those named, and how many more were counted.
pub fn records(json: &str) -> (Vec<String>, usize) {
    let mut named: Vec<String> = serde_json::from_str(json).unwrap_or_default();
    let more = named.last().and_then(|l| l.strip_prefix('+')).and_then(|n| n.parse::<usize>().ok());
    if more.is_some() {
        named.pop();
    }
    (named, more.unwrap_or(0))
}
