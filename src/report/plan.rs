//! The implementation plan (实施方案, due 2/25): the campaign, its leading group, the groups with
//! their people, counties, quotas, trips and planned targets, the nine work items with their lead
//! divisions, and the deadlines.

use anyhow::Result;
use chrono::NaiveDate;
use rusqlite::Connection;

use super::query::section;
use crate::io::document::{Document, Section};
use crate::io::output::{col, Value};
use crate::store::Campaign;

pub fn compute(conn: &Connection, c: &Campaign, as_of: NaiveDate) -> Result<Document> {
    let asof = as_of.to_string();
    let mut sections = Vec::new();

    let mut intro = Section::new("campaign", "一、活动概况", "1. The campaign", vec![]);
    intro.text.push(format!(
        "为深入开展“进村入企走基层、服务解难优环境”环保大走访活动，{}组织省、市、县三级联动，组成走访组深入农村和企业，听取意见、解决难题。",
        c.name
    ));
    sections.push(intro);

    sections.push(section(
        conn,
        "leading_group",
        "二、领导小组",
        "2. Leading group",
        vec![col("role", "职务", "role"), col("name", "姓名", "name"), col("title", "行政职务", "title"), col("division", "处室", "division")],
        "SELECT CASE lg_role WHEN 'head' THEN '组长' WHEN 'deputy' THEN '副组长' ELSE '成员' END, name, title, division
         FROM staff WHERE lg_role IS NOT NULL
         ORDER BY CASE lg_role WHEN 'head' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, name, id",
        [],
    )?);

    sections.push(section(
        conn,
        "groups",
        "三、走访组",
        "3. Visit groups",
        vec![
            col("group", "走访组代码", "group"),
            col("name", "走访组", "group name"),
            col("leader", "组长", "leader"),
            col("members", "成员", "members"),
            col("counties", "联系县", "linked counties"),
            col("quota_counties", "县配额", "county quota"),
            col("quota_villages", "村配额", "village quota"),
            col("quota_enterprises", "企业配额", "enterprise quota"),
            col("from", "开始", "from"),
            col("to", "结束", "to"),
            col("planned", "计划走访对象", "planned targets"),
        ],
        "SELECT g.code, nullif(g.name, ''),
                (SELECT s.name FROM group_members m JOIN staff s ON s.id = m.staff_id WHERE m.group_code = g.code AND m.role = 'leader'),
                (SELECT group_concat(name, '、') FROM (SELECT s.name FROM group_members m JOIN staff s ON s.id = m.staff_id
                                                      WHERE m.group_code = g.code AND m.role = 'member' ORDER BY s.name)),
                (SELECT group_concat(a.name, '、') FROM (SELECT a.name FROM group_counties gc JOIN areas a ON a.code = gc.county
                                                        WHERE gc.group_code = g.code ORDER BY a.code) a),
                g.quota_counties, g.quota_villages, g.quota_enterprises, g.date_from, g.date_to,
                (SELECT group_concat(t, '、') FROM (SELECT CASE p.target_kind
                        WHEN 'village' THEN (SELECT name FROM areas WHERE code = p.target_code)
                        WHEN 'enterprise' THEN (SELECT name FROM enterprises WHERE uscc = p.target_code)
                        WHEN 'zone' THEN (SELECT name FROM zones WHERE code = p.target_code)
                        ELSE (SELECT name || '环保局' FROM areas WHERE code = p.target_code) END AS t
                      FROM plans p WHERE p.group_code = g.code ORDER BY p.target_kind, p.target_code))
         FROM groups g WHERE g.formed_on <= ?1 ORDER BY g.code",
        [&asof],
    )?);

    sections.push(section(
        conn,
        "work_items",
        "四、重点内容和牵头处室",
        "4. Work items and lead divisions",
        vec![col("item", "序号", "item"), col("name", "重点内容", "work item"), col("lead_division", "牵头处室", "lead division"), col("plan_in", "工作方案", "work plan in")],
        "SELECT w.code, w.name_zh, w.lead_division,
                coalesce((SELECT '已报送 ' || submitted_on FROM workplans p WHERE p.org = ?2 AND p.item = w.code AND p.submitted_on <= ?1), '未报送')
         FROM work_items w ORDER BY w.code",
        rusqlite::params![asof, c.org],
    )?);

    let mut deadlines = section(
        conn,
        "deadlines",
        "五、时间安排",
        "5. Deadlines",
        vec![col("what", "事项", "deliverable"), col("due", "截止日期", "due")],
        "SELECT what, due FROM (
             SELECT name_zh AS what, due, '' AS k FROM deliverables
             UNION ALL SELECT coalesce(nullif(name, ''), code) || ' 调研报告', date(date_to, '+7 days'), code
             FROM groups WHERE formed_on <= ?1)
         ORDER BY due, k, what",
        [&asof],
    )?;
    deadlines.text.push("各走访组在走访结束后一周内提交调研报告（约5000字）。".into());
    sections.push(deadlines);

    sections.push(super::campaign::violations(
        conn,
        "violations",
        "六、工作纪律",
        "6. Discipline: violations of the five prohibitions",
        as_of,
    )?);

    let mut doc = Document::new(
        crate::t!("doc-data-title", name = c.name.clone(), year = c.year.to_string(), kind = "plan"),
        vec![("org".into(), Value::from(c.org.as_str())), ("as_of".into(), Value::from(asof))],
        sections,
    );
    doc.written = Some(super::written::plan(conn, c, as_of, &doc.sections)?);
    Ok(doc)
}
