//! Demo registries shared by both scales: a county's townships and villages, cluster zones,
//! enterprises with valid credit codes, and bureau staff.

use std::collections::HashSet;

use anyhow::Result;
use chrono::{Datelike, NaiveDate, Weekday};

use super::areas::County;
use super::engine::{self, Engine, EntFacts, Target};
use super::rng::Rng;
use super::words::{self, Industry};
use crate::domain::codes::Level;
use crate::domain::registry::{EnterpriseInput, StaffInput};

/// Insert a county's townships then its villages.
pub fn places(e: &mut Engine, c: &County) -> Result<()> {
    for t in &c.townships {
        e.area(&t.code, &t.name, Level::Township)?;
    }
    for v in &c.villages {
        e.area(&v.code, &v.name, Level::Village)?;
    }
    Ok(())
}

/// Who a referral goes to in a place: 街道 have an office (办事处), towns a government.
pub fn government(place: &str) -> String {
    if place.ends_with("街道") {
        format!("{place}办事处")
    } else {
        format!("{place}人民政府")
    }
}

fn township_short(name: &str) -> &str {
    let t = name.trim_end_matches("街道").trim_end_matches(['镇', '乡']);
    if t.chars().count() >= 2 {
        t
    } else {
        name
    }
}

/// `n` enterprises of county `c`, some in its cluster `zones`. `usccs` keeps credit codes unique
/// across the whole demo.
pub fn enterprises(
    e: &mut Engine,
    c: &County,
    n: usize,
    industries: &'static [Industry],
    zones: &[String],
    usccs: &mut HashSet<String>,
) -> Result<Vec<Target>> {
    let weights: Vec<(usize, u32)> = industries.iter().enumerate().map(|(i, x)| (i, x.weight)).collect();
    let area_code = words::area_code(&c.city);
    let mut names: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let r = &mut e.rng;
        let ind = &industries[r.weighted(&weights)];
        let uscc = loop {
            let u = engine::uscc(r, &c.code);
            if usccs.insert(u.clone()) {
                break u;
            }
        };
        let village = (!c.villages.is_empty() && r.chance(0.85)).then(|| r.pick(&c.villages).code.clone());
        let town = village.as_deref().map(|v| c.township_name(v)).unwrap_or(&c.name).to_string();
        let zone = if !zones.is_empty() && r.chance(0.2) { Some(r.pick(zones).clone()) } else { None };
        let name = loop {
            let brand = r.pick(words::BRANDS);
            let n = match r.below(20) {
                0 | 1 => format!("浙江{brand}{}股份有限公司", ind.word),
                2..=4 if village.is_some() => {
                    format!("{}{}{brand}{}厂", c.short(), township_short(&town), ind.word)
                }
                _ => format!("{}{brand}{}有限公司", c.short(), ind.word),
            };
            if names.insert(n.clone()) {
                break n;
            }
        };
        let mut tags: Vec<&str> = Vec::new();
        if ind.pollution && r.chance(0.4) {
            tags.push("difficulty:pollution");
        }
        if ind.upgrading && r.chance(0.35) {
            tags.push("difficulty:upgrading");
        }
        if ind.emission && r.chance(0.3) {
            tags.push("difficulty:emission");
        }
        if r.chance(0.12) {
            tags.push("promising");
        }
        if r.chance(0.06) {
            tags.push("featured");
        }
        if ind.env {
            tags.push("env-industry");
        }
        if r.chance(if zone.is_some() { 0.2 } else { 0.03 }) {
            tags.push("key-project");
        }
        let contact = engine::person_name(r);
        let phone = engine::phone(r, area_code);
        let tags = tags.join(";");
        let ent = e.enterprise(&EnterpriseInput {
            uscc: &uscc,
            name: &name,
            county: &c.code,
            village: village.as_deref().unwrap_or(""),
            industry: ind.label,
            zone: zone.as_deref().unwrap_or(""),
            tags: &tags,
            contact: &contact,
            phone: &phone,
        })?;
        out.push(Target {
            kind: "enterprise",
            code: ent.uscc,
            county: c.code.clone(),
            name: ent.name,
            place: town,
            ent: Some(EntFacts { tags: ent.tags, industry: ind }),
        });
    }
    Ok(out)
}

pub fn village_targets(c: &County) -> Vec<Target> {
    c.villages
        .iter()
        .map(|v| Target {
            kind: "village",
            code: v.code.clone(),
            county: c.code.clone(),
            name: v.name.clone(),
            place: c.township_name(&v.code).to_string(),
            ent: None,
        })
        .collect()
}

pub fn zone_target(code: &str, name: &str, c: &County) -> Target {
    Target {
        kind: "zone",
        code: code.to_string(),
        county: c.code.clone(),
        name: name.to_string(),
        place: c.name.clone(),
        ent: None,
    }
}

pub fn bureau_target(c: &County) -> Target {
    Target {
        kind: "bureau",
        code: c.code.clone(),
        county: c.code.clone(),
        name: format!("{}环保局", c.name),
        place: c.name.clone(),
        ent: None,
    }
}

/// A reception (大接访) somewhere in the county.
pub fn reception_target(r: &mut Rng, c: &County) -> Target {
    let town = r.pick(&c.townships).name.clone();
    let place = match r.below(4) {
        0 => format!("{}环保局信访接待室", c.name),
        1 => format!("{}行政服务中心", c.name),
        2 => format!("{town}便民服务中心"),
        _ => format!("{town}信访接待室"),
    };
    Target {
        kind: "reception",
        code: place.clone(),
        county: c.code.clone(),
        name: place,
        place: town,
        ent: None,
    }
}

/// A staff member: (title, division, leader, leading-group role).
pub type Post = (&'static str, &'static str, bool, &'static str);

pub fn staff(
    e: &mut Engine,
    org: &str,
    posts: &[Post],
    area_code: &str,
    taken: &mut HashSet<String>,
) -> Result<Vec<usize>> {
    let mut out = Vec::with_capacity(posts.len());
    for (title, division, leader, role) in posts {
        let name = e.unique_name(taken);
        let phone = engine::phone(&mut e.rng, area_code);
        out.push(e.staff(&StaffInput {
            name: &name,
            org,
            title,
            division,
            leader: *leader,
            lg_role: role,
            phone: &phone,
        })?);
    }
    Ok(out)
}

/// Working days of a trip (every day if it has none).
pub fn working_days(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    let all: Vec<NaiveDate> = from.iter_days().take_while(|d| *d <= to).collect();
    let work: Vec<NaiveDate> =
        all.iter().copied().filter(|d| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun)).collect();
    if work.is_empty() {
        all
    } else {
        work
    }
}
