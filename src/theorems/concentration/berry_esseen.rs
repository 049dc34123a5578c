//! The Berry–Esseen inequality with Shevtsova's constant `C = 0.4748`, exact at the jumps.
//!
//! # Statement
//! For i.i.d. `X_i` with `σ² = Var X > 0` and `ρ = E|X − EX|³`, `F_n` the distribution function
//! of `(S_n − nEX)/(σ√n)`: `sup_x |F_n(x) − Φ(x)| ≤ Cρ/(σ³√n)`, `C = 0.4748`.
//!
//! # Formula
//! The law is a grid law with up to four atoms ([`super::law`]); Bernoulli sums are the
//! two-atom case. `F_n` is a step function and `Φ` is continuous and increasing, so the supremum
//! is attained at a jump `x_m` from one side: it is the largest of `|F_n(x_m) − Φ(x_m)|` and
//! `|F_n(x_m−) − Φ(x_m)|` over the jumps. `F_n` is exact (Miller's recurrence), `Φ(x_m)` is
//! enclosed (`erfc`), and the maximum of the enclosures is an enclosure of the supremum.
//! `ρ, σ²` are exact; `σ³√n` is enclosed. The sharpened fixture uses `C = 2/5`, below Esseen's
//! lower bound `(√10 + 3)/(6√(2π)) ≈ 0.4097`.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Instance, Value, Theorem, Outcome};
//! use theoremcheck::theorems::concentration::BerryEsseen;
//! use theoremcheck::reference::Decision;
//! use rug::Rational;
//! let coin = Instance::default().with("n", Value::Integer(10))
//!     .with("x0", Value::Number(Rational::from(0))).with("x1", Value::Number(Rational::from(1)))
//!     .with("x2", Value::Number(Rational::from(1))).with("x3", Value::Number(Rational::from(1)))
//!     .with("w0", Value::Integer(1)).with("w1", Value::Integer(1))
//!     .with("w2", Value::Integer(0)).with("w3", Value::Integer(0));
//! let Outcome::Compared(c) = BerryEsseen::catalogue().evaluate(&coin, &Instance::default(), 64).unwrap() else { panic!() };
//! assert_eq!(c.decide(), Decision::True);
//! ```

use super::law::{describe_law, read_law, LAW_PARAMETERS};
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::{Enclosure, Interval};
use rug::float::Round;
use rug::{Float, Rational};
use std::sync::LazyLock;

/// Berry–Esseen with constant `c` (`0.4748` as published).
pub struct BerryEsseen {
    id: &'static str,
    c: Rational,
}

impl BerryEsseen {
    pub fn catalogue() -> Self {
        BerryEsseen { id: "concentration.berry_esseen", c: Rational::from((4748, 10000)) }
    }

    /// The sharpened fixture, `C = 2/5`, which is false.
    pub fn sharpened() -> Self {
        BerryEsseen { id: "concentration.berry_esseen_sharpened", c: Rational::from((2, 5)) }
    }
}

static PARAMETERS: LazyLock<Vec<ParamRequirement>> =
    LazyLock::new(|| [ParamRequirement::integer("n")].into_iter().chain(LAW_PARAMETERS).collect());

