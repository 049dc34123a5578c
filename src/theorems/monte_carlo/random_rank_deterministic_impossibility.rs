//! No deterministic strategyproof mechanism is strongly proportional (Aziz, Lam, Lee, Walsh,
//! "Random Rank: The One and Only Strategyproof and Proportionally Fair Randomized Facility
//! Location Mechanism", NeurIPS 2022), proved on finite grids of reports.
//!
//! # Statement
//! `n` agents report locations on the line; a deterministic mechanism places one facility; an
//! agent's cost is its distance to it. **Strong Proportionality** (SProp): whenever the agents form
//! two groups at two different locations (`a` agents at `x`, `b` at `y`), both groups incur the
//! same total cost, `a·|f − x| = b·|f − y|`. **Strategyproofness** (SP): no agent is ever strictly
//! closer to the facility by reporting another location. Claim: no deterministic mechanism is
//! both.
//!
//! # Formula
//! A proof on the grid `{0, 1, …, m}`: take every ordered profile of `n` grid reports at exactly
//! two locations. SProp leaves each of them one or two possible outputs: the weighted point
//! `(a·x + b·y)/n` between the groups, and, when `a ≠ b`, one point beyond the larger group
//! (`(a·x − b·y)/(a − b)`, found by solving the cost equation outside `[x, y]`). One boolean
//! per profile picks among them. Two profiles that differ in one agent's report, with chosen
//! outputs that let that agent (truthfully at its first report) get strictly closer by the
//! second, are a forbidden pair: a 2-clause. Any mechanism on the whole line that were SP and
//! SProp would, restricted to these profiles, satisfy every clause, so an **unsatisfiable** 2-SAT
//! instance (decided exactly by the strongly connected components of its implication graph, all
//! arithmetic in integers) proves the claim for that `n`. A satisfiable one proves nothing (the
//! grid may be too coarse); the instance is then reported unevaluable, never as a counterexample.
//! The claim is an identity on the number of grid assignments found, `0 = 0`.
//!
//! The twin `monte_carlo.random_rank_deterministic_impossibility_negated` claims the negation (some
//! deterministic mechanism is SP and SProp, `found = 1`); an unsatisfiable grid refutes it,
//! soundly for the same reason.

use crate::engine::{Comparison, EvalError, Instance, InstanceError, Outcome, ParamRequirement, Relation, Theorem};
use crate::reference::Enclosure;
use std::cmp::Ordering;

/// The most agents: profiles grow as `2^n`.
pub const MAX_AGENTS: u32 = 8;
/// The largest grid `{0..m}`: profiles grow as `m²`.
pub const MAX_GRID: u32 = 16;

/// The impossibility (catalogue) or its negation (twin).
pub struct RandomRankImpossibility {
    id: &'static str,
    claims_existence: bool,
}

impl RandomRankImpossibility {
    pub fn catalogue() -> Self {
        RandomRankImpossibility { id: "monte_carlo.random_rank_deterministic_impossibility", claims_existence: false }
    }

    /// "Some deterministic strategyproof mechanism is strongly proportional": false.
    pub fn negated() -> Self {
        RandomRankImpossibility { id: "monte_carlo.random_rank_deterministic_impossibility_negated", claims_existence: true }
    }
}

const PARAMETERS: [ParamRequirement; 2] = [ParamRequirement::integer("n"), ParamRequirement::integer("m")];

/// A facility location `num/den`, `den > 0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Point {
    num: i64,
    den: i64,
}

impl Point {
    /// `|self − t|` compared with `|other − t|`, exactly.
    fn distance_cmp(self, other: Point, t: i64) -> Ordering {
        let d_self = i128::from((self.num - t * self.den).abs()) * i128::from(other.den);
        let d_other = i128::from((other.num - t * other.den).abs()) * i128::from(self.den);
        d_self.cmp(&d_other)
    }
}

/// The outputs SProp allows at the profile with `a` agents at `x < y` and `b` at `y`.
fn sprop_outputs(x: i64, a: i64, y: i64, b: i64) -> Vec<Point> {
    // Between the groups: a(f − x) = b(y − f).
    let mut out = vec![Point { num: a * x + b * y, den: a + b }];
    // Beyond the larger group: a(x − f) = b(y − f) for f < x (a > b), a(f − x) = b(f − y) for f > y (b > a).
    match a.cmp(&b) {
        Ordering::Greater => out.push(Point { num: a * x - b * y, den: a - b }),
        Ordering::Less => out.push(Point { num: b * y - a * x, den: b - a }),
        Ordering::Equal => {}
    }
    out
}

/// The profiles of `n` reports on `{0..m}` at exactly two locations, indexed densely.
struct Profiles {
    n: usize,
    m: i64,
    masks: usize,
}

impl Profiles {
    fn count(&self) -> usize {
        let pairs = (self.m * (self.m + 1) / 2) as usize;
        pairs * self.masks
    }

    fn pair_index(&self, x: i64, y: i64) -> usize {
        // Pairs (x, y), x < y, in lexicographic order.
        let before: i64 = (0..x).map(|i| self.m - i).sum();
        (before + (y - x - 1)) as usize
    }

