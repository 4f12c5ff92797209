//! Issue 7, "Hostile input": property-based fuzzing (proptest) of what zoufang reads from people
//! and other machines — spreadsheets, form answers, the command line — and of what it writes for
//! spreadsheets (formula injection).
//!
//! Every property runs a bounded number of cases from a fixed seed, so CI gives the same result on
//! every run; `ZOUFANG_PROPTEST=wide` explores with a fresh seed and ten times the cases, and
//! `ZOUFANG_PROPTEST_SEED=N` replays a run (`zoufang::testing`). A failing case is kept in
//! `tests/fuzz.proptest-regressions` (commit it): it is run first from then on. Each prints how
//! many inputs it ran (`cargo test --test fuzz -- --nocapture`).

mod common;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use clap::CommandFactory;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, RngSeed, TestCaseError, TestRunner};
use zoufang::domain::form::{self, answers_from_json, parse_def};
use zoufang::io::csv_in::{self, Encoding, Field};

use common::{uscc, uscc_bad_check, uscc_big, Env};

/// A runner of `ci_cases` cases from the seed `zoufang::testing` gives the property `what`, with
/// failing cases kept beside this file.
fn runner(what: &str, ci_cases: u32) -> TestRunner {
    let (seed, cases) = zoufang::testing::seed_and_cases(&format!("fuzz {what}"), ci_cases);
    TestRunner::new(Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        source_file: Some(file!()),
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..Config::default()
    })
}

/// Run `test` over `strategy`, fail on the first panic or broken property, print the figure.
fn check<S: Strategy>(
    what: &str,
    cases: u32,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let mut r = runner(what, cases);
    let n = r.config().cases;
    let start = std::time::Instant::now();
    if let Err(e) = r.run(&strategy, test) {
        panic!("{what}: {e}");
    }
    println!("fuzz {what}: {n} inputs, no panic, {:?}", start.elapsed());
}

// ---------------------------------------------------------------------------------------------
// The CSV importer, through the library

/// The enterprise import layout (SPEC §4), as the importer is given it.
const LAYOUT: &[Field] = &[
    Field { key: "uscc", aliases: &["统一社会信用代码", "信用代码"], required: true },
    Field { key: "name", aliases: &["企业名称", "名称"], required: true },
    Field { key: "county", aliases: &["所在县", "县"], required: true },
    Field { key: "village", aliases: &["所在村", "村"], required: false },
    Field { key: "industry", aliases: &["行业"], required: false },
    Field { key: "zone", aliases: &["集聚区", "产业集聚区"], required: false },
    Field { key: "tags", aliases: &["标签"], required: false },
    Field { key: "contact", aliases: &["联系人"], required: false },
    Field { key: "phone", aliases: &["联系电话", "电话"], required: false },
];

/// Decode, parse and read every row and column, as an import does.
fn read_csv(bytes: &[u8], forced: Option<Encoding>) {
    let Ok(text) = csv_in::decode(bytes, forced) else { return };
    let Ok(table) = csv_in::parse(&text, LAYOUT) else { return };
    let (rows, bad) = table.rows();
    // Every record is reported once, at its own line: after the header, in file order.
    let mut lines: Vec<u64> = rows.iter().map(|r| r.line).chain(bad.iter().map(|b| b.line)).collect();
    lines.sort_unstable();
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "two records at one line: {lines:?}");
    assert!(lines.first().is_none_or(|l| *l >= 2), "a record before the header: {lines:?}");
    for row in &rows {
        for f in LAYOUT {
            let _ = (row.get(f.key), row.has(f.key), row.line);
        }
    }
    for b in &bad {
        assert!(!b.reason.is_empty());
    }
}

fn encoding() -> impl Strategy<Value = Option<Encoding>> {
    prop_oneof![
        4 => Just(None),
        1 => Just(Some(Encoding::Utf8)),
        1 => Just(Some(Encoding::Gbk)),
        1 => Just(Some(Encoding::Gb18030)),
    ]
}

