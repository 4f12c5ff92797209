//! Issue 2, "How it is shown": init, the area/enterprise/staff registries, imports in the
//! encodings and layouts clerks really have, exports, the audit log and refusing bad databases.

mod common;

use std::collections::BTreeSet;

use common::{assert_same_bytes, csv_records, fixture, fixture_text, uscc, uscc_bad_check, uscc_big, Env};

const ENT_HEADER: &str = "uscc,name,county,village,industry,tags,contact,phone";

/// One enterprise row in the `ENT_HEADER` layout.
fn ent_row(code: &str, name: &str, county: &str, phone: &str) -> String {
    format!("{code},{name},{county},,竹木加工,,张三,{phone}")
}

fn ent_file(rows: &[String]) -> String {
    let mut s = String::from(ENT_HEADER);
    s.push('\n');
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s
}

/// The exported enterprises as CSV records, header first.
fn export_csv(env: &Env) -> Vec<Vec<String>> {
    let (out, _) = env.ok(&["export", "enterprises", "--format", "csv"]);
    csv_records(&out)
}

/// The exported enterprises as JSON objects.
fn export_json(env: &Env) -> Vec<serde_json::Value> {
    let (out, _) = env.ok(&["export", "enterprises", "--format", "json"]);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}"))
}

/// The record of `uscc` in CSV records, as (header key → value).
fn csv_row(records: &[Vec<String>], code: &str) -> std::collections::HashMap<String, String> {
    let header = &records[0];
    let row = records[1..]
        .iter()
        .find(|r| r[0] == code)
        .unwrap_or_else(|| panic!("{code} not in the export: {records:?}"));
    header.iter().cloned().zip(row.iter().cloned()).collect()
}

// ---------------------------------------------------------------------------------------------
// init

/// The Zhejiang counties of the compiled table (the repository's own copy of the NBS data).
fn zhejiang_counties() -> BTreeSet<String> {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/divisions/areas.csv"),
    )
    .expect("data/divisions/areas.csv");
    text.lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .filter(|c| c.starts_with("33"))
        .map(String::from)
        .collect()
}

#[test]
fn init_county_city_and_province_list_the_provinces_counties() {
    let want = zhejiang_counties();
    assert_eq!(want.len(), 90, "Zhejiang has 90 county-level divisions in the NBS table");
    for (org, level) in [("330523", "县级"), ("3305", "市级"), ("33", "省级")] {
        let env = Env::new();
        let (_, err) = env.ok(&["init", "--org", org, "--year", "2012"]);
        assert!(err.contains(&format!("{level} {org}")), "init {org} should say its level:\n{err}");
        assert!(env.db().exists());

        let (out, _) = env.ok(&["area", "list", "--level", "county", "--format", "csv"]);
        let recs = csv_records(&out);
        assert_eq!(recs[0], ["code", "name", "level", "parent"], "stable English CSV header");
        let got: BTreeSet<String> = recs[1..].iter().map(|r| r[0].clone()).collect();
        assert_eq!(got, want, "init --org {org}: the counties listed");
        assert_eq!(recs.len() - 1, want.len(), "no county listed twice");
        assert!(recs[1..].iter().all(|r| r[2] == "county" && r[3].len() == 4 && r[0].starts_with(&r[3])));
        let anji = recs.iter().find(|r| r[0] == "330523").expect("安吉县 listed");
        assert_eq!(anji, &["330523", "安吉县", "county", "3305"]);

        // The city's own counties, under its code.
        let (out, _) = env.ok(&["area", "list", "--level", "county", "--under", "3305", "--format", "csv"]);
        let huzhou: Vec<String> = csv_records(&out)[1..].iter().map(|r| r[1].clone()).collect();
        assert_eq!(huzhou, ["吴兴区", "南浔区", "德清县", "长兴县", "安吉县"]);
    }
}

