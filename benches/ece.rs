//! Criterion bench of the ECE kernel on f32 and f64 inputs, 15 bins (sizes kept small so `cargo
//! bench` stays short; `benches/peer/run.sh` measures N = 10⁸ against the peers).

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use num_traits::Float;
use theoremcheck::kernels::cpu::ece::ece;

/// Seeded confidences (a fixed LCG: the same inputs on every run) and correctness flags.
fn inputs<F: Float>(n: usize) -> (Vec<F>, Vec<bool>) {
    let mut s: u64 = 42;
    let mut next = || {
        s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    let conf: Vec<F> = (0..n).map(|_| F::from(next()).unwrap_or_else(F::zero)).collect();
    let correct = conf.iter().map(|c| c.to_f64().unwrap_or(0.0) > 0.3).collect();
    (conf, correct)
}

fn bench_dtype<F: Float + Send + Sync>(c: &mut Criterion, name: &str) {
    let mut group = c.benchmark_group(format!("ece_{name}_15bins"));
    for n in [10_000usize, 1_000_000, 10_000_000] {
        let (conf, correct) = inputs::<F>(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("n={n}"), |b| b.iter(|| ece(black_box(&conf), black_box(&correct), 15).unwrap()));
    }
    group.finish();
}

fn bench_ece(c: &mut Criterion) {
    bench_dtype::<f32>(c, "f32");
    bench_dtype::<f64>(c, "f64");
}

criterion_group!(benches, bench_ece);
criterion_main!(benches);
