//! Support code of the `calibration` claims: the LPF-SPN aggregation model, its scenarios
//! and the robustness (replacement) model. The family folder holds only claim files.

pub mod aggregation;
pub mod robustness;
pub mod scenario;
