//! `zoufang log`: the audit log.

use anyhow::Result;

use super::Ctx;
use crate::domain::dates;
use crate::io::output::{col, sink, Format, Value};

/// Show the audit log: who changed what, when, with which command
#[derive(clap::Args, Debug)]
#[command(after_help = "Example:\n  zoufang log --since 2012-03-01")]
pub struct Args {
    /// Only entries on or after this date
    #[arg(long)]
    pub since: Option<String>,
}

pub fn run(a: Args, ctx: &Ctx) -> Result<()> {
    let store = ctx.open()?;
    let since = a.since.as_deref().map(dates::parse).transpose()?.map(|d| d.to_string()).unwrap_or_default();
    let mut stmt = store
        .conn()
        .prepare("SELECT seq, at, who, command, records FROM audit WHERE at >= ?1 ORDER BY seq")?;
    let mut rows = stmt.query([since])?;
    let mut out = sink(
        &ctx.out,
        "",
        vec![
            col("seq", "序号", "seq"),
            col("at", "时间", "at"),
            col("who", "操作人", "who"),
            col("command", "命令", "command"),
            col("records", "记录", "records"),
        ],
    )?;
    while let Some(r) = rows.next()? {
        let records: String = r.get(4)?;
        let (list, more) = crate::store::audit::records(&records);
        // A bulk import touches thousands of records: show a count past a screenful.
        let human = matches!(ctx.out.format, Format::Table | Format::Md);
        let shown = if human && list.len() + more > 5 {
            crate::t!(
                "log-records-count",
                shown = list[..3.min(list.len())].join(", "),
                n = list.len() + more
            )
        } else if more > 0 {
            // Scripts see the entry as it is kept: the named records, then the count.
            format!("{}, +{more}", list.join(", "))
        } else {
            list.join(", ")
        };
        out.row(&[
            Value::Int(r.get(0)?),
            Value::Text(r.get(1)?),
            Value::Text(r.get(2)?),
            Value::Text(r.get(3)?),
            Value::Text(shown),
        ])?;
    }
    out.finish()
}