#[test]
fn init_twice_is_refused_and_the_file_is_unchanged() {
    let env = Env::new();
    env.ok(&["init", "--org", "330523", "--year", "2012"]);
    let before = std::fs::read(env.db()).unwrap();
    let (_, err) = env.fails(3, &["init", "--org", "330523", "--year", "2012"]);
    assert!(err.contains("已经存在"), "{err}");
    let (_, err) = env.fails(3, &["init", "--org", "3305", "--year", "2013", "--name", "另一个局"]);
    assert!(err.contains("已经存在"), "{err}");
    assert_same_bytes(&std::fs::read(env.db()).unwrap(), &before, "the existing database must not change");
    assert_eq!(env.count("audit"), 1, "only the first init is logged");
}

#[test]
fn unknown_division_code_is_refused_with_a_hint() {
    let env = Env::new();
    let (_, err) = env.fails(3, &["init", "--org", "339999", "--year", "2012"]);
    assert!(err.contains("339999"), "{err}");
    assert!(err.contains("是不是以下之一"), "{err}");
    assert!(!env.db().exists(), "a refused init leaves no file");
    // A township code is not a bureau either.
    env.fails(3, &["init", "--org", "330523001", "--year", "2012"]);
    assert!(!env.db().exists());
}

#[test]
fn a_missing_database_suggests_init_for_every_command() {
    let env = Env::new();
    let ent = env.write("e.csv", ent_file(&[ent_row(&uscc(1), "甲", "330523", "")]));
    let ent = ent.to_str().unwrap();
    let towns = fixture("townships_330523.csv");
    let towns = towns.to_str().unwrap();
    let code = uscc(1);
    let commands: &[&[&str]] = &[
        &["area", "list"],
        &["area", "show", "330523"],
        &["area", "import", towns],
        &["area", "add", "330523001", "--name", "递铺街道"],
        &["village", "list"],
        &["village", "import", towns],
        &["enterprise", "list"],
        &["enterprise", "show", &code],
        &["--lang", "en", "enterprise", "import", ent],
        &["enterprise", "add", &code, "--name", "甲", "--county", "330523"],
        &["zone", "list"],
        &["staff", "list"],
        &["staff", "add", "王建国"],
        &["export", "enterprises", "--format", "csv"],
        &["export", "villages"],
        &["log"],
    ];
    for args in commands {
        let (out, err) = env.fails(3, args);
        assert!(err.contains("init"), "zoufang {args:?} should suggest init:\n{err}");
        assert!(out.is_empty(), "zoufang {args:?} printed data without a database: {out}");
        assert!(!env.db().exists(), "zoufang {args:?} created the database");
    }
    // The same through --db instead of $ZOUFANG_DB.
    let other = env.path("elsewhere.db");
    let (_, err) = env.fails(3, &["--db", other.to_str().unwrap(), "area", "list"]);
    assert!(err.contains("init") && err.contains("elsewhere.db"), "{err}");
    assert!(!other.exists());
}

// ---------------------------------------------------------------------------------------------
// townships and villages in the encodings clerks have

fn assert_anji_areas(env: &Env) {
    assert_eq!(env.query_i64("SELECT count(*) FROM areas WHERE level = 4"), 15, "townships");
    assert_eq!(env.query_i64("SELECT count(*) FROM areas WHERE level = 5"), 218, "villages");
    let name: String =
        env.conn().query_row("SELECT name FROM areas WHERE code = '330523001'", [], |r| r.get(0)).unwrap();
    assert_eq!(name, "递铺街道", "Chinese names decoded right");
    let (out, _) = env.ok(&["village", "list", "--under", "330523001", "--format", "csv"]);
    assert!(out.contains("330523001002,苕秀社区居委会,village,330523001"), "{out}");
}

#[test]
fn townships_and_villages_import_from_gbk_with_crlf() {
    let env = Env::new();
    env.ok(&["init", "--org", "330523", "--year", "2012"]);
    for (name, fix) in [("乡镇.csv", "townships_330523.csv"), ("村.csv", "villages_330523.csv")] {
        // What Excel on Chinese Windows writes: GBK, CRLF line ends.
        let text = fixture_text(fix).replace('\n', "\r\n");
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(&text);
        assert!(!unmappable, "{fix} is representable in GBK");
        assert!(std::str::from_utf8(&gbk).is_err(), "the test file really is not UTF-8");
        env.write(name, &gbk);
        let (_, err) = env.ok(&["area", "import", name]);
        assert!(err.contains("拒收 0"), "{err}");
    }
    assert_anji_areas(&env);
}

