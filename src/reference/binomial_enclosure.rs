//! Certified enclosures of binomial probabilities at large `n`: truncated sums with a certified
//! geometric remainder, and an lgamma enclosure of the leading term.
//!
//! The exact functions in [`super::binomial`] sum every term of a range in big integers, which
//! costs `O(n²)` bit operations at `k ≈ n/2`. What `eval` needs is an enclosure at `prec` bits,
//! and for that only the terms that matter have to be summed.
//!
//! # Formula
//! With `T_j = C(n,j) p^j (1−p)^{n−j}`:
//! - the *leading term* `T_s` is `exp(lnΓ(n+1) − lnΓ(s+1) − lnΓ(n−s+1) + s ln p + (n−s) ln(1−p))`,
//!   every logarithm and `lnΓ` taken from MPFR with directed rounding at a precision that makes
//!   the absolute error of the exponent below `2^-(wp+8)`;
//! - a sum away from the mode starts at `T_s` and multiplies by the ratios
//!   `r_j = T_{j+1}/T_j = (n−j)p/((j+1)(1−p))` (upward) or `T_{j−1}/T_j = j(1−p)/((n−j+1)p)`
//!   (downward). Away from the mode the ratios decrease monotonically, so after term `t_J` the
//!   remaining terms sum to at most `t_J·r_J/(1−r_J)`; the sum stops once that bound is below
//!   `2^-(wp−8)` of the partial sum, and the bound is added to the upper end;
//! - the terms and partial sums are computed with every MPFR operation rounded up, so the
//!   computed partial sum `ŝ` satisfies `s ≤ ŝ ≤ s·(1+2^{1−wp})^N` after `N` roundings, and
//!   `ŝ·(1 − N·2^{1−wp})` (rounded down) is a lower bound;
//! - a tail that contains the mode is `1 −` the opposite tail, which then lies entirely on the
//!   decreasing side; there the result is at least about ½, so the subtraction costs no accuracy.
//!
//! The working precision starts at `prec + 40` bits and doubles until the relative width is at
//! most `2^-prec` (or it reaches `16·prec`, where the valid, wider enclosure is returned).
//!
//! # Examples
//! ```
//! use theoremcheck::reference::binomial_enclosure::binomial_tail_upper_enclosure;
//! use theoremcheck::reference::binomial_tail_upper;
//! use rug::Rational;
//! let p = Rational::from((1, 4));
//! let e = binomial_tail_upper_enclosure(1000, 300, &p, 256).unwrap();
//! assert!(e.contains(&binomial_tail_upper(1000, 300, &p).unwrap()));
//! ```

use super::binomial::BinomialError;
use super::enclosure::Enclosure;
use super::interval::Interval;
use rug::float::Round;
use rug::ops::{AddAssignRound, DivAssignRound, MulAssignRound};
use rug::{Float, Integer, Rational};

/// `P(X = k)` for `X ~ Bin(n, p)`, enclosed with relative width at most `2^-prec` (exact when
/// `p ∈ {0, 1}` or `n ≤` [`EXACT_TRIALS`]).
///
/// # Errors
/// [`BinomialError`] for `n = 0`, `k > n` or `p ∉ [0, 1]`.
pub fn binomial_pmf_enclosure(n: u32, k: u32, p: &Rational, prec: u32) -> Result<Enclosure, BinomialError> {
    if n <= EXACT_TRIALS {
        return super::binomial::binomial_pmf(n, k, p).map(Enclosure::Exact);
    }
    enclosed_pmf(n, k, p, prec)
}

fn enclosed_pmf(n: u32, k: u32, p: &Rational, prec: u32) -> Result<Enclosure, BinomialError> {
    check(n, k, p)?;
    if *p == 0 || *p == 1 {
        let at = if *p == 0 { 0 } else { n };
        return Ok(Enclosure::exact(u32::from(k == at)));
    }
    let odds = Odds::from_rational(p);
    Ok(at_precision(prec, |wp| leading_term(n, k, &odds, wp)).into())
}

