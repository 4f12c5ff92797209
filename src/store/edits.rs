//! Corrections of what was recorded (`visit edit`, `finding edit`): each field given is checked
//! by the rule of the command that first wrote it, and what changed is kept with who, when and
//! why in `corrections`. A plan is made first (read only), then applied inside the write — made
//! again there, since another clerk may have written meanwhile.

use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::{Map, Value};

use super::{corrections, findings, forms, groups, ids, visits, Campaign, Writer};
use crate::domain::correction::{self, Changes};
use crate::domain::sets::{Category, TargetKind};
use crate::domain::visit::{self, Earlier};
use crate::domain::{fields, text};
use crate::error::reject;
use crate::msg;

/// What `visit edit` was given: `None` (or nothing) leaves a field as it is.
#[derive(Debug, Default, Clone)]
pub struct VisitEdit {
    pub date: Option<String>,
    pub participants: Option<Vec<String>>,
    /// All five prohibitions observed, or the violations (`CODE[:note]`).
    pub discipline: Option<(bool, Vec<String>)>,
    pub answers: Vec<(String, String)>,
    pub notes: Option<String>,
    /// A revisit reason; empty takes it away.
    pub revisit: Option<String>,
}

impl VisitEdit {
    pub fn is_empty(&self) -> bool {
        self.date.is_none()
            && self.participants.is_none()
            && self.discipline.is_none()
            && self.answers.is_empty()
            && self.notes.is_none()
            && self.revisit.is_none()
    }
}

/// A visit as recorded, in the fields an edit may change.
struct Visit {
    id: String,
    group: String,
    date: String,
    kind: String,
    code: String,
    discipline_ok: bool,
    revisit: Option<String>,
    notes: String,
    form: Option<(String, i64)>,
    answers: Map<String, Value>,
    participants: Vec<(String, String)>,
    violations: Vec<(String, String)>,
}

fn visit_of(conn: &Connection, id: &str) -> Result<Visit> {
    let mut v = conn.query_row(
        "SELECT group_code, date, target_kind, target_code, discipline_ok, revisit_reason, notes, form_kind,
                form_version, answers FROM visits WHERE id = ?1",
        [id],
        |r| {
            let kind: Option<String> = r.get(7)?;
            let version: Option<i64> = r.get(8)?;
            let answers: String = r.get(9)?;
            Ok(Visit {
                id: id.to_string(),
                group: r.get(0)?,
                date: r.get(1)?,
                kind: r.get(2)?,
                code: r.get(3)?,
                discipline_ok: r.get(4)?,
                revisit: r.get(5)?,
                notes: r.get(6)?,
                form: kind.zip(version),
                // Answers that are not an object (only a hand edit makes them) are corrected whole.
                answers: serde_json::from_str(&answers).unwrap_or_default(),
                participants: Vec::new(),
                violations: Vec::new(),
            })
        },
    )?;
    v.participants = conn
        .prepare_cached(
            "SELECT s.id, s.name FROM visit_participants p JOIN staff s ON s.id = p.staff_id
             WHERE p.visit_id = ?1 ORDER BY s.name, s.id",
        )?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    v.violations = conn
        .prepare_cached("SELECT code, note FROM visit_violations WHERE visit_id = ?1 ORDER BY code")?
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(v)
}

/// The discipline record as a correction keeps it: the violations (`code` or `code:note`);
/// none is all five observed.
fn discipline_value(violations: &[(String, String)]) -> Value {
    let mut v: Vec<String> =
        violations.iter().map(|(c, n)| if n.is_empty() { c.clone() } else { format!("{c}:{n}") }).collect();
    v.sort();
    Value::from(v)
}

fn names(people: &[(String, String)]) -> Value {
    let mut v: Vec<&str> = people.iter().map(|(_, n)| n.as_str()).collect();
    v.sort();
    Value::from(v)
}

