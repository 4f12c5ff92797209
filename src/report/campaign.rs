//! The progress (3/25) and final (6/25) reports: every figure for the period and cumulative
//! (当期/累计), as of a date, in the order such reports keep: 基本情况 → 主要做法 → 成效 →
//! 存在问题 → 下一步打算. A report as of a past date counts only what was dated on or before it, so
//! it can be produced again later and come out the same.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::query::{rate, rows, section};
use super::tally::{self, Both, Counts, Findings, FollowUps, Reach, Visits};
use super::written;
use crate::domain::codes::Level;
use crate::domain::{dates, reference, research};
use crate::io::document::{Document, Section};
use crate::io::output::{col, Column, Value};
use crate::store::Campaign;
use crate::t;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Progress,
    Final,
}

pub struct Period {
    pub start: NaiveDate,
    pub as_of: NaiveDate,
    pub campaign_start: NaiveDate,
}

impl Period {
    /// The period of a report: since the day after the previous deliverable's deadline (the plan's
    /// 2/25 for progress, progress's 3/25 for final), unless `since` says otherwise.
    pub fn new(kind: Kind, year: i32, as_of: NaiveDate, since: Option<NaiveDate>) -> Period {
        let prev = match kind {
            Kind::Progress => "02-25",
            Kind::Final => "03-25",
        };
        let start = since.unwrap_or_else(|| dates::deadline(year, prev) + chrono::Days::new(1));
        Period { start, as_of, campaign_start: dates::deadline(year, "01-01") }
    }
}

/// A row of a measures table: the stable key, the label in the reader's language, the figures.
fn measure((key, zh, en): (&str, &str, &str), figures: Vec<Value>) -> Vec<Value> {
    let label = match crate::i18n::lang() {
        crate::i18n::Lang::Zh => zh,
        crate::i18n::Lang::En => en,
    };
    let mut row = vec![Value::from(key), Value::from(label)];
    row.extend(figures);
    row
}

/// A findings breakdown (by category, division or county): each row its key and label, then the
/// figures with the rates, each for the period and cumulatively.
fn findings_section<'a>(
    (key, zh, en): (&'static str, &str, &str),
    first: [Column; 2],
    rows: impl Iterator<Item = Result<(Value, Value, &'a Counts)>>,
) -> Result<Section> {
    let mut columns = first.to_vec();
    columns.extend([
        col("found_period", "当期发现", "found (period)"),
        col("found", "累计发现", "found (cumulative)"),
        col("on_site_period", "当期现场解决", "solved on the spot (period)"),
        col("on_site", "现场解决", "solved on the spot"),
        col("taken_back_period", "当期带回办理", "taken back (period)"),
        col("taken_back", "带回办理", "taken back"),
        col("referred_period", "当期转办", "referred (period)"),
        col("referred", "转办", "referred"),
        col("resolved_period", "当期已办结", "resolved (period)"),
        col("resolved", "已办结", "resolved"),
        col("resolution_rate_period", "当期办结率%", "resolution rate % (period)"),
        col("resolution_rate", "办结率%", "resolution rate %"),
        col("on_time_rate_period", "当期按期办结率%", "on-time rate % (period)"),
        col("on_time_rate", "按期办结率%", "on-time rate %"),
        col("overdue_period", "当期逾期", "overdue (period)"),
        col("overdue", "逾期", "overdue"),
    ]);
    let mut s = Section::new(key, zh, en, columns);
    for row in rows {
        let (key, label, c) = row?;
        let (p, a) = (&c.period, &c.all);
        s.rows.push(vec![
            key,
            label,
            Value::Int(p.found),
            Value::Int(a.found),
            Value::Int(p.on_site),
            Value::Int(a.on_site),
            Value::Int(p.taken_back),
            Value::Int(a.taken_back),
            Value::Int(p.referred),
            Value::Int(a.referred),
            Value::Int(p.resolved),
            Value::Int(a.resolved),
            rate(p.resolved, p.found),
            rate(a.resolved, a.found),
            rate(p.on_time, p.resolved),
            rate(a.on_time, a.resolved),
            Value::Int(p.overdue),
            Value::Int(a.overdue),
        ]);
    }
    Ok(s)
}

/// A row starting with a work item's number and its Chinese name: the name in the reader's language.
fn item_label(row: &mut [Value]) {
    if let [Value::Int(code), name, ..] = row {
        *name = Value::from(written::item_name(*code, &name.text()));
    }
}

/// One value looked up by key with a one-column query (a name, a label), or null.
fn lookup(conn: &Connection, sql: &str, key: &dyn rusqlite::ToSql) -> Result<Value> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row([key], |r| r.get::<_, Option<String>>(0))
        .optional()?
        .flatten()
        .map_or(Value::Null, Value::from))
}

