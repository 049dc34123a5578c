//! Support code of the `monte_carlo` claims: the models and enumerations they share. The family
//! folder holds only claim files.

pub mod decoders;
pub mod posterior;

pub use decoders::*;
