//! The targeted search: after the edge instances and the random draws, local moves that push an
//! instance toward violating the claim (anchor: Hypothesis' `target()`, coverage-guided fuzzers).
//!
//! The objective is [`search_objective`]: `ln(larger/smaller)` where both sides are
//! positive, else the relative slack; below zero is a violation, which the certified decision
//! then confirms or not (the objective only steers, it never decides). The search is an iterated
//! local search: hill-climb from each of the best instances seen so far by first-improvement over
//! single-parameter moves in a seeded random order, then jump (two or three moves at once) from
//! one of the best, or every third time start from a fresh draw, and climb again, until the
//! budget of evaluations is spent. Moves stay inside
//! each parameter's domain:
//! - integers: ±1, ×2, ÷2, halfway to either end, the ends (log-scale domains step by ×2 first);
//! - numbers: halfway and one eighth of the way to either end (so open ends are approached
//!   geometrically), and steps of span/D for D = max_denominator·{1, 16, 256} (finer
//!   denominators than the random draws use); denominators never exceed 256·max_denominator
//!   times the span's, which bounds the cost of exact arithmetic on what the search builds;
//! - set members: every other member.
//!
//! Instances the theorem calls unaffordable ([`Theorem::affordable`]) are never evaluated, so
//! the search keeps the claim's cost bound. Everything is a function of the seed.

use super::decide::{decide, Decided};
use super::generate::instance_strategy;
use super::instance::{Instance, Value};
use super::slack::{relative_slack, search_objective, Range};
use super::theorem::{EvalError, Theorem};
use crate::rng::SplitMix64;
use crate::spec::{Domain, Scale, Spec};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{RngAlgorithm, TestRng, TestRunner};
use rug::float::Special;
use rug::{Float, Rational};
use std::collections::BTreeSet;

/// How many of the best instances seen are kept as restart points.
const ELITE: usize = 8;

/// Candidates looked at (evaluated or skipped as already seen or unaffordable) per evaluation of
/// budget, so that a search over a small, exhausted space ends.
const ATTEMPTS_PER_EVALUATION: u32 = 40;

/// Draws the fresh restarts may look at in one search.
const FRESH_DRAWS: usize = 100_000;

/// Denominators finer than the domain's, as multiples of its `max_denominator`.
pub(super) const FINER: [u32; 3] = [1, 16, 256];

/// How the search ended.
pub enum SearchEnd {
    /// The budget was spent (or the reachable space exhausted) without a counterexample.
    Exhausted,
    /// A certified counterexample.
    Refuted(Instance),
    /// The theorem's code failed at an instance.
    Failed(Instance, EvalError),
}

/// One targeted search. `observe` sees every evaluated instance (for the tally).
pub struct Search<'a> {
    pub theorem: &'a dyn Theorem,
    pub spec: &'a Spec,
    pub constants: &'a Instance,
    pub ladder: &'a [u32],
    /// When the check's time budget runs out: the search stops evaluating at the next step.
    pub deadline: Option<std::time::Instant>,
}

enum Step {
    /// Not evaluated: seen before or unaffordable.
    Skipped,
    /// Evaluated; each objective where the instance met the hypotheses and says something.
    Scored([Option<Float>; OBJECTIVES]),
    End(SearchEnd),
}

/// The objectives climbed in turn: [`search_objective`] (the ratio of the sides), and where the
/// spec declares a natural range, the log of the relative slack against both of its ends
/// ([`relative_slack`]), which steers away from corners where both sides crowd an end.
const OBJECTIVES: usize = 2;

/// Starting points for the search under each objective, best first.
pub type Starts = [Vec<(Float, Instance)>; OBJECTIVES];

/// Every objective's score of a comparison.
pub fn scores(c: &super::theorem::Comparison, range: &Range) -> [Option<Float>; OBJECTIVES] {
    let ranged = match range {
        None => None,
        // ln of the slack; a slack of 0 (an equality) or below (violated, which the certified
        // decision then settles) ranks first.
        Some(_) => {
            relative_slack(c, range)
                .map(|s| if s > 0 { Float::with_val(64, s.ln_ref()) } else { Float::with_val(64, Special::NegInfinity) })
        }
    };
    [search_objective(c), ranged]
}

