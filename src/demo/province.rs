//! Scales above the county, built alike and sized by a [`Size`]:
//!
//! - province: 浙江省环境保护厅 (33) as of mid-April with the data set of SPEC §7 — 11 cities,
//!   90 counties, 25,000 villages, 100,000 enterprises, 200,000 visits, 500,000 findings — from ten
//!   province groups and one group per county bureau;
//! - city: 湖州市环境保护局 (3305), the same campaign cut to the city's 5 of the 90 counties, from two
//!   city groups and one group per county bureau.

use std::collections::HashSet;

use anyhow::Result;
use chrono::{Days, NaiveDate};

use super::areas::{self, County};
use super::county::{enterprise_item, Spec};
use super::engine::{Engine, FindingBudget, Group, Target};
use super::registry::{self as reg, Post};
use super::rng::apportion;
use super::words;
use crate::domain::codes::Level;
use crate::domain::group::{default_quotas, Quotas};

/// How big the campaign of a bureau above county level is, and what sets its own part apart.
pub struct Size {
    pub villages: usize,
    pub enterprises: usize,
    pub visits: u64,
    pub findings: u64,
    pub receptions: usize,
    /// The bureau's own groups, each linking two of its counties for a week in March.
    pub groups: usize,
    /// Province or City: the bureau's level, for its groups' codes, names and quotas.
    level: Level,
    staff: &'static [Post],
    /// Area code of the bureau's own phones.
    area_code: &'static str,
    /// Days after its trip each own group's research report came in (None: not in).
    research: &'static [Option<u64>],
    /// County groups that sent their research report early.
    early_research: usize,
    /// Lead division whose work plan is missing.
    workplan_missing: i64,
    cases: usize,
    publicity: usize,
    outlets: &'static [&'static str],
    /// The bureaus directly below, whose deliverables the bureau receives.
    lower: Level,
    /// Of the lower bureaus' plans and progress reports: how many late, how many not in.
    lower_late: [usize; 2],
    lower_missing: [usize; 2],
    /// Counties under the lower bureaus that also sent their plans and progress reports in.
    county_deliverables: [usize; 2],
}

/// 浙江省: the data set of SPEC §7.
pub const PROVINCE: Size = Size {
    villages: 25_000,
    enterprises: 100_000,
    visits: 200_000,
    findings: 500_000,
    receptions: 30_000,
    groups: 10,
    level: Level::Province,
    staff: PROVINCE_STAFF,
    area_code: "0571",
    // Due by the end of March: seven on time, two late, one missing.
    research: &[Some(5), Some(7), Some(2), Some(12), Some(6), Some(4), None, Some(9), Some(7), Some(3)],
    early_research: 12,
    workplan_missing: 8,
    cases: 30,
    publicity: 60,
    outlets: &["浙江在线", "钱江晚报"],
    lower: Level::City,
    lower_late: [1, 2],
    lower_missing: [1, 1],
    county_deliverables: [40, 30],
};

/// 湖州市: the province's campaign cut to the city's 5 of its 90 counties (registries, visits and
/// findings × 5/90), so that benchmarks see cost grow from county to city to province.
pub const CITY: Size = Size {
    villages: 1_400,
    enterprises: 5_500,
    visits: 11_000,
    findings: 27_500,
    receptions: 1_650,
    groups: 2,
    level: Level::City,
    staff: CITY_STAFF,
    area_code: "0572",
    // One on time, one late.
    research: &[Some(4), Some(9)],
    early_research: 1,
    workplan_missing: 8,
    cases: 2,
    publicity: 4,
    outlets: &["湖州日报", "湖州在线"],
    lower: Level::County,
    // Every state shows even among five counties: on time, late and not in.
    lower_late: [1, 1],
    lower_missing: [1, 1],
    // The lower bureaus are the counties themselves.
    county_deliverables: [0, 0],
};

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

