//! Exact reading and directed-rounding printing of decimal numbers.
//!
//! User input is read exactly: `"1/3"`, `"0.25"`, `"-2.5e-3"` and integers become rationals
//! without passing through `f64`. Output rounds outward, so a printed interval still contains
//! the value it encloses.

use rug::float::Round;
use rug::ops::Pow;
use rug::{Float, Integer, Rational};
use thiserror::Error;

/// Why a string is not an exact real number.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ParseNumberError {
    #[error("empty string where a number belongs")]
    Empty,
    #[error("'{0}' is not a number (expected an integer, a decimal like 0.25 or 1e-3, or a fraction a/b)")]
    Malformed(String),
    #[error("'{0}' has a zero denominator")]
    ZeroDenominator(String),
    #[error("'{0}' is not finite; only finite numbers are accepted")]
    NotFinite(String),
}

/// Reads an exact rational from `a/b`, an integer, or a decimal with optional exponent.
pub fn parse_rational(text: &str) -> Result<Rational, ParseNumberError> {
    let s = text.trim();
    if s.is_empty() {
        return Err(ParseNumberError::Empty);
    }
    let lower = s.to_ascii_lowercase();
    if lower.contains("nan") || lower.contains("inf") {
        return Err(ParseNumberError::NotFinite(s.to_string()));
    }
    if let Some((num, den)) = s.split_once('/') {
        let num = parse_integer(num.trim()).ok_or_else(|| ParseNumberError::Malformed(s.into()))?;
        let den = parse_integer(den.trim()).ok_or_else(|| ParseNumberError::Malformed(s.into()))?;
        if den == 0 {
            return Err(ParseNumberError::ZeroDenominator(s.into()));
        }
        return Ok(Rational::from((num, den)));
    }
    parse_decimal(s).ok_or_else(|| ParseNumberError::Malformed(s.into()))
}

fn parse_integer(s: &str) -> Option<Integer> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Integer::from_str_radix(s.strip_prefix('+').unwrap_or(s), 10).ok()
}

fn parse_decimal(s: &str) -> Option<Rational> {
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (&s[..i], s[i + 1..].parse::<i32>().ok()?),
        None => (s, 0),
    };
    let (negative, unsigned) = match mantissa.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, mantissa.strip_prefix('+').unwrap_or(mantissa)),
    };
    let (int_part, frac_part) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    if (int_part.is_empty() && frac_part.is_empty()) || !all_digits(int_part) || !all_digits(frac_part) {
        return None;
    }
    let digits = format!("{int_part}{frac_part}");
    let mut value = Rational::from(Integer::from_str_radix(&digits, 10).ok()?);
    let scale = exponent.checked_sub(i32::try_from(frac_part.len()).ok()?)?;
    if scale.unsigned_abs() > 100_000 {
        return None;
    }
    let power = Rational::from(Integer::from(10).pow(scale.unsigned_abs()));
    if scale >= 0 {
        value *= power;
    } else {
        value /= power;
    }
    if negative {
        value = -value;
    }
    Some(value)
}

/// Decimal digits that represent `bits` binary digits faithfully (plus a guard digit).
pub fn digits_for_bits(bits: u32) -> usize {
    (f64::from(bits) * std::f64::consts::LOG10_2).ceil() as usize + 1
}

/// `x` printed with `digits` significant decimal digits, rounded in direction `round`.
pub fn format_rounded(x: &Float, digits: usize, round: Round) -> String {
    if x.is_zero() {
        return "0".to_string();
    }
    if x.is_infinite() {
        return if x.is_sign_negative() { "-inf".into() } else { "inf".into() };
    }
    x.to_string_radix_round(10, Some(digits.max(1)), round)
}

/// `r` printed with `digits` significant digits, rounded in direction `round`.
pub fn format_rational_rounded(r: &Rational, digits: usize, round: Round) -> String {
    if *r == 0 {
        return "0".to_string();
    }
    // Enough binary precision that the decimal rounding step is the only rounding that matters
    // for the direction: we round to binary in the same direction first.
    let prec = (digits as f64 / std::f64::consts::LOG10_2).ceil() as u32 + 16;
    let (x, _) = Float::with_val_round(prec, r, round);
    format_rounded(&x, digits, round)
}

/// A rational written the way users write it: `a/b`, or an integer.
pub fn format_rational(r: &Rational) -> String {
    if *r.denom() == 1 {
        r.numer().to_string()
    } else {
        format!("{}/{}", r.numer(), r.denom())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_are_read_exactly() {
        assert_eq!(parse_rational("0.1").unwrap(), Rational::from((1, 10)));
        assert_eq!(parse_rational("-2.5e-3").unwrap(), Rational::from((-1, 400)));
        assert_eq!(parse_rational("3/6").unwrap(), Rational::from((1, 2)));
        assert_eq!(parse_rational("7").unwrap(), Rational::from(7));
        assert_eq!(parse_rational("1E2").unwrap(), Rational::from(100));
        assert_eq!(parse_rational(".5").unwrap(), Rational::from((1, 2)));
    }

    #[test]
    fn non_numbers_are_rejected_with_a_reason() {
        assert_eq!(parse_rational(""), Err(ParseNumberError::Empty));
        assert!(matches!(parse_rational("NaN"), Err(ParseNumberError::NotFinite(_))));
        assert!(matches!(parse_rational("1/0"), Err(ParseNumberError::ZeroDenominator(_))));
        assert!(matches!(parse_rational("abc"), Err(ParseNumberError::Malformed(_))));
        assert!(matches!(parse_rational("1.2.3"), Err(ParseNumberError::Malformed(_))));
        assert!(matches!(parse_rational("-"), Err(ParseNumberError::Malformed(_))));
        assert!(matches!(parse_rational("1e999999999"), Err(ParseNumberError::Malformed(_))));
    }

    #[test]
    fn printing_rounds_outward() {
        let third = Rational::from((1, 3));
        let down = format_rational_rounded(&third, 5, Round::Down);
        let up = format_rational_rounded(&third, 5, Round::Up);
        assert!(parse_rational(&down).unwrap() < third);
        assert!(parse_rational(&up).unwrap() > third);
    }
}
