#!/usr/bin/env python3
"""Peer side of the comparison driven by benches/peer/run.sh (run it through that script).

Subcommands (each appends JSON lines to the results file given with --results):
  gen DIR N SEED        write the shared inputs (raw little-endian) into DIR:
                        ece_conf.f32 (N f32 confidences), ece_correct.u8 (N bytes 0/1),
                        kl_q.f64 / kl_c.f64 (M = 10^6 pairs), bt_n.u32 / bt_k.u32 / bt_p.f64 (M triples)
  ece DIR SIZES...      time numpy, torchmetrics (CPU) and netcal ECE (15 bins, l1) on prefixes
  kl_inverse DIR M      time a scipy.optimize.brentq kl-inverse (upper) on the first M pairs
  binomial_tail DIR M   time scipy.stats.binom.logsf on the first M triples (log P(X >= k))
  versions              record the versions of the installed peers

Every timing is a median over repetitions after one warm-up call; slow peers are scaled down
(fewer repetitions, smaller sizes) by a per-peer time limit, and the record says so.
"""
import json
import math
import os
import sys
import time

import numpy as np

BINS = 15
# A peer whose single call takes longer than this at some size is not run at larger sizes.
SLOW_S = float(os.environ.get("PEER_SLOW_S", "60"))


def emit(results, record):
    with open(results, "a") as f:
        f.write(json.dumps(record) + "\n")
    print("  " + json.dumps(record), flush=True)


