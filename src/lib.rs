//! theoremcheck: published machine-learning theory as executable theorems.
pub mod reference;