#[test]
fn townships_and_villages_import_from_utf8_with_bom() {
    let env = Env::new();
    env.ok(&["init", "--org", "330523", "--year", "2012"]);
    for (name, fix) in [("t.csv", "townships_330523.csv"), ("v.csv", "villages_330523.csv")] {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(fixture_text(fix).as_bytes());
        env.write(name, bytes);
        env.ok(&["area", "import", name]);
    }
    assert_anji_areas(&env);
}

#[test]
fn init_county_helper_imports_the_fixtures() {
    let env = Env::new();
    env.init_county();
    assert_anji_areas(&env);
    let (out, _) = env.ok(&["area", "show", "330523", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["townships"], 15);
    assert_eq!(v["villages"], 218);
}

// ---------------------------------------------------------------------------------------------
// enterprise import: bad rows

#[test]
fn enterprise_import_bad_rows_reject_the_whole_file() {
    let env = Env::new();
    env.init_county();
    // One enterprise already there, so "nothing written" means "still exactly one".
    env.write("first.csv", ent_file(&[ent_row(&uscc(1), "已有公司", "330523", "0572")]));
    env.ok(&["--lang", "en", "enterprise", "import", "first.csv"]);
    assert_eq!(env.count("enterprises"), 1);
    let audit = env.count("audit");

    let good = ent_row(&uscc(2), "好公司", "330523", "05725123456");
    // (case, bad row, the line it lands on, words the reason must contain)
    let cases: Vec<(&str, String, u32, &str)> = vec![
        ("wrong check character", ent_row(&uscc_bad_check(3), "甲", "330523", ""), 3, "check"),
        ("unknown county", ent_row(&uscc(3), "甲", "330599", ""), 3, "330599"),
        ("county of another province", ent_row(&uscc(3), "甲", "320102", ""), 3, "320102"),
        ("county of another county bureau", ent_row(&uscc(3), "甲", "330522", ""), 3, "330522"),
        ("empty name", ent_row(&uscc(3), "", "330523", ""), 3, "name"),
        ("duplicate credit code", ent_row(&uscc(2), "好公司二号", "330523", ""), 3, "line 2"),
        (
            "duplicate credit code in lower case",
            ent_row(&uscc(2).to_lowercase(), "好公司二号", "330523", ""),
            3,
            "line 2",
        ),
        ("too few fields", format!("{},甲,330523", uscc(3)), 3, "fields"),
        ("too many fields", format!("{},x", ent_row(&uscc(3), "甲", "330523", "")), 3, "fields"),
    ];
    for (case, bad, line, reason) in &cases {
        let file = format!("{case}.csv");
        env.write(&file, ent_file(&[good.clone(), bad.clone()]));
        let (_, err) = env.fails(3, &["--lang", "en", "enterprise", "import", &file]);
        let listed = reported_line(&err, *line)
            .unwrap_or_else(|| panic!("{case}: stderr does not name line {line}:\n{err}"));
        assert!(listed.contains(reason), "{case}: the reason should mention '{reason}':\n{err}");
        assert!(!err.contains("line 2:"), "{case}: the good row was listed as bad:\n{err}");
        assert!(err.contains("nothing was imported"), "{case}:\n{err}");
        assert_eq!(env.count("enterprises"), 1, "{case}: something was written");
        assert_eq!(env.count("audit"), audit, "{case}: the audit log changed");
    }

    // A multi-line quoted cell: the bad row is file line 4, not record 3.
    let text = format!(
        "{ENT_HEADER}\n{},多行公司,330523,,\"竹\n木\",,,\n{}\n",
        uscc(4),
        ent_row(&uscc_bad_check(5), "甲", "330523", "")
    );
    env.write("multiline.csv", text);
    let (_, err) = env.fails(3, &["--lang", "en", "enterprise", "import", "multiline.csv"]);
    assert!(err.contains("line 4:"), "file line, not record number:\n{err}");
    assert_eq!(env.count("enterprises"), 1);
}

/// The stderr line that reports the bad row on file line `line`, if any.
fn reported_line(err: &str, line: u32) -> Option<&str> {
    err.lines().find(|l| l.trim_start().starts_with(&format!("line {line}:")))
}

/// Excel on Windows ends every line with CRLF. SPEC §4: bad rows are reported with their file line.
#[test]

fn bad_row_lines_are_file_lines_in_a_crlf_file() {
    let env = Env::new();
    env.init_county();
    let text =
        ent_file(&[ent_row(&uscc(1), "甲", "330523", ""), ent_row(&uscc_bad_check(2), "乙", "330523", "")])
            .replace('\n', "\r\n");
    env.write("crlf.csv", text);
    let (_, err) = env.fails(3, &["--lang", "en", "enterprise", "import", "crlf.csv"]);
    assert!(reported_line(&err, 3).is_some(), "the bad row is on line 3:\n{err}");
    assert!(reported_line(&err, 2).is_none(), "line 2 is the good row:\n{err}");
}

#[test]

fn bad_row_lines_count_blank_lines() {
    let env = Env::new();
    env.init_county();
    let text = format!(
        "{ENT_HEADER}\n{}\n\n\n{}\n",
        ent_row(&uscc(1), "甲", "330523", ""),
        ent_row(&uscc_bad_check(2), "乙", "330523", "")
    );
    env.write("blank.csv", text);
    let (_, err) = env.fails(3, &["--lang", "en", "enterprise", "import", "blank.csv"]);
    assert!(reported_line(&err, 5).is_some(), "the bad row is on line 5:\n{err}");
}

#[test]
fn enterprise_import_with_chinese_headers_in_another_order_and_an_unknown_column() {
    let env = Env::new();
    env.init_county();
    let text = format!(
        "联系电话,企业名称,备注,所在村,统一社会信用代码,标签,所在县,行业,联系人\n\
         05725123456,安吉竹业有限公司,老客户,330523001203,{},发展前景好;difficulty:pollution,330523,竹木加工,李四\n",
        uscc(7)
    );
    env.write("企业名单.csv", text);
    let (_, err) = env.ok(&["--lang", "en", "enterprise", "import", "企业名单.csv"]);
    let note = err
        .lines()
        .find(|l| l.contains("备注"))
        .unwrap_or_else(|| panic!("unknown column not reported:\n{err}"));
    assert!(note.contains("ignored"), "{note}");
    assert!(err.contains("added 1"), "{err}");

    let e = &export_json(&env)[0];
    assert_eq!(e["uscc"], uscc(7));
    assert_eq!(e["name"], "安吉竹业有限公司");
    assert_eq!(e["county"], "330523");
    assert_eq!(e["village"], "330523001203");
    assert_eq!(e["industry"], "竹木加工");
    assert_eq!(e["tags"], "difficulty:pollution;promising", "Chinese tag labels become codes");
    assert_eq!(e["contact"], "李四");
    assert_eq!(e["phone"], "05725123456");
    assert!(!e.to_string().contains("老客户"), "the unknown column is not stored anywhere");
}

#[test]
fn skip_bad_imports_the_good_rows_and_lists_the_bad() {
    let env = Env::new();
    env.init_county();
    let rows = vec![
        ent_row(&uscc(1), "一号", "330523", ""),
        ent_row(&uscc_bad_check(2), "二号", "330523", ""),
        ent_row(&uscc(3), "三号", "330523", ""),
        ent_row(&uscc(4), "四号", "320102", ""),
        ent_row(&uscc(5), "五号", "330523", ""),
    ];
    env.write("e.csv", ent_file(&rows));
    let (_, err) = env.ok(&["--lang", "en", "enterprise", "import", "e.csv", "--skip-bad"]);
    for line in ["line 3:", "line 5:"] {
        assert!(err.contains(line), "bad row {line} not listed:\n{err}");
    }
    for line in ["line 2:", "line 4:", "line 6:"] {
        assert!(!err.contains(line), "good row {line} listed as bad:\n{err}");
    }
    assert!(err.contains("added 3, updated 0, unchanged 0, rejected 2"), "summary line:\n{err}");
    assert_eq!(env.count("enterprises"), 3);
    let codes: Vec<String> = export_csv(&env)[1..].iter().map(|r| r[0].clone()).collect();
    assert_eq!(codes, [uscc(1), uscc(3), uscc(5)]);
}

/// A credit code the file repeats: every repeat is a bad row naming the first line, and with
/// --skip-bad the first one is the one kept.
#[test]
fn a_repeated_credit_code_keeps_its_first_line() {
    let env = Env::new();
    env.init_county();
    let rows = vec![
        ent_row(&uscc(1), "一号", "330523", ""),
        ent_row(&uscc(2), "二号", "330523", ""),
        ent_row(&uscc(1), "一号又", "330523", ""),
        ent_row(&uscc(1), "一号再", "330523", ""),
    ];
    env.write("e.csv", ent_file(&rows));
    let (_, err) = env.ok(&["--lang", "en", "enterprise", "import", "e.csv", "--skip-bad"]);
    for line in [4, 5] {
        let listed = reported_line(&err, line).unwrap_or_else(|| panic!("line {line} not listed:\n{err}"));
        assert!(listed.contains("first on line 2"), "{listed}");
    }
    assert!(err.contains("added 2, updated 0, unchanged 0, rejected 2"), "summary line:\n{err}");
    let names: Vec<String> = export_csv(&env)[1..].iter().map(|r| r[1].clone()).collect();
    assert_eq!(names, ["一号", "二号"]);
}

/// Issue 15: a file larger than one run of the bulk write (`store::bulk::RUN_BYTES` of packed
/// rows) is sorted and written run by run. A code repeated in a later run than its first line is
/// still found and named with that line, and the row kept is the first one; the rows are all
/// there, whatever order the file had them in.
#[test]
fn a_file_of_several_runs_finds_a_code_repeated_across_them() {
    let env = Env::new();
    env.init_county();
    let n: u32 = 200_000;
    // Every code once, in an order far from the codes' own (7,919 is prime to n).
    let mut rows: Vec<String> = (0..n)
        .map(|i| {
            let k = (i as u64 * 7_919 % n as u64) as u32;
            ent_row(&uscc_big(k), &format!("企业{k}号安吉县竹木制品有限公司"), "330523", "")
        })
        .collect();
    // Code 7,919 is on file line 3 (the second row); it comes back on the last two lines.
    rows.push(ent_row(&uscc_big(7_919), "重复一", "330523", ""));
    rows.push(ent_row(&uscc_big(7_919), "重复二", "330523", ""));
    let text = ent_file(&rows);
    assert!(
        text.len() > zoufang::store::bulk::RUN_BYTES,
        "the file ({} bytes) takes more than one run",
        text.len()
    );
    env.write("big.csv", text);
    let (_, err) = env.ok(&["--lang", "en", "enterprise", "import", "big.csv", "--skip-bad"]);
    for line in [n + 2, n + 3] {
        let listed = reported_line(&err, line).unwrap_or_else(|| panic!("line {line} not listed:\n{err}"));
        assert!(listed.contains("first on line 3"), "{listed}");
    }
    assert!(err.contains("added 200000, updated 0, unchanged 0, rejected 2"), "{err}");
    assert_eq!(env.count("enterprises"), n as i64);
    let kept: String = env
        .conn()
        .query_row("SELECT name FROM enterprises WHERE uscc = ?1", [uscc_big(7_919)], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, "企业7919号安吉县竹木制品有限公司");
}

#[test]
fn reimport_is_unchanged_and_a_changed_phone_is_one_update() {
    let env = Env::new();
    env.init_county();
    let mut rows: Vec<String> = (1..=4)
        .map(|n| ent_row(&uscc(n), &format!("企业{n}"), "330523", &format!("0572512345{n}")))
        .collect();
    env.write("e.csv", ent_file(&rows));
    let (_, err) = env.ok(&["--lang", "en", "enterprise", "import", "e.csv"]);
    assert!(err.contains("added 4, updated 0, unchanged 0, rejected 0"), "{err}");

    let audit = env.count("audit");
    let (_, err) = env.ok(&["--lang", "en", "enterprise", "import", "e.csv"]);
    assert!(err.contains("added 0, updated 0, unchanged 4"), "{err}");
    assert_eq!(env.count("audit"), audit, "an import that changed nothing is not logged as a change");

    rows[2] = ent_row(&uscc(3), "企业3", "330523", "13800000000");
    env.write("e.csv", ent_file(&rows));
    let (_, err) = env.ok(&["--lang", "en", "enterprise", "import", "e.csv"]);
    assert!(err.contains("added 0, updated 1, unchanged 3"), "{err}");
    assert_eq!(csv_row(&export_csv(&env), &uscc(3))["phone"], "13800000000");
    assert_eq!(env.count("enterprises"), 4);
}

// ---------------------------------------------------------------------------------------------
// exports

#[test]
fn export_neutralises_formulas_and_can_carry_a_bom() {
    let env = Env::new();
    env.init_county();
    let text = format!(
        "{ENT_HEADER}\n\
         {},\"=HYPERLINK(\"\"x\"\")\",330523,,@SUM(A1),,+8613800000000,-1\n\
         {},正常公司,330523,,竹木,,王五,0572\n",
        uscc(1),
        uscc(2)
    );
    env.write("e.csv", text);
    env.ok(&["--lang", "en", "enterprise", "import", "e.csv"]);

    let recs = export_csv(&env);
    let evil = csv_row(&recs, &uscc(1));
    assert_eq!(evil["name"], "'=HYPERLINK(\"x\")");
    assert_eq!(evil["contact"], "'+8613800000000");
    assert_eq!(evil["industry"], "'@SUM(A1)");
    assert_eq!(evil["phone"], "'-1");
    let plain = csv_row(&recs, &uscc(2));
    assert_eq!(plain["name"], "正常公司", "ordinary cells untouched");
    assert_eq!(plain["phone"], "0572");

    let (out, _) = env.ok(&["export", "enterprises", "--format", "csv"]);
    assert!(out.starts_with("uscc,"), "no BOM unless asked: {:?}", &out[..10]);
    let bytes = env.cmd().args(["export", "enterprises", "--format", "csv", "--bom"]).output().unwrap();
    assert!(bytes.status.success());
    assert!(bytes.stdout.starts_with(b"\xEF\xBB\xBFuscc,"), "{:?}", &bytes.stdout[..10]);
    env.ok(&["export", "enterprises", "--format", "csv", "--bom", "-o", "out.csv"]);
    let file = std::fs::read(env.path("out.csv")).unwrap();
    assert!(file.starts_with(b"\xEF\xBB\xBFuscc,"), "-o file with --bom");
    assert_same_bytes(&file[3..], out.as_bytes(), "the BOM is the only difference");
}

#[test]
fn leading_zeros_survive_import_and_export() {
    let env = Env::new();
    env.init_county();
    env.write(
        "e.csv",
        format!("{ENT_HEADER}\n{},安吉某公司,330523,330523001203,,,赵六,05725123456\n", uscc(9)),
    );
    env.ok(&["--lang", "en", "enterprise", "import", "e.csv"]);
    let row = csv_row(&export_csv(&env), &uscc(9));
    assert_eq!(row["phone"], "05725123456");
    assert_eq!(row["village"], "330523001203");
    let json = export_json(&env);
    assert_eq!(json[0]["phone"], serde_json::json!("05725123456"), "a phone is text in JSON");
    assert_eq!(json[0]["county"], serde_json::json!("330523"));
}

// ---------------------------------------------------------------------------------------------
// staff

#[test]
fn staff_import_with_chinese_headers_and_yes_no_in_chinese() {
    let env = Env::new();
    env.init_county();
    env.write(
        "干部名单.csv",
        "是否领导,处室,姓名,职务,单位\n是,生态科,王建国,副局长,330523\n否,监察大队,李四,科员,\n",
    );
    let (_, err) = env.ok(&["--lang", "en", "staff", "import", "干部名单.csv"]);
    assert!(err.contains("added 2"), "{err}");
    assert_eq!(env.count("staff"), 2);

    let keys: BTreeSet<&str> = ["id", "name", "org", "title", "division", "leader", "role", "phone"].into();
    for lang in ["zh", "en"] {
        let (out, _) = env.ok(&["staff", "list", "--format", "json", "--lang", lang]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}:\n{out}"));
        let list = v.as_array().expect("a JSON array");
        assert_eq!(list.len(), 2);
        for s in list {
            let got: BTreeSet<&str> = s.as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(got, keys, "--lang {lang}: stable English keys");
        }
        let by_name = |n: &str| list.iter().find(|s| s["name"] == n).unwrap_or_else(|| panic!("{n}: {out}"));
        assert_eq!(by_name("王建国")["leader"], true);
        assert_eq!(by_name("王建国")["title"], "副局长");
        assert_eq!(by_name("王建国")["division"], "生态科");
        assert_eq!(by_name("李四")["leader"], false);
        assert_eq!(by_name("李四")["org"], "330523", "an empty org is the bureau itself");
    }

    // Re-importing the list changes nothing.
    let (_, err) = env.ok(&["--lang", "en", "staff", "import", "干部名单.csv"]);
    assert!(err.contains("added 0, updated 0, unchanged 2"), "{err}");

    // A leader column that is neither yes nor no is a bad row with its line.
    env.write("bad.csv", "姓名,是否领导\n张三,是\n赵六,也许\n");
    let (_, err) = env.fails(3, &["--lang", "en", "staff", "import", "bad.csv"]);
    assert!(err.contains("line 3:"), "{err}");
    assert_eq!(env.count("staff"), 2);
}

// ---------------------------------------------------------------------------------------------
// databases zoufang must not touch

#[test]
fn a_newer_schema_is_refused() {
    let env = Env::new();
    env.ok(&["init", "--org", "330523", "--year", "2012"]);
    {
        let c = rusqlite::Connection::open(env.db()).unwrap();
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(env.db()).unwrap();
    let (_, err) = env.fails(3, &["area", "list"]);
    assert!(err.contains("更新版本"), "{err}");
    env.fails(
        3,
        &["--lang", "en", "enterprise", "import", fixture("townships_330523.csv").to_str().unwrap()],
    );
    let version: i64 = env.conn().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, 99, "the newer database was not downgraded");
    assert_same_bytes(&std::fs::read(env.db()).unwrap(), &before, "the file was left untouched");
}

/// The message says "the file was left untouched", but the connection's pragmas (WAL) are
/// applied before the version check, so a newer database in rollback-journal mode is rewritten.
#[test]

fn a_refused_database_is_left_byte_for_byte_untouched() {
    let env = Env::new();
    env.ok(&["init", "--org", "330523", "--year", "2012"]);
    {
        let c = rusqlite::Connection::open(env.db()).unwrap();
        let mode: String = c.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0)).unwrap();
        assert_eq!(mode, "delete");
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(env.db()).unwrap();
    let (_, err) = env.fails(3, &["area", "list"]);
    assert!(err.contains("更新版本"), "{err}");
    assert_same_bytes(&std::fs::read(env.db()).unwrap(), &before, "a newer database was modified");

    // An empty file is not a zoufang database either; refusing it must not turn it into one.
    let empty = env.write("empty.db", b"");
    let (_, err) = env.fails(3, &["--db", "empty.db", "area", "list"]);
    assert!(err.contains("不是 zoufang 数据库"), "{err}");
    assert_eq!(std::fs::metadata(&empty).unwrap().len(), 0, "the empty file was written to");
}

