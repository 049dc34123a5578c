// Shared helpers of the theoremcheck CUDA kernels.
//
// Floating point: the kernels are compiled with --fmad=false (build.rs, .ci/run), so a*b+c is a
// rounded product followed by a rounded sum, as in the Rust CPU kernels; where the CPU kernel
// calls f64::mul_add the CUDA code calls fma(), which is fused whatever the flag says. The same
// operations in the same order then give bit-identical values on both sides.
#pragma once

typedef unsigned long long u64;
typedef unsigned int u32;

// Index of this thread in the grid, and the grid's stride, as 64-bit values (no overflow for huge n).
__device__ __forceinline__ u64 tc_global_index() {
  return (u64)blockIdx.x * (u64)blockDim.x + (u64)threadIdx.x;
}
__device__ __forceinline__ u64 tc_grid_stride() {
  return (u64)gridDim.x * (u64)blockDim.x;
}

// The exact bin of c in [0, 1] among `bins` equal-width bins (j/B, (j+1)/B], bin 0 closed at 0.
// Mirrors kernels::cpu::ece::bin_index operation for operation: a candidate from the rounded
// product, corrected with the sign of the exact residual fma(c, B, -k) only when the product is
// within 1e-6 of an integer (see the Rust module docs for why that is exact).
__device__ __forceinline__ u32 tc_bin_index(double c, u32 bins) {
  const double b = (double)bins;
  const double p = c * b;
  const long long top = (long long)bins - 1;
  long long j = (long long)ceil(p) - 1;
  j = j < 0 ? 0 : (j > top ? top : j);
  const double frac = p - floor(p);
  if (!(frac >= 1e-6 && frac <= 1.0 - 1e-6)) {
    if (j > 0 && fma(c, b, -(double)j) <= 0.0) {
      j -= 1;
    } else if (j < top && fma(c, b, -(double)(j + 1)) > 0.0) {
      j += 1;
    }
  }
  return (u32)j;
}
