//! The reports as a bureau writes them: the prose, the tables that say more than a sentence, and
//! the 汇总表 of the workbook. Every sentence of the documents is made here, from the figures the
//! report computed once (`campaign::Figures`, the sections), in the reader's language: the wording
//! is in `locales/{zh,en}/document.ftl`. Nothing here counts anew.

use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;

use super::campaign::{Figures, Kind, Period};
use super::query::{rate, rows};
use super::tally::{Both, Counts, Tally};
use crate::domain::codes::Level;
use crate::i18n::Lang;
use crate::io::document::{Block, Section, Summary, SummaryColumn, Table, Written};
use crate::io::output::Value;
use crate::store::Campaign;
use crate::t;

/// Violations told one by one in a sentence; more are counted by kind and listed in a table.
const MAX_LISTED_VIOLATIONS: usize = 6;
const VIOLATIONS_HEADER: [&str; 4] = ["doc-h-date", "doc-h-group", "doc-h-violation", "doc-h-note"];
/// The units a referrals table names; the others are one line.
const MAX_REFERRAL_UNITS: usize = 15;
const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// 一, 二, … (1-based; past ten the Arabic number).
fn numeral(n: usize) -> String {
    NUMERALS.get(n.wrapping_sub(1)).map_or_else(|| n.to_string(), |s| s.to_string())
}

/// A count or ordinal as the reader's language writes it in text: 九 / 9.
fn numeral_for(n: usize) -> String {
    match crate::i18n::lang() {
        Lang::Zh => numeral(n),
        Lang::En => n.to_string(),
    }
}

