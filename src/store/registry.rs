//! Reading and writing the registries: areas, enterprises, zones, staff.

use anyhow::Result;
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension};

use super::rows::{self, Table};
use super::Writer;
use crate::domain::codes::Level;
use crate::domain::registry::{Area, AreaIndex, Enterprise, Staff};
use crate::error::reject;
use crate::msg;

/// What an upsert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Added,
    Updated,
    Unchanged,
}

pub fn area_index(conn: &Connection) -> Result<AreaIndex> {
    let mut idx = AreaIndex::default();
    let mut stmt = conn.prepare("SELECT code, level, name FROM areas")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let level = Level::from_i64(r.get(1)?).unwrap_or(Level::Village);
        idx.areas.insert(r.get(0)?, (level, r.get(2)?));
    }
    Ok(idx)
}

pub fn upsert_area(w: &mut Writer, a: &Area) -> Result<Outcome> {
    let existing: Option<String> =
        w.tx.prepare_cached("SELECT name FROM areas WHERE code = ?1")?
            .query_row([&a.code], |r| r.get(0))
            .optional()?;
    let outcome = match existing {
        None => {
            w.tx.prepare_cached("INSERT INTO areas(code, name, level, parent) VALUES (?1, ?2, ?3, ?4)")?
                .execute(params![a.code, a.name, a.level as i64, a.parent])?;
            Outcome::Added
        }
        Some(name) if name == a.name => return Ok(Outcome::Unchanged),
        Some(_) => {
            w.tx.prepare_cached("UPDATE areas SET name = ?2 WHERE code = ?1")?
                .execute(params![a.code, a.name])?;
            Outcome::Updated
        }
    };
    w.touch("area", &a.code);
    Ok(outcome)
}

pub fn zone_county(conn: &Connection, code: &str) -> Option<String> {
    conn.prepare_cached("SELECT county FROM zones WHERE code = ?1")
        .and_then(|mut s| s.query_row([code.trim().to_uppercase()], |r| r.get(0)).optional())
        .ok()
        .flatten()
}

/// The enterprises table as [`rows`] writes it.
pub const ENTERPRISES: Table = Table {
    name: "enterprises",
    record: "enterprise",
    columns: &["uscc", "name", "county", "village", "industry", "zone", "tags", "contact", "phone"],
    insert: "INSERT INTO enterprises(uscc, name, county, village, industry, zone, tags, contact, phone)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(uscc) DO NOTHING",
    select: "SELECT uscc, name, county, village, industry, zone, tags, contact, phone FROM enterprises WHERE uscc = ?1",
    update: "UPDATE enterprises SET name = ?2, county = ?3, village = ?4, industry = ?5, zone = ?6, tags = ?7,
             contact = ?8, phone = ?9 WHERE uscc = ?1",
};

/// An enterprise's row, in [`ENTERPRISES`]' column order.
pub fn enterprise_values(e: &Enterprise) -> Vec<ValueRef<'_>> {
    fn opt(v: &Option<String>) -> ValueRef<'_> {
        v.as_deref().map_or(ValueRef::Null, ValueRef::from)
    }
    vec![
        ValueRef::from(e.uscc.as_str()),
        ValueRef::from(e.name.as_str()),
        ValueRef::from(e.county.as_str()),
        opt(&e.village),
        ValueRef::from(e.industry.as_str()),
        opt(&e.zone),
        ValueRef::from(e.tags.as_str()),
        ValueRef::from(e.contact.as_str()),
        ValueRef::from(e.phone.as_str()),
    ]
}

pub fn get_enterprise(conn: &Connection, uscc: &str) -> Result<Option<Enterprise>> {
    Ok(conn
        .prepare_cached(ENTERPRISES.select)?
        .query_row([uscc], |r| {
            Ok(Enterprise {
                uscc: r.get(0)?,
                name: r.get(1)?,
                county: r.get(2)?,
                village: r.get(3)?,
                industry: r.get(4)?,
                zone: r.get(5)?,
                tags: r.get(6)?,
                contact: r.get(7)?,
                phone: r.get(8)?,
            })
        })
        .optional()?)
}

