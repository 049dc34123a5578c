//! The certified PAC-Bayes bound formulas: Seeger/Maurer (kl form), McAllester (Pinsker form),
//! Catoni, Thiemann et al.'s λ-bound, Langford's test-set bound, and Maurer's `ξ(n)`.
//!
//! Every bound is returned as an [`Enclosure`] of its exact value, so its upper end is a valid
//! (never under-reported) upper bound on the true risk. The divergence `KL(Q‖P)` is accepted as
//! an enclosure, because for Gibbs posteriors it is not rational.
//!
//! Each published bound is split into a *log term* (`ln(2√n/δ)`, `ln(ξ(n)/δ)`, `ln(1/δ)`) and a
//! core `*_from_budget` formula that takes the budget `KL + log term`; the tiny-world checks in
//! `theorems::pac_bayes` call the cores, so the code that `eval` serves is the code that the
//! exact validity checks exercise.
//!
//! # Formula
//! With `b = KL + ln(2√n/δ)`:
//! - Seeger/Maurer: `kl⁻¹_upper(L̂, b/n)`;
//! - McAllester (Pinsker relaxation of Maurer's Theorem 5): `L̂ + √(b/(2n))`;
//! - Thiemann et al. (2017), Theorem 3: `L̂/(1 − λ/2) + b/(λ(1 − λ/2)n)`, `λ ∈ (0, 2)`;
//! - Catoni (2007), Theorem 1.2.6, with `C = λ/n`:
//!   `(1 − exp(−C·L̂ − (KL + ln(1/δ))/n)) / (1 − e^{−C})`;
//! - Langford (2005): the largest `p` with `P(Bin(n, p) ≤ k) ≥ δ`.
//!
//! # Errors
//! [`PacBayesError`] names the argument: a negative `kl`, `δ ∉ (0, 1)`, `n = 0`, an empirical
//! risk outside `[0, 1]`, `C ≤ 0`, `λ ∉ (0, 2)`, `k > n`.
//!
//! # Examples
//! ```
//! use theoremcheck::reference::pac_bayes_bounds::{mcallester_bound, xi};
//! use theoremcheck::reference::Enclosure;
//! use rug::Rational;
//! // ξ(2) = 5/2 exactly, and McAllester at L̂ = 1/10, KL = 0, n = 100, δ = 1/20 is 1/10 + √(ln 400/200).
//! assert_eq!(xi(2).unwrap(), Rational::from((5, 2)));
//! let b = mcallester_bound(&Rational::from((1, 10)), &Enclosure::zero(), 100, &Rational::from((1, 20)), 128).unwrap();
//! assert!((b.approx_f64() - 0.27308).abs() < 1e-4);
//! ```

use super::clopper_pearson::{clopper_pearson_upper, ClopperPearsonError};
use super::decimal::format_rational;
use super::enclosure::{DomainError, Enclosure};
use super::interval::Interval;
use super::kl::{kl_inverse_upper, KlError};
use rug::ops::Pow;
use rug::{Float, Integer, Rational};
use thiserror::Error;

