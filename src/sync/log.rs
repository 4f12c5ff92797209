//! The change log (`sync_log`), the peers and what each is known to hold (`sync_peers`,
//! `sync_acks`). All of it is local bookkeeping, written in the transaction of the change it
//! describes.

use std::collections::BTreeMap;
use std::io::{Read, Write};

use anyhow::{Context, Result};
use rusqlite::blob::Blob;
use rusqlite::{params, Connection, OptionalExtension, MAIN_DB};

/// The line this database's own changes are logged on: its replica id, unless a fork showed
/// that its changes since some point were a copy's (restored or copied file) and were moved to a
/// line of their own ([`place`]).
pub fn own_line(conn: &Connection) -> Result<String> {
    Ok(conn
        .prepare_cached(
            "SELECT value FROM meta WHERE key = 'line' UNION ALL SELECT value FROM meta WHERE key = 'replica' LIMIT 1",
        )?
        .query_row([], |r| r.get(0))?)
}

/// Record a changeset this database made: the next sequence number of its line, a new id, and
/// the id of the change before it. Called by `Store::write` before COMMIT, so the change and its
/// log entry are one.
pub fn append_own(conn: &Connection, changeset: &[u8]) -> Result<i64> {
    let line = own_line(conn)?;
    let (seq, prev) = match tip(conn, &line)? {
        Some((n, id)) => (n + 1, Some(id)),
        None => (1, None),
    };
    let id = crate::store::ids::new_id();
    append(conn, &line, seq, &id, prev.as_deref(), changeset)?;
    Ok(seq)
}

/// Record a changeset under its place (origin, seq) and identity (id, and the change before it).
pub fn append(
    conn: &Connection,
    origin: &str,
    seq: i64,
    id: &str,
    prev: Option<&str>,
    changeset: &[u8],
) -> Result<()> {
    append_from(conn, origin, seq, id, prev, changeset.len(), &mut &changeset[..])
}

/// [`append`], the changeset's `len` bytes read from `input` straight into the log row in chunks
/// (SQLite's incremental blob I/O): a large changeset is never held in memory. The row is
/// reserved with zeroblob(), which SQLite leaves unexpanded because the changeset is the row's
/// last column (migration 0005).
pub fn append_from(
    conn: &Connection,
    origin: &str,
    seq: i64,
    id: &str,
    prev: Option<&str>,
    len: usize,
    input: &mut dyn Read,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO sync_log(origin, seq, id, prev, changeset, at) VALUES (?1, ?2, ?3, ?4, zeroblob(?5), ?6)",
    )?
    .execute(params![origin, seq, id, prev, i64::try_from(len)?, super::now()])?;
    let row = conn.last_insert_rowid();
    if len == 0 {
        return Ok(());
    }
    let mut blob = conn.blob_open(MAIN_DB, "sync_log", "changeset", row, false)?;
    let mut counted = Counted { inner: &mut blob, n: 0 };
    {
        // SQLite's blob writes are cheaper in large pieces than in the small ones readers give.
        let mut buffered = std::io::BufWriter::with_capacity(256 * 1024, &mut counted);
        let n = std::io::copy(&mut input.take(len as u64), &mut buffered)?;
        buffered.flush()?;
        if n != len as u64 {
            anyhow::bail!(crate::t!("sync-log-change-short", id = id, n = n, len = len));
        }
    }
    if counted.n != len as u64 {
        anyhow::bail!(crate::t!("sync-log-change-short", id = id, n = counted.n, len = len));
    }
    blob.close()?;
    Ok(())
}

/// Counts what passes through to a blob.
struct Counted<'w> {
    inner: &'w mut dyn Write,
    n: u64,
}

impl Write for Counted<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let k = self.inner.write(buf)?;
        self.n += k as u64;
        Ok(k)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The log row of the change `id`, if it is here.
pub fn row_of(conn: &Connection, id: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT n FROM sync_log WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// The bytes of a log row's changeset, read in chunks as they are needed.
pub fn open_changeset(conn: &Connection, row: i64) -> Result<Blob<'_>> {
    conn.blob_open(MAIN_DB, "sync_log", "changeset", row, true)
        .with_context(|| crate::t!("sync-log-unreadable", row = row))
}

/// A log row's changeset, whole (for changesets known to be small).
pub fn changeset(conn: &Connection, row: i64) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    open_changeset(conn, row)?.read_to_end(&mut out)?;
    Ok(out)
}

/// Replace what a logged change did here (the changeset passed on to others).
pub fn set_changeset(conn: &Connection, id: &str, changeset: &[u8]) -> Result<()> {
    conn.prepare_cached("UPDATE sync_log SET changeset = ?2 WHERE id = ?1")?
        .execute(params![id, changeset])?;
    Ok(())
}

