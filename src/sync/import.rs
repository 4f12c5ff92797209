//! `sync import`: check the envelope, refuse what is not this database's to take, skip what is
//! already here, and apply the rest in one transaction with a conflict handler.
//!
//! Memory stays bounded whatever the bundle's size: the bundle is read as a stream, twice. The
//! first pass checks the checksum of the whole file (nothing in it is believed before). The
//! second, inside the transaction, copies each new changeset into the change log in chunks and
//! reads it back change by change to check it fits this database, and checks the checksum again;
//! only then are the changesets applied, each read from its log row in chunks. A bundle damaged
//! (or changed) on the way is refused with nothing applied.

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufReader;
use std::path::Path;

use anyhow::{Context, Result};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value as Json;

use super::bundle::{self, BundleError, Header};
use super::session::{self, Action, Applied, Change, Conflict, ConflictKind, Op, Session};
use super::values::{self, Column};
use super::{log, rules, short, Identity};
use crate::error::reject;
use crate::store::spans;
use crate::store::{Actor, Store, Writer, EXCHANGE_VERSION};
use crate::{msg, t};

/// The oldest exchange version taken: version 4 changed only the envelope (changes carry their
/// ids); a bundle of version 1 is read with its changes identified by (origin, seq), as they
/// were then everywhere. Version 6 only added tables (attachments), which older bundles simply
/// do not carry.
const OLDEST_EXCHANGE: i64 = 1;

/// What an import did (or, with `--dry-run`, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub added: i64,
    pub updated: i64,
    pub removed: i64,
    pub unchanged: i64,
    /// New conflicts left open for a person.
    pub conflicts: i64,
    /// Open conflicts settled by a resolution the bundle carried.
    pub settled: i64,
    /// Changesets applied, and changesets skipped because they were already here.
    pub applied: usize,
    pub skipped: usize,
    pub sender: String,
    pub breaches: Vec<rules::Breach>,
    /// Places claimed by two different changes: a database restored from an older copy, or
    /// copied, went on making changes. Both kept.
    pub forks: Vec<log::Fork>,
    /// Changes made by this database that it did not hold: it was restored from an older copy,
    /// and they came back.
    pub brought_back: i64,
    /// Changes made under one of this database's former replica ids (before it was copied or
    /// restored into another file, or since by the database it was copied from) that came in.
    pub from_former: i64,
    /// This database was restored from an older copy (or is a copy) and went on working: the
    /// changes it made since then, all kept, and how many of them the sender does not hold yet
    /// (they go with this database's next bundle).
    pub own_kept: i64,
    pub own_unsent: i64,
    /// The lines of this database's own forks (those counted in `own_kept`).
    pub own_forks: Vec<String>,
    /// Changes of this database's own line the sender holds and did not send (it believed this
    /// database had them): this database was restored from an older copy.
    pub still_lost: i64,
    /// `still_lost` is a lower bound (the sender's line and this one went apart).
    pub still_lost_at_least: bool,
    /// Per origin replica (or line): changesets applied.
    pub per_origin: BTreeMap<String, i64>,
    /// Per table: added, updated, removed, unchanged, conflicts.
    pub tables: BTreeMap<String, [i64; 5]>,
    /// The records in conflict (table, record, what happened), for people and scripts.
    pub conflicted: Vec<(String, String, ConflictWhat)>,
}

/// What a record in conflict met, for people (`label`) and scripts (`code`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictWhat {
    DeletedThereChangedHere,
    ChangedOnBothSides,
    ChangedThereMissingHere,
    AddedOnBothSides,
    ResolvedDifferently,
    Other,
}

impl ConflictWhat {
    fn of(kind: &str, op: Op) -> ConflictWhat {
        match (kind, op) {
            ("data", Op::Delete) => ConflictWhat::DeletedThereChangedHere,
            ("data", _) => ConflictWhat::ChangedOnBothSides,
            ("notfound", _) => ConflictWhat::ChangedThereMissingHere,
            ("conflict", _) => ConflictWhat::AddedOnBothSides,
            _ => ConflictWhat::Other,
        }
    }

    /// Stable, English, for `--format json`.
    pub fn code(self) -> &'static str {
        match self {
            ConflictWhat::DeletedThereChangedHere => "deleted_there_changed_here",
            ConflictWhat::ChangedOnBothSides => "changed_on_both_sides",
            ConflictWhat::ChangedThereMissingHere => "changed_there_missing_here",
            ConflictWhat::AddedOnBothSides => "added_on_both_sides",
            ConflictWhat::ResolvedDifferently => "resolved_differently",
            ConflictWhat::Other => "conflict",
        }
    }

    /// In the reader's language.
    pub fn label(self) -> String {
        match self {
            ConflictWhat::DeletedThereChangedHere => crate::t!("sync-what-deleted-there-changed-here"),
            ConflictWhat::ChangedOnBothSides => crate::t!("sync-what-changed-on-both-sides"),
            ConflictWhat::ChangedThereMissingHere => crate::t!("sync-what-changed-there-missing-here"),
            ConflictWhat::AddedOnBothSides => crate::t!("sync-what-added-on-both-sides"),
            ConflictWhat::ResolvedDifferently => crate::t!("sync-what-resolved-differently"),
            ConflictWhat::Other => crate::t!("sync-what-conflict"),
        }
    }
}

