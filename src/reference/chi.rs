//! The χ law of the norm of a standard Gaussian vector: `π`, `E‖Z‖` and `P(‖Z‖ ≥ r)` for
//! `Z ~ N(0, I_d)`, enclosed. `concentration.gaussian_lipschitz` states the same closed forms in
//! its `[claim]`; these are the reference the tests compare both with.

use crate::reference::{Enclosure, Interval};
use rug::float::{Constant, Round};
use rug::{Float, Rational};

/// `π`, enclosed.
pub fn pi(prec: u32) -> Enclosure {
    let lo = Float::with_val_round(prec, Constant::Pi, Round::Down).0;
    let hi = Float::with_val_round(prec, Constant::Pi, Round::Up).0;
    Interval::new(lo, hi).expect("ordered").into()
}

/// `E‖Z‖` for `Z ~ N(0, I_d)`, `d ≥ 1`.
pub fn chi_mean(d: u32, prec: u32) -> Enclosure {
    let pi = pi(prec);
    let two = Enclosure::exact(2);
    let mut value = if d % 2 == 1 {
        two.div(&pi, prec).expect("π > 0").sqrt(prec).expect("> 0")
    } else {
        pi.div(&two, prec).expect("2 ≠ 0").sqrt(prec).expect("> 0")
    };
    let mut k = 2 - d % 2;
    while k < d {
        value = value.mul(&Enclosure::exact(Rational::from((k + 1, k))), prec);
        k += 2;
    }
    value
}

/// `P(‖Z‖ ≥ r)` for `Z ~ N(0, I_d)` and `r ≥ 0` (an enclosure).
pub fn chi_upper_tail(d: u32, r: &Enclosure, prec: u32) -> Enclosure {
    let x = r.mul(r, prec).mul(&Enclosure::exact(Rational::from((1, 2))), prec);
    let e = x.neg().exp(prec);
    if d % 2 == 0 {
        // e^{−x} Σ_{k < d/2} x^k / k!
        let mut term = Enclosure::one();
        let mut sum = Enclosure::one();
        for k in 1..d / 2 {
            term = term.mul(&x, prec).div(&Enclosure::exact(k), prec).expect("k ≠ 0");
            sum = sum.add(&term, prec);
        }
        return e.mul(&sum, prec);
    }
    // erfc(√x) + e^{−x} Σ_{k < (d−1)/2} x^{k+½}/Γ(k + 3/2), √x = r/√2, Γ(3/2) = √π/2.
    let sqrt2 = Enclosure::exact(2).sqrt(prec).expect("> 0");
    let root_x = r.div(&sqrt2, prec).expect("≠ 0");
    let mut value = root_x.erfc(prec);
    if d >= 3 {
        let sqrt_pi = pi(prec).sqrt(prec).expect("> 0");
        let mut term = root_x.mul(&Enclosure::exact(2), prec).div(&sqrt_pi, prec).expect("≠ 0");
        let mut sum = term.clone();
        for k in 1..(d - 1) / 2 {
            // x^{k+½}/Γ(k+3/2) = previous · x / (k + ½)
            term = term.mul(&x, prec).div(&Enclosure::exact(Rational::from((2 * k + 1, 2))), prec).expect("≠ 0");
            sum = sum.add(&term, prec);
        }
        value = value.add(&e.mul(&sum, prec), prec);
    }
    value
}
