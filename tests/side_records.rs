//! research, workplan, case, publicity, deliverable and sample, driven through the binary.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use rusqlite::Connection;
use tempfile::TempDir;

struct Env {
    dir: TempDir,
    db: PathBuf,
}

impl Env {
    /// A county bureau (330523) of the 2012 campaign with one leader and two groups.
    fn county() -> Env {
        let env = Env::new("330523");
        env.ok(&["staff", "add", "王局", "--leader"]);
        env.group("G1", "330523", "2012-03-01", "2012-03-05");
        env.group("G2", "330523", "2012-03-10", "2012-03-20");
        env
    }

    fn new(org: &str) -> Env {
        let dir = TempDir::new().unwrap();
        let db = dir.path().join("z.db");
        let env = Env { dir, db };
        env.ok(&["init", "--org", org, "--year", "2012"]);
        env
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("zoufang").unwrap();
        c.env("ZOUFANG_DB", &self.db)
            .env("ZOUFANG_TODAY", "2012-03-01")
            .env("ZOUFANG_USER", "tester")
            .env_remove("NO_COLOR")
            .current_dir(self.dir.path());
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    fn run_today(&self, today: &str, args: &[&str]) -> Output {
        self.cmd().env("ZOUFANG_TODAY", today).args(args).output().unwrap()
    }

    /// Run and expect success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    }

    fn db(&self) -> Connection {
        let c = Connection::open(&self.db).unwrap();
        c.execute_batch("PRAGMA foreign_keys = ON").unwrap();
        c
    }

    fn group(&self, code: &str, org: &str, from: &str, to: &str) {
        self.db()
            .execute(
                "INSERT INTO groups(code, org, name, date_from, date_to, quota_counties, quota_villages, quota_enterprises, formed_on)
                 VALUES (?1, ?2, '', ?3, ?4, 2, 2, 5, ?3)",
                (code, org, from, to),
            )
            .unwrap();
    }

    fn visit(&self, id: &str, group: &str, date: &str, village: &str) {
        self.db()
            .execute(
                "INSERT INTO visits(id, group_code, date, target_kind, target_code, item, method, discipline_ok, recorded_by, recorded_at)
                 VALUES (?1, ?2, ?3, 'village', ?4, 1, 'onsite', 1, 'tester', '2012-03-01T09:00:00+08:00')",
                (id, group, date, village),
            )
            .unwrap();
    }

    fn count(&self, table: &str) -> i64 {
        self.db().query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }

    /// Row counts of every table these commands write, and of the audit log.
    fn counts(&self) -> Vec<i64> {
        ["research_reports", "workplans", "cases", "publicity", "deliverable_submissions", "audit"]
            .iter()
            .map(|t| self.count(t))
            .collect()
    }

    /// Expect exit 3 with `needle` in the message, and nothing written.
    /// The messages checked here are the English ones (`--lang en`).
    fn rejected(&self, args: &[&str], needle: &str) {
        let before = self.counts();
        let args: Vec<&str> = ["--lang", "en"].iter().chain(args).copied().collect();
        let args = &args[..];
        let out = self.run(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(3), "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: expected '{needle}' in: {err}");
        assert!(err.contains("Hint:"), "{args:?}: no hint in: {err}");
        assert_eq!(self.counts(), before, "{args:?} wrote something");
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// CSV stdout into rows of cells (header included).
fn csv(out: &str) -> Vec<Vec<String>> {
    out.lines().map(|l| l.split(',').map(str::to_string).collect()).collect()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn every_command_has_an_example() {
    let env = Env::new("330523");
    for args in [
        ["research", "submit"],
        ["research", "list"],
        ["workplan", "submit"],
        ["workplan", "list"],
        ["case", "add"],
        ["case", "list"],
        ["publicity", "add"],
        ["publicity", "list"],
        ["deliverable", "record"],
        ["deliverable", "list"],
        ["sample", "visits"],
    ] {
        let help = env.ok(&[args[0], args[1], "--help"]);
        assert!(help.contains("示例：\n  zoufang"), "{args:?}: {help}");
    }
}

#[test]
fn research_reports_and_their_states() {
    let env = Env::county();
    env.group("G3", "330523", "2012-01-10", "2012-01-20");
    let body = "调研报告。".repeat(1000); // 5,000 characters
    let f = env.file("G1调研报告.txt", body.as_bytes());
    // G1 ends 3/5: due 3/12. On time.
    let out = env.run(&["research", "submit", "--group", "G1", "--file", s(&f), "--date", "2012-03-12"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("5000 字"), "{err}");
    assert!(!err.contains("逾期"), "{err}");
    assert!(!err.contains("注意"), "{err}");

    // G2 ends 3/20: due 3/27. Late by 3 days, a short report in GBK.
    let short: String = "环境".repeat(500);
    let (gbk, _, _) = encoding_rs::GBK.encode(&short);
    let f2 = env.file("g2.txt", &gbk);
    let out = env.run(&[
        "research",
        "submit",
        "--group",
        "G2",
        "--file",
        s(&f2),
        "--date",
        "2012-03-30",
        "--title",
        "调研",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(err.contains("1000 字"), "{err}");
    assert!(err.contains("逾期 3 天"), "{err}");
    assert!(err.contains("要求约 5000 字"), "{err}");
    let (title, stored, chars): (String, String, i64) = env
        .db()
        .query_row("SELECT title, body, chars FROM research_reports WHERE group_code = 'G2'", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .unwrap();
    assert_eq!((title.as_str(), stored.as_str(), chars), ("调研", short.as_str(), 1000));
    let title: String = env
        .db()
        .query_row("SELECT title FROM research_reports WHERE group_code = 'G1'", [], |r| r.get(0))
        .unwrap();
    assert_eq!(title, "G1调研报告");

    // G3 ended 1/20, due 1/27, nothing in by 3/1: missing. G4 has not ended: due.
    env.group("G4", "330523", "2012-04-01", "2012-04-05");
    let out = env.run_today("2012-03-01", &["research", "list", "--format", "csv"]);
    let rows = csv(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(rows[0], ["group", "due", "submitted_on", "chars", "versions", "state"]);
    assert_eq!(rows[1], ["G1", "2012-03-12", "2012-03-12", "5000", "1", "on-time"]);
    assert_eq!(rows[2], ["G2", "2012-03-27", "2012-03-30", "1000", "1", "late"]);
    assert_eq!(rows[3], ["G3", "2012-01-27", "", "", "0", "missing"]);
    assert_eq!(rows[4], ["G4", "2012-04-12", "", "", "0", "due"]);
    assert_eq!(rows.len(), 5);
    // A revised version is kept; the first date still counts, the length is the latest one's.
    let revised = env.file("G1修改稿.txt", "调研报告。".repeat(1200).as_bytes());
    let out =
        env.run(&["research", "submit", "--group", "G1", "--file", s(&revised), "--date", "2012-03-20"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("修改稿"), "{}", stderr(&out));
    assert!(!stderr(&out).contains("逾期"), "{}", stderr(&out));
    assert_eq!(env.count("research_reports"), 3);
    let rows = csv(&env.ok(&["research", "list", "--format", "csv"]));
    assert_eq!(rows[1], ["G1", "2012-03-12", "2012-03-12", "6000", "2", "on-time"]);
    // The table speaks Chinese.
    let table = env.ok(&["research", "list"]);
    assert!(table.contains("逾期未交") && table.contains("待交") && table.contains("走访组"), "{table}");
}

#[test]
fn research_refusals_write_nothing() {
    let env = Env::county();
    let f = env.file("r.txt", "报告".repeat(2500).as_bytes());
    env.rejected(&["research", "submit", "--group", "G9", "--file", s(&f)], "no group 'G9'");
    env.rejected(
        &["research", "submit", "--group", "G1", "--file", s(&f), "--date", "2013-01-02"],
        "outside the campaign year 2012",
    );
    env.rejected(&["research", "submit", "--group", "G1", "--file", "nope.txt"], "no file");
    let empty = env.file("empty.txt", b" \n\t ");
    env.rejected(&["research", "submit", "--group", "G1", "--file", s(&empty)], "empty");
    let utf16 = env.file("u16.txt", b"\xFF\xFEa\x00");
    env.rejected(&["research", "submit", "--group", "G1", "--file", s(&utf16)], "UTF-16");
    // Today outside the campaign year and no --date.
    let before = env.counts();
    let out = env.run_today("2013-01-05", &["research", "submit", "--group", "G1", "--file", s(&f)]);
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(stderr(&out).contains("--date"), "{}", stderr(&out));
    assert_eq!(env.counts(), before);
}

#[test]
fn workplans_upsert_and_list_all_nine() {
    let env = Env::county();
    env.ok(&["workplan", "submit", "--item", "2", "--date", "2012-02-20"]);
    env.ok(&["workplan", "submit", "--item", "hazard", "--date", "2012-02-21"]);
    env.ok(&["workplan", "submit", "--item", "进农村、访农家", "--date", "2012-02-22"]);
    // A later record replaces the date.
    let out = env.run(&["workplan", "submit", "--item", "enterprise", "--date", "2012-02-24"]);
    assert!(stderr(&out).contains("由 2012-02-20 改为 2012-02-24"), "{}", stderr(&out));
    assert_eq!(env.count("workplans"), 3);
    let rows = csv(&env.ok(&["workplan", "list", "--format", "csv"]));
    assert_eq!(rows[0], ["item", "key", "name", "lead_division", "submitted_on"]);
    assert_eq!(rows.len(), 10);
    assert_eq!(rows[1], ["1", "village", "进农村、访农家", "生态处", "2012-02-22"]);
    assert_eq!(rows[2], ["2", "enterprise", "进企业、解难题", "污染防治处", "2012-02-24"]);
    assert_eq!(rows[3][4], "");
    assert_eq!(rows[5][4], "2012-02-21");

    env.rejected(&["workplan", "submit", "--item", "10", "--date", "2012-02-20"], "unknown work item '10'");
    env.rejected(&["workplan", "submit", "--item", "tea", "--date", "2012-02-20"], "unknown work item");
    env.rejected(&["workplan", "submit", "--item", "1", "--date", "2011-12-31"], "outside the campaign year");
    env.rejected(&["workplan", "submit", "--item", "1", "--date", "2012-02-30"], "not a date");
}

#[test]
fn cases_add_list_and_refusals() {
    let env = Env::county();
    env.ok(&[
        "case",
        "add",
        "--title",
        "递铺村污水治理",
        "--item",
        "village",
        "--county",
        "330523",
        "--date",
        "2012-03-15",
        "--summary",
        "以奖代补",
    ]);
    env.ok(&["case", "add", "--title", "企业帮扶"]); // today, no item, no county
    let rows = csv(&env.ok(&["case", "list", "--format", "csv"]));
    assert_eq!(rows[0], ["id", "date", "item", "item_name", "county", "county_name", "title", "summary"]);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1][1..4], ["2012-03-01", "", ""]);
    assert_eq!(rows[1][6], "企业帮扶");
    assert_eq!(
        rows[2][1..],
        ["2012-03-15", "1", "进农村、访农家", "330523", "安吉县", "递铺村污水治理", "以奖代补"]
    );
    assert_eq!(rows[2][0].len(), 8);

    env.rejected(&["case", "add", "--title", "x", "--county", "330522"], "outside this bureau's area");
    env.rejected(&["case", "add", "--title", "x", "--county", "330523100"], "not a county code");
    env.rejected(&["case", "add", "--title", "x", "--item", "99"], "unknown work item");
    env.rejected(&["case", "add", "--title", "x", "--date", "2011-06-01"], "outside the campaign year");
    env.rejected(&["case", "add", "--title", "  "], "needs a title");
}

#[test]
fn publicity_add_list_and_refusals() {
    let env = Env::county();
    env.ok(&[
        "publicity",
        "add",
        "--title",
        "大走访启动",
        "--outlet",
        "湖州日报",
        "--item",
        "8",
        "--date",
        "2012-03-02",
    ]);
    env.ok(&["publicity", "add", "--title", "=cmd|' /C calc'!A0", "--date", "2012-02-28"]);
    let rows = csv(&env.ok(&["publicity", "list", "--format", "csv"]));
    assert_eq!(rows[0], ["id", "date", "item", "item_name", "outlet", "title"]);
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[1][1], "2012-02-28");
    assert!(rows[1][5].starts_with("'="), "formula not neutralised: {:?}", rows[1]);
    assert_eq!(rows[2][1..], ["2012-03-02", "8", "“走基层、转作风、改文风”", "湖州日报", "大走访启动"]);
    env.rejected(&["publicity", "add", "--title", "x", "--item", "news"], "unknown work item");
    env.rejected(&["publicity", "add", "--title", "x", "--date", "2013-03-01"], "outside the campaign year");
}

#[test]
fn deliverables_of_a_city_and_its_counties() {
    let env = Env::new("3305");
    env.ok(&["deliverable", "record", "--org", "3305", "--kind", "plan", "--date", "2012-02-25"]);
    env.ok(&["deliverable", "record", "--org", "330523", "--kind", "plan", "--date", "2012-02-27"]);
    env.ok(&["deliverable", "record", "--org", "330523", "--kind", "阶段性进展", "--date", "2012-03-30"]);
    // A later record replaces the date.
    let out =
        env.run(&["deliverable", "record", "--org", "330523", "--kind", "progress", "--date", "2012-03-24"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("由 2012-03-30 改为 2012-03-24"), "{}", stderr(&out));
    assert_eq!(env.count("deliverable_submissions"), 3);
    let rows = csv(&env.ok(&["deliverable", "list", "--format", "csv"]));
    assert_eq!(rows[0], ["org", "org_name", "kind", "kind_name", "due", "submitted_on", "state"]);
    assert_eq!(rows[1], ["3305", "湖州市", "plan", "实施方案", "2012-02-25", "2012-02-25", "on-time"]);
    assert_eq!(rows[2], ["330523", "安吉县", "plan", "实施方案", "2012-02-25", "2012-02-27", "late"]);
    assert_eq!(
        rows[3],
        ["330523", "安吉县", "progress", "阶段性进展", "2012-03-25", "2012-03-24", "on-time"]
    );
    assert_eq!(rows.len(), 4);

    env.rejected(
        &["deliverable", "record", "--org", "3301", "--kind", "plan", "--date", "2012-02-20"],
        "outside this bureau's area",
    );
    env.rejected(
        &["deliverable", "record", "--org", "330599", "--kind", "plan", "--date", "2012-02-20"],
        "not a known division",
    );
    env.rejected(
        &["deliverable", "record", "--org", "330523100", "--kind", "plan", "--date", "2012-02-20"],
        "township code",
    );
    env.rejected(
        &["deliverable", "record", "--org", "330523", "--kind", "summary", "--date", "2012-02-20"],
        "unknown deliverable",
    );
    env.rejected(
        &["deliverable", "record", "--org", "330523", "--kind", "final", "--date", "2013-06-20"],
        "outside the campaign year",
    );
}

#[test]
fn a_county_records_only_itself() {
    let env = Env::county();
    env.ok(&["deliverable", "record", "--org", "330523", "--kind", "final", "--date", "2012-06-26"]);
    env.rejected(
        &["deliverable", "record", "--org", "3305", "--kind", "plan", "--date", "2012-02-20"],
        "outside this bureau's area",
    );
    env.rejected(
        &["deliverable", "record", "--org", "330522", "--kind", "plan", "--date", "2012-02-20"],
        "outside this bureau's area",
    );
}

#[test]
fn sample_is_reproducible_and_audited() {
    let env = Env::county();
    for i in 0..20 {
        let id = format!("{:032x}", 0xabcdef_u128 * (i + 1) * 7919);
        env.visit(
            &id,
            if i % 2 == 0 { "G1" } else { "G2" },
            &format!("2012-03-{:02}", 1 + i % 20),
            &format!("3305231002{:02}", i),
        );
    }
    let a = env.ok(&["sample", "visits", "--n", "5", "--seed", "2012", "--format", "csv"]);
    let b = env.ok(&["sample", "visits", "--n", "5", "--seed", "2012", "--format", "csv"]);
    assert_eq!(a, b);
    let rows = csv(&a);
    assert_eq!(rows[0], ["id", "date", "group_code", "target_kind", "target_code"]);
    assert_eq!(rows.len(), 6);
    assert!(rows[1..].iter().all(|r| r[0].len() == 8 && r[3] == "village"));
    let c = env.ok(&["sample", "visits", "--n", "5", "--seed", "2013", "--format", "csv"]);
    assert_ne!(a, c);

    // The audit log carries the seed, for an inspector to draw again.
    let records: Vec<String> = env
        .db()
        .prepare("SELECT records FROM audit WHERE command LIKE 'sample%' ORDER BY seq")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(records.len(), 3);
    assert!(records[0].contains("sample:seed=2012 n=5"), "{records:?}");

    // Fewer visits than asked: all of them.
    let all = csv(&env.ok(&["sample", "visits", "--n", "50", "--seed", "1", "--format", "csv"]));
    assert_eq!(all.len(), 21);

    // No seed: a random one, printed.
    let out = env.run(&["sample", "visits", "--n", "3"]);
    assert!(out.status.success());
    let err = stderr(&out);
    let seed: u64 = err.split("--seed ").nth(1).unwrap().split('`').next().unwrap().parse().unwrap();
    let again = env.ok(&["sample", "visits", "--n", "3", "--seed", &seed.to_string()]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), again);

    env.rejected(&["sample", "visits", "--n", "0"], "--n 0");
}

#[test]
fn sample_of_no_visits_is_empty() {
    let env = Env::county();
    let out = env.ok(&["sample", "visits", "--n", "3", "--seed", "5", "--format", "json"]);
    assert_eq!(out, "[]\n");
}
