//! Exact equal-width binning of confidences and the per-chunk histogram the ECE kernel fills.
//!
//! # Exact binning
//! Bin `j` of `B` is `(j/B, (j+1)/B]` (bin 0 also holds 0), i.e. `j = ⌈c·B⌉ − 1` clamped to 0.
//! With `t = ⌊p⌋` for `p = c·B` this is `t − [p = t]`. Two cases:
//! * **Exact product** (f32 inputs with `B ≤ 2²⁹`): `c` has a 24-bit significand and `B` at most
//!   29 bits, so `c·B` has at most 53 significant bits and the f64 product is exact. The bin is
//!   then `t − [p = t]` with no correction at all.
//! * **Rounded product** (f64 inputs, or huge `B`): `p = fl(c·B)` is off by at most
//!   `ulp(p)/2 ≤ 2⁻²¹` (as `p ≤ B < 2³²`), so the candidate can only be wrong when `p` is within
//!   that distance of an integer. Only then is it corrected with the sign of `fma(c, B, −k)`:
//!   `c·B − k` is a multiple of `2⁻¹⁰⁷⁴` (c is a dyadic, `B`, `k` integers), so its correctly
//!   rounded value is zero exactly when it is zero and otherwise has the right sign.
//!
//! # Histogram
//! Each bin keeps one packed `u64` (count in the low 32 bits, number correct in the high 32 bits;
//! a chunk holds fewer than 2³² points) and one f64 sum of confidences. Four interleaved copies
//! of the histogram take consecutive points, so runs of points in the same bin (skewed data) do
//! not serialise on one memory location; the copies are merged in a fixed order. Above 4096 bins
//! a chunk fills a sorted map of its non-empty bins instead, so memory follows the data, not `B`.
//! In the common case (exact product, no NaN skipping) a chunk is processed in blocks of 512
//! points: first all bins and the range flag, in floating point only so the loop vectorises,
//! then the scatter. This is about 3× faster than binning point by point (benches/RESULTS.md).

use num_traits::Float;
use std::collections::BTreeMap;

/// Interleaved histogram copies (a power of two).
const LANES: usize = 4;

/// The exact bin of `c ∈ [0, 1]` for `bins` bins (see the module docs).
#[inline]
pub fn bin_index(c: f64, bins: u32) -> u32 {
    // bins = 0 is refused by the kernels' validation; read as one bin so a stray call cannot panic.
    let bins = bins.max(1);
    let b = f64::from(bins);
    let p = c * b;
    let top = i64::from(bins) - 1;
    let t = p as i64;
    let mut j = (t - i64::from(t as f64 == p)).clamp(0, top);
    let frac = p - t as f64;
    if !(1e-6..=1.0 - 1e-6).contains(&frac) {
        // c ≤ j/B means the point belongs lower; c > (j+1)/B means higher.
        if j > 0 && c.mul_add(b, -(j as f64)) <= 0.0 {
            j -= 1;
        } else if j < top && c.mul_add(b, -((j + 1) as f64)) > 0.0 {
            j += 1;
        }
    }
    j as u32
}

/// The bin of `c` when `c·B` is exact in f64 (see the module docs). Out-of-range or NaN `c` give
/// some bin in range (the caller has flagged them already).
///
/// `r = (p + 2⁵²) − 2⁵²` is `p` rounded to the nearest integer (exact for `0 ≤ p < 2⁵¹`), and
/// its integer value sits in the low bits of `p + 2⁵²`; then `⌈p⌉ = r + [r < p]`. This avoids the
/// saturating float-to-integer conversion and any libm call in the hot loop.
#[inline(always)]
fn bin_index_exact_product(c: f64, b: f64, top: i64) -> usize {
    const SHIFT: f64 = 4_503_599_627_370_496.0; // 2⁵²
    let p = c * b;
    let biased = p + SHIFT;
    let r = (biased.to_bits() & 0x000F_FFFF_FFFF_FFFF) as i64;
    let ceil = r + i64::from(biased - SHIFT < p);
    (ceil - 1).clamp(0, top) as usize
}

/// Whether `c·B` is exact in f64 for every confidence of type `F` (significand bits + bits of `B`
/// at most 53).
pub fn product_is_exact<F: Float>(bins: u32) -> bool {
    // ε = 2^(1 − significand bits): f32 gives 24, f64 gives 53.
    let significand_bits = 1 - F::epsilon().to_f64().map_or(0, |e| e.log2() as i32);
    let bin_bits = 32 - bins.leading_zeros() as i32;
    significand_bits + bin_bits <= 53
}

/// Totals of one bin.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Cell {
    pub count: u64,
    pub correct: u64,
    pub sum_conf: f64,
}