/// The distinct places a group or county reached, counted.
fn reached(r: Option<&Reach>) -> (Both, Both, Both, i64) {
    r.map_or((Both::default(), Both::default(), Both::default(), 0), |r| {
        let (villages, enterprises, counties) = r.places();
        (r.visits, villages, enterprises, counties)
    })
}

/// Everything a progress or final report counts, gathered once.
pub struct Figures {
    pub v: Visits,
    pub f: Findings,
    pub fu: FollowUps,
    /// Groups formed, and the people in them (those formed in the period for the period).
    pub groups: Both,
    pub people: Both,
    /// The counties the bureau's area holds.
    pub counties_total: i64,
}

fn gather(conn: &Connection, c: &Campaign, p: &Period) -> Result<Figures> {
    let (asof, start) = (p.as_of.to_string(), p.start.to_string());
    let counties_total: i64 = conn.query_row(
        "SELECT count(*) FROM areas WHERE level = ?2 AND code LIKE ?1 || '%'",
        params![c.org, Level::County as i64],
        |r| r.get(0),
    )?;
    let both = |sql: &str| -> Result<Both> {
        let cumulative: i64 = conn.query_row(sql, params![asof, "0000-00-00"], |r| r.get(0))?;
        let period: i64 = conn.query_row(sql, params![asof, start], |r| r.get(0))?;
        Ok(Both { period, cumulative })
    };
    Ok(Figures {
        v: tally::visits(conn, p)?,
        f: tally::findings(conn, p, c.level == Level::County)?,
        fu: tally::follow_ups(conn, p)?,
        groups: both("SELECT count(*) FROM groups WHERE formed_on <= ?1 AND formed_on >= ?2")?,
        people: both(
            "SELECT count(DISTINCT m.staff_id) FROM group_members m JOIN groups g ON g.code = m.group_code
             WHERE g.formed_on <= ?1 AND g.formed_on >= ?2",
        )?,
        counties_total,
    })
}

pub fn compute(conn: &Connection, c: &Campaign, kind: Kind, p: &Period) -> Result<Document> {
    let fig = gather(conn, c, p)?;
    let mut sections = basic(conn, c, p, &fig)?;
    sections.extend(approach(conn, c, kind, p, &fig)?);
    sections.extend(results(conn, &fig)?);
    let uncovered = sections.iter().find(|x| x.key == "uncovered").map_or(0, |x| x.rows.len());
    sections.push(problems(conn, p, &fig, uncovered)?);
    if c.level < Level::County {
        sections.push(lower_deliverables(conn, c, p, &fig.v)?);
    }
    let mut next = Section::new("next_steps", "五、下一步打算", "5. Next steps", vec![]);
    next.text.push(t!("doc-todo-next"));
    sections.push(next);

    let title = t!(
        "doc-data-title",
        name = c.name.clone(),
        year = c.year.to_string(),
        kind = if kind == Kind::Progress { "progress" } else { "final" }
    );
    let mut doc = Document::new(
        title,
        vec![
            ("org".into(), Value::from(c.org.as_str())),
            ("as_of".into(), Value::from(p.as_of.to_string())),
            ("period".into(), Value::from(format!("{} ~ {}", p.start, p.as_of))),
            ("cumulative".into(), Value::from(format!("{} ~ {}", p.campaign_start, p.as_of))),
        ],
        sections,
    );
    doc.written = Some(written::report(conn, c, kind, p, &fig, &doc.sections)?);
    doc.summary = Some(written::summary(conn, c, p, &fig)?);
    Ok(doc)
}