#[test]
fn a_file_that_is_not_sqlite_fails_cleanly() {
    let env = Env::new();
    let junk: Vec<u8> = (0..4096u32).map(|i| b"zoufang is not here\n"[(i % 20) as usize]).collect();
    env.write("z.db", &junk);
    for args in [&["area", "list"][..], &["enterprise", "list"], &["log"], &["staff", "list"]] {
        let (code, out, err) = env.run(args);
        assert_eq!(code, 1, "zoufang {args:?}: exit code\n{err}");
        assert!(!err.contains("panicked"), "{err}");
        assert!(err.contains("z.db") && err.contains("SQLite"), "a clear message naming the file:\n{err}");
        assert!(out.is_empty(), "{out}");
    }
    assert_same_bytes(&std::fs::read(env.db()).unwrap(), &junk, "the file was not changed");
    // init never overwrites it either.
    env.fails(3, &["init", "--org", "330523", "--year", "2012"]);
    assert_same_bytes(&std::fs::read(env.db()).unwrap(), &junk, "init over a foreign file");
}

// ---------------------------------------------------------------------------------------------
// audit log, completions, help

#[test]
fn log_lists_the_init_and_the_imports_by_user() {
    let env = Env::new();
    env.init_county();
    env.write("e.csv", ent_file(&[ent_row(&uscc(1), "甲", "330523", "")]));
    env.ok(&["enterprise", "import", "e.csv"]);
    env.ok(&["--as", "clerk2", "staff", "add", "王建国", "--leader"]);

    let (out, _) = env.ok(&["log", "--format", "json"]);
    let log: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}:\n{out}"));
    let entries: Vec<(&str, &str)> =
        log.iter().map(|e| (e["who"].as_str().unwrap(), e["command"].as_str().unwrap())).collect();
    assert_eq!(entries.len(), 5, "{entries:?}");
    assert_eq!(entries[0], ("tester", "init --org 330523 --year 2012"));
    assert!(entries[1].1.starts_with("area import") && entries[1].1.ends_with("townships_330523.csv"));
    assert!(entries[2].1.starts_with("area import") && entries[2].1.ends_with("villages_330523.csv"));
    assert_eq!(entries[3], ("tester", "enterprise import e.csv"));
    assert!(entries[..4].iter().all(|(who, _)| *who == "tester"), "{entries:?}");
    assert_eq!(entries[4].0, "clerk2", "--as overrides $ZOUFANG_USER");
    assert_eq!(log[3]["records"], format!("enterprise:{}", uscc(1)));
    assert!(log[0]["records"].as_str().unwrap().contains("campaign:330523"));

    // The table form for people shows the same user.
    let (table, _) = env.ok(&["log"]);
    assert!(table.contains("tester") && table.contains("init --org 330523"), "{table}");
}

