//! The reference data every new database starts with (SPEC §1), and the campaign province's
//! cities and counties from the compiled division table.

use anyhow::Result;
use rusqlite::params;

use super::Writer;
use crate::domain::codes::parent_code;
use crate::domain::{dates, divisions, form, reference};

pub fn seed(w: &mut Writer, year: i32, province: &str) -> Result<()> {
    let tx = &w.tx;
    for wi in &reference::WORK_ITEMS {
        tx.execute(
            "INSERT INTO work_items(code, key, name_zh, lead_division) VALUES (?1, ?2, ?3, ?4)",
            params![wi.code, wi.key, wi.name_zh, wi.lead_division],
        )?;
    }
    for (code, name) in reference::PROHIBITIONS {
        tx.execute("INSERT INTO prohibitions(code, name_zh) VALUES (?1, ?2)", (code, name))?;
    }
    for (code, name) in reference::CATEGORIES {
        tx.execute("INSERT INTO categories(code, name_zh) VALUES (?1, ?2)", (code, name))?;
    }
    for (kind, name, mm_dd) in reference::DELIVERABLES {
        let due = dates::deadline(year, mm_dd).to_string();
        tx.execute("INSERT INTO deliverables(kind, name_zh, due) VALUES (?1, ?2, ?3)", (kind, name, due))?;
    }
    let mut ins = tx.prepare("INSERT INTO areas(code, name, level, parent) VALUES (?1, ?2, ?3, ?4)")?;
    let province_div = divisions::find(province).into_iter();
    for d in province_div.chain(divisions::under(province)) {
        ins.execute(params![d.code, d.name, d.level as i64, parent_code(&d.code)])?;
    }
    drop(ins);
    for kind in form::KINDS {
        let def = form::parse_def(form::default_def(kind).unwrap_or_default(), kind)?;
        super::forms::define(w, &def, &format!("{year}-01-01"))?;
    }
    Ok(())
}
