//! The reports as a bureau writes them: the prose, the tables that say more than a sentence, and
//! the 汇总表 of the workbook. Every Chinese sentence of the documents is made here, from the
//! figures the report computed once (`campaign::Figures`, the sections), so that the wording can
//! be edited (or moved into a message catalogue) in one place. Nothing here counts anew.

use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use super::campaign::{Figures, Kind, Period};
use super::query::{rate, rows};
use super::tally::{Both, Counts, Tally};
use crate::domain::codes::Level;
use crate::io::document::{Block, Section, Summary, SummaryColumn, Table, Written};
use crate::io::docx::date_zh;
use crate::io::output::Value;
use crate::store::Campaign;

pub const APPROACH: &str = "【请补充：组织领导、宣传发动、制度保障等主要做法】";
pub const NEXT_STEPS: &str = "【请补充：巩固走访成果、推进问题销号、建立长效机制等下一步打算】";
const ITEM_TODO: &str = "【请补充：主要做法、典型经验、存在问题】";
const PROBLEMS_TODO: &str = "【请补充：其他存在问题】";
const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// 一, 二, … (1-based; past ten the Arabic number).
fn numeral(n: usize) -> String {
    NUMERALS.get(n.wrapping_sub(1)).map_or_else(|| n.to_string(), |s| s.to_string())
}

/// 6月25日
fn md(d: NaiveDate) -> String {
    format!("{}月{}日", d.month(), d.day())
}

/// A rate as a document prints it: "61.4%", or "—" when there is nothing to divide.
fn pct(num: i64, den: i64) -> String {
    match rate(num, den) {
        Value::Float(f) => format!("{f:.1}%"),
        _ => "—".to_string(),
    }
}

/// A rate cell of a table: "61.4%" or empty.
fn pct_cell(num: i64, den: i64) -> Value {
    match rate(num, den) {
        Value::Float(f) => Value::Text(format!("{f:.1}%")),
        _ => Value::Null,
    }
}

/// The heading of a work item's section in the final report's outline: （一）进农村、访农家
pub fn item_heading(code: i64, name: &str) -> String {
    format!("（{}）{}", numeral(code.max(1) as usize), name)
}

/// The figures of a work item's section, ready to edit.
pub fn item_paragraphs(p: &Period, lead: &str, visits: Both, n: &Counts, cases: i64) -> Vec<String> {
    let (pp, a) = (&n.period, &n.all);
    vec![
        format!("牵头处室：{lead}。"),
        format!(
            "截至{}，共开展走访{}次（当期{}次），发现问题{}个（当期{}个），其中现场解决{}个、带回办理{}个、转办{}个；已办结{}个，办结率{}；形成典型经验{}个。",
            md(p.as_of),
            visits.cumulative,
            visits.period,
            a.found,
            pp.found,
            a.on_site,
            a.taken_back,
            a.referred,
            a.resolved,
            pct(a.resolved, a.found),
            cases
        ),
        ITEM_TODO.to_string(),
    ]
}

/// The bureau's area: its name, and the word a report uses for it (全县, 全市, 全省).
struct Area {
    name: String,
    whole: &'static str,
    /// 主送机关: the bureau above.
    addressee: Option<String>,
}

fn area(conn: &Connection, c: &Campaign) -> Result<Area> {
    let r = rows(
        conn,
        "SELECT a.name, p.name, p.level FROM areas a LEFT JOIN areas p ON p.code = a.parent WHERE a.code = ?1",
        [&c.org],
    )?;
    let name = r.first().map_or_else(|| c.name.clone(), |r| r[0].text().into_owned());
    let parent = r.first().and_then(|r| match (&r[1], &r[2]) {
        (Value::Text(n), Value::Int(l)) => Some((n.clone(), *l)),
        _ => None,
    });
    let addressee = match (c.level, parent) {
        (Level::Province, _) => Some("环境保护部：".to_string()),
        (_, Some((n, l))) if l == Level::Province as i64 => Some(format!("{n}环境保护厅：")),
        (_, Some((n, _))) => Some(format!("{n}环境保护局：")),
        _ => None,
    };
    let whole = match c.level {
        Level::Province => "全省",
        Level::City => "全市",
        _ => "全县",
    };
    Ok(Area { name, whole, addressee })
}

/// The bureau's name as it signs: the campaign's name without the areas above it
/// (浙江省湖州市安吉县环境保护局 → 安吉县环境保护局).
fn issuer(c: &Campaign, area_name: &str) -> String {
    match c.name.find(area_name) {
        Some(i) if !area_name.is_empty() => c.name[i..].to_string(),
        _ => c.name.clone(),
    }
}

/// The rows of a section by column key.
struct Rows<'a>(&'a Section);

