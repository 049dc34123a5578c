//! The standard normal samples of the Monte Carlo kernels: an exact specification, so that every
//! backend (this CPU code, the CUDA port, the MPFR reference of the differential harness) draws
//! the same `ε` one for one.
//!
//! # Specification
//! Sample `m` (`0 ≤ m < 2³²`) of factor `i` (any `u64`) under seed `seed` is the vector
//! `ε_{i,m} ∈ R^d`. Its coordinates come in pairs: pair `j` (`0 ≤ j < ⌈d/2⌉`) gives coordinates
//! `2j` and `2j + 1` (the second is dropped when `d` is odd). Pair `j` is built from ONE
//! Philox4x32-10 block ([`crate::rng::philox4x32_10`]):
//!
//! * key `= (seed mod 2³², seed >> 32)`;
//! * counter `= (c0, c1, c2, c3) = (m, j, i mod 2³², i >> 32)` — equivalently
//!   `Philox4x32::new(seed).block(i, (j << 32) | m)`, i.e. `Stream::at(seed, i, (j << 32) | m)`;
//! * output words `(w0, w1, w2, w3)`;
//! * `A = ((w1 << 32) | w0) >> 11` and `B = ((w3 << 32) | w2) >> 11`, two 53-bit integers;
//! * `u1 = (A + 1)·2⁻⁵³ ∈ (0, 1]` and `u2 = B·2⁻⁵³ ∈ [0, 1)`, both exact in f64;
//! * Box–Muller: `r = √(−2 ln u1)`, `θ = 2π·u2`,
//!   `ε_{2j} = r·cos θ`, `ε_{2j+1} = r·sin θ`.
//!
//! The exact samples are these real numbers. In f64 they are evaluated as
//! `r = sqrt(-2.0 * ln(u1))`, `θ = 6.283185307179586 * u2` (`std::f64::consts::TAU`, the f64
//! nearest to 2π), `ε = r * cos(θ)`, `r * sin(θ)`, each operation rounded once; a port must use
//! the same sequence of operations (a different libm changes the samples only within the error
//! bound of [`crate::kernels::tolerances_mc::eps_abs_error`]). `u1 > 0` so the logarithm is
//! always finite, and `|ε| ≤ r ≤ √(106 ln 2) < 8.572`.
//!
//! # Examples
//! ```
//! use theoremcheck::kernels::cpu::mc_sample::{normal_pair, uniform_pair};
//! let (u1, u2) = uniform_pair(7, 0, 0, 0);
//! assert!(u1 > 0.0 && u1 <= 1.0 && (0.0..1.0).contains(&u2));
//! let [a, b] = normal_pair(7, 0, 0, 0);
//! let r = (-2.0 * u1.ln()).sqrt();
//! assert_eq!(a, r * (std::f64::consts::TAU * u2).cos());
//! assert_eq!(b, r * (std::f64::consts::TAU * u2).sin());
//! ```

use crate::rng::Philox4x32;

/// `2⁻⁵³`.
const TWO_POW_M53: f64 = 1.0 / (1u64 << 53) as f64;

/// The 53-bit integers `(A, B)` of pair `pair` of sample `sample` of factor `factor`.
#[inline]
pub fn uniform_bits(seed: u64, factor: u64, sample: u32, pair: u32) -> (u64, u64) {
    uniform_bits_with(&Philox4x32::new(seed), factor, sample, pair)
}

/// [`uniform_bits`] with a prebuilt generator (the key schedule is trivial, but this avoids
/// rebuilding it in hot loops).
#[inline]
pub fn uniform_bits_with(generator: &Philox4x32, factor: u64, sample: u32, pair: u32) -> (u64, u64) {
    let w = generator.block(factor, (u64::from(pair) << 32) | u64::from(sample));
    let a = ((u64::from(w[1]) << 32) | u64::from(w[0])) >> 11;
    let b = ((u64::from(w[3]) << 32) | u64::from(w[2])) >> 11;
    (a, b)
}

/// `(u1, u2) = ((A + 1)·2⁻⁵³, B·2⁻⁵³)`, exact.
#[inline]
pub fn uniform_pair(seed: u64, factor: u64, sample: u32, pair: u32) -> (f64, f64) {
    let (a, b) = uniform_bits(seed, factor, sample, pair);
    ((a + 1) as f64 * TWO_POW_M53, b as f64 * TWO_POW_M53)
}

/// The f64 evaluation of the two normals of one pair (see the module docs).
#[inline]
pub fn normal_pair(seed: u64, factor: u64, sample: u32, pair: u32) -> [f64; 2] {
    normal_pair_with(&Philox4x32::new(seed), factor, sample, pair)
}

/// [`normal_pair`] with a prebuilt generator.
#[inline]
pub fn normal_pair_with(generator: &Philox4x32, factor: u64, sample: u32, pair: u32) -> [f64; 2] {
    let (a, b) = uniform_bits_with(generator, factor, sample, pair);
    let u1 = (a + 1) as f64 * TWO_POW_M53;
    let u2 = b as f64 * TWO_POW_M53;
    let r = (-2.0 * u1.ln()).sqrt();
    let theta = std::f64::consts::TAU * u2;
    [r * theta.cos(), r * theta.sin()]
}

/// Fills `out` (length `d`) with `ε_{factor, sample}`.
#[inline]
pub fn fill_normals(generator: &Philox4x32, factor: u64, sample: u32, out: &mut [f64]) {
    for (pair, chunk) in out.chunks_mut(2).enumerate() {
        let z = normal_pair_with(generator, factor, sample, pair as u32);
        chunk.copy_from_slice(&z[..chunk.len()]);
    }
}

/// An upper bound on `|ε|` for every sample, exact or as evaluated in f64:
/// `√(−2 ln 2⁻⁵³) = √(106 ln 2) ≈ 8.5717`, rounded up with room for the evaluation error.
pub const EPS_MAX: f64 = 8.5720;
