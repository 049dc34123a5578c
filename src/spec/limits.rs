//! The operand-size limits of a spec: every instance the engine may draw from a spec's domains
//! must be affordable, so the loader refuses domains and grids beyond these (a spec error with
//! its file and line, exit status 2) instead of letting `check` or `report` hang or run out of
//! memory. Each limit is at least the largest the catalogue uses, with room.

use super::{Domain, Tightness};
use rug::Rational;

/// The largest magnitude of an integer domain's ends (the catalogue's largest is 10^7).
pub const MAX_INTEGER: i64 = 10_000_000;
/// The largest `max_denominator` of a rational or real domain (the catalogue's is 10^9).
pub const MAX_DENOMINATOR: u32 = 1_000_000_000;
/// The largest number of decimal digits in a rational domain end (numerator and denominator).
pub const MAX_END_DIGITS: u64 = 40;
/// The largest number of points in a tightness grid (the product of the value counts); each
/// point is a full evaluation and a row of the report.
pub const MAX_GRID_POINTS: u64 = 10_000;
/// The largest `cases` or `search_cases` of a spec.
pub const MAX_CASES: u32 = 1_000_000;

/// Why a domain is beyond the limits, if it is.
pub fn domain_beyond_limits(domain: &Domain) -> Option<String> {
    match domain {
        Domain::Integer { min, max, .. } => {
            let worst = min.unsigned_abs().max(max.unsigned_abs());
            (worst > MAX_INTEGER.unsigned_abs())
                .then(|| format!("an end of [{min}, {max}] exceeds the supported magnitude {MAX_INTEGER} (see README, Budgets)"))
        }
        Domain::Rational { min, max, max_denominator, .. } | Domain::Real { min, max, max_denominator, .. } => {
            if *max_denominator > MAX_DENOMINATOR {
                return Some(format!("max_denominator = {max_denominator} exceeds the supported {MAX_DENOMINATOR} (see README, Budgets)"));
            }
            [&min.0, &max.0].into_iter().find(|end| digits(end) > MAX_END_DIGITS).map(|end| {
                format!(
                    "the end {} has more than {MAX_END_DIGITS} digits (see README, Budgets)",
                    crate::reference::decimal::format_rational(end)
                )
            })
        }
        Domain::Set { .. } => None,
    }
}

/// Why a tightness grid is too large, if it is.
pub fn grid_beyond_limits(tightness: &Tightness) -> Option<String> {
    let points = tightness.grid.values().fold(1u64, |acc, values| acc.saturating_mul(values.len() as u64));
    (points > MAX_GRID_POINTS)
        .then(|| format!("the tightness grid has {points} points; the supported maximum is {MAX_GRID_POINTS} (see README, Budgets)"))
}

/// Decimal digits of numerator and denominator together (an upper bound from bit lengths).
fn digits(r: &Rational) -> u64 {
    let bits = u64::from(r.numer().significant_bits()) + u64::from(r.denom().significant_bits());
    bits * 30103 / 100_000 + 1
}
