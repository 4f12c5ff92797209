//! `zoufang zone add|list`: cluster zones (产业集聚区).

use anyhow::Result;

use super::Ctx;
use crate::domain::registry;
use crate::error::reject;
use crate::io::output::{col, write_rows};
use crate::store::query;
use crate::store::registry::area_index;
use crate::{msg, t};

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// Register a cluster zone
    #[command(after_help = "Example:\n  zoufang zone add AJ-ZONE1 --name 安吉经济开发区 --county 330523")]
    Add {
        /// A short code for the zone, unique in the campaign
        code: String,
        #[arg(long)]
        name: String,
        #[arg(long)]
        county: String,
    },
    /// List cluster zones
    #[command(after_help = "Example:\n  zoufang zone list --format csv")]
    List,
}

pub fn run(cmd: Cmd, ctx: &Ctx) -> Result<()> {
    match cmd {
        Cmd::Add { code, name, county } => {
            let mut store = ctx.open()?;
            let idx = area_index(store.conn())?;
            let county = registry::county(&idx, &store.campaign.org, &county)?;
            let code = code.trim().to_uppercase();
            if code.is_empty() || name.trim().is_empty() {
                return Err(reject(msg!("zone-needs-code-and-name")).into());
            }
            store.write(&ctx.actor, |w| {
                let n = w.tx.execute(
                    "INSERT INTO zones(code, name, county) VALUES (?1, ?2, ?3) ON CONFLICT(code) DO NOTHING",
                    (&code, name.trim(), &county),
                )?;
                if n == 0 {
                    return Err(reject(msg!("zone-exists", zone = code.as_str())).into());
                }
                w.touch("zone", &code);
                Ok(())
            })?;
            crate::note!("{}", t!("zone-added", zone = code.as_str()));
            Ok(())
        }
        Cmd::List => {
            let store = ctx.open()?;
            let rows = query::rows(store.conn(), "SELECT z.code, z.name, z.county, a.name, (SELECT count(*) FROM enterprises e WHERE e.zone = z.code)
                 FROM zones z JOIN areas a ON a.code = z.county ORDER BY z.code", [])?;
            write_rows(
                &ctx.out,
                "",
                vec![
                    col("code", "代码", "code"),
                    col("name", "名称", "name"),
                    col("county", "所在县", "county"),
                    col("county_name", "县名", "county name"),
                    col("enterprises", "企业数", "enterprises"),
                ],
                &rows,
            )
        }
    }
}
