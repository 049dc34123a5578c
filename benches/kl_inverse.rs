//! Criterion bench of the kl-inverse kernels (upper and lower) on a batch of uniform `q ∈ [0,1)`
//! and `c ∈ [0, 2)`; throughput in evaluations per second. Thread count: rayon's default
//! (set `RAYON_NUM_THREADS=2` for the 2-thread target).

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use theoremcheck::kernels::cpu::kl_inverse::{kl_inverse_lower_into, kl_inverse_upper_into};

fn inputs(n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut s: u64 = 42;
    let mut next = || {
        s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    let q = (0..n).map(|_| next()).collect();
    let c = (0..n).map(|_| 2.0 * next()).collect();
    (q, c)
}

fn bench(c: &mut Criterion) {
    let n = 1 << 18;
    let (q, cs) = inputs(n);
    let mut out = vec![0.0; n];
    let mut group = c.benchmark_group("kl_inverse");
    group.sample_size(20);
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("upper n=262144", |b| b.iter(|| kl_inverse_upper_into(black_box(&q), black_box(&cs), &mut out).unwrap()));
    group.bench_function("lower n=262144", |b| b.iter(|| kl_inverse_lower_into(black_box(&q), black_box(&cs), &mut out).unwrap()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