/// Per-bin totals of the non-empty bins of one chunk (or of the whole input after merging),
/// keyed by bin. Storing only non-empty bins keeps memory proportional to the data, not to `B`,
/// so a huge bin count with few points costs nothing.
#[derive(Clone, Debug, Default)]
pub struct Histogram {
    pub cells: BTreeMap<u32, Cell>,
}

impl Histogram {
    /// Adds `other` bin by bin (the caller fixes the order of merges, so sums are deterministic).
    pub fn merge(&mut self, other: &Histogram) {
        for (bin, cell) in &other.cells {
            let total = self.cells.entry(*bin).or_default();
            total.count += cell.count;
            total.correct += cell.correct;
            total.sum_conf += cell.sum_conf;
        }
    }
}

/// Above this many bins a chunk is binned into a sorted map instead of dense interleaved arrays
/// (whose size, `LANES · B` cells, would otherwise dwarf the chunk).
const DENSE_BIN_LIMIT: u32 = 1 << 12;

/// The histogram of one chunk, and whether it holds a confidence outside `[0, 1]` or NaN.
/// `skip_nan` leaves NaN confidences out (counted in the third value) instead of flagging them.
pub fn fill_chunk<F: Float>(conf: &[F], correct: &[bool], bins: u32, exact_product: bool, skip_nan: bool) -> (Histogram, bool, u64) {
    // Monomorphised per mode, so the hot loop carries no mode branches.
    if bins > DENSE_BIN_LIMIT {
        return fill_sparse(conf, correct, bins, exact_product, skip_nan);
    }
    match (exact_product, skip_nan) {
        (true, false) => fill_blocked::<F, true>(conf, correct, bins),
        (true, true) => fill::<F, true, true>(conf, correct, bins),
        (false, false) => fill_blocked::<F, false>(conf, correct, bins),
        (false, true) => fill::<F, false, true>(conf, correct, bins),
    }
}

fn fill<F: Float, const EXACT_PRODUCT: bool, const SKIP_NAN: bool>(conf: &[F], correct: &[bool], bins: u32) -> (Histogram, bool, u64) {
    debug_assert!(conf.len() < (1usize << 32) && conf.len() == correct.len());
    let nb = bins as usize;
    let b = f64::from(bins);
    let top = i64::from(bins) - 1;
    // Count word and confidence sum of a bin side by side: one cache line per update.
    let mut cells = vec![(0u64, 0.0f64); LANES * nb];
    let mut bad = false;
    let mut skipped = 0u64;
    let mut add = |lane: usize, c: F, k: bool| {
        let c = c.to_f64().unwrap_or(f64::NAN);
        if SKIP_NAN && c.is_nan() {
            skipped += 1;
            return;
        }
        // One predictable branch; NaN fails both comparisons.
        bad |= !(0.0..=1.0).contains(&c);
        let j = if EXACT_PRODUCT { bin_index_exact_product(c, b, top) } else { bin_index(c.clamp(0.0, 1.0), bins) as usize };
        let cell = &mut cells[lane * nb + j];
        cell.0 += 1 | (u64::from(k) << 32);
        cell.1 += c;
    };
    let mut cs = conf.chunks_exact(LANES);
    let mut ks = correct.chunks_exact(LANES);
    for (c4, k4) in (&mut cs).zip(&mut ks) {
        for lane in 0..LANES {
            add(lane, c4[lane], k4[lane]);
        }
    }
    for (lane, (c, k)) in cs.remainder().iter().zip(ks.remainder()).enumerate() {
        add(lane, *c, *k);
    }
    (collect_lanes(&cells, nb), bad, skipped)
}

/// Points per block of [`fill_blocked`] (a multiple of `LANES`).
const BLOCK: usize = 512;

/// Marks a bin computed from a rounded product that may be off by one (see [`fill_blocked`]).
const RECHECK: u32 = 1 << 31;

