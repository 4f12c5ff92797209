//! `zoufang status`: what a clerk looks at every morning, judged against `--today`.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection};

use crate::domain::codes::Level;
use crate::domain::research::Standing;
use crate::domain::{dates, group, research};
use crate::io::document::{Document, Section};
use crate::io::output::{col, Value};
use crate::io::table::Tone;
use crate::report::query::{self, section};
use crate::store::{groups, Campaign};

/// Late and overdue red, due within three days yellow (colour on a terminal only).
fn standing_tone(s: Standing) -> Tone {
    match s {
        Standing::Late(_) | Standing::Overdue(_) => Tone::Alert,
        Standing::DueToday => Tone::Warn,
        Standing::DaysLeft(n) if n <= 3 => Tone::Warn,
        Standing::OnTime | Standing::DaysLeft(_) => Tone::Plain,
    }
}

fn days_word(due: NaiveDate, today: NaiveDate, sent: Option<NaiveDate>) -> String {
    match research::standing(sent, due, today) {
        Standing::OnTime => "按时报送 sent on time".into(),
        Standing::Late(n) => format!("迟报 {n} 天 sent {n} days late"),
        Standing::DueToday => "今天截止 due today".into(),
        Standing::DaysLeft(n) => format!("还有 {n} 天 {n} days left"),
        Standing::Overdue(n) => format!("逾期 {n} 天 {n} days late"),
    }
}

