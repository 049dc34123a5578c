#!/usr/bin/env bash
# Peer comparison for issue 8, in one run on the same inputs:
#   our ECE kernel vs numpy / torchmetrics (CPU) / netcal, the machine's read bandwidth,
#   scipy's brentq kl-inverse and scipy.stats.binom.logsf (our kl_inverse / binomial_tail columns
#   are filled once those kernels are wired into examples/peer_timing.rs).
# Writes benches/RESULTS-peer.md. Peers live in a virtual environment under the cache dir and are
# never dependencies of the crate.
#
# Also (issue 17): the certified eval primitives against python-flint (Arb) and mpmath, in paired
# rounds on benches/peer/certified_cases.jsonl, written to benches/RESULTS-certified.md.
#
# Usage: bash benches/peer/run.sh [--sizes "1e6 1e7 1e8"] [--threads 2]
#        bash benches/peer/run.sh --certified-only [--rounds 3] [--before]
#   --certified-only  only the certified-primitive comparison (no torch/netcal, no ECE)
#   --rounds R        paired rounds for the certified comparison (default 3)
#   --before          also time, once, the exact-rational path eval used before issue 17 for
#                     the binomial cases (minutes: n = 10^6 takes 40-80 s a call)
# Environment: THEOREMCHECK_PEER_CACHE (default ~/.cache/theoremcheck-peer), PEER_SLOW_S (a peer
# whose single call takes longer is not run at larger sizes; default 60), PEER_SEED (default 8).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
sizes="1e6 1e7 1e8"
threads=2
certified_only=0
rounds=3
before=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --sizes) sizes="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --certified-only) certified_only=1; shift ;;
    --rounds) rounds="$2"; shift 2 ;;
    --before) before=1; shift ;;
    *) echo "run.sh: unknown argument '$1' (known: --sizes \"1e6 1e7\", --threads T, --certified-only, --rounds R, --before)" >&2; exit 2 ;;
  esac
done
cache="${THEOREMCHECK_PEER_CACHE:-$HOME/.cache/theoremcheck-peer}"
seed="${PEER_SEED:-8}"
venv="$cache"
inputs="$cache/inputs"
results="$cache/results-$(date -u +%Y%m%dT%H%M%SZ).jsonl"
command_line="bash benches/peer/run.sh --sizes \"$sizes\" --threads $threads"
if [[ $certified_only == 1 ]]; then command_line="bash benches/peer/run.sh --certified-only --rounds $rounds"; fi
if [[ $before == 1 ]]; then command_line="$command_line --before"; fi
say() { echo "[peer] $*" >&2; }

# 1. Peers, installed into the cached venv (each one optional: a failure is recorded, not fatal).
if [[ ! -x "$venv/bin/python" ]]; then
  say "creating virtual environment $venv"
  python3 -m venv "$venv"
fi
py="$venv/bin/python"
install_log="$cache/pip.log"
: > "$install_log"
have() { "$py" -c "import $1" 2>/dev/null; }
# Certified peers (issue 17): python-flint (FLINT/Arb), mpmath with the gmpy2 backend.
have flint || "$py" -m pip install --quiet python-flint >>"$install_log" 2>&1 || say "python-flint could not be installed (see $install_log)"
have mpmath || "$py" -m pip install --quiet mpmath >>"$install_log" 2>&1 || say "mpmath could not be installed (see $install_log)"
have gmpy2 || "$py" -m pip install --quiet gmpy2 >>"$install_log" 2>&1 || say "gmpy2 could not be installed; mpmath runs on its Python backend (see $install_log)"
load() { echo "{\"op\": \"load\", \"when\": \"$1\", \"loadavg\": \"$(cut -d' ' -f1-3 /proc/loadavg)\", \"cores\": $(nproc)}" >> "$results"; }

# The certified primitives: ours (in-process eval timings) and the peers, back to back per round.
certified() {
  local cases="$here/certified_cases.jsonl"
  if ! have flint || ! have mpmath; then say "python-flint or mpmath missing: certified comparison skipped"; return; fi
  "$py" "$here/certified.py" --versions >> "$results"
  say "building benches/certified_primitives (release)"
  (cd "$root" && cargo bench --quiet --bench certified_primitives --no-run)
  load certified-start
  for r in $(seq 1 "$rounds"); do
    say "certified round $r/$rounds: ours"
    (cd "$root" && cargo bench --quiet --bench certified_primitives -- --cases "$cases" --round "$r") >> "$results"
    say "certified round $r/$rounds: python-flint and mpmath"
    "$py" "$here/certified.py" "$cases" --round "$r" >> "$results"
  done
  load certified-end
  if [[ $before == 1 ]]; then
    say "before: the exact-rational binomial path (one call per case; minutes)"
    (cd "$root" && cargo bench --quiet --bench certified_primitives -- --cases "$cases" --baseline --min-reps 1 --max-reps 1 --no-warm-up) >> "$results"
  fi
  "$py" "$here/certified_report.py" "$results" "$root/benches/RESULTS-certified.md" "$command_line"
  say "wrote benches/RESULTS-certified.md (raw records: $results)"
}
if [[ $certified_only == 1 ]]; then
  certified
  exit 0
