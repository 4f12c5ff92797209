//! The database file: opening with the right flags and pragmas, the schema and its migrations,
//! the campaign this file belongs to, and the one way to write (`Store::write`).

pub mod attachments;
pub mod audit;
pub mod bulk;
pub mod check;
pub mod corrections;
pub mod edits;
pub mod fill;
pub mod findings;
pub mod forms;
pub mod functions;
pub mod groups;
pub mod ids;
pub mod query;
pub mod registry;
pub mod rows;
pub mod seed;
pub mod spans;
pub mod targets;
pub mod visits;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};

use crate::domain::codes::Level;
use crate::error::reject;
use crate::msg;

const SCHEMA: &str = include_str!("../../schema.sql");
/// Numbered steps after version 1, in order: MIGRATIONS[0] takes a database to version 2.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0002_report_reads.sql"),
    include_str!("../../migrations/0003_enterprises_by_credit_code.sql"),
    include_str!("../../migrations/0004_change_identity.sql"),
    include_str!("../../migrations/0005_sync_log_changeset_last.sql"),
    include_str!("../../migrations/0006_resolution_conflicts.sql"),
    include_str!("../../migrations/0007_attachments.sql"),
    include_str!("../../migrations/0008_upper_peers.sql"),
    include_str!("../../migrations/0009_corrections.sql"),
];
pub const SCHEMA_VERSION: i64 = 1 + MIGRATIONS.len() as i64;
/// The schema version whose exchanged tables (their columns and keys) bundles carry: the last
/// version that changed one. Versions 2 and 3 changed only local tables, indexes and storage, so
/// a laptop still on version 1 and a bureau on version 3 exchange bundles both ways. A migration
/// that changes an exchanged table sets this to its own version (tests/sync.rs pins the shape).
/// Version 7 added the attachments' exchanged tables (blobs, attachments, evidence_rules);
/// version 9 the corrections' (visit_voids, corrections).
pub const EXCHANGE_VERSION: i64 = 9;

/// Who this database is: the bureau that made it and the campaign it belongs to.
#[derive(Debug, Clone)]
pub struct Campaign {
    pub org: String,
    pub level: Level,
    pub year: i32,
    pub province: String,
    pub name: String,
    pub replica: String,
}

impl Campaign {
    /// True when `code` lies inside this bureau's own area.
    pub fn covers(&self, code: &str) -> bool {
        code.starts_with(&self.org)
    }
}

/// Who is acting and with which command line, for the audit log.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user: String,
    pub command: String,
}

pub struct Store {
    conn: Connection,
    pub campaign: Campaign,
    pub path: PathBuf,
    /// Whether the next `write` is captured for sync. False only for the write that follows
    /// `create`: the reference data `init` seeds, which every database makes for itself.
    capture: bool,
    /// The file is write-protected: it is read as it is, and every write is refused.
    read_only: bool,
}

/// How many touched records an audit-log entry names; past them it counts (`+N`).
pub const TOUCHED_KEPT: usize = 1_000;

/// A write in progress: the transaction plus the records it touched, for the audit log.
pub struct Writer<'a> {
    pub tx: Transaction<'a>,
    pub campaign: &'a Campaign,
    touched: Vec<String>,
    /// Records touched past the first `TOUCHED_KEPT`, counted only: a bulk import of 400,000 rows
    /// would otherwise hold every key in memory for the audit log.
    touched_more: usize,
    /// The sync capture of this write, when it is captured (see `Store::write`).
    capture: Option<crate::sync::session::Session<'a>>,
    conn: &'a Connection,
}

