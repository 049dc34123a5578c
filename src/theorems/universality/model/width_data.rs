//! The published minimum-width results, as data.
//!
//! One [`WidthClaim`] per statement: paper and version, activation(s) (as text and as a predicate
//! over the activation settings below), function class and norm, domain, kind (exact / upper /
//! lower), the formula in `(d_x, d_y)`, its conditions, the statement as the source words it, and
//! how much of it was verified. The verification tags come from the research notes
//! (`/tmp/research/universality.md` at the time of writing): "[V]" checked against text in the
//! corpus, "[V-abs]" against the abstract only, "[U]" not found (recorded from secondary sources or
//! memory; encoded, but flagged). Theorem numbers are unverified unless stated.
//!
//! Claims whose formula the sources do not pin down (Li–Duan–Ji–Cai v3's `Δ`, Cai's ReLU+FLOOR
//! width) carry `formula: None`: they are shown in the table and never compared.

use std::fmt;

/// The function class and norm a width result is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum FnClass {
    /// Uniform approximation of continuous functions on a compact set (C(K)).
    Uniform,
    /// Uniform approximation of *convex* continuous functions on [0,1]^{d_x} (a subclass).
    UniformConvex,
    /// L^p approximation, p ∈ [1, ∞), on a compact set (every L^p row covers p = 1).
    LpCompact,
    /// L^p approximation, p ∈ [1, ∞), on all of R^{d_x}.
    LpWhole,
    /// Approximation of C^1 functions in W^{1,∞} on a compact set.
    Sobolev,
    /// Deep RNNs, sequence-to-sequence, uniform on compact sets of sequences.
    RnnUniform,
    /// Deep RNNs, sequence-to-sequence, L^p.
    RnnLp,
}

impl FnClass {
    pub fn label(self) -> &'static str {
        match self {
            FnClass::Uniform => "C(K), uniform",
            FnClass::UniformConvex => "C(K) convex targets, uniform",
            FnClass::LpCompact => "L^p(K)",
            FnClass::LpWhole => "L^p(R^d_x)",
            FnClass::Sobolev => "C^1 in W^{1,∞}(K)",
            FnClass::RnnUniform => "RNN seq-to-seq, uniform",
            FnClass::RnnLp => "RNN seq-to-seq, L^p",
        }
    }

    /// Whether universality in `self` implies universality in `other` (so an upper bound for
    /// `self` is one for `other`, and a lower bound for `other` is one for `self`):
    /// - reflexive;
    /// - W^{1,∞} ⇒ C(K): the W^{1,∞} norm dominates the sup norm, and C^1 is dense in C(K);
    /// - C(K) ⇒ L^p(K): the sup norm dominates the L^p norm on a compact set, and C(K) is dense
    ///   in L^p(K);
    /// - L^p(R^{d_x}) ⇒ L^p(K): extend a target by zero, restrict the approximant to K.
    pub fn implies(self, other: FnClass) -> bool {
        use FnClass::*;
        self == other || matches!((self, other), (Sobolev, Uniform) | (Sobolev, LpCompact) | (Uniform, LpCompact) | (LpWhole, LpCompact))
    }

    /// Whether w_min for this class is non-decreasing in d_x and in d_y. Dropping outputs keeps
    /// width; a function of fewer inputs is one of more inputs restricted to a slice (uniform),
    /// or to a slice with small L^p error, which exists by Fubini (L^p on a cube). Not claimed
    /// for L^p(R^{d_x}) (the slice argument needs a bounded domain) nor for the others.
    pub fn monotone_in_dimensions(self) -> bool {
        matches!(self, FnClass::Uniform | FnClass::LpCompact)
    }

    pub const ALL: [FnClass; 7] = [
        FnClass::Uniform,
        FnClass::UniformConvex,
        FnClass::LpCompact,
        FnClass::LpWhole,
        FnClass::Sobolev,
        FnClass::RnnUniform,
        FnClass::RnnLp,
    ];
}

/// Exact value, upper bound, or lower bound on w_min.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Exact,
    Upper,
    Lower,
}

impl Kind {
    pub fn bounds_above(self) -> bool {
        matches!(self, Kind::Exact | Kind::Upper)
    }
    pub fn bounds_below(self) -> bool {
        matches!(self, Kind::Exact | Kind::Lower)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Exact => "exact",
            Kind::Upper => "upper",
            Kind::Lower => "lower",
        })
    }
}

/// Concrete activation functions, with the properties the claims' hypotheses ask about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Act {
    Relu,
    LeakyRelu,
    /// max(x, −αx): the negative-slope partner in Rochau et al.'s pair (not monotone).
    LeakyReluNegative,
    Gelu,
    Softplus,
    Sigmoid,
    Tanh,
    Elu,
    Selu,
    Celu,
    HardSwish,
    /// x², a non-affine polynomial.
    Square,
    Step,
    Floor,
}

