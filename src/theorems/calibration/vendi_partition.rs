//! The Vendi Score of a union of mutually dissimilar groups (Friedman & Dieng, "The Vendi Score",
//! TMLR 2023): `VS(X) = exp(H(p))·∏_i VS(X_i)^{p_i}`, `p_i = |X_i|/|X|`, certified to a stated
//! tolerance.
//!
//! # Statement
//! If a sample `X` is the union of groups `X_1..X_g` with zero similarity between samples of
//! different groups, then `ln VS(X) = H(p) + Σ_i p_i ln VS(X_i)`: the score of the union is the
//! effective number of groups times the weighted geometric mean of the groups' scores. (Why: `K`
//! is block diagonal, so the spectrum of `K/n` is the union of the spectra of `K_i/n_i` scaled by
//! `p_i`, and the entropy splits.) With groups of identical samples, `VS(X) = exp(H(p))`.
//!
//! # Formula
//! Group `i` consists of `n_i` exact rational unit vectors in its own block of `d` coordinates
//! (so samples in different groups are exactly orthogonal), drawn per `family`: `sphere`
//! (random directions) or `identical` (one direction repeated). Both sides are computed from
//! their definitions without using the block structure: `ln VS(X)` from certified eigenvalue
//! enclosures of the whole `n × n` matrix, each `ln VS(X_i)` from its own block. An equality of
//! two enclosures cannot be certified, so the identity is checked as
//! `|ln VS(X) − H(p) − Σ p_i ln VS(X_i)| ≤ 10⁻¹²` (the residual's enclosure is far narrower). The
//! twin `calibration.vendi_partition_sum` claims the naive `VS(X) = Σ_i VS(X_i)`, false for groups
//! of unequal size or diversity.

