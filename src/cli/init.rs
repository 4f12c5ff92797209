//! `zoufang init`: create the campaign database of a bureau.

use anyhow::Result;

use super::Ctx;
use crate::domain::codes::{self, Level};
use crate::domain::divisions;
use crate::error::reject;
use crate::store::{ids, seed, Campaign, Store, Unpublished};
use crate::{msg, t};

/// Create the campaign database of a bureau (the level follows from the code)
#[derive(clap::Args, Debug)]
#[command(after_help = "Example:\n  zoufang --db anji.db init --org 330523 --year 2012 --name 安吉县环保局")]
pub struct Args {
    /// Division code of the bureau: province (33), city (3305) or county (330523)
    #[arg(long)]
    pub org: String,
    /// Campaign year
    #[arg(long)]
    pub year: i32,
    /// Name of the bureau (default: the division's full name + 环保局)
    #[arg(long)]
    pub name: Option<String>,
}

/// Check the bureau code and year and make the `Campaign` a new database will carry.
pub fn campaign(org: &str, year: i32, name: Option<&str>) -> Result<Campaign> {
    let parsed = codes::parse_division(org).ok();
    let known =
        parsed.as_ref().and_then(|(code, level)| divisions::find(code).filter(|_| *level <= Level::County));
    let Some(div) = known else {
        let near: Vec<String> =
            divisions::nearest(org, 5).iter().map(|d| format!("{} {}", d.code, d.name)).collect();
        return Err(reject(msg!("init-not-a-bureau", org = org))
            .hint(msg!("init-did-you-mean", near = near.join(", ")))
            .into());
    };
    if !(2000..=2100).contains(&year) {
        return Err(reject(msg!("init-bad-year", year = year.to_string()))
            .hint(msg!("init-bad-year-hint"))
            .into());
    }
    let name = match name {
        Some(n) if !n.trim().is_empty() => n.trim().to_string(),
        _ => format!("{}环境保护局", divisions::full_name(&div.code).unwrap_or_else(|| div.name.clone())),
    };
    let (code, level) = (div.code.clone(), div.level);
    Ok(Campaign {
        org: code.clone(),
        level,
        year,
        province: code[..2].to_string(),
        name,
        replica: ids::new_id(),
    })
}

/// Create and seed a database for `ctx.db`, fill it with `fill`, and only then put it under its
/// name: a database that exists under its name is complete, and a crash or a failure leaves
/// nothing that blocks a retry.
pub fn create_with<T>(
    ctx: &Ctx,
    c: Campaign,
    fill: impl FnOnce(&mut Store) -> Result<T>,
) -> Result<(Store, T)> {
    if let Some(dir) = ctx.db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| crate::error::io_sentence(e, dir, "create the folder"))?;
    }
    let new = Unpublished::new(&ctx.db)?;
    let province = c.province.clone();
    let year = c.year;
    let mut store = Store::create(&new, c)?;
    store.write(&ctx.actor, |w| {
        seed::seed(w, year, &province)?;
        let org = w.campaign.org.clone();
        w.touch("campaign", &org);
        Ok(())
    })?;
    let filled = fill(&mut store)?;
    store.close()?;
    new.publish()?;
    Ok((Store::open(&ctx.db)?, filled))
}

pub fn run(a: Args, ctx: &Ctx) -> Result<()> {
    let c = campaign(&a.org, a.year, a.name.as_deref())?;
    let (store, ()) = create_with(ctx, c, |_| Ok(()))?;
    let c = &store.campaign;
    crate::note!(
        "{}",
        t!(
            "init-created",
            path = ctx.db.as_path(),
            name = c.name.as_str(),
            level = c.level.word(),
            org = c.org.as_str(),
            province = c.province.as_str(),
            year = c.year.to_string()
        )
    );
    Ok(())
}
