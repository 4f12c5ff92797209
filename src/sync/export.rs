//! `sync export`: a bundle of every change this database made or received that the peer is not
//! known to hold.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::Result;

use super::bundle::{self, CampaignId, Header, Sender};
use super::log::{self, Peer};
use super::{short, Identity};
use crate::error::reject;
use crate::store::{Actor, Store};

#[derive(Debug, Clone)]
pub struct Exported {
    /// The peer it was made for (None: a full bundle for any peer).
    pub peer: Option<Peer>,
    pub changesets: usize,
    pub bytes: usize,
    /// Per origin replica: the first and last sequence number carried.
    pub ranges: BTreeMap<String, [i64; 2]>,
    /// A receipt for a lower bureau: no records, only what this database holds.
    pub receipt: bool,
}

/// Which peer `--to` names: a replica id prefix (4+ characters) or the org code of a known peer.
/// Without `--to`, a laptop copy sends to its bureau and a bureau makes a full bundle. A division
/// code that is not (yet) a peer gets a full bundle too.
pub fn resolve_peer(conn: &rusqlite::Connection, me: &Identity, to: Option<&str>) -> Result<Option<Peer>> {
    let peers = log::peers(conn)?;
    let Some(t) = to.map(|t| t.trim().to_ascii_lowercase()) else {
        return Ok(me.clone_of.as_ref().and_then(|o| peers.iter().find(|p| p.replica == *o).cloned()));
    };
    let list = |ps: &[&Peer]| {
        ps.iter().map(|p| format!("{} ({})", short(&p.replica), p.org)).collect::<Vec<_>>().join(", ")
    };
    let by_org: Vec<&Peer> = peers.iter().filter(|p| p.org == t).collect();
    match by_org.as_slice() {
        [one] => return Ok(Some((*one).clone())),
        [] => {}
        many => {
            return Err(reject(crate::msg!("sync-to-several-of-org", org = t.as_str(), list = list(many)))
                .hint(crate::msg!("sync-to-several-of-org-hint"))
                .into())
        }
    }
    let by_id: Vec<&Peer> = peers.iter().filter(|p| t.len() >= 4 && p.replica.starts_with(&t)).collect();
    match by_id.as_slice() {
        [one] => Ok(Some((*one).clone())),
        // An upper bureau not heard from yet: remembered by its code, so that the next bundle
        // for it carries only what this one did not.
        [] if t.bytes().all(|b| b.is_ascii_digit())
            && matches!(t.len(), 2 | 4)
            && me.org.starts_with(&t)
            && me.clone_of.is_none() =>
        {
            Ok(Some(Peer {
                replica: log::upper_placeholder(&t),
                org: t.clone(),
                name: String::new(),
                relation: "upper".into(),
                since: super::now(),
                last_import: None,
                last_export: None,
            }))
        }
        [] if t.bytes().all(|b| b.is_ascii_digit()) && matches!(t.len(), 2 | 4 | 6) => Ok(None),
        [] => Err(reject(crate::msg!("sync-to-unknown", to = t.as_str()))
            .hint(crate::msg!("sync-to-unknown-hint"))
            .into()),
        many => Err(reject(crate::msg!("sync-to-ambiguous", to = t.as_str(), list = list(many)))
            .hint(crate::msg!("sync-to-ambiguous-hint"))
            .into()),
    }
}

/// Build the bundle for `to` (or everything, with `full`), write it to `path`, and remember what
/// was sent.
pub fn export(
    store: &mut Store,
    actor: &Actor,
    path: &Path,
    to: Option<&str>,
    full: bool,
) -> Result<Exported> {
    resolve_peer(store.conn(), &Identity::read(store.conn())?, to)?;
    // A damaged entry would be refused by the peer on every retry: found here, before any bundle
    // and before anything is written (settling a copied file's identity writes).
    if let Some(d) = super::verify::damaged_entries(store.conn())?.into_iter().next() {
        return Err(reject(crate::msg!("sync-log-damaged", entry = d.entry, why = d.why.as_str()))
            .hint(crate::msg!("sync-log-damaged-hint"))
            .failure()
            .into());
    }
    store.settle_identity(actor)?;
    let conn = store.conn();
    let me = Identity::read(conn)?;
    let peer = resolve_peer(conn, &me, to)?;
    // Roll-up (issue 15): an upper bureau gets what it is not known to hold and was not sent
    // before (--full: everything); a lower bureau gets a receipt, never the records of others.
    let relation = peer.as_ref().map_or("", |p| p.relation.as_str());
    let receipt = relation == "lower";
    let pending = if receipt {
        Vec::new()
    } else {
        log::pending_entries(
            conn,
            if full { None } else { peer.as_ref().map(|p| p.replica.as_str()) },
            relation == "upper",
        )?
    };
    let (rows, entries): (Vec<i64>, Vec<bundle::EntryInfo>) = pending.into_iter().unzip();
    let header = Header {
        format: bundle::FORMAT,
        schema: crate::store::EXCHANGE_VERSION,
        campaign: CampaignId { province: me.province.clone(), year: me.year },
        sender: Sender {
            replica: me.replica.clone(),
            org: me.org.clone(),
            name: me.name.clone(),
            clone_of: me.clone_of.clone(),
            clone_of_org: me.clone_of_org.clone(),
            aliases: me.aliases.clone(),
        },
        to: peer.as_ref().filter(|p| p.replica != log::upper_placeholder(&p.org)).map(|p| p.replica.clone()),
        created_at: super::now(),
        have: log::have(conn)?,
        tips: log::tips(conn)?,
        ids: Vec::new(),
        ranges: BTreeMap::new(),
        origins: Vec::new(),
        entries: Vec::new(),
    };
    let mut ranges: BTreeMap<String, [i64; 2]> = BTreeMap::new();
    for e in &entries {
        let r = ranges.entry(e.origin.clone()).or_insert([e.seq, e.seq]);
        r[0] = r[0].min(e.seq);
        r[1] = r[1].max(e.seq);
    }
    // Written as a stream, each changeset copied from its log row in chunks: memory stays
    // bounded whatever the bundle's size. Beside the target and renamed into place when
    // complete and synced, so a reader never sees half a bundle and a failure leaves nothing.
    let mut file = crate::io::output::AtomicFile::create(path)?;
    let n = {
        let mut out = std::io::BufWriter::with_capacity(256 * 1024, &mut file);
        let n = bundle::write_to(&mut out, header, &entries, &mut |i, w| {
            let mut blob = log::open_changeset(conn, rows[i])?;
            std::io::copy(&mut blob, w)?;
            Ok(())
        })?;
        std::io::Write::flush(&mut out)?;
        n
    };
    file.commit()?;
    let out = Exported { peer, changesets: entries.len(), bytes: n as usize, ranges, receipt };
    store.write_uncaptured(actor, |w| {
        if let Some(p) = &out.peer {
            if p.relation == "upper" {
                log::upsert_peer(&w.tx, &p.replica, &p.org, &p.name, "upper")?;
            }
            log::mark_export(&w.tx, &p.replica)?;
            for (origin, r) in &out.ranges {
                log::sent(&w.tx, &p.replica, origin, r[1])?;
            }
        }
        w.touch("bundle", &format!("{} ({} changesets)", path.display(), out.changesets));
        Ok(())
    })?;
    Ok(out)
}
