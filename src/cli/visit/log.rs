//! `zoufang visit log`.

use std::path::PathBuf;

use anyhow::Result;

use super::super::prompt;
use super::super::target::TargetArgs;
use super::super::Ctx;
use crate::domain::form::{self, FieldType};
use crate::domain::reference::{self, PROHIBITIONS};
use crate::domain::sets::{label_of, Closed, Method, TargetKind};
use crate::domain::visit::TARGET_KINDS;
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
        input.group = prompt::ask_until(&t!("visit-prompt-group"), None, |g| Ok(groups::get(conn, g)?.code))?;
    }
    let group = groups::get(conn, &input.group)?;
    let target = match a.target.resolve(conn, &campaign)? {
        Some(t) => t,
        None if ask => {
            let kinds: Vec<String> = TARGET_KINDS.iter().map(|(k, _)| choice::<TargetKind>(k)).collect();
            let kind = prompt::ask_until(&t!("visit-prompt-kind", kinds = kinds.join(", ")), None, |k| {
                TARGET_KINDS
                    .iter()
                    .find(|(c, l)| *c == k || *l == k || label_of::<TargetKind>(c) == k)
                    .map(|(c, _)| *c)
                    .ok_or_else(|| anyhow::anyhow!(t!("visit-prompt-unknown-kind", kind = k)))
            })?;
            prompt::ask_until(&t!("visit-prompt-target"), None, |raw| {
                groups::target(conn, &campaign, kind, raw)
            })?
        }
        None => return Err(missing("target", "--village, --enterprise, --zone, --bureau, --reception")),
    };
    if input.participants.is_empty() {
        let members = groups::members(conn, &group.code)?;
        let names: Vec<&str> = members.iter().map(|(_, n, _)| n.as_str()).collect();
        if !ask {
            return Err(missing("participants", &t!("visit-flag-participant")));
        }
        let all = names.join(",");
        let chosen = prompt::ask(&t!("visit-prompt-participants", members = all), Some(&all))?;
        input.participants =
            chosen.split([',', '，', '、']).map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
    }
    if !input.discipline_ok && input.violations.is_empty() {
        if !ask {
            return Err(missing("discipline", "--discipline-ok, --violation CODE[:note]"));
        }
        if prompt::confirm(&t!("visit-prompt-discipline"))? {
            input.discipline_ok = true;
        } else {
            let codes: Vec<String> = PROHIBITIONS
                .iter()
                .map(|(c, _)| format!("{c} {}", reference::prohibition_label(c)))
                .collect();
            let v = prompt::ask(&t!("visit-prompt-violations", codes = codes.join(", ")), None)?;
            input.violations = v.split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
        }
    }
    if ask {
        if let Some(kind) = form::kind_for_target(target.kind) {
            let (_, def) = forms::current(conn, kind)?;
            crate::note!("— {} —", def.title);
            for f in &def.fields {
                if input.answers.iter().any(|(k, _)| *k == f.key || *k == f.label) {
                    continue;
                }
                let star = if f.required { "*" } else { "" };
                let q = match f.kind {
                    FieldType::Text => format!("{}{star}", f.label),
                    _ => format!("{}{star} {}", f.label, f.allowed()),
                };
                let value = prompt::ask_until(&q, None, |v| {
                    if v.is_empty() {
                        if f.required {
                            anyhow::bail!(t!("visit-prompt-required", field = f.label))
                        }
                        return Ok(String::new());
                    }
                    f.parse(v)?;
                    Ok(v.to_string())
                })?;
                if !value.is_empty() {
                    input.answers.push((f.key.clone(), value));
                }
            }
        }
    }

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
        if !prompt::confirm(&t!("visit-prompt-confirm"))? {
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

/// A choice as a clerk reads it: `village 村` in Chinese, `village` in English.
fn choice<T: Closed>(code: &str) -> String {
    match crate::i18n::lang() {
        crate::i18n::Lang::Zh => format!("{code} {}", label_of::<T>(code)),
        crate::i18n::Lang::En => code.to_string(),
    }
}
