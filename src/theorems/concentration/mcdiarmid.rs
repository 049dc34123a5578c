//! McDiarmid's bounded-differences inequality, checked exactly for two concrete functions.
//!
//! # Statement
//! If `f(x_1, …, x_n)` changes by at most `c_i` when only `x_i` changes, then for independent
//! `X_i` and `t > 0`: `P(f − Ef ≥ t) ≤ exp(−2t²/Σc_i²)`, and the same for `P(f − Ef ≤ −t)`.
//!
//! # Formula
//! `X_i` i.i.d. on an alphabet of up to six symbols ([`super::alphabet`]). Two functions:
//! the number of distinct values (`c_i = 1`) and the missing mass `Σ_{j unseen} p_j`
//! (`c_i = max_j p_j`: changing one draw can hide one symbol and reveal another). Both depend
//! on the sample only through the set of symbols seen, whose law is exact for every `n`, so
//! both tails are exact rationals. The deviation is `t = u·(range of f on the relevant side)`.
//! The exponent's factor `2` is a field; the sharpened fixture uses `4`.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::concentration::McDiarmid;
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let mut i = Instance::default().with("n", Value::Integer(3)).with("u", Value::Number(Rational::from((1, 2))))
//!     .with("f", Value::Choice("distinct".into())).with("tail", Value::Choice("upper".into()));
//! for (name, w) in [("w0", 1), ("w1", 1), ("w2", 1), ("w3", 0), ("w4", 0), ("w5", 0)] { i = i.with(name, Value::Integer(w)); }
//! let Outcome::Compared(c) = McDiarmid::catalogue().evaluate(&i, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True);
//! ```

use super::alphabet::{capped_n_strategy, describe_alphabet, missing_mass, read_alphabet, seen_set_counts, SYMBOL_PARAMETERS};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::tail_bounds::mcdiarmid_bound;
use crate::reference::Enclosure;
use rug::Integer;
use rug::Rational;
use std::sync::LazyLock;

/// McDiarmid's inequality with exponent factor `factor` (2 as published).
pub struct McDiarmid {
    id: &'static str,
    factor: Rational,
}

impl McDiarmid {
    pub fn catalogue() -> Self {
        McDiarmid { id: "concentration.mcdiarmid", factor: Rational::from(2) }
    }

    /// The sharpened fixture, `exp(−4t²/Σc_i²)`, which is false.
    pub fn sharpened() -> Self {
        McDiarmid { id: "concentration.mcdiarmid_sharpened", factor: Rational::from(4) }
    }
}

static PARAMETERS: LazyLock<Vec<ParamRequirement>> = LazyLock::new(|| {
    [ParamRequirement::integer("n"), ParamRequirement::number("u"), ParamRequirement::set("f"), ParamRequirement::set("tail")]
        .into_iter()
        .chain(SYMBOL_PARAMETERS)
        .collect()
});

/// The law of `f` as (value, count) over a total, its bounded-difference constant `c`, and `p`.
#[allow(clippy::type_complexity)]
fn law_of_f(instance: &Instance) -> Result<(Vec<(Rational, Integer)>, Integer, Rational, Vec<Rational>), EvalError> {
    let p = read_alphabet(instance)?;
    let n = instance.count("n")?;
    let f = instance.choice("f")?;
    let (seen, total) = seen_set_counts(&p, n);
    let (values, c) = match f {
        "distinct" => (seen.into_iter().map(|(s, q)| (Rational::from(s.count_ones()), q)).collect(), Rational::from(1)),
        "missing_mass" => (seen.into_iter().map(|(s, q)| (missing_mass(&p, s), q)).collect(), p.iter().max().cloned().unwrap_or_default()),
        other => return Err(EvalError::reference(format!("unknown function f = '{other}'"))),
    };
    Ok((values, total, c, p))
}

/// `P(f − Ef ≥ t)` (upper) or `P(f − Ef ≤ −t)` (lower) with `t = u·(largest deviation on that
/// side)`, and `t`. Works with deviations scaled by the total `T`, `e_i = ±(v_i·T − Σ v_j c_j)`,
/// which have small denominators, so no huge rational is normalised until the end.
pub(super) fn deviation_tail(values: &[(Rational, Integer)], total: &Integer, u: &Rational, upper: bool) -> (Rational, Rational) {
    let m: Rational = values.iter().map(|(v, c)| Rational::from(v * c)).sum();
    let scaled: Vec<Rational> = values
        .iter()
        .map(|(v, _)| {
            let e = Rational::from(v * total) - &m;
            if upper {
                e
            } else {
                -e
            }
        })
        .collect();
    let range = scaled.iter().max().cloned().unwrap_or_default();
    let threshold = if range > 0 { u * range } else { Rational::from(u * total) };
    let count: Integer = scaled.iter().zip(values).filter(|(e, _)| **e >= threshold).map(|(_, (_, c))| c.clone()).sum();
    (Rational::from((count, total.clone())), threshold / total)
}

/// The largest `n` evaluated: the seen-set law costs big-integer work growing like `n²`.
const N_CAP: i64 = 2000;

impl Theorem for McDiarmid {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let (values, total, c, _) = law_of_f(instance)?;
        let n = instance.count("n")?;
        let upper = instance.choice("tail")? == "upper";
        let (tail, t) = deviation_tail(&values, &total, instance.number("u")?, upper);
        let sum_c2 = Rational::from(&c * &c) * n;
        let rhs = mcdiarmid_bound(&sum_c2, &t, &self.factor, prec).map_err(EvalError::reference)?;
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(tail), Relation::Le, rhs)))
    }

    fn strategy(&self, spec: &crate::spec::Spec) -> Option<proptest::strategy::BoxedStrategy<Instance>> {
        Some(capped_n_strategy(spec, N_CAP))
    }

    fn affordable(&self, instance: &Instance) -> bool {
        instance.integer("n").is_ok_and(|n| n <= N_CAP)
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let (values, total, c, p) = law_of_f(instance).ok()?;
        let upper = instance.choice("tail").ok()? == "upper";
        let (_, t) = deviation_tail(&values, &total, instance.number("u").ok()?, upper);
        Some(format!(
            "{}, c_i = {}, t = {}",
            describe_alphabet(&p),
            crate::reference::decimal::format_rational(&c),
            crate::reference::decimal::format_rational(&t)
        ))
    }
}
