//! Printing an enclosure with exactly the significant digits it certifies.
//!
//! Both ends of the enclosure are rounded to nearest at `d` significant decimal digits, for
//! `d = MAX_DIGITS, MAX_DIGITS − 1, …, 1`; the first `d` at which the two roundings agree is
//! printed. Rounding to nearest is monotone, so when the ends agree every value in the
//! enclosure, the true one included, rounds to that same decimal: the printed digits are a
//! property of the number, not of the precision or the machine. Reports and snapshots are
//! therefore identical everywhere, as long as the enclosure is narrow enough, which the
//! precision ladder makes it. An enclosure whose ends share no digit (one straddling zero, say)
//! is printed as an outward-rounded interval.

use crate::reference::decimal::format_rounded;
use crate::reference::Enclosure;
use rug::float::Round;
use rug::Float;

/// The most significant digits a report prints. Six keep tables readable and are far inside
/// what a 64-bit enclosure certifies (about 19 digits), so they are almost always all certified.
pub const MAX_DIGITS: usize = 6;

/// The bits at which an exact rational is enclosed before printing; plenty for `MAX_DIGITS`.
const PRINT_PREC: u32 = 256;

/// The enclosed value with the significant digits both ends agree on (at most [`MAX_DIGITS`]),
/// or `[lo, hi]` rounded outward when they agree on none.
///
/// # Examples
/// ```
/// use theoremcheck::report::digits::certified;
/// use theoremcheck::Enclosure;
/// use rug::Rational;
/// assert_eq!(certified(&Enclosure::exact(Rational::from((1, 8)))), "0.125000");
/// assert_eq!(certified(&Enclosure::exact(Rational::from((-2, 3)))), "-0.666667");
/// assert_eq!(certified(&Enclosure::exact(Rational::from(123456789))), "1.23457e8");
/// assert_eq!(certified(&Enclosure::zero()), "0");
/// ```
pub fn certified(e: &Enclosure) -> String {
    certified_at_most(e, MAX_DIGITS)
}

/// [`certified`] with another maximum.
pub fn certified_at_most(e: &Enclosure, max_digits: usize) -> String {
    let interval = e.to_interval(PRINT_PREC);
    let (lo, hi) = (interval.lo(), interval.hi());
    if lo.is_zero() && hi.is_zero() {
        return "0".to_string();
    }
    if lo.is_finite() && hi.is_finite() {
        for d in (1..=max_digits.max(1)).rev() {
            let (a, b) = (nearest(lo, d), nearest(hi, d));
            if a == b {
                return a;
            }
        }
    }
    let (lo, hi) = (format_rounded(lo, 2, Round::Down), format_rounded(hi, 2, Round::Up));
    format!("[{lo}, {hi}]")
}

/// The number of significant digits [`certified`] prints for `e` (0 when it prints an interval).
pub fn certified_digit_count(e: &Enclosure) -> usize {
    let text = certified(e);
    if text.starts_with('[') {
        return 0;
    }
    let mantissa = text.split('e').next().unwrap_or("");
    let digits = mantissa.trim_start_matches('-').trim_start_matches(['0', '.']);
    digits.chars().filter(char::is_ascii_digit).count()
}

/// `x` rounded to nearest at `digits` significant digits, written as a plain decimal when its
/// exponent is moderate and in `d.ddde±k` form otherwise. A zero is never passed here.
fn nearest(x: &Float, digits: usize) -> String {
    let (negative, mantissa, exponent) = x.to_sign_string_exp_round(10, Some(digits), Round::Nearest);
    let sign = if negative { "-" } else { "" };
    let Some(exponent) = exponent else { return format!("{sign}{mantissa}") };
    // The value is 0.mantissa × 10^exponent; its scientific exponent is one less.
    let scientific = exponent - 1;
    let (head, tail) = mantissa.split_at(1);
    if (-4..=5).contains(&scientific) {
        if scientific < 0 {
            let zeros = "0".repeat((-scientific - 1) as usize);
            format!("{sign}0.{zeros}{mantissa}")
        } else {
            let point = (scientific + 1) as usize;
            if point >= mantissa.len() {
                format!("{sign}{mantissa}{}", "0".repeat(point - mantissa.len()))
            } else {
                format!("{sign}{}.{}", &mantissa[..point], &mantissa[point..])
            }
        }
    } else if tail.is_empty() {
        format!("{sign}{head}e{scientific}")
    } else {
        format!("{sign}{head}.{tail}e{scientific}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::Interval;
    use rug::Rational;

    fn q(n: i64, d: i64) -> Enclosure {
        Enclosure::exact(Rational::from((n, d)))
    }

    #[test]
    fn plain_and_scientific_forms() {
        assert_eq!(certified(&q(1, 2)), "0.500000");
        assert_eq!(certified(&q(1, 3000)), "0.000333333");
        assert_eq!(certified(&q(1, 300000)), "3.33333e-6");
        assert_eq!(certified(&q(123456, 1)), "123456");
        assert_eq!(certified(&q(12, 1)), "12.0000");
        assert_eq!(certified(&q(1234567, 1)), "1.23457e6");
        assert_eq!(certified_at_most(&q(1, 3), 1), "0.3");
        assert_eq!(certified_at_most(&q(-7, 1000000), 1), "-7e-6");
    }

    #[test]
    fn only_certified_digits_are_printed() {
        // [0.12341, 0.12343]: the ends agree on four digits, not five.
        let lo = Float::with_val(64, 0.12341);
        let hi = Float::with_val(64, 0.12343);
        let e = Enclosure::from(Interval::new(lo, hi).unwrap());
        assert_eq!(certified(&e), "0.1234");
        assert_eq!(certified_digit_count(&e), 4);
        // [0.12344, 0.12346] straddles the rounding boundary 0.12345: only three digits agree.
        let e = Enclosure::from(Interval::new(Float::with_val(64, 0.12344), Float::with_val(64, 0.12346)).unwrap());
        assert_eq!(certified(&e), "0.123");
        // An enclosure across zero shares no digit and is printed as an interval.
        let e = Enclosure::from(Interval::new(Float::with_val(64, -0.5), Float::with_val(64, 0.25)).unwrap());
        assert_eq!(certified(&e), "[-5.0e-1, 2.5e-1]");
        assert_eq!(certified_digit_count(&e), 0);
    }

    #[test]
    fn the_printed_digits_do_not_depend_on_the_precision() {
        let third = q(1, 3);
        let narrow = |prec| Enclosure::from(third.to_interval(prec));
        assert_eq!(certified(&narrow(64)), certified(&narrow(4096)));
        let e = q(2, 1).ln(64).unwrap();
        assert_eq!(certified(&e), certified(&q(2, 1).ln(1024).unwrap()));
        assert_eq!(certified(&e), "0.693147");
    }
}
