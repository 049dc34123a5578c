#!/usr/bin/env python3
"""Peers for the certified `eval` primitives: python-flint (FLINT/Arb ball arithmetic) at 256
bits and mpmath at 80 digits, on the cases of benches/peer/certified_cases.jsonl.

Each peer is written the way a user of that library would write it: Arb's ball sum of the
binomial terms (stopped once a geometric bound on the rest is below 2^-260 of the sum, the
bound added to the radius) and Arb's regularized incomplete beta `beta_lower`; mpmath's
term sum with the same stop (no certified remainder), `ncdf`, `findroot` for the inverses.
Times are medians of repeated calls after one warm-up. One JSON line per (case, peer):
{"impl": ..., "case": i, "fn": ..., "median_s": ..., "reps": ..., "value": ..., "rel_width": ...}.

Usage: python certified.py CASES.jsonl [--min-time 0.3] [--max-reps 200] [--round R]
       python certified.py --versions
"""
import json
import math
import sys
import time

import mpmath
from flint import arb, ctx

ARB_PREC = 256
MP_DPS = 80


def timed(f, min_time, max_reps):
    value = f()  # warm-up
    times = []
    start = time.perf_counter()
    while len(times) < 3 or (time.perf_counter() - start < min_time and len(times) < max_reps):
        t = time.perf_counter()
        value = f()
        times.append(time.perf_counter() - t)
    times.sort()
    return times[len(times) // 2], len(times), value


def q_arb(s):
    a, _, b = s.partition("/")
    return arb(int(a)) / int(b or 1) if "." not in s else arb(s)


def q_mp(s):
    a, _, b = s.partition("/")
    return mpmath.mpf(int(a)) / int(b or 1) if "." not in s else mpmath.mpf(s)


# ---------- Arb (python-flint) ----------

def arb_tail_sum(n, k, p, upward=True):
    """Sum of T_j from k away from the mode, with a certified geometric remainder in the radius."""
    q = 1 - p
    term = arb.bin_uiui(n, k) * p ** k * q ** (n - k)
    total = term
    odds = p / q if upward else q / p
    target = arb(2) ** -260
    j = k
    while (j < n) if upward else (j > 0):
        r = odds * ((n - j) if upward else j) / ((j + 1) if upward else (n - j + 1))
        if r < 1 and term * r / (1 - r) < total * target:
            return total + arb(0, (term * r / (1 - r)).upper())
        term = term * r
        total += term
        j = j + 1 if upward else j - 1
    return total


def arb_case(fn, a):
    if fn == "binomial_tail_upper":
        n, k, p = a["n"], a["k"], q_arb(a["p"])
        return {"arb_ball_sum": lambda: arb_tail_sum(n, k, p), "arb_beta_lower": lambda: p.beta_lower(k, n - k + 1, regularized=True)}
    if fn == "binomial_cdf":
        n, k, p = a["n"], a["k"], q_arb(a["p"])
        return {"arb_ball_sum": lambda: arb_tail_sum(n, k, p, upward=False), "arb_beta_lower": lambda: 1 - p.beta_lower(k + 1, n - k, regularized=True)}
    if fn == "binomial_pmf":
        n, k, p = a["n"], a["k"], q_arb(a["p"])
        return {"arb": lambda: arb.bin_uiui(n, k) * p ** k * (1 - p) ** (n - k)}
    if fn == "kl_bernoulli":
        q, p = q_arb(a["q"]), q_arb(a["p"])
        return {"arb": lambda: q * (q / p).log() + (1 - q) * ((1 - q) / (1 - p)).log()}
    if fn == "normal_cdf":
        x = q_arb(a["x"])
        return {"arb": lambda: (-x / arb(2).sqrt()).erfc() / 2}
    return {}


# ---------- mpmath ----------

def mp_tail_sum(n, k, p, upward=True):
    q = 1 - p
    term = mpmath.binomial(n, k) * p ** k * q ** (n - k)
    total = term
    odds = p / q if upward else q / p
    eps = mpmath.mpf(2) ** -270
    j = k
    while (j < n) if upward else (j > 0):
        term = term * odds * ((n - j) if upward else j) / ((j + 1) if upward else (n - j + 1))
        total += term
        if term < total * eps:
            break
        j = j + 1 if upward else j - 1
    return total


def mp_kl(q, p):
    return (q * mpmath.log(q / p) if q > 0 else 0) + ((1 - q) * mpmath.log((1 - q) / (1 - p)) if q < 1 else 0)


def mp_kl_inverse(q, c, upper):
    # Newton (mpmath.findroot's default secant) in log space from the asymptote, the start our
    # own code uses, so the peer is not handicapped by a poor first point.
    w, wb = (1 - q, q) if upper else (q, 1 - q)
    t0 = (w * mpmath.log(w) + wb * mpmath.log(wb) - c) / w
    to_p = (lambda t: 1 - mpmath.exp(t)) if upper else mpmath.exp
    t = mpmath.findroot(lambda t: mp_kl(q, to_p(t)) - c, t0)
    return to_p(t)


def mp_cp(n, k, delta, upper):
    # The beta-quantile form users write: P(Bin(n,p) ≤ k) = 1 − I_p(k+1, n−k).
    if upper:
        f = lambda p: 1 - mpmath.betainc(k + 1, n - k, 0, p, regularized=True) - delta
    else:
        f = lambda p: mpmath.betainc(k, n - k + 1, 0, p, regularized=True) - delta
    guess = mpmath.mpf(k) / n
    return mpmath.findroot(f, (guess / 2 if not upper else guess, 2 * guess + 4 / mpmath.mpf(n)), solver="anderson")


def mp_case(fn, a):
    if fn in ("binomial_tail_upper", "binomial_cdf"):
        n, k, p = a["n"], a["k"], q_mp(a["p"])
        return {"mpmath_sum": lambda: mp_tail_sum(n, k, p, upward=(fn == "binomial_tail_upper"))}
    if fn == "binomial_pmf":
        n, k, p = a["n"], a["k"], q_mp(a["p"])
        return {"mpmath": lambda: mpmath.binomial(n, k) * p ** k * (1 - p) ** (n - k)}
    if fn == "kl_bernoulli":
        q, p = q_mp(a["q"]), q_mp(a["p"])
        return {"mpmath": lambda: mp_kl(q, p)}
    if fn in ("kl_inverse_upper", "kl_inverse_lower"):
        q, c = q_mp(a["q"]), q_mp(a["c"])
        return {"mpmath_findroot": lambda: mp_kl_inverse(q, c, fn.endswith("upper"))}
    if fn == "normal_cdf":
        x = q_mp(a["x"])
        return {"mpmath": lambda: mpmath.ncdf(x)}
    if fn in ("clopper_pearson_upper", "clopper_pearson_lower"):
        n, k, d = a["n"], a["k"], q_mp(a["delta"])
        return {"mpmath_findroot": lambda: mp_cp(n, k, d, fn.endswith("upper"))}
    if fn == "seeger_bound":
        emp, kl, n, d = q_mp(a["emp_risk"]), q_mp(a["kl"]), a["n"], q_mp(a["delta"])
        return {"mpmath_findroot": lambda: mp_kl_inverse(emp, (kl + mpmath.log(2 * mpmath.sqrt(n) / d)) / n, True)}
    return {}


def main():
    args = sys.argv[1:]
    if args == ["--versions"]:
        import flint
        print(json.dumps({"op": "certified_versions", "python_flint": flint.__version__, "mpmath": mpmath.__version__, "mpmath_backend": mpmath.libmp.BACKEND}))
        return
    cases_file = args[0]
    min_time = float(args[args.index("--min-time") + 1]) if "--min-time" in args else 0.3
    max_reps = int(args[args.index("--max-reps") + 1]) if "--max-reps" in args else 200
    round_no = int(args[args.index("--round") + 1]) if "--round" in args else 0
    ctx.prec = ARB_PREC
    mpmath.mp.dps = MP_DPS
    with open(cases_file) as fh:
        cases = [json.loads(l) for l in fh if l.strip()]
    for i, case in enumerate(cases):
        fn, a = case["fn"], case["args"]
        peers = {**arb_case(fn, a), **mp_case(fn, a)}
        for name, f in peers.items():
            try:
                median, reps, value = timed(f, min_time, max_reps)
            except Exception as e:  # a peer that fails on a case is reported, not fatal
                print(json.dumps({"impl": name, "round": round_no, "case": i, "fn": fn, "error": repr(e)[:200]}), flush=True)
                continue
            if isinstance(value, arb):
                rel = float((2 * value.rad() / abs(value.mid())).mid()) if value.mid() != 0 else float("inf")
                shown = value.mid().str(12)
            else:
                rel = None
                shown = mpmath.nstr(value, 12)
            print(json.dumps({"impl": name, "round": round_no, "case": i, "fn": fn, "args": a, "median_s": median, "reps": reps, "value": shown, "rel_width": rel}), flush=True)


if __name__ == "__main__":
    main()
