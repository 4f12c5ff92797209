//! Issue 5, "How it is shown": offline laptops and roll-up through the binary (SPEC §6).
//!
//! - a bureau and two laptops cloned from it, each working offline while the bureau works too,
//!   merged in both orders, with and without re-imports: every record present exactly once, and
//!   the record edited on two sides listed as a conflict and resolved;
//! - county → city → province roll-up;
//! - refusals (damaged, foreign, newer) with the database unchanged;
//! - rules across records re-checked after a merge;
//! - an ignored benchmark (bench/sync.sh): a laptop with 2,000 visits and 10,000 findings.

mod common;
mod sync_support;

use std::collections::BTreeSet;
use std::time::Instant;

use sync_support::{reseal, summary, World, VILLAGES};

const ALL: [&str; 3] = ["b.db", "l1.db", "l2.db"];

/// The bureau, two laptop copies, work on all three; returns (visits, findings, the finding
/// edited on two sides).
fn three_sides(w: &World) -> (BTreeSet<String>, BTreeSet<String>, String) {
    w.bureau("b.db");
    let v0 = w.visit("b.db", VILLAGES[0], None);
    let f0 = w.finding("b.db", &v0, "生活污水直排");
    w.ok("b.db", &["sync", "clone", "-o", "l1.db"]);
    w.ok("b.db", &["sync", "clone", "-o", "l2.db"]);

    // Offline, in the villages.
    let v1 = w.visit("l1.db", VILLAGES[1], None);
    let f1 = w.finding("l1.db", &v1, "垃圾清运不及时");
    let f1b = w.finding("l1.db", &v0, "异味扰民");
    w.update("l1.db", &f0, "in-progress");
    let v2 = w.visit("l2.db", VILLAGES[2], None);
    let f2 = w.finding("l2.db", &v2, "夜间施工噪声");
    w.update("l2.db", &f2, "in-progress");

    // Meanwhile at the bureau, the same finding moves on further.
    let v3 = w.visit("b.db", VILLAGES[3], None);
    let f3 = w.finding("b.db", &v3, "秸秆焚烧");
    w.update("b.db", &f0, "in-progress");
    w.update("b.db", &f0, "resolved");

    let visits = [v0, v1, v2, v3].into_iter().collect();
    let findings = [f0.clone(), f1, f1b, f2, f3].into_iter().collect();
    (visits, findings, f0)
}

fn laptops_merge(l2_first: bool, reimport: bool, keep: &[&str], want_status: &str) {
    let w = World::new();
    let (visits, findings, f0) = three_sides(&w);

    w.export("l1.db", "l1.zfb", &[]);
    w.export("l2.db", "l2.zfb", &[]);
    let order = if l2_first { ["l2.zfb", "l1.zfb"] } else { ["l1.zfb", "l2.zfb"] };
    let mut conflicts = 0;
    for f in order {
        conflicts += summary(&w.import("b.db", f))[3];
    }
    assert_eq!(conflicts, 1, "the finding changed on the bureau and on laptop 1");
    if reimport {
        let before = w.snapshot("b.db");
        for f in order {
            assert_eq!(summary(&w.import("b.db", f)), [0, 0, 0, 0], "re-importing {f} changes nothing");
        }
        assert_eq!(w.snapshot("b.db"), before);
    }

    // The bureau brings both laptops up to date.
    for l in ["l1.db", "l2.db"] {
        let file = format!("b-{l}.zfb");
        let s = summary(&w.send("b.db", l, &file));
        assert_eq!(s[3], 0, "the laptops take the bureau's later changes without conflict");
        if reimport {
            let before = w.snapshot(l);
            assert_eq!(summary(&w.import(l, &file)), [0, 0, 0, 0]);
            assert_eq!(w.snapshot(l), before);
        }
    }
    // ... and the laptops' next bundles carry nothing the bureau lacks.
    for l in ["l1.db", "l2.db"] {
        assert_eq!(summary(&w.send(l, "b.db", &format!("{l}-again.zfb"))), [0, 0, 0, 0]);
    }

    // Every record of every side, exactly once, everywhere.
    for db in ALL {
        assert_eq!(w.ids(db, "visits"), visits, "visits in {db}");
        assert_eq!(w.ids(db, "findings"), findings, "findings in {db}");
        assert_eq!(w.count(db, "visits"), 4);
        assert_eq!(w.count(db, "findings"), 5);
        assert_eq!(w.count(db, "visit_participants"), 4);
        // f0: created, in-progress on the laptop, in-progress and resolved at the bureau; one
        // event for each of f1, f1b, f3; two for f2.
        assert_eq!(w.count(db, "finding_events"), 9, "finding events in {db}");
    }
    let same = |sql: &str| {
        let b = w.rows("b.db", sql);
        for l in ["l1.db", "l2.db"] {
            assert_eq!(w.rows(l, sql), b, "{sql} differs between b.db and {l}");
        }
    };
    same("SELECT * FROM visits ORDER BY id");
    same("SELECT * FROM finding_events ORDER BY id");

    // The record edited on two sides: both versions kept at the bureau, listed field by field.
    let list = w.ok("b.db", &["conflict", "list", "--format", "csv"]);
    let line = list.lines().find(|l| l.contains(&f0[..8])).unwrap_or_else(|| panic!("{list}"));
    assert!(line.contains("findings") && line.contains(",status,resolved,in-progress"), "{line}");
    assert_eq!(w.query_text("b.db", &format!("SELECT status FROM findings WHERE id = '{f0}'")), "resolved");
    let id = w.query_i64("b.db", "SELECT id FROM sync_conflicts WHERE resolved_at IS NULL").to_string();
    let mut args = vec!["conflict", "resolve", id.as_str(), "--keep"];
    args.extend_from_slice(keep);
    w.ok("b.db", &args);
    assert_eq!(w.query_text("b.db", &format!("SELECT status FROM findings WHERE id = '{f0}'")), want_status);
    assert_eq!(w.query_i64("b.db", "SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL"), 0);
    assert_eq!(w.query_i64("b.db", "SELECT count(*) FROM audit WHERE command LIKE '%conflict resolve%'"), 1);
    let (_, out, err) = w.run("b.db", &["conflict", "list"]);
    assert!(out.trim().is_empty() && err.contains("没有未决冲突"), "{out}{err}");

    // The history already ends where the kept version is: the resolution adds no step (a step
    // back, resolved → in-progress or open, is refused: a_resolution_never_moves_a_finding_back).
    let last = w.query_text(
        "b.db",
        &format!("SELECT to_status FROM finding_events WHERE finding_id = '{f0}' ORDER BY seq DESC, date DESC, id DESC LIMIT 1"),
    );
    assert_eq!(last, want_status);

    // The resolution travels like any change.
    for l in ["l1.db", "l2.db"] {
        w.send("b.db", l, &format!("resolved-{l}.zfb"));
        assert_eq!(w.query_text(l, &format!("SELECT status FROM findings WHERE id = '{f0}'")), want_status);
        assert_eq!(w.query_i64(l, "SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL"), 0);
        assert_eq!(w.count(l, "finding_events"), 9);
    }
    same("SELECT * FROM findings ORDER BY id");
    same("SELECT * FROM finding_events ORDER BY id");

    // The reports' local copy of the histories (finding_spans) never travels: every side derives
    // it from the merged history, and each comes out the same and as `check` expects.
    same("SELECT * FROM finding_spans ORDER BY finding_id, from_date");
    for db in ALL {
        // f1, f1b, f3: created, one span each; f2 and f0: created, then changed on a later day
        // (f0's four changes that day leave one span: the last).
        assert_eq!(w.count(db, "finding_spans"), 7, "spans in {db}");
        // f0's merged history holds the move to in-progress made on two sides: one move, and a
        // valid history (check passes entirely).
        let (code, out, err) = w.run(db, &["check"]);
        assert_eq!(code, 0, "{db}: {out}{err}");
    }
}

#[test]
fn laptops_merge_laptop_one_first_with_reimports() {
    laptops_merge(false, true, &["mine"], "resolved");
}

#[test]
fn laptops_merge_laptop_two_first_without_reimports() {
    laptops_merge(true, false, &["severity=high"], "resolved");
}

#[test]
fn bureau_status_shows_peers_pending_and_conflicts() {
    let w = World::new();
    three_sides(&w);
    w.send("l1.db", "b.db", "l1.zfb");
    let (_, out, err) = w.run("b.db", &["sync", "status", "--format", "csv"]);
    let l1 = &w.replica("l1.db")[..8];
    let l2 = &w.replica("l2.db")[..8];
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(rows[0], "peer,org,relation,last_import,last_export,sent,acked,pending", "{out}");
    let row = |id: &str| rows.iter().find(|r| r.starts_with(id)).copied().unwrap_or_else(|| panic!("{out}"));
    assert!(row(l1).contains(",clone,"), "{out}");
    // laptop 2 lacks the bureau's 4 later changes and laptop 1's 4.
    assert!(row(l2).ends_with(",8"), "{out}");
    // laptop 1 acknowledged its own and lacks the bureau's 4 later changes.
    assert!(row(l1).ends_with(",4"), "{out}");
    assert!(err.contains("未决冲突：1"), "{err}");
    // After the bureau sends to laptop 2 and hears back, nothing is pending for it.
    w.send("b.db", "l2.db", "b-l2.zfb");
    w.send("l2.db", "b.db", "l2.zfb");
    let (_, out, _) = w.run("b.db", &["sync", "status", "--format", "csv"]);
    assert!(out.lines().any(|r| r.starts_with(l2) && r.ends_with(",0")), "{out}");
    let (_, out, err) = w.run("l1.db", &["--lang", "en", "sync", "status", "--format", "csv"]);
    assert!(out.contains(",origin,") && err.contains("laptop copy"), "{out}{err}");
}

