//! Lueker / Pensia et al. with an explicit constant, tested statistically: do
//! `n ≥ C·log₂(2/ε)` i.i.d. Uniform[−1, 1] samples ε-cover `[−1, 1]` by subset sums with
//! probability at least `1 − ε`?
//!
//! `universality.subset_sum_lueker_constant` bounds `C` from below with exact failure
//! probabilities (a necessary condition); this reading tests the claim itself at a declared `C`,
//! the direction exact counting cannot reach at the sample sizes that matter.
//!
//! # Statement
//! `X_1..X_n` i.i.d. Uniform[−1, 1], `n ≥ C·log₂(2/ε)`: with probability `≥ 1 − ε`, every
//! `z ∈ [−1, 1]` is within `ε` of `Σ_{i∈S} X_i` for some `S ⊆ [n]`.
//!
//! # Formula
//! - **Which n.** The failure probability `P_n(ε)` does not increase with `n` (more samples only
//!   add sums, under the coupling that keeps the first `n`), so the claim at `ε` is the claim at
//!   the smallest admissible `n = ⌈C·log₂(2/ε)⌉`, found exactly (`2^{n·b} ≥ (2/ε)^a` for
//!   `C = a/b`).
//! - **Draws.** [`DRAWS`] sample sets, seeded by ε alone (common draws for every `C`), on the
//!   grid `δ = 2^−32`: `X′ = δ⌊X/δ⌋` is exactly uniform on the grid, and `X = X′ + δU` with `U`
//!   uniform on `[0, 1)^n` is exactly Uniform[−1, 1]. Subset sums of `X` and `X′` differ by less
//!   than `nδ`, so `X′` failing at `ε + nδ` implies `X` fails at `ε` (a *certain* failure), and
//!   `X` failing at `ε` implies `X′` fails at `ε − nδ` (a *possible* one). Each cover is decided
//!   exactly in integers ([`crate::theorems::universality::model::subset_sum_cover`]); a set
//!   whose intervals exceed the cap counts as possible, not certain.
//! - **Test.** The exact one-sided binomial test of `P_n(ε) ≤ ε` at level
//!   `α = 10⁻⁶/`[`INSTANCES`]` = 10⁻¹⁰`. Certain failures are stochastically at most
//!   `Bin(DRAWS, P_n(ε))`, so a true claim is rejected at an instance with probability `≤ α`;
//!   its p-value is enclosed between those of the certain and the possible counts. The claim at
//!   an instance is `p-value > α`. With at most [`INSTANCES`] instances evaluated per run, a
//!   true claim is refuted anywhere with probability at most 10⁻⁶.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::universality::SubsetSumLuekerSufficiency;
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! // At ε = 1/10 and C = 2, n = ⌈2·log₂ 20⌉ = 9 samples fail to cover about 19 % of the time.
//! let i = Instance::default().with("eps", Value::Number(Rational::from((1, 10))));
//! let c = Instance::default().with("C", Value::Number(Rational::from(2)));
//! let Outcome::Compared(cmp) = SubsetSumLuekerSufficiency::catalogue().evaluate(&i, &c, 64).unwrap() else { panic!() };
//! assert_eq!(cmp.decide(), Decision::False);
//! ```

use super::model::subset_sum_cover::covers;
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;
use crate::rng::SplitMix64;
use crate::stats::{failure_rate_p_value_between, AlphaBudget};
use rug::ops::Pow;
use rug::{Integer, Rational};

/// Sample sets drawn per instance.
pub const DRAWS: u32 = 1000;
/// Instances the suite's α is split over.
pub const INSTANCES: u32 = 10_000;
/// The sample grid is `2^−GRID_BITS`.
const GRID_BITS: u32 = 32;
/// The largest `n` evaluated (a larger one is reported as beyond the check's budget).
pub const MAX_SAMPLES: u32 = 4096;
/// The largest numerator and denominator of `C` (the exact test of `n` raises `2/ε` to the
/// numerator and 2 to `n` times the denominator, at most 4097·10⁴ bits).
const MAX_CONSTANT_PART: u32 = 10_000;
/// Intervals kept per cover decision before a draw is counted as undecided.
const MAX_INTERVALS: usize = 1 << 20;
const PREC: u32 = 64;

