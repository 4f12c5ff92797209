//! `sync clone` (a laptop copy with its own replica id) and `backup` (an exact copy), both through
//! SQLite's online backup API, so a database in use is copied consistently.

use std::path::Path;

use anyhow::{Context, Result};
use rusqlite::MAIN_DB;

use super::{log, Identity};
use crate::error::reject;
use crate::store::{ids, Actor, Store};

/// Copy the database to `dest`, which must not exist, readable by its owner only.
pub fn copy_to(store: &Store, dest: &Path) -> Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    match opts.open(dest) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            return Err(reject(format!(
                "{} already exists; zoufang never overwrites a file with a database",
                dest.display()
            ))
            .hint("choose another -o path, or move the old file away first")
            .into())
        }
        Err(e) => return Err(e).with_context(|| format!("cannot create {}", dest.display())),
    }
    let done = store
        .conn()
        .backup(MAIN_DB, dest, None::<fn(rusqlite::backup::Progress)>)
        .with_context(|| format!("cannot copy the database to {}", dest.display()));
    if done.is_err() {
        remove(dest);
    }
    done
}

fn remove(dest: &Path) {
    let _ = std::fs::remove_file(dest);
    for ext in ["-wal", "-shm"] {
        let mut p = dest.as_os_str().to_owned();
        p.push(ext);
        let _ = std::fs::remove_file(p);
    }
}

/// Make a laptop copy of this bureau's database at `dest`. Returns the copy's replica id.
pub fn clone_to(store: &mut Store, actor: &Actor, dest: &Path) -> Result<String> {
    store.settle_identity(actor)?;
    let me = Identity::read(store.conn())?;
    if let Some(org) = &me.clone_of_org {
        return Err(reject(format!("this database is itself a laptop copy (of {org}'s database)"))
            .hint("make laptop copies from the bureau's own database")
            .into());
    }
    copy_to(store, dest)?;
    let made = (|| -> Result<(String, std::collections::BTreeMap<String, i64>)> {
        // The copy is a new database, not a copy of this one taken for it: its file is its own.
        rusqlite::Connection::open(dest)?
            .execute("DELETE FROM meta WHERE key IN ('file', 'aliases', 'line')", [])?;
        let mut copy = Store::open(dest)?;
        let replica = ids::new_id();
        let have = log::have(copy.conn())?;
        copy.write_uncaptured(actor, |w| {
            let tx = &w.tx;
            tx.execute("UPDATE meta SET value = ?1 WHERE key = 'replica'", [&replica])?;
            // The copy logs its own changes on its own replica's line, not on the bureau's.
            tx.execute("DELETE FROM meta WHERE key = 'line'", [])?;
            for (k, v) in [("origin_replica", &me.replica), ("origin_org", &me.org), ("cloned_at", &super::now())] {
                tx.execute(
                    "INSERT INTO meta(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (k, v),
                )?;
            }
            // The bureau's own peers and open conflicts stay with the bureau.
            tx.execute_batch("DELETE FROM sync_acks; DELETE FROM sync_peers; DELETE FROM sync_conflicts;")?;
            log::upsert_peer(tx, &me.replica, &me.org, &me.name, "origin")?;
            for (origin, seq) in &have {
                log::ack(tx, &me.replica, origin, *seq)?;
            }
            w.touch("replica", &replica);
            Ok(())
        })?;
        Ok((replica, have))
    })();
    let (replica, have) = match made {
        Ok(m) => m,
        Err(e) => {
            remove(dest);
            return Err(e);
        }
    };
    store.write_uncaptured(actor, |w| {
        log::upsert_peer(&w.tx, &replica, &me.org, &me.name, "clone")?;
        for (origin, seq) in &have {
            log::ack(&w.tx, &replica, origin, *seq)?;
        }
        w.touch("clone", &replica);
        Ok(())
    })?;
    Ok(replica)
}
