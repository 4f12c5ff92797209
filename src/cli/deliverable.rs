//! `zoufang deliverable record|list`: which bureau sent which deliverable (实施方案 2/25, 阶段性进展
//! 3/25, 书面报告 6/25) when — this bureau's own, and those of the bureaus under it.

use anyhow::Result;
use rusqlite::OptionalExtension;

use super::case::or_hint;
use super::research::state_value;
use super::Ctx;
use crate::domain::codes::{self, Level};
use crate::domain::research::timeliness;
use crate::domain::{dates, reference, registry};
use crate::error::{reject, Checked};
use crate::io::output::{col, write_rows, Value};
use crate::store::registry::area_index;
use crate::{msg, t};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(clap::Subcommand, Debug)]
enum Cmd {
    /// Record that a bureau sent a deliverable (a later record for the same bureau and kind replaces the date)
    #[command(
        after_help = "Example:\n  zoufang deliverable record --org 330523 --kind plan --date 2012-02-24\n  zoufang deliverable record --org 330522 --kind progress --date 2012-03-26"
    )]
    Record {
        /// The bureau that sent it: this bureau's own code or that of a city or county bureau under it
        #[arg(long)]
        org: String,
        /// plan (实施方案, 2/25), progress (阶段性进展, 3/25) or final (书面报告, 6/25)
        #[arg(long)]
        kind: String,
        /// Date it came in
        #[arg(long)]
        date: String,
    },
    /// Every recorded submission with its deadline, on time or late
    #[command(after_help = "Example:\n  zoufang deliverable list --format csv")]
    List,
}

pub fn run(a: Args, ctx: &Ctx) -> Result<()> {
    match a.cmd {
        Cmd::Record { org, kind, date } => record(ctx, &org, &kind, &date),
        Cmd::List => list(ctx),
    }
}

/// A deliverable kind by its code or Chinese name.
fn kind(raw: &str) -> Checked<&'static str> {
    let s = raw.trim();
    reference::DELIVERABLES
        .iter()
        .find(|(k, zh, _)| *k == s || *zh == s)
        .map(|(k, _, _)| *k)
        .ok_or_else(|| reject(msg!("deliverable-unknown", raw = raw)).hint(msg!("deliverable-unknown-hint")))
}

fn record(ctx: &Ctx, org: &str, kind_raw: &str, date: &str) -> Result<()> {
    let mut store = ctx.open()?;
    let bureau = store.campaign.org.clone();
    let (org, level) = codes::parse_division(org).map_err(|e| or_hint(e, msg!("deliverable-org-hint")))?;
    if level > Level::County {
        return Err(reject(msg!("deliverable-not-bureau", org = org.as_str(), level = level.word()))
            .hint(msg!("deliverable-not-bureau-hint"))
            .into());
    }
    registry::within_bureau(&bureau, &org)
        .map_err(|e| e.hint(msg!("deliverable-outside-hint", bureau = bureau.as_str())))?;
    let idx = area_index(store.conn())?;
    if idx.level(&org).is_none() {
        return Err(reject(msg!("deliverable-unknown-org", org = org.as_str()))
            .hint(msg!("deliverable-unknown-org-hint"))
            .into());
    }
    let kind = kind(kind_raw)?;
    let date = dates::in_year(date, store.campaign.year, "the submission date")?.to_string();
    let before: Option<String> = store
        .conn()
        .query_row(
            "SELECT submitted_on FROM deliverable_submissions WHERE org = ?1 AND kind = ?2",
            (&org, kind),
            |r| r.get(0),
        )
        .optional()?;
    let what = crate::i18n::Arg::word(format!("deliverable-{kind}"), kind);
    if before.as_deref() == Some(date.as_str()) {
        crate::note!("{}", t!("deliverable-same", what = what, org = org.as_str(), date = date.as_str()));
        return Ok(());
    }
    store.write(&ctx.actor, |w| {
        w.tx.execute(
            "INSERT INTO deliverable_submissions(org, kind, submitted_on) VALUES (?1, ?2, ?3)
             ON CONFLICT(org, kind) DO UPDATE SET submitted_on = excluded.submitted_on",
            (&org, kind, &date),
        )?;
        w.touch("deliverable_submission", &format!("{org}/{kind}"));
        Ok(())
    })?;
    let due: String =
        store.conn().query_row("SELECT due FROM deliverables WHERE kind = ?1", [kind], |r| r.get(0))?;
    let name = idx.name(&org);
    match before {
        Some(old) => crate::note!(
            "{}",
            t!(
                "deliverable-changed",
                what = what,
                org = org.as_str(),
                name = name,
                old = old,
                date = date.as_str(),
                due = due.as_str()
            )
        ),
        None => crate::note!(
            "{}",
            t!(
                "deliverable-recorded",
                what = what,
                org = org.as_str(),
                name = name,
                date = date.as_str(),
                due = due.as_str()
            )
        ),
    }
    if date > due {
        let late = (dates::parse(&date)? - dates::parse(&due)?).num_days();
        crate::note!("{}", t!("deliverable-late", days = late));
    }
    Ok(())
}

fn list(ctx: &Ctx) -> Result<()> {
    let store = ctx.open()?;
    let mut stmt = store.conn().prepare(
        "SELECT s.org, a.name, s.kind, d.name_zh, d.due, s.submitted_on
         FROM deliverable_submissions s JOIN deliverables d ON d.kind = s.kind
         LEFT JOIN areas a ON a.code = s.org
         ORDER BY s.org, d.due, s.kind",
    )?;
    let raw = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, String>(5)?,
            ))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    let mut rows = Vec::with_capacity(raw.len());
    for (org, org_name, kind, kind_name, due, submitted) in raw {
        let state = timeliness(Some(dates::parse(&submitted)?), dates::parse(&due)?, ctx.today);
        rows.push(vec![
            Value::from(org),
            Value::from(org_name),
            Value::from(kind),
            Value::from(kind_name),
            Value::from(due),
            Value::from(submitted),
            state_value(ctx, state),
        ]);
    }
    write_rows(
        &ctx.out,
        "",
        vec![
            col("org", "单位代码", "org"),
            col("org_name", "单位", "org name"),
            col("kind", "材料代码", "kind"),
            col("kind_name", "材料", "deliverable"),
            col("due", "截止日期", "due"),
            col("submitted_on", "报送日期", "submitted on"),
            col("state", "状态", "state"),
        ],
        &rows,
    )
}
