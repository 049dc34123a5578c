//! LPF Theorem 5, reading `adversarial_relative` (see [`super::LpfTheorem5Reading`] and
//! `proofs/calibration/lpf_theorem5_adversarial_relative.md`).

use super::LpfTheorem5Reading;

/// The claim `calibration.lpf_theorem5_adversarial_relative`.
pub fn theorem() -> LpfTheorem5Reading {
    LpfTheorem5Reading::adversarial_relative()
}
