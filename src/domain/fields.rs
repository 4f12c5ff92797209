//! The rules of single fields of the records, in one place: the command that normally writes a
//! field and every other path that writes it (a conflict's resolution, `conflict resolve --keep
//! FIELD=VALUE`) call the same function, so a value refused by one is refused by all.

use serde_json::{Map, Value};

use super::{dates, finding, group};
use crate::error::{reject, Checked};
use crate::msg;

/// A group's quota (`--quota-villages` …): 0 or more.
pub fn check_quota(field: &str, n: i64) -> Checked<i64> {
    if n < 0 {
        return Err(reject(msg!("field-quota-negative", field = field, n = n)));
    }
    Ok(n)
}

/// A finding's description (`--desc`): not empty.
pub fn check_description(raw: &str) -> Checked<()> {
    if raw.trim().is_empty() {
        return Err(reject(msg!("finding-empty-description")));
    }
    Ok(())
}

/// A finding's deadline (`--due`): a date of the campaign year, not before the finding.
pub fn check_due(raw: &str, finding_date: &str, year: i32) -> Checked<String> {
    let d = dates::in_year(raw, year, "the deadline")?.to_string();
    if d.as_str() < finding_date {
        return Err(reject(msg!("finding-due-before-found", due = d.as_str(), date = finding_date)));
    }
    Ok(d)
}

/// A finding is found on or after its visit's date (`finding add --date`, and a visit's date
/// moved by `visit edit`, or a finding moved to another visit by `finding edit --visit`).
pub fn check_found_after_visit(finding_date: &str, visit_date: &str) -> Checked<()> {
    if finding_date < visit_date {
        return Err(reject(msg!("finding-before-visit", date = finding_date, visit_date = visit_date)));
    }
    Ok(())
}

/// A hazard (work item 5) not solved on the spot has a rectification deadline.
pub fn check_hazard_due(item: i64, on_site: bool, due: Option<&str>) -> Checked<()> {
    if item == 5 && !on_site && due.is_none() {
        return Err(reject(msg!("finding-hazard-needs-due")).hint(msg!("finding-hazard-needs-due-hint")));
    }
    Ok(())
}

/// A finding's handling division (主办处室, `--assign`, `finding edit --division`): a name.
pub fn check_division(raw: &str) -> Checked<String> {
    let d = super::text::name("the handling division", raw)?;
    if d.is_empty() {
        return Err(reject(msg!("finding-empty-division")).hint(msg!("finding-empty-division-hint")));
    }
    Ok(d)
}

fn one_of(field: &str, v: &str, set: &[(&str, &str)]) -> Checked<()> {
    if set.iter().any(|(k, _)| *k == v) {
        return Ok(());
    }
    let keys: Vec<&str> = set.iter().map(|(k, _)| *k).collect();
    Err(reject(msg!("field-not-one-of", field = field, value = v))
        .hint(msg!("field-one-of", values = keys.join(", "))))
}

/// Is the column a date (by the schema's naming: date, date_from, date_to, due, …_on)?
fn is_date(col: &str) -> bool {
    matches!(col, "date" | "date_from" | "date_to" | "due") || col.ends_with("_on")
}

/// What each date column is called in messages, as its command calls it (the English words
/// are also the catalogue's `date-what-…` ids).
fn date_label(table: &str, col: &str) -> String {
    match (table, col) {
        ("groups", "date_from") => "the trip start".into(),
        ("groups", "date_to") => "the trip end".into(),
        ("findings", "created_on") => "the finding date".into(),
        ("findings", "due") => "the deadline".into(),
        ("workplans", "submitted_on") => "the work plan date".into(),
        ("visits", "date") => "the visit date".into(),
        ("finding_events", "date") => "the date of the change".into(),
        _ => col.to_string(),
    }
}

