//! Dates as clerks type them, and the campaign calendar (deadlines in the campaign year).

use chrono::{Datelike, NaiveDate};

use crate::error::{reject, Checked};
use crate::msg;

/// Parse 2012-03-05, 2012/3/5 or 20120305.
pub fn parse(raw: &str) -> Checked<NaiveDate> {
    let s = raw.trim();
    for fmt in ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%Y.%m.%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Ok(d);
        }
    }
    Err(reject(msg!("date-not-a-date", raw = raw)).hint(msg!("date-not-a-date-hint")))
}

/// A date that must fall in the campaign year.
pub fn in_year(raw: &str, year: i32, what: &str) -> Checked<NaiveDate> {
    let d = parse(raw)?;
    if d.year() != year {
        // `what` names the date in English ("the visit date"); the catalogue has its words.
        let key = format!("date-what-{}", what.to_lowercase().replace(['\'', ' '], "-"));
        let what = crate::i18n::Arg::word(key, what);
        return Err(reject(msg!("date-outside-year", what = what, date = d, year = year))
            .hint(msg!("date-outside-year-hint", year = year)));
    }
    Ok(d)
}

/// The deadline of a deliverable of campaign `year` (mm-dd from the reference table).
pub fn deadline(year: i32, mm_dd: &str) -> NaiveDate {
    parse(&format!("{year}-{mm_dd}")).unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let d = NaiveDate::from_ymd_opt(2012, 3, 5).unwrap();
        for s in ["2012-03-05", "2012/3/5", "20120305", " 2012.03.05 "] {
            assert_eq!(parse(s).unwrap(), d, "{s}");
        }
        crate::testing::assert_rejects(parse("2012-02-30"), &["2012-02-30"]);
        crate::testing::assert_rejects(in_year("2013-01-01", 2012, "visit date"), &["visit date", "2012"]);
        assert_eq!(deadline(2012, "02-25"), NaiveDate::from_ymd_opt(2012, 2, 25).unwrap());
    }
}
