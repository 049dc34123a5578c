//! The minimal best-of-N budget of OptScale (Wang, Wang, Chen, Wei, "OptScale: Probabilistic
//! Optimality for Inference-time Scaling", arXiv:2506.22376): the least `N` with
//! `P(max_{i ≤ N} S_i ≥ s*) ≥ α` is `N* = ⌈ln(1 − α)/ln F(s*)⌉`.
//!
//! # Statement
//! For i.i.d. verifier scores with distribution function `F` and `0 < F(s*) < 1`,
//! `P(max_{i≤N} S_i ≥ s*) = 1 − F(s*)^N` (for continuous `F`), so the least `N ≥ 1` reaching
//! confidence `α ∈ (0, 1)` is `⌈ln(1 − α)/ln F(s*)⌉` (at least 1).
//!
//! # Formula
//! The closed form is evaluated with enclosures of the logarithms; where the enclosure of the
//! quotient straddles an integer `n`, the side is settled exactly (`x ≤ n ⟺ 1 − α ≥ F^n`). The
//! brute force is the least `N` with `1 − F^N ≥ α`, in rationals. The fixture
//! `optscale_min_n_confused` uses `⌈ln α / ln F⌉` (confidence and miss probability swapped).
//!
//! # Examples
//! ```
//! use theoremcheck::theorems::monte_carlo::optscale_brute_force;
//! use rug::Rational;
//! // F = 1/2, α = 3/4: 1 − 2^{-2} = 3/4, so N* = 2.
//! assert_eq!(optscale_brute_force(&Rational::from((1, 2)), &Rational::from((3, 4))), 2);
//! ```

use super::model::open_unit;
use crate::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::{Enclosure, PRECISION_LADDER};
use rug::ops::Pow;
use rug::{Float, Rational};

/// The least `N ≥ 1` with `1 − F^N ≥ α`, by counting.
pub fn optscale_brute_force(f: &Rational, alpha: &Rational) -> u64 {
    let miss = 1 - alpha.clone();
    let mut power = f.clone();
    let mut n = 1;
    while power > miss {
        power *= f;
        n += 1;
    }
    n
}

/// `max(1, ⌈ln(target)/ln F⌉)` from enclosures, with exact tie-breaking at integers.
pub fn ceil_log_ratio(target: &Rational, f: &Rational) -> Result<u64, EvalError> {
    for prec in PRECISION_LADDER {
        let x = Enclosure::exact(target.clone()).ln(prec)?.div(&Enclosure::exact(f.clone()).ln(prec)?, prec)?;
        let i = x.to_interval(prec);
        let (lo, hi) = (i.lo().clone(), i.hi().clone());
        let ceil_lo = Float::with_val(prec, lo.ceil_ref());
        let ceil_hi = Float::with_val(prec, hi.ceil_ref());
        // `ceil_lo` is an integer-valued float; convert it exactly (no f64 detour).
        let exact_u64 =
            |x: &Float| x.to_integer().and_then(|i| i.to_u64()).ok_or_else(|| EvalError::reference("the minimal N does not fit u64"));
        let candidate = if ceil_lo == ceil_hi && lo != ceil_lo {
            exact_u64(&ceil_lo)?
        } else if Float::with_val(prec, &ceil_hi - &ceil_lo) <= 1 {
            // The quotient x lies in (n − 1, n + 1) with n = ⌈lo⌉: x ≤ n ⟺ target ≥ F^n.
            let n = exact_u64(&ceil_lo)?;
            let f_n = Rational::from(f.pow(u32::try_from(n).map_err(EvalError::reference)?));
            if *target >= f_n {
                n
            } else {
                n + 1
            }
        } else {
            continue;
        };
        return Ok(candidate.max(1));
    }
    Err(EvalError::reference("the log ratio could not be enclosed narrowly enough"))
}

/// The closed form (catalogue) or the confused one (fixture).
pub struct OptScaleMinN {
    id: &'static str,
    confused: bool,
}

impl OptScaleMinN {
    pub fn catalogue() -> Self {
        OptScaleMinN { id: "monte_carlo.optscale_min_n", confused: false }
    }
    pub fn confused() -> Self {
        OptScaleMinN { id: "monte_carlo.optscale_min_n_confused", confused: true }
    }
}

const PARAMETERS: [ParamRequirement; 2] = [ParamRequirement::number("F"), ParamRequirement::number("alpha")];

impl Theorem for OptScaleMinN {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        let f = open_unit("F", instance.number("F")?)?;
        let alpha = open_unit("alpha", instance.number("alpha")?)?;
        let target = if self.confused { alpha.clone() } else { 1 - alpha.clone() };
        let closed = ceil_log_ratio(&target, &f)?;
        let brute = optscale_brute_force(&f, &alpha);
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(closed), Relation::Eq, Enclosure::exact(brute))))
    }
}
