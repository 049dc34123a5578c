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

    /// Width at most `2^-bits` relative to the smaller end's magnitude, so that roots near zero
    /// get full relative accuracy too; a root at exactly zero never qualifies.
    fn narrow_enough(&self, bits: u32) -> bool {
        let scale = Rational::from(self.lower().abs_ref()).min(Rational::from(self.upper().abs_ref()));
        scale > 0 && self.width() <= scale >> bits
    }

    fn strictly_contains(&self, x: &Rational) -> bool {
        x > self.lower() && x < self.upper()
    }

    /// Moves the end on `x`'s side to `x`, when `x` lies strictly inside the bracket.
    fn tighten(&mut self, x: &Rational, is_inside: bool) {
        if self.strictly_contains(x) {
            if is_inside {
                self.inside = x.clone();
            } else {
                self.outside = x.clone();
            }
        }
    }
}

/// Narrows `bracket` like [`refine`], with Newton steps and precision doubling.
///
/// Newton's iteration `x ← x − g(x)/g'(x)` runs from `start` (an approximate root, e.g. from a
/// closed-form asymptote; the bracket is first narrowed to 16 bits by [`refine`] when there is
/// none), each step at about twice the working precision of the last, so the number of correct
/// bits doubles per step. Every iterate is itself evaluated with a certified enclosure, and moves
/// the bracket's end on its side. Once a step is below `2^-(bits/2+12)` relative, the iterate is
/// accurate to far more than `bits` bits, and two probes at `x·(1 ± 2^-(bits+2))` certify a
/// bracket of relative width `2^-(bits+1)`. `slope(x, prec)` is an approximation of `g'(x)`; it
/// only steers the iteration and never decides a side. Whenever a step leaves the bracket or the
/// probes fail to certify it, the remaining work falls back to [`refine`] from the certified
/// bracket, so the answer is always a certified bracket.
pub fn newton_refine<G, D>(
    mut bracket: Bracket,
    start: Option<Float>,
    bits: u32,
    max_prec: u32,
    g: G,
    slope: D,
) -> Result<Bracket, DomainError>
where
    G: Fn(&Rational, u32) -> Result<Enclosure, DomainError>,
    D: Fn(&Float, u32) -> Option<Float>,
{
    let start = start.filter(|x| x.to_rational().is_some_and(|r| bracket.strictly_contains(&r)));
    let mut x = match start {
        Some(x) => x,
        None => {
            bracket = refine(bracket, bits.min(16), max_prec, &g)?;
            if bracket.narrow_enough(bits) {
                return Ok(bracket);
            }
            Float::with_val(bits + 64, &(Rational::from(bracket.lower() + bracket.upper()) / 2u32))
        }
    };
    let mut accurate_bits: u32 = 16;
    for _ in 0..64 {
        if bracket.narrow_enough(bits) {
            return Ok(bracket);
        }
        let candidate = x.to_rational().expect("finite iterate");
        let wp = (2 * accurate_bits + 64).min(bits + 64);
        let (side, value) = evaluate_side(&g, &candidate, wp, max_prec)?;
        if let Some(is_inside) = side {
            bracket.tighten(&candidate, is_inside);
        }
        let Some(value) = value else { break };
        let Some(derivative) = slope(&x, wp).filter(|d| d.is_normal()) else { break };
        let step = Float::with_val(wp, &value / &derivative);
        let next = Float::with_val((4 * accurate_bits + 128).min(bits + 96), &x - &step);
        let step_bits = match (x.get_exp(), step.get_exp()) {
            (Some(ex), Some(es)) => (ex - es).max(0) as u32,
            _ => bits + 64, // a zero step: x is a root to working precision
        };
        if !next.to_rational().is_some_and(|r| bracket.strictly_contains(&r)) {
            break;
        }
        x = next;
        accurate_bits = (2 * step_bits).clamp(16, bits + 32);
        if step_bits >= bits / 2 + 12 {
            // Certify: x is accurate to about 2·step_bits bits, far beyond `bits`.
            let delta = Float::with_val(x.prec(), x.abs_ref()) >> (bits + 2);
            for sign in [-1i32, 1] {
                let probe = Float::with_val(x.prec() + bits + 8, &x + Float::with_val(delta.prec(), &delta * sign));
                let probe = probe.to_rational().expect("finite probe");
                if let (Some(is_inside), _) = evaluate_side(&g, &probe, bits + 32, max_prec)? {
                    bracket.tighten(&probe, is_inside);
                }
            }
        }
    }
    refine(bracket, bits, max_prec, g)
}

