//! `zoufang area import|add|list|show`: townships and villages under the bureau.

use std::path::PathBuf;

use anyhow::Result;
use rusqlite::params;

use super::Ctx;
use crate::domain::codes::{self, Level};
use crate::domain::registry;
use crate::error::reject;
use crate::import;
use crate::io::csv_in::{self, Encoding, Field};
use crate::io::output::{col, write_record, write_rows, Value};
use crate::store::query;
use crate::store::registry::{area_index, upsert_area, Outcome};
use crate::{msg, t};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// Import townships or villages from an NBS-layout CSV (the layout is recognised by its header)
    #[command(
        after_help = "Example:\n  zoufang area import townships.csv\n  zoufang area import villages.csv --skip-bad"
    )]
    Import(ImportArgs),
    /// Add one township or village
    #[command(after_help = "Example:\n  zoufang area add 330523100 --name 递铺街道")]
    Add(AddArgs),
    /// List areas
    #[command(after_help = "Example:\n  zoufang area list --level township --under 330523")]
    List {
        /// province, city, county, township or village
        #[arg(long)]
        level: Option<String>,
        /// Only areas inside this code
        #[arg(long)]
        under: Option<String>,
    },
    /// Show an area: its parents and its counts of children
    #[command(after_help = "Example:\n  zoufang area show 330523100")]
    Show { code: String },
}

#[derive(clap::Args, Debug)]
pub struct ImportArgs {
    pub file: PathBuf,
    /// Import the good rows and list the bad ones, instead of importing nothing
    #[arg(long)]
    pub skip_bad: bool,
    /// The file's encoding (default: detected)
    #[arg(long, value_enum)]
    pub encoding: Option<Encoding>,
}

#[derive(clap::Args, Debug)]
pub struct AddArgs {
    pub code: String,
    #[arg(long)]
    pub name: String,
}

/// The NBS layouts of SPEC §2, townships and villages in one list; villages have `streetCode`.
const LAYOUT: &[Field] = &[
    Field { key: "code", aliases: &["代码", "区划代码", "统计用区划代码"], required: true },
    Field { key: "name", aliases: &["名称"], required: true },
    Field { key: "streetCode", aliases: &["乡镇代码", "街道代码"], required: false },
    Field { key: "areaCode", aliases: &["县代码", "区县代码"], required: false },
    Field { key: "cityCode", aliases: &["市代码"], required: false },
    Field { key: "provinceCode", aliases: &["省代码"], required: false },
];

pub fn run(cmd: Cmd, ctx: &Ctx) -> Result<()> {
    match cmd {
        Cmd::Import(a) => import_file(&a, ctx, None),
        Cmd::Add(a) => add(ctx, &a, None),
        Cmd::List { level, under } => list(ctx, level.as_deref(), under.as_deref()),
        Cmd::Show { code } => show(ctx, &code),
    }
}

/// Import an NBS file; `want` restricts the level (the `village import` command).
pub fn import_file(a: &ImportArgs, ctx: &Ctx, want: Option<Level>) -> Result<()> {
    let mut store = ctx.open()?;
    let table = csv_in::read(&a.file, a.encoding, LAYOUT)?;
    let idx = area_index(store.conn())?;
    let org = store.campaign.org.clone();
    let villages = table.rows().0.first().is_some_and(|r| r.has("streetCode"));
    let expect = if villages { Level::Village } else { Level::Township };
    if want.is_some_and(|w| w != expect) {
        return Err(reject(msg!("area-not-village-file", file = a.file.as_path(), level = expect.word()))
            .hint(msg!("area-not-village-file-hint"))
            .into());
    }
    let summary = import::run(
        &mut store,
        &ctx.actor,
        expect.key(),
        &table,
        a.skip_bad,
        |row| {
            let area = registry::area(&idx, &org, row.get("code"), row.get("name"), Some(expect))?;
            // The NBS files repeat the parent codes; a row whose codes disagree is damaged.
            let parent_col = if villages { "streetCode" } else { "areaCode" };
            let stated = row.get(parent_col);
            if !stated.is_empty() {
                let (p, _) = codes::parse_division(stated)?;
                if Some(&p) != area.parent.as_ref() {
                    return Err(reject(msg!(
                        "area-parent-disagrees",
                        code = area.code.as_str(),
                        parent = area.parent.clone().unwrap_or_default(),
                        column = parent_col,
                        stated = p.as_str()
                    )));
                }
            }
            Ok((area.code.clone(), area))
        },
        upsert_area,
    )?;
    crate::note!("{}: {summary}", a.file.display());
    Ok(())
}

