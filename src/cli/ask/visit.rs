//! What `visit log` asks a clerk at a terminal, each question settled before the next: the group,
//! the target (typing part of its name narrows the list), a reason if it was visited before, then
//! what a flag gave wrongly or not at all — date, work item, participants ticked from the group's
//! members, the five prohibitions — and the form's fields, each a pick-list of its labels or a
//! line checked as it is typed. Every answer is checked by the rule that would refuse the visit,
//! so the visit is whole before it is written and nothing typed is lost.

use anyhow::Result;
use rusqlite::Connection;

use super::super::pick::{self, choice, Choice};
use crate::domain::dates;
use crate::domain::form::{FieldType, FormDef, FormField};
use crate::domain::reference::{self, PROHIBITIONS, WORK_ITEMS};
use crate::domain::sets::{label_of, TargetKind};
use crate::domain::visit::{self, TARGET_KINDS};
use crate::error::reject;
use crate::i18n::Lang;
use crate::store::groups::{self, Group, Target};
use crate::store::targets::{self, Among};
use crate::store::visits::VisitInput;
use crate::store::Campaign;
use crate::{msg, t};

/// The group, picked from the groups there are.
pub fn group(conn: &Connection) -> Result<String> {
    let options: Vec<Choice<String>> = conn
        .prepare("SELECT code, name, date_from, date_to FROM groups ORDER BY code")?
        .query_map([], |r| {
            let (code, name, from, to): (String, String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            Ok(choice(code.clone(), format!("{code} {name} {from}–{to}")))
        })?
        .collect::<Result<_, _>>()?;
    if options.is_empty() {
        return Err(reject(msg!("visit-ask-no-groups")).hint(msg!("visit-ask-no-groups-hint")).into());
    }
    pick::one(&t!("visit-ask-group"), options)
}

/// A target: its kind from a list, then the target itself from a list narrowed by typing.
pub fn target(conn: &Connection, c: &Campaign) -> Result<Target> {
    loop {
        let kinds = TARGET_KINDS.iter().map(|(k, _)| choice(*k, label_of::<TargetKind>(k))).collect();
        let kind: &'static str = pick::one(&t!("visit-ask-kind"), kinds)?;
        let what = label_of::<TargetKind>(kind);
        let Some(among) = Among::of_target(kind) else {
            let place = pick::needed(&t!("visit-ask-place"), &t!("visit-ask-place"))?;
            return groups::target(conn, c, kind, &place);
        };
        let all = targets::all(conn, c, among)?;
        if all.is_empty() {
            crate::note!("  {}", t!("visit-ask-none-of-kind", what = what));
            continue;
        }
        let options = all.into_iter().map(|t| choice(t.code.clone(), t.line())).collect();
        let code = pick::one(&t!("visit-ask-target", what = what), options)?;
        return groups::target(conn, c, kind, &code);
    }
}

/// Everything the visit still needs, asked in order; the target comes back settled (another may
/// be picked when the first was visited already).
pub fn settle(
    conn: &Connection,
    c: &Campaign,
    group: &Group,
    given: Option<Target>,
    input: &mut VisitInput,
) -> Result<Target> {
    let mut target = match given {
        Some(t) => t,
        None => target(conn, c)?,
    };
    while target.kind != "reception" {
        let earlier = groups::earlier(conn, target.kind, &target.code)?;
        let Err(why) =
            visit::check_duplicate(&target.describe(), &group.code, &earlier, input.revisit.as_deref())
        else {
            break;
        };
        crate::note!("  {}", why.message);
        let options =
            vec![choice(false, t!("visit-ask-other-target")), choice(true, t!("visit-ask-revisit"))];
        if pick::one(&t!("visit-ask-duplicate"), options)? {
            input.revisit =
                Some(pick::needed(&t!("visit-ask-revisit-reason"), &t!("visit-ask-revisit-reason"))?);
        } else {
            target = self::target(conn, c)?;
        }
    }
    date_and_item(c.year, input)?;
    participants(conn, group, input)?;
    discipline(input)?;
    Ok(target)
}

/// The date and work item given as flags, checked now; one that fails is asked again.
fn date_and_item(year: i32, input: &mut VisitInput) -> Result<()> {
    if let Err(e) = dates::in_year(&input.date, year, "the visit date") {
        crate::note!("  {}", e.message);
        input.date = pick::line(&t!("visit-ask-date"), None, move |s| {
            dates::in_year(s, year, "the visit date").map(|_| ()).map_err(|e| e.message.to_string())
        })?;
    }
    if let Some(item) = &input.item {
        if let Err(e) = reference::work_item(item) {
            crate::note!("  {}", e.message);
            let options = WORK_ITEMS
                .iter()
                .map(|w| {
                    choice(w.code.to_string(), format!("{} {}", w.code, reference::work_item_name(w.code)))
                })
                .collect();
            input.item = Some(pick::one(&t!("visit-ask-item"), options)?);
        }
    }
    Ok(())
}

/// Participants: those named by flags when they pass the rules, else ticked from the members.
fn participants(conn: &Connection, group: &Group, input: &mut VisitInput) -> Result<()> {
    let members = groups::members(conn, &group.code)?;
    let pairs: Vec<(String, String)> = members.iter().map(|(id, n, _)| (id.clone(), n.clone())).collect();
    if !input.participants.is_empty() {
        let ids: Vec<String> = pairs.iter().map(|(id, _)| id.clone()).collect();
        let named: Result<Vec<String>> = input
            .participants
            .iter()
            .map(|p| crate::store::registry::resolve_staff_among(conn, p, Some(&ids)))
            .collect();
        let why = match named {
            Ok(named) => match visit::check_participants(&group.code, &pairs, &named) {
                Ok(()) => return Ok(()),
                Err(e) => e.message.to_string(),
            },
            Err(e) => e.to_string(),
        };
        crate::note!("  {why}");
    }
    let divisions = divisions(conn, &members)?;
    let options: Vec<Choice<String>> = members
        .iter()
        .zip(&divisions)
        .map(|((id, name, role), division)| {
            let mut label = name.clone();
            if !division.is_empty() {
                label.push_str(&format!(" @{division}"));
            }
            if role == "leader" {
                label.push_str(&t!("visit-ask-leader-mark"));
            }
            choice(id.clone(), label)
        })
        .collect();
    let code = group.code.clone();
    input.participants =
        pick::several(&t!("visit-ask-participants"), options, move |chosen: &[String]| {
            visit::check_participants(&code, &pairs, chosen).map_err(|e| e.message.to_string())
        })?;
    Ok(())
}

/// The members' divisions, to tell apart two of the same name.
fn divisions(conn: &Connection, members: &[(String, String, String)]) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached("SELECT division FROM staff WHERE id = ?1")?;
    members.iter().map(|(id, ..)| Ok(stmt.query_row([id], |r| r.get(0))?)).collect()
}

