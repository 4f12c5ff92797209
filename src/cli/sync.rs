//! `zoufang sync clone|export|import|status`: offline laptops and roll-up (SPEC §6).

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::Ctx;
use crate::error::reject;
use crate::io::output::{col, write_rows, Value};
use crate::sync::{self, short};
use crate::{msg, t};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// Make a laptop copy of this bureau's database (-o FILE), with its own replica id
    #[command(
        name = "clone",
        after_help = "The copy remembers the bureau it came from: it takes bundles from that bureau only, and the bureau takes its bundles.\n\nExample:\n  zoufang sync clone -o laptop-wang.db"
    )]
    CloneDb,
    /// Write a bundle (-o FILE) of every change the peer has not acknowledged
    #[command(
        after_help = "Without --to, a laptop copy writes for its bureau, and a bureau writes a full bundle (for any peer).\n\nRoll-up: `--to CITY` (an upper bureau's code) writes what the city has not been sent before, so the weekly bundle carries only the week's changes; `--full` sends everything again (a lost bundle). At the city, `--to COUNTY` writes a receipt (what the city holds, no records): imported at the county, its next bundle also carries whatever the city never received.\n\nExample:\n  zoufang --db laptop-wang.db sync export -o wang-0310.zfb\n  zoufang sync export --to 3a7f -o for-laptop.zfb\n  zoufang sync export --to 3305 -o anji-to-huzhou.zfb"
    )]
    Export(ExportArgs),
    /// Apply a bundle from a laptop copy, a lower bureau, or (on a laptop) the bureau
    #[command(
        after_help = "Example:\n  zoufang sync import wang-0310.zfb --dry-run\n  zoufang sync import wang-0310.zfb"
    )]
    Import(ImportArgs),
    /// Peers, what was sent and acknowledged, what is pending, open conflicts
    #[command(after_help = "Example:\n  zoufang sync status")]
    Status,
}

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// The peer: a replica id (4+ characters, see `sync status`) or a bureau's division code
    #[arg(long, value_name = "PEER")]
    pub to: Option<String>,
    /// Every change this database holds, whatever the peer acknowledged
    #[arg(long)]
    pub full: bool,
}

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    pub file: PathBuf,
    /// Show what would be added, changed and in conflict; write nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Take the bundle although it comes from a second database of a lower bureau this one
    /// already hears from (that bureau moved to a new database for good)
    #[arg(long)]
    pub accept_new_origin: bool,
}

pub fn run(cmd: Cmd, ctx: &Ctx) -> Result<()> {
    match cmd {
        Cmd::CloneDb => {
            let dest = output(ctx, "sync clone", "laptop.db")?;
            let mut store = ctx.open()?;
            let replica = sync::clone::clone_to(&mut store, &ctx.actor, dest)?;
            crate::note!(
                "{}",
                t!(
                    "sync-clone-made",
                    file = dest,
                    replica = short(&replica),
                    name = store.campaign.name.as_str(),
                    org = store.campaign.org.as_str()
                )
            );
            Ok(())
        }
        Cmd::Export(a) => {
            let dest = output(ctx, "sync export", "bundle.zfb")?;
            refuse_database(dest)?;
            let mut store = ctx.open()?;
            let e = sync::export::export(&mut store, &ctx.actor, dest, a.to.as_deref(), a.full)?;
            let ranges: Vec<String> =
                e.ranges.iter().map(|(o, r)| format!("{} #{}-{}", short(o), r[0], r[1])).collect();
            if e.receipt {
                crate::note!(
                    "{}",
                    crate::t!(
                        "sync-receipt-written",
                        file = dest,
                        org = e.peer.as_ref().map_or("", |p| p.org.as_str())
                    )
                );
                return Ok(());
            }
            let whom = match &e.peer {
                // An upper bureau not heard from yet is known by its code only.
                Some(p) if p.replica == sync::log::upper_placeholder(&p.org) && !a.full => {
                    crate::t!("sync-bundle-for-upper", org = p.org.as_str())
                }
                Some(p) if p.replica == sync::log::upper_placeholder(&p.org) => {
                    crate::t!("sync-bundle-for-upper-full", org = p.org.as_str())
                }
                Some(p) if !a.full => {
                    crate::t!("sync-bundle-for", org = p.org.as_str(), replica = short(&p.replica))
                }
                Some(p) => {
                    crate::t!("sync-bundle-for-full", org = p.org.as_str(), replica = short(&p.replica))
                }
                None => crate::t!("sync-bundle-full"),
            };
            crate::note!(
                "{}",
                crate::t!(
                    "sync-bundle-written",
                    file = dest,
                    n = e.changesets,
                    bytes = e.bytes,
                    whom = whom,
                    ranges =
                        if ranges.is_empty() { String::new() } else { format!(" ({})", ranges.join(", ")) }
                )
            );
            Ok(())
        }
        Cmd::Import(a) => {
            let mut store = ctx.open()?;
            let s = sync::import::import(&mut store, &ctx.actor, &a.file, a.dry_run, a.accept_new_origin)
                .map_err(|e| {
                    // Name the bundle in every refusal, so the clerk knows which file to ask for again.
                    match e.downcast::<crate::error::Rejected>() {
                        Ok(r) if !r.message.contains(&a.file.display().to_string()) => {
                            r.prefixed(a.file.display()).into()
                        }
                        Ok(r) => r.into(),
                        Err(e) => e,
                    }
                })?;
            if ctx.out.format == crate::io::output::Format::Json {
                crate::io::output::print_line(&summary_json(&s, a.dry_run).to_string())?;
            } else {
                let mut line = t!(
                    "sync-import-summary",
                    added = s.added,
                    updated = s.updated,
                    unchanged = s.unchanged,
                    conflicts = s.conflicts
                );
                if s.removed > 0 {
                    line.push_str(&t!("sync-import-summary-removed", n = s.removed));
                }
                crate::io::output::print_line(&line)?;
            }
            crate::note!(
                "{}",
                t!("sync-import-from", sender = s.sender.as_str(), applied = s.applied, skipped = s.skipped)
            );
            for line in sync::import::identity_notes(&s) {
                crate::note!("{line}");
            }
            if s.settled > 0 {
                crate::note!("{}", t!("sync-import-settled", n = s.settled));
            }
            if a.dry_run {
                for (table, record, what) in &s.conflicted {
                    crate::note!(
                        "{}",
                        crate::t!(
                            "sync-would-conflict",
                            table = table.as_str(),
                            record = record.as_str(),
                            what = what.label()
                        )
                    );
                }
            } else if s.conflicts > 0 {
                crate::note!("{}", t!("sync-import-conflicts-kept"));
            }
            if !s.breaches.is_empty() {
                crate::note!("{}", t!("sync-import-breaches", n = s.breaches.len()));
            }
            if a.dry_run {
                crate::note!("{}", t!("sync-dry-run"));
            }
            Ok(())
        }
        Cmd::Status => status(ctx),
    }
}

