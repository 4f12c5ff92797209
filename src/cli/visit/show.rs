//! `zoufang visit show`: a visit and its form as filled.

use anyhow::Result;

use super::super::Ctx;
use crate::domain::reference;
use crate::domain::sets::{label_of, Category, FindingStatus, Method, TargetKind};
use crate::io::output::{col, write_record, Column, Value};
use crate::store::{corrections, forms, ids};
use crate::t;

pub fn run(raw: &str, ctx: &Ctx) -> Result<()> {
    let store = ctx.open()?;
    let conn = store.conn();
    let id = ids::resolve(conn, "visits", "visit", raw)?;
    type Row = (
        String,
        String,
        String,
        String,
        Option<String>,
        i64,
        String,
        bool,
        Option<String>,
        String,
        Option<String>,
        Option<i64>,
        String,
        String,
    );
    let v: Row = conn.query_row(
        "SELECT group_code, date, target_kind, target_code, county, item, method, discipline_ok, revisit_reason, notes,
                form_kind, form_version, answers, recorded_by
         FROM visits WHERE id = ?1",
        [&id],
        |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?, r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?, r.get(12)?, r.get(13)?))
        },
    )?;
    let participants: Vec<String> = conn
        .prepare("SELECT s.name FROM visit_participants p JOIN staff s ON s.id = p.staff_id WHERE p.visit_id = ?1 ORDER BY s.name")?
        .query_map([&id], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let violations: Vec<String> = conn
        .prepare("SELECT code, note FROM visit_violations WHERE visit_id = ?1 ORDER BY code")?
        .query_map([&id], |r| {
            let code: String = r.get(0)?;
            let note: String = r.get(1)?;
            Ok(format!(
                "{}{}",
                reference::prohibition_label(&code),
                if note.is_empty() { String::new() } else { format!("({note})") }
            ))
        })?
        .collect::<Result<_, _>>()?;
    let findings: Vec<String> = conn
        .prepare("SELECT substr(id, 1, 8), category, status, description FROM findings WHERE visit_id = ?1 ORDER BY created_on, id")?
        .query_map([&id], |r| {
            let (id, category, status, desc): (String, String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            Ok(format!(
                "{id} {} {} {desc}",
                label_of::<Category>(&category),
                label_of::<FindingStatus>(&status)
            ))
        })?
        .collect::<Result<_, _>>()?;
    let item = reference::WORK_ITEMS
        .iter()
        .find(|w| w.code == v.5)
        .map(|w| format!("{} {}", w.code, reference::work_item_name(w.code)))
        .unwrap_or_default();
    let void = corrections::void_of(conn, &id)?;
    let mut fields: Vec<(Column, Value)> = vec![
        (col("id", "编号", "id"), Value::from(id.as_str())),
        (
            col("voided", "作废", "voided"),
            Value::from(void.map(|v| {
                t!(
                    "visit-shown-voided",
                    on = &v.at[..v.at.len().min(10)],
                    by = v.by.as_str(),
                    reason = v.reason.as_str()
                )
            })),
        ),
        (col("group", "走访组", "group"), Value::from(v.0)),
        (col("date", "日期", "date"), Value::from(v.1)),
        (col("target_kind", "对象类型", "target kind"), Value::from(label_of::<TargetKind>(&v.2))),
        (col("target", "走访对象", "target"), Value::from(v.3)),
        (col("county", "所在县", "county"), Value::from(v.4)),
        (col("item", "重点内容", "work item"), Value::from(item)),
        (col("method", "方式", "method"), Value::from(label_of::<Method>(&v.6))),
        (
            col("participants", "参加人员", "participants"),
            Value::from(participants.join(&t!("clap-list-sep"))),
        ),
        (
            col("discipline", "五不准", "discipline"),
            Value::from(if v.7 {
                t!("visit-discipline-kept")
            } else {
                t!("visit-violated", list = violations.join(&t!("clap-list-sep")))
            }),
        ),
        (col("revisit_reason", "重复走访理由", "revisit reason"), Value::from(v.8)),
        (col("notes", "备注", "notes"), Value::from(v.9)),
        (col("recorded_by", "录入人", "recorded by"), Value::from(v.13)),
    ];
    if let (Some(kind), Some(version)) = (&v.10, v.11) {
        let def = forms::version(conn, kind, version)?;
        let answers: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&v.12).unwrap_or_default();
        fields.push((
            col("form", "反馈表", "form"),
            Value::from(t!("visit-form-version", title = def.title, version = version)),
        ));
        for f in &def.fields {
            let shown = answers.get(&f.key).map(|a| f.display(a)).unwrap_or_default();
            let key = format!("form.{}", f.key);
            fields.push((
                Column { key: key.into(), zh: f.label.clone().into(), en: f.key.clone().into() },
                Value::from(shown),
            ));
        }
    }
    fields.push((col("findings", "发现问题", "findings"), Value::from(findings.join("\n"))));
    fields.push((
        col("corrections", "更正记录", "corrections"),
        Value::from(corrections::history_text(conn, &id)?),
    ));
    write_record(&ctx.out, &t!("visit-record-title"), fields)
}
