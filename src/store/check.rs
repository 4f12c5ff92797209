//! `zoufang check`: SQLite's own integrity and foreign-key checks, then the campaign's invariants —
//! the rules every write enforces, verified again over the whole file (after a merge, a restore,
//! or a hand edit).

use anyhow::Result;
use rusqlite::Connection;

use crate::domain::{finding, form, group};
use crate::io::progress::Progress;
use crate::t;

/// One breach: which rule, which record, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breach {
    pub rule: &'static str,
    pub record: String,
    pub detail: String,
}

/// A breach's words from the parts its query gives (separated by the unit separator, char 31).
fn said(parts: &str, say: &dyn Fn(&[&str]) -> String) -> String {
    let parts: Vec<&str> = parts.split('\u{1f}').collect();
    say(&parts)
}

/// A finding status said in the reader's language ("nothing" before the first step).
fn status_word(status: Option<&str>) -> crate::i18n::Arg {
    match status {
        Some(s) => crate::domain::sets::word_of::<crate::domain::sets::FindingStatus>(s),
        None => crate::i18n::Arg::word("check-history-nothing", "nothing"),
    }
}

fn strings(conn: &Connection, sql: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare(sql)?;
    // The detail's parts may be text or a number.
    let rows = stmt.query_map([], |r| {
        let parts = match r.get_ref(1)? {
            rusqlite::types::ValueRef::Integer(i) => i.to_string(),
            rusqlite::types::ValueRef::Real(f) => f.to_string(),
            rusqlite::types::ValueRef::Null => String::new(),
            _ => r.get::<_, String>(1)?,
        };
        Ok((r.get::<_, String>(0)?, parts))
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Damage to the file itself, as SQLite's integrity check finds it (a malformed page, a missing
/// index row): not a rule breach, which a person repairs with a command, but a file to restore.
pub fn integrity(conn: &Connection) -> Result<Vec<String>> {
    let found: Vec<String> =
        conn.prepare("PRAGMA integrity_check")?.query_map([], |r| r.get(0))?.collect::<Result<_, _>>()?;
    Ok(found.into_iter().filter(|m| m != "ok").collect())
}

/// The campaign's rules over the whole file (run after `integrity` finds no damage).
pub fn run(conn: &Connection) -> Result<Vec<Breach>> {
    run_shown(conn, &Progress::hidden())
}

/// The checks, in order: each step counted on `progress` (SQLite's integrity check is most of the
/// time on a large file).
pub const STEPS: [&str; 3] = ["integrity", "rules", "done"];

/// Step `i` of [`STEPS`] as the progress bar names it, in the reader's language.
pub fn step(i: usize) -> String {
    crate::i18n::Arg::word(format!("check-step-{}", STEPS[i]), STEPS[i]).to_string()
}

/// `run`, showing which half is running on `progress` (a bar of `STEPS.len() - 1` steps).
pub fn run_shown(conn: &Connection, progress: &Progress) -> Result<Vec<Breach>> {
    progress.set(0);
    progress.message(step(0));
    let mut out = damage(conn)?;
    progress.set(1);
    progress.message(step(1));
    out.extend(rules(conn)?);
    progress.set(2);
    progress.message(step(2));
    Ok(out)
}

/// Damage to the file itself: SQLite's integrity and foreign-key checks, and the reports' copy
/// of the histories against its derivation.
pub fn damage(conn: &Connection) -> Result<Vec<Breach>> {
    let mut out = Vec::new();
    let mut push = |rule: &'static str, rows: Vec<(String, String)>, say: &dyn Fn(&[&str]) -> String| {
        out.extend(rows.into_iter().map(|(record, parts)| Breach {
            rule,
            record,
            detail: said(&parts, say),
        }));
    };
    push(
        "foreign-key",
        strings(
            conn,
            "SELECT \"table\" || ':' || coalesce(rowid, ''), parent FROM pragma_foreign_key_check",
        )?,
        &|p| t!("check-fk", parent = p[0]),
    );
    push(
        "finding-spans",
        strings(
            conn,
            "WITH d AS MATERIALIZED (SELECT * FROM finding_spans_derived)
             SELECT 'finding:' || finding_id, ''
             FROM (SELECT * FROM (SELECT * FROM finding_spans EXCEPT SELECT * FROM d)
                   UNION ALL
                   SELECT * FROM (SELECT * FROM d EXCEPT SELECT * FROM finding_spans))
             GROUP BY finding_id",
        )?,
        &|_| t!("check-spans-differ"),
    );
    Ok(out)
}

/// The campaign's rules across records: every write enforces them, and a merge of two
/// databases (each fine alone) can break them. `check` and `conflict list` (after every
/// `sync import`) run exactly these.
pub fn rules(conn: &Connection) -> Result<Vec<Breach>> {
    rules_in(conn, Scope::All)
}

/// Which records the rules are checked on: all of them (`check`, `conflict list`), or after an
/// import only the visits, findings and groups it touched (in `temp.zf_touched_visits`,
/// `temp.zf_touched_findings`, `temp.zf_touched_groups`) and what shares a rule with them (the
/// other visits of a touched visit's target, the visits of a touched group). The same rules either way; a weekly bundle into a province database then
/// costs what it carries, not the whole season (9 s before). Group rules read small tables and are
/// always checked whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    All,
    Touched,
}

pub fn rules_in(conn: &Connection, scope: Scope) -> Result<Vec<Breach>> {
    // The clause that narrows a rule to the touched records, empty for all of them.
    let only = |col: &str, table: &str| match scope {
        Scope::All => String::new(),
        Scope::Touched => format!(" AND {col} IN temp.{table}"),
    };
    let visits = |col: &str| only(col, "zf_touched_visits");
    let mut out = Vec::new();
    let mut push = |rule: &'static str, rows: Vec<(String, String)>, say: &dyn Fn(&[&str]) -> String| {
        out.extend(rows.into_iter().map(|(record, parts)| Breach {
            rule,
            record,
            detail: said(&parts, say),
        }));
    };
    let max = group::MAX_PEOPLE;
    push(
        "group-size",
        strings(
            conn,
            &format!(
                "SELECT 'group:' || group_code, count(*) FROM group_members
                 GROUP BY group_code HAVING count(*) > {}",
                group::MAX_PEOPLE
            ),
        )?,
        &|p| t!("check-group-size", n = p[0], max = max),
    );
    push(
        "group-leader",
        strings(
            conn,
            "SELECT 'group:' || g.code, count(m.staff_id)
             FROM groups g LEFT JOIN group_members m ON m.group_code = g.code AND m.role = 'leader'
             LEFT JOIN staff s ON s.id = m.staff_id
             GROUP BY g.code HAVING count(m.staff_id) <> 1 OR min(coalesce(s.leader, 0)) = 0",
        )?,
        &|p| if p[0] == "0" { t!("check-no-leader") } else { t!("check-leaders", n = p[0]) },
    );
    push(
        "participants",
        strings(
            conn,
            &format!("SELECT 'visit:' || p.visit_id, p.staff_id || char(31) || v.group_code
             FROM visit_participants p JOIN visits v ON v.id = p.visit_id
             WHERE NOT EXISTS (SELECT 1 FROM group_members m WHERE m.group_code = v.group_code AND m.staff_id = p.staff_id){}",
                match scope {
                    Scope::All => String::new(),
                    // One list, not an OR of two: an OR reads every participant of the file.
                    Scope::Touched => " AND p.visit_id IN (SELECT id FROM temp.zf_touched_visits
                        UNION ALL SELECT id FROM visits WHERE group_code IN temp.zf_touched_groups)"
                        .to_string(),
                }
            ),
        )?,
        &|p| t!("check-participant", staff = p[0], group = p.get(1).copied().unwrap_or("")),
    );
    push(
        "visit-size",
        strings(
            conn,
            &format!(
                "SELECT 'visit:' || visit_id, count(*) FROM visit_participants
                 WHERE 1{} GROUP BY visit_id HAVING count(*) > {}",
                visits("visit_id"),
                group::MAX_PEOPLE
            ),
        )?,
        &|p| t!("check-visit-size", n = p[0], max = max),
    );
    push(
        "duplicate-visit",
        strings(
            conn,
            &format!("SELECT 'visit:' || v.id, v.target_kind || char(31) || v.target_code || char(31) || substr(min(e.date || e.id), 11, 8)
             FROM live_visits v JOIN live_visits e ON e.target_kind = v.target_kind AND e.target_code = v.target_code
               AND (e.date < v.date OR (e.date = v.date AND e.id < v.id))
             WHERE v.target_kind <> 'reception' AND v.revisit_reason IS NULL{}
             GROUP BY v.id",
                match scope {
                    Scope::All => String::new(),
                    Scope::Touched => " AND (v.target_kind, v.target_code) IN
                        (SELECT target_kind, target_code FROM visits WHERE id IN temp.zf_touched_visits)"
                        .to_string(),
                }
            ),
        )?,
        &|p| {
            let kind = crate::domain::sets::word_of::<crate::domain::sets::TargetKind>(p[0]);
            t!("check-duplicate-visit", kind = kind, code = p.get(1).copied().unwrap_or(""), visit = p.get(2).copied().unwrap_or(""))
        },
    );
    push(
        "discipline",
        strings(
            conn,
            &format!("SELECT 'visit:' || v.id, v.discipline_ok
             FROM visits v WHERE v.discipline_ok = EXISTS (SELECT 1 FROM visit_violations x WHERE x.visit_id = v.id){}",
                visits("v.id")
            ),
        )?,
        &|p| if p[0] == "1" { t!("check-discipline-contradicts") } else { t!("check-discipline-none") },
    );
    out.extend(finding_histories(conn, &only("f.id", "zf_touched_findings"))?);
    out.extend(form_answers(conn, &visits("id"))?);
    let org: String =
        conn.query_row("SELECT value FROM meta WHERE key = 'org'", [], |r| r.get(0)).unwrap_or_default();
    out.extend(super::attachments::closed_without_after_photo(conn, &org)?.into_iter().map(|(id, item)| {
        Breach {
            rule: crate::domain::attachment::CLOSE_RULE,
            record: format!("finding:{id}"),
            detail: t!("check-after-photo-removed", item = item),
        }
    }));
    Ok(out)
}

