//! Attachments (佐证材料): content-addressed blobs, the links from records to them, their removal
//! (a ledger correction, kept), and the bureau's closing rule per work item.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::Writer;
use crate::domain::attachment::{self as rules, Mime, Misfit, Target};
use crate::error::reject;
use crate::io::photo::{Prepared, Stored};

/// A file to attach, prepared, and where it goes.
pub struct NewAttachment<'a> {
    pub target: Target,
    pub record: &'a str,
    pub kind: &'a str,
    pub caption: &'a str,
    pub file_name: &'a str,
    pub prepared: &'a Prepared,
    pub added_on: &'a str,
    pub who: &'a str,
}

/// What `add` did: the new attachment's id, and whether its bytes were new to this database.
#[derive(Debug, Clone)]
pub struct Added {
    pub id: String,
    pub stored_new: bool,
}

/// Store `b` unless a blob with its hash is already here. True when it was new.
fn put_blob(w: &mut Writer, b: &Stored) -> Result<bool> {
    let n = w
        .tx
        .prepare_cached(
            "INSERT INTO blobs(sha256, mime, size, width, height, bytes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(sha256) DO NOTHING",
        )?
        .execute(params![b.sha256, b.mime.as_str(), b.bytes.len() as i64, b.width, b.height, b.bytes])?;
    if n > 0 {
        w.touch("blob", &b.sha256[..16]);
    }
    Ok(n > 0)
}

pub fn add(w: &mut Writer, a: &NewAttachment) -> Result<Added> {
    let p = a.prepared;
    let stored_new = put_blob(w, &p.shown)?;
    if let Some(o) = &p.original {
        put_blob(w, o)?;
    }
    let id = super::ids::new_id();
    let (visit, finding, case) = match a.target {
        Target::Visit => (Some(a.record), None, None),
        Target::Finding => (None, Some(a.record), None),
        Target::Case => (None, None, Some(a.record)),
    };
    w.tx.prepare_cached(
        "INSERT INTO attachments(id, visit_id, finding_id, case_id, kind, caption, blob, original, file_name,
                                 taken_at, lat, lon, added_on, added_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
    )?
    .execute(params![
        id,
        visit,
        finding,
        case,
        a.kind,
        a.caption,
        p.shown.sha256,
        p.original.as_ref().map(|o| o.sha256.as_str()),
        a.file_name,
        p.exif.taken_at,
        p.exif.lat,
        p.exif.lon,
        a.added_on,
        a.who,
        crate::sync::now(),
    ])?;
    w.touch("attachment", &id);
    Ok(Added { id, stored_new })
}

/// The dates a photo of a record is judged against: (the visit's date, the finding's date).
pub fn record_dates(
    conn: &Connection,
    target: Target,
    record: &str,
) -> Result<(Option<NaiveDate>, Option<NaiveDate>)> {
    let parse = |s: Option<String>| s.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok());
    let (v, f): (Option<String>, Option<String>) = match target {
        Target::Visit => {
            (conn.query_row("SELECT date FROM visits WHERE id = ?1", [record], |r| r.get(0)).optional()?, None)
        }
        Target::Finding => conn
            .query_row(
                "SELECT v.date, f.created_on FROM findings f JOIN visits v ON v.id = f.visit_id WHERE f.id = ?1",
                [record],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .unwrap_or((None, None)),
        Target::Case => (None, None),
    };
    Ok((parse(v), parse(f)))
}

/// One attachment as the list and show commands read it.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub target: Target,
    pub record: String,
    pub kind: String,
    pub caption: String,
    pub sha256: String,
    pub mime: Mime,
    pub size: i64,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub original: Option<String>,
    pub original_size: Option<i64>,
    pub file_name: String,
    pub taken_at: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub added_on: String,
    pub added_by: String,
    pub removed_on: Option<String>,
    pub removed_by: Option<String>,
    pub removed_reason: Option<String>,
    /// Whether the photo's own date fits its record (computed, not stored).
    pub misfits: Vec<Misfit>,
    /// The date of the visit it documents (a finding's: its visit's).
    pub visit_date: Option<NaiveDate>,
}

impl Row {
    pub fn date(&self) -> &str {
        self.taken_at.as_deref().map(|t| &t[..t.len().min(10)]).unwrap_or(&self.added_on)
    }
    pub fn export_name(&self) -> String {
        rules::export_name(self.target, &self.record, &self.kind, self.date(), &self.id, self.mime)
    }
}

