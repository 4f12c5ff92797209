//! `zoufang case add|list`: typical cases (典型经验) worth reporting upward.

use anyhow::Result;
use rusqlite::params;

use super::Ctx;
use crate::domain::{dates, reference, registry};
use crate::error::{reject, Rejected};
use crate::io::output::{col, write_rows};
use crate::store::ids;
use crate::store::query;
use crate::store::registry::area_index;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(clap::Subcommand, Debug)]
enum Cmd {
    /// Record a typical case
    #[command(
        after_help = "Example:\n  zoufang case add --title 递铺村生活污水治理经验 --item village --county 330523 --date 2012-03-15 --summary \"村民自管、以奖代补\""
    )]
    Add {
        #[arg(long)]
        title: String,
        /// Work item: 1-9, its key or its Chinese name
        #[arg(long)]
        item: Option<String>,
        /// County code (inside this bureau's area)
        #[arg(long)]
        county: Option<String>,
        /// Date of the case (default: today)
        #[arg(long)]
        date: Option<String>,
        #[arg(long, default_value = "")]
        summary: String,
    },
    /// List typical cases, by date
    #[command(after_help = "Example:\n  zoufang case list --format md")]
    List,
}

pub fn run(a: Args, ctx: &Ctx) -> Result<()> {
    match a.cmd {
        Cmd::Add { title, item, county, date, summary } => {
            add(ctx, &title, item.as_deref(), county.as_deref(), date.as_deref(), &summary)
        }
        Cmd::List => list(ctx),
    }
}

/// Add `hint` to a rejection that has none.
pub fn or_hint(e: Rejected, hint: impl Into<crate::error::Text>) -> Rejected {
    if e.hint.is_some() {
        e
    } else {
        e.hint(hint)
    }
}

/// A record's date: the one given, else today; either way inside the campaign year.
pub fn date_or_today(ctx: &Ctx, raw: Option<&str>, year: i32, what: &str) -> Result<String> {
    Ok(match raw {
        Some(d) => dates::in_year(d, year, what)?,
        None => dates::in_year(&ctx.today.to_string(), year, what)
            .map_err(|e| e.hint(crate::msg!("case-date-outside-year", year = year)))?,
    }
    .to_string())
}

fn add(
    ctx: &Ctx,
    title: &str,
    item: Option<&str>,
    county: Option<&str>,
    date: Option<&str>,
    summary: &str,
) -> Result<()> {
    let mut store = ctx.open()?;
    let title = title.trim();
    if title.is_empty() {
        return Err(reject(crate::msg!("case-needs-title")).hint(crate::msg!("give-title-hint")).into());
    }
    let item = item.map(reference::work_item).transpose()?.map(|w| w.code);
    let county = match county {
        Some(c) => {
            let idx = area_index(store.conn())?;
            let org = &store.campaign.org;
            Some(
                registry::county(&idx, org, c)
                    .map_err(|e| or_hint(e, crate::msg!("case-county-hint", org = org.as_str())))?,
            )
        }
        None => None,
    };
    let date = date_or_today(ctx, date, store.campaign.year, "the case date")?;
    let id = ids::new_id();
    store.write(&ctx.actor, |w| {
        w.tx.execute(
            "INSERT INTO cases(id, date, item, county, title, summary) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, date, item, county, title, summary.trim()],
        )?;
        w.touch("case", &id);
        Ok(())
    })?;
    crate::note!("{}", crate::t!("case-added", id = ids::short(&id), date = date.to_string(), title = title));
    Ok(())
}

fn list(ctx: &Ctx) -> Result<()> {
    let store = ctx.open()?;
    let rows = query::rows(
        store.conn(),
        "SELECT substr(c.id, 1, 8), c.date, c.item, w.name_zh, c.county, a.name, c.title, c.summary
         FROM cases c LEFT JOIN work_items w ON w.code = c.item LEFT JOIN areas a ON a.code = c.county
         ORDER BY c.date, c.id",
        [],
    )?;
    write_rows(
        &ctx.out,
        "",
        vec![
            col("id", "编号", "id"),
            col("date", "日期", "date"),
            col("item", "重点内容序号", "item"),
            col("item_name", "重点内容", "work item"),
            col("county", "县代码", "county"),
            col("county_name", "县", "county name"),
            col("title", "标题", "title"),
            col("summary", "摘要", "summary"),
        ],
        &rows,
    )
}