/// 6月25日 / 25 June
pub(crate) fn md(d: NaiveDate) -> String {
    t!("doc-month-day", month = d.month() as i64, day = d.day() as i64)
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

/// The heading of a work item's section in the final report's outline: （一）进农村、访农家, in
/// Chinese and in English.
pub fn item_heading(code: i64, name: &str) -> (String, String) {
    let n = code.max(1) as usize;
    let en = crate::i18n::render(Lang::En, &format!("work-item-{code}"), &[]);
    (format!("（{}）{name}", numeral(n)), format!("({n}) {en}"))
}

/// The figures of a work item's section, ready to edit.
pub fn item_paragraphs(p: &Period, lead: &str, visits: Both, n: &Counts, cases: i64) -> Vec<String> {
    let (pp, a) = (&n.period, &n.all);
    vec![
        t!("doc-item-lead", division = lead),
        t!(
            "doc-item-figures",
            date = md(p.as_of),
            visits = visits.cumulative,
            period_visits = visits.period,
            found = a.found,
            period_found = pp.found,
            on_site = a.on_site,
            taken_back = a.taken_back,
            referred = a.referred,
            resolved = a.resolved,
            rate = pct(a.resolved, a.found),
            period_resolved = pp.resolved,
            period_rate = pct(pp.resolved, pp.found),
            cases = cases
        ),
        t!("doc-todo-item"),
    ]
}

/// The bureau's area: its name, and the word a report uses for it (全县, 全市, 全省).
struct Area {
    name: String,
    level: Level,
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
    Ok(Area { name, level: c.level, addressee })
}

impl Area {
    /// 全县, 全市, 全省 / the county, the city, the province.
    fn whole(&self) -> String {
        match self.level {
            Level::Province => t!("doc-whole-province"),
            Level::City => t!("doc-whole-city"),
            _ => t!("doc-whole-county"),
        }
    }
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

/// Join "村N个" parts as the language joins a list, leaving out the zeros.
fn list(parts: &[(String, i64)]) -> String {
    join(&parts.iter().filter(|(_, n)| *n > 0).map(|(l, _)| l.clone()).collect::<Vec<_>>())
}

/// The tables of a written report are numbered as they come.
struct Tables(usize);

impl Tables {
    fn caption(&mut self, what: &str) -> String {
        self.0 += 1;
        t!("doc-table-caption", n = self.0 as i64, what = what)
    }
}

/// One line of a paired table: the unit's cells, 当期 or 累计, then the figures.
fn pair_line(unit: &[Value], period: bool, figures: Vec<Value>) -> Vec<Value> {
    let mut row = unit.to_vec();
    row.push(Value::Text(if period { t!("doc-period") } else { t!("doc-cumulative") }));
    row.extend(figures);
    row
}

/// Visits, villages and enterprises of a row of the visits sections, for the period or cumulatively.
fn reach(g: &Rows, r: &[Value], period: bool) -> [Value; 3] {
    let suffix = if period { "_period" } else { "" };
    [
        g.get(r, if period { "period" } else { "cumulative" }).clone(),
        g.get(r, &format!("villages{suffix}")).clone(),
        g.get(r, &format!("enterprises{suffix}")).clone(),
    ]
}

/// The figures of a findings breakdown row, for the period (`_period` columns) or cumulatively.
fn findings_figures(s: &Rows, r: &[Value], suffix: &str) -> Vec<Value> {
    let k = |key: &str| format!("{key}{suffix}");
    vec![
        Value::Int(s.int(r, &k("found"))),
        Value::Int(s.int(r, &k("on_site"))),
        Value::Int(s.int(r, &k("taken_back"))),
        Value::Int(s.int(r, &k("referred"))),
        Value::Int(s.int(r, &k("resolved"))),
        pct_text(s.get(r, &k("resolution_rate"))),
        pct_text(s.get(r, &k("on_time_rate"))),
        Value::Int(s.int(r, &k("overdue"))),
    ]
}

/// The same figures of a whole (the 合计 rows).
fn tally_figures(t: &Tally) -> Vec<Value> {
    vec![
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

/// Table headers by catalogue id, in the reader's language.
fn header(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|id| crate::i18n::render(crate::i18n::lang(), id, &[])).collect()
}

const FINDINGS_HEADER: [&str; 9] = [
    "doc-h-span",
    "doc-h-found",
    "doc-h-on-site",
    "doc-h-taken-back",
    "doc-h-referred",
    "doc-h-resolved",
    "doc-h-resolution-rate",
    "doc-h-on-time-rate",
    "doc-h-overdue",
];
const GROUPS_HEADER: [&str; 8] = [
    "doc-h-group",
    "doc-h-leader",
    "doc-h-span",
    "doc-h-visits",
    "doc-h-villages",
    "doc-h-quota-villages",
    "doc-h-enterprises",
    "doc-h-quota-enterprises",
];
const COUNTIES_HEADER: [&str; 6] =
    ["doc-h-span", "doc-h-visits", "doc-h-villages", "doc-h-enterprises", "doc-h-covered", "doc-h-county"];
const ITEMS_HEADER: [&str; 5] =
    ["doc-h-item-no", "doc-h-item", "doc-h-lead-division", "doc-h-visits-period", "doc-h-visits-cumulative"];
const LOWER_HEADER: [&str; 5] =
    ["doc-h-org", "doc-h-plan", "doc-h-progress", "doc-h-final", "doc-h-visits-received"];
const REFERRALS_HEADER: [&str; 6] = [
    "doc-h-refer-to",
    "doc-h-span",
    "doc-h-referred",
    "doc-h-acknowledged",
    "doc-h-answered",
    "doc-h-overdue",
];
const PLAN_GROUPS_HEADER: [&str; 7] = [
    "doc-h-group",
    "doc-h-leader",
    "doc-h-members",
    "doc-h-linked-counties",
    "doc-h-quota-villages",
    "doc-h-quota-enterprises",
    "doc-h-trip",
];

/// A level-1 heading: 一、基本情况 / 1. Overview.
fn h1(n: usize, text: &str) -> Block {
    Block::Heading(
        1,
        match crate::i18n::lang() {
            Lang::Zh => format!("{}、{text}", numeral(n)),
            Lang::En => format!("{n}. {text}"),
        },
    )
}

/// A level-2 heading: （一）问题发现和办理 / (1) Findings and their handling.
fn h2(n: usize, text: &str) -> Block {
    Block::Heading(2, sub_heading(n, text))
}

fn sub_heading(n: usize, text: &str) -> String {
    match crate::i18n::lang() {
        Lang::Zh => format!("（{}）{text}", numeral(n)),
        Lang::En => format!("({n}) {text}"),
    }
}

/// A work item's name in the reader's language.
pub(crate) fn item_name(code: i64, name_zh: &str) -> String {
    let key = format!("work-item-{code}");
    match crate::i18n::lang() {
        Lang::En if crate::i18n::has(Lang::En, &key) => crate::i18n::render(Lang::En, &key, &[]),
        _ => name_zh.to_string(),
    }
}

/// Items of a list joined as the language joins them (、 or ", ").
fn join(items: &[String]) -> String {
    items.join(&t!("doc-list-sep"))
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
    let (as_of, since) = (md(p.as_of), md(p.start));
    let first_visit =
        rows(conn, "SELECT min(date) FROM live_visits WHERE date <= ?1", [p.as_of.to_string()])?
            .first()
            .and_then(|r| r.first())
            .and_then(|d| crate::domain::dates::parse(&d.text()).ok());
    b.push(Block::Para(t!(
        "doc-opening",
        since = first_visit.map(|d| t!("doc-since", date = md(d))).unwrap_or_default(),
        kind = if kind == Kind::Progress { "progress" } else { "final" }
    )));

    // 一、基本情况
    b.push(h1(1, &t!("doc-basic")));
    // The places reached, for the period or cumulatively (`pick` chooses).
    let places = |pick: fn(Both) -> i64| {
        let [villages, households, enterprises, zones, bureaus] =
            [v.villages.counts(), v.households, v.enterprises.counts(), v.zones.counts(), v.bureaus.counts()]
                .map(pick);
        list(&[
            (t!("doc-n-villages", n = villages), villages),
            (t!("doc-n-households", n = households), households),
            (t!("doc-n-enterprises", n = enterprises), enterprises),
            (t!("doc-n-zones", n = zones), zones),
            (t!("doc-n-bureaus", n = bureaus), bureaus),
        ])
    };
    let meetings = |forums: i64, receptions: i64| {
        list(&[
            (t!("doc-n-forums", n = forums), forums),
            (t!("doc-n-receptions", n = receptions), receptions),
        ])
    };
    b.push(Block::Para(t!(
        "doc-basic-cumulative",
        date = as_of.clone(),
        whole = a.whole(),
        groups = fig.groups.cumulative,
        people = fig.people.cumulative,
        visits = v.visits.cumulative,
        places = none_if_empty(places(|b| b.cumulative)),
        meetings = none_if_empty(meetings(v.forums.cumulative, v.receptions.cumulative)),
    )));
    let period_places = places(|b| b.period);
    let detail: String = [
        if period_places.is_empty() { String::new() } else { t!("doc-visited", places = period_places) },
        meetings(v.forums.period, v.receptions.period),
    ]
    .iter()
    .filter(|p| !p.is_empty())
    .map(|p| format!("{}{p}", t!("doc-clause-sep")))
    .collect();
    b.push(Block::Para(t!(
        "doc-basic-period",
        since = since.clone(),
        date = as_of.clone(),
        groups = fig.groups.period,
        people = fig.people.period,
        visits = v.visits.period,
        detail = detail,
    )));
    if c.level < Level::County {
        let uncovered = Rows::find(sections, "uncovered");
        let names: Vec<String> = uncovered
            .as_ref()
            .map(|u| u.rows().iter().map(|r| u.text(r, "name")).collect())
            .unwrap_or_default();
        let covered = v.counties.counts();
        b.push(Block::Para(if names.is_empty() {
            t!("doc-covered-all", total = fig.counties_total, period = covered.period)
        } else {
            t!(
                "doc-covered-some",
                total = fig.counties_total,
                covered = covered.cumulative,
                period = covered.period,
                missing = names.len() as i64,
                names = join(&names)
            )
        }));
    }
    if let Some(g) = Rows::find(sections, "visits_by_group") {
        if !g.rows().is_empty() {
            let mut rows = Vec::new();
            for r in g.rows() {
                let name = match g.get(r, "name") {
                    Value::Text(n) => n.clone(),
                    _ => t!("doc-group-n", code = g.text(r, "group")),
                };
                let unit = [Value::Text(name), g.get(r, "leader").clone()];
                let quotas = (g.get(r, "quota_villages").clone(), g.get(r, "quota_enterprises").clone());
                for period in [true, false] {
                    let [visits, villages, enterprises] = reach(&g, r, period);
                    rows.push(pair_line(
                        &unit,
                        period,
                        vec![visits, villages, quotas.0.clone(), enterprises, quotas.1.clone()],
                    ));
                }
            }
            b.push(Block::Table(Table {
                caption: tables.caption(&t!("doc-table-groups")),
                header: header(&GROUPS_HEADER),
                rows,
                pairs: Some(vec![0, 1, 5, 7]),
            }));
        }
    }
    if c.level < Level::County {
        if let Some(g) = Rows::find(sections, "visits_by_county") {
            let province = c.level == Level::Province;
            let mut head = vec![COUNTIES_HEADER[5]];
            if province {
                head.push("doc-h-city");
            }
            head.extend(&COUNTIES_HEADER[..5]);
            let mut rows = Vec::new();
            for r in g.rows() {
                let mut unit = vec![g.get(r, "name").clone()];
                if province {
                    unit.push(g.get(r, "city").clone());
                }
                let covered = g.get(r, "covered").clone();
                for period in [true, false] {
                    let [visits, villages, enterprises] = reach(&g, r, period);
                    rows.push(pair_line(&unit, period, vec![visits, villages, enterprises, covered.clone()]));
                }
            }
            let merged = unit_columns(province as usize + 1, head.len() - 1);
            b.push(Block::Table(Table {
                caption: tables.caption(&t!("doc-table-counties")),
                header: header(&head),
                rows,
                pairs: Some(merged),
            }));
        }
    }
    if let Some(g) = Rows::find(sections, "visits_by_item") {
        b.push(Block::Table(Table {
            caption: tables.caption(&t!("doc-table-items")),
            header: header(&ITEMS_HEADER),
            rows: g
                .rows()
                .iter()
                .map(|r| {
                    let code = g.int(r, "item");
                    vec![
                        Value::Text(numeral_for(code.max(1) as usize)),
                        Value::Text(item_name(code, &g.text(r, "name"))),
                        g.get(r, "lead_division").clone(),
                        g.get(r, "period").clone(),
                        g.get(r, "cumulative").clone(),
                    ]
                })
                .collect(),
            pairs: None,
        }));
    }
    if let Some(l) = Rows::find(sections, "lower_deliverables") {
        b.push(Block::Para(t!(
            "doc-lower-intro",
            lower = if c.level == Level::Province { "city" } else { "county" },
            table = tables.0 as i64 + 1
        )));
        b.push(Block::Table(Table {
            caption: tables.caption(&t!("doc-table-lower")),
            header: header(&LOWER_HEADER),
            rows: l
                .rows()
                .iter()
                .map(|r| {
                    let mut row = vec![l.get(r, "name").clone()];
                    row.extend(["plan", "progress", "final"].map(|k| l.get(r, k).clone()));
                    row.push(l.get(r, "visits_received").clone());
                    row
                })
                .collect(),
            pairs: None,
        }));
    }

    // 二、主要做法
    b.push(h1(2, &t!("doc-approach")));
    b.push(Block::Para(t!("doc-todo-approach")));
    if let Some(w) = Rows::find(sections, "workplans") {
        let missing: Vec<String> = w
            .rows()
            .iter()
            .filter(|r| matches!(w.get(r, "submitted_on"), Value::Null))
            .map(|r| {
                t!(
                    "doc-workplan-missing-item",
                    item =
                        item_name(w.int(r, "item"), &w.text(r, "name")).trim_matches(['“', '”']).to_string(),
                    division = w.text(r, "lead_division")
                )
            })
            .collect();
        let n = w.rows().len();
        b.push(Block::Para(if missing.is_empty() {
            t!("doc-workplans-all", n = numeral_for(n))
        } else {
            t!(
                "doc-workplans-some",
                n = numeral_for(n),
                sent = (n - missing.len()) as i64,
                missing = missing.len() as i64,
                items = join(&missing)
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
            b.push(Block::Para(t!(
                "doc-publicity",
                outlets = join(&outlets.iter().take(3).cloned().collect::<Vec<_>>()),
                n = pb.rows().len() as i64,
                period = period as i64
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
        b.push(Block::Heading(2, s.title(crate::i18n::lang()).to_string()));
        let item_zh = s.title_zh.split_once('）').map_or("", |(_, n)| n);
        for (i, t) in s.text.iter().enumerate() {
            // The typical cases of the item go before what is left for a person to write.
            if i + 1 == s.text.len() {
                if let Some(cs) = &cases {
                    for (k, r) in cs.rows().iter().enumerate().filter(|(_, r)| cs.text(r, "item") == item_zh)
                    {
                        let summary = cs.text(r, "summary");
                        let title = cs.text(r, "title");
                        b.push(Block::Para(t!("doc-case", title = title.clone(), summary = summary)));
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
    b.push(h1(3, &t!("doc-results")));
    b.push(h2(1, &t!("doc-results-findings")));
    b.push(Block::Para(t!(
        "doc-findings-cumulative",
        found = ta.found,
        on_site = ta.on_site,
        taken_back = ta.taken_back,
        referred = ta.referred,
        resolved = ta.resolved,
        rate = pct(ta.resolved, ta.found),
        on_time = pct(ta.on_time, ta.resolved),
        overdue = ta.overdue
    )));
    b.push(Block::Para(t!(
        "doc-findings-period",
        since = since.clone(),
        date = as_of.clone(),
        found = tp.found,
        on_site = tp.on_site,
        taken_back = tp.taken_back,
        referred = tp.referred,
        resolved = tp.resolved,
        rate = pct(tp.resolved, tp.found),
        on_time = pct(tp.on_time, tp.resolved),
        overdue = tp.overdue,
        dated = f.total.resolved_in_period,
        earlier = (f.total.resolved_in_period - tp.resolved).max(0)
    )));
    if fu.follow_ups.cumulative > 0 {
        b.push(Block::Para(t!(
            "doc-follow-ups",
            n = fu.follow_ups.cumulative,
            satisfied = fu.satisfied.cumulative,
            basic = fu.basic.cumulative,
            unsatisfied = fu.unsatisfied.cumulative,
            rate = pct(fu.content.cumulative, fu.follow_ups.cumulative),
            period = fu.follow_ups.period,
            period_satisfied = fu.satisfied.period,
            period_basic = fu.basic.period,
            period_unsatisfied = fu.unsatisfied.period,
            period_rate = pct(fu.content.period, fu.follow_ups.period)
        )));
    }
    for (key, first, what, label_key) in [
        ("findings_by_category", "doc-h-category", "doc-table-categories", "category"),
        ("findings_by_division", "doc-h-division", "doc-table-divisions", "division"),
        ("findings_by_county", "doc-h-county", "doc-table-county-findings", "name"),
    ] {
        if key == "findings_by_county" && c.level == Level::County {
            continue;
        }
        if let Some(s) = Rows::find(sections, key).filter(|s| !s.rows().is_empty()) {
            let mut rows: Vec<Vec<Value>> = Vec::new();
            for r in s.rows() {
                let label = if label_key == "category" {
                    crate::domain::sets::label_of::<crate::domain::sets::Category>(&s.text(r, "category"))
                } else {
                    s.text(r, label_key)
                };
                let unit = [Value::Text(if label.is_empty() { t!("doc-other") } else { label })];
                rows.push(pair_line(&unit, true, findings_figures(&s, r, "_period")));
                rows.push(pair_line(&unit, false, findings_figures(&s, r, "")));
            }
            let unit = [Value::Text(t!("doc-total"))];
            rows.push(pair_line(&unit, true, tally_figures(tp)));
            rows.push(pair_line(&unit, false, tally_figures(ta)));
            let mut head = vec![first];
            head.extend(FINDINGS_HEADER);
            b.push(Block::Table(Table {
                caption: tables.caption(&crate::i18n::render(crate::i18n::lang(), what, &[])),
                header: header(&head),
                rows,
                pairs: Some(vec![0]),
            }));
        }
    }

    if let Some(r) = Rows::find(sections, "referrals").filter(|s| !s.rows().is_empty()) {
        b.push(h2(2, &t!("doc-results-referrals")));
        let sum = |suffix: &str| -> [i64; 4] {
            let k = |key: &str| format!("{key}{suffix}");
            r.rows().iter().fold([0; 4], |[n, a, s, o], row| {
                [
                    n + r.int(row, &k("referred")),
                    a + r.int(row, &k("acknowledged")),
                    s + r.int(row, &k("answered")),
                    o + r.int(row, &k("overdue")),
                ]
            })
        };
        let ([n, ack, ans, over], [pn, pack, pans, pover]) = (sum(""), sum("_period"));
        b.push(Block::Para(t!(
            "doc-referrals",
            units = r.rows().len() as i64,
            n = n,
            acknowledged = ack,
            answered = ans,
            overdue = over,
            period = pn,
            period_acknowledged = pack,
            period_answered = pans,
            period_overdue = pover
        )));
        let mut units: Vec<&Vec<Value>> = r.rows().iter().collect();
        units.sort_by_key(|row| std::cmp::Reverse(r.int(row, "referred")));
        let mut rows = Vec::new();
        let figures = |row: &[Value], suffix: &str| -> Vec<Value> {
            ["referred", "acknowledged", "answered", "overdue"]
                .map(|k| Value::Int(r.int(row, &format!("{k}{suffix}"))))
                .to_vec()
        };
        // The units most referred to by name; the rest in one line (a city refers to hundreds of
        // township governments: pages nobody reads), then the total.
        let (named, rest) = units.split_at(units.len().min(MAX_REFERRAL_UNITS));
        for row in named {
            let unit = [r.get(row, "refer_to").clone()];
            rows.push(pair_line(&unit, true, figures(row, "_period")));
            rows.push(pair_line(&unit, false, figures(row, "")));
        }
        let add = |rows: &[&Vec<Value>], suffix: &str| -> Vec<Value> {
            rows.iter()
                .fold(vec![0i64; 4], |acc, row| {
                    acc.iter()
                        .zip(figures(row, suffix))
                        .map(|(a, v)| a + if let Value::Int(n) = v { n } else { 0 })
                        .collect()
                })
                .into_iter()
                .map(Value::Int)
                .collect()
        };
        if !rest.is_empty() {
            let unit = [Value::Text(t!("doc-other-units", n = rest.len() as i64))];
            rows.push(pair_line(&unit, true, add(rest, "_period")));
            rows.push(pair_line(&unit, false, add(rest, "")));
        }
        let unit = [Value::Text(t!("doc-total"))];
        rows.push(pair_line(&unit, true, add(&units, "_period")));
        rows.push(pair_line(&unit, false, add(&units, "")));
        b.push(Block::Table(Table {
            caption: tables.caption(&t!("doc-table-referrals")),
            header: header(&REFERRALS_HEADER),
            rows,
            pairs: Some(vec![0]),
        }));
    }
    let petitions = f.by_category.get("petition").copied().unwrap_or_default();
    let hazards = f.by_item.get(&crate::domain::reference::HAZARD_ITEM).copied().unwrap_or_default();
    let mut sub = if Rows::find(sections, "referrals").is_some_and(|s| !s.rows().is_empty()) { 3 } else { 2 };
    b.push(h2(sub, &t!("doc-results-receptions")));
    sub += 1;
    b.push(Block::Para(t!(
        "doc-receptions",
        n = v.receptions.cumulative,
        period = v.receptions.period,
        petitions = petitions.all.found,
        period_petitions = petitions.period.found,
        resolved = petitions.all.resolved,
        period_resolved = petitions.period.resolved,
        rate = pct(petitions.all.resolved, petitions.all.found),
        period_rate = pct(petitions.period.resolved, petitions.period.found)
    )));
    b.push(h2(sub, &t!("doc-results-hazards")));
    b.push(Block::Para(t!(
        "doc-hazards",
        n = hazards.all.found,
        period = hazards.period.found,
        rectified = hazards.all.resolved,
        period_rectified = hazards.period.resolved,
        rate = pct(hazards.all.resolved, hazards.all.found),
        period_rate = pct(hazards.period.resolved, hazards.period.found),
        overdue = hazards.all.overdue,
        period_overdue = hazards.period.overdue
    )));
    if kind == Kind::Final {
        let first = figs.0 + 1;
        let (pairs, total) = super::evidence::hazard_pairs(conn, &p.as_of.to_string(), &mut figs)?;
        let figures = if pairs.len() == 1 {
            t!("doc-figure", n = first as i64)
        } else {
            t!("doc-figures", from = first as i64, to = figs.0 as i64)
        };
        if pairs.len() < total {
            b.push(Block::Para(t!(
                "doc-hazard-photos-some",
                total = total as i64,
                shown = pairs.len() as i64,
                figures = figures
            )));
        } else if !pairs.is_empty() {
            b.push(Block::Para(t!("doc-hazard-photos", figures = figures)));
        }
        b.extend(pairs);
    }

    // 四、存在问题
    b.push(h1(4, &t!("doc-problems")));
    let mut points: Vec<String> = Vec::new();
    let (mut violations_table, mut violations_point) = (None, usize::MAX);
    let open = ta.found - ta.resolved;
    if open > 0 {
        points.push(t!("doc-problem-open", date = as_of.clone(), open = open, overdue = ta.overdue));
    }
    let group_names = group_names(conn)?;
    let group_name =
        |code: String| group_names.iter().find(|(c, _)| *c == code).map_or(code, |(_, n)| n.clone());
    if let Some(r) = Rows::find(sections, "research") {
        let by_state = |state: &str| -> Vec<String> {
            r.rows()
                .iter()
                .filter(|row| r.text(row, "state") == state)
                .map(|row| group_name(r.text(row, "group")))
                .collect()
        };
        let (late, missing) = (by_state("late"), by_state("missing"));
        if !late.is_empty() || !missing.is_empty() {
            let mut parts = Vec::new();
            if !missing.is_empty() {
                parts.push(t!("doc-research-missing", groups = join(&missing)));
            }
            if !late.is_empty() {
                parts.push(t!("doc-research-late", groups = join(&late)));
            }
            points.push(t!("doc-problem-research", parts = parts.join(&t!("doc-clause-sep"))));
        }
    }
    if let Some(r) = Rows::find(sections, "violations").filter(|s| !s.rows().is_empty()) {
        let cases: Vec<String> = r
            .rows()
            .iter()
            .map(|row| {
                violation_text(
                    &r.text(row, "date"),
                    &group_name(r.text(row, "group")),
                    &r.text(row, "violation"),
                    &r.text(row, "note"),
                )
            })
            .collect();
        if cases.len() <= MAX_LISTED_VIOLATIONS {
            points.push(t!(
                "doc-problem-discipline",
                n = cases.len() as i64,
                cases = cases.join(&t!("doc-case-sep"))
            ));
        } else {
            // Many: counted by prohibition in the sentence, each one a row of a table under it.
            let mut by_kind: Vec<(String, i64)> = Vec::new();
            for row in r.rows() {
                let kind = prohibition(&r.text(row, "violation"));
                match by_kind.iter_mut().find(|(k, _)| *k == kind) {
                    Some((_, n)) => *n += 1,
                    None => by_kind.push((kind, 1)),
                }
            }
            by_kind.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
            let kinds: Vec<String> = by_kind
                .iter()
                .map(|(k, n)| t!("doc-violation-kind", violation = k.clone(), n = *n))
                .collect();
            points.push(t!(
                "doc-problem-discipline-many",
                n = cases.len() as i64,
                kinds = join(&kinds),
                table = tables.0 as i64 + 1
            ));
            violations_table = Some(Table {
                caption: tables.caption(&t!("doc-table-violations")),
                header: header(&VIOLATIONS_HEADER),
                rows: r
                    .rows()
                    .iter()
                    .map(|row| {
                        vec![
                            Value::Text(
                                crate::domain::dates::parse(&r.text(row, "date")).map(md).unwrap_or_default(),
                            ),
                            Value::Text(group_name(r.text(row, "group"))),
                            Value::Text(prohibition(&r.text(row, "violation"))),
                            r.get(row, "note").clone(),
                        ]
                    })
                    .collect(),
                pairs: None,
            });
            violations_point = points.len() - 1;
        }
    }
    if c.level < Level::County {
        if let Some(u) = Rows::find(sections, "uncovered").filter(|s| !s.rows().is_empty()) {
            let names: Vec<String> = u.rows().iter().map(|r| u.text(r, "name")).collect();
            points.push(t!("doc-problem-uncovered", names = join(&names)));
        }
    }
    if points.is_empty() {
        b.push(Block::Para(t!("doc-none")));
    }
    for (i, text) in points.iter().enumerate() {
        b.push(Block::Para(t!("doc-point", n = numeral_for(i + 1), text = text.clone())));
        if i == violations_point {
            if let Some(t) = violations_table.take() {
                b.push(Block::Table(t));
            }
        }
    }
    b.push(Block::Para(t!("doc-todo-problems")));

    // 五、下一步打算
    b.push(h1(5, &t!("doc-next")));
    b.push(Block::Para(t!("doc-todo-next")));

    let issuer = issuer(c, &a.name);
    Ok(Written {
        title: t!(
            "doc-report-title",
            issuer = issuer.clone(),
            year = c.year.to_string(),
            kind = if kind == Kind::Progress { "progress" } else { "final" }
        ),
        addressee: a.addressee,
        blocks: b,
        issuer,
        date: p.as_of,
    })
}

/// The columns a paired table merges: the unit's `unit` columns, and the last one when `last` is
/// given (a county's 是否覆盖).
fn unit_columns(unit: usize, last: usize) -> Vec<usize> {
    let mut v: Vec<usize> = (0..unit).collect();
    v.push(last);
    v
}

/// A prohibition's name (as the section holds it, in Chinese) in the reader's language.
fn prohibition(name_zh: &str) -> String {
    match crate::domain::reference::PROHIBITIONS.iter().find(|(_, zh)| *zh == name_zh) {
        Some((code, _)) if crate::i18n::lang() == Lang::En => {
            crate::i18n::render(Lang::En, &format!("prohibition-{code}"), &[])
        }
        _ => name_zh.to_string(),
    }
}

/// 3月13日，第三走访组接受村里安排的午餐（违反“吃请和报销”规定）
fn violation_text(date: &str, group: &str, violation: &str, note: &str) -> String {
    let date = crate::domain::dates::parse(date).map(md).unwrap_or_default();
    if note.is_empty() {
        t!("doc-violation-plain", date = date, group = group, violation = prohibition(violation))
    } else {
        t!("doc-violation", date = date, group = group, violation = prohibition(violation), note = note)
    }
}

/// 无 / none, for a list with nothing in it.
fn none_if_empty(s: String) -> String {
    if s.is_empty() {
        t!("doc-nothing")
    } else {
        s
    }
}

/// A rate of a section (61.4) as a table shows it ("61.4%").
fn pct_text(v: &Value) -> Value {
    match v {
        Value::Float(f) => Value::Text(format!("{f:.1}%")),
        _ => Value::Null,
    }
}

/// (code, name) of every group; a group without a name is 第N组.
fn group_names(conn: &Connection) -> Result<Vec<(String, String)>> {
    Ok(rows(conn, "SELECT code, name FROM groups ORDER BY code", [])?
        .into_iter()
        .map(|r| {
            let code = r[0].text().into_owned();
            let name = r[1].text().into_owned();
            let name = if name.is_empty() { t!("doc-group-n", code = code.clone()) } else { name };
            (code, name)
        })
        .collect())
}

/// The implementation plan as a 公文.
pub fn plan(conn: &Connection, c: &Campaign, as_of: NaiveDate, sections: &[Section]) -> Result<Written> {
    let a = area(conn, c)?;
    let lang = crate::i18n::lang();
    let names = group_names(conn)?;
    let group_name = |code: String| names.iter().find(|(c, _)| *c == code).map_or(code, |(_, n)| n.clone());
    let mut b = Vec::new();
    for s in sections {
        let heading = Block::Heading(1, s.title(lang).to_string());
        match s.key {
            "campaign" => {
                b.push(heading);
                b.push(Block::Para(t!("doc-plan-intro", name = c.name.clone())));
            }
            "leading_group" => {
                b.push(heading);
                let r = Rows(s);
                let mut by_role: Vec<(String, Vec<String>)> = Vec::new();
                for row in r.rows() {
                    let role = match r.text(row, "role").as_str() {
                        "组长" => t!("doc-role-head"),
                        "副组长" => t!("doc-role-deputy"),
                        _ => t!("doc-role-member"),
                    };
                    let title = r.text(row, "title");
                    let who = if title.is_empty() {
                        r.text(row, "name")
                    } else {
                        t!("doc-person-title", name = r.text(row, "name"), title = title)
                    };
                    match by_role.iter_mut().find(|(k, _)| *k == role) {
                        Some((_, v)) => v.push(who),
                        None => by_role.push((role, vec![who])),
                    }
                }
                if by_role.is_empty() {
                    b.push(Block::Para(t!("doc-todo-leading-group")));
                } else {
                    let text: Vec<String> = by_role
                        .iter()
                        .map(|(k, v)| t!("doc-role-line", role = k.clone(), people = join(v)))
                        .collect();
                    b.push(Block::Para(t!("doc-plan-leading-group", roles = text.join(&t!("doc-case-sep")))));
                }
            }
            "groups" => {
                b.push(heading);
                let r = Rows(s);
                b.push(Block::Para(t!("doc-plan-groups", n = r.rows().len() as i64)));
                b.push(Block::Table(Table {
                    caption: Tables(0).caption(&t!("doc-table-plan-groups")),
                    header: header(&PLAN_GROUPS_HEADER),
                    rows: r
                        .rows()
                        .iter()
                        .map(|row| {
                            let when = |k: &str| {
                                crate::domain::dates::parse(&r.text(row, k)).map(md).unwrap_or_default()
                            };
                            vec![
                                Value::Text(group_name(r.text(row, "group"))),
                                r.get(row, "leader").clone(),
                                Value::Text(r.text(row, "members").replace('、', &t!("doc-list-sep"))),
                                Value::Text(r.text(row, "counties").replace('、', &t!("doc-list-sep"))),
                                r.get(row, "quota_villages").clone(),
                                r.get(row, "quota_enterprises").clone(),
                                Value::Text(format!("{}—{}", when("from"), when("to"))),
                            ]
                        })
                        .collect(),
                    pairs: None,
                }));
            }
            "work_items" => {
                b.push(heading);
                let r = Rows(s);
                for row in r.rows() {
                    let code = r.int(row, "item");
                    b.push(h2(code.max(1) as usize, &item_name(code, &r.text(row, "name"))));
                    let plan_in = r.text(row, "plan_in");
                    let state = match plan_in.strip_prefix("已报送 ") {
                        Some(d) => t!(
                            "doc-workplan-sent",
                            date = crate::domain::dates::parse(d).map(md).unwrap_or_default()
                        ),
                        None => t!("doc-workplan-not-sent"),
                    };
                    b.push(Block::Para(t!(
                        "doc-plan-item",
                        division = r.text(row, "lead_division"),
                        state = state
                    )));
                }
            }
            "deadlines" => {
                b.push(heading);
                let r = Rows(s);
                for (i, row) in r.rows().iter().enumerate() {
                    let what = r.text(row, "what");
                    let deliverable =
                        crate::domain::reference::DELIVERABLES.iter().find(|(_, zh, _)| *zh == what);
                    let what = match (deliverable, what.rsplit_once(' ')) {
                        (Some((code, zh, _)), _) => {
                            if lang == Lang::En {
                                crate::i18n::render(
                                    Lang::En,
                                    "status-deliverable",
                                    &[("kind", crate::i18n::Arg::Str(code.to_string()))],
                                )
                            } else {
                                zh.to_string()
                            }
                        }
                        (None, Some((group, _))) => {
                            t!("doc-research-report-of", group = group_name(group.to_string()))
                        }
                        (None, None) => what,
                    };
                    let due = crate::domain::dates::parse(&r.text(row, "due")).map(md).unwrap_or_default();
                    b.push(Block::Para(t!("doc-deadline", n = i as i64 + 1, date = due, what = what)));
                }
                b.push(Block::Para(t!("doc-plan-research-due")));
            }
            "violations" => {
                b.push(heading);
                b.push(Block::Para(t!("doc-plan-discipline")));
                let r = Rows(s);
                if r.rows().is_empty() {
                    b.push(Block::Para(t!("doc-plan-no-violations", date = md(as_of))));
                } else {
                    let cases: Vec<String> = r
                        .rows()
                        .iter()
                        .map(|row| {
                            violation_text(
                                &r.text(row, "date"),
                                &group_name(r.text(row, "group")),
                                &r.text(row, "violation"),
                                &r.text(row, "note"),
                            )
                        })
                        .collect();
                    b.push(Block::Para(t!(
                        "doc-plan-violations",
                        date = md(as_of),
                        n = cases.len() as i64,
                        cases = cases.join(&t!("doc-case-sep"))
                    )));
                }
            }
            _ => {}
        }
    }
    let issuer = issuer(c, &a.name);
    Ok(Written {
        title: t!("doc-plan-title", issuer = issuer.clone(), year = c.year.to_string()),
        addressee: None,
        blocks: b,
        issuer,
        date: as_of,
    })
}

/// The 汇总表 of a progress or final report: one row per group (a county) or per county (a city or
/// a province), and the total; every figure for the period and cumulatively.
pub fn summary(conn: &Connection, c: &Campaign, p: &Period, fig: &Figures) -> Result<Summary> {
    let a = area(conn, c)?;
    let cols = |ids: &[&str]| {
        ids.iter()
            .map(|id| SummaryColumn {
                label: crate::i18n::render(crate::i18n::lang(), id, &[]),
                percent: id.ends_with("-rate"),
            })
            .collect::<Vec<_>>()
    };
    let groups = vec![
        (t!("doc-s-visits"), cols(&["doc-h-visits", "doc-h-villages", "doc-h-enterprises"])),
        (t!("doc-s-findings"), cols(&["doc-h-found", "doc-h-on-site", "doc-h-taken-back", "doc-h-referred"])),
        (
            t!("doc-s-handling"),
            cols(&["doc-h-resolved", "doc-h-resolution-rate", "doc-h-on-time-rate", "doc-h-overdue"]),
        ),
    ];
    // Each figure for the period, then cumulatively (the order of `sub`).
    let line = |n: Both, villages: Both, enterprises: Both, f: &Counts| -> Vec<Value> {
        let (pp, al) = (&f.period, &f.all);
        let both = |p: i64, a: i64| [Value::Int(p), Value::Int(a)];
        [
            both(n.period, n.cumulative),
            both(villages.period, villages.cumulative),
            both(enterprises.period, enterprises.cumulative),
            both(pp.found, al.found),
            both(pp.on_site, al.on_site),
            both(pp.taken_back, al.taken_back),
            both(pp.referred, al.referred),
            both(pp.resolved, al.resolved),
            [rate(pp.resolved, pp.found), rate(al.resolved, al.found)],
            [rate(pp.on_time, pp.resolved), rate(al.on_time, al.resolved)],
            both(pp.overdue, al.overdue),
        ]
        .concat()
    };
    let mut out_rows = Vec::new();
    let unit;
    if c.level == Level::County {
        unit = t!("doc-h-group");
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
                out_rows.push((
                    name,
                    line(Both::default(), Both::default(), Both::default(), &Counts::default()),
                ));
                continue;
            };
            let (villages, enterprises, _) = r.places();
            let f = fig.f.by_group.get(&code).copied().unwrap_or_default();
            out_rows.push((name, line(r.visits, villages, enterprises, &f)));
        }
    } else {
        unit = t!("doc-h-county");
        for r in rows(
            conn,
            "SELECT code, name FROM areas WHERE level = 3 AND code LIKE ?1 || '%' ORDER BY code",
            [&c.org],
        )? {
            let code = r[0].text().into_owned();
            let (n, villages, enterprises) =
                fig.v.by_county.get(&code).map_or((Both::default(), Both::default(), Both::default()), |x| {
                    let (v, e, _) = x.places();
                    (x.visits, v, e)
                });
            let f = fig.f.by_county.get(&Some(code)).copied().unwrap_or_default();
            out_rows.push((r[1].text().into_owned(), line(n, villages, enterprises, &f)));
        }
    }
    let total = line(fig.v.visits, fig.v.villages.counts(), fig.v.enterprises.counts(), &fig.f.total);
    Ok(Summary {
        title: t!("doc-summary-title", area = a.name.clone()),
        lines: vec![
            t!("doc-summary-issuer", issuer = issuer(c, &a.name)),
            t!(
                "doc-summary-dates",
                date = long_date(p.as_of),
                since = long_date(p.start),
                campaign = long_date(p.campaign_start)
            ),
        ],
        unit,
        groups,
        sub: vec![t!("doc-period"), t!("doc-cumulative")],
        rows: out_rows,
        total: (t!("doc-total"), total),
    })
}

/// 2012年6月25日 / 25 June 2012
pub fn long_date(d: NaiveDate) -> String {
    crate::io::docx::date_text(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every header id names a text in both languages (a missing id would print itself).
    #[test]
    fn headers_exist_in_both_languages() {
        let all = [
            &FINDINGS_HEADER[..],
            &GROUPS_HEADER,
            &COUNTIES_HEADER,
            &ITEMS_HEADER,
            &LOWER_HEADER,
            &REFERRALS_HEADER,
            &PLAN_GROUPS_HEADER,
            &VIOLATIONS_HEADER,
            &[
                "doc-h-city",
                "doc-h-category",
                "doc-h-division",
                "doc-table-categories",
                "doc-table-divisions",
                "doc-table-county-findings",
                "doc-sent-on-time",
                "doc-sent-late",
                "doc-not-sent",
                "doc-not-due",
            ],
        ];
        for id in all.iter().flat_map(|ids| ids.iter()) {
            for lang in Lang::ALL {
                assert!(crate::i18n::has(lang, id), "{id} in {lang:?}");
            }
        }
    }
}
