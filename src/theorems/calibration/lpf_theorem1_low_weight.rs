//! LPF Theorem 1, reading K_eff = K, searched without the root-prior crutch: tempering w < 1/2 only (the author's weights), no edge
//! instances. The spec narrows the domain; a refutation here comes from the random draws or the
//! targeted search alone (issue 14, item 6).

use super::{EffectiveSize, LpfTheorem1};

pub fn theorem() -> LpfTheorem1 {
    LpfTheorem1::searched("calibration.lpf_theorem1_low_weight", EffectiveSize::Items)
}
