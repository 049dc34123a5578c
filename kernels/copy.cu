// Device-to-device copy used by the benchmark as the bandwidth yardstick next to cuMemcpyDtoD:
// a grid-stride copy of 16-byte words (reads n*16 bytes, writes n*16 bytes).
#include "common.cuh"

extern "C" __global__ void copy_u128(const uint4* src, uint4* dst, u64 n) {
  for (u64 i = tc_global_index(); i < n; i += tc_grid_stride()) dst[i] = src[i];
}
