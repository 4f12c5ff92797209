//! Issue 13, "People and corrections": a visit or finding is corrected the way a ledger is —
//! never erased. `visit void`, `visit edit`, `finding edit`: each re-checked by the rules of the
//! command that first wrote it, kept with who, when and why, and carried by sync.

mod sync_support;

use sync_support::{summary, World, VILLAGES};

fn visits_listed(w: &World, db: &str, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["visit", "list", "--format", "csv"];
    args.extend_from_slice(extra);
    w.ok(db, &args).lines().skip(1).map(|l| l[..8].to_string()).collect()
}

fn report_figure(w: &World, db: &str, measure: &str) -> i64 {
    let out = w.ok(db, &["report", "progress", "--as-of", "2012-03-10", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).expect("report json");
    let found = v.to_string();
    // Each measure is a row {"measure": "...", "cumulative": N, ...} somewhere in the sections.
    fn find(v: &serde_json::Value, m: &str) -> Option<i64> {
        match v {
            serde_json::Value::Object(o) => {
                if o.values().any(|x| x.as_str().is_some_and(|s| s.starts_with(m))) {
                    if let Some(n) = o.get("cumulative").or_else(|| o.get("value")).and_then(|n| n.as_i64()) {
                        return Some(n);
                    }
                }
                o.values().find_map(|x| find(x, m))
            }
            serde_json::Value::Array(a) => a.iter().find_map(|x| find(x, m)),
            _ => None,
        }
    }
    find(&v, measure).unwrap_or_else(|| panic!("no {measure} in {found}"))
}

#[test]
fn a_voided_visit_is_kept_shown_and_counted_nowhere() {
    let w = World::new();
    w.bureau("b.db");
    let v0 = w.visit("b.db", VILLAGES[0], None);
    let v1 = w.visit("b.db", VILLAGES[1], None);
    let f0 = w.finding("b.db", &v0, "生活污水直排");
    assert_eq!(report_figure(&w, "b.db", "visits"), 2);
    assert_eq!(report_figure(&w, "b.db", "found"), 1);

    // Refusals first: no reason, an unknown visit, nothing written.
    let before = w.snapshot("b.db");
    let err = w.refused("b.db", &["visit", "void", &v0[..8], "--reason", "  "]);
    assert!(err.contains("更正须写明原因"), "{err}");
    let err = w.refused("b.db", &["visit", "void", "ffff0000", "--reason", "x"]);
    assert!(err.contains("没有编号为 ffff0000 的走访"), "{err}");
    assert_eq!(w.snapshot("b.db"), before);

    let (code, _, err) = w.run("b.db", &["visit", "void", &v0[..8], "--reason", "重复录入"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(&f0[..8]), "the findings that go with it are named: {err}");

    // Kept: the row is there, shown as voided with who and why.
    assert_eq!(w.count("b.db", "visits"), 2);
    let show = w.ok("b.db", &["visit", "show", &v0[..8], "--format", "json"]);
    assert!(show.contains("重复录入") && show.contains("tester"), "{show}");
    assert_eq!(visits_listed(&w, "b.db", &["--voided"]), vec![v0[..8].to_string()]);
    // Counted nowhere: lists, exports, reports, findings of the visit.
    assert_eq!(visits_listed(&w, "b.db", &[]), vec![v1[..8].to_string()]);
    let export = w.ok("b.db", &["export", "visits", "--format", "csv"]);
    assert!(!export.contains(&v0) && export.contains(&v1), "{export}");
    let findings = w.ok("b.db", &["export", "findings", "--format", "csv"]);
    assert!(!findings.contains(&f0), "{findings}");
    assert_eq!(report_figure(&w, "b.db", "visits"), 1);
    assert_eq!(report_figure(&w, "b.db", "found"), 0);
    // The duplicate-visit rule no longer sees it: the village can be visited again.
    w.visit("b.db", VILLAGES[0], None);
    // The check agrees with the reports' copy of the histories.
    w.ok("b.db", &["check"]);

    // Voided once: a second void and a finding on it are refused, nothing written.
    let before = w.snapshot("b.db");
    let err = w.refused("b.db", &["visit", "void", &v0[..8], "--reason", "again"]);
    assert!(err.contains("已于") && err.contains("作废"), "{err}");
    let err = w.refused(
        "b.db",
        &["finding", "add", "--visit", &v0[..8], "--category", "air", "--desc", "x", "--route", "env"],
    );
    assert!(err.contains("作废"), "{err}");
    assert_eq!(w.snapshot("b.db"), before);

    // Recorded: the correction with who and why, the command in the audit log.
    assert_eq!(
        w.query_text("b.db", &format!("SELECT who || ' ' || reason FROM corrections WHERE record = '{v0}'")),
        "tester 重复录入"
    );
    assert_eq!(w.query_i64("b.db", "SELECT count(*) FROM audit WHERE command LIKE '%visit void%'"), 1);
}

#[test]
fn a_void_travels_from_laptop_to_bureau() {
    let w = World::new();
    w.bureau("b.db");
    let v0 = w.visit("b.db", VILLAGES[0], None);
    w.finding("b.db", &v0, "生活污水直排");
    w.ok("b.db", &["sync", "clone", "-o", "l.db"]);
    w.ok("l.db", &["visit", "void", &v0[..8], "--reason", "走访组未到该村"]);
    let s = summary(&w.send("l.db", "b.db", "l.zfb"));
    assert_eq!(s[3], 0, "no conflict: {s:?}");
    assert_eq!(visits_listed(&w, "b.db", &["--voided"]), vec![v0[..8].to_string()]);
    assert_eq!(visits_listed(&w, "b.db", &[]), Vec::<String>::new());
    assert_eq!(report_figure(&w, "b.db", "found"), 0);
    assert_eq!(
        w.query_text("b.db", &format!("SELECT reason FROM corrections WHERE record = '{v0}'")),
        "走访组未到该村"
    );
    w.ok("b.db", &["check"]);
}

/// Two laptops each visit the same village; merged at the bureau, the duplicate is a breach that
/// `visit void` repairs.
#[test]
fn a_duplicate_left_by_a_merge_is_repaired_by_voiding_one_visit() {
    let w = World::new();
    w.bureau("b.db");
    w.ok("b.db", &["sync", "clone", "-o", "l1.db"]);
    w.ok("b.db", &["sync", "clone", "-o", "l2.db"]);
    let a = w.visit("l1.db", VILLAGES[4], None);
    let b = w.visit("l2.db", VILLAGES[4], None);
    w.send("l1.db", "b.db", "l1.zfb");
    w.send("l2.db", "b.db", "l2.zfb");
    let list = w.ok("b.db", &["conflict", "list", "--format", "csv"]);
    assert!(list.contains("duplicate-visit") && list.contains(&a[..8]) && list.contains(&b[..8]), "{list}");
    w.ok("b.db", &["visit", "void", &b[..8], "--reason", "两台电脑重复录入"]);
    let (_, out, err) = w.run("b.db", &["conflict", "list", "--format", "csv"]);
    assert!(!out.contains("duplicate-visit"), "{out}{err}");
    w.ok("b.db", &["check"]);
}
