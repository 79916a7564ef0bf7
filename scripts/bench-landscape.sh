#!/usr/bin/env bash
# Landscape benchmark (issue 14): the loss of the 784-128-10 MLP over a 51 x 51 grid of a plane, on 2,000
# training records, three ways, in the same run:
#   shared  trajviz's way (trajviz-bench landscape): the first layer's pre-activations are linear in its
#           weights, so three GEMMs serve the whole grid and each point runs only the rest of the network;
#   naive   the loss-landscape way in Swift (--way naive): every point's weights through the whole network;
#   torch   the loss-landscape way in torch (scripts/bench/torch_landscape.py): set_weights + forward pass
#           per point under no_grad, all records in one batch, TORCH_THREADS threads (default 2).
# Rounds are interleaved; prints the median grid seconds of each (the grid alone, timed in-process: torch's
# import and trajviz's start-up are not counted), the ratios, and the largest difference between torch's
# losses and trajviz's (the same weights, records and grid). Goal: trajviz's grid under 30 s on 2 cores.
#
# Then, unless NO_CALLGRIND=1, instruction counts (valgrind --tool=callgrind, one job, a 21 x 21 grid):
# shared against naive, the numbers to decide with on a shared, noisy machine.
#
# usage: scripts/bench-landscape.sh [ROUNDS]      (default 3; needs python3 with torch and numpy for torch)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-3}"
scratch="${SCRATCH:-.build}"
torch_threads="${TORCH_THREADS:-2}"
grid="${GRID:-51}"

swift build -c release --scratch-path "$scratch" --product trajviz-bench >&2
bench="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/trajviz-bench"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
have_torch=1
python3 -c "import torch, numpy" 2>/dev/null || have_torch=0
[ "$have_torch" = 1 ] || echo "torch not importable: trajviz times only" >&2

"$bench" landscape --grid "$grid" --write "$out/plane" > /dev/null
for round in $(seq 1 "$rounds"); do
    echo "round $round/$rounds" >&2
    "$bench" landscape --grid "$grid" >> "$out/shared"
    if [ "$have_torch" = 1 ]; then
        python3 scripts/bench/torch_landscape.py "$out/plane" --threads "$torch_threads" >> "$out/torch"
    fi
    "$bench" landscape --grid "$grid" --way naive >> "$out/naive"
done

if [ "${NO_CALLGRIND:-0}" != 1 ] && command -v valgrind > /dev/null; then
    for way in shared naive; do
        TRAJVIZ_JOBS=1 valgrind --tool=callgrind --callgrind-out-file="$out/cg.$way" \
            "$bench" landscape --grid 21 --way "$way" > /dev/null 2> "$out/cg.$way.log"
        grep -o 'Collected : [0-9]*' "$out/cg.$way.log" | awk '{ print $3 }' > "$out/instructions.$way"
    done
    # The same process with a 2 x 2 grid: start-up, data and plane, to subtract.
    TRAJVIZ_JOBS=1 valgrind --tool=callgrind --callgrind-out-file="$out/cg.base" \
        "$bench" landscape --grid 2 > /dev/null 2> "$out/cg.base.log"
    grep -o 'Collected : [0-9]*' "$out/cg.base.log" | awk '{ print $3 }' > "$out/instructions.base"
fi

python3 - "$out" "$rounds" "$torch_threads" "$grid" <<'PY'
import os, statistics, sys
out, rounds, torch_threads, grid = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])

def rows(name):
    path = os.path.join(out, name)
    if not os.path.exists(path):
        return []
    return [dict(kv.split("=", 1) for kv in line.split() if "=" in kv) for line in open(path)]

def median(name, key="grid_seconds"):
    r = rows(name)
    return statistics.median(float(x[key]) for x in r) if r else None

s, n, t = median("shared"), median("naive"), median("torch")
print(f"# median of {rounds} rounds: 784-128-10 ReLU, {grid} x {grid} grid, 2,000 records; grid seconds, in-process")
print(f"{'way':34s} {'seconds':>9s}")
print(f"{'trajviz, shared first layer':34s} {s:9.3f}")
print(f"{'trajviz, every point whole (naive)':34s} {n:9.3f}")
if t is not None:
    print(f"{'torch, loss-landscape way, ' + torch_threads + ' thr':34s} {t:9.3f}")
    diffs = rows("torch")
    print(f"torch is {t / s:.1f}x slower than trajviz (naive trajviz: {n / s:.1f}x); "
          f"largest loss difference torch - trajviz: {max(float(d['max_abs_diff']) for d in diffs):.3g} absolute, "
          f"{max(float(d['max_rel_diff']) for d in diffs):.3g} relative")
print(f"goal: under 30 s on this machine: {'met' if s < 30 else 'NOT met'}")

def count(name):
    path = os.path.join(out, "instructions." + name)
    return int(open(path).read().split()[0]) if os.path.exists(path) and open(path).read().strip() else None

shared, naive, base = count("shared"), count("naive"), count("base")
if shared and naive and base:
    print(f"# instructions (callgrind, 1 job, 21 x 21 grid, start-up subtracted): "
          f"shared {(shared - base) / 1e9:.2f}G, naive {(naive - base) / 1e9:.2f}G, "
          f"naive/shared {(naive - base) / (shared - base):.1f}x")
PY