/// What an import found about copies of databases, in plain words (SPEC §6, "Identity of a
/// copy").
pub fn identity_notes(s: &Summary) -> Vec<String> {
    let mut out = Vec::new();
    // What happened to this database itself, in one sentence.
    let mut parts = Vec::new();
    if s.own_kept > 0 {
        parts.push(match s.own_unsent {
            0 => crate::t!("sync-restored-kept-sent", n = s.own_kept),
            u if u == s.own_kept => crate::t!("sync-restored-kept-unsent", n = s.own_kept),
            u => crate::t!("sync-restored-kept-some-unsent", n = s.own_kept, unsent = u),
        });
    }
    if s.brought_back > 0 {
        parts.push(crate::t!("sync-restored-brought-back", n = s.brought_back));
    }
    if !parts.is_empty() {
        out.push(crate::t!("sync-restored", parts = parts.join(&crate::t!("sync-parts-sep"))));
    }
    if s.from_former > 0 {
        out.push(crate::t!("sync-from-former", n = s.from_former));
    }
    if s.still_lost > 0 {
        out.push(if s.still_lost_at_least {
            crate::t!("sync-still-lost-at-least", n = s.still_lost)
        } else {
            crate::t!("sync-still-lost", n = s.still_lost)
        });
    }
    let others: Vec<&log::Fork> =
        s.forks.iter().filter(|f| !f.own && !s.own_forks.contains(&f.origin)).collect();
    if !others.is_empty() {
        let lines: Vec<String> = others
            .iter()
            .map(|f| crate::t!("sync-forked-where", replica = short(&f.origin), at = f.at))
            .collect();
        out.push(crate::t!("sync-forked-elsewhere", lines = lines.join(&crate::t!("sync-parts-sep"))));
    }
    out
}

fn damaged(file: &str, e: impl std::fmt::Display) -> anyhow::Error {
    reject(msg!("sync-bundle-damaged", file = file, why = e.to_string()))
        .hint(msg!("sync-bundle-damaged-hint"))
        .into()
}

const READ_BUFFER: usize = 256 * 1024;

/// Open a bundle file and check its envelope and the checksum of all of it, in one streaming
/// pass; then open it again for reading, header read. Nothing in the file is believed before the
/// checksum matches.
pub fn open(path: &Path) -> Result<bundle::Reader<BufReader<std::fs::File>>> {
    let file = path.display().to_string();
    let cannot_read = || t!("csv-cannot-read", path = path);
    let open = || std::fs::File::open(path).with_context(cannot_read);
    let f = open()?;
    let size = f.metadata().with_context(cannot_read)?.len();
    bundle::check_envelope(&mut BufReader::new(&f), size).map_err(|e| damaged(&file, e))?;
    let mut whole = BufReader::with_capacity(READ_BUFFER, open()?);
    if !bundle::checksum_matches(&mut whole).with_context(cannot_read)? {
        return Err(damaged(&file, BundleError::Checksum));
    }
    bundle::Reader::open(BufReader::with_capacity(READ_BUFFER, open()?), size).map_err(|e| damaged(&file, e))
}

/// Import the bundle at `path`. With `dry_run` everything is done and then rolled back.
pub fn import(
    store: &mut Store,
    actor: &Actor,
    path: &Path,
    dry_run: bool,
    accept_new_origin: bool,
) -> Result<Summary> {
    let reader = open(path)?;
    import_from(store, actor, reader, &path.display().to_string(), dry_run, accept_new_origin)
}

/// Import a bundle from a stream whose header is read (`file` names it in messages). Its
/// checksum is checked again as it is read, before anything is applied: a stream that does not
/// match is refused with nothing applied, even when its checksum was checked before (a file
/// changed in between).
pub fn import_from<R: std::io::Read>(
    store: &mut Store,
    actor: &Actor,
    reader: bundle::Reader<R>,
    file: &str,
    dry_run: bool,
    accept_new_origin: bool,
) -> Result<Summary> {
    let me = Identity::read(store.conn())?;
    let relation = check(&me, &reader.header, file)?;
    if relation == "lower" && !accept_new_origin {
        one_database_per_lower_bureau(store.conn(), &reader.header.sender, file)?;
    }
    // A city's bundle reaches every index of a province's file: with 64 MB of cache (the peak
    // stays under 128 MB) the 11th city's bundle of a roll-up took 10.5 s instead of 13.2 s.
    let run = |w: &mut Writer| w.with_cache(64 * 1024, |w| apply_bundle(w, reader, &me, relation, file));
    if dry_run {
        store.rehearse(run)
    } else {
        store.write_uncaptured(actor, run)
    }
}

fn describe_sender(s: &bundle::Sender) -> String {
    super::describe(&s.org, s.clone_of_org.as_deref(), &s.replica)
}

