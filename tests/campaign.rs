//! Issue 3, "How it is shown": every rule of running the campaign (SPEC §4) refused through the
//! binary — exit 3, a message that names the rule, and the database unchanged — and what the
//! campaign commands accept and show: forms, filters, overdue findings, a group's progress.

mod common;

use std::sync::OnceLock;

use common::{uscc, words, Env};
use serde_json::{json, Value};

/// The tables a refused command must leave as they were.
const TABLES: &[&str] = &[
    "groups",
    "group_members",
    "group_counties",
    "plans",
    "visits",
    "visit_participants",
    "visit_violations",
    "findings",
    "finding_events",
    "audit",
];

// Villages of Anji (330523) from the fixtures.
const V1: &str = "330523001002"; // 苕秀社区居委会
const V2: &str = "330523001225"; // 鹤鹿溪村委会
const V3: &str = "330523002206"; // 双溪口村委会
const V4: &str = "330523103204"; // 民乐村委会
const V5: &str = "330523104230"; // 和村村委会

/// Anji's bureau with staff, three enterprises and two groups:
/// - G1: 王局 (leader), 李明, 张华, 赵强, 钱五 — full (5 people); trip 2012-03-05 ~ 2012-03-09;
///   quotas 3 villages, 2 enterprises;
/// - G2: 陈局 (leader), 周科; trip 2012-03-12 ~ 2012-03-16; the county level's default quotas.
///
/// 孙六 is in no group; 李明 and 孙六 are not leaders.
///
/// The database is built once and copied into each test's folder (setting it up through the
/// binary takes a few dozen commands).
fn campaign() -> Env {
    static TEMPLATE: OnceLock<Vec<u8>> = OnceLock::new();
    let bytes = TEMPLATE.get_or_init(|| {
        let env = build_campaign();
        assert!(!env.path("z.db-wal").exists(), "the template database is checkpointed");
        std::fs::read(env.db()).expect("the template database")
    });
    let env = Env::new();
    env.write("z.db", bytes);
    env
}

fn build_campaign() -> Env {
    let env = Env::new();
    env.init_county();
    for leader in ["王局", "陈局"] {
        env.ok(&["staff", "add", leader, "--leader", "--title", "副局长"]);
    }
    for member in ["李明", "张华", "赵强", "钱五", "孙六", "周科"] {
        env.ok(&["staff", "add", member]);
    }
    for (n, name, tags) in [
        (1, "安吉竹海竹业有限公司", "difficulty:pollution"),
        (2, "安吉白茶加工有限公司", "difficulty:upgrading;promising"),
        (3, "安吉椅业有限公司", ""),
    ] {
        env.ok(&["enterprise", "add", &uscc(n), "--name", name, "--county", "330523", "--tags", tags]);
    }
    env.ok(&words(
        "group create G1 --leader 王局 --member 李明 --member 张华 --member 赵强 --member 钱五 \
        --county 330523 --from 2012-03-05 --to 2012-03-09 --quota-villages 3 --quota-enterprises 2",
    ));
    env.ok(&words(
        "group create G2 --leader 陈局 --member 周科 --county 330523 --from 2012-03-12 --to 2012-03-16",
    ));
    env
}

/// Run a command that must be refused: exit 3, each of `words` in its message, nothing on
/// stdout, and no table changed. Returns the message.
#[track_caller]
fn refused(env: &Env, args: &[&str], says: &[&str]) -> String {
    refused_with(env, 3, args, says)
}

/// A value outside a closed set is clap's usage error (exit 2), naming the value.
#[track_caller]
fn usage_error(env: &Env, args: &[&str], says: &[&str]) -> String {
    refused_with(env, 2, args, says)
}

/// The messages checked here are the English ones (`--lang en`); tests/language.rs checks Chinese.
#[track_caller]
fn refused_with(env: &Env, code: i32, args: &[&str], says: &[&str]) -> String {
    let before = env.counts(TABLES);
    let args: Vec<&str> = ["--lang", "en"].iter().chain(args).copied().collect();
    let args = &args[..];
    let (out, err) = env.fails(code, args);
    for w in says {
        assert!(err.contains(w), "zoufang {args:?}: the message should say {w:?}:\n{err}");
    }
    assert!(out.trim().is_empty(), "zoufang {args:?} was refused but printed:\n{out}");
    assert_eq!(env.counts(TABLES), before, "zoufang {args:?} was refused but changed the database");
    err
}

