//! `zoufang visit log`.

use std::path::PathBuf;

use anyhow::Result;

use super::super::ask::visit as asks;
use super::super::pick;
use super::super::target::TargetArgs;
use super::super::Ctx;
use crate::domain::form;
use crate::domain::sets::{label_of, Method};
use crate::error::reject;
use crate::store::groups;
use crate::store::visits::{self, VisitInput};
use crate::store::{forms, ids};
use crate::{msg, t};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[arg(long)]
    pub group: Option<String>,
    /// Visit date (default: today)
    #[arg(long)]
    pub date: Option<String>,
    #[command(flatten)]
    pub target: TargetArgs,
    /// Work item 1-9 (default: from the kind of target)
    #[arg(long)]
    pub item: Option<String>,
    /// Group members who took part (repeatable; name or id)
    #[arg(long)]
    pub participant: Vec<String>,
    /// How the visit was made
    #[arg(long, value_enum)]
    pub method: Option<crate::domain::sets::Method>,
    /// All five prohibitions (五不准) were observed
    #[arg(long)]
    pub discipline_ok: bool,
    /// A breach of one prohibition: meals, gifts, entertainment, against-will, escort (CODE[:note], repeatable)
    #[arg(long, value_name = "CODE[:NOTE]")]
    pub violation: Vec<String>,
    /// The feedback form's answers as a JSON object
    #[arg(long, value_name = "F.json")]
    pub form_file: Option<PathBuf>,
    /// One answer of the feedback form (repeatable): households=12, concerns=sewage,garbage
    #[arg(long, value_name = "KEY=VALUE")]
    pub answer: Vec<String>,
    /// Visit a target already visited or planned for another group, for this reason
    #[arg(long, value_name = "REASON")]
    pub revisit: Option<String>,
    #[arg(long, default_value = "")]
    pub notes: String,
    /// County of a reception (大接访)
    #[arg(long)]
    pub county: Option<String>,
}

fn missing(what: &'static str, flag: &str) -> anyhow::Error {
    let what = crate::i18n::Arg::word(format!("visit-what-{what}"), what);
    reject(msg!("visit-missing", what = what)).hint(msg!("visit-missing-hint", flag = flag)).into()
}

pub fn run(a: Args, ctx: &Ctx) -> Result<()> {
    let mut store = ctx.open()?;
    let ask = ctx.interactive;
    let mut input = VisitInput {
        group: a.group.clone().unwrap_or_default(),
        date: a.date.clone().unwrap_or_else(|| ctx.today.to_string()),
        item: a.item.clone(),
        participants: a.participant.clone(),
        method: a.method.as_ref().map(|m| m.to_string()),
        discipline_ok: a.discipline_ok,
        violations: a.violation.clone(),
        answers: Vec::new(),
        revisit: a.revisit.clone(),
        notes: a.notes.clone(),
        county: a.county.clone(),
    };
    if let Some(f) = &a.form_file {
        let text = std::fs::read_to_string(f).map_err(|e| crate::error::io_sentence(e, f, "read"))?;
        input.answers = form::answers_from_json(&text)?;
    }
    for kv in &a.answer {
        input.answers.push(form::answer_arg(kv)?);
    }

    let conn = store.conn();
    let campaign = store.campaign.clone();
    if input.group.is_empty() {
        if !ask {
            return Err(missing("group", "--group G"));
        }
        input.group = asks::group(conn)?;
    }
    let group = groups::get(conn, &input.group)?;
    let given = a.target.resolve(conn, &campaign)?;
    let target = if ask {
        // Target, participants and discipline are settled before the form is asked, so that no
        // answer typed into the form is lost to a refusal afterwards.
        let target = asks::settle(conn, &campaign, &group, given, &mut input)?;
        if let Some(kind) = form::kind_for_target(target.kind) {
            let (_, def) = forms::current(conn, kind)?;
            asks::form(&def, &mut input)?;
        }
        target
    } else {
        let Some(target) = given else {
            return Err(missing("target", "--village, --enterprise, --zone, --bureau, --reception"));
        };
        if input.participants.is_empty() {
            return Err(missing("participants", &t!("visit-flag-participant")));
        }
        if !input.discipline_ok && input.violations.is_empty() {
            return Err(missing("discipline", "--discipline-ok, --violation CODE[:note]"));
        }
        target
    };

    let v = visits::check(conn, &campaign, target.clone(), &input)?;
    for w in &v.warnings {
        crate::note!("{}", t!("warning-line", message = w));
    }
    if ask {
        let names: Vec<&str> = v.participants.iter().map(|(_, n)| n.as_str()).collect();
        let discipline = if v.violations.is_empty() {
            t!("visit-discipline-kept")
        } else {
            t!("visit-discipline-broken", n = v.violations.len())
        };
        let summary = t!(
            "visit-summary",
            date = v.date,
            group = v.group,
            target = v.target.describe(),
            item = v.item,
            method = label_of::<Method>(&v.method),
            participants = names.join(&t!("clap-list-sep")),
            discipline = discipline
        );
        crate::note!("\n{summary}");
        if !pick::yes_no(&t!("visit-ask-confirm"), &t!("visit-ask-record"), &t!("visit-ask-cancel"))? {
            crate::note!("{}", t!("visit-nothing-written"));
            return Ok(());
        }
    }
    // Checked again inside the write transaction: another clerk may have logged the same target
    // or changed the group since the first check, and writers take turns here.
    let id = store.write(&ctx.actor, |w| {
        let v = visits::check(&w.tx, &campaign, target, &input)?;
        visits::insert(w, &v, &ctx.actor.user)
    })?;
    crate::io::output::print_line(ids::short(&id))?;
    crate::note!("{}", t!("visit-logged", id = ids::short(&id), target = v.target.describe(), date = v.date));
    Ok(())
}
