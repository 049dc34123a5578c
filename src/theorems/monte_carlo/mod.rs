//! The `monte_carlo` family (see ../shared/CATALOGUE.md): Monte Carlo estimation error (exact on
//! step decoders, certified on probit decoders), LPF Theorem 2 at factor and posterior level,
//! and the inference-scaling estimators built on repeated sampling (self-consistency,
//! resampling with an imperfect verifier, OptScale's best-of-N budget, pass@k).

mod flaws_ceiling;
mod lpf_theorem2;
mod lpf_theorem2_posterior;
mod lpf_theorem2_posterior_lipschitz;
mod mc_abs_error;
mod mc_abs_error_limit;
mod mc_hoeffding_tail;
mod mc_rmse_probit;
pub mod model;
mod optscale_min_n;
mod pass_at_k;
pub mod posterior;
mod sc_decomposition;
mod sc_error;

pub use flaws_ceiling::{flaws_accuracy_brute_force, FlawsCeiling};
pub use lpf_theorem2::LpfTheorem2;
pub use lpf_theorem2_posterior::LpfTheorem2Posterior;
pub use lpf_theorem2_posterior_lipschitz::LpfTheorem2PosteriorLipschitz;
pub use mc_abs_error::McAbsError;
pub use mc_abs_error_limit::{McAbsErrorLimit, McAbsErrorLimitUniform};
pub use mc_hoeffding_tail::{two_sided_tail, McHoeffdingTail};
pub use mc_rmse_probit::McRmseProbit;
pub use model::{mean_abs_deviation, McError, StepDecoder};
pub use optscale_min_n::{ceil_log_ratio, optscale_brute_force, OptScaleMinN};
pub use pass_at_k::{pass_at_k_estimate, PassAtK};
pub use posterior::PosteriorModel;
pub use sc_error::SelfConsistency;

use crate::engine::Theorem;

/// The family's catalogue claims.
pub fn catalogue() -> Vec<Box<dyn Theorem>> {
    vec![
        Box::new(McAbsError::catalogue()),
        Box::new(McHoeffdingTail::catalogue()),
        Box::new(McRmseProbit::catalogue()),
        Box::new(McAbsErrorLimit::catalogue()),
        Box::new(LpfTheorem2::catalogue()),
        Box::new(LpfTheorem2Posterior),
        Box::new(LpfTheorem2PosteriorLipschitz::catalogue()),
        Box::new(SelfConsistency::error()),
        Box::new(SelfConsistency::decomposition()),
        Box::new(FlawsCeiling::catalogue()),
        Box::new(OptScaleMinN::catalogue()),
        Box::new(PassAtK::catalogue()),
    ]
}

/// The family's refutation fixtures (deliberately false variants).
pub fn fixtures() -> Vec<Box<dyn Theorem>> {
    vec![
        Box::new(McAbsError::sharpened()),
        Box::new(McHoeffdingTail::sharpened()),
        Box::new(McRmseProbit::sharpened()),
        Box::new(McAbsErrorLimit::sharpened()),
        Box::new(McAbsErrorLimitUniform),
        Box::new(LpfTheorem2::sharpened()),
        Box::new(LpfTheorem2PosteriorLipschitz::additive()),
        Box::new(LpfTheorem2PosteriorLipschitz::sharpened()),
        Box::new(SelfConsistency::error_sharpened()),
        Box::new(SelfConsistency::decomposition_smoothed()),
        Box::new(FlawsCeiling::naive()),
        Box::new(OptScaleMinN::confused()),
        Box::new(PassAtK::naive()),
    ]
}
