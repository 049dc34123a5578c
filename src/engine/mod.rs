//! The engine: theorems, instances, generators, the runner and verdicts.

mod arbitrary;
mod check;
mod generate;
mod instance;
mod shrink;
mod theorem;
mod tightness;
mod verdict;

pub use check::{check, check_instance, decide, validate, weakest_constants, CheckError, CheckOptions, Decided, DEFAULT_SEED};
pub use generate::{instance_strategy, value_strategy};
pub use instance::{Instance, InstanceError, Value};
pub use theorem::{Comparison, EvalError, Outcome, ParamRequirement, Relation, Theorem};
pub use tightness::{tightness, TightnessRow};
pub use verdict::{enclosure_json, CheckReport, Inconclusive, Verdict, Witness};
