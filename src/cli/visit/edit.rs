//! `zoufang visit edit`: a visit recorded wrongly is corrected the way a ledger is — the fields
//! given are checked by the rules `visit log` applies, and the correction is kept with who, when
//! and why.

use anyhow::Result;

use super::super::Ctx;
use crate::domain::{correction, form};
use crate::error::reject;
use crate::msg;
use crate::store::edits::{self, VisitEdit};
use crate::store::{corrections, ids};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The visit (id, or 4 or more characters of it)
    pub id: String,
    /// Why it is corrected (kept with who and when)
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    /// The right visit date
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The group members who took part, all of them (comma-separated or repeated; name or id)
    #[arg(long, value_name = "A,B,…", alias = "participant")]
    pub participants: Vec<String>,
    /// All five prohibitions (五不准) were observed
    #[arg(long)]
    pub discipline_ok: bool,
    /// A breach of one prohibition (CODE[:note], repeatable): the whole discipline record
    #[arg(long, value_name = "CODE[:NOTE]")]
    pub violation: Vec<String>,
    /// One answer of the feedback form (repeatable); KEY= with nothing clears it
    #[arg(long, value_name = "KEY=VALUE")]
    pub answer: Vec<String>,
    /// The right notes (replace the old ones)
    #[arg(long, value_name = "TEXT")]
    pub notes: Option<String>,
    /// The reason for visiting a target visited before (empty: none)
    #[arg(long, value_name = "REASON")]
    pub revisit: Option<String>,
}

pub fn run(a: Args, ctx: &Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    let id = ids::resolve(store.conn(), "visits", "visit", &a.id)?;
    let reason = correction::reason(&a.reason)?;
    let participants: Vec<String> = a
        .participants
        .iter()
        .flat_map(|p| p.split([',', '，', '、']))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let edit = VisitEdit {
        date: a.date,
        participants: (!a.participants.is_empty()).then_some(participants),
        discipline: (a.discipline_ok || !a.violation.is_empty()).then_some((a.discipline_ok, a.violation)),
        answers: a.answer.iter().map(|kv| form::answer_arg(kv)).collect::<Result<_, _>>()?,
        notes: a.notes,
        revisit: a.revisit,
    };
    if edit.is_empty() {
        return Err(reject(msg!("correction-nothing-given")).hint(msg!("visit-edit-options-hint")).into());
    }
    // Checked before the write, so that an edit that changes nothing writes nothing at all.
    let plan = edits::plan_visit(store.conn(), &store.campaign, &id, &edit)?;
    if plan.changes.is_empty() {
        crate::note!("{}", crate::t!("visit-edit-unchanged", id = ids::short(&id)));
        return Ok(());
    }
    let plan = store.write(&ctx.actor, |w| edits::edit_visit(w, &id, &edit, &reason, &ctx.actor.user))?;
    if plan.changes.is_empty() {
        crate::note!("{}", crate::t!("visit-edit-unchanged", id = ids::short(&id)));
        return Ok(());
    }
    for w in &plan.warnings {
        crate::note!("{}", crate::t!("warning-line", message = w));
    }
    let fields = corrections::field_labels(&plan.changes);
    crate::note!("{}", crate::t!("visit-edited", id = ids::short(&id), fields = fields));
    Ok(())
}
