//! `zoufang status`: what a clerk looks at every morning, judged against `--today`.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use crate::domain::codes::Level;
use crate::domain::research::Standing;
use crate::domain::{dates, finding, group, research};
use crate::io::document::{Document, Section};
use crate::io::output::{col, Value};
use crate::io::table::Tone;
use crate::report::query::{self, section};
use crate::store::{groups, Campaign};
use crate::t;

/// Late and overdue red, due within three days yellow (colour on a terminal only).
fn standing_tone(s: Standing) -> Tone {
    match s {
        Standing::Late(_) | Standing::Overdue(_) => Tone::Alert,
        Standing::DueToday => Tone::Warn,
        Standing::DaysLeft(n) if n <= 3 => Tone::Warn,
        Standing::OnTime | Standing::DaysLeft(_) => Tone::Plain,
    }
}

/// A deadline's standing: its code for scripts (on-time, late, due-today, days-left, overdue),
/// in words for people.
fn days_word(due: NaiveDate, today: NaiveDate, sent: Option<NaiveDate>) -> Value {
    let standing = research::standing(sent, due, today);
    let code = match standing {
        Standing::OnTime => "on-time",
        Standing::Late(_) => "late",
        Standing::DueToday => "due-today",
        Standing::DaysLeft(_) => "days-left",
        Standing::Overdue(_) => "overdue",
    };
    Value::Coded { code: code.to_string(), label: days_words(standing) }
}

fn days_words(standing: Standing) -> String {
    match standing {
        Standing::OnTime => t!("status-sent-on-time"),
        Standing::Late(n) => t!("status-sent-late", days = n),
        Standing::DueToday => t!("status-due-today"),
        Standing::DaysLeft(n) => t!("status-days-left", days = n),
        Standing::Overdue(n) => t!("status-overdue-days", days = n),
    }
}

/// How many rows of a long section a terminal shows (a screen); the rest is pointed to.
pub const SCREEN: usize = 15;

/// Keep the first `limit` rows of a section and say where the rest is.
fn cut(s: &mut Section, limit: Option<usize>, more: &str) {
    if let Some(limit) = limit {
        if s.rows.len() > limit {
            let rest = s.rows.len() - limit;
            s.rows.truncate(limit);
            s.tones.truncate(limit);
            s.text.push(t!("status-and-more", n = rest, command = more));
        }
    }
}

/// Rows ordered by what they mean to the reader: late first, then due soon, then plain, then done.
fn worst_first(s: &mut Section) {
    let rank = |t: Option<&Tone>| match t {
        Some(Tone::Alert) => 0,
        Some(Tone::Warn) => 1,
        Some(Tone::Done) => 3,
        _ => 2,
    };
    let mut rows: Vec<(usize, Vec<Value>, Option<Tone>)> = std::mem::take(&mut s.rows)
        .into_iter()
        .enumerate()
        .map(|(i, r)| (rank(s.tones.get(i)), r, s.tones.get(i).copied()))
        .collect();
    rows.sort_by_key(|(rank, _, _)| *rank);
    s.tones = rows.iter().map(|(_, _, t)| t.unwrap_or(Tone::Plain)).collect();
    s.rows = rows.into_iter().map(|(_, r, _)| r).collect();
}

