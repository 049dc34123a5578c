// Batched log-space binomial tails ln P[Bin(n, p) ≥ k] and ln P[Bin(n, p) ≤ k], n ≤ 2^30: one
// thread per (n, k, p), grid-stride over 64-bit indices.
//
// Operation for operation the CPU kernel src/kernels/cpu/binomial_tail.rs (same ln m! table and
// Stirling series, same ratio sums with the 2^-60 truncation test, same branch rules), so the
// budgets of src/kernels/tolerances_klbt.rs apply unchanged: they assume basic operations correctly
// rounded (CUDA double +, -, *, / are IEEE round-to-nearest) and log, log1p, exp within 2 ulps
// (CUDA documents 1 ulp for each in double precision; kernels::cuda::binomial_tail cites it).
// No FMA: compiled with --fmad=false and the CPU code has no mul_add.
//
// Inputs are validated on the host with the CPU kernel's rule; an invalid (n, p) that reached the
// device anyway gives NaN, as kernels::cpu::binomial_tail::log_sf_one does.
#include "common.cuh"

#define BT_N_MAX (1u << 30)
#define BT_TRUNCATION 0x1p-60
#define BT_HALF_LN_2PI 0x1.d67f1c864beb5p-1
#define BT_INF __longlong_as_double(0x7ff0000000000000ll)
#define BT_NAN __longlong_as_double(0x7ff8000000000000ll)

// ln m! for m < 30: the CPU kernel's LN_FACT bit for bit (hex literals, so no decimal parsing).
__constant__ double BT_LN_FACT[30] = {
    0.0, 0.0, 0x1.62e42fefa39efp-1,                                          // 0.0, 0.0, 0.6931471805599453
    0x1.cab0bfa2a2002p+0, 0x1.96ca77c922cf9p+1, 0x1.326643c4479c9p+2,  // 1.791759469228055, 3.1780538303479458, 4.787491742782046
    0x1.a51273acf01cap+2, 0x1.10ce1f32dcc30p+3, 0x1.5358e82fcb70dp+3,  // 6.579251212010101, 8.525161361065415, 10.60460290274525
    0x1.99a8921a7f7cfp+3, 0x1.e357590954d15p+3, 0x1.180973f3a8d74p+4,  // 12.801827480081469, 15.104412573075516, 17.502307845873887
    0x1.3fcba16d50143p+4, 0x1.68d5a9c3b32cep+4, 0x1.930f3df162a42p+4,  // 19.987214495661885, 22.552163853123425, 25.19122118273868
    0x1.be636a63fd346p+4, 0x1.eabff061f1a84p+4, 0x1.0c0a63f2f353ap+5,  // 27.89927138384089, 30.671860106080672, 33.50507345013689
    0x1.2329df2d5ee52p+5, 0x1.3ab8153363985p+5, 0x1.52af57aed77bep+5,  // 36.39544520803305, 39.339884187199495, 42.335616460753485
    0x1.6b0a8643472a9p+5, 0x1.83c4faba84f06p+5, 0x1.9cda78b856a45p+5,  // 45.38013889847691, 48.47118135183523, 51.60667556776438
    0x1.b6472034e8d14p+5, 0x1.d007622cd65e7p+5, 0x1.ea17f717c6794p+5,  // 54.78472939811232, 58.00360522298052, 61.261701761002
    0x1.023aeb67e4fefp+6, 0x1.0f8f18d330240p+6, 0x1.1d07353917231p+6,  // 64.55753862700634, 67.88974313718154, 71.25703896716801
};

// ln m! (ln_factorial).
__device__ __forceinline__ double bt_ln_factorial(u32 m) {
  if (m < 30u) return BT_LN_FACT[m];
  const double x = (double)m;
  const double r = 1.0 / x;
  const double r2 = r * r;
  const double series =
      r * (1.0 / 12.0 - r2 * (1.0 / 360.0 - r2 * (1.0 / 1260.0 - r2 * (1.0 / 1680.0 - r2 / 1188.0))));
  return ((x + 0.5) * log(x) - x) + (BT_HALF_LN_2PI + series);
}

