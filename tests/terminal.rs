//! The terminal as a clerk sees it (issue 18), through a real pseudo-terminal of 80 and 120
//! columns: tables fit the window and keep every row's cells in one box, colour means something and
//! appears only where it should, text from files cannot drive the terminal, long output pages, and
//! pipes get plain full-width text with no progress.

mod common;

use std::sync::OnceLock;

use common::pty::{run as pty, DAY};
use common::Env;
use unicode_width::UnicodeWidthStr;

/// One county demo for every test that only reads it (the demo takes a second or two).
fn demo() -> &'static Env {
    static DEMO: OnceLock<Env> = OnceLock::new();
    DEMO.get_or_init(|| {
        let env = Env::new();
        env.ok(&["demo"]);
        env
    })
}

/// The text without its colour (SGR) sequences; any other escape is left in to be caught.
fn strip_sgr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("\u{1b}[") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        match after.find(|c: char| !(c.is_ascii_digit() || c == ';')) {
            Some(j) if after[j..].starts_with('m') => rest = &after[j + 1..],
            _ => {
                out.push_str("\u{1b}[");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

const BOX: &str = "│┆┌┐└┘├┤┬┴┼╞╡╪";

/// The display columns of a line's box characters.
fn borders(line: &str) -> Vec<usize> {
    let mut at = 0;
    let mut v = Vec::new();
    for c in line.chars() {
        if BOX.contains(c) {
            v.push(at);
        }
        at += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    }
    v
}

/// Every line fits `cols` (display width, CJK as two) and every table is one box: its lines have
/// their borders at the same columns, so no cell spills into the next line. Returns the tables.
#[track_caller]
fn fits_in_boxes(screen: &str, cols: usize, what: &str) -> Vec<Vec<String>> {
    let plain = strip_sgr(screen);
    assert!(
        !plain.contains('\u{1b}'),
        "{what}: an escape other than colour reached the terminal:\n{plain:?}"
    );
    let mut tables: Vec<Vec<String>> = Vec::new();
    let mut current: Option<Vec<String>> = None;
    for line in plain.lines() {
        let w = UnicodeWidthStr::width(line);
        assert!(w <= cols, "{what}: a line {w} columns wide in a {cols}-column window:\n{line}");
        let boxed = line.starts_with(|c: char| BOX.contains(c));
        match (&mut current, boxed) {
            (Some(t), true) => t.push(line.to_string()),
            (None, true) => current = Some(vec![line.to_string()]),
            (Some(_), false) => tables.extend(current.take()),
            (None, false) => {}
        }
    }
    tables.extend(current);
    assert!(!tables.is_empty(), "{what}: no table on the screen:\n{plain}");
    for t in &tables {
        let first = borders(&t[0]);
        assert!(
            t[0].starts_with('┌') && t.last().is_some_and(|l| l.starts_with('└')),
            "{what}: an unclosed box"
        );
        for l in t {
            assert_eq!(borders(l), first, "{what}: a row out of its box:\n{}\n{l}", t[0]);
        }
    }
    tables
}

/// Rows of a list whose first cell is an 8-character id: the lines that start a row.
fn row_ids(table: &[String]) -> Vec<String> {
    table
        .iter()
        .filter_map(|l| l.strip_prefix("│ "))
        .map(|l| l.chars().take(8).collect::<String>())
        .filter(|id| id.len() == 8 && id.chars().all(|c| c.is_ascii_hexdigit()))
        .collect()
}

#[test]
fn lists_and_the_dashboard_fit_80_and_120_columns() {
    let env = demo();
    let findings =
        common::csv_records(&env.ok(&["finding", "list", "--format", "csv", "--today", DAY]).0).len() - 1;
    let visits = common::csv_records(&env.ok(&["visit", "list", "--format", "csv"]).0).len() - 1;
    for cols in [80u16, 120] {
        for args in [
            &["finding", "list"][..],
            &["finding", "list", "--overdue"],
            &["finding", "list", "--wide"],
            &["visit", "list"],
            &["visit", "list", "--wide"],
            &["enterprise", "list"],
            &["enterprise", "list", "--wide"],
            &["status"],
        ] {
            let mut a = args.to_vec();
            a.push("--no-pager");
            let (code, screen) = pty(env, cols, &a, &[]);
            let what = format!("{} at {cols} columns", args.join(" "));
            assert_eq!(code, 0, "{what}:\n{screen}");
            let tables = fits_in_boxes(&screen, cols as usize, &what);
            match args {
                ["finding", "list"] => {
                    assert_eq!(row_ids(&tables[0]).len(), findings, "{what}: every finding, once")
                }
                ["visit", "list"] => {
                    assert_eq!(row_ids(&tables[0]).len(), visits, "{what}: every visit, once")
                }
                ["status"] => assert!(tables.len() >= 5, "{what}: the dashboard's sections"),
                _ => {}
            }
        }
    }
}

#[test]
fn a_narrow_window_shows_the_short_set_and_wide_shows_all() {
    let env = demo();
    let (_, short) = pty(env, 80, &["finding", "list", "--no-pager"], &[]);
    let (_, wide) = pty(env, 80, &["finding", "list", "--wide", "--no-pager"], &[]);
    let header = |s: &str| strip_sgr(s).lines().nth(1).unwrap_or_default().to_string();
    for label in ["编号", "登记日期", "问题类别", "问题描述", "状态", "办理时限", "逾期"]
    {
        assert!(header(&short).contains(label), "{label} missing from {}", header(&short));
    }
    assert!(!header(&short).contains("主办处室"), "{}", header(&short));
    let columns = |s: &str| borders(strip_sgr(s).lines().next().unwrap_or_default()).len() - 1;
    assert_eq!(columns(&short), 7, "the short set: id, date, category, description, status, due, overdue");
    assert_eq!(columns(&wide), 14, "--wide shows every column");
    // A window wide enough for everything shows everything.
    let (_, huge) = pty(env, 400, &["finding", "list", "--no-pager"], &[]);
    assert!(header(&huge).contains("主办处室"), "{}", header(&huge));
    // --columns picks and orders, in tables and in csv.
    let (_, picked) = pty(env, 80, &["finding", "list", "--columns", "status,id", "--no-pager"], &[]);
    assert!(header(&picked).starts_with("│ 状态") && header(&picked).contains("编号"), "{}", header(&picked));
    let (csv, _) = env.ok(&["finding", "list", "--columns", "status,id", "--format", "csv"]);
    assert_eq!(csv.lines().next(), Some("status,id"));
    let (out, err) = env.fails(3, &["finding", "list", "--columns", "id,nope"]);
    assert!(out.is_empty() && err.contains("nope") && err.contains("id,date"), "{err}");
}

#[test]
fn colour_means_overdue_due_soon_and_closed_on_a_terminal_only() {
    let env = demo();
    let (_, screen) = pty(env, 120, &["finding", "list", "--no-pager"], &[]);
    // The tones from the rows themselves: overdue red, due within 3 days yellow, closed dimmed.
    let csv = common::csv_records(&env.ok(&["finding", "list", "--format", "csv", "--today", DAY]).0);
    let col = |k: &str| csv[0].iter().position(|c| c == k).expect("column");
    let (status, due, overdue) = (col("status"), col("due"), col("overdue"));
    let day = chrono::NaiveDate::parse_from_str(DAY, "%Y-%m-%d").unwrap();
    let soon = csv[1..].iter().filter(|r| {
        r[status] != "closed"
            && r[status] != "resolved"
            && chrono::NaiveDate::parse_from_str(&r[due], "%Y-%m-%d")
                .is_ok_and(|d| d >= day && (d - day).num_days() <= 3)
    });
    assert!(csv[1..].iter().any(|r| r[overdue] == "yes") && csv[1..].iter().any(|r| r[status] == "closed"));
    let red = "\u{1b}[38;5;9m";
    let yellow = "\u{1b}[38;5;11m";
    let dim = "\u{1b}[2m";
    assert!(screen.contains(red), "overdue rows are red");
    assert!(screen.contains(dim), "closed rows are dimmed");
    if soon.count() > 0 {
        assert!(screen.contains(yellow), "rows due within 3 days are yellow");
    }
    // Every red line is an overdue row's: the ids on red lines are exactly the overdue ones.
    let overdue_ids: std::collections::BTreeSet<String> = csv[1..]
        .iter()
        .filter(|r| r[overdue] == "yes")
        .map(|r| r[col("id")].chars().take(8).collect())
        .collect();
    let red_ids: std::collections::BTreeSet<String> = screen
        .lines()
        .filter_map(|l| l.strip_prefix(&format!("│{red} ")).map(|s| s.chars().take(8).collect::<String>()))
        .filter(|id| id.chars().all(|c| c.is_ascii_hexdigit()) && id.len() == 8)
        .collect();
    assert_eq!(red_ids, overdue_ids);

    // The dashboard: deliverables and research reports sent late or overdue are red, the overdue
    // count too; nothing else is.
    let (_, status) = pty(env, 120, &["status", "--no-pager"], &[]);
    let red_lines: Vec<&str> = status.lines().filter(|l| l.contains(red)).collect();
    assert!(red_lines.iter().any(|l| l.contains("迟报")) && red_lines.iter().any(|l| l.contains("逾期")));
    for l in &red_lines {
        assert!(l.contains("迟") || l.contains("逾期") || l.contains("overdue"), "red but not late: {l}");
    }
    // NO_COLOR and --color never: none; --color always beats NO_COLOR, also through a pipe.
    let (_, no_color) = pty(env, 120, &["finding", "list", "--no-pager"], &[("NO_COLOR", "1")]);
    assert!(!no_color.contains('\u{1b}'), "NO_COLOR");
    let (_, never) = pty(env, 120, &["finding", "list", "--no-pager", "--color", "never"], &[]);
    assert!(!never.contains('\u{1b}'), "--color never");
    let (piped, _) = env.ok(&["finding", "list", "--color", "always", "--today", DAY]);
    assert!(piped.contains(red) && piped.contains(dim), "--color always through a pipe has colour");
}

#[test]
fn piped_output_is_plain_full_width_and_has_no_progress() {
    let env = demo();
    for args in
        [&["finding", "list"][..], &["visit", "list"], &["enterprise", "list"], &["status"], &["check"]]
    {
        let out = env.cmd().args(args).env_remove("NO_COLOR").env("TERM", "xterm-256color").output().unwrap();
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(!stdout.contains('\u{1b}') && !stderr.contains('\u{1b}'), "{args:?}: an escape in a pipe");
        assert!(
            !stderr.contains('\r') && !stderr.contains('⠁') && !stderr.contains("[="),
            "{args:?}: {stderr}"
        );
    }
    // Full width: every column of the ledger, none wrapped.
    let (out, _) = env.ok(&["finding", "list"]);
    for label in ["走访记录", "主办处室", "转办对象", "现场解决"] {
        assert!(out.lines().nth(1).unwrap_or_default().contains(label), "{label}");
    }
    assert!(out.lines().map(UnicodeWidthStr::width).max().unwrap_or(0) > 120);
}

#[test]
fn long_output_pages_on_a_terminal_only() {
    let env = demo();
    let pager = env.write("pager.sh", "echo PAGED-BY-TEST; cat\n");
    let pager_cmd = format!("sh {}", pager.display());
    let (code, screen) = pty(env, 100, &["finding", "list"], &[("PAGER", &pager_cmd)]);
    assert_eq!(code, 0);
    assert!(screen.contains("PAGED-BY-TEST") && screen.contains("编号"), "{screen}");
    let (_, direct) = pty(env, 100, &["finding", "list", "--no-pager"], &[("PAGER", &pager_cmd)]);
    assert!(!direct.contains("PAGED-BY-TEST"));
    let (piped, _) = env
        .cmd()
        .args(["finding", "list"])
        .env("PAGER", &pager_cmd)
        .output()
        .map(|o| (String::from_utf8_lossy(&o.stdout).into_owned(), o.status))
        .unwrap();
    assert!(!piped.contains("PAGED-BY-TEST"), "never in a pipe");
    // A pager that is not installed: the text is printed instead.
    let (code, screen) = pty(env, 100, &["finding", "list"], &[("PAGER", "no-such-pager-here")]);
    assert_eq!(code, 0);
    assert!(screen.contains("编号"));
}

#[test]
fn hostile_text_from_a_file_never_reaches_the_terminal_raw() {
    let env = Env::new();
    env.init_county();
    let hostile = "恶意\u{1b}]0;PWNED\u{7}\u{1b}[2J企业\u{8}\u{8}\u{202e}gnp.exe\u{9b}31m";
    let uscc = common::uscc(7);
    // Written straight into the file, as an older release's import or a bundle could have left it.
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.execute(
        "INSERT INTO enterprises (uscc, name, county, industry, contact) VALUES (?1, ?2, '330523', ?3, '')",
        rusqlite::params![uscc, hostile, "化工\tx\r"],
    )
    .unwrap();
    drop(conn);
    for args in [
        &["enterprise", "list", "--no-pager"][..],
        &["enterprise", "list", "--no-pager", "--format", "csv"],
        &["enterprise", "list", "--no-pager", "--format", "json"],
        &["enterprise", "list", "--no-pager", "--format", "md"],
        &["enterprise", "show", &uscc, "--no-pager"],
    ] {
        let (code, screen) = pty(&env, 120, args, &[("NO_COLOR", "1")]);
        assert_eq!(code, 0, "{args:?}: {screen}");
        for bad in ['\u{1b}', '\u{7}', '\u{8}', '\u{202e}', '\u{9b}'] {
            assert!(!screen.contains(bad), "{args:?}: {bad:?} reached the terminal: {screen:?}");
        }
        assert!(screen.contains("PWNED"), "{args:?}: the text is shown, escaped: {screen}");
        if args.len() == 3 {
            fits_in_boxes(&screen, 120, "a hostile name");
        }
    }
    // Scripts get the text as it is: csv and json content unchanged.
    let (csv, _) = env.ok(&["enterprise", "list", "--format", "csv"]);
    assert!(csv.contains(hostile));
    let (json, _) = env.ok(&["enterprise", "list", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v[0]["name"], hostile);
    assert!(!json.contains('\u{202e}') && !json.contains('\u{9b}'), "json carries them as \\u escapes");
}

#[test]
fn long_work_shows_progress_on_a_terminal_only() {
    let env = Env::new();
    env.ok(&["demo"]);
    let (code, screen) = pty(&env, 100, &["check"], &[]);
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("检查 [") && screen.contains("/2"), "a bar with counts: {screen:?}");
    assert!(screen.contains("完整性"), "which step: {screen:?}");
    for (args, vars) in [(&["check", "--no-input"][..], &[][..]), (&["check"], &[("CI", "true")][..])] {
        let (code, screen) = pty(&env, 100, args, vars);
        assert_eq!(code, 0);
        assert!(!screen.contains("检查 [") && !screen.contains('\u{1b}'), "{args:?} {vars:?}: {screen:?}");
        assert!(screen.contains("：完好"), "{screen}");
    }
    // An import on a terminal: a bar over its rows; piped: the summary only.
    let file = env.write("e.csv", format!("uscc,name,county\n{},某化工有限公司,330523\n", common::uscc(1)));
    let (code, screen) = pty(&env, 100, &["enterprise", "import", file.to_str().unwrap()], &[]);
    assert_eq!(code, 0, "{screen}");
    assert!(screen.contains("导入企业 ["), "{screen:?}");
    let (out, err) = env.ok(&["enterprise", "import", file.to_str().unwrap()]);
    assert!(!err.contains("导入企业 [") && !out.contains('['), "{err}");
}
