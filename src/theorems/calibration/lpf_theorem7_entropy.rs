//! LPF Theorem 7, entropy form: `H(p̄) = E_m H(p_m) + I`, with `I ≥ 0`.
//!
//! # Statement
//! For members `p_m` with convex weights `a_m` and mixture `p̄`: `H(p̄) = Σ a_m H(p_m) + I` where
//! `I = Σ_m a_m KL(p_m ‖ p̄)` is the mutual information between the member index and `Y`, and
//! `I ≥ 0` (concavity of entropy).
//!
//! # Formula
//! Logarithms are irrational, so equality cannot be certified with enclosures. What is checked:
//! (1) `I`, computed from its own definition `Σ a_m Σ_y p_{m,y} ln(p_{m,y}/p̄_y)`, is `≥ 0`
//! (certified, and exactly 0 when all members coincide); (2) the identity holds up to the
//! enclosures: if `H(p̄) − Σ a_m H(p_m)` and `I` are certified disjoint, the comparison of the two
//! (`=`) is returned and refutes. Nothing else is claimed.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::calibration::LpfTheorem7Entropy;
//! use theoremcheck::reference::Decision;
//! let i = Instance::default().with("members", Value::Integer(4)).with("classes", Value::Integer(2))
//!     .with("seed", Value::Integer(3)).with("mixture", Value::Choice("uniform".into()));
//! let Outcome::Compared(c) = LpfTheorem7Entropy.evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True);
//! ```

use super::lpf_theorem7::ensemble_of;
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::{Decision, Enclosure};
use rug::Rational;

/// `I = Σ a_m KL(p_m ‖ p̄) ≥ 0` and `H(p̄) − E H(p_m) = I` up to the enclosures.
pub struct LpfTheorem7Entropy;

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

impl Theorem for LpfTheorem7Entropy {
    fn id(&self) -> &str {
        "calibration.lpf_theorem7_entropy"
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let e = ensemble_of(instance)?;
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
        let identity = Comparison::new(difference, Relation::Eq, information.clone());
        if identity.decide() == Decision::False {
            return Ok(Outcome::Compared(identity));
        }
        Ok(Outcome::Compared(Comparison::new(information, Relation::Ge, Enclosure::zero())))
    }
}
