//! LPF Theorem 1 with Kish's `K_eff = (Σ_i w_i)² / Σ_i w_i²` (see [`super::LpfTheorem1`]).

use super::LpfTheorem1;

/// The claim `calibration.lpf_theorem1_keff_kish`.
pub fn theorem() -> LpfTheorem1 {
    LpfTheorem1::kish()
}
