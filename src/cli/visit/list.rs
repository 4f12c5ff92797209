//! `zoufang visit list`: the visits export, filtered, for people.

use anyhow::Result;

use super::super::export::{self, Filter};
use super::super::Ctx;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long)]
    pub since: Option<String>,
    #[arg(long)]
    pub until: Option<String>,
    #[arg(long)]
    pub group: Option<String>,
    #[arg(long)]
    pub county: Option<String>,
    /// Work item 1-9
    #[arg(long)]
    pub item: Option<String>,
    /// Target kind
    #[arg(long, value_enum)]
    pub kind: Option<crate::domain::sets::TargetKind>,
    /// Only visits that broke one of the five prohibitions
    #[arg(long)]
    pub violations: bool,
    /// Only the voided visits (otherwise they are left out)
    #[arg(long)]
    pub voided: bool,
}

pub fn run(a: Args, ctx: &Ctx) -> Result<()> {
    let mut f = Filter::parse(ctx, a.county.as_deref(), a.since.as_deref(), a.until.as_deref())?;
    f.group = a.group.map(|g| g.trim().to_uppercase());
    f.item = a.item.as_deref().map(crate::domain::reference::work_item).transpose()?.map(|w| w.code);
    f.kind = a.kind.map(|k| k.to_string());
    f.violations = a.violations;
    f.voided = a.voided;
    export::visits(ctx, &f, true)
}
