//! An exact evaluator for feed-forward ReLU / leaky-ReLU networks with rational weights.
//!
//! Weights are stored as `nalgebra::DMatrix<rug::Rational>` (row `j` holds the weights into
//! output neuron `j`); products are written out by hand because `Rational` does not implement
//! the `num_traits` ring traits nalgebra's arithmetic needs. Every value is an exact rational,
//! so a network's output at a rational point is a proof, not an estimate.
//!
//! # Examples
//! ```
//! use theoremcheck::theorems::universality::network::{Activation, Layer, Network};
//! use rug::Rational;
//! // x ↦ ReLU(x − 1/2), then the identity
//! let hidden = Layer::new(vec![vec![Rational::from(1)]], vec![Rational::from((-1, 2))], Activation::Relu).unwrap();
//! let out = Layer::new(vec![vec![Rational::from(1)]], vec![Rational::from(0)], Activation::Identity).unwrap();
//! let net = Network::new(1, vec![hidden, out]).unwrap();
//! assert_eq!(net.eval(&[Rational::from((3, 4))]).unwrap(), vec![Rational::from((1, 4))]);
//! assert_eq!(net.width(), 1);
//! ```

use nalgebra::DMatrix;
use rug::Rational;
use thiserror::Error;

/// A network that cannot be built or evaluated, naming the offending layer or value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum NetworkError {
    #[error("the network has no layers")]
    Empty,
    #[error("input dimension d_x must be at least 1, got {0}")]
    ZeroInput(usize),
    #[error("layer {layer} has no output neurons")]
    EmptyLayer { layer: usize },
    #[error("layer {layer}: weight row {row} has {found} entries, the other rows have {expected}")]
    RaggedWeights { layer: usize, row: usize, expected: usize, found: usize },
    #[error("layer {layer}: {rows} weight rows but {biases} biases")]
    BiasLength { layer: usize, rows: usize, biases: usize },
    #[error("layer {layer} takes {found} inputs but the previous layer (or the input) gives {expected}: the shapes do not chain")]
    ShapeMismatch { layer: usize, expected: usize, found: usize },
    #[error("layer {layer}: weight [{row}][{col}] = {value} is not finite")]
    NonFiniteWeight { layer: usize, row: usize, col: usize, value: String },
    #[error("layer {layer}: bias [{row}] = {value} is not finite")]
    NonFiniteBias { layer: usize, row: usize, value: String },
    #[error("leaky-ReLU slope must lie in [0, 1), got {0}")]
    BadSlope(String),
    #[error("the input has {found} coordinates, the network takes {expected}")]
    InputLength { expected: usize, found: usize },
    #[error("the interval [{lo}, {hi}] is empty")]
    EmptyInterval { lo: String, hi: String },
    #[error("1-D piece enumeration needs a network with d_x = 1, got {0}")]
    NotOneDimensional(usize),
}

/// The activation after a layer's affine map.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Activation {
    /// `max(z, 0)`.
    Relu,
    /// `max(z, αz)` with `α ∈ [0, 1)`.
    LeakyRelu(Rational),
    /// No activation (the output layer).
    Identity,
}

impl Activation {
    /// A leaky ReLU with slope `alpha`, checked to lie in `[0, 1)` so that it is monotone,
    /// convex and piecewise linear with one kink.
    pub fn leaky(alpha: Rational) -> Result<Self, NetworkError> {
        if !(0..1).contains(&alpha) {
            return Err(NetworkError::BadSlope(crate::reference::decimal::format_rational(&alpha)));
        }
        Ok(Activation::LeakyRelu(alpha))
    }

    /// The slope on the negative side (1 for the identity).
    pub fn negative_slope(&self) -> Rational {
        match self {
            Activation::Relu => Rational::new(),
            Activation::LeakyRelu(a) => a.clone(),
            Activation::Identity => Rational::from(1),
        }
    }

    /// The activation at `z`, exactly.
    pub fn apply(&self, z: &Rational) -> Rational {
        if *z >= 0 {
            z.clone()
        } else {
            z * self.negative_slope()
        }
    }
}

/// One layer: `z ↦ σ(Wz + b)`.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    pub weights: DMatrix<Rational>,
    pub bias: Vec<Rational>,
    pub activation: Activation,
}

impl Layer {
    /// A layer from weight rows (one per output neuron) and biases.
    pub fn new(rows: Vec<Vec<Rational>>, bias: Vec<Rational>, activation: Activation) -> Result<Self, NetworkError> {
        Self::build(usize::MAX, rows, bias, activation)
    }

