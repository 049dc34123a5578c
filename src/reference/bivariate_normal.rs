//! The bivariate normal distribution function on the diagonal, with certified bounds, for the
//! second moment of a probit decoder: `E[Φ(a + cZ)²] = Φ₂(h, h; ρ)` with `h = a/√(1 + c²)`,
//! `ρ = c²/(1 + c²)`.
//!
//! # Formula
//! Plackett's identity `∂Φ₂(h, k; r)/∂r = φ₂(h, k; r)` integrated from `r = 0` gives
//! `Φ₂(h, h; ρ) − Φ(h)² = ∫₀^ρ g(r) dr`, `g(r) = exp(−h²/(1 + r)) / (2π√(1 − r²))`.
//! `g` is increasing on `[0, 1)` (both factors are), so with `N` equal steps the left and right
//! Riemann sums are certified lower and upper bounds, `width ≤ (ρ/N)·g(ρ)`; every term is
//! evaluated with outward rounding. Only `h²` enters, so rational `a` and `c²` keep every grid
//! point rational.
//!
//! # Examples
//! ```
//! use theoremcheck::reference::probit_variance;
//! use rug::Rational;
//! // a = 0, c² = 1: Var Φ(Z) = arcsin(1/2)/(2π) = 1/12.
//! let v = probit_variance(&Rational::from(0), &Rational::from(1), 256).unwrap();
//! assert!((v.approx_f64() - 1.0 / 12.0).abs() < 1e-3);
//! ```

use super::enclosure::{DomainError, Enclosure};
use super::interval::Interval;
use rug::float::{Constant, Round};
use rug::{Float, Rational};

/// `Var[Φ(a + cZ)]` for `Z ~ N(0, 1)`, given `a` and `c² ≥ 0`: the integral above with
/// `h² = a²/(1 + c²)` and `ρ = c²/(1 + c²)`, at `prec` bits with `N = max(16, prec/4)` steps.
///
/// # Errors
/// [`DomainError`] when `c² < 0`.
pub fn probit_variance(a: &Rational, c_squared: &Rational, prec: u32) -> Result<Enclosure, DomainError> {
    if *c_squared < 0 {
        return Err(DomainError::OutsideDomain {
            function: "probit_variance (c² ≥ 0)",
            argument: super::decimal::format_rational(c_squared),
        });
    }
    if *c_squared == 0 {
        return Ok(Enclosure::zero());
    }
    let one_plus = Rational::from(c_squared + 1u32);
    let h2 = Rational::from(a.square_ref()) / &one_plus;
    let rho = Rational::from(c_squared / &one_plus);
    Ok(diagonal_excess(&h2, &rho, prec))
}

/// `Φ₂(h, h; ρ) − Φ(h)²` for `0 ≤ ρ < 1`, given `h²`, enclosed by Riemann sums of the
/// increasing integrand.
pub fn diagonal_excess(h2: &Rational, rho: &Rational, prec: u32) -> Enclosure {
    let steps = (prec / 4).max(16);
    let step = Rational::from(rho / steps);
    let g = |r: &Rational| -> Interval {
        // exp(−h²/(1 + r)) / (2π √(1 − r²))
        let exponent = Interval::from_rational(&(-(h2 / Rational::from(r + 1u32))), prec);
        let root = Interval::from_rational(&(1 - Rational::from(r.square_ref())), prec).sqrt(prec).expect("r < 1");
        let pi =
            Interval::new(Float::with_val_round(prec, Constant::Pi, Round::Down).0, Float::with_val_round(prec, Constant::Pi, Round::Up).0)
                .expect("ordered");
        let two_pi = pi.mul(&Interval::from_rational(&Rational::from(2), prec), prec);
        exponent.exp(prec).div(&two_pi.mul(&root, prec), prec)
    };
    let values: Vec<Interval> = (0..=steps).map(|i| g(&Rational::from(&step * i))).collect();
    let width = Interval::from_rational(&step, prec);
    let zero = Interval::from_rational(&Rational::new(), prec);
    let left = values[..steps as usize].iter().fold(zero.clone(), |acc, v| acc.add(v, prec)).mul(&width, prec);
    let right = values[1..].iter().fold(zero, |acc, v| acc.add(v, prec)).mul(&width, prec);
    Interval::new(left.lo().clone(), right.hi().clone()).expect("left sum ≤ right sum for an increasing integrand").into()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// At h = 0, Φ₂(0, 0; ρ) = 1/4 + arcsin(ρ)/(2π) (Sheppard), so the excess is arcsin(ρ)/(2π).
    #[test]
    fn matches_sheppards_formula_at_zero() {
        for (num, den) in [(1, 2), (1, 5), (9, 10), (64, 65)] {
            let rho = Rational::from((num, den));
            let e = diagonal_excess(&Rational::new(), &rho, 1024).to_interval(1024);
            let exact = rho.to_f64().asin() / (2.0 * std::f64::consts::PI);
            let mid = (e.lo().to_f64() + e.hi().to_f64()) / 2.0;
            assert!((mid - exact).abs() < 1e-2, "rho = {rho}: {e}");
            assert!(*e.lo() <= exact + 1e-12 && *e.hi() >= exact - 1e-12, "rho = {rho}: {e} misses {exact}");
        }
    }

    /// The excess decreases as |h| grows and is bounded by its h = 0 value.
    #[test]
    fn decreases_in_h_squared() {
        let rho = Rational::from((1, 2));
        let at0 = diagonal_excess(&Rational::new(), &rho, 256).to_interval(256);
        let at1 = diagonal_excess(&Rational::from(1), &rho, 256).to_interval(256);
        assert!(at1.hi() < at0.lo());
    }
}
