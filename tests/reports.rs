//! Issue 4, "How it is shown": the 2/25, 3/25 and 6/25 reports, the filled forms and the weekly
//! exports over the county demo (seed 7), through the binary.
//!
//! - snapshots (insta) of every report in md and json, and of the dashboard;
//! - the key figures of `report progress` recomputed here with our own SQL;
//! - the xlsx and docx files read back (calamine; unzip and the document XML);
//! - `--as-of` reproducibility after later visits, findings and changes;
//! - forms one row / one page per visit; exports with stable headers and deterministic order.
//!
//! One demo database is built per test binary; a test that writes works on its own copy.

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

use calamine::{open_workbook, Data, DataType, Reader, Xlsx};
use common::{csv_records, Env};
use serde_json::Value;

/// The date the demo campaign stands at; every command runs with it unless it says otherwise.
const TODAY: &str = "2012-04-15";
/// The "today" of commands that record something after the demo's date.
const LATER: &str = "2012-04-30";
const ANJI: &str = "330523";
/// The progress report's period starts the day after the plan's deadline.
const PERIOD_START: &str = "2012-02-26";

/// The shared demo: `zoufang demo --scale county --seed 7`, built once per test binary. Only
/// read-only commands run against it; see `copy_demo`.
fn demo() -> &'static Env {
    static DEMO: OnceLock<Env> = OnceLock::new();
    DEMO.get_or_init(|| {
        // A static is never dropped: the folder stays behind under target/tmp, and earlier runs'
        // folders (an hour old, so never one a concurrent run still uses) are removed here.
        let parent = Path::new(env!("CARGO_TARGET_TMPDIR")).join("reports-demo");
        let stale = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for entry in std::fs::read_dir(&parent).into_iter().flatten().flatten() {
            if entry.metadata().and_then(|m| m.modified()).is_ok_and(|t| t < stale) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
        let env = Env::new_in(parent);
        build_demo(&env);
        env
    })
}

fn build_demo(env: &Env) {
    let (out, _) = env.ok(&["demo", "--scale", "county", "--seed", "7", "--today", TODAY]);
    assert!(out.contains("安吉县"), "the demo prints the dashboard:\n{out}");
}

/// A test's own copy of the demo database, for commands that write.
fn copy_demo() -> Env {
    let src = demo();
    let env = Env::new();
    std::fs::copy(src.db(), env.db()).expect("copying the demo database");
    env
}

/// `args` with `--today` pinned to the demo's date.
fn at<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut v = args.to_vec();
    v.extend(["--today", TODAY]);
    v
}

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// Output must not depend on when or where it was produced.
#[track_caller]
fn assert_nothing_time_or_place_dependent(out: &str, env: &Env) {
    let wall = chrono::Local::now().date_naive().to_string();
    assert!(!out.contains(&wall), "the wall-clock date {wall} leaks into the output");
    let utc = chrono::Utc::now().date_naive().to_string();
    assert!(!out.contains(&utc), "the wall-clock date {utc} leaks into the output");
    for p in [env.dir(), demo().dir()] {
        assert!(!out.contains(s(p)), "a temporary path leaks into the output");
    }
    assert!(!out.contains("zoufang-test-"), "a temporary path leaks into the output");
}

// ---------------------------------------------------------------------------------------------
// 1. Snapshots
// ---------------------------------------------------------------------------------------------

fn snapshot_report(kind: &str, as_of: &str, format: &str) -> String {
    let d = demo();
    let (out, _) = d.ok(&at(&["report", kind, "--as-of", as_of, "--format", format]));
    assert_nothing_time_or_place_dependent(&out, d);
    assert!(out.contains("安吉县"), "the report names the bureau:\n{out}");
    if format == "json" {
        serde_json::from_str::<Value>(&out).expect("the json report parses");
    }
    out
}

#[test]
fn snapshot_plan_md() {
    insta::assert_snapshot!("plan_md", snapshot_report("plan", "2012-02-25", "md"));
}

#[test]
fn snapshot_plan_json() {
    insta::assert_snapshot!("plan_json", snapshot_report("plan", "2012-02-25", "json"));
}

#[test]
fn snapshot_progress_md() {
    insta::assert_snapshot!("progress_md", snapshot_report("progress", "2012-03-25", "md"));
}

#[test]
fn snapshot_progress_json() {
    insta::assert_snapshot!("progress_json", snapshot_report("progress", "2012-03-25", "json"));
}

#[test]
fn snapshot_final_md() {
    insta::assert_snapshot!("final_md", snapshot_report("final", "2012-06-25", "md"));
}

#[test]
fn snapshot_final_json() {
    insta::assert_snapshot!("final_json", snapshot_report("final", "2012-06-25", "json"));
}

#[test]
fn snapshot_status_json() {
    let d = demo();
    let (out, _) = d.ok(&["status", "--format", "json", "--today", TODAY]);
    assert_nothing_time_or_place_dependent(&out, d);
    insta::assert_snapshot!("status_json", out);
}

/// The snapshots hold record ids (violations list short visit ids): the same seed must give the
/// same ids, and the same reports, in a database built separately.
#[test]
fn the_demo_is_the_same_for_the_same_seed() {
    let other = Env::new();
    build_demo(&other);
    let d = demo();
    for args in [
        vec!["export", "visits", "--format", "csv"],
        vec!["export", "findings", "--format", "csv"],
        vec!["export", "groups", "--format", "csv"],
        vec!["report", "progress", "--as-of", "2012-03-25", "--format", "json"],
        vec!["report", "final", "--as-of", "2012-06-25", "--format", "md"],
    ] {
        let (a, _) = d.ok(&at(&args));
        let (b, _) = other.ok(&at(&args));
        common::assert_same_bytes(b.as_bytes(), a.as_bytes(), &format!("{args:?} of two demos of seed 7"));
    }
    let ids = "SELECT group_concat(id, ',') FROM (SELECT id FROM finding_events ORDER BY id)";
    let a: String = d.conn().query_row(ids, [], |r| r.get(0)).expect("event ids");
    let b: String = other.conn().query_row(ids, [], |r| r.get(0)).expect("event ids");
    assert_eq!(a, b, "finding event ids differ between two demos of seed 7");
}

// ---------------------------------------------------------------------------------------------
// 2. Figures cross-checked with our own SQL
// ---------------------------------------------------------------------------------------------

/// A section of a json report: its rows.
fn rows<'a>(report: &'a Value, key: &str) -> &'a Vec<Value> {
    report["sections"][key].as_array().unwrap_or_else(|| panic!("no section {key} in the report"))
}

/// The `findings_by_status` section (one row per status, a count per route) as (route, status) →
/// count, leaving out the zeros.
fn by_route_and_status(report: &Value) -> BTreeMap<(String, String), i64> {
    let mut out = BTreeMap::new();
    for r in rows(report, "findings_by_status") {
        let status = r["status"].as_str().expect("status").to_string();
        for route in ["env", "other"] {
            let n = r[route].as_i64().expect("a count");
            if n > 0 {
                out.insert((route.to_string(), status.clone()), n);
            }
        }
        assert_eq!(
            r["count"].as_i64(),
            Some(r["env"].as_i64().unwrap_or(0) + r["other"].as_i64().unwrap_or(0))
        );
    }
    out
}

/// The `results` section as measure key → value.
fn results(report: &Value) -> HashMap<String, Value> {
    rows(report, "results")
        .iter()
        .map(|r| (r["measure"].as_str().expect("a measure").to_string(), r["value"].clone()))
        .collect()
}

/// A percentage with one decimal, computed in integers (half up): "30.3"; None when num/0.
fn percent(num: i64, den: i64) -> Option<String> {
    (den > 0).then(|| {
        let tenths = (num * 1000 + den / 2) / den;
        format!("{}.{}", tenths / 10, tenths % 10)
    })
}

/// A json rate as the report prints it (one decimal), or None for null.
fn shown_rate(v: &Value) -> Option<String> {
    v.as_f64().map(|f| format!("{f:.1}"))
}

struct Finding {
    route: String,
    on_site: bool,
    due: Option<String>,
    /// Status as of the date, from walking the event chain.
    status: String,
    /// Date of the last change to `resolved` as of the date.
    resolved_on: Option<String>,
}

struct Event {
    date: String,
    recorded_at: String,
    id: String,
    from: Option<String>,
    to: String,
}

/// Every finding found on or before `as_of`, with its status as of that date: the events dated on
/// or before it, walked as a chain — each change starts from the status the previous one left
/// (from_status), the earliest such change first.
fn findings_as_of(conn: &rusqlite::Connection, as_of: &str) -> BTreeMap<String, Finding> {
    let mut events: HashMap<String, Vec<Event>> = HashMap::new();
    let mut stmt = conn
        .prepare("SELECT finding_id, date, recorded_at, id, from_status, to_status FROM finding_events WHERE date <= ?1")
        .expect("events");
    let mut q = stmt.query([as_of]).expect("events");
    while let Some(r) = q.next().expect("an event") {
        events.entry(r.get(0).expect("finding")).or_default().push(Event {
            date: r.get(1).expect("date"),
            recorded_at: r.get(2).expect("recorded_at"),
            id: r.get(3).expect("id"),
            from: r.get(4).expect("from"),
            to: r.get(5).expect("to"),
        });
    }
    let mut out = BTreeMap::new();
    let mut stmt = conn
        .prepare("SELECT id, route, on_site, due FROM findings WHERE created_on <= ?1")
        .expect("findings");
    let mut q = stmt.query([as_of]).expect("findings");
    while let Some(r) = q.next().expect("a finding") {
        let id: String = r.get(0).expect("id");
        let evs = events.remove(&id).unwrap_or_default();
        let mut used = vec![false; evs.len()];
        let mut status: Option<String> = None;
        let mut resolved_on: Option<String> = None;
        loop {
            let next = (0..evs.len())
                .filter(|i| !used[*i] && evs[*i].from == status)
                .min_by_key(|i| (&evs[*i].date, &evs[*i].recorded_at, &evs[*i].id));
            let Some(i) = next else { break };
            used[i] = true;
            status = Some(evs[i].to.clone());
            if evs[i].to == "resolved" {
                resolved_on = Some(evs[i].date.clone());
            }
        }
        assert!(used.iter().all(|u| *u), "finding {id}: its history is not one chain of changes");
        let status = status.unwrap_or_else(|| panic!("finding {id} has no history on or before {as_of}"));
        out.insert(
            id,
            Finding {
                route: r.get(1).expect("route"),
                on_site: r.get(2).expect("on_site"),
                due: r.get(3).expect("due"),
                status,
                resolved_on,
            },
        );
    }
    out
}

fn done(status: &str) -> bool {
    matches!(status, "resolved" | "closed")
}

