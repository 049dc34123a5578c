//! A claim as written together with the names it may use: what [`Program::compile`] needs, kept
//! after loading so that variants of the claim can be compiled from the same text.

use super::{ClaimError, ClaimText, Inputs, Program, Type};
use rug::Rational;

/// The text of a spec's `[claim]` and the parameters and constants of its spec.
#[derive(Clone, Debug)]
pub struct ClaimSource {
    pub text: ClaimText,
    /// Parameters with their types.
    pub parameters: Vec<(String, Type)>,
    /// The unspecified constants.
    pub constants: Vec<String>,
}

impl ClaimSource {
    /// Checks and compiles the claim.
    pub fn compile(&self) -> Result<Program, ClaimError> {
        Program::compile(&self.text, &Inputs { parameters: &self.parameters, constants: &self.constants })
    }

    /// The claim with its `let` binding `name` multiplied by `factor`: a published constant
    /// moved toward its strong end for the sensitivity check. `None` when there is no such
    /// binding. The scaled binding is compiled like any other, so a constant also used where an
    /// integer is needed (a sum's bound, `binomial`) is rejected by the type checker, not
    /// evaluated wrongly.
    pub fn scaled(&self, name: &str, factor: &Rational) -> Option<Result<Program, ClaimError>> {
        let mut text = self.text.clone();
        let (_, source) = text.lets.iter_mut().find(|(n, _)| n == name)?;
        source.text = format!("({})*({}/{})", source.text, factor.numer(), factor.denom());
        Some(Program::compile(&text, &Inputs { parameters: &self.parameters, constants: &self.constants }))
    }

    /// Why `name` cannot be scaled by the sensitivity check, or `None` when it can.
    pub fn scaled_constant_problem(&self, name: &str) -> Option<String> {
        match self.scaled(name, &Rational::from((9, 10))) {
            None => Some(format!("constant '{name}' is not a let binding of [claim]")),
            Some(Err(e)) => Some(format!("constant '{name}' cannot be scaled: {}", e.problem)),
            Some(Ok(_)) => None,
        }
    }
}
