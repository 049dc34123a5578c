//! Classifier metrics under label noise, as exact rational identities.
//!
//! # Statement
//! Source: "Empirical study of Machine Learning Classifier Evaluation Metrics behavior in
//! Massively Imbalanced and Noisy data" (arXiv abstract only): a theoretical model of human
//! annotation errors and extreme imbalance, under which precision, recall, F1 and g-mean are
//! compared. The abstract gives no formulas; we derive and encode the population model:
//! prevalence `π = P(Y=1)`, a classifier with true-positive rate `t` and false-positive rate `f`,
//! and annotation noise that flips a true 1 to an observed 0 with probability `a` and a true 0 to
//! an observed 1 with probability `b` (symmetric when `a = b`), independently of the prediction
//! given `Y`. The observed (population) metrics are then, with `prec = πt/(πt + (1−π)f)`:
//! - precision: `prec·(1 − a) + (1 − prec)·b`;
//! - recall: `(πt(1−a) + (1−π)fb) / (π(1−a) + (1−π)b)`;
//! - F1: `2·TP / (PP + P)` with `TP = πt(1−a) + (1−π)fb`, `PP = πt + (1−π)f`, `P = π(1−a) + (1−π)b`;
//! - g-mean²: `recall · specificity`, specificity `((1−π)(1−f)(1−b) + π(1−t)a) / ((1−π)(1−b) + πa)`.
//!
//! # Formula
//! Left: `Σ |brute − closed|` over the four metrics, where "brute" sums the 8 cells of the joint
//! law of (true label, observed label, prediction) directly. Right: 0. Exact rationals, `=`.
//! The fixture `calibration.noisy_precision_ignores_false_flips` claims precision `prec·(1−a)`.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::calibration::NoisyLabelMetrics;
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let q = |n, d| Value::Number(Rational::from((n, d)));
//! let i = Instance::default().with("prevalence", q(1, 500)).with("tpr", q(9, 10)).with("fpr", q(1, 100))
//!     .with("flip_pos", q(1, 5)).with("flip_neg", q(1, 1000));
//! let Outcome::Compared(c) = NoisyLabelMetrics::catalogue().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True);
//! ```

use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;
use rug::Rational;

/// The observed-metric identities under asymmetric label noise.
pub struct NoisyLabelMetrics {
    id: &'static str,
    /// The false variant drops the false-positive flips from precision.
    ignore_false_flips: bool,
}

impl NoisyLabelMetrics {
    pub fn catalogue() -> Self {
        NoisyLabelMetrics { id: "calibration.noisy_label_metrics", ignore_false_flips: false }
    }

    pub fn ignoring_false_flips() -> Self {
        NoisyLabelMetrics { id: "calibration.noisy_precision_ignores_false_flips", ignore_false_flips: true }
    }
}

const PARAMETERS: [ParamRequirement; 5] = [
    ParamRequirement::number("prevalence"),
    ParamRequirement::number("tpr"),
    ParamRequirement::number("fpr"),
    ParamRequirement::number("flip_pos"),
    ParamRequirement::number("flip_neg"),
];

/// The observed precision, recall, F1 and squared g-mean by summing the joint law's cells.
fn brute(pi: &Rational, t: &Rational, f: &Rational, a: &Rational, b: &Rational) -> Option<[Rational; 4]> {
    // P(Y = y, Ỹ = obs, Ŷ = pred), from the model's three factors.
    let cell = |y: bool, obs: bool, pred: bool| -> Rational {
        let py = if y { pi.clone() } else { Rational::from(1 - pi) };
        let flip = if y { a } else { b };
        let p_obs = if obs == y { Rational::from(1 - flip) } else { flip.clone() };
        let positive = if y { t } else { f };
        let p_pred = if pred { positive.clone() } else { Rational::from(1 - positive) };
        py * p_obs * p_pred
    };
    let sum = |obs: bool, pred: bool| cell(false, obs, pred) + cell(true, obs, pred);
    let (tp, fp, fn_, tn) = (sum(true, true), sum(false, true), sum(true, false), sum(false, false));
    let ratio = |n: &Rational, d: Rational| (d != 0).then(|| Rational::from(n / &d));
    let precision = ratio(&tp, Rational::from(&tp + &fp))?;
    let recall = ratio(&tp, Rational::from(&tp + &fn_))?;
    let f1 = ratio(&Rational::from(&tp * 2u32), Rational::from(&tp * 2u32) + &fp + &fn_)?;
    let specificity = ratio(&tn, Rational::from(&tn + &fp))?;
    Some([precision, recall.clone(), f1, recall * specificity])
}

impl Theorem for NoisyLabelMetrics {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        let pi = instance.number("prevalence")?;
        let t = instance.number("tpr")?;
        let f = instance.number("fpr")?;
        let a = instance.number("flip_pos")?;
        let b = instance.number("flip_neg")?;
        let Some(observed) = brute(pi, t, f, a, b) else {
            return Ok(Outcome::HypothesisNotMet("a metric's denominator is 0 (no predicted or no observed positives/negatives)".into()));
        };
        let one = Rational::from(1);
        let not_pi = Rational::from(&one - pi);
        let predicted_pos = Rational::from(pi * t) + Rational::from(&not_pi * f);
        let true_precision = Rational::from(pi * t) / &predicted_pos;
        let precision = if self.ignore_false_flips {
            true_precision.clone() * Rational::from(&one - a)
        } else {
            (&true_precision * Rational::from(&one - a)) + Rational::from(&one - &true_precision) * b
        };
        let tp = Rational::from(pi * t) * Rational::from(&one - a) + Rational::from(&not_pi * f) * b;
        let observed_pos = (pi * Rational::from(&one - a)) + Rational::from(&not_pi * b);
        let recall = Rational::from(&tp / &observed_pos);
        let f1 = Rational::from(&tp * 2u32) / (predicted_pos + &observed_pos);
        let tn = (&not_pi * Rational::from(&one - f)) * Rational::from(&one - b) + (pi * Rational::from(&one - t)) * a;
        let observed_neg = (&not_pi * Rational::from(&one - b)) + Rational::from(pi * a);
        let specificity = tn / observed_neg;
        let closed = [precision, recall.clone(), f1, recall * specificity];
        let gap: Rational = observed.iter().zip(&closed).map(|(x, y)| Rational::from(x - y).abs()).sum();
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(gap), Relation::Eq, Enclosure::zero())))
    }
}
