//! "The Universality Lens": the Bayes mixture's log-loss regret is bounded by the log of the
//! inverse prior weight near the truth, checked on Bernoulli families on a parameter grid.
//!
//! # Statement
//! For the grid `θ_j = j/G` (`j = 0..G`) with prior `w` and the Bayes mixture
//! `q(x^n) = Σ_j w_j θ_j^{k}(1 − θ_j)^{n−k}` (`k` ones in `x^n`):
//! - `pointwise` (finite class, individual sequences): for every `x^n` and grid point `θ*`,
//!   `ln p_{θ*}(x^n) − ln q(x^n) ≤ ln(1/w(θ*))`;
//! - `kl_ball` (Barron's index of resolvability): for every `θ_0 ∈ (0, 1)` and `ε > 0`,
//!   `D(P^n_{θ_0}‖q) ≤ nε + ln(1/W_ε)` with `W_ε = w({θ : kl(θ_0‖θ) ≤ ε})`.
//!
//! # Formula
//! `pointwise` is compared in exponentiated, exact form: `max_k p_{θ*}(k)/q(k) ≤ 1/w(θ*)`
//! (the maximum over sequences is a maximum over the count `k`). `kl_ball` encloses the
//! divergence as a sum of `n + 1` terms and decides ball membership with certified `kl`; a
//! membership left undecided widens `W_ε`'s enclosure. The sharpened fixture halves the
//! regret bound (`ln(1/w)/2`), which is false: with the grid `{0, 1}` and `x^n = 1^n` the
//! regret is exactly `ln(1/w(1))`.
//!
//! # Examples
//! ```
//! use theoremcheck::engine::{Theorem, Outcome, Instance, Value};
//! use theoremcheck::theorems::pac_bayes::UniversalityLens;
//! use theoremcheck::reference::{Decision, Enclosure};
//! use rug::Rational;
//! let at = Instance::default()
//!     .with("grid", Value::Integer(1)).with("prior", Value::Choice("uniform".into()))
//!     .with("star", Value::Integer(1)).with("n", Value::Integer(5))
//!     .with("form", Value::Choice("pointwise".into()))
//!     .with("theta0", Value::Number(Rational::from((1, 2)))).with("eps", Value::Number(Rational::from((1, 8))));
//! let Outcome::Compared(c) = UniversalityLens::catalogue().evaluate(&at, &Instance::default(), 64).unwrap() else { panic!() };
//! // Equality: p*(1^5)/q(1^5) = 1/w(1) = 2.
//! assert_eq!(c.lhs, Enclosure::exact(Rational::from(2)));
//! assert_eq!(c.decide(), Decision::True);
//! ```

use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem, Value};
use crate::reference::{kl_bernoulli, Decision, Enclosure, Interval};
use crate::spec::Spec;
use rug::float::Round;
use rug::ops::Pow;
use rug::{Float, Integer, Rational};

/// The mixture-regret bounds (or the sharpened, false pointwise bound).
pub struct UniversalityLens {
    id: &'static str,
    sharpened: bool,
}

impl UniversalityLens {
    pub fn catalogue() -> Self {
        UniversalityLens { id: "pac_bayes.universality_lens", sharpened: false }
    }

    /// Regret `≤ ln(1/w(θ*))/2`: false.
    pub fn sharpened() -> Self {
        UniversalityLens { id: "pac_bayes.universality_lens_sharpened", sharpened: true }
    }
}

const PARAMETERS: [ParamRequirement; 7] = [
    ParamRequirement::integer("grid"),
    ParamRequirement::set("prior"),
    ParamRequirement::integer("star"),
    ParamRequirement::integer("n"),
    ParamRequirement::set("form"),
    ParamRequirement::number("theta0"),
    ParamRequirement::number("eps"),
];

/// The grid family: points `j/G` and normalised prior weights.
struct Family {
    points: Vec<Rational>,
    weights: Vec<Rational>,
    n: u32,
}

impl Family {
    fn from_instance(instance: &Instance) -> Result<Self, EvalError> {
        let g = instance.count("grid")?.max(1);
        let n = instance.count("n")?.max(1);
        let raw: Vec<Integer> = (0..=g)
            .map(|j| match instance.choice("prior") {
                Ok("linear") => Ok(Integer::from(j + 1)),
                Ok("geometric") => Ok(Integer::from(1) << (g - j)),
                Ok(_) => Ok(Integer::from(1)),
                Err(e) => Err(e),
            })
            .collect::<Result<_, _>>()?;
        let total: Integer = raw.iter().sum();
        let weights = raw.into_iter().map(|w| Rational::from((w, total.clone()))).collect();
        let points = (0..=g).map(|j| Rational::from((j, g))).collect();
        Ok(Family { points, weights, n })
    }

    /// The probability of one sequence with `k` ones under `θ`.
    fn sequence(&self, theta: &Rational, k: u32) -> Rational {
        Rational::from(theta.pow(k)) * Rational::from(1 - theta).pow(self.n - k)
    }