    fn build(layer: usize, rows: Vec<Vec<Rational>>, bias: Vec<Rational>, activation: Activation) -> Result<Self, NetworkError> {
        let layer_no = if layer == usize::MAX { 0 } else { layer };
        if rows.is_empty() {
            return Err(NetworkError::EmptyLayer { layer: layer_no });
        }
        if rows.len() != bias.len() {
            return Err(NetworkError::BiasLength { layer: layer_no, rows: rows.len(), biases: bias.len() });
        }
        let cols = rows[0].len();
        if let Some((row, r)) = rows.iter().enumerate().find(|(_, r)| r.len() != cols) {
            return Err(NetworkError::RaggedWeights { layer: layer_no, row, expected: cols, found: r.len() });
        }
        let weights = DMatrix::from_fn(rows.len(), cols, |i, j| rows[i][j].clone());
        Ok(Layer { weights, bias, activation })
    }

    /// A layer from `f64` weights, each converted exactly; NaN and ±∞ are refused.
    pub fn from_f64(layer: usize, rows: &[Vec<f64>], bias: &[f64], activation: Activation) -> Result<Self, NetworkError> {
        let mut exact_rows = Vec::with_capacity(rows.len());
        for (row, r) in rows.iter().enumerate() {
            let mut exact = Vec::with_capacity(r.len());
            for (col, &value) in r.iter().enumerate() {
                exact.push(Rational::from_f64(value).ok_or_else(|| NetworkError::NonFiniteWeight {
                    layer,
                    row,
                    col,
                    value: value.to_string(),
                })?);
            }
            exact_rows.push(exact);
        }
        let mut exact_bias = Vec::with_capacity(bias.len());
        for (row, &value) in bias.iter().enumerate() {
            exact_bias.push(Rational::from_f64(value).ok_or_else(|| NetworkError::NonFiniteBias {
                layer,
                row,
                value: value.to_string(),
            })?);
        }
        Self::build(layer, exact_rows, exact_bias, activation)
    }

    pub fn inputs(&self) -> usize {
        self.weights.ncols()
    }

    pub fn outputs(&self) -> usize {
        self.weights.nrows()
    }

    /// `Wz + b` for one output neuron, exactly.
    fn pre_activation(&self, row: usize, z: &[Rational]) -> Rational {
        let mut acc = self.bias[row].clone();
        for (col, zk) in z.iter().enumerate() {
            let w = &self.weights[(row, col)];
            if *w != 0 {
                acc += Rational::from(w * zk);
            }
        }
        acc
    }
}

/// A feed-forward network whose layer shapes chain from `d_x` inputs to the last layer's outputs.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    input_dim: usize,
    layers: Vec<Layer>,
}

impl Network {
    /// Checks that the shapes chain: layer 0 takes `input_dim` inputs, layer `i` takes what
    /// layer `i − 1` gives.
    pub fn new(input_dim: usize, layers: Vec<Layer>) -> Result<Self, NetworkError> {
        if input_dim == 0 {
            return Err(NetworkError::ZeroInput(input_dim));
        }
        if layers.is_empty() {
            return Err(NetworkError::Empty);
        }
        let mut expected = input_dim;
        for (i, layer) in layers.iter().enumerate() {
            if layer.inputs() != expected {
                return Err(NetworkError::ShapeMismatch { layer: i, expected, found: layer.inputs() });
            }
            expected = layer.outputs();
        }
        Ok(Network { input_dim, layers })
    }

    pub fn input_dim(&self) -> usize {
        self.input_dim
    }

    pub fn output_dim(&self) -> usize {
        self.layers.last().map_or(0, Layer::outputs)
    }

    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// The width in the minimum-width literature's sense: the most neurons in a hidden layer
    /// (every layer but the last). A network with no hidden layer has width 0.
    pub fn width(&self) -> usize {
        self.layers[..self.layers.len() - 1].iter().map(Layer::outputs).max().unwrap_or(0)
    }

    /// The number of affine layers (hidden layers + the output layer).
    pub fn depth(&self) -> usize {
        self.layers.len()
    }

    /// The network's output at `x`, exactly.
    pub fn eval(&self, x: &[Rational]) -> Result<Vec<Rational>, NetworkError> {
        if x.len() != self.input_dim {
            return Err(NetworkError::InputLength { expected: self.input_dim, found: x.len() });
        }
        let mut z = x.to_vec();
        for layer in &self.layers {
            z = (0..layer.outputs()).map(|j| layer.activation.apply(&layer.pre_activation(j, &z))).collect();
        }
        Ok(z)
    }
}
