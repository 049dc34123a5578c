//! Instance generators derived from a spec's domains.
//!
//! Values are drawn inside the domain (never filtered into it), with the domain's edge points
//! weighted in, and shrink toward simple values: integers toward `min`, rationals toward small
//! denominators and toward `min`. Integer ranges with `scale = "log"` are drawn log-uniformly.

use super::instance::{Instance, Value};
use crate::spec::{Domain, OpenEnds, RationalLit, Scale, Spec};
use proptest::prelude::*;
use proptest::strategy::BoxedStrategy;
use rug::Rational;

/// The strategy for a whole instance: every parameter drawn from its domain.
pub fn instance_strategy(spec: &Spec) -> BoxedStrategy<Instance> {
    let names: Vec<String> = spec.parameters.keys().cloned().collect();
    let parts: Vec<BoxedStrategy<Value>> = spec.parameters.values().map(value_strategy).collect();
    parts.prop_map(move |values| Instance(names.iter().cloned().zip(values).collect())).boxed()
}

/// The strategy for one parameter.
pub fn value_strategy(domain: &Domain) -> BoxedStrategy<Value> {
    match domain {
        Domain::Integer { min, max, scale } => integer_strategy(*min, *max, *scale).prop_map(Value::Integer).boxed(),
        Domain::Rational { min, max, open, max_denominator } | Domain::Real { min, max, open, max_denominator } => {
            rational_strategy(min, max, *open, *max_denominator).prop_map(Value::Number).boxed()
        }
        Domain::Set { values } => proptest::sample::select(values.clone()).prop_map(Value::Choice).boxed(),
    }
}

fn integer_strategy(min: i64, max: i64, scale: Scale) -> BoxedStrategy<i64> {
    if min == max {
        return Just(min).boxed();
    }
    let body: BoxedStrategy<i64> = match scale {
        Scale::Linear => (min..=max).boxed(),
        Scale::Log => {
            // Position f/1000 along the log range; shrinking f shrinks toward min.
            let (lo, hi) = (min as f64, max as f64);
            (0u32..=1000)
                .prop_map(move |f| {
                    let v = (lo.ln() + (hi.ln() - lo.ln()) * f64::from(f) / 1000.0).exp().round() as i64;
                    v.clamp(min, max)
                })
                .boxed()
        }
    };
    prop_oneof![1 => Just(min), 1 => Just(max), 1 => Just((min + 1).min(max)), 12 => body].boxed()
}

/// `min + (max − min)·num/den` with `den ≤ max_denominator`, excluding open ends.
fn rational_strategy(min: &RationalLit, max: &RationalLit, open: OpenEnds, max_denominator: u32) -> BoxedStrategy<Rational> {
    let lo = min.0.clone();
    let span = Rational::from(&max.0 - &min.0);
    if span == 0 {
        return Just(lo).boxed();
    }
    let (lo_open, hi_open) = (open.min_open(), open.max_open());
    let smallest_den = if lo_open && hi_open { 2 } else { 1 };
    let point = {
        let (lo, span) = (lo.clone(), span.clone());
        move |num: u32, den: u32| &lo + (&span * Rational::from((num, den)))
    };
    let interior = {
        let point = point.clone();
        (smallest_den..=max_denominator.max(smallest_den))
            .prop_flat_map(move |den| {
                let first = u32::from(lo_open);
                let last = if hi_open { den - 1 } else { den };
                let point = point.clone();
                (first..=last).prop_map(move |num| point(num, den))
            })
            .boxed()
    };
    // Edge points: the closed ends themselves, or the grid points nearest to the open ends.
    let fine = max_denominator.max(2);
    let near_lo = if lo_open { point(1, fine) } else { lo.clone() };
    let near_hi = if hi_open { point(fine - 1, fine) } else { max.0.clone() };
    prop_oneof![1 => Just(near_lo), 1 => Just(near_hi), 10 => interior].boxed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::test_runner::TestRunner;

    fn draws(domain: &Domain, n: usize) -> Vec<Value> {
        let mut runner = TestRunner::deterministic();
        let s = value_strategy(domain);
        (0..n).map(|_| s.new_tree(&mut runner).unwrap().current()).collect()
    }

    #[test]
    fn open_rational_ranges_exclude_their_ends_and_reach_near_them() {
        let d = Domain::Rational {
            min: RationalLit(Rational::from(0)),
            max: RationalLit(Rational::from(1)),
            open: OpenEnds::Both,
            max_denominator: 16,
        };
        let values = draws(&d, 500);
        assert!(values.iter().all(|v| matches!(v, Value::Number(r) if d.contains_rational(r))));
        assert!(values.contains(&Value::Number(Rational::from((1, 16)))));
        assert!(values.contains(&Value::Number(Rational::from((15, 16)))));
    }

    #[test]
    fn closed_integer_ranges_hit_both_ends() {
        let d = Domain::Integer { min: 3, max: 5000, scale: Scale::Log };
        let values = draws(&d, 300);
        assert!(values.iter().all(|v| matches!(v, Value::Integer(i) if (3..=5000).contains(i))));
        assert!(values.contains(&Value::Integer(3)) && values.contains(&Value::Integer(5000)));
        // Log scale reaches small magnitudes often.
        assert!(values.iter().filter(|v| matches!(v, Value::Integer(i) if *i < 100)).count() > 60);
    }
}
