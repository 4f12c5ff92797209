//! Issue 5: sync convergence as a property (in the spirit of taskchampion's `syncing-proptest`):
//! random work on three databases (a bureau and two laptop copies) and random exchanges between
//! them, then everything exchanged. Asserts that no record is ever lost, that importing a bundle
//! again changes nothing, that a bundle between two laptops is refused, and that databases which
//! exchanged everything hold the same visits, findings and finding histories (and the same
//! reports' copy of those histories, each equal to its derivation).
//!
//! Issue 11: the random work also backs databases up and restores them from their backups (the
//! file copied back over the database), replaces a laptop by a `cp` of the other one (a copy used
//! as another replica), records work plans on several sides (conflicts) and resolves conflicts on
//! either side (resolutions that may disagree); the same move of one finding is often made on two
//! sides. Properties: no change lost (whatever a database held is still somewhere, and arrives
//! everywhere), none applied twice (re-imports change nothing), and databases that exchanged
//! everything and settled their conflicts hold identical exchanged tables, pass `check`'s
//! damage and history rules, and `conflict list` lists exactly `check`'s rule breaches.
//!
//! Also fuzzes the bundle reader and the importer: damaged, truncated and made-up bundles are
//! refused, never a panic.

mod sync_support;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use proptest::prelude::*;
use sync_support::{summary, World, VILLAGES};
use zoufang::sync::bundle;

const DBS: [&str; 3] = ["b.db", "l1.db", "l2.db"];

