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

/// The instances' seeded input generator (SplitMix64; an instance's `seed` replays exactly).
pub use crate::rng::SplitMix64 as SeededRng;
