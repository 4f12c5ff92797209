//! The progress (3/25) and final (6/25) reports: every figure for the period and cumulative
//! (当期/累计), as of a date, in the order such reports keep: 基本情况 → 主要做法 → 成效 →
//! 存在问题 → 下一步打算. A report as of a past date counts only what was dated on or before it, so
//! it can be produced again later and come out the same.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection};

use super::query::{rate, rows, section};
use crate::domain::codes::Level;
use crate::domain::{dates, reference, research};
use crate::io::document::{Document, Section};
use crate::io::output::{col, Column, Value};
use crate::store::Campaign;

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

/// A row of a measures table: "key 中文" split into the stable key and the label, then the figures.
fn measure(key_label: &str, figures: Vec<Value>) -> Vec<Value> {
    let (key, label) = key_label.split_once(' ').unwrap_or((key_label, ""));
    let mut row = vec![Value::from(key), Value::from(label)];
    row.extend(figures);
    row
}

/// Columns of a findings breakdown, shared by category, division and county.
fn findings_columns(first: Vec<Column>) -> Vec<Column> {
    let mut c = first;
    c.extend([
        col("found_period", "当期发现", "found (period)"),
        col("found", "累计发现", "found (cumulative)"),
        col("on_site", "现场解决", "solved on the spot"),
        col("taken_back", "带回办理", "taken back"),
        col("referred", "转办", "referred"),
        col("resolved", "已办结", "resolved"),
        col("resolution_rate", "办结率%", "resolution rate %"),
        col("on_time_rate", "按期办结率%", "on-time rate %"),
        col("overdue", "逾期", "overdue"),
    ]);
    c
}

/// Per-finding state as of the report date, in a temporary table the breakdowns read.
fn findings_as_of(conn: &Connection, p: &Period) -> Result<()> {
    conn.execute_batch("DROP TABLE IF EXISTS temp.fs")?;
    conn.execute(
        "CREATE TEMP TABLE fs AS
         SELECT f.id, f.category, f.route, f.division, f.refer_to, f.due, f.on_site, f.created_on,
                v.county, v.item, v.target_kind, e.st AS status, r.resolved_on,
                f.created_on >= ?2 AS in_period
         FROM findings f
         JOIN visits v ON v.id = f.visit_id
         -- SQLite takes a bare column from the row holding the only max(): the latest event.
         JOIN (SELECT finding_id, to_status AS st, max(seq) AS latest
               FROM finding_events WHERE date <= ?1 GROUP BY finding_id) e ON e.finding_id = f.id
         LEFT JOIN (SELECT finding_id, max(date) AS resolved_on FROM finding_events
                    WHERE to_status = 'resolved' AND date <= ?1 GROUP BY finding_id) r ON r.finding_id = f.id
         WHERE f.created_on <= ?1",
        params![p.as_of.to_string(), p.start.to_string()],
    )?;
    Ok(())
}

/// A findings breakdown: grouped by `key_sql` (an expression over fs), labelled by `label_sql`.
struct Breakdown<'a> {
    key: &'static str,
    zh: &'a str,
    en: &'a str,
    first: Vec<Column>,
    key_sql: &'a str,
    label_sql: &'a str,
}

/// A findings breakdown with the rates computed here.
fn findings_breakdown(conn: &Connection, p: &Period, b: Breakdown) -> Result<Section> {
    let Breakdown { key, zh, en, first, key_sql, label_sql } = b;
    let sql = format!(
        "SELECT {key_sql}, {label_sql}, sum(in_period), count(*), sum(on_site), sum(route = 'env' AND NOT on_site),
                sum(route = 'other'), sum(status IN ('resolved', 'closed')),
                sum(status IN ('resolved', 'closed') AND (due IS NULL OR resolved_on <= due)),
                sum(status NOT IN ('resolved', 'closed') AND due < ?1)
         FROM fs GROUP BY 1 ORDER BY 1"
    );
    let mut s = Section::new(key, zh, en, findings_columns(first));
    for r in rows(conn, &sql, [p.as_of.to_string()])? {
        let n = |i: usize| match r[i] {
            Value::Int(x) => x,
            _ => 0,
        };
        s.rows.push(vec![
            r[0].clone(),
            r[1].clone(),
            Value::Int(n(2)),
            Value::Int(n(3)),
            Value::Int(n(4)),
            Value::Int(n(5)),
            Value::Int(n(6)),
            Value::Int(n(7)),
            rate(n(7), n(3)),
            rate(n(8), n(7)),
            Value::Int(n(9)),
        ]);
    }
    Ok(s)
}