struct State<'o> {
    rng: SplitMix64,
    seen: BTreeSet<Instance>,
    elites: Starts,
    spent: u32,
    attempts: u32,
    budget: u32,
    deadline: Option<std::time::Instant>,
    observe: &'o mut dyn FnMut(&Instance, &Decided),
}

impl State<'_> {
    fn exhausted(&self) -> bool {
        self.spent >= self.budget
            || self.attempts >= self.budget.saturating_mul(ATTEMPTS_PER_EVALUATION)
            || self.deadline.is_some_and(|d| std::time::Instant::now() >= d)
    }

    fn offer(&mut self, scores: &[Option<Float>; OBJECTIVES], instance: &Instance) {
        for (elite, score) in self.elites.iter_mut().zip(scores) {
            if let Some(score) = score {
                offer(elite, score, instance, ELITE);
            }
        }
    }
}

/// Inserts `instance` into the ascending list `best` if it ranks among its first `keep`.
pub fn offer(best: &mut Vec<(Float, Instance)>, score: &Float, instance: &Instance, keep: usize) {
    if best.iter().any(|(_, i)| i == instance) {
        return;
    }
    let at = best.partition_point(|(s, _)| s <= score);
    if at < keep {
        best.insert(at, (score.clone(), instance.clone()));
        best.truncate(keep);
    }
}