/// Is this bundle for this database? Returns the sender's relation to it.
pub fn check(me: &Identity, h: &Header, file: &str) -> Result<&'static str> {
    let c = &h.campaign;
    if c.province != me.province || c.year != me.year {
        return Err(reject(msg!(
            "sync-other-campaign",
            file = file,
            province = c.province.as_str(),
            year = c.year.to_string(),
            my_province = me.province.as_str(),
            my_year = me.year.to_string()
        ))
        .hint(msg!("sync-other-campaign-hint"))
        .into());
    }
    // Bundles carry records in the shape of the exchanged tables, whose version moves only when
    // one of them changes (store::EXCHANGE_VERSION), not with every local change of schema.
    if h.schema > EXCHANGE_VERSION {
        return Err(reject(msg!(
            "sync-newer-schema",
            file = file,
            version = h.schema,
            mine = EXCHANGE_VERSION
        ))
        .hint(msg!("sync-newer-schema-hint"))
        .into());
    }
    if h.schema < OLDEST_EXCHANGE {
        return Err(reject(msg!(
            "sync-older-schema",
            file = file,
            version = h.schema,
            mine = EXCHANGE_VERSION
        ))
        .hint(msg!("sync-older-schema-hint"))
        .into());
    }
    let s = &h.sender;
    if s.replica == me.replica {
        return Err(reject(msg!("sync-from-self", file = file)).into());
    }
    let relation = match &me.clone_of {
        Some(origin) if s.replica == *origin || s.aliases.contains(origin) => "origin",
        Some(_) => {
            return Err(reject(msg!(
                "sync-laptop-other-origin",
                origin = me.clone_of_org.as_deref().unwrap_or("?"),
                file = file,
                sender = describe_sender(s)
            ))
            .hint(msg!("sync-laptop-other-origin-hint"))
            .into())
        }
        None if s.clone_of.as_deref().is_some_and(|c| me.is(c)) => "clone",
        None if s.clone_of.is_none() && s.org != me.org && s.org.starts_with(&me.org) => "lower",
        None if s.clone_of.is_none() && s.org != me.org && me.org.starts_with(&s.org) => {
            if !h.entries.is_empty() {
                return Err(reject(crate::msg!("sync-from-above", file = file, org = s.org.as_str()))
                    .hint(crate::msg!("sync-from-above-hint", org = s.org.as_str(), me = me.org.as_str()))
                    .into());
            }
            "upper"
        }
        None => {
            let why = if s.clone_of.is_some() {
                msg!("sync-not-our-copy", file = file, sender = describe_sender(s))
            } else if s.org == me.org {
                msg!(
                    "sync-other-database-same-bureau",
                    file = file,
                    org = s.org.as_str(),
                    replica = short(&s.replica)
                )
            } else {
                msg!("sync-bureau-outside", file = file, org = s.org.as_str(), me = me.org.as_str())
            };
            return Err(reject(why).hint(msg!("sync-not-ours-hint")).into());
        }
    };
    if let Some(to) = &h.to {
        if !me.is(to) {
            return Err(reject(msg!(
                "sync-for-another",
                file = file,
                to = short(to),
                me = short(&me.replica)
            ))
            .hint(msg!("sync-for-another-hint"))
            .into());
        }
    }
    Ok(relation)
}

/// One database per lower bureau: a second one, made separately, would count its records twice
/// (SPEC §6). Refused unless the caller accepts the new database (`--accept-new-origin`).
fn one_database_per_lower_bureau(conn: &Connection, s: &bundle::Sender, file: &str) -> Result<()> {
    let same_org: Vec<log::Peer> =
        log::peers(conn)?.into_iter().filter(|p| p.relation == "lower" && p.org == s.org).collect();
    let heard = same_org.iter().any(|p| p.replica == s.replica || s.aliases.contains(&p.replica));
    if let Some(p) = same_org.first().filter(|_| !heard) {
        let last = p.last_import.clone().unwrap_or_else(|| crate::t!("sync-second-database-never"));
        return Err(reject(crate::msg!(
            "sync-second-database",
            file = file,
            org = s.org.as_str(),
            replica = short(&s.replica),
            known = short(&p.replica),
            last = last
        ))
        .hint(crate::msg!("sync-second-database-hint", org = s.org.as_str()))
        .into());
    }
    Ok(())
}

/// How one conflict is settled while applying.
enum Decision {
    Unchanged,
    Conflict,
    Stop(String),
}

fn same_as_current(new: &[Option<Value>], current: &[Value]) -> bool {
    new.iter().zip(current).all(|(n, c)| n.as_ref().is_none_or(|n| n == c))
}

fn decide(c: &Conflict) -> Decision {
    let Some(ch) = &c.change else {
        return Decision::Stop(t!("sync-stop-broken-references", n = c.foreign_keys));
    };
    let current = c.current.as_deref().unwrap_or(&[]);
    match c.kind {
        ConflictKind::ForeignKey => Decision::Stop(t!("sync-stop-missing-records")),
        ConflictKind::Constraint => Decision::Stop(t!(
            "sync-stop-schema-rule",
            table = ch.table.as_str(),
            record = values::key_text(&ch.key())
        )),
        ConflictKind::Data if ch.op == Op::Update && same_as_current(&ch.new, current) => Decision::Unchanged,
        ConflictKind::Conflict if same_as_current(&ch.new, current) => Decision::Unchanged,
        ConflictKind::NotFound if ch.op == Op::Delete => Decision::Unchanged,
        _ => Decision::Conflict,
    }
}

