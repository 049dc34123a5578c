//! Concentration inequalities.

mod alphabet;
mod azuma;
mod bennett;
mod bernstein;
mod berry_esseen;
mod clopper_pearson;
mod compositions;
mod empirical_bernstein;
mod gaussian_pushforward;
mod law;
mod log_perplexity;
mod mcdiarmid;
mod missing_mass;
mod monofact;
mod poisson_binomial;
mod sources;
mod spherical_cap;

pub use alphabet::{missing_mass as missing_mass_of, seen_set_law};
pub use azuma::Azuma;
pub use bennett::Bennett;
pub use bernstein::Bernstein;
pub use berry_esseen::{kolmogorov_distance_to_normal, BerryEsseen};
pub use clopper_pearson::{clopper_pearson_coverage, ClopperPearson};
pub use compositions::for_each_composition;
pub use empirical_bernstein::EmpiricalBernstein;
pub use gaussian_pushforward::GaussianPushforward;
pub use log_perplexity::LogPerplexity;
pub use mcdiarmid::McDiarmid;
pub use missing_mass::MissingMass;
pub use monofact::Monofact;
pub use poisson_binomial::PoissonBinomial;
pub use spherical_cap::{cap_measure, SphericalCap};

use crate::engine::Theorem;

/// The family's catalogue claims.
pub fn catalogue() -> Vec<Box<dyn Theorem>> {
    vec![
        Box::new(Bernstein::catalogue()),
        Box::new(Bennett::catalogue()),
        Box::new(EmpiricalBernstein::catalogue()),
        Box::new(McDiarmid::catalogue()),
        Box::new(Azuma::catalogue()),
        Box::new(GaussianPushforward::catalogue()),
        Box::new(ClopperPearson::catalogue()),
        Box::new(MissingMass::catalogue()),
        Box::new(BerryEsseen::catalogue()),
        Box::new(LogPerplexity::catalogue()),
        Box::new(Monofact::catalogue()),
        Box::new(PoissonBinomial::catalogue()),
        Box::new(SphericalCap::catalogue()),
    ]
}

/// The family's refutation fixtures (deliberately false variants).
pub fn fixtures() -> Vec<Box<dyn Theorem>> {
    vec![
        Box::new(Bernstein::sharpened()),
        Box::new(Bennett::sharpened()),
        Box::new(EmpiricalBernstein::sharpened()),
        Box::new(McDiarmid::sharpened()),
        Box::new(Azuma::sharpened()),
        Box::new(GaussianPushforward::sharpened()),
        Box::new(ClopperPearson::sharpened()),
        Box::new(MissingMass::sharpened()),
        Box::new(BerryEsseen::sharpened()),
        Box::new(LogPerplexity::sharpened()),
        Box::new(Monofact::sharpened()),
        Box::new(PoissonBinomial::sharpened()),
        Box::new(SphericalCap::sharpened()),
    ]
}