pub fn compute(conn: &Connection, c: &Campaign, kind: Kind, p: &Period) -> Result<Document> {
    let asof = p.as_of.to_string();
    let start = p.start.to_string();
    let mut sections = Vec::new();

    // 一、基本情况
    let basic = rows(
        conn,
        "SELECT
            count(*) FILTER (WHERE date >= ?1), count(*),
            count(DISTINCT target_code) FILTER (WHERE target_kind = 'village' AND date >= ?1),
            count(DISTINCT target_code) FILTER (WHERE target_kind = 'village'),
            coalesce(sum(json_extract(answers, '$.households')) FILTER (WHERE date >= ?1), 0),
            coalesce(sum(json_extract(answers, '$.households')), 0),
            count(DISTINCT target_code) FILTER (WHERE target_kind = 'enterprise' AND date >= ?1),
            count(DISTINCT target_code) FILTER (WHERE target_kind = 'enterprise'),
            count(DISTINCT target_code) FILTER (WHERE target_kind = 'zone' AND date >= ?1),
            count(DISTINCT target_code) FILTER (WHERE target_kind = 'zone'),
            count(DISTINCT target_code) FILTER (WHERE target_kind = 'bureau' AND date >= ?1),
            count(DISTINCT target_code) FILTER (WHERE target_kind = 'bureau'),
            count(*) FILTER (WHERE (method = 'forum' OR json_extract(answers, '$.forum') = 1) AND date >= ?1),
            count(*) FILTER (WHERE method = 'forum' OR json_extract(answers, '$.forum') = 1),
            count(*) FILTER (WHERE target_kind = 'reception' AND date >= ?1),
            count(*) FILTER (WHERE target_kind = 'reception'),
            count(DISTINCT county) FILTER (WHERE date >= ?1), count(DISTINCT county)
         FROM visits WHERE date <= ?2",
        params![start, asof],
    )?
    .pop()
    .unwrap_or_default();
    let counties_total: i64 = conn.query_row(
        "SELECT count(*) FROM areas WHERE level = ?2 AND code LIKE ?1 || '%'",
        params![c.org, Level::County as i64],
        |r| r.get(0),
    )?;
    let people: i64 = conn.query_row(
        "SELECT count(DISTINCT m.staff_id) FROM group_members m JOIN groups g ON g.code = m.group_code WHERE g.formed_on <= ?1",
        [&asof],
        |r| r.get(0),
    )?;
    let groups: i64 =
        conn.query_row("SELECT count(*) FROM groups WHERE formed_on <= ?1", [&asof], |r| r.get(0))?;
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
    s.rows.push(measure("groups 走访组", vec![Value::Null, Value::Int(groups)]));
    s.rows.push(measure("people 参加人员", vec![Value::Null, Value::Int(people)]));
    let labels = [
        "visits 走访次数",
        "villages 走访村",
        "households 走访农户",
        "enterprises 走访企业",
        "zones 产业集聚区",
        "bureaus 县级环保部门",
        "forums 召开座谈会",
        "receptions 大接访",
        "counties 覆盖县",
    ];
    for (i, l) in labels.iter().enumerate() {
        s.rows.push(measure(
            l,
            vec![
                basic.get(2 * i).cloned().unwrap_or(Value::Int(0)),
                basic.get(2 * i + 1).cloned().unwrap_or(Value::Int(0)),
            ],
        ));
    }
    s.rows.push(measure("counties_total 应覆盖县", vec![Value::Null, Value::Int(counties_total)]));
    sections.push(s);

    sections.push(section(
        conn,
        "visits_by_item",
        "走访情况（按重点内容）",
        "Visits by work item",
        vec![col("item", "序号", "item"), col("name", "重点内容", "work item"), col("lead_division", "牵头处室", "lead division"), col("period", "当期", "period"), col("cumulative", "累计", "cumulative")],
        "SELECT w.code, w.name_zh, w.lead_division,
                count(v.id) FILTER (WHERE v.date >= ?1), count(v.id)
         FROM work_items w LEFT JOIN visits v ON v.item = w.code AND v.date <= ?2 GROUP BY w.code ORDER BY w.code",
        params![start, asof],
    )?);

    let mut by_group = section(
        conn,
        "visits_by_group",
        "走访情况（按走访组）",
        "Visits by group",
        vec![
            col("group", "走访组", "group"),
            col("leader", "组长", "leader"),
            col("period", "当期走访", "visits (period)"),
            col("cumulative", "累计走访", "visits (cumulative)"),
            col("villages", "村", "villages"),
            col("quota_villages", "村配额", "village quota"),
            col("enterprises", "企业", "enterprises"),
            col("quota_enterprises", "企业配额", "enterprise quota"),
            col("counties", "县", "counties"),
            col("quota_counties", "县配额", "county quota"),
        ],
        "SELECT g.code,
                (SELECT s.name FROM group_members m JOIN staff s ON s.id = m.staff_id WHERE m.group_code = g.code AND m.role = 'leader'),
                count(v.id) FILTER (WHERE v.date >= ?1), count(v.id),
                count(DISTINCT v.target_code) FILTER (WHERE v.target_kind = 'village'), g.quota_villages,
                count(DISTINCT v.target_code) FILTER (WHERE v.target_kind = 'enterprise'), g.quota_enterprises,
                count(DISTINCT v.county), g.quota_counties
         FROM groups g LEFT JOIN visits v ON v.group_code = g.code AND v.date <= ?2
         WHERE g.formed_on <= ?2 GROUP BY g.code ORDER BY g.code",
        params![start, asof],
    )?;
    for r in &by_group.rows {
        let n = |i: usize| if let Value::Int(x) = r[i] { x } else { 0 };
        let g = r[0].text().into_owned();
        by_group.bars.push((format!("{g} 村"), n(4), n(5)));
        by_group.bars.push((format!("{g} 企业"), n(6), n(7)));
    }
    sections.push(by_group);

    sections.push(section(
        conn,
        "visits_by_county",
        "走访情况（按市县）",
        "Visits by city and county",
        vec![
            col("county", "县代码", "county"),
            col("name", "县", "county name"),
            col("city", "所属市", "city"),
            col("period", "当期走访", "visits (period)"),
            col("cumulative", "累计走访", "visits (cumulative)"),
            col("villages", "走访村", "villages"),
            col("enterprises", "走访企业", "enterprises"),
            col("covered", "已覆盖", "covered"),
        ],
        "SELECT a.code, a.name, (SELECT name FROM areas p WHERE p.code = a.parent),
                count(v.id) FILTER (WHERE v.date >= ?3), count(v.id),
                count(DISTINCT v.target_code) FILTER (WHERE v.target_kind = 'village'),
                count(DISTINCT v.target_code) FILTER (WHERE v.target_kind = 'enterprise'),
                CASE WHEN count(v.id) > 0 THEN '是' ELSE '否' END
         FROM areas a LEFT JOIN visits v ON v.county = a.code AND v.date <= ?2
         WHERE a.level = 3 AND a.code LIKE ?1 || '%' GROUP BY a.code ORDER BY a.code",
        params![c.org, asof, start],
    )?);

    let mut uncovered = section(
        conn,
        "uncovered",
        "尚未覆盖的县",
        "Counties not yet covered",
        vec![
            col("county", "县代码", "county"),
            col("name", "县", "county name"),
            col("city", "所属市", "city"),
        ],
        "SELECT a.code, a.name, (SELECT name FROM areas p WHERE p.code = a.parent) FROM areas a
         WHERE a.level = 3 AND a.code LIKE ?1 || '%'
           AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.county = a.code AND v.date <= ?2) ORDER BY a.code",
        params![c.org, asof],
    )?;
    if c.level == Level::City {
        uncovered.text.push("市级走访须覆盖所辖全部县（市、区）。".into());
    }
    sections.push(uncovered);

    sections.push(section(
        conn,
        "visits_by_week",
        "每周走访次数",
        "Visits per week",
        vec![col("week", "周（起始日）", "week starting"), col("visits", "走访次数", "visits")],
        "SELECT date(date, '-6 days', 'weekday 1'), count(*) FROM visits WHERE date <= ?1 GROUP BY 1 ORDER BY 1",
        [&asof],
    )?);

    // 二、主要做法 (with, in the final report, the outline of one section per work item)
    findings_as_of(conn, p)?;
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
    s.text.push("【请补充：组织领导、宣传发动、制度保障等主要做法】".into());
    sections.push(s);

    if kind == Kind::Final {
        sections.extend(outline(conn, &asof)?);
    }

    let mut research_rows = Section::new(
        "research",
        "调研报告",
        "Research reports",
        vec![
            col("group", "走访组", "group"),
            col("due", "应交日期", "due"),
            col("submitted_on", "提交日期", "submitted"),
            col("chars", "字数", "characters"),
            col("state", "状态代码", "state"),
            col("state_label", "状态", "state (label)"),
        ],
    );
    for r in rows(
        conn,
        "SELECT g.code, g.date_to, min(r.submitted_on), max(r.chars) FROM groups g
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
            Value::from(due.to_string()),
            r[2].clone(),
            r[3].clone(),
            Value::from(state),
            Value::from(research::timeliness_label(state)),
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
            col("county", "县", "county"),
            col("title", "标题", "title"),
            col("summary", "摘要", "summary"),
        ],
        "SELECT c.date, (SELECT name_zh FROM work_items w WHERE w.code = c.item), c.county, c.title, c.summary
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

    // 三、成效
    let totals = rows(
        conn,
        "SELECT sum(in_period), count(*), sum(on_site), sum(route = 'env' AND NOT on_site), sum(route = 'other'),
                sum(status IN ('resolved', 'closed')), sum(status IN ('resolved', 'closed') AND (due IS NULL OR resolved_on <= due)),
                sum(status NOT IN ('resolved', 'closed') AND due < ?1), sum(status = 'closed')
         FROM fs",
        [&asof],
    )?
    .pop()
    .unwrap_or_default();
    let t = |i: usize| match totals.get(i) {
        Some(Value::Int(x)) => *x,
        _ => 0,
    };
    let sat = rows(
        conn,
        "SELECT count(*) FILTER (WHERE satisfaction IN ('satisfied', 'basic')), count(*),
                count(*) FILTER (WHERE satisfaction = 'satisfied'), count(*) FILTER (WHERE satisfaction = 'unsatisfied')
         FROM finding_events WHERE satisfaction IS NOT NULL AND date <= ?1",
        [&asof],
    )?
    .pop()
    .unwrap_or_default();
    let sv = |i: usize| match sat.get(i) {
        Some(Value::Int(x)) => *x,
        _ => 0,
    };
    let mut s = Section::new(
        "results",
        "三、成效",
        "3. Results",
        vec![col("measure", "指标", "measure"), col("label", "名称", "label"), col("value", "数值", "value")],
    );
    for (label, v) in [
        ("found_period 当期发现问题", Value::Int(t(0))),
        ("found 累计发现问题", Value::Int(t(1))),
        ("on_site 现场解决", Value::Int(t(2))),
        ("taken_back 带回办理", Value::Int(t(3))),
        ("referred 转办", Value::Int(t(4))),
        ("resolved 已办结", Value::Int(t(5))),
        ("closed 已销号", Value::Int(t(8))),
        ("resolution_rate 办结率%", rate(t(5), t(1))),
        ("on_time_rate 按期办结率%", rate(t(6), t(5))),
        ("overdue 逾期", Value::Int(t(7))),
        ("follow_ups 回访", Value::Int(sv(1))),
        ("satisfaction_rate 满意率%", rate(sv(0), sv(1))),
        ("unsatisfied 不满意(重办)", Value::Int(sv(3))),
    ] {
        s.rows.push(measure(label, vec![v]));
    }
    sections.push(s);

    let cats: String = reference::CATEGORIES
        .iter()
        .map(|(c, l)| format!("WHEN '{c}' THEN '{l}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let label = format!("CASE category {cats} END");
    sections.push(findings_breakdown(
        conn,
        p,
        Breakdown {
            key: "findings_by_category",
            zh: "问题（按类别）",
            en: "Findings by category",
            first: vec![col("category", "类别", "category"), col("label", "名称", "label")],
            key_sql: "category",
            label_sql: &label,
        },
    )?);
    sections.push(findings_breakdown(
        conn,
        p,
        Breakdown {
            key: "findings_by_division",
            zh: "问题（按主办处室）",
            en: "Findings by handling division",
            first: vec![col("division", "主办处室", "division"), col("lead_of", "牵头事项", "lead of")],
            key_sql: "division",
            label_sql: "(SELECT group_concat(code) FROM work_items w WHERE w.lead_division = fs.division)",
        },
    )?);
    sections.push(findings_breakdown(
        conn,
        p,
        Breakdown {
            key: "findings_by_county",
            zh: "问题（按县）",
            en: "Findings by county",
            first: vec![col("county", "县代码", "county"), col("name", "县", "county name")],
            key_sql: "county",
            label_sql: "(SELECT name FROM areas a WHERE a.code = fs.county)",
        },
    )?);
    let statuses: Vec<String> = crate::domain::finding::STATUSES
        .iter()
        .enumerate()
        .map(|(i, (c, l))| format!("SELECT {i} AS ord, '{c}' AS code, '{l}' AS label"))
        .collect();
    sections.push(section(
        conn,
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
        &format!(
            "SELECT st.code, st.label, count(fs.id) FILTER (WHERE fs.route = 'env'),
                    count(fs.id) FILTER (WHERE fs.route = 'other'), count(fs.id)
             FROM ({}) st LEFT JOIN fs ON fs.status = st.code GROUP BY st.code ORDER BY st.ord",
            statuses.join(" UNION ALL ")
        ),
        [],
    )?);
    sections.push(section(
        conn,
        "referrals",
        "转办情况",
        "Referrals",
        vec![col("refer_to", "转办对象", "referred to"), col("referred", "转办数", "referred"), col("acknowledged", "已签收", "acknowledged"), col("answered", "已答复", "answered"), col("overdue", "逾期", "overdue")],
        "SELECT refer_to, count(*), sum(status IN ('acknowledged', 'resolved', 'closed')), sum(status IN ('resolved', 'closed')),
                sum(status NOT IN ('resolved', 'closed') AND due < ?1)
         FROM fs WHERE route = 'other' GROUP BY refer_to ORDER BY refer_to",
        [&asof],
    )?);
    sections.push(section(
        conn,
        "receptions",
        "领导干部大接访和信访诉求",
        "Receptions and petitions",
        vec![col("measure", "指标", "measure"), col("label", "名称", "label"), col("value", "数值", "value")],
        "SELECT 'receptions', '接访场次', count(*) FROM visits WHERE target_kind = 'reception' AND date <= ?1
         UNION ALL SELECT 'petitions', '信访诉求', count(*) FROM fs WHERE category = 'petition'
         UNION ALL SELECT 'petitions_resolved', '已办结', count(*) FROM fs WHERE category = 'petition' AND status IN ('resolved', 'closed')",
        [&asof],
    )?);
    sections.push(section(
        conn,
        "hazards",
        "环境安全隐患排查整改",
        "Hazards and their rectification",
        vec![col("measure", "指标", "measure"), col("label", "名称", "label"), col("value", "数值", "value")],
        "SELECT 'hazards', '排查隐患', count(*) FROM fs WHERE item = 5
         UNION ALL SELECT 'rectified', '已整改', count(*) FROM fs WHERE item = 5 AND status IN ('resolved', 'closed')
         UNION ALL SELECT 'overdue', '逾期未整改', count(*) FROM fs WHERE item = 5 AND status NOT IN ('resolved', 'closed') AND due < ?1",
        [&asof],
    )?);

    // 四、存在问题
    let mut s = section(
        conn,
        "violations",
        "四、存在问题：违反“五不准”",
        "4. Problems: discipline violations",
        vec![col("date", "日期", "date"), col("group", "走访组", "group"), col("visit", "走访记录", "visit"), col("violation", "违反事项", "violation"), col("note", "说明", "note")],
        "SELECT v.date, v.group_code, substr(v.id, 1, 8), p.name_zh, x.note FROM visit_violations x
         JOIN visits v ON v.id = x.visit_id JOIN prohibitions p ON p.code = x.code WHERE v.date <= ?1 ORDER BY v.date, v.id, x.code",
        [&asof],
    )?;
    s.text.push(format!(
        "截至{}，逾期未办结问题{}个，尚未覆盖的县{}个。【请补充其他存在问题】",
        p.as_of,
        t(7),
        sections.iter().find(|x| x.key == "uncovered").map(|x| x.rows.len()).unwrap_or(0)
    ));
    sections.push(s);

    if c.level < Level::County {
        sections.push(lower_deliverables(conn, c, p)?);
    }

    let mut next = Section::new("next_steps", "五、下一步打算", "5. Next steps", vec![]);
    next.text.push("【请填写：巩固走访成果、问题销号、建立长效机制等下一步打算】".into());
    sections.push(next);

    let title = match kind {
        Kind::Progress => format!("{}{}年环保大走访活动阶段性进展情况", c.name, c.year),
        Kind::Final => format!("{}{}年环保大走访活动总结报告", c.name, c.year),
    };
    Ok(Document {
        title,
        header: vec![
            ("org".into(), Value::from(c.org.as_str())),
            ("as_of".into(), Value::from(asof.clone())),
            ("period".into(), Value::from(format!("{} ~ {}", p.start, p.as_of))),
            ("cumulative".into(), Value::from(format!("{} ~ {}", p.campaign_start, p.as_of))),
        ],
        sections,
    })
}

/// Which lower bureaus (a province's cities, a city's counties) sent each deliverable on time,
/// late, or not at all, and how much of their data has come up.
fn lower_deliverables(conn: &Connection, c: &Campaign, p: &Period) -> Result<Section> {
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
                (SELECT count(*) FROM visits v WHERE v.county LIKE a.code || '%' AND v.date <= ?3),
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
            let state = match research::timeliness(sent, due, p.as_of) {
                "on-time" => format!("按时 {}", sent.map(|d| d.to_string()).unwrap_or_default()),
                "late" => format!("迟报 {}", sent.map(|d| d.to_string()).unwrap_or_default()),
                "missing" => "未报".to_string(),
                _ => "未到期".to_string(),
            };
            out.push(Value::from(state));
        }
        out.push(r[5].clone());
        out.push(r[6].clone());
        s.rows.push(out);
    }
    Ok(s)
}

