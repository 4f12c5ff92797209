//! `zoufang publicity add|list`: publicity items (宣传报道): news reports, briefings, articles.

use anyhow::Result;
use rusqlite::params;

use super::case::date_or_today;
use super::Ctx;
use crate::domain::reference;
use crate::error::reject;
use crate::io::output::{col, write_rows};
use crate::store::ids;
use crate::store::query;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(clap::Subcommand, Debug)]
enum Cmd {
    /// Record a publicity item
    #[command(
        after_help = "Example:\n  zoufang publicity add --title 县环保局开展进村入企大走访 --outlet 湖州日报 --item publicity --date 2012-03-08"
    )]
    Add {
        #[arg(long)]
        title: String,
        /// Where it appeared: newspaper, TV, website, briefing (简报) …
        #[arg(long, default_value = "")]
        outlet: String,
        /// Work item: 1-9, its key or its Chinese name
        #[arg(long)]
        item: Option<String>,
        /// Date it appeared (default: today)
        #[arg(long)]
        date: Option<String>,
    },
    /// List publicity items, by date
    #[command(after_help = "Example:\n  zoufang publicity list --format csv")]
    List,
}

pub fn run(a: Args, ctx: &Ctx) -> Result<()> {
    match a.cmd {
        Cmd::Add { title, outlet, item, date } => add(ctx, &title, &outlet, item.as_deref(), date.as_deref()),
        Cmd::List => list(ctx),
    }
}

fn add(ctx: &Ctx, title: &str, outlet: &str, item: Option<&str>, date: Option<&str>) -> Result<()> {
    let mut store = ctx.open()?;
    let title = title.trim();
    if title.is_empty() {
        return Err(reject(crate::msg!("publicity-needs-title")).hint(crate::msg!("give-title-hint")).into());
    }
    let item = item.map(reference::work_item).transpose()?.map(|w| w.code);
    let date = date_or_today(ctx, date, store.campaign.year, "the publicity date")?;
    let id = ids::new_id();
    store.write(&ctx.actor, |w| {
        w.tx.execute(
            "INSERT INTO publicity(id, date, item, outlet, title) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, date, item, outlet.trim(), title],
        )?;
        w.touch("publicity", &id);
        Ok(())
    })?;
    crate::note!(
        "{}",
        crate::t!("publicity-added", id = ids::short(&id), date = date.to_string(), title = title)
    );
    Ok(())
}

fn list(ctx: &Ctx) -> Result<()> {
    let store = ctx.open()?;
    let rows = query::rows(
        store.conn(),
        "SELECT substr(p.id, 1, 8), p.date, p.item, w.name_zh, p.outlet, p.title
         FROM publicity p LEFT JOIN work_items w ON w.code = p.item
         ORDER BY p.date, p.id",
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
            col("outlet", "媒体", "outlet"),
            col("title", "标题", "title"),
        ],
        &rows,
    )
}