impl Search<'_> {
    /// Runs the search from `starts` (instances already evaluated, best first under each
    /// objective) for at most `budget` evaluations.
    pub fn run(&self, starts: Starts, budget: u32, seed: u64, observe: &mut dyn FnMut(&Instance, &Decided)) -> SearchEnd {
        let mut state = State {
            rng: SplitMix64::from_state(seed),
            seen: starts.iter().flatten().map(|(_, i)| i.clone()).collect(),
            elites: starts,
            spent: 0,
            attempts: 0,
            budget,
            deadline: self.deadline,
            observe,
        };
        // Objectives in use: the second only where the spec has a natural range.
        let used = if self.spec.range.is_some() { OBJECTIVES } else { 1 };
        if state.elites[..used].iter().all(Vec::is_empty) || budget == 0 {
            return SearchEnd::Exhausted;
        }
        // One climb from each initial elite, best first, alternating objectives.
        let initial: Vec<(usize, Float, Instance)> = (0..ELITE)
            .flat_map(|rank| (0..used).map(move |k| (k, rank)))
            .filter_map(|(k, rank)| state.elites[k].get(rank).map(|(s, i)| (k, s.clone(), i.clone())))
            .collect();
        for (k, score, start) in initial {
            if let Some(end) = self.climb(&mut state, k, score, start) {
                return end;
            }
        }
        // Then iterated local search: jump from one of the best and climb again; every third
        // restart begins at a fresh draw instead, so one basin cannot hold the whole budget.
        let mut fresh = self.fresh_draws(seed);
        let mut restarts = 0u64;
        while !state.exhausted() {
            restarts += 1;
            let k = (restarts as usize) % used;
            if state.elites[k].is_empty() {
                continue;
            }
            let candidate = match (restarts % 3 == 0).then(|| fresh.next()).flatten() {
                Some(draw) => draw,
                None => {
                    let pick = state.rng.below(state.elites[k].len() as u64) as usize;
                    let base = state.elites[k][pick].1.clone();
                    self.jump(&mut state.rng, &base)
                }
            };
            match self.step(&mut state, &candidate) {
                Step::End(end) => return end,
                Step::Scored(scores) => {
                    if let Some(score) = scores[k].clone() {
                        if let Some(end) = self.climb(&mut state, k, score, candidate) {
                            return end;
                        }
                    }
                }
                Step::Skipped => {}
            }
        }
        SearchEnd::Exhausted
    }

    /// First-improvement hill-climbing from `current`; `Some` only when the search must end.
    fn climb(&self, state: &mut State, objective: usize, mut score: Float, mut current: Instance) -> Option<SearchEnd> {
        loop {
            let mut candidates = self.neighbours(&current);
            shuffle(&mut candidates, &mut state.rng);
            let mut improved = false;
            for candidate in candidates {
                if state.exhausted() {
                    return Some(SearchEnd::Exhausted);
                }
                match self.step(state, &candidate) {
                    Step::End(end) => return Some(end),
                    Step::Scored(scores) if scores[objective].as_ref().is_some_and(|s| *s < score) => {
                        score = scores[objective].clone().expect("checked");
                        current = candidate;
                        improved = true;
                        break;
                    }
                    _ => {}
                }
            }
            if !improved {
                return None;
            }
        }
    }

    fn step(&self, state: &mut State, candidate: &Instance) -> Step {
        state.attempts += 1;
        if !state.seen.insert(candidate.clone()) || !self.spec.contains(candidate) || !self.theorem.affordable(candidate) {
            return Step::Skipped;
        }
        state.spent += 1;
        match decide(self.theorem, candidate, self.constants, self.ladder) {
            Err(e) => Step::End(SearchEnd::Failed(candidate.clone(), e)),
            Ok(decided) => {
                (state.observe)(candidate, &decided);
                if decided.refutes() {
                    return Step::End(SearchEnd::Refuted(candidate.clone()));
                }
                let scores = decided.comparison().map_or([None, None], |c| scores(c, &self.spec.range));
                state.offer(&scores, candidate);
                Step::Scored(scores)
            }
        }
    }

    /// Fresh instances from the theorem's strategy (or the spec's domains), seeded.
    fn fresh_draws(&self, seed: u64) -> impl Iterator<Item = Instance> + '_ {
        let strategy = self.theorem.strategy(self.spec).unwrap_or_else(|| instance_strategy(self.spec));
        let mut key = [0u8; 32];
        key[..8].copy_from_slice(&seed.to_le_bytes());
        key[8] = 0x5e;
        let mut runner =
            TestRunner::new_with_rng(super::runner_config::explicit_config(1, 1024), TestRng::from_seed(RngAlgorithm::ChaCha, &key));
        let spec = self.spec;
        // Draws outside the spec's domains (a hand-written family wider than a narrowed spec)
        // are passed over; a bounded number, so a family that never lands inside ends.
        std::iter::from_fn(move || strategy.new_tree(&mut runner).ok().map(|tree| tree.current()))
            .take(FRESH_DRAWS)
            .filter(move |i| spec.contains(i))
    }

    /// Every instance one single-parameter move away from `instance`.
    fn neighbours(&self, instance: &Instance) -> Vec<Instance> {
        let mut out = Vec::new();
        for (name, domain) in &self.spec.parameters {
            let Some(value) = instance.0.get(name) else { continue };
            for v in moves(domain, value) {
                out.push(instance.clone().with(name, v));
            }
        }
        out
    }

    /// Two or three random single-parameter moves applied in turn.
    fn jump(&self, rng: &mut SplitMix64, base: &Instance) -> Instance {
        let names: Vec<&String> = self.spec.parameters.keys().collect();
        let mut out = base.clone();
        if names.is_empty() {
            return out;
        }
        let count = 2 + rng.below(2);
        for _ in 0..count {
            let name = names[rng.below(names.len() as u64) as usize];
            let Some(value) = out.0.get(name.as_str()) else { continue };
            let options = moves(&self.spec.parameters[name.as_str()], value);
            if !options.is_empty() {
                let v = options[rng.below(options.len() as u64) as usize].clone();
                out = out.with(name, v);
            }
        }
        out
    }
}

