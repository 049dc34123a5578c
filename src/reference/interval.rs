//! Closed intervals of extended reals with MPFR endpoints rounded outward.
//!
//! Every operation rounds the lower endpoint toward −∞ and the upper endpoint toward +∞
//! (directed rounding), so the true value of any expression built from these operations lies
//! inside the resulting interval. An endpoint may be infinite; NaN never appears: an operation
//! whose naive result would be NaN (∞ − ∞) returns the whole line instead.

use rug::float::{Round, Special};
use rug::ops::Pow;
use rug::{Float, Rational};
use std::cmp::Ordering;
use std::fmt;

/// A closed interval `[lo, hi]` (`lo ≤ hi`) known to contain a real value.
#[derive(Clone, Debug, PartialEq)]
pub struct Interval {
    lo: Float,
    hi: Float,
}

fn nan_to(value: Float, replacement: Special) -> Float {
    if value.is_nan() {
        Float::with_val(value.prec(), replacement)
    } else {
        value
    }
}

impl Interval {
    /// The interval `[lo, hi]`; returns `None` when `lo > hi` or an endpoint is NaN.
    pub fn new(lo: Float, hi: Float) -> Option<Self> {
        if lo.is_nan() || hi.is_nan() || lo > hi {
            None
        } else {
            Some(Interval { lo, hi })
        }
    }

    /// The point interval of an exact float.
    pub fn point(x: Float) -> Self {
        Interval { lo: x.clone(), hi: x }
    }

    /// The tightest interval at `prec` bits containing the rational `r`.
    pub fn from_rational(r: &Rational, prec: u32) -> Self {
        let (lo, _) = Float::with_val_round(prec, r, Round::Down);
        let (hi, _) = Float::with_val_round(prec, r, Round::Up);
        Interval { lo, hi }
    }

    /// `(−∞, +∞)`: what is known about a value nothing is known about.
    pub fn entire(prec: u32) -> Self {
        Interval { lo: Float::with_val(prec, Special::NegInfinity), hi: Float::with_val(prec, Special::Infinity) }
    }

    pub fn lo(&self) -> &Float {
        &self.lo
    }

    pub fn hi(&self) -> &Float {
        &self.hi
    }

    pub fn into_bounds(self) -> (Float, Float) {
        (self.lo, self.hi)
    }

    fn prec(&self) -> u32 {
        self.lo.prec().max(self.hi.prec())
    }

    pub fn contains_rational(&self, r: &Rational) -> bool {
        self.lo <= *r && self.hi >= *r
    }

    pub fn is_finite(&self) -> bool {
        self.lo.is_finite() && self.hi.is_finite()
    }

    /// `hi − lo`, rounded up.
    pub fn width(&self) -> Float {
        let (w, _) = Float::with_val_round(self.prec(), &self.hi - &self.lo, Round::Up);
        nan_to(w, Special::Infinity)
    }

    /// `(hi − lo) / min(|lo|, |hi|)`, rounded up; infinite when the interval touches zero.
    pub fn relative_width(&self) -> Float {
        let prec = self.prec();
        let lo_abs = Float::with_val(prec, self.lo.abs_ref());
        let hi_abs = Float::with_val(prec, self.hi.abs_ref());
        let smallest = if lo_abs < hi_abs { lo_abs } else { hi_abs };
        let straddles = self.lo.is_sign_negative() != self.hi.is_sign_negative();
        if smallest.is_zero() || straddles {
            if self.lo == self.hi {
                return Float::with_val(prec, 0);
            }
            return Float::with_val(prec, Special::Infinity);
        }
        let (r, _) = Float::with_val_round(prec, self.width() / &smallest, Round::Up);
        nan_to(r, Special::Infinity)
    }

    pub fn neg(&self) -> Self {
        Interval { lo: Float::with_val(self.hi.prec(), -&self.hi), hi: Float::with_val(self.lo.prec(), -&self.lo) }
    }

    pub fn add(&self, other: &Self, prec: u32) -> Self {
        let (lo, _) = Float::with_val_round(prec, &self.lo + &other.lo, Round::Down);
        let (hi, _) = Float::with_val_round(prec, &self.hi + &other.hi, Round::Up);
        Interval { lo: nan_to(lo, Special::NegInfinity), hi: nan_to(hi, Special::Infinity) }
    }

