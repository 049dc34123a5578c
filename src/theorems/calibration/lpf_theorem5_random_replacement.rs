//! LPF Theorem 5, reading `random_replacement` (see [`super::LpfTheorem5Reading`] and
//! `proofs/calibration/lpf_theorem5_random_replacement.md`).

use super::LpfTheorem5Reading;

/// The claim `calibration.lpf_theorem5_random_replacement`.
pub fn theorem() -> LpfTheorem5Reading {
    LpfTheorem5Reading::random_replacement()
}
