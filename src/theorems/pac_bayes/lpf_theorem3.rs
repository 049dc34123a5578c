//! LPF Theorem 3 (arXiv 2603.15674): are the reported figures — a PAC-Bayes bound of 0.228 at
//! N = 4200 with a train–test gap of 0.0085 — consistent with a standard PAC-Bayes bound?
//!
//! # Statement
//! The abstract reports "a non-vacuous PAC-Bayes bound for the learned aggregator, achieving a
//! train–test gap of 0.0085 against a bound of 0.228 at N = 4200"; the form, δ, prior and KL are
//! not stated. Encoded claim, for a form `F` (Seeger/Maurer kl, McAllester, Catoni with the best
//! `C`, the λ-bound with the best `λ`), `δ ∈ {0.05, 0.01}`, an assumed train error `L̂` and a
//! reading of 0.228 (`gap`: it bounds `L − L̂`, so the target is `L̂ + 0.228`; `risk`: it bounds
//! `L`, target 0.228): the smallest bound `F` can give at `N = 4200`, reached at `KL = 0`, is
//! at most the target. Equivalently, the KL the reported bound implies is `≥ 0`, so the figures
//! are mutually consistent with `F`; `describe` prints that implied KL.
//!
//! # Formula
//! Smallest bounds at `KL = 0`: Seeger `kl⁻¹(L̂, ln(2√N/δ)/N)`; McAllester
//! `L̂ + √(ln(2√N/δ)/(2N))`; Catoni, infimum over `C`: `kl⁻¹(L̂, ln(1/δ)/N)` (since
//! `kl(q‖p) = sup_C [−Cq − ln(1 − p(1 − e^{−C}))]`); λ-bound, minimum over `λ ∈ (0, 2)`:
//! `(√(L̂ + b/2) + √(b/2))²` with `b = ln(2√N/δ)/N`. Implied KL for a target `B`:
//! `N·kl(L̂‖B) − ln(2√N/δ)`, `2N(B − L̂)² − ln(2√N/δ)`, `N·kl(L̂‖B) − ln(1/δ)`,
//! `N(B − L̂)²/(2B) − ln(2√N/δ)`.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Theorem, Outcome, Instance, Value};
//! use theoremcheck::theorems::pac_bayes::LpfTheorem3;
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let at = Instance::default()
//!     .with("form", Value::Choice("mcallester".into()))
//!     .with("delta", Value::Choice("0.05".into()))
//!     .with("emp_risk", Value::Number(Rational::from((81, 2000))))
//!     .with("reading", Value::Choice("gap".into()));
//! let Outcome::Compared(c) = LpfTheorem3::catalogue().evaluate(&at, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True);
//! ```

use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem, Value};
use crate::reference::pac_bayes_bounds::{
    kl_inverse_upper_enclosed, ln_one_over_delta, ln_two_sqrt_n_over_delta, mcallester_bound, seeger_bound,
};
use crate::reference::{kl_bernoulli, parse_rational, Enclosure};
use crate::spec::Spec;
use rug::Rational;

/// The training-set size reported in the abstract.
pub const N_TRAIN: u32 = 4200;

/// The reported bound, 0.228.
pub fn reported_bound() -> Rational {
    Rational::from((228, 1000))
}

/// The reported train–test gap, 0.0085.
pub fn reported_gap() -> Rational {
    Rational::from((85, 10000))
}

/// Consistency of the reported figures with each standard PAC-Bayes form.
pub struct LpfTheorem3 {
    id: &'static str,
    /// The bound the claim reads as reported (0.228; the fixture uses the gap 0.0085).
    bound: Rational,
}

impl LpfTheorem3 {
    /// The reported figures: bound 0.228, gap 0.0085.
    pub fn catalogue() -> Self {
        LpfTheorem3 { id: "pac_bayes.lpf_theorem3", bound: reported_bound() }
    }

    /// Deliberately false: the observed gap 0.0085 read as the bound itself.
    pub fn gap_as_bound() -> Self {
        LpfTheorem3 { id: "pac_bayes.lpf_theorem3_gap_as_bound", bound: reported_gap() }
    }
}

const PARAMETERS: [ParamRequirement; 4] =
    [ParamRequirement::set("form"), ParamRequirement::set("delta"), ParamRequirement::number("emp_risk"), ParamRequirement::set("reading")];

struct Setting {
    form: String,
    delta: Rational,
    emp: Rational,
    target: Rational,
}

impl Setting {
    fn from_instance(instance: &Instance, bound: &Rational) -> Result<Self, EvalError> {
        let delta = parse_rational(instance.choice("delta")?).map_err(EvalError::reference)?;
        let emp = instance.number("emp_risk")?.clone();
        let target = match instance.choice("reading")? {
            "risk" => bound.clone(),
            _ => Rational::from(&emp + bound),
        };
        Ok(Setting { form: instance.choice("form")?.to_string(), delta, emp, target })
    }

