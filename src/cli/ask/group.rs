//! What `group create` asks at a terminal for what its flags left out: the code, the leader from
//! the leaders, the members ticked from the staff, the counties from the bureau's, and the trip's
//! dates — each checked by the rule that would refuse the group.

use anyhow::Result;
use rusqlite::Connection;

use super::super::group::CreateArgs;
use super::super::pick::{self, choice, Choice};
use crate::domain::{dates, group};
use crate::store::targets::{self, Among};
use crate::store::Campaign;
use crate::t;

/// Staff as (id, how they read), leaders only when asked.
fn staff(conn: &Connection, leaders: bool) -> Result<Vec<Choice<String>>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, division, title FROM staff WHERE leader = 1 OR ?1 = 0 ORDER BY leader DESC, name, id",
    )?;
    let rows = stmt.query_map([leaders], |r| {
        let (id, name, division, title): (String, String, String, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let mut label = name;
        for extra in [division, title] {
            if !extra.is_empty() {
                label.push(' ');
                label.push_str(&extra);
            }
        }
        Ok(choice(id, label))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn fill(conn: &Connection, c: &Campaign, a: &mut CreateArgs) -> Result<()> {
    if a.code.is_none() {
        let existing: Vec<String> = conn
            .prepare("SELECT code FROM groups")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        a.code = Some(pick::line(&t!("group-ask-code"), None, move |s| {
            let code = group::check_code(s).map_err(|e| e.message.to_string())?;
            if existing.contains(&code) {
                return Err(t!("group-ask-code-taken", code = code));
            }
            Ok(())
        })?);
    }
    let code = a.code.clone().unwrap_or_default().trim().to_uppercase();
    if a.leader.is_none() {
        let leaders = staff(conn, true)?;
        if leaders.is_empty() {
            return Err(crate::error::reject(crate::msg!("group-ask-no-leaders"))
                .hint(crate::msg!("group-ask-no-leaders-hint"))
                .into());
        }
        a.leader = Some(pick::one(&t!("group-ask-leader"), leaders)?);
    }
    if a.member.is_empty() {
        let leader = crate::store::registry::resolve_staff(conn, a.leader.as_deref().unwrap_or_default())?;
        let options: Vec<Choice<String>> =
            staff(conn, false)?.into_iter().filter(|s| s.value != leader).collect();
        let code = code.clone();
        a.member = pick::several(&t!("group-ask-members"), options, move |chosen: &[String]| {
            group::check_size(&code, chosen.len() + 1).map_err(|e| e.message.to_string())
        })?;
    }
    if a.county.is_empty() {
        let options: Vec<Choice<String>> = targets::all(conn, c, Among::Counties)?
            .into_iter()
            .map(|k| choice(k.code.clone(), k.line()))
            .collect();
        a.county = pick::several(&t!("group-ask-counties"), options, |_: &[String]| Ok(()))?;
    }
    let year = c.year;
    if a.from.is_none() {
        a.from = Some(pick::line(&t!("group-ask-from"), None, move |s| {
            dates::in_year(s, year, "the trip start").map(|_| ()).map_err(|e| e.message.to_string())
        })?);
    }
    if a.to.is_none() {
        let from = dates::in_year(a.from.as_deref().unwrap_or_default(), year, "the trip start").ok();
        a.to = Some(pick::line(&t!("group-ask-to"), None, move |s| {
            let to = dates::in_year(s, year, "the trip end").map_err(|e| e.message.to_string())?;
            match from {
                Some(from) => group::check_trip(from, to).map_err(|e| e.message.to_string()),
                None => Ok(()),
            }
        })?);
    }
    Ok(())
}
