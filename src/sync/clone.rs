//! `sync clone` (a laptop copy with its own replica id) and `backup` (an exact copy), both through
//! SQLite's online backup API, so a database in use is copied consistently.

use std::path::Path;

use anyhow::{Context, Result};
use rusqlite::MAIN_DB;

use super::{log, Identity};
use crate::error::reject;
use crate::store::{ids, Actor, Store, Unpublished};

/// Copy the database to `dest`, which must not exist, readable by its owner only. The copy is
/// made beside `dest` and put there only when complete: a killed or failed copy leaves nothing
/// under that name.
pub fn copy_to(store: &Store, dest: &Path) -> Result<()> {
    copy_beside(store, dest)?.publish()
}

/// The copy, complete but not yet under its name.
fn copy_beside(store: &Store, dest: &Path) -> Result<Unpublished> {
    let new = Unpublished::new(dest).map_err(|e| match e.downcast::<crate::error::Rejected>() {
        Ok(_) => reject(crate::msg!("sync-clone-exists", path = dest))
            .hint(crate::msg!("sync-clone-exists-hint"))
            .into(),
        Err(e) => e,
    })?;
    store
        .conn()
        .backup(MAIN_DB, new.path(), None::<fn(rusqlite::backup::Progress)>)
        .map_err(|e| crate::store::engine_error(e, dest))
        .with_context(|| crate::t!("sync-clone-cannot-copy", path = dest))?;
    Ok(new)
}

/// Make a laptop copy of this bureau's database at `dest`. Returns the copy's replica id.
pub fn clone_to(store: &mut Store, actor: &Actor, dest: &Path) -> Result<String> {
    store.settle_identity(actor)?;
    let me = Identity::read(store.conn())?;
    if let Some(org) = &me.clone_of_org {
        return Err(reject(crate::msg!("sync-clone-of-clone", org = org.as_str()))
            .hint(crate::msg!("sync-clone-of-clone-hint"))
            .into());
    }
    let new = copy_beside(store, dest)?;
    let (replica, have) = {
        // The copy is a new database, not a copy of this one taken for it: its file is its own.
        rusqlite::Connection::open(new.path())?
            .execute("DELETE FROM meta WHERE key IN ('file', 'aliases', 'line')", [])?;
        let mut copy = Store::open(new.path())?;
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
        copy.close()?;
        (replica, have)
    };
    new.publish()?;
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
