//! Interactive entry (issue 13): `visit log` at a terminal, driven key by key through a
//! pseudo-terminal — a village found by typing part of its name, participants ticked, a wrong
//! discipline answer and a bad form value asked again with the reason, Ctrl-C writing nothing —
//! and the same names in flags for scripts (one match taken, several listed, none said).

mod common;

use std::sync::OnceLock;

use common::pty::{Session, BACKSPACE, CTRL_C, DOWN};
use common::{uscc, words, Env};

/// Every table a visit or a refusal could touch.
const TABLES: &[&str] =
    &["visits", "visit_participants", "visit_violations", "audit", "groups", "group_counties"];

/// Anji with its villages, three staff, group G1 and two enterprises; built once, copied per test.
fn county() -> Env {
    static TEMPLATE: OnceLock<Vec<u8>> = OnceLock::new();
    let bytes = TEMPLATE.get_or_init(|| {
        let env = Env::new();
        env.init_county();
        env.ok(&["staff", "add", "王局", "--leader", "--title", "副局长"]);
        for m in ["李明", "张华"] {
            env.ok(&["staff", "add", m]);
        }
        for (n, name) in [(1, "安吉竹海竹业有限公司"), (2, "安吉白茶竹业有限公司")] {
            env.ok(&["enterprise", "add", &uscc(n), "--name", name, "--county", "330523"]);
        }
        env.ok(&words(
            "group create G1 --leader 王局 --member 李明 --member 张华 --county 330523 --from 2012-04-10 --to 2012-04-20",
        ));
        std::fs::read(env.db()).expect("the template database")
    });
    let env = Env::new();
    env.write("z.db", bytes);
    env
}

/// The village form's fields after the first (走访农户数), in order: each left at its first
/// option or empty.
const VILLAGE_REST: &[&str] = &[
    "常住人口",
    "供水方式",
    "生活污水处理",
    "垃圾收运",
    "召开座谈会",
    "座谈人数",
    "回收问卷数",
    "群众反映的主要环境问题",
    "发展思路建议",
    "办实事数",
    "群众意见建议",
];

