//! The README's walk-through, run exactly as written (its first `sh` block under "A clerk's
//! walk-through"), so that it cannot drift from what zoufang does.

mod common;

use std::path::Path;
use std::process::Command;

fn walk_through() -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let from = readme.find("## A clerk's walk-through").expect("the README has its walk-through");
    let rest = &readme[from..];
    let start = rest.find("```sh\n").expect("an sh block") + "```sh\n".len();
    let end = rest[start..].find("\n```").expect("the block ends") + start;
    rest[start..end].to_string()
}

#[test]
fn the_readme_walk_through_runs_as_written() {
    let env = common::Env::new();
    // The walk-through runs from the repository's root: its data files, in a copy.
    let data = env.dir().join("data/demo");
    std::fs::create_dir_all(&data).unwrap();
    for f in ["townships_330523.csv", "villages_330523.csv"] {
        std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/demo").join(f), data.join(f)).unwrap();
    }
    let bin = Path::new(env!("CARGO_BIN_EXE_zoufang"));
    let path = format!("{}:{}", bin.parent().unwrap().display(), std::env::var("PATH").unwrap_or_default());
    let script = format!("set -euo pipefail\n{}", walk_through());
    let mut cmd = Command::new("bash");
    cmd.arg("-c").arg(&script).current_dir(env.dir());
    for v in
        ["ZOUFANG_DB", "ZOUFANG_LANG", "ZOUFANG_TODAY", "ZOUFANG_USER", "ZOUFANG_FORMAT", "ZOUFANG_OUTPUT"]
    {
        cmd.env_remove(v);
    }
    let out = cmd
        .env("PATH", path)
        .env("HOME", env.dir())
        .env("XDG_DATA_HOME", env.path("xdg-data"))
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .output()
        .expect("bash runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "the README walk-through failed\n--- stdout\n{stdout}\n--- stderr\n{stderr}"
    );
    // What it promises: the finding closed by its follow-up, in Chinese words; the documents written.
    assert!(stdout.contains("水污染") && stdout.contains("销号") && stdout.contains("本级办理"), "{stdout}");
    for f in ["实施方案.md", "阶段性进展.xlsx", "书面报告.docx", "农户反馈表.md", "findings.csv"]
    {
        assert!(env.dir().join(f).exists(), "{f} was not written");
    }
    let csv = std::fs::read_to_string(env.dir().join("findings.csv")).unwrap();
    assert!(csv.contains(",water,") && csv.contains(",closed,"), "csv keeps the codes: {csv}");
}