impl Writer<'_> {
    /// For a write of very many rows (a bulk import): log what was captured so far as one change
    /// of this database and start capturing afresh, so that the capture's memory (SQLite keeps
    /// every row changed in its session) stays bounded whatever the write's size. The changes
    /// are logged in order, in this same transaction; applied in order elsewhere they do what the
    /// write did. Does nothing for an uncaptured write.
    pub fn flush_capture(&mut self) -> Result<()> {
        if self.set_capture_aside()? {
            self.resume_capture()?;
        }
        Ok(())
    }

    /// For a write that logs its own changesets ([`bulk`]): log what the session captured so far
    /// and stop capturing. True when this write is captured at all; then [`Self::resume_capture`]
    /// must follow.
    pub fn set_capture_aside(&mut self) -> Result<bool> {
        let Some(session) = self.capture.take() else { return Ok(false) };
        let changeset = session.changeset()?;
        drop(session);
        if !changeset.is_empty() {
            crate::sync::log::append_own(&self.tx, &changeset)?;
        }
        Ok(true)
    }

    /// Capture again after [`Self::set_capture_aside`].
    pub fn resume_capture(&mut self) -> Result<()> {
        self.capture = Some(crate::sync::session::Session::attach(self.conn)?);
        Ok(())
    }

    /// Run `f` with a page cache of `kib` KiB, then give the connection its own back: for a write
    /// that reaches pages all over a large file, where the usual 16 MB cache sends SQLite back to
    /// the file (or spills half-written pages to the WAL) for most of them.
    pub fn with_cache<T>(&mut self, kib: i64, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let before: i64 = self.tx.pragma_query_value(None, "cache_size", |r| r.get(0))?;
        self.tx.pragma_update(None, "cache_size", -kib)?;
        let out = f(self);
        self.tx.pragma_update(None, "cache_size", before)?;
        out
    }

    /// Note that a record was created or changed: `touch("enterprise", uscc)`.
    pub fn touch(&mut self, table: &str, key: &str) {
        if self.touched.len() < TOUCHED_KEPT {
            self.touched.push(format!("{table}:{key}"));
        } else {
            self.touched_more += 1;
        }
    }
    pub fn touched(&self) -> usize {
        self.touched.len() + self.touched_more
    }
}

