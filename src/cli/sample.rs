//! `zoufang sample visits`: a reproducible random spot-check (抽查) list. The seed goes to the
//! audit log so that an inspector can draw the same list again.

use anyhow::Result;

use super::Ctx;
use crate::domain::sample;
use crate::error::reject;
use crate::io::output::{col, sink, Value};
use crate::store::ids;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(clap::Subcommand, Debug)]
enum Cmd {
    /// Draw N visits at random (all of them if there are fewer); the same seed over the same visits draws the same list
    #[command(
        after_help = "Example:\n  zoufang sample visits --n 10\n  zoufang sample visits --n 10 --seed 20120315 --format csv -o 抽查名单.csv"
    )]
    Visits {
        /// How many visits to draw
        #[arg(long)]
        n: usize,
        /// Seed of the draw (default: a random one, printed so the draw can be repeated)
        #[arg(long)]
        seed: Option<u64>,
    },
}

pub fn run(a: Args, ctx: &Ctx) -> Result<()> {
    match a.cmd {
        Cmd::Visits { n, seed } => visits(ctx, n, seed),
    }
}

fn visits(ctx: &Ctx, n: usize, seed: Option<u64>) -> Result<()> {
    if n == 0 {
        return Err(reject(crate::msg!("sample-none")).hint(crate::msg!("sample-none-hint")).into());
    }
    // Every argument is checked before the draw is written to the audit log.
    crate::io::output::check_rows_format(&ctx.out)?;
    let mut store = ctx.open()?;
    let seed = seed.unwrap_or_else(sample::fresh_seed);
    // The pool in a fixed order (by id), so that the draw does not depend on how SQLite scans.
    let pool: Vec<(String, String, String, String, String)> = store
        .conn()
        .prepare("SELECT id, date, group_code, target_kind, target_code FROM live_visits ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<Result<_, _>>()?;
    let mut drawn: Vec<&(String, String, String, String, String)> =
        sample::draw(pool.len(), n, seed).into_iter().map(|i| &pool[i]).collect();
    // Shown by date, as an inspector plans the checks.
    drawn.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
    // The output is made (beside its file) before the draw is recorded: a format or a file that
    // cannot be written is refused before anything is written to the database.
    let mut out = sink(
        &ctx.out,
        "",
        vec![
            col("id", "编号", "id"),
            col("date", "日期", "date"),
            col("group_code", "走访组", "group"),
            col("target_kind", "对象类型", "target kind"),
            col("target_code", "对象代码", "target code"),
        ],
    )?;
    for (id, date, group, kind, code) in &drawn {
        out.row(&[
            Value::from(ids::short(id)),
            Value::from(date.as_str()),
            Value::from(group.as_str()),
            Value::from(kind.as_str()),
            Value::from(code.as_str()),
        ])?;
    }
    store.write(&ctx.actor, |w| {
        w.touch("sample", &format!("seed={seed} n={n}"));
        Ok(())
    })?;
    crate::note!(
        "{}",
        crate::t!("sample-drawn", n = drawn.len(), of = pool.len(), seed = seed.to_string(), asked = n)
    );
    out.finish()
}