/// An enclosure of `sup_x |F_n(x) − Φ(x)|` for the standardised sum of `n` copies.
pub fn kolmogorov_distance_to_normal(law: &crate::reference::FiniteLaw, n: u32, prec: u32) -> Enclosure {
    let lattice = law.sum_lattice(n);
    let mean_sum = law.mean() * n;
    let variance_sum = law.variance() * n;
    // Φ(z/s) = ½ erfc(−z/(s√2)) with s√2 = √(2·n·Var).
    if variance_sum == 0 {
        // A point mass (or n = 0) has no standardised sum; any two CDFs are within 1 of each
        // other, so [0, 1] is the honest enclosure rather than a panic.
        return Interval::new(Float::with_val(prec, 0), Float::with_val(prec, 1)).expect("ordered").into();
    }
    let scale = Enclosure::exact(variance_sum * 2u32).sqrt(prec).expect("non-negative");
    let total_lo = Float::with_val_round(prec, &lattice.total, Round::Down).0;
    let total_hi = Float::with_val_round(prec, &lattice.total, Round::Up).0;
    // F = cumulative/total as an interval, without forming the huge rational.
    let fraction = |c: &rug::Integer| -> Enclosure {
        let (c_lo, c_hi) = (Float::with_val_round(prec, c, Round::Down).0, Float::with_val_round(prec, c, Round::Up).0);
        let lo = Float::with_val_round(prec, &c_lo / &total_hi, Round::Down).0;
        let hi = Float::with_val_round(prec, &c_hi / &total_lo, Round::Up).0;
        Interval::new(lo, hi).expect("ordered").into()
    };
    let mut cumulative = rug::Integer::new();
    let (mut best_lo, mut best_hi) = (Float::with_val(prec, 0), Float::with_val(prec, 0));
    law.visit_sum_masses(n, |m, q| {
        if *q == 0 {
            return;
        }
        let z = (&lattice.offset + Rational::from(&lattice.step * m)) - &mean_sum;
        let phi = Enclosure::exact(-z).div(&scale, prec).expect("σ > 0").erfc(prec).mul(&Enclosure::exact(Rational::from((1, 2))), prec);
        let before = fraction(&cumulative);
        cumulative += q;
        let after = fraction(&cumulative);
        for f in [before, after] {
            let d = f.sub(&phi, prec).to_interval(prec);
            let (lo, hi) = abs_bounds(&d);
            if lo > best_lo {
                best_lo = lo;
            }
            if hi > best_hi {
                best_hi = hi;
            }
        }
    });
    Interval::new(best_lo, best_hi).expect("ordered").into()
}

/// Bounds of `|x|` over an interval.
fn abs_bounds(d: &Interval) -> (Float, Float) {
    let prec = d.lo().prec();
    let neg_lo = Float::with_val(prec, -d.lo());
    let hi = if *d.hi() > neg_lo { d.hi().clone() } else { neg_lo.clone() };
    let lo = if *d.lo() > 0 {
        d.lo().clone()
    } else if *d.hi() < 0 {
        Float::with_val_round(prec, -d.hi(), Round::Down).0
    } else {
        Float::with_val(prec, 0)
    };
    (lo, hi)
}

/// The largest `n` evaluated for a law with a given number of atoms.
const CAP: fn(usize) -> i64 = |atoms| if atoms <= 2 { i64::MAX } else { 200 };

/// The targeted search's bound: it climbs toward large `n`, where one exact CDF sweep costs
/// about 0.3 s at `n` = 10⁴; random draws still cover the whole range.
const SEARCH_CAP: fn(usize) -> i64 = |atoms| if atoms <= 2 { 1000 } else { 200 };

impl Theorem for BerryEsseen {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let law = read_law(instance)?;
        let n = instance.count("n")?;
        let var = law.variance();
        if var == 0 {
            return Ok(Outcome::HypothesisNotMet("the theorem needs σ² > 0 (the law is a point mass)".into()));
        }
        if n == 0 {
            return Ok(Outcome::HypothesisNotMet("the theorem needs n ≥ 1 (a sum of no terms has variance 0)".into()));
        }
        let rho = law.central_abs_moment(3);
        let lhs = kolmogorov_distance_to_normal(&law, n, prec);
        // C ρ / (σ³ √n) = C ρ / √(Var³ n)
        let denominator = Enclosure::exact(Rational::from(&var * &var) * &var * n).sqrt(prec)?;
        let rhs = Enclosure::exact(Rational::from(&self.c * &rho)).div(&denominator, prec)?;
        Ok(Outcome::Compared(Comparison::new(lhs, Relation::Le, rhs)))
    }

    fn strategy(&self, spec: &crate::spec::Spec) -> Option<proptest::strategy::BoxedStrategy<Instance>> {
        Some(super::law::capped_strategy(spec, CAP))
    }

    fn affordable(&self, instance: &Instance) -> bool {
        super::law::within_cap(instance, SEARCH_CAP)
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        read_law(instance).ok().map(|l| describe_law(&l))
    }
}
