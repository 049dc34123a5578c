//! The functions a claim may call: one table, each entry with its parameter types (checked when
//! the claim is loaded) and its certified implementation.

mod elementary;
mod integer;
mod primitives;
pub mod real;

use super::budget::Budget;
use super::value::{Type, Value};

/// Why a function (or an operator) has no value at an instance.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// Outside the function's domain (`ln` of a non-positive value, division by zero).
    Domain(String),
    /// Cannot be told at this precision (an enclosure straddles the edge of a domain, or a
    /// `floor` an integer); a higher precision may decide it.
    Undecided(String),
    /// Over the evaluation's budget.
    Budget(String),
}

/// What a function's result type is.
#[derive(Clone, Copy, Debug)]
pub enum Returns {
    Fixed(Type),
    /// The join of the arguments' types (`min`, `max`, `abs` keep integers integers).
    Join,
}

/// An implementation: the arguments (already checked against the parameter types), the
/// working precision and the budget.
pub type Apply = fn(&[Value], u32, &Budget) -> Result<Value, Failure>;

pub struct Function {
    pub name: &'static str,
    /// Names and types, for checking and for messages.
    pub params: &'static [(&'static str, Type)],
    /// Takes two or more arguments of `params[0]`'s type.
    pub variadic: bool,
    pub returns: Returns,
    pub summary: &'static str,
    pub apply: Apply,
}

impl std::fmt::Debug for Function {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.signature())
    }
}

impl Function {
    /// `name(a: type, b: type)`.
    pub fn signature(&self) -> String {
        let params: Vec<String> = self.params.iter().map(|(n, t)| format!("{n}: {t}")).collect();
        if self.variadic {
            format!("{}({}, ...)", self.name, params.join(", "))
        } else {
            format!("{}({})", self.name, params.join(", "))
        }
    }
}

/// The special forms, checked and evaluated by the compiler itself (they bind a variable or
/// evaluate lazily).
pub const SPECIAL_FORMS: [(&str, &str); 4] = [
    ("sum(i, from, to, body)", "Σ body for the integer i = from, ..., to (empty when to < from); a term budget applies"),
    ("prod(i, from, to, body)", "Π body for the integer i = from, ..., to (1 when empty)"),
    ("least(i, from, to, condition)", "the least integer i in from..=to whose condition holds (no value if none)"),
    ("if(condition, then, else)", "then when the condition holds, else otherwise; undecided conditions are raised in precision"),
];

/// Every function, by name.
pub fn table() -> impl Iterator<Item = &'static Function> {
    elementary::FUNCTIONS.iter().chain(integer::FUNCTIONS.iter()).chain(primitives::FUNCTIONS.iter())
}

pub fn lookup(name: &str) -> Option<&'static Function> {
    table().find(|f| f.name == name)
}

/// The closest known function name, for "unknown function" messages.
pub fn suggest(name: &str) -> Option<&'static str> {
    let aliases =
        [("log2", "ln(x)/ln(2)"), ("log10", "ln(x)/ln(10)"), ("Phi", "normal_cdf"), ("choose", "binomial"), ("kl", "kl_bernoulli")];
    if let Some((_, s)) = aliases.iter().find(|(a, _)| *a == name) {
        return Some(s);
    }
    table()
        .map(|f| f.name)
        .chain(["sum", "prod", "least", "if"])
        .min_by_key(|f| edit_distance(f, name))
        .filter(|f| edit_distance(f, name) <= (name.chars().count() / 3).max(1))
}

/// Edit distance with adjacent transpositions (optimal string alignment): `epx` is one edit
/// from `exp`.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_suggestions_are_close() {
        let mut names: Vec<&str> = table().map(|f| f.name).collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count, "a function name appears twice");
        assert_eq!(suggest("epx"), Some("exp"));
        assert_eq!(suggest("log10"), Some("ln(x)/ln(10)"));
        assert_eq!(suggest("zzzzzzzz"), None);
    }
}