/// A visit's edit, checked: what changes, and the warnings to show (a date outside the trip).
pub struct VisitPlan {
    pub changes: Changes,
    pub warnings: Vec<String>,
    date: String,
    revisit: Option<String>,
    notes: String,
    answers: Map<String, Value>,
    violations: Vec<(String, String)>,
    participants: Vec<(String, String)>,
    old: Visit,
}

pub fn plan_visit(conn: &Connection, c: &Campaign, id: &str, e: &VisitEdit) -> Result<VisitPlan> {
    corrections::refuse_voided(conn, id)?;
    let old = visit_of(conn, id)?;
    let mut changes = Changes::default();
    let mut warnings = Vec::new();

    let mut date = old.date.clone();
    if let Some(raw) = &e.date {
        let g = groups::get(conn, &old.group)?;
        let (d, w) = visits::check_date(c, &g, raw)?;
        if d != old.date {
            date = d;
            warnings = w;
            check_findings_after(conn, id, &date)?;
        }
    }
    changes.note("date", old.date.as_str(), date.as_str());

    let revisit = match &e.revisit {
        Some(r) => Some(text::text("the revisit reason", r)?).filter(|r| !r.is_empty()),
        None => old.revisit.clone(),
    };
    changes.note("revisit_reason", old.revisit.clone(), revisit.clone());
    if date != old.date || revisit != old.revisit {
        check_order(conn, &old, &date, revisit.as_deref())?;
    }

    let participants = match &e.participants {
        Some(raw) => visits::check_participants(conn, &old.group, raw)?,
        None => old.participants.clone(),
    };
    let ids_of = |p: &[(String, String)]| {
        let mut v: Vec<String> = p.iter().map(|(id, _)| id.clone()).collect();
        v.sort();
        v
    };
    if ids_of(&participants) != ids_of(&old.participants) {
        changes.note("participants", names(&old.participants), names(&participants));
    }

    let violations = match &e.discipline {
        Some((ok, raw)) => visit::discipline(*ok, raw)?,
        None => old.violations.clone(),
    };
    // A record at odds with itself (marked observed with violations, or neither: a merge can
    // leave one) reads as none, so that giving it again repairs it.
    let recorded = if old.discipline_ok == old.violations.is_empty() {
        discipline_value(&old.violations)
    } else {
        Value::Null
    };
    changes.note("discipline", recorded, discipline_value(&violations));

    let answers = if e.answers.is_empty() {
        old.answers.clone()
    } else {
        let Some((kind, version)) = &old.form else {
            return Err(reject(msg!("visit-reception-no-form")).into());
        };
        forms::version(conn, kind, *version)?.amend(&old.answers, &e.answers)?
    };
    let mut keys: Vec<&String> = old.answers.keys().chain(answers.keys()).collect();
    keys.sort();
    keys.dedup();
    for k in keys {
        let get = |m: &Map<String, Value>| m.get(k).cloned().unwrap_or(Value::Null);
        changes.note(&format!("answers.{k}"), get(&old.answers), get(&answers));
    }

    let notes = match &e.notes {
        Some(raw) => text::text("the notes", raw)?,
        None => old.notes.clone(),
    };
    changes.note("notes", old.notes.as_str(), notes.as_str());

    Ok(VisitPlan { changes, warnings, date, revisit, notes, answers, violations, participants, old })
}