/// 一、基本情况: the people, the visits and the places reached, by work item, group, county and week.
fn basic(conn: &Connection, c: &Campaign, p: &Period, fig: &Figures) -> Result<Vec<Section>> {
    let (asof, v) = (p.as_of.to_string(), &fig.v);
    let mut sections = Vec::new();
    let mut s = Section::new(
        "basic",
        "一、基本情况",
        "1. Overview",
        vec![
            col("measure", "指标", "measure"),
            col("label", "名称", "label"),
            col("period", "当期", "period"),
            col("cumulative", "累计", "cumulative"),
        ],
    );
    for (label, n) in [
        (("groups", "走访组", "groups"), fig.groups),
        (("people", "参加人员", "people"), fig.people),
        (("visits", "走访次数", "visits"), v.visits),
        (("villages", "走访村", "villages"), v.villages.counts()),
        (("households", "走访农户", "households"), v.households),
        (("enterprises", "走访企业", "enterprises"), v.enterprises.counts()),
        (("zones", "产业集聚区", "industrial clusters"), v.zones.counts()),
        (("bureaus", "县级环保部门", "county bureaus"), v.bureaus.counts()),
        (("forums", "召开座谈会", "forums"), v.forums),
        (("receptions", "大接访", "receptions"), v.receptions),
        (("counties", "覆盖县", "counties covered"), v.counties.counts()),
    ] {
        s.rows.push(measure(label, vec![Value::Int(n.period), Value::Int(n.cumulative)]));
    }
    s.rows.push(measure(
        ("counties_total", "应覆盖县", "counties to cover"),
        vec![Value::Null, Value::Int(fig.counties_total)],
    ));
    sections.push(s);

    let mut s = Section::new(
        "visits_by_item",
        "走访情况（按重点内容）",
        "Visits by work item",
        vec![
            col("item", "序号", "item"),
            col("name", "重点内容", "work item"),
            col("lead_division", "牵头处室", "lead division"),
            col("period", "当期", "period"),
            col("cumulative", "累计", "cumulative"),
        ],
    );
    for mut r in rows(conn, "SELECT code, name_zh, lead_division FROM work_items ORDER BY code", [])? {
        let n = match r[0] {
            Value::Int(item) => v.by_item.get(&item).copied().unwrap_or_default(),
            _ => Both::default(),
        };
        item_label(&mut r);
        r.extend([Value::Int(n.period), Value::Int(n.cumulative)]);
        s.rows.push(r);
    }
    sections.push(s);

    let mut by_group = Section::new(
        "visits_by_group",
        "走访情况（按走访组）",
        "Visits by group",
        vec![
            col("group", "走访组代码", "group"),
            col("name", "走访组", "group name"),
            col("leader", "组长", "leader"),
            col("period", "当期走访", "visits (period)"),
            col("cumulative", "累计走访", "visits (cumulative)"),
            col("villages_period", "当期走访村", "villages (period)"),
            col("villages", "村", "villages"),
            col("quota_villages", "村配额", "village quota"),
            col("enterprises_period", "当期走访企业", "enterprises (period)"),
            col("enterprises", "企业", "enterprises"),
            col("quota_enterprises", "企业配额", "enterprise quota"),
            col("counties", "县", "counties"),
            col("quota_counties", "县配额", "county quota"),
        ],
    );
    for r in rows(
        conn,
        "SELECT g.code, nullif(g.name, ''),
                (SELECT s.name FROM group_members m JOIN staff s ON s.id = m.staff_id WHERE m.group_code = g.code AND m.role = 'leader'),
                g.quota_villages, g.quota_enterprises, g.quota_counties
         FROM groups g WHERE g.formed_on <= ?1 ORDER BY g.code",
        [&asof],
    )? {
        let code = r[0].text().into_owned();
        let (n, villages, enterprises, counties) = reached(v.by_group.get(&code));
        let quota = |i: usize| if let Value::Int(x) = r[i] { x } else { 0 };
        by_group.bars.push((format!("{code} 村"), villages.cumulative, quota(3)));
        by_group.bars.push((format!("{code} 企业"), enterprises.cumulative, quota(4)));
        by_group.rows.push(vec![
            r[0].clone(),
            r[1].clone(),
            r[2].clone(),
            Value::Int(n.period),
            Value::Int(n.cumulative),
            Value::Int(villages.period),
            Value::Int(villages.cumulative),
            r[3].clone(),
            Value::Int(enterprises.period),
            Value::Int(enterprises.cumulative),
            r[4].clone(),
            Value::Int(counties),
            r[5].clone(),
        ]);
    }
    sections.push(by_group);

    let county_cols = || {
        vec![
            col("county", "县代码", "county"),
            col("name", "县", "county name"),
            col("city", "所属市", "city"),
        ]
    };
    let mut by_county =
        Section::new("visits_by_county", "走访情况（按市县）", "Visits by city and county", {
            let mut c = county_cols();
            c.extend([
                col("period", "当期走访", "visits (period)"),
                col("cumulative", "累计走访", "visits (cumulative)"),
                col("villages_period", "当期走访村", "villages (period)"),
                col("villages", "走访村", "villages"),
                col("enterprises_period", "当期走访企业", "enterprises (period)"),
                col("enterprises", "走访企业", "enterprises"),
                col("covered", "已覆盖", "covered"),
            ]);
            c
        });
    let mut uncovered = Section::new("uncovered", "尚未覆盖的县", "Counties not yet covered", county_cols());
    for r in rows(
        conn,
        "SELECT a.code, a.name, (SELECT name FROM areas p WHERE p.code = a.parent) FROM areas a
         WHERE a.level = 3 AND a.code LIKE ?1 || '%' ORDER BY a.code",
        [&c.org],
    )? {
        let (n, villages, enterprises, _) = reached(v.by_county.get(r[0].text().as_ref()));
        if n.cumulative == 0 {
            uncovered.rows.push(r.clone());
        }
        let mut row = r;
        row.extend([
            Value::Int(n.period),
            Value::Int(n.cumulative),
            Value::Int(villages.period),
            Value::Int(villages.cumulative),
            Value::Int(enterprises.period),
            Value::Int(enterprises.cumulative),
            Value::from(if n.cumulative > 0 { t!("doc-yes") } else { t!("doc-no") }),
        ]);
        by_county.rows.push(row);
    }
    if c.level == Level::City {
        uncovered.text.push(t!("doc-city-covers-all"));
    }
    sections.push(by_county);
    sections.push(uncovered);

    let mut s = Section::new(
        "visits_by_week",
        "每周走访次数",
        "Visits per week",
        vec![col("week", "周（起始日）", "week starting"), col("visits", "走访次数", "visits")],
    );
    for (week, n) in &v.by_week {
        s.rows.push(vec![week.map_or(Value::Null, |w| Value::from(w.to_string())), Value::Int(*n)]);
    }
    sections.push(s);
    Ok(sections)
}

