//! Reproducible randomness for the property tests (unit and integration alike).
//!
//! In CI every property test runs a fixed number of cases from a fixed seed (derived from the
//! test's name), so `cargo test` gives the same result every time. A wider exploration is asked
//! for with `ZOUFANG_PROPTEST=wide` (a fresh seed from the clock, ten times the cases); any run is
//! replayed with `ZOUFANG_PROPTEST_SEED=N` (and `ZOUFANG_PROPTEST_CASES=N`). The seed is printed
//! to stderr, which the test harness shows when the test fails.
//!
//! Not part of zoufang's interface: it lives in the library only so that the unit tests and the
//! integration tests share one definition.

/// The seed and the number of cases a property test named `name` runs; `ci_cases` is what CI runs.
#[doc(hidden)]
pub fn seed_and_cases(name: &str, ci_cases: u32) -> (u64, u32) {
    let var = |k: &str| std::env::var(k).ok().and_then(|v| v.trim().parse::<u64>().ok());
    let wide = std::env::var("ZOUFANG_PROPTEST").is_ok_and(|v| v == "wide");
    let seed = var("ZOUFANG_PROPTEST_SEED").unwrap_or_else(|| {
        if wide {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        } else {
            fnv1a(name)
        }
    });
    let cases = var("ZOUFANG_PROPTEST_CASES")
        .map(|n| n.clamp(1, u32::MAX as u64) as u32)
        .unwrap_or(if wide { ci_cases.saturating_mul(10) } else { ci_cases });
    eprintln!(
        "property test {name}: seed {seed}, {cases} cases (replay: ZOUFANG_PROPTEST_SEED={seed} ZOUFANG_PROPTEST_CASES={cases})"
    );
    (seed, cases)
}

/// A stable hash of the test's name (FNV-1a): the same seed on every machine and every run.
fn fnv1a(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// The proptest configuration of the unit tests' property blocks: `seed_and_cases` applied.
#[cfg(test)]
pub fn proptest_config(name: &str, ci_cases: u32) -> proptest::test_runner::Config {
    let (seed, cases) = seed_and_cases(name, ci_cases);
    proptest::test_runner::Config {
        cases,
        rng_seed: proptest::test_runner::RngSeed::Fixed(seed),
        ..proptest::test_runner::Config::default()
    }
}

/// Assert that `result` is a refusal whose message (with its hint) says every one of `says`: the
/// rule named, so that a refusal for the wrong reason fails the test.
#[cfg(test)]
#[track_caller]
pub fn assert_rejects<T: std::fmt::Debug>(result: Result<T, crate::error::Rejected>, says: &[&str]) {
    match result {
        Ok(v) => panic!("accepted ({v:?}); expected a refusal saying {says:?}"),
        Err(e) => {
            // The rule is named in the English catalogue (the tests' language, whatever the process's).
            let text = e.render(crate::i18n::Lang::En);
            for s in says {
                assert!(text.contains(s), "the refusal does not say {s:?}:\n{text}");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ci_seeds_are_fixed_per_test() {
        assert_eq!(super::fnv1a("a"), super::fnv1a("a"));
        assert_ne!(super::fnv1a("a"), super::fnv1a("b"));
    }
}