/// Drop the schema objects of `kind` ('index', 'trigger') whose name is LIKE `name_like` (with
/// `\` as escape), SQLite's own automatic indexes excepted, for a bulk write that puts them back
/// when done. Returns each one's table and the SQL that makes it again, in the order they were
/// made.
pub(crate) fn take_out(conn: &Connection, kind: &str, name_like: &str) -> Result<Vec<(String, String)>> {
    let found: Vec<(String, String, String)> = conn
        .prepare(
            "SELECT name, tbl_name, sql FROM main.sqlite_master
             WHERE type = ?1 AND name LIKE ?2 ESCAPE '\\' AND sql IS NOT NULL ORDER BY rowid",
        )?
        .query_map([kind, name_like], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    for (name, _, _) in &found {
        conn.execute_batch(&format!("DROP {kind} main.\"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(found.into_iter().map(|(_, table, sql)| (table, sql)).collect())
}

fn apply_pragmas(conn: &Connection) -> Result<()> {
    functions::register(conn)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -16384;")?;
    Ok(())
}

/// Refuse to make a database where a file already is.
fn refuse_existing(path: &Path) -> Result<()> {
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(reject(msg!("db-exists", path = path)).hint(msg!("db-exists-hint")).into());
    }
    Ok(())
}

/// A database being made beside its final name (`init`, `demo`, `backup`, `sync clone`): it
/// exists under that name only once complete. Dropped unpublished (an error, a refusal), it is
/// removed with its journal files; a crash leaves only a hidden `.NAME.PID.*.zoufang-tmp` file,
/// which blocks nothing and goes at the next attempt (`io::output::temp_beside`).
pub struct Unpublished {
    tmp: Option<tempfile::TempPath>,
    pub dest: PathBuf,
}

impl Unpublished {
    /// An empty owner-only file beside `dest` (which must not exist).
    pub fn new(dest: &Path) -> Result<Unpublished> {
        refuse_existing(dest)?;
        let tmp = crate::io::output::temp_beside(dest).map_err(|e| {
            anyhow::anyhow!(crate::t!("store-cannot-create", path = dest, detail = format!("{e:#}")))
        })?;
        Ok(Unpublished { tmp: Some(tmp.into_temp_path()), dest: dest.to_path_buf() })
    }

    pub fn path(&self) -> &Path {
        self.tmp.as_deref().unwrap_or(&self.dest)
    }

    /// Put the complete database under its name (never over a file that appeared meanwhile).
    /// Every connection to it must be closed first (`Store::close`).
    pub fn publish(mut self) -> Result<()> {
        let Some(tmp) = self.tmp.take() else { return Ok(()) };
        remove_sidecars(&tmp);
        if let Ok(f) = std::fs::File::open(&tmp) {
            f.sync_all().with_context(|| crate::t!("store-cannot-write", path = self.dest.as_path()))?;
        }
        match tmp.persist_noclobber(&self.dest) {
            Ok(()) => {
                crate::io::output::sync_dir(&self.dest);
                Ok(())
            }
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => {
                remove_sidecars(&e.path);
                refuse_existing(&self.dest)
            }
            Err(e) => {
                remove_sidecars(&e.path);
                Err(crate::error::io_sentence(e.error, &self.dest, "create"))
            }
        }
    }
}

impl Drop for Unpublished {
    fn drop(&mut self) {
        if let Some(tmp) = self.tmp.take() {
            remove_sidecars(&tmp);
            // TempPath removes the file itself.
        }
    }
}

/// Remove a database's `-wal`, `-shm` and `-journal` files (of a temporary that is going away, or
/// that was closed cleanly and left empty ones).
fn remove_sidecars(db: &Path) {
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(p);
    }
}

impl Store {
    /// Make a new database for `campaign`, with the schema, at `new`'s temporary path (publish
    /// it with `Store::close` then `Unpublished::publish`). Seeding is done by the caller inside
    /// `init`'s own write.
    pub fn create(new: &Unpublished, campaign: Campaign) -> Result<Store> {
        let path = new.path();
        let mut conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| engine_error(e, &new.dest))?;
        apply_pragmas(&conn).map_err(|e| engine_error_any(e, &new.dest))?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(SCHEMA).with_context(|| crate::t!("store-applying-schema"))?;
        for step in MIGRATIONS {
            tx.execute_batch(step)?;
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        let c = &campaign;
        for (k, v) in [
            ("org", c.org.clone()),
            ("level", (c.level as i64).to_string()),
            ("year", c.year.to_string()),
            ("province", c.province.clone()),
            ("name", c.name.clone()),
            ("replica", c.replica.clone()),
            ("file", file_id(path).unwrap_or_default()),
        ] {
            tx.execute("INSERT INTO meta(key, value) VALUES (?1, ?2)", (k, v))?;
        }
        tx.commit().map_err(|e| engine_error(e, &new.dest))?;
        Ok(Store { conn, campaign, path: new.dest.clone(), capture: false, read_only: false })
    }

    /// Close the database: its log checkpointed into the file, the connection closed, errors
    /// reported (a database about to be renamed into place must be whole in its one file).
    pub fn close(self) -> Result<()> {
        let path = self.path.clone();
        self.conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").map_err(|e| engine_error(e, &path))?;
        self.conn.close().map_err(|(_, e)| engine_error(e, &path))
    }

    /// Open an existing database, upgrading an older schema and refusing a newer one. Nothing in
    /// the file changes before it is recognised as zoufang's own: a file of another program stays
    /// byte for byte as it was, whatever its `user_version`.
    pub fn open(path: &Path) -> Result<Store> {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(reject(msg!("db-missing", path = path)).hint(msg!("db-missing-hint")).into())
            }
            Err(e) => return Err(crate::error::io_sentence(e, path, "read")),
        };
        if meta.is_dir() {
            return Err(reject(msg!("db-is-folder", path = path)).hint(msg!("db-is-folder-hint")).into());
        }
        if meta.len() == 0 {
            return Err(not_ours(path, msg!("db-not-ours-empty")));
        }
        if crate::io::output::sqlite_kind(path) != Some("an SQLite database") {
            return Err(reject(msg!("db-not-sqlite", path = path))
                .hint(msg!("db-not-sqlite-hint"))
                .failure()
                .into());
        }
        // A write-protected file is read as it stands and every write is refused.
        let read_only = matches!(
            std::fs::OpenOptions::new().read(true).write(true).open(path),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied
        );
        // Look before touching: a read-only connection, which changes nothing in the file.
        let look = Self::open_read_only(path, read_only)?;
        let version = recognise(&look, path)?;
        if read_only {
            if version < SCHEMA_VERSION {
                return Err(reject(msg!("db-read-only-needs-upgrade", path = path))
                    .hint(msg!("db-read-only-needs-upgrade-hint"))
                    .into());
            }
            let campaign = read_campaign(&look)?;
            return Ok(Store { conn: look, campaign, path: path.to_path_buf(), capture: false, read_only });
        }
        let mut conn = match Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(anyhow::Error::from)
        .and_then(|c| apply_pragmas(&c).map(|_| c))
        {
            Ok(c) => {
                drop(look);
                c
            }
            // A writable file in a folder this user cannot write: SQLite cannot make its log
            // there, but the file can still be read.
            Err(e) if version == SCHEMA_VERSION && is_cannot_write(&e) => {
                let campaign = read_campaign(&look)?;
                return Ok(Store {
                    conn: look,
                    campaign,
                    path: path.to_path_buf(),
                    capture: false,
                    read_only: true,
                });
            }
            Err(e) => return Err(engine_error_any(e, path)),
        };
        if version < SCHEMA_VERSION {
            // A province's file takes tens of seconds (the reports' copy of every history is
            // derived once): say so rather than look hung.
            crate::note!(
                "{}",
                crate::t!("store-upgrading", path = path, from = version, to = SCHEMA_VERSION)
            );
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(|e| engine_error(e, path))?;
            // Another command may have upgraded it meanwhile.
            let now: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
            if now < SCHEMA_VERSION {
                let from = usize::try_from(now - 1).unwrap_or(0);
                for step in MIGRATIONS.get(from..).unwrap_or(&[]) {
                    tx.execute_batch(step).map_err(|e| {
                        let cause = short_engine_message(&e);
                        anyhow::Error::from(
                            reject(msg!("db-schema-mismatch", path = path, version = now, cause = cause))
                                .hint(msg!("db-restore-hint")),
                        )
                    })?;
                }
                tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
                tx.commit().map_err(|e| engine_error(e, path))?;
            }
        }
        let campaign = read_campaign(&conn)?;
        Ok(Store { conn, campaign, path: path.to_path_buf(), capture: true, read_only: false })
    }

    /// A connection that reads without changing the file. A file with no unapplied log is opened
    /// immutable (nothing is made beside it: for a write-protected file such a file would stay
    /// write-protected after the file is fixed). One whose log holds committed changes is read
    /// with its log, or refused with the way to recover — never read as if the log did not exist.
    fn open_read_only(path: &Path, write_protected: bool) -> Result<Connection> {
        let wal = sidecar(path, "-wal");
        let wal_len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        let shm_exists = sidecar(path, "-shm").exists();
        let flags =
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        // No log, or an empty one: everything is in the file itself, read as it stands (and
        // nothing is made beside it — a foreign file gets no -wal or -shm either).
        let immutable = wal_len == 0;
        let unreadable_log = || -> anyhow::Error {
            reject(msg!("db-unreadable-log", path = path, wal = wal))
                .hint(msg!("db-unreadable-log-hint", path = path))
                .into()
        };
        if write_protected && wal_len > 0 && !shm_exists {
            return Err(unreadable_log());
        }
        let uri = if immutable {
            format!("file:{}?immutable=1", uri_path(path))
        } else {
            format!("file:{}", uri_path(path))
        };
        // The first read opens the log: a failure here is the log that cannot be read.
        let opened = Connection::open_with_flags(uri, flags).and_then(|c| {
            c.busy_timeout(BUSY_TIMEOUT)?;
            c.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0))?;
            Ok(c)
        });
        match opened {
            Ok(c) => {
                // Reads of a write-protected file use this connection: the reports' functions too.
                functions::register(&c)?;
                Ok(c)
            }
            Err(e)
                if wal_len > 0
                    && (write_protected
                        || matches!(
                            e.sqlite_error_code(),
                            Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly)
                        )) =>
            {
                Err(unreadable_log())
            }
            Err(e) => Err(engine_error(e, path)),
        }
    }

    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Run one write command: a single `BEGIN IMMEDIATE` transaction, all or nothing, with an
    /// audit-log entry for what it touched. If `f` fails nothing is written.
    ///
    /// Its changes are captured for sync: a session-extension changeset taken before COMMIT and
    /// appended to the change log (`sync_log`) in the same transaction.
    pub fn write<T>(&mut self, actor: &Actor, f: impl FnOnce(&mut Writer) -> Result<T>) -> Result<T> {
        let capture = self.capture;
        let out = self.write_inner(actor, capture, f)?;
        self.capture = true;
        Ok(out)
    }

    /// A write whose changes are not captured as this database's own: `sync import` (which logs
    /// what it applies under the changes' original identity) and sync bookkeeping.
    pub fn write_uncaptured<T>(
        &mut self,
        actor: &Actor,
        f: impl FnOnce(&mut Writer) -> Result<T>,
    ) -> Result<T> {
        self.write_inner(actor, false, f)
    }

    /// Run `f` in a transaction and roll it back whatever happens (`sync import --dry-run`).
    pub fn rehearse<T>(&mut self, f: impl FnOnce(&mut Writer) -> Result<T>) -> Result<T> {
        let conn = &self.conn;
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        let mut w = Writer {
            tx,
            campaign: &self.campaign,
            touched: Vec::new(),
            touched_more: 0,
            capture: None,
            conn,
        };
        let out = f(&mut w)?;
        w.tx.rollback()?;
        Ok(out)
    }

    fn write_inner<T>(
        &mut self,
        actor: &Actor,
        capture: bool,
        f: impl FnOnce(&mut Writer) -> Result<T>,
    ) -> Result<T> {
        if self.read_only {
            return Err(reject(msg!("db-read-only", path = self.path.as_path()))
                .hint(msg!("db-read-only-hint"))
                .into());
        }
        let conn = &self.conn;
        // The session records from here on; it is deleted (dropped) after the transaction ends.
        let capture = if capture { Some(crate::sync::session::Session::attach(conn)?) } else { None };
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        // A copy takes its own identity with its first write (and only if that write stands).
        let copied = notice_copy(&tx, &self.path)?;
        let mut w =
            Writer { tx, campaign: &self.campaign, touched: Vec::new(), touched_more: 0, capture, conn };
        let out = f(&mut w)?;
        if !w.touched.is_empty() {
            audit::record(&w.tx, actor, &w.touched, w.touched_more)?;
        }
        if let Some(s) = w.capture.take() {
            let changeset = s.changeset()?;
            drop(s);
            if !changeset.is_empty() {
                crate::sync::log::append_own(&w.tx, &changeset)?;
            }
        }
        w.tx.commit()?;
        if let Some((old, new)) = copied {
            crate::note!(
                "{}",
                crate::t!(
                    "store-new-identity",
                    path = self.path.as_path(),
                    new = ids::short(&new),
                    old = ids::short(&old)
                )
            );
        }
        Ok(out)
    }
}

