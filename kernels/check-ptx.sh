#!/usr/bin/env bash
# Compiles every kernels/*.cu to PTX with the flags of kernels/nvcc.flags (the ones build.rs uses)
# and assembles each PTX for sm_90 with `ptxas -v`, printing the register / spill report.
# Fails when nvcc or ptxas fails, or when a kernel spills. Needs nvcc on PATH
# (eval "$(bash kernels/install-nvcc.sh)"). Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
read -r -a flags < kernels/nvcc.flags
for src in kernels/*.cu; do
  name=$(basename "$src" .cu)
  nvcc "${flags[@]}" -o "$tmp/$name.ptx" "$src"
  echo "== $src -> PTX $(grep -m1 '^\.version' "$tmp/$name.ptx") $(grep -m1 '^\.target' "$tmp/$name.ptx")"
  ptxas -arch=sm_90 -v -o "$tmp/$name.cubin" "$tmp/$name.ptx" 2>&1 | grep -v 'Compile time' | tee "$tmp/$name.report"
  if grep -E '[1-9][0-9]* bytes spill (stores|loads)' "$tmp/$name.report" >/dev/null; then
    echo "check-ptx: $src spills registers" >&2
    exit 1
  fi
done
