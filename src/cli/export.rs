//! `zoufang export …`: the weekly exports scripts pull. Rows stream from the query to the writer,
//! so memory does not grow with the database. The `list` commands of the registries use the same
//! queries.

use anyhow::Result;
use rusqlite::{params, Row};

use super::Ctx;
use crate::domain::{codes, dates};
use crate::io::output::{col, sink_brief, Column, Value};
use crate::io::table::Tone;

/// Export records for scripts (csv or json; table and md for people)
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Example:\n  zoufang export enterprises --format csv --bom -o enterprises.csv\n  zoufang export villages --county 330523 --format json"
)]
pub struct Args {
    #[arg(value_enum)]
    pub what: What,
    /// Only records of this county
    #[arg(long)]
    pub county: Option<String>,
    /// Only records dated on or after this date
    #[arg(long)]
    pub since: Option<String>,
    /// Only records dated on or before this date
    #[arg(long)]
    pub until: Option<String>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum What {
    Visits,
    Findings,
    Groups,
    Villages,
    Enterprises,
    Staff,
}

#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub county: Option<String>,
    pub tag: Option<String>,
    pub since: Option<String>,
    pub until: Option<String>,
    pub group: Option<String>,
    pub item: Option<i64>,
    pub kind: Option<String>,
    pub status: Option<String>,
    pub category: Option<String>,
    pub route: Option<String>,
    pub division: Option<String>,
    pub overdue: bool,
    /// Only visits that broke one of the five prohibitions.
    pub violations: bool,
    /// Voided visits only (`visit list --voided`); otherwise they are left out.
    pub voided: bool,
}

