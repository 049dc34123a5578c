//! The `universality` family (see ../shared/CATALOGUE.md): minimum-width results as data and
//! their mutual consistency, constructive width witnesses with certified sup-norm error,
//! lower-bound witnesses, subset-sum covering (lottery tickets) and Deep Sets' power sums.
//!
//! The exact network evaluator lives in [`network`] (values) and [`piecewise`] (1-D pieces);
//! certified errors in d dimensions in [`box_bound`].

mod box_bound;
mod common;
pub mod construct;
mod deep_sets_injective;
mod deep_sets_newton;
pub mod network;
pub mod piecewise;
mod power_sums;
mod subset_sum_counting;
mod subset_sum_extension;
mod subset_sum_lueker;
mod subset_sum_lueker_constant;
mod subset_sums;
mod targets;
mod width_bounds;
mod width_claims;
mod width_consistency;
mod width_consistency_with_v1;
pub mod width_data;
mod width_lower_witness;
mod width_witness_convex;
mod width_witness_interpolant;
mod witness_error;

pub use box_bound::{sup_error_unit_cube, SeparableQuadratic, SupBound};
pub use deep_sets_injective::DeepSetsInjective;
pub use deep_sets_newton::DeepSetsNewton;
pub use power_sums::{elementary_direct, elementary_from_power_sums, power_sums};
pub use subset_sum_counting::SubsetSumCounting;
pub use subset_sum_extension::SubsetSumExtension;
pub use subset_sum_lueker::SubsetSumLueker;
pub use subset_sum_lueker_constant::{failure_lower_bound, largest_failing_n, SubsetSumLuekerConstant};
pub use subset_sums::{covering_radius, subset_sums};
pub use width_bounds::{pairs, width_table, Bound, ClaimSet, Pair, GRID_MAX};
pub use width_claims::WidthClaims;
pub use width_consistency::WidthConsistency;
pub use width_lower_witness::WidthLowerWitness;
pub use width_witness_convex::WidthWitnessConvex;
pub use width_witness_interpolant::WidthWitnessInterpolant;
pub use witness_error::WitnessError;

use crate::engine::Theorem;

/// The family's catalogue claims.
pub fn catalogue() -> Vec<Box<dyn Theorem>> {
    vec![
        Box::new(WidthClaims::catalogue()),
        Box::new(WidthConsistency::current()),
        Box::new(width_consistency_with_v1::theorem()),
        Box::new(WidthWitnessConvex::catalogue()),
        Box::new(WidthWitnessInterpolant::catalogue()),
        Box::new(WidthLowerWitness::catalogue()),
        Box::new(SubsetSumCounting::catalogue()),
        Box::new(SubsetSumExtension::catalogue()),
        Box::new(SubsetSumLueker),
        Box::new(SubsetSumLuekerConstant::catalogue()),
        Box::new(DeepSetsNewton::catalogue()),
        Box::new(DeepSetsInjective::catalogue()),
    ]
}

/// The family's refutation fixtures (deliberately false variants).
pub fn fixtures() -> Vec<Box<dyn Theorem>> {
    vec![
        Box::new(WidthWitnessConvex::narrow()),
        Box::new(WidthWitnessConvex::sharpened()),
        Box::new(WidthWitnessInterpolant::narrow()),
        Box::new(WidthWitnessInterpolant::sharpened()),
        Box::new(WidthLowerWitness::sharpened()),
        Box::new(SubsetSumCounting::sharpened()),
        Box::new(SubsetSumExtension::sharpened()),
        Box::new(SubsetSumLuekerConstant::sharpened()),
        Box::new(DeepSetsInjective::sharpened()),
        Box::new(DeepSetsNewton::sharpened()),
        Box::new(WidthClaims::sharpened()),
    ]
}
