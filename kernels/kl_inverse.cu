// Batched Bernoulli kl-inverse, upper and lower, with certified one-sided results: one thread per
// (q, c), grid-stride over 64-bit indices.
//
// The certification, walk and bisection of the CPU kernel src/kernels/cpu/kl_inverse.rs (same
// constants E_REL, E_C, E_ABS, W_REL, MAX_NEWTON); the candidate is the CPU kernel's earlier
// Newton start (the CPU now uses Halley steps aimed at c + tau; the candidate affects speed
// only, never the one-sided guarantee), so the error analysis of
// src/kernels/tolerances_klbt.rs applies unchanged: it assumes basic operations correctly rounded
// (CUDA double +, -, *, / and sqrt are IEEE round-to-nearest) and log, log1p, expm1, exp within
// 2 ulps (CUDA documents 1 ulp for each in double precision; kernels::cuda::kl_inverse cites it).
// Rust's f64::max / f64::min / clamp become fmax / fmin / kl_clamp, which agree with them on
// every value reached here (no NaN operands except where the Rust code checks for NaN first).
// No FMA: compiled with --fmad=false and the CPU code has no mul_add.
//
// Inputs are validated on the host with the CPU kernel's rule; an invalid (q, c) that reached the
// device anyway gives NaN, as kernels::cpu::kl_inverse::upper_one does.
#include "common.cuh"

#define KL_U 0x1p-53
#define KL_E_REL (14.0 * KL_U)
#define KL_E_C (3.0 * KL_U)
#define KL_E_ABS 0x1p-1060
#define KL_W_REL (64.0 * KL_U)
#define KL_MAX_NEWTON 64u
#define KL_MIN_POSITIVE 0x1p-1022
#define KL_INF __longlong_as_double(0x7ff0000000000000ll)
#define KL_NAN __longlong_as_double(0x7ff8000000000000ll)

struct KlPair {
  double kl;
  double s;
};

// (k̂, Ŝ) of kl(q‖p) (kl_with_error).
__device__ __forceinline__ KlPair kl_with_error(double q, double p) {
  if (p == q) return {0.0, 0.0};
  if ((p == 0.0 && q > 0.0) || (p == 1.0 && q < 1.0)) return {KL_INF, 0.0};
  const double d = p - q;
  double kl = 0.0;
  double s = 0.0;
  if (q > 0.0) {
    const double x = d / q;
    double l;
    if (x >= -0.5 && x <= 1.0) {
      l = -log1p(x);
    } else {
      const double r = q / p;
      if (isfinite(r) && r >= KL_MIN_POSITIVE) {
        l = log(r);
      } else {
        l = log(q) - log(p);
      }
    }
    const double t = q * l;
    kl += t;
    s += fabs(t);
  }
  if (q < 1.0) {
    const double qb = 1.0 - q;
    const double pb = 1.0 - p;
    const double x = -d / qb;
    const double l = (x >= -0.5 && x <= 1.0) ? -log1p(x) : log(qb / pb);
    const double t = qb * l;
    kl += t;
    s += fabs(t);
  }
  return {kl, s};
}

__device__ __forceinline__ double kl_cert_bound(double s, double c) { return (KL_E_REL * s + KL_E_C * c) + KL_E_ABS; }

// x.next_up() − x for finite x ≥ 0.
__device__ __forceinline__ double kl_ulp(double x) { return __longlong_as_double(__double_as_longlong(x) + 1) - x; }

__device__ __forceinline__ double kl_width_cap(double x) { return fmax(KL_W_REL * x, 2.0 * kl_ulp(x)); }

// Rust's f64::clamp (NaN stays NaN).
__device__ __forceinline__ double kl_clamp(double v, double lo, double hi) {
  if (v < lo) v = lo;
  if (v > hi) v = hi;
  return v;
}

// cert(p) and the initial walk step from the same evaluation (certified_and_step).
__device__ __forceinline__ bool kl_certified_and_step(double q, double p, double c, double* step) {
  const KlPair e = kl_with_error(q, p);
  if (e.kl == KL_INF) {
    *step = kl_width_cap(p);
    return true;
  }
  const double bound = kl_cert_bound(e.s, c);
  const double slope = fabs((p - q) / (p * (1.0 - p)));
  const double h = 2.0 * bound / slope;
  const double cap = kl_width_cap(p);
  *step = isnan(h) ? cap : fmin(fmax(h, 2.0 * kl_ulp(p)), cap);
  return e.kl - bound > c;
}

__device__ __noinline__ bool kl_certified_outside(double q, double p, double c) {
  const KlPair e = kl_with_error(q, p);
  if (e.kl == KL_INF) return true;
  return e.kl - kl_cert_bound(e.s, c) > c;
}

__device__ __forceinline__ double kl_entropy(double q) {
  const double a = q > 0.0 ? -q * log(q) : 0.0;
  const double b = q < 1.0 ? -(1.0 - q) * log1p(-q) : 0.0;
  return a + b;
}