/// `base` followed by `more`.
fn cat<'a>(base: &[&'a str], more: &[&'a str]) -> Vec<&'a str> {
    base.iter().chain(more).copied().collect()
}

/// `visit log` with `args`; returns the visit's short id (printed on stdout).
#[track_caller]
fn log(env: &Env, args: &[&str]) -> String {
    let (out, _) = env.ok(&cat(&["visit", "log"], args));
    let id = out.trim().to_string();
    assert_eq!(id.len(), 8, "visit log prints the short id: {out:?}");
    id
}

/// A village visit by `group` with `who`, discipline observed, the one required answer given.
#[track_caller]
fn village_visit(env: &Env, group: &str, date: &str, village: &str, who: &str) -> String {
    log(
        env,
        &words(&format!(
            "--group {group} --date {date} --village {village} --participant {who} \
            --discipline-ok --answer households=10"
        )),
    )
}

/// `finding add --visit V` with `args`; returns the finding's short id.
#[track_caller]
fn finding(env: &Env, visit: &str, args: &[&str]) -> String {
    let (out, _) = env.ok(&cat(&["finding", "add", "--visit", visit], args));
    out.trim().to_string()
}

/// The stored answers of a visit (the `answers` column) as JSON.
fn answers(env: &Env, visit: &str) -> Value {
    let text: String = env
        .conn()
        .query_row("SELECT answers FROM visits WHERE id LIKE ?1 || '%'", [visit], |r| r.get(0))
        .expect("the visit is stored");
    serde_json::from_str(&text).expect("answers are a JSON object")
}

/// The ids of a JSON list's rows.
fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .expect("a JSON list")
        .iter()
        .map(|r| r["id"].as_str().expect("an id").to_string())
        .collect()
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

/// Base arguments of a G1 village visit without the discipline record and the form.
fn g1_visit(village: &str) -> Vec<&str> {
    cat(&words("visit log --group G1 --date 2012-03-06 --village"), &[village, "--participant", "王局"])
}

// ---------------------------------------------------------------------------------------------
// Groups: at most five people, led by a leader

#[test]
fn a_sixth_member_is_refused_on_create_and_on_add() {
    let env = campaign();
    let err = refused(
        &env,
        &words(
            "group create G3 --leader 陈局 --member 李明 --member 张华 --member 赵强 --member 钱五 \
            --member 孙六 --county 330523 --from 2012-04-01 --to 2012-04-05",
        ),
        &["G3", "6 people", "at most 5"],
    );
    assert!(err.contains("leader"), "the limit includes the leader:\n{err}");

    // G1 is full: a sixth is refused, naming the group, its size and the limit.
    refused(&env, &["group", "add-member", "G1", "孙六"], &["G1", "6 people", "at most 5"]);
    // Room made, the same person joins.
    env.ok(&["group", "remove-member", "G1", "钱五"]);
    env.ok(&["group", "add-member", "G1", "孙六"]);
    assert_eq!(env.query_i64("SELECT count(*) FROM group_members WHERE group_code = 'G1'"), 5);

    // The leader named again among the members, or a member named twice, is one person.
    env.ok(&words(
        "group create G3 --leader 陈局 --member 陈局 --member 李明 --member 李明 --member 张华 \
        --member 赵强 --member 周科 --county 330523 --from 2012-04-01 --to 2012-04-05",
    ));
    assert_eq!(env.query_i64("SELECT count(*) FROM group_members WHERE group_code = 'G3'"), 5);
}

#[test]
fn a_group_is_led_by_a_leader() {
    let env = campaign();
    refused(
        &env,
        &words(
            "group create G3 --leader 孙六 --member 李明 --county 330523 --from 2012-04-01 --to 2012-04-05",
        ),
        &["孙六", "G3", "led by a leader"],
    );
}

// ---------------------------------------------------------------------------------------------
// Visits: participants, duplicates, discipline

#[test]
fn a_participant_outside_the_group_is_refused() {
    let env = campaign();
    let line = format!(
        "visit log --group G2 --date 2012-03-12 --village {V1} --discipline-ok --answer households=3 \
        --participant 陈局 --participant"
    );
    let base = words(&line);
    // 李明 is in G1, not G2; 孙六 is in no group.
    refused(&env, &cat(&base, &["李明"]), &["李明", "not a member", "G2"]);
    refused(&env, &cat(&base, &["孙六"]), &["孙六", "not a member", "G2"]);
    refused(&env, &cat(&base, &["无名氏"]), &["无名氏"]);
    let id = log(&env, &cat(&base[2..], &["周科"]));
    assert_eq!(
        env.query_i64(&format!("SELECT count(*) FROM visit_participants WHERE visit_id LIKE '{id}%'")),
        2
    );
}

#[test]
fn the_same_village_twice_is_a_duplicate_visit_unless_revisit() {
    let env = campaign();
    let first = village_visit(&env, "G1", "2012-03-05", V1, "王局");
    // Again by the same group, and by another group: refused, naming the earlier visit.
    for (group, who) in [("G1", "李明"), ("G2", "陈局")] {
        refused(
            &env,
            &words(&format!(
                "visit log --group {group} --date 2012-03-13 --village {V1} --participant {who} \
                --discipline-ok --answer households=4"
            )),
            &["duplicate visits", &first, "G1", "2012-03-05", "--revisit"],
        );
    }
    // An empty reason is no reason.
    refused(
        &env,
        &cat(
            &words(&format!(
                "visit log --group G2 --date 2012-03-13 --village {V1} --participant 陈局 \
                --discipline-ok --answer households=4 --revisit"
            )),
            &["  "],
        ),
        &["duplicate visits"],
    );
    // With a reason it goes through, and the reason is kept.
    let again = log(
        &env,
        &words(&format!(
            "--group G2 --date 2012-03-13 --village {V1} --participant 陈局 \
            --discipline-ok --answer households=4 --revisit 整改复查"
        )),
    );
    let list = env.json(&["visit", "list", "--format", "json"]);
    let row = list.as_array().unwrap().iter().find(|r| r["id"] == again.as_str()).expect("the revisit");
    assert_eq!(row["revisit_reason"], "整改复查");

    // An enterprise too.
    let e1 = uscc(1);
    let ent = |group: &str, who: &str| {
        format!(
            "visit log --group {group} --date 2012-03-14 --enterprise {e1} --participant {who} \
            --discipline-ok --answer production=normal --answer facilities=normal"
        )
    };
    let v = log(&env, &words(&ent("G2", "周科"))[2..]);
    refused(&env, &words(&ent("G1", "王局")), &["duplicate visits", &v, "G2"]);
}

#[test]
fn a_target_planned_for_another_group_is_refused_unless_revisit() {
    let env = campaign();
    env.ok(&["group", "plan-target", "G2", "--village", V3]);
    env.ok(&["group", "plan-target", "G2", "--village", V4]);
    env.ok(&["group", "plan-target", "G2", "--enterprise", &uscc(2)]);

    // Planned for G2: G1 may neither plan it nor visit it.
    refused(&env, &["group", "plan-target", "G1", "--village", V3], &["G2", "planned", "duplicate visits"]);
    refused(
        &env,
        &cat(&g1_visit(V3), &["--discipline-ok", "--answer", "households=3"]),
        &["G2", "planned", "duplicate visits", "--revisit"],
    );
    refused(
        &env,
        &words(&format!(
            "visit log --group G1 --date 2012-03-06 --enterprise {} --participant 王局 \
            --discipline-ok --answer production=normal --answer facilities=normal",
            uscc(2)
        )),
        &["G2", "planned", "duplicate visits"],
    );
    // Planned twice for the same group: refused too.
    refused(&env, &["group", "plan-target", "G2", "--village", V3], &["already planned", "G2"]);

    // Its own group visits it freely.
    village_visit(&env, "G2", "2012-03-12", V3, "陈局");
    // With a reason G1 goes too.
    let v = log(
        &env,
        &cat(
            &g1_visit(V4)[2..],
            &["--discipline-ok", "--answer", "households=3", "--revisit", "G2 行程调整"],
        ),
    );
    assert_eq!(
        env.query_i64(&format!(
            "SELECT count(*) FROM visits
             WHERE id LIKE '{v}%' AND group_code = 'G1' AND revisit_reason = 'G2 行程调整'"
        )),
        1
    );
    // A target already visited is refused as a plan for another group.
    refused(&env, &["group", "plan-target", "G1", "--village", V3], &["duplicate visits", "G2"]);
}

#[test]
fn every_visit_records_the_five_prohibitions() {
    let env = campaign();
    let base = cat(&g1_visit(V1), &["--answer", "households=3"]);
    refused(&env, &base, &["discipline", "five prohibitions", "--discipline-ok", "--violation"]);
    refused(
        &env,
        &cat(&base, &["--discipline-ok", "--violation", "meals"]),
        &["--discipline-ok", "--violation"],
    );
    refused(&env, &cat(&base, &["--violation", "bribes"]), &["prohibition", "bribes", "meals", "escort"]);
    refused(&env, &cat(&base, &["--violation", "gifts", "--violation", "gifts:茶叶"]), &["gifts", "twice"]);

    // A violation by its Chinese label with a note is recorded as such.
    let v = log(&env, &cat(&base[2..], &["--violation", "吃请和报销:村里安排午餐", "--violation", "escort"]));
    let conn = env.conn();
    let rows: Vec<(String, String)> = conn
        .prepare(&format!("SELECT code, note FROM visit_violations WHERE visit_id LIKE '{v}%' ORDER BY code"))
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        rows,
        [("escort".to_string(), String::new()), ("meals".to_string(), "村里安排午餐".to_string())]
    );
    assert_eq!(env.query_i64(&format!("SELECT discipline_ok FROM visits WHERE id LIKE '{v}%'")), 0);
    let shown = env.json(&["visit", "show", &v, "--format", "json"]);
    let d = shown["discipline"].as_str().unwrap();
    assert!(d.contains("吃请和报销") && d.contains("村里安排午餐") && d.contains("层层陪同和迎送"), "{d}");
}