/// `P(X ≤ k)` for `X ~ Bin(n, p)`, enclosed with relative width at most `2^-prec` (exact when
/// the answer is 0 or 1 by the parameters alone, or `n ≤` [`EXACT_TRIALS`]).
///
/// # Errors
/// [`BinomialError`] for `n = 0`, `k > n` or `p ∉ [0, 1]`.
pub fn binomial_cdf_enclosure(n: u32, k: u32, p: &Rational, prec: u32) -> Result<Enclosure, BinomialError> {
    if n <= EXACT_TRIALS {
        return super::binomial::binomial_cdf(n, k, p).map(Enclosure::Exact);
    }
    enclosed_cdf(n, k, p, prec)
}

fn enclosed_cdf(n: u32, k: u32, p: &Rational, prec: u32) -> Result<Enclosure, BinomialError> {
    check(n, k, p)?;
    if k == n || *p == 0 {
        return Ok(Enclosure::one());
    }
    if *p == 1 {
        return Ok(Enclosure::zero());
    }
    let odds = Odds::from_rational(p);
    Ok(at_precision(prec, |wp| cdf(n, k, &odds, wp)).into())
}

/// `P(X ≥ k)` for `X ~ Bin(n, p)`, enclosed with relative width at most `2^-prec` (exact when
/// the answer is 0 or 1 by the parameters alone, or `n ≤` [`EXACT_TRIALS`]).
///
/// # Errors
/// [`BinomialError`] for `n = 0`, `k > n` or `p ∉ [0, 1]`.
pub fn binomial_tail_upper_enclosure(n: u32, k: u32, p: &Rational, prec: u32) -> Result<Enclosure, BinomialError> {
    if n <= EXACT_TRIALS {
        return super::binomial::binomial_tail_upper(n, k, p).map(Enclosure::Exact);
    }
    enclosed_tail_upper(n, k, p, prec)
}

fn enclosed_tail_upper(n: u32, k: u32, p: &Rational, prec: u32) -> Result<Enclosure, BinomialError> {
    check(n, k, p)?;
    if k == 0 || *p == 1 {
        return Ok(Enclosure::one());
    }
    if *p == 0 {
        return Ok(Enclosure::zero());
    }
    let odds = Odds::from_rational(p);
    Ok(at_precision(prec, |wp| tail_upper(n, k, &odds, wp)).into())
}

/// `P(X ≤ k)` for `X ~ Bin(n, p)` at a float point `p ∈ [0, 1]` (taken as exact), `k ≤ n`,
/// enclosed with relative width at most about `2^-prec`. Serves root finding (Clopper–Pearson).
pub fn binomial_cdf_at(n: u32, k: u32, p: &Float, prec: u32) -> Interval {
    debug_assert!(k <= n && *p >= 0 && *p <= 1);
    if k == n || p.is_zero() {
        return Interval::point(Float::with_val(prec, 1));
    }
    if *p == 1 {
        return Interval::point(Float::with_val(prec, 0));
    }
    let odds = Odds::from_float(p);
    at_precision(prec, |wp| cdf(n, k, &odds, wp))
}

/// `P(X ≥ k)` for `X ~ Bin(n, p)` at a float point `p ∈ [0, 1]` (taken as exact), `k ≤ n`,
/// enclosed with relative width at most about `2^-prec`.
pub fn binomial_tail_upper_at(n: u32, k: u32, p: &Float, prec: u32) -> Interval {
    debug_assert!(k <= n && *p >= 0 && *p <= 1);
    if k == 0 || *p == 1 {
        return Interval::point(Float::with_val(prec, 1));
    }
    if p.is_zero() {
        return Interval::point(Float::with_val(prec, 0));
    }
    let odds = Odds::from_float(p);
    at_precision(prec, |wp| tail_upper(n, k, &odds, wp))
}