const PROVINCE_STAFF: &[Post] = &[
    ("厅长", "厅领导", true, "head"),
    ("副厅长", "厅领导", true, "deputy"),
    ("副厅长", "厅领导", true, "deputy"),
    ("副厅长", "厅领导", true, "deputy"),
    ("副厅长", "厅领导", true, "deputy"),
    ("纪检组长", "厅领导", true, "member"),
    ("巡视员", "厅领导", true, "member"),
    ("副巡视员", "厅领导", true, "member"),
    ("处长", "生态处", true, "member"),
    ("处长", "污染防治处", true, "member"),
    ("主任", "办公室", true, "member"),
    ("处长", "建设处", true, "member"),
    ("总队长", "执法稽查总队", true, "member"),
    ("处长", "人事处", true, "member"),
    ("主任", "宣教中心", true, "member"),
    ("处长", "法规处", true, ""),
    ("处长", "监测处", true, ""),
    ("处长", "总量处", true, ""),
    ("副处长", "生态处", true, ""),
    ("副处长", "污染防治处", true, ""),
    ("副主任", "办公室", true, ""),
    ("副处长", "建设处", true, ""),
    ("副总队长", "执法稽查总队", true, ""),
    ("副处长", "人事处", true, ""),
    ("副主任", "宣教中心", true, ""),
    ("主任科员", "生态处", false, ""),
    ("主任科员", "污染防治处", false, ""),
    ("主任科员", "办公室", false, ""),
    ("主任科员", "建设处", false, ""),
    ("主任科员", "执法稽查总队", false, ""),
    ("主任科员", "人事处", false, ""),
    ("主任科员", "宣教中心", false, ""),
    ("主任科员", "法规处", false, ""),
    ("主任科员", "监测处", false, ""),
    ("主任科员", "总量处", false, ""),
    ("科员", "生态处", false, ""),
    ("科员", "污染防治处", false, ""),
    ("科员", "办公室", false, ""),
    ("科员", "建设处", false, ""),
    ("科员", "执法稽查总队", false, ""),
];

const CITY_STAFF: &[Post] = &[
    ("局长", "局领导", true, "head"),
    ("副局长", "局领导", true, "deputy"),
    ("副局长", "局领导", true, "deputy"),
    ("副局长", "局领导", true, "deputy"),
    ("纪检组长", "局领导", true, "member"),
    ("总工程师", "局领导", true, "member"),
    ("处长", "生态处", true, "member"),
    ("处长", "污染防治处", true, "member"),
    ("主任", "办公室", true, "member"),
    ("处长", "建设处", true, "member"),
    ("支队长", "执法稽查总队", true, "member"),
    ("处长", "人事处", true, ""),
    ("主任", "宣教中心", true, ""),
    ("处长", "监测处", true, ""),
    ("科员", "生态处", false, ""),
    ("科员", "污染防治处", false, ""),
    ("科员", "办公室", false, ""),
    ("科员", "建设处", false, ""),
    ("科员", "执法稽查总队", false, ""),
    ("科员", "宣教中心", false, ""),
];

const COUNTY_STAFF: &[Post] = &[
    ("局长", "局领导", true, ""),
    ("副局长", "局领导", true, ""),
    ("副局长", "局领导", true, ""),
    ("科长", "污染防治处", false, ""),
    ("科长", "生态处", false, ""),
    ("科员", "办公室", false, ""),
];

struct Place {
    county: County,
    zones: Vec<Target>,
    villages: Vec<Target>,
    enterprises: Vec<Target>,
    staff: Vec<usize>,
}

