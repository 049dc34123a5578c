//! The `pac_bayes` family: kl inverses, Maurer's `ξ(n)`, the Seeger/Maurer, McAllester, Catoni
//! and λ bounds (each checked for exact validity on tiny worlds), Langford's test-set bound,
//! the Universality Lens mixture regret, and LPF Theorem 3's reported figures.
//!
//! `maurer_xi`, `test_set_bound` and their twins carry their claim as data in their specs.

mod catoni;
mod kl_inverse;
mod lpf_theorem3;
mod lpf_theorem3_validity;
mod mcallester;
mod pac_bayes_lambda;
mod seeger_maurer;
mod universality_lens;
pub mod world;

pub use catoni::Catoni;
pub use kl_inverse::{KlInverse, KlInversePinskerSharpened};
pub use lpf_theorem3::{LpfTheorem3, N_TRAIN};
pub use lpf_theorem3_validity::LpfTheorem3Validity;
pub use mcallester::McAllester;
pub use pac_bayes_lambda::PacBayesLambda;
pub use seeger_maurer::SeegerMaurer;
pub use universality_lens::UniversalityLens;
pub use world::{world_instance, World};

use crate::engine::Theorem;

/// The family's catalogue claims implemented in Rust.
pub fn catalogue() -> Vec<Box<dyn Theorem>> {
    vec![
        Box::new(KlInverse),
        Box::new(SeegerMaurer::catalogue()),
        Box::new(McAllester::catalogue()),
        Box::new(Catoni::catalogue()),
        Box::new(PacBayesLambda::catalogue()),
        Box::new(UniversalityLens::catalogue()),
        Box::new(LpfTheorem3::catalogue()),
        Box::new(LpfTheorem3Validity),
    ]
}

/// The family's refutation fixtures (deliberately false variants) implemented in Rust.
pub fn fixtures() -> Vec<Box<dyn Theorem>> {
    vec![
        Box::new(KlInversePinskerSharpened),
        Box::new(SeegerMaurer::sharpened()),
        Box::new(McAllester::sharpened()),
        Box::new(Catoni::sharpened()),
        Box::new(PacBayesLambda::sharpened()),
        Box::new(UniversalityLens::sharpened()),
        Box::new(LpfTheorem3::gap_as_bound()),
    ]
}
