//! One-sided f64 rounding by stepping past the round-to-nearest result.
//!
//! # Why this is sound
//! For `+ − × ÷ √` IEEE 754 returns the exact result rounded to nearest, so the exact value lies
//! within half an ulp of the returned `r`: `r.next_up()` is ≥ it and `r.next_down()` ≤ it, also
//! in the subnormal range and when `r` is 0. For `exp`, `ln` and `expm1` we **assume** the
//! platform libm is accurate to 1 ulp (glibc documents < 1 ulp for these in round-to-nearest);
//! the exact value `y` then satisfies `|r − y| ≤ ulp(y) ≤ 2·ulp_below(r)`, so two steps
//! (`next_up` twice, or `next_down` twice) enclose it.
//!
//! # Cost in relative terms
//! A stepped basic operation is within `1.5 ulp ≤ 3u·|x|` of the exact `x` (for normal results,
//! `u = 2⁻⁵³`); a stepped libm call within `3 ulp ≤ 6u·|x|`. The error budgets in
//! [`crate::kernels::tolerances_concentration`] count these per formula.

/// `fl(x)` stepped up: an upper bound on the exact result of a correctly rounded operation.
#[inline]
pub fn up(x: f64) -> f64 {
    x.next_up()
}

/// `fl(x)` stepped down.
#[inline]
pub fn down(x: f64) -> f64 {
    x.next_down()
}

/// An upper bound on the exact value of a libm function returning `x` (assumed ≤ 1 ulp off).
#[inline]
pub fn up_libm(x: f64) -> f64 {
    x.next_up().next_up()
}

/// A lower bound on the exact value of a libm function returning `x` (assumed ≤ 1 ulp off).
#[inline]
pub fn down_libm(x: f64) -> f64 {
    x.next_down().next_down()
}

/// An upper bound on `n` as an f64 (exact for `n ≤ 2⁵³`).
#[inline]
pub fn u64_up(n: u64) -> f64 {
    let f = n as f64;
    // `f as u128` is exact (f ≤ 2⁶⁴), so the comparison is exact.
    if (f as u128) < u128::from(n) {
        f.next_up()
    } else {
        f
    }
}