#[test]
fn a_visit_is_logged_by_picking_and_wrong_answers_are_asked_again() {
    let env = county();
    let mut s = Session::start(&env, &["visit", "log", "--group", "G1"], &[("NO_COLOR", "1")]);
    // The kind: 村 is the first.
    s.expect("走访对象类别");
    s.send("\r");
    // The village, by typing part of its name: the list narrows to it.
    s.expect("村（输入名称或代码的一部分筛选）");
    s.send("鄣吴村");
    s.expect("鄣吴村委会 · 鄣吴镇 · 安吉县 · 330523103207");
    s.send("\r");
    // Participants: none ticked is refused with the rule's reason, then two are ticked.
    s.expect("参加人员");
    s.send("\r");
    s.expect("走访至少要有一名参加人员");
    s.send(" ");
    s.send(DOWN);
    s.send(" ");
    s.send("\r");
    // The five prohibitions: "all observed" with a breach is refused; the breach is unticked.
    s.expect("五不准");
    s.send(" ");
    s.send(DOWN);
    s.send(" ");
    s.send("\r");
    s.expect("“全部遵守”不能与违反的条目同时勾选");
    s.send(" ");
    s.send("\r");
    // The form: a number that is not one is refused and fixed in place.
    s.expect("农村和农户情况反馈表");
    s.expect("走访农户数 *");
    s.send("十二\r");
    s.expect("须为 0 或更大的整数");
    s.send(&BACKSPACE.repeat(2));
    s.send("12\r");
    for field in VILLAGE_REST {
        s.expect(field);
        s.send("\r");
    }
    s.expect("登记这次走访？");
    s.send("\r");
    let (code, screen) = s.finish();
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("已登记走访"), "{screen}");

    let conn = env.conn();
    let (target, ok, answers): (String, i64, String) = conn
        .query_row("SELECT target_code, discipline_ok, answers FROM visits", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!(target, "330523103207");
    assert_eq!(ok, 1);
    let answers: serde_json::Value = serde_json::from_str(&answers).unwrap();
    assert_eq!(answers["households"], 12);
    assert_eq!(answers["water_supply"], "central", "the first option of a choice");
    let names: Vec<String> = conn
        .prepare("SELECT s.name FROM visit_participants p JOIN staff s ON s.id = p.staff_id ORDER BY s.name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names.contains(&"王局".to_string()), "the leader is listed first: {names:?}");
}

#[test]
fn ctrl_c_in_the_middle_of_the_form_writes_nothing() {
    let env = county();
    let before = env.counts(TABLES);
    let mut s = Session::start(
        &env,
        &["visit", "log", "--group", "G1", "--participant", "李明", "--discipline-ok"],
        &[("NO_COLOR", "1")],
    );
    s.expect("走访对象类别");
    s.send("\r");
    s.expect("筛选");
    s.send("鄣吴村\r");
    s.expect("走访农户数 *");
    s.send("12\r");
    s.expect("常住人口");
    s.send(CTRL_C);
    let (code, screen) = s.finish();
    assert_eq!(code, 130, "{screen}");
    assert!(screen.contains("已取消，未写入任何内容"), "{screen}");
    assert_eq!(env.counts(TABLES), before, "nothing was written");
}

#[test]
fn in_english_the_lists_are_english_and_esc_cancels() {
    let env = county();
    let before = env.counts(TABLES);
    let mut s = Session::start(&env, &["--lang", "en", "visit", "log"], &[("NO_COLOR", "1")]);
    s.expect("group");
    s.send("\r");
    s.expect("kind of target");
    s.expect("cluster zone");
    s.send(DOWN);
    s.send("\r");
    // Enterprises: typed part of the credit code narrows the list as well as a part of the name.
    s.expect("enterprise (type part of its name or code)");
    s.send(&uscc(2)[10..]);
    s.expect("安吉白茶竹业有限公司");
    s.send("\u{1b}");
    let (code, screen) = s.finish();
    assert_eq!(code, 130, "{screen}");
    assert!(screen.contains("cancelled; nothing was written"), "{screen}");
    assert!(!screen.contains("走访"), "no Chinese words of the program's own: {screen}");
    assert_eq!(env.counts(TABLES), before);
}

/// `visit log` with everything but the target, for scripts.
fn log_with(target: &[&str]) -> Vec<String> {
    let mut a: Vec<String> = words("--lang en visit log --group G1 --participant 李明 --discipline-ok")
        .into_iter()
        .map(str::to_string)
        .collect();
    a.extend(target.iter().map(|s| s.to_string()));
    a
}

#[test]
fn names_work_in_flags_where_they_match_one() {
    let env = county();
    let run = |target: &[&str]| {
        let a = log_with(target);
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        env.run(&a)
    };
    // One village called so (鄣吴村委会, not 上吴村委会): taken.
    let (code, out, err) = run(&["--village", "鄣吴村", "--answer", "households=3"]);
    assert_eq!(code, 0, "{err}");
    let id = out.trim().to_string();
    let row: String = env.conn().query_row("SELECT target_code FROM visits", [], |r| r.get(0)).unwrap();
    assert_eq!(row, "330523103207", "{id}");

    // Several: refused, each candidate listed with its code and county; nothing written.
    let before = env.counts(TABLES);
    let (code, out, err) = run(&["--village", "社区"]);
    assert_eq!((code, out.as_str()), (3, ""), "{err}");
    assert!(err.contains("'社区' matches 49 of them (village)"), "{err}");
    assert!(err.contains("苕秀社区居委会 · 递铺街道 · 安吉县 · 330523001002"), "{err}");
    assert!(err.contains("… and 37 more"), "{err}");
    assert!(err.contains("--village CODE"), "{err}");
    let (code, _, err) = run(&["--enterprise", "竹业"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains(&uscc(1)) && err.contains(&uscc(2)) && err.contains("安吉县"), "{err}");
    // None.
    let (code, _, err) = run(&["--village", "不存在村"]);
    assert_eq!(code, 3);
    assert!(err.contains("no village in this bureau's area is called or contains '不存在村'"), "{err}");
    assert_eq!(env.counts(TABLES), before);

    // An enterprise by a unique part of its name, a bureau by the county's name; codes still work.
    let ent = ["--answer", "production=normal", "--answer", "facilities=normal"];
    let by_code = uscc(1);
    for target in [
        &["--enterprise", "白茶", ent[0], ent[1], ent[2], ent[3]][..],
        &["--bureau", "安吉县", "--answer", "forum=yes"],
        &["--enterprise", &by_code, ent[0], ent[1], ent[2], ent[3]],
    ] {
        let (code, _, err) = run(target);
        assert_eq!(code, 0, "{target:?}: {err}");
    }
    let kinds: Vec<(String, String)> = env
        .conn()
        .prepare("SELECT target_kind, target_code FROM visits ORDER BY rowid")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(kinds[1], ("enterprise".to_string(), uscc(2)));
    assert_eq!(kinds[2], ("bureau".to_string(), "330523".to_string()));
    assert_eq!(kinds[3], ("enterprise".to_string(), uscc(1)));

    // A group's counties by name too, and in Chinese the refusal lists the candidates the same way.
    env.ok(&["staff", "add", "陈局", "--leader"]);
    env.ok(&words("group create G2 --leader 陈局 --county 安吉 --from 2012-05-01 --to 2012-05-02"));
    let county: String = env
        .conn()
        .query_row("SELECT county FROM group_counties WHERE group_code = 'G2'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(county, "330523");
    let (_, err) = env.fails(3, &["visit", "log", "--group", "G1", "--village", "鄣吴", "--discipline-ok"]);
    assert!(
        err.contains("“鄣吴”对应 6 个村") && err.contains("鄣吴村委会 · 鄣吴镇 · 安吉县 · 330523103207"),
        "{err}"
    );
}

#[test]
fn finding_add_and_group_create_ask_for_what_is_missing() {
    let env = county();
    env.ok(&words(
        "visit log --group G1 --village 鄣吴村 --participant 李明 --discipline-ok --answer households=3",
    ));
    // finding add: the visit, category and route from lists; an empty description asked again.
    let mut s = Session::start(&env, &["finding", "add"], &[("NO_COLOR", "1")]);
    s.expect("走访记录（");
    s.expect("鄣吴村委会");
    s.send("\r");
    s.expect("问题类别");
    s.send("噪声");
    s.expect("噪声");
    s.send("\r");
    s.expect("办理方式");
    s.send("\r");
    s.expect("问题描述");
    s.send("\r");
    s.expect("问题描述（--desc）是空的");
    s.send("夜间施工\r");
    let (code, screen) = s.finish();
    assert_eq!(code, 0, "{screen}");
    let (category, route, desc): (String, String, String) = env
        .conn()
        .query_row("SELECT category, route, description FROM findings", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((category.as_str(), route.as_str(), desc.as_str()), ("noise", "env", "夜间施工"));

    // group create: a taken code and dates that break the rules are asked again.
    let mut s = Session::start(&env, &["group", "create"], &[("NO_COLOR", "1")]);
    s.expect("走访组编号");
    s.send("g1\r");
    s.expect("走访组 G1 已经存在");
    s.send(&BACKSPACE.repeat(2));
    s.send("G3\r");
    s.expect("组长");
    s.send("\r");
    s.expect("组员");
    s.send(" ");
    s.send(DOWN);
    s.send(" \r");
    s.expect("联系的县");
    s.send(" \r");
    s.expect("走访起始日期");
    s.send("2013-06-01\r");
    s.expect("不在活动年度 2012 内");
    s.send(&BACKSPACE.repeat(10));
    s.send("2012-06-01\r");
    s.expect("走访结束日期");
    s.send("2012-05-01\r");
    s.expect("走访结束日期（2012-05-01）早于开始日期（2012-06-01）");
    s.send(&BACKSPACE.repeat(10));
    s.send("2012-06-03\r");
    let (code, screen) = s.finish();
    assert_eq!(code, 0, "{screen}");
    let people = env.query_i64("SELECT count(*) FROM group_members WHERE group_code = 'G3'");
    let counties = env.query_i64("SELECT count(*) FROM group_counties WHERE group_code = 'G3'");
    assert_eq!((people, counties), (3, 1));

    // Off a terminal, what is missing is named (exit 3), not asked.
    let (_, err) = env.fails(3, &["--lang", "en", "finding", "add", "--visit", "x"]);
    assert!(err.contains("--route is missing"), "{err}");
    let (_, err) = env.fails(3, &["--lang", "en", "group", "create", "G4", "--leader", "王局"]);
    assert!(err.contains("--from is missing") && err.contains("asks for it only on a terminal"), "{err}");
}
