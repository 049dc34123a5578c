//! The `universality` family (see ../shared/CATALOGUE.md): minimum-width results as data and
//! their mutual consistency, constructive width witnesses with certified sup-norm error,
//! lower-bound witnesses, subset-sum covering (lottery tickets) and Deep Sets' power sums.
//!
//! The exact network evaluator lives in [`network`] (values) and [`piecewise`] (1-D pieces);
//! certified errors in d dimensions in [`box_bound`].

pub(crate) mod deep_sets_injective;
pub(crate) mod deep_sets_newton;
pub mod model;
pub(crate) mod subset_sum_counting;
pub(crate) mod subset_sum_extension;
pub(crate) mod subset_sum_lueker;
pub(crate) mod subset_sum_lueker_constant;
pub(crate) mod subset_sum_lueker_sufficiency;
pub(crate) mod width_claims;
pub(crate) mod width_consistency;
pub(crate) mod width_consistency_with_v1;
pub(crate) mod width_lower_witness;
pub(crate) mod width_witness_convex;
pub(crate) mod width_witness_interpolant;
pub(crate) use model::{box_bound, common, power_sums, subset_sums, targets, width_bounds, witness_error};
pub use model::{construct, network, piecewise, width_data};

pub use box_bound::{sup_error_unit_cube, SeparableQuadratic, SupBound};
pub use deep_sets_injective::DeepSetsInjective;
pub use deep_sets_newton::DeepSetsNewton;
pub use power_sums::{elementary_direct, elementary_from_power_sums, power_sums};
pub use subset_sum_counting::SubsetSumCounting;
pub use subset_sum_extension::SubsetSumExtension;
pub use subset_sum_lueker::SubsetSumLueker;
pub use subset_sum_lueker_constant::{failure_lower_bound, largest_failing_n, SubsetSumLuekerConstant};
pub use subset_sum_lueker_sufficiency::SubsetSumLuekerSufficiency;
pub use subset_sums::{covering_radius, subset_sums};
pub use width_bounds::{pairs, width_table, Bound, ClaimSet, Pair, GRID_MAX};
pub use width_claims::WidthClaims;
pub use width_consistency::WidthConsistency;
pub use width_lower_witness::WidthLowerWitness;
pub use width_witness_convex::WidthWitnessConvex;
pub use width_witness_interpolant::WidthWitnessInterpolant;
pub use witness_error::WitnessError;