pub fn add(ctx: &Ctx, a: &AddArgs, want: Option<Level>) -> Result<()> {
    let mut store = ctx.open()?;
    let idx = area_index(store.conn())?;
    let area = registry::area(&idx, &store.campaign.org, &a.code, &a.name, want)?;
    let outcome = store.write(&ctx.actor, |w| upsert_area(w, &area))?;
    let outcome = match outcome {
        Outcome::Added => t!("outcome-added"),
        Outcome::Updated => t!("outcome-updated"),
        Outcome::Unchanged => t!("outcome-unchanged"),
    };
    let (level, code, name) = (area.level.word(), area.code.as_str(), area.name.as_str());
    crate::note!("{}", t!("area-added", level = level, code = code, name = name, outcome = outcome));
    Ok(())
}

pub fn list(ctx: &Ctx, level: Option<&str>, under: Option<&str>) -> Result<()> {
    let store = ctx.open()?;
    let level = level.map(Level::parse).transpose()?;
    let under = match under {
        Some(u) => codes::parse_division(u)?.0,
        None => String::new(),
    };
    let rows = query::rows(
        store.conn(),
        "SELECT code, name, CASE level WHEN 1 THEN 'province' WHEN 2 THEN 'city' WHEN 3 THEN 'county'
                                       WHEN 4 THEN 'township' ELSE 'village' END, parent
         FROM areas WHERE code >= ?1 AND code < ?1 || 'z' AND (?2 IS NULL OR level = ?2) ORDER BY code",
        params![under, level.map(|l| l as i64)],
    )?;
    write_rows(
        &ctx.out,
        "",
        vec![
            col("code", "代码", "code"),
            col("name", "名称", "name"),
            col("level", "级别", "level"),
            col("parent", "上级", "parent"),
        ],
        &rows,
    )
}

pub fn show(ctx: &Ctx, raw: &str) -> Result<()> {
    let store = ctx.open()?;
    let (code, _) = codes::parse_division(raw)?;
    let idx = area_index(store.conn())?;
    let Some(level) = idx.level(&code) else {
        return Err(reject(msg!("area-none", code = code.as_str())).hint(msg!("area-none-hint")).into());
    };
    let mut chain = Vec::new();
    let mut c = code.as_str();
    while let Some(p) = codes::parent_code(c) {
        chain.push(format!("{} {}", p, idx.name(p)));
        c = p;
    }
    chain.reverse();
    let mut fields = vec![
        (col("code", "代码", "code"), Value::from(code.as_str())),
        (col("name", "名称", "name"), Value::from(idx.name(&code))),
        (col("level", "级别", "level"), Value::from(level.key())),
        (col("parents", "上级区划", "parents"), Value::from(chain.join(" / "))),
    ];
    let conn = store.conn();
    for (l, key, zh) in [
        (Level::City, "cities", "下辖市"),
        (Level::County, "counties", "下辖县"),
        (Level::Township, "townships", "下辖乡镇"),
        (Level::Village, "villages", "下辖村"),
    ] {
        if l > level {
            let n: i64 = conn.query_row(
                "SELECT count(*) FROM areas WHERE code > ?1 AND code < ?1 || 'z' AND level = ?2",
                params![code, l as i64],
                |r| r.get(0),
            )?;
            fields.push((col(key, zh, key), Value::Int(n)));
        }
    }
    let enterprises: i64 = conn.query_row(
        "SELECT count(*) FROM enterprises
         WHERE CASE WHEN length(?1) <= 6 THEN county LIKE ?1 || '%' ELSE village LIKE ?1 || '%' END",
        [&code],
        |r| r.get(0),
    )?;
    fields.push((col("enterprises", "企业数", "enterprises"), Value::Int(enterprises)));
    write_record(&ctx.out, "", fields)
}