/// The common case (no NaN skipping) in two passes per block: first every bin and the range
/// flag, a branch-free loop the compiler turns into SIMD code; then the scatter into the
/// interleaved histograms. Point `i` of a chunk goes to copy `i mod LANES` as in [`fill`], so
/// both give bit-identical histograms.
///
/// Without an exact product (f64 inputs) the first pass bins the rounded `p = fl(c·B)` and marks
/// points with `p` within 10⁻⁶ of an integer (only those can be binned wrongly, see the module
/// docs); the scatter re-bins marked points with [`bin_index`].
fn fill_blocked<F: Float, const EXACT_PRODUCT: bool>(conf: &[F], correct: &[bool], bins: u32) -> (Histogram, bool, u64) {
    debug_assert!(conf.len() < (1usize << 32) && conf.len() == correct.len());
    let nb = bins as usize;
    let b = f64::from(bins);
    let mut cells = vec![(0u64, 0.0f64); LANES * nb];
    let mut in_range = true;
    let mut bin = [0u32; BLOCK];
    let mut value = [0.0f64; BLOCK];
    for (cb, kb) in conf.chunks(BLOCK).zip(correct.chunks(BLOCK)) {
        let n = cb.len();
        for ((j, v), c) in bin[..n].iter_mut().zip(&mut value[..n]).zip(cb) {
            let c = c.to_f64().unwrap_or(f64::NAN);
            // Accumulated without branching; NaN is outside the range.
            in_range &= (0.0..=1.0).contains(&c);
            *v = c;
            *j = bin_index_exact_product_clamped(c, b);
            if !EXACT_PRODUCT {
                let p = c.clamp(0.0, 1.0) * b;
                *j |= if near_integer(p) { RECHECK } else { 0 };
            }
        }
        for (i, ((&j, &c), &k)) in bin[..n].iter().zip(&value[..n]).zip(kb).enumerate() {
            let j = if !EXACT_PRODUCT && j & RECHECK != 0 { bin_index(c.clamp(0.0, 1.0), bins) } else { j };
            let cell = &mut cells[(i % LANES) * nb + j as usize];
            cell.0 += 1 | (u64::from(k) << 32);
            cell.1 += c;
        }
    }
    (collect_lanes(&cells, nb), !in_range, 0)
}

/// Whether `p ≥ 0` is within 10⁻⁶ of an integer, branch-free. (NaN is not; a NaN confidence is
/// flagged, and both fills put it in bin 0.)
#[inline(always)]
fn near_integer(p: f64) -> bool {
    const SHIFT: f64 = 4_503_599_627_370_496.0; // 2⁵²
    let r = (p + SHIFT) - SHIFT;
    (p - r).abs() < 1e-6
}

/// [`bin_index_exact_product`] in floating point only, so it vectorises: `c` is clamped to
/// `[0, 1]` (NaN stays NaN and `max` then gives ½, bin 0; such points are flagged by the caller),
/// `p = max(c·B, ½)` (so
/// `⌈p⌉ ≥ 1` and the bin is never negative: `(0, ½)` and `{0}` both go to bin 0, as before),
/// `r = (p + 2⁵²) − 2⁵²` is `p` rounded to an integer, `⌈p⌉ = r + [r < p]`, and the integer
/// `⌈p⌉ ≤ B < 2³²` is read from the low bits of `⌈p⌉ + 2⁵²`.
#[inline(always)]
fn bin_index_exact_product_clamped(c: f64, b: f64) -> u32 {
    const SHIFT: f64 = 4_503_599_627_370_496.0; // 2⁵²
    let p = (c.clamp(0.0, 1.0) * b).max(0.5);
    let r = (p + SHIFT) - SHIFT;
    let ceil = r + if r < p { 1.0 } else { 0.0 };
    ((ceil + SHIFT).to_bits() as u32) - 1
}

/// The interleaved copies summed in a fixed order into the non-empty bins.
fn collect_lanes(cells: &[(u64, f64)], nb: usize) -> Histogram {
    let mut hist = Histogram::default();
    for j in 0..nb {
        let mut cell = Cell::default();
        for lane in 0..LANES {
            let (packed, sum) = cells[lane * nb + j];
            cell.count += packed & 0xFFFF_FFFF;
            cell.correct += packed >> 32;
            cell.sum_conf += sum;
        }
        if cell.count > 0 {
            hist.cells.insert(j as u32, cell);
        }
    }
    hist
}

