//! LPF Theorem 5, reading `rate_eps` (see [`super::LpfTheorem5Reading`] and
//! `proofs/calibration/lpf_theorem5_rate_eps.md`).

use super::LpfTheorem5Reading;

/// The claim `calibration.lpf_theorem5_rate_eps`.
pub fn theorem() -> LpfTheorem5Reading {
    LpfTheorem5Reading::rate_eps()
}
