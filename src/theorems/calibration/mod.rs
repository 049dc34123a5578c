//! The `calibration` family (see ../shared/CATALOGUE.md): the ECE floor of calibrated
//! predictors, the LPF theorems (arXiv:2603.15674) on an exact evidence-aggregation engine, and
//! the corrected statements that hold where a published claim fails.

pub(crate) mod ece_floor;
pub(crate) mod lpf_log_error_bound;
pub(crate) mod lpf_theorem1;
pub(crate) mod lpf_theorem1_bayes_exact;
pub(crate) mod lpf_theorem1_keff_kish;
pub(crate) mod lpf_theorem1_keff_kish_low_weight;
pub(crate) mod lpf_theorem1_keff_kish_uniform_prior;
pub(crate) mod lpf_theorem1_keff_sum_w;
pub(crate) mod lpf_theorem1_keff_sum_w_low_weight;
pub(crate) mod lpf_theorem1_keff_sum_w_uniform_prior;
pub(crate) mod lpf_theorem1_low_weight;
pub(crate) mod lpf_theorem1_uniform_prior;
pub(crate) mod lpf_theorem4;
pub(crate) mod lpf_theorem4_bayes_error;
pub(crate) mod lpf_theorem4_fano;
pub(crate) mod lpf_theorem4_log_loss;
pub(crate) mod lpf_theorem5;
pub(crate) mod lpf_theorem5_adversarial_accuracy;
pub(crate) mod lpf_theorem5_adversarial_relative;
pub(crate) mod lpf_theorem5_random_replacement;
pub(crate) mod lpf_theorem5_rate_eps;
pub(crate) mod lpf_theorem6;
pub(crate) mod lpf_theorem7;
pub(crate) mod lpf_theorem7_entropy;
pub mod model;
pub(crate) mod vendi_partition;
pub(crate) mod vendi_score;
pub use model::{aggregation, robustness, scenario};

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
pub use vendi_partition::VendiPartition;
pub use vendi_score::{gram, vendi_entropy, vendi_score, VendiEntropy, VendiScore};
