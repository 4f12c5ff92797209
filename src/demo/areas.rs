//! Townships and villages of the demo: Anji's real ones (NBS tables compiled into the binary), and
//! for the city and province scales generated ones under every other real county of the bureau.

use std::collections::HashSet;

use super::rng::{apportion, Rng};
use super::words::{PLACE_A, PLACE_B};
use crate::domain::codes::Level;
use crate::domain::divisions;

const ANJI_TOWNSHIPS: &str = include_str!("../../data/demo/townships_330523.csv");
const ANJI_VILLAGES: &str = include_str!("../../data/demo/villages_330523.csv");
pub const ANJI: &str = "330523";

#[derive(Debug, Clone)]
pub struct Place {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct County {
    pub code: String,
    pub name: String,
    pub city: String,
    pub townships: Vec<Place>,
    pub villages: Vec<Place>,
}

impl County {
    /// The county's name without 县/市/区, as company names and referrals use it (安吉).
    pub fn short(&self) -> &str {
        short_name(&self.name)
    }

    pub fn township_name(&self, village_code: &str) -> &str {
        let t = &village_code[..village_code.len().min(9)];
        self.townships.iter().find(|p| p.code == t).map(|p| p.name.as_str()).unwrap_or(&self.name)
    }
}

pub fn short_name(name: &str) -> &str {
    let trimmed = name.trim_end_matches(['县', '市', '区']);
    if trimmed.chars().count() >= 2 {
        trimmed
    } else {
        name
    }
}

/// code,"name",… lines of an NBS table (no commas inside names).
fn parse_places(text: &str) -> Vec<Place> {
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let mut parts = line.split(',');
            let code = parts.next()?.trim().to_string();
            let name = parts.next()?.trim().trim_matches('"').to_string();
            (!code.is_empty() && !name.is_empty()).then_some(Place { code, name })
        })
        .collect()
}

fn county_name(code: &str) -> String {
    divisions::find(code).map(|d| d.name.clone()).unwrap_or_else(|| code.to_string())
}

/// Anji county (湖州市安吉县) with its 15 townships and 218 villages.
pub fn anji() -> County {
    County {
        code: ANJI.to_string(),
        name: county_name(ANJI),
        city: ANJI[..4].to_string(),
        townships: parse_places(ANJI_TOWNSHIPS),
        villages: parse_places(ANJI_VILLAGES),
    }
}

/// Every county under a province or city: Anji with its real villages, the others with generated
/// townships and villages, `villages` in all.
pub fn under(rng: &mut Rng, bureau: &str, villages: usize) -> Vec<County> {
    let counties: Vec<&divisions::Division> =
        divisions::under(bureau).filter(|d| d.level == Level::County).collect();
    let anji = anji();
    let others: Vec<&&divisions::Division> = counties.iter().filter(|d| d.code != ANJI).collect();
    let weights: Vec<u64> = others.iter().map(|_| rng.range(150, 420) as u64).collect();
    let rest = villages.saturating_sub(if counties.iter().any(|d| d.code == ANJI) {
        anji.villages.len()
    } else {
        0
    });
    let shares = apportion(rest, &weights);
    let mut out = Vec::with_capacity(counties.len());
    let mut share = shares.into_iter();
    for d in counties {
        if d.code == ANJI {
            out.push(anji.clone());
        } else {
            let n = share.next().unwrap_or(0);
            out.push(generate(rng, &d.code, &d.name, n));
        }
    }
    out
}

/// A unique two-character place name within one county.
fn place_name(rng: &mut Rng, used: &mut HashSet<String>, suffix: &str) -> String {
    for _ in 0..60 {
        let n = format!("{}{}{suffix}", rng.pick(PLACE_A), rng.pick(PLACE_B));
        if used.insert(n.clone()) {
            return n;
        }
    }
    // Crowded county: a three-character name.
    loop {
        let n = format!("{}{}{}{suffix}", rng.pick(PLACE_A), rng.pick(PLACE_A), rng.pick(PLACE_B));
        if used.insert(n.clone()) {
            return n;
        }
    }
}

fn generate(rng: &mut Rng, code: &str, name: &str, villages: usize) -> County {
    let district = name.ends_with('区');
    let n_towns = (villages / 18).clamp(4, 40);
    let streets = if district { (n_towns * 2 / 3).max(1) } else { rng.range(1, 3) as usize };
    let xiang = if district { 0 } else { n_towns / 4 };
    let mut used_towns = HashSet::new();
    let mut used_villages = HashSet::new();
    let mut townships = Vec::with_capacity(n_towns);
    let mut kinds = Vec::with_capacity(n_towns);
    for i in 0..n_towns {
        let (tcode, suffix, street) = if i < streets {
            (format!("{code}{:03}", i + 1), "街道", true)
        } else if i < n_towns - xiang {
            (format!("{code}{:03}", 100 + i - streets + 1), "镇", false)
        } else {
            (format!("{code}{:03}", 200 + i - (n_towns - xiang) + 1), "乡", false)
        };
        townships.push(Place { code: tcode, name: place_name(rng, &mut used_towns, suffix) });
        kinds.push(street);
    }
    let weights: Vec<u64> = (0..n_towns).map(|_| rng.range(5, 25) as u64).collect();
    let counts = apportion(villages, &weights);
    let mut out = Vec::with_capacity(villages);
    for ((t, street), n) in townships.iter().zip(&kinds).zip(counts) {
        let communities = if *street { n / 2 } else { n / 10 };
        for k in 0..n {
            let (vcode, suffix) = if k < communities {
                (format!("{}{:03}", t.code, k + 1), "社区居委会")
            } else {
                (format!("{}{:03}", t.code, 200 + k - communities), "村委会")
            };
            out.push(Place { code: vcode, name: place_name(rng, &mut used_villages, suffix) });
        }
    }
    County {
        code: code.to_string(),
        name: name.to_string(),
        city: code[..4].to_string(),
        townships,
        villages: out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::codes::parse_division;

    #[test]
    fn anji_is_real() {
        let a = anji();
        assert_eq!(a.name, "安吉县");
        assert_eq!(a.townships.len(), 15);
        assert_eq!(a.villages.len(), 218);
        assert_eq!(a.short(), "安吉");
    }

    #[test]
    fn province_has_exactly_the_villages_asked_with_valid_codes() {
        let mut rng = Rng::new(1);
        let p = under(&mut rng, "33", 25_000);
        assert_eq!(p.len(), 90);
        assert_eq!(p.iter().map(|c| c.villages.len()).sum::<usize>(), 25_000);
        let mut seen = HashSet::new();
        for c in &p {
            for t in &c.townships {
                assert_eq!(parse_division(&t.code).unwrap().1, Level::Township, "{}", t.code);
                assert!(t.code.starts_with(&c.code));
            }
            for v in &c.villages {
                assert_eq!(parse_division(&v.code).unwrap().1, Level::Village, "{}", v.code);
                assert!(c.townships.iter().any(|t| v.code.starts_with(&t.code)));
                assert!(seen.insert(v.code.clone()), "duplicate {}", v.code);
            }
        }
    }

    #[test]
    fn huzhou_has_its_five_counties_anji_real() {
        let mut rng = Rng::new(1);
        let c = under(&mut rng, "3305", 1_400);
        let codes: Vec<&str> = c.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["330502", "330503", "330521", "330522", "330523"]);
        assert_eq!(c.iter().map(|c| c.villages.len()).sum::<usize>(), 1_400);
        assert_eq!(c[4].villages.len(), 218);
    }
}
