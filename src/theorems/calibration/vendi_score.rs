//! The range of the Vendi Score (Friedman & Dieng, "The Vendi Score: A Diversity Evaluation
//! Metric for Machine Learning", TMLR 2023, arXiv:2210.02410): `1 ≤ VS(K) ≤ n`, with `VS = n`
//! for completely dissimilar samples (`K = I`) and `VS = 1` for identical ones (`K = 11ᵀ`).
//!
//! # Statement
//! For an `n × n` positive semidefinite similarity matrix `K` with unit diagonal,
//! `VS(K) = exp(−Σ_i λ_i ln λ_i)` over the eigenvalues `λ_i` of `K/n` (`0 ln 0 = 0`), and
//! `1 ≤ VS(K) ≤ n`.
//!
//! # Formula
//! `K = X Xᵀ` for exact rational unit vectors `x_i` (inverse stereographic projection of a
//! rational point, so `K` is exact, PSD and has unit diagonal), drawn per `family`:
//! `sphere` (random directions in `ℝ^d`), `orthogonal` (`K = I`), `identical` (`K = 11ᵀ`),
//! `clusters` (each row one of `d` orthonormal directions: mutually orthogonal groups of
//! identical samples). When `K` is diagonal (spectrum `{1}ⁿ`) or has rank one (spectrum
//! `{n, 0, …}`, decided exactly: `K_ij = K_i1 K_j1`), `VS` is exactly `n` or `1`. Otherwise the
//! eigenvalues are enclosed by [`symmetric_eigenvalue_enclosures`] (Gershgorin + Ostrowski on
//! a refined floating eigenbasis) and `VS` by interval arithmetic. The check returns `VS ≥ 1`
//! when that is not certified, otherwise `VS ≤ n`. The fixture
//! `calibration.vendi_score_sharpened` claims `VS ≤ n − 1/2`, false at `K = I`.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::calibration::VendiScore;
//! use theoremcheck::reference::Decision;
//! let i = Instance::default().with("n", Value::Integer(4)).with("d", Value::Integer(3))
//!     .with("seed", Value::Integer(7)).with("family", Value::Choice("sphere".into()));
//! let Outcome::Compared(c) = VendiScore::catalogue().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True);
//! ```

use crate::engine::{Comparison, EvalError, Instance, InstanceError, Outcome, ParamRequirement, Relation, Theorem, Value};
use crate::reference::symmetric_eigen::symmetric_eigenvalue_enclosures;
use crate::reference::{Decision, Enclosure, Interval};
use crate::rng::SplitMix64;
use crate::spec::{Domain, Spec};
use rug::{Float, Rational};

/// The largest sample the check builds (an `n × n` Jacobi refinement per precision).
pub const MAX_SAMPLES: u32 = 12;
/// The largest embedding dimension.
pub const MAX_DIMENSION: u32 = 8;

/// The published range (catalogue) or an upper bound sharpened by 1/2 (fixture).
pub struct VendiScore {
    id: &'static str,
    upper_slack: Rational,
}

impl VendiScore {
    pub fn catalogue() -> Self {
        VendiScore { id: "calibration.vendi_score", upper_slack: Rational::new() }
    }
    pub fn sharpened() -> Self {
        VendiScore { id: "calibration.vendi_score_sharpened", upper_slack: Rational::from((1, 2)) }
    }
}

const PARAMETERS: [ParamRequirement; 4] =
    [ParamRequirement::integer("n"), ParamRequirement::integer("d"), ParamRequirement::integer("seed"), ParamRequirement::set("family")];

fn bounded(name: &str, value: u32, max: u32) -> Result<usize, EvalError> {
    if value == 0 || value > max {
        let target = if name == "n" { "a sample size in 1..=12" } else { "a dimension in 1..=8" };
        return Err(InstanceError::OutOfRange { name: name.into(), value: value.into(), target }.into());
    }
    Ok(value as usize)
}

