//! Values as exact rationals or certified intervals, and certified comparisons between them.
//!
//! An [`Enclosure`] is what the reference code knows about a real number: either its exact
//! rational value, or an [`Interval`] with outward-rounded MPFR endpoints that contains it.
//! Arithmetic keeps exact values exact where the result is rational (sums, products, quotients,
//! integer powers) and falls back to intervals otherwise, so claims that hold with equality can
//! be compared in exact form.

use super::interval::Interval;
use rug::float::Round;
use rug::ops::Pow;
use rug::{Float, Rational};
use std::cmp::Ordering;
use std::fmt;
use thiserror::Error;

/// The precision ladder: a comparison undecided at one rung is retried at the next.
pub const PRECISION_LADDER: [u32; 4] = [64, 256, 1024, 4096];

/// A real number known exactly or enclosed by an interval.
#[derive(Clone, Debug, PartialEq)]
pub enum Enclosure {
    Exact(Rational),
    Interval(Interval),
}

/// The answer to a comparison between enclosures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// True for every pair of values in the enclosures.
    True,
    /// False for every pair of values in the enclosures.
    False,
    /// The enclosures overlap in a way that leaves the answer open.
    Undecided,
}

/// A reference computation outside its mathematical domain.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum DomainError {
    #[error("{function} is undefined at {argument}")]
    OutsideDomain { function: &'static str, argument: String },
}

fn outside(function: &'static str, argument: &Enclosure) -> DomainError {
    DomainError::OutsideDomain { function, argument: argument.to_string() }
}

impl From<Rational> for Enclosure {
    fn from(r: Rational) -> Self {
        Enclosure::Exact(r)
    }
}

impl From<Interval> for Enclosure {
    fn from(i: Interval) -> Self {
        Enclosure::Interval(i)
    }
}

impl Enclosure {
    pub fn exact(r: impl Into<Rational>) -> Self {
        Enclosure::Exact(r.into())
    }

    pub fn zero() -> Self {
        Enclosure::Exact(Rational::new())
    }

    pub fn one() -> Self {
        Enclosure::Exact(Rational::from(1))
    }

    pub fn as_exact(&self) -> Option<&Rational> {
        match self {
            Enclosure::Exact(r) => Some(r),
            Enclosure::Interval(_) => None,
        }
    }

    /// The enclosure as an interval at `prec` bits (exact values are rounded outward).
    pub fn to_interval(&self, prec: u32) -> Interval {
        match self {
            Enclosure::Exact(r) => Interval::from_rational(r, prec),
            Enclosure::Interval(i) => i.clone(),
        }
    }

    /// Lower endpoint as a float rounded down.
    pub fn lo(&self, prec: u32) -> Float {
        self.to_interval(prec).lo().clone()
    }

    /// Upper endpoint as a float rounded up.
    pub fn hi(&self, prec: u32) -> Float {
        self.to_interval(prec).hi().clone()
    }

    /// A float near the value, for display and for picking search points; never for deciding.
    pub fn approx_f64(&self) -> f64 {
        match self {
            Enclosure::Exact(r) => r.to_f64(),
            Enclosure::Interval(i) => {
                let lo = i.lo().to_f64();
                let hi = i.hi().to_f64();
                if lo.is_finite() && hi.is_finite() {
                    lo / 2.0 + hi / 2.0
                } else if lo.is_finite() {
                    lo
                } else {
                    hi
                }
            }
        }
    }

    pub fn contains(&self, r: &Rational) -> bool {
        match self {
            Enclosure::Exact(x) => x == r,
            Enclosure::Interval(i) => i.contains_rational(r),
        }
    }

    /// Relative width of the enclosure (0 for exact values).
    pub fn relative_width(&self, prec: u32) -> Float {
        match self {
            Enclosure::Exact(_) => Float::with_val(prec, 0),
            Enclosure::Interval(i) => i.relative_width(),
        }
    }

    pub fn neg(&self) -> Self {
        match self {
            Enclosure::Exact(r) => Enclosure::Exact(Rational::from(-r)),
            Enclosure::Interval(i) => Enclosure::Interval(i.neg()),
        }
    }

    pub fn add(&self, other: &Self, prec: u32) -> Self {
        match (self, other) {
            (Enclosure::Exact(a), Enclosure::Exact(b)) => Enclosure::Exact(Rational::from(a + b)),
            _ => self.to_interval(prec).add(&other.to_interval(prec), prec).into(),
        }
    }

    pub fn sub(&self, other: &Self, prec: u32) -> Self {
        self.add(&other.neg(), prec)
    }

    /// `x − η·|x|` for `0 ≤ η < 1`: the value moved toward zero (or, if negative, away from it) by
    /// the fraction η of its magnitude. The map is increasing in `x`, so each endpoint maps to an
    /// endpoint, rounded outward. Used to sharpen a claim's larger side by η.
    pub fn minus_fraction_of_magnitude(&self, eta: &Rational, prec: u32) -> Self {
        let factor = |nonnegative: bool| if nonnegative { Rational::from(1 - eta) } else { Rational::from(1 + eta) };
        match self {
            Enclosure::Exact(r) => Enclosure::Exact(r * factor(*r >= 0)),
            Enclosure::Interval(i) => {
                let scaled = |x: &Float| Interval::point(x.clone()).mul(&Interval::from_rational(&factor(*x >= 0), prec), prec);
                let (lo, hi) = (scaled(i.lo()), scaled(i.hi()));
                Interval::new(lo.lo().clone(), hi.hi().clone()).map_or_else(|| Interval::entire(prec).into(), Enclosure::Interval)
            }
        }
    }

