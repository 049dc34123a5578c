//! theoremcheck: published machine-learning theory as executable theorems.
//!
//! A claim is written once as a spec (TOML, see [`spec`]), implemented as a [`Theorem`] that
//! evaluates both sides with reference arithmetic ([`reference`]: exact rationals and MPFR
//! enclosures with directed rounding), and checked by [`check`]: instances are drawn from the
//! spec's domains with proptest, every comparison is certified or reported undecided, and a
//! counterexample is shrunk and printed in replayable form.

pub mod claim;
pub mod engine;
pub mod eval;
pub mod gate;
pub mod kernels;
pub mod reference;
pub mod registry;
pub mod report;
pub mod rng;
pub mod spec;
pub mod stats;
pub mod theorems;

pub use engine::{check, CheckOptions, CheckReport, Theorem, Verdict};
pub use gate::assert_recorded_verdict;
pub use reference::Enclosure;
pub use spec::Spec;