/// An exact rational unit vector in `ℝ^d`: `(2t, |t|² − 1)/(|t|² + 1)` for rational `t ∈ ℚ^{d−1}`.
pub(crate) fn sphere_point(rng: &mut SplitMix64, d: usize) -> Vec<Rational> {
    let q = rng.range(1, 8) as i64;
    let t: Vec<Rational> = (1..d).map(|_| Rational::from((rng.range(0, 2 * q as u64) as i64 - q, q))).collect();
    let norm2: Rational = t.iter().map(|x| Rational::from(x * x)).sum();
    let denom = Rational::from(&norm2 + 1);
    let mut x: Vec<Rational> = t.iter().map(|ti| Rational::from(ti * 2u32) / &denom).collect();
    x.push(Rational::from(&norm2 - 1) / &denom);
    if d == 1 && rng.below(2) == 0 {
        x[0] = -x[0].clone();
    }
    x
}

fn unit(d: usize, k: usize) -> Vec<Rational> {
    (0..d).map(|j| Rational::from(u32::from(j == k))).collect()
}

/// The sample's vectors for an instance.
fn sample(instance: &Instance) -> Result<Vec<Vec<Rational>>, EvalError> {
    let n = bounded("n", instance.count("n")?, MAX_SAMPLES)?;
    let d = bounded("d", instance.count("d")?, MAX_DIMENSION)?;
    let mut rng = SplitMix64::new(instance.integer("seed")?);
    Ok(match instance.choice("family")? {
        "orthogonal" => (0..n).map(|k| unit(n, k)).collect(),
        "identical" => {
            let x = sphere_point(&mut rng, d);
            vec![x; n]
        }
        "clusters" => (0..n).map(|_| unit(d, rng.below(d as u64) as usize)).collect(),
        _ => (0..n).map(|_| sphere_point(&mut rng, d)).collect(),
    })
}

/// `K = X Xᵀ`, exact.
pub fn gram(x: &[Vec<Rational>]) -> Vec<Vec<Rational>> {
    x.iter().map(|a| x.iter().map(|b| a.iter().zip(b).map(|(u, v)| Rational::from(u * v)).sum()).collect()).collect()
}

/// `−x ln x` over `x ∈ [lo, hi] ⊂ [0, 1]`, enclosed.
fn neg_x_ln_x(x: &Interval, prec: u32) -> Interval {
    let zero = Float::with_val(prec, 0);
    if *x.lo() > 0 {
        let ln = x.ln(prec).unwrap_or_else(|| Interval::entire(prec));
        return x.mul(&ln, prec).neg();
    }
    // On [0, hi]: −x ln x ≥ 0 on [0, 1], increasing on [0, 1/e] (1/4 < 1/e), at most 1/e < 3/8.
    let top = if *x.hi() <= 0.25 {
        let hi = Interval::point(x.hi().clone());
        let ln = hi.ln(prec).unwrap_or_else(|| Interval::entire(prec));
        hi.mul(&ln, prec).neg().hi().clone()
    } else {
        Float::with_val(prec, 0.375)
    };
    Interval::new(zero, top).unwrap_or_else(|| Interval::entire(prec))
}

/// `VS(K)` for a PSD `K` with unit diagonal: exact when the spectrum is known exactly
/// (diagonal or rank one), otherwise an enclosure from certified eigenvalue enclosures.
pub fn vendi_score(k: &[Vec<Rational>], prec: u32) -> Result<Enclosure, EvalError> {
    Ok(match vendi_entropy(k, prec)? {
        VendiEntropy::LnOf(n) => Enclosure::exact(n),
        VendiEntropy::Enclosed(h) => h.exp(prec).into(),
    })
}

/// `ln VS(K)`, the entropy of the spectrum of `K/n`: `ln` of an exact score when the spectrum is
/// known exactly, otherwise an interval.
pub enum VendiEntropy {
    /// `ln n`: `VS = n` exactly (`K` diagonal; `1` for rank one).
    LnOf(u32),
    Enclosed(Interval),
}

impl VendiEntropy {
    pub fn enclosure(&self, prec: u32) -> Result<Enclosure, EvalError> {
        match self {
            VendiEntropy::LnOf(n) => Ok(Enclosure::exact(*n).ln(prec)?),
            VendiEntropy::Enclosed(h) => Ok(h.clone().into()),
        }
    }
}

