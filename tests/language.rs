//! Language (issue 13): every `--help` in both languages with no text of the other one, every
//! option described, and the tables people read (finding list, visit list, status) in both.

mod common;

use clap::CommandFactory;
use common::Env;

/// Every command path of the clap tree: [], ["init"], ["visit", "log"], …
fn paths() -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        for s in cmd.get_subcommands() {
            path.push(s.get_name().to_string());
            walk(s, path, out);
            path.pop();
        }
    }
    let mut out = Vec::new();
    walk(&zoufang::cli::Cli::command(), &mut Vec::new(), &mut out);
    out
}

fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

/// Two or more English words in a row (separated by spaces only): a sentence, not a code. Option
/// names, placeholders (`<PATH>`, `FILE`), backticked commands and example lines are not text.
fn english_run(line: &str) -> Option<String> {
    let mut cleaned = String::new();
    let mut in_tick = false;
    for c in line.chars() {
        if c == '`' {
            in_tick = !in_tick;
            cleaned.push(' ');
        } else if !in_tick {
            cleaned.push(c);
        }
    }
    let words: Vec<&str> = cleaned.split(' ').collect();
    let is_word = |w: &str| {
        w.len() >= 2
            && w.chars().all(|c| c.is_ascii_alphabetic())
            && !w.chars().all(|c| c.is_ascii_uppercase())
    };
    let mut run: Vec<&str> = Vec::new();
    for w in words {
        if is_word(w) {
            run.push(w);
            if run.len() >= 2 {
                return Some(run.join(" "));
            }
        } else if !w.is_empty() {
            run.clear();
        }
    }
    None
}

/// The lines of a help text that are prose: not the usage line, not the examples (commands with
/// their data, which may be Chinese in any language).
fn prose(help: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for l in help.lines() {
        let t = l.trim_start();
        if t.starts_with("示例：") || t.starts_with("Examples:") {
            break;
        }
        if !(t.starts_with("zoufang ") || t.starts_with("用法：") || t.starts_with("Usage:")) {
            out.push(l);
        }
    }
    out
}

#[test]
fn every_help_is_in_one_language() {
    let env = Env::new();
    let mut bad = Vec::new();
    for path in paths() {
        for lang in ["zh", "en"] {
            let mut args: Vec<&str> = vec!["--lang", lang];
            args.extend(path.iter().map(String::as_str));
            args.push("--help");
            let (out, _) = env.ok(&args);
            for line in prose(&out) {
                let wrong = match lang {
                    "en" => line.chars().any(is_han).then(|| line.to_string()),
                    _ => english_run(line),
                };
                if let Some(w) = wrong {
                    bad.push(format!("zoufang {} --help ({lang}): {w:?} in {line:?}", path.join(" ")));
                }
            }
        }
    }
    assert!(bad.is_empty(), "help text in the other language:\n{}", bad.join("\n"));
}

