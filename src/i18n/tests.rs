//! The catalogues' own checks: they parse, both languages have the same ids with the same
//! variables, no id is repeated, and every id the code names exists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_bundle::FluentResource;
use fluent_syntax::ast;

use super::*;

fn entries(lang: Lang) -> BTreeMap<String, (String, BTreeSet<String>)> {
    let mut out = BTreeMap::new();
    for (file, src) in sources(lang) {
        let res = FluentResource::try_new((*src).to_string())
            .unwrap_or_else(|(_, errs)| panic!("locales/{}/{file} does not parse: {errs:?}", lang.code()));
        for entry in res.entries() {
            if let ast::Entry::Message(m) = entry {
                let id = m.id.name.to_string();
                assert!(m.value.is_some(), "locales/{}/{file}: {id} has no value", lang.code());
                let vars = variables(&src[..], id.as_str());
                let prev = out.insert(id.clone(), (file.to_string(), vars));
                assert!(
                    prev.is_none(),
                    "locales/{}: {id} is defined twice ({file} and {:?})",
                    lang.code(),
                    prev
                );
            }
        }
    }
    out
}

/// The `$names` a message's text uses (read from its source lines).
fn variables(src: &str, id: &str) -> BTreeSet<String> {
    let mut vars = BTreeSet::new();
    let mut inside = false;
    for line in src.lines() {
        if line.starts_with(|c: char| c.is_ascii_alphabetic()) {
            inside = line.split('=').next().map(str::trim) == Some(id);
        } else if line.starts_with('#') {
            inside = false;
        }
        if inside {
            let mut rest = line;
            while let Some(i) = rest.find('$') {
                rest = &rest[i + 1..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                vars.insert(name);
            }
        }
    }
    vars
}

#[test]
fn every_catalogue_file_is_listed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    for lang in Lang::ALL {
        let mut on_disk: Vec<String> = std::fs::read_dir(root.join(lang.code()))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| n.ends_with(".ftl"))
            .collect();
        on_disk.sort();
        let mut listed: Vec<String> = sources(lang).iter().map(|(f, _)| f.to_string()).collect();
        listed.sort();
        assert_eq!(on_disk, listed, "locales/{}: list every .ftl file in i18n::ZH/EN", lang.code());
    }
}

#[test]
fn both_languages_have_the_same_ids_and_variables() {
    let zh = entries(Lang::Zh);
    let en = entries(Lang::En);
    let only_zh: Vec<&String> = zh.keys().filter(|k| !en.contains_key(*k)).collect();
    let only_en: Vec<&String> = en.keys().filter(|k| !zh.contains_key(*k)).collect();
    assert!(only_zh.is_empty(), "in locales/zh but not in locales/en: {only_zh:?}");
    assert!(only_en.is_empty(), "in locales/en but not in locales/zh: {only_en:?}");
    for (id, (zfile, zvars)) in &zh {
        let (efile, evars) = &en[id];
        assert_eq!(zfile, efile, "{id} is in zh/{zfile} but en/{efile}");
        assert_eq!(zvars, evars, "{id}: the two languages use different variables");
    }
}

/// Ids are global: an id in two files (or twice in one) would have the later one silently win
/// at run time (`add_resource_overriding`), so each lives in exactly one file.
#[test]
fn no_id_is_defined_in_two_files() {
    for lang in Lang::ALL {
        let mut first: BTreeMap<String, &str> = BTreeMap::new();
        let mut twice = Vec::new();
        for (file, src) in sources(lang) {
            let res = FluentResource::try_new((*src).to_string()).unwrap_or_else(|(r, _)| r);
            for entry in res.entries() {
                if let ast::Entry::Message(m) = entry {
                    if let Some(other) = first.insert(m.id.name.to_string(), file) {
                        twice.push(format!("{} in {other} and {file}", m.id.name));
                    }
                }
            }
        }
        assert!(twice.is_empty(), "locales/{}: ids defined twice:\n{}", lang.code(), twice.join("\n"));
    }
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_id_the_code_names_exists() {
    let zh = entries(Lang::Zh);
    let mut files = Vec::new();
    rust_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut files);
    let mut missing = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for line in text.lines().filter(|l| !l.trim_start().starts_with("//")) {
            for pat in ["t!(\"", "msg!(\"", "Msg::new(\""] {
                let mut at = 0;
                while let Some(i) = line[at..].find(pat) {
                    let start = at + i;
                    at = start + pat.len();
                    let before = line[..start].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue; // format!( and the like
                    }
                    let id: String = line[at..].chars().take_while(|c| *c != '"').collect();
                    if !zh.contains_key(&id) {
                        missing.push(format!("{}: {id}", f.display()));
                    }
                }
            }
        }
    }
    assert!(missing.is_empty(), "ids named in code but in no catalogue:\n{}", missing.join("\n"));
}

#[test]
fn variables_are_filled_in_and_numbers_choose_plurals() {
    assert_eq!(render(Lang::En, "test-plural", &[("n", Arg::Int(1))]), "1 visit");
    assert_eq!(render(Lang::En, "test-plural", &[("n", Arg::Int(3))]), "3 visits");
    assert_eq!(render(Lang::Zh, "test-plural", &[("n", Arg::Int(3))]), "3 次走访");
    assert_eq!(render(Lang::Zh, "no-such-id", &[]), "no-such-id");
}

#[test]
fn the_language_is_read_before_clap() {
    let args = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
    assert_eq!(detect(args(&["zoufang", "--lang", "en", "status"])), Lang::En);
    assert_eq!(detect(args(&["zoufang", "status", "--lang=en"])), Lang::En);
    assert_eq!(detect(args(&["zoufang", "--lang", "zh-CN"])), Lang::Zh);
    // After `--` it is a value, not an option.
    assert_eq!(Lang::parse("en_US.UTF-8"), Some(Lang::En));
}

#[test]
#[ignore]
fn dump_help() {
    use clap::CommandFactory;
    fn walk(cmd: &clap::Command, path: &mut Vec<String>) {
        let about = cmd.get_long_about().or(cmd.get_about()).map(|s| s.to_string()).unwrap_or_default();
        println!("{} = {}", help::cmd_key(path), about.replace('\n', "\n    "));
        if let Some(a) = cmd.get_after_help() {
            println!("{}-examples = {}", help::cmd_key(path), a.to_string().replace('\n', "\n    "));
        }
        for a in cmd.get_arguments() {
            if a.is_global_set() && !path.is_empty() {
                continue;
            }
            let h = a.get_long_help().or(a.get_help()).map(|s| s.to_string()).unwrap_or_default();
            println!("{} = {}", help::arg_key(path, a.get_id().as_str()), h.replace('\n', "\n    "));
        }
        for s in cmd.get_subcommands() {
            path.push(s.get_name().to_string());
            walk(s, path);
            path.pop();
        }
    }
    walk(&crate::cli::Cli::command(), &mut Vec::new());
}
