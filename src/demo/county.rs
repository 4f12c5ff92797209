//! County scale: 安吉县环境保护局 (330523) as of mid-April — its real townships and villages,
//! about 300 enterprises, two cluster zones, twenty staff, five groups that went out in March,
//! about 150 visits and 400 findings.

use std::collections::HashSet;

use anyhow::Result;
use chrono::NaiveDate;

use super::areas::{self, County};
use super::engine::{Engine, Group, Target};
use super::registry::{self as reg, Post};
use super::words;
use crate::domain::codes::Level;
use crate::domain::group::default_quotas;

const STAFF: &[Post] = &[
    ("局长", "局领导", true, "head"),
    ("副局长", "局领导", true, "deputy"),
    ("副局长", "局领导", true, "deputy"),
    ("副局长", "局领导", true, "deputy"),
    ("纪检组长", "局领导", true, "member"),
    ("总工程师", "局领导", true, "member"),
    ("主任", "办公室", false, "member"),
    ("科长", "生态处", false, "member"),
    ("科长", "污染防治处", false, "member"),
    ("科长", "建设处", false, ""),
    ("大队长", "执法稽查总队", false, "member"),
    ("科长", "人事处", false, ""),
    ("主任", "宣教中心", false, ""),
    ("站长", "监测处", false, ""),
    ("科员", "办公室", false, ""),
    ("科员", "生态处", false, ""),
    ("科员", "污染防治处", false, ""),
    ("副大队长", "执法稽查总队", false, ""),
    ("科员", "建设处", false, ""),
    ("科员", "宣教中心", false, ""),
];

/// One visit to make: group index, target, date, work item, reason if a revisit.
pub struct Spec {
    pub group: usize,
    pub target: Target,
    pub date: NaiveDate,
    pub item: i64,
    pub revisit: Option<&'static str>,
}

/// The work item an enterprise visit serves.
pub fn enterprise_item(e: &mut Engine, t: &Target) -> i64 {
    let key_project = t.ent.as_ref().is_some_and(|f| f.tags.contains("key-project"));
    if key_project {
        return 3;
    }
    e.rng.weighted(&[(2i64, 85), (6, 10), (7, 5)])
}