/// `n·P(Bin(n−1, p) = k)`, the derivative of `−P(Bin(n, p) ≤ k)` in `p`, at a float point
/// `0 < p < 1`, `k < n`. Serves Newton steps.
pub fn binomial_cdf_slope_at(n: u32, k: u32, p: &Float, prec: u32) -> Interval {
    debug_assert!(k < n && *p > 0 && *p < 1);
    let odds = Odds::from_float(p);
    let pmf = leading_term(n - 1, k, &odds, prec + 8);
    pmf.mul(&Interval::point(Float::with_val(32, n)), prec)
}

/// Up to this many trials the exact sum costs microseconds, and an exact answer (a point for
/// dyadic values) is better than an enclosure.
pub const EXACT_TRIALS: u32 = 64;

fn check(n: u32, k: u32, p: &Rational) -> Result<(), BinomialError> {
    if n == 0 {
        return Err(BinomialError::ZeroTrials);
    }
    if k > n {
        return Err(BinomialError::CountAboveTrials { n, k });
    }
    super::binomial::check_probability(p)
}

/// Runs `f` at working precisions `prec + 40`, doubling, until the relative width is at most
/// `2^-prec` or the working precision passes `16·prec`.
fn at_precision(prec: u32, f: impl Fn(u32) -> Interval) -> Interval {
    let target = Float::with_val(32, Float::i_exp(1, -(prec as i32)));
    let mut wp = prec + 40;
    loop {
        let value = f(wp);
        // An upper end near the bottom of the exponent range: the value underflows, and more
        // precision cannot narrow [0, tiny].
        let underflow = value.hi().get_exp().is_none_or(|e| e < rug::float::exp_min() + 64);
        if value.relative_width() <= target || wp >= 16 * prec || underflow {
            return value;
        }
        wp *= 2;
    }
}

/// The success probability of one trial, `0 < p < 1`, in the forms the sums need.
enum Odds {
    /// `p = a/(a+b)` with `a, b < 2^32`: the ratio steps multiply and divide by exact `u64`s.
    Small { a: u64, b: u64, p: Rational },
    /// Anything else: `p` as an exact rational (for the mode and the logarithms) and the odds
    /// `p/(1−p)` enclosed on demand.
    General { p: Rational },
}

impl Odds {
    fn from_rational(p: &Rational) -> Self {
        let a = p.numer();
        let b = Integer::from(p.denom() - a);
        match (a.to_u32(), b.to_u32()) {
            (Some(a), Some(b)) => Odds::Small { a: u64::from(a), b: u64::from(b), p: p.clone() },
            _ => Odds::General { p: p.clone() },
        }
    }

    fn from_float(p: &Float) -> Self {
        let exact = p.to_rational().expect("finite probability");
        Odds::from_rational(&exact)
    }

    fn p(&self) -> &Rational {
        match self {
            Odds::Small { p, .. } | Odds::General { p } => p,
        }
    }

    /// `⌊(n+1)p⌋`: the ratios `T_{j+1}/T_j` are below 1 exactly for `j ≥ mode`, and
    /// `T_{j−1}/T_j` below 1 for `j < (n+1)p`, in particular for `j ≤ mode − 1`.
    fn mode(&self, n: u32) -> u32 {
        let x = Rational::from(self.p() * Integer::from(u64::from(n) + 1));
        let floor = x.floor();
        floor.numer().to_u32().unwrap_or(n).min(n)
    }
}

/// Which way a sum runs from its first term, always away from the mode.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Direction {
    Up,
    Down,
}

/// `P(X ≥ k)` for `1 ≤ k ≤ n`, `0 < p < 1`, at working precision `wp`.
fn tail_upper(n: u32, k: u32, odds: &Odds, wp: u32) -> Interval {
    if k >= odds.mode(n) {
        away_from_mode(n, k, Direction::Up, odds, wp)
    } else {
        complement(&away_from_mode(n, k - 1, Direction::Down, odds, wp), wp)
    }
}

