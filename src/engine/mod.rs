//! The engine: theorems, instances, generators, the runner and verdicts.

mod arbitrary;
mod check;
mod decide;
mod generate;
mod granularity;
mod instance;
mod readings;
mod runner_config;
mod search;
mod sensitivity;
mod shrink;
mod slack;
mod tally;
mod theorem;
mod tightness;
mod verdict;

pub use check::{check, check_instance, validate, weakest_constants, CheckError, CheckOptions, DEFAULT_SEED};
pub use decide::{decide, Decided};
pub use generate::{instance_strategy, value_strategy};
pub use instance::{Instance, InstanceError, Value};
pub use readings::settle_readings;
pub use search::moves;
pub use sensitivity::{default_etas, sensitivity, sharpen, Sensitivity, Trial};
pub use slack::{degenerate, relative_slack, search_objective, Range};
pub use theorem::{midpoint, Comparison, EvalError, Outcome, ParamRequirement, Relation, Theorem};
pub use tightness::{tightness, TightnessRow};
pub use verdict::{enclosure_json, CheckReport, Derived, Inconclusive, Phase, RigorLabel, Slack, Verdict, Witness};