#[test]
fn county_city_province_roll_up() {
    let w = World::new();
    w.bureau("county.db");
    let v1 = w.visit("county.db", VILLAGES[0], None);
    w.visit("county.db", VILLAGES[1], None);
    w.finding("county.db", &v1, "饮用水源保护区内排污");
    w.ok("city.db", &["init", "--org", "3305", "--year", "2012"]);
    w.ok("prov.db", &["init", "--org", "33", "--year", "2012"]);

    w.export("county.db", "county.zfb", &["--to", "3305"]);
    let s = summary(&w.import("city.db", "county.zfb"));
    assert!(s[0] > 200 && s[3] == 0, "{s:?}");
    assert_eq!(w.count("city.db", "visits"), 2);
    assert_eq!(w.count("city.db", "findings"), 1);
    assert_eq!(
        w.query_i64("city.db", "SELECT count(*) FROM areas WHERE level = 5"),
        218,
        "the county's villages came too"
    );

    w.export("city.db", "city.zfb", &["--to", "33"]);
    w.import("prov.db", "city.zfb");
    assert_eq!(w.query_i64("prov.db", "SELECT count(*) FROM visits WHERE county = '330523'"), 2);
    assert_eq!(w.count("prov.db", "findings"), 1);

    // The same changes reaching the province by another path are not applied twice (the
    // province only learns that the county exists, and what it holds).
    let before = w.snapshot("prov.db");
    assert_eq!(summary(&w.import("prov.db", "county.zfb")), [0, 0, 0, 0]);
    let data = |mut s: std::collections::BTreeMap<String, i64>| {
        s.retain(|k, _| !["audit", "sync_peers", "sync_acks"].contains(&k.as_str()));
        s
    };
    assert_eq!(data(w.snapshot("prov.db")), data(before));
    let before = w.snapshot("prov.db");
    assert_eq!(summary(&w.import("prov.db", "county.zfb")), [0, 0, 0, 0]);
    assert_eq!(w.snapshot("prov.db"), before, "and the same bundle twice changes nothing at all");

    // The county works on; its next bundle adds only what is new up the chain.
    w.visit("county.db", VILLAGES[2], None);
    w.export("county.db", "county2.zfb", &["--to", "3305"]);
    assert_eq!(summary(&w.import("city.db", "county2.zfb"))[0], 2, "one visit and its participant");
    w.export("city.db", "city2.zfb", &[]);
    w.import("prov.db", "city2.zfb");
    assert_eq!(w.query_i64("prov.db", "SELECT count(*) FROM visits WHERE county = '330523'"), 3);

    // The city knows whom it heard from.
    let (_, out, _) = w.run("city.db", &["sync", "status", "--format", "csv"]);
    assert!(out.lines().any(|l| l.contains(",330523,lower,")), "{out}");

    // Records do not go down (from above, only receipts) or sideways.
    let err = w.refused("county.db", &["sync", "import", "city.zfb"]);
    assert!(err.contains("从上级只接收回执"), "{err}");
    w.ok("huzhou2.db", &["init", "--org", "3306", "--year", "2012"]);
    w.export("huzhou2.db", "3306.zfb", &[]);
    let err = w.refused("city.db", &["sync", "import", "3306.zfb"]);
    assert!(err.contains("3306") && err.contains("不在本单位辖区"), "{err}");
}

/// The province's progress report (`report progress`) counts what the county sent up.
#[test]
fn province_progress_report_counts_the_county_visits() {
    let w = World::new();
    w.bureau("county.db");
    w.visit("county.db", VILLAGES[0], None);
    w.visit("county.db", VILLAGES[1], None);
    w.ok("city.db", &["init", "--org", "3305", "--year", "2012"]);
    w.ok("prov.db", &["init", "--org", "33", "--year", "2012"]);
    w.export("county.db", "county.zfb", &["--to", "3305"]);
    w.import("city.db", "county.zfb");
    w.export("city.db", "city.zfb", &["--to", "33"]);
    w.import("prov.db", "city.zfb");
    let report: serde_json::Value =
        serde_json::from_str(&w.ok("prov.db", &["report", "progress", "--format", "json"]))
            .expect("json report");
    fn find(
        v: &serde_json::Value,
        hit: &dyn Fn(&serde_json::Map<String, serde_json::Value>) -> bool,
    ) -> bool {
        match v {
            serde_json::Value::Object(m) => hit(m) || m.values().any(|x| find(x, hit)),
            serde_json::Value::Array(a) => a.iter().any(|x| find(x, hit)),
            _ => false,
        }
    }
    let g1_two = |m: &serde_json::Map<String, serde_json::Value>| {
        m.get("group").and_then(|g| g.as_str()) == Some("G1")
            && m.get("cumulative").and_then(|c| c.as_i64()) == Some(2)
    };
    assert!(
        find(&report, &g1_two),
        "the province's progress report shows the county group's 2 visits: {report}"
    );
}

#[test]
fn refused_bundles_leave_the_database_unchanged() {
    let w = World::new();
    w.bureau("b.db");
    w.visit("b.db", VILLAGES[0], None);
    w.ok("b.db", &["sync", "clone", "-o", "l1.db"]);
    w.ok("b.db", &["sync", "clone", "-o", "l2.db"]);
    let v = w.visit("l1.db", VILLAGES[1], None);
    w.finding("l1.db", &v, "河道漂浮物");
    w.export("l1.db", "l1.zfb", &[]);
    let good = std::fs::read(w.path("l1.zfb")).unwrap();

    let mut flipped = good.clone();
    let mid = good.len() / 2;
    flipped[mid] ^= 0x01;
    let mut newer_format = good.clone();
    newer_format[8] = 2;
    let newer_schema = reseal(&good, |h| h["schema"] = 99.into());
    let older_schema = reseal(&good, |h| h["schema"] = 0.into());
    let other_year = reseal(&good, |h| h["campaign"]["year"] = 2013.into());
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated.zfb", good[..good.len() / 2].to_vec(), "truncated"),
        ("cut-by-one.zfb", good[..good.len() - 1].to_vec(), "truncated"),
        ("flipped.zfb", flipped, "checksum"),
        ("garbage.zfb", b"PK\x03\x04 not a bundle at all".to_vec(), "not a zoufang sync bundle"),
        ("empty.zfb", Vec::new(), "not a zoufang sync bundle"),
        ("newer-format.zfb", newer_format, "newer zoufang"),
        ("newer-schema.zfb", newer_schema, "newer zoufang (its records are of schema version 99"),
        ("older-schema.zfb", older_schema, "older zoufang (its records are of schema version 0"),
        ("other-year.zfb", other_year, "another campaign"),
    ];
    let before = w.snapshot("b.db");
    for (name, bytes, want) in &cases {
        std::fs::write(w.path(name), bytes).unwrap();
        let err = w.refused("b.db", &["--lang", "en", "sync", "import", name]);
        assert!(err.contains(want) && err.contains("nothing was imported"), "{name}: {err}");
        let err = w.refused("b.db", &["--lang", "en", "sync", "import", name, "--dry-run"]);
        assert!(err.contains(want), "{name} (dry run): {err}");
        assert_eq!(w.snapshot("b.db"), before, "{name} changed the database");
    }

    // Real databases of other campaigns, and of no relation to this one.
    w.ok("y2013.db", &["init", "--org", "330523", "--year", "2013"]);
    w.ok("js.db", &["init", "--org", "32", "--year", "2012"]);
    w.ok("stranger.db", &["init", "--org", "330523", "--year", "2012"]);
    w.ok("stranger.db", &["staff", "add", "某人"]);
    w.ok("stranger.db", &["sync", "clone", "-o", "stranger-laptop.db"]);
    w.ok("stranger-laptop.db", &["staff", "add", "某人二"]);
    for (db, want) in [
        ("y2013.db", "another campaign (province 33, 2013)"),
        ("js.db", "another campaign (province 32, 2012)"),
        ("stranger.db", "another database of bureau 330523"),
        ("stranger-laptop.db", "not from a copy of this database"),
    ] {
        let file = format!("{db}.zfb");
        w.export(db, &file, &[]);
        let err = w.refused("b.db", &["--lang", "en", "sync", "import", &file]);
        assert!(err.contains(want), "{db}: {err}");
        assert_eq!(w.snapshot("b.db"), before, "{db}'s bundle changed the database");
    }

    // A laptop takes bundles from its own bureau only.
    let before_l2 = w.snapshot("l2.db");
    let err = w.refused("l2.db", &["--lang", "en", "sync", "import", "l1.zfb"]);
    assert!(err.contains("only from the database it was cloned from"), "{err}");
    assert_eq!(w.snapshot("l2.db"), before_l2);
    // A bundle made for laptop 1 is not for laptop 2.
    w.export("b.db", "for-l1.zfb", &["--to", &w.replica("l1.db")[..8]]);
    let err = w.refused("l2.db", &["--lang", "en", "sync", "import", "for-l1.zfb"]);
    assert!(err.contains("made for another database"), "{err}");
    assert_eq!(w.snapshot("l2.db"), before_l2);

    // The good bundle still goes in.
    assert_eq!(summary(&w.import("b.db", "l1.zfb"))[0], 4, "visit, participant, finding, event");
}

