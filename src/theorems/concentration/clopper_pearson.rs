//! Exact coverage of the two-sided Clopper–Pearson interval.
//!
//! # Statement
//! For `X ~ Bin(n, p)` and level `1 − δ`, the interval `[L(X), U(X)]` with `L(k)` solving
//! `P_L(Bin ≥ k) = δ/2` (`L(0) = 0`) and `U(k)` solving `P_U(Bin ≤ k) = δ/2` (`U(n) = 1`) has
//! coverage `P_p(L(X) ≤ p ≤ U(X)) ≥ 1 − δ` for every `p ∈ [0, 1]`.
//!
//! # Formula
//! The binomial distribution function is decreasing in `p`, so `p ≤ U(k)` exactly when
//! `P_p(Bin ≤ k) ≥ δ/2`, and `p ≥ L(k)` exactly when `P_p(Bin ≥ k) ≥ δ/2`: membership is an
//! exact rational comparison at rational `p`, without inverting anything, and the coverage —
//! the coverage polynomial evaluated at `p` — is an exact rational. The sharpened fixture claims
//! coverage `≥ 1 − δ/2`.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::concentration::ClopperPearson;
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let i = Instance::default().with("n", Value::Integer(10)).with("p", Value::Number(Rational::from((1, 3))))
//!     .with("delta", Value::Number(Rational::from((1, 20))));
//! let Outcome::Compared(c) = ClopperPearson::catalogue().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True);
//! ```

use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::tail_bounds::check_delta;
use crate::reference::{Enclosure, FiniteLaw};
use rug::{Integer, Rational};

/// Coverage `≥ 1 − δ·slack` (`slack = 1` as published).
pub struct ClopperPearson {
    id: &'static str,
    slack: Rational,
}

impl ClopperPearson {
    pub fn catalogue() -> Self {
        ClopperPearson { id: "concentration.clopper_pearson", slack: Rational::from(1) }
    }

    /// The sharpened fixture, coverage `≥ 1 − δ/2`, which is false.
    pub fn sharpened() -> Self {
        ClopperPearson { id: "concentration.clopper_pearson_sharpened", slack: Rational::from((1, 2)) }
    }
}

const PARAMETERS: [ParamRequirement; 3] =
    [ParamRequirement::integer("n"), ParamRequirement::number("p"), ParamRequirement::number("delta")];

/// The exact coverage of the two-sided level-`1 − δ` Clopper–Pearson interval at `p`.
pub fn clopper_pearson_coverage(n: u32, p: &Rational, delta: &Rational) -> Result<Rational, EvalError> {
    check_delta(delta).map_err(EvalError::reference)?;
    if *p == 0 || *p == 1 {
        // X is constant (0 or n); its interval contains p since L(0) = 0 and U(n) = 1.
        return Ok(Rational::from(1));
    }
    let law = FiniteLaw::bernoulli(p).map_err(EvalError::reference)?;
    let mut masses: Vec<Integer> = Vec::with_capacity(n as usize + 1);
    law.visit_sum_masses(n, |_, q| masses.push(q.clone()));
    let total: Integer = law.sum_lattice(n).total;
    // half_delta_total = δ/2 · total, compared with integer partial sums exactly.
    let half = Rational::from(delta / 2u32) * &total;
    let mut below = Integer::new(); // P(X ≤ k)·total
    let mut covered = Integer::new();
    for (k, q) in masses.iter().enumerate() {
        let above = Integer::from(&total - &below); // P(X ≥ k)·total
        below += q;
        let under_upper = k == n as usize || below.clone() >= half;
        let over_lower = k == 0 || above >= half;
        if under_upper && over_lower {
            covered += q;
        }
    }
    Ok(Rational::from((covered, total)))
}

impl Theorem for ClopperPearson {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        let n = instance.count("n")?;
        let p = instance.number("p")?;
        let delta = instance.number("delta")?;
        let coverage = clopper_pearson_coverage(n, p, delta)?;
        let target = 1 - Rational::from(delta * &self.slack);
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(coverage), Relation::Ge, Enclosure::exact(target))))
    }
}