/// The many-bins path: the same binning and flags, totals kept in a sorted map.
fn fill_sparse<F: Float>(conf: &[F], correct: &[bool], bins: u32, exact_product: bool, skip_nan: bool) -> (Histogram, bool, u64) {
    let b = f64::from(bins);
    let top = i64::from(bins) - 1;
    let mut hist = Histogram::default();
    let mut bad = false;
    let mut skipped = 0u64;
    for (c, k) in conf.iter().zip(correct) {
        let c = c.to_f64().unwrap_or(f64::NAN);
        if skip_nan && c.is_nan() {
            skipped += 1;
            continue;
        }
        bad |= !(0.0..=1.0).contains(&c);
        let j = if exact_product { bin_index_exact_product(c, b, top) as u32 } else { bin_index(c.clamp(0.0, 1.0), bins) };
        let cell = hist.cells.entry(j).or_default();
        cell.count += 1;
        cell.correct += u64::from(*k);
        cell.sum_conf += c;
    }
    (hist, bad, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SplitMix64;

    fn same(a: &(Histogram, bool, u64), b: &(Histogram, bool, u64)) -> bool {
        let bits = |h: &Histogram| h.cells.iter().map(|(j, c)| (*j, c.count, c.correct, c.sum_conf.to_bits())).collect::<Vec<_>>();
        bits(&a.0) == bits(&b.0) && a.1 == b.1 && a.2 == b.2
    }

    /// Steps to the neighbouring representable values, so the generator can hit both sides of
    /// a bin edge in either precision.
    trait Neighbours: Float {
        fn above(self) -> Self;
        fn below(self) -> Self;
        fn subnormal(bits: u64) -> Self;
    }

    impl Neighbours for f32 {
        fn above(self) -> Self {
            f32::from_bits(self.to_bits() + 1).min(1.0)
        }
        fn below(self) -> Self {
            f32::from_bits(self.to_bits().saturating_sub(1))
        }
        fn subnormal(bits: u64) -> Self {
            f32::from_bits((bits & 0x7F_FFFF) as u32)
        }
    }

    impl Neighbours for f64 {
        fn above(self) -> Self {
            f64::from_bits(self.to_bits() + 1).min(1.0)
        }
        fn below(self) -> Self {
            f64::from_bits(self.to_bits().saturating_sub(1))
        }
        fn subnormal(bits: u64) -> Self {
            f64::from_bits(bits & 0x000F_FFFF_FFFF_FFFF)
        }
    }

    /// Confidences on and next to every bin edge, 0, 1, subnormals, and (when `bad`) values
    /// outside `[0, 1]` and NaN, in a seeded random order.
    fn adversarial<F: Neighbours>(len: usize, bins: u32, bad: bool, seed: u64) -> (Vec<F>, Vec<bool>) {
        let mut rng = SplitMix64::from_state(seed);
        let mut conf = Vec::with_capacity(len);
        for _ in 0..len {
            let edge = F::from(rng.below(u64::from(bins) + 1) as f64 / f64::from(bins)).unwrap_or_else(F::zero);
            let c = match rng.below(8) {
                0 => edge,
                1 => edge.above(),
                2 => Neighbours::below(edge),
                3 => F::subnormal(rng.next_u64()),
                4 if bad => F::from([f64::NAN, -0.5, 1.5, f64::INFINITY][rng.below(4) as usize]).unwrap_or_else(F::nan),
                _ => F::from(rng.unit()).unwrap_or_else(F::zero),
            };
            conf.push(c);
        }
        let correct = (0..len).map(|_| rng.below(2) == 1).collect();
        (conf, correct)
    }

    fn blocked_equals_pointwise<F: Neighbours>(exact_product: bool) {
        for (seed, bins) in [1u32, 2, 3, 10, 15, 16, 100, 4096].into_iter().enumerate() {
            for len in [0, 1, 3, BLOCK - 1, BLOCK, BLOCK + 5, 3 * BLOCK + 7] {
                for bad in [false, true] {
                    let (conf, correct) = adversarial::<F>(len, bins, bad, seed as u64 * 1000 + len as u64);
                    let (blocked, pointwise) = if exact_product {
                        (fill_blocked::<F, true>(&conf, &correct, bins), fill::<F, true, false>(&conf, &correct, bins))
                    } else {
                        (fill_blocked::<F, false>(&conf, &correct, bins), fill::<F, false, false>(&conf, &correct, bins))
                    };
                    // Out-of-range points may land in different bins (the result is an error
                    // either way); the flag must agree.
                    if bad && pointwise.1 {
                        assert!(blocked.1, "bins {bins}, len {len}: the blocked fill missed an invalid confidence");
                    } else {
                        assert!(same(&blocked, &pointwise), "bins {bins}, len {len}: histograms differ");
                    }
                }
            }
        }
    }

    #[test]
    fn the_blocked_fill_equals_the_pointwise_fill_bit_for_bit() {
        blocked_equals_pointwise::<f32>(true);
        blocked_equals_pointwise::<f64>(false);
    }

    #[test]
    fn the_vectorisable_bin_rule_agrees_with_the_exact_rule_on_every_edge() {
        for bins in [1u32, 2, 7, 15, 100, 4096, 1 << 20] {
            for j in 0..=bins {
                let edge = (f64::from(j) / f64::from(bins)) as f32;
                for c in [edge, f32::from_bits(edge.to_bits() + 1).min(1.0), f32::from_bits(edge.to_bits().saturating_sub(1))] {
                    let c = f64::from(c);
                    assert_eq!(bin_index_exact_product_clamped(c, f64::from(bins)), bin_index(c, bins), "c = {c:e}, bins = {bins}");
                }
            }
        }
    }
}
