//! Build script. Without the `cuda` feature it only declares the `theoremcheck_no_gpu` cfg and
//! returns. With it, it compiles every `kernels/*.cu` to PTX with nvcc (CUDA 13.0) and the flags
//! of `kernels/nvcc.flags` (virtual architecture compute_90, no FMA contraction: see
//! kernels/README.md) into `OUT_DIR`, where
//! `src/kernels/cuda/` embeds it with `include_str!`, and decides whether the GPU tests are
//! ignored (the `theoremcheck_no_gpu` cfg, see `gpu_tests_ignored`).

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(theoremcheck_no_gpu)");
    println!("cargo::rerun-if-changed=build.rs");
    if env::var_os("CARGO_FEATURE_CUDA").is_none() {
        return;
    }
    for var in ["THEOREMCHECK_NVCC", "THEOREMCHECK_CUDA_ROOT", "CUDA_PATH", "PATH", "THEOREMCHECK_REQUIRE_CUDA"] {
        println!("cargo::rerun-if-env-changed={var}");
    }
    println!("cargo::rerun-if-changed=kernels");
    let nvcc = find_nvcc().unwrap_or_else(|looked| {
        panic!(
            "the 'cuda' feature compiles kernels/*.cu to PTX and needs nvcc from CUDA 13.0, which was not found \
             (looked at: {looked}). Install it with `eval \"$(bash kernels/install-nvcc.sh)\"` or set \
             THEOREMCHECK_NVCC to an nvcc binary."
        )
    });
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    // The flags live in one file that kernels/check-ptx.sh (used by .ci/run) reads too.
    let flags = std::fs::read_to_string("kernels/nvcc.flags").expect("kernels/nvcc.flags exists");
    let mut sources: Vec<PathBuf> = std::fs::read_dir("kernels")
        .expect("kernels/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "cu"))
        .collect();
    sources.sort();
    for src in &sources {
        let ptx = out.join(src.file_stem().expect("a .cu file has a stem")).with_extension("ptx");
        let status = Command::new(&nvcc)
            .args(flags.split_whitespace())
            .arg("-o")
            .arg(&ptx)
            .arg(src)
            .status()
            .unwrap_or_else(|e| panic!("could not run {}: {e}", nvcc.display()));
        assert!(status.success(), "nvcc failed on {} ({status})", src.display());
    }
    if gpu_tests_ignored() {
        println!("cargo::rustc-cfg=theoremcheck_no_gpu");
    }
}

/// nvcc from `THEOREMCHECK_NVCC`, `THEOREMCHECK_CUDA_ROOT/bin`, `PATH`, `CUDA_PATH/bin` or the
/// cache directory of kernels/install-nvcc.sh, in that order; `Err` lists what was tried.
fn find_nvcc() -> Result<PathBuf, String> {
    let mut tried = Vec::new();
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Some(p) = env::var_os("THEOREMCHECK_NVCC") {
        candidates.push(p.into());
    }
    if let Some(p) = env::var_os("THEOREMCHECK_CUDA_ROOT") {
        candidates.push(Path::new(&p).join("bin/nvcc"));
    }
    if let Some(path) = env::var_os("PATH") {
        candidates.extend(env::split_paths(&path).map(|d| d.join("nvcc")));
    }
    if let Some(p) = env::var_os("CUDA_PATH") {
        candidates.push(Path::new(&p).join("bin/nvcc"));
    }
    if let Some(home) = env::var_os("HOME") {
        candidates.push(Path::new(&home).join(".cache/theoremcheck-cuda/pkgs/nvidia/cu13/bin/nvcc"));
    }
    for c in candidates {
        if c.is_file() {
            return Ok(c);
        }
        tried.push(c.display().to_string());
    }
    Err(if tried.is_empty() { "nothing: PATH and HOME are unset".into() } else { tried.join(", ") })
}

/// The GPU tests (`tests/cuda_*.rs`) are compiled as `#[ignore]`d unless this build machine shows
/// an NVIDIA device (`/dev/nvidia0`) or `THEOREMCHECK_REQUIRE_CUDA=1` is set. A GPU test that does
/// run always requires a device, so without one it is reported ignored, never passed; with
/// `THEOREMCHECK_REQUIRE_CUDA=1` it runs and fails. Binaries built here and carried to a GPU
/// machine are run there with `--include-ignored` (kernels/run-gpu.sh).
fn gpu_tests_ignored() -> bool {
    let required = env::var("THEOREMCHECK_REQUIRE_CUDA").is_ok_and(|v| v == "1");
    !required && !Path::new("/dev/nvidia0").exists()
}
