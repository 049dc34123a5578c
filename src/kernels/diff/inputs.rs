//! Deterministic input generation shared by the differential harnesses.

/// splitmix64: a tiny seeded generator for harness inputs (not for Monte Carlo samples, which use
/// [`crate::rng`]). Every case derives its inputs from the run seed and its index.
#[derive(Debug, Clone)]
pub struct Splitmix(pub u64);

impl Splitmix {
    /// The generator for case `index` of a run seeded with `seed`.
    pub fn for_case(seed: u64, index: usize) -> Self {
        let mut g = Splitmix(seed ^ (index as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
        g.next_u64();
        g
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform on `[0, 1)` with 53 random bits.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform integer in `lo..=hi` (slightly biased for huge ranges; fine for test inputs).
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    /// A size in `1..=max`, log-uniform so that tiny and large sizes both occur.
    pub fn log_size(&mut self, max: usize) -> usize {
        let max = max.max(1) as f64;
        (max.powf(self.unit()).floor() as usize).clamp(1, max as usize)
    }
}

/// Adversarial confidences for `bins` equal-width bins: floats nearest to bin edges and their
/// neighbours, 0, 1, subnormals, values clustered in one bin, and uniform values.
pub fn adversarial_confidences(g: &mut Splitmix, n: usize, bins: u32) -> Vec<f64> {
    let hot_bin = g.range(0, u64::from(bins) - 1) as f64;
    (0..n)
        .map(|_| match g.next_u64() % 9 {
            0 => g.range(0, u64::from(bins)) as f64 / f64::from(bins),
            1 => {
                let e = g.range(0, u64::from(bins)) as f64 / f64::from(bins);
                let next = if g.next_u64() % 2 == 0 { e.next_up() } else { e.next_down() };
                next.clamp(0.0, 1.0)
            }
            2 => 0.0,
            3 => 1.0,
            4 => f64::from_bits(1 + g.next_u64() % 1000),
            5 | 6 => ((hot_bin + g.unit()) / f64::from(bins)).clamp(0.0, 1.0),
            _ => g.unit(),
        })
        .collect()
}