/// `ci_cases` cases from a fixed seed per block (`zoufang::testing`: `ZOUFANG_PROPTEST=wide` for a
/// wider random run, `ZOUFANG_PROPTEST_SEED` to replay one).
fn config(name: &str, ci_cases: u32) -> ProptestConfig {
    let (seed, cases) = zoufang::testing::seed_and_cases(name, ci_cases);
    ProptestConfig {
        cases,
        rng_seed: proptest::test_runner::RngSeed::Fixed(seed),
        max_shrink_iters: 32,
        // Failures found before are replayed first: tests/sync_proptest.proptest-regressions.
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

#[derive(Debug, Clone)]
enum Op {
    Visit {
        at: usize,
        village: usize,
        revisit: bool,
    },
    Finding {
        at: usize,
        pick: usize,
    },
    Update {
        at: usize,
        pick: usize,
    },
    Send {
        from: usize,
        to: usize,
    },
    Backup {
        at: usize,
    },
    Restore {
        at: usize,
    },
    /// The laptop `to` is replaced by a `cp` of the other laptop's file.
    CopyOver {
        to: usize,
    },
    Workplan {
        at: usize,
        day: u32,
    },
    Resolve {
        at: usize,
        theirs: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..3usize, 0..5usize, prop::bool::weighted(0.3)).prop_map(|(at, village, revisit)| Op::Visit { at, village, revisit }),
        3 => (0..3usize, 0..64usize).prop_map(|(at, pick)| Op::Finding { at, pick }),
        4 => (0..3usize, 0..64usize).prop_map(|(at, pick)| Op::Update { at, pick }),
        3 => (0..3usize, 0..3usize).prop_map(|(from, to)| Op::Send { from, to }),
        1 => (0..3usize).prop_map(|at| Op::Backup { at }),
        1 => (0..3usize).prop_map(|at| Op::Restore { at }),
        1 => (1..3usize).prop_map(|to| Op::CopyOver { to }),
        1 => (0..3usize, 10..20u32).prop_map(|(at, day)| Op::Workplan { at, day }),
        2 => (0..3usize, prop::bool::ANY).prop_map(|(at, theirs)| Op::Resolve { at, theirs }),
    ]
}

struct Sim {
    w: World,
    visits: BTreeSet<String>,
    findings: BTreeSet<String>,
    /// What each database has held so far: it must never lose any of it.
    held: [BTreeSet<String>; 3],
    bundles: usize,
    /// The last backup of each database, if any.
    backups: [Option<String>; 3],
}

impl Sim {
    fn new() -> Sim {
        let w = World::new();
        w.bureau("b.db");
        // Records all three share from the start, so that all three can change them.
        let mut visits = BTreeSet::new();
        let mut findings = BTreeSet::new();
        for village in &VILLAGES[8..10] {
            let v = w.visit("b.db", village, None);
            for desc in ["污水", "垃圾"] {
                findings.insert(w.finding("b.db", &v, desc));
            }
            visits.insert(v);
        }
        w.ok("b.db", &["sync", "clone", "-o", "l1.db"]);
        w.ok("b.db", &["sync", "clone", "-o", "l2.db"]);
        Sim { w, visits, findings, held: Default::default(), bundles: 0, backups: Default::default() }
    }

    fn sorted_ids(&self, db: &str, table: &str) -> Vec<String> {
        self.w.ids(db, table).into_iter().collect()
    }

    fn records(&self, db: &str) -> BTreeSet<String> {
        let mut all = BTreeSet::new();
        for t in ["visits", "findings", "finding_events"] {
            all.extend(self.w.ids(db, t).into_iter().map(|id| format!("{t}:{id}")));
        }
        all
    }

    /// Replace database `at` by the file `src` (copied over it, as a clerk restores a backup).
    /// What only it held is gone from the world: it is no longer expected anywhere.
    /// `fresh`: a new file (another inode, as `cp` to a new name makes), else the old one
    /// overwritten (as `cp` over an existing file does).
    fn replace_file(&mut self, at: usize, src: &str, fresh: bool) {
        let db = DBS[at];
        let before = self.records(db);
        for ext in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(self.w.path(&format!("{db}{ext}")));
        }
        if fresh {
            std::fs::remove_file(self.w.path(db)).expect("remove the old file");
        }
        std::fs::copy(self.w.path(src), self.w.path(db)).expect("copy the file over the database");
        let now = self.records(db);
        let elsewhere: BTreeSet<String> =
            (0..3).filter(|i| *i != at).flat_map(|i| self.records(DBS[i])).collect();
        for gone in before.difference(&now).filter(|r| !elsewhere.contains(*r)) {
            if let Some(id) = gone.strip_prefix("visits:") {
                self.visits.remove(id);
            } else if let Some(id) = gone.strip_prefix("findings:") {
                self.findings.remove(id);
            }
        }
        self.held[at] = now;
    }

    fn check_nothing_lost(&mut self, at: usize) {
        let now = self.records(DBS[at]);
        let lost: Vec<&String> = self.held[at].difference(&now).collect();
        assert!(lost.is_empty(), "{} lost {lost:?}", DBS[at]);
        self.held[at] = now;
    }

    fn apply(&mut self, op: &Op) {
        match *op {
            Op::Visit { at, village, revisit } => {
                let db = DBS[at];
                let mut args = vec![
                    "visit",
                    "log",
                    "--group",
                    "G1",
                    "--date",
                    "2012-03-06",
                    "--village",
                    VILLAGES[village],
                    "--participant",
                    "王局",
                    "--discipline-ok",
                    "--answer",
                    "households=2",
                ];
                if revisit {
                    args.extend(["--revisit", "复查"]);
                }
                let (code, out, err) = self.w.run(db, &args);
                match code {
                    0 => {
                        let short = out.trim();
                        let id = self.w.ids(db, "visits").into_iter().find(|v| v.starts_with(short));
                        self.visits.insert(id.unwrap_or_else(|| panic!("visit {short} not in {db}")));
                    }
                    3 => assert!(err.contains("duplicate") || err.contains("重复"), "{err}"),
                    _ => panic!("visit log on {db}: exit {code}\n{err}"),
                }
            }
            Op::Finding { at, pick } => {
                let db = DBS[at];
                let visits = self.sorted_ids(db, "visits");
                if visits.is_empty() {
                    return;
                }
                let v = &visits[pick % visits.len()];
                let short = self.w.ok(
                    db,
                    &[
                        "finding",
                        "add",
                        "--visit",
                        &v[..8],
                        "--category",
                        "air",
                        "--desc",
                        "扬尘",
                        "--route",
                        "env",
                    ],
                );
                let id = self.w.ids(db, "findings").into_iter().find(|f| f.starts_with(&short));
                self.findings.insert(id.unwrap_or_else(|| panic!("finding {short} not in {db}")));
            }
            Op::Update { at, pick } => {
                let db = DBS[at];
                let findings = self.sorted_ids(db, "findings");
                if findings.is_empty() {
                    return;
                }
                let f = &findings[pick % findings.len()];
                let status = self.w.query_text(db, &format!("SELECT status FROM findings WHERE id = '{f}'"));
                let next = match status.as_str() {
                    "open" => "in-progress",
                    "in-progress" => "resolved",
                    _ => return,
                };
                self.w.update(db, f, next);
            }
            Op::Backup { at } => {
                self.bundles += 1;
                let file = format!("backup-{}.db", self.bundles);
                self.w.ok(DBS[at], &["backup", "-o", &file]);
                self.backups[at] = Some(file);
            }
            Op::Restore { at } => {
                let Some(file) = self.backups[at].clone() else { return };
                self.replace_file(at, &file, false);
            }
            Op::CopyOver { to } => {
                let from = 3 - to;
                self.bundles += 1;
                let file = format!("cp-{}.db", self.bundles);
                // Nothing runs on it while it is copied: its log is folded in first.
                let c = rusqlite::Connection::open(self.w.path(DBS[from])).expect("open");
                c.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);").expect("checkpoint");
                drop(c);
                std::fs::copy(self.w.path(DBS[from]), self.w.path(&file)).expect("cp");
                self.replace_file(to, &file, true);
            }
            Op::Workplan { at, day } => {
                let date = format!("2012-03-{day}");
                self.w.ok(DBS[at], &["workplan", "submit", "--item", "8", "--date", &date]);
            }
            Op::Resolve { at, theirs } => {
                let db = DBS[at];
                let open = self.w.query_i64(
                    db,
                    "SELECT coalesce(min(id), 0) FROM sync_conflicts WHERE resolved_at IS NULL",
                );
                if open == 0 {
                    return;
                }
                let keep = if theirs { "theirs" } else { "mine" };
                let (code, out, err) =
                    self.w.run(db, &["conflict", "resolve", &open.to_string(), "--keep", keep]);
                // A version that would move a finding back is refused (exit 3), and nothing is written.
                assert!(code == 0 || code == 3, "resolve on {db}: {code}\n{out}{err}");
                assert!(!err.contains("panicked"), "{err}");
            }
            Op::Send { from, to } => {
                if from == to {
                    return;
                }
                self.bundles += 1;
                let file = format!("bundle-{}.zfb", self.bundles);
                if from != 0 && to != 0 {
                    // Laptop to laptop: refused, nothing written.
                    self.w.export(DBS[from], &file, &[]);
                    let before = self.w.snapshot(DBS[to]);
                    self.w.refused(DBS[to], &["sync", "import", &file]);
                    assert_eq!(self.w.snapshot(DBS[to]), before);
                    return;
                }
                self.w.send(DBS[from], DBS[to], &file);
                self.check_nothing_lost(to);
                // Importing the same bundle again changes nothing.
                let before = self.w.snapshot(DBS[to]);
                assert_eq!(summary(&self.w.import(DBS[to], &file)), [0, 0, 0, 0]);
                assert_eq!(self.w.snapshot(DBS[to]), before, "re-import of {file} at {}", DBS[to]);
            }
        }
        for at in 0..3 {
            self.check_nothing_lost(at);
        }
    }

    fn exchange_everything(&mut self) {
        for (from, to) in [(1, 0), (2, 0), (0, 1), (0, 2)] {
            self.apply(&Op::Send { from, to });
        }
    }

    fn open_conflicts(&self) -> i64 {
        DBS.iter()
            .map(|db| self.w.query_i64(db, "SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL"))
            .sum()
    }

    /// Exchange everything, and settle every open conflict (this side's version, else theirs),
    /// until nothing is left open: people finish the job.
    fn settle_everything(&mut self) {
        for _ in 0..6 {
            self.exchange_everything();
            if self.open_conflicts() == 0 {
                self.exchange_everything();
                return;
            }
            for db in DBS {
                for _ in 0..20 {
                    let open = self.w.query_i64(
                        db,
                        "SELECT coalesce(min(id), 0) FROM sync_conflicts WHERE resolved_at IS NULL",
                    );
                    if open == 0 {
                        break;
                    }
                    let id = open.to_string();
                    if self.w.run(db, &["conflict", "resolve", &id, "--keep", "mine"]).0 != 0 {
                        self.w.ok(db, &["conflict", "resolve", &id, "--keep", "theirs"]);
                    }
                }
            }
        }
        panic!("conflicts still open after six rounds of exchanges and resolutions");
    }
}

