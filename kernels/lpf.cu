// The LPF family (issue 9): Monte Carlo soft factors, the tempered product of experts and the
// uncertainty decomposition. Each entry point mirrors its CPU kernel in src/kernels/cpu/ operation
// for operation (same operands, same order, --fmad=false), so the CPU error analysis
// (kernels::tolerances_mc) applies with CUDA's libm accuracy in place of the host's; where that
// differs, the host module (src/kernels/cuda/<op>.rs) derives the GPU budget.
#include "mc_normal.cuh"

#define TC_MC_STEP 0
#define TC_MC_PROBIT 1
#define TC_MC_SOFTMAX 2

// Per-chunk sums of the Monte Carlo soft factor (kernels::cpu::mc_soft_factor::chunk_sums).
// Job t = i * chunks + c sums samples [c * chunk, min((c + 1) * chunk, samples)) of factor i into
// partial[t * rows .. (t + 1) * rows] (step: the count of positive margins, in partial[t * rows]).
// The folded map of factor i is c_fold[i * rows + r] + sum_k a_fold[(i * rows + r) * d + k] eps_k;
// g[t * rows ..] is the job's logit row (device scratch). Per sample and row, g = c, then for each
// coordinate k in order g = A[r][k] * eps_k + g: nalgebra's gemv (column axpys) does exactly this.
extern "C" __global__ void mc_soft_factor_f64(u64 seed, u32 kind, u64 factors, u64 samples, u32 chunk, u32 d, u32 rows,
                                              const double* c_fold, const double* a_fold, double* g, double* partial) {
  const u64 chunks = (samples + chunk - 1) / chunk;
  const u64 jobs = factors * chunks;
  const u32 pairs = (u32)(((u64)d + 1) / 2);
  for (u64 t = tc_global_index(); t < jobs; t += tc_grid_stride()) {
    const u64 i = t / chunks, start = (t % chunks) * chunk;
    const u64 end = start + chunk < samples ? start + chunk : samples;
    const double* c = c_fold + i * rows;
    const double* a = a_fold + i * rows * d;
    double* gt = g + t * rows;
    double* acc = partial + t * rows;
    for (u32 r = 0; r < rows; ++r) acc[r] = 0.0;
    u64 count = 0;
    double sum = 0.0;
    for (u64 m = start; m < end; ++m) {
      for (u32 r = 0; r < rows; ++r) gt[r] = c[r];
      for (u32 j = 0; j < pairs; ++j) {
        double e0, e1;
        tc_normal_pair(seed, i, (u32)m, j, &e0, &e1);
        const u32 k0 = 2 * j;
        for (u32 r = 0; r < rows; ++r) gt[r] = a[(u64)r * d + k0] * e0 + gt[r];
        if (k0 + 1 < d) {
          for (u32 r = 0; r < rows; ++r) gt[r] = a[(u64)r * d + k0 + 1] * e1 + gt[r];
        }
      }
      if (kind == TC_MC_STEP) {
        count += gt[0] > 0.0 ? 1 : 0;
      } else if (kind == TC_MC_PROBIT) {
        // probit(x) = 0.5 * erfc(x * -FRAC_1_SQRT_2)
        sum += 0.5 * erfc(gt[0] * -0.7071067811865476);
      } else {
        // softmax_add: the max, the sum of exp(x - max) in order, then acc += exp(x - max) / sum
        // (the exponentials are recomputed instead of stored: the same call gives the same bits).
        double mx = -INFINITY;
        for (u32 r = 0; r < rows; ++r) mx = fmax(mx, gt[r]);
        double s = 0.0;
        for (u32 r = 0; r < rows; ++r) s += exp(gt[r] - mx);
        for (u32 r = 0; r < rows; ++r) acc[r] += exp(gt[r] - mx) / s;
      }
    }
    if (kind == TC_MC_STEP) {
      acc[0] = (double)count;
    } else if (kind == TC_MC_PROBIT) {
      acc[0] = sum;
    }
  }
}

// Tempered product of experts (kernels::cpu::poe_aggregate::aggregate_row), one row per
// iteration: l_y = (ln pi_y or 0) + sum_i w_i ln phi_i(y) in factor order (ln 0 = -inf, w > 0),
// then out = exp(l - max l) / sum, the sum in class order. A row whose max is -inf has no mass:
// its index goes to *first_dead (atomicMin, so the result is the smallest such row, as on the CPU).
// log_prior is the host's ln pi (computed once by the CPU validation), or null for no prior.
template <typename T>
__device__ __forceinline__ void tc_poe_aggregate(const T* phi, const T* weights, const double* log_prior, u64 batch,
                                                 u32 factors, u32 classes, double* out, u64* first_dead) {
  const u64 row_len = (u64)factors * classes;
  for (u64 row = tc_global_index(); row < batch; row += tc_grid_stride()) {
    const T* p = phi + row * row_len;
    const T* w = weights + row * factors;
    double* dst = out + row * classes;
    for (u32 y = 0; y < classes; ++y) {
      double acc = log_prior ? log_prior[y] : 0.0;
      for (u32 i = 0; i < factors; ++i) acc += (double)w[i] * log((double)p[(u64)i * classes + y]);
      dst[y] = acc;
    }
    double mx = -INFINITY;
    for (u32 y = 0; y < classes; ++y) mx = fmax(mx, dst[y]);
    if (mx == -INFINITY) {
      atomicMin(first_dead, (unsigned long long)row);
      continue;
    }
    double sum = 0.0;
    for (u32 y = 0; y < classes; ++y) {
      dst[y] = exp(dst[y] - mx);
      sum += dst[y];
    }
    for (u32 y = 0; y < classes; ++y) dst[y] /= sum;
  }
}

