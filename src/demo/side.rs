//! Side records of the demo campaign: research reports, lead divisions' work plans, typical cases,
//! publicity items.

use anyhow::Result;
use chrono::Days;

use super::engine::{Engine, Group};
use super::words;

/// One research report per group, `offsets[i]` days after the end of its trip (None: not in).
/// The report is due a week after the trip: offsets over 7 are late.
pub fn research_reports(
    e: &mut Engine,
    groups: &[Group],
    places: &[&str],
    offsets: &[Option<u64>],
) -> Result<()> {
    for ((g, place), off) in groups.iter().zip(places).zip(offsets) {
        let Some(off) = off else { continue };
        let date = (g.to + Days::new(*off)).min(e.as_of);
        e.research(g, place, date)?;
    }
    Ok(())
}

/// Work plans of the lead divisions: all nine items but the `missing` one, sent in February.
pub fn workplans(e: &mut Engine, missing: i64) -> Result<()> {
    for item in 1..=9 {
        if item == missing {
            continue;
        }
        let date = if item == 7 { e.date(2, 27) } else { e.rng.date(e.date(2, 6), e.date(2, 20)) };
        e.workplan(item, date)?;
    }
    Ok(())
}

/// `n` typical cases (典型经验) from the given counties.
pub fn cases(e: &mut Engine, counties: &[String], names: &[String], n: usize) -> Result<()> {
    for i in 0..n {
        let (item, title, summary) = words::CASE_TITLES[i % words::CASE_TITLES.len()];
        let c = e.rng.below(counties.len());
        let date = e.rng.date(e.date(3, 20), e.as_of);
        let title = title.replace("{p}", &names[c]);
        e.case(date, item, &counties[c].clone(), &title, summary)?;
    }
    Ok(())
}

/// `n` publicity items (宣传报道) about `place`.
pub fn publicity(e: &mut Engine, place: &str, n: usize, local_outlets: &[&str]) -> Result<()> {
    let mut outlets: Vec<&str> = words::OUTLETS.to_vec();
    outlets.extend_from_slice(local_outlets);
    for i in 0..n {
        let template = words::PUBLICITY_TITLES[i % words::PUBLICITY_TITLES.len()];
        let item = match i % words::PUBLICITY_TITLES.len() {
            3 => 4,
            4 => 5,
            5 => 7,
            6 => 8,
            7 => 2,
            _ => 8,
        };
        let date = e.rng.date(e.date(3, 1), e.as_of);
        let outlet = e.rng.pick(&outlets).to_string();
        e.publicity(date, item, &outlet, &template.replace("{p}", place))?;
    }
    Ok(())
}
