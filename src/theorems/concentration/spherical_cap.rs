//! Spherical-cap bounds behind the stealth-edit attack probabilities (Sutton et al., NeurIPS
//! 2024; K. Ball 1997, Lemma 2.2), certified from the exact cap measure.
//!
//! # Statement
//! For `x` uniform on the sphere `S^{n−1}` or in the ball `B^n`, a unit vector `e` and
//! `0 ≤ ε < 1`: `σ(⟨x, e⟩ ≥ ε) ≤ exp(−nε²/2)` (sphere, Ball's Lemma 2.2);
//! `vol(⟨x, e⟩ ≥ ε)/vol(B^n) ≤ (1 − ε²)^{n/2}` (ball: the cap lies in a ball of radius
//! `√(1 − ε²)`); and `(1 − ε²)^{n/2} ≤ exp(−nε²/2)`.
//!
//! # Formula
//! The coordinate `⟨x, e⟩` has density `∝ (1 − s²)^m` on `[−1, 1]` with `m = (n − 3)/2`
//! (sphere) or `(n − 1)/2` (ball). `J_m(ε) = ∫_ε^1 (1 − s²)^m ds` follows
//! `J_m = (−ε(1 − ε²)^m + 2m·J_{m−1})/(2m + 1)` from `J_0 = 1 − ε` (integer `m`: an exact
//! rational) or `J_{−1/2} = π/2 − arcsin ε` (half-integer `m`: enclosed, `arcsin` rounded
//! outward); the cap measure is `J_m(ε)/(2J_m(0))`. The set parameter `claim` picks one of the
//! three statements. The sharpened fixture doubles every exponent.

use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::chi::pi;
use crate::reference::{Enclosure, Interval};
use rug::float::Round;
use rug::ops::Pow;
use rug::{Float, Rational};

/// The cap bounds with every exponent multiplied by `factor` (1 as published).
pub struct SphericalCap {
    id: &'static str,
    factor: u32,
}

impl SphericalCap {
    pub fn catalogue() -> Self {
        SphericalCap { id: "concentration.spherical_cap", factor: 1 }
    }

    pub fn sharpened() -> Self {
        SphericalCap { id: "concentration.spherical_cap_sharpened", factor: 2 }
    }
}

const PARAMETERS: [ParamRequirement; 3] = [ParamRequirement::integer("n"), ParamRequirement::number("eps"), ParamRequirement::set("claim")];

/// `(1 − ε²)^{k/2}`, exact for even `k`.
fn half_power(one_minus: &Rational, k: u32, prec: u32) -> Enclosure {
    let whole = Enclosure::exact(Rational::from(one_minus.pow(k / 2)));
    if k % 2 == 0 {
        whole
    } else {
        whole.mul(&Enclosure::exact(one_minus.clone()).sqrt(prec).expect("≥ 0"), prec)
    }
}

/// `J_m(ε)` for `m = k/2`, `k ≥ −1`.
fn cap_integral(k: i32, eps: &Rational, prec: u32) -> Enclosure {
    let one_minus = 1 - Rational::from(eps * eps);
    let (mut j, mut twice_m) = if k % 2 == 0 {
        (Enclosure::exact(Rational::from(1 - eps)), 0i32)
    } else {
        let e = Float::with_val(prec.max(64) + eps.numer().significant_bits() + eps.denom().significant_bits(), eps);
        let lo = Float::with_val_round(prec, e.asin_ref(), Round::Down).0;
        let hi = Float::with_val_round(prec, e.asin_ref(), Round::Up).0;
        let asin: Enclosure = Interval::new(lo, hi).expect("ordered").into();
        (pi(prec).mul(&Enclosure::exact(Rational::from((1, 2))), prec).sub(&asin, prec), -1)
    };
    while twice_m < k {
        twice_m += 2;
        // m = twice_m/2: J_m = (−ε(1−ε²)^m + 2m J_{m−1})/(2m+1)
        let power = half_power(&one_minus, twice_m as u32, prec);
        let boundary = power.mul(&Enclosure::exact(-eps.clone()), prec);
        j = boundary.add(&j.mul(&Enclosure::exact(twice_m), prec), prec).div(&Enclosure::exact(twice_m + 1), prec).expect("≠ 0");
    }
    j
}

/// The measure of the cap `{⟨x, e⟩ ≥ ε}` under the uniform law on `S^{n−1}` or `B^n`.
pub fn cap_measure(n: u32, eps: &Rational, ball: bool, prec: u32) -> Enclosure {
    if !ball && n == 1 {
        // S^0 = {−1, 1}.
        return Enclosure::exact(Rational::from((1, 2)));
    }
    let k = if ball { n as i32 - 1 } else { n as i32 - 3 };
    let num = cap_integral(k, eps, prec);
    let den = cap_integral(k, &Rational::new(), prec).mul(&Enclosure::exact(2), prec);
    num.div(&den, prec).expect("> 0")
}

impl Theorem for SphericalCap {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let n = instance.count("n")?;
        let eps = instance.number("eps")?.clone();
        if !(0..1).contains(&eps) {
            return Err(EvalError::reference(format!("eps = {} is outside [0, 1)", crate::reference::decimal::format_rational(&eps))));
        }
        if n == 0 {
            return Err(EvalError::reference("the dimension n must be at least 1"));
        }
        let wp = prec + 16;
        let one_minus = 1 - Rational::from(&eps * &eps);
        let exp_bound = Enclosure::exact(-(Rational::from(&eps * &eps) * n * self.factor) / 2u32).exp(prec);
        let power_bound = half_power(&one_minus, n * self.factor, wp);
        let (lhs, rhs) = match instance.choice("claim")? {
            "sphere_exp" => (cap_measure(n, &eps, false, wp), exp_bound),
            "ball_power" => (cap_measure(n, &eps, true, wp), power_bound),
            _ => (half_power(&one_minus, n, wp), exp_bound),
        };
        Ok(Outcome::Compared(Comparison::new(lhs, Relation::Le, rhs)))
    }
}