proptest! {
    #![proptest_config(config("sync convergence", 10))]

    #[test]
    fn three_replicas_converge(ops in prop::collection::vec(op(), 4..20)) {
        let mut sim = Sim::new();
        for op in &ops {
            sim.apply(op);
        }
        sim.settle_everything();
        if std::env::var_os("SYNC_PROPTEST_VERBOSE").is_some() {
            eprintln!(
                "{} ops, {} bundles: {} visits, {} findings; open conflicts at the bureau: {}; rule breaches: {}",
                ops.len(),
                sim.bundles,
                sim.visits.len(),
                sim.findings.len(),
                sim.w.query_i64("b.db", "SELECT count(*) FROM sync_conflicts WHERE resolved_at IS NULL"),
                sim.w.run("b.db", &["conflict", "list", "--format", "csv"]).1.lines().filter(|l| l.starts_with("rule,")).count(),
            );
        }
        for db in DBS {
            prop_assert_eq!(sim.w.ids(db, "visits"), sim.visits.clone(), "visits of {}", db);
            prop_assert_eq!(sim.w.ids(db, "findings"), sim.findings.clone(), "findings of {}", db);
        }
        // The same records break the same rules everywhere.
        let breaches = |db: &str| -> Vec<String> {
            let (_, out, _) = sim.w.run(db, &["conflict", "list", "--format", "csv"]);
            out.lines().filter(|l| l.starts_with("rule,")).map(str::to_string).collect()
        };
        for db in DBS {
            let stale = sim.w.query_i64(
                db,
                "SELECT count(*) FROM (SELECT * FROM (SELECT * FROM finding_spans EXCEPT SELECT * FROM finding_spans_derived)
                 UNION ALL SELECT * FROM (SELECT * FROM finding_spans_derived EXCEPT SELECT * FROM finding_spans))",
            );
            prop_assert_eq!(stale, 0, "finding_spans of {} differ from its histories", db);
        }
        let b = breaches("b.db");
        prop_assert_eq!(breaches("l1.db"), b.clone());
        prop_assert_eq!(breaches("l2.db"), b.clone());
        // Every exchanged table holds the same rows everywhere; `check` finds no damage and no
        // broken history, and its rule breaches are those `conflict list` lists.
        let dump = sim.w.exchanged("b.db");
        for db in ["l1.db", "l2.db"] {
            prop_assert_eq!(&sim.w.exchanged(db), &dump, "exchanged tables of {} and b.db", db);
        }
        for db in DBS {
            let (_, out, _) = sim.w.run(db, &["check", "--format", "csv"]);
            let rules: Vec<&str> = out.lines().skip(1).filter_map(|l| l.split(',').next()).collect();
            for bad in ["integrity", "foreign-key", "finding-spans", "finding-history", "form-answers"] {
                prop_assert!(!rules.contains(&bad), "{} on {}: {}", bad, db, out);
            }
            prop_assert_eq!(rules.len(), b.len(), "check and conflict list on {}: {}", db, out);
            // The same breaches, record by record.
            sim.w.assert_list_agrees_with_check(db);
        }
        // Every change made anywhere is held once by every database (the log's ids are unique).
        let changes = |db: &str| sim.w.rows(db, "SELECT id FROM sync_log ORDER BY id");
        let all = changes("b.db");
        for db in ["l1.db", "l2.db"] {
            prop_assert_eq!(&changes(db), &all, "the changes held by {} and b.db", db);
        }
        for sql in [
            "SELECT * FROM visits ORDER BY id",
            "SELECT id, status FROM findings ORDER BY id",
            "SELECT * FROM finding_events ORDER BY id",
            "SELECT * FROM visit_participants ORDER BY visit_id",
            // The reports' local copy of the histories, derived on each side from what it merged.
            "SELECT * FROM finding_spans ORDER BY finding_id, from_date",
        ] {
            let b = sim.w.rows("b.db", sql);
            prop_assert_eq!(&sim.w.rows("l1.db", sql), &b, "{} on l1", sql);
            prop_assert_eq!(&sim.w.rows("l2.db", sql), &b, "{} on l2", sql);
        }
    }
}