/// `P_n(ε) ≤ ε` at `n = ⌈C·log₂(2/ε)⌉`.
pub struct SubsetSumLuekerSufficiency {
    id: &'static str,
}

impl SubsetSumLuekerSufficiency {
    pub fn catalogue() -> Self {
        SubsetSumLuekerSufficiency { id: "universality.subset_sum_lueker_sufficiency" }
    }
    /// The same test with the constant's range capped at 2 (deliberately false).
    pub fn sharpened() -> Self {
        SubsetSumLuekerSufficiency { id: "universality.subset_sum_lueker_sufficiency_sharpened" }
    }
}

const PARAMETERS: [ParamRequirement; 1] = [ParamRequirement::number("eps")];

/// The smallest `n ≥ 0` with `n ≥ C·log₂(2/ε)`, exactly; `None` beyond [`MAX_SAMPLES`] or when
/// `C`'s numerator or denominator exceeds [`MAX_CONSTANT_PART`].
pub fn samples_needed(c: &Rational, eps: &Rational) -> Option<u32> {
    if *c <= 0 {
        return Some(0);
    }
    let a = c.numer().to_u32().filter(|a| *a <= MAX_CONSTANT_PART)?;
    let b = c.denom().to_u32().filter(|b| *b <= MAX_CONSTANT_PART)?;
    let x: Rational = 2 / eps.clone();
    let (u, v) = (Integer::from(x.numer()).pow(a), Integer::from(x.denom()).pow(a));
    // n ≥ C·log₂ x ⇔ 2^{n·b}·v^a ≥ u^a.
    let admissible = |n: u32| -> bool { (Integer::from(1) << (n * b)) * &v >= u };
    let guess = (c.to_f64() * x.to_f64().log2()).ceil();
    if !(guess.is_finite() && guess <= f64::from(MAX_SAMPLES) + 1.0) {
        return None;
    }
    // The f64 guess is within one of the exact n; the loops only correct its rounding, and the
    // first stops by MAX_SAMPLES + 2 (so n·b stays below 2^32).
    let mut n = guess.max(0.0) as u32;
    while !admissible(n) {
        n += 1;
        if n > MAX_SAMPLES + 1 {
            return None;
        }
    }
    while n > 0 && admissible(n - 1) {
        n -= 1;
    }
    (n <= MAX_SAMPLES).then_some(n)
}

/// Certain and possible failures to ε-cover among [`DRAWS`] seeded sample sets of size `n`.
pub fn count_failures(eps: &Rational, n: u32) -> Result<(u32, u32), EvalError> {
    let (p, q) = (Integer::from(eps.numer()), Integer::from(eps.denom()));
    let to_i128 =
        |i: Integer| i.to_i128().ok_or_else(|| EvalError::reference(format!("ε = {eps} has too large a numerator or denominator")));
    let q = to_i128(q)?;
    let eps_units = to_i128(p << GRID_BITS)?;
    // Units of δ/q: a grid point a·δ is a·q, 1 is q·2^32, ε is p·2^32, nδ is n·q.
    let one = q.checked_shl(GRID_BITS).ok_or_else(|| EvalError::reference("ε's denominator is too large"))?;
    let slack = i128::from(n) * q;
    if eps_units <= slack {
        return Err(EvalError::reference(format!("ε = {eps} is too small for the 2^-32 sample grid at n = {n}")));
    }
    let mut rng = SplitMix64::from_state(seed_of(eps));
    let (mut certain, mut possible) = (0, 0);
    let mut samples = Vec::with_capacity(n as usize);
    for _ in 0..DRAWS {
        samples.clear();
        samples.extend((0..n).map(|_| ((rng.next_u64() >> (63 - GRID_BITS)) as i128 - (1i128 << GRID_BITS)) * q));
        match covers(&samples, eps_units - slack, one, MAX_INTERVALS) {
            Ok(true) => {}
            Ok(false) | Err(_) => {
                possible += 1;
                if covers(&samples, eps_units + slack, one, MAX_INTERVALS) == Ok(false) {
                    certain += 1;
                }
            }
        }
    }
    Ok((certain, possible))
}