/// 二、主要做法: the lead divisions' work plans, the final report's outline (one section per work
/// item), the research reports, the typical cases and the publicity.
fn approach(conn: &Connection, c: &Campaign, kind: Kind, p: &Period, fig: &Figures) -> Result<Vec<Section>> {
    let asof = p.as_of.to_string();
    let mut sections = Vec::new();
    let mut s = section(
        conn,
        "workplans",
        "二、主要做法：牵头处室工作方案",
        "2. Approach: lead divisions' work plans",
        vec![col("item", "序号", "item"), col("name", "重点内容", "work item"), col("lead_division", "牵头处室", "lead division"), col("submitted_on", "方案报送", "plan sent")],
        "SELECT w.code, w.name_zh, w.lead_division,
                (SELECT submitted_on FROM workplans p WHERE p.org = ?2 AND p.item = w.code AND p.submitted_on <= ?1)
         FROM work_items w ORDER BY w.code",
        params![asof, c.org],
    )?;
    s.text.push(t!("doc-todo-approach"));
    s.rows.iter_mut().for_each(|r| item_label(r));
    sections.push(s);

    if kind == Kind::Final {
        sections.extend(outline(conn, p, &fig.v, &fig.f)?);
    }

    let mut research_rows = Section::new(
        "research",
        "调研报告",
        "Research reports",
        vec![
            col("group", "走访组代码", "group"),
            col("name", "走访组", "group name"),
            col("due", "应交日期", "due"),
            col("submitted_on", "提交日期", "submitted"),
            col("chars", "字数", "characters"),
            col("state", "状态代码", "state"),
            col("state_label", "状态", "state (label)"),
        ],
    );
    for r in rows(
        conn,
        "SELECT g.code, g.date_to, min(r.submitted_on), max(r.chars), nullif(g.name, '') FROM groups g
         LEFT JOIN research_reports r ON r.group_code = g.code AND r.submitted_on <= ?1
         WHERE g.formed_on <= ?1 GROUP BY g.code ORDER BY g.code",
        [&asof],
    )? {
        let due = research::due(dates::parse(&r[1].text())?);
        let sent = match &r[2] {
            Value::Text(t) => Some(dates::parse(t)?),
            _ => None,
        };
        let state = research::timeliness(sent, due, p.as_of);
        research_rows.rows.push(vec![
            r[0].clone(),
            r[4].clone(),
            Value::from(due.to_string()),
            r[2].clone(),
            r[3].clone(),
            Value::from(state),
            Value::from(match crate::i18n::lang() {
                crate::i18n::Lang::Zh => research::timeliness_label(state).to_string(),
                crate::i18n::Lang::En => state.replace('-', " "),
            }),
        ]);
    }
    sections.push(research_rows);

    sections.push(section(
        conn,
        "cases",
        "典型经验",
        "Typical cases",
        vec![
            col("date", "日期", "date"),
            col("item", "重点内容", "work item"),
            col("county", "县代码", "county"),
            col("county_name", "县", "county name"),
            col("title", "标题", "title"),
            col("summary", "摘要", "summary"),
        ],
        "SELECT c.date, (SELECT name_zh FROM work_items w WHERE w.code = c.item), c.county,
                (SELECT name FROM areas a WHERE a.code = c.county), c.title, c.summary
         FROM cases c WHERE c.date <= ?1 ORDER BY c.date, c.id",
        [&asof],
    )?);
    sections.push(section(
        conn,
        "publicity",
        "宣传报道",
        "Publicity",
        vec![
            col("date", "日期", "date"),
            col("outlet", "媒体", "outlet"),
            col("title", "标题", "title"),
            col("item", "重点内容", "work item"),
        ],
        "SELECT p.date, p.outlet, p.title, (SELECT name_zh FROM work_items w WHERE w.code = p.item)
         FROM publicity p WHERE p.date <= ?1 ORDER BY p.date, p.id",
        [&asof],
    )?);
    Ok(sections)
}

