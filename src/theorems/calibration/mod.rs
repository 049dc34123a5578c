//! The `calibration` family (see ../shared/CATALOGUE.md): the ECE floor of calibrated
//! predictors, the LPF theorems (arXiv:2603.15674) on an exact evidence-aggregation engine, and
//! the corrected statements that hold where a published claim fails.

pub mod aggregation;
mod ece_floor;
mod lpf_log_error_bound;
mod lpf_theorem1;
mod lpf_theorem1_bayes_exact;
mod lpf_theorem1_keff_kish;
mod lpf_theorem1_keff_kish_low_weight;
mod lpf_theorem1_keff_kish_uniform_prior;
mod lpf_theorem1_keff_sum_w;
mod lpf_theorem1_keff_sum_w_low_weight;
mod lpf_theorem1_keff_sum_w_uniform_prior;
mod lpf_theorem1_low_weight;
mod lpf_theorem1_uniform_prior;
mod lpf_theorem4;
mod lpf_theorem4_bayes_error;
mod lpf_theorem4_fano;
mod lpf_theorem4_log_loss;
mod lpf_theorem5;
mod lpf_theorem5_adversarial_accuracy;
mod lpf_theorem5_adversarial_relative;
mod lpf_theorem5_random_replacement;
mod lpf_theorem5_rate_eps;
mod lpf_theorem6;
mod lpf_theorem7;
mod lpf_theorem7_entropy;
pub mod robustness;
pub mod scenario;

pub use ece_floor::{expected_calibrated_ece, poisson_binomial_mad, EceFloor};
pub use lpf_log_error_bound::LpfLogErrorBound;
pub use lpf_theorem1::{EffectiveSize, LpfTheorem1, BINS};
pub use lpf_theorem1_bayes_exact::{LpfSpnUniformRootBayes, LpfTheorem1BayesExact};
pub use lpf_theorem4::LpfTheorem4;
pub use lpf_theorem4_bayes_error::{fano_floor, LpfTheorem4Error};
pub use lpf_theorem4_log_loss::LpfTheorem4LogLoss;
pub use lpf_theorem5::LpfTheorem5;
pub use lpf_theorem5_adversarial_accuracy::{LpfTheorem5Reading, Robustness};
pub use lpf_theorem6::LpfTheorem6;
pub use lpf_theorem7::{ensemble_of, Ensemble, LpfTheorem7};
pub use lpf_theorem7_entropy::{LpfTheorem7Entropy, Perturbation};
pub use scenario::scenario_instance;

use crate::engine::Theorem;

/// The family's catalogue claims.
pub fn catalogue() -> Vec<Box<dyn Theorem>> {
    vec![
        Box::new(EceFloor::catalogue()),
        Box::new(LpfTheorem1::items()),
        Box::new(lpf_theorem1_keff_sum_w::theorem()),
        Box::new(lpf_theorem1_keff_kish::theorem()),
        Box::new(lpf_theorem1_uniform_prior::theorem()),
        Box::new(lpf_theorem1_low_weight::theorem()),
        Box::new(lpf_theorem1_keff_kish_uniform_prior::theorem()),
        Box::new(lpf_theorem1_keff_kish_low_weight::theorem()),
        Box::new(lpf_theorem1_keff_sum_w_uniform_prior::theorem()),
        Box::new(lpf_theorem1_keff_sum_w_low_weight::theorem()),
        Box::new(LpfTheorem1BayesExact),
        Box::new(LpfLogErrorBound::catalogue()),
        Box::new(LpfTheorem4),
        Box::new(LpfTheorem4LogLoss::catalogue()),
        Box::new(LpfTheorem4Error::bayes_error()),
        Box::new(lpf_theorem4_fano::theorem()),
        Box::new(LpfTheorem5),
        Box::new(LpfTheorem5Reading::adversarial_accuracy()),
        Box::new(lpf_theorem5_rate_eps::theorem()),
        Box::new(lpf_theorem5_random_replacement::theorem()),
        Box::new(lpf_theorem5_adversarial_relative::theorem()),
        Box::new(LpfTheorem6),
        Box::new(LpfTheorem7::catalogue()),
        Box::new(LpfTheorem7Entropy::catalogue()),
    ]
}

/// The family's refutation fixtures (deliberately false variants).
pub fn fixtures() -> Vec<Box<dyn Theorem>> {
    vec![
        Box::new(EceFloor::quarter()),
        Box::new(LpfTheorem7::ddof1()),
        Box::new(LpfSpnUniformRootBayes),
        Box::new(LpfTheorem7Entropy::perturbed()),
        Box::new(LpfLogErrorBound::sharpened()),
        Box::new(LpfTheorem4LogLoss::sharpened()),
    ]
}
