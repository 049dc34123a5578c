//! Finite alphabets as instance parameters, and the exact law of the set of symbols seen.
//!
//! An alphabet of up to six symbols is encoded by integer weights `w0..w5` (`w0 ≥ 1`, the rest
//! may be 0; a symbol of weight 0 has probability 0 and is dropped). For `n` i.i.d. draws the
//! probability that the set of seen symbols is exactly `S` is, by inclusion–exclusion,
//! `Σ_{T ⊆ S} (−1)^{|S|−|T|} p(T)^n`, an exact rational for every `n`.

use crate::engine::{EvalError, Instance, ParamRequirement};
use crate::reference::decimal::format_rational;
use rug::ops::Pow;
use rug::Rational;

const WEIGHTS: [&str; 6] = ["w0", "w1", "w2", "w3", "w4", "w5"];

/// The six weight parameters.
pub const SYMBOL_PARAMETERS: [ParamRequirement; 6] = [
    ParamRequirement::integer("w0"),
    ParamRequirement::integer("w1"),
    ParamRequirement::integer("w2"),
    ParamRequirement::integer("w3"),
    ParamRequirement::integer("w4"),
    ParamRequirement::integer("w5"),
];

/// The positive symbol probabilities an instance encodes.
pub fn read_alphabet(instance: &Instance) -> Result<Vec<Rational>, EvalError> {
    let weights = WEIGHTS.iter().map(|w| instance.count(w).map(u64::from)).collect::<Result<Vec<_>, _>>()?;
    let total: u64 = weights.iter().sum();
    if total == 0 {
        return Err(EvalError::reference(crate::reference::LawError::ZeroTotalWeight));
    }
    Ok(weights.into_iter().filter(|w| *w > 0).map(|w| Rational::from((w, total))).collect())
}

pub fn describe_alphabet(p: &[Rational]) -> String {
    let parts: Vec<String> = p.iter().map(format_rational).collect();
    format!("p = ({})", parts.join(", "))
}

/// `(S, P(seen set = S))` for every non-empty `S` (a bit mask over `p`) of positive probability.
pub fn seen_set_law(p: &[Rational], n: u32) -> Vec<(usize, Rational)> {
    let (law, total) = seen_set_counts(p, n);
    law.into_iter().map(|(s, c)| (s, Rational::from((c, total.clone())))).collect()
}

/// As [`seen_set_law`], with each probability given as an integer count over the returned
/// total `W^n` (no rational normalisation, which costs a gcd of `n·log W`-bit numbers each).
pub fn seen_set_counts(p: &[Rational], n: u32) -> (Vec<(usize, rug::Integer)>, rug::Integer) {
    let k = p.len();
    // Integer weights over a common denominator W, so that every p(T)^n = s_T^n / W^n and the
    // inclusion–exclusion runs in integers (rational additions would pay a gcd each time).
    let mut den = rug::Integer::from(1);
    for q in p {
        den.lcm_mut(q.denom());
    }
    let weights: Vec<rug::Integer> = p.iter().map(|q| Rational::from(q * &den).numer().clone()).collect();
    let total = rug::Integer::from((&den).pow(n));
    let powers: Vec<rug::Integer> = (0..1usize << k)
        .map(|t| {
            let mass: rug::Integer = (0..k).filter(|j| t >> j & 1 == 1).map(|j| weights[j].clone()).sum();
            mass.pow(n)
        })
        .collect();
    let mut law = Vec::new();
    for s in 1..1usize << k {
        let mut count = rug::Integer::new();
        // Subsets T of S, including S itself; the empty set has p(∅)^n = 0 for n ≥ 1.
        let mut t = s;
        loop {
            if (s.count_ones() - t.count_ones()) % 2 == 1 {
                count -= &powers[t];
            } else {
                count += &powers[t];
            }
            if t == 0 {
                break;
            }
            t = (t - 1) & s;
        }
        if count != 0 {
            law.push((s, count));
        }
    }
    (law, total)
}

/// The spec's strategy with `n` pulled log-proportionally below `cap`: the seen-set law costs
/// gcd-free big-integer work growing like `n²`, so random draws stay at `n ≤ cap` while replays
/// and tightness grids may use the whole domain.
pub fn capped_n_strategy(spec: &crate::spec::Spec, cap: i64) -> proptest::strategy::BoxedStrategy<Instance> {
    use proptest::strategy::Strategy;
    let (min_n, max_n) = match spec.parameters.get("n") {
        Some(crate::spec::Domain::Integer { min, max, .. }) => (*min, *max),
        _ => (1, 1),
    };
    crate::engine::instance_strategy(spec)
        .prop_map(move |instance| match instance.integer("n") {
            Ok(n) if n > cap && max_n > cap => {
                let scaled = ((n as f64).ln() * (cap as f64).ln() / (max_n as f64).ln()).exp().round() as i64;
                instance.with("n", crate::engine::Value::Integer(scaled.clamp(min_n, cap)))
            }
            _ => instance,
        })
        .boxed()
}

/// The missing mass `Σ_{j ∉ S} p_j`.
pub fn missing_mass(p: &[Rational], seen: usize) -> Rational {
    (0..p.len()).filter(|j| seen >> j & 1 == 0).map(|j| p[j].clone()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seen_set_law_is_a_law_with_the_right_missing_mass() {
        let p = vec![Rational::from((1, 2)), Rational::from((1, 3)), Rational::from((1, 6))];
        for n in [1, 2, 5, 40] {
            let law = seen_set_law(&p, n);
            let total: Rational = law.iter().map(|(_, q)| q.clone()).sum();
            assert_eq!(total, 1);
            // E M = Σ p_j (1 − p_j)^n.
            let em: Rational = law.iter().map(|(s, q)| missing_mass(&p, *s) * q).sum();
            let closed: Rational = p.iter().map(|pj| pj * Rational::from(1 - pj).pow(n)).sum();
            assert_eq!(em, closed);
        }
    }
}