/// The certified side of `x` (`Some(true)` when `g(x) ≤ 0`), found at precisions from `wp`
/// doubling to `max_prec`, and an approximate value of `g(x)` accurate to about 16 bits when
/// one could be had (for the Newton step; never for deciding).
fn evaluate_side<G>(g: &G, x: &Rational, wp: u32, max_prec: u32) -> Result<(Option<bool>, Option<Float>), DomainError>
where
    G: Fn(&Rational, u32) -> Result<Enclosure, DomainError>,
{
    let mut prec = wp.min(max_prec);
    let mut approx = None;
    loop {
        let value = g(x, prec)?;
        let side = match value.le(&Enclosure::zero()) {
            Decision::True => Some(true),
            Decision::False => Some(false),
            Decision::Undecided => None,
        };
        let interval = value.to_interval(prec);
        if interval.is_finite() {
            let mid = Float::with_val(prec, interval.lo() + interval.hi()) / 2u32;
            let accurate = interval.width() <= Float::with_val(prec, mid.abs_ref()) >> 16u32;
            approx = Some(mid);
            if side.is_some() && accurate {
                return Ok((side, approx));
            }
        }
        if prec >= max_prec {
            return Ok((side, approx));
        }
        prec = (prec * 2).min(max_prec);
    }
}

/// Narrows `bracket` until its width is at most `2^-bits` relative to its larger endpoint's
/// magnitude (absolute `2^-bits` near zero), evaluating `g` at working precisions from `prec`
/// up to `max_prec`.
pub fn refine<G>(mut bracket: Bracket, bits: u32, max_prec: u32, g: G) -> Result<Bracket, DomainError>
where
    G: Fn(&Rational, u32) -> Result<Enclosure, DomainError>,
{
    let narrow_enough = |b: &Bracket| b.narrow_enough(bits);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// g(x) = x² − 2 on [1, 2], enclosed from exact rationals (exact, so never undecided off √2).
    fn square_minus_two(x: &Rational, _prec: u32) -> Result<Enclosure, DomainError> {
        Ok(Enclosure::exact(Rational::from(x * x) - 2u32))
    }

    fn contains_sqrt2(b: &Bracket) -> bool {
        let (lo, hi) = (b.lower().clone(), b.upper().clone());
        Rational::from(&lo * &lo) <= 2u32 && Rational::from(&hi * &hi) >= 2u32
    }

    #[test]
    fn newton_reaches_full_width_and_stays_certified() {
        let bracket = Bracket { inside: Rational::from(1), outside: Rational::from(2) };
        let slope = |x: &Float, prec: u32| Some(Float::with_val(prec, x * 2u32));
        let start = Some(Float::with_val(64, 1.4));
        let b = newton_refine(bracket.clone(), start, 300, 4096, square_minus_two, slope).unwrap();
        assert!(contains_sqrt2(&b) && b.narrow_enough(300));
        // No start: refine to 16 bits first, then Newton.
        let b = newton_refine(bracket.clone(), None, 300, 4096, square_minus_two, slope).unwrap();
        assert!(contains_sqrt2(&b) && b.narrow_enough(300));
    }

    #[test]
    fn a_misleading_slope_falls_back_to_a_certified_bracket() {
        let bracket = Bracket { inside: Rational::from(1), outside: Rational::from(2) };
        // The wrong sign sends the first step out of the bracket; refine takes over.
        let wrong = |x: &Float, prec: u32| Some(Float::with_val(prec, x * -2i32));
        let b = newton_refine(bracket, Some(Float::with_val(64, 1.5)), 120, 4096, square_minus_two, wrong).unwrap();
        assert!(contains_sqrt2(&b) && b.narrow_enough(120));
    }
}
