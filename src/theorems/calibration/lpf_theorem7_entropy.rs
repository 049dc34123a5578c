//! LPF Theorem 7, entropy form: `H(p̄) = E_m H(p_m) + I`, with `I ≥ 0`, certified exactly.
//!
//! # Statement
//! For members `p_m` with convex weights `a_m` and mixture `p̄`: `H(p̄) = Σ a_m H(p_m) + I` where
//! `I = Σ_m a_m KL(p_m ‖ p̄)` is the mutual information between the member index and `Y`, and
//! `I ≥ 0` (concavity of entropy).
//!
//! # Formula
//! Both sides are enclosed at the working precision; the equality is decided exactly. The
//! residual `H(p̄) − Σ a_m H(p_m) − I` (with `I` from its own KL definition) is a rational
//! constant plus `Σ_j c_j ln b_j` over the integers `b_j` appearing as numerators and
//! denominators of the probabilities. Refined to a pairwise coprime basis (gcd splitting), the
//! numbers `1, ln b_1, …, ln b_J` are linearly independent over ℚ (a vanishing integer
//! combination of logs of pairwise coprime integers `> 1` forces all exponents to 0 by unique
//! factorisation; a nonzero rational equal to such a combination would make `e^r` algebraic,
//! contradicting Lindemann), so the residual is 0 iff its constant and every coefficient are 0.
//! When it is 0 the check returns the exact residual `0 = 0` (after certifying `I ≥ 0`); when
//! it is not, it returns the two enclosures, which separate at some precision.
//! The fixture `calibration.lpf_theorem7_entropy_perturbed` adds `2^{−40}` to the right side.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::calibration::LpfTheorem7Entropy;
//! use theoremcheck::reference::Decision;
//! let i = Instance::default().with("members", Value::Integer(4)).with("classes", Value::Integer(2))
//!     .with("seed", Value::Integer(3)).with("mixture", Value::Choice("uniform".into()));
//! let Outcome::Compared(c) = LpfTheorem7Entropy::catalogue().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True);
//! let Outcome::Compared(c) = LpfTheorem7Entropy::perturbed().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::False);
//! ```

use super::lpf_theorem7::{ensemble_of, Ensemble};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::{Decision, Enclosure};
use rug::{Integer, Rational};
use std::collections::BTreeMap;

/// The perturbation added to the right side (0 for the published identity).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Perturbation {
    /// The identity as published.
    None,
    /// `2^{−40}` added to `E H + I` (a deliberately false twin).
    Tiny,
}

/// `H(p̄) = Σ a_m H(p_m) + I` (decided exactly) and `I ≥ 0`.
pub struct LpfTheorem7Entropy {
    id: &'static str,
    perturbation: Perturbation,
}

impl LpfTheorem7Entropy {
    pub fn catalogue() -> Self {
        LpfTheorem7Entropy { id: "calibration.lpf_theorem7_entropy", perturbation: Perturbation::None }
    }
    pub fn perturbed() -> Self {
        LpfTheorem7Entropy { id: "calibration.lpf_theorem7_entropy_perturbed", perturbation: Perturbation::Tiny }
    }

    fn tau(&self) -> Rational {
        match self.perturbation {
            Perturbation::None => Rational::new(),
            Perturbation::Tiny => Rational::from((1, 1u64 << 40)),
        }
    }
}

const PARAMETERS: [ParamRequirement; 4] = [
    ParamRequirement::integer("members"),
    ParamRequirement::integer("classes"),
    ParamRequirement::integer("seed"),
    ParamRequirement::set("mixture"),
];

/// `−Σ p ln p` (terms with `p = 0` are 0).
fn entropy(p: &[Rational], prec: u32) -> Result<Enclosure, EvalError> {
    let mut h = Enclosure::zero();
    for v in p.iter().filter(|v| **v > 0) {
        let term = Enclosure::exact(v.clone()).ln(prec)?.mul(&Enclosure::exact(v.clone()), prec);
        h = h.sub(&term, prec);
    }
    Ok(h)
}

/// A rational constant plus `Σ c_n ln n` over integers `n ≥ 2`.
#[derive(Default)]
struct LogForm {
    constant: Rational,
    terms: BTreeMap<Integer, Rational>,
}

impl LogForm {
    /// Adds `c · ln r` for a positive rational `r`.
    fn add_ln(&mut self, c: &Rational, r: &Rational) {
        for (n, sign) in [(r.numer(), 1), (r.denom(), -1)] {
            if *n > 1 {
                *self.terms.entry(n.clone()).or_default() += Rational::from(c * sign);
            }
        }
    }

    /// Whether the form is identically 0, decided over a pairwise coprime basis.
    fn is_zero(&self) -> Result<bool, EvalError> {
        if self.constant != 0 {
            return Ok(false);
        }
        let basis = coprime_basis(self.terms.keys().cloned().collect());
        let mut coefficients = vec![Rational::new(); basis.len()];
        for (n, c) in &self.terms {
            let mut rest = n.clone();
            for (b, total) in basis.iter().zip(coefficients.iter_mut()) {
                while rest.is_divisible(b) {
                    rest /= b;
                    *total += c;
                }
            }
            if rest != 1 {
                return Err(EvalError::reference(format!("{n} is not a product of the coprime basis")));
            }
        }
        Ok(coefficients.iter().all(|c| *c == 0))
    }
}

