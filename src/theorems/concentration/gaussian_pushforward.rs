//! Gaussian concentration pushed through small random Lipschitz maps, tested statistically
//! (the setting of Ghane, Bao, Akhtiamov, Hassibi, "Concentration of Measure for Distributions
//! Generated via Diffusion Models", arXiv:2501.07741: samples are Lipschitz images of Gaussian
//! noise).
//!
//! # Statement
//! For `Z ~ N(0, I_d)` and `f` L-Lipschitz, `P(f(Z) − Ef(Z) ≥ t) ≤ exp(−t²/(2L²))`. Its mean is
//! unknown for a network, so the check tests a consequence with a known mean: for an independent
//! copy `Z′`, `(Z, Z′) ↦ f(Z) − f(Z′)` is `√2·L`-Lipschitz with mean 0, hence
//! `P(f(Z) − f(Z′) ≥ t) ≤ exp(−t²/(4L²))`. A refutation of the consequence refutes the theorem.
//!
//! # Formula
//! `f(z) = Σ_i v_i·tanh((Wz + c)_i)` (or the linear `Σ_i v_i (Wz)_i`) with dyadic weights drawn
//! from the instance's `seed`; `L²` is the exact squared Lipschitz constant of the linear map and,
//! for tanh, the least upper bound `max_S ‖Σ_{i∈S} v_i W_i‖²` (see `lipschitz_squared`). `t = s·L`.
//! With `m = 1000` seeded pairs, the network is evaluated in interval arithmetic; pairs whose
//! exceedance is undecided count against the claim as well as for it (the p-value of the exact
//! one-sided binomial test of "rate ≤ δ", `δ` the upper end of the enclosure of `exp(−s²/4)`, is
//! enclosed between the two counts), so an undecided pair can only leave the comparison undecided. The claim at an instance is `p-value > α` with
//! `α = 10⁻⁶/1000` (the suite's budget split over at most 1000 instances), so the probability
//! that a true claim is refuted anywhere in a run is at most 10⁻⁶ — up to the deviation of the
//! f64 Box–Muller samples from exact Gaussians, which is at rounding level and not accounted
//! for. The sharpened fixture multiplies the exponent by 4 and is searched on linear maps of
//! width 1, where `L` is exact.

use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::{Decision, Enclosure, Interval};
use crate::stats::{failure_rate_p_value_between, AlphaBudget};
use rug::float::Round;
use rug::{Float, Rational};

/// Pairs drawn per instance.
const PAIRS: u32 = 1000;
/// The widest tanh layer whose Lipschitz bound is maximised over all `2^width` vertices.
const VERTEX_WIDTH: usize = 12;
/// Instances the suite's α is split over.
const INSTANCES: u32 = 1000;
const PREC: u32 = 64;

/// The push-forward consequence with exponent factor `factor` (1 as published).
pub struct GaussianPushforward {
    id: &'static str,
    factor: Rational,
}

impl GaussianPushforward {
    pub fn catalogue() -> Self {
        GaussianPushforward { id: "concentration.gaussian_pushforward", factor: Rational::from(1) }
    }

    pub fn sharpened() -> Self {
        GaussianPushforward { id: "concentration.gaussian_pushforward_sharpened", factor: Rational::from(4) }
    }
}

const PARAMETERS: [ParamRequirement; 5] = [
    ParamRequirement::set("map"),
    ParamRequirement::integer("d"),
    ParamRequirement::integer("width"),
    ParamRequirement::integer("seed"),
    ParamRequirement::number("s"),
];

use crate::rng::SplitMix64 as SplitMix;

