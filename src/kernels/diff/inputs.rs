//! Deterministic input generation shared by the differential harnesses.

pub use crate::rng::SplitMix64 as Splitmix;

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
