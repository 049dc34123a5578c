//! Properties of the certified kl inverses.
//!
//! # Statement
//! With `kl⁻¹(q̂, c) = max{p ∈ [q̂, 1] : kl(q̂‖p) ≤ c}` and `kl⁻¹_low(q̂, c)` the smallest `p` in
//! `[0, q̂]` with `kl(q̂‖p) ≤ c`, for `q̂ ∈ [0, 1]` and `c ≥ 0`:
//! - `monotone_q`: `kl⁻¹(q̂, c) ≤ kl⁻¹(q̂', c)` for `q̂ ≤ q̂'`;
//! - `monotone_c`: `kl⁻¹(q̂, c) ≤ kl⁻¹(q̂, c')` for `c ≤ c'`;
//! - `pinsker`: `kl⁻¹(q̂, c) ≤ q̂ + √(c/2)`; `pinsker_lower`: `kl⁻¹_low(q̂, c) ≥ q̂ − √(c/2)`;
//! - `boundary_upper` (`q̂ < 1`): `kl(q̂‖kl⁻¹(q̂, c)) = c`; `boundary_lower` (`q̂ > 0`):
//!   `kl(q̂‖kl⁻¹_low(q̂, c)) = c`;
//! - `closed_form_zero`: `kl⁻¹(0, c) = 1 − e^{−c}`.
//!
//! # Formula
//! The inverses are the certified references ([`crate::reference::kl_inverse_upper`],
//! [`crate::reference::kl_inverse_lower`]). The boundary identity is certified by bracketing:
//! `kl` at the enclosure's ends brackets `c`, i.e. `max(kl(q̂‖lo) − c, c − kl(q̂‖hi)) ≤ 0`
//! (ends swapped for the lower inverse). The closed form is certified against an independent
//! certified bisection of `kl(0‖p) = −ln(1 − p)` that does not use the closed-form branch:
//! `inside ≤ 1 − e^{−c} ≤ outside`. The perturbations `q̂' = min(q̂ + dq, 1)`, `c' = c + dc`.
//! Above `q̂ = 1/2` the monotonicity properties compare the distances to 1 instead (see
//! `upper_inverses_ordered`), since the inverses themselves can be 1 − 10^{−20000}.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Theorem, Outcome, Instance, Value};
//! use theoremcheck::theorems::pac_bayes::KlInverse;
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let at = Instance::default()
//!     .with("property", Value::Choice("boundary_upper".into()))
//!     .with("q", Value::Number(Rational::from((1, 10))))
//!     .with("c", Value::Number(Rational::from((1, 5))))
//!     .with("dq", Value::Number(Rational::from((1, 64))))
//!     .with("dc", Value::Number(Rational::from((1, 64))));
//! let Outcome::Compared(c) = KlInverse.evaluate(&at, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True);
//! ```

use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem, Value};
use crate::reference::root::{refine, Bracket};
use crate::reference::{kl_bernoulli, kl_inverse_lower, kl_inverse_upper, DomainError, Enclosure, Interval};
use crate::spec::Spec;
use rug::Rational;

/// The kl-inverse properties, selected by the `property` parameter.
pub struct KlInverse;

const PARAMETERS: [ParamRequirement; 5] = [
    ParamRequirement::set("property"),
    ParamRequirement::number("q"),
    ParamRequirement::number("c"),
    ParamRequirement::number("dq"),
    ParamRequirement::number("dc"),
];

fn reference(e: impl std::fmt::Display) -> EvalError {
    EvalError::reference(e)
}

/// `max(a, b)` of two enclosures.
pub(super) fn enclosure_max(a: &Enclosure, b: &Enclosure, prec: u32) -> Enclosure {
    if let (Enclosure::Exact(x), Enclosure::Exact(y)) = (a, b) {
        return Enclosure::exact(x.clone().max(y.clone()));
    }
    let (x, y) = (a.to_interval(prec), b.to_interval(prec));
    let lo = if x.lo() > y.lo() { x.lo().clone() } else { y.lo().clone() };
    let hi = if x.hi() > y.hi() { x.hi().clone() } else { y.hi().clone() };
    Interval::new(lo, hi).expect("ordered").into()
}

/// The ends of an enclosure as exact rationals (finite for a probability).
fn ends(e: &Enclosure, prec: u32) -> Option<(Rational, Rational)> {
    if let Enclosure::Exact(r) = e {
        return Some((r.clone(), r.clone()));
    }
    let i = e.to_interval(prec);
    Some((i.lo().to_rational()?, i.hi().to_rational()?))
}