use super::vendi_score::{gram, sphere_point, vendi_entropy};
use crate::engine::{Comparison, EvalError, Instance, InstanceError, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::ece::enclosure_abs;
use crate::reference::Enclosure;
use crate::rng::SplitMix64;
use rug::Rational;

/// The most groups.
pub const MAX_GROUPS: u32 = 3;
/// The largest group.
pub const MAX_GROUP_SIZE: u32 = 4;
/// Coordinates per group.
pub const MAX_GROUP_DIMENSION: u32 = 3;

/// The tolerance of the certified identity, `10⁻¹²`.
fn tolerance() -> Rational {
    Rational::from((1, 1_000_000_000_000u64))
}

/// The partition identity (catalogue) or the naive sum (twin).
pub struct VendiPartition {
    id: &'static str,
    naive_sum: bool,
}

impl VendiPartition {
    pub fn catalogue() -> Self {
        VendiPartition { id: "calibration.vendi_partition", naive_sum: false }
    }

    /// `VS(X) = Σ_i VS(X_i)`: false.
    pub fn naive_sum() -> Self {
        VendiPartition { id: "calibration.vendi_partition_sum", naive_sum: true }
    }
}

const SIZES: [&str; MAX_GROUPS as usize] = ["n1", "n2", "n3"];

const PARAMETERS: [ParamRequirement; 7] = [
    ParamRequirement::integer("g"),
    ParamRequirement::integer("n1"),
    ParamRequirement::integer("n2"),
    ParamRequirement::integer("n3"),
    ParamRequirement::integer("d"),
    ParamRequirement::integer("seed"),
    ParamRequirement::set("family"),
];

fn bounded(instance: &Instance, name: &str, max: u32, target: &'static str) -> Result<usize, EvalError> {
    let value = instance.count(name)?;
    if value == 0 || value > max {
        return Err(InstanceError::OutOfRange { name: name.into(), value: value.into(), target }.into());
    }
    Ok(value as usize)
}

/// The groups' vectors, each group in its own block of `d` coordinates of `ℝ^{g·d}`.
fn groups(instance: &Instance) -> Result<Vec<Vec<Vec<Rational>>>, EvalError> {
    let g = bounded(instance, "g", MAX_GROUPS, "a number of groups in 1..=3")?;
    let d = bounded(instance, "d", MAX_GROUP_DIMENSION, "a group dimension in 1..=3")?;
    let identical = instance.choice("family")? == "identical";
    let mut rng = SplitMix64::new(instance.integer("seed")?);
    let mut out = Vec::with_capacity(g);
    for (i, size) in SIZES[..g].iter().enumerate() {
        let size = bounded(instance, size, MAX_GROUP_SIZE, "a group size in 1..=4")?;
        let embed = |v: Vec<Rational>| {
            let mut x = vec![Rational::new(); g * d];
            for (j, c) in v.into_iter().enumerate() {
                x[i * d + j] = c;
            }
            x
        };
        let group: Vec<Vec<Rational>> = if identical {
            let v = embed(sphere_point(&mut rng, d));
            vec![v; size]
        } else {
            (0..size).map(|_| embed(sphere_point(&mut rng, d))).collect()
        };
        out.push(group);
    }
    Ok(out)
}

impl Theorem for VendiPartition {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let groups = groups(instance)?;
        let union: Vec<Vec<Rational>> = groups.iter().flatten().cloned().collect();
        let n = union.len() as u32;
        let whole = vendi_entropy(&gram(&union), prec)?.enclosure(prec)?;
        let mut predicted = Enclosure::zero();
        let mut naive = Enclosure::zero();
        for group in &groups {
            let p = Enclosure::exact(Rational::from((group.len() as u32, n)));
            let h = vendi_entropy(&gram(group), prec)?.enclosure(prec)?;
            // −p ln p + p·ln VS(X_i).
            let term = p.mul(&h.sub(&p.ln(prec)?, prec), prec);
            predicted = predicted.add(&term, prec);
            naive = naive.add(&h.exp(prec), prec);
        }
        let claimed = if self.naive_sum { naive.ln(prec)? } else { predicted };
        let residual = enclosure_abs(&whole.sub(&claimed, prec), prec);
        Ok(Outcome::Compared(Comparison::new(residual, Relation::Le, Enclosure::exact(tolerance()))))
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let groups = groups(instance).ok()?;
        let union: Vec<Vec<Rational>> = groups.iter().flatten().cloned().collect();
        let vs = vendi_entropy(&gram(&union), 128).ok()?.enclosure(128).ok()?.exp(128);
        let (lo, hi) = vs.decimal_bounds(10);
        let sizes: Vec<String> = groups.iter().map(|g| g.len().to_string()).collect();
        Some(format!("groups of sizes ({}), VS(X) in [{lo}, {hi}]", sizes.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Value;
    use crate::reference::Decision;

    fn instance(g: i64, sizes: [i64; 3], family: &str) -> Instance {
        Instance::default()
            .with("g", Value::Integer(g))
            .with("n1", Value::Integer(sizes[0]))
            .with("n2", Value::Integer(sizes[1]))
            .with("n3", Value::Integer(sizes[2]))
            .with("d", Value::Integer(2))
            .with("seed", Value::Integer(11))
            .with("family", Value::Choice(family.into()))
    }

    fn decide(theorem: &VendiPartition, at: &Instance) -> Decision {
        let Outcome::Compared(c) = theorem.evaluate(at, &Instance::default(), 128).unwrap() else { panic!("not compared") };
        c.decide()
    }

    #[test]
    fn the_identity_holds_and_the_naive_sum_fails_on_unequal_identical_groups() {
        // Groups of 1 and 2 identical samples: VS = exp(H(1/3, 2/3)) ≈ 1.89, Σ VS_i = 2.
        let at = instance(2, [1, 2, 1], "identical");
        assert_eq!(decide(&VendiPartition::catalogue(), &at), Decision::True);
        assert_eq!(decide(&VendiPartition::naive_sum(), &at), Decision::False);
    }

    #[test]
    fn the_identity_holds_for_random_directions_in_three_groups() {
        assert_eq!(decide(&VendiPartition::catalogue(), &instance(3, [4, 3, 2], "sphere")), Decision::True);
    }

    #[test]
    fn samples_of_different_groups_are_exactly_orthogonal() {
        let groups = groups(&instance(3, [2, 2, 2], "sphere")).unwrap();
        let k = gram(&groups.concat());
        for (i, row) in k.iter().enumerate() {
            for (j, v) in row.iter().enumerate() {
                if i / 2 != j / 2 {
                    assert_eq!(*v, 0);
                }
            }
        }
    }
}
