#!/usr/bin/env bash
# Installs nvcc and ptxas of CUDA 13.0 from the Python package registry into a cache directory and
# prints the environment that uses them (shell `export` lines on stdout, progress on stderr):
#
#     eval "$(bash kernels/install-nvcc.sh)"
#
# The wheels (nvidia-cuda-nvcc, -runtime, -crt and nvidia-nvvm, which holds cicc) run on a machine
# without a GPU. The cache directory is $THEOREMCHECK_CUDA_HOME (default ~/.cache/theoremcheck-cuda);
# a second run finds everything there and downloads nothing. The host compiler is the machine's
# gcc (CUDA 13.0 accepts gcc 6 to 14; gcc 12 is what the CI image has).
set -euo pipefail
home="${THEOREMCHECK_CUDA_HOME:-$HOME/.cache/theoremcheck-cuda}"
root="$home/pkgs/nvidia/cu13"
if [ ! -x "$root/bin/nvcc" ] || [ ! -x "$root/nvvm/bin/cicc" ] || [ ! -f "$root/include/cuda_runtime.h" ]; then
  echo "install-nvcc: installing CUDA 13.0 nvcc into $home" >&2
  mkdir -p "$home/wheels"
  python3 -m pip download --quiet --no-deps -d "$home/wheels" \
    'nvidia-cuda-nvcc==13.0.*' 'nvidia-cuda-runtime==13.0.*' 'nvidia-cuda-crt==13.0.*' 'nvidia-nvvm==13.0.*' >&2
  # All four wheels share the nvidia/cu13 tree, so they go into one fresh target in one call.
  rm -rf "$home/pkgs"
  python3 -m pip install --quiet --no-deps --no-index --target "$home/pkgs" "$home"/wheels/*.whl >&2
fi
chmod +x "$root"/bin/* "$root"/nvvm/bin/* 2>/dev/null || true
"$root/bin/nvcc" --version | tail -2 >&2
echo "export THEOREMCHECK_CUDA_ROOT='$root'"
echo "export THEOREMCHECK_NVCC='$root/bin/nvcc'"
echo "export PATH='$root/bin':\"\$PATH\""