pub fn build(e: &mut Engine, size: &Size) -> Result<()> {
    let counties = areas::under(&mut e.rng, &e.org.clone(), size.villages);
    if 2 * size.groups > counties.len()
        || size.groups > NUMERALS.len()
        || size.groups > size.staff.len()
        || size.research.len() != size.groups
    {
        anyhow::bail!(
            "demo: {} groups of two counties, with {} research dates, do not fit the {} counties, {} staff and {} group names of {}",
            size.groups,
            size.research.len(),
            counties.len(),
            size.staff.len(),
            NUMERALS.len(),
            e.org
        );
    }
    let mut usccs = HashSet::with_capacity(size.enterprises);
    let mut taken = HashSet::new();
    let staff_p = reg::staff(e, &e.org.clone(), size.staff, size.area_code, &mut taken)?;

    // Registries, county by county.
    let weights: Vec<u64> =
        counties.iter().map(|c| c.villages.len() as u64 * e.rng.range(3, 6) as u64).collect();
    let per_county = apportion(size.enterprises, &weights);
    let mut places = Vec::with_capacity(counties.len());
    for (c, n) in counties.into_iter().zip(per_county) {
        reg::places(e, &c)?;
        let short = c.short().to_string();
        let mut zones = Vec::new();
        for (i, name) in ["经济开发区", "工业园区"].iter().enumerate().take(e.rng.range(1, 2) as usize)
        {
            let code = format!("{}-Z{}", c.code, i + 1);
            let name = format!("{short}{name}");
            e.zone(&code, &name, &c.code)?;
            zones.push(reg::zone_target(&code, &name, &c));
        }
        let zone_codes: Vec<String> = zones.iter().map(|z| z.code.clone()).collect();
        let enterprises = reg::enterprises(e, &c, n, words::PROVINCE_INDUSTRIES, &zone_codes, &mut usccs)?;
        let staff = reg::staff(e, &c.code, COUNTY_STAFF, words::area_code(&c.city), &mut taken)?;
        let villages = reg::village_targets(&c);
        places.push(Place { county: c, zones, villages, enterprises, staff });
    }

    e.part(1);
    e.budget = FindingBudget::Exact { visits_left: size.visits, findings_left: size.findings };
    let mut visits: u64 = 0;

    // The bureau's own groups, two linked counties each, a week in March.
    let leaders: Vec<usize> = staff_p[..size.groups].to_vec();
    let pool: Vec<usize> = staff_p[size.groups..].to_vec();
    // Another city than 湖州市 (`demo --city`) prefixes its groups' codes with its own, so that the
    // cities' demos rolled up into one province database do not claim the same codes.
    let (prefix, who) = match size.level {
        Level::Province => ("P".to_string(), "省厅"),
        _ if e.org == "3305" => ("C".to_string(), "市局"),
        _ => (format!("C{}-", e.org), "市局"),
    };
    let mut order: Vec<usize> = (0..places.len()).collect();
    e.rng.shuffle(&mut order);
    let weeks = [(5, 9), (12, 16), (19, 23)];
    let mut upper_groups = Vec::new();
    let mut upper_places = Vec::new();
    for (i, leader) in leaders.iter().enumerate() {
        let k = e.rng.range(3, 4) as usize;
        let mut members = vec![*leader];
        members.extend(e.rng.subset(&pool, k).into_iter().copied());
        let (a, b) = (order[2 * i], order[2 * i + 1]);
        let week = weeks[i % weeks.len()];
        let g = Group {
            code: format!("{prefix}{:02}", i + 1),
            org: e.org.clone(),
            name: format!("{who}第{}调研组", NUMERALS[i]),
            from: e.date(3, week.0),
            to: e.date(3, week.1),
            quotas: default_quotas(size.level),
            members,
            counties: vec![places[a].county.code.clone(), places[b].county.code.clone()],
        };
        e.group(&g)?;
        let days = reg::working_days(g.from, g.to);
        let mut mine: Vec<(Target, i64)> = Vec::new();
        for (j, p) in [a, b].into_iter().enumerate() {
            let place = &mut places[p];
            mine.push((reg::bureau_target(&place.county), 9));
            let nv = if j == 0 { 2 } else { 1 };
            for _ in 0..nv {
                let t = take(&mut e.rng, &mut place.villages);
                mine.push((t, if e.rng.chance(0.3) { 5 } else { 1 }));
            }
            for _ in 0..3 {
                let t = take(&mut e.rng, &mut place.enterprises);
                let item = enterprise_item(e, &t);
                mine.push((t, item));
            }
            if j == 0 && !place.zones.is_empty() {
                mine.push((place.zones.remove(0), 3));
            }
        }
        for (t, _) in &mine {
            e.plan(&g, t)?;
        }
        let mut specs: Vec<Spec> = mine
            .into_iter()
            .map(|(target, item)| Spec { group: 0, date: *e.rng.pick(&days), target, item, revisit: None })
            .collect();
        let t = reg::reception_target(&mut e.rng, &places[a].county);
        specs.push(Spec { group: 0, target: t, date: *e.rng.pick(&days), item: 4, revisit: None });
        specs.sort_by_key(|s| s.date);
        for s in &specs {
            e.visit(&g, &s.target, s.date, s.item, None)?;
            visits += 1;
        }
        upper_places.push(places[a].county.name.clone());
        upper_groups.push(g);
    }

    // One group per county bureau, out from March 1st to April 13th, covering every village,
    // enterprise and zone left, with receptions and revisits making up the visits of the size.
    let first: usize = places.iter().map(|p| p.villages.len() + p.enterprises.len() + p.zones.len()).sum();
    let revisits_total = (size.visits as usize).saturating_sub(visits as usize + first + size.receptions);
    let w: Vec<u64> = places.iter().map(|p| (p.villages.len() + p.enterprises.len()) as u64).collect();
    let receptions = apportion(size.receptions, &w);
    let revisits = apportion(revisits_total, &w);
    let (from, to) = (e.date(3, 1), e.date(4, 13));
    let days = reg::working_days(from, to);
    let mut county_groups = Vec::new();
    for ((p, n_rec), n_rev) in places.iter_mut().zip(receptions).zip(revisits) {
        let c = &p.county;
        let lead = p.staff[e.rng.below(3)];
        let mut members = vec![lead];
        members.extend(p.staff.iter().copied().filter(|s| *s != lead).take(4));
        let g = Group {
            code: format!("G{}", c.code),
            org: c.code.clone(),
            name: format!("{}走访组", c.name),
            from,
            to,
            quotas: Quotas {
                counties: 1,
                villages: p.villages.len() as i64,
                enterprises: p.enterprises.len() as i64,
            },
            members,
            counties: vec![c.code.clone()],
        };
        e.group(&g)?;
        let mut specs: Vec<Spec> = Vec::with_capacity(p.villages.len() + p.enterprises.len() + n_rec + n_rev);
        for t in p.villages.drain(..) {
            let item = if e.rng.chance(0.05) { 5 } else { 1 };
            specs.push(Spec { group: 0, date: *e.rng.pick(&days), target: t, item, revisit: None });
        }
        for t in p.enterprises.drain(..) {
            let item = enterprise_item(e, &t);
            if t.ent.as_ref().is_some_and(|f| f.tags.contains("difficulty")) {
                e.plan(&g, &t)?;
            }
            specs.push(Spec { group: 0, date: *e.rng.pick(&days), target: t, item, revisit: None });
        }
        for t in p.zones.drain(..) {
            e.plan(&g, &t)?;
            specs.push(Spec { group: 0, date: *e.rng.pick(&days), target: t, item: 3, revisit: None });
        }
        for _ in 0..n_rec {
            let t = reg::reception_target(&mut e.rng, c);
            specs.push(Spec { group: 0, date: *e.rng.pick(&days), target: t, item: 4, revisit: None });
        }
        let firsts = specs.len() - n_rec;
        for _ in 0..n_rev {
            // Back to a village or enterprise visited earlier on the trip.
            let (target, item, date) = loop {
                let s = &specs[e.rng.below(firsts)];
                if s.date < to && s.target.kind != "zone" {
                    break (s.target.clone(), s.item, s.date);
                }
            };
            let later = (date + Days::new(e.rng.range(3, 20) as u64)).min(to);
            let reason = e.rng.pick(words::REVISIT_REASONS);
            specs.push(Spec { group: 0, date: later, target, item, revisit: Some(reason) });
        }
        specs.sort_by_key(|s| (s.date, s.revisit.is_some()));
        for s in &specs {
            e.visit(&g, &s.target, s.date, s.item, s.revisit)?;
        }
        county_groups.push(g);
    }

    e.part(2);
    // Research reports: the bureau's own groups' are due by the end of March, some late, some
    // missing; a few county groups sent theirs early.
    let places_p: Vec<&str> = upper_places.iter().map(String::as_str).collect();
    super::side::research_reports(e, &upper_groups, &places_p, size.research)?;
    let early: Vec<usize> = e.rng.positions(county_groups.len(), size.early_research);
    for i in early {
        let g = &county_groups[i];
        let date = e.rng.date(e.date(4, 10), e.as_of);
        let place = places[i].county.name.clone();
        e.research(g, &place, date)?;
    }
    super::side::workplans(e, size.workplan_missing)?;
    let codes: Vec<String> = places.iter().map(|p| p.county.code.clone()).collect();
    let names: Vec<String> = places.iter().map(|p| p.county.name.clone()).collect();
    super::side::cases(e, &codes, &names, size.cases)?;
    let place =
        crate::domain::divisions::find(&e.org).map(|d| d.name.clone()).unwrap_or_else(|| e.org.clone());
    super::side::publicity(e, &place, size.publicity, size.outlets)?;
    deliverables(e, size, &codes)?;
    Ok(())
}