pub fn build(e: &mut Engine) -> Result<()> {
    let anji: County = areas::anji();
    reg::places(e, &anji)?;
    let zones = [("330523-Z1", "安吉经济开发区"), ("330523-Z2", "安吉天子湖现代工业园区")];
    for (code, name) in zones {
        e.zone(code, name, &anji.code)?;
    }
    let zone_codes: Vec<String> = zones.iter().map(|z| z.0.to_string()).collect();
    let mut usccs = HashSet::new();
    let mut ents = reg::enterprises(e, &anji, 300, words::ANJI_INDUSTRIES, &zone_codes, &mut usccs)?;
    let mut taken = HashSet::new();
    let staff = reg::staff(e, &anji.code, STAFF, "0572", &mut taken)?;
    e.part(1);

    // Five groups, each led by a leader, out in March; the last one still short of its quotas.
    let quotas = default_quotas(Level::County);
    let trips =
        [((3, 5), (3, 9)), ((3, 12), (3, 16)), ((3, 5), (3, 16)), ((3, 19), (3, 23)), ((3, 26), (3, 30))];
    let names = ["第一走访组", "第二走访组", "第三走访组", "第四走访组", "第五走访组"];
    let villages_per = [13usize, 12, 14, 11, 9];
    let enterprises_per = [16usize, 15, 17, 13, 12];
    let pool: Vec<usize> = staff[5..].to_vec();
    let mut groups = Vec::new();
    for (i, ((from, to), name)) in trips.iter().zip(names).enumerate() {
        let k = e.rng.range(3, 4) as usize;
        let mut members = vec![staff[i]];
        members.extend(e.rng.subset(&pool, k).into_iter().copied());
        groups.push(Group {
            code: format!("G{}", i + 1),
            org: anji.code.clone(),
            name: name.to_string(),
            from: e.date(from.0, from.1),
            to: e.date(to.0, to.1),
            quotas: crate::domain::group::Quotas { counties: quotas.counties, villages: 12, enterprises: 15 },
            members,
            counties: vec![anji.code.clone()],
        });
    }
    for g in &groups {
        e.group(g)?;
    }

    // Targets: neighbouring villages per group (chunks in code order), enterprises likewise,
    // those with difficulties first in line.
    let villages = reg::village_targets(&anji);
    let n_v: usize = villages_per.iter().sum();
    let chosen_v: Vec<Target> = e.rng.subset(&villages, n_v + 3).into_iter().cloned().collect();
    let (visit_v, spare_v) = chosen_v.split_at(n_v);
    ents.sort_by_key(|t| {
        let hard = t.ent.as_ref().is_some_and(|f| f.tags.contains("difficulty"));
        (!hard, t.code.clone())
    });
    let n_e: usize = enterprises_per.iter().sum();
    let mut chosen_e: Vec<Target> = {
        let mut head: Vec<Target> = ents[..120].to_vec();
        e.rng.shuffle(&mut head);
        head.truncate(n_e + 3);
        head
    };
    let spare_e = chosen_e.split_off(n_e);
    chosen_e.sort_by(|a, b| a.place.cmp(&b.place).then(a.code.cmp(&b.code)));

    let mut specs: Vec<Spec> = Vec::new();
    let (mut vi, mut ei) = (0, 0);
    for (gi, g) in groups.iter().enumerate() {
        let days = reg::working_days(g.from, g.to);
        let mut mine: Vec<(Target, i64)> = Vec::new();
        for t in &visit_v[vi..vi + villages_per[gi]] {
            let item = if e.rng.chance(0.14) { 5 } else { 1 };
            mine.push((t.clone(), item));
        }
        vi += villages_per[gi];
        for t in &chosen_e[ei..ei + enterprises_per[gi]] {
            let item = enterprise_item(e, t);
            mine.push((t.clone(), item));
        }
        ei += enterprises_per[gi];
        match gi {
            0 => mine.push((reg::zone_target(zones[0].0, zones[0].1, &anji), 3)),
            1 => mine.push((reg::bureau_target(&anji), 9)),
            2 => mine.push((reg::zone_target(zones[1].0, zones[1].1, &anji), 3)),
            _ => {}
        }
        for (t, _) in &mine {
            e.plan(g, t)?;
        }
        // Planned but not reached yet.
        if gi < spare_v.len() {
            e.plan(g, &spare_v[gi])?;
        }
        if gi < spare_e.len() {
            e.plan(g, &spare_e[gi])?;
        }
        for (t, item) in mine {
            let date = *e.rng.pick(&days);
            specs.push(Spec { group: gi, target: t, date, item, revisit: None });
        }
        // Receptions (大接访) on the trip.
        for _ in 0..if gi == 4 { 4 } else { 2 } {
            let t = reg::reception_target(&mut e.rng, &anji);
            let date = *e.rng.pick(&days);
            specs.push(Spec { group: gi, target: t, date, item: 4, revisit: None });
        }
    }
    // Revisits (重复走访 with a reason): later groups go back to earlier groups' targets.
    for (gi, from) in [(3usize, 0usize), (4, 1), (4, 0)] {
        let earlier: Vec<usize> = specs
            .iter()
            .enumerate()
            .filter(|(_, s)| s.group == from && matches!(s.target.kind, "village" | "enterprise"))
            .map(|(i, _)| i)
            .collect();
        let pick = *e.rng.pick(&earlier);
        let g = &groups[gi];
        let days: Vec<NaiveDate> =
            reg::working_days(g.from, g.to).into_iter().filter(|d| *d > specs[pick].date).collect();
        let date = days.first().copied().unwrap_or(g.to);
        let reason = e.rng.pick(words::REVISIT_REASONS);
        let (target, item) = (specs[pick].target.clone(), specs[pick].item);
        specs.push(Spec { group: gi, target, date, item, revisit: Some(reason) });
    }
    specs.sort_by_key(|s| (s.date, s.revisit.is_some()));
    for s in &specs {
        e.visit(&groups[s.group], &s.target, s.date, s.item, s.revisit)?;
    }

    e.part(2);
    super::side::research_reports(e, &groups, &["安吉县"; 5], &[Some(5), Some(7), Some(10), Some(3), None])?;
    super::side::workplans(e, 8)?;
    super::side::cases(e, std::slice::from_ref(&anji.code), std::slice::from_ref(&anji.name), 4)?;
    super::side::publicity(e, "安吉县", 8, &["湖州日报", "安吉新闻网", "安吉电视台"])?;
    // The county's own deliverables: the plan on time, the progress report two days late.
    e.submission(&anji.code, "plan", e.date(2, 24))?;
    e.submission(&anji.code, "progress", e.date(3, 27))?;
    Ok(())
}