/// 五不准: all observed, or which were breached, each with an optional note. Checked by the same
/// rule as the flags: ticking nothing, or "all observed" with a breach, is refused and asked again.
fn discipline(input: &mut VisitInput) -> Result<()> {
    let given = input.discipline_ok || !input.violations.is_empty();
    match visit::discipline(input.discipline_ok, &input.violations) {
        Ok(_) if given => return Ok(()),
        Ok(_) => {}
        Err(e) => crate::note!("  {}", e.message),
    }
    let mut options = vec![choice(None, t!("visit-ask-all-kept"))];
    options.extend(PROHIBITIONS.iter().map(|(c, _)| choice(Some(*c), reference::prohibition_label(c))));
    let chosen = pick::several(&t!("visit-ask-discipline"), options, |chosen: &[Option<&str>]| {
        let ok = chosen.contains(&None);
        let breached: Vec<String> = chosen.iter().flatten().map(|c| c.to_string()).collect();
        visit::discipline(ok, &breached).map(|_| ()).map_err(|e| match e.message.key() {
            // The rule's own words name the flags; here the clerk ticked boxes.
            Some("visit-discipline-contradiction") => t!("visit-ask-contradiction"),
            _ => e.message.to_string(),
        })
    })?;
    input.discipline_ok = chosen.contains(&None);
    input.violations.clear();
    for code in chosen.into_iter().flatten() {
        let what = reference::prohibition_label(code);
        let note = pick::line(&t!("visit-ask-violation-note", what = what), None, |_| Ok(()))?;
        input.violations.push(if note.is_empty() { code.to_string() } else { format!("{code}:{note}") });
    }
    Ok(())
}

/// How a form field reads: its label in Chinese, its key in English (the forms are data in
/// Chinese; their keys are English words).
fn field_name(f: &FormField) -> String {
    match crate::i18n::lang() {
        Lang::Zh => f.label.clone(),
        Lang::En => f.key.replace('_', " "),
    }
}

fn choice_name(code: &str, label: &str) -> String {
    match crate::i18n::lang() {
        Lang::Zh => label.to_string(),
        Lang::En => code.replace('-', " "),
    }
}

/// Every field of the form not answered by a flag, or answered wrongly, in the form's order.
pub fn form(def: &FormDef, input: &mut VisitInput) -> Result<()> {
    crate::note!("— {} —", def.title);
    for f in &def.fields {
        if let Some(i) = input.answers.iter().position(|(k, _)| *k == f.key || *k == f.label) {
            match f.parse(input.answers[i].1.trim()) {
                Ok(_) => continue,
                Err(e) => {
                    crate::note!("  {}", e.message);
                    input.answers.remove(i);
                }
            }
        }
        let name = field_name(f);
        let question = if f.required { format!("{name} *") } else { name.clone() };
        let value: Option<String> = match f.kind {
            FieldType::Choice | FieldType::YesNo => {
                let mut options: Vec<Choice<Option<String>>> = if f.kind == FieldType::YesNo {
                    vec![choice(Some("yes".into()), t!("pick-yes")), choice(Some("no".into()), t!("pick-no"))]
                } else {
                    f.choices.iter().map(|(c, l)| choice(Some(c.clone()), choice_name(c, l))).collect()
                };
                if !f.required {
                    options.push(choice(None, t!("pick-skip")));
                }
                pick::one(&question, options)?
            }
            FieldType::Multi => {
                let options = f.choices.iter().map(|(c, l)| choice(c.clone(), choice_name(c, l))).collect();
                let required = f.required;
                let codes = pick::several(&question, options, move |chosen: &[String]| {
                    if required && chosen.is_empty() {
                        Err(t!("pick-required", field = name.clone()))
                    } else {
                        Ok(())
                    }
                })?;
                (!codes.is_empty()).then(|| codes.join(","))
            }
            FieldType::Integer | FieldType::Text => {
                let field = f.clone();
                let v = pick::line(&question, None, move |s| {
                    if s.is_empty() {
                        return if field.required {
                            Err(t!("pick-required", field = name.clone()))
                        } else {
                            Ok(())
                        };
                    }
                    field.parse(s).map(|_| ()).map_err(|e| e.message.to_string())
                })?;
                (!v.is_empty()).then_some(v)
            }
        };
        if let Some(v) = value {
            input.answers.push((f.key.clone(), v));
        }
    }
    Ok(())
}
