//! A theorem defined outside the built-in catalogue, the way a user gates their own crate on it:
//! a spec file next to the code, a `Theorem` impl, and one call in a test.
//!
//! Run it: `cargo run --release --example user_theorem`; test it: `cargo test --release --examples`.

use rug::Rational;
use theoremcheck::engine::{Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use theoremcheck::reference::{binomial_tail_upper, Enclosure};

/// Markov's inequality `P(X ≥ a) ≤ np/a` for `X ~ Bin(n, p)`, exactly.
struct MarkovBinomial;

const PARAMETERS: [ParamRequirement; 3] = [ParamRequirement::integer("n"), ParamRequirement::number("p"), ParamRequirement::integer("a")];

impl Theorem for MarkovBinomial {
    fn id(&self) -> &str {
        "demo.markov"
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        let n = instance.count("n")?;
        let a = instance.count("a")?;
        let p = instance.number("p")?;
        if a > n {
            return Ok(Outcome::HypothesisNotMet(format!("a = {a} > n = {n}: the tail is empty")));
        }
        let tail = binomial_tail_upper(n, a, p).map_err(EvalError::reference)?;
        let bound = Rational::from(p * n) / a;
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(tail), Relation::Le, Enclosure::exact(bound))))
    }
}

fn spec_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/user_theorem/spec/demo/markov.toml")
}

fn main() {
    let report = theoremcheck::gate::check_spec_file(&MarkovBinomial, &spec_path()).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2);
    });
    println!("{}", serde_json::to_string_pretty(&report.to_json()).expect("serialisable"));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markov_holds_as_recorded() {
        let report = theoremcheck::assert_recorded_verdict(&MarkovBinomial, spec_path());
        assert!(report.cases_met >= 60, "too few cases met the hypotheses: {}", report.cases_met);
    }
}
