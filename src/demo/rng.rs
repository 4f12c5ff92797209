//! The demo's random draws: the spot-check generator (`domain::sample::SplitMix64`, fully defined
//! by its seed on every platform) with the few helpers a data generator needs.

use chrono::{Days, NaiveDate};

use crate::domain::sample::SplitMix64;

pub struct Rng(SplitMix64);

impl Rng {
    #[cfg(test)]
    pub fn new(seed: u64) -> Rng {
        Rng(SplitMix64::new(seed))
    }

    /// A generator for one purpose, independent of the others drawn from the same seed.
    pub fn stream(seed: u64, purpose: u64) -> Rng {
        let mut mix = SplitMix64::new(seed ^ purpose.wrapping_mul(0xD6E8_FEB8_6659_FD93));
        Rng(SplitMix64::new(mix.next_u64()))
    }

    /// A record id: 32 lowercase hex digits, like the random ids the commands hand out.
    pub fn id(&mut self) -> String {
        format!("{:016x}{:016x}", self.0.next_u64(), self.0.next_u64())
    }

    /// Uniform in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0.below(n.max(1) as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.0.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// Pick by weight: `(item, weight)` pairs.
    pub fn weighted<T: Copy>(&mut self, xs: &[(T, u32)]) -> T {
        let total: u64 = xs.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut x = self.0.below(total.max(1));
        for (item, w) in xs {
            let w = u64::from(*w);
            if x < w {
                return *item;
            }
            x -= w;
        }
        xs[xs.len() - 1].0
    }

    /// `k` distinct positions of `0..n`, in increasing order.
    pub fn positions(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        let k = k.min(n);
        for i in 0..k {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k);
        all.sort_unstable();
        all
    }

    /// `k` distinct items of `xs`, in their original order.
    pub fn subset<'a, T>(&mut self, xs: &'a [T], k: usize) -> Vec<&'a T> {
        self.positions(xs.len(), k).into_iter().map(|i| &xs[i]).collect()
    }

    pub fn shuffle<T>(&mut self, xs: &mut [T]) {
        for i in (1..xs.len()).rev() {
            let j = self.below(i + 1);
            xs.swap(i, j);
        }
    }

    /// A date uniformly in `from..=to`.
    pub fn date(&mut self, from: NaiveDate, to: NaiveDate) -> NaiveDate {
        let span = (to - from).num_days().max(0);
        from + Days::new(self.range(0, span) as u64)
    }

    /// A time of the working day, for `recorded_at` stamps.
    pub fn stamp(&mut self, date: NaiveDate) -> String {
        let minutes = self.range(8 * 60 + 30, 18 * 60 + 30);
        format!("{date}T{:02}:{:02}:{:02}+08:00", minutes / 60, minutes % 60, self.range(0, 59))
    }
}

/// Split `total` into `weights.len()` whole parts proportional to the weights, summing exactly to
/// `total` (cumulative rounding).
pub fn apportion(total: usize, weights: &[u64]) -> Vec<usize> {
    let sum: u128 = weights.iter().map(|w| u128::from(*w)).sum();
    if sum == 0 {
        let mut out = vec![0; weights.len()];
        if let Some(first) = out.first_mut() {
            *first = total;
        }
        return out;
    }
    let mut out = Vec::with_capacity(weights.len());
    let mut cum: u128 = 0;
    let mut given = 0usize;
    for w in weights {
        cum += u128::from(*w);
        let upto = ((cum * total as u128 + sum / 2) / sum) as usize;
        out.push(upto - given);
        given = upto;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_32_lowercase_hex_digits_and_repeat_for_a_seed() {
        let (mut a, mut b) = (Rng::stream(1, 7), Rng::stream(1, 7));
        let id = a.id();
        assert_eq!(id.len(), 32);
        assert!(id.bytes().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        assert_eq!(id, b.id());
        assert_ne!(Rng::stream(1, 7).id(), Rng::stream(2, 7).id());
        assert_ne!(Rng::stream(1, 7).id(), Rng::stream(1, 8).id());
    }

    #[test]
    fn apportion_sums_exactly() {
        assert_eq!(apportion(10, &[1, 1, 1]).iter().sum::<usize>(), 10);
        assert_eq!(apportion(24_782, &[300, 250, 201, 399, 1]).iter().sum::<usize>(), 24_782);
        assert_eq!(apportion(5, &[0, 0]), vec![5, 0]);
    }

    #[test]
    fn positions_are_distinct_and_sorted() {
        let mut r = Rng::new(3);
        let p = r.positions(50, 20);
        assert_eq!(p.len(), 20);
        assert!(p.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(r.positions(3, 10), vec![0, 1, 2]);
    }
}
