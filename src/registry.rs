//! The one place that wires ids to implementations.
//!
//! A claim written as data (a spec with a `[claim]` table) needs no entry: its spec is the whole
//! claim. A claim that needs Rust has one row in [`RUST_CLAIMS`]: its id, whether its spec lives
//! in `spec/` (a catalogue claim) or `tests/fixtures/spec/` (a deliberately false twin the suite
//! must refute), and its constructor. Looking up an id builds that one claim, nothing else.

use crate::engine::Theorem;
use crate::theorems;

/// Where a Rust claim's spec lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// `spec/<family>/<name>.toml`.
    Catalogue,
    /// `tests/fixtures/spec/<family>/<name>.toml`: a twin that must be refuted.
    Fixture,
}

use Role::{Catalogue, Fixture};

/// Builds one claim.
pub type Constructor = fn() -> Box<dyn Theorem>;

/// Every claim implemented in Rust, sorted by id. A twin is its claim's constructor with another
/// argument. `tests/coverage.rs` checks that each row's claim answers to the row's id and that
/// the rows stay sorted and unique.
pub static RUST_CLAIMS: &[(&str, Role, Constructor)] = &[
    ("calibration.ece_floor", Catalogue, || Box::new(theorems::calibration::EceFloor::catalogue())),
    ("calibration.ece_floor_quarter", Fixture, || Box::new(theorems::calibration::EceFloor::quarter())),
    ("calibration.lpf_log_error_bound", Catalogue, || Box::new(theorems::calibration::LpfLogErrorBound::catalogue())),
    ("calibration.lpf_log_error_bound_sharpened", Fixture, || Box::new(theorems::calibration::LpfLogErrorBound::sharpened())),
    ("calibration.lpf_spn_uniform_root_bayes", Fixture, || Box::new(theorems::calibration::LpfSpnUniformRootBayes)),
    ("calibration.lpf_theorem1", Catalogue, || Box::new(theorems::calibration::LpfTheorem1::items())),
    ("calibration.lpf_theorem1_bayes_exact", Catalogue, || Box::new(theorems::calibration::LpfTheorem1BayesExact)),
    ("calibration.lpf_theorem1_keff_kish", Catalogue, || Box::new(theorems::calibration::lpf_theorem1_keff_kish::theorem())),
    ("calibration.lpf_theorem1_keff_kish_low_weight", Catalogue, || {
        Box::new(theorems::calibration::lpf_theorem1_keff_kish_low_weight::theorem())
    }),
    ("calibration.lpf_theorem1_keff_kish_uniform_prior", Catalogue, || {
        Box::new(theorems::calibration::lpf_theorem1_keff_kish_uniform_prior::theorem())
    }),
    ("calibration.lpf_theorem1_keff_sum_w", Catalogue, || Box::new(theorems::calibration::lpf_theorem1_keff_sum_w::theorem())),
    ("calibration.lpf_theorem1_keff_sum_w_low_weight", Catalogue, || {
        Box::new(theorems::calibration::lpf_theorem1_keff_sum_w_low_weight::theorem())
    }),
    ("calibration.lpf_theorem1_keff_sum_w_uniform_prior", Catalogue, || {
        Box::new(theorems::calibration::lpf_theorem1_keff_sum_w_uniform_prior::theorem())
    }),
    ("calibration.lpf_theorem1_low_weight", Catalogue, || Box::new(theorems::calibration::lpf_theorem1_low_weight::theorem())),
    ("calibration.lpf_theorem1_uniform_prior", Catalogue, || Box::new(theorems::calibration::lpf_theorem1_uniform_prior::theorem())),
    ("calibration.lpf_theorem4", Catalogue, || Box::new(theorems::calibration::LpfTheorem4)),
    ("calibration.lpf_theorem4_bayes_error", Catalogue, || Box::new(theorems::calibration::LpfTheorem4Error::bayes_error())),
    ("calibration.lpf_theorem4_fano", Catalogue, || Box::new(theorems::calibration::lpf_theorem4_fano::theorem())),
    ("calibration.lpf_theorem4_log_loss", Catalogue, || Box::new(theorems::calibration::LpfTheorem4LogLoss::catalogue())),
    ("calibration.lpf_theorem4_log_loss_sharpened", Fixture, || Box::new(theorems::calibration::LpfTheorem4LogLoss::sharpened())),
    ("calibration.lpf_theorem5", Catalogue, || Box::new(theorems::calibration::LpfTheorem5)),
    ("calibration.lpf_theorem5_adversarial_accuracy", Catalogue, || {
        Box::new(theorems::calibration::LpfTheorem5Reading::adversarial_accuracy())
    }),
    ("calibration.lpf_theorem5_adversarial_relative", Catalogue, || {
        Box::new(theorems::calibration::lpf_theorem5_adversarial_relative::theorem())
    }),
    ("calibration.lpf_theorem5_random_replacement", Catalogue, || {
        Box::new(theorems::calibration::lpf_theorem5_random_replacement::theorem())
    }),
    ("calibration.lpf_theorem5_rate_eps", Catalogue, || Box::new(theorems::calibration::lpf_theorem5_rate_eps::theorem())),
    ("calibration.lpf_theorem6", Catalogue, || Box::new(theorems::calibration::LpfTheorem6)),
    ("calibration.lpf_theorem7", Catalogue, || Box::new(theorems::calibration::LpfTheorem7::catalogue())),
    ("calibration.lpf_theorem7_ddof1", Fixture, || Box::new(theorems::calibration::LpfTheorem7::ddof1())),
    ("calibration.lpf_theorem7_entropy", Catalogue, || Box::new(theorems::calibration::LpfTheorem7Entropy::catalogue())),
    ("calibration.lpf_theorem7_entropy_perturbed", Fixture, || Box::new(theorems::calibration::LpfTheorem7Entropy::perturbed())),
    ("calibration.vendi_partition", Catalogue, || Box::new(theorems::calibration::VendiPartition::catalogue())),
    ("calibration.vendi_partition_sum", Fixture, || Box::new(theorems::calibration::VendiPartition::naive_sum())),
    ("calibration.vendi_score", Catalogue, || Box::new(theorems::calibration::VendiScore::catalogue())),
    ("calibration.vendi_score_sharpened", Fixture, || Box::new(theorems::calibration::VendiScore::sharpened())),
    ("concentration.azuma", Catalogue, || Box::new(theorems::concentration::Azuma::catalogue())),
    ("concentration.azuma_sharpened", Fixture, || Box::new(theorems::concentration::Azuma::sharpened())),
    ("concentration.bennett", Catalogue, || Box::new(theorems::concentration::Bennett::catalogue())),
    ("concentration.bennett_sharpened", Fixture, || Box::new(theorems::concentration::Bennett::sharpened())),
    ("concentration.bernstein", Catalogue, || Box::new(theorems::concentration::Bernstein::catalogue())),
    ("concentration.bernstein_sharpened", Fixture, || Box::new(theorems::concentration::Bernstein::sharpened())),
    ("concentration.berry_esseen", Catalogue, || Box::new(theorems::concentration::BerryEsseen::catalogue())),
    ("concentration.berry_esseen_sharpened", Fixture, || Box::new(theorems::concentration::BerryEsseen::sharpened())),
    ("concentration.clopper_pearson", Catalogue, || Box::new(theorems::concentration::ClopperPearson::catalogue())),
    ("concentration.clopper_pearson_sharpened", Fixture, || Box::new(theorems::concentration::ClopperPearson::sharpened())),
    ("concentration.empirical_bernstein", Catalogue, || Box::new(theorems::concentration::EmpiricalBernstein::catalogue())),
    ("concentration.empirical_bernstein_sharpened", Fixture, || Box::new(theorems::concentration::EmpiricalBernstein::sharpened())),
    ("concentration.gaussian_pushforward", Catalogue, || Box::new(theorems::concentration::GaussianPushforward::catalogue())),
    ("concentration.gaussian_pushforward_sharpened", Fixture, || Box::new(theorems::concentration::GaussianPushforward::sharpened())),
    ("concentration.log_perplexity", Catalogue, || Box::new(theorems::concentration::LogPerplexity::catalogue())),
    ("concentration.log_perplexity_cross_entropy", Catalogue, || Box::new(theorems::concentration::LogPerplexityCrossEntropy::catalogue())),
    ("concentration.log_perplexity_cross_entropy_sharpened", Fixture, || {
        Box::new(theorems::concentration::LogPerplexityCrossEntropy::sharpened())
    }),
    ("concentration.log_perplexity_sharpened", Fixture, || Box::new(theorems::concentration::LogPerplexity::sharpened())),
    ("concentration.mcdiarmid", Catalogue, || Box::new(theorems::concentration::McDiarmid::catalogue())),
    ("concentration.mcdiarmid_sharpened", Fixture, || Box::new(theorems::concentration::McDiarmid::sharpened())),
    ("concentration.missing_mass", Catalogue, || Box::new(theorems::concentration::MissingMass::catalogue())),
    ("concentration.missing_mass_sharpened", Fixture, || Box::new(theorems::concentration::MissingMass::sharpened())),
    ("concentration.monofact", Catalogue, || Box::new(theorems::concentration::Monofact::catalogue())),
    ("concentration.monofact_sharpened", Fixture, || Box::new(theorems::concentration::Monofact::sharpened())),
    ("concentration.poisson_binomial", Catalogue, || Box::new(theorems::concentration::PoissonBinomial::catalogue())),
    ("concentration.poisson_binomial_sharpened", Fixture, || Box::new(theorems::concentration::PoissonBinomial::sharpened())),
    ("concentration.spherical_cap", Catalogue, || Box::new(theorems::concentration::SphericalCap::catalogue())),
    ("concentration.spherical_cap_sharpened", Fixture, || Box::new(theorems::concentration::SphericalCap::sharpened())),
    ("monte_carlo.flaws_ceiling", Catalogue, || Box::new(theorems::monte_carlo::FlawsCeiling::catalogue())),
    ("monte_carlo.flaws_ceiling_naive", Fixture, || Box::new(theorems::monte_carlo::FlawsCeiling::naive())),
    ("monte_carlo.lpf_theorem2_posterior", Catalogue, || Box::new(theorems::monte_carlo::LpfTheorem2Posterior)),
    ("monte_carlo.lpf_theorem2_posterior_additive", Fixture, || Box::new(theorems::monte_carlo::LpfTheorem2PosteriorLipschitz::additive())),
    ("monte_carlo.lpf_theorem2_posterior_lipschitz", Catalogue, || {
        Box::new(theorems::monte_carlo::LpfTheorem2PosteriorLipschitz::catalogue())
    }),
    ("monte_carlo.lpf_theorem2_posterior_lipschitz_sharpened", Fixture, || {
        Box::new(theorems::monte_carlo::LpfTheorem2PosteriorLipschitz::sharpened())
    }),
    ("monte_carlo.mc_rmse_probit", Catalogue, || Box::new(theorems::monte_carlo::McRmseProbit::catalogue())),
    ("monte_carlo.mc_rmse_probit_sharpened", Fixture, || Box::new(theorems::monte_carlo::McRmseProbit::sharpened())),
    ("monte_carlo.palimpsest_shuffle_test", Catalogue, || Box::new(theorems::monte_carlo::PalimpsestShuffleTest::catalogue())),
    ("monte_carlo.palimpsest_shuffle_test_strict", Fixture, || Box::new(theorems::monte_carlo::PalimpsestShuffleTest::strict())),
    ("monte_carlo.random_rank_deterministic_impossibility", Catalogue, || {
        Box::new(theorems::monte_carlo::RandomRankImpossibility::catalogue())
    }),
    ("monte_carlo.random_rank_deterministic_impossibility_negated", Fixture, || {
        Box::new(theorems::monte_carlo::RandomRankImpossibility::negated())
    }),
    ("pac_bayes.catoni", Catalogue, || Box::new(theorems::pac_bayes::Catoni::catalogue())),
    ("pac_bayes.catoni_sharpened", Fixture, || Box::new(theorems::pac_bayes::Catoni::sharpened())),
    ("pac_bayes.kl_inverse", Catalogue, || Box::new(theorems::pac_bayes::KlInverse)),
    ("pac_bayes.kl_inverse_pinsker_sharpened", Fixture, || Box::new(theorems::pac_bayes::KlInversePinskerSharpened)),
    ("pac_bayes.lpf_theorem3", Catalogue, || Box::new(theorems::pac_bayes::LpfTheorem3::catalogue())),
    ("pac_bayes.lpf_theorem3_gap_as_bound", Fixture, || Box::new(theorems::pac_bayes::LpfTheorem3::gap_as_bound())),
    ("pac_bayes.lpf_theorem3_validity", Catalogue, || Box::new(theorems::pac_bayes::LpfTheorem3Validity)),
    ("pac_bayes.mcallester", Catalogue, || Box::new(theorems::pac_bayes::McAllester::catalogue())),
    ("pac_bayes.mcallester_sharpened", Fixture, || Box::new(theorems::pac_bayes::McAllester::sharpened())),
    ("pac_bayes.pac_bayes_lambda", Catalogue, || Box::new(theorems::pac_bayes::PacBayesLambda::catalogue())),
    ("pac_bayes.pac_bayes_lambda_sharpened", Fixture, || Box::new(theorems::pac_bayes::PacBayesLambda::sharpened())),
    ("pac_bayes.seeger_maurer", Catalogue, || Box::new(theorems::pac_bayes::SeegerMaurer::catalogue())),
    ("pac_bayes.seeger_maurer_sharpened", Fixture, || Box::new(theorems::pac_bayes::SeegerMaurer::sharpened())),
    ("pac_bayes.universality_lens", Catalogue, || Box::new(theorems::pac_bayes::UniversalityLens::catalogue())),
    ("pac_bayes.universality_lens_sharpened", Fixture, || Box::new(theorems::pac_bayes::UniversalityLens::sharpened())),
    ("universality.deep_sets_injective", Catalogue, || Box::new(theorems::universality::DeepSetsInjective::catalogue())),
    ("universality.deep_sets_injective_sharpened", Fixture, || Box::new(theorems::universality::DeepSetsInjective::sharpened())),
    ("universality.deep_sets_newton", Catalogue, || Box::new(theorems::universality::DeepSetsNewton::catalogue())),
    ("universality.deep_sets_newton_sharpened", Fixture, || Box::new(theorems::universality::DeepSetsNewton::sharpened())),
    ("universality.subset_sum_counting", Catalogue, || Box::new(theorems::universality::SubsetSumCounting::catalogue())),
    ("universality.subset_sum_counting_sharpened", Fixture, || Box::new(theorems::universality::SubsetSumCounting::sharpened())),
    ("universality.subset_sum_extension", Catalogue, || Box::new(theorems::universality::SubsetSumExtension::catalogue())),
    ("universality.subset_sum_extension_sharpened", Fixture, || Box::new(theorems::universality::SubsetSumExtension::sharpened())),
    ("universality.subset_sum_lueker", Catalogue, || Box::new(theorems::universality::SubsetSumLueker)),
    ("universality.subset_sum_lueker_constant", Catalogue, || Box::new(theorems::universality::SubsetSumLuekerConstant::catalogue())),
    ("universality.subset_sum_lueker_constant_sharpened", Fixture, || {
        Box::new(theorems::universality::SubsetSumLuekerConstant::sharpened())
    }),
    ("universality.subset_sum_lueker_sufficiency", Catalogue, || Box::new(theorems::universality::SubsetSumLuekerSufficiency::catalogue())),
    ("universality.subset_sum_lueker_sufficiency_sharpened", Fixture, || {
        Box::new(theorems::universality::SubsetSumLuekerSufficiency::sharpened())
    }),
    ("universality.width_claims", Catalogue, || Box::new(theorems::universality::WidthClaims::catalogue())),
    ("universality.width_claims_sharpened", Fixture, || Box::new(theorems::universality::WidthClaims::sharpened())),
    ("universality.width_consistency", Catalogue, || Box::new(theorems::universality::WidthConsistency::current())),
    ("universality.width_consistency_with_v1", Catalogue, || Box::new(theorems::universality::width_consistency_with_v1::theorem())),
    ("universality.width_lower_witness", Catalogue, || Box::new(theorems::universality::WidthLowerWitness::catalogue())),
    ("universality.width_lower_witness_sharpened", Fixture, || Box::new(theorems::universality::WidthLowerWitness::sharpened())),
    ("universality.width_witness_convex", Catalogue, || Box::new(theorems::universality::WidthWitnessConvex::catalogue())),
    ("universality.width_witness_convex_narrow", Fixture, || Box::new(theorems::universality::WidthWitnessConvex::narrow())),
    ("universality.width_witness_convex_sharpened", Fixture, || Box::new(theorems::universality::WidthWitnessConvex::sharpened())),
    ("universality.width_witness_interpolant", Catalogue, || Box::new(theorems::universality::WidthWitnessInterpolant::catalogue())),
    ("universality.width_witness_interpolant_narrow", Fixture, || Box::new(theorems::universality::WidthWitnessInterpolant::narrow())),
    (
        "universality.width_witness_interpolant_sharpened",
        Fixture,
        || Box::new(theorems::universality::WidthWitnessInterpolant::sharpened()),
    ),
];

fn with_role(role: Role) -> Vec<Box<dyn Theorem>> {
    RUST_CLAIMS.iter().filter(|(_, r, _)| *r == role).map(|(_, _, make)| make()).collect()
}

/// Every catalogue claim implemented in Rust, in id order.
pub fn catalogue() -> Vec<Box<dyn Theorem>> {
    with_role(Catalogue)
}

/// Every refutation fixture implemented in Rust, in id order.
pub fn fixtures() -> Vec<Box<dyn Theorem>> {
    with_role(Fixture)
}

/// The Rust implementation for `id`, catalogue or fixture; builds only that claim.
pub fn find(id: &str) -> Option<Box<dyn Theorem>> {
    RUST_CLAIMS.binary_search_by(|(row, _, _)| (*row).cmp(id)).ok().map(|i| (RUST_CLAIMS[i].2)())
}

/// The implementation a spec is checked against: its own `[claim]` when it carries one (no
/// registration needed), otherwise the Rust implementation registered under its id.
pub fn implementation(spec: &crate::spec::Spec) -> Option<Box<dyn Theorem>> {
    match crate::claim::DataClaim::from_spec(spec) {
        Some(data) => Some(Box::new(data)),
        None => find(&spec.id),
    }
}
