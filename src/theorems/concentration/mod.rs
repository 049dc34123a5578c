//! Concentration inequalities.

pub(crate) mod azuma;
pub(crate) mod bennett;
pub(crate) mod bernstein;
pub(crate) mod berry_esseen;
pub(crate) mod clopper_pearson;
pub(crate) mod empirical_bernstein;
pub(crate) mod gaussian_pushforward;
pub(crate) mod log_perplexity;
pub(crate) mod log_perplexity_cross_entropy;
pub(crate) mod mcdiarmid;
pub(crate) mod missing_mass;
pub mod model;
pub(crate) mod monofact;
pub(crate) mod poisson_binomial;
pub(crate) mod spherical_cap;
pub(crate) use model::{alphabet, law, sources};

pub use crate::reference::compositions::for_each_composition;
pub use alphabet::{missing_mass as missing_mass_of, seen_set_law};
pub use azuma::Azuma;
pub use bennett::Bennett;
pub use bernstein::Bernstein;
pub use berry_esseen::{kolmogorov_distance_to_normal, BerryEsseen};
pub use clopper_pearson::{clopper_pearson_coverage, ClopperPearson};
pub use empirical_bernstein::EmpiricalBernstein;
pub use gaussian_pushforward::GaussianPushforward;
pub use log_perplexity::LogPerplexity;
pub use log_perplexity_cross_entropy::LogPerplexityCrossEntropy;
pub use mcdiarmid::McDiarmid;
pub use missing_mass::MissingMass;
pub use monofact::Monofact;
pub use poisson_binomial::PoissonBinomial;
pub use spherical_cap::{cap_measure, SphericalCap};