/// A path as the file: URI wants it: every byte but the plain ones percent-encoded.
fn uri_path(path: &Path) -> String {
    let raw = path.as_os_str().as_encoded_bytes();
    let mut out = String::with_capacity(raw.len());
    for b in raw {
        if b.is_ascii_alphanumeric() || b"/._-~".contains(b) {
            out.push(*b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// How long a command waits for another one's write to finish before saying so.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    let mut p = db.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

fn not_ours(path: &Path, why: crate::i18n::Msg) -> anyhow::Error {
    reject(msg!("db-not-ours", path = path, why = why)).hint(msg!("db-not-ours-hint")).into()
}

/// Is this zoufang's own database, and of which schema version? Read through a connection that
/// changes nothing: `user_version` and the `meta` table that names the campaign.
fn recognise(conn: &Connection, path: &Path) -> Result<i64> {
    let version: i64 =
        conn.pragma_query_value(None, "user_version", |r| r.get(0)).map_err(|e| engine_error(e, path))?;
    if version <= 0 {
        return Err(not_ours(path, msg!("db-not-ours-no-version")));
    }
    let has_meta: bool = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta')",
            [],
            |r| r.get(0),
        )
        .map_err(|e| engine_error(e, path))?;
    let names_campaign = has_meta
        && conn
            .query_row(
                "SELECT count(DISTINCT key) FROM meta WHERE key IN ('org', 'year', 'replica')",
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n == 3)
            .unwrap_or(false);
    if !names_campaign {
        return Err(not_ours(path, msg!("db-not-ours-no-campaign")));
    }
    if version > SCHEMA_VERSION {
        return Err(reject(msg!("db-newer", path = path, version = version, known = SCHEMA_VERSION))
            .hint(msg!("db-newer-hint"))
            .into());
    }
    Ok(version)
}

/// The engine's own words, without the SQL it was running.
fn short_engine_message(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(_, Some(msg)) => msg.clone(),
        rusqlite::Error::SqlInputError { msg, .. } => msg.clone(),
        rusqlite::Error::SqliteFailure(err, None) => err.to_string(),
        other => other.to_string(),
    }
}

fn is_cannot_write(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        matches!(
            c.downcast_ref::<rusqlite::Error>().and_then(|r| r.sqlite_error_code()),
            Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly)
        )
    })
}

