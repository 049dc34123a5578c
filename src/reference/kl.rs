//! Binary relative entropy and its inverses.
//!
//! `kl(q‖p) = q ln(q/p) + (1−q) ln((1−q)/(1−p))` with `0 ln 0 = 0`. Each logarithm is taken as
//! `ln_1p` of an exact rational (`q/p = 1 + (q−p)/p`), which keeps full relative accuracy when
//! `p` is close to `q`. The inverses are found by certified bracketing (see [`super::root`]) and
//! reported as enclosures whose outer end is the conservative bound.

use super::enclosure::{DomainError, Enclosure};
use super::interval::Interval;
use super::root::{refine, Bracket};
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
        // q ln(q/p) = −q ln(p/q) = −q ln_1p((p − q)/q)
        let ratio = Enclosure::exact(Rational::from(p - q) / q);
        total = total.sub(&Enclosure::exact(q.clone()).mul(&ratio.ln_1p(prec)?, prec), prec);
    }
    if *q < 1 {
        let q_bar = Rational::from(&one - q);
        let p_bar = Rational::from(&one - p);
        let ratio = Enclosure::exact(Rational::from(&p_bar - &q_bar) / &q_bar);
        total = total.sub(&Enclosure::exact(q_bar).mul(&ratio.ln_1p(prec)?, prec), prec);
    }
    // kl ≥ 0 always; intersecting with [0, ∞) keeps the enclosure honest and tighter.
    Ok(clamp_nonnegative(total, prec))
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
    let refined = refine(bracket, prec + 8, 16 * prec.max(64), g)?;
    Ok(refined.to_enclosure(prec + 16))
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
