//! Issue 3, "How it is shown": a county's whole spring as one story. Anji's bureau (330523) forms
//! two groups, plans their targets, sends its plan, visits villages, enterprises, a cluster zone,
//! the county bureau and a reception, fills the forms, logs the problems and follows each one to
//! its end by both routes, gets a late research report — and looks at `status` on the way: before
//! 2/25, between 3/25 and 6/25, and after 6/25, each time with the records of that day, and at
//! the end with everything recorded, on the same three dates.

mod common;

use std::collections::BTreeMap;

use common::{uscc, words, Env};
use serde_json::{json, Value};

const V1: &str = "330523001002"; // 苕秀社区居委会
const V2: &str = "330523001225"; // 鹤鹿溪村委会
const V3: &str = "330523002206"; // 双溪口村委会

/// `base` followed by `more`.
fn cat<'a>(base: &[&'a str], more: &[&'a str]) -> Vec<&'a str> {
    base.iter().chain(more).copied().collect()
}

/// A command that prints a record's short id on stdout: the id.
#[track_caller]
fn id_of(env: &Env, args: &[&str]) -> String {
    let (out, _) = env.ok(args);
    let id = out.trim().to_string();
    assert_eq!(id.len(), 8, "zoufang {args:?} prints a short id: {out:?}");
    id
}

#[track_caller]
fn visit(env: &Env, args: &[&str]) -> String {
    id_of(env, &cat(&["visit", "log"], args))
}

#[track_caller]
fn finding(env: &Env, visit: &str, args: &[&str]) -> String {
    id_of(env, &cat(&["finding", "add", "--visit", visit], args))
}

#[track_caller]
fn update(env: &Env, f: &str, status: &str, date: &str, note: &str) {
    env.ok(&["finding", "update", f, "--status", status, "--date", date, "--note", note]);
}

#[track_caller]
fn follow_up(env: &Env, f: &str, satisfaction: &str, date: &str, note: &str) -> String {
    let (_, err) = env.ok(&[
        "--lang",
        "en",
        "finding",
        "follow-up",
        f,
        "--satisfaction",
        satisfaction,
        "--date",
        date,
        "--note",
        note,
    ]);
    err
}

/// The dashboard judged on `today`, as JSON.
fn status(env: &Env, today: &str) -> Value {
    let doc = env.json(&["status", "--today", today, "--format", "json"]);
    assert_eq!(doc["header"]["today"], today);
    assert_eq!(doc["header"]["org"], "330523");
    doc
}

/// The findings section as measure key → count.
fn finding_counts(doc: &Value) -> BTreeMap<String, i64> {
    doc["sections"]["findings"]
        .as_array()
        .expect("sections.findings")
        .iter()
        .map(|r| {
            let key = r["measure"].as_str().unwrap().split(' ').next().unwrap().to_string();
            (key, r["count"].as_i64().unwrap())
        })
        .collect()
}

/// The expected findings section: total, open, overdue, referred, awaiting follow-up, closed.
fn counts(
    total: i64,
    open: i64,
    overdue: i64,
    referred: i64,
    awaiting: i64,
    closed: i64,
) -> BTreeMap<String, i64> {
    [
        ("total", total),
        ("open", open),
        ("overdue", overdue),
        ("referred", referred),
        ("awaiting_follow_up", awaiting),
        ("closed", closed),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect()
}

/// The deliverables section for this bureau: (sent, state) of plan, progress and final.
fn deliverables(states: [(Option<&str>, &str); 3]) -> Value {
    let kinds = [("plan", "2012-02-25"), ("progress", "2012-03-25"), ("final", "2012-06-25")];
    Value::Array(
        kinds
            .iter()
            .zip(states)
            .map(|((kind, due), (sent, state))| {
                json!({"kind": kind, "due": due, "sent": sent, "state": standing(state)})
            })
            .collect(),
    )
}

/// The research section: G1's report (due 3/16) and G2's (due 3/23).
fn research(g1: (Option<&str>, &str), g2: (Option<&str>, &str)) -> Value {
    json!([
        {"group": "G1", "due": "2012-03-16", "submitted": g1.0, "state": standing(g1.1)},
        {"group": "G2", "due": "2012-03-23", "submitted": g2.0, "state": standing(g2.1)},
    ])
}

/// The code json carries for a standing as people read it ("还有 5 天 5 days left" → days-left).
fn standing(words: &str) -> &'static str {
    if words.contains("days left") {
        "days-left"
    } else if words.starts_with("逾期") {
        "overdue"
    } else if words.contains("on time") {
        "on-time"
    } else if words.contains("late") {
        "late"
    } else if words.contains("due today") {
        "due-today"
    } else {
        panic!("no standing in {words:?}")
    }
}

/// The groups section: (visits, villages, enterprises, counties) of G1 and G2.
fn groups(g1: [i64; 4], g2: [i64; 4]) -> Value {
    json!([
        {"group": "G1", "leader": "王局", "visits": g1[0], "villages": g1[1], "quota_villages": 2,
         "enterprises": g1[2], "quota_enterprises": 2, "counties": g1[3], "quota_counties": 1},
        {"group": "G2", "leader": "陈局", "visits": g2[0], "villages": g2[1], "quota_villages": 4,
         "enterprises": g2[2], "quota_enterprises": 8, "counties": g2[3], "quota_counties": 1},
    ])
}

/// The statuses a finding went through, in order.
fn history(env: &Env, f: &str) -> Vec<String> {
    let conn = env.conn();
    let mut stmt = conn
        .prepare(
            "SELECT date || ' ' || to_status || coalesce(' ' || satisfaction, '') FROM finding_events
             WHERE finding_id LIKE ?1 || '%' ORDER BY seq",
        )
        .unwrap();
    let rows = stmt.query_map([f], |r| r.get(0)).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

#[test]
fn a_countys_spring() {
    let env = Env::new();
    env.init_county();

    // ---- February: staff, enterprises, groups, plans ------------------------------------------
    env.ok(&["staff", "add", "王局", "--leader", "--title", "副局长", "--role", "deputy"]);
    env.ok(&["staff", "add", "陈局", "--leader", "--title", "纪检组长"]);
    for (name, division) in
        [("李明", "生态科"), ("张华", "污防科"), ("赵强", "监察大队"), ("钱五", "办公室"), ("周科", "监测站")]
    {
        env.ok(&["staff", "add", name, "--division", division]);
    }
    env.ok(&["zone", "add", "AJ-KFQ", "--name", "安吉经济开发区", "--county", "330523"]);
    let (e1, e2, e3) = (uscc(11), uscc(12), uscc(13));
    for (code, name, tags) in [
        (&e1, "安吉竹海竹业有限公司", "difficulty:pollution;key-project"),
        (&e2, "安吉白茶加工有限公司", "difficulty:upgrading;promising"),
        (&e3, "安吉天荒坪化工有限公司", "difficulty:emission;difficulty:pollution"),
    ] {
        env.ok(&["enterprise", "add", code, "--name", name, "--county", "330523", "--tags", tags]);
    }
    let tagged = env.json(&["enterprise", "list", "--tag", "difficulty:pollution", "--format", "json"]);
    assert_eq!(tagged.as_array().unwrap().len(), 2);

    env.ok(&words(
        "group create G1 --name 第一走访组 --leader 王局 --member 李明 --member 张华 --member 赵强 \
        --member 钱五 --county 330523 --from 2012-03-05 --to 2012-03-09 --quota-villages 2 \
        --quota-enterprises 2",
    ));
    env.ok(&words(
        "group create G2 --name 第二走访组 --leader 陈局 --member 周科 --county 330523 \
        --from 2012-03-12 --to 2012-03-16",
    ));
    for (g, kind, target) in [
        ("G1", "--village", V1),
        ("G1", "--village", V2),
        ("G1", "--enterprise", e1.as_str()),
        ("G1", "--enterprise", e2.as_str()),
        ("G2", "--village", V3),
        ("G2", "--enterprise", e3.as_str()),
        ("G2", "--zone", "AJ-KFQ"),
    ] {
        env.ok(&["group", "plan-target", g, kind, target]);
    }
    env.ok(&["workplan", "submit", "--item", "1", "--date", "2012-02-15"]);
    env.ok(&["workplan", "submit", "--item", "enterprise", "--date", "2012-02-18"]);
    let plans = env.json(&["workplan", "list", "--format", "json"]);
    assert_eq!(plans[0]["submitted_on"], "2012-02-15");
    assert_eq!(plans[1]["submitted_on"], "2012-02-18");
    assert_eq!(plans[2]["submitted_on"], Value::Null);

    // ---- 2/20: five days before the plan is due; nobody has gone out yet ------------------------
    let doc = status(&env, "2012-02-20");
    let february = doc.clone();
    let s = &doc["sections"];
    assert_eq!(
        s["deliverables"],
        deliverables([
            (None, "还有 5 天 5 days left"),
            (None, "还有 34 天 34 days left"),
            (None, "还有 126 天 126 days left"),
        ])
    );
    assert_eq!(s["research"], research((None, "还有 25 天 25 days left"), (None, "还有 32 天 32 days left")));
    assert_eq!(s["groups"], groups([0, 0, 0, 0], [0, 0, 0, 0]));
    assert_eq!(finding_counts(&doc), counts(0, 0, 0, 0, 0, 0));
    assert_eq!(s["violations"], json!([]));
    assert_eq!(s["uncovered"], json!([{"county": "330523", "name": "安吉县"}]));

    let (_, err) =
        env.ok(&["deliverable", "record", "--org", "330523", "--kind", "plan", "--date", "2012-02-24"]);
    assert!(!err.contains("late"), "the plan is on time: {err}");

    // ---- March: G1's trip (3/5 ~ 3/9) -------------------------------------------------------------
    let v_v1 = visit(
        &env,
        &words(&format!(
            "--group G1 --date 2012-03-05 --village {V1} --participant 王局 --participant 李明 \
            --participant 张华 --method forum --discipline-ok --answer households=12 --answer forum=是 \
            --answer forum_attendees=26 --answer sewage_treatment=直排 --answer concerns=sewage,garbage"
        )),
    );
    // Lunch in the village: a breach of the five prohibitions, recorded as such.
    let v_v2 = visit(
        &env,
        &words(&format!(
            "--group G1 --date 2012-03-06 --village {V2} --participant 王局 --participant 赵强 \
            --violation meals:村里安排午餐 --answer households=8 --answer concerns=river,livestock"
        )),
    );
    let v_e1 = visit(
        &env,
        &words(&format!(
            "--group G1 --date 2012-03-07 --enterprise {e1} --participant 王局 \
            --participant 钱五 --discipline-ok --answer production=正常 --answer facilities=部分运行 \
            --answer difficulties=pollution,funding --answer help_given=现场指导除尘设施改造"
        )),
    );
    let form = env.write(
        "白茶.json",
        r#"{"production": "减产限产", "facilities": "normal", "key_polluter": false,
            "difficulties": ["upgrading"], "satisfaction": "基本满意"}"#,
    );
    let v_e2 = visit(
        &env,
        &words(&format!(
            "--group G1 --date 2012-03-08 --enterprise {e2} --participant 张华 \
            --discipline-ok --form-file {}",
            form.to_str().unwrap()
        )),
    );
    let v_b = visit(
        &env,
        &words(
            "--group G1 --date 2012-03-09 --bureau 330523 --participant 王局 --participant 李明 \
            --discipline-ok --answer forum=yes --answer attendees=20 --answer staff_authorized=30 \
            --answer staff_count=26 --answer capacity_gaps=equipment,monitoring",
        ),
    );

    // ---- G2's trip (3/12 ~ 3/16): a drinking-water source check, a reception, an enterprise, a zone
    let v_v3 = visit(
        &env,
        &words(&format!(
            "--group G2 --date 2012-03-12 --village {V3} --item 5 --participant 陈局 \
            --participant 周科 --discipline-ok --answer households=5 --answer water_supply=central"
        )),
    );
    let v_r = visit(
        &env,
        &words(
            "--group G2 --date 2012-03-13 --reception 县信访局 --county 330523 --participant 陈局 \
            --participant 周科 --discipline-ok",
        ),
    );
    let v_e3 = visit(
        &env,
        &words(&format!(
            "--group G2 --date 2012-03-14 --enterprise {e3} --participant 陈局 \
            --discipline-ok --answer production=suspended --answer facilities=idle"
        )),
    );
    let v_z = visit(
        &env,
        &words(
            "--group G2 --date 2012-03-15 --zone AJ-KFQ --participant 周科 --discipline-ok \
            --answer production=normal --answer facilities=normal",
        ),
    );
    let all = env.json(&["visit", "list", "--format", "json"]);
    let listed: Vec<&str> = all.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(listed, [&v_v1, &v_v2, &v_e1, &v_e2, &v_b, &v_v3, &v_r, &v_e3, &v_z].map(String::as_str));
    let kinds: Vec<&str> =
        all.as_array().unwrap().iter().map(|r| r["target_kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "village",
            "village",
            "enterprise",
            "enterprise",
            "bureau",
            "village",
            "reception",
            "enterprise",
            "zone"
        ]
    );
    let shown = env.json(&["visit", "show", &v_e2, "--format", "json"]);
    assert_eq!(shown["form.production"], "减产限产");
    assert_eq!(shown["form.satisfaction"], "基本满意");
    assert_eq!(shown["form.key_polluter"], "否");
    let shown = env.json(&["visit", "show", &v_v2, "--format", "json"]);
    assert_eq!(shown["discipline"], "违反：吃请和报销(村里安排午餐)");

    // ---- Findings: the problem ledger -------------------------------------------------------------
    // Route env, taken back and handled: open → in-progress → resolved → satisfied → closed.
    let f_env = finding(
        &env,
        &v_v1,
        &["--category", "rural", "--desc", "生活污水直排入溪", "--route", "env", "--due", "2012-04-05"],
    );
    update(&env, &f_env, "in-progress", "2012-03-10", "交办生态科");
    update(&env, &f_env, "resolved", "2012-03-30", "已接入截污管网");
    // Route other: referred → acknowledged → resolved → unsatisfied → referred again → …
    let f_other = finding(
        &env,
        &v_v2,
        &words(
            "--category water --desc 养殖废水污染河道 --route other --refer-to 递铺镇人民政府 \
            --due 2012-04-06 --severity high",
        ),
    );
    update(&env, &f_other, "acknowledged", "2012-03-12", "镇政府签收");
    update(&env, &f_other, "resolved", "2012-03-25", "镇政府答复：已责令整改");
    // Solved on the spot.
    let f_onsite = finding(
        &env,
        &v_e1,
        &["--category", "noise", "--desc", "风机夜间噪声", "--route", "env", "--on-site"],
    );
    // Taken back and never resolved: it will stay overdue.
    let f_late = finding(
        &env,
        &v_e2,
        &["--category", "总量减排", "--desc", "锅炉脱硫设施缺失", "--route", "env", "--due", "2012-04-08"],
    );
    update(&env, &f_late, "in-progress", "2012-03-20", "交办污防科");
    // A hazard (work item 5) with its rectification deadline.
    let f_hazard = finding(
        &env,
        &v_v3,
        &words(
            "--category drinking-water --desc 水源保护区内有养殖场 --route env --due 2012-05-31 \
            --severity high",
        ),
    );
    // A petition at the reception: category petition by default, referred.
    let f_petition = finding(
        &env,
        &v_r,
        &["--desc", "反映石矿开采破坏山体", "--route", "other", "--refer-to", "县国土资源局"],
    );
    update(&env, &f_petition, "acknowledged", "2012-03-20", "国土局签收");

    // The research report comes in four days late (G1's trip ended 3/9, due 3/16).
    env.write("report.txt", format!("关于安吉县竹产业环境问题的调研\n\n{}\n", "调研报告正文".repeat(831)));
    let (_, err) =
        env.ok(&["research", "submit", "--group", "G1", "--file", "report.txt", "--date", "2012-03-20"]);
    assert!(err.contains("逾期 4 天"), "{err}");
    assert!(!err.contains("warning"), "about 5,000 characters is what is expected: {err}");
    let reports = env.json(&["research", "list", "--today", "2012-04-15", "--format", "json"]);
    assert_eq!(reports[0]["chars"], 15 + 6 * 831, "the title and the text; whitespace does not count");
    assert_eq!(reports[0]["state"], "late");
    assert_eq!(reports[1]["state"], "missing");

    // ---- April ------------------------------------------------------------------------------------
    // The villagers are not satisfied with the town's answer: referred again.
    let err = follow_up(&env, &f_other, "unsatisfied", "2012-04-02", "群众反映河道仍有异味");
    assert!(err.contains("reopened") && err.contains("referred"), "{err}");
    update(&env, &f_other, "acknowledged", "2012-04-08", "镇政府再次签收");
    update(&env, &f_petition, "resolved", "2012-04-10", "国土局答复：已停止开采");
    let err = follow_up(&env, &f_env, "satisfied", "2012-04-10", "村民满意");
    assert!(err.contains("closed"), "{err}");

    // ---- 4/15: the progress report is 21 days late, the final one 71 days away --------------------
    let doc = status(&env, "2012-04-15");
    let april = doc.clone();
    let s = &doc["sections"];
    assert_eq!(
        s["deliverables"],
        deliverables([
            (Some("2012-02-24"), "按时报送 sent on time"),
            (None, "逾期 21 天 21 days late"),
            (None, "还有 71 天 71 days left"),
        ])
    );
    assert_eq!(s["research"], research((Some("2012-03-20"), "迟交 late"), (None, "逾期 23 天 23 days late")));
    assert_eq!(s["groups"], groups([5, 2, 2, 1], [4, 1, 1, 1]));
    // open: f_other (acknowledged, due 4/6), f_late (in-progress, due 4/8), f_hazard (open, due 5/31);
    // awaiting follow-up: f_onsite, f_petition; closed: f_env.
    assert_eq!(finding_counts(&doc), counts(6, 3, 2, 1, 2, 1));
    let violations = json!([
        {"date": "2012-03-06", "group": "G1", "visit": v_v2, "violation": "meals",
         "note": "村里安排午餐"}
    ]);
    assert_eq!(s["violations"], violations);
    assert_eq!(s["uncovered"], json!([]));
    let overdue = env.json(&["finding", "list", "--overdue", "--today", "2012-04-15", "--format", "json"]);
    let mut overdue: Vec<&str> =
        overdue.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    overdue.sort_unstable();
    let mut want = [f_other.as_str(), f_late.as_str()];
    want.sort_unstable();
    assert_eq!(overdue, want);

    // ---- May and June -----------------------------------------------------------------------------
    update(&env, &f_hazard, "in-progress", "2012-04-20", "责令养殖场搬迁");
    follow_up(&env, &f_petition, "satisfied", "2012-04-20", "信访人满意");
    follow_up(&env, &f_onsite, "satisfied", "2012-05-05", "企业满意");
    update(&env, &f_other, "resolved", "2012-05-10", "镇政府答复：养殖场已关停");
    follow_up(&env, &f_other, "basic", "2012-05-20", "群众基本满意");
    update(&env, &f_hazard, "resolved", "2012-05-15", "养殖场已搬迁");
    // G2 goes back to the village of the referred finding, for a reason; outside its trip: a warning.
    let (_, err) = env.ok(&words(&format!(
        "visit log --group G2 --date 2012-05-12 --village {V2} \
        --participant 陈局 --discipline-ok --answer households=6 --revisit 回访河道整改情况"
    )));
    assert!(err.contains("注意：走访日期 2012-05-12 不在走访组 G2 的行程"), "{err}");

    // ---- 7/1: after the last deadline -------------------------------------------------------------
    let at_july = |doc: &Value| {
        let s = &doc["sections"];
        assert_eq!(
            s["deliverables"],
            deliverables([
                (Some("2012-02-24"), "按时报送 sent on time"),
                (None, "逾期 98 天 98 days late"),
                (None, "逾期 6 天 6 days late"),
            ])
        );
        assert_eq!(
            s["research"],
            research((Some("2012-03-20"), "迟交 late"), (None, "逾期 100 天 100 days late"))
        );
        assert_eq!(s["groups"], groups([5, 2, 2, 1], [5, 2, 1, 1]));
        // open and overdue: f_late; awaiting follow-up: f_hazard; closed: the other four.
        assert_eq!(finding_counts(doc), counts(6, 1, 1, 0, 1, 4));
        assert_eq!(s["violations"], violations);
        assert_eq!(s["uncovered"], json!([]));
    };
    at_july(&status(&env, "2012-07-01"));

    // Each finding's history, kept whole.
    assert_eq!(
        history(&env, &f_env),
        ["2012-03-05 open", "2012-03-10 in-progress", "2012-03-30 resolved", "2012-04-10 closed satisfied"]
    );
    assert_eq!(
        history(&env, &f_other),
        [
            "2012-03-06 referred",
            "2012-03-12 acknowledged",
            "2012-03-25 resolved",
            "2012-04-02 referred unsatisfied",
            "2012-04-08 acknowledged",
            "2012-05-10 resolved",
            "2012-05-20 closed basic",
        ]
    );
    assert_eq!(history(&env, &f_onsite), ["2012-03-07 resolved", "2012-05-05 closed satisfied"]);
    assert_eq!(history(&env, &f_late), ["2012-03-08 open", "2012-03-20 in-progress"]);
    assert_eq!(
        history(&env, &f_hazard),
        ["2012-03-12 open", "2012-04-20 in-progress", "2012-05-15 resolved"]
    );
    assert_eq!(
        history(&env, &f_petition),
        [
            "2012-03-13 referred",
            "2012-03-20 acknowledged",
            "2012-04-10 resolved",
            "2012-04-20 closed satisfied"
        ]
    );
    let ledger = env.json(&["finding", "list", "--format", "json"]);
    let row = |id: &str| ledger.as_array().unwrap().iter().find(|r| r["id"] == id).unwrap().clone();
    assert_eq!(row(&f_petition)["category"], "petition");
    assert_eq!(row(&f_petition)["due"], "2012-04-12");
    assert_eq!(row(&f_petition)["division"], "执法稽查总队");
    assert_eq!(row(&f_petition)["county"], "330523");
    assert_eq!(row(&f_late)["category"], "emission-reduction");
    assert_eq!(row(&f_late)["division"], "污染防治处");
    assert_eq!(row(&f_hazard)["severity"], "high");
    assert_eq!(row(&f_onsite)["on_site"], true);

    // The groups against their plans.
    let g1 = env.json(&["group", "show", "G1", "--format", "json"]);
    assert_eq!(g1["villages_visited"], "2/2");
    assert_eq!(g1["enterprises_visited"], "2/2");
    assert_eq!(g1["planned"].as_str().unwrap().lines().filter(|l| l.ends_with('✓')).count(), 4);
    let g2 = env.json(&["group", "show", "G2", "--format", "json"]);
    assert_eq!(g2["visits"], 5);
    assert_eq!(g2["villages_visited"], "2/4");
    assert_eq!(g2["planned"].as_str().unwrap().lines().filter(|l| l.ends_with('✓')).count(), 3);

    // ---- Everything recorded, judged again on earlier days -----------------------------------------
    // The dashboard counts only what is dated on or before its day: what was recorded later leaves
    // the figures of 2/20 and 4/15 as they were then.
    assert_eq!(status(&env, "2012-02-20"), february);
    assert_eq!(status(&env, "2012-04-15"), april);

    at_july(&status(&env, "2012-07-01"));
}