#[test]
fn every_option_has_a_description_in_both_languages() {
    let mut missing = Vec::new();
    for lang in zoufang::i18n::Lang::ALL {
        zoufang::i18n::set_lang(lang);
        let cmd = zoufang::cli::command();
        fn walk(cmd: &clap::Command, path: &mut Vec<String>, lang: &str, missing: &mut Vec<String>) {
            if cmd.get_about().is_none_or(|a| a.to_string().trim().is_empty()) {
                missing.push(format!("{lang}: zoufang {} has no description", path.join(" ")));
            }
            for a in cmd.get_arguments() {
                let key = zoufang::i18n::help::arg_key(path, a.get_id().as_str());
                let described = a.get_help().is_some_and(|h| !h.to_string().trim().is_empty());
                let global_here = a.is_global_set() && !path.is_empty();
                let builtin = a.get_id() == "help" || (a.get_id() == "version" && path.is_empty());
                if !described || !(builtin || global_here || zoufang::i18n::lookup(&key).is_some()) {
                    missing.push(format!(
                        "{lang}: zoufang {} --{}: no description ({key})",
                        path.join(" "),
                        a.get_id()
                    ));
                }
            }
            for s in cmd.get_subcommands() {
                path.push(s.get_name().to_string());
                walk(s, path, lang, missing);
                path.pop();
            }
        }
        walk(&cmd, &mut Vec::new(), lang.code(), &mut missing);
    }
    zoufang::i18n::set_lang(zoufang::i18n::Lang::Zh);
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn closed_sets_are_listed_in_help_and_taken_by_their_chinese_label() {
    let env = Env::new();
    let (zh, _) = env.ok(&["finding", "add", "--help"]);
    assert!(zh.contains("water（水污染）"), "{zh}");
    assert!(zh.contains("env（本级办理）"), "{zh}");
    let (en, _) = env.ok(&["--lang", "en", "finding", "add", "--help"]);
    assert!(en.contains("[possible values: water,"), "{en}");
    // A misspelt value is a usage error naming the valid ones, in the reader's language.
    let (_, err) = env.fails(2, &["finding", "list", "--route", "envv"]);
    assert!(err.contains("错误：选项 --route") && err.contains("env"), "{err}");
    let (_, err) = env.fails(2, &["--lang", "en", "finding", "list", "--route", "envv"]);
    assert!(err.contains("invalid value 'envv'"), "{err}");
}

#[test]
fn clap_usage_errors_are_said_in_the_chosen_language() {
    let env = Env::new();
    let (_, err) = env.fails(2, &["visit", "lgo"]);
    assert!(err.starts_with("错误：没有 “lgo” 这个命令"), "{err}");
    assert!(err.contains("用法： zoufang visit") && err.contains("更多信息请用 --help"), "{err}");
    let (_, err) = env.fails(2, &["--lang", "en", "visit", "lgo"]);
    assert!(err.contains("unrecognized subcommand 'lgo'"), "{err}");
    let out = env.cmd().env("ZOUFANG_LANG", "en").args(["visit", "lgo"]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("unrecognized subcommand"), "$ZOUFANG_LANG=en: {err}");
}

/// A county campaign with one group, two visits (one breaking a prohibition) and two findings.
fn small_campaign() -> Env {
    let env = Env::new();
    env.init_county();
    env.ok(&["staff", "add", "王建国", "--leader", "--title", "副局长"]);
    env.ok(&["staff", "add", "李明"]);
    env.ok(&[
        "group",
        "create",
        "G1",
        "--leader",
        "王建国",
        "--member",
        "李明",
        "--county",
        "330523",
        "--from",
        "2012-03-05",
        "--to",
        "2012-03-09",
    ]);
    let (v1, _) = env.ok(&[
        "visit",
        "log",
        "--group",
        "G1",
        "--date",
        "2012-03-06",
        "--village",
        "330523001203",
        "--participant",
        "王建国",
        "--discipline-ok",
        "--method",
        "实地",
        "--answer",
        "households=12",
    ]);
    env.ok(&[
        "visit",
        "log",
        "--group",
        "G1",
        "--date",
        "2012-03-07",
        "--village",
        "330523001002",
        "--participant",
        "李明",
        "--violation",
        "meals:村里安排午饭",
        "--method",
        "forum",
        "--answer",
        "households=3",
    ]);
    let v1 = v1.trim();
    env.ok(&[
        "finding",
        "add",
        "--visit",
        v1,
        "--category",
        "水污染",
        "--desc",
        "生活污水直排",
        "--route",
        "env",
        "--due",
        "2012-03-20",
    ]);
    env.ok(&[
        "finding",
        "add",
        "--visit",
        v1,
        "--category",
        "rural",
        "--desc",
        "垃圾清运不及时",
        "--route",
        "other",
        "--refer-to",
        "递铺街道",
        "--date",
        "2012-03-08",
    ]);
    env
}

/// Ids are random: replace every 8-hex-digit id by a placeholder.
fn stable(s: &str) -> String {
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if word.len() == 8 && word.chars().all(|c| c.is_ascii_hexdigit()) {
            out.push_str("<id>");
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[test]
fn tables_people_read_are_in_their_language() {
    let env = small_campaign();
    for lang in ["zh", "en"] {
        for (name, args) in [
            ("finding_list", &["finding", "list"][..]),
            ("visit_list", &["visit", "list"][..]),
            ("status", &["--today", "2012-03-25", "status"][..]),
        ] {
            let mut full = vec!["--lang", lang];
            full.extend(args);
            let (out, _) = env.ok(&full);
            insta::assert_snapshot!(format!("{name}_{lang}"), stable(&out));
            match lang {
                "en" => assert!(!out.contains("水污染") && !out.contains("本级办理"), "{out}"),
                _ => assert!(!out.contains(" water ") && !out.contains(" onsite "), "{out}"),
            }
        }
    }
    // Scripts read codes under English names in both languages.
    let (zh, _) = env.ok(&["finding", "list", "--format", "csv"]);
    let (en, _) = env.ok(&["--lang", "en", "finding", "list", "--format", "csv"]);
    assert_eq!(stable(&zh), stable(&en));
    assert!(zh.starts_with("id,date,visit,county,category") && zh.contains(",water,"), "{zh}");
}

#[test]
fn the_dashboard_counts_only_what_is_dated_on_or_before_its_day() {
    let env = small_campaign();
    // On 3/5, before any visit: nothing found, no violation.
    let (before, _) = env.ok(&["--today", "2012-03-05", "status", "--format", "json"]);
    let j: serde_json::Value = serde_json::from_str(&before).unwrap();
    assert_eq!(j["sections"]["findings"][0]["measure"], "total");
    assert_eq!(j["sections"]["findings"][0]["count"], 0, "{j}");
    assert_eq!(j["sections"]["violations"].as_array().unwrap().len(), 0, "{j}");
    assert_eq!(j["sections"]["groups"][0]["visits"], 0, "{j}");
    let (after, _) = env.ok(&["--today", "2012-03-25", "status", "--format", "json"]);
    let j: serde_json::Value = serde_json::from_str(&after).unwrap();
    assert_eq!(j["sections"]["findings"][0]["count"], 2, "{j}");
    assert_eq!(j["sections"]["findings"][2]["measure"], "overdue");
    assert_eq!(j["sections"]["findings"][2]["count"], 1, "the one due 3/20 is overdue on 3/25: {j}");
    assert_eq!(j["sections"]["violations"].as_array().unwrap().len(), 1, "{j}");
    assert_eq!(j["sections"]["groups"][0]["visits"], 2, "{j}");
    // The same day's report gives the same figures.
    let (report, _) = env.ok(&["report", "progress", "--as-of", "2012-03-25", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_str(&report).unwrap();
    let value = |m: &str| {
        r["sections"]["results"].as_array().unwrap().iter().find(|x| x["measure"] == m).unwrap()["value"]
            .clone()
    };
    for (i, m) in [(0, "found"), (2, "overdue"), (5, "closed")] {
        assert_eq!(value(m), j["sections"]["findings"][i]["count"], "{m}: report {r} vs status {j}");
    }
}

/// Text with what it quotes taken out: backquoted commands, and data between quotes ('…', "…",
/// “…”, 「…」), which is the person's own and may be in any language.
fn unquoted(s: &str) -> String {
    let mut out = String::new();
    let mut close: Option<char> = None;
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match close {
            Some(end) if c == end => {
                close = None;
                out.push(' ');
            }
            Some(_) => {}
            None => {
                // An apostrophe inside a word (bureau's) is not a quote.
                let word_before = i > 0 && chars[i - 1].is_alphanumeric();
                let opens = match c {
                    '`' => Some('`'),
                    '"' => Some('"'),
                    '“' => Some('”'),
                    '「' => Some('」'),
                    '\'' if !word_before => Some('\''),
                    _ => None,
                };
                match opens {
                    Some(end) => close = Some(end),
                    None => out.push(c),
                }
            }
        }
    }
    out
}

/// Three or more English words in a row: a sentence left untranslated.
fn english_sentence(text: &str) -> Option<String> {
    let is_word = |w: &str| w.len() >= 2 && w.chars().all(|c| c.is_ascii_alphabetic());
    let mut run: Vec<&str> = Vec::new();
    for w in text.split([' ', '\n']) {
        let w = w.trim_start_matches('(').trim_end_matches([',', ';', ':', '.', ')']);
        if is_word(w) {
            run.push(w);
            if run.len() >= 3 {
                return Some(run.join(" "));
            }
        } else {
            run.clear();
        }
    }
    None
}

/// Refusals a clerk meets, run in both languages: in Chinese no English sentence, in English
/// no Chinese outside the data quoted. A message left as an English literal fails here.
#[test]
fn refusals_are_said_in_one_language() {
    let env = Env::new();
    env.init_county();
    let good = common::uscc(1);
    let bad_check = common::uscc_bad_check(2);
    env.write("bad-check.csv", format!("uscc,name,county\n{good},Acme,330523\n{bad_check},Bolt,330523\n"));
    env.write("bell.csv", format!("uscc,name,county\n{good},Acme\u{7}Works,330523\n"));
    env.write("short-row.csv", format!("uscc,name,county\n{good},Acme\n"));
    env.write("no-header.csv", "");
    env.write("no-columns.csv", "a,b\n1,2\n");
    env.write("notes.jpg", "not a photo");
    std::fs::create_dir_all(env.path("folder")).unwrap();
    env.write("garbage.zfb", "PK not a bundle");
    env.write("report.txt", "a report");
    let cases: Vec<(i32, Vec<&str>)> = vec![
        (3, vec!["enterprise", "import", "bad-check.csv"]),
        (3, vec!["enterprise", "import", "bell.csv"]),
        (3, vec!["enterprise", "import", "short-row.csv"]),
        (3, vec!["enterprise", "import", "no-header.csv"]),
        (3, vec!["enterprise", "import", "no-columns.csv"]),
        (3, vec!["enterprise", "import", "missing.csv"]),
        (3, vec!["enterprise", "add", "9133052300000000X1", "--name", "Acme", "--county", "330523"]),
        (3, vec!["enterprise", "add", &good, "--name", "Acme", "--county", "33052X"]),
        (3, vec!["enterprise", "add", &good, "--name", "Acme", "--county", "330522"]),
        (3, vec!["enterprise", "add", &good, "--name", "Acme", "--county", "330523", "--zone", "Z9"]),
        (3, vec!["staff", "add", "Ann\u{1b}]0;x"]),
        (3, vec!["staff", "list", "-o", "folder"]),
        (3, vec!["staff", "list", "--columns", "nosuch"]),
        (3, vec!["staff", "list", "-o", "list.foo"]),
        (3, vec!["sync", "import", "garbage.zfb"]),
        (3, vec!["sync", "export"]),
        (3, vec!["sync", "export", "-o", "out.zfb", "--to", "nosuchpeer"]),
        (3, vec!["conflict", "resolve", "7", "--keep", "mine"]),
        (3, vec!["conflict", "resolve", "7", "--keep", "nonsense"]),
        (3, vec!["attach", "add", "notes.jpg"]),
        (3, vec!["attach", "remove", "abcd1234", "--reason", " "]),
        (3, vec!["research", "submit", "--group", "G9", "--file", "report.txt"]),
        (3, common::words("group create G/1 --leader Ann --county 330523 --from 2012-03-05 --to 2012-03-09")),
        (3, vec!["backup"]),
        (3, vec!["sample", "visits", "--n", "0"]),
    ];
    let mut bad = Vec::new();
    for (code, args) in &cases {
        for lang in ["zh", "en"] {
            let mut full = vec!["--lang", lang];
            full.extend(args.iter().copied());
            let (_, err) = env.fails(*code, &full);
            let text = unquoted(&err);
            let wrong = match lang {
                "en" => text.chars().any(is_han).then(|| text.clone()),
                _ => english_sentence(&text),
            };
            if let Some(w) = wrong {
                bad.push(format!("zoufang {} ({lang}): {w:?} in\n{err}", args.join(" ")));
            }
        }
    }
    assert!(bad.is_empty(), "refusals in the other language:\n{}", bad.join("\n"));
}