    pub fn sub(&self, other: &Self, prec: u32) -> Self {
        self.add(&other.neg(), prec)
    }

    pub fn mul(&self, other: &Self, prec: u32) -> Self {
        // In interval arithmetic an infinite endpoint stands for "unbounded", so 0·∞ = 0.
        let product = |a: &Float, b: &Float, round: Round| -> Float {
            if a.is_zero() || b.is_zero() {
                return Float::with_val(prec, 0);
            }
            Float::with_val_round(prec, a * b, round).0
        };
        let ends = [(&self.lo, &other.lo), (&self.lo, &other.hi), (&self.hi, &other.lo), (&self.hi, &other.hi)];
        let lows = ends.iter().map(|(a, b)| product(a, b, Round::Down));
        let highs = ends.iter().map(|(a, b)| product(a, b, Round::Up));
        let lo = lows.reduce(|m, x| if x < m { x } else { m }).expect("four products");
        let hi = highs.reduce(|m, x| if x > m { x } else { m }).expect("four products");
        Interval { lo, hi }
    }

    /// `self / other`; the whole line when `other` contains zero.
    pub fn div(&self, other: &Self, prec: u32) -> Self {
        let zero = Float::with_val(prec, 0);
        if other.lo <= zero && other.hi >= zero {
            return Interval::entire(prec);
        }
        let one = Float::with_val(prec, 1);
        let (inv_lo, _) = Float::with_val_round(prec, &one / &other.hi, Round::Down);
        let (inv_hi, _) = Float::with_val_round(prec, &one / &other.lo, Round::Up);
        self.mul(&Interval { lo: inv_lo, hi: inv_hi }, prec)
    }

    /// Applies an increasing function `f` given by its in-place directed-rounding form.
    fn increasing(&self, prec: u32, f: impl Fn(&mut Float, Round) -> Ordering) -> Self {
        let mut lo = Float::with_val(prec, &self.lo);
        let mut hi = Float::with_val(prec, &self.hi);
        // Widening the endpoints to `prec` may round; round them outward first.
        if lo != self.lo {
            lo = Float::with_val_round(prec, &self.lo, Round::Down).0;
        }
        if hi != self.hi {
            hi = Float::with_val_round(prec, &self.hi, Round::Up).0;
        }
        if lo == hi {
            // A point: one correctly rounded call. Rounded down, the result is exact (ternary
            // `Equal`) or the true value lies strictly below the next float up, which is what the
            // call rounded up would have returned: the same interval for half the cost.
            let exactness = f(&mut lo, Round::Down);
            let mut hi = lo.clone();
            if exactness != Ordering::Equal {
                hi.next_up();
            }
            return Interval { lo, hi };
        }
        f(&mut lo, Round::Down);
        f(&mut hi, Round::Up);
        Interval { lo, hi }
    }

    pub fn exp(&self, prec: u32) -> Self {
        self.increasing(prec, |x, r| x.exp_round(r))
    }

    /// Natural logarithm; `None` when the interval has no point in the domain `(0, ∞)`.
    pub fn ln(&self, prec: u32) -> Option<Self> {
        if self.hi <= 0 {
            return None;
        }
        let clamped = self.clamp_below_at_zero();
        Some(clamped.increasing(prec, |x, r| x.ln_round(r)))
    }

    /// `ln(1 + x)`; `None` when the interval has no point in the domain `(−1, ∞)`.
    pub fn ln_1p(&self, prec: u32) -> Option<Self> {
        if self.hi <= -1 {
            return None;
        }
        let mut clamped = self.clone();
        if clamped.lo < -1 {
            clamped.lo = Float::with_val(prec, -1);
        }
        Some(clamped.increasing(prec, |x, r| x.ln_1p_round(r)))
    }

    /// Square root; `None` when the interval lies below zero.
    pub fn sqrt(&self, prec: u32) -> Option<Self> {
        if self.hi < 0 {
            return None;
        }
        Some(self.clamp_below_at_zero().increasing(prec, |x, r| x.sqrt_round(r)))
    }