/// A real bundle from a laptop (with visits and findings) and the bureau it belongs to.
fn real() -> &'static (Vec<u8>, Vec<u8>) {
    static REAL: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    REAL.get_or_init(|| {
        let w = World::new();
        w.bureau("b.db");
        w.ok("b.db", &["sync", "clone", "-o", "l1.db"]);
        for v in &VILLAGES[..3] {
            let id = w.visit("l1.db", v, None);
            w.finding("l1.db", &id, "污水");
        }
        w.export("l1.db", "l1.zfb", &[]);
        let bureau = std::fs::read(w.path("b.db")).expect("bureau");
        assert!(!w.path("b.db-wal").exists());
        (std::fs::read(w.path("l1.zfb")).expect("bundle"), bureau)
    })
}

proptest! {
    #![proptest_config(config("sync bundle envelope", 256))]

    #[test]
    fn garbage_is_not_a_bundle(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        prop_assert!(bundle::decode(&bytes).is_err());
        let mut with_magic = bundle::MAGIC.to_vec();
        with_magic.extend_from_slice(&bytes);
        prop_assert!(bundle::decode(&with_magic).is_err());
    }

    #[test]
    fn damaged_bundles_are_refused(cut in any::<prop::sample::Index>(), flip in any::<prop::sample::Index>(), bit in 0..8u8, junk in prop::collection::vec(any::<u8>(), 1..16)) {
        let (good, _) = real();
        prop_assert!(bundle::decode(good).is_ok());
        let n = cut.index(good.len());
        prop_assert!(bundle::decode(&good[..n]).is_err(), "cut at {}", n);
        let mut bad = good.clone();
        let i = flip.index(good.len());
        bad[i] ^= 1 << bit;
        prop_assert!(bundle::decode(&bad).is_err(), "bit {} of byte {}", bit, i);
        let mut longer = good.clone();
        longer.splice(i..i, junk);
        prop_assert!(bundle::decode(&longer).is_err());
    }
}

