//! Issue 13, "People": two staff members may share a name (李明 is common). They are told apart
//! by id or by name and division (`李明@生态处`); a name that answers for several is refused with
//! the candidates listed; a staff list is matched by name and division.

mod common;

use common::Env;

fn env() -> Env {
    let env = Env::new();
    env.init_county();
    env
}

fn staff_rows(env: &Env) -> Vec<String> {
    let c = env.conn();
    let mut st = c
        .prepare("SELECT name || '@' || division || ':' || title FROM staff ORDER BY division, title")
        .unwrap();
    let rows = st.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
    rows
}

fn id_of(env: &Env, division: &str) -> String {
    env.conn()
        .query_row("SELECT id FROM staff WHERE name = '李明' AND division = ?1", [division], |r| r.get(0))
        .unwrap_or_else(|e| panic!("李明@{division}: {e}"))
}

#[test]
fn a_second_li_ming_is_another_person_not_an_overwrite() {
    let env = env();
    env.ok(&["staff", "add", "李明", "--division", "生态处", "--title", "科长"]);
    let (_, err) = env.ok(&["staff", "add", "李明", "--division", "污染防治处"]);
    assert!(err.contains("李明@生态处"), "the namesake is named: {err}");
    // Before issue 13 the second 李明 replaced the first one's record.
    assert_eq!(staff_rows(&env), vec!["李明@污染防治处:", "李明@生态处:科长"]);

    // Referred to by name: ambiguous, exit 3, both listed with how to tell them apart.
    let (_, err) = env.fails(3, &["staff", "show", "李明"]);
    assert!(err.contains("有 2 名干部都叫“李明”"), "{err}");
    assert!(err.contains("李明@生态处") && err.contains("李明@污染防治处"), "{err}");
    assert!(
        err.contains(&id_of(&env, "生态处")[..8]) && err.contains(&id_of(&env, "污染防治处")[..8]),
        "{err}"
    );
    assert!(err.contains("提示：请写成 李明@"), "{err}");
    // By name and division (also a unique part of the division), or by id prefix.
    let (out, _) = env.ok(&["staff", "show", "李明@生态处", "--format", "json"]);
    assert!(out.contains("科长") && out.contains(&id_of(&env, "生态处")), "{out}");
    let (out, _) = env.ok(&["staff", "show", "李明@污染", "--format", "json"]);
    assert!(out.contains(&id_of(&env, "污染防治处")), "{out}");
    let (out, _) = env.ok(&["staff", "show", &id_of(&env, "污染防治处")[..6], "--format", "json"]);
    assert!(out.contains("污染防治处"), "{out}");
    let (_, err) = env.fails(3, &["staff", "show", "李明@办公室"]);
    assert!(err.contains("“办公室”没有名叫 李明 的干部") && err.contains("李明@生态处"), "{err}");
}

#[test]
fn the_same_person_is_updated_only_when_told() {
    let env = env();
    env.ok(&["staff", "add", "李明", "--division", "生态处"]);
    // The same name and division again: refused (a script run twice), nothing written.
    let (_, err) = env.fails(3, &["staff", "add", "李明", "--division", "生态处", "--title", "科长"]);
    assert!(err.contains("李明@生态处") && err.contains("--same") && err.contains("--another"), "{err}");
    assert_eq!(staff_rows(&env), vec!["李明@生态处:"]);
    // Told it is the same one: updated.
    env.ok(&["staff", "add", "李明", "--division", "生态处", "--title", "科长", "--same"]);
    assert_eq!(staff_rows(&env), vec!["李明@生态处:科长"]);
    // Told it is another person of the same name and division: added; then only ids tell them apart.
    env.ok(&["staff", "add", "李明", "--division", "生态处", "--another"]);
    assert_eq!(staff_rows(&env).len(), 2);
    let (_, err) = env.fails(3, &["staff", "show", "李明@生态处"]);
    assert!(err.contains("请用编号（至少 4 位）指明"), "{err}");
    // --same with two of that name: which one? Refused with both listed; --same-as names it.
    let (_, err) =
        env.fails(3, &["staff", "add", "李明", "--division", "生态处", "--title", "处长", "--same"]);
    assert!(err.contains("有 2 名干部都叫“李明”") && err.contains("--same-as"), "{err}");
    let keep = env.query_i64("SELECT count(*) FROM staff WHERE title = '科长'");
    assert_eq!(keep, 1, "nothing written");
    let id: String = env.conn().query_row("SELECT id FROM staff WHERE title = ''", [], |r| r.get(0)).unwrap();
    env.ok(&["staff", "add", "李明", "--division", "生态处", "--title", "处长", "--same-as", &id[..8]]);
    assert_eq!(staff_rows(&env), vec!["李明@生态处:处长", "李明@生态处:科长"]);
}