extern "C" __global__ void poe_aggregate_f32(const float* phi, const float* weights, const double* log_prior, u64 batch,
                                             u32 factors, u32 classes, double* out, u64* first_dead) {
  tc_poe_aggregate(phi, weights, log_prior, batch, factors, classes, out, first_dead);
}

extern "C" __global__ void poe_aggregate_f64(const double* phi, const double* weights, const double* log_prior, u64 batch,
                                             u32 factors, u32 classes, double* out, u64* first_dead) {
  tc_poe_aggregate(phi, weights, log_prior, batch, factors, classes, out, first_dead);
}

// The LPF confidence weight (kernels::cpu::poe_aggregate::lpf_confidence_weight):
// 1 / ((1 + exp(2 s)) * (1 + s)), per element (inputs validated on the host).
template <typename T>
__device__ __forceinline__ void tc_lpf_confidence_weight(const T* sigma_bar, u64 n, double* out) {
  for (u64 t = tc_global_index(); t < n; t += tc_grid_stride()) {
    const double s = (double)sigma_bar[t];
    out[t] = 1.0 / ((1.0 + exp(2.0 * s)) * (1.0 + s));
  }
}

extern "C" __global__ void lpf_confidence_weight_f32(const float* sigma_bar, u64 n, double* out) {
  tc_lpf_confidence_weight(sigma_bar, n, out);
}

extern "C" __global__ void lpf_confidence_weight_f64(const double* sigma_bar, u64 n, double* out) {
  tc_lpf_confidence_weight(sigma_bar, n, out);
}

// Uncertainty decomposition (kernels::cpu::uncertainty_decomposition::decompose), one input per
// iteration. Rust's f64 sums (`Iterator::sum`) start from -0.0, so every sum mirrored from one
// starts there too (the sign of an empty sum then agrees). The CPU keeps ln p and ln pbar in
// scratch; here ln p is recomputed where it is read (the same call on the same value gives the
// same bits) and the per-class sums and ln pbar live in this thread's slice of `scratch`
// (2 * classes doubles per thread of the grid). out[6 * input + 0..6] = total, aleatoric,
// epistemic entropy, then total, aleatoric, epistemic variance.
template <typename T>
__device__ __forceinline__ void tc_uncertainty_decomposition(const T* probs, u64 inputs, u32 members, u32 classes,
                                                             double* scratch, double* out) {
  const double mf = (double)members;
  double* sums = scratch + tc_global_index() * 2 * (u64)classes;
  double* ln_pbar = sums + classes;
  for (u64 input = tc_global_index(); input < inputs; input += tc_grid_stride()) {
    const T* p = probs + input * members * (u64)classes;
#define TC_P(m, y) ((double)p[(u64)(m) * classes + (y)])
    for (u32 y = 0; y < classes; ++y) {
      double s = -0.0;
      for (u32 m = 0; m < members; ++m) s += TC_P(m, y);
      sums[y] = s;
      const double q = s / mf;
      ln_pbar[y] = q > 0.0 ? log(q) : log(s) - log(mf);
    }
    double h = -0.0;
    for (u32 y = 0; y < classes; ++y) {
      const double q = sums[y] / mf;
      if (q > 0.0) h += q * log(q);
    }
    const double total_entropy = -h;
    double alea = -0.0, kl = -0.0;
    for (u32 m = 0; m < members; ++m) {
      double hm = -0.0, klm = -0.0;
      for (u32 y = 0; y < classes; ++y) {
        const double v = TC_P(m, y);
        if (v > 0.0) {
          const double lv = log(v);
          hm += v * lv;
          klm += v * (lv - ln_pbar[y]);
        }
      }
      alea += -hm;
      kl += klm;
    }
    const double aleatoric_entropy = alea / mf;
    const double epistemic_entropy = fmax(kl / mf, 0.0);
    double tv = -0.0;
    for (u32 y = 0; y < classes; ++y) {
      const double q = sums[y] / mf;
      tv += q * (1.0 - q);
    }
    double av = -0.0, ev = -0.0;
    for (u32 m = 0; m < members; ++m) {
      double a = -0.0, e = -0.0;
      for (u32 y = 0; y < classes; ++y) {
        const double v = TC_P(m, y);
        a += v * (1.0 - v);
        const double d = v - sums[y] / mf;
        e += d * d;
      }
      av += a;
      ev += e;
    }
#undef TC_P
    double* o = out + 6 * input;
    o[0] = total_entropy;
    o[1] = aleatoric_entropy;
    o[2] = epistemic_entropy;
    o[3] = tv;
    o[4] = av / mf;
    o[5] = ev / mf;
  }
}

extern "C" __global__ void uncertainty_decomposition_f32(const float* probs, u64 inputs, u32 members, u32 classes,
                                                         double* scratch, double* out) {
  tc_uncertainty_decomposition(probs, inputs, members, classes, scratch, out);
}

extern "C" __global__ void uncertainty_decomposition_f64(const double* probs, u64 inputs, u32 members, u32 classes,
                                                         double* scratch, double* out) {
  tc_uncertainty_decomposition(probs, inputs, members, classes, scratch, out);
}
