//! The campaign reports' figures, counted in one pass over the findings as of a date and one pass
//! over the visits up to it (SPEC §7: a province's report in under a second). Each finding is read
//! from its span holding the date (`finding_spans`), so no history is rebuilt and no visit is
//! looked up per finding; every breakdown is filled from the same pass.

use std::collections::BTreeMap;

use anyhow::Result;
use chrono::{Datelike, NaiveDate};
use rusqlite::types::ValueRef;
use rusqlite::Connection;
// rustc's hash: the keys counted here are short codes from this file, and the standard library's
// DoS-resistant SipHash showed in a report's profile where this one does not.
use rustc_hash::{FxHashMap, FxHashSet};

use super::campaign::Period;
use crate::domain::finding;

/// A set of places, by their number in a `Keyed<()>` of place codes.
type FastSet = FxHashSet<u32>;

/// Values by a text key read straight from a row: a key is copied only the first time it is met,
/// and the keys come out sorted as SQLite sorts text at the end.
struct Keyed<V> {
    index: FxHashMap<Box<[u8]>, usize>,
    values: Vec<(Box<[u8]>, V)>,
}

impl<V: Default> Keyed<V> {
    fn new() -> Self {
        Keyed { index: FxHashMap::default(), values: Vec::new() }
    }

    /// The key's number: the order it was first met in.
    fn number(&mut self, key: &[u8]) -> usize {
        match self.index.get(key) {
            Some(&i) => i,
            None => {
                self.index.insert(key.into(), self.values.len());
                self.values.push((key.into(), V::default()));
                self.values.len() - 1
            }
        }
    }

    fn get(&mut self, key: &[u8]) -> &mut V {
        let i = self.number(key);
        &mut self.values[i].1
    }

    fn sorted(self) -> BTreeMap<String, V> {
        self.values.into_iter().map(|(k, v)| (String::from_utf8_lossy(&k).into_owned(), v)).collect()
    }
}

/// What a set of findings adds up to as of the report's date.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub found: i64,
    pub on_site: i64,
    pub taken_back: i64,
    pub referred: i64,
    pub acknowledged: i64,
    pub resolved: i64,
    pub on_time: i64,
    pub overdue: i64,
    pub closed: i64,
}

/// A set of findings counted cumulatively (all found up to the date) and for the period (those
/// found in the period, each as it stands on the report's date: README "当期 figures").
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub period: Tally,
    pub all: Tally,
    /// Findings whose last resolution is dated in the period, whenever they were found.
    pub resolved_in_period: i64,
}

/// One finding as of the report's date, judged once by the domain's rules.
struct Fact<'a> {
    status: &'a str,
    route: &'a str,
    on_site: bool,
    in_period: bool,
    resolved_in_period: bool,
    on_time: bool,
    overdue: bool,
}

impl Tally {
    fn add(&mut self, f: &Fact) {
        let n = |b: bool| i64::from(b);
        self.found += 1;
        self.on_site += n(f.on_site);
        self.taken_back += n(f.route == "env" && !f.on_site);
        self.referred += n(f.route == "other");
        self.acknowledged += n(finding::is_acknowledged(f.status));
        self.resolved += n(finding::is_resolved(f.status));
        self.on_time += n(f.on_time);
        self.overdue += n(f.overdue);
        self.closed += n(f.status == "closed");
    }
}

impl Counts {
    fn add(&mut self, f: &Fact) {
        self.all.add(f);
        if f.in_period {
            self.period.add(f);
        }
        self.resolved_in_period += i64::from(f.resolved_in_period);
    }
}