// ---------------------------------------------------------------------------------------------
// Forms

#[test]
fn a_missing_required_field_is_refused_with_its_chinese_label() {
    let env = campaign();
    refused(&env, &cat(&g1_visit(V1), &["--discipline-ok"]), &["走访农户数", "households", "required"]);
    refused(
        &env,
        &cat(&g1_visit(V1), &["--discipline-ok", "--answer", "population=300", "--answer", "households="]),
        &["走访农户数", "required"],
    );
    let line = format!(
        "visit log --group G1 --date 2012-03-07 --enterprise {} --participant 王局 --discipline-ok",
        uscc(1)
    );
    let ent = words(&line);
    refused(&env, &ent, &["生产经营状况", "production", "required"]);
    refused(
        &env,
        &cat(&ent, &["--answer", "production=normal"]),
        &["环保设施运行", "facilities", "required"],
    );
    refused(&env, &cat(&ent, &["--answer", "facilities=normal"]), &["生产经营状况", "required"]);
    // A county bureau's form asks whether a forum was held.
    refused(
        &env,
        &words("visit log --group G1 --date 2012-03-08 --bureau 330523 --participant 王局 --discipline-ok"),
        &["召开座谈会", "forum", "required"],
    );
}

#[test]
fn a_value_outside_the_choices_is_refused_with_the_allowed_values() {
    let env = campaign();
    let line = format!(
        "visit log --group G1 --date 2012-03-07 --enterprise {} --participant 王局 \
        --discipline-ok --answer facilities=normal",
        uscc(1)
    );
    let ent = words(&line);
    refused(
        &env,
        &cat(&ent, &["--answer", "production=booming"]),
        &["生产经营状况", "booming", "normal", "reduced", "suspended", "正常", "减产限产", "停产"],
    );
    // One bad element of a multiple choice spoils it.
    refused(
        &env,
        &cat(
            &g1_visit(V1),
            &["--discipline-ok", "--answer", "households=3", "--answer", "concerns=sewage,smog"],
        ),
        &["群众反映的主要环境问题", "smog", "garbage", "生活垃圾"],
    );
    // Integers are whole numbers ≥ 0.
    refused(
        &env,
        &cat(&g1_visit(V1), &["--discipline-ok", "--answer", "households=-3"]),
        &["走访农户数", "-3", "whole number"],
    );
    // A field the form does not have.
    refused(
        &env,
        &cat(&g1_visit(V1), &["--discipline-ok", "--answer", "households=3", "--answer", "colour=red"]),
        &["colour", "households"],
    );
    refused(&env, &cat(&g1_visit(V1), &["--discipline-ok", "--answer", "households"]), &["KEY=VALUE"]);
}

#[test]
fn choices_by_chinese_label_and_several_choices_are_stored_as_codes() {
    let env = campaign();
    let e = log(
        &env,
        &words(&format!(
            "--group G1 --date 2012-03-07 --enterprise {} --participant 王局 --participant 李明 \
            --discipline-ok --answer production=正常 --answer 环保设施运行=部分运行 \
            --answer difficulties=污染防治,funding --answer key_polluter=是",
            uscc(1)
        )),
    );
    assert_eq!(
        answers(&env, &e),
        json!({
            "production": "normal",
            "facilities": "partial",
            "difficulties": ["pollution", "funding"],
            "key_polluter": true
        })
    );
    let shown = env.json(&["visit", "show", &e, "--format", "json"]);
    assert_eq!(shown["form.production"], "正常");
    assert_eq!(shown["form.facilities"], "部分运行");
    assert_eq!(shown["form.difficulties"], "污染防治、资金");
    assert_eq!(shown["participants"].as_str().unwrap().chars().filter(|c| *c == '、').count(), 1);

    let v = log(
        &env,
        &cat(
            &g1_visit(V1)[2..],
            &["--discipline-ok", "--answer", "households=12", "--answer", "concerns=sewage,garbage"],
        ),
    );
    assert_eq!(answers(&env, &v), json!({"households": 12, "concerns": ["sewage", "garbage"]}));
    let shown = env.json(&["visit", "show", &v, "--format", "json"]);
    assert_eq!(shown["form.concerns"], "生活污水、生活垃圾");
    assert_eq!(shown["form.households"], "12");
    assert_eq!(shown["group"], "G1");
    assert_eq!(shown["date"], "2012-03-06");
}