const SELECT: &str =
    "SELECT a.id, a.visit_id, a.finding_id, a.case_id, a.kind, a.caption, a.blob, b.mime, b.size,
        b.width, b.height, a.original, o.size, a.file_name, a.taken_at, a.lat, a.lon, a.added_on, a.added_by,
        a.removed_on, a.removed_by, a.removed_reason,
        coalesce(v.date, fv.date), f.created_on
    FROM attachments a JOIN blobs b ON b.sha256 = a.blob
    LEFT JOIN blobs o ON o.sha256 = a.original
    LEFT JOIN visits v ON v.id = a.visit_id
    LEFT JOIN findings f ON f.id = a.finding_id
    LEFT JOIN visits fv ON fv.id = f.visit_id";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Row> {
    let visit: Option<String> = r.get(1)?;
    let finding: Option<String> = r.get(2)?;
    let case: Option<String> = r.get(3)?;
    let (target, record) = match (visit, finding, case) {
        (Some(v), _, _) => (Target::Visit, v),
        (_, Some(f), _) => (Target::Finding, f),
        (_, _, c) => (Target::Case, c.unwrap_or_default()),
    };
    let mime: String = r.get(7)?;
    let date = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
        Ok(r.get::<_, Option<String>>(i)?.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()))
    };
    let kind: String = r.get(4)?;
    let taken_at: Option<String> = r.get(14)?;
    let visit_date = date(22)?;
    let misfits =
        rules::misfits(&kind, taken_at.as_deref().and_then(rules::taken_date), visit_date, date(23)?);
    Ok(Row {
        id: r.get(0)?,
        target,
        record,
        kind,
        caption: r.get(5)?,
        sha256: r.get(6)?,
        mime: Mime::parse(&mime).unwrap_or(Mime::Pdf),
        size: r.get(8)?,
        width: r.get(9)?,
        height: r.get(10)?,
        original: r.get(11)?,
        original_size: r.get(12)?,
        file_name: r.get(13)?,
        taken_at,
        lat: r.get(15)?,
        lon: r.get(16)?,
        added_on: r.get(17)?,
        added_by: r.get(18)?,
        removed_on: r.get(19)?,
        removed_by: r.get(20)?,
        removed_reason: r.get(21)?,
        misfits,
        visit_date,
    })
}

/// Which attachments to read.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub visit: Option<String>,
    pub finding: Option<String>,
    pub case: Option<String>,
    /// A visit's own attachments and those of its findings.
    pub with_findings: bool,
    pub kind: Option<String>,
    pub include_removed: bool,
}

