//! Exact classification of one kernel output against its reference enclosure.
//!
//! The kernel value `v` (an f64, exactly a rational), the reference enclosure `[lo, hi]` (exact
//! endpoints) and the budget `b` are compared in exact rational arithmetic, so no rounding in the
//! harness can move an output from one class to another.

use super::Comparison;
use crate::reference::Enclosure;
use rug::float::Round;
use rug::Rational;
use serde::Serialize;

/// How a kernel output relates to the exact value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Classification {
    /// Every point of the reference enclosure is within the budget of the kernel value.
    Within,
    /// No point of the reference enclosure is within the budget: the kernel (or its budget) is wrong.
    KernelBug,
    /// The kernel promised a bound (upper or lower) and the exact value lies on the wrong side of it.
    BoundViolated,
    /// The enclosure straddles the budget: the reference is too loose to decide. Refine the reference.
    ReferenceTooLoose,
}

impl Classification {
    /// A certified defect of the kernel.
    pub fn is_bug(self) -> bool {
        matches!(self, Classification::KernelBug | Classification::BoundViolated)
    }
}

/// The enclosure's endpoints as exact rationals, or `None` when it is unbounded or NaN.
fn endpoints(reference: &Enclosure) -> Option<(Rational, Rational)> {
    match reference {
        Enclosure::Exact(r) => Some((r.clone(), r.clone())),
        Enclosure::Interval(i) => Some((i.lo().to_rational()?, i.hi().to_rational()?)),
    }
}

fn display_bounds(reference: &Enclosure) -> (f64, f64) {
    match reference {
        Enclosure::Exact(r) => (r.to_f64(), r.to_f64()),
        Enclosure::Interval(i) => (i.lo().to_f64_round(Round::Down), i.hi().to_f64_round(Round::Up)),
    }
}

fn comparison(classification: Classification, kernel: f64, reference: &Enclosure, budget: f64, abs_error: Option<&Rational>) -> Comparison {
    let (reference_lo, reference_hi) = display_bounds(reference);
    let abs_error = abs_error.map_or(f64::INFINITY, up_to_f64);
    let budget_fraction = if abs_error == 0.0 { 0.0 } else { abs_error / budget };
    Comparison { classification, kernel, reference_lo, reference_hi, budget, abs_error, budget_fraction }
}

/// `r` rounded up to an f64 (so reported errors never understate).
fn up_to_f64(r: &Rational) -> f64 {
    let x = r.to_f64();
    if Rational::from_f64(x).is_some_and(|q| q < *r) {
        x.next_up()
    } else {
        x
    }
}

/// The kernel claims `|v − x| ≤ budget` for the exact value `x`.
pub fn classify(kernel: f64, reference: &Enclosure, budget: f64) -> Comparison {
    let (Some(v), Some((lo, hi)), Some(b)) = (Rational::from_f64(kernel), endpoints(reference), Rational::from_f64(budget)) else {
        let class = if kernel.is_finite() { Classification::ReferenceTooLoose } else { Classification::KernelBug };
        return comparison(class, kernel, reference, budget, None);
    };
    let far = Rational::from(&v - &lo).abs().max(Rational::from(&hi - &v).abs());
    let near = if v < lo {
        Rational::from(&lo - &v)
    } else if v > hi {
        Rational::from(&v - &hi)
    } else {
        Rational::new()
    };
    let class = if far <= b {
        Classification::Within
    } else if near > b {
        Classification::KernelBug
    } else {
        Classification::ReferenceTooLoose
    };
    comparison(class, kernel, reference, budget, Some(&far))
}

/// The kernel claims `x ≤ v ≤ x + budget` for the exact value `x` (an upper bound that is never
/// below the exact value and at most `budget` above it).
pub fn classify_upper_bound(kernel: f64, reference: &Enclosure, budget: f64) -> Comparison {
    one_sided(kernel, reference, budget, false)
}

/// The kernel claims `x − budget ≤ v ≤ x` for the exact value `x`.
pub fn classify_lower_bound(kernel: f64, reference: &Enclosure, budget: f64) -> Comparison {
    one_sided(kernel, reference, budget, true)
}

fn one_sided(kernel: f64, reference: &Enclosure, budget: f64, lower: bool) -> Comparison {
    let (Some(v), Some((lo, hi)), Some(b)) = (Rational::from_f64(kernel), endpoints(reference), Rational::from_f64(budget)) else {
        let class = if kernel.is_finite() { Classification::ReferenceTooLoose } else { Classification::KernelBug };
        return comparison(class, kernel, reference, budget, None);
    };
    // Mirror a lower bound into an upper bound: v ≤ x  ⇔  −v ≥ −x.
    let (v, lo, hi) = if lower { (-v, -hi, -lo) } else { (v, lo, hi) };
    let excess_far = Rational::from(&v - &lo);
    let excess_near = Rational::from(&v - &hi);
    let class = if v < lo {
        Classification::BoundViolated
    } else if v >= hi && excess_far <= b {
        Classification::Within
    } else if excess_near > b {
        Classification::KernelBug
    } else {
        Classification::ReferenceTooLoose
    };
    comparison(class, kernel, reference, budget, Some(&excess_far.abs()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exact(x: f64) -> Enclosure {
        Enclosure::exact(Rational::from_f64(x).unwrap())
    }

    #[test]
    fn two_sided_classes() {
        assert_eq!(classify(1.0, &exact(1.0 + 1e-12), 1e-11).classification, Classification::Within);
        assert_eq!(classify(1.0, &exact(1.0 + 1e-10), 1e-11).classification, Classification::KernelBug);
        assert_eq!(classify(f64::NAN, &exact(1.0), 1e-11).classification, Classification::KernelBug);
        let wide =
            Enclosure::Interval(crate::reference::Interval::new(rug::Float::with_val(53, 0.0), rug::Float::with_val(53, 2.0)).unwrap());
        assert_eq!(classify(1.0, &wide, 0.5).classification, Classification::ReferenceTooLoose);
    }

    #[test]
    fn one_sided_classes() {
        assert_eq!(classify_upper_bound(0.5, &exact(0.5 + 1e-15), 1.0).classification, Classification::BoundViolated);
        assert_eq!(classify_upper_bound(0.5, &exact(0.5), 0.0).classification, Classification::Within);
        assert_eq!(classify_upper_bound(0.6, &exact(0.5), 0.01).classification, Classification::KernelBug);
        assert_eq!(classify_lower_bound(0.5, &exact(0.5 - 1e-15), 1.0).classification, Classification::BoundViolated);
        assert_eq!(classify_lower_bound(0.49, &exact(0.5), 0.1).classification, Classification::Within);
    }
}
