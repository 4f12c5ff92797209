//! `zoufang demo`: a realistic campaign in a new database, the same for the same seed (ids
//! included), so that anyone can see every command and report at work in one step.
//!
//! - county scale: 安吉县环境保护局 (330523) with Anji's real townships and villages;
//! - city scale: 湖州市环境保护局 (3305), the province's data set cut to the city's 5 counties;
//! - province scale: 浙江省环境保护厅 (33) with the data set of SPEC §7.
//!
//! The campaign stands as of April 15th of its year: the plan is in, the progress report came in
//! late (county), the groups' trips are over, and the problem ledger holds findings in every state.
//! Every record passes the domain's rules; everything is written in one transaction.

mod areas;
mod county;
mod engine;
mod province;
mod registry;
mod rng;
mod side;
mod words;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};

use crate::store::Writer;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    County,
    City,
    Province,
}

impl Scale {
    /// The bureau whose database the demo builds.
    pub fn org(self) -> &'static str {
        match self {
            Scale::County => areas::ANJI,
            Scale::City => "3305",
            Scale::Province => "33",
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Scale::County => "county",
            Scale::City => "city",
            Scale::Province => "province",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    pub scale: Scale,
    pub seed: u64,
    pub year: i32,
    /// The bureau: `scale.org()`, or at city scale another city of the province, built as
    /// Huzhou is (`demo --city`).
    pub org: String,
}

/// Page cache of the province-scale write, in KiB.
const CACHE_KIB: i64 = 64 * 1024;

/// What the demo wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub townships: usize,
    pub villages: usize,
    pub zones: usize,
    pub enterprises: usize,
    pub staff: usize,
    pub groups: usize,
    pub plans: usize,
    pub visits: usize,
    pub violations: usize,
    pub findings: usize,
    pub events: usize,
    pub research: usize,
    pub workplans: usize,
    pub cases: usize,
    pub publicity: usize,
    pub submissions: usize,
}

/// The date the demo campaign stands at: April 15th of the campaign year. Nothing in the demo is
/// dated later.
pub fn as_of(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 4, 15).unwrap_or(NaiveDate::MIN)
}

/// The date the dashboard after the demo is judged against: `today` when it falls in the campaign
/// year, else the demo's own date.
pub fn dashboard_date(today: NaiveDate, year: i32) -> NaiveDate {
    if today.year() == year {
        today
    } else {
        as_of(year)
    }
}

/// Fill a freshly seeded database (`init`'s reference data, the campaign of `o.org`) with
/// the demo campaign. Runs inside the caller's `Store::write`; the audit log gets one summary entry.
pub fn generate(w: &mut Writer, o: &Options) -> Result<Summary> {
    if w.campaign.org != o.org || w.campaign.year != o.year {
        anyhow::bail!(
            "the demo needs a new database of bureau {} for {}, not {} for {}",
            o.org,
            o.year,
            w.campaign.org,
            w.campaign.year
        );
    }
    // Random ids make every primary-key index take inserts all over: at province scale those
    // indexes (about 100 MB; the secondary ones are built at the end, see `build`) want a larger
    // page cache than the default, or each insert reads back pages spilled to the file. Measured
    // at province scale: 16 MB 38 s, 32 MB 36 s, 64 MB 35 s (215 MB peak), 256 MB 35 s (560 MB
    // peak, the sorts that build the indexes take as much again). At city scale it made no
    // measurable difference, so the default stays.
    if o.scale == Scale::Province {
        w.with_cache(CACHE_KIB, |w| build(w, o))
    } else {
        build(w, o)
    }
}

fn build(w: &mut Writer, o: &Options) -> Result<Summary> {
    // The secondary indexes are built and the reports' copy of the histories derived once at the
    // end, not entry by entry on each of the demo's writes (a province's build: 66 s -> 36 s).
    let fill = crate::store::fill::begin(&w.tx)?;
    let summary = {
        let mut e = engine::Engine::new(&w.tx, &o.org, o.seed, o.year, as_of(o.year))?;
        match o.scale {
            Scale::County => {
                e.violation_rate = 0.025;
                county::build(&mut e)?;
            }
            Scale::City => {
                e.violation_rate = 0.002;
                province::build(&mut e, &province::CITY)?;
            }
            Scale::Province => {
                e.violation_rate = 0.002;
                province::build(&mut e, &province::PROVINCE)?;
            }
        }
        e.summary.clone()
    };
    fill.finish(&w.tx)?;
    w.touch("demo", &format!("seed={} scale={} year={}", o.seed, o.scale.key(), o.year));
    Ok(summary)
}
