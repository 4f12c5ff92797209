//! `zoufang backup -o FILE`: an exact copy of the database, for safe keeping.

use anyhow::Result;

use super::Ctx;
use crate::error::reject;

/// Copy the database exactly to -o FILE (a laptop copy with its own identity is `sync clone`)
#[derive(clap::Args, Debug)]
#[command(after_help = "Example:\n  zoufang backup -o anji-2012-03-10.db")]
pub struct Args {}

pub fn run(_a: Args, ctx: &Ctx) -> Result<()> {
    let Some(dest) = ctx.out.path.as_deref() else {
        return Err(reject(crate::msg!("backup-needs-output"))
            .hint(crate::msg!("backup-needs-output-hint"))
            .into());
    };
    let store = ctx.open()?;
    crate::sync::clone::copy_to(&store, dest)?;
    crate::note!("{}", crate::t!("backup-copied", from = ctx.db.as_path(), to = dest));
    Ok(())
}
