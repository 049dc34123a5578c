//! Whether a set of samples ε-covers `[−1, 1]` by its subset sums, decided exactly in integer
//! arithmetic without listing the `2^n` sums.
//!
//! Every value is an integer number of *units* (the caller fixes the unit so that samples, the
//! radius and 1 are all integers). `I_k = S_k ⊕ [−r, r]`, the points within `r` of a subset sum
//! of the first `k` samples, is a union of closed intervals with integer ends, and
//! `I_{k+1} = I_k ∪ (I_k + x_{k+1})`, so one merge of two sorted lists per sample keeps it.
//! Two cuts keep the lists short:
//! - **clipping**: a point `y ∈ I_k` can only matter if `y + t ∈ [−1, 1]` for a subset sum `t`
//!   of the samples not yet merged, and `t ∈ [−(their negative total), their positive total]`;
//!   points outside that window are dropped, which leaves `I_n ∩ [−1, 1]` unchanged;
//! - **early stop**: `I_k ⊆ I_n`, so once one interval of `I_k` contains `[−1, 1]` the samples
//!   cover.
//!
//! Two intervals merge only when they overlap or share an end: `[a, b]` and `[b + 1, c]` leave
//! the real points strictly between `b` and `b + 1` uncovered.

/// Why a cover could not be decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooManyIntervals;

/// Whether every `z ∈ [−one, one]` lies within `radius` of a subset sum of `samples` (the empty
/// sum 0 included). `Err` once the interval list would exceed `max_intervals`.
pub fn covers(samples: &[i128], radius: i128, one: i128, max_intervals: usize) -> Result<bool, TooManyIntervals> {
    let contains_target = |list: &[(i128, i128)]| list.iter().any(|&(lo, hi)| lo <= -one && hi >= one);
    let mut positive_left: i128 = samples.iter().filter(|x| **x > 0).sum();
    let mut negative_left: i128 = -samples.iter().filter(|x| **x < 0).sum::<i128>();
    let mut current = vec![(-radius, radius)];
    if contains_target(&current) {
        return Ok(true);
    }
    let mut next = Vec::new();
    for &x in samples {
        if x > 0 {
            positive_left -= x;
        } else {
            negative_left += x;
        }
        let window = (-one - positive_left, one + negative_left);
        merge_shifted(&current, x, window, &mut next);
        if next.len() > max_intervals {
            return Err(TooManyIntervals);
        }
        std::mem::swap(&mut current, &mut next);
        if contains_target(&current) {
            return Ok(true);
        }
    }
    Ok(false)
}

/// `out = clip(list ∪ (list + x), window)`, sorted and merged; `list` is sorted and disjoint.
fn merge_shifted(list: &[(i128, i128)], x: i128, window: (i128, i128), out: &mut Vec<(i128, i128)>) {
    out.clear();
    let shifted = list.iter().map(|&(lo, hi)| (lo + x, hi + x));
    let (mut a, mut b) = (list.iter().copied().peekable(), shifted.peekable());
    loop {
        let take_a = match (a.peek(), b.peek()) {
            (Some(p), Some(q)) => p.0 <= q.0,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => break,
        };
        let (lo, hi) = if take_a { a.next() } else { b.next() }.expect("peeked");
        let (lo, hi) = (lo.max(window.0), hi.min(window.1));
        if lo > hi {
            continue;
        }
        match out.last_mut() {
            Some(last) if lo <= last.1 => last.1 = last.1.max(hi),
            _ => out.push((lo, hi)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::theorems::universality::{covering_radius, subset_sums};
    use rug::Rational;

    /// Brute force over all `2^n` sums with the exact covering radius.
    fn covers_by_listing(samples: &[i128], radius: i128, one: i128) -> bool {
        let xs: Vec<Rational> = samples.iter().map(|x| Rational::from(*x)).collect();
        let sums = subset_sums(&xs);
        covering_radius(&sums, &Rational::from(-one), &Rational::from(one)) <= radius
    }

    #[test]
    fn agrees_with_listing_every_sum() {
        let mut rng = crate::rng::SplitMix64::from_state(7);
        let mut seen = [0u32; 2];
        for _ in 0..3000 {
            let n = 1 + rng.below(9) as usize;
            let one = 64i128;
            let samples: Vec<i128> = (0..n).map(|_| rng.below(129) as i128 - 64).collect();
            let radius = 1 + rng.below(40) as i128;
            let fast = covers(&samples, radius, one, 1 << 20).unwrap();
            assert_eq!(fast, covers_by_listing(&samples, radius, one), "samples {samples:?}, radius {radius}");
            seen[usize::from(fast)] += 1;
        }
        // Both answers occur, so the comparison above tested something.
        assert!(seen[0] > 100 && seen[1] > 100, "{seen:?}");
    }

    #[test]
    fn a_gap_of_one_unit_is_not_covered_and_shared_ends_are() {
        // Sums {−3, 0, 3} at radius 1 leave (−2, −1) and (1, 2) uncovered; radius 2 closes them.
        assert_eq!(covers(&[3, -3], 1, 3, 16), Ok(false));
        assert_eq!(covers(&[3, -3], 2, 3, 16), Ok(true));
        // Sums {−2, 0, 2} at radius 1 meet at ±1, a shared end: [−2, 2] is covered.
        assert_eq!(covers(&[2, -2], 1, 2, 16), Ok(true));
    }

    #[test]
    fn the_interval_cap_is_reported() {
        let samples: Vec<i128> = (0..12).map(|k| 1i128 << (k + 4)).collect();
        assert_eq!(covers(&samples, 1, 1 << 20, 8), Err(TooManyIntervals));
    }
}
