//! Criterion benches of the Monte Carlo / LPF kernels: `mc_soft_factor` (probit and softmax
//! decoders), `poe_aggregate` and `uncertainty_decomposition`, at modest sizes.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use nalgebra::DMatrix;
use theoremcheck::kernels::cpu::mc_soft_factor::{mc_soft_factor, Decoder, Latents, Scale};
use theoremcheck::kernels::cpu::poe_aggregate::poe_aggregate;
use theoremcheck::kernels::cpu::uncertainty_decomposition::uncertainty_decomposition;

/// A fixed LCG on [0, 1): the same inputs on every run.
fn lcg(n: usize, seed: u64) -> Vec<f64> {
    let mut s = seed;
    (0..n)
        .map(|_| {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (s >> 11) as f64 / (1u64 << 53) as f64
        })
        .collect()
}

fn bench_soft_factor(c: &mut Criterion) {
    let (k, d, m) = (16usize, 8usize, 1024u64);
    let means: Vec<f64> = lcg(k * d, 1).iter().map(|x| 2.0 * x - 1.0).collect();
    let sigma: Vec<f64> = lcg(k * d, 2).iter().map(|x| 0.1 + x).collect();
    let latents = Latents { dim: d, means: &means, scale: Scale::Diagonal(&sigma) };
    let u: Vec<f64> = lcg(d, 3);
    let w = DMatrix::from_vec(4, d, lcg(4 * d, 4));
    let b = [0.0, 0.1, -0.1, 0.2];
    let mut group = c.benchmark_group("mc_soft_factor_K16_d8_M1024");
    group.throughput(Throughput::Elements(k as u64 * m));
    group.bench_function("probit", |bch| {
        bch.iter(|| mc_soft_factor(black_box(&latents), &Decoder::Probit { u: &u, b: 0.1 }, m, 7).unwrap())
    });
    group.bench_function("softmax_4", |bch| {
        bch.iter(|| mc_soft_factor(black_box(&latents), &Decoder::Softmax { w: &w, b: &b }, m, 7).unwrap())
    });
    group.finish();
}

fn bench_poe(c: &mut Criterion) {
    let (batch, k, classes) = (10_000usize, 16usize, 4usize);
    let phi: Vec<f64> = lcg(batch * k * classes, 5).iter().map(|x| x + 1e-3).collect();
    let w: Vec<f64> = lcg(batch * k, 6).iter().map(|x| x.max(0.01)).collect();
    let mut group = c.benchmark_group("poe_aggregate_K16_Y4");
    group.throughput(Throughput::Elements(batch as u64));
    group.bench_function("rows=10000", |bch| bch.iter(|| poe_aggregate(black_box(&phi), black_box(&w), None, k, classes).unwrap()));
    group.finish();
}

fn bench_uncertainty(c: &mut Criterion) {
    let (n, m, classes) = (10_000usize, 8usize, 10usize);
    let raw = lcg(n * m * classes, 8);
    let probs: Vec<f64> = raw
        .chunks(classes)
        .flat_map(|r| {
            let s: f64 = r.iter().sum();
            r.iter().map(move |x| x / s).collect::<Vec<_>>()
        })
        .collect();
    let mut group = c.benchmark_group("uncertainty_decomposition_M8_Y10");
    group.throughput(Throughput::Elements(n as u64));
    group.bench_function("inputs=10000", |bch| bch.iter(|| uncertainty_decomposition(black_box(&probs), m, classes).unwrap()));
    group.finish();
}

criterion_group!(benches, bench_soft_factor, bench_poe, bench_uncertainty);
criterion_main!(benches);