impl Act {
    pub fn continuous(self) -> bool {
        !matches!(self, Act::Step | Act::Floor)
    }
    /// Monotone (non-decreasing). For a continuous σ on R this is the same as being a uniform
    /// limit of continuous injective functions (σ + δ·tanh is injective; injective continuous
    /// maps are strictly monotone and uniform limits of those are monotone).
    pub fn monotone(self) -> bool {
        !matches!(self, Act::Gelu | Act::HardSwish | Act::Square | Act::LeakyReluNegative)
    }
    pub fn polynomial(self) -> bool {
        matches!(self, Act::Square)
    }
    /// Continuously differentiable near some point with a non-zero derivative there.
    pub fn c1_nonzero_somewhere(self) -> bool {
        self.continuous()
    }
    /// Globally Lipschitz.
    pub fn lipschitz(self) -> bool {
        self.continuous() && !matches!(self, Act::Square)
    }
    /// Kim–Min–Park's "ReLU-LIKE" activations, as their abstract lists them.
    pub fn relu_like(self) -> bool {
        matches!(self, Act::Relu | Act::Gelu | Act::Softplus)
    }
    /// Shin–Kim–Hwang–Park's squashable activations, as far as their Lemma 4 (non-affine analytic)
    /// and Lemma 5 (leaky ReLU, HardSwish) name them.
    pub fn squashable(self) -> bool {
        matches!(self, Act::Sigmoid | Act::Tanh | Act::Softplus | Act::Gelu | Act::Square | Act::LeakyRelu | Act::HardSwish)
    }
    /// C^{1,1} nonpolynomial, or ReLU / leaky-ReLU (Hwang 2025's list).
    pub fn hwang_2025(self) -> bool {
        matches!(self, Act::Relu | Act::LeakyRelu | Act::Sigmoid | Act::Tanh | Act::Softplus | Act::Gelu | Act::Elu | Act::Celu)
    }
}

/// The activations a network may use (one, or a set used together).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Setting {
    pub name: &'static str,
    pub acts: &'static [Act],
}

impl Setting {
    fn single(&self) -> Option<Act> {
        match self.acts {
            [a] => Some(*a),
            _ => None,
        }
    }
    fn is(&self, acts: &[Act]) -> bool {
        self.acts == acts
    }
}

/// The activation settings the consistency check ranges over: every activation a claim names,
/// plus the sets some claims are about.
pub const SETTINGS: &[Setting] = &[
    Setting { name: "ReLU", acts: &[Act::Relu] },
    Setting { name: "leaky-ReLU", acts: &[Act::LeakyRelu] },
    Setting { name: "GELU", acts: &[Act::Gelu] },
    Setting { name: "Softplus", acts: &[Act::Softplus] },
    Setting { name: "sigmoid", acts: &[Act::Sigmoid] },
    Setting { name: "tanh", acts: &[Act::Tanh] },
    Setting { name: "ELU", acts: &[Act::Elu] },
    Setting { name: "SELU", acts: &[Act::Selu] },
    Setting { name: "CELU", acts: &[Act::Celu] },
    Setting { name: "HardSwish", acts: &[Act::HardSwish] },
    Setting { name: "x^2", acts: &[Act::Square] },
    Setting { name: "{ReLU, STEP}", acts: &[Act::Relu, Act::Step] },
    Setting { name: "{ReLU, FLOOR}", acts: &[Act::Relu, Act::Floor] },
    Setting { name: "{sigmoid, FLOOR}", acts: &[Act::Sigmoid, Act::Floor] },
    Setting { name: "{leaky-ReLU α, leaky-ReLU −α}", acts: &[Act::LeakyRelu, Act::LeakyReluNegative] },
];

/// One published minimum-width statement.
#[derive(Clone, Copy)]
pub struct WidthClaim {
    /// A short, stable key used in reports.
    pub key: &'static str,
    pub paper: &'static str,
    /// arXiv id and version the statement was read from.
    pub version: &'static str,
    /// Theorem / section, as far as verified.
    pub locator: &'static str,
    pub activation: &'static str,
    pub applies: fn(&Setting) -> bool,
    pub class: FnClass,
    pub domain: &'static str,
    pub kind: Kind,
    pub formula_text: &'static str,
    pub formula: Option<fn(u32, u32) -> u32>,
    pub condition_text: &'static str,
    pub condition: fn(u32, u32) -> bool,
    /// The statement as the source words it.
    pub statement: &'static str,
    pub verification: &'static str,
    /// Superseded by a later version of the same paper (Li–Duan–Ji–Cai v1).
    pub superseded: bool,
}

impl fmt::Debug for WidthClaim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WidthClaim({})", self.key)
    }
}

impl WidthClaim {
    /// Where the claim comes from, for conflict reports.
    pub fn source(&self) -> String {
        format!("{} [{}; {}]", self.paper, self.version, self.locator)
    }

