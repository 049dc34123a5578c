//! Expected calibration error (top-label), exact in rationals.
//!
//! # Convention (CATALOGUE.md, `calibration`)
//! `B` equal-width bins with exact rational edges `j/B`. Bin `j` (0-based) is `(j/B, (j+1)/B]`,
//! except bin 0, which is closed at 0: `[0, 1/B]`. So a confidence `c` falls in bin
//! `max(⌈cB⌉ − 1, 0)`. Empty bins are skipped.
//!
//! # Formula
//! For weighted atoms `(m_a, c_a, r_a)` (mass, top-label confidence, probability that the top
//! label is correct), with `M = Σ m_a`:
//! `ECE_B = Σ_b |Σ_{a ∈ b} m_a (r_a − c_a)| / M` and
//! `MCE_B = max_{b : mass_b > 0} |Σ_{a∈b} m_a r_a / mass_b − Σ_{a∈b} m_a c_a / mass_b|`.
//! The sample ECE on `n` points is the population ECE of `n` atoms of mass 1 with `r ∈ {0, 1}`.
//!
//! # Examples
//! ```
//! use theoremcheck::reference::ece::{sample_ece, bin_of};
//! use rug::Rational;
//! let conf = [Rational::from((9, 10)), Rational::from((9, 10)), Rational::from((3, 10))];
//! // bin 8 = (0.8, 0.9]: accuracy 1/2 vs confidence 9/10; bin 2: accuracy 0 vs 3/10.
//! let ece = sample_ece(&conf, &[true, false, false], 10).unwrap();
//! assert_eq!(ece, Rational::from((2, 3)) * Rational::from((4, 10)) + Rational::from((1, 3)) * Rational::from((3, 10)));
//! assert_eq!(bin_of(&Rational::from(0), 10), 0);
//! assert_eq!(bin_of(&Rational::from((1, 10)), 10), 0);
//! ```

use super::Enclosure;
use super::Interval;
use rug::{Float, Rational};
use std::collections::BTreeMap;
use thiserror::Error;

/// Why an ECE input is refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum EceError {
    #[error("the number of bins must be at least 1, got 0")]
    ZeroBins,
    #[error("'conf' has {conf} entries but 'correct' has {correct}: the arrays must have the same length")]
    LengthMismatch { conf: usize, correct: usize },
    #[error("there are no points: ECE of an empty sample is undefined")]
    Empty,
    #[error("confidence at index {index} is {value}, outside [0, 1]")]
    ConfidenceOutOfRange { index: usize, value: String },
    #[error("confidence at index {index} is NaN or infinite")]
    NotANumber { index: usize },
    #[error("'correct' at index {index} is {value}; it must be 0 or 1")]
    NotABit { index: usize, value: String },
    #[error("mass at index {index} is {value}; masses must be non-negative")]
    NegativeMass { index: usize, value: String },
    #[error("probability of a correct top label at index {index} is {value}, outside [0, 1]")]
    AccuracyOutOfRange { index: usize, value: String },
    #[error("the atoms have total mass 0")]
    ZeroMass,
}

fn show(r: &Rational) -> String {
    super::decimal::format_rational(r)
}

/// The bin of confidence `c ∈ [0, 1]` among `bins` bins: `max(⌈c·B⌉ − 1, 0)`.
pub fn bin_of(c: &Rational, bins: u32) -> u32 {
    // bins = 0 is refused by every caller; read as one bin so a stray call cannot panic.
    let bins = bins.max(1);
    let scaled = Rational::from(c * bins).ceil();
    let j = scaled.numer().to_i64().unwrap_or(i64::MAX) - 1;
    j.clamp(0, i64::from(bins) - 1) as u32
}

/// The edges `(lo, hi)` of bin `j`.
pub fn bin_edges(j: u32, bins: u32) -> (Rational, Rational) {
    let bins = bins.max(1); // as in `bin_of`
    (Rational::from((j, bins)), Rational::from((j + 1, bins)))
}

/// A predictor's atom: probability mass, top-label confidence, probability the top label is right.
#[derive(Clone, Debug, PartialEq)]
pub struct Atom {
    pub mass: Rational,
    pub confidence: Rational,
    pub accuracy: Rational,
}

/// One non-empty bin of a reliability diagram.
#[derive(Clone, Debug, PartialEq)]
pub struct BinSummary {
    pub bin: u32,
    pub lo: Rational,
    pub hi: Rational,
    /// The bin's share of the total mass (for a sample: count / n).
    pub weight: Rational,
    pub mean_confidence: Rational,
    pub accuracy: Rational,
}