pub fn compute(conn: &Connection, c: &Campaign, today: NaiveDate) -> Result<Document> {
    let mut sections = Vec::new();

    // The three deliverables this bureau owes upward.
    let mut s = Section::new(
        "deliverables",
        "报送事项",
        "Deliverables",
        vec![
            col("kind", "事项", "deliverable"),
            col("due", "截止", "due"),
            col("sent", "报送日期", "sent"),
            col("state", "状态", "state"),
        ],
    );
    let mut stmt = conn.prepare(
        "SELECT d.kind, d.name_zh, d.due, s.submitted_on FROM deliverables d
         LEFT JOIN deliverable_submissions s ON s.kind = d.kind AND s.org = ?1 ORDER BY d.due",
    )?;
    let rows = stmt.query_map([&c.org], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    for row in rows {
        let (kind, name, due, sent) = row?;
        let due_d = dates::parse(&due)?;
        let sent_d = sent.as_deref().map(dates::parse).transpose()?;
        s.tones.push(standing_tone(research::standing(sent_d, due_d, today)));
        s.rows.push(vec![
            Value::from(format!("{kind} {name}")),
            Value::from(due),
            Value::from(sent.clone()),
            Value::from(days_word(due_d, today, sent.as_deref().map(dates::parse).transpose()?)),
        ]);
    }
    sections.push(s);

    // Research reports: due a week after each trip.
    let mut s = Section::new(
        "research",
        "调研报告",
        "Research reports",
        vec![
            col("group", "走访组", "group"),
            col("due", "截止", "due"),
            col("submitted", "提交日期", "submitted"),
            col("state", "状态", "state"),
        ],
    );
    let mut stmt = conn.prepare(
        "SELECT g.code, g.date_to, (SELECT min(r.submitted_on) FROM research_reports r WHERE r.group_code = g.code)
         FROM groups g ORDER BY g.code",
    )?;
    for row in stmt.query_map([], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, Option<String>>(2)?))
    })? {
        let (code, to, sent) = row?;
        let due = group::research_due(dates::parse(&to)?);
        let sent_d = sent.as_deref().map(dates::parse).transpose()?;
        s.tones.push(standing_tone(research::standing(sent_d, due, today)));
        let state = match research::timeliness(sent_d, due, today) {
            "late" => "迟交 late".to_string(),
            "on-time" => "按时 on time".to_string(),
            _ => days_word(due, today, None),
        };
        s.rows.push(vec![
            Value::from(code),
            Value::from(due.to_string()),
            Value::from(sent),
            Value::from(state),
        ]);
    }
    sections.push(s);

    // Each group against its quotas.
    let mut s = Section::new(
        "groups",
        "走访组进度",
        "Groups against quotas",
        vec![
            col("group", "走访组", "group"),
            col("leader", "组长", "leader"),
            col("visits", "走访次数", "visits"),
            col("villages", "村", "villages"),
            col("quota_villages", "村配额", "village quota"),
            col("enterprises", "企业", "enterprises"),
            col("quota_enterprises", "企业配额", "enterprise quota"),
            col("counties", "县", "counties"),
            col("quota_counties", "县配额", "county quota"),
        ],
    );
    for r in query::rows(conn, groups::PROGRESS_SQL, [])? {
        let n = |i: usize| if let Value::Int(x) = r[i] { x } else { 0 };
        let code = r[0].text().into_owned();
        s.bars.push((format!("{code} 村"), n(9), n(10)));
        s.bars.push((format!("{code} 企业"), n(11), n(12)));
        s.rows.push(vec![
            r[0].clone(),
            r[4].clone(),
            Value::Int(n(6)),
            Value::Int(n(9)),
            Value::Int(n(10)),
            Value::Int(n(11)),
            Value::Int(n(12)),
            Value::Int(n(7)),
            Value::Int(n(8)),
        ]);
    }
    sections.push(s);

    // The problem ledger at a glance.
    let mut s = Section::new(
        "findings",
        "问题台账",
        "Findings",
        vec![col("measure", "指标", "measure"), col("count", "数量", "count")],
    );
    let t = today.to_string();
    let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, params![t], |r| r.get(0))?) };
    for (key, zh, sql) in [
        ("total", "问题总数", "SELECT count(*) FROM findings WHERE ?1 IS NOT NULL"),
        ("open", "未办结", "SELECT count(*) FROM findings WHERE status IN ('open','in-progress','referred','acknowledged') AND ?1 IS NOT NULL"),
        ("overdue", "逾期", "SELECT count(*) FROM findings WHERE is_overdue(status, due, ?1)"),
        ("referred", "已转办未答复", "SELECT count(*) FROM findings WHERE status IN ('referred','acknowledged') AND ?1 IS NOT NULL"),
        ("awaiting_follow_up", "办结待回访", "SELECT count(*) FROM findings WHERE status = 'resolved' AND ?1 IS NOT NULL"),
        ("closed", "已销号", "SELECT count(*) FROM findings WHERE status = 'closed' AND ?1 IS NOT NULL"),
    ] {
        let n = count(sql)?;
        s.tones.push(if key == "overdue" && n > 0 { Tone::Alert } else { Tone::Plain });
        s.rows.push(vec![Value::from(format!("{key} {zh}")), Value::Int(n)]);
    }
    sections.push(s);

    sections.push(section(
        conn,
        "violations",
        "违反五不准",
        "Discipline violations",
        vec![
            col("date", "日期", "date"),
            col("group", "走访组", "group"),
            col("visit", "走访记录", "visit"),
            col("violation", "违反事项", "violation"),
            col("note", "说明", "note"),
        ],
        "SELECT v.date, v.group_code, substr(v.id, 1, 8), p.name_zh, x.note FROM visit_violations x
         JOIN visits v ON v.id = x.visit_id JOIN prohibitions p ON p.code = x.code ORDER BY v.date, v.id, x.code",
        [],
    )?);

    // Counties of the bureau's area that no visit has reached yet.
    sections.push(section(
        conn,
        "uncovered",
        "尚未走访的县",
        "Counties not yet covered",
        vec![col("county", "县", "county"), col("name", "名称", "name")],
        "SELECT a.code, a.name FROM areas a WHERE a.level = ?2 AND a.code LIKE ?1 || '%'
           AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.county = a.code) ORDER BY a.code",
        params![c.org, Level::County as i64],
    )?);

    Ok(Document::new(
        format!("{} · {}年环保大走访活动", c.name, c.year),
        vec![("today".into(), Value::from(today.to_string())), ("org".into(), Value::from(c.org.as_str()))],
        sections,
    ))
}
