//! Shared harness for the integration tests: each test gets its own temporary folder, a database
//! path inside it, and a `zoufang` command with a pinned, deterministic environment.
//!
//! Not every test crate uses every helper, hence the `dead_code` allowances.
#![allow(dead_code)]

pub mod pty;

use std::path::{Path, PathBuf};
use std::time::Duration;

/// Variables that would change zoufang's behaviour if the developer happens to have them set.
const CLEARED_VARS: &[&str] = &[
    "ZOUFANG_DB",
    "ZOUFANG_FORMAT",
    "ZOUFANG_LANG",
    "ZOUFANG_OUTPUT",
    "ZOUFANG_TODAY",
    "ZOUFANG_USER",
    "ZOUFANG_SEED",
    "CLICOLOR_FORCE",
    "RUST_BACKTRACE",
];

/// The pinned "today" of every test run.
pub const TODAY: &str = "2012-03-01";
/// The user recorded in the audit log.
pub const USER: &str = "tester";

/// One test's world: a temporary folder holding the database `z.db` and any files the test writes.
pub struct Env {
    dir: tempfile::TempDir,
}

impl Default for Env {
    fn default() -> Self {
        Self::new()
    }
}

impl Env {
    pub fn new() -> Env {
        Env { dir: tempfile::Builder::new().prefix("zoufang-test-").tempdir().expect("temp dir") }
    }

    /// The temporary folder (also the working directory of every command).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The database every command uses (through `$ZOUFANG_DB`).
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("z.db")
    }

    /// A path inside the temporary folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Write a file into the temporary folder and return its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::write(&p, bytes).unwrap_or_else(|e| panic!("writing {}: {e}", p.display()));
        p
    }

    /// The `zoufang` binary, run in the temporary folder with a pinned environment.
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut c = assert_cmd::Command::cargo_bin("zoufang").expect("the zoufang binary is built");
        for v in CLEARED_VARS {
            c.env_remove(v);
        }
        c.current_dir(self.dir.path())
            .env("ZOUFANG_DB", self.db())
            .env("ZOUFANG_TODAY", TODAY)
            .env("ZOUFANG_USER", USER)
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.path("xdg-data"))
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .env("LANG", "C.UTF-8")
            .write_stdin(Vec::<u8>::new())
            .timeout(Duration::from_secs(600));
        c
    }

    /// Run zoufang with `args`: (exit code, stdout, stderr). A signal death gives exit code -1.
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.cmd().args(args).output().expect("running zoufang");
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// Run zoufang and insist on exit code 0: (stdout, stderr).
    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> (String, String) {
        let (code, out, err) = self.run(args);
        assert_eq!(code, 0, "zoufang {args:?} failed\n--- stdout\n{out}\n--- stderr\n{err}");
        (out, err)
    }

    /// Run zoufang and insist on exit code `want`: (stdout, stderr).
    #[track_caller]
    pub fn fails(&self, want: i32, args: &[&str]) -> (String, String) {
        let (code, out, err) = self.run(args);
        assert_eq!(code, want, "zoufang {args:?}: wrong exit code\n--- stdout\n{out}\n--- stderr\n{err}");
        assert!(!err.contains("panicked"), "zoufang {args:?} panicked:\n{err}");
        (out, err)
    }

    /// A read-only connection to the test database.
    pub fn conn(&self) -> rusqlite::Connection {
        rusqlite::Connection::open_with_flags(
            self.db(),
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .unwrap_or_else(|e| panic!("opening {}: {e}", self.db().display()))
    }

    /// One integer from a query on the test database.
    pub fn query_i64(&self, sql: &str) -> i64 {
        self.conn().query_row(sql, [], |r| r.get(0)).unwrap_or_else(|e| panic!("{sql}: {e}"))
    }

    /// `SELECT count(*) FROM table`.
    pub fn count(&self, table: &str) -> i64 {
        self.query_i64(&format!("SELECT count(*) FROM \"{table}\""))
    }

    /// A county bureau's database (Anji, 330523, campaign 2012) with its 15 townships and 218
    /// villages imported from the fixtures.
    pub fn init_county(&self) {
        self.ok(&["init", "--org", "330523", "--year", "2012"]);
        for f in ["townships_330523.csv", "villages_330523.csv"] {
            let p = fixture(f);
            self.ok(&["area", "import", p.to_str().expect("utf-8 path")]);
        }
    }
}

/// A file under `tests/fixtures/`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures").join(name)
}

