//! Certified sup-norm error of a network against a separable convex quadratic on a box.
//!
//! # Method
//! On a sub-box `B` every neuron is bounded by two affine functions of `x`, `L(x) ≤ z(x) ≤ U(x)`,
//! propagated layer by layer in exact rationals: an affine layer combines the bounds by the
//! signs of its weights; an activation `σ(z) = max(z, αz)` (`0 ≤ α < 1`) keeps a neuron exactly
//! when its pre-activation has one sign on `B` (`min_B L ≥ 0` or `max_B U ≤ 0`), and otherwise
//! uses `σ(z) ≥ z` or `σ(z) ≥ αz` below and the chord of the convex `σ` over `[l, u]` above.
//! With `N` the network's output, for the target `f(x) = Σ a_i (x_i − c_i)²`, `a_i ≥ 0`:
//! - `sup_B (f − N) ≤ sup_B (f − L)`: convex and separable, so the supremum is at a vertex,
//!   found coordinate by coordinate;
//! - `sup_B (N − f) ≤ sup_B (U − f)`: concave and separable, maximised per coordinate at the
//!   clamped vertex of a parabola.
//!
//! Both are exact rationals. Boxes whose bound is not below the threshold are halved along their
//! widest side; the error at box corners and centres, evaluated exactly, is a certified lower
//! bound of the supremum. When every neuron is stable on a box the bounds are exact there.

use super::network::{Activation, Network};
use rug::Rational;

/// An affine function `c₀ + Σ cᵢ xᵢ`.
#[derive(Clone, Debug)]
struct Affine {
    constant: Rational,
    coef: Vec<Rational>,
}

impl Affine {
    fn scaled(&self, s: &Rational) -> Affine {
        Affine { constant: Rational::from(&self.constant * s), coef: self.coef.iter().map(|c| Rational::from(c * s)).collect() }
    }

    fn add_scaled(&mut self, other: &Affine, s: &Rational) {
        self.constant += Rational::from(&other.constant * s);
        for (c, o) in self.coef.iter_mut().zip(&other.coef) {
            *c += Rational::from(o * s);
        }
    }

    /// `(min, max)` over the box `[lo, hi]`.
    fn range(&self, lo: &[Rational], hi: &[Rational]) -> (Rational, Rational) {
        let (mut min, mut max) = (self.constant.clone(), self.constant.clone());
        for (i, c) in self.coef.iter().enumerate() {
            if *c >= 0 {
                min += Rational::from(c * &lo[i]);
                max += Rational::from(c * &hi[i]);
            } else {
                min += Rational::from(c * &hi[i]);
                max += Rational::from(c * &lo[i]);
            }
        }
        (min, max)
    }
}

/// `f(x) = Σ a_i (x_i − c_i)²` with every `a_i ≥ 0`.
#[derive(Clone, Debug, PartialEq)]
pub struct SeparableQuadratic {
    pub a: Vec<Rational>,
    pub c: Vec<Rational>,
}

impl SeparableQuadratic {
    pub fn at(&self, x: &[Rational]) -> Rational {
        self.a.iter().zip(&self.c).zip(x).map(|((a, c), x)| a * Rational::from(x - c).square()).sum()
    }

    /// `sup_box (f − ℓ)` for affine `ℓ`: each coordinate's convex term is largest at an end.
    fn sup_minus(&self, l: &Affine, lo: &[Rational], hi: &[Rational]) -> Rational {
        let mut total = Rational::from(-&l.constant);
        for i in 0..self.a.len() {
            let term = |x: &Rational| (&self.a[i] * Rational::from(x - &self.c[i]).square()) - Rational::from(&l.coef[i] * x);
            total += term(&lo[i]).max(term(&hi[i]));
        }
        total
    }

    /// `sup_box (u − f)` for affine `u`: each coordinate's concave term `uᵢx − aᵢ(x − cᵢ)²` is
    /// largest at its vertex `cᵢ + uᵢ/(2aᵢ)` clamped to the side, or at an end when `aᵢ = 0`.
    fn sup_plus(&self, u: &Affine, lo: &[Rational], hi: &[Rational]) -> Rational {
        let mut total = u.constant.clone();
        for i in 0..self.a.len() {
            let term = |x: &Rational| Rational::from(&u.coef[i] * x) - (&self.a[i] * Rational::from(x - &self.c[i]).square());
            let best = if self.a[i] == 0 {
                term(&lo[i]).max(term(&hi[i]))
            } else {
                let vertex: Rational = &self.c[i] + (&u.coef[i] / (2 * self.a[i].clone()));
                let clamped = vertex.max(lo[i].clone()).min(hi[i].clone());
                term(&clamped)
            };
            total += best;
        }
        total
    }
}