/// Uniform in (0, 1), never 0.
fn open_unit(rng: &mut SplitMix) -> f64 {
    ((rng.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
}

/// A dyadic weight `k/64`, `k ∈ [−64, 64]`: exact, so the map is a known rational function.
fn weight(rng: &mut SplitMix) -> Rational {
    Rational::from(((rng.next_u64() % 129) as i64 - 64, 64))
}

/// A standard normal draw (Box–Muller in f64, used only to generate inputs).
fn gaussian(rng: &mut SplitMix) -> f64 {
    let (u1, u2) = (open_unit(rng), open_unit(rng));
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

struct Map {
    tanh: bool,
    w: Vec<Vec<Rational>>,
    c: Vec<Rational>,
    v: Vec<Rational>,
}

impl Map {
    fn draw(tanh: bool, d: usize, width: usize, rng: &mut SplitMix) -> Map {
        let w = (0..width).map(|_| (0..d).map(|_| weight(rng)).collect()).collect();
        let c = (0..width).map(|_| if tanh { weight(rng) } else { Rational::new() }).collect();
        let v = (0..width).map(|_| weight(rng)).collect();
        Map { tanh, w, c, v }
    }

    /// The squared Lipschitz constant, exactly where it can be: the gradient is
    /// `Σ_i v_i·σ'(a_i)·W_i` with `σ' = 1` (linear) or `σ' ∈ (0, 1]` (tanh). For the linear map
    /// that is `‖Σ_i v_i W_i‖²`, exact; for tanh, `‖Σ_i c_i v_i W_i‖²` is convex in `c ∈ [0, 1]^w`,
    /// so its supremum is the largest value at a vertex, `max_S ‖Σ_{i∈S} v_i W_i‖²` over the
    /// `2^w` subsets (w ≤ 4) — the least upper bound, where `‖v‖²·‖W‖_F²` overstated `L` and so
    /// made exceedances rarer than the claim allows.
    fn lipschitz_squared(&self) -> Rational {
        let width = self.v.len();
        let squared_norm = |subset: usize| -> Rational {
            let d = self.w.first().map_or(0, Vec::len);
            (0..d)
                .map(|j| {
                    let g: Rational = (0..width).filter(|i| subset >> i & 1 == 1).map(|i| Rational::from(&self.v[i] * &self.w[i][j])).sum();
                    Rational::from(&g * &g)
                })
                .sum()
        };
        if self.tanh && width > VERTEX_WIDTH {
            // Too many vertices to enumerate: ‖v‖²·‖W‖_F² (Cauchy–Schwarz), larger but still an
            // upper bound, so the test stays sound and only loses power.
            let v2: Rational = self.v.iter().map(|x| Rational::from(x * x)).sum();
            let w2: Rational = self.w.iter().flatten().map(|x| Rational::from(x * x)).sum();
            v2 * w2
        } else if self.tanh {
            (0..1usize << width).map(squared_norm).max().unwrap_or_default()
        } else {
            squared_norm((1usize << width) - 1)
        }
    }

    fn eval(&self, z: &[f64]) -> Interval {
        let mut out = Interval::from_rational(&Rational::new(), PREC);
        for ((row, c), v) in self.w.iter().zip(&self.c).zip(&self.v) {
            let mut a = Interval::from_rational(c, PREC);
            for (wij, zj) in row.iter().zip(z) {
                let zj = Rational::from_f64(*zj).expect("finite sample");
                a = a.add(&Interval::from_rational(&Rational::from(wij * &zj), PREC), PREC);
            }
            let h = if self.tanh { tanh(&a) } else { a };
            out = out.add(&h.mul(&Interval::from_rational(v, PREC), PREC), PREC);
        }
        out
    }
}

/// `tanh` of an interval (increasing), rounded outward.
fn tanh(x: &Interval) -> Interval {
    let lo = Float::with_val_round(PREC, x.lo().tanh_ref(), Round::Down).0;
    let hi = Float::with_val_round(PREC, x.hi().tanh_ref(), Round::Up).0;
    Interval::new(lo, hi).expect("ordered")
}

impl Theorem for GaussianPushforward {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        let tanh_map = instance.choice("map")? == "tanh";
        let d = instance.count("d")? as usize;
        let width = instance.count("width")? as usize;
        let seed = instance.integer("seed")? as u64;
        let s = instance.number("s")?.clone();
        if s <= 0 || d == 0 || width == 0 {
            return Err(EvalError::reference("s, d and width must be positive"));
        }
        let mut rng = SplitMix::from_state(seed);
        let map = Map::draw(tanh_map, d, width, &mut rng);
        let l2 = map.lipschitz_squared();
        if l2 == 0 {
            return Ok(Outcome::HypothesisNotMet("the drawn map is constant (L = 0), so t = s·L = 0".into()));
        }
        let t = Enclosure::exact(l2.clone()).sqrt(PREC)?.mul(&Enclosure::exact(s.clone()), PREC);
        // Exceedances certain, and possible (certain or undecided): the p-value is enclosed
        // between the two, so an undecided pair counts against the claim as well as for it.
        let (mut certain, mut possible) = (0u32, 0u32);
        for _ in 0..PAIRS {
            let z: Vec<f64> = (0..d).map(|_| gaussian(&mut rng)).collect();
            let z2: Vec<f64> = (0..d).map(|_| gaussian(&mut rng)).collect();
            let diff: Enclosure = map.eval(&z).sub(&map.eval(&z2), PREC).into();
            match t.le(&diff) {
                Decision::True => {
                    certain += 1;
                    possible += 1;
                }
                Decision::Undecided => possible += 1,
                Decision::False => {}
            }
        }
        // δ: the upper end of exp(−factor·s²/4), a dyadic rational ≥ the bound.
        let bound = Enclosure::exact(-(Rational::from(&s * &s) * &self.factor) / 4u32).exp(PREC);
        let delta = bound.hi(PREC).to_rational().expect("finite");
        let alpha = AlphaBudget::default().per_test(INSTANCES).map_err(EvalError::reference)?;
        let p = failure_rate_p_value_between(PAIRS, certain, possible, &delta, &alpha, PREC).map_err(EvalError::reference)?;
        Ok(Outcome::Compared(Comparison::new(p, Relation::Gt, Enclosure::exact(alpha))))
    }

    fn statistical(&self) -> bool {
        true
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let map = Map::draw(
            instance.choice("map").ok()? == "tanh",
            instance.count("d").ok()? as usize,
            instance.count("width").ok()? as usize,
            &mut SplitMix::from_state(instance.integer("seed").ok()? as u64),
        );
        Some(format!("L² = {}, {PAIRS} pairs, α = 10⁻⁹", crate::reference::decimal::format_rational(&map.lipschitz_squared())))
    }
}
