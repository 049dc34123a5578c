//! Helpers shared by the family's theorems: instance reading, seeded generation, enclosures of
//! rational ranges.

use crate::engine::{EvalError, Instance};
use crate::reference::{Enclosure, Interval};
use rug::float::{Round, Special};
use rug::{Float, Rational};

/// `(d_x, d_y)` from an instance, each at least 1.
pub fn dims(instance: &Instance) -> Result<(u32, u32), EvalError> {
    let dx = instance.count("d_x")?;
    let dy = instance.count("d_y")?;
    if dx == 0 || dy == 0 {
        let name = if dx == 0 { "d_x" } else { "d_y" };
        return Err(EvalError::reference(super::width_data::WidthError::ZeroDimension { name }));
    }
    Ok((dx, dy))
}

/// The enclosure `[lo, hi]` of a value known to lie between two rationals (`hi = None`: no upper
/// bound known). Exact when the two agree.
pub fn rational_range(lo: &Rational, hi: Option<&Rational>, prec: u32) -> Enclosure {
    match hi {
        Some(h) if h == lo => Enclosure::exact(lo.clone()),
        _ => {
            let (l, _) = Float::with_val_round(prec, lo, Round::Down);
            let h = match hi {
                Some(h) => Float::with_val_round(prec, h, Round::Up).0,
                None => Float::with_val(prec, Special::Infinity),
            };
            Enclosure::from(Interval::new(l, h).expect("lo ≤ hi by construction"))
        }
    }
}

/// SplitMix64: a small, fixed, seeded generator, so that an instance's `seed` replays exactly.
pub struct SeededRng(u64);

impl SeededRng {
    pub fn new(seed: i64) -> Self {
        SeededRng(seed as u64 ^ 0x9e37_79b9_7f4a_7c15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n ≥ 1`).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// Uniform on the grid `{lo, lo + 1/den, …, hi}` (`lo ≤ hi` integers over `den`).
    pub fn grid(&mut self, lo: i64, hi: i64, den: u32) -> Rational {
        let steps = (hi - lo) as u64 + 1;
        Rational::from((lo + self.below(steps) as i64, den))
    }
}