/// The findings as of a date, in total and by every breakdown the reports show. Keys sort as
/// SQLite sorts text, so the breakdowns come out in the order `ORDER BY` would give.
#[derive(Debug, Default)]
pub struct Findings {
    pub total: Counts,
    pub by_category: BTreeMap<String, Counts>,
    pub by_division: BTreeMap<String, Counts>,
    /// None: a visit with no county (a bureau's own).
    pub by_county: BTreeMap<Option<String>, Counts>,
    pub by_item: BTreeMap<i64, Counts>,
    /// Referred findings only, by recipient.
    pub by_refer_to: BTreeMap<String, Counts>,
    /// Status → (route env, route other).
    pub by_status: BTreeMap<String, [i64; 2]>,
    /// By the visit's group; filled only when asked for (the county's 汇总表).
    pub by_group: BTreeMap<String, Counts>,
}

fn text<'a>(v: ValueRef<'a>) -> Result<Option<&'a str>> {
    Ok(v.as_str_or_null()?)
}

/// The bytes of a text column; a null one reads as empty (a county is the only column that may be
/// null, and no county code is empty).
fn bytes<'a>(v: ValueRef<'a>) -> Result<&'a [u8]> {
    Ok(v.as_bytes_or_null()?.unwrap_or_default())
}

/// The findings as of the period's end; `by_group` also counts them by the visit's group.
pub fn findings(conn: &Connection, p: &Period, by_group: bool) -> Result<Findings> {
    let as_of = p.as_of.to_string();
    let start = p.start.to_string();
    let mut total = Counts::default();
    let [mut category, mut division, mut county, mut refer_to] = [(); 4].map(|_| Keyed::<Counts>::new());
    let mut status_route = Keyed::<[i64; 2]>::new();
    let mut group = Keyed::<Counts>::new();
    let mut by_item: BTreeMap<i64, Counts> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(if by_group {
        "SELECT status, route, on_site, created_on, resolved_on, due, category, division, county, item, refer_to,
                (SELECT v.group_code FROM findings f JOIN visits v ON v.id = f.visit_id WHERE f.id = s.finding_id)
         FROM finding_spans s WHERE to_date > ?1 AND from_date <= ?1 AND created_on <= ?1"
    } else {
        "SELECT status, route, on_site, created_on, resolved_on, due, category, division, county, item, refer_to
         FROM finding_spans WHERE to_date > ?1 AND from_date <= ?1 AND created_on <= ?1"
    })?;
    let mut rows = stmt.query([&as_of])?;
    while let Some(r) = rows.next()? {
        let status = r.get_ref(0)?.as_str()?;
        let route = r.get_ref(1)?.as_str()?;
        let due = text(r.get_ref(5)?)?;
        let resolved_on = text(r.get_ref(4)?)?;
        let f = Fact {
            status,
            route,
            on_site: r.get::<_, i64>(2)? != 0,
            in_period: r.get_ref(3)?.as_str()? >= start.as_str(),
            resolved_in_period: finding::is_resolved(status)
                && resolved_on.is_some_and(|d| d >= start.as_str()),
            on_time: finding::is_on_time(status, resolved_on, due),
            overdue: finding::is_overdue(status, due, as_of.as_str()),
        };
        total.add(&f);
        category.get(bytes(r.get_ref(6)?)?).add(&f);
        division.get(bytes(r.get_ref(7)?)?).add(&f);
        county.get(bytes(r.get_ref(8)?)?).add(&f);
        by_item.entry(r.get(9)?).or_default().add(&f);
        if route == "other" {
            refer_to.get(bytes(r.get_ref(10)?)?).add(&f);
        }
        status_route.get(status.as_bytes())[usize::from(route != "env")] += 1;
        if by_group {
            group.get(bytes(r.get_ref(11)?)?).add(&f);
        }
    }
    Ok(Findings {
        total,
        by_category: category.sorted(),
        by_division: division.sorted(),
        by_county: county.sorted().into_iter().map(|(k, v)| (Some(k).filter(|k| !k.is_empty()), v)).collect(),
        by_item,
        by_refer_to: refer_to.sorted(),
        by_status: status_route.sorted(),
        by_group: group.sorted(),
    })
}

/// A count for the period and cumulatively (当期/累计).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Both {
    pub period: i64,
    pub cumulative: i64,
}

impl Both {
    fn add(&mut self, n: i64, in_period: bool) {
        self.cumulative += n;
        if in_period {
            self.period += n;
        }
    }
}

