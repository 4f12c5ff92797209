//! Logging a visit: every rule of SPEC §4 checked against the ledger, then one insert.

use anyhow::Result;
use rusqlite::{params, Connection};
use serde_json::{Map, Value};

use super::groups::{self, Target};
use super::{Campaign, Writer};
use crate::domain::{dates, form, reference, visit};
use crate::error::{reject, Rejected};

/// What the user gave, after prompting.
#[derive(Debug, Default, Clone)]
pub struct VisitInput {
    pub group: String,
    pub date: String,
    pub item: Option<String>,
    pub participants: Vec<String>,
    pub method: Option<String>,
    pub discipline_ok: bool,
    pub violations: Vec<String>,
    pub answers: Vec<(String, String)>,
    pub revisit: Option<String>,
    pub notes: String,
    pub county: Option<String>,
}

/// A visit that passed every check, ready to insert.
#[derive(Debug, Clone)]
pub struct NewVisit {
    pub group: String,
    pub date: String,
    pub target: Target,
    pub item: i64,
    pub method: String,
    pub violations: Vec<(String, String)>,
    pub participants: Vec<(String, String)>,
    pub form: Option<(String, i64)>,
    pub answers: Map<String, Value>,
    pub revisit: Option<String>,
    pub notes: String,
    /// Warnings that do not stop the visit (a date outside the trip).
    pub warnings: Vec<String>,
}

pub fn check(conn: &Connection, c: &Campaign, target: Target, i: &VisitInput) -> Result<NewVisit> {
    let g = groups::get(conn, &i.group)?;
    let (date, warnings) = check_date(c, &g, &i.date)?;
    let item = match &i.item {
        Some(raw) => reference::work_item(raw)?.code,
        None => visit::default_item(target.kind),
    };
    let method = match &i.method {
        Some(m) => reference::lookup(&visit::METHODS, m, "method")?.to_string(),
        None => visit::default_method(target.kind).to_string(),
    };
    let violations = visit::discipline(i.discipline_ok, &i.violations)?;
    let participants = check_participants(conn, &g.code, &i.participants)?;
    if target.kind != "reception" {
        let earlier = groups::earlier(conn, target.kind, &target.code)?;
        visit::check_duplicate(&target.describe(), &g.code, &earlier, i.revisit.as_deref())?;
    }
    let mut target = target;
    if target.kind == "reception" {
        if let Some(county) = &i.county {
            target.county = Some(super::targets::county(conn, c, "--county", county)?);
        }
    }
    let (form, answers) = match form::kind_for_target(target.kind) {
        Some(kind) => {
            let (version, def) = super::forms::current(conn, kind)?;
            (Some((kind.to_string(), version)), def.validate(&i.answers)?)
        }
        None if !i.answers.is_empty() => return Err(reject(crate::msg!("visit-reception-no-form")).into()),
        None => (None, Map::new()),
    };
    Ok(NewVisit {
        group: g.code,
        date,
        target,
        item,
        method,
        violations,
        participants,
        form,
        answers,
        revisit: i.revisit.clone().filter(|r| !r.trim().is_empty()),
        notes: i.notes.clone(),
        warnings,
    })
}

/// A visit's date: in the campaign year; outside the group's trip it is a warning, not an error.
/// Returns the date in its one form and the warnings.
pub fn check_date(c: &Campaign, g: &groups::Group, raw: &str) -> Result<(String, Vec<String>)> {
    let date = dates::in_year(raw, c.year, "the visit date")?;
    let mut warnings = Vec::new();
    if date.to_string() < g.date_from || date.to_string() > g.date_to {
        warnings.push(crate::t!(
            "visit-outside-trip",
            date = date,
            group = g.code,
            from = g.date_from,
            to = g.date_to
        ));
    }
    Ok((date.to_string(), warnings))
}

/// A visit's participants, each named by id or name (a name shared with people outside the
/// group is the group's member): members of `group`, at most five. Returns (id, name) each once,
/// in the order given.
pub fn check_participants(conn: &Connection, group: &str, raw: &[String]) -> Result<Vec<(String, String)>> {
    let members: Vec<(String, String)> =
        groups::members(conn, group)?.into_iter().map(|(id, name, _)| (id, name)).collect();
    let mut participants: Vec<(String, String)> = Vec::new();
    let member_ids: Vec<String> = members.iter().map(|(id, _)| id.clone()).collect();
    for p in raw {
        let id = super::registry::resolve_staff_among(conn, p, Some(&member_ids))?;
        if !participants.iter().any(|(x, _)| *x == id) {
            let name =
                members.iter().find(|(m, _)| *m == id).map(|(_, n)| n.clone()).unwrap_or_else(|| p.clone());
            participants.push((id, name));
        }
    }
    let ids: Vec<String> = participants.iter().map(|(id, _)| id.clone()).collect();
    visit::check_participants(group, &members, &ids).map_err(|e| {
        match participants.iter().find(|(id, _)| !members.iter().any(|(m, _)| m == id)) {
            Some((_, name)) => Rejected {
                message: crate::msg!("visit-not-member", name = name, group = group).into(),
                hint: e.hint,
            },
            None => e,
        }
    })?;
    Ok(participants)
}

pub fn insert(w: &mut Writer, v: &NewVisit, who: &str) -> Result<String> {
    let id = super::ids::new_id();
    let now = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string();
    w.tx.prepare_cached(
        "INSERT INTO visits(id, group_code, date, target_kind, target_code, county, item, method, discipline_ok,
                            revisit_reason, notes, form_kind, form_version, answers, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
    )?
    .execute(params![
        id,
        v.group,
        v.date,
        v.target.kind,
        v.target.code,
        v.target.county,
        v.item,
        v.method,
        v.violations.is_empty(),
        v.revisit,
        v.notes,
        v.form.as_ref().map(|f| &f.0),
        v.form.as_ref().map(|f| f.1),
        serde_json::to_string(&v.answers)?,
        who,
        now
    ])?;
    for (staff, _) in &v.participants {
        w.tx.prepare_cached("INSERT INTO visit_participants(visit_id, staff_id) VALUES (?1, ?2)")?
            .execute((&id, staff))?;
    }
    for (code, note) in &v.violations {
        w.tx.prepare_cached("INSERT INTO visit_violations(visit_id, code, note) VALUES (?1, ?2, ?3)")?
            .execute((&id, code, note))?;
    }
    w.touch("visit", &id);
    Ok(id)
}
