// Binned top-label ECE: per-bin exact accumulation of counts, correct counts and confidence sums.
//
// Determinism: every accumulator is an integer and integer addition is associative, so the result
// is the same for any grid, block and scheduling order (no floating-point atomics anywhere).
// Each confidence c in [0, 1] is split exactly into hi = floor(c*2^32) and a remainder r in [0, 1)
// scaled by 2^32 and rounded to the nearest integer lo, so hi*2^-32 + lo*2^-64 is c to within 2^-65.
// The host folds the sums into 128-bit integers and rounds once to f64 (kernels/README.md and
// kernels::cuda::ece give the error bound, which stays inside kernels::tolerances::ece_abs_budget).
//
// Layout of `acc` (3*bins words, zeroed by the host before each launch):
//   acc[j]          count of bin j in the low 32 bits, correct count in the high 32 bits
//   acc[bins + j]   sum of hi
//   acc[2*bins + j] sum of lo
// The host launches at most 2^31 elements per launch (a segment), so the packed counts and both
// sums (each term at most 2^32) fit in 64 bits. `first_bad` receives the smallest index (offset
// included) of a confidence that is NaN or outside [0, 1] (atomicMin, order independent).
#include "common.cuh"

#define ECE_SHARED_MAX_BINS 1024u

// Adds element i to the accumulators at `a` (shared or global; inlined into each branch below, so
// the compiler emits shared-memory atomics for the shared one).
template <typename T>
__device__ __forceinline__ void ece_add(const T* conf, const unsigned char* correct, u64 i, u64 offset, u32 bins,
                                        u64* a, u64* first_bad) {
  const double c = (double)conf[i];
  if (!(c >= 0.0 && c <= 1.0)) {
    atomicMin(first_bad, offset + i);
    return;
  }
  const u32 j = tc_bin_index(c, bins);
  const double s = c * 4294967296.0;  // exact: scaling by a power of two
  const double h = floor(s);
  const u64 hi = (u64)h;
  const u64 lo = __double2ull_rn((s - h) * 4294967296.0);  // s - h is exact; this is the one rounding
  atomicAdd(&a[j], 1ull | ((u64)(correct[i] != 0) << 32));
  atomicAdd(&a[bins + j], hi);
  atomicAdd(&a[2u * bins + j], lo);
}

template <typename T>
__device__ void ece_body(const T* conf, const unsigned char* correct, u64 n, u64 offset, u32 bins, u64* acc,
                         u64* first_bad) {
  extern __shared__ u64 shared_acc[];
  if (bins > ECE_SHARED_MAX_BINS) {
    for (u64 i = tc_global_index(); i < n; i += tc_grid_stride()) ece_add(conf, correct, i, offset, bins, acc, first_bad);
    return;
  }
  for (u32 i = threadIdx.x; i < 3u * bins; i += blockDim.x) shared_acc[i] = 0;
  __syncthreads();
  for (u64 i = tc_global_index(); i < n; i += tc_grid_stride()) ece_add(conf, correct, i, offset, bins, shared_acc, first_bad);
  __syncthreads();
  for (u32 i = threadIdx.x; i < 3u * bins; i += blockDim.x) {
    if (shared_acc[i] != 0) atomicAdd(&acc[i], shared_acc[i]);
  }
}

extern "C" __global__ void ece_f32(const float* conf, const unsigned char* correct, u64 n, u64 offset, u32 bins,
                                   u64* acc, u64* first_bad) {
  ece_body<float>(conf, correct, n, offset, bins, acc, first_bad);
}

extern "C" __global__ void ece_f64(const double* conf, const unsigned char* correct, u64 n, u64 offset, u32 bins,
                                   u64* acc, u64* first_bad) {
  ece_body<double>(conf, correct, n, offset, bins, acc, first_bad);
}