/// Distinct codes for the period and cumulatively.
#[derive(Default)]
pub struct DistinctBoth {
    period: FastSet,
    cumulative: FastSet,
}

impl DistinctBoth {
    fn add(&mut self, place: u32, in_period: bool) {
        self.cumulative.insert(place);
        if in_period {
            self.period.insert(place);
        }
    }

    pub fn counts(&self) -> Both {
        Both { period: self.period.len() as i64, cumulative: self.cumulative.len() as i64 }
    }
}

/// The visits of one group or one county, and how many distinct places they reached.
#[derive(Default)]
pub struct Reach {
    pub visits: Both,
    villages: DistinctBoth,
    enterprises: DistinctBoth,
    counties: FastSet,
}

impl Reach {
    /// (villages, enterprises, counties) reached, the villages and enterprises for the period too.
    pub fn places(&self) -> (Both, Both, i64) {
        (self.villages.counts(), self.enterprises.counts(), self.counties.len() as i64)
    }
}

/// The visits up to a date, in total and by work item, group, county and week.
#[derive(Default)]
pub struct Visits {
    pub visits: Both,
    pub villages: DistinctBoth,
    pub households: Both,
    pub enterprises: DistinctBoth,
    pub zones: DistinctBoth,
    pub bureaus: DistinctBoth,
    pub forums: Both,
    pub receptions: Both,
    pub counties: DistinctBoth,
    pub by_item: BTreeMap<i64, Both>,
    pub by_group: BTreeMap<String, Reach>,
    pub by_county: BTreeMap<String, Reach>,
    /// The Monday a week starts on → visits that week (None: an unreadable date).
    pub by_week: BTreeMap<Option<NaiveDate>, i64>,
}

/// A JSON answer read as a whole number, as SQLite's sum() would read it (a form may define the
/// field as text: "12" counts 12; an absent or non-numeric answer counts nothing).
fn number(v: ValueRef) -> i64 {
    match v {
        ValueRef::Integer(i) => i,
        ValueRef::Real(f) => f.round() as i64,
        ValueRef::Text(t) => {
            let t = std::str::from_utf8(t).unwrap_or("").trim();
            t.parse().ok().or_else(|| t.parse::<f64>().ok().map(|f| f.round() as i64)).unwrap_or(0)
        }
        _ => 0,
    }
}