/// 三、成效: the findings and how they were handled, follow-ups, referrals, receptions, hazards.
fn results(conn: &Connection, fig: &Figures) -> Result<Vec<Section>> {
    let (f, v, fu) = (&fig.f, &fig.v, &fig.fu);
    let mut sections = Vec::new();
    let (tp, ta) = (&f.total.period, &f.total.all);
    let mut s = Section::new(
        "results",
        "三、成效",
        "3. Results",
        vec![
            col("measure", "指标", "measure"),
            col("label", "名称", "label"),
            col("period", "当期", "period"),
            col("value", "累计", "cumulative"),
        ],
    );
    let int = |p: i64, a: i64| vec![Value::Int(p), Value::Int(a)];
    for (label, figures) in [
        (("found_period", "当期发现问题", "found in the period"), int(tp.found, tp.found)),
        (("found", "发现问题", "found"), int(tp.found, ta.found)),
        (("on_site", "现场解决", "solved on the spot"), int(tp.on_site, ta.on_site)),
        (("taken_back", "带回办理", "taken back"), int(tp.taken_back, ta.taken_back)),
        (("referred", "转办", "referred"), int(tp.referred, ta.referred)),
        (("resolved", "已办结", "resolved"), int(tp.resolved, ta.resolved)),
        (("closed", "已销号", "closed"), int(tp.closed, ta.closed)),
        (
            ("resolution_rate", "办结率%", "resolution rate %"),
            vec![rate(tp.resolved, tp.found), rate(ta.resolved, ta.found)],
        ),
        (
            ("on_time_rate", "按期办结率%", "on-time rate %"),
            vec![rate(tp.on_time, tp.resolved), rate(ta.on_time, ta.resolved)],
        ),
        (("overdue", "逾期", "overdue"), int(tp.overdue, ta.overdue)),
        (("follow_ups", "回访", "follow-ups"), int(fu.follow_ups.period, fu.follow_ups.cumulative)),
        (
            ("satisfaction_rate", "满意率%", "satisfaction rate %"),
            vec![
                rate(fu.content.period, fu.follow_ups.period),
                rate(fu.content.cumulative, fu.follow_ups.cumulative),
            ],
        ),
        (
            ("unsatisfied", "不满意(重办)", "unsatisfied (handled again)"),
            int(fu.unsatisfied.period, fu.unsatisfied.cumulative),
        ),
        (
            ("resolved_dated", "办结（按办结日期）", "resolved (by date of resolution)"),
            int(f.total.resolved_in_period, ta.resolved),
        ),
    ] {
        s.rows.push(measure(label, figures));
    }
    sections.push(s);

    sections.push(findings_section(
        ("findings_by_category", "问题（按类别）", "Findings by category"),
        [col("category", "类别", "category"), col("label", "名称", "label")],
        f.by_category.iter().map(|(category, counts)| {
            let label = crate::domain::sets::label_of::<crate::domain::sets::Category>(category);
            Ok((Value::from(category.as_str()), Value::from(label), counts))
        }),
    )?);
    sections.push(findings_section(
        ("findings_by_division", "问题（按主办处室）", "Findings by handling division"),
        [col("division", "主办处室", "division"), col("lead_of", "牵头事项", "lead of")],
        f.by_division.iter().map(|(division, counts)| {
            let sql = "SELECT group_concat(code) FROM work_items WHERE lead_division = ?1";
            Ok((Value::from(division.as_str()), lookup(conn, sql, division)?, counts))
        }),
    )?);
    sections.push(findings_section(
        ("findings_by_county", "问题（按县）", "Findings by county"),
        [col("county", "县代码", "county"), col("name", "县", "county name")],
        f.by_county.iter().map(|(county, counts)| {
            let name = lookup(conn, "SELECT name FROM areas WHERE code = ?1", county)?;
            Ok((county.as_deref().map_or(Value::Null, Value::from), name, counts))
        }),
    )?);

    let mut s = Section::new(
        "findings_by_status",
        "问题（按状态）",
        "Findings by status",
        vec![
            col("status", "状态", "status"),
            col("label", "名称", "label"),
            col("env", "本级办理", "route env"),
            col("other", "转办", "route other"),
            col("count", "合计", "count"),
        ],
    );
    for (status, _) in crate::domain::finding::STATUSES {
        let label = crate::domain::sets::label_of::<crate::domain::sets::FindingStatus>(status);
        let [env, other] = f.by_status.get(status).copied().unwrap_or_default();
        s.rows.push(vec![
            Value::from(status),
            Value::from(label),
            Value::Int(env),
            Value::Int(other),
            Value::Int(env + other),
        ]);
    }
    sections.push(s);
    let mut s = Section::new(
        "referrals",
        "转办情况",
        "Referrals",
        vec![
            col("refer_to", "转办对象", "referred to"),
            col("referred_period", "当期转办", "referred (period)"),
            col("referred", "转办数", "referred"),
            col("acknowledged_period", "当期已签收", "acknowledged (period)"),
            col("acknowledged", "已签收", "acknowledged"),
            col("answered_period", "当期已答复", "answered (period)"),
            col("answered", "已答复", "answered"),
            col("overdue_period", "当期逾期", "overdue (period)"),
            col("overdue", "逾期", "overdue"),
        ],
    );
    for (to, n) in &f.by_refer_to {
        let (p, a) = (&n.period, &n.all);
        s.rows.push(vec![
            Value::from(to.as_str()),
            Value::Int(p.found),
            Value::Int(a.found),
            Value::Int(p.acknowledged),
            Value::Int(a.acknowledged),
            Value::Int(p.resolved),
            Value::Int(a.resolved),
            Value::Int(p.overdue),
            Value::Int(a.overdue),
        ]);
    }
    sections.push(s);
    let petitions = f.by_category.get("petition").copied().unwrap_or_default();
    let figures = |rows: [((&str, &str, &str), i64, i64); 3]| {
        rows.iter().map(|(label, p, n)| measure(*label, vec![Value::Int(*p), Value::Int(*n)])).collect()
    };
    let measures = || {
        vec![
            col("measure", "指标", "measure"),
            col("label", "名称", "label"),
            col("period", "当期", "period"),
            col("value", "累计", "cumulative"),
        ]
    };
    let mut s =
        Section::new("receptions", "领导干部大接访和信访诉求", "Receptions and petitions", measures());
    s.rows = figures([
        (("receptions", "接访场次", "receptions"), v.receptions.period, v.receptions.cumulative),
        (("petitions", "信访诉求", "petitions"), petitions.period.found, petitions.all.found),
        (
            ("petitions_resolved", "已办结", "petitions resolved"),
            petitions.period.resolved,
            petitions.all.resolved,
        ),
    ]);
    sections.push(s);
    let hazards = f.by_item.get(&reference::HAZARD_ITEM).copied().unwrap_or_default();
    let mut s =
        Section::new("hazards", "环境安全隐患排查整改", "Hazards and their rectification", measures());
    s.rows = figures([
        (("hazards", "排查隐患", "hazards found"), hazards.period.found, hazards.all.found),
        (("rectified", "已整改", "rectified"), hazards.period.resolved, hazards.all.resolved),
        (("overdue", "逾期未整改", "overdue, not rectified"), hazards.period.overdue, hazards.all.overdue),
    ]);
    sections.push(s);
    Ok(sections)
}

