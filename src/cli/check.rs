//! `zoufang check`: is this file sound?

use anyhow::Result;

use super::Ctx;
use crate::error::reject;
use crate::io::output::{col, write_rows, Value};
use crate::io::progress::Progress;
use crate::store::check;

/// Check the database: SQLite's integrity and foreign keys, then the campaign's rules (group
/// sizes, leaders, participants, duplicate visits, discipline, finding histories, form answers)
#[derive(clap::Args, Debug)]
#[command(after_help = "Example:\n  zoufang check")]
pub struct Args {}

pub fn run(_a: Args, ctx: &Ctx) -> Result<()> {
    let store = ctx.open()?;
    let progress = Progress::new((check::STEPS.len() - 1) as u64, "check");
    let breaches = check::run_shown(store.conn(), &progress)?;
    progress.finish();
    if breaches.is_empty() {
        crate::note!("{}: ok (integrity, foreign keys and the campaign's rules)", ctx.db.display());
        return Ok(());
    }
    let rows: Vec<Vec<Value>> = breaches
        .iter()
        .map(|b| vec![Value::from(b.rule), Value::from(b.record.as_str()), Value::from(b.detail.as_str())])
        .collect();
    write_rows(
        &ctx.out,
        "",
        vec![col("rule", "规则", "rule"), col("record", "记录", "record"), col("detail", "问题", "detail")],
        &rows,
    )?;
    Err(reject(format!("{} breaches found in {}", breaches.len(), ctx.db.display()))
        .hint("`zoufang conflict list` shows merge conflicts; restore from a backup if the file is damaged")
        .into())
}