/// `P(X ≤ k)` for `0 ≤ k < n`, `0 < p < 1`, at working precision `wp`.
fn cdf(n: u32, k: u32, odds: &Odds, wp: u32) -> Interval {
    if k < odds.mode(n) {
        away_from_mode(n, k, Direction::Down, odds, wp)
    } else {
        complement(&away_from_mode(n, k + 1, Direction::Up, odds, wp), wp)
    }
}

fn complement(x: &Interval, wp: u32) -> Interval {
    let one = Interval::point(Float::with_val(wp, 1));
    let c = one.sub(x, wp);
    // A probability is in [0, 1]; rounding never pushes it outside by more than the width.
    let lo = if c.lo().is_sign_negative() { Float::with_val(wp, 0) } else { c.lo().clone() };
    Interval::new(lo, c.hi().clone()).unwrap_or_else(|| Interval::new(Float::with_val(wp, 0), Float::with_val(wp, 1)).expect("ordered"))
}

/// `Σ T_j` from `j = start` away from the mode (to `n` upward, to `0` downward), enclosed.
fn away_from_mode(n: u32, start: u32, direction: Direction, odds: &Odds, wp: u32) -> Interval {
    let relative = relative_sum(n, start, direction, odds, wp);
    leading_term(n, start, odds, wp).mul(&relative, wp)
}

/// `Σ_j T_j / T_start` over the terms from `start` away from the mode, enclosed at `wp` bits.
fn relative_sum(n: u32, start: u32, direction: Direction, odds: &Odds, wp: u32) -> Interval {
    // The partial sum stops once the remainder is below 2^-(wp-8) of it.
    let target_bits = i64::from(wp) - 8;
    let mut term = Float::with_val(wp, 1);
    let mut sum = Float::with_val(wp, 1);
    // Roundings so far, each a factor of at most (1 + 2^(1−wp)) on the upper chain.
    let mut roundings: u64 = 0;
    // The odds p/(1−p) (or their inverse downward), rounded up, for the general case; its own
    // rounding error is at most three roundings' worth (one for 1−p, one for the quotient,
    // one for the conversion), charged on every step.
    let general_ratio = match odds {
        Odds::Small { .. } => None,
        Odds::General { p } => {
            let q = Rational::from(1 - p);
            let r = if direction == Direction::Up { Rational::from(p / &q) } else { Rational::from(&q / p) };
            Some(Float::with_val_round(wp, &r, Round::Up).0)
        }
    };
    let mut j = start;
    let mut remainder_exp: Option<i64> = None;
    loop {
        let at_end = match direction {
            Direction::Up => j == n,
            Direction::Down => j == 0,
        };
        if at_end {
            break;
        }
        // Multipliers of this step: T_next / T_j = (num_count / den_count) · odds^{±1}.
        let (num_count, den_count) = match direction {
            Direction::Up => (u64::from(n - j), u64::from(j) + 1),
            Direction::Down => (u64::from(j), u64::from(n - j) + 1),
        };
        // Certified bound on everything after the current term: t_j · r_j / (1 − r_j), as a
        // power of two 2^e with t_j < 2^e_t, r_j = num/den.
        if let Some(e) = remainder_bound_exp(&term, num_count, den_count, odds, general_ratio.as_ref(), direction) {
            let sum_exp = i64::from(sum.get_exp().expect("positive sum"));
            if e <= sum_exp - 1 - target_bits {
                remainder_exp = Some(e);
                break;
            }
        }
        match (odds, general_ratio.as_ref()) {
            (Odds::Small { a, b, .. }, _) => {
                let (m, d) = if direction == Direction::Up { (num_count * a, den_count * b) } else { (num_count * b, den_count * a) };
                term.mul_assign_round(m, Round::Up);
                term.div_assign_round(d, Round::Up);
                roundings += 2;
            }
            (Odds::General { .. }, Some(ratio)) => {
                term.mul_assign_round(num_count, Round::Up);
                term.div_assign_round(den_count, Round::Up);
                term.mul_assign_round(ratio, Round::Up);
                roundings += 2 + 1 + 3;
            }
            (Odds::General { .. }, None) => unreachable!("general odds carry a ratio"),
        }
        sum.add_assign_round(&term, Round::Up);
        roundings += 1;
        j = match direction {
            Direction::Up => j + 1,
            Direction::Down => j - 1,
        };
    }
    // Lower end: ŝ · (1 − N·2^{1−wp}) ≤ ŝ / (1 + 2^{1−wp})^N ≤ s.
    let slack = Float::with_val(64, roundings) >> (wp - 1);
    let mut factor = Float::with_val(wp, 1);
    factor.sub_assign_round_down(&slack);
    let mut lo = sum.clone();
    lo.mul_assign_round(&factor, Round::Down);
    let mut hi = sum;
    if let Some(e) = remainder_exp {
        // Raising the exponent keeps the bound valid and keeps 2^e representable.
        let e = i32::try_from(e.max(-(1 << 28))).expect("clamped");
        let bound = Float::with_val(wp, Float::i_exp(1, e));
        hi.add_assign_round(&bound, Round::Up);
    }
    Interval::new(lo, hi).expect("lower chain below upper chain")
}

