//! `zoufang visit void`: a visit entered by mistake (or twice) is voided, never erased.

use anyhow::Result;

use super::super::Ctx;
use crate::domain::correction;
use crate::store::{corrections, ids};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The visit (id, or 4 or more characters of it)
    pub id: String,
    /// Why it is voided (kept with who and when)
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
}

pub fn run(a: Args, ctx: &Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    let id = ids::resolve(store.conn(), "visits", "visit", &a.id)?;
    let reason = correction::reason(&a.reason)?;
    let findings = store.write(&ctx.actor, |w| corrections::void_visit(w, &id, &reason, &ctx.actor.user))?;
    crate::note!("{}", crate::t!("visit-voided", id = ids::short(&id)));
    if !findings.is_empty() {
        let short: Vec<&str> = findings.iter().map(|f| ids::short(f)).collect();
        crate::note!("{}", crate::t!("visit-voided-findings", n = findings.len(), ids = short.join(", ")));
    }
    Ok(())
}
