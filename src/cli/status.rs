//! `zoufang status`: the dashboard.

use anyhow::Result;

use super::Ctx;
use crate::io::document;
use crate::report::status;

/// The dashboard: deliverables due or late, research reports, groups against quotas, open and
/// overdue findings, discipline violations, counties not yet covered
#[derive(clap::Args, Debug)]
#[command(after_help = "Example:\n  zoufang status\n  zoufang status --today 2012-03-26 --format json")]
pub struct Args {}

/// A screen per section for people; every row for scripts (csv, json) and files.
pub fn screen(ctx: &Ctx) -> Option<usize> {
    use crate::io::output::Format;
    matches!(ctx.out.format, Format::Table | Format::Md).then_some(status::SCREEN)
}

pub fn run(_a: Args, ctx: &Ctx) -> Result<()> {
    let store = ctx.open()?;
    let doc = status::compute(store.conn(), &store.campaign, ctx.today, screen(ctx))?;
    document::write(&ctx.out, &doc)
}
