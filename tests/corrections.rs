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

/// Everything a write could change: the row count of every table (audit and sync log included)
/// and the rows of every exchanged table.
type State = (std::collections::BTreeMap<String, i64>, std::collections::BTreeMap<String, Vec<String>>);

fn state(w: &World, db: &str) -> State {
    (w.snapshot(db), w.exchanged(db))
}

fn json(w: &World, db: &str, args: &[&str]) -> serde_json::Value {
    let out = w.ok(db, args);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {out}"))
}

/// The progress report as of the harness's today, as JSON.
fn progress(w: &World, db: &str) -> serde_json::Value {
    json(w, db, &["report", "progress", "--as-of", "2012-03-10", "--format", "json"])
}

/// Findings of `category` in the progress report: (found, overdue).
fn by_category(w: &World, db: &str, category: &str) -> (i64, i64) {
    let r = progress(w, db);
    let rows = r["sections"]["findings_by_category"].as_array().expect("findings by category");
    rows.iter()
        .find(|row| row["category"] == category)
        .map(|row| (row["found"].as_i64().unwrap_or(0), row["overdue"].as_i64().unwrap_or(0)))
        .unwrap_or((0, 0))
}

/// The visit as `visit show --format json` gives it.
fn shown(w: &World, db: &str, visit: &str) -> serde_json::Value {
    json(w, db, &["visit", "show", &visit[..8], "--format", "json"])
}

