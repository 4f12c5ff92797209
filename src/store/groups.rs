//! Groups, their members and counties, planned targets, and what the ledger holds for a target.

use anyhow::Result;
use rusqlite::{Connection, OptionalExtension};

use crate::domain::codes;
use crate::domain::registry;
use crate::domain::visit::Earlier;
use crate::error::reject;
use crate::store::Campaign;

#[derive(Debug, Clone)]
pub struct Group {
    pub code: String,
    pub org: String,
    pub name: String,
    pub date_from: String,
    pub date_to: String,
    pub quota_counties: i64,
    pub quota_villages: i64,
    pub quota_enterprises: i64,
}

pub fn get(conn: &Connection, raw: &str) -> Result<Group> {
    let code = raw.trim().to_uppercase();
    conn.prepare_cached(
        "SELECT code, org, name, date_from, date_to, quota_counties, quota_villages, quota_enterprises FROM groups WHERE code = ?1",
    )?
    .query_row([&code], |r| {
        Ok(Group {
            code: r.get(0)?,
            org: r.get(1)?,
            name: r.get(2)?,
            date_from: r.get(3)?,
            date_to: r.get(4)?,
            quota_counties: r.get(5)?,
            quota_villages: r.get(6)?,
            quota_enterprises: r.get(7)?,
        })
    })
    .optional()?
    .ok_or_else(|| reject(crate::msg!("group-none", group = code)).hint(crate::msg!("group-none-hint")).into())
}

/// Members as (staff id, name, role), the leader first.
pub fn members(conn: &Connection, group: &str) -> Result<Vec<(String, String, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT s.id, s.name, m.role FROM group_members m JOIN staff s ON s.id = m.staff_id
             WHERE m.group_code = ?1 ORDER BY m.role = 'member', s.name, s.id",
        )?
        .query_map([group], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?)
}

pub fn counties(conn: &Connection, group: &str) -> Result<Vec<String>> {
    Ok(conn
        .prepare_cached("SELECT county FROM group_counties WHERE group_code = ?1 ORDER BY county")?
        .query_map([group], |r| r.get(0))?
        .collect::<Result<_, _>>()?)
}

/// Earlier visits to and plans for a target, for the duplicate-visit rule.
pub fn earlier(conn: &Connection, kind: &str, code: &str) -> Result<Vec<Earlier>> {
    let mut out: Vec<Earlier> = conn
        .prepare_cached("SELECT id, group_code, date FROM live_visits WHERE target_kind = ?1 AND target_code = ?2 ORDER BY date, id")?
        .query_map([kind, code], |r| Ok(Earlier::Visit { id: r.get(0)?, group: r.get(1)?, date: r.get(2)? }))?
        .collect::<Result<_, _>>()?;
    let plans: Vec<Earlier> = conn
        .prepare_cached(
            "SELECT group_code FROM plans WHERE target_kind = ?1 AND target_code = ?2 ORDER BY group_code",
        )?
        .query_map([kind, code], |r| Ok(Earlier::Plan { group: r.get(0)? }))?
        .collect::<Result<_, _>>()?;
    out.extend(plans);
    Ok(out)
}

/// A visit target as resolved against the registries.
#[derive(Debug, Clone)]
pub struct Target {
    pub kind: &'static str,
    pub code: String,
    pub county: Option<String>,
    pub name: String,
}

impl Target {
    pub fn describe(&self) -> String {
        let kind = crate::domain::sets::label_of::<crate::domain::sets::TargetKind>(self.kind);
        format!("{kind} {} {}", self.code, self.name)
    }
}

/// Resolve a target the user named, by its code or by its name or a unique part of it (see
/// `store::targets`): it must exist and lie in the bureau's area.
pub fn target(conn: &Connection, c: &Campaign, kind: &'static str, raw: &str) -> Result<Target> {
    let named = match super::targets::Among::of_target(kind) {
        Some(among) => super::targets::code_of(conn, c, among, &format!("--{kind}"), raw)?,
        None => raw.trim().to_string(),
    };
    let raw = named.as_str();
    let found = match kind {
        "village" => {
            let idx = crate::store::registry::area_index(conn)?;
            let code = registry::village(&idx, &c.org, raw)?;
            let name = idx.name(&code).to_string();
            Target { kind, county: Some(code[..6].to_string()), code, name }
        }
        "bureau" => {
            let idx = crate::store::registry::area_index(conn)?;
            let code = registry::county(&idx, &c.org, raw)?;
            let name = format!("{}环保局", idx.name(&code));
            Target { kind, county: Some(code.clone()), code, name }
        }
        "enterprise" => {
            let code = codes::parse_uscc(raw)?;
            let (name, county): (String, String) = conn
                .prepare_cached("SELECT name, county FROM enterprises WHERE uscc = ?1")?
                .query_row([&code], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .ok_or_else(|| {
                    reject(crate::msg!("enterprise-none", uscc = code.as_str()))
                        .hint(crate::msg!("enterprise-none-hint"))
                })?;
            Target { kind, code, county: Some(county), name }
        }
        "zone" => {
            let code = raw.to_uppercase();
            let (name, county): (String, String) = conn
                .prepare_cached("SELECT name, county FROM zones WHERE code = ?1")?
                .query_row([&code], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
                .ok_or_else(|| {
                    reject(crate::msg!("zone-unknown", zone = raw)).hint(crate::msg!("zone-unknown-hint"))
                })?;
            Target { kind, code, county: Some(county), name }
        }
        _ => {
            if raw.is_empty() {
                return Err(reject(crate::msg!("group-reception-needs-place")).into());
            }
            Target { kind: "reception", code: raw.to_string(), county: None, name: String::new() }
        }
    };
    Ok(found)
}

/// One row of progress per group: code, name, from, to, leader, people, visits, counties, county
/// quota, villages, village quota, enterprises, enterprise quota, planned targets. `?1`: count only
/// visits dated on or before it (NULL: all).
pub const PROGRESS_SQL: &str = "
    SELECT g.code, g.name, g.date_from, g.date_to,
           (SELECT s.name FROM group_members m JOIN staff s ON s.id = m.staff_id WHERE m.group_code = g.code AND m.role = 'leader'),
           (SELECT count(*) FROM group_members m WHERE m.group_code = g.code),
           (SELECT count(*) FROM live_visits v WHERE v.group_code = g.code AND (?1 IS NULL OR v.date <= ?1)),
           (SELECT count(DISTINCT v.county) FROM live_visits v WHERE v.group_code = g.code AND (?1 IS NULL OR v.date <= ?1)), g.quota_counties,
           (SELECT count(DISTINCT v.target_code) FROM live_visits v WHERE v.group_code = g.code AND (?1 IS NULL OR v.date <= ?1) AND v.target_kind = 'village'), g.quota_villages,
           (SELECT count(DISTINCT v.target_code) FROM live_visits v WHERE v.group_code = g.code AND (?1 IS NULL OR v.date <= ?1) AND v.target_kind = 'enterprise'), g.quota_enterprises,
           (SELECT count(*) FROM plans p WHERE p.group_code = g.code)
    FROM groups g ORDER BY g.code";
