//! The problem ledger's lifecycle (问题台账). Route `env` (本级办理): open → in-progress →
//! resolved; route `other` (转办): referred → acknowledged → resolved; then a follow-up (回访)
//! closes (销号) or reopens (重办). Nothing changes after closed.

use crate::domain::sets::{word_of, FindingStatus, Route};
use crate::error::{reject, Checked};
use crate::msg;

pub const STATUSES: [(&str, &str); 6] = [
    ("open", "登记"),
    ("in-progress", "办理中"),
    ("referred", "已转办"),
    ("acknowledged", "已签收"),
    ("resolved", "办结"),
    ("closed", "销号"),
];

pub const ROUTES: [(&str, &str); 2] = [("env", "本级办理"), ("other", "转办")];
pub const SEVERITIES: [(&str, &str); 3] = [("low", "一般"), ("medium", "较重"), ("high", "严重")];
pub const SATISFACTION: [(&str, &str); 3] =
    [("satisfied", "满意"), ("basic", "基本满意"), ("unsatisfied", "不满意")];

/// The status a new finding starts in.
pub fn initial(route: &str, on_site: bool) -> &'static str {
    match (on_site, route) {
        (true, _) => "resolved",
        (false, "other") => "referred",
        _ => "open",
    }
}

/// May a finding on `route` go from `from` to `to` with `finding update`?
pub fn check_update(id: &str, route: &str, from: &str, to: &str) -> Checked<()> {
    let allowed: &[(&str, &str)] = match route {
        "env" => &[("open", "in-progress"), ("in-progress", "resolved")],
        _ => &[("referred", "acknowledged"), ("acknowledged", "resolved")],
    };
    if from == "closed" {
        return Err(reject(msg!("finding-is-closed", id = id)));
    }
    if to == "closed" {
        return Err(reject(msg!("finding-closed-by-follow-up", id = id))
            .hint(msg!("finding-closed-by-follow-up-hint")));
    }
    if allowed.contains(&(from, to)) {
        return Ok(());
    }
    let next: Vec<&str> = allowed.iter().filter(|(f, _)| *f == from).map(|(_, t)| *t).collect();
    let label = word_of::<FindingStatus>;
    let hint = match next.as_slice() {
        [] if from == "resolved" => msg!("finding-follow-up-next"),
        [] => msg!("finding-no-update-applies"),
        // One step forward on either route: the status to give `finding update`.
        [n, ..] => msg!("finding-can-go-to", from = label(from), next = label(n), code = *n),
    };
    Err(reject(msg!(
        "finding-bad-transition",
        id = id,
        route = word_of::<Route>(route),
        from = label(from),
        to = label(to)
    ))
    .hint(hint))
}

/// The status a follow-up leads to: satisfied or basic closes; unsatisfied reopens (重办).
pub fn follow_up(id: &str, route: &str, status: &str, satisfaction: &str) -> Checked<&'static str> {
    if status != "resolved" {
        return Err(reject(msg!(
            "finding-follow-up-too-early",
            id = id,
            status = word_of::<FindingStatus>(status)
        )));
    }
    Ok(match (satisfaction, route) {
        ("satisfied" | "basic", _) => "closed",
        (_, "other") => "referred",
        _ => "in-progress",
    })
}

/// Resolved (已办结): resolved, or resolved and then closed by its follow-up.
pub fn is_resolved(status: &str) -> bool {
    matches!(status, "resolved" | "closed")
}

/// Overdue (逾期): past its deadline and not yet resolved. Dates are `NaiveDate`s or ISO strings.
pub fn is_overdue<D: PartialOrd>(status: &str, due: Option<D>, today: D) -> bool {
    !is_resolved(status) && due.is_some_and(|d| d < today)
}

/// Resolved on time (按期办结): resolved, and by its deadline when it has one.
pub fn is_on_time<D: PartialOrd>(status: &str, resolved_on: Option<D>, due: Option<D>) -> bool {
    is_resolved(status)
        && match due {
            None => true,
            Some(due) => resolved_on.is_some_and(|r| r <= due),
        }
}

/// A referral acknowledged (已签收) by its recipient, or further along.
pub fn is_acknowledged(status: &str) -> bool {
    matches!(status, "acknowledged" | "resolved" | "closed")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn env_route_walks_forward_only() {
        assert!(check_update("f", "env", "open", "in-progress").is_ok());
        assert!(check_update("f", "env", "in-progress", "resolved").is_ok());
        crate::testing::assert_rejects(
            check_update("f", "env", "open", "resolved"),
            &["cannot go from open to resolved", "in-progress"],
        );
        crate::testing::assert_rejects(
            check_update("f", "env", "resolved", "open"),
            &["cannot go from resolved to open", "follow-up"],
        );
        crate::testing::assert_rejects(
            check_update("f", "env", "closed", "in-progress"),
            &["closed", "nothing changes after closed"],
        );
    }

    #[test]
    fn referral_must_be_acknowledged_before_resolved() {
        let e = check_update("f", "other", "referred", "resolved").unwrap_err();
        assert_eq!(e.message.key(), Some("finding-bad-transition"));
        assert!(e.hint.unwrap().render(crate::i18n::Lang::En).contains("acknowledged"));
        assert!(check_update("f", "other", "referred", "acknowledged").is_ok());
    }

    #[test]
    fn follow_up_closes_or_reopens() {
        assert_eq!(follow_up("f", "env", "resolved", "basic").unwrap(), "closed");
        assert_eq!(follow_up("f", "env", "resolved", "unsatisfied").unwrap(), "in-progress");
        assert_eq!(follow_up("f", "other", "resolved", "unsatisfied").unwrap(), "referred");
        crate::testing::assert_rejects(
            follow_up("f", "env", "open", "satisfied"),
            &["is open", "after it is resolved"],
        );
        crate::testing::assert_rejects(
            follow_up("f", "env", "closed", "satisfied"),
            &["is closed", "after it is resolved"],
        );
    }

    #[test]
    fn overdue() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let today = d("2012-04-01").unwrap();
        assert!(is_overdue("open", d("2012-03-31"), today));
        assert!(!is_overdue("open", d("2012-04-01"), today));
        assert!(!is_overdue("resolved", d("2012-03-01"), today));
        assert!(!is_overdue("open", None, today));
        for status in ["in-progress", "referred", "acknowledged"] {
            assert!(is_overdue(status, d("2012-03-31"), today), "{status}");
        }
        assert!(!is_overdue("closed", d("2012-03-01"), today));
    }

    /// 按期办结: resolved by its deadline; resolving on the due day is on time, the day after is not;
    /// a finding not yet resolved is never on time; one without a deadline is on time once resolved.
    #[test]
    fn on_time_means_resolved_by_the_deadline() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let due = d("2012-04-30");
        assert!(is_on_time("resolved", d("2012-04-30"), due));
        assert!(is_on_time("closed", d("2012-04-01"), due));
        assert!(!is_on_time("resolved", d("2012-05-01"), due));
        assert!(!is_on_time("in-progress", d("2012-04-01"), due));
        assert!(!is_on_time("resolved", None, due));
        assert!(is_on_time("resolved", None, None::<NaiveDate>));
        assert!(!is_on_time("open", None, None::<NaiveDate>));
    }
}