/// The key figures of `report progress --as-of AS_OF`, recomputed and compared.
fn cross_check_progress(env: &Env, as_of: &str) {
    let report = env.json(&at(&["report", "progress", "--as-of", as_of, "--format", "json"]));
    let conn = env.conn();
    let n = |sql: &str, p: &[&dyn rusqlite::ToSql]| -> i64 {
        conn.query_row(sql, p, |r| r.get(0)).unwrap_or_else(|e| panic!("{sql}: {e}"))
    };

    // Visits by work item, for the period and cumulative.
    let items = rows(&report, "visits_by_item");
    assert_eq!(items.len(), 9, "nine work items");
    for (i, r) in items.iter().enumerate() {
        let code = i as i64 + 1;
        assert_eq!(r["item"], code, "work items in order");
        let name: String = conn
            .query_row("SELECT name_zh FROM work_items WHERE code = ?1", [code], |r| r.get(0))
            .expect("a work item");
        assert_eq!(r["name"], name.as_str());
        let period = n(
            "SELECT count(*) FROM visits WHERE item = ?1 AND date >= ?2 AND date <= ?3",
            &[&code, &PERIOD_START, &as_of],
        );
        let cumulative = n("SELECT count(*) FROM visits WHERE item = ?1 AND date <= ?2", &[&code, &as_of]);
        assert_eq!(r["period"], period, "as of {as_of}, visits of item {code} in the period");
        assert_eq!(r["cumulative"], cumulative, "as of {as_of}, visits of item {code} in all");
    }

    // Findings by route and status as of the date.
    let findings = findings_as_of(&conn, as_of);
    let mut mine: BTreeMap<(String, String), i64> = BTreeMap::new();
    for f in findings.values() {
        *mine.entry((f.route.clone(), f.status.clone())).or_default() += 1;
    }
    let theirs = by_route_and_status(&report);
    assert_eq!(theirs, mine, "as of {as_of}: findings by route and status (report vs our own SQL)");

    // The results: found, resolved, the rates, overdue, on the spot / taken back / referred.
    let res = results(&report);
    let found = findings.len() as i64;
    let resolved = findings.values().filter(|f| done(&f.status)).count() as i64;
    let closed = findings.values().filter(|f| f.status == "closed").count() as i64;
    let on_time = findings
        .values()
        .filter(|f| done(&f.status))
        .filter(|f| match (&f.due, &f.resolved_on) {
            (None, _) => true,
            (Some(due), Some(on)) => on <= due,
            (Some(_), None) => false,
        })
        .count() as i64;
    let overdue =
        findings.values().filter(|f| !done(&f.status) && f.due.as_deref().is_some_and(|d| d < as_of)).count()
            as i64;
    let on_site = findings.values().filter(|f| f.on_site).count() as i64;
    let taken_back = findings.values().filter(|f| f.route == "env" && !f.on_site).count() as i64;
    let referred = findings.values().filter(|f| f.route == "other").count() as i64;
    let found_period = n(
        "SELECT count(*) FROM findings WHERE created_on >= ?1 AND created_on <= ?2",
        &[&PERIOD_START, &as_of],
    );
    let follow_ups =
        n("SELECT count(*) FROM finding_events WHERE satisfaction IS NOT NULL AND date <= ?1", &[&as_of]);
    let satisfied = n(
        "SELECT count(*) FROM finding_events WHERE satisfaction IN ('satisfied', 'basic') AND date <= ?1",
        &[&as_of],
    );
    for (key, want) in [
        ("found", found),
        ("found_period", found_period),
        ("resolved", resolved),
        ("closed", closed),
        ("overdue", overdue),
        ("on_site", on_site),
        ("taken_back", taken_back),
        ("referred", referred),
        ("follow_ups", follow_ups),
    ] {
        assert_eq!(res[key], want, "as of {as_of}: results.{key}");
    }
    for (key, want) in [
        ("resolution_rate", percent(resolved, found)),
        ("on_time_rate", percent(on_time, resolved)),
        ("satisfaction_rate", percent(satisfied, follow_ups)),
    ] {
        assert_eq!(shown_rate(&res[key]), want, "as of {as_of}: results.{key}");
    }
    // The breakdown by county adds up to the same.
    let by_county = rows(&report, "findings_by_county");
    assert_eq!(by_county.iter().map(|r| r["found"].as_i64().unwrap_or(0)).sum::<i64>(), found);

    // Counties not covered: the bureau's counties no visit dated on or before the date reached.
    let mut stmt = conn
        .prepare(
            "SELECT code FROM areas a WHERE level = 3 AND code LIKE ?1 || '%'
               AND code NOT IN (SELECT county FROM visits WHERE date <= ?2 AND county IS NOT NULL) ORDER BY code",
        )
        .expect("counties");
    let mine: Vec<String> = stmt
        .query_map([ANJI, as_of], |r| r.get(0))
        .expect("counties")
        .collect::<Result<_, _>>()
        .expect("counties");
    let theirs: Vec<String> = rows(&report, "uncovered")
        .iter()
        .map(|r| r["county"].as_str().expect("a county code").to_string())
        .collect();
    assert_eq!(theirs, mine, "as of {as_of}: counties not covered");
}

#[test]
fn progress_figures_agree_with_our_own_sql() {
    let d = demo();
    cross_check_progress(d, "2012-03-25");
    let report = d.json(&at(&["report", "progress", "--as-of", "2012-03-25", "--format", "json"]));
    // The demo's groups were all out in March: the figures are not trivially zero.
    let res = results(&report);
    assert!(res["found"].as_i64().unwrap_or(0) > 100, "{res:?}");
    assert!(res["resolved"].as_i64().unwrap_or(0) > 0, "{res:?}");
    assert!(rows(&report, "findings_by_status").len() >= 6, "findings in many states");
}

#[test]
fn progress_figures_agree_on_other_dates() {
    let d = demo();
    // Before any visit (the county is not covered yet), during the trips, and at the demo's date.
    for as_of in ["2012-03-04", "2012-03-12", TODAY] {
        cross_check_progress(d, as_of);
    }
    let early = d.json(&at(&["report", "progress", "--as-of", "2012-03-04", "--format", "json"]));
    assert_eq!(rows(&early, "uncovered").len(), 1, "Anji is not covered before the first visit");
}

/// Several changes of one finding recorded on the same date by quick successive commands (a
/// clerk entering a day's paperwork): the report must still take the last change as the status.
#[test]
fn same_day_changes_count_with_their_last_status() {
    let env = copy_demo();
    let visit: String = env
        .conn()
        .query_row(
            "SELECT id FROM visits WHERE target_kind = 'village' AND item <> 5 ORDER BY date, id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a village visit");
    for i in 0..6 {
        let desc = format!("同日办结{i}");
        let (id, _) = env.ok(&[
            "finding",
            "add",
            "--visit",
            &visit,
            "--category",
            "water",
            "--desc",
            &desc,
            "--route",
            "env",
            "--date",
            "2012-04-20",
            "--today",
            LATER,
        ]);
        let id = id.trim();
        for (status, note) in [("in-progress", "已交办"), ("resolved", "已办结")] {
            env.ok(&[
                "finding",
                "update",
                id,
                "--status",
                status,
                "--note",
                note,
                "--date",
                "2012-04-20",
                "--today",
                LATER,
            ]);
        }
    }
    // Nothing is dated after 4/30: the report as of then must show every finding's current status.
    let report = env.json(&["report", "progress", "--as-of", LATER, "--format", "json", "--today", LATER]);
    let conn = env.conn();
    let mut stmt = conn.prepare("SELECT route, status, count(*) FROM findings GROUP BY 1, 2").expect("sql");
    let current: BTreeMap<(String, String), i64> = stmt
        .query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))
        .expect("sql")
        .collect::<Result<_, _>>()
        .expect("sql");
    let theirs = by_route_and_status(&report);
    assert_eq!(theirs, current, "findings by status as of {LATER} vs the ledger's current statuses");
    cross_check_progress(&env, LATER);
}

/// The period (当期) figures as the README defines them: the findings found in the period, each as
/// it stands on the report's date; 办结（按办结日期） the findings whose last resolution falls in the
/// period; follow-ups by their own date; and the period's found adds to the last report's total.
#[test]
fn period_figures_are_the_findings_found_in_the_period() {
    let d = demo();
    let report = d.json(&at(&["report", "final", "--as-of", "2012-06-25", "--format", "json"]));
    let conn = d.conn();
    let all = findings_as_of(&conn, "2012-06-25");
    let mut stmt = conn
        .prepare("SELECT id FROM findings WHERE created_on >= '2012-03-26' AND created_on <= '2012-06-25'")
        .expect("sql");
    let in_period: Vec<String> =
        stmt.query_map([], |r| r.get(0)).expect("sql").collect::<Result<_, _>>().expect("sql");
    let of = |id: &String| &all[id];
    let found = in_period.len() as i64;
    let resolved = in_period.iter().filter(|id| done(&of(id).status)).count() as i64;
    let on_site = in_period.iter().filter(|id| of(id).on_site).count() as i64;
    let referred = in_period.iter().filter(|id| of(id).route == "other").count() as i64;
    let resolved_dated = all
        .values()
        .filter(|f| done(&f.status) && f.resolved_on.as_deref().is_some_and(|d| d >= "2012-03-26"))
        .count() as i64;
    let period: HashMap<String, Value> = rows(&report, "results")
        .iter()
        .map(|r| (r["measure"].as_str().expect("a measure").to_string(), r["period"].clone()))
        .collect();
    assert!(found > 0 && resolved > 0 && resolved < found, "the demo has a period to speak of");
    assert_eq!(period["found"], found);
    assert_eq!(period["found_period"], found);
    assert_eq!(period["resolved"], resolved);
    assert_eq!(period["on_site"], on_site);
    assert_eq!(period["referred"], referred);
    assert_eq!(shown_rate(&period["resolution_rate"]), percent(resolved, found));
    assert_eq!(period["resolved_dated"], resolved_dated);
    assert!(resolved_dated > resolved, "the period also resolved findings found before it");
    let follow_ups = d.query_i64(
        "SELECT count(*) FROM finding_events WHERE satisfaction IS NOT NULL AND date BETWEEN '2012-03-26' AND '2012-06-25'",
    );
    assert_eq!(period["follow_ups"], follow_ups);
    // Taken back, on time, overdue and 满意率 of the same findings and follow-ups.
    assert_eq!(
        period["taken_back"],
        found - on_site - referred,
        "taken back: neither solved on the spot nor referred"
    );
    let on_time = in_period
        .iter()
        .filter(|id| {
            let f = of(id);
            done(&f.status)
                && match (f.resolved_on.as_deref(), f.due.as_deref()) {
                    (_, None) => true,
                    (Some(r), Some(due)) => r <= due,
                    (None, Some(_)) => false,
                }
        })
        .count() as i64;
    assert_eq!(shown_rate(&period["on_time_rate"]), percent(on_time, resolved), "当期按期办结率");
    let overdue = in_period
        .iter()
        .filter(|id| !done(&of(id).status) && of(id).due.as_deref().is_some_and(|due| due < "2012-06-25"))
        .count() as i64;
    assert_eq!(period["overdue"], overdue, "当期逾期: found in the period, past the deadline, not resolved");
    let content = d.query_i64(
        "SELECT count(*) FROM finding_events WHERE satisfaction IN ('satisfied', 'basic') AND date BETWEEN '2012-03-26' AND '2012-06-25'",
    );
    assert_eq!(shown_rate(&period["satisfaction_rate"]), percent(content, follow_ups), "当期满意率");
    // Hazards: the findings of work item 5 found in the period, and those of them rectified.
    let hazards: Vec<&String> = {
        let mut stmt = conn
            .prepare("SELECT f.id FROM findings f JOIN visits v ON v.id = f.visit_id WHERE v.item = 5 AND f.created_on >= '2012-03-26' AND f.created_on <= '2012-06-25'")
            .expect("sql");
        let ids: Vec<String> =
            stmt.query_map([], |r| r.get(0)).expect("sql").collect::<Result<_, _>>().expect("sql");
        in_period.iter().filter(|id| ids.contains(id)).collect()
    };
    let hz: HashMap<String, Value> = rows(&report, "hazards")
        .iter()
        .map(|r| (r["measure"].as_str().expect("a measure").to_string(), r["period"].clone()))
        .collect();
    assert_eq!(hz["hazards"], hazards.len() as i64);
    assert_eq!(hz["rectified"], hazards.iter().filter(|id| done(&of(id).status)).count() as i64);
    // The last report's total and this period's findings make this report's total.
    let before = d.json(&at(&["report", "progress", "--as-of", "2012-03-25", "--format", "json"]));
    let total = |r: &Value| results(r)["found"].as_i64().expect("a count");
    assert_eq!(total(&before) + found, total(&report));
}

