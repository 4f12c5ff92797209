//! What `finding add` asks at a terminal for what its flags left out: the visit (typing part of
//! its target's name or its date narrows the list), the category and route from their labels, whom
//! a referred finding goes to, the description and — for a hazard — the deadline, each checked by
//! the rule that would refuse it.

use anyhow::Result;
use rusqlite::Connection;

use super::super::finding::AddArgs;
use super::super::pick::{self, choice, Choice};
use crate::domain::fields;
use crate::domain::sets::{Category, Closed, Route, TargetKind};
use crate::error::reject;
use crate::store::{findings, ids, Campaign};
use crate::{msg, t};

/// A closed set as a pick-list of its labels.
fn labels<T: Closed + Clone>() -> Vec<Choice<T>> {
    T::known().iter().map(|v| choice(v.clone(), v.label(crate::i18n::lang()))).collect()
}

/// The live visits, the latest first.
fn visits(conn: &Connection) -> Result<Vec<Choice<String>>> {
    let mut stmt = conn.prepare(
        "SELECT v.id, v.date, v.group_code, v.target_kind, v.target_code,
                coalesce(a.name, e.name, z.name, '')
         FROM live_visits v
         LEFT JOIN areas a ON v.target_kind IN ('village', 'bureau') AND a.code = v.target_code
         LEFT JOIN enterprises e ON v.target_kind = 'enterprise' AND e.uscc = v.target_code
         LEFT JOIN zones z ON v.target_kind = 'zone' AND z.code = v.target_code
         ORDER BY v.date DESC, v.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let (id, date, group, kind, code, name): (String, String, String, String, String, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?);
        let kind = crate::domain::sets::label_of::<TargetKind>(&kind);
        Ok(choice(id.clone(), format!("{date} · {kind} {name} {code} · {group} · {}", ids::short(&id))))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn fill(conn: &Connection, c: &Campaign, a: &mut AddArgs) -> Result<()> {
    if a.visit.is_none() {
        let options = visits(conn)?;
        if options.is_empty() {
            return Err(reject(msg!("finding-ask-no-visits"))
                .hint(msg!("finding-ask-no-visits-hint"))
                .into());
        }
        a.visit = Some(pick::one(&t!("finding-ask-visit"), options)?);
    }
    let visit = ids::resolve(conn, "visits", "visit", a.visit.as_deref().unwrap_or_default())?;
    let Some((visit_date, item, target_kind)) = findings::visit_facts(conn, &visit)? else {
        return Ok(());
    };
    if a.category.is_none() && target_kind != "reception" {
        a.category = Some(pick::one(&t!("finding-ask-category"), labels::<Category>())?);
    }
    if a.route.is_none() {
        a.route = Some(pick::one(&t!("finding-ask-route"), labels::<Route>())?);
    }
    if a.route == Some(Route::Other) && a.refer_to.as_deref().is_none_or(|r| r.trim().is_empty()) {
        a.refer_to = Some(pick::needed(&t!("finding-ask-refer-to"), &t!("finding-ask-refer-to"))?);
    }
    if a.desc.is_none() {
        a.desc = Some(pick::line(&t!("finding-ask-desc"), None, |s| {
            fields::check_description(s).map_err(|e| e.message.to_string())
        })?);
    }
    // A hazard (work item 5) needs its deadline; the others default to 30 days.
    if a.due.is_none() && item == 5 && !a.on_site {
        let date = a.date.clone().unwrap_or(visit_date);
        let year = c.year;
        a.due = Some(pick::line(&t!("finding-ask-due"), None, move |s| {
            fields::check_due(s, &date, year).map(|_| ()).map_err(|e| e.message.to_string())
        })?);
    }
    Ok(())
}
