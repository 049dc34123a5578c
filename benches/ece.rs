//! Criterion bench of the ECE kernel on f32 inputs (small sizes so `cargo bench` stays short).

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use theoremcheck::kernels::cpu::ece::ece;

fn bench_ece(c: &mut Criterion) {
    let mut group = c.benchmark_group("ece_f32_15bins");
    for n in [10_000usize, 1_000_000, 10_000_000] {
        // A fixed LCG: the same inputs on every run.
        let mut s: u64 = 42;
        let mut next = || {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (s >> 40) as f32 / (1u64 << 24) as f32
        };
        let conf: Vec<f32> = (0..n).map(|_| next()).collect();
        let correct: Vec<bool> = conf.iter().map(|c| *c > 0.3).collect();
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("n={n}"), |b| b.iter(|| ece(black_box(&conf), black_box(&correct), 15).unwrap()));
    }
    group.finish();
}

criterion_group!(benches, bench_ece);
criterion_main!(benches);