/// A visit's findings are found on or after its date: a date moved past one is refused.
fn check_findings_after(conn: &Connection, visit: &str, date: &str) -> Result<()> {
    let first: Option<(String, String)> = conn
        .prepare_cached(
            "SELECT id, created_on FROM findings WHERE visit_id = ?1 AND created_on < ?2 ORDER BY created_on, id LIMIT 1",
        )?
        .query_row([visit, date], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    if let Some((finding, on)) = first {
        fields::check_found_after_visit(&on, date).map_err(|e| {
            e.hint(msg!("visit-edit-finding-before-hint", finding = ids::short(&finding), on = on.as_str()))
        })?;
    }
    Ok(())
}

/// The duplicate-visit rule (重复走访) as `check` reads it: of the visits to one target, each
/// after the first, in (date, id) order, has its revisit reason. A date moved, or a reason taken
/// away, must leave no visit without one that did not lack it before.
fn check_order(conn: &Connection, v: &Visit, date: &str, revisit: Option<&str>) -> Result<()> {
    if v.kind == "reception" {
        return Ok(());
    }
    let others: Vec<(String, String, String, bool)> = conn
        .prepare_cached(
            "SELECT id, group_code, date, revisit_reason IS NOT NULL FROM live_visits
             WHERE target_kind = ?1 AND target_code = ?2 AND id <> ?3 ORDER BY date, id",
        )?
        .query_map([&v.kind, &v.code, &v.id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<Result<_, _>>()?;
    let target = format!("{} {}", crate::domain::sets::label_of::<TargetKind>(&v.kind), v.code);
    let before = |o_date: &str, o_id: &str, d: &str| (o_date, o_id) < (d, v.id.as_str());
    let earlier: Vec<Earlier> = others
        .iter()
        .filter(|o| before(&o.2, &o.0, date))
        .map(|o| Earlier::Visit { id: o.0.clone(), group: o.1.clone(), date: o.2.clone() })
        .collect();
    visit::check_duplicate(&target, &v.group, &earlier, revisit)?;
    for o in others.iter().filter(|o| !o.3) {
        if before(&o.2, &o.0, &v.date) && !before(&o.2, &o.0, date) {
            return Err(reject(msg!(
                "visit-edit-makes-duplicate",
                id = ids::short(&v.id),
                date = date,
                other = ids::short(&o.0),
                other_date = o.2.as_str(),
                target = target.as_str()
            ))
            .hint(msg!("visit-edit-makes-duplicate-hint", other = ids::short(&o.0)))
            .into());
        }
    }
    Ok(())
}

/// Write a visit's edit (nothing when it changes nothing); returns its changes.
pub fn edit_visit(w: &mut Writer, id: &str, e: &VisitEdit, reason: &str, who: &str) -> Result<VisitPlan> {
    let p = plan_visit(&w.tx, w.campaign, id, e)?;
    if p.changes.is_empty() {
        return Ok(p);
    }
    w.tx.prepare_cached(
        "UPDATE visits SET date = ?2, revisit_reason = ?3, notes = ?4, answers = ?5, discipline_ok = ?6 WHERE id = ?1",
    )?
    .execute(params![
        id,
        p.date,
        p.revisit,
        p.notes,
        serde_json::to_string(&p.answers)?,
        p.violations.is_empty()
    ])?;
    for (staff, _) in p.old.participants.iter().filter(|(s, _)| !p.participants.iter().any(|(n, _)| n == s)) {
        w.tx.prepare_cached("DELETE FROM visit_participants WHERE visit_id = ?1 AND staff_id = ?2")?
            .execute((id, staff))?;
    }
    for (staff, _) in p.participants.iter().filter(|(s, _)| !p.old.participants.iter().any(|(o, _)| o == s)) {
        w.tx.prepare_cached("INSERT INTO visit_participants(visit_id, staff_id) VALUES (?1, ?2)")?
            .execute((id, staff))?;
    }
    for (code, _) in p.old.violations.iter().filter(|(c, _)| !p.violations.iter().any(|(n, _)| n == c)) {
        w.tx.prepare_cached("DELETE FROM visit_violations WHERE visit_id = ?1 AND code = ?2")?
            .execute((id, code))?;
    }
    for (code, note) in &p.violations {
        if !p.old.violations.iter().any(|(c, n)| c == code && n == note) {
            w.tx.prepare_cached(
                "INSERT INTO visit_violations(visit_id, code, note) VALUES (?1, ?2, ?3)
                 ON CONFLICT(visit_id, code) DO UPDATE SET note = excluded.note",
            )?
            .execute((id, code, note))?;
        }
    }
    corrections::record(w, "visits", id, &p.changes, reason, who)?;
    w.touch("visit", id);
    Ok(p)
}

/// What `finding edit` was given: `None` leaves a field as it is.
#[derive(Debug, Default, Clone)]
pub struct FindingEdit {
    pub description: Option<String>,
    pub category: Option<Category>,
    /// A deadline, or `none` (无) to take it away.
    pub due: Option<String>,
    pub division: Option<String>,
    /// Another visit (its full id): the finding was logged at the wrong one.
    pub visit: Option<String>,
}

impl FindingEdit {
    pub fn is_empty(&self) -> bool {
        self.description.is_none()
            && self.category.is_none()
            && self.due.is_none()
            && self.division.is_none()
            && self.visit.is_none()
    }
}

/// A finding's edit, checked: what changes.
pub struct FindingPlan {
    pub changes: Changes,
    description: String,
    category: String,
    due: Option<String>,
    division: String,
    visit: String,
}

pub fn plan_finding(conn: &Connection, c: &Campaign, id: &str, e: &FindingEdit) -> Result<FindingPlan> {
    type Row = (String, String, String, Option<String>, String, bool, String);
    let (visit, category, description, due, division, on_site, created_on): Row = conn.query_row(
        "SELECT visit_id, category, description, due, division, on_site, created_on FROM findings WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?)),
    )?;
    corrections::refuse_voided(conn, &visit)?;
    let mut changes = Changes::default();

    let new_description = match &e.description {
        Some(raw) => {
            fields::check_description(raw)?;
            text::text("the description", raw)?
        }
        None => description.clone(),
    };
    changes.note("description", description.as_str(), new_description.as_str());

    let new_category = e.category.as_ref().map(|c| c.code().to_string()).unwrap_or_else(|| category.clone());
    changes.note("category", category.as_str(), new_category.as_str());

    let new_visit = e.visit.clone().unwrap_or_else(|| visit.clone());
    let Some((visit_date, item, _)) = findings::visit_facts(conn, &new_visit)? else {
        return Err(reject(msg!("finding-no-visit", visit = ids::short(&new_visit))).into());
    };
    if new_visit != visit {
        corrections::refuse_voided(conn, &new_visit)?;
        fields::check_found_after_visit(&created_on, &visit_date)?;
    }
    changes.note("visit", visit.as_str(), new_visit.as_str());

    let new_due = match &e.due {
        Some(raw) if correction::clears(raw) => None,
        Some(raw) => Some(fields::check_due(raw, &created_on, c.year)?),
        None => due.clone(),
    };
    changes.note("due", due.clone(), new_due.clone());
    if new_due != due || new_visit != visit {
        fields::check_hazard_due(item, on_site, new_due.as_deref())?;
    }

    let new_division = match &e.division {
        Some(raw) => fields::check_division(raw)?,
        None => division.clone(),
    };
    changes.note("division", division.as_str(), new_division.as_str());

    Ok(FindingPlan {
        changes,
        description: new_description,
        category: new_category,
        due: new_due,
        division: new_division,
        visit: new_visit,
    })
}

/// Write a finding's edit (nothing when it changes nothing); returns its changes. The reports'
/// copy of its history follows through the spans triggers (category, division, due, visit).
pub fn edit_finding(w: &mut Writer, id: &str, e: &FindingEdit, reason: &str, who: &str) -> Result<Changes> {
    let p = plan_finding(&w.tx, w.campaign, id, e)?;
    if p.changes.is_empty() {
        return Ok(p.changes);
    }
    w.tx.prepare_cached(
        "UPDATE findings SET description = ?2, category = ?3, due = ?4, division = ?5, visit_id = ?6 WHERE id = ?1",
    )?
    .execute(params![id, p.description, p.category, p.due, p.division, p.visit])?;
    corrections::record(w, "findings", id, &p.changes, reason, who)?;
    w.touch("finding", id);
    Ok(p.changes)
}