// ---------------------------------------------------------------------------------------------
// 3. xlsx read back
// ---------------------------------------------------------------------------------------------

fn zip_names(path: &Path) -> Vec<String> {
    let z = zip::ZipArchive::new(std::fs::File::open(path).expect("the file")).expect("a zip archive");
    z.file_names().map(str::to_string).collect()
}

fn zip_text(path: &Path, name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).expect("the file")).expect("a zip archive");
    let mut f = z.by_name(name).unwrap_or_else(|e| panic!("{name} in {}: {e}", path.display()));
    let mut text = String::new();
    f.read_to_string(&mut text).expect("UTF-8 XML");
    text
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The text between the first `open` and the following `close` in `s`.
fn between<'a>(s: &'a str, open: &str, close: &str) -> Option<&'a str> {
    let i = s.find(open)? + open.len();
    let j = s[i..].find(close)?;
    Some(&s[i..i + j])
}

/// The charts of a workbook: (title, sheet and column letter of the values).
fn charts(path: &Path) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for name in zip_names(path) {
        let is_chart = name.strip_prefix("xl/charts/chart").and_then(|n| n.strip_suffix(".xml"));
        if !is_chart.is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())) {
            continue;
        }
        let xml = zip_text(path, &name);
        let title = between(&xml, "<c:title>", "</c:title>").and_then(|t| between(t, "<a:t>", "</a:t>"));
        let values = between(&xml, "<c:val>", "</c:val>").and_then(|v| between(v, "<c:f>", "</c:f>"));
        let (Some(title), Some(values)) = (title, values) else {
            panic!("{name}: no title or values:\n{xml}")
        };
        // 'sheet'!$B$2:$B$9
        let (sheet, range) = values.rsplit_once('!').expect("a sheet reference");
        let column: String =
            range.trim_start_matches('$').chars().take_while(|c| c.is_ascii_uppercase()).collect();
        out.push((title.to_string(), sheet.trim_matches('\'').to_string(), column));
    }
    out
}

#[test]
fn progress_xlsx_reads_back() {
    let d = demo();
    let out = Env::new();
    let path = out.path("p.xlsx");
    let (stdout, _) =
        d.ok(&at(&["report", "progress", "--as-of", "2012-03-25", "--format", "xlsx", "-o", s(&path)]));
    assert!(stdout.is_empty(), "the workbook goes to the file, not stdout: {stdout}");

    let mut wb: Xlsx<_> = open_workbook(&path).expect("calamine opens the workbook");
    let names = wb.sheet_names();
    assert!(names.len() >= 15, "a sheet per table: {names:?}");
    for want in ["一、基本情况", "走访情况（按重点内容）", "走访情况（按市县）", "每周走访次数", "三、成效"]
    {
        assert!(names.iter().any(|n| n == want), "no sheet {want}: {names:?}");
    }
    let unique: BTreeSet<&String> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "sheet names are unique: {names:?}");
    assert_eq!(names[0], "汇总表", "the workbook opens with the 汇总表");
    for name in &names {
        assert!(name.encode_utf16().count() <= 31, "sheet name over Excel's 31 characters: {name}");
        assert!(!name.contains(['[', ']', ':', '*', '?', '/', '\\']), "bad sheet name {name}");
        if name == "汇总表" {
            continue;
        }
        let range = wb.worksheet_range(name).unwrap_or_else(|e| panic!("sheet {name}: {e}"));
        // Row 1 is the sheet's title (the table's, as of the report's date), row 2 its header.
        let title = range.get((0, 0)).map(|v| v.to_string()).unwrap_or_default();
        assert!(
            title.starts_with(name.as_str()) && title.ends_with("（截至2012年3月25日）"),
            "sheet {name}: title {title:?}"
        );
        let header: Vec<&Data> =
            range.rows().nth(1).unwrap_or_else(|| panic!("sheet {name} is empty")).iter().collect();
        assert!(!header.is_empty(), "sheet {name} has headers");
        for h in header {
            match h {
                Data::String(t) => assert!(has_cjk(t), "sheet {name}: header {t:?} is not Chinese"),
                other => panic!("sheet {name}: header {other:?} is not text"),
            }
        }
    }

    // A county code is a text cell; a count is a number.
    let by_county = wb.worksheet_range("走访情况（按市县）").expect("the sheet");
    assert_eq!(by_county.get((1, 0)), Some(&Data::String("县代码".into())));
    assert_eq!(by_county.get((2, 0)), Some(&Data::String(ANJI.into())), "the county code is text");
    assert!(matches!(by_county.get((2, 4)), Some(Data::Float(_) | Data::Int(_))), "visits are numbers");
    let by_item = wb.worksheet_range("走访情况（按重点内容）").expect("the sheet");
    let report = d.json(&at(&["report", "progress", "--as-of", "2012-03-25", "--format", "json"]));
    for (i, r) in rows(&report, "visits_by_item").iter().enumerate() {
        let cell = by_item.get((i + 2, 4)).and_then(|c| c.as_f64());
        assert_eq!(cell, r["cumulative"].as_f64(), "item {} in the workbook and the json", i + 1);
    }

    // Charts: visits per week and findings by status.
    let charts = charts(&path);
    assert!(charts.len() >= 2, "at least two charts: {charts:?}");
    let titles: Vec<&str> = charts.iter().map(|c| c.0.as_str()).collect();
    assert!(titles.iter().any(|t| t.contains("每周走访")), "a chart of visits per week: {titles:?}");
    assert!(titles.iter().any(|t| t.contains("状态")), "a chart of findings by status: {titles:?}");
}

/// Every chart draws numbers: the column its values come from holds numbers.
#[test]
fn xlsx_charts_draw_numbers() {
    let d = demo();
    let out = Env::new();
    let path = out.path("p.xlsx");
    d.ok(&at(&["report", "progress", "--as-of", "2012-03-25", "--format", "xlsx", "-o", s(&path)]));
    let mut wb: Xlsx<_> = open_workbook(&path).expect("calamine opens the workbook");
    for (title, sheet, column) in charts(&path) {
        let range =
            wb.worksheet_range(&sheet).unwrap_or_else(|e| panic!("chart {title}: sheet {sheet}: {e}"));
        let col = column.bytes().fold(0usize, |n, b| n * 26 + (b - b'A' + 1) as usize) - 1;
        let cells: Vec<&Data> = range.rows().skip(2).filter_map(|r| r.get(col)).collect();
        assert!(!cells.is_empty(), "chart {title}: no values");
        for c in cells {
            assert!(
                matches!(c, Data::Float(_) | Data::Int(_)),
                "chart {title} draws column {column} of {sheet}, which holds {c:?}, not a number"
            );
        }
    }
}