/// Overlay the values a change carries on a row.
fn overlay(base: &[Value], over: &[Option<Value>]) -> Vec<Value> {
    base.iter().zip(over).map(|(b, o)| o.clone().unwrap_or_else(|| b.clone())).collect()
}

struct Recorded {
    kind: &'static str,
    op: Op,
    table: String,
    key: String,
    local: Option<Json>,
    theirs: Option<Json>,
}

fn record(c: &Conflict, cols: &[Column]) -> Option<Recorded> {
    let ch = c.change.as_ref()?;
    let nulls = vec![Value::Null; ch.columns()];
    let current = c.current.clone();
    let (kind, local, theirs) = match c.kind {
        ConflictKind::Data => {
            let cur = current.unwrap_or_else(|| nulls.clone());
            let theirs = (ch.op == Op::Update).then(|| values::row_json(cols, &overlay(&cur, &ch.new)));
            ("data", Some(values::row_json(cols, &cur)), theirs)
        }
        ConflictKind::NotFound => {
            let theirs = values::row_json(cols, &overlay(&overlay(&nulls, &ch.old), &ch.new));
            ("notfound", None, Some(theirs))
        }
        ConflictKind::Conflict => {
            let cur = current.unwrap_or_else(|| nulls.clone());
            (
                "conflict",
                Some(values::row_json(cols, &cur)),
                Some(values::row_json(cols, &overlay(&nulls, &ch.new))),
            )
        }
        _ => return None,
    };
    Some(Recorded {
        kind,
        op: ch.op,
        table: ch.table.clone(),
        key: values::key_text(&ch.key()),
        local,
        theirs,
    })
}

/// A changeset of the bundle that is new here: copied into the change log, read and checked.
struct Pending {
    origin: String,
    seq: i64,
    id: String,
    /// Its row in the change log, where its bytes are read from.
    row: i64,
    len: usize,
    /// A fingerprint of (table, key) of every row it touches: equal rows, equal fingerprints (a
    /// rare collision only makes a batch smaller). Kept for small changesets only (those that
    /// may be batched); empty for the others.
    rows: Vec<u64>,
    /// How many inserts, updates and deletes it holds, and per table.
    ops: [i64; 3],
    tables: BTreeMap<String, [i64; 3]>,
    has_resolution: bool,
}

/// The import's running state.
struct Run<'a> {
    tables: BTreeMap<String, Vec<Column>>,
    sender: &'a bundle::Sender,
    file: &'a str,
    sum: Summary,
    /// Conflicts recorded by this import (some may be settled by a later resolution in it).
    opened: BTreeSet<i64>,
    /// What the rules are checked on again once it is applied.
    touched: rules::Touched,
}

/// Most bundles apply without a single conflict. Consecutive small changesets that touch
/// distinct rows are applied as one combined changeset (SQLite prepares its statements once per
/// table instead of once per changeset); when such a batch meets any conflict it is rolled back
/// and its changesets are applied one by one, which is what decides and records conflicts. A
/// batch is combined in memory, so it holds at most BATCH changesets and BATCH_BYTES bytes; a
/// larger changeset is applied alone, streamed from its log row.
const BATCH: usize = 2000;
const BATCH_BYTES: usize = 4 << 20;