    /// The smallest bound the form gives at `KL = 0`.
    fn smallest_bound(&self, prec: u32) -> Result<Enclosure, EvalError> {
        let zero = Enclosure::zero();
        match self.form.as_str() {
            "seeger" => seeger_bound(&self.emp, &zero, N_TRAIN, &self.delta, prec).map_err(EvalError::reference),
            "mcallester" => mcallester_bound(&self.emp, &zero, N_TRAIN, &self.delta, prec).map_err(EvalError::reference),
            "catoni" => {
                let c =
                    ln_one_over_delta(&self.delta, prec + 32).map_err(EvalError::reference)?.div(&Enclosure::exact(N_TRAIN), prec + 32)?;
                kl_inverse_upper_enclosed(&self.emp, &c, prec).map_err(EvalError::reference)
            }
            _ => {
                let wp = prec + 32;
                let half_b = ln_two_sqrt_n_over_delta(N_TRAIN, &self.delta, wp)
                    .map_err(EvalError::reference)?
                    .div(&Enclosure::exact(2 * N_TRAIN), wp)?;
                let root = Enclosure::exact(self.emp.clone()).add(&half_b, wp).sqrt(wp)?.add(&half_b.sqrt(wp)?, wp);
                Ok(root.mul(&root, wp))
            }
        }
    }

    /// The KL at which the form's bound equals the target.
    fn implied_kl(&self, prec: u32) -> Result<Enclosure, EvalError> {
        let n = Enclosure::exact(N_TRAIN);
        let gap = Rational::from(&self.target - &self.emp);
        let log2 = ln_two_sqrt_n_over_delta(N_TRAIN, &self.delta, prec).map_err(EvalError::reference)?;
        Ok(match self.form.as_str() {
            "seeger" => kl_bernoulli(&self.emp, &self.target, prec).map_err(EvalError::reference)?.mul(&n, prec).sub(&log2, prec),
            "catoni" => kl_bernoulli(&self.emp, &self.target, prec)
                .map_err(EvalError::reference)?
                .mul(&n, prec)
                .sub(&ln_one_over_delta(&self.delta, prec).map_err(EvalError::reference)?, prec),
            "mcallester" => Enclosure::exact(Rational::from(gap.square_ref()) * 2u32 * N_TRAIN).sub(&log2, prec),
            _ => Enclosure::exact(Rational::from(gap.square_ref()) * N_TRAIN / (Rational::from(&self.target * 2u32))).sub(&log2, prec),
        })
    }
}

impl Theorem for LpfTheorem3 {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let s = Setting::from_instance(instance, &self.bound)?;
        if s.target > 1 {
            return Ok(Outcome::HypothesisNotMet("the target exceeds 1, where every bound is vacuous".into()));
        }
        // A valid bound is at least the observed test risk L̂ + 0.0085 (exact).
        let observed = Rational::from(&s.emp + &reported_gap());
        if observed > s.target {
            return Ok(Outcome::Compared(Comparison::new(Enclosure::exact(observed), Relation::Le, Enclosure::exact(s.target))));
        }
        Ok(Outcome::Compared(Comparison::new(s.smallest_bound(prec)?, Relation::Le, Enclosure::exact(s.target))))
    }

    /// Every form and δ at the assumed train error 0.0405 (see the proof file) and at the ends
    /// of the range of L̂ where the risk reading stops being consistent, both readings.
    fn edge_instances(&self, _spec: &Spec) -> Vec<Instance> {
        let mut out = Vec::new();
        for emp in [Rational::from((81, 2000)), Rational::new(), Rational::from((1, 5))] {
            for form in ["seeger", "mcallester", "catoni", "lambda"] {
                for delta in ["0.05", "0.01"] {
                    for reading in ["gap", "risk"] {
                        out.push(
                            Instance::default()
                                .with("form", Value::Choice(form.into()))
                                .with("delta", Value::Choice(delta.into()))
                                .with("emp_risk", Value::Number(emp.clone()))
                                .with("reading", Value::Choice(reading.into())),
                        );
                    }
                }
            }
        }
        out
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let s = Setting::from_instance(instance, &self.bound).ok()?;
        let kl = s.implied_kl(128).ok()?;
        let (lo, hi) = kl.decimal_bounds(8);
        let bound = s.smallest_bound(128).ok()?;
        let (blo, bhi) = bound.decimal_bounds(8);
        Some(format!(
            "target {}, smallest bound at KL = 0 in [{blo}, {bhi}], implied KL in [{lo}, {hi}] nats; observed gap {} ≤ reported bound {}",
            crate::reference::decimal::format_rational(&s.target),
            crate::reference::decimal::format_rational(&reported_gap()),
            crate::reference::decimal::format_rational(&reported_bound())
        ))
    }
}