/// Check a whole row of `table` (column → value) as it is about to be written by a path other
/// than its own command, with the rules of that command; dates are rewritten in their one form
/// (YYYY-MM-DD). The fields that are records' keys or references are checked by the database.
pub fn check_row(table: &str, row: &mut Map<String, Value>, year: i32) -> Checked<()> {
    let text = |row: &Map<String, Value>, k: &str| row.get(k).and_then(Value::as_str).map(String::from);
    // Dates first, so that the rules below compare them in one form.
    let cols: Vec<String> = row.keys().cloned().collect();
    for col in cols {
        if !is_date(&col) {
            continue;
        }
        match row.get(&col) {
            Some(Value::String(raw)) => {
                let d = dates::in_year(raw, year, &date_label(table, &col))?;
                row.insert(col, Value::String(d.to_string()));
            }
            Some(Value::Null) | None => {}
            Some(other) => {
                let what = date_label(table, &col);
                let what =
                    crate::i18n::Arg::word(format!("date-what-{}", what.replace(['\'', ' '], "-")), what);
                return Err(reject(msg!("field-not-a-date", what = what, value = other.to_string())));
            }
        }
    }
    match table {
        "groups" => {
            if let (Some(from), Some(to)) = (text(row, "date_from"), text(row, "date_to")) {
                group::check_trip(dates::parse(&from)?, dates::parse(&to)?)?;
            }
            for q in ["quota_counties", "quota_villages", "quota_enterprises"] {
                match row.get(q) {
                    Some(Value::Number(n)) => {
                        check_quota(
                            q,
                            n.as_i64().ok_or_else(|| {
                                reject(msg!("field-whole-number", field = q, value = n.to_string()))
                            })?,
                        )?;
                    }
                    Some(Value::Null) | None => return Err(reject(msg!("field-empty", field = q))),
                    Some(other) => {
                        return Err(reject(msg!("field-whole-number", field = q, value = other.to_string())))
                    }
                }
            }
        }
        "findings" => {
            check_description(&text(row, "description").unwrap_or_default())?;
            if let (Some(due), Some(date)) = (text(row, "due"), text(row, "created_on")) {
                check_due(&due, &date, year)?;
            }
            for (col, set) in [
                ("route", &finding::ROUTES[..]),
                ("severity", &finding::SEVERITIES[..]),
                ("status", &finding::STATUSES[..]),
            ] {
                one_of(col, &text(row, col).unwrap_or_default(), set)?;
            }
        }
        "finding_events" => {
            one_of("to_status", &text(row, "to_status").unwrap_or_default(), &finding::STATUSES)?;
            if let Some(s) = text(row, "satisfaction") {
                one_of("satisfaction", &s, &finding::SATISFACTION)?;
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(v: serde_json::Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn the_rules_of_the_commands_hold_for_whole_rows() {
        let g = serde_json::json!({"code": "G1", "date_from": "2012-03-05", "date_to": "2012-03-09",
            "formed_on": "2012-03-01", "quota_counties": 1, "quota_villages": 4, "quota_enterprises": 8});
        assert!(check_row("groups", &mut row(g.clone()), 2012).is_ok());
        for (k, v) in [
            ("date_from", serde_json::json!("2012-04-09x")),
            ("date_to", serde_json::json!("2013-01-05")),
            ("date_to", serde_json::json!("2012-03-01")),
            ("quota_villages", serde_json::json!(-5)),
        ] {
            let mut r = row(g.clone());
            r.insert(k.into(), v.clone());
            assert!(check_row("groups", &mut r, 2012).is_err(), "{k}={v}");
        }
        let f = serde_json::json!({"description": "污水", "created_on": "2012-03-06", "due": "2012/4/30",
            "route": "env", "severity": "low", "status": "open"});
        let mut r = row(f.clone());
        check_row("findings", &mut r, 2012).unwrap();
        assert_eq!(r["due"], "2012-04-30", "dates in one form");
        for (k, v) in [("due", "31/04/2012"), ("description", " "), ("due", "2012-03-01"), ("status", "done")]
        {
            let mut r = row(f.clone());
            r.insert(k.into(), Value::String(v.into()));
            assert!(check_row("findings", &mut r, 2012).is_err(), "{k}={v}");
        }
    }

    #[test]
    fn quotas_and_descriptions() {
        assert_eq!(check_quota("--quota-villages", 0).unwrap(), 0);
        crate::testing::assert_rejects(check_quota("--quota-villages", -1), &["0 or more"]);
        assert!(check_description("").is_err());
        assert!(check_due("2012-03-01", "2012-03-06", 2012).is_err());
        assert!(check_found_after_visit("2012-03-05", "2012-03-06").is_err());
        assert!(check_found_after_visit("2012-03-06", "2012-03-06").is_ok());
        assert!(check_hazard_due(5, false, None).is_err());
        assert!(check_hazard_due(5, true, None).is_ok());
        assert!(check_hazard_due(1, false, None).is_ok());
        assert!(check_division("  ").is_err());
        assert_eq!(check_division(" 污染防治处 ").unwrap(), "污染防治处");
    }
}