fn validate_atoms(atoms: &[Atom], bins: u32) -> Result<Rational, EceError> {
    if bins == 0 {
        return Err(EceError::ZeroBins);
    }
    if atoms.is_empty() {
        return Err(EceError::Empty);
    }
    let mut total = Rational::new();
    for (index, a) in atoms.iter().enumerate() {
        if a.mass < 0 {
            return Err(EceError::NegativeMass { index, value: show(&a.mass) });
        }
        if !(0..=1).contains(&a.confidence) {
            return Err(EceError::ConfidenceOutOfRange { index, value: show(&a.confidence) });
        }
        if !(0..=1).contains(&a.accuracy) {
            return Err(EceError::AccuracyOutOfRange { index, value: show(&a.accuracy) });
        }
        total += &a.mass;
    }
    if total == 0 {
        return Err(EceError::ZeroMass);
    }
    Ok(total)
}

/// The reliability diagram of a population: one entry per bin with positive mass, in bin order.
pub fn population_reliability(atoms: &[Atom], bins: u32) -> Result<Vec<BinSummary>, EceError> {
    let total = validate_atoms(atoms, bins)?;
    // Per bin: (mass, Σ m·c, Σ m·r).
    let mut sums: BTreeMap<u32, (Rational, Rational, Rational)> = BTreeMap::new();
    for a in atoms.iter().filter(|a| a.mass > 0) {
        let entry = sums.entry(bin_of(&a.confidence, bins)).or_default();
        entry.0 += &a.mass;
        entry.1 += Rational::from(&a.mass * &a.confidence);
        entry.2 += Rational::from(&a.mass * &a.accuracy);
    }
    Ok(sums
        .into_iter()
        .map(|(bin, (mass, mc, mr))| {
            let (lo, hi) = bin_edges(bin, bins);
            BinSummary {
                bin,
                lo,
                hi,
                weight: Rational::from(&mass / &total),
                mean_confidence: Rational::from(&mc / &mass),
                accuracy: Rational::from(&mr / &mass),
            }
        })
        .collect())
}

/// Population ECE with `bins` bins, exact.
pub fn population_ece(atoms: &[Atom], bins: u32) -> Result<Rational, EceError> {
    let diagram = population_reliability(atoms, bins)?;
    Ok(diagram.iter().map(|b| &b.weight * Rational::from(&b.accuracy - &b.mean_confidence).abs()).sum())
}

/// Population maximum calibration error over non-empty bins, exact.
pub fn population_mce(atoms: &[Atom], bins: u32) -> Result<Rational, EceError> {
    let diagram = population_reliability(atoms, bins)?;
    Ok(diagram.iter().map(|b| Rational::from(&b.accuracy - &b.mean_confidence).abs()).max().unwrap_or_default())
}

/// The canonical (unbinned) top-label calibration error `E|P(correct | conf) − conf|`, grouping
/// atoms by exact confidence value.
pub fn population_calibration_error(atoms: &[Atom]) -> Result<Rational, EceError> {
    let total = validate_atoms(atoms, 1)?;
    let mut groups: BTreeMap<Rational, Rational> = BTreeMap::new();
    for a in atoms {
        *groups.entry(a.confidence.clone()).or_default() += &a.mass * Rational::from(&a.accuracy - &a.confidence);
    }
    Ok(groups.into_values().map(Rational::abs).sum::<Rational>() / total)
}

fn sample_atoms(conf: &[Rational], correct: &[bool], bins: u32) -> Result<Vec<Atom>, EceError> {
    if bins == 0 {
        return Err(EceError::ZeroBins);
    }
    if conf.len() != correct.len() {
        return Err(EceError::LengthMismatch { conf: conf.len(), correct: correct.len() });
    }
    Ok(conf
        .iter()
        .zip(correct)
        .map(|(c, &ok)| Atom { mass: Rational::from(1), confidence: c.clone(), accuracy: Rational::from(u8::from(ok)) })
        .collect())
}

/// Sample ECE of `n` predictions with top-label confidences `conf` and correctness `correct`.
pub fn sample_ece(conf: &[Rational], correct: &[bool], bins: u32) -> Result<Rational, EceError> {
    population_ece(&sample_atoms(conf, correct, bins)?, bins)
}

/// Sample maximum calibration error.
pub fn sample_mce(conf: &[Rational], correct: &[bool], bins: u32) -> Result<Rational, EceError> {
    population_mce(&sample_atoms(conf, correct, bins)?, bins)
}