/// Add an enterprise or bring the stored one up to `e`.
pub fn upsert_enterprise(w: &mut Writer, e: &Enterprise) -> Result<Outcome> {
    let outcome = rows::upsert(&w.tx, &ENTERPRISES, &enterprise_values(e))?.outcome();
    if outcome != Outcome::Unchanged {
        w.touch(ENTERPRISES.record, &e.uscc);
    }
    Ok(outcome)
}

/// A staff member as people tell them apart: id, name, bureau, division, title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRef {
    pub id: String,
    pub name: String,
    pub org: String,
    pub division: String,
    pub title: String,
}

impl StaffRef {
    /// How a person is referred to when the name alone is not enough: `李明@生态处` (the bureau's
    /// code when no division is recorded).
    pub fn qualified(&self) -> String {
        let q = if self.division.is_empty() { &self.org } else { &self.division };
        format!("{}@{q}", self.name)
    }

    fn line(&self) -> String {
        let title = if self.title.is_empty() { String::new() } else { format!(" {}", self.title) };
        format!("  {}  {}  ({}{title})", super::ids::short(&self.id), self.qualified(), self.org)
    }
}

pub fn staff_named(conn: &Connection, name: &str) -> Result<Vec<StaffRef>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, name, org, division, title FROM staff WHERE name = ?1 ORDER BY org, division, id",
        )?
        .query_map([name], |r| {
            Ok(StaffRef {
                id: r.get(0)?,
                name: r.get(1)?,
                org: r.get(2)?,
                division: r.get(3)?,
                title: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?)
}

/// Several people answer to `raw`: exit 3 with every candidate listed.
fn ambiguous(raw: &str, found: &[StaffRef]) -> anyhow::Error {
    let lines: Vec<String> = found.iter().map(StaffRef::line).collect();
    let distinct_forms = {
        let mut q: Vec<String> = found.iter().map(StaffRef::qualified).collect();
        q.sort();
        q.dedup();
        q.len() == found.len()
    };
    let hint = if distinct_forms {
        msg!("staff-ambiguous-hint", example = found[0].qualified())
    } else {
        msg!("staff-ambiguous-by-id-hint")
    };
    let n = found.len();
    reject(msg!("staff-ambiguous", n = n, name = raw, lines = lines.join("\n"))).hint(hint).into()
}

/// Split `李明@生态处` (also with a full-width ＠) into the name and what tells them apart.
fn split_qualified(raw: &str) -> Option<(&str, &str)> {
    let (name, q) = raw.split_once('@').or_else(|| raw.split_once('＠'))?;
    Some((name.trim(), q.trim()))
}

/// Resolve a staff reference: a name that is unique in the database, a name with the division
/// (`李明@生态处`; the title or the bureau's code also tell people apart), or an id prefix of 4 or
/// more hex digits. Several people answering to it is exit 3 with the candidates listed.
pub fn resolve_staff(conn: &Connection, raw: &str) -> Result<String> {
    resolve_staff_among(conn, raw, None)
}

/// As [`resolve_staff`], but a name shared with people outside `among` (a group's members) is
/// taken as the one person of `among` who has it.
pub fn resolve_staff_among(conn: &Connection, raw: &str, among: Option<&[String]>) -> Result<String> {
    let raw = raw.trim();
    let narrow = |found: Vec<StaffRef>| -> Vec<StaffRef> {
        match among {
            Some(ids) if found.len() > 1 => {
                let inside: Vec<StaffRef> = found.iter().filter(|s| ids.contains(&s.id)).cloned().collect();
                if inside.len() == 1 {
                    inside
                } else {
                    found
                }
            }
            _ => found,
        }
    };
    if let Some((name, q)) = split_qualified(raw) {
        let named = staff_named(conn, name)?;
        if named.is_empty() {
            return Err(reject(msg!("staff-none", name = name)).hint(msg!("staff-none-hint")).into());
        }
        let exact: Vec<StaffRef> =
            named.iter().filter(|s| s.division == q || s.title == q || s.org == q).cloned().collect();
        let found = if exact.is_empty() {
            named.iter().filter(|s| !q.is_empty() && s.division.contains(q)).cloned().collect()
        } else {
            exact
        };
        return match narrow(found).as_slice() {
            [one] => Ok(one.id.clone()),
            [] => {
                let lines: Vec<String> = named.iter().map(StaffRef::line).collect();
                Err(reject(msg!("staff-none-in", name = name, place = q, lines = lines.join("\n")))
                    .hint(msg!("staff-none-in-hint"))
                    .into())
            }
            several => Err(ambiguous(raw, several)),
        };
    }
    match narrow(staff_named(conn, raw)?).as_slice() {
        [one] => return Ok(one.id.clone()),
        [] => {}
        several => return Err(ambiguous(raw, several)),
    }
    if raw.len() >= 4 && raw.bytes().all(|b| b.is_ascii_hexdigit()) {
        return super::ids::resolve(conn, "staff", "staff", raw);
    }
    Err(reject(msg!("staff-none", name = raw)).hint(msg!("staff-none-hint")).into())
}

/// The people who share `s`'s name, bureau and division: the same person, as far as a staff list
/// can tell.
pub fn staff_matching(conn: &Connection, s: &Staff) -> Result<Vec<StaffRef>> {
    Ok(staff_named(conn, &s.name)?
        .into_iter()
        .filter(|r| r.org == s.org && r.division == s.division)
        .collect())
}

/// Add a new person (two people may share a name).
pub fn insert_staff(w: &mut Writer, s: &Staff) -> Result<String> {
    let id = super::ids::new_id();
    w.tx.prepare_cached(
        "INSERT INTO staff(id, name, org, title, division, leader, lg_role, phone) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
    )?
    .execute(params![id, s.name, s.org, s.title, s.division, s.leader, s.lg_role, s.phone])?;
    w.touch("staff", &id);
    Ok(id)
}

/// Write `s` over the person `id`.
pub fn update_staff(w: &mut Writer, id: &str, s: &Staff) -> Result<Outcome> {
    let old: Option<Staff> = w
        .tx
        .prepare_cached("SELECT name, org, title, division, leader, lg_role, phone FROM staff WHERE id = ?1")?
        .query_row([id], |r| {
            Ok(Staff {
                name: r.get(0)?,
                org: r.get(1)?,
                title: r.get(2)?,
                division: r.get(3)?,
                leader: r.get(4)?,
                lg_role: r.get(5)?,
                phone: r.get(6)?,
            })
        })
        .optional()?;
    if old.as_ref() == Some(s) {
        return Ok(Outcome::Unchanged);
    }
    w.tx.prepare_cached(
        "UPDATE staff SET name=?2, org=?3, title=?4, division=?5, leader=?6, lg_role=?7, phone=?8 WHERE id=?1",
    )?
    .execute(params![id, s.name, s.org, s.title, s.division, s.leader, s.lg_role, s.phone])?;
    w.touch("staff", id);
    Ok(Outcome::Updated)
}

/// A staff list row: the person of the same name, bureau and division is updated (re-importing a
/// list changes nothing); anyone else is added. Two such people already recorded cannot be told
/// apart by a list: refused (the import checks this first, per row).
pub fn upsert_staff(w: &mut Writer, s: &Staff) -> Result<(String, Outcome)> {
    match staff_matching(&w.tx, s)?.as_slice() {
        [] => Ok((insert_staff(w, s)?, Outcome::Added)),
        [one] => {
            let id = one.id.clone();
            Ok((id.clone(), update_staff(w, &id, s)?))
        }
        several => Err(ambiguous(&format!("{}@{}", s.name, s.division), several)),
    }
}
