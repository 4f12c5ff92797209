//! `zoufang export …`: the weekly exports scripts pull. Rows stream from the query to the writer,
//! so memory does not grow with the database. The `list` commands of the registries use the same
//! queries.

use anyhow::Result;
use rusqlite::{params, Row};

use super::Ctx;
use crate::domain::{codes, dates};
use crate::io::output::{col, sink, Column, Value};

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
}

pub fn run(a: Args, ctx: &Ctx) -> Result<()> {
    let county = a.county.as_deref().map(codes::parse_division).transpose()?.map(|c| c.0);
    let since = a.since.as_deref().map(dates::parse).transpose()?.map(|d| d.to_string());
    let until = a.until.as_deref().map(dates::parse).transpose()?.map(|d| d.to_string());
    let filter = Filter { county, tag: None, since, until };
    match a.what {
        What::Villages => villages(ctx, &filter),
        What::Enterprises => enterprises(ctx, &filter),
        What::Staff => staff(ctx, &filter),
    }
}

/// Run `sql` and stream every row, converted by `to_row`, into the output.
fn stream(
    ctx: &Ctx,
    columns: Vec<Column>,
    sql: &str,
    params: impl rusqlite::Params,
    to_row: impl Fn(&Row) -> rusqlite::Result<Vec<Value>>,
) -> Result<()> {
    let store = ctx.open()?;
    let mut stmt = store.conn().prepare(sql)?;
    let mut rows = stmt.query(params)?;
    let mut out = sink(&ctx.out, "", columns)?;
    while let Some(r) = rows.next()? {
        out.row(&to_row(r)?)?;
    }
    out.finish()
}

fn text(r: &Row, i: usize) -> rusqlite::Result<Value> {
    Ok(Value::from(r.get::<_, Option<String>>(i)?))
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
    stream(
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
        "SELECT uscc, name, county, village, industry, zone, tags, contact, phone FROM enterprises
         WHERE (?1 IS NULL OR county LIKE ?1 || '%')
           AND (?2 IS NULL OR ';' || tags || ';' LIKE '%;' || ?2 || ';%')
         ORDER BY uscc",
        params![f.county, f.tag],
        |r| (0..9).map(|i| text(r, i)).collect(),
    )
}

pub fn staff(ctx: &Ctx, f: &Filter) -> Result<()> {
    stream(
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
    )
}