/// Affine bounds of the network's first output over the box.
fn output_bounds(net: &Network, lo: &[Rational], hi: &[Rational]) -> (Affine, Affine) {
    let d = lo.len();
    let unit = |i: usize| Affine { constant: Rational::new(), coef: (0..d).map(|k| Rational::from(u8::from(k == i))).collect() };
    let mut lower: Vec<Affine> = (0..d).map(unit).collect();
    let mut upper = lower.clone();
    for layer in net.layers() {
        let mut new_lower = Vec::with_capacity(layer.outputs());
        let mut new_upper = Vec::with_capacity(layer.outputs());
        for j in 0..layer.outputs() {
            let zero = Affine { constant: layer.bias[j].clone(), coef: vec![Rational::new(); d] };
            let (mut l, mut u) = (zero.clone(), zero);
            for k in 0..layer.inputs() {
                let w = &layer.weights[(j, k)];
                if *w > 0 {
                    l.add_scaled(&lower[k], w);
                    u.add_scaled(&upper[k], w);
                } else if *w < 0 {
                    l.add_scaled(&upper[k], w);
                    u.add_scaled(&lower[k], w);
                }
            }
            if layer.activation != Activation::Identity {
                let alpha = layer.activation.negative_slope();
                let (lmin, _) = l.range(lo, hi);
                let (_, umax) = u.range(lo, hi);
                if lmin >= 0 {
                    // active everywhere on the box: σ is the identity
                } else if umax <= 0 {
                    l = l.scaled(&alpha);
                    u = u.scaled(&alpha);
                } else {
                    // chord of σ over [lmin, umax]: σ(z) ≤ αlmin + λ(z − lmin), λ = (umax − αlmin)/(umax − lmin) ≥ 0
                    let alpha_l = Rational::from(&alpha * &lmin);
                    let lambda = Rational::from(&umax - &alpha_l) / Rational::from(&umax - &lmin);
                    let mut chord = u.scaled(&lambda);
                    chord.constant += alpha_l - Rational::from(&lambda * &lmin);
                    u = chord;
                    // σ(z) ≥ z and σ(z) ≥ αz: keep the one that loses less on this box
                    if Rational::from(-&lmin) > umax {
                        l = l.scaled(&alpha);
                    }
                }
            }
            new_lower.push(l);
            new_upper.push(u);
        }
        lower = new_lower;
        upper = new_upper;
    }
    (lower.swap_remove(0), upper.swap_remove(0))
}

/// What the search certified about `sup_{[0,1]^d} |f − N|`.
#[derive(Clone, Debug, PartialEq)]
pub struct SupBound {
    /// The largest error found at an evaluated point (a certified lower bound of the supremum).
    pub lower: Rational,
    /// A certified upper bound of the supremum (the largest bound over the final boxes); `None`
    /// when the search stopped early because the lower bound already reached the threshold.
    pub upper: Option<Rational>,
    pub boxes: usize,
}

/// Bounds `sup_{[0,1]^d} |f − N|` until the upper bound is below `threshold`, the lower bound
/// reaches it, or `budget` boxes have been examined.
pub fn sup_error_unit_cube(net: &Network, f: &SeparableQuadratic, threshold: &Rational, budget: usize) -> SupBound {
    let d = net.input_dim();
    let error_at = |x: &[Rational]| -> Rational {
        let y = net.eval(x).map(|v| v[0].clone()).unwrap_or_default();
        (f.at(x) - y).abs()
    };
    let mut lower = Rational::new();
    // Every corner of the cube is evaluated: for tangent-plane constructions the worst error sits at
    // grid corners, which the halving below reaches as box corners.
    let mut stack = vec![(vec![Rational::new(); d], vec![Rational::from(1); d])];
    let mut leaves_upper = Rational::new();
    let mut boxes = 0usize;
    while let Some((lo, hi)) = stack.pop() {
        boxes += 1;
        for mask in 0..(1usize << d) {
            let corner: Vec<Rational> = (0..d).map(|i| if mask >> i & 1 == 1 { hi[i].clone() } else { lo[i].clone() }).collect();
            lower = lower.max(error_at(&corner));
        }
        if lower >= *threshold {
            return SupBound { lower, upper: None, boxes };
        }
        let (l, u) = output_bounds(net, &lo, &hi);
        let bound = f.sup_minus(&l, &lo, &hi).max(f.sup_plus(&u, &lo, &hi)).max(Rational::new());
        if bound < *threshold || boxes + stack.len() >= budget {
            leaves_upper = leaves_upper.max(bound);
            continue;
        }
        let widest = (0..d).max_by(|&i, &j| Rational::from(&hi[i] - &lo[i]).cmp(&Rational::from(&hi[j] - &lo[j]))).unwrap_or(0);
        let mid = Rational::from(&lo[widest] + &hi[widest]) / 2u32;
        let (mut hi_left, mut lo_right) = (hi.clone(), lo.clone());
        hi_left[widest] = mid.clone();
        lo_right[widest] = mid;
        stack.push((lo_right, hi));
        stack.push((lo, hi_left));
    }
    SupBound { upper: Some(leaves_upper.max(lower.clone())), lower, boxes }
}
