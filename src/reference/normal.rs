//! The standard normal distribution function, `Φ(x) = ½ erfc(−x/√2)`.
//!
//! MPFR's `erfc` is correctly rounded in each direction, so the only enclosure width comes from
//! `x/√2`, which is enclosed first; `erfc` is decreasing, which fixes the rounding directions.
//! Far in the tail ([`Interval::erfc`](super::interval::Interval::erfc) at arguments ≥ 4) the
//! bounds come from Laplace's continued fraction instead ([`super::erfc_tail`]); positive `x`
//! goes through `1 − Φ(−x)`.

use super::enclosure::Enclosure;
use rug::Rational;

/// `Φ(x)` for a rational `x`, enclosed at `prec` bits; exactly ½ at `x = 0`.
pub fn normal_cdf(x: &Rational, prec: u32) -> Enclosure {
    if *x == 0 {
        return Enclosure::exact(Rational::from((1, 2)));
    }
    if *x > 0 {
        // Φ(x) = 1 − Φ(−x): erfc of a negative argument costs MPFR as much as the positive one
        // (it is 2 − erfc(|y|)), and the tail side can use the continued fraction. Φ(x) ≥ ½ here,
        // so the subtraction loses no relative accuracy.
        return Enclosure::one().sub(&normal_cdf(&Rational::from(-x), prec), prec);
    }
    let sqrt2 = Enclosure::exact(2).sqrt(prec).expect("2 > 0");
    let argument = Enclosure::exact(Rational::from(-x)).div(&sqrt2, prec).expect("√2 ≠ 0");
    argument.erfc(prec).mul(&Enclosure::exact(Rational::from((1, 2))), prec)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::enclosure::Decision;

    #[test]
    fn symmetric_and_monotone() {
        let prec = 128;
        let x = Rational::from((3, 2));
        let sum = normal_cdf(&x, prec).add(&normal_cdf(&Rational::from(-&x), prec), prec);
        assert!(sum.contains(&Rational::from(1)));
        let below = normal_cdf(&Rational::from(1), prec);
        assert_eq!(below.lt(&normal_cdf(&x, prec)), Decision::True);
        // Φ(1.5) ≈ 0.9331927987311419
        assert!((normal_cdf(&x, prec).approx_f64() - 0.933_192_798_731_141_9).abs() < 1e-15);
    }

    #[test]
    fn tails_contain_mpfr_values_at_full_width() {
        use rug::Float;
        // eval works at prec + 64 bits: the enclosure of x/√2 widens erfc by about 2x² relative.
        let prec = 256 + 64;
        for x in [-40i32, -20, -7, -6, -5, -1, 1, 5, 20] {
            let e = normal_cdf(&Rational::from(x), prec);
            // ½ erfc(−x/√2) at 2048 bits, rounded outward to a rational interval of width 2^-2000.
            let big = 2048;
            let arg = Float::with_val(big, -x) / Float::with_val(big, 2).sqrt();
            let value = Float::with_val(big, arg.erfc_ref()) / 2u32;
            let r = value.to_rational().unwrap();
            let i = e.to_interval(prec);
            let slack = Rational::from((1, rug::Integer::from(1) << 2000u32));
            assert!(*i.lo() <= Rational::from(&r + &slack) && *i.hi() >= Rational::from(&r - &slack), "x = {x}: {e}");
            assert!(i.relative_width() <= Float::with_val(64, Float::i_exp(1, -250)), "x = {x}: width {}", i.relative_width());
        }
    }
}