/// The text of a file under `tests/fixtures/`.
pub fn fixture_text(name: &str) -> String {
    let p = fixture(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("reading {}: {e}", p.display()))
}

const USCC_CHARS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [usize; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// The GB 32100-2015 check character of the first 17 characters of a credit code, computed here
/// independently of the code under test.
pub fn uscc_check(body: &str) -> char {
    assert_eq!(body.len(), 17, "a credit code body has 17 characters: {body}");
    let sum: usize = body
        .bytes()
        .zip(USCC_WEIGHTS)
        .map(|(b, w)| {
            USCC_CHARS.iter().position(|c| *c == b).unwrap_or_else(|| panic!("{body}: bad char")) * w
        })
        .sum();
    USCC_CHARS[(31 - sum % 31) % 31] as char
}

/// A valid credit code of an Anji enterprise, numbered `n` (0..=999).
pub fn uscc(n: u32) -> String {
    let body = format!("91330523MA2B00{n:03}");
    format!("{body}{}", uscc_check(&body))
}

/// The same code with a wrong check character.
pub fn uscc_bad_check(n: u32) -> String {
    let good = uscc(n);
    let (body, check) = good.split_at(17);
    let wrong = if check == "0" { '1' } else { '0' };
    format!("{body}{wrong}")
}

/// Parse CSV output into records (header included).
pub fn csv_records(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("valid CSV").iter().map(str::to_string).collect())
        .collect()
}

/// Assert that two byte strings are equal, reporting only where they first differ (a whole
/// database file in a failure message helps nobody).
#[track_caller]
pub fn assert_same_bytes(got: &[u8], want: &[u8], what: &str) {
    if got != want {
        let at = got.iter().zip(want).position(|(a, b)| a != b).unwrap_or(got.len().min(want.len()));
        panic!("{what}: {} bytes vs {} expected, first difference at byte {at}", got.len(), want.len());
    }
}

impl Env {
    /// Run zoufang (exit 0 required) and parse its standard output as JSON.
    #[track_caller]
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let (out, err) = self.ok(args);
        serde_json::from_str(&out)
            .unwrap_or_else(|e| panic!("zoufang {args:?}: not JSON ({e}):\n{out}\n--- stderr\n{err}"))
    }

    /// The row count of each of `tables`, in order, as (table, count).
    pub fn counts(&self, tables: &[&str]) -> Vec<(String, i64)> {
        tables.iter().map(|t| (t.to_string(), self.count(t))).collect()
    }
}

/// A command line split at whitespace, for arguments that hold none:
/// `env.ok(&words("group add-member G1 赵强"))`.
pub fn words(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

/// A valid credit code of an Anji enterprise numbered `n` (0..=9,999,999), for files larger than
/// `uscc` can number. Never equal to a `uscc(n)` code.
pub fn uscc_big(n: u32) -> String {
    assert!(n < 10_000_000, "uscc_big numbers up to 9,999,999: {n}");
    let body = format!("91330523MA{n:07}");
    format!("{body}{}", uscc_check(&body))
}

impl Env {
    /// `program` as a plain `std::process::Command` with the same pinned environment and working
    /// folder as `cmd`, and stdin closed: for tests that spawn and kill zoufang, or run it through
    /// `bash -c` or `setpriv`.
    pub fn std_cmd(&self, program: impl AsRef<std::ffi::OsStr>) -> std::process::Command {
        let mut c = std::process::Command::new(program);
        for v in CLEARED_VARS {
            c.env_remove(v);
        }
        c.current_dir(self.dir.path())
            .env("ZOUFANG_DB", self.db())
            .env("ZOUFANG_TODAY", TODAY)
            .env("ZOUFANG_USER", USER)
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.path("xdg-data"))
            .env("NO_COLOR", "1")
            .env("TZ", "UTC")
            .env("LANG", "C.UTF-8")
            .stdin(std::process::Stdio::null());
        c
    }
}

impl Env {
    /// An `Env` whose temporary folder lies under `parent` (created if missing): for a fixture a
    /// whole test binary shares from a `static`, which is never dropped, so that it is left under
    /// `env!("CARGO_TARGET_TMPDIR")` (cleaned by `cargo clean`) rather than in the system's /tmp.
    pub fn new_in(parent: impl AsRef<Path>) -> Env {
        let parent = parent.as_ref();
        std::fs::create_dir_all(parent).unwrap_or_else(|e| panic!("creating {}: {e}", parent.display()));
        Env { dir: tempfile::Builder::new().prefix("zoufang-test-").tempdir_in(parent).expect("temp dir") }
    }
}
