//! GPU benchmark (feature `cuda`; run by kernels/run-gpu.sh on a GPU machine): device-to-device
//! copy bandwidth, then the ECE kernel on `THEOREMCHECK_BENCH_N` f32 pairs (default 10⁹, reduced
//! to fit device memory) already in device memory, its achieved bandwidth as a fraction of the
//! copy bandwidth, and the CPU kernel on the same data for the ratio. One JSON object per line.
//!
//! Not a criterion bench: the input alone is 5 GB, and each number is the median of a few runs.

use rayon::prelude::*;
use std::time::Instant;
use theoremcheck::kernels::cpu::ece::ece as cpu_ece;
use theoremcheck::kernels::cuda::copy::copy_bandwidth;
use theoremcheck::kernels::cuda::ece::ece_device;
use theoremcheck::kernels::cuda::gpu;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
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
}
