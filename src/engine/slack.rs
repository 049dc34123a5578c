//! How far an instance is from violating its claim: the relative slack reported as "tightest",
//! and the objective the targeted search minimises. Both are computed from the midpoints of the
//! enclosures as 64-bit floats with MPFR's exponent range (a 10^-2000 tail does not underflow);
//! they rank instances and never decide a comparison.
//!
//! Without a natural range the relative slack of `smaller ≤ larger` is
//! `(L − S) / max(|L|, |S|)`: 0 is tight, 1 is a zero smaller side, negative is violated.
//!
//! With a natural range `[a, b]` (a spec's `range`, e.g. `[0, 1]` for probabilities) the slack is
//! measured against both ends, `max((L − S)/(L − a), (L − S)/(b − S))`, so an instance where both
//! sides crowd the top of the range (a tail of 0.99999 against a bound of 0.999995 at a vanishing
//! deviation) shows the bound leaves half the remaining room, not that it is tight. An instance
//! where this is 0/0 (both sides 0, or both at the top end) is degenerate: it says nothing about
//! how close the claim comes to failing.

use super::theorem::{midpoint, Comparison};
use crate::spec::RationalLit;
use rug::Float;

/// A spec's natural range of the two sides.
pub type Range = Option<(RationalLit, RationalLit)>;

fn midpoints(c: &Comparison) -> Option<(Float, Float)> {
    let (small, large) = c.sides();
    let (s, l) = (midpoint(small), midpoint(large));
    (s.is_finite() && l.is_finite()).then_some((s, l))
}

fn float(r: &RationalLit) -> Float {
    Float::with_val(64, &r.0)
}

/// The relative slack; `None` for a degenerate instance.
pub fn relative_slack(c: &Comparison, range: &Range) -> Option<Float> {
    let (s, l) = midpoints(c)?;
    let gap = Float::with_val(64, &l - &s);
    match range {
        None => {
            if s.is_zero() && l.is_zero() {
                return None;
            }
            let scale = Float::with_val(64, s.abs_ref()).max(&Float::with_val(64, l.abs_ref()));
            Some(gap / scale)
        }
        Some((a, b)) => {
            let below = Float::with_val(64, &l - &float(a));
            let above = Float::with_val(64, &float(b) - &s);
            match (below.is_zero(), above.is_zero()) {
                (true, true) => None,
                (false, true) => (!gap.is_zero()).then(|| gap / below),
                (true, false) => (!gap.is_zero()).then(|| gap / above),
                (false, false) => Some(Float::with_val(64, &gap / &below).max(&(gap / above))),
            }
        }
    }
}

/// Whether an instance says nothing about how close the claim comes to failing.
pub fn degenerate(c: &Comparison, range: &Range) -> bool {
    relative_slack(c, range).is_none()
}

/// What the targeted search minimises (negative is violated): `ln(L/S)` where both sides are
/// positive, scale-free so that a 10^-300 tail against a 10^-290 bound still shows a gradient,
/// else the relative slack without a range. It deliberately ignores the natural range: the
/// ratio `S/L` is what a wrong constant (`L` off by a factor) changes, and it can be close to 1
/// where both sides crowd the top of a probability range.
///
/// Where `S ≤ 0 < L` the ratio is infinitely far from violated, so such an instance ranks after
/// every instance with both sides positive: its relative slack (at least 1 there) is scaled by
/// `2^RATIO_BEYOND`, past any `ln(L/S)` that MPFR's exponent range allows, which keeps the order
/// among such instances (a negative `S` rising toward 0 still shows a gradient). Without the
/// scaling an instance with `S = 0` (a claim met with nothing to spare on its left side, say an
/// ECE of exactly 0) scored 1 and outranked every instance with `L/S > e`, so a search could
/// spend its budget on a plateau of zeros.
pub fn search_objective(c: &Comparison) -> Option<Float> {
    let (s, l) = midpoints(c)?;
    if s > 0 && l > 0 {
        return Some(Float::with_val(64, l.ln_ref()) - Float::with_val(64, s.ln_ref()));
    }
    let slack = relative_slack(c, &None)?;
    if l > 0 {
        return Some(slack << RATIO_BEYOND);
    }
    Some(slack)
}

/// `2^RATIO_BEYOND` exceeds `|ln x|` for every finite MPFR float `x` (exponents stay below
/// `2^62`, so `|ln x| < 2^62`).
const RATIO_BEYOND: u32 = 64;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Relation;
    use crate::reference::Enclosure;
    use rug::Rational;

    fn le(lhs: (i64, i64), rhs: (i64, i64)) -> Comparison {
        Comparison::new(Enclosure::exact(Rational::from(lhs)), Relation::Le, Enclosure::exact(Rational::from(rhs)))
    }

    fn unit() -> Range {
        Some((RationalLit(Rational::from(0)), RationalLit(Rational::from(1))))
    }

    #[test]
    fn equal_sides_are_tight_and_zero_sides_degenerate() {
        assert_eq!(relative_slack(&le((1, 2), (1, 2)), &None).unwrap(), 0);
        assert!(degenerate(&le((0, 1), (0, 1)), &None));
        assert_eq!(relative_slack(&le((1, 4), (1, 2)), &None).unwrap(), 0.5);
    }

    #[test]
    fn a_range_measures_against_the_top_end_too() {
        // 0.99 against 0.995 leaves half the room below 1.
        assert_eq!(relative_slack(&le((99, 100), (995, 1000)), &unit()).unwrap(), 0.5);
        // Both at 1, or both at 0: degenerate.
        assert!(degenerate(&le((1, 1), (1, 1)), &unit()));
        assert!(degenerate(&le((0, 1), (0, 1)), &unit()));
        // A bound of 1 says nothing: slack 1.
        assert_eq!(relative_slack(&le((1, 2), (1, 1)), &unit()).unwrap(), 1);
    }

    #[test]
    fn the_search_objective_is_negative_exactly_when_violated() {
        assert!(search_objective(&le((1, 3), (1, 2))).unwrap() > 0);
        assert!(search_objective(&le((2, 3), (1, 2))).unwrap() < 0);
        assert!(search_objective(&le((-1, 1), (1, 2))).unwrap() > 0);
    }

    #[test]
    fn a_zero_or_negative_smaller_side_ranks_after_every_positive_ratio() {
        let zero = search_objective(&le((0, 1), (1, 2))).unwrap();
        let far = search_objective(&le((1, 1_000_000_000), (1_000_000_000, 1))).unwrap();
        let negative = search_objective(&le((-1, 4), (1, 2))).unwrap();
        assert!(far < zero && zero < negative, "{far} < {zero} < {negative}");
        // Violations and both-nonpositive sides keep the plain relative slack.
        assert!(search_objective(&le((1, 2), (-1, 2))).unwrap() < 0);
        assert_eq!(search_objective(&le((-1, 1), (-1, 2))).unwrap(), 0.5);
    }
}