    /// The index of `reports` if they take exactly two values.
    fn index(&self, reports: &[i64]) -> Option<usize> {
        let x = *reports.iter().min()?;
        let y = *reports.iter().max()?;
        if x == y || reports.iter().any(|r| *r != x && *r != y) {
            return None;
        }
        let mask = reports.iter().enumerate().filter(|(_, r)| **r == y).fold(0usize, |acc, (i, _)| acc | (1 << i));
        Some(self.pair_index(x, y) * self.masks + (mask - 1))
    }

    /// The reports of profile `index`.
    fn reports(&self, index: usize) -> Vec<i64> {
        let (pair, mask) = (index / self.masks, index % self.masks + 1);
        let mut p = pair as i64;
        let mut x = 0;
        while p >= self.m - x {
            p -= self.m - x;
            x += 1;
        }
        let y = x + 1 + p;
        (0..self.n).map(|i| if mask & (1 << i) != 0 { y } else { x }).collect()
    }
}

/// What the search over grid assignments found.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct GridProof {
    profiles: usize,
    forbidden_pairs: usize,
    /// A profile whose two choices are forced into contradiction, when unsatisfiable.
    contradiction_at: Option<Vec<i64>>,
}

/// The 2-SAT instance of SP + SProp on `n` agents and the grid `{0..m}`, solved.
pub(crate) fn grid_proof(n: u32, m: u32) -> GridProof {
    let profiles = Profiles { n: n as usize, m: i64::from(m), masks: (1usize << n) - 2 };
    let count = profiles.count();
    let outputs: Vec<Vec<Point>> = (0..count)
        .map(|v| {
            let r = profiles.reports(v);
            let (x, y) = (*r.iter().min().expect("n ≥ 2"), *r.iter().max().expect("n ≥ 2"));
            let a = r.iter().filter(|t| **t == x).count() as i64;
            sprop_outputs(x, a, y, n as i64 - a)
        })
        .collect();
    let mut graph = TwoSat::new(count);
    for (v, outs) in outputs.iter().enumerate() {
        if outs.len() == 1 {
            graph.clause((v, false), (v, false));
        }
    }
    let mut forbidden_pairs = 0;
    for v in 0..count {
        let reports = profiles.reports(v);
        for agent in 0..reports.len() {
            let truth = reports[agent];
            for lie in 0..=i64::from(m) {
                if lie == truth {
                    continue;
                }
                let mut deviated = reports.clone();
                deviated[agent] = lie;
                let Some(w) = profiles.index(&deviated) else { continue };
                for (c, f) in outputs[v].iter().enumerate() {
                    for (d, g) in outputs[w].iter().enumerate() {
                        // The agent at `truth` gets strictly closer by lying: forbid the pair.
                        if g.distance_cmp(*f, truth) == Ordering::Less {
                            graph.clause((v, c == 0), (w, d == 0));
                            forbidden_pairs += 1;
                        }
                    }
                }
            }
        }
    }
    let contradiction_at = graph.contradiction().map(|v| profiles.reports(v));
    GridProof { profiles: count, forbidden_pairs, contradiction_at }
}

/// A 2-SAT instance over one boolean per profile (`true`: its second SProp output).
struct TwoSat {
    implications: Vec<Vec<usize>>,
}

impl TwoSat {
    fn new(variables: usize) -> Self {
        TwoSat { implications: vec![Vec::new(); 2 * variables] }
    }

    /// The literal "variable `v` is `value`".
    fn literal(v: usize, value: bool) -> usize {
        2 * v + usize::from(value)
    }

    /// The clause `(v = p) ∨ (w = q)`, given as the two literals it forbids to hold together
    /// negated: `clause((v, p), (w, q))` adds `¬(v = p) → (w = q)` and `¬(w = q) → (v = p)`.
    fn clause(&mut self, (v, p): (usize, bool), (w, q): (usize, bool)) {
        let (l1, l2) = (Self::literal(v, p), Self::literal(w, q));
        self.implications[l1 ^ 1].push(l2);
        self.implications[l2 ^ 1].push(l1);
    }

    /// A variable whose two literals share a strongly connected component (unsatisfiable), if any.
    fn contradiction(&self) -> Option<usize> {
        let component = strongly_connected_components(&self.implications);
        (0..self.implications.len() / 2).find(|v| component[2 * v] == component[2 * v + 1])
    }
}