/// The sample's reliability diagram (non-empty bins).
pub fn sample_reliability(conf: &[Rational], correct: &[bool], bins: u32) -> Result<Vec<BinSummary>, EceError> {
    population_reliability(&sample_atoms(conf, correct, bins)?, bins)
}

/// Reads `f64` confidences exactly (every finite double is a rational), refusing NaN and ±∞.
pub fn confidences_from_f64(values: &[f64]) -> Result<Vec<Rational>, EceError> {
    values.iter().enumerate().map(|(index, v)| Rational::from_f64(*v).ok_or(EceError::NotANumber { index })).collect()
}

/// `|x|` of an enclosure: exact for exact values, an enclosing interval otherwise.
pub fn enclosure_abs(x: &Enclosure, prec: u32) -> Enclosure {
    match x {
        Enclosure::Exact(r) => Enclosure::Exact(r.clone().abs()),
        Enclosure::Interval(i) => {
            if *i.lo() >= 0 {
                x.clone()
            } else if *i.hi() <= 0 {
                x.neg()
            } else {
                let lo_abs = Float::with_val(prec.max(i.lo().prec()), i.lo().abs_ref());
                let hi = if lo_abs > *i.hi() { lo_abs } else { i.hi().clone() };
                Interval::new(Float::with_val(hi.prec(), 0), hi).expect("0 ≤ |endpoint|").into()
            }
        }
    }
}

/// `max(x, y)` of enclosures: exact when both are exact.
pub fn enclosure_max(x: &Enclosure, y: &Enclosure, prec: u32) -> Enclosure {
    match (x, y) {
        (Enclosure::Exact(a), Enclosure::Exact(b)) => Enclosure::Exact(if a >= b { a.clone() } else { b.clone() }),
        _ => {
            let (a, b) = (x.to_interval(prec), y.to_interval(prec));
            let lo = if a.lo() >= b.lo() { a.lo().clone() } else { b.lo().clone() };
            let hi = if a.hi() >= b.hi() { a.hi().clone() } else { b.hi().clone() };
            Interval::new(lo, hi).expect("max of ordered endpoints").into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i64, d: i64) -> Rational {
        Rational::from((n, d))
    }

    #[test]
    fn bins_are_left_open_right_closed_with_the_first_closed_at_zero() {
        assert_eq!(bin_of(&q(0, 1), 10), 0);
        assert_eq!(bin_of(&q(1, 10), 10), 0);
        assert_eq!(bin_of(&q(11, 100), 10), 1);
        assert_eq!(bin_of(&q(1, 2), 10), 4);
        assert_eq!(bin_of(&q(1, 1), 10), 9);
        assert_eq!(bin_of(&q(1, 3), 3), 0);
        assert_eq!(bin_of(&q(1, 1), 1), 0);
    }

    #[test]
    fn a_perfectly_calibrated_population_has_zero_ece() {
        let atoms = [
            Atom { mass: q(1, 2), confidence: q(3, 4), accuracy: q(3, 4) },
            Atom { mass: q(1, 2), confidence: q(1, 2), accuracy: q(1, 2) },
        ];
        assert_eq!(population_ece(&atoms, 10).unwrap(), 0);
        assert_eq!(population_calibration_error(&atoms).unwrap(), 0);
    }

    #[test]
    fn binning_can_hide_miscalibration_that_the_canonical_error_sees() {
        // Two atoms in one bin whose errors cancel.
        let atoms = [
            Atom { mass: q(1, 2), confidence: q(6, 10), accuracy: q(7, 10) },
            Atom { mass: q(1, 2), confidence: q(7, 10), accuracy: q(6, 10) },
        ];
        assert_eq!(population_ece(&atoms, 1).unwrap(), 0);
        assert_eq!(population_calibration_error(&atoms).unwrap(), q(1, 10));
        assert_eq!(population_mce(&atoms, 10).unwrap(), q(1, 10));
    }

    #[test]
    fn bad_inputs_are_named() {
        assert_eq!(sample_ece(&[q(1, 2)], &[true], 0), Err(EceError::ZeroBins));
        assert_eq!(sample_ece(&[q(1, 2)], &[true, false], 10), Err(EceError::LengthMismatch { conf: 1, correct: 2 }));
        assert!(matches!(sample_ece(&[q(3, 2)], &[true], 10), Err(EceError::ConfidenceOutOfRange { index: 0, .. })));
        assert_eq!(sample_ece(&[], &[], 10), Err(EceError::Empty));
        assert_eq!(confidences_from_f64(&[0.5, f64::NAN]), Err(EceError::NotANumber { index: 1 }));
    }
}