/// The entropy behind [`vendi_score`].
pub fn vendi_entropy(k: &[Vec<Rational>], prec: u32) -> Result<VendiEntropy, EvalError> {
    let n = k.len();
    if n == 0 || k.iter().enumerate().any(|(i, row)| row.len() != n || row[i] != 1) {
        return Err(EvalError::reference("the similarity matrix must be square with unit diagonal"));
    }
    let diagonal = (0..n).all(|i| (0..n).all(|j| i == j || k[i][j] == 0));
    if diagonal {
        return Ok(VendiEntropy::LnOf(n as u32));
    }
    let rank_one = (0..n).all(|i| (0..n).all(|j| k[i][j] == Rational::from(&k[i][0] * &k[j][0])));
    if rank_one {
        return Ok(VendiEntropy::LnOf(1));
    }
    let lambdas = symmetric_eigenvalue_enclosures(k, prec).map_err(|e| EvalError::reference(format!("{e:?}")))?;
    let nn = Interval::from_rational(&Rational::from(n as u32), prec);
    let zero = Float::with_val(prec, 0);
    let mut entropy = Interval::point(zero.clone());
    for lambda in lambdas {
        // K is PSD with trace n: every eigenvalue lies in [0, n].
        let lo = if *lambda.lo() < 0 { zero.clone() } else { lambda.lo().clone() };
        let hi = if *lambda.hi() > *nn.hi() { nn.hi().clone() } else { lambda.hi().clone() };
        let clamped = Interval::new(lo, hi).ok_or_else(|| EvalError::reference("an eigenvalue enclosure misses [0, n]"))?;
        let mu = clamped.div(&nn, prec);
        let mu = Interval::new(if *mu.lo() < 0 { zero.clone() } else { mu.lo().clone() }, mu.hi().clone()).unwrap_or(mu);
        entropy = entropy.add(&neg_x_ln_x(&mu, prec), prec);
    }
    Ok(VendiEntropy::Enclosed(entropy))
}

impl Theorem for VendiScore {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let x = sample(instance)?;
        let n = x.len() as u32;
        let vs = vendi_score(&gram(&x), prec)?;
        let lower = Comparison::new(vs.clone(), Relation::Ge, Enclosure::one());
        if lower.decide() != Decision::True {
            return Ok(Outcome::Compared(lower));
        }
        let upper = Enclosure::exact(Rational::from(n) - &self.upper_slack);
        Ok(Outcome::Compared(Comparison::new(vs, Relation::Le, upper)))
    }

    fn edge_instances(&self, spec: &Spec) -> Vec<Instance> {
        // The equality cases the paper names, at the spec's smallest and largest sample size.
        let range = |name: &str| match spec.parameters.get(name) {
            Some(Domain::Integer { min, max, .. }) => Some((*min, *max)),
            _ => None,
        };
        let (Some((n_lo, n_hi)), Some((d_lo, d_hi))) = (range("n"), range("d")) else { return Vec::new() };
        let mut out = Vec::new();
        for n in [n_lo.max(2).min(n_hi), n_hi] {
            for family in ["orthogonal", "identical", "clusters"] {
                out.push(
                    Instance::default()
                        .with("n", Value::Integer(n))
                        .with("d", Value::Integer(d_hi.max(d_lo)))
                        .with("seed", Value::Integer(0))
                        .with("family", Value::Choice(family.into())),
                );
            }
        }
        out
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let x = sample(instance).ok()?;
        let (lo, hi) = vendi_score(&gram(&x), 128).ok()?.decimal_bounds(10);
        Some(format!("VS in [{lo}, {hi}]"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sphere_points_are_exact_unit_vectors() {
        let mut rng = SplitMix64::new(5);
        for d in 1..=5 {
            let x = sphere_point(&mut rng, d);
            assert_eq!(x.iter().map(|v| Rational::from(v * v)).sum::<Rational>(), 1);
        }
    }

    #[test]
    fn two_orthogonal_clusters_of_sizes_one_and_two_give_exp_of_their_entropy() {
        // Spectrum of K/3: {2/3, 1/3, 0}; VS = exp(H(1/3, 2/3)) = 3/2^{2/3} ≈ 1.8899.
        let x = vec![unit(2, 0), unit(2, 1), unit(2, 1)];
        let vs = vendi_score(&gram(&x), 128).unwrap();
        let (below, above) =
            (Enclosure::exact(Rational::from((18_898_815, 10_000_000))), Enclosure::exact(Rational::from((18_898_816, 10_000_000))));
        assert_eq!((below.le(&vs), vs.le(&above)), (Decision::True, Decision::True));
    }
}
