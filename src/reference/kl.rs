//! Binary relative entropy and its inverses.
//!
//! `kl(q‖p) = q ln(q/p) + (1−q) ln((1−q)/(1−p))` with `0 ln 0 = 0`. Each logarithm is taken as
//! `ln_1p` of an exact rational (`q/p = 1 + (q−p)/p`), which keeps full relative accuracy when
//! `p` is close to `q`. The inverses are found by certified bracketing (see [`super::root`]) and
//! reported as enclosures whose outer end is the conservative bound.

use super::enclosure::{DomainError, Enclosure};
use super::interval::Interval;
use super::root::{newton_refine, Bracket};
use rug::float::Special;
use rug::{Float, Rational};
use thiserror::Error;

/// Arguments outside the domain of kl or its inverses.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum KlError {
    #[error("{name} = {value} is outside [0, 1]")]
    ProbabilityOutOfRange { name: &'static str, value: String },
    #[error("c = {0} is negative; kl-inverse needs c ≥ 0")]
    NegativeDivergence(String),
    #[error(transparent)]
    Domain(#[from] DomainError),
}

fn check_unit(name: &'static str, x: &Rational) -> Result<(), KlError> {
    if *x < 0 || *x > 1 {
        return Err(KlError::ProbabilityOutOfRange { name, value: super::decimal::format_rational(x) });
    }
    Ok(())
}

/// `kl(q‖p)`, enclosed at `prec` bits; exactly 0 when `q = p`, `+∞` when `p ∈ {0,1}` and `q ≠ p`.
pub fn kl_bernoulli(q: &Rational, p: &Rational, prec: u32) -> Result<Enclosure, KlError> {
    check_unit("q", q)?;
    check_unit("p", p)?;
    if q == p {
        return Ok(Enclosure::zero());
    }
    if *p == 0 || *p == 1 {
        return Ok(Interval::point(Float::with_val(prec, Special::Infinity)).into());
    }
    let one = Rational::from(1);
    let mut total = Enclosure::zero();
    if *q > 0 {
        total = total.add(&x_ln_x_over(q, p, prec)?, prec);
    }
    if *q < 1 {
        let q_bar = Rational::from(&one - q);
        let p_bar = Rational::from(&one - p);
        total = total.add(&x_ln_x_over(&q_bar, &p_bar, prec)?, prec);
    }
    // kl ≥ 0 always; intersecting with [0, ∞) keeps the enclosure honest and tighter.
    Ok(clamp_nonnegative(total, prec))
}

/// `x ln(x/y)` for `x, y > 0`, as `x·ln_1p(t)` with `t = (x − y)/y ≥ 0` or `−x·ln_1p(t)` with
/// `t = (y − x)/x ≥ 0`: the argument of `ln_1p` is never near −1, so the result keeps full
/// relative accuracy both when `y ≈ x` and when `y ≪ x` (a root near 1e-774 needs the latter).
fn x_ln_x_over(x: &Rational, y: &Rational, prec: u32) -> Result<Enclosure, DomainError> {
    let x_enc = Enclosure::exact(x.clone());
    if x >= y {
        let t = Enclosure::exact(Rational::from(x - y) / y);
        Ok(x_enc.mul(&t.ln_1p(prec)?, prec))
    } else {
        let t = Enclosure::exact(Rational::from(y - x) / x);
        Ok(x_enc.mul(&t.ln_1p(prec)?, prec).neg())
    }
}

fn clamp_nonnegative(e: Enclosure, prec: u32) -> Enclosure {
    match e {
        Enclosure::Interval(i) if *i.lo() < 0 => {
            let hi = if *i.hi() < 0 { Float::with_val(prec, 0) } else { i.hi().clone() };
            Interval::new(Float::with_val(prec, 0), hi).expect("ordered").into()
        }
        other => other,
    }
}

/// The largest `p ∈ [q, 1]` with `kl(q‖p) ≤ c`, enclosed; its upper end is a valid upper bound.
pub fn kl_inverse_upper(q: &Rational, c: &Rational, prec: u32) -> Result<Enclosure, KlError> {
    check_unit("q", q)?;
    check_c(c)?;
    if *c == 0 || *q == 1 {
        return Ok(Enclosure::exact(q.clone()));
    }
    if *q == 0 {
        // kl(0‖p) = −ln(1−p) ≤ c  ⟺  p ≤ 1 − e^{−c}.
        let e = Enclosure::exact(Rational::from(-c)).exp(prec + 16);
        return Ok(Enclosure::one().sub(&e, prec + 16));
    }
    let bracket = Bracket { inside: q.clone(), outside: Rational::from(1) };
    invert(q, c, bracket, prec)
}

/// The smallest `p ∈ [0, q]` with `kl(q‖p) ≤ c`, enclosed; its lower end is a valid lower bound.
pub fn kl_inverse_lower(q: &Rational, c: &Rational, prec: u32) -> Result<Enclosure, KlError> {
    check_unit("q", q)?;
    check_c(c)?;
    if *c == 0 || *q == 0 {
        return Ok(Enclosure::exact(q.clone()));
    }
    if *q == 1 {
        // kl(1‖p) = −ln p ≤ c  ⟺  p ≥ e^{−c}.
        return Ok(Enclosure::exact(Rational::from(-c)).exp(prec + 16));
    }
    let bracket = Bracket { inside: q.clone(), outside: Rational::new() };
    invert(q, c, bracket, prec)
}

fn check_c(c: &Rational) -> Result<(), KlError> {
    if *c < 0 {
        return Err(KlError::NegativeDivergence(super::decimal::format_rational(c)));
    }
    Ok(())
}

fn invert(q: &Rational, c: &Rational, bracket: Bracket, prec: u32) -> Result<Enclosure, KlError> {
    let c_enc = Enclosure::exact(c.clone());
    let g = |p: &Rational, wp: u32| -> Result<Enclosure, DomainError> {
        let kl = kl_bernoulli(q, p, wp).map_err(|e| match e {
            KlError::Domain(d) => d,
            other => DomainError::OutsideDomain { function: "kl", argument: other.to_string() },
        })?;
        Ok(kl.sub(&c_enc, wp))
    };
    // g'(p) = (p − q)/(p(1 − p)), approximately: it only steers the Newton steps.
    let slope = |p: &Float, wp: u32| -> Option<Float> {
        let qf = Float::with_val(wp, q);
        let numerator = Float::with_val(wp, p - &qf);
        let denominator = Float::with_val(wp, p * Float::with_val(wp, 1 - p));
        Some(numerator / denominator)
    };
    let start = newton_start(q, c, bracket.inside < bracket.outside);
    let refined = newton_refine(bracket, start, prec + 8, 16 * prec.max(64), g, slope)?;
    Ok(refined.to_enclosure(prec + 16))
}

/// An approximate root to start Newton from (it only picks the first point; f64 never decides).
///
/// In `t = ln p` (lower inverse) the function `G(t) = kl(q‖e^t) − c` is convex and decreasing
/// and lies above its asymptote `q ln q − q t + (1−q) ln(1−q) − c`; the asymptote's root is left
/// of the true root, and Newton's iteration from there climbs to it monotonically, even for roots
/// far below f64's range (only `t` is an f64). The upper inverse is the same in `u = ln(1 − p)`.
/// The result, `e^t` or `1 − e^u`, is returned as a 64-bit float.
fn newton_start(q: &Rational, c: &Rational, upper: bool) -> Option<Float> {
    let (qf, cf) = (q.to_f64(), c.to_f64());
    if !(qf > 0.0 && qf < 1.0 && cf.is_finite()) {
        return None;
    }
    // Work with the side's own weight: w = q for the lower inverse, 1 − q for the upper.
    let (w, w_bar) = if upper { (1.0 - qf, qf) } else { (qf, 1.0 - qf) };
    let entropy_part = w * w.ln() + w_bar * w_bar.ln();
    // G(t) = w ln w − w t + w̄ ln w̄ − w̄ ln(1 − e^t) − c, G'(t) = −w + w̄ e^t/(1 − e^t).
    let mut t = (entropy_part - cf) / w;
    for _ in 0..100 {
        let e = t.exp();
        let value = entropy_part - w * t - w_bar * (-e).ln_1p() - cf;
        let derivative = -w + w_bar * e / (1.0 - e);
        if !value.is_finite() || !derivative.is_finite() || derivative >= 0.0 {
            break;
        }
        let step = value / derivative;
        t -= step;
        if step.abs() <= 1e-15 * t.abs().max(1.0) {
            break;
        }
    }
    if !t.is_finite() || t >= 0.0 {
        return None;
    }
    let e = Float::with_val(64, t).exp();
    Some(if upper { Float::with_val(64, 1 - e) } else { e })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::enclosure::Decision;

    fn q(n: i64, d: i64) -> Rational {
        Rational::from((n, d))
    }

    #[test]
    fn kl_is_zero_on_the_diagonal_and_infinite_at_the_edges() {
        assert_eq!(kl_bernoulli(&q(1, 3), &q(1, 3), 64).unwrap(), Enclosure::zero());
        let inf = kl_bernoulli(&q(1, 3), &q(0, 1), 64).unwrap();
        assert!(inf.lo(64).is_infinite());
    }

    #[test]
    fn kl_matches_a_closed_form() {
        // kl(1/2‖1/4) = ½ ln 2 + ½ ln(2/3) = ln 2 − ½ ln 3.
        let prec = 200;
        let v = kl_bernoulli(&q(1, 2), &q(1, 4), prec).unwrap();
        let ln2 = Enclosure::exact(2).ln(prec).unwrap();
        let ln3 = Enclosure::exact(3).ln(prec).unwrap();
        let expected = ln2.sub(&ln3.mul(&Enclosure::exact(q(1, 2)), prec), prec);
        let (a, b) = (v.to_interval(prec), expected.to_interval(prec));
        assert!(a.lo() <= b.hi() && b.lo() <= a.hi(), "{v} vs {expected}");
    }

    #[test]
    fn inverse_brackets_the_boundary() {
        let prec = 128;
        let (qh, c) = (q(1, 10), q(1, 5));
        let up = kl_inverse_upper(&qh, &c, prec).unwrap().to_interval(prec);
        let lo_pt = up.lo().to_rational().unwrap();
        let hi_pt = up.hi().to_rational().unwrap();
        let ce = Enclosure::exact(c.clone());
        assert_eq!(kl_bernoulli(&qh, &lo_pt, 512).unwrap().le(&ce), Decision::True);
        assert_eq!(kl_bernoulli(&qh, &hi_pt, 512).unwrap().le(&ce), Decision::False);
        assert!(up.relative_width() < Float::with_val(64, 1e-30));
        let down = kl_inverse_lower(&qh, &c, prec).unwrap().to_interval(prec);
        assert!(*down.hi() < *up.lo());
    }

    /// The endpoints returned at 256 bits satisfy the defining inequality on their sides, checked
    /// at 2048 bits, and the enclosure has full relative width, also for roots far below f64.
    fn assert_certified_inverse(qh: &Rational, c: &Rational, upper: bool) {
        let prec = 256;
        let e = if upper { kl_inverse_upper(qh, c, prec) } else { kl_inverse_lower(qh, c, prec) }.unwrap().to_interval(prec);
        assert!(e.relative_width() <= Float::with_val(64, Float::i_exp(1, -(prec as i32))), "width {}", e.relative_width());
        let ce = Enclosure::exact(c.clone());
        let (near, far) = if upper { (e.lo(), e.hi()) } else { (e.hi(), e.lo()) };
        // The end toward q is inside {kl ≤ c} or on the boundary; the far end is outside or on it.
        let at = |x: &Float| kl_bernoulli(qh, &x.to_rational().unwrap(), 2048).unwrap();
        assert_ne!(at(near).le(&ce), Decision::False, "near end outside for q = {qh}, c = {c}");
        assert_ne!(at(far).le(&ce), Decision::True, "far end inside for q = {qh}, c = {c}");
    }

    #[test]
    fn tiny_and_extreme_roots_get_full_relative_precision() {
        // True root ≈ 9.91e-774 (issue 17): formerly [0, 1.45e-716].
        assert_certified_inverse(&q(1, 1000), &q(1772, 1000), false);
        let e = kl_inverse_lower(&q(1, 1000), &q(1772, 1000), 256).unwrap();
        assert!(!e.lo(64).is_zero() && e.lo(64).get_exp().unwrap() < -2560);
        assert_certified_inverse(&q(999, 1000), &q(50, 1), true);
        assert_certified_inverse(&q(1, 3), &q(1, 1_000_000_000_000), true);
        assert_certified_inverse(&q(1, 3), &q(1, 1_000_000_000_000), false);
        assert_certified_inverse(&q(1, 10), &q(1, 5), true);
        assert_certified_inverse(&q(1, 10), &q(1, 5), false);
        assert_certified_inverse(&q(1, 2), &q(3, 1), false);
    }

    #[test]
    fn closed_forms_at_the_ends() {
        let prec = 128;
        let v = kl_inverse_upper(&q(0, 1), &q(1, 1), prec).unwrap();
        // 1 − e^{−1} ≈ 0.6321205588
        assert!(!v.contains(&Rational::from_f64(0.632_120_558_8).unwrap()));
        assert!((v.approx_f64() - 0.632_120_558_828_557_7).abs() < 1e-15);
        assert_eq!(kl_inverse_upper(&q(1, 3), &q(0, 1), prec).unwrap(), Enclosure::exact(q(1, 3)));
    }

    #[test]
    fn bad_arguments_are_typed_errors() {
        assert!(matches!(kl_bernoulli(&q(3, 2), &q(1, 2), 64), Err(KlError::ProbabilityOutOfRange { name: "q", .. })));
        assert!(matches!(kl_inverse_upper(&q(1, 2), &q(-1, 2), 64), Err(KlError::NegativeDivergence(_))));
    }
}
