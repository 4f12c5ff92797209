//! Reproducible random draws for spot checks (抽查). The generator and the shuffle are written out
//! here rather than taken from a crate, so that the same seed over the same records draws the same
//! list on every platform and in every version of zoufang: an inspector can always draw again.

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, well-mixed 64-bit generator fully defined by its
/// seed.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform number in `0..bound` (`bound` > 0), without modulo bias: the lowest
    /// `2^64 mod bound` outputs are drawn again.
    pub fn below(&mut self, bound: u64) -> u64 {
        debug_assert!(bound > 0);
        let threshold = bound.wrapping_neg() % bound;
        loop {
            let x = self.next_u64();
            if x >= threshold {
                return x % bound;
            }
        }
    }
}

/// Draw `n` of `len` items: the positions (into a list in a fixed order, e.g. ordered by id) of the
/// drawn items, in draw order. A partial Fisher–Yates shuffle; with `n >= len` every position is
/// returned.
pub fn draw(len: usize, n: usize, seed: u64) -> Vec<usize> {
    let mut rng = SplitMix64::new(seed);
    let mut pos: Vec<usize> = (0..len).collect();
    let k = n.min(len);
    for i in 0..k {
        let j = i + rng.below((len - i) as u64) as usize;
        pos.swap(i, j);
    }
    pos.truncate(k);
    pos
}

/// A fresh seed when the user gave none (it is printed, so the draw can be repeated).
pub fn fresh_seed() -> u64 {
    let bytes = *uuid::Uuid::new_v4().as_bytes();
    let mut first = [0u8; 8];
    first.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_the_reference_output() {
        // First outputs of the reference C implementation seeded with 0.
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn same_seed_same_draw() {
        assert_eq!(draw(100, 10, 42), draw(100, 10, 42));
        assert_eq!(draw(7, 3, u64::MAX), draw(7, 3, u64::MAX));
    }

    #[test]
    fn the_draw_is_pinned() {
        // Changing the generator or the shuffle would change every inspector's list: this must not
        // change between versions. (Values checked against an independent Python transcription.)
        assert_eq!(draw(10, 3, 2012), vec![6, 0, 7]);
        let pinned = draw(10, 10, 1);
        let mut sorted = pinned.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..10).collect::<Vec<_>>());
        assert_eq!(pinned, PINNED_SEED_1);
    }
    const PINNED_SEED_1: [usize; 10] = [5, 8, 1, 3, 7, 2, 4, 6, 0, 9];

    #[test]
    fn different_seeds_differ() {
        let base = draw(1000, 20, 1);
        let same = (2..52).filter(|s| draw(1000, 20, *s) == base).count();
        assert_eq!(same, 0);
    }

    #[test]
    fn draws_are_distinct_and_in_range() {
        for seed in 0..200 {
            let d = draw(30, 12, seed);
            assert_eq!(d.len(), 12);
            let mut s = d.clone();
            s.sort_unstable();
            s.dedup();
            assert_eq!(s.len(), 12);
            assert!(d.iter().all(|p| *p < 30));
        }
    }

    #[test]
    fn n_at_least_len_returns_everything() {
        for n in [5, 6, 100] {
            let mut d = draw(5, n, 9);
            d.sort_unstable();
            assert_eq!(d, vec![0, 1, 2, 3, 4]);
        }
        assert!(draw(0, 3, 9).is_empty());
        assert!(draw(5, 0, 9).is_empty());
    }

    #[test]
    fn below_is_roughly_uniform() {
        let mut r = SplitMix64::new(7);
        let mut counts = [0u32; 6];
        for _ in 0..60_000 {
            counts[r.below(6) as usize] += 1;
        }
        assert!(counts.iter().all(|c| (9_000..11_000).contains(c)), "{counts:?}");
    }
}
