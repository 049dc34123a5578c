//! The standard normal distribution function, `Φ(x) = ½ erfc(−x/√2)`.
//!
//! MPFR's `erfc` is correctly rounded in each direction, so the only enclosure width comes from
//! `x/√2`, which is enclosed first; `erfc` is decreasing, which fixes the rounding directions.

use super::enclosure::Enclosure;
use rug::Rational;

/// `Φ(x)` for a rational `x`, enclosed at `prec` bits; exactly ½ at `x = 0`.
pub fn normal_cdf(x: &Rational, prec: u32) -> Enclosure {
    if *x == 0 {
        return Enclosure::exact(Rational::from((1, 2)));
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
}