/// Subtraction rounded down, as a small extension used once above.
trait SubRoundDown {
    fn sub_assign_round_down(&mut self, x: &Float);
}

impl SubRoundDown for Float {
    fn sub_assign_round_down(&mut self, x: &Float) {
        use rug::ops::SubAssignRound;
        self.sub_assign_round(x, Round::Down);
    }
}

/// An exponent `e` with `t·r/(1 − r) < 2^e` for the current term `t` and the step ratio
/// `r = (num/den)·odds^{±1}`, when `r < 1`; `None` when `r ≥ 1` (the ratios are not yet
/// decreasing below 1, so no geometric bound).
fn remainder_bound_exp(term: &Float, num: u64, den: u64, odds: &Odds, ratio: Option<&Float>, direction: Direction) -> Option<i64> {
    let term_exp = i64::from(term.get_exp()?);
    match odds {
        Odds::Small { a, b, .. } => {
            let (m, d) = if direction == Direction::Up { (num * a, den * b) } else { (num * b, den * a) };
            if m >= d {
                return None;
            }
            // r/(1−r) = m/(d−m) < 2^{bits(m)} / 2^{bits(d−m)−1}.
            let bits = |x: u64| i64::from(64 - x.leading_zeros());
            Some(term_exp + bits(m) - bits(d - m) + 1)
        }
        Odds::General { .. } => {
            let ratio = ratio?;
            let mut r = Float::with_val(64, num);
            r.mul_assign_round(ratio, Round::Up);
            r.div_assign_round(den, Round::Up);
            if r >= 1 {
                return None;
            }
            let mut gap = Float::with_val(64, 1);
            gap.sub_assign_round_down(&r);
            if gap.is_zero() {
                return None;
            }
            // r < 2^{e_r}, gap ≥ 2^{e_gap − 1}.
            let r_exp = i64::from(r.get_exp()?);
            Some(term_exp + r_exp - i64::from(gap.get_exp()?) + 1)
        }
    }
}