// ln t_j = ln C(n,j) + j ln p + (n−j) ln(1−p) (ln_term).
__device__ __forceinline__ double bt_ln_term(u32 n, u32 j, double lp, double lq) {
  return (bt_ln_factorial(n) - bt_ln_factorial(j) - bt_ln_factorial(n - j)) + ((double)j * lp + (double)(n - j) * lq);
}

// Σ_{j ≥ k} t_j / t_k by the upward ratio recurrence (sum_up).
__device__ double bt_sum_up(u32 n, u32 k, double rho) {
  double t = 1.0, s = 1.0;
  u32 j = k;
  while (j < n) {
    t = t * ((double)(n - j) * rho) / (double)(j + 1);
    s += t;
    j += 1;
    const double r = (double)(n - j) * rho / (double)(j + 1);
    if (r < 1.0 && t * r <= BT_TRUNCATION * s * (1.0 - r)) break;
  }
  return s;
}

// Σ_{j ≤ k} t_j / t_k by the downward ratio recurrence (sum_down).
__device__ double bt_sum_down(u32 n, u32 k, double rho) {
  double t = 1.0, s = 1.0;
  u32 j = k;
  while (j > 0) {
    t = t * (double)j / ((double)(n - j + 1) * rho);
    s += t;
    j -= 1;
    const double r = (double)j / ((double)(n - j + 1) * rho);
    if (r < 1.0 && t * r <= BT_TRUNCATION * s * (1.0 - r)) break;
  }
  return s;
}

// ln P[Bin(n, p) ≥ k] (log_sf_one).
__device__ double bt_log_sf_one(u32 n, u32 k, double p) {
  if (!((p >= 0.0 && p <= 1.0) && n <= BT_N_MAX)) return BT_NAN;
  if (k == 0) return 0.0;
  if (k > n || p == 0.0) return -BT_INF;
  if (p == 1.0) return 0.0;
  const double rho = p / (1.0 - p);
  const double lp = log(p);
  const double lq = log1p(-p);
  if ((double)k > ((double)n + 1.0) * p) {
    return bt_ln_term(n, k, lp, lq) + log(bt_sum_up(n, k, rho));
  }
  const double lower = exp(bt_ln_term(n, k - 1, lp, lq) + log(bt_sum_down(n, k - 1, rho)));
  return log1p(-lower);
}

// ln P[Bin(n, p) ≤ k] (log_cdf_one).
__device__ double bt_log_cdf_one(u32 n, u32 k, double p) {
  if (!((p >= 0.0 && p <= 1.0) && n <= BT_N_MAX)) return BT_NAN;
  if (k >= n || p == 0.0) return 0.0;
  if (p == 1.0) return -BT_INF;
  const double rho = p / (1.0 - p);
  const double lp = log(p);
  const double lq = log1p(-p);
  if ((double)k + 1.0 < ((double)n + 1.0) * p) {
    return bt_ln_term(n, k, lp, lq) + log(bt_sum_down(n, k, rho));
  }
  const double upper = exp(bt_ln_term(n, k + 1, lp, lq) + log(bt_sum_up(n, k + 1, rho)));
  return log1p(-upper);
}

extern "C" __global__ void binomial_log_sf_f64(const u32* n, const u32* k, const double* p, u64 len, double* out) {
  for (u64 i = tc_global_index(); i < len; i += tc_grid_stride()) out[i] = bt_log_sf_one(n[i], k[i], p[i]);
}

extern "C" __global__ void binomial_log_cdf_f64(const u32* n, const u32* k, const double* p, u64 len, double* out) {
  for (u64 i = tc_global_index(); i < len; i += tc_grid_stride()) out[i] = bt_log_cdf_one(n[i], k[i], p[i]);
}