/// Tarjan's algorithm, iterative (the graphs have thousands of nodes): a component id per node.
fn strongly_connected_components(graph: &[Vec<usize>]) -> Vec<usize> {
    let n = graph.len();
    let (mut index, mut low) = (vec![usize::MAX; n], vec![0; n]);
    let (mut on_stack, mut stack, mut component) = (vec![false; n], Vec::new(), vec![usize::MAX; n]);
    let (mut next_index, mut next_component) = (0, 0);
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut frames = vec![(root, 0usize)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (u, ref mut edge)) = frames.last_mut() {
            if let Some(&w) = graph[u].get(*edge) {
                *edge += 1;
                if index[w] == usize::MAX {
                    index[w] = next_index;
                    low[w] = next_index;
                    next_index += 1;
                    stack.push(w);
                    on_stack[w] = true;
                    frames.push((w, 0));
                } else if on_stack[w] {
                    low[u] = low[u].min(index[w]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[u]);
            }
            if low[u] == index[u] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == u {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

fn bounded(instance: &Instance, name: &str, min: u32, max: u32, target: &'static str) -> Result<u32, EvalError> {
    let value = instance.count(name)?;
    if !(min..=max).contains(&value) {
        return Err(InstanceError::OutOfRange { name: name.into(), value: value.into(), target }.into());
    }
    Ok(value)
}

impl Theorem for RandomRankImpossibility {
    fn id(&self) -> &str {
        self.id
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, _prec: u32) -> Result<Outcome, EvalError> {
        let n = bounded(instance, "n", 2, MAX_AGENTS, "a number of agents in 2..=8")?;
        let m = bounded(instance, "m", 1, MAX_GRID, "a grid {0..m} with m in 1..=16")?;
        let proof = grid_proof(n, m);
        if proof.contradiction_at.is_none() {
            return Ok(Outcome::Unevaluable {
                reason: format!(
                    "the grid {{0..{m}}} is too coarse: its {} two-location profiles admit a strategyproof, strongly \
                     proportional choice, which neither proves nor refutes the claim",
                    proof.profiles
                ),
                retry: false,
            });
        }
        // Grid assignments found: none. The catalogue claims none exist, the twin that one does.
        let claimed = Enclosure::exact(rug::Rational::from(u32::from(self.claims_existence)));
        Ok(Outcome::Compared(Comparison::new(Enclosure::zero(), Relation::Eq, claimed)))
    }

    fn describe(&self, instance: &Instance) -> Option<String> {
        let (n, m) = (instance.count("n").ok()?, instance.count("m").ok()?);
        if !(2..=MAX_AGENTS).contains(&n) || !(1..=MAX_GRID).contains(&m) {
            return None;
        }
        let proof = grid_proof(n, m);
        let at = proof.contradiction_at.map_or_else(
            || "no contradiction".to_string(),
            |r| format!("contradiction at reports ({})", r.iter().map(i64::to_string).collect::<Vec<_>>().join(", ")),
        );
        Some(format!("{n} agents on {{0..{m}}}: {} profiles, {} forbidden pairs, {at}", proof.profiles, proof.forbidden_pairs))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sprop_outputs_balance_the_two_groups_costs() {
        for (x, a, y, b) in [(0, 1, 1, 1), (0, 3, 2, 1), (1, 1, 4, 3), (0, 2, 5, 2)] {
            for f in sprop_outputs(x, a, y, b) {
                // a·|f − x| = b·|f − y| with f = num/den: compare a·|num − x·den| and b·|num − y·den|.
                assert_eq!(a * (f.num - x * f.den).abs(), b * (f.num - y * f.den).abs(), "{x} {a} {y} {b} {f:?}");
            }
        }
        assert_eq!(sprop_outputs(0, 1, 1, 1).len(), 1);
        assert_eq!(sprop_outputs(0, 2, 1, 1).len(), 2);
    }

    #[test]
    fn profile_indices_round_trip() {
        let p = Profiles { n: 3, m: 4, masks: 6 };
        for v in 0..p.count() {
            assert_eq!(p.index(&p.reports(v)), Some(v));
        }
        assert_eq!(p.index(&[1, 1, 1]), None);
        assert_eq!(p.index(&[0, 1, 2]), None);
    }

    #[test]
    fn two_agents_on_three_points_are_already_a_proof() {
        // (0, 1) forces 1/2; the agent at 1 reporting 2 moves it to 1.
        let proof = grid_proof(2, 2);
        assert!(proof.contradiction_at.is_some(), "{proof:?}");
    }

    #[test]
    fn every_grid_of_the_catalogue_domain_is_a_proof() {
        // n ∈ 2..6, m ∈ 2..8 (spec/monte_carlo/random_rank_deterministic_impossibility.toml).
        for n in 2..=6 {
            for m in 2..=8 {
                assert!(grid_proof(n, m).contradiction_at.is_some(), "n = {n}, m = {m}");
            }
        }
    }

    #[test]
    fn one_step_grids_prove_nothing() {
        // Only (0, 1) and (1, 0): every deviation leaves the two-location profiles.
        assert_eq!(grid_proof(2, 1).contradiction_at, None);
    }

    #[test]
    fn the_solver_finds_satisfiable_and_unsatisfiable_instances() {
        let mut sat = TwoSat::new(2);
        sat.clause((0, true), (1, true));
        sat.clause((0, false), (1, false));
        assert_eq!(sat.contradiction(), None);
        let mut unsat = TwoSat::new(1);
        unsat.clause((0, true), (0, true));
        unsat.clause((0, false), (0, false));
        assert_eq!(unsat.contradiction(), Some(0));
    }
}