/// `T_s = C(n,s) p^s (1−p)^{n−s}`, enclosed at `wp` bits: the powers by MPFR's correctly
/// rounded `pow` at outward-rounded ends of `p` and `1 − p`, the coefficient exactly (GMP) up to
/// [`EXACT_COEFFICIENT_TRIALS`] and by `exp(lnΓ(n+1) − lnΓ(s+1) − lnΓ(n−s+1))` beyond. Falls back
/// to the all-logarithm form when a power leaves the exponent range.
fn leading_term(n: u32, s: u32, odds: &Odds, wp: u32) -> Interval {
    let p = odds.p();
    let q = Rational::from(1 - p);
    // Each of p, 1−p is enclosed with relative width 2^{1−wl} and raised to a power ≤ n, and the
    // coefficient has relative width ≤ 2^{−wp−8}: wl = wp + bits(n) + 12 keeps the product's
    // relative width near 2^{−wp}.
    let wl = wp + bits_u32(n) + 12;
    let coefficient = if n <= EXACT_COEFFICIENT_TRIALS {
        Interval::from_rational(&Rational::from(Integer::binomial_u(n, s)), wl)
    } else {
        // |lnΓ(x)| < 2^{bits(n)+5} for x ≤ n + 1, so at w bits each lnΓ is within 2^{bits(n)+5−w}
        // and the exponent within 2^{−wl−8} of the truth.
        let w = wl + bits_u32(n) + 16;
        let ln_gamma = |x: u32| {
            // One correctly rounded call (to nearest: within half an ulp), widened by one ulp
            // each way, costs half of two directed calls.
            let mut mid = Float::with_val(w, x);
            mid.ln_gamma_round(Round::Nearest);
            let (mut lo, mut hi) = (mid.clone(), mid);
            lo.next_down();
            hi.next_up();
            Interval::new(lo, hi).expect("ordered")
        };
        ln_gamma(n + 1).sub(&ln_gamma(s + 1), w).sub(&ln_gamma(n - s + 1), w).exp(wl)
    };
    let powers = Interval::from_rational(p, wl).powi(s, wl).mul(&Interval::from_rational(&q, wl).powi(n - s, wl), wl);
    let term = coefficient.mul(&powers, wp);
    if term.is_finite() && !term.lo().is_zero() {
        return term;
    }
    leading_term_by_logs(n, s, odds, wp)
}

/// Up to this many trials the coefficient `C(n, s)` is computed exactly (at most `n` bits).
const EXACT_COEFFICIENT_TRIALS: u32 = 4096;

/// [`leading_term`] entirely through logarithms, for powers outside the exponent range.
fn leading_term_by_logs(n: u32, s: u32, odds: &Odds, wp: u32) -> Interval {
    let p = odds.p();
    let q = Rational::from(1 - p);
    // Magnitudes: |lnΓ(n+1)| < 2^{bits(n)+5}, |ln p|, |ln(1−p)| < 2^{bits(size)} with size the
    // larger binary exponent span of p, 1−p; each is multiplied by at most n. Working at
    // wl = wp + bits(n) + bits(size) + 24 bits keeps the exponent's error below 2^-(wp+8).
    let size = p.denom().significant_bits().max(1) + 2;
    let wl = wp + 2 * bits_u32(n) + bits_u32(size) + 24;
    let ln_gamma = |x: u32| {
        let mut lo = Float::with_val(wl, x);
        let mut hi = lo.clone();
        lo.ln_gamma_round(Round::Down);
        hi.ln_gamma_round(Round::Up);
        Interval::new(lo, hi).expect("directed lnΓ is ordered")
    };
    let ln_p = Interval::from_rational(p, wl).ln(wl).expect("p > 0");
    let ln_q = Interval::from_rational(&q, wl).ln(wl).expect("p < 1");
    let count = |x: u32| Interval::point(Float::with_val(wl, x));
    let ln_choose = ln_gamma(n + 1).sub(&ln_gamma(s + 1), wl).sub(&ln_gamma(n - s + 1), wl);
    let exponent = ln_choose.add(&count(s).mul(&ln_p, wl), wl).add(&count(n - s).mul(&ln_q, wl), wl);
    exponent.exp(wp)
}

