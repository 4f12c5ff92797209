//! The database file: opening with the right flags and pragmas, the schema and its migrations,
//! the campaign this file belongs to, and the one way to write (`Store::write`).

pub mod audit;
pub mod check;
pub mod findings;
pub mod forms;
pub mod functions;
pub mod groups;
pub mod ids;
pub mod query;
pub mod registry;
pub mod seed;
pub mod spans;
pub mod visits;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};

use crate::domain::codes::Level;
use crate::error::reject;

const SCHEMA: &str = include_str!("../../schema.sql");
/// Numbered steps after version 1, in order: MIGRATIONS[0] takes a database to version 2.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0002_report_reads.sql"),
    include_str!("../../migrations/0003_enterprises_by_credit_code.sql"),
    include_str!("../../migrations/0004_change_identity.sql"),
    include_str!("../../migrations/0005_sync_log_changeset_last.sql"),
];
pub const SCHEMA_VERSION: i64 = 1 + MIGRATIONS.len() as i64;
/// The schema version whose exchanged tables (their columns and keys) bundles carry: the last
/// version that changed one. Versions 2 and 3 changed only local tables, indexes and storage, so
/// a laptop still on version 1 and a bureau on version 3 exchange bundles both ways. A migration
/// that changes an exchanged table sets this to its own version (tests/sync.rs pins the shape).
pub const EXCHANGE_VERSION: i64 = 4;

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

/// A write in progress: the transaction plus the records it touched, for the audit log.
pub struct Writer<'a> {
    pub tx: Transaction<'a>,
    pub campaign: &'a Campaign,
    touched: Vec<String>,
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
        let Some(session) = self.capture.take() else { return Ok(()) };
        let changeset = session.changeset()?;
        drop(session);
        if !changeset.is_empty() {
            crate::sync::log::append_own(&self.tx, &changeset)?;
        }
        drop(changeset);
        self.capture = Some(crate::sync::session::Session::attach(self.conn)?);
        Ok(())
    }

    /// Note that a record was created or changed: `touch("enterprise", uscc)`.
    pub fn touch(&mut self, table: &str, key: &str) {
        self.touched.push(format!("{table}:{key}"));
    }
    pub fn touched(&self) -> usize {
        self.touched.len()
    }
}

fn apply_pragmas(conn: &Connection) -> Result<()> {
    functions::register(conn)?;
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -16384;")?;
    Ok(())
}

/// Create the file readable by its owner only: it holds names and phone numbers.
fn create_private_file(path: &Path) -> Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    match opts.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(reject(format!("{} already exists; zoufang never overwrites a database", path.display()))
                .hint("choose another --db path, or move the old file away first")
                .into())
        }
        Err(e) => Err(e).with_context(|| format!("cannot create {}", path.display())),
    }
}

