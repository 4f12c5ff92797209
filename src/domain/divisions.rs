//! Every province, city and county code of the country, compiled into the binary from the NBS
//! tables in `data/divisions/` (china-division 2.7.0, WTFPL).

use std::sync::OnceLock;

use super::codes::{parent_code, Level};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    pub code: String,
    pub name: String,
    pub level: Level,
}

const PROVINCES: &str = include_str!("../../data/divisions/provinces.csv");
const CITIES: &str = include_str!("../../data/divisions/cities.csv");
const COUNTIES: &str = include_str!("../../data/divisions/areas.csv");

/// All compiled divisions, sorted by code.
pub fn all() -> &'static [Division] {
    static TABLE: OnceLock<Vec<Division>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut out = Vec::with_capacity(3400);
        for (text, level) in [(PROVINCES, Level::Province), (CITIES, Level::City), (COUNTIES, Level::County)]
        {
            // The files are ours and fixed; a malformed line would be skipped, not trusted.
            for line in text.lines().skip(1) {
                let mut parts = line.splitn(3, ',');
                let (Some(code), Some(name)) = (parts.next(), parts.next()) else { continue };
                out.push(Division {
                    code: code.to_string(),
                    name: name.trim_matches('"').to_string(),
                    level,
                });
            }
        }
        out.sort_by(|a, b| a.code.cmp(&b.code));
        out
    })
}

pub fn find(code: &str) -> Option<&'static Division> {
    let table = all();
    table.binary_search_by(|d| d.code.as_str().cmp(code)).ok().map(|i| &table[i])
}

/// The divisions inside `code` (not including itself), down to county level.
pub fn under(code: &str) -> impl Iterator<Item = &'static Division> + '_ {
    all().iter().filter(move |d| d.code.len() > code.len() && d.code.starts_with(code))
}

/// Full name of a compiled division: 浙江省湖州市安吉县. Municipal placeholders (市辖区) are skipped.
pub fn full_name(code: &str) -> Option<String> {
    let mut chain = vec![find(code)?];
    let mut c = code;
    while let Some(p) = parent_code(c) {
        if let Some(d) = find(p) {
            chain.push(d);
        }
        c = p;
    }
    let names: Vec<&str> =
        chain.iter().rev().map(|d| d.name.as_str()).filter(|n| *n != "市辖区" && *n != "县").collect();
    Some(names.concat())
}

/// The compiled divisions whose names best match `query`, for "did you mean" hints.
pub fn nearest(query: &str, limit: usize) -> Vec<&'static Division> {
    let q: Vec<char> = query.chars().collect();
    let mut scored: Vec<(usize, &Division)> = all()
        .iter()
        .map(|d| {
            let code_score = common_prefix(d.code.as_bytes(), query.as_bytes()) * 2;
            let name_score = d.name.chars().filter(|c| q.contains(c)).count() * 3;
            (code_score.max(name_score), d)
        })
        .filter(|(s, _)| *s > 0)
        .collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.code.cmp(&b.1.code)));
    scored.into_iter().take(limit).map(|(_, d)| d).collect()
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    a.iter().zip(b).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_has_every_level() {
        assert_eq!(find("33").map(|d| d.name.as_str()), Some("浙江省"));
        assert_eq!(find("3305").map(|d| d.level), Some(Level::City));
        assert_eq!(find("330523").map(|d| d.name.as_str()), Some("安吉县"));
        assert_eq!(full_name("330523").as_deref(), Some("浙江省湖州市安吉县"));
        assert_eq!(under("33").filter(|d| d.level == Level::City).count(), 11);
        assert!(all().len() > 3000);
    }

    #[test]
    fn nearest_prefers_long_code_prefixes() {
        let near = nearest("330599", 3);
        assert!(near.iter().all(|d| d.code.starts_with("3305")), "{near:?}");
    }
}