pub fn visits(conn: &Connection, p: &Period) -> Result<Visits> {
    let start = p.start.to_string();
    let mut out = Visits::default();
    let (mut by_group, mut by_county) = (Keyed::<Reach>::new(), Keyed::<Reach>::new());
    // Every place code met, numbered once, so that the sets of places reached hold small numbers
    // instead of copies of the codes.
    let mut places = Keyed::<()>::new();
    // Read from the index `visits_report` alone (0.08 s for 200,000 visits; 0.19 s scanning the
    // table, 0.38 s through the date index and the table).
    // Voided visits count nowhere. They are few: their rowids are looked up once, and the index
    // (which holds each visit's rowid) is read as before.
    let voided: FxHashSet<i64> = conn
        .prepare_cached("SELECT v.rowid FROM visit_voids x JOIN visits v ON v.id = x.visit_id")?
        .query_map([], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT date, target_kind, target_code, county, item, group_code,
                CASE WHEN json_valid(answers) THEN json_extract(answers, '$.households') END,
                method = 'forum' OR CASE WHEN json_valid(answers) THEN json_extract(answers, '$.forum') END = 1,
                rowid
         FROM visits WHERE date <= ?1",
    )?;
    let mut rows = stmt.query([p.as_of.to_string()])?;
    // Visits come in date order (the index): the week is worked out once per date.
    let (mut last_date, mut week): (Option<String>, Option<NaiveDate>) = (None, None);
    while let Some(r) = rows.next()? {
        if !voided.is_empty() && voided.contains(&r.get::<_, i64>(8)?) {
            continue;
        }
        let date = r.get_ref(0)?.as_str()?;
        let kind = r.get_ref(1)?.as_bytes()?;
        let code = places.number(r.get_ref(2)?.as_bytes()?) as u32;
        let county = r.get_ref(3)?.as_bytes_or_null()?;
        let in_period = date >= start.as_str();
        out.visits.add(1, in_period);
        match kind {
            b"village" => out.villages.add(code, in_period),
            b"enterprise" => out.enterprises.add(code, in_period),
            b"zone" => out.zones.add(code, in_period),
            b"bureau" => out.bureaus.add(code, in_period),
            b"reception" => out.receptions.add(1, in_period),
            _ => {}
        }
        out.households.add(number(r.get_ref(6)?), in_period);
        out.forums.add(i64::from(r.get::<_, Option<bool>>(7)?.unwrap_or(false)), in_period);
        out.by_item.entry(r.get(4)?).or_default().add(1, in_period);
        if last_date.as_deref() != Some(date) {
            last_date = Some(date.to_owned());
            week = NaiveDate::parse_from_str(date, "%Y-%m-%d")
                .ok()
                .map(|d| d - chrono::Days::new(u64::from(d.weekday().num_days_from_monday())));
        }
        *out.by_week.entry(week).or_default() += 1;

        let g = by_group.get(r.get_ref(5)?.as_bytes()?);
        g.visits.add(1, in_period);
        let mut reached: Vec<&mut Reach> = vec![g];
        if let Some(county) = county {
            let n = places.number(county) as u32;
            out.counties.add(n, in_period);
            reached[0].counties.insert(n);
            let c = by_county.get(county);
            c.visits.add(1, in_period);
            reached.push(c);
        }
        for place in reached {
            match kind {
                b"village" => place.villages.add(code, in_period),
                b"enterprise" => place.enterprises.add(code, in_period),
                _ => {}
            };
        }
    }
    out.by_group = by_group.sorted();
    out.by_county = by_county.sorted();
    Ok(out)
}

/// Follow-up visits to findings (回访) with the satisfaction they recorded, by the date of the
/// follow-up: those dated in the period and all up to the date.
#[derive(Debug, Default, Clone, Copy)]
pub struct FollowUps {
    pub follow_ups: Both,
    /// 满意 or 基本满意: the numerator of the satisfaction rate.
    pub content: Both,
    pub satisfied: Both,
    pub basic: Both,
    pub unsatisfied: Both,
}

pub fn follow_ups(conn: &Connection, p: &Period) -> Result<FollowUps> {
    let mut out = FollowUps::default();
    let mut stmt = conn.prepare_cached(
        "SELECT date >= ?2, satisfaction, count(*) FROM finding_events
         WHERE satisfaction IS NOT NULL AND date <= ?1
           AND finding_id NOT IN (SELECT f.id FROM visit_voids x JOIN findings f ON f.visit_id = x.visit_id)
         GROUP BY 1, 2",
    )?;
    let mut rows = stmt.query([p.as_of.to_string(), p.start.to_string()])?;
    while let Some(r) = rows.next()? {
        let in_period: bool = r.get(0)?;
        let n: i64 = r.get(2)?;
        out.follow_ups.add(n, in_period);
        match r.get_ref(1)?.as_str()? {
            "satisfied" => {
                out.satisfied.add(n, in_period);
                out.content.add(n, in_period);
            }
            "basic" => {
                out.basic.add(n, in_period);
                out.content.add(n, in_period);
            }
            _ => out.unsatisfied.add(n, in_period),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_count_as_sqlite_sums_them() {
        assert_eq!(number(ValueRef::Integer(12)), 12);
        assert_eq!(number(ValueRef::Text(b"12")), 12, "a form may define households as text");
        assert_eq!(number(ValueRef::Text(b" 7 ")), 7);
        assert_eq!(number(ValueRef::Text(b"2.6")), 3);
        assert_eq!(number(ValueRef::Text(b"about ten")), 0);
        assert_eq!(number(ValueRef::Null), 0);
    }
}
