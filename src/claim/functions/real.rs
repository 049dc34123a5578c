//! Enclosures of the analytic functions the reference does not provide as interval methods
//! (expm1, erf, lgamma, real powers), each with directed rounding at both ends.

use crate::reference::{Enclosure, Interval};
use rug::float::Round;
use rug::{Float, Rational};
use std::cmp::Ordering;

/// `f` applied to an increasing function's endpoints: the lower end rounded down, the upper up.
pub fn increasing(e: &Enclosure, prec: u32, f: impl Fn(&mut Float, Round) -> Ordering) -> Enclosure {
    let i = e.to_interval(prec);
    let (mut lo, mut hi) = (widen(i.lo(), prec, Round::Down), widen(i.hi(), prec, Round::Up));
    f(&mut lo, Round::Down);
    f(&mut hi, Round::Up);
    Interval::new(lo, hi).map_or_else(|| Interval::entire(prec).into(), Enclosure::from)
}

/// `f` applied to a decreasing function's endpoints.
pub fn decreasing(e: &Enclosure, prec: u32, f: impl Fn(&mut Float, Round) -> Ordering) -> Enclosure {
    let i = e.to_interval(prec);
    let (mut lo, mut hi) = (widen(i.hi(), prec, Round::Up), widen(i.lo(), prec, Round::Down));
    f(&mut lo, Round::Down);
    f(&mut hi, Round::Up);
    Interval::new(lo, hi).map_or_else(|| Interval::entire(prec).into(), Enclosure::from)
}

fn widen(x: &Float, prec: u32, round: Round) -> Float {
    Float::with_val_round(prec, x, round).0
}

pub fn expm1(x: &Enclosure, prec: u32) -> Enclosure {
    match x.as_exact() {
        Some(r) if *r == 0 => Enclosure::zero(),
        _ => increasing(x, prec, |v, r| v.exp_m1_round(r)),
    }
}

pub fn erf(x: &Enclosure, prec: u32) -> Enclosure {
    match x.as_exact() {
        Some(r) if *r == 0 => Enclosure::zero(),
        _ => increasing(x, prec, |v, r| v.erf_round(r)),
    }
}

/// The standard normal CDF `Φ(x) = erfc(−x/√2)/2`, increasing: each endpoint goes through the
/// reference's certified `normal_cdf` at that endpoint's exact value.
pub fn normal_cdf(x: &Enclosure, prec: u32) -> Enclosure {
    if let Some(r) = x.as_exact() {
        return crate::reference::normal_cdf(r, prec);
    }
    let i = x.to_interval(prec);
    let end = |f: &Float, lower: bool| -> Float {
        if f.is_infinite() {
            let limit = if f.is_sign_negative() { 0 } else { 1 };
            return Float::with_val(prec, limit);
        }
        let exact = f.to_rational().expect("finite");
        let e = crate::reference::normal_cdf(&exact, prec);
        if lower {
            e.lo(prec)
        } else {
            e.hi(prec)
        }
    };
    Interval::new(end(i.lo(), true), end(i.hi(), false)).map_or_else(|| Interval::entire(prec).into(), Enclosure::from)
}

/// `ln Γ(x)` for `x > 0`. Γ has its minimum on the positive axis at x₀ ≈ 1.46163 with
/// `ln Γ(x₀) ≈ −0.1214863`: decreasing below 1.4616, increasing above 1.4617, and bounded below
/// by −0.1215 in between. The caller has checked `x > 0`.
pub fn lgamma(x: &Enclosure, prec: u32) -> Enclosure {
    let below_minimum = Rational::from((14616, 10000));
    let above_minimum = Rational::from((14617, 10000));
    let i = x.to_interval(prec);
    if *i.hi() <= below_minimum {
        return decreasing(x, prec, |v, r| v.ln_gamma_round(r));
    }
    if *i.lo() >= above_minimum {
        return increasing(x, prec, |v, r| v.ln_gamma_round(r));
    }
    // Endpoints are exact floats: copy them at their own precision (no rounding) and round the
    // value up; the maximum of lgamma over the interval is at one of its ends.
    let at = |v: &Float| {
        let mut v = Float::with_val(v.prec().max(prec), v);
        v.ln_gamma_round(Round::Up);
        v
    };
    let (lo_end, hi_end) = (at(i.lo()), at(i.hi()));
    let hi = if lo_end > hi_end { lo_end } else { hi_end };
    let floor = Float::with_val_round(prec, Rational::from((-1215, 10000)), Round::Down).0;
    Interval::new(floor, hi).map_or_else(|| Interval::entire(prec).into(), Enclosure::from)
}

/// `x^y` for real `y` and `x ≥ 0` (the caller has checked), as `exp(y · ln x)`; `0^y = 0` for
/// `y > 0`.
pub fn real_power(x: &Enclosure, y: &Enclosure, prec: u32) -> Enclosure {
    if let Some(r) = x.as_exact() {
        if *r == 0 {
            return Enclosure::zero();
        }
        if *r == 1 {
            return Enclosure::one();
        }
    }
    let xi = x.to_interval(prec);
    let ln = xi.ln(prec).unwrap_or_else(|| Interval::entire(prec));
    ln.mul(&y.to_interval(prec), prec).exp(prec).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The enclosure is narrow and agrees with a double-precision reference value to within
    /// that value's own rounding (a few ulps), so an enclosure of the wrong function fails.
    fn contains(e: &Enclosure, x: f64) -> bool {
        let i = e.to_interval(128);
        let slack = 8.0 * f64::EPSILON * x.abs().max(f64::MIN_POSITIVE);
        let narrow = i.width() < 1e-30;
        narrow && i.lo().to_f64() <= x + slack && i.hi().to_f64() >= x - slack
    }

    #[test]
    fn enclosures_contain_known_values() {
        let third = Enclosure::exact(Rational::from((1, 3)));
        assert!(contains(&expm1(&third, 128), (1.0f64 / 3.0).exp_m1()));
        assert!(contains(&erf(&third, 128), 0.362_648_111_766_062_4));
        assert!(contains(&lgamma(&Enclosure::exact(Rational::from(5)), 128), 24f64.ln()));
        assert!(contains(&lgamma(&third, 128), 0.985_420_646_927_767_1));
        let two = Enclosure::exact(Rational::from(2));
        assert!(contains(&real_power(&two, &Enclosure::exact(Rational::from((1, 2))), 128), 2f64.sqrt()));
    }

    #[test]
    fn lgamma_near_its_minimum_stays_valid() {
        let around = Enclosure::from(Interval::new(Float::with_val(64, 1.4), Float::with_val(64, 1.5)).unwrap());
        let e = lgamma(&around, 64);
        let i = e.to_interval(64);
        for x in [1.4, 1.4616321449683623, 1.5] {
            let mut v = Float::with_val(64, x);
            v.ln_gamma_round(Round::Nearest);
            assert!(*i.lo() <= v && v <= *i.hi(), "lgamma({x})");
        }
    }
}
