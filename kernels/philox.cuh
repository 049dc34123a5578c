// Philox4x32-10 (Random123), the counter-based generator of src/rng/philox.rs, word for word:
// ten rounds of (c0, c1, c2, c3) -> (hi(M1*c2) ^ c1 ^ k0, lo(M1*c2), hi(M0*c0) ^ c3 ^ k1, lo(M0*c0)),
// the key bumped by the Weyl constants between rounds. Block (stream, index) under seed has key
// (seed lo, seed hi) and counter (index lo, index hi, stream lo, stream hi).
#pragma once
#include "common.cuh"

struct tc_u32x4 {
  u32 w[4];
};

__device__ __forceinline__ tc_u32x4 tc_philox4x32_10(u32 c0, u32 c1, u32 c2, u32 c3, u32 k0, u32 k1) {
  const u32 M0 = 0xD2511F53u, M1 = 0xCD9E8D57u, W0 = 0x9E3779B9u, W1 = 0xBB67AE85u;
#pragma unroll
  for (int round = 0; round < 10; ++round) {
    if (round > 0) {
      k0 += W0;
      k1 += W1;
    }
    const u32 hi0 = __umulhi(M0, c0), lo0 = M0 * c0;
    const u32 hi1 = __umulhi(M1, c2), lo1 = M1 * c2;
    const u32 n0 = hi1 ^ c1 ^ k0, n2 = hi0 ^ c3 ^ k1;
    c0 = n0;
    c1 = lo1;
    c2 = n2;
    c3 = lo0;
  }
  tc_u32x4 out = {{c0, c1, c2, c3}};
  return out;
}

// Philox4x32::new(seed).block(stream, index).
__device__ __forceinline__ tc_u32x4 tc_philox_block(u64 seed, u64 stream, u64 index) {
  return tc_philox4x32_10((u32)index, (u32)(index >> 32), (u32)stream, (u32)(stream >> 32), (u32)seed,
                          (u32)(seed >> 32));
}
