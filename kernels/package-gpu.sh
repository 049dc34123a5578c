#!/usr/bin/env bash
# Builds the GPU test and bench binaries here (no GPU, no driver: linked against the stub
# libcuda.so.1 of kernels/make-stub-libcuda.sh, with the PTX embedded) and copies them with
# kernels/run-gpu.sh into gpu-bundle/, ready to carry to a GPU machine that has the CUDA driver
# and no Rust toolchain. See kernels/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
eval "$(bash kernels/install-nvcc.sh)"
eval "$(bash kernels/make-stub-libcuda.sh)"
bundle=gpu-bundle
rm -rf "$bundle" && mkdir -p "$bundle/tests"
tests=$(ls tests/cuda_*.rs | xargs -n1 basename | sed 's/\.rs$//' | sed 's/^/--test /' | tr '\n' ' ')
# shellcheck disable=SC2086
cargo test --release --features cuda $tests --bench cuda --no-run --message-format=json \
  | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("executable"):
        print(m["target"]["kind"][0], m["target"]["name"], m["executable"])
' | while read -r kind name exe; do
  case "$kind" in
    test) cp "$exe" "$bundle/tests/$name" ;;
    bench) cp "$exe" "$bundle/bench-$name" ;;
  esac
done
cp kernels/run-gpu.sh "$bundle/"
ls -l "$bundle" "$bundle/tests" >&2
echo "package-gpu: $bundle/ is ready: carry it to the GPU machine and run $bundle/run-gpu.sh" >&2
