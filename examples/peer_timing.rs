//! Timing driver for the peer comparison (`benches/peer/run.sh`): runs one kernel on inputs read
//! from raw little-endian files, or the memory-bandwidth probe, and prints one JSON line with
//! the median wall time.
//!
//! Usage:
//! ```text
//! peer_timing --op ece --conf FILE.f32 --correct FILE.u8 [--n N] [--bins 15] [--threads 2] [--reps 7]
//! peer_timing --op bandwidth [--mib 2048] [--threads 2] [--reps 9]
//! peer_timing --op kl_inverse --q FILE.f64 --c FILE.f64 [--n N] [--threads 2] [--reps 7]
//! peer_timing --op binomial_tail --bn FILE.u32 --bk FILE.u32 --bp FILE.f64 [--n N] [--threads 2] [--reps 7]
//! ```
//! `--conf` holds f32 confidences (the first `--n` are used), `--correct` one byte (0 or 1) per point. The bandwidth probe
//! sums a `u64` array of `--mib` MiB with `--threads` threads (fixed chunks, one pass per run),
//! so its bytes/time is the read bandwidth a streaming kernel can hope for.
//!
//! `kl_inverse` times the certified upper inverse over the (q, c) pairs; `binomial_tail` times
//! `ln P[Bin(n, p) ≥ k]` over the (n, k, p) triples (the quantity the scipy peer computes as
//! `binom.logsf(k − 1, n, p)`). Adding an operation means one `match` arm in `run` and one
//! function that loads its inputs, times the kernel with [`median_time`] and prints.
//! Errors are printed as `{"error": ...}` with exit status 2, never panics.

use rayon::prelude::*;
use std::collections::HashMap;
use std::time::Instant;

fn main() {
    if let Err(e) = run() {
        println!("{}", serde_json::json!({ "error": e }));
        std::process::exit(2);
    }
}

fn run() -> Result<(), String> {
    let args = parse_args()?;
    let threads: usize = get(&args, "threads", "2")?;
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().map_err(|e| e.to_string())?;
    let op = args.get("op").ok_or("missing --op (ece | bandwidth | kl_inverse | binomial_tail)")?.clone();
    let out = pool.install(|| match op.as_str() {
        "ece" => time_ece(&args),
        "bandwidth" => time_bandwidth(&args),
        "kl_inverse" => time_kl_inverse(&args),
        "binomial_tail" => time_binomial_tail(&args),
        other => Err(format!("unknown --op '{other}' (known: ece, bandwidth, kl_inverse, binomial_tail)")),
    })?;
    println!("{out}");
    Ok(())
}

fn parse_args() -> Result<HashMap<String, String>, String> {
    let raw: Vec<String> = std::env::args().skip(1).collect();
    let mut map = HashMap::new();
    let mut it = raw.into_iter();
    while let Some(key) = it.next() {
        let name = key.strip_prefix("--").ok_or_else(|| format!("expected --name, got '{key}'"))?;
        let value = it.next().ok_or_else(|| format!("--{name} needs a value"))?;
        map.insert(name.to_string(), value);
    }
    Ok(map)
}

fn get<T: std::str::FromStr>(args: &HashMap<String, String>, name: &str, default: &str) -> Result<T, String> {
    let v = args.get(name).map_or(default, |s| s.as_str());
    v.parse().map_err(|_| format!("--{name}: cannot parse '{v}'"))
}

fn read_file(args: &HashMap<String, String>, name: &str) -> Result<Vec<u8>, String> {
    let path = args.get(name).ok_or_else(|| format!("missing --{name} FILE"))?;
    std::fs::read(path).map_err(|e| format!("--{name} {path}: {e}"))
}

/// Runs `f` once to warm up, then `reps` times; returns the median and all times in seconds.
fn median_time<R>(reps: usize, mut f: impl FnMut() -> R) -> (f64, Vec<f64>) {
    std::hint::black_box(f());
    let mut times: Vec<f64> = (0..reps.max(1))
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed().as_secs_f64()
        })
        .collect();
    let all = times.clone();
    times.sort_by(f64::total_cmp);
    (times[times.len() / 2], all)
}

