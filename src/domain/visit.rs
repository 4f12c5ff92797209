//! Visits: targets, methods, participants, the five prohibitions and duplicate visits.

use crate::domain::reference::{self, PROHIBITIONS};
use crate::error::{reject, Checked};
use crate::msg;

pub const TARGET_KINDS: [(&str, &str); 5] = [
    ("village", "村"),
    ("enterprise", "企业"),
    ("zone", "产业集聚区"),
    ("bureau", "县环保局"),
    ("reception", "大接访"),
];

pub const METHODS: [(&str, &str); 4] =
    [("forum", "座谈会"), ("survey", "问卷"), ("onsite", "实地"), ("reception", "接访")];

/// The work item a visit to this kind of target usually serves.
pub fn default_item(kind: &str) -> i64 {
    match kind {
        "village" => 1,
        "enterprise" => 2,
        "zone" => 3,
        "reception" => 4,
        _ => 9,
    }
}

pub fn default_method(kind: &str) -> &'static str {
    match kind {
        "reception" => "reception",
        "bureau" => "forum",
        _ => "onsite",
    }
}

/// The discipline record: all five prohibitions observed, or the violations (`CODE[:note]`).
/// Neither is refused: every visit records the five prohibitions.
pub fn discipline(ok: bool, violations: &[String]) -> Checked<Vec<(String, String)>> {
    if ok && !violations.is_empty() {
        return Err(
            reject(msg!("visit-discipline-contradiction")).hint(msg!("visit-discipline-contradiction-hint"))
        );
    }
    if !ok && violations.is_empty() {
        let codes: Vec<&str> = PROHIBITIONS.iter().map(|p| p.0).collect();
        return Err(reject(msg!("visit-no-discipline"))
            .hint(msg!("visit-no-discipline-hint", codes = codes.join(", "))));
    }
    let mut out: Vec<(String, String)> = Vec::new();
    for v in violations {
        let (code, note) = v.split_once(':').unwrap_or((v.as_str(), ""));
        let code = reference::lookup(&PROHIBITIONS, code, "prohibition")?;
        if out.iter().any(|(c, _)| c == code) {
            return Err(reject(msg!("visit-violation-twice", code = code)));
        }
        out.push((code.to_string(), note.trim().to_string()));
    }
    Ok(out)
}

/// Participants must be members of the group; at most five.
pub fn check_participants(group: &str, members: &[(String, String)], participants: &[String]) -> Checked<()> {
    if participants.is_empty() {
        return Err(reject(msg!("visit-no-participant")).hint(msg!("visit-no-participant-hint")));
    }
    for p in participants {
        if !members.iter().any(|(id, _)| id == p) {
            let names: Vec<&str> = members.iter().map(|(_, n)| n.as_str()).collect();
            return Err(reject(msg!("visit-participant-not-member", group = group)).hint(msg!(
                "visit-members-are",
                group = group,
                names = names.join(", ")
            )));
        }
    }
    super::group::check_size(group, participants.len())
}

/// What the ledger already holds for a target.
#[derive(Debug, Clone)]
pub enum Earlier {
    Visit { id: String, group: String, date: String },
    Plan { group: String },
}

/// 重复走访: a target already visited in this campaign, or planned for another group, is refused
/// unless the user gives a reason to revisit.
pub fn check_duplicate(target: &str, group: &str, earlier: &[Earlier], revisit: Option<&str>) -> Checked<()> {
    if revisit.is_some_and(|r| !r.trim().is_empty()) {
        return Ok(());
    }
    for e in earlier {
        match e {
            Earlier::Visit { id, group: g, date } => {
                let id = &id[..id.len().min(8)];
                return Err(reject(msg!(
                    "visit-already-visited",
                    target = target,
                    date = date,
                    group = g,
                    id = id
                ))
                .hint(msg!("visit-already-visited-hint")));
            }
            Earlier::Plan { group: g } if g != group => {
                return Err(reject(msg!("visit-planned-for-other", target = target, group = g))
                    .hint(msg!("visit-planned-for-other-hint")));
            }
            Earlier::Plan { .. } => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SPEC §1: each kind of target serves its own work item by default.
    #[test]
    fn each_target_kind_defaults_to_its_work_item() {
        assert_eq!(default_item("village"), 1);
        assert_eq!(default_item("enterprise"), 2);
        assert_eq!(default_item("zone"), 3);
        assert_eq!(default_item("reception"), 4);
        assert_eq!(default_item("bureau"), 9);
        assert_eq!(default_method("reception"), "reception");
        assert_eq!(default_method("bureau"), "forum");
        assert_eq!(default_method("village"), "onsite");
    }

    #[test]
    fn discipline_needs_a_record() {
        crate::testing::assert_rejects(discipline(false, &[]), &["--discipline-ok"]);
        crate::testing::assert_rejects(discipline(true, &["meals".into()]), &["--discipline-ok"]);
        assert_eq!(
            discipline(false, &["gifts:收了茶叶".into()]).unwrap(),
            vec![("gifts".to_string(), "收了茶叶".to_string())]
        );
        crate::testing::assert_rejects(discipline(false, &["bribes".into()]), &["bribes"]);
        assert!(discipline(true, &[]).unwrap().is_empty());
    }

    #[test]
    fn duplicates_name_the_earlier_record() {
        let v = [Earlier::Visit { id: "abcdef0123".into(), group: "G1".into(), date: "2012-03-01".into() }];
        let e = check_duplicate("村 330523100201", "G2", &v, None).unwrap_err();
        let text = e.render(crate::i18n::Lang::En);
        assert!(text.contains("abcdef01") && text.contains("G1"), "{text}");
        assert!(check_duplicate("x", "G2", &v, Some("整改复查")).is_ok());
        let p = [Earlier::Plan { group: "G1".into() }];
        assert!(check_duplicate("x", "G1", &p, None).is_ok());
        crate::testing::assert_rejects(
            check_duplicate("x", "G2", &p, None),
            &["planned for group G1", "--revisit"],
        );
    }

    #[test]
    fn participants_are_members() {
        let m = vec![("a".to_string(), "甲".to_string()), ("b".to_string(), "乙".to_string())];
        assert!(check_participants("G1", &m, &["a".into()]).is_ok());
        crate::testing::assert_rejects(check_participants("G1", &m, &["c".into()]), &["G1"]);
        crate::testing::assert_rejects(check_participants("G1", &m, &[]), &["participant"]);
    }
}
