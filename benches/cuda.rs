//! GPU benchmark (feature `cuda`; run by kernels/run-gpu.sh on a GPU machine): device-to-device
//! copy bandwidth, then the ECE kernel on `THEOREMCHECK_BENCH_N` f32 pairs (default 10⁹, reduced
//! to fit device memory) already in device memory, its achieved bandwidth as a fraction of the
//! copy bandwidth, and the CPU kernel on the same data for the ratio; then every other GPU
//! kernel against its CPU twin on the same inputs (host-to-device transfers included, as a
//! caller sees them). One JSON object per line.
//!
//! Not a criterion bench: the input alone is 5 GB, and each number is the median of a few runs.

use rayon::prelude::*;
use std::time::Instant;
use theoremcheck::kernels::cpu;
use theoremcheck::kernels::cpu::ece::ece as cpu_ece;
use theoremcheck::kernels::cpu::mc_soft_factor::{Decoder, Latents, Scale};
use theoremcheck::kernels::cuda;
use theoremcheck::kernels::cuda::copy::copy_bandwidth;
use theoremcheck::kernels::cuda::ece::ece_device;
use theoremcheck::kernels::cuda::gpu;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Median seconds of `reps` calls of `f` after one warm-up call.
fn time<R>(reps: usize, mut f: impl FnMut() -> R) -> f64 {
    std::hint::black_box(f());
    median(
        (0..reps.max(1))
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(f());
                t.elapsed().as_secs_f64()
            })
            .collect(),
    )
}

/// Times a GPU kernel and its CPU twin on the same inputs and prints one line.
fn compare<G, C>(op: &str, n: usize, reps: usize, gpu_call: impl FnMut() -> G, cpu_call: impl FnMut() -> C) {
    let gpu_s = time(reps, gpu_call);
    let cpu_s = time(reps.min(3), cpu_call);
    println!(
        "{{\"op\":{op:?},\"n\":{n},\"gpu_s\":{gpu_s:.6},\"gpu_per_s\":{:.4e},\"cpu_s\":{cpu_s:.6},\"cpu_threads\":{},\"speedup_vs_cpu\":{:.1}}}",
        n as f64 / gpu_s,
        rayon::current_num_threads(),
        cpu_s / gpu_s
    );
}

/// `n` seeded values in [0, 1).
fn unit(n: usize, salt: u64) -> Vec<f64> {
    (0..n as u64).into_par_iter().map(|i| ((i ^ salt).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 11) as f64 / (1u64 << 53) as f64).collect()
}

/// Every GPU kernel but ECE against its CPU twin, at sizes where the CPU side takes well under a
/// second on a 16-core host.
fn compare_other_kernels(reps: usize) {
    let n = 10_000_000;
    let q = unit(n, 1);
    let c: Vec<f64> = unit(n, 2).iter().map(|x| 2.0 * x).collect();
    let mut out = vec![0.0; n];
    let mut cpu_out = vec![0.0; n];
    compare(
        "kl_inverse_upper_f64",
        n,
        reps,
        || cuda::kl_inverse::kl_inverse_upper_into(&q, &c, &mut out).expect("kl_inverse on the GPU"),
        || cpu::kl_inverse::kl_inverse_upper_into(&q, &c, &mut cpu_out).expect("kl_inverse on the CPU"),
    );
    let trials: Vec<u32> = unit(n, 3).iter().map(|x| 1 + (x * 1000.0) as u32).collect();
    let k: Vec<u32> = unit(n, 4).iter().zip(&trials).map(|(x, t)| ((x * f64::from(t + 1)) as u32).min(*t)).collect();
    let p = unit(n, 5);
    compare(
        "binomial_log_sf_f64 (n <= 1000)",
        n,
        reps,
        || cuda::binomial_tail::binomial_log_sf_into(&trials, &k, &p, &mut out).expect("binomial tail on the GPU"),
        || cpu::binomial_tail::binomial_log_sf_into(&trials, &k, &p, &mut cpu_out).expect("binomial tail on the CPU"),
    );
    let (rows, factors, classes) = (1_000_000usize, 16usize, 4usize);
    let phi: Vec<f64> = unit(rows * factors * classes, 6).iter().map(|x| x + 1e-3).collect();
    let w: Vec<f64> = unit(rows * factors, 7).iter().map(|x| x.max(0.01)).collect();
    compare(
        "poe_aggregate_f64 (K = 16, |Y| = 4)",
        rows,
        reps,
        || cuda::poe_aggregate::poe_aggregate(&phi, &w, None, factors, classes).expect("poe on the GPU"),
        || cpu::poe_aggregate::poe_aggregate(&phi, &w, None, factors, classes).expect("poe on the CPU"),
    );
    let (inputs, members, classes) = (1_000_000usize, 8usize, 10usize);
    let raw = unit(inputs * members * classes, 8);
    let probs: Vec<f64> = raw
        .par_chunks(classes)
        .flat_map_iter(|r| {
            let s: f64 = r.iter().sum();
            r.iter().map(move |x| x / s)
        })
        .collect();
    compare(
        "uncertainty_decomposition_f64 (M = 8, |Y| = 10)",
        inputs,
        reps,
        || cuda::uncertainty_decomposition::uncertainty_decomposition(&probs, members, classes).expect("decomposition on the GPU"),
        || cpu::uncertainty_decomposition::uncertainty_decomposition(&probs, members, classes).expect("decomposition on the CPU"),
    );
    let (latent_factors, dim, samples) = (4096usize, 8usize, 1024u64);
    let means: Vec<f64> = unit(latent_factors * dim, 9).iter().map(|x| 2.0 * x - 1.0).collect();
    let sigma: Vec<f64> = unit(latent_factors * dim, 10).iter().map(|x| 0.1 + x).collect();
    let latents = Latents { dim, means: &means, scale: Scale::Diagonal(&sigma) };
    let u = unit(dim, 11);
    let decoder = Decoder::Probit { u: &u, b: 0.1 };
    compare(
        "mc_soft_factor_f64 probit (K = 4096, d = 8, M = 1024; n counts samples)",
        latent_factors * samples as usize,
        reps,
        || cuda::mc_soft_factor::mc_soft_factor(&latents, &decoder, samples, 7).expect("soft factors on the GPU"),
        || cpu::mc_soft_factor::mc_soft_factor(&latents, &decoder, samples, 7).expect("soft factors on the CPU"),
    );
}

