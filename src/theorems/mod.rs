//! The theorems, one folder per family, one file per claim.

pub mod calibration;
pub mod concentration;
pub mod monte_carlo;
pub mod pac_bayes;
pub mod universality;