def median_time(fn, reps):
    fn()  # warm-up (imports, allocations, torch dispatch)
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    times.sort()
    return times[len(times) // 2], times


def gen(d, n, seed):
    os.makedirs(d, exist_ok=True)
    rng = np.random.default_rng(seed)
    conf_path = os.path.join(d, "ece_conf.f32")
    if not (os.path.exists(conf_path) and os.path.getsize(conf_path) == 4 * n):
        # A miscalibrated model: confidences from Beta(5, 2), correct with probability conf^1.3.
        # Generated in blocks so 10^8 points never need more than ~100 MB at once.
        with open(conf_path, "wb") as fc, open(os.path.join(d, "ece_correct.u8"), "wb") as fk:
            left = n
            while left > 0:
                m = min(left, 10_000_000)
                c = rng.beta(5.0, 2.0, size=m).astype("<f4")
                k = (rng.random(m) < np.power(c.astype(np.float64), 1.3)).astype(np.uint8)
                c.tofile(fc)
                k.tofile(fk)
                left -= m
    m = 1_000_000
    rng = np.random.default_rng(seed + 1)
    rng.random(m).astype("<f8").tofile(os.path.join(d, "kl_q.f64"))
    (rng.random(m) * 2.0).astype("<f8").tofile(os.path.join(d, "kl_c.f64"))
    bn = rng.integers(1, 10_000, size=m, dtype=np.uint32)
    bk = (rng.random(m) * (bn + 1)).astype(np.uint32)
    bn.astype("<u4").tofile(os.path.join(d, "bt_n.u32"))
    np.minimum(bk, bn).astype("<u4").tofile(os.path.join(d, "bt_k.u32"))
    rng.random(m).astype("<f8").tofile(os.path.join(d, "bt_p.f64"))


def load_ece(d, n):
    conf = np.fromfile(os.path.join(d, "ece_conf.f32"), dtype="<f4", count=n)
    correct = np.fromfile(os.path.join(d, "ece_correct.u8"), dtype=np.uint8, count=n)
    if conf.size != n:
        raise SystemExit(f"input has {conf.size} points, fewer than the requested {n}")
    return conf, correct


def ece_numpy(conf, correct):
    """What a user writes: right-closed bins (lo, hi] (bin 0 closed at 0) via np.digitize."""
    edges = np.linspace(0.0, 1.0, BINS + 1)
    idx = np.digitize(conf, edges[1:-1], right=True)
    count = np.bincount(idx, minlength=BINS)
    sum_conf = np.bincount(idx, weights=conf, minlength=BINS)
    sum_acc = np.bincount(idx, weights=correct, minlength=BINS)
    del count
    return float(np.abs(sum_acc - sum_conf).sum() / conf.size)


def peer_fns():
    fns = {"numpy": lambda d: (lambda c, k: ece_numpy(c, k))}
    try:
        import torch
        from torchmetrics.functional.classification import binary_calibration_error

        torch.set_num_threads(2)

        def tm(c, k):
            return float(binary_calibration_error(torch.from_numpy(c), torch.from_numpy(k.astype(np.int64)), n_bins=BINS, norm="l1"))

        fns["torchmetrics"] = lambda d: tm
    except Exception as e:  # recorded, never fatal: the peer is then absent from the table
        print(f"  torchmetrics unavailable: {e!r}", flush=True)
    try:
        from netcal.metrics import ECE

        def nc(c, k):
            return float(ECE(bins=BINS).measure(c.astype(np.float64), k.astype(np.int64)))

        fns["netcal"] = lambda d: nc
    except Exception as e:
        print(f"  netcal unavailable: {e!r}", flush=True)
    return fns


def ece_cmd(d, sizes, results):
    fns = peer_fns()
    for peer, make in fns.items():
        fn = make(d)
        for n in sizes:
            conf, correct = load_ece(d, n)
            t = time.perf_counter()
            value = fn(conf, correct)  # doubles as the warm-up
            first = time.perf_counter() - t
            reps = 5 if first < 2 else (3 if first < 20 else 1)
            med, times = median_time(lambda: fn(conf, correct), reps) if reps > 1 else (first, [first])
            emit(results, {"op": "ece", "impl": peer, "n": n, "median_s": med, "times_s": times, "ece": value})
            if first > SLOW_S and n != sizes[-1]:
                emit(results, {"op": "ece", "impl": peer, "skipped_above": n, "why": f"one call took {first:.0f} s > {SLOW_S:.0f} s"})
                break
            del conf, correct


def kl(q, p):
    """kl(q || p) for q in [0, 1], p in (0, 1), with 0 ln 0 = 0."""
    def term(a, b):
        return 0.0 if a == 0 else a * math.log(a / b)

    return term(q, p) + term(1 - q, 1 - p)


def kl_inverse_upper_brentq(q, c):
    """max{p in [q, 1] : kl(q || p) <= c}, by brentq on kl(q || p) - c (the usual scipy recipe)."""
    from scipy.optimize import brentq

    if c <= 0.0 or q >= 1.0:
        return q
    if kl(q, 1.0 - 1e-16) <= c:
        return 1.0
    return brentq(lambda p: kl(q, p) - c, q, 1.0 - 1e-16, xtol=1e-15, rtol=4 * np.finfo(float).eps)


def kl_inverse_cmd(d, m, results):
    q = np.fromfile(os.path.join(d, "kl_q.f64"), dtype="<f8", count=m)
    c = np.fromfile(os.path.join(d, "kl_c.f64"), dtype="<f8", count=m)

    def run():
        return [kl_inverse_upper_brentq(float(a), float(b)) for a, b in zip(q, c)]

    med, times = median_time(run, 3)
    emit(results, {"op": "kl_inverse", "impl": "scipy_brentq", "n": m, "median_s": med, "times_s": times, "evals_per_s": m / med})


def binomial_tail_cmd(d, m, results):
    from scipy.stats import binom

    n = np.fromfile(os.path.join(d, "bt_n.u32"), dtype="<u4", count=m).astype(np.int64)
    k = np.fromfile(os.path.join(d, "bt_k.u32"), dtype="<u4", count=m).astype(np.int64)
    p = np.fromfile(os.path.join(d, "bt_p.f64"), dtype="<f8", count=m)
    # log P(X >= k) = logsf(k - 1).
    med, times = median_time(lambda: binom.logsf(k - 1, n, p), 5)
    emit(results, {"op": "binomial_tail", "impl": "scipy_binom_logsf", "n": m, "median_s": med, "times_s": times, "evals_per_s": m / med})


def versions_cmd(results):
    import importlib.metadata as md

    v = {"python": sys.version.split()[0]}
    for pkg in ["numpy", "scipy", "torch", "torchmetrics", "netcal"]:
        try:
            v[pkg] = md.version(pkg)
        except md.PackageNotFoundError:
            v[pkg] = None
    try:
        import torch

        v["torch_build"] = f"CUDA {torch.version.cuda} wheel, run on CPU" if torch.version.cuda else "CPU wheel"
    except Exception:
        pass
    emit(results, {"op": "versions", **v})


def main():
    cmd, rest = sys.argv[1], sys.argv[2:]
    results = os.environ.get("PEER_RESULTS", "/dev/null")
    if cmd == "gen":
        gen(rest[0], int(float(rest[1])), int(rest[2]))
    elif cmd == "ece":
        ece_cmd(rest[0], [int(float(s)) for s in rest[1:]], results)
    elif cmd == "kl_inverse":
        kl_inverse_cmd(rest[0], int(float(rest[1])), results)
    elif cmd == "binomial_tail":
        binomial_tail_cmd(rest[0], int(float(rest[1])), results)
    elif cmd == "versions":
        versions_cmd(results)
    else:
        raise SystemExit(f"unknown subcommand {cmd}")


if __name__ == "__main__":
    main()