/// Arguments outside the domain of a PAC-Bayes bound.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PacBayesError {
    #[error("kl = {0} is negative; KL(Q‖P) ≥ 0")]
    NegativeKl(String),
    #[error("delta = {0} is outside (0, 1)")]
    DeltaOutOfRange(String),
    #[error("n must be at least 1, got 0")]
    ZeroSamples,
    #[error("emp_risk = {0} is outside [0, 1]")]
    EmpiricalRiskOutOfRange(String),
    #[error("c = {0} must be positive for Catoni's bound")]
    CatoniConstantNotPositive(String),
    #[error("lambda = {0} is outside (0, 2)")]
    LambdaOutOfRange(String),
    #[error("k = {k} exceeds n = {n}")]
    CountAboveTrials { n: u32, k: u32 },
    #[error(transparent)]
    Kl(#[from] KlError),
    #[error(transparent)]
    Domain(#[from] DomainError),
    #[error(transparent)]
    ClopperPearson(#[from] ClopperPearsonError),
}

/// Guard bits added to working precisions, so that the result's width is about `2^-prec`
/// relative after the cancellations in `1 − e^{−x}` and the sums.
const GUARD: u32 = 32;

fn check_n(n: u32) -> Result<(), PacBayesError> {
    if n == 0 {
        return Err(PacBayesError::ZeroSamples);
    }
    Ok(())
}

fn check_delta(delta: &Rational) -> Result<(), PacBayesError> {
    if *delta <= 0 || *delta >= 1 {
        return Err(PacBayesError::DeltaOutOfRange(format_rational(delta)));
    }
    Ok(())
}

fn check_emp(emp: &Rational) -> Result<(), PacBayesError> {
    if *emp < 0 || *emp > 1 {
        return Err(PacBayesError::EmpiricalRiskOutOfRange(format_rational(emp)));
    }
    Ok(())
}

/// A budget (`KL + log term`) or divergence must be ≥ 0: an error when certainly negative,
/// and clamped at 0 when the enclosure only straddles 0 through rounding.
fn nonnegative(kl: &Enclosure, prec: u32) -> Result<Enclosure, PacBayesError> {
    match kl {
        Enclosure::Exact(r) if *r < 0 => Err(PacBayesError::NegativeKl(format_rational(r))),
        Enclosure::Exact(_) => Ok(kl.clone()),
        Enclosure::Interval(i) => {
            if *i.hi() < 0 {
                return Err(PacBayesError::NegativeKl(i.to_string()));
            }
            if *i.lo() < 0 {
                return Ok(Interval::new(Float::with_val(prec, 0), i.hi().clone()).expect("ordered").into());
            }
            Ok(kl.clone())
        }
    }
}

/// Maurer's `ξ(n) = Σ_k C(n,k) (k/n)^k (1 − k/n)^{n−k}` (with `0^0 = 1`), exactly.
///
/// Equals `E[exp(n·kl(X̄‖μ))]` for `n` i.i.d. Bernoulli(μ) variables, for every `μ ∈ (0, 1)`.
pub fn xi(n: u32) -> Result<Rational, PacBayesError> {
    check_n(n)?;
    // Σ_k C(n,k) k^k (n−k)^{n−k} / n^n, summed in integers.
    let mut total = Integer::new();
    for k in 0..=n {
        let term = Integer::from(Integer::binomial_u(n, k)) * Integer::from(k).pow(k) * Integer::from(n - k).pow(n - k);
        total += term;
    }
    Ok(Rational::from((total, Integer::from(n).pow(n))))
}

/// `ln(2√n/δ) = ½ ln(4n/δ²)`, enclosed.
pub fn ln_two_sqrt_n_over_delta(n: u32, delta: &Rational, prec: u32) -> Result<Enclosure, PacBayesError> {
    check_n(n)?;
    check_delta(delta)?;
    let inside = (4 * Rational::from(n)) / Rational::from(delta.square_ref());
    Ok(Enclosure::exact(inside).ln(prec)?.mul(&Enclosure::exact(Rational::from((1, 2))), prec))
}

/// `ln(ξ(n)/δ)`, enclosed (the sharpest log term of the Seeger/Maurer bound).
pub fn ln_xi_over_delta(n: u32, delta: &Rational, prec: u32) -> Result<Enclosure, PacBayesError> {
    check_delta(delta)?;
    let x = xi(n)?;
    Ok(Enclosure::exact(x / delta).ln(prec)?)
}

/// `ln(1/δ)`, enclosed (Catoni's log term).
pub fn ln_one_over_delta(delta: &Rational, prec: u32) -> Result<Enclosure, PacBayesError> {
    check_delta(delta)?;
    Ok(Enclosure::exact(Rational::from(delta.recip_ref())).ln(prec)?)
}

/// `budget / n`, the right side of the kl form `kl(L̂‖L) ≤ (KL + log term)/n`.
pub fn seeger_rhs_from_budget(budget: &Enclosure, n: u32, prec: u32) -> Result<Enclosure, PacBayesError> {
    check_n(n)?;
    let budget = nonnegative(budget, prec)?;
    Ok(budget.div(&Enclosure::exact(n), prec)?)
}

/// `kl⁻¹_upper(L̂, c)` for an enclosed `c`: kl⁻¹ is increasing in `c`, so the inverse at the
/// enclosure's lower end gives the lower end and at its upper end the upper end.
pub fn kl_inverse_upper_enclosed(emp: &Rational, c: &Enclosure, prec: u32) -> Result<Enclosure, PacBayesError> {
    check_emp(emp)?;
    let c = nonnegative(c, prec)?;
    if let Enclosure::Exact(r) = &c {
        return Ok(kl_inverse_upper(emp, r, prec)?);
    }
    let i = c.to_interval(prec);
    let lo = i.lo().to_rational().map(|r| r.max(Rational::new()));
    let hi = i.hi().to_rational();
    let (Some(lo), Some(hi)) = (lo, hi) else {
        // An infinite budget bounds nothing: the risk is at most 1.
        let lower = match i.lo().to_rational() {
            Some(lo) => kl_inverse_upper(emp, &lo.max(Rational::new()), prec)?.lo(prec + GUARD),
            None => Float::with_val(prec, 1),
        };
        return Ok(Interval::new(lower, Float::with_val(prec, 1)).expect("ordered").into());
    };
    let lower = kl_inverse_upper(emp, &lo, prec)?.lo(prec + GUARD);
    let upper = kl_inverse_upper(emp, &hi, prec)?.hi(prec + GUARD);
    Ok(Interval::new(lower, upper).expect("kl⁻¹ is increasing in c").into())
}

/// Seeger/Maurer: `kl⁻¹_upper(L̂, (KL + ln(2√n/δ))/n)`.
pub fn seeger_bound(emp: &Rational, kl: &Enclosure, n: u32, delta: &Rational, prec: u32) -> Result<Enclosure, PacBayesError> {
    check_emp(emp)?;
    let wp = prec + GUARD;
    let kl = nonnegative(kl, wp)?;
    let budget = kl.add(&ln_two_sqrt_n_over_delta(n, delta, wp)?, wp);
    let c = seeger_rhs_from_budget(&budget, n, wp)?;
    kl_inverse_upper_enclosed(emp, &c, prec)
}

/// McAllester's form with budget `b`: `L̂ + √(b/(2n))`.
pub fn mcallester_from_budget(emp: &Rational, budget: &Enclosure, n: u32, prec: u32) -> Result<Enclosure, PacBayesError> {
    check_emp(emp)?;
    check_n(n)?;
    let budget = nonnegative(budget, prec)?;
    let root = budget.div(&Enclosure::exact(2 * u64::from(n)), prec)?.sqrt(prec)?;
    Ok(Enclosure::exact(emp.clone()).add(&root, prec))
}

/// McAllester (Pinsker form of Maurer's Theorem 5): `L̂ + √((KL + ln(2√n/δ))/(2n))`.
pub fn mcallester_bound(emp: &Rational, kl: &Enclosure, n: u32, delta: &Rational, prec: u32) -> Result<Enclosure, PacBayesError> {
    let wp = prec + GUARD;
    let budget = nonnegative(kl, wp)?.add(&ln_two_sqrt_n_over_delta(n, delta, wp)?, wp);
    mcallester_from_budget(emp, &budget, n, wp)
}

fn check_catoni_c(c: &Rational) -> Result<(), PacBayesError> {
    if *c <= 0 {
        return Err(PacBayesError::CatoniConstantNotPositive(format_rational(c)));
    }
    Ok(())
}

/// Catoni's form with budget `b = KL + ln(1/δ)`: `(1 − exp(−C·L̂ − b/n)) / (1 − e^{−C})`.
pub fn catoni_from_budget(emp: &Rational, budget: &Enclosure, n: u32, c: &Rational, prec: u32) -> Result<Enclosure, PacBayesError> {
    check_emp(emp)?;
    check_n(n)?;
    check_catoni_c(c)?;
    let wp = prec + GUARD;
    let budget = nonnegative(budget, wp)?;
    let exponent = Enclosure::exact(-Rational::from(c * emp)).sub(&budget.div(&Enclosure::exact(n), wp)?, wp);
    let numerator = Enclosure::one().sub(&exponent.exp(wp), wp);
    let denominator = Enclosure::one().sub(&Enclosure::exact(Rational::from(-c)).exp(wp), wp);
    Ok(numerator.div(&denominator, wp)?)
}

/// Catoni (2007), Theorem 1.2.6 with `C = λ/n`: `(1 − exp(−C·L̂ − (KL + ln(1/δ))/n))/(1 − e^{−C})`.
pub fn catoni_bound(emp: &Rational, kl: &Enclosure, n: u32, delta: &Rational, c: &Rational, prec: u32) -> Result<Enclosure, PacBayesError> {
    let wp = prec + GUARD;
    let budget = nonnegative(kl, wp)?.add(&ln_one_over_delta(delta, wp)?, wp);
    catoni_from_budget(emp, &budget, n, c, prec)
}

fn check_lambda(lambda: &Rational) -> Result<(), PacBayesError> {
    if *lambda <= 0 || *lambda >= 2 {
        return Err(PacBayesError::LambdaOutOfRange(format_rational(lambda)));
    }
    Ok(())
}

/// The λ-bound with budget `b`: `L̂/(1 − λ/2) + b/(λ(1 − λ/2)n)`.
pub fn lambda_from_budget(emp: &Rational, budget: &Enclosure, n: u32, lambda: &Rational, prec: u32) -> Result<Enclosure, PacBayesError> {
    check_emp(emp)?;
    check_n(n)?;
    check_lambda(lambda)?;
    let budget = nonnegative(budget, prec)?;
    let factor = 1 - Rational::from(lambda / 2u32);
    let first = Rational::from(emp / &factor);
    let scale = Rational::from(lambda * &factor) * Rational::from(n);
    Ok(Enclosure::exact(first).add(&budget.div(&Enclosure::exact(scale), prec)?, prec))
}

/// Thiemann et al. (2017), Theorem 3: `L̂/(1 − λ/2) + (KL + ln(2√n/δ))/(λ(1 − λ/2)n)`.
pub fn pac_bayes_lambda_bound(
    emp: &Rational,
    kl: &Enclosure,
    n: u32,
    delta: &Rational,
    lambda: &Rational,
    prec: u32,
) -> Result<Enclosure, PacBayesError> {
    let wp = prec + GUARD;
    let budget = nonnegative(kl, wp)?.add(&ln_two_sqrt_n_over_delta(n, delta, wp)?, wp);
    lambda_from_budget(emp, &budget, n, lambda, wp)
}

/// A rational `λ ∈ (0, 2)` near the minimiser `λ* = 2/(√(2nL̂/b + 1) + 1)` of the λ-bound
/// (Thiemann et al., eq. 8). Any `λ` in range is valid, so this only picks a good one; `f64` is
/// used to pick, never to decide.
pub fn near_optimal_lambda(emp: &Rational, budget: &Enclosure, n: u32) -> Rational {
    let b = budget.approx_f64().max(1e-300);
    let ratio = 2.0 * f64::from(n) * emp.to_f64() / b;
    let star = 2.0 / ((ratio + 1.0).sqrt() + 1.0);
    let clamped = if star.is_finite() { star.clamp(1e-6, 1.0) } else { 1.0 };
    Rational::from_f64(clamped).unwrap_or_else(|| Rational::from(1))
}

/// Langford's test-set bound: the largest `p` with `P(Bin(n, p) ≤ k) ≥ δ` (the one-sided
/// Clopper–Pearson upper bound), enclosed.
pub fn test_set_bound(n: u32, k: u32, delta: &Rational, prec: u32) -> Result<Enclosure, PacBayesError> {
    check_n(n)?;
    if k > n {
        return Err(PacBayesError::CountAboveTrials { n, k });
    }
    check_delta(delta)?;
    Ok(clopper_pearson_upper(n, k, delta, prec)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i64, d: i64) -> Rational {
        Rational::from((n, d))
    }

    #[test]
    fn xi_small_values_match_hand_computation() {
        assert_eq!(xi(1).unwrap(), q(2, 1));
        assert_eq!(xi(2).unwrap(), q(5, 2));
        assert_eq!(xi(3).unwrap(), q(26, 9));
        assert_eq!(xi(4).unwrap(), q(103, 32));
        assert_eq!(xi(5).unwrap(), q(2194, 625));
    }

    #[test]
    fn lambda_one_at_zero_risk_is_twice_the_budget() {
        let b = lambda_from_budget(&q(0, 1), &Enclosure::exact(q(3, 1)), 10, &q(1, 1), 64).unwrap();
        assert_eq!(b, Enclosure::exact(q(3, 5)));
    }

    #[test]
    fn bad_arguments_are_typed_errors() {
        let z = Enclosure::zero();
        assert!(matches!(mcallester_bound(&q(1, 2), &Enclosure::exact(q(-1, 1)), 10, &q(1, 20), 64), Err(PacBayesError::NegativeKl(_))));
        assert!(matches!(mcallester_bound(&q(1, 2), &z, 10, &q(1, 1), 64), Err(PacBayesError::DeltaOutOfRange(_))));
        assert!(matches!(seeger_bound(&q(1, 2), &z, 0, &q(1, 20), 64), Err(PacBayesError::ZeroSamples)));
        assert!(matches!(seeger_bound(&q(3, 2), &z, 5, &q(1, 20), 64), Err(PacBayesError::EmpiricalRiskOutOfRange(_))));
        assert!(matches!(catoni_bound(&q(1, 2), &z, 5, &q(1, 20), &q(0, 1), 64), Err(PacBayesError::CatoniConstantNotPositive(_))));
        assert!(matches!(pac_bayes_lambda_bound(&q(1, 2), &z, 5, &q(1, 20), &q(2, 1), 64), Err(PacBayesError::LambdaOutOfRange(_))));
        assert!(matches!(test_set_bound(5, 6, &q(1, 20), 64), Err(PacBayesError::CountAboveTrials { .. })));
    }
}
