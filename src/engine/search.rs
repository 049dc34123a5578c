//! The targeted search: after the edge instances and the random draws, local moves that push an
//! instance toward violating the claim (anchor: Hypothesis' `target()`, coverage-guided fuzzers).
//!
//! The objective is [`search_objective`]: `ln(larger/smaller)` where both sides are
//! positive, else the relative slack; below zero is a violation, which the certified decision
//! then confirms or not (the objective only steers, it never decides). The search is an iterated
//! local search:
//! - **Climbs**: first-improvement hill-climbing over single-parameter moves in a seeded random
//!   order. A move that improves is repeated with its step doubled while that improves too (a
//!   pattern move), so following one parameter costs a few evaluations, not one per grid step.
//!   A climb hands over after a quarter of the budget, so one slow basin cannot starve the rest.
//! - **Niches**: parameters with few values (set members, integers with at most
//!   [`NICHE_VALUES`] values) keep the best instance seen with each of their values, and the
//!   search climbs from those with the value held. A value that only pays once other parameters
//!   move (a uniform prior once ε is small, one evidence letter once the factors are perturbed)
//!   is followed rather than dropped at its first comparison with the basin the search is in.
//!   Niches take turns by parameter; a niche whose value made no difference where it was seen
//!   is entered by a jump.
//! - **Order**: one climb from each of the best instances so far, each followed by one niche
//!   climb; then restarts in turn: a niche climb, a jump (two or three moves at once) from one of
//!   the best, a fresh draw; until the budget of evaluations is spent.
//!
//! Moves stay inside each parameter's domain:
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
use std::collections::{BTreeMap, BTreeSet};

/// How many of the best instances seen are kept as restart points.
const ELITE: usize = 8;

/// Candidates looked at (evaluated or skipped as already seen or unaffordable) per evaluation of
/// budget, so that a search over a small, exhausted space ends.
const ATTEMPTS_PER_EVALUATION: u32 = 40;

/// A single climb spends at most `budget / CLIMB_SHARE` evaluations.
const CLIMB_SHARE: u32 = 4;

/// An integer parameter with at most this many values holds niches (see the module doc).
pub const NICHE_VALUES: i64 = 8;

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

/// A niche: one value of one parameter with few values.
type Niche = (String, Value);

/// Where a niche climb starts: the niche's best instance, with its parameter held.
struct NicheStart {
    held: String,
    score: Float,
    instance: Instance,
    /// The held value made no difference at `instance` (see `State::next_niche`).
    tied: bool,
}