/// A bulk import names its first thousand records in the audit log and counts the rest, so the
/// log entry (and the memory holding it) does not grow with the file; `log` says the total.
#[test]
fn a_bulk_import_names_a_thousand_records_in_the_log_and_counts_the_rest() {
    let env = Env::new();
    env.init_county();
    let rows: Vec<String> =
        (0..1_500).map(|i| ent_row(&uscc_big(i), &format!("企业{i}"), "330523", "")).collect();
    env.write("e.csv", ent_file(&rows));
    env.ok(&["enterprise", "import", "e.csv"]);
    let (out, _) = env.ok(&["log", "--format", "json"]);
    let log: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    let records = log.last().unwrap()["records"].as_str().unwrap();
    let named: Vec<&str> = records.split(", ").collect();
    assert_eq!(named.len(), 1_001, "a thousand named and the count");
    assert_eq!(named[1_000], "+500");
    let (table, _) = env.ok(&["log"]);
    assert!(table.contains("共 1500 条记录"), "{table}");
    let (table, _) = env.ok(&["--lang", "en", "log"]);
    assert!(table.contains("1500 records"), "{table}");
}

#[test]
fn completions_and_help_examples() {
    let env = Env::new();
    let (out, _) = env.ok(&["completions", "bash"]);
    assert!(!out.trim().is_empty());
    assert!(out.contains("zoufang"), "bash completions name the program");
    let (out, _) = env.ok(&["enterprise", "add", "--help"]);
    assert!(out.contains("示例："), "{out}");
    assert!(!env.db().exists(), "neither completions nor --help makes a database");
}

#[test]
fn a_missing_import_file_is_rejected_input_and_nothing_is_written() {
    let env = Env::new();
    env.init_county();
    let audit = env.count("audit");
    for what in ["enterprise", "staff", "area"] {
        let (_, err) = env.fails(3, &[what, "import", "没有这个文件.csv"]);
        assert!(err.contains("没有文件 没有这个文件.csv"), "{err}");
    }
    assert_eq!(env.count("audit"), audit, "nothing written");
    assert_eq!(env.count("enterprises"), 0);
}