/// Take a random target out of a list.
fn take(r: &mut super::rng::Rng, list: &mut Vec<Target>) -> Target {
    let i = r.below(list.len());
    list.swap_remove(i)
}

/// The bureau's own deliverables, and those of the bureaus directly below it (a province's 11
/// cities, a city's counties) and of some counties further down: on time, late or not yet in.
fn deliverables(e: &mut Engine, size: &Size, counties: &[String]) -> Result<()> {
    let org = e.org.clone();
    e.submission(&org, "plan", e.date(2, 23))?;
    e.submission(&org, "progress", e.date(3, 24))?;
    let lower: Vec<String> = crate::domain::divisions::under(&org)
        .filter(|d| d.level == size.lower)
        .map(|d| d.code.clone())
        .collect();
    for (k, (kind, due)) in [("plan", (2, 25)), ("progress", (3, 25))].into_iter().enumerate() {
        let (late_n, missing_n) = (size.lower_late[k], size.lower_missing[k]);
        let mut order: Vec<usize> = (0..lower.len()).collect();
        e.rng.shuffle(&mut order);
        let deadline = e.date(due.0, due.1);
        for (rank, i) in order.into_iter().enumerate() {
            if rank < missing_n {
                continue;
            }
            let date = if rank < missing_n + late_n {
                deadline + Days::new(e.rng.range(1, 6) as u64)
            } else {
                deadline - Days::new(e.rng.range(0, 7) as u64)
            };
            e.submission(&lower[i], kind, date)?;
        }
        for i in e.rng.positions(counties.len(), size.county_deliverables[k]) {
            let date: NaiveDate = if e.rng.chance(0.15) {
                deadline + Days::new(e.rng.range(1, 8) as u64)
            } else {
                deadline - Days::new(e.rng.range(0, 10) as u64)
            };
            e.submission(&counties[i], kind, date)?;
        }
    }
    Ok(())
}