    /// The complementary error function, which is decreasing.
    pub fn erfc(&self, prec: u32) -> Self {
        // Far in the right tail, Laplace's continued fraction is much faster than MPFR and
        // certifies its own bounds: erfc(hi) from below, erfc(lo) from above.
        if self.lo >= super::erfc_tail::MIN_ARGUMENT && self.hi.is_finite() {
            if let Some((lo, hi)) = super::erfc_tail::erfc_interval_bounds(&self.lo, &self.hi, prec) {
                return Interval { lo, hi };
            }
        }
        self.neg().increasing(prec, |x, r| {
            // erfc(−y) is increasing in y; compute erfc at −y with the same rounding direction.
            x.neg_assign_exact();
            x.erfc_round(r)
        })
    }

    /// `self^n` for a natural exponent.
    pub fn powi(&self, n: u32, prec: u32) -> Self {
        if n == 0 {
            return Interval::point(Float::with_val(prec, 1));
        }
        let pow_up = |x: &Float, round: Round| Float::with_val_round(prec, x.pow(n), round).0;
        if self.lo >= 0 || n % 2 == 1 {
            return Interval { lo: pow_up(&self.lo, Round::Down), hi: pow_up(&self.hi, Round::Up) };
        }
        // Even power of an interval reaching below zero.
        let lo_abs = Float::with_val(prec, self.lo.abs_ref());
        let hi_abs = Float::with_val(prec, self.hi.abs_ref());
        let (near, far) = if lo_abs < hi_abs { (lo_abs, hi_abs) } else { (hi_abs, lo_abs) };
        let lo = if self.hi >= 0 { Float::with_val(prec, 0) } else { pow_up(&near, Round::Down) };
        Interval { lo, hi: pow_up(&far, Round::Up) }
    }

    /// The smallest interval containing both.
    pub fn hull(&self, other: &Self) -> Self {
        Interval {
            lo: if self.lo < other.lo { self.lo.clone() } else { other.lo.clone() },
            hi: if self.hi > other.hi { self.hi.clone() } else { other.hi.clone() },
        }
    }

    fn clamp_below_at_zero(&self) -> Self {
        let mut clamped = self.clone();
        if clamped.lo < 0 {
            clamped.lo = Float::with_val(clamped.lo.prec(), 0);
        }
        clamped
    }
}

trait NegExact {
    fn neg_assign_exact(&mut self);
}

impl NegExact for Float {
    fn neg_assign_exact(&mut self) {
        // Negation is exact in binary floating point.
        let negated = Float::with_val(self.prec(), -&*self);
        *self = negated;
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = f.precision().unwrap_or(6);
        write!(
            f,
            "[{}, {}]",
            crate::reference::decimal::format_rounded(&self.lo, digits, Round::Down),
            crate::reference::decimal::format_rounded(&self.hi, digits, Round::Up)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-call path for point arguments gives exactly the interval of the two directed
    /// calls: `[f↓(x), f↑(x)]`, a point when `f(x)` is exact.
    #[test]
    fn point_arguments_match_two_directed_calls() {
        let prec = 200;
        for x in ["1", "2", "4", "0.5", "3.25", "1e-30", "123456.789", "7", "0"] {
            let v = Float::with_val(prec, Float::parse(x).unwrap());
            let p = Interval::point(v.clone());
            let two = |f: &dyn Fn(&mut Float, Round) -> Ordering| {
                let (mut lo, mut hi) = (v.clone(), v.clone());
                f(&mut lo, Round::Down);
                f(&mut hi, Round::Up);
                Interval { lo, hi }
            };
            assert_eq!(p.exp(prec), two(&|y, r| y.exp_round(r)), "exp {x}");
            assert_eq!(p.sqrt(prec).unwrap(), two(&|y, r| y.sqrt_round(r)), "sqrt {x}");
            assert_eq!(p.ln_1p(prec).unwrap(), two(&|y, r| y.ln_1p_round(r)), "ln_1p {x}");
            if v > 0 {
                assert_eq!(p.ln(prec).unwrap(), two(&|y, r| y.ln_round(r)), "ln {x}");
            }
        }
        // Exact values stay points.
        assert_eq!(Interval::point(Float::with_val(64, 4)).sqrt(64).unwrap(), Interval::point(Float::with_val(64, 2)));
        assert_eq!(Interval::point(Float::with_val(64, 0)).exp(64), Interval::point(Float::with_val(64, 1)));
    }
}
