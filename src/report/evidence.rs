//! Evidence in the written report (SPEC §2 "Attachments", §5): the photographs of the typical
//! cases (典型经验) and, for the hazards (work item 5), each finding's 整改前/整改后 pair side by
//! side. The report names the stored photos (`Block::Photos`); `embed` makes the copies a
//! document holds — JPEGs at most `REPORT_SIDE` pixels on their long side — only when a Word
//! document is written, so the text formats never decode a photo.

use std::collections::HashMap;

use anyhow::Result;
use rusqlite::{params, Connection};

use crate::domain::attachment::{Mime, KINDS};
use crate::io::document::{Block, Photo, Photos, Picture, Written};
use crate::io::docx::date_text;
use crate::store::attachments::{self, Filter, Row};
use crate::t;

/// The long side, in pixels, of the copy of a photo a document embeds. Drawn at most 104 mm wide,
/// 1,280 px is ~310 dpi: sharp in print, ~150–450 KB a photo (200 photos: ~30–90 MB).
pub const REPORT_SIDE: u32 = 1280;
/// JPEG quality of those copies.
pub const REPORT_QUALITY: u8 = 80;
/// Photos of one case shown side by side.
const PER_ROW: usize = 2;
/// The hazards shown with their pair at most (100 photos): a city's report is not an album of
/// its 1,500 rectifications; the ledger (`attach list`, `attach export`) holds them all.
pub const MAX_PAIRS: usize = 50;

/// A photo's kind as the reader says it (整改前 / before rectification).
fn kind_label(kind: &str) -> String {
    let kind = KINDS.iter().find(|(k, _)| *k == kind).map_or("other", |(k, _)| k);
    crate::i18n::render(crate::i18n::lang(), &format!("doc-photo-{kind}"), &[])
}

/// A photo's caption: 整改前（2012年3月6日）, or 整改后：已封堵（2012年4月3日） with its own caption.
fn caption(r: &Row, label: &str) -> String {
    let date = crate::domain::dates::parse(r.date()).map(date_text).unwrap_or_else(|_| r.date().to_string());
    if r.caption.trim().is_empty() {
        t!("doc-photo-caption", label = label, date = date)
    } else {
        t!("doc-photo-caption-text", label = label, caption = r.caption.trim(), date = date)
    }
}

fn photo(r: &Row, label: &str) -> Photo {
    Photo { blob: r.sha256.clone(), mime: r.mime.as_str(), caption: caption(r, label), picture: None }
}

/// Numbers the figures of a document: 图1, 图2, …
#[derive(Debug, Default)]
pub struct Figures(pub usize);

impl Figures {
    fn title(&mut self, what: &str) -> String {
        self.0 += 1;
        t!("doc-figure-title", n = self.0 as i64, what = what)
    }
}

/// The photos (JPEG, PNG; not scans) still attached to typical case `case`, in rows of two,
/// each row titled 图N 典型经验：TITLE.
pub fn case_rows(conn: &Connection, case: &str, title: &str, figs: &mut Figures) -> Result<Vec<Block>> {
    let rows = attachments::list(conn, &Filter { case: Some(case.to_string()), ..Filter::default() })?;
    let photos: Vec<Photo> =
        rows.iter().filter(|r| r.mime.is_image()).map(|r| photo(r, &kind_label(&r.kind))).collect();
    Ok(photos
        .chunks(PER_ROW)
        .map(|c| {
            Block::Photos(Photos {
                photos: c.to_vec(),
                title: figs.title(&t!("doc-photo-case", title = title)),
            })
        })
        .collect())
}

