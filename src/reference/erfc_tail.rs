//! Certified bounds on `erfc(x)` for large positive `x` by Laplace's continued fraction.
//!
//! MPFR's `erfc` is correctly rounded but slow in the middle range (`x ≈ 5…15` at 300 bits it
//! computes `1 − erf(x)` with about `x²/ln 2` extra bits: milliseconds). There the continued
//! fraction converges quickly and brackets the value by construction.
//!
//! # Formula
//! `√π e^{x²} erfc(x) = 1/T_0` with `T_k = x + a_{k+1}/T_{k+1}`, `a_k = k/2` (Laplace). All
//! partial numerators are positive, so `x < T_k` and, truncating at depth `N`,
//! `x ≤ T_N ≤ x + a_{N+1}/x`. `T_k` decreases in `T_{k+1}`, so a lower bound of `T_k` comes from
//! an upper bound of `T_{k+1}` (rounding down) and an upper bound from a lower bound (rounding
//! up). Running both chains back to `T_0` gives `1/T_0` from both sides; `e^{−x²}` and `√π` are
//! rounded in the direction of each end. The depth starts at `6·prec/x` (the truncation error
//! was measured to reach `2^-b` near depth `5.3·b/x`) and doubles until the relative width is
//! below `2^-(prec+4)`, up to [`MAX_DEPTH`]; beyond it the caller falls back to MPFR.

use rug::float::{Constant, Round};
use rug::Float;

/// The largest continued-fraction depth tried.
pub const MAX_DEPTH: u32 = 4096;

/// The continued fraction is used for arguments at least this large (`erfc(4) ≈ 1.5e-8`);
/// below, it needs thousands of terms and MPFR is faster.
pub const MIN_ARGUMENT: u32 = 4;

/// `[lower, upper]` bounds of `erfc(x)` for a point `x ≥ MIN_ARGUMENT`, at `prec` bits; `None`
/// when the depth limit is reached first.
pub fn erfc_bounds(x: &Float, prec: u32) -> Option<(Float, Float)> {
    if *x < MIN_ARGUMENT {
        return None;
    }
    let wp = prec + 16;
    let target = Float::with_val(32, Float::i_exp(1, -(prec as i32 + 4)));
    // Measured (mpmath, 600 bits): the truncation error reaches 2^-b at a depth of about
    // 5.3·b/x for x in [4, 20]; start a little beyond that (a guess only: the loop checks).
    let guess = 6.0 * f64::from(prec + 4) / x.to_f64().max(1.0);
    let mut depth = (guess as u32).clamp(32, MAX_DEPTH);
    while depth <= MAX_DEPTH {
        let (t_lo, t_hi) = tails(x, depth, wp);
        // 1/T_0 from both sides.
        let f_lo = Float::with_val_round(wp, 1 / &t_hi, Round::Down).0;
        let f_hi = Float::with_val_round(wp, 1 / &t_lo, Round::Up).0;
        let width = Float::with_val_round(32, &f_hi - &f_lo, Round::Up).0;
        if width <= Float::with_val(32, &f_lo * &target) {
            let (e_lo, e_hi) = gaussian_over_sqrt_pi(x, wp);
            let lo = Float::with_val_round(wp, &f_lo * &e_lo, Round::Down).0;
            let hi = Float::with_val_round(wp, &f_hi * &e_hi, Round::Up).0;
            return Some((lo, hi));
        }
        depth *= 2;
    }
    None
}

/// Bounds of `erfc` over `[lo, hi]` (`MIN_ARGUMENT ≤ lo ≤ hi`) from one continued-fraction
/// evaluation at `lo`: `erfc` decreases, so `erfc(lo)`'s upper bound is the upper end, and
/// `|erfc′(t)| = (2/√π)e^{−t²} ≤ (2/√π)e^{−lo²}` for `t ≥ lo` gives
/// `erfc(hi) ≥ erfc(lo) − (hi − lo)·(2/√π)e^{−lo²}` for the lower end (one evaluation instead of
/// two; the extra width is `≈ 2·lo·(hi − lo)` relative, as for the interval argument itself).
pub fn erfc_interval_bounds(lo: &Float, hi: &Float, prec: u32) -> Option<(Float, Float)> {
    let (at_lo_lower, upper) = erfc_bounds(lo, prec)?;
    if lo == hi {
        return Some((at_lo_lower, upper));
    }
    let wp = prec + 16;
    let (_, gaussian_hi) = gaussian_over_sqrt_pi(lo, wp);
    let span = Float::with_val_round(wp, hi - lo, Round::Up).0;
    let drop = Float::with_val_round(wp, &span * &gaussian_hi, Round::Up).0 << 1u32;
    let lower = Float::with_val_round(wp, &at_lo_lower - &drop, Round::Down).0;
    if lower <= 0 {
        return None;
    }
    Some((lower, upper))
}

