#!/usr/bin/env bash
# Figure cost against the number of steps: `trajviz --surface rosenbrock --opt all --steps N
# --output x.png` for N = 1e3, 1e4, 5e4, 1e5, 1e6 (and the SVG at 1e5, which took 26 s before
# paths were reduced to the figure's resolution), interleaved over ROUNDS rounds (default 5).
# Prints per N the median wall time, the median CPU time (user + sys: both cores are used, one
# steps paths while the other reduces them) and the peak memory, which should stay flat.
# Issue 10 asks: 1e6 steps under 3 s, 5e4 under 0.5 s, on this 2-core machine in a quiet period.
# Usage: scripts/bench-figure-steps.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-5}"
scratch="${SCRATCH_PATH:-.build}"
swift build -c release --product trajviz --scratch-path "$scratch" >&2
bin="$(swift build -c release --product trajviz --scratch-path "$scratch" --show-bin-path)/trajviz"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

cases=("1000 png" "10000 png" "50000 png" "100000 png" "100000 svg" "1000000 png")
python3 - "$bin" "$out" "$rounds" "${cases[@]}" <<'PY'
import resource, statistics, subprocess, sys, time
binary, out, rounds, cases = sys.argv[1], sys.argv[2], int(sys.argv[3]), [c.split() for c in sys.argv[4:]]
wall = {tuple(c): [] for c in cases}; cpu = {tuple(c): [] for c in cases}; rss = {tuple(c): 0 for c in cases}
for r in range(rounds):
    for steps, fmt in cases:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run([binary, "--surface", "rosenbrock", "--opt", "all", "--steps", steps,
                        "--output", f"{out}/x.{fmt}"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        dt = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        key = (steps, fmt)
        wall[key].append(dt)
        cpu[key].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if r == 0:
            # ru_maxrss of children is the largest so far; cases run small to large in round 1.
            rss[key] = after.ru_maxrss
    print(f"round {r + 1}/{rounds} done", file=sys.stderr)
print(f"{'steps':>9} {'format':>6} {'wall (median)':>14} {'cpu (median)':>13} {'peak RSS':>10}")
for steps, fmt in cases:
    key = (steps, fmt)
    print(f"{int(steps):>9,} {fmt:>6} {statistics.median(wall[key]) * 1000:>11.0f} ms {statistics.median(cpu[key]) * 1000:>10.0f} ms"
          f" {rss[key] / 1024:>7.0f} MiB")
PY
