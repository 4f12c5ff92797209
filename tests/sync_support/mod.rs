//! Harness shared by the sync tests: several databases in one temporary folder, each command run
//! through the binary with a pinned environment (2012-03-10, user "tester", no prompts).
#![allow(dead_code)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

pub const TODAY: &str = "2012-03-10";

/// Villages of Anji (330523) from the fixtures.
pub const VILLAGES: &[&str] = &[
    "330523001002",
    "330523001012",
    "330523001018",
    "330523001026",
    "330523001027",
    "330523001029",
    "330523001030",
    "330523001031",
    "330523001203",
    "330523001205",
    "330523001206",
    "330523001211",
];

/// Members of the bureau's staff besides the two leaders 王局 and 陈局.
pub const MEMBERS: &[&str] = &["李明", "张华", "赵强", "钱五", "孙六", "周科", "吴七", "郑八"];

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures").join(name)
}

pub struct World {
    dir: tempfile::TempDir,
}

impl Default for World {
    fn default() -> Self {
        Self::new()
    }
}

impl World {
    pub fn new() -> World {
        World { dir: tempfile::Builder::new().prefix("zoufang-sync-").tempdir().expect("temp dir") }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Run zoufang on database `db` (a file name in the folder): (exit code, stdout, stderr).
    pub fn run(&self, db: &str, args: &[&str]) -> (i32, String, String) {
        let mut c = assert_cmd::Command::cargo_bin("zoufang").expect("the zoufang binary");
        for v in ["ZOUFANG_FORMAT", "ZOUFANG_LANG", "ZOUFANG_OUTPUT", "ZOUFANG_SEED", "RUST_BACKTRACE"] {
            c.env_remove(v);
        }
        let out = c
            .current_dir(self.dir.path())
            .env("ZOUFANG_DB", self.path(db))
            .env("ZOUFANG_TODAY", TODAY)
            .env("ZOUFANG_USER", "tester")
            .env("HOME", self.dir.path())
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .arg("--no-input")
            .args(args)
            .write_stdin(Vec::<u8>::new())
            .timeout(Duration::from_secs(600))
            .output()
            .expect("running zoufang");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Run and insist on success; returns stdout, trimmed.
    #[track_caller]
    pub fn ok(&self, db: &str, args: &[&str]) -> String {
        let (code, out, err) = self.run(db, args);
        assert_eq!(code, 0, "zoufang {args:?} on {db} failed\n--- stdout\n{out}\n--- stderr\n{err}");
        out.trim().to_string()
    }

    /// Run and insist on exit code 3 (rejected, nothing written) without a panic; returns stderr.
    #[track_caller]
    pub fn refused(&self, db: &str, args: &[&str]) -> String {
        let (code, out, err) = self.run(db, args);
        assert_eq!(
            code, 3,
            "zoufang {args:?} on {db}: wrong exit code\n--- stdout\n{out}\n--- stderr\n{err}"
        );
        assert!(!err.contains("panicked"), "zoufang {args:?} panicked:\n{err}");
        err
    }

    pub fn conn(&self, db: &str) -> Connection {
        Connection::open_with_flags(self.path(db), OpenFlags::SQLITE_OPEN_READ_ONLY)
            .expect("open the database")
    }

    pub fn query_i64(&self, db: &str, sql: &str) -> i64 {
        self.conn(db).query_row(sql, [], |r| r.get(0)).unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    pub fn query_text(&self, db: &str, sql: &str) -> String {
        self.conn(db).query_row(sql, [], |r| r.get(0)).unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    pub fn count(&self, db: &str, table: &str) -> i64 {
        self.query_i64(db, &format!("SELECT count(*) FROM \"{table}\""))
    }

    /// The row count of every table, bookkeeping and audit included.
    pub fn snapshot(&self, db: &str) -> BTreeMap<String, i64> {
        let c = self.conn(db);
        let names: Vec<String> = c
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        names
            .into_iter()
            .map(|n| {
                let k: i64 = c.query_row(&format!("SELECT count(*) FROM \"{n}\""), [], |r| r.get(0)).unwrap();
                (n, k)
            })
            .collect()
    }

    /// The `id` column of a table, as a set.
    pub fn ids(&self, db: &str, table: &str) -> BTreeSet<String> {
        let c = self.conn(db);
        let mut st = c.prepare(&format!("SELECT id FROM \"{table}\"")).unwrap();
        let ids = st.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
        ids
    }

    /// Rows of a query as text, for comparing databases.
    pub fn rows(&self, db: &str, sql: &str) -> Vec<String> {
        let c = self.conn(db);
        let mut st = c.prepare(sql).unwrap();
        let n = st.column_count();
        let rows = st
            .query_map([], |r| {
                let mut parts = Vec::new();
                for i in 0..n {
                    let v: rusqlite::types::Value = r.get(i)?;
                    parts.push(format!("{v:?}"));
                }
                Ok(parts.join("|"))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        rows
    }

    /// Every exchanged table's rows, as sorted text: replicas that exchanged everything hold the
    /// same.
    pub fn exchanged(&self, db: &str) -> BTreeMap<String, Vec<String>> {
        let names: Vec<String> = {
            let c = self.conn(db);
            let mut st = c
                .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
                .expect("the table list");
            let names = st.query_map([], |r| r.get(0)).unwrap().collect::<Result<_, _>>().unwrap();
            names
        };
        names
            .into_iter()
            .filter(|n: &String| !zoufang::sync::is_local_table(n))
            .map(|n| {
                let mut rows = self.rows(db, &format!("SELECT * FROM \"{n}\""));
                rows.sort();
                (n, rows)
            })
            .collect()
    }

    pub fn replica(&self, db: &str) -> String {
        self.query_text(db, "SELECT value FROM meta WHERE key = 'replica'")
    }

    /// Anji's county bureau (330523, campaign 2012): townships and villages, two leaders and
    /// eight members, and group G1 (王局 leading 李明), trip 2012-03-05 ~ 2012-03-09. Built once
    /// per test process and copied.
    pub fn bureau(&self, db: &str) {
        static TEMPLATE: OnceLock<Vec<u8>> = OnceLock::new();
        let bytes = TEMPLATE.get_or_init(|| {
            let w = World::new();
            w.build_bureau("t.db");
            assert!(!w.path("t.db-wal").exists(), "the template is checkpointed");
            std::fs::read(w.path("t.db")).expect("the template database")
        });
        std::fs::write(self.path(db), bytes).expect("copy the template");
    }

    pub fn build_bureau(&self, db: &str) {
        self.ok(db, &["init", "--org", "330523", "--year", "2012"]);
        for f in ["townships_330523.csv", "villages_330523.csv"] {
            let p = fixture(f);
            self.ok(db, &["area", "import", p.to_str().expect("utf-8 path")]);
        }
        for leader in ["王局", "陈局"] {
            self.ok(db, &["staff", "add", leader, "--leader"]);
        }
        for m in MEMBERS {
            self.ok(db, &["staff", "add", m]);
        }
        self.ok(
            db,
            &[
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
            ],
        );
    }

    /// Log a visit of G1 to `village`; returns the visit's full id.
    #[track_caller]
    pub fn visit(&self, db: &str, village: &str, revisit: Option<&str>) -> String {
        let mut args = vec![
            "visit",
            "log",
            "--group",
            "G1",
            "--date",
            "2012-03-06",
            "--village",
            village,
            "--participant",
            "王局",
            "--discipline-ok",
            "--answer",
            "households=3",
        ];
        if let Some(r) = revisit {
            args.extend(["--revisit", r]);
        }
        let short = self.ok(db, &args);
        self.full_id(db, "visits", &short)
    }

    /// Add a finding to a visit; returns the finding's full id.
    #[track_caller]
    pub fn finding(&self, db: &str, visit: &str, desc: &str) -> String {
        let short = self.ok(
            db,
            &[
                "finding",
                "add",
                "--visit",
                &visit[..8],
                "--category",
                "water",
                "--desc",
                desc,
                "--route",
                "env",
            ],
        );
        self.full_id(db, "findings", &short)
    }

    #[track_caller]
    pub fn update(&self, db: &str, finding: &str, status: &str) {
        self.ok(db, &["finding", "update", &finding[..8], "--status", status, "--note", db]);
    }

    fn full_id(&self, db: &str, table: &str, short: &str) -> String {
        assert!(short.len() >= 8, "expected a short id, got {short:?}");
        let c = self.conn(db);
        c.query_row(&format!("SELECT id FROM {table} WHERE id >= ?1 AND id < ?1 || 'g'"), [short], |r| {
            r.get(0)
        })
        .unwrap_or_else(|e| panic!("{table} {short}: {e}"))
    }

    /// `sync export` on `db` to `file` (extra arguments: --to, --full); returns the file's path text.
    #[track_caller]
    pub fn export(&self, db: &str, file: &str, extra: &[&str]) -> String {
        let mut args = vec!["sync", "export", "-o", file];
        args.extend_from_slice(extra);
        self.ok(db, &args);
        file.to_string()
    }

    /// `sync import` on `db`; returns the summary line.
    #[track_caller]
    pub fn import(&self, db: &str, file: &str) -> String {
        self.ok(db, &["sync", "import", file])
    }

    /// `conflict list` lists exactly the rule breaches `check` finds (one rule set).
    #[track_caller]
    pub fn assert_list_agrees_with_check(&self, db: &str) {
        let (_, out, _) = self.run(db, &["check", "--format", "csv"]);
        let mut from_check: Vec<(String, String)> = out
            .lines()
            .skip(1)
            .filter_map(|l| {
                let mut it = l.splitn(3, ',');
                let (rule, record) = (it.next()?, it.next()?);
                let (t, k) = record.split_once(':')?;
                Some((rule.to_string(), format!("{t}:{}", &k[..k.len().min(8)])))
            })
            .filter(|(rule, _)| !["integrity", "foreign-key", "finding-spans"].contains(&rule.as_str()))
            .collect();
        let list = self.ok(db, &["conflict", "list", "--format", "csv"]);
        let mut from_list: Vec<(String, String)> = list
            .lines()
            .filter(|l| l.starts_with("rule,"))
            .filter_map(|l| {
                let f: Vec<&str> = l.split(',').collect();
                Some((f.get(1)?.to_string(), f.get(3)?.to_string()))
            })
            .collect();
        from_check.sort();
        from_list.sort();
        assert_eq!(from_list, from_check, "conflict list and check on {db}");
    }

    /// Export from `from` for `to` (a laptop copy for its bureau; a bureau with --to the copy)
    /// and import at `to`; returns the summary line.
    #[track_caller]
    pub fn send(&self, from: &str, to: &str, file: &str) -> String {
        let to_replica = self.replica(to);
        let is_clone = self.query_i64(from, "SELECT count(*) FROM meta WHERE key = 'origin_replica'") == 1;
        // A copy that took its own identity (a laptop file copied over another) is not known to
        // the bureau until it sends a bundle: the bureau writes it a full bundle, as a clerk would.
        let known = self.query_i64(
            from,
            &format!("SELECT count(*) FROM sync_peers WHERE replica = '{}'", to_replica.replace('\'', "")),
        ) == 1;
        if is_clone {
            self.export(from, file, &[]);
        } else if known {
            self.export(from, file, &["--to", &to_replica[..8]]);
        } else {
            self.export(from, file, &[]);
        }
        self.import_reporting_what_it_broke(to, file)
    }

    /// The rule breaches `conflict list` shows at `db`, as (rule, record).
    pub fn breaches(&self, db: &str) -> BTreeSet<(String, String)> {
        let out = self.ok(db, &["conflict", "list", "--format", "csv"]);
        out.lines()
            .skip(1)
            .filter_map(|l| {
                let cells: Vec<&str> = l.split(',').collect();
                (cells.first() == Some(&"rule")).then(|| (cells[1].to_string(), cells[3].to_string()))
            })
            .collect()
    }

    /// Import `file` at `db` and check that every breach the import made (in `check` after it, not
    /// before) is among those it reported, though it checks the rules on what it touched only.
    /// Returns the summary line, as `import` does.
    #[track_caller]
    pub fn import_reporting_what_it_broke(&self, db: &str, file: &str) -> String {
        let before = self.breaches(db);
        let out = self.ok(db, &["sync", "import", file, "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
        let reported: BTreeSet<(String, String)> = v["rule_breaches"]
            .as_array()
            .unwrap_or_else(|| panic!("no rule_breaches in {out}"))
            .iter()
            .map(|b| {
                (b["rule"].as_str().unwrap_or("").to_string(), b["record"].as_str().unwrap_or("").to_string())
            })
            .collect();
        let after = self.breaches(db);
        let unreported: Vec<_> = after.difference(&before).filter(|b| !reported.contains(*b)).collect();
        assert!(
            unreported.is_empty(),
            "importing {file} at {db} made breaches it did not report: {unreported:?}"
        );
        format!(
            "added {}, updated {}, unchanged {}, conflicts {}",
            v["added"], v["updated"], v["unchanged"], v["conflicts"]
        )
    }
}

/// The numbers of an import's summary line: added, updated, unchanged, conflicts.
pub fn summary(line: &str) -> [i64; 4] {
    let mut out = [0; 4];
    // The line is said in the reader's language (Chinese by default).
    let keys = if line.contains("新增") {
        ["新增", "更新", "未变", "冲突"]
    } else {
        ["added", "updated", "unchanged", "conflicts"]
    };
    for (i, key) in keys.iter().enumerate() {
        let rest = line.split(key).nth(1).unwrap_or_else(|| panic!("no {key} in {line:?}"));
        let n: String = rest.trim_start().chars().take_while(|c| c.is_ascii_digit()).collect();
        out[i] = n.parse().unwrap_or_else(|_| panic!("no number after {key} in {line:?}"));
    }
    out
}

/// CRC-32 (IEEE), written here independently of the code under test.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for b in bytes {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

/// Rewrite a bundle's JSON header with `edit` and seal it again (lengths and checksum), as a
/// newer zoufang would have written it. Layout: magic 8 | format u16 | header length u32 |
/// body length u64 | header | body | crc32.
pub fn reseal(bundle: &[u8], edit: impl FnOnce(&mut serde_json::Value)) -> Vec<u8> {
    let h = u32::from_le_bytes(bundle[10..14].try_into().unwrap()) as usize;
    let mut header: serde_json::Value = serde_json::from_slice(&bundle[22..22 + h]).expect("bundle header");
    edit(&mut header);
    let header = serde_json::to_vec(&header).unwrap();
    let body = &bundle[22 + h..bundle.len() - 4];
    let mut out = Vec::new();
    out.extend_from_slice(&bundle[..10]);
    out.extend_from_slice(&(header.len() as u32).to_le_bytes());
    out.extend_from_slice(&bundle[14..22]);
    out.extend_from_slice(&header);
    out.extend_from_slice(body);
    let crc = crc32(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}
