// The standard normal samples of the Monte Carlo kernels, shared by mc_sample.cu and lpf.cu (the
// specification is kernels::cpu::mc_sample): pair j of sample m of factor i under `seed` is the
// Philox block at stream i, index (j << 32) | m; A = ((w1 << 32) | w0) >> 11,
// B = ((w3 << 32) | w2) >> 11; u1 = (A + 1) 2^-53, u2 = B 2^-53; r = sqrt(-2 ln u1),
// theta = TAU * u2 (TAU the f64 nearest 2 pi); eps_2j = r cos theta, eps_2j+1 = r sin theta.
//
// The integers A, B (hence u1, u2) are bit-identical to the CPU's. log, sin and cos are CUDA's
// (1, 2 and 2 ulp), not the host libm's, so eps agrees with the CPU sample for sample only within
// the bound of kernels::tolerances_cuda::mc_normal_abs_budget.
#pragma once
#include "philox.cuh"

#define TC_TWO_POW_M53 1.1102230246251565e-16  // 2^-53, exact
#define TC_TAU 6.283185307179586               // std::f64::consts::TAU

__device__ __forceinline__ void tc_uniform_bits(u64 seed, u64 factor, u32 sample, u32 pair, u64* a, u64* b) {
  const tc_u32x4 w = tc_philox_block(seed, factor, ((u64)pair << 32) | (u64)sample);
  *a = (((u64)w.w[1] << 32) | (u64)w.w[0]) >> 11;
  *b = (((u64)w.w[3] << 32) | (u64)w.w[2]) >> 11;
}

// The two normals of pair `pair` of sample `sample` of factor `factor`, in the CPU's order of
// operations (kernels::cpu::mc_sample::normal_pair_with).
__device__ __forceinline__ void tc_normal_pair(u64 seed, u64 factor, u32 sample, u32 pair, double* e0, double* e1) {
  u64 a, b;
  tc_uniform_bits(seed, factor, sample, pair, &a, &b);
  const double u1 = (double)(a + 1) * TC_TWO_POW_M53;
  const double u2 = (double)b * TC_TWO_POW_M53;
  const double r = sqrt(-2.0 * log(u1));
  const double theta = TC_TAU * u2;
  *e0 = r * cos(theta);
  *e1 = r * sin(theta);
}
