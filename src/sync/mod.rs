//! Offline laptops and roll-up (SPEC §6) on SQLite's session extension.
//!
//! Every write command's changes are captured as a changeset inside its own transaction
//! (`Store::write` → [`log::append_own`]); changes received in a bundle are applied with a
//! conflict handler and logged under their original identity (origin replica, sequence number),
//! so that they can be passed on upward and are never applied twice, whatever path they took.
//!
//! - [`session`]: the FFI wrapper (the only `unsafe` code).
//! - [`bundle`]: the file format: a versioned envelope with a checksum, parsed defensively.
//! - [`log`]: the change log, peers and what they acknowledged.
//! - [`clone`], [`export`], [`import`]: the three movements of data.
//! - [`conflicts`], [`rules`]: what a merge could not settle alone.

pub mod bundle;
pub mod clone;
pub mod conflicts;
pub mod export;
pub mod import;
pub mod log;
pub mod record;
pub mod rules;
pub mod session;
pub mod status;
pub mod values;
pub mod verify;

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension};

/// Tables that are this database's own and never leave it. Every other table with a primary key
/// is exchanged.
pub const LOCAL_TABLES: &[&str] = &[
    "meta",
    "audit",
    "sync_log",
    "sync_peers",
    "sync_acks",
    "sync_conflicts",
    "sync_lines",
    "finding_spans",
];

pub fn is_local_table(name: &str) -> bool {
    LOCAL_TABLES.contains(&name) || name.starts_with("sqlite_")
}

/// Who this database is, for sync: its campaign, replica id, and where it was cloned from.
#[derive(Debug, Clone)]
pub struct Identity {
    pub replica: String,
    pub org: String,
    pub name: String,
    pub province: String,
    pub year: i32,
    /// The bureau database this one is a laptop copy of.
    pub clone_of: Option<String>,
    pub clone_of_org: Option<String>,
    /// Replica ids this database had before it was found to be a copy (see `store::open`).
    pub aliases: Vec<String>,
}

impl Identity {
    pub fn read(conn: &Connection) -> Result<Identity> {
        let get = |k: &str| -> Result<Option<String>> {
            Ok(conn.query_row("SELECT value FROM meta WHERE key = ?1", [k], |r| r.get(0)).optional()?)
        };
        let need = |k: &str| -> Result<String> {
            get(k)?.ok_or_else(|| anyhow::anyhow!(crate::t!("sync-meta-missing", key = k)))
        };
        Ok(Identity {
            replica: need("replica")?,
            org: need("org")?,
            name: get("name")?.unwrap_or_default(),
            province: need("province")?,
            year: need("year")?.parse()?,
            clone_of: get("origin_replica")?,
            clone_of_org: get("origin_org")?,
            aliases: get("aliases")?
                .unwrap_or_default()
                .split(' ')
                .filter(|a| !a.is_empty())
                .map(String::from)
                .collect(),
        })
    }

    /// Is `replica` this database (its id, or one it had before it was copied)?
    pub fn is(&self, replica: &str) -> bool {
        self.replica == replica || self.aliases.iter().any(|a| a == replica)
    }

    /// How this database is described in messages: "county bureau 330523" or "laptop copy of 330523".
    pub fn describe(&self) -> String {
        match &self.clone_of_org {
            Some(_) => describe(&self.org, self.clone_of_org.as_deref(), &self.replica),
            None => crate::t!(
                "sync-describe-this",
                name = self.name.as_str(),
                org = self.org.as_str(),
                replica = short(&self.replica)
            ),
        }
    }
}

/// A database as messages name it: a bureau's, or a laptop copy of one.
pub fn describe(org: &str, clone_of_org: Option<&str>, replica: &str) -> String {
    match clone_of_org {
        Some(o) => crate::t!("sync-describe-laptop", org = o, replica = short(replica)),
        None => crate::t!("sync-describe-bureau", org = org, replica = short(replica)),
    }
}

/// The short form of a replica or record id (its first 8 characters). Ids read from a bundle may
/// be anything, so this never cuts inside a character.
pub fn short(id: &str) -> &str {
    let end = id.char_indices().nth(8).map_or(id.len(), |(i, _)| i);
    &id[..end]
}

pub(crate) fn now() -> String {
    chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn short_never_cuts_a_character() {
        assert_eq!(super::short("0123456789abcdef"), "01234567");
        assert_eq!(super::short("安吉县环境保护局的副本"), "安吉县环境保护局");
        assert_eq!(super::short("ab"), "ab");
    }
}
