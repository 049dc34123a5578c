//! LPF Theorem 2 (Monte Carlo Error) at factor level, as published: the factor approximation
//! error decays as `O(1/√M)`, read as `E|Φ̂_M(y) − Φ(y)| ≤ C/√M` for every `M` with an
//! unspecified constant `C`.
//!
//! # Statement
//! Alege, "Theoretical Foundations of Latent Posterior Factors", arXiv:2603.15674, Theorem 2
//! (abstract: "factor approximation error decays as O(1/√M)"). The theorem body was not
//! recovered; the reading encoded is the one the author's code states (`SE = √(0.25/M)`).
//!
//! # Formula
//! Step decoders as in [`McAbsError`](super::McAbsError): the left side is exact, the right side
//! `C/√M` is enclosed. The engine searches at the weakest constant (the top of the spec's range);
//! the sharpened fixture caps `C` at `1/3`, below the tight value `1/2`.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::monte_carlo::LpfTheorem2;
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let at = Instance::default().with("M", Value::Integer(1)).with("q", Value::Number(Rational::from((1, 2))))
//!     .with("a", Value::Number(Rational::from(1))).with("v", Value::Number(Rational::from(0)));
//! let c = |x: (i64, i64)| Instance::default().with("C", Value::Number(Rational::from(x)));
//! let decide = |k| match LpfTheorem2::catalogue().evaluate(&at, &c(k), 64).unwrap() { Outcome::Compared(c) => c.decide(), _ => panic!() };
//! assert_eq!(decide((1, 2)), Decision::True);
//! assert_eq!(decide((1, 3)), Decision::False);
//! ```

use super::mc_abs_error::{describe_step, over_sqrt_m, STEP_PARAMETERS};
use super::model::{samples, StepDecoder};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;

/// `E|Φ̂_M − Φ| ≤ C/√M` with `C` from the spec's `[constants.C]`.
pub struct LpfTheorem2 {
    id: &'static str,
}

impl LpfTheorem2 {
    pub fn catalogue() -> Self {
        LpfTheorem2 { id: "monte_carlo.lpf_theorem2" }
    }

    /// The same claim whose spec caps `C` at 1/3.
    pub fn sharpened() -> Self {
        LpfTheorem2 { id: "monte_carlo.lpf_theorem2_sharpened" }
    }
}

impl Theorem for LpfTheorem2 {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &STEP_PARAMETERS
    }

    fn constants(&self) -> &[&'static str] {
        &["C"]
    }

    fn evaluate(&self, instance: &Instance, constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let m = samples(instance.integer("M")?)?;
        let d = StepDecoder::from_instance(instance, "")?;
        let c = constants.number("C")?;
        let lhs = Enclosure::exact(d.mean_abs_error(m));
        let rhs = over_sqrt_m(c, m, prec)?;
        Ok(Outcome::Compared(Comparison::new(lhs, Relation::Le, rhs)))
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        describe_step(instance)
    }
}
