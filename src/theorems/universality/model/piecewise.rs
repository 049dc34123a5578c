//! Continuous piecewise-linear functions on an interval, exactly, and the exact linear pieces of
//! a 1-D network.
//!
//! A ReLU or leaky-ReLU network with one input is continuous and piecewise linear. Its pieces are
//! found layer by layer: every neuron of a layer is linear between the layer's common knots; the
//! activation adds a knot wherever some neuron's pre-activation crosses zero between two knots
//! (an exact rational, since the pre-activation is linear there); after those knots are added
//! each neuron keeps one sign per piece, so its activation is linear per piece too. Nothing is
//! sampled: the knots and values are exact.

use super::network::{Network, NetworkError};
use rug::Rational;

/// A continuous piecewise-linear function given by its values at sorted knots; linear between.
#[derive(Clone, Debug, PartialEq)]
pub struct PiecewiseLinear {
    pub knots: Vec<Rational>,
    pub values: Vec<Rational>,
}

impl PiecewiseLinear {
    /// The value at `x` (inside the knot range), by linear interpolation.
    pub fn at(&self, x: &Rational) -> Rational {
        let i = match self.knots.binary_search(x) {
            Ok(i) => return self.values[i].clone(),
            Err(i) => i.clamp(1, self.knots.len() - 1),
        };
        interpolate(&self.knots[i - 1], &self.values[i - 1], &self.knots[i], &self.values[i], x)
    }

    /// The largest rise `f(y) − f(x)` over `x < y` (0 for a non-increasing function).
    /// Attained at knots, since a piecewise-linear function's extremes over any sub-range are.
    pub fn worst_rise(&self) -> Rational {
        let mut lowest = self.values[0].clone();
        let mut best = Rational::new();
        for v in &self.values {
            let rise = Rational::from(v - &lowest);
            if rise > best {
                best = rise;
            }
            if *v < lowest {
                lowest = v.clone();
            }
        }
        best
    }

    /// The largest fall `f(x) − f(y)` over `x < y`.
    pub fn worst_fall(&self) -> Rational {
        let negated = PiecewiseLinear { knots: self.knots.clone(), values: self.values.iter().map(|v| Rational::from(-v)).collect() };
        negated.worst_rise()
    }

    /// `sup |self − other|` over the common range, exactly: the difference is piecewise linear
    /// on the union of the knots, so its extremes are at those knots.
    pub fn sup_distance(&self, other: &PiecewiseLinear) -> Rational {
        merged_knots(&self.knots, &other.knots).iter().map(|x| (self.at(x) - other.at(x)).abs()).max().unwrap_or_default()
    }
}

fn interpolate(x0: &Rational, y0: &Rational, x1: &Rational, y1: &Rational, x: &Rational) -> Rational {
    let t = Rational::from(x - x0) / Rational::from(x1 - x0);
    y0 + t * Rational::from(y1 - y0)
}

fn merged_knots(a: &[Rational], b: &[Rational]) -> Vec<Rational> {
    let mut all: Vec<Rational> = a.iter().chain(b.iter()).cloned().collect();
    all.sort();
    all.dedup();
    all
}

/// The network's outputs on `[lo, hi]` as exact piecewise-linear functions, one per output.
pub fn network_pieces(net: &Network, lo: &Rational, hi: &Rational) -> Result<Vec<PiecewiseLinear>, NetworkError> {
    if net.input_dim() != 1 {
        return Err(NetworkError::NotOneDimensional(net.input_dim()));
    }
    if lo >= hi {
        return Err(NetworkError::EmptyInterval { lo: lo.to_string(), hi: hi.to_string() });
    }
    let mut knots = vec![lo.clone(), hi.clone()];
    // values[k][neuron]: the current layer's outputs at knot k.
    let mut values: Vec<Vec<Rational>> = knots.iter().map(|x| vec![x.clone()]).collect();
    for layer in net.layers() {
        let pre: Vec<Vec<Rational>> = values
            .iter()
            .map(|z| {
                (0..layer.outputs())
                    .map(|j| {
                        let mut acc = layer.bias[j].clone();
                        for (col, zk) in z.iter().enumerate() {
                            let w = &layer.weights[(j, col)];
                            if *w != 0 {
                                acc += Rational::from(w * zk);
                            }
                        }
                        acc
                    })
                    .collect()
            })
            .collect();
        // Insert the zero crossings of every neuron between consecutive knots.
        let mut new_knots = Vec::with_capacity(knots.len() * 2);
        let mut new_pre = Vec::with_capacity(knots.len() * 2);
        for k in 0..knots.len() {
            new_knots.push(knots[k].clone());
            new_pre.push(pre[k].clone());
            if k + 1 == knots.len() || layer.activation == super::network::Activation::Identity {
                continue;
            }
            let mut crossings: Vec<Rational> = (0..layer.outputs())
                .filter_map(|j| {
                    let (a, b) = (&pre[k][j], &pre[k + 1][j]);
                    if (*a < 0 && *b > 0) || (*a > 0 && *b < 0) {
                        // a + t(b − a) = 0 at t = a/(a − b)
                        let t = a / Rational::from(a - b);
                        Some(&knots[k] + t * Rational::from(&knots[k + 1] - &knots[k]))
                    } else {
                        None
                    }
                })
                .collect();
            crossings.sort();
            crossings.dedup();
            for x in crossings {
                let p: Vec<Rational> =
                    (0..layer.outputs()).map(|j| interpolate(&knots[k], &pre[k][j], &knots[k + 1], &pre[k + 1][j], &x)).collect();
                new_knots.push(x);
                new_pre.push(p);
            }
        }
        values = new_pre.iter().map(|p| p.iter().map(|z| layer.activation.apply(z)).collect()).collect();
        knots = new_knots;
    }
    let outputs = net.output_dim();
    Ok((0..outputs).map(|j| PiecewiseLinear { knots: knots.clone(), values: values.iter().map(|v| v[j].clone()).collect() }).collect())
}

/// `sup_{x ∈ [x0, x1]} |q(x) − ℓ(x)|` for the quadratic `q(x) = a x² + b x + c` and the line
/// through `(x0, y0)`, `(x1, y1)`: the difference is a quadratic, so the supremum is at an end or
/// at its vertex when the vertex is inside. Exact.
pub fn quadratic_minus_line_sup(
    a: &Rational,
    b: &Rational,
    c: &Rational,
    x0: &Rational,
    y0: &Rational,
    x1: &Rational,
    y1: &Rational,
) -> Rational {
    let slope = Rational::from(y1 - y0) / Rational::from(x1 - x0);
    let q = |x: &Rational| (a * Rational::from(x * x)) + Rational::from(b * x) + c.clone();
    let diff = |x: &Rational| (q(x) - interpolate(x0, y0, x1, y1, x)).abs();
    let mut best = diff(x0).max(diff(x1));
    if *a != 0 {
        // d/dx (a x² + (b − slope) x) = 0
        let vertex = (-(Rational::from(b - &slope))) / (2 * a.clone());
        if vertex > *x0 && vertex < *x1 {
            best = best.max(diff(&vertex));
        }
    }
    best
}

/// `sup_{[lo,hi]} |a x² + b x + c − g(x)|` for a piecewise-linear `g`, exactly.
pub fn quadratic_sup_distance(a: &Rational, b: &Rational, c: &Rational, g: &PiecewiseLinear) -> Rational {
    g.knots
        .windows(2)
        .zip(g.values.windows(2))
        .map(|(x, y)| quadratic_minus_line_sup(a, b, c, &x[0], &y[0], &x[1], &y[1]))
        .max()
        .unwrap_or_default()
}
