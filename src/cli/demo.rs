//! `zoufang demo`: create a database holding a realistic demo campaign, then show the dashboard.

use std::time::Instant;

use anyhow::Result;

use super::Ctx;
use crate::demo::{self, Options, Scale};
use crate::error::reject;
use crate::io::document;
use crate::io::output::Format;
use crate::report::status;

/// Build a realistic demo campaign in a new database (the same for the same seed), then print the dashboard
#[derive(clap::Args, Debug)]
#[command(
    long_about = "Build a realistic demo campaign in a new database, then print the dashboard.\n\n\
county: 安吉县环境保护局 (330523) with Anji's real townships and villages, ~300 enterprises, five groups, \
~150 visits with their feedback forms and ~400 findings in every state; a few seconds.\n\
city: 湖州市环境保护局 (3305) with its 5 counties, the province's data set cut to them (1,400 villages, \
5,500 enterprises, 11,000 visits, 27,500 findings); a few seconds in a release build.\n\
province: 浙江省环境保护厅 (33) with the data set of SPEC §7 (25,000 villages, 100,000 enterprises, \
200,000 visits, 500,000 findings); under a minute in a release build.\n\n\
The campaign stands as of April 15th of its year. The dashboard is judged against --today when it falls \
in the campaign year, else against that date. The same seed gives the same data, ids included.",
    after_help = "Example:\n  zoufang --db demo.db demo\n  zoufang --db demo.db status --today 2012-04-15\n  zoufang --db city.db demo --scale city\n  zoufang --db province.db demo --scale province --seed 7"
)]
pub struct Args {
    /// county (安吉县, 330523), city (湖州市, 3305) or province (浙江省, 33)
    #[arg(long, value_enum, default_value = "county")]
    pub scale: ScaleArg,
    /// Seed of the generator: the same seed gives the same campaign
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Campaign year
    #[arg(long, default_value_t = 2012)]
    pub year: i32,
    /// With --scale city: another city of Zhejiang (its 4-digit code, e.g. 3301), built as 湖州市
    /// is (the same sizes, its own counties): one database per city, for roll-up benchmarks
    #[arg(long, value_name = "CODE")]
    pub city: Option<String>,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ScaleArg {
    County,
    City,
    Province,
}

pub fn run(a: Args, ctx: &Ctx) -> Result<()> {
    let scale = match a.scale {
        ScaleArg::County => Scale::County,
        ScaleArg::City => Scale::City,
        ScaleArg::Province => Scale::Province,
    };
    ctx.out.check_file()?;
    if matches!(ctx.out.format, Format::Xlsx | Format::Docx) {
        return Err(reject(crate::msg!("demo-no-document"))
            .hint(crate::msg!("demo-no-document-hint"))
            .into());
    }
    let org = match (&a.city, scale) {
        (None, _) => scale.org().to_string(),
        (Some(c), Scale::City)
            if c.len() == 4 && c.starts_with("33") && crate::domain::divisions::find(c).is_some() =>
        {
            c.clone()
        }
        (Some(c), Scale::City) => {
            return Err(reject(crate::msg!("demo-city-not-a-city", code = c.as_str()))
                .hint(crate::msg!("demo-city-not-a-city-hint"))
                .into())
        }
        (Some(_), _) => {
            return Err(reject(crate::msg!("demo-city-needs-city-scale"))
                .hint(crate::msg!("demo-city-needs-city-scale-hint"))
                .into());
        }
    };
    // Another city's demo draws from its own stream (the seed mixed with its code): the same
    // --seed gives every city different ids, as real databases have, and the same city the same.
    let seed = if org == scale.org() {
        a.seed
    } else {
        org.bytes().fold(a.seed ^ 0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
    };
    let opts = Options { scale, seed, year: a.year, org: org.clone() };
    let campaign = super::init::campaign(&org, a.year, None)?;
    let started = Instant::now();
    if scale == Scale::Province {
        crate::note!("{}", crate::t!("demo-building-province", path = ctx.db.as_path()));
    }
    // Built beside its name and put there only when complete (`init::create_with`).
    let (store, summary) = super::init::create_with(ctx, campaign, |store| {
        crate::store::fill::unlogged(store, |store| {
            // The province is the top of the roll-up: nothing above it takes its bundles, so its
            // demo records (1.2 million rows) are not copied into the sync log as one changeset.
            if scale == Scale::Province {
                store.write_uncaptured(&ctx.actor, |w| demo::generate(w, &opts))
            } else {
                store.write(&ctx.actor, |w| demo::generate(w, &opts))
            }
        })
    })?;
    let c = &store.campaign;
    crate::note!(
        "{}",
        crate::t!(
            "demo-created",
            path = ctx.db.as_path(),
            name = c.name.as_str(),
            seed = a.seed.to_string(),
            secs = format!("{:.1}", started.elapsed().as_secs_f64()),
            villages = summary.villages,
            enterprises = summary.enterprises,
            staff = summary.staff,
            groups = summary.groups,
            visits = summary.visits,
            findings = summary.findings
        )
    );
    // The clock's today means nothing to a demo of another year: it stands as of its own date.
    let today = if ctx.today_given {
        demo::dashboard_date(ctx.today, a.year)
    } else {
        demo::dashboard_date(chrono::NaiveDate::MIN, a.year)
    };
    if today != ctx.today {
        crate::note!("{}", crate::t!("demo-as-of", today = today, year = a.year.to_string()));
    }
    let doc = status::compute(store.conn(), &store.campaign, today, super::status::screen(ctx))?;
    document::write(&ctx.out, &doc)
}
