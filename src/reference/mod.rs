//! Reference arithmetic: exact rationals and MPFR enclosures with directed rounding.
//!
//! Every function here returns an exact value or an [`Enclosure`] that certainly contains the
//! true value; `f64` appears only to pick search points or to display, never to decide.

pub mod bennett;
pub mod binomial;
pub mod binomial_enclosure;
pub mod binomial_split;
pub mod bivariate_normal;
pub mod chi;
pub mod clopper_pearson;
pub mod compositions;
pub mod count_vectors;
pub mod decimal;
pub mod ece;
pub mod enclosure;
pub mod erfc_tail;
pub mod finite_law;
pub mod interval;
pub mod kl;
pub mod normal;
pub mod pac_bayes_bounds;
pub mod poisson_binomial;
pub mod root;
pub mod symmetric_eigen;
pub mod tail_bounds;

pub use bennett::{bennett_h, BennettError};
pub use binomial::{binomial_cdf, binomial_pmf, binomial_range_at, binomial_tail_upper, BinomialError};
pub use bivariate_normal::{diagonal_excess, probit_variance};
pub use chi::{chi_mean, chi_upper_tail};
pub use clopper_pearson::{clopper_pearson_lower, clopper_pearson_upper, ClopperPearsonError};
pub use decimal::{parse_rational, ParseNumberError};
pub use enclosure::{Decision, DomainError, Enclosure, PRECISION_LADDER};
pub use finite_law::{FiniteLaw, LawError, SumLattice};
pub use interval::Interval;
pub use kl::{kl_bernoulli, kl_inverse_lower, kl_inverse_upper, KlError};
pub use normal::normal_cdf;
pub use tail_bounds::TailBoundError;