struct State<'o> {
    rng: SplitMix64,
    seen: BTreeSet<Instance>,
    elites: Starts,
    /// Parameters that hold niches: set members, and integers with few values.
    niche_parameters: Vec<String>,
    /// Under each objective, the best instance seen in each niche.
    niches: [BTreeMap<Niche, (Float, Instance)>; OBJECTIVES],
    /// Instances a climb started from or passed through: a niche's best is climbed from once.
    climbed: BTreeSet<Instance>,
    /// How many niche climbs each parameter has had: niches take turns by parameter.
    niche_turns: BTreeMap<String, u32>,
    /// Every evaluated instance's scores, to tell a niche the claim ignores (see `next_niche`).
    scored: BTreeMap<Instance, [Option<Float>; OBJECTIVES]>,
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
        for (niches, score) in self.niches.iter_mut().zip(scores) {
            let Some(score) = score else { continue };
            for name in &self.niche_parameters {
                let Some(value) = instance.0.get(name.as_str()) else { continue };
                let best = niches.entry((name.clone(), value.clone())).or_insert_with(|| (score.clone(), instance.clone()));
                if score < &best.0 {
                    *best = (score.clone(), instance.clone());
                }
            }
        }
    }

    /// The next niche to climb under `objective`: of those whose best instance has not been
    /// climbed from, one of the parameter that has had fewest niche climbs (so a parameter with
    /// a poor-looking value, one letter where two look better, gets its turn), best first.
    /// A niche whose value makes no difference at its best instance (it scores exactly what the
    /// same instance with another value of that parameter scored: factors that are perturbed by
    /// ε = 0, evidence with one letter) comes after the others and is `tied`: climbing from that
    /// instance would repeat a climb already made, so the caller jumps away from it first.
    fn next_niche(&mut self, objective: usize, spec: &Spec) -> Option<NicheStart> {
        let scored = &self.scored;
        let tied = |name: &String, score: &Float, instance: &Instance| {
            niche_values(&spec.parameters[name.as_str()]).into_iter().any(|other| {
                let twin = instance.clone().with(name, other);
                &twin != instance && scored.get(&twin).and_then(|s| s[objective].as_ref()) == Some(score)
            })
        };
        let turns = &self.niche_turns;
        let turn = |name: &String| turns.get(name).copied().unwrap_or(0);
        let (key, (score, instance), tied) = self.niches[objective]
            .iter()
            .filter(|(_, (_, i))| !self.climbed.contains(i))
            .map(|(key, best)| (key, best, tied(&key.0, &best.0, &best.1)))
            .min_by(|a, b| (turn(&a.0 .0), a.2).cmp(&(turn(&b.0 .0), b.2)).then_with(|| a.1 .0.total_cmp(&b.1 .0)))?;
        let found = NicheStart { held: key.0.clone(), score: score.clone(), instance: instance.clone(), tied };
        self.climbed.insert(found.instance.clone());
        *self.niche_turns.entry(found.held.clone()).or_insert(0) += 1;
        Some(found)
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
            niche_parameters: self
                .spec
                .parameters
                .iter()
                .filter(|(_, d)| !niche_values(d).is_empty())
                .map(|(name, _)| name.clone())
                .collect(),
            niches: Default::default(),
            climbed: BTreeSet::new(),
            scored: BTreeMap::new(),
            niche_turns: BTreeMap::new(),
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
        for k in 0..used {
            for (score, instance) in state.elites[k].clone() {
                let mut scores: [Option<Float>; OBJECTIVES] = Default::default();
                scores[k] = Some(score);
                state.offer(&scores, &instance);
            }
        }
        // One climb from each initial elite, best first, alternating objectives.
        let initial: Vec<(usize, Float, Instance)> = (0..ELITE)
            .flat_map(|rank| (0..used).map(move |k| (k, rank)))
            .filter_map(|(k, rank)| state.elites[k].get(rank).map(|(s, i)| (k, s.clone(), i.clone())))
            .collect();
        // Each followed by a climb inside the best niche not yet climbed, so that a value the
        // first basin passed over is followed early, not only once the budget is nearly spent.
        for (k, score, start) in initial {
            if state.climbed.contains(&start) {
                continue;
            }
            if let Some(end) = self.climb(&mut state, k, score, start, None) {
                return end;
            }
            if let Some(start) = state.next_niche(k, self.spec) {
                if let Some(end) = self.climb_niche(&mut state, k, start) {
                    return end;
                }
            }
        }
        // Then iterated local search: jump from one of the best and climb again; every third
        // restart begins at a fresh draw instead, so one basin cannot hold the whole budget, and
        // every third climbs inside a niche from its best instance.
        let mut fresh = self.fresh_draws(seed);
        let mut restarts = 0u64;
        while !state.exhausted() {
            restarts += 1;
            let k = (restarts as usize) % used;
            if state.elites[k].is_empty() {
                continue;
            }
            if restarts % 3 == 1 {
                if let Some(start) = state.next_niche(k, self.spec) {
                    if let Some(end) = self.climb_niche(&mut state, k, start) {
                        return end;
                    }
                    continue;
                }
            }
            let candidate = match (restarts % 3 == 0).then(|| fresh.next()).flatten() {
                Some(draw) => draw,
                None => {
                    let pick = state.rng.below(state.elites[k].len() as u64) as usize;
                    let base = state.elites[k][pick].1.clone();
                    self.jump(&mut state.rng, &base, None)
                }
            };
            match self.step(&mut state, &candidate) {
                Step::End(end) => return end,
                Step::Scored(scores) => {
                    if let Some(score) = scores[k].clone() {
                        if let Some(end) = self.climb(&mut state, k, score, candidate, None) {
                            return end;
                        }
                    }
                }
                Step::Skipped => {}
            }
        }
        SearchEnd::Exhausted
    }

    /// A climb inside a niche, its value held; from a tied start, after a jump that keeps it.
    fn climb_niche(&self, state: &mut State, objective: usize, start: NicheStart) -> Option<SearchEnd> {
        let held = Some(start.held.as_str());
        if !start.tied {
            return self.climb(state, objective, start.score, start.instance, held);
        }
        let candidate = self.jump(&mut state.rng, &start.instance, held);
        match self.step(state, &candidate) {
            Step::End(end) => Some(end),
            Step::Scored(scores) => match scores[objective].clone() {
                Some(score) => self.climb(state, objective, score, candidate, held),
                None => None,
            },
            Step::Skipped => None,
        }
    }

    /// First-improvement hill-climbing from `current`, moving every parameter but `held`; `Some`
    /// only when the search must end. A move that improves is repeated with its step doubled
    /// while that improves too (a pattern move), so a climb along one parameter takes a few
    /// evaluations rather than one per grid step.
    fn climb(&self, state: &mut State, objective: usize, mut score: Float, mut current: Instance, held: Option<&str>) -> Option<SearchEnd> {
        state.climbed.insert(current.clone());
        // A climb hands over after a share of the budget: where it ends is an elite, so a later
        // restart can take it up again, but one slow basin cannot starve every other start.
        let stop_at = state.spent.saturating_add((state.budget / CLIMB_SHARE).max(1));
        loop {
            if state.spent >= stop_at {
                return None;
            }
            let mut candidates = self.neighbours(&current, held);
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
                        let previous = std::mem::replace(&mut current, candidate);
                        improved = true;
                        if let Some(end) = self.repeat_move(state, objective, &mut score, &mut current, &previous) {
                            return Some(end);
                        }
                        break;
                    }
                    _ => {}
                }
            }
            if !improved {
                state.climbed.insert(current);
                return None;
            }
            state.climbed.insert(current.clone());
        }
    }

    /// Repeats the single-parameter move `previous → current` with its step doubled each time,
    /// while the objective improves.
    fn repeat_move(
        &self,
        state: &mut State,
        objective: usize,
        score: &mut Float,
        current: &mut Instance,
        previous: &Instance,
    ) -> Option<SearchEnd> {
        let (name, from, to) = single_change(previous, current)?;
        let domain = &self.spec.parameters[name.as_str()];
        let (mut from, mut to) = (from, to);
        while !state.exhausted() {
            let next = doubled_step(domain, &from, &to)?;
            let candidate = current.clone().with(&name, next.clone());
            match self.step(state, &candidate) {
                Step::End(end) => return Some(end),
                Step::Scored(scores) if scores[objective].as_ref().is_some_and(|s| s < score) => {
                    *score = scores[objective].clone().expect("checked");
                    *current = candidate;
                    state.climbed.insert(current.clone());
                    // The next step is twice this one: from the old value's mirror image.
                    from = to;
                    to = next;
                }
                _ => return None,
            }
        }
        None
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
                state.scored.insert(candidate.clone(), scores.clone());
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

    /// Every instance one single-parameter move away from `instance`, leaving `held` alone.
    fn neighbours(&self, instance: &Instance, held: Option<&str>) -> Vec<Instance> {
        let mut out = Vec::new();
        for (name, domain) in &self.spec.parameters {
            if held == Some(name.as_str()) {
                continue;
            }
            let Some(value) = instance.0.get(name) else { continue };
            for v in moves(domain, value) {
                out.push(instance.clone().with(name, v));
            }
        }
        out
    }

    /// Two or three random single-parameter moves applied in turn, leaving `held` alone.
    fn jump(&self, rng: &mut SplitMix64, base: &Instance, held: Option<&str>) -> Instance {
        let names: Vec<&String> = self.spec.parameters.keys().filter(|n| held != Some(n.as_str())).collect();
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

/// A niche parameter's values: a set's members, or a small integer range; empty for any other.
fn niche_values(domain: &Domain) -> Vec<Value> {
    match domain {
        Domain::Set { values } => values.iter().cloned().map(Value::Choice).collect(),
        Domain::Integer { min, max, .. } if i128::from(*max) - i128::from(*min) < i128::from(NICHE_VALUES) => {
            (*min..=*max).map(Value::Integer).collect()
        }
        _ => Vec::new(),
    }
}

/// The one parameter that differs between `a` and `b`, with its two values; `None` unless
/// exactly one differs.
fn single_change(a: &Instance, b: &Instance) -> Option<(String, Value, Value)> {
    let mut changed = a.0.iter().filter(|(k, v)| b.0.get(k.as_str()) != Some(v));
    let (name, from) = changed.next()?;
    if changed.next().is_some() {
        return None;
    }
    Some((name.clone(), from.clone(), b.0.get(name.as_str())?.clone()))
}

/// `to + 2·(to − from)` when it lies in `domain` (and on its search grid); numbers and integers
/// only.
fn doubled_step(domain: &Domain, from: &Value, to: &Value) -> Option<Value> {
    match (domain, from, to) {
        (Domain::Integer { .. }, Value::Integer(a), Value::Integer(b)) => {
            let next = i128::from(*b) + 2 * (i128::from(*b) - i128::from(*a));
            i64::try_from(next).ok().filter(|x| domain.contains_integer(*x)).map(Value::Integer)
        }
        (Domain::Rational { .. } | Domain::Real { .. }, Value::Number(a), Value::Number(b)) => {
            let next = b + Rational::from(b - a) * 2u32;
            (domain.contains_rational(&next) && super::granularity::on_grid(domain, &next)).then_some(Value::Number(next))
        }
        _ => None,
    }
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
    fn a_repeated_move_doubles_its_step_and_stays_in_the_domain() {
        let d = Domain::Integer { min: 1, max: 40, scale: Scale::Log };
        assert_eq!(doubled_step(&d, &Value::Integer(4), &Value::Integer(8)), Some(Value::Integer(16)));
        assert_eq!(doubled_step(&d, &Value::Integer(8), &Value::Integer(16)), Some(Value::Integer(32)));
        assert_eq!(doubled_step(&d, &Value::Integer(16), &Value::Integer(32)), None, "64 is past the end");
        let r = Domain::Rational {
            min: RationalLit(Rational::from(0)),
            max: RationalLit(Rational::from(1)),
            open: OpenEnds::Max,
            max_denominator: 8,
        };
        let (a, b) = (Value::Number(Rational::from((1, 2))), Value::Number(Rational::from((9, 16))));
        assert_eq!(doubled_step(&r, &a, &b), Some(Value::Number(Rational::from((11, 16)))));
        // The open end is not reached, nor a point past the search's finest grid (1/2048 here).
        let (a, b) = (Value::Number(Rational::from(0)), Value::Number(Rational::from((1, 3))));
        assert_eq!(doubled_step(&r, &a, &b), None, "0 → 1/3 → 1, the open end");
        let (a, b) = (Value::Number(Rational::from((1, 4))), Value::Number(Rational::from((1, 4)) + Rational::from((1, 4096))));
        assert_eq!(doubled_step(&r, &a, &b), None, "a step of 1/4096 leaves the grid");
    }

    #[test]
    fn niches_are_sets_and_small_integer_ranges() {
        let set = Domain::Set { values: vec!["a".into(), "b".into()] };
        assert_eq!(niche_values(&set), vec![Value::Choice("a".into()), Value::Choice("b".into())]);
        let small = Domain::Integer { min: 2, max: 4, scale: Scale::Linear };
        assert_eq!(niche_values(&small), vec![Value::Integer(2), Value::Integer(3), Value::Integer(4)]);
        let large = Domain::Integer { min: 1, max: 40000, scale: Scale::Log };
        assert!(niche_values(&large).is_empty());
        let a = Instance::default().with("x", Value::Integer(1)).with("y", Value::Integer(2));
        assert_eq!(single_change(&a, &a.clone().with("y", Value::Integer(3))), Some(("y".into(), Value::Integer(2), Value::Integer(3))));
        assert_eq!(single_change(&a, &a.clone().with("x", Value::Integer(0)).with("y", Value::Integer(3))), None);
    }

    #[test]
    fn set_moves_are_the_other_members() {
        let d = Domain::Set { values: vec!["a".into(), "b".into(), "c".into()] };
        assert_eq!(moves(&d, &Value::Choice("b".into())), vec![Value::Choice("a".into()), Value::Choice("c".into())]);
    }
}