#[test]
fn groups_and_visits_take_the_qualified_name_and_refuse_an_ambiguous_one() {
    let env = env();
    env.ok(&["staff", "add", "王局", "--leader"]);
    env.ok(&["staff", "add", "李明", "--division", "生态处"]);
    env.ok(&["staff", "add", "李明", "--division", "污染防治处"]);
    let group = |member: &str| {
        vec![
            "group",
            "create",
            "G1",
            "--leader",
            "王局",
            "--member",
            member,
            "--county",
            "330523",
            "--from",
            "2012-03-05",
            "--to",
            "2012-03-09",
        ]
        .into_iter()
        .map(str::to_string)
        .collect::<Vec<_>>()
    };
    let args = group("李明");
    let (_, err) = env.fails(3, &args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(err.contains("李明@生态处") && err.contains("李明@污染防治处"), "{err}");
    assert_eq!(env.count("groups"), 0);
    let args = group("李明@生态处");
    env.ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let member: String = env
        .conn()
        .query_row(
            "SELECT s.division FROM group_members m JOIN staff s ON s.id = m.staff_id WHERE m.role = 'member'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(member, "生态处");
    // On a visit of G1 the name is the group's own 李明: only one of them is a member.
    env.ok(&[
        "visit",
        "log",
        "--group",
        "G1",
        "--date",
        "2012-03-06",
        "--village",
        "330523001002",
        "--participant",
        "李明",
        "--discipline-ok",
        "--answer",
        "households=3",
    ]);
    let who: String = env
        .conn()
        .query_row("SELECT s.division FROM visit_participants p JOIN staff s ON s.id = p.staff_id", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(who, "生态处");
    // The other 李明 is not a member: named exactly, refused.
    let (_, err) = env.fails(
        3,
        &[
            "visit",
            "log",
            "--group",
            "G1",
            "--date",
            "2012-03-07",
            "--village",
            "330523001012",
            "--participant",
            "李明@污染防治处",
            "--discipline-ok",
            "--answer",
            "households=3",
        ],
    );
    assert!(err.contains("不是走访组 G1 的成员"), "{err}");
}

#[test]
fn a_staff_list_is_matched_by_name_and_division() {
    let env = env();
    let list = env.write("staff.csv", "姓名,处室,职务\n李明,生态处,科长\n李明,污染防治处,\n张华,办公室,\n");
    let list = list.to_str().unwrap();
    let (_, err) = env.ok(&["--lang", "en", "staff", "import", list]);
    assert!(err.contains("added 3"), "{err}");
    // The same list again changes nothing.
    let (_, err) = env.ok(&["--lang", "en", "staff", "import", list]);
    assert!(err.contains("added 0, updated 0, unchanged 3"), "{err}");
    // A new title for one 李明: that one is updated, the other left alone.
    let list2 = env.write("staff2.csv", "姓名,处室,职务\n李明,生态处,副处长\n");
    let (_, err) = env.ok(&["--lang", "en", "staff", "import", list2.to_str().unwrap()]);
    assert!(err.contains("added 0, updated 1"), "{err}");
    assert_eq!(staff_rows(&env), vec!["张华@办公室:", "李明@污染防治处:", "李明@生态处:副处长"]);
    // The same person twice in one file is a bad row (named by its line), nothing imported.
    let twice = env.write("twice.csv", "姓名,处室\n赵强,生态处\n赵强,生态处\n");
    let (_, err) = env.fails(3, &["staff", "import", twice.to_str().unwrap()]);
    assert!(err.contains("第 3 行"), "{err}");
    assert_eq!(env.count("staff"), 3);
    // Two people recorded with one name and division cannot be told apart by a list.
    env.ok(&["staff", "add", "李明", "--division", "生态处", "--another"]);
    let (_, err) = env.fails(3, &["staff", "import", list2.to_str().unwrap()]);
    assert!(err.contains("名单无法区分他们") && err.contains("--same-as"), "{err}");
}
