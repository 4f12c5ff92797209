//! `zoufang workplan submit|list`: each work item's lead division sends its work plan (工作方案) to
//! the Office; the 2/25 plan report shows which are in.

use anyhow::Result;
use rusqlite::OptionalExtension;

use super::Ctx;
use crate::domain::{dates, reference};
use crate::io::output::{col, write_rows, Value};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(clap::Subcommand, Debug)]
enum Cmd {
    /// Record that a work item's lead division sent its work plan (a later date replaces an earlier one)
    #[command(
        after_help = "Example:\n  zoufang workplan submit --item 2 --date 2012-02-20\n  zoufang workplan submit --item hazard --date 2012-02-22"
    )]
    Submit {
        /// Work item: 1-9, its key (village, enterprise, …) or its Chinese name
        #[arg(long)]
        item: String,
        /// Date the plan came in
        #[arg(long)]
        date: String,
    },
    /// The nine work items, their lead divisions and when each plan came in
    #[command(after_help = "Example:\n  zoufang workplan list --format csv")]
    List,
}

pub fn run(a: Args, ctx: &Ctx) -> Result<()> {
    match a.cmd {
        Cmd::Submit { item, date } => submit(ctx, &item, &date),
        Cmd::List => list(ctx),
    }
}

fn submit(ctx: &Ctx, item: &str, date: &str) -> Result<()> {
    let mut store = ctx.open()?;
    let wi = reference::work_item(item)?;
    let date = dates::in_year(date, store.campaign.year, "the work plan date")?.to_string();
    let before: Option<String> = store
        .conn()
        .query_row(
            "SELECT submitted_on FROM workplans WHERE org = ?1 AND item = ?2",
            rusqlite::params![store.campaign.org, wi.code],
            |r| r.get(0),
        )
        .optional()?;
    if before.as_deref() == Some(date.as_str()) {
        crate::note!("{}", crate::t!("workplan-same", item = wi.code, date = date.as_str()));
        return Ok(());
    }
    store.write(&ctx.actor, |w| {
        w.tx.execute(
            "INSERT INTO workplans(org, item, submitted_on) VALUES (?1, ?2, ?3)
             ON CONFLICT(org, item) DO UPDATE SET submitted_on = excluded.submitted_on",
            (&w.campaign.org, wi.code, &date),
        )?;
        w.touch("workplan", &wi.code.to_string());
        Ok(())
    })?;
    let (item, name, division) = (wi.code, reference::work_item_name(wi.code), wi.lead_division);
    let said = match before {
        Some(old) => crate::t!(
            "workplan-changed",
            item = item,
            name = name,
            division = division,
            old = old,
            date = date.as_str()
        ),
        None => crate::t!(
            "workplan-recorded",
            item = item,
            name = name,
            division = division,
            date = date.as_str()
        ),
    };
    crate::note!("{said}");
    Ok(())
}

fn list(ctx: &Ctx) -> Result<()> {
    let store = ctx.open()?;
    let mut stmt = store.conn().prepare(
        "SELECT w.code, w.key, w.name_zh, w.lead_division, p.submitted_on
         FROM work_items w LEFT JOIN workplans p ON p.item = w.code AND p.org = ?1 ORDER BY w.code",
    )?;
    let rows = stmt
        .query_map([&store.campaign.org], |r| {
            Ok(vec![
                Value::Int(r.get(0)?),
                Value::Text(r.get(1)?),
                Value::Text(r.get(2)?),
                Value::Text(r.get(3)?),
                Value::from(r.get::<_, Option<String>>(4)?),
            ])
        })?
        .collect::<Result<Vec<_>, _>>()?;
    write_rows(
        &ctx.out,
        "",
        vec![
            col("item", "序号", "item"),
            col("key", "代码", "key"),
            col("name", "重点内容", "work item"),
            col("lead_division", "牵头处室", "lead division"),
            col("submitted_on", "方案报送日期", "plan submitted on"),
        ],
        &rows,
    )
}
