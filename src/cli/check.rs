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
    let progress = Progress::new((check::STEPS.len() - 1) as u64, &crate::t!("check-progress"));
    progress.message(check::step(0));
    // Damage first: a damaged file is restored, not repaired rule by rule (exit 1, not 3).
    let mut damage: Vec<Vec<Value>> = check::integrity(store.conn())?
        .into_iter()
        .map(|m| vec![Value::from("integrity"), Value::from("database"), Value::from(m)])
        .collect();
    damage.extend(crate::sync::verify::damaged_entries(store.conn())?.into_iter().map(|d| {
        vec![
            Value::from("change-log"),
            Value::from(crate::t!("check-change", entry = d.entry.as_str())),
            Value::from(d.why),
        ]
    }));
    let columns = || {
        vec![col("rule", "规则", "rule"), col("record", "记录", "record"), col("detail", "问题", "detail")]
    };
    if !damage.is_empty() {
        progress.finish();
        write_rows(&ctx.out, "", columns(), &damage)?;
        return Err(reject(crate::msg!("check-damaged", path = ctx.db.as_path(), n = damage.len()))
            .hint(crate::msg!("check-damaged-hint"))
            .failure()
            .into());
    }
    let breaches = check::run_shown(store.conn(), &progress)?;
    progress.finish();
    if breaches.is_empty() {
        crate::note!("{}", crate::t!("check-ok", path = ctx.db.as_path()));
        return Ok(());
    }
    let rows: Vec<Vec<Value>> = breaches
        .iter()
        .map(|b| vec![Value::from(b.rule), Value::from(b.record.as_str()), Value::from(b.detail.as_str())])
        .collect();
    write_rows(&ctx.out, "", columns(), &rows)?;
    Err(reject(crate::msg!("check-breaches", n = breaches.len(), path = ctx.db.as_path()))
        .hint(crate::msg!("check-breaches-hint"))
        .into())
}