/// A pairwise coprime set of integers `> 1` whose products include every input (gcd splitting:
/// a pair with `g = gcd > 1` is replaced by `g`, `a/g`, `b/g`; the product of the work list
/// strictly decreases, so this terminates).
fn coprime_basis(inputs: Vec<Integer>) -> Vec<Integer> {
    let mut work: Vec<Integer> = inputs.into_iter().filter(|n| *n > 1).collect();
    let mut basis: Vec<Integer> = Vec::new();
    while let Some(n) = work.pop() {
        if n <= 1 {
            continue;
        }
        match basis.iter().position(|b| Integer::from(b.gcd_ref(&n)) > 1) {
            None => basis.push(n),
            Some(i) => {
                let b = basis.swap_remove(i);
                if b == n {
                    basis.push(b);
                    continue;
                }
                let g = Integer::from(b.gcd_ref(&n));
                work.push(Integer::from(&b / &g));
                work.push(Integer::from(&n / &g));
                work.push(g);
            }
        }
    }
    basis
}

/// `H(p̄) − Σ a_m H(p_m) − I − τ` as an exact form in logarithms.
fn residual(e: &Ensemble, tau: &Rational) -> LogForm {
    let mut form = LogForm { constant: Rational::from(-tau), ..LogForm::default() };
    for v in e.mixture.iter().filter(|v| **v > 0) {
        form.add_ln(&Rational::from(-v), v);
    }
    for (p, a) in e.members.iter().zip(&e.weights) {
        for (v, mean) in p.iter().zip(&e.mixture).filter(|(v, _)| **v > 0) {
            let c = Rational::from(a * v);
            // + a p ln p (from −E H) and − a p (ln p − ln p̄) (from −I).
            form.add_ln(&c, v);
            form.add_ln(&Rational::from(-&c), v);
            form.add_ln(&c, mean);
        }
    }
    form
}

/// The two sides `H(p̄) − Σ a_m H(p_m)` and `I + τ`, and `I`, as enclosures.
fn sides(e: &Ensemble, tau: &Rational, prec: u32) -> Result<(Enclosure, Enclosure, Enclosure), EvalError> {
    let mut information = Enclosure::zero();
    let mut expected_entropy = Enclosure::zero();
    for (p, a) in e.members.iter().zip(&e.weights) {
        let weight = Enclosure::exact(a.clone());
        expected_entropy = expected_entropy.add(&entropy(p, prec)?.mul(&weight, prec), prec);
        let mut kl = Enclosure::zero();
        for (v, mean) in p.iter().zip(&e.mixture).filter(|(v, _)| **v > 0) {
            let log = Enclosure::exact(Rational::from(v / mean)).ln(prec)?;
            kl = kl.add(&log.mul(&Enclosure::exact(v.clone()), prec), prec);
        }
        information = information.add(&kl.mul(&weight, prec), prec);
    }
    let difference = entropy(&e.mixture, prec)?.sub(&expected_entropy, prec);
    Ok((difference, information.add(&Enclosure::exact(tau.clone()), prec), information))
}

impl Theorem for LpfTheorem7Entropy {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let e = ensemble_of(instance)?;
        let tau = self.tau();
        let (difference, right, information) = sides(&e, &tau, prec)?;
        if !residual(&e, &tau).is_zero()? {
            // Certainly unequal reals: the enclosures separate at a high enough precision.
            return Ok(Outcome::Compared(Comparison::new(difference, Relation::Eq, right)));
        }
        let nonnegative = Comparison::new(information, Relation::Ge, Enclosure::zero());
        if nonnegative.decide() != Decision::True {
            return Ok(Outcome::Compared(nonnegative));
        }
        // The residual is exactly 0: report the identity in exact form.
        Ok(Outcome::Compared(Comparison::new(Enclosure::zero(), Relation::Eq, Enclosure::zero())))
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let e = ensemble_of(instance).ok()?;
        let (difference, right, _) = sides(&e, &self.tau(), 128).ok()?;
        let (dlo, dhi) = difference.decimal_bounds(10);
        let (rlo, rhi) = right.decimal_bounds(10);
        Some(format!("H(p̄) − E H in [{dlo}, {dhi}], right side in [{rlo}, {rhi}]"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_coprime_basis_splits_shared_factors() {
        let mut b = coprime_basis(vec![Integer::from(12), Integer::from(18), Integer::from(35)]);
        b.sort();
        // Pairwise coprime, not necessarily prime: 35 shares no factor with the others.
        assert_eq!(b, vec![Integer::from(2), Integer::from(3), Integer::from(35)]);
    }

    #[test]
    fn a_vanishing_log_form_is_recognised_and_a_nonvanishing_one_is_not() {
        // ln 4 − 2 ln 2 = 0; ln 6 − ln 2 − ln 2 ≠ 0.
        let mut f = LogForm::default();
        f.add_ln(&Rational::from(1), &Rational::from(4));
        f.add_ln(&Rational::from(-2), &Rational::from(2));
        assert!(f.is_zero().unwrap());
        let mut g = LogForm::default();
        g.add_ln(&Rational::from(1), &Rational::from(6));
        g.add_ln(&Rational::from(-2), &Rational::from(2));
        assert!(!g.is_zero().unwrap());
    }
}
