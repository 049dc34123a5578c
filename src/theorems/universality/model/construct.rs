//! Narrow ReLU networks built by the constructions in the upper-bound proofs.
//!
//! - [`max_of_affine`]: width `d_x + 1` for `max_k ℓ_k(x)` on `[0,1]^{d_x}` (Hanin 2019, the
//!   convex case). The state after layer `k` is `(x, s_k)` with `s_k = max(ℓ_1..ℓ_k)(x) − ℓ_k(x)
//!   ≥ 0`, since `max(m, ℓ_{k+1}) − ℓ_{k+1} = ReLU(m − ℓ_{k+1}) = ReLU(s_k + ℓ_k − ℓ_{k+1})` is a
//!   ReLU of an affine function of the state; `x ≥ 0` passes through ReLU unchanged.
//! - [`interpolant_1d`]: width 2 for the linear interpolant of `f` at `0 = t_0 < … < t_N = 1`,
//!   written `g(x) = f(0) + s_0 x + Σ_k c_k ReLU(x − t_k)`. The state is `(u_k, acc_k)`:
//!   `u_k = ReLU(x − t_k)` is obtained from `u_{k−1}` as `ReLU(u_{k−1} − (t_k − t_{k−1}))`, so `x`
//!   itself need not be carried, and `acc_k = M + partial sum` stays `≥ 0` because the offset
//!   `M = |f(0)| + |s_0| + Σ|c_k|` bounds every partial sum on `[0,1]`.

use super::box_bound::SeparableQuadratic;
use super::network::{Activation, Layer, Network, NetworkError};
use rug::Rational;

/// An affine piece `g·x + b`.
#[derive(Clone, Debug, PartialEq)]
pub struct AffinePiece {
    pub gradient: Vec<Rational>,
    pub offset: Rational,
}

/// The width-`(d + 1)` network computing `max_k (g_k·x + b_k)` on `[0,1]^d`.
pub fn max_of_affine(d: usize, pieces: &[AffinePiece]) -> Result<Network, NetworkError> {
    if pieces.is_empty() {
        return Err(NetworkError::Empty);
    }
    let identity_rows = |extra: usize| -> Vec<Vec<Rational>> {
        (0..d).map(|i| (0..d + extra).map(|k| Rational::from(u8::from(k == i))).collect()).collect()
    };
    let mut layers = Vec::with_capacity(pieces.len() + 1);
    // Layer 1: (x, s_1 = 0).
    let mut rows = identity_rows(0);
    rows.push(vec![Rational::new(); d]);
    layers.push(Layer::new(rows, vec![Rational::new(); d + 1], Activation::Relu)?);
    for k in 1..pieces.len() {
        let (prev, next) = (&pieces[k - 1], &pieces[k]);
        let mut rows = identity_rows(1);
        let mut s_row: Vec<Rational> = (0..d).map(|i| Rational::from(&prev.gradient[i] - &next.gradient[i])).collect();
        s_row.push(Rational::from(1));
        rows.push(s_row);
        let mut bias = vec![Rational::new(); d];
        bias.push(Rational::from(&prev.offset - &next.offset));
        layers.push(Layer::new(rows, bias, Activation::Relu)?);
    }
    // Output: max = s_K + ℓ_K(x).
    let last = pieces.last().expect("non-empty");
    let mut out_row = last.gradient.clone();
    out_row.push(Rational::from(1));
    layers.push(Layer::new(vec![out_row], vec![last.offset.clone()], Activation::Identity)?);
    Network::new(d, layers)
}

/// The tangent planes of `f` at the grid points `((j + ½)/n)` in each coordinate (`n^d` pieces).
/// For convex `f`, `max_p ℓ_p ≤ f`, and the gap at `x` is at most `f(x) − ℓ_p(x) = Σ aᵢ(xᵢ − pᵢ)²`
/// for the nearest grid point, so `sup |f − max ℓ_p| ≤ Σ aᵢ / (4n²)`.
pub fn tangent_planes(f: &SeparableQuadratic, n: u32) -> Vec<AffinePiece> {
    let d = f.a.len();
    let grid: Vec<Rational> = (0..n).map(|j| Rational::from((2 * j + 1, 2 * n))).collect();
    let mut points: Vec<Vec<Rational>> = vec![Vec::new()];
    for _ in 0..d {
        points = points.into_iter().flat_map(|p| grid.iter().map(move |g| [p.clone(), vec![g.clone()]].concat())).collect();
    }
    points
        .into_iter()
        .map(|p| {
            // ℓ_p(x) = f(p) + Σ 2aᵢ(pᵢ − cᵢ)(xᵢ − pᵢ)
            let gradient: Vec<Rational> = (0..d).map(|i| (2 * f.a[i].clone()) * Rational::from(&p[i] - &f.c[i])).collect();
            let offset = f.at(&p) - gradient.iter().zip(&p).map(|(g, x)| Rational::from(g * x)).sum::<Rational>();
            AffinePiece { gradient, offset }
        })
        .collect()
}

/// The smallest power of two `n` with `Σ aᵢ / (4n²) < ε` (the proof's bound), capped at `cap`.
pub fn tangent_grid_for(f: &SeparableQuadratic, eps: &Rational, cap: u32) -> u32 {
    let total: Rational = f.a.iter().cloned().sum();
    let mut n = 1u32;
    while n < cap && (&total / Rational::from(4 * u64::from(n) * u64::from(n))) >= *eps {
        n *= 2;
    }
    n
}

/// The width-2 network computing the linear interpolant of `values` at `t_k = k/N`, `N = values.len() − 1`.
pub fn interpolant_1d(values: &[Rational]) -> Result<Network, NetworkError> {
    let n = values.len().saturating_sub(1);
    if n == 0 {
        return Err(NetworkError::Empty);
    }
    let h = Rational::from((1, n as u64));
    let slopes: Vec<Rational> = values.windows(2).map(|w| Rational::from(&w[1] - &w[0]) * Rational::from(n as u64)).collect();
    let kinks: Vec<Rational> = slopes.windows(2).map(|w| Rational::from(&w[1] - &w[0])).collect();
    let offset: Rational = values[0].clone().abs() + slopes[0].clone().abs() + kinks.iter().map(|c| c.clone().abs()).sum::<Rational>();
    let one = || Rational::from(1);
    let zero = Rational::new;
    let mut layers = Vec::with_capacity(n + 1);
    // Layer 1: (u_1 = ReLU(x − t_1), acc = ReLU(M + f(0) + s_0 x)).
    layers.push(Layer::new(
        vec![vec![one()], vec![slopes[0].clone()]],
        vec![Rational::from(-&h), Rational::from(&offset + &values[0])],
        Activation::Relu,
    )?);
    // Layer k+1 adds c_k ReLU(x − t_k) = c_k u_k and moves u along.
    for c in &kinks {
        layers.push(Layer::new(vec![vec![one(), zero()], vec![c.clone(), one()]], vec![Rational::from(-&h), zero()], Activation::Relu)?);
    }
    layers.push(Layer::new(vec![vec![zero(), one()]], vec![Rational::from(-&offset)], Activation::Identity)?);
    Network::new(1, layers)
}