/// A valid enterprise file: a header in English keys or Chinese labels, in any order, and rows of
/// valid codes with arbitrary names and contacts (quoted as needed).
fn valid_csv() -> impl Strategy<Value = Vec<u8>> {
    let header = prop::sample::subsequence(
        vec![
            ("county", "所在县"),
            ("contact", "联系人"),
            ("phone", "联系电话"),
            ("industry", "行业"),
            ("tags", "标签"),
            ("village", "所在村"),
        ],
        0..=6,
    );
    let rows = prop::collection::vec((0u32..1000, "\\PC{0,10}", "\\PC{0,6}", "[0-9 -]{0,13}"), 0..12);
    (
        header,
        rows,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
    )
        .prop_map(|(extra, rows, chinese, bom, gbk, eol)| {
            let mut cols: Vec<(&str, &str)> = vec![("uscc", "统一社会信用代码"), ("name", "企业名称")];
            cols.extend(extra);
            if !cols.iter().any(|c| c.0 == "county") {
                cols.push(("county", "所在县"));
            }
            let mut w = csv::WriterBuilder::new()
                .terminator(if eol == "\r\n" {
                    csv::Terminator::CRLF
                } else {
                    csv::Terminator::Any(eol.as_bytes()[0])
                })
                .from_writer(Vec::new());
            w.write_record(cols.iter().map(|c| if chinese { c.1 } else { c.0 })).unwrap();
            for (n, name, contact, phone) in rows {
                let code = uscc(n);
                w.write_record(cols.iter().map(|c| match c.0 {
                    "uscc" => code.as_str(),
                    "name" => name.as_str(),
                    "county" => "330523",
                    "contact" => contact.as_str(),
                    "phone" => phone.as_str(),
                    _ => "",
                }))
                .unwrap();
            }
            let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
            if gbk {
                encoding_rs::GB18030.encode(&text).0.into_owned()
            } else if bom {
                [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()
            } else {
                text.into_bytes()
            }
        })
}

/// One edit of a file: a byte replaced, inserted or deleted, a run duplicated or cut, a byte that
/// means something to CSV (quote, separator, line end, BOM, a lone UTF-8 lead byte) put in.
#[derive(Debug, Clone)]
enum Mutation {
    Replace(usize, u8),
    Insert(usize, u8),
    Delete(usize),
    Duplicate(usize, usize),
    Truncate(usize),
    Special(usize, usize),
}

const SPECIAL: &[&[u8]] =
    &[b"\"", b",", b"\n", b"\r", b"\r\n", b"\xEF\xBB\xBF", b"\xE4", b"\xFF\xFE", b"\0", b"\"\"", b",,,,,,,"];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Mutation::Replace(a, b)),
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Mutation::Insert(a, b)),
        any::<usize>().prop_map(Mutation::Delete),
        (any::<usize>(), 1usize..64).prop_map(|(a, n)| Mutation::Duplicate(a, n)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 0..SPECIAL.len()).prop_map(|(a, s)| Mutation::Special(a, s)),
    ]
}

fn mutate(mut bytes: Vec<u8>, edits: &[Mutation]) -> Vec<u8> {
    for m in edits {
        let at = |i: usize, len: usize| if len == 0 { 0 } else { i % (len + 1) };
        let len = bytes.len();
        match *m {
            Mutation::Replace(i, b) if len > 0 => bytes[i % len] = b,
            Mutation::Insert(i, b) => bytes.insert(at(i, len), b),
            Mutation::Delete(i) if len > 0 => {
                bytes.remove(i % len);
            }
            Mutation::Duplicate(i, n) => {
                let from = at(i, len);
                let run: Vec<u8> = bytes[from..(from + n).min(len)].to_vec();
                bytes.splice(from..from, run);
            }
            Mutation::Truncate(i) => bytes.truncate(at(i, len)),
            Mutation::Special(i, s) => {
                let p = at(i, len);
                bytes.splice(p..p, SPECIAL[s].iter().copied());
            }
            _ => {}
        }
    }
    bytes
}

#[test]
fn csv_importer_survives_arbitrary_bytes() {
    check(
        "CSV importer, arbitrary bytes",
        500,
        (prop::collection::vec(any::<u8>(), 0..2048), encoding()),
        |(bytes, enc)| {
            read_csv(&bytes, enc);
            Ok(())
        },
    );
}