impl<'a> Rows<'a> {
    fn find(sections: &'a [Section], key: &str) -> Option<Rows<'a>> {
        sections.iter().find(|s| s.key == key).map(Rows)
    }
    fn col(&self, key: &str) -> Option<usize> {
        self.0.columns.iter().position(|c| c.key == key)
    }
    fn get(&self, row: &'a [Value], key: &str) -> &'a Value {
        self.col(key).and_then(|i| row.get(i)).unwrap_or(&Value::Null)
    }
    fn text(&self, row: &'a [Value], key: &str) -> String {
        self.get(row, key).text().into_owned()
    }
    fn int(&self, row: &[Value], key: &str) -> i64 {
        match self.col(key).and_then(|i| row.get(i)) {
            Some(Value::Int(n)) => *n,
            _ => 0,
        }
    }
    fn rows(&self) -> &'a [Vec<Value>] {
        &self.0.rows
    }
}

/// Join "名称N个" parts with 、, leaving out the zeros.
fn list(parts: &[(&str, i64, &str)]) -> String {
    parts
        .iter()
        .filter(|(_, n, _)| *n > 0)
        .map(|(l, n, u)| format!("{l}{n}{u}"))
        .collect::<Vec<_>>()
        .join("、")
}

/// The tables of a written report are numbered as they come.
struct Tables(usize);

impl Tables {
    fn caption(&mut self, what: &str) -> String {
        self.0 += 1;
        format!("表{} {what}", self.0)
    }
}

/// The progress or final report as a 公文.
pub fn report(
    conn: &Connection,
    c: &Campaign,
    kind: Kind,
    p: &Period,
    fig: &Figures,
    sections: &[Section],
) -> Result<Written> {
    let a = area(conn, c)?;
    let (v, f, fu) = (&fig.v, &fig.f, &fig.fu);
    let mut b = Vec::new();
    let mut tables = Tables(0);
    let since = format!("{}至{}", md(p.start), md(p.as_of));
    let first_visit =
        rows(conn, "SELECT min(date) FROM live_visits WHERE date <= ?1", [p.as_of.to_string()])?
            .first()
            .and_then(|r| r.first())
            .and_then(|d| crate::domain::dates::parse(&d.text()).ok());
    b.push(Block::Para(format!(
        "按照环保大走访活动的统一部署，我局{}组织开展“进村入企走基层、服务解难优环境”环保大走访活动。现将{}报告如下：",
        first_visit.map_or_else(String::new, |d| format!("自{}起", md(d))),
        match kind {
            Kind::Progress => "活动阶段性进展情况",
            Kind::Final => "活动开展情况",
        }
    )));

    // 一、基本情况
    b.push(Block::Heading(1, "一、基本情况".into()));
    b.push(Block::Para(format!(
        "截至{}，{}共组织走访组{}个，参加人员{}人，累计走访{}次，走访{}，{}。",
        md(p.as_of),
        a.whole,
        fig.groups.cumulative,
        fig.people.cumulative,
        v.visits.cumulative,
        non_empty(list(&[
            ("村", v.villages.counts().cumulative, "个"),
            ("农户", v.households.cumulative, "户"),
            ("企业", v.enterprises.counts().cumulative, "家"),
            ("产业集聚区", v.zones.counts().cumulative, "个"),
            ("县级环保部门", v.bureaus.counts().cumulative, "个"),
        ])),
        non_empty(list(&[
            ("召开座谈会", v.forums.cumulative, "次"),
            ("开展领导干部大接访", v.receptions.cumulative, "场")
        ])),
    )));
    b.push(Block::Para(format!(
        "当期（{since}）走访{}次{}。",
        v.visits.period,
        prefixed(
            "，走访",
            list(&[
                ("村", v.villages.counts().period, "个"),
                ("农户", v.households.period, "户"),
                ("企业", v.enterprises.counts().period, "家"),
                ("产业集聚区", v.zones.counts().period, "个"),
                ("县级环保部门", v.bureaus.counts().period, "个"),
            ])
        ) + &prefixed(
            "，",
            list(&[("召开座谈会", v.forums.period, "次"), ("开展领导干部大接访", v.receptions.period, "场")])
        ),
    )));
    if c.level < Level::County {
        let uncovered = Rows::find(sections, "uncovered");
        let names: Vec<String> = uncovered
            .as_ref()
            .map(|u| u.rows().iter().map(|r| u.text(r, "name")).collect())
            .unwrap_or_default();
        let covered = v.counties.counts().cumulative;
        b.push(Block::Para(if names.is_empty() {
            format!("走访已覆盖所辖全部{}个县（市、区）。", fig.counties_total)
        } else {
            format!(
                "所辖{}个县（市、区）中已走访{}个，尚未走访{}个：{}。",
                fig.counties_total,
                covered,
                names.len(),
                names.join("、")
            )
        }));
    }
    if let Some(g) = Rows::find(sections, "visits_by_group") {
        if !g.rows().is_empty() {
            b.push(Block::Table(Table {
                caption: tables.caption("各走访组走访情况"),
                header: [
                    "走访组",
                    "组长",
                    "当期走访",
                    "累计走访",
                    "走访村",
                    "村配额",
                    "走访企业",
                    "企业配额",
                ]
                .map(String::from)
                .to_vec(),
                rows: g
                    .rows()
                    .iter()
                    .map(|r| {
                        let name = match g.get(r, "name") {
                            Value::Text(n) => n.clone(),
                            _ => format!("第{}组", g.text(r, "group")),
                        };
                        vec![
                            Value::Text(name),
                            g.get(r, "leader").clone(),
                            g.get(r, "period").clone(),
                            g.get(r, "cumulative").clone(),
                            g.get(r, "villages").clone(),
                            g.get(r, "quota_villages").clone(),
                            g.get(r, "enterprises").clone(),
                            g.get(r, "quota_enterprises").clone(),
                        ]
                    })
                    .collect(),
            }));
        }
    }
    if c.level < Level::County {
        if let Some(g) = Rows::find(sections, "visits_by_county") {
            let province = c.level == Level::Province;
            let mut header = vec!["县（市、区）"];
            if province {
                header.push("所属市");
            }
            header.extend(["当期走访", "累计走访", "走访村", "走访企业", "是否覆盖"]);
            b.push(Block::Table(Table {
                caption: tables.caption("各县（市、区）走访情况"),
                header: header.into_iter().map(String::from).collect(),
                rows: g
                    .rows()
                    .iter()
                    .map(|r| {
                        let mut row = vec![g.get(r, "name").clone()];
                        if province {
                            row.push(g.get(r, "city").clone());
                        }
                        row.extend(
                            ["period", "cumulative", "villages", "enterprises", "covered"]
                                .map(|k| g.get(r, k).clone()),
                        );
                        row
                    })
                    .collect(),
            }));
        }
    }
    if let Some(g) = Rows::find(sections, "visits_by_item") {
        b.push(Block::Table(Table {
            caption: tables.caption("按重点内容走访情况"),
            header: ["序号", "重点内容", "牵头处室", "当期走访", "累计走访"].map(String::from).to_vec(),
            rows: g
                .rows()
                .iter()
                .map(|r| {
                    vec![
                        Value::Text(numeral(g.int(r, "item").max(1) as usize)),
                        g.get(r, "name").clone(),
                        g.get(r, "lead_division").clone(),
                        g.get(r, "period").clone(),
                        g.get(r, "cumulative").clone(),
                    ]
                })
                .collect(),
        }));
    }
    if let Some(l) = Rows::find(sections, "lower_deliverables") {
        b.push(Block::Para(format!(
            "所辖{}报送实施方案、阶段性进展和书面报告的情况见表{}。",
            if c.level == Level::Province { "各市" } else { "各县（市、区）" },
            tables.0 + 1
        )));
        b.push(Block::Table(Table {
            caption: tables.caption("下级报送情况"),
            header: ["单位", "实施方案", "阶段性进展", "书面报告", "已上报走访"].map(String::from).to_vec(),
            rows: l
                .rows()
                .iter()
                .map(|r| {
                    ["name", "plan", "progress", "final", "visits_received"]
                        .map(|k| l.get(r, k).clone())
                        .to_vec()
                })
                .collect(),
        }));
    }

    // 二、主要做法
    b.push(Block::Heading(1, "二、主要做法".into()));
    b.push(Block::Para(APPROACH.into()));
    if let Some(w) = Rows::find(sections, "workplans") {
        let missing: Vec<String> = w
            .rows()
            .iter()
            .filter(|r| matches!(w.get(r, "submitted_on"), Value::Null))
            .map(|r| {
                format!("“{}”（{}）", w.text(r, "name").trim_matches(['“', '”']), w.text(r, "lead_division"))
            })
            .collect();
        let n = w.rows().len();
        b.push(Block::Para(if missing.is_empty() {
            format!("{}项重点内容的牵头处室工作方案已全部报送。", numeral(n))
        } else {
            format!(
                "{}项重点内容的牵头处室工作方案已报送{}项，尚未报送{}项：{}。",
                numeral(n),
                n - missing.len(),
                missing.len(),
                missing.join("、")
            )
        }));
    }
    if let Some(pb) = Rows::find(sections, "publicity") {
        let period =
            pb.rows().iter().filter(|r| pb.text(r, "date").as_str() >= p.start.to_string().as_str()).count();
        let mut outlets: Vec<String> = pb.rows().iter().map(|r| pb.text(r, "outlet")).collect();
        outlets.sort();
        outlets.dedup();
        if !pb.rows().is_empty() {
            b.push(Block::Para(format!(
                "加强宣传报道，在{}等媒体刊发报道{}篇（当期{}篇）。",
                outlets.iter().take(3).cloned().collect::<Vec<_>>().join("、"),
                pb.rows().len(),
                period
            )));
        }
    }
    let cases = Rows::find(sections, "cases");
    // The final report shows each case's photos under it (the section's rows are in this order).
    let case_ids: Vec<String> = if kind == Kind::Final {
        rows(
            conn,
            "SELECT c.id FROM cases c WHERE c.date <= ?1 ORDER BY c.date, c.id",
            [p.as_of.to_string()],
        )?
        .into_iter()
        .map(|r| r.first().map(|v| v.text().into_owned()).unwrap_or_default())
        .collect()
    } else {
        Vec::new()
    };
    let mut figs = super::evidence::Figures::default();
    for s in sections.iter().filter(|s| s.key == "outline_item") {
        b.push(Block::Heading(2, s.title_zh.clone()));
        let item_name = s.title_zh.split_once('）').map_or("", |(_, n)| n);
        for (i, t) in s.text.iter().enumerate() {
            // The typical cases of the item go before what is left for a person to write.
            if i + 1 == s.text.len() {
                if let Some(cs) = &cases {
                    for (k, r) in
                        cs.rows().iter().enumerate().filter(|(_, r)| cs.text(r, "item") == item_name)
                    {
                        let summary = cs.text(r, "summary");
                        let title = cs.text(r, "title");
                        b.push(Block::Para(format!(
                            "典型经验：{}{}",
                            title,
                            if summary.is_empty() { "。".to_string() } else { format!("。{summary}") }
                        )));
                        if let Some(id) = case_ids.get(k) {
                            b.extend(super::evidence::case_rows(conn, id, &title, &mut figs)?);
                        }
                    }
                }
            }
            b.push(Block::Para(t.clone()));
        }
    }

    // 三、成效
    let (tp, ta) = (&f.total.period, &f.total.all);
    b.push(Block::Heading(1, "三、成效".into()));
    b.push(Block::Heading(2, "（一）问题发现和办理".into()));
    b.push(Block::Para(format!(
        "累计发现问题{}个，其中现场解决{}个、带回办理{}个、转办{}个；已办结{}个，办结率{}，按期办结率{}；逾期未办结{}个。",
        ta.found,
        ta.on_site,
        ta.taken_back,
        ta.referred,
        ta.resolved,
        pct(ta.resolved, ta.found),
        pct(ta.on_time, ta.resolved),
        ta.overdue
    )));
    b.push(Block::Para(format!(
        "当期（{since}）发现问题{}个，其中现场解决{}个、带回办理{}个、转办{}个；截至{}已办结{}个，办结率{}，按期办结率{}，逾期{}个。当期共办结问题{}个{}。",
        tp.found,
        tp.on_site,
        tp.taken_back,
        tp.referred,
        md(p.as_of),
        tp.resolved,
        pct(tp.resolved, tp.found),
        pct(tp.on_time, tp.resolved),
        tp.overdue,
        f.total.resolved_in_period,
        match f.total.resolved_in_period - tp.resolved {
            n if n > 0 => format!("（含前期发现的{n}个）"),
            _ => String::new(),
        }
    )));
    if fu.follow_ups.cumulative > 0 {
        b.push(Block::Para(format!(
            "对办结问题回访{}次，满意{}次、基本满意{}次、不满意{}次，满意率{}（当期回访{}次，满意率{}）；不满意的均已重新办理。",
            fu.follow_ups.cumulative,
            fu.satisfied.cumulative,
            fu.basic.cumulative,
            fu.unsatisfied.cumulative,
            pct(fu.content.cumulative, fu.follow_ups.cumulative),
            fu.follow_ups.period,
            pct(fu.content.period, fu.follow_ups.period)
        )));
    }
    for (key, first, what, label_key) in [
        ("findings_by_category", "问题类别", "问题分类办理情况", "label"),
        ("findings_by_division", "主办处室", "各处室办理情况", "division"),
        ("findings_by_county", "县（市、区）", "各县（市、区）问题办理情况", "name"),
    ] {
        if key == "findings_by_county" && c.level == Level::County {
            continue;
        }
        if let Some(s) = Rows::find(sections, key).filter(|s| !s.rows().is_empty()) {
            let counts = |r: &[Value]| -> Vec<Value> {
                let n = |k: &str| s.int(r, k);
                vec![
                    Value::Int(n("found_period")),
                    Value::Int(n("found")),
                    Value::Int(n("on_site")),
                    Value::Int(n("taken_back")),
                    Value::Int(n("referred")),
                    Value::Int(n("resolved")),
                    pct_text(s.get(r, "resolution_rate")),
                    pct_text(s.get(r, "on_time_rate")),
                    Value::Int(n("overdue")),
                ]
            };
            let mut rows: Vec<Vec<Value>> = s
                .rows()
                .iter()
                .map(|r| {
                    let label = match s.get(r, label_key) {
                        Value::Text(t) if !t.is_empty() => Value::Text(t.clone()),
                        _ => Value::Text("其他".into()),
                    };
                    let mut row = vec![label];
                    row.extend(counts(r));
                    row
                })
                .collect();
            let mut total = vec![Value::Text("合计".into())];
            total.extend(totals(tp, ta));
            rows.push(total);
            b.push(Block::Table(Table {
                caption: tables.caption(what),
                header: [
                    first,
                    "当期发现",
                    "累计发现",
                    "现场解决",
                    "带回办理",
                    "转办",
                    "已办结",
                    "办结率",
                    "按期办结率",
                    "逾期",
                ]
                .map(String::from)
                .to_vec(),
                rows,
            }));
        }
    }

    if let Some(r) = Rows::find(sections, "referrals").filter(|s| !s.rows().is_empty()) {
        b.push(Block::Heading(2, "（二）问题转办".into()));
        let (n, ack, ans, over) = r.rows().iter().fold((0, 0, 0, 0), |(n, a, s, o), row| {
            (
                n + r.int(row, "referred"),
                a + r.int(row, "acknowledged"),
                s + r.int(row, "answered"),
                o + r.int(row, "overdue"),
            )
        });
        b.push(Block::Para(format!(
            "对不属于环保部门职责的问题，转交{}个单位办理，累计转办{}个（当期{}个），已签收{}个、已答复{}个，逾期{}个。",
            r.rows().len(),
            n,
            tp.referred,
            ack,
            ans,
            over
        )));
        let mut rows: Vec<Vec<Value>> = r
            .rows()
            .iter()
            .map(|row| {
                ["refer_to", "referred_period", "referred", "acknowledged", "answered", "overdue"]
                    .map(|k| r.get(row, k).clone())
                    .to_vec()
            })
            .collect();
        rows.sort_by_key(|row| std::cmp::Reverse(if let Value::Int(n) = row[2] { n } else { 0 }));
        b.push(Block::Table(Table {
            caption: tables.caption("问题转办情况"),
            header: ["转办单位", "当期转办", "累计转办", "已签收", "已答复", "逾期"]
                .map(String::from)
                .to_vec(),
            rows,
        }));
    }
    let petitions = f.by_category.get("petition").copied().unwrap_or_default();
    let hazards = f.by_item.get(&crate::domain::reference::HAZARD_ITEM).copied().unwrap_or_default();
    let mut sub = if Rows::find(sections, "referrals").is_some_and(|s| !s.rows().is_empty()) { 3 } else { 2 };
    b.push(Block::Heading(2, format!("（{}）领导干部大接访", numeral(sub))));
    sub += 1;
    b.push(Block::Para(format!(
        "开展领导干部大接访{}场（当期{}场），受理信访诉求{}件（当期{}件），已办结{}件，办结率{}。",
        v.receptions.cumulative,
        v.receptions.period,
        petitions.all.found,
        petitions.period.found,
        petitions.all.resolved,
        pct(petitions.all.resolved, petitions.all.found)
    )));
    b.push(Block::Heading(2, format!("（{}）环境安全隐患排查整改", numeral(sub))));
    b.push(Block::Para(format!(
        "排查环境安全隐患{}处（当期{}处），已整改{}处（当期发现的已整改{}处），整改率{}，逾期未整改{}处。",
        hazards.all.found,
        hazards.period.found,
        hazards.all.resolved,
        hazards.period.resolved,
        pct(hazards.all.resolved, hazards.all.found),
        hazards.all.overdue
    )));
    if kind == Kind::Final {
        let first = figs.0 + 1;
        let (pairs, total) = super::evidence::hazard_pairs(conn, &p.as_of.to_string(), &mut figs)?;
        let figures =
            if pairs.len() == 1 { format!("图{first}") } else { format!("图{first}至图{}", figs.0) };
        if pairs.len() < total {
            b.push(Block::Para(format!(
                "附整改前后照片的隐患共{total}处，按发现先后选列{}处，对比见{figures}；其余可在佐证材料台账中查阅。",
                pairs.len()
            )));
        } else if !pairs.is_empty() {
            b.push(Block::Para(format!("隐患整改前后对比见{figures}。")));
        }
        b.extend(pairs);
    }

    // 四、存在问题
    b.push(Block::Heading(1, "四、存在问题".into()));
    let mut points: Vec<String> = Vec::new();
    let open = ta.found - ta.resolved;
    if open > 0 {
        points.push(format!(
            "问题办理有待加快。截至{}，尚有{}个问题未办结{}。",
            md(p.as_of),
            open,
            if ta.overdue > 0 { format!("，其中逾期{}个", ta.overdue) } else { String::new() }
        ));
    }
    if let Some(r) = Rows::find(sections, "research") {
        let group_names = group_names(conn)?;
        let by_state = |state: &str| -> Vec<String> {
            r.rows()
                .iter()
                .filter(|row| r.text(row, "state") == state)
                .map(|row| {
                    let code = r.text(row, "group");
                    group_names.iter().find(|(c, _)| *c == code).map_or(code, |(_, n)| n.clone())
                })
                .collect()
        };
        let (late, missing) = (by_state("late"), by_state("missing"));
        if !late.is_empty() || !missing.is_empty() {
            let mut parts = Vec::new();
            if !missing.is_empty() {
                parts.push(format!("{}的调研报告逾期未交", missing.join("、")));
            }
            if !late.is_empty() {
                parts.push(format!("{}的调研报告逾期提交", late.join("、")));
            }
            points.push(format!("调研报告报送不够及时。{}。", parts.join("，")));
        }
    }
    if let Some(r) = Rows::find(sections, "violations").filter(|s| !s.rows().is_empty()) {
        let group_names = group_names(conn)?;
        let cases: Vec<String> = r
            .rows()
            .iter()
            .map(|row| {
                let code = r.text(row, "group");
                let group = group_names.iter().find(|(c, _)| *c == code).map_or(code, |(_, n)| n.clone());
                violation_text(&r.text(row, "date"), &group, &r.text(row, "violation"), &r.text(row, "note"))
            })
            .collect();
        points.push(format!(
            "走访纪律有待加强。走访中发现违反“五不准”规定{}起：{}。",
            cases.len(),
            cases.join("；")
        ));
    }
    if c.level < Level::County {
        if let Some(u) = Rows::find(sections, "uncovered").filter(|s| !s.rows().is_empty()) {
            let names: Vec<String> = u.rows().iter().map(|r| u.text(r, "name")).collect();
            points.push(format!("走访覆盖不够全面。{}尚未开展走访。", names.join("、")));
        }
    }
    if points.is_empty() {
        b.push(Block::Para("无。".into()));
    }
    for (i, t) in points.iter().enumerate() {
        b.push(Block::Para(format!("{}是{t}", numeral(i + 1))));
    }
    b.push(Block::Para(PROBLEMS_TODO.into()));

    // 五、下一步打算
    b.push(Block::Heading(1, "五、下一步打算".into()));
    b.push(Block::Para(NEXT_STEPS.into()));

    let issuer = issuer(c, &a.name);
    Ok(Written {
        title: format!(
            "{issuer}关于{}年环保大走访活动{}的报告",
            c.year,
            match kind {
                Kind::Progress => "阶段性进展情况",
                Kind::Final => "开展情况",
            }
        ),
        addressee: a.addressee,
        blocks: b,
        issuer,
        date: p.as_of,
    })
}

/// 3月13日，第三走访组接受村里安排的午餐（违反“吃请和报销”规定）
fn violation_text(date: &str, group: &str, violation: &str, note: &str) -> String {
    let date = crate::domain::dates::parse(date).map(md).unwrap_or_default();
    if note.is_empty() {
        format!("{date}，{group}违反“{violation}”规定")
    } else {
        format!("{date}，{group}{note}（违反“{violation}”规定）")
    }
}

fn non_empty(s: String) -> String {
    if s.is_empty() {
        "无".to_string()
    } else {
        s
    }
}

fn prefixed(prefix: &str, s: String) -> String {
    if s.is_empty() {
        s
    } else {
        format!("{prefix}{s}")
    }
}

/// A rate of a section (61.4) as a table shows it ("61.4%").
fn pct_text(v: &Value) -> Value {
    match v {
        Value::Float(f) => Value::Text(format!("{f:.1}%")),
        _ => Value::Null,
    }
}

fn totals(tp: &Tally, t: &Tally) -> Vec<Value> {
    vec![
        Value::Int(tp.found),
        Value::Int(t.found),
        Value::Int(t.on_site),
        Value::Int(t.taken_back),
        Value::Int(t.referred),
        Value::Int(t.resolved),
        pct_cell(t.resolved, t.found),
        pct_cell(t.on_time, t.resolved),
        Value::Int(t.overdue),
    ]
}

/// (code, name) of every group; a group without a name is 第N组.
fn group_names(conn: &Connection) -> Result<Vec<(String, String)>> {
    Ok(rows(conn, "SELECT code, name FROM groups ORDER BY code", [])?
        .into_iter()
        .map(|r| {
            let code = r[0].text().into_owned();
            let name = r[1].text().into_owned();
            let name = if name.is_empty() { format!("走访组{code}") } else { name };
            (code, name)
        })
        .collect())
}

/// The implementation plan as a 公文.
pub fn plan(conn: &Connection, c: &Campaign, as_of: NaiveDate, sections: &[Section]) -> Result<Written> {
    let a = area(conn, c)?;
    let mut b = Vec::new();
    for s in sections {
        match s.key {
            "campaign" => {
                b.push(Block::Heading(1, s.title_zh.clone()));
                b.extend(s.text.iter().cloned().map(Block::Para));
            }
            "leading_group" => {
                b.push(Block::Heading(1, s.title_zh.clone()));
                let r = Rows(s);
                let mut by_role: Vec<(String, Vec<String>)> = Vec::new();
                for row in r.rows() {
                    let role = r.text(row, "role");
                    let title = r.text(row, "title");
                    let who = if title.is_empty() {
                        r.text(row, "name")
                    } else {
                        format!("{}（{}）", r.text(row, "name"), title)
                    };
                    match by_role.iter_mut().find(|(k, _)| *k == role) {
                        Some((_, v)) => v.push(who),
                        None => by_role.push((role, vec![who])),
                    }
                }
                if by_role.is_empty() {
                    b.push(Block::Para("【请补充：领导小组组成】".into()));
                } else {
                    let text: Vec<String> =
                        by_role.iter().map(|(k, v)| format!("{k}：{}", v.join("、"))).collect();
                    b.push(Block::Para(format!("成立环保大走访活动领导小组。{}。", text.join("；"))));
                }
            }
            "groups" => {
                b.push(Block::Heading(1, s.title_zh.clone()));
                let r = Rows(s);
                let names = group_names(conn)?;
                b.push(Block::Para(format!(
                    "共组建走访组{}个，每组由一名组长带队，成员不超过五人，分别联系走访所辖县（市、区）的村和企业（见表1）。",
                    r.rows().len()
                )));
                b.push(Block::Table(Table {
                    caption: "表1 走访组安排".into(),
                    header: ["走访组", "组长", "成员", "联系县", "村配额", "企业配额", "走访时间"]
                        .map(String::from)
                        .to_vec(),
                    rows: r
                        .rows()
                        .iter()
                        .map(|row| {
                            let code = r.text(row, "group");
                            let name =
                                names.iter().find(|(c, _)| *c == code).map_or(code, |(_, n)| n.clone());
                            let when = |k: &str| {
                                crate::domain::dates::parse(&r.text(row, k)).map(md).unwrap_or_default()
                            };
                            vec![
                                Value::Text(name),
                                r.get(row, "leader").clone(),
                                r.get(row, "members").clone(),
                                r.get(row, "counties").clone(),
                                r.get(row, "quota_villages").clone(),
                                r.get(row, "quota_enterprises").clone(),
                                Value::Text(format!("{}—{}", when("from"), when("to"))),
                            ]
                        })
                        .collect(),
                }));
            }
            "work_items" => {
                b.push(Block::Heading(1, s.title_zh.clone()));
                let r = Rows(s);
                for row in r.rows() {
                    let n = r.int(row, "item").max(1) as usize;
                    b.push(Block::Heading(2, format!("（{}）{}", numeral(n), r.text(row, "name"))));
                    let plan_in = r.text(row, "plan_in");
                    let state = match plan_in.strip_prefix("已报送 ") {
                        Some(d) => format!(
                            "工作方案已于{}报送",
                            crate::domain::dates::parse(d).map(md).unwrap_or_default()
                        ),
                        None => "工作方案尚未报送".to_string(),
                    };
                    b.push(Block::Para(format!("牵头处室：{}，{state}。", r.text(row, "lead_division"))));
                }
            }
            "deadlines" => {
                b.push(Block::Heading(1, s.title_zh.clone()));
                let r = Rows(s);
                let names = group_names(conn)?;
                for (i, row) in r.rows().iter().enumerate() {
                    let what = r.text(row, "what");
                    let what = match what.split_once(' ') {
                        Some((code, rest)) => format!(
                            "{}{}",
                            names.iter().find(|(c, _)| c == code).map_or(code, |(_, n)| n.as_str()),
                            rest
                        ),
                        None => what,
                    };
                    let due = crate::domain::dates::parse(&r.text(row, "due")).map(md).unwrap_or_default();
                    b.push(Block::Para(format!("{}. {due}前，{what}。", i + 1)));
                }
                b.extend(s.text.iter().cloned().map(Block::Para));
            }
            "violations" => {
                b.push(Block::Heading(1, s.title_zh.clone()));
                b.push(Block::Para("走访中严格执行“五不准”规定。".into()));
                let r = Rows(s);
                let names = group_names(conn)?;
                if r.rows().is_empty() {
                    b.push(Block::Para(format!("截至{}，未发现违反“五不准”规定的情况。", md(as_of))));
                } else {
                    let cases: Vec<String> = r
                        .rows()
                        .iter()
                        .map(|row| {
                            let code = r.text(row, "group");
                            let group =
                                names.iter().find(|(c, _)| *c == code).map_or(code, |(_, n)| n.clone());
                            violation_text(
                                &r.text(row, "date"),
                                &group,
                                &r.text(row, "violation"),
                                &r.text(row, "note"),
                            )
                        })
                        .collect();
                    b.push(Block::Para(format!(
                        "截至{}，发现违反“五不准”规定{}起：{}。",
                        md(as_of),
                        cases.len(),
                        cases.join("；")
                    )));
                }
            }
            _ => {}
        }
    }
    let issuer = issuer(c, &a.name);
    Ok(Written {
        title: format!("{issuer}{}年环保大走访活动实施方案", c.year),
        addressee: None,
        blocks: b,
        issuer,
        date: as_of,
    })
}

/// The 汇总表 of a progress or final report: one row per group (a county) or per county (a city or
/// a province), and the total.
pub fn summary(conn: &Connection, c: &Campaign, p: &Period, fig: &Figures) -> Result<Summary> {
    let a = area(conn, c)?;
    let cols = |labels: &[&str]| {
        labels
            .iter()
            .map(|l| SummaryColumn { label: l.to_string(), percent: l.ends_with('率') })
            .collect::<Vec<_>>()
    };
    let groups = vec![
        ("走访".to_string(), cols(&["当期走访", "累计走访", "走访村", "走访企业"])),
        ("问题".to_string(), cols(&["当期发现", "累计发现", "现场解决", "带回办理", "转办"])),
        ("办理".to_string(), cols(&["当期办结", "累计办结", "办结率", "按期办结率", "逾期"])),
    ];
    let line = |n: Both, villages: i64, enterprises: i64, f: &Counts| -> Vec<Value> {
        let (pp, al) = (&f.period, &f.all);
        vec![
            Value::Int(n.period),
            Value::Int(n.cumulative),
            Value::Int(villages),
            Value::Int(enterprises),
            Value::Int(pp.found),
            Value::Int(al.found),
            Value::Int(al.on_site),
            Value::Int(al.taken_back),
            Value::Int(al.referred),
            Value::Int(f.resolved_in_period),
            Value::Int(al.resolved),
            rate(al.resolved, al.found),
            rate(al.on_time, al.resolved),
            Value::Int(al.overdue),
        ]
    };
    let mut out_rows = Vec::new();
    let unit;
    if c.level == Level::County {
        unit = "走访组".to_string();
        for (code, name) in group_names(conn)? {
            let Some(r) = fig.v.by_group.get(&code) else {
                if rows(
                    conn,
                    "SELECT 1 FROM groups WHERE code = ?1 AND formed_on <= ?2",
                    [&code, &p.as_of.to_string()],
                )?
                .is_empty()
                {
                    continue;
                }
                out_rows.push((name, line(Both::default(), 0, 0, &Counts::default())));
                continue;
            };
            let (villages, enterprises, _) = r.places();
            let f = fig.f.by_group.get(&code).copied().unwrap_or_default();
            out_rows.push((name, line(r.visits, villages.cumulative, enterprises.cumulative, &f)));
        }
    } else {
        unit = "县（市、区）".to_string();
        for r in rows(
            conn,
            "SELECT code, name FROM areas WHERE level = 3 AND code LIKE ?1 || '%' ORDER BY code",
            [&c.org],
        )? {
            let code = r[0].text().into_owned();
            let (n, villages, enterprises) =
                fig.v.by_county.get(&code).map_or((Both::default(), 0, 0), |x| {
                    let (v, e, _) = x.places();
                    (x.visits, v.cumulative, e.cumulative)
                });
            let f = fig.f.by_county.get(&Some(code)).copied().unwrap_or_default();
            out_rows.push((r[1].text().into_owned(), line(n, villages, enterprises, &f)));
        }
    }
    let total = line(
        fig.v.visits,
        fig.v.villages.counts().cumulative,
        fig.v.enterprises.counts().cumulative,
        &fig.f.total,
    );
    Ok(Summary {
        title: format!("{}环保大走访活动进展情况统计表", a.name),
        lines: vec![format!("填报单位：{}", issuer(c, &a.name)), format!("截至日期：{}", date_zh(p.as_of))],
        unit,
        groups,
        rows: out_rows,
        total: ("合计".to_string(), total),
    })
}
