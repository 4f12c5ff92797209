//! The problem ledger: adding findings and moving them through their lifecycle, each change kept
//! in finding_events.

use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};

use super::Writer;
use crate::domain::finding;
use crate::error::reject;

#[derive(Debug, Clone)]
pub struct NewFinding {
    pub visit_id: String,
    pub category: String,
    pub description: String,
    pub severity: String,
    pub route: String,
    pub division: String,
    pub refer_to: String,
    pub due: Option<String>,
    pub on_site: bool,
    pub date: String,
    pub note: String,
}

#[derive(Debug, Clone)]
pub struct Current {
    pub id: String,
    pub route: String,
    pub status: String,
    pub last_date: String,
}

pub fn current(conn: &Connection, id: &str) -> Result<Current> {
    Ok(conn.query_row(
        "SELECT f.id, f.route, f.status, (SELECT max(date) FROM finding_events e WHERE e.finding_id = f.id)
         FROM findings f WHERE f.id = ?1",
        [id],
        |r| Ok(Current { id: r.get(0)?, route: r.get(1)?, status: r.get(2)?, last_date: r.get(3)? }),
    )?)
}

/// One line of a finding's history.
struct Event<'a> {
    finding: &'a str,
    date: &'a str,
    from: Option<&'a str>,
    to: &'a str,
    satisfaction: Option<&'a str>,
    note: &'a str,
    who: &'a str,
}

fn event(w: &mut Writer, e: Event) -> Result<()> {
    let Event { finding, date, from, to, satisfaction, note, who } = e;
    let now = chrono::Local::now().format("%Y-%m-%dT%H:%M:%S%:z").to_string();
    w.tx.prepare_cached(
        "INSERT INTO finding_events(id, finding_id, seq, date, from_status, to_status, satisfaction, note, who, recorded_at)
         VALUES (?1, ?2, (SELECT coalesce(max(seq), 0) + 1 FROM finding_events WHERE finding_id = ?2),
                 ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![super::ids::new_id(), finding, date, from, to, satisfaction, note, who, now])?;
    Ok(())
}

pub fn add(w: &mut Writer, f: &NewFinding, who: &str) -> Result<String> {
    let id = super::ids::new_id();
    let status = finding::initial(&f.route, f.on_site);
    w.tx.prepare_cached(
        "INSERT INTO findings(id, visit_id, category, description, severity, route, division, refer_to, due, on_site, status, created_on)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![
        id,
        f.visit_id,
        f.category,
        f.description,
        f.severity,
        f.route,
        f.division,
        f.refer_to,
        f.due,
        f.on_site,
        status,
        f.date
    ])?;
    event(
        w,
        Event { finding: &id, date: &f.date, from: None, to: status, satisfaction: None, note: &f.note, who },
    )?;
    w.touch("finding", &id);
    Ok(id)
}

/// Check a change's date: in the campaign year and not before the finding's last change.
fn check_date(c: &Current, date: &str) -> Result<()> {
    if date < c.last_date.as_str() {
        return Err(reject(format!(
            "the change is dated {date}, before the finding's last change ({}); history runs forward",
            c.last_date
        ))
        .into());
    }
    Ok(())
}

pub fn update(w: &mut Writer, id: &str, to: &str, date: &str, note: &str, who: &str) -> Result<()> {
    let c = current(&w.tx, id)?;
    let short = super::ids::short(id);
    finding::check_update(short, &c.route, &c.status, to)?;
    check_date(&c, date)?;
    w.tx.execute("UPDATE findings SET status = ?2 WHERE id = ?1", (id, to))?;
    event(w, Event { finding: id, date, from: Some(&c.status), to, satisfaction: None, note, who })?;
    w.touch("finding", id);
    Ok(())
}

pub fn follow_up(
    w: &mut Writer,
    id: &str,
    satisfaction: &str,
    date: &str,
    note: &str,
    who: &str,
) -> Result<&'static str> {
    let c = current(&w.tx, id)?;
    let to = finding::follow_up(super::ids::short(id), &c.route, &c.status, satisfaction)?;
    check_date(&c, date)?;
    if to == "closed" {
        let org = w.campaign.org.clone();
        super::attachments::check_close(&w.tx, &org, id)?;
    }
    w.tx.execute("UPDATE findings SET status = ?2 WHERE id = ?1", (id, to))?;
    event(
        w,
        Event { finding: id, date, from: Some(&c.status), to, satisfaction: Some(satisfaction), note, who },
    )?;
    w.touch("finding", id);
    Ok(to)
}

/// The visit a finding is added to: (date, item, target kind).
pub fn visit_facts(conn: &Connection, visit: &str) -> Result<Option<(String, i64, String)>> {
    Ok(conn
        .query_row("SELECT date, item, target_kind FROM visits WHERE id = ?1", [visit], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?)
}