#[test]
fn a_form_file_is_accepted() {
    let env = campaign();
    let f = env.write(
        "民乐村.json",
        r#"{"households": 15, "forum": true, "forum_attendees": 23, "water_supply": "集中式",
            "concerns": ["sewage", "河道水体"], "suggestions": "希望加快污水管网建设", "population": null}"#,
    );
    let v = log(&env, &cat(&g1_visit(V4)[2..], &["--discipline-ok", "--form-file", f.to_str().unwrap()]));
    assert_eq!(
        answers(&env, &v),
        json!({"households": 15, "forum": true, "forum_attendees": 23, "water_supply": "central",
               "concerns": ["sewage", "river"], "suggestions": "希望加快污水管网建设"})
    );
    // The same rules as --answer: a file without the required field is refused.
    let bad = env.write("bad.json", r#"{"forum": "no"}"#);
    refused(
        &env,
        &cat(&g1_visit(V5), &["--discipline-ok", "--form-file", bad.to_str().unwrap()]),
        &["走访农户数"],
    );
    let not_json = env.write("broken.json", "{households: 3");
    refused(
        &env,
        &cat(&g1_visit(V5), &["--discipline-ok", "--form-file", not_json.to_str().unwrap()]),
        &["JSON"],
    );
}

#[test]
fn a_reception_takes_no_form_answers() {
    let env = campaign();
    let base = words(
        "visit log --group G2 --date 2012-03-13 --reception 县信访局 --participant 陈局 --discipline-ok",
    );
    refused(&env, &cat(&base, &["--answer", "households=3"]), &["reception", "no feedback form", "petition"]);
    let f = env.write("form.json", r#"{"households": 3}"#);
    refused(&env, &cat(&base, &["--form-file", f.to_str().unwrap()]), &["reception", "no feedback form"]);
    // Without answers it is logged, with the reception's work item and method; a petition
    // raised there is a finding of category petition by default.
    let v = log(&env, &base[2..]);
    let list = env.json(&["visit", "list", "--kind", "reception", "--format", "json"]);
    assert_eq!(list[0]["item"], 4);
    assert_eq!(list[0]["method"], "reception");
    assert_eq!(list[0]["target_code"], "县信访局");
    let f =
        finding(&env, &v, &["--desc", "反映石料厂粉尘扰民", "--route", "other", "--refer-to", "县经信委"]);
    let findings = env.json(&["finding", "list", "--format", "json"]);
    assert_eq!(ids(&findings), [f]);
    assert_eq!(findings[0]["category"], "petition");
    assert_eq!(findings[0]["status"], "referred");
    // A reception is not a duplicate visit: the same place again is fine.
    let again: Vec<&str> =
        base[2..].iter().map(|a| if *a == "2012-03-13" { "2012-03-14" } else { a }).collect();
    log(&env, &again);
    assert_eq!(env.count("visits"), 2);
}

// ---------------------------------------------------------------------------------------------
// Findings

#[test]
fn illegal_status_changes_are_refused() {
    let env = campaign();
    let v = village_visit(&env, "G1", "2012-03-05", V1, "王局");
    let env_f = finding(&env, &v, &["--category", "rural", "--desc", "生活污水直排", "--route", "env"]);
    let other_f = finding(
        &env,
        &v,
        &["--category", "water", "--desc", "河道漂浮物", "--route", "other", "--refer-to", "递铺镇政府"],
    );

    // Route env: open → in-progress → resolved, one step at a time; a follow-up only after resolved.
    refused(
        &env,
        &words(&format!("finding follow-up {env_f} --satisfaction satisfied --note x --date 2012-03-06")),
        &[&env_f, "open", "follow-up", "resolved"],
    );
    refused(
        &env,
        &["finding", "update", &env_f, "--status", "resolved", "--note", "x", "--date", "2012-03-06"],
        &[&env_f, "from open to resolved", "in-progress"],
    );
    refused(
        &env,
        &["finding", "update", &env_f, "--status", "closed", "--note", "x", "--date", "2012-03-06"],
        &["follow-up"],
    );
    usage_error(
        &env,
        &["finding", "update", &env_f, "--status", "done", "--note", "x", "--date", "2012-03-06"],
        &["--status", "done", "in-progress"],
    );
    usage_error(
        &env,
        &["finding", "follow-up", &env_f, "--satisfaction", "happy", "--note", "x", "--date", "2012-03-06"],
        &["satisfaction", "happy"],
    );

    // Route other: resolved on a referred finding not yet acknowledged.
    let err = refused(
        &env,
        &words(&format!("finding update {other_f} --status resolved --note 镇政府答复 --date 2012-03-10")),
        &[&other_f, "from referred to resolved"],
    );
    assert!(err.contains("acknowledged"), "the hint says what comes next:\n{err}");
    refused(
        &env,
        &["finding", "update", &other_f, "--status", "in-progress", "--note", "x", "--date", "2012-03-10"],
        &["referred", "in-progress"],
    );
    refused(
        &env,
        &["finding", "follow-up", &other_f, "--satisfaction", "basic", "--note", "x", "--date", "2012-03-10"],
        &["follow-up", "resolved"],
    );

    // History runs forward: a change dated before the last one is refused.
    env.ok(&words(&format!(
        "finding update {env_f} --status in-progress --note 交办生态科 --date 2012-03-10"
    )));
    refused(
        &env,
        &["finding", "update", &env_f, "--status", "resolved", "--note", "x", "--date", "2012-03-09"],
        &["2012-03-09", "2012-03-10"],
    );
    env.ok(&words(&format!("finding update {env_f} --status resolved --note 已纳管 --date 2012-03-20")));
    env.ok(&words(&format!(
        "finding follow-up {env_f} --satisfaction satisfied --note 群众满意 --date 2012-03-25"
    )));
    assert_eq!(
        env.query_i64(&format!(
            "SELECT count(*) FROM findings WHERE id LIKE '{env_f}%' AND status = 'closed'"
        )),
        1
    );

    // Nothing changes after closed (销号).
    for args in [
        vec!["finding", "update", &env_f, "--status", "in-progress", "--note", "x", "--date", "2012-04-01"],
        vec!["finding", "update", &env_f, "--status", "resolved", "--note", "x", "--date", "2012-04-01"],
    ] {
        refused(&env, &args, &[&env_f, "closed", "nothing changes"]);
    }
    refused(
        &env,
        &words(&format!("finding follow-up {env_f} --satisfaction unsatisfied --note x --date 2012-04-01")),
        &[&env_f, "closed"],
    );
    // The whole history is kept: created, in-progress, resolved, closed.
    assert_eq!(
        env.query_i64(&format!("SELECT count(*) FROM finding_events WHERE finding_id LIKE '{env_f}%'")),
        4
    );
}

#[test]
fn a_referred_finding_needs_its_recipient_and_a_hazard_its_deadline() {
    let env = campaign();
    let v = village_visit(&env, "G1", "2012-03-05", V1, "王局");
    refused(
        &env,
        &["finding", "add", "--visit", &v, "--category", "water", "--desc", "河道黑臭", "--route", "other"],
        &["route other", "--refer-to"],
    );
    refused(
        &env,
        &cat(
            &words(&format!(
                "finding add --visit {v} --category water --desc 河道黑臭 --route other --refer-to"
            )),
            &["  "],
        ),
        &["--refer-to"],
    );
    refused(
        &env,
        &words(&format!(
            "finding add --visit {v} --category water --desc 河道黑臭 --route env --refer-to 镇政府"
        )),
        &["--refer-to", "route other"],
    );
    refused(
        &env,
        &words(&format!(
            "finding add --visit {v} --category noise --desc 夜间施工 --route other \
            --refer-to 镇政府 --on-site"
        )),
        &["--on-site", "env"],
    );
    usage_error(
        &env,
        &["finding", "add", "--visit", &v, "--category", "smog", "--desc", "x", "--route", "env"],
        &["category", "smog"],
    );
    // An ordinary finding gets 30 days by default.
    let f = finding(&env, &v, &["--category", "水污染", "--desc", "河道黑臭", "--route", "env"]);
    let list = env.json(&["finding", "list", "--format", "json"]);
    assert_eq!(ids(&list), [f]);
    assert_eq!(list[0]["due"], "2012-04-04");
    assert_eq!(list[0]["category"], "water");

    // Work item 5 (hazard checks): a rectification deadline is required.
    let h = log(
        &env,
        &words(&format!(
            "--group G1 --date 2012-03-06 --village {V2} --item 5 --participant 王局 \
            --discipline-ok --answer households=2"
        )),
    );
    refused(
        &env,
        &words(&format!(
            "finding add --visit {h} --category drinking-water --desc 水源保护区内有养殖场 --route env"
        )),
        &["hazard", "work item 5", "deadline", "--due"],
    );
    refused(
        &env,
        &words(&format!(
            "finding add --visit {h} --category drinking-water --desc 水源保护区内有养殖场 \
            --route env --due 2012-03-01"
        )),
        &["2012-03-01", "before"],
    );
    let hf = finding(
        &env,
        &h,
        &words("--category drinking-water --desc 水源保护区内有养殖场 --route env --due 2012-04-30"),
    );
    let list = env.json(&["finding", "list", "--category", "drinking-water", "--format", "json"]);
    assert_eq!(ids(&list), [hf]);
    assert_eq!(list[0]["due"], "2012-04-30");
}

#[test]
fn finding_list_overdue_is_judged_against_today() {
    let env = campaign();
    let v = village_visit(&env, "G1", "2012-03-05", V1, "王局");
    let late = finding(
        &env,
        &v,
        &["--category", "rural", "--desc", "垃圾乱堆", "--route", "env", "--due", "2012-04-05"],
    );
    let done = finding(
        &env,
        &v,
        &["--category", "rural", "--desc", "污水外溢", "--route", "env", "--due", "2012-04-05"],
    );
    env.ok(&["finding", "update", &done, "--status", "in-progress", "--note", "x", "--date", "2012-03-10"]);
    env.ok(&["finding", "update", &done, "--status", "resolved", "--note", "x", "--date", "2012-03-20"]);
    let referred = finding(
        &env,
        &v,
        &words("--category water --desc 河道黑臭 --route other --refer-to 递铺镇政府 --due 2012-05-01"),
    );
    let on_site =
        finding(&env, &v, &["--category", "noise", "--desc", "鼓风机噪声", "--route", "env", "--on-site"]);

    // All four are dated the day of the visit, so they are compared as sets.
    let by =
        |args: &[&str]| sorted(ids(&env.json(&cat(&cat(&["finding", "list"], args), &["--format", "json"]))));
    let overdue = |today: &str| by(&["--overdue", "--today", today]);
    assert!(overdue("2012-04-05").is_empty(), "due today is not overdue yet");
    assert_eq!(overdue("2012-04-06"), [late.as_str()]);
    assert_eq!(overdue("2012-05-02"), sorted(vec![late.clone(), referred.clone()]));

    let all = env.json(&["finding", "list", "--today", "2012-04-06", "--format", "json"]);
    let row = |id: &str| all.as_array().unwrap().iter().find(|r| r["id"] == id).unwrap().clone();
    assert_eq!(
        sorted(ids(&all)),
        sorted(vec![late.clone(), done.clone(), referred.clone(), on_site.clone()])
    );
    for (id, overdue) in [(&late, true), (&done, false), (&referred, false), (&on_site, false)] {
        assert_eq!(row(id)["overdue"], overdue, "{id}");
    }
    assert_eq!(row(&on_site)["status"], "resolved");
    assert_eq!(row(&on_site)["on_site"], true);
    assert_eq!(row(&on_site)["due"], Value::Null);
    assert_eq!(row(&referred)["status"], "referred");
    assert_eq!(row(&referred)["refer_to"], "递铺镇政府");

    // Other filters of the ledger.
    assert_eq!(by(&["--status", "resolved"]), sorted(vec![done.clone(), on_site.clone()]));
    assert_eq!(by(&["--status", "已转办"]), [referred.as_str()]);
    assert_eq!(by(&["--route", "other"]), [referred.as_str()]);
    assert_eq!(by(&["--category", "rural", "--overdue", "--today", "2012-05-02"]), [late.as_str()]);
    assert_eq!(by(&["--division", "生态处"]).len(), 4, "item 1's lead division handles them by default");
    assert_eq!(by(&["--county", "330523"]).len(), 4);
}

// ---------------------------------------------------------------------------------------------
// Dates

#[test]
fn dates_outside_the_campaign_year_are_refused() {
    let env = campaign();
    for date in ["2013-03-06", "2011-12-31"] {
        refused(
            &env,
            &words(&format!(
                "visit log --group G1 --date {date} --village {V1} --participant 王局 \
                --discipline-ok --answer households=3"
            )),
            &[date, "campaign year 2012"],
        );
    }
    for (from, to, bad) in
        [("2011-12-20", "2012-01-05", "2011-12-20"), ("2012-12-28", "2013-01-03", "2013-01-03")]
    {
        refused(
            &env,
            &["group", "create", "G3", "--leader", "陈局", "--county", "330523", "--from", from, "--to", to],
            &[bad, "campaign year 2012"],
        );
    }
    refused(
        &env,
        &words("group create G3 --leader 陈局 --county 330523 --from 2012-04-09 --to 2012-04-01"),
        &["2012-04-01", "2012-04-09"],
    );
    let v = village_visit(&env, "G1", "2012-03-05", V1, "王局");
    refused(
        &env,
        &words(&format!("finding add --visit {v} --category water --desc x --route env --due 2013-01-31")),
        &["2013-01-31", "campaign year"],
    );
    let f = finding(&env, &v, &["--category", "water", "--desc", "x", "--route", "env"]);
    refused(
        &env,
        &["finding", "update", &f, "--status", "in-progress", "--note", "x", "--date", "2013-01-02"],
        &["2013-01-02", "campaign year"],
    );
}

#[test]
fn a_visit_outside_the_groups_trip_only_warns() {
    let env = campaign();
    let before = env.count("visits");
    let (out, err) = env.ok(&words(&format!(
        "visit log --group G1 --date 2012-04-10 --village {V1} \
        --participant 王局 --discipline-ok --answer households=3"
    )));
    assert!(err.contains("注意：走访日期 2012-04-10") && err.contains("行程"), "{err}");
    assert_eq!(out.trim().len(), 8);
    assert_eq!(env.count("visits"), before + 1);
    // Inside the trip: no warning.
    let (_, err) = env.ok(&words(&format!(
        "visit log --group G1 --date 2012-03-09 --village {V2} \
        --participant 王局 --discipline-ok --answer households=3"
    )));
    assert!(!err.contains("注意"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// Scripts are never prompted

#[test]
fn visit_log_without_a_terminal_never_prompts() {
    let env = campaign();
    let line = format!(
        "visit log --group G1 --date 2012-03-06 --village {V1} --participant 王局 \
        --discipline-ok --answer households=3"
    );
    let full = words(&line);
    // Drop one option (and its value) at a time: each missing value is exit 3, naming what is missing.
    let cases: [(&[&str], &[&str]); 3] = [
        (&["--group", "G1"], &["缺少走访组", "--group"]),
        (&["--village", V1], &["缺少走访对象", "--village"]),
        (&["--participant", "王局"], &["缺少参加人员", "--participant"]),
    ];
    for (drop, says) in cases {
        let at = full.iter().position(|a| *a == drop[0]).unwrap();
        assert_eq!(full[at + 1], drop[1]);
        let args: Vec<&str> = [&full[..at], &full[at + 2..]].concat();
        let before = env.counts(TABLES);
        // Answers waiting on stdin are not read as prompts: stdin is not a terminal.
        let out = env.cmd().args(&args).write_stdin("G1\n王局\ny\n").output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{args:?}:\n{err}");
        for w in says {
            assert!(err.contains(w), "{args:?}: the message should say {w:?}:\n{err}");
        }
        assert_eq!(env.counts(TABLES), before);
    }
    // --no-input says the same thing explicitly.
    refused(&env, &["visit", "log", "--no-input", "--date", "2012-03-06"], &["group"]);
    refused(
        &env,
        &words(&format!(
            "visit log --no-input --group G1 --village {V1} --participant 王局 --answer households=3"
        )),
        &["discipline", "five prohibitions"],
    );
}

// ---------------------------------------------------------------------------------------------
// Listing and showing

#[test]
fn visit_list_filters() {
    let env = campaign();
    let a = village_visit(&env, "G1", "2012-03-05", V1, "王局");
    let b = log(
        &env,
        &words(&format!(
            "--group G1 --date 2012-03-06 --village {V2} --item hazard --participant 李明 \
            --discipline-ok --answer households=1"
        )),
    );
    let c = log(
        &env,
        &words(&format!(
            "--group G1 --date 2012-03-07 --enterprise {} --participant 王局 \
            --discipline-ok --answer production=normal --answer facilities=none",
            uscc(1)
        )),
    );
    let d = village_visit(&env, "G2", "2012-03-12", V3, "陈局");
    let e = log(
        &env,
        &words(
            "--group G2 --date 2012-03-13 --reception 县信访局 --participant 陈局 --participant 周科 \
            --discipline-ok",
        ),
    );
    let f = log(
        &env,
        &words(
            "--group G2 --date 2012-03-14 --bureau 330523 --participant 周科 --discipline-ok \
            --answer forum=是 --answer attendees=18",
        ),
    );
    let (a, b, c, d, e, f) = (a.as_str(), b.as_str(), c.as_str(), d.as_str(), e.as_str(), f.as_str());
    let list = |args: &[&str]| ids(&env.json(&cat(&cat(&["visit", "list"], args), &["--format", "json"])));
    assert_eq!(list(&[]), [a, b, c, d, e, f]);
    assert_eq!(list(&["--group", "G1"]), [a, b, c]);
    assert_eq!(list(&["--group", "g2"]), [d, e, f]);
    assert_eq!(list(&["--kind", "village"]), [a, b, d]);
    assert_eq!(list(&["--kind", "企业"]), [c]);
    assert_eq!(list(&["--kind", "bureau"]), [f]);
    assert_eq!(list(&["--since", "2012-03-06", "--until", "2012-03-13"]), [b, c, d, e]);
    assert_eq!(list(&["--since", "2012-03-14"]), [f]);
    assert_eq!(list(&["--until", "2012-03-04"]), Vec::<String>::new());
    assert_eq!(list(&["--item", "5"]), [b]);
    assert_eq!(list(&["--item", "1"]), [a, d]);
    assert_eq!(list(&["--item", "9"]), [f]);
    assert_eq!(list(&["--item", "reception"]), [e]);
    assert_eq!(list(&["--group", "G1", "--kind", "village", "--item", "1"]), [a]);
    assert_eq!(list(&["--county", "330523"]).len(), 5, "the reception has no county");

    let rows = env.json(&["visit", "list", "--group", "G2", "--format", "json"]);
    assert_eq!(rows[1]["participants"], 2);
    assert_eq!(rows[1]["method"], "reception");
    assert_eq!(rows[2]["method"], "forum");
    assert_eq!(rows[2]["target_name"], "安吉县环保局");

    refused(&env, &["visit", "list", "--item", "10"], &["10"]);
    usage_error(&env, &["visit", "list", "--kind", "castle"], &["castle"]);
    refused(&env, &["visit", "list", "--since", "2012-13-01"], &["2012-13-01"]);
}

#[test]
fn group_show_counts_planned_and_visited_targets_against_quotas() {
    let env = campaign();
    env.ok(&["group", "plan-target", "G1", "--village", V1]);
    env.ok(&["group", "plan-target", "G1", "--village", V2]);
    env.ok(&["group", "plan-target", "G1", "--enterprise", &uscc(1)]);
    refused(&env, &["group", "plan-target", "G1", "--reception", "县信访局"], &["reception"]);
    village_visit(&env, "G1", "2012-03-05", V1, "王局");
    village_visit(&env, "G1", "2012-03-06", V4, "李明"); // not planned
    log(
        &env,
        &words(&format!(
            "--group G1 --date 2012-03-07 --enterprise {} --participant 王局 \
            --discipline-ok --answer production=suspended --answer facilities=idle",
            uscc(1)
        )),
    );

    let g1 = env.json(&["group", "show", "G1", "--format", "json"]);
    assert_eq!(g1["people"], 5);
    assert_eq!(g1["visits"], 3);
    assert_eq!(g1["villages_visited"], "2/3");
    assert_eq!(g1["enterprises_visited"], "1/2");
    assert_eq!(g1["trip"], "2012-03-05 ~ 2012-03-09");
    assert_eq!(g1["research_due"], "2012-03-16");
    let planned: Vec<&str> = g1["planned"].as_str().unwrap().lines().collect();
    assert_eq!(planned.len(), 3, "{planned:?}");
    assert_eq!(planned.iter().filter(|l| l.ends_with('✓')).count(), 2, "{planned:?}");
    assert!(planned.iter().any(|l| l.contains(V2) && !l.ends_with('✓')), "{planned:?}");

    // G2 has the county level's default quotas and nothing yet.
    let g2 = env.json(&["group", "show", "g2", "--format", "json"]);
    assert_eq!(g2["people"], 2);
    assert_eq!(g2["visits"], 0);
    assert_eq!(g2["villages_visited"], "0/4");
    assert_eq!(g2["enterprises_visited"], "0/8");
    assert_eq!(g2["planned"], "");

    let list = env.json(&["group", "list", "--format", "json"]);
    let g1 = &list[0];
    assert_eq!(
        (g1["group"].as_str(), g1["visits"].as_i64(), g1["planned"].as_i64()),
        (Some("G1"), Some(3), Some(3))
    );
    assert_eq!((g1["villages"].as_i64(), g1["enterprises"].as_i64()), (Some(2), Some(1)));
    refused(&env, &["group", "show", "G9"], &["G9"]);
}

// ---------------------------------------------------------------------------------------------
// Bugs found while writing these tests (see the report of issue 3)

#[test]
fn a_finding_change_dated_by_today_outside_the_campaign_year_is_refused() {
    let env = campaign();
    let v = village_visit(&env, "G1", "2012-03-05", V1, "王局");
    let f = finding(&env, &v, &["--category", "water", "--desc", "河道黑臭", "--route", "env"]);
    refused(
        &env,
        &["finding", "update", &f, "--status", "in-progress", "--note", "x", "--today", "2013-01-05"],
        &["2013-01-05", "campaign year 2012"],
    );
    env.ok(&["finding", "update", &f, "--status", "in-progress", "--note", "x", "--date", "2012-03-10"]);
    env.ok(&["finding", "update", &f, "--status", "resolved", "--note", "x", "--date", "2012-03-20"]);
    refused(
        &env,
        &["finding", "follow-up", &f, "--satisfaction", "satisfied", "--note", "x", "--today", "2013-01-07"],
        &["2013-01-07", "campaign year 2012"],
    );
}

#[test]
fn a_negative_quota_is_refused() {
    let env = campaign();
    refused(
        &env,
        &words(
            "group create G3 --leader 陈局 --county 330523 --from 2012-04-01 --to 2012-04-05 \
            --quota-villages=-3",
        ),
        &["-3", "quota"],
    );
}

/// Spawn several command lines at once; the exit codes, in order.
fn at_once(env: &Env, commands: &[String]) -> Vec<i32> {
    let children: Vec<_> = commands
        .iter()
        .map(|line| {
            env.std_cmd(env!("CARGO_BIN_EXE_zoufang"))
                .args(line.split_whitespace())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("spawn zoufang")
        })
        .collect();
    children.into_iter().map(|c| c.wait_with_output().expect("wait").status.code().unwrap_or(-1)).collect()
}

#[test]
fn clerks_adding_members_at_once_never_grow_a_group_past_five() {
    let env = campaign();
    let names = ["甲一", "乙二", "丙三", "丁四"];
    for n in names {
        env.ok(&["staff", "add", n]);
    }
    // G2 has 2 people: of four members added at the same moment, three fit.
    let commands: Vec<String> = names.iter().map(|n| format!("group add-member G2 {n} --no-input")).collect();
    let codes = at_once(&env, &commands);
    assert_eq!(codes.iter().filter(|c| **c == 0).count(), 3, "exit codes {codes:?}");
    assert_eq!(codes.iter().filter(|c| **c == 3).count(), 1, "exit codes {codes:?}");
    assert_eq!(env.query_i64("SELECT count(*) FROM group_members WHERE group_code = 'G2'"), 5);
}

#[test]
fn clerks_logging_the_same_village_at_once_make_one_visit() {
    let env = campaign();
    let cmd =
        "visit log --group G2 --date 2012-03-13 --village 330523001018 --participant 陈局 --discipline-ok \
               --answer households=1 --no-input"
            .to_string();
    let codes = at_once(&env, &[cmd.clone(), cmd.clone(), cmd.clone(), cmd]);
    assert_eq!(codes.iter().filter(|c| **c == 0).count(), 1, "exit codes {codes:?}");
    assert_eq!(
        env.query_i64("SELECT count(*) FROM visits WHERE target_code = '330523001018'"),
        1,
        "duplicate visits (重复走访) are refused even when logged at the same moment"
    );
}

#[test]
fn a_follow_up_needs_a_note_and_a_default_deadline_stays_in_the_year() {
    let env = campaign();
    let (v, _) = env.ok(&words(
        "visit log --group G2 --date 2012-12-20 --village 330523001018 --participant 陈局 --discipline-ok \
         --answer households=1",
    ));
    let (f, _) = env.ok(&[
        "finding",
        "add",
        "--visit",
        v.trim(),
        "--category",
        "water",
        "--desc",
        "x",
        "--route",
        "env",
    ]);
    let f = f.trim().to_string();
    let due: String = env
        .conn()
        .query_row(&format!("SELECT due FROM findings WHERE id LIKE '{f}%'"), [], |r| r.get(0))
        .expect("the finding's deadline");
    assert_eq!(due, "2012-12-31", "30 days after 12/20 is capped at the campaign's last day");
    env.ok(&["finding", "update", &f, "--status", "in-progress", "--note", "x", "--date", "2012-12-21"]);
    env.ok(&["finding", "update", &f, "--status", "resolved", "--note", "x", "--date", "2012-12-22"]);
    refused(
        &env,
        &["finding", "follow-up", &f, "--satisfaction", "satisfied", "--note", " ", "--date", "2012-12-23"],
        &["note"],
    );
}

#[test]
fn a_report_period_cannot_start_after_its_date() {
    let env = campaign();
    refused(
        &env,
        &words("report progress --since 2012-05-01 --as-of 2012-04-01 --format json"),
        &["2012-05-01"],
    );
}

/// A figure of the `results` block of a report's JSON (cumulative where the block gives both).
fn result(report: &Value, measure: &str) -> Value {
    let block = report
        .get("results")
        .or_else(|| report.get("sections").and_then(|s| s.get("results")))
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("no results block in {report}"));
    let row =
        block.iter().find(|r| r["measure"] == measure).unwrap_or_else(|| panic!("no {measure} in {block:?}"));
    row.get("cumulative").or_else(|| row.get("value")).cloned().unwrap_or(Value::Null)
}

/// 按期办结 is judged by a finding's LAST resolution: resolved before its deadline, reopened by an
/// unsatisfied follow-up (重办) and resolved again after the deadline, it is no longer on time.
#[test]
fn a_reopened_finding_is_on_time_only_if_its_last_resolution_is() {
    let env = campaign();
    let v = village_visit(&env, "G1", "2012-03-06", V1, "李明");
    let f = finding(&env, &v, &words("--category water --desc 生活污水直排 --route env --due 2012-04-30"));
    let step = |args: &str| env.ok(&words(&format!("finding {args} --note x")));
    step(&format!("update {f} --status in-progress --date 2012-03-10"));
    step(&format!("update {f} --status resolved --date 2012-04-01"));
    let report = |as_of: &str| env.json(&words(&format!("report final --as-of {as_of} --format json")));
    let early = report("2012-04-02");
    assert_eq!(result(&early, "resolved"), 1);
    assert_eq!(result(&early, "on_time_rate"), 100.0, "resolved 4/1, due 4/30: on time");
    step(&format!("follow-up {f} --satisfaction unsatisfied --date 2012-04-05"));
    step(&format!("update {f} --status resolved --date 2012-05-10"));
    let late = report("2012-06-25");
    assert_eq!(result(&late, "resolved"), 1);
    assert_eq!(result(&late, "on_time_rate"), 0.0, "resolved again 5/10, after its 4/30 deadline");
    // As of a day between, the report still reads the history as it stood then.
    assert_eq!(result(&report("2012-04-03"), "on_time_rate"), 100.0);
}