impl Store {
    /// Make a new database at `path` (which must not exist) for `campaign`, with the schema and the
    /// reference data. Seeding is done by the caller inside `init`'s own write.
    pub fn create(path: &Path, campaign: Campaign) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the folder {}", dir.display()))?;
        }
        create_private_file(path)?;
        let result = (|| -> Result<Store> {
            let mut conn = Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            apply_pragmas(&conn)?;
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            tx.execute_batch(SCHEMA).context("applying schema.sql")?;
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
            ] {
                tx.execute("INSERT INTO meta(key, value) VALUES (?1, ?2)", (k, v))?;
            }
            tx.commit()?;
            Ok(Store { conn, campaign, path: path.to_path_buf(), capture: false, read_only: false })
        })();
        if result.is_err() {
            // Leave nothing half-made behind.
            let _ = std::fs::remove_file(path);
        }
        result
    }

    /// Open an existing database, upgrading an older schema and refusing a newer one.
    pub fn open(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(reject(format!("no database at {}", path.display()))
                .hint("create one with `zoufang init --org CODE --year YYYY` (or try `zoufang demo`), or point --db / $ZOUFANG_DB at an existing file")
                .into());
        }
        // A write-protected file is read as it stands (immutable: no journal is made beside it,
        // which would stay write-protected after the file is fixed) and every write is refused.
        let read_only = matches!(
            std::fs::OpenOptions::new().read(true).write(true).open(path),
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied
        );
        let mut conn = if read_only {
            Connection::open_with_flags(
                format!("file:{}?immutable=1", uri_path(path)),
                OpenFlags::SQLITE_OPEN_READ_ONLY
                    | OpenFlags::SQLITE_OPEN_URI
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
        } else {
            Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
        }
        .with_context(|| format!("cannot open {}", path.display()))?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // Look before touching: a file that is not ours, or is newer, must be left byte for byte as
        // it was, so the pragmas (which switch the journal to WAL) come after these checks.
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| not_a_database(path, e))?;
        if version == 0 {
            return Err(reject(format!("{} is not a zoufang database", path.display()))
                .hint("check the --db path; a new database is made with `zoufang init`")
                .into());
        }
        if version > SCHEMA_VERSION {
            return Err(reject(format!(
                "{} was written by a newer zoufang (schema version {version}; this zoufang knows up to {SCHEMA_VERSION})",
                path.display()
            ))
            .hint("upgrade zoufang to open it; the file was left untouched")
            .into());
        }
        if read_only {
            functions::register(&conn)?;
            if version < SCHEMA_VERSION {
                return Err(reject(format!(
                    "{} is read-only and needs an upgrade to this zoufang's schema",
                    path.display()
                ))
                .hint("make the file writable for this user, then run any command once")
                .into());
            }
            let campaign = read_campaign(&conn)?;
            return Ok(Store { conn, campaign, path: path.to_path_buf(), capture: false, read_only });
        }
        apply_pragmas(&conn).map_err(|e| anyhow::anyhow!("cannot open {}: {e}", path.display()))?;
        if version < SCHEMA_VERSION {
            // A province's file takes tens of seconds (the reports' copy of every history is
            // derived once): say so rather than look hung.
            crate::note!(
                "upgrading {} from schema version {version} to {SCHEMA_VERSION} (once; a large database takes a while)…",
                path.display()
            );
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            for step in &MIGRATIONS[(version - 1) as usize..] {
                tx.execute_batch(step).context("upgrading the database schema")?;
            }
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
            tx.commit()?;
        }
        let campaign = read_campaign(&conn)?;
        Ok(Store { conn, campaign, path: path.to_path_buf(), capture: true, read_only: false })
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
        let mut w = Writer { tx, campaign: &self.campaign, touched: Vec::new(), capture: None, conn };
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
            return Err(reject(format!(
                "{} is read-only (permission denied); nothing was written",
                self.path.display()
            ))
            .hint("make the file writable for this user (chmod u+w), or work on a copy")
            .into());
        }
        let conn = &self.conn;
        // The session records from here on; it is deleted (dropped) after the transaction ends.
        let capture = if capture { Some(crate::sync::session::Session::attach(conn)?) } else { None };
        let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)?;
        let mut w = Writer { tx, campaign: &self.campaign, touched: Vec::new(), capture, conn };
        let out = f(&mut w)?;
        if !w.touched.is_empty() {
            audit::record(&w.tx, actor, &w.touched)?;
        }
        if let Some(s) = w.capture.take() {
            let changeset = s.changeset()?;
            drop(s);
            if !changeset.is_empty() {
                crate::sync::log::append_own(&w.tx, &changeset)?;
            }
        }
        w.tx.commit()?;
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

fn not_a_database(path: &Path, e: rusqlite::Error) -> anyhow::Error {
    let text = e.to_string();
    if text.contains("not a database") || text.contains("malformed") {
        crate::error::reject(crate::msg!("db-not-readable", path = path, detail = text))
            .hint(crate::msg!("db-not-readable-hint"))
            .failure()
            .into()
    } else {
        anyhow::anyhow!(crate::t!("db-cannot-read", path = path, detail = text))
    }
}

fn read_campaign(conn: &Connection) -> Result<Campaign> {
    let get = |k: &str| -> Result<String> {
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [k], |r| r.get(0))
            .optional()?
            .with_context(|| format!("the database has no '{k}' in its meta table"))
    };
    let level: i64 = get("level")?.parse().context("meta level")?;
    Ok(Campaign {
        org: get("org")?,
        level: Level::from_i64(level).context("meta level")?,
        year: get("year")?.parse().context("meta year")?,
        province: get("province")?,
        name: get("name")?,
        replica: get("replica")?,
    })
}
