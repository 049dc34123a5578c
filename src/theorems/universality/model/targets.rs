//! Generated 1-D targets on `[0,1]`: quadratics and piecewise-linear functions from a seed.

use super::common::SeededRng;
use super::piecewise::PiecewiseLinear;
use rug::Rational;

/// A piecewise-linear target with knots on the grid `j/8` (0 and 1 included) and values on the
/// grid `k/16` in `[−1/2, 1/2]`, so its slopes are at most 8 in absolute value.
pub fn piecewise_target(seed: i64) -> PiecewiseLinear {
    let mut rng = SeededRng::new(seed);
    let mut knots = vec![Rational::new()];
    for j in 1..8 {
        if rng.below(2) == 0 {
            knots.push(Rational::from((j, 8)));
        }
    }
    knots.push(Rational::from(1));
    let values = knots.iter().map(|_| rng.grid(-8, 8, 16)).collect();
    PiecewiseLinear { knots, values }
}

/// A tent: 0 at both ends, height `h ∈ {1/8, …, 1}` at a peak `p ∈ {1/8, …, 7/8}`.
pub fn tent_target(seed: i64) -> PiecewiseLinear {
    let mut rng = SeededRng::new(seed);
    let p = rng.grid(1, 7, 8);
    let h = rng.grid(1, 8, 8);
    PiecewiseLinear { knots: vec![Rational::new(), p, Rational::from(1)], values: vec![Rational::new(), h, Rational::new()] }
}

/// The largest absolute slope.
pub fn lipschitz(f: &PiecewiseLinear) -> Rational {
    f.knots
        .windows(2)
        .zip(f.values.windows(2))
        .map(|(x, y)| (Rational::from(&y[1] - &y[0]) / Rational::from(&x[1] - &x[0])).abs())
        .max()
        .unwrap_or_default()
}
