//! The LPF-SPN posterior's Monte Carlo error with an explicit, model-dependent constant:
//! `E|P̂ − P| ≤ (Σ_i a_i/(8 m_i))/√M`, `m_i = min φ(1 − φ)` over factor `i`'s output range; and
//! the false "additive" variant `E|P̂ − P| ≤ Σ_i E|Φ̂_i − Φ_i|`.
//!
//! # Statement
//! For the untempered LPF-SPN posterior of [`PosteriorModel`](super::posterior::PosteriorModel)
//! with `K` factors, `M` samples each: `E|P̂ − P| ≤ Σ_i a_i/(8 m_i √M) ≤ K/(8η(1 − η)√M)`,
//! where `[η, 1 − η]` contains every decoder output. So Theorem 2 does carry over to the
//! posterior, with a constant that grows with `K` and blows up as the decoders approach 0 or 1.
//!
//! # Formula
//! The left side is exact by enumeration of the `(M + 1)^K` joint counts (instances above the
//! enumeration limit do not meet the check's hypothesis); the right side is exact except for `√M`.
//!
//! # Examples
//! ```
//! use theoremcheck::theorems::monte_carlo::LpfTheorem2PosteriorLipschitz;
//! use theoremcheck::engine::Theorem;
//! assert_eq!(LpfTheorem2PosteriorLipschitz::catalogue().id(), "monte_carlo.lpf_theorem2_posterior_lipschitz");
//! ```

use super::lpf_theorem2_posterior::{describe_posterior, POSTERIOR_PARAMETERS};
use super::posterior::{lipschitz, PosteriorModel};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;
use rug::Rational;

/// The explicit-constant bound (catalogue), its sharpened twin, or the additive variant (fixture).
pub struct LpfTheorem2PosteriorLipschitz {
    id: &'static str,
    additive: bool,
    /// The constant is `Σ_i a_i/(4 m_i · divisor)`: 2 as derived, 4 for the sharpened twin.
    divisor: u32,
}

impl LpfTheorem2PosteriorLipschitz {
    pub fn catalogue() -> Self {
        LpfTheorem2PosteriorLipschitz { id: "monte_carlo.lpf_theorem2_posterior_lipschitz", additive: false, divisor: 2 }
    }

    /// `E|P̂ − P| ≤ (Σ_i a_i/(16 m_i))/√M`, the constant halved: false, since at `K = 1`, `M = 1`,
    /// `q = 1/2` and outputs near 1/2 the derived bound is attained up to `4 m_1 → 1`.
    pub fn sharpened() -> Self {
        LpfTheorem2PosteriorLipschitz { id: "monte_carlo.lpf_theorem2_posterior_lipschitz_sharpened", additive: false, divisor: 4 }
    }

    /// `E|P̂ − P| ≤ Σ_i E|Φ̂_i − Φ_i|`: the posterior inherits the factors' errors additively.
    pub fn additive() -> Self {
        LpfTheorem2PosteriorLipschitz { id: "monte_carlo.lpf_theorem2_posterior_additive", additive: true, divisor: 2 }
    }
}

impl Theorem for LpfTheorem2PosteriorLipschitz {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &POSTERIOR_PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let model = PosteriorModel::from_instance(instance)?;
        let Some(lhs) = model.mean_abs_error() else {
            return Ok(Outcome::HypothesisNotMet(format!("{} joint outcomes exceed the enumeration limit", model.outcomes())));
        };
        let rhs = if self.additive {
            Enclosure::exact(model.factors.iter().map(|f| f.mean_abs_error(model.m)).sum::<Rational>())
        } else {
            let constant: Rational = model.factors.iter().map(|f| (&f.a * lipschitz(f)) / self.divisor).sum();
            Enclosure::exact(constant).div(&Enclosure::exact(model.m).sqrt(prec)?, prec)?
        };
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(lhs), Relation::Le, rhs)))
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        describe_posterior(instance)
    }
}
