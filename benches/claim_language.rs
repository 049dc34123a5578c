//! The cost of a claim written as data against the same claim in Rust: Hoeffding's inequality
//! for Bernoulli means, evaluated at the same instances (drawn from the catalogue spec's domain
//! by its own generator, fixed seed) at 64 bits. The Rust form is the implementation the data
//! claim replaced (`src/theorems/concentration/hoeffding.rs` before the port), kept here as the
//! baseline. Throughput in instances per second; the target is data ≤ 2× Rust.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use rug::Rational;
use theoremcheck::claim::DataClaim;
use theoremcheck::engine::{instance_strategy, Comparison, EvalError, Instance, Outcome, ParamRequirement, Relation, Theorem};
use theoremcheck::reference::{binomial_tail_upper, Enclosure};

/// Hoeffding in Rust, as it was before it became data.
struct RustHoeffding;

const PARAMETERS: [ParamRequirement; 3] = [ParamRequirement::integer("n"), ParamRequirement::number("p"), ParamRequirement::number("u")];

impl Theorem for RustHoeffding {
    fn id(&self) -> &str {
        "concentration.hoeffding"
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let n = instance.count("n")?;
        let p = instance.number("p")?.clone();
        let t = instance.number("u")? * Rational::from(1 - &p);
        let q = Rational::from(&p + &t);
        let k = Rational::from(&q * n).ceil().numer().to_u32().filter(|k| *k <= n);
        let tail = match k {
            Some(k) => binomial_tail_upper(n, k, &p).map_err(EvalError::reference)?,
            None => Rational::new(),
        };
        let exponent = -(Rational::from(2) * Rational::from(n)) * Rational::from(t.square_ref());
        let rhs = Enclosure::exact(exponent).exp(prec);
        Ok(Outcome::Compared(Comparison::new(Enclosure::exact(tail), Relation::Le, rhs)))
    }
}

/// Pinsker's inequality in Rust: both sides cheap, so the interpreter's own overhead shows.
struct RustPinsker;

const PINSKER_PARAMETERS: [ParamRequirement; 2] = [ParamRequirement::number("p"), ParamRequirement::number("q")];

impl Theorem for RustPinsker {
    fn id(&self) -> &str {
        "mine.pinsker"
    }

    fn parameters(&self) -> &[ParamRequirement] {
        &PINSKER_PARAMETERS
    }

    fn evaluate(&self, instance: &Instance, _constants: &Instance, prec: u32) -> Result<Outcome, EvalError> {
        let (p, q) = (instance.number("p")?, instance.number("q")?);
        let kl = theoremcheck::reference::kl_bernoulli(q, p, prec).map_err(EvalError::reference)?;
        let d = Rational::from(q - p);
        let rhs = Enclosure::exact(Rational::from(d.square_ref()) * 2u32);
        Ok(Outcome::Compared(Comparison::new(kl, Relation::Ge, rhs)))
    }
}

fn spec() -> theoremcheck::spec::Spec {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("spec");
    theoremcheck::spec::load_file(&root.join("concentration/hoeffding.toml"), &root).expect("the catalogue spec loads")
}

/// 200 instances from the spec's own generator, fixed seed.
fn instances(spec: &theoremcheck::spec::Spec) -> Vec<Instance> {
    let strategy = instance_strategy(spec);
    let mut runner = TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &[3; 32]));
    (0..200).map(|_| strategy.new_tree(&mut runner).expect("draws").current()).collect()
}

fn evaluate_all(theorem: &dyn Theorem, instances: &[Instance]) {
    for i in instances {
        black_box(theorem.evaluate(black_box(i), &Instance::default(), 64).expect("evaluates"));
    }
}

fn pinsker(c: &mut Criterion) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/user_bounds/bounds/pinsker.toml");
    let text = std::fs::read_to_string(&path).expect("the example exists");
    let spec = theoremcheck::spec::parse_spec(&text, &path, None).expect("parses");
    let data = DataClaim::from_spec(&spec).expect("a data claim");
    let instances = instances(&spec);
    for i in &instances {
        assert_eq!(data.evaluate(i, &Instance::default(), 64).unwrap(), RustPinsker.evaluate(i, &Instance::default(), 64).unwrap(), "{i}");
    }
    let mut group = c.benchmark_group("pinsker 200 instances");
    group.sample_size(20);
    group.throughput(Throughput::Elements(instances.len() as u64));
    group.bench_function("rust", |b| b.iter(|| evaluate_all(&RustPinsker, &instances)));
    group.bench_function("data", |b| b.iter(|| evaluate_all(&data, &instances)));
    group.finish();
}

fn bench(c: &mut Criterion) {
    let spec = spec();
    let data = DataClaim::from_spec(&spec).expect("hoeffding is a data claim");
    let instances = instances(&spec);
    // Both forms must agree before their speed means anything.
    for i in &instances {
        assert_eq!(
            data.evaluate(i, &Instance::default(), 64).unwrap(),
            RustHoeffding.evaluate(i, &Instance::default(), 64).unwrap(),
            "{i}"
        );
    }
    let mut group = c.benchmark_group("hoeffding 200 instances");
    group.sample_size(20);
    group.throughput(Throughput::Elements(instances.len() as u64));
    group.bench_function("rust", |b| b.iter(|| evaluate_all(&RustHoeffding, &instances)));
    group.bench_function("data", |b| b.iter(|| evaluate_all(&data, &instances)));
    group.finish();
}

criterion_group!(benches, bench, pinsker);
criterion_main!(benches);