fn time_ece(args: &HashMap<String, String>) -> Result<String, String> {
    let bins: u32 = get(args, "bins", "15")?;
    let reps: usize = get(args, "reps", "7")?;
    let raw = read_file(args, "conf")?;
    if raw.len() % 4 != 0 {
        return Err(format!("--conf has {} bytes, not a whole number of f32 values", raw.len()));
    }
    let n: usize = get(args, "n", &(raw.len() / 4).to_string())?;
    if n > raw.len() / 4 {
        return Err(format!("--n {n} exceeds the {} values in --conf", raw.len() / 4));
    }
    let conf: Vec<f32> = raw[..4 * n].chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
    drop(raw);
    let correct: Vec<bool> = read_file(args, "correct")?.into_iter().take(n).map(|b| b != 0).collect();
    let value = theoremcheck::kernels::cpu::ece::ece(&conf, &correct, bins).map_err(|e| e.to_string())?;
    let (median, times) = median_time(reps, || theoremcheck::kernels::cpu::ece::ece(&conf, &correct, bins));
    let n = conf.len();
    Ok(serde_json::json!({
        "op": "ece", "n": n, "bins": bins, "threads": rayon::current_num_threads(),
        "bytes_read": n * 5, "median_s": median, "times_s": times, "ece": value.ece,
    })
    .to_string())
}

fn time_bandwidth(args: &HashMap<String, String>) -> Result<String, String> {
    let mib: usize = get(args, "mib", "2048")?;
    let reps: usize = get(args, "reps", "9")?;
    let len = mib * (1 << 20) / 8;
    // Distinct values so the pages are really touched before timing.
    let data: Vec<u64> = (0..len as u64).into_par_iter().map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15)).collect();
    let (median, times) = median_time(reps, || {
        data.par_chunks(1 << 16).map(|c| c.iter().fold(0u64, |a, &x| a.wrapping_add(x))).reduce(|| 0, u64::wrapping_add)
    });
    let bytes = len * 8;
    Ok(serde_json::json!({
        "op": "bandwidth", "bytes": bytes, "threads": rayon::current_num_threads(),
        "median_s": median, "times_s": times, "gb_per_s": bytes as f64 / median / 1e9,
    })
    .to_string())
}

/// The first `--n` (default: all) little-endian values of `--{name}`, each `width` bytes.
fn read_values<T>(args: &HashMap<String, String>, name: &str, width: usize, decode: impl Fn(&[u8]) -> T) -> Result<Vec<T>, String> {
    let raw = read_file(args, name)?;
    if raw.len() % width != 0 {
        return Err(format!("--{name} has {} bytes, not a whole number of {width}-byte values", raw.len()));
    }
    let available = raw.len() / width;
    let n: usize = get(args, "n", &available.to_string())?;
    if n > available {
        return Err(format!("--n {n} exceeds the {available} values in --{name}"));
    }
    Ok(raw[..width * n].chunks_exact(width).map(decode).collect())
}

fn f64_le(b: &[u8]) -> f64 {
    f64::from_le_bytes(b.try_into().expect("chunks_exact(8)"))
}

fn u32_le(b: &[u8]) -> u32 {
    u32::from_le_bytes(b.try_into().expect("chunks_exact(4)"))
}

fn time_kl_inverse(args: &HashMap<String, String>) -> Result<String, String> {
    use theoremcheck::kernels::cpu::kl_inverse::kl_inverse_upper_into;
    let reps: usize = get(args, "reps", "7")?;
    let q = read_values(args, "q", 8, f64_le)?;
    let c = read_values(args, "c", 8, f64_le)?;
    let mut out = vec![0.0; q.len()];
    kl_inverse_upper_into(&q, &c, &mut out).map_err(|e| e.to_string())?;
    let (median, times) = median_time(reps, || kl_inverse_upper_into(&q, &c, &mut out));
    Ok(serde_json::json!({
        "op": "kl_inverse", "impl": "ours", "n": q.len(), "threads": rayon::current_num_threads(),
        "median_s": median, "times_s": times, "evals_per_s": q.len() as f64 / median,
    })
    .to_string())
}

fn time_binomial_tail(args: &HashMap<String, String>) -> Result<String, String> {
    use theoremcheck::kernels::cpu::binomial_tail::binomial_log_sf_into;
    let reps: usize = get(args, "reps", "7")?;
    let n = read_values(args, "bn", 4, u32_le)?;
    let k = read_values(args, "bk", 4, u32_le)?;
    let p = read_values(args, "bp", 8, f64_le)?;
    let mut out = vec![0.0; n.len()];
    binomial_log_sf_into(&n, &k, &p, &mut out).map_err(|e| e.to_string())?;
    let (median, times) = median_time(reps, || binomial_log_sf_into(&n, &k, &p, &mut out));
    Ok(serde_json::json!({
        "op": "binomial_tail", "impl": "ours", "n": n.len(), "threads": rayon::current_num_threads(),
        "median_s": median, "times_s": times, "evals_per_s": n.len() as f64 / median,
    })
    .to_string())
}
