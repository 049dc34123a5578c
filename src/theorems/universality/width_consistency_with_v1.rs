//! The width-consistency check over every recorded result, superseded versions included (the
//! Li–Duan–Ji–Cai v1 formula among them; see [`super::WidthConsistency`]).

use super::WidthConsistency;

/// The claim `universality.width_consistency_with_v1`.
pub fn theorem() -> WidthConsistency {
    WidthConsistency::with_superseded()
}