/// An engine error about `path` said as a sentence with a fix (see `engine_error`), for errors
/// already wrapped.
pub fn engine_error_any(e: anyhow::Error, path: &Path) -> anyhow::Error {
    match e.downcast::<rusqlite::Error>() {
        Ok(r) => engine_error(r, path),
        Err(e) => e,
    }
}

/// An engine error about the database `path` said as a sentence with a fix: locked, full, a
/// folder, a file that cannot be opened, a damaged file. Others keep the engine's words.
pub fn engine_error(e: rusqlite::Error, path: &Path) -> anyhow::Error {
    use rusqlite::ErrorCode as C;
    let Some(code) = e.sqlite_error_code() else { return e.into() };
    let detail = short_engine_message(&e);
    let (what, hint) = match code {
        C::DatabaseBusy | C::DatabaseLocked => {
            (msg!("engine-locked", path = path), msg!("engine-locked-hint"))
        }
        C::DiskFull => (msg!("engine-full", path = path), msg!("engine-full-hint")),
        C::CannotOpen if path.is_dir() => (msg!("db-is-folder", path = path), msg!("db-is-folder-hint")),
        C::CannotOpen => (msg!("engine-cannot-open", path = path), msg!("engine-cannot-open-hint")),
        C::ReadOnly => (msg!("engine-read-only", path = path), msg!("engine-read-only-hint")),
        C::DatabaseCorrupt | C::NotADatabase => {
            (msg!("engine-damaged", path = path, detail = detail), msg!("engine-damaged-hint"))
        }
        C::SystemIoFailure => (msg!("engine-io", path = path, detail = detail), msg!("engine-io-hint")),
        _ => return e.into(),
    };
    reject(what).hint(hint).failure().into()
}