#[test]
fn dry_run_shows_the_same_and_writes_nothing() {
    let w = World::new();
    three_sides(&w);
    w.export("l1.db", "l1.zfb", &[]);
    let before = w.snapshot("b.db");
    let (code, dry, err) = w.run("b.db", &["sync", "import", "l1.zfb", "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(w.snapshot("b.db"), before);
    // It names the record that would be in conflict, and keeps nothing.
    assert!(err.contains("将会冲突：findings ") && err.contains("双方都修改了"), "{err}");
    assert!(!err.contains("both versions kept"), "{err}");
    // The same, for scripts.
    let (code, out, _) = w.run("b.db", &["sync", "import", "l1.zfb", "--dry-run", "--format", "json"]);
    assert_eq!(code, 0);
    let j: serde_json::Value = serde_json::from_str(&out).expect("a JSON summary");
    assert_eq!(j["dry_run"], true);
    assert_eq!(j["conflicts"], 1, "{j}");
    assert_eq!(j["tables"]["findings"]["conflicts"], 1, "{j}");
    assert_eq!(j["conflicted"][0]["table"], "findings", "{j}");
    assert_eq!(j["added"], 7, "{j}");
    assert_eq!(w.snapshot("b.db"), before);
    let real = w.import("b.db", "l1.zfb");
    assert_eq!(summary(&dry), summary(&real));
    // A visit and its participant, two findings and their events, the event of laptop 1's
    // update; the update itself meets the bureau's own change to the same finding.
    assert_eq!(summary(&real), [7, 0, 0, 1], "{real}");
}

#[test]
fn merge_rechecks_rules_across_records() {
    let w = World::new();
    w.bureau("b.db");
    w.ok("b.db", &["sync", "clone", "-o", "l1.db"]);
    w.ok("b.db", &["sync", "clone", "-o", "l2.db"]);
    // Each laptop, alone, visits the same village and forms G2 of five people.
    w.visit("l1.db", VILLAGES[5], None);
    w.visit("l2.db", VILLAGES[5], None);
    let group = |db: &str, members: &[&str]| {
        let mut args = vec!["group", "create", "G2", "--leader", "陈局"];
        for m in members {
            args.extend(["--member", m]);
        }
        args.extend(["--county", "330523", "--from", "2012-03-12", "--to", "2012-03-16"]);
        w.ok(db, &args);
    };
    group("l1.db", &["李明", "张华", "赵强", "钱五"]);
    // Three members in common: the merged group has six people, one over the limit.
    group("l2.db", &["李明", "张华", "赵强", "孙六"]);
    w.send("l1.db", "b.db", "l1.zfb");
    w.export("l2.db", "l2.zfb", &[]);
    let (code, out, err) = w.run("b.db", &["sync", "import", "l2.zfb"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(summary(&out)[3], 0, "identical rows added on both sides are not conflicts: {out}");
    assert!(err.contains("2 处跨记录的规则问题"), "{err}");
    assert_eq!(w.query_i64("b.db", "SELECT count(*) FROM group_members WHERE group_code = 'G2'"), 6);
    let list = w.ok("b.db", &["conflict", "list", "--format", "csv"]);
    assert!(list.lines().any(|l| l.contains("duplicate-visit") && l.contains(VILLAGES[5])), "{list}");
    assert!(
        list.lines().any(|l| l.contains("group-size") && l.contains("G2") && l.contains("6 人")),
        "{list}"
    );
    // `check` runs the same rules: the merged group of six is a breach there too (exit 3).
    let (code, out, err) = w.run("b.db", &["check"]);
    assert_eq!(code, 3, "check after a merge that broke the group size\n{out}\n{err}");
    let said = format!("{out}{err}");
    assert!(said.lines().any(|l| l.contains("group-size") && l.contains("G2")), "{said}");
}

#[test]
fn clone_gets_a_new_identity_and_backup_stays_exact() {
    let w = World::new();
    w.bureau("b.db");
    w.ok("b.db", &["sync", "clone", "-o", "l1.db"]);
    w.ok("b.db", &["backup", "-o", "copy.db"]);
    let b = w.replica("b.db");
    assert_ne!(w.replica("l1.db"), b);
    assert_eq!(w.query_text("l1.db", "SELECT value FROM meta WHERE key = 'origin_replica'"), b);
    assert_eq!(w.query_text("l1.db", "SELECT value FROM meta WHERE key = 'origin_org'"), "330523");
    assert_eq!(w.replica("copy.db"), b);
    let mut want = w.snapshot("b.db");
    let got = w.snapshot("copy.db");
    // The bureau noted the clone after the copy was made... but before the backup: all equal.
    want.retain(|k, _| k != "audit");
    let mut got_no_audit = got.clone();
    got_no_audit.retain(|k, _| k != "audit");
    assert_eq!(got_no_audit, want);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for f in ["l1.db", "copy.db"] {
            let mode = std::fs::metadata(w.path(f)).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "{f} is private");
        }
    }
    let err = w.refused("l1.db", &["sync", "clone", "-o", "l1-copy.db"]);
    assert!(err.contains("本身就是笔记本副本"), "{err}");
    let err = w.refused("b.db", &["sync", "clone", "-o", "l1.db"]);
    assert!(err.contains("已经存在"), "{err}");
    let err = w.refused("b.db", &["sync", "export"]);
    assert!(err.contains("-o FILE"), "{err}");
    let before = std::fs::read(w.path("copy.db")).unwrap();
    let err = w.refused("b.db", &["sync", "export", "-o", "copy.db"]);
    assert!(err.contains("是数据库"), "{err}");
    assert_eq!(std::fs::read(w.path("copy.db")).unwrap(), before);
    assert!(!w.path("l1-copy.db").exists());
}

#[test]
fn a_laptop_restored_from_an_older_copy_gets_its_changes_back() {
    let w = World::new();
    w.bureau("b.db");
    w.ok("b.db", &["sync", "clone", "-o", "l1.db"]);
    let v1 = w.visit("l1.db", VILLAGES[1], None);
    w.ok("l1.db", &["backup", "-o", "l1-old.db"]);
    let v2 = w.visit("l1.db", VILLAGES[2], None);
    w.send("l1.db", "b.db", "l1.zfb");
    // The laptop's disk is restored from the older copy: it lost v2 and the change that made it.
    std::fs::copy(w.path("l1-old.db"), w.path("l1.db")).unwrap();
    assert!(!w.ids("l1.db", "visits").contains(&v2));
    // The bureau's next bundle was made believing the laptop had v2: the laptop sees that the
    // bureau holds a change it made and lost, and says how it comes back.
    let to = w.replica("l1.db");
    w.export("b.db", "b-l1.zfb", &["--to", &to[..8]]);
    let (code, _, err) = w.run("l1.db", &["sync", "import", "b-l1.zfb"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("从较早的副本恢复") && err.contains("--full"), "{err}");
    // A full bundle brings it back at once, and says so.
    w.export("b.db", "b-l1-full.zfb", &["--to", &to[..8], "--full"]);
    let (code, _, err) = w.run("l1.db", &["--lang", "en", "sync", "import", "b-l1-full.zfb"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("this database was restored from an older copy")
            && err.contains("1 change it had lost was brought back"),
        "{err}"
    );
    assert_eq!(w.ids("l1.db", "visits"), [v1, v2].into_iter().collect());
    // Its next change numbers follow them.
    let v3 = w.visit("l1.db", VILLAGES[3], None);
    w.send("l1.db", "b.db", "l1-next.zfb");
    assert!(w.ids("b.db", "visits").contains(&v3), "the bureau took the laptop's next change");
    assert_same_everywhere(&w, &["b.db", "l1.db"]);
}

/// Issue 11, reproduction 1: the laptop is restored from its backup and makes a new change under
/// the number the lost one had. Before: the bureau took it for the change it already had ("0
/// changesets applied, 2 already here") and the laptop never got the lost one back.
#[test]
fn a_restored_laptop_that_went_on_working_loses_nothing_either_way() {
    let w = World::new();
    w.bureau("b.db");
    w.ok("b.db", &["sync", "clone", "-o", "l.db"]);
    let v1 = w.visit("l.db", VILLAGES[0], None);
    w.ok("l.db", &["backup", "-o", "l-bak.db"]);
    let v2 = w.visit("l.db", VILLAGES[1], None);
    w.send("l.db", "b.db", "l1.zfb");
    std::fs::copy(w.path("l-bak.db"), w.path("l.db")).unwrap();
    let v3 = w.visit("l.db", VILLAGES[2], None);
    w.export("l.db", "l2.zfb", &[]);
    let (code, out, err) = w.run("b.db", &["sync", "import", "l2.zfb"]);
    assert_eq!(code, 0, "{err}");
    assert!(summary(&out)[0] > 0, "the new visit is added: {out}");
    assert!(err.contains("从较早的副本恢复") && err.contains("没有覆盖任何记录"), "{err}");
    assert!(w.ids("b.db", "visits").is_superset(&[v1.clone(), v2.clone(), v3.clone()].into_iter().collect()));
    // Back to the laptop: the lost visit comes back, and the laptop is told.
    let to = w.replica("l.db");
    w.export("b.db", "b1.zfb", &["--to", &to[..8]]);
    let (code, _, err) = w.run("l.db", &["--lang", "en", "sync", "import", "b1.zfb"]);
    assert_eq!(code, 0, "{err}");
    // In plain words, whichever of the two changes numbered #2 kept the place.
    assert!(
        err.contains("this database was restored from an older copy")
            && err.contains("its 1 new change was kept and the sender already has it")
            && err.contains("1 change it had lost was brought back"),
        "{err}"
    );
    assert!(w.ids("l.db", "visits").is_superset(&[v1, v2, v3].into_iter().collect()));
    // Both go on: nothing is sent twice, nothing is missed.
    let v4 = w.visit("l.db", VILLAGES[3], None);
    let line = w.send("l.db", "b.db", "l3.zfb");
    assert_eq!(summary(&line)[3], 0, "{line}");
    assert!(w.ids("b.db", "visits").contains(&v4));
    let line = w.send("b.db", "l.db", "b2.zfb");
    assert_eq!(summary(&line), [0, 0, 0, 0], "{line}");
    assert_same_everywhere(&w, &["b.db", "l.db"]);
}

/// Issue 11, reproduction 1, the other way round: the restored laptop hears from the bureau
/// before it sends. It is told the bureau holds a change it lost; a full bundle brings it back,
/// and it is told in plain words what happened: its new change was kept and will be sent, the
/// lost one came back. Then everything is everywhere, once. (Run twice: the two changes numbered
/// #2 have random ids, and either may keep the place.)
#[test]
fn a_restored_laptop_is_told_what_was_kept_and_what_came_back() {
    for _ in 0..2 {
        let w = World::new();
        w.bureau("b.db");
        w.ok("b.db", &["sync", "clone", "-o", "l.db"]);
        w.visit("l.db", VILLAGES[0], None);
        w.ok("l.db", &["backup", "-o", "l-bak.db"]);
        let lost = w.visit("l.db", VILLAGES[1], None);
        w.send("l.db", "b.db", "l1.zfb");
        std::fs::copy(w.path("l-bak.db"), w.path("l.db")).unwrap();
        let _ = std::fs::remove_file(w.path("l.db-wal"));
        let new = w.visit("l.db", VILLAGES[2], None);
        let to = w.replica("l.db");
        w.export("b.db", "b1.zfb", &["--to", &to[..8]]);
        let (code, _, err) = w.run("l.db", &["sync", "import", "b1.zfb"]);
        assert_eq!(code, 0, "{err}");
        assert!(err.contains("从较早的副本恢复的：对方至少有本数据库做过、现已丢失的 1 项更改"), "{err}");
        w.export("b.db", "b2.zfb", &["--to", &to[..8], "--full"]);
        let (code, _, err) = w.run("l.db", &["--lang", "en", "sync", "import", "b2.zfb"]);
        assert_eq!(code, 0, "{err}");
        assert!(
            err.contains(
                "this database was restored from an older copy (or copied from another database): its 1 new change was kept and will be sent with its next bundle"
            ) && err.contains("; 1 change it had lost was brought back"),
            "{err}"
        );
        assert!(w.ids("l.db", "visits").is_superset(&[lost.clone(), new.clone()].into_iter().collect()));
        let (code, _, err) = w.run("l.db", &["sync", "import", "b2.zfb"]);
        assert_eq!(code, 0, "{err}");
        assert!(!err.contains("restored") && !err.contains("恢复"), "said once: {err}");
        w.send("l.db", "b.db", "l2.zfb");
        assert!(w.ids("b.db", "visits").contains(&new));
        w.send("b.db", "l.db", "b3.zfb");
        assert_same_everywhere(&w, &["b.db", "l.db"]);
    }
}

/// A `cp` of a laptop used as a second laptop: both number their changes alike, and both are
/// delivered, each once.
#[test]
fn a_copied_laptop_used_as_a_second_one_delivers_both() {
    let w = World::new();
    w.bureau("b.db");
    w.ok("b.db", &["sync", "clone", "-o", "l.db"]);
    w.visit("l.db", VILLAGES[0], None);
    std::fs::copy(w.path("l.db"), w.path("l2.db")).unwrap();
    let a = w.visit("l.db", VILLAGES[1], None);
    // Its first write gives the copy an identity of its own, and says so.
    let (code, _, err) = w.run("l2.db", &["staff", "add", "冯九"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("有了自己的同步身份"), "{err}");
    assert_ne!(w.replica("l2.db"), w.replica("l.db"));
    let b = w.visit("l2.db", VILLAGES[2], None);
    let c = w.visit("l2.db", VILLAGES[3], None);
    w.send("l.db", "b.db", "l.zfb");
    w.send("l2.db", "b.db", "l2.zfb");
    assert!(w.ids("b.db", "visits").is_superset(&[a.clone(), b.clone(), c.clone()].into_iter().collect()));
    for (db, file) in [("l.db", "b-l.zfb"), ("l2.db", "b-l2.zfb")] {
        w.send("b.db", db, file);
        assert!(
            w.ids(db, "visits").is_superset(&[a.clone(), b.clone(), c.clone()].into_iter().collect()),
            "{db}"
        );
    }
    // Further changes on either still arrive once.
    let d = w.visit("l.db", VILLAGES[4], None);
    let e = w.visit("l2.db", VILLAGES[5], None);
    w.send("l.db", "b.db", "l-2.zfb");
    w.send("l2.db", "b.db", "l2-2.zfb");
    w.send("b.db", "l.db", "b-l-2.zfb");
    w.send("b.db", "l2.db", "b-l2-2.zfb");
    assert!(w.ids("b.db", "visits").is_superset(&[d, e].into_iter().collect()));
    assert_same_everywhere(&w, &["b.db", "l.db", "l2.db"]);
}

/// The bureau restores its own backup and goes on working: the laptop that holds what it lost
/// sends it back, and its new changes reach the laptop.
#[test]
fn a_bureau_restored_from_its_backup_gets_back_what_its_laptops_hold() {
    let w = World::new();
    w.bureau("b.db");
    w.ok("b.db", &["sync", "clone", "-o", "l.db"]);
    w.ok("b.db", &["backup", "-o", "b-bak.db"]);
    let lost = w.visit("b.db", VILLAGES[0], None);
    w.send("b.db", "l.db", "b1.zfb");
    std::fs::copy(w.path("b-bak.db"), w.path("b.db")).unwrap();
    let _ = std::fs::remove_file(w.path("b.db-wal"));
    let new = w.visit("b.db", VILLAGES[1], None);
    let mine = w.visit("l.db", VILLAGES[2], None);
    w.send("b.db", "l.db", "b2.zfb");
    w.send("l.db", "b.db", "l1.zfb");
    for db in ["b.db", "l.db"] {
        assert!(
            w.ids(db, "visits").is_superset(&[lost.clone(), new.clone(), mine.clone()].into_iter().collect()),
            "{db}"
        );
    }
    assert_same_everywhere(&w, &["b.db", "l.db"]);
}

/// Issue 11, reproduction 2: the laptop and the bureau each resolve the same conflict, each
/// keeping their own version. Before: both silently ended with the version of whichever
/// resolution had the larger random id, and the bureau's import said "conflicts 0".
#[test]
fn two_resolutions_that_disagree_are_a_new_conflict_with_one_outcome() {
    for first in ["l.db", "b.db"] {
        let w = World::new();
        w.bureau("b.db");
        w.ok("b.db", &["sync", "clone", "-o", "l.db"]);
        w.ok("l.db", &["workplan", "submit", "--item", "8", "--date", "2012-03-20"]);
        w.ok("b.db", &["workplan", "submit", "--item", "8", "--date", "2012-03-22"]);
        w.send("l.db", "b.db", "l1.zfb");
        w.send("b.db", "l.db", "b1.zfb");
        for db in ["l.db", "b.db"] {
            w.ok(db, &["conflict", "resolve", "1", "--keep", "mine"]);
        }
        let second = if first == "l.db" { "b.db" } else { "l.db" };
        let line = w.send(first, second, "x1.zfb");
        assert_eq!(summary(&line)[3], 1, "the disagreement is a new conflict: {line}");
        let line = w.send(second, first, "x2.zfb");
        assert_eq!(summary(&line)[3], 1, "the disagreement is a new conflict: {line}");
        let date = |db: &str| w.query_text(db, "SELECT submitted_on FROM workplans WHERE item = 8");
        assert_eq!(date("l.db"), date("b.db"), "one outcome, whatever the order");
        for db in ["l.db", "b.db"] {
            let list = w.ok(db, &["conflict", "list", "--format", "csv"]);
            assert!(list.contains("resolved_differently"), "{db}: {list}");
            assert!(list.contains("2012-03-20") && list.contains("2012-03-22"), "{db}: {list}");
        }
        // A person settles it on one side; the other takes it.
        let id = w.query_i64("l.db", "SELECT id FROM sync_conflicts WHERE kind = 'resolution'").to_string();
        w.ok("l.db", &["conflict", "resolve", &id, "--keep", "submitted_on=2012-03-21"]);
        w.send("l.db", "b.db", "l2.zfb");
        w.send("b.db", "l.db", "b2.zfb");
        for db in ["l.db", "b.db"] {
            assert_eq!(date(db), "2012-03-21", "{db}");
            assert_eq!(
                w.query_i64(db, "SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL"),
                0,
                "{db}"
            );
        }
        assert_same_everywhere(&w, &["b.db", "l.db"]);
    }
}

/// Issue 11, reproduction 3: a value set by `conflict resolve --keep FIELD=VALUE` passes the
/// rules of the command that normally writes the field. Before: every one of these was accepted,
/// passed `check` and travelled to every database.
#[test]
fn a_resolution_sets_only_values_the_fields_own_command_accepts() {
    let w = World::new();
    w.bureau("b.db");
    let v = w.visit("b.db", VILLAGES[0], None);
    let f = w.finding("b.db", &v, "污水直排");
    w.ok("b.db", &["sync", "clone", "-o", "l.db"]);
    w.update("l.db", &f, "in-progress");
    w.update("b.db", &f, "in-progress");
    w.update("b.db", &f, "resolved");
    let group = |db: &str, to: &str| {
        w.ok(
            db,
            &[
                "group",
                "create",
                "G6",
                "--leader",
                "陈局",
                "--member",
                "张华",
                "--county",
                "330523",
                "--from",
                "2012-04-02",
                "--to",
                to,
            ],
        );
    };
    group("l.db", "2012-04-06");
    group("b.db", "2012-04-07");
    w.send("l.db", "b.db", "l1.zfb");
    let id = |table: &str| {
        w.query_i64(
            "b.db",
            &format!("SELECT min(id) FROM sync_conflicts WHERE tbl = '{table}' AND resolved_at IS NULL"),
        )
        .to_string()
    };
    let (finding, group_conflict) = (id("findings"), id("groups"));
    for (conflict, keep, rule) in [
        (&finding, "due=31/04/2012", "not a date"),
        (&finding, "description=", "empty description"),
        (&finding, "status=closed", "closed by its follow-up"),
        (&group_conflict, "date_from=2012-04-09x", "not a date"),
        (&group_conflict, "date_to=2013-01-05", "outside the campaign year"),
        (&group_conflict, "date_to=2012-04-01", "ends (2012-04-01) before it starts"),
        (&group_conflict, "quota_villages=-5", "0 or more"),
    ] {
        let before = w.snapshot("b.db");
        let err = w.refused("b.db", &["--lang", "en", "conflict", "resolve", conflict, "--keep", keep]);
        assert!(err.contains(rule), "--keep {keep}: {err}");
        assert!(!err.contains("constraint") && !err.contains("CHECK"), "no raw SQLite message: {err}");
        assert_eq!(w.snapshot("b.db"), before, "--keep {keep} wrote nothing");
    }
    // A good value goes through, in the field's one form.
    w.ok("b.db", &["conflict", "resolve", &finding, "--keep", "due=2012/4/30"]);
    assert_eq!(w.query_text("b.db", &format!("SELECT due FROM findings WHERE id = '{f}'")), "2012-04-30");
    w.ok("b.db", &["conflict", "resolve", &group_conflict, "--keep", "date_to=2012-04-08"]);
    w.ok("b.db", &["check"]);
    // The resolutions travel; both databases end alike, and nothing is left for a person.
    w.send("b.db", "l.db", "b1.zfb");
    w.send("l.db", "b.db", "l2.zfb");
    for db in ["b.db", "l.db"] {
        assert_eq!(w.query_text(db, "SELECT date_to FROM groups WHERE code = 'G6'"), "2012-04-08", "{db}");
        assert_eq!(
            w.query_i64(db, "SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL"),
            0,
            "{db}"
        );
    }
    assert_same_everywhere(&w, &["b.db", "l.db"]);
}

/// Issue 11, reproduction 4: both sides make the same move of one finding. Before: `check` said
/// "a change from open follows in-progress" while `conflict list` was clean, and moving the finding
/// on did not clear it.
#[test]
fn the_same_move_made_on_two_sides_is_a_valid_history() {
    let w = World::new();
    w.bureau("b.db");
    let v = w.visit("b.db", VILLAGES[0], None);
    let f = w.finding("b.db", &v, "污水直排");
    w.ok("b.db", &["sync", "clone", "-o", "l.db"]);
    w.update("l.db", &f, "in-progress");
    w.update("b.db", &f, "in-progress");
    w.send("l.db", "b.db", "l1.zfb");
    w.send("b.db", "l.db", "b1.zfb");
    for db in ["b.db", "l.db"] {
        assert_eq!(
            w.query_i64(db, &format!("SELECT count(*) FROM finding_events WHERE finding_id = '{f}'")),
            3
        );
        assert_eq!(w.ok(db, &["conflict", "list"]), "", "{db}");
    }
    assert_same_everywhere(&w, &["b.db", "l.db"]);
    // It moves on from there, on either side.
    w.update("l.db", &f, "resolved");
    w.send("l.db", "b.db", "l2.zfb");
    assert_eq!(w.query_text("b.db", &format!("SELECT status FROM findings WHERE id = '{f}'")), "resolved");
    w.send("b.db", "l.db", "b2.zfb");
    assert_same_everywhere(&w, &["b.db", "l.db"]);
}

/// Issue 11, reproduction 4: `--keep theirs` on a finding whose history has gone further here
/// would have written a backward step (resolved → in-progress) that `check` then flagged.
#[test]
fn a_resolution_never_moves_a_finding_back() {
    let w = World::new();
    w.bureau("b.db");
    let v = w.visit("b.db", VILLAGES[0], None);
    let f = w.finding("b.db", &v, "污水直排");
    w.ok("b.db", &["sync", "clone", "-o", "l.db"]);
    w.update("l.db", &f, "in-progress");
    w.update("b.db", &f, "in-progress");
    w.update("b.db", &f, "resolved");
    w.send("l.db", "b.db", "l1.zfb");
    let id = w.query_i64("b.db", "SELECT min(id) FROM sync_conflicts WHERE tbl = 'findings'").to_string();
    let before = w.snapshot("b.db");
    let err = w.refused("b.db", &["--lang", "en", "conflict", "resolve", &id, "--keep", "theirs"]);
    assert!(err.contains("cannot go from resolved to in-progress") && err.contains("--keep mine"), "{err}");
    assert_eq!(w.snapshot("b.db"), before);
    w.ok("b.db", &["conflict", "resolve", &id, "--keep", "mine"]);
    w.send("b.db", "l.db", "b1.zfb");
    w.send("l.db", "b.db", "l2.zfb");
    for db in ["b.db", "l.db"] {
        assert_eq!(
            w.query_text(db, &format!("SELECT status FROM findings WHERE id = '{f}'")),
            "resolved",
            "{db}"
        );
    }
    assert_same_everywhere(&w, &["b.db", "l.db"]);
}

/// Issue 11, reproduction 4: group G6 formed on both sides with its own leader merges into one
/// group with two leaders. Before: `check` reported it, `conflict list` did not, and no command
/// could repair it.
#[test]
fn a_group_formed_on_two_sides_is_listed_and_repaired_with_set_leader() {
    let w = World::new();
    w.bureau("b.db");
    w.ok("b.db", &["sync", "clone", "-o", "l.db"]);
    let group = |db: &str, leader: &str, member: &str| {
        w.ok(
            db,
            &[
                "group",
                "create",
                "G6",
                "--leader",
                leader,
                "--member",
                member,
                "--county",
                "330523",
                "--from",
                "2012-04-02",
                "--to",
                "2012-04-06",
            ],
        );
    };
    group("l.db", "陈局", "张华");
    group("b.db", "王局", "赵强");
    w.send("l.db", "b.db", "l1.zfb");
    let list = w.ok("b.db", &["conflict", "list", "--format", "csv"]);
    assert!(
        list.lines()
            .any(|l| l.contains("group-leader") && l.contains("G6") && l.contains("group set-leader")),
        "{list}"
    );
    w.assert_list_agrees_with_check("b.db");
    let err = w.refused("b.db", &["group", "set-leader", "G6", "张华", "--reason", "x"]);
    assert!(err.contains("不能任走访组 G6 的组长"), "{err}");
    w.ok("b.db", &["group", "set-leader", "G6", "陈局", "--reason", "局里安排陈局带队"]);
    let log = w.ok("b.db", &["log", "--format", "csv"]);
    assert!(log.contains("局里安排陈局带队"), "the reason is in the audit log: {log}");
    assert_eq!(w.ok("b.db", &["conflict", "list", "--format", "csv"]).matches("group-leader").count(), 0);
    w.send("b.db", "l.db", "b1.zfb");
    w.send("l.db", "b.db", "l2.zfb");
    assert_same_everywhere(&w, &["b.db", "l.db"]);
}

/// Issue 11, reproduction 4: two laptops visit one village on one day; the breach is listed by
/// `conflict list` as by `check`, with the command that repairs it.
#[test]
fn two_visits_of_one_village_on_one_day_are_listed_with_their_repair() {
    let w = World::new();
    w.bureau("b.db");
    w.ok("b.db", &["sync", "clone", "-o", "l1.db"]);
    w.ok("b.db", &["sync", "clone", "-o", "l2.db"]);
    w.visit("l1.db", VILLAGES[4], None);
    w.visit("l2.db", VILLAGES[4], None);
    w.send("l1.db", "b.db", "l1.zfb");
    w.send("l2.db", "b.db", "l2.zfb");
    let list = w.ok("b.db", &["conflict", "list", "--format", "csv"]);
    assert!(
        list.lines()
            .any(|l| l.contains("duplicate-visit") && l.contains(VILLAGES[4]) && l.contains("visit void")),
        "{list}"
    );
    w.assert_list_agrees_with_check("b.db");
}

/// Issue 15, incremental roll-up: a county's next bundle to its city carries only what it did not
/// send before; a lost bundle is recovered by the city's receipt (what it holds) or by `--full`.
#[test]
fn a_county_s_weekly_bundle_carries_only_what_the_city_has_not_had() {
    let w = World::new();
    w.bureau("county.db");
    for v in &VILLAGES[0..3] {
        w.visit("county.db", v, None);
    }
    w.ok("city.db", &["init", "--org", "3305", "--year", "2012"]);
    w.export("county.db", "week1.zfb", &["--to", "3305"]);
    w.import("city.db", "week1.zfb");
    w.visit("county.db", VILLAGES[3], None);
    w.export("county.db", "week2.zfb", &["--to", "3305"]);
    let size = |f: &str| std::fs::metadata(w.path(f)).expect("bundle").len();
    assert!(size("week2.zfb") * 10 < size("week1.zfb"), "{} vs {}", size("week2.zfb"), size("week1.zfb"));
    assert_eq!(summary(&w.import("city.db", "week2.zfb"))[0], 2, "one visit and its participant");
    // Week 3's bundle is lost on the way; week 4's cannot be applied without it, and says how.
    let v5 = w.visit("county.db", VILLAGES[4], None);
    w.export("county.db", "week3.zfb", &["--to", "3305"]);
    let v6 = w.visit("county.db", VILLAGES[5], None);
    w.export("county.db", "week4.zfb", &["--to", "3305"]);
    let err = w.refused("city.db", &["sync", "import", "week4.zfb"]);
    assert!(err.contains("--full"), "{err}");
    // The city's receipt tells the county what it holds: the next bundle carries week 3 again.
    let (code, _, err) = w.run("city.db", &["sync", "export", "--to", "330523", "-o", "receipt.zfb"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("receipt"), "{err}");
    w.import("county.db", "receipt.zfb");
    w.export("county.db", "week4b.zfb", &["--to", "3305"]);
    w.import("city.db", "week4b.zfb");
    assert!(w.ids("city.db", "visits").is_superset(&[v5, v6].into_iter().collect()));
    // A full bundle is always taken, and changes nothing already there.
    w.export("county.db", "full.zfb", &["--to", "3305", "--full"]);
    assert_eq!(summary(&w.import("city.db", "full.zfb")), [0, 0, 0, 0]);
    // From above, a bureau takes receipts only: a bundle of the city's records is refused.
    w.export("city.db", "city-full.zfb", &["--full"]);
    let err = w.refused("county.db", &["sync", "import", "city-full.zfb"]);
    assert!(err.contains("从上级只接收回执"), "{err}");
}

/// A second, separately initialised database of a county the city already hears from is refused
/// unless accepted explicitly, so that the county's records are not counted twice.
#[test]
fn a_second_database_of_a_known_county_is_refused_unless_accepted() {
    let w = World::new();
    w.bureau("county.db");
    w.visit("county.db", VILLAGES[0], None);
    w.ok("city.db", &["init", "--org", "3305", "--year", "2012"]);
    w.export("county.db", "c1.zfb", &["--to", "3305"]);
    w.import("city.db", "c1.zfb");
    w.build_bureau("county2.db");
    w.export("county2.db", "c2.zfb", &["--to", "3305"]);
    let before = w.snapshot("city.db");
    let err = w.refused("city.db", &["sync", "import", "c2.zfb"]);
    assert!(err.contains("把 330523 的记录算两遍"), "{err}");
    assert!(err.contains("--accept-new-origin"), "{err}");
    assert_eq!(w.snapshot("city.db"), before);
    w.ok("city.db", &["sync", "import", "c2.zfb", "--accept-new-origin"]);
    // And the dry run names what would conflict, as JSON for scripts.
    let (code, out, _) = w.run("city.db", &["sync", "import", "c1.zfb", "--dry-run", "--format", "json"]);
    assert_eq!(code, 0);
    let j: serde_json::Value = serde_json::from_str(&out).expect("a JSON summary");
    assert_eq!(j["dry_run"], true);
    assert!(j["tables"].is_object() && j["conflicts"].is_number(), "{j}");
}

/// Every change made anywhere is present exactly once on every replica: they hold the same change
/// log (by change id) and the same rows in every exchanged table; each passes `check`, and
/// `conflict list` lists exactly what `check` lists.
#[track_caller]
fn assert_same_everywhere(w: &World, dbs: &[&str]) {
    let first = w.exchanged(dbs[0]);
    let changes = |db: &str| w.rows(db, "SELECT id FROM sync_log ORDER BY id");
    let all = changes(dbs[0]);
    for db in dbs {
        let (code, out, err) = w.run(db, &["check"]);
        assert_eq!(code, 0, "check on {db}\n{out}\n{err}");
        w.assert_list_agrees_with_check(db);
        // Every change made anywhere is here, once (the log's ids are unique).
        assert_eq!(changes(db), all, "the changes held by {} and {db}", dbs[0]);
        if *db != dbs[0] {
            let dump = w.exchanged(db);
            for (t, rows) in &first {
                assert_eq!(dump.get(t), Some(rows), "table {t} differs between {} and {db}", dbs[0]);
            }
            assert_eq!(dump.len(), first.len());
        }
    }
}

/// A laptop with 2,000 visits and 10,000 findings, each written by its own `Store::write` (as one
/// command each would), then `sync export` and `sync import` timed through the binary. Run by
/// bench/sync.sh (`cargo test --release --test sync -- --ignored --nocapture`).
#[test]
#[ignore]
fn bench_laptop_with_2000_visits_and_10000_findings() {
    use zoufang::store::{Actor, Store};
    let w = World::new();
    w.bureau("b.db");
    w.ok("b.db", &["sync", "clone", "-o", "laptop.db"]);
    let staff = w.query_text("laptop.db", "SELECT id FROM staff WHERE name = '王局'");
    let actor = Actor { user: "bench".into(), command: "bench".into() };
    let t = Instant::now();
    let mut store = Store::open(&w.path("laptop.db")).unwrap();
    let mut n = 0u64;
    let mut next = || {
        n += 1;
        format!("{:016x}{:016x}", 0x5eed_0000_0000_0000u64 + n, n.wrapping_mul(0x9e37_79b9_7f4a_7c15))
    };
    for i in 0..2000 {
        let visit = next();
        let village = VILLAGES[i % VILLAGES.len()];
        store
            .write(&actor, |wr| {
                wr.tx.execute(
                    "INSERT INTO visits(id, group_code, date, target_kind, target_code, county, item, method, discipline_ok,
                         revisit_reason, notes, form_kind, form_version, answers, recorded_by, recorded_at)
                     VALUES (?1, 'G1', '2012-03-06', 'village', ?2, '330523', 1, 'onsite', 1, ?3, '走访农户，了解生活污水和垃圾处理情况',
                         'village', 1, '{\"households\":12,\"forum\":\"yes\"}', 'bench', '2012-03-06T10:00:00+08:00')",
                    rusqlite::params![visit, village, if i < VILLAGES.len() { None } else { Some("复查") }],
                )?;
                wr.tx.execute("INSERT INTO visit_participants(visit_id, staff_id) VALUES (?1, ?2)", [&visit, &staff])?;
                wr.touch("visit", &visit);
                Ok(())
            })
            .unwrap();
        for j in 0..5 {
            let finding = next();
            let event = next();
            store
                .write(&actor, |wr| {
                    wr.tx.execute(
                        "INSERT INTO findings(id, visit_id, category, description, severity, route, division, refer_to, due, on_site, status, created_on)
                         VALUES (?1, ?2, 'water', ?3, 'medium', 'env', '生态处', '', '2012-04-05', 0, 'open', '2012-03-06')",
                        rusqlite::params![finding, visit, format!("村口沟渠生活污水直排，第{j}处")],
                    )?;
                    wr.tx.execute(
                        "INSERT INTO finding_events(id, finding_id, seq, date, from_status, to_status, note, who, recorded_at)
                         VALUES (?1, ?2, 1, '2012-03-06', NULL, 'open', '', 'bench', '2012-03-06T10:00:00+08:00')",
                        [&event, &finding],
                    )?;
                    wr.touch("finding", &finding);
                    Ok(())
                })
                .unwrap();
        }
    }
    drop(store);
    let build = t.elapsed();
    let log_bytes = w.query_i64("laptop.db", "SELECT sum(length(changeset)) FROM sync_log");

    let t = Instant::now();
    w.export("laptop.db", "laptop.zfb", &[]);
    let export = t.elapsed();
    let size = std::fs::metadata(w.path("laptop.zfb")).unwrap().len();
    std::fs::copy(w.path("b.db"), w.path("b2.db")).unwrap();
    if let Ok(dir) = std::env::var("ZOUFANG_BENCH_KEEP") {
        // Keep the bundle and the bureau before the import, for profiling.
        std::fs::copy(w.path("laptop.zfb"), std::path::Path::new(&dir).join("laptop.zfb")).unwrap();
        std::fs::copy(w.path("b.db"), std::path::Path::new(&dir).join("bureau.db")).unwrap();
    }
    let t = Instant::now();
    let dry = w.ok("b.db", &["sync", "import", "laptop.zfb", "--dry-run"]);
    let dry_time = t.elapsed();
    let t = Instant::now();
    let line = w.import("b.db", "laptop.zfb");
    let import = t.elapsed();
    let t = Instant::now();
    let again = w.import("b.db", "laptop.zfb");
    let reimport = t.elapsed();
    assert_eq!(summary(&dry), summary(&line));
    assert_eq!(summary(&again), [0, 0, 0, 0]);
    assert_eq!(w.count("b.db", "visits"), 2000);
    assert_eq!(w.count("b.db", "findings"), 10000);

    // The same rows copied by the sqlite3 shell (no checks, no conflict handling, no change
    // log), for scale.
    let sql = format!(
        "PRAGMA foreign_keys = ON; ATTACH '{}' AS l; BEGIN;
         INSERT INTO visits SELECT * FROM l.visits x WHERE NOT EXISTS (SELECT 1 FROM main.visits m WHERE m.id = x.id);
         INSERT INTO visit_participants SELECT * FROM l.visit_participants x
           WHERE NOT EXISTS (SELECT 1 FROM main.visit_participants m WHERE m.visit_id = x.visit_id AND m.staff_id = x.staff_id);
         INSERT INTO findings SELECT * FROM l.findings x WHERE NOT EXISTS (SELECT 1 FROM main.findings m WHERE m.id = x.id);
         INSERT INTO finding_events SELECT * FROM l.finding_events x WHERE NOT EXISTS (SELECT 1 FROM main.finding_events m WHERE m.id = x.id);
         COMMIT;",
        w.path("laptop.db").display()
    );
    let t = Instant::now();
    let shell = std::process::Command::new("sqlite3").arg(w.path("b2.db")).arg(&sql).output();
    let shell_time = t.elapsed();
    let shell_ok = matches!(&shell, Ok(o) if o.status.success());

    println!("laptop: 2,000 visits + 10,000 findings written as 12,000 captured writes in {build:.2?}");
    println!("change log: {log_bytes} bytes of changesets");
    println!("sync export: {export:.2?}, bundle {size} bytes ({:.1} MB)", size as f64 / 1e6);
    println!("sync import --dry-run: {dry_time:.2?}  ({})", dry.trim());
    println!("sync import: {import:.2?}  ({})", line.trim());
    println!("sync import again (all skipped): {reimport:.2?}");
    if shell_ok {
        println!(
            "sqlite3 shell, the same rows by INSERT … SELECT from the attached laptop: {shell_time:.2?} (import / shell = {:.1}×)",
            import.as_secs_f64() / shell_time.as_secs_f64()
        );
    } else {
        println!("sqlite3 shell not available for the comparison");
    }
}

/// Bundles carry records in the shape the exchanged tables had at `store::EXCHANGE_VERSION`, so
/// that databases a schema version apart (a laptop not yet upgraded) still exchange them. If this
/// snapshot changes, a migration changed an exchanged table: set EXCHANGE_VERSION to its version.
#[test]
fn exchanged_tables_keep_the_shape_of_their_exchange_version() {
    let w = World::new();
    w.bureau("b.db");
    let conn = w.conn("b.db");
    let mut stmt = conn
        .prepare(
            "SELECT m.name, group_concat(p.name || ' ' || p.type || iif(p.pk > 0, ' key' || p.pk, ''), ', ')
             FROM sqlite_schema m, pragma_table_info(m.name) p
             WHERE m.type = 'table' GROUP BY m.name ORDER BY m.name",
        )
        .expect("the schema query");
    let tables: Vec<String> = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
        .expect("the schema")
        .map(|r| r.expect("a table"))
        .filter(|(name, _)| !zoufang::sync::is_local_table(name))
        .map(|(name, columns)| format!("{name}({columns})"))
        .collect();
    insta::assert_snapshot!(format!(
        "exchange version {}\n{}",
        zoufang::store::EXCHANGE_VERSION,
        tables.join("\n")
    ));
}

/// Every exchanged table's rows, and the reports' copy of the histories, in a stable order.
fn contents(w: &World, db: &str) -> Vec<(String, Vec<String>)> {
    let local = ["meta", "audit", "sync_log", "sync_peers", "sync_acks", "sync_conflicts"];
    let tables: Vec<String> = w
        .conn(db)
        .prepare(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<Vec<String>, _>>()
        .unwrap()
        .into_iter()
        .filter(|n| !local.contains(&n.as_str()))
        .collect();
    assert!(
        tables.iter().any(|t| t == "finding_spans") && tables.iter().any(|t| t == "visits"),
        "{tables:?}"
    );
    tables
        .into_iter()
        .map(|t| {
            let mut rows = w.rows(db, &format!("SELECT * FROM \"{t}\""));
            rows.sort();
            (t, rows)
        })
        .collect()
}

/// Issue 15: a bundle far larger than SQLite's and zoufang's stream chunks (a county's whole
/// demo season as one changeset) goes up two levels streamed, and each level holds exactly what
/// the county holds: every exchanged row, and the reports' copy of the histories (derived once
/// per import, not by the per-row triggers) equal to the county's; `check` agrees.
#[test]
fn a_big_bundle_rolls_up_two_levels_equal() {
    let w = World::new();
    w.ok("county.db", &["demo", "--scale", "county", "--seed", "1"]);
    w.ok("city.db", &["init", "--org", "3305", "--year", "2012"]);
    w.ok("province.db", &["init", "--org", "33", "--year", "2012"]);
    w.export("county.db", "county.zfb", &[]);
    let size = std::fs::metadata(w.path("county.zfb")).unwrap().len();
    assert!(size > 8 * 64 * 1024, "a bundle of {size} bytes spans many of SQLite's 64 KB stream chunks");
    let out = w.import("city.db", "county.zfb");
    assert!(summary(&out)[0] > 2000, "{out}");
    w.export("city.db", "city.zfb", &["--to", "33"]);
    w.import("province.db", "city.zfb");
    let county = contents(&w, "county.db");
    // The reference data every database seeds for itself (areas, zones…) differs in what lies
    // outside the county; compare the county's records.
    for db in ["city.db", "province.db"] {
        let got = contents(&w, db);
        for ((t, want), (t2, have)) in county.iter().zip(&got) {
            assert_eq!(t, t2);
            let have: BTreeSet<&String> = have.iter().collect();
            let missing: Vec<&String> = want.iter().filter(|r| !have.contains(r)).take(3).collect();
            assert!(
                missing.is_empty(),
                "{db}: {t} lacks {} rows of the county's, e.g. {missing:?}",
                missing.len()
            );
        }
        w.ok(db, &["check"]);
    }
    // The spans are exactly the county's: none more.
    let spans = |db: &str| w.rows(db, "SELECT * FROM finding_spans ORDER BY 1, 2, 3");
    assert_eq!(spans("city.db"), spans("county.db"));
    assert_eq!(spans("province.db"), spans("county.db"));
    // Importing again changes nothing.
    let again = w.import("province.db", "city.zfb");
    assert_eq!(summary(&again), [0, 0, 0, 0], "{again}");
}

/// Issue 15: `enterprise import` writes its changesets itself (`store::bulk`, `sync::record`)
/// instead of having a session record each row. What it logs (new rows, changed rows, a village
/// and a zone set or cleared, rows with none) reaches the city exactly as the county holds it,
/// interleaved with changes made by hand before and after, and the city's `check` passes.
#[test]
fn enterprises_imported_in_bulk_reach_the_city_as_the_county_holds_them() {
    let w = World::new();
    w.bureau("county.db");
    w.ok("city.db", &["init", "--org", "3305", "--year", "2012"]);
    w.ok("county.db", &["zone", "add", "Z1", "--name", "天子湖园区", "--county", "330523"]);
    let code = common::uscc_big;
    w.ok("county.db", &["enterprise", "add", &code(999), "--name", "手工登记", "--county", "330523"]);
    let file = |rows: &[(u32, &str, &str, &str)]| {
        let mut s = String::from("uscc,name,county,village,zone,phone\n");
        for (n, name, village, zone) in rows {
            s.push_str(&format!("{},{name},330523,{village},{zone},0572-{n}\n", code(*n)));
        }
        s
    };
    let first: Vec<(u32, String, &str, &str)> = (0..60)
        .map(|n| {
            (
                n,
                format!("企业{n}"),
                if n % 3 == 0 { VILLAGES[0] } else { "" },
                if n % 4 == 0 { "Z1" } else { "" },
            )
        })
        .collect();
    let first: Vec<(u32, &str, &str, &str)> =
        first.iter().map(|(n, s, v, z)| (*n, s.as_str(), *v, *z)).collect();
    std::fs::write(w.path("e1.csv"), file(&first)).unwrap();
    w.ok("county.db", &["enterprise", "import", w.path("e1.csv").to_str().unwrap()]);
    // Again: 20 changed (a name, a village set, a zone set or cleared), 20 the same, 10 new.
    let mut second: Vec<(u32, &str, &str, &str)> = first[..40].to_vec();
    for row in &mut second[..20] {
        *row = match row.0 % 3 {
            0 => (row.0, "改名企业", "", row.3),
            1 => (row.0, row.1, VILLAGES[1], ""),
            _ => (row.0, row.1, row.2, if row.3.is_empty() { "Z1" } else { "" }),
        };
    }
    second.extend((60..70).map(|n| (n, "新企业", "", "")));
    std::fs::write(w.path("e2.csv"), file(&second)).unwrap();
    let out =
        w.run("county.db", &["--lang", "en", "enterprise", "import", w.path("e2.csv").to_str().unwrap()]).2;
    assert!(out.contains("added 10, updated 20, unchanged 20"), "{out}");
    w.ok("county.db", &["enterprise", "edit", &code(5), "--phone", "0572-5555555"]);

    w.export("county.db", "county.zfb", &["--to", "3305"]);
    w.import("city.db", "county.zfb");
    let rows = |db: &str| w.rows(db, "SELECT * FROM enterprises WHERE county = '330523' ORDER BY uscc");
    assert_eq!(rows("county.db").len(), 71);
    assert_eq!(rows("city.db"), rows("county.db"));
    w.ok("city.db", &["check"]);
}

/// Issue 15: the checksum is checked again while the bundle streams in, before anything is
/// applied: a bundle whose bytes no longer match (changed after its first check) is refused with
/// nothing applied, even after every changeset of it was read.
#[test]
fn a_bundle_that_fails_its_checksum_mid_stream_applies_nothing() {
    use zoufang::store::{Actor, Store};
    use zoufang::sync::bundle;
    let w = World::new();
    w.bureau("b.db");
    w.ok("b.db", &["sync", "clone", "-o", "l1.db"]);
    for (i, village) in VILLAGES.iter().take(3).enumerate() {
        let v = w.visit("l1.db", village, None);
        w.finding("l1.db", &v, &format!("河道漂浮物 {i}"));
    }
    w.export("l1.db", "l1.zfb", &[]);
    let good = std::fs::read(w.path("l1.zfb")).unwrap();
    let before = w.snapshot("b.db");
    let actor = Actor { user: "test".into(), command: "sync import".into() };
    // The body and its lengths are intact; the trailer says otherwise: every changeset is read
    // (and copied into the change log) before the mismatch shows.
    let mut bad_trailer = good.clone();
    *bad_trailer.last_mut().unwrap() ^= 0x40;
    // A byte of the last changeset flipped.
    let mut bad_body = good.clone();
    let at = good.len() - 10;
    bad_body[at] ^= 0x01;
    for (name, bytes) in [("trailer", &bad_trailer), ("body", &bad_body)] {
        let mut store = Store::open(&w.path("b.db")).unwrap();
        let reader = bundle::Reader::open(&bytes[..], bytes.len() as u64).unwrap();
        assert!(reader.header.entries.len() >= 6, "several changesets");
        let err =
            zoufang::sync::import::import_from(&mut store, &actor, reader, name, false, false).unwrap_err();
        let text = format!("{err:#}");
        assert!(err.downcast_ref::<zoufang::error::Rejected>().is_some(), "{name}: {text}");
        assert!(text.contains("未导入任何内容") && text.contains("已损坏"), "{name}: {text}");
        drop(store);
        assert_eq!(w.snapshot("b.db"), before, "{name}: the database changed");
    }
    // The intact bundle goes in, through the same path.
    let mut store = Store::open(&w.path("b.db")).unwrap();
    let reader = bundle::Reader::open(&good[..], good.len() as u64).unwrap();
    let s = zoufang::sync::import::import_from(&mut store, &actor, reader, "good", false, false).unwrap();
    assert!(s.applied >= 6, "{s:?}");
}

/// Issue 12: text from a bundle is checked on the way in as typed text is. A bundle whose
/// finding carries a terminal escape (made by hand, not by zoufang) is refused whole and names
/// the record; the database is unchanged.
#[test]
fn a_bundle_carrying_a_control_character_is_refused() {
    let w = World::new();
    w.bureau("b.db");
    w.ok("b.db", &["sync", "clone", "-o", "l1.db"]);
    let v = w.visit("l1.db", VILLAGES[1], None);
    w.finding("l1.db", &v, "河道漂浮物");
    // The description inside the laptop's change log, replaced by as many bytes of hostile text.
    let (plain, hostile) = ("河道漂浮物".as_bytes(), b"\x1b]0;PWNED!\x07abcd");
    assert_eq!(plain.len(), hostile.len());
    let conn = rusqlite::Connection::open(w.path("l1.db")).unwrap();
    let rows: Vec<(i64, Vec<u8>)> = conn
        .prepare("SELECT rowid, changeset FROM sync_log")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut patched = 0;
    for (row, mut blob) in rows {
        if let Some(at) = blob.windows(plain.len()).position(|x| x == plain) {
            blob[at..at + plain.len()].copy_from_slice(hostile);
            conn.execute("UPDATE sync_log SET changeset = ?1 WHERE rowid = ?2", rusqlite::params![blob, row])
                .unwrap();
            patched += 1;
        }
    }
    drop(conn);
    assert_eq!(patched, 1, "the finding's description is in one change");
    w.export("l1.db", "l1.zfb", &[]);
    let before = w.snapshot("b.db");
    let err = w.refused("b.db", &["--lang", "en", "sync", "import", "l1.zfb"]);
    assert!(
        err.contains("control character") && err.contains("findings") && err.contains("nothing was imported"),
        "{err}"
    );
    assert!(!err.contains('\u{1b}'), "the message itself is escaped: {err:?}");
    assert_eq!(w.snapshot("b.db"), before);
    let err = w.refused("b.db", &["sync", "import", "l1.zfb"]);
    assert!(err.contains("控制字符"), "{err}");
}

/// Issue 15: after an import the rules are checked on what it touched (a weekly bundle into a
/// province database costs what it carries). A breach elsewhere stays `check`'s to report; one the
/// bundle makes is listed by the import itself.
#[test]
fn an_import_checks_the_rules_on_what_it_touched() {
    let w = World::new();
    w.bureau("b.db");
    let old = w.visit("b.db", VILLAGES[0], None);
    w.ok("b.db", &["sync", "clone", "-o", "l1.db"]);
    w.visit("b.db", VILLAGES[2], None);
    // A breach at the bureau the bundle has nothing to do with (made behind zoufang's back).
    let conn = rusqlite::Connection::open(w.path("b.db")).unwrap();
    conn.execute("UPDATE visits SET discipline_ok = 0 WHERE id = ?1", [&old]).unwrap();
    drop(conn);
    let (code, _, err) = w.run("b.db", &["--lang", "en", "check"]);
    assert_eq!(code, 3, "{err}");
    w.visit("l1.db", VILLAGES[1], None);
    w.export("l1.db", "l1.zfb", &[]);
    let (code, out, err) = w.run("b.db", &["sync", "import", "l1.zfb", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["rule_breaches"], serde_json::json!([]), "{out}");
    // The village the bureau visited meanwhile, visited on the laptop too: the import lists it.
    w.visit("l1.db", VILLAGES[2], None);
    w.export("l1.db", "l2.zfb", &[]);
    let (code, out, err) = w.run("b.db", &["sync", "import", "l2.zfb", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rules: Vec<&str> =
        v["rule_breaches"].as_array().unwrap().iter().map(|b| b["rule"].as_str().unwrap()).collect();
    assert_eq!(rules, ["duplicate-visit"], "{out}");
}
