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

/// What the targeted search minimises (negative is violated). Scale-free where it can be:
/// `ln(L/S)` for positive sides without a range, and with a range `[a, b]` the larger of
/// `ln((L − a)/(S − a))` and `ln((b − S)/(b − L))`, so that the search is not drawn into the
/// corner where both sides crowd an end of the range. Otherwise the relative slack.
pub fn search_objective(c: &Comparison, range: &Range) -> Option<Float> {
    let (s, l) = midpoints(c)?;
    let log_ratio = |num: Float, den: Float| -> Option<Float> {
        (num > 0 && den > 0).then(|| Float::with_val(64, num.ln_ref()) - Float::with_val(64, den.ln_ref()))
    };
    match range {
        None if s > 0 && l > 0 => log_ratio(l, s),
        None => relative_slack(c, range),
        Some((a, b)) => {
            let (a, b) = (float(a), float(b));
            let bottom = log_ratio(Float::with_val(64, &l - &a), Float::with_val(64, &s - &a));
            let top = log_ratio(Float::with_val(64, &b - &s), Float::with_val(64, &b - &l));
            match (bottom, top) {
                (Some(x), Some(y)) => Some(x.max(&y)),
                (Some(x), None) | (None, Some(x)) => Some(x),
                (None, None) => relative_slack(c, range),
            }
        }
    }
}

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
        for range in [None, unit()] {
            assert!(search_objective(&le((1, 3), (1, 2)), &range).unwrap() > 0);
            assert!(search_objective(&le((2, 3), (1, 2)), &range).unwrap() < 0);
        }
    }
}
