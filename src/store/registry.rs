//! Reading and writing the registries: areas, enterprises, zones, staff.

use anyhow::Result;
use rusqlite::{params, Connection, OptionalExtension};

use super::Writer;
use crate::domain::codes::Level;
use crate::domain::registry::{Area, AreaIndex, Enterprise, Staff};
use crate::error::reject;

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

pub fn get_enterprise(conn: &Connection, uscc: &str) -> Result<Option<Enterprise>> {
    Ok(conn
        .prepare_cached(
            "SELECT uscc, name, county, village, industry, zone, tags, contact, phone FROM enterprises WHERE uscc = ?1",
        )?
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

pub fn upsert_enterprise(w: &mut Writer, e: &Enterprise) -> Result<Outcome> {
    // Insert first: in a bulk import nearly every row is new, and this spares each a look-up.
    let added =
        w.tx.prepare_cached(
            "INSERT INTO enterprises(uscc, name, county, village, industry, zone, tags, contact, phone)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9) ON CONFLICT(uscc) DO NOTHING",
        )?
        .execute(params![
            e.uscc, e.name, e.county, e.village, e.industry, e.zone, e.tags, e.contact, e.phone
        ])?;
    let outcome = if added == 1 {
        Outcome::Added
    } else {
        match get_enterprise(&w.tx, &e.uscc)? {
            Some(old) if &old == e => return Ok(Outcome::Unchanged),
            _ => {
                w.tx.prepare_cached(
                    "UPDATE enterprises SET name=?2, county=?3, village=?4, industry=?5, zone=?6, tags=?7, contact=?8, phone=?9 WHERE uscc=?1",
                )?
                .execute(params![e.uscc, e.name, e.county, e.village, e.industry, e.zone, e.tags, e.contact, e.phone])?;
                Outcome::Updated
            }
        }
    };
    w.touch("enterprise", &e.uscc);
    Ok(outcome)
}

/// Staff are matched by name within their bureau: re-importing a staff list changes nothing.
pub fn upsert_staff(w: &mut Writer, s: &Staff) -> Result<(String, Outcome)> {
    let existing: Option<(String, String, String, bool, Option<String>, String)> =
        w.tx.prepare_cached(
            "SELECT id, title, division, leader, lg_role, phone FROM staff WHERE name = ?1 AND org = ?2",
        )?
        .query_row([&s.name, &s.org], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
        })
        .optional()?;
    let (id, outcome) = match existing {
        Some((id, title, division, leader, lg_role, phone))
            if title == s.title
                && division == s.division
                && leader == s.leader
                && lg_role == s.lg_role
                && phone == s.phone =>
        {
            return Ok((id, Outcome::Unchanged))
        }
        Some((id, ..)) => {
            w.tx.prepare_cached(
                "UPDATE staff SET title=?2, division=?3, leader=?4, lg_role=?5, phone=?6 WHERE id=?1",
            )?
            .execute(params![id, s.title, s.division, s.leader, s.lg_role, s.phone])?;
            (id, Outcome::Updated)
        }
        None => {
            let id = super::ids::new_id();
            w.tx.prepare_cached(
                "INSERT INTO staff(id, name, org, title, division, leader, lg_role, phone) VALUES (?1,?2,?3,?4,?5,?6,?7,?8)",
            )?
            .execute(params![id, s.name, s.org, s.title, s.division, s.leader, s.lg_role, s.phone])?;
            (id, Outcome::Added)
        }
    };
    w.touch("staff", &id);
    Ok((id, outcome))
}

/// Resolve a staff reference: an id prefix, or a name that is unique in the database.
pub fn resolve_staff(conn: &Connection, raw: &str) -> Result<String> {
    let raw = raw.trim();
    let by_name: Vec<String> = conn
        .prepare_cached("SELECT id FROM staff WHERE name = ?1 ORDER BY id")?
        .query_map([raw], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    match by_name.len() {
        1 => return Ok(by_name[0].clone()),
        0 => {}
        n => {
            let ids: Vec<&str> = by_name.iter().map(|i| super::ids::short(i)).collect();
            return Err(reject(format!("{n} staff are called {raw} ({})", ids.join(", ")))
                .hint("refer to them by id; `zoufang staff list` shows the ids")
                .into());
        }
    }
    if raw.len() >= 4 && raw.bytes().all(|b| b.is_ascii_hexdigit()) {
        return super::ids::resolve(conn, "staff", "staff", raw);
    }
    Err(reject(format!("no staff member called '{raw}'"))
        .hint("add them with `zoufang staff add` or check `zoufang staff list`")
        .into())
}