impl Filter {
    /// The filters every export takes, checked: the county (or city) must be a known division
    /// inside the bureau's area.
    pub fn parse(
        ctx: &Ctx,
        county: Option<&str>,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Filter> {
        let county = match county {
            Some(raw) => {
                let store = ctx.open()?;
                let idx = crate::store::registry::area_index(store.conn())?;
                let (code, level) = codes::parse_division(raw)?;
                if level > codes::Level::County || idx.level(&code).is_none() {
                    return Err(crate::error::reject(crate::msg!("export-not-county", code = code.as_str()))
                        .hint(crate::msg!("export-not-county-hint"))
                        .into());
                }
                crate::domain::registry::within_bureau(&store.campaign.org, &code)?;
                Some(code)
            }
            None => None,
        };
        Ok(Filter {
            county,
            since: since.map(dates::parse).transpose()?.map(|d| d.to_string()),
            until: until.map(dates::parse).transpose()?.map(|d| d.to_string()),
            ..Filter::default()
        })
    }
}

pub fn run(a: Args, ctx: &Ctx) -> Result<()> {
    let filter = Filter::parse(ctx, a.county.as_deref(), a.since.as_deref(), a.until.as_deref())?;
    match a.what {
        What::Visits => visits(ctx, &filter, false),
        What::Findings => super::finding::export(ctx, &filter, false),
        What::Groups => super::group::export(ctx),
        What::Villages => villages(ctx, &filter),
        What::Enterprises => enterprises(ctx, &filter),
        What::Staff => staff(ctx, &filter),
    }
}

/// Run `sql` and stream every row, converted by `to_row`, into the output.
pub fn stream(
    ctx: &Ctx,
    columns: Vec<Column>,
    sql: &str,
    params: impl rusqlite::Params,
    to_row: impl Fn(&Row) -> rusqlite::Result<Vec<Value>>,
) -> Result<()> {
    list(ctx, columns, &[], sql, params, to_row, |_| Ok(Tone::Plain))
}

/// `stream` for a list people read: `brief` names the columns a narrow window shows (`--wide`
/// shows all), `tone` says what a row means (overdue, due soon, closed) for colour on a terminal.
pub fn list(
    ctx: &Ctx,
    columns: Vec<Column>,
    brief: &[&str],
    sql: &str,
    params: impl rusqlite::Params,
    to_row: impl Fn(&Row) -> rusqlite::Result<Vec<Value>>,
    tone: impl Fn(&Row) -> rusqlite::Result<Tone>,
) -> Result<()> {
    let store = ctx.open()?;
    let mut stmt = store.conn().prepare(sql)?;
    let mut rows = stmt.query(params)?;
    let mut out = sink_brief(&ctx.out, "", columns, brief)?;
    while let Some(r) = rows.next()? {
        out.row_toned(&to_row(r)?, tone(r)?)?;
    }
    out.finish()
}

pub fn text(r: &Row, i: usize) -> rusqlite::Result<Value> {
    Ok(Value::from(r.get::<_, Option<String>>(i)?))
}

/// A text cell holding a code of closed set `T`: the code for scripts, the label for people.
pub fn coded<T: crate::domain::sets::Closed>(v: &Value) -> Value {
    match v {
        Value::Text(code) => Value::coded::<T>(code.as_str()),
        other => other.clone(),
    }
}

pub fn villages(ctx: &Ctx, f: &Filter) -> Result<()> {
    stream(
        ctx,
        vec![
            col("code", "代码", "code"),
            col("name", "名称", "name"),
            col("township", "乡镇代码", "township"),
            col("township_name", "乡镇", "township name"),
            col("county", "县代码", "county"),
        ],
        "SELECT v.code, v.name, v.parent, t.name, substr(v.code, 1, 6) FROM areas v LEFT JOIN areas t ON t.code = v.parent
         WHERE v.level = 5 AND (?1 IS NULL OR v.code LIKE ?1 || '%') ORDER BY v.code",
        params![f.county],
        |r| (0..5).map(|i| text(r, i)).collect(),
    )
}

pub fn enterprises(ctx: &Ctx, f: &Filter) -> Result<()> {
    list(
        ctx,
        vec![
            col("uscc", "统一社会信用代码", "credit code"),
            col("name", "企业名称", "name"),
            col("county", "所在县", "county"),
            col("village", "所在村", "village"),
            col("industry", "行业", "industry"),
            col("zone", "产业集聚区", "cluster zone"),
            col("tags", "标签", "tags"),
            col("contact", "联系人", "contact"),
            col("phone", "联系电话", "phone"),
        ],
        &["uscc", "name", "county", "industry", "contact", "phone"],
        "SELECT uscc, name, county, village, industry, zone, tags, contact, phone FROM enterprises
         WHERE (?1 IS NULL OR county LIKE ?1 || '%')
           AND (?2 IS NULL OR ';' || tags || ';' LIKE '%;' || ?2 || ';%')
         ORDER BY uscc",
        params![f.county, f.tag],
        |r| (0..9).map(|i| text(r, i)).collect(),
        |_| Ok(Tone::Plain),
    )
}

pub fn staff(ctx: &Ctx, f: &Filter) -> Result<()> {
    list(
        ctx,
        vec![
            col("id", "编号", "id"),
            col("name", "姓名", "name"),
            col("org", "单位", "org"),
            col("title", "职务", "title"),
            col("division", "处室", "division"),
            col("leader", "领导", "leader"),
            col("role", "领导小组职务", "leading-group role"),
            col("phone", "联系电话", "phone"),
        ],
        &["id", "name", "org", "title", "division", "leader"],
        "SELECT substr(id, 1, 8), name, org, title, division, leader, lg_role, phone FROM staff
         WHERE (?1 IS NULL OR org LIKE ?1 || '%') ORDER BY org, name, id",
        params![f.county],
        |r| {
            let mut v: Vec<Value> = (0..5).map(|i| text(r, i)).collect::<rusqlite::Result<_>>()?;
            v.push(Value::Bool(r.get(5)?));
            v.push(text(r, 6)?);
            v.push(text(r, 7)?);
            Ok(v)
        },
        |_| Ok(Tone::Plain),
    )
}

/// Visits, one row each. `short` shows 8-character ids (for people); exports carry the whole id.
pub fn visits(ctx: &Ctx, f: &Filter, short: bool) -> Result<()> {
    list(
        ctx,
        vec![
            col("id", "编号", "id"),
            col("date", "日期", "date"),
            col("group", "走访组", "group"),
            col("target_kind", "对象类型", "target kind"),
            col("target_code", "对象代码", "target code"),
            col("target_name", "对象名称", "target name"),
            col("county", "所在县", "county"),
            col("item", "重点内容", "work item"),
            col("method", "方式", "method"),
            col("participants", "参加人数", "participants"),
            col("discipline_ok", "五不准遵守", "discipline ok"),
            col("findings", "发现问题", "findings"),
            col("revisit_reason", "重复走访理由", "revisit reason"),
        ],
        &["id", "date", "group", "target_kind", "target_name", "item", "findings"],
        "SELECT CASE WHEN ?7 THEN substr(v.id, 1, 8) ELSE v.id END, v.date, v.group_code, v.target_kind, v.target_code,
                CASE v.target_kind WHEN 'village' THEN (SELECT name FROM areas WHERE code = v.target_code)
                                   WHEN 'enterprise' THEN (SELECT name FROM enterprises WHERE uscc = v.target_code)
                                   WHEN 'zone' THEN (SELECT name FROM zones WHERE code = v.target_code)
                                   WHEN 'bureau' THEN (SELECT name || '环保局' FROM areas WHERE code = v.target_code)
                                   ELSE v.target_code END,
                v.county, v.item, v.method,
                (SELECT count(*) FROM visit_participants p WHERE p.visit_id = v.id), v.discipline_ok,
                (SELECT count(*) FROM findings x WHERE x.visit_id = v.id), v.revisit_reason
         FROM visits v
         WHERE EXISTS (SELECT 1 FROM visit_voids x WHERE x.visit_id = v.id) = ?9
           AND (?1 IS NULL OR v.date >= ?1) AND (?2 IS NULL OR v.date <= ?2)
           AND (?3 IS NULL OR v.county LIKE ?3 || '%') AND (?4 IS NULL OR v.group_code = ?4)
           AND (?5 IS NULL OR v.item = ?5) AND (?6 IS NULL OR v.target_kind = ?6)
           AND (NOT ?8 OR EXISTS (SELECT 1 FROM visit_violations x WHERE x.visit_id = v.id))
         ORDER BY v.date, v.id",
        params![f.since, f.until, f.county, f.group, f.item, f.kind, short, f.violations, f.voided],
        |r| {
            let mut v: Vec<Value> = (0..7).map(|i| text(r, i)).collect::<rusqlite::Result<_>>()?;
            v[3] = coded::<crate::domain::sets::TargetKind>(&v[3]);
            v.push(Value::Int(r.get(7)?));
            v.push(coded::<crate::domain::sets::Method>(&text(r, 8)?));
            v.push(Value::Int(r.get(9)?));
            v.push(Value::Bool(r.get(10)?));
            v.push(Value::Int(r.get(11)?));
            v.push(text(r, 12)?);
            Ok(v)
        },
        |_| Ok(Tone::Plain),
    )
}
