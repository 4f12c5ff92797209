//! Visit groups (走访组): size, leader, quotas, trip dates.

use chrono::NaiveDate;

use super::codes::Level;
use crate::error::{reject, Checked};
use crate::msg;

/// At most five people in a group, the leader included (SPEC §4).
pub const MAX_PEOPLE: usize = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quotas {
    pub counties: i64,
    pub villages: i64,
    pub enterprises: i64,
}

/// Default quotas by the level of the bureau forming the group. The province's figures are the
/// spec's; a city or county group works closer to the ground: one county (a county group's own)
/// and more villages and enterprises.
pub fn default_quotas(level: Level) -> Quotas {
    match level {
        Level::Province => Quotas { counties: 2, villages: 2, enterprises: 5 },
        Level::City => Quotas { counties: 1, villages: 3, enterprises: 6 },
        _ => Quotas { counties: 1, villages: 4, enterprises: 8 },
    }
}

/// A group may hold `people` people (leader included).
pub fn check_size(group: &str, people: usize) -> Checked<()> {
    if people > MAX_PEOPLE {
        return Err(reject(msg!("group-too-big", group = group, people = people, max = MAX_PEOPLE))
            .hint(msg!("group-too-big-hint")));
    }
    Ok(())
}

pub fn check_leader(group: &str, name: &str, is_leader: bool) -> Checked<()> {
    if !is_leader {
        return Err(reject(msg!("group-leader-not-leader", name = name, group = group))
            .hint(msg!("group-leader-not-leader-hint")));
    }
    Ok(())
}

pub fn check_code(code: &str) -> Checked<String> {
    let c = code.trim();
    if c.is_empty() || c.len() > 16 || !c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-') {
        return Err(reject(msg!("group-bad-code", code = code)).hint(msg!("group-bad-code-hint")));
    }
    Ok(c.to_uppercase())
}

pub fn check_trip(from: NaiveDate, to: NaiveDate) -> Checked<()> {
    if from > to {
        return Err(reject(msg!("group-trip-backwards", from = from, to = to)));
    }
    Ok(())
}

/// The research report is due one week after the trip ends.
pub fn research_due(to: NaiveDate) -> NaiveDate {
    super::research::due(to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_limit_counts_the_leader() {
        assert!(check_size("G1", 5).is_ok());
        let e = check_size("G1", 6).unwrap_err();
        assert!(e.message.contains("G1") && e.message.contains("6") && e.message.contains("5"));
    }

    #[test]
    fn province_quotas_match_the_spec() {
        assert_eq!(default_quotas(Level::Province), Quotas { counties: 2, villages: 2, enterprises: 5 });
    }

    /// The README's table of default quotas, level by level: a city group 1 county, 3 villages,
    /// 6 enterprises; a county group its own county, 4 villages, 8 enterprises.
    #[test]
    fn city_and_county_quotas_match_the_readme() {
        assert_eq!(default_quotas(Level::City), Quotas { counties: 1, villages: 3, enterprises: 6 });
        assert_eq!(default_quotas(Level::County), Quotas { counties: 1, villages: 4, enterprises: 8 });
    }

    #[test]
    fn codes() {
        assert_eq!(check_code("g1").unwrap(), "G1");
        crate::testing::assert_rejects(check_code("G 1"), &["G 1"]);
        crate::testing::assert_rejects(check_leader("G1", "张三", false), &["张三", "leader"]);
    }
}
