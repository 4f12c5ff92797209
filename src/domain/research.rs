//! Research reports (调研报告) and deadlines in general: when a thing is on time.

use chrono::NaiveDate;

/// A report is due this many days after the group's trip ends.
pub const DUE_AFTER_TRIP_DAYS: i64 = 7;
/// The expected length is about 5,000 characters; outside this range a warning is printed.
pub const CHARS_LOW: i64 = 3000;
pub const CHARS_HIGH: i64 = 8000;

/// The research report of a trip ending on `to` is due a week later.
pub fn due(to: NaiveDate) -> NaiveDate {
    to + chrono::Duration::days(DUE_AFTER_TRIP_DAYS)
}

/// Characters that count towards a report's length: everything but whitespace.
pub fn count_chars(body: &str) -> i64 {
    body.chars().filter(|c| !c.is_whitespace()).count() as i64
}

/// The state of a deadline: submitted on time, late, not submitted and past due, or still due.
pub fn timeliness(submitted: Option<NaiveDate>, due: NaiveDate, today: NaiveDate) -> &'static str {
    match submitted {
        Some(s) if standing(Some(s), due, today) == Standing::OnTime => "on-time",
        Some(_) => "late",
        None if due < today => "missing",
        None => "due",
    }
}

/// How a deadline stands on `today`, counted in whole days: what the dashboard shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Sent on or before its due day.
    OnTime,
    /// Sent this many days (at least one) after its due day.
    Late(i64),
    /// Not sent, and due today.
    DueToday,
    /// Not sent, due in this many days.
    DaysLeft(i64),
    /// Not sent, this many days past due.
    Overdue(i64),
}

/// The one rule for "on time": sent on the due day is on time; late starts the day after.
pub fn standing(submitted: Option<NaiveDate>, due: NaiveDate, today: NaiveDate) -> Standing {
    if let Some(sent) = submitted {
        let late = (sent - due).num_days();
        return if late > 0 { Standing::Late(late) } else { Standing::OnTime };
    }
    match (due - today).num_days() {
        0 => Standing::DueToday,
        d if d > 0 => Standing::DaysLeft(d),
        d => Standing::Overdue(-d),
    }
}

/// The Chinese a report prints for a timeliness state.
pub fn timeliness_label(state: &str) -> &'static str {
    match state {
        "on-time" => "按时",
        "late" => "逾期提交",
        "missing" => "逾期未交",
        _ => "待交",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates;

    fn d(s: &str) -> NaiveDate {
        dates::parse(s).unwrap()
    }

    #[test]
    fn states() {
        let due = d("2012-03-17");
        assert_eq!(timeliness(Some(d("2012-03-17")), due, d("2012-04-01")), "on-time");
        assert_eq!(timeliness(Some(d("2012-03-18")), due, d("2012-03-01")), "late");
        assert_eq!(timeliness(None, due, d("2012-03-18")), "missing");
        assert_eq!(timeliness(None, due, d("2012-03-17")), "due");
        assert_eq!(super::due(d("2012-03-10")), due);
    }

    #[test]
    fn whitespace_does_not_count() {
        assert_eq!(count_chars("调研 报告\n\t一、基本情况　"), 10);
    }

    #[test]
    fn sent_on_the_due_day_is_on_time_and_late_starts_the_day_after() {
        let due = d("2012-03-25");
        let today = d("2012-04-10");
        assert_eq!(standing(Some(d("2012-03-25")), due, today), Standing::OnTime);
        assert_eq!(standing(Some(d("2012-03-01")), due, today), Standing::OnTime);
        assert_eq!(standing(Some(d("2012-03-26")), due, today), Standing::Late(1));
        assert_eq!(standing(Some(d("2012-04-04")), due, today), Standing::Late(10));
        assert_eq!(timeliness(Some(due), due, today), "on-time");
        assert_eq!(timeliness(Some(d("2012-03-26")), due, today), "late");
    }

    #[test]
    fn unsent_deadlines_count_down_then_up() {
        let due = d("2012-03-25");
        assert_eq!(standing(None, due, d("2012-03-25")), Standing::DueToday);
        assert_eq!(standing(None, due, d("2012-03-22")), Standing::DaysLeft(3));
        assert_eq!(standing(None, due, d("2012-03-26")), Standing::Overdue(1));
        assert_eq!(timeliness(None, due, d("2012-03-25")), "due");
        assert_eq!(timeliness(None, due, d("2012-03-26")), "missing");
    }

    #[test]
    fn a_research_report_is_due_a_week_after_the_trip() {
        assert_eq!(super::due(d("2012-03-09")), d("2012-03-16"));
    }
}
