//! The reference binomial tail at n = 10⁴ and 10⁵: the exact rational sum, term by term
//! (`binomial_tail_upper`) and by binary splitting (`binomial_tail_upper_split`), the same rounded outward to a 256-bit enclosure, and the certified
//! 256-bit interval sum (`binomial_range_at`). `benches/peer/binomial_tail_mpmath.py` times
//! mpmath on the same tails at the same precision; results and commands are in
//! `benches/RESULTS-concentration.md`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use rug::{Float, Rational};
use theoremcheck::reference::binomial_split::binomial_tail_upper_split;
use theoremcheck::reference::{binomial_range_at, binomial_tail_upper, Enclosure};

/// `(n, k)` with `p = 1/4` and `k = ⌈n(p + 1/100)⌉`: a tail of moderate size.
const CASES: [(u32, u32); 2] = [(10_000, 2_600), (100_000, 26_000)];
const PRECISION: u32 = 256;

fn tails(c: &mut Criterion) {
    let p = Rational::from((1, 4));
    let p_float = Float::with_val(PRECISION, &p);
    let mut group = c.benchmark_group("binomial_tail");
    group.sample_size(10);
    for (n, k) in CASES {
        group.bench_function(format!("exact_rational/n={n}"), |b| b.iter(|| binomial_tail_upper(black_box(n), black_box(k), &p).unwrap()));
        group.bench_function(format!("exact_split/n={n}"), |b| {
            b.iter(|| binomial_tail_upper_split(black_box(n), black_box(k), &p).unwrap())
        });
        group.bench_function(format!("exact_to_256bit/n={n}"), |b| {
            b.iter(|| Enclosure::exact(binomial_tail_upper(black_box(n), black_box(k), &p).unwrap()).to_interval(PRECISION))
        });
        group.bench_function(format!("interval_256bit/n={n}"), |b| {
            b.iter(|| binomial_range_at(black_box(n), black_box(k), n, &p_float, PRECISION))
        });
    }
    group.finish();
}

criterion_group!(benches, tails);
criterion_main!(benches);
