//! Concentration inequalities.

mod bernoulli;
mod chernoff_kl;
mod hoeffding;
mod hoeffding_n_squared;

pub use bernoulli::mean_tail;
pub use chernoff_kl::ChernoffKl;
pub use hoeffding::Hoeffding;
pub use hoeffding_n_squared::HoeffdingNSquared;

use crate::engine::Theorem;

/// The family's catalogue claims.
pub fn catalogue() -> Vec<Box<dyn Theorem>> {
    vec![Box::new(Hoeffding::catalogue()), Box::new(ChernoffKl)]
}

/// The family's refutation fixtures (deliberately false variants).
pub fn fixtures() -> Vec<Box<dyn Theorem>> {
    vec![Box::new(Hoeffding::sharpened()), Box::new(HoeffdingNSquared)]
}
