#!/usr/bin/env bash
# Times the studies of issue 12 with the release binary, interleaved, ROUNDS rounds (default 7),
# and prints the median wall and CPU (user + sys) seconds of each, the wall time's ratio to the
# issue's target and CPU/wall (cores kept busy), against the issue's targets:
#   tune     trajviz tune --surface rosenbrock --opt all --budget 64      (18 x 64 runs of 500 steps; < 0.5 s)
#   sweep    trajviz sweep --surface beale --opt adam,radam --lr 1e-4:1:13 (2 x 13 runs;             < 0.3 s)
#   basins   trajviz sweep --surface himmelblau --opt adam,sgd --starts 41x41 (2 x 1681 runs;         < 2 s)
# each once writing only its CSV (the runs) and once with the figure as well. Wall time counts the
# cores used (every run is an independent job); CPU time shows the work. On a shared machine the
# wall times are noisy: rerun in a quiet period. Needs: swift, python3.
# Usage: scripts/bench-studies.sh [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${1:-7}"
scratch="${SCRATCH_PATH:-.build}"
swift build -c release --product trajviz --scratch-path "$scratch" >&2
bin="$(swift build -c release --product trajviz --scratch-path "$scratch" --show-bin-path)/trajviz"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

python3 - "$bin" "$out" "$rounds" <<'PY'
import os, statistics, subprocess, sys, time
bin, out, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
cases = [
    ("tune, csv",      0.5, ["tune", "--surface", "rosenbrock", "--opt", "all", "--budget", "64", "--csv", f"{out}/t.csv"]),
    ("tune, figure",   0.5, ["tune", "--surface", "rosenbrock", "--opt", "all", "--budget", "64", "--csv", f"{out}/t.csv", "-o", f"{out}/t.png"]),
    ("sweep, csv",     0.3, ["sweep", "--surface", "beale", "--opt", "adam,radam", "--lr", "1e-4:1:13", "--csv", f"{out}/s.csv"]),
    ("sweep, figure",  0.3, ["sweep", "--surface", "beale", "--opt", "adam,radam", "--lr", "1e-4:1:13", "--csv", f"{out}/s.csv", "-o", f"{out}/s.png"]),
    ("basins, csv",    2.0, ["sweep", "--surface", "himmelblau", "--opt", "adam,sgd", "--starts", "41x41", "--csv", f"{out}/b.csv"]),
    ("basins, figure", 2.0, ["sweep", "--surface", "himmelblau", "--opt", "adam,sgd", "--starts", "41x41", "--csv", f"{out}/b.csv", "-o", f"{out}/b.png"]),
]
wall = {c[0]: [] for c in cases}; cpu = {c[0]: [] for c in cases}
for r in range(rounds):
    for name, _, args in cases:
        t = time.perf_counter(); before = os.times()
        subprocess.run([bin] + args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        after = os.times()
        wall[name].append(time.perf_counter() - t)
        cpu[name].append((after.children_user - before.children_user) + (after.children_system - before.children_system))
    print(f"round {r + 1}/{rounds} done", file=sys.stderr)
# wall/target: the share of the issue's budget used (< 1 meets it); cpu/wall: the cores the
# independent runs kept busy (about the core count when the jobs spread well).
print(f"{'case':<16}{'wall (median)':>15}{'cpu (median)':>14}{'target':>9}{'wall/target':>13}{'cpu/wall':>10}")
for name, target, _ in cases:
    w, c = statistics.median(wall[name]), statistics.median(cpu[name])
    print(f"{name:<16}{w:>13.3f} s{c:>12.3f} s{target:>7.1f} s{w / target:>13.2f}{c / w:>10.2f}  {'ok' if w < target else 'over'}")
print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.1f}")
PY
