//! Support code of the `concentration` claims: the models and enumerations they share. The family
//! folder holds only claim files.

pub(crate) mod alphabet;
pub(crate) mod law;
pub(crate) mod sources;
pub(crate) mod string_tail;
