//! LPF Theorem 4, Fano reading (see [`super::LpfTheorem4Error`]).

use super::LpfTheorem4Error;

/// The claim `calibration.lpf_theorem4_fano`.
pub fn theorem() -> LpfTheorem4Error {
    LpfTheorem4Error::fano()
}
