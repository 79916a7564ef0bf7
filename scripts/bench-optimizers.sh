#!/usr/bin/env bash
# Optimizer benchmark (issue 3): trajviz's 18 optimizers x 10,000 steps on Rosenbrock against the
# same loop in torch (scripts/bench/torch_optimizers.py), run interleaved for several rounds on the
# same machine. Prints per-optimizer median steps/second of both, their ratio, and the median ratio.
#
# usage: scripts/bench-optimizers.sh [ROUNDS]      (default 5; needs python3 with torch for the ratio)
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
scratch="${SCRATCH:-.build-opt}"

swift build -c release --scratch-path "$scratch" --product trajviz-bench >&2
bench="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/trajviz-bench"

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
have_torch=1
python3 -c "import torch, adabound, torch_optimizer, lion_pytorch" 2>/dev/null || have_torch=0
[ "$have_torch" = 1 ] || echo "torch (or adabound, torch-optimizer, lion-pytorch) not importable: trajviz rates only" >&2

for round in $(seq 1 "$rounds"); do
    echo "round $round/$rounds" >&2
    "$bench" optimizers --steps 10000 --repeat 3 > "$out/swift.$round"
    if [ "$have_torch" = 1 ]; then
        python3 scripts/bench/torch_optimizers.py --steps 1000 --repeat 2 > "$out/torch.$round"
    fi
done

python3 - "$out" "$rounds" <<'PY'
import glob, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])

def rates(prefix):
    table = {}
    for path in sorted(glob.glob(f"{out}/{prefix}.*")):
        for line in open(path):
            fields = dict(kv.split("=", 1) for kv in line.split() if "=" in kv)
            if "optimizer" in fields and "steps_per_second" in fields:
                table.setdefault(fields["optimizer"], []).append(float(fields["steps_per_second"]))
    return table

swift, torch = rates("swift"), rates("torch")
print(f"# median of {rounds} rounds; trajviz 10,000 steps, torch 1,000 steps per optimizer (steps/second)")
print(f"{'optimizer':10s} {'trajviz':>14s} {'torch':>10s} {'ratio':>9s}")
ratios = []
for name, values in swift.items():
    s = statistics.median(values)
    if name in torch:
        t = statistics.median(torch[name])
        ratios.append(s / t)
        print(f"{name:10s} {s:14.0f} {t:10.0f} {s / t:9.0f}")
    else:
        print(f"{name:10s} {s:14.0f} {'-':>10s} {'-':>9s}")
if ratios:
    print(f"median ratio: {statistics.median(ratios):.0f}x (min {min(ratios):.0f}x, max {max(ratios):.0f}x; goal >= 1000x)")
PY
