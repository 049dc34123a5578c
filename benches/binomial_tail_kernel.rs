//! Criterion bench of the binomial log-tail kernel `ln P[Bin(n,p) ≥ k]` on batches of mixed
//! `(n, k, p)`: n ≤ 1000 and n ≤ 10⁶ with k spread over the whole range (tails and bulk).
//! (`benches/binomial_tail.rs` benches the exact reference, not this kernel.)

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use theoremcheck::kernels::cpu::binomial_tail::binomial_log_sf_into;

fn inputs(len: usize, max_n: u64) -> (Vec<u32>, Vec<u32>, Vec<f64>) {
    let mut s: u64 = 42;
    let mut next = || {
        s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        s >> 11
    };
    let n: Vec<u32> = (0..len).map(|_| 1 + (next() % max_n) as u32).collect();
    let k: Vec<u32> = n.iter().map(|n| (next() % u64::from(n + 1)) as u32).collect();
    let p: Vec<f64> = (0..len).map(|_| next() as f64 / (1u64 << 53) as f64).collect();
    (n, k, p)
}

fn bench(c: &mut Criterion) {
    let len = 1 << 16;
    let mut group = c.benchmark_group("binomial_log_sf");
    group.sample_size(20);
    group.throughput(Throughput::Elements(len as u64));
    for max_n in [1_000u64, 1_000_000] {
        let (n, k, p) = inputs(len, max_n);
        let mut out = vec![0.0; len];
        group.bench_function(format!("len=65536 n<={max_n}"), |b| {
            b.iter(|| binomial_log_sf_into(black_box(&n), black_box(&k), black_box(&p), &mut out).unwrap())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