    pub fn mul(&self, other: &Self, prec: u32) -> Self {
        match (self, other) {
            (Enclosure::Exact(a), Enclosure::Exact(b)) => Enclosure::Exact(Rational::from(a * b)),
            (Enclosure::Exact(z), _) | (_, Enclosure::Exact(z)) if *z == 0 => Enclosure::zero(),
            _ => self.to_interval(prec).mul(&other.to_interval(prec), prec).into(),
        }
    }

    /// `self / other`; an error when the divisor is exactly zero.
    pub fn div(&self, other: &Self, prec: u32) -> Result<Self, DomainError> {
        match (self, other) {
            (_, Enclosure::Exact(b)) if *b == 0 => Err(outside("division", other)),
            (Enclosure::Exact(a), Enclosure::Exact(b)) => Ok(Enclosure::Exact(Rational::from(a / b))),
            (Enclosure::Exact(z), _) if *z == 0 => Ok(Enclosure::zero()),
            _ => Ok(self.to_interval(prec).div(&other.to_interval(prec), prec).into()),
        }
    }

    /// `self^n`, exact for exact values.
    pub fn powi(&self, n: u32, prec: u32) -> Self {
        match self {
            Enclosure::Exact(r) => Enclosure::Exact(Rational::from(r.pow(n))),
            Enclosure::Interval(i) => i.powi(n, prec).into(),
        }
    }

    /// `e^x`; exact only at `x = 0`.
    pub fn exp(&self, prec: u32) -> Self {
        match self {
            Enclosure::Exact(r) if *r == 0 => Enclosure::one(),
            _ => self.to_interval(prec).exp(prec).into(),
        }
    }

    /// `ln x` for `x > 0`; exact only at `x = 1`.
    pub fn ln(&self, prec: u32) -> Result<Self, DomainError> {
        match self {
            Enclosure::Exact(r) if *r <= 0 => Err(outside("ln", self)),
            Enclosure::Exact(r) if *r == 1 => Ok(Enclosure::zero()),
            _ => self.to_interval(prec).ln(prec).map(Enclosure::from).ok_or_else(|| outside("ln", self)),
        }
    }

    /// `ln(1 + x)` for `x > −1`, accurate for small `x`.
    pub fn ln_1p(&self, prec: u32) -> Result<Self, DomainError> {
        match self {
            Enclosure::Exact(r) if *r <= -1 => Err(outside("ln_1p", self)),
            Enclosure::Exact(r) if *r == 0 => Ok(Enclosure::zero()),
            _ => self.to_interval(prec).ln_1p(prec).map(Enclosure::from).ok_or_else(|| outside("ln_1p", self)),
        }
    }

    /// `√x` for `x ≥ 0`; exact when `x` is the square of a rational.
    pub fn sqrt(&self, prec: u32) -> Result<Self, DomainError> {
        match self {
            Enclosure::Exact(r) if *r < 0 => Err(outside("sqrt", self)),
            Enclosure::Exact(r) => {
                let (num, den) = (r.numer(), r.denom());
                if num.is_perfect_square() && den.is_perfect_square() {
                    let root = Rational::from((num.clone().sqrt(), den.clone().sqrt()));
                    Ok(Enclosure::Exact(root))
                } else {
                    self.to_interval(prec).sqrt(prec).map(Enclosure::from).ok_or_else(|| outside("sqrt", self))
                }
            }
            Enclosure::Interval(i) => i.sqrt(prec).map(Enclosure::from).ok_or_else(|| outside("sqrt", self)),
        }
    }

    /// The complementary error function.
    pub fn erfc(&self, prec: u32) -> Self {
        match self {
            Enclosure::Exact(r) if *r == 0 => Enclosure::one(),
            _ => self.to_interval(prec).erfc(prec).into(),
        }
    }

    /// Decides `self ≤ other`.
    pub fn le(&self, other: &Self) -> Decision {
        match (self, other) {
            (Enclosure::Exact(a), Enclosure::Exact(b)) => decided(a <= b),
            _ => {
                let prec = self.working_prec().max(other.working_prec());
                let (a, b) = (self.to_interval(prec), other.to_interval(prec));
                if a.hi() <= b.lo() {
                    Decision::True
                } else if a.lo() > b.hi() {
                    Decision::False
                } else {
                    Decision::Undecided
                }
            }
        }
    }

    /// Decides `self < other`.
    pub fn lt(&self, other: &Self) -> Decision {
        other.le(self).not()
    }

