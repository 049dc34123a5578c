//! The monofact (Good–Turing) part of the hallucination lower bound of Kalai & Vempala,
//! "Calibrated Language Models Must Hallucinate" (STOC 2024), on toy fact distributions.
//!
//! # Statement (a reading; see the proof file)
//! For `n` i.i.d. training facts from a distribution `p` on facts, the monofact rate
//! `MF = N_1/n` and the missing mass `M` (the probability of facts never seen in training):
//! with probability at least `1 − δ`, `M ≥ MF − √(6 ln(6/δ)/n)`. This is the step of the
//! bound `g(H) ≥ MF − Mis − 3e^{−s}/δ − √(6 ln(6/δ)/n)` that ties the unseen mass a calibrated
//! model must spread over plausible facts to the monofact rate.
//!
//! # Formula
//! Alphabets of up to six facts ([`super::alphabet`]). `MF − M` depends on the sample through
//! the fact counts, so the failure probability `P(MF − M > √(6 ln(6/δ)/n))` is a sum over the
//! compositions of `n`, each decided with certified arithmetic (undecided ones widen the left
//! side). The claim is `P(failure) ≤ δ`. The constant `6` (inside the root and the log) is a
//! field; the sharpened fixture uses `√(ln(1/δ)/(2n))`, the one-sided Hoeffding rate.

use super::alphabet::{describe_alphabet, read_alphabet, SYMBOL_PARAMETERS};
use super::empirical_bernstein::probability_enclosure;
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::compositions::for_each_composition;
use crate::reference::tail_bounds::check_delta;
use crate::reference::{Decision, Enclosure, FiniteLaw};
use rug::{Integer, Rational};
use std::sync::LazyLock;

/// The monofact step with radius `√(a·ln(b/δ)/n)`: `(6, 6)` as read, `(1/2, 1)` sharpened.
pub struct Monofact {
    id: &'static str,
    a: Rational,
    b: Rational,
}

impl Monofact {
    pub fn catalogue() -> Self {
        Monofact { id: "concentration.monofact", a: Rational::from(6), b: Rational::from(6) }
    }

    pub fn sharpened() -> Self {
        Monofact { id: "concentration.monofact_sharpened", a: Rational::from((1, 2)), b: Rational::from(1) }
    }
}

static PARAMETERS: LazyLock<Vec<ParamRequirement>> =
    LazyLock::new(|| [ParamRequirement::integer("n"), ParamRequirement::number("delta")].into_iter().chain(SYMBOL_PARAMETERS).collect());

impl Theorem for Monofact {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let p = read_alphabet(instance)?;
        let n = instance.count("n")?;
        let delta = instance.number("delta")?.clone();
        check_delta(&delta).map_err(EvalError::reference)?;
        if n == 0 {
            return Ok(Outcome::HypothesisNotMet("MF = N_1/n needs n ≥ 1".into()));
        }
        let wp = prec + 16;
        let log = Enclosure::exact(Rational::from(&self.b / &delta)).ln(wp)?;
        let radius = log.mul(&Enclosure::exact(Rational::from(&self.a / n)), wp).sqrt(wp)?;
        let symbols: Vec<Rational> = (0..p.len()).map(|j| Rational::from(j as u32)).collect();
        let law = FiniteLaw::new(symbols, p.clone()).map_err(EvalError::reference)?;
        let (mut certain, mut undecided) = (Integer::new(), Integer::new());
        let total = for_each_composition(&law, n, |counts, mass| {
            let singletons = counts.iter().filter(|c| **c == 1).count() as u32;
            let missing: Rational = counts.iter().zip(&p).filter(|(c, _)| **c == 0).map(|(_, q)| q.clone()).sum();
            let gap = Rational::from((singletons, n)) - missing;
            if gap <= 0 {
                return;
            }
            match radius.lt(&Enclosure::exact(gap)) {
                Decision::True => certain += mass,
                Decision::Undecided => undecided += mass,
                Decision::False => {}
            }
        });
        let lhs = probability_enclosure(certain, undecided, &total, prec);
        Ok(Outcome::Compared(Comparison::new(lhs, Relation::Le, Enclosure::exact(delta))))
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        read_alphabet(instance).ok().map(|p| describe_alphabet(&p))
    }
}
