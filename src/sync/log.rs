//! The change log (`sync_log`), the peers and what each is known to hold (`sync_peers`,
//! `sync_acks`). All of it is local bookkeeping, written in the transaction of the change it
//! describes.

use std::collections::BTreeMap;

use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};

/// Record a changeset this database made, with its next sequence number. Called by
/// `Store::write` before COMMIT, so the change and its log entry are one.
pub fn append_own(conn: &Connection, replica: &str, changeset: &[u8]) -> Result<i64> {
    let seq: i64 = conn
        .prepare_cached("SELECT coalesce(max(seq), 0) + 1 FROM sync_log WHERE origin = ?1")?
        .query_row([replica], |r| r.get(0))?;
    append(conn, replica, seq, changeset)?;
    Ok(seq)
}

/// Record a changeset under its identity (origin replica, sequence number).
pub fn append(conn: &Connection, origin: &str, seq: i64, changeset: &[u8]) -> Result<()> {
    conn.prepare_cached("INSERT INTO sync_log(origin, seq, changeset, at) VALUES (?1, ?2, ?3, ?4)")?
        .execute(params![origin, seq, changeset, super::now()])?;
    Ok(())
}

/// Is the change (origin, seq) already here?
pub fn contains(conn: &Connection, origin: &str, seq: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM sync_log WHERE origin = ?1 AND seq = ?2")?
        .query_row(params![origin, seq], |_| Ok(()))
        .optional()?
        .is_some())
}

/// What this database holds: per origin replica, the highest sequence number (it holds every
/// change 1..n of that replica: bundles always carry whatever the receiver lacks, in order).
pub fn have(conn: &Connection) -> Result<BTreeMap<String, i64>> {
    let mut st = conn.prepare_cached("SELECT origin, max(seq) FROM sync_log GROUP BY origin")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peer {
    pub replica: String,
    pub org: String,
    pub name: String,
    /// origin (the bureau this laptop was cloned from), clone (a laptop of this bureau), lower
    /// (a bureau inside this one's area).
    pub relation: String,
    pub since: String,
    pub last_import: Option<String>,
    pub last_export: Option<String>,
}

pub fn peers(conn: &Connection) -> Result<Vec<Peer>> {
    let mut st = conn.prepare(
        "SELECT replica, org, name, relation, since, last_import, last_export FROM sync_peers
         ORDER BY CASE relation WHEN 'origin' THEN 0 WHEN 'clone' THEN 1 ELSE 2 END, org, since, replica",
    )?;
    let rows = st
        .query_map([], |r| {
            Ok(Peer {
                replica: r.get(0)?,
                org: r.get(1)?,
                name: r.get(2)?,
                relation: r.get(3)?,
                since: r.get(4)?,
                last_import: r.get(5)?,
                last_export: r.get(6)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Add a peer or refresh its name; the relation of a known peer never changes. True when
/// something was written.
pub fn upsert_peer(conn: &Connection, replica: &str, org: &str, name: &str, relation: &str) -> Result<bool> {
    let n = conn.execute(
        "INSERT INTO sync_peers(replica, org, name, relation, since) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(replica) DO UPDATE SET name = excluded.name WHERE name <> excluded.name",
        params![replica, org, name, relation, super::now()],
    )?;
    Ok(n > 0)
}

pub fn mark_import(conn: &Connection, replica: &str) -> Result<()> {
    conn.execute(
        "UPDATE sync_peers SET last_import = ?2 WHERE replica = ?1",
        params![replica, super::now()],
    )?;
    Ok(())
}

pub fn mark_export(conn: &Connection, replica: &str) -> Result<()> {
    conn.execute(
        "UPDATE sync_peers SET last_export = ?2 WHERE replica = ?1",
        params![replica, super::now()],
    )?;
    Ok(())
}

/// The peer holds `origin`'s changes 1..seq (acknowledgements only grow). True when this was
/// news.
pub fn ack(conn: &Connection, peer: &str, origin: &str, seq: i64) -> Result<bool> {
    let n = conn
        .prepare_cached(
            "INSERT INTO sync_acks(peer, origin, acked) VALUES (?1, ?2, ?3)
             ON CONFLICT(peer, origin) DO UPDATE SET acked = excluded.acked WHERE excluded.acked > acked",
        )?
        .execute(params![peer, origin, seq])?;
    Ok(n > 0)
}

/// A bundle for the peer carried `origin`'s changes up to seq.
pub fn sent(conn: &Connection, peer: &str, origin: &str, seq: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_acks(peer, origin, sent) VALUES (?1, ?2, ?3)
         ON CONFLICT(peer, origin) DO UPDATE SET sent = max(sent, excluded.sent)",
    )?
    .execute(params![peer, origin, seq])?;
    Ok(())
}

/// Per origin replica: (acked, sent) for one peer.
pub fn acks(conn: &Connection, peer: &str) -> Result<BTreeMap<String, (i64, i64)>> {
    let mut st = conn.prepare_cached("SELECT origin, acked, sent FROM sync_acks WHERE peer = ?1")?;
    let rows =
        st.query_map([peer], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Log entries the peer is not known to hold (its own changes it always holds), in log order.
/// `None` for the peer means an unknown receiver: everything.
pub fn pending_for(conn: &Connection, peer: Option<&str>) -> Result<Vec<(String, i64, Vec<u8>)>> {
    let peer = peer.unwrap_or("");
    let mut st = conn.prepare(
        "SELECT l.origin, l.seq, l.changeset FROM sync_log l
         LEFT JOIN sync_acks a ON a.peer = ?1 AND a.origin = l.origin
         WHERE l.origin <> ?1 AND l.seq > coalesce(a.acked, 0)
         ORDER BY l.n",
    )?;
    let rows = st.query_map([peer], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// How many log entries the peer is not known to hold.
pub fn pending_count(conn: &Connection, peer: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM sync_log l
         LEFT JOIN sync_acks a ON a.peer = ?1 AND a.origin = l.origin
         WHERE l.origin <> ?1 AND l.seq > coalesce(a.acked, 0)",
        [peer],
        |r| r.get(0),
    )?)
}
