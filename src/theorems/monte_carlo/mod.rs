//! The `monte_carlo` family (see ../shared/CATALOGUE.md): Monte Carlo estimation error (exact on
//! step decoders, certified on probit decoders), LPF Theorem 2 at factor and posterior level,
//! and the inference-scaling estimators built on repeated sampling (self-consistency,
//! resampling with an imperfect verifier, OptScale's best-of-N budget, pass@k).
//!
//! The closed-form claims (`mc_abs_error`, `mc_hoeffding_tail`, `mc_abs_error_limit`,
//! `lpf_theorem2`, `pass_at_k`, `sc_error`, `sc_decomposition` and their twins) carry their claim
//! as data in their specs; the claims here need a model (the LPF-SPN posterior, probit decoders,
//! enumeration of outcome sequences) or a tie-break the claim language has no form for.

pub(crate) mod flaws_ceiling;
pub(crate) mod lpf_theorem2_posterior;
pub(crate) mod lpf_theorem2_posterior_lipschitz;
pub(crate) mod mc_rmse_probit;
pub mod model;
pub(crate) mod palimpsest_shuffle_test;
pub(crate) mod random_rank_deterministic_impossibility;
pub use model::posterior;

pub use flaws_ceiling::{flaws_accuracy_brute_force, FlawsCeiling};
pub use lpf_theorem2_posterior::LpfTheorem2Posterior;
pub use lpf_theorem2_posterior_lipschitz::LpfTheorem2PosteriorLipschitz;
pub use mc_rmse_probit::McRmseProbit;
pub use model::{mean_abs_deviation, McError, StepDecoder};
pub use palimpsest_shuffle_test::PalimpsestShuffleTest;
pub use posterior::PosteriorModel;
pub use random_rank_deterministic_impossibility::RandomRankImpossibility;
