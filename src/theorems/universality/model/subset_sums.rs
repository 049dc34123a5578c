//! Subset sums and their exact covering radius.

use rug::Rational;

/// All `2^n` subset sums, sorted (with repeats removed).
pub fn subset_sums(xs: &[Rational]) -> Vec<Rational> {
    let mut sums = vec![Rational::new()];
    for x in xs {
        let shifted: Vec<Rational> = sums.iter().map(|s| Rational::from(s + x)).collect();
        sums.extend(shifted);
    }
    sums.sort();
    sums.dedup();
    sums
}

/// `sup_{z ∈ [lo, hi]} min_s |z − s|` over the sorted points `s`, exactly. The distance to a
/// finite set is piecewise linear in `z` with maxima at the interval's ends and at midpoints of
/// consecutive points, so those are the only candidates.
pub fn covering_radius(sorted: &[Rational], lo: &Rational, hi: &Rational) -> Rational {
    let distance = |z: &Rational| sorted.iter().map(|s| Rational::from(z - s).abs()).min().unwrap_or_default();
    let nearest = |z: &Rational| {
        let i = sorted.partition_point(|s| s < z);
        let mut best: Option<Rational> = None;
        for j in [i.wrapping_sub(1), i] {
            if let Some(s) = sorted.get(j) {
                let d = Rational::from(z - s).abs();
                if best.as_ref().is_none_or(|b| d < *b) {
                    best = Some(d);
                }
            }
        }
        best.unwrap_or_else(|| distance(z))
    };
    let mut radius = nearest(lo).max(nearest(hi));
    for w in sorted.windows(2) {
        let mid = Rational::from(&w[0] + &w[1]) / 2u32;
        if mid >= *lo && mid <= *hi {
            radius = radius.max(Rational::from(&w[1] - &w[0]) / 2u32);
        }
    }
    radius
}