/// `kl(q‖p) − c`, enclosed; `p` at the ends of an enclosure of a probability.
fn kl_minus_c(q: &Rational, p: &Rational, c: &Rational, prec: u32) -> Result<Enclosure, EvalError> {
    let p = p.clone().clamp(&Rational::new(), &Rational::from(1));
    Ok(kl_bernoulli(q, &p, prec).map_err(reference)?.sub(&Enclosure::exact(c.clone()), prec))
}

/// `kl⁻¹(q1, c1) ≤ kl⁻¹(q2, c2)`. Above `q = 1/2` the upper inverse can lie within
/// `e^{−c/(1−q)}` of 1 (`1 − 10^{−22578}` at `q = 1 − 2^{−14}`, `c = 92/29`), where no binary
/// enclosure at a feasible precision separates two such numbers. There the comparison is made on
/// the distances to 1, which are relative-precision enclosures: `kl(q‖p) = kl(1 − q‖1 − p)`
/// gives `1 − kl⁻¹(q, c) = kl⁻¹_low(1 − q, c)`, so the claim reads
/// `kl⁻¹_low(1 − q2, c2) ≤ kl⁻¹_low(1 − q1, c1)`, exactly equivalent.
fn upper_inverses_ordered(q1: &Rational, c1: &Rational, q2: &Rational, c2: &Rational, prec: u32) -> Result<Outcome, EvalError> {
    let half = Rational::from((1, 2));
    let comparison = if *q1 > half && *q2 > half {
        let gap = |q: &Rational, c: &Rational| kl_inverse_lower(&Rational::from(1 - q), c, prec).map_err(reference);
        Comparison::new(gap(q2, c2)?, Relation::Le, gap(q1, c1)?)
    } else {
        let a = kl_inverse_upper(q1, c1, prec).map_err(reference)?;
        let b = kl_inverse_upper(q2, c2, prec).map_err(reference)?;
        Comparison::new(a, Relation::Le, b)
    };
    Ok(Outcome::Compared(comparison))
}

impl Theorem for KlInverse {
    fn id(&self) -> &str {
        "pac_bayes.kl_inverse"
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let q = instance.number("q")?.clone();
        let c = instance.number("c")?.clone();
        let wp = prec + 64;
        let compared = |lhs, relation, rhs| Ok(Outcome::Compared(Comparison::new(lhs, relation, rhs)));
        match instance.choice("property")? {
            "monotone_q" => {
                let q2 = Rational::from(&q + instance.number("dq")?).min(Rational::from(1));
                upper_inverses_ordered(&q, &c, &q2, &c, prec)
            }
            "monotone_c" => {
                let c2 = Rational::from(&c + instance.number("dc")?);
                upper_inverses_ordered(&q, &c, &q, &c2, prec)
            }
            "pinsker" => {
                let inverse = kl_inverse_upper(&q, &c, prec).map_err(reference)?;
                let root = Enclosure::exact(Rational::from(&c / 2u32)).sqrt(wp)?;
                compared(inverse, Relation::Le, Enclosure::exact(q).add(&root, wp))
            }
            "pinsker_lower" => {
                let inverse = kl_inverse_lower(&q, &c, prec).map_err(reference)?;
                let root = Enclosure::exact(Rational::from(&c / 2u32)).sqrt(wp)?;
                compared(inverse, Relation::Ge, Enclosure::exact(q).sub(&root, wp))
            }
            "boundary_upper" | "boundary_lower" => {
                let upper = instance.choice("property")? == "boundary_upper";
                if upper && q == 1 {
                    return Ok(Outcome::HypothesisNotMet("at q̂ = 1 the upper inverse is 1 and kl(1‖1) = 0 whatever c".into()));
                }
                if !upper && q == 0 {
                    return Ok(Outcome::HypothesisNotMet("at q̂ = 0 the lower inverse is 0 and kl(0‖0) = 0 whatever c".into()));
                }
                let inverse = if upper { kl_inverse_upper(&q, &c, prec) } else { kl_inverse_lower(&q, &c, prec) }.map_err(reference)?;
                let Some((lo, hi)) = ends(&inverse, wp) else {
                    return Err(reference("the inverse enclosure is not finite"));
                };
                // The upper inverse's lower end is inside {kl ≤ c} and its upper end outside; the
                // lower inverse the other way round.
                let (inside, outside) = if upper { (lo, hi) } else { (hi, lo) };
                // For p ≪ q̂ the argument (p − q̂)/q̂ of ln_1p sits next to −1 and loses about log2(q̂/p)
                // ≤ 1.5·c/q̂ bits to cancellation; evaluating far above the bracket's precision
                // keeps the ends decidable.
                let ends_prec = 2 * prec + 512;
                let below = kl_minus_c(&q, &inside, &c, ends_prec)?;
                let above = kl_minus_c(&q, &outside, &c, ends_prec)?.neg();
                compared(enclosure_max(&below, &above, ends_prec), Relation::Le, Enclosure::zero())
            }
            "closed_form_zero" => {
                let closed = Enclosure::one().sub(&Enclosure::exact(Rational::from(-&c)).exp(wp), wp);
                if c == 0 {
                    // Both sides are exactly 0.
                    return compared(kl_inverse_upper(&Rational::new(), &c, prec).map_err(reference)?, Relation::Eq, closed);
                }
                // Independent certified bisection of −ln(1 − p) = c on [0, 1].
                let g = |p: &Rational, w: u32| -> Result<Enclosure, DomainError> {
                    kl_bernoulli(&Rational::new(), p, w)
                        .map(|kl| kl.sub(&Enclosure::exact(c.clone()), w))
                        .map_err(|e| DomainError::OutsideDomain { function: "kl", argument: e.to_string() })
                };
                let bracket = refine(Bracket { inside: Rational::new(), outside: Rational::from(1) }, prec + 8, 16 * prec.max(64), g)?;
                let below = Enclosure::exact(bracket.inside.clone()).sub(&closed, wp);
                let above = closed.sub(&Enclosure::exact(bracket.outside.clone()), wp);
                compared(enclosure_max(&below, &above, wp), Relation::Le, Enclosure::zero())
            }
            other => Err(reference(format!("unknown property '{other}'"))),
        }
    }

