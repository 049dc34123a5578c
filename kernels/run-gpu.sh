#!/usr/bin/env bash
# Runs on a GPU machine with the CUDA driver (libcuda.so.1) and no Rust toolchain, from the
# bundle that kernels/package-gpu.sh built elsewhere: every GPU test binary (ignored tests
# included: they were built where no GPU was seen) with THEOREMCHECK_REQUIRE_CUDA=1, then the
# benchmark. Results go to $OUT (default ./gpu-results). Sized for a short device lease: each
# test binary gets at most 120 s, the bench THEOREMCHECK_BENCH_TIMEOUT (240 s), and the whole run
# THEOREMCHECK_GPU_RUN_S (540 s, under the device tool's 10-minute command limit); a step that
# would start after that is reported as skipped and fails the run.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${OUT:-$PWD/gpu-results}"
mkdir -p "$out"
export THEOREMCHECK_REQUIRE_CUDA=1
status=0
deadline=$((SECONDS + ${THEOREMCHECK_GPU_RUN_S:-540}))
# The smaller of $1 seconds and what is left of the run's budget (0 when it is spent).
budget() { local left=$((deadline - SECONDS)); if [ "$left" -lt "$1" ]; then echo $((left > 0 ? left : 0)); else echo "$1"; fi; }
{ nvidia-smi || true; nproc; } > "$out/machine.txt" 2>&1
for t in "$here"/tests/*; do
  name=$(basename "$t")
  echo "== test $name" | tee -a "$out/summary.txt"
  limit=$(budget 120)
  if [ "$limit" -lt 5 ]; then echo "skipped: the run's time budget is spent" | tee -a "$out/summary.txt"; status=1; continue; fi
  if ! timeout "$limit" "$t" --include-ignored --test-threads=1 > "$out/test-$name.txt" 2>&1; then status=1; fi
  grep -E '^test result|FAILED|panicked' "$out/test-$name.txt" | tee -a "$out/summary.txt"
done
for b in "$here"/bench-*; do
  [ -x "$b" ] || continue
  name=$(basename "$b")
  echo "== $name" | tee -a "$out/summary.txt"
  limit=$(budget "${THEOREMCHECK_BENCH_TIMEOUT:-240}")
  if [ "$limit" -lt 5 ]; then echo "skipped: the run's time budget is spent" | tee -a "$out/summary.txt"; status=1; continue; fi
  if ! timeout "$limit" "$b" > "$out/$name.jsonl" 2> "$out/$name.err"; then status=1; fi
  cat "$out/$name.jsonl" "$out/$name.err" | tee -a "$out/summary.txt"
done
exit $status
