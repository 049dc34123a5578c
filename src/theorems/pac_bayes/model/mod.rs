//! Support code of the `pac_bayes` claims: the models and enumerations they share. The family
//! folder holds only claim files.

pub mod world;