__device__ double kl_upper_candidate(double q, double c) {
  const double qb = 1.0 - q;
  double t = fmin((c + kl_entropy(q)) / qb, -log1p(-fmin(q + sqrt(0.5 * c), 1.0)));
  if (!isfinite(t)) t = 800.0;
  const double ln_qb = log1p(-q);
  for (u32 i = 0; i < KL_MAX_NEWTON; ++i) {
    const double p = -expm1(-t);
    if (p <= q) return q;
    double f;
    if (p > 0.5) {
      const double a = q > 0.0 ? q * log(q / p) : 0.0;
      f = a + qb * (ln_qb + t) - c;
    } else {
      f = kl_with_error(q, p).kl - c;
    }
    const double slope = (p - q) / p;
    const double step = f / slope;
    if (!isfinite(step)) break;
    t -= step;
    if (fabs(step) <= 1e-8 * fabs(t)) break;
  }
  return kl_clamp(-expm1(-t), q, 1.0);
}

__device__ double kl_lower_candidate(double q, double c) {
  const double qb = 1.0 - q;
  const double pins = q - sqrt(0.5 * c);
  double s = (c + kl_entropy(q)) / q;
  if (pins > 0.0) s = fmin(s, -log(pins));
  if (!isfinite(s)) s = 800.0;
  const double ln_q = log(q);
  for (u32 i = 0; i < KL_MAX_NEWTON; ++i) {
    const double p = exp(-s);
    if (p >= q) return q;
    double f;
    if (p < 0.5) {
      const double b = q < 1.0 ? qb * (log1p(-q) - log1p(-p)) : 0.0;
      f = q * (ln_q + s) + b - c;
    } else {
      f = kl_with_error(q, p).kl - c;
    }
    const double slope = (q - p) / (1.0 - p);
    const double step = f / slope;
    if (!isfinite(step)) break;
    s -= step;
    if (fabs(step) <= 1e-8 * fabs(s)) break;
  }
  return kl_clamp(exp(-s), 0.0, q);
}

__device__ double kl_upper_one(double q, double c) {
  if (!((q >= 0.0 && q <= 1.0) && c >= 0.0)) return KL_NAN;
  if (c == 0.0 || q == 1.0) return q;
  if (c == KL_INF) return 1.0;
  const double p0 = kl_upper_candidate(q, c);
  double h;
  const bool cert0 = kl_certified_and_step(q, p0, c, &h);
  double x, y;
  if (cert0) {
    x = p0;
    for (;;) {
      const double cand = fmax(x - h, q);
      if (cand <= q || !kl_certified_outside(q, cand, c)) {
        y = cand;
        break;
      }
      x = cand;
      h *= 2.0;
    }
  } else {
    y = p0;
    for (;;) {
      const double cand = fmin(y + h, 1.0);
      if (kl_certified_outside(q, cand, c)) {
        x = cand;
        break;
      }
      y = cand;
      h *= 2.0;
    }
  }
  // Invariant: cert(x), not cert(y) (or y = q), y < x.
  while (x - y > kl_width_cap(x)) {
    const double m = y + 0.5 * (x - y);
    if (m <= y || m >= x) break;
    if (kl_certified_outside(q, m, c)) {
      x = m;
    } else {
      y = m;
    }
  }
  return x;
}

__device__ double kl_lower_one(double q, double c) {
  if (!((q >= 0.0 && q <= 1.0) && c >= 0.0)) return KL_NAN;
  if (c == 0.0 || q == 0.0) return q;
  if (c == KL_INF) return 0.0;
  const double p0 = kl_lower_candidate(q, c);
  double h0;
  const bool cert0 = kl_certified_and_step(q, p0, c, &h0);
  double h = fmin(h0, kl_width_cap(q));
  double x, y;
  if (cert0) {
    x = p0;
    for (;;) {
      const double cand = fmin(x + h, q);
      if (cand >= q || !kl_certified_outside(q, cand, c)) {
        y = cand;
        break;
      }
      x = cand;
      h *= 2.0;
    }
  } else {
    y = p0;
    for (;;) {
      const double cand = fmax(y - h, 0.0);
      if (kl_certified_outside(q, cand, c)) {
        x = cand;
        break;
      }
      y = cand;
      h *= 2.0;
    }
  }
  // Invariant: cert(x), not cert(y) (or y = q), x < y.
  while (y - x > kl_width_cap(x)) {
    const double m = x + 0.5 * (y - x);
    if (m <= x || m >= y) break;
    if (kl_certified_outside(q, m, c)) {
      x = m;
    } else {
      y = m;
    }
  }
  return x;
}

extern "C" __global__ void kl_inverse_upper_f64(const double* q, const double* c, u64 n, double* out) {
  for (u64 i = tc_global_index(); i < n; i += tc_grid_stride()) out[i] = kl_upper_one(q[i], c[i]);
}

extern "C" __global__ void kl_inverse_lower_f64(const double* q, const double* c, u64 n, double* out) {
  for (u64 i = tc_global_index(); i < n; i += tc_grid_stride()) out[i] = kl_lower_one(q[i], c[i]);
}