/// 四、存在问题: the discipline violations, with a line on what is overdue and not yet covered.
fn problems(conn: &Connection, p: &Period, fig: &Figures, uncovered: usize) -> Result<Section> {
    let mut s = violations(
        conn,
        "violations",
        "四、存在问题：违反“五不准”",
        "4. Problems: discipline violations",
        p.as_of,
    )?;
    s.text.push(t!(
        "doc-problems-line",
        date = p.as_of,
        overdue = fig.f.total.all.overdue,
        uncovered = uncovered as i64
    ));
    Ok(s)
}

/// The visits that broke one of the five prohibitions (违反“五不准”), up to a date.
pub fn violations(
    conn: &Connection,
    key: &'static str,
    zh: &str,
    en: &str,
    as_of: NaiveDate,
) -> Result<Section> {
    section(
        conn,
        key,
        zh,
        en,
        vec![col("date", "日期", "date"), col("group", "走访组代码", "group"), col("name", "走访组", "group name"), col("visit", "走访记录", "visit"), col("violation", "违反事项", "violation"), col("note", "说明", "note")],
        "SELECT v.date, v.group_code, (SELECT nullif(name, '') FROM groups g WHERE g.code = v.group_code), substr(v.id, 1, 8), p.name_zh, x.note FROM visit_violations x
         JOIN live_visits v ON v.id = x.visit_id JOIN prohibitions p ON p.code = x.code WHERE v.date <= ?1 ORDER BY v.date, v.id, x.code",
        [as_of.to_string()],
    )
}

