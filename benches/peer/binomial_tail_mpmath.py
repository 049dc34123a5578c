#!/usr/bin/env python3
"""Peer timing for benches/binomial_tail.rs: mpmath on the same binomial tails at 256 bits.

P(Bin(n, 1/4) >= k) for (n, k) = (10^4, 2600) and (10^5, 26000), computed two ways at
mp.prec = 256: the regularized incomplete beta function I_p(k, n - k + 1) (through mpmath.hyp2f1), and
a direct term-by-term sum with the same recurrence the Rust reference uses. Prints the median of
repeated timings and the values, so the Rust enclosures can be compared digit for digit.

Usage: python3 benches/peer/binomial_tail_mpmath.py
mpmath is installed with pip into a virtual environment under ~/.cache/theoremcheck-peer (created
on first use) unless it is already importable.
"""
import os
import subprocess
import sys
import time
import venv

VENV = os.path.join(os.path.expanduser("~"), ".cache", "theoremcheck-peer")


def ensure_mpmath():
    """Re-executes the script inside the cached virtual environment, creating it (and installing
    mpmath with pip) on first use. THEOREMCHECK_PEER_SYSTEM=1 uses the current interpreter."""
    if os.environ.get("THEOREMCHECK_PEER_SYSTEM") == "1" or os.environ.get("THEOREMCHECK_PEER_VENV") == "1":
        return
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        venv.create(VENV, with_pip=True)
        subprocess.check_call([python, "-m", "pip", "install", "--quiet", "mpmath"])
    env = dict(os.environ, THEOREMCHECK_PEER_VENV="1")
    os.execve(python, [python] + sys.argv, env)


ensure_mpmath()
import mpmath  # noqa: E402

CASES = [(10_000, 2_600), (100_000, 26_000)]
PREC = 256


def tail_betainc(n, k, p):
    # I_p(a, b) = p^a (1-p)^b / (a B(a, b)) * 2F1(a + b, 1; a + 1; p): the positive-term form of
    # the incomplete beta function, with a raised term limit (mpmath.betainc's own series stops
    # with NoConvergence at n = 10^5 and does not take maxterms).
    a, b = k, n - k + 1
    series = mpmath.hyp2f1(a + b, 1, a + 1, p, maxterms=10**7)
    return p**a * (1 - p) ** b / (a * mpmath.beta(a, b)) * series


def tail_sum(n, k, p):
    # term_j = C(n, j) p^j (1-p)^(n-j), j = k..n, by the ratio recurrence.
    q = 1 - p
    term = mpmath.binomial(n, k) * p**k * q ** (n - k)
    total = term
    ratio = p / q
    for j in range(k, n):
        term = term * (n - j) / (j + 1) * ratio
        total += term
    return total


def median_time(f, repeats):
    times = []
    value = None
    for _ in range(repeats):
        start = time.perf_counter()
        value = f()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2], value


def main():
    mpmath.mp.prec = PREC
    p = mpmath.mpf(1) / 4
    print(f"mpmath {mpmath.__version__}, backend {mpmath.libmp.BACKEND}, prec {PREC} bits")
    for n, k in CASES:
        repeats = 10 if n <= 10_000 else 3
        t_beta, v_beta = median_time(lambda: tail_betainc(n, k, p), repeats)
        t_sum, v_sum = median_time(lambda: tail_sum(n, k, p), repeats)
        print(f"n={n} k={k} incomplete beta: {t_beta * 1e3:.2f} ms  value {mpmath.nstr(v_beta, 30)}")
        print(f"n={n} k={k} direct sum: {t_sum * 1e3:.2f} ms  value {mpmath.nstr(v_sum, 30)}")


if __name__ == "__main__":
    main()