/// The draws' seed: a function of ε alone, so every constant sees the same sample sets.
fn seed_of(eps: &Rational) -> u64 {
    let text = format!("subset_sum_lueker_sufficiency {eps}");
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3))
}

impl Theorem for SubsetSumLuekerSufficiency {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn constants(&self) -> &[&'static str] {
        &["C"]
    }

    fn evaluate(&self, instance: &Instance, constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        let eps = instance.number("eps")?.clone();
        if eps <= 0 || eps >= 1 {
            return Err(EvalError::reference(format!("ε must lie in (0, 1), got {eps}")));
        }
        let c = constants.number("C")?;
        let Some(n) = samples_needed(c, &eps) else {
            return Ok(Outcome::Unevaluable {
                reason: format!("C·log₂(2/ε) exceeds the {MAX_SAMPLES} samples this check draws, or C = {c} has a numerator or denominator above {MAX_CONSTANT_PART}"),
                retry: false,
            });
        };
        let (certain, possible) = count_failures(&eps, n)?;
        let alpha = AlphaBudget::default().per_test(INSTANCES).map_err(EvalError::reference)?;
        let p = failure_rate_p_value_between(DRAWS, certain, possible, &eps, &alpha, PREC).map_err(EvalError::reference)?;
        Ok(Outcome::Compared(Comparison::new(p, Relation::Gt, Enclosure::exact(alpha))))
    }

    fn statistical(&self) -> bool {
        true
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let eps = instance.number("eps").ok()?;
        let log2 = (2.0 / eps.to_f64()).log2();
        Some(format!("n = ⌈C·log₂(2/ε)⌉ = ⌈C·{log2:.4}⌉, {DRAWS} draws, α = 10⁻¹⁰"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_needed_is_the_exact_ceiling() {
        let eps = Rational::from((1, 2));
        // log₂ 4 = 2 exactly: C = 5/2 needs exactly 5, C = 2 exactly 4.
        assert_eq!(samples_needed(&Rational::from((5, 2)), &eps), Some(5));
        assert_eq!(samples_needed(&Rational::from(2), &eps), Some(4));
        // log₂ 20 = 4.3219…: C = 2 needs 9, C = 5/2 needs 11.
        let eps = Rational::from((1, 10));
        assert_eq!(samples_needed(&Rational::from(2), &eps), Some(9));
        assert_eq!(samples_needed(&Rational::from((5, 2)), &eps), Some(11));
        assert_eq!(samples_needed(&Rational::from(0), &eps), Some(0));
        assert_eq!(samples_needed(&Rational::from(10_000), &eps), None);
        // A constant too fine to test exactly is refused, not looped on.
        assert_eq!(samples_needed(&Rational::from((1, u32::MAX)), &eps), None);
        assert_eq!(samples_needed(&Rational::from((5_000_001, 2_000_000)), &eps), None);
    }

    #[test]
    fn the_failure_counts_bracket_a_known_rate() {
        // n = 1 sample never 1/4-covers [−1, 1] (two sums, each covering width 1/2).
        let (certain, possible) = count_failures(&Rational::from((1, 4)), 1).unwrap();
        assert_eq!((certain, possible), (DRAWS, DRAWS));
        // ε = 1/2, n = 5: about 31 % fail (float survey: 0.307 at 2000 draws).
        let (certain, possible) = count_failures(&Rational::from((1, 2)), 5).unwrap();
        assert!(certain <= possible && (250..370).contains(&certain), "{certain} {possible}");
    }
}
