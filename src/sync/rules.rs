//! Rules that span records, checked again after a merge: two databases may each have accepted a
//! record that is fine alone and breaks a rule together (SPEC §4). Breaches are listed by
//! `conflict list`, never accepted silently.

use anyhow::Result;
use rusqlite::Connection;

use crate::domain::group::MAX_PEOPLE;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breach {
    /// duplicate-visit, group-size, visit-size or finding-history
    pub kind: &'static str,
    pub table: &'static str,
    pub record: String,
    /// The records involved, or the size found.
    pub items: Vec<String>,
    pub detail: String,
}

pub fn breaches(conn: &Connection) -> Result<Vec<Breach>> {
    let mut out = Vec::new();
    // Duplicate visits (重复走访): one target, two visits, neither giving a reason to revisit.
    let mut st = conn.prepare_cached(
        "SELECT target_kind, target_code, id, group_code, date FROM visits
         WHERE target_kind <> 'reception' AND (revisit_reason IS NULL OR trim(revisit_reason) = '')
           AND (target_kind, target_code) IN (
               SELECT target_kind, target_code FROM visits
               WHERE target_kind <> 'reception' AND (revisit_reason IS NULL OR trim(revisit_reason) = '')
               GROUP BY target_kind, target_code HAVING count(*) > 1)
         ORDER BY target_kind, target_code, date, id",
    )?;
    let rows: Vec<(String, String, String, String, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<Result<_, _>>()?;
    for (kind, code, id, group, date) in rows {
        let item = format!("visit {} ({group}, {date})", super::short(&id));
        match out.last_mut() {
            Some(Breach { kind: "duplicate-visit", record, items, .. })
                if *record == format!("{kind} {code}") =>
            {
                items.push(item)
            }
            _ => out.push(Breach {
                kind: "duplicate-visit",
                table: "visits",
                record: format!("{kind} {code}"),
                items: vec![item],
                detail: "visited more than once without a revisit reason (重复走访)".into(),
            }),
        }
    }
    // Groups of more than five people, the leader included.
    let mut st = conn.prepare_cached(
        "SELECT group_code, count(*) FROM group_members GROUP BY group_code HAVING count(*) > ?1 ORDER BY group_code",
    )?;
    let rows: Vec<(String, i64)> =
        st.query_map([MAX_PEOPLE as i64], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    for (g, n) in rows {
        out.push(Breach {
            kind: "group-size",
            table: "group_members",
            record: g,
            items: vec![format!("{n} people")],
            detail: format!("a group has at most {MAX_PEOPLE} people including its leader"),
        });
    }
    // Visits with more than five participants.
    let mut st = conn.prepare_cached(
        "SELECT visit_id, count(*) FROM visit_participants GROUP BY visit_id HAVING count(*) > ?1 ORDER BY visit_id",
    )?;
    let rows: Vec<(String, i64)> =
        st.query_map([MAX_PEOPLE as i64], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<_, _>>()?;
    for (v, n) in rows {
        out.push(Breach {
            kind: "visit-size",
            table: "visit_participants",
            record: super::short(&v).to_string(),
            items: vec![format!("{n} participants")],
            detail: format!("a visit has at most {MAX_PEOPLE} participants"),
        });
    }
    // Findings whose status is not where their history ends: two sides moved one finding on and
    // the merge kept one status while the other side's step was recorded later.
    let mut st = conn.prepare_cached(
        "SELECT id, status, last FROM (
             SELECT f.id, f.status, (SELECT e.to_status FROM finding_events e WHERE e.finding_id = f.id
                                     ORDER BY e.seq DESC, e.date DESC, e.recorded_at DESC, e.id DESC LIMIT 1) AS last
             FROM findings f)
         WHERE last IS NOT NULL AND last <> status ORDER BY id",
    )?;
    let rows: Vec<(String, String, String)> =
        st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?.collect::<Result<_, _>>()?;
    for (f, status, last) in rows {
        out.push(Breach {
            kind: "finding-history",
            table: "findings",
            record: super::short(&f).to_string(),
            items: vec![format!("status {status}"), format!("history ends at {last}")],
            detail: "settle it with `zoufang finding update` or `conflict resolve`".into(),
        });
    }
    Ok(out)
}
