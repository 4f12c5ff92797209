//! `zoufang enterprise add|list|show|edit|import`.

use std::path::PathBuf;

use anyhow::Result;

use super::export::{self, Filter};
use super::Ctx;
use crate::domain::codes;
use crate::domain::reference::{self, ENTERPRISE_TAGS};
use crate::domain::registry::{self, EnterpriseInput};
use crate::error::reject;
use crate::import;
use crate::io::csv_in::{self, Encoding, Field};
use crate::io::output::{col, write_record, Value};
use crate::store::registry::{
    area_index, enterprise_values, get_enterprise, upsert_enterprise, zone_county, Outcome, ENTERPRISES,
};
use crate::{msg, t};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// Register an enterprise
    #[command(
        after_help = "Example:\n  zoufang enterprise add 91330523MA2B12345X --name 安吉某竹业有限公司 --county 330523 --tags difficulty:pollution;promising"
    )]
    Add(Fields),
    /// List enterprises
    #[command(after_help = "Example:\n  zoufang enterprise list --county 330523 --tag difficulty:pollution")]
    List {
        #[arg(long)]
        county: Option<String>,
        /// Only enterprises with this tag
        #[arg(long)]
        tag: Option<String>,
    },
    /// Show one enterprise
    #[command(after_help = "Example:\n  zoufang enterprise show 91330523MA2B12345X")]
    Show { uscc: String },
    /// Change an enterprise's details (only the options given change)
    #[command(
        after_help = "Example:\n  zoufang enterprise edit 91330523MA2B12345X --phone 0572-5123456 --tags promising"
    )]
    Edit(EditArgs),
    /// Import enterprises from CSV (English keys or Chinese headers, any column order)
    #[command(after_help = "Example:\n  zoufang enterprise import 企业名单.csv --skip-bad")]
    Import {
        file: PathBuf,
        #[arg(long)]
        skip_bad: bool,
        #[arg(long, value_enum)]
        encoding: Option<Encoding>,
    },
}

#[derive(clap::Args, Debug)]
pub struct Fields {
    /// Unified social credit code (18 characters)
    pub uscc: String,
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub county: String,
    #[arg(long, default_value = "")]
    pub village: String,
    #[arg(long, default_value = "")]
    pub industry: String,
    #[arg(long, default_value = "")]
    pub zone: String,
    /// ';'-separated: difficulty:pollution, difficulty:upgrading, difficulty:emission, promising, featured, env-industry, key-project
    #[arg(long, default_value = "")]
    pub tags: String,
    #[arg(long, default_value = "")]
    pub contact: String,
    #[arg(long, default_value = "")]
    pub phone: String,
}

#[derive(clap::Args, Debug)]
pub struct EditArgs {
    pub uscc: String,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub contact: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub industry: Option<String>,
    #[arg(long)]
    pub village: Option<String>,
    #[arg(long)]
    pub tags: Option<String>,
    #[arg(long)]
    pub zone: Option<String>,
}

/// Import layout of SPEC §4.
const LAYOUT: &[Field] = &[
    Field { key: "uscc", aliases: &["统一社会信用代码", "信用代码"], required: true },
    Field { key: "name", aliases: &["企业名称", "名称"], required: true },
    Field { key: "county", aliases: &["所在县", "县"], required: true },
    Field { key: "village", aliases: &["所在村", "村"], required: false },
    Field { key: "industry", aliases: &["行业"], required: false },
    Field { key: "zone", aliases: &["集聚区", "产业集聚区"], required: false },
    Field { key: "tags", aliases: &["标签"], required: false },
    Field { key: "contact", aliases: &["联系人"], required: false },
    Field { key: "phone", aliases: &["联系电话", "电话"], required: false },
];