/// The file's identity on disk (device and inode).
fn file_id(path: &Path) -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let m = std::fs::metadata(path).ok()?;
        Some(format!("{}:{}", m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// A database is told from its copies by the file it lives in (SPEC §6, "Identity of a copy").
/// Opened in another file than the one it was last opened in — a `cp` of it, a backup opened
/// where it lies, a copy on another machine — it takes a replica id of its own, so that it and
/// the original are two peers whose changes are never taken for one another's. Its former ids
/// are kept as aliases: bundles for or from them are still its own. (A backup copied back over
/// the original file keeps the original's id; the change log's ids sort that case out.) It happens in
/// the first write after the copy, inside it: a command that only reads, or is refused, changes
/// nothing.
fn notice_copy(tx: &Connection, path: &Path) -> Result<Option<(String, String)>> {
    let Some(here) = file_id(path) else { return Ok(None) };
    let seen: Option<String> =
        tx.query_row("SELECT value FROM meta WHERE key = 'file'", [], |r| r.get(0)).optional()?;
    if seen.as_deref() == Some(here.as_str()) {
        return Ok(None);
    }
    let set = |k: &str, v: &str| {
        tx.execute(
            "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (k, v),
        )
    };
    set("file", &here)?;
    if seen.is_none() {
        return Ok(None);
    }
    let old: String = tx.query_row("SELECT value FROM meta WHERE key = 'replica'", [], |r| r.get(0))?;
    let mut aliases: String = tx
        .query_row("SELECT value FROM meta WHERE key = 'aliases'", [], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    if !aliases.split(' ').any(|a| a == old) {
        if !aliases.is_empty() {
            aliases.push(' ');
        }
        aliases.push_str(&old);
    }
    let new = ids::new_id();
    set("replica", &new)?;
    set("aliases", &aliases)?;
    // Its own changes from now on start a line of their own.
    tx.execute("DELETE FROM meta WHERE key = 'line'", [])?;
    Ok(Some((old, new)))
}

/// Give a copy its own identity now, before it speaks for itself (`sync export` writes its id
/// into a bundle before it writes anything).
impl Store {
    pub fn settle_identity(&mut self, actor: &Actor) -> Result<()> {
        let Some(here) = file_id(&self.path) else { return Ok(()) };
        let seen: Option<String> =
            self.conn.query_row("SELECT value FROM meta WHERE key = 'file'", [], |r| r.get(0)).optional()?;
        if seen.as_deref() == Some(here.as_str()) || self.read_only {
            return Ok(());
        }
        self.write_inner(actor, false, |_| Ok(()))
    }
}

fn read_campaign(conn: &Connection) -> Result<Campaign> {
    let get = |k: &str| -> Result<String> {
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [k], |r| r.get(0))
            .optional()?
            .with_context(|| crate::t!("sync-meta-missing", key = k))
    };
    let level: i64 = get("level")?.parse().with_context(|| crate::t!("store-meta-bad", key = "level"))?;
    Ok(Campaign {
        org: get("org")?,
        level: Level::from_i64(level).with_context(|| crate::t!("store-meta-bad", key = "level"))?,
        year: get("year")?.parse().with_context(|| crate::t!("store-meta-bad", key = "year"))?,
        province: get("province")?,
        name: get("name")?,
        replica: get("replica")?,
    })
}
