//! A greedy second shrinking pass.
//!
//! proptest shrinks a tuple one element at a time and never revisits an element, so a
//! counterexample can keep a large `n` that only became unnecessary after `p` shrank. This pass
//! repeatedly tries simpler values for each parameter (integers toward the domain's minimum,
//! rationals toward small denominators, set members toward the first) and keeps any change under
//! which the claim is still certifiably refuted, until no parameter can be simplified.

use super::decide::{decide, Decided};
use super::instance::{Instance, Value};
use super::theorem::Theorem;
use crate::reference::Decision;
use crate::spec::{Domain, Spec};
use rug::Rational;

/// Evaluations the pass may spend, so that it always ends quickly.
const BUDGET: usize = 400;

/// The simplest refuting instance reachable from `start` by single-parameter changes.
pub fn polish(theorem: &dyn Theorem, spec: &Spec, constants: &Instance, ladder: &[u32], start: Instance) -> Instance {
    let mut current = start;
    let mut spent = 0;
    loop {
        let mut improved = false;
        for (name, domain) in &spec.parameters {
            let Some(value) = current.0.get(name).cloned() else { continue };
            for candidate in simpler_values(domain, &value) {
                if spent >= BUDGET {
                    return current;
                }
                spent += 1;
                let trial = current.clone().with(name, candidate);
                let refutes = matches!(decide(theorem, &trial, constants, ladder), Ok(Decided::Compared { decision: Decision::False, .. }));
                if refutes {
                    current = trial;
                    improved = true;
                    break;
                }
            }
        }
        if !improved {
            return current;
        }
    }
}

/// Values of the domain strictly simpler than `value`, simplest first.
fn simpler_values(domain: &Domain, value: &Value) -> Vec<Value> {
    match (domain, value) {
        (Domain::Integer { min, .. }, Value::Integer(v)) => {
            let mut out = Vec::new();
            let mut step = v - min;
            // min, then halving distances: v − (v−min), v − (v−min)/2, ... , v − 1.
            while step > 0 {
                out.push(Value::Integer(v - step));
                step /= 2;
            }
            out.dedup();
            out
        }
        (Domain::Rational { min, max, max_denominator, .. } | Domain::Real { min, max, max_denominator, .. }, Value::Number(v)) => {
            let span = Rational::from(&max.0 - &min.0);
            let current_den = (Rational::from(v - &min.0) / span.clone()).denom().clone();
            let mut out = Vec::new();
            for den in 1..=(*max_denominator).min(16) {
                if den >= current_den {
                    break;
                }
                for num in 0..=den {
                    let x = &min.0 + (&span * Rational::from((num, den)));
                    if domain.contains_rational(&x) && x != *v {
                        out.push(Value::Number(x));
                    }
                }
            }
            out
        }
        (Domain::Set { values }, Value::Choice(c)) => values.iter().take_while(|x| *x != c).map(|x| Value::Choice(x.clone())).collect(),
        _ => Vec::new(),
    }
}