pub fn list(conn: &Connection, f: &Filter) -> Result<Vec<Row>> {
    let sql = format!(
        "{SELECT}
         WHERE (?1 IS NULL OR a.visit_id = ?1 OR (?4 AND f.visit_id = ?1))
           AND (?2 IS NULL OR a.finding_id = ?2) AND (?3 IS NULL OR a.case_id = ?3)
           AND (?5 IS NULL OR a.kind = ?5) AND (?6 OR a.removed_on IS NULL)
         ORDER BY coalesce(a.visit_id, fv.id, ''), coalesce(a.finding_id, ''), coalesce(a.case_id, ''),
                  CASE a.kind WHEN 'before' THEN 0 WHEN 'scene' THEN 1 WHEN 'after' THEN 2 WHEN 'form' THEN 3 ELSE 4 END,
                  coalesce(a.taken_at, a.added_on), a.id"
    );
    let mut st = conn.prepare(&sql)?;
    let rows = st
        .query_map(params![f.visit, f.finding, f.case, f.with_findings, f.kind, f.include_removed], from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

pub fn get(conn: &Connection, id: &str) -> Result<Row> {
    let row = conn.query_row(&format!("{SELECT} WHERE a.id = ?1"), [id], from_row).optional()?;
    row.ok_or_else(|| reject(crate::msg!("attach-none", id = id)).into())
}

/// The stored bytes of a blob.
pub fn blob(conn: &Connection, sha256: &str) -> Result<Vec<u8>> {
    let b: Option<Vec<u8>> =
        conn.query_row("SELECT bytes FROM blobs WHERE sha256 = ?1", [sha256], |r| r.get(0)).optional()?;
    b.ok_or_else(|| anyhow::anyhow!(crate::t!("attach-blob-missing", sha = &sha256[..12])))
}

/// Remove an attachment: a ledger correction. The row stays, marked with who, when and why; its
/// bytes stay too (other records, or the history, may show them).
pub fn remove(w: &mut Writer, id: &str, date: &str, reason: &str, who: &str) -> Result<()> {
    let gone: Option<Option<String>> =
        w.tx.query_row("SELECT removed_on FROM attachments WHERE id = ?1", [id], |r| r.get(0)).optional()?;
    match gone {
        None => return Err(reject(crate::msg!("attach-none", id = id)).into()),
        Some(Some(on)) => {
            return Err(
                reject(crate::msg!("attach-already-removed", id = super::ids::short(id), on = on)).into()
            )
        }
        Some(None) => {}
    }
    // The last `after` photo of a finding closed on it stays: the closing rule holds afterwards too.
    let closed_on: Option<(String, i64, bool)> =
        w.tx.query_row(
            &format!(
                "SELECT f.id, v.item, {} FROM attachments a JOIN findings f ON f.id = a.finding_id
                 JOIN visits v ON v.id = f.visit_id
                 WHERE a.id = ?2 AND a.kind = 'after' AND f.status = 'closed'",
                required_sql()
            ),
            params![w.campaign.org, id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    if let Some((finding, item, true)) = closed_on {
        let after: i64 = w.tx.query_row(LIVE_AFTER, [&finding], |r| r.get(0))?;
        if after <= 1 {
            return Err(
                rules::last_after_photo(super::ids::short(id), super::ids::short(&finding), item).into()
            );
        }
    }
    w.tx.execute(
        "UPDATE attachments SET removed_on = ?2, removed_by = ?3, removed_reason = ?4 WHERE id = ?1",
        params![id, date, who, reason],
    )?;
    w.touch("attachment", id);
    Ok(())
}

/// The bureau's switch for work item `item`, if it set one.
pub fn rule_switch(conn: &Connection, org: &str, item: i64) -> Result<Option<bool>> {
    Ok(conn
        .query_row(
            "SELECT after_photo_to_close FROM evidence_rules WHERE org = ?1 AND item = ?2",
            params![org, item],
            |r| r.get(0),
        )
        .optional()?)
}

pub fn set_rule(w: &mut Writer, item: i64, on: bool, who: &str) -> Result<()> {
    let org = w.campaign.org.clone();
    w.tx.execute(
        "INSERT INTO evidence_rules(org, item, after_photo_to_close, set_by, set_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(org, item) DO UPDATE SET after_photo_to_close = excluded.after_photo_to_close,
             set_by = excluded.set_by, set_at = excluded.set_at",
        params![org, item, on, who, crate::sync::now()],
    )?;
    w.touch("evidence_rule", &format!("{org}/{item}"));
    Ok(())
}

/// The closing rule's state for every work item of bureau `org`: (item, key, required, set by the
/// bureau rather than the default).
pub fn rules(conn: &Connection, org: &str) -> Result<Vec<(i64, String, bool, bool)>> {
    let mut st = conn.prepare(
        "SELECT w.code, w.key, r.after_photo_to_close FROM work_items w
         LEFT JOIN evidence_rules r ON r.item = w.code AND r.org = ?1 ORDER BY w.code",
    )?;
    let rows = st
        .query_map([org], |r| {
            let item: i64 = r.get(0)?;
            let switch: Option<bool> = r.get(2)?;
            Ok((item, r.get(1)?, rules::after_photo_required(item, switch), switch.is_some()))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

/// Whether closing a finding needs an `after` photo, as SQL over the finding's visit `v`: the
/// switch of the bureau of the county the visit lies in, if it set one (a county's choice for its
/// own findings, carried up to its city), else the switch of this database's bureau (`?1`), else
/// the default (on for hazards only). A county's database reads its own switch either way.
fn required_sql() -> String {
    format!(
        "coalesce((SELECT after_photo_to_close FROM evidence_rules WHERE org = v.county AND item = v.item),
                  (SELECT after_photo_to_close FROM evidence_rules WHERE org = ?1 AND item = v.item),
                  v.item = {})",
        rules::DEFAULT_RULE_ITEM
    )
}

/// The `after` photos still attached to a finding.
const LIVE_AFTER: &str =
    "SELECT count(*) FROM attachments WHERE finding_id = ?1 AND kind = 'after' AND removed_on IS NULL";

/// Apply the closing rule to finding `id` (the whole id) before it is closed: the rule for the
/// finding's work item (`required_sql`), against its `after` photos still attached.
pub fn check_close(conn: &Connection, org: &str, id: &str) -> Result<()> {
    let found: Option<(i64, bool)> = conn
        .query_row(
            &format!(
                "SELECT v.item, {} FROM findings f JOIN visits v ON v.id = f.visit_id WHERE f.id = ?2",
                required_sql()
            ),
            params![org, id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((item, required)) = found else { return Ok(()) };
    let after: i64 = conn.query_row(LIVE_AFTER, [id], |r| r.get(0))?;
    rules::check_close(super::ids::short(id), item, required, after as usize)?;
    Ok(())
}

/// Findings closed (销号) under the closing rule whose `after` photos have all been removed: what
/// `check` reports. No write makes one (`remove` refuses the last `after` photo of a closed
/// finding); a merge can: a laptop closes a finding on its photo while the bureau, where it was
/// still open, removes that photo. A finding closed before the rule applied to it — in a database
/// made before attachments existed, or while its bureau had the rule off — never had a photo and
/// was closed rightly then: it is not listed. (finding id, work item), in id order.
pub fn closed_without_after_photo(conn: &Connection, org: &str) -> Result<Vec<(String, i64)>> {
    let mut st = conn.prepare(&format!(
        "SELECT f.id, v.item FROM findings f JOIN visits v ON v.id = f.visit_id
         WHERE f.status = 'closed' AND {}
           AND EXISTS (SELECT 1 FROM attachments a WHERE a.finding_id = f.id AND a.kind = 'after')
           AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.finding_id = f.id AND a.kind = 'after' AND a.removed_on IS NULL)
         ORDER BY f.id",
        required_sql()
    ))?;
    let rows = st.query_map([org], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}
