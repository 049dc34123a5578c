//! The proptest configuration of every run, built field by field.
//!
//! `Config::default()` (and `..Config::default()`, and `Config::with_cases`) read the ambient
//! `PROPTEST_*` variables: `PROPTEST_FORK` or `PROPTEST_TIMEOUT` would run each claim in a
//! subprocess that re-enters the CLI, `PROPTEST_MAX_SHRINK_TIME` makes the shrunk counterexample
//! depend on the machine's speed, and `PROPTEST_MAX_FLAT_MAP_REGENS` changes which instances are
//! drawn. A verdict must depend on the spec and the seed only, so every field is set here; the
//! struct literal names every field, so a field added by a later proptest fails to compile
//! instead of silently falling back to the environment.

use proptest::test_runner::{noop_result_cache, Config, RngAlgorithm, RngSeed};

/// The configuration for `cases` draws, giving up after `max_global_rejects` rejected draws.
pub fn explicit_config(cases: u32, max_global_rejects: u32) -> Config {
    Config {
        cases,
        max_local_rejects: 65_536,
        max_global_rejects,
        max_flat_map_regens: 1_000_000,
        failure_persistence: None,
        source_file: None,
        test_name: None,
        // Never in a subprocess: a claim's panic is caught in-process, and a fork would re-run
        // the CLI binary.
        fork: false,
        timeout: 0,
        // Shrinking is bounded by iterations, never by wall-clock time, so it is reproducible.
        max_shrink_time: 0,
        max_shrink_iters: 4096,
        max_default_size_range: 100,
        result_cache: noop_result_cache,
        verbose: 0,
        // The runner's generator is passed in explicitly (seeded by the suite seed).
        rng_algorithm: RngAlgorithm::ChaCha,
        rng_seed: RngSeed::Random,
        _non_exhaustive: (),
    }
}
