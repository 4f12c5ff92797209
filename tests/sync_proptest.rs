//! Issue 5: sync convergence as a property (in the spirit of taskchampion's `syncing-proptest`):
//! random work on three databases (a bureau and two laptop copies) and random exchanges between
//! them, then everything exchanged. Asserts that no record is ever lost, that importing a bundle
//! again changes nothing, that a bundle between two laptops is refused, and that databases which
//! exchanged everything hold the same visits, findings and finding histories (and the same
//! reports' copy of those histories, each equal to its derivation).
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
        ..ProptestConfig::default()
    }
}

#[derive(Debug, Clone)]
enum Op {
    Visit { at: usize, village: usize, revisit: bool },
    Finding { at: usize, pick: usize },
    Update { at: usize, pick: usize },
    Send { from: usize, to: usize },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..3usize, 0..5usize, prop::bool::weighted(0.3)).prop_map(|(at, village, revisit)| Op::Visit { at, village, revisit }),
        3 => (0..3usize, 0..64usize).prop_map(|(at, pick)| Op::Finding { at, pick }),
        4 => (0..3usize, 0..64usize).prop_map(|(at, pick)| Op::Update { at, pick }),
        3 => (0..3usize, 0..3usize).prop_map(|(from, to)| Op::Send { from, to }),
    ]
}

struct Sim {
    w: World,
    visits: BTreeSet<String>,
    findings: BTreeSet<String>,
    /// What each database has held so far: it must never lose any of it.
    held: [BTreeSet<String>; 3],
    bundles: usize,
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
        Sim { w, visits, findings, held: Default::default(), bundles: 0 }
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
}

proptest! {
    #![proptest_config(config("sync convergence", 12))]

    #[test]
    fn three_replicas_converge(ops in prop::collection::vec(op(), 4..20)) {
        let mut sim = Sim::new();
        for op in &ops {
            sim.apply(op);
        }
        sim.exchange_everything();
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
        prop_assert_eq!(breaches("l2.db"), b);
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
            zoufang::sync::import::import(&mut store, &actor, &file, false).map(|_| ())
        }));
        prop_assert!(result.is_ok(), "the importer panicked");
        drop(store);
        if let Ok(Err(e)) = result {
            prop_assert!(e.downcast_ref::<zoufang::error::Rejected>().is_some(), "not a refusal: {e:#}");
            prop_assert_eq!(count(&db), before);
        }
    }
}