/// `sync import --format json`: the summary for scripts (English keys).
fn summary_json(s: &sync::import::Summary, dry_run: bool) -> serde_json::Value {
    let tables: serde_json::Map<String, serde_json::Value> = s
        .tables
        .iter()
        .map(|(t, n)| {
            (
                t.clone(),
                serde_json::json!({"added": n[0], "updated": n[1], "removed": n[2], "unchanged": n[3], "conflicts": n[4]}),
            )
        })
        .collect();
    serde_json::json!({
        "dry_run": dry_run,
        "sender": s.sender,
        "changesets_applied": s.applied,
        "changesets_already_here": s.skipped,
        "added": s.added,
        "updated": s.updated,
        "removed": s.removed,
        "unchanged": s.unchanged,
        "conflicts": s.conflicts,
        "settled": s.settled,
        "tables": tables,
        "per_origin": s.per_origin.iter().map(|(o, n)| (o.clone(), serde_json::json!({"applied": n}))).collect::<serde_json::Map<_, _>>(),
        "conflicted": s.conflicted.iter().map(|(t, r, w)| serde_json::json!({"table": t, "record": r, "what": w.code()})).collect::<Vec<_>>(),
        "rule_breaches": s.breaches.iter().map(|b| serde_json::json!({"rule": b.kind, "record": b.record, "repair": b.detail})).collect::<Vec<_>>(),
        "forks": s.forks.len(),
        "brought_back": s.brought_back,
        "from_former_identity": s.from_former,
        "still_lost": s.still_lost,
        "kept_since_restore": s.own_kept,
        "kept_since_restore_unsent": s.own_unsent,
    })
}

/// A bundle replaces an existing bundle file, never a database.
fn refuse_database(dest: &Path) -> Result<()> {
    let mut head = [0u8; 16];
    let is_db = std::fs::File::open(dest)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok_and(|_| head.starts_with(b"SQLite format 3"));
    if is_db {
        return Err(reject(msg!("sync-bundle-onto-database", path = dest))
            .hint(msg!("sync-bundle-onto-database-hint"))
            .into());
    }
    Ok(())
}

fn output<'a>(ctx: &'a Ctx, what: &str, example: &str) -> Result<&'a Path> {
    ctx.out.path.as_deref().ok_or_else(|| {
        reject(msg!("sync-needs-output", what = what))
            .hint(msg!("sync-needs-output-hint", what = what, example = example))
            .into()
    })
}

fn status(ctx: &Ctx) -> Result<()> {
    let store = ctx.open()?;
    let s = sync::status::status(store.conn())?;
    crate::note!("{}", t!("sync-status-this", me = s.me.describe()));
    crate::note!("{}", t!("sync-status-changes", own = s.own, received = s.received));
    let human = matches!(ctx.out.format, crate::io::output::Format::Table | crate::io::output::Format::Md);
    let rows: Vec<Vec<Value>> = s
        .peers
        .iter()
        .map(|p| {
            vec![
                Value::from(short(&p.peer.replica)),
                Value::from(p.peer.org.as_str()),
                Value::from(if human {
                    crate::i18n::Arg::word(
                        format!("sync-relation-{}", p.peer.relation),
                        p.peer.relation.as_str(),
                    )
                    .to_string()
                } else {
                    p.peer.relation.clone()
                }),
                Value::from(p.peer.last_import.clone()),
                Value::from(p.peer.last_export.clone()),
                Value::from(p.sent),
                Value::from(p.acked),
                Value::from(p.pending),
            ]
        })
        .collect();
    if rows.is_empty() && !ctx.format_given {
        crate::note!("{}", t!("sync-status-no-peers"));
    } else {
        write_rows(
            &ctx.out,
            "",
            vec![
                col("peer", "副本", "peer"),
                col("org", "单位", "org"),
                col("relation", "关系", "relation"),
                col("last_import", "最近导入", "last import"),
                col("last_export", "最近导出", "last export"),
                col("sent", "已发送", "sent"),
                col("acked", "已确认", "acknowledged"),
                col("pending", "待发送", "pending"),
            ],
            &rows,
        )?;
    }
    crate::note!("{}", t!("sync-status-open", conflicts = s.open_conflicts, breaches = s.breaches));
    Ok(())
}
