//! `zoufang finding edit`: a finding recorded wrongly is corrected the way a ledger is — its
//! description, category, deadline, handling division or visit, each checked by the rules of
//! `finding add`, the correction kept with who, when and why. Its history (status changes) is
//! not touched: that moves on with `finding update` and `finding follow-up` only.

use anyhow::Result;

use super::Ctx;
use crate::domain::correction;
use crate::domain::sets::Category;
use crate::error::reject;
use crate::msg;
use crate::store::edits::{self, FindingEdit};
use crate::store::{corrections, ids};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The finding (id, or 4 or more characters of it)
    pub id: String,
    /// Why it is corrected (kept with who and when)
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    /// The right description
    #[arg(long, value_name = "TEXT", alias = "desc")]
    pub description: Option<String>,
    /// The right category (or its Chinese label)
    #[arg(long, value_enum)]
    pub category: Option<Category>,
    /// The right deadline (办理时限), or none to take it away (a hazard keeps one)
    #[arg(long, value_name = "DATE|none")]
    pub due: Option<String>,
    /// The right handling division (主办处室)
    #[arg(long, value_name = "DIVISION")]
    pub division: Option<String>,
    /// The visit it was found on, when it was logged at the wrong one
    #[arg(long, value_name = "VISIT")]
    pub visit: Option<String>,
}

pub fn run(a: Args, ctx: &Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    let conn = store.conn();
    let id = ids::resolve(conn, "findings", "finding", &a.id)?;
    let reason = correction::reason(&a.reason)?;
    let visit = a.visit.as_deref().map(|v| ids::resolve(conn, "visits", "visit", v)).transpose()?;
    let edit = FindingEdit {
        description: a.description,
        category: a.category,
        due: a.due,
        division: a.division,
        visit,
    };
    if edit.is_empty() {
        return Err(reject(msg!("correction-nothing-given")).hint(msg!("finding-edit-options-hint")).into());
    }
    // Checked before the write, so that an edit that changes nothing writes nothing at all.
    let plan = edits::plan_finding(conn, &store.campaign, &id, &edit)?;
    let changes = if plan.changes.is_empty() {
        plan.changes
    } else {
        store.write(&ctx.actor, |w| edits::edit_finding(w, &id, &edit, &reason, &ctx.actor.user))?
    };
    if changes.is_empty() {
        crate::note!("{}", crate::t!("finding-edit-unchanged", id = ids::short(&id)));
        return Ok(());
    }
    let fields = corrections::field_labels(&changes);
    crate::note!("{}", crate::t!("finding-edited", id = ids::short(&id), fields = fields));
    Ok(())
}
