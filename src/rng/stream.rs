//! One `(seed, stream)` pair of the counter-based generator, read block by block.

use super::philox::Philox4x32;
use rug::{Integer, Rational};

/// Consecutive draws from stream `stream` of seed `seed`. Draw `i` of the stream uses counter
/// block `i`, so a kernel that is handed `Stream::new(seed, s)` and asks for its draws in order
/// sees the same numbers on any thread, in any schedule.
#[derive(Clone, Debug)]
pub struct Stream {
    generator: Philox4x32,
    stream: u64,
    next: u64,
}

impl Stream {
    pub fn new(seed: u64, stream: u64) -> Self {
        Stream { generator: Philox4x32::new(seed), stream, next: 0 }
    }

    /// The stream positioned at block `index` (for a kernel that skips ahead).
    pub fn at(seed: u64, stream: u64, index: u64) -> Self {
        Stream { generator: Philox4x32::new(seed), stream, next: index }
    }

    /// The index of the next block.
    pub fn position(&self) -> u64 {
        self.next
    }

    /// The next 128-bit block.
    pub fn next_block(&mut self) -> [u32; 4] {
        let block = self.generator.block(self.stream, self.next);
        self.next = self.next.wrapping_add(1);
        block
    }

    /// A 64-bit word (the first two words of the next block).
    pub fn next_u64(&mut self) -> u64 {
        let b = self.next_block();
        (u64::from(b[1]) << 32) | u64::from(b[0])
    }

    /// A uniform draw from `[0, 1)` with 53 random bits; for generating inputs only.
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A Bernoulli draw that is 1 when `U < p`, with `U = w / 2^64` for a uniform 64-bit word
    /// `w`. The comparison is exact in integers (`w < ⌈p·2^64⌉`), so the event's probability is
    /// `⌈p·2^64⌉ / 2^64`, within `2^-64` above `p` (and exactly `p` for dyadic `p`); `p` outside
    /// `[0, 1]` is clamped.
    pub fn bernoulli(&mut self, p: &Rational) -> bool {
        self.bernoulli_below(bernoulli_threshold(p))
    }

    /// A Bernoulli draw against a precomputed [`bernoulli_threshold`]: 1 when `w < threshold`.
    pub fn bernoulli_below(&mut self, threshold: u128) -> bool {
        u128::from(self.next_u64()) < threshold
    }
}

/// `⌈p·2^64⌉` clamped to `[0, 2^64]`: the threshold of [`Stream::bernoulli`].
pub fn bernoulli_threshold(p: &Rational) -> u128 {
    let scaled = (p * Rational::from(Integer::from(1) << 64)).ceil();
    let top = Integer::from(1) << 64;
    let clamped = scaled.numer().clone().clamp(&Integer::new(), &top);
    clamped.to_u128().expect("at most 2^64")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_distinct() {
        let a: Vec<u64> = (0..4).map(|_| Stream::new(7, 1).next_u64()).collect();
        assert!(a.windows(2).all(|w| w[0] == w[1]));
        let mut s = Stream::new(7, 1);
        let first = s.next_u64();
        assert_ne!(first, s.next_u64());
        assert_ne!(Stream::new(7, 2).next_u64(), first);
        assert_ne!(Stream::new(8, 1).next_u64(), first);
        let mut skipped = Stream::at(7, 1, 1);
        let mut walked = Stream::new(7, 1);
        walked.next_block();
        assert_eq!(skipped.next_u64(), walked.next_u64());
    }

    #[test]
    fn bernoulli_is_exact_at_the_ends() {
        let mut s = Stream::new(1, 0);
        assert!((0..100).all(|_| !s.bernoulli(&Rational::from(0))));
        assert!((0..100).all(|_| s.bernoulli(&Rational::from(1))));
    }
}
