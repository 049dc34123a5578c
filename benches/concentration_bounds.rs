//! Criterion bench of the concentration-bound kernel: 10^5 adversarial grid points (all six
//! bounds mixed), evaluated with one-sided rounding.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use theoremcheck::kernels::cpu::concentration_bounds::concentration_bounds;
use theoremcheck::kernels::diff::concentration_bounds::point;
use theoremcheck::kernels::diff::Splitmix;

fn bench_bounds(c: &mut Criterion) {
    let mut g = Splitmix::for_case(7, 0);
    let n = 100_000;
    let grid: Vec<_> = (0..n).map(|_| point(&mut g)).collect();
    let mut group = c.benchmark_group("concentration_bounds");
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("mixed_1e5", |b| b.iter(|| concentration_bounds(black_box(&grid)).unwrap()));
    group.finish();
}

criterion_group!(benches, bench_bounds);
criterion_main!(benches);