/// Where the change `id` is here, if it is: (origin, seq).
pub fn find(conn: &Connection, id: &str) -> Result<Option<(String, i64)>> {
    Ok(conn
        .prepare_cached("SELECT origin, seq FROM sync_log WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The change at place (origin, seq), if any: its id.
pub fn at(conn: &Connection, origin: &str, seq: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT id FROM sync_log WHERE origin = ?1 AND seq = ?2")?
        .query_row(params![origin, seq], |r| r.get(0))
        .optional()?)
}

/// The last change of a line here: (seq, id).
pub fn tip(conn: &Connection, origin: &str) -> Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached("SELECT seq, id FROM sync_log WHERE origin = ?1 ORDER BY seq DESC LIMIT 1")?
        .query_row([origin], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The identity a change logged before version 4 had everywhere (or one carried by a bundle of
/// an older zoufang): "origin/seq".
pub fn legacy_id(origin: &str, seq: i64) -> String {
    format!("{origin}/{seq}")
}

pub fn legacy_prev(origin: &str, seq: i64) -> Option<String> {
    (seq > 1).then(|| legacy_id(origin, seq - 1))
}

/// What this database holds: per origin replica (or line), the highest sequence number (it
/// holds every change 1..n of that line: bundles always carry whatever the receiver lacks, in
/// order).
pub fn have(conn: &Connection) -> Result<BTreeMap<String, i64>> {
    let mut st = conn.prepare_cached("SELECT origin, max(seq) FROM sync_log GROUP BY origin")?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// Per line, the id of its last change here (with [`have`], what a bundle tells its receiver).
pub fn tips(conn: &Connection) -> Result<BTreeMap<String, String>> {
    let mut st = conn.prepare_cached(
        "SELECT l.origin, l.id FROM sync_log l
         JOIN (SELECT origin, max(seq) AS seq FROM sync_log GROUP BY origin) m ON m.origin = l.origin AND m.seq = l.seq",
    )?;
    let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    Ok(rows)
}

/// The name of the line split off `parent` whose first change is `head`: the same in every
/// database (a 32-character hex id, like a replica's).
pub fn line_name(parent: &str, head: &str) -> String {
    let a = super::values::fnv64(format!("line\0{parent}\0{head}").as_bytes());
    let b = super::values::fnv64(format!("enil\0{head}\0{parent}").as_bytes());
    format!("{a:016x}{b:016x}")
}

/// A line split off another: (parent, fork_at).
pub fn line_parent(conn: &Connection, origin: &str) -> Result<Option<(String, i64)>> {
    Ok(conn
        .prepare_cached("SELECT parent, fork_at FROM sync_lines WHERE origin = ?1")?
        .query_row([origin], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// Is `line` one of `roots`, or split off one of them?
pub fn descends(conn: &Connection, line: &str, roots: &[&str]) -> Result<bool> {
    let mut o = line.to_string();
    for _ in 0..64 {
        if roots.contains(&o.as_str()) {
            return Ok(true);
        }
        match line_parent(conn, &o)? {
            Some((p, _)) => o = p,
            None => return Ok(false),
        }
    }
    Ok(false)
}

/// A fork met while placing a change: two different changes claimed one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fork {
    /// The line that forked and the place both changes claimed.
    pub origin: String,
    pub at: i64,
    /// The new line made of the change with the larger id and everything after it in its line.
    pub line: String,
    /// How many changes already here were moved to the new line (0 when the incoming side was).
    pub moved: i64,
    /// The database's own line was moved: it is the copy (restored or copied) and logs its
    /// next changes on the new line.
    pub own: bool,
}

/// Where an incoming change goes here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placed {
    /// Already here (under this place): nothing to do.
    Here,
    /// Logged at (origin, seq), to be applied; a fork met on the way, if any.
    New { origin: String, seq: i64, fork: Option<Fork> },
    /// The change before it is not here (nor earlier in the bundle).
    Gap,
}

/// Place an incoming change (`id`, after `prev`; `origin` is where the sender had it and only
/// matters for the first change of a line) and log it with `changeset` (to be replaced by what
/// it did here once applied, [`set_changeset`]). A place already taken by a different change is
/// a fork: the smaller id keeps the place, the other line moves to a line of its own named by
/// [`line_name`]; nothing is dropped and nothing is taken twice.
pub fn place(
    conn: &Connection,
    origin: &str,
    id: &str,
    prev: Option<&str>,
    changeset: &[u8],
) -> Result<Placed> {
    place_from(conn, origin, id, prev, changeset.len(), &mut &changeset[..])
}

/// [`place`], the changeset's `len` bytes read from `input` into its log row in chunks (read only
/// when the change is new here).
pub fn place_from(
    conn: &Connection,
    origin: &str,
    id: &str,
    prev: Option<&str>,
    len: usize,
    input: &mut dyn Read,
) -> Result<Placed> {
    if find(conn, id)?.is_some() {
        return Ok(Placed::Here);
    }
    let (line, seq) = match prev {
        None => (origin.to_string(), 1),
        Some(p) => match find(conn, p)? {
            Some((o, s)) => (o, s + 1),
            None => return Ok(Placed::Gap),
        },
    };
    let Some(there) = at(conn, &line, seq)? else {
        append_from(conn, &line, seq, id, prev, len, input)?;
        return Ok(Placed::New { origin: line, seq, fork: None });
    };
    if id < there.as_str() {
        // The incoming change keeps the place: what is here from `seq` on moves to a new line.
        let new = line_name(&line, &there);
        let moved = conn.execute(
            "UPDATE sync_log SET origin = ?3, seq = seq - ?2 + 1 WHERE origin = ?1 AND seq >= ?2",
            params![line, seq, new],
        )? as i64;
        conn.execute(
            "INSERT OR IGNORE INTO sync_lines(origin, parent, fork_at, head) VALUES (?1, ?2, ?3, ?4)",
            params![new, line, seq, there],
        )?;
        // Lines split off the moved part follow it.
        conn.execute(
            "UPDATE sync_lines SET parent = ?3, fork_at = fork_at - ?2 + 1 WHERE parent = ?1 AND fork_at > ?2",
            params![line, seq, new],
        )?;
        // What peers were known to hold of the line from `seq` on was the moved part.
        conn.execute(
            "INSERT INTO sync_acks(peer, origin, acked, sent)
             SELECT peer, ?3, max(acked - ?2 + 1, 0), max(sent - ?2 + 1, 0) FROM sync_acks
             WHERE origin = ?1 AND (acked >= ?2 OR sent >= ?2)
             ON CONFLICT(peer, origin) DO UPDATE SET acked = max(acked, excluded.acked), sent = max(sent, excluded.sent)",
            params![line, seq, new],
        )?;
        conn.execute(
            "UPDATE sync_acks SET acked = min(acked, ?2 - 1), sent = min(sent, ?2 - 1) WHERE origin = ?1",
            params![line, seq],
        )?;
        // This database's own line moved: it is the copy, and goes on after its own changes.
        let own = own_line(conn)? == line;
        if own {
            conn.execute(
                "INSERT INTO meta(key, value) VALUES ('line', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                [&new],
            )?;
        }
        append_from(conn, &line, seq, id, prev, len, input)?;
        let fork = Fork { origin: line.clone(), at: seq, line: new, moved, own };
        Ok(Placed::New { origin: line, seq, fork: Some(fork) })
    } else {
        // The incoming change and its line go to a line of their own.
        let new = line_name(&line, id);
        conn.execute(
            "INSERT OR IGNORE INTO sync_lines(origin, parent, fork_at, head) VALUES (?1, ?2, ?3, ?4)",
            params![new, line, seq, id],
        )?;
        append_from(conn, &new, 1, id, prev, len, input)?;
        let fork = Fork { origin: line, at: seq, line: new.clone(), moved: 0, own: false };
        Ok(Placed::New { origin: new, seq: 1, fork: Some(fork) })
    }
}

/// Set what a peer holds, from what its bundle says it has: per line of the sender, the number
/// of changes and the id of the last one. The last id is looked up here (the sender may name
/// lines differently until it has met the same forks); a line split off another also holds its
/// parent up to the fork. Lines it does not cover, or whose last change is not here, are taken
/// as not held (at worst they are sent again, and taken once). Returns true when something
/// changed.
pub fn ack_holdings(
    conn: &Connection,
    peer: &str,
    have: &BTreeMap<String, i64>,
    tips: &BTreeMap<String, String>,
) -> Result<bool> {
    let mut holds: BTreeMap<String, i64> = BTreeMap::new();
    for (origin, n) in have {
        let place = match tips.get(origin) {
            Some(t) => find(conn, t)?,
            // A bundle of an older zoufang: lines are numbered alike everywhere.
            None => Some((origin.clone(), *n)),
        };
        let Some((mut o, mut s)) = place else { continue };
        // Walk up the lines this one was split off.
        for _ in 0..64 {
            let e = holds.entry(o.clone()).or_insert(0);
            *e = (*e).max(s);
            match line_parent(conn, &o)? {
                Some((p, k)) if k > 1 => {
                    o = p;
                    s = k - 1;
                }
                _ => break,
            }
        }
    }
    // The statement is whole: a line it does not cover, the peer does not hold (a peer restored
    // from an older copy lost what it was known to hold).
    let known: Vec<String> = conn
        .prepare_cached("SELECT origin FROM sync_acks WHERE peer = ?1 AND acked > 0")?
        .query_map([peer], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for origin in known {
        holds.entry(origin).or_insert(0);
    }
    let mut news = false;
    for (origin, n) in holds {
        news |= set_ack(conn, peer, &origin, n)?;
    }
    Ok(news)
}

/// The peer holds `origin`'s changes 1..seq. A peer's own statement replaces what was known
/// (a peer restored from an older copy holds less than it did). True when this was news.
pub fn set_ack(conn: &Connection, peer: &str, origin: &str, seq: i64) -> Result<bool> {
    let n = conn
        .prepare_cached(
            "INSERT INTO sync_acks(peer, origin, acked) VALUES (?1, ?2, ?3)
             ON CONFLICT(peer, origin) DO UPDATE SET acked = excluded.acked WHERE excluded.acked <> acked",
        )?
        .execute(params![peer, origin, seq])?;
    Ok(n > 0)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Peer {
    pub replica: String,
    pub org: String,
    pub name: String,
    /// origin (the bureau this laptop was cloned from), clone (a laptop of this bureau), lower
    /// (a bureau inside this one's area), upper (the bureau whose area this one is in: it
    /// receives bundles and answers with receipts).
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

/// An upper bureau this database sends bundles to before it has heard from it: known by its
/// division code until its first receipt names its database.
pub fn upper_placeholder(org: &str) -> String {
    format!("upper:{org}")
}

/// A receipt from upper bureau `replica` of `org`: what was remembered under its placeholder is
/// now its own.
pub fn adopt_placeholder(conn: &Connection, replica: &str, org: &str) -> Result<()> {
    let ph = upper_placeholder(org);
    conn.execute(
        "INSERT INTO sync_acks(peer, origin, acked, sent) SELECT ?2, origin, acked, sent FROM sync_acks WHERE peer = ?1
         ON CONFLICT(peer, origin) DO UPDATE SET sent = max(sent, excluded.sent)",
        params![ph, replica],
    )?;
    conn.execute("DELETE FROM sync_acks WHERE peer = ?1", [&ph])?;
    conn.execute(
        "UPDATE sync_peers SET last_export = coalesce((SELECT last_export FROM sync_peers WHERE replica = ?1), last_export) WHERE replica = ?2",
        params![ph, replica],
    )?;
    conn.execute("DELETE FROM sync_peers WHERE replica = ?1", [&ph])?;
    Ok(())
}

/// What a receipt says the peer holds is the truth: what was sent and is not held is sent again.
pub fn sent_is_acked(conn: &Connection, peer: &str) -> Result<()> {
    conn.execute("UPDATE sync_acks SET sent = acked WHERE peer = ?1", [peer])?;
    Ok(())
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

/// Log entries the peer is not known to hold, in log order (its own changes too: a peer restored
/// from an older copy lacks some of its own, and says so in its bundles), each with its log row
/// (to stream its bytes from, [`open_changeset`]). `None` for the peer means an unknown receiver:
/// everything. With `past_sent`, what was already sent counts as held (an upper bureau, which
/// answers with receipts rather than bundles: a weekly bundle carries only what is new since the
/// last one; a receipt sets what was sent back to what it holds).
pub fn pending_entries(
    conn: &Connection,
    peer: Option<&str>,
    past_sent: bool,
) -> Result<Vec<(i64, crate::sync::bundle::EntryInfo)>> {
    let peer = peer.unwrap_or("");
    let mut st = conn.prepare(
        "SELECT l.n, l.origin, l.seq, l.id, l.prev, length(l.changeset) FROM sync_log l
         LEFT JOIN sync_acks a ON a.peer = ?1 AND a.origin = l.origin
         WHERE l.seq > max(coalesce(a.acked, 0), CASE WHEN ?2 THEN coalesce(a.sent, 0) ELSE 0 END)
         ORDER BY l.n",
    )?;
    let rows = st
        .query_map(params![peer, past_sent], |r| {
            Ok((
                r.get(0)?,
                crate::sync::bundle::EntryInfo {
                    origin: r.get(1)?,
                    seq: r.get(2)?,
                    id: r.get(3)?,
                    prev: r.get(4)?,
                    len: r.get::<_, i64>(5)? as usize,
                },
            ))
        })?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

/// How many log entries the peer is not known to hold.
pub fn pending_count(conn: &Connection, peer: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM sync_log l
         LEFT JOIN sync_acks a ON a.peer = ?1 AND a.origin = l.origin
         WHERE l.seq > coalesce(a.acked, 0)",
        [peer],
        |r| r.get(0),
    )?)
}
