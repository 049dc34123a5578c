#!/usr/bin/env bash
# Runs on a GPU machine with the CUDA driver (libcuda.so.1) and no Rust toolchain, from the
# bundle that kernels/package-gpu.sh built elsewhere: every GPU test binary (ignored tests
# included: they were built where no GPU was seen) with THEOREMCHECK_REQUIRE_CUDA=1, then the
# benchmark. Results go to $OUT (default ./gpu-results). Sized for a short device lease:
# each step has a timeout, the whole run a few minutes on an H100.
set -uo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${OUT:-$PWD/gpu-results}"
mkdir -p "$out"
export THEOREMCHECK_REQUIRE_CUDA=1
status=0
{ nvidia-smi || true; nproc; } > "$out/machine.txt" 2>&1
for t in "$here"/tests/*; do
  name=$(basename "$t")
  echo "== test $name" | tee -a "$out/summary.txt"
  if ! timeout 300 "$t" --include-ignored --test-threads=1 > "$out/test-$name.txt" 2>&1; then status=1; fi
  grep -E '^test result|FAILED|panicked' "$out/test-$name.txt" | tee -a "$out/summary.txt"
done
for b in "$here"/bench-*; do
  [ -x "$b" ] || continue
  name=$(basename "$b")
  echo "== $name" | tee -a "$out/summary.txt"
  if ! timeout "${THEOREMCHECK_BENCH_TIMEOUT:-240}" "$b" > "$out/$name.jsonl" 2> "$out/$name.err"; then status=1; fi
  cat "$out/$name.jsonl" "$out/$name.err" | tee -a "$out/summary.txt"
done
exit $status
