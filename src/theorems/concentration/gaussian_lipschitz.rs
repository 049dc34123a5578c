//! Gaussian concentration for Lipschitz functions (Tsirelson–Ibragimov–Sudakov), certified
//! for linear functions and for the Euclidean norm.
//!
//! # Statement
//! For `Z ~ N(0, I_d)` and `f` `L`-Lipschitz: `P(f(Z) − Ef(Z) ≥ t) ≤ exp(−t²/(2L²))`, and the
//! same for `P(f(Z) − Ef(Z) ≤ −t)`.
//!
//! # Formula
//! With `t = L·s` both sides are free of `L`. For linear `f = ⟨a, ·⟩` (`L = ‖a‖`) either tail is
//! `1 − Φ(s)`. For `f = L‖·‖`, `‖Z‖` has the chi law with `d` degrees of freedom:
//! `P(‖Z‖ ≥ r) = Q(d/2, r²/2)` with `Q(m, x) = e^{−x}Σ_{k<m} x^k/k!` for integer `m` and
//! `Q(m + ½, x) = erfc(√x) + e^{−x}Σ_{k<m} x^{k+½}/Γ(k + 3/2)`; `E‖Z‖ = √2·Γ((d+1)/2)/Γ(d/2)`
//! (`√(2/π)` at `d = 1`, `√(π/2)` at `d = 2`, times `(d+1)/d` per step of two). Every value is an
//! enclosure; `π` is enclosed with directed rounding. The sharpened fixture uses
//! `exp(−5t²/(8L²))` (exponent × 5/4).
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::concentration::GaussianLipschitz;
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let i = Instance::default().with("f", Value::Choice("norm".into())).with("tail", Value::Choice("upper".into()))
//!     .with("d", Value::Integer(3)).with("s", Value::Number(Rational::from(2)));
//! let Outcome::Compared(c) = GaussianLipschitz::catalogue().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True);
//! ```

use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::{normal_cdf, Enclosure, Interval};
use rug::float::{Constant, Round};
use rug::{Float, Rational};

/// TIS with exponent factor `factor` (1 as published, multiplying `t²/(2L²)`).
pub struct GaussianLipschitz {
    id: &'static str,
    factor: Rational,
}

impl GaussianLipschitz {
    pub fn catalogue() -> Self {
        GaussianLipschitz { id: "concentration.gaussian_lipschitz", factor: Rational::from(1) }
    }

    pub fn sharpened() -> Self {
        GaussianLipschitz { id: "concentration.gaussian_lipschitz_sharpened", factor: Rational::from((5, 4)) }
    }
}

const PARAMETERS: [ParamRequirement; 4] =
    [ParamRequirement::set("f"), ParamRequirement::set("tail"), ParamRequirement::integer("d"), ParamRequirement::number("s")];

/// `π`, enclosed.
pub fn pi(prec: u32) -> Enclosure {
    let lo = Float::with_val_round(prec, Constant::Pi, Round::Down).0;
    let hi = Float::with_val_round(prec, Constant::Pi, Round::Up).0;
    Interval::new(lo, hi).expect("ordered").into()
}

/// `E‖Z‖` for `Z ~ N(0, I_d)`, `d ≥ 1`.
pub fn chi_mean(d: u32, prec: u32) -> Enclosure {
    let pi = pi(prec);
    let two = Enclosure::exact(2);
    let mut value = if d % 2 == 1 {
        two.div(&pi, prec).expect("π > 0").sqrt(prec).expect("> 0")
    } else {
        pi.div(&two, prec).expect("2 ≠ 0").sqrt(prec).expect("> 0")
    };
    let mut k = 2 - d % 2;
    while k < d {
        value = value.mul(&Enclosure::exact(Rational::from((k + 1, k))), prec);
        k += 2;
    }
    value
}

/// `P(‖Z‖ ≥ r)` for `Z ~ N(0, I_d)` and `r ≥ 0` (an enclosure).
pub fn chi_upper_tail(d: u32, r: &Enclosure, prec: u32) -> Enclosure {
    let x = r.mul(r, prec).mul(&Enclosure::exact(Rational::from((1, 2))), prec);
    let e = x.neg().exp(prec);
    if d % 2 == 0 {
        // e^{−x} Σ_{k < d/2} x^k / k!
        let mut term = Enclosure::one();
        let mut sum = Enclosure::one();
        for k in 1..d / 2 {
            term = term.mul(&x, prec).div(&Enclosure::exact(k), prec).expect("k ≠ 0");
            sum = sum.add(&term, prec);
        }
        return e.mul(&sum, prec);
    }
    // erfc(√x) + e^{−x} Σ_{k < (d−1)/2} x^{k+½}/Γ(k + 3/2), √x = r/√2, Γ(3/2) = √π/2.
    let sqrt2 = Enclosure::exact(2).sqrt(prec).expect("> 0");
    let root_x = r.div(&sqrt2, prec).expect("≠ 0");
    let mut value = root_x.erfc(prec);
    if d >= 3 {
        let sqrt_pi = pi(prec).sqrt(prec).expect("> 0");
        let mut term = root_x.mul(&Enclosure::exact(2), prec).div(&sqrt_pi, prec).expect("≠ 0");
        let mut sum = term.clone();
        for k in 1..(d - 1) / 2 {
            // x^{k+½}/Γ(k+3/2) = previous · x / (k + ½)
            term = term.mul(&x, prec).div(&Enclosure::exact(Rational::from((2 * k + 1, 2))), prec).expect("≠ 0");
            sum = sum.add(&term, prec);
        }
        value = value.add(&e.mul(&sum, prec), prec);
    }
    value
}

impl Theorem for GaussianLipschitz {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let s = instance.number("s")?.clone();
        if s <= 0 {
            return Err(EvalError::reference(crate::reference::TailBoundError::NonPositiveDeviation(
                crate::reference::decimal::format_rational(&s),
            )));
        }
        let d = instance.count("d")?;
        if d == 0 {
            return Err(EvalError::reference("the dimension d must be at least 1"));
        }
        let upper = instance.choice("tail")? == "upper";
        let wp = prec + 16;
        let lhs = match instance.choice("f")? {
            // ⟨a, Z⟩/‖a‖ is standard normal; both tails are 1 − Φ(s).
            "linear" => Enclosure::one().sub(&normal_cdf(&s, wp), wp),
            _ => {
                let mean = chi_mean(d, wp);
                if upper {
                    chi_upper_tail(d, &mean.add(&Enclosure::exact(s.clone()), wp), wp)
                } else {
                    let r = mean.sub(&Enclosure::exact(s.clone()), wp);
                    match r.le(&Enclosure::zero()) {
                        // ‖Z‖ ≤ r < 0 is impossible; r ≤ 0 certified gives probability 0.
                        crate::reference::Decision::True => Enclosure::zero(),
                        _ => Enclosure::one().sub(&chi_upper_tail(d, &r, wp), wp),
                    }
                }
            }
        };
        let rhs = Enclosure::exact(-(Rational::from(&s * &s) / 2u32 * &self.factor)).exp(prec);
        Ok(Outcome::Compared(Comparison::new(lhs, Relation::Le, rhs)))
    }
}
