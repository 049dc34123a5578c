//! Concentration of the missing mass (McAllester & Ortiz 2003), checked exactly.
//!
//! # Statement
//! For `n` i.i.d. draws from a discrete law and the missing mass `M = Σ_{j unseen} p_j`, for
//! every `ε > 0`: `P(M ≥ EM + ε) ≤ e^{−nε²}` and `P(M ≤ EM − ε) ≤ e^{−(e/2)nε²}`.
//!
//! # Formula
//! On an alphabet of up to six symbols ([`super::alphabet`]) the law of `M` is exact for every
//! `n` (inclusion–exclusion over the seen set). `ε = u·(range of M − EM on that side)`. The
//! right side is enclosed (the lower-tail constant `e/2` is enclosed too). The exponent factors
//! are fields; the sharpened fixture uses `3` (upper) and `6` (lower): on alphabets this small
//! the missing mass concentrates far better than the worst case over all laws, so the factor a
//! search can refute is well above the published one.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::concentration::MissingMass;
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let mut i = Instance::default().with("n", Value::Integer(4)).with("u", Value::Number(Rational::from((1, 2))))
//!     .with("tail", Value::Choice("lower".into()));
//! for (name, w) in [("w0", 1), ("w1", 1), ("w2", 1), ("w3", 1), ("w4", 0), ("w5", 0)] { i = i.with(name, Value::Integer(w)); }
//! let Outcome::Compared(c) = MissingMass::catalogue().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True);
//! ```

use super::alphabet::{
    capped_n_strategy, describe_alphabet, missing_mass, read_alphabet, seen_set_counts, seen_set_law, SYMBOL_PARAMETERS,
};
use super::mcdiarmid::deviation_tail;
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;
use rug::Rational;
use std::sync::LazyLock;

/// The McAllester–Ortiz tails with exponent factors `upper` (1) and `lower_over_e` (`1/2`,
/// multiplying `e`).
pub struct MissingMass {
    id: &'static str,
    upper: Rational,
    lower_over_e: Rational,
}

impl MissingMass {
    pub fn catalogue() -> Self {
        MissingMass { id: "concentration.missing_mass", upper: Rational::from(1), lower_over_e: Rational::from((1, 2)) }
    }

    /// The sharpened fixture: `e^{−3nε²}` above and `e^{−6nε²}` below (`6 = (6/e)·e`), false.
    pub fn sharpened() -> Self {
        MissingMass { id: "concentration.missing_mass_sharpened", upper: Rational::from(3), lower_over_e: Rational::new() }
    }
}

static PARAMETERS: LazyLock<Vec<ParamRequirement>> = LazyLock::new(|| {
    [ParamRequirement::integer("n"), ParamRequirement::number("u"), ParamRequirement::set("tail")]
        .into_iter()
        .chain(SYMBOL_PARAMETERS)
        .collect()
});

/// The largest `n` evaluated: the seen-set law costs big-integer work growing like `n²`.
const N_CAP: i64 = 2000;

impl Theorem for MissingMass {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let p = read_alphabet(instance)?;
        let n = instance.count("n")?;
        let upper = instance.choice("tail")? == "upper";
        let (seen, total) = seen_set_counts(&p, n);
        let values: Vec<(Rational, rug::Integer)> = seen.into_iter().map(|(s, q)| (missing_mass(&p, s), q)).collect();
        let (tail, eps) = deviation_tail(&values, &total, instance.number("u")?, upper);
        let n_eps2 = Rational::from(&eps * &eps) * n;
        let exponent = if upper {
            Enclosure::exact(-(n_eps2 * &self.upper))
        } else if self.lower_over_e == 0 {
            // The fixture's plain constant 6.
            Enclosure::exact(-(n_eps2 * 6u32))
        } else {
            let e = Enclosure::one().exp(prec + 8);
            e.mul(&Enclosure::exact(-(n_eps2 * &self.lower_over_e)), prec + 8)
        };
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(tail), Relation::Le, exponent.exp(prec))))
    }

    fn strategy(&self, spec: &crate::spec::Spec) -> Option<proptest::strategy::BoxedStrategy<Instance>> {
        Some(capped_n_strategy(spec, N_CAP))
    }

    fn affordable(&self, instance: &Instance) -> bool {
        instance.integer("n").is_ok_and(|n| n <= N_CAP)
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let p = read_alphabet(instance).ok()?;
        let n = instance.count("n").ok()?;
        let em: Rational = seen_set_law(&p, n).into_iter().map(|(s, q)| missing_mass(&p, s) * q).sum();
        Some(format!("{}, E M = {}", describe_alphabet(&p), crate::reference::decimal::format_rational(&em)))
    }
}