#[test]
fn a_visit_edit_corrects_each_field_and_keeps_who_when_and_why() {
    let w = World::new();
    w.bureau("b.db");
    let v0 = w.visit("b.db", VILLAGES[0], None);
    let v1 = w.visit("b.db", VILLAGES[1], None);
    assert_eq!(report_figure(&w, "b.db", "visits"), 2);
    assert_eq!(report_figure(&w, "b.db", "households"), 6);

    // The date: a visit moved past the report's day no longer counts in it; outside the trip is
    // a warning, not a refusal.
    let (code, _, err) =
        w.run("b.db", &["visit", "edit", &v1[..8], "--reason", "日期录错", "--date", "2012/3/12"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("已更正走访") && err.contains("日期"), "{err}");
    assert!(err.contains("G1"), "the trip warning names the group: {err}");
    assert_eq!(shown(&w, "b.db", &v1)["date"], "2012-03-12");
    assert_eq!(report_figure(&w, "b.db", "visits"), 1);
    let list = w.ok("b.db", &["visit", "list", "--format", "csv"]);
    assert!(list.contains("2012-03-12"), "{list}");

    // Participants, answers, notes, discipline, in one correction.
    w.ok(
        "b.db",
        &[
            "visit",
            "edit",
            &v0[..8],
            "--reason",
            "补录",
            "--participants",
            "王局，李明",
            "--answer",
            "走访农户数=12",
            "--answer",
            "concerns=sewage,garbage",
            "--notes",
            "村委会座谈",
            "--violation",
            "meals:工作餐",
        ],
    );
    let v = shown(&w, "b.db", &v0);
    assert!(v["participants"].as_str().unwrap().contains("李明"), "{v}");
    assert_eq!(v["notes"], "村委会座谈");
    assert!(v["discipline"].as_str().unwrap().contains("工作餐"), "{v}");
    assert_eq!(report_figure(&w, "b.db", "households"), 12 + 3 - 3, "v1 (3 households) is past the day");
    assert_eq!(report_figure(&w, "b.db", "people"), 2);
    let violations = w.ok("b.db", &["visit", "list", "--violations", "--format", "csv"]);
    assert!(violations.contains(&v0[..8]), "{violations}");
    // The form keeps its answers as codes, checked by the form's rules.
    let answers = w.query_text("b.db", &format!("SELECT answers FROM visits WHERE id = '{v0}'"));
    assert_eq!(answers, r#"{"concerns":["sewage","garbage"],"households":12}"#);

    // The discipline record back to observed; an answer cleared.
    w.ok(
        "b.db",
        &["visit", "edit", &v0[..8], "--reason", "误记", "--discipline-ok", "--answer", "concerns="],
    );
    assert!(w.ok("b.db", &["visit", "list", "--violations", "--format", "csv"]).lines().count() <= 1);
    assert_eq!(
        w.query_text("b.db", &format!("SELECT answers FROM visits WHERE id = '{v0}'")),
        r#"{"households":12}"#
    );

    // Kept: who, when, why and the values before and after, shown by visit show.
    let history = w.rows(
        "b.db",
        &format!("SELECT who, reason, changes FROM corrections WHERE record = '{v0}' ORDER BY at, rowid"),
    );
    assert_eq!(history.len(), 2, "{history:?}");
    assert!(history[0].contains("tester") && history[0].contains("补录"), "{history:?}");
    assert!(history[0].contains(r#""answers.households\":[3,12]"#), "{history:?}");
    assert!(history[0].contains(r#""participants\":[[\"王局\"],[\"李明\",\"王局\"]]"#), "{history:?}");
    let v = shown(&w, "b.db", &v0);
    let corrections = v["corrections"].as_str().unwrap();
    assert!(corrections.contains("补录") && corrections.contains("误记"), "{corrections}");
    assert!(corrections.contains("参加人员: 王局 → 李明、王局"), "{corrections}");
    let en = w.ok("b.db", &["--lang", "en", "visit", "show", &v0[..8], "--format", "json"]);
    assert!(en.contains("participants: 王局 → 李明, 王局"), "{en}");
    assert_eq!(w.query_i64("b.db", "SELECT count(*) FROM audit WHERE command LIKE '%visit edit%'"), 3);
    w.ok("b.db", &["check"]);
}

#[test]
fn a_visit_edit_that_breaks_a_rule_is_refused_and_writes_nothing() {
    let w = World::new();
    w.bureau("b.db");
    let v0 = w.visit("b.db", VILLAGES[0], None);
    w.finding("b.db", &v0, "生活污水直排");
    // Two visits to one village: the second with its reason.
    let first = w.visit("b.db", VILLAGES[2], None);
    w.ok("b.db", &["visit", "edit", &first[..8], "--reason", "日期", "--date", "2012-03-05"]);
    let second = w.visit("b.db", VILLAGES[2], Some("整改复查"));
    let voided = w.visit("b.db", VILLAGES[3], None);
    w.ok("b.db", &["visit", "void", &voided[..8], "--reason", "重复录入"]);
    let before = state(&w, "b.db");

    let v = &v0[..8];
    for (args, said) in [
        // The campaign year.
        (vec!["--date", "2013-03-06"], "不在活动年度 2012 内"),
        (vec!["--date", "3月6日"], "3月6日"),
        // A finding is never dated before its visit.
        (vec!["--date", "2012-03-07"], "早于其走访日期"),
        // Participants are members of the group.
        (vec!["--participants", "王局,赵强"], "赵强 不是走访组 G1 的成员"),
        (vec!["--participants", "无此人"], "无此人"),
        // The five prohibitions: a record, and not both.
        (vec!["--discipline-ok", "--violation", "meals"], "相互矛盾"),
        (vec!["--violation", "bribes"], "bribes"),
        // The form's rules: a required field stays, values from the field's set, known fields.
        (vec!["--answer", "households="], "households"),
        (vec!["--answer", "households=很多"], "households"),
        (vec!["--answer", "water_supply=river"], "river"),
        (vec!["--answer", "colour=red"], "colour"),
        (vec!["--answer", "households"], "households"),
        // Text that would drive a terminal.
        (vec!["--notes", "a\u{1b}[2Jb"], "控制字符"),
    ] {
        let mut cmd = vec!["visit", "edit", v, "--reason", "更正"];
        cmd.extend(args.iter().copied());
        let err = w.refused("b.db", &cmd);
        assert!(err.contains(said), "{args:?}: {err}");
    }
    // The duplicate-visit rule, both ways: the second visit moved before the first (which has no
    // reason) and the first moved after the second; the second's reason taken away.
    let err = w.refused("b.db", &["visit", "edit", &second[..8], "--reason", "x", "--date", "2012-03-04"]);
    assert!(err.contains("重复走访") && err.contains(&first[..8]), "{err}");
    let err = w.refused("b.db", &["visit", "edit", &first[..8], "--reason", "x", "--date", "2012-03-09"]);
    assert!(err.contains(&second[..8]) && err.contains("--revisit"), "{err}");
    let err = w.refused("b.db", &["visit", "edit", &second[..8], "--reason", "x", "--revisit", ""]);
    assert!(err.contains(&first[..8]), "{err}");
    // A reason, something to change, a visit that is not voided.
    let err = w.refused("b.db", &["visit", "edit", v, "--reason", " ", "--notes", "x"]);
    assert!(err.contains("更正须写明原因"), "{err}");
    let err = w.refused("b.db", &["visit", "edit", v, "--reason", "x"]);
    assert!(err.contains("没有要更正的内容") && err.contains("--date"), "{err}");
    let err = w.refused("b.db", &["visit", "edit", &voided[..8], "--reason", "x", "--notes", "y"]);
    assert!(err.contains("作废"), "{err}");
    let err =
        w.refused("b.db", &["--lang", "en", "visit", "edit", "ffff0000", "--reason", "x", "--notes", "y"]);
    assert!(err.contains("ffff0000"), "{err}");
    assert_eq!(state(&w, "b.db"), before, "a refused edit writes nothing");

    // An edit that changes nothing says so and writes nothing.
    let (code, _, err) = w.run(
        "b.db",
        &[
            "--lang",
            "en",
            "visit",
            "edit",
            v,
            "--reason",
            "x",
            "--date",
            "2012/03/06",
            "--participants",
            "王局",
            "--answer",
            "households=3",
            "--discipline-ok",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("nothing changed, nothing written"), "{err}");
    assert_eq!(state(&w, "b.db"), before, "a no-op edit writes nothing");

    // The same moves with their fixes go through: the second visit keeps its reason when moved.
    w.ok("b.db", &["visit", "edit", &second[..8], "--reason", "x", "--date", "2012-03-06"]);
    w.ok("b.db", &["check"]);
}

#[test]
fn a_finding_edit_corrects_each_field_and_the_reports_follow() {
    let w = World::new();
    w.bureau("b.db");
    let v0 = w.visit("b.db", VILLAGES[0], None);
    let v1 = w.visit("b.db", VILLAGES[1], None);
    let f = w.finding("b.db", &v0, "生活污水直排");
    assert_eq!(by_category(&w, "b.db", "water"), (1, 0));

    let (code, _, err) = w.run(
        "b.db",
        &[
            "finding",
            "edit",
            &f[..8],
            "--reason",
            "类别选错",
            "--category",
            "大气污染",
            "--description",
            "锅炉烟尘",
            "--division",
            "污染防治处",
            "--due",
            "2012-03-08",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("问题类别") && err.contains("办理时限"), "{err}");
    // The reports read the corrected category, division and deadline (now past: overdue).
    assert_eq!(by_category(&w, "b.db", "water"), (0, 0));
    assert_eq!(by_category(&w, "b.db", "air"), (1, 1));
    let r = progress(&w, "b.db");
    let divisions = r["sections"]["findings_by_division"].to_string();
    assert!(divisions.contains("污染防治处") && !divisions.contains("生态处\",\"found\":1"), "{divisions}");
    let overdue = w.ok("b.db", &["finding", "list", "--overdue", "--format", "csv"]);
    assert!(overdue.contains(&f[..8]) && overdue.contains("锅炉烟尘"), "{overdue}");

    // The deadline taken away; the finding moved to the visit it was found on.
    w.ok("b.db", &["finding", "edit", &f[..8], "--reason", "无需时限", "--due", "none"]);
    assert!(w.ok("b.db", &["finding", "list", "--overdue", "--format", "csv"]).lines().count() <= 1);
    w.ok("b.db", &["finding", "edit", &f[..8], "--reason", "登记错了走访", "--visit", &v1[..8]]);
    assert_eq!(w.query_text("b.db", &format!("SELECT visit_id FROM findings WHERE id = '{f}'")), v1);

    // Kept and shown: finding show lists the corrections with who and why, in either language.
    let show = json(&w, "b.db", &["finding", "show", &f[..8], "--format", "json"]);
    let c = show["corrections"].as_str().unwrap();
    assert!(
        c.contains("类别选错") && c.contains("问题类别: 水污染 → 大气污染") && c.contains("tester"),
        "{c}"
    );
    assert!(c.contains("办理时限: 2012-03-08 → —"), "{c}");
    let en = w.ok("b.db", &["--lang", "en", "finding", "show", &f[..8]]);
    assert!(en.contains("category: water pollution → air pollution"), "{en}");
    assert_eq!(w.count("b.db", "corrections"), 3);
    assert_eq!(w.query_i64("b.db", "SELECT count(*) FROM audit WHERE command LIKE '%finding edit%'"), 3);
    w.ok("b.db", &["check"]);
}

#[test]
fn a_finding_edit_that_breaks_a_rule_is_refused_and_writes_nothing() {
    let w = World::new();
    w.bureau("b.db");
    let v0 = w.visit("b.db", VILLAGES[0], None);
    let f = w.finding("b.db", &v0, "生活污水直排");
    // A hazard (work item 5) keeps a deadline.
    let line = format!(
        "visit log --group G1 --date 2012-03-06 --village {} --item 5 --participant 王局 --discipline-ok --answer households=1",
        VILLAGES[5]
    );
    let hazard = w.ok("b.db", &line.split_whitespace().collect::<Vec<_>>());
    let line = format!("finding add --visit {hazard} --category drinking-water --desc 水源地排污口 --route env --due 2012-04-01");
    let hf = w.ok("b.db", &line.split_whitespace().collect::<Vec<_>>());
    let later = w.visit("b.db", VILLAGES[1], None);
    w.ok("b.db", &["visit", "edit", &later[..8], "--reason", "日期", "--date", "2012-03-08"]);
    let voided = w.visit("b.db", VILLAGES[3], None);
    let fv = w.finding("b.db", &voided, "垃圾");
    w.ok("b.db", &["visit", "void", &voided[..8], "--reason", "重复录入"]);
    let before = state(&w, "b.db");

    for (id, args, said) in [
        (&f[..8], vec!["--due", "2012-03-01"], "早于问题登记日期"),
        (&f[..8], vec!["--due", "2013-01-01"], "不在活动年度 2012 内"),
        (&hf[..], vec!["--due", "none"], "隐患"),
        (&f[..8], vec!["--description", "  "], "问题描述"),
        (&f[..8], vec!["--division", " "], "主办处室是空的"),
        (&f[..8], vec!["--division", "a\u{7}b"], "控制字符"),
        // Moved to a visit after the finding's date, or to a voided one.
        (&f[..8], vec!["--visit", &later[..8]], "早于其走访日期"),
        (&f[..8], vec!["--visit", &voided[..8]], "作废"),
        // The finding of a voided visit is kept as it was.
        (&fv[..8], vec!["--category", "air"], "作废"),
        (&f[..8], vec![], "没有要更正的内容"),
    ] {
        let mut cmd = vec!["finding", "edit", id, "--reason", "更正"];
        cmd.extend(args.iter().copied());
        let err = w.refused("b.db", &cmd);
        assert!(err.contains(said), "{args:?}: {err}");
    }
    // An unknown category is clap's own usage error, listing the set.
    let (code, _, err) = w.run("b.db", &["finding", "edit", &f[..8], "--reason", "x", "--category", "fire"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("water"), "{err}");
    assert_eq!(state(&w, "b.db"), before, "a refused edit writes nothing");

    let (code, _, err) = w.run(
        "b.db",
        &["finding", "edit", &f[..8], "--reason", "x", "--category", "水污染", "--desc", "生活污水直排"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("没有变化"), "{err}");
    assert_eq!(state(&w, "b.db"), before, "a no-op edit writes nothing");
}

/// Edits made on a laptop arrive at the bureau like any change: the records, their corrections,
/// and the reports' figures (which read a local copy of the findings' histories).
#[test]
fn edits_travel_from_laptop_to_bureau() {
    let w = World::new();
    w.bureau("b.db");
    let v0 = w.visit("b.db", VILLAGES[0], None);
    let v1 = w.visit("b.db", VILLAGES[1], None);
    let f = w.finding("b.db", &v0, "生活污水直排");
    w.ok("b.db", &["sync", "clone", "-o", "l.db"]);
    w.ok(
        "l.db",
        &[
            "visit",
            "edit",
            &v1[..8],
            "--reason",
            "日期录错",
            "--date",
            "2012-03-12",
            "--participants",
            "王局,李明",
        ],
    );
    w.ok(
        "l.db",
        &["finding", "edit", &f[..8], "--reason", "类别选错", "--category", "air", "--due", "2012-03-08"],
    );
    assert_eq!(report_figure(&w, "b.db", "visits"), 2);
    assert_eq!(by_category(&w, "b.db", "water"), (1, 0));

    let s = summary(&w.send("l.db", "b.db", "l.zfb"));
    assert_eq!(s[3], 0, "no conflict: {s:?}");
    assert_eq!(shown(&w, "b.db", &v1)["date"], "2012-03-12");
    assert!(shown(&w, "b.db", &v1)["participants"].as_str().unwrap().contains("李明"));
    assert_eq!(report_figure(&w, "b.db", "visits"), 1);
    assert_eq!(by_category(&w, "b.db", "water"), (0, 0));
    assert_eq!(by_category(&w, "b.db", "air"), (1, 1), "the edited category and deadline are counted");
    let status = w.ok("b.db", &["status", "--format", "json"]);
    assert!(status.contains("overdue"), "{status}");
    let c = shown(&w, "b.db", &v1)["corrections"].as_str().unwrap().to_string();
    assert!(c.contains("日期录错"), "{c}");
    for t in ["visits", "visit_participants", "findings", "corrections"] {
        assert_eq!(w.exchanged("b.db")[t], w.exchanged("l.db")[t], "{t}");
    }
    // The reports' copy of the histories agrees with the histories.
    w.ok("b.db", &["check"]);
    // Importing the bundle again changes nothing.
    let again = state(&w, "b.db").1;
    w.import("b.db", "l.zfb");
    assert_eq!(state(&w, "b.db").1, again);
}

/// `conflict list` and `check` name `visit edit` as the repair of a broken discipline record or
/// form answers (a merge or a hand edit leaves them): the commands work as they are written.
#[test]
fn the_repairs_that_name_visit_edit_work_as_written() {
    let w = World::new();
    w.bureau("b.db");
    let v0 = w.visit("b.db", VILLAGES[0], None);
    {
        let c = rusqlite::Connection::open(w.path("b.db")).expect("open");
        c.execute_batch(&format!(
            "UPDATE visits SET discipline_ok = 0, answers = '{{\"households\":\"many\"}}' WHERE id = '{v0}'"
        ))
        .expect("break the visit by hand");
    }
    let (code, out, _) = w.run("b.db", &["conflict", "list", "--format", "csv"]);
    assert_eq!(code, 0);
    let repairs: Vec<&str> = out.lines().filter(|l| l.contains("visit edit")).collect();
    assert_eq!(repairs.len(), 2, "{out}");
    assert!(out.contains("--discipline-ok --reason") && out.contains("--answer KEY=VALUE --reason"), "{out}");
    w.ok("b.db", &["visit", "edit", &v0[..8], "--discipline-ok", "--reason", "补记纪律"]);
    w.ok("b.db", &["visit", "edit", &v0[..8], "--answer", "households=3", "--reason", "农户数录错"]);
    w.ok("b.db", &["check"]);
}

/// The same field corrected two ways on two sides is a conflict for a person, never a silent
/// overwrite; a field corrected on one side only merges.
#[test]
fn two_corrections_of_one_field_are_a_conflict() {
    let w = World::new();
    w.bureau("b.db");
    let v = w.visit("b.db", VILLAGES[0], None);
    w.ok("b.db", &["sync", "clone", "-o", "l.db"]);
    w.ok(
        "l.db",
        &["visit", "edit", &v[..8], "--reason", "笔记本更正", "--date", "2012-03-07", "--notes", "笔记本"],
    );
    w.ok("b.db", &["visit", "edit", &v[..8], "--reason", "局里更正", "--date", "2012-03-08"]);
    let s = summary(&w.send("l.db", "b.db", "l.zfb"));
    assert!(s[3] >= 1, "a conflict: {s:?}");
    let list = w.ok("b.db", &["conflict", "list", "--format", "csv"]);
    assert!(list.contains(&v[..8]), "{list}");
    // Both corrections are kept, each with its reason.
    assert_eq!(w.query_i64("b.db", &format!("SELECT count(*) FROM corrections WHERE record = '{v}'")), 2);
}
