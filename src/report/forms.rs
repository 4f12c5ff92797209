//! Filled feedback forms, one record per visit: the three typed forms from each visit's answers,
//! and the general form (进村入企大走访活动情况反馈表) derived from the visit and its findings.

use anyhow::Result;
use rusqlite::{params, Connection};

use crate::domain::form::FormDef;
use crate::io::output::{col, Column, Value};
use crate::store::forms;

pub struct FilledForms {
    pub title: String,
    pub columns: Vec<Column>,
    /// Per visit: the values as codes (for scripts) and as the printed form shows them.
    pub rows: Vec<(Vec<Value>, Vec<Value>)>,
}

#[derive(Default)]
pub struct Select {
    pub visit: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
}

fn base_columns() -> Vec<Column> {
    vec![
        col("visit", "走访记录", "visit"),
        col("date", "走访日期", "date"),
        col("group", "走访组", "group"),
        col("target_code", "走访对象代码", "target code"),
        col("target_name", "走访对象", "target"),
        col("participants", "参加人员", "participants"),
    ]
}

const VISITS_SQL: &str = "
    SELECT v.id, v.date, v.group_code, v.target_code,
           CASE v.target_kind WHEN 'village' THEN (SELECT name FROM areas WHERE code = v.target_code)
                              WHEN 'enterprise' THEN (SELECT name FROM enterprises WHERE uscc = v.target_code)
                              WHEN 'zone' THEN (SELECT name FROM zones WHERE code = v.target_code)
                              WHEN 'bureau' THEN (SELECT name || '环保局' FROM areas WHERE code = v.target_code)
                              ELSE v.target_code END,
           (SELECT group_concat(name, '、') FROM (SELECT s.name FROM visit_participants p JOIN staff s ON s.id = p.staff_id
                                                  WHERE p.visit_id = v.id ORDER BY s.name)),
           v.answers, v.form_version
    FROM live_visits v
    WHERE (?1 IS NULL OR v.form_kind = ?1) AND (?2 IS NULL OR v.id = ?2)
      AND (?3 IS NULL OR v.date >= ?3) AND (?4 IS NULL OR v.date <= ?4)
    ORDER BY v.date, v.id";

/// The enterprise, village or bureau form, filled from each visit's answers.
pub fn typed(conn: &Connection, kind: &str, sel: &Select) -> Result<FilledForms> {
    let (_, def): (i64, FormDef) = forms::current(conn, kind)?;
    let mut columns = base_columns();
    for f in &def.fields {
        columns.push(Column {
            key: f.key.clone().into(),
            zh: f.label.clone().into(),
            en: f.key.clone().into(),
        });
    }
    let mut stmt = conn.prepare(VISITS_SQL)?;
    let mut rows = Vec::new();
    let mut q = stmt.query(params![kind, sel.visit, sel.since, sel.until])?;
    while let Some(r) = q.next()? {
        let base: Vec<Value> = (0..6)
            .map(|i| r.get::<_, Option<String>>(i).map(Value::from))
            .collect::<rusqlite::Result<_>>()?;
        let answers: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&r.get::<_, String>(6)?).unwrap_or_default();
        let (mut codes, mut shown) = (base.clone(), base);
        for f in &def.fields {
            match answers.get(&f.key) {
                Some(a) => {
                    let code = match a {
                        serde_json::Value::String(s) => s.clone(),
                        serde_json::Value::Array(xs) => {
                            xs.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(",")
                        }
                        serde_json::Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
                        other => other.to_string(),
                    };
                    codes.push(Value::from(code));
                    shown.push(Value::from(f.display(a)));
                }
                None => {
                    codes.push(Value::Null);
                    shown.push(Value::Null);
                }
            }
        }
        rows.push((codes, shown));
    }
    Ok(FilledForms { title: def.title, columns, rows })
}

/// The general form: what every visit raised, solved on the spot, took back and referred.
pub fn general(conn: &Connection, sel: &Select) -> Result<FilledForms> {
    let mut columns = base_columns();
    columns.extend([
        col("item", "重点内容", "work item"),
        col("problems", "发现问题", "problems raised"),
        col("solved_on_site", "现场解决", "solved on the spot"),
        col("taken_back", "带回办理", "taken back"),
        col("referred", "转办", "referred"),
    ]);
    let mut stmt = conn.prepare(&VISITS_SQL.replace(
        "v.answers, v.form_version",
        "v.item, (SELECT name_zh FROM work_items w WHERE w.code = v.item)",
    ))?;
    let mut per_finding = conn.prepare(
        "SELECT description, on_site, route, refer_to FROM live_findings WHERE visit_id = ?1 ORDER BY created_on, id",
    )?;
    let mut rows = Vec::new();
    let mut q = stmt.query(params![None::<String>, sel.visit, sel.since, sel.until])?;
    while let Some(r) = q.next()? {
        let id: String = r.get(0)?;
        let mut v: Vec<Value> = (0..6)
            .map(|i| r.get::<_, Option<String>>(i).map(Value::from))
            .collect::<rusqlite::Result<_>>()?;
        v[0] = Value::from(id.clone());
        v.push(Value::from(format!("{} {}", r.get::<_, i64>(6)?, r.get::<_, String>(7)?)));
        let (mut all, mut on_site, mut back, mut referred) = (vec![], vec![], vec![], vec![]);
        let mut fq = per_finding.query([&id])?;
        while let Some(f) = fq.next()? {
            let desc: String = f.get(0)?;
            all.push(desc.clone());
            if f.get::<_, bool>(1)? {
                on_site.push(desc);
            } else if f.get::<_, String>(2)? == "other" {
                referred.push(format!("{desc}(转{})", f.get::<_, String>(3)?));
            } else {
                back.push(desc);
            }
        }
        for list in [all, on_site, back, referred] {
            v.push(Value::from(list.join("；")));
        }
        rows.push((v.clone(), v));
    }
    Ok(FilledForms { title: "进村入企大走访活动情况反馈表".into(), columns, rows })
}