#[test]
fn enterprise_form_xlsx_reads_back() {
    let d = demo();
    let out = Env::new();
    let path = out.path("f.xlsx");
    d.ok(&at(&["form", "enterprise", "--format", "xlsx", "-o", s(&path)]));
    let mut wb: Xlsx<_> = open_workbook(&path).expect("calamine opens the workbook");
    assert_eq!(wb.sheet_names(), vec!["企业情况反馈表".to_string()]);
    let range = wb.worksheet_range("企业情况反馈表").expect("the sheet");
    let header: Vec<String> =
        range.rows().next().expect("a header row").iter().map(|c| c.to_string()).collect();

    // The headers are the form's printed labels, after the visit's own columns.
    let def = d.json(&at(&["form", "show", "enterprise", "--format", "json"]));
    let labels: Vec<String> = def["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["label"].as_str().expect("a label").to_string())
        .collect();
    assert_eq!(&header[..6], ["走访记录", "走访日期", "走访组", "走访对象代码", "走访对象", "参加人员"]);
    assert_eq!(header[6..], labels[..], "the form's labels");
    for want in ["生产经营状况", "环保设施运行", "重点排污单位", "困难类型", "满意度"]
    {
        assert!(header.iter().any(|h| h == want), "no column {want}: {header:?}");
    }

    // One row per enterprise-form visit; credit codes are text cells.
    let n = d.query_i64("SELECT count(*) FROM visits WHERE form_kind = 'enterprise'");
    assert_eq!(range.rows().count() as i64, n + 1, "one row per visit");
    let mut codes = 0;
    for row in range.rows().skip(1) {
        match &row[3] {
            Data::String(code) => {
                if code.len() == 18 {
                    codes += 1;
                    assert!(code.starts_with("91330523"), "a credit code of Anji: {code}");
                }
            }
            other => panic!("the target code {other:?} is not a text cell"),
        }
        assert!(
            matches!(&row[1], Data::String(t) if t.starts_with("2012-")),
            "the date is text: {:?}",
            row[1]
        );
    }
    let enterprises = d.query_i64(
        "SELECT count(*) FROM visits WHERE form_kind = 'enterprise' AND target_kind = 'enterprise'",
    );
    assert_eq!(codes, enterprises, "every enterprise visit shows its credit code");
}

/// The 汇总表 as bureaus exchange it: merged title, 填报单位 and 截至日期, a two-level header, one
/// row per group and 合计, percentages with one decimal, frozen header, print set-up; the detail
/// sheets bordered, filtered and printable; no internal code in any cell.
#[test]
fn xlsx_summary_sheet_and_print_setup() {
    let d = demo();
    let out = Env::new();
    let path = out.path("final.xlsx");
    d.ok(&at(&["report", "final", "--as-of", "2012-06-25", "--format", "xlsx", "-o", s(&path)]));
    let mut wb: Xlsx<_> = open_workbook(&path).expect("calamine opens the workbook");
    let names = wb.sheet_names();
    assert_eq!(names[0], "汇总表");
    let sheet = wb.worksheet_range("汇总表").expect("the summary");
    let text = |r: usize, c: usize| sheet.get((r, c)).map(|v| v.to_string()).unwrap_or_default();
    assert_eq!(text(0, 0), "安吉县环保大走访活动进展情况统计表");
    assert_eq!(text(1, 0), "填报单位：安吉县环境保护局");
    assert!(
        (0..30).any(|c| text(1, c) == "截至日期：2012年6月25日（当期自2012年3月26日起）"),
        "the date line"
    );
    assert_eq!(text(2, 0), "走访组");
    // Three header rows: 走访/问题/办理, each figure, and each figure's 当期 and 累计.
    let top: Vec<String> = (1..23).map(|c| text(2, c)).filter(|t| !t.is_empty()).collect();
    assert_eq!(top, ["走访", "问题", "办理"]);
    let figures: Vec<String> = (1..23).map(|c| text(3, c)).filter(|t| !t.is_empty()).collect();
    assert_eq!(
        figures,
        [
            "走访次数",
            "走访村",
            "走访企业",
            "发现",
            "现场解决",
            "带回办理",
            "转办",
            "已办结",
            "办结率",
            "按期办结率",
            "逾期"
        ]
    );
    let spans: Vec<String> = (1..23).map(|c| text(4, c)).collect();
    assert!(spans.chunks(2).all(|p| p == ["当期", "累计"]), "every figure 当期 and 累计: {spans:?}");
    let col_of = |label: &str| (1..23).find(|&c| text(3, c) == label).unwrap_or_else(|| panic!("{label}"));
    let groups: Vec<String> = (5..10).map(|r| text(r, 0)).collect();
    assert_eq!(groups, ["第一走访组", "第二走访组", "第三走访组", "第四走访组", "第五走访组"]);
    assert_eq!(text(10, 0), "合计");
    let num = |r: usize, c: usize| sheet.get((r, c)).and_then(|v| v.as_f64()).unwrap_or(f64::NAN);
    let report = d.json(&at(&["report", "final", "--as-of", "2012-06-25", "--format", "json"]));
    let visits = rows(&report, "basic").iter().find(|r| r["measure"] == "visits").expect("visits").clone();
    assert_eq!(num(10, 2), visits["cumulative"].as_f64().expect("a count"), "合计 of 累计走访");
    assert_eq!(num(10, 1), visits["period"].as_f64().expect("a count"), "合计 of 当期走访");
    assert_eq!((5..10).map(|r| num(r, 2)).sum::<f64>(), num(10, 2), "the groups add up to 合计");
    let res = results(&report);
    let period: HashMap<String, Value> = rows(&report, "results")
        .iter()
        .map(|r| (r["measure"].as_str().expect("a measure").to_string(), r["period"].clone()))
        .collect();
    // Each figure's 当期 and 累计 are the report's, and the groups add up to 合计.
    for (label, measure) in [
        ("发现", "found"),
        ("现场解决", "on_site"),
        ("带回办理", "taken_back"),
        ("转办", "referred"),
        ("已办结", "resolved"),
        ("逾期", "overdue"),
    ] {
        let c = col_of(label);
        assert_eq!(Some(num(10, c)), period[measure].as_f64(), "当期{label}");
        assert_eq!(Some(num(10, c + 1)), res[measure].as_f64(), "累计{label}");
        assert_eq!((5..10).map(|r| num(r, c + 1)).sum::<f64>(), num(10, c + 1), "{label} by group add up");
    }
    let rate_col = col_of("办结率");
    let shown = |c: usize| format!("{:.1}", num(10, c) * 100.0);
    assert_eq!(Some(shown(rate_col + 1)), shown_rate(&res["resolution_rate"]), "办结率 is a percentage");
    assert_eq!(Some(shown(rate_col)), shown_rate(&period["resolution_rate"]), "当期办结率");

    let sheet1 = zip_text(&path, "xl/worksheets/sheet1.xml");
    assert!(sheet1.contains("<mergeCell ref=\"A1:W1\"/>"), "a merged title: {sheet1}");
    assert!(sheet1.contains("<mergeCell ref=\"B4:C4\"/>"), "a figure over its 当期 and 累计");
    assert!(sheet1.contains("<pageSetUpPr fitToPage=\"1\"/>"), "fit to page");
    assert!(
        sheet1.contains("paperSize=\"9\"") && sheet1.contains("orientation=\"landscape\""),
        "A4 landscape"
    );
    assert!(sheet1.contains("fitToHeight=\"0\""), "one page wide, as many long as it takes");
    assert!(sheet1.contains("ySplit=\"5\""), "the header frozen");
    assert!(sheet1.contains("&amp;P"), "page numbers in the footer");
    let workbook = zip_text(&path, "xl/workbook.xml");
    assert!(
        workbook.contains(
            "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">汇总表!$1:$5</definedName>"
        ),
        "{workbook}"
    );
    assert!(workbook.contains("_xlnm.Print_Area"), "a print area");
    assert!(zip_text(&path, "xl/styles.xml").contains("formatCode=\"0.0%\""), "percentages with one decimal");
    let sheet2 = zip_text(&path, "xl/worksheets/sheet2.xml");
    assert!(sheet2.contains("<autoFilter ref=\"A2:"), "detail sheets filter from their header");
    assert!(sheet2.contains("paperSize=\"9\""), "detail sheets print on A4");
    assert!(sheet2.contains("<mergeCell ref=\"A1:"), "detail sheets have a merged title");
    assert!(sheet2.contains("ySplit=\"2\""), "detail sheets freeze title and header");
    assert!(
        sheet2.contains("<border>") || zip_text(&path, "xl/styles.xml").contains("<left style=\"thin\">"),
        "borders"
    );
    assert!(
        workbook.contains("localSheetId=\"1\">'一、基本情况'!$1:$2</definedName>"),
        "title and header repeated: {workbook}"
    );

    // No internal code: no English word, no status or timeliness code, no group code.
    for name in &names {
        let range = wb.worksheet_range(name).expect("a sheet");
        for cell in range.used_cells() {
            if let (_, _, Data::String(t)) = cell {
                let word = t.split(|c: char| !c.is_ascii_alphabetic()).any(|w| w.len() >= 2);
                assert!(!word, "sheet {name}: {t:?} holds a code or an English word");
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 4. docx read back
// ---------------------------------------------------------------------------------------------

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The paragraphs of word/document.xml in order (those in table cells included): (style, text).
fn paragraphs(xml: &str) -> Vec<(Option<String>, String)> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:p") {
        let after = &rest[i..];
        let next = after.as_bytes().get(4).copied();
        if !matches!(next, Some(b' ' | b'>' | b'/')) {
            rest = &after[4..];
            continue;
        }
        let tag_end = after.find('>').expect("a closed tag");
        if after[..tag_end].ends_with('/') {
            out.push((None, String::new()));
            rest = &after[tag_end + 1..];
            continue;
        }
        let end = after.find("</w:p>").map(|e| e + 6).expect("a closed paragraph");
        let p = &after[..end];
        let style = between(p, "<w:pStyle w:val=\"", "\"").map(str::to_string);
        let mut text = String::new();
        let mut r = p;
        while let Some(j) = r.find("<w:t") {
            let t = &r[j..];
            let close = t.find('>').expect("a closed tag");
            if !matches!(t.as_bytes().get(4), Some(b' ' | b'>')) {
                r = &t[4..];
                continue;
            }
            let body = &t[close + 1..];
            let stop = body.find("</w:t>").expect("a closed text");
            text.push_str(&unescape(&body[..stop]));
            r = &body[stop..];
        }
        out.push((style, text));
        rest = &after[end..];
    }
    out
}

#[test]
fn final_docx_has_a_heading_per_work_item() {
    let d = demo();
    let out = Env::new();
    let path = out.path("r.docx");
    d.ok(&at(&["report", "final", "--as-of", "2012-06-25", "--format", "docx", "-o", s(&path)]));
    let names = zip_names(&path);
    for part in ["[Content_Types].xml", "_rels/.rels", "word/document.xml", "word/styles.xml"] {
        assert!(names.iter().any(|n| n == part), "no {part} in the docx: {names:?}");
    }
    let styles = zip_text(&path, "word/styles.xml");
    for id in ["Heading1", "Heading2"] {
        assert!(styles.contains(&format!("w:styleId=\"{id}\"")), "the style {id} is defined");
    }
    let paras = paragraphs(&zip_text(&path, "word/document.xml"));

    // The title first, as a 公文 names itself: bureau, 关于 …, 的报告.
    let title = &paras.first().expect("a paragraph").1;
    assert_eq!(title, "安吉县环境保护局关于2012年环保大走访活动开展情况的报告");
    assert_eq!(paras[0].0.as_deref(), Some("Title"));

    // The main parts as Heading1, in the usual order.
    let h1: Vec<&str> =
        paras.iter().filter(|p| p.0.as_deref() == Some("Heading1")).map(|p| p.1.as_str()).collect();
    let mut last = 0;
    for part in ["基本情况", "主要做法", "成效", "存在问题", "下一步打算"] {
        let pos =
            h1.iter().position(|h| h.contains(part)).unwrap_or_else(|| panic!("no Heading1 {part}: {h1:?}"));
        assert!(pos >= last, "{part} out of order: {h1:?}");
        last = pos;
    }

    // One Heading2 per work item, in order, each followed by its figures.
    let conn = d.conn();
    let mut stmt = conn.prepare("SELECT code, name_zh FROM work_items ORDER BY code").expect("sql");
    let items: Vec<(i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("sql")
        .collect::<Result<_, _>>()
        .expect("sql");
    assert_eq!(items.len(), 9);
    assert_eq!(items[0].1, "进农村、访农家");
    // The work items' sections sit under 二、主要做法 (成效 has its own second-level headings).
    let from = paras.iter().position(|p| p.1 == "二、主要做法").expect("二、主要做法");
    let to = paras.iter().position(|p| p.1 == "三、成效").expect("三、成效");
    let h2: Vec<usize> = (from..to).filter(|i| paras[*i].0.as_deref() == Some("Heading2")).collect();
    assert_eq!(
        h2.len(),
        9,
        "one Heading2 per work item: {:?}",
        h2.iter().map(|i| &paras[*i].1).collect::<Vec<_>>()
    );
    for ((code, name), pos) in items.iter().zip(&h2) {
        assert!(
            paras[*pos].1.contains(name.as_str()),
            "Heading2 {:?} is not work item {code} {name}",
            paras[*pos].1
        );
        let visits =
            d.query_i64(&format!("SELECT count(*) FROM visits WHERE item = {code} AND date <= '2012-06-25'"));
        let want = format!("共开展走访{visits}次");
        let body = paras[pos + 1..].iter().take(4).any(|p| p.1.contains(&want));
        assert!(body, "the section of work item {code} says {want}");
    }
}

/// The attribute `attr` of the first element `<tag …>` in `xml`.
fn attr<'a>(xml: &'a str, tag: &str, attr: &str) -> Option<&'a str> {
    let i = xml.find(&format!("<{tag} "))?;
    let el = &xml[i..i + xml[i..].find('>')?];
    between(el, &format!(" {attr}=\""), "\"")
}

/// The XML of the style `id` in styles.xml.
fn style<'a>(styles: &'a str, id: &str) -> &'a str {
    let i = styles.find(&format!("w:styleId=\"{id}\"")).unwrap_or_else(|| panic!("no style {id}"));
    &styles[i..i + styles[i..].find("</w:style>").expect("a closed style")]
}

fn docx_of(d: &Env, args: &[&str], out: &Env, name: &str) -> std::path::PathBuf {
    let path = out.path(name);
    let mut a = args.to_vec();
    a.extend(["--format", "docx", "-o", s(&path)]);
    d.ok(&at(&a));
    path
}