fi

have numpy && have scipy || "$py" -m pip install --quiet numpy scipy >>"$install_log" 2>&1 || { say "numpy/scipy could not be installed (see $install_log)"; exit 1; }
if ! have torch; then
  say "installing CPU torch (download.pytorch.org CPU index first, PyPI as fallback)"
  "$py" -m pip install --quiet torch --index-url https://download.pytorch.org/whl/cpu >>"$install_log" 2>&1 \
    || { say "CPU index unreachable; trying torch from PyPI"; "$py" -m pip install --quiet torch >>"$install_log" 2>&1; } \
    || say "torch could not be installed; torchmetrics and netcal will be missing (see $install_log)"
fi
have torchmetrics || "$py" -m pip install --quiet torchmetrics >>"$install_log" 2>&1 || say "torchmetrics could not be installed (see $install_log)"
have netcal || "$py" -m pip install --quiet netcal >>"$install_log" 2>&1 || say "netcal could not be installed (see $install_log)"
export PEER_RESULTS="$results"
"$py" "$here/peers.py" versions
load() { echo "{\"op\": \"load\", \"when\": \"$1\", \"loadavg\": \"$(cut -d' ' -f1-3 /proc/loadavg)\", \"cores\": $(nproc)}" >> "$results"; }
load start

# 2. Our timing driver.
say "building examples/peer_timing (release)"
(cd "$root" && cargo build --release --quiet --example peer_timing)
target="${CARGO_TARGET_DIR:-$root/target}"
ours="$target/release/examples/peer_timing"
[[ -x "$ours" ]] || { say "no binary at $ours"; exit 1; }

# 3. Inputs, deterministic from the seed, written once at the largest size (smaller sizes are prefixes).
max_n="$("$py" -c "print(max(int(float(s)) for s in '$sizes'.split()))")"
say "generating inputs (N = $max_n, seed $seed) in $inputs"
"$py" "$here/peers.py" gen "$inputs" "$max_n" "$seed"

# 4. Read bandwidth of this machine.
say "bandwidth probe ($threads threads)"
"$ours" --op bandwidth --threads "$threads" --mib 2048 --reps 9 | tee -a "$results"

# 5. Our ECE.
for s in $sizes; do
  n="$("$py" -c "print(int(float('$s')))")"
  say "ours: ece N = $n"
  out="$("$ours" --op ece --conf "$inputs/ece_conf.f32" --correct "$inputs/ece_correct.u8" --n "$n" --bins 15 --threads "$threads" --reps 7)"
  echo "$out" | tee -a "$results"
  if echo "$out" | grep -q '"error"'; then say "our ECE failed: $out"; exit 1; fi
done

# 6. Peers on the same files.
say "peers: ece"
"$py" "$here/peers.py" ece "$inputs" $sizes
say "ours: kl_inverse (10^6 pairs) and binomial_tail (10^6 triples)"
"$ours" --op kl_inverse --q "$inputs/kl_q.f64" --c "$inputs/kl_c.f64" --threads "$threads" --reps 7 | tee -a "$results"
"$ours" --op binomial_tail --bn "$inputs/bt_n.u32" --bk "$inputs/bt_k.u32" --bp "$inputs/bt_p.f64" --threads "$threads" --reps 7 | tee -a "$results"
say "peers: kl_inverse (scipy brentq, 10^4 evaluations) and binomial_tail (scipy logsf, 10^6)"
"$py" "$here/peers.py" kl_inverse "$inputs" 1e4
"$py" "$here/peers.py" binomial_tail "$inputs" 1e6

# 7. The certified primitives (issue 17), then the report.
certified
load end
"$py" "$here/report.py" "$results" "$root/benches/RESULTS-peer.md" "$command_line"
say "wrote benches/RESULTS-peer.md (raw records: $results)"
