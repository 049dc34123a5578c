//! SplitMix64 (Steele, Lea, Flood, "Fast splittable pseudorandom number generators", OOPSLA'14):
//! a tiny sequential generator for *inputs* — generated tables, weights, harness cases — that
//! must replay exactly from a seed. Monte Carlo samples use the counter-based [`super::Philox4x32`].
//! Nothing drawn here ever decides a verdict.

use rug::Rational;

/// The SplitMix64 increment (the golden ratio in 64-bit fixed point).
const GOLDEN: u64 = 0x9E37_79B9_7F4A_7C15;

#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// The generator whose internal state starts at `state`.
    pub fn from_state(state: u64) -> Self {
        SplitMix64(state)
    }

    /// The generator of an instance's `seed` parameter (the convention of the calibration and
    /// universality families; changing it would change every replayed instance).
    pub fn new(seed: i64) -> Self {
        SplitMix64(seed as u64 ^ GOLDEN)
    }

    /// The generator for case `index` of a run seeded with `seed` (the differential harness).
    pub fn for_case(seed: u64, index: usize) -> Self {
        let mut g = SplitMix64(seed ^ (index as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
        g.next_u64();
        g
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(GOLDEN);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform on `[0, 1)` with 53 random bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `lo..=hi` (modulo bias, negligible for input generation).
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// Uniform in `0..n` (`n ≥ 1`; 0 is treated as 1).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// A size in `1..=max`, log-uniform so that tiny and large sizes both occur.
    pub fn log_size(&mut self, max: usize) -> usize {
        let max = max.max(1) as f64;
        (max.powf(self.unit()).floor() as usize).clamp(1, max as usize)
    }

    /// Uniform on the grid `{lo, lo + 1/den, …, hi}` (`lo ≤ hi` integers over `den`).
    pub fn grid(&mut self, lo: i64, hi: i64, den: u32) -> Rational {
        let steps = (hi - lo) as u64 + 1;
        Rational::from((lo + self.below(steps) as i64, den))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_reference_sequence() {
        // First outputs of SplitMix64 from state 0 (Vigna's reference implementation).
        let mut g = SplitMix64::from_state(0);
        assert_eq!(g.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(g.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }
}