/// GB/T 9704-2012: A4, margins, the text block, the grid, the fonts of every level, page numbers
/// at the outside corners, repeated table headers, the bureau and the date at the end.
#[test]
fn docx_is_laid_out_as_a_gongwen() {
    let d = demo();
    let out = Env::new();
    let path = docx_of(d, &["report", "final", "--as-of", "2012-06-25"], &out, "final.docx");
    let doc = zip_text(&path, "word/document.xml");
    let sect = &doc[doc.rfind("<w:sectPr>").expect("a section")..];
    // Twips: A4 210 × 297 mm; top 37, left 28, right 26, bottom 35 mm (156 × 225 mm of text).
    assert_eq!(attr(sect, "w:pgSz", "w:w"), Some("11906"));
    assert_eq!(attr(sect, "w:pgSz", "w:h"), Some("16838"));
    assert_eq!(attr(sect, "w:pgMar", "w:top"), Some("2098"));
    assert_eq!(attr(sect, "w:pgMar", "w:left"), Some("1587"));
    assert_eq!(attr(sect, "w:pgMar", "w:right"), Some("1474"));
    assert_eq!(attr(sect, "w:pgMar", "w:bottom"), Some("1984"));
    // 22 lines: 225 mm / 22 = 579 twips a line, the body's exact line spacing too.
    assert_eq!(attr(sect, "w:docGrid", "w:linePitch"), Some("579"));

    let styles = zip_text(&path, "word/styles.xml");
    let normal = style(&styles, "Normal");
    assert_eq!(attr(normal, "w:rFonts", "w:eastAsia"), Some("仿宋_GB2312"));
    assert_eq!(attr(normal, "w:sz", "w:val"), Some("32"), "3号 is 16 pt");
    assert_eq!(attr(normal, "w:spacing", "w:line"), Some("579"));
    assert_eq!(attr(normal, "w:spacing", "w:lineRule"), Some("exact"));
    // 28 characters: 16 pt less 0.25 pt of spacing, 28 × 15.75 pt within 156 mm (442.2 pt), 29 not.
    let spacing: f64 = normal
        .split("<w:spacing w:val=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .and_then(|v| v.parse().ok())
        .expect("a character spacing");
    let pitch = 16.0 + spacing / 20.0;
    assert!(28.0 * pitch <= 442.2 && 29.0 * pitch > 442.2, "28 characters a line at {pitch} pt");
    let title = style(&styles, "Title");
    assert_eq!(attr(title, "w:rFonts", "w:eastAsia"), Some("方正小标宋简体"));
    assert_eq!(attr(title, "w:sz", "w:val"), Some("44"), "2号 is 22 pt");
    assert_eq!(attr(title, "w:jc", "w:val"), Some("center"));
    assert_eq!(attr(style(&styles, "Heading1"), "w:rFonts", "w:eastAsia"), Some("黑体"));
    assert_eq!(attr(style(&styles, "Heading2"), "w:rFonts", "w:eastAsia"), Some("楷体_GB2312"));
    let h3 = style(&styles, "Heading3");
    assert_eq!(attr(h3, "w:rFonts", "w:eastAsia"), Some("仿宋_GB2312"));
    assert!(h3.contains("<w:b/>"), "1. headings are bold 仿宋: {h3}");
    // The fonts fall back to what a Chinese Windows has.
    let fonts = zip_text(&path, "word/fontTable.xml");
    for (font, alt) in [
        ("仿宋_GB2312", "仿宋"),
        ("仿宋", "FangSong"),
        ("楷体_GB2312", "楷体"),
        ("楷体", "KaiTi"),
        ("黑体", "SimHei"),
        ("宋体", "SimSun"),
    ] {
        assert!(
            fonts.contains(&format!("<w:font w:name=\"{font}\"><w:altName w:val=\"{alt}\"/>")),
            "{font} falls back to {alt}: {fonts}"
        );
    }

    // Page numbers "— N —" in 4号 宋体: odd pages at the right, even pages at the left.
    assert!(zip_text(&path, "word/settings.xml").contains("<w:evenAndOddHeaders/>"));
    let rels = zip_text(&path, "word/_rels/document.xml.rels");
    for (kind, side) in [("default", "right"), ("even", "left")] {
        let id = sect
            .split("<w:footerReference ")
            .find(|f| f.contains(&format!("w:type=\"{kind}\"")))
            .and_then(|f| between(f, "r:id=\"", "\""))
            .unwrap_or_else(|| panic!("no {kind} footer"));
        let target = rels
            .split("<Relationship ")
            .find(|r| r.contains(&format!("Id=\"{id}\"")))
            .and_then(|r| between(r, "Target=\"", "\""))
            .expect("the footer's part");
        let footer = zip_text(&path, &format!("word/{target}"));
        assert!(footer.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"), "{footer}");
        assert!(footer.contains(">— </w:t>") && footer.contains("> —</w:t>"), "{footer}");
        assert_eq!(attr(&footer, "w:jc", "w:val"), Some(side), "{kind} page numbers");
        assert_eq!(attr(&footer, "w:rFonts", "w:eastAsia"), Some("宋体"));
        assert_eq!(attr(&footer, "w:sz", "w:val"), Some("28"), "4号 is 14 pt");
    }

    // Every table repeats its header row on each page, has borders, and right-aligns its figures.
    let tables: Vec<&str> = doc.split("<w:tbl>").skip(1).collect();
    assert!(tables.len() >= 4, "the breakdowns are tables");
    for t in &tables {
        let first_row = between(t, "<w:tr>", "</w:tr>").expect("a row");
        assert!(first_row.contains("<w:tblHeader/>"), "a repeated header row");
        assert!(t.contains("<w:insideH w:val=\"single\""), "borders");
        let second = t.split("<w:tr>").nth(2).unwrap_or_default();
        assert!(!second.contains("<w:tblHeader/>"), "only the header repeats");
    }
    assert!(
        doc.contains("<w:jc w:val=\"right\"/></w:pPr><w:r><w:rPr><w:sz w:val=\"21\"/>"),
        "figures right-aligned"
    );

    // The bureau and the date end the document, right-aligned.
    let paras = paragraphs(&doc);
    let n = paras.len();
    assert_eq!(paras[n - 2].1, "安吉县环境保护局");
    assert_eq!(paras[n - 1].1, "2012年6月25日");
    let last_ppr = &doc[doc.rfind("<w:p><w:pPr>").expect("a paragraph")..];
    assert_eq!(attr(last_ppr, "w:jc", "w:val"), Some("right"));
    // Rates print as 61.4%; the sentences say what a person would write.
    let text: String = paras.iter().map(|p| p.1.as_str()).collect::<Vec<_>>().join("\n");
    let report = d.json(&at(&["report", "final", "--as-of", "2012-06-25", "--format", "json"]));
    let res = results(&report);
    let rate = format!("办结率{:.1}%", res["resolution_rate"].as_f64().expect("a rate"));
    assert!(text.contains(&rate), "the prose says {rate}");
    assert!(text.contains("截至6月25日，全县共组织走访组5个，参加人员15人"), "{text}");
}

/// What a person reads in zh holds no internal code: no English keys, no status or category
/// codes, no ISO dates, no area codes, no group codes.
#[test]
fn documents_hold_no_internal_codes() {
    let d = demo();
    let out = Env::new();
    let codes: Vec<String> = {
        let conn = d.conn();
        let mut stmt = conn
            .prepare("SELECT code FROM categories UNION SELECT code FROM groups UNION SELECT code FROM prohibitions")
            .expect("sql");
        stmt.query_map([], |r| r.get(0)).expect("sql").collect::<Result<_, _>>().expect("sql")
    };
    for (args, name) in [
        (vec!["report", "plan", "--as-of", "2012-02-25"], "plan.docx"),
        (vec!["report", "progress", "--as-of", "2012-03-25"], "progress.docx"),
        (vec!["report", "final", "--as-of", "2012-06-25"], "final.docx"),
    ] {
        let path = docx_of(d, &args, &out, name);
        for (style, text) in paragraphs(&zip_text(&path, "word/document.xml")) {
            let ascii_word = text.split(|c: char| !c.is_ascii_alphabetic()).any(|w| w.len() >= 2);
            assert!(!ascii_word, "{name}: {style:?} {text:?} holds a Latin word");
            assert!(!text.contains(ANJI), "{name}: an area code in {text:?}");
            let iso = text.as_bytes().windows(10).any(|w| {
                w[4] == b'-'
                    && w[7] == b'-'
                    && w.iter().enumerate().all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit())
            });
            assert!(!iso, "{name}: an ISO date in {text:?}");
            for code in &codes {
                assert!(
                    text != *code && !text.starts_with(&format!("{code} ")),
                    "{name}: the code {code} in {text:?}"
                );
            }
        }
    }
}

/// The prose of each section, as the county demo reads on 3/25 and 6/25 (tables left out).
fn prose(d: &Env, kind: &str, as_of: &str) -> String {
    let out = Env::new();
    let path = docx_of(d, &["report", kind, "--as-of", as_of], &out, "prose.docx");
    paragraphs(&zip_text(&path, "word/document.xml"))
        .into_iter()
        .filter(|(style, text)| style.as_deref() != Some("TableText") && !text.is_empty())
        .map(|(style, text)| match style.as_deref() {
            Some("Title") => format!("# {text}"),
            Some("Heading1") => format!("\n## {text}"),
            Some("Heading2") => format!("\n### {text}"),
            Some("TableCaption") => format!("[{text}]"),
            _ => text,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn snapshot_progress_prose() {
    insta::assert_snapshot!("progress_prose", prose(demo(), "progress", "2012-03-25"));
}

#[test]
fn snapshot_final_prose() {
    insta::assert_snapshot!("final_prose", prose(demo(), "final", "2012-06-25"));
}

/// A plan asked for years later is dated inside its campaign's year, and lists the violations.
#[test]
fn plan_is_dated_inside_its_year() {
    let d = demo();
    let out = Env::new();
    let path = out.path("plan-later.docx");
    let mut c = d.cmd();
    c.args(["report", "plan", "--format", "docx", "-o", s(&path)]).env("ZOUFANG_TODAY", "2026-12-03");
    c.assert().success();
    let paras = paragraphs(&zip_text(&path, "word/document.xml"));
    assert_eq!(paras.last().map(|p| p.1.as_str()), Some("2012年2月25日"), "the plan's deadline, not 2026");
    assert!(paras.iter().any(|p| p.1.contains("五不准")), "the plan speaks of the five prohibitions");
    let mut c = d.cmd();
    let out =
        c.args(["report", "plan", "--format", "json"]).env("ZOUFANG_TODAY", "2026-12-03").assert().success();
    let report: Value = serde_json::from_slice(&out.get_output().stdout).expect("json");
    assert_eq!(report["header"]["as_of"], "2012-02-25");
    let violations = d.query_i64("SELECT count(*) FROM visit_violations x JOIN visits v ON v.id = x.visit_id WHERE v.date <= '2012-02-25'");
    assert_eq!(rows(&report, "violations").len() as i64, violations, "the plan lists the violations");
    // Today inside the campaign's year: dated today.
    let report = d.json(&at(&["report", "plan", "--format", "json"]));
    assert_eq!(report["header"]["as_of"], TODAY);
}

// ---------------------------------------------------------------------------------------------
// 5. --as-of reproducibility
// ---------------------------------------------------------------------------------------------

#[test]
fn reports_as_of_a_past_date_do_not_move() {
    let env = copy_demo();
    let reports: Vec<Vec<&str>> = vec![
        vec!["report", "progress", "--as-of", "2012-03-25", "--format", "json"],
        vec!["report", "progress", "--as-of", "2012-03-25", "--format", "md"],
        vec!["report", "final", "--as-of", "2012-03-25", "--format", "json"],
    ];
    let before: Vec<String> = reports.iter().map(|a| env.ok(&at(a)).0).collect();
    let visits_before = env.count("visits");

    // Later work: a visit to a village no group has planned or visited, a finding on it, a finding
    // found later on an early visit, a change to an existing finding and a follow-up.
    let conn = env.conn();
    let (group, member): (String, String) = conn
        .query_row(
            "SELECT m.group_code, s.name FROM group_members m JOIN staff s ON s.id = m.staff_id
             WHERE m.role = 'member' AND EXISTS (SELECT 1 FROM group_members l WHERE l.group_code = m.group_code AND l.role = 'leader')
             ORDER BY m.group_code, s.name LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("a group member");
    let village: String = conn
        .query_row(
            "SELECT code FROM areas a WHERE level = 5
               AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.target_code = a.code)
               AND NOT EXISTS (SELECT 1 FROM plans p WHERE p.target_code = a.code)
             ORDER BY code LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("an unvisited village");
    let early_visit: String = conn
        .query_row(
            "SELECT id FROM visits WHERE target_kind = 'village' AND item <> 5 ORDER BY date, id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("an early visit");
    let moving: String = conn
        .query_row("SELECT id FROM findings WHERE status = 'in-progress' ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .expect("a finding in progress");
    let resolved: String = conn
        .query_row("SELECT id FROM findings WHERE status = 'resolved' ORDER BY id LIMIT 1", [], |r| r.get(0))
        .expect("a resolved finding");
    drop(conn);

    let (visit, _) = env.ok(&[
        "visit",
        "log",
        "--group",
        &group,
        "--date",
        "2012-04-20",
        "--village",
        &village,
        "--participant",
        &member,
        "--discipline-ok",
        "--answer",
        "households=3",
        "--no-input",
        "--today",
        LATER,
    ]);
    let visit = visit.trim();
    assert!(visit.len() >= 4, "visit log prints the new visit's id: {visit:?}");
    env.ok(&[
        "finding",
        "add",
        "--visit",
        visit,
        "--category",
        "water",
        "--desc",
        "x",
        "--route",
        "env",
        "--today",
        LATER,
    ]);
    env.ok(&[
        "finding",
        "add",
        "--visit",
        &early_visit,
        "--category",
        "rural",
        "--desc",
        "后来发现的问题",
        "--route",
        "other",
        "--refer-to",
        "递铺街道办事处",
        "--due",
        "2012-05-21",
        "--date",
        "2012-04-21",
        "--today",
        LATER,
    ]);
    env.ok(&[
        "finding",
        "update",
        &moving,
        "--status",
        "resolved",
        "--note",
        "整改到位",
        "--date",
        "2012-04-21",
        "--today",
        LATER,
    ]);
    env.ok(&[
        "finding",
        "follow-up",
        &resolved,
        "--satisfaction",
        "unsatisfied",
        "--note",
        "群众不满意",
        "--date",
        "2012-04-22",
        "--today",
        LATER,
    ]);
    assert_eq!(env.count("visits"), visits_before + 1);

    for (args, was) in reports.iter().zip(&before) {
        let (now, _) = env.ok(&at(args));
        common::assert_same_bytes(now.as_bytes(), was.as_bytes(), &format!("{args:?} after later records"));
    }

    // The later records do count in a later report.
    let later = env.json(&["report", "progress", "--as-of", LATER, "--format", "json", "--today", LATER]);
    let visits =
        rows(&later, "basic").iter().find(|r| r["measure"] == "visits").map(|r| r["cumulative"].clone());
    assert_eq!(visits, Some(Value::from(visits_before + 1)));
    cross_check_progress(&env, LATER);
}

// ---------------------------------------------------------------------------------------------
// 6. Forms
// ---------------------------------------------------------------------------------------------

#[test]
fn village_form_pages_one_per_village_visit() {
    let d = demo();
    let (md, _) = d.ok(&at(&["form", "village", "--format", "md"]));
    let pages = md.lines().filter(|l| *l == "# 农村和农户情况反馈表").count() as i64;
    let n = d.query_i64("SELECT count(*) FROM visits WHERE target_kind = 'village'");
    assert!(n > 0);
    assert_eq!(pages, n, "one printable page per village visit");
    assert_eq!(md.matches("page-break-after").count() as i64, n - 1, "pages are separated by page breaks");
    assert_eq!(md.matches("| 走访农户数 |").count() as i64, n, "every page shows the form's labels");
    assert_eq!(md.matches("填表人：").count() as i64, n, "every page has its signature line");
}

#[test]
fn general_form_one_row_per_visit() {
    let d = demo();
    let (csv, _) = d.ok(&at(&["form", "general", "--format", "csv"]));
    let recs = csv_records(&csv);
    assert_eq!(
        recs[0],
        [
            "visit",
            "date",
            "group",
            "target_code",
            "target_name",
            "participants",
            "item",
            "problems",
            "solved_on_site",
            "taken_back",
            "referred"
        ]
    );
    assert_eq!(recs.len() as i64 - 1, d.count("visits"), "one row per visit");
    let ids: BTreeSet<&str> = recs[1..].iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids.len(), recs.len() - 1, "no visit twice");
    let conn = d.conn();
    let mut stmt = conn.prepare("SELECT id FROM visits").expect("sql");
    let want: BTreeSet<String> =
        stmt.query_map([], |r| r.get(0)).expect("sql").collect::<Result<_, _>>().expect("sql");
    assert_eq!(ids, want.iter().map(String::as_str).collect(), "the rows are the visits");
}

#[test]
fn enterprise_form_of_one_visit_is_one_row() {
    let d = demo();
    let (id, code): (String, String) = d
        .conn()
        .query_row(
            "SELECT id, target_code FROM visits WHERE target_kind = 'enterprise' ORDER BY date DESC, id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("an enterprise visit");
    let rows = d.json(&at(&["form", "enterprise", "--visit", &id[..8], "--format", "json"]));
    let rows = rows.as_array().expect("a json array");
    assert_eq!(rows.len(), 1, "exactly one row: {rows:?}");
    assert_eq!(rows[0]["visit"], id.as_str());
    assert_eq!(rows[0]["target_code"], code.as_str());
    assert!(rows[0]["production"].is_string(), "the answers are filled: {}", rows[0]);
}

// ---------------------------------------------------------------------------------------------
// 7. Exports
// ---------------------------------------------------------------------------------------------

const VISITS_HEADER: &str =
    "id,date,group,target_kind,target_code,target_name,county,item,method,participants,discipline_ok,findings,revisit_reason";
const FINDINGS_HEADER: &str =
    "id,date,visit,county,category,description,severity,route,division,refer_to,due,status,on_site,overdue";

/// Run an export, insisting on exit 0 and on stdout holding nothing but CSV records of `header`.
fn export(what: &str, extra: &[&str], header: &str) -> Vec<Vec<String>> {
    let d = demo();
    let mut args = vec!["export", what, "--format", "csv"];
    args.extend(extra);
    let (out, _) = d.ok(&at(&args));
    assert_eq!(out.lines().next(), Some(header), "export {what}: the header line");
    let recs = csv_records(&out);
    let width = header.split(',').count();
    for r in &recs {
        assert_eq!(r.len(), width, "export {what}: a record of another width (not data?): {r:?}");
        for cell in r {
            assert!(!cell.starts_with(['=', '+', '@']), "export {what}: an unneutralised formula {cell:?}");
        }
    }
    recs
}

#[test]
fn exports_have_stable_headers_and_order() {
    let d = demo();
    for (what, header, table, date_col) in
        [("visits", VISITS_HEADER, "visits", 1usize), ("findings", FINDINGS_HEADER, "findings", 1)]
    {
        let a = d.ok(&at(&["export", what, "--format", "csv"])).0;
        let b = d.ok(&at(&["export", what, "--format", "csv"])).0;
        assert_eq!(a, b, "export {what} twice gives the same bytes");
        let recs = export(what, &[], header);
        assert_eq!(recs.len() as i64 - 1, d.count(table), "export {what}: every record");
        let keys: Vec<(&str, &str)> =
            recs[1..].iter().map(|r| (r[date_col].as_str(), r[0].as_str())).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "export {what}: ordered by date, then id");
        let ids: BTreeSet<&str> = recs[1..].iter().map(|r| r[0].as_str()).collect();
        assert_eq!(ids.len(), recs.len() - 1, "export {what}: ids are whole and unique");
        assert!(ids.iter().all(|i| i.len() == 32), "export {what}: whole ids");
    }
}

#[test]
fn export_filters_match_sql() {
    let d = demo();
    let (since, until) = ("2012-03-10", "2012-03-20");
    let visits = export("visits", &["--since", since, "--until", until], VISITS_HEADER);
    let want =
        d.query_i64(&format!("SELECT count(*) FROM visits WHERE date >= '{since}' AND date <= '{until}'"));
    assert!(want > 0);
    assert_eq!(visits.len() as i64 - 1, want, "visits from {since} to {until}");
    assert!(visits[1..].iter().all(|r| r[1].as_str() >= since && r[1].as_str() <= until));

    let findings = export("findings", &["--since", since, "--until", until], FINDINGS_HEADER);
    let want = d.query_i64(&format!(
        "SELECT count(*) FROM findings WHERE created_on >= '{since}' AND created_on <= '{until}'"
    ));
    assert!(want > 0);
    assert_eq!(findings.len() as i64 - 1, want, "findings from {since} to {until}");

    let only_since = export("visits", &["--since", "2012-03-26"], VISITS_HEADER);
    assert_eq!(
        only_since.len() as i64 - 1,
        d.query_i64("SELECT count(*) FROM visits WHERE date >= '2012-03-26'")
    );

    // The county filter: every record of the demo lies in Anji.
    for (what, header, table, col) in
        [("visits", VISITS_HEADER, "visits", 6), ("findings", FINDINGS_HEADER, "findings", 3)]
    {
        let recs = export(what, &["--county", ANJI], header);
        assert_eq!(recs.len() as i64 - 1, d.count(table), "export {what} --county {ANJI}");
        assert!(recs[1..].iter().all(|r| r[col] == ANJI), "export {what}: the county column");
    }
    let mut args =
        vec!["export", "visits", "--format", "csv", "--county", ANJI, "--since", since, "--until", until];
    args.extend(["--today", TODAY]);
    let (out, _) = d.ok(&args);
    assert_eq!(csv_records(&out).len() - 1, visits.len() - 1, "--county and --since/--until together");
}

#[test]
fn export_bom_and_clean_stdout() {
    let d = demo();
    for (what, header) in [("visits", VISITS_HEADER), ("findings", FINDINGS_HEADER)] {
        let out = d
            .cmd()
            .args(at(&["export", what, "--format", "csv", "--bom"]))
            .output()
            .expect("running zoufang");
        assert_eq!(out.status.code(), Some(0), "export {what} --bom exits 0");
        assert!(out.stdout.starts_with(&[0xEF, 0xBB, 0xBF]), "export {what} --bom starts with the UTF-8 BOM");
        let text = String::from_utf8(out.stdout[3..].to_vec()).expect("UTF-8 after the BOM");
        assert!(!text.starts_with('\u{feff}'), "one BOM only");
        assert_eq!(text.lines().next(), Some(header));
        let plain = d.ok(&at(&["export", what, "--format", "csv"])).0;
        assert_eq!(text, plain, "the BOM is the only difference");
    }
}

/// Run zoufang on the demo with its stdout a pipe whose reading end is already closed (a script's
/// `| head` that has read enough): (exit code, stderr).
fn into_closed_pipe(args: &[&str]) -> (Option<i32>, String) {
    let d = demo();
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let out = d
        .std_cmd(env!("CARGO_BIN_EXE_zoufang"))
        .args(at(args))
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("running zoufang");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn reports_into_a_closed_pipe_exit_quietly() {
    for args in [
        vec!["report", "progress", "--as-of", "2012-03-25", "--format", "md"],
        vec!["report", "final", "--as-of", "2012-06-25", "--format", "json"],
    ] {
        let (code, err) = into_closed_pipe(&args);
        assert_eq!(code, Some(0), "{args:?} into a closed pipe:\n{err}");
        assert!(!err.contains("Error") && !err.contains("错误"), "{args:?} into a closed pipe:\n{err}");
    }
}

#[test]
fn form_pages_into_a_closed_pipe_do_not_panic() {
    let (code, err) = into_closed_pipe(&["form", "village", "--format", "md"]);
    assert!(!err.contains("panicked"), "form village --format md panicked:\n{err}");
    assert_ne!(code, Some(101), "form village --format md panicked:\n{err}");
}

#[test]
fn exports_into_a_closed_pipe_exit_quietly() {
    for args in [
        vec!["export", "visits", "--format", "csv"],
        vec!["export", "findings", "--format", "json"],
        vec!["form", "general", "--format", "csv"],
    ] {
        let (code, err) = into_closed_pipe(&args);
        assert_eq!(code, Some(0), "{args:?} into a closed pipe:\n{err}");
        assert!(!err.contains("Error") && !err.contains("错误"), "{args:?} into a closed pipe:\n{err}");
    }
}

#[test]
fn export_refuses_a_county_that_does_not_exist() {
    let d = demo();
    let (_, err) = d.fails(3, &at(&["export", "visits", "--format", "csv", "--county", "330599"]));
    assert!(err.contains("330599"), "the message names the code:\n{err}");
}

/// A group formed after the report's date (its trip in May) is not part of the 3/25 report.
#[test]
fn a_group_formed_later_does_not_move_a_past_report() {
    let env = copy_demo();
    let args = ["report", "progress", "--as-of", "2012-03-25", "--format", "json"];
    let (before, _) = env.ok(&at(&args));
    let leader: String = env
        .conn()
        .query_row(
            "SELECT name FROM staff WHERE leader = 1
               AND id NOT IN (SELECT staff_id FROM group_members WHERE role = 'leader') ORDER BY name LIMIT 1",
            [],
            |r| r.get(0),
        )
        .expect("a leader without a group");
    env.ok(&[
        "group",
        "create",
        "G6",
        "--leader",
        &leader,
        "--county",
        ANJI,
        "--from",
        "2012-05-07",
        "--to",
        "2012-05-11",
        "--today",
        LATER,
    ]);
    let (after, _) = env.ok(&at(&args));
    common::assert_same_bytes(
        after.as_bytes(),
        before.as_bytes(),
        "the 3/25 report after a group formed in May",
    );
}

/// A database made before the reports kept their own copy of the histories (schema version 1) is
/// upgraded the first time it is opened, and reports from it come out the same as from one made
/// new.
#[test]
fn a_version_1_database_is_upgraded_and_reports_the_same() {
    let want = demo().ok(&at(&["report", "final", "--as-of", "2012-04-10", "--format", "json"])).0;
    let env = copy_demo();
    rusqlite::Connection::open(env.db())
        .expect("opening the copy")
        .execute_batch(
            "DROP VIEW live_visits; DROP VIEW live_findings; DROP TRIGGER finding_spans_void_insert;
             DROP TRIGGER finding_spans_void_delete; DROP TRIGGER finding_spans_void_update;
             DROP TABLE corrections; DROP TABLE visit_voids;
             DROP VIEW finding_spans_derived; DROP TABLE finding_spans;
             DROP TRIGGER finding_spans_event_insert; DROP TRIGGER finding_spans_event_update;
             DROP TRIGGER finding_spans_event_delete; DROP TRIGGER finding_spans_finding_insert;
             DROP TRIGGER finding_spans_finding_update; DROP TRIGGER finding_spans_finding_delete;
             DROP TRIGGER finding_spans_visit_insert; DROP TRIGGER finding_spans_visit_update;
             DROP INDEX visits_report; DROP INDEX finding_events_follow_ups;
             DROP INDEX sync_log_id; DROP TABLE sync_lines;
             ALTER TABLE sync_log DROP COLUMN prev; ALTER TABLE sync_log DROP COLUMN id;
             DROP TABLE attachments; DROP TABLE blobs; DROP TABLE evidence_rules;
             PRAGMA user_version = 1;",
        )
        .expect("taking the copy back to version 1");
    let (got, err) = env.ok(&at(&["report", "final", "--as-of", "2012-04-10", "--format", "json"]));
    assert!(err.contains("正在把") && err.contains("从第 1 版升级"), "{err}");
    common::assert_same_bytes(got.as_bytes(), want.as_bytes(), "the final report after the upgrade");
    assert_eq!(env.query_i64("PRAGMA user_version"), zoufang::store::SCHEMA_VERSION);
    assert!(env.query_i64("SELECT count(*) FROM finding_spans") > 0);
    env.ok(&at(&["check"]));
}

/// `check` notices when the reports' copy of a finding's history no longer follows from it.
#[test]
fn check_finds_a_report_copy_out_of_step() {
    let env = copy_demo();
    let finding: String = env
        .conn()
        .query_row("SELECT finding_id FROM finding_spans ORDER BY finding_id LIMIT 1", [], |r| r.get(0))
        .expect("a span");
    rusqlite::Connection::open(env.db())
        .expect("opening the copy")
        .execute("UPDATE finding_spans SET status = 'closed' WHERE finding_id = ?1", [&finding])
        .expect("editing the copy by hand");
    let (out, err) = env.fails(3, &at(&["check"]));
    assert!(out.contains("finding-spans") && out.contains(&finding), "{out}{err}");
}

/// The reports' copy of the histories answers "as of day D" exactly as the history does, for every
/// day of the season — also for a history merged from two laptops whose numbering does not follow
/// the dates (a resolution dated 3/28 numbered before one dated 3/20 and a closing on 3/22).
#[test]
fn spans_answer_as_of_any_day_like_the_history() {
    let env = copy_demo();
    let conn = rusqlite::Connection::open(env.db()).expect("opening the copy");
    let (finding, seq): (String, i64) = conn
        .query_row(
            "SELECT finding_id, max(seq) FROM finding_events GROUP BY finding_id
             HAVING max(seq) = 2 AND max(date) <= '2012-03-15' ORDER BY finding_id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("a finding changed once by mid-March");
    for (id, n, date, to) in [
        ("merged-a", seq + 1, "2012-03-28", "resolved"),
        ("merged-b", seq + 1, "2012-03-20", "resolved"),
        ("merged-c", seq + 2, "2012-03-22", "closed"),
    ] {
        conn.execute(
            "INSERT INTO finding_events(id, finding_id, seq, date, from_status, to_status, note, who, recorded_at)
             VALUES (?1, ?2, ?3, ?4, 'in-progress', ?5, '', 'test', '2012-04-01T00:00:00+08:00')",
            rusqlite::params![id, finding, n, date, to],
        )
        .expect("a merged event");
    }
    let mismatches: Vec<(String, String)> = conn
        .prepare(
            "WITH RECURSIVE day(d) AS (SELECT '2012-02-20' UNION ALL SELECT date(d, '+1 day') FROM day WHERE d < '2012-07-10'),
             want AS (
               SELECT day.d, f.id,
                      (SELECT e.to_status FROM finding_events e WHERE e.finding_id = f.id AND e.date <= day.d
                       ORDER BY e.seq DESC, e.date DESC, e.id DESC LIMIT 1) AS status,
                      (SELECT max(e.date) FROM finding_events e
                       WHERE e.finding_id = f.id AND e.date <= day.d AND e.to_status = 'resolved') AS resolved_on
               FROM day, findings f WHERE f.created_on <= day.d),
             got AS (
               SELECT day.d, s.finding_id AS id, s.status, s.resolved_on
               FROM day JOIN finding_spans s ON s.from_date <= day.d AND s.to_date > day.d)
             SELECT d, id FROM (SELECT * FROM want EXCEPT SELECT * FROM got)
             UNION ALL SELECT d, id FROM (SELECT * FROM got EXCEPT SELECT * FROM want)",
        )
        .expect("the comparison")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("rows");
    assert!(
        mismatches.is_empty(),
        "{} day/finding pairs differ, e.g. {:?}",
        mismatches.len(),
        &mismatches[..3.min(mismatches.len())]
    );
    let resolved_on: Option<String> = conn
        .query_row(
            "SELECT resolved_on FROM finding_spans WHERE finding_id = ?1 AND from_date <= '2012-03-23' AND to_date > '2012-03-23'",
            [&finding],
            |r| r.get(0),
        )
        .expect("the span of 3/23");
    assert_eq!(resolved_on.as_deref(), Some("2012-03-20"), "as of 3/23 the 3/28 resolution has not happened");
}

/// A reception logged without a county (a bureau's own hall) and a finding raised there: the
/// reports count it under a county row of null, as before, instead of failing.
#[test]
fn a_finding_at_a_reception_without_a_county_is_counted() {
    let env = copy_demo();
    let member: String = env
        .conn()
        .query_row(
            "SELECT s.name FROM group_members m JOIN staff s ON s.id = m.staff_id WHERE m.group_code = 'G1' AND m.role = 'leader'",
            [],
            |r| r.get(0),
        )
        .expect("G1's leader");
    let args = ["visit", "log", "--group", "G1", "--date", "2012-03-06", "--reception", "县政府大厅"];
    let (visit, _) =
        env.ok(&at(&[&args[..], &["--participant", &member, "--discipline-ok", "--no-input"]].concat()));
    let visit = visit.split_whitespace().find(|w| w.len() == 8 && w.chars().all(|c| c.is_ascii_hexdigit()));
    let visit = visit.unwrap_or_else(|| panic!("no visit id printed"));
    env.ok(&at(&[
        "finding",
        "add",
        "--visit",
        visit,
        "--category",
        "petition",
        "--desc",
        "噪声扰民",
        "--route",
        "env",
    ]));
    assert_eq!(env.query_i64("SELECT count(*) FROM visits WHERE county IS NULL"), 1);
    let report = env.json(&at(&["report", "final", "--as-of", "2012-04-10", "--format", "json"]));
    let rows = rows(&report, "findings_by_county");
    let none =
        rows.iter().find(|r| r["county"].is_null()).unwrap_or_else(|| panic!("no null county row: {rows:?}"));
    assert_eq!(none["found"], 1, "{none:?}");
}

/// Answers that are not JSON (only a hand edit makes them) neither stop the edit nor a report:
/// they count nothing. The visit edited is one whose households did count, so the figure must
/// drop by exactly its households while the visit itself still counts.
#[test]
fn answers_that_are_not_json_count_nothing() {
    let env = copy_demo();
    let measure = |report: &serde_json::Value, m: &str| -> i64 {
        let rows = rows(report, "basic");
        let row = rows.iter().find(|r| r["measure"] == m).unwrap_or_else(|| panic!("no {m} in {rows:?}"));
        row["cumulative"].as_i64().unwrap()
    };
    let before = env.json(&at(&["report", "progress", "--as-of", "2012-03-25", "--format", "json"]));
    let conn = rusqlite::Connection::open(env.db()).expect("opening the copy");
    let (id, households): (String, i64) = conn
        .query_row(
            "SELECT id, json_extract(answers, '$.households') FROM visits
             WHERE date <= '2012-03-25' AND json_extract(answers, '$.households') > 0 ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("a visit whose households count");
    let edited = conn
        .execute("UPDATE visits SET answers = 'households=12' WHERE id = ?1", [&id])
        .expect("a hand edit of one visit's answers");
    assert_eq!(edited, 1);
    drop(conn);
    let after = env.json(&at(&["report", "progress", "--as-of", "2012-03-25", "--format", "json"]));
    assert_eq!(measure(&after, "households"), measure(&before, "households") - households);
    assert_eq!(measure(&after, "visits"), measure(&before, "visits"));
}

/// The overdue count of the dashboard (`status`) on `today`: the `findings` row whose measure
/// starts with "overdue" (its code; a label may follow).
fn dashboard_overdue(env: &Env, today: &str) -> i64 {
    let status = env.json(&["status", "--format", "json", "--today", today]);
    let rows = status["sections"]["findings"].as_array().unwrap_or_else(|| panic!("no findings in {status}"));
    let row = rows
        .iter()
        .find(|r| r["measure"].as_str().is_some_and(|m| m.starts_with("overdue")))
        .unwrap_or_else(|| panic!("no overdue row in {rows:?}"));
    row["count"].as_i64().or_else(|| row["cumulative"].as_i64()).expect("a count")
}

/// 逾期 on the dashboard: a finding due on the day is not yet overdue; the day after, it is.
/// Judged on a day after every demo record, where the dashboard and our own SQL must agree.
#[test]
fn the_dashboard_counts_overdue_from_the_day_after_the_deadline() {
    let d = demo();
    let conn = d.conn();
    let day: String = conn
        .query_row(
            "SELECT min(due) FROM findings WHERE status NOT IN ('resolved', 'closed') AND due > ?1",
            [LATER],
            |r| r.get(0),
        )
        .expect("an unresolved finding due after the demo's last record");
    let next =
        (chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d").unwrap() + chrono::Days::new(1)).to_string();
    let due_before = |on: &str| -> i64 {
        conn.query_row(
            "SELECT count(*) FROM findings WHERE status NOT IN ('resolved', 'closed') AND due < ?1",
            [on],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert!(due_before(&next) > due_before(&day), "some finding is due exactly on {day}");
    assert_eq!(dashboard_overdue(d, &day), due_before(&day), "on its due day {day} a finding is not overdue");
    assert_eq!(dashboard_overdue(d, &next), due_before(&next), "the day after ({next}) it is");
}

/// The final report's period (当期) starts the day after the progress report's deadline (3/26);
/// `--since` moves the start and the cumulative figures stay.
#[test]
fn the_final_period_starts_on_3_26_and_since_overrides_it() {
    // The demo has no visit on 3/25 (a Sunday): add one, so a period starting a day early shows.
    let d = copy_demo();
    let (group, village, who): (String, String, String) = d
        .conn()
        .query_row(
            "SELECT v.group_code, v.target_code, p.staff_id FROM visits v
             JOIN visit_participants p ON p.visit_id = v.id WHERE v.target_kind = 'village' ORDER BY v.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("a village visit of the demo");
    d.ok(&[
        "visit",
        "log",
        "--group",
        &group,
        "--date",
        "2012-03-25",
        "--village",
        &village,
        "--participant",
        &who,
        "--discipline-ok",
        "--answer",
        "households=3",
        "--revisit",
        "复查",
        "--today",
        LATER,
    ]);
    let conn = d.conn();
    let visits = |from: &str| -> i64 {
        conn.query_row("SELECT count(*) FROM visits WHERE date >= ?1 AND date <= '2012-06-25'", [from], |r| {
            r.get(0)
        })
        .unwrap()
    };
    assert_ne!(visits("2012-03-25"), visits("2012-03-26"), "a visit on 3/25");
    let visits_row = |report: &Value| -> (i64, i64) {
        let row = rows(report, "basic").iter().find(|r| r["measure"] == "visits").cloned().expect("visits");
        (row["period"].as_i64().expect("a period figure"), row["cumulative"].as_i64().expect("cumulative"))
    };
    let final_ = d.json(&["report", "final", "--as-of", "2012-06-25", "--format", "json"]);
    assert_eq!(final_["header"]["period"], "2012-03-26 ~ 2012-06-25");
    let (period, cumulative) = visits_row(&final_);
    assert_eq!(period, visits("2012-03-26"));
    assert_eq!(cumulative, visits("2012-01-01"));
    let since =
        d.json(&["report", "final", "--as-of", "2012-06-25", "--since", "2012-04-01", "--format", "json"]);
    assert_eq!(since["header"]["period"], "2012-04-01 ~ 2012-06-25");
    assert_eq!(visits_row(&since), (visits("2012-04-01"), cumulative));
}

// ---------------------------------------------------------------------------------------------
// Every figure 当期 and 累计 in the documents; English documents in English
// ---------------------------------------------------------------------------------------------

/// The docx breakdowns give each unit two rows, 当期 above 累计, its name one merged cell and the
/// pair kept on one page; the 合计 rows of the findings by category are the report's figures.
#[test]
fn docx_breakdowns_give_every_figure_period_and_cumulative() {
    let d = demo();
    let out = Env::new();
    let path = docx_of(d, &["report", "final", "--as-of", "2012-06-25"], &out, "final.docx");
    let xml = zip_text(&path, "word/document.xml");
    assert!(
        xml.contains("<w:vMerge w:val=\"restart\"/>") && xml.contains("<w:vMerge/>"),
        "merged unit cells"
    );
    assert!(xml.contains("<w:keepNext/>"), "a pair is kept on one page");
    let cells: Vec<String> = paragraphs(&xml)
        .into_iter()
        .filter(|(style, _)| style.as_deref() == Some("TableText"))
        .map(|(_, t)| t)
        .collect();
    let (period, cumulative) =
        (cells.iter().filter(|t| *t == "当期").count(), cells.iter().filter(|t| *t == "累计").count());
    assert!(period > 20 && period == cumulative, "当期 {period} and 累计 {cumulative} rows pair up");
    let report = d.json(&at(&["report", "final", "--as-of", "2012-06-25", "--format", "json"]));
    let res = results(&report);
    let per: HashMap<String, Value> = rows(&report, "results")
        .iter()
        .map(|r| (r["measure"].as_str().expect("a measure").to_string(), r["period"].clone()))
        .collect();
    // The first table headed 问题类别: its 合计 rows (当期 then 累计), eight figures each.
    let at_total = cells.iter().position(|t| t == "合计").expect("a 合计 row");
    let figures = |from: usize| -> Vec<String> { cells[from..from + 8].to_vec() };
    assert_eq!(cells[at_total + 1], "当期");
    let p = figures(at_total + 2);
    // The second row's first cell continues the merged 合计 (empty).
    assert_eq!((cells[at_total + 10].as_str(), cells[at_total + 11].as_str()), ("", "累计"));
    let c = figures(at_total + 12);
    for (i, key) in ["found", "on_site", "taken_back", "referred", "resolved"].iter().enumerate() {
        assert_eq!(p[i], per[*key].to_string(), "当期 {key}");
        assert_eq!(c[i], res[*key].to_string(), "累计 {key}");
    }
    assert_eq!(Some(p[5].trim_end_matches('%').to_string()), shown_rate(&per["resolution_rate"]));
    assert_eq!(Some(c[6].trim_end_matches('%').to_string()), shown_rate(&res["on_time_rate"]));
    assert_eq!(p[7], per["overdue"].to_string(), "当期逾期");
    // The prose gives the period of referrals, receptions and hazards too.
    let text: String = paragraphs(&xml).into_iter().map(|(_, t)| t).collect();
    for part in ["当期转办", "当期受理的已办结", "当期发现的已整改", "当期回访"] {
        assert!(text.contains(part), "the prose says {part}");
    }
}

/// With --lang en the documents are English: headings, captions, table headers and labels, the
/// prose and the parts left to a person; names of places and people stay as they are.
#[test]
fn english_documents_are_english() {
    let d = demo();
    let out = Env::new();
    let cjk_free = |t: &str| !has_cjk(t);
    for (kind, as_of) in [("plan", "2012-02-25"), ("progress", "2012-03-25"), ("final", "2012-06-25")] {
        let path = out.path(&format!("{kind}-en.docx"));
        d.ok(&at(&["--lang", "en", "report", kind, "--as-of", as_of, "--format", "docx", "-o", s(&path)]));
        let paras = paragraphs(&zip_text(&path, "word/document.xml"));
        for (style, text) in &paras {
            if matches!(style.as_deref(), Some("Heading1" | "Heading2" | "TableCaption")) {
                assert!(cjk_free(text), "{kind}: {style:?} {text:?} is not English");
            }
            for zh in ["截至", "当期", "累计", "请补充", "合计", "办结率", "牵头处室"] {
                assert!(!text.contains(zh), "{kind}: {zh} in {text:?}");
            }
        }
        let body: Vec<&String> = paras
            .iter()
            .filter(|(s, t)| s.as_deref() == Some("Normal") && t.len() > 40)
            .map(|(_, t)| t)
            .collect();
        assert!(!body.is_empty() && body.iter().all(|t| t.contains(' ')), "{kind}: prose in English");
        let dated = match kind {
            "plan" => "25 February 2012",
            "progress" => "25 March 2012",
            _ => "25 June 2012",
        };
        assert_eq!(paras.last().map(|p| p.1.as_str()), Some(dated), "{kind}: signed with an English date");
        if kind != "plan" {
            assert!(
                paras.iter().any(|(_, t)| t.contains("【To complete:")),
                "{kind}: parts left to a person"
            );
            assert!(paras.iter().any(|(_, t)| t == "Period") && paras.iter().any(|(_, t)| t == "To date"));
        }
    }
    // The data view (md) too: its title and the work items in English, the codes kept.
    let (md, _) =
        d.ok(&at(&["--lang", "en", "report", "progress", "--as-of", "2012-03-25", "--format", "md"]));
    assert!(!md.contains("年环保大走访活动") && md.contains("visit villages and rural households"), "{md}");
    let path = out.path("final-en.xlsx");
    d.ok(&at(&[
        "--lang",
        "en",
        "report",
        "final",
        "--as-of",
        "2012-06-25",
        "--format",
        "xlsx",
        "-o",
        s(&path),
    ]));
    let mut wb: Xlsx<_> = open_workbook(&path).expect("calamine opens the workbook");
    let names = wb.sheet_names();
    assert_eq!(names[0], "Summary");
    assert!(names.iter().all(|n| cjk_free(n)), "sheet names in English: {names:?}");
    let sheet = wb.worksheet_range("Summary").expect("the summary");
    let text = |r: usize, c: usize| sheet.get((r, c)).map(|v| v.to_string()).unwrap_or_default();
    assert!(text(0, 0).ends_with("environmental field-visit campaign statistics"), "{}", text(0, 0));
    assert_eq!((text(4, 1), text(4, 2)), ("Period".to_string(), "To date".to_string()));
    assert!(
        zip_text(&path, "xl/worksheets/sheet1.xml").contains("Page &amp;P of &amp;N"),
        "an English footer"
    );
    for r in 2..5 {
        for c in 0..23 {
            assert!(cjk_free(&text(r, c)), "header {:?} is not English", text(r, c));
        }
    }
}