    /// The claimed width at `(d_x, d_y)`: `Ok(None)` where the claim's conditions fail or it has
    /// no formula.
    pub fn width_at(&self, dx: u32, dy: u32) -> Result<Option<u32>, WidthError> {
        if dx == 0 {
            return Err(WidthError::ZeroDimension { name: "d_x" });
        }
        if dy == 0 {
            return Err(WidthError::ZeroDimension { name: "d_y" });
        }
        Ok(match self.formula {
            Some(f) if (self.condition)(dx, dy) => Some(f(dx, dy)),
            _ => None,
        })
    }
}

/// Bad input to the width table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum WidthError {
    #[error("{name} must be at least 1 (a network has at least one input and one output), got 0")]
    ZeroDimension { name: &'static str },
    #[error("no width claim has key '{0}'")]
    UnknownClaim(String),
}

fn always(_: u32, _: u32) -> bool {
    true
}
fn scalar(_: u32, dy: u32) -> bool {
    dy == 1
}
fn single(s: &Setting, p: fn(Act) -> bool) -> bool {
    s.single().is_some_and(p)
}
fn all_continuous_monotone(s: &Setting) -> bool {
    s.acts.iter().all(|a| a.continuous() && a.monotone())
}
fn is_relu(s: &Setting) -> bool {
    s.is(&[Act::Relu])
}
fn is_leaky(s: &Setting) -> bool {
    s.is(&[Act::LeakyRelu])
}
fn yzz_family(s: &Setting) -> bool {
    single(s, |a| matches!(a, Act::LeakyRelu | Act::Elu | Act::Celu | Act::Selu | Act::Softplus))
}
fn elu_selu(s: &Setting) -> bool {
    single(s, |a| matches!(a, Act::Elu | Act::Selu))
}
fn never(_: &Setting) -> bool {
    false
}

const LU: &str = "Lu, Pu, Wang, Hu, Wang: The Expressive Power of Neural Networks: A View from the Width, NeurIPS 2017";
const HANIN_SELLKE: &str = "Hanin & Sellke: Approximating Continuous Functions by ReLU Nets of Minimal Width, 2017";
const HANIN: &str =
    "Hanin: Universal Function Approximation by Deep Neural Nets with Bounded Width and ReLU Activations, Mathematics 7(10):992, 2019";
const JOHNSON: &str = "Johnson: Deep, Skinny Neural Networks are not Universal Approximators, ICLR 2019";
const KIDGER: &str = "Kidger & Lyons: Universal Approximation with Deep Narrow Networks, COLT 2020";
const PARK: &str = "Park, Yun, Lee, Shin: Minimum Width for Universal Approximation, ICLR 2021";
const CAI: &str = "Cai: Achieve the Minimum Width of Neural Networks for Universal Approximation, ICLR 2023";
const LI: &str =
    "Li, Duan, Ji, Cai: Minimum Width of Leaky-ReLU Neural Networks for Uniform Universal Approximation, 2023 (v1), ICML 2024 (v3)";
const KIM: &str = "Kim, Min, Park: Minimum width for universal approximation using ReLU networks on compact domain, ICLR 2024";
const HWANG23: &str = "Hwang: Minimum width for deep, narrow MLP: a diffeomorphism and the Whitney embedding theorem approach, 2023";
const HWANG25: &str =
    "Hwang: Optimal Minimum Width for the Universal Approximation of Continuously Differentiable Functions by Deep Narrow MLPs, 2025";
const ROCHAU: &str = "Rochau, Chan, Gottschalk: New advances in universal approximation with neural networks of minimal width, 2024";
const SHIN: &str = "Shin, Kim, Hwang, Park: Minimum width for universal approximation using squashable activation functions, ICML 2025";
const YZZ: &str = "Yang, Zhou, Zhou: Minimum Width of Deep Narrow Networks for Universal Approximation, 2025";
const RNN: &str = "Song, Hwang, Lee, Kang: Minimal Width for Universal Property of Deep RNN, 2022";