fn apply_bundle<R: std::io::Read>(
    w: &mut Writer,
    mut reader: bundle::Reader<R>,
    me: &Identity,
    relation: &str,
    file: &str,
) -> Result<Summary> {
    let header = reader.header.clone();
    let sender = &header.sender;
    let mut run = Run {
        tables: values::exchanged_tables(&w.tx)?,
        sender,
        file,
        sum: Summary { sender: describe_sender(sender), ..Summary::default() },
        opened: BTreeSet::new(),
        touched: rules::Touched::default(),
    };

    // Which changesets are new here, and where do they go? Each is placed after the change
    // before it in its line; one that finds its place taken by a different change shows a
    // database restored from an older copy, or copied, and goes on a line of its own. Each new
    // one is copied into the change log (in chunks) and read back change by change to check
    // that it fits; nothing is applied before the whole bundle has been read and its checksum
    // matched.
    let mine = log::own_line(&w.tx)?;
    // The reports' copy of the histories is derived once, at the end, for the findings touched;
    // which they are is noted from the changes as they are read (nothing when nothing is new).
    let mut spans: Option<spans::Deferred> = None;
    let mut todo = Vec::new();
    // This database's own changes made since it was restored (line, first seq), if it was.
    let mut kept: Vec<(String, i64)> = Vec::new();
    while let Some(e) = reader.next_entry().map_err(|err| damaged(file, err))? {
        let placed = {
            let mut bytes = reader.read_entry();
            log::place_from(&w.tx, &e.origin, &e.id, e.prev.as_deref(), e.len, &mut bytes)
                .map_err(|err| damaged(file, err))?
        };
        match placed {
            log::Placed::Here => run.sum.skipped += 1,
            log::Placed::Gap => {
                return Err(reject(msg!("sync-gap", file = file, seq = e.seq, replica = short(&e.origin)))
                    .hint(msg!("sync-gap-hint"))
                    .into());
            }
            log::Placed::New { origin, fork, .. } => {
                *run.sum.per_origin.entry(origin.clone()).or_default() += 1;
                let own: [&str; 2] = [&mine, &me.replica];
                let former: Vec<&str> = me.aliases.iter().map(String::as_str).collect();
                if log::descends(&w.tx, &origin, &own)? {
                    run.sum.brought_back += 1;
                } else if log::descends(&w.tx, &origin, &former)? {
                    run.sum.from_former += 1;
                }
                if let Some(f) = fork {
                    // A fork of this database's own line: it was restored from an older copy
                    // (or copied) and went on working. Its changes since then are `kept`: moved
                    // to a line of their own, or left in place when the incoming change moved.
                    if f.own || log::descends(&w.tx, &f.origin, &own)? {
                        let (line, from) = if f.own { (f.line.clone(), 1) } else { (f.origin.clone(), f.at) };
                        kept.push((line, from));
                        run.sum.own_forks.push(f.origin.clone());
                    }
                    run.sum.forks.push(f);
                }
                let row = log::row_of(&w.tx, &e.id)?
                    .ok_or_else(|| anyhow::anyhow!(t!("sync-not-logged", id = e.id.as_str())))?;
                let noting = match &mut spans {
                    Some(s) => s,
                    None => spans.insert(spans::defer_noted_by_caller(&w.tx)?),
                };
                todo.push(read_pending(&w.tx, &mut run, noting, e, row)?);
            }
        }
    }
    reader.finish().map_err(|e| damaged(file, e))?;

    if let Some(mut spans) = spans {
        let mut i = 0;
        while i < todo.len() {
            let mut seen: std::collections::HashSet<u64> = std::collections::HashSet::new();
            let mut j = i;
            let mut bytes = 0;
            while j < todo.len()
                && j - i < BATCH
                && !todo[j].has_resolution
                && todo[j].len <= BATCH_BYTES
                && bytes + todo[j].len <= BATCH_BYTES
            {
                if todo[j].rows.iter().any(|r| seen.contains(r)) {
                    break;
                }
                seen.extend(todo[j].rows.iter());
                bytes += todo[j].len;
                j += 1;
            }
            if j - i >= 2 && apply_batch(w, &mut run, &todo[i..j])? {
                i = j;
                continue;
            }
            let end = j.max(i + 1);
            for p in &todo[i..end] {
                apply_one(w, &mut run, &mut spans, p)?;
            }
            i = end;
        }
        spans.finish(&w.tx)?;
    }
    let mut sum = run.sum;
    sum.conflicts = run.opened.len() as i64;

    // What the sender holds is news only once: importing the same bundle again writes nothing.
    let mut news = sum.applied > 0;
    news |= log::upsert_peer(&w.tx, &sender.replica, &sender.org, &sender.name, relation)?;
    if relation == "upper" {
        log::adopt_placeholder(&w.tx, &sender.replica, &sender.org)?;
    }
    news |= log::ack_holdings(&w.tx, &sender.replica, &header.have, &header.tips)?;
    if relation == "upper" {
        // A receipt is the truth: a bundle sent and never imported there is sent again.
        log::sent_is_acked(&w.tx, &sender.replica)?;
    }
    // What this database made since it was restored, and whether the sender holds it.
    for (line, from) in &kept {
        let held = log::acks(&w.tx, &sender.replica)?.get(line).map_or(0, |a| a.0);
        let (all, unsent): (i64, i64) = w.tx.query_row(
            "SELECT count(*), coalesce(sum(seq > ?3), 0) FROM sync_log WHERE origin = ?1 AND seq >= ?2",
            params![line, from, held],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        sum.own_kept += all;
        sum.own_unsent += unsent;
    }
    // The sender holds changes of this database's own line that are not here, and did not send
    // them (it believed this database had them): this database was restored from an older copy.
    for (origin, n) in &header.have {
        if *origin != mine && !me.is(origin) {
            continue;
        }
        let here = log::tip(&w.tx, origin)?.map_or(0, |t| t.0);
        match header.tips.get(origin) {
            // A bundle of an older zoufang: lines are numbered alike everywhere.
            None if *n > here => sum.still_lost += n - here,
            None => {}
            Some(t) if log::find(&w.tx, t)?.is_some() => {}
            // The sender's last change of this line is not here: it holds at least the changes
            // past this database's count, and at least one (this database went on under the
            // same numbers after it was restored).
            Some(_) => {
                sum.still_lost += (n - here).max(1);
                sum.still_lost_at_least |= *n <= here;
            }
        }
    }
    news |= !sum.forks.is_empty();
    if news {
        log::mark_import(&w.tx, &sender.replica)?;
        w.touch(
            "bundle",
            &format!("{} from {} ({} changesets applied)", file, short(&sender.replica), sum.applied),
        );
    }
    sum.breaches = rules::breaches_after(&w.tx, &run.touched)?;
    Ok(sum)
}

/// Read a changeset back from its log row, change by change, and check that it fits this
/// database's exchanged tables.
fn read_pending(
    conn: &Connection,
    run: &mut Run,
    spans: &spans::Deferred,
    e: bundle::EntryInfo,
    row: i64,
) -> Result<Pending> {
    let file = run.file;
    let id = format!("{}#{}", short(&e.origin), e.seq);
    let keep_rows = e.len <= BATCH_BYTES;
    let mut rows = Vec::new();
    let mut ops = [0i64; 3];
    let mut tables: BTreeMap<String, [i64; 3]> = BTreeMap::new();
    let mut has_resolution = false;
    // A change that does not fit is reported as itself, not as damage.
    let mut unfit: Option<anyhow::Error> = None;
    let mut blob = log::open_changeset(conn, row)?;
    let read = session::for_each_change(&mut blob, &mut |ch| {
        let Some(cols) = run.tables.get(&ch.table) else {
            unfit = Some(reject(msg!("sync-unknown-table", file = file, table = ch.table.as_str())).into());
            anyhow::bail!("unfit");
        };
        let pk: Vec<bool> = cols.iter().map(|c| c.pk).collect();
        if pk != ch.pk {
            unfit = Some(
                reject(msg!(
                    "sync-columns-differ",
                    file = file,
                    table = ch.table.as_str(),
                    there = ch.columns(),
                    here = cols.len()
                ))
                .hint(msg!("sync-columns-differ-hint"))
                .into(),
            );
            anyhow::bail!("unfit");
        }
        // Text from another database is checked on the way in as typed text is: nothing that could
        // drive a terminal is stored, whoever made the bundle.
        let hostile = ch.new.iter().zip(cols).find_map(|(v, col)| match v {
            Some(Value::Text(t)) => t.chars().find(|c| crate::domain::text::forbidden(*c)).map(|c| (col, c)),
            _ => None,
        });
        if let Some((col, c)) = hostile {
            unfit = Some(
                reject(crate::msg!(
                    "sync-bundle-control-character",
                    file = file,
                    table = ch.table.as_str(),
                    record = values::key_text(&ch.key()),
                    column = col.name.as_str(),
                    char = crate::io::escape::one_line(&c.to_string())
                ))
                .hint(crate::msg!("sync-bundle-control-character-hint"))
                .into(),
            );
            anyhow::bail!("unfit");
        }
        spans.note_change(conn, &ch, cols)?;
        run.touched.note(&ch.table, ch.op == Op::Insert, &ch.key(), |name| {
            cols.iter().position(|c| c.name == name).and_then(|i| ch.new.get(i)).and_then(|v| v.as_ref())
        });
        if keep_rows {
            rows.push(values::fnv64(format!("{}\0{}", ch.table, values::key_text(&ch.key())).as_bytes()));
        }
        ops[op_index(ch.op)] += 1;
        match tables.get_mut(&ch.table) {
            Some(t) => t[op_index(ch.op)] += 1,
            None => {
                let mut t = [0; 3];
                t[op_index(ch.op)] = 1;
                tables.insert(ch.table.clone(), t);
            }
        }
        has_resolution |= ch.table == "conflict_resolutions";
        Ok(())
    });
    if let Err(err) = read {
        return Err(unfit.unwrap_or_else(|| {
            reject(crate::msg!(
                "sync-change-unreadable",
                file = file,
                id = id.as_str(),
                why = err.to_string()
            ))
            .into()
        }));
    }
    Ok(Pending { origin: e.origin, seq: e.seq, id: e.id, row, len: e.len, rows, ops, tables, has_resolution })
}

fn op_index(op: Op) -> usize {
    match op {
        Op::Insert => 0,
        Op::Update => 1,
        Op::Delete => 2,
    }
}

/// Per table: the inserts, updates and deletes applied.
fn tally_table(sum: &mut Summary, table: &str, ops: [i64; 3]) {
    let t = sum.tables.entry(table.to_string()).or_default();
    for (i, n) in ops.iter().enumerate() {
        t[i] += n;
    }
}

fn tally_applied(sum: &mut Summary, ops: [i64; 3]) {
    sum.added += ops[0];
    sum.updated += ops[1];
    sum.removed += ops[2];
}

/// Apply changesets that touch distinct rows as one. True when all of them applied without a
/// single conflict (their log rows then stand as they are); false when nothing of them was kept.
fn apply_batch(w: &mut Writer, run: &mut Run, batch: &[Pending]) -> Result<bool> {
    let parts: Vec<Vec<u8>> = batch.iter().map(|p| log::changeset(&w.tx, p.row)).collect::<Result<_>>()?;
    let parts: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
    let combined = session::combine(&parts)?;
    drop(parts);
    w.tx.execute_batch("SAVEPOINT zoufang_batch")?;
    let mut clean = true;
    let applied = session::apply(&w.tx, &combined, &mut |_| {
        clean = false;
        Action::Abort
    })?;
    if applied == Applied::Aborted || !clean {
        w.tx.execute_batch("ROLLBACK TO zoufang_batch; RELEASE zoufang_batch")?;
        return Ok(false);
    }
    w.tx.execute_batch("RELEASE zoufang_batch")?;
    for p in batch {
        tally_applied(&mut run.sum, p.ops);
        for (t, n) in &p.tables {
            tally_table(&mut run.sum, t, *n);
        }
        run.sum.applied += 1;
    }
    Ok(true)
}

/// Apply one changeset with the conflict handler, record its conflicts, take the resolutions it
/// carries, and make its log row say what it did here (under its original identity).
fn apply_one(w: &mut Writer, run: &mut Run, spans: &mut spans::Deferred, p: &Pending) -> Result<()> {
    let id = format!("{}#{}", short(&p.origin), p.seq);
    let file = run.file;
    // A changeset that meets no conflict and carries no resolution did here exactly what it
    // says: its log row stands. Otherwise it is applied again with a session recording what it
    // really did here, which is what is passed on.
    w.tx.execute_batch("SAVEPOINT zoufang_change")?;
    let mut met: Vec<(Conflict, bool)> = Vec::new();
    let mut session: Option<Session> = None;
    let mut clean = false;
    for attempt in 0..2 {
        if attempt == 0 && p.has_resolution {
            continue;
        }
        if attempt == 1 {
            w.tx.execute_batch("ROLLBACK TO zoufang_change")?;
            met.clear();
            session = Some(Session::attach(&w.tx)?);
        }
        let mut stop: Option<String> = None;
        let mut handler = |c: &Conflict| -> Action {
            match decide(c) {
                Decision::Unchanged => {
                    met.push((c.clone(), false));
                    Action::Omit
                }
                Decision::Conflict => {
                    met.push((c.clone(), true));
                    Action::Omit
                }
                Decision::Stop(why) => {
                    stop = Some(why);
                    Action::Abort
                }
            }
        };
        let mut bytes = log::open_changeset(&w.tx, p.row)?;
        if session::apply_from(&w.tx, &mut bytes, &mut handler)? == Applied::Aborted {
            let why = stop.unwrap_or_else(|| t!("sync-stop-not-applied"));
            return Err(reject(msg!("sync-change-refused", file = file, id = id.to_string(), why = why))
                .hint(msg!("sync-change-refused-hint"))
                .into());
        }
        if attempt == 0 && met.is_empty() {
            clean = true;
            break;
        }
    }

    // Tally, and keep both versions of every true conflict.
    let mut not_applied: BTreeSet<(String, String)> = BTreeSet::new();
    let mut left = p.ops;
    let mut left_per_table = p.tables.clone();
    for (c, is_conflict) in &met {
        let Some(ch) = &c.change else { continue };
        left[op_index(ch.op)] -= 1;
        if let Some(t) = left_per_table.get_mut(&ch.table) {
            t[op_index(ch.op)] -= 1;
        }
        not_applied.insert((ch.table.clone(), values::key_text(&ch.key())));
        if !is_conflict {
            run.sum.unchanged += 1;
            run.sum.tables.entry(ch.table.clone()).or_default()[3] += 1;
            continue;
        }
        let cols = run.tables.get(&ch.table).map(Vec::as_slice).unwrap_or(&[]);
        if let Some(r) = record(c, cols) {
            w.tx.prepare_cached(
                "INSERT INTO sync_conflicts(at, peer, origin, seq, kind, op, tbl, pk, local, theirs)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?
            .execute(params![
                super::now(),
                run.sender.replica,
                p.origin,
                p.seq,
                r.kind,
                r.op.key(),
                r.table,
                r.key,
                r.local.map(|j| j.to_string()),
                r.theirs.map(|j| j.to_string()),
            ])?;
            run.opened.insert(w.tx.last_insert_rowid());
            run.sum.tables.entry(r.table.clone()).or_default()[4] += 1;
            run.sum.conflicted.push((
                r.table.clone(),
                super::conflicts::record_label(&r.key),
                ConflictWhat::of(r.kind, r.op),
            ));
        }
    }
    tally_applied(&mut run.sum, left);
    for (t, n) in left_per_table {
        tally_table(&mut run.sum, &t, n);
    }

    // Resolutions decided elsewhere settle the same conflicts here: they write rows the bundle's
    // changes do not show, so the triggers note what they write.
    if p.has_resolution {
        spans.note_by_triggers(&w.tx)?;
        let mut resolutions: Vec<Change> = Vec::new();
        let mut bytes = log::open_changeset(&w.tx, p.row)?;
        session::for_each_change(&mut bytes, &mut |ch| {
            if ch.table == "conflict_resolutions" && ch.op == Op::Insert {
                resolutions.push(ch);
            }
            Ok(())
        })?;
        drop(bytes);
        for ch in &resolutions {
            if not_applied.contains(&(ch.table.clone(), values::key_text(&ch.key()))) {
                continue;
            }
            let cols = run.tables.get(&ch.table).map(Vec::as_slice).unwrap_or(&[]);
            let met = settle(&w.tx, ch, cols, (run.sender.replica.as_str(), p.origin.as_str(), p.seq))?;
            for closed in met.closed {
                // Conflicts opened by this very import and settled at once are not left open.
                if !run.opened.remove(&closed) {
                    run.sum.settled += 1;
                }
            }
            if let Some(o) = met.opened {
                run.opened.insert(o);
                let tbl = text_field(ch, cols, "tbl").unwrap_or_default();
                run.sum.tables.entry(tbl.clone()).or_default()[4] += 1;
                run.sum.conflicted.push((
                    tbl,
                    super::conflicts::record_label(&text_field(ch, cols, "pk").unwrap_or_default()),
                    ConflictWhat::ResolvedDifferently,
                ));
            }
        }
        spans.note_by_caller(&w.tx)?;
    }

    // What this changeset did here, under its original identity, to be passed on.
    if !clean {
        let captured = match &session {
            Some(s) => s.changeset()?,
            None => Vec::new(),
        };
        log::set_changeset(&w.tx, &p.id, &captured)?;
    }
    drop(session);
    w.tx.execute_batch("RELEASE zoufang_change")?;
    run.sum.applied += 1;
    Ok(())
}

fn text_field(ch: &Change, cols: &[Column], name: &str) -> Option<String> {
    let i = cols.iter().position(|c| c.name == name)?;
    match ch.new.get(i).cloned().flatten() {
        Some(Value::Text(t)) => Some(t),
        _ => None,
    }
}

/// What a resolution from another database did here.
#[derive(Debug, Default)]
struct Settled {
    /// Conflicts it closed.
    closed: Vec<i64>,
    /// A conflict it opened: it disagrees with another resolution of the same conflict.
    opened: Option<i64>,
}

/// A resolution from another database (SPEC §6, "Resolutions"). Alone, it settles this
/// database's open conflicts on the record with its version. Beside another resolution of the
/// same conflict (the same record and the same two versions) that chose the same version, it
/// changes nothing. Beside one that chose differently, it is a new conflict for a person: the
/// record holds the version of the resolution with the smaller id (the same in every database,
/// whatever the order of exchange) and `conflict list` shows both versions until someone
/// resolves it again.
fn settle(conn: &Connection, ch: &Change, cols: &[Column], from: (&str, &str, i64)) -> Result<Settled> {
    let field = |name: &str| -> Option<Value> {
        let i = cols.iter().position(|c| c.name == name)?;
        ch.new.get(i).cloned().flatten()
    };
    let text = |name: &str| match field(name) {
        Some(Value::Text(t)) => Some(t),
        _ => None,
    };
    let (Some(id), Some(table), Some(pk), Some(settles)) =
        (text("id"), text("tbl"), text("pk"), text("settles"))
    else {
        return Ok(Settled::default());
    };
    let parse = |r: Option<String>| -> Result<Option<Json>> {
        match r {
            Some(r) => {
                Ok(Some(serde_json::from_str(&r).map_err(|_| reject(msg!("sync-resolution-unreadable")))?))
            }
            None => Ok(None),
        }
    };
    let row = parse(text("row"))?;
    let who = text("decided_by").unwrap_or_default();
    let open: Vec<i64> = conn
        .prepare_cached("SELECT id FROM sync_conflicts WHERE tbl = ?1 AND pk = ?2 AND resolved_at IS NULL")?
        .query_map(params![table, pk], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let rivals: Vec<(String, Option<String>)> = conn
        .prepare_cached(
            "SELECT id, row FROM conflict_resolutions WHERE tbl = ?1 AND pk = ?2 AND settles = ?3 AND id <> ?4 ORDER BY id",
        )?
        .query_map(params![table, pk, settles, id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut all: Vec<(String, Option<Json>)> = vec![(id.clone(), row.clone())];
    for (rid, rrow) in rivals {
        all.push((rid, parse(rrow)?));
    }
    all.sort_by(|a, b| a.0.cmp(&b.0));
    let now = super::now();
    let close = |how: &str| -> Result<()> {
        for cid in &open {
            conn.execute(
                "UPDATE sync_conflicts SET resolved_at = ?2, resolution = ?3, resolved_by = ?4 WHERE id = ?1",
                params![cid, now, how, who],
            )?;
        }
        Ok(())
    };
    let Some(other) = all.iter().find(|(_, r)| *r != all[0].1).map(|(_, r)| r.clone()) else {
        // Alone, or in agreement with the other resolutions.
        super::conflicts::write_row(conn, &table, &pk, row.as_ref())?;
        close("peer")?;
        return Ok(Settled { closed: open, opened: None });
    };
    // Disagreement: the smallest id's version stands everywhere, and a person decides again.
    let kept = all[0].1.clone();
    super::conflicts::write_row(conn, &table, &pk, kept.as_ref())?;
    close("superseded")?;
    let already: Option<i64> = conn
        .query_row(
            "SELECT id FROM sync_conflicts WHERE kind = 'resolution' AND tbl = ?1 AND pk = ?2 AND resolved_at IS NULL
               AND local IS ?3 AND theirs IS ?4",
            params![
                table,
                pk,
                kept.as_ref().map(Json::to_string),
                other.as_ref().map(Json::to_string)
            ],
            |r| r.get(0),
        )
        .optional()?;
    let opened = match already {
        Some(_) => None,
        None => {
            // Resolving it again settles this disagreement, not the first conflict.
            let ids: Vec<&str> = all.iter().map(|(i, _)| i.as_str()).collect();
            let again = format!(
                "{:016x}",
                values::fnv64(format!("resolution\n{settles}\n{}", ids.join("\n")).as_bytes())
            );
            conn.execute(
                "INSERT INTO sync_conflicts(at, peer, origin, seq, kind, op, tbl, pk, local, theirs, settles)
                 VALUES (?1, ?2, ?3, ?4, 'resolution', 'update', ?5, ?6, ?7, ?8, ?9)",
                params![
                    now,
                    from.0,
                    from.1,
                    from.2,
                    table,
                    pk,
                    kept.as_ref().map(Json::to_string),
                    other.as_ref().map(Json::to_string),
                    again
                ],
            )?;
            Some(conn.last_insert_rowid())
        }
    };
    Ok(Settled { closed: open, opened })
}