fn main() {
    let gpu = match gpu() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("cuda bench: {e}");
            std::process::exit(2);
        }
    };
    let env = |k: &str, d: usize| std::env::var(k).ok().and_then(|v| v.parse().ok()).unwrap_or(d);
    let reps = env("THEOREMCHECK_BENCH_REPS", 5);
    println!("{{\"device\":{:?},\"total_memory\":{}}}", gpu.name, gpu.total_memory);
    let bw = copy_bandwidth(1 << 30, reps).expect("copy bandwidth");
    println!(
        "{{\"op\":\"copy\",\"bytes\":{},\"memcpy_dtod_GBps\":{:.1},\"copy_kernel_GBps\":{:.1}}}",
        1u64 << 30,
        bw.memcpy_bytes_per_s / 1e9,
        bw.kernel_bytes_per_s / 1e9
    );
    let peak = bw.memcpy_bytes_per_s.max(bw.kernel_bytes_per_s);
    // 5 bytes per pair; leave a quarter of the device free.
    let n = env("THEOREMCHECK_BENCH_N", 1_000_000_000).min(gpu.total_memory / 4 * 3 / 5);
    let conf: Vec<f32> =
        (0..n).into_par_iter().map(|i| ((i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as f32 / (1u32 << 24) as f32).collect();
    let correct: Vec<bool> = (0..n).into_par_iter().map(|i| (i as u64).wrapping_mul(0xBF58_476D_1CE4_E5B9) >> 63 == 1).collect();
    let bytes: &[u8] = unsafe { std::slice::from_raw_parts(correct.as_ptr().cast::<u8>(), n) };
    let d_conf = cust::memory::DeviceBuffer::from_slice(&conf).expect("upload confidences");
    let d_correct = cust::memory::DeviceBuffer::from_slice(bytes).expect("upload correct flags");
    for bins in [15u32, 100] {
        let out = ece_device(&d_conf, &d_correct, bins).expect("warm-up");
        let gpu_s = median(
            (0..reps)
                .map(|_| {
                    let t = Instant::now();
                    let o = ece_device(&d_conf, &d_correct, bins).expect("ece on the GPU");
                    assert_eq!(o, out, "GPU ECE not bit-identical across runs");
                    t.elapsed().as_secs_f64()
                })
                .collect(),
        );
        let cpu_s = median(
            (0..reps.min(3))
                .map(|_| {
                    let t = Instant::now();
                    let o = cpu_ece(&conf, &correct, bins).expect("ece on the CPU");
                    std::hint::black_box(o);
                    t.elapsed().as_secs_f64()
                })
                .collect(),
        );
        let gbps = 5.0 * n as f64 / gpu_s / 1e9;
        println!(
            "{{\"op\":\"ece_f32\",\"n\":{n},\"bins\":{bins},\"gpu_s\":{gpu_s:.6},\"GBps\":{gbps:.1},\"fraction_of_copy_bw\":{:.3},\"cpu_s\":{cpu_s:.4},\"cpu_threads\":{},\"speedup_vs_cpu\":{:.1},\"ece\":{}}}",
            gbps * 1e9 / peak,
            rayon::current_num_threads(),
            cpu_s / gpu_s,
            out.ece
        );
    }
    drop((d_conf, d_correct, conf, correct));
    compare_other_kernels(reps);
}