    fn mixture(&self, k: u32) -> Rational {
        self.points.iter().zip(&self.weights).map(|(t, w)| w * self.sequence(t, k)).sum()
    }

    /// `max_k p_θ*(k)/q(k)` over the counts with `p_θ*(k) > 0`, and the maximising `k`.
    fn worst_ratio(&self, star: usize) -> (Rational, u32) {
        let theta = &self.points[star];
        (0..=self.n)
            .filter_map(|k| {
                let p = self.sequence(theta, k);
                (p != 0).then(|| (p / self.mixture(k), k))
            })
            .max_by(|a, b| a.0.cmp(&b.0))
            .expect("some count has positive probability")
    }
}

impl Theorem for UniversalityLens {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let family = Family::from_instance(instance)?;
        let form = if self.sharpened { "pointwise" } else { instance.choice("form")? };
        if form == "pointwise" {
            let star = (instance.count("star")? as usize).min(family.points.len() - 1);
            let (ratio, _) = family.worst_ratio(star);
            let inverse_weight = Enclosure::exact(Rational::from(family.weights[star].recip_ref()));
            let lhs = if self.sharpened { Enclosure::exact(Rational::from(ratio.square_ref())) } else { Enclosure::exact(ratio) };
            return Ok(Outcome::Compared(Comparison::new(lhs, Relation::Le, inverse_weight)));
        }
        let theta0 = instance.number("theta0")?.clone();
        let eps = instance.number("eps")?.clone();
        let wp = prec + 32;
        // W_ε, enclosed: certain members, plus the undecided ones on the upper side.
        let (mut inside, mut unsure) = (Rational::new(), Rational::new());
        for (theta, w) in family.points.iter().zip(&family.weights) {
            match kl_bernoulli(&theta0, theta, wp).map_err(EvalError::reference)?.le(&Enclosure::exact(eps.clone())) {
                Decision::True => inside += w,
                Decision::Undecided => unsure += w,
                Decision::False => {}
            }
        }
        if inside == 0 && unsure == 0 {
            return Ok(Outcome::HypothesisNotMet("the KL ball has no prior mass, so its bound is +∞".into()));
        }
        let upper = Rational::from(&inside + &unsure);
        let ball = if unsure == 0 {
            Enclosure::exact(inside)
        } else {
            Interval::new(Float::with_val_round(wp, &inside, Round::Down).0, Float::with_val_round(wp, &upper, Round::Up).0)
                .expect("ordered")
                .into()
        };
        let rhs = Enclosure::exact(Rational::from(&eps * family.n)).sub(&ball.ln(wp)?, wp);
        // D(P^n_θ0 ‖ q) = Σ_k C(n,k) p0(k) ln(p0(k)/q(k)).
        let mut divergence = Enclosure::zero();
        for k in 0..=family.n {
            let p0 = family.sequence(&theta0, k);
            let ratio = Rational::from(&p0 / &family.mixture(k));
            let weight = Rational::from(Integer::binomial_u(family.n, k)) * p0;
            divergence = divergence.add(&Enclosure::exact(weight).mul(&Enclosure::exact(ratio).ln(wp)?, wp), wp);
        }
        Ok(Outcome::Compared(Comparison::new(divergence, Relation::Le, rhs)))
    }

    /// The equality case (grid `{0, 1}`, all-ones sequence) and a well-separated grid, where
    /// the KL-ball bound with a ball of one point is nearly tight for large `n`.
    fn edge_instances(&self, _spec: &Spec) -> Vec<Instance> {
        let at = |grid: i64, prior: &str, star: i64, n: i64, form: &str, theta0: (i64, i64), eps: (i64, i64)| {
            Instance::default()
                .with("grid", Value::Integer(grid))
                .with("prior", Value::Choice(prior.into()))
                .with("star", Value::Integer(star))
                .with("n", Value::Integer(n))
                .with("form", Value::Choice(form.into()))
                .with("theta0", Value::Number(Rational::from(theta0)))
                .with("eps", Value::Number(Rational::from(eps)))
        };
        vec![
            at(1, "uniform", 1, 5, "pointwise", (1, 2), (1, 8)),
            at(1, "geometric", 0, 3, "pointwise", (1, 2), (1, 8)),
            at(2, "linear", 1, 40, "kl_ball", (1, 2), (1, 64)),
            at(4, "geometric", 2, 40, "kl_ball", (1, 2), (1, 64)),
        ]
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let family = Family::from_instance(instance).ok()?;
        let star = (instance.count("star").ok()? as usize).min(family.points.len() - 1);
        let (ratio, k) = family.worst_ratio(star);
        Some(format!(
            "θ* = {}, w(θ*) = {}, worst count k = {k}, worst regret ≈ {:.6} nats, ln(1/w(θ*)) ≈ {:.6}",
            crate::reference::decimal::format_rational(&family.points[star]),
            crate::reference::decimal::format_rational(&family.weights[star]),
            ratio.to_f64().ln(),
            (1.0 / family.weights[star].to_f64()).ln()
        ))
    }
}