/// The dashboard as of `today`: only what is dated on or before it counts, with the same figures
/// `report … --as-of today` gives. `limit` cuts long sections to a screen for people (None for
/// csv and json, which carry every row).
pub fn compute(conn: &Connection, c: &Campaign, today: NaiveDate, limit: Option<usize>) -> Result<Document> {
    let mut sections = Vec::new();
    let t = today.to_string();

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
        // A deliverable sent after `today` is not in yet, as of today.
        let sent_d = sent.as_deref().map(dates::parse).transpose()?.filter(|d| *d <= today);
        let sent = sent_d.map(|d| d.to_string());
        s.tones.push(standing_tone(research::standing(sent_d, due_d, today)));
        let label = if crate::i18n::lang() == crate::i18n::Lang::Zh {
            name
        } else {
            t!("status-deliverable", kind = kind)
        };
        s.rows.push(vec![
            Value::Coded { code: kind, label },
            Value::from(due),
            Value::from(sent.clone()),
            days_word(due_d, today, sent_d),
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
        // A report sent after `today` is not in yet, as of today.
        let sent_d = sent_d.filter(|d| *d <= today);
        let sent = sent_d.map(|d| d.to_string());
        s.tones.push(standing_tone(research::standing(sent_d, due, today)));
        let state = match research::timeliness(sent_d, due, today) {
            "late" => Value::Coded { code: "late".into(), label: t!("status-handed-in-late") },
            "on-time" => Value::Coded { code: "on-time".into(), label: t!("status-handed-in-on-time") },
            _ => days_word(due, today, None),
        };
        s.rows.push(vec![Value::from(code), Value::from(due.to_string()), Value::from(sent), state]);
    }
    // For people, a province's hundred groups: the worst-off first, a screen of them.
    if limit.is_some() {
        worst_first(&mut s);
    }
    cut(&mut s, limit, "zoufang research list");
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
    for r in query::rows(conn, groups::PROGRESS_SQL, [&t])? {
        let n = |i: usize| if let Value::Int(x) = r[i] { x } else { 0 };
        let code = r[0].text().into_owned();
        if limit.is_none_or(|l| s.bars.len() < 2 * l) {
            s.bars.push((t!("status-bar-villages", group = code.as_str()), n(9), n(10)));
            s.bars.push((t!("status-bar-enterprises", group = code.as_str()), n(11), n(12)));
        }
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
    cut(&mut s, limit, "zoufang group list");
    sections.push(s);

    // The problem ledger at a glance.
    let mut s = Section::new(
        "findings",
        "问题台账",
        "Findings",
        vec![col("measure", "指标", "measure"), col("count", "数量", "count")],
    );
    // Each finding as it stood on `today` (its span holding the date), found on or before it.
    let mut n = [0i64; 6];
    let mut by_area: std::collections::BTreeMap<String, [i64; 3]> = std::collections::BTreeMap::new();
    let area_len = match c.level {
        Level::Province => Some(4),
        Level::City => Some(6),
        _ => None,
    };
    let mut stmt = conn.prepare_cached(
        "SELECT status, due, county FROM finding_spans WHERE to_date > ?1 AND from_date <= ?1 AND created_on <= ?1",
    )?;
    let mut rows = stmt.query([&t])?;
    while let Some(r) = rows.next()? {
        let status: String = r.get(0)?;
        let due: Option<String> = r.get(1)?;
        let open = !finding::is_resolved(&status);
        let overdue = finding::is_overdue(&status, due.as_deref(), t.as_str());
        n[0] += 1;
        n[1] += i64::from(open);
        n[2] += i64::from(overdue);
        n[3] += i64::from(matches!(status.as_str(), "referred" | "acknowledged"));
        n[4] += i64::from(status == "resolved");
        n[5] += i64::from(status == "closed");
        if let Some(len) = area_len {
            let county: Option<String> = r.get(2)?;
            let area: String = county.unwrap_or_default().chars().take(len).collect();
            let e = by_area.entry(area).or_default();
            e[0] += 1;
            e[1] += i64::from(open);
            e[2] += i64::from(overdue);
        }
    }
    for (i, key) in
        ["total", "open", "overdue", "referred", "awaiting_follow_up", "closed"].into_iter().enumerate()
    {
        let label = crate::i18n::render(
            crate::i18n::lang(),
            &format!("status-measure-{}", key.replace('_', "-")),
            &[],
        );
        s.tones.push(if key == "overdue" && n[i] > 0 { Tone::Alert } else { Tone::Plain });
        s.rows.push(vec![Value::Coded { code: key.to_string(), label }, Value::Int(n[i])]);
    }
    sections.push(s);

    // At a city or province: the same figures per county or city, the worst-off first.
    if area_len.is_some() {
        let (zh, en) = if c.level == Level::Province {
            ("各市问题", "Findings by city")
        } else {
            ("各县问题", "Findings by county")
        };
        let mut s = Section::new(
            "findings_by_area",
            zh,
            en,
            vec![
                col("code", "代码", "code"),
                col("name", "名称", "name"),
                col("total", "问题总数", "findings"),
                col("open", "未办结", "open"),
                col("overdue", "逾期", "overdue"),
            ],
        );
        let mut areas: Vec<(String, [i64; 3])> = by_area.into_iter().collect();
        areas.sort_by(|a, b| (b.1[2], b.1[1], &a.0).cmp(&(a.1[2], a.1[1], &b.0)));
        let mut name = conn.prepare_cached("SELECT name FROM areas WHERE code = ?1")?;
        for (code, [total, open, overdue]) in areas {
            let nm: Option<String> = name.query_row([&code], |r| r.get(0)).optional()?;
            s.rows.push(vec![
                Value::from(code),
                Value::from(nm),
                Value::Int(total),
                Value::Int(open),
                Value::Int(overdue),
            ]);
        }
        s.tones = s
            .rows
            .iter()
            .map(|r| if matches!(r[4], Value::Int(n) if n > 0) { Tone::Alert } else { Tone::Plain })
            .collect();
        cut(&mut s, limit, &format!("zoufang --today {t} status --format csv"));
        sections.push(s);
    }

    let mut s = section(
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
        "SELECT v.date, v.group_code, substr(v.id, 1, 8), x.code, x.note FROM visit_violations x
         JOIN live_visits v ON v.id = x.visit_id WHERE v.date <= ?1 ORDER BY v.date, v.id, x.code",
        [&t],
    )?;
    for r in &mut s.rows {
        if let Value::Text(code) = &r[3] {
            let label = crate::i18n::render(crate::i18n::lang(), &format!("prohibition-{code}"), &[]);
            r[3] = Value::Coded { code: code.clone(), label };
        }
    }
    cut(&mut s, limit, &format!("zoufang visit list --violations --until {t}"));
    sections.push(s);

    // Counties of the bureau's area that no visit has reached yet.
    let mut s = section(
        conn,
        "uncovered",
        "尚未走访的县",
        "Counties not yet covered",
        vec![col("county", "县", "county"), col("name", "名称", "name")],
        "SELECT a.code, a.name FROM areas a WHERE a.level = ?2 AND a.code LIKE ?1 || '%'
           AND NOT EXISTS (SELECT 1 FROM live_visits v WHERE v.county = a.code AND v.date <= ?3) ORDER BY a.code",
        params![c.org, Level::County as i64, t],
    )?;
    cut(&mut s, limit, &format!("zoufang report progress --as-of {t}"));
    sections.push(s);

    Ok(Document::new(
        t!("status-title", name = c.name.as_str(), year = c.year),
        vec![("today".into(), Value::from(today.to_string())), ("org".into(), Value::from(c.org.as_str()))],
        sections,
    ))
}

#[cfg(test)]
mod screen_tests {
    use super::*;

    #[test]
    fn a_long_section_shows_the_worst_off_first_then_points_to_the_rest() {
        let mut s =
            Section::new("research", "调研报告", "Research reports", vec![col("group", "走访组", "group")]);
        let tones = [Tone::Done, Tone::Plain, Tone::Alert, Tone::Warn, Tone::Plain, Tone::Alert];
        for (i, t) in tones.iter().enumerate() {
            s.rows.push(vec![Value::from(format!("G{i}"))]);
            s.tones.push(*t);
        }
        worst_first(&mut s);
        let order: Vec<String> = s.rows.iter().map(|r| r[0].human().into_owned()).collect();
        assert_eq!(
            order,
            ["G2", "G5", "G3", "G1", "G4", "G0"],
            "late, due soon, plain, done; stable within each"
        );
        assert_eq!(s.tones, [Tone::Alert, Tone::Alert, Tone::Warn, Tone::Plain, Tone::Plain, Tone::Done]);
        cut(&mut s, Some(2), "zoufang research list");
        assert_eq!(s.rows.len(), 2);
        assert!(s.text.iter().any(|t| t.contains("zoufang research list")), "{:?}", s.text);
    }
}