/// Every recorded claim, in the order of the research table.
pub fn claims() -> Vec<WidthClaim> {
    use FnClass::*;
    use Kind::*;
    vec![
        WidthClaim {
            key: "lu2017_upper", paper: LU, version: "arXiv:1709.02540", locator: "main theorem (number unverified)",
            activation: "ReLU", applies: is_relu, class: LpWhole, domain: "R^{d_x}, L^1", kind: Upper,
            formula_text: "d_x + 4", formula: Some(|dx, _| dx + 4), condition_text: "d_y = 1", condition: scalar,
            statement: "width-(n + 4) ReLU networks, where n is the input dimension, are universal approximators (L^1, Lebesgue-integrable functions)",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "lu2017_lower", paper: LU, version: "arXiv:1709.02540", locator: "lower-bound theorem (number unverified)",
            activation: "ReLU", applies: is_relu, class: LpWhole, domain: "R^{d_x}, L^1", kind: Lower,
            formula_text: "d_x + 1", formula: Some(|dx, _| dx + 1), condition_text: "d_y = 1", condition: scalar,
            statement: "except for a measure zero set, all functions cannot be approximated by width-n ReLU networks (so width n = d_x is too narrow)",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "hanin_sellke_exact", paper: HANIN_SELLKE, version: "arXiv:1710.11278v2", locator: "main theorem (number unverified)",
            activation: "ReLU", applies: is_relu, class: Uniform, domain: "[0,1]^{d_x}", kind: Exact,
            formula_text: "d_x + 1", formula: Some(|dx, _| dx + 1), condition_text: "d_y = 1", condition: scalar,
            statement: "the minimal width w_min(d) of ReLU nets approximating all continuous functions on [0,1]^d is exactly d + 1",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "hanin_sellke_vector_upper", paper: HANIN_SELLKE, version: "arXiv:1710.11278v2", locator: "abstract (added in v2)",
            activation: "ReLU", applies: is_relu, class: Uniform, domain: "[0,1]^{d_x}", kind: Upper,
            formula_text: "d_x + d_y", formula: Some(|dx, dy| dx + dy), condition_text: "none", condition: always,
            statement: "ReLU nets of width d_in + d_out approximate any continuous function [0,1]^d_in → R^d_out",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "hanin2019_convex_upper", paper: HANIN, version: "arXiv:1708.02691", locator: "convex case (number unverified)",
            activation: "ReLU", applies: is_relu, class: UniformConvex, domain: "[0,1]^d", kind: Upper,
            formula_text: "d_x + 1", formula: Some(|dx, _| dx + 1), condition_text: "d_y = 1", condition: scalar,
            statement: "width d + 1 suffices to approximate any convex continuous function on [0,1]^d",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "hanin2019_upper", paper: HANIN, version: "arXiv:1708.02691 (journal version)", locator: "main theorem (number unverified)",
            activation: "ReLU", applies: is_relu, class: Uniform, domain: "[0,1]^d", kind: Upper,
            formula_text: "d_x + 3", formula: Some(|dx, _| dx + 3), condition_text: "d_y = 1", condition: scalar,
            statement: "width d + 3 suffices for any continuous scalar function on [0,1]^d (arXiv v1 had d + 2)",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "johnson2019_lower", paper: JOHNSON, version: "arXiv:1810.00393v1", locator: "Theorem 1 (wording unverified)",
            activation: "continuous, uniformly approximable by injective continuous functions (sigmoid, tanh, ReLU, leaky ReLU, …)",
            applies: |s| single(s, |a| a.continuous() && a.monotone()), class: Uniform, domain: "compact subsets of R^{d_x}", kind: Lower,
            formula_text: "d_x + 1", formula: Some(|dx, _| dx + 1), condition_text: "d_y = 1, d_x ≥ 2 [U]", condition: |dx, dy| dy == 1 && dx >= 2,
            statement: "networks whose hidden layers have width ≤ n (the input dimension) are not universal approximators",
            verification: "[V] setting; hypotheses [U]", superseded: false,
        },
        WidthClaim {
            key: "kidger_lyons_nonpolynomial", paper: KIDGER, version: "arXiv:1905.08539", locator: "Theorem 3.1 (number unverified)",
            activation: "continuous nonpolynomial, C^1 near a point with non-zero derivative",
            applies: |s| single(s, |a| a.continuous() && !a.polynomial() && a.c1_nonzero_somewhere()), class: Uniform, domain: "compact K ⊂ R^{d_x}", kind: Upper,
            formula_text: "d_x + d_y + 1", formula: Some(|dx, dy| dx + dy + 1), condition_text: "none", condition: always,
            statement: "width n + m + 1 networks are dense in C(K; R^m) for most activations",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "kidger_lyons_nonaffine", paper: KIDGER, version: "arXiv:1905.08539", locator: "Theorem 3.2 (number unverified)",
            activation: "any continuous non-affine ρ, C^1 near a point with non-zero derivative (polynomials included)",
            applies: |s| single(s, |a| a.continuous() && a.c1_nonzero_somewhere()), class: Uniform, domain: "compact K ⊂ R^{d_x}", kind: Upper,
            formula_text: "d_x + d_y + 2", formula: Some(|dx, dy| dx + dy + 2), condition_text: "none", condition: always,
            statement: "width n + m + 2 for any nonaffine continuous activation with a continuous nonzero derivative at some point",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "kidger_lyons_relu_lp", paper: KIDGER, version: "arXiv:1905.08539", locator: "L^p result (number and formula unverified)",
            activation: "ReLU", applies: is_relu, class: LpWhole, domain: "R^{d_x}", kind: Upper,
            formula_text: "d_x + d_y + 1", formula: Some(|dx, dy| dx + dy + 1), condition_text: "none", condition: always,
            statement: "density in noncompact domains with respect to the L^p-norm (width as recorded in the notes)",
            verification: "[V-abs] existence; formula [U]", superseded: false,
        },
        WidthClaim {
            key: "park2021_lp_exact", paper: PARK, version: "arXiv:2006.08859", locator: "Theorem 1 (number unverified)",
            activation: "ReLU", applies: is_relu, class: LpWhole, domain: "R^{d_x}", kind: Exact,
            formula_text: "max(d_x + 1, d_y)", formula: Some(|dx, dy| (dx + 1).max(dy)), condition_text: "none", condition: always,
            statement: "the minimum width for L^p universal approximation of ReLU networks is exactly max{d_x + 1, d_y}",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "park2021_uniform_1_2", paper: PARK, version: "arXiv:2006.08859", locator: "Theorem 2 (number unverified)",
            activation: "ReLU", applies: is_relu, class: Uniform, domain: "K = [0,1]", kind: Exact,
            formula_text: "3", formula: Some(|_, _| 3), condition_text: "d_x = 1, d_y = 2", condition: |dx, dy| dx == 1 && dy == 2,
            statement: "the same conclusion does not hold for the uniform approximation with ReLU (d_x = 1, d_y = 2 needs width 3)",
            verification: "[V]", superseded: false,
        },
        WidthClaim {
            key: "park2021_relu_step_exact", paper: PARK, version: "arXiv:2006.08859", locator: "Theorem 3 (number unverified)",
            activation: "ReLU and STEP used together", applies: |s| s.is(&[Act::Relu, Act::Step]), class: Uniform, domain: "compact K", kind: Exact,
            formula_text: "max(d_x + 1, d_y)", formula: Some(|dx, dy| (dx + 1).max(dy)), condition_text: "none", condition: always,
            statement: "with ReLU and STEP, the minimum width for uniform approximation is max{d_x + 1, d_y}",
            verification: "[V]", superseded: false,
        },
        WidthClaim {
            key: "park2021_general_lp_upper", paper: PARK, version: "arXiv:2006.08859", locator: "Theorem 4 (number unverified)",
            activation: "continuous nonpolynomial, C^1 near a point with non-zero derivative",
            applies: |s| single(s, |a| a.continuous() && !a.polynomial() && a.c1_nonzero_somewhere()), class: LpCompact, domain: "compact K", kind: Upper,
            formula_text: "max(d_x + 2, d_y + 1)", formula: Some(|dx, dy| (dx + 2).max(dy + 1)), condition_text: "none", condition: always,
            statement: "a tighter upper bound on the minimum width for general activation functions",
            verification: "[V-abs] existence; formula [U]", superseded: false,
        },
        WidthClaim {
            key: "cai2023_lower", paper: CAI, version: "arXiv:2209.11395", locator: "lower-bound lemma (number unverified)",
            activation: "any set of activation functions", applies: |_| true, class: LpCompact, domain: "compact K", kind: Lower,
            formula_text: "max(d_x, d_y)", formula: Some(|dx, dy| dx.max(dy)), condition_text: "none", condition: always,
            statement: "w_min ≥ w*_min = max(d_x, d_y) for both C(K) and L^p(K), for any activation functions",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "cai2023_leaky_lp_exact", paper: CAI, version: "arXiv:2209.11395", locator: "main theorem (number unverified)",
            activation: "leaky-ReLU", applies: is_leaky, class: LpCompact, domain: "compact K", kind: Exact,
            formula_text: "max(d_x, d_y, 2)", formula: Some(|dx, dy| dx.max(dy).max(2)), condition_text: "max(d_x, d_y) ≥ 2", condition: |dx, dy| dx.max(dy) >= 2,
            statement: "leaky-ReLU networks achieve the critical width max(d_x, d_y) for L^p universal approximation on compact domains, provided that the input or output dimension is larger than one",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "cai2023_relu_floor_uniform", paper: CAI, version: "arXiv:2209.11395", locator: "discussion",
            activation: "ReLU + FLOOR", applies: |s| s.is(&[Act::Relu, Act::Floor]), class: Uniform, domain: "compact K", kind: Upper,
            formula_text: "not stated in the abstract", formula: None, condition_text: "none", condition: always,
            statement: "the nonmonotone or discontinuous activation functions case and the one-dimensional case are also discussed",
            verification: "[U] width not found", superseded: false,
        },
        WidthClaim {
            key: "li2023_v1_exact", paper: LI, version: "arXiv:2305.18460v1", locator: "main theorem, as in the v1 abstract",
            activation: "leaky-ReLU", applies: is_leaky, class: Uniform, domain: "compact K", kind: Exact,
            formula_text: "max(d_x + 1, d_y) + 1[d_y = d_x + 1]", formula: Some(|dx, dy| (dx + 1).max(dy) + u32::from(dy == dx + 1)),
            condition_text: "none", condition: always,
            statement: "the exact minimum width for uniform approximation by leaky-ReLU networks is w_min = max(d_x + 1, d_y) + 1_{d_y = d_x + 1}",
            verification: "[V-abs] (seed abstract); superseded by v3", superseded: true,
        },
        WidthClaim {
            key: "li2024_v3_exact", paper: LI, version: "arXiv:2305.18460v3 (ICML 2024)", locator: "main theorem",
            activation: "leaky-ReLU", applies: is_leaky, class: Uniform, domain: "compact K", kind: Exact,
            formula_text: "max(d_x, d_y) + Δ(d_x, d_y), Δ not given in closed form", formula: None, condition_text: "none", condition: always,
            statement: "w_min = max(d_x, d_y) + Δ(d_x, d_y), where Δ is the additional dimensions for approximating continuous functions with diffeomorphisms via embedding",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "kim2024_lp_exact", paper: KIM, version: "arXiv:2309.10402v2", locator: "Theorem 2 (from the reviews)",
            activation: "ReLU-like (ReLU, GELU, Softplus)", applies: |s| single(s, Act::relu_like), class: LpCompact, domain: "[0,1]^{d_x}", kind: Exact,
            formula_text: "max(d_x, d_y, 2)", formula: Some(|dx, dy| dx.max(dy).max(2)), condition_text: "none", condition: always,
            statement: "the minimum width for L^p approximation of L^p([0,1]^d_x, R^d_y) by ReLU-like networks is exactly max{d_x, d_y, 2}",
            verification: "[V]", superseded: false,
        },
        WidthClaim {
            key: "kim2024_uniform_lower", paper: KIM, version: "arXiv:2309.10402v2", locator: "uniform lower bound (number unverified)",
            activation: "continuous, uniformly approximable by continuous one-to-one functions", applies: |s| single(s, |a| a.continuous() && a.monotone()),
            class: Uniform, domain: "[0,1]^{d_x}", kind: Lower,
            formula_text: "d_y + 1", formula: Some(|_, dy| dy + 1), condition_text: "d_x < d_y ≤ 2 d_x", condition: |dx, dy| dx < dy && dy <= 2 * dx,
            statement: "for uniform approximation, w_min ≥ d_y + 1 if d_x < d_y ≤ 2d_x (a dichotomy between L^p and uniform approximation)",
            verification: "[V] (reviews + abstract)", superseded: false,
        },
        WidthClaim {
            key: "hwang2023_leaky_upper", paper: HWANG23, version: "arXiv:2308.15873", locator: "main theorem (number unverified)",
            activation: "leaky-ReLU (α(σ) = 0)", applies: is_leaky, class: Uniform, domain: "compact K", kind: Upper,
            formula_text: "max(2 d_x + 1, d_y)", formula: Some(|dx, dy| (2 * dx + 1).max(dy)), condition_text: "none", condition: always,
            statement: "w_min ≤ max(2d_x + 1, d_y) + α(σ) with α(σ) = 0 for leaky-ReLU",
            verification: "[V-abs] + Hwang 2025 related work", superseded: false,
        },
        WidthClaim {
            key: "hwang2023_leaky_2_2", paper: HWANG23, version: "arXiv:2308.15873", locator: "as summarised in Hwang 2025's related work",
            activation: "leaky-ReLU", applies: is_leaky, class: Uniform, domain: "compact K", kind: Exact,
            formula_text: "4", formula: Some(|_, _| 4), condition_text: "d_x = d_y = 2", condition: |dx, dy| dx == 2 && dy == 2,
            statement: "the minimum width for d_x = d_y = 2 is 4",
            verification: "[V] via Hwang 2025", superseded: false,
        },
        WidthClaim {
            key: "hwang2025_sobolev_upper", paper: HWANG25, version: "2025 preprint", locator: "Theorems 5.1, 5.9",
            activation: "nonpolynomial C^{1,1}, ReLU, leaky-ReLU", applies: |s| single(s, Act::hwang_2025), class: Sobolev, domain: "compact K", kind: Upper,
            formula_text: "min(d_x + d_y, max(2 d_x + 1, d_y))", formula: Some(|dx, dy| (dx + dy).min((2 * dx + 1).max(dy))), condition_text: "none", condition: always,
            statement: "upper bound min(d_x + d_y, max(2d_x + 1, d_y)) for C^1 functions in W^{1,∞}",
            verification: "[V]", superseded: false,
        },
        WidthClaim {
            key: "hwang2025_exact_cases", paper: HWANG25, version: "2025 preprint", locator: "Theorem 5.9",
            activation: "(scope of the exact cases not verified)", applies: never, class: Sobolev, domain: "compact K", kind: Exact,
            formula_text: "exact in infinitely many (d_x, d_y), e.g. (8,8) → 16, (16,8) → 24, under number-theoretic conditions",
            formula: None, condition_text: "2^{4a+b} | n, … [U]", condition: always,
            statement: "optimal in infinitely many cases",
            verification: "[V] values; conditions [U]", superseded: false,
        },
        WidthClaim {
            key: "rochau_pair_exact", paper: ROCHAU, version: "arXiv:2411.08735v3", locator: "abstract",
            activation: "two leaky ReLUs σ_α, σ_−α", applies: |s| s.is(&[Act::LeakyRelu, Act::LeakyReluNegative]), class: LpCompact, domain: "compact sets in R^{d_x}", kind: Exact,
            formula_text: "max(d_x, d_y)", formula: Some(|dx, dy| dx.max(dy)), condition_text: "none", condition: always,
            statement: "with two leaky ReLUs σ_α, σ_−α the minimum width for L^p approximation is max{d_x, d_y}",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "rochau_single_exact", paper: ROCHAU, version: "arXiv:2411.08735v3", locator: "abstract",
            activation: "leaky-ReLU", applies: is_leaky, class: LpCompact, domain: "compact sets in R^{d_x}", kind: Exact,
            formula_text: "max(2, d_x, d_y)", formula: Some(|dx, dy| dx.max(dy).max(2)), condition_text: "none", condition: always,
            statement: "a single leaky ReLU σ_α gives max{2, d_x, d_y} (an alternative proof of Cai 2023)",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "rochau_stepped_uniform", paper: ROCHAU, version: "arXiv:2411.08735v3", locator: "abstract",
            activation: "stepped leaky ReLU", applies: never, class: Uniform, domain: "compact", kind: Upper,
            formula_text: "not in the abstract", formula: None, condition_text: "none", condition: always,
            statement: "extends the L^p results to uniform approximation with a stepped leaky ReLU",
            verification: "[V-abs] partial", superseded: false,
        },
        WidthClaim {
            key: "rochau_squashable_floor_upper", paper: ROCHAU, version: "arXiv:2411.08735v3", locator: "abstract",
            activation: "squashable activation + FLOOR", applies: |s| s.is(&[Act::Sigmoid, Act::Floor]), class: Uniform, domain: "compact", kind: Upper,
            formula_text: "max(3, d_x, d_y)", formula: Some(|dx, dy| dx.max(dy).max(3)), condition_text: "none", condition: always,
            statement: "squashable activations with FLOOR give width max{3, d_x, d_y} for uniform approximation",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "rochau_monotone_lower", paper: ROCHAU, version: "arXiv:2411.08735v3", locator: "abstract",
            activation: "all activations continuous and monotone", applies: all_continuous_monotone, class: Uniform, domain: "compact", kind: Lower,
            formula_text: "max(d_x, d_y) + 1", formula: Some(|dx, dy| dx.max(dy) + 1), condition_text: "d_y ≤ 2 d_x", condition: |dx, dy| dy <= 2 * dx,
            statement: "if all activations are continuous and monotone, uniform approximation needs width at least max{d_x, d_y} + 1 when d_y ≤ 2d_x",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "rochau_lipschitz_lower", paper: ROCHAU, version: "arXiv:2411.08735 (earlier version)", locator: "abstract",
            activation: "monotone Lipschitz continuous", applies: |s| single(s, |a| a.monotone() && a.lipschitz()), class: Uniform, domain: "compact", kind: Lower,
            formula_text: "d_x + 1", formula: Some(|dx, _| dx + 1), condition_text: "d_x ≥ d_y", condition: |dx, dy| dx >= dy,
            statement: "for monotone Lipschitz continuous activations, uniform approximation needs width at least d_x + 1 when d_x ≥ d_y",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "shin2025_lp_exact", paper: SHIN, version: "arXiv:2504.07371", locator: "main theorem; Lemmas 4, 5",
            activation: "squashable (non-affine analytic; leaky-ReLU, HardSwish)", applies: |s| single(s, Act::squashable), class: LpCompact, domain: "[0,1]^{d_x}", kind: Exact,
            formula_text: "max(d_x, d_y, 2)", formula: Some(|dx, dy| dx.max(dy).max(2)), condition_text: "not d_x = d_y = 1", condition: |dx, dy| !(dx == 1 && dy == 1),
            statement: "for squashable activations the minimum width for L^p approximation is max{d_x, d_y, 2}, except d_x = d_y = 1",
            verification: "[V]", superseded: false,
        },
        WidthClaim {
            key: "shin2025_monotone_1_1", paper: SHIN, version: "arXiv:2504.07371", locator: "main theorem, case d_x = d_y = 1",
            activation: "monotone squashable", applies: |s| single(s, |a| a.squashable() && a.monotone()), class: LpCompact, domain: "[0,1]", kind: Exact,
            formula_text: "2", formula: Some(|_, _| 2), condition_text: "d_x = d_y = 1", condition: |dx, dy| dx == 1 && dy == 1,
            statement: "for d_x = d_y = 1 the same value holds if σ is monotone",
            verification: "[V]", superseded: false,
        },
        WidthClaim {
            key: "yzz2025_elu_upper", paper: YZZ, version: "arXiv:2511.06837v1", locator: "abstract",
            activation: "ELU, SELU", applies: elu_selu, class: Uniform, domain: "compact", kind: Upper,
            formula_text: "max(2 d_x + 1, d_y)", formula: Some(|dx, dy| (2 * dx + 1).max(dy)), condition_text: "none", condition: always,
            statement: "for ELU and SELU, w_min ≤ max(2d_x + 1, d_y)",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "yzz2025_elu_exact", paper: YZZ, version: "arXiv:2511.06837v1", locator: "abstract",
            activation: "ELU, SELU", applies: elu_selu, class: Uniform, domain: "compact", kind: Exact,
            formula_text: "2 d_x + 1", formula: Some(|dx, _| 2 * dx + 1), condition_text: "d_y = 2 d_x", condition: |dx, dy| dy == 2 * dx,
            statement: "w_min = 2d_x + 1 when d_y = 2d_x (ELU, SELU)",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "yzz2025_family_lower", paper: YZZ, version: "arXiv:2511.06837v1", locator: "abstract",
            activation: "LeakyReLU, ELU, CELU, SELU, Softplus", applies: yzz_family, class: Uniform, domain: "compact", kind: Lower,
            formula_text: "d_x + 1", formula: Some(|dx, _| dx + 1), condition_text: "none", condition: always,
            statement: "d_x + 1 ≤ w_min ≤ d_x + d_y for LeakyReLU, ELU, CELU, SELU, Softplus",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "yzz2025_family_upper", paper: YZZ, version: "arXiv:2511.06837v1", locator: "abstract",
            activation: "LeakyReLU, ELU, CELU, SELU, Softplus", applies: yzz_family, class: Uniform, domain: "compact", kind: Upper,
            formula_text: "d_x + d_y", formula: Some(|dx, dy| dx + dy), condition_text: "none", condition: always,
            statement: "d_x + 1 ≤ w_min ≤ d_x + d_y for LeakyReLU, ELU, CELU, SELU, Softplus",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "yzz2025_injective_lower", paper: YZZ, version: "arXiv:2511.06837v1", locator: "abstract",
            activation: "injective, or uniformly approximable by injective functions", applies: |s| single(s, |a| a.continuous() && a.monotone()),
            class: Uniform, domain: "compact", kind: Lower,
            formula_text: "d_y + 1[d_x < d_y ≤ 2 d_x]", formula: Some(|dx, dy| dy + u32::from(dx < dy && dy <= 2 * dx)), condition_text: "none", condition: always,
            statement: "w_min ≥ d_y + 1_{d_x < d_y ≤ 2d_x} (new proof via the Poincaré–Miranda theorem)",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "rnn_uniform_early", paper: RNN, version: "arXiv:2211.13866 (early version, seed abstract)", locator: "abstract",
            activation: "ReLU (deep RNN)", applies: is_relu, class: RnnUniform, domain: "compact sets of finite sequences", kind: Upper,
            formula_text: "d_x + d_y + 2", formula: Some(|dx, dy| dx + dy + 2), condition_text: "none", condition: always,
            statement: "deep RNNs of width d_x + d_y + 2 approximate continuous sequence-to-sequence functions uniformly",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "rnn_uniform_later", paper: RNN, version: "arXiv:2211.13866 (later version, JMLR format)", locator: "abstract",
            activation: "ReLU (deep RNN)", applies: is_relu, class: RnnUniform, domain: "compact sets of finite sequences", kind: Upper,
            formula_text: "d_x + d_y + 3", formula: Some(|dx, dy| dx + dy + 3), condition_text: "none", condition: always,
            statement: "deep RNNs of width d_x + d_y + 3 approximate continuous sequence-to-sequence functions uniformly",
            verification: "[V-abs]", superseded: false,
        },
        WidthClaim {
            key: "rnn_lp", paper: RNN, version: "arXiv:2211.13866 (both versions)", locator: "abstract",
            activation: "ReLU (deep RNN)", applies: is_relu, class: RnnLp, domain: "compact sets of finite sequences", kind: Upper,
            formula_text: "max(d_x + 1, d_y)", formula: Some(|dx, dy| (dx + 1).max(dy)), condition_text: "none", condition: always,
            statement: "deep RNNs of width max{d_x + 1, d_y} are universal in L^p",
            verification: "[V-abs]", superseded: false,
        },
    ]
}

/// The claim with `key`.
pub fn claim(key: &str) -> Result<WidthClaim, WidthError> {
    claims().into_iter().find(|c| c.key == key).ok_or_else(|| WidthError::UnknownClaim(key.to_string()))
}