    /// Decides `self = other`: equality is certified only between exact values or equal points.
    pub fn eq_value(&self, other: &Self) -> Decision {
        match (self, other) {
            (Enclosure::Exact(a), Enclosure::Exact(b)) => decided(a == b),
            _ => {
                let prec = self.working_prec().max(other.working_prec());
                let (a, b) = (self.to_interval(prec), other.to_interval(prec));
                if a.hi() < b.lo() || b.hi() < a.lo() {
                    Decision::False
                } else if a.lo() == a.hi() && a == b {
                    Decision::True
                } else {
                    Decision::Undecided
                }
            }
        }
    }

    /// Three-way comparison when certified, `None` when the enclosures overlap.
    pub fn certified_cmp(&self, other: &Self) -> Option<Ordering> {
        match (self.lt(other), other.lt(self)) {
            (Decision::True, _) => Some(Ordering::Less),
            (_, Decision::True) => Some(Ordering::Greater),
            _ if self.eq_value(other) == Decision::True => Some(Ordering::Equal),
            _ => None,
        }
    }

    fn working_prec(&self) -> u32 {
        match self {
            Enclosure::Exact(_) => 64,
            Enclosure::Interval(i) => i.lo().prec().max(i.hi().prec()),
        }
    }

    /// Lower and upper decimal strings with `digits` significant digits, rounded outward.
    pub fn decimal_bounds(&self, digits: usize) -> (String, String) {
        use super::decimal::{format_rational_rounded, format_rounded};
        match self {
            Enclosure::Exact(r) => (format_rational_rounded(r, digits, Round::Down), format_rational_rounded(r, digits, Round::Up)),
            Enclosure::Interval(i) => (format_rounded(i.lo(), digits, Round::Down), format_rounded(i.hi(), digits, Round::Up)),
        }
    }
}

fn decided(b: bool) -> Decision {
    if b {
        Decision::True
    } else {
        Decision::False
    }
}

impl Decision {
    #[allow(clippy::should_implement_trait)]
    pub fn not(self) -> Self {
        match self {
            Decision::True => Decision::False,
            Decision::False => Decision::True,
            Decision::Undecided => Decision::Undecided,
        }
    }

    pub fn and(self, other: Decision) -> Self {
        match (self, other) {
            (Decision::False, _) | (_, Decision::False) => Decision::False,
            (Decision::True, Decision::True) => Decision::True,
            _ => Decision::Undecided,
        }
    }
}

impl fmt::Display for Enclosure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = f.precision().unwrap_or(6);
        match self {
            Enclosure::Exact(r) => {
                let text = super::decimal::format_rational(r);
                if text.len() <= 24 {
                    write!(f, "{text}")
                } else {
                    let (lo, hi) = self.decimal_bounds(digits);
                    write!(f, "exact in [{lo}, {hi}]")
                }
            }
            Enclosure::Interval(i) => write!(f, "{i:.digits$}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(n: i64, d: i64) -> Enclosure {
        Enclosure::exact(Rational::from((n, d)))
    }

    #[test]
    fn exact_arithmetic_stays_exact() {
        let x = q(1, 3).add(&q(1, 6), 64).mul(&q(4, 1), 64);
        assert_eq!(x, q(2, 1));
        assert_eq!(q(1, 4).sqrt(64).unwrap(), q(1, 2));
        assert_eq!(q(0, 1).exp(64), q(1, 1));
        assert_eq!(q(2, 3).powi(3, 64), q(8, 27));
    }

    #[test]
    fn transcendental_results_enclose_the_value() {
        let prec = 128;
        // e^{ln 2} must enclose 2.
        let two = q(2, 1).ln(prec).unwrap().exp(prec);
        assert!(two.contains(&Rational::from(2)));
        // sqrt(2)^2 encloses 2 and is not exact.
        let s = q(2, 1).sqrt(prec).unwrap();
        assert!(s.as_exact().is_none());
        assert!(s.mul(&s, prec).contains(&Rational::from(2)));
        // erfc(0) = 1 exactly; erfc is decreasing.
        assert_eq!(q(0, 1).erfc(prec), Enclosure::one());
        assert_eq!(q(1, 1).erfc(prec).le(&q(-1, 1).erfc(prec)), Decision::True);
    }

    #[test]
    fn comparisons_are_certified_or_undecided() {
        let prec = 64;
        let third = q(1, 3).to_interval(prec);
        assert_eq!(Enclosure::from(third.clone()).le(&q(1, 2)), Decision::True);
        assert_eq!(Enclosure::from(third.clone()).le(&q(1, 4)), Decision::False);
        // An interval straddling the rational 1/3 cannot be decided against it.
        assert_eq!(Enclosure::from(third).le(&q(1, 3)), Decision::Undecided);
        assert_eq!(q(1, 3).le(&q(1, 3)), Decision::True);
        assert_eq!(q(1, 3).lt(&q(1, 3)), Decision::False);
    }

    #[test]
    fn domain_errors_are_reported() {
        assert!(q(-1, 1).ln(64).is_err());
        assert!(q(-1, 1).sqrt(64).is_err());
        assert!(q(1, 1).div(&q(0, 1), 64).is_err());
        assert!(q(-2, 1).ln_1p(64).is_err());
    }
}
