//! LPF Theorem 7 (uncertainty decomposition), variance form: an exact identity.
//!
//! # Statement
//! For distributions `p_1…p_M` on `Y` with convex weights `a_m` and mixture `p̄ = Σ a_m p_m`:
//! `Σ_y p̄_y(1 − p̄_y) = Σ_m a_m Σ_y p_{m,y}(1 − p_{m,y}) + Σ_y Var_a(p_{·,y})` (total = aleatoric +
//! epistemic), with the population (ddof = 0) variance `Var_a(v) = Σ_m a_m (v_m − v̄)²`. This is
//! the author's `compute_uncertainty_decomposition` (equal weights `1/M`); the paper reports
//! "error below 0.002%"; in exact arithmetic the error is 0.
//!
//! # Formula
//! Both sides in exact rationals, compared with `=`. The fixture
//! `calibration.lpf_theorem7_ddof1` uses the sample variance (ddof = 1), under which the
//! identity fails whenever the members differ.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::calibration::LpfTheorem7;
//! use theoremcheck::reference::Decision;
//! let i = Instance::default().with("members", Value::Integer(3)).with("classes", Value::Integer(3))
//!     .with("seed", Value::Integer(1)).with("mixture", Value::Choice("convex".into()));
//! let Outcome::Compared(c) = LpfTheorem7::catalogue().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True);
//! ```

use super::scenario::{normalise, SplitMix};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;
use rug::Rational;

/// Members, mixture weights and the mixture, drawn from the instance.
pub struct Ensemble {
    pub members: Vec<Vec<Rational>>,
    pub weights: Vec<Rational>,
    pub mixture: Vec<Rational>,
}

/// The ensemble of an instance (`members`, `classes`, `seed`, `mixture` ∈ {uniform, convex}).
/// Member entries are integers 0..=12 normalised (zeros allowed, rows never all zero).
pub fn ensemble_of(instance: &Instance) -> Result<Ensemble, EvalError> {
    let m = instance.count("members")? as usize;
    let classes = instance.count("classes")? as usize;
    // An ensemble needs a member and a class; a spec may declare wider (still valid) ranges.
    for (name, value) in [("members", m), ("classes", classes)] {
        if value == 0 {
            return Err(crate::engine::InstanceError::OutOfRange { name: name.into(), value: 0, target: "a count of at least 1" }.into());
        }
    }
    let mut rng = SplitMix::new(instance.integer("seed")?);
    let members: Vec<Vec<Rational>> = (0..m)
        .map(|_| {
            let mut row: Vec<u64> = (0..classes).map(|_| rng.range(0, 12)).collect();
            if row.iter().all(|v| *v == 0) {
                row[0] = 1;
            }
            normalise(&row)
        })
        .collect();
    let weights = match instance.choice("mixture")? {
        "uniform" => normalise(&vec![1; m]),
        _ => normalise(&(0..m).map(|_| rng.range(1, 9)).collect::<Vec<_>>()),
    };
    let mixture = (0..classes).map(|y| members.iter().zip(&weights).map(|(p, a)| Rational::from(a * &p[y])).sum()).collect();
    Ok(Ensemble { members, weights, mixture })
}

/// The variance decomposition with population (`ddof = 0`) or sample (`ddof = 1`) variance.
pub struct LpfTheorem7 {
    id: &'static str,
    ddof: u32,
}

impl LpfTheorem7 {
    pub fn catalogue() -> Self {
        LpfTheorem7 { id: "calibration.lpf_theorem7", ddof: 0 }
    }

    /// The deliberately false variant with the sample variance (equal weights, `M/(M−1)`).
    pub fn ddof1() -> Self {
        LpfTheorem7 { id: "calibration.lpf_theorem7_ddof1", ddof: 1 }
    }
}

const PARAMETERS: [ParamRequirement; 4] = [
    ParamRequirement::integer("members"),
    ParamRequirement::integer("classes"),
    ParamRequirement::integer("seed"),
    ParamRequirement::set("mixture"),
];

impl Theorem for LpfTheorem7 {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        let e = ensemble_of(instance)?;
        let m = e.members.len() as u32;
        if self.ddof == 1 && m < 2 {
            return Ok(Outcome::HypothesisNotMet("the sample variance needs at least two members".into()));
        }
        let gini = |p: &[Rational]| -> Rational { p.iter().map(|v| v * Rational::from(1 - v)).sum() };
        let total = gini(&e.mixture);
        let aleatoric: Rational = e.members.iter().zip(&e.weights).map(|(p, a)| a * gini(p)).sum();
        let mut epistemic = Rational::new();
        for (y, mean) in e.mixture.iter().enumerate() {
            let v: Rational = e.members.iter().zip(&e.weights).map(|(p, a)| a * Rational::from(&p[y] - mean).square()).sum();
            epistemic += if self.ddof == 1 { v * Rational::from((m, m - 1)) } else { v };
        }
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(total), Relation::Eq, Enclosure::exact(aleatoric + epistemic))))
    }
}
