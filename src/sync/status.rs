//! `sync status`: who this database is, its peers, what was sent and acknowledged, what is
//! pending, and what waits for a person.

use anyhow::Result;
use rusqlite::Connection;

use super::log::{self, Peer};
use super::{conflicts, rules, Identity};

#[derive(Debug, Clone)]
pub struct PeerStatus {
    pub peer: Peer,
    /// Changesets of this database's log the peer is known to hold (its own excluded).
    pub acked: i64,
    /// Changesets of this database's log sent to the peer in a bundle.
    pub sent: i64,
    /// Changesets the peer is not known to hold (an upper bureau: and was not sent).
    pub pending: i64,
}

#[derive(Debug, Clone)]
pub struct Status {
    pub me: Identity,
    pub own: i64,
    pub received: i64,
    pub open_conflicts: i64,
    pub breaches: usize,
    pub peers: Vec<PeerStatus>,
}

pub fn status(conn: &Connection) -> Result<Status> {
    let me = Identity::read(conn)?;
    let (own, received): (i64, i64) = conn.query_row(
        "SELECT coalesce(sum(origin = ?1), 0), coalesce(sum(origin <> ?1), 0) FROM sync_log",
        [&log::own_line(conn)?],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut peers = Vec::new();
    for p in log::peers(conn)? {
        let (acked, sent, pending): (i64, i64, i64) = conn.query_row(
            "SELECT coalesce(sum(l.seq <= coalesce(a.acked, 0)), 0),
                    coalesce(sum(l.seq <= coalesce(a.sent, 0)), 0),
                    coalesce(sum(l.seq > max(coalesce(a.acked, 0), CASE WHEN ?2 THEN coalesce(a.sent, 0) ELSE 0 END)), 0)
             FROM sync_log l LEFT JOIN sync_acks a ON a.peer = ?1 AND a.origin = l.origin",
            rusqlite::params![&p.replica, p.relation == "upper"],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        peers.push(PeerStatus { peer: p, acked, sent, pending });
    }
    Ok(Status {
        me,
        own,
        received,
        open_conflicts: conflicts::open_count(conn)?,
        breaches: rules::breaches(conn)?.len(),
        peers,
    })
}

/// The bureaus inside this one's area that sent bundles, with the last time (for reports: which
/// lower bureaus have sent data and when).
pub fn lower_bureaus(conn: &Connection) -> Result<Vec<(String, String, Option<String>)>> {
    let mut st = conn.prepare(
        "SELECT org, name, max(last_import) FROM sync_peers WHERE relation = 'lower' GROUP BY org ORDER BY org",
    )?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
    Ok(rows)
}