/// The values one move away from `value` inside `domain`, without duplicates or `value` itself.
pub fn moves(domain: &Domain, value: &Value) -> Vec<Value> {
    let mut out: Vec<Value> = match (domain, value) {
        (Domain::Integer { min, max, scale }, Value::Integer(v)) => {
            // In i128, so that a spec's range near the ends of i64 cannot overflow a move.
            let (v, lo, hi) = (i128::from(*v), i128::from(*min), i128::from(*max));
            let mut c = match scale {
                Scale::Log => vec![v * 2, v / 2, v + 1, v - 1],
                Scale::Linear => vec![v + 1, v - 1, v * 2, v / 2],
            };
            c.extend([lo + (v - lo) / 2, v + (hi - v) / 2, lo, hi]);
            c.into_iter().filter_map(|x| i64::try_from(x).ok()).filter(|x| domain.contains_integer(*x)).map(Value::Integer).collect()
        }
        (Domain::Rational { min, max, max_denominator, .. } | Domain::Real { min, max, max_denominator, .. }, Value::Number(v)) => {
            let span = Rational::from(&max.0 - &min.0);
            let mut c = Vec::new();
            for end in [&min.0, &max.0] {
                let gap = Rational::from(end - v);
                c.push(v + Rational::from(&gap / 2u32));
                c.push(v + Rational::from(&gap / 8u32));
                c.push(end.clone());
            }
            for k in FINER {
                let step = Rational::from(&span / (u64::from(*max_denominator) * u64::from(k)));
                c.push(Rational::from(v + &step));
                c.push(Rational::from(v - &step));
            }
            c.into_iter().filter(|x| domain.contains_rational(x) && super::granularity::on_grid(domain, x)).map(Value::Number).collect()
        }
        (Domain::Set { values }, Value::Choice(c)) => values.iter().filter(|x| *x != c).map(|x| Value::Choice(x.clone())).collect(),
        _ => Vec::new(),
    };
    let mut seen = BTreeSet::new();
    out.retain(|x| x != value && seen.insert(x.clone()));
    out
}

/// Fisher–Yates with the search's generator.
fn shuffle<T>(items: &mut [T], rng: &mut SplitMix64) {
    for i in (1..items.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        items.swap(i, j);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{OpenEnds, RationalLit};

    #[test]
    fn integer_moves_stay_in_the_domain_and_reach_both_ends() {
        let d = Domain::Integer { min: 1, max: 100, scale: Scale::Log };
        let m = moves(&d, &Value::Integer(10));
        for v in [20, 5, 11, 9, 1, 100, 55] {
            assert!(m.contains(&Value::Integer(v)), "{v} missing from {m:?}");
        }
        assert!(moves(&d, &Value::Integer(100)).iter().all(|v| matches!(v, Value::Integer(i) if (1..=100).contains(i))));
        // A range at the ends of i64 does not overflow.
        let wide = Domain::Integer { min: i64::MIN, max: i64::MAX, scale: Scale::Linear };
        let m = moves(&wide, &Value::Integer(i64::MAX));
        assert!(m.contains(&Value::Integer(i64::MAX - 1)) && m.contains(&Value::Integer(i64::MIN)));
    }

    #[test]
    fn number_moves_approach_an_open_end_without_reaching_it() {
        let d = Domain::Rational {
            min: RationalLit(Rational::from(0)),
            max: RationalLit(Rational::from(1)),
            open: OpenEnds::Min,
            max_denominator: 4,
        };
        let m = moves(&d, &Value::Number(Rational::from((1, 2))));
        assert!(m.contains(&Value::Number(Rational::from((1, 4)))));
        assert!(m.contains(&Value::Number(Rational::from((7, 16)))));
        assert!(m.contains(&Value::Number(Rational::from(1))));
        assert!(!m.contains(&Value::Number(Rational::from(0))));
        // A finer step than the domain's denominator.
        assert!(m.contains(&Value::Number(Rational::from((1, 2)) + Rational::from((1, 64)))));
    }

    #[test]
    fn set_moves_are_the_other_members() {
        let d = Domain::Set { values: vec!["a".into(), "b".into(), "c".into()] };
        assert_eq!(moves(&d, &Value::Choice("b".into())), vec![Value::Choice("a".into()), Value::Choice("c".into())]);
    }
}