/// The written report's outline: one section per work item with its figures, ready to edit.
fn outline(conn: &Connection, asof: &str) -> Result<Vec<Section>> {
    let mut out = Vec::new();
    let figures = rows(
        conn,
        "SELECT w.code, w.name_zh, w.lead_division,
                (SELECT count(*) FROM visits v WHERE v.item = w.code AND v.date <= ?1),
                (SELECT count(*) FROM fs WHERE fs.item = w.code),
                (SELECT count(*) FROM fs WHERE fs.item = w.code AND fs.on_site),
                (SELECT count(*) FROM fs WHERE fs.item = w.code AND fs.status IN ('resolved', 'closed')),
                (SELECT count(*) FROM fs WHERE fs.item = w.code AND fs.route = 'other'),
                (SELECT count(*) FROM cases c WHERE c.item = w.code AND c.date <= ?1)
         FROM work_items w ORDER BY w.code",
        [asof],
    )?;
    const NUMERALS: [&str; 9] = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];
    for r in figures {
        let n = |i: usize| if let Value::Int(x) = r[i] { x } else { 0 };
        let code = n(0);
        let idx = (code as usize).saturating_sub(1).min(8);
        let mut s = Section::new(
            "outline_item",
            &format!("（{}）{}", NUMERALS[idx], r[1].text()),
            &format!("Work item {code}"),
            vec![],
        );
        s.text.push(format!("牵头处室：{}。", r[2].text()));
        s.text.push(format!(
            "截至{asof}，共开展走访{}次，发现问题{}个，其中现场解决{}个、已办结{}个、转办{}个（办结率{}%），形成典型经验{}个。",
            n(3),
            n(4),
            n(5),
            n(6),
            n(7),
            match rate(n(6), n(4)) {
                Value::Null => "—".to_string(),
                v => v.text().into_owned(),
            },
            n(8)
        ));
        s.text.push("【请补充：主要做法、典型经验、存在问题】".into());
        out.push(s);
    }
    Ok(out)
}
