//! Support code of the `universality` claims: the models and enumerations they share. The family
//! folder holds only claim files.

pub(crate) mod box_bound;
pub(crate) mod common;
pub mod construct;
pub mod network;
pub mod piecewise;
pub(crate) mod power_sums;
pub(crate) mod subset_sum_cover;
pub(crate) mod subset_sums;
pub(crate) mod targets;
pub(crate) mod width_bounds;
pub mod width_data;
pub(crate) mod witness_error;