pub fn run(cmd: Cmd, ctx: &Ctx) -> Result<()> {
    match cmd {
        Cmd::Add(f) => {
            let mut store = ctx.open()?;
            let idx = area_index(store.conn())?;
            let conn = store.conn();
            let zc = |z: &str| zone_county(conn, z);
            let input = EnterpriseInput {
                uscc: &f.uscc,
                name: &f.name,
                county: &f.county,
                village: &f.village,
                industry: &f.industry,
                zone: &f.zone,
                tags: &f.tags,
                contact: &f.contact,
                phone: &f.phone,
            };
            let e = registry::enterprise(&idx, &store.campaign.org, &zc, &input)?;
            if get_enterprise(store.conn(), &e.uscc)?.is_some() {
                return Err(reject(msg!("enterprise-exists", uscc = e.uscc.as_str()))
                    .hint(msg!("enterprise-exists-hint"))
                    .into());
            }
            store.write(&ctx.actor, |w| upsert_enterprise(w, &e))?;
            crate::note!("{}", t!("enterprise-added", uscc = e.uscc.as_str(), name = e.name.as_str()));
            Ok(())
        }
        Cmd::List { county, tag } => {
            let tag = tag
                .map(|t| reference::lookup(&ENTERPRISE_TAGS, &t, "tag").map(str::to_string))
                .transpose()?;
            export::enterprises(ctx, &Filter { county, tag, ..Filter::default() })
        }
        Cmd::Show { uscc } => show(ctx, &uscc),
        Cmd::Edit(a) => edit(ctx, a),
        Cmd::Import { file, skip_bad, encoding } => {
            let mut store = ctx.open()?;
            // Read as a stream: a file of any size is imported in bounded memory.
            let mut stream = csv_in::Stream::open(&file, encoding, LAYOUT)?;
            let idx = area_index(store.conn())?;
            let org = store.campaign.org.clone();
            let zones: std::collections::HashMap<String, String> = store
                .conn()
                .prepare("SELECT code, county FROM zones")?
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            let zc = |z: &str| zones.get(z).cloned();
            let summary = import::run_streamed(
                &mut store,
                &ctx.actor,
                "enterprise",
                &mut stream,
                skip_bad,
                &ENTERPRISES,
                |row| {
                    let input = EnterpriseInput {
                        uscc: row.get("uscc"),
                        name: row.get("name"),
                        county: row.get("county"),
                        village: row.get("village"),
                        industry: row.get("industry"),
                        zone: row.get("zone"),
                        tags: row.get("tags"),
                        contact: row.get("contact"),
                        phone: row.get("phone"),
                    };
                    registry::enterprise(&idx, &org, &zc, &input)
                },
                enterprise_values,
            )?;
            crate::note!("{}: {summary}", file.display());
            Ok(())
        }
    }
}

fn show(ctx: &Ctx, raw: &str) -> Result<()> {
    let store = ctx.open()?;
    let uscc = codes::parse_uscc(raw)?;
    let Some(e) = get_enterprise(store.conn(), &uscc)? else {
        return Err(reject(msg!("enterprise-none", uscc = uscc.as_str()))
            .hint(msg!("enterprise-none-list-hint"))
            .into());
    };
    let idx = area_index(store.conn())?;
    let tags: Vec<String> = e
        .tags
        .split(';')
        .filter(|t| !t.is_empty())
        .map(|t| match ctx.out.lang {
            crate::io::output::Lang::Zh => reference::label(&ENTERPRISE_TAGS, t).to_string(),
            crate::io::output::Lang::En => t.to_string(),
        })
        .collect();
    let visits: i64 = store.conn().query_row(
        "SELECT count(*) FROM live_visits WHERE target_kind = 'enterprise' AND target_code = ?1",
        [&uscc],
        |r| r.get(0),
    )?;
    let village = e.village.clone().map(|v| format!("{v} {}", idx.name(&v)));
    write_record(
        &ctx.out,
        "",
        vec![
            (col("uscc", "统一社会信用代码", "credit code"), Value::from(e.uscc.as_str())),
            (col("name", "企业名称", "name"), Value::from(e.name.as_str())),
            (col("county", "所在县", "county"), Value::from(format!("{} {}", e.county, idx.name(&e.county)))),
            (col("village", "所在村", "village"), Value::from(village)),
            (col("industry", "行业", "industry"), Value::from(e.industry.as_str())),
            (col("zone", "产业集聚区", "cluster zone"), Value::from(e.zone.clone())),
            (col("tags", "标签", "tags"), Value::from(tags.join("、"))),
            (col("contact", "联系人", "contact"), Value::from(e.contact.as_str())),
            (col("phone", "联系电话", "phone"), Value::from(e.phone.as_str())),
            (col("visits", "走访次数", "visits"), Value::Int(visits)),
        ],
    )
}

fn edit(ctx: &Ctx, a: EditArgs) -> Result<()> {
    let mut store = ctx.open()?;
    let uscc = codes::parse_uscc(&a.uscc)?;
    let Some(old) = get_enterprise(store.conn(), &uscc)? else {
        return Err(reject(msg!("enterprise-none", uscc = uscc.as_str()))
            .hint(msg!("enterprise-none-hint"))
            .into());
    };
    let idx = area_index(store.conn())?;
    let conn = store.conn();
    let zc = |z: &str| zone_county(conn, z);
    let old_village = old.village.clone().unwrap_or_default();
    let old_zone = old.zone.clone().unwrap_or_default();
    let input = EnterpriseInput {
        uscc: &old.uscc,
        name: a.name.as_deref().unwrap_or(&old.name),
        county: &old.county,
        village: a.village.as_deref().unwrap_or(&old_village),
        industry: a.industry.as_deref().unwrap_or(&old.industry),
        zone: a.zone.as_deref().unwrap_or(&old_zone),
        tags: a.tags.as_deref().unwrap_or(&old.tags),
        contact: a.contact.as_deref().unwrap_or(&old.contact),
        phone: a.phone.as_deref().unwrap_or(&old.phone),
    };
    let e = registry::enterprise(&idx, &store.campaign.org, &zc, &input)?;
    let outcome = store.write(&ctx.actor, |w| upsert_enterprise(w, &e))?;
    let said = if outcome == Outcome::Unchanged {
        t!("enterprise-unchanged", uscc = e.uscc.as_str())
    } else {
        t!("enterprise-updated", uscc = e.uscc.as_str())
    };
    crate::note!("{said}");
    Ok(())
}
