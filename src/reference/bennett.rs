//! Bennett's function `h(u) = (1 + u) ln(1 + u) − u`, enclosed without cancellation.
//!
//! For small `u` the two terms of the direct formula nearly cancel (`h(u) ≈ u²/2`), so an
//! interval evaluation loses about `2·log₂(1/|u|)` bits. For `|u| ≤ 1/4` the value is instead
//! summed from its series `h(u) = Σ_{k≥2} (−1)^k u^k / (k(k−1))` in exact rationals, with a
//! certified bound on the remainder; for larger `u` the direct formula loses at most a few bits.
//!
//! # Examples
//! ```
//! use theoremcheck::reference::bennett_h;
//! use rug::Rational;
//! // h(1) = 2 ln 2 − 1 ≈ 0.386
//! let h = bennett_h(&Rational::from(1), 128).unwrap();
//! assert!((h.approx_f64() - 0.386_294_361_119_890_6).abs() < 1e-15);
//! ```

use super::decimal::format_rational;
use super::enclosure::Enclosure;
use super::interval::Interval;
use rug::float::Round;
use rug::{Float, Rational};
use thiserror::Error;

/// An argument outside the domain of `h`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum BennettError {
    #[error("h(u) needs u > −1, got u = {0}")]
    OutOfDomain(String),
}

/// `h(u) = (1 + u) ln(1 + u) − u` for rational `u > −1`, enclosed at `prec` bits (exactly 0 at
/// `u = 0`).
pub fn bennett_h(u: &Rational, prec: u32) -> Result<Enclosure, BennettError> {
    if *u <= -1 {
        return Err(BennettError::OutOfDomain(format_rational(u)));
    }
    if *u == 0 {
        return Ok(Enclosure::zero());
    }
    let quarter = Rational::from((1, 4));
    if Rational::from(u.abs_ref()) <= quarter {
        return Ok(series(u, prec));
    }
    let x = Enclosure::exact(u.clone());
    let ln1p = x.ln_1p(prec + 16).expect("u > −1");
    let value = x.add(&Enclosure::one(), prec + 16).mul(&ln1p, prec + 16).sub(&x, prec + 16);
    Ok(value)
}

/// The series with `K` terms, `|u|^K ≤ u²·2^{−prec−8}`; the remainder `Σ_{k>K}` is bounded by
/// `|u|^{K+1}/((K+1)K) · 1/(1 − |u|)` in absolute value (a geometric majorant).
fn series(u: &Rational, prec: u32) -> Enclosure {
    let a = Rational::from(u.abs_ref());
    let mut partial = Rational::new();
    let mut power = Rational::from(u * u); // (−u)²
                                           // Relative to the leading term u²/2, so tiny u keeps full relative precision.
    let target = Rational::from(&power >> (prec + 8));
    let mut k: u32 = 2;
    loop {
        partial += Rational::from(&power / (k * (k - 1)));
        // power = (−u)^k, since (−1)^k u^k = (−u)^k.
        power *= -u.clone();
        k += 1;
        if Rational::from(power.abs_ref()) * 4u32 <= target || k > 4 * prec + 16 {
            break;
        }
    }
    // Remainder: terms k.. with |term| ≤ |u|^k/(k(k−1)); bounded by |u|^k/(k(k−1)(1−|u|)).
    let bound = Rational::from(power.abs_ref()) / (k * (k - 1)) / Rational::from(1 - &a);
    let lo = Float::with_val_round(prec + 16, &Rational::from(&partial - &bound), Round::Down).0;
    let hi = Float::with_val_round(prec + 16, &Rational::from(&partial + &bound), Round::Up).0;
    Interval::new(lo, hi).expect("ordered").into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::Decision;

    #[test]
    fn series_and_direct_formula_agree_and_stay_narrow() {
        let prec = 128;
        for u in [Rational::from((1, 4)), Rational::from((-1, 4)), Rational::from((1, 5))] {
            let s = series(&u, prec);
            let x = Enclosure::exact(u.clone());
            let direct = x.add(&Enclosure::one(), 512).mul(&x.ln_1p(512).unwrap(), 512).sub(&x, 512);
            assert_eq!(s.sub(&direct, 512).le(&Enclosure::exact(Rational::from((1, 1u64 << 60)))), Decision::True);
            assert_eq!(direct.sub(&s, 512).le(&Enclosure::exact(Rational::from((1, 1u64 << 60)))), Decision::True);
        }
        // Tiny u: h(u) ≈ u²/2 with full relative precision.
        let tiny = Rational::from((1, 1u64 << 40));
        let h = bennett_h(&tiny, 64).unwrap();
        assert!(h.relative_width(64) < Float::with_val(64, 1e-15));
        assert!(bennett_h(&Rational::from(-1), 64).is_err());
    }
}