proptest! {
    #![proptest_config(config("sync made-up changesets", 24))]

    /// A bundle with a sound envelope (right checksum, right campaign, a real sender) around
    /// made-up changesets: the importer refuses or applies, never panics, and a refusal writes
    /// nothing.
    #[test]
    fn made_up_changesets_never_crash_the_importer(
        blobs in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..120), 1..4),
        mutate in any::<prop::sample::Index>(),
        byte in any::<u8>(),
    ) {
        use zoufang::store::{Actor, Store};
        let (good, bureau) = real();
        let b = bundle::decode(good).expect("the real bundle");
        let dir = tempfile::tempdir().expect("temp dir");
        let db = dir.path().join("b.db");
        std::fs::write(&db, bureau).expect("bureau copy");
        // Made-up changesets, and the real ones with one byte changed.
        let mut entries: Vec<bundle::Entry> = b.entries.clone();
        let k = mutate.index(entries.len());
        if !entries[k].changeset.is_empty() {
            let at = mutate.index(entries[k].changeset.len());
            entries[k].changeset[at] = byte;
        }
        let origin = entries[0].origin.clone();
        let last = entries.iter().map(|e| e.seq).max().unwrap_or(0);
        let mut prev = entries.last().map(|e| e.id.clone());
        for (i, blob) in blobs.into_iter().enumerate() {
            let id = format!("made-up-{i}");
            entries.push(bundle::Entry { origin: origin.clone(), seq: last + 1 + i as i64, id: id.clone(), prev: prev.replace(id), changeset: blob });
        }
        let bytes = bundle::encode(b.header.clone(), &entries);
        let file = dir.path().join("made-up.zfb");
        std::fs::write(&file, bytes).expect("bundle");
        let count = |p: &std::path::Path| -> BTreeMap<String, i64> {
            let c = rusqlite::Connection::open(p).expect("open");
            ["visits", "findings", "sync_log", "audit", "sync_conflicts"]
                .iter()
                .map(|t| (t.to_string(), c.query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0)).expect("count")))
                .collect()
        };
        let before = count(&db);
        let mut store = Store::open(&db).expect("open the bureau");
        let actor = Actor { user: "fuzz".into(), command: "sync import".into() };
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            zoufang::sync::import::import(&mut store, &actor, &file, false, false).map(|_| ())
        }));
        prop_assert!(result.is_ok(), "the importer panicked");
        drop(store);
        if let Ok(Err(e)) = result {
            prop_assert!(e.downcast_ref::<zoufang::error::Rejected>().is_some(), "not a refusal: {e:#}");
            prop_assert_eq!(count(&db), before);
        }
    }
}