    /// The equality cases and the region where Pinsker is tight (q̂ = 1/2, small c).
    fn edge_instances(&self, _spec: &Spec) -> Vec<Instance> {
        let at = |property: &str, q: (i64, i64), c: (i64, i64)| {
            Instance::default()
                .with("property", Value::Choice(property.into()))
                .with("q", Value::Number(Rational::from(q)))
                .with("c", Value::Number(Rational::from(c)))
                .with("dq", Value::Number(Rational::from((1, 64))))
                .with("dc", Value::Number(Rational::from((1, 64))))
        };
        vec![
            at("pinsker", (1, 2), (1, 64)),
            at("pinsker", (1, 2), (0, 1)),
            at("pinsker_lower", (1, 2), (1, 64)),
            at("boundary_upper", (0, 1), (1, 1)),
            at("boundary_upper", (1, 10), (0, 1)),
            at("boundary_lower", (1, 1), (1, 1)),
            at("closed_form_zero", (0, 1), (1, 64)),
            at("closed_form_zero", (0, 1), (4, 1)),
            at("monotone_q", (63, 64), (4, 1)),
        ]
    }
}

/// `pac_bayes.kl_inverse` with the `pinsker` property sharpened to `kl⁻¹(q̂, c) ≤ q̂ + √(c/4)`
/// (false near `q̂ = 1/2`); every other property, the parameters and the edge instances are the
/// catalogue claim's, so the twin is searched exactly as the claim is.
pub struct KlInversePinskerSharpened;

impl Theorem for KlInversePinskerSharpened {
    fn id(&self) -> &str {
        "pac_bayes.kl_inverse_pinsker_sharpened"
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        if instance.choice("property")? != "pinsker" {
            return KlInverse.evaluate(instance, constants, prec);
        }
        let q = instance.number("q")?.clone();
        let c = instance.number("c")?.clone();
        let wp = prec + 64;
        let inverse = kl_inverse_upper(&q, &c, prec).map_err(reference)?;
        let root = Enclosure::exact(Rational::from(&c / 4u32)).sqrt(wp)?;
        Ok(Outcome::Compared(Comparison::new(inverse, Relation::Le, Enclosure::exact(q).add(&root, wp))))
    }

    fn edge_instances(&self, spec: &Spec) -> Vec<Instance> {
        KlInverse.edge_instances(spec)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rug::Float;

    #[test]
    fn max_of_enclosures_is_exact_for_exact_inputs() {
        let m = enclosure_max(&Enclosure::exact(Rational::from(-1)), &Enclosure::exact(Rational::from(2)), 64);
        assert_eq!(m, Enclosure::exact(Rational::from(2)));
        let f = Enclosure::from(Interval::new(Float::with_val(64, -3), Float::with_val(64, 1)).unwrap());
        let m = enclosure_max(&f, &Enclosure::exact(Rational::from(0)), 64).to_interval(64);
        assert!(*m.lo() == 0 && *m.hi() == 1);
    }
}
