//! LPF Theorem 1 with `K_eff = Σ_i w_i` (see [`super::LpfTheorem1`]).

use super::LpfTheorem1;

/// The claim `calibration.lpf_theorem1_keff_sum_w`.
pub fn theorem() -> LpfTheorem1 {
    LpfTheorem1::sum_weights()
}