/// Which lower bureaus (a province's cities, a city's counties) sent each deliverable on time,
/// late, or not at all, and how much of their data has come up.
fn lower_deliverables(conn: &Connection, c: &Campaign, p: &Period, v: &Visits) -> Result<Section> {
    let lower = if c.level == Level::Province { Level::City } else { Level::County };
    let mut s = Section::new(
        "lower_deliverables",
        "下级报送情况",
        "Deliverables of lower bureaus",
        vec![
            col("org", "单位代码", "org"),
            col("name", "单位", "name"),
            col("plan", "实施方案", "plan"),
            col("progress", "阶段性进展", "progress"),
            col("final", "书面报告", "final"),
            col("visits_received", "已上报走访", "visits received"),
            col("last_bundle", "最近一次数据上报", "last bundle received"),
        ],
    );
    let asof = p.as_of.to_string();
    for r in rows(
        conn,
        "SELECT a.code, a.name,
                (SELECT submitted_on FROM deliverable_submissions d WHERE d.org = a.code AND d.kind = 'plan' AND d.submitted_on <= ?3),
                (SELECT submitted_on FROM deliverable_submissions d WHERE d.org = a.code AND d.kind = 'progress' AND d.submitted_on <= ?3),
                (SELECT submitted_on FROM deliverable_submissions d WHERE d.org = a.code AND d.kind = 'final' AND d.submitted_on <= ?3),
                (SELECT substr(max(p.last_import), 1, 10) FROM sync_peers p
                 WHERE p.relation = 'lower' AND p.org LIKE a.code || '%' AND substr(p.last_import, 1, 10) <= ?3)
         FROM areas a WHERE a.level = ?2 AND a.code LIKE ?1 || '%' ORDER BY a.code",
        params![c.org, lower as i64, asof],
    )? {
        let mut out = vec![r[0].clone(), r[1].clone()];
        for (i, (_, _, mm_dd)) in reference::DELIVERABLES.iter().enumerate() {
            let due = dates::deadline(c.year, mm_dd);
            let sent = match &r[2 + i] {
                Value::Text(t) => Some(dates::parse(t)?),
                _ => None,
            };
            let when = sent.map(written::md).unwrap_or_default();
            let state = match research::timeliness(sent, due, p.as_of) {
                "on-time" => t!("doc-sent-on-time", date = when),
                "late" => t!("doc-sent-late", date = when),
                "missing" => t!("doc-not-sent"),
                _ => t!("doc-not-due"),
            };
            out.push(Value::from(state));
        }
        let prefix = r[0].text();
        let received: i64 =
            v.by_county.iter().filter(|(county, _)| county.starts_with(prefix.as_ref())).map(|(_, r)| r.visits.cumulative).sum();
        out.push(Value::Int(received));
        out.push(r[5].clone());
        s.rows.push(out);
    }
    Ok(s)
}

/// The written report's outline: one section per work item with its figures, ready to edit.
fn outline(conn: &Connection, p: &Period, v: &Visits, f: &Findings) -> Result<Vec<Section>> {
    let mut out = Vec::new();
    let items = rows(
        conn,
        "SELECT w.code, w.name_zh, w.lead_division, (SELECT count(*) FROM cases c WHERE c.item = w.code AND c.date <= ?1)
         FROM work_items w ORDER BY w.code",
        [p.as_of.to_string()],
    )?;
    for r in items {
        let code = if let Value::Int(x) = r[0] { x } else { 0 };
        let visits = v.by_item.get(&code).copied().unwrap_or_default();
        let n = f.by_item.get(&code).copied().unwrap_or_default();
        let cases = if let Value::Int(x) = r[3] { x } else { 0 };
        let (zh, en) = written::item_heading(code, &r[1].text());
        let mut s = Section::new("outline_item", &zh, &en, vec![]);
        s.text = written::item_paragraphs(p, &r[2].text(), visits, &n, cases);
        out.push(s);
    }
    Ok(out)
}