/// Every finding's history is a chain of allowed moves ending in its current status, read in the
/// order the reports read it (seq, date, id). Two databases that made the same move of one
/// finding while apart (the same step from the same status, at the same place in its history)
/// made one move: the merged history holds both lines, and the second is not a step of its own.
fn finding_histories(conn: &Connection, only: &str) -> Result<Vec<Breach>> {
    let mut out = Vec::new();
    let mut stmt = conn.prepare(&format!(
        "SELECT f.id, f.route, f.on_site, f.status, e.from_status, e.to_status, e.satisfaction, e.date, e.seq
         FROM findings f LEFT JOIN finding_events e ON e.finding_id = f.id WHERE 1{only} ORDER BY f.id, e.seq, e.date, e.id",
    ))?;
    let mut rows = stmt.query([])?;
    type State = (String, String, bool, String, Option<String>, String);
    let mut cur: Option<State> = None; // id, route, on_site, status, last to, last date
                                       // The last step: its place in the history and the status it moved from.
    let mut last_step: Option<(i64, Option<String>)> = None;
    let flush = |c: &Option<State>, out: &mut Vec<Breach>| {
        if let Some((id, _, _, status, last, _)) = c {
            if last.as_deref() != Some(status.as_str()) {
                out.push(Breach {
                    rule: "finding-history",
                    record: format!("finding:{id}"),
                    detail: t!(
                        "check-history-ends",
                        status = status_word(Some(status)),
                        last = status_word(last.as_deref())
                    ),
                });
            }
        }
    };
    while let Some(r) = rows.next()? {
        let id: String = r.get(0)?;
        if cur.as_ref().map(|c| &c.0) != Some(&id) {
            flush(&cur, &mut out);
            cur = Some((id.clone(), r.get(1)?, r.get(2)?, r.get(3)?, None, String::new()));
            last_step = None;
        }
        let Some(c) = cur.as_mut() else { continue };
        let from: Option<String> = r.get(4)?;
        let Some(to) = r.get::<_, Option<String>>(5)? else { continue };
        let satisfaction: Option<String> = r.get(6)?;
        let date: String = r.get(7)?;
        let seq: i64 = r.get(8)?;
        let step = (seq, from.clone());
        if last_step.as_ref() == Some(&step) && c.4.as_deref() == Some(to.as_str()) {
            continue; // the same move, made on two sides
        }
        last_step = Some(step);
        let bad =
            |detail: String| Breach { rule: "finding-history", record: format!("finding:{}", c.0), detail };
        if from != c.4 {
            out.push(bad(t!(
                "check-history-gap",
                from = status_word(from.as_deref()),
                last = status_word(c.4.as_deref())
            )));
        } else if let Some(f) = &from {
            let ok = match &satisfaction {
                Some(s) => finding::follow_up("", &c.1, f, s).map(|t| t == to).unwrap_or(false),
                None => finding::check_update("", &c.1, f, &to).is_ok(),
            };
            if !ok {
                out.push(bad(t!(
                    "check-history-move",
                    from = status_word(Some(f)),
                    to = status_word(Some(&to))
                )));
            }
        } else if to != finding::initial(&c.1, c.2) {
            let first = finding::initial(&c.1, c.2);
            out.push(bad(t!(
                "check-history-start",
                to = status_word(Some(&to)),
                first = status_word(Some(first))
            )));
        }
        if date < c.5 {
            out.push(bad(t!("check-history-date", date = date.as_str(), before = c.5.as_str())));
        }
        c.4 = Some(to);
        c.5 = date;
    }
    flush(&cur, &mut out);
    Ok(out)
}

/// Every visit's answers validate against the form version it was filled with.
fn form_answers(conn: &Connection, only: &str) -> Result<Vec<Breach>> {
    let mut defs = std::collections::HashMap::new();
    let mut out = Vec::new();
    let mut stmt = conn.prepare(&format!(
        "SELECT id, form_kind, form_version, answers FROM visits WHERE form_kind IS NOT NULL{only} ORDER BY id",
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (id, kind, version, answers): (String, String, i64, String) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let def = defs
            .entry((kind.clone(), version))
            .or_insert_with(|| crate::store::forms::version(conn, &kind, version).ok());
        let bad = |detail: String| Breach { rule: "form-answers", record: format!("visit:{id}"), detail };
        let Some(def) = def else {
            out.push(bad(t!("check-form-missing", kind = kind.as_str(), version = version)));
            continue;
        };
        let raw = match form::answers_from_json(&answers) {
            Ok(raw) => raw,
            Err(e) => {
                out.push(bad(e.message.to_string()));
                continue;
            }
        };
        if let Err(e) = def.validate(&raw) {
            out.push(bad(e.message.to_string()));
        }
    }
    Ok(out)
}