/// The hazard findings (work item 5) logged by `as_of` that have both a 整改前 and a 整改后 photo:
/// per finding, the first `before` photo and the last `after` photo side by side, titled
/// 图N PLACE：DESCRIPTION; in the order the findings were found, the first `MAX_PAIRS` of them.
/// Also how many hazards have a pair in all.
pub fn hazard_pairs(conn: &Connection, as_of: &str, figs: &mut Figures) -> Result<(Vec<Block>, usize)> {
    let mut st = conn.prepare(
        "SELECT f.id, f.description,
                CASE v.target_kind WHEN 'village' THEN (SELECT name FROM areas WHERE code = v.target_code)
                                   WHEN 'enterprise' THEN (SELECT name FROM enterprises WHERE uscc = v.target_code)
                                   WHEN 'zone' THEN (SELECT name FROM zones WHERE code = v.target_code)
                                   WHEN 'bureau' THEN (SELECT name || '环保局' FROM areas WHERE code = v.target_code)
                                   ELSE NULL END
         FROM findings f JOIN visits v ON v.id = f.visit_id
         WHERE v.item = ?1 AND f.created_on <= ?2
           AND EXISTS (SELECT 1 FROM attachments a JOIN blobs b ON b.sha256 = a.blob WHERE a.finding_id = f.id
                       AND a.kind = 'before' AND a.removed_on IS NULL AND b.mime <> 'application/pdf')
           AND EXISTS (SELECT 1 FROM attachments a JOIN blobs b ON b.sha256 = a.blob WHERE a.finding_id = f.id
                       AND a.kind = 'after' AND a.removed_on IS NULL AND b.mime <> 'application/pdf')
         ORDER BY v.date, f.created_on, f.id",
    )?;
    let found = st
        .query_map(params![crate::domain::reference::HAZARD_ITEM, as_of], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut out = Vec::new();
    let total = found.len();
    for (id, description, place) in found.into_iter().take(MAX_PAIRS) {
        let rows = attachments::list(conn, &Filter { finding: Some(id), ..Filter::default() })?;
        // The list is in kind order, then by date taken: the first before, the latest after.
        let before = rows.iter().find(|r| r.kind == "before" && r.mime.is_image());
        let after = rows.iter().rev().find(|r| r.kind == "after" && r.mime.is_image());
        let (Some(before), Some(after)) = (before, after) else { continue };
        let what: String = description.chars().take(40).collect();
        let title = match place.filter(|p| !p.is_empty()) {
            Some(p) => t!("doc-photo-place", place = p, what = what),
            None => what,
        };
        out.push(Block::Photos(Photos {
            photos: vec![photo(before, &kind_label("before")), photo(after, &kind_label("after"))],
            title: figs.title(&title),
        }));
    }
    Ok((out, total))
}

/// What `embed` did: photos placed, and the bytes of the copies made.
#[derive(Debug, Default, Clone, Copy)]
pub struct Embedded {
    pub photos: usize,
    pub bytes: usize,
}

/// Make the copies the document embeds of every photo its rows name: each a JPEG at most
/// `REPORT_SIDE` px on its long side, turned upright. A photo used twice is made once. A stored
/// photo that cannot be read is left out (the others are still placed) and named in `skipped`.
pub fn embed(conn: &Connection, w: &mut Written, skipped: &mut Vec<String>) -> Result<Embedded> {
    let mut made: HashMap<String, Picture> = HashMap::new();
    let mut done = Embedded::default();
    for block in &mut w.blocks {
        let Block::Photos(row) = block else { continue };
        for p in &mut row.photos {
            if let Some(pic) = made.get(&p.blob) {
                p.picture = Some(Picture { caption: p.caption.clone(), ..pic.clone() });
                done.photos += 1;
                continue;
            }
            let Some(mime) = Mime::parse(p.mime).filter(|m| m.is_image()) else { continue };
            let bytes = attachments::blob(conn, &p.blob)?;
            match crate::io::photo::report_copy(&bytes, mime, REPORT_SIDE, REPORT_QUALITY) {
                Ok((jpeg, width_px, height_px)) => {
                    done.bytes += jpeg.len();
                    done.photos += 1;
                    let pic = Picture {
                        bytes: jpeg,
                        ext: "jpeg",
                        width_px,
                        height_px,
                        width_mm: 0.0,
                        caption: p.caption.clone(),
                    };
                    made.insert(p.blob.clone(), pic.clone());
                    p.picture = Some(pic);
                }
                Err(_) => skipped.push(p.blob[..p.blob.len().min(12)].to_string()),
            }
        }
    }
    Ok(done)
}