/// Lower and upper bounds of `T_0` from the continued fraction truncated at `depth`.
fn tails(x: &Float, depth: u32, wp: u32) -> (Float, Float) {
    // T_N ∈ [x, x + a_{N+1}/x].
    let mut lo = Float::with_val(wp, x);
    let a_next = Float::with_val(wp, depth + 1) >> 1u32;
    let mut hi = Float::with_val_round(wp, &a_next / x, Round::Up).0;
    hi = Float::with_val_round(wp, &hi + x, Round::Up).0;
    for k in (0..depth).rev() {
        // T_k = x + a_{k+1}/T_{k+1}, a_{k+1} = (k+1)/2.
        let a = k + 1;
        let mut new_lo = Float::with_val_round(wp, a / &hi, Round::Down).0;
        new_lo >>= 1u32;
        new_lo = Float::with_val_round(wp, &new_lo + x, Round::Down).0;
        let mut new_hi = Float::with_val_round(wp, a / &lo, Round::Up).0;
        new_hi >>= 1u32;
        new_hi = Float::with_val_round(wp, &new_hi + x, Round::Up).0;
        lo = new_lo;
        hi = new_hi;
    }
    (lo, hi)
}

/// `e^{−x²}/√π` from below and from above.
fn gaussian_over_sqrt_pi(x: &Float, wp: u32) -> (Float, Float) {
    let sq_up = Float::with_val_round(wp, x.square_ref(), Round::Up).0;
    let sq_down = Float::with_val_round(wp, x.square_ref(), Round::Down).0;
    let e_lo = Float::with_val_round(wp, (-sq_up).exp_ref(), Round::Down).0;
    let e_hi = Float::with_val_round(wp, (-sq_down).exp_ref(), Round::Up).0;
    let pi_up = Float::with_val_round(wp, Constant::Pi, Round::Up).0;
    let pi_down = Float::with_val_round(wp, Constant::Pi, Round::Down).0;
    let root_up = Float::with_val_round(wp, pi_up.sqrt_ref(), Round::Up).0;
    let root_down = Float::with_val_round(wp, pi_down.sqrt_ref(), Round::Down).0;
    (Float::with_val_round(wp, &e_lo / &root_up, Round::Down).0, Float::with_val_round(wp, &e_hi / &root_down, Round::Up).0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_mpfr_erfc_and_is_narrow() {
        for (num, den) in [(4u32, 1u32), (9, 2), (17, 3), (10, 1), (141, 10), (20, 1), (300, 7), (1000, 1)] {
            let x = Float::with_val(64, num) / den;
            for prec in [64u32, 256, 600] {
                let (lo, hi) = erfc_bounds(&x, prec).unwrap_or_else(|| panic!("x = {x}, prec {prec}"));
                // MPFR's value at 4 × the precision, correctly rounded: must lie inside.
                let reference = Float::with_val(4 * prec, x.erfc_ref());
                assert!(lo <= reference && reference <= hi, "x = {x}, prec {prec}: [{lo}, {hi}] vs {reference}");
                let relative = Float::with_val(64, &hi - &lo) / &lo;
                assert!(relative <= Float::with_val(64, Float::i_exp(1, -(prec as i32))), "x = {x}, prec {prec}: width {relative}");
            }
        }
    }

    #[test]
    fn interval_bounds_contain_erfc_at_both_ends() {
        for (num, den) in [(4u32, 1u32), (6, 1), (20, 1)] {
            let lo = Float::with_val(300, num) / den;
            let hi = Float::with_val(300, &lo + Float::with_val(300, Float::i_exp(1, -250)));
            let (l, h) = erfc_interval_bounds(&lo, &hi, 256).unwrap();
            let at_hi = Float::with_val(1024, hi.erfc_ref());
            let at_lo = Float::with_val(1024, lo.erfc_ref());
            assert!(l <= at_hi && at_lo <= h, "x = {lo}");
            assert!(Float::with_val(64, &h - &l) / &l <= Float::with_val(64, Float::i_exp(1, -240)));
        }
    }

    #[test]
    fn small_arguments_are_declined() {
        assert!(erfc_bounds(&Float::with_val(64, 3.5), 256).is_none());
    }
}
