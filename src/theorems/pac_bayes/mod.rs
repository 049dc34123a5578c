//! The `pac_bayes` family: kl inverses, Maurer's `ξ(n)`, the Seeger/Maurer, McAllester, Catoni
//! and λ bounds (each checked for exact validity on tiny worlds), Langford's test-set bound,
//! the Universality Lens mixture regret, and LPF Theorem 3's reported figures.
//!
//! `maurer_xi`, `test_set_bound` and their twins carry their claim as data in their specs.

pub(crate) mod catoni;
pub(crate) mod kl_inverse;
pub(crate) mod lpf_theorem3;
pub(crate) mod lpf_theorem3_validity;
pub(crate) mod mcallester;
pub mod model;
pub(crate) mod pac_bayes_lambda;
pub(crate) mod seeger_maurer;
pub(crate) mod universality_lens;
pub use model::world;

pub use catoni::Catoni;
pub use kl_inverse::{KlInverse, KlInversePinskerSharpened};
pub use lpf_theorem3::{LpfTheorem3, N_TRAIN};
pub use lpf_theorem3_validity::LpfTheorem3Validity;
pub use mcallester::McAllester;
pub use pac_bayes_lambda::PacBayesLambda;
pub use seeger_maurer::SeegerMaurer;
pub use universality_lens::UniversalityLens;
pub use world::{world_instance, World};
