//! Bounds from papers written as data and gated from a user's own `cargo test`: each file in
//! `bounds/` is a spec with a `[claim]` table, checked with one call per file — no Rust
//! implementation. The same folder runs from the command line with
//! `theoremcheck check --spec-dir examples/user_bounds/bounds`.
//!
//! Run it: `cargo run --release --example user_bounds`; test it: `cargo test --release --examples`.

use std::path::{Path, PathBuf};

fn bounds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/user_bounds/bounds")
}

fn main() {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(bounds()).expect("the folder exists").filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == "toml")) {
        match theoremcheck::gate::check_data_claim(file) {
            Ok(report) => println!("{:<32} recorded {:<8} computed {}", report.id, report.recorded, report.verdict.label()),
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(2);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinsker_holds() {
        theoremcheck::gate::assert_data_claim(bounds().join("pinsker.toml"));
    }

    #[test]
    fn pinsker_one_percent_sharper_is_refuted() {
        let report = theoremcheck::gate::assert_data_claim(bounds().join("pinsker_one_percent.toml"));
        assert!(matches!(report.verdict, theoremcheck::Verdict::Refuted { .. }));
    }

    #[test]
    fn multiplicative_chernoff_holds_where_its_hypothesis_does() {
        let report = theoremcheck::gate::assert_data_claim(bounds().join("multiplicative_chernoff.toml"));
        assert!(report.cases_met >= 100, "too few instances met δ ≤ 1: {}", report.cases_met);
    }
}
