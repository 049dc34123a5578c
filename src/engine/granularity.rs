//! The finest grid of a rational or real domain that the engine ever evaluates.
//!
//! Random draws use denominators up to the domain's `max_denominator`, the targeted search steps
//! of `span/(max_denominator·k)` for `k` up to 256; nothing finer is ever evaluated, so the cost
//! a spec author budgets with `max_denominator` holds for every instance. A replayed instance
//! must lie on the same grid: an in-range value with a huge denominator (a 1000-digit `p`) would
//! otherwise cost minutes, or overflow the floating-point parts of a theorem.

use super::search::FINER;
use crate::spec::Domain;
use rug::Rational;

/// The largest denominator the engine evaluates in `domain` (`None` for integer and set domains).
pub fn finest_denominator(domain: &Domain) -> Option<u64> {
    match domain {
        Domain::Rational { min, max, max_denominator, .. } | Domain::Real { min, max, max_denominator, .. } => {
            let span = Rational::from(&max.0 - &min.0);
            let finest = u64::from(*max_denominator) * u64::from(FINER[FINER.len() - 1]);
            Some(finest.saturating_mul(span.denom().to_u64().unwrap_or(1)))
        }
        _ => None,
    }
}

/// Whether `value` lies on the finest grid of `domain`.
pub fn on_grid(domain: &Domain, value: &Rational) -> bool {
    finest_denominator(domain).is_none_or(|finest| value.denom().to_u64().is_some_and(|d| d <= finest))
}