fn bits_u32(x: u32) -> u32 {
    32 - x.leading_zeros()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reference::binomial::{binomial_cdf, binomial_pmf, binomial_tail_upper};
    use rug::ops::Pow;

    fn q(n: i64, d: i64) -> Rational {
        Rational::from((n, d))
    }

    fn width_ok(e: &Enclosure, prec: u32) -> bool {
        e.relative_width(64) <= Float::with_val(64, Float::i_exp(1, -(prec as i32)))
    }

    /// Every enclosure contains the exact rational and has relative width at most 2^-prec.
    fn assert_all_three(n: u32, k: u32, p: &Rational, prec: u32) {
        let cases = [
            ("pmf", enclosed_pmf(n, k, p, prec).unwrap(), binomial_pmf(n, k, p).unwrap()),
            ("cdf", enclosed_cdf(n, k, p, prec).unwrap(), binomial_cdf(n, k, p).unwrap()),
            ("tail", enclosed_tail_upper(n, k, p, prec).unwrap(), binomial_tail_upper(n, k, p).unwrap()),
        ];
        for (name, enclosure, exact) in cases {
            assert!(enclosure.contains(&exact), "{name} n = {n}, k = {k}, p = {p}: {enclosure} misses {}", exact.to_f64());
            assert!(width_ok(&enclosure, prec), "{name} n = {n}, k = {k}, p = {p}: width {}", enclosure.relative_width(64));
        }
    }

    #[test]
    fn contains_the_exact_value_on_a_grid() {
        for (n, p) in [(1u32, q(1, 2)), (7, q(1, 3)), (40, q(3, 8)), (200, q(1, 4)), (513, q(99, 100)), (1000, q(1, 1000))] {
            for k in (0..=n).step_by((n as usize / 23).max(1)).chain([n]) {
                assert_all_three(n, k, &p, 128);
            }
        }
    }

    #[test]
    fn contains_the_exact_value_at_the_mode_and_its_neighbours() {
        for (n, p) in [(100u32, q(1, 4)), (101, q(1, 2)), (999, q(2, 7)), (3000, q(1, 4))] {
            let mode = Odds::from_rational(&p).mode(n);
            for k in mode.saturating_sub(2)..=(mode + 2).min(n) {
                assert_all_three(n, k, &p, 256);
            }
        }
    }

    #[test]
    fn general_odds_with_large_numerators() {
        // a and b beyond 32 bits take the enclosed-odds path.
        let p = Rational::from((Integer::from(3) << 70u32, Integer::from(11) << 70u32)) + Rational::from((1, Integer::from(1) << 80u32));
        let tiny = Rational::from((1, Integer::from(10).pow(40)));
        for (n, p) in [(300u32, p), (50, tiny)] {
            for k in [0, 1, 2, 3, n / 5, n / 3, n / 2, n - 1, n] {
                assert_all_three(n, k, &p, 200);
            }
        }
    }

    #[test]
    fn large_n_agrees_with_binary_splitting() {
        use crate::reference::binomial_split::binomial_tail_upper_split;
        let p = q(1, 4);
        for (n, k) in [(20_000u32, 5_425u32), (20_000, 10_000), (20_000, 4_000)] {
            let exact = binomial_tail_upper_split(n, k, &p).unwrap();
            let e = enclosed_tail_upper(n, k, &p, 256).unwrap();
            assert!(e.contains(&exact), "n = {n}, k = {k}");
            assert!(width_ok(&e, 256));
        }
    }

    #[test]
    fn float_points_enclose_the_exact_value() {
        let p = q(3, 8);
        let pf = Float::with_val(64, &p);
        let slope_p = q(5, 16);
        for k in [0u32, 3, 15, 16, 30, 39, 40] {
            let cdf_exact = binomial_cdf(40, k, &p).unwrap();
            let tail_exact = binomial_tail_upper(40, k, &p).unwrap();
            assert!(binomial_cdf_at(40, k, &pf, 100).contains_rational(&cdf_exact), "cdf k = {k}");
            assert!(binomial_tail_upper_at(40, k, &pf, 100).contains_rational(&tail_exact), "tail k = {k}");
            if k < 40 {
                // d/dp P(X ≤ k) = −n·P(Bin(n−1, p) = k).
                let slope = binomial_cdf_slope_at(40, k, &Float::with_val(64, &slope_p), 100);
                assert!(slope.contains_rational(&(binomial_pmf(39, k, &slope_p).unwrap() * 40u32)), "slope k = {k}");
            }
        }
    }

    #[test]
    fn small_n_is_exact() {
        let p = q(1, 2);
        assert_eq!(binomial_pmf_enclosure(4, 2, &p, 64).unwrap(), Enclosure::exact(q(3, 8)));
        assert_eq!(
            binomial_tail_upper_enclosure(EXACT_TRIALS, 3, &p, 64).unwrap().as_exact(),
            Some(&binomial_tail_upper(EXACT_TRIALS, 3, &p).unwrap())
        );
        assert!(binomial_cdf_enclosure(EXACT_TRIALS + 1, 3, &p, 64).unwrap().as_exact().is_none());
    }

    #[test]
    fn degenerate_and_invalid_parameters() {
        assert_eq!(enclosed_tail_upper(5, 0, &q(1, 3), 64).unwrap(), Enclosure::one());
        assert_eq!(enclosed_tail_upper(5, 2, &q(0, 1), 64).unwrap(), Enclosure::zero());
        assert_eq!(enclosed_cdf(5, 5, &q(1, 3), 64).unwrap(), Enclosure::one());
        assert_eq!(enclosed_pmf(5, 5, &q(1, 1), 64).unwrap(), Enclosure::one());
        assert_eq!(enclosed_pmf(0, 0, &q(1, 2), 64), Err(BinomialError::ZeroTrials));
        assert_eq!(enclosed_cdf(3, 4, &q(1, 2), 64), Err(BinomialError::CountAboveTrials { n: 3, k: 4 }));
        assert!(enclosed_tail_upper(3, 1, &q(3, 2), 64).is_err());
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        /// Moderate n, probabilities with numerators beyond 32 bits (the enclosed-odds path),
        /// against the exact sums by binary splitting.
        #[test]
        fn always_contains_the_exact_value_at_moderate_n(n in 500u32..6000, k_frac in 0u32..=1000, shift in 33u32..90, tweak in 1u64..1_000_000) {
            use crate::reference::binomial_split::binomial_tail_upper_split;
            let k = ((u64::from(n) * u64::from(k_frac)) / 1000) as u32;
            let d = Integer::from(1) << shift;
            let a = Rational::from((Integer::from(&d >> 2u32) + tweak, d));
            let tail = enclosed_tail_upper(n, k, &a, 256).unwrap();
            proptest::prop_assert!(tail.contains(&binomial_tail_upper_split(n, k, &a).unwrap()));
            proptest::prop_assert!(width_ok(&tail, 256));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        #[test]
        fn always_contains_the_exact_value(n in 1u32..400, k_frac in 0u32..=1000, a in 1u32..1000, extra in 1u32..1000, prec in 64u32..300) {
            let k = ((u64::from(n) * u64::from(k_frac)) / 1000) as u32;
            let p = Rational::from((a, a + extra));
            let tail = enclosed_tail_upper(n, k, &p, prec).unwrap();
            proptest::prop_assert!(tail.contains(&binomial_tail_upper(n, k, &p).unwrap()));
            proptest::prop_assert!(width_ok(&tail, prec));
            let cdf = enclosed_cdf(n, k, &p, prec).unwrap();
            proptest::prop_assert!(cdf.contains(&binomial_cdf(n, k, &p).unwrap()));
            proptest::prop_assert!(width_ok(&cdf, prec));
        }
    }
}
