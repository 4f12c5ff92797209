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
        Some(s) if s <= due => "on-time",
        Some(_) => "late",
        None if due < today => "missing",
        None => "due",
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
}
