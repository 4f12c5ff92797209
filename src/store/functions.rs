//! SQL functions that call the domain's rules, so that a rule a query filters or counts by has one
//! owner (`domain::finding`) instead of being restated in each query's SQL.

use rusqlite::functions::FunctionFlags;
use rusqlite::Connection;

use crate::domain::finding;

/// Register the rule functions on a connection; every connection `Store` opens has them.
///
/// - `is_overdue(status, due, today)`: 1 when a finding is overdue (逾期) on `today`
///   (`domain::finding::is_overdue`), dates as ISO text.
pub fn register(conn: &Connection) -> rusqlite::Result<()> {
    let flags =
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC | FunctionFlags::SQLITE_INNOCUOUS;
    conn.create_scalar_function("is_overdue", 3, flags, |ctx| {
        let status: String = ctx.get(0)?;
        let due: Option<String> = ctx.get(1)?;
        let today: String = ctx.get(2)?;
        Ok(finding::is_overdue(&status, due.as_deref(), today.as_str()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The SQL function answers exactly as the rule does, for every status and both sides of the
    /// deadline (the dashboard and `finding list --overdue` count through it).
    #[test]
    fn is_overdue_in_sql_is_the_domain_rule() {
        let conn = Connection::open_in_memory().unwrap();
        register(&conn).unwrap();
        let today = "2012-04-01";
        for (status, _) in finding::STATUSES {
            for due in [None, Some("2012-03-31"), Some("2012-04-01"), Some("2012-04-02")] {
                let sql: bool = conn
                    .query_row("SELECT is_overdue(?1, ?2, ?3)", (status, due, today), |r| r.get(0))
                    .unwrap();
                assert_eq!(sql, finding::is_overdue(status, due, today), "{status} due {due:?}");
            }
        }
        // The boundary itself: due yesterday is overdue, due today is not.
        let q = |due: &str| -> bool {
            conn.query_row("SELECT is_overdue('open', ?1, ?2)", (due, today), |r| r.get(0)).unwrap()
        };
        assert!(q("2012-03-31"));
        assert!(!q("2012-04-01"));
    }
}
