//! Counter-based randomness for Monte Carlo kernels.
//!
//! Every random word is a pure function of `(seed, stream, index)`: no generator state is
//! carried between draws, so a kernel gives bit-identical results whatever the thread count,
//! the order in which work is scheduled, or the device it runs on. [`Philox4x32`] is the
//! generator (Salmon, Moraes, Dror, Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC'11),
//! checked against the Random123 known-answer vectors; [`Stream`] hands out consecutive
//! counters of one `(seed, stream)` pair.

mod philox;
mod splitmix;
mod stream;

pub use philox::{philox4x32_10, Philox4x32};
pub use splitmix::SplitMix64;
pub use stream::{bernoulli_threshold, Stream};
