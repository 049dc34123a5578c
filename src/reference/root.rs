//! Certified inversion of monotone functions.
//!
//! To find the boundary of `{x : g(x) ≤ 0}` for a monotone `g`, we keep two points: `inside`,
//! where `g ≤ 0` is *certified*, and `outside`, where `g > 0` is certified. The boundary lies
//! between them, always. Candidate points come from the Illinois variant of regula falsi (with
//! bisection as a safeguard), which converges superlinearly; every candidate's side is decided
//! from an enclosure of `g`, never from a rounded float. When a candidate cannot be decided even
//! at the highest working precision, it lies within rounding distance of the boundary and the
//! search stops with the bracket it has: still certified, only wider.

use super::enclosure::{Decision, DomainError, Enclosure};
use rug::float::Round;
use rug::Float;
use rug::Rational;

/// A certified bracket of the boundary between the inside and the outside.
#[derive(Clone, Debug)]
pub struct Bracket {
    /// A point where `g ≤ 0` is certified.
    pub inside: Rational,
    /// A point where `g > 0` is certified.
    pub outside: Rational,
}

impl Bracket {
    /// The smaller endpoint.
    pub fn lower(&self) -> &Rational {
        if self.inside < self.outside {
            &self.inside
        } else {
            &self.outside
        }
    }

    /// The larger endpoint.
    pub fn upper(&self) -> &Rational {
        if self.inside < self.outside {
            &self.outside
        } else {
            &self.inside
        }
    }

    /// The bracket as an interval at `prec` bits, rounded outward.
    pub fn to_enclosure(&self, prec: u32) -> Enclosure {
        let lo = Float::with_val_round(prec, self.lower(), Round::Down).0;
        let hi = Float::with_val_round(prec, self.upper(), Round::Up).0;
        super::interval::Interval::new(lo, hi).expect("ordered bracket").into()
    }

    fn width(&self) -> Rational {
        Rational::from(self.upper() - self.lower())
    }
}

/// Narrows `bracket` until its width is at most `2^-bits` relative to its larger endpoint's
/// magnitude (absolute `2^-bits` near zero), evaluating `g` at working precisions from `prec`
/// up to `max_prec`.
pub fn refine<G>(mut bracket: Bracket, bits: u32, max_prec: u32, g: G) -> Result<Bracket, DomainError>
where
    G: Fn(&Rational, u32) -> Result<Enclosure, DomainError>,
{
    // Relative to the smaller end's magnitude, so that roots near zero get full relative
    // accuracy too; a root at exactly zero stops at the step limit with a valid bracket.
    let narrow_enough = |b: &Bracket| {
        let scale = Rational::from(b.lower().abs_ref()).min(Rational::from(b.upper().abs_ref()));
        scale > 0 && b.width() <= scale >> bits
    };
    let start_prec = bits + 32;
    // Approximate values of g at the bracket ends, for regula falsi; None when not finite.
    let mut g_inside: Option<Float> = None;
    let mut g_outside: Option<Float> = None;
    let mut last_kept_inside: Option<bool> = None;
    let mut steps_without_halving = 0;
    let max_steps = 8 * bits + 64;
    for _ in 0..max_steps {
        if narrow_enough(&bracket) {
            break;
        }
        let width_before = bracket.width();
        let candidate = next_candidate(&bracket, g_inside.as_ref(), g_outside.as_ref(), steps_without_halving >= 2, bits);
        let mut decided = None;
        let mut prec = start_prec;
        while prec <= max_prec {
            let value = g(&candidate, prec)?;
            match value.le(&Enclosure::zero()) {
                Decision::True => decided = Some((true, value)),
                Decision::False => decided = Some((false, value)),
                Decision::Undecided => {}
            }
            if decided.is_some() {
                break;
            }
            prec *= 2;
        }
        let Some((is_inside, value)) = decided else {
            // Within rounding distance of the boundary: the bracket is as good as it gets.
            break;
        };
        let approx = finite_approx(&value, start_prec);
        if is_inside {
            bracket.inside = candidate;
            g_inside = approx;
            if last_kept_inside == Some(false) {
                // The outside end stayed twice in a row: Illinois halves its weight.
                g_outside = g_outside.map(|v| v / 2u32);
            }
            last_kept_inside = Some(false);
        } else {
            bracket.outside = candidate;
            g_outside = approx;
            if last_kept_inside == Some(true) {
                g_inside = g_inside.map(|v| v / 2u32);
            }
            last_kept_inside = Some(true);
        }
        if bracket.width() * 2u32 <= width_before {
            steps_without_halving = 0;
        } else {
            steps_without_halving += 1;
        }
    }
    Ok(bracket)
}

fn finite_approx(value: &Enclosure, prec: u32) -> Option<Float> {
    let interval = value.to_interval(prec);
    if !interval.is_finite() {
        return None;
    }
    Some(Float::with_val(prec, interval.lo() + interval.hi()) / 2u32)
}

/// The next point to decide: regula falsi when both end values are known and the last steps
/// made progress, the midpoint otherwise. Candidates are rounded to `bits + 40` binary digits so
/// that the rationals stay small.
fn next_candidate(bracket: &Bracket, g_in: Option<&Float>, g_out: Option<&Float>, force_bisect: bool, bits: u32) -> Rational {
    if let Some(x) = scale_search_candidate(bracket) {
        return x;
    }
    let midpoint = Rational::from(bracket.lower() + bracket.upper()) / 2u32;
    let prec = bits + 64;
    let falsi = match (g_in, g_out, force_bisect) {
        (Some(gi), Some(go), false) => {
            let denominator = Float::with_val(prec, go - gi);
            if denominator.is_zero() || !denominator.is_finite() {
                None
            } else {
                // x = inside − g_in · (outside − inside) / (g_out − g_in)
                let span = Float::with_val(prec, &Rational::from(&bracket.outside - &bracket.inside));
                let step = Float::with_val(prec, gi * span) / denominator;
                let x = Float::with_val(prec, &bracket.inside) - step;
                x.to_rational()
            }
        }
        _ => None,
    };
    let candidate = falsi.unwrap_or(midpoint.clone());
    let strictly_inside = candidate > *bracket.lower() && candidate < *bracket.upper();
    let rounded = round_to_bits(&candidate, bits + 40);
    if strictly_inside && rounded > *bracket.lower() && rounded < *bracket.upper() {
        rounded
    } else {
        midpoint
    }
}

/// When a positive bracket spans many binary orders of magnitude (a root near zero), the next
/// point is chosen geometrically: `upper / 2^64` while the lower end is zero, the geometric mean
/// (by exponents) while the ends differ by more than 2^16. Returns `None` otherwise.
fn scale_search_candidate(bracket: &Bracket) -> Option<Rational> {
    let (lower, upper) = (bracket.lower(), bracket.upper());
    if *upper <= 0 || *lower < 0 {
        return None;
    }
    if *lower == 0 {
        return Some(Rational::from(upper >> 64u32));
    }
    let exponent = |x: &Rational| Float::with_val(64, x).get_exp().unwrap_or(0);
    let (e_lo, e_hi) = (exponent(lower), exponent(upper));
    if e_hi - e_lo <= 16 {
        return None;
    }
    let middle = (e_lo + e_hi) / 2;
    let x = Rational::from(1) << middle;
    (x > *lower && x < *upper).then_some(x)
}

fn round_to_bits(x: &Rational, bits: u32) -> Rational {
    Float::with_val(bits, x).to_rational().unwrap_or_else(|| x.clone())
}
