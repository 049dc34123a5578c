// The standard normal samples of the Monte Carlo kernels (the specification is the CPU side's
// kernels::cpu::mc_sample on the mc branch): pair j of sample m of factor i under `seed` is the
// Philox block at stream i, index (j << 32) | m; A = ((w1 << 32) | w0) >> 11, B = ((w3 << 32) | w2) >> 11;
// u1 = (A + 1) 2^-53, u2 = B 2^-53; r = sqrt(-2 ln u1), theta = TAU * u2 (TAU the f64 nearest 2 pi);
// eps_2j = r cos theta, eps_2j+1 = r sin theta (the second dropped when d is odd).
//
// The integers A, B (hence u1, u2) are bit-identical to the CPU's. log, sin and cos are CUDA's
// (1, 2 and 2 ulp), not the host libm's, so eps agrees with the CPU sample for sample only within
// the bound of kernels::tolerances_cuda::mc_normal_abs_budget; the tests compare it with the exact
// value (MPFR) of the same sample.
#include "mc_normal.cuh"

// out[2 * (m * pairs + j) + {0, 1}] = (A, B) of pair j of sample m, for m < samples, j < pairs.
extern "C" __global__ void mc_uniform_bits_u64(u64 seed, u64 factor, u32 samples, u32 pairs, u64* out) {
  const u64 total = (u64)samples * (u64)pairs;
  for (u64 t = tc_global_index(); t < total; t += tc_grid_stride()) {
    const u32 m = (u32)(t / pairs), j = (u32)(t % pairs);
    tc_uniform_bits(seed, factor, m, j, &out[2 * t], &out[2 * t + 1]);
  }
}

// out[m * d + k] = coordinate k of eps_{factor, m}, for m < samples, k < d.
extern "C" __global__ void mc_normals_f64(u64 seed, u64 factor, u32 samples, u32 d, double* out) {
  const u64 pairs = ((u64)d + 1) / 2;
  const u64 total = (u64)samples * pairs;
  for (u64 t = tc_global_index(); t < total; t += tc_grid_stride()) {
    const u32 m = (u32)(t / pairs), j = (u32)(t % pairs);
    double e0, e1;
    tc_normal_pair(seed, factor, m, j, &e0, &e1);
    const u64 k = 2 * (u64)j;
    out[(u64)m * d + k] = e0;
    if (k + 1 < d) out[(u64)m * d + k + 1] = e1;
  }
}