#[test]
fn csv_importer_survives_mutated_valid_files() {
    check(
        "CSV importer, mutated valid files",
        500,
        (valid_csv(), prop::collection::vec(mutation(), 0..8), encoding()),
        |(valid, edits, enc)| {
            // The unmutated file reads completely.
            let text = csv_in::decode(&valid, None).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let table = csv_in::parse(&text, LAYOUT).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert!(table.rows().1.is_empty(), "a valid file has bad rows");
            read_csv(&mutate(valid, &edits), enc);
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Form answers

/// A form definition as JSON, mostly well-formed, with arbitrary keys, labels and choices.
fn form_def_json() -> impl Strategy<Value = String> {
    let kind = prop_oneof![Just("enterprise".to_string()), Just("village".to_string()), "\\PC{0,8}"];
    let ty = prop_oneof![
        Just("choice".to_string()),
        Just("multi".to_string()),
        Just("yes_no".to_string()),
        Just("integer".to_string()),
        Just("text".to_string()),
        "\\PC{0,6}",
    ];
    let key = prop_oneof!["[a-z0-9_]{0,8}", "\\PC{0,8}"];
    let field =
        (key, "\\PC{0,8}", ty, any::<bool>(), prop::collection::vec(("\\PC{0,4}", "\\PC{0,6}"), 0..4));
    (kind, "\\PC{0,10}", prop::collection::vec(field, 0..6)).prop_map(|(kind, title, fields)| {
        let fields: Vec<serde_json::Value> = fields
            .into_iter()
            .map(|(key, label, ty, required, choices)| {
                serde_json::json!({ "key": key, "label": label, "type": ty, "required": required, "choices": choices })
            })
            .collect();
        serde_json::json!({ "kind": kind, "title": title, "fields": fields }).to_string()
    })
}

/// Answers: keys that a form knows (by key or label) or not, values of every shape a clerk types.
fn answers(keys: Vec<String>) -> impl Strategy<Value = Vec<(String, String)>> {
    let key = if keys.is_empty() {
        "\\PC{0,8}".boxed()
    } else {
        prop_oneof![4 => prop::sample::select(keys), 1 => "\\PC{0,8}"].boxed()
    };
    let value = prop_oneof![
        "\\PC{0,12}",
        "[0-9]{1,12}",
        "-?[0-9]{1,3}",
        Just("是".to_string()),
        Just("no".to_string()),
        "[a-z_]{1,8}(,[a-z_]{0,8}){0,3}",
        "[a-z]{1,6}[，;、][a-z]{1,6}",
    ];
    prop::collection::vec((key, value), 0..8)
}

/// Every key and label of the default forms.
fn default_form_keys() -> Vec<String> {
    let mut keys = Vec::new();
    for k in form::KINDS {
        let def = parse_def(form::default_def(k).unwrap(), k).unwrap();
        for f in &def.fields {
            keys.push(f.key.clone());
            keys.push(f.label.clone());
            keys.extend(f.choices.iter().flat_map(|(c, l)| [c.clone(), l.clone()]));
        }
    }
    keys
}

#[test]
fn form_parsers_survive_arbitrary_text() {
    check(
        "form parser, arbitrary text",
        500,
        ("\\PC{0,200}", prop::sample::select(form::KINDS.to_vec())),
        |(text, kind)| {
            let _ = parse_def(&text, kind);
            let _ = answers_from_json(&text);
            Ok(())
        },
    );
}

#[test]
fn form_definitions_and_answers_survive_arbitrary_structure() {
    check(
        "form definitions + validate",
        500,
        form_def_json().prop_flat_map(|json| {
            let keys: Vec<String> = serde_json::from_str::<serde_json::Value>(&json).unwrap()["fields"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|f| {
                    [f["key"].as_str().unwrap().to_string(), f["label"].as_str().unwrap().to_string()]
                })
                .collect();
            (Just(json), answers(keys))
        }),
        |(json, answers)| {
            let kind = serde_json::from_str::<serde_json::Value>(&json).unwrap()["kind"]
                .as_str()
                .unwrap()
                .to_string();
            if let Ok(def) = parse_def(&json, &kind) {
                if let Ok(stored) = def.validate(&answers) {
                    for f in &def.fields {
                        if let Some(v) = stored.get(&f.key) {
                            let _ = f.display(v);
                        }
                    }
                }
            }
            Ok(())
        },
    );
}

#[test]
fn form_files_survive_arbitrary_json_against_the_default_forms() {
    let keys = default_form_keys();
    let value = prop_oneof![
        "\\PC{0,10}".prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map(serde_json::Value::Number).unwrap_or_default()),
        any::<bool>().prop_map(serde_json::Value::from),
        Just(serde_json::Value::Null),
        prop::collection::vec("\\PC{0,6}", 0..4).prop_map(serde_json::Value::from),
        Just(serde_json::json!([1, {"a": null}, [true]])),
        Just(serde_json::json!({"nested": {"x": 1}})),
    ];
    let file =
        prop::collection::btree_map(prop_oneof![prop::sample::select(keys), "\\PC{0,8}"], value, 0..10);
    check(
        "form files (answers_from_json + validate)",
        500,
        (file, prop::sample::select(form::KINDS.to_vec())),
        |(map, kind)| {
            let text = serde_json::to_string(&map).unwrap();
            let pairs = answers_from_json(&text)
                .map_err(|e| TestCaseError::fail(format!("an object is refused: {e}")))?;
            let def = parse_def(form::default_def(kind).unwrap(), kind).unwrap();
            if let Ok(stored) = def.validate(&pairs) {
                for f in &def.fields {
                    if let Some(v) = stored.get(&f.key) {
                        let _ = f.display(v);
                    }
                }
            }
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Through the binary

/// A closed database file with a few enterprises, and the bytes it is made of.
fn county_template(env: &Env) -> Vec<u8> {
    env.init_county();
    env.ok(&["zone", "add", "Z1", "--name", "开发区", "--county", "330523"]);
    for n in 1..=3 {
        env.ok(&["enterprise", "add", &uscc(n), "--name", &format!("企业{n}"), "--county", "330523"]);
    }
    std::fs::read(env.db()).unwrap()
}

fn fresh_copy(bytes: &[u8], db: &Path) {
    for s in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{s}", db.display()));
    }
    std::fs::write(db, bytes).unwrap();
}

#[test]
fn enterprise_import_of_mutated_files_is_all_or_nothing() {
    let env = Env::new();
    let template = county_template(&env);
    let db = env.path("case.db");
    let dbs = db.to_str().unwrap().to_string();
    let file = env.path("mutated.csv");
    fresh_copy(&template, &db);
    let (template_enterprises, template_audits) = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let n = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        (n("SELECT count(*) FROM enterprises"), n("SELECT count(*) FROM audit"))
    };
    let tally = std::sync::Mutex::new(BTreeMap::<i32, usize>::new());
    check(
        "enterprise import through the binary, mutated files",
        40,
        (valid_csv(), prop::collection::vec(mutation(), 0..6), any::<bool>()),
        |(valid, edits, skip_bad)| {
            fresh_copy(&template, &db);
            std::fs::write(&file, mutate(valid, &edits)).unwrap();
            let mut args = vec!["--db", &dbs, "enterprise", "import", file.to_str().unwrap()];
            if skip_bad {
                args.push("--skip-bad");
            }
            let (code, _, err) = env.run(&args);
            prop_assert!(!err.contains("panicked"), "import panicked:\n{}", err);
            prop_assert!(code == 0 || code == 3, "import exit {}:\n{}", code, err);
            if code == 3 {
                prop_assert!(err.contains("错误："), "{}", err);
                prop_assert!(std::fs::read(&db).unwrap() == template, "a refused import changed the file");
            } else {
                let (c, _, e) = env.run(&["--db", &dbs, "check"]);
                prop_assert_eq!(c, 0, "check after an import: {}", e);
                // Row counts add up: no more enterprises than the file has records, none lost, and
                // one audit entry for the one import (none when it changed nothing).
                let conn = rusqlite::Connection::open(&db).unwrap();
                let n = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
                let records = csv_in::decode(&std::fs::read(&file).unwrap(), None)
                    .ok()
                    .and_then(|t| csv_in::parse(&t, LAYOUT).ok())
                    .map_or(0, |t| t.len() as i64);
                let added = n("SELECT count(*) FROM enterprises") - template_enterprises;
                prop_assert!(
                    (0..=records).contains(&added),
                    "{} enterprises added from {} records",
                    added,
                    records
                );
                let audits = n("SELECT count(*) FROM audit") - template_audits;
                prop_assert_eq!(audits, i64::from(added > 0 || audits > 0), "one audit entry per import");
            }
            *tally.lock().unwrap().entry(code).or_default() += 1;
            Ok(())
        },
    );
    println!("  exit codes: {:?}", tally.into_inner().unwrap());
}

/// One argument of a subcommand as clap knows it.
#[derive(Debug, Clone)]
struct ArgSpec {
    long: Option<String>,
    takes_value: bool,
    required: bool,
    values: Vec<String>,
    name: String,
}

/// A leaf command's words (`["zone", "add"]`) and its own arguments.
type Leaf = (Vec<String>, Vec<ArgSpec>);

/// Every leaf command (`zone add`, `report progress`, …) with its arguments, from clap itself.
fn command_tree() -> (Vec<Leaf>, Vec<ArgSpec>) {
    fn spec(a: &clap::Arg) -> ArgSpec {
        ArgSpec {
            long: a.get_long().map(|l| format!("--{l}")),
            takes_value: a.get_action().takes_values(),
            required: a.is_required_set(),
            values: a.get_possible_values().iter().map(|v| v.get_name().to_string()).collect(),
            name: a.get_id().to_string(),
        }
    }
    fn walk(c: &clap::Command, path: Vec<String>, out: &mut Vec<Leaf>) {
        let args: Vec<ArgSpec> =
            c.get_arguments().filter(|a| !a.is_global_set() && a.get_id() != "help").map(spec).collect();
        if c.get_subcommands().next().is_none() {
            out.push((path.clone(), args));
        }
        for s in c.get_subcommands() {
            let mut p = path.clone();
            p.push(s.get_name().to_string());
            walk(s, p, out);
        }
    }
    let root = zoufang::cli::Cli::command();
    let globals: Vec<ArgSpec> =
        root.get_arguments().filter(|a| a.is_global_set() && a.get_id() != "db").map(spec).collect();
    let mut leaves = Vec::new();
    walk(&root, Vec::new(), &mut leaves);
    (leaves, globals)
}

/// A campaign with something of everything for random commands to act on.
fn campaign(env: &Env) {
    env.init_county();
    env.ok(&["staff", "add", "王局", "--leader"]);
    env.ok(&["staff", "add", "李明"]);
    for n in 1..=3 {
        env.ok(&["enterprise", "add", &uscc(n), "--name", &format!("企业{n}"), "--county", "330523"]);
    }
    env.ok(&["zone", "add", "Z1", "--name", "开发区", "--county", "330523"]);
    env.ok(&[
        "group",
        "create",
        "G1",
        "--leader",
        "王局",
        "--member",
        "李明",
        "--county",
        "330523",
        "--from",
        "2012-03-05",
        "--to",
        "2012-03-09",
    ]);
    let (out, _) = env.ok(&[
        "visit",
        "log",
        "--group",
        "G1",
        "--date",
        "2012-03-06",
        "--village",
        "330523001002",
        "--participant",
        "王局",
        "--discipline-ok",
        "--answer",
        "households=10",
    ]);
    let visit = out.trim().to_string();
    env.ok(&[
        "finding",
        "add",
        "--visit",
        &visit,
        "--category",
        "water",
        "--desc",
        "污水直排",
        "--route",
        "env",
    ]);
    env.write("e.csv", format!("uscc,name,county\n{},甲,330523\n", uscc(9)));
    env.write("staff.csv", "name,org\n赵强,局办\n");
    env.write("answers.json", r#"{"households": 3, "concerns": ["sewage"]}"#);
    env.write("report.txt", "调研报告正文");
    let (def, _) = env.ok(&["form", "show", "village", "--format", "json"]);
    env.write("form.json", def);
}

/// Values a clerk might type: real codes, names and dates of the campaign, near misses, files in
/// the test folder. Never a path outside it, and never the database itself.
fn plausible(visit: &str) -> Vec<String> {
    let mut v: Vec<String> = [
        "330523",
        "330523001",
        "330523001002",
        "330523999999",
        "330000",
        "3305",
        "G1",
        "G2",
        "王局",
        "李明",
        "Z1",
        "2012-03-06",
        "2012-02-30",
        "2012-13-01",
        "3/6",
        "0",
        "1",
        "5",
        "9",
        "10",
        "-1",
        "99999999999999999999",
        "",
        " ",
        "是",
        "no",
        "env",
        "other",
        "water",
        "enterprise",
        "village",
        "bureau",
        "households=12",
        "concerns=sewage,garbage",
        "production",
        "e.csv",
        "staff.csv",
        "answers.json",
        "report.txt",
        "form.json",
        "missing.csv",
        "out.csv",
        "out.xlsx",
        "out.docx",
        "difficulty:pollution",
        "meals",
        "meals:请吃饭",
        "enterprises",
        "csv",
        "json",
        "md",
        "'; DROP TABLE enterprises; --",
        "x' OR '1'='1",
        "\"; DELETE FROM audit; --",
        "%",
        "_",
        "330523%",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    v.extend([uscc(1), uscc(2), uscc_bad_check(1), uscc_big(5), visit.to_string(), visit[..4].to_string()]);
    v
}

/// Build an argv from `seed`: a real command, some of its flags and positional arguments, with
/// possible values, plausible values or `garbage`; sometimes a stray flag or a dropped argument.
fn argv(
    seed: u64,
    garbage: &[String],
    leaves: &[Leaf],
    globals: &[ArgSpec],
    plausible: &[String],
) -> Vec<String> {
    let mut s = seed;
    let mut next = move |n: usize| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s % n.max(1) as u64) as usize
    };
    let value = |spec: &ArgSpec, next: &mut dyn FnMut(usize) -> usize| -> String {
        if spec.name == "output" {
            return ["out.csv", "out.md", "out.xlsx", "sub/out.csv", ".", "out.csv"][next(6)].to_string();
        }
        match next(10) {
            0..=4 if !spec.values.is_empty() => spec.values[next(spec.values.len())].clone(),
            0..=5 => plausible[next(plausible.len())].clone(),
            _ if !garbage.is_empty() => garbage[next(garbage.len())].clone(),
            _ => String::new(),
        }
    };
    let (path, args) = &leaves[next(leaves.len())];
    let mut out: Vec<String> = path.clone();
    for a in args.iter().chain(globals) {
        let global = globals.iter().any(|g| g.name == a.name);
        match &a.long {
            None => {
                if next(10) < 9 {
                    out.push(value(a, &mut next));
                }
            }
            Some(long)
                if next(10)
                    < if global {
                        1
                    } else if a.required {
                        9
                    } else {
                        4
                    } =>
            {
                out.push(long.clone());
                if a.takes_value {
                    out.push(value(a, &mut next));
                }
            }
            Some(_) => {}
        }
    }
    match next(20) {
        0 => out.push(format!("--{}", garbage.first().cloned().unwrap_or_default())),
        1 if out.len() > 1 => {
            let i = next(out.len());
            out.remove(i);
        }
        2 => out.push(plausible[next(plausible.len())].clone()),
        _ => {}
    }
    out
}

#[test]
fn random_command_lines_exit_0_to_3_and_refusals_write_nothing() {
    let env = Env::new();
    campaign(&env);
    std::fs::create_dir(env.path("sub")).unwrap();
    let visit: String = env.conn().query_row("SELECT id FROM visits", [], |r| r.get(0)).unwrap();
    let tables = || env.query_i64("SELECT count(*) FROM sqlite_schema");
    let schema = tables();
    let (leaves, globals) = command_tree();
    assert!(leaves.len() > 40, "the command tree: {} leaves", leaves.len());
    let plausible = plausible(&visit);
    let tally = std::sync::Mutex::new(BTreeMap::<i32, usize>::new());
    let garbage = prop::collection::vec("[^/\\x00]{0,12}", 1..4);
    check("command lines through the binary", 300, (any::<u64>(), garbage), |(seed, garbage)| {
        let argv = argv(seed | 1, &garbage, &leaves, &globals, &plausible);
        let audit = env.count("audit");
        let out = env
            .cmd()
            .args(&argv)
            .timeout(Duration::from_secs(300))
            .output()
            .map_err(|e| TestCaseError::fail(format!("{argv:?}: {e}")))?;
        let code = out.status.code().unwrap_or(-1);
        let err = String::from_utf8_lossy(&out.stderr);
        prop_assert!(code != -1, "zoufang {:?} hung or died by a signal", argv);
        prop_assert!((0..=3).contains(&code), "zoufang {:?}: exit {}\n{}", argv, code, err);
        prop_assert!(!err.contains("panicked"), "zoufang {:?} panicked:\n{}", argv, err);
        if code != 0 {
            prop_assert_eq!(
                env.count("audit"),
                audit,
                "zoufang {:?} failed (exit {}) but wrote:\n{}",
                argv,
                code,
                err
            );
        }
        prop_assert!(env.count("audit") >= audit, "zoufang {:?} removed audit entries", argv);
        if code == 1 && std::env::var_os("FUZZ_SHOW_FAILURES").is_some() {
            println!("  exit 1: {argv:?}\n    {}", err.trim().replace('\n', "\n    "));
        }
        *tally.lock().unwrap().entry(code).or_default() += 1;
        Ok(())
    });
    env.ok(&["check"]);
    assert_eq!(tables(), schema, "the schema changed under random command lines");
    println!("  over {} commands; exit codes: {:?}", leaves.len(), tally.into_inner().unwrap());
}

// ---------------------------------------------------------------------------------------------
// Formula injection

/// Text a spreadsheet would run as a formula, possibly behind spaces or a tab.
fn formula() -> impl Strategy<Value = String> {
    (
        prop_oneof![Just(""), Just(" "), Just("\t"), Just(" \t ")],
        prop::sample::select(vec!['=', '+', '-', '@']),
        // No control character or bidirectional override: names and contacts with one are refused
        // on the way in (issue 12), so they would never reach an export.
        "[^\\x00-\\x1f\\x7f-\\x9f\\x{61c}\\x{200e}\\x{200f}\\x{202a}-\\x{202e}\\x{2066}-\\x{2069}\\x{2028}\\x{2029}]{0,12}",
    )
        .prop_map(|(pad, c, rest)| format!("{pad}{c}{rest}"))
}

#[test]
fn exported_cells_never_start_a_formula() {
    let env = Env::new();
    env.init_county();
    let next = std::sync::atomic::AtomicU32::new(1000);
    check(
        "formula injection in export csv",
        40,
        prop::collection::vec((formula(), formula(), formula(), any::<bool>()), 1..5),
        |rows| {
            let mut text = String::from("uscc,name,county,contact,phone\n");
            let mut wanted = Vec::new();
            let mut staff = Vec::new();
            for (name, contact, phone, also_staff) in &rows {
                let code = uscc_big(next.fetch_add(1, std::sync::atomic::Ordering::SeqCst));
                let mut w = csv::Writer::from_writer(Vec::new());
                w.write_record([code.as_str(), name, "330523", contact, phone]).unwrap();
                text.push_str(std::str::from_utf8(&w.into_inner().unwrap()).unwrap());
                if *also_staff && !name.trim().is_empty() {
                    staff.push(name.trim().to_string());
                }
                wanted.push((code, name.trim().to_string(), contact.trim().to_string()));
            }
            let f = env.write("formulas.csv", &text);
            let (code, _, err) = env.run(&["enterprise", "import", f.to_str().unwrap()]);
            prop_assume!(code == 0, "refused: {}", err);
            for name in &staff {
                let _ = env.run(&["staff", "add", &format!("--phone={name}"), "--", name]);
            }
            for what in ["enterprises", "staff"] {
                let (out, _) = env.ok(&["export", what, "--format", "csv"]);
                for (i, record) in common::csv_records(&out).iter().enumerate().skip(1) {
                    for cell in record {
                        prop_assert!(
                            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                            "export {} row {}: cell {:?} would run as a formula",
                            what,
                            i,
                            cell
                        );
                    }
                }
                if what == "enterprises" {
                    let records = common::csv_records(&out);
                    for (code, name, contact) in &wanted {
                        let row = records.iter().find(|r| &r[0] == code).expect("the imported row");
                        prop_assert_eq!(&row[1], &format!("'{name}"));
                        prop_assert_eq!(&row[7], &format!("'{contact}"));
                    }
                }
            }
            Ok(())
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Sync bundles

use zoufang::sync::{bundle, session};

/// A bureau database (as bytes) and a laptop's bundle for it carrying staff, enterprises, a
/// group, a visit and a finding, made once per test binary.
fn bureau_and_bundle() -> &'static (Vec<u8>, Vec<u8>) {
    static MADE: std::sync::OnceLock<(Vec<u8>, Vec<u8>)> = std::sync::OnceLock::new();
    MADE.get_or_init(|| {
        let env = Env::new();
        env.init_county();
        env.ok(&["sync", "clone", "-o", "laptop.db"]);
        let bureau = std::fs::read(env.db()).unwrap();
        let laptop = env.path("laptop.db");
        let l = laptop.to_str().unwrap();
        let on = |args: &[&str]| {
            let mut a = vec!["--db", l];
            a.extend_from_slice(args);
            env.ok(&a)
        };
        on(&["staff", "add", "王局", "--leader"]);
        on(&["staff", "add", "李明", "--phone", "13800000000"]);
        for n in 1..=3 {
            on(&["enterprise", "add", &uscc(n), "--name", &format!("企业{n}"), "--county", "330523"]);
        }
        on(&[
            "group",
            "create",
            "G1",
            "--leader",
            "王局",
            "--member",
            "李明",
            "--county",
            "330523",
            "--from",
            "2012-03-05",
            "--to",
            "2012-03-09",
        ]);
        let (visit, _) = on(&[
            "visit",
            "log",
            "--group",
            "G1",
            "--date",
            "2012-03-06",
            "--village",
            "330523001002",
            "--participant",
            "王局",
            "--discipline-ok",
            "--answer",
            "households=10",
        ]);
        on(&[
            "finding",
            "add",
            "--visit",
            visit.trim(),
            "--category",
            "water",
            "--desc",
            "污水直排",
            "--route",
            "env",
        ]);
        on(&["sync", "export", "-o", "l.zfb"]);
        (bureau, std::fs::read(env.path("l.zfb")).unwrap())
    })
}

/// A damaged or doctored bundle with a correct envelope and checksum: its changesets mutated, and
/// sometimes its header's identity fields changed, then encoded again.
fn doctored(valid: &[u8], edits: &[Mutation], which: usize, header_edit: u8, n: i64) -> Vec<u8> {
    let mut b = bundle::decode(valid).expect("a valid bundle");
    if !b.entries.is_empty() {
        let i = which % b.entries.len();
        b.entries[i].changeset = mutate(std::mem::take(&mut b.entries[i].changeset), edits);
        match header_edit {
            0 => b.entries[i].seq = n,
            1 => b.entries[i].origin = format!("{n:x}"),
            2 => b.header.schema = n,
            3 => b.header.campaign.year = n as i32,
            4 => b.header.sender.org = n.to_string(),
            5 => b.entries.push(b.entries[i].clone()),
            _ => {}
        }
    }
    bundle::encode(b.header, &b.entries)
}

#[test]
fn bundle_reader_survives_arbitrary_and_damaged_bytes() {
    let (_, valid) = bureau_and_bundle();
    check(
        "bundle reader (decode + changeset iterator), arbitrary, damaged and doctored bundles",
        500,
        (
            prop_oneof![
                prop::collection::vec(any::<u8>(), 0..512)
                    .prop_map(|b| [bundle::MAGIC.as_slice(), &b].concat()),
                prop::collection::vec(any::<u8>(), 0..512),
                prop::collection::vec(mutation(), 1..6).prop_map(|e| mutate(valid.clone(), &e)),
                (prop::collection::vec(mutation(), 0..6), any::<usize>(), 0u8..12, any::<i64>())
                    .prop_map(|(e, w, h, n)| doctored(valid, &e, w, h, n)),
            ],
            prop::collection::vec(mutation(), 0..6),
        ),
        |(bytes, more)| {
            if let Ok(b) = bundle::decode(&bytes) {
                for e in &b.entries {
                    let _ = session::changes(&e.changeset);
                    let _ = session::changes(&mutate(e.changeset.clone(), &more));
                }
            }
            Ok(())
        },
    );
}

#[test]
fn sync_import_of_doctored_bundles_is_all_or_nothing() {
    let (bureau, valid) = bureau_and_bundle();
    let env = Env::new();
    let db = env.path("case.db");
    let dbs = db.to_str().unwrap().to_string();
    let file = env.path("doctored.zfb");
    let tally = std::sync::Mutex::new(BTreeMap::<i32, usize>::new());
    check(
        "sync import through the binary, doctored bundles",
        40,
        (prop::collection::vec(mutation(), 0..4), any::<usize>(), 0u8..12, any::<i64>(), any::<bool>()),
        |(edits, which, header_edit, n, dry_run)| {
            fresh_copy(bureau, &db);
            std::fs::write(&file, doctored(valid, &edits, which, header_edit, n)).unwrap();
            let mut args = vec!["--db", &dbs, "sync", "import", file.to_str().unwrap()];
            if dry_run {
                args.push("--dry-run");
            }
            let out = env.cmd().args(&args).timeout(Duration::from_secs(300)).output().unwrap();
            let code = out.status.code().unwrap_or(-1);
            let err = String::from_utf8_lossy(&out.stderr);
            prop_assert!(code != -1, "sync import hung or died by a signal: {:?}", out.status);
            prop_assert!(!err.contains("panicked"), "sync import panicked:\n{}", err);
            if code != 0 || dry_run {
                prop_assert!(
                    std::fs::read(&db).unwrap() == *bureau,
                    "a refused or dry-run import (exit {}) changed the file:\n{}",
                    code,
                    err
                );
            }
            // Exit 1 "cannot combine changesets" / "cannot apply the changes" (SQLite finding a
            // changeset damaged) is the known bug pinned down by
            // `a_bundle_whose_changesets_do_not_combine_is_rejected_input` below; nothing is
            // written then either (checked just above).
            let known_bug = code == 1
                && (err.contains("cannot combine changesets") || err.contains("cannot apply the changes"));
            prop_assert!(code == 0 || code == 3 || known_bug, "sync import exit {}:\n{}", code, err);
            let (c, o, e) = env.run(&["--db", &dbs, "check", "--format", "csv"]);
            prop_assert_eq!(c, 0, "check after sync import (exit {}):\n{}\n{}\n{}", code, err, o, e);
            *tally.lock().unwrap().entry(code).or_default() += 1;
            Ok(())
        },
    );
    println!("  exit codes: {:?}", tally.into_inner().unwrap());
}

/// A bundle whose envelope and checksum are right but whose changesets SQLite cannot combine (one
/// byte changed in a changeset) is damaged input: exit 3, naming the file, nothing imported.
#[test]
fn a_bundle_whose_changesets_do_not_combine_is_rejected_input() {
    let (bureau, valid) = bureau_and_bundle();
    let b = bundle::decode(valid).unwrap();
    let all: Vec<Vec<u8>> = b.entries.iter().map(|e| e.changeset.clone()).collect();
    // The first one-byte change that every reader accepts on its own but SQLite cannot combine.
    let mut found = None;
    'search: for (i, cs) in all.iter().enumerate() {
        for p in 0..cs.len() {
            for v in [6u8, 0, 1, 2, 0x7f, 0xff] {
                let mut parts = all.clone();
                parts[i][p] = v;
                let readable = parts.iter().all(|c| session::changes(c).is_ok());
                let refs: Vec<&[u8]> = parts.iter().map(Vec::as_slice).collect();
                if readable && session::combine(&refs).is_err() {
                    found = Some((i, p, v));
                    break 'search;
                }
            }
        }
    }
    let (i, p, v) = found.expect("a changeset byte that breaks combining");
    let mut entries = b.entries.clone();
    entries[i].changeset[p] = v;
    let env = Env::new();
    std::fs::write(env.db(), bureau).unwrap();
    env.write("doctored.zfb", bundle::encode(b.header.clone(), &entries));
    let (_, err) = env.fails(3, &["sync", "import", "doctored.zfb"]);
    assert!(err.contains("doctored.zfb") && err.contains("已损坏"), "{err}");
    assert_eq!(std::fs::read(env.db()).unwrap(), *bureau, "nothing imported");
}
